//! plaint-python: the native half of the Python module `plaint` (pyo3).
//!
//! A thin translation layer: Python values in, plaint-core out, Python
//! values back. No rule lives here; every decision is plaint-core's. The pure
//! Python half (python/plaint/) holds the exception classes and the pandas
//! helper.

mod arrow;
mod conv;
mod replay;

// Rust-side allocations (JSON values, paths, assessments) go to mimalloc,
// as in pydantic-core: glibc malloc spent a third of a batch consolidating
// free lists.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use conv::{DateTimes, err, instant_of, py_of_value, value_of_py};
use plaint_core::api::{self, DeadlineRequest};
use plaint_core::assess::Case;
use plaint_core::decode::parse_json;
use plaint_core::sla::DeadlineStatus;
use plaint_core::{Assessment as CoreAssessment, Calendar as CoreCalendar, Classification as CoreClassification};
use plaint_core::{Complaint, Error, Instant, Policy as CorePolicy, Span, Stamp};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;
use std::sync::Arc;

/// Below this many items a batch runs on the calling thread only.
const PARALLEL_MIN: usize = 4096;

/// `assess_many` converts and assesses this many cases at a time.
const ASSESS_CHUNK: usize = 8192;

/// Run `f` over `items` on rayon's pool (one thread per core, kept between
/// calls so that each keeps its warm allocator heap), results in order.
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    if items.len() < PARALLEL_MIN {
        return items.iter().map(&f).collect();
    }
    items.par_iter().with_min_len(256).map(f).collect()
}

/// The next chunk of at most `ASSESS_CHUNK` inputs; empty at the end.
fn read_chunk(items: &mut Bound<'_, pyo3::types::PyIterator>) -> PyResult<Vec<Input>> {
    let mut chunk = Vec::with_capacity(ASSESS_CHUNK);
    for item in items.take(ASSESS_CHUNK) {
        chunk.push(Input::read(&item?)?);
    }
    Ok(chunk)
}

/// Run `work` over every input that `read` gives, chunk by chunk, and hand
/// the results to `keep` in input order. Reading needs the GIL and runs on
/// this thread; the work runs on the pool meanwhile, one chunk behind, so
/// the two overlap instead of taking turns.
fn pipeline<I: Send + Sync, R: Send>(
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
        joined.map_err(|_| pyo3::exceptions::PyRuntimeError::new_err("a plaint worker thread panicked"))
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
    let lost = || pyo3::exceptions::PyRuntimeError::new_err("a plaint worker thread stopped");
    let mut in_flight = 0;
    loop {
        let chunk = read()?;
        let last = chunk.len() < ASSESS_CHUNK;
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

/// A JSON input: text to parse (without the GIL) or a value already read.
enum Input {
    Text(String),
    Value(Value),
}

impl Input {
    fn read(obj: &Bound<'_, PyAny>) -> PyResult<Input> {
        match obj.cast::<PyString>() {
            Ok(s) => Ok(Input::Text(s.to_cow()?.into_owned())),
            Err(_) => Ok(Input::Value(value_of_py(obj)?)),
        }
    }

    /// JSON text (str), a dict, or a path (os.PathLike) to a JSON file.
    fn read_source(obj: &Bound<'_, PyAny>) -> PyResult<Input> {
        if obj.cast::<PyString>().is_err() && obj.hasattr("__fspath__")? {
            let path: std::path::PathBuf = obj.py().import("os")?.call_method1("fspath", (obj,))?.extract()?;
            return Ok(Input::Text(std::fs::read_to_string(&path)?));
        }
        Input::read(obj)
    }

    fn with<T>(&self, f: impl FnOnce(&Value) -> Result<T, Error>) -> Result<T, Error> {
        match self {
            Input::Text(t) => f(&parse_json(t)?),
            Input::Value(v) => f(v),
        }
    }
}

fn to_value<T: Serialize>(t: &T) -> Value {
    serde_json::to_value(t).unwrap_or(Value::Null)
}

fn text_field(v: Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s),
        _ => None,
    }
}

// ---------------------------------------------------------------- Policy

/// A validated policy. Immutable; share it between threads freely.
#[pyclass(frozen, module = "plaint")]
struct Policy {
    inner: Arc<CorePolicy>,
    calendar: Py<Calendar>,
}

