//! Internal targets (`kind: "internal"`): when a complaint is forwarded to
//! a department, that department's time to answer the front desk is a
//! target of its own — one cycle per hand-off, owned by the department in
//! the event's `to`, met by its answer (`answered_internally` with `by`),
//! with its own escalation, counted per department apart from the
//! customer-facing on-time rates. Through the JSON layer.
//!
//! Calendar `cn-mainland` (Asia/Shanghai): Mon–Fri 09:00–12:00 and
//! 13:30–18:00; no holiday in November 2026 (11-02 Mon .. 11-06 Fri, 11-07
//! Sat, 11-09 Mon). `engineering-rota`, below, extends it with Saturdays
//! and the hours 08:00–17:00.

use plaint_core::api::run_op;
use plaint_core::{Error, Policy};
use serde_json::{Value, json};

fn front_desk() -> Value {
    json!({
        "plaint_policy": 1, "name": "front-desk", "version": "1", "calendar": "cn-mainland",
        "calendars": [
            {"id": "engineering_rota",
             "calendar": {"plaint_calendar": 1, "extends": "cn-mainland", "name": "engineering-rota",
                          "weekmask": ["mon", "tue", "wed", "thu", "fri", "sat"],
                          "hours": {"default": ["08:00-17:00"]}}}
        ],
        "deadlines": [
            {"id": "reply", "clock": "working_days", "amount": 1, "met_by": ["replied"]},
            {"id": "department_answer", "kind": "internal", "clock": "business", "amount": 4, "unit": "hours",
             "met_by": ["answered_internally"], "warn": {"fraction": 0.5}},
            {"id": "engineering_weekend", "kind": "internal", "departments": ["engineering"],
             "calendar": "engineering_rota", "clock": "business", "amount": 4, "unit": "hours",
             "met_by": ["answered_internally"]}
        ],
        "escalation": {
            "ladder": [{"id": "front_desk"}, {"id": "department_head"}],
            "triggers": [{"id": "department_late", "on": "breached", "deadline": "department_answer",
                          "to": "department_head"}]
        }
    })
}

fn ev(kind: &str, at: &str) -> Value {
    json!({"type": kind, "at": at})
}

fn forward(at: &str, to: &str) -> Value {
    json!({"type": "forwarded", "at": at, "to": to})
}

fn answer(at: &str, by: &str) -> Value {
    json!({"type": "answered_internally", "at": at, "by": by})
}

fn assess(received: &str, events: Value, now: &str) -> Result<Value, Error> {
    let complaint = json!({"id": "F-1", "received_at": received, "text": "router broken"});
    run_op(
        "assess",
        &json!({"policy": front_desk(), "case": {"complaint": complaint, "events": events}, "now": now}),
    )
}

fn ok(received: &str, events: Value, now: &str) -> Value {
    assess(received, events, now).unwrap_or_else(|e| panic!("{} at {}: {e}", e.code(), e.path()))
}

fn deadline<'a>(a: &'a Value, id: &str) -> &'a Value {
    a["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id)
        .unwrap()
}

/// Received Mon 09:30, forwarded to engineering at 10:00, the customer
/// answered by the front desk at 17:00; engineering has not answered.
fn engineering_silent() -> Value {
    json!([
        forward("2026-11-02T10:00:00+08:00", "engineering"),
        ev("replied", "2026-11-02T17:00:00+08:00")
    ])
}

#[test]
fn the_department_breaches_while_the_customer_deadline_is_met() {
    let a = ok(
        "2026-11-02T09:30:00+08:00",
        engineering_silent(),
        "2026-11-03T10:00:00+08:00",
    );
    // The customer-facing reply: 1 working day from Mon 09:30 is Tue 18:00;
    // the reply of Mon 17:00 meets it.
    let reply = deadline(&a, "reply");
    assert_eq!(
        (reply["state"].as_str(), reply["due_at"].as_str()),
        (Some("met"), Some("2026-11-03T18:00:00+08:00"))
    );
    // Engineering's answer: 4 business hours from Mon 10:00 are 10:00–12:00
    // and 13:30–15:30: due Mon 15:30; at Tue 10:00 it is breached. Elapsed:
    // Mon 10:00–12:00 (2 h), 13:30–18:00 (4.5 h), Tue 09:00–10:00 (1 h) =
    // 450 minutes of 240: 210 over.
    let d = deadline(&a, "department_answer");
    assert_eq!(d["kind"], "internal");
    assert_eq!(d["state"], "breached");
    assert_eq!(d["department"], "engineering");
    assert_eq!(d["started_at"], "2026-11-02T10:00:00+08:00");
    assert_eq!(d["due_at"], "2026-11-02T15:30:00+08:00");
    assert_eq!(
        (d["elapsed"].as_i64(), d["remaining"].as_i64()),
        (Some(450), Some(-210))
    );
    assert_eq!(
        d["cycles"],
        json!([{"started_at": "2026-11-02T10:00:00+08:00", "due_at": "2026-11-02T15:30:00+08:00",
                "met_at": null, "state": "breached", "department": "engineering"}])
    );
    // Its own escalation, from its due time.
    let e = &a["escalations"][0];
    assert_eq!(e["trigger"], "department_late");
    assert_eq!(e["level"], "department_head");
    assert_eq!(e["since"], "2026-11-02T15:30:00+08:00");
    assert_eq!(
        e["reason"],
        "deadline department_answer breached (department engineering)"
    );
}

