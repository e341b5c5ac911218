//! plaint-ffi: the stable C ABI of plaint (`include/plaint.h`, generated from
//! this file by the pinned cbindgen; see ffi/cbindgen.toml).
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

use plaint_core::decode::parse_json;
use plaint_core::{Calendar, Clock, Code, End, Error, Instant, Policy, Roll, Span, api};
use serde_json::{Value, json};
use std::ffi::{CStr, CString, c_char};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr;
use std::sync::Arc;

/// The version of the C ABI. It changes only when a change would break a
/// program compiled against an older header; the shared library's soname
/// carries it (`libplaint.so.1`). Compare with `plaint_abi_version()` at run
/// time to detect a header/library mismatch.
pub const PLAINT_ABI_VERSION: u32 = 1;

const _: () = {
    // build.rs passes the soname's number; both must agree.
    let b = env!("PLAINT_BUILD_ABI_VERSION").as_bytes();
    assert!(b.len() == 1 && (b[0] - b'0') as u32 == PLAINT_ABI_VERSION);
};

const VERSION_C: &CStr = match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
    Ok(s) => s,
    Err(_) => panic!("version contains NUL"),
};

// ------------------------------------------------------------------ status

/// The outcome of every fallible function. Numbers are API: never renumbered
/// and never reused. 0 is success; 1-99 are problems of the call itself
/// (a NULL pointer, bytes that are not UTF-8, a caught panic); 100 and up
/// are the core's error codes, one each (docs/errors.md), in the order of
/// the core's catalogue. `plaint_status_code_name` gives the stable
/// snake_case name of each (the `code` of the error JSON).
///
/// In C this is a `uint32_t`: a library newer than your header may return a
/// number your header does not name; treat unknown numbers as errors.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum plaint_status {
    /// Success. "ok".
    Ok = 0,
    /// A pointer parameter that must not be NULL was NULL. "null_argument".
    NullArgument = 1,
    /// A string parameter was not valid UTF-8. "invalid_utf8".
    InvalidUtf8 = 2,
    /// A bug inside plaint panicked; the panic was caught at the boundary and
    /// nothing was written to the out-pointers. Please report it. "panic".
    Panic = 3,
    /// "invalid_json": not well-formed JSON, or nested deeper than 128 levels.
    InvalidJson = 100,
    /// "invalid_type": a value has the wrong JSON type.
    InvalidType = 101,
    /// "missing_field": a required field is absent.
    MissingField = 102,
    /// "unknown_field": a key the format does not define.
    UnknownField = 103,
    /// "invalid_value": a value outside the allowed set or range (also an
    /// unknown clock/end/roll number or a misaligned pointer in the typed calls).
    InvalidValue = 104,
    /// "unsupported_version": a format version this library does not read.
    UnsupportedVersion = 105,
    /// "instant_without_offset": a timestamp without a UTC offset.
    InstantWithoutOffset = 106,
    /// "invalid_instant": a timestamp that is not RFC 3339 or out of range
    /// (epoch milliseconds outside years 1000-9999).
    InvalidInstant = 107,
    /// "invalid_date": a date that is not YYYY-MM-DD.
    InvalidDate = 108,
    /// "unknown_zone": an unknown IANA time zone.
    UnknownZone = 109,
    /// "invalid_hours": a malformed business-hours interval.
    InvalidHours = 110,
    /// "overlapping_hours": business-hours intervals overlap.
    OverlappingHours = 111,
    /// "conflicting_day": a date is both a holiday and a working day.
    ConflictingDay = 112,
    /// "invalid_range": an empty or inverted range.
    InvalidRange = 113,
    /// "duplicate_id": two entries share an id.
    DuplicateId = 114,
    /// "unknown_reference": a reference to something undefined.
    UnknownReference = 115,
    /// "unknown_preset": no embedded policy preset has this name.
    UnknownPreset = 116,
    /// "unknown_calendar": no embedded calendar has this name.
    UnknownCalendar = 117,
    /// "calendar_range_exceeded": the computation needs a date outside the
    /// calendar's data; plaint never guesses.
    CalendarRangeExceeded = 118,
    /// "negative_amount": an amount of time is negative.
    NegativeAmount = 119,
    /// "amount_overflow": an amount or a result is too large.
    AmountOverflow = 120,
    /// "invalid_transition": an event not allowed in the lifecycle state.
    InvalidTransition = 121,
    /// "invalid_event": an event inconsistent with the log.
    InvalidEvent = 122,
    /// "input_too_large": an input above a documented limit (64 MiB of JSON).
    InputTooLarge = 123,
}

