//! Conversions between Python values and plaint-core's: JSON values,
//! instants and aware datetimes, errors.
//!
//! What a Python value means as JSON (the translation every entry point
//! shares, so dicts, DataFrames and Arrow columns read alike):
//! - a missing value (`None`, a float NaN, `pandas.NaT`, `pandas.NA`,
//!   NumPy's NaT) is JSON null, which the core reads as "not given": a
//!   required field left missing is `missing_field` at its path;
//! - NumPy scalars are their Python values; a `decimal.Decimal` is a number;
//!   an aware datetime (or `pandas.Timestamp`) is an instant;
//! - anything else, an infinite number or a datetime without a zone is a
//!   `PlaintError` with the JSON path of the value, never a bare Python
//!   error.

use chrono::{Datelike, Timelike};
use plaint_core::Error;
use plaint_core::decode::child;
use plaint_core::model::instant::parse_instant;
use plaint_core::{Code, Instant};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};
use std::borrow::Cow;

/// Why a Python value could not be read: a problem of the input (a core
/// error with its path, reported like any other invalid input) or a Python
/// exception raised while reading it (raised as it is).
pub enum ReadError {
    Bad(Error),
    Py(PyErr),
}

impl From<PyErr> for ReadError {
    fn from(e: PyErr) -> ReadError {
        ReadError::Py(e)
    }
}

impl ReadError {
    /// As a Python exception (a core error becomes its PlaintError).
    pub fn into_py(self, py: Python<'_>) -> PyErr {
        match self {
            ReadError::Bad(e) => err(py, &e),
            ReadError::Py(e) => e,
        }
    }
}

fn bad(code: Code, path: &str, message: String) -> ReadError {
    ReadError::Bad(Error::new(code, path.to_string(), message))
}

/// Python's datetime pieces, looked up once.
pub struct DateTimes {
    datetime: Py<PyAny>,
    timedelta: Py<PyAny>,
    epoch: Py<PyAny>,
    mapping: Py<PyAny>,
}

/// Days from 0001-01-01 (day 1) to 1970-01-01, as chrono's `num_days_from_ce` counts.
const UNIX_EPOCH_DAYS_FROM_CE: i64 = 719_163;

static DATETIMES: PyOnceLock<DateTimes> = PyOnceLock::new();

impl DateTimes {
    pub fn get(py: Python<'_>) -> PyResult<&DateTimes> {
        DATETIMES.get_or_try_init(py, || {
            let m = py.import("datetime")?;
            let utc = m.getattr("timezone")?.getattr("utc")?;
            let datetime = m.getattr("datetime")?;
            let epoch = datetime.call1((1970, 1, 1, 0, 0, 0, 0, utc))?;
            Ok(DateTimes {
                datetime: datetime.unbind(),
                timedelta: m.getattr("timedelta")?.unbind(),
                epoch: epoch.unbind(),
                mapping: py.import("collections.abc")?.getattr("Mapping")?.unbind(),
            })
        })
    }

