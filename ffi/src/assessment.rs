//! Assessments as handles: typed accessors, so that a host which needs the
//! states and due instants reads them as numbers and never parses JSON.
//!
//! The accessors follow one rule, as rustls-ffi's getters do: they never
//! fail. A NULL handle or an index out of range gives the "nothing" value of
//! the accessor's type (0, an empty `plaint_str`, `PLAINT_NO_INSTANT`,
//! `PLAINT_DEADLINE_STATE_NONE`, -1), which is also what an absent value
//! gives; check `plaint_assessment_deadline_count` first to tell them apart.

use crate::boundary::*;
use crate::handles::*;
use crate::status::*;
use plaint_core::assess::{AssessOptions, assess_with_options};
use plaint_core::sla::{DeadlineStatus, SlaState};
use plaint_core::{Assessment, BeyondData, Case, Code, Error, Explain, Instant, Policy, Stamp};
use std::ffi::{CStr, c_char};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr;

/// `flags` of the assess calls: leave the classification trace out
/// (`classification.trace` is `[]`; every value is the same). The trace
/// explains each decision-table row; most hosts that store or route the
/// result do not need it, and it is most of the JSON.
pub const PLAINT_ASSESS_NO_TRACE: u32 = 1;

/// `flags` of the assess calls: count a deadline that runs past the end of
/// its calendar's official holiday data on the calendar's projected
/// holidays (`beyond_data: "projected"` of the JSON layer). Such a deadline
/// gets a due instant marked provisional
/// (`plaint_assessment_deadline_provisional`) and a `projected_data`
/// warning. Without this flag or `PLAINT_ASSESS_BEYOND_DATA_UNDETERMINED`
/// the policy's own `options.beyond_data` applies (by default undetermined).
pub const PLAINT_ASSESS_BEYOND_DATA_PROJECTED: u32 = 2;

/// `flags` of the assess calls: a deadline that runs past the end of its
/// calendar's official data is undetermined (its error says why), even when
/// the policy opts in to projected data (`beyond_data: "undetermined"` of
/// the JSON layer). Giving both `PLAINT_ASSESS_BEYOND_DATA_*` flags is
/// INVALID_VALUE (path `flags`).
pub const PLAINT_ASSESS_BEYOND_DATA_UNDETERMINED: u32 = 4;

/// Every flag this library knows; any other bit is INVALID_VALUE.
const KNOWN_FLAGS: u32 =
    PLAINT_ASSESS_NO_TRACE | PLAINT_ASSESS_BEYOND_DATA_PROJECTED | PLAINT_ASSESS_BEYOND_DATA_UNDETERMINED;

/// The instant accessors' "no instant" value: the deadline or escalation has
/// none (e.g. no due instant for a deadline that does not apply), or the
/// index is out of range. Never a valid instant (those lie in years 1000-9999).
pub const PLAINT_NO_INSTANT: i64 = i64::MIN;

/// A borrowed UTF-8 string: `len` bytes at `data`, not NUL-terminated
/// (print it with `printf("%.*s", (int)s.len, s.data)`). It lives as long as
/// the handle it came from. An absent value is `{NULL, 0}`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct plaint_str {
    pub data: *const c_char,
    pub len: usize,
}

impl plaint_str {
    pub(crate) const NONE: plaint_str = plaint_str {
        data: ptr::null(),
        len: 0,
    };

    pub(crate) fn of(s: &str) -> plaint_str {
        plaint_str {
            data: s.as_ptr().cast(),
            len: s.len(),
        }
    }
}

/// The state of one deadline (`plaint_assessment_deadline_state`), the
/// `state` codes of the assessment JSON as numbers. Numbers are API: never
/// renumbered; new states are added at the end, so treat an unknown number
/// as "some other state" (its name: `plaint_deadline_state_name`).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum plaint_deadline_state {
    /// No such deadline (NULL handle or index out of range).
    None = 0,
    /// "not_applicable": the rule does not apply to this complaint.
    NotApplicable = 1,
    /// "not_started": the event that starts the clock has not happened.
    NotStarted = 2,
    /// "pending": running, not yet at risk.
    Pending = 3,
    /// "at_risk": running, past the warning point.
    AtRisk = 4,
    /// "breached": past due and not met.
    Breached = 5,
    /// "paused": the clock is stopped.
    Paused = 6,
    /// "met": met on time.
    Met = 7,
    /// "met_late": met after the due instant.
    MetLate = 8,
    /// "lapsed": a window (the complainant's time, a simpler procedure's
    /// time) ran out before its event; not a breach by the firm.
    Lapsed = 9,
    /// "undetermined": the due instant cannot be computed (past the
    /// calendar's data, ...); the deadline's error says why.
    Undetermined = 10,
}

