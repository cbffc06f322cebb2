//! Build script of `frontdesk-shared`. OpenBLAS is no longer linked here: the local
//! embedder opens it at run time (`src/embed/local/blas.rs`) so it can choose the
//! library's AVX-512 kernels first. Kept so the crate never links a stale setting.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
}
