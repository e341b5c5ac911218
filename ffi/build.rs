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
        // dlclose never unmaps the library: the embedded presets, built once
        // on first use, and the panic hook stay valid for the life of the
        // process instead of leaking with each dlopen/dlclose cycle.
        println!("cargo:rustc-cdylib-link-arg=-Wl,-z,nodelete");
        // The symbol versions (plaint.map) cannot be given here: rustc passes
        // its own unversioned list first and the linker keeps it. The
        // installed libplaint.so is linked from the static library with the
        // map by tools/ffi/lib.sh instead.
    }
    println!("cargo:rustc-env=PLAINT_BUILD_ABI_VERSION={ABI_VERSION}");
}