impl plaint_deadline_state {
    fn of(s: SlaState) -> plaint_deadline_state {
        match s {
            SlaState::NotApplicable => plaint_deadline_state::NotApplicable,
            SlaState::NotStarted => plaint_deadline_state::NotStarted,
            SlaState::Pending => plaint_deadline_state::Pending,
            SlaState::AtRisk => plaint_deadline_state::AtRisk,
            SlaState::Breached => plaint_deadline_state::Breached,
            SlaState::Paused => plaint_deadline_state::Paused,
            SlaState::Met => plaint_deadline_state::Met,
            SlaState::MetLate => plaint_deadline_state::MetLate,
            SlaState::Lapsed => plaint_deadline_state::Lapsed,
            SlaState::Undetermined => plaint_deadline_state::Undetermined,
        }
    }

    fn name(n: u32) -> Option<&'static CStr> {
        Some(match n {
            1 => c"not_applicable",
            2 => c"not_started",
            3 => c"pending",
            4 => c"at_risk",
            5 => c"breached",
            6 => c"paused",
            7 => c"met",
            8 => c"met_late",
            9 => c"lapsed",
            10 => c"undetermined",
            _ => return None,
        })
    }
}

/// The per-call options of the assess calls' `flags`.
pub(crate) fn options_of(flags: u32) -> Result<AssessOptions, Error> {
    let bad = |why: String| Err(Error::new(Code::InvalidValue, "flags", why));
    if flags & !KNOWN_FLAGS != 0 {
        return bad(format!("unknown assess flags {:#x}", flags & !KNOWN_FLAGS));
    }
    let explain = if flags & PLAINT_ASSESS_NO_TRACE != 0 {
        Explain::Outcome
    } else {
        Explain::Full
    };
    let beyond_data = match (
        flags & PLAINT_ASSESS_BEYOND_DATA_PROJECTED != 0,
        flags & PLAINT_ASSESS_BEYOND_DATA_UNDETERMINED != 0,
    ) {
        (false, false) => None,
        (true, false) => Some(BeyondData::Projected),
        (false, true) => Some(BeyondData::Undetermined),
        (true, true) => {
            return bad(
                "PLAINT_ASSESS_BEYOND_DATA_PROJECTED and PLAINT_ASSESS_BEYOND_DATA_UNDETERMINED contradict each other"
                    .into(),
            );
        }
    };
    Ok(AssessOptions { explain, beyond_data })
}

/// Assess a case into values, and send its warnings to the host's log
/// callback: what every assess call of the ABI does.
pub(crate) fn assess_case(
    policy: &Policy,
    case: &Case,
    now: Instant,
    opts: &AssessOptions,
) -> Result<Assessment, Error> {
    let a = assess_with_options(policy, case, now, opts)?;
    crate::warnings::log_warnings(&a);
    Ok(a)
}

/// Assess a case at `now_ms` into a handle whose values the
/// `plaint_assessment_*` accessors read without any JSON; the same
/// assessment `plaint_engine_assess_with` returns as JSON (get that JSON with
/// `plaint_assessment_to_json`).
///
/// - `engine`: borrowed, not NULL.
/// - `case_json`, `case_json_len`: UTF-8 JSON `{"complaint", "events",
///   "related"?}`, borrowed, not NULL.
/// - `now_ms`: epoch milliseconds, years 1000-9999, not before the complaint
///   was received.
/// - `flags`: 0, or any of `PLAINT_ASSESS_NO_TRACE` (faster; only the
///   JSON's trace differs, no accessor reads it) and one of
///   `PLAINT_ASSESS_BEYOND_DATA_PROJECTED` / `..._UNDETERMINED`, or'd.
/// - `assessment_out`: not NULL; on success receives a new handle owned by
///   the caller (`plaint_assessment_free`); untouched on failure.
/// - `error_out`: NULL, or always written (NULL on success, error JSON on
///   failure, released with `plaint_string_free`).
///
/// The assessment's warnings (also readable with
/// `plaint_assessment_warning_*`) go to the log callback, if one is
/// installed (`plaint_set_log_callback`).
///
/// Thread safety: any thread; many threads may share one engine.
///
/// # Safety
/// Pointers are NULL or valid for the stated sizes for the whole call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_new(
    engine: *const plaint_engine,
    case_json: *const c_char,
    case_json_len: usize,
    now_ms: i64,
    flags: u32,
    assessment_out: *mut *mut plaint_assessment,
    error_out: *mut *mut c_char,
) -> plaint_status {
    guard(error_out, || {
        // SAFETY: caller's promise on `engine`.
        let engine = unsafe { handle(engine, "engine") }?;
        let out = out_arg(assessment_out, "assessment_out")?;
        let opts = options_of(flags)?;
        // SAFETY: caller's promise on `case_json`.
        let case = unsafe { str_arg(case_json, case_json_len, "case_json") }?;
        let case = Case::from_json(case)?;
        let assessment = assess_case(&engine.policy, &case, Instant::from_ms(now_ms)?, &opts)?;
        // SAFETY: `out` checked above.
        unsafe { put_handle::<plaint_assessment>(out, AssessmentHandle { assessment }) };
        Ok(())
    })
}

