//! Scenario tests for `assess`, through the JSON layer
//! (`plaint_core::api::run_op("assess", ...)`), the same path the conformance
//! vectors in tests/vectors/assess-scenarios.json take.
//!
//! Every expected instant below is computed by hand from docs/domain.md (severity, deadlines, escalation)
//! and docs/time.md, on calendar `cn-mainland` (Asia/Shanghai, Mon–Fri,
//! 09:00–12:00 and 13:30–18:00; 2026 holidays 09-25..09-27 Mid-Autumn and
//! 10-01..10-07 National Day; make-up working days Sun 09-20 and Sat 10-10).
//! Day-based clocks do not count the start day (docs/time.md "Start") and end at
//! the close of business of the last counted day (docs/time.md "Default end").
//!
//! Days of the week used: 2026-09-24 Thu, 09-28 Mon, 09-29 Tue, 09-30 Wed,
//! 10-08 Thu, 10-09 Fri, 10-10 Sat (make-up), 10-12 Mon; 11-02 Mon .. 11-06 Fri,
//! 11-09 Mon.
//!
//! Warning points of day-based clocks: docs/time.md only says "a policy fraction
//! of the target"; the implementation takes the fraction of the wall time
//! between start and due (sla/mod.rs `warn_point`). That is a design choice,
//! so the tests below only use `now`s that are on the same side of the
//! warning point under both readings (fraction of wall time, or fraction of
//! the counted working time), and assert exact warning instants only for
//! `elapsed` clocks, where the two readings coincide.

use plaint_core::api::run_op;
use plaint_core::model::parse_instant;
use plaint_core::{Error, Instant};
use serde_json::{Value, json};

const PROPERTY: &str = include_str!("../data/presets/cn-property.json");

// ---------------------------------------------------------------- helpers

fn run(policy: &Value, complaint: &Value, events: &Value, related: &Value, now: &str) -> Result<Value, Error> {
    run_op(
        "assess",
        &json!({"policy": policy, "case": {"complaint": complaint, "events": events, "related": related}, "now": now}),
    )
}

/// Assess and check scenario 10 (`next_check_at` is the earliest
/// `next_change_at` of the deadlines) on every result.
fn ok(policy: &Value, complaint: &Value, events: &Value, related: &Value, now: &str) -> Value {
    let a = ok_loose(policy, complaint, events, related, now);
    assert_next_check_is_earliest(&a);
    a
}

/// Assess without the scenario-10 check (for policies whose escalation
/// triggers repeat with `every`: their next step also counts, and is not
/// visible in the JSON).
fn ok_loose(policy: &Value, complaint: &Value, events: &Value, related: &Value, now: &str) -> Value {
    match run(policy, complaint, events, related, now) {
        Ok(a) => a,
        Err(e) => panic!("assess failed at {now}: {} at {:?}: {e}", e.code(), e.path()),
    }
}

fn err(policy: &Value, complaint: &Value, events: &Value, now: &str) -> Error {
    match run(policy, complaint, events, &json!([]), now) {
        Ok(a) => panic!("expected an error, got {a}"),
        Err(e) => e,
    }
}

fn at(s: &str) -> Instant {
    parse_instant(s).unwrap()
}

fn assert_next_check_is_earliest(a: &Value) {
    let earliest = a["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["next_change_at"].as_str())
        .map(at)
        .min();
    let next = a["next_check_at"].as_str().map(at);
    assert_eq!(
        next, earliest,
        "next_check_at must be the earliest next_change_at: {a:#}"
    );
}

fn dl<'a>(a: &'a Value, id: &str) -> &'a Value {
    a["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id)
        .unwrap_or_else(|| panic!("no deadline {id} in {a:#}"))
}

fn st<'a>(a: &'a Value, id: &str) -> &'a str {
    dl(a, id)["state"].as_str().unwrap()
}

fn esc<'a>(a: &'a Value, trigger: &str) -> Option<&'a Value> {
    a["escalations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["trigger"] == trigger)
}

fn preset(name: &str) -> Value {
    json!(name)
}

fn property_with(edit: impl FnOnce(&mut Value)) -> Value {
    let mut p: Value = serde_json::from_str(PROPERTY).unwrap();
    edit(&mut p);
    p
}

fn none() -> Value {
    json!([])
}

/// S1: a major leak with personal injury, received Thu 2026-09-24 16:00.
fn major_leak() -> Value {
    json!({
        "id": "S1", "received_at": "2026-09-24T16:00:00+08:00", "channel": "phone",
        "customer": {"id": "owner-1201", "tier": "regular"}, "subject": "漏水",
        "text": "楼上漏水,天花板脱落,我母亲被砸伤送医。",
        "facts": {"personal_injury": true}
    })
}

/// A minor complaint (no fact or signal of the severity table: the default).
fn minor(id: &str, received: &str) -> Value {
    json!({"id": id, "received_at": received, "channel": "phone", "text": "楼道灯不亮。"})
}

/// An important complaint (needs coordination with other departments,
/// docs/domain.md (severity) `important`), received Mon 2026-11-02 10:00.
fn important() -> Value {
    json!({
        "id": "S2", "received_at": "2026-11-02T10:00:00+08:00", "channel": "phone",
        "text": "小区门禁系统失灵。", "facts": {"needs_coordination": true}
    })
}

// ------------------------------------------------------ scenario 1: major

