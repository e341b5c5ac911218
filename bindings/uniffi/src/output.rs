//! Typed results, converted from the core's result types. Each conversion
//! destructures the core type completely, so a field the core adds fails to
//! compile here until it is mapped (or, for the classification trace,
//! deliberately left to the JSON form).

use crate::enums::{
    AmountUnit, BatchKey, Category, ClaimType, ComplaintState, DayKind, DeadlineClock, DeadlineEnd, DeadlineKind,
    DeadlineRoll, DeadlineState, EventKind, Nature, SelectedBy, Severity, TriggerKind, Validity, WarningCode,
};
use crate::time::stamp;
use plaint_core::{Code, Error};
use std::collections::HashMap;
use std::time::SystemTime;

/// A signal found in the text, with the first keyword that matched.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Signal {
    pub signal: String,
    pub keyword: String,
}

/// The outcome of the classification tables (null where no table decided).
/// The decision trace is in the JSON form (`classifyToJson`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Classification {
    pub severity: Option<Severity>,
    pub category: Option<Category>,
    pub nature: Option<Nature>,
    /// What the tables suggest; validity itself is a person's decision.
    pub validity_suggestion: Option<Validity>,
    /// The validity a person decided, if any.
    pub validity: Option<Validity>,
    pub claim_type: Option<ClaimType>,
    pub route: Option<String>,
    /// Who set values by hand, if anyone.
    pub classified_by: Option<String>,
    pub signals: Vec<Signal>,
}

/// One deadline of an assessment. Amounts are in `unit` (minutes for the
/// elapsed and business clocks, else days, working days, weeks or months).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Deadline {
    pub id: String,
    pub kind: DeadlineKind,
    pub state: DeadlineState,
    pub clock: DeadlineClock,
    /// The target with extensions, in `unit`.
    pub amount: i64,
    pub unit: AmountUnit,
    pub started_at: Option<SystemTime>,
    pub due_at: Option<SystemTime>,
    pub warn_at: Option<SystemTime>,
    pub met_at: Option<SystemTime>,
    /// Time counted so far on the rule's clock (pauses excluded).
    pub elapsed: Option<i64>,
    /// Target minus elapsed; negative when overdue.
    pub remaining: Option<i64>,
    pub paused: i64,
    pub extended: i64,
    pub next_change_at: Option<SystemTime>,
    pub notes: Vec<String>,
    /// The rule's source (the regulation or procedure it cites).
    pub source: Option<String>,
    /// The calendar the deadline was counted on.
    pub calendar: String,
    /// Counted on projected holiday data (the notes name the projected dates).
    pub provisional: bool,
    /// Set when elapsed and remaining could only be counted up to the end of
    /// the calendar's data (the true elapsed time is longer).
    pub counted_until: Option<SystemTime>,
    /// Why the deadline is undetermined (a stable error code and a message).
    pub error: Option<DeadlineError>,
    /// An internal target: the department that owns the cycle shown.
    pub department: Option<String>,
    /// A rule that runs in cycles (recurring, or an internal target: one
    /// per hand-off): every cycle in order; the deadline's own fields are
    /// those of the running cycle, else of the last one. None for other rules.
    pub cycles: Option<Vec<Cycle>>,
}

/// Why a deadline's due time cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DeadlineError {
    /// A stable error code (docs/errors.md).
    pub code: String,
    pub message: String,
}

/// A warning of an assessment: the data of a calendar it used.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AssessmentWarning {
    pub code: WarningCode,
    pub message: String,
    /// The calendar concerned.
    pub calendar: String,
    /// The last date of the calendar's official data, YYYY-MM-DD.
    pub data_end: String,
    /// The deadline concerned, if one.
    pub deadline: Option<String>,
    /// Days from now to data_end (negative once it has passed).
    pub days_left: i64,
    /// The projected holidays a provisional deadline was counted across.
    pub dates: Vec<String>,
}

/// One cycle of a rule that runs in cycles, with its own outcome.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Cycle {
    pub started_at: SystemTime,
    /// None when it cannot be computed (state undetermined).
    pub due_at: Option<SystemTime>,
    pub met_at: Option<SystemTime>,
    /// met, met late, breached; for the running cycle pending, at risk, paused.
    pub state: DeadlineState,
    /// An internal target: the department the hand-off went to.
    pub department: Option<String>,
}