impl Policy {
    fn wrap(py: Python<'_>, inner: Arc<CorePolicy>) -> PyResult<Policy> {
        let calendar = Py::new(py, Calendar::wrap(py, inner.calendar.clone())?)?;
        Ok(Policy { inner, calendar })
    }

    fn zone<'py>(&self, py: Python<'py>) -> &Bound<'py, PyAny> {
        self.calendar.get().zone.bind(py)
    }

    fn make_assessment(&self, py: Python<'_>, a: CoreAssessment) -> Assessment {
        Assessment {
            inner: Arc::new(a),
            zone: self.zone(py).clone().unbind(),
        }
    }
}

#[pymethods]
impl Policy {
    /// An embedded policy preset by name: a seed procedure (cn-property, cn-goods, cn-telecom, cn-petition) or a regulator's limits (cn-banking, uk-fca-disp, us-cfpb, ...; the README lists all).
    #[staticmethod]
    fn preset(py: Python<'_>, name: &str) -> PyResult<Policy> {
        let inner = CorePolicy::preset(name).map_err(|e| err(py, &e))?;
        Policy::wrap(py, inner)
    }

    /// A policy from JSON text (str), a dict, or a path (os.PathLike) to a JSON file.
    #[staticmethod]
    fn from_json(py: Python<'_>, source: &Bound<'_, PyAny>) -> PyResult<Policy> {
        let input = Input::read_source(source)?;
        let inner = py.detach(|| input.with(api::policy_from)).map_err(|e| err(py, &e))?;
        Policy::wrap(py, inner)
    }

    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    #[getter]
    fn version(&self) -> &str {
        &self.inner.version
    }

    #[getter]
    fn calendar(&self, py: Python<'_>) -> Py<Calendar> {
        self.calendar.clone_ref(py)
    }

    /// Classify one complaint (a dict or JSON text).
    fn classify(&self, py: Python<'_>, complaint: &Bound<'_, PyAny>) -> PyResult<Classification> {
        let input = Input::read(complaint)?;
        let policy = &*self.inner;
        let c = input
            .with(|v| Complaint::from_value(v).map(|c| plaint_core::classify(policy, &c)))
            .map_err(|e| err(py, &e))?;
        Ok(Classification { inner: Arc::new(c) })
    }

    /// Assess one case (`{"complaint", "events"?, "related"?}`, a dict or JSON text) at `now`.
    fn assess(&self, py: Python<'_>, case: &Bound<'_, PyAny>, now: &Bound<'_, PyAny>) -> PyResult<Assessment> {
        let now = instant_of(py, now)?;
        let input = Input::read(case)?;
        let policy = &*self.inner;
        let a = input
            .with(|v| plaint_core::assess(policy, &Case::from_value(v)?, now))
            .map_err(|e| err(py, &e))?;
        Ok(self.make_assessment(py, a))
    }

    /// Assess many cases at `now`, without the GIL and on every core. Raises
    /// on the first case (in list order) that fails, naming its index.
    fn assess_many(
        &self,
        py: Python<'_>,
        cases: &Bound<'_, PyAny>,
        now: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<Assessment>> {
        let now = instant_of(py, now)?;
        let policy = &*self.inner;
        let mut items = cases.try_iter()?;
        let mut out = Vec::new();
        let mut keep = |results: Vec<Result<CoreAssessment, Error>>| -> PyResult<()> {
            for r in results {
                match r {
                    Ok(a) => out.push(self.make_assessment(py, a)),
                    Err(e) => return Err(conv::err_at(py, &e, out.len(), "cases")),
                }
            }
            Ok(())
        };
        pipeline(
            py,
            || read_chunk(&mut items),
            |input: &Input| input.with(|v| plaint_core::assess(policy, &Case::from_value(v)?, now)),
            &mut keep,
        )?;
        Ok(out)
    }

    fn __repr__(&self) -> String {
        format!("<plaint.Policy {} {}>", self.inner.name, self.inner.version)
    }
}

// ---------------------------------------------------------------- Calendar

/// A working calendar with its index. Immutable; share it between threads freely.
#[pyclass(frozen, module = "plaint")]
struct Calendar {
    inner: Arc<CoreCalendar>,
    /// zoneinfo.ZoneInfo of the calendar's zone.
    zone: Py<PyAny>,
}

impl Calendar {
    fn wrap(py: Python<'_>, inner: Arc<CoreCalendar>) -> PyResult<Calendar> {
        let zone = conv::zoneinfo(py, inner.zone().name())?;
        Ok(Calendar { inner, zone })
    }

