//! The fast reader of case and complaint text (`model::fast_read`) against
//! the full reader (`parse_json`, then `from_value`): on every case and
//! complaint of the conformance vectors and examples, and on systematic
//! mutations of each (every key removed, every value replaced by null, a
//! wrong type, odd numbers, a duplicate or unknown key added, the text
//! truncated), the fast reader gives exactly what the full reader reads, and
//! None wherever the full reader reports a problem.

use plaint_core::decode::parse_json;
use plaint_core::model::fast_read;
use plaint_core::{Case, Complaint};
use proptest::prelude::*;
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;
use std::path::Path;

#[derive(Clone, Copy, PartialEq, Debug)]
enum Kind {
    Case,
    Complaint,
}

/// Checks one text; returns whether the full reader accepted it.
fn same(kind: Kind, text: &str) -> bool {
    match kind {
        Kind::Case => {
            let slow = parse_json(text).and_then(|v| Case::from_value(&v)).ok();
            assert_eq!(fast_read::case(text), slow, "case text {text}");
            assert_eq!(Case::from_json(text).ok(), slow, "Case::from_json of {text}");
            slow.is_some()
        }
        Kind::Complaint => {
            let slow = parse_json(text).and_then(|v| Complaint::from_value(&v)).ok();
            assert_eq!(fast_read::complaint(text), slow, "complaint text {text}");
            assert_eq!(Complaint::from_json(text).ok(), slow, "Complaint::from_json of {text}");
            slow.is_some()
        }
    }
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap_or(Path::new("."))
}

