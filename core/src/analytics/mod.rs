//! Statistics over many assessed complaints (docs/domain.md: statistics): counts by
//! category, severity, channel, validity and department; on-time rate per
//! deadline rule; time to resolve; repeat, reopen and satisfaction rates;
//! PPM; growth against the same period a year before; batch clusters.
//!
//! Everything is accumulated in a mergeable `Tally`, so statistics over a
//! union equal the merge of statistics over its parts (and a host can split
//! the work across threads or machines).

mod batch;
mod count;

pub use batch::{Cluster, clusters, repeats};

use batch::Groups;

use count::Counter;

use crate::assess::{Assessment, Case};
use crate::error::Error;
use crate::model::{Instant, Validity};
use crate::sla::SlaState;
use crate::time::{Calendar, Clock};
use serde::Serialize;
use std::collections::BTreeMap;

/// What to count over.
#[derive(Debug, Clone, PartialEq)]
pub struct StatsOptions {
    /// Only complaints received in [from, to).
    pub from: Option<Instant>,
    /// The end of the period (exclusive); None: no end.
    pub to: Option<Instant>,
    /// For the complaint rate in PPM.
    pub units_shipped: Option<u64>,
    /// The clock of time-to-resolve.
    pub resolve_clock: Clock,
    /// Repeat detection: same customer and subject within this many days (of
    /// 24 hours).
    pub repeat_window_days: i64,
    /// Batch detection: (key, at least this many complaints, within this many
    /// days of 24 hours of the first).
    pub batch: (crate::policy::BatchKey, u64, i64),
    /// Overrides the policy's `options.beyond_data` for the assessments.
    pub beyond_data: Option<crate::time::BeyondData>,
}

impl Default for StatsOptions {
    fn default() -> Self {
        StatsOptions {
            from: None,
            to: None,
            units_shipped: None,
            resolve_clock: Clock::WorkingDays,
            repeat_window_days: 30,
            // 001 篇9: three complaints on one TV model within a week.
            batch: (crate::policy::BatchKey::Product, 3, 7),
            beyond_data: None,
        }
    }
}

/// On-time counts of one deadline rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct OnTime {
    /// Met on time.
    pub met: u64,
    /// Met, but after the due time.
    pub met_late: u64,
    /// Past due and not met.
    pub breached: u64,
    /// Still running (pending, at risk, paused, not started): not in the rate.
    pub open: u64,
    /// Cannot be computed (e.g. past the calendar's data): not in the rate.
    pub undetermined: u64,
}

impl OnTime {
    /// Count one deadline or cycle in its state.
    fn count(&mut self, state: SlaState) {
        match state {
            SlaState::Met => self.met += 1,
            SlaState::MetLate => self.met_late += 1,
            SlaState::Breached => self.breached += 1,
            SlaState::Undetermined => self.undetermined += 1,
            _ => self.open += 1,
        }
    }

    /// met / (met + met_late + breached), when anything is decided.
    pub fn rate(&self) -> Option<f64> {
        let decided = self.met + self.met_late + self.breached;
        (decided > 0).then(|| self.met as f64 / decided as f64)
    }

    fn merge(&mut self, o: &OnTime) {
        self.met += o.met;
        self.met_late += o.met_late;
        self.breached += o.breached;
        self.open += o.open;
        self.undetermined += o.undetermined;
    }
}

/// How a window rule (rule kind `window`: the complainant's time to refer,
/// a simpler procedure's time) ended. Windows are not the firm's deadlines,
/// so they have no on-time rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct WindowCounts {
    /// Its event happened inside the window.
    pub met: u64,
    /// The window ran out first.
    pub lapsed: u64,
    /// Still open (pending, at risk, paused, not started), or undetermined.
    pub open: u64,
}

impl WindowCounts {
    fn merge(&mut self, o: &WindowCounts) {
        self.met += o.met;
        self.lapsed += o.lapsed;
        self.open += o.open;
    }
}

