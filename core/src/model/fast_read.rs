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
//! through serde_json's own deserializer, so numbers, strings and the
//! nesting limit are serde_json's, as in `parse_json`.
//! tests/fast_read.rs compares both readers on every case of the
//! conformance vectors and examples and on mutations of them.

use crate::assess::Case;
use crate::decode::{FromCode, MAX_INPUT_BYTES, integer_of};
use crate::escalation::Related;
use crate::model::instant::{Instant, parse_instant};
use crate::model::{Complaint, Customer, Event, EventKind, Facts, ManualClassification};
use serde::de::{DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, de};
use serde_json::{Map, Number, Value};
use std::fmt;
use std::marker::PhantomData;

/// The case of `text` (`{"complaint", "events"?, "related"?}`), or None when
/// the full reader must read it.
pub fn case(text: &str) -> Option<Case> {
    whole::<Read<CaseFields>>(text).map(|r| r.0)
}

/// The complaint of `text`, or None when the full reader must read it.
pub fn complaint(text: &str) -> Option<Complaint> {
    whole::<Read<ComplaintFields>>(text).map(|r| r.0)
}

fn whole<'de, T: Deserialize<'de>>(text: &'de str) -> Option<T> {
    if text.len() > MAX_INPUT_BYTES {
        return None;
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let value = T::deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(value)
}

/// The error that makes the caller use the full reader; its text is never shown.
fn give_up<E: de::Error>() -> E {
    E::custom("not read by the fast path")
}

/// One JSON object read key by key into `Self`: `KEYS` are the keys the
/// full reader reads at that place; `field` reads the value of `KEYS[i]`;
/// `finish` checks what the full reader checks once every key is read.
trait Object: Default {
    const KEYS: &'static [&'static str];
    type Out;
    fn field<'de, A: MapAccess<'de>>(&mut self, i: usize, map: &mut A) -> Result<(), A::Error>;
    fn finish(self) -> Option<Self::Out>;
}

/// The value an `Object` reads.
struct Read<T: Object>(T::Out);

impl<'de, T: Object> Deserialize<'de> for Read<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(ObjectVisitor::<T>(PhantomData))
    }
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Object> Visitor<'de> for ObjectVisitor<T> {
    type Value = Read<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Read<T>, A::Error> {
        let mut out = T::default();
        // A key given twice is the full reader's `duplicate_key`.
        let mut seen = 0u64;
        while let Some(i) = map.next_key_seed(Key(T::KEYS))? {
            if seen & (1 << i) != 0 {
                return Err(give_up());
            }
            seen |= 1 << i;
            out.field(i, &mut map)?;
        }
        out.finish().map(Read).ok_or_else(give_up)
    }
}

/// A key's index in the keys of its place; any other key gives up.
struct Key(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a known key")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<usize, E> {
        self.0.iter().position(|k| *k == s).ok_or_else(give_up)
    }
}

/// The value of the current key; a null is "not given" (None).
fn opt<'de, A: MapAccess<'de>, T: Deserialize<'de>>(map: &mut A) -> Result<Option<T>, A::Error> {
    map.next_value::<Option<T>>()
}

/// A string value, read as `Reader::string` does.
fn text<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<String>, A::Error> {
    opt::<A, String>(map)
}

/// A string value read without copying it: `read` gets the text and says
/// whether it reads it.
fn read_str<'de, D: Deserializer<'de>, T>(d: D, read: fn(&str) -> Option<T>) -> Result<T, D::Error> {
    struct Str<T>(fn(&str) -> Option<T>);
    impl<'de, T> Visitor<'de> for Str<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: de::Error>(self, s: &str) -> Result<T, E> {
            (self.0)(s).ok_or_else(give_up)
        }
    }
    d.deserialize_str(Str(read))
}

/// A non-empty id (`Reader::name`).
struct Name(String);

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s.trim().is_empty() {
            return Err(give_up());
        }
        Ok(Name(s))
    }
}

/// The code of a `T` (`Reader::code`).
struct Code<T>(T);

impl<'de, T: FromCode> Deserialize<'de> for Code<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        read_str(d, |s| T::from_code(s).map(Code))
    }
}

