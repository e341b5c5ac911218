//! Version, status names, string release, the self-test.

use crate::boundary::*;
use crate::status::*;
use crate::{PLAINT_ABI_VERSION, PLAINT_VERSION_NUMBER, VERSION_C};
use std::ffi::c_char;
use std::panic::catch_unwind;
use std::ptr;

/// The library version ("0.1.0"), as a static NUL-terminated string.
/// Ownership: static, never free it. Thread safety: any thread.
#[unsafe(no_mangle)]
pub extern "C" fn plaint_version() -> *const c_char {
    VERSION_C.as_ptr()
}

/// The version of the library actually loaded, as one number:
/// `MAJOR * 1000000 + MINOR * 1000 + PATCH` (0.1.0 is 1000), equal to the
/// header's `PLAINT_VERSION_NUMBER` when header and library match.
/// Thread safety: any thread.
#[unsafe(no_mangle)]
pub extern "C" fn plaint_version_number() -> u32 {
    PLAINT_VERSION_NUMBER
}

/// The ABI version of the library actually loaded; equals the header's
/// `PLAINT_ABI_VERSION` when header and library match. Thread safety: any thread.
#[unsafe(no_mangle)]
pub extern "C" fn plaint_abi_version() -> u32 {
    PLAINT_ABI_VERSION
}

/// The stable snake_case name of a status ("ok", "null_argument",
/// "calendar_range_exceeded", ...): the `code` field of the error JSON.
/// Returns NULL for a number that is not a status of this library.
/// Ownership: static, never free it. Thread safety: any thread.
#[unsafe(no_mangle)]
pub extern "C" fn plaint_status_code_name(status: u32) -> *const c_char {
    catch_unwind(|| plaint_status::from_u32(status).map_or(ptr::null(), |s| s.name().as_ptr())).unwrap_or(ptr::null())
}

/// Release a string this library returned through a `char **` out-parameter
/// (output JSON, error JSON, formatted instants). NULL is accepted and does
/// nothing. Never pass it to the C `free`, never free a string twice, and
/// never pass a pointer this library did not return.
/// Thread safety: any thread, once per string.
///
/// # Safety
/// `s` is NULL or a string returned by this library and not yet released.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_string_free(s: *mut c_char) {
    let _ = catch_unwind(|| free_c_string(s));
}

/// Panics inside the library on purpose and returns `PLAINT_STATUS_PANIC`,
/// so a host's test suite can check that a panic never crosses the boundary
/// (it may print a message on stderr). Never needed in production.
/// `error_out`: as for every JSON-layer function (NULL, or receives the
/// error JSON). Thread safety: any thread.
///
/// # Safety
/// `error_out` is NULL or points to a writable `char *`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_selftest_panic(error_out: *mut *mut c_char) -> plaint_status {
    guard(error_out, || panic!("plaint_selftest_panic: a deliberate panic"))
}
