//! `plaint.Classification`: the classification of one complaint.

use crate::conv::py_of_value;
use plaint_core::Classification as CoreClassification;
use pyo3::prelude::*;
use serde_json::Value;

/// The classification of one complaint: the values the policy's tables
/// decided (codes as str, None when no table sets one), the text signals
/// found and the trace of which table and row decided each value.
#[pyclass(frozen, module = "plaint")]
pub struct Classification {
    value: Value,
}

impl Classification {
    pub fn new(c: CoreClassification) -> Classification {
        Classification::of_value(serde_json::to_value(&c).unwrap_or(Value::Null))
    }

    pub fn of_value(value: Value) -> Classification {
        Classification { value }
    }

    fn text(&self, key: &str) -> Option<&str> {
        self.value.get(key).and_then(Value::as_str)
    }

    fn list<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Bound<'py, PyAny>> {
        py_of_value(py, self.value.get(key).unwrap_or(&Value::Array(Vec::new())))
    }
}

#[pymethods]
impl Classification {
    /// minor, important, major, ... (the policy's severity codes).
    #[getter]
    fn severity(&self) -> Option<&str> {
        self.text("severity")
    }
    #[getter]
    fn category(&self) -> Option<&str> {
        self.text("category")
    }
    #[getter]
    fn nature(&self) -> Option<&str> {
        self.text("nature")
    }
    /// What the tables suggest; validity itself is a person's decision.
    #[getter]
    fn validity_suggestion(&self) -> Option<&str> {
        self.text("validity_suggestion")
    }
    /// The validity a person decided, if any.
    #[getter]
    fn validity(&self) -> Option<&str> {
        self.text("validity")
    }
    #[getter]
    fn claim_type(&self) -> Option<&str> {
        self.text("claim_type")
    }
    /// Who handles it (the policy's route value).
    #[getter]
    fn route(&self) -> Option<&str> {
        self.text("route")
    }
    /// Who set values by hand, if anyone.
    #[getter]
    fn classified_by(&self) -> Option<&str> {
        self.text("classified_by")
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
        py_of_value(py, &self.value)
    }
    fn __repr__(&self) -> String {
        format!(
            "<plaint.Classification severity={} category={}>",
            self.severity().unwrap_or("None"),
            self.category().unwrap_or("None")
        )
    }
}
