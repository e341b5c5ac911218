//! Conversions between Python values and plaint-core's: JSON values,
//! instants and aware datetimes, errors.

use plaint_core::Error;
use plaint_core::model::instant::parse_instant;
use plaint_core::{Instant, Stamp};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

/// Python's datetime pieces, looked up once.
pub struct DateTimes {
    datetime: Py<PyAny>,
    timedelta: Py<PyAny>,
    epoch: Py<PyAny>,
}

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
            })
        })
    }

    /// The aware datetime of epoch milliseconds, in `zone`.
    pub fn datetime_at<'py>(&self, py: Python<'py>, ms: i64, zone: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let delta = self.timedelta.bind(py).call1((0, 0, 0, ms))?;
        self.epoch.bind(py).add(delta)?.call_method1("astimezone", (zone,))
    }

    fn is_datetime(&self, obj: &Bound<'_, PyAny>) -> PyResult<bool> {
        obj.is_instance(self.datetime.bind(obj.py()))
    }
}

/// The zoneinfo.ZoneInfo of an IANA name.
pub fn zoneinfo(py: Python<'_>, name: &str) -> PyResult<Py<PyAny>> {
    static ZONEINFO: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let cls = ZONEINFO.get_or_try_init(py, || {
        Ok::<_, PyErr>(py.import("zoneinfo")?.getattr("ZoneInfo")?.unbind())
    })?;
    Ok(cls.bind(py).call1((name,))?.unbind())
}

/// A result's instant as an aware datetime in `zone` (the calendar's).
pub fn datetime_of_stamp<'py>(
    py: Python<'py>,
    s: Option<Stamp>,
    zone: &Bound<'py, PyAny>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    s.map(|s| DateTimes::get(py)?.datetime_at(py, s.at.0, zone)).transpose()
}

/// An instant from an aware datetime or an RFC 3339 string. A naive
/// datetime is a ValueError: plaint never guesses local time.
pub fn instant_of(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<Instant> {
    if let Ok(s) = obj.cast::<PyString>() {
        return parse_instant(&s.to_cow()?).map_err(|e| err(py, &e));
    }
    let dt = DateTimes::get(py)?;
    if !dt.is_datetime(obj)? {
        return Err(PyTypeError::new_err(format!(
            "expected an aware datetime or an RFC 3339 string, got {}",
            obj.get_type().name()?
        )));
    }
    if obj.call_method0("utcoffset")?.is_none() {
        return Err(PyValueError::new_err(format!(
            "naive datetime {}: give a tzinfo (plaint never guesses local time)",
            obj.str()?
        )));
    }
    let delta = obj.sub(dt.epoch.bind(py))?;
    let days: i64 = delta.getattr("days")?.extract()?;
    let seconds: i64 = delta.getattr("seconds")?.extract()?;
    let micros: i64 = delta.getattr("microseconds")?.extract()?;
    let ms = days * 86_400_000 + seconds * 1000 + micros.div_euclid(1000);
    Instant::from_ms(ms).map_err(|e| err(py, &e))
}

/// A Python value (dict, list, tuple, str, int, float, bool, None, aware
/// datetime) as JSON.
pub fn value_of_py(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    value_at(obj, 0)
}

fn value_at(obj: &Bound<'_, PyAny>, depth: usize) -> PyResult<Value> {
    if depth > 128 {
        return Err(PyValueError::new_err("input nests deeper than 128 levels"));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in d.iter() {
            let key = k
                .cast::<PyString>()
                .map_err(|_| PyTypeError::new_err("dict keys must be strings"))?
                .to_cow()?
                .into_owned();
            map.insert(key, value_at(&v, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.cast::<PyInt>().is_ok() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::from(u));
        }
        return Err(PyValueError::new_err(format!("integer {} is too large", obj.str()?)));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        let f = f.value();
        return Number::from_f64(f)
            .map(Value::Number)
            .ok_or_else(|| PyValueError::new_err(format!("{f} is not a JSON number")));
    }
    if obj.cast::<PyList>().is_ok() || obj.cast::<PyTuple>().is_ok() {
        let mut out = Vec::new();
        for item in obj.try_iter()? {
            out.push(value_at(&item?, depth + 1)?);
        }
        return Ok(Value::Array(out));
    }
    let py = obj.py();
    if DateTimes::get(py)?.is_datetime(obj)? {
        let t = instant_of(py, obj)?;
        return Ok(Value::String(t.to_utc_string()));
    }
    Err(PyTypeError::new_err(format!(
        "cannot convert {} to JSON (expected dict, list, str, int, float, bool, None or an aware datetime)",
        obj.get_type().name()?
    )))
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

/// Prefix a Python-side conversion error with the element's index.
pub fn prefix_err(py: Python<'_>, e: PyErr, i: usize) -> PyErr {
    let msg = format!("starts[{i}]: {}", e.value(py));
    if e.is_instance_of::<PyTypeError>(py) {
        PyTypeError::new_err(msg)
    } else if e.is_instance_of::<PyValueError>(py) && !is_plaint(py, &e) {
        PyValueError::new_err(msg)
    } else {
        e
    }
}

fn is_plaint(py: Python<'_>, e: &PyErr) -> bool {
    py.import("plaint.errors")
        .and_then(|m| m.getattr("PlaintError"))
        .is_ok_and(|cls| e.value(py).is_instance(&cls).unwrap_or(false))
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
