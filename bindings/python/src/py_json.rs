//! A Python value read as JSON, in one of two forms from one walk: a
//! value tree (`value_of_py`, for the JSON layer's readers of policies,
//! calendars and a complaint's attributes) or JSON text (`json_text_of_py`,
//! for cases in batches: the core reads a case from text without building a
//! tree, and text costs one growing buffer where a tree costs an
//! allocation per node). `kind_of` decides what a value is for both, so
//! the two forms cannot disagree; conv.rs describes what each Python type
//! means.

use crate::conv::{DateTimes, ReadError, at_path, bad, str_of};
use plaint_core::decode::push_child;
use plaint_core::{Code, Instant};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};
use std::borrow::Cow;
use std::fmt::Write as _;

/// Nesting deeper than this is refused (`invalid_json`), as in JSON text.
const MAX_DEPTH: usize = 128;

/// What a Python value is as JSON.
enum Kind<'py> {
    /// A string, kept as Python's own (written without a copy into text).
    Str(Bound<'py, PyString>),
    /// null, a boolean, a number, or an instant as its UTC text.
    Scalar(Value),
    Dict(Bound<'py, PyDict>),
    /// Another Mapping's items.
    Pairs(Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)>),
    /// A list, a tuple or a NumPy array's `tolist()`.
    Seq(Bound<'py, PyAny>),
}

/// A Python value (dict or other Mapping, list, tuple, str, int, float,
/// bool, None and the other missing values, aware datetime, NumPy scalar or
/// array, Decimal) as JSON.
pub fn value_of_py(obj: &Bound<'_, PyAny>) -> Result<Value, ReadError> {
    value_at(obj, &mut String::new(), 0)
}

/// `value_of_py` as JSON text (valid JSON by construction).
pub fn json_text_of_py(obj: &Bound<'_, PyAny>) -> Result<String, ReadError> {
    let mut out = Vec::with_capacity(512);
    text_at(obj, &mut out, &mut String::new(), 0)?;
    // Only str text and serde_json's output went in: UTF-8 throughout.
    String::from_utf8(out).map_err(|e| bad(Code::InvalidValue, "", format!("not UTF-8: {e}")))
}

/// `value_of_py` of the value at `path` (the path is extended while
/// descending, and used only when a value cannot be read).
pub fn value_at(obj: &Bound<'_, PyAny>, path: &mut String, depth: usize) -> Result<Value, ReadError> {
    Ok(match kind_of(obj, path, depth)? {
        Kind::Str(s) => Value::String(str_of(&s)?.into_owned()),
        Kind::Scalar(v) => v,
        Kind::Dict(d) => object(d.iter(), path, depth)?,
        Kind::Pairs(pairs) => object(pairs.into_iter(), path, depth)?,
        Kind::Seq(seq) => {
            let mut out = Vec::new();
            for (i, item) in seq.try_iter()?.enumerate() {
                let len = path.len();
                let _ = write!(path, "/{i}");
                out.push(value_at(&item?, path, depth + 1)?);
                path.truncate(len);
            }
            Value::Array(out)
        }
    })
}

fn object<'py>(
    items: impl Iterator<Item = (Bound<'py, PyAny>, Bound<'py, PyAny>)>,
    path: &mut String,
    depth: usize,
) -> Result<Value, ReadError> {
    let mut map = Map::new();
    for (k, v) in items {
        let key = key_of(&k, path)?.into_owned();
        let len = path.len();
        push_child(path, &key);
        let value = value_at(&v, path, depth + 1)?;
        path.truncate(len);
        map.insert(key, value);
    }
    Ok(Value::Object(map))
}

/// `value_at` written as JSON text onto `out`.
fn text_at(obj: &Bound<'_, PyAny>, out: &mut Vec<u8>, path: &mut String, depth: usize) -> Result<(), ReadError> {
    match kind_of(obj, path, depth)? {
        Kind::Str(s) => write_json(out, &*str_of(&s)?),
        // serde_json's own text of the value, which it reads back as the
        // same value (floats too: float_roundtrip).
        Kind::Scalar(v) => write_json(out, &v),
        Kind::Dict(d) => text_object(d.iter(), out, path, depth)?,
        Kind::Pairs(pairs) => text_object(pairs.into_iter(), out, path, depth)?,
        Kind::Seq(seq) => {
            out.push(b'[');
            for (i, item) in seq.try_iter()?.enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                let len = path.len();
                let _ = write!(path, "/{i}");
                text_at(&item?, out, path, depth + 1)?;
                path.truncate(len);
            }
            out.push(b']');
        }
    }
    Ok(())
}

