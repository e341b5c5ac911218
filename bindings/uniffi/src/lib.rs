//! plaint-uniffi: the Kotlin and Swift bindings of plaint (uniffi proc-macros).
//!
//! A thin translation layer, like every binding: strings in, plaint-core
//! (through its JSON layer, `plaint_core::api`) out, records back. No rule
//! lives here; a rule in a binding is a bug, because the other bindings would
//! not have it. The typed records are read from the same JSON the `...Json`
//! methods return, so the two forms cannot disagree.
//!
//! Names follow the Python API (`Policy`, `Calendar`, `classify`, `assess`,
//! `add`) in each language's conventions: uniffi turns `classify_json` into
//! `classifyJson` in Kotlin and Swift, and `PlaintError` into
//! `PlaintException` in Kotlin.

use plaint_core::api::{self, DeadlineRequest};
use plaint_core::decode::parse_json;
use plaint_core::{Calendar as CoreCalendar, Code, Error, Instant, Policy as CorePolicy};
use serde_json::{Value, json};
use std::sync::Arc;

uniffi::setup_scaffolding!("plaint");

// ---------------------------------------------------------------- errors

/// One problem found in an input: its stable code, its JSON path (RFC 6901,
/// "" for the whole input) and a message.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Problem {
    pub code: String,
    pub path: String,
    pub message: String,
}

/// Every error of plaint, by family. Each variant carries the stable
/// snake_case `code` (see docs/errors.md), the JSON `path` of the (first)
/// problem and every problem found. Kotlin: `PlaintException.Invalid`, ...;
/// Swift: `PlaintError.invalid(code:path:detail:problems:)`, ...
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum PlaintError {
    /// The input failed validation: invalid_json, invalid_type,
    /// missing_field, unknown_field, invalid_value, instant_without_offset,
    /// invalid_instant, invalid_date, unknown_zone, invalid_event, ...
    #[error("{detail}")]
    Invalid {
        code: String,
        path: String,
        detail: String,
        problems: Vec<Problem>,
    },
    /// No embedded policy (unknown_preset) or calendar (unknown_calendar) has this name.
    #[error("{detail}")]
    UnknownPreset {
        code: String,
        path: String,
        detail: String,
        problems: Vec<Problem>,
    },
    /// The computation needs a date outside the calendar's holiday data
    /// (calendar_range_exceeded); plaint never guesses.
    #[error("{detail}")]
    CalendarRangeExceeded {
        code: String,
        path: String,
        detail: String,
        problems: Vec<Problem>,
    },
    /// An amount is negative (negative_amount) or too large (amount_overflow).
    #[error("{detail}")]
    Amount {
        code: String,
        path: String,
        detail: String,
        problems: Vec<Problem>,
    },
    /// An input exceeds a documented size limit (input_too_large).
    #[error("{detail}")]
    InputTooLarge {
        code: String,
        path: String,
        detail: String,
        problems: Vec<Problem>,
    },
}

impl From<Error> for PlaintError {
    fn from(e: Error) -> PlaintError {
        let code = e.code().as_str().to_string();
        let (path, detail) = (e.path().to_string(), e.to_string());
        let problems = e
            .problems()
            .into_iter()
            .map(|p| Problem {
                code: p.code.as_str().to_string(),
                path: p.path,
                message: p.message,
            })
            .collect();
        macro_rules! family {
            ($variant:ident) => {
                PlaintError::$variant {
                    code,
                    path,
                    detail,
                    problems,
                }
            };
        }
        match e.code() {
            Code::UnknownPreset | Code::UnknownCalendar => family!(UnknownPreset),
            Code::CalendarRangeExceeded => family!(CalendarRangeExceeded),
            Code::NegativeAmount | Code::AmountOverflow => family!(Amount),
            Code::InputTooLarge => family!(InputTooLarge),
            _ => family!(Invalid),
        }
    }
}

type Result<T, E = PlaintError> = std::result::Result<T, E>;

fn parse(text: &str) -> Result<Value> {
    Ok(parse_json(text)?)
}

fn text(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".to_string())
}

// ---------------------------------------------------------------- records

/// The outcome of the classification tables (null where no table decided).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Classification {
    pub severity: Option<String>,
    pub category: Option<String>,
    pub nature: Option<String>,
    /// What the tables suggest; validity itself is a person's decision.
    pub validity_suggestion: Option<String>,
    /// The validity a person decided, if any.
    pub validity: Option<String>,
    pub claim_type: Option<String>,
    pub route: Option<String>,
    /// Who set values by hand, if anyone.
    pub classified_by: Option<String>,
    /// The signals found in the text.
    pub signals: Vec<String>,
}

