//! The policy format: load, validate, version (and versions in force by
//! date); the embedded presets.

pub(crate) mod condition;
pub mod diff;
pub mod presets;
mod read;
pub mod types;
pub mod versions;

pub use types::*;
pub use versions::{InForceAt, PolicyVersion, SelectedBy};

use crate::decode::{Reader, parse_json};
use crate::error::{Code, Error};
use crate::time::Calendar;
use serde_json::Value;
use std::sync::Arc;

impl Policy {
    /// Load and validate a policy from JSON text; every problem is reported.
    pub fn from_json(text: &str) -> Result<Policy, Error> {
        Policy::from_value(&parse_json(text)?)
    }

    /// Load and validate a policy from a JSON value.
    pub fn from_value(v: &Value) -> Result<Policy, Error> {
        let mut r = Reader::new();
        let policy = read::read_policy(&mut r, v);
        r.finish(policy)
    }

    /// An embedded preset by name (built once, then shared).
    ///
    /// ```
    /// use plaint_core::Policy;
    ///
    /// let policy = Policy::preset("cn-property").unwrap();
    /// assert_eq!(policy.name, "cn-property");
    /// // The front desk forwards within 30 minutes what another department must handle.
    /// assert!(policy.deadline("forward").is_some());
    ///
    /// let err = Policy::preset("cn-proprety").unwrap_err();
    /// assert_eq!(err.code().as_str(), "unknown_preset");
    /// ```
    pub fn preset(name: &str) -> Result<Arc<Policy>, Error> {
        presets::policy(name)
    }

    /// The policy with its calendar replaced by `calendar`, which must be the
    /// same calendar or one that extends the same embedded calendar (e.g. a
    /// host's `cn-mainland` with next year's State Council schedule
    /// imported): the way to give a preset newer holiday data.
    pub fn with_calendar(&self, calendar: Arc<Calendar>) -> Result<Policy, Error> {
        let mine = &self.calendar;
        let root = |c: &Calendar| c.spec().extends.clone().unwrap_or_else(|| c.name().to_string());
        if root(&calendar) != root(mine) {
            return Err(Error::new(
                Code::InvalidValue,
                "/calendar",
                format!(
                    "calendar {:?} ({}) cannot replace calendar {:?} of policy {:?}: a replacement is {} or extends it",
                    calendar.name(),
                    calendar
                        .spec()
                        .extends
                        .as_deref()
                        .map_or("embedded or standalone".to_string(), |b| format!("extends {b}")),
                    mine.name(),
                    self.name,
                    root(mine)
                ),
            ));
        }
        // Every version of a document gets the new data too: the version in
        // force is chosen per complaint, and each must count on it.
        let history = match &self.history {
            None => None,
            Some(h) => Some(Arc::new(versions::History {
                in_force_at: h.in_force_at,
                versions: h
                    .versions
                    .iter()
                    .map(|v| v.with_calendar(calendar.clone()).map(Arc::new))
                    .collect::<Result<_, _>>()?,
            })),
        };
        Ok(Policy {
            calendar,
            history,
            ..self.clone()
        })
    }

    /// The deadline rule with this id.
    pub fn deadline(&self, id: &str) -> Option<&DeadlineRule> {
        self.deadlines.iter().find(|d| &*d.id == id)
    }
}