/// Release an assessment; NULL does nothing. Strings borrowed from it
/// (`plaint_str`) become invalid.
///
/// # Safety
/// `assessment` is NULL or a handle from this library not yet released.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_free(assessment: *mut plaint_assessment) {
    // SAFETY: the caller's promise (NULL or a live handle, released once).
    unsafe { free_handle(assessment) }
}

/// The assessment as JSON, byte for byte what `plaint_engine_assess_with`
/// returns for the same case, instant and flags.
///
/// - `assessment`: borrowed, not NULL.
/// - `out_json`: not NULL; on success receives the JSON, owned by the caller
///   (`plaint_string_free`).
///
/// # Safety
/// Pointers are NULL or valid for the whole call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_to_json(
    assessment: *const plaint_assessment,
    out_json: *mut *mut c_char,
) -> plaint_status {
    guard_status(|| {
        // SAFETY: caller's promise on `assessment`.
        let a = unsafe { handle(assessment, "assessment") }?;
        let out = out_arg(out_json, "out_json")?;
        let text = crate::engine::assessment_text(&a.assessment)?;
        // SAFETY: `out` checked above.
        unsafe { put_text(out, text) }
    })
}

/// Run an accessor on a handle; `none` for NULL or a panic.
pub(crate) fn read<T>(a: *const plaint_assessment, none: T, f: impl FnOnce(&Assessment) -> Option<T>) -> T {
    // SAFETY: the accessors' callers promise NULL or a live handle.
    let Ok(a) = (unsafe { handle(a, "assessment") }) else {
        return none;
    };
    catch_unwind(AssertUnwindSafe(|| f(&a.assessment)))
        .ok()
        .flatten()
        .unwrap_or(none)
}

fn deadline(a: *const plaint_assessment, i: usize, none: i64, f: impl FnOnce(&DeadlineStatus) -> Option<Stamp>) -> i64 {
    read(a, none, |a| a.deadlines.get(i).and_then(f).map(|s| s.at.ms()))
}

/// The complaint's id. Empty for NULL.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_complaint_id(assessment: *const plaint_assessment) -> plaint_str {
    read(assessment, plaint_str::NONE, |a| Some(plaint_str::of(&a.complaint_id)))
}

/// The lifecycle state code ("received", "in_progress", "closed", ...; the
/// `state` of the JSON). Empty for NULL.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_state(assessment: *const plaint_assessment) -> plaint_str {
    read(assessment, plaint_str::NONE, |a| Some(plaint_str::of(a.state.code())))
}

/// The severity code ("minor", "important", "major", ...), after any
/// reclassification; empty when the policy gives none, or for NULL.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_severity(assessment: *const plaint_assessment) -> plaint_str {
    read(assessment, plaint_str::NONE, |a| {
        a.classification.severity.map(|s| plaint_str::of(s.code()))
    })
}

/// `next_check_at`: the instant at which the host should assess again
/// (epoch ms), or `PLAINT_NO_INSTANT` when nothing will change by itself.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_next_check_ms(assessment: *const plaint_assessment) -> i64 {
    read(assessment, PLAINT_NO_INSTANT, |a| a.next_check_at.map(|s| s.at.ms()))
}

/// The number of deadlines (one per deadline rule of the policy, in the
/// policy's order). 0 for NULL.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_deadline_count(assessment: *const plaint_assessment) -> usize {
    read(assessment, 0, |a| Some(a.deadlines.len()))
}

/// The rule id of deadline `i` ("major_reply"). Empty out of range.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_deadline_id(assessment: *const plaint_assessment, i: usize) -> plaint_str {
    read(assessment, plaint_str::NONE, |a| {
        a.deadlines.get(i).map(|d| plaint_str::of(&d.id))
    })
}

/// The state of deadline `i`; `PLAINT_DEADLINE_STATE_NONE` out of range.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_deadline_state(
    assessment: *const plaint_assessment,
    i: usize,
) -> plaint_deadline_state {
    read(assessment, plaint_deadline_state::None, |a| {
        a.deadlines.get(i).map(|d| plaint_deadline_state::of(d.state))
    })
}

/// The due instant of deadline `i` (`due_at`, with extensions), epoch ms;
/// `PLAINT_NO_INSTANT` when it has none (not applicable, not started) or
/// out of range.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_deadline_due_ms(assessment: *const plaint_assessment, i: usize) -> i64 {
    deadline(assessment, i, PLAINT_NO_INSTANT, |d| d.due_at)
}

