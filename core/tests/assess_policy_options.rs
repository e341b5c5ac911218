//! Policy options of assess: a lifecycle replaced by policy data, quiet hours.

use plaint_core::api::run_op;
use serde_json::{Value, json};

fn property_with(patch: impl FnOnce(&mut Value)) -> Value {
    let text = plaint_core::policy::presets::text("cn-property").unwrap();
    let mut policy: Value = serde_json::from_str(text).unwrap();
    patch(&mut policy);
    policy
}

fn assess(policy: &Value, complaint: Value, events: Value, now: &str) -> Result<Value, plaint_core::Error> {
    run_op(
        "assess",
        &json!({"policy": policy, "case": {"complaint": complaint, "events": events}, "now": now}),
    )
}

fn complaint(received: &str, facts: Value) -> Value {
    json!({"id": "q1", "received_at": received, "channel": "phone", "text": "电梯故障", "facts": facts})
}

#[test]
fn a_policy_can_require_the_signature_before_closing() {
    let policy = property_with(|p| {
        p["lifecycle"] = json!({"transitions": [{"event": "closed", "from": ["signed_off"], "to": "closed"}]});
    });
    let c = complaint("2026-11-02T10:00:00+08:00", json!({}));
    let early = json!([{"type": "assigned", "at": "2026-11-02T10:10:00+08:00"},
                       {"type": "closed", "at": "2026-11-02T11:00:00+08:00"}]);
    let e = assess(&policy, c.clone(), early, "2026-11-03T10:00:00+08:00").unwrap_err();
    assert_eq!(e.code().as_str(), "invalid_transition");
    assert_eq!(e.path(), "/events/1");
    assert!(
        e.to_string().contains("allowed:") && !e.to_string().contains("closed,"),
        "{e}"
    );
    let full = json!([{"type": "assigned", "at": "2026-11-02T10:10:00+08:00"},
                      {"type": "resolved", "at": "2026-11-02T10:40:00+08:00"},
                      {"type": "signed_off", "at": "2026-11-02T10:50:00+08:00"},
                      {"type": "closed", "at": "2026-11-02T11:00:00+08:00"}]);
    let a = assess(&policy, c, full, "2026-11-03T10:00:00+08:00").unwrap();
    assert_eq!(a["state"], "closed");
}

#[test]
fn an_unknown_state_in_the_lifecycle_is_a_policy_error() {
    let policy = property_with(|p| {
        p["lifecycle"] = json!({"transitions": [{"event": "closed", "from": ["finished"]}]});
    });
    let e = run_op("validate_policy", &json!({"policy": policy})).unwrap_err();
    assert_eq!(e.code().as_str(), "invalid_value");
    assert_eq!(e.path(), "/lifecycle/transitions/0/from/0");
}

/// Quiet hours 22:00-08:00 unless major. An important complaint (a hardware
/// cause not settled on the spot, 001 篇5 4.2.1b) received Wed 2026-11-04
/// 23:30 is reported to the general manager (4.3.3) at the next opening
/// after 08:00: Thu 2026-11-05 09:00. A major one (personal injury) is
/// notified at once, 23:30.
#[test]
fn quiet_hours_hold_notifications_unless_major() {
    let policy = property_with(|p| {
        p["escalation"]["quiet_hours"] = json!({"from": "22:00", "to": "08:00", "unless": {"severity": "major"}});
    });
    let at = "2026-11-04T23:30:00+08:00";
    let important = complaint(at, json!({"cause": "hardware"}));
    let a = assess(&policy, important, json!([]), "2026-11-04T23:45:00+08:00").unwrap();
    assert_eq!(a["classification"]["severity"], "important");
    let gm = &a["escalations"][0];
    assert_eq!(gm["level"], "general_manager");
    assert_eq!(gm["since"], at);
    assert_eq!(gm["notify_at"], "2026-11-05T09:00:00+08:00");
    let major = complaint(at, json!({"personal_injury": true}));
    let a = assess(&policy, major, json!([]), "2026-11-04T23:45:00+08:00").unwrap();
    assert_eq!(a["escalations"][0]["notify_at"], at);
    // Outside quiet hours nothing is held: Thu 10:00.
    let day = complaint("2026-11-05T10:00:00+08:00", json!({"cause": "hardware"}));
    let a = assess(&policy, day, json!([]), "2026-11-05T10:05:00+08:00").unwrap();
    assert_eq!(a["escalations"][0]["notify_at"], "2026-11-05T10:00:00+08:00");
}

// ---------------------------------------------------------------- deadline keys

