//! Typed results of classification and assessment, converted from the
//! core's result types (statistics: `stats.rs`; explanations:
//! `explanation.rs`). Each conversion destructures the core type
//! completely, so a field the core adds fails to compile here until it is
//! mapped (or, for the classification trace, deliberately left to the JSON
//! form): adding it is one field in the record and one line in its
//! conversion.

use crate::enums::{
    AmountUnit, BeyondData, Category, ClaimType, ComplaintState, DeadlineClock, DeadlineKind, DeadlineState, EventKind,
    Nature, SelectedBy, Severity, TriggerKind, Validity, WarningCode,
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
    /// The name of the calendar the deadline was counted on.
    pub calendar: String,
    /// Counted on projected holiday data (`BeyondData.PROJECTED`): the due
    /// time may change when official data is added. A warning
    /// `PROJECTED_DATA` names the projected dates.
    pub provisional: bool,
    /// When `elapsed` and `remaining` could only be counted up to the end of
    /// the calendar's data: that instant (the true elapsed time is longer).
    pub counted_until: Option<SystemTime>,
    /// Why the deadline is `UNDETERMINED` (null otherwise).
    pub error: Option<DeadlineError>,
    /// An internal target: the department that owns the cycle shown.
    pub department: Option<String>,
    /// A rule that runs in cycles (recurring, or an internal target: one
    /// per hand-off): every cycle in order; the deadline's own fields are
    /// those of the running cycle, else of the last one. Null for other rules.
    pub cycles: Option<Vec<Cycle>>,
}

/// One cycle of a rule that runs in cycles, with its own outcome.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Cycle {
    /// When the cycle began.
    pub started_at: SystemTime,
    /// Null when it cannot be computed (state `UNDETERMINED`).
    pub due_at: Option<SystemTime>,
    /// When the cycle's answer came, if it has.
    pub met_at: Option<SystemTime>,
    /// Met, met late, breached; for the running cycle pending, at risk, paused.
    pub state: DeadlineState,
    /// An internal target: the department the hand-off went to.
    pub department: Option<String>,
}

impl From<plaint_core::sla::Cycle> for Cycle {
    fn from(c: plaint_core::sla::Cycle) -> Cycle {
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
}

/// Why a due time could not be computed (a deadline that is `UNDETERMINED`,
/// a required action without `due_at`): the stable error code
/// (docs/errors.md, e.g. calendar_range_exceeded) and a readable message.
/// The rest of the assessment is computed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DeadlineError {
    pub code: String,
    pub message: String,
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
    /// Whether `now` is at or after `due_at`.
    pub overdue: bool,
    /// Why `due_at` could not be computed (the action is still listed).
    pub error: Option<DeadlineError>,
}

/// A horizon or data warning of an assessment: the calendar's official
/// holiday data ending soon or ended, a deadline counted on projected data,
/// a deadline that cannot be computed. Hosts act on `code`; people read
/// `message`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Warning {
    pub code: WarningCode,
    pub message: String,
    /// The name of the calendar concerned.
    pub calendar: String,
    /// The last date of the calendar's official data, YYYY-MM-DD.
    pub data_end: String,
    /// The deadline concerned, if one (its id).
    pub deadline: Option<String>,
    /// Days from `now` to `data_end` (negative once it has passed).
    pub days_left: i64,
    /// For `PROJECTED_DATA`: the projected holidays the deadline was
    /// counted across, YYYY-MM-DD (else empty).
    pub dates: Vec<String>,
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
    /// The case's calendar: the policy's, or that of the first entry of its
    /// `calendars` whose condition holds (each deadline names its own).
    pub calendar: String,
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
    /// Horizon and data warnings, each with a stable code.
    pub warnings: Vec<Warning>,
}

/// The per-call choices of an assessment (every field optional; the
/// policy's own options otherwise).
#[derive(Debug, Clone, PartialEq, Eq, Default, uniffi::Record)]
pub struct AssessOptions {
    /// Overrides the policy's `beyond_data` for this call.
    #[uniffi(default = None)]
    pub beyond_data: Option<BeyondData>,
}

impl AssessOptions {
    /// The core's options, explaining the classification as much as `explain` asks.
    pub(crate) fn core(&self, explain: plaint_core::Explain) -> plaint_core::AssessOptions {
        plaint_core::AssessOptions {
            explain,
            beyond_data: self.beyond_data.map(Into::into),
        }
    }
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

pub(crate) fn text(t: plaint_core::Text) -> String {
    t.to_string()
}

pub(crate) fn count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

pub(crate) fn counts(m: std::collections::BTreeMap<String, u64>) -> HashMap<String, i64> {
    m.into_iter().map(|(k, v)| (k, count(v))).collect()
}

/// The unit of a result whose unit the core gives as text.
pub(crate) fn unit(t: &str) -> Result<AmountUnit, Error> {
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
                    signal: s.signal.to_string(),
                    keyword: s.keyword.to_string(),
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
        error,
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
        error: error.map(|e| DeadlineError {
            code: e.code.to_string(),
            message: e.message,
        }),
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
            cycles: cycles.map(|c| c.into_iter().map(Into::into).collect()),
        })
    }
}

impl From<plaint_core::Warning> for Warning {
    fn from(w: plaint_core::Warning) -> Warning {
        let plaint_core::Warning {
            code,
            message,
            calendar,
            data_end,
            deadline,
            days_left,
            dates,
        } = w;
        Warning {
            code: code.into(),
            message,
            calendar: text(calendar),
            data_end,
            deadline: deadline.map(text),
            days_left,
            dates,
        }
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
            calendar,
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
        } = a;
        Ok(Assessment {
            complaint_id,
            policy,
            policy_version: policy_version.into(),
            calendar: text(calendar),
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
            warnings: warnings.into_iter().map(Into::into).collect(),
        })
    }
}
