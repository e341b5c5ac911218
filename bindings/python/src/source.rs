//! Where a Policy or a Calendar came from, kept so that it pickles: the core
//! does not write policies back to JSON, so the object is rebuilt from its
//! source (a preset name or the JSON text it was read from), which gives the
//! same policy, validated again.

use std::sync::Arc;

#[derive(Clone)]
pub enum Source {
    /// An embedded preset, by name.
    Preset(String),
    /// JSON text (from a str, a dict or a file).
    Json(Arc<str>),
    /// The calendar of a policy built from this source.
    PolicyCalendar(Box<Source>),
}

impl Source {
    /// The source as (kind, text) for `__reduce__`: kinds "preset", "json",
    /// and "policy-preset" / "policy-json" for a policy's calendar.
    pub fn state(&self) -> (String, String) {
        match self {
            Source::Preset(name) => ("preset".into(), name.clone()),
            Source::Json(text) => ("json".into(), text.to_string()),
            Source::PolicyCalendar(inner) => {
                let (kind, text) = inner.state();
                (format!("policy-{kind}"), text)
            }
        }
    }

    /// The inverse of `state`.
    pub fn from_state(kind: &str, text: String) -> Option<Source> {
        match kind {
            "preset" => Some(Source::Preset(text)),
            "json" => Some(Source::Json(text.into())),
            _ => {
                let inner = kind.strip_prefix("policy-")?;
                Some(Source::PolicyCalendar(Box::new(Source::from_state(inner, text)?)))
            }
        }
    }
}
