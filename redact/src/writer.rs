//! A `tracing-subscriber` writer factory that masks personal data in every log line on
//! its way out, whatever the sink (stderr, a file, a progress-bar-aware writer).

use std::io;

use tracing_subscriber::fmt::MakeWriter;

/// A writer factory that masks PII in everything written through it.
pub struct Masked<M>(pub M);

impl<'a, M: MakeWriter<'a>> MakeWriter<'a> for Masked<M> {
    type Writer = MaskedWriter<M::Writer>;

    fn make_writer(&'a self) -> Self::Writer {
        MaskedWriter(self.0.make_writer())
    }
}

/// Masks each write (the formatter writes one whole event per call).
pub struct MaskedWriter<W>(W);

impl<W: io::Write> io::Write for MaskedWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        self.0.write_all(crate::pii::mask(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    #[test]
    fn log_lines_are_masked() {
        let mut out = Vec::new();
        MaskedWriter(&mut out)
            .write_all(b"2026-11-25T10:00:00Z WARN lookup failed email=ann@example.com\n")
            .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "2026-11-25T10:00:00Z WARN lookup failed email=[email]\n"
        );
    }
}
