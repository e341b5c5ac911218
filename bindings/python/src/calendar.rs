//! `plaint.Calendar`: a working calendar and deadline arithmetic on it.

use crate::batch::{par_map, read_path, source_text};
use crate::conv::{self, DateTimes, err, instant_arg, instant_at, str_of};
use crate::source::Source;
use plaint_core::api::{self, span_from_value};
use plaint_core::decode::parse_json;
use plaint_core::{Calendar as CoreCalendar, Error, Instant, Span};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{IntoPyDict, PyList, PyModule, PyString, PyTuple};
use rayon::prelude::*;
use serde_json::Value;
use std::os::raw::{c_char, c_int, c_void};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};

/// Below this many dates a batch runs on the calling thread only.
const PARALLEL_MIN: usize = 4096;

/// A working calendar with its index: zone, weekmask, holidays with names,
/// make-up working days, business hours, the valid range of its data.
/// Immutable; share it between threads freely; it pickles.
///
/// Deadline arithmetic (`add`, `add_many`) takes a `clock` (elapsed,
/// business, working_days, calendar_days, weeks, months), an `amount`
/// (int: minutes for elapsed and business, else a count of the clock's
/// unit), optionally `end` (close_of_business, end_of_day) and `roll`
/// (none, next_working_day). A result outside the calendar's data raises
/// CalendarRangeError (`calendar_range_exceeded`): plaint never guesses.
#[pyclass(frozen, module = "plaint")]
pub struct Calendar {
    pub inner: Arc<CoreCalendar>,
    /// zoneinfo.ZoneInfo of the calendar's zone.
    pub zone: Py<PyAny>,
    source: Source,
    /// The span `add` read last and the arguments it read it from: a loop
    /// of `add` calls with the same clock and amount reads them once.
    last_span: Mutex<Option<SpanArgs>>,
}

/// A span and the `clock`, `amount`, `end` and `roll` it was read from.
struct SpanArgs {
    clock: String,
    amount: i64,
    end: Option<String>,
    roll: Option<String>,
    span: Span,
}

impl Calendar {
    pub fn wrap(py: Python<'_>, inner: Arc<CoreCalendar>, source: Source) -> PyResult<Calendar> {
        let zone = conv::zoneinfo(py, inner.zone().name())?;
        Ok(Calendar {
            inner,
            zone,
            source,
            last_span: Mutex::new(None),
        })
    }

    /// `span`, reusing the last one read when the arguments are the same.
    fn span_of(
        &self,
        py: Python<'_>,
        clock: &str,
        amount: i64,
        end: Option<&str>,
        roll: Option<&str>,
    ) -> PyResult<Span> {
        let same = |a: &SpanArgs| {
            a.clock == clock && a.amount == amount && a.end.as_deref() == end && a.roll.as_deref() == roll
        };
        if let Ok(last) = self.last_span.lock() {
            if let Some(a) = last.as_ref().filter(|a| same(a)) {
                return Ok(a.span);
            }
        }
        let span = self.span(py, clock, amount, end, roll)?;
        if let Ok(mut last) = self.last_span.lock() {
            *last = Some(SpanArgs {
                clock: clock.to_string(),
                amount,
                end: end.map(str::to_string),
                roll: roll.map(str::to_string),
                span,
            });
        }
        Ok(span)
    }

    fn build(py: Python<'_>, source: Source) -> PyResult<Calendar> {
        let inner = match &source {
            Source::Preset(name) => CoreCalendar::preset(name),
            Source::Json(text) => parse_json(text).and_then(|v| api::calendar_from(&v)),
            Source::PolicyCalendar(policy) => {
                let policy = match &**policy {
                    Source::Preset(name) => plaint_core::Policy::preset(name),
                    Source::Json(text) => parse_json(text).and_then(|v| api::policy_from(&v)),
                    Source::PolicyCalendar(_) => unreachable!("a policy's source is never a calendar's"),
                };
                policy.map(|p| p.calendar.clone())
            }
        }
        .map_err(|e| err(py, &e))?;
        Calendar::wrap(py, inner, source)
    }

    /// The span of `clock`, `amount`, `end` and `roll`, read and checked by the
    /// core exactly as the same fields of a JSON deadline request.
    pub fn span(
        &self,
        py: Python<'_>,
        clock: &str,
        amount: i64,
        end: Option<&str>,
        roll: Option<&str>,
    ) -> PyResult<Span> {
        let mut fields = serde_json::json!({"clock": clock, "amount": amount});
        if let Some(end) = end {
            fields["end"] = Value::from(end);
        }
        if let Some(roll) = roll {
            fields["roll"] = Value::from(roll);
        }
        span_from_value(&fields).map_err(|e| err(py, &e))
    }

