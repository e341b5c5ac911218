//! A compact, exact copy of a result's JSON, for results Python holds.
//!
//! An Assessment kept as the core's structs costs 3–5 KB (every deadline,
//! escalation and action with its own strings and vectors). A program that
//! holds millions of them runs out of memory, so a held result is kept as
//! the bytes of its JSON value in a small binary form instead, and read
//! back on access:
//! - strings that recur (rule ids, citations, state codes, reasons that
//!   are the same for many complaints) are stored once per process and
//!   referred to by number; a string is shared the second time a thread
//!   sees it, so one that occurs once (a complaint id) is never kept twice
//!   and the table stays small (at most `MAX_SHARED` strings);
//! - RFC 3339 instants are packed into 9 or 11 bytes;
//! - numbers are varints.
//!
//! The encoding goes through serde, so it holds whatever the core puts in a
//! result (new fields included) and gives back exactly the JSON value the
//! JSON layer gives (`decode(encode(x)) == serde_json::to_value(x)`).

use serde::ser::{self, Serialize};
use serde_json::{Map, Number, Value};
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, OnceLock, RwLock};

const NULL: u8 = 0;
const FALSE: u8 = 1;
const TRUE: u8 = 2;
const INT: u8 = 3;
const UINT: u8 = 4;
const FLOAT: u8 = 5;
const STR: u8 = 6;
const SHARED: u8 = 7;
const STAMP: u8 = 8;
const STAMP_MS: u8 = 9;
const ARRAY: u8 = 10;
const MAP: u8 = 11;

/// The most strings shared per process (about 3 MB of typical text).
const MAX_SHARED: usize = 1 << 16;

/// Shorter strings are stored where they occur (a reference costs as much).
const MIN_SHARED_LEN: usize = 4;

// ---------------------------------------------------------------- strings

/// FNV-1a: short keys, no adversary (the strings are the core's output).
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

fn fnv(s: &str) -> u64 {
    let mut h = Fnv::default();
    h.write(s.as_bytes());
    h.finish()
}

/// The process's shared strings.
#[derive(Default)]
struct Shared {
    ids: FnvMap<Arc<str>, u32>,
    all: Vec<Arc<str>>,
}

fn shared() -> &'static RwLock<Shared> {
    static SHARED_STRINGS: OnceLock<RwLock<Shared>> = OnceLock::new();
    SHARED_STRINGS.get_or_init(Default::default)
}

/// What one thread knows: the shared strings it has used (no lock needed to
/// find them again) and the hashes of strings seen once.
struct Local {
    ids: FnvMap<Arc<str>, u32>,
    seen: Vec<u64>,
}

const SEEN_SLOTS: usize = 4096;

thread_local! {
    static LOCAL: RefCell<Local> = RefCell::new(Local { ids: FnvMap::default(), seen: vec![0; SEEN_SLOTS] });
}

/// The number of `s` if it is (or, seen a second time, becomes) shared.
fn share(s: &str) -> Option<u32> {
    if s.len() < MIN_SHARED_LEN {
        return None;
    }
    LOCAL.with(|local| {
        let mut local = local.borrow_mut();
        if let Some(id) = local.ids.get(s) {
            return Some(*id);
        }
        let h = fnv(s);
        let slot = (h as usize) % SEEN_SLOTS;
        if local.seen[slot] != h {
            local.seen[slot] = h;
            return None;
        }
        let (text, id) = share_globally(s)?;
        local.ids.insert(text, id);
        Some(id)
    })
}

fn share_globally(s: &str) -> Option<(Arc<str>, u32)> {
    let lock = shared();
    if let Some((k, id)) = lock.read().ok()?.ids.get_key_value(s) {
        return Some((k.clone(), *id));
    }
    let mut g = lock.write().ok()?;
    if let Some((k, id)) = g.ids.get_key_value(s) {
        return Some((k.clone(), *id));
    }
    if g.all.len() >= MAX_SHARED {
        return None;
    }
    let text: Arc<str> = s.into();
    let id = g.all.len() as u32;
    g.all.push(text.clone());
    g.ids.insert(text.clone(), id);
    Some((text, id))
}

fn shared_string(id: u32) -> Arc<str> {
    let g = shared().read().unwrap_or_else(|p| p.into_inner());
    g.all.get(id as usize).cloned().unwrap_or_else(|| "".into())
}

// ---------------------------------------------------------------- numbers

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

// ---------------------------------------------------------------- instants

