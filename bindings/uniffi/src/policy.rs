//! `Policy`: classification tables, deadlines, escalation ladder and calendar.

use crate::calendar::WorkCalendar;
use crate::error::{ErrorInfo, Result};
use crate::input::{Case, Complaint, Writer, case_json, complaint_json};
use crate::offload::offload;
use crate::output::{Assessment, CaseOutcome, Classification, Stats, StatsOptions};
use plaint_core::api;
use plaint_core::decode::parse_json;
use plaint_core::{Error, Explain, Policy as CorePolicy};
use serde_json::{Map, Value};
use std::sync::Arc;
use std::time::SystemTime;

/// A validated policy. Immutable; share it between threads freely.
#[derive(Debug, uniffi::Object)]
pub struct Policy {
    inner: Arc<CorePolicy>,
}

impl Policy {
    /// The core's policy, for the functions of other modules.
    pub(crate) fn core(&self) -> &CorePolicy {
        &self.inner
    }
}

fn assess_value(policy: &CorePolicy, case: &Value, now: plaint_core::Instant) -> Result<Assessment, Error> {
    let case = plaint_core::Case::from_value(case)?;
    plaint_core::assess_with(policy, &case, now, Explain::Outcome)?.try_into()
}

fn classify_value(policy: &CorePolicy, complaint: &Value) -> Result<Classification, Error> {
    let c = plaint_core::Complaint::from_value(complaint)?;
    Ok(plaint_core::classify_with(policy, &c, Explain::Outcome).into())
}

/// One outcome per case, in order; the cases are shared out over the cores.
fn assess_many(policy: &CorePolicy, cases: &[Case], now: SystemTime) -> Result<Vec<CaseOutcome>> {
    let now = crate::time::instant(now, "/now")?;
    let one = |c: &Case| match case_json(c).and_then(|v| assess_value(policy, &v, now)) {
        Ok(assessment) => CaseOutcome::Assessed { assessment },
        Err(e) => CaseOutcome::Failed {
            error: ErrorInfo::from(&e),
        },
    };
    Ok(crate::par::map(cases, one))
}

/// The stats request of the JSON layer (`{"now", "cases", ...}`) for typed input.
fn stats_request(cases: &[Case], now: SystemTime, options: &StatsOptions) -> Result<Value, Error> {
    let mut w = Writer::default();
    let items: Vec<Value> = cases
        .iter()
        .enumerate()
        .map(|(i, c)| w.case(c, &format!("/cases/{i}")))
        .collect();
    let mut m = Map::new();
    let now = crate::time::instant(now, "/now")?;
    m.insert("now".into(), Value::from(now.to_utc_string()));
    m.insert("cases".into(), Value::from(items));
    let at = |t: Option<SystemTime>, path: &str| -> Result<Option<Value>, Error> {
        t.map(|t| crate::time::instant(t, path).map(|i| Value::from(i.to_utc_string())))
            .transpose()
    };
    let fields = [
        ("from", at(options.from, "/from")?),
        ("to", at(options.to, "/to")?),
        ("units_shipped", options.units_shipped.map(Value::from)),
        (
            "clock",
            options.clock.map(|c| Value::from(crate::enums::Coded::json_code(c))),
        ),
        ("repeat_window_days", options.repeat_window_days.map(Value::from)),
    ];
    for (k, v) in fields {
        if let Some(v) = v {
            m.insert(k.into(), v);
        }
    }
    w.finish(Value::Object(m))
}

fn stats(policy: &CorePolicy, cases: &[Case], now: SystemTime, options: &StatsOptions) -> Result<Stats> {
    let request = stats_request(cases, now, options)?;
    Ok(api::stats_of(policy, &request)?.try_into()?)
}

#[uniffi::export]
impl Policy {
    /// An embedded policy by name: a seed procedure (cn-property, cn-goods,
    /// cn-telecom, cn-petition) or a regulator's limits (cn-banking,
    /// uk-fca-disp, us-cfpb, ...; `policyPresets()` lists them). The first
    /// load of a preset builds it (about 0.1 s); later loads share it.
    #[uniffi::constructor]
    pub fn preset(name: String) -> Result<Arc<Policy>> {
        Ok(Arc::new(Policy {
            inner: CorePolicy::preset(&name)?,
        }))
    }

