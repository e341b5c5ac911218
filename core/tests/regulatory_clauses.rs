//! Clause-by-clause scenarios of the regulatory presets, through the JSON
//! layer: extensions granted too late, holding replies against final
//! answers, the UK summary resolution, windows that lapse instead of being
//! breached, review requests right after the answer, warning points on
//! working time, and obligations as policy data. Every expected value is
//! computed by hand from the regulation quoted in the preset's `source` (or
//! the obligation's `note`) and from the published holidays; days of the
//! week were checked with Python's `datetime`, independent of plaint.
//!
//! Holidays used (see regulatory_presets.rs for the full lists): England
//! and Wales 2026 — Good Friday 04-03, Easter Monday 04-06, 12-25, 12-28;
//! Europe/London on BST from 03-29 to 10-25. TARGET 2026 — 04-03, 04-06,
//! 05-01, 12-25, 12-26. US federal 2026 — 11-11, 11-26, 12-25; 2027-01-01.
//! Mainland China 2026 — 09-25..27 (Mid-Autumn), 10-01..07 (National Day),
//! make-up working days Sun 09-20 and Sat 10-10 (keeping Monday's hours,
//! 09:00-12:00 and 13:30-18:00).

use plaint_core::api::run_op;
use serde_json::{Value, json};

fn run(policy: Value, complaint: Value, events: Value, now: &str) -> Value {
    let input = json!({"policy": policy, "case": {"complaint": complaint, "events": events}, "now": now});
    match run_op("assess", &input) {
        Ok(a) => a,
        Err(e) => panic!("assess failed: {} at {:?}: {e}", e.code(), e.path()),
    }
}

fn assess(policy: &str, complaint: Value, events: Value, now: &str) -> Value {
    run(json!(policy), complaint, events, now)
}

fn error_of(input: Value, op: &str) -> (String, String) {
    match run_op(op, &input) {
        Ok(a) => panic!("expected an error, got {a}"),
        Err(e) => (e.code().to_string(), e.path().to_string()),
    }
}

fn dl<'a>(a: &'a Value, id: &str) -> &'a Value {
    a["deadlines"]
        .as_array()
        .and_then(|ds| ds.iter().find(|d| d["id"] == id))
        .unwrap_or_else(|| panic!("no deadline {id} in {a}"))
}

fn state_due(a: &Value, id: &str) -> (String, Value) {
    let d = dl(a, id);
    (d["state"].as_str().unwrap().to_string(), d["due_at"].clone())
}

fn assert_due(a: &Value, id: &str, state: &str, due: &str) {
    assert_eq!(state_due(a, id), (state.to_string(), json!(due)), "deadline {id}");
}

fn assert_state(a: &Value, id: &str, state: &str) {
    assert_eq!(dl(a, id)["state"], state, "deadline {id}");
}

fn actions(a: &Value) -> Vec<String> {
    a["required_actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["action"].as_str().unwrap().to_string())
        .collect()
}

fn action<'a>(a: &'a Value, id: &str) -> &'a Value {
    a["required_actions"]
        .as_array()
        .and_then(|rs| rs.iter().find(|r| r["action"] == id))
        .unwrap_or_else(|| panic!("no required action {id} in {a}"))
}

fn complaint(id: &str, received: &str, attributes: Value) -> Value {
    json!({"id": id, "received_at": received, "channel": "letter", "text": "complaint", "attributes": attributes})
}

fn ev(kind: &str, at: &str) -> Value {
    json!({"type": kind, "at": at})
}

fn extension(at: &str, deadline: &str, amount: i64) -> Value {
    json!({"type": "extension_granted", "at": at, "deadline": deadline, "amount": amount})
}

fn notes(a: &Value, id: &str) -> String {
    dl(a, id)["notes"].to_string()
}

// ------------------------------------------------------- late extensions

/// PSD2 art. 101(2): the holding reply is sent because the answer cannot be
/// given within 15 business days, so it comes within them. Received Tue
/// 03-24: Mar 25-Apr 2 (7), Good Friday and Easter Monday closed, Apr 7-10
/// (11), Apr 13-16 (15) → due at the end of Thu 04-16 (00:00 CEST 04-17).
/// A holding reply on Fri 04-17 is late: not applied, the deadline stays
/// breached. One on Thu 04-16 16:00 is in time: 35 business days end Fri
/// 05-15 (Apr 17 (16), 20-24 (21), 27-30 (25), 1 May closed, May 4-8 (30),
/// 11-15 (35)).
#[test]
fn psd2_holding_reply_after_the_fifteen_days_is_not_applied() {
    let c = complaint("LE1", "2026-03-24T11:00:00+01:00", json!({}));
    let late = json!([extension("2026-04-17T10:00:00+02:00", "final_reply", 20)]);
    let a = assess("eu-psd2", c.clone(), late, "2026-04-20T09:00:00+02:00");
    assert_due(&a, "final_reply", "breached", "2026-04-17T00:00:00+02:00");
    assert_eq!(dl(&a, "final_reply")["extended"], 0);
    assert!(notes(&a, "final_reply").contains("not applied"), "{a}");
    let in_time = json!([extension("2026-04-16T16:00:00+02:00", "final_reply", 20)]);
    let a = assess("eu-psd2", c, in_time, "2026-04-20T09:00:00+02:00");
    assert_due(&a, "final_reply", "pending", "2026-05-16T00:00:00+02:00");
    assert_eq!(dl(&a, "final_reply")["extended"], 20);
}