/// One deadline of a case. Amounts are in `unit` (minutes for the elapsed and
/// business clocks, else days, working days, weeks or months).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DeadlineStatus {
    pub id: String,
    pub state: String,
    pub clock: String,
    pub amount: i64,
    pub unit: String,
    pub started_at: Option<String>,
    pub due_at: Option<String>,
    pub warn_at: Option<String>,
    pub met_at: Option<String>,
    pub elapsed: Option<i64>,
    /// Target minus elapsed; negative when overdue.
    pub remaining: Option<i64>,
    pub paused: i64,
    pub extended: i64,
    pub next_change_at: Option<String>,
    pub notes: Vec<String>,
}

/// An escalation due: which ladder level must act, and when to notify it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Escalation {
    pub trigger: String,
    pub on: String,
    pub level: String,
    pub level_index: u32,
    pub reason: String,
    pub since: String,
    pub notify_at: String,
    pub act_by: Option<String>,
    pub next_change_at: Option<String>,
}

/// A required action not yet done.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RequiredAction {
    pub action: String,
    pub reason: String,
    pub source: String,
}

/// Where a complaint stands and what must happen next.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Assessment {
    pub complaint_id: String,
    pub policy: String,
    pub now: String,
    pub classification: Classification,
    pub state: String,
    /// The events allowed next in this state.
    pub allowed_events: Vec<String>,
    pub owner: Option<String>,
    pub deadlines: Vec<DeadlineStatus>,
    pub escalations: Vec<Escalation>,
    pub required_actions: Vec<RequiredAction>,
    /// The one instant the host should assess again.
    pub next_check_at: Option<String>,
}

/// Field readers over the core's JSON output (the schema of README/`plaint schema`).
struct Fields<'a>(&'a Value);

impl Fields<'_> {
    fn get(&self, k: &str) -> &Value {
        self.0.get(k).unwrap_or(&Value::Null)
    }
    fn opt_str(&self, k: &str) -> Option<String> {
        match self.get(k) {
            Value::Null => None,
            Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        }
    }
    fn str(&self, k: &str) -> String {
        self.opt_str(k).unwrap_or_default()
    }
    fn opt_int(&self, k: &str) -> Option<i64> {
        self.get(k).as_i64()
    }
    fn int(&self, k: &str) -> i64 {
        self.opt_int(k).unwrap_or(0)
    }
    fn list(&self, k: &str) -> &[Value] {
        self.get(k).as_array().map_or(&[], Vec::as_slice)
    }
    fn strs(&self, k: &str) -> Vec<String> {
        self.list(k)
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
            .collect()
    }
}

fn classification_of(v: &Value) -> Classification {
    let f = Fields(v);
    Classification {
        severity: f.opt_str("severity"),
        category: f.opt_str("category"),
        nature: f.opt_str("nature"),
        validity_suggestion: f.opt_str("validity_suggestion"),
        validity: f.opt_str("validity"),
        claim_type: f.opt_str("claim_type"),
        route: f.opt_str("route"),
        classified_by: f.opt_str("classified_by"),
        signals: f.list("signals").iter().map(|s| Fields(s).str("signal")).collect(),
    }
}

fn deadline_of(v: &Value) -> DeadlineStatus {
    let f = Fields(v);
    DeadlineStatus {
        id: f.str("id"),
        state: f.str("state"),
        clock: f.str("clock"),
        amount: f.int("amount"),
        unit: f.str("unit"),
        started_at: f.opt_str("started_at"),
        due_at: f.opt_str("due_at"),
        warn_at: f.opt_str("warn_at"),
        met_at: f.opt_str("met_at"),
        elapsed: f.opt_int("elapsed"),
        remaining: f.opt_int("remaining"),
        paused: f.int("paused"),
        extended: f.int("extended"),
        next_change_at: f.opt_str("next_change_at"),
        notes: f.strs("notes"),
    }
}

fn escalation_of(v: &Value) -> Escalation {
    let f = Fields(v);
    Escalation {
        trigger: f.str("trigger"),
        on: f.str("on"),
        level: f.str("level"),
        level_index: u32::try_from(f.int("level_index")).unwrap_or(u32::MAX),
        reason: f.str("reason"),
        since: f.str("since"),
        notify_at: f.str("notify_at"),
        act_by: f.opt_str("act_by"),
        next_change_at: f.opt_str("next_change_at"),
    }
}