// major_reply: working_days 2 from Thu 09-24 16:00. The 24th is not counted;
// Fri 25 (Mid-Autumn), Sat 26, Sun 27 (holiday/weekend) are not working days;
// Mon 28 = 1, Tue 29 = 2 → due 2026-09-29T18:00 (close of business).
// (The brief's "Mon 09-28 18:00" is one working day, not two: docs/time.md worked
// example 1 counts 28, 29, 30 for 3 working days from the same instant.)
const MAJOR_REPLY_DUE: &str = "2026-09-29T18:00:00+08:00";
// major_settle: working_days 7: Mon 28 = 1, Tue 29 = 2, Wed 30 = 3, 10-01..07
// holiday, Thu 10-08 = 4, Fri 10-09 = 5, Sat 10-10 (make-up) = 6, Sun 10-11 no,
// Mon 10-12 = 7 → due 2026-10-12T18:00.
const MAJOR_SETTLE_DUE: &str = "2026-10-12T18:00:00+08:00";

#[test]
fn s1_major_leak_due_instants_and_pending() {
    let a = ok(
        &preset("cn-property"),
        &major_leak(),
        &none(),
        &none(),
        "2026-09-28T10:00:00+08:00",
    );
    assert_eq!(a["classification"]["severity"], "major");
    assert_eq!(a["state"], "received");
    let reply = dl(&a, "major_reply");
    assert_eq!(reply["started_at"], "2026-09-24T16:00:00+08:00");
    assert_eq!(reply["due_at"], MAJOR_REPLY_DUE);
    // 09-28 10:00 is before the warning point under both readings
    // (wall: 16:00 + 0.75 × 122 h = 09-28 11:30; working: 1.5 days = 09-29 14:15).
    assert_eq!(reply["state"], "pending");
    let settle = dl(&a, "major_settle");
    assert_eq!(settle["due_at"], MAJOR_SETTLE_DUE);
    assert_eq!(settle["state"], "pending");
    for id in ["forward", "minor_reply", "important_settle"] {
        assert_eq!(st(&a, id), "not_applicable", "{id}");
    }
    // docs/domain.md (severity, escalation): important and major go straight to the general manager (index 4).
    let gm = esc(&a, "important_major_to_gm").expect("major goes to the GM");
    assert_eq!(gm["level"], "general_manager");
    assert_eq!(gm["level_index"], 4);
}

#[test]
fn s1_major_leak_at_risk_and_breached() {
    let p = preset("cn-property");
    // 09-29 15:00: past the reply's warning point under both readings, before its due.
    let a = ok(&p, &major_leak(), &none(), &none(), "2026-09-29T15:00:00+08:00");
    assert_eq!(st(&a, "major_reply"), "at_risk");
    assert_eq!(dl(&a, "major_reply")["next_change_at"], MAJOR_REPLY_DUE);
    // settle's warning point is 10-08 05:30 (wall) or 10-10 ~10:52 (working): pending.
    assert_eq!(st(&a, "major_settle"), "pending");
    assert_eq!(a["next_check_at"], MAJOR_REPLY_DUE);

    let a = ok(&p, &major_leak(), &none(), &none(), "2026-09-29T17:59:59+08:00");
    assert_eq!(st(&a, "major_reply"), "at_risk");
    // At the due instant it is breached (docs/time.md: breached when now ≥ due).
    let a = ok(&p, &major_leak(), &none(), &none(), MAJOR_REPLY_DUE);
    assert_eq!(st(&a, "major_reply"), "breached");
    assert!(dl(&a, "major_reply")["next_change_at"].is_null());
    let e = esc(&a, "major_reply_breached").expect("reply breached escalates");
    assert_eq!(e["since"], MAJOR_REPLY_DUE);
    assert_eq!(e["level_index"], 1);

    // 10-12 10:00: settle past its warning point under both readings, before due.
    let a = ok(&p, &major_leak(), &none(), &none(), "2026-10-12T10:00:00+08:00");
    assert_eq!(st(&a, "major_reply"), "breached");
    assert_eq!(st(&a, "major_settle"), "at_risk");
    assert_eq!(a["next_check_at"], MAJOR_SETTLE_DUE);
    let a = ok(&p, &major_leak(), &none(), &none(), MAJOR_SETTLE_DUE);
    assert_eq!(st(&a, "major_settle"), "breached");
    assert!(a["next_check_at"].is_null());
}

#[test]
fn s1_major_leak_met_and_met_late() {
    let p = preset("cn-property");
    let ev = json!([
        {"type": "registered", "at": "2026-09-24T16:05:00+08:00", "by": "front-desk-1"},
        {"type": "replied", "at": "2026-09-29T17:00:00+08:00", "by": "cs-manager", "channel": "phone"}
    ]);
    let a = ok(&p, &major_leak(), &ev, &none(), "2026-09-30T10:00:00+08:00");
    assert_eq!(st(&a, "major_reply"), "met");
    assert_eq!(dl(&a, "major_reply")["met_at"], "2026-09-29T17:00:00+08:00");
    // Met exactly at the due instant is on time ("met at or before due").
    let ev = json!([{"type": "replied", "at": MAJOR_REPLY_DUE}]);
    let a = ok(&p, &major_leak(), &ev, &none(), "2026-09-30T10:00:00+08:00");
    assert_eq!(st(&a, "major_reply"), "met");
    let ev = json!([{"type": "replied", "at": "2026-09-30T09:00:00+08:00"}]);
    let a = ok(&p, &major_leak(), &ev, &none(), "2026-09-30T10:00:00+08:00");
    assert_eq!(st(&a, "major_reply"), "met_late");

    let ev = json!([
        {"type": "replied", "at": "2026-09-29T11:00:00+08:00"},
        {"type": "resolved", "at": "2026-10-12T17:30:00+08:00"}
    ]);
    let a = ok(&p, &major_leak(), &ev, &none(), "2026-10-13T10:00:00+08:00");
    assert_eq!(st(&a, "major_settle"), "met");
    assert_eq!(a["state"], "resolved");
    let ev = json!([
        {"type": "replied", "at": "2026-09-29T11:00:00+08:00"},
        {"type": "resolved", "at": "2026-10-13T09:00:00+08:00"}
    ]);
    let a = ok(&p, &major_leak(), &ev, &none(), "2026-10-13T10:00:00+08:00");
    assert_eq!(st(&a, "major_settle"), "met_late");
    assert_eq!(dl(&a, "major_settle")["due_at"], MAJOR_SETTLE_DUE);
}

