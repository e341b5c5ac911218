//! Recurring targets (`repeat`): a rule that runs in cycles, each with its
//! own outcome — the next reply after each customer message, an update
//! every 5 working days while the case is open. Through the JSON layer.
//!
//! Calendar `cn-mainland` (Asia/Shanghai): Mon–Fri 09:00–12:00 and
//! 13:30–18:00 (7.5 business hours a day); no holiday in November 2026.
//! Days: 2026-11-02 Mon .. 11-06 Fri, 11-09 Mon .. 11-13 Fri, 11-16 Mon ..
//! 11-20 Fri, 11-23 Mon .. 11-27 Fri, 11-30 Mon. Day clocks do not count the
//! start day and end at 18:00 of the last counted day (docs/time.md).

use plaint_core::api::run_op;
use plaint_core::{Error, Policy};
use serde_json::{Value, json};

fn support() -> Value {
    json!({
        "plaint_policy": 1, "name": "support", "version": "1", "calendar": "cn-mainland",
        "deadlines": [
            {"id": "next_reply", "clock": "business", "amount": 8, "unit": "hours",
             "repeat": {"on": ["customer_message"], "until": ["closed"]},
             "met_by": ["replied", "holding_reply", "contacted"], "warn": {"fraction": 0.75}},
            {"id": "progress_update", "clock": "working_days", "amount": 5,
             "repeat": {"after_met": true, "until": ["resolved", "closed"]},
             "met_by": ["contacted", "holding_reply"]}
        ],
        "escalation": {
            "ladder": [{"id": "agent"}, {"id": "team_lead"}],
            "triggers": [{"id": "update_late", "on": "breached", "deadline": "progress_update", "step": 1}]
        }
    })
}

fn ev(kind: &str, at: &str) -> Value {
    json!({"type": kind, "at": at})
}

fn assess(policy: Value, received: &str, events: Value, now: &str) -> Result<Value, Error> {
    let complaint = json!({"id": "S-1", "received_at": received, "text": "no answer"});
    run_op(
        "assess",
        &json!({"policy": policy, "case": {"complaint": complaint, "events": events}, "now": now}),
    )
}

fn ok(received: &str, events: Value, now: &str) -> Value {
    assess(support(), received, events, now).unwrap_or_else(|e| panic!("{} at {}: {e}", e.code(), e.path()))
}

fn deadline<'a>(a: &'a Value, id: &str) -> &'a Value {
    a["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id)
        .unwrap()
}

fn cycle(started: &str, due: &str, met: Option<&str>, state: &str) -> Value {
    json!({"started_at": started, "due_at": due, "met_at": met, "state": state})
}

/// Three customer messages (the complaint, then two more); the second
/// reply comes late.
fn three_messages() -> Value {
    json!([
        ev("contacted", "2026-11-02T15:00:00+08:00"),
        ev("customer_message", "2026-11-03T14:00:00+08:00"),
        ev("replied", "2026-11-05T09:30:00+08:00"),
        ev("customer_message", "2026-11-05T16:00:00+08:00"),
        ev("customer_message", "2026-11-06T09:15:00+08:00")
    ])
}

#[test]
fn next_reply_over_three_customer_messages_one_late() {
    let a = ok(
        "2026-11-02T10:00:00+08:00",
        three_messages(),
        "2026-11-06T10:00:00+08:00",
    );
    let d = deadline(&a, "next_reply");
    // Cycle 1 from the complaint, Mon 10:00: 8 business hours are Mon
    // 10:00–12:00 (2 h) and 13:30–18:00 (4.5 h), Tue 09:00–10:30 (1.5 h):
    // due Tue 10:30; the contact on Mon 15:00 meets it.
    // Cycle 2 from the message of Tue 14:00: Tue 14:00–18:00 (4 h), Wed
    // 09:00–12:00 (3 h), 13:30–14:30 (1 h): due Wed 14:30; the reply on Thu
    // 09:30 is late.
    // Cycle 3 from the message of Thu 16:00: Thu 16:00–18:00 (2 h), Fri
    // 09:00–12:00 (3 h), 13:30–16:30 (3 h): due Fri 16:30. The message of
    // Fri 09:15 comes while it runs: it starts no cycle of its own.
    assert_eq!(
        d["cycles"],
        json!([
            cycle(
                "2026-11-02T10:00:00+08:00",
                "2026-11-03T10:30:00+08:00",
                Some("2026-11-02T15:00:00+08:00"),
                "met"
            ),
            cycle(
                "2026-11-03T14:00:00+08:00",
                "2026-11-04T14:30:00+08:00",
                Some("2026-11-05T09:30:00+08:00"),
                "met_late"
            ),
            cycle(
                "2026-11-05T16:00:00+08:00",
                "2026-11-06T16:30:00+08:00",
                None,
                "pending"
            )
        ])
    );
    // The deadline itself is the running cycle. Warning at 75 % of 8 h = 6 h
    // after Thu 16:00: Thu 2 h, Fri 09:00–12:00 3 h, 13:30–14:30 1 h: Fri
    // 14:30. Elapsed at Fri 10:00: Thu 2 h + Fri 1 h = 180 minutes; 300 left.
    assert_eq!(d["state"], "pending");
    assert_eq!(d["started_at"], "2026-11-05T16:00:00+08:00");
    assert_eq!(d["due_at"], "2026-11-06T16:30:00+08:00");
    assert_eq!(d["warn_at"], "2026-11-06T14:30:00+08:00");
    assert_eq!(d["met_at"], Value::Null);
    assert_eq!((d["elapsed"].as_i64(), d["remaining"].as_i64()), (Some(180), Some(300)));
    assert_eq!(d["next_change_at"], "2026-11-06T14:30:00+08:00");
    assert!(
        d["notes"]
            .as_array()
            .unwrap()
            .contains(&json!("3 cycles: 1 met, 1 met late, 1 running; this is cycle 3"))
    );
}