    fn run_many(&self, py: Python<'_>, ms: &[i64], span: &Span) -> PyResult<Vec<i64>> {
        let cal = &*self.inner;
        let out = py.detach(|| {
            let chunks: Vec<&[i64]> = ms.chunks(PARALLEL_MIN).collect();
            let parts = par_map(&chunks, |c| {
                c.iter().map(|m| add_one(cal, span, *m)).collect::<Vec<_>>()
            });
            parts.into_iter().flatten().collect::<Vec<_>>()
        });
        out.into_iter()
            .enumerate()
            .map(|(i, r)| r.map_err(|e| conv::err_at(py, &e, i, "starts")))
            .collect()
    }
}

/// `add` on epoch milliseconds; i64::MIN (NaT) passes through.
fn add_one(cal: &CoreCalendar, span: &Span, m: i64) -> Result<i64, Error> {
    if m == i64::MIN {
        return Ok(m);
    }
    Ok(cal.add(Instant::from_ms(m)?, span)?.ms())
}

#[pymethods]
impl Calendar {
    /// An embedded calendar by name (`Calendar.presets()` lists them). An
    /// unknown name raises UnknownPresetError (`unknown_calendar`).
    #[staticmethod]
    fn preset(py: Python<'_>, name: &str) -> PyResult<Calendar> {
        Calendar::build(py, Source::Preset(name.to_string()))
    }

