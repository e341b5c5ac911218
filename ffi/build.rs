//! The shared library's soname carries the ABI version (PLAINT_ABI_VERSION in
//! src/lib.rs): a program linked against libplaint.so.1 keeps working with
//! every library of ABI 1 and refuses to load an incompatible one.

/// Keep equal to `PLAINT_ABI_VERSION` in src/lib.rs (checked by a test).
const ABI_VERSION: u32 = 1;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" || os == "freebsd" || os == "netbsd" || os == "openbsd" {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libplaint.so.{ABI_VERSION}");
    }
    println!("cargo:rustc-env=PLAINT_BUILD_ABI_VERSION={ABI_VERSION}");
}
