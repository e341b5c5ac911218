//! A case or a complaint read straight from JSON text with serde, without a
//! `serde_json::Value` tree: the fast path of `Case::from_json` and
//! `Complaint::from_json`. Building, reading and freeing the tree cost more
//! than three times the assessment itself in a batch of cases.
//!
//! This reader accepts only text the full reader (`parse_json`, then
//! `from_value`) accepts, and reads it to the same value. On anything it
//! does not read exactly as the full reader does it gives up (None) and the
//! caller runs the full reader, which reports every problem with its code
//! and JSON path; so this reader never reports an error itself. It gives up
//! on: an unknown key, a key given twice (in attributes and notes too), a
//! value of the wrong type, an unknown code, an empty id, an instant
//! `parse_instant` refuses, a negative or fractional count, an integer out
//! of range, a negative amount, a missing required field, a rejection
//! without `extent`, trailing text, malformed JSON, and input over
//! `MAX_INPUT_BYTES`. A null is "not given", as in `Fields::get`. It reads
//! the text with `json_scan`, which follows serde_json's grammar and string
//! escapes and hands non-integer numbers and kept values to serde_json, so
//! numbers, strings and the nesting limit are serde_json's, as in
//! `parse_json`. (Through serde's deserializer, whose key-by-key machinery
//! cost more than the reading, it was a quarter of a single assessment.)
//! tests/fast_read.rs compares both readers on every case of the
//! conformance vectors and examples and on mutations of them.

use crate::assess::Case;
use crate::decode::{FromCode, MAX_INPUT_BYTES, integer_of};
use crate::escalation::Related;
use crate::model::instant::{Instant, parse_instant};
use crate::model::json_scan::Json;
use crate::model::{Complaint, Customer, Event, EventKind, Facts, ManualClassification};
use serde_json::Value;
use std::borrow::Cow;

/// The case of `text` (`{"complaint", "events"?, "related"?}`), or None when
/// the full reader must read it.
pub fn case(text: &str) -> Option<Case> {
    whole::<CaseFields>(text)
}

/// The complaint of `text`, or None when the full reader must read it.
pub fn complaint(text: &str) -> Option<Complaint> {
    whole::<ComplaintFields>(text)
}

fn whole<T: Object>(text: &str) -> Option<T::Out> {
    if text.len() > MAX_INPUT_BYTES {
        return None;
    }
    let mut j = Json::new(text);
    let value = object::<T>(&mut j)?;
    j.at_end().then_some(value)
}

/// One JSON object read key by key into `Self`: `KEYS` are the keys the
/// full reader reads at that place; `field` reads the value of `KEYS[i]`;
/// `finish` checks what the full reader checks once every key is read.
trait Object: Default {
    const KEYS: &'static [&'static str];
    type Out;
    fn field(&mut self, i: usize, j: &mut Json) -> Option<()>;
    fn finish(self) -> Option<Self::Out>;
}

/// The object at the cursor, read as a `T`; any other key gives up, and so
/// does a key given twice (the full reader's `duplicate_key`).
fn object<T: Object>(j: &mut Json) -> Option<T::Out> {
    let mut out = T::default();
    let mut seen = 0u64;
    j.object(|j, key| {
        let i = T::KEYS.iter().position(|k| *k == key)?;
        if seen & (1 << i) != 0 {
            return None;
        }
        seen |= 1 << i;
        out.field(i, j)
    })?;
    out.finish()
}

/// The value at the cursor read by `read`; a null is "not given" (None).
fn opt<T>(j: &mut Json, read: impl FnOnce(&mut Json) -> Option<T>) -> Option<Option<T>> {
    if j.null()? { Some(None) } else { read(j).map(Some) }
}

/// A string value, read as `Reader::string` does.
fn text(j: &mut Json) -> Option<Option<String>> {
    opt(j, |j| j.string().map(Cow::into_owned))
}

/// A non-empty id (`Reader::name`).
fn name(j: &mut Json) -> Option<Option<String>> {
    opt(j, |j| j.string().filter(|s| !s.trim().is_empty()).map(Cow::into_owned))
}

/// A flag.
fn flag(j: &mut Json) -> Option<Option<bool>> {
    opt(j, |j| j.bool())
}

/// The code of a `T` (`Reader::code`).
fn code<T: FromCode>(j: &mut Json) -> Option<Option<T>> {
    opt(j, one_code)
}

fn one_code<T: FromCode>(j: &mut Json) -> Option<T> {
    T::from_code(&j.string()?)
}

/// A list of codes (`Reader::codes`).
fn codes<T: FromCode>(j: &mut Json) -> Option<Option<Vec<T>>> {
    opt(j, |j| list(j, one_code))
}

