//! Reading JSON documents with every problem reported at once, each with a
//! stable code and an RFC 6901 path. serde's derive stops at the first error
//! and knows no paths, so policies, calendars and complaints are read through
//! this small walker instead.

use crate::error::{Code, Error, Problem};
use crate::model::instant::{Instant, parse_instant};
use crate::strict_json::Failure;
use chrono::NaiveDate;
use serde_json::{Map, Value};

/// Inputs larger than this are refused before parsing (64 MiB).
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// Parse JSON text, refusing oversized input and duplicate object keys
/// (`duplicate_key` at the second key's path). serde_json limits nesting to
/// 128 levels, so deep input is an error, never a stack overflow.
pub fn parse_json(text: &str) -> Result<Value, Error> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(Error::new(
            Code::InputTooLarge,
            "",
            format!("input of {} bytes exceeds the limit of {MAX_INPUT_BYTES}", text.len()),
        ));
    }
    crate::strict_json::parse(text).map_err(|f| match f {
        Failure::Duplicate(path) => {
            let key = path
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .replace("~1", "/")
                .replace("~0", "~");
            Error::new(
                Code::DuplicateKey,
                path,
                format!("duplicate key {key:?}: an object may name each key once"),
            )
        }
        Failure::Syntax(e) => Error::new(Code::InvalidJson, "", format!("invalid JSON: {e}")),
    })
}

/// `path` + `/key`, escaped as RFC 6901 requires.
pub fn child(path: &str, key: &str) -> String {
    let mut out = String::with_capacity(path.len() + key.len() + 1);
    out.push_str(path);
    push_child(&mut out, key);
    out
}

/// `child` in place: `path` extended by `/` and the escaped `key`, for
/// readers that extend and truncate one path while they descend.
pub fn push_child(path: &mut String, key: &str) {
    path.push('/');
    for c in key.chars() {
        match c {
            '~' => path.push_str("~0"),
            '/' => path.push_str("~1"),
            c => path.push(c),
        }
    }
}

/// `path` + `/index`.
pub fn index(path: &str, i: usize) -> String {
    format!("{path}/{i}")
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A value the format reads from a string code (the enums of the model).
pub trait FromCode: Sized + Copy + 'static {
    /// What the value is called in messages ("clock", "channel").
    const WHAT: &'static str;
    /// Every value, for "expected one of" messages.
    fn all() -> &'static [Self];
    /// The value's stable snake_case code.
    fn code(self) -> &'static str;
    /// The value whose code is `s` (exact, case-sensitive).
    fn from_code(s: &str) -> Option<Self> {
        Self::all().iter().copied().find(|v| v.code() == s)
    }
}

/// Why a JSON number is not an integer `Reader::integer` reads.
pub(crate) enum NotInteger {
    /// It has a fraction.
    Fraction,
    /// It is whole but outside the 64-bit range.
    TooLarge,
}

/// `n` as `Reader::integer` reads it (shared with the fast reader of
/// `model::fast_read`, so both read numbers alike).
pub(crate) fn integer_of(n: &serde_json::Number) -> Result<i64, NotInteger> {
    if let Some(i) = n.as_i64() {
        return Ok(i);
    }
    match n.as_f64().filter(|x| x.fract() == 0.0) {
        // -2^63 <= x < 2^63: exactly representable as i64.
        Some(x) if (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&x) => Ok(x as i64),
        Some(_) => Err(NotInteger::TooLarge),
        None => Err(NotInteger::Fraction),
    }
}

/// Collects problems while a document is read.
#[derive(Default)]
pub struct Reader {
    /// The problems found so far, in the order found.
    pub problems: Vec<Problem>,
}

impl Reader {
    /// A reader with no problems yet.
    pub fn new() -> Reader {
        Reader::default()
    }

    /// Record a problem at `path`.
    pub fn push(&mut self, code: Code, path: &str, message: impl Into<String>) {
        self.problems.push(Problem {
            code,
            path: path.to_string(),
            message: message.into(),
        });
    }

    /// Ok(value) when no problem was found, else every problem.
    pub fn finish<T>(self, value: Option<T>) -> Result<T, Error> {
        match value {
            Some(v) if self.problems.is_empty() => Ok(v),
            _ if self.problems.is_empty() => Err(Error::new(Code::InvalidValue, "", "invalid document")),
            _ => Err(Error::Invalid(self.problems)),
        }
    }

    fn wrong_type(&mut self, v: &Value, path: &str, expected: &str) {
        self.push(
            Code::InvalidType,
            path,
            format!("expected {expected}, found {}", type_name(v)),
        );
    }