#[test]
fn between_messages_the_deadline_shows_the_last_cycle() {
    // After the late reply and before the next message: cycle 2 is the
    // last one, met late; nothing runs, so nothing changes by itself.
    let events = json!([
        ev("contacted", "2026-11-02T15:00:00+08:00"),
        ev("customer_message", "2026-11-03T14:00:00+08:00"),
        ev("replied", "2026-11-05T09:30:00+08:00")
    ]);
    let a = ok("2026-11-02T10:00:00+08:00", events, "2026-11-05T12:00:00+08:00");
    let d = deadline(&a, "next_reply");
    assert_eq!(d["state"], "met_late");
    assert_eq!(d["met_at"], "2026-11-05T09:30:00+08:00");
    assert_eq!(d["next_change_at"], Value::Null);
    assert_eq!(d["cycles"].as_array().unwrap().len(), 2);
}

/// Contacts on Fri 11-06 and Tue 11-17, resolved Thu 11-19.
fn updates() -> Value {
    json!([
        ev("contacted", "2026-11-06T11:00:00+08:00"),
        ev("contacted", "2026-11-17T10:00:00+08:00"),
        ev("resolved", "2026-11-19T15:00:00+08:00")
    ])
}

#[test]
fn an_update_every_five_working_days_until_resolved() {
    let a = ok("2026-11-02T10:00:00+08:00", updates(), "2026-11-25T10:00:00+08:00");
    let d = deadline(&a, "progress_update");
    // Cycle 1 from Mon 11-02: Tue..Fri (4), Mon 11-09 (5): due 11-09 18:00;
    // the contact of Fri 11-06 11:00 meets it and starts cycle 2: Mon 11-09
    // .. Fri 11-13 (5): due 11-13 18:00, met late by the contact of Tue
    // 11-17 10:00, which starts cycle 3: Wed 11-18 .. Tue 11-24 (5): due
    // 11-24 18:00. The resolution on Thu 11-19 15:00 ends the series: it
    // meets cycle 3, and no cycle starts after it.
    assert_eq!(
        d["cycles"],
        json!([
            cycle(
                "2026-11-02T10:00:00+08:00",
                "2026-11-09T18:00:00+08:00",
                Some("2026-11-06T11:00:00+08:00"),
                "met"
            ),
            cycle(
                "2026-11-06T11:00:00+08:00",
                "2026-11-13T18:00:00+08:00",
                Some("2026-11-17T10:00:00+08:00"),
                "met_late"
            ),
            cycle(
                "2026-11-17T10:00:00+08:00",
                "2026-11-24T18:00:00+08:00",
                Some("2026-11-19T15:00:00+08:00"),
                "met"
            )
        ])
    );
    assert_eq!(d["state"], "met");
    assert!(d["notes"].as_array().unwrap().contains(&json!(
        "the series ended at the event \"resolved\", 2026-11-19T15:00:00+08:00"
    )));
}