/// 12 CFR 1024.35(e)(3)(ii): the 15-day extension is noticed before the 30
/// days end. Received Wed 11-04: 30 business days (Veterans Day 11-11,
/// Thanksgiving 11-26 skipped) end Fri 12-18. A notice on Mon 12-21 is late
/// and the response, sent on 12-30, is late too; a notice on Fri 12-18
/// gives 15 more days: Dec 21-24 (4), 28-31 (8), Jan 4-8 (13), Jan 11-12
/// (15) → end of Tue 2027-01-12.
#[test]
fn reg_x_extension_noticed_after_the_thirty_days_is_not_applied() {
    let c = complaint("LE2", "2026-11-04T10:00:00-05:00", json!({"regulation": "X"}));
    let late = json!([
        extension("2026-12-21T10:00:00-05:00", "reg_x_response", 15),
        ev("replied", "2026-12-30T10:00:00-05:00")
    ]);
    let a = assess("us-cfpb", c.clone(), late, "2027-01-04T09:00:00-05:00");
    assert_due(&a, "reg_x_response", "met_late", "2026-12-19T00:00:00-05:00");
    assert!(notes(&a, "reg_x_response").contains("2026-12-21T10:00:00-05:00"), "{a}");
    let in_time = json!([
        extension("2026-12-18T16:00:00-05:00", "reg_x_response", 15),
        ev("replied", "2026-12-30T10:00:00-05:00")
    ]);
    let a = assess("us-cfpb", c, in_time, "2027-01-04T09:00:00-05:00");
    assert_due(&a, "reg_x_response", "met", "2027-01-13T00:00:00-05:00");
}

/// DISP 1.6.2AR / 1.6.1R(1)(b)(i)(B): the holding response comes within
/// the 15 business days. Received Wed 03-25 (GMT): Mar 26, 27, 30, 31, Apr
/// 1, 2 (6), Apr 7-10 (10), Apr 13-17 (15) → end of Fri 04-17 (BST). A
/// holding response at 00:00 of 04-18 — the due instant itself — is late.
#[test]
fn uk_psd_holding_response_at_the_due_instant_is_late() {
    let c = complaint("LE3", "2026-03-25T14:00:00+00:00", json!({"payment_services": true}));
    let at_due = json!([extension("2026-04-18T00:00:00+01:00", "psd_final_response", 20)]);
    let a = assess("uk-fca-disp", c.clone(), at_due, "2026-04-20T09:00:00+01:00");
    assert_due(&a, "psd_final_response", "breached", "2026-04-18T00:00:00+01:00");
    let before = json!([extension("2026-04-17T23:59:00+01:00", "psd_final_response", 20)]);
    let a = assess("uk-fca-disp", c, before, "2026-04-20T09:00:00+01:00");
    // 35 business days: after Fri 04-17 (15), Apr 20-24 (20), Apr 27-May 1
    // (25), May 4 bank holiday, May 5-8 (29), 11-15 (34), Mon 05-18 (35).
    assert_due(&a, "psd_final_response", "pending", "2026-05-19T00:00:00+01:00");
}

/// A rule without `before_due` keeps applying a late extension (信访工作条例
/// 第三十四条 says nothing of when the extension is approved): 60 days from
/// acceptance on Thu 03-05 end Mon 05-04, a holiday → Wed 05-06 18:00; an
/// extension of 30 approved on Thu 05-07 still gives day 90, Wed 06-03.
#[test]
fn petition_extension_without_before_due_is_applied_even_late() {
    let c = complaint("LE4", "2026-03-02T09:00:00+08:00", json!({}));
    let events = json!([
        ev("acknowledged", "2026-03-05T10:00:00+08:00"),
        extension("2026-05-07T10:00:00+08:00", "handling", 30)
    ]);
    let a = assess("cn-petition-2022", c, events, "2026-05-08T09:00:00+08:00");
    assert_due(&a, "handling", "pending", "2026-06-03T18:00:00+08:00");
}

// ------------------------------------------------------- final answer vs holding reply