/// An escalation that is due: which ladder level must act, and when to notify it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Escalation {
    /// The trigger's id in the policy.
    pub trigger: String,
    pub on: TriggerKind,
    /// The ladder level that must act, and its position (0 = first line).
    pub level: String,
    pub level_index: i32,
    pub reason: String,
    /// When it became due.
    pub since: SystemTime,
    /// When to notify the level (quiet hours applied).
    pub notify_at: SystemTime,
    /// By when the level must act, where the trigger says.
    pub act_by: Option<SystemTime>,
    pub source: Option<String>,
    /// When this escalation moves up a level by itself.
    pub next_change_at: Option<SystemTime>,
}

/// A required action not yet done.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RequiredAction {
    /// The obligation's id in the policy.
    pub action: String,
    /// What to do, in English (else the first text the policy gives).
    pub reason: String,
    /// What to do, by language tag (zh-Hans, zh-Hant, en) as the policy gives it.
    pub text: HashMap<String, String>,
    pub source: String,
    /// When it must be done, for an obligation with a due time.
    pub due_at: Option<SystemTime>,
    pub overdue: bool,
}

/// The version of a policy an assessment applied (a policy with versions
/// in force by date; see docs/policy.md).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PolicyVersion {
    pub name: String,
    pub version: String,
    /// The first day in force, YYYY-MM-DD (null for a policy without versions).
    pub effective_from: Option<String>,
    /// The last day in force, YYYY-MM-DD (null while no later version exists).
    pub effective_to: Option<String>,
    pub selected_by: SelectedBy,
}

impl From<plaint_core::policy::PolicyVersion> for PolicyVersion {
    fn from(v: plaint_core::policy::PolicyVersion) -> PolicyVersion {
        let plaint_core::policy::PolicyVersion {
            name,
            version,
            effective_from,
            effective_to,
            selected_by,
        } = v;
        PolicyVersion {
            name: text(name),
            version: text(version),
            effective_from: effective_from.map(text),
            effective_to: effective_to.map(text),
            selected_by: selected_by.into(),
        }
    }
}

/// Where a complaint stands and what must happen next.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Assessment {
    pub complaint_id: String,
    /// The policy's name.
    pub policy: String,
    /// The version of the policy applied.
    pub policy_version: PolicyVersion,
    pub now: SystemTime,
    pub classification: Classification,
    pub state: ComplaintState,
    /// The events allowed next in this state.
    pub allowed_events: Vec<EventKind>,
    /// First-contact ownership: who owns it, after recorded hand-offs.
    pub owner: Option<String>,
    pub deadlines: Vec<Deadline>,
    pub escalations: Vec<Escalation>,
    pub required_actions: Vec<RequiredAction>,
    /// The one instant at which the host should assess again.
    pub next_check_at: Option<SystemTime>,
    /// The case's calendar: the policy's calendar, or that of the first
    /// entry of its `calendars` whose condition holds.
    pub calendar: String,
    /// Horizon and data warnings, with stable codes.
    pub warnings: Vec<AssessmentWarning>,
}

/// One case of a batch: its assessment, or why it could not be assessed
/// (the error's path is inside the case: `/complaint/received_at`).
// uniffi passes a variant's record by value across the FFI (it cannot be
// boxed there), so the size difference of the variants is the records' own.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum CaseOutcome {
    Assessed { assessment: Assessment },
    Failed { error: crate::error::ErrorInfo },
}

/// On-time counts of one deadline rule, with the rate met / (met + met late + breached).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct OnTime {
    pub met: i64,
    pub met_late: i64,
    pub breached: i64,
    /// Still running (pending, at risk, paused, not started): not in the rate.
    pub open: i64,
    /// Cannot be computed (past the calendar's data): not in the rate.
    pub undetermined: i64,
    pub rate: Option<f64>,
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
    /// Recurring rules, every cycle counted (instead of `on_time`).
    pub cycles: HashMap<String, OnTime>,
    /// Internal targets, by department then rule, one count per hand-off;
    /// not in `on_time`.
    pub internal: HashMap<String, HashMap<String, OnTime>>,
    /// Open complaints whose deadlines cross the end of the calendar's official data.
    pub crossing_data_end: DataEnd,
}

/// Open complaints whose deadlines cross the end of a calendar's official data.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DataEnd {
    pub calendar: String,
    /// The last date of official data, YYYY-MM-DD.
    pub data_end: String,
    pub open_complaints: i64,
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
}

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
    pub days: Vec<DayNote>,
}

