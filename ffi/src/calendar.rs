//! Calendars: deadline arithmetic, typed and in batches; instants.

use crate::boundary::*;
use crate::handles::*;
use crate::status::*;
use crate::typed::*;
use plaint_core::{Code, Error, Instant, api};
use serde_json::Value;
use std::ffi::c_char;

/// Create a calendar from an embedded one ("cn-mainland", "hk", "gb-eng",
/// "us-federal", "au", "sg", "in", "eu-target", "always").
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
        unsafe { put_handle::<plaint_calendar>(out, CalendarHandle { calendar }) };
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
        unsafe { put_handle::<plaint_calendar>(out, CalendarHandle { calendar }) };
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
    // SAFETY: the caller's promise (NULL or a live handle, released once).
    unsafe { free_handle(calendar) }
}

/// The due instant of one deadline: `start_ms` plus `amount` on `clock`
/// (docs/time.md), in epoch milliseconds. The typed fast path of the JSON
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
        unsafe { out.write(due.ms()) };
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
                    unsafe { out.add(i).write(due.ms()) };
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
        unsafe { out.write(t.ms()) };
        Ok(())
    })
}
