//! JSON text of a result, byte for byte what every binding returns
//! (`serde_json::to_value(x)?.to_string()`: compact, object keys in byte
//! order, as serde_json's map sorts them), written straight from the value
//! without building a `serde_json::Value` tree first. Building that tree was
//! most of the time of an assessment call (an allocation per key and per
//! string); this writes each object's members as they come and puts them in
//! key order when the object is complete.
//!
//! Leaves (strings, numbers) are written by serde_json itself, so escaping
//! and number formatting cannot differ. An assessment, the hot path, is
//! written field by field instead (`assessment_json`); this generic writer
//! serves its rare parts (the classification trace, cycles) and every other
//! result. `tests/json_text.rs` compares both with the JSON layer.

use serde::ser::{self, Serialize};
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Display;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

/// Append the JSON text of `value` to `out`.
pub(crate) fn write<T: Serialize + ?Sized>(value: &T, out: &mut Vec<u8>) -> Result<(), Error> {
    let mut w = Writer {
        out: std::mem::take(out),
        pool: Vec::new(),
        scratch: Vec::new(),
    };
    let result = value.serialize(&mut w);
    *out = w.out;
    result
}

/// The JSON text of a `serde_json::Value` (for tests: equal to its `to_string`).
pub fn write_value(v: &serde_json::Value, out: &mut Vec<u8>) -> Result<(), Error> {
    write(v, out)
}

/// The JSON text of an assessment, as `api::assessment_value(a)?.to_string()`
/// (written field by field: `assessment_json`).
pub fn assessment(a: &plaint_core::Assessment, out: &mut Vec<u8>) -> Result<(), plaint_core::Error> {
    crate::assessment_json::assessment(out, a)
        .map_err(|e| plaint_core::Error::new(plaint_core::Code::InvalidValue, "", e.to_string()))
}

/// A value that has no JSON form (a map key that is not a string or an
/// integer, a 128-bit integer out of range).
#[derive(Debug)]
pub struct Error(String);

impl Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Error {
        Error(msg.to_string())
    }
}

struct Writer {
    out: Vec<u8>,
    /// Member lists of finished objects, reused.
    pool: Vec<Vec<Member>>,
    /// Where an object's members are copied while they are put in order.
    scratch: Vec<u8>,
}

impl Writer {
    /// A leaf, written by serde_json.
    fn leaf<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        serde_json::to_writer(&mut self.out, v).map_err(|e| Error(e.to_string()))
    }

    /// A string: serde_json's escaping, or, when nothing needs escaping,
    /// the text itself in quotes (what serde_json writes then).
    fn string(&mut self, v: &str) -> Result<(), Error> {
        if crate::json_out::needs_escape(v.as_bytes()) {
            return self.leaf(v);
        }
        self.out.reserve(v.len() + 2);
        self.out.push(b'"');
        self.out.extend_from_slice(v.as_bytes());
        self.out.push(b'"');
        Ok(())
    }

    fn object(&mut self) -> Object<'_> {
        self.out.push(b'{');
        let members = self.pool.pop().unwrap_or_default();
        let start = self.out.len();
        Object {
            w: self,
            members,
            start,
            key: None,
            name: None,
        }
    }

    fn array(&mut self) -> Array<'_> {
        self.out.push(b'[');
        Array { w: self, first: true }
    }
}

/// One member of an object being written: its key and where `"key":value`
/// lies in the output.
struct Member {
    key: Key,
    start: usize,
    end: usize,
}

enum Key {
    Static(&'static str),
    Owned(String),
}

impl Key {
    fn as_str(&self) -> &str {
        match self {
            Key::Static(s) => s,
            Key::Owned(s) => s,
        }
    }
}

struct Object<'w> {
    w: &'w mut Writer,
    members: Vec<Member>,
    start: usize,
    /// A map's key waiting for its value.
    key: Option<Key>,
    /// The struct's name, for the order of its fields; None for a map.
    name: Option<&'static str>,
}

impl<'w> Object<'w> {
    fn member<T: Serialize + ?Sized>(&mut self, key: Key, value: &T) -> Result<(), Error> {
        if !self.members.is_empty() {
            self.w.out.push(b',');
        }
        let start = self.w.out.len();
        self.w.string(key.as_str())?;
        self.w.out.push(b':');
        value.serialize(&mut *self.w)?;
        let end = self.w.out.len();
        self.members.push(Member { key, start, end });
        Ok(())
    }