/// The mergeable accumulator behind `Stats`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tally {
    /// Complaints counted.
    pub total: u64,
    /// Valid complaints: decided valid, or undecided and not suggested otherwise.
    pub valid: u64,
    /// Complaints per category code (`unknown` when unclassified).
    pub by_category: BTreeMap<String, u64>,
    /// Complaints per severity code (`unknown` when unclassified).
    pub by_severity: BTreeMap<String, u64>,
    /// Complaints per channel code (`unknown` when not given).
    pub by_channel: BTreeMap<String, u64>,
    /// Complaints per validity, decided or else suggested (`undecided` when neither).
    pub by_validity: BTreeMap<String, u64>,
    /// Complaints per department (`unknown` when not given).
    pub by_department: BTreeMap<String, u64>,
    /// On-time counts per deadline rule id (rules of kind `deadline` that applied).
    pub on_time: BTreeMap<String, OnTime>,
    /// Window rules, counted apart from the on-time rates.
    pub windows: BTreeMap<String, WindowCounts>,
    /// Recurring rules: every cycle counted.
    pub cycles: BTreeMap<String, OnTime>,
    /// Internal targets, by department then rule: every hand-off's cycle.
    pub internal: BTreeMap<String, BTreeMap<String, OnTime>>,
    /// Time to resolve of each resolved complaint, in the clock's edge unit.
    pub resolve_times: Vec<i64>,
    /// Complaints reopened at least once.
    pub reopened: u64,
    /// Complaints whose last satisfied / unsatisfied event is `satisfied`.
    pub satisfied: u64,
    /// Complaints with a final satisfied / unsatisfied answer.
    pub with_outcome: u64,
    /// Defective units complained about (attribute `defective_units`, else 1 per valid complaint).
    pub defective_units: u64,
    /// Open complaints with a deadline that crosses the end of the calendar's
    /// official data (undetermined past it, or counted on projected data).
    pub crossing_data_end: u64,
}

fn merge_counts(into: &mut BTreeMap<String, u64>, from: &BTreeMap<String, u64>) {
    for (k, v) in from {
        *into.entry(k.clone()).or_insert(0) += v;
    }
}

/// Whether a complaint counts as valid in statistics (docs/domain.md: statistics counts
/// growth on valid complaints): a person's decision wins; otherwise it is
/// valid unless the tables suggest another validity.
pub fn is_valid(a: &Assessment) -> bool {
    match a.classification.validity {
        Some(v) => v == Validity::Valid,
        None => matches!(a.classification.validity_suggestion, None | Some(Validity::Valid)),
    }
}

impl Tally {
    /// Count one assessed case. `cal` measures time to resolve.
    pub fn add(&mut self, case: &Case, a: &Assessment, cal: &Calendar, clock: Clock) {
        let mut one = Counter::new();
        one.add(case, a, cal, clock);
        one.fold_into(self);
    }

    /// Fold another tally into this one.
    pub fn merge(&mut self, o: &Tally) {
        self.total += o.total;
        self.valid += o.valid;
        merge_counts(&mut self.by_category, &o.by_category);
        merge_counts(&mut self.by_severity, &o.by_severity);
        merge_counts(&mut self.by_channel, &o.by_channel);
        merge_counts(&mut self.by_validity, &o.by_validity);
        merge_counts(&mut self.by_department, &o.by_department);
        for (k, v) in &o.on_time {
            self.on_time.entry(k.clone()).or_default().merge(v);
        }
        for (k, v) in &o.windows {
            self.windows.entry(k.clone()).or_default().merge(v);
        }
        for (k, v) in &o.cycles {
            self.cycles.entry(k.clone()).or_default().merge(v);
        }
        for (dept, rules) in &o.internal {
            let mine = self.internal.entry(dept.clone()).or_default();
            for (k, v) in rules {
                mine.entry(k.clone()).or_default().merge(v);
            }
        }
        self.resolve_times.extend_from_slice(&o.resolve_times);
        self.reopened += o.reopened;
        self.satisfied += o.satisfied;
        self.with_outcome += o.with_outcome;
        self.defective_units += o.defective_units;
        self.crossing_data_end += o.crossing_data_end;
    }
}

