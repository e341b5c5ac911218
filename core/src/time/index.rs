//! The precomputed index of a calendar: per local day, the instant it starts,
//! its business intervals as instants, and prefix sums of working days and
//! business milliseconds. Deadline arithmetic is then O(1) (working days) or
//! O(log n) (business time), never a day-by-day walk.

use crate::time::calendar::CalendarSpec;
use crate::time::local::local_to_ms;
use chrono::NaiveDate;

#[derive(Debug, Clone)]
pub struct CalendarIndex {
    /// The first day of the data (index 0).
    pub first: NaiveDate,
    /// Number of days covered.
    pub days: usize,
    /// Instant of local 00:00 of day i; `days + 1` entries (the last is the
    /// end of the last day).
    pub day_start: Vec<i64>,
    /// Number of working days among days [0, i); `days + 1` entries.
    pub wd_prefix: Vec<u32>,
    /// The day index of each working day, in order.
    pub working: Vec<u32>,
    /// Business intervals of day i are `intervals[iv_start[i]..iv_start[i+1]]`.
    pub iv_start: Vec<u32>,
    pub intervals: Vec<(i64, i64)>,
    /// Business milliseconds in days [0, i); `days + 1` entries.
    pub bm_prefix: Vec<i64>,
}

use crate::time::units::DAY_MS;

impl CalendarIndex {
    pub fn build(spec: &CalendarSpec) -> CalendarIndex {
        let first = spec.valid_from;
        let days = (spec.valid_to - spec.valid_from).num_days().max(0) as usize + 1;
        let mut ix = CalendarIndex {
            first,
            days,
            day_start: Vec::with_capacity(days + 1),
            wd_prefix: Vec::with_capacity(days + 1),
            working: Vec::new(),
            iv_start: Vec::with_capacity(days + 1),
            intervals: Vec::new(),
            bm_prefix: Vec::with_capacity(days + 1),
        };
        let (mut wd, mut bm) = (0u32, 0i64);
        let mut date = first;
        for i in 0..days {
            ix.day_start.push(local_to_ms(spec.zone, date, 0));
            ix.wd_prefix.push(wd);
            ix.iv_start.push(ix.intervals.len() as u32);
            ix.bm_prefix.push(bm);
            if spec.is_working_day(date) {
                wd += 1;
                ix.working.push(i as u32);
                for &(a, b) in spec.intervals(date) {
                    let (a, b) = (local_to_ms(spec.zone, date, a), local_to_ms(spec.zone, date, b));
                    // A nonexistent local start skipped forward can meet the end.
                    if b > a {
                        ix.intervals.push((a, b));
                        bm += b - a;
                    }
                }
            }
            date = date.succ_opt().unwrap_or(date);
        }
        ix.day_start.push(local_to_ms(spec.zone, date, 0));
        ix.wd_prefix.push(wd);
        ix.iv_start.push(ix.intervals.len() as u32);
        ix.bm_prefix.push(bm);
        ix
    }

    /// The day whose local span contains instant `t`, if within the data.
    #[inline]
    pub fn day_of(&self, t: i64) -> Option<usize> {
        let first = self.day_start[0];
        if t < first || t >= self.day_start[self.days] {
            return None;
        }
        // Days are 23-25 hours long: estimate, then step at most a day or two.
        let mut i = (((t - first) / DAY_MS) as usize).min(self.days - 1);
        while self.day_start[i] > t {
            i -= 1;
        }
        while self.day_start[i + 1] <= t {
            i += 1;
        }
        Some(i)
    }

    /// The index of `date`, if within the data.
    #[inline]
    pub fn day_index(&self, date: NaiveDate) -> Option<usize> {
        let d = (date - self.first).num_days();
        (d >= 0 && (d as usize) < self.days).then_some(d as usize)
    }

    pub fn date(&self, i: usize) -> NaiveDate {
        self.first + chrono::Days::new(i as u64)
    }

    #[inline]
    pub fn is_working(&self, i: usize) -> bool {
        self.wd_prefix[i + 1] > self.wd_prefix[i]
    }

    #[inline]
    pub fn day_intervals(&self, i: usize) -> &[(i64, i64)] {
        &self.intervals[self.iv_start[i] as usize..self.iv_start[i + 1] as usize]
    }

    /// The `m`-th working day (1-based) of the data.
    #[inline]
    pub fn nth_working(&self, m: u64) -> Option<usize> {
        let k = usize::try_from(m).ok()?.checked_sub(1)?;
        self.working.get(k).map(|&d| d as usize)
    }

    /// The first working day after day `i`.
    #[inline]
    pub fn next_working_after(&self, i: usize) -> Option<usize> {
        self.nth_working(u64::from(self.wd_prefix[i + 1]) + 1)
    }

    /// Close of business of day `i`: the end of its last interval, or 24:00
    /// when it has none (docs/time.md "a day without business hours").
    #[inline]
    pub fn close(&self, i: usize) -> i64 {
        self.day_intervals(i).last().map_or(self.day_start[i + 1], |iv| iv.1)
    }

    /// Business milliseconds counted from the start of the data up to `t`,
    /// which lies in day `i`.
    #[inline]
    pub fn business_before(&self, i: usize, t: i64) -> i64 {
        let mut sum = self.bm_prefix[i];
        for &(a, b) in self.day_intervals(i) {
            if t <= a {
                break;
            }
            sum += t.min(b) - a;
        }
        sum
    }

    /// The earliest instant at which `target` business milliseconds (counted
    /// from the start of the data) have been reached; `target` > 0.
    pub fn business_instant(&self, target: i64) -> Option<i64> {
        if target > self.bm_prefix[self.days] {
            return None;
        }
        // Day j with bm_prefix[j] < target <= bm_prefix[j + 1].
        let j = self.bm_prefix.partition_point(|&x| x < target) - 1;
        let mut rest = target - self.bm_prefix[j];
        for &(a, b) in self.day_intervals(j) {
            if rest <= b - a {
                return Some(a + rest);
            }
            rest -= b - a;
        }
        None
    }
}
