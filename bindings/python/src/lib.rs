//! plaint-python: the native half of the Python module `plaint` (pyo3).
//!
//! A thin translation layer: Python values in, plaint-core out, Python
//! values back. No rule lives here; every decision is plaint-core's. The pure
//! Python half (python/plaint/) holds the exception classes and the pandas
//! and columnar adapters. One file per exposed class.

mod arrow;
mod assess_iter;
mod assessment;
mod batch;
mod calendar;
mod classification;
mod compact;
mod complaint;
mod conv;
mod deadline;
mod policy;
mod py_json;
mod replay;
mod source;
mod stats;

// Rust-side allocations (JSON values, paths, assessments) go to mimalloc,
// as in pydantic-core: glibc malloc spent a third of a batch consolidating
// free lists.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use plaint_core::api;
use plaint_core::decode::parse_json;
use pyo3::prelude::*;

pub use assess_iter::AssessIter;
pub use assessment::Assessment;
pub use calendar::Calendar;
pub use classification::Classification;
pub use deadline::Deadline;
pub use policy::Policy;

/// Run one conformance operation (tests/vectors) on JSON text; JSON text out.
#[pyfunction]
fn _run_op(py: Python<'_>, op: &str, input: &str) -> PyResult<String> {
    let out = py
        .detach(|| parse_json(input).and_then(|v| api::run_op(op, &v)))
        .map_err(|e| conv::err(py, &e))?;
    Ok(out.to_string())
}

#[pymodule]
fn _plaint(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", plaint_core::VERSION)?;
    m.add_class::<Policy>()?;
    m.add_class::<Calendar>()?;
    m.add_class::<Classification>()?;
    m.add_class::<Assessment>()?;
    m.add_class::<Deadline>()?;
    m.add_class::<AssessIter>()?;
    m.add_function(wrap_pyfunction!(_run_op, m)?)?;
    m.add_function(wrap_pyfunction!(replay::replay, m)?)?;
    m.add_function(wrap_pyfunction!(stats::stats, m)?)?;
    m.add_function(wrap_pyfunction!(arrow::_arrow_assess, m)?)?;
    m.add_function(wrap_pyfunction!(arrow::_arrow_assess_schema, m)?)?;
    m.add_function(wrap_pyfunction!(arrow::_arrow_cases, m)?)?;
    m.add_function(wrap_pyfunction!(arrow::_arrow_direct_rows, m)?)?;
    m.add_function(wrap_pyfunction!(arrow::_arrow_classify, m)?)?;
    m.add_function(wrap_pyfunction!(arrow::_arrow_deadlines, m)?)?;
    Ok(())
}