    /// The span of a request, read and checked by the core exactly as the JSON layer does.
    fn span(&self, py: Python<'_>, clock: &str, amount: i64, end: Option<&str>, roll: Option<&str>) -> PyResult<Span> {
        let mut req = serde_json::json!({"start": "2000-01-01T00:00:00Z", "clock": clock, "amount": amount});
        if let Some(end) = end {
            req["end"] = Value::from(end);
        }
        if let Some(roll) = roll {
            req["roll"] = Value::from(roll);
        }
        DeadlineRequest::from_value(&req)
            .map(|r| r.span)
            .map_err(|e| err(py, &e))
    }
}

#[pymethods]
impl Calendar {
    /// An embedded calendar by name (always, au, cn-mainland, eu-target, gb-eng, hk, in, sg, us-federal).
    #[staticmethod]
    fn preset(py: Python<'_>, name: &str) -> PyResult<Calendar> {
        let inner = CoreCalendar::preset(name).map_err(|e| err(py, &e))?;
        Calendar::wrap(py, inner)
    }

    /// A calendar from JSON text (str), a dict, or a path (os.PathLike) to a
    /// JSON file; `"extends"` may name an embedded calendar.
    #[staticmethod]
    fn from_json(py: Python<'_>, source: &Bound<'_, PyAny>) -> PyResult<Calendar> {
        let input = Input::read_source(source)?;
        let inner = input.with(api::calendar_from).map_err(|e| err(py, &e))?;
        Calendar::wrap(py, inner)
    }

    #[getter]
    fn name(&self) -> &str {
        self.inner.name()
    }

    /// The IANA zone name.
    #[getter(zone)]
    fn zone_name(&self) -> &str {
        self.inner.zone().name()
    }

    #[getter]
    fn tzinfo(&self, py: Python<'_>) -> Py<PyAny> {
        self.zone.clone_ref(py)
    }

    #[getter]
    fn valid_from(&self) -> String {
        self.inner.spec().valid_from.to_string()
    }

    #[getter]
    fn valid_to(&self) -> String {
        self.inner.spec().valid_to.to_string()
    }

    /// `start` plus `amount` on `clock`, as an aware datetime in the calendar's zone.
    #[pyo3(signature = (start, clock, amount, end=None, roll=None))]
    fn add<'py>(
        &self,
        py: Python<'py>,
        start: &Bound<'py, PyAny>,
        clock: &str,
        amount: i64,
        end: Option<&str>,
        roll: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let span = self.span(py, clock, amount, end, roll)?;
        let start = instant_of(py, start)?;
        let due = self.inner.add(start, &span).map_err(|e| err(py, &e))?;
        DateTimes::get(py)?.datetime_at(py, due.0, self.zone.bind(py))
    }

