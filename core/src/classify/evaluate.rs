//! Running a policy's decision tables on one complaint.

use crate::classify::index::{Indexed, TableIndex, reads_text};
use crate::classify::text::{SignalHits, normalize};
use crate::model::Text;
use crate::model::labels::labelled_enum;
use crate::model::{Category, ClaimType, Complaint, Nature, Severity, Validity};
use crate::policy::condition::{Op, Outputs, Subject};
use crate::policy::{Hit, OutValue, OutputKind, Policy, Row, Table};
use serde::Serialize;

labelled_enum! {
    /// How a table's value was decided.
    pub enum Decision ("decision") {
        /// A row matched.
        Row = "row", "规则命中", "規則命中", "a row matched";
        /// No row matched; the table's default applies.
        Default = "default", "默认值", "預設值", "default";
        /// No row matched and the table has no default.
        NoMatch = "no_match", "无匹配", "無匹配", "no row matched";
        /// A person set the value; it overrides the table.
        Person = "person", "人工认定", "人工認定", "set by a person";
    }
}

/// The result of classification, with its explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Classification {
    /// The severity: the tables', unless a person set it; in an assessment,
    /// a reclassification up to `now` replaces it.
    pub severity: Option<Severity>,
    /// The category: the tables', unless a person set it; in an assessment,
    /// a reclassification up to `now` replaces it.
    pub category: Option<Category>,
    /// The nature: the tables', unless a person set it; in an assessment,
    /// a reclassification up to `now` replaces it.
    pub nature: Option<Nature>,
    /// What the tables suggest; validity itself is a person's decision.
    pub validity_suggestion: Option<Validity>,
    /// The validity a person decided, if any.
    pub validity: Option<Validity>,
    /// What the complainant claims, as the tables decide.
    pub claim_type: Option<ClaimType>,
    /// Who handles it (a department or role of the host's), as the tables decide.
    pub route: Option<String>,
    /// Who set values by hand, if anyone.
    pub classified_by: Option<String>,
    /// Every signal found in the text, with the first keyword that matched.
    pub signals: Vec<SignalFound>,
    /// What each table decided and why (empty with `Explain::Outcome`).
    pub trace: Vec<TableTrace>,
}

/// A text signal found in the complaint.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignalFound {
    /// The signal's id.
    pub signal: Text,
    /// The first of its keywords found in the text.
    pub keyword: Text,
}

/// What one table decided and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableTrace {
    /// The table's id.
    pub table: Text,
    /// What the table decides.
    pub output: OutputKind,
    /// The table's hit policy.
    pub hit: Hit,
    /// The value decided (a code, or a route); None when nothing was.
    pub value: Option<String>,
    /// How the value was decided.
    pub decision: Decision,
    /// The table's own value when a person overrode it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table_value: Option<String>,
    /// The matching rows (one for `first`, all for `collect`).
    pub rows: Vec<RowTrace>,
    /// The table's citation, if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
}

/// A table row that matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowTrace {
    /// The row's id.
    pub row: Text,
    /// The value the row yields (a code, or a route).
    pub value: String,
    /// The tests that held, as people read them.
    pub conditions: Vec<Text>,
    /// The keywords behind signal tests.
    pub keywords: Vec<String>,
    /// The row's citation, if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
}

/// How much a classification explains. Callers that keep only the outcome
/// (the Arrow batch API) skip the trace: building it (every table, every
/// matching row and its conditions) costs more than deciding the values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Explain {
    /// Values, signals and the full trace.
    Full,
    /// Values and signals; `trace` is empty.
    Outcome,
}

/// Classify a complaint with a policy's tables; a person's classification
/// in the complaint overrides the tables and is recorded as such.
pub fn classify(policy: &Policy, complaint: &Complaint) -> Classification {
    classify_with(policy, complaint, Explain::Full)
}

/// `classify`, explaining as much as `explain` asks.
/// A policy with versions classifies with the version in force at the
/// complaint's receipt (or, when none is, with its newest version: `assess`
/// reports that case as `no_version_in_force`).
pub fn classify_with(policy: &Policy, complaint: &Complaint, explain: Explain) -> Classification {
    let policy = policy.version_at(complaint.received_at).unwrap_or(policy);
    let normalized = normalize(&complaint.text);
    let hits = policy.signals.scan(&normalized);
    classify_scanned(policy, complaint, &normalized, &hits, explain)
}

/// The values alone: `classify_with(.., Explain::Outcome)` with `signals`
/// left empty as well as `trace`. The text is normalised and scanned only
/// when a table reads it (a `contains` test on `text`, or a signals test),
/// so a policy whose tables test fields alone never pays for the scan: for
/// a caller that reads only the values, and rebuilds the rest with
/// `classify` if it is ever asked for (classification is deterministic).
pub fn classify_values(policy: &Policy, complaint: &Complaint) -> Classification {
    values_in(policy, complaint, None)
}

/// `classify_values` with the row indexes of `indexed`'s policy.
pub fn classify_values_indexed(indexed: &Indexed, complaint: &Complaint) -> Classification {
    values_in(indexed.policy(), complaint, Some(indexed))
}

fn values_in(policy: &Policy, complaint: &Complaint, indexed: Option<&Indexed>) -> Classification {
    let policy = policy.version_at(complaint.received_at).unwrap_or(policy);
    let version = indexed.and_then(|i| i.of(policy));
    let index = version.map(|v| v.tables.as_slice());
    let mut out = if version.map_or_else(|| reads_text(policy), |v| v.reads_text) {
        let normalized = normalize(&complaint.text);
        let hits = policy.signals.scan(&normalized);
        classify_in(policy, complaint, &normalized, &hits, Explain::Outcome, index)
    } else {
        classify_in(policy, complaint, "", &SignalHits::default(), Explain::Outcome, index)
    };
    out.signals.clear();
    out
}

