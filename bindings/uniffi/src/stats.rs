//! Typed statistics (`plaint stats`), converted from the core's types. As
//! in `output.rs`, every conversion destructures the core type completely:
//! a field the core adds fails to compile here until it is mapped.

use crate::enums::{AmountUnit, BatchKey, BeyondData, DeadlineClock};
use crate::output::{count, counts, unit};
use plaint_core::Error;
use std::collections::HashMap;
use std::time::SystemTime;

/// On-time counts of one deadline rule, with the rate met / (met + met late + breached).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct OnTime {
    pub met: i64,
    pub met_late: i64,
    pub breached: i64,
    /// Still running (pending, at risk, paused, not started): not in the rate.
    pub open: i64,
    /// Cannot be computed (e.g. past the calendar's data): not in the rate.
    pub undetermined: i64,
    pub rate: Option<f64>,
}

/// Open complaints whose deadlines cross the end of the calendar's official data.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DataEnd {
    /// The calendar's name.
    pub calendar: String,
    /// The last date of its official data, YYYY-MM-DD.
    pub data_end: String,
    pub open_complaints: i64,
}

/// How window rules ended: inside the window, lapsed, or still open.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct WindowCounts {
    pub met: i64,
    pub lapsed: i64,
    pub open: i64,
}

/// Time to resolve: nearest-rank median and 90th percentile, in `unit`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ResolveTime {
    pub count: i64,
    pub unit: AmountUnit,
    pub median: Option<i64>,
    pub p90: Option<i64>,
}

/// A group of complaints sharing a key within a window.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Cluster {
    pub by: BatchKey,
    pub value: String,
    pub count: i64,
    /// The complaints' ids, by receipt.
    pub complaints: Vec<String>,
}

/// Statistics over many complaints. Maps are keyed by code (by_category:
/// `quality`, ...; on_time: the deadline rule's id; by_department: the
/// host's department names).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Stats {
    pub total: i64,
    pub valid: i64,
    pub by_category: HashMap<String, i64>,
    pub by_severity: HashMap<String, i64>,
    pub by_channel: HashMap<String, i64>,
    pub by_validity: HashMap<String, i64>,
    pub by_department: HashMap<String, i64>,
    pub on_time: HashMap<String, OnTime>,
    /// Window rules, counted apart from the on-time rates.
    pub windows: HashMap<String, WindowCounts>,
    /// Recurring rules, counted by cycle, with the on-time rate of cycles.
    pub cycles: HashMap<String, OnTime>,
    /// Internal targets by department, then rule, counted by hand-off; not
    /// in `on_time`, which is customer-facing.
    pub internal: HashMap<String, HashMap<String, OnTime>>,
    pub time_to_resolve: ResolveTime,
    pub repeat_rate: Option<f64>,
    pub reopen_rate: Option<f64>,
    pub satisfaction_rate: Option<f64>,
    /// Defective units complained about per million units shipped.
    pub ppm: Option<f64>,
    /// Valid complaints in the same period a year before, and the growth in percent.
    pub valid_year_before: Option<i64>,
    pub growth_percent: Option<f64>,
    pub batches: Vec<Cluster>,
    /// Open complaints whose deadlines cross the end of the calendar's official data.
    pub crossing_data_end: DataEnd,
}

/// What to count over (every field optional; the defaults of `plaint stats`).
#[derive(Debug, Clone, PartialEq, Default, uniffi::Record)]
pub struct StatsOptions {
    /// Only complaints received in [from, to).
    #[uniffi(default = None)]
    pub from: Option<SystemTime>,
    #[uniffi(default = None)]
    pub to: Option<SystemTime>,
    /// For the complaint rate in PPM.
    #[uniffi(default = None)]
    pub units_shipped: Option<i64>,
    /// The clock of time-to-resolve (default working_days).
    #[uniffi(default = None)]
    pub clock: Option<DeadlineClock>,
    /// Repeat detection: same customer and subject within this many days (default 30).
    #[uniffi(default = None)]
    pub repeat_window_days: Option<i64>,
    /// Overrides the policy's `beyond_data` for the assessments counted.
    #[uniffi(default = None)]
    pub beyond_data: Option<BeyondData>,
}