impl plaint_status {
    /// Every status, in numeric order.
    pub const ALL: &'static [plaint_status] = &[
        plaint_status::Ok,
        plaint_status::NullArgument,
        plaint_status::InvalidUtf8,
        plaint_status::Panic,
        plaint_status::InvalidJson,
        plaint_status::InvalidType,
        plaint_status::MissingField,
        plaint_status::UnknownField,
        plaint_status::InvalidValue,
        plaint_status::UnsupportedVersion,
        plaint_status::InstantWithoutOffset,
        plaint_status::InvalidInstant,
        plaint_status::InvalidDate,
        plaint_status::UnknownZone,
        plaint_status::InvalidHours,
        plaint_status::OverlappingHours,
        plaint_status::ConflictingDay,
        plaint_status::InvalidRange,
        plaint_status::DuplicateId,
        plaint_status::UnknownReference,
        plaint_status::UnknownPreset,
        plaint_status::UnknownCalendar,
        plaint_status::CalendarRangeExceeded,
        plaint_status::NegativeAmount,
        plaint_status::AmountOverflow,
        plaint_status::InvalidTransition,
        plaint_status::InvalidEvent,
        plaint_status::InputTooLarge,
    ];

    /// The status of a core error code. Exhaustive on purpose: a new core
    /// code does not compile until it has a number here.
    pub fn from_code(code: Code) -> plaint_status {
        match code {
            Code::InvalidJson => plaint_status::InvalidJson,
            Code::InvalidType => plaint_status::InvalidType,
            Code::MissingField => plaint_status::MissingField,
            Code::UnknownField => plaint_status::UnknownField,
            Code::InvalidValue => plaint_status::InvalidValue,
            Code::UnsupportedVersion => plaint_status::UnsupportedVersion,
            Code::InstantWithoutOffset => plaint_status::InstantWithoutOffset,
            Code::InvalidInstant => plaint_status::InvalidInstant,
            Code::InvalidDate => plaint_status::InvalidDate,
            Code::UnknownZone => plaint_status::UnknownZone,
            Code::InvalidHours => plaint_status::InvalidHours,
            Code::OverlappingHours => plaint_status::OverlappingHours,
            Code::ConflictingDay => plaint_status::ConflictingDay,
            Code::InvalidRange => plaint_status::InvalidRange,
            Code::DuplicateId => plaint_status::DuplicateId,
            Code::UnknownReference => plaint_status::UnknownReference,
            Code::UnknownPreset => plaint_status::UnknownPreset,
            Code::UnknownCalendar => plaint_status::UnknownCalendar,
            Code::CalendarRangeExceeded => plaint_status::CalendarRangeExceeded,
            Code::NegativeAmount => plaint_status::NegativeAmount,
            Code::AmountOverflow => plaint_status::AmountOverflow,
            Code::InvalidTransition => plaint_status::InvalidTransition,
            Code::InvalidEvent => plaint_status::InvalidEvent,
            Code::InputTooLarge => plaint_status::InputTooLarge,
        }
    }

    /// The stable snake_case name (a core code's `as_str` for 100 and up).
    pub fn name(self) -> &'static CStr {
        match self {
            plaint_status::Ok => c"ok",
            plaint_status::NullArgument => c"null_argument",
            plaint_status::InvalidUtf8 => c"invalid_utf8",
            plaint_status::Panic => c"panic",
            plaint_status::InvalidJson => c"invalid_json",
            plaint_status::InvalidType => c"invalid_type",
            plaint_status::MissingField => c"missing_field",
            plaint_status::UnknownField => c"unknown_field",
            plaint_status::InvalidValue => c"invalid_value",
            plaint_status::UnsupportedVersion => c"unsupported_version",
            plaint_status::InstantWithoutOffset => c"instant_without_offset",
            plaint_status::InvalidInstant => c"invalid_instant",
            plaint_status::InvalidDate => c"invalid_date",
            plaint_status::UnknownZone => c"unknown_zone",
            plaint_status::InvalidHours => c"invalid_hours",
            plaint_status::OverlappingHours => c"overlapping_hours",
            plaint_status::ConflictingDay => c"conflicting_day",
            plaint_status::InvalidRange => c"invalid_range",
            plaint_status::DuplicateId => c"duplicate_id",
            plaint_status::UnknownReference => c"unknown_reference",
            plaint_status::UnknownPreset => c"unknown_preset",
            plaint_status::UnknownCalendar => c"unknown_calendar",
            plaint_status::CalendarRangeExceeded => c"calendar_range_exceeded",
            plaint_status::NegativeAmount => c"negative_amount",
            plaint_status::AmountOverflow => c"amount_overflow",
            plaint_status::InvalidTransition => c"invalid_transition",
            plaint_status::InvalidEvent => c"invalid_event",
            plaint_status::InputTooLarge => c"input_too_large",
        }
    }

    /// The status with this number, if any.
    pub fn from_u32(n: u32) -> Option<plaint_status> {
        plaint_status::ALL.iter().copied().find(|s| *s as u32 == n)
    }
}

// ------------------------------------------------------------------ typed enums

/// The clock of a typed deadline call (`clock` parameter of
/// `plaint_calendar_add`): which time counts. Same meaning as the `clock`
/// codes of the JSON formats.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum plaint_clock {
    /// "elapsed": all time; amount in minutes.
    Elapsed = 0,
    /// "business": business hours of working days; amount in minutes.
    Business = 1,
    /// "working_days": whole working days, the start day not counted.
    WorkingDays = 2,
    /// "calendar_days": whole days, the start day not counted.
    CalendarDays = 3,
    /// "weeks": 7-day weeks.
    Weeks = 4,
    /// "months": calendar months, clamped to the month's last day.
    Months = 5,
}