/// The warning instant of deadline `i` (`warn_at`: from then on it is at
/// risk), or `PLAINT_NO_INSTANT`.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_deadline_warn_ms(assessment: *const plaint_assessment, i: usize) -> i64 {
    deadline(assessment, i, PLAINT_NO_INSTANT, |d| d.warn_at)
}

/// When deadline `i` started (`started_at`), or `PLAINT_NO_INSTANT`.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_deadline_started_ms(assessment: *const plaint_assessment, i: usize) -> i64 {
    deadline(assessment, i, PLAINT_NO_INSTANT, |d| d.started_at)
}

/// When deadline `i` was met (`met_at`), or `PLAINT_NO_INSTANT`.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_deadline_met_ms(assessment: *const plaint_assessment, i: usize) -> i64 {
    deadline(assessment, i, PLAINT_NO_INSTANT, |d| d.met_at)
}

/// When deadline `i` next changes state by itself (`next_change_at`: its
/// warning point or due instant still ahead), or `PLAINT_NO_INSTANT`.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_deadline_next_check_ms(
    assessment: *const plaint_assessment,
    i: usize,
) -> i64 {
    deadline(assessment, i, PLAINT_NO_INSTANT, |d| d.next_change_at)
}

/// The stable name of a deadline state ("pending", "met_late", ...), the
/// `state` code of the JSON; NULL for `PLAINT_DEADLINE_STATE_NONE` and for a
/// number this library does not know. Static: never free it.
#[unsafe(no_mangle)]
pub extern "C" fn plaint_deadline_state_name(state: u32) -> *const c_char {
    plaint_deadline_state::name(state).map_or(ptr::null(), CStr::as_ptr)
}

/// The number of escalations due (JSON `escalations`). 0 for NULL.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_escalation_count(assessment: *const plaint_assessment) -> usize {
    read(assessment, 0, |a| Some(a.escalations.len()))
}

/// The ladder level that must act on escalation `i` ("general_manager").
/// Empty out of range.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_escalation_level(
    assessment: *const plaint_assessment,
    i: usize,
) -> plaint_str {
    read(assessment, plaint_str::NONE, |a| {
        a.escalations.get(i).map(|e| plaint_str::of(&e.level))
    })
}

/// The position of escalation `i`'s level on the ladder (0 = first line);
/// -1 out of range.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_escalation_level_index(
    assessment: *const plaint_assessment,
    i: usize,
) -> i32 {
    read(assessment, -1, |a| a.escalations.get(i).map(|e| level(e.level_index)))
}

/// The highest ladder position any escalation is due at (0 = first line),
/// or -1 when no escalation is due: the escalation level of the complaint.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_escalation_level_max(assessment: *const plaint_assessment) -> i32 {
    read(assessment, -1, |a| {
        Some(a.escalations.iter().map(|e| level(e.level_index)).max().unwrap_or(-1))
    })
}

fn level(i: usize) -> i32 {
    i32::try_from(i).unwrap_or(i32::MAX)
}

/// The trigger id of escalation `i` (the policy's trigger). Empty out of range.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_escalation_trigger(
    assessment: *const plaint_assessment,
    i: usize,
) -> plaint_str {
    read(assessment, plaint_str::NONE, |a| {
        a.escalations.get(i).map(|e| plaint_str::of(&e.trigger))
    })
}

/// When the people of escalation `i`'s level are to be notified
/// (`notify_at`, quiet hours applied), or `PLAINT_NO_INSTANT`.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_escalation_notify_ms(assessment: *const plaint_assessment, i: usize) -> i64 {
    read(assessment, PLAINT_NO_INSTANT, |a| {
        a.escalations.get(i).map(|e| e.notify_at.at.ms())
    })
}

/// By when escalation `i`'s level must act (`act_by`), or
/// `PLAINT_NO_INSTANT` when the trigger sets no limit.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_escalation_act_by_ms(assessment: *const plaint_assessment, i: usize) -> i64 {
    read(assessment, PLAINT_NO_INSTANT, |a| {
        a.escalations.get(i).and_then(|e| e.act_by).map(|s| s.at.ms())
    })
}

/// The number of required actions still open (JSON `required_actions`).
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_required_action_count(assessment: *const plaint_assessment) -> usize {
    read(assessment, 0, |a| Some(a.required_actions.len()))
}

/// The code of required action `i` ("reply_by_letter", "follow_up", ...;
/// the `action` of the JSON). Empty out of range.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_required_action(
    assessment: *const plaint_assessment,
    i: usize,
) -> plaint_str {
    read(assessment, plaint_str::NONE, |a| {
        a.required_actions.get(i).map(|r| plaint_str::of(&r.action))
    })
}
