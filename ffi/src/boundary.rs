//! The boundary: panics caught, pointers and strings checked, results and errors handed out.

use crate::c_text::{self, CText};
use crate::handles::Opaque;
use crate::log::{PanicReport, capture_panics, in_call, take_panic};
use crate::status::*;
use plaint_core::decode::parse_json;
use plaint_core::{Code, Error};
use serde_json::{Value, json};
use std::ffi::c_char;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr;

/// Why a call failed.
pub(crate) enum Failure {
    /// The named pointer parameter was NULL.
    Null(&'static str),
    /// The named string parameter was not UTF-8.
    Utf8(&'static str, std::str::Utf8Error),
    /// The core (or an argument check phrased as a core code) refused.
    Core(Error),
    /// A panic was caught: what it said and where, when the hook saw it.
    Panic(Option<PanicReport>),
    /// An element of a batch failed with this status.
    Batch(plaint_status),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::Core(e)
    }
}

impl Failure {
    pub(crate) fn status(&self) -> plaint_status {
        match self {
            Failure::Null(_) => plaint_status::NullArgument,
            Failure::Utf8(..) => plaint_status::InvalidUtf8,
            Failure::Core(e) => plaint_status::from_code(e.code()),
            Failure::Panic(_) => plaint_status::Panic,
            Failure::Batch(s) => *s,
        }
    }

    /// The error JSON: the core's `{"code", "path", "message", "problems"}`,
    /// the same shape for the boundary's own failures. Their `path` is the
    /// name of the C argument at fault (`"case_json"`: no leading slash, so
    /// it is never mistaken for a JSON pointer into the input), or "".
    /// A panic adds `"panic": {"message", "location"}`.
    pub(crate) fn to_json(&self) -> String {
        let (path, message) = match self {
            Failure::Core(e) => return e.to_json().to_string(),
            Failure::Null(name) => (*name, format!("argument `{name}` is NULL")),
            Failure::Utf8(name, e) => (*name, format!("argument `{name}` is not valid UTF-8: {e}")),
            Failure::Panic(report) => ("", panic_message(report.as_ref())),
            Failure::Batch(_) => ("", "an element of the batch failed".to_string()),
        };
        let code = self.status().name().to_str().unwrap_or("panic");
        let mut v = json!({
            "code": code,
            "path": path,
            "message": message,
            "problems": [{"code": code, "path": path, "message": message}],
        });
        if let Failure::Panic(Some(r)) = self {
            v["panic"] = json!({"message": r.message, "location": r.location});
        }
        v.to_string()
    }
}

fn panic_message(report: Option<&PanicReport>) -> String {
    let head = "internal error: a panic was caught at the C boundary (please report it)";
    match report {
        Some(r) => format!("{head}: {} at {}", r.message, r.location),
        None => head.to_string(),
    }
}

/// `body` with panics caught (and their message and location kept).
fn catch(body: impl FnOnce() -> Result<(), Failure>) -> Result<(), Failure> {
    capture_panics();
    in_call(|| catch_unwind(AssertUnwindSafe(body))).unwrap_or_else(|_| Err(Failure::Panic(take_panic())))
}

/// Run `body` with panics caught; report a failure through `error_out`
/// (when not NULL: always written, NULL on success).
pub(crate) fn guard(error_out: *mut *mut c_char, body: impl FnOnce() -> Result<(), Failure>) -> plaint_status {
    let run = || {
        let result = catch(body);
        let (status, message) = match result {
            Ok(()) => (plaint_status::Ok, ptr::null_mut()),
            Err(f) => (f.status(), to_c_string(f.to_json()).unwrap_or(ptr::null_mut())),
        };
        if error_out.is_null() || !error_out.is_aligned() {
            free_c_string(message);
        } else {
            // SAFETY: the caller passes NULL or a pointer to a writable `char *`.
            unsafe { error_out.write(message) };
        }
        status
    };
    catch_unwind(AssertUnwindSafe(run)).unwrap_or(plaint_status::Panic)
}

/// `guard` for the typed calls, which report the status only.
pub(crate) fn guard_status(body: impl FnOnce() -> Result<(), Failure>) -> plaint_status {
    match catch(body) {
        Ok(()) => plaint_status::Ok,
        Err(f) => f.status(),
    }
}

/// A string parameter: `len` bytes at `p`, UTF-8.
///
/// # Safety
/// `p` is NULL or points to `len` readable bytes that stay valid and
/// unmodified for the duration of the call.
pub(crate) unsafe fn str_arg<'a>(p: *const c_char, len: usize, name: &'static str) -> Result<&'a str, Failure> {
    if p.is_null() {
        return Err(Failure::Null(name));
    }
    if len > isize::MAX as usize {
        return Err(Error::new(
            Code::InputTooLarge,
            "",
            format!("argument `{name}` of {len} bytes is too large"),
        )
        .into());
    }
    // SAFETY: non-NULL, `len` readable bytes by the caller's promise, and
    // `len` ≤ isize::MAX as `from_raw_parts` requires (u8 needs no alignment).
    let bytes = unsafe { std::slice::from_raw_parts(p.cast::<u8>(), len) };
    std::str::from_utf8(bytes).map_err(|e| Failure::Utf8(name, e))
}