/// DISP 1.6.2R(2): an 8-week holding letter meets the 8-week rule but is no
/// final response, so the six months of DISP 2.8.2R(1) do not start. Received
/// Mon 03-02; 56 days → Mon 04-27, end of day (BST). The final response on
/// Mon 06-15 starts them: six months → Tue 12-15, end of day (GMT).
#[test]
fn uk_holding_letter_meets_eight_weeks_but_starts_no_referral_window() {
    let c = complaint("HR1", "2026-03-02T10:00:00+00:00", json!({}));
    let mut events = vec![ev("holding_reply", "2026-04-27T16:00:00+01:00")];
    let a = assess(
        "uk-fca-disp",
        c.clone(),
        json!(events.clone()),
        "2026-05-01T09:00:00+01:00",
    );
    assert_due(&a, "final_response", "met", "2026-04-28T00:00:00+01:00");
    assert_state(&a, "ombudsman_referral", "not_started");
    assert_eq!(a["state"], "received", "a holding reply changes no state");
    events.push(ev("replied", "2026-06-15T12:00:00+01:00"));
    let a = assess("uk-fca-disp", c, json!(events), "2026-06-16T09:00:00+01:00");
    assert_due(&a, "ombudsman_referral", "pending", "2026-12-16T00:00:00+00:00");
    assert_due(&a, "final_response", "met", "2026-04-28T00:00:00+01:00");
}

/// MAS FA reg. 5(3)(e): a written reason for the delay within 20 business
/// days meets the rule (received Mon 07-27: Jul 28-31 (4), Aug 3-7 (9),
/// National Day observed Mon 08-10, Aug 11-14 (13), 17-21 (18), 24-25 (20)
/// → end of Tue 08-25). FIDReC's six months start at the final reply of Thu
/// 09-10 → Wed 2027-03-10, end of day.
#[test]
fn mas_holding_reply_meets_twenty_days_and_fidrec_waits_for_the_final_reply() {
    let c = complaint("HR2", "2026-07-27T10:00:00+08:00", json!({}));
    let mut events = vec![ev("holding_reply", "2026-08-20T10:00:00+08:00")];
    let a = assess("sg-mas", c.clone(), json!(events.clone()), "2026-09-01T09:00:00+08:00");
    assert_due(&a, "final_response", "met", "2026-08-26T00:00:00+08:00");
    assert_state(&a, "fidrec_referral", "not_started");
    events.push(ev("replied", "2026-09-10T10:00:00+08:00"));
    let a = assess("sg-mas", c, json!(events), "2026-09-11T09:00:00+08:00");
    assert_due(&a, "fidrec_referral", "pending", "2027-03-11T00:00:00+08:00");
}

/// RB-IOS 2021 cl. 10(2)(a) (the 2021 version pinned: a complaint received
/// in August 2026 falls under the 2026 Scheme): an interim reply is not the
/// reply. Received Mon 08-03: 30 calendar days → Wed 09-02, 24:00; the
/// interim reply of 08-20 neither meets it nor starts the year; the reply of
/// Tue 09-01 does: one year → Wed 2027-09-01, 24:00. Under RB-IOS 2026 (the
/// version in force at receipt) the window is 90 days from that reply: Sep
/// 2-30 (29), Oct (31), Nov 1-30 (30) → Mon 11-30, 24:00.
#[test]
fn rbi_interim_reply_is_not_the_reply() {
    let c = complaint("HR3", "2026-08-03T11:00:00+05:30", json!({}));
    let mut events = vec![ev("holding_reply", "2026-08-20T12:00:00+05:30")];
    let a = assess(
        "in-rbi@2021",
        c.clone(),
        json!(events.clone()),
        "2026-08-25T09:00:00+05:30",
    );
    assert_due(&a, "reply", "pending", "2026-09-03T00:00:00+05:30");
    assert_state(&a, "ombudsman_window", "not_started");
    events.push(ev("replied", "2026-09-01T12:00:00+05:30"));
    let a = assess(
        "in-rbi@2021",
        c.clone(),
        json!(events.clone()),
        "2026-09-02T09:00:00+05:30",
    );
    assert_due(&a, "reply", "met", "2026-09-03T00:00:00+05:30");
    assert_due(&a, "ombudsman_window", "pending", "2027-09-02T00:00:00+05:30");
    let a = assess("in-rbi", c, json!(events), "2026-09-02T09:00:00+05:30");
    assert_due(&a, "ombudsman_window", "pending", "2026-12-01T00:00:00+05:30");
}

/// DISP 2.8.2R(1): a summary resolution communication starts the six months
/// too. Received Thu 12-24, accepted Thu 12-31 16:30 (before the close of
/// the third business day: Dec 29, 30, 31 after the bank holidays of 12-25
/// and 12-28), communication sent Mon 2027-01-04 → six months → Sun
/// 2027-07-04, end of day (BST).
#[test]
fn uk_summary_resolution_communication_starts_the_referral_window() {
    let c = complaint("HR4", "2026-12-24T15:00:00+00:00", json!({}));
    let events = json!([
        ev("resolved", "2026-12-29T10:00:00+00:00"),
        ev("satisfied", "2026-12-31T16:30:00+00:00"),
        ev("replied", "2027-01-04T11:00:00+00:00")
    ]);
    let a = assess("uk-fca-disp", c, events, "2027-01-05T09:00:00+00:00");
    assert_due(&a, "ombudsman_referral", "pending", "2027-07-05T00:00:00+01:00");
    assert!(!actions(&a).contains(&"summary_resolution_communication".to_string()));
}

// ------------------------------------------------------- UK summary resolution

