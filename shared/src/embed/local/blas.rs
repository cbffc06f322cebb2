//! Safe wrapper around the two OpenBLAS entry points the embedder needs.
//!
//! Why `unsafe` is allowed here (and only here): `cblas_sgemm` is a C function
//! reached through FFI, which Rust can only call in an `unsafe` block. The
//! wrapper below checks every dimension and leading stride against the slice
//! lengths before the call, so the C code can never read or write outside the
//! borrowed slices; the rest of the crate keeps `unsafe_code = "deny"`.
#![allow(unsafe_code)]

use std::os::raw::c_int;

const CBLAS_ROW_MAJOR: c_int = 101;
const CBLAS_NO_TRANS: c_int = 111;
const CBLAS_TRANS: c_int = 112;

extern "C" {
    fn cblas_sgemm(
        order: c_int,
        trans_a: c_int,
        trans_b: c_int,
        m: c_int,
        n: c_int,
        k: c_int,
        alpha: f32,
        a: *const f32,
        lda: c_int,
        b: *const f32,
        ldb: c_int,
        beta: f32,
        c: *mut f32,
        ldc: c_int,
    );
    fn openblas_set_num_threads(num_threads: c_int);
    fn openblas_get_num_threads() -> c_int;
}

/// A row-major matrix operand: `data` with `ld` floats between row starts,
/// optionally used transposed.
#[derive(Clone, Copy)]
pub(crate) struct Mat<'a> {
    pub data: &'a [f32],
    pub ld: usize,
    pub trans: bool,
}

impl<'a> Mat<'a> {
    pub fn new(data: &'a [f32], ld: usize) -> Self {
        Self {
            data,
            ld,
            trans: false,
        }
    }

    pub fn t(data: &'a [f32], ld: usize) -> Self {
        Self {
            data,
            ld,
            trans: true,
        }
    }
}

/// Whether a row-major `rows x cols` matrix with stride `ld` fits in `len` floats.
fn fits(rows: usize, cols: usize, ld: usize, len: usize) -> bool {
    ld >= cols.max(1) && (rows == 0 || cols == 0 || (rows - 1) * ld + cols <= len)
}

fn int(v: usize) -> c_int {
    c_int::try_from(v).expect("matrix dimension exceeds the BLAS integer range")
}

/// `C[m x n] = alpha * op(A)[m x k] * op(B)[k x n] + beta * C`, all row-major.
///
/// Panics when a dimension does not fit its slice (a programming error, never
/// a consequence of user input: shapes come from the model configuration).
#[allow(clippy::too_many_arguments)]
pub(crate) fn sgemm(
    m: usize,
    n: usize,
    k: usize,
    alpha: f32,
    a: Mat<'_>,
    b: Mat<'_>,
    beta: f32,
    c: &mut [f32],
    ldc: usize,
) {
    let (a_rows, a_cols) = if a.trans { (k, m) } else { (m, k) };
    let (b_rows, b_cols) = if b.trans { (n, k) } else { (k, n) };
    assert!(
        fits(a_rows, a_cols, a.ld, a.data.len()),
        "sgemm: A out of bounds"
    );
    assert!(
        fits(b_rows, b_cols, b.ld, b.data.len()),
        "sgemm: B out of bounds"
    );
    assert!(fits(m, n, ldc, c.len()), "sgemm: C out of bounds");
    if m == 0 || n == 0 {
        return;
    }
    let op = |t: bool| if t { CBLAS_TRANS } else { CBLAS_NO_TRANS };
    // SAFETY: the asserts above guarantee that every element OpenBLAS touches
    // (given these dimensions and strides) lies inside the borrowed slices; `c`
    // is borrowed mutably, so it cannot alias `a` or `b`.
    unsafe {
        cblas_sgemm(
            CBLAS_ROW_MAJOR,
            op(a.trans),
            op(b.trans),
            int(m),
            int(n),
            int(k),
            alpha,
            a.data.as_ptr(),
            int(a.ld),
            b.data.as_ptr(),
            int(b.ld),
            beta,
            c.as_mut_ptr(),
            int(ldc),
        );
    }
}

/// Sets the number of OpenBLAS worker threads (process-wide).
pub(crate) fn set_num_threads(n: usize) {
    let n = c_int::try_from(n.max(1)).unwrap_or(c_int::MAX);
    // SAFETY: plain setter without pointer arguments.
    unsafe { openblas_set_num_threads(n) }
}

/// Current number of OpenBLAS worker threads.
pub(crate) fn num_threads() -> usize {
    // SAFETY: plain getter without pointer arguments.
    let n = unsafe { openblas_get_num_threads() };
    usize::try_from(n).unwrap_or(1)
}