/// A one-deadline policy on calendar `always` (every day counts, UTC).
fn one_deadline(rule: Value) -> Value {
    json!({"plaint_policy": 1, "name": "t", "version": "1", "calendar": "always", "deadlines": [rule]})
}

fn load_error(policy: &Value) -> (String, String) {
    let e = run_op("validate_policy", &json!({"policy": policy})).expect_err("the policy should be refused");
    (e.code().as_str().to_string(), e.path().to_string())
}

#[test]
fn extension_steps_and_a_total_are_exclusive() {
    let both = one_deadline(
        json!({"id": "d", "clock": "calendar_days", "amount": 15, "met_by": ["replied"],
        "extension": {"steps": [15], "max_amount": 15}}),
    );
    assert_eq!(
        load_error(&both),
        ("invalid_value".into(), "/deadlines/0/extension".into())
    );
    let empty = one_deadline(
        json!({"id": "d", "clock": "calendar_days", "amount": 15, "met_by": ["replied"],
        "extension": {"steps": []}}),
    );
    assert_eq!(
        load_error(&empty),
        ("invalid_value".into(), "/deadlines/0/extension/steps".into())
    );
}

#[test]
fn start_nth_needs_a_repeatable_start_event() {
    let on_receipt =
        one_deadline(json!({"id": "d", "clock": "calendar_days", "amount": 15, "met_by": ["replied"], "start_nth": 2}));
    assert_eq!(
        load_error(&on_receipt),
        ("invalid_value".into(), "/deadlines/0/start_nth".into())
    );
    let zero = one_deadline(
        json!({"id": "d", "clock": "calendar_days", "amount": 15, "met_by": ["replied"], "start": "appealed", "start_nth": 0}),
    );
    assert_eq!(
        load_error(&zero),
        ("invalid_value".into(), "/deadlines/0/start_nth".into())
    );
}

/// Calendar `always` (UTC, every day, end of day): 15 days after 03-02 end
/// at 03-18T00:00Z; the second appeal starts the 2nd-occurrence rule; a
/// restart event moves the start and an extension granted before it lapses.
#[test]
fn start_nth_and_restart_on_move_the_start() {
    let policy = one_deadline(
        json!({"id": "d", "clock": "calendar_days", "amount": 15, "met_by": ["replied"],
        "start": "appealed", "start_nth": 2, "restart_on": ["new_claim"], "extension": {"max_amount": 10}}),
    );
    let c = json!({"id": "x", "received_at": "2026-03-01T10:00:00Z", "channel": "phone", "text": "t"});
    let first = json!([{"type": "resolved", "at": "2026-03-01T11:00:00Z"}, {"type": "replied", "at": "2026-03-01T12:00:00Z"},
                       {"type": "appealed", "at": "2026-03-01T13:00:00Z"}]);
    let a = assess(&policy, c.clone(), first, "2026-03-02T00:00:00Z").unwrap();
    assert_eq!(a["deadlines"][0]["state"], "not_started");
    let both = json!([{"type": "resolved", "at": "2026-03-01T11:00:00Z"}, {"type": "replied", "at": "2026-03-01T12:00:00Z"},
                      {"type": "appealed", "at": "2026-03-01T13:00:00Z"}, {"type": "replied", "at": "2026-03-01T14:00:00Z"}]);
    // The default lifecycle allows no appeal while appealed: the second appeal is refused there.
    let mut second = both.as_array().unwrap().clone();
    second.push(json!({"type": "appealed", "at": "2026-03-02T10:00:00Z"}));
    let e = assess(&policy, c.clone(), json!(second.clone()), "2026-03-03T00:00:00Z").unwrap_err();
    assert_eq!((e.code().as_str(), e.path()), ("invalid_transition", "/events/4"));
    let mut policy = policy;
    policy["lifecycle"] =
        json!({"transitions": [{"event": "appealed", "from": ["replied", "appealed"], "to": "appealed"}]});
    let a = assess(&policy, c.clone(), json!(second.clone()), "2026-03-03T00:00:00Z").unwrap();
    assert_eq!(a["deadlines"][0]["due_at"], "2026-03-18T00:00:00+00:00");
    second.push(json!({"type": "extension_granted", "at": "2026-03-05T10:00:00Z", "deadline": "d", "amount": 10}));
    second.push(json!({"type": "new_claim", "at": "2026-03-06T10:00:00Z"}));
    let a = assess(&policy, c, json!(second), "2026-03-07T00:00:00Z").unwrap();
    assert_eq!(a["deadlines"][0]["due_at"], "2026-03-22T00:00:00+00:00");
    assert_eq!(a["deadlines"][0]["extended"], 0);
}
