//! Complaints read straight from Python dicts: the fast path of
//! `Policy.classify` and `Policy.classify_many`.
//!
//! `py_json::value_of_py` turns a dict into the JSON layer's value, which the
//! core then reads: for one complaint that costs more than classifying it.
//! This reader fills `Complaint` from the dict instead, but only where the
//! result is certainly the one the JSON layer would give:
//! - every key is one the JSON layer reads at that place (no unknown key);
//! - every value is a builtin Python value of the type that place reads (a
//!   str for text and codes, a known code, a non-empty id, a bool for a
//!   flag, an int or a finite float for an amount, an int for a count, an
//!   RFC 3339 str or an aware `datetime.datetime` within plaint's range for
//!   an instant), or None where the key is optional (the JSON layer reads
//!   null as "not given").
//!
//! Anything else (an unknown key, a wrong type, a value out of range, a
//! NumPy scalar, NaN, a person's classification, ...) gives None, and the
//! caller reads the dict through the JSON layer, which keeps every error's
//! code and path. tests/test_api.py compares both readers on the same
//! complaints (`test_classify_dict_reader_equals_json_layer`).

use crate::conv::{DateTimes, str_of};
use crate::py_json::value_of_py;
use plaint_core::decode::FromCode;
use plaint_core::model::{Customer, Facts, parse_instant};
use plaint_core::{Complaint, Instant};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::Map;

/// The complaint of a dict, or None when it must go through the JSON layer.
pub fn complaint(d: &Bound<'_, PyDict>) -> Option<Complaint> {
    let mut c = Complaint::default();
    let (mut id, mut received) = (None, None);
    for (k, v) in d.iter() {
        let key = k.cast::<PyString>().ok()?;
        let key = str_of(key).ok()?;
        if v.is_none() {
            // Null is "not given"; a required field left null is the JSON
            // layer's `missing_field` to report.
            match &*key {
                "id" | "received_at" => return None,
                "channel" | "customer" | "subject" | "product" | "department" | "text" | "facts" | "classification"
                | "attributes" => continue,
                _ => return None,
            }
        }
        match &*key {
            "id" => id = Some(name(&v)?),
            "received_at" => received = Some(instant(&v)?),
            "channel" => c.channel = Some(code(&v)?),
            "customer" => c.customer = customer(&v)?,
            "subject" => c.subject = Some(text(&v)?),
            "product" => c.product = Some(text(&v)?),
            "department" => c.department = Some(text(&v)?),
            "text" => c.text = text(&v)?,
            "facts" => c.facts = facts(&v)?,
            "attributes" => c.attributes = attributes(&v)?,
            _ => return None,
        }
    }
    c.id = id?;
    c.received_at = received?;
    Some(c)
}

fn customer(v: &Bound<'_, PyAny>) -> Option<Customer> {
    let mut c = Customer::default();
    for (k, v) in v.cast::<PyDict>().ok()?.iter() {
        let key = k.cast::<PyString>().ok()?;
        let key = str_of(key).ok()?;
        let given = !v.is_none();
        match &*key {
            "id" if given => c.id = Some(text(&v)?),
            "tier" if given => c.tier = Some(code(&v)?),
            "id" | "tier" => {}
            _ => return None,
        }
    }
    Some(c)
}

fn facts(v: &Bound<'_, PyAny>) -> Option<Facts> {
    let mut f = Facts::default();
    for (k, v) in v.cast::<PyDict>().ok()?.iter() {
        let key = k.cast::<PyString>().ok()?;
        let key = str_of(key).ok()?;
        if v.is_none() {
            if flag_field(&key).is_some() || FACTS.contains(&&*key) {
                continue;
            }
            return None;
        }
        match &*key {
            "loss_amount" => f.loss_amount = Some(amount(&v)?),
            "times_raised_before" => f.times_raised_before = Some(count(&v)?),
            "cause" => f.cause = Some(code(&v)?),
            "claim" => f.claim = Some(code(&v)?),
            "remedies_requested" => f.remedies_requested = codes(&v)?,
            "requested_due_at" => f.requested_due_at = Some(instant(&v)?),
            other => *flag_field(other)?(&mut f) = Some(flag(&v)?),
        }
    }
    Some(f)
}

