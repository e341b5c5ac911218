//! `plaint.Classification`: the classification of one complaint.

use crate::conv::py_of_value;
use plaint_core::{Classification as CoreClassification, Complaint, Explain, Policy, classify_with};
use pyo3::prelude::*;
use serde_json::Value;
use std::sync::{Arc, OnceLock};

/// The classification of one complaint: the values the policy's tables
/// decided (codes as str, None when no table sets one), the text signals
/// found and the trace of which table and row decided each value.
#[pyclass(frozen, module = "plaint")]
pub struct Classification {
    form: Form,
}

/// What a Classification holds.
enum Form {
    /// The JSON layer's form (the classification inside an assessment).
    Value(Value),
    /// The values of `Policy.classify` (`classify_values`: no trace, no
    /// signals), with the policy and complaint they came from: the trace
    /// and the text scan cost more than the values, and most callers read
    /// only the values, so the full classification is built when the trace
    /// or the signals are first read (classification is deterministic: the
    /// same policy and complaint give the same result) and then kept.
    Outcome {
        outcome: CoreClassification,
        policy: Arc<Policy>,
        complaint: Box<Complaint>,
        full: OnceLock<Value>,
    },
}

impl Classification {
    /// The outcome of `classify_values(policy, complaint)`.
    pub fn outcome(outcome: CoreClassification, policy: Arc<Policy>, complaint: Box<Complaint>) -> Classification {
        Classification {
            form: Form::Outcome {
                outcome,
                policy,
                complaint,
                full: OnceLock::new(),
            },
        }
    }

    pub fn of_value(value: Value) -> Classification {
        Classification {
            form: Form::Value(value),
        }
    }

    /// The JSON layer's form, with the trace.
    fn value(&self) -> &Value {
        match &self.form {
            Form::Value(v) => v,
            Form::Outcome {
                policy,
                complaint,
                full,
                ..
            } => full.get_or_init(|| {
                let c = classify_with(policy, complaint, Explain::Full);
                serde_json::to_value(&c).unwrap_or(Value::Null)
            }),
        }
    }

    fn text(&self, key: &str) -> Option<&str> {
        self.value().get(key).and_then(Value::as_str)
    }

    fn list<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Bound<'py, PyAny>> {
        py_of_value(py, self.value().get(key).unwrap_or(&Value::Array(Vec::new())))
    }

    /// A value of the outcome when this is one, else the JSON layer's.
    fn pick(&self, key: &str, of: impl Fn(&CoreClassification) -> Option<&str>) -> Option<&str> {
        match &self.form {
            Form::Outcome { outcome, .. } => of(outcome),
            Form::Value(_) => self.text(key),
        }
    }
}

#[pymethods]
impl Classification {
    /// minor, important, major, ... (the policy's severity codes).
    #[getter]
    fn severity(&self) -> Option<&str> {
        self.pick("severity", |c| c.severity.map(|s| s.code()))
    }
    #[getter]
    fn category(&self) -> Option<&str> {
        self.pick("category", |c| c.category.map(|s| s.code()))
    }
    #[getter]
    fn nature(&self) -> Option<&str> {
        self.pick("nature", |c| c.nature.map(|s| s.code()))
    }
    /// What the tables suggest; validity itself is a person's decision.
    #[getter]
    fn validity_suggestion(&self) -> Option<&str> {
        self.pick("validity_suggestion", |c| c.validity_suggestion.map(|s| s.code()))
    }
    /// The validity a person decided, if any.
    #[getter]
    fn validity(&self) -> Option<&str> {
        self.pick("validity", |c| c.validity.map(|s| s.code()))
    }
    #[getter]
    fn claim_type(&self) -> Option<&str> {
        self.pick("claim_type", |c| c.claim_type.map(|s| s.code()))
    }
    /// Who handles it (the policy's route value).
    #[getter]
    fn route(&self) -> Option<&str> {
        self.pick("route", |c| c.route.as_deref())
    }
    /// Who set values by hand, if anyone.
    #[getter]
    fn classified_by(&self) -> Option<&str> {
        self.pick("classified_by", |c| c.classified_by.as_deref())
    }
    /// The text signals found: dicts `{"signal", "keyword"}`.
    #[getter]
    fn signals<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.list(py, "signals")
    }
    /// Which table and row decided each output: a list of dicts.
    #[getter]
    fn trace<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.list(py, "trace")
    }
    /// The classification as the JSON layer gives it, as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_of_value(py, self.value())
    }
    fn __repr__(&self) -> String {
        format!(
            "<plaint.Classification severity={} category={}>",
            self.severity().unwrap_or("None"),
            self.category().unwrap_or("None")
        )
    }
}
