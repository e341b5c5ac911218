//! A compact, exact copy of a result's JSON, for results Python holds.
//!
//! An Assessment kept as the core's structs costs 3–5 KB (every deadline,
//! escalation and action with its own strings and vectors). A program that
//! holds millions of them runs out of memory, so a held result is kept as
//! the bytes of its JSON value in a small binary form instead, and read
//! back on access:
//! - a struct stores its values and the number of its key list (its
//!   shape), the lists kept once per process;
//! - strings that recur (rule ids, citations, codes, reasons that are the
//!   same for many complaints) are stored once per process and referred to
//!   by number; a string is shared the second time a thread sees it, so one
//!   that occurs once (a complaint id) is never kept twice and the table
//!   stays small (at most `MAX_SHARED` strings);
//! - arrays and maps that recur whole and hold no instant (an obligation's
//!   texts, a required action, a trace step) are kept once per process
//!   too, shared the second time a thread sees them, as strings are;
//! - RFC 3339 instants are packed into 10 or 12 bytes; numbers are varints;
//! - every container starts with its length, so a reader skips what it
//!   does not need (`get`).
//!
//! The encoding goes through serde, so it holds whatever the core puts in a
//! result (new fields included) and gives back exactly the JSON value the
//! JSON layer gives (`decode(encode(x)) == serde_json::to_value(x)`). It
//! runs on the worker threads, next to the assessment it packs; strings
//! and shapes are found by address first (most are the policy's texts and
//! the core's codes, which do not move), by hash only when that fails.

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
/// A struct's map: its values, then the number of its key list (its
/// shape) in two bytes.
const SHAPED: u8 = 12;
/// A shared value: an array or map kept once per process, by number.
const VALUE: u8 = 13;

/// The most strings shared per process (about 3 MB of typical text).
const MAX_SHARED: usize = 1 << 16;

/// The most struct shapes (key lists) kept per process; a struct is a
/// handful of shapes (optional fields left out make another).
const MAX_SHAPES: usize = 1 << 12; // numbers fit in the two bytes of a shape

/// Shorter strings are stored where they occur (a reference costs as much).
const MIN_SHARED_LEN: usize = 2;

/// The most values (arrays and maps) shared per process, and the sizes a
/// shared one may have: at most 4 MB in all.
const MAX_VALUES: usize = 1 << 14;
const VALUE_LEN: std::ops::RangeInclusive<usize> = 8..=256;

// ---------------------------------------------------------------- strings

/// A multiply-rotate hash over 8-byte words: short keys, no adversary (the
/// strings are the core's output), several times faster than a byte loop.
#[derive(Default)]
struct Fnv(u64);

