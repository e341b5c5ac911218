//! `WorkCalendar`: a working calendar (zone, business hours, holidays,
//! make-up working days) with its index. Named so that Swift's
//! `Foundation.Calendar` and `java.util.Calendar` stay usable beside it.

use crate::enums::{BeyondData, Coded, DeadlineClock, DeadlineEnd, DeadlineRoll, Lang};
use crate::error::Result;
use crate::explanation::Explanation;
use crate::offload::offload;
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

    /// The core's calendar, for the functions of other modules.
    pub(crate) fn core(&self) -> Arc<CoreCalendar> {
        Arc::clone(&self.inner)
    }
}

/// A due time and whether it was counted on projected holiday data.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DueTime {
    pub due_at: SystemTime,
    /// Counted on the calendar's projected holidays (`BeyondData.PROJECTED`):
    /// the answer may change when official data is added.
    pub provisional: bool,
}

/// A calendar's data range and projection, and the days left at a date.
/// Dates are YYYY-MM-DD in the calendar's zone.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CalendarStatus {
    pub name: String,
    pub title: String,
    /// The IANA time zone name.
    pub zone: String,
    /// The embedded calendar it extends, if any.
    pub extends: Option<String>,
    /// The official data: `data_from` to `data_to`, both included.
    pub data_from: String,
    pub data_to: String,
    /// The last projected date, when the calendar has a projection.
    pub projected_to: Option<String>,
    /// The date the days are counted from.
    pub at: String,
    /// Days from `at` to `data_to` (negative once it has passed).
    pub days_left: i64,
    /// Days from `at` to `projected_to`.
    pub projected_days_left: Option<i64>,
    /// Where the official data came from.
    pub source: String,
    /// Where the projection came from.
    pub projection_source: Option<String>,
}

impl From<plaint_core::time::CalendarStatus> for CalendarStatus {
    fn from(s: plaint_core::time::CalendarStatus) -> CalendarStatus {
        let plaint_core::time::CalendarStatus {
            name,
            title,
            zone,
            extends,
            data_from,
            data_to,
            projected_to,
            at,
            days_left,
            projected_days_left,
            source,
            projection_source,
        } = s;
        CalendarStatus {
            name,
            title,
            zone,
            extends,
            data_from,
            data_to,
            projected_to,
            at,
            days_left,
            projected_days_left,
            source,
            projection_source,
        }
    }
}

/// The deadline request of the JSON layer (`/start`, `/clock`, `/amount`,
/// `/end`, `/roll`, `/beyond_data`), read by the core as every binding's is.
fn request_json(
    start: SystemTime,
    clock: DeadlineClock,
    amount: i64,
    end: Option<DeadlineEnd>,
    roll: Option<DeadlineRoll>,
    beyond_data: Option<BeyondData>,
) -> Result<Value, Error> {
    let start = crate::time::instant(start, "/start")?;
    let mut req = json!({"start": start.to_utc_string(), "clock": clock.json_code(), "amount": amount});
    if let Some(end) = end {
        req["end"] = Value::from(end.json_code());
    }
    if let Some(roll) = roll {
        req["roll"] = Value::from(roll.json_code());
    }
    if let Some(b) = beyond_data {
        req["beyond_data"] = Value::from(b.json_code());
    }
    Ok(req)
}

fn request(
    start: SystemTime,
    clock: DeadlineClock,
    amount: i64,
    end: Option<DeadlineEnd>,
    roll: Option<DeadlineRoll>,
) -> Result<DeadlineRequest, Error> {
    DeadlineRequest::from_value(&request_json(start, clock, amount, end, roll, None)?)
}

/// The core's answer to a deadline request (`{"due_at", "provisional"?}`), typed.
fn due_time(v: &Value) -> Result<DueTime, Error> {
    let due = v.get("due_at").and_then(Value::as_str).unwrap_or_default();
    Ok(DueTime {
        due_at: crate::time::system(plaint_core::model::parse_instant(due)?),
        provisional: v.get("provisional") == Some(&Value::Bool(true)),
    })
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

    /// The calendar's data range and projection seen from `at` (its date in
    /// the calendar's zone): what `plaint calendar status --at` prints.
    pub fn status(&self, at: SystemTime) -> Result<CalendarStatus> {
        let at = crate::time::instant(at, "/at")?;
        Ok(self.inner.status(self.inner.date_of(at)).into())
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

    /// `add`, and past the calendar's official data counted as
    /// `beyondData` says (default `UNDETERMINED`: the error
    /// calendar_range_exceeded); with `PROJECTED`, on the projected
    /// holidays, and then `provisional`.
    #[uniffi::method(default(end = None, roll = None, beyond_data = None))]
    pub fn due(
        &self,
        start: SystemTime,
        clock: DeadlineClock,
        amount: i64,
        end: Option<DeadlineEnd>,
        roll: Option<DeadlineRoll>,
        beyond_data: Option<BeyondData>,
    ) -> Result<DueTime> {
        let req = request_json(start, clock, amount, end, roll, beyond_data)?;
        Ok(due_time(&api::deadline_value(&self.inner, &req)?)?)
    }

    /// `due` with every day between start and due: why it is due then.
    #[uniffi::method(default(end = None, roll = None, beyond_data = None))]
    pub fn explain(
        &self,
        start: SystemTime,
        clock: DeadlineClock,
        amount: i64,
        end: Option<DeadlineEnd>,
        roll: Option<DeadlineRoll>,
        beyond_data: Option<BeyondData>,
    ) -> Result<Explanation> {
        let req = request_json(start, clock, amount, end, roll, beyond_data)?;
        Ok(api::explain_request(&self.inner, &req)?.try_into()?)
    }

    /// The explanation as text in `lang`: the output of
    /// `plaint deadline --explain` for the same request.
    #[uniffi::method(default(end = None, roll = None, lang = None, beyond_data = None))]
    // The flags of `plaint deadline --explain`, each with its default in
    // Kotlin and Swift (named arguments there, not a builder).
    #[allow(clippy::too_many_arguments)]
    pub fn explain_deadline(
        &self,
        start: SystemTime,
        clock: DeadlineClock,
        amount: i64,
        end: Option<DeadlineEnd>,
        roll: Option<DeadlineRoll>,
        lang: Option<Lang>,
        beyond_data: Option<BeyondData>,
    ) -> Result<String> {
        let req = request_json(start, clock, amount, end, roll, beyond_data)?;
        let lang = lang.map_or(plaint_core::Lang::En, Into::into);
        Ok(api::explain_request(&self.inner, &req)?.to_text(lang))
    }

    /// An instant as RFC 3339 in the calendar's zone (as the JSON results write it).
    pub fn format(&self, at: SystemTime) -> Result<String> {
        Ok(self.inner.format(crate::time::instant(at, "")?))
    }
}
