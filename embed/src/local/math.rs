//! Element-wise kernels of the forward pass: exp, erf/GELU, softmax, LayerNorm.
//!
//! Written as branch-free `f32` arithmetic over fixed-width lanes so that the
//! compiler vectorises them; `std`'s `exp` and C's `erff` are scalar calls,
//! which would dominate the run time (millions of calls per chunk). Everything
//! is `#[inline(always)]` so that `simd` can compile it again inside functions
//! with AVX2 enabled; the whole-matrix entry points are in `simd`.

/// Lane count of the manual reductions (one AVX-512 register, two AVX ones).
const LANES: usize = 16;

/// `e^x` for `x` in `[-87, 88]` (Cephes `expf` polynomial, about 1 ulp);
/// inputs outside are clamped to that range.
#[inline(always)]
pub(crate) fn exp(x: f32) -> f32 {
    const LOG2E: f32 = std::f32::consts::LOG2_E;
    const LN2_HI: f32 = 0.693_359_4;
    const LN2_LO: f32 = -2.121_944_4e-4;
    // 1.5 * 2^23: adding it rounds to the nearest integer in the low mantissa bits.
    const MAGIC: f32 = 12_582_912.0;
    let x = x.clamp(-87.0, 88.0);
    let t = x * LOG2E + MAGIC;
    let n = t - MAGIC;
    let r = x - n * LN2_HI - n * LN2_LO;
    let mut p = 1.987_569_1e-4_f32;
    p = p * r + 1.398_2e-3;
    p = p * r + 8.333_452e-3;
    p = p * r + 4.166_579_6e-2;
    p = p * r + 1.666_666_5e-1;
    p = p * r + 0.5;
    let y = p * r * r + r + 1.0;
    // n is in [-126, 127]; its integer value sits in t's low mantissa bits.
    let bits = (t.to_bits() as i32).wrapping_sub(0x4B40_0000);
    let scale = f32::from_bits(((bits + 127) << 23) as u32);
    y * scale
}

/// Error function (Eigen's rational approximation; |error| < 1e-7 vs. the true erf).
#[inline(always)]
pub(crate) fn erf(x: f32) -> f32 {
    let x = x.clamp(-4.0, 4.0);
    let x2 = x * x;
    let mut p = -2.726_142_3e-10_f32;
    p = p * x2 + 2.770_681_4e-8;
    p = p * x2 - 2.101_024e-6;
    p = p * x2 - 5.692_506_4e-5;
    p = p * x2 - 7.349_906_3e-4;
    p = p * x2 - 2.954_6e-3;
    p = p * x2 - 1.609_603_3e-2;
    let mut q = -1.456_607_2e-5_f32;
    q = q * x2 - 2.133_740_6e-4;
    q = q * x2 - 1.682_827e-3;
    q = q * x2 - 7.373_329e-3;
    q = q * x2 - 1.426_474e-2;
    x * p / q
}

/// In-place exact GELU: `x * (1 + erf(x / sqrt 2)) / 2`.
#[inline(always)]
pub(crate) fn gelu(xs: &mut [f32]) {
    const FRAC_1_SQRT_2: f32 = std::f32::consts::FRAC_1_SQRT_2;
    for x in xs.iter_mut() {
        let v = *x;
        *x = 0.5 * v * (1.0 + erf(v * FRAC_1_SQRT_2));
    }
}

#[inline(always)]
fn lane_sum(acc: [f32; LANES]) -> f32 {
    acc.iter().sum()
}

/// Sum of `xs`, lane-parallel.
#[inline(always)]
fn sum(xs: &[f32]) -> f32 {
    let mut acc = [0.0f32; LANES];
    let chunks = xs.chunks_exact(LANES);
    let tail: f32 = chunks.remainder().iter().sum();
    for c in chunks {
        for (a, v) in acc.iter_mut().zip(c) {
            *a += v;
        }
    }
    lane_sum(acc) + tail
}

/// Maximum of `xs` (`-inf` for an empty slice), lane-parallel.
#[inline(always)]
fn max(xs: &[f32]) -> f32 {
    let mut acc = [f32::NEG_INFINITY; LANES];
    let chunks = xs.chunks_exact(LANES);
    let tail = chunks
        .remainder()
        .iter()
        .fold(f32::NEG_INFINITY, |m, &v| m.max(v));
    for c in chunks {
        for (a, &v) in acc.iter_mut().zip(c) {
            *a = if v > *a { v } else { *a };
        }
    }
    acc.iter().fold(tail, |m, &v| m.max(v))
}

/// In-place softmax of one row.
#[inline(always)]
pub(crate) fn softmax(row: &mut [f32]) {
    let m = max(row);
    for v in row.iter_mut() {
        *v = exp(*v - m);
    }
    let inv = 1.0 / sum(row);
    for v in row.iter_mut() {
        *v *= inv;
    }
}

/// In-place LayerNorm of one row: `(x - mean) / sqrt(var + eps) * w + b`.
#[inline(always)]
pub(crate) fn layer_norm(row: &mut [f32], w: &[f32], b: &[f32], eps: f32) {
    let n = row.len() as f32;
    let mean = sum(row) / n;
    let mut acc = [0.0f32; LANES];
    let chunks = row.chunks_exact(LANES);
    let tail: f32 = chunks
        .remainder()
        .iter()
        .map(|v| (v - mean) * (v - mean))
        .sum();
    for c in chunks {
        for (a, v) in acc.iter_mut().zip(c) {
            let d = v - mean;
            *a += d * d;
        }
    }
    let var = (lane_sum(acc) + tail) / n;
    let inv = 1.0 / (var + eps).sqrt();
    for ((v, w), b) in row.iter_mut().zip(w).zip(b) {
        *v = (*v - mean) * inv * w + b;
    }
}

/// Scales `v` to unit L2 norm (leaves an all-zero vector unchanged).
#[inline(always)]
pub(crate) fn l2_normalize(v: &mut [f32]) {
    let mut acc = [0.0f32; LANES];
    let chunks = v.chunks_exact(LANES);
    let tail: f32 = chunks.remainder().iter().map(|x| x * x).sum();
    for c in chunks {
        for (a, x) in acc.iter_mut().zip(c) {
            *a += x * x;
        }
    }
    let norm = (lane_sum(acc) + tail).sqrt();
    if norm > 0.0 {
        let inv = 1.0 / norm.max(1e-12);
        for x in v.iter_mut() {
            *x *= inv;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_matches_std() {
        for i in -8700..8800 {
            let x = i as f32 / 100.0;
            let (a, b) = (exp(x), x.exp());
            assert!(((a - b) / b).abs() < 1e-6, "exp({x}) = {a}, std {b}");
        }
    }

    #[test]
    fn erf_known_values() {
        // erf values from the standard tables.
        let cases = [
            (0.0, 0.0),
            (0.5, 0.520_499_9),
            (1.0, 0.842_700_8),
            (2.0, 0.995_322_3),
            (-1.5, -0.966_105_1),
        ];
        for (x, want) in cases {
            assert!((erf(x) - want).abs() < 1e-6, "erf({x}) = {}", erf(x));
        }
        assert_eq!(erf(10.0), erf(4.0));
    }

    #[test]
    fn softmax_sums_to_one() {
        let mut row: Vec<f32> = (0..37).map(|i| (i as f32).sin() * 5.0).collect();
        softmax(&mut row);
        assert!((row.iter().sum::<f32>() - 1.0).abs() < 1e-5);
    }
}
