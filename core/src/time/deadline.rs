//! Adding a span to a start instant (docs/time.md "Start" and "End").

use super::{Calendar, negative, out_of_range, overflow};
use crate::error::Error;
use crate::model::Instant;
use crate::time::clock::{Clock, End, Roll, Span};
use chrono::Months;

impl Calendar {
    /// The instant a span started at `start` is due.
    ///
    /// Three working days from Wednesday 30 September 2026, 10:00 in
    /// Shenzhen: 1–7 October are the National Day holiday and Saturday
    /// 10 October a make-up working day, so 8, 9 and 10 October count; in
    /// Hong Kong only 1 October is a holiday, so 2, 5 and 6 October count.
    ///
    /// ```
    /// use plaint_core::{Calendar, Instant, Span};
    ///
    /// let start = Instant::parse("2026-09-30T10:00:00+08:00").unwrap();
    /// let mainland = Calendar::preset("cn-mainland").unwrap();
    /// let due = mainland.add(start, &Span::working_days(3)).unwrap();
    /// assert_eq!(mainland.format(due), "2026-10-10T18:00:00+08:00");
    ///
    /// let hk = Calendar::preset("hk").unwrap();
    /// let due = hk.add(start, &Span::working_days(3)).unwrap();
    /// assert_eq!(hk.format(due), "2026-10-06T18:00:00+08:00");
    ///
    /// // 24 hours of elapsed time ignore the calendar.
    /// let due = mainland.add(start, &Span::elapsed_minutes(24 * 60)).unwrap();
    /// assert_eq!(mainland.format(due), "2026-10-01T10:00:00+08:00");
    /// ```
    pub fn add(&self, start: Instant, span: &Span) -> Result<Instant, Error> {
        self.add_delayed(start, span, 0)
    }

    /// The due instant, pushed back by `delay` units of the clock's pause
    /// measure (milliseconds, working days, or calendar days for the
    /// calendar-day, week and month clocks).
    pub fn add_delayed(&self, start: Instant, span: &Span, delay: i64) -> Result<Instant, Error> {
        if span.amount < 0 {
            return Err(negative(span.amount));
        }
        let end = span.end.unwrap_or_else(|| self.default_end());
        let n = span.amount.checked_add(delay).ok_or_else(overflow)?;
        match span.clock {
            Clock::Elapsed => {
                let t = start.0.checked_add(n).ok_or_else(overflow)?;
                Instant::from_ms(t).map_err(|_| out_of_range(start, span))
            }
            Clock::Business => self.add_business(start.0, n),
            Clock::WorkingDays => self.add_working_days(start.0, n, end),
            Clock::CalendarDays => self.add_days(start.0, n, end, span.roll),
            Clock::Weeks => {
                let days = span.amount.checked_mul(7).and_then(|d| d.checked_add(delay));
                self.add_days(start.0, days.ok_or_else(overflow)?, end, span.roll)
            }
            Clock::Months => self.add_months(start.0, span.amount, delay, end, span.roll),
        }
    }

    fn add_business(&self, t: i64, amount: i64) -> Result<Instant, Error> {
        if amount == 0 {
            // Counting starts at the instant inside hours, else at the next opening.
            return self.next_opening(Instant(t));
        }
        let k = self.day_of(t)?;
        let target = self
            .index
            .business_before(k, t)
            .checked_add(amount)
            .ok_or_else(overflow)?;
        self.index
            .business_instant(target)
            .map(Instant)
            .ok_or_else(|| self.beyond_end())
    }

    fn add_working_days(&self, t: i64, n: i64, end: End) -> Result<Instant, Error> {
        let k = self.day_of(t)?;
        let j = if n == 0 {
            // By the end of the start day's working time, else of the next working day.
            if self.index.is_working(k) && t <= self.end_of(k, end) {
                k
            } else {
                self.next_working_after(k)?
            }
        } else {
            // The start day is not counted: the n-th working day after it.
            let m = u64::from(self.index.wd_prefix[k + 1]).saturating_add(n as u64);
            self.nth_working(m)?
        };
        Ok(Instant(self.end_of(j, end)))
    }

    fn add_days(&self, t: i64, n: i64, end: End, roll: Roll) -> Result<Instant, Error> {
        let k = self.day_of(t)?;
        let j = usize::try_from(n)
            .ok()
            .and_then(|n| k.checked_add(n))
            .filter(|&j| j < self.index.days)
            .ok_or_else(|| self.beyond_end())?;
        self.finish_day(t, j, end, roll)
    }

    fn add_months(&self, t: i64, months: i64, delay: i64, end: End, roll: Roll) -> Result<Instant, Error> {
        let k = self.day_of(t)?;
        let months = u32::try_from(months).map_err(|_| overflow())?;
        let date = self
            .index
            .date(k)
            .checked_add_months(Months::new(months))
            .ok_or_else(overflow)?;
        let j = self.index.day_index(date).ok_or_else(|| self.range_error(date))?;
        let j = usize::try_from(delay)
            .ok()
            .and_then(|d| j.checked_add(d))
            .filter(|&j| j < self.index.days)
            .ok_or_else(|| self.beyond_end())?;
        self.finish_day(t, j, end, roll)
    }

    /// Roll and end rules for a deadline whose last day is `j`.
    fn finish_day(&self, t: i64, mut j: usize, end: End, roll: Roll) -> Result<Instant, Error> {
        if roll == Roll::NextWorkingDay && !self.index.is_working(j) {
            j = self.next_working_after(j)?;
        }
        let due = self.end_of(j, end);
        // Only an amount of 0 started after the close can land before the
        // start: the deadline is then the end of that day, never the past.
        Ok(Instant(if due < t { self.index.day_start[j + 1] } else { due }))
    }
}
