//! The shared library's soname carries the ABI version (PLAINT_ABI_VERSION in
//! src/lib.rs): a program linked against libplaint.so.1 keeps working with
//! every library of ABI 1 and refuses to load an incompatible one.

/// Keep equal to `PLAINT_ABI_VERSION` in src/lib.rs (checked by a test).
const ABI_VERSION: u32 = 1;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    println!("cargo:rerun-if-changed=plaint.map");
    if os == "linux" || os == "freebsd" || os == "netbsd" || os == "openbsd" {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libplaint.so.{ABI_VERSION}");
        // Every plaint_* symbol versioned PLAINT_1, nothing else exported.
        let map = std::path::Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("plaint.map");
        println!("cargo:rustc-cdylib-link-arg=-Wl,--version-script={}", map.display());
        // dlclose never unmaps the library: the embedded presets, built once
        // on first use, and the panic hook stay valid for the life of the
        // process instead of leaking with each dlopen/dlclose cycle.
        println!("cargo:rustc-cdylib-link-arg=-Wl,-z,nodelete");
    }
    println!("cargo:rustc-env=PLAINT_BUILD_ABI_VERSION={ABI_VERSION}");
}