const MIX: u64 = 0x9E37_79B9_7F4A_7C15;

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0 ^ (bytes.len() as u64).wrapping_mul(MIX);
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let v = u64::from_le_bytes(w.try_into().unwrap_or([0; 8]));
            h = (h ^ v).wrapping_mul(MIX).rotate_left(29);
        }
        let mut tail = [0u8; 8];
        tail[..words.remainder().len()].copy_from_slice(words.remainder());
        self.0 = (h ^ u64::from_le_bytes(tail)).wrapping_mul(MIX).rotate_left(29);
    }
    fn write_usize(&mut self, v: usize) {
        self.0 = (self.0 ^ v as u64).wrapping_mul(MIX).rotate_left(29);
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
/// find them again) and the hashes of strings seen once, in two tables
/// indexed by different bits of the hash: two recurring strings that evict
/// each other from a slot of one table rarely share a slot of the other.
///
/// In front of these, `by_address` remembers where the shared strings met
/// here were: the policy's texts and the codes stay at one address, so most
/// strings are found by their address and one comparison, without hashing.
/// The comparison is what makes it safe: a freed string's address may hold
/// another string later.
struct Local {
    ids: FnvMap<Arc<str>, u32>,
    seen: [Vec<u64>; 2],
    by_address: Vec<Option<(usize, Arc<str>, u32)>>,
}

const SEEN_SLOTS: usize = 4096;
const ADDRESS_SLOTS: usize = 2048;

thread_local! {
    static LOCAL: RefCell<Local> = RefCell::new(Local {
        ids: FnvMap::default(),
        seen: [vec![0; SEEN_SLOTS], vec![0; SEEN_SLOTS]],
        by_address: vec![None; ADDRESS_SLOTS],
    });
}

fn address_slot(s: &str) -> usize {
    ((s.as_ptr() as usize >> 3) ^ s.len().wrapping_mul(31)) % ADDRESS_SLOTS
}

/// The number of `s` if it is (or, seen a second time, becomes) shared.
fn share(s: &str) -> Option<u32> {
    if s.len() < MIN_SHARED_LEN {
        return None;
    }
    LOCAL.with(|local| {
        let mut local = local.borrow_mut();
        let local = &mut *local;
        let slot = address_slot(s);
        if let Some((at, text, id)) = &local.by_address[slot] {
            if *at == s.as_ptr() as usize && **text == *s {
                return Some(*id);
            }
        }
        if let Some((text, id)) = local.ids.get_key_value(s) {
            let found = (s.as_ptr() as usize, text.clone(), *id);
            local.by_address[slot] = Some(found);
            return Some(*id);
        }
        let h = fnv(s);
        let slots = [(h as usize) % SEEN_SLOTS, ((h >> 32) as usize) % SEEN_SLOTS];
        let again = local.seen.iter().zip(slots).any(|(table, slot)| table[slot] == h);
        if !again {
            for (table, slot) in local.seen.iter_mut().zip(slots) {
                table[slot] = h;
            }
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

// ---------------------------------------------------------------- values

/// The process's shared values: the encoded bytes of arrays and maps that
/// recur whole (an obligation's texts, a required action, a classification
/// trace step), kept once and referred to by number. Only containers with
/// no instant in them are shared: those are what recurs across complaints
/// (a deadline or an escalation holds the complaint's own times).
#[derive(Default)]
struct Values {
    ids: FnvMap<Arc<[u8]>, u32>,
    all: Vec<Arc<[u8]>>,
}

fn values() -> &'static RwLock<Values> {
    static SHARED_VALUES: OnceLock<RwLock<Values>> = OnceLock::new();
    SHARED_VALUES.get_or_init(Default::default)
}

/// What one thread knows of the shared values: those it has used, and the
/// hashes of values seen once (shared the second time, as strings are).
struct LocalValues {
    ids: FnvMap<Arc<[u8]>, u32>,
    seen: Vec<u64>,
}

thread_local! {
    static LOCAL_VALUES: RefCell<LocalValues> = RefCell::new(LocalValues {
        ids: FnvMap::default(),
        seen: vec![0; SEEN_SLOTS],
    });
}

/// The number of the encoded container `bytes` if it is (or, seen a second
/// time, becomes) shared.
fn share_value(bytes: &[u8]) -> Option<u32> {
    LOCAL_VALUES.with(|local| {
        let mut local = local.borrow_mut();
        if let Some(id) = local.ids.get(bytes) {
            return Some(*id);
        }
        let mut h = Fnv::default();
        h.write(bytes);
        let h = h.finish();
        let slot = (h as usize) % SEEN_SLOTS;
        if local.seen[slot] != h {
            local.seen[slot] = h;
            return None;
        }
        let (kept, id) = share_value_globally(bytes)?;
        local.ids.insert(kept, id);
        Some(id)
    })
}

fn share_value_globally(bytes: &[u8]) -> Option<(Arc<[u8]>, u32)> {
    let lock = values();
    if let Some((k, id)) = lock.read().ok()?.ids.get_key_value(bytes) {
        return Some((k.clone(), *id));
    }
    let mut g = lock.write().ok()?;
    if let Some((k, id)) = g.ids.get_key_value(bytes) {
        return Some((k.clone(), *id));
    }
    if g.all.len() >= MAX_VALUES {
        return None;
    }
    let kept: Arc<[u8]> = bytes.into();
    let id = g.all.len() as u32;
    g.all.push(kept.clone());
    g.ids.insert(kept.clone(), id);
    Some((kept, id))
}

fn shared_value(id: u32) -> Option<Arc<[u8]>> {
    let g = values().read().unwrap_or_else(|p| p.into_inner());
    g.all.get(id as usize).cloned()
}

// ---------------------------------------------------------------- shapes

/// A struct's field names, in order.
type Keys = Arc<[Arc<str>]>;

/// The key lists of the structs encoded so far: a struct's map stores the
/// number of its list instead of its keys. Keys are the field names serde
/// gives as `&'static str`, so a list is found by the addresses of its
/// names, without hashing text.
#[derive(Default)]
struct Shapes {
    ids: FnvMap<Vec<usize>, u32>,
    all: Vec<Keys>,
}

fn shapes() -> &'static RwLock<Shapes> {
    static SHAPES: OnceLock<RwLock<Shapes>> = OnceLock::new();
    SHAPES.get_or_init(Default::default)
}

/// This thread's shapes: by the hash of their names' addresses, and in
/// front of that by (number of keys, first key) in a small direct-mapped
/// table, each found entry checked against every key's address.
struct LocalShapes {
    by_hash: FnvMap<u64, (Box<[usize]>, u32)>,
    recent: Vec<Option<(Box<[usize]>, u32)>>,
}

const RECENT_SHAPES: usize = 256;

thread_local! {
    static LOCAL_SHAPES: RefCell<LocalShapes> =
        RefCell::new(LocalShapes { by_hash: FnvMap::default(), recent: vec![None; RECENT_SHAPES] });
}

fn address(k: &&'static str) -> usize {
    k.as_ptr() as usize ^ (k.len() << 48)
}

/// The number of the key list `keys`, registered if new; None when the
/// table is full.
fn shape_id(keys: &[&'static str]) -> Option<u32> {
    let same = |known: &[usize]| known.len() == keys.len() && known.iter().copied().eq(keys.iter().map(address));
    let slot = (keys.first().map_or(0, address) >> 3 ^ keys.len()) % RECENT_SHAPES;
    LOCAL_SHAPES.with(|local| {
        let mut local = local.borrow_mut();
        let local = &mut *local;
        if let Some((known, id)) = &local.recent[slot] {
            if same(known) {
                return Some(*id);
            }
        }
        let mut h = Fnv::default();
        keys.iter().for_each(|k| h.write_usize(address(k)));
        let hash = h.finish();
        if let Some((known, id)) = local.by_hash.get(&hash) {
            if same(known) {
                let found = (known.clone(), *id);
                local.recent[slot] = Some(found);
                return Some(*id);
            }
        }
        let addresses: Vec<usize> = keys.iter().map(address).collect();
        let mut g = shapes().write().ok()?;
        let id = match g.ids.get(&addresses) {
            Some(id) => *id,
            None if g.all.len() >= MAX_SHAPES => return None,
            None => {
                let id = g.all.len() as u32;
                g.all.push(keys.iter().map(|k| Arc::from(*k)).collect());
                g.ids.insert(addresses.clone(), id);
                id
            }
        };
        let addresses = addresses.into_boxed_slice();
        local.recent[slot] = Some((addresses.clone(), id));
        local.by_hash.insert(hash, (addresses, id));
        Some(id)
    })
}

fn shape_keys(id: u32) -> Option<Keys> {
    shapes().read().ok()?.all.get(id as usize).cloned()
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
    let digits: [u8; 14] = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18].map(|i| b[i]);
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
        out: Vec::with_capacity(1024),
        keys: Vec::with_capacity(64),
        stamps: 0,
    };
    value.serialize(&mut enc)?;
    // A copy of exactly the bytes: shrinking the buffer in place would keep
    // its whole block (mimalloc does not move a block shrunk by half or less).
    Ok(Box::from(enc.out.as_slice()))
}

struct Encoder {
    out: Vec<u8>,
    /// The field names of the structs being written, innermost last (one
    /// buffer for all, instead of one allocation per struct).
    keys: Vec<&'static str>,
    /// Instants written so far (a container holding one is not shared).
    stamps: usize,
}

impl Encoder {
    fn string(&mut self, s: &str) {
        if put_stamp(&mut self.out, s) {
            self.stamps += 1;
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

    /// Open a container: its tag and two bytes for its length, written
    /// when it is closed (so that readers can skip it).
    fn open(&mut self, tag: u8) -> Container<'_> {
        self.out.extend_from_slice(&[tag, 0, 0]);
        let start = self.out.len();
        let stamps = self.stamps;
        Container {
            enc: self,
            start,
            keys: None,
            stamps,
        }
    }
}

/// An array or map being written; a struct's field names are collected in
/// `keys` and written as its shape when it is closed.
struct Container<'a> {
    enc: &'a mut Encoder,
    start: usize,
    /// For a struct: where its field names start on the encoder's stack.
    keys: Option<usize>,
    /// The encoder's count of instants when the container was opened.
    stamps: usize,
}

impl Container<'_> {
    /// Write the length (a varint in the two bytes kept for it, padded;
    /// moved into a longer one above 16 KB) and a struct's shape.
    fn close(self) {
        let Container {
            enc,
            start,
            keys,
            stamps,
        } = self;
        if let Some(base) = keys {
            let id = shape_id(&enc.keys[base..]);
            match id {
                Some(id) => enc.out.extend_from_slice(&(id as u16).to_le_bytes()),
                None => {
                    let names = enc.keys.split_off(base);
                    return unshape(enc, start, &names);
                }
            }
            enc.keys.truncate(base);
        }
        let len = enc.out.len() - start;
        if len < 1 << 14 {
            enc.out[start - 2] = 0x80 | (len & 0x7F) as u8;
            enc.out[start - 1] = (len >> 7) as u8;
            let whole = start - 3;
            if enc.stamps == stamps && VALUE_LEN.contains(&(enc.out.len() - whole)) {
                if let Some(id) = share_value(&enc.out[whole..]) {
                    enc.out.truncate(whole);
                    enc.out.push(VALUE);
                    put_varint(&mut enc.out, u64::from(id));
                }
            }
        } else {
            let mut prefix = Vec::with_capacity(5);
            put_varint(&mut prefix, len as u64);
            enc.out.splice(start - 2..start, prefix);
        }
    }
    fn key(&mut self, key: &str) {
        self.enc.string(key);
    }
}

/// A struct written as a plain map after all (the shape table is full):
/// its keys go back in front of their values.
fn unshape(enc: &mut Encoder, start: usize, keys: &[&'static str]) {
    let values = enc.out.split_off(start);
    enc.out.truncate(start - 2);
    enc.out[start - 3] = MAP;
    let mut r = Reader { b: &values, at: 0 };
    let mut body = Encoder {
        out: Vec::with_capacity(values.len() + keys.len() * 3),
        keys: Vec::new(),
        stamps: 0,
    };
    for key in keys {
        let from = r.at;
        if r.skip().is_none() {
            break;
        }
        body.string(key);
        body.out.extend_from_slice(&values[from..r.at]);
    }
    put_varint(&mut enc.out, body.out.len() as u64);
    enc.out.extend_from_slice(&body.out);
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
        let mut c = self.open(SHAPED);
        c.keys = Some(c.enc.keys.len());
        Ok(c)
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
        if self.keys.is_some() {
            self.enc.keys.push(key);
        }
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
            MAP | SHAPED => {
                let (values_end, end, shape) = self.open_map(tag)?;
                let mut map = Map::new();
                let mut i = 0;
                while self.at < values_end {
                    let key = self.key(&shape, i)?;
                    map.insert(key, self.value()?);
                    i += 1;
                }
                self.at = end;
                Value::Object(map)
            }
            VALUE => {
                let kept = shared_value(self.varint()? as u32)?;
                Reader { b: &kept, at: 0 }.value()?
            }
            tag => Value::String(self.string(tag)?),
        })
    }

    fn end_of_container(&mut self) -> Option<usize> {
        let len = self.varint()? as usize;
        Some(self.at + len)
    }

    /// After a map's tag: where its values end, where it ends, and its
    /// shape's keys if it has one.
    fn open_map(&mut self, tag: u8) -> Option<(usize, usize, Option<Keys>)> {
        let end = self.end_of_container()?;
        if tag != SHAPED {
            return Some((end, end, None));
        }
        let id = u16::from_le_bytes(self.b.get(end.checked_sub(2)?..end)?.try_into().ok()?);
        Some((end - 2, end, Some(shape_keys(u32::from(id))?)))
    }

    /// The key of the `i`-th entry of a map: from its shape, or read.
    fn key(&mut self, shape: &Option<Keys>, i: usize) -> Option<String> {
        match shape {
            Some(keys) => keys.get(i).map(|k| k.to_string()),
            None => {
                let tag = self.byte()?;
                self.string(tag)
            }
        }
    }

    /// Step over one value without building it.
    fn skip(&mut self) -> Option<()> {
        match self.byte()? {
            NULL | FALSE | TRUE => {}
            INT | UINT | SHARED | VALUE => {
                self.varint()?;
            }
            FLOAT => self.at += 8,
            STR => self.at += self.varint()? as usize,
            STAMP => self.at += 9,
            STAMP_MS => self.at += 11,
            ARRAY | MAP | SHAPED => self.at = self.end_of_container()?,
            _ => return None,
        }
        Some(())
    }

    /// Move to the value at `key` of the map that starts here; false when
    /// it has no such key.
    fn enter(&mut self, key: &str) -> Option<bool> {
        let tag = self.byte()?;
        if tag != MAP && tag != SHAPED {
            return Some(false);
        }
        let (values_end, _, shape) = self.open_map(tag)?;
        let mut i = 0;
        while self.at < values_end {
            if self.key(&shape, i)? == key {
                return Some(true);
            }
            self.skip()?;
            i += 1;
        }
        Some(false)
    }
}

