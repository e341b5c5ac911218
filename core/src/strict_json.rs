//! JSON text to a `serde_json::Value`, refusing duplicate object keys.
//!
//! serde_json keeps the last of two equal keys without a word, so
//! `{"name": "a", "name": "b"}` would read as "b" and a policy with two
//! `deadlines` arrays would silently lose one. Input to plaint is rules and
//! records people audit: a duplicate is an error (`duplicate_key`) at the
//! JSON path of the second occurrence. The value is built by the same
//! deserializer serde_json uses (nesting limit included); only the map
//! visitor differs.

use serde::de::{DeserializeSeed, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::fmt;

/// Where the walk is: the keys and indexes from the root, and the path of a
/// duplicate once one is found.
#[derive(Default)]
struct Walk {
    stack: Vec<Segment>,
    duplicate: Option<String>,
}

enum Segment {
    Key(String),
    Index(usize),
}

impl Walk {
    fn path_to(&self, key: &str) -> String {
        let mut path = String::new();
        for segment in &self.stack {
            path = match segment {
                Segment::Key(k) => crate::decode::child(&path, k),
                Segment::Index(i) => crate::decode::index(&path, *i),
            };
        }
        crate::decode::child(&path, key)
    }
}

/// What went wrong: a duplicate key at a path, or malformed JSON.
pub(crate) enum Failure {
    Duplicate(String),
    Syntax(serde_json::Error),
}

/// Parse `text`, refusing duplicate keys.
pub(crate) fn parse(text: &str) -> Result<Value, Failure> {
    let mut walk = Walk::default();
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Seed(&mut walk).deserialize(&mut de).and_then(|v| de.end().map(|()| v));
    match (value, walk.duplicate) {
        // The walk stops at the first duplicate; text that is malformed
        // further on (a syntax error, a number out of range) is malformed
        // JSON first, as serde_json reads it whole (found by fuzzing).
        (_, Some(path)) => match serde_json::from_str::<Value>(text) {
            Ok(_) => Err(Failure::Duplicate(path)),
            Err(e) => Err(Failure::Syntax(e)),
        },
        (Ok(v), None) => Ok(v),
        (Err(e), None) => Err(Failure::Syntax(e)),
    }
}

/// One value read from `d` as `parse` reads it, for a reader that reads
/// the rest of the text itself (`model::fast_read`): a duplicate key is an
/// error, whose path is not kept.
pub(crate) fn value<'de, D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
    Seed(&mut Walk::default()).deserialize(d)
}

struct Seed<'w>(&'w mut Walk);

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        // As serde_json's own Value: a float JSON cannot hold becomes null
        // (JSON text never produces one).
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        loop {
            self.0.stack.push(Segment::Index(out.len()));
            let next = seq.next_element_seed(Seed(self.0));
            self.0.stack.pop();
            match next? {
                Some(v) => out.push(v),
                None => return Ok(Value::Array(out)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                self.0.duplicate = Some(self.0.path_to(&key));
                return Err(A::Error::custom(format!("duplicate key {key:?}")));
            }
            self.0.stack.push(Segment::Key(key));
            let value = map.next_value_seed(Seed(self.0));
            let key = match self.0.stack.pop() {
                Some(Segment::Key(key)) => key,
                _ => String::new(), // the stack is balanced: pushed just above
            };
            out.insert(key, value?);
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duplicate(text: &str) -> Option<String> {
        match parse(text) {
            Err(Failure::Duplicate(path)) => Some(path),
            _ => None,
        }
    }

    #[test]
    fn duplicates_are_found_at_their_path() {
        assert_eq!(duplicate(r#"{"name": "a", "name": "b"}"#).as_deref(), Some("/name"));
        assert_eq!(
            duplicate(r#"{"deadlines": [{"id": "x"}, {"id": "y", "clock": "a", "clock": "b"}]}"#).as_deref(),
            Some("/deadlines/1/clock")
        );
        assert_eq!(duplicate(r#"{"a/b": {"~": 1, "~": 2}}"#).as_deref(), Some("/a~1b/~0"));
        // A duplicate in text that is not JSON further on: the text is malformed.
        assert!(matches!(parse(r#"{"a": 3, "a": 33e333333}"#), Err(Failure::Syntax(_))));
        assert_eq!(duplicate(r#"{"id": "a", "id": "a", "at":0:00}"#), None);
        assert!(matches!(
            parse(r#"{"id": "a", "id": "a", "at":0:00}"#),
            Err(Failure::Syntax(_))
        ));
    }

    #[test]
    fn equal_keys_in_different_objects_are_fine() {
        let v = parse(r#"{"a": {"id": 1}, "b": {"id": 2}, "c": [{"id": 3}, {"id": 4}]}"#).ok();
        assert_eq!(
            v,
            serde_json::from_str(r#"{"a": {"id": 1}, "b": {"id": 2}, "c": [{"id": 3}, {"id": 4}]}"#).ok()
        );
    }

    #[test]
    fn values_equal_serde_json_s() {
        let text = r#"{"n": -0, "f": 1.5e3, "big": 18446744073709551615, "neg": -9223372036854775808,
                       "s": "é\u00e9\n", "t": true, "z": null, "a": [[], {}, [1, [2]]]}"#;
        assert_eq!(parse(text).ok(), serde_json::from_str::<Value>(text).ok());
    }

    #[test]
    fn syntax_errors_and_trailing_text_stay_syntax_errors() {
        for text in ["{", "[1,]", "{} x", "", "{\"a\": 1,}"] {
            assert!(matches!(parse(text), Err(Failure::Syntax(_))), "{text}");
        }
    }

    #[test]
    fn nesting_is_limited_as_in_serde_json() {
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert!(matches!(parse(&deep), Err(Failure::Syntax(_))));
        let ok = "[".repeat(100) + &"]".repeat(100);
        assert!(parse(&ok).is_ok());
    }
}
