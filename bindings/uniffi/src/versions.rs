//! Policies in force by date, typed: what a policy is (`PolicySummary`),
//! what changed between two policies (`policyDiff`) and what-if replay
//! (`replayJson`). Converted from the core's types like every result.

use crate::error::{ErrorInfo, Result};
use crate::output::PolicyVersion;
use crate::policy::Policy;
use plaint_core::decode::parse_json;
use plaint_core::policy::{InForceAt as CoreInForceAt, diff, versions};
use plaint_core::replay;
use std::sync::Arc;
use std::time::SystemTime;

/// Which instant chooses the version of a policy with versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum InForceAt {
    /// The complaint's receipt (the default).
    ReceivedAt,
    /// The assessment's `now`.
    Now,
}

impl From<CoreInForceAt> for InForceAt {
    fn from(v: CoreInForceAt) -> InForceAt {
        match v {
            CoreInForceAt::ReceivedAt => InForceAt::ReceivedAt,
            CoreInForceAt::Now => InForceAt::Now,
        }
    }
}

/// One version of a policy and the days it is in force (YYYY-MM-DD).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VersionDates {
    pub version: String,
    pub effective_from: Option<String>,
    pub effective_to: Option<String>,
}

/// What a policy is: name, version (the newest of a policy with versions),
/// the days of a pinned version (`NAME@VERSION`), and each version of a
/// policy with versions with `in_force_at`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PolicySummary {
    pub name: String,
    pub version: String,
    pub effective_from: Option<String>,
    pub effective_to: Option<String>,
    pub in_force_at: Option<InForceAt>,
    pub versions: Vec<VersionDates>,
}

fn text(t: plaint_core::Text) -> String {
    t.to_string()
}

impl From<versions::PolicySummary> for PolicySummary {
    fn from(s: versions::PolicySummary) -> PolicySummary {
        let versions::PolicySummary {
            name,
            version,
            effective_from,
            effective_to,
            in_force_at,
            versions,
        } = s;
        PolicySummary {
            name,
            version,
            effective_from: effective_from.map(text),
            effective_to: effective_to.map(text),
            in_force_at: in_force_at.map(Into::into),
            versions: versions
                .into_iter()
                .map(|v| VersionDates {
                    version: v.version,
                    effective_from: v.effective_from.map(text),
                    effective_to: v.effective_to.map(text),
                })
                .collect(),
        }
    }
}

/// What a replay change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ReplayKind {
    Classification,
    Lifecycle,
    Outcome,
    Deadline,
}

impl From<replay::Kind> for ReplayKind {
    fn from(k: replay::Kind) -> ReplayKind {
        match k {
            replay::Kind::Classification => ReplayKind::Classification,
            replay::Kind::Lifecycle => ReplayKind::Lifecycle,
            replay::Kind::Outcome => ReplayKind::Outcome,
            replay::Kind::Deadline => ReplayKind::Deadline,
        }
    }
}

/// One difference in one case: the rule, the field (`value`, `state`,
/// `due_at`, `outcome`) and its value under each policy.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReplayChange {
    pub kind: ReplayKind,
    pub rule: String,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// A case that changed, or that could not be read or assessed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReplayCase {
    /// The case's position in the input, from 0.
    pub index: i64,
    pub id: Option<String>,
    pub changes: Vec<ReplayChange>,
    pub error: Option<ErrorInfo>,
}

/// The cases in which one rule changed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RuleTally {
    pub kind: ReplayKind,
    pub rule: String,
    pub changed: i64,
    pub due_at: i64,
    pub state: i64,
}

/// The counts of a replay.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReplaySummary {
    pub cases: i64,
    pub changed: i64,
    pub unchanged: i64,
    pub errors: i64,
    pub rules: Vec<RuleTally>,
}