    /// The aware datetime of epoch milliseconds, in `zone` (a tzinfo):
    /// the UTC fields computed here, then `zone.fromutc`, so the wall time
    /// and offset are the tzinfo's own (its rules decide, across DST
    /// changes too). Two calls into Python, neither through Python code.
    pub fn datetime_at<'py>(&self, py: Python<'py>, ms: i64, zone: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let Some(utc) = chrono::DateTime::from_timestamp_millis(ms) else {
            return Err(pyo3::exceptions::PyOverflowError::new_err(format!(
                "{ms} ms is out of range"
            )));
        };
        let (date, time) = (utc.date_naive(), utc.time());
        let fields = (
            date.year(),
            date.month(),
            date.day(),
            time.hour(),
            time.minute(),
            time.second(),
            // Instants are whole milliseconds: the sub-second part is ms * 1000 µs.
            time.nanosecond() / 1000,
            zone,
        );
        let naive_utc = self.datetime.bind(py).call1(fields)?;
        zone.call_method1(intern!(py, "fromutc"), (naive_utc,))
    }

    fn is_datetime(&self, obj: &Bound<'_, PyAny>) -> PyResult<bool> {
        obj.is_instance(self.datetime.bind(obj.py()))
    }

    /// The instant of `obj` when it is an aware `datetime.datetime` (the
    /// exact type, not a subclass such as pandas.Timestamp) within plaint's
    /// range; None for anything else, which the general path reads (and
    /// reports: a naive datetime, an out-of-range one).
    ///
    /// It computes what `obj - epoch` computes, without the intermediate
    /// objects: the wall time minus the offset its own tzinfo gives for it
    /// (`tzinfo.utcoffset(obj)`, which reads `fold` in a repeated hour), so
    /// the zone's rules are Python's, whatever the tzinfo.
    pub fn exact_instant(&self, obj: &Bound<'_, PyAny>) -> Option<Instant> {
        let py = obj.py();
        if !obj.get_type().is(self.datetime.bind(py)) {
            return None;
        }
        let tz = obj.getattr(intern!(py, "tzinfo")).ok()?;
        if tz.is_none() {
            return None;
        }
        let offset = tz.call_method1(intern!(py, "utcoffset"), (obj,)).ok()?;
        let offset_us = self.offset_us(&offset)?;
        let field = |name: &Bound<'_, PyString>| obj.getattr(name).ok()?.extract::<i64>().ok();
        let date = chrono::NaiveDate::from_ymd_opt(
            i32::try_from(field(intern!(py, "year"))?).ok()?,
            u32::try_from(field(intern!(py, "month"))?).ok()?,
            u32::try_from(field(intern!(py, "day"))?).ok()?,
        )?;
        let days = i64::from(date.num_days_from_ce()) - UNIX_EPOCH_DAYS_FROM_CE;
        let seconds =
            field(intern!(py, "hour"))? * 3600 + field(intern!(py, "minute"))? * 60 + field(intern!(py, "second"))?;
        let wall_us = (days * 86_400 + seconds) * 1_000_000 + field(intern!(py, "microsecond"))?;
        // Sub-millisecond digits are dropped, as RFC 3339 text's are.
        Instant::from_ms((wall_us - offset_us).div_euclid(1000)).ok()
    }

    /// A UTC offset (a `datetime.timedelta` strictly within a day, as
    /// `datetime` requires of `utcoffset`) in microseconds.
    fn offset_us(&self, offset: &Bound<'_, PyAny>) -> Option<i64> {
        let py = offset.py();
        if !offset.get_type().is(self.timedelta.bind(py)) {
            return None;
        }
        let part = |name: &Bound<'_, PyString>| offset.getattr(name).ok()?.extract::<i64>().ok();
        let us = part(intern!(py, "days"))? * 86_400_000_000
            + part(intern!(py, "seconds"))? * 1_000_000
            + part(intern!(py, "microseconds"))?;
        (us.abs() < 86_400_000_000).then_some(us)
    }
}

/// The UTF-8 text of a str, borrowed from the str where the platform
/// allows. Under the Python 3.9 stable ABI pyo3 copies every str through a
/// new bytes object, because PyUnicode_AsUTF8AndSize joined the stable ABI
/// only in 3.10; yet the function is in every CPython 3 with this signature
/// and exported by the interpreter on Linux and macOS, and it returns the
/// str's own cached UTF-8 form (no copy for ASCII text). On Windows an abi3
/// module links to python3.dll, which exports it only from 3.10 on: there
/// the copy stays.
pub fn str_of<'a>(s: &'a Bound<'_, PyString>) -> PyResult<Cow<'a, str>> {
    #[cfg(not(windows))]
    {
        unsafe extern "C" {
            fn PyUnicode_AsUTF8AndSize(
                unicode: *mut pyo3::ffi::PyObject,
                size: *mut pyo3::ffi::Py_ssize_t,
            ) -> *const std::os::raw::c_char;
        }
        let mut size: pyo3::ffi::Py_ssize_t = 0;
        // SAFETY: `s` is a live str and the GIL is held (a Bound proves both).
        let data = unsafe { PyUnicode_AsUTF8AndSize(s.as_ptr(), &mut size) };
        if data.is_null() {
            return Err(PyErr::fetch(s.py()));
        }
        // SAFETY: CPython returns `size` bytes of valid UTF-8 owned by the
        // str, kept until the str is freed; the borrow of `s` outlives ours.
        let bytes = unsafe { std::slice::from_raw_parts(data.cast::<u8>(), size as usize) };
        Ok(Cow::Borrowed(unsafe { std::str::from_utf8_unchecked(bytes) }))
    }
    #[cfg(windows)]
    s.to_cow()
}