// ------------------------------------------------------ scenario 2: pause

// important_settle: working_days 3 from Mon 11-02 10:00 → Tue 03 = 1,
// Wed 04 = 2, Thu 05 = 3 → due 2026-11-05T18:00 without a pause.
#[test]
fn s2_important_without_pause() {
    let a = ok(
        &preset("cn-property"),
        &important(),
        &none(),
        &none(),
        "2026-11-06T15:00:00+08:00",
    );
    assert_eq!(a["classification"]["severity"], "important");
    assert_eq!(dl(&a, "important_settle")["due_at"], "2026-11-05T18:00:00+08:00");
    assert_eq!(st(&a, "important_settle"), "breached");
}

#[test]
fn s2_pause_touching_one_working_day() {
    // Paused from Tue 11-03 18:30 (after close) to Wed 11-04 20:00 (after
    // close): only Wed 04's business hours are covered → 1 working day paused;
    // counted days Tue 03 = 1, Thu 05 = 2, Fri 06 = 3 → due 2026-11-06T18:00.
    let ev = json!([
        {"type": "awaiting_customer", "at": "2026-11-03T18:30:00+08:00", "reason": "业主出差,无法入户"},
        {"type": "resumed", "at": "2026-11-04T20:00:00+08:00"}
    ]);
    let a = ok(
        &preset("cn-property"),
        &important(),
        &ev,
        &none(),
        "2026-11-06T15:00:00+08:00",
    );
    let d = dl(&a, "important_settle");
    assert_eq!(d["due_at"], "2026-11-06T18:00:00+08:00");
    assert_eq!(d["paused"], 1);
    // 15:00 on the due day is past the warning point under both readings
    // (wall: 10:00 + 0.75 × 104 h = 11-05 16:00; working: 2.25 counted days = 11-06 ~10:52).
    assert_eq!(d["state"], "at_risk");
    assert_eq!(a["next_check_at"], "2026-11-06T18:00:00+08:00");
    assert_eq!(a["state"], "in_progress");
}

#[test]
fn s2_pause_touching_two_working_days() {
    // Paused Tue 11-03 15:00 → Wed 11-04 11:00: stopped during the business
    // hours of both days (partial_days count) → 2 working days paused;
    // counted days Thu 05 = 1, Fri 06 = 2, Mon 09 = 3 → due 2026-11-09T18:00.
    let ev = json!([
        {"type": "awaiting_customer", "at": "2026-11-03T15:00:00+08:00"},
        {"type": "resumed", "at": "2026-11-04T11:00:00+08:00"}
    ]);
    let a = ok(
        &preset("cn-property"),
        &important(),
        &ev,
        &none(),
        "2026-11-09T12:00:00+08:00",
    );
    let d = dl(&a, "important_settle");
    assert_eq!(d["due_at"], "2026-11-09T18:00:00+08:00");
    assert_eq!(d["paused"], 2);
    assert_eq!(d["state"], "at_risk");
    assert_eq!(a["next_check_at"], "2026-11-09T18:00:00+08:00");
}

#[test]
fn s2_while_paused() {
    // Still awaiting the customer at Wed 11-04 10:00: the pause so far
    // (11-03 15:00 → now) touched Tue 03 and Wed 04 → due 2026-11-09T18:00,
    // and the deadline is paused (no timer while stopped).
    let ev = json!([{"type": "awaiting_customer", "at": "2026-11-03T15:00:00+08:00"}]);
    let a = ok(
        &preset("cn-property"),
        &important(),
        &ev,
        &none(),
        "2026-11-04T10:00:00+08:00",
    );
    assert_eq!(a["state"], "awaiting_customer");
    let d = dl(&a, "important_settle");
    assert_eq!(d["state"], "paused");
    assert_eq!(d["due_at"], "2026-11-09T18:00:00+08:00");
    assert!(d["next_change_at"].is_null());
}

// ---------------------------------------------- scenario 3: reclassification

#[test]
fn s3_minor_before_reclassification() {
    // minor_reply: elapsed 24 h from Thu 09-24 16:00 → 2026-09-25T16:00
    // (elapsed time ignores the holiday); warning 0.75 × 24 h = 18 h → 09-25 10:00.
    let c = minor("S3", "2026-09-24T16:00:00+08:00");
    let a = ok(
        &preset("cn-property"),
        &c,
        &none(),
        &none(),
        "2026-09-25T09:00:00+08:00",
    );
    assert_eq!(a["classification"]["severity"], "minor");
    let d = dl(&a, "minor_reply");
    assert_eq!(d["due_at"], "2026-09-25T16:00:00+08:00");
    assert_eq!(d["warn_at"], "2026-09-25T10:00:00+08:00");
    assert_eq!(d["state"], "pending");
    assert_eq!(st(&a, "major_reply"), "not_applicable");
    assert_eq!(a["next_check_at"], "2026-09-25T10:00:00+08:00");
}