fn text(t: plaint_core::Text) -> String {
    t.to_string()
}

fn count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn counts(m: std::collections::BTreeMap<String, u64>) -> HashMap<String, i64> {
    m.into_iter().map(|(k, v)| (k, count(v))).collect()
}

/// The unit of a result whose unit the core gives as text.
fn unit(t: &str) -> Result<AmountUnit, Error> {
    AmountUnit::of_text(t).ok_or_else(|| Error::new(Code::InvalidValue, "", format!("unknown unit {t:?}")))
}

impl From<plaint_core::Classification> for Classification {
    fn from(c: plaint_core::Classification) -> Classification {
        let plaint_core::Classification {
            severity,
            category,
            nature,
            validity_suggestion,
            validity,
            claim_type,
            route,
            classified_by,
            signals,
            trace: _,
        } = c;
        Classification {
            severity: severity.map(Into::into),
            category: category.map(Into::into),
            nature: nature.map(Into::into),
            validity_suggestion: validity_suggestion.map(Into::into),
            validity: validity.map(Into::into),
            claim_type: claim_type.map(Into::into),
            route,
            classified_by,
            signals: signals
                .into_iter()
                .map(|s| Signal {
                    signal: s.signal,
                    keyword: s.keyword,
                })
                .collect(),
        }
    }
}

fn required_action(r: plaint_core::obligation::RequiredAction) -> RequiredAction {
    let plaint_core::obligation::RequiredAction {
        action,
        reason,
        text: title,
        source,
        due_at,
        overdue,
        error: _, // its due_at is then null; the JSON form carries the error
    } = r;
    let langs = [
        ("zh-Hans", &title.zh_hans),
        ("zh-Hant", &title.zh_hant),
        ("en", &title.en),
    ];
    RequiredAction {
        action: action.to_string(),
        reason: reason.to_string(),
        text: langs
            .into_iter()
            .filter_map(|(tag, t)| t.clone().map(|t| (tag.to_string(), t)))
            .collect(),
        source: source.to_string(),
        due_at: due_at.map(stamp),
        overdue,
    }
}

impl TryFrom<plaint_core::sla::DeadlineStatus> for Deadline {
    type Error = Error;
    fn try_from(d: plaint_core::sla::DeadlineStatus) -> Result<Deadline, Error> {
        let plaint_core::sla::DeadlineStatus {
            id,
            kind,
            state,
            clock,
            amount,
            unit: unit_text,
            started_at,
            due_at,
            warn_at,
            met_at,
            elapsed,
            remaining,
            paused,
            extended,
            next_change_at,
            notes,
            source,
            calendar,
            provisional,
            counted_until,
            error,
            department,
            cycles,
        } = d;
        Ok(Deadline {
            id: text(id),
            kind: kind.into(),
            state: state.into(),
            clock: clock.into(),
            amount,
            unit: unit(unit_text)?,
            started_at: started_at.map(stamp),
            due_at: due_at.map(stamp),
            warn_at: warn_at.map(stamp),
            met_at: met_at.map(stamp),
            elapsed,
            remaining,
            paused,
            extended,
            next_change_at: next_change_at.map(stamp),
            notes,
            source: source.map(text),
            calendar: text(calendar),
            provisional,
            counted_until: counted_until.map(stamp),
            error: error.map(|e| DeadlineError {
                code: e.code.to_string(),
                message: e.message,
            }),
            department: department.map(text),
            cycles: cycles.map(|cs| cs.into_iter().map(cycle).collect()),
        })
    }
}

fn cycle(c: plaint_core::sla::Cycle) -> Cycle {
    let plaint_core::sla::Cycle {
        started_at,
        due_at,
        met_at,
        state,
        department,
    } = c;
    Cycle {
        started_at: stamp(started_at),
        due_at: due_at.map(stamp),
        met_at: met_at.map(stamp),
        state: state.into(),
        department: department.map(text),
    }
}

impl From<plaint_core::escalation::EscalationDue> for Escalation {
    fn from(e: plaint_core::escalation::EscalationDue) -> Escalation {
        let plaint_core::escalation::EscalationDue {
            trigger,
            on,
            level,
            level_index,
            reason,
            since,
            notify_at,
            act_by,
            source,
            next_change_at,
        } = e;
        Escalation {
            trigger: text(trigger),
            on: on.into(),
            level: text(level),
            level_index: i32::try_from(level_index).unwrap_or(i32::MAX),
            reason,
            since: stamp(since),
            notify_at: stamp(notify_at),
            act_by: act_by.map(stamp),
            source: source.map(text),
            next_change_at: next_change_at.map(stamp),
        }
    }
}