/// Whether an open complaint has a deadline past the end of the calendar's
/// official data: undetermined for it, or counted on projected data.
pub fn crosses_data_end(a: &Assessment) -> bool {
    use crate::lifecycle::State;
    let open = !matches!(a.state, State::Closed | State::Referred);
    open && a.deadlines.iter().any(|d| d.provisional || d.undetermined_past_data())
}

/// A rule's on-time counts with its rate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleOnTime {
    /// The counts.
    #[serde(flatten)]
    pub counts: OnTime,
    /// met / (met + met_late + breached); None when none is decided.
    pub rate: Option<f64>,
}

/// Time to resolve: nearest-rank percentiles, in `unit`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResolveTime {
    /// Resolved complaints measured.
    pub count: u64,
    /// The unit of `median` and `p90`: `minutes` for the elapsed and business
    /// clocks, else `working days`, `days`, `weeks` or `months`.
    pub unit: &'static str,
    /// The median time from receipt to the first `resolved` event; None with no resolved complaint.
    pub median: Option<i64>,
    /// The 90th percentile of the same times; None with no resolved complaint.
    pub p90: Option<i64>,
}

/// Statistics as reported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// Complaints received in the period.
    pub total: u64,
    /// Valid complaints among them (see [`is_valid`]).
    pub valid: u64,
    /// Complaints per category code (`unknown` when unclassified).
    pub by_category: BTreeMap<String, u64>,
    /// Complaints per severity code (`unknown` when unclassified).
    pub by_severity: BTreeMap<String, u64>,
    /// Complaints per channel code (`unknown` when not given).
    pub by_channel: BTreeMap<String, u64>,
    /// Complaints per validity, decided or else suggested (`undecided` when neither).
    pub by_validity: BTreeMap<String, u64>,
    /// Complaints per department (`unknown` when not given).
    pub by_department: BTreeMap<String, u64>,
    /// On-time counts and rate per deadline rule id (rules of kind `deadline`).
    pub on_time: BTreeMap<String, RuleOnTime>,
    /// Window rules: how many were used in time, lapsed, still open (no rate).
    pub windows: BTreeMap<String, WindowCounts>,
    /// Recurring rules, counted by cycle (each reply after a customer
    /// message, each periodic update), with the on-time rate of cycles.
    pub cycles: BTreeMap<String, RuleOnTime>,
    /// Internal targets (a department's time to answer the front desk), by
    /// department then rule, counted by hand-off; not in `on_time`, which
    /// is customer-facing.
    pub internal: BTreeMap<String, BTreeMap<String, RuleOnTime>>,
    /// Time from receipt to the first `resolved` event, on the options' `resolve_clock`.
    pub time_to_resolve: ResolveTime,
    /// Share (0–1) of the complaints that repeat an earlier one: same customer
    /// and subject within `repeat_window_days`; None with no complaint.
    pub repeat_rate: Option<f64>,
    /// Share (0–1) of the complaints reopened at least once; None with no complaint.
    pub reopen_rate: Option<f64>,
    /// Share (0–1) of the complaints with a satisfied / unsatisfied answer
    /// whose last answer is satisfied; None with no answer.
    pub satisfaction_rate: Option<f64>,
    /// Defective units complained about per million units shipped (004-❼).
    pub ppm: Option<f64>,
    /// Valid complaints in the same period a year before, and the growth in percent.
    pub valid_year_before: Option<u64>,
    /// Growth of the valid complaints over `valid_year_before`, in percent
    /// (56.65 for 4,850 against 3,096); None when that is None or 0.
    pub growth_percent: Option<f64>,
    /// Clusters of complaints sharing the batch key within the batch window.
    pub batches: Vec<Cluster>,
    /// Open complaints whose deadlines cross the end of the calendar's official data.
    pub crossing_data_end: DataEnd,
}

