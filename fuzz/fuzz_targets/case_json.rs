//! Any text as a case ({"complaint", "events"}), assessed with every preset.
//! The fast reader of case and complaint text reads every text as the full
//! reader does: the same case or complaint, or None where the full reader
//! reports a problem.
//! The strict JSON reader agrees with serde_json on every text: the same
//! value, or the same refusal, except that a duplicate key is refused at a
//! path where the text really has an object with that key twice (checked on
//! an independent reading that keeps every key: serde_json's own last-wins
//! value may have overwritten the object that holds the duplicate).
#![no_main]
use libfuzzer_sys::fuzz_target;
use plaint_core::decode::parse_json;
use plaint_core::model::fast_read;
use plaint_core::{Case, Code, Complaint, Policy, assess};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::fmt;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    check_strict_reader(text);
    check_fast_reader(text);
    let Ok(case) = Case::from_json(text) else { return };
    for name in plaint_core::policy::presets::names() {
        let policy = Policy::preset(name).unwrap();
        let _ = assess(&policy, &case, case.complaint.received_at.saturating_add_ms(86_400_000));
    }
});

fn check_fast_reader(text: &str) {
    let full = parse_json(text).and_then(|v| Case::from_value(&v)).ok();
    assert_eq!(fast_read::case(text), full);
    let full = parse_json(text).and_then(|v| Complaint::from_value(&v)).ok();
    assert_eq!(fast_read::complaint(text), full);
}

fn check_strict_reader(text: &str) {
    let loose = serde_json::from_str::<Value>(text);
    match (parse_json(text), loose) {
        (Ok(strict), Ok(loose)) => assert_eq!(strict, loose),
        (Ok(_), Err(e)) => panic!("accepted what serde_json refuses: {e}"),
        (Err(e), Ok(_)) => {
            assert_eq!(e.code(), Code::DuplicateKey, "refused valid JSON: {e}");
            let tree: Tree = serde_json::from_str(text).expect("serde_json read it");
            let path: Vec<String> = e
                .path()
                .split('/')
                .skip(1)
                .map(|k| k.replace("~1", "/").replace("~0", "~"))
                .collect();
            assert!(has_duplicate(&tree, &path), "no duplicate at {}", e.path());
        }
        (Err(e), Err(_)) => assert!(matches!(e.code(), Code::InvalidJson | Code::InputTooLarge), "{e}"),
    }
}

/// A JSON document with every key of every object kept, in order.
enum Tree {
    Object(Vec<(String, Tree)>),
    Array(Vec<Tree>),
    Leaf,
}

/// Whether `path` leads, through any of the entries of each key, to an
/// object that holds its last component twice.
fn has_duplicate(t: &Tree, path: &[String]) -> bool {
    match (t, path) {
        (Tree::Object(entries), [key]) => entries.iter().filter(|(k, _)| k == key).count() >= 2,
        (Tree::Object(entries), [key, rest @ ..]) => entries.iter().any(|(k, v)| k == key && has_duplicate(v, rest)),
        (Tree::Array(items), [i, rest @ ..]) => i
            .parse::<usize>()
            .ok()
            .and_then(|i| items.get(i))
            .is_some_and(|v| has_duplicate(v, rest)),
        _ => false,
    }
}

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Tree, D::Error> {
        d.deserialize_any(TreeVisitor)
    }
}

struct TreeVisitor;

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Tree;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Tree, E> {
        Ok(Tree::Leaf)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Tree, E> {
        Ok(Tree::Leaf)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Tree, E> {
        Ok(Tree::Leaf)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Tree, E> {
        Ok(Tree::Leaf)
    }
    fn visit_str<E>(self, _: &str) -> Result<Tree, E> {
        Ok(Tree::Leaf)
    }
    fn visit_unit<E>(self) -> Result<Tree, E> {
        Ok(Tree::Leaf)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Tree, A::Error> {
        let mut items = Vec::new();
        while let Some(t) = a.next_element()? {
            items.push(t);
        }
        Ok(Tree::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Tree, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = a.next_entry::<String, Tree>()? {
            entries.push(entry);
        }
        Ok(Tree::Object(entries))
    }
}