/// DISP 1.5.1R: resolved (DISP 1.5.2AR: accepted, event satisfied) by the
/// close of the third business day after Thu 12-24 (Dec 29, 30, 31, 17:00):
/// DISP 1.6 does not apply, so the 8 weeks (56 days → Thu 2027-02-18, end
/// of day) are not breached: the rule does not apply at all. The summary
/// resolution communication (DISP 1.5.4R) is the open action.
#[test]
fn uk_summary_resolution_in_time_lifts_the_eight_weeks() {
    let c = complaint("SR1", "2026-12-24T15:00:00+00:00", json!({}));
    let events = json!([
        ev("resolved", "2026-12-29T10:00:00+00:00"),
        ev("satisfied", "2026-12-31T16:30:00+00:00")
    ]);
    let a = assess("uk-fca-disp", c, events, "2027-02-19T09:00:00+00:00");
    assert_due(&a, "summary_resolution", "met", "2026-12-31T17:00:00+00:00");
    assert_state(&a, "final_response", "not_applicable");
    assert!(
        notes(&a, "final_response").contains("deadlines.summary_resolution"),
        "{a}"
    );
    assert_eq!(actions(&a), ["summary_resolution_communication"]);
}

/// The same acceptance half an hour after the close: the window has lapsed
/// (no breach), DISP 1.6 applies, and without a response the 8 weeks are
/// breached at 00:00 of 2027-02-19.
#[test]
fn uk_summary_resolution_missed_leaves_the_eight_weeks_running() {
    let c = complaint("SR2", "2026-12-24T15:00:00+00:00", json!({}));
    let events = json!([
        ev("resolved", "2026-12-29T10:00:00+00:00"),
        ev("satisfied", "2026-12-31T17:30:00+00:00")
    ]);
    let a = assess("uk-fca-disp", c, events, "2027-02-19T09:00:00+00:00");
    assert_due(&a, "summary_resolution", "lapsed", "2026-12-31T17:00:00+00:00");
    assert_due(&a, "final_response", "breached", "2027-02-19T00:00:00+00:00");
    assert_eq!(actions(&a), ["acknowledge_with_timeline", "final_response_content"]);
}

/// A payment-services complaint accepted on Fri 03-27, inside the window
/// (received Wed 03-25: Thu 26, Fri 27, Mon 30 → 03-30 17:00 BST): DISP
/// 1.6.2AR's 15 business days (end Fri 04-17) do not apply either.
#[test]
fn uk_summary_resolution_lifts_the_payment_services_limit() {
    let c = complaint("SR3", "2026-03-25T14:00:00+00:00", json!({"payment_services": true}));
    let events = json!([
        ev("resolved", "2026-03-27T11:00:00+00:00"),
        ev("satisfied", "2026-03-27T12:00:00+00:00")
    ]);
    let a = assess("uk-fca-disp", c.clone(), events, "2026-04-20T09:00:00+01:00");
    assert_due(&a, "summary_resolution", "met", "2026-03-30T17:00:00+01:00");
    assert_state(&a, "psd_final_response", "not_applicable");
    // While the window runs, the 15 business days run too.
    let a = assess("uk-fca-disp", c, json!([]), "2026-03-26T09:00:00+00:00");
    assert_due(&a, "psd_final_response", "pending", "2026-04-18T00:00:00+01:00");
    assert_due(&a, "summary_resolution", "pending", "2026-03-30T17:00:00+01:00");
}

// ------------------------------------------------------- windows lapse

/// RG 271.71: the early-closure window after Wed 01-21 ends with the fifth
/// business day, Thu 01-29 (Thu 22, Fri 23, Tue 27, Wed 28, Thu 29;
/// Australia Day Mon 26). Missing it is not a breach: lapsed.
#[test]
fn asic_early_closure_lapses() {
    let c = complaint("W1", "2026-01-21T10:00:00+11:00", json!({}));
    let a = assess("au-asic-rg271", c.clone(), json!([]), "2026-01-30T09:00:00+11:00");
    assert_due(&a, "early_closure", "lapsed", "2026-01-30T00:00:00+11:00");
    assert_eq!(dl(&a, "early_closure")["kind"], "window");
    assert_eq!(dl(&a, "idr_response")["kind"], "deadline");
    let closed = json!([ev("closed", "2026-02-02T10:00:00+11:00")]);
    let a = assess("au-asic-rg271", c, closed, "2026-02-03T09:00:00+11:00");
    assert_due(&a, "early_closure", "lapsed", "2026-01-30T00:00:00+11:00");
}

/// RB-IOS cl. 10(2)(a)(ii): one year after a reply on Sat 2026-02-28 ends
/// Sun 2027-02-28, 24:00; with no referral by then the window has lapsed,
/// and nothing is left to check.
#[test]
fn rbi_ombudsman_window_lapses_without_a_next_check() {
    let c = complaint("W2", "2026-02-02T11:00:00+05:30", json!({}));
    let events = json!([ev("replied", "2026-02-28T12:00:00+05:30")]);
    let a = assess("in-rbi", c, events, "2027-03-02T09:00:00+05:30");
    assert_due(&a, "ombudsman_window", "lapsed", "2027-03-01T00:00:00+05:30");
    assert_eq!(a["next_check_at"], Value::Null);
}

