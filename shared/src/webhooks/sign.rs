//! The `X-Frontdesk-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of
//! "<t>.<raw body>">`. The timestamp inside the signed text stops replays of old
//! deliveries; receivers compare in constant time.

use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

fn mac(secret: &str, timestamp: i64, body: &[u8]) -> HmacSha256 {
    let mut mac = HmacSha256::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

/// The header value for `body` signed at `timestamp`.
pub fn signature_header(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let digest = mac(secret, timestamp, body).finalize().into_bytes();
    format!("t={timestamp},v1={}", hex::encode(digest))
}

/// Whether `header` is a valid signature of `body` made within `tolerance_secs` of `now`.
pub fn verify_signature(
    secret: &str,
    header: &str,
    body: &[u8],
    now: i64,
    tolerance_secs: i64,
) -> bool {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", v)) => timestamp = v.parse::<i64>().ok(),
            Some(("v1", v)) => signatures.extend(hex::decode(v).ok()),
            _ => {}
        }
    }
    let Some(t) = timestamp else { return false };
    if (now - t).abs() > tolerance_secs {
        return false;
    }
    signatures
        .iter()
        .any(|s| mac(secret, t, body).verify_slice(s).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_and_verifies() {
        let body = br#"{"event":"ticket.created"}"#;
        let h = signature_header("s3cret", 1_764_590_000, body);
        assert!(h.starts_with("t=1764590000,v1="));
        assert!(verify_signature("s3cret", &h, body, 1_764_590_100, 300));
        assert!(
            !verify_signature("s3cret", &h, body, 1_764_590_400, 300),
            "stale"
        );
        assert!(!verify_signature("other", &h, body, 1_764_590_000, 300));
        assert!(!verify_signature("s3cret", &h, b"{}", 1_764_590_000, 300));
        assert!(!verify_signature(
            "s3cret",
            "v1=00",
            body,
            1_764_590_000,
            300
        ));
    }
}