fn assessment_of(v: &Value) -> Assessment {
    let f = Fields(v);
    Assessment {
        complaint_id: f.str("complaint_id"),
        policy: f.str("policy"),
        now: f.str("now"),
        classification: classification_of(f.get("classification")),
        state: f.str("state"),
        allowed_events: f.strs("allowed_events"),
        owner: f.opt_str("owner"),
        deadlines: f.list("deadlines").iter().map(deadline_of).collect(),
        escalations: f.list("escalations").iter().map(escalation_of).collect(),
        required_actions: f
            .list("required_actions")
            .iter()
            .map(|a| {
                let a = Fields(a);
                RequiredAction {
                    action: a.str("action"),
                    reason: a.str("reason"),
                    source: a.str("source"),
                }
            })
            .collect(),
        next_check_at: f.opt_str("next_check_at"),
    }
}

// ---------------------------------------------------------------- Policy

/// A validated policy: classification tables, deadlines, escalation ladder and
/// its calendar. Immutable; share it between threads freely.
#[derive(Debug, uniffi::Object)]
pub struct Policy {
    inner: Arc<CorePolicy>,
}

impl Policy {
    fn classify_value(&self, complaint_json: &str) -> Result<Value> {
        Ok(api::classify_value(&self.inner, &parse(complaint_json)?)?)
    }

    fn assess_value(&self, case_json: &str, now_rfc3339: &str) -> Result<Value> {
        let now = read_instant(now_rfc3339, "/now")?;
        Ok(api::assess_value(&self.inner, &parse(case_json)?, now)?)
    }
}

#[uniffi::export]
impl Policy {
    /// An embedded policy preset by name: a seed procedure (cn-property, cn-goods, cn-telecom, cn-petition) or a regulator's limits (cn-banking, uk-fca-disp, us-cfpb, ...; the README lists all).
    #[uniffi::constructor]
    pub fn preset(name: String) -> Result<Arc<Policy>> {
        Ok(Arc::new(Policy {
            inner: CorePolicy::preset(&name)?,
        }))
    }

    /// A policy from JSON text (a policy document, or a preset name as a JSON string).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Policy>> {
        Ok(Arc::new(Policy {
            inner: api::policy_from(&parse(&json)?)?,
        }))
    }

    pub fn name(&self) -> String {
        self.inner.name.clone()
    }

    pub fn version(&self) -> String {
        self.inner.version.clone()
    }

    /// The policy's working calendar.
    pub fn calendar(&self) -> Arc<Calendar> {
        Arc::new(Calendar {
            inner: self.inner.calendar.clone(),
        })
    }

    /// Classify one complaint (JSON text); the full result with its trace, as JSON.
    pub fn classify_json(&self, complaint_json: String) -> Result<String> {
        Ok(text(&self.classify_value(&complaint_json)?))
    }

    /// Classify one complaint (JSON text).
    pub fn classify(&self, complaint_json: String) -> Result<Classification> {
        Ok(classification_of(&self.classify_value(&complaint_json)?))
    }

    /// Assess one case (`{"complaint", "events"?, "related"?}` as JSON text) at
    /// `now` (RFC 3339 with offset); the full result as JSON.
    pub fn assess_json(&self, case_json: String, now_rfc3339: String) -> Result<String> {
        Ok(text(&self.assess_value(&case_json, &now_rfc3339)?))
    }

    /// Assess one case (JSON text) at `now` (RFC 3339 with offset).
    pub fn assess(&self, case_json: String, now_rfc3339: String) -> Result<Assessment> {
        Ok(assessment_of(&self.assess_value(&case_json, &now_rfc3339)?))
    }
}

// ---------------------------------------------------------------- Calendar

/// A working calendar (zone, business hours, holidays, make-up working days)
/// with its index. Immutable; share it between threads freely.
#[derive(Debug, uniffi::Object)]
pub struct Calendar {
    inner: Arc<CoreCalendar>,
}

/// A deadline request as the JSON layer reads it (`/start`, `/clock`, `/amount`, `/end`, `/roll`).
fn request(start: Value, clock: String, amount: i64, end: Option<String>, roll: Option<String>) -> Value {
    let mut req = json!({"start": start, "clock": clock, "amount": amount});
    if let Some(end) = end {
        req["end"] = Value::from(end);
    }
    if let Some(roll) = roll {
        req["roll"] = Value::from(roll);
    }
    req
}