/// `plaint stats`: windows are counted apart and have no on-time rate.
/// Three au-asic complaints received Wed 01-21, seen on Mon 03-02: one
/// closed on Tue 01-27 (early closure met; IDR response, 30 days → Fri
/// 02-20, met by a reply the same day), one closed on 02-02 after a reply on
/// 02-25 (early closure lapsed; the reply after 02-20 is late), one with a
/// reply on 02-10 and never closed (early closure lapsed; IDR met).
#[test]
fn stats_count_windows_apart_from_the_on_time_rate() {
    let c = |id: &str| complaint(id, "2026-01-21T10:00:00+11:00", json!({}));
    let cases = json!([
        {"complaint": c("S1"), "events": [ev("replied", "2026-01-27T09:00:00+11:00"), ev("closed", "2026-01-27T10:00:00+11:00")]},
        {"complaint": c("S2"), "events": [ev("replied", "2026-02-25T09:00:00+11:00"), ev("closed", "2026-03-01T10:00:00+11:00")]},
        {"complaint": c("S3"), "events": [ev("replied", "2026-02-10T09:00:00+11:00")]}
    ]);
    let input = json!({"policy": "au-asic-rg271", "now": "2026-03-02T09:00:00+11:00", "cases": cases});
    let s = run_op("stats", &input).unwrap();
    assert_eq!(s["windows"]["early_closure"], json!({"met": 1, "lapsed": 2, "open": 0}));
    assert!(s["on_time"].get("early_closure").is_none(), "{s}");
    assert_eq!(
        s["on_time"]["idr_response"],
        json!({"met": 2, "met_late": 1, "breached": 0, "open": 0, "undetermined": 0, "rate": 2.0 / 3.0})
    );
}

// ------------------------------------------------------- review after the answer

/// 银行业保险业消费投诉处理管理办法 第二十条: the review request comes right
/// after the decision is told (no resolved event in between). The decision
/// of Tue 03-10 (15 days from Mon 03-02 → 03-17, 24:00) moves the case to
/// replied; the request of Fri 03-20 starts 30 days → Sun 04-19, 24:00.
#[test]
fn banking_review_request_right_after_the_decision() {
    let c = complaint("RV1", "2026-03-02T10:00:00+08:00", json!({}));
    let answered = json!([ev("replied", "2026-03-10T10:00:00+08:00")]);
    let a = assess("cn-banking", c.clone(), answered, "2026-03-11T09:00:00+08:00");
    assert_eq!(a["state"], "replied");
    assert!(
        a["allowed_events"].as_array().unwrap().contains(&json!("appealed")),
        "{a}"
    );
    let events = json!([
        ev("replied", "2026-03-10T10:00:00+08:00"),
        ev("appealed", "2026-03-20T10:00:00+08:00")
    ]);
    let a = assess("cn-banking", c, events, "2026-04-01T09:00:00+08:00");
    assert_eq!(a["state"], "appealed");
    assert_due(&a, "review", "pending", "2026-04-20T00:00:00+08:00");
    assert_due(&a, "decision", "met", "2026-03-18T00:00:00+08:00");
}

/// 信访工作条例 第三十五条 and 第三十六条: accepted, answered, review requested
/// and answered, re-review requested, with no resolved event. Review: Fri
/// 07-10 + 30 → Sun 08-09 → Mon 08-10 18:00. Re-review: Mon 08-17 + 30 →
/// Wed 09-16 18:00.
#[test]
fn petition_review_and_re_review_right_after_the_answers() {
    let c = complaint("RV2", "2026-06-01T09:00:00+08:00", json!({}));
    let events = json!([
        ev("acknowledged", "2026-06-03T10:00:00+08:00"),
        ev("replied", "2026-07-01T10:00:00+08:00"),
        ev("appealed", "2026-07-10T09:00:00+08:00"),
        ev("replied", "2026-08-07T10:00:00+08:00"),
        ev("appealed", "2026-08-17T09:00:00+08:00")
    ]);
    let a = assess("cn-petition-2022", c, events, "2026-08-18T09:00:00+08:00");
    assert_due(&a, "review", "met", "2026-08-10T18:00:00+08:00");
    assert_due(&a, "re_review", "pending", "2026-09-16T18:00:00+08:00");
    assert_due(&a, "handling", "met", "2026-08-03T18:00:00+08:00");
}

// ------------------------------------------------------- warning points on working time

fn leak_case() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/cases/major-leak.json"
    ))
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