/// Open complaints whose deadlines cross the end of a calendar's official data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DataEnd {
    /// The calendar's name.
    pub calendar: String,
    /// The last date of official data.
    pub data_end: String,
    /// How many open complaints have such a deadline.
    pub open_complaints: u64,
}

/// The p-th percentile (0 < p ≤ 100) by nearest rank of sorted values.
pub fn nearest_rank(sorted: &[i64], p: u32) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (sorted.len() as u64 * u64::from(p)).div_ceil(100).max(1) as usize;
    Some(sorted[rank - 1])
}

/// `nearest_rank` of `values` in any order, found by selection rather
/// than a full sort (the values are left partly reordered).
fn select_rank(values: &mut [i64], p: u32) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    let rank = (values.len() as u64 * u64::from(p)).div_ceil(100).max(1) as usize;
    Some(*values.select_nth_unstable(rank - 1).1)
}

/// Growth in percent of `now` over `before` (001 篇8: 4,850 against 3,096 is +56.65 %).
pub fn growth_percent(now: u64, before: u64) -> Option<f64> {
    (before > 0).then(|| (now as f64 - before as f64) / before as f64 * 100.0)
}

fn ratio(n: u64, d: u64) -> Option<f64> {
    (d > 0).then(|| n as f64 / d as f64)
}

impl Tally {
    /// The report; `repeats` and `year_before` come from the whole set.
    pub fn finish(
        mut self,
        cal: &Calendar,
        clock: Clock,
        units_shipped: Option<u64>,
        repeats: u64,
        year_before: Option<u64>,
        batches: Vec<Cluster>,
    ) -> Stats {
        let rated = |m: &BTreeMap<String, OnTime>| -> BTreeMap<String, RuleOnTime> {
            m.iter()
                .map(|(k, v)| {
                    let r = RuleOnTime {
                        counts: *v,
                        rate: v.rate(),
                    };
                    (k.clone(), r)
                })
                .collect()
        };
        Stats {
            total: self.total,
            valid: self.valid,
            on_time: rated(&self.on_time),
            cycles: rated(&self.cycles),
            internal: self.internal.iter().map(|(d, m)| (d.clone(), rated(m))).collect(),
            windows: self.windows,
            time_to_resolve: ResolveTime {
                count: self.resolve_times.len() as u64,
                unit: clock.unit(),
                median: select_rank(&mut self.resolve_times, 50),
                p90: select_rank(&mut self.resolve_times, 90),
            },
            repeat_rate: ratio(repeats, self.total),
            reopen_rate: ratio(self.reopened, self.total),
            satisfaction_rate: ratio(self.satisfied, self.with_outcome),
            ppm: units_shipped
                .and_then(|u| ratio(self.defective_units, u))
                .map(|r| r * 1_000_000.0),
            valid_year_before: year_before,
            growth_percent: year_before.and_then(|b| growth_percent(self.valid, b)),
            batches,
            crossing_data_end: DataEnd {
                calendar: cal.name().to_string(),
                data_end: cal.data_end().to_string(),
                open_complaints: self.crossing_data_end,
            },
            by_category: self.by_category,
            by_severity: self.by_severity,
            by_channel: self.by_channel,
            by_validity: self.by_validity,
            by_department: self.by_department,
        }
    }
}

const YEAR_MS: i64 = 365 * crate::time::units::DAY_MS;

/// Statistics over assessed cases (each with its assessment, in any order).
/// Complaints outside [from, to) are left out, except that the same period a
/// year before (shifted by 365 days) is counted for growth when both ends are given.
pub fn stats(cal: &Calendar, items: &[(Case, Assessment)], opts: &StatsOptions) -> Stats {
    stats_on(cal, &|_| cal, items, opts)
}

