//! The regulators' obligations besides time limits that the presets hold as
//! data (docs/regulations.md, "Obligations: which the presets hold"), through
//! the JSON layer: the RBI Internal Ombudsman escalation of rejected
//! complaints, the SAMR notice that a mediation ended, the MIIT rule that
//! the operator answers first, the AFCA two-year window, the Regulation E
//! notice of a provisional credit and the content of a cn-banking decision.
//! Every expected value is computed by hand from the clause quoted in the
//! obligation's `note` (or the rule's `source`) and the published holidays;
//! days of the week were checked with Python's `datetime`, independent of
//! plaint.
//!
//! Holidays used: mainland China 2025 — Labour Day 05-01..05, Dragon Boat
//! 05-31..06-02; 2026 — Mid-Autumn 09-25..27, National Day 10-01..07 (make-up
//! working days Sun 09-20 and Sat 10-10); close of business 18:00. US federal
//! 2026 — Veterans Day Wed 11-11; New York on EST from 11-01. India: none in
//! the spans used. Sydney on AEDT (+11) until the first Sunday of April, AEST
//! (+10) after.

use plaint_core::api::run_op;
use serde_json::{Value, json};

fn run(input: Value) -> Value {
    match run_op("assess", &input) {
        Ok(a) => a,
        Err(e) => panic!("assess failed: {} at {:?}: {e}", e.code(), e.path()),
    }
}

fn assess(policy: &str, complaint: Value, events: Value, now: &str) -> Value {
    run(json!({"policy": policy, "case": {"complaint": complaint, "events": events}, "now": now}))
}

