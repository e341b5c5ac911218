//! The JSON layer: one schema for every host. The CLI, the C ABI's JSON
//! functions, the bindings and the conformance vectors (tests/vectors) all go
//! through these functions, so they cannot disagree.

use crate::classify::classify;
use crate::decode::{Reader, parse_json};
use crate::error::{Code, Error};
use crate::model::Complaint;
use crate::model::Instant;
use crate::policy::Policy;
use crate::time::{Calendar, Clock, End, Roll, Span};
use serde_json::{Value, json};
use std::sync::Arc;

/// A policy named by preset (`name`, or `name@version` for one version of a
/// preset with versions) or given inline.
pub fn policy_from(v: &Value) -> Result<Arc<Policy>, Error> {
    match v {
        Value::String(name) => Policy::preset(name),
        _ => Policy::from_value(v).map(Arc::new),
    }
}

/// What `validate_policy` answers: the policy's `PolicySummary` (name,
/// version, the days of a pinned version, the versions of a document with
/// versions and `in_force_at`).
pub fn policy_summary(p: &Policy) -> Value {
    to_value(&p.summary()).unwrap_or(Value::Null)
}

/// A calendar named by preset or given inline.
pub fn calendar_from(v: &Value) -> Result<Arc<Calendar>, Error> {
    match v {
        Value::String(name) => Calendar::preset(name),
        _ => Calendar::from_value(v).map(Arc::new),
    }
}

/// Classify a complaint given as JSON.
pub fn classify_value(policy: &Policy, complaint: &Value) -> Result<Value, Error> {
    let c = Complaint::from_value(complaint)?;
    to_value(&classify(policy, &c))
}

/// Assess a case (`{"complaint", "events", "related"?}`) given as JSON.
pub fn assess_value(policy: &Policy, case: &Value, now: Instant) -> Result<Value, Error> {
    let case = crate::assess::Case::from_value(case)?;
    to_value(&crate::assess::assess(policy, &case, now)?)
}

/// One deadline request: `{"start", "clock", "amount", "end"?, "roll"?}`,
/// amount in minutes for elapsed and business, else a count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DeadlineRequest {
    pub start: Instant,
    pub span: Span,
}

impl DeadlineRequest {
    pub fn from_value(v: &Value) -> Result<DeadlineRequest, Error> {
        let mut r = Reader::new();
        let req = read_request(&mut r, v);
        r.finish(req)
    }

    pub fn from_json(text: &str) -> Result<DeadlineRequest, Error> {
        DeadlineRequest::from_value(&parse_json(text)?)
    }
}

fn read_request(r: &mut Reader, v: &Value) -> Option<DeadlineRequest> {
    let mut f = r.object(v, "")?;
    let start = f.req(r, "start").and_then(|(v, p)| r.instant(v, &p));
    let clock: Option<Clock> = f.req(r, "clock").and_then(|(v, p)| r.code(v, &p));
    let amount = f.req(r, "amount").and_then(|(v, p)| r.count(v, &p).map(|a| (a, p)));
    let end: Option<Option<End>> = f.opt("end").map(|(v, p)| r.code(v, &p));
    let roll = f.opt("roll").map_or(Some(Roll::None), |(v, p)| r.code(v, &p));
    f.done(r);
    let (clock, (amount, path)) = (clock?, amount?);
    let Some(span) = Span::from_edge_amount(clock, amount) else {
        r.push(Code::AmountOverflow, &path, format!("amount {amount} is too large"));
        return None;
    };
    let end = end.map(|e| e.ok_or(())).transpose().ok()?;
    Some(DeadlineRequest {
        start: start?,
        span: span.with_end(end).with_roll(roll?),
    })
}

/// The due instant of one request, as `{"due_at": "..."}`.
pub fn deadline_value(cal: &Calendar, req: &Value) -> Result<Value, Error> {
    let req = DeadlineRequest::from_value(req)?;
    let due = cal.add(req.start, &req.span)?;
    Ok(json!({"due_at": cal.format(due)}))
}

/// Assess the `cases` of a stats request at its `now` and count them
/// (`{"now", "cases", "from"?, "to"?, ...}`; see `read_stats_options`). A case
/// that cannot be read fails the call with its index in the path.
pub fn stats_value(policy: &Policy, input: &Value) -> Result<Value, Error> {
    to_value(&stats_of(policy, input)?)
}

/// `stats_value` before serialisation: the statistics as the core's type.
pub fn stats_of(policy: &Policy, input: &Value) -> Result<crate::analytics::Stats, Error> {
    let (now, opts) = read_stats_options(input)?;
    let Some(Value::Array(items)) = input.get("cases") else {
        return Err(Error::new(Code::InvalidType, "/cases", "expected an array of cases"));
    };
    let mut cases = Vec::with_capacity(items.len());
    for (i, v) in items.iter().enumerate() {
        cases.push(crate::assess::Case::from_value(v).map_err(|e| crate::analytics::at_case(e, i))?);
    }
    crate::analytics::assess_and_count(policy, cases, now, &opts)
}