    /// `preset`, built on a worker thread.
    #[uniffi::constructor]
    pub async fn preset_async(name: String) -> Result<Arc<Policy>> {
        offload(move || Policy::preset(name)).await
    }

    /// A policy from JSON text (a policy document, or a preset name as a JSON string).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Policy>> {
        Ok(Arc::new(Policy {
            inner: api::policy_from(&parse_json(&json)?)?,
        }))
    }

    pub fn name(&self) -> String {
        self.inner.name.clone()
    }

    pub fn version(&self) -> String {
        self.inner.version.clone()
    }

    /// What the policy is: name, version, the days of a pinned version, and
    /// each version of a policy with versions in force by date.
    pub fn summary(&self) -> crate::versions::PolicySummary {
        self.inner.summary().into()
    }

    /// The policy's working calendar.
    pub fn calendar(&self) -> Arc<WorkCalendar> {
        WorkCalendar::wrap(self.inner.calendar.clone())
    }

    /// Classify one complaint.
    pub fn classify(&self, complaint: Complaint) -> Result<Classification> {
        Ok(classify_value(&self.inner, &complaint_json(&complaint)?)?)
    }

    /// Classify one complaint given as JSON text.
    pub fn classify_json(&self, complaint_json: String) -> Result<Classification> {
        Ok(classify_value(&self.inner, &parse_json(&complaint_json)?)?)
    }

    /// Classify one complaint given as JSON text; the full result with its
    /// decision trace, as JSON text.
    pub fn classify_to_json(&self, complaint_json: String) -> Result<String> {
        let v = api::classify_value(&self.inner, &parse_json(&complaint_json)?)?;
        Ok(v.to_string())
    }

    /// Assess one case at `now`.
    pub fn assess(&self, case: Case, now: SystemTime) -> Result<Assessment> {
        let now = crate::time::instant(now, "/now")?;
        Ok(assess_value(&self.inner, &case_json(&case)?, now)?)
    }

    /// Assess one case given as JSON text (`{"complaint", "events"?, "related"?}`) at `now`.
    pub fn assess_json(&self, case_json: String, now: SystemTime) -> Result<Assessment> {
        let now = crate::time::instant(now, "/now")?;
        Ok(assess_value(&self.inner, &parse_json(&case_json)?, now)?)
    }

    /// Assess one case given as JSON text at `now`; the full assessment with
    /// the classification trace, as JSON text.
    pub fn assess_to_json(&self, case_json: String, now: SystemTime) -> Result<String> {
        let now = crate::time::instant(now, "/now")?;
        let v = api::assess_value(&self.inner, &parse_json(&case_json)?, now)?;
        Ok(v.to_string())
    }

    /// Assess many cases at `now`: one outcome per case, in order. A case
    /// that cannot be assessed is a `Failed` outcome; the others are assessed.
    pub fn assess_many(&self, cases: Vec<Case>, now: SystemTime) -> Result<Vec<CaseOutcome>> {
        assess_many(&self.inner, &cases, now)
    }

    /// `assessMany` on a worker thread.
    pub async fn assess_many_async(&self, cases: Vec<Case>, now: SystemTime) -> Result<Vec<CaseOutcome>> {
        let policy = Arc::clone(&self.inner);
        offload(move || assess_many(&policy, &cases, now)).await
    }

    /// Statistics over many cases assessed at `now` (`plaint stats`). The
    /// first case that cannot be assessed fails the call, its index in the
    /// path (`/cases/17/complaint/received_at`).
    pub fn stats(&self, cases: Vec<Case>, now: SystemTime, options: StatsOptions) -> Result<Stats> {
        stats(&self.inner, &cases, now, &options)
    }

    /// `stats` on a worker thread.
    pub async fn stats_async(&self, cases: Vec<Case>, now: SystemTime, options: StatsOptions) -> Result<Stats> {
        let policy = Arc::clone(&self.inner);
        offload(move || stats(&policy, &cases, now, &options)).await
    }
}
