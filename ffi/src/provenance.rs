//! Where an assessment's answers come from: for each deadline, whose time it
//! is (a deadline or a window), the calendar it was counted on, whether that
//! used projected holidays, how far its time could be counted and why it
//! could not be computed; for the assessment, the version of the policy
//! applied. Accessors over the handle, never failing (see assessment.rs).

use crate::assessment::{PLAINT_NO_INSTANT, plaint_str, read};
use crate::handles::*;
use crate::status::*;
use plaint_core::Code;
use plaint_core::policy::RuleKind;
use plaint_core::sla::DeadlineStatus;
use std::ffi::{CStr, c_char};
use std::ptr;

/// Whose time a deadline measures (`plaint_assessment_deadline_kind`), the
/// `kind` codes of the JSON as numbers. Numbers are API: never renumbered;
/// treat an unknown number as "some other kind" (its name:
/// `plaint_deadline_kind_name`).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum plaint_deadline_kind {
    /// No such deadline (NULL handle or index out of range).
    None = 0,
    /// "deadline": the firm's own time limit; missing it is a breach.
    Deadline = 1,
    /// "window": the time in which something may still happen (the
    /// complainant's time to refer, ...); it lapses, never breaches.
    Window = 2,
    /// "internal": a department's own time to answer the front desk after
    /// a hand-off (an internal target), apart from the customer-facing ones.
    Internal = 3,
}

impl plaint_deadline_kind {
    fn of(k: RuleKind) -> plaint_deadline_kind {
        match k {
            RuleKind::Deadline => plaint_deadline_kind::Deadline,
            RuleKind::Window => plaint_deadline_kind::Window,
            RuleKind::Internal => plaint_deadline_kind::Internal,
        }
    }

    fn name(n: u32) -> Option<&'static CStr> {
        Some(match n {
            1 => c"deadline",
            2 => c"window",
            3 => c"internal",
            _ => return None,
        })
    }
}

fn deadline<T>(a: *const plaint_assessment, i: usize, none: T, f: impl FnOnce(&DeadlineStatus) -> Option<T>) -> T {
    read(a, none, |a| a.deadlines.get(i).and_then(f))
}

/// Whether deadline `i` is a deadline or a window (JSON `kind`);
/// `PLAINT_DEADLINE_KIND_NONE` out of range.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_deadline_kind(
    assessment: *const plaint_assessment,
    i: usize,
) -> plaint_deadline_kind {
    deadline(assessment, i, plaint_deadline_kind::None, |d| {
        Some(plaint_deadline_kind::of(d.kind))
    })
}

/// The stable name of a deadline kind ("deadline", "window", "internal"); NULL for
/// `PLAINT_DEADLINE_KIND_NONE` and for a number this library does not know.
/// Static: never free it.
#[unsafe(no_mangle)]
pub extern "C" fn plaint_deadline_kind_name(kind: u32) -> *const c_char {
    plaint_deadline_kind::name(kind).map_or(ptr::null(), CStr::as_ptr)
}

/// The name of the calendar deadline `i` was counted on (JSON `calendar`:
/// the policy's, or the one given with `plaint_engine_with_calendar`).
/// Empty out of range.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_deadline_calendar(
    assessment: *const plaint_assessment,
    i: usize,
) -> plaint_str {
    deadline(assessment, i, plaint_str::NONE, |d| Some(plaint_str::of(&d.calendar)))
}

/// Whether deadline `i` was counted on projected holiday data (JSON
/// `provisional`; see `PLAINT_ASSESS_BEYOND_DATA_PROJECTED`): its due
/// instant may change when the official data for those days is added.
/// False out of range.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_deadline_provisional(
    assessment: *const plaint_assessment,
    i: usize,
) -> bool {
    deadline(assessment, i, false, |d| Some(d.provisional))
}

/// When deadline `i`'s elapsed and remaining time could only be counted up
/// to the end of the calendar's data, that instant (JSON `counted_until`);
/// else, or out of range, `PLAINT_NO_INSTANT`.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_deadline_counted_until_ms(
    assessment: *const plaint_assessment,
    i: usize,
) -> i64 {
    deadline(assessment, i, PLAINT_NO_INSTANT, |d| d.counted_until.map(|s| s.at.ms()))
}

/// Why deadline `i` is undetermined (`PLAINT_DEADLINE_STATE_UNDETERMINED`):
/// the status of its error, e.g. `PLAINT_STATUS_CALENDAR_RANGE_EXCEEDED`
/// (its name: `plaint_status_code_name`; the JSON's `error.code`).
/// `PLAINT_STATUS_OK` for a deadline without an error, or out of range.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_deadline_error(
    assessment: *const plaint_assessment,
    i: usize,
) -> plaint_status {
    deadline(assessment, i, plaint_status::Ok, |d| {
        let e = d.error.as_ref()?;
        // The core writes its own codes only, so every one has a status;
        // a code without one would be a bug, reported as INVALID_VALUE
        // rather than as no error.
        Some(Code::from_code(e.code).map_or(plaint_status::InvalidValue, plaint_status::from_code))
    })
}

/// The message of deadline `i`'s error (JSON `error.message`); empty for a
/// deadline without an error, or out of range.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_deadline_error_message(
    assessment: *const plaint_assessment,
    i: usize,
) -> plaint_str {
    deadline(assessment, i, plaint_str::NONE, |d| {
        d.error.as_ref().map(|e| plaint_str::of(&e.message))
    })
}

/// The name of the policy applied ("cn-consumer-samr"; JSON
/// `policy_version.name`). Empty for NULL.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_policy_name(assessment: *const plaint_assessment) -> plaint_str {
    read(assessment, plaint_str::NONE, |a| {
        Some(plaint_str::of(&a.policy_version.name))
    })
}

/// The label of the policy version applied ("2022"; JSON
/// `policy_version.version`): for a policy document with dated versions,
/// the version in force (or the one pinned with `NAME@VERSION`). Empty for NULL.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_policy_version(assessment: *const plaint_assessment) -> plaint_str {
    read(assessment, plaint_str::NONE, |a| {
        Some(plaint_str::of(&a.policy_version.version))
    })
}

/// The first day the applied version is in force, "YYYY-MM-DD" (JSON
/// `policy_version.effective_from`); empty for a policy without dated
/// versions, or for NULL.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_policy_effective_from(assessment: *const plaint_assessment) -> plaint_str {
    read(assessment, plaint_str::NONE, |a| {
        a.policy_version.effective_from.as_deref().map(plaint_str::of)
    })
}

/// The last day the applied version is in force, "YYYY-MM-DD" (JSON
/// `policy_version.effective_to`); empty while no later version exists, for
/// a policy without dated versions, or for NULL.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_policy_effective_to(assessment: *const plaint_assessment) -> plaint_str {
    read(assessment, plaint_str::NONE, |a| {
        a.policy_version.effective_to.as_deref().map(plaint_str::of)
    })
}

/// How the applied version was chosen (JSON `policy_version.selected_by`):
/// "received_at" (in force at the complaint's receipt), "now", "pinned"
/// (`NAME@VERSION`) or "single" (the policy has one version). Empty for NULL.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_policy_selected_by(assessment: *const plaint_assessment) -> plaint_str {
    read(assessment, plaint_str::NONE, |a| {
        Some(plaint_str::of(a.policy_version.selected_by.code()))
    })
}
