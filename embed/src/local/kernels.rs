//! Matrix kernels for small products, where OpenBLAS spends more time packing
//! its operands than multiplying (a 10-token query: `m = 10`), and for the
//! per-head attention products of short sequences.
//!
//! Generic over `FMA` (fused multiply-add, only with the `fma` target feature)
//! and `#[inline(always)]`, so that `simd` instantiates them inside functions
//! compiled for AVX2. Blocking: 2 rows of `a` x 4 rows of `w`, 8 lanes each,
//! which keeps the 8 accumulators in vector registers.

const L: usize = 8;

#[inline(always)]
fn madd<const FMA: bool>(a: f32, b: f32, c: f32) -> f32 {
    if FMA {
        a.mul_add(b, c)
    } else {
        a * b + c
    }
}

/// `R x C` dot products of `a` rows with `w` rows, all exactly `k` long.
#[inline(always)]
fn block<const R: usize, const C: usize, const FMA: bool>(
    a: [&[f32]; R],
    w: [&[f32]; C],
    k: usize,
) -> [[f32; C]; R] {
    let kv = k / L * L;
    let mut acc = [[[0.0f32; L]; C]; R];
    let mut off = 0;
    while off < kv {
        let av: [&[f32]; R] = std::array::from_fn(|r| &a[r][off..off + L]);
        let wv: [&[f32]; C] = std::array::from_fn(|c| &w[c][off..off + L]);
        for r in 0..R {
            for c in 0..C {
                for l in 0..L {
                    acc[r][c][l] = madd::<FMA>(av[r][l], wv[c][l], acc[r][c][l]);
                }
            }
        }
        off += L;
    }
    let mut out = [[0.0f32; C]; R];
    for r in 0..R {
        for c in 0..C {
            let mut s: f32 = acc[r][c].iter().sum();
            for t in kv..k {
                s = madd::<FMA>(a[r][t], w[c][t], s);
            }
            out[r][c] = s;
        }
    }
    out
}

/// Row `i` (`k` long) of a row-major matrix with stride `ld`.
#[inline(always)]
fn row(x: &[f32], ld: usize, i: usize, k: usize) -> &[f32] {
    &x[i * ld..i * ld + k]
}

/// `c[m x n] += alpha * a[m x k] · w[n x k]ᵀ` (row-major, leading strides given).
#[inline(always)]
#[allow(clippy::too_many_arguments)]
pub(crate) fn gemm_nt<const FMA: bool>(
    m: usize,
    n: usize,
    k: usize,
    alpha: f32,
    a: &[f32],
    lda: usize,
    w: &[f32],
    ldw: usize,
    c: &mut [f32],
    ldc: usize,
) {
    let mut j = 0;
    while j < n {
        let cols = (n - j).min(4);
        let mut i = 0;
        while i < m {
            let rows = (m - i).min(2);
            if rows == 2 && cols == 4 {
                let out = block::<2, 4, FMA>(
                    [row(a, lda, i, k), row(a, lda, i + 1, k)],
                    std::array::from_fn(|t| row(w, ldw, j + t, k)),
                    k,
                );
                for (r, vals) in out.iter().enumerate() {
                    let dst = &mut c[(i + r) * ldc + j..][..4];
                    for (d, v) in dst.iter_mut().zip(vals) {
                        *d += alpha * v;
                    }
                }
            } else {
                for r in 0..rows {
                    for t in 0..cols {
                        let [[v]] =
                            block::<1, 1, FMA>([row(a, lda, i + r, k)], [row(w, ldw, j + t, k)], k);
                        c[(i + r) * ldc + j + t] += alpha * v;
                    }
                }
            }
            i += rows;
        }
        j += cols;
    }
}

/// `c[m x n] = a[m x k] · b[k x n]` (row-major; overwrites `c`).
#[inline(always)]
#[allow(clippy::too_many_arguments)]
pub(crate) fn gemm_nn<const FMA: bool>(
    m: usize,
    n: usize,
    k: usize,
    a: &[f32],
    lda: usize,
    b: &[f32],
    ldb: usize,
    c: &mut [f32],
    ldc: usize,
) {
    for i in 0..m {
        let dst = &mut c[i * ldc..i * ldc + n];
        dst.fill(0.0);
        for (kk, &av) in a[i * lda..i * lda + k].iter().enumerate() {
            let src = &b[kk * ldb..kk * ldb + n];
            for (d, s) in dst.iter_mut().zip(src) {
                *d = madd::<FMA>(av, *s, *d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive_nt(m: usize, n: usize, k: usize, a: &[f32], w: &[f32]) -> Vec<f32> {
        let mut c = vec![0.0; m * n];
        for i in 0..m {
            for j in 0..n {
                c[i * n + j] = (0..k).map(|t| a[i * k + t] * w[j * k + t]).sum();
            }
        }
        c
    }

    #[test]
    fn gemm_nt_matches_naive_on_odd_shapes() {
        for (m, n, k) in [(1, 1, 1), (3, 5, 7), (10, 9, 33), (2, 4, 16)] {
            let a: Vec<f32> = (0..m * k).map(|i| (i as f32 * 0.37).sin()).collect();
            let w: Vec<f32> = (0..n * k).map(|i| (i as f32 * 0.11).cos()).collect();
            let mut c = vec![1.0; m * n];
            gemm_nt::<false>(m, n, k, 2.0, &a, k, &w, k, &mut c, n);
            for (got, want) in c.iter().zip(naive_nt(m, n, k, &a, &w)) {
                assert!(
                    (got - (1.0 + 2.0 * want)).abs() < 1e-4,
                    "{m}x{n}x{k}: {got} vs {want}"
                );
            }
        }
    }

    #[test]
    fn gemm_nn_matches_naive() {
        let (m, n, k) = (3, 5, 4);
        let a: Vec<f32> = (0..m * k).map(|i| i as f32).collect();
        let b: Vec<f32> = (0..k * n).map(|i| (i % 3) as f32).collect();
        let mut c = vec![9.0; m * n];
        gemm_nn::<true>(m, n, k, &a, k, &b, n, &mut c, n);
        for i in 0..m {
            for j in 0..n {
                let want: f32 = (0..k).map(|t| a[i * k + t] * b[t * n + j]).sum();
                assert_eq!(c[i * n + j], want);
            }
        }
    }
}