/// `stats`, measuring each complaint's time to resolve on the calendar
/// `case_calendar` gives for its assessment (a policy with several
/// calendars counts each case on its own); `cal` names the data end reported.
pub fn stats_on<'c>(
    cal: &Calendar,
    case_calendar: &dyn Fn(&Assessment) -> &'c Calendar,
    items: &[(Case, Assessment)],
    opts: &StatsOptions,
) -> Stats {
    let inside = |t: Instant| opts.from.is_none_or(|f| t >= f) && opts.to.is_none_or(|e| t < e);
    let (by, count, days) = opts.batch;
    let mut counter = Counter::new();
    let mut repeats = Groups::with_capacity(items.len());
    let mut batches = Groups::with_capacity(items.len());
    // One pass: each complaint's parts lie scattered over the heap, and over
    // a million complaints reading them is most of the cost.
    for item in items.iter().filter(|item| inside(item.0.complaint.received_at)) {
        counter.add(&item.0, &item.1, case_calendar(&item.1), opts.resolve_clock);
        repeats.add_repeat(&item.0);
        batches.add_batch(item, by);
    }
    let mut tally = Tally::default();
    counter.fold_into(&mut tally);
    let year_before = match (opts.from, opts.to) {
        (Some(f), Some(e)) => Some(
            items
                .iter()
                .filter(|(c, a)| {
                    let t = c.complaint.received_at.0;
                    t >= f.0 - YEAR_MS && t < e.0 - YEAR_MS && is_valid(a)
                })
                .count() as u64,
        ),
        _ => None,
    };
    let repeats = repeats.repeats(opts.repeat_window_days);
    let batches = batches.clusters(by, count, days);
    tally.finish(
        cal,
        opts.resolve_clock,
        opts.units_shipped,
        repeats,
        year_before,
        batches,
    )
}

/// Assess every case at `now`, then count. The first case that cannot be
/// assessed fails the whole run, with its index in the path (`/cases/N...`).
pub fn assess_and_count(
    policy: &crate::policy::Policy,
    cases: Vec<Case>,
    now: Instant,
    opts: &StatsOptions,
) -> Result<Stats, Error> {
    let how = crate::assess::AssessOptions {
        explain: crate::classify::Explain::Outcome,
        beyond_data: opts.beyond_data,
    };
    let mut items = Vec::with_capacity(cases.len());
    for (i, case) in cases.into_iter().enumerate() {
        let a = crate::assess::assess_with_options(policy, &case, now, &how).map_err(|e| at_case(e, i))?;
        items.push((case, a));
    }
    Ok(stats_on(&policy.calendar, &|a| case_calendar(policy, a), &items, opts))
}

/// The calendar an assessment counted its case on: by name, in the policy
/// version it applied.
fn case_calendar<'p>(policy: &'p crate::policy::Policy, a: &Assessment) -> &'p Calendar {
    let applied = policy
        .versions()
        .iter()
        .find(|v| *v.version == *a.policy_version.version)
        .map_or(policy, |v| &**v);
    std::iter::once(&applied.calendar)
        .chain(applied.calendars.iter().map(|c| &c.calendar))
        .find(|c| c.name() == &*a.calendar)
        .unwrap_or(&applied.calendar)
}

/// Prefix every problem's path with `/cases/N`.
pub fn at_case(e: Error, i: usize) -> Error {
    match e {
        Error::Invalid(ps) => Error::Invalid(
            ps.into_iter()
                .map(|mut p| {
                    p.path = format!("/cases/{i}{}", p.path);
                    p
                })
                .collect(),
        ),
        Error::Other(mut p) => {
            p.path = format!("/cases/{i}{}", p.path);
            Error::Other(p)
        }
        other => other,
    }
}