/// `YYYY-MM-DDTHH:MM:SS[.mmm](Z|±HH:MM)` packed: 14 digits in 7 bytes, the
/// offset in 2 (minutes + 0x4000, or 0xFFFF for Z), the milliseconds in 2.
fn put_stamp(out: &mut Vec<u8>, s: &str) -> bool {
    let b = s.as_bytes();
    let shape = |i: usize, c: u8| b.get(i) == Some(&c);
    if b.len() < 20 || !(shape(4, b'-') && shape(7, b'-') && shape(10, b'T') && shape(13, b':') && shape(16, b':')) {
        return false;
    }
    let digits: Vec<u8> = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
        .iter()
        .map(|&i| b[i])
        .collect();
    if !digits.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let (ms, rest) = match (b[19], b.len()) {
        (b'.', n) if n >= 24 && b[20..23].iter().all(u8::is_ascii_digit) => {
            let ms = u16::from(b[20] - b'0') * 100 + u16::from(b[21] - b'0') * 10 + u16::from(b[22] - b'0');
            (Some(ms), &b[23..])
        }
        _ => (None, &b[19..]),
    };
    let offset: u16 = match rest {
        b"Z" => 0xFFFF,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] if [h1, h2, m1, m2].iter().all(|d| d.is_ascii_digit()) => {
            let minutes = u16::from(h1 - b'0') * 600
                + u16::from(h2 - b'0') * 60
                + u16::from(m1 - b'0') * 10
                + u16::from(m2 - b'0');
            if *sign == b'+' {
                0x4000 + minutes
            } else {
                0x4000 - minutes
            }
        }
        _ => return false,
    };
    out.push(if ms.is_some() { STAMP_MS } else { STAMP });
    for pair in digits.chunks(2) {
        out.push(((pair[0] - b'0') << 4) | (pair[1] - b'0'));
    }
    out.extend_from_slice(&offset.to_le_bytes());
    if let Some(ms) = ms {
        out.extend_from_slice(&ms.to_le_bytes());
    }
    true
}

fn read_stamp(bytes: &[u8], with_ms: bool) -> Option<(String, usize)> {
    let need = if with_ms { 11 } else { 9 };
    let b = bytes.get(..need)?;
    let mut d = String::with_capacity(29);
    for (i, byte) in b[..7].iter().enumerate() {
        d.push(char::from(b'0' + (byte >> 4)));
        d.push(char::from(b'0' + (byte & 0xF)));
        // Pairs: YY YY MM DD HH MM SS.
        d.push_str(match i {
            1 | 2 => "-",
            3 => "T",
            4 | 5 => ":",
            _ => "",
        });
    }
    if with_ms {
        let ms = u16::from_le_bytes([b[9], b[10]]);
        d.push_str(&format!(".{ms:03}"));
    }
    match u16::from_le_bytes([b[7], b[8]]) {
        0xFFFF => d.push('Z'),
        v => {
            let minutes = i32::from(v) - 0x4000;
            let sign = if minutes < 0 { '-' } else { '+' };
            let m = minutes.abs();
            d.push_str(&format!("{sign}{:02}:{:02}", m / 60, m % 60));
        }
    }
    Some((d, need))
}

// ---------------------------------------------------------------- encoding

/// Why a value could not be encoded (serde's error type; never expected:
/// results hold only JSON values).
#[derive(Debug)]
pub struct EncodeError(String);

impl std::fmt::Display for EncodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EncodeError {}

impl ser::Error for EncodeError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        EncodeError(msg.to_string())
    }
}

/// The compact bytes of `value`'s JSON.
pub fn encode<T: Serialize + ?Sized>(value: &T) -> Result<Box<[u8]>, EncodeError> {
    let mut enc = Encoder {
        out: Vec::with_capacity(512),
    };
    value.serialize(&mut enc)?;
    Ok(enc.out.into_boxed_slice())
}

struct Encoder {
    out: Vec<u8>,
}

impl Encoder {
    fn string(&mut self, s: &str) {
        if put_stamp(&mut self.out, s) {
            return;
        }
        match share(s) {
            Some(id) => {
                self.out.push(SHARED);
                put_varint(&mut self.out, u64::from(id));
            }
            None => {
                self.out.push(STR);
                put_varint(&mut self.out, s.len() as u64);
                self.out.extend_from_slice(s.as_bytes());
            }
        }
    }

    /// Open a container: its tag; the byte length goes in front of its
    /// items when it is closed (so that readers can skip it).
    fn open(&mut self, tag: u8) -> Container<'_> {
        self.out.push(tag);
        let start = self.out.len();
        Container { enc: self, start }
    }
}

/// An array or map being written.
struct Container<'a> {
    enc: &'a mut Encoder,
    start: usize,
}

