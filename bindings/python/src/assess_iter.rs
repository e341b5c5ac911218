//! `plaint.AssessIter`: `Policy.assess_iter`'s lazy, chunked iterator.

use crate::batch::{CHUNK, OnError, read_chunk};
use crate::policy::{Policy, results_list};
use plaint_core::{BeyondData, Instant};
use pyo3::prelude::*;
use pyo3::types::{PyIterator, PyList};

/// The results of `Policy.assess_iter`: one list of results per chunk of
/// `chunk` cases, read from the input only when the next list is asked for
/// (memory stays flat however long the input). Each list is what
/// `Policy.assess_many` gives for its cases, with positions counted from
/// the start of the whole input.
#[pyclass(module = "plaint")]
pub struct AssessIter {
    policy: Py<Policy>,
    items: Py<PyIterator>,
    now: Instant,
    beyond_data: Option<BeyondData>,
    chunk: usize,
    on_error: OnError,
    /// Cases read so far.
    position: usize,
    done: bool,
    /// The progress bar (plaint._progress), when asked for.
    progress: Option<Py<PyAny>>,
}

impl AssessIter {
    pub fn new(
        policy: Py<Policy>,
        cases: &Bound<'_, PyAny>,
        (now, beyond_data): (Instant, Option<BeyondData>),
        chunk: usize,
        on_error: OnError,
        progress: bool,
    ) -> PyResult<AssessIter> {
        let py = cases.py();
        if chunk == 0 {
            return Err(pyo3::exceptions::PyValueError::new_err("chunk must be at least 1"));
        }
        let progress = if progress {
            let total = cases.len().ok();
            Some(py.import("plaint._progress")?.getattr("bar")?.call1((total,))?.unbind())
        } else {
            None
        };
        Ok(AssessIter {
            policy,
            items: cases.try_iter()?.unbind(),
            now,
            beyond_data,
            chunk,
            on_error,
            position: 0,
            done: false,
            progress,
        })
    }

    fn finish(&mut self, py: Python<'_>) -> PyResult<()> {
        self.done = true;
        match self.progress.take() {
            Some(bar) => bar.bind(py).call_method0("close").map(|_| ()),
            None => Ok(()),
        }
    }
}

#[pymethods]
impl AssessIter {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyList>>> {
        if self.done {
            return Ok(None);
        }
        let mut items = self.items.bind(py).clone();
        let mut left = self.chunk;
        let read = || {
            let chunk = read_chunk(&mut items, left.min(CHUNK))?;
            left -= chunk.len();
            Ok(chunk)
        };
        let results = self.policy.get().assess_inputs(py, read, self.now, self.beyond_data);
        let results = match results {
            Ok(r) => r,
            Err(e) => {
                self.finish(py)?;
                return Err(e);
            }
        };
        if results.is_empty() {
            self.finish(py)?;
            return Ok(None);
        }
        let first = self.position;
        self.position += results.len();
        if let Some(bar) = &self.progress {
            bar.bind(py).call_method1("update", (results.len(),))?;
        }
        let list = results_list(py, results, first, self.on_error);
        if list.is_err() {
            self.finish(py)?;
        }
        list.map(Some)
    }
}
