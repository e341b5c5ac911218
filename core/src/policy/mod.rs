//! The policy format: load, validate, version (and versions in force by
//! date); the embedded presets.

pub mod condition;
pub mod diff;
pub mod presets;
mod read;
pub mod types;
pub mod versions;

pub use types::*;
pub use versions::{InForceAt, PolicyVersion, SelectedBy};

use crate::decode::{Reader, parse_json};
use crate::error::Error;
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
    pub fn preset(name: &str) -> Result<Arc<Policy>, Error> {
        presets::policy(name)
    }

    /// The deadline rule with this id.
    pub fn deadline(&self, id: &str) -> Option<&DeadlineRule> {
        self.deadlines.iter().find(|d| &*d.id == id)
    }
}