    /// Put the members in key order (a later duplicate replaces an earlier
    /// one, as a map insert does) and close the object.
    fn finish(mut self) -> Result<&'w mut Writer, Error> {
        match self.name {
            Some(name) => {
                let order = struct_order(name, &self.members);
                if order.iter().enumerate().any(|(i, &j)| i != j as usize) {
                    self.emit(&order);
                }
            }
            None if !self.members.windows(2).all(|p| p[0].key.as_str() < p[1].key.as_str()) => {
                let order = map_order(&self.members);
                self.emit(&order);
            }
            None => {}
        }
        self.w.out.push(b'}');
        self.members.clear();
        let members = std::mem::take(&mut self.members);
        self.w.pool.push(members);
        Ok(self.w)
    }

    /// Rewrite the members in `order` (indices into `members`).
    fn emit(&mut self, order: &[u16]) {
        let w = &mut *self.w;
        w.scratch.clear();
        w.scratch.extend_from_slice(&w.out[self.start..]);
        w.out.truncate(self.start);
        for (n, &i) in order.iter().enumerate() {
            if n > 0 {
                w.out.push(b',');
            }
            let m = &self.members[i as usize];
            w.out
                .extend_from_slice(&w.scratch[m.start - self.start..m.end - self.start]);
        }
    }
}

/// The key order of a map's members: sorted by key; of equal keys, the last.
fn map_order(members: &[Member]) -> Vec<u16> {
    let mut order: Vec<u16> = (0..members.len() as u16).collect();
    order.sort_by(|&a, &b| members[a as usize].key.as_str().cmp(members[b as usize].key.as_str()));
    let mut out: Vec<u16> = Vec::with_capacity(order.len());
    for i in order {
        match out.last_mut() {
            Some(last) if members[*last as usize].key.as_str() == members[i as usize].key.as_str() => *last = i,
            _ => out.push(i),
        }
    }
    out
}

/// A struct's members in key order. A struct type writes the same fields
/// (the same static names) every time, save those it skips, so the order
/// is computed once per struct name and set of fields and then looked up.
fn struct_order(name: &'static str, members: &[Member]) -> Rc<[u16]> {
    let mut sig = Vec::with_capacity(members.len() + 1);
    sig.push(name.as_ptr() as usize);
    sig.extend(members.iter().map(|m| match m.key {
        Key::Static(k) => k.as_ptr() as usize,
        Key::Owned(_) => 0,
    }));
    let known = ORDERS
        .try_with(|orders| orders.borrow().get(&sig).cloned())
        .ok()
        .flatten();
    if let Some(order) = known {
        return order;
    }
    let order: Rc<[u16]> = map_order(members).into();
    // A signature with an owned key (never made by derived structs) is not kept.
    if !sig.contains(&0) {
        let _ = ORDERS.try_with(|orders| orders.borrow_mut().insert(sig, Rc::clone(&order)));
    }
    order
}

/// Struct name and field name addresses -> the fields' key order.
type Orders = HashMap<Vec<usize>, Rc<[u16]>, BuildHasherDefault<AddrHasher>>;

thread_local! {
    static ORDERS: RefCell<Orders> = RefCell::new(HashMap::default());
}

/// A hasher for the addresses of a signature (no need for SipHash's
/// resistance: the keys are addresses in this library's own data).
#[derive(Default)]
struct AddrHasher(u64);

impl Hasher for AddrHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

struct Array<'w> {
    w: &'w mut Writer,
    first: bool,
}

impl<'w> Array<'w> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        if !self.first {
            self.w.out.push(b',');
        }
        self.first = false;
        value.serialize(&mut *self.w)
    }

    fn finish(self) -> Result<&'w mut Writer, Error> {
        self.w.out.push(b']');
        Ok(self.w)
    }
}

/// A compound value in progress: an object or an array, inside an object
/// member when it is an enum variant with data (`{"variant": ...}`).
enum Compound<'w> {
    Object(Object<'w>),
    Array(Array<'w>),
}

impl Compound<'_> {
    /// Close the value; `wrapped`: also the `{"variant":` around it.
    fn end(self, wrapped: bool) -> Result<(), Error> {
        let w = match self {
            Compound::Object(o) => o.finish()?,
            Compound::Array(a) => a.finish()?,
        };
        if wrapped {
            w.out.push(b'}');
        }
        Ok(())
    }
}