/// A list of codes (`Reader::codes`).
struct Codes<T>(Vec<T>);

impl<'de, T: FromCode> Deserialize<'de> for Codes<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let codes = Vec::<Code<T>>::deserialize(d)?;
        Ok(Codes(codes.into_iter().map(|c| c.0).collect()))
    }
}

/// An instant (`Reader::instant`).
struct At(Instant);

impl<'de> Deserialize<'de> for At {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        read_str(d, |s| parse_instant(s).ok().map(At))
    }
}

/// A JSON number as the strict parser stores it in a `Value`.
struct Num(Number);

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Num;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Num, E> {
                Ok(Num(v.into()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Num, E> {
                Ok(Num(v.into()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Num, E> {
                // Not finite: the strict parser would store null (JSON text
                // never gives one; giving up keeps the readers equal anyway).
                Number::from_f64(v).map(Num).ok_or_else(give_up)
            }
        }
        d.deserialize_any(V)
    }
}

/// A non-negative integer (`Reader::count`).
struct Count(i64);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = Num::deserialize(d)?.0;
        match integer_of(&n) {
            Ok(i) if i >= 0 => Ok(Count(i)),
            _ => Err(give_up()),
        }
    }
}

/// A non-negative amount, `-0` as 0 (`Reader::amount`).
struct Amount(f64);

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Num::deserialize(d)?.0.as_f64() {
            Some(x) if x >= 0.0 => Ok(Amount(x + 0.0)),
            _ => Err(give_up()),
        }
    }
}

/// Host data (`attributes`): the value the strict parser builds, duplicate
/// keys refused; an object.
struct Attributes(Map<String, Value>);

impl<'de> Deserialize<'de> for Attributes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match crate::strict_json::value(d)? {
            Value::Object(map) => Ok(Attributes(map)),
            _ => Err(give_up()),
        }
    }
}

/// A value read and dropped (an event's `note`): still checked for
/// duplicate keys, as the strict parser does.
struct Anything;

impl<'de> Deserialize<'de> for Anything {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::strict_json::value(d).map(|_| Anything)
    }
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

    fn field<'de, A: MapAccess<'de>>(&mut self, i: usize, map: &mut A) -> Result<(), A::Error> {
        match i {
            0 => self.complaint = opt::<A, Read<ComplaintFields>>(map)?.map(|c| c.0),
            1 => self.events = unwrap_all(opt::<A, Vec<Read<EventFields>>>(map)?),
            _ => self.related = unwrap_all(opt::<A, Vec<Read<RelatedFields>>>(map)?),
        }
        Ok(())
    }

    fn finish(self) -> Option<Case> {
        Some(Case {
            complaint: self.complaint?,
            events: self.events,
            related: self.related,
        })
    }
}