    /// `add` over many starts, without the GIL and on every core.
    ///
    /// `starts` is a NumPy datetime64 array (read as UTC; NaT stays NaT),
    /// giving a datetime64[ms] array (UTC) of the same shape, or an iterable
    /// of aware datetimes / RFC 3339 strings, giving a list of aware
    /// datetimes in the calendar's zone. The first failing element (in
    /// order) raises, its index in the message and the path.
    #[pyo3(signature = (starts, clock, amount, end=None, roll=None))]
    fn add_many<'py>(
        &self,
        py: Python<'py>,
        starts: &Bound<'py, PyAny>,
        clock: &str,
        amount: i64,
        end: Option<&str>,
        roll: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        if starts.cast::<PyString>().is_err() && starts.hasattr("dtype")? {
            let np = py.import("numpy")?;
            let arr = np.call_method1("asarray", (starts,))?;
            let kind: String = arr.getattr("dtype")?.getattr("kind")?.extract()?;
            if kind != "M" {
                return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                    "expected a datetime64 array, got dtype {}",
                    arr.getattr("dtype")?.str()?
                )));
            }
            let ms = arr
                .call_method1("astype", ("datetime64[ms]",))?
                .call_method1("view", ("int64",))?;
            let raw = np.call_method1("ascontiguousarray", (ms,))?.call_method0("tobytes")?;
            let out = self._add_many_ms(py, raw.cast()?, clock, amount, end, roll)?;
            let res = np
                .call_method1("frombuffer", (out, "datetime64[ms]"))?
                .call_method0("copy")?
                .call_method1("reshape", (arr.getattr("shape")?,))?;
            return Ok(res);
        }
        Ok(self._add_many_list(py, starts, clock, amount, end, roll)?.into_any())
    }

    /// The batch form of `add` over epoch milliseconds (int64, native byte
    /// order, i64::MIN = NaT passes through). Used by `add_many`.
    #[pyo3(signature = (starts, clock, amount, end=None, roll=None))]
    fn _add_many_ms<'py>(
        &self,
        py: Python<'py>,
        starts: &Bound<'py, PyBytes>,
        clock: &str,
        amount: i64,
        end: Option<&str>,
        roll: Option<&str>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let span = self.span(py, clock, amount, end, roll)?;
        let cal = &*self.inner;
        let input = starts.as_bytes();
        // Read the input and write the output in place, without the GIL and
        // without intermediate vectors: the batch is bound by memory, not by
        // the arithmetic (about 10 ns a date).
        let mut failed = None;
        let out = PyBytes::new_with(py, input.len() - input.len() % 8, |out| {
            failed = py.detach(|| add_bytes_parallel(cal, &span, input, out)).err();
            Ok(())
        })?;
        match failed {
            Some((i, e)) => Err(conv::err_at(py, &e, i, "starts")),
            None => Ok(out),
        }
    }

    /// `add` over a list of aware datetimes; returns a list of aware datetimes.
    #[pyo3(signature = (starts, clock, amount, end=None, roll=None))]
    fn _add_many_list<'py>(
        &self,
        py: Python<'py>,
        starts: &Bound<'py, PyAny>,
        clock: &str,
        amount: i64,
        end: Option<&str>,
        roll: Option<&str>,
    ) -> PyResult<Bound<'py, PyList>> {
        let span = self.span(py, clock, amount, end, roll)?;
        let mut ms = Vec::new();
        for (i, item) in starts.try_iter()?.enumerate() {
            let item = item?;
            ms.push(instant_of(py, &item).map_err(|e| conv::prefix_err(py, e, i))?.0);
        }
        let out = self.run_many(py, &ms, &span)?;
        let dt = DateTimes::get(py)?;
        let zone = self.zone.bind(py);
        let list = PyList::empty(py);
        for v in out {
            list.append(dt.datetime_at(py, v, zone)?)?;
        }
        Ok(list)
    }

    fn __repr__(&self) -> String {
        format!("<plaint.Calendar {} {}>", self.inner.name(), self.inner.zone().name())
    }
}

impl Calendar {
    fn run_many(&self, py: Python<'_>, ms: &[i64], span: &Span) -> PyResult<Vec<i64>> {
        let input: Vec<u8> = ms.iter().flat_map(|m| m.to_ne_bytes()).collect();
        let mut out = vec![0u8; input.len()];
        let cal = &*self.inner;
        py.detach(|| add_bytes_parallel(cal, span, &input, &mut out))
            .map_err(|(i, e)| conv::err_at(py, &e, i, "starts"))?;
        Ok(out.chunks_exact(8).map(read_i64).collect())
    }
}

/// One native-endian i64 of an 8-byte chunk.
fn read_i64(b: &[u8]) -> i64 {
    i64::from_ne_bytes(b.try_into().unwrap_or([0; 8]))
}

/// `add` over epoch milliseconds (native-endian i64s; i64::MIN = NaT passes
/// through) from `input` into `out`, on rayon's pool. Err: the first failure
/// in input order, with its index.
fn add_bytes_parallel(cal: &CoreCalendar, span: &Span, input: &[u8], out: &mut [u8]) -> Result<(), (usize, Error)> {
    let n = input.len() / 8;
    if n < PARALLEL_MIN {
        return add_bytes(cal, span, input, out, 0);
    }
    const BLOCK: usize = 8 * 4096;
    let results: Vec<Result<(), (usize, Error)>> = input
        .par_chunks(BLOCK)
        .zip(out.par_chunks_mut(BLOCK))
        .enumerate()
        .map(|(k, (i, o))| add_bytes(cal, span, i, o, k * BLOCK / 8))
        .collect();
    // Blocks are in order, so the first error found is the first in the input.
    results.into_iter().collect()
}