/// cn-property, received Thu 09-24 16:00, major: 75 % of the working time
/// to the due. major_reply (2 working days → Tue 09-29 18:00): 2 h on 09-24,
/// 7.5 h on Mon 09-28 and on Tue 09-29 = 17 h; 75 % = 12 h 45 min: 2 h +
/// 7.5 h, then 3 h 15 min into 09-29: 09:00-12:00 and 15 min after the
/// lunch break → 13:45. major_settle (7 working days → Mon 10-12 18:00):
/// 2 h, then 7.5 h on each of 09-28, 09-29, 09-30, 10-08, 10-09, Sat 10-10
/// (a make-up day) and 10-12, is 54.5 h; 75 % = 40 h 52 min 30 s; until the
/// end of 10-09 run 39.5 h, so the rest, 1 h 22 min 30 s, falls on Sat
/// 10-10 → 10:22:30 (the wall-clock fraction was 10-08 05:30).
#[test]
fn property_warnings_land_in_working_hours() {
    let case = leak_case();
    let input = json!({"policy": "cn-property", "case": case, "now": "2026-09-29T10:00:00+08:00"});
    let a = run_op("assess", &input).unwrap();
    assert_eq!(dl(&a, "major_reply")["warn_at"], "2026-09-29T13:45:00+08:00");
    assert_eq!(dl(&a, "major_reply")["state"], "pending");
    assert_eq!(dl(&a, "major_settle")["warn_at"], "2026-10-10T10:22:30+08:00");
    assert_eq!(a["next_check_at"], "2026-09-29T13:45:00+08:00");
    let input = json!({"policy": "cn-property", "case": case, "now": "2026-09-29T13:45:00+08:00"});
    let a = run_op("assess", &input).unwrap();
    assert_eq!(dl(&a, "major_reply")["state"], "at_risk");
}

/// cn-goods, 7 calendar days from Fri 09-25 10:00 (a holiday) → Fri 10-02,
/// also a holiday, so its close is 24:00. Working time in between: only
/// Mon 09-28 to Wed 09-30, 22.5 h; 75 % = 16 h 52 min 30 s → 1 h 52 min 30 s
/// into Wed 09-30 → 10:52:30 (the wall-clock fraction was 09-30 02:30).
#[test]
fn goods_warning_skips_the_holidays() {
    let c = json!({"id": "WG1", "received_at": "2026-09-25T10:00:00+08:00", "channel": "letter", "text": "电视机屏幕有亮线"});
    let a = assess("cn-goods", c, json!([]), "2026-09-28T09:00:00+08:00");
    let d = dl(&a, "countermeasure_answer");
    assert_eq!(d["due_at"], "2026-10-03T00:00:00+08:00");
    assert_eq!(d["warn_at"], "2026-09-30T10:52:30+08:00");
}

/// A calendar without business hours counts whole working days. Mon-Fri in
/// UTC; 2 working days from Fri 01-02 12:00 end Tue 01-06, 24:00. Working
/// time: 12 h on Friday, 24 h on Monday and Tuesday = 60 h; half is 30 h →
/// Mon 01-05 18:00 (the wall-clock half, 54 h, fell on Sunday 18:00).
#[test]
fn warning_on_a_calendar_without_hours_counts_working_days() {
    let policy = json!({
        "plaint_policy": 1, "name": "weekdays", "version": "1",
        "calendar": {"plaint_calendar": 1, "name": "weekdays", "title": "Mon-Fri, whole days", "zone": "UTC",
                     "weekmask": ["mon", "tue", "wed", "thu", "fri"], "valid_from": "2026-01-01", "valid_to": "2026-12-31",
                     "source": "test", "holidays": [], "extra_working_days": []},
        "deadlines": [{"id": "answer", "clock": "working_days", "amount": 2, "met_by": ["replied"], "warn": {"fraction": 0.5}}]
    });
    let c = complaint("WD1", "2026-01-02T12:00:00+00:00", json!({}));
    let a = run(policy, c, json!([]), "2026-01-02T13:00:00+00:00");
    assert_eq!(dl(&a, "answer")["due_at"], "2026-01-07T00:00:00+00:00");
    assert_eq!(dl(&a, "answer")["warn_at"], "2026-01-05T18:00:00+00:00");
}

/// The fraction is exact: 0.1 of 30 elapsed minutes is 3 minutes (no
/// floating-point remainder), and more than 12 decimal places is refused.
#[test]
fn warning_fraction_is_an_exact_decimal() {
    let policy = |fraction: f64| {
        json!({"plaint_policy": 1, "name": "f", "version": "1", "calendar": "always",
               "deadlines": [{"id": "call", "clock": "elapsed", "amount": 30, "met_by": ["contacted"], "warn": {"fraction": fraction}}]})
    };
    let c = complaint("F1", "2026-01-01T00:00:00+00:00", json!({}));
    let a = run(policy(0.1), c.clone(), json!([]), "2026-01-01T00:01:00+00:00");
    assert_eq!(dl(&a, "call")["warn_at"], "2026-01-01T00:03:00+00:00");
    let a = run(policy(0.7), c, json!([]), "2026-01-01T00:01:00+00:00");
    assert_eq!(dl(&a, "call")["warn_at"], "2026-01-01T00:21:00+00:00");
    let input = json!({"policy": policy(0.1234567890123), "complaint": {"id": "x", "received_at": "2026-01-01T00:00:00Z", "text": ""}});
    assert_eq!(
        error_of(input, "classify"),
        ("invalid_value".to_string(), "/deadlines/0/warn/fraction".to_string())
    );
}

