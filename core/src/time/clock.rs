//! Clocks, ends and rolls (docs/time.md "Clocks").

use crate::model::labels::labelled_enum;
use crate::time::units::MINUTE_MS;

labelled_enum! {
    /// Which time counts.
    pub enum Clock ("clock") {
        /// All time: "within 30 minutes", "24 hours".
        Elapsed = "elapsed", "自然时间", "自然時間", "elapsed time";
        /// Business hours of working days: "4 business hours".
        Business = "business", "工作时间", "工作時間", "business hours";
        /// Whole working days (工作日), the start day not counted.
        WorkingDays = "working_days", "工作日", "工作日", "working days";
        /// Whole days (日), the start day not counted.
        CalendarDays = "calendar_days", "自然日", "自然日", "calendar days";
        /// 7-day weeks.
        Weeks = "weeks", "周", "週", "weeks";
        /// Calendar months, clamped to the month's last day.
        Months = "months", "月", "月", "months";
    }
}

impl Clock {
    /// Whether amounts on this clock are durations (milliseconds inside the
    /// core, minutes at the edges) rather than counts of days.
    pub fn is_duration(self) -> bool {
        matches!(self, Clock::Elapsed | Clock::Business)
    }

    /// Internal units per edge unit: amounts of duration clocks are
    /// milliseconds inside the core and minutes at the edges (policies, CLI,
    /// bindings, outputs); day counts are the same on both sides.
    pub fn edge_factor(self) -> i64 {
        if self.is_duration() { MINUTE_MS } else { 1 }
    }

    /// An internal amount in the edge unit (minutes, truncated, for durations).
    pub fn to_edge(self, amount: i64) -> i64 {
        amount / self.edge_factor()
    }

    /// The unit of this clock's amounts, as shown to people.
    pub fn unit(self) -> &'static str {
        match self {
            Clock::Elapsed | Clock::Business => "minutes",
            Clock::WorkingDays => "working days",
            Clock::CalendarDays => "days",
            Clock::Weeks => "weeks",
            Clock::Months => "months",
        }
    }
}

labelled_enum! {
    /// Where a day-based deadline ends on its last day.
    pub enum End ("end") {
        /// The end of the day's last business interval (PRC Civil Code art. 203).
        CloseOfBusiness = "close_of_business", "停止业务活动时", "停止業務活動時", "close of business";
        /// 24:00 local.
        EndOfDay = "end_of_day", "当日24时", "當日24時", "end of day";
    }
}

labelled_enum! {
    /// What happens when a calendar-day deadline falls on a non-working day.
    pub enum Roll ("roll") {
        /// Keep the day.
        None = "none", "不顺延", "不順延", "no roll";
        /// Move to the next working day (PRC Civil Code art. 203).
        NextWorkingDay = "next_working_day", "顺延至下一工作日", "順延至下一工作日", "next working day";
    }
}

labelled_enum! {
    /// How a pause that covers part of a day counts on a day-based clock.
    pub enum PartialDays ("partial_days") {
        /// A day counts as paused if the clock stopped at any time in its counted hours.
        Count = "count", "计入", "計入", "count partial days";
        /// Only days paused for all their counted hours count.
        Ignore = "ignore", "不计", "不計", "ignore partial days";
    }
}

/// An amount of time on a clock: what a deadline adds to its start. Build
/// one with the typed constructors ([`Span::working_days`],
/// [`Span::business_minutes`], ...) or [`Span::from_edge_amount`]; read it
/// with [`Span::clock`], [`Span::amount`], [`Span::end`] and [`Span::roll`].
///
/// ```
/// use plaint_core::{Amount, Clock, Roll, Span};
/// let s = Span::calendar_days(15).with_roll(Roll::NextWorkingDay);
/// assert_eq!((s.clock(), s.amount(), s.roll()), (Clock::CalendarDays, Amount::Count(15), Roll::NextWorkingDay));
/// assert_eq!(Span::business_minutes(240).amount(), Amount::Duration { ms: 240 * 60_000 });
/// assert_eq!(Span::business_minutes(240).edge_amount(), 240);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// The clock the amount is counted on.
    pub(crate) clock: Clock,
    /// Milliseconds for `elapsed` and `business`; a count of days, weeks or
    /// months otherwise (see [`Amount`]).
    pub(crate) amount: i64,
    /// `None`: close_of_business when the calendar has hours, else end_of_day.
    pub(crate) end: Option<End>,
    /// Whether a due date on a non-working day moves to the next working day.
    pub(crate) roll: Roll,
}

