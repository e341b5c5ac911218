//! `plaint.Assessment`: where a complaint stands and what must happen next.

use crate::classification::Classification;
use crate::compact;
use crate::conv::{DateTimes, py_of_value};
use crate::deadline::Deadline;
use plaint_core::Assessment as CoreAssessment;
use plaint_core::model::instant::parse_instant;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyTuple};
use serde_json::Value;

/// Where a complaint stands at `now`: classification, lifecycle state,
/// every deadline of the policy, escalations due, required actions, owner,
/// and `next_check_at`. Immutable; it pickles.
///
/// Instants are aware `datetime.datetime` values in the zone of the
/// policy's calendar (None when not set). `to_dict()` / `to_json()` give
/// the JSON layer's full output (instants as RFC 3339 text).
///
/// Held results are compact: the result is kept as the bytes of its JSON
/// value (recurring strings and values shared, instants packed) and read back on
/// access, well under 1 KB each for typical cases (the README gives the
/// measured figure).
#[pyclass(frozen, module = "plaint")]
pub struct Assessment {
    bytes: Box<[u8]>,
    /// zoneinfo.ZoneInfo of the policy calendar's zone.
    zone: Py<PyAny>,
}

impl Assessment {
    pub fn new(a: &CoreAssessment, zone: Py<PyAny>) -> PyResult<Assessment> {
        let bytes =
            compact::encode(a).map_err(|e| PyRuntimeError::new_err(format!("plaint: cannot keep a result: {e}")))?;
        Ok(Assessment { bytes, zone })
    }

    /// An assessment from the bytes `compact::encode` made of it.
    pub fn of_bytes(bytes: Box<[u8]>, zone: Py<PyAny>) -> Assessment {
        Assessment { bytes, zone }
    }

    fn get(&self, path: &[&str]) -> Option<Value> {
        compact::get(&self.bytes, path)
    }

    fn text(&self, path: &[&str]) -> Option<String> {
        match self.get(path) {
            Some(Value::String(s)) => Some(s),
            _ => None,
        }
    }

    fn instant<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        datetime_of_text(py, self.text(&[key]).as_deref(), self.zone.bind(py))
    }
}

/// An RFC 3339 instant of a result as an aware datetime in `zone`.
pub fn datetime_of_text<'py>(
    py: Python<'py>,
    text: Option<&str>,
    zone: &Bound<'py, PyAny>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let Some(text) = text else {
        return Ok(None);
    };
    let at = parse_instant(text).map_err(|e| crate::conv::err(py, &e))?;
    DateTimes::get(py)?.datetime_at(py, at.ms(), zone).map(Some)
}

#[pymethods]
impl Assessment {
    /// The complaint's id (str).
    #[getter]
    fn complaint_id(&self) -> String {
        self.text(&["complaint_id"]).unwrap_or_default()
    }

    /// The policy's name and version (str).
    #[getter]
    fn policy(&self) -> String {
        self.text(&["policy"]).unwrap_or_default()
    }

    /// The version of the policy applied: a dict with `name`, `version`,
    /// `effective_from`, `effective_to` (YYYY-MM-DD or None) and `selected_by`.
    #[getter]
    fn policy_version<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_of_value(py, &self.get(&["policy_version"]).unwrap_or(Value::Null))
    }

    /// The instant assessed at (aware datetime).
    #[getter]
    fn now<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.instant(py, "now")
    }

    /// The classification, with its trace (a Classification).
    #[getter]
    fn classification(&self) -> Classification {
        Classification::of_value(self.get(&["classification"]).unwrap_or(Value::Null))
    }

    /// The shortcut for `classification.severity` (str or None).
    #[getter]
    fn severity(&self) -> Option<String> {
        self.text(&["classification", "severity"])
    }

    /// The lifecycle state (str: received, registered, ..., closed).
    #[getter]
    fn state(&self) -> Option<String> {
        self.text(&["state"])
    }

    /// The events allowed next in this state (list of str).
    #[getter]
    fn allowed_events(&self) -> Vec<String> {
        match self.get(&["allowed_events"]) {
            Some(Value::Array(items)) => items
                .into_iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Who owns the complaint after recorded hand-offs (str or None).
    #[getter]
    fn owner(&self) -> Option<String> {
        self.text(&["owner"])
    }

    /// Every deadline rule of the policy, in the policy's order (list of Deadline).
    #[getter]
    fn deadlines(&self, py: Python<'_>) -> Vec<Deadline> {
        match self.get(&["deadlines"]) {
            Some(Value::Array(items)) => items
                .into_iter()
                .map(|v| Deadline::of_value(v, self.zone.clone_ref(py)))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Escalations due now: a list of dicts (`trigger`, `level`, `reason`,
    /// `since`, `notify_at`, `act_by`, ... with instants as RFC 3339 text).
    #[getter]
    fn escalations<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_of_value(py, &self.get(&["escalations"]).unwrap_or(Value::Array(Vec::new())))
    }

    /// Required actions not yet done, in policy order: a list of dicts
    /// `{"action", "reason", "text" (by language), "source", "due_at" (RFC
    /// 3339 text or None), "overdue" (bool)}`, and `error` when a due time
    /// cannot be computed.
    #[getter]
    fn required_actions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_of_value(py, &self.get(&["required_actions"]).unwrap_or(Value::Array(Vec::new())))
    }

    /// Horizon and data warnings, each a dict with a stable `code`
    /// (calendar_data_ending, calendar_data_ended, projected_data,
    /// deadline_undetermined), `message`, `calendar`, `data_end`,
    /// `days_left` and, for one deadline, `deadline`.
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_of_value(py, &self.get(&["warnings"]).unwrap_or(Value::Array(Vec::new())))
    }

    /// The one instant at which to assess again (aware datetime or None).
    #[getter]
    fn next_check_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.instant(py, "next_check_at")
    }

    /// The assessment as the JSON layer gives it, as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_of_value(py, &compact::decode(&self.bytes))
    }

    /// The assessment as JSON text (the JSON layer's output).
    fn to_json(&self) -> String {
        compact::decode(&self.bytes).to_string()
    }

    #[staticmethod]
    fn _restore(py: Python<'_>, json: &str, zone: &str) -> PyResult<Assessment> {
        let value: Value = plaint_core::decode::parse_json(json).map_err(|e| crate::conv::err(py, &e))?;
        let bytes = compact::encode(&value).map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
        Ok(Assessment {
            bytes,
            zone: crate::conv::zoneinfo(py, zone)?,
        })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let zone: String = slf.get().zone.bind(py).getattr("key")?.extract()?;
        let args = PyTuple::new(py, [slf.get().to_json(), zone])?;
        PyTuple::new(py, [slf.getattr("_restore")?, args.into_any()])
    }

    /// The size of the kept result in bytes (for the memory figures).
    fn _kept_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.bytes)
    }

    fn __repr__(&self) -> String {
        format!(
            "<plaint.Assessment {} severity={} state={}>",
            self.complaint_id(),
            self.severity().as_deref().unwrap_or("None"),
            self.state().as_deref().unwrap_or("None")
        )
    }
}
