//! Batches: the inputs of the batch methods, the worker pool and the
//! pipeline that overlaps reading Python objects with the work.

use crate::conv::ReadError;
use crate::py_json::json_text_of_py;
use plaint_core::decode::parse_json;
use plaint_core::{Case, Code, Complaint, Error};
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyIterator, PyString};
use rayon::prelude::*;
use serde_json::Value;

/// Below this many items a batch runs on the calling thread only.
pub const PARALLEL_MIN: usize = 4096;

/// `assess_many` converts and assesses this many cases at a time.
pub const CHUNK: usize = 8192;

/// Run `f` over `items` on rayon's pool (one thread per core, kept between
/// calls so that each keeps its warm allocator heap), results in order.
pub fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    if items.len() < PARALLEL_MIN {
        return items.iter().map(&f).collect();
    }
    items.par_iter().with_min_len(256).map(f).collect()
}

/// Hand the memory a large batch freed back to the OS. mimalloc keeps freed
/// pages for the thread that freed them, and the pool's threads sleep
/// between batches: without this, the transient values of a batch (the
/// converted inputs, the core's results before they are packed) would stay
/// resident, about 1 KB per case of the batch, until the next batch.
pub fn release_memory() {
    // SAFETY: mi_collect only frees pages mimalloc holds unused; it may be
    // called from any thread at any time.
    rayon::broadcast(|_| unsafe { libmimalloc_sys::mi_collect(true) });
    unsafe { libmimalloc_sys::mi_collect(true) };
}

/// A JSON input: text to parse (without the GIL), or a value that could
/// not be read (a problem reported for its item only).
pub enum Input {
    Text(String),
    Bad(Error),
}

impl Input {
    /// A dict (or other Mapping) or JSON text. A Python exception raised
    /// while reading is raised; a value plaint cannot read is `Bad`. A dict
    /// is written as JSON text, here under the GIL, and read by the core
    /// as text is, later and without the GIL: the core reads a case from
    /// text without a value tree.
    pub fn read(obj: &Bound<'_, PyAny>) -> PyResult<Input> {
        if let Ok(s) = obj.cast::<PyString>() {
            return Ok(Input::Text(crate::conv::str_of(s)?.into_owned()));
        }
        match json_text_of_py(obj) {
            Ok(text) => Ok(Input::Text(text)),
            Err(ReadError::Bad(e)) => Ok(Input::Bad(e)),
            Err(ReadError::Py(e)) => Err(e),
        }
    }

    /// `read` of a single document (a policy, a calendar, a case), raising
    /// a problem as its PlaintError.
    pub fn read_one(obj: &Bound<'_, PyAny>) -> PyResult<Input> {
        match Input::read(obj)? {
            Input::Bad(e) => Err(crate::conv::err(obj.py(), &e)),
            input => Ok(input),
        }
    }

    pub fn with<T>(&self, f: impl FnOnce(&Value) -> Result<T, Error>) -> Result<T, Error> {
        match self {
            Input::Text(t) => f(&parse_json(t)?),
            Input::Bad(e) => Err(e.clone()),
        }
    }

    /// The case it holds. JSON text is read by `Case::from_json`, which
    /// reads the usual case straight from the text, without a value tree.
    pub fn case(&self) -> Result<Case, Error> {
        match self {
            Input::Text(t) => Case::from_json(t),
            Input::Bad(e) => Err(e.clone()),
        }
    }

    /// The complaint it holds (text read as by `case`).
    pub fn complaint(&self) -> Result<Complaint, Error> {
        match self {
            Input::Text(t) => Complaint::from_json(t),
            Input::Bad(e) => Err(e.clone()),
        }
    }
}

/// The JSON text of a document given to `from_json`: JSON text (str), a
/// dict, or a path (os.PathLike). A str that is not JSON but names a file
/// is refused with a message that says to pass a Path (`from_path`).
pub fn source_text(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    let py = obj.py();
    if obj.cast::<PyString>().is_err() && obj.hasattr("__fspath__")? {
        return read_path(obj);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let text = s.to_cow()?.into_owned();
        let first = text.trim_start().chars().next();
        if !matches!(first, Some('{') | Some('[')) && std::path::Path::new(text.trim()).is_file() {
            return Err(crate::conv::err(
                py,
                &Error::new(
                    Code::InvalidJson,
                    "",
                    format!(
                        "{what}.from_json got the path {:?}, not JSON text: pass pathlib.Path({:?}) or call {what}.from_path",
                        text.trim(),
                        text.trim()
                    ),
                ),
            ));
        }
        return Ok(text);
    }
    match Input::read_one(obj)? {
        Input::Text(t) => Ok(t),
        Input::Bad(e) => Err(crate::conv::err(py, &e)),
    }
}

/// The text of a file named by a str or an os.PathLike.
pub fn read_path(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    let path: std::path::PathBuf = obj.py().import("os")?.call_method1("fspath", (obj,))?.extract()?;
    Ok(std::fs::read_to_string(&path)?)
}