/// How much a [`Span`] adds, in the unit its clock counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amount {
    /// Time on the `elapsed` or `business` clock, in milliseconds.
    Duration {
        /// Milliseconds.
        ms: i64,
    },
    /// A whole number of the clock's units: working days, calendar days,
    /// weeks or months ([`Clock::unit`]).
    Count(i64),
}

impl Span {
    /// A span of `amount` in the clock's internal unit: milliseconds for
    /// `elapsed` and `business`, a count of days, weeks or months otherwise.
    /// Default end, no roll. The typed constructors below say their unit.
    pub fn new(clock: Clock, amount: i64) -> Span {
        Span {
            clock,
            amount,
            end: None,
            roll: Roll::None,
        }
    }

    /// The clock the amount is counted on.
    #[inline]
    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// The amount, typed by its unit.
    #[inline]
    pub fn amount(&self) -> Amount {
        if self.clock.is_duration() {
            Amount::Duration { ms: self.amount }
        } else {
            Amount::Count(self.amount)
        }
    }

    /// The amount in the unit policies, outputs and bindings use: whole
    /// minutes (truncated) for `elapsed` and `business`, the count otherwise.
    #[inline]
    pub fn edge_amount(&self) -> i64 {
        self.clock.to_edge(self.amount)
    }

    /// Where the last day ends; `None`: close_of_business when the calendar
    /// has hours, else end_of_day.
    #[inline]
    pub fn end(&self) -> Option<End> {
        self.end
    }

    /// Whether a due date on a non-working day moves to the next working day.
    #[inline]
    pub fn roll(&self) -> Roll {
        self.roll
    }

    /// `n` minutes of elapsed time ("within 30 minutes", "24 hours" = 1440).
    pub fn elapsed_minutes(n: u32) -> Span {
        Span::new(Clock::Elapsed, i64::from(n) * MINUTE_MS)
    }

    /// `n` minutes of business hours ("4 business hours" = 240).
    pub fn business_minutes(n: u32) -> Span {
        Span::new(Clock::Business, i64::from(n) * MINUTE_MS)
    }

    /// `n` whole working days, the start day not counted.
    pub fn working_days(n: u32) -> Span {
        Span::new(Clock::WorkingDays, i64::from(n))
    }

    /// `n` whole calendar days, the start day not counted.
    pub fn calendar_days(n: u32) -> Span {
        Span::new(Clock::CalendarDays, i64::from(n))
    }

    /// `n` weeks of 7 calendar days.
    pub fn weeks(n: u32) -> Span {
        Span::new(Clock::Weeks, i64::from(n))
    }

    /// `n` calendar months, clamped to the month's last day.
    pub fn months(n: u32) -> Span {
        Span::new(Clock::Months, i64::from(n))
    }

    /// A span from an amount in the edge unit: minutes for durations.
    pub fn from_edge_amount(clock: Clock, amount: i64) -> Option<Span> {
        Some(Span::new(clock, amount.checked_mul(clock.edge_factor())?))
    }

    /// The span with `end` as where its last day ends (`None`: the calendar's default).
    pub fn with_end(mut self, end: Option<End>) -> Span {
        self.end = end;
        self
    }

    /// The span with `roll`.
    pub fn with_roll(mut self, roll: Roll) -> Span {
        self.roll = roll;
        self
    }
}
