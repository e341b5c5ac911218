//! The JSON layer: one schema for every host. The CLI, the C ABI's JSON
//! functions, the bindings and the conformance vectors (tests/vectors) all go
//! through these functions, so they cannot disagree.

use crate::assess::AssessOptions;
use crate::classify::classify;
use crate::decode::{Fields, Reader, parse_json};
use crate::error::{Code, Error};
use crate::model::Complaint;
use crate::model::Instant;
use crate::policy::Policy;
use crate::time::{BeyondData, Calendar, Clock, End, Roll, Span};
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
    assess_value_with(policy, case, now, &AssessOptions::default())
}

/// `assess_value` with per-call options (projected data).
pub fn assess_value_with(policy: &Policy, case: &Value, now: Instant, opts: &AssessOptions) -> Result<Value, Error> {
    let case = crate::assess::Case::from_value(case)?;
    assessment_value(&crate::assess::assess_with_options(policy, &case, now, opts)?)
}

/// An assessment as the JSON every binding returns.
pub fn assessment_value(a: &crate::assess::Assessment) -> Result<Value, Error> {
    to_value(a)
}

/// The policy with its calendar replaced by `calendar` (a name or a
/// calendar document), when given: `Policy::with_calendar`.
pub fn policy_with_calendar(policy: Arc<Policy>, calendar: Option<&Value>) -> Result<Arc<Policy>, Error> {
    match calendar.filter(|v| !v.is_null()) {
        None => Ok(policy),
        Some(v) => {
            let cal = calendar_from(v).map_err(|e| under(e, "/calendar"))?;
            policy.with_calendar(cal).map(Arc::new)
        }
    }
}

/// The `beyond_data` of a request (`"undetermined"` or `"projected"`), if given.
pub fn read_beyond_data(input: &Value) -> Result<Option<BeyondData>, Error> {
    match input.get("beyond_data").filter(|v| !v.is_null()) {
        None => Ok(None),
        Some(v) => {
            let mut r = Reader::new();
            let b = r.code(v, "/beyond_data");
            r.finish(b).map(Some)
        }
    }
}

/// Prefix every problem's path with `prefix` (a part of a larger request).
fn under(e: Error, prefix: &str) -> Error {
    match e {
        Error::Invalid(ps) => Error::Invalid(
            ps.into_iter()
                .map(|mut p| {
                    p.path = format!("{prefix}{}", p.path);
                    p
                })
                .collect(),
        ),
        other => other,
    }
}

/// A calendar's status at a date: `{"calendar", "at": "YYYY-MM-DD"}`.
pub fn calendar_status_value(input: &Value) -> Result<Value, Error> {
    let cal = calendar_from(input.get("calendar").unwrap_or(&Value::Null))?;
    let mut r = Reader::new();
    let at = match input.get("at") {
        Some(v) => r.date(v, "/at"),
        None => {
            r.push(Code::MissingField, "/at", "missing field \"at\"");
            None
        }
    };
    let at = r.finish(at)?;
    to_value(&cal.status(at))
}

/// One deadline request: `{"start", "clock", "amount", "end"?, "roll"?}`,
/// amount in minutes for elapsed and business, else a count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DeadlineRequest {
    /// The instant counting starts from.
    pub start: Instant,
    /// What to add: clock, amount, end and roll.
    pub span: Span,
}

impl DeadlineRequest {
    /// Read a request from a parsed JSON value, reporting every problem.
    pub fn from_value(v: &Value) -> Result<DeadlineRequest, Error> {
        let mut r = Reader::new();
        let req = read_request(&mut r, v);
        r.finish(req)
    }

    /// Read a request from JSON text, reporting every problem.
    pub fn from_json(text: &str) -> Result<DeadlineRequest, Error> {
        DeadlineRequest::from_value(&parse_json(text)?)
    }
}

fn read_request(r: &mut Reader, v: &Value) -> Option<DeadlineRequest> {
    let mut f = r.object(v, "")?;
    let start = f.req(r, "start").and_then(|(v, p)| r.instant(v, &p));
    let span = read_span(r, &mut f);
    f.done(r);
    Some(DeadlineRequest {
        start: start?,
        span: span?,
    })
}

