//! Projected holiday data: a calendar's holidays dated by rule for the years
//! after its official data. Nothing is counted on them unless a host opts in
//! (`beyond_data: "projected"`); then the calendar's projected view is used
//! and every result that reached a projected date is provisional.

use super::{Calendar, CalendarSpec};
use crate::model::Instant;
use crate::model::labels::labelled_enum;
use chrono::NaiveDate;
use std::sync::Arc;

labelled_enum! {
    /// What a deadline that needs dates after the calendar's official data gets.
    pub enum BeyondData ("beyond_data") {
        /// It is `undetermined`, with the error `calendar_range_exceeded`.
        Undetermined = "undetermined", "无法确定", "無法確定", "undetermined";
        /// It is counted on the projected holidays and marked provisional.
        Projected = "projected", "按推定数据计算", "按推定數據計算", "projected";
    }
}

impl Calendar {
    /// The calendar with its projection counted as data (official dates
    /// unchanged), or None when it has no projection. Built once, then shared.
    pub fn projected(&self) -> Option<Arc<Calendar>> {
        self.projected
            .get_or_init(|| {
                let p = self.spec.projection.as_ref()?;
                if self.projected_from.is_some() {
                    return None; // already the projected view
                }
                let mut spec: CalendarSpec = self.spec.clone();
                let first = spec.valid_to.succ_opt()?;
                spec.valid_to = p.valid_to;
                for (d, n) in &p.holidays {
                    spec.holidays.insert(*d, n.clone());
                }
                Some(Arc::new(Calendar::build(spec, Some(first))))
            })
            .clone()
    }

    /// The calendar for `beyond`: itself, or its projected view when asked
    /// for and it has one.
    pub fn for_beyond(self: &Arc<Calendar>, beyond: BeyondData) -> Arc<Calendar> {
        match beyond {
            BeyondData::Projected => self.projected().unwrap_or_else(|| Arc::clone(self)),
            BeyondData::Undetermined => Arc::clone(self),
        }
    }

    /// The last date of official (not projected) data.
    pub fn data_end(&self) -> NaiveDate {
        match self.projected_from {
            Some(first) => first.pred_opt().unwrap_or(first),
            None => self.spec.valid_to,
        }
    }

    /// The first projected date, when this is a projected view.
    pub fn projected_from(&self) -> Option<NaiveDate> {
        self.projected_from
    }

    /// The local date of an instant (its zone's calendar date).
    pub fn date_of(&self, t: Instant) -> NaiveDate {
        super::local::local_date(self.spec.zone, t.0)
    }

    /// Whether a result reaching local date `last` was counted on projected data.
    pub fn is_projected(&self, last: NaiveDate) -> bool {
        self.projected_from.is_some_and(|first| last >= first)
    }

    /// The projected holidays from `from` to `to` (local dates, inclusive).
    pub fn projected_holidays(&self, from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, &str)> {
        let (Some(first), Some(p)) = (self.projected_from, &self.spec.projection) else {
            return Vec::new();
        };
        let from = from.max(first);
        if to < from {
            return Vec::new();
        }
        p.holidays.range(from..=to).map(|(d, n)| (*d, n.as_str())).collect()
    }
}

impl Calendar {
    /// The end of the last day of this calendar's data (projected included
    /// in a projected view): 24:00 of its last date.
    pub fn end_instant(&self) -> Instant {
        Instant(self.index.day_start[self.index.days])
    }

    /// Whether `t` falls within the calendar's data.
    pub fn contains(&self, t: Instant) -> bool {
        self.index.day_of(t.0).is_some()
    }
}
