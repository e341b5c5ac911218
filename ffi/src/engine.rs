//! Engines: policies that classify, assess and compute statistics over JSON.

use crate::assessment::{assess_case, options_of};
use crate::boundary::*;
use crate::c_text::CText;
use crate::handles::*;
use crate::json_text;
use crate::status::*;
use plaint_core::{AssessOptions, Assessment, Case, Error, Instant, Policy, api};
use serde_json::Value;
use std::ffi::c_char;
use std::sync::Arc;

/// Create an engine from an embedded policy preset: the seeds' procedures
/// ("cn-property", "cn-goods", "cn-telecom", "cn-petition") or a regulator's
/// time limits ("cn-banking", "uk-fca-disp", "us-cfpb", ...; README).
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
        unsafe { put_handle(out, Engine { policy }) };
        Ok(())
    })
}

/// Create an engine from a policy document (JSON text, `"plaint_policy": 1`;
/// a JSON string such as `"cn-property"` names a preset). The policy is
/// validated once, completely: on failure the error JSON lists every
/// problem with its code and JSON path, e.g. for a third deadline rule whose
/// clock is not a clock `{"code": "invalid_value", "path":
/// "/deadlines/2/clock", ..., "problems": [...]}`, and the status is the
/// first problem's code.
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
        unsafe { put_handle(out, Engine { policy }) };
        Ok(())
    })
}