fn error_of(input: Value) -> (String, String) {
    match run_op("assess", &input) {
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

fn assert_due(a: &Value, id: &str, state: &str, due: Value) {
    let d = dl(a, id);
    assert_eq!((&d["state"], &d["due_at"]), (&json!(state), &due), "deadline {id}");
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

/// The action's (due_at, overdue).
fn due_of(a: &Value, id: &str) -> (Value, Value) {
    let r = action(a, id);
    (r["due_at"].clone(), r["overdue"].clone())
}

fn complaint(id: &str, received: &str, attributes: Value) -> Value {
    json!({"id": id, "received_at": received, "channel": "letter", "text": "complaint", "attributes": attributes})
}

fn ev(kind: &str, at: &str) -> Value {
    json!({"type": kind, "at": at})
}

fn rejected(at: &str, extent: &str) -> Value {
    json!({"type": "rejected", "at": at, "extent": extent})
}

// ------------------------------------------------------- RBI Internal Ombudsman

/// RBI Internal Ombudsman Directions: a complaint rejected wholly or partly
/// goes to the Internal Ombudsman within 20 days of receipt. Received Mon
/// 2026-08-03 (RB-IOS 2026): Aug 4 is day 1, day 20 is Sun 08-23, so the
/// action is due at its end, 2026-08-24T00:00+05:30 — counted from the
/// receipt, not from the rejection of Thu 08-13. Before the rejection there
/// is nothing to do; the escalation of Mon 08-17 discharges it.
#[test]
fn rbi_rejection_goes_to_the_internal_ombudsman_within_20_days_of_receipt() {
    let c = complaint("IO1", "2026-08-03T11:00:00+05:30", json!({}));
    let a = assess("in-rbi", c.clone(), json!([]), "2026-08-10T09:00:00+05:30");
    assert!(actions(&a).is_empty(), "nothing rejected yet: {a}");
    let mut events = vec![rejected("2026-08-13T15:00:00+05:30", "partly")];
    let a = assess("in-rbi", c.clone(), json!(events.clone()), "2026-08-14T09:00:00+05:30");
    assert_eq!(a["policy_version"]["version"], "2026");
    assert_eq!(actions(&a), ["internal_ombudsman_escalation"]);
    assert_eq!(
        due_of(&a, "internal_ombudsman_escalation"),
        (json!("2026-08-24T00:00:00+05:30"), json!(false))
    );
    // The action's due comes before the reply's (Aug 3 + 30 = Sep 2, 24:00).
    assert_due(&a, "reply", "pending", json!("2026-09-03T00:00:00+05:30"));
    assert_eq!(a["next_check_at"], "2026-08-24T00:00:00+05:30");
    events.push(json!({"type": "escalated", "at": "2026-08-17T10:00:00+05:30", "to": "internal_ombudsman"}));
    let a = assess("in-rbi", c, json!(events), "2026-08-17T11:00:00+05:30");
    assert!(actions(&a).is_empty(), "{a}");
}

/// RB-IOS 2021 version (received Mon 2026-03-02): day 20 is Sun 03-22, due
/// 2026-03-23T00:00+05:30. A complaint rejected wholly on Fri 03-27, day 25,
/// is overdue the moment it is rejected. An entity outside the Directions
/// (`attributes.internal_ombudsman: false`) has no such action.
#[test]
fn rbi_rejection_after_day_20_is_overdue_at_once() {
    let events = json!([rejected("2026-03-27T16:00:00+05:30", "wholly")]);
    let c = complaint("IO2", "2026-03-02T10:00:00+05:30", json!({}));
    let a = assess("in-rbi", c, events.clone(), "2026-03-27T17:00:00+05:30");
    assert_eq!(a["policy_version"]["version"], "2021");
    assert_eq!(
        due_of(&a, "internal_ombudsman_escalation"),
        (json!("2026-03-23T00:00:00+05:30"), json!(true))
    );
    let outside = complaint("IO3", "2026-03-02T10:00:00+05:30", json!({"internal_ombudsman": false}));
    let a = assess("in-rbi", outside, events, "2026-03-27T17:00:00+05:30");
    assert!(actions(&a).is_empty(), "{a}");
}

/// A rejection says how much it rejects: without `extent` the event is
/// `missing_field` at its own path; an unknown extent is `invalid_value`.
#[test]
fn a_rejection_needs_its_extent() {
    let case = |event: Value| {
        json!({"policy": "in-rbi", "now": "2026-08-14T09:00:00+05:30",
            "case": {"complaint": complaint("IO4", "2026-08-03T11:00:00+05:30", json!({})),
                     "events": [ev("acknowledged", "2026-08-04T10:00:00+05:30"), event]}})
    };
    assert_eq!(
        error_of(case(ev("rejected", "2026-08-13T15:00:00+05:30"))),
        ("missing_field".to_string(), "/events/1/extent".to_string())
    );
    assert_eq!(
        error_of(case(rejected("2026-08-13T15:00:00+05:30", "mostly"))),
        ("invalid_value".to_string(), "/events/1/extent".to_string())
    );
}

// ------------------------------------------------------- SAMR: mediation ended

/// Order 121 第二十三条第二款: the complainant and the respondent are told
/// within 7 working days of the decision to end the mediation. Ended Tue
/// 2026-09-22: Wed 23 (1), Thu 24 (2), Mid-Autumn 25-27, Mon 28 (3), Tue 29
/// (4), Wed 30 (5), National Day 10-01..07, Thu 10-08 (6), Fri 10-09 (7) →
/// 2026-10-09T18:00+08:00. Ending the mediation within its 60 days also
/// concludes the `mediation` period (met). A call on Thu 09-24 discharges it.
#[test]
fn samr_notice_that_mediation_ended_skips_the_holidays() {
    let c = complaint("ME1", "2026-08-31T10:00:00+08:00", json!({}));
    let mut events = vec![
        ev("acknowledged", "2026-09-01T10:00:00+08:00"),
        ev("mediation_ended", "2026-09-22T10:00:00+08:00"),
    ];
    let a = assess(
        "cn-consumer-samr",
        c.clone(),
        json!(events.clone()),
        "2026-09-23T09:00:00+08:00",
    );
    assert_eq!(a["policy_version"]["version"], "2026");
    assert_eq!(actions(&a), ["notify_mediation_ended"]);
    let r = action(&a, "notify_mediation_ended");
    assert_eq!(
        (&r["due_at"], &r["overdue"], &r["source"]),
        (
            &json!("2026-10-09T18:00:00+08:00"),
            &json!(false),
            &json!("市场监督管理投诉举报处理办法 第二十三条第二款")
        )
    );
    assert_eq!(dl(&a, "mediation")["state"], "met");
    events.push(ev("contacted", "2026-09-24T10:00:00+08:00"));
    let a = assess("cn-consumer-samr", c, json!(events), "2026-09-24T11:00:00+08:00");
    assert!(actions(&a).is_empty(), "{a}");
}

/// The Interim Measures (complaints received until 2026-04-14), 第二十一条
/// 第二款: ended Mon 2025-06-09 → Tue 10 (1), Wed 11 (2), Thu 12 (3), Fri 13
/// (4), Mon 16 (5), Tue 17 (6), Wed 18 (7) → 2025-06-18T18:00+08:00, overdue
/// on Thu 06-19. Before the decision there is no notice to give.
#[test]
fn samr_interim_measures_notice_overdue_after_seven_working_days() {
    let c = complaint("ME2", "2025-05-07T10:00:00+08:00", json!({}));
    let mut events = vec![ev("acknowledged", "2025-05-08T10:00:00+08:00")];
    let a = assess(
        "cn-consumer-samr",
        c.clone(),
        json!(events.clone()),
        "2025-06-05T09:00:00+08:00",
    );
    assert!(actions(&a).is_empty(), "mediation still running: {a}");
    events.push(ev("mediation_ended", "2025-06-09T10:00:00+08:00"));
    let a = assess(
        "cn-consumer-samr",
        c.clone(),
        json!(events.clone()),
        "2025-06-19T09:00:00+08:00",
    );
    assert_eq!(a["policy_version"]["version"], "2022");
    let r = action(&a, "notify_mediation_ended");
    assert_eq!(
        (&r["due_at"], &r["overdue"], &r["source"]),
        (
            &json!("2025-06-18T18:00:00+08:00"),
            &json!(true),
            &json!("市场监督管理投诉举报处理暂行办法 第二十一条第二款")
        )
    );
    events.push(ev("replied", "2025-06-19T10:00:00+08:00"));
    let a = assess("cn-consumer-samr", c, json!(events), "2025-06-19T11:00:00+08:00");
    assert!(actions(&a).is_empty(), "{a}");
}

/// 第二十一条第一款第(五)项: the mediation period is 45 working days from
/// acceptance, Thu 2025-05-08: May 9 (1), 12–16 (6), 19–23 (11), 26–30
/// (16), Dragon Boat Mon 06-02 skipped, Jun 3–6 (20), 9–13 (25), 16–20 (30),
/// 23–27 (35), Jun 30–Jul 4 (40), Jul 7–11 (45) → 2025-07-11T18:00+08:00.
/// A decision to end the mediation on Fri 07-25 comes after it: the period
/// is met late (the mediation ran past it), and the 7-working-day notice
/// still arises: Jul 28–Aug 1 (5), Aug 4 (6), Aug 5 (7) → 2025-08-05T18:00.
#[test]
fn samr_mediation_ended_after_its_period_is_met_late() {
    let c = complaint("ME3", "2025-05-07T10:00:00+08:00", json!({}));
    let events = json!([
        ev("acknowledged", "2025-05-08T10:00:00+08:00"),
        ev("mediation_ended", "2025-07-25T10:00:00+08:00")
    ]);
    let a = assess("cn-consumer-samr", c, events, "2025-07-26T09:00:00+08:00");
    assert_due(&a, "mediation", "met_late", json!("2025-07-11T18:00:00+08:00"));
    assert_eq!(
        due_of(&a, "notify_mediation_ended"),
        (json!("2025-08-05T18:00:00+08:00"), json!(false))
    );
}

// ------------------------------------------------------- MIIT: the operator first

/// 电信用户申诉处理办法 第十三条: on receiving an appeal the body asks whether
/// the user complained to the operator (an action open until the answer is
/// recorded). Received Mon 2026-09-07: the 30-day answer runs to Wed 10-07,
/// a National Day holiday, rolled to Thu 10-08, close of business. Told "no
/// complaint to the operator" (第十条第(四)项), the appeal goes to the
/// operator first: the user is told so (第十三条第二款), there is no 30-day
/// answer, and the refusal is still decided within 5 working days (第十四条:
/// Tue 8, Wed 9, Thu 10, Fri 11, Mon 14 → 2026-09-14T18:00+08:00).
#[test]
fn miit_appeal_without_a_complaint_to_the_operator_goes_to_the_operator_first() {
    let at = "2026-09-07T10:00:00+08:00";
    let a = assess(
        "cn-telecom-miit",
        complaint("OP1", at, json!({})),
        json!([]),
        "2026-09-07T11:00:00+08:00",
    );
    assert_eq!(actions(&a), ["ask_about_operator_complaint"]);
    assert_eq!(a["classification"]["route"], Value::Null);
    assert_due(&a, "reply", "pending", json!("2026-10-08T18:00:00+08:00"));
    let c = complaint("OP1", at, json!({"operator_complaint": "none"}));
    let a = assess("cn-telecom-miit", c.clone(), json!([]), "2026-09-07T11:00:00+08:00");
    assert_eq!(a["classification"]["route"], "operator_first");
    assert_eq!(actions(&a), ["tell_complain_to_operator_first"]);
    assert_eq!(dl(&a, "reply")["state"], "not_applicable");
    assert_due(&a, "acceptance_decision", "pending", json!("2026-09-14T18:00:00+08:00"));
    let refused = json!([ev("validity_decided", "2026-09-09T15:00:00+08:00")]);
    let a = assess("cn-telecom-miit", c, refused, "2026-09-10T09:00:00+08:00");
    assert!(actions(&a).is_empty(), "{a}");
    assert_eq!(dl(&a, "acceptance_decision")["state"], "met");
}

/// 第十条第(四)项: an appeal lies once the operator answered and the user is
/// dissatisfied, or it did not answer within 15 days; while its 15 days run
/// the appeal still goes to the operator first.
#[test]
fn miit_appeal_after_the_operator_answered_or_stayed_silent() {
    let at = "2026-09-07T10:00:00+08:00";
    let now = "2026-09-07T11:00:00+08:00";
    for (status, route) in [
        ("answered", "appeal_body"),
        ("unanswered", "appeal_body"),
        ("pending", "operator_first"),
    ] {
        let c = complaint("OP2", at, json!({"operator_complaint": status}));
        let a = assess("cn-telecom-miit", c, json!([]), now);
        assert_eq!(a["classification"]["route"], route, "{status}");
        if route == "appeal_body" {
            assert!(actions(&a).is_empty(), "{status}: {a}");
            assert_due(&a, "reply", "pending", json!("2026-10-08T18:00:00+08:00"));
        } else {
            assert_eq!(actions(&a), ["tell_complain_to_operator_first"], "{status}");
            assert_eq!(dl(&a, "reply")["state"], "not_applicable");
        }
    }
}

// ------------------------------------------------------- AFCA: two years from the IDR response

/// AFCA Rules B.4: a complaint is lodged with AFCA within 2 years of the
/// final IDR response. Replied Fri 2025-03-28: the window ends with Sun
/// 2027-03-28, 2027-03-29T00:00+11:00 (AEDT until 2027-04-04). Open on
/// 03-20, lapsed (not breached) on 03-29 without a referral; met by a
/// referral on 03-26. A superannuation complaint has its own limits.
#[test]
fn afca_window_runs_two_years_from_the_idr_response() {
    let c = complaint("AF1", "2025-03-03T10:00:00+11:00", json!({}));
    let replied = vec![ev("replied", "2025-03-28T14:00:00+11:00")];
    let a = assess(
        "au-asic-rg271",
        c.clone(),
        json!(replied.clone()),
        "2027-03-20T09:00:00+11:00",
    );
    assert_due(&a, "afca_referral", "pending", json!("2027-03-29T00:00:00+11:00"));
    assert_eq!(dl(&a, "afca_referral")["kind"], "window");
    let a = assess(
        "au-asic-rg271",
        c.clone(),
        json!(replied.clone()),
        "2027-03-29T09:00:00+11:00",
    );
    assert_due(&a, "afca_referral", "lapsed", json!("2027-03-29T00:00:00+11:00"));
    let mut referred = replied.clone();
    referred.push(ev("referred", "2027-03-26T10:00:00+11:00"));
    let a = assess("au-asic-rg271", c, json!(referred), "2027-03-29T09:00:00+11:00");
    assert_due(&a, "afca_referral", "met", json!("2027-03-29T00:00:00+11:00"));
    let sup = complaint(
        "AF2",
        "2025-03-03T10:00:00+11:00",
        json!({"complaint_type": "superannuation"}),
    );
    let a = assess("au-asic-rg271", sup, json!(replied), "2027-03-20T09:00:00+11:00");
    assert_eq!(dl(&a, "afca_referral")["state"], "not_applicable");
}

/// The window starts at the final IDR response, not at a holding reply:
/// replied Tue 2025-05-20 → ends with Thu 2027-05-20, 2027-05-21T00:00+10:00
/// (AEST). A reply of Fri 2026-03-27 ends 2028-03-27, past calendar au's
/// data (2027): undetermined by default, provisional on the projected
/// holidays, due 2028-03-28T00:00+11:00 (AEDT until 2028-04-02).
#[test]
fn afca_window_waits_for_the_final_response_and_may_end_past_the_data() {
    let c = complaint("AF3", "2025-04-01T10:00:00+11:00", json!({}));
    let events = json!([
        ev("holding_reply", "2025-04-10T10:00:00+10:00"),
        ev("replied", "2025-05-20T15:00:00+10:00")
    ]);
    let a = assess("au-asic-rg271", c, events, "2025-06-01T09:00:00+10:00");
    assert_due(&a, "afca_referral", "pending", json!("2027-05-21T00:00:00+10:00"));
    let c = complaint("AF4", "2026-03-02T10:00:00+11:00", json!({}));
    let events = json!([ev("replied", "2026-03-27T14:00:00+11:00")]);
    let a = assess("au-asic-rg271", c.clone(), events.clone(), "2026-04-01T09:00:00+11:00");
    let d = dl(&a, "afca_referral");
    assert_eq!(
        (&d["state"], &d["error"]["code"]),
        (&json!("undetermined"), &json!("calendar_range_exceeded"))
    );
    let a = run(
        json!({"policy": "au-asic-rg271", "case": {"complaint": c, "events": events},
        "now": "2026-04-01T09:00:00+11:00", "beyond_data": "projected"}),
    );
    let d = dl(&a, "afca_referral");
    assert_eq!(
        (&d["state"], &d["due_at"], &d["provisional"]),
        (&json!("pending"), &json!("2028-03-28T00:00:00+11:00"), &json!(true))
    );
}

// ------------------------------------------------------- Regulation E: provisional credit

/// 12 CFR 1005.11(c)(2)(ii): the consumer is told of a provisional credit
/// within two business days. Credited Mon 2026-11-09: Tue 10 (1), Veterans
/// Day Wed 11-11 skipped, Thu 12 (2) → end of Thu, 2026-11-13T00:00-05:00,
/// which is also the next check. Overdue on 11-13; a call discharges it.
#[test]
fn reg_e_provisional_credit_notice_within_two_business_days() {
    let c = complaint("PC1", "2026-11-02T10:00:00-05:00", json!({"regulation": "E"}));
    let mut events = vec![ev("remedy_approved", "2026-11-09T14:00:00-05:00")];
    let a = assess("us-cfpb", c.clone(), json!(events.clone()), "2026-11-10T09:00:00-05:00");
    assert_eq!(actions(&a), ["reg_e_provisional_credit_notice"]);
    assert_eq!(
        due_of(&a, "reg_e_provisional_credit_notice"),
        (json!("2026-11-13T00:00:00-05:00"), json!(false))
    );
    assert_eq!(a["next_check_at"], "2026-11-13T00:00:00-05:00");
    assert_eq!(dl(&a, "reg_e_determination")["state"], "met");
    let a = assess("us-cfpb", c.clone(), json!(events.clone()), "2026-11-13T09:00:00-05:00");
    assert_eq!(due_of(&a, "reg_e_provisional_credit_notice").1, json!(true));
    events.push(ev("contacted", "2026-11-13T10:00:00-05:00"));
    let a = assess("us-cfpb", c, json!(events), "2026-11-13T11:00:00-05:00");
    assert!(actions(&a).is_empty(), "{a}");
}

/// A written notice (holding_reply) also discharges it, and none is asked
/// of a Regulation X complaint. Once the investigation is complete (resolved
/// Tue 12-01) the results report takes its place: Wed 2 (1), Thu 3 (2), Fri
/// 4 (3) → 2026-12-05T00:00-05:00.
#[test]
fn reg_e_provisional_credit_notice_by_letter_and_after_the_investigation() {
    let c = complaint("PC2", "2026-11-02T10:00:00-05:00", json!({"regulation": "E"}));
    let credited = ev("remedy_approved", "2026-11-09T14:00:00-05:00");
    let letter = json!([credited.clone(), ev("holding_reply", "2026-11-10T12:00:00-05:00")]);
    let a = assess("us-cfpb", c.clone(), letter, "2026-11-10T13:00:00-05:00");
    assert!(actions(&a).is_empty(), "{a}");
    let x = complaint("PC3", "2026-11-02T10:00:00-05:00", json!({"regulation": "X"}));
    let a = assess("us-cfpb", x, json!([credited.clone()]), "2026-11-10T09:00:00-05:00");
    assert!(actions(&a).is_empty(), "{a}");
    let resolved = json!([credited, ev("resolved", "2026-12-01T10:00:00-05:00")]);
    let a = assess("us-cfpb", c, resolved, "2026-12-01T11:00:00-05:00");
    assert_eq!(actions(&a), ["reg_e_report_results"]);
    assert_eq!(
        due_of(&a, "reg_e_report_results"),
        (json!("2026-12-05T00:00:00-05:00"), json!(false))
    );
}

// ------------------------------------------------------- cn-banking: the decision's content

/// 银行业保险业消费投诉处理管理办法 第十九条: the decision states what was
/// verified, its grounds and reasons, and the remedies open to the
/// complainant. Open from the receipt, with no time of its own; the decision
/// (replied) discharges it.
#[test]
fn banking_decision_content_until_the_decision() {
    let c = complaint("DC1", "2026-09-21T10:00:00+08:00", json!({}));
    let a = assess("cn-banking", c.clone(), json!([]), "2026-09-21T11:00:00+08:00");
    assert_eq!(actions(&a), ["decision_content"]);
    let r = action(&a, "decision_content");
    assert_eq!(
        (&r["source"], &r["due_at"]),
        (&json!("银行业保险业消费投诉处理管理办法 第十九条"), &Value::Null)
    );
    assert!(
        r["text"]["zh-Hans"]
            .as_str()
            .unwrap()
            .contains("申请核查、调解、仲裁、诉讼")
    );
    assert!(
        r["text"]["zh-Hant"]
            .as_str()
            .unwrap()
            .contains("申請核查、調解、仲裁、訴訟")
    );
    assert_eq!(r["reason"], r["text"]["en"]);
    let answered = json!([ev("replied", "2026-09-30T10:00:00+08:00")]);
    let a = assess("cn-banking", c, answered, "2026-09-30T11:00:00+08:00");
    assert!(actions(&a).is_empty(), "{a}");
}

/// Beside the notices of 第十八条 it comes in policy order; a closed
/// complaint has no open action.
#[test]
fn banking_decision_content_beside_the_appraisal_notice() {
    let c = complaint("DC2", "2026-09-21T10:00:00+08:00", json!({}));
    let mut events = vec![ev("suspended", "2026-09-22T10:00:00+08:00")];
    let a = assess(
        "cn-banking",
        c.clone(),
        json!(events.clone()),
        "2026-09-22T11:00:00+08:00",
    );
    assert_eq!(actions(&a), ["tell_appraisal_time_excluded", "decision_content"]);
    events.push(ev("closed", "2026-09-23T10:00:00+08:00"));
    let a = assess("cn-banking", c, json!(events), "2026-09-23T11:00:00+08:00");
    assert!(actions(&a).is_empty(), "{a}");
}

// ------------------------------------------------------- due_from

/// A policy's own obligation counted from the receipt: arises at the
/// rejection (10:00 on day 2) but is due 3 days after the receipt, at
/// 24:00 UTC of 01-04, whereas `arisen` counts from the rejection (01-05).
/// `due_from` without `due` is refused at load.
#[test]
fn due_from_received_counts_from_the_receipt() {
    let policy = |due_from: &str| {
        json!({"plaint_policy": 1, "name": "own", "version": "1", "calendar": "always",
            "obligations": [{"id": "review", "text": {"en": "review the rejection"}, "source": "house rule 3",
                "after": "rejected", "done_by": ["escalated"],
                "due": {"clock": "calendar_days", "amount": 3, "end": "end_of_day"}, "due_from": due_from}]})
    };
    let case = json!({"complaint": complaint("DF1", "2026-01-01T08:00:00Z", json!({})),
        "events": [rejected("2026-01-02T10:00:00Z", "wholly")]});
    let a = run(json!({"policy": policy("received"), "case": case, "now": "2026-01-02T11:00:00Z"}));
    assert_eq!(due_of(&a, "review"), (json!("2026-01-05T00:00:00+00:00"), json!(false)));
    let a = run(json!({"policy": policy("arisen"), "case": case, "now": "2026-01-02T11:00:00Z"}));
    assert_eq!(due_of(&a, "review"), (json!("2026-01-06T00:00:00+00:00"), json!(false)));
    let mut no_due = policy("received");
    no_due["obligations"][0].as_object_mut().unwrap().remove("due");
    assert_eq!(
        error_of(json!({"policy": no_due, "case": case, "now": "2026-01-02T11:00:00Z"})),
        ("invalid_value".to_string(), "/obligations/0/due_from".to_string())
    );
    assert_eq!(
        error_of(json!({"policy": policy("later"), "case": case, "now": "2026-01-02T11:00:00Z"})),
        ("invalid_value".to_string(), "/obligations/0/due_from".to_string())
    );
}