/// Whether `obj` is a dict or another collections.abc.Mapping.
pub fn is_mapping(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let py = obj.py();
    Ok(obj.cast::<PyDict>().is_ok() || obj.is_instance(DateTimes::get(py)?.mapping.bind(py))?)
}

/// The zoneinfo.ZoneInfo of an IANA name.
pub fn zoneinfo(py: Python<'_>, name: &str) -> PyResult<Py<PyAny>> {
    static ZONEINFO: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let cls = ZONEINFO.get_or_try_init(py, || {
        Ok::<_, PyErr>(py.import("zoneinfo")?.getattr("ZoneInfo")?.unbind())
    })?;
    Ok(cls.bind(py).call1((name,))?.unbind())
}

/// The instant of the argument `name` (`now`, ...): an aware datetime or an
/// RFC 3339 string. Anything else is a PlaintError at `/<name>`: a naive
/// datetime is `instant_without_offset` (plaint never guesses local time),
/// a missing value `missing_field`, another type `invalid_type`.
pub fn instant_arg(py: Python<'_>, obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Instant> {
    instant_at(obj, &format!("/{name}")).map_err(|e| e.into_py(py))
}

/// The `beyond_data` argument of an assessment: None (the policy's
/// option), "undetermined" or "projected"; read by the core as the JSON
/// layer's `beyond_data`, so another value is its `invalid_value` at
/// `/beyond_data`.
pub fn beyond_data_arg(py: Python<'_>, value: Option<&str>) -> PyResult<Option<plaint_core::BeyondData>> {
    match value {
        None => Ok(None),
        Some(v) => {
            plaint_core::api::read_beyond_data(&serde_json::json!({ "beyond_data": v })).map_err(|e| err(py, &e))
        }
    }
}

/// `instant_arg` with the path of the value given.
pub fn instant_at(obj: &Bound<'_, PyAny>, path: &str) -> Result<Instant, ReadError> {
    if let Ok(s) = obj.cast::<PyString>() {
        return parse_instant(&str_of(s)?).map_err(|e| ReadError::Bad(at_path(e, path)));
    }
    if let Some(at) = DateTimes::get(obj.py())?.exact_instant(obj) {
        return Ok(at);
    }
    match value_at(obj, &mut path.to_string(), 0)? {
        Value::String(s) => parse_instant(&s).map_err(|e| ReadError::Bad(at_path(e, path))),
        Value::Null => Err(bad(
            Code::MissingField,
            path,
            "a missing value where an instant is required".into(),
        )),
        _ => Err(bad(
            Code::InvalidType,
            path,
            format!(
                "expected an aware datetime or an RFC 3339 string, got {}",
                obj.get_type().name()?
            ),
        )),
    }
}

/// A core error about one value, moved to `path`.
fn at_path(e: Error, path: &str) -> Error {
    Error::new(e.code(), format!("{path}{}", e.path()), e.to_string())
}

/// A Python value (dict or other Mapping, list, tuple, str, int, float,
/// bool, None and the other missing values, aware datetime, NumPy scalar or
/// array, Decimal) as JSON.
pub fn value_of_py(obj: &Bound<'_, PyAny>) -> Result<Value, ReadError> {
    value_at(obj, &mut String::new(), 0)
}

/// `value_of_py` of the value at `path` (the path is extended while
/// descending, and used only when a value cannot be read).
fn value_at(obj: &Bound<'_, PyAny>, path: &mut String, depth: usize) -> Result<Value, ReadError> {
    if depth > 128 {
        return Err(bad(
            Code::InvalidJson,
            path,
            "the input nests deeper than 128 levels".into(),
        ));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(str_of(s)?.into_owned()));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        return object_at(d.iter(), path, depth);
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.cast::<PyInt>().is_ok() {
        return int_at(obj, path);
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return float_at(f.value(), path);
    }
    if obj.cast::<PyList>().is_ok() || obj.cast::<PyTuple>().is_ok() {
        return array_at(obj, path, depth);
    }
    let py = obj.py();
    let dt = DateTimes::get(py)?;
    if let Some(at) = dt.exact_instant(obj) {
        return Ok(Value::String(at.to_utc_string()));
    }
    if dt.is_datetime(obj)? {
        // pandas.NaT is a datetime that is not equal to itself.
        if obj.ne(obj)? {
            return Ok(Value::Null);
        }
        if obj.call_method0("utcoffset")?.is_none() {
            return Err(bad(
                Code::InstantWithoutOffset,
                path,
                format!(
                    "naive datetime {}: give a tzinfo (plaint never guesses local time)",
                    obj.str()?
                ),
            ));
        }
        return Ok(Value::String(aware_instant(py, obj, path)?.to_utc_string()));
    }
    other_at(obj, path, depth)
}