/// Run one conformance operation (the `op` of tests/vectors) on its input.
pub fn run_op(op: &str, input: &Value) -> Result<Value, Error> {
    let field = |name: &str| input.get(name).unwrap_or(&Value::Null);
    match op {
        "classify" => classify_value(&*policy_from(field("policy"))?, field("complaint")),
        "deadline" => deadline_value(&*calendar_from(field("calendar"))?, field("request")),
        "assess" => {
            let policy = policy_from(field("policy"))?;
            let mut r = Reader::new();
            let now = r.instant(field("now"), "/now");
            let now = r.finish(now)?;
            assess_value(&policy, field("case"), now)
        }
        "stats" => stats_value(&*policy_from(field("policy"))?, input),
        "explain_deadline" => {
            let cal = calendar_from(field("calendar"))?;
            let req = DeadlineRequest::from_value(field("request"))?;
            to_value(&cal.explain(req.start, &req.span)?)
        }
        "policy_diff" => policy_diff_value(field("old"), field("new")),
        "replay" => replay_value(input),
        "validate_policy" => policy_from(field("policy")).map(|p| policy_summary(&p)),
        "validate_calendar" => calendar_from(field("calendar")).map(|c| json!({"name": c.name()})),
        "validate_complaint" => Complaint::from_value(field("complaint")).map(|c| json!({"id": c.id})),
        other => Err(Error::new(
            Code::InvalidValue,
            "/op",
            format!("unknown operation {other:?}"),
        )),
    }
}

/// What changed between two policies, rule by rule (`plaint policy diff`):
/// each side a preset `NAME[@VERSION]` (a JSON string) or an inline
/// document without versions.
pub fn policy_diff(old: &Value, new: &Value) -> Result<crate::policy::diff::PolicyDiff, Error> {
    let doc = |v: &Value, path: &str| -> Result<(Value, Option<String>), Error> {
        match v {
            Value::String(reference) => {
                let (name, label) = crate::policy::versions::split_label(reference);
                Policy::preset(name)?;
                let text = crate::policy::presets::text(name).unwrap_or_default();
                Ok((parse_json(text)?, label.map(str::to_string)))
            }
            Value::Object(_) => Ok((v.clone(), None)),
            _ => Err(Error::new(
                Code::InvalidType,
                path,
                "expected a preset name (NAME or NAME@VERSION) or a policy document",
            )),
        }
    };
    let (o, ol) = doc(old, "/old")?;
    let (n, nl) = doc(new, "/new")?;
    crate::policy::diff::diff_documents(&o, ol.as_deref(), &n, nl.as_deref())
}

/// `policy_diff` as JSON.
pub fn policy_diff_value(old: &Value, new: &Value) -> Result<Value, Error> {
    to_value(&policy_diff(old, new)?)
}

/// Replay `cases` under the policies `old` and `new` at `now` (`plaint
/// replay`): `{"old", "new", "now", "cases": [...]}` → both policies, every
/// case that changed (or could not be read or assessed), and the counts per
/// rule. A case that cannot be read is reported, not fatal.
pub fn replay_value(input: &Value) -> Result<Value, Error> {
    let field = |name: &str| input.get(name).unwrap_or(&Value::Null);
    let old = policy_from(field("old"))?;
    let new = policy_from(field("new"))?;
    let mut r = Reader::new();
    let required = |r: &mut Reader, name: &str| {
        let v = input.get(name).filter(|v| !v.is_null());
        if v.is_none() {
            r.push(
                Code::MissingField,
                &format!("/{name}"),
                format!("missing field {name:?}"),
            );
        }
        v
    };
    let now = required(&mut r, "now").and_then(|v| r.instant(v, "/now"));
    let items = required(&mut r, "cases").and_then(|v| r.array(v, "/cases"));
    let (now, items) = r.finish(now.zip(items))?;
    let cases = items.iter().map(crate::assess::Case::from_value);
    to_value(&crate::replay::replay_all(&old, &new, now, cases))
}

/// `now` and the options of a stats request: `from`, `to` (RFC 3339),
/// `units_shipped`, `clock` (time to resolve), `repeat_window_days`.
pub fn read_stats_options(input: &Value) -> Result<(Instant, crate::analytics::StatsOptions), Error> {
    let mut r = Reader::new();
    let mut opts = crate::analytics::StatsOptions::default();
    let now = match input.get("now") {
        Some(v) => r.instant(v, "/now"),
        None => {
            r.push(Code::MissingField, "/now", "missing field \"now\"");
            None
        }
    };
    let get = |k: &str| input.get(k).filter(|v| !v.is_null());
    if let Some(v) = get("from") {
        opts.from = r.instant(v, "/from");
    }
    if let Some(v) = get("to") {
        opts.to = r.instant(v, "/to");
    }
    if let Some(v) = get("units_shipped") {
        opts.units_shipped = r.count(v, "/units_shipped").map(|n| n as u64);
    }
    if let Some(v) = get("clock") {
        opts.resolve_clock = r.code(v, "/clock").unwrap_or(opts.resolve_clock);
    }
    if let Some(v) = get("repeat_window_days") {
        opts.repeat_window_days = r.count(v, "/repeat_window_days").unwrap_or(opts.repeat_window_days);
    }
    r.finish(now).map(|now| (now, opts))
}

fn to_value<T: serde::Serialize>(t: &T) -> Result<Value, Error> {
    serde_json::to_value(t).map_err(|e| Error::new(Code::InvalidValue, "", e.to_string()))
}
