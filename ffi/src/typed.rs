//! The typed enums of the deadline fast paths and their mapping to the core.

use plaint_core::{Clock, Code, End, Error, Roll, Span};

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

pub(crate) fn clock_of(n: u32) -> Option<Clock> {
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

pub(crate) fn end_of(n: u32) -> Option<Option<End>> {
    Some(match n {
        0 => None,
        1 => Some(End::CloseOfBusiness),
        2 => Some(End::EndOfDay),
        _ => return None,
    })
}

pub(crate) fn roll_of(n: u32) -> Option<Roll> {
    Some(match n {
        0 => Roll::None,
        1 => Roll::NextWorkingDay,
        _ => return None,
    })
}

/// The span of a typed call: the same conversion as the JSON layer's
/// deadline request (amount in minutes for duration clocks).
pub(crate) fn span_of(clock: u32, amount: i64, end: u32, roll: u32) -> Result<Span, Error> {
    let bad = |what: &str, n: u32| Error::new(Code::InvalidValue, format!("/{what}"), format!("unknown {what} {n}"));
    let c = clock_of(clock).ok_or_else(|| bad("clock", clock))?;
    let e = end_of(end).ok_or_else(|| bad("end", end))?;
    let r = roll_of(roll).ok_or_else(|| bad("roll", roll))?;
    let span = Span::from_edge_amount(c, amount)
        .ok_or_else(|| Error::new(Code::AmountOverflow, "/amount", format!("amount {amount} is too large")))?;
    Ok(span.with_end(e).with_roll(r))
}
