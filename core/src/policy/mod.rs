//! The policy format: load, validate, version (and versions in force by
//! date); the embedded presets.

pub(crate) mod condition;
pub mod diff;
pub mod presets;
mod read;
mod read_sla;
pub mod types;
pub mod versions;

pub use types::*;
pub use versions::{InForceAt, PolicyVersion, SelectedBy};

use crate::decode::{Reader, parse_json};
use crate::error::{Code, Error};
use crate::time::Calendar;
use serde_json::Value;
use std::sync::Arc;

/// The embedded calendar a calendar is or extends.
fn root(c: &Calendar) -> String {
    c.spec().extends.clone().unwrap_or_else(|| c.name().to_string())
}

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

    /// The policy with newer data for its calendars: `calendar` replaces
    /// the default calendar when it is the same calendar or extends the same
    /// embedded calendar (e.g. a host's `cn-mainland` with next year's State
    /// Council schedule imported), and each entry of `calendars` that is the
    /// same calendar by name or the calendar it extends. A calendar of an
    /// entry that merely shares its base (a department's rota extending
    /// `cn-mainland`) keeps its own data. A calendar that replaces none is
    /// `invalid_value` at `/calendar`.
    pub fn with_calendar(&self, calendar: Arc<Calendar>) -> Result<Policy, Error> {
        let (policy, taken) = self.replaced(&calendar);
        if taken {
            return Ok(policy);
        }
        let mine = &self.calendar;
        Err(Error::new(
            Code::InvalidValue,
            "/calendar",
            format!(
                "calendar {:?} ({}) cannot replace calendar {:?} of policy {:?}: a replacement is {} or extends it{}",
                calendar.name(),
                calendar
                    .spec()
                    .extends
                    .as_deref()
                    .map_or("embedded or standalone".to_string(), |b| format!("extends {b}")),
                mine.name(),
                self.name,
                root(mine),
                if self.calendars.is_empty() {
                    String::new()
                } else {
                    ", or is (or extends) one of its calendars".to_string()
                }
            ),
        ))
    }

    /// The policy with `calendar` in place of each calendar it may
    /// replace, and whether it replaced any. Every version of a document
    /// takes it where it can: the version in force is chosen per complaint,
    /// and each must count on the newer data (a version without such a
    /// calendar keeps its own).
    fn replaced(&self, calendar: &Arc<Calendar>) -> (Policy, bool) {
        let default_taken = root(calendar) == root(&self.calendar);
        let takes = |c: &Calendar| c.name() == calendar.name() || calendar.spec().extends.as_deref() == Some(c.name());
        let mut taken = default_taken;
        let calendars = self
            .calendars
            .iter()
            .map(|c| {
                let replace = takes(&c.calendar);
                taken |= replace;
                NamedCalendar {
                    calendar: if replace { calendar.clone() } else { c.calendar.clone() },
                    ..c.clone()
                }
            })
            .collect();
        let history = self.history.as_ref().map(|h| {
            let versions = h
                .versions
                .iter()
                .map(|v| {
                    let (v, t) = v.replaced(calendar);
                    taken |= t;
                    Arc::new(v)
                })
                .collect();
            Arc::new(versions::History {
                in_force_at: h.in_force_at,
                versions,
            })
        });
        let policy = Policy {
            calendar: if default_taken {
                calendar.clone()
            } else {
                self.calendar.clone()
            },
            calendars,
            history,
            ..self.clone()
        };
        (policy, taken)
    }

    /// The deadline rule with this id.
    pub fn deadline(&self, id: &str) -> Option<&DeadlineRule> {
        self.deadlines.iter().find(|d| &*d.id == id)
    }
}
