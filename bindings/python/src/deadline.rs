//! `plaint.Deadline`: one deadline of an assessment.

use crate::assessment::datetime_of_text;
use crate::conv::py_of_value;
use pyo3::prelude::*;
use serde_json::Value;

/// One deadline of an assessment: its rule (`id`, `clock`, `amount` in
/// `unit`), its state at `now` and its instants (aware datetimes in the
/// calendar's zone, None when not set). Amounts, `elapsed`, `remaining`,
/// `paused` and `extended` are integers in `unit` (minutes for the
/// `elapsed` and `business` clocks, else working days, days, weeks or
/// months); `remaining` is negative when overdue.
#[pyclass(frozen, module = "plaint")]
pub struct Deadline {
    value: Value,
    zone: Py<PyAny>,
}

impl Deadline {
    pub fn of_value(value: Value, zone: Py<PyAny>) -> Deadline {
        Deadline { value, zone }
    }

    fn text(&self, key: &str) -> Option<&str> {
        self.value.get(key).and_then(Value::as_str)
    }

    fn int(&self, key: &str) -> Option<i64> {
        self.value.get(key).and_then(Value::as_i64)
    }

    fn at<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        datetime_of_text(py, self.text(key), self.zone.bind(py))
    }
}

#[pymethods]
impl Deadline {
    /// The rule's id (str).
    #[getter]
    fn id(&self) -> &str {
        self.text("id").unwrap_or_default()
    }
    /// pending, at_risk, breached, met, met_late, paused, not_applicable,
    /// not_started, lapsed (a window that ran out), undetermined (its due
    /// time cannot be computed: see `error`) (str; the core may add states:
    /// compare with the values you handle, never assume the list is closed).
    #[getter]
    fn state(&self) -> Option<&str> {
        self.text("state")
    }
    /// The rule's clock: elapsed, business, working_days, calendar_days, weeks, months.
    #[getter]
    fn clock(&self) -> &str {
        self.text("clock").unwrap_or_default()
    }
    /// The target with extensions, in `unit` (int).
    #[getter]
    fn amount(&self) -> i64 {
        self.int("amount").unwrap_or_default()
    }
    /// The unit of the amounts: minutes, working days, days, weeks or months.
    #[getter]
    fn unit(&self) -> &str {
        self.text("unit").unwrap_or_default()
    }
    /// When the count started.
    #[getter]
    fn started_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.at(py, "started_at")
    }
    /// When it is due.
    #[getter]
    fn due_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.at(py, "due_at")
    }
    /// When it turns at risk.
    #[getter]
    fn warn_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.at(py, "warn_at")
    }
    /// When the event that met it happened.
    #[getter]
    fn met_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.at(py, "met_at")
    }
    /// When its state changes next without any new event.
    #[getter]
    fn next_change_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.at(py, "next_change_at")
    }
    /// Time counted so far on the rule's clock, in `unit` (pauses excluded).
    #[getter]
    fn elapsed(&self) -> Option<i64> {
        self.int("elapsed")
    }
    /// `amount` minus `elapsed`, in `unit`; negative when overdue.
    #[getter]
    fn remaining(&self) -> Option<i64> {
        self.int("remaining")
    }
    /// Time paused, in `unit`.
    #[getter]
    fn paused(&self) -> i64 {
        self.int("paused").unwrap_or_default()
    }
    /// Time added by extensions, in `unit`.
    #[getter]
    fn extended(&self) -> i64 {
        self.int("extended").unwrap_or_default()
    }
    /// Why the deadline is as it is (list of str).
    #[getter]
    fn notes(&self) -> Vec<String> {
        match self.value.get("notes") {
            Some(Value::Array(items)) => items.iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
            _ => Vec::new(),
        }
    }
    /// The rule's kind: "deadline" (missing it is a breach) or "window"
    /// (it lapses).
    #[getter]
    fn kind(&self) -> &str {
        self.text("kind").unwrap_or("deadline")
    }
    /// The calendar the deadline was counted on (str).
    #[getter]
    fn calendar(&self) -> &str {
        self.text("calendar").unwrap_or_default()
    }
    /// Counted on the calendar's projected holidays (bool; with
    /// `beyond_data="projected"`).
    #[getter]
    fn provisional(&self) -> bool {
        self.value.get("provisional").and_then(Value::as_bool).unwrap_or(false)
    }
    /// When `elapsed` and `remaining` could only be counted to the end of
    /// the calendar's data, that instant (aware datetime), else None.
    #[getter]
    fn counted_until<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.at(py, "counted_until")
    }
    /// Why the deadline is `undetermined`: `{"code", "message"}`, else None.
    #[getter]
    fn error<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_of_value(py, self.value.get("error").unwrap_or(&Value::Null))
    }
    /// The rule's citation (str or None).
    #[getter]
    fn source(&self) -> Option<&str> {
        self.text("source")
    }
    /// The deadline as the JSON layer gives it (instants as RFC 3339 text),
    /// with every field the core reports.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_of_value(py, &self.value)
    }
    fn __repr__(&self) -> String {
        format!(
            "<plaint.Deadline {} {} due {}>",
            self.id(),
            self.state().unwrap_or_default(),
            self.text("due_at").unwrap_or("-")
        )
    }
}
