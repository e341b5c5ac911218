//! The inverse of deadline arithmetic: how much of a clock has run between
//! two instants (remaining time, statistics), and how much a pause stopped it.

use super::Calendar;
use crate::error::Error;
use crate::model::Instant;
use crate::time::clock::{Clock, End, PartialDays, Span};

impl Calendar {
    /// Time elapsed on `span`'s clock (and end) from `from` to `to`, in the
    /// clock's units: milliseconds for elapsed and business, else whole
    /// working days / days / weeks / months completed (a day counts once its
    /// end has passed). 0 when `to` is not after `from`.
    pub fn elapsed(&self, from: Instant, to: Instant, span: &Span) -> Result<i64, Error> {
        if to.0 <= from.0 {
            return Ok(0);
        }
        let end = span.end.unwrap_or_else(|| self.default_end());
        match span.clock {
            Clock::Elapsed => Ok(to.0 - from.0),
            Clock::Business => {
                let (k, q) = (self.day_of(from.0)?, self.day_of_end(to.0)?);
                Ok(self.index.business_before(q, to.0) - self.index.business_before(k, from.0))
            }
            Clock::WorkingDays => {
                let (k, q) = (self.day_of(from.0)?, self.day_of_end(to.0)?);
                if q == k {
                    return Ok(0);
                }
                let mut n = i64::from(self.index.wd_prefix[q + 1] - self.index.wd_prefix[k + 1]);
                if self.index.is_working(q) && to.0 < self.end_of(q, end) {
                    n -= 1;
                }
                Ok(n)
            }
            Clock::CalendarDays => self.days_completed(from.0, to.0, end),
            Clock::Weeks => Ok(self.days_completed(from.0, to.0, end)? / 7),
            Clock::Months => self.months_completed(from.0, to.0, end),
        }
    }

    /// Time counted from `from` to `to` on the span's clock less `delay`,
    /// the paused time in the units `paused` gives. Weeks and months pause by
    /// calendar days: their count is the days completed less the paused days
    /// (in whole weeks), or the months completed by `to` moved back by the
    /// paused days — never days taken from a count of weeks or months.
    pub fn active_elapsed(&self, from: Instant, to: Instant, span: &Span, delay: i64) -> Result<i64, Error> {
        let end = span.end.unwrap_or_else(|| self.default_end());
        match span.clock {
            _ if delay <= 0 || to.0 <= from.0 => self.elapsed(from, to, span),
            Clock::Weeks => Ok((self.days_completed(from.0, to.0, end)? - delay).max(0) / 7),
            Clock::Months => {
                let (k, q) = (self.day_of(from.0)?, self.day_of_end(to.0)?);
                let Some(back) = q.checked_sub(delay as usize).filter(|&b| b >= k) else {
                    return Ok(0);
                };
                // The same time of day, `delay` days earlier.
                let at = self.index.day_start[back] + (to.0 - self.index.day_start[q]);
                self.months_completed(from.0, at.min(self.index.day_start[back + 1]), end)
            }
            _ => Ok((self.elapsed(from, to, span)? - delay).max(0)),
        }
    }

    /// Like `day_of`, but 24:00 of the last day of data (which `add` can
    /// return, docs/time.md "end_of_day") belongs to that last day.
    fn day_of_end(&self, t: i64) -> Result<usize, Error> {
        if t == self.index.day_start[self.index.days] {
            Ok(self.index.days - 1)
        } else {
            self.day_of(t)
        }
    }

    fn days_completed(&self, from: i64, to: i64, end: End) -> Result<i64, Error> {
        let (k, q) = (self.day_of(from)?, self.day_of_end(to)?);
        let mut n = (q - k) as i64;
        if q > k && to < self.end_of(q, end) {
            n -= 1;
        }
        Ok(n)
    }

    fn months_completed(&self, from: i64, to: i64, end: End) -> Result<i64, Error> {
        let (k, q) = (self.day_of(from)?, self.day_of_end(to)?);
        let (d0, d1) = (self.index.date(k), self.index.date(q));
        use chrono::Datelike;
        let guess = (d1.year() - d0.year()) * 12 + d1.month() as i32 - d0.month() as i32;
        for m in (1..=guess.max(0)).rev() {
            let date = d0.checked_add_months(chrono::Months::new(m as u32));
            if let Some(j) = date.and_then(|d| self.index.day_index(d))
                && self.end_of(j, end) <= to
            {
                return Ok(i64::from(m));
            }
        }
        Ok(0)
    }

    /// How much a pause from `a` to `b` stopped a deadline started at
    /// `start`, in the units `add_delayed` takes: milliseconds for elapsed
    /// and business; working days touched (or wholly covered, with
    /// `PartialDays::Ignore`) for working_days; calendar days likewise for
    /// the calendar-day, week and month clocks. The start day never counts.
    pub fn paused(
        &self,
        start: Instant,
        a: Instant,
        b: Instant,
        span: &Span,
        partial: PartialDays,
    ) -> Result<i64, Error> {
        let a = a.0.max(start.0);
        if b.0 <= a {
            return Ok(0);
        }
        match span.clock {
            Clock::Elapsed => Ok(b.0 - a),
            Clock::Business => self.elapsed(Instant(a), b, span),
            Clock::WorkingDays => self.paused_days(start.0, a, b.0, partial, true),
            _ => self.paused_days(start.0, a, b.0, partial, false),
        }
    }

    fn paused_days(&self, start: i64, a: i64, b: i64, partial: PartialDays, working_only: bool) -> Result<i64, Error> {
        let k0 = self.day_of(start)?;
        let da = self.day_of(a)?;
        let mut db = self.day_of(b.min(self.index.day_start[self.index.days] - 1))?;
        if db > da && b == self.index.day_start[db] {
            db -= 1; // a pause ending at midnight does not touch the next day
        }
        let mut n = 0i64;
        let ends: &[usize] = if db == da { &[da] } else { &[da, db] };
        for &j in ends {
            if j > k0 && self.day_paused(j, a, b, partial, working_only) {
                n += 1;
            }
        }
        let lo = (da + 1).max(k0 + 1);
        if db > lo {
            n += if working_only {
                i64::from(self.index.wd_prefix[db] - self.index.wd_prefix[lo])
            } else {
                (db - lo) as i64
            };
        }
        Ok(n)
    }

    /// Whether the pause [a, b) stops day `j`: touches its counted time
    /// (business hours for working days, the whole day otherwise), or covers
    /// all of it when partial days are ignored.
    fn day_paused(&self, j: usize, a: i64, b: i64, partial: PartialDays, working_only: bool) -> bool {
        let (lo, hi) = (self.index.day_start[j], self.index.day_start[j + 1]);
        if !working_only {
            return match partial {
                PartialDays::Count => a < hi && b > lo,
                PartialDays::Ignore => a <= lo && b >= hi,
            };
        }
        if !self.index.is_working(j) {
            return false;
        }
        let total = self.index.bm_prefix[j + 1] - self.index.bm_prefix[j];
        let (s, e) = (a.max(lo), b.min(hi));
        if e <= s || total == 0 {
            return false;
        }
        let covered = self.index.business_before(j, e) - self.index.business_before(j, s);
        match partial {
            PartialDays::Count => covered > 0,
            PartialDays::Ignore => covered == total,
        }
    }
}
