//! `plaint.replay(cases, old, new, now)`: the core's what-if replay (every
//! case assessed under both policies, what changed, counts per rule). Cases
//! are read a chunk at a time and dropped once compared.

use crate::batch::{CHUNK, check_cases, read_chunk};
use crate::conv::{err, instant_arg, py_of_value};
use crate::policy::Policy;
use plaint_core::Policy as CorePolicy;
use plaint_core::api::policy_summary;
use plaint_core::replay::Replay;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyString;
use serde_json::json;
use std::sync::Arc;

/// A `Policy`, or a preset reference `NAME` / `NAME@VERSION`.
fn policy_arg(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<Arc<CorePolicy>> {
    if let Ok(p) = obj.cast::<Policy>() {
        return Ok(p.get().inner.clone());
    }
    match obj.cast::<PyString>() {
        Ok(s) => CorePolicy::preset(&s.to_cow()?).map_err(|e| err(py, &e)),
        Err(_) => Err(PyTypeError::new_err(format!(
            "expected a plaint.Policy or a preset name (NAME or NAME@VERSION), got {}",
            obj.get_type().name()?
        ))),
    }
}

/// Assess every case under `old` and `new` at `now`; the document of the
/// JSON layer's `replay`: both policies, the cases that changed (or could
/// not be read or assessed, with their index) and the counts per rule.
#[pyfunction]
pub fn replay<'py>(
    py: Python<'py>,
    cases: &Bound<'py, PyAny>,
    old: &Bound<'py, PyAny>,
    new: &Bound<'py, PyAny>,
    now: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    check_cases(cases, "replay")?;
    let (old, new) = (policy_arg(py, old)?, policy_arg(py, new)?);
    let now = instant_arg(py, now, "now")?;
    let mut replay = Replay::new(&old, &new, now);
    let mut reports = Vec::new();
    let mut items = cases.try_iter()?;
    let mut index = 0u64;
    loop {
        let chunk = read_chunk(&mut items, CHUNK)?;
        if chunk.is_empty() {
            break;
        }
        py.detach(|| {
            for input in &chunk {
                let report = match input.case() {
                    Ok(case) => replay.case(index, &case),
                    Err(e) => Some(replay.unreadable(index, &e)),
                };
                reports.extend(report);
                index += 1;
            }
        });
    }
    let doc = json!({
        "old": policy_summary(&old),
        "new": policy_summary(&new),
        "now": old.calendar.format(now),
        "cases": reports,
        "summary": replay.summary(),
    });
    py_of_value(py, &doc)
}