/// A span from `{"clock", "amount", "end"?, "roll"?}`, read and checked as
/// the same fields of a deadline request are (the amount in minutes for
/// `elapsed` and `business`, a count otherwise): for hosts that take the
/// four as separate arguments.
///
/// ```
/// use plaint_core::{Span, api};
/// let v = serde_json::json!({"clock": "working_days", "amount": 3});
/// assert_eq!(api::span_from_value(&v).unwrap(), Span::working_days(3));
/// let e = api::span_from_value(&serde_json::json!({"clock": "days", "amount": 3})).unwrap_err();
/// assert_eq!((e.code().as_str(), e.path()), ("invalid_value", "/clock"));
/// ```
pub fn span_from_value(v: &Value) -> Result<Span, Error> {
    let mut r = Reader::new();
    let span = r.object(v, "").and_then(|mut f| {
        let span = read_span(&mut r, &mut f);
        f.done(&mut r);
        span
    });
    r.finish(span)
}

/// The fields `clock`, `amount`, `end` and `roll` of a request's object.
fn read_span(r: &mut Reader, f: &mut Fields) -> Option<Span> {
    let clock: Option<Clock> = f.req(r, "clock").and_then(|(v, p)| r.code(v, &p));
    let amount = f.req(r, "amount").and_then(|(v, p)| r.count(v, &p).map(|a| (a, p)));
    let end: Option<Option<End>> = f.opt("end").map(|(v, p)| r.code(v, &p));
    let roll = f.opt("roll").map_or(Some(Roll::None), |(v, p)| r.code(v, &p));
    let (clock, (amount, path)) = (clock?, amount?);
    let Some(span) = Span::from_edge_amount(clock, amount) else {
        r.push(Code::AmountOverflow, &path, format!("amount {amount} is too large"));
        return None;
    };
    let end = end.map(|e| e.ok_or(())).transpose().ok()?;
    Some(span.with_end(end).with_roll(roll?))
}

/// The due instant of one request, as `{"due_at": "..."}`; with
/// `"beyond_data": "projected"` in the request, counted on the calendar's
/// projected holidays where needed, and then `"provisional": true`.
pub fn deadline_value(cal: &Arc<Calendar>, req: &Value) -> Result<Value, Error> {
    let beyond = read_beyond_data(req)?;
    let mut plain = req.clone();
    if let Value::Object(m) = &mut plain {
        m.remove("beyond_data");
    }
    let parsed = DeadlineRequest::from_value(&plain)?;
    let cal = cal.for_beyond(beyond.unwrap_or(BeyondData::Undetermined));
    let due = cal.add(parsed.start, &parsed.span)?;
    let mut out = json!({"due_at": cal.format(due)});
    if cal.is_projected(cal.date_of(Instant(due.0 - 1))) {
        out["provisional"] = Value::Bool(true);
    }
    Ok(out)
}

/// The explanation of one request; `"beyond_data"` as for `deadline_value`.
pub fn explain_value(cal: &Arc<Calendar>, req: &Value) -> Result<Value, Error> {
    to_value(&explain_request(cal, req)?)
}