/// The values of types outside the builtins: NumPy, Decimal, pandas.NA,
/// other Mappings.
fn other_at(obj: &Bound<'_, PyAny>, path: &mut String, depth: usize) -> Result<Value, ReadError> {
    let py = obj.py();
    let ty = obj.get_type();
    let module: String = ty.getattr("__module__")?.extract().unwrap_or_default();
    let name = ty.name()?.to_string();
    if module == "numpy" {
        return numpy_at(obj, &name, path, depth);
    }
    if module == "decimal" && name == "Decimal" {
        return decimal_at(obj, path);
    }
    if name == "NAType" && module.starts_with("pandas") {
        return Ok(Value::Null);
    }
    if obj.is_instance(DateTimes::get(py)?.mapping.bind(py))? {
        let items = obj.call_method0("items")?;
        let mut pairs = Vec::new();
        for item in items.try_iter()? {
            let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item?.extract()?;
            pairs.push((k, v));
        }
        return object_at(pairs.into_iter(), path, depth);
    }
    Err(bad(
        Code::InvalidType,
        path,
        format!(
            "cannot read a {name} (expected a dict, list, str, int, float, bool, None, an aware datetime, a NumPy scalar or a Decimal)"
        ),
    ))
}

fn object_at<'py>(
    items: impl Iterator<Item = (Bound<'py, PyAny>, Bound<'py, PyAny>)>,
    path: &mut String,
    depth: usize,
) -> Result<Value, ReadError> {
    let mut map = Map::new();
    for (k, v) in items {
        let Ok(key) = k.cast::<PyString>() else {
            return Err(bad(
                Code::InvalidType,
                path,
                format!("a key of type {} (keys must be strings)", k.get_type().name()?),
            ));
        };
        let key = str_of(key)?.into_owned();
        let len = path.len();
        path.push_str(&child("", &key));
        let value = value_at(&v, path, depth + 1)?;
        path.truncate(len);
        map.insert(key, value);
    }
    Ok(Value::Object(map))
}

fn array_at(obj: &Bound<'_, PyAny>, path: &mut String, depth: usize) -> Result<Value, ReadError> {
    let mut out = Vec::new();
    for (i, item) in obj.try_iter()?.enumerate() {
        let len = path.len();
        path.push_str(&format!("/{i}"));
        out.push(value_at(&item?, path, depth + 1)?);
        path.truncate(len);
    }
    Ok(Value::Array(out))
}

fn int_at(obj: &Bound<'_, PyAny>, path: &str) -> Result<Value, ReadError> {
    if let Ok(i) = obj.extract::<i64>() {
        return Ok(Value::from(i));
    }
    if let Ok(u) = obj.extract::<u64>() {
        return Ok(Value::from(u));
    }
    // Beyond 64 bits, JSON text's reader (serde_json) gives the nearest
    // float; the dict gives the same, so both entry points agree.
    if let Some(n) = obj.extract::<f64>().ok().and_then(Number::from_f64) {
        return Ok(Value::Number(n));
    }
    Err(bad(
        Code::InvalidValue,
        path,
        format!("integer {} is out of range", obj.str()?),
    ))
}

fn float_at(f: f64, path: &str) -> Result<Value, ReadError> {
    if f.is_nan() {
        return Ok(Value::Null);
    }
    Number::from_f64(f)
        .map(Value::Number)
        .ok_or_else(|| bad(Code::InvalidValue, path, format!("{f} is not a finite number")))
}