/// Where a day-based deadline ends on its last day (`end` parameter).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum plaint_end {
    /// The calendar's default: close of business when it has business hours,
    /// else end of day (the JSON layer's omitted "end").
    Default = 0,
    /// "close_of_business": the end of the day's last business interval.
    CloseOfBusiness = 1,
    /// "end_of_day": 24:00 local.
    EndOfDay = 2,
}

/// What happens when a calendar-day deadline falls on a non-working day
/// (`roll` parameter).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum plaint_roll {
    /// "none": keep the day.
    None = 0,
    /// "next_working_day": move to the next working day.
    NextWorkingDay = 1,
}

fn clock_of(n: u32) -> Option<Clock> {
    Some(match n {
        0 => Clock::Elapsed,
        1 => Clock::Business,
        2 => Clock::WorkingDays,
        3 => Clock::CalendarDays,
        4 => Clock::Weeks,
        5 => Clock::Months,
        _ => return None,
    })
}

fn end_of(n: u32) -> Option<Option<End>> {
    Some(match n {
        0 => None,
        1 => Some(End::CloseOfBusiness),
        2 => Some(End::EndOfDay),
        _ => return None,
    })
}

fn roll_of(n: u32) -> Option<Roll> {
    Some(match n {
        0 => Roll::None,
        1 => Roll::NextWorkingDay,
        _ => return None,
    })
}

/// The span of a typed call: the same conversion as the JSON layer's
/// deadline request (amount in minutes for duration clocks).
fn span_of(clock: u32, amount: i64, end: u32, roll: u32) -> Result<Span, Error> {
    let bad = |what: &str, n: u32| Error::new(Code::InvalidValue, format!("/{what}"), format!("unknown {what} {n}"));
    let c = clock_of(clock).ok_or_else(|| bad("clock", clock))?;
    let e = end_of(end).ok_or_else(|| bad("end", end))?;
    let r = roll_of(roll).ok_or_else(|| bad("roll", roll))?;
    let span = Span::from_edge_amount(c, amount)
        .ok_or_else(|| Error::new(Code::AmountOverflow, "/amount", format!("amount {amount} is too large")))?;
    Ok(span.with_end(e).with_roll(r))
}

// ------------------------------------------------------------------ handles

/// A validated policy, ready to classify and assess. Opaque. Immutable after
/// creation and safe to share between threads (Send + Sync): any number of
/// threads may call functions on the same engine at once without locks.
/// Create with `plaint_engine_from_preset` or `plaint_engine_from_json`,
/// release with `plaint_engine_free`.
pub struct plaint_engine {
    policy: Arc<Policy>,
}

/// A working calendar with its precomputed index. Opaque. Immutable after
/// creation and safe to share between threads (Send + Sync). Create with
/// `plaint_calendar_from_preset`, `plaint_calendar_from_json` or
/// `plaint_engine_calendar`; release with `plaint_calendar_free`.
pub struct plaint_calendar {
    calendar: Arc<Calendar>,
}

const _: () = {
    const fn shareable<T: Send + Sync>() {}
    shareable::<plaint_engine>();
    shareable::<plaint_calendar>();
};

// ------------------------------------------------------------------ boundary

/// Why a call failed.
enum Failure {
    /// The named pointer parameter was NULL.
    Null(&'static str),
    /// The named string parameter was not UTF-8.
    Utf8(&'static str, std::str::Utf8Error),
    /// The core (or an argument check phrased as a core code) refused.
    Core(Error),
    /// A panic was caught.
    Panic,
    /// An element of a batch failed with this status.
    Batch(plaint_status),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::Core(e)
    }
}

impl Failure {
    fn status(&self) -> plaint_status {
        match self {
            Failure::Null(_) => plaint_status::NullArgument,
            Failure::Utf8(..) => plaint_status::InvalidUtf8,
            Failure::Core(e) => plaint_status::from_code(e.code()),
            Failure::Panic => plaint_status::Panic,
            Failure::Batch(s) => *s,
        }
    }

