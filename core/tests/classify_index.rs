//! Row indexes of large tables (`classify::index`): a classification with
//! them is the classification without them. The routes of the 20-row table
//! below are worked out by hand from first-hit order; every preset and
//! every example complaint, and every combination of the table's fields,
//! give the same values through the index as row by row.

use plaint_core::classify::index::Indexed;
use plaint_core::classify::{classify_values, classify_values_indexed};
use plaint_core::policy::presets;
use plaint_core::{Complaint, Explain, Policy, classify_with};
use serde_json::{Value, json};
use std::sync::Arc;

const CHANNELS: [&str; 5] = ["phone", "visit", "letter", "email", "web"];
const TIERS: [&str; 2] = ["vip", "regular"];
const LOSS: [i64; 4] = [20000, 5000, 1000, 0];

/// cn-property with its tables replaced: a 21-row first-hit route table
/// (row ri: channel i % 5, tier (i / 5) % 2, loss at least LOSS[i / 5]; an
/// injury row after r09), a
/// collect table keyed by `in` lists with rows that do not test the key,
/// and a table keyed by an attribute.
fn policy() -> Policy {
    let text = include_str!("../data/presets/cn-property.json");
    let mut doc: Value = serde_json::from_str(text).unwrap();
    let route: Vec<Value> = (0..20)
        .map(|i| {
            json!({"id": format!("r{i:02}"), "then": format!("route_{i:02}"), "when": {
                "channel": CHANNELS[i % 5], "customer.tier": TIERS[(i / 5) % 2],
                "facts.loss_amount": {"gte": LOSS[i / 5]}}})
        })
        .collect();
    // A row that tests neither channel nor tier, between the others: the
    // index must keep it in its place.
    let mut route = route;
    route.insert(
        10,
        json!({"id": "injury", "then": "route_injury", "when": {"facts.personal_injury": true}}),
    );
    let mut severity: Vec<Value> = (0..8)
        .map(|i| json!({"id": format!("s{i}"), "then": if i % 2 == 0 { "important" } else { "minor" },
            "when": {"channel": {"in": [CHANNELS[i % 5], CHANNELS[(i + 2) % 5]]}, "facts.times_raised_before": {"gte": i}}}))
        .collect();
    severity.insert(
        3,
        json!({"id": "any-injury", "then": "major", "when": {"facts.personal_injury": true}}),
    );
    let site: Vec<Value> = (0..10)
        .map(|i| json!({"id": format!("a{i}"), "then": format!("site_{i}"), "when": {"attributes.site": format!("S{}", i % 4)}}))
        .collect();
    doc["name"] = json!("indexed-tables");
    doc["classification"] = json!([
        {"id": "route", "output": "route", "hit": "first", "default": "general", "rows": route},
        {"id": "severity", "output": "severity", "hit": "collect", "rank": ["major", "important", "minor"], "rows": severity},
        {"id": "site", "output": "route", "hit": "first", "rows": site},
    ]);
    Policy::from_json(&doc.to_string()).unwrap()
}

fn complaint(channel: Option<&str>, tier: &str, loss: i64, raised: i64, injury: bool, site: Value) -> Complaint {
    let mut c = json!({"id": "X", "received_at": "2026-09-24T16:00:00+08:00", "text": "楼道灯坏了",
        "customer": {"tier": tier},
        "facts": {"loss_amount": loss, "times_raised_before": raised, "personal_injury": injury},
        "attributes": {"site": site}});
    if let Some(ch) = channel {
        c["channel"] = json!(ch);
    }
    Complaint::from_json(&c.to_string()).unwrap()
}

/// The values with and without the index, and classify's own (without its
/// trace and signals), must agree; returns them.
fn same(indexed: &Indexed, c: &Complaint) -> plaint_core::Classification {
    let plain = classify_values(indexed.policy(), c);
    assert_eq!(classify_values_indexed(indexed, c), plain, "{c:?}");
    let mut outcome = classify_with(indexed.policy(), c, Explain::Outcome);
    outcome.signals.clear();
    assert_eq!(outcome, plain, "{c:?}");
    plain
}

