//! The assessment text the C ABI writes (`json_text::assessment`, field by
//! field) equals the JSON layer's (`api::assessment_value`, a
//! `serde_json::Value`, then `to_string`) byte for byte: on every "assess"
//! conformance vector, with every optional field set, with strings that need
//! every kind of escape, and with instants at the ends of the range.

use plaint_core::decode::FromCode;
use plaint_core::model::instant::{MAX_MS, MIN_MS};
use plaint_core::model::{Category, ClaimType, Nature, Severity, Validity};
use plaint_core::obligation::ActionError;
use plaint_core::policy::{RuleKind, SelectedBy, Title, TriggerOn};
use plaint_core::sla::{DeadlineError, SlaState};
use plaint_core::{Assessment, Case, Clock, Explain, Instant, Stamp, WarningCode, api, assess_with};
use serde_json::Value;
use std::path::Path;
use std::sync::Arc;

/// The ABI's text of `a`, checked equal to the JSON layer's.
fn assert_same_text(a: &Assessment, what: &str) {
    let mut text = Vec::new();
    plaint::json_text::assessment(a, &mut text).unwrap();
    let want = api::assessment_value(a).unwrap().to_string();
    assert_eq!(String::from_utf8(text).unwrap(), want, "{what}");
}

/// The assessment of every "assess" vector with an expected result, with
/// the trace and without it, and its id.
fn vector_assessments() -> Vec<(Assessment, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut all = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let suite: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for case in suite["cases"].as_array().unwrap() {
            if case["op"] != "assess" || case.get("expect").is_none() {
                continue;
            }
            let input = &case["input"];
            let policy = api::policy_from(&input["policy"]).unwrap();
            let now: Instant = plaint_core::model::parse_instant(input["now"].as_str().unwrap()).unwrap();
            let c = Case::from_value(&input["case"]).unwrap();
            for explain in [Explain::Full, Explain::Outcome] {
                all.push((assess_with(&policy, &c, now, explain).unwrap(), case["id"].to_string()));
            }
        }
    }
    all
}

#[test]
fn equal_to_the_json_layer_on_every_vector() {
    let all = vector_assessments();
    assert!(all.len() >= 100, "{} assessments", all.len());
    for (a, id) in &all {
        assert_same_text(a, id);
    }
}

/// A string with every character serde_json escapes (each control
/// character, quote, backslash) and some it leaves as they are (DEL,
/// U+2028, U+2029, a character outside the BMP, Chinese).
fn every_escape() -> String {
    let mut s: String = (0u8..0x20).map(char::from).collect();
    s.push_str("\"\\/\u{7f}\u{2028}\u{2029}😀投诉 end");
    s
}

/// One assessment holding every part the vectors give (an escalation, an
/// action, a warning from wherever they occur) with every optional field
/// set and strings needing escapes in each string field the writer fills.
fn everything_set() -> Assessment {
    let all = vector_assessments();
    let find = |f: &dyn Fn(&Assessment) -> bool| all.iter().map(|(a, _)| a).find(|a| f(a)).unwrap().clone();
    let mut a = find(&|a| !a.deadlines.is_empty() && !a.classification.trace.is_empty());
    a.escalations = find(&|a| !a.escalations.is_empty()).escalations;
    a.required_actions = find(&|a| !a.required_actions.is_empty()).required_actions;
    a.warnings = find(&|a| !a.warnings.is_empty()).warnings;
    let odd = every_escape();
    let stamp = Stamp::new(
        Instant::from_ms(1_790_236_800_123).unwrap(),
        "Asia/Kolkata".parse().unwrap(),
    );
    a.complaint_id = odd.clone();
    a.owner = Some(odd.clone());
    a.policy = odd.clone();
    a.calendar = Arc::from(odd.as_str());
    let c = &mut a.classification;
    (c.category, c.claim_type, c.nature) = (Some(Category::ALL[1]), Some(ClaimType::ALL[0]), Some(Nature::ALL[0]));
    (c.severity, c.validity, c.validity_suggestion) =
        (Some(Severity::ALL[0]), Some(Validity::ALL[0]), Some(Validity::ALL[1]));
    (c.route, c.classified_by) = (Some(odd.clone()), Some(odd.clone()));
    for d in &mut a.deadlines {
        d.notes.push(odd.clone());
        d.department = Some(Arc::from(odd.as_str()));
        d.source = Some(Arc::from(odd.as_str()));
        d.error = Some(DeadlineError {
            code: "calendar_range_exceeded",
            message: odd.clone(),
        });
        (d.counted_until, d.elapsed, d.remaining) = (Some(stamp), Some(i64::MIN), Some(i64::MAX));
        (d.amount, d.paused, d.extended) = (-1, 0, 1_000_000_007);
    }
    for e in &mut a.escalations {
        (e.act_by, e.next_change_at, e.source) = (Some(stamp), Some(stamp), None);
        (e.reason, e.level_index) = (odd.clone(), usize::MAX);
    }
    for (i, r) in a.required_actions.iter_mut().enumerate() {
        r.error = Some(ActionError {
            code: "calendar_range_exceeded",
            message: odd.clone(),
        });
        r.text = Arc::new(match i % 2 {
            0 => Title {
                zh_hans: None,
                zh_hant: Some(odd.clone()),
                en: None,
            },
            _ => Title {
                zh_hans: Some(odd.clone()),
                zh_hant: None,
                en: Some(odd.clone()),
            },
        });
    }
    for w in &mut a.warnings {
        w.dates = vec![odd.clone(), "2027-01-01".into()];
        w.deadline = Some(Arc::from(odd.as_str()));
    }
    a
}