#[test]
fn the_answer_meets_it_late_and_the_escalation_stops() {
    let mut events = engineering_silent();
    events
        .as_array_mut()
        .unwrap()
        .push(answer("2026-11-03T11:00:00+08:00", "engineering"));
    let a = ok("2026-11-02T09:30:00+08:00", events, "2026-11-03T12:00:00+08:00");
    let d = deadline(&a, "department_answer");
    assert_eq!(d["state"], "met_late");
    assert_eq!(d["met_at"], "2026-11-03T11:00:00+08:00");
    assert_eq!(a["escalations"], json!([]));
}

#[test]
fn parallel_hand_offs_each_have_their_cycle() {
    // Forwarded to engineering at 10:00 and to billing at 10:30; engineering
    // answers at 14:00 (in time: due 15:30). A second forward to engineering
    // at 14:30 opens a new cycle (the first was met); a forward to billing
    // again at 11:00 does not (billing's is still open). Billing: 4 h from
    // 10:30 are 10:30–12:00 (1.5 h) and 13:30–16:00: due 16:00, warning at
    // half (2 h): 10:30–12:00 and 13:30–14:00, so at risk at 15:00.
    // Engineering's second cycle: 14:30–18:00 (3.5 h), Tue 09:00–09:30: due
    // Tue 09:30. The deadline shows the oldest running cycle: billing's.
    let events = json!([
        forward("2026-11-02T10:00:00+08:00", "engineering"),
        forward("2026-11-02T10:30:00+08:00", "billing"),
        forward("2026-11-02T11:00:00+08:00", "billing"),
        answer("2026-11-02T14:00:00+08:00", "engineering"),
        forward("2026-11-02T14:30:00+08:00", "engineering")
    ]);
    let a = ok("2026-11-02T09:30:00+08:00", events, "2026-11-02T15:00:00+08:00");
    let d = deadline(&a, "department_answer");
    assert_eq!(
        d["cycles"],
        json!([
            {"started_at": "2026-11-02T10:00:00+08:00", "due_at": "2026-11-02T15:30:00+08:00",
             "met_at": "2026-11-02T14:00:00+08:00", "state": "met", "department": "engineering"},
            {"started_at": "2026-11-02T10:30:00+08:00", "due_at": "2026-11-02T16:00:00+08:00",
             "met_at": null, "state": "at_risk", "department": "billing"},
            {"started_at": "2026-11-02T14:30:00+08:00", "due_at": "2026-11-03T09:30:00+08:00",
             "met_at": null, "state": "pending", "department": "engineering"}
        ])
    );
    assert_eq!(
        (d["state"].as_str(), d["department"].as_str()),
        (Some("at_risk"), Some("billing"))
    );
    assert_eq!(d["warn_at"], "2026-11-02T14:00:00+08:00");
}

#[test]
fn a_rule_for_one_department_counts_on_its_rota() {
    // engineering_weekend covers engineering only, on its rota (Saturdays,
    // 08:00–17:00): forwarded Fri 11-06 16:00, 4 h are Fri 16:00–17:00 and
    // Sat 08:00–11:00: due Sat 11-07 11:00. On cn-mainland the same 4 h
    // would end Mon 11-09 11:00 (department_answer). A forward to billing
    // opens no cycle of engineering_weekend.
    let events = json!([
        forward("2026-11-06T16:00:00+08:00", "engineering"),
        forward("2026-11-06T16:10:00+08:00", "billing")
    ]);
    let a = ok("2026-11-06T15:00:00+08:00", events, "2026-11-06T16:30:00+08:00");
    let w = deadline(&a, "engineering_weekend");
    assert_eq!(w["calendar"], "engineering-rota");
    assert_eq!(w["due_at"], "2026-11-07T11:00:00+08:00");
    assert_eq!(w["cycles"].as_array().unwrap().len(), 1);
    let d = deadline(&a, "department_answer");
    assert_eq!(d["cycles"][0]["due_at"], "2026-11-09T11:00:00+08:00");
    assert_eq!(d["calendar"], "cn-mainland");
}