    /// The names of the embedded calendars (list of str, sorted).
    #[staticmethod]
    fn presets() -> Vec<&'static str> {
        plaint_core::time::presets::names()
    }

    /// A calendar from JSON text (str), a dict, or an os.PathLike naming a
    /// JSON file; `"extends"` may name an embedded calendar. A str that is
    /// a file's path rather than JSON is refused (pass a Path, or call
    /// `from_path`).
    #[staticmethod]
    fn from_json(py: Python<'_>, source: &Bound<'_, PyAny>) -> PyResult<Calendar> {
        let text = source_text(source, "Calendar")?;
        Calendar::build(py, Source::Json(text.into()))
    }

    /// A calendar from the JSON file at `path` (str or os.PathLike).
    #[staticmethod]
    fn from_path(py: Python<'_>, path: &Bound<'_, PyAny>) -> PyResult<Calendar> {
        let text = read_path(path)?;
        Calendar::build(py, Source::Json(text.into()))
    }

    #[staticmethod]
    fn _restore(py: Python<'_>, kind: &str, text: String) -> PyResult<Calendar> {
        match Source::from_state(kind, text) {
            Some(source) => Calendar::build(py, source),
            None => Err(pyo3::exceptions::PyValueError::new_err(format!(
                "not a pickled Calendar: {kind:?}"
            ))),
        }
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let (kind, text) = slf.get().source.state();
        let args = PyTuple::new(slf.py(), [kind, text])?;
        PyTuple::new(slf.py(), [slf.getattr("_restore")?, args.into_any()])
    }

    /// The calendar's name (str).
    #[getter]
    fn name(&self) -> &str {
        self.inner.name()
    }

    /// The IANA zone name (str).
    #[getter(zone)]
    fn zone_name(&self) -> &str {
        self.inner.zone().name()
    }

    /// The zone as a zoneinfo.ZoneInfo.
    #[getter]
    fn tzinfo(&self, py: Python<'_>) -> Py<PyAny> {
        self.zone.clone_ref(py)
    }

    /// The first day of the calendar's data (str, YYYY-MM-DD).
    #[getter]
    fn valid_from(&self) -> String {
        self.inner.spec().valid_from.to_string()
    }

    /// The last day of the calendar's data (str, YYYY-MM-DD).
    #[getter]
    fn valid_to(&self) -> String {
        self.inner.spec().valid_to.to_string()
    }

    /// `start` plus `amount` on `clock`: an aware datetime in the calendar's
    /// zone. `start` is an aware datetime or an RFC 3339 string.
    #[pyo3(signature = (start, clock, amount, end=None, roll=None))]
    fn add<'py>(
        &self,
        py: Python<'py>,
        start: &Bound<'py, PyAny>,
        clock: &Bound<'py, PyString>,
        amount: i64,
        end: Option<&Bound<'py, PyString>>,
        roll: Option<&Bound<'py, PyString>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (end, roll) = (end.map(str_of).transpose()?, roll.map(str_of).transpose()?);
        let span = self.span_of(py, &str_of(clock)?, amount, end.as_deref(), roll.as_deref())?;
        let start = instant_arg(py, start, "start")?;
        let due = self.inner.add(start, &span).map_err(|e| err(py, &e))?;
        DateTimes::get(py)?.datetime_at(py, due.ms(), self.zone.bind(py))
    }

    /// `add` over many starts, without the GIL and on every core; the
    /// result is of the same kind as `starts`:
    /// - a NumPy datetime64 array (read as UTC; NaT stays NaT): a
    ///   datetime64[ms] array (UTC) of the same shape;
    /// - a zone-aware pandas Series or DatetimeIndex: the same kind, with
    ///   the same index, name, unit and zone (NaT stays NaT);
    /// - a pyarrow Array or ChunkedArray of zoned timestamps (or any
    ///   object with `__arrow_c_array__`): a pyarrow array of the same
    ///   type (nulls stay null);
    /// - an iterable of aware datetimes / RFC 3339 strings: a list of aware
    ///   datetimes in the calendar's zone.
    /// The first failing element (in order) raises, its index in the
    /// message and the path (`/starts/<i>`); values without a zone are
    /// `instant_without_offset` (plaint never guesses local time).
    #[pyo3(signature = (starts, clock, amount, end=None, roll=None))]
    fn add_many<'py>(
        slf: &Bound<'py, Self>,
        starts: &Bound<'py, PyAny>,
        clock: &str,
        amount: i64,
        end: Option<&str>,
        roll: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let module: String = starts.get_type().getattr("__module__")?.extract().unwrap_or_default();
        let columnar =
            module.starts_with("pandas") || module.starts_with("pyarrow") || starts.hasattr("__arrow_c_array__")?;
        if columnar && starts.cast::<PyString>().is_err() {
            let adapt = py.import("plaint._columns")?.getattr("add_many")?;
            return adapt.call1((slf, starts, clock, amount, end, roll));
        }
        let this = slf.get();
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
            let copy = [("copy", false)].into_py_dict(py)?;
            let ms = arr
                .call_method("astype", ("datetime64[ms]",), Some(&copy))?
                .call_method1("view", ("int64",))?;
            let span = this.span(py, clock, amount, end, roll)?;
            return this.add_array(&np, &ms, &span, "datetime64[ms]");
        }
        Ok(this._add_many_list(py, starts, clock, amount, end, roll)?.into_any())
    }

    /// The batch form of `add` over a NumPy array of epoch milliseconds
    /// (int64, i64::MIN = NaT passes through): a new int64 array of the same
    /// shape. Used by the pandas adapter of `add_many`.
    #[pyo3(signature = (starts, clock, amount, end=None, roll=None))]
    fn _add_many_ms<'py>(
        &self,
        py: Python<'py>,
        starts: &Bound<'py, PyAny>,
        clock: &str,
        amount: i64,
        end: Option<&str>,
        roll: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let span = self.span(py, clock, amount, end, roll)?;
        let np = py.import("numpy")?;
        let ms = np.call_method1("asarray", (starts, "int64"))?;
        self.add_array(&np, &ms, &span, "int64")
    }

    /// `add` over an iterable of aware datetimes / RFC 3339 strings; a list
    /// of aware datetimes in the calendar's zone.
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
            let at = instant_at(&item?, &format!("/starts/{i}")).map_err(|e| e.into_py(py))?;
            ms.push(at.ms());
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
    /// `add` over the NumPy array `ms` (8-byte items read as int64 epoch
    /// milliseconds), into a new array of `dtype` (8-byte items) and the
    /// same shape. Both arrays are read and written in place, without the
    /// GIL and on every core: no copy of either.
    fn add_array<'py>(
        &self,
        np: &Bound<'py, PyModule>,
        ms: &Bound<'py, PyAny>,
        span: &Span,
        dtype: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = np.py();
        let shape = ms.getattr("shape")?;
        // C order, aligned, native byte order: `ms` itself when it already is.
        let mut ms = np.call_method1("ascontiguousarray", (ms,))?;
        let (src, n) = match flat_items(&ms)? {
            Some(items) => items,
            None => {
                ms = ms.call_method0("copy")?;
                flat_items(&ms)?.ok_or_else(|| PyTypeError::new_err("starts: cannot read the array's items"))?
            }
        };
        let out = np.call_method1("empty", (shape, dtype))?;
        if n == 0 {
            return Ok(out);
        }
        let (dst, _) = flat_items(&out)?.ok_or_else(|| PyTypeError::new_err("cannot write a new NumPy array"))?;
        // SAFETY: `ms` is a live, C-ordered, aligned array of `n` native
        // 8-byte items, kept alive by the reference held here. Other Python
        // threads may write to it while the GIL is released, so it is read
        // through atomics (plain loads on every platform, without a data race).
        let input = unsafe { std::slice::from_raw_parts(src as *const AtomicI64, n) };
        // SAFETY: `out` was just made, C-ordered and aligned, `n` 8-byte
        // items; nothing else has seen it yet.
        let output = unsafe { std::slice::from_raw_parts_mut(dst as *mut i64, n) };
        let cal = &*self.inner;
        match py.detach(|| add_parallel(cal, span, input, output)) {
            Ok(()) => Ok(out),
            Err((i, e)) => Err(conv::err_at(py, &e, i, "starts")),
        }
    }
}

