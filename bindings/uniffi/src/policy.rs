//! `Policy`: classification tables, deadlines, escalation ladder and calendar.

use crate::calendar::WorkCalendar;
use crate::error::{ErrorInfo, Result};
use crate::input::{Case, Complaint, Writer, case_json, complaint_json};
use crate::offload::offload;
use crate::output::{AssessOptions, Assessment, CaseOutcome, Classification};
use crate::stats::{Stats, StatsOptions};
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

fn assess_value(
    policy: &CorePolicy,
    case: &Value,
    now: plaint_core::Instant,
    options: &AssessOptions,
) -> Result<Assessment, Error> {
    let case = plaint_core::Case::from_value(case)?;
    plaint_core::assess_with_options(policy, &case, now, &options.core(Explain::Outcome))?.try_into()
}

fn classify_value(policy: &CorePolicy, complaint: &Value) -> Result<Classification, Error> {
    let c = plaint_core::Complaint::from_value(complaint)?;
    Ok(plaint_core::classify_with(policy, &c, Explain::Outcome).into())
}

/// One outcome per case, in order; the cases are shared out over the cores.
fn assess_many(
    policy: &CorePolicy,
    cases: &[Case],
    now: SystemTime,
    options: &AssessOptions,
) -> Result<Vec<CaseOutcome>> {
    let now = crate::time::instant(now, "/now")?;
    let one = |c: &Case| match case_json(c).and_then(|v| assess_value(policy, &v, now, options)) {
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
        (
            "beyond_data",
            options
                .beyond_data
                .map(|b| Value::from(crate::enums::Coded::json_code(b))),
        ),
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

    /// The same policy counting on `calendar`, which must be its calendar
    /// or one that extends the same embedded calendar (a calendar file made
    /// by `plaint calendar import`, or `importFeed`, loaded with
    /// `WorkCalendar.fromJson`): the way to give a preset next year's
    /// holiday data without a new release. Every version of a policy with
    /// versions gets it. Another calendar is the error invalid_value at
    /// `/calendar`.
    pub fn with_calendar(&self, calendar: Arc<WorkCalendar>) -> Result<Arc<Policy>> {
        Ok(Arc::new(Policy {
            inner: Arc::new(self.inner.with_calendar(calendar.core())?),
        }))
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

    /// Assess one case at `now`. A deadline that cannot be computed (past
    /// the calendar's data) is `UNDETERMINED` with its `error`; the rest of
    /// the assessment is computed. `options`: per-call choices
    /// (`beyondData`).
    #[uniffi::method(default(options))]
    pub fn assess(&self, case: Case, now: SystemTime, options: AssessOptions) -> Result<Assessment> {
        let now = crate::time::instant(now, "/now")?;
        Ok(assess_value(&self.inner, &case_json(&case)?, now, &options)?)
    }

    /// Assess one case given as JSON text (`{"complaint", "events"?, "related"?}`) at `now`.
    #[uniffi::method(default(options))]
    pub fn assess_json(&self, case_json: String, now: SystemTime, options: AssessOptions) -> Result<Assessment> {
        let now = crate::time::instant(now, "/now")?;
        Ok(assess_value(&self.inner, &parse_json(&case_json)?, now, &options)?)
    }

    /// Assess one case given as JSON text at `now`; the full assessment with
    /// the classification trace, as JSON text.
    #[uniffi::method(default(options))]
    pub fn assess_to_json(&self, case_json: String, now: SystemTime, options: AssessOptions) -> Result<String> {
        let now = crate::time::instant(now, "/now")?;
        let v = api::assess_value_with(&self.inner, &parse_json(&case_json)?, now, &options.core(Explain::Full))?;
        Ok(v.to_string())
    }

    /// Assess many cases at `now`: one outcome per case, in order. A case
    /// that cannot be assessed is a `Failed` outcome; the others are assessed.
    #[uniffi::method(default(options))]
    pub fn assess_many(&self, cases: Vec<Case>, now: SystemTime, options: AssessOptions) -> Result<Vec<CaseOutcome>> {
        assess_many(&self.inner, &cases, now, &options)
    }

    /// `assessMany` on a worker thread.
    #[uniffi::method(default(options))]
    pub async fn assess_many_async(
        &self,
        cases: Vec<Case>,
        now: SystemTime,
        options: AssessOptions,
    ) -> Result<Vec<CaseOutcome>> {
        let policy = Arc::clone(&self.inner);
        offload(move || assess_many(&policy, &cases, now, &options)).await
    }

    /// Statistics over many cases assessed at `now` (`plaint stats`). The
    /// first case that cannot be assessed fails the call, its index in the
    /// path (`/cases/17/complaint/received_at`); a deadline that cannot be
    /// computed is counted as undetermined.
    #[uniffi::method(default(options))]
    pub fn stats(&self, cases: Vec<Case>, now: SystemTime, options: StatsOptions) -> Result<Stats> {
        stats(&self.inner, &cases, now, &options)
    }

    /// `stats` on a worker thread.
    #[uniffi::method(default(options))]
    pub async fn stats_async(&self, cases: Vec<Case>, now: SystemTime, options: StatsOptions) -> Result<Stats> {
        let policy = Arc::clone(&self.inner);
        offload(move || stats(&policy, &cases, now, &options)).await
    }
}