/// A list of objects (an absent list is empty).
fn objects<T: Object>(j: &mut Json) -> Option<Vec<T::Out>> {
    Some(opt(j, |j| list(j, object::<T>))?.unwrap_or_default())
}

/// The items of an array, each read by `item`.
fn list<T>(j: &mut Json, mut item: impl FnMut(&mut Json) -> Option<T>) -> Option<Vec<T>> {
    let mut out = Vec::new();
    j.array(|j| {
        out.push(item(j)?);
        Some(())
    })?;
    Some(out)
}

/// An instant (`Reader::instant`).
fn at(j: &mut Json) -> Option<Option<Instant>> {
    opt(j, |j| parse_instant(&j.string()?).ok())
}

/// A non-negative integer (`Reader::count`).
fn count(j: &mut Json) -> Option<Option<i64>> {
    opt(j, |j| integer_of(&j.number()?).ok().filter(|&i| i >= 0))
}

/// A non-negative amount, `-0` as 0 (`Reader::amount`).
fn amount(j: &mut Json) -> Option<Option<f64>> {
    opt(j, |j| j.number()?.as_f64().filter(|&x| x >= 0.0).map(|x| x + 0.0))
}

/// Host data (`attributes`): the value the strict parser builds, duplicate
/// keys refused; an object.
fn attributes(j: &mut Json) -> Option<Option<serde_json::Map<String, Value>>> {
    opt(j, |j| match j.value()? {
        Value::Object(map) => Some(map),
        _ => None,
    })
}

#[derive(Default)]
struct CaseFields {
    complaint: Option<Complaint>,
    events: Vec<Event>,
    related: Vec<Related>,
}

impl Object for CaseFields {
    const KEYS: &'static [&'static str] = &["complaint", "events", "related"];
    type Out = Case;

    fn field(&mut self, i: usize, j: &mut Json) -> Option<()> {
        match i {
            0 => self.complaint = opt(j, object::<ComplaintFields>)?,
            1 => self.events = objects::<EventFields>(j)?,
            _ => self.related = objects::<RelatedFields>(j)?,
        }
        Some(())
    }

    fn finish(self) -> Option<Case> {
        Some(Case {
            complaint: self.complaint?,
            events: self.events,
            related: self.related,
        })
    }
}

#[derive(Default)]
struct ComplaintFields {
    id: Option<String>,
    received_at: Option<Instant>,
    c: Complaint,
}

impl Object for ComplaintFields {
    const KEYS: &'static [&'static str] = &[
        "id",
        "received_at",
        "channel",
        "customer",
        "subject",
        "product",
        "department",
        "text",
        "facts",
        "classification",
        "attributes",
    ];
    type Out = Complaint;

    fn field(&mut self, i: usize, j: &mut Json) -> Option<()> {
        let c = &mut self.c;
        match i {
            0 => self.id = name(j)?,
            1 => self.received_at = at(j)?,
            2 => c.channel = code(j)?,
            3 => c.customer = opt(j, object::<Customer>)?.unwrap_or_default(),
            4 => c.subject = text(j)?,
            5 => c.product = text(j)?,
            6 => c.department = text(j)?,
            7 => c.text = text(j)?.unwrap_or_default(),
            8 => c.facts = opt(j, object::<Facts>)?.unwrap_or_default(),
            9 => c.manual = opt(j, object::<ManualFields>)?,
            _ => c.attributes = attributes(j)?.unwrap_or_default(),
        }
        Some(())
    }

    fn finish(mut self) -> Option<Complaint> {
        self.c.id = self.id?;
        self.c.received_at = self.received_at?;
        Some(self.c)
    }
}

impl Object for Customer {
    const KEYS: &'static [&'static str] = &["id", "tier"];
    type Out = Customer;

    fn field(&mut self, i: usize, j: &mut Json) -> Option<()> {
        match i {
            0 => self.id = text(j)?,
            _ => self.tier = code(j)?,
        }
        Some(())
    }

    fn finish(self) -> Option<Customer> {
        Some(self)
    }
}

impl Object for Facts {
    const KEYS: &'static [&'static str] = &[
        "harm_ongoing",
        "personal_injury",
        "loss_amount",
        "times_raised_before",
        "wrote_to_company",
        "refuses_fees",
        "major_inconvenience",
        "needs_coordination",
        "resolvable_on_spot",
        "involves_other_department",
        "cause",
        "claim",
        "remedies_requested",
        "requested_due_at",
    ];
    type Out = Facts;

    fn field(&mut self, i: usize, j: &mut Json) -> Option<()> {
        match i {
            2 => self.loss_amount = amount(j)?,
            3 => self.times_raised_before = count(j)?,
            10 => self.cause = code(j)?,
            11 => self.claim = code(j)?,
            12 => self.remedies_requested = codes(j)?.unwrap_or_default(),
            13 => self.requested_due_at = at(j)?,
            i => *facts_flag(self, i) = flag(j)?,
        }
        Some(())
    }

    fn finish(self) -> Option<Facts> {
        Some(self)
    }
}