/// An RFC 3339 instant (offset required), read as the JSON layer reads `path`.
fn read_instant(s: &str, path: &str) -> Result<Instant> {
    let mut r = plaint_core::decode::Reader::new();
    let t = r.instant(&Value::from(s), path);
    Ok(r.finish(t)?)
}

#[uniffi::export]
impl Calendar {
    /// An embedded calendar by name (always, au, cn-mainland, eu-target, gb-eng, hk, in, sg, us-federal).
    #[uniffi::constructor]
    pub fn preset(name: String) -> Result<Arc<Calendar>> {
        Ok(Arc::new(Calendar {
            inner: CoreCalendar::preset(&name)?,
        }))
    }

    /// A calendar from JSON text; `"extends"` may name an embedded calendar.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Calendar>> {
        Ok(Arc::new(Calendar {
            inner: api::calendar_from(&parse(&json)?)?,
        }))
    }

    pub fn name(&self) -> String {
        self.inner.name().to_string()
    }

    /// The IANA time zone name.
    pub fn zone(&self) -> String {
        self.inner.zone().name().to_string()
    }

    /// The first day of the calendar's data (YYYY-MM-DD).
    pub fn valid_from(&self) -> String {
        self.inner.spec().valid_from.to_string()
    }

    /// The last day of the calendar's data (YYYY-MM-DD).
    pub fn valid_to(&self) -> String {
        self.inner.spec().valid_to.to_string()
    }

    /// `start` (RFC 3339 with offset) plus `amount` on `clock` (elapsed,
    /// business: minutes; working_days, calendar_days, weeks, months: a
    /// count), ending at `end` (close_of_business, end_of_day; default by
    /// calendar) and rolled by `roll` (none, next_working_day). RFC 3339 in the
    /// calendar's zone.
    #[uniffi::method(default(end = None, roll = None))]
    pub fn add(
        &self,
        start_rfc3339: String,
        clock: String,
        amount: i64,
        end: Option<String>,
        roll: Option<String>,
    ) -> Result<String> {
        let due = api::deadline_value(
            &self.inner,
            &request(Value::from(start_rfc3339), clock, amount, end, roll),
        )?;
        Ok(Fields(&due).str("due_at"))
    }

    /// `add` over epoch milliseconds (UTC): the due instant in epoch milliseconds.
    #[uniffi::method(default(end = None, roll = None))]
    pub fn add_millis(
        &self,
        start_ms: i64,
        clock: String,
        amount: i64,
        end: Option<String>,
        roll: Option<String>,
    ) -> Result<i64> {
        let span =
            DeadlineRequest::from_value(&request(Value::from("2000-01-01T00:00:00Z"), clock, amount, end, roll))?.span;
        let start = Instant::from_ms(start_ms)?;
        Ok(self.inner.add(start, &span)?.ms())
    }

    /// An instant (epoch milliseconds) as RFC 3339 in the calendar's zone.
    pub fn format_millis(&self, ms: i64) -> Result<String> {
        Ok(self.inner.format(Instant::from_ms(ms)?))
    }
}

// ---------------------------------------------------------------- free functions

/// Run one conformance operation (the `op` of tests/vectors: classify,
/// deadline, assess, stats, explain_deadline, validate_policy,
/// validate_calendar, validate_complaint) on its input (JSON text); the
/// output as JSON text.
#[uniffi::export]
pub fn run_op(op: String, input_json: String) -> Result<String> {
    Ok(text(&api::run_op(&op, &parse(&input_json)?)?))
}

/// The library version.
#[uniffi::export]
pub fn version() -> String {
    plaint_core::VERSION.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_example_and_errors() {
        let cal = Calendar::preset("cn-mainland".into()).unwrap();
        let due = cal
            .add("2026-09-24T16:00:00+08:00".into(), "working_days".into(), 3, None, None)
            .unwrap();
        assert_eq!(due, "2026-09-30T18:00:00+08:00");
        let e = cal.add("2026-09-24T16:00:00".into(), "working_days".into(), 3, None, None);
        assert!(
            matches!(e, Err(PlaintError::Invalid { ref code, ref path, .. }) if code == "instant_without_offset" && path == "/start")
        );
        let e = Policy::preset("nope".into()).unwrap_err();
        assert!(matches!(e, PlaintError::UnknownPreset { ref code, .. } if code == "unknown_preset"));
    }
}
