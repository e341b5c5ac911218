//! plaint-uniffi: the Kotlin and Swift bindings of plaint (uniffi proc-macros).
//!
//! A thin translation layer, like every binding: typed records and JSON text
//! in, plaint-core out, typed records (or JSON text) back. No rule lives
//! here; a rule in a binding is a bug, because the other bindings would not
//! have it. Typed inputs are written as the JSON the core reads and read by
//! the core, so every check and every error path is the core's; typed
//! results are converted from the core's result types, whose JSON form is
//! what the `...ToJson` methods and `runOp` return.
//!
//! Names follow the Python API (`Policy`, `classify`, `assess`,
//! `assess_many`) in each language's conventions (`assessMany`); the
//! calendar is `WorkCalendar`, clear of Foundation's and java.util's
//! `Calendar`. Kotlin package `org.plaint`, Swift module `Plaint`.

mod calendar;
mod enums;
mod error;
mod explanation;
mod feed;
mod input;
mod offload;
mod output;
mod par;
mod policy;
mod stats;
mod time;
mod versions;

pub use calendar::{CalendarStatus, DueTime, WorkCalendar};
pub use enums::*;
pub use error::{ErrorInfo, PlaintError, Problem};
pub use explanation::*;
pub use feed::{Feed, FeedEvent, FeedImport, import_feed};
pub use input::{AttributeValue, Case, Complaint, Customer, Event, Facts, ManualClassification, Related};
pub use output::*;
pub use policy::Policy;
pub use stats::*;
pub use versions::*;

uniffi::setup_scaffolding!("plaint");

/// Run one conformance operation (the `op` of tests/vectors: classify,
/// deadline, assess, stats, explain_deadline, validate_policy,
/// validate_calendar, validate_complaint) on its input (JSON text); the
/// output as JSON text. This is the JSON API every binding shares.
#[uniffi::export]
pub fn run_op(op: String, input_json: String) -> error::Result<String> {
    let input = plaint_core::decode::parse_json(&input_json)?;
    Ok(plaint_core::api::run_op(&op, &input)?.to_string())
}

/// The names of the embedded policies.
#[uniffi::export]
pub fn policy_presets() -> Vec<String> {
    plaint_core::policy::presets::names()
        .into_iter()
        .map(String::from)
        .collect()
}

/// The names of the embedded calendars.
#[uniffi::export]
pub fn calendar_presets() -> Vec<String> {
    plaint_core::time::presets::names()
        .into_iter()
        .map(String::from)
        .collect()
}

/// The library version.
#[uniffi::export]
pub fn version() -> String {
    plaint_core::VERSION.to_string()
}

#[cfg(test)]
mod tests;