#[test]
fn a_reopening_resumes_the_series() {
    // Closed Fri 11-20 10:00 (the series had ended at the resolution),
    // reopened Mon 11-23 09:00: cycle 4 from the reopening, Tue 11-24 ..
    // Mon 11-30 (5): due 11-30 18:00, running at Wed 11-25.
    let mut events = updates();
    let log = events.as_array_mut().unwrap();
    log.push(ev("closed", "2026-11-20T10:00:00+08:00"));
    log.push(ev("reopened", "2026-11-23T09:00:00+08:00"));
    let a = ok("2026-11-02T10:00:00+08:00", events, "2026-11-25T10:00:00+08:00");
    let d = deadline(&a, "progress_update");
    let cycles = d["cycles"].as_array().unwrap();
    assert_eq!(cycles.len(), 4);
    assert_eq!(
        cycles[3],
        cycle(
            "2026-11-23T09:00:00+08:00",
            "2026-11-30T18:00:00+08:00",
            None,
            "pending"
        )
    );
    assert_eq!(
        (d["state"].as_str(), d["due_at"].as_str()),
        (Some("pending"), Some("2026-11-30T18:00:00+08:00"))
    );
}

#[test]
fn a_late_cycle_escalates_while_it_runs() {
    // At Mon 11-16 10:00 cycle 2 (due Fri 11-13 18:00) has no update yet:
    // breached, and the trigger fires from its due time.
    let events = json!([ev("contacted", "2026-11-06T11:00:00+08:00")]);
    let a = ok("2026-11-02T10:00:00+08:00", events, "2026-11-16T10:00:00+08:00");
    let d = deadline(&a, "progress_update");
    assert_eq!(d["state"], "breached");
    assert_eq!(d["due_at"], "2026-11-13T18:00:00+08:00");
    let e = &a["escalations"][0];
    assert_eq!(e["trigger"], "update_late");
    assert_eq!(e["level"], "team_lead");
    assert_eq!(e["since"], "2026-11-13T18:00:00+08:00");
    assert_eq!(e["reason"], "deadline progress_update breached");
}

#[test]
fn stats_count_every_cycle() {
    // Case 1 at Fri 11-06 10:00: next_reply met, met late, running;
    // progress_update: the contact of Mon 15:00 meets its first cycle and
    // starts the second (running). Case 2, received Mon 11-02 10:00, never
    // answered: next_reply's one cycle (due Tue 10:30) breached;
    // progress_update's first cycle running (due Mon 11-09).
    let case = |id: &str, events: Value| json!({"complaint": {"id": id, "received_at": "2026-11-02T10:00:00+08:00", "text": "x"}, "events": events});
    let input = json!({"policy": support(), "now": "2026-11-06T10:00:00+08:00",
                       "cases": [case("A", three_messages()), case("B", json!([]))]});
    let s = run_op("stats", &input).unwrap();
    assert_eq!(
        s["cycles"],
        json!({
            "next_reply": {"met": 1, "met_late": 1, "breached": 1, "open": 1, "undetermined": 0, "rate": 1.0 / 3.0},
            "progress_update": {"met": 1, "met_late": 0, "breached": 0, "open": 2, "undetermined": 0, "rate": 1.0}
        })
    );
    // Recurring rules are counted by cycle, not in the per-case on-time rates.
    assert_eq!(s["on_time"], json!({}));
}

/// A change to the policy, the code and the path of the problem it makes.
type Case<'a> = (&'a dyn Fn(&mut Value), &'a str, &'a str);

fn load_error(change: &dyn Fn(&mut Value)) -> (String, String) {
    let mut p = support();
    change(&mut p);
    let e = Policy::from_value(&p).unwrap_err();
    let first = &e.problems()[0];
    (first.code.as_str().to_string(), first.path.clone())
}

#[test]
fn a_recurring_rule_is_checked_when_the_policy_is_read() {
    let cases: [Case; 7] = [
        (
            &|p| p["deadlines"][1]["extension"] = json!({"max_amount": 5}),
            "invalid_value",
            "/deadlines/1/extension",
        ),
        (
            &|p| p["deadlines"][1]["restart_on"] = json!(["new_claim"]),
            "invalid_value",
            "/deadlines/1/restart_on",
        ),
        (
            &|p| p["deadlines"][1]["customer_time"] = json!(true),
            "invalid_value",
            "/deadlines/1/customer_time",
        ),
        (
            &|p| p["deadlines"][1]["on_reclassify"] = json!("restart"),
            "invalid_value",
            "/deadlines/1/on_reclassify",
        ),
        (
            &|p| p["deadlines"][1]["kind"] = json!("window"),
            "invalid_value",
            "/deadlines/1/repeat",
        ),
        (
            &|p| p["deadlines"][1]["repeat"] = json!({"until": ["closed"]}),
            "invalid_value",
            "/deadlines/1/repeat",
        ),
        (
            &|p| p["deadlines"][0]["repeat"]["on"] = json!(["customer_mesage"]),
            "invalid_value",
            "/deadlines/0/repeat/on/0",
        ),
    ];
    for (change, code, path) in cases {
        assert_eq!(load_error(change), (code.to_string(), path.to_string()));
    }
}
