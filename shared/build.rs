//! Build script of `frontdesk-shared`: links the system OpenBLAS, which the local
//! sentence embedder (`src/embed/local/blas.rs`) calls for its matrix products.
//! On Debian/Ubuntu it comes from `libopenblas-dev` (installed by `scripts/setup.sh`).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rustc-link-lib=openblas");
}