    /// The error JSON: the core's `{"code", "path", "message", "problems"}`,
    /// the same shape for the boundary's own failures.
    fn to_json(&self) -> String {
        let message = match self {
            Failure::Core(e) => return e.to_json().to_string(),
            Failure::Null(name) => format!("argument `{name}` is NULL"),
            Failure::Utf8(name, e) => format!("argument `{name}` is not valid UTF-8: {e}"),
            Failure::Panic => "internal error: a panic was caught at the C boundary (please report it)".to_string(),
            Failure::Batch(_) => "an element of the batch failed".to_string(),
        };
        let code = self.status().name().to_str().unwrap_or("panic");
        json!({
            "code": code,
            "path": "",
            "message": message,
            "problems": [{"code": code, "path": "", "message": message}],
        })
        .to_string()
    }
}

/// Run `body` with panics caught; report a failure through `error_out`
/// (when not NULL: always written, NULL on success).
fn guard(error_out: *mut *mut c_char, body: impl FnOnce() -> Result<(), Failure>) -> plaint_status {
    let run = || {
        let result = catch_unwind(AssertUnwindSafe(body)).unwrap_or(Err(Failure::Panic));
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
fn guard_status(body: impl FnOnce() -> Result<(), Failure>) -> plaint_status {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => plaint_status::Ok,
        Ok(Err(f)) => f.status(),
        Err(_) => plaint_status::Panic,
    }
}

/// A string parameter: `len` bytes at `p`, UTF-8.
///
/// # Safety
/// `p` is NULL or points to `len` readable bytes that stay valid and
/// unmodified for the duration of the call.
unsafe fn str_arg<'a>(p: *const c_char, len: usize, name: &'static str) -> Result<&'a str, Failure> {
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

/// A JSON string parameter, parsed by the core (64 MiB and 128-level limits).
///
/// # Safety
/// As for `str_arg`.
unsafe fn json_arg(p: *const c_char, len: usize, name: &'static str) -> Result<Value, Failure> {
    // SAFETY: forwarded caller promise.
    let text = unsafe { str_arg(p, len, name) }?;
    Ok(parse_json(text)?)
}

/// An out-pointer parameter, checked for NULL and alignment.
fn out_arg<T>(p: *mut T, name: &'static str) -> Result<*mut T, Failure> {
    if p.is_null() {
        Err(Failure::Null(name))
    } else if !p.is_aligned() {
        Err(Error::new(Code::InvalidValue, "", format!("argument `{name}` is misaligned")).into())
    } else {
        Ok(p)
    }
}

/// An input handle parameter.
///
/// # Safety
/// `p` is NULL or a live handle returned by this library.
unsafe fn handle<'a, T>(p: *const T, name: &'static str) -> Result<&'a T, Failure> {
    // SAFETY: a non-NULL handle is a live `Box<T>` made by this library and
    // never mutated after creation, by the caller's promise.
    unsafe { p.as_ref() }.ok_or(Failure::Null(name))
}

/// An owned C string for the caller (released by `plaint_string_free`).
fn to_c_string(s: String) -> Result<*mut c_char, Failure> {
    CString::new(s)
        .map(CString::into_raw)
        .map_err(|_| Error::new(Code::InvalidValue, "", "output contains a NUL byte").into())
}

fn free_c_string(p: *mut c_char) {
    if !p.is_null() {
        // SAFETY: `p` came from `CString::into_raw` in this library and is
        // released exactly once (the caller's promise for plaint_string_free).
        drop(unsafe { CString::from_raw(p) });
    }
}

/// Write a JSON value to a `char **` out-parameter.
///
/// # Safety
/// `out` was checked by `out_arg` and points to a writable `char *`.
unsafe fn put_json(out: *mut *mut c_char, v: &Value) -> Result<(), Failure> {
    let s = to_c_string(v.to_string())?;
    // SAFETY: caller's promise on `out`.
    unsafe { out.write(s) };
    Ok(())
}

/// Hand a new handle to C through a checked out-pointer.
///
/// # Safety
/// `out` was checked by `out_arg` and points to a writable `T *`.
unsafe fn put_handle<T>(out: *mut *mut T, value: T) {
    // SAFETY: caller's promise on `out`; C owns the Box until its `_free`.
    unsafe { out.write(Box::into_raw(Box::new(value))) };
}

// ------------------------------------------------------------------ version, strings, status

/// The library version ("0.1.0"), as a static NUL-terminated string.
/// Ownership: static, never free it. Thread safety: any thread.
#[unsafe(no_mangle)]
pub extern "C" fn plaint_version() -> *const c_char {
    VERSION_C.as_ptr()
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

// ------------------------------------------------------------------ engines

/// Create an engine from an embedded policy preset ("cn-property",
/// "cn-goods", "cn-telecom", "cn-petition").
///
/// - `name`, `name_len`: the preset name, UTF-8, not NUL-terminated (a
///   trailing NUL would be part of the name); borrowed for the call only.
///   Must not be NULL.
/// - `engine_out`: must not be NULL; on success receives a new engine that
///   the caller owns and releases with `plaint_engine_free`; untouched on failure.
/// - `error_out`: NULL to ignore details; otherwise always written: NULL on
///   success, on failure an error JSON `{"code", "path", "message",
///   "problems": [{"code", "path", "message"}]}` that the caller releases
///   with `plaint_string_free`.
///
/// Returns `PLAINT_STATUS_OK`, `PLAINT_STATUS_UNKNOWN_PRESET`, or a boundary
/// status. Thread safety: any thread.
///
/// # Safety
/// Pointers are NULL or valid for the stated sizes for the whole call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_engine_from_preset(
    name: *const c_char,
    name_len: usize,
    engine_out: *mut *mut plaint_engine,
    error_out: *mut *mut c_char,
) -> plaint_status {
    guard(error_out, || {
        let out = out_arg(engine_out, "engine_out")?;
        // SAFETY: caller's promise on `name`.
        let name = unsafe { str_arg(name, name_len, "name") }?;
        let policy = api::policy_from(&Value::String(name.to_owned()))?;
        // SAFETY: `out` checked above.
        unsafe { put_handle(out, plaint_engine { policy }) };
        Ok(())
    })
}

