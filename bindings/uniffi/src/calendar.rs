//! `WorkCalendar`: a working calendar (zone, business hours, holidays,
//! make-up working days) with its index. Named so that Swift's
//! `Foundation.Calendar` and `java.util.Calendar` stay usable beside it.

use crate::enums::{Coded, DeadlineClock, DeadlineEnd, DeadlineRoll, Lang};
use crate::error::Result;
use crate::offload::offload;
use crate::output::Explanation;
use plaint_core::api::{self, DeadlineRequest};
use plaint_core::decode::parse_json;
use plaint_core::{Calendar as CoreCalendar, Error};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::SystemTime;

/// A working calendar. Immutable; share it between threads freely.
#[derive(Debug, uniffi::Object)]
pub struct WorkCalendar {
    inner: Arc<CoreCalendar>,
}

impl WorkCalendar {
    pub fn wrap(inner: Arc<CoreCalendar>) -> Arc<WorkCalendar> {
        Arc::new(WorkCalendar { inner })
    }
}

/// The deadline request of the JSON layer (`/start`, `/clock`, `/amount`,
/// `/end`, `/roll`), read by the core as every binding's is.
fn request(
    start: SystemTime,
    clock: DeadlineClock,
    amount: i64,
    end: Option<DeadlineEnd>,
    roll: Option<DeadlineRoll>,
) -> Result<DeadlineRequest, Error> {
    let start = crate::time::instant(start, "/start")?;
    let mut req = json!({"start": start.to_utc_string(), "clock": clock.json_code(), "amount": amount});
    if let Some(end) = end {
        req["end"] = Value::from(end.json_code());
    }
    if let Some(roll) = roll {
        req["roll"] = Value::from(roll.json_code());
    }
    DeadlineRequest::from_value(&req)
}

#[uniffi::export]
impl WorkCalendar {
    /// An embedded calendar by name (always, au, cn-mainland, eu-target,
    /// gb-eng, hk, in, sg, us-federal; `calendarPresets()` lists them).
    #[uniffi::constructor]
    pub fn preset(name: String) -> Result<Arc<WorkCalendar>> {
        Ok(WorkCalendar::wrap(CoreCalendar::preset(&name)?))
    }

    /// `preset`, built on a worker thread.
    #[uniffi::constructor]
    pub async fn preset_async(name: String) -> Result<Arc<WorkCalendar>> {
        offload(move || WorkCalendar::preset(name)).await
    }

    /// A calendar from JSON text; `"extends"` may name an embedded calendar.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<WorkCalendar>> {
        Ok(WorkCalendar::wrap(api::calendar_from(&parse_json(&json)?)?))
    }

    pub fn name(&self) -> String {
        self.inner.name().to_string()
    }

    /// The IANA time zone name (java.time.ZoneId.of / TimeZone(identifier:)).
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

    /// `start` plus `amount` on `clock` (elapsed, business: minutes;
    /// working_days, calendar_days, weeks, months: a count), ending at `end`
    /// (default: close of business where the calendar has hours, else end
    /// of day) and rolled by `roll` (default none).
    #[uniffi::method(default(end = None, roll = None))]
    pub fn add(
        &self,
        start: SystemTime,
        clock: DeadlineClock,
        amount: i64,
        end: Option<DeadlineEnd>,
        roll: Option<DeadlineRoll>,
    ) -> Result<SystemTime> {
        let req = request(start, clock, amount, end, roll)?;
        Ok(crate::time::system(self.inner.add(req.start, &req.span)?))
    }

    /// `add` with every day between start and due: why it is due then.
    #[uniffi::method(default(end = None, roll = None))]
    pub fn explain(
        &self,
        start: SystemTime,
        clock: DeadlineClock,
        amount: i64,
        end: Option<DeadlineEnd>,
        roll: Option<DeadlineRoll>,
    ) -> Result<Explanation> {
        let req = request(start, clock, amount, end, roll)?;
        Ok(self.inner.explain(req.start, &req.span)?.try_into()?)
    }

    /// The explanation as text in `lang`: the output of
    /// `plaint deadline --explain` for the same request.
    #[uniffi::method(default(end = None, roll = None, lang = None))]
    pub fn explain_deadline(
        &self,
        start: SystemTime,
        clock: DeadlineClock,
        amount: i64,
        end: Option<DeadlineEnd>,
        roll: Option<DeadlineRoll>,
        lang: Option<Lang>,
    ) -> Result<String> {
        let req = request(start, clock, amount, end, roll)?;
        let lang = lang.map_or(plaint_core::Lang::En, Into::into);
        Ok(self.inner.explain(req.start, &req.span)?.to_text(lang))
    }

    /// An instant as RFC 3339 in the calendar's zone (as the JSON results write it).
    pub fn format(&self, at: SystemTime) -> Result<String> {
        Ok(self.inner.format(crate::time::instant(at, "")?))
    }
}
