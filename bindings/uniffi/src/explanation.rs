//! Typed explanations of a deadline (`plaint deadline --explain`), converted
//! from the core's types.

use crate::enums::{DayKind, DeadlineClock, DeadlineEnd, DeadlineRoll};
use plaint_core::Error;
use std::time::SystemTime;

/// One day of an explanation.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DayNote {
    /// YYYY-MM-DD in the calendar's zone.
    pub date: String,
    /// Mon, Tue, ...
    pub weekday: String,
    pub kind: DayKind,
    /// The holiday's or make-up day's name.
    pub name: Option<String>,
    /// For the business clock: business minutes counted on this day.
    pub business_minutes: Option<i64>,
    /// The day lies past the calendar's official data: what it is comes
    /// from the projection.
    pub projected: bool,
}

/// A deadline with the days that led to it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Explanation {
    pub calendar: String,
    pub start: SystemTime,
    pub clock: DeadlineClock,
    pub amount: i64,
    /// The end of the last day (day-based clocks only).
    pub end: Option<DeadlineEnd>,
    pub roll: DeadlineRoll,
    pub due_at: SystemTime,
    /// Counted on projected holiday data (the projected days are marked).
    pub provisional: bool,
    pub days: Vec<DayNote>,
}

impl TryFrom<plaint_core::time::Explanation> for Explanation {
    type Error = Error;
    fn try_from(e: plaint_core::time::Explanation) -> Result<Explanation, Error> {
        let plaint_core::time::Explanation {
            calendar,
            start,
            clock,
            amount,
            end,
            roll,
            due_at,
            provisional,
            days,
        } = e;
        // The core writes both as RFC 3339 in the calendar's zone.
        let at = |s: &str| plaint_core::model::parse_instant(s).map(crate::time::system);
        Ok(Explanation {
            calendar,
            start: at(&start)?,
            clock: clock.into(),
            amount,
            end: end.map(Into::into),
            roll: roll.into(),
            due_at: at(&due_at)?,
            provisional,
            days: days.into_iter().map(Into::into).collect(),
        })
    }
}

impl From<plaint_core::time::DayNote> for DayNote {
    fn from(d: plaint_core::time::DayNote) -> DayNote {
        let plaint_core::time::DayNote {
            date,
            weekday,
            kind,
            name,
            business_minutes,
            projected,
        } = d;
        DayNote {
            date,
            weekday: weekday.to_string(),
            kind: kind.into(),
            name,
            business_minutes,
            projected,
        }
    }
}