/// A new engine with the policy of `engine` counting on `calendar` instead
/// of its own: the way to give a preset newer holiday data without a new
/// release of plaint (e.g. next year's State Council schedule, imported with
/// `plaint calendar import` and loaded with `plaint_calendar_from_json`).
/// The calendar must be the policy's calendar or one that `extends` the
/// same embedded calendar; otherwise INVALID_VALUE (path "/calendar"). Every
/// version of a policy with dated versions counts on it.
///
/// - `engine`: borrowed, not NULL; unchanged (it keeps its calendar).
/// - `calendar`: borrowed, not NULL; the new engine shares it (free both
///   independently, in any order).
/// - `engine_out`: not NULL; on success receives a new engine owned by the
///   caller (`plaint_engine_free`); untouched on failure.
/// - `error_out`: NULL, or always written (NULL on success, error JSON on
///   failure, released with `plaint_string_free`).
///
/// Thread safety: any thread.
///
/// # Safety
/// Pointers are NULL or valid for the whole call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_engine_with_calendar(
    engine: *const plaint_engine,
    calendar: *const plaint_calendar,
    engine_out: *mut *mut plaint_engine,
    error_out: *mut *mut c_char,
) -> plaint_status {
    guard(error_out, || {
        // SAFETY: caller's promise on `engine` and `calendar`.
        let engine = unsafe { handle(engine, "engine") }?;
        // SAFETY: as above.
        let cal = unsafe { handle(calendar, "calendar") }?;
        let out = out_arg(engine_out, "engine_out")?;
        let policy = Arc::new(engine.policy.with_calendar(Arc::clone(&cal.calendar))?);
        // SAFETY: `out` checked above.
        unsafe { put_handle(out, Engine { policy }) };
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
    // SAFETY: the caller's promise (NULL or a live handle, released once).
    unsafe { free_handle(engine) }
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
    // SAFETY: the caller's promises on `engine` and `complaint_json`.
    unsafe {
        engine_json_call(
            engine,
            (complaint_json, complaint_json_len, "complaint_json"),
            out_json,
            error_out,
            api::classify_value,
        )
    }
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
/// The JSON's `warnings` (calendar data ending, projected or undetermined
/// deadlines; each with a stable code) also go to the log callback, if one
/// is installed (`plaint_set_log_callback`), one record each at
/// `PLAINT_LOG_LEVEL_WARN`; the JSON is the same either way.
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
    // SAFETY: the caller's promises, forwarded.
    unsafe { plaint_engine_assess_with(engine, case_json, case_json_len, now_ms, 0, out_json, error_out) }
}

/// `plaint_engine_assess` with `flags`, or'd: 0 gives the same JSON as
/// `plaint_engine_assess`; `PLAINT_ASSESS_NO_TRACE` leaves the
/// classification trace out (`classification.trace` is `[]`, every value is
/// the same), which makes the call faster and the JSON a fraction of the size;
/// `PLAINT_ASSESS_BEYOND_DATA_PROJECTED` or `..._UNDETERMINED` chooses, for
/// this call, what happens to a deadline past the calendar's official data
/// (the JSON layer's `beyond_data`; without either, the policy's option).
/// An unknown flag bit, or both `BEYOND_DATA` flags, is INVALID_VALUE (path
/// `flags`).
///
/// Arguments, ownership and thread safety: as for `plaint_engine_assess`.
///
/// # Safety
/// Pointers are NULL or valid for the stated sizes for the whole call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_engine_assess_with(
    engine: *const plaint_engine,
    case_json: *const c_char,
    case_json_len: usize,
    now_ms: i64,
    flags: u32,
    out_json: *mut *mut c_char,
    error_out: *mut *mut c_char,
) -> plaint_status {
    guard(error_out, || {
        // SAFETY: caller's promise on `engine`.
        let engine = unsafe { handle(engine, "engine") }?;
        let out = out_arg(out_json, "out_json")?;
        let opts = options_of(flags)?;
        // SAFETY: caller's promise on `case_json`.
        let case = unsafe { str_arg(case_json, case_json_len, "case_json") }?;
        let case = json_then_case(case)?;
        let text = assess_text(&engine.policy, case, Instant::from_ms(now_ms)?, &opts)?;
        // SAFETY: `out` checked above.
        unsafe { put_text(out, text) }
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
    // SAFETY: the caller's promises on `engine` and `input_json`.
    unsafe {
        engine_json_call(
            engine,
            (input_json, input_json_len, "input_json"),
            out_json,
            error_out,
            api::stats_value,
        )
    }
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
        unsafe { put_handle::<plaint_calendar>(out, CalendarHandle { calendar }) };
        Ok(())
    })
}

/// The assessment JSON of a case, byte for byte `api::assess_value_with`'s
/// text (see json_text); its warnings go to the log callback.
/// `case` comes from `json_then_case`: a case's problems are reported
/// after a bad `now`, malformed JSON before it.
pub(crate) fn assess_text(
    policy: &Policy,
    case: Result<Case, Error>,
    now: Instant,
    opts: &AssessOptions,
) -> Result<CText, Error> {
    let case = case?;
    assessment_text(&assess_case(policy, &case, now, opts)?)
}

/// The first room for one assessment's JSON, commonly 4 to 8 KiB (5.8
/// without the trace and 7.1 with it for examples/cases/major-leak.json):
/// a 4 KiB start moved most answers once as they grew.
const ASSESSMENT_ROOM: usize = 8 << 10;

/// An assessment's JSON in a string of its own for C (`assess_text` and
/// `plaint_assessment_to_json`).
pub(crate) fn assessment_text(a: &Assessment) -> Result<CText, Error> {
    let mut text = CText::with_capacity(ASSESSMENT_ROOM);
    json_text::assessment(a, text.bytes())?;
    Ok(text)
}

/// The case of JSON text: the outer error when the text is not JSON, the
/// inner one when it is JSON but not a case. A JSON argument is checked
/// before the other arguments, the case it holds after them, as when the
/// text was parsed first and the case read later; the case is read
/// without a `Value` tree when it can be (the fast path of
/// `Case::from_json`).
fn json_then_case(text: &str) -> Result<Result<Case, Error>, Error> {
    if let Some(case) = plaint_core::model::fast_read::case(text) {
        return Ok(Ok(case));
    }
    Ok(Case::from_value(&plaint_core::decode::parse_json(text)?))
}

/// The body of every engine call over JSON, checked in this order: the
/// engine, the out-pointer, the input (UTF-8, then JSON); then `f` runs and
/// its JSON goes to `out_json`.
///
/// # Safety
/// `engine` is NULL or a live engine; `input` is (NULL or a pointer valid for
/// reads of its length, the parameter's name); `out_json` and `error_out` are
/// NULL or valid for writes.
unsafe fn engine_json_call(
    engine: *const plaint_engine,
    input: (*const c_char, usize, &'static str),
    out_json: *mut *mut c_char,
    error_out: *mut *mut c_char,
    f: impl FnOnce(&Policy, &Value) -> Result<Value, Error>,
) -> plaint_status {
    guard(error_out, || {
        // SAFETY: caller's promise on `engine`.
        let engine = unsafe { handle(engine, "engine") }?;
        let out = out_arg(out_json, "out_json")?;
        // SAFETY: caller's promise on `input`.
        let v = unsafe { json_arg(input.0, input.1, input.2) }?;
        let result = f(&engine.policy, &v)?;
        // SAFETY: `out` checked above.
        unsafe { put_json(out, &result) }
    })
}