/// A replay: both policies, `now`, the cases that changed or failed, the counts.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReplayReport {
    pub old: PolicySummary,
    pub new: PolicySummary,
    pub now: SystemTime,
    pub cases: Vec<ReplayCase>,
    pub summary: ReplaySummary,
}

fn count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl From<replay::ReplayReport> for ReplayReport {
    fn from(r: replay::ReplayReport) -> ReplayReport {
        let replay::ReplayReport {
            old,
            new,
            now,
            cases,
            summary,
        } = r;
        ReplayReport {
            old: old.into(),
            new: new.into(),
            now: crate::time::stamp(now),
            cases: cases
                .into_iter()
                .map(|c| ReplayCase {
                    index: count(c.index),
                    id: c.id,
                    changes: c
                        .changes
                        .into_iter()
                        .map(|x| ReplayChange {
                            kind: x.kind.into(),
                            rule: text(x.rule),
                            field: x.field.to_string(),
                            old: x.old,
                            new: x.new,
                        })
                        .collect(),
                    error: c.error.as_ref().map(ErrorInfo::from),
                })
                .collect(),
            summary: ReplaySummary {
                cases: count(summary.cases),
                changed: count(summary.changed),
                unchanged: count(summary.unchanged),
                errors: count(summary.errors),
                rules: summary
                    .rules
                    .into_iter()
                    .map(|t| RuleTally {
                        kind: t.kind.into(),
                        rule: text(t.rule),
                        changed: count(t.changed),
                        due_at: count(t.due_at),
                        state: count(t.state),
                    })
                    .collect(),
            },
        }
    }
}

/// Assess every case (JSON text each: `{"complaint", "events"?}`) under
/// `old` and `new` at `now`. A case that cannot be read is reported in the
/// result with its index; the others are replayed.
#[uniffi::export]
pub fn replay_json(
    cases_json: Vec<String>,
    old: Arc<Policy>,
    new: Arc<Policy>,
    now: SystemTime,
) -> Result<ReplayReport> {
    let now = crate::time::instant(now, "/now")?;
    let cases = cases_json.iter().map(|t| plaint_core::Case::from_json(t));
    Ok(replay::replay_all(old.core(), new.core(), now, cases).into())
}

/// Added, removed or changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum DiffChange {
    Added,
    Removed,
    Changed,
}

/// One field of a rule: its old and new values as JSON text (`null` when absent).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FieldChange {
    pub field: String,
    pub old_json: String,
    pub new_json: String,
}

/// One rule (or part of the policy) added, removed or changed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RuleChange {
    pub section: String,
    pub id: String,
    pub change: DiffChange,
    pub fields: Vec<FieldChange>,
}

/// What changed between two policies, rule by rule.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PolicyDiff {
    pub old: PolicyVersion,
    pub new: PolicyVersion,
    pub changes: Vec<RuleChange>,
}

/// What changed between two policies: each a preset name as a JSON string
/// (`"cn-consumer-samr@2022"`: one version of a policy with versions) or a
/// policy document without versions, as JSON text.
#[uniffi::export]
pub fn policy_diff(old_json: String, new_json: String) -> Result<PolicyDiff> {
    let d = plaint_core::api::policy_diff(&parse_json(&old_json)?, &parse_json(&new_json)?)?;
    let diff::PolicyDiff { old, new, changes } = d;
    Ok(PolicyDiff {
        old: old.into(),
        new: new.into(),
        changes: changes
            .into_iter()
            .map(|c| RuleChange {
                section: c.section,
                id: c.id,
                change: match c.change {
                    diff::Change::Added => DiffChange::Added,
                    diff::Change::Removed => DiffChange::Removed,
                    diff::Change::Changed => DiffChange::Changed,
                },
                fields: c
                    .fields
                    .into_iter()
                    .map(|f| FieldChange {
                        field: f.field,
                        old_json: f.old.to_string(),
                        new_json: f.new.to_string(),
                    })
                    .collect(),
            })
            .collect(),
    })
}