/// Create an engine from a policy document (JSON text, `"plaint_policy": 1`;
/// a JSON string such as `"cn-property"` names a preset). The policy is
/// validated once, completely: on failure the error JSON lists every
/// problem with its code and JSON path, e.g.
/// `{"code": "unknown_reference", "path": "/deadlines/2/clock", ...,
/// "problems": [...]}`, and the status is the first problem's code.
///
/// - `policy_json`, `policy_json_len`: UTF-8 JSON, not NUL-terminated,
///   at most 64 MiB and 128 levels deep; borrowed for the call. Not NULL.
/// - `engine_out`: not NULL; receives a new engine owned by the caller
///   (`plaint_engine_free`) on success only.
/// - `error_out`: NULL, or always written (NULL on success, error JSON on
///   failure, released with `plaint_string_free`).
///
/// Thread safety: any thread.
///
/// # Safety
/// Pointers are NULL or valid for the stated sizes for the whole call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_engine_from_json(
    policy_json: *const c_char,
    policy_json_len: usize,
    engine_out: *mut *mut plaint_engine,
    error_out: *mut *mut c_char,
) -> plaint_status {
    guard(error_out, || {
        let out = out_arg(engine_out, "engine_out")?;
        // SAFETY: caller's promise on `policy_json`.
        let v = unsafe { json_arg(policy_json, policy_json_len, "policy_json") }?;
        let policy = api::policy_from(&v)?;
        // SAFETY: `out` checked above.
        unsafe { put_handle(out, plaint_engine { policy }) };
        Ok(())
    })
}

/// Release an engine. NULL is accepted and does nothing. The engine must
/// not be in use by another thread, and must not be used afterwards.
/// Calendars obtained from it with `plaint_engine_calendar` stay valid.
///
/// # Safety
/// `engine` is NULL or an engine from this library not yet released.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_engine_free(engine: *mut plaint_engine) {
    if !engine.is_null() {
        // SAFETY: a live Box from put_handle, released once (caller's promise).
        let _ = catch_unwind(AssertUnwindSafe(|| drop(unsafe { Box::from_raw(engine) })));
    }
}

/// Classify a complaint (JSON, the complaint format) with the engine's
/// policy; the output JSON is the classification with its explanation.
///
/// - `engine`: borrowed, not NULL.
/// - `complaint_json`, `complaint_json_len`: UTF-8 JSON, borrowed, not NULL.
/// - `out_json`: not NULL; on success receives a NUL-terminated JSON string
///   owned by the caller (`plaint_string_free`); untouched on failure.
/// - `error_out`: NULL, or always written (NULL on success, error JSON on
///   failure, released with `plaint_string_free`).
///
/// Thread safety: any thread; many threads may share one engine.
///
/// # Safety
/// Pointers are NULL or valid for the stated sizes for the whole call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_engine_classify(
    engine: *const plaint_engine,
    complaint_json: *const c_char,
    complaint_json_len: usize,
    out_json: *mut *mut c_char,
    error_out: *mut *mut c_char,
) -> plaint_status {
    guard(error_out, || {
        // SAFETY: caller's promise on `engine`.
        let engine = unsafe { handle(engine, "engine") }?;
        let out = out_arg(out_json, "out_json")?;
        // SAFETY: caller's promise on `complaint_json`.
        let v = unsafe { json_arg(complaint_json, complaint_json_len, "complaint_json") }?;
        let result = api::classify_value(&engine.policy, &v)?;
        // SAFETY: `out` checked above.
        unsafe { put_json(out, &result) }
    })
}

/// Assess a case at `now_ms`: classification, lifecycle state, every
/// deadline with its state, escalations due and `next_check_at`, each with
/// its explanation (the core's assessment JSON).
///
/// - `engine`: borrowed, not NULL.
/// - `case_json`, `case_json_len`: UTF-8 JSON `{"complaint", "events",
///   "related"?}`, borrowed, not NULL.
/// - `now_ms`: the evaluation instant in milliseconds since
///   1970-01-01T00:00:00Z (plaint never reads a clock); must lie in years
///   1000-9999, else `PLAINT_STATUS_INVALID_INSTANT`.
/// - `out_json`: not NULL; on success receives the assessment JSON, owned by
///   the caller (`plaint_string_free`); untouched on failure.
/// - `error_out`: NULL, or always written (NULL on success, error JSON on
///   failure, released with `plaint_string_free`).
///
/// Thread safety: any thread; many threads may share one engine.
///
/// # Safety
/// Pointers are NULL or valid for the stated sizes for the whole call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_engine_assess(
    engine: *const plaint_engine,
    case_json: *const c_char,
    case_json_len: usize,
    now_ms: i64,
    out_json: *mut *mut c_char,
    error_out: *mut *mut c_char,
) -> plaint_status {
    guard(error_out, || {
        // SAFETY: caller's promise on `engine`.
        let engine = unsafe { handle(engine, "engine") }?;
        let out = out_arg(out_json, "out_json")?;
        // SAFETY: caller's promise on `case_json`.
        let v = unsafe { json_arg(case_json, case_json_len, "case_json") }?;
        let now = Instant::from_ms(now_ms)?;
        let result = api::assess_value(&engine.policy, &v, now)?;
        // SAFETY: `out` checked above.
        unsafe { put_json(out, &result) }
    })
}