impl TryFrom<plaint_core::Assessment> for Assessment {
    type Error = Error;
    fn try_from(a: plaint_core::Assessment) -> Result<Assessment, Error> {
        let plaint_core::Assessment {
            complaint_id,
            policy,
            policy_version,
            now,
            classification,
            state,
            allowed_events,
            owner,
            deadlines,
            escalations,
            required_actions,
            next_check_at,
            warnings,
            calendar,
        } = a;
        Ok(Assessment {
            complaint_id,
            policy,
            policy_version: policy_version.into(),
            now: stamp(now),
            classification: classification.into(),
            state: state.into(),
            allowed_events: allowed_events.into_iter().map(Into::into).collect(),
            owner,
            deadlines: deadlines
                .into_iter()
                .map(Deadline::try_from)
                .collect::<Result<_, _>>()?,
            escalations: escalations.into_iter().map(Into::into).collect(),
            required_actions: required_actions.into_iter().map(required_action).collect(),
            next_check_at: next_check_at.map(stamp),
            calendar: text(calendar),
            warnings: warnings.into_iter().map(warning).collect(),
        })
    }
}

fn warning(w: plaint_core::Warning) -> AssessmentWarning {
    let plaint_core::Warning {
        code,
        message,
        calendar,
        data_end,
        deadline,
        days_left,
        dates,
    } = w;
    AssessmentWarning {
        code: code.into(),
        message,
        calendar: text(calendar),
        data_end,
        deadline: deadline.map(text),
        days_left,
        dates,
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
            time_to_resolve,
            repeat_rate,
            reopen_rate,
            satisfaction_rate,
            ppm,
            valid_year_before,
            growth_percent,
            batches,
            crossing_data_end,
            cycles,
            internal,
        } = s;
        Ok(Stats {
            total: count(total),
            valid: count(valid),
            by_category: counts(by_category),
            by_severity: counts(by_severity),
            by_channel: counts(by_channel),
            by_validity: counts(by_validity),
            by_department: counts(by_department),
            on_time: rates(on_time),
            cycles: rates(cycles),
            internal: internal.into_iter().map(|(k, r)| (k, rates(r))).collect(),
            crossing_data_end: DataEnd {
                calendar: crossing_data_end.calendar,
                data_end: crossing_data_end.data_end,
                open_complaints: count(crossing_data_end.open_complaints),
            },
            windows: windows
                .into_iter()
                .map(|(k, w)| {
                    let v = WindowCounts {
                        met: count(w.met),
                        lapsed: count(w.lapsed),
                        open: count(w.open),
                    };
                    (k, v)
                })
                .collect(),
            time_to_resolve: ResolveTime {
                count: count(time_to_resolve.count),
                unit: unit(time_to_resolve.unit)?,
                median: time_to_resolve.median,
                p90: time_to_resolve.p90,
            },
            repeat_rate,
            reopen_rate,
            satisfaction_rate,
            ppm,
            valid_year_before: valid_year_before.map(count),
            growth_percent,
            batches: batches
                .into_iter()
                .map(|c| Cluster {
                    by: c.by.into(),
                    value: c.value,
                    count: count(c.count),
                    complaints: c.complaints,
                })
                .collect(),
        })
    }
}

/// On-time counts by rule, as the typed records hold them.
fn rates(m: std::collections::BTreeMap<String, plaint_core::analytics::RuleOnTime>) -> HashMap<String, OnTime> {
    m.into_iter()
        .map(|(k, r)| {
            let o = r.counts;
            let v = OnTime {
                met: count(o.met),
                met_late: count(o.met_late),
                breached: count(o.breached),
                open: count(o.open),
                undetermined: count(o.undetermined),
                rate: r.rate,
            };
            (k, v)
        })
        .collect()
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
            // Not yet in the typed API (the JSON layer carries them): the
            // binding exposes them in its own change.
            provisional: _,
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
            days: days
                .into_iter()
                .map(|d| DayNote {
                    date: d.date,
                    weekday: d.weekday.to_string(),
                    kind: d.kind.into(),
                    name: d.name,
                    business_minutes: d.business_minutes,
                })
                .collect(),
        })
    }
}