/// The flag of `Facts::KEYS[i]` (the keys not read in `field`).
fn facts_flag(f: &mut Facts, i: usize) -> &mut Option<bool> {
    match i {
        0 => &mut f.harm_ongoing,
        1 => &mut f.personal_injury,
        4 => &mut f.wrote_to_company,
        5 => &mut f.refuses_fees,
        6 => &mut f.major_inconvenience,
        7 => &mut f.needs_coordination,
        8 => &mut f.resolvable_on_spot,
        _ => &mut f.involves_other_department,
    }
}

#[derive(Default)]
struct ManualFields {
    by: Option<String>,
    m: ManualClassification,
}

impl Object for ManualFields {
    const KEYS: &'static [&'static str] = &["by", "severity", "category", "nature", "validity"];
    type Out = ManualClassification;

    fn field(&mut self, i: usize, j: &mut Json) -> Option<()> {
        let m = &mut self.m;
        match i {
            0 => self.by = name(j)?,
            1 => m.severity = code(j)?,
            2 => m.category = code(j)?,
            3 => m.nature = code(j)?,
            _ => m.validity = code(j)?,
        }
        Some(())
    }

    fn finish(mut self) -> Option<ManualClassification> {
        self.m.by = self.by?;
        Some(self.m)
    }
}

struct EventFields {
    kind: Option<EventKind>,
    at: Option<Instant>,
    e: Event,
}

impl Default for EventFields {
    fn default() -> EventFields {
        EventFields {
            kind: None,
            at: None,
            e: Event::new(EventKind::Received, Instant(0)),
        }
    }
}

impl Object for EventFields {
    const KEYS: &'static [&'static str] = &[
        "type",
        "at",
        "by",
        "to",
        "handoff",
        "severity",
        "category",
        "nature",
        "deadline",
        "amount",
        "reason",
        "remedy",
        "remedy_amount",
        "level",
        "channel",
        "written",
        "validity",
        "extent",
        "note",
    ];
    type Out = Event;

    fn field(&mut self, i: usize, j: &mut Json) -> Option<()> {
        let e = &mut self.e;
        match i {
            0 => self.kind = code(j)?,
            1 => self.at = at(j)?,
            2 => e.by = text(j)?,
            3 => e.to = text(j)?,
            4 => e.handoff = flag(j)?.unwrap_or(false),
            5 => e.severity = code(j)?,
            6 => e.category = code(j)?,
            7 => e.nature = code(j)?,
            8 => e.deadline = text(j)?,
            9 => e.amount = count(j)?,
            10 => e.reason = text(j)?,
            11 => e.remedy = code(j)?,
            12 => e.remedy_amount = amount(j)?,
            13 => e.level = text(j)?,
            14 => e.channel = code(j)?,
            15 => e.written = flag(j)?,
            16 => e.validity = code(j)?,
            17 => e.extent = code(j)?,
            // A note is read and dropped, still checked as the strict
            // parser checks it (duplicate keys).
            _ => {
                opt(j, |j| j.value())?;
            }
        }
        Some(())
    }

    fn finish(mut self) -> Option<Event> {
        self.e.kind = self.kind?;
        self.e.at = self.at?;
        self.e.missing_field().is_none().then_some(self.e)
    }
}

#[derive(Default)]
struct RelatedFields {
    received_at: Option<Instant>,
    r: Related,
}

impl Object for RelatedFields {
    const KEYS: &'static [&'static str] = &[
        "id",
        "customer_id",
        "subject",
        "product",
        "department",
        "category",
        "received_at",
    ];
    type Out = Related;

    fn field(&mut self, i: usize, j: &mut Json) -> Option<()> {
        let r = &mut self.r;
        match i {
            0 => r.id = text(j)?.unwrap_or_default(),
            1 => r.customer_id = text(j)?,
            2 => r.subject = text(j)?,
            3 => r.product = text(j)?,
            4 => r.department = text(j)?,
            5 => r.category = text(j)?,
            _ => self.received_at = at(j)?,
        }
        Some(())
    }

    fn finish(mut self) -> Option<Related> {
        self.r.received_at = self.received_at?;
        Some(self.r)
    }
}