/// `classify` for a caller that already normalised and scanned the text.
pub fn classify_scanned(
    policy: &Policy,
    complaint: &Complaint,
    normalized: &str,
    hits: &SignalHits,
    explain: Explain,
) -> Classification {
    classify_in(policy, complaint, normalized, hits, explain, None)
}

/// `classify_scanned`, with the policy's row indexes when given.
fn classify_in(
    policy: &Policy,
    complaint: &Complaint,
    normalized: &str,
    hits: &SignalHits,
    explain: Explain,
    index: Option<&[Option<TableIndex>]>,
) -> Classification {
    let mut outputs = Outputs::default();
    let full = explain == Explain::Full;
    let mut trace = Vec::with_capacity(if full { policy.tables.len() } else { 0 });
    // The rows that matched, for one table at a time.
    let mut matched = Vec::new();
    for (t, table) in policy.tables.iter().enumerate() {
        let table_index = index.and_then(|i| i.get(t)?.as_ref());
        let subject = Subject {
            complaint,
            outputs: &outputs,
            hits,
            normalized_text: normalized,
            case: None,
        };
        let (value, decision, rows) = run_table(policy, table, table_index, &subject, full, &mut matched);
        if let Some(v) = value {
            v.apply(&mut outputs);
        }
        if !full {
            continue;
        }
        trace.push(TableTrace {
            table: table.id.clone(),
            output: table.output,
            hit: table.hit,
            value: value.as_ref().map(|v| v.code().to_string()),
            decision,
            table_value: None,
            rows,
            source: table.source.clone(),
        });
    }
    let signals = hits
        .first_keyword
        .iter()
        .enumerate()
        .filter_map(|(s, k)| {
            let signal = &policy.signals.signals[s];
            k.map(|k| SignalFound {
                signal: signal.id.clone(),
                keyword: signal.keywords[k].clone(),
            })
        })
        .collect();
    let mut out = Classification {
        severity: outputs.severity,
        category: outputs.category,
        nature: outputs.nature,
        validity_suggestion: outputs.validity,
        validity: None,
        claim_type: outputs.claim_type,
        route: outputs.route,
        classified_by: None,
        signals,
        trace,
    };
    apply_person(&mut out, complaint);
    out
}

fn run_table<'p>(
    policy: &Policy,
    table: &'p Table,
    index: Option<&TableIndex>,
    s: &Subject,
    full: bool,
    matched: &mut Vec<&'p Row>,
) -> (Option<&'p OutValue>, Decision, Vec<RowTrace>) {
    matched.clear();
    // Whether to stop: a row matched a first-hit table.
    let mut matches = |row: &'p Row, holds: bool| {
        if holds {
            matched.push(row);
        }
        holds && table.hit == Hit::First
    };
    match index {
        Some(index) => {
            for (i, known) in index.candidates(s) {
                let row = &table.rows[i];
                if matches(row, row.when.holds_but(s, known)) {
                    break;
                }
            }
        }
        None => {
            for row in &table.rows {
                if matches(row, row.when.holds(s)) {
                    break;
                }
            }
        }
    }
    let rows = match full {
        true => matched.iter().map(|row| row_trace(policy, row, s)).collect(),
        false => Vec::new(),
    };
    let value = match table.hit {
        _ if matched.is_empty() => None,
        Hit::First => Some(&matched[0].then),
        Hit::Collect => table
            .rank
            .iter()
            .find(|v| matched.iter().any(|row| &row.then == *v))
            .or(Some(&matched[0].then)),
    };
    match value {
        Some(v) => (Some(v), Decision::Row, rows),
        None => match &table.default {
            Some(d) => (Some(d), Decision::Default, rows),
            None => (None, Decision::NoMatch, rows),
        },
    }
}

fn row_trace(policy: &Policy, row: &Row, s: &Subject) -> RowTrace {
    let mut keywords = Vec::new();
    for test in &row.when.tests {
        if let Op::Signals(_, ids) = &test.op {
            for &i in ids {
                if let Some(Some(k)) = s.hits.first_keyword.get(i) {
                    keywords.push(policy.signals.signals[i].keywords[*k].to_string());
                }
            }
        }
    }
    RowTrace {
        row: row.id.clone(),
        value: row.then.code().to_string(),
        conditions: row.conditions.clone(),
        keywords,
        source: row.source.clone(),
    }
}

/// Values set by a person win; the trace keeps what the table said.
fn apply_person(out: &mut Classification, complaint: &Complaint) {
    let Some(m) = &complaint.manual else { return };
    out.classified_by = Some(m.by.clone());
    let mut set = |kind: OutputKind, code: Option<&'static str>| {
        let Some(code) = code else { return };
        for t in out.trace.iter_mut().filter(|t| t.output == kind) {
            t.table_value = t.value.take();
            t.value = Some(code.to_string());
            t.decision = Decision::Person;
        }
    };
    set(OutputKind::Severity, m.severity.map(|v| v.code()));
    set(OutputKind::Category, m.category.map(|v| v.code()));
    set(OutputKind::Nature, m.nature.map(|v| v.code()));
    if let Some(v) = m.severity {
        out.severity = Some(v);
    }
    if let Some(v) = m.category {
        out.category = Some(v);
    }
    if let Some(v) = m.nature {
        out.nature = Some(v);
    }
    out.validity = m.validity;
}