/// `{"variant":` opened before a variant's data; closed by `Variant::end`.
struct Variant<'w> {
    inner: Compound<'w>,
}

impl<'w> ser::Serializer for &'w mut Writer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'w>;
    type SerializeTuple = Compound<'w>;
    type SerializeTupleStruct = Compound<'w>;
    type SerializeTupleVariant = Variant<'w>;
    type SerializeMap = Compound<'w>;
    type SerializeStruct = Compound<'w>;
    type SerializeStructVariant = Variant<'w>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.leaf(&v)
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.leaf(&v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.leaf(&v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.leaf(&v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.leaf(&v)
    }
    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        // As a Value: a number only when it fits 64 bits.
        match (i64::try_from(v), u64::try_from(v)) {
            (Ok(i), _) => self.leaf(&i),
            (_, Ok(u)) => self.leaf(&u),
            _ => Err(Error("number out of range".into())),
        }
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.leaf(&v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.leaf(&v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.leaf(&v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.leaf(&v)
    }
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        match u64::try_from(v) {
            Ok(u) => self.leaf(&u),
            Err(_) => Err(Error("number out of range".into())),
        }
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        // A Value holds an f32 as the f64 of the same value.
        self.leaf(&f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.leaf(&v)
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.leaf(&v)
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.string(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        // A Value holds bytes as an array of numbers.
        self.leaf(&v.iter().collect::<Vec<_>>())
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.leaf(&())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.leaf(&())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.leaf(&())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Error> {
        self.leaf(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.out.push(b'{');
        self.leaf(variant)?;
        self.out.push(b':');
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'w>, Error> {
        Ok(Compound::Array(self.array()))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'w>, Error> {
        Ok(Compound::Array(self.array()))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'w>, Error> {
        Ok(Compound::Array(self.array()))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Variant<'w>, Error> {
        self.out.push(b'{');
        self.leaf(variant)?;
        self.out.push(b':');
        Ok(Variant {
            inner: Compound::Array(self.array()),
        })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'w>, Error> {
        Ok(Compound::Object(self.object()))
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Compound<'w>, Error> {
        let mut o = self.object();
        o.name = Some(name);
        Ok(Compound::Object(o))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Variant<'w>, Error> {
        self.out.push(b'{');
        self.leaf(variant)?;
        self.out.push(b':');
        let mut o = self.object();
        o.name = Some(variant);
        Ok(Variant {
            inner: Compound::Object(o),
        })
    }
}

impl Compound<'_> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        match self {
            Compound::Array(a) => a.item(value),
            Compound::Object(_) => Err(Error("an item in an object".into())),
        }
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        match self {
            Compound::Object(o) => o.member(Key::Static(key), value),
            Compound::Array(_) => Err(Error("a field in an array".into())),
        }
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.item(value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self, false)
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.item(value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self, false)
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.item(value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self, false)
    }
}

impl ser::SerializeTupleVariant for Variant<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.inner.item(value)
    }
    fn end(self) -> Result<(), Error> {
        self.inner.end(true)
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self, false)
    }
}

impl ser::SerializeStructVariant for Variant<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.inner.field(key, value)
    }
    fn end(self) -> Result<(), Error> {
        self.inner.end(true)
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        let Compound::Object(o) = self else {
            return Err(Error("a key in an array".into()));
        };
        o.key = Some(Key::Owned(key_text(key)?));
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let Compound::Object(o) = self else {
            return Err(Error("a value in an array".into()));
        };
        let key = o.key.take().ok_or_else(|| Error("a value without a key".into()))?;
        o.member(key, value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self, false)
    }
}

/// A map key as serde_json's Value keeps it: a string, or an integer as text.
fn key_text<T: Serialize + ?Sized>(key: &T) -> Result<String, Error> {
    match serde_json::to_value(key).map_err(|e| Error(e.to_string()))? {
        serde_json::Value::String(s) => Ok(s),
        serde_json::Value::Number(n) => Ok(n.to_string()),
        serde_json::Value::Bool(b) => Ok(b.to_string()),
        _ => Err(Error("a map key must be a string".into())),
    }
}