/// Assess many cases at one instant and count them (on-time rates, time to
/// resolve, repeats, batch clusters): the `stats` operation of the JSON layer
/// with the engine's policy.
///
/// - `engine`: borrowed, not NULL.
/// - `input_json`, `input_json_len`: UTF-8 JSON `{"now": RFC 3339,
///   "cases": [case, ...], "from"?, "to"?, "units_shipped"?, "clock"?,
///   "repeat_window_days"?}`, borrowed, not NULL. A case that cannot be
///   assessed fails the call with its index in the path (`/cases/N/...`).
/// - `out_json`: not NULL; on success receives the statistics JSON, owned by
///   the caller (`plaint_string_free`); untouched on failure.
/// - `error_out`: NULL, or always written (NULL on success, error JSON on
///   failure, released with `plaint_string_free`).
///
/// Thread safety: any thread; many threads may share one engine.
///
/// # Safety
/// Pointers are NULL or valid for the stated sizes for the whole call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_engine_stats(
    engine: *const plaint_engine,
    input_json: *const c_char,
    input_json_len: usize,
    out_json: *mut *mut c_char,
    error_out: *mut *mut c_char,
) -> plaint_status {
    guard(error_out, || {
        // SAFETY: caller's promise on `engine`.
        let engine = unsafe { handle(engine, "engine") }?;
        let out = out_arg(out_json, "out_json")?;
        // SAFETY: caller's promise on `input_json`.
        let input = unsafe { json_arg(input_json, input_json_len, "input_json") }?;
        // The glue of the JSON layer's "stats" operation, with this engine's
        // policy instead of one named in the input.
        let (now, opts) = api::read_stats_options(&input)?;
        let Some(Value::Array(items)) = input.get("cases") else {
            return Err(Error::new(Code::InvalidType, "/cases", "expected an array of cases").into());
        };
        let mut cases = Vec::with_capacity(items.len());
        for (i, v) in items.iter().enumerate() {
            cases.push(plaint_core::Case::from_value(v).map_err(|e| plaint_core::analytics::at_case(e, i))?);
        }
        let stats = plaint_core::analytics::assess_and_count(&engine.policy, cases, now, &opts)?;
        let v = serde_json::to_value(&stats).map_err(|e| Error::new(Code::InvalidValue, "", e.to_string()))?;
        // SAFETY: `out` checked above.
        unsafe { put_json(out, &v) }
    })
}

/// The working calendar of the engine's policy, as a calendar handle of its
/// own (for the typed deadline calls).
///
/// - `engine`: borrowed, not NULL.
/// - `calendar_out`: not NULL; on success receives a new calendar owned by
///   the caller (`plaint_calendar_free`), valid even after the engine is freed.
///
/// Thread safety: any thread.
///
/// # Safety
/// Pointers are NULL or valid for the whole call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_engine_calendar(
    engine: *const plaint_engine,
    calendar_out: *mut *mut plaint_calendar,
) -> plaint_status {
    guard_status(|| {
        // SAFETY: caller's promise on `engine`.
        let engine = unsafe { handle(engine, "engine") }?;
        let out = out_arg(calendar_out, "calendar_out")?;
        let calendar = Arc::clone(&engine.policy.calendar);
        // SAFETY: `out` checked above.
        unsafe { put_handle(out, plaint_calendar { calendar }) };
        Ok(())
    })
}

// ------------------------------------------------------------------ the JSON layer

/// Run one operation of the JSON layer, the same entry point the
/// conformance vectors (tests/vectors) use in every binding: "classify",
/// "assess", "stats", "deadline", "explain_deadline", "validate_policy",
/// "validate_calendar", "validate_complaint". The output is byte for byte
/// what the Rust core serializes.
///
/// - `op`, `op_len`: the operation name, UTF-8, borrowed, not NULL.
/// - `input_json`, `input_json_len`: the operation's input (the `input` of a
///   vector case), UTF-8 JSON, borrowed, not NULL.
/// - `out_json`: not NULL; on success receives the output JSON, owned by the
///   caller (`plaint_string_free`); untouched on failure.
/// - `error_out`: NULL, or always written (NULL on success, error JSON on
///   failure, released with `plaint_string_free`).
///
/// Thread safety: any thread.
///
/// # Safety
/// Pointers are NULL or valid for the stated sizes for the whole call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_run_op(
    op: *const c_char,
    op_len: usize,
    input_json: *const c_char,
    input_json_len: usize,
    out_json: *mut *mut c_char,
    error_out: *mut *mut c_char,
) -> plaint_status {
    guard(error_out, || {
        let out = out_arg(out_json, "out_json")?;
        // SAFETY: caller's promise on `op` and `input_json`.
        let op = unsafe { str_arg(op, op_len, "op") }?;
        // SAFETY: as above.
        let input = unsafe { json_arg(input_json, input_json_len, "input_json") }?;
        let result = api::run_op(op, &input)?;
        // SAFETY: `out` checked above.
        unsafe { put_json(out, &result) }
    })
}