/// The keys of `facts` other than its flags.
const FACTS: [&str; 6] = [
    "loss_amount",
    "times_raised_before",
    "cause",
    "claim",
    "remedies_requested",
    "requested_due_at",
];

fn flag_field(name: &str) -> Option<fn(&mut Facts) -> &mut Option<bool>> {
    Some(match name {
        "harm_ongoing" => |f| &mut f.harm_ongoing,
        "personal_injury" => |f| &mut f.personal_injury,
        "wrote_to_company" => |f| &mut f.wrote_to_company,
        "refuses_fees" => |f| &mut f.refuses_fees,
        "major_inconvenience" => |f| &mut f.major_inconvenience,
        "needs_coordination" => |f| &mut f.needs_coordination,
        "resolvable_on_spot" => |f| &mut f.resolvable_on_spot,
        "involves_other_department" => |f| &mut f.involves_other_department,
        _ => return None,
    })
}

/// Host data, each value as the JSON layer reads it (`value_of_py`).
fn attributes(v: &Bound<'_, PyAny>) -> Option<Map<String, serde_json::Value>> {
    let mut map = Map::new();
    for (k, v) in v.cast::<PyDict>().ok()?.iter() {
        let key = str_of(k.cast::<PyString>().ok()?).ok()?.into_owned();
        map.insert(key, value_of_py(&v).ok()?);
    }
    Some(map)
}

// The value readers: each accepts exactly what the JSON layer accepts from
// the value `value_of_py` would make of it, and gives up (None) on anything
// else. The caller has checked that the value is not None.

fn text(v: &Bound<'_, PyAny>) -> Option<String> {
    Some(str_of(v.cast::<PyString>().ok()?).ok()?.into_owned())
}

/// A non-empty id (the JSON layer's `name`).
fn name(v: &Bound<'_, PyAny>) -> Option<String> {
    text(v).filter(|s| !s.trim().is_empty())
}

fn code<T: FromCode>(v: &Bound<'_, PyAny>) -> Option<T> {
    T::from_code(&str_of(v.cast::<PyString>().ok()?).ok()?)
}

/// A list (or tuple) of codes.
fn codes<T: FromCode>(v: &Bound<'_, PyAny>) -> Option<Vec<T>> {
    if v.cast::<PyList>().is_err() && v.cast::<PyTuple>().is_err() {
        return None;
    }
    v.try_iter().ok()?.map(|item| code(&item.ok()?)).collect()
}

fn instant(v: &Bound<'_, PyAny>) -> Option<Instant> {
    if let Ok(s) = v.cast::<PyString>() {
        return parse_instant(&str_of(s).ok()?).ok();
    }
    DateTimes::get(v.py()).ok()?.exact_instant(v)
}

fn flag(v: &Bound<'_, PyAny>) -> Option<bool> {
    Some(v.cast::<PyBool>().ok()?.is_true())
}

/// An amount of money as the JSON layer reads it (Reader::amount): an int
/// or a finite float, not negative, -0 as 0.
fn amount(v: &Bound<'_, PyAny>) -> Option<f64> {
    let x = if v.is_exact_instance_of::<PyInt>() {
        v.extract::<i64>().ok()? as f64
    } else if v.is_exact_instance_of::<PyFloat>() {
        v.cast::<PyFloat>().ok()?.value()
    } else {
        return None;
    };
    (x.is_finite() && x >= 0.0).then_some(x + 0.0)
}

/// A count: an int that is not negative.
fn count(v: &Bound<'_, PyAny>) -> Option<i64> {
    if !v.is_exact_instance_of::<PyInt>() {
        return None;
    }
    v.extract::<i64>().ok().filter(|n| *n >= 0)
}
