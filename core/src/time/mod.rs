//! Calendars, the calendar index, clocks and deadline arithmetic, exactly as
//! docs/time.md defines them.

pub(crate) mod calendar;
pub(crate) mod clock;
mod deadline;
pub(crate) mod explain;
pub mod feed;
pub(crate) mod index;
pub(crate) mod local;
mod measure;
pub mod presets;
mod projection;
pub(crate) mod status;
pub mod units;

pub use calendar::{CalendarSpec, Projection, Weekday};
pub use clock::{Amount, Clock, End, PartialDays, Roll, Span};
pub use explain::{DayKind, DayNote, Explanation};
pub use projection::BeyondData;
pub use status::CalendarStatus;

use crate::error::{Code, Error};
use crate::model::Instant;
use chrono::NaiveDate;
use chrono_tz::Tz;
use index::CalendarIndex;

/// A working calendar, ready for arithmetic: its data and its index.
/// Immutable once built; share it freely between threads.
#[derive(Debug, Clone)]
pub struct Calendar {
    spec: CalendarSpec,
    index: CalendarIndex,
    /// The name, shared by every deadline that reports it.
    label: crate::model::Text,
    /// In the projected view of a calendar: the first projected date.
    projected_from: Option<NaiveDate>,
    /// The projected view, built on first use.
    projected: std::sync::OnceLock<Option<std::sync::Arc<Calendar>>>,
}

impl Calendar {
    /// Build the index of a validated calendar.
    pub fn new(spec: CalendarSpec) -> Calendar {
        Calendar::build(spec, None)
    }

    fn build(spec: CalendarSpec, projected_from: Option<NaiveDate>) -> Calendar {
        let index = CalendarIndex::build(&spec);
        Calendar {
            label: spec.name.as_str().into(),
            spec,
            index,
            projected_from,
            projected: std::sync::OnceLock::new(),
        }
    }

    /// The name as shared text.
    pub fn label(&self) -> &crate::model::Text {
        &self.label
    }

    /// A calendar from JSON text; `"extends"` may name an embedded calendar.
    pub fn from_json(text: &str) -> Result<Calendar, Error> {
        CalendarSpec::from_json(text, &presets::spec).map(Calendar::new)
    }

    /// A calendar from a JSON value; `"extends"` may name an embedded calendar.
    pub fn from_value(v: &serde_json::Value) -> Result<Calendar, Error> {
        CalendarSpec::from_value(v, &presets::spec).map(Calendar::new)
    }

    /// An embedded calendar by name (built once, then shared).
    pub fn preset(name: &str) -> Result<std::sync::Arc<Calendar>, Error> {
        presets::calendar(name)
    }

    /// The calendar's data as declared.
    pub fn spec(&self) -> &CalendarSpec {
        &self.spec
    }

    /// The calendar's name.
    pub fn name(&self) -> &str {
        &self.spec.name
    }

    /// The IANA zone of its days and hours.
    pub fn zone(&self) -> Tz {
        self.spec.zone
    }

    /// Whether the calendar declares business hours (else the whole day counts).
    pub fn has_hours(&self) -> bool {
        self.spec.hours.is_some()
    }

    /// The end a day-based span uses when it names none (docs/time.md "Default end").
    pub fn default_end(&self) -> End {
        if self.has_hours() {
            End::CloseOfBusiness
        } else {
            End::EndOfDay
        }
    }

    /// RFC 3339 in the calendar's zone.
    pub fn format(&self, t: Instant) -> String {
        t.format_in(self.spec.zone)
    }

    /// `t` to be shown in the calendar's zone (formatted only when serialised).
    pub fn stamp(&self, t: Instant) -> crate::model::Stamp {
        crate::model::Stamp::new(t, self.spec.zone)
    }

    /// Whether `t` falls inside business hours of a working day.
    pub fn is_working_time(&self, t: Instant) -> Result<bool, Error> {
        let k = self.day_of(t.0)?;
        Ok(self.index.day_intervals(k).iter().any(|&(a, b)| a <= t.0 && t.0 < b))
    }

    /// `t` itself when inside business hours, else the next opening.
    pub fn next_opening(&self, t: Instant) -> Result<Instant, Error> {
        let k = self.day_of(t.0)?;
        if let Some(&(a, _)) = self.index.day_intervals(k).iter().find(|&&(_, b)| t.0 < b) {
            return Ok(Instant(a.max(t.0)));
        }
        let mut j = k;
        loop {
            j = self.next_working_after(j)?;
            if let Some(&(a, _)) = self.index.day_intervals(j).first() {
                return Ok(Instant(a));
            }
        }
    }

    /// Whether a local date is a working day.
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, Error> {
        match self.index.day_index(date) {
            Some(i) => Ok(self.index.is_working(i)),
            None => Err(self.range_error(date)),
        }
    }

    fn day_of(&self, t: i64) -> Result<usize, Error> {
        self.index
            .day_of(t)
            .ok_or_else(|| self.range_error(local::local_date(self.spec.zone, t)))
    }

    fn next_working_after(&self, i: usize) -> Result<usize, Error> {
        self.index.next_working_after(i).ok_or_else(|| self.beyond_end())
    }

    fn nth_working(&self, m: u64) -> Result<usize, Error> {
        self.index.nth_working(m).ok_or_else(|| self.beyond_end())
    }

    /// The error for a computation that runs past the last day of data.
    fn beyond_end(&self) -> Error {
        self.range_error(self.spec.valid_to.succ_opt().unwrap_or(self.spec.valid_to))
    }

    fn range_error(&self, date: NaiveDate) -> Error {
        Error::CalendarRangeExceeded {
            calendar: self.spec.name.clone(),
            date: date.to_string(),
            valid_from: self.spec.valid_from.to_string(),
            valid_to: self.spec.valid_to.to_string(),
        }
    }

    /// The instant a day-based deadline ending on day `i` ends.
    fn end_of(&self, i: usize, end: End) -> i64 {
        match end {
            End::CloseOfBusiness => self.index.close(i),
            End::EndOfDay => self.index.day_start[i + 1],
        }
    }
}

fn negative(amount: i64) -> Error {
    Error::new(Code::NegativeAmount, "", format!("amount {amount} is negative"))
}

fn overflow() -> Error {
    Error::new(Code::AmountOverflow, "", "the amount is too large")
}

/// A result past the last instant plaint represents (9999-12-31T23:59:59.999Z)
/// or before the first: the input was in range, the answer is not.
fn out_of_range(start: Instant, span: &Span) -> Error {
    Error::new(
        Code::InstantOutOfRange,
        "",
        format!(
            "a deadline {} {} after {} falls outside the years 1000-9999 that plaint represents",
            span.clock.to_edge(span.amount),
            span.clock.unit(),
            start.to_utc_string()
        ),
    )
}