fn add_bytes(
    cal: &CoreCalendar,
    span: &Span,
    input: &[u8],
    out: &mut [u8],
    first: usize,
) -> Result<(), (usize, Error)> {
    for (i, (src, dst)) in input.chunks_exact(8).zip(out.chunks_exact_mut(8)).enumerate() {
        let m = read_i64(src);
        let due = if m == i64::MIN {
            m
        } else {
            Instant::from_ms(m)
                .and_then(|start| cal.add(start, span))
                .map_err(|e| (first + i, e))?
                .0
        };
        dst.copy_from_slice(&due.to_ne_bytes());
    }
    Ok(())
}

// ---------------------------------------------------------------- results

/// The classification of one complaint, with its trace.
#[pyclass(frozen, module = "plaint")]
struct Classification {
    inner: Arc<CoreClassification>,
}

#[pymethods]
impl Classification {
    #[getter]
    fn severity(&self) -> Option<String> {
        text_field(to_value(&self.inner.severity))
    }
    #[getter]
    fn category(&self) -> Option<String> {
        text_field(to_value(&self.inner.category))
    }
    #[getter]
    fn nature(&self) -> Option<String> {
        text_field(to_value(&self.inner.nature))
    }
    #[getter]
    fn validity_suggestion(&self) -> Option<String> {
        text_field(to_value(&self.inner.validity_suggestion))
    }
    #[getter]
    fn validity(&self) -> Option<String> {
        text_field(to_value(&self.inner.validity))
    }
    #[getter]
    fn claim_type(&self) -> Option<String> {
        text_field(to_value(&self.inner.claim_type))
    }
    #[getter]
    fn route(&self) -> Option<String> {
        self.inner.route.clone()
    }
    #[getter]
    fn classified_by(&self) -> Option<String> {
        self.inner.classified_by.clone()
    }
    /// The text signals found: dicts `{"signal", "keyword", ...}`.
    #[getter]
    fn signals<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_of_value(py, &to_value(&self.inner.signals))
    }
    /// Which table and row decided each output: a list of dicts.
    #[getter]
    fn trace<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_of_value(py, &to_value(&self.inner.trace))
    }
    /// The classification as the JSON layer gives it, as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_of_value(py, &to_value(&*self.inner))
    }
    fn __repr__(&self) -> String {
        format!(
            "<plaint.Classification severity={} category={}>",
            self.severity().as_deref().unwrap_or("None"),
            self.category().as_deref().unwrap_or("None")
        )
    }
}

/// One deadline of an assessment and its state.
#[pyclass(frozen, module = "plaint")]
struct Deadline {
    inner: DeadlineStatus,
    zone: Py<PyAny>,
}

impl Deadline {
    fn at<'py>(&self, py: Python<'py>, s: &Option<Stamp>) -> PyResult<Option<Bound<'py, PyAny>>> {
        conv::datetime_of_stamp(py, *s, self.zone.bind(py))
    }
}

#[pymethods]
impl Deadline {
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }
    /// pending, at_risk, breached, met, met_late, paused, not_started, cancelled...
    #[getter]
    fn state(&self) -> Option<String> {
        text_field(to_value(&self.inner.state))
    }
    #[getter]
    fn clock(&self) -> &'static str {
        self.inner.clock.code()
    }
    #[getter]
    fn amount(&self) -> i64 {
        self.inner.amount
    }
    #[getter]
    fn unit(&self) -> &'static str {
        self.inner.unit
    }
    #[getter]
    fn started_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.at(py, &self.inner.started_at)
    }
    #[getter]
    fn due_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.at(py, &self.inner.due_at)
    }
    #[getter]
    fn warn_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.at(py, &self.inner.warn_at)
    }
    #[getter]
    fn met_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.at(py, &self.inner.met_at)
    }
    #[getter]
    fn next_change_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.at(py, &self.inner.next_change_at)
    }
    #[getter]
    fn elapsed(&self) -> Option<i64> {
        self.inner.elapsed
    }
    #[getter]
    fn remaining(&self) -> Option<i64> {
        self.inner.remaining
    }
    #[getter]
    fn paused(&self) -> i64 {
        self.inner.paused
    }
    #[getter]
    fn extended(&self) -> i64 {
        self.inner.extended
    }
    #[getter]
    fn notes(&self) -> Vec<String> {
        self.inner.notes.clone()
    }
    #[getter]
    fn source(&self) -> Option<&str> {
        self.inner.source.as_deref()
    }
    /// The deadline as the JSON layer gives it (instants as RFC 3339 strings).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_of_value(py, &to_value(&self.inner))
    }
    fn __repr__(&self) -> String {
        format!(
            "<plaint.Deadline {} {} due {}>",
            self.inner.id,
            self.state().unwrap_or_default(),
            self.inner.due_at.map_or("-".into(), |t| t.to_string())
        )
    }
}