// ------------------------------------------------------- obligations as data

/// Reg E 1005.11(c)(2)(iv): results reported within three business days
/// after the investigation. Received Mon 06-01, investigation completed
/// (resolved) Mon 06-08 15:00 → Tue 9, Wed 10, Thu 11 → end of Thu 06-11
/// (00:00 EDT 06-12), which is also the next check. Overdue on 06-12 09:00;
/// discharged by the report (replied).
#[test]
fn reg_e_results_report_is_a_due_obligation() {
    let c = complaint("OB1", "2026-06-01T10:00:00-04:00", json!({"regulation": "E"}));
    let mut events = vec![ev("resolved", "2026-06-08T15:00:00-04:00")];
    let a = assess("us-cfpb", c.clone(), json!(events.clone()), "2026-06-10T09:00:00-04:00");
    let r = action(&a, "reg_e_report_results");
    assert_eq!(r["due_at"], "2026-06-12T00:00:00-04:00");
    assert_eq!(r["overdue"], false);
    assert_eq!(r["source"], "12 CFR 1005.11(c)(2)(iv)");
    assert_eq!(a["next_check_at"], "2026-06-12T00:00:00-04:00");
    let a = assess("us-cfpb", c.clone(), json!(events.clone()), "2026-06-12T09:00:00-04:00");
    assert_eq!(action(&a, "reg_e_report_results")["overdue"], true);
    events.push(ev("replied", "2026-06-12T10:00:00-04:00"));
    let a = assess("us-cfpb", c, json!(events), "2026-06-12T11:00:00-04:00");
    assert!(actions(&a).is_empty(), "{a}");
}

/// DISP 1.6.1R and 1.6.2R(1): on receipt the acknowledgement and the final
/// response's content are open; the acknowledgement discharges the first,
/// the final response the second. Each action carries its three texts.
#[test]
fn uk_acknowledgement_and_final_response_content() {
    let c = complaint("OB2", "2026-03-02T10:00:00+00:00", json!({}));
    let a = assess("uk-fca-disp", c.clone(), json!([]), "2026-03-02T11:00:00+00:00");
    assert_eq!(actions(&a), ["acknowledge_with_timeline", "final_response_content"]);
    let r = action(&a, "acknowledge_with_timeline");
    assert_eq!(r["source"], "FCA DISP 1.6.1R");
    assert!(r["text"]["zh-Hans"].as_str().unwrap().contains("8周"));
    assert!(r["text"]["zh-Hant"].as_str().unwrap().contains("8週"));
    assert_eq!(r["reason"], r["text"]["en"]);
    let events = json!([ev("acknowledged", "2026-03-02T12:00:00+00:00")]);
    let a = assess("uk-fca-disp", c.clone(), events, "2026-03-03T09:00:00+00:00");
    assert_eq!(actions(&a), ["final_response_content"]);
    let events = json!([
        ev("acknowledged", "2026-03-02T12:00:00+00:00"),
        ev("replied", "2026-03-20T12:00:00+00:00")
    ]);
    let a = assess("uk-fca-disp", c, events, "2026-03-21T09:00:00+00:00");
    assert!(actions(&a).is_empty(), "{a}");
}

/// A policy's own obligation with every part: conditions on the state, the
/// events so far and a deadline's state; `after` (the last occurrence);
/// `done_by`; and a due of 2 hours from the event it arose at.
#[test]
fn a_policy_obligation_with_every_part() {
    let policy = json!({
        "plaint_policy": 1, "name": "own", "version": "1", "calendar": "always",
        "deadlines": [{"id": "answer", "clock": "elapsed", "amount": 60, "met_by": ["replied"]}],
        "obligations": [{
            "id": "call_back", "text": {"en": "call the customer back", "zh-Hans": "回电客户"},
            "source": "house rule 7",
            "when": {"state": {"ne": "closed"}, "events.unsatisfied": {"gte": 1}, "deadlines.answer": ["met", "met_late"]},
            "after": "unsatisfied", "done_by": ["contacted"],
            "due": {"clock": "elapsed", "amount": 2, "unit": "hours"}
        }]
    });
    let c = complaint("OB3", "2026-01-01T08:00:00+00:00", json!({}));
    let answered = vec![
        ev("resolved", "2026-01-01T08:30:00+00:00"),
        ev("replied", "2026-01-01T08:40:00+00:00"),
    ];
    let a = run(
        policy.clone(),
        c.clone(),
        json!(answered.clone()),
        "2026-01-01T09:00:00+00:00",
    );
    assert!(actions(&a).is_empty(), "no unsatisfied event yet: {a}");
    let mut events = answered.clone();
    events.push(ev("unsatisfied", "2026-01-01T10:00:00+00:00"));
    events.push(ev("contacted", "2026-01-01T10:30:00+00:00"));
    events.push(ev("resolved", "2026-01-01T11:00:00+00:00"));
    events.push(ev("unsatisfied", "2026-01-01T11:15:00+00:00"));
    let a = run(
        policy.clone(),
        c.clone(),
        json!(events.clone()),
        "2026-01-01T12:00:00+00:00",
    );
    // Arose at the last unsatisfied (11:15): the call at 10:30 came before it.
    let r = action(&a, "call_back");
    assert_eq!(r["due_at"], "2026-01-01T13:15:00+00:00");
    assert_eq!(r["reason"], "call the customer back");
    assert_eq!(
        r["text"],
        json!({"zh-Hans": "回电客户", "en": "call the customer back"})
    );
    assert_eq!(a["next_check_at"], "2026-01-01T13:15:00+00:00");
    events.push(ev("contacted", "2026-01-01T13:30:00+00:00"));
    let a = run(policy, c, json!(events), "2026-01-01T14:00:00+00:00");
    assert!(actions(&a).is_empty(), "{a}");
}