impl From<plaint_core::analytics::RuleOnTime> for OnTime {
    fn from(r: plaint_core::analytics::RuleOnTime) -> OnTime {
        let plaint_core::analytics::RuleOnTime { counts: o, rate } = r;
        let plaint_core::analytics::OnTime {
            met,
            met_late,
            breached,
            open,
            undetermined,
        } = o;
        OnTime {
            met: count(met),
            met_late: count(met_late),
            breached: count(breached),
            open: count(open),
            undetermined: count(undetermined),
            rate,
        }
    }
}

impl From<plaint_core::analytics::WindowCounts> for WindowCounts {
    fn from(w: plaint_core::analytics::WindowCounts) -> WindowCounts {
        let plaint_core::analytics::WindowCounts { met, lapsed, open } = w;
        WindowCounts {
            met: count(met),
            lapsed: count(lapsed),
            open: count(open),
        }
    }
}

impl From<plaint_core::analytics::DataEnd> for DataEnd {
    fn from(d: plaint_core::analytics::DataEnd) -> DataEnd {
        let plaint_core::analytics::DataEnd {
            calendar,
            data_end,
            open_complaints,
        } = d;
        DataEnd {
            calendar,
            data_end,
            open_complaints: count(open_complaints),
        }
    }
}

impl From<plaint_core::analytics::Cluster> for Cluster {
    fn from(c: plaint_core::analytics::Cluster) -> Cluster {
        let plaint_core::analytics::Cluster {
            by,
            value,
            count: n,
            complaints,
        } = c;
        Cluster {
            by: by.into(),
            value,
            count: count(n),
            complaints,
        }
    }
}

impl TryFrom<plaint_core::analytics::ResolveTime> for ResolveTime {
    type Error = Error;
    fn try_from(t: plaint_core::analytics::ResolveTime) -> Result<ResolveTime, Error> {
        let plaint_core::analytics::ResolveTime {
            count: n,
            unit: u,
            median,
            p90,
        } = t;
        Ok(ResolveTime {
            count: count(n),
            unit: unit(u)?,
            median,
            p90,
        })
    }
}

impl TryFrom<plaint_core::analytics::Stats> for Stats {
    type Error = Error;
    fn try_from(s: plaint_core::analytics::Stats) -> Result<Stats, Error> {
        let plaint_core::analytics::Stats {
            total,
            valid,
            by_category,
            by_severity,
            by_channel,
            by_validity,
            by_department,
            on_time,
            windows,
            cycles,
            internal,
            time_to_resolve,
            repeat_rate,
            reopen_rate,
            satisfaction_rate,
            ppm,
            valid_year_before,
            growth_percent,
            batches,
            crossing_data_end,
        } = s;
        Ok(Stats {
            total: count(total),
            valid: count(valid),
            by_category: counts(by_category),
            by_severity: counts(by_severity),
            by_channel: counts(by_channel),
            by_validity: counts(by_validity),
            by_department: counts(by_department),
            on_time: on_time.into_iter().map(|(k, r)| (k, r.into())).collect(),
            windows: windows.into_iter().map(|(k, w)| (k, w.into())).collect(),
            cycles: cycles.into_iter().map(|(k, r)| (k, r.into())).collect(),
            internal: internal
                .into_iter()
                .map(|(d, rules)| (d, rules.into_iter().map(|(k, r)| (k, r.into())).collect()))
                .collect(),
            time_to_resolve: time_to_resolve.try_into()?,
            repeat_rate,
            reopen_rate,
            satisfaction_rate,
            ppm,
            valid_year_before: valid_year_before.map(count),
            growth_percent,
            batches: batches.into_iter().map(Into::into).collect(),
            crossing_data_end: crossing_data_end.into(),
        })
    }
}
