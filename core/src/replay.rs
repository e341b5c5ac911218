//! What-if replay: the same cases assessed under two policies (two versions
//! of a law, a policy edit, a calendar change) and what changed, case by case
//! and counted per rule. A replay holds no case: the caller feeds one case at
//! a time (`Replay::case`), gets back that case's changes, and asks for the
//! tallies at the end (`Replay::summary`), so memory stays constant however
//! many cases stream through.

use crate::assess::{Assessment, Case, assess_with};
use crate::classify::Explain;
use crate::error::Error;
use crate::model::{Instant, Stamp, Text};
use crate::policy::Policy;
use crate::policy::versions::PolicySummary;
use serde::Serialize;

/// What a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A classification output (`severity`, `category`, ...).
    Classification,
    /// The lifecycle state.
    Lifecycle,
    /// Whether the case could be assessed at all.
    Outcome,
    /// A deadline rule.
    Deadline,
}

/// One difference in one case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseChange {
    /// What the change is about.
    pub kind: Kind,
    /// The rule id, classification output, `state` or `outcome`.
    pub rule: Text,
    /// `value` (classification), `state`, `due_at` or `outcome`.
    pub field: &'static str,
    /// The value under the old policy (none: absent).
    pub old: Option<String>,
    /// The value under the new policy (none: absent).
    pub new: Option<String>,
}

/// A case that changed, or that could not be read or assessed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseReport {
    /// The case's position in the input, from 0.
    pub index: u64,
    /// The complaint's id; None when the case could not be read.
    pub id: Option<String>,
    /// What differs between the two assessments.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<CaseChange>,
    /// Why the case could not be read, or assessed under either policy.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "error_json")]
    pub error: Option<Error>,
}

/// An error as the JSON layer writes it: `{"code", "message", "path", "problems"}`.
fn error_json<S: serde::Serializer>(e: &Option<Error>, s: S) -> Result<S::Ok, S::Error> {
    e.as_ref().map(Error::to_json).serialize(s)
}

/// A whole replay held in memory (the JSON layer, bindings): both policies,
/// `now`, the cases that changed or failed, and the counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReplayReport {
    /// The old policy.
    pub old: PolicySummary,
    /// The new policy.
    pub new: PolicySummary,
    /// The instant both assessments are taken at, in the old policy's calendar zone.
    pub now: Stamp,
    /// The cases that changed or failed, in input order.
    pub cases: Vec<CaseReport>,
    /// The counts.
    pub summary: Summary,
}

/// Replay every case (or the error that kept it from being read) under
/// `old` and `new` at `now`. Only the cases that changed are kept.
pub fn replay_all(
    old: &Policy,
    new: &Policy,
    now: Instant,
    cases: impl IntoIterator<Item = Result<Case, Error>>,
) -> ReplayReport {
    let mut replay = Replay::new(old, new, now);
    let mut reports = Vec::new();
    for (i, case) in cases.into_iter().enumerate() {
        let report = match case {
            Ok(case) => replay.case(i as u64, &case),
            Err(e) => Some(replay.unreadable(i as u64, &e)),
        };
        reports.extend(report);
    }
    ReplayReport {
        old: old.summary(),
        new: new.summary(),
        now: old.calendar.stamp(now),
        cases: reports,
        summary: replay.summary(),
    }
}

/// The cases in which one rule changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleTally {
    /// What the rule is (a classification output, the lifecycle, the outcome, a deadline).
    pub kind: Kind,
    /// The deadline rule's id, the classification output, `state` or `outcome`.
    pub rule: Text,
    /// Cases with any change to this rule.
    pub changed: u64,
    /// Cases whose due instant changed (deadlines).
    pub due_at: u64,
    /// Cases whose state (or classification value, or outcome) changed.
    pub state: u64,
}

/// The counts at the end of a replay.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Cases replayed (read or not).
    pub cases: u64,
    /// Cases with at least one change.
    pub changed: u64,
    /// Cases assessed alike under both policies.
    pub unchanged: u64,
    /// Cases that could not be read, or failed alike under both policies.
    pub errors: u64,
    /// Per rule, the cases that changed it: every classification output, the
    /// lifecycle state, the outcome, then every deadline rule of both policies.
    pub rules: Vec<RuleTally>,
}

const OUTPUTS: [&str; 7] = [
    "severity",
    "category",
    "nature",
    "validity_suggestion",
    "validity",
    "claim_type",
    "route",
];

/// A replay in progress: two policies, one `now`, the tallies so far.
pub struct Replay<'p> {
    old: &'p Policy,
    new: &'p Policy,
    now: Instant,
    rules: Vec<RuleTally>,
    cases: u64,
    changed: u64,
    errors: u64,
}