// ------------------------------------------------------------------ calendars

/// Create a calendar from an embedded one ("cn-mainland", "hk", "gb-eng",
/// "us-federal", "always").
///
/// - `name`, `name_len`: UTF-8, not NUL-terminated, borrowed, not NULL.
/// - `calendar_out`: not NULL; on success receives a new calendar owned by
///   the caller (`plaint_calendar_free`); untouched on failure.
/// - `error_out`: NULL, or always written (NULL on success, error JSON on
///   failure, released with `plaint_string_free`).
///
/// Returns `PLAINT_STATUS_OK`, `PLAINT_STATUS_UNKNOWN_CALENDAR`, or a
/// boundary status. Thread safety: any thread.
///
/// # Safety
/// Pointers are NULL or valid for the stated sizes for the whole call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_calendar_from_preset(
    name: *const c_char,
    name_len: usize,
    calendar_out: *mut *mut plaint_calendar,
    error_out: *mut *mut c_char,
) -> plaint_status {
    guard(error_out, || {
        let out = out_arg(calendar_out, "calendar_out")?;
        // SAFETY: caller's promise on `name`.
        let name = unsafe { str_arg(name, name_len, "name") }?;
        let calendar = api::calendar_from(&Value::String(name.to_owned()))?;
        // SAFETY: `out` checked above.
        unsafe { put_handle(out, plaint_calendar { calendar }) };
        Ok(())
    })
}

/// Create a calendar from a calendar document (JSON, `"plaint_calendar": 1`,
/// may `"extends"` an embedded calendar; a JSON string names a preset).
/// Validation reports every problem with its code and path in the error JSON.
///
/// - `calendar_json`, `calendar_json_len`: UTF-8 JSON, borrowed, not NULL.
/// - `calendar_out`: not NULL; on success receives a new calendar owned by
///   the caller (`plaint_calendar_free`); untouched on failure.
/// - `error_out`: NULL, or always written (NULL on success, error JSON on
///   failure, released with `plaint_string_free`).
///
/// Thread safety: any thread.
///
/// # Safety
/// Pointers are NULL or valid for the stated sizes for the whole call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_calendar_from_json(
    calendar_json: *const c_char,
    calendar_json_len: usize,
    calendar_out: *mut *mut plaint_calendar,
    error_out: *mut *mut c_char,
) -> plaint_status {
    guard(error_out, || {
        let out = out_arg(calendar_out, "calendar_out")?;
        // SAFETY: caller's promise on `calendar_json`.
        let v = unsafe { json_arg(calendar_json, calendar_json_len, "calendar_json") }?;
        let calendar = api::calendar_from(&v)?;
        // SAFETY: `out` checked above.
        unsafe { put_handle(out, plaint_calendar { calendar }) };
        Ok(())
    })
}

/// Release a calendar. NULL is accepted and does nothing. The calendar must
/// not be in use by another thread, and must not be used afterwards.
///
/// # Safety
/// `calendar` is NULL or a calendar from this library not yet released.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_calendar_free(calendar: *mut plaint_calendar) {
    if !calendar.is_null() {
        // SAFETY: a live Box from put_handle, released once (caller's promise).
        let _ = catch_unwind(AssertUnwindSafe(|| drop(unsafe { Box::from_raw(calendar) })));
    }
}

/// The due instant of one deadline: `start_ms` plus `amount` on `clock`
/// (TIME.md), in epoch milliseconds. The typed fast path of the JSON
/// layer's "deadline" operation, with the same results.
///
/// - `calendar`: borrowed, not NULL.
/// - `start_ms`: epoch milliseconds, years 1000-9999 (else INVALID_INSTANT).
/// - `clock`: a `plaint_clock` number; `amount`: minutes for
///   `PLAINT_CLOCK_ELAPSED` and `PLAINT_CLOCK_BUSINESS`, otherwise a count
///   of days, weeks or months; negative is NEGATIVE_AMOUNT.
/// - `end`: a `plaint_end` number; `roll`: a `plaint_roll` number. An
///   unknown clock, end or roll number is INVALID_VALUE.
/// - `out_ms`: not NULL; receives the due instant on success only.
///
/// Returns OK, or e.g. CALENDAR_RANGE_EXCEEDED (the computation needs a day
/// outside the calendar's data), NEGATIVE_AMOUNT, AMOUNT_OVERFLOW. No error
/// message: the JSON layer ("deadline", "explain_deadline") explains.
/// Thread safety: any thread; many threads may share one calendar.
///
/// # Safety
/// Pointers are NULL or valid for the whole call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_calendar_add(
    calendar: *const plaint_calendar,
    start_ms: i64,
    clock: u32,
    amount: i64,
    end: u32,
    roll: u32,
    out_ms: *mut i64,
) -> plaint_status {
    guard_status(|| {
        // SAFETY: caller's promise on `calendar`.
        let cal = unsafe { handle(calendar, "calendar") }?;
        let out = out_arg(out_ms, "out_ms")?;
        let span = span_of(clock, amount, end, roll)?;
        let due = cal.calendar.add(Instant::from_ms(start_ms)?, &span)?;
        // SAFETY: `out` checked above.
        unsafe { out.write(due.0) };
        Ok(())
    })
}