fn text_object<'py>(
    items: impl Iterator<Item = (Bound<'py, PyAny>, Bound<'py, PyAny>)>,
    out: &mut Vec<u8>,
    path: &mut String,
    depth: usize,
) -> Result<(), ReadError> {
    out.push(b'{');
    for (i, (k, v)) in items.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let key = key_of(&k, path)?;
        write_json(out, &*key);
        out.push(b':');
        let len = path.len();
        push_child(path, &key);
        text_at(&v, out, path, depth + 1)?;
        path.truncate(len);
    }
    out.push(b'}');
    Ok(())
}

/// `v` as serde_json writes it (a str as an escaped string literal).
fn write_json<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, v: &T) {
    // Writing into a Vec cannot fail.
    let _ = serde_json::to_writer(out, v);
}

/// An object key: only strings.
fn key_of<'a>(k: &'a Bound<'_, PyAny>, path: &str) -> Result<Cow<'a, str>, ReadError> {
    match k.cast::<PyString>() {
        Ok(key) => Ok(str_of(key)?),
        Err(_) => Err(bad(
            Code::InvalidType,
            path,
            format!("a key of type {} (keys must be strings)", k.get_type().name()?),
        )),
    }
}

/// What `obj` is as JSON; an error (at `path`) for what JSON cannot hold.
fn kind_of<'py>(obj: &Bound<'py, PyAny>, path: &str, depth: usize) -> Result<Kind<'py>, ReadError> {
    if depth > MAX_DEPTH {
        return Err(bad(
            Code::InvalidJson,
            path,
            format!("the input nests deeper than {MAX_DEPTH} levels"),
        ));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Kind::Str(s.clone()));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        return Ok(Kind::Dict(d.clone()));
    }
    if obj.is_none() {
        return Ok(Kind::Scalar(Value::Null));
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Kind::Scalar(Value::Bool(b.is_true())));
    }
    if obj.cast::<PyInt>().is_ok() {
        return int_at(obj, path).map(Kind::Scalar);
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return float_at(f.value(), path).map(Kind::Scalar);
    }
    if obj.cast::<PyList>().is_ok() || obj.cast::<PyTuple>().is_ok() {
        return Ok(Kind::Seq(obj.clone()));
    }
    let py = obj.py();
    let dt = DateTimes::get(py)?;
    if let Some(at) = dt.exact_instant(obj) {
        return Ok(Kind::Scalar(Value::String(at.to_utc_string())));
    }
    if dt.is_datetime(obj)? {
        // pandas.NaT is a datetime that is not equal to itself.
        if obj.ne(obj)? {
            return Ok(Kind::Scalar(Value::Null));
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
        return Ok(Kind::Scalar(Value::String(
            aware_instant(py, obj, path)?.to_utc_string(),
        )));
    }
    other_kind(obj, path, depth)
}

/// The kinds of types outside the builtins: NumPy, Decimal, pandas.NA,
/// other Mappings.
fn other_kind<'py>(obj: &Bound<'py, PyAny>, path: &str, depth: usize) -> Result<Kind<'py>, ReadError> {
    let py = obj.py();
    let ty = obj.get_type();
    let module: String = ty.getattr("__module__")?.extract().unwrap_or_default();
    let name = ty.name()?.to_string();
    if module == "numpy" {
        return numpy_kind(obj, &name, path, depth);
    }
    if module == "decimal" && name == "Decimal" {
        return decimal_at(obj, path).map(Kind::Scalar);
    }
    if name == "NAType" && module.starts_with("pandas") {
        return Ok(Kind::Scalar(Value::Null));
    }
    if obj.is_instance(DateTimes::get(py)?.mapping.bind(py))? {
        let items = obj.call_method0("items")?;
        let mut pairs = Vec::new();
        for item in items.try_iter()? {
            pairs.push(item?.extract()?);
        }
        return Ok(Kind::Pairs(pairs));
    }
    Err(bad(
        Code::InvalidType,
        path,
        format!(
            "cannot read a {name} (expected a dict, list, str, int, float, bool, None, an aware datetime, a NumPy scalar or a Decimal)"
        ),
    ))
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
fn numpy_kind<'py>(obj: &Bound<'py, PyAny>, name: &str, path: &str, depth: usize) -> Result<Kind<'py>, ReadError> {
    if name == "ndarray" {
        return kind_of(&obj.call_method0("tolist")?, path, depth + 1);
    }
    let kind: String = obj.getattr("dtype")?.getattr("kind")?.extract()?;
    if kind == "M" || kind == "m" {
        let nat: bool = obj.py().import("numpy")?.call_method1("isnat", (obj,))?.extract()?;
        if nat {
            return Ok(Kind::Scalar(Value::Null));
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
    kind_of(&obj.call_method0("item")?, path, depth + 1)
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
