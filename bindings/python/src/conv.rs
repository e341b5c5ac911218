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
use plaint_core::model::instant::parse_instant;
use plaint_core::{Code, Instant};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyDict, PyList, PyString};
use serde_json::Value;
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

pub fn bad(code: Code, path: &str, message: String) -> ReadError {
    ReadError::Bad(Error::new(code, path.to_string(), message))
}

/// Python's datetime pieces, looked up once.
pub struct DateTimes {
    datetime: Py<PyAny>,
    timedelta: Py<PyAny>,
    pub(crate) epoch: Py<PyAny>,
    pub(crate) mapping: Py<PyAny>,
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
        let datetime = self.datetime.bind(py);
        // The state form skips the argument parsing of the eight-argument
        // call (a third of a scalar `Calendar.add`); it holds years 1-9999,
        // Python's own range, so the call form is left for the rest, which
        // Python rejects with its own error.
        let naive_utc = match datetime_state(date, time) {
            Some(state) => datetime.call1((PyBytes::new(py, &state), zone))?,
            None => datetime.call1((
                date.year(),
                date.month(),
                date.day(),
                time.hour(),
                time.minute(),
                time.second(),
                time.nanosecond() / 1000,
                zone,
            ))?,
        };
        zone.call_method1(intern!(py, "fromutc"), (naive_utc,))
    }

    pub(crate) fn is_datetime(&self, obj: &Bound<'_, PyAny>) -> PyResult<bool> {
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
        let (wall_us, tz) = wall_micros(obj)?;
        let offset = tz?.call_method1(intern!(py, "utcoffset"), (obj,)).ok()?;
        let offset_us = self.offset_us(&offset)?;
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

/// Python's pickle state of a datetime: ten bytes, the year (big-endian),
/// month, day, hour, minute, second and microsecond (big-endian, three
/// bytes). `datetime(state, tzinfo)` is how pickle rebuilds one, in the C
/// implementation and the pure-Python one alike; None outside years
/// 1-9999, which the state cannot hold.
fn datetime_state(date: chrono::NaiveDate, time: chrono::NaiveTime) -> Option<[u8; 10]> {
    let year = u16::try_from(date.year()).ok().filter(|y| (1..=9999).contains(y))?;
    // Instants are whole milliseconds: the sub-second part is ms * 1000 µs.
    let us = (time.nanosecond() / 1000).min(999_999).to_be_bytes();
    let [y0, y1] = year.to_be_bytes();
    let byte = |v: u32| v as u8; // each field below 256 by its type's range
    Some([
        y0,
        y1,
        byte(date.month()),
        byte(date.day()),
        byte(time.hour()),
        byte(time.minute()),
        byte(time.second()),
        us[1],
        us[2],
        us[3],
    ])
}

/// The wall time of a `datetime.datetime` as microseconds from 1970-01-01
/// 00:00 on its own clock, and its tzinfo (None when naive), read from its
/// pickle state: one call, where the attributes are eight. The month
/// byte's top bit is `fold` under the newer pickle protocols: masked off,
/// as the offset (which reads `fold` itself) is the caller's.
fn wall_micros<'py>(obj: &Bound<'py, PyAny>) -> Option<(i64, Option<Bound<'py, PyAny>>)> {
    let args = obj
        .call_method0(intern!(obj.py(), "__reduce__"))
        .ok()?
        .get_item(1)
        .ok()?;
    let tz = args.get_item(1).ok().filter(|tz| !tz.is_none());
    let state = args.get_item(0).ok()?;
    let state = state.cast::<PyBytes>().ok()?.as_bytes();
    let &[y0, y1, month, day, hour, minute, second, u0, u1, u2] = state else {
        return None;
    };
    let date = chrono::NaiveDate::from_ymd_opt(
        i32::from(u16::from_be_bytes([y0, y1])),
        u32::from(month & 0x7f),
        u32::from(day),
    )?;
    let days = i64::from(date.num_days_from_ce()) - UNIX_EPOCH_DAYS_FROM_CE;
    let seconds = i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second);
    let micros = i64::from(u32::from_be_bytes([0, u0, u1, u2]));
    Some(((days * 86_400 + seconds) * 1_000_000 + micros, tz))
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
    match crate::py_json::value_at(obj, &mut path.to_string(), 0)? {
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
pub fn at_path(e: Error, path: &str) -> Error {
    Error::new(e.code(), format!("{path}{}", e.path()), e.to_string())
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