/// `explain_value`, typed.
pub fn explain_request(cal: &Arc<Calendar>, req: &Value) -> Result<crate::time::Explanation, Error> {
    let beyond = read_beyond_data(req)?;
    let mut plain = req.clone();
    if let Value::Object(m) = &mut plain {
        m.remove("beyond_data");
    }
    let parsed = DeadlineRequest::from_value(&plain)?;
    let cal = cal.for_beyond(beyond.unwrap_or(BeyondData::Undetermined));
    cal.explain(parsed.start, &parsed.span)
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

/// Import a holiday feed into a calendar that extends an embedded one:
/// `{"base", "name"?, "valid_to"?, "source"?}` with either `"csv"` (the
/// text of a `date,name,kind` file) or `"events"` (`[{"start", "end"?,
/// "summary", "categories"?}]`, all-day iCalendar events as a parser read
/// them). Gives `{"calendar", "kept", "skipped"}`.
pub fn import_feed_value(input: &Value) -> Result<Value, Error> {
    use crate::time::feed;
    let mut r = Reader::new();
    let get = |k: &str| input.get(k).filter(|v| !v.is_null());
    let base = match get("base") {
        Some(v) => r.string(v, "/base").map(str::to_string),
        None => {
            r.push(Code::MissingField, "/base", "missing field \"base\"");
            None
        }
    };
    let name = get("name").and_then(|v| r.name(v, "/name").map(str::to_string));
    let valid_to = get("valid_to").and_then(|v| r.date(v, "/valid_to"));
    let source = get("source").and_then(|v| r.string(v, "/source").map(str::to_string));
    let events = get("events").map(|v| read_feed_events(&mut r, v));
    let csv = get("csv").and_then(|v| r.string(v, "/csv").map(str::to_string));
    let base = r.finish(base)?;
    let days = match (csv, events) {
        (Some(text), None) => feed::days_of_csv(&text)?,
        (None, Some(events)) => feed::days_of_events(&events)?,
        _ => {
            return Err(Error::new(Code::InvalidValue, "", "give either \"csv\" or \"events\""));
        }
    };
    let opts = feed::ImportOptions {
        base,
        name,
        valid_to,
        source: source.unwrap_or_else(|| "a holiday feed".into()),
    };
    let done = feed::import(&days, &opts)?;
    Ok(json!({"calendar": done.calendar, "kept": done.kept, "skipped": done.skipped}))
}

fn read_feed_events(r: &mut Reader, v: &Value) -> Vec<crate::time::feed::FeedEvent> {
    let Some(items) = r.array(v, "/events") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let path = crate::decode::index("/events", i);
        let Some(mut f) = r.object(item, &path) else { continue };
        let start = f.req(r, "start").and_then(|(v, p)| r.date(v, &p));
        let end = f.opt("end").and_then(|(v, p)| r.date(v, &p));
        let summary = f
            .opt("summary")
            .and_then(|(v, p)| r.string(v, &p).map(str::to_string))
            .unwrap_or_default();
        let categories: Vec<String> = f
            .opt("categories")
            .and_then(|(v, p)| {
                r.array(v, &p)
                    .map(|a| a.iter().filter_map(|c| c.as_str().map(str::to_string)).collect())
            })
            .unwrap_or_default();
        f.done(r);
        if let Some(start) = start {
            out.push(crate::time::feed::FeedEvent {
                start,
                end,
                summary,
                categories,
                path,
            });
        }
    }
    out
}

/// Run one conformance operation (the `op` of tests/vectors) on its input.
///
/// Each document of the input (`policy`, `calendar`, `case`, `complaint`,
/// `request`) may instead be given as JSON text under `<name>_json`: it is
/// then read by `decode::parse_json`, the reader behind every JSON entry
/// point of every binding, so a vector can hold text a JSON file cannot
/// (two equal keys in one object).
pub fn run_op(op: &str, input: &Value) -> Result<Value, Error> {
    let texts = documents_as_text(input)?;
    let field = |name: &str| {
        texts
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v)
            .or_else(|| input.get(name))
            .unwrap_or(&Value::Null)
    };
    match op {
        "classify" => classify_value(&*policy_from(field("policy"))?, field("complaint")),
        "deadline" => deadline_value(&calendar_from(field("calendar"))?, field("request")),
        "assess" => {
            let policy = policy_with_calendar(policy_from(field("policy"))?, Some(field("calendar")))?;
            let mut r = Reader::new();
            let now = r.instant(field("now"), "/now");
            let now = r.finish(now)?;
            let opts = AssessOptions {
                beyond_data: read_beyond_data(input)?,
                ..AssessOptions::default()
            };
            assess_value_with(&policy, field("case"), now, &opts)
        }
        "stats" => stats_value(
            &*policy_with_calendar(policy_from(field("policy"))?, Some(field("calendar")))?,
            input,
        ),
        "explain_deadline" => explain_value(&calendar_from(field("calendar"))?, field("request")),
        "calendar_status" => calendar_status_value(input),
        "import_feed" => import_feed_value(input),
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

/// The documents of a run_op input given as `<name>_json` text, parsed.
fn documents_as_text(input: &Value) -> Result<Vec<(&'static str, Value)>, Error> {
    let mut out = Vec::new();
    for name in ["policy", "calendar", "case", "complaint", "request"] {
        if let Some(v) = input.get(format!("{name}_json")) {
            let Value::String(text) = v else {
                return Err(Error::new(
                    Code::InvalidType,
                    format!("/{name}_json"),
                    "expected JSON text (a string)",
                ));
            };
            out.push((name, parse_json(text)?));
        }
    }
    Ok(out)
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
/// `units_shipped`, `clock` (time to resolve), `repeat_window_days`,
/// `beyond_data`.
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
    if let Some(v) = get("beyond_data") {
        opts.beyond_data = r.code(v, "/beyond_data");
    }
    r.finish(now).map(|now| (now, opts))
}

fn to_value<T: serde::Serialize>(t: &T) -> Result<Value, Error> {
    serde_json::to_value(t).map_err(|e| Error::new(Code::InvalidValue, "", e.to_string()))
}
