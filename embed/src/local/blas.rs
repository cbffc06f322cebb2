//! Safe wrapper around the few OpenBLAS entry points the embedder needs, loaded at run
//! time.
//!
//! OpenBLAS is opened with `dlopen` (libloading) rather than linked, for one reason:
//! its kernel choice happens in the library's constructor, from `OPENBLAS_CORETYPE` or
//! its own CPU detection, and Debian's OpenBLAS 0.3.21 files AMD Zen 4/5 CPUs under
//! its AVX2 `ZEN` kernels although they run AVX-512. Loading it ourselves lets
//! [`load`] pick the AVX-512 `SKYLAKEX` kernels on such CPUs before the constructor
//! runs (measured: 25 → 46 chunks/s, see docs/embedder-notes.md). An explicit
//! `OPENBLAS_CORETYPE` always wins; `FRONTDESK_BLAS_LIB` names another library file.
//!
//! Why `unsafe` is allowed here (and only here): calling C through FFI and resolving
//! symbols from a shared library can only be done in `unsafe` blocks. Every symbol is
//! resolved once with its exact C signature, and the wrapper checks every dimension
//! and leading stride against the slice lengths before the call, so the C code can
//! never read or write outside the borrowed slices; the rest of the crate keeps
//! `unsafe_code = "deny"`.
#![allow(unsafe_code)]

use std::os::raw::{c_char, c_int};
use std::sync::OnceLock;

const CBLAS_ROW_MAJOR: c_int = 101;
const CBLAS_NO_TRANS: c_int = 111;
const CBLAS_TRANS: c_int = 112;

type SgemmFn = unsafe extern "C" fn(
    c_int,
    c_int,
    c_int,
    c_int,
    c_int,
    c_int,
    f32,
    *const f32,
    c_int,
    *const f32,
    c_int,
    f32,
    *mut f32,
    c_int,
);
type SetThreadsFn = unsafe extern "C" fn(c_int);
type GetThreadsFn = unsafe extern "C" fn() -> c_int;
type CoreNameFn = unsafe extern "C" fn() -> *const c_char;

/// Library file names tried in order (Debian's runtime package ships the `.so.0`).
const CANDIDATES: [&str; 2] = ["libopenblas.so.0", "libopenblas.so"];

struct Blas {
    sgemm: SgemmFn,
    set_threads: SetThreadsFn,
    get_threads: GetThreadsFn,
    core_name: Option<CoreNameFn>,
    // keeps the symbols above valid for the life of the process
    _library: libloading::Library,
}

static BLAS: OnceLock<Result<Blas, String>> = OnceLock::new();

/// Opens OpenBLAS once per process; later calls return the first outcome.
pub(crate) fn load() -> Result<(), String> {
    BLAS.get_or_init(open)
        .as_ref()
        .map(|_| ())
        .map_err(Clone::clone)
}

fn blas() -> &'static Blas {
    match BLAS.get_or_init(open) {
        Ok(b) => b,
        Err(e) => panic!("OpenBLAS is not available ({e}); LocalEmbedder::load reports this"),
    }
}

/// The core type to ask OpenBLAS for when the caller did not choose one.
fn preferred_core_type() -> Option<&'static str> {
    #[cfg(target_arch = "x86_64")]
    {
        let avx512 = std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512bw")
            && std::arch::is_x86_feature_detected!("avx512dq")
            && std::arch::is_x86_feature_detected!("avx512vl");
        if avx512 {
            return Some("SKYLAKEX");
        }
    }
    None
}

fn open() -> Result<Blas, String> {
    if std::env::var_os("OPENBLAS_CORETYPE").is_none() {
        if let Some(core) = preferred_core_type() {
            // read by OpenBLAS's constructor while dlopen below runs; set once, before
            // any embedder thread exists
            std::env::set_var("OPENBLAS_CORETYPE", core);
        }
    }
    let names: Vec<String> = match std::env::var("FRONTDESK_BLAS_LIB") {
        Ok(path) if !path.is_empty() => vec![path],
        _ => CANDIDATES.iter().map(|s| s.to_string()).collect(),
    };
    let mut errors = Vec::new();
    for name in &names {
        // SAFETY: loading OpenBLAS runs its initialisers, which only set up its own
        // thread pool and kernel tables.
        match unsafe { libloading::Library::new(name) } {
            Ok(library) => return resolve(library).map_err(|e| format!("{name}: {e}")),
            Err(e) => errors.push(format!("{name}: {e}")),
        }
    }
    Err(format!(
        "cannot open OpenBLAS ({}); install libopenblas0 (Debian: apt-get install libopenblas-dev, or run scripts/setup.sh)",
        errors.join("; ")
    ))
}

fn resolve(library: libloading::Library) -> Result<Blas, libloading::Error> {
    // SAFETY: each symbol is looked up with the exact signature OpenBLAS's cblas.h
    // declares, and the function pointers are kept next to the library that owns them.
    unsafe {
        let sgemm = *library.get::<SgemmFn>(b"cblas_sgemm\0")?;
        let set_threads = *library.get::<SetThreadsFn>(b"openblas_set_num_threads\0")?;
        let get_threads = *library.get::<GetThreadsFn>(b"openblas_get_num_threads\0")?;
        let core_name = library
            .get::<CoreNameFn>(b"openblas_get_corename\0")
            .ok()
            .map(|s| *s);
        Ok(Blas {
            sgemm,
            set_threads,
            get_threads,
            core_name,
            _library: library,
        })
    }
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
    let f = blas().sgemm;
    // SAFETY: the asserts above guarantee that every element OpenBLAS touches
    // (given these dimensions and strides) lies inside the borrowed slices; `c`
    // is borrowed mutably, so it cannot alias `a` or `b`.
    unsafe {
        f(
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
    unsafe { (blas().set_threads)(n) }
}

/// Current number of OpenBLAS worker threads.
pub(crate) fn num_threads() -> usize {
    // SAFETY: plain getter without pointer arguments.
    let n = unsafe { (blas().get_threads)() };
    usize::try_from(n).unwrap_or(1)
}

/// The kernel family OpenBLAS chose (`SkylakeX`, `Zen`, ...), when it says.
pub(crate) fn core_name() -> Option<String> {
    let f = blas().core_name?;
    // SAFETY: OpenBLAS returns a pointer to a static NUL-terminated string.
    let ptr = unsafe { f() };
    if ptr.is_null() {
        return None;
    }
    // SAFETY: non-null, NUL-terminated, static (see above).
    let name = unsafe { std::ffi::CStr::from_ptr(ptr) };
    Some(name.to_string_lossy().trim().to_string())
}