/// The values of a list of objects; an absent list is empty.
fn unwrap_all<T: Object>(items: Option<Vec<Read<T>>>) -> Vec<T::Out> {
    items.unwrap_or_default().into_iter().map(|r| r.0).collect()
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

    fn field<'de, A: MapAccess<'de>>(&mut self, i: usize, map: &mut A) -> Result<(), A::Error> {
        let c = &mut self.c;
        match i {
            0 => self.id = opt::<A, Name>(map)?.map(|n| n.0),
            1 => self.received_at = opt::<A, At>(map)?.map(|a| a.0),
            2 => c.channel = opt::<A, Code<_>>(map)?.map(|v| v.0),
            3 => c.customer = opt::<A, Read<Customer>>(map)?.map(|v| v.0).unwrap_or_default(),
            4 => c.subject = text(map)?,
            5 => c.product = text(map)?,
            6 => c.department = text(map)?,
            7 => c.text = text(map)?.unwrap_or_default(),
            8 => c.facts = opt::<A, Read<Facts>>(map)?.map(|v| v.0).unwrap_or_default(),
            9 => c.manual = opt::<A, Read<ManualFields>>(map)?.map(|v| v.0),
            _ => c.attributes = opt::<A, Attributes>(map)?.map(|v| v.0).unwrap_or_default(),
        }
        Ok(())
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

    fn field<'de, A: MapAccess<'de>>(&mut self, i: usize, map: &mut A) -> Result<(), A::Error> {
        match i {
            0 => self.id = text(map)?,
            _ => self.tier = opt::<A, Code<_>>(map)?.map(|v| v.0),
        }
        Ok(())
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

    fn field<'de, A: MapAccess<'de>>(&mut self, i: usize, map: &mut A) -> Result<(), A::Error> {
        match i {
            2 => self.loss_amount = opt::<A, Amount>(map)?.map(|v| v.0),
            3 => self.times_raised_before = opt::<A, Count>(map)?.map(|v| v.0),
            10 => self.cause = opt::<A, Code<_>>(map)?.map(|v| v.0),
            11 => self.claim = opt::<A, Code<_>>(map)?.map(|v| v.0),
            12 => self.remedies_requested = opt::<A, Codes<_>>(map)?.map(|v| v.0).unwrap_or_default(),
            13 => self.requested_due_at = opt::<A, At>(map)?.map(|v| v.0),
            flag => *facts_flag(self, flag) = opt(map)?,
        }
        Ok(())
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

    fn field<'de, A: MapAccess<'de>>(&mut self, i: usize, map: &mut A) -> Result<(), A::Error> {
        let m = &mut self.m;
        match i {
            0 => self.by = opt::<A, Name>(map)?.map(|n| n.0),
            1 => m.severity = opt::<A, Code<_>>(map)?.map(|v| v.0),
            2 => m.category = opt::<A, Code<_>>(map)?.map(|v| v.0),
            3 => m.nature = opt::<A, Code<_>>(map)?.map(|v| v.0),
            _ => m.validity = opt::<A, Code<_>>(map)?.map(|v| v.0),
        }
        Ok(())
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

    fn field<'de, A: MapAccess<'de>>(&mut self, i: usize, map: &mut A) -> Result<(), A::Error> {
        let e = &mut self.e;
        match i {
            0 => self.kind = opt::<A, Code<_>>(map)?.map(|v| v.0),
            1 => self.at = opt::<A, At>(map)?.map(|v| v.0),
            2 => e.by = text(map)?,
            3 => e.to = text(map)?,
            4 => e.handoff = opt(map)?.unwrap_or(false),
            5 => e.severity = opt::<A, Code<_>>(map)?.map(|v| v.0),
            6 => e.category = opt::<A, Code<_>>(map)?.map(|v| v.0),
            7 => e.nature = opt::<A, Code<_>>(map)?.map(|v| v.0),
            8 => e.deadline = text(map)?,
            9 => e.amount = opt::<A, Count>(map)?.map(|v| v.0),
            10 => e.reason = text(map)?,
            11 => e.remedy = opt::<A, Code<_>>(map)?.map(|v| v.0),
            12 => e.remedy_amount = opt::<A, Amount>(map)?.map(|v| v.0),
            13 => e.level = text(map)?,
            14 => e.channel = opt::<A, Code<_>>(map)?.map(|v| v.0),
            15 => e.written = opt(map)?,
            16 => e.validity = opt::<A, Code<_>>(map)?.map(|v| v.0),
            17 => e.extent = opt::<A, Code<_>>(map)?.map(|v| v.0),
            _ => {
                opt::<A, Anything>(map)?;
            }
        }
        Ok(())
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

    fn field<'de, A: MapAccess<'de>>(&mut self, i: usize, map: &mut A) -> Result<(), A::Error> {
        let r = &mut self.r;
        match i {
            0 => r.id = text(map)?.unwrap_or_default(),
            1 => r.customer_id = text(map)?,
            2 => r.subject = text(map)?,
            3 => r.product = text(map)?,
            4 => r.department = text(map)?,
            5 => r.category = text(map)?,
            _ => self.received_at = opt::<A, At>(map)?.map(|v| v.0),
        }
        Ok(())
    }

    fn finish(mut self) -> Option<Related> {
        self.r.received_at = self.received_at?;
        Some(self.r)
    }
}