/// Every case and complaint of the vectors and examples, as text.
fn samples() -> Vec<(Kind, String)> {
    let mut out = BTreeSet::new();
    let mut files: Vec<_> = std::fs::read_dir(root().join("tests/vectors"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for file in files {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        for v in doc["cases"].as_array().unwrap() {
            let input = &v["input"];
            if let Some(c) = input.get("case") {
                out.insert((0, c.to_string()));
            }
            if let Some(Value::String(text)) = input.get("case_json") {
                out.insert((0, text.clone()));
            }
            for c in input.get("cases").and_then(Value::as_array).into_iter().flatten() {
                out.insert((0, c.to_string()));
            }
            if let Some(c) = input.get("complaint") {
                out.insert((1, c.to_string()));
            }
        }
    }
    let cases = root().join("examples/cases");
    for entry in std::fs::read_dir(cases).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        if text.trim_start().starts_with('{') && !text.contains("}\n{") {
            out.insert((0, text));
        } else {
            out.extend(text.lines().map(|l| (0, l.to_string())));
        }
    }
    let kind = |k| if k == 0 { Kind::Case } else { Kind::Complaint };
    out.into_iter().map(|(k, t)| (kind(k), t)).collect()
}

/// A placeholder replaced by raw JSON text after serialising.
const MARK: &str = "@@raw@@";

/// Values put in place of each value: null, wrong types, odd numbers
/// (written raw, as `Value` cannot hold them), codes, instants.
const REPLACEMENTS: &[&str] = &[
    "null",
    "true",
    "false",
    "0",
    "-0",
    "-0.0",
    "3.0",
    "3e0",
    "1.5",
    "-0.5",
    "-1",
    "1e400",
    "-1e400",
    "1e-400",
    "18446744073709551616",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "\"\"",
    "\" \"",
    "\"x\"",
    "\"phone\"",
    "\"vip\"",
    "\"critical\"",
    "\"2026-09-24T16:00:00+08:00\"",
    "\"2026-09-24T16:00:00\"",
    "\"0999-12-31T23:59:59Z\"",
    "[]",
    "[\"refund\"]",
    "[null]",
    "{}",
    "{\"a\": 1, \"a\": 2}",
    "[{\"a\": [1, {\"b\": null}]}]",
];

/// Every object and array in `v`, as JSON pointers.
fn containers(v: &Value, path: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            out.push(path.clone());
            for (k, child) in m {
                containers(
                    child,
                    format!("{path}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(a) => {
            out.push(path.clone());
            for (i, child) in a.iter().enumerate() {
                containers(child, format!("{path}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// The text of `v` after `edit` changed the container at `at`, with the
/// placeholder replaced by `raw`.
fn edited(v: &Value, at: &str, raw: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut v = v.clone();
    if let Some(target) = v.pointer_mut(at) {
        edit(target);
    }
    v.to_string().replace(&format!("\"{MARK}\""), raw)
}

/// The mutations of one text.
fn mutations(text: &str) -> Vec<String> {
    let mut out = vec![
        format!(" {text} "),
        format!("{text} x"),
        format!("{text}{text}"),
        format!("[{text}]"),
        text.replace("\"id\"", "\"\\u0069d\""),
        ascii_escaped(text),
    ];
    // Truncations, at every 5th character.
    out.extend(text.char_indices().step_by(5).map(|(i, _)| text[..i].to_string()));
    let Ok(v) = serde_json::from_str::<Value>(text) else {
        return out;
    };
    let mut places = Vec::new();
    containers(&v, String::new(), &mut places);
    for at in &places {
        let keys: Vec<String> = match v.pointer(at) {
            Some(Value::Object(m)) => m.keys().cloned().collect(),
            Some(Value::Array(a)) => (0..a.len()).map(|i| i.to_string()).collect(),
            _ => Vec::new(),
        };
        out.push(edited(&v, at, "1", |t| insert(t, "zz_unknown", json!(MARK))));
        out.push(edited(&v, at, "null", |t| insert(t, "zz_unknown", json!(MARK))));
        for key in &keys {
            out.push(edited(&v, at, "", |t| remove(t, key)));
            for raw in REPLACEMENTS {
                out.push(edited(&v, at, raw, |t| set(t, key, json!(MARK))));
            }
            // A duplicate: the key again, with its own value and with null.
            let dup = format!("\"{key}\":");
            for raw in ["null", "\"x\"", "1"] {
                let t = edited(&v, at, raw, |t| insert(t, "@@dup@@", json!(MARK)));
                out.push(t.replace("\"@@dup@@\":", &dup));
            }
        }
    }
    out
}

/// `text` with every character beyond ASCII written as `\uXXXX` (a
/// surrogate pair beyond the BMP), as Python's `json.dumps` writes by
/// default: the same JSON, read through the escape decoder.
fn ascii_escaped(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

fn insert(t: &mut Value, key: &str, value: Value) {
    if let Value::Object(m) = t {
        m.insert(key.to_string(), value);
    }
}

fn remove(t: &mut Value, key: &str) {
    match t {
        Value::Object(m) => {
            m.remove(key);
        }
        Value::Array(a) => {
            if let Ok(i) = key.parse::<usize>() {
                a.remove(i);
            }
        }
        _ => {}
    }
}

fn set(t: &mut Value, key: &str, value: Value) {
    match t {
        Value::Object(m) => {
            m.insert(key.to_string(), value);
        }
        Value::Array(a) => {
            if let Some(slot) = key.parse::<usize>().ok().and_then(|i| a.get_mut(i)) {
                *slot = value;
            }
        }
        _ => {}
    }
}

#[test]
fn fast_reader_equals_full_reader_on_every_sample() {
    let samples = samples();
    let accepted = samples.iter().filter(|(k, t)| same(*k, t)).count();
    // The vectors hold cases and complaints of every kind, some invalid on
    // purpose; most are valid (each is read by both readers above).
    assert!(samples.len() >= 150, "{} samples", samples.len());
    assert!(
        accepted * 10 >= samples.len() * 8,
        "{accepted} of {} accepted",
        samples.len()
    );
}

#[test]
fn fast_reader_equals_full_reader_on_mutations() {
    let (mut checked, mut accepted) = (0, 0);
    for (kind, text) in samples() {
        for m in mutations(&text) {
            checked += 1;
            accepted += usize::from(same(kind, &m));
        }
    }
    // Both outcomes are exercised: many mutations are refused, many
    // (a removed optional key, a null) still read.
    assert!(checked > 50_000, "{checked} mutations");
    assert!(
        accepted > 1_000 && accepted < checked / 2,
        "{accepted} of {checked} accepted"
    );
}

/// A case whose complaint's attributes nest `depth` arrays.
fn nested(depth: usize) -> String {
    let deep = "[".repeat(depth) + &"]".repeat(depth);
    format!(
        r#"{{"complaint": {{"id": "a", "received_at": "2026-11-02T10:00:00+08:00", "attributes": {{"x": {deep}}}}}, "events": [{{"type": "received", "at": "2026-11-02T10:00:00+08:00", "note": {deep}}}]}}"#
    )
}

#[test]
fn the_nesting_limit_is_the_full_readers() {
    // serde_json's limit, found on plain arrays: the deepest nesting it reads.
    let reads = |n: usize| serde_json::from_str::<Value>(&("[".repeat(n) + &"]".repeat(n))).is_ok();
    let limit = (1..200).take_while(|&n| reads(n)).last().unwrap_or(0);
    assert_eq!(limit, 127);
    // The case, complaint and attributes objects are three levels above the
    // attribute's arrays; the case, events and event, above the note's.
    for depth in 118..=130 {
        assert_eq!(same(Kind::Case, &nested(depth)), depth + 3 <= limit, "depth {depth}");
    }
}

#[test]
fn examples_of_each_rule() {
    let case = |complaint: &str, events: &str| format!(r#"{{"complaint": {complaint}, "events": {events}}}"#);
    let c = r#"{"id": "a", "received_at": "2026-11-02T10:00:00+08:00"}"#;
    let read = |t: &str| fast_read::case(t).is_some();
    assert!(read(&case(c, "[]")));
    assert!(read(&case(c, "null")));
    // -0, 3.0 and 3e0 are integers; 1.5 and -1 are not counts.
    for (amount, ok) in [
        ("-0", true),
        ("3.0", true),
        ("3e0", true),
        ("1.5", false),
        ("-1", false),
        ("1e400", false),
    ] {
        let e = format!(r#"[{{"type": "extension_granted", "at": "2026-11-02T11:00:00+08:00", "amount": {amount}}}]"#);
        assert_eq!(read(&case(c, &e)), ok, "amount {amount}");
        assert!(same(Kind::Case, &case(c, &e)) == ok);
    }
    // A duplicate key, even with a null, is refused.
    assert!(!read(
        r#"{"complaint": {"id": "a", "id": null, "received_at": "2026-11-02T10:00:00+08:00"}}"#
    ));
    // A rejection needs its extent.
    let rejected = r#"[{"type": "rejected", "at": "2026-11-02T11:00:00+08:00"}]"#;
    assert!(!read(&case(c, rejected)));
    // An empty id is refused; an empty text is read.
    assert!(!read(&case(
        r#"{"id": " ", "received_at": "2026-11-02T10:00:00+08:00"}"#,
        "[]"
    )));
    assert!(read(&case(
        r#"{"id": "b", "received_at": "2026-11-02T10:00:00+08:00", "text": ""}"#,
        "[]"
    )));
}

/// A value for a case's place, valid or not.
fn any_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-3i64..5).prop_map(Value::from),
        (-2.0f64..2.0).prop_map(Value::from),
        prop::sample::select(vec![
            "",
            "x",
            "phone",
            "vip",
            "refund",
            "received",
            "rejected",
            "wholly",
            "critical",
            "valid",
            "2026-11-02T10:00:00+08:00",
            "2026-11-02T10:00:00",
            "2026-11-02",
        ])
        .prop_map(Value::from),
    ]
}

/// Objects whose keys are mostly those of the place (and sometimes not).
fn object(keys: &'static [&'static str]) -> impl Strategy<Value = Value> {
    let key = prop::sample::select(keys.to_vec());
    prop::collection::vec((key, any_value()), 0..8).prop_map(|pairs| {
        Value::Object(
            pairs
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect::<Map<_, _>>(),
        )
    })
}

const COMPLAINT_KEYS: &[&str] = &["id", "received_at", "channel", "subject", "text", "department", "zz"];
const EVENT_KEYS: &[&str] = &[
    "type",
    "at",
    "by",
    "amount",
    "remedy_amount",
    "extent",
    "written",
    "note",
    "zz",
];
const FACT_KEYS: &[&str] = &[
    "loss_amount",
    "times_raised_before",
    "cause",
    "remedies_requested",
    "harm_ongoing",
];

proptest! {
    #[test]
    fn generated_cases_read_alike(
        mut complaint in object(COMPLAINT_KEYS),
        facts in object(FACT_KEYS),
        events in prop::collection::vec(object(EVENT_KEYS), 0..3),
        valid_base in any::<bool>(),
    ) {
        if valid_base {
            complaint["id"] = json!("c1");
            complaint["received_at"] = json!("2026-11-02T10:00:00+08:00");
        }
        complaint["facts"] = facts;
        let text = json!({"complaint": complaint, "events": events}).to_string();
        same(Kind::Case, &text);
    }
}

/// A decimal in JSON text reads as the 64-bit float nearest to it, by every
/// reader: each value below is the shortest text of the float just under a
/// round amount (as Python, JavaScript and Rust print it), which a reader
/// that rounds its last step wrongly would read as the round amount itself
/// (999.9999999999999 as 1000: a loss under a limit of 1000 read as at it).
#[test]
fn decimal_amounts_read_as_the_nearest_float() {
    for text in [
        "999.9999999999999",
        "9999.999999999995",
        "99999.99999999999",
        "199999.99999999994",
    ] {
        let want: f64 = text.parse().unwrap();
        let case = format!(
            r#"{{"complaint": {{"id": "a", "received_at": "2026-11-02T10:00:00+08:00", "facts": {{"loss_amount": {text}}}}}}}"#
        );
        let fast = fast_read::case(&case).expect("a valid case");
        assert_eq!(
            fast.complaint.facts.loss_amount.map(f64::to_bits),
            Some(want.to_bits()),
            "{text}"
        );
        let full = Case::from_value(&parse_json(&case).unwrap()).unwrap();
        assert_eq!(
            full.complaint.facts.loss_amount.map(f64::to_bits),
            Some(want.to_bits()),
            "{text}"
        );
    }
    assert_eq!(
        "999.9999999999999".parse::<f64>().unwrap().to_bits(),
        1000f64.to_bits() - 1
    );
}