/// A NumPy scalar as its Python value; an array as a list; a datetime64 is
/// refused unless NaT (it has no zone).
fn numpy_at(obj: &Bound<'_, PyAny>, name: &str, path: &mut String, depth: usize) -> Result<Value, ReadError> {
    if name == "ndarray" {
        return value_at(&obj.call_method0("tolist")?, path, depth + 1);
    }
    let kind: String = obj.getattr("dtype")?.getattr("kind")?.extract()?;
    if kind == "M" || kind == "m" {
        let nat: bool = obj.py().import("numpy")?.call_method1("isnat", (obj,))?.extract()?;
        if nat {
            return Ok(Value::Null);
        }
        let (code, why) = if kind == "M" {
            (
                Code::InstantWithoutOffset,
                "a numpy.datetime64 has no time zone; give an aware datetime or pandas.Timestamp (plaint never guesses local time)",
            )
        } else {
            (Code::InvalidType, "a numpy.timedelta64 is not a value plaint reads")
        };
        return Err(bad(code, path, format!("{}: {why}", obj.str()?)));
    }
    value_at(&obj.call_method0("item")?, path, depth + 1)
}

/// A Decimal as a JSON number (NaN: missing).
fn decimal_at(obj: &Bound<'_, PyAny>, path: &str) -> Result<Value, ReadError> {
    if obj.call_method0("is_nan")?.is_truthy()? {
        return Ok(Value::Null);
    }
    let text = obj.str()?.to_cow()?.into_owned();
    match serde_json::from_str::<Number>(&text) {
        Ok(n) if n.as_f64().is_some_and(f64::is_finite) => Ok(Value::Number(n)),
        _ => Err(bad(
            Code::InvalidValue,
            path,
            format!("Decimal {text} is not a finite number"),
        )),
    }
}

/// The instant of an aware datetime (or pandas.Timestamp).
fn aware_instant(py: Python<'_>, obj: &Bound<'_, PyAny>, path: &str) -> Result<Instant, ReadError> {
    let delta = obj.sub(DateTimes::get(py)?.epoch.bind(py))?;
    let days: i64 = delta.getattr("days")?.extract()?;
    let seconds: i64 = delta.getattr("seconds")?.extract()?;
    let micros: i64 = delta.getattr("microseconds")?.extract()?;
    let ms = days * 86_400_000 + seconds * 1000 + micros.div_euclid(1000);
    Instant::from_ms(ms).map_err(|e| ReadError::Bad(at_path(e, path)))
}

/// A JSON value as Python objects.
pub fn py_of_value<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(py_of_value(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let d = PyDict::new(py);
            for (k, v) in map {
                d.set_item(k, py_of_value(py, v)?)?;
            }
            d.into_any()
        }
    })
}

/// The plaint.PlaintError subclass for a core error, built by plaint.errors.
pub fn err(py: Python<'_>, e: &Error) -> PyErr {
    raise(py, e.to_string(), e, None)
}

/// The error of the `i`-th element of the batch argument `name`: the index
/// is in the message and prefixes every path (`/cases/3/complaint/id`).
pub fn err_at(py: Python<'_>, e: &Error, i: usize, name: &str) -> PyErr {
    raise(py, format!("{name}[{i}]: {e}"), e, Some(format!("/{name}/{i}")))
}

/// The error of a batch in which the items `failed` (position, error) could
/// not be used: every problem of every one, each with the item's `index`,
/// built by plaint.errors (`_batch_error`).
pub fn batch_err(py: Python<'_>, name: &str, total: usize, failed: &[(usize, Error)]) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let rows = PyList::empty(py);
        for (i, e) in failed {
            for p in e.problems() {
                rows.append((*i, *i, p.code.as_str(), p.path.as_str(), p.message.as_str()))?;
            }
        }
        let make = py.import("plaint.errors")?.getattr("_batch_error")?;
        Ok(PyErr::from_value(make.call1((name, total, rows))?))
    };
    build().unwrap_or_else(|fail| fail)
}

fn raise(py: Python<'_>, message: String, e: &Error, prefix: Option<String>) -> PyErr {
    let pre = prefix.as_deref().unwrap_or("");
    let build = || -> PyResult<PyErr> {
        let problems = PyList::empty(py);
        for p in e.problems() {
            let d = PyDict::new(py);
            d.set_item("code", p.code.as_str())?;
            let path = if p.path.is_empty() && !pre.is_empty() {
                pre.to_string()
            } else {
                format!("{pre}{}", p.path)
            };
            d.set_item("path", path)?;
            d.set_item("message", &p.message)?;
            problems.append(d)?;
        }
        let path = format!("{pre}{}", e.path());
        let make = py.import("plaint.errors")?.getattr("_from_core")?;
        let exc = make.call1((message.as_str(), e.code().as_str(), path, problems))?;
        Ok(PyErr::from_value(exc))
    };
    build().unwrap_or_else(|fail| fail)
}
