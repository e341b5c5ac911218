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