impl<'p> Replay<'p> {
    /// A replay of `old` against `new`, both assessed at `now`, with empty tallies.
    pub fn new(old: &'p Policy, new: &'p Policy, now: Instant) -> Replay<'p> {
        let tally = |kind, rule: &str| RuleTally {
            kind,
            rule: Text::from(rule),
            changed: 0,
            due_at: 0,
            state: 0,
        };
        let mut rules: Vec<RuleTally> = OUTPUTS.iter().map(|o| tally(Kind::Classification, o)).collect();
        rules.push(tally(Kind::Lifecycle, "state"));
        rules.push(tally(Kind::Outcome, "outcome"));
        for id in old.deadline_ids().into_iter().chain(new.deadline_ids()) {
            if !rules.iter().any(|r| r.kind == Kind::Deadline && r.rule == id) {
                rules.push(RuleTally {
                    rule: id,
                    ..tally(Kind::Deadline, "")
                });
            }
        }
        Replay {
            old,
            new,
            now,
            rules,
            cases: 0,
            changed: 0,
            errors: 0,
        }
    }

    /// Assess one case under both policies and count what changed; the
    /// case's report when anything changed or it failed under both.
    pub fn case(&mut self, index: u64, case: &Case) -> Option<CaseReport> {
        self.cases += 1;
        let old = assess_with(self.old, case, self.now, Explain::Outcome);
        let new = assess_with(self.new, case, self.now, Explain::Outcome);
        let id = Some(case.complaint.id.clone());
        let changes = match (&old, &new) {
            (Ok(a), Ok(b)) => compare(a, b),
            (Err(a), Err(b)) if a.code() == b.code() && a.path() == b.path() => {
                self.errors += 1;
                return Some(CaseReport {
                    index,
                    id,
                    changes: Vec::new(),
                    error: Some(a.clone()),
                });
            }
            _ => vec![CaseChange {
                kind: Kind::Outcome,
                rule: Text::from("outcome"),
                field: "outcome",
                old: Some(outcome(&old)),
                new: Some(outcome(&new)),
            }],
        };
        if changes.is_empty() {
            return None;
        }
        self.count(&changes);
        Some(CaseReport {
            index,
            id,
            changes,
            error: None,
        })
    }

    /// A case that could not be read: counted, and reported as an error.
    pub fn unreadable(&mut self, index: u64, error: &Error) -> CaseReport {
        self.cases += 1;
        self.errors += 1;
        CaseReport {
            index,
            id: None,
            changes: Vec::new(),
            error: Some(error.clone()),
        }
    }

    /// The counts so far, every rule of both policies listed.
    pub fn summary(&self) -> Summary {
        Summary {
            cases: self.cases,
            changed: self.changed,
            unchanged: self.cases - self.changed - self.errors,
            errors: self.errors,
            rules: self.rules.clone(),
        }
    }

    fn count(&mut self, changes: &[CaseChange]) {
        self.changed += 1;
        let mut seen: Vec<(Kind, &Text)> = Vec::new();
        for c in changes {
            let Some(t) = self.rules.iter_mut().find(|r| r.kind == c.kind && r.rule == c.rule) else {
                continue;
            };
            if c.field == "due_at" {
                t.due_at += 1;
            } else {
                t.state += 1;
            }
            if !seen.contains(&(c.kind, &c.rule)) {
                t.changed += 1;
                seen.push((c.kind, &c.rule));
            }
        }
    }
}

fn outcome(r: &Result<Assessment, Error>) -> String {
    match r {
        Ok(_) => "assessed".to_string(),
        Err(e) if e.path().is_empty() => format!("error {}", e.code()),
        Err(e) => format!("error {} at {}", e.code(), e.path()),
    }
}

/// The differences between two assessments of one case.
pub fn compare(a: &Assessment, b: &Assessment) -> Vec<CaseChange> {
    let mut out = Vec::new();
    let (ca, cb) = (outputs(a), outputs(b));
    for ((name, x), (_, y)) in OUTPUTS.iter().zip(ca).zip(OUTPUTS.iter().zip(cb)) {
        if x != y {
            let (x, y) = (x.map(str::to_string), y.map(str::to_string));
            out.push(change(Kind::Classification, Text::from(*name), "value", x, y));
        }
    }
    if a.state != b.state {
        let (x, y) = (Some(a.state.code().to_string()), Some(b.state.code().to_string()));
        out.push(change(Kind::Lifecycle, Text::from("state"), "state", x, y));
    }
    let aligned =
        a.deadlines.len() == b.deadlines.len() && a.deadlines.iter().zip(&b.deadlines).all(|(x, y)| x.id == y.id);
    if aligned {
        for (x, y) in a.deadlines.iter().zip(&b.deadlines) {
            deadline(&mut out, x.id.clone(), Some(x), Some(y));
        }
        return out;
    }
    for x in &a.deadlines {
        deadline(
            &mut out,
            x.id.clone(),
            Some(x),
            b.deadlines.iter().find(|y| y.id == x.id),
        );
    }
    for y in b.deadlines.iter().filter(|y| !a.deadlines.iter().any(|x| x.id == y.id)) {
        deadline(&mut out, y.id.clone(), None, Some(y));
    }
    out
}

type Status = crate::sla::DeadlineStatus;

fn deadline(out: &mut Vec<CaseChange>, id: Text, x: Option<&Status>, y: Option<&Status>) {
    let state = |d: Option<&Status>| d.map(|d| d.state);
    if state(x) != state(y) {
        let code = |d: Option<&Status>| d.map(|d| d.state.code().to_string());
        out.push(change(Kind::Deadline, id.clone(), "state", code(x), code(y)));
    }
    let due = |d: Option<&Status>| d.and_then(|d| d.due_at);
    if due(x).map(|s| s.at) != due(y).map(|s| s.at) {
        let text = |d: Option<&Status>| due(d).map(|s| s.to_string());
        out.push(change(Kind::Deadline, id, "due_at", text(x), text(y)));
    }
}

fn change(kind: Kind, rule: Text, field: &'static str, old: Option<String>, new: Option<String>) -> CaseChange {
    CaseChange {
        kind,
        rule,
        field,
        old,
        new,
    }
}

/// The classification outputs as codes, in `OUTPUTS` order.
fn outputs(a: &Assessment) -> [Option<&str>; 7] {
    let c = &a.classification;
    [
        c.severity.map(|v| v.code()),
        c.category.map(|v| v.code()),
        c.nature.map(|v| v.code()),
        c.validity_suggestion.map(|v| v.code()),
        c.validity.map(|v| v.code()),
        c.claim_type.map(|v| v.code()),
        c.route.as_deref(),
    ]
}
