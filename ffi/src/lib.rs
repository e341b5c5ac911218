//! plaint-ffi: the stable C ABI of plaint (`include/plaint.h`, generated from
//! this crate by the pinned cbindgen; see ffi/cbindgen.toml). One module per
//! part of the ABI, declared below in the order of the header.
//!
//! The ABI translates and never decides: every function below converts C
//! arguments, calls `plaint_core::api` (the JSON layer every host shares) or
//! the core's calendar arithmetic, and converts the result back. The rules
//! live in the core only.
//!
//! The boundary, modelled on rustls-ffi:
//! - every exported function runs its body inside `catch_unwind` (see
//!   `guard`), so a panic becomes `PLAINT_STATUS_PANIC`, never an unwind into C;
//! - every pointer is checked for NULL (and alignment) before use;
//! - strings in are pointer + length, UTF-8 checked; strings out are
//!   allocated here and released with `plaint_string_free`;
//! - results go to out-pointers, written only on success.
//!
//! The core forbids `unsafe`; this crate needs it only to read what C hands
//! over (raw pointers) and to hand out owned handles and strings. Each
//! `unsafe` block says which caller promise makes it sound.
#![allow(non_camel_case_types)] // the C names: plaint_engine, plaint_status, ...
#![deny(unsafe_op_in_unsafe_fn)]

pub mod status;
pub mod typed;
pub mod handles;
pub mod boundary;
mod c_text;
pub mod version;
pub mod log;
pub mod engine;
pub mod assessment;
pub mod provenance;
pub mod warnings;
pub mod batch;
#[doc(hidden)]
pub mod json_text;
mod assessment_json;
mod json_out;
pub mod run_op;
pub mod calendar;

pub use assessment::*;
pub use batch::*;
pub use calendar::*;
pub use engine::*;
pub use handles::*;
pub use log::*;
pub use provenance::*;
pub use run_op::*;
pub use status::*;
pub use typed::*;
pub use version::*;
pub use warnings::*;

use std::ffi::CStr;

/// The version of the C ABI. It changes only when a change would break a
/// program compiled against an older header; the shared library's soname
/// carries it (`libplaint.so.1`). Compare with `plaint_abi_version()` at run
/// time to detect a header/library mismatch.
pub const PLAINT_ABI_VERSION: u32 = 1;

/// The library version the header was generated from, as numbers
/// (`PLAINT_VERSION_MAJOR.MINOR.PATCH`, the version of Cargo.toml). Compare
/// with `plaint_version_number()` at run time.
pub const PLAINT_VERSION_MAJOR: u32 = 0;
/// See `PLAINT_VERSION_MAJOR`.
pub const PLAINT_VERSION_MINOR: u32 = 1;
/// See `PLAINT_VERSION_MAJOR`.
pub const PLAINT_VERSION_PATCH: u32 = 0;
/// `MAJOR * 1000000 + MINOR * 1000 + PATCH`, the value of
/// `plaint_version_number()` of this version: compare versions with `<`.
pub const PLAINT_VERSION_NUMBER: u32 = 1000;

const _: () = {
    // The numbers above are literals (cbindgen copies them into the header);
    // the build fails when they disagree with the crate's version.
    assert!(PLAINT_VERSION_MAJOR == parse_u32(env!("CARGO_PKG_VERSION_MAJOR")));
    assert!(PLAINT_VERSION_MINOR == parse_u32(env!("CARGO_PKG_VERSION_MINOR")));
    assert!(PLAINT_VERSION_PATCH == parse_u32(env!("CARGO_PKG_VERSION_PATCH")));
    assert!(
        PLAINT_VERSION_NUMBER == PLAINT_VERSION_MAJOR * 1_000_000 + PLAINT_VERSION_MINOR * 1_000 + PLAINT_VERSION_PATCH
    );
    assert!(PLAINT_VERSION_MINOR < 1000 && PLAINT_VERSION_PATCH < 1000);
};

const fn parse_u32(s: &str) -> u32 {
    let b = s.as_bytes();
    let (mut i, mut n) = (0, 0u32);
    while i < b.len() {
        assert!(b[i].is_ascii_digit());
        n = n * 10 + (b[i] - b'0') as u32;
        i += 1;
    }
    n
}

const _: () = {
    // build.rs passes the soname's number; both must agree.
    let b = env!("PLAINT_BUILD_ABI_VERSION").as_bytes();
    assert!(b.len() == 1 && (b[0] - b'0') as u32 == PLAINT_ABI_VERSION);
};

pub(crate) const VERSION_C: &CStr = match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes())
{
    Ok(s) => s,
    Err(_) => panic!("version contains NUL"),
};
