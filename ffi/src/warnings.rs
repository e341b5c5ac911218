//! The warnings of an assessment (the core's `Assessment.warnings`: calendar
//! data ending or ended, deadlines counted on projected data, deadlines that
//! cannot be computed), read from the handle and sent to the log callback.

use crate::assessment::{plaint_str, read};
use crate::handles::*;
use crate::log::{emit, installed, plaint_log_level};
use plaint_core::{Assessment, Warning};

/// Send every warning of `a` to the host's log callback, if one is
/// installed: level WARN, the warning's code, "complaint ID: message".
pub(crate) fn log_warnings(a: &Assessment) {
    if a.warnings.is_empty() || !installed() {
        return;
    }
    for w in &a.warnings {
        emit(
            plaint_log_level::Warn,
            w.code.code(),
            &format!("complaint {}: {}", a.complaint_id, w.message),
        );
    }
}

fn warning(a: *const plaint_assessment, i: usize, f: impl FnOnce(&Warning) -> Option<plaint_str>) -> plaint_str {
    read(a, plaint_str::NONE, |a| a.warnings.get(i).and_then(f))
}

/// The number of warnings (JSON `warnings`), in the order of the JSON. 0 for NULL.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_warning_count(assessment: *const plaint_assessment) -> usize {
    read(assessment, 0, |a| Some(a.warnings.len()))
}

/// The stable code of warning `i` ("calendar_data_ending",
/// "calendar_data_ended", "projected_data", "deadline_undetermined"; new
/// codes may be added). Empty out of range.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_warning_code(assessment: *const plaint_assessment, i: usize) -> plaint_str {
    warning(assessment, i, |w| Some(plaint_str::of(w.code.code())))
}

/// The message of warning `i`, for people (English). Empty out of range.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_warning_message(
    assessment: *const plaint_assessment,
    i: usize,
) -> plaint_str {
    warning(assessment, i, |w| Some(plaint_str::of(&w.message)))
}

/// The name of the calendar warning `i` is about ("cn-mainland"). Empty out
/// of range.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_warning_calendar(
    assessment: *const plaint_assessment,
    i: usize,
) -> plaint_str {
    warning(assessment, i, |w| Some(plaint_str::of(&w.calendar)))
}

/// The last day of that calendar's official data, "YYYY-MM-DD". Empty out
/// of range.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_warning_data_end(
    assessment: *const plaint_assessment,
    i: usize,
) -> plaint_str {
    warning(assessment, i, |w| Some(plaint_str::of(&w.data_end)))
}

/// The id of the deadline warning `i` is about ("handling"); empty when the
/// warning is about the calendar as a whole, or out of range.
///
/// # Safety
/// `assessment` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_assessment_warning_deadline(
    assessment: *const plaint_assessment,
    i: usize,
) -> plaint_str {
    warning(assessment, i, |w| w.deadline.as_deref().map(plaint_str::of))
}