/// The JSON value of encoded bytes.
pub fn decode(bytes: &[u8]) -> Value {
    Reader { b: bytes, at: 0 }.value().unwrap_or(Value::Null)
}

/// The value at `path` (keys of nested maps) of encoded bytes, decoding
/// nothing else; None when absent.
pub fn get(bytes: &[u8], path: &[&str]) -> Option<Value> {
    // The bytes being read: `bytes`, or a shared value met on the way.
    let mut kept: Option<Arc<[u8]>> = None;
    let mut at = 0;
    for key in path {
        follow_shared(bytes, &mut kept, &mut at)?;
        let mut r = Reader {
            b: kept.as_deref().unwrap_or(bytes),
            at,
        };
        if !r.enter(key)? {
            return None;
        }
        at = r.at;
    }
    Reader {
        b: kept.as_deref().unwrap_or(bytes),
        at,
    }
    .value()
}

/// If the value at `at` is a shared one, move to the start of its bytes.
fn follow_shared(bytes: &[u8], kept: &mut Option<Arc<[u8]>>, at: &mut usize) -> Option<()> {
    loop {
        let b = kept.as_deref().unwrap_or(bytes);
        if b.get(*at) != Some(&VALUE) {
            return Some(());
        }
        let id = Reader { b, at: *at + 1 }.varint()?;
        *kept = Some(shared_value(id as u32)?);
        *at = 0;
    }
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

    #[derive(serde::Serialize)]
    struct Row {
        id: &'static str,
        n: i64,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<&'static str>,
    }

    #[test]
    fn structs_keep_their_keys_in_a_shape() {
        let rows = vec![
            Row {
                id: "a",
                n: 1,
                note: None,
            },
            Row {
                id: "b",
                n: -2,
                note: Some("x"),
            },
        ];
        for _ in 0..2 {
            let bytes = encode(&rows).unwrap();
            assert_eq!(decode(&bytes), serde_json::to_value(&rows).unwrap());
        }
        let one = encode(&Row {
            id: "abc",
            n: 7,
            note: None,
        })
        .unwrap();
        assert_eq!(one[0], SHAPED);
        assert_eq!(get(&one, &["n"]), Some(json!(7)));
        assert_eq!(get(&one, &["note"]), None);
        // With the table full, a struct is written as a plain map, keys in front of values.
        let mut enc = Encoder {
            out: Vec::new(),
            keys: Vec::new(),
            stamps: 0,
        };
        let c = enc.open(SHAPED);
        c.enc.string("v1");
        c.enc.out.push(TRUE);
        let start = c.start;
        unshape(&mut enc, start, &["a", "b"]);
        assert_eq!(decode(&enc.out), json!({"a": "v1", "b": true}));
        // A container above 16 KB gets a longer length in front.
        let long = json!({"text": "x".repeat(20_000), "n": 1});
        assert_eq!(decode(&encode(&long).unwrap()), long);
    }

    #[test]
    fn containers_that_recur_are_shared_unless_they_hold_an_instant() {
        let action = json!({"action": "report_up", "text": {"en": "report it up", "zh-Hans": "上报"}, "due_at": null});
        let timed = json!({"id": "reply", "due_at": "2026-09-29T18:00:00+08:00", "notes": []});
        let result = json!({"id": "X-1", "actions": [action.clone()], "deadlines": [timed.clone()]});
        // Seen once, a container is written out; seen again, it is a
        // reference, so its parent's bytes change and the parent is shared
        // two encodings later: the encoding settles after a few rounds.
        let mut all = vec![encode(&result).unwrap()];
        for _ in 0..5 {
            all.push(encode(&result).unwrap());
        }
        assert!(all[5].len() < all[0].len(), "{} < {}", all[5].len(), all[0].len());
        assert_eq!(all[4], all[5]);
        for bytes in &all {
            assert_eq!(decode(bytes), result);
            assert_eq!(get(bytes, &["actions"]), Some(json!([action.clone()])));
            assert_eq!(get(bytes, &["deadlines"]), Some(json!([timed.clone()])));
        }
        // A shared map is entered by `get` like any other.
        let mut one = encode(&action).unwrap();
        for _ in 0..3 {
            one = encode(&action).unwrap();
        }
        assert_eq!(one[0], VALUE);
        assert_eq!(get(&one, &["text", "en"]), Some(json!("report it up")));
        assert_eq!(get(&one, &["due_at"]), Some(Value::Null));
        // A container holding an instant is never shared.
        for _ in 0..3 {
            assert_eq!(encode(&timed).unwrap()[0], MAP);
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