/// A byte-string parameter: `len` bytes at `p`; NULL is allowed when `len` is 0.
///
/// # Safety
/// As for `str_arg`.
pub(crate) unsafe fn bytes_arg<'a>(p: *const c_char, len: usize, name: &'static str) -> Result<&'a [u8], Failure> {
    if len == 0 {
        return Ok(&[]);
    }
    if p.is_null() {
        return Err(Failure::Null(name));
    }
    if len > isize::MAX as usize {
        return Err(Error::new(
            Code::InputTooLarge,
            name,
            format!("argument `{name}` of {len} bytes is too large"),
        )
        .into());
    }
    // SAFETY: non-NULL, `len` readable bytes by the caller's promise, and
    // `len` <= isize::MAX as `from_raw_parts` requires.
    Ok(unsafe { std::slice::from_raw_parts(p.cast::<u8>(), len) })
}

/// A JSON string parameter, parsed by the core (64 MiB and 128-level limits).
///
/// # Safety
/// As for `str_arg`.
pub(crate) unsafe fn json_arg(p: *const c_char, len: usize, name: &'static str) -> Result<Value, Failure> {
    // SAFETY: forwarded caller promise.
    let text = unsafe { str_arg(p, len, name) }?;
    Ok(parse_json(text)?)
}

/// An out-pointer parameter, checked for NULL and alignment.
pub(crate) fn out_arg<T>(p: *mut T, name: &'static str) -> Result<*mut T, Failure> {
    if p.is_null() {
        Err(Failure::Null(name))
    } else if !p.is_aligned() {
        Err(Error::new(Code::InvalidValue, "", format!("argument `{name}` is misaligned")).into())
    } else {
        Ok(p)
    }
}

/// An input handle parameter: what the handle holds.
///
/// # Safety
/// `p` is NULL or a live handle returned by this library.
pub(crate) unsafe fn handle<'a, T: Opaque>(p: *const T, name: &'static str) -> Result<&'a T::Inner, Failure> {
    // SAFETY: a non-NULL handle is a live `Box<T::Inner>` made by
    // `put_handle` and never mutated after creation, by the caller's promise.
    unsafe { p.cast::<T::Inner>().as_ref() }.ok_or(Failure::Null(name))
}

/// Release a handle; NULL does nothing.
///
/// # Safety
/// `p` is NULL or a live handle from `put_handle`, released once.
pub(crate) unsafe fn free_handle<T: Opaque>(p: *mut T) {
    if !p.is_null() {
        // SAFETY: a live Box from put_handle, released once (caller's promise).
        let _ = catch_unwind(AssertUnwindSafe(|| {
            drop(unsafe { Box::from_raw(p.cast::<T::Inner>()) })
        }));
    }
}

/// An owned C string for the caller (released by `plaint_string_free`),
/// from text (a `String`, or the bytes of UTF-8 text).
pub(crate) fn to_c_string(s: impl AsRef<[u8]>) -> Result<*mut c_char, Failure> {
    let s = s.as_ref();
    if s.contains(&0) {
        return Err(Error::new(Code::InvalidValue, "", "output contains a NUL byte").into());
    }
    Ok(CText::copy_of(s).into_raw())
}

pub(crate) fn free_c_string(p: *mut c_char) {
    // SAFETY: `p` is NULL or came from `CText::into_raw` in this library and
    // is released exactly once (the caller's promise for plaint_string_free).
    unsafe { c_text::release(p) }
}

/// Write JSON text written by this library to a `char **` out-parameter
/// (`CText::into_raw`: JSON text holds no NUL byte).
///
/// # Safety
/// `out` was checked by `out_arg` and points to a writable `char *`.
pub(crate) unsafe fn put_text(out: *mut *mut c_char, text: CText) -> Result<(), Failure> {
    // SAFETY: caller's promise on `out`.
    unsafe { out.write(text.into_raw()) };
    Ok(())
}

/// Write a JSON value to a `char **` out-parameter.
///
/// # Safety
/// `out` was checked by `out_arg` and points to a writable `char *`.
pub(crate) unsafe fn put_json(out: *mut *mut c_char, v: &Value) -> Result<(), Failure> {
    // Written where C receives it: no `String` to copy, no NUL to look for.
    let mut text = CText::with_capacity(4096);
    serde_json::to_writer(text.bytes(), v).map_err(|e| Error::new(Code::InvalidValue, "", e.to_string()))?;
    // SAFETY: caller's promise on `out`.
    unsafe { put_text(out, text) }
}

/// Hand a new handle to C through a checked out-pointer.
///
/// # Safety
/// `out` was checked by `out_arg` and points to a writable `T *`.
pub(crate) unsafe fn put_handle<T: Opaque>(out: *mut *mut T, value: T::Inner) {
    // SAFETY: caller's promise on `out`; C owns the Box until its `_free`.
    unsafe { out.write(Box::into_raw(Box::new(value)).cast::<T>()) };
}