impl Container<'_> {
    fn close(self) {
        let len = (self.enc.out.len() - self.start) as u64;
        let mut prefix = Vec::with_capacity(4);
        put_varint(&mut prefix, len);
        self.enc.out.splice(self.start..self.start, prefix);
    }
    fn key(&mut self, key: &str) {
        self.enc.string(key);
    }
}

impl<'a> ser::Serializer for &'a mut Encoder {
    type Ok = ();
    type Error = EncodeError;
    type SerializeSeq = Container<'a>;
    type SerializeTuple = Container<'a>;
    type SerializeTupleStruct = Container<'a>;
    type SerializeTupleVariant = ser::Impossible<(), EncodeError>;
    type SerializeMap = Container<'a>;
    type SerializeStruct = Container<'a>;
    type SerializeStructVariant = ser::Impossible<(), EncodeError>;

    fn serialize_bool(self, v: bool) -> Result<(), EncodeError> {
        self.out.push(if v { TRUE } else { FALSE });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), EncodeError> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), EncodeError> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), EncodeError> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), EncodeError> {
        self.out.push(INT);
        put_varint(&mut self.out, zigzag(v));
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), EncodeError> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), EncodeError> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), EncodeError> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), EncodeError> {
        match i64::try_from(v) {
            Ok(i) => self.serialize_i64(i),
            Err(_) => {
                self.out.push(UINT);
                put_varint(&mut self.out, v);
                Ok(())
            }
        }
    }
    fn serialize_f32(self, v: f32) -> Result<(), EncodeError> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<(), EncodeError> {
        // As serde_json: a non-finite float is null.
        if v.is_finite() {
            self.out.push(FLOAT);
            self.out.extend_from_slice(&v.to_le_bytes());
        } else {
            self.out.push(NULL);
        }
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), EncodeError> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), EncodeError> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), EncodeError> {
        let mut seq = self.open(ARRAY);
        for b in v {
            ser::SerializeSeq::serialize_element(&mut seq, b)?;
        }
        seq.close();
        Ok(())
    }
    fn serialize_none(self) -> Result<(), EncodeError> {
        self.out.push(NULL);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), EncodeError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), EncodeError> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), EncodeError> {
        self.serialize_none()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), EncodeError> {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), EncodeError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        let mut map = self.open(MAP);
        map.key(variant);
        value.serialize(&mut *map.enc)?;
        map.close();
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Container<'a>, EncodeError> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple(self, _: usize) -> Result<Container<'a>, EncodeError> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Container<'a>, EncodeError> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, EncodeError> {
        Err(ser::Error::custom(format!("tuple variant {variant} in a result")))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Container<'a>, EncodeError> {
        Ok(self.open(MAP))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Container<'a>, EncodeError> {
        Ok(self.open(MAP))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, EncodeError> {
        Err(ser::Error::custom(format!("struct variant {variant} in a result")))
    }
}

impl ser::SerializeSeq for Container<'_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        value.serialize(&mut *self.enc)
    }
    fn end(self) -> Result<(), EncodeError> {
        self.close();
        Ok(())
    }
}

impl ser::SerializeTuple for Container<'_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        value.serialize(&mut *self.enc)
    }
    fn end(self) -> Result<(), EncodeError> {
        self.close();
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Container<'_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        value.serialize(&mut *self.enc)
    }
    fn end(self) -> Result<(), EncodeError> {
        self.close();
        Ok(())
    }
}

impl ser::SerializeMap for Container<'_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), EncodeError> {
        // JSON keys are strings; serde_json writes other keys as their text.
        match serde_json::to_value(key).map_err(ser::Error::custom)? {
            Value::String(s) => self.key(&s),
            other => self.key(&other.to_string()),
        }
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        value.serialize(&mut *self.enc)
    }
    fn end(self) -> Result<(), EncodeError> {
        self.close();
        Ok(())
    }
}

impl ser::SerializeStruct for Container<'_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), EncodeError> {
        self.key(key);
        value.serialize(&mut *self.enc)
    }
    fn end(self) -> Result<(), EncodeError> {
        self.close();
        Ok(())
    }
}

// ---------------------------------------------------------------- decoding