#[test]
fn before_any_hand_off_it_waits() {
    let a = ok("2026-11-02T09:30:00+08:00", json!([]), "2026-11-02T10:00:00+08:00");
    let d = deadline(&a, "department_answer");
    assert_eq!(d["state"], "not_started");
    assert_eq!(d["cycles"], json!([]));
    assert_eq!(d["notes"][0], "waits for the event \"forwarded\"");
    assert_eq!(
        deadline(&a, "engineering_weekend")["notes"][0],
        "waits for the event \"forwarded\" to engineering"
    );
    // A forward that names no department opens no cycle, and says so.
    let a = ok(
        "2026-11-02T09:30:00+08:00",
        json!([ev("forwarded", "2026-11-02T10:00:00+08:00")]),
        "2026-11-02T10:30:00+08:00",
    );
    let d = deadline(&a, "department_answer");
    assert_eq!(d["state"], "not_started");
    assert!(d["notes"].as_array().unwrap().contains(&json!(
        "the event \"forwarded\" at 2026-11-02T10:00:00+08:00 names no department (\"to\"): no internal target"
    )));
}

#[test]
fn an_answer_must_name_the_department() {
    let events = json!([
        forward("2026-11-02T10:00:00+08:00", "engineering"),
        ev("answered_internally", "2026-11-02T11:00:00+08:00")
    ]);
    let e = assess("2026-11-02T09:30:00+08:00", events, "2026-11-02T12:00:00+08:00").unwrap_err();
    assert_eq!((e.code().as_str(), e.path()), ("missing_field", "/events/1/by"));
}

#[test]
fn stats_report_departments_apart_from_the_customer_rates() {
    // Case A: engineering breached, the customer's reply met (at Tue 10:00).
    // Case B: engineering answered in time (Mon 14:00), billing not at all
    // (due Mon 16:00: breached). The customer-facing rate counts `reply` only;
    // the internal targets are counted by department and hand-off.
    let case = |id: &str, events: Value| json!({"complaint": {"id": id, "received_at": "2026-11-02T09:30:00+08:00", "text": "x"}, "events": events});
    let b = json!([
        forward("2026-11-02T10:00:00+08:00", "engineering"),
        forward("2026-11-02T10:30:00+08:00", "billing"),
        answer("2026-11-02T14:00:00+08:00", "engineering"),
        ev("replied", "2026-11-02T17:00:00+08:00")
    ]);
    let input = json!({"policy": front_desk(), "now": "2026-11-03T10:00:00+08:00",
                       "cases": [case("A", engineering_silent()), case("B", b)]});
    let s = run_op("stats", &input).unwrap();
    assert_eq!(
        s["on_time"],
        json!({"reply": {"met": 2, "met_late": 0, "breached": 0, "open": 0, "undetermined": 0, "rate": 1.0}})
    );
    // engineering_weekend also covers both forwards to engineering, on the
    // rota (Mon 10:00 + 4 h = 14:00 on 08:00–17:00): A's breached (no answer
    // by Tue 10:00), B's met by the answer at 14:00, just in time.
    let counts = |met: u64, breached: u64| {
        let rate = if met + breached > 0 {
            json!(met as f64 / (met + breached) as f64)
        } else {
            Value::Null
        };
        json!({"met": met, "met_late": 0, "breached": breached, "open": 0, "undetermined": 0, "rate": rate})
    };
    assert_eq!(
        s["internal"],
        json!({
            "billing": {"department_answer": counts(0, 1)},
            "engineering": {"department_answer": counts(1, 1), "engineering_weekend": counts(1, 1)}
        })
    );
}

/// A change to the policy, the code and the path of the problem it makes.
type Case<'a> = (&'a dyn Fn(&mut Value), &'a str, &'a str);

fn load_error(change: &dyn Fn(&mut Value)) -> (String, String) {
    let mut p = front_desk();
    change(&mut p);
    let e = Policy::from_value(&p).unwrap_err();
    let first = &e.problems()[0];
    (first.code.as_str().to_string(), first.path.clone())
}

#[test]
fn an_internal_rule_is_checked_when_the_policy_is_read() {
    let cases: [Case; 5] = [
        (
            &|p| p["deadlines"][1]["repeat"] = json!({"after_met": true}),
            "invalid_value",
            "/deadlines/1/repeat",
        ),
        (
            &|p| p["deadlines"][0]["departments"] = json!(["engineering"]),
            "invalid_value",
            "/deadlines/0/departments",
        ),
        (
            &|p| p["deadlines"][1]["start"] = json!("received"),
            "invalid_value",
            "/deadlines/1/start",
        ),
        (
            &|p| p["deadlines"][1]["start_nth"] = json!(2),
            "invalid_value",
            "/deadlines/1/start_nth",
        ),
        (
            &|p| p["deadlines"][2]["departments"] = json!(["engineering", 3]),
            "invalid_type",
            "/deadlines/2/departments/1",
        ),
    ];
    for (change, code, path) in cases {
        assert_eq!(load_error(change), (code.to_string(), path.to_string()));
    }
}
