//! Deadlines at the edge of the calendar's data: a deadline that cannot be
//! computed is `undetermined` (the rest of the assessment goes on), time
//! elapsed is counted as far as the data reaches, and a deadline counted on
//! projected holidays is provisional.

use super::{DeadlineStatus, SlaContext, SlaState, to_edge};
use crate::error::{Code, Error};
use crate::model::Instant;
use crate::policy::DeadlineRule;
use crate::time::{Calendar, Clock, Span};
use serde::Serialize;

/// Why a deadline is undetermined: the error of its computation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeadlineError {
    /// The error's stable code (`calendar_range_exceeded`,
    /// `instant_out_of_range`...).
    pub code: &'static str,
    /// The error's message, for people.
    pub message: String,
}

impl DeadlineError {
    /// The code and message of `e`.
    pub fn of(e: &Error) -> DeadlineError {
        DeadlineError {
            code: e.code().as_str(),
            message: e.to_string(),
        }
    }
}

impl DeadlineStatus {
    /// Whether the deadline is undetermined because its computation needs a
    /// date past its calendar's official data (`calendar_range_exceeded`).
    pub fn undetermined_past_data(&self) -> bool {
        self.error
            .as_ref()
            .is_some_and(|e| e.code == Code::CalendarRangeExceeded.as_str())
    }
}

/// Whether an error is the computation's (the deadline alone is affected)
/// rather than the input's (the whole call fails).
pub fn is_computation(e: &Error) -> bool {
    matches!(e.code(), Code::CalendarRangeExceeded | Code::AmountOverflow)
}

/// The status of a deadline whose due time could not be computed. A
/// deadline started within the data whose due lies past the data's end and
/// that was met before that end was met on time: it says `met`.
pub(super) fn undetermined(
    st: &mut DeadlineStatus,
    rule: &DeadlineRule,
    cx: &SlaContext,
    (start, met, until): (Instant, Option<Instant>, Instant),
    span: &Span,
    pauses: &[(Instant, Instant)],
    e: Error,
) -> Result<(), Error> {
    if !is_computation(&e) {
        return Err(e);
    }
    let cal = cx.calendar;
    let end = cal.end_instant();
    let due_after_end = e.code() == Code::CalendarRangeExceeded && cal.contains(start);
    match met.filter(|m| due_after_end && *m < end) {
        Some(m) => {
            st.state = SlaState::Met;
            st.met_at = Some(cal.stamp(m));
            st.notes.push(format!(
                "met before the end of calendar {}'s data ({}), so before its due time, which lies after it",
                cal.name(),
                cal.data_end()
            ));
        }
        None => {
            st.state = SlaState::Undetermined;
            st.notes.push(format!("the due time cannot be computed: {e}"));
            st.error = Some(DeadlineError::of(&e));
        }
    }
    let until = count_until(st, cal, span, until);
    let delay: Result<i64, Error> = pauses
        .iter()
        .filter(|(a, _)| *a < until)
        .map(|&(a, b)| cal.paused(start, a, b.min(until), span, rule.partial_days))
        .sum();
    let done = delay.and_then(|delay| Ok((delay, cal.active_elapsed(start, until, span, delay)?)));
    if let Ok((delay, done)) = done {
        st.paused = to_edge(rule, delay);
        st.elapsed = Some(to_edge(rule, done));
        st.remaining = Some(to_edge(rule, span.amount - done));
    }
    finish(st, cal, span, start, None, until);
    Ok(())
}

/// The instant elapsed time is counted to: `until`, or the end of the
/// calendar's data when `until` lies past it (recorded in `counted_until`).
pub(super) fn count_until(st: &mut DeadlineStatus, cal: &Calendar, span: &Span, until: Instant) -> Instant {
    let end = cal.end_instant();
    if span.clock == Clock::Elapsed || until <= end {
        return until;
    }
    st.counted_until = Some(cal.stamp(end));
    end
}

/// The notes on counting cut at the data's end and on projected data, and
/// the `provisional` mark.
pub(super) fn finish(
    st: &mut DeadlineStatus,
    cal: &Calendar,
    span: &Span,
    start: Instant,
    due: Option<Instant>,
    until: Instant,
) {
    if let Some(t) = st.counted_until {
        let overdue = match st.remaining {
            Some(r) if r < 0 => format!(": overdue by at least {} {}", -r, st.unit),
            _ => String::new(),
        };
        st.notes.push(format!(
            "elapsed and remaining are counted up to the end of calendar {}'s data ({t}), not to now{overdue}",
            cal.name()
        ));
    }
    // Only a projected view has projected dates; the elapsed clock uses none.
    let Some(first) = cal.projected_from().filter(|_| span.clock != Clock::Elapsed) else {
        return;
    };
    // The last local date the computation reached (24:00 belongs to the day before).
    let reach = |t: Instant| cal.date_of(Instant((t.0 - 1).max(start.0)));
    let last = due.map_or(reach(until), |d| reach(d).max(reach(until)));
    if !cal.is_projected(last) {
        return;
    }
    st.provisional = true;
    let days = cal.projected_holidays(cal.date_of(start), last);
    let list = if days.is_empty() {
        format!("no projected holiday falls in {first}..{last}")
    } else {
        let names: Vec<String> = days.iter().map(|(d, n)| format!("{d} {n}")).collect();
        format!("projected holidays {}", names.join(", "))
    };
    st.notes.push(format!(
        "provisional: counted on calendar {}'s projected holiday data after its official data ends on {}: {list}; no make-up working days are projected",
        cal.name(),
        cal.data_end()
    ));
}