    /// `v` as an object whose keys are to be read; `invalid_type` otherwise.
    pub fn object<'v>(&mut self, v: &'v Value, path: &str) -> Option<Fields<'v>> {
        match v {
            Value::Object(map) => Some(Fields {
                map,
                path: path.to_string(),
                known: [""; KNOWN_INLINE],
                n_known: 0,
                more_known: Vec::new(),
                present: map.keys().fold(0, |acc, k| acc | key_bit(k)),
                found: [0; KNOWN_INLINE],
                n_found: 0,
            }),
            _ => {
                self.wrong_type(v, path, "an object");
                None
            }
        }
    }

    /// `v` as an array; `invalid_type` otherwise.
    pub fn array<'v>(&mut self, v: &'v Value, path: &str) -> Option<&'v Vec<Value>> {
        match v {
            Value::Array(a) => Some(a),
            _ => {
                self.wrong_type(v, path, "an array");
                None
            }
        }
    }

    /// `v` as a string; `invalid_type` otherwise.
    pub fn string<'v>(&mut self, v: &'v Value, path: &str) -> Option<&'v str> {
        match v {
            Value::String(s) => Some(s),
            _ => {
                self.wrong_type(v, path, "a string");
                None
            }
        }
    }

    /// A non-empty string (ids, names).
    pub fn name<'v>(&mut self, v: &'v Value, path: &str) -> Option<&'v str> {
        let s = self.string(v, path)?;
        if s.trim().is_empty() {
            self.push(Code::InvalidValue, path, "must not be empty");
            return None;
        }
        Some(s)
    }

    /// `v` as a boolean; `invalid_type` otherwise.
    pub fn boolean(&mut self, v: &Value, path: &str) -> Option<bool> {
        match v {
            Value::Bool(b) => Some(*b),
            _ => {
                self.wrong_type(v, path, "a boolean");
                None
            }
        }
    }

    /// An integer: a JSON number whose value is whole, however it is
    /// written (`3`, `3.0`, `3e0`, and `-0` for 0, as JSON Schema's
    /// "integer" counts them); a fraction is `invalid_type`, a whole number
    /// outside the 64-bit range `amount_overflow`. See docs/input.md.
    pub fn integer(&mut self, v: &Value, path: &str) -> Option<i64> {
        let Value::Number(n) = v else {
            self.wrong_type(v, path, "an integer");
            return None;
        };
        match integer_of(n) {
            Ok(i) => Some(i),
            Err(NotInteger::TooLarge) => {
                self.push(Code::AmountOverflow, path, format!("{n} is too large"));
                None
            }
            Err(NotInteger::Fraction) => {
                self.wrong_type(v, path, "an integer");
                None
            }
        }
    }

    /// A non-negative integer (amounts, counts).
    pub fn count(&mut self, v: &Value, path: &str) -> Option<i64> {
        let i = self.integer(v, path)?;
        if i < 0 {
            self.push(Code::NegativeAmount, path, format!("{i} is negative"));
            return None;
        }
        Some(i)
    }

    /// A non-negative number (an amount of money: a loss, a remedy);
    /// `-0` reads as 0.
    pub fn amount(&mut self, v: &Value, path: &str) -> Option<f64> {
        let x = self.number(v, path)?;
        if x < 0.0 {
            self.push(Code::NegativeAmount, path, format!("{x} is negative"));
            return None;
        }
        Some(x + 0.0)
    }

    /// `v` as a number (any JSON number); `invalid_type` otherwise.
    pub fn number(&mut self, v: &Value, path: &str) -> Option<f64> {
        match v.as_f64() {
            Some(f) if v.is_number() => Some(f),
            _ => {
                self.wrong_type(v, path, "a number");
                None
            }
        }
    }

    /// `v` as the code of a `T`: `invalid_type` if not a string,
    /// `invalid_value` (listing the codes) if unknown.
    pub fn code<T: FromCode>(&mut self, v: &Value, path: &str) -> Option<T> {
        let s = self.string(v, path)?;
        match T::from_code(s) {
            Some(t) => Some(t),
            None => {
                let all: Vec<&str> = T::all().iter().map(|t| t.code()).collect();
                self.push(
                    Code::InvalidValue,
                    path,
                    format!("unknown {} {s:?}; expected one of {}", T::WHAT, all.join(", ")),
                );
                None
            }
        }
    }

    /// A list of codes; an empty list is allowed.
    pub fn codes<T: FromCode>(&mut self, v: &Value, path: &str) -> Option<Vec<T>> {
        let items = self.array(v, path)?;
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            match self.code(item, &index(path, i)) {
                Some(t) => out.push(t),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// `v` as an RFC 3339 timestamp with a UTC offset, within years
    /// 1000–9999 (`instant_without_offset` or `invalid_instant` otherwise).
    pub fn instant(&mut self, v: &Value, path: &str) -> Option<Instant> {
        let s = self.string(v, path)?;
        match parse_instant(s) {
            Ok(i) => Some(i),
            Err(e) => {
                self.push(e.code(), path, e.to_string());
                None
            }
        }
    }

    /// `v` as a YYYY-MM-DD date; `invalid_date` otherwise.
    pub fn date(&mut self, v: &Value, path: &str) -> Option<NaiveDate> {
        let s = self.string(v, path)?;
        match parse_date(s) {
            Some(d) => Some(d),
            None => {
                self.push(Code::InvalidDate, path, format!("{s:?} is not a date (YYYY-MM-DD)"));
                None
            }
        }
    }
}

/// A strict YYYY-MM-DD date.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    if s.len() != 10 || s.as_bytes()[4] != b'-' || s.as_bytes()[7] != b'-' {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// The fields of one JSON object; remembers which keys were read so that
/// `done` can report the unknown ones.
pub struct Fields<'v> {
    map: &'v Map<String, Value>,
    /// The object's path, RFC 6901.
    pub path: String,
    // The keys read so far: inline, so that reading an object does not
    // allocate for its bookkeeping (this is the hot path of every binding).
    known: [&'static str; KNOWN_INLINE],
    n_known: usize,
    more_known: Vec<&'static str>,
    // A reader asks for every key the format defines, and most are absent:
    // `present` (one bit per key, by `key_bit`) answers most of those without
    // a string comparison, and `found` (the addresses of the map's keys that
    // were read) lets `done` check for unknown keys without comparing text.
    present: u64,
    found: [usize; KNOWN_INLINE],
    n_found: usize,
}

const KNOWN_INLINE: usize = 32;

/// A key's bit in `Fields::present`: a cheap hash of its length and ends.
fn key_bit(k: &str) -> u64 {
    let b = k.as_bytes();
    let (first, last) = (*b.first().unwrap_or(&0) as usize, *b.last().unwrap_or(&0) as usize);
    1 << ((b.len().wrapping_mul(7) ^ first.wrapping_mul(31) ^ last) % 64)
}

impl<'v> Fields<'v> {
    /// The value at `key`, if present (null counts as absent); the key is
    /// remembered as known.
    fn value(&mut self, key: &'static str) -> Option<&'v Value> {
        if self.n_known < KNOWN_INLINE {
            self.known[self.n_known] = key;
            self.n_known += 1;
        } else {
            self.more_known.push(key);
        }
        if self.present & key_bit(key) == 0 {
            return None;
        }
        let (k, v) = self.map.get_key_value(key)?;
        if self.n_found < KNOWN_INLINE {
            self.found[self.n_found] = k.as_ptr() as usize;
            self.n_found += 1;
        }
        match v {
            Value::Null => None,
            v => Some(v),
        }
    }

    /// The value at `key` and its path, if present (null counts as absent).
    pub fn opt(&mut self, key: &'static str) -> Option<(&'v Value, String)> {
        self.value(key).map(|v| (v, child(&self.path, key)))
    }

    /// `read` applied to the value at `key`, if present. `read` gets the
    /// path "" and the key's path is put in front of the problems it reports:
    /// the path is only built for a document that has a problem (reading
    /// cases is the hot path of every binding, and most have none). `read`
    /// must build every path it reports by appending to the one it is given.
    pub fn get<T>(
        &mut self,
        r: &mut Reader,
        key: &'static str,
        read: impl FnOnce(&mut Reader, &'v Value, &str) -> Option<T>,
    ) -> Option<T> {
        let v = self.value(key)?;
        let before = r.problems.len();
        let out = read(r, v, "");
        if r.problems.len() > before {
            let at = child(&self.path, key);
            for p in &mut r.problems[before..] {
                p.path.insert_str(0, &at);
            }
        }
        out
    }

    /// `get`, reporting `missing_field` when the key is absent.
    pub fn must<T>(
        &mut self,
        r: &mut Reader,
        key: &'static str,
        read: impl FnOnce(&mut Reader, &'v Value, &str) -> Option<T>,
    ) -> Option<T> {
        let present = self.present & key_bit(key) != 0 && !matches!(self.map.get(key), None | Some(Value::Null));
        if present {
            return self.get(r, key, read);
        }
        self.value(key);
        r.push(
            Code::MissingField,
            &child(&self.path, key),
            format!("missing field {key:?}"),
        );
        None
    }

    /// The value at `key`; reports `missing_field` when absent.
    pub fn req(&mut self, r: &mut Reader, key: &'static str) -> Option<(&'v Value, String)> {
        let got = self.opt(key);
        if got.is_none() {
            r.push(
                Code::MissingField,
                &child(&self.path, key),
                format!("missing field {key:?}"),
            );
        }
        got
    }

    /// Whether the object has this key at all.
    pub fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// The raw map, for free-form objects (attributes).
    pub fn map(&self) -> &'v Map<String, Value> {
        self.map
    }

    /// Report every key that was never read as `unknown_field`.
    pub fn done(self, r: &mut Reader) {
        let found = &self.found[..self.n_found];
        if self
            .map
            .keys()
            .all(|k| !k.is_empty() && found.contains(&(k.as_ptr() as usize)))
        {
            return;
        }
        let read = |k: &str| self.known[..self.n_known].contains(&k) || self.more_known.contains(&k);
        for key in self.map.keys() {
            if !read(key) {
                let known: Vec<&str> = self.known[..self.n_known]
                    .iter()
                    .chain(&self.more_known)
                    .copied()
                    .collect();
                r.push(
                    Code::UnknownField,
                    &child(&self.path, key),
                    format!("unknown field {key:?}; expected one of {}", known.join(", ")),
                );
            }
        }
    }
}