/// A reader over encoded bytes.
struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let v = *self.b.get(self.at)?;
        self.at += 1;
        Some(v)
    }

    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            v |= u64::from(byte & 0x7F) << shift;
            if byte < 0x80 {
                return Some(v);
            }
        }
        None
    }

    fn string(&mut self, tag: u8) -> Option<String> {
        match tag {
            STR => {
                let n = self.varint()? as usize;
                let s = std::str::from_utf8(self.b.get(self.at..self.at + n)?).ok()?;
                self.at += n;
                Some(s.to_string())
            }
            SHARED => Some(shared_string(self.varint()? as u32).to_string()),
            STAMP | STAMP_MS => {
                let (s, n) = read_stamp(&self.b[self.at..], tag == STAMP_MS)?;
                self.at += n;
                Some(s)
            }
            _ => None,
        }
    }

    fn value(&mut self) -> Option<Value> {
        let tag = self.byte()?;
        Some(match tag {
            NULL => Value::Null,
            FALSE => Value::Bool(false),
            TRUE => Value::Bool(true),
            INT => Value::from(unzigzag(self.varint()?)),
            UINT => Value::from(self.varint()?),
            FLOAT => {
                let raw: [u8; 8] = self.b.get(self.at..self.at + 8)?.try_into().ok()?;
                self.at += 8;
                Number::from_f64(f64::from_le_bytes(raw)).map_or(Value::Null, Value::Number)
            }
            ARRAY => {
                let end = self.end_of_container()?;
                let mut items = Vec::new();
                while self.at < end {
                    items.push(self.value()?);
                }
                Value::Array(items)
            }
            MAP => {
                let end = self.end_of_container()?;
                let mut map = Map::new();
                while self.at < end {
                    let key_tag = self.byte()?;
                    let key = self.string(key_tag)?;
                    map.insert(key, self.value()?);
                }
                Value::Object(map)
            }
            tag => Value::String(self.string(tag)?),
        })
    }

    fn end_of_container(&mut self) -> Option<usize> {
        let len = self.varint()? as usize;
        Some(self.at + len)
    }

    /// Step over one value without building it.
    fn skip(&mut self) -> Option<()> {
        match self.byte()? {
            NULL | FALSE | TRUE => {}
            INT | UINT | SHARED => {
                self.varint()?;
            }
            FLOAT => self.at += 8,
            STR => self.at += self.varint()? as usize,
            STAMP => self.at += 9,
            STAMP_MS => self.at += 11,
            ARRAY | MAP => self.at = self.end_of_container()?,
            _ => return None,
        }
        Some(())
    }

    /// The value at `key` of the map that starts here.
    fn field(&mut self, key: &str) -> Option<Value> {
        if self.byte()? != MAP {
            return None;
        }
        let end = self.end_of_container()?;
        while self.at < end {
            let key_tag = self.byte()?;
            let k = self.string(key_tag)?;
            if k == key {
                return self.value();
            }
            self.skip()?;
        }
        None
    }
}

/// The JSON value of encoded bytes.
pub fn decode(bytes: &[u8]) -> Value {
    Reader { b: bytes, at: 0 }.value().unwrap_or(Value::Null)
}

/// The value at `path` (keys of nested maps) of encoded bytes, decoding
/// nothing else; None when absent.
pub fn get(bytes: &[u8], path: &[&str]) -> Option<Value> {
    let (last, parents) = path.split_last()?;
    let mut r = Reader { b: bytes, at: 0 };
    for key in parents {
        // Find the key, then stay at the start of its value.
        if r.byte()? != MAP {
            return None;
        }
        let end = r.end_of_container()?;
        loop {
            if r.at >= end {
                return None;
            }
            let key_tag = r.byte()?;
            if r.string(key_tag)? == *key {
                break;
            }
            r.skip()?;
        }
    }
    r.field(last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_come_back_exactly() {
        let v = json!({
            "id": "PM-1", "n": -3, "big": u64::MAX, "f": 1.5, "t": true, "none": null,
            "due": "2026-09-29T18:00:00+08:00", "utc": "2026-09-29T10:00:00.250Z",
            "west": "2026-03-08T03:00:00-05:30", "not_a_stamp": "2026-09-29 is a date",
            "list": [1, "two", {"three": [3]}], "empty": {}, "nested": {"a": {"b": "deep"}},
        });
        for _ in 0..3 {
            // Again and again: strings become shared the second time.
            let bytes = encode(&v).unwrap();
            assert_eq!(decode(&bytes), v);
            assert_eq!(get(&bytes, &["nested", "a", "b"]), Some(json!("deep")));
            assert_eq!(get(&bytes, &["due"]), Some(json!("2026-09-29T18:00:00+08:00")));
            assert_eq!(get(&bytes, &["missing"]), None);
        }
    }

    #[test]
    fn stamps_are_packed() {
        let mut out = Vec::new();
        assert!(put_stamp(&mut out, "2026-09-29T18:00:00+08:00"));
        assert_eq!(out.len(), 10);
        assert_eq!(read_stamp(&out[1..], false).unwrap().0, "2026-09-29T18:00:00+08:00");
        let mut out = Vec::new();
        assert!(!put_stamp(&mut out, "2026-09-29T18:00:00"));
        assert!(!put_stamp(&mut out, "2026-09-29T18:00:00+8"));
    }
}