/// `plaint_calendar_add` over an array of start instants, one span for all:
/// `out[i]` = due instant of `starts[i]`.
///
/// - `calendar`: borrowed, not NULL.
/// - `starts`: `n` epoch-millisecond instants, borrowed; `out`: room for `n`
///   results. Both may be NULL only when `n` is 0; they may be the same
///   array (computed in place).
/// - `clock`, `amount`, `end`, `roll`: as for `plaint_calendar_add`.
/// - `statuses`: NULL, or room for `n` statuses: `statuses[i]` receives the
///   status of element i.
///
/// A problem with the arguments themselves (NULL, misaligned pointer,
/// unknown clock/end/roll, amount overflow) is returned before any element
/// is computed, and nothing is written. Otherwise every element is computed:
/// `out[i]` is written when element i succeeds and left untouched when it
/// fails, and the call returns OK when all succeeded, else the status of
/// the first element that failed.
/// Thread safety: any thread; many threads may share one calendar.
///
/// # Safety
/// Pointers are NULL or valid for `n` elements for the whole call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_calendar_add_batch(
    calendar: *const plaint_calendar,
    starts: *const i64,
    n: usize,
    clock: u32,
    amount: i64,
    end: u32,
    roll: u32,
    out: *mut i64,
    statuses: *mut plaint_status,
) -> plaint_status {
    guard_status(|| {
        // SAFETY: caller's promise on `calendar`.
        let cal = unsafe { handle(calendar, "calendar") }?;
        if n > 0 {
            out_arg(starts.cast_mut(), "starts")?;
            out_arg(out, "out")?;
        }
        if !statuses.is_null() {
            out_arg(statuses, "statuses")?;
        }
        if n > isize::MAX as usize / size_of::<i64>() {
            return Err(Error::new(Code::InputTooLarge, "", format!("{n} elements is too many")).into());
        }
        let span = span_of(clock, amount, end, roll)?;
        let mut first = plaint_status::Ok;
        for i in 0..n {
            // Raw reads and writes, not slices: `starts` and `out` may alias.
            // SAFETY: i < n and both arrays hold n aligned elements (caller's
            // promise, alignment and NULL checked above).
            let start = unsafe { starts.add(i).read() };
            let status = match Instant::from_ms(start).and_then(|s| cal.calendar.add(s, &span)) {
                Ok(due) => {
                    // SAFETY: as above.
                    unsafe { out.add(i).write(due.0) };
                    plaint_status::Ok
                }
                Err(e) => plaint_status::from_code(e.code()),
            };
            if !statuses.is_null() {
                // SAFETY: non-NULL `statuses` holds n aligned elements (caller's promise).
                unsafe { statuses.add(i).write(status) };
            }
            if first == plaint_status::Ok {
                first = status;
            }
        }
        match first {
            plaint_status::Ok => Ok(()),
            _ => Err(Failure::Batch(first)),
        }
    })
}

/// Format an instant as RFC 3339 in the calendar's time zone
/// (`2026-10-09T17:30:00+08:00`; milliseconds only when not zero).
///
/// - `calendar`: borrowed, not NULL.
/// - `ms`: epoch milliseconds, years 1000-9999 (else INVALID_INSTANT).
/// - `out`: not NULL; on success receives the text, owned by the caller
///   (`plaint_string_free`); untouched on failure.
///
/// Thread safety: any thread.
///
/// # Safety
/// Pointers are NULL or valid for the whole call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_calendar_format(
    calendar: *const plaint_calendar,
    ms: i64,
    out: *mut *mut c_char,
) -> plaint_status {
    guard_status(|| {
        // SAFETY: caller's promise on `calendar`.
        let cal = unsafe { handle(calendar, "calendar") }?;
        let out = out_arg(out, "out")?;
        let text = to_c_string(cal.calendar.format(Instant::from_ms(ms)?))?;
        // SAFETY: `out` checked above.
        unsafe { out.write(text) };
        Ok(())
    })
}

/// Parse an RFC 3339 timestamp with an explicit offset
/// (`2026-09-29T10:00:00+08:00`, `...Z`) into epoch milliseconds, as every
/// JSON input of plaint does. Text without an offset is
/// INSTANT_WITHOUT_OFFSET (plaint never guesses local time); other bad text
/// or a year outside 1000-9999 is INVALID_INSTANT.
///
/// - `text`, `text_len`: UTF-8, not NUL-terminated, borrowed, not NULL.
/// - `out_ms`: not NULL; receives the instant on success only.
///
/// Thread safety: any thread.
///
/// # Safety
/// Pointers are NULL or valid for the stated sizes for the whole call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_instant_parse(text: *const c_char, text_len: usize, out_ms: *mut i64) -> plaint_status {
    guard_status(|| {
        let out = out_arg(out_ms, "out_ms")?;
        // SAFETY: caller's promise on `text`.
        let text = unsafe { str_arg(text, text_len, "text") }?;
        let t = plaint_core::model::parse_instant(text)?;
        // SAFETY: `out` checked above.
        unsafe { out.write(t.0) };
        Ok(())
    })
}