/// NumPy's description of an array (`__array_struct__`): the C struct of
/// its array interface protocol, version 2.
#[repr(C)]
struct ArrayInterface {
    two: c_int,
    nd: c_int,
    _typekind: c_char,
    itemsize: c_int,
    flags: c_int,
    shape: *const isize,
    _strides: *const isize,
    data: *mut c_void,
    _descr: *mut pyo3::ffi::PyObject,
}

/// The array interface's flags: C-contiguous, aligned, in native byte order.
const C_ALIGNED_NATIVE: c_int = 0x1 | 0x100 | 0x200;

/// The address of an array's first item and its number of items, when its
/// items are 8 bytes each, in C order, aligned and in native byte order
/// (None otherwise). Read from `__array_struct__` (a capsule), which NumPy
/// makes in well under a microsecond, unlike `__array_interface__`.
fn flat_items(array: &Bound<'_, PyAny>) -> PyResult<Option<(usize, usize)>> {
    let capsule = array.getattr("__array_struct__")?;
    // SAFETY: a capsule pointer of NumPy's array struct (its name is NULL);
    // a wrong object gives NULL and an exception, which is taken.
    let raw = unsafe { pyo3::ffi::PyCapsule_GetPointer(capsule.as_ptr(), std::ptr::null()) };
    if raw.is_null() {
        let _ = PyErr::take(array.py());
        return Ok(None);
    }
    // SAFETY: NumPy keeps the struct alive as long as the capsule, which is
    // held until the end of this function.
    let info = unsafe { &*(raw as *const ArrayInterface) };
    if info.two != 2 || info.itemsize != 8 || info.flags & C_ALIGNED_NATIVE != C_ALIGNED_NATIVE || info.nd < 0 {
        return Ok(None);
    }
    let mut n: usize = 1;
    for k in 0..info.nd as usize {
        // SAFETY: `shape` holds `nd` lengths.
        let len = unsafe { *info.shape.add(k) };
        n = n.saturating_mul(usize::try_from(len).unwrap_or(0));
    }
    Ok(Some((info.data as usize, n)))
}

/// `add` over epoch milliseconds (i64::MIN = NaT passes through) from
/// `input` into `out`, on rayon's pool. Err: the first failure in input
/// order, with its index.
fn add_parallel(cal: &CoreCalendar, span: &Span, input: &[AtomicI64], out: &mut [i64]) -> Result<(), (usize, Error)> {
    if input.len() < PARALLEL_MIN {
        return add_block(cal, span, input, out, 0);
    }
    const BLOCK: usize = 4096;
    let results: Vec<Result<(), (usize, Error)>> = input
        .par_chunks(BLOCK)
        .zip(out.par_chunks_mut(BLOCK))
        .enumerate()
        .map(|(k, (i, o))| add_block(cal, span, i, o, k * BLOCK))
        .collect();
    // Blocks are in order, so the first error found is the first in the input.
    results.into_iter().collect()
}

fn add_block(
    cal: &CoreCalendar,
    span: &Span,
    input: &[AtomicI64],
    out: &mut [i64],
    first: usize,
) -> Result<(), (usize, Error)> {
    for (i, (src, dst)) in input.iter().zip(out.iter_mut()).enumerate() {
        *dst = add_one(cal, span, src.load(Ordering::Relaxed)).map_err(|e| (first + i, e))?;
    }
    Ok(())
}