#[test]
fn routes_by_hand() {
    let indexed = Indexed::new(Arc::new(policy()));
    let version = indexed.of(indexed.policy()).unwrap();
    assert!(
        version.tables.iter().all(Option::is_some),
        "each table is large enough to index"
    );
    assert!(!version.reads_text, "no table tests the text");
    let route = |ch, tier, loss| same(&indexed, &complaint(Some(ch), tier, loss, 0, false, Value::Null)).route;
    // phone, vip, 30000: row 0 (phone, vip, >= 20000).
    assert_eq!(route("phone", "vip", 30000).as_deref(), Some("route_00"));
    // visit, regular, 1500: rows 1 and 11 are vip, row 6 needs 5000; row 16 (>= 0).
    assert_eq!(route("visit", "regular", 1500).as_deref(), Some("route_16"));
    // web, vip, 1000: row 4 needs 20000; rows 9 and 19 are regular; row 14 (vip, >= 1000).
    assert_eq!(route("web", "vip", 1000).as_deref(), Some("route_14"));
    // email, vip, 500: rows 3 and 13 need more; rows 8 and 18 are regular: the default.
    assert_eq!(route("email", "vip", 500).as_deref(), Some("general"));
    // With an injury: r00 comes before the injury row, r16 after it.
    let injured = |ch, tier, loss| same(&indexed, &complaint(Some(ch), tier, loss, 0, true, Value::Null)).route;
    assert_eq!(injured("phone", "vip", 30000).as_deref(), Some("route_00"));
    assert_eq!(injured("visit", "regular", 1500).as_deref(), Some("route_injury"));
    // No channel: no row can match, the site table (first) then decides by the attribute.
    let c = complaint(None, "vip", 30000, 0, false, json!("S2"));
    assert_eq!(same(&indexed, &c).route.as_deref(), Some("site_2"));
    // phone, regular, 0: row 5 needs 5000, row 15 (regular, >= 0) matches;
    // a site that is a number matches no `attributes.site = "S…"` row, and
    // the site table, without a default, leaves the route as it was.
    let c = complaint(Some("phone"), "regular", 0, 0, false, json!(2));
    assert_eq!(same(&indexed, &c).route.as_deref(), Some("route_15"));
    // Collect: rows s0 (phone or letter, >= 0: important) and any-injury
    // (major) match; major ranks first.
    let c = complaint(Some("phone"), "vip", 0, 0, true, Value::Null);
    assert_eq!(same(&indexed, &c).severity.map(|s| s.code()), Some("major"));
    // Row si lists channels i % 5 and (i + 2) % 5 and needs i times raised:
    // visit, raised 3 matches s1 (visit or email, >= 1: minor) only; s4 and
    // s6 list visit too but need 4 and 6.
    let c = complaint(Some("visit"), "vip", 0, 3, false, Value::Null);
    assert_eq!(same(&indexed, &c).severity.map(|s| s.code()), Some("minor"));
}

#[test]
fn every_combination_agrees() {
    let indexed = Indexed::new(Arc::new(policy()));
    let channels = CHANNELS.iter().map(|c| Some(*c)).chain([None, Some("app")]);
    for ch in channels {
        for tier in TIERS {
            for loss in [0, 500, 1000, 1500, 5000, 6000, 20000, 30000] {
                for raised in 0..9 {
                    for site in [json!("S0"), json!("S3"), json!("S9"), json!(1), Value::Null] {
                        same(&indexed, &complaint(ch, tier, loss, raised, raised == 4, site));
                    }
                }
            }
        }
    }
}

#[test]
fn every_preset_and_example_agrees() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/complaints");
    let mut complaints = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        complaints.push(Complaint::from_json(&text).unwrap());
    }
    assert!(complaints.len() >= 9);
    for name in presets::names() {
        let indexed = Indexed::new(Policy::preset(name).unwrap());
        for c in &complaints {
            same(&indexed, c);
        }
    }
}