#[test]
fn s3_minor_reclassified_major_is_retroactive() {
    // Reclassified on 09-25 09:30: the major rules run from the ORIGINAL
    // receipt, 09-24 16:00 (docs/time.md "Changing the target"), so their due
    // instants are those of scenario 1; the minor 24 h rule no longer applies.
    let c = minor("S3", "2026-09-24T16:00:00+08:00");
    let ev = json!([{"type": "reclassified", "at": "2026-09-25T09:30:00+08:00", "by": "cs-manager", "severity": "major", "reason": "业主补充:家中老人因此摔伤"}]);
    let a = ok(&preset("cn-property"), &c, &ev, &none(), "2026-09-29T15:00:00+08:00");
    assert_eq!(a["classification"]["severity"], "major");
    assert_eq!(st(&a, "minor_reply"), "not_applicable");
    let r = dl(&a, "major_reply");
    assert_eq!(r["started_at"], "2026-09-24T16:00:00+08:00");
    assert_eq!(r["due_at"], MAJOR_REPLY_DUE);
    assert_eq!(r["state"], "at_risk");
    assert!(
        r["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n.as_str().unwrap().contains("retroactive")),
        "{r:#}"
    );
    let s = dl(&a, "major_settle");
    assert_eq!(s["started_at"], "2026-09-24T16:00:00+08:00");
    assert_eq!(s["due_at"], MAJOR_SETTLE_DUE);
    assert_eq!(a["next_check_at"], MAJOR_REPLY_DUE);
}

// ---------------------------------------------------- scenario 4: authority

// cn-property authority for compensation: front_desk 0, cs_assistant 200,
// cs_manager 1000, service_centre_manager 5000, general_manager 1,000,000.
// ¥2,000 → the lowest level with max ≥ 2000 is service_centre_manager (index 3).
fn proposal(amount: f64, level: &str) -> Value {
    json!({"type": "remedy_proposed", "at": "2026-11-02T11:00:00+08:00", "by": "front-desk-1",
           "remedy": "compensation", "remedy_amount": amount, "level": level})
}

#[test]
fn s4_compensation_beyond_authority_goes_to_lowest_sufficient_level() {
    let p = preset("cn-property");
    let c = minor("S4", "2026-11-02T10:00:00+08:00");
    let a = ok(
        &p,
        &c,
        &json!([proposal(2000.0, "front_desk")]),
        &none(),
        "2026-11-02T12:00:00+08:00",
    );
    let e = esc(&a, "beyond_authority").expect("¥2000 is beyond the front desk");
    assert_eq!(e["level"], "service_centre_manager");
    assert_eq!(e["level_index"], 3);
    assert_eq!(e["since"], "2026-11-02T11:00:00+08:00");
    assert!(
        a["required_actions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["action"] == "approve_handling_plan")
    );

    // Approval by a level below the one needed (cs_manager, max 1000) does not settle it.
    let ev = json!([proposal(2000.0, "front_desk"),
        {"type": "remedy_approved", "at": "2026-11-02T11:30:00+08:00", "by": "cs-mgr", "remedy": "compensation", "remedy_amount": 2000, "level": "cs_manager"}]);
    let a = ok(&p, &c, &ev, &none(), "2026-11-02T12:00:00+08:00");
    assert_eq!(
        esc(&a, "beyond_authority").expect("still beyond")["level"],
        "service_centre_manager"
    );

    // Approved by the service-centre manager: no escalation any more.
    let ev = json!([proposal(2000.0, "front_desk"),
        {"type": "remedy_approved", "at": "2026-11-02T11:45:00+08:00", "by": "sc-mgr", "remedy": "compensation", "remedy_amount": 2000, "level": "service_centre_manager"}]);
    let a = ok(&p, &c, &ev, &none(), "2026-11-02T12:00:00+08:00");
    assert!(esc(&a, "beyond_authority").is_none(), "{a:#}");
    assert_eq!(a["escalations"], json!([]));
    assert!(
        !a["required_actions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["action"] == "approve_handling_plan")
    );
}

#[test]
fn s4_small_amounts() {
    let p = preset("cn-property");
    let c = minor("S4b", "2026-11-02T10:00:00+08:00");
    // ¥150 by the front desk (max 0) → cs_assistant (max 200), index 1.
    let a = ok(
        &p,
        &c,
        &json!([proposal(150.0, "front_desk")]),
        &none(),
        "2026-11-02T12:00:00+08:00",
    );
    assert_eq!(esc(&a, "beyond_authority").unwrap()["level_index"], 1);
    // ¥150 by a CS assistant is within its own authority: nothing to escalate.
    let a = ok(
        &p,
        &c,
        &json!([proposal(150.0, "cs_assistant")]),
        &none(),
        "2026-11-02T12:00:00+08:00",
    );
    assert!(esc(&a, "beyond_authority").is_none());
}

// --------------------------------------------------------- scenario 5: batch

// No shipped preset has a `batch` trigger (cn-goods has only answer_breached
// and beyond_authority), so the policy is cn-property plus one.
fn batch_policy() -> Value {
    property_with(|p| {
        p["escalation"]["triggers"]
            .as_array_mut()
            .unwrap()
            .push(json!({"id": "batch", "on": "batch", "by": "product", "count": 3, "window_days": 7, "step": 1}));
    })
}

fn tv_complaint() -> Value {
    json!({"id": "S5", "received_at": "2026-11-12T10:00:00+08:00", "channel": "phone", "product": "TV-55X", "text": "电视机黑屏。"})
}

#[test]
fn s5_three_complaints_on_one_tv_model_within_7_days() {
    // Window: 7 days back from 11-12 10:00 = from 11-05 10:00. In it, same
    // product: r1 (11-06) and r2 (11-10) → with this one, 3 ≥ count 3.
    // r3 (11-01) is outside the window; r4 is another product.
    let related = json!([
        {"id": "r1", "received_at": "2026-11-06T09:00:00+08:00", "product": "TV-55X"},
        {"id": "r2", "received_at": "2026-11-10T15:00:00+08:00", "product": "TV-55X"},
        {"id": "r3", "received_at": "2026-11-01T09:00:00+08:00", "product": "TV-55X"},
        {"id": "r4", "received_at": "2026-11-11T09:00:00+08:00", "product": "FRIDGE-2"}
    ]);
    let a = ok(
        &batch_policy(),
        &tv_complaint(),
        &none(),
        &related,
        "2026-11-12T11:00:00+08:00",
    );
    let e = esc(&a, "batch").expect("batch warning");
    assert_eq!(e["since"], "2026-11-12T10:00:00+08:00");
    assert_eq!(e["level_index"], 1);
    assert_eq!(e["level"], "cs_assistant");
    assert!(e["reason"].as_str().unwrap().contains('3'), "{e:#}");
}

#[test]
fn s5_two_complaints_are_not_a_batch() {
    let related = json!([
        {"id": "r1", "received_at": "2026-11-06T09:00:00+08:00", "product": "TV-55X"},
        {"id": "r3", "received_at": "2026-11-01T09:00:00+08:00", "product": "TV-55X"},
        {"id": "r4", "received_at": "2026-11-11T09:00:00+08:00", "product": "FRIDGE-2"}
    ]);
    let a = ok(
        &batch_policy(),
        &tv_complaint(),
        &none(),
        &related,
        "2026-11-12T11:00:00+08:00",
    );
    assert!(esc(&a, "batch").is_none(), "{a:#}");
}

// ---------------------------------------------------- scenario 6: skip-level

// cn-petition ladder: residents_committee 0, subdistrict_office 1, district 2, city 3.
fn petition(channel: &str, exception: Option<&str>) -> Value {
    let mut attributes = json!({"addressed_level": "city", "competent_level": "subdistrict_office"});
    if let Some(x) = exception {
        attributes["skip_level_exception"] = json!(x);
    }
    json!({"id": "S6", "received_at": "2026-11-02T10:00:00+08:00", "channel": channel,
           "text": "小区附近工地夜间施工扰民。", "attributes": attributes})
}

#[test]
fn s6_skip_level_visit_is_redirected() {
    let a = ok(
        &preset("cn-petition"),
        &petition("visit", None),
        &none(),
        &none(),
        "2026-11-02T11:00:00+08:00",
    );
    let e = esc(&a, "skip_level_redirect").expect("a visit to the city about a sub-district matter is redirected");
    assert_eq!(e["level"], "subdistrict_office");
    assert_eq!(e["level_index"], 1);
    assert_eq!(e["since"], "2026-11-02T10:00:00+08:00");
    // A letter gets no exemption either (docs/domain.md: escalation).
    let a = ok(
        &preset("cn-petition"),
        &petition("letter", None),
        &none(),
        &none(),
        "2026-11-02T11:00:00+08:00",
    );
    assert_eq!(
        esc(&a, "skip_level_redirect").expect("letter redirected")["level_index"],
        1
    );
}

#[test]
fn s6_online_and_exceptions_are_accepted() {
    for (channel, exception) in [("web", None), ("app", None), ("visit", Some("handler_involved"))] {
        let a = ok(
            &preset("cn-petition"),
            &petition(channel, exception),
            &none(),
            &none(),
            "2026-11-02T11:00:00+08:00",
        );
        assert_eq!(a["escalations"], json!([]), "{channel} {exception:?}");
    }
    // Addressed to the competent level itself: not skip-level.
    let mut c = petition("visit", None);
    c["attributes"]["addressed_level"] = json!("subdistrict_office");
    let a = ok(
        &preset("cn-petition"),
        &c,
        &none(),
        &none(),
        "2026-11-02T11:00:00+08:00",
    );
    assert_eq!(a["escalations"], json!([]));
}

// ------------------------------------------------- scenario 7: telecom every

// first_contact: elapsed 48 h from Thu 09-24 16:00 → due Sat 09-26 16:00
// (elapsed time ignores holidays and weekends); warning 0.75 × 48 h = 36 h →
// 09-26 04:00. no_contact: step 1 at the breach, +1 level every 1440 min.
// Ladder (002 原则六, below it the handler who owns the contact, 原则一):
// handler 0, team_leader 1, dept_deputy_head 2, dept_head 3, deputy_gm 4, gm 5.
// The first step after the missed contact lands on the team leader.
fn telecom() -> Value {
    json!({"id": "S7", "received_at": "2026-09-24T16:00:00+08:00", "channel": "phone", "text": "宽带经常掉线。"})
}

#[test]
fn s7_no_contact_escalates_one_level_per_day() {
    let p = preset("cn-telecom");
    let a = ok(&p, &telecom(), &none(), &none(), "2026-09-26T03:00:00+08:00");
    assert_eq!(dl(&a, "first_contact")["due_at"], "2026-09-26T16:00:00+08:00");
    assert_eq!(dl(&a, "first_contact")["warn_at"], "2026-09-26T04:00:00+08:00");
    assert_eq!(st(&a, "first_contact"), "pending");
    assert_eq!(a["escalations"], json!([]));
    assert_eq!(a["next_check_at"], "2026-09-26T04:00:00+08:00");

    // (now, expected level index, next step = due + (n+1) × 24 h): index 1 + n.
    // due + 1 h: n = 0; + 25 h: n = 1; + 49 h: n = 2; + 73 h: n = 3; + 97 h: capped at gm.
    let ladder = [
        "handler",
        "team_leader",
        "dept_deputy_head",
        "dept_head",
        "deputy_gm",
        "gm",
    ];
    let cases = [
        ("2026-09-26T17:00:00+08:00", 1, Some("2026-09-27T16:00:00+08:00")),
        ("2026-09-27T17:00:00+08:00", 2, Some("2026-09-28T16:00:00+08:00")),
        ("2026-09-28T17:00:00+08:00", 3, Some("2026-09-29T16:00:00+08:00")),
        ("2026-09-29T17:00:00+08:00", 4, Some("2026-09-30T16:00:00+08:00")),
        ("2026-09-30T17:00:00+08:00", 5, None),
    ];
    for (now, index, next) in cases {
        let a = ok_loose(&p, &telecom(), &none(), &none(), now);
        assert_eq!(st(&a, "first_contact"), "breached");
        let e = esc(&a, "no_contact").expect("not contacted");
        assert_eq!(e["level_index"], index, "at {now}");
        assert_eq!(e["level"], ladder[index], "at {now}");
        assert_eq!(e["since"], "2026-09-26T16:00:00+08:00");
        assert_eq!(a["next_check_at"].as_str(), next, "at {now}");
    }
}

#[test]
fn s7_contacted_late_stops_the_escalation() {
    let ev = json!([{"type": "contacted", "at": "2026-09-27T10:00:00+08:00", "by": "agent-7"}]);
    let a = ok(
        &preset("cn-telecom"),
        &telecom(),
        &ev,
        &none(),
        "2026-09-28T17:00:00+08:00",
    );
    assert_eq!(st(&a, "first_contact"), "met_late");
    assert!(esc(&a, "no_contact").is_none());
}

/// 002 原则六 with 原则一: the 48 hours from Thu 10-08 09:30 end Sat 10-10
/// 09:30 (elapsed time); one minute later the first escalation goes to the
/// team leader (班组长), the level right above the handler, not to the
/// department deputy head.
#[test]
fn s7_first_escalation_after_the_missed_contact_reaches_the_team_leader() {
    let c =
        json!({"id": "S7b", "received_at": "2026-10-08T09:30:00+08:00", "channel": "phone", "text": "话费多扣了。"});
    let a = ok_loose(&preset("cn-telecom"), &c, &none(), &none(), "2026-10-10T09:31:00+08:00");
    assert_eq!(dl(&a, "first_contact")["due_at"], "2026-10-10T09:30:00+08:00");
    let e = esc(&a, "no_contact").expect("not contacted within 48 h");
    assert_eq!(e["level"], "team_leader");
    assert_eq!(e["level_index"], 1);
    assert_eq!(e["since"], "2026-10-10T09:30:00+08:00");
    assert_eq!(e["next_change_at"], "2026-10-11T09:30:00+08:00");
}

/// 002 原则六: a condition the handler cannot grant goes up to the team
/// leader. The handler holds no authority (the seeds give none), so a ¥30
/// refund proposed at the first line goes to team_leader (the lowest level
/// whose placeholder limit, 100, covers it); the team leader's own ¥30
/// proposal needs no escalation; ¥300 from the team leader goes to the
/// department deputy head (limit 500).
#[test]
fn s7_handler_remedies_go_up_to_the_team_leader() {
    let p = preset("cn-telecom");
    let c = json!({"id": "S7c", "received_at": "2026-10-12T10:00:00+08:00", "channel": "phone", "text": "重复计费。"});
    let refund = |amount: f64, level: Option<&str>| {
        let mut e = json!({"type": "remedy_proposed", "at": "2026-10-12T11:00:00+08:00", "by": "agent-3",
                           "remedy": "refund", "remedy_amount": amount});
        if let Some(l) = level {
            e["level"] = json!(l);
        }
        e
    };
    let now = "2026-10-12T12:00:00+08:00";
    for level in [None, Some("handler")] {
        let a = ok_loose(&p, &c, &json!([refund(30.0, level)]), &none(), now);
        let e = esc(&a, "beyond_authority").expect("the handler grants no refund");
        assert_eq!(
            (e["level"].clone(), e["level_index"].clone()),
            (json!("team_leader"), json!(1))
        );
    }
    let a = ok_loose(&p, &c, &json!([refund(30.0, Some("team_leader"))]), &none(), now);
    assert!(esc(&a, "beyond_authority").is_none(), "{a:#}");
    let a = ok_loose(&p, &c, &json!([refund(300.0, Some("team_leader"))]), &none(), now);
    assert_eq!(
        esc(&a, "beyond_authority").expect("beyond 100")["level"],
        "dept_deputy_head"
    );
}

// ------------------------------------------------------- scenario 8: reopen

fn closed_then_reopened() -> Value {
    json!([
        {"type": "resolved", "at": "2026-11-02T14:00:00+08:00"},
        {"type": "replied", "at": "2026-11-02T15:00:00+08:00"},
        {"type": "closed", "at": "2026-11-03T10:00:00+08:00"},
        {"type": "reopened", "at": "2026-11-05T09:00:00+08:00", "reason": "灯又不亮了"}
    ])
}

#[test]
fn s8_reopened_restarts_the_deadline() {
    let p = preset("cn-property");
    let c = minor("S8", "2026-11-02T10:00:00+08:00");
    let mut before: Vec<Value> = closed_then_reopened().as_array().unwrap().clone();
    before.pop();
    let a = ok(&p, &c, &Value::Array(before), &none(), "2026-11-04T10:00:00+08:00");
    assert_eq!(a["state"], "closed");
    assert_eq!(st(&a, "minor_reply"), "met");

    // minor_reply has no on_reopen → restart (policy.md default): starts at
    // 11-05 09:00, due + 24 h = 11-06 09:00, warning + 18 h = 11-06 03:00;
    // the reply of 11-02 does not meet the restarted deadline.
    let a = ok(&p, &c, &closed_then_reopened(), &none(), "2026-11-05T10:00:00+08:00");
    assert_eq!(a["state"], "in_progress");
    let d = dl(&a, "minor_reply");
    assert_eq!(d["started_at"], "2026-11-05T09:00:00+08:00");
    assert_eq!(d["due_at"], "2026-11-06T09:00:00+08:00");
    assert_eq!(d["warn_at"], "2026-11-06T03:00:00+08:00");
    assert_eq!(d["state"], "pending");
    assert_eq!(a["next_check_at"], "2026-11-06T03:00:00+08:00");

    let mut ev = closed_then_reopened().as_array().unwrap().clone();
    ev.push(json!({"type": "replied", "at": "2026-11-05T16:00:00+08:00"}));
    let a = ok(&p, &c, &Value::Array(ev), &none(), "2026-11-05T17:00:00+08:00");
    assert_eq!(st(&a, "minor_reply"), "met");
    assert_eq!(dl(&a, "minor_reply")["met_at"], "2026-11-05T16:00:00+08:00");
}

// ------------------------------------------------------- scenario 9: errors

fn assert_error(e: &Error, code: &str, path: &str) {
    assert_eq!((e.code().as_str(), e.path()), (code, path), "{e}");
}

#[test]
fn s9_impossible_transitions() {
    let p = preset("cn-property");
    let c = minor("S9", "2026-11-02T10:00:00+08:00");
    let now = "2026-11-04T10:00:00+08:00";
    let e = err(
        &p,
        &c,
        &json!([{"type": "resumed", "at": "2026-11-02T11:00:00+08:00"}]),
        now,
    );
    assert_error(&e, "invalid_transition", "/events/0");
    let e = err(
        &p,
        &c,
        &json!([
            {"type": "registered", "at": "2026-11-02T10:05:00+08:00"},
            {"type": "closed", "at": "2026-11-02T11:00:00+08:00"},
            {"type": "closed", "at": "2026-11-02T12:00:00+08:00"}
        ]),
        now,
    );
    assert_error(&e, "invalid_transition", "/events/2");
    let e = err(
        &p,
        &c,
        &json!([
            {"type": "registered", "at": "2026-11-02T10:05:00+08:00"},
            {"type": "reopened", "at": "2026-11-02T11:00:00+08:00"}
        ]),
        now,
    );
    assert_error(&e, "invalid_transition", "/events/1");
    // Out of order: sorted by instant, the 11-03 close is the second close;
    // the path is its index in the caller's log (0).
    let e = err(
        &p,
        &c,
        &json!([
            {"type": "closed", "at": "2026-11-03T10:00:00+08:00"},
            {"type": "closed", "at": "2026-11-02T12:00:00+08:00"}
        ]),
        now,
    );
    assert_error(&e, "invalid_transition", "/events/0");
}

fn with_settle_extension() -> Value {
    property_with(|p| {
        let d = p["deadlines"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|d| d["id"] == "major_settle")
            .unwrap();
        d["extension"] = json!({"max_amount": 5, "max_count": 1});
    })
}

fn extension(at: &str, amount: i64) -> Value {
    json!({"type": "extension_granted", "at": at, "by": "sc-mgr", "deadline": "major_settle", "amount": amount, "reason": "等待保险公司定损"})
}

#[test]
fn s9_extensions() {
    let now = "2026-09-30T10:00:00+08:00";
    // cn-property's major_settle has no `extension` key: refused.
    let e = err(
        &preset("cn-property"),
        &major_leak(),
        &json!([extension("2026-09-28T10:00:00+08:00", 2)]),
        now,
    );
    assert_error(&e, "invalid_event", "/events/0");

    let p = with_settle_extension();
    // +3 working days on 7: 10-12 was the 7th; Tue 13 = 8, Wed 14 = 9, Thu 15 = 10
    // → due 2026-10-15T18:00.
    let a = ok(
        &p,
        &major_leak(),
        &json!([extension("2026-09-28T10:00:00+08:00", 3)]),
        &none(),
        now,
    );
    let d = dl(&a, "major_settle");
    assert_eq!(d["due_at"], "2026-10-15T18:00:00+08:00");
    assert_eq!(d["extended"], 3);
    assert_eq!(d["amount"], 10);
    // 6 > max_amount 5.
    let e = err(
        &p,
        &major_leak(),
        &json!([extension("2026-09-28T10:00:00+08:00", 6)]),
        now,
    );
    assert_error(&e, "invalid_event", "/events/0");
    // A second extension > max_count 1 (2 + 2 ≤ 5 in amount).
    let e = err(
        &p,
        &major_leak(),
        &json!([
            extension("2026-09-28T10:00:00+08:00", 2),
            extension("2026-09-29T10:00:00+08:00", 2)
        ]),
        now,
    );
    assert_error(&e, "invalid_event", "/events/1");
}

#[test]
fn s9_events_out_of_order_same_as_in_order() {
    let p = preset("cn-property");
    let in_order = json!([
        {"type": "registered", "at": "2026-09-24T16:05:00+08:00", "by": "front-desk-1"},
        {"type": "forwarded", "at": "2026-09-24T16:20:00+08:00", "to": "engineering"},
        {"type": "awaiting_customer", "at": "2026-09-28T15:00:00+08:00"},
        {"type": "resumed", "at": "2026-09-29T10:00:00+08:00"},
        {"type": "replied", "at": "2026-09-29T17:00:00+08:00"},
        {"type": "resolved", "at": "2026-10-09T11:00:00+08:00"}
    ]);
    let mut shuffled = in_order.as_array().unwrap().clone();
    shuffled.reverse();
    shuffled.swap(1, 4);
    for now in ["2026-09-28T16:00:00+08:00", "2026-10-09T12:00:00+08:00"] {
        let a = ok(&p, &major_leak(), &in_order, &none(), now);
        let b = ok(&p, &major_leak(), &Value::Array(shuffled.clone()), &none(), now);
        assert_eq!(a, b, "at {now}");
    }
    // And the pause moved the settle deadline: paused Mon 28 15:00 → Tue 29
    // 10:00 touches both days → 7 + 2: Mon 28, Tue 29 paused; Wed 30 = 1,
    // 10-08 = 2, 10-09 = 3, 10-10 = 4, 10-12 = 5, 10-13 = 6, 10-14 = 7 → 10-14 18:00.
    let a = ok(&p, &major_leak(), &in_order, &none(), "2026-10-09T12:00:00+08:00");
    assert_eq!(dl(&a, "major_settle")["due_at"], "2026-10-14T18:00:00+08:00");
    assert_eq!(st(&a, "major_settle"), "met");
}

// ------------------------------------------------ scenario 10: next_check_at

// forward: elapsed 30 min from Mon 11-02 10:00 → due 10:30, warning 0.75 ×
// 30 min = 22.5 min → 10:22:30. minor_reply: due 11-03 10:00, warning 18 h →
// 11-03 04:00.
#[test]
fn s10_next_check_is_the_earliest_change() {
    let p = preset("cn-property");
    let mut c = minor("S10", "2026-11-02T10:00:00+08:00");
    c["facts"] = json!({"involves_other_department": true});
    let a = ok(&p, &c, &none(), &none(), "2026-11-02T10:05:00+08:00");
    assert_eq!(dl(&a, "forward")["warn_at"], "2026-11-02T10:22:30+08:00");
    assert_eq!(dl(&a, "forward")["due_at"], "2026-11-02T10:30:00+08:00");
    assert_eq!(a["next_check_at"], "2026-11-02T10:22:30+08:00");
    let a = ok(&p, &c, &none(), &none(), "2026-11-02T10:25:00+08:00");
    assert_eq!(st(&a, "forward"), "at_risk");
    assert_eq!(a["next_check_at"], "2026-11-02T10:30:00+08:00");
    let ev = json!([{"type": "forwarded", "at": "2026-11-02T10:10:00+08:00", "to": "engineering"}]);
    let a = ok(&p, &c, &ev, &none(), "2026-11-02T10:15:00+08:00");
    assert_eq!(st(&a, "forward"), "met");
    assert_eq!(a["next_check_at"], "2026-11-03T04:00:00+08:00");
}

// A minor complaint whose customer asked for 12:00 the same day (docs/domain.md: severity
// "or within the time the customer asked for"; `customer_time: true`):
// received Mon 11-02 10:00, requested 12:00 → due 12:00. The warning point is
// 0.75 of that target: 10:00 + 0.75 × 2 h = 11:30. At 10:30 the deadline is
// pending and its next change is 11:30 — in any case not after the due
// instant, or the host's single timer (next_check_at) would miss the breach.
#[test]
fn s10_customer_time_next_change_not_after_due() {
    let mut c = minor("S10b", "2026-11-02T10:00:00+08:00");
    c["facts"] = json!({"requested_due_at": "2026-11-02T12:00:00+08:00"});
    let a = ok(
        &preset("cn-property"),
        &c,
        &none(),
        &none(),
        "2026-11-02T10:30:00+08:00",
    );
    let d = dl(&a, "minor_reply");
    assert_eq!(d["due_at"], "2026-11-02T12:00:00+08:00");
    assert_eq!(d["state"], "pending");
    let next = at(d["next_change_at"].as_str().expect("pending has a next change"));
    assert!(
        next <= at("2026-11-02T12:00:00+08:00"),
        "next change {next:?} after the due instant: {d:#}"
    );
    assert_eq!(d["warn_at"], "2026-11-02T11:30:00+08:00");
    assert_eq!(a["next_check_at"], "2026-11-02T11:30:00+08:00");
    // Remaining on the rule's clock (elapsed, minutes): 12:00 − 10:30 = 90.
    assert_eq!(d["remaining"], 90);
    // And at 11:45 it is at risk, not pending.
    let a = ok(
        &preset("cn-property"),
        &c,
        &none(),
        &none(),
        "2026-11-02T11:45:00+08:00",
    );
    assert_eq!(st(&a, "minor_reply"), "at_risk");
}