/// Refuse, with a message that says what to pass, the arguments that are
/// iterable but not an iterable of cases: one JSON text (iterating its
/// characters), bytes, a path, one case, a DataFrame, an Arrow table.
pub fn check_cases(cases: &Bound<'_, PyAny>, method: &str) -> PyResult<()> {
    let what = if cases.cast::<PyString>().is_ok() {
        Some(
            "one str (its characters would be read as cases): for JSON-lines or JSON-array text, pass plaint.cases_from_text(text); for a file, plaint.cases_from_file(path)",
        )
    } else if cases.cast::<PyBytes>().is_ok() || cases.cast::<PyByteArray>().is_ok() {
        Some("bytes: decode them and pass plaint.cases_from_text(text)")
    } else if cases.hasattr("__fspath__")? {
        Some("a path: pass plaint.cases_from_file(path)")
    } else if crate::conv::is_mapping(cases)? {
        Some("one case (a mapping): call Policy.assess(case, now), or pass a list of cases")
    } else if cases.hasattr("columns")? && cases.hasattr("iterrows")? {
        Some("a pandas DataFrame: call plaint.pandas.assess_frame(df, policy, now)")
    } else if cases.hasattr("__arrow_c_stream__")? {
        Some("an Arrow table: call plaint.arrow.assess(table, policy, now)")
    } else {
        None
    };
    match what {
        Some(what) => Err(PyTypeError::new_err(format!(
            "{method} takes an iterable of cases (dicts, or one JSON text per case); got {what}"
        ))),
        None => Ok(()),
    }
}

/// `check_cases` for the complaints of `Policy.classify_many`.
pub fn check_complaints(complaints: &Bound<'_, PyAny>) -> PyResult<()> {
    let what = if complaints.cast::<PyString>().is_ok() {
        Some("one str (its characters would be read as complaints): pass a list of JSON texts")
    } else if complaints.cast::<PyBytes>().is_ok() || complaints.cast::<PyByteArray>().is_ok() {
        Some("bytes: decode them and pass a list of JSON texts")
    } else if crate::conv::is_mapping(complaints)? {
        Some("one complaint (a mapping): call Policy.classify(complaint), or pass a list of complaints")
    } else if complaints.hasattr("columns")? && complaints.hasattr("iterrows")? {
        Some("a pandas DataFrame: convert it with pyarrow and call plaint.arrow.classify(table, policy)")
    } else if complaints.hasattr("__arrow_c_stream__")? {
        Some("an Arrow table: call plaint.arrow.classify(table, policy)")
    } else {
        None
    };
    match what {
        Some(what) => Err(PyTypeError::new_err(format!(
            "Policy.classify_many takes an iterable of complaints (dicts, or one JSON text per complaint); got {what}"
        ))),
        None => Ok(()),
    }
}

/// What to do with the items that fail: raise one error listing them all
/// (`raise`), or keep their errors in place of their results (`coerce`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum OnError {
    Raise,
    Coerce,
}

impl OnError {
    pub fn parse(s: &str) -> PyResult<OnError> {
        match s {
            "raise" => Ok(OnError::Raise),
            "coerce" => Ok(OnError::Coerce),
            other => Err(PyValueError::new_err(format!(
                "errors must be \"raise\" or \"coerce\", got {other:?}"
            ))),
        }
    }
}

/// The next chunk of at most `size` inputs; empty at the end.
pub fn read_chunk(items: &mut Bound<'_, PyIterator>, size: usize) -> PyResult<Vec<Input>> {
    let mut chunk = Vec::with_capacity(size.min(CHUNK));
    for item in items.take(size) {
        chunk.push(Input::read(&item?)?);
    }
    Ok(chunk)
}

/// Run `work` over every input that `read` gives, chunk by chunk, and hand
/// the results to `keep` in input order. Reading needs the GIL and runs on
/// this thread; the work runs on the pool meanwhile, one chunk behind, so
/// the two overlap instead of taking turns. `read` returns a chunk shorter
/// than `CHUNK` at the end.
pub fn pipeline<I: Send + Sync, R: Send>(
    py: Python<'_>,
    mut read: impl FnMut() -> PyResult<Vec<I>>,
    work: impl Fn(&I) -> R + Sync + Send,
    keep: &mut impl FnMut(Vec<R>) -> PyResult<()>,
) -> PyResult<()> {
    let (to_pool, pool_in) = std::sync::mpsc::channel::<Vec<I>>();
    let (pool_out, from_pool) = std::sync::mpsc::channel::<Vec<R>>();
    let work = &work;
    std::thread::scope(|s| {
        let worker = s.spawn(move || {
            for chunk in pool_in {
                if pool_out.send(par_map(&chunk, work)).is_err() {
                    break;
                }
            }
        });
        // In a Mutex only so that the waiting can be done without the GIL.
        let fed = feed(py, &mut read, to_pool, &std::sync::Mutex::new(from_pool), keep);
        // A panic in the core is reported, never carried across into Python.
        let joined = py.detach(|| worker.join());
        fed?;
        joined.map_err(|_| PyRuntimeError::new_err("a plaint worker thread panicked"))
    })
}

/// The reading side of `pipeline`: at most two chunks in flight.
fn feed<I, R: Send>(
    py: Python<'_>,
    read: &mut impl FnMut() -> PyResult<Vec<I>>,
    to_pool: std::sync::mpsc::Sender<Vec<I>>,
    from_pool: &std::sync::Mutex<std::sync::mpsc::Receiver<Vec<R>>>,
    keep: &mut impl FnMut(Vec<R>) -> PyResult<()>,
) -> PyResult<()> {
    let lost = || PyRuntimeError::new_err("a plaint worker thread stopped");
    let mut in_flight = 0;
    loop {
        let chunk = read()?;
        let last = chunk.len() < CHUNK;
        if !chunk.is_empty() {
            to_pool.send(chunk).map_err(|_| lost())?;
            in_flight += 1;
        }
        while in_flight > 1 || (last && in_flight > 0) {
            let results = py.detach(|| from_pool.lock().ok().and_then(|r| r.recv().ok()));
            keep(results.ok_or_else(lost)?)?;
            in_flight -= 1;
        }
        if last {
            return Ok(());
        }
    }
}