/// Conditions on the case's progress are checked when the policy loads: a
/// classification table cannot read them, a deadline reads only the
/// deadlines before it, an obligation names known deadlines and events.
#[test]
fn obligation_and_progress_conditions_are_checked_at_load() {
    let base = |extra: Value| {
        let mut p = json!({"plaint_policy": 1, "name": "p", "version": "1", "calendar": "always",
        "deadlines": [
            {"id": "first", "clock": "elapsed", "amount": 60, "met_by": ["replied"], "applies_when": {"deadlines.second": "met"}},
            {"id": "second", "clock": "elapsed", "amount": 60, "met_by": ["replied"]}
        ]});
        for (k, v) in extra.as_object().unwrap() {
            p[k] = v.clone();
        }
        json!({"policy": p, "complaint": {"id": "x", "received_at": "2026-01-01T00:00:00Z", "text": ""}})
    };
    assert_eq!(
        error_of(base(json!({})), "classify"),
        (
            "unknown_reference".to_string(),
            "/deadlines/0/applies_when/deadlines.second".to_string()
        )
    );
    let table = json!({"deadlines": [], "classification": [{"id": "t", "output": "severity",
        "rows": [{"id": "r", "when": {"state": "closed"}, "then": "major"}]}]});
    assert_eq!(
        error_of(base(table), "classify"),
        (
            "invalid_value".to_string(),
            "/classification/0/rows/0/when/state".to_string()
        )
    );
    let unknown_event = json!({"deadlines": [], "obligations": [{"id": "o", "text": {"en": "x"}, "source": "s", "done_by": ["phoned"]}]});
    assert_eq!(error_of(base(unknown_event), "classify").1, "/obligations/0/done_by/0");
    let no_source = json!({"deadlines": [], "obligations": [{"id": "o", "text": {"en": "x"}}]});
    assert_eq!(
        error_of(base(no_source), "classify"),
        ("missing_field".to_string(), "/obligations/0/source".to_string())
    );
}

/// 银行业保险业消费投诉处理管理办法 第十八条: an outside appraisal stops the
/// count "but the complainant is told promptly" (第二款), and the second
/// extension needs approval "and notice to the complainant" (第一款). Both
/// arise at their event and end when the complainant is contacted. The
/// decision's content (第十九条, `decision_content`) stays open beside them
/// until the decision itself (replied).
#[test]
fn banking_notices_of_appraisal_and_second_extension() {
    let c = complaint("OB4", "2026-09-21T10:00:00+08:00", json!({}));
    let mut events = vec![ev("suspended", "2026-09-22T10:00:00+08:00")];
    let a = assess(
        "cn-banking",
        c.clone(),
        json!(events.clone()),
        "2026-09-22T11:00:00+08:00",
    );
    assert_eq!(actions(&a), ["tell_appraisal_time_excluded", "decision_content"]);
    assert_eq!(action(&a, "tell_appraisal_time_excluded")["due_at"], Value::Null);
    events.push(ev("contacted", "2026-09-22T15:00:00+08:00"));
    events.push(ev("resumed", "2026-09-24T10:00:00+08:00"));
    events.push(extension("2026-10-05T10:00:00+08:00", "decision", 15));
    let a = assess(
        "cn-banking",
        c.clone(),
        json!(events.clone()),
        "2026-10-06T09:00:00+08:00",
    );
    assert_eq!(actions(&a), ["decision_content"], "one extension needs no notice here");
    events.push(extension("2026-10-20T10:00:00+08:00", "decision", 30));
    let a = assess(
        "cn-banking",
        c.clone(),
        json!(events.clone()),
        "2026-10-20T11:00:00+08:00",
    );
    assert_eq!(actions(&a), ["tell_second_extension", "decision_content"]);
    events.push(ev("contacted", "2026-10-20T16:00:00+08:00"));
    let a = assess(
        "cn-banking",
        c.clone(),
        json!(events.clone()),
        "2026-10-21T09:00:00+08:00",
    );
    assert_eq!(actions(&a), ["decision_content"]);
    events.push(ev("replied", "2026-11-05T10:00:00+08:00"));
    let a = assess("cn-banking", c, json!(events), "2026-11-05T11:00:00+08:00");
    assert!(actions(&a).is_empty(), "{a}");
}
