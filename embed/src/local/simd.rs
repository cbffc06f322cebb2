//! Runtime CPU dispatch of the element-wise and small-matrix kernels.
//!
//! The crate is compiled for baseline x86-64 (SSE2), so each kernel is compiled
//! twice: as is, and inside a `#[target_feature(enable = "avx2,fma")]` function
//! picked at run time when the CPU has those features (3-4x faster here).
//!
//! Why `unsafe` is allowed here: calling a `#[target_feature]` function from
//! code compiled without that feature is `unsafe` in Rust. Each such call below
//! is guarded by `is_x86_feature_detected!` for exactly the features the callee
//! enables, which is the documented safety condition. The kernels themselves
//! are safe Rust (bounds-checked slices).
#![allow(unsafe_code)]

use super::{kernels, math};

/// Whether the AVX2+FMA variants may run on this CPU (detection is cached by std).
#[cfg(target_arch = "x86_64")]
#[inline]
fn avx2_fma() -> bool {
    std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
}

/// Defines `pub(crate) fn $name` that runs `$body` compiled with AVX2+FMA when
/// available and as baseline code otherwise; `FMA` is a const bool in `$body`.
macro_rules! dispatch {
    ($(#[$doc:meta])* fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $body:block) => {
        $(#[$doc])*
        #[allow(clippy::too_many_arguments)]
        pub(crate) fn $name($($arg: $ty),*) {
            #[cfg(target_arch = "x86_64")]
            {
                #[target_feature(enable = "avx2,fma")]
                #[allow(clippy::too_many_arguments)]
                fn fast($($arg: $ty),*) {
                    #[allow(dead_code)]
                    const FMA: bool = true;
                    $body
                }
                if avx2_fma() {
                    // SAFETY: the CPU supports avx2 and fma, the features `fast` enables.
                    return unsafe { fast($($arg),*) };
                }
            }
            #[allow(dead_code)]
            const FMA: bool = false;
            $body
        }
    };
}

dispatch! {
    /// In-place exact (erf) GELU.
    fn gelu(xs: &mut [f32]) { math::gelu(xs) }
}

dispatch! {
    /// In-place softmax of every `n`-wide row of `x`.
    fn softmax_rows(x: &mut [f32], n: usize) {
        for row in x.chunks_exact_mut(n) {
            math::softmax(row);
        }
    }
}

dispatch! {
    /// In-place LayerNorm of every `w.len()`-wide row of `x`.
    fn layer_norm_rows(x: &mut [f32], w: &[f32], b: &[f32], eps: f32) {
        for row in x.chunks_exact_mut(w.len()) {
            math::layer_norm(row, w, b, eps);
        }
    }
}

/// `c[m x n] += alpha * a[m x k] · w[n x k]ᵀ`, row-major with strides.
#[allow(clippy::too_many_arguments)]
pub(crate) fn gemm_nt(
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
    #[cfg(target_arch = "x86_64")]
    if k % 8 == 0 && avx2_fma() {
        // SAFETY: the CPU supports avx2 and fma, the features the callee enables.
        return unsafe { avx2::gemm_nt(m, n, k, alpha, a, lda, w, ldw, c, ldc) };
    }
    kernels::gemm_nt::<false>(m, n, k, alpha, a, lda, w, ldw, c, ldc)
}

/// Whether [`gemm_nt_f16`] is available (AVX2, FMA and F16C).
pub(crate) fn has_f16_kernel() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        avx2_fma() && std::arch::is_x86_feature_detected!("f16c")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// `c[m x n] += a[m x k] · w[n x k]ᵀ` with `w` in IEEE half floats (bits),
/// all contiguous row-major. Panics unless [`has_f16_kernel`] and `k % 8 == 0`.
pub(crate) fn gemm_nt_f16(m: usize, n: usize, k: usize, a: &[f32], w: &[u16], c: &mut [f32]) {
    assert!(
        has_f16_kernel() && k % 8 == 0,
        "gemm_nt_f16 needs avx2+fma+f16c and k % 8 == 0"
    );
    #[cfg(target_arch = "x86_64")]
    // SAFETY: the CPU supports avx2, fma and f16c (asserted above).
    unsafe {
        avx2::gemm_nt_f16(m, n, k, a, w, c)
    }
}

/// Hand-written AVX2 dot-product kernel for [`gemm_nt`]; the auto-vectorised
/// generic one spills its accumulators (measured 3x slower).
#[cfg(target_arch = "x86_64")]
mod avx2 {
    use std::arch::x86_64::*;

    /// Rows `i` of `x` (stride `ld`), checked to hold `k` floats each.
    #[inline(always)]
    fn rows<const R: usize>(x: &[f32], ld: usize, i: usize, k: usize) -> [*const f32; R] {
        std::array::from_fn(|r| x[(i + r) * ld..(i + r) * ld + k].as_ptr())
    }

    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn hsum(v: __m256) -> f32 {
        let s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
        let s = _mm_add_ps(s, _mm_movehl_ps(s, s));
        let s = _mm_add_ss(s, _mm_movehdup_ps(s));
        _mm_cvtss_f32(s)
    }

    /// `R x C` dot products of `k` floats (`k % 8 == 0`).
    ///
    /// Safety: every pointer must be valid for reading `k` floats.
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn block<const R: usize, const C: usize>(
        a: [*const f32; R],
        w: [*const f32; C],
        k: usize,
    ) -> [[f32; C]; R] {
        let mut acc = [[_mm256_setzero_ps(); C]; R];
        let mut off = 0;
        while off < k {
            // SAFETY: off + 8 <= k, and each pointer covers k floats.
            let wv: [__m256; C] =
                std::array::from_fn(|c| unsafe { _mm256_loadu_ps(w[c].add(off)) });
            for r in 0..R {
                // SAFETY: as above.
                let av = unsafe { _mm256_loadu_ps(a[r].add(off)) };
                for c in 0..C {
                    acc[r][c] = _mm256_fmadd_ps(av, wv[c], acc[r][c]);
                }
            }
            off += 8;
        }
        std::array::from_fn(|r| std::array::from_fn(|c| hsum(acc[r][c])))
    }

    /// Like [`block`], `w` in half floats (converted with F16C).
    ///
    /// Safety: every pointer must be valid for reading `k` elements.
    #[inline]
    #[target_feature(enable = "avx2,fma,f16c")]
    unsafe fn block16<const R: usize, const C: usize>(
        a: [*const f32; R],
        w: [*const u16; C],
        k: usize,
    ) -> [[f32; C]; R] {
        let mut acc = [[_mm256_setzero_ps(); C]; R];
        let mut off = 0;
        while off < k {
            // SAFETY: off + 8 <= k, and each pointer covers k elements.
            let wv: [__m256; C] = std::array::from_fn(|c| {
                _mm256_cvtph_ps(unsafe { _mm_loadu_si128(w[c].add(off).cast()) })
            });
            for r in 0..R {
                // SAFETY: as above.
                let av = unsafe { _mm256_loadu_ps(a[r].add(off)) };
                for c in 0..C {
                    acc[r][c] = _mm256_fmadd_ps(av, wv[c], acc[r][c]);
                }
            }
            off += 8;
        }
        std::array::from_fn(|r| std::array::from_fn(|c| hsum(acc[r][c])))
    }

    /// See [`super::gemm_nt_f16`]; requires `k % 8 == 0`.
    #[target_feature(enable = "avx2,fma,f16c")]
    pub(super) fn gemm_nt_f16(m: usize, n: usize, k: usize, a: &[f32], w: &[u16], c: &mut [f32]) {
        debug_assert_eq!(k % 8, 0);
        let wrows = |j: usize| -> [*const u16; 4] {
            std::array::from_fn(|t| w[(j + t) * k..(j + t + 1) * k].as_ptr())
        };
        let mut j = 0;
        while j + 4 <= n {
            let wp = wrows(j);
            let mut i = 0;
            while i + 2 <= m {
                // SAFETY: `rows`/`wrows` bounds-checked every row for k elements.
                let out = unsafe { block16::<2, 4>(rows(a, k, i, k), wp, k) };
                for (r, vals) in out.iter().enumerate() {
                    for (d, v) in c[(i + r) * n + j..][..4].iter_mut().zip(vals) {
                        *d += v;
                    }
                }
                i += 2;
            }
            if i < m {
                // SAFETY: as above.
                let [vals] = unsafe { block16::<1, 4>(rows(a, k, i, k), wp, k) };
                for (d, v) in c[i * n + j..][..4].iter_mut().zip(vals) {
                    *d += v;
                }
            }
            j += 4;
        }
        for j in j..n {
            let wp = [w[j * k..(j + 1) * k].as_ptr()];
            for i in 0..m {
                // SAFETY: as above.
                let [[v]] = unsafe { block16::<1, 1>(rows(a, k, i, k), wp, k) };
                c[i * n + j] += v;
            }
        }
    }

    /// See [`super::gemm_nt`]; requires `k % 8 == 0`.
    #[target_feature(enable = "avx2,fma")]
    #[allow(clippy::too_many_arguments)]
    pub(super) fn gemm_nt(
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
        debug_assert_eq!(k % 8, 0);
        let mut j = 0;
        while j < n {
            let cols = (n - j).min(4);
            let mut i = 0;
            while i < m {
                let nrows = (m - i).min(2);
                if nrows == 2 && cols == 4 {
                    // SAFETY: `rows` bounds-checked every row for k floats.
                    let out = unsafe { block::<2, 4>(rows(a, lda, i, k), rows(w, ldw, j, k), k) };
                    for (r, vals) in out.iter().enumerate() {
                        for (d, v) in c[(i + r) * ldc + j..][..4].iter_mut().zip(vals) {
                            *d += alpha * v;
                        }
                    }
                } else {
                    for r in 0..nrows {
                        for t in 0..cols {
                            // SAFETY: as above.
                            let [[v]] = unsafe {
                                block::<1, 1>(rows(a, lda, i + r, k), rows(w, ldw, j + t, k), k)
                            };
                            c[(i + r) * ldc + j + t] += alpha * v;
                        }
                    }
                }
                i += nrows;
            }
            j += cols;
        }
    }
}

dispatch! {
    /// `c[m x n] = a[m x k] · b[k x n]`, row-major with strides.
    fn gemm_nn(m: usize, n: usize, k: usize, a: &[f32], lda: usize, b: &[f32], ldb: usize, c: &mut [f32], ldc: usize) {
        kernels::gemm_nn::<FMA>(m, n, k, a, lda, b, ldb, c, ldc)
    }
}