#[test]
fn equal_to_the_json_layer_with_every_field_set_and_every_escape() {
    let a = everything_set();
    assert!(!a.escalations.is_empty() && !a.required_actions.is_empty() && !a.warnings.is_empty());
    assert_same_text(&a, "every field set");
    // Every required action without the error, and an empty title.
    let mut b = a.clone();
    for r in &mut b.required_actions {
        r.error = None;
        r.text = Arc::new(Title::default());
    }
    b.warnings
        .iter_mut()
        .for_each(|w| (w.dates, w.deadline) = (Vec::new(), None));
    assert_same_text(&b, "optional fields absent");
}

/// Instants at both ends of the range, in zones whose offsets push the local
/// year to 999 and 10000, with and without milliseconds.
#[test]
fn equal_to_the_json_layer_for_instants_at_the_ends_of_the_range() {
    let mut a = everything_set();
    let cases = [
        (MAX_MS, "Pacific/Kiritimati"),
        (MAX_MS, "UTC"),
        (MAX_MS - 999, "Asia/Shanghai"),
        (MIN_MS, "America/Los_Angeles"),
        (MIN_MS, "Asia/Shanghai"),
        (MIN_MS + 1, "UTC"),
        (0, "America/St_Johns"),
        (-1, "Pacific/Chatham"),
    ];
    for (ms, zone) in cases {
        let s = Stamp::new(Instant::from_ms(ms).unwrap(), zone.parse().unwrap());
        (a.now, a.next_check_at) = (s, Some(s));
        a.deadlines
            .iter_mut()
            .for_each(|d| (d.due_at, d.warn_at, d.met_at) = (Some(s), Some(s), Some(s)));
        assert_same_text(&a, &format!("{ms} in {zone}"));
    }
}

/// Strings of 0 to 19 bytes with each character that needs escaping at
/// each position: every place in a word of 8 bytes and in the tail, through
/// the generic writer (`json_text::write_value`) and the field writer.
#[test]
fn escapes_at_every_position_of_a_word() {
    let mut a = everything_set();
    let specials: Vec<char> = (0u8..0x20).map(char::from).chain(['"', '\\']).collect();
    for len in 0..20 {
        for at in 0..len {
            for &c in &specials {
                let s: String = (0..len).map(|i| if i == at { c } else { 'a' }).collect();
                let v = Value::String(s.clone());
                let mut text = Vec::new();
                plaint::json_text::write_value(&v, &mut text).unwrap();
                assert_eq!(String::from_utf8(text).unwrap(), v.to_string(), "{s:?}");
                a.owner = Some(s);
                assert_same_text(&a, "owner");
            }
        }
    }
}

/// The codes the field writer writes without checking for escapes are
/// plain snake_case.
#[test]
fn codes_need_no_escaping() {
    fn plain<T: FromCode>() {
        for v in T::all() {
            assert!(
                v.code()
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{}",
                v.code()
            );
        }
    }
    plain::<plaint_core::model::EventKind>();
    plain::<plaint_core::lifecycle::State>();
    plain::<Category>();
    plain::<ClaimType>();
    plain::<Nature>();
    plain::<Severity>();
    plain::<Validity>();
    plain::<Clock>();
    plain::<RuleKind>();
    plain::<SlaState>();
    plain::<TriggerOn>();
    plain::<SelectedBy>();
    plain::<WarningCode>();
}

/// A map with keys out of order and needing escapes, inside an array,
/// through the generic writer.
#[test]
fn generic_writer_sorts_map_keys() {
    let v: Value =
        serde_json::from_str(r#"[{"b": 1, "a\"q": [true, null, 2.5], "\u0001": {"z": -0.0, "y": "\n"}}]"#).unwrap();
    let mut text = Vec::new();
    plaint::json_text::write_value(&v, &mut text).unwrap();
    assert_eq!(String::from_utf8(text).unwrap(), v.to_string());
}