/// Where a complaint stands and what must happen next.
#[pyclass(frozen, module = "plaint")]
struct Assessment {
    inner: Arc<CoreAssessment>,
    zone: Py<PyAny>,
}

#[pymethods]
impl Assessment {
    #[getter]
    fn complaint_id(&self) -> &str {
        &self.inner.complaint_id
    }
    /// The policy's name and version.
    #[getter]
    fn policy(&self) -> &str {
        &self.inner.policy
    }
    /// The version of the policy applied: a dict with `name`, `version`,
    /// `effective_from`, `effective_to` (YYYY-MM-DD or None) and `selected_by`.
    #[getter]
    fn policy_version<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_of_value(py, &to_value(&self.inner.policy_version))
    }
    #[getter]
    fn now<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        conv::datetime_of_stamp(py, Some(self.inner.now), self.zone.bind(py))
    }
    #[getter]
    fn classification(&self) -> Classification {
        Classification {
            inner: Arc::new(self.inner.classification.clone()),
        }
    }
    /// The shortcut for `classification.severity`.
    #[getter]
    fn severity(&self) -> Option<String> {
        text_field(to_value(&self.inner.classification.severity))
    }
    /// The lifecycle state.
    #[getter]
    fn state(&self) -> Option<String> {
        text_field(to_value(&self.inner.state))
    }
    #[getter]
    fn allowed_events(&self) -> Vec<String> {
        self.inner
            .allowed_events
            .iter()
            .filter_map(|e| text_field(to_value(e)))
            .collect()
    }
    #[getter]
    fn owner(&self) -> Option<String> {
        self.inner.owner.clone()
    }
    #[getter]
    fn deadlines(&self, py: Python<'_>) -> Vec<Deadline> {
        self.inner
            .deadlines
            .iter()
            .map(|d| Deadline {
                inner: d.clone(),
                zone: self.zone.clone_ref(py),
            })
            .collect()
    }
    /// Escalations due now: a list of dicts.
    #[getter]
    fn escalations<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_of_value(py, &to_value(&self.inner.escalations))
    }
    /// Required actions not yet done: a list of dicts `{"action", "reason", "source"}`.
    #[getter]
    fn required_actions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_of_value(py, &to_value(&self.inner.required_actions))
    }
    #[getter]
    fn next_check_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        conv::datetime_of_stamp(py, self.inner.next_check_at, self.zone.bind(py))
    }
    /// The assessment as the JSON layer gives it, as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_of_value(py, &to_value(&*self.inner))
    }
    /// The assessment as JSON text (the JSON layer's exact output).
    fn to_json(&self) -> String {
        serde_json::to_string(&*self.inner).unwrap_or_default()
    }
    fn __repr__(&self) -> String {
        format!(
            "<plaint.Assessment {} severity={} state={}>",
            self.inner.complaint_id,
            self.severity().as_deref().unwrap_or("None"),
            self.state().as_deref().unwrap_or("None")
        )
    }
}

// ---------------------------------------------------------------- functions

/// Run one conformance operation (tests/vectors) on JSON text; JSON text out.
#[pyfunction]
fn _run_op(py: Python<'_>, op: &str, input: &str) -> PyResult<String> {
    let out = py
        .detach(|| parse_json(input).and_then(|v| api::run_op(op, &v)))
        .map_err(|e| err(py, &e))?;
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
    m.add_function(wrap_pyfunction!(_run_op, m)?)?;
    m.add_function(wrap_pyfunction!(replay::replay, m)?)?;
    m.add_function(wrap_pyfunction!(arrow::_arrow_assess, m)?)?;
    m.add_function(wrap_pyfunction!(arrow::_arrow_assess_schema, m)?)?;
    m.add_function(wrap_pyfunction!(arrow::_arrow_direct_rows, m)?)?;
    m.add_function(wrap_pyfunction!(arrow::_arrow_classify, m)?)?;
    m.add_function(wrap_pyfunction!(arrow::_arrow_deadlines, m)?)?;
    Ok(())
}
