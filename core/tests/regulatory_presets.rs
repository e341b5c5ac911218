//! Scenario tests of the regulatory presets, through the JSON
//! layer. Every expected instant is computed by hand from the rule text
//! quoted in the preset's `source` and from the published holidays:
//!
//! - England and Wales bank holidays 2026: 01-01, 04-03 Good Friday, 04-06
//!   Easter Monday, 05-04, 05-25, 08-31, 12-25, 12-28 (Boxing Day moved from
//!   Saturday 12-26). Europe/London is on BST (+01:00) from 03-29 to 10-25.
//! - US federal holidays 2026: 05-25 Memorial Day, 06-19 Juneteenth (Fri),
//!   07-03 Independence Day observed (07-04 is a Saturday), 11-11 Veterans
//!   Day, 11-26 Thanksgiving, 12-25; 2027-01-01. America/New_York is on EDT
//!   (-04:00) from 03-08 to 11-01.
//! - Mainland China 2026 (State Council notice; docs/time.md): holidays 02-15..23,
//!   04-04..06, 05-01..05, 06-19..21, 09-25..27, 10-01..07; make-up working
//!   days Sat 02-14, Sat 02-28, Sat 05-09, Sun 09-20, Sat 10-10.
//!
//! Day-based clocks do not count the start day (docs/time.md "Start"); a rule's
//! `end` says whether the last day ends at the close of business or 24:00
//! (printed as 00:00 of the next day). Days of the week were checked with
//! Python's `datetime` (independent of plaint).

use plaint_core::api::run_op;
use serde_json::{Value, json};

fn assess(policy: &str, complaint: Value, events: Value, now: &str) -> Value {
    let input = json!({"policy": policy, "case": {"complaint": complaint, "events": events}, "now": now});
    match run_op("assess", &input) {
        Ok(a) => a,
        Err(e) => panic!("{policy}: assess failed: {} at {:?}: {e}", e.code(), e.path()),
    }
}

fn assess_err(policy: &str, complaint: Value, events: Value, now: &str) -> (String, String) {
    let input = json!({"policy": policy, "case": {"complaint": complaint, "events": events}, "now": now});
    match run_op("assess", &input) {
        Ok(a) => panic!("{policy}: expected an error, got {a}"),
        Err(e) => (e.code().to_string(), e.path().to_string()),
    }
}

/// The deadline `id` of an assessment: (state, due_at).
fn deadline(a: &Value, id: &str) -> (String, Value) {
    let d = a["deadlines"]
        .as_array()
        .and_then(|ds| ds.iter().find(|d| d["id"] == id))
        .unwrap_or_else(|| panic!("no deadline {id} in {a}"));
    (d["state"].as_str().unwrap().to_string(), d["due_at"].clone())
}

fn assert_due(a: &Value, id: &str, state: &str, due: &str) {
    assert_eq!(deadline(a, id), (state.to_string(), json!(due)), "deadline {id}");
}

fn assert_not_applicable(a: &Value, id: &str) {
    assert_eq!(deadline(a, id).0, "not_applicable", "deadline {id}");
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

// ---------------------------------------------------------------- uk-fca-disp

/// DISP 1.6.2R: 8 weeks = 56 days after Mon 03-02 → Mon 04-27 (BST), end of day.
#[test]
fn uk_final_response_eight_weeks_across_the_clock_change() {
    let c = complaint("UK1", "2026-03-02T10:00:00+00:00", json!({}));
    let a = assess("uk-fca-disp", c.clone(), json!([]), "2026-04-28T09:00:00+01:00");
    assert_due(&a, "final_response", "breached", "2026-04-28T00:00:00+01:00");
    assert_not_applicable(&a, "psd_final_response");
    let a = assess(
        "uk-fca-disp",
        c,
        json!([ev("replied", "2026-04-27T16:00:00+01:00")]),
        "2026-04-28T09:00:00+01:00",
    );
    assert_due(&a, "final_response", "met", "2026-04-28T00:00:00+01:00");
}

/// DISP 1.6.2AR(1): 15 business days after Wed 03-25, skipping Good Friday
/// 04-03 and Easter Monday 04-06: Mar 26, 27, 30, 31, Apr 1, 2 (6), Apr 7-10
/// (10), Apr 13-17 (15) → end of Fri 04-17.
#[test]
fn uk_payment_services_fifteen_business_days_over_easter() {
    let c = complaint("UK2", "2026-03-25T14:00:00+00:00", json!({"payment_services": true}));
    let a = assess("uk-fca-disp", c, json!([]), "2026-04-10T12:00:00+01:00");
    assert_due(&a, "psd_final_response", "pending", "2026-04-18T00:00:00+01:00");
    assert_not_applicable(&a, "final_response");
}

/// DISP 1.6.2AR(2): a holding response stretches the limit to 35 business
/// days: after Fri 04-17 (15), Apr 20-24 (20), Apr 27-May 1 (25), Mon 05-04
/// is a bank holiday, May 5-8 (29), May 11-15 (34), Mon 05-18 (35). More than
/// 20 extra business days is refused.
#[test]
fn uk_payment_services_holding_response_thirty_five_business_days() {
    let c = complaint("UK3", "2026-03-25T14:00:00+00:00", json!({"payment_services": true}));
    let hold = extension("2026-04-15T10:00:00+01:00", "psd_final_response", 20);
    let a = assess("uk-fca-disp", c.clone(), json!([hold]), "2026-05-18T12:00:00+01:00");
    assert_due(&a, "psd_final_response", "pending", "2026-05-19T00:00:00+01:00");
    let too_long = extension("2026-04-15T10:00:00+01:00", "psd_final_response", 21);
    let (code, path) = assess_err("uk-fca-disp", c, json!([too_long]), "2026-05-18T12:00:00+01:00");
    assert_eq!((code.as_str(), path.as_str()), ("invalid_event", "/events/0"));
}

/// DISP 1.5.1R: close of business on the third business day after Thu
/// 12-24: Fri 12-25 and Mon 12-28 are bank holidays → Tue 29, Wed 30, Thu 31,
/// 17:00 (gb-eng business hours 09:00-17:00).
#[test]
fn uk_summary_resolution_third_business_day_over_christmas() {
    let c = complaint("UK4", "2026-12-24T15:00:00+00:00", json!({}));
    let events = json!([
        ev("resolved", "2026-12-29T10:00:00+00:00"),
        ev("satisfied", "2026-12-31T16:30:00+00:00")
    ]);
    let a = assess("uk-fca-disp", c.clone(), events, "2027-01-04T09:00:00+00:00");
    assert_due(&a, "summary_resolution", "met", "2026-12-31T17:00:00+00:00");
    let events = json!([
        ev("resolved", "2026-12-29T10:00:00+00:00"),
        ev("satisfied", "2026-12-31T17:30:00+00:00")
    ]);
    let a = assess("uk-fca-disp", c, events, "2027-01-04T09:00:00+00:00");
    // A window accepted after it closed has lapsed: no breach (DISP 1.6 applies).
    assert_due(&a, "summary_resolution", "lapsed", "2026-12-31T17:00:00+00:00");
}

/// DISP 2.8.2R(1): six months after a final response sent on Mon 08-31 is
/// Feb 31, clamped to Sun 2027-02-28 (docs/time.md "Months"), end of that day.
#[test]
fn uk_ombudsman_referral_six_months_clamped_to_month_end() {
    let c = complaint("UK5", "2026-08-20T11:00:00+01:00", json!({}));
    let a = assess(
        "uk-fca-disp",
        c.clone(),
        json!([ev("replied", "2026-08-31T10:00:00+01:00")]),
        "2026-09-01T09:00:00+01:00",
    );
    assert_due(&a, "ombudsman_referral", "pending", "2027-03-01T00:00:00+00:00");
    assert_due(&a, "final_response", "met", "2026-10-16T00:00:00+01:00");
    let events = json!([
        ev("replied", "2026-08-31T10:00:00+01:00"),
        ev("referred", "2027-03-01T09:00:00+00:00")
    ]);
    let a = assess("uk-fca-disp", c, events, "2027-03-02T09:00:00+00:00");
    // Referred after the window: the complainant's window has lapsed (no breach).
    assert_due(&a, "ombudsman_referral", "lapsed", "2027-03-01T00:00:00+00:00");
}

// ---------------------------------------------------------------- cn-consumer-samr

/// Received after 2026-04-15, so Order 121 applies (core/tests/policy_versions.rs):
/// 第十五条: 7 working days after Thu 09-24: the Mid-Autumn and National Day
/// holidays, Mon 28-Wed 30 (3), Thu 10-08, Fri 10-09 (5), Sat 10-10 make-up
/// (6), Mon 10-12 (7), close of business 18:00.
#[test]
fn samr_acceptance_seven_working_days_over_national_day() {
    let c = complaint("SAMR1", "2026-09-24T16:00:00+08:00", json!({}));
    let a = assess(
        "cn-consumer-samr",
        c,
        json!([ev("acknowledged", "2026-10-12T17:00:00+08:00")]),
        "2026-10-13T09:00:00+08:00",
    );
    assert_due(&a, "acceptance_decision", "met", "2026-10-12T18:00:00+08:00");
}

/// 暂行办法 第十四条 over the Spring Festival: after Fri 02-13: Sat 02-14 make-up (1),
/// 02-15..23 holiday, Tue 24-Fri 27 (5), Sat 02-28 make-up (6), Mon 03-02 (7).
#[test]
fn samr_acceptance_over_spring_festival_make_up_days() {
    let c = complaint("SAMR2", "2026-02-13T10:00:00+08:00", json!({}));
    let a = assess("cn-consumer-samr", c, json!([]), "2026-03-03T09:00:00+08:00");
    assert_due(&a, "acceptance_decision", "breached", "2026-03-02T18:00:00+08:00");
    assert_eq!(deadline(&a, "mediation").0, "not_started");
}

/// Order 121 第十五条, refused (validity_decided) a day late: after Mon 06-15: Tue 16-Thu
/// 18 (3), Dragon Boat 06-19..21, Mon 22-Thu 25 (7).
#[test]
fn samr_refusal_after_the_limit_is_met_late() {
    let c = complaint("SAMR3", "2026-06-15T09:30:00+08:00", json!({}));
    let a = assess(
        "cn-consumer-samr",
        c,
        json!([ev("validity_decided", "2026-06-26T10:00:00+08:00")]),
        "2026-06-26T12:00:00+08:00",
    );
    assert_due(&a, "acceptance_decision", "met_late", "2026-06-25T18:00:00+08:00");
}

/// 第二十一条(五): 45 working days from acceptance on Mon 03-02: March 3-31
/// (21), Apr 1-3 (24), Qingming 04-04..06, Apr 7-30 (42), Labour Day
/// 05-01..05, Wed 05-06-Fri 05-08 (45).
#[test]
fn samr_mediation_forty_five_working_days() {
    let c = complaint("SAMR4", "2026-02-27T10:00:00+08:00", json!({}));
    let events = json!([ev("acknowledged", "2026-03-02T10:00:00+08:00")]);
    let a = assess("cn-consumer-samr", c, events, "2026-04-01T09:00:00+08:00");
    assert_due(&a, "mediation", "pending", "2026-05-08T18:00:00+08:00");
}

/// 第二十条第三款: testing from Fri 03-06 after close to Mon 03-16 at opening
/// stops the mediation clock for the 5 working days Mar 9-13: after Fri
/// 05-08, Sat 05-09 make-up (1), Mon 05-11-Thu 05-14 (5).
#[test]
fn samr_mediation_testing_time_does_not_count() {
    let c = complaint("SAMR5", "2026-02-27T10:00:00+08:00", json!({}));
    let testing = json!([
        ev("acknowledged", "2026-03-02T10:00:00+08:00"),
        ev("suspended", "2026-03-06T18:00:00+08:00"),
        ev("resumed", "2026-03-16T09:00:00+08:00"),
    ]);
    let a = assess("cn-consumer-samr", c.clone(), testing, "2026-04-01T09:00:00+08:00");
    assert_due(&a, "mediation", "pending", "2026-05-14T18:00:00+08:00");
    let during = json!([
        ev("acknowledged", "2026-03-02T10:00:00+08:00"),
        ev("suspended", "2026-03-06T18:00:00+08:00")
    ]);
    let a = assess("cn-consumer-samr", c, during, "2026-03-10T09:00:00+08:00");
    assert_eq!(deadline(&a, "mediation").0, "paused");
    assert_eq!(a["state"], "suspended");
}

// ---------------------------------------------------------------- cn-petition-2022

/// 第二十三条: 15 days after Mon 09-21 is Tue 10-06, a holiday → the next
/// working day Thu 10-08 (docs/time.md worked example 5), close of business.
#[test]
fn petition_written_notice_rolls_past_national_day() {
    let c = complaint("XF1", "2026-09-21T12:00:00+08:00", json!({}));
    let a = assess("cn-petition-2022", c, json!([]), "2026-10-07T12:00:00+08:00");
    assert_due(&a, "written_notice", "pending", "2026-10-08T18:00:00+08:00");
}

/// 第三十四条: 60 days after acceptance on Thu 03-05 is Mon 05-04, a holiday
/// (05-01..05) → Wed 05-06.
#[test]
fn petition_handling_sixty_days_rolls_past_labour_day() {
    let c = complaint("XF2", "2026-03-02T09:00:00+08:00", json!({}));
    let events = json!([
        ev("acknowledged", "2026-03-05T10:00:00+08:00"),
        ev("replied", "2026-05-06T17:00:00+08:00")
    ]);
    let a = assess("cn-petition-2022", c, events, "2026-05-07T09:00:00+08:00");
    assert_due(&a, "handling", "met", "2026-05-06T18:00:00+08:00");
}

/// 第三十四条: extended by the most allowed, 30 days: day 90 after 03-05 is
/// Wed 06-03. A second extension is refused.
#[test]
fn petition_handling_extended_by_thirty_days_once() {
    let c = complaint("XF3", "2026-03-02T09:00:00+08:00", json!({}));
    let ext = extension("2026-04-20T10:00:00+08:00", "handling", 30);
    let events = json!([ev("acknowledged", "2026-03-05T10:00:00+08:00"), ext]);
    let a = assess("cn-petition-2022", c.clone(), events, "2026-05-07T09:00:00+08:00");
    assert_due(&a, "handling", "pending", "2026-06-03T18:00:00+08:00");
    let twice = json!([
        ev("acknowledged", "2026-03-05T10:00:00+08:00"),
        extension("2026-04-20T10:00:00+08:00", "handling", 20),
        extension("2026-04-21T10:00:00+08:00", "handling", 10),
    ]);
    let (code, path) = assess_err("cn-petition-2022", c, twice, "2026-05-07T09:00:00+08:00");
    assert_eq!((code.as_str(), path.as_str()), ("invalid_event", "/events/2"));
}

/// 第三十五条: the review request (first appeal) on Fri 07-10; day 30 is Sun
/// 08-09 → Mon 08-10. The re-review has not started.
#[test]
fn petition_review_thirty_days_from_the_request() {
    let c = complaint("XF4", "2026-06-01T09:00:00+08:00", json!({}));
    let events = json!([
        ev("resolved", "2026-07-01T09:00:00+08:00"),
        ev("replied", "2026-07-01T10:00:00+08:00"),
        ev("appealed", "2026-07-10T09:00:00+08:00"),
        ev("replied", "2026-08-07T10:00:00+08:00"),
    ]);
    let a = assess("cn-petition-2022", c, events, "2026-08-11T09:00:00+08:00");
    assert_due(&a, "review", "met", "2026-08-10T18:00:00+08:00");
    assert_eq!(deadline(&a, "re_review").0, "not_started");
}

/// 第三十六条: the re-review request (second appeal) on Mon 08-17; day 30 is
/// Wed 09-16; a hearing from Tue 09-01 to Thu 09-03 stops the clock for 3
/// calendar days (each day it touched) → Sat 09-19 → the next working day is
/// Sun 09-20, a make-up working day.
#[test]
fn petition_re_review_hearing_time_excluded_rolls_to_make_up_sunday() {
    let c = complaint("XF5", "2026-06-01T09:00:00+08:00", json!({}));
    let mut events = vec![
        ev("resolved", "2026-07-01T09:00:00+08:00"),
        ev("replied", "2026-07-01T10:00:00+08:00"),
        ev("appealed", "2026-07-10T09:00:00+08:00"),
        ev("replied", "2026-08-07T10:00:00+08:00"),
        ev("appealed", "2026-08-17T09:00:00+08:00"),
    ];
    let a = assess(
        "cn-petition-2022",
        c.clone(),
        json!(events.clone()),
        "2026-08-18T09:00:00+08:00",
    );
    assert_due(&a, "re_review", "pending", "2026-09-16T18:00:00+08:00");
    events.push(ev("suspended", "2026-09-01T10:00:00+08:00"));
    events.push(ev("resumed", "2026-09-03T16:00:00+08:00"));
    let a = assess("cn-petition-2022", c, json!(events), "2026-09-04T09:00:00+08:00");
    assert_due(&a, "re_review", "pending", "2026-09-20T18:00:00+08:00");
}

// ---------------------------------------------------------------- us-cfpb

/// CFPB portal: 15 and 60 calendar days after Mon 06-29, end of day (EDT).
#[test]
fn cfpb_forwarded_complaint_fifteen_and_sixty_days() {
    let c = complaint("US1", "2026-06-29T11:00:00-04:00", json!({"channel_cfpb": true}));
    let a = assess(
        "us-cfpb",
        c,
        json!([ev("replied", "2026-07-14T15:00:00-04:00")]),
        "2026-07-20T09:00:00-04:00",
    );
    assert_due(&a, "cfpb_response", "met", "2026-07-15T00:00:00-04:00");
    assert_due(&a, "cfpb_final", "pending", "2026-08-29T00:00:00-04:00");
    assert_not_applicable(&a, "reg_x_response");
}

/// 12 CFR 1024.35(d): 5 days excluding holidays and weekends after Wed
/// 07-01: Thu 07-02 (1), Fri 07-03 observed Independence Day, Mon 6-Thu 9 (5).
#[test]
fn reg_x_acknowledgement_five_business_days_over_independence_day() {
    let c = complaint("US2", "2026-07-01T15:00:00-04:00", json!({"regulation": "X"}));
    let a = assess("us-cfpb", c, json!([]), "2026-07-10T09:00:00-04:00");
    assert_due(&a, "reg_x_acknowledgement", "breached", "2026-07-10T00:00:00-04:00");
    assert_not_applicable(&a, "cfpb_response");
}

/// 12 CFR 1024.35(e)(3): 30 business days after Wed 11-04 (Veterans Day
/// 11-11, Thanksgiving 11-26) end Fri 12-18; the 15-day extension runs to
/// Tue 2027-01-12 (Christmas 12-25, New Year 2027-01-01 skipped).
#[test]
fn reg_x_response_thirty_days_and_the_fifteen_day_extension() {
    let c = complaint("US3", "2026-11-04T10:00:00-05:00", json!({"regulation": "X"}));
    let a = assess("us-cfpb", c.clone(), json!([]), "2026-12-01T09:00:00-05:00");
    assert_due(&a, "reg_x_response", "pending", "2026-12-19T00:00:00-05:00");
    let ext = extension("2026-12-15T10:00:00-05:00", "reg_x_response", 15);
    let a = assess("us-cfpb", c, json!([ext]), "2026-12-21T09:00:00-05:00");
    assert_due(&a, "reg_x_response", "pending", "2027-01-13T00:00:00-05:00");
}

/// 12 CFR 1005.11(c)(1)-(2): 10 business days after Fri 05-15 (Memorial Day
/// 05-25) end Mon 06-01, met by a provisional credit; 45 calendar days end
/// Mon 06-29.
#[test]
fn reg_e_provisional_credit_and_forty_five_days() {
    let c = complaint("US4", "2026-05-15T16:00:00-04:00", json!({"regulation": "E"}));
    let a = assess(
        "us-cfpb",
        c,
        json!([ev("remedy_approved", "2026-06-01T14:00:00-04:00")]),
        "2026-06-10T09:00:00-04:00",
    );
    assert_due(&a, "reg_e_determination", "met", "2026-06-02T00:00:00-04:00");
    assert_due(&a, "reg_e_investigation", "pending", "2026-06-30T00:00:00-04:00");
    assert_not_applicable(&a, "reg_e_investigation_extended");
}

/// 12 CFR 1005.11(c)(3): a new account: 20 business days after Fri 06-12
/// (Juneteenth 06-19, 07-03 observed) end Tue 07-14; 90 days end Thu 09-10.
#[test]
fn reg_e_new_account_twenty_business_days_and_ninety_days() {
    let c = complaint(
        "US5",
        "2026-06-12T09:00:00-04:00",
        json!({"regulation": "E", "reg_e_window": "new_account"}),
    );
    let a = assess("us-cfpb", c, json!([]), "2026-07-01T09:00:00-04:00");
    assert_due(
        &a,
        "reg_e_determination_new_account",
        "pending",
        "2026-07-15T00:00:00-04:00",
    );
    assert_due(
        &a,
        "reg_e_investigation_extended",
        "pending",
        "2026-09-11T00:00:00-04:00",
    );
    assert_not_applicable(&a, "reg_e_determination");
    assert_not_applicable(&a, "reg_e_investigation");
}

// ---------------------------------------------------------------- cn-banking
//
// 第四十三条: the days are calendar days; this preset counts to 24:00 of
// the last day and does not roll past holidays.

/// 第十八条第一款: day 15 after Mon 09-21 is Tue 10-06 (a National Day
/// holiday, no roll) → 24:00 = 10-07T00:00.
#[test]
fn banking_decision_fifteen_calendar_days_no_roll() {
    let c = complaint("BK1", "2026-09-21T10:00:00+08:00", json!({}));
    let a = assess(
        "cn-banking",
        c,
        json!([ev("replied", "2026-10-06T11:00:00+08:00")]),
        "2026-10-08T09:00:00+08:00",
    );
    assert_due(&a, "decision", "met", "2026-10-07T00:00:00+08:00");
}

/// 第十八条第一款: extended to 30 days (day 30 = Wed 10-21), then by a
/// further 30 (day 60 = Fri 11-20).
#[test]
fn banking_decision_extended_to_thirty_then_sixty_days() {
    let c = complaint("BK2", "2026-09-21T10:00:00+08:00", json!({}));
    let first = extension("2026-10-05T10:00:00+08:00", "decision", 15);
    let a = assess(
        "cn-banking",
        c.clone(),
        json!([first.clone()]),
        "2026-10-08T09:00:00+08:00",
    );
    assert_due(&a, "decision", "pending", "2026-10-22T00:00:00+08:00");
    let second = extension("2026-10-20T10:00:00+08:00", "decision", 30);
    let a = assess("cn-banking", c, json!([first, second]), "2026-10-23T09:00:00+08:00");
    assert_due(&a, "decision", "pending", "2026-11-21T00:00:00+08:00");
}

/// The first extension may only reach 30 days (+15); a third is refused.
#[test]
fn banking_extensions_beyond_the_steps_are_refused() {
    let c = complaint("BK3", "2026-09-21T10:00:00+08:00", json!({}));
    let too_far = json!([extension("2026-10-05T10:00:00+08:00", "decision", 16)]);
    let (code, path) = assess_err("cn-banking", c.clone(), too_far, "2026-10-08T09:00:00+08:00");
    assert_eq!((code.as_str(), path.as_str()), ("invalid_event", "/events/0"));
    let three = json!([
        extension("2026-10-05T10:00:00+08:00", "decision", 15),
        extension("2026-10-20T10:00:00+08:00", "decision", 30),
        extension("2026-11-19T10:00:00+08:00", "decision", 1),
    ]);
    let (code, path) = assess_err("cn-banking", c, three, "2026-11-19T12:00:00+08:00");
    assert_eq!((code.as_str(), path.as_str()), ("invalid_event", "/events/2"));
}

/// 第十八条第二款: an outside appraisal from Wed 03-04 10:00 to Mon 03-09
/// 15:00 touches 6 calendar days (03-04..03-09): day 15 after Mon 03-02 is
/// 03-17, plus 6 → Mon 03-23, 24:00.
#[test]
fn banking_appraisal_time_does_not_count() {
    let c = complaint("BK4", "2026-03-02T10:00:00+08:00", json!({}));
    let events = json!([
        ev("suspended", "2026-03-04T10:00:00+08:00"),
        ev("resumed", "2026-03-09T15:00:00+08:00")
    ]);
    let a = assess("cn-banking", c, events, "2026-03-10T09:00:00+08:00");
    assert_due(&a, "decision", "pending", "2026-03-24T00:00:00+08:00");
}

/// 第十八条第三款: new facts on Tue 03-10 restart the count (day 15 = Wed
/// 03-25); the answer sent before them no longer meets the deadline.
#[test]
fn banking_new_facts_restart_the_count() {
    let c = complaint("BK5", "2026-03-02T10:00:00+08:00", json!({}));
    let mut events = vec![
        ev("replied", "2026-03-05T10:00:00+08:00"),
        ev("new_claim", "2026-03-10T15:00:00+08:00"),
    ];
    let a = assess(
        "cn-banking",
        c.clone(),
        json!(events.clone()),
        "2026-03-20T09:00:00+08:00",
    );
    assert_due(&a, "decision", "pending", "2026-03-26T00:00:00+08:00");
    events.push(ev("replied", "2026-03-25T16:00:00+08:00"));
    let a = assess("cn-banking", c, json!(events), "2026-03-27T09:00:00+08:00");
    assert_due(&a, "decision", "met", "2026-03-26T00:00:00+08:00");
}

/// 第二十条: a review request on Fri 03-20 is decided within 30 days: Sun
/// 04-19, 24:00.
#[test]
fn banking_review_thirty_days_from_the_request() {
    let c = complaint("BK6", "2026-03-02T10:00:00+08:00", json!({}));
    let events = json!([
        ev("resolved", "2026-03-09T10:00:00+08:00"),
        ev("replied", "2026-03-10T10:00:00+08:00"),
        ev("appealed", "2026-03-20T10:00:00+08:00"),
    ]);
    let a = assess("cn-banking", c, events, "2026-04-01T09:00:00+08:00");
    assert_due(&a, "review", "pending", "2026-04-20T00:00:00+08:00");
    assert_due(&a, "decision", "met", "2026-03-18T00:00:00+08:00");
}

// ---------------------------------------------------------------- cn-telecom-miit

/// 第十四条: 5 working days after Wed 04-29: Thu 04-30 (1), Labour Day
/// 05-01..05, Wed 05-06-Fri 05-08 (4), Sat 05-09 make-up (5).
#[test]
fn miit_acceptance_five_working_days_over_labour_day() {
    let c = complaint("MIIT1", "2026-04-29T10:00:00+08:00", json!({}));
    let a = assess("cn-telecom-miit", c, json!([]), "2026-05-08T09:00:00+08:00");
    assert_due(&a, "acceptance_decision", "pending", "2026-05-09T18:00:00+08:00");
}

/// 第十四条, refused in time: after Fri 09-18: Sun 09-20 make-up (1), Mon
/// 21-Thu 24 (5).
#[test]
fn miit_refusal_within_five_working_days_from_a_make_up_sunday() {
    let c = complaint("MIIT2", "2026-09-18T16:00:00+08:00", json!({}));
    let a = assess(
        "cn-telecom-miit",
        c,
        json!([ev("validity_decided", "2026-09-24T17:00:00+08:00")]),
        "2026-09-25T09:00:00+08:00",
    );
    assert_due(&a, "acceptance_decision", "met", "2026-09-24T18:00:00+08:00");
}

/// 30 days after Mon 09-07 is Wed 10-07, a holiday → Thu 10-08.
#[test]
fn miit_reply_thirty_days_rolls_past_national_day() {
    let c = complaint("MIIT3", "2026-09-07T10:00:00+08:00", json!({}));
    let a = assess("cn-telecom-miit", c, json!([]), "2026-10-01T09:00:00+08:00");
    assert_due(&a, "reply", "pending", "2026-10-08T18:00:00+08:00");
}

/// 30 days after Thu 01-15 is Sat 02-14, a make-up working day: no roll.
#[test]
fn miit_reply_ends_on_a_make_up_saturday() {
    let c = complaint("MIIT4", "2026-01-15T10:00:00+08:00", json!({}));
    let a = assess("cn-telecom-miit", c, json!([]), "2026-02-10T09:00:00+08:00");
    assert_due(&a, "reply", "pending", "2026-02-14T18:00:00+08:00");
}

/// 30 days after Tue 06-02 is Thu 07-02; unanswered on 07-03 it is breached.
#[test]
fn miit_reply_breached() {
    let c = complaint("MIIT5", "2026-06-02T10:00:00+08:00", json!({}));
    let a = assess(
        "cn-telecom-miit",
        c,
        json!([ev("acknowledged", "2026-06-04T10:00:00+08:00")]),
        "2026-07-03T09:00:00+08:00",
    );
    assert_due(&a, "reply", "breached", "2026-07-02T18:00:00+08:00");
    assert_due(&a, "acceptance_decision", "met", "2026-06-09T18:00:00+08:00");
}

// ---------------------------------------------------------------- eu-psd2
//
// TARGET closing days 2026: 01-01, 04-03, 04-06, 05-01, 12-25, 12-26;
// 2027-01-01. Europe/Berlin is on CEST (+02:00) from 03-29 to 10-25.

/// Art. 101(2): 15 business days after Tue 03-24: Mar 25-Apr 2 (7), Good
/// Friday and Easter Monday, Apr 7-10 (11), Apr 13-16 (15).
#[test]
fn psd2_fifteen_business_days_over_easter() {
    let c = complaint("EU1", "2026-03-24T11:00:00+01:00", json!({}));
    let a = assess("eu-psd2", c, json!([]), "2026-04-10T09:00:00+02:00");
    assert_due(&a, "final_reply", "pending", "2026-04-17T00:00:00+02:00");
}

/// Art. 101(2): a holding reply allows 35 business days in all: after Thu
/// 04-16 (15): Fri 04-17 (16), Apr 20-24 (21), Apr 27-30 (25), 1 May closed,
/// May 4-8 (30), May 11-15 (35).
#[test]
fn psd2_holding_reply_thirty_five_business_days() {
    let c = complaint("EU2", "2026-03-24T11:00:00+01:00", json!({}));
    let hold = extension("2026-04-14T10:00:00+02:00", "final_reply", 20);
    let a = assess("eu-psd2", c, json!([hold]), "2026-04-20T09:00:00+02:00");
    assert_due(&a, "final_reply", "pending", "2026-05-16T00:00:00+02:00");
}

/// More than 35 business days in all, or a second holding reply, is refused.
#[test]
fn psd2_holding_reply_limits() {
    let c = complaint("EU3", "2026-03-24T11:00:00+01:00", json!({}));
    let long = json!([extension("2026-04-14T10:00:00+02:00", "final_reply", 21)]);
    let (code, path) = assess_err("eu-psd2", c.clone(), long, "2026-04-20T09:00:00+02:00");
    assert_eq!((code.as_str(), path.as_str()), ("invalid_event", "/events/0"));
    let twice = json!([
        extension("2026-04-14T10:00:00+02:00", "final_reply", 10),
        extension("2026-04-28T10:00:00+02:00", "final_reply", 10),
    ]);
    let (code, path) = assess_err("eu-psd2", c, twice, "2026-04-29T09:00:00+02:00");
    assert_eq!((code.as_str(), path.as_str()), ("invalid_event", "/events/1"));
}

/// Over Christmas and New Year: after Wed 12-16: Dec 17-24 (6), 25 and 26
/// closed, Dec 28-31 (10), 2027-01-01 closed, Jan 4-8 (15).
#[test]
fn psd2_over_christmas_and_new_year() {
    let c = complaint("EU4", "2026-12-16T15:00:00+01:00", json!({}));
    let a = assess(
        "eu-psd2",
        c,
        json!([ev("replied", "2027-01-08T23:00:00+01:00")]),
        "2027-01-11T09:00:00+01:00",
    );
    assert_due(&a, "final_reply", "met", "2027-01-09T00:00:00+01:00");
}

/// Received on Saturday 05-02: the count starts on Monday 05-04 (1 May is
/// closed anyway): May 4-8, 11-15, 18-22 → end of Fri 05-22; a reply on
/// 05-26 is late.
#[test]
fn psd2_received_on_a_weekend() {
    let c = complaint("EU5", "2026-05-02T10:00:00+02:00", json!({}));
    let a = assess(
        "eu-psd2",
        c,
        json!([ev("replied", "2026-05-26T10:00:00+02:00")]),
        "2026-05-27T09:00:00+02:00",
    );
    assert_due(&a, "final_reply", "met_late", "2026-05-23T00:00:00+02:00");
}

// ---------------------------------------------------------------- au-asic-rg271
//
// Australian national holidays 2026: 01-01, 01-26, 04-03 Good Friday, 04-06
// Easter Monday, 04-25 (Sat), 12-25, 12-26 (Sat) and Mon 12-28, the
// substitute for Boxing Day every state and territory keeps (NSW, VIC and
// QLD publish it as the "additional day for Boxing Day"; SA as Proclamation
// Day's; TAS moves Boxing Day itself to the Monday). 2027: 01-01, 01-26,
// 03-26, 03-29, 12-25 (Sat), 12-26 (Sun), substitutes Mon 12-27 and Tue
// 12-28. 2025: Australia Day 01-26 (Sun) is kept on Mon 01-27. Australia/
// Sydney is on AEDT (+11:00) until 04-05 and from 10-04, AEST (+10:00)
// between.

/// RG 271.51: received Thu 04-02; Good Friday, the weekend and Easter Monday
/// are not business days → end of Tue 04-07 (AEST).
#[test]
fn asic_acknowledgement_over_easter() {
    let c = complaint("AU1", "2026-04-02T16:00:00+11:00", json!({}));
    let a = assess("au-asic-rg271", c, json!([]), "2026-04-07T12:00:00+10:00");
    assert_due(&a, "acknowledgement", "pending", "2026-04-08T00:00:00+10:00");
}

/// RG 271 Table 2: 30 calendar days after Mon 01-05 → Wed 02-04.
#[test]
fn asic_standard_complaint_thirty_calendar_days() {
    let c = complaint("AU2", "2026-01-05T10:00:00+11:00", json!({}));
    let a = assess(
        "au-asic-rg271",
        c,
        json!([ev("replied", "2026-02-04T17:00:00+11:00")]),
        "2026-02-06T09:00:00+11:00",
    );
    assert_due(&a, "idr_response", "met", "2026-02-05T00:00:00+11:00");
    assert_not_applicable(&a, "superannuation_response");
}

/// RG 271.58: 45 calendar days after Wed 03-18 → Sat 05-02 (no roll), after
/// the change to AEST.
#[test]
fn asic_superannuation_forty_five_days() {
    let c = complaint(
        "AU3",
        "2026-03-18T09:00:00+11:00",
        json!({"complaint_type": "superannuation"}),
    );
    let a = assess("au-asic-rg271", c, json!([]), "2026-05-04T09:00:00+10:00");
    assert_due(&a, "superannuation_response", "breached", "2026-05-03T00:00:00+10:00");
    assert_not_applicable(&a, "idr_response");
}

/// RG 271 Table 2: a default-notice complaint on Fri 12-04 → 21 days →
/// Christmas Day 12-25 (no roll), AEDT.
#[test]
fn asic_default_notice_twenty_one_days() {
    let c = complaint(
        "AU4",
        "2026-12-04T14:00:00+11:00",
        json!({"complaint_type": "default_notice"}),
    );
    let a = assess("au-asic-rg271", c, json!([]), "2026-12-10T09:00:00+11:00");
    assert_due(&a, "default_hardship_response", "pending", "2026-12-26T00:00:00+11:00");
}

/// RG 271.71: closed by the end of the fifth business day after Wed 01-21:
/// Thu 22, Fri 23, Australia Day Mon 26, Tue 27, Wed 28, Thu 29.
#[test]
fn asic_early_closure_fifth_business_day_over_australia_day() {
    let c = complaint("AU5", "2026-01-21T10:00:00+11:00", json!({}));
    let a = assess(
        "au-asic-rg271",
        c,
        json!([ev("closed", "2026-01-29T16:00:00+11:00")]),
        "2026-02-02T09:00:00+11:00",
    );
    assert_due(&a, "early_closure", "met", "2026-01-30T00:00:00+11:00");
}

/// RG 271.51 over the Christmas substitute day: received Thu 2026-12-24 at
/// 17:45; Fri 12-25 Christmas, Sat 26 and Sun 27 weekend (Boxing Day on the
/// Saturday), Mon 12-28 the substitute day: the first business day after
/// receipt is Tue 12-29 → end of it, 12-30 00:00 AEDT. Counting Mon 12-28
/// as a business day would have made the acknowledgement due a day early.
#[test]
fn asic_acknowledgement_over_the_boxing_day_substitute() {
    let c = complaint("AU6", "2026-12-24T17:45:00+11:00", json!({}));
    let a = assess("au-asic-rg271", c.clone(), json!([]), "2026-12-29T09:00:00+11:00");
    assert_due(&a, "acknowledgement", "pending", "2026-12-30T00:00:00+11:00");
    let a = assess(
        "au-asic-rg271",
        c,
        json!([ev("acknowledged", "2026-12-29T11:00:00+11:00")]),
        "2026-12-29T12:00:00+11:00",
    );
    assert_due(&a, "acknowledgement", "met", "2026-12-30T00:00:00+11:00");
}

/// RG 271.71 from Thu 2026-12-24: business days Tue 12-29 (1), Wed 30 (2),
/// Thu 31 (3), Fri 2027-01-01 New Year's Day, Mon 01-04 (4), Tue 01-05 (5)
/// → end of Tue 01-05. A closure on 01-05 is within the window (it was
/// outside it while 12-28 counted).
#[test]
fn asic_early_closure_over_christmas_and_new_year() {
    let c = complaint("AU7", "2026-12-24T10:00:00+11:00", json!({}));
    let a = assess(
        "au-asic-rg271",
        c,
        json!([ev("closed", "2027-01-05T16:00:00+11:00")]),
        "2027-01-06T09:00:00+11:00",
    );
    assert_due(&a, "early_closure", "met", "2027-01-06T00:00:00+11:00");
}

/// The 2027 substitutes on calendar `au`, through the deadline operation
/// (an assessment of a complaint received in late December 2027 also runs
/// its 30-day IDR response past the calendar's data, which ends 2027-12-31):
/// from Fri 12-24 at 15:00, Sat 25 Christmas, Sun 26 Boxing Day, Mon 12-27
/// and Tue 12-28 their substitutes in every state → the first business day
/// is Wed 12-29 (due 12-30 00:00 with end_of_day, as RG 271.51's
/// acknowledgement), the second Thu 12-30.
#[test]
fn au_calendar_2027_christmas_substitutes() {
    let due = |amount: i64| {
        let input = json!({"calendar": "au", "request": {"start": "2027-12-24T15:00:00+11:00",
            "clock": "working_days", "amount": amount, "end": "end_of_day"}});
        match run_op("deadline", &input) {
            Ok(v) => v["due_at"].clone(),
            Err(e) => panic!("deadline failed: {} {e}", e.code()),
        }
    };
    assert_eq!(due(1), json!("2027-12-30T00:00:00+11:00"));
    assert_eq!(due(2), json!("2027-12-31T00:00:00+11:00"));
}

/// RG 271.51 in 2025: Australia Day Sun 01-26 is kept on Mon 01-27 in every
/// state. Received Fri 01-24 → the first business day after is Tue 01-28,
/// due 01-29 00:00 AEDT; an acknowledgement on the Tuesday meets it.
#[test]
fn asic_acknowledgement_over_australia_day_on_a_monday() {
    let c = complaint("AU9", "2025-01-24T16:00:00+11:00", json!({}));
    let a = assess(
        "au-asic-rg271",
        c,
        json!([ev("acknowledged", "2025-01-28T15:00:00+11:00")]),
        "2025-01-29T09:00:00+11:00",
    );
    assert_due(&a, "acknowledgement", "met", "2025-01-29T00:00:00+11:00");
}

/// RG 271 Table 2: a complaint about traditional trustee company services
/// gets 45 calendar days, not the standard 30: received Mon 2026-06-01 →
/// Thu 07-16, 24:00 AEST. On 07-02 (day 31) it is still pending.
#[test]
fn asic_traditional_trustee_forty_five_days() {
    let c = complaint(
        "AU10",
        "2026-06-01T10:00:00+10:00",
        json!({"complaint_type": "traditional_trustee"}),
    );
    let a = assess("au-asic-rg271", c, json!([]), "2026-07-02T09:00:00+10:00");
    assert_due(
        &a,
        "traditional_trustee_response",
        "pending",
        "2026-07-17T00:00:00+10:00",
    );
    assert_not_applicable(&a, "idr_response");
    assert_not_applicable(&a, "superannuation_response");
}

/// RG 271 Table 2, 45 days after Tue 2026-11-10 → Fri 12-25 (no roll: a
/// calendar-day limit ends at 24:00 of its last day, holiday or not). A
/// reply on Thu 12-24 meets it; the standard 30-day rule does not apply.
#[test]
fn asic_traditional_trustee_reply_before_christmas() {
    let c = complaint(
        "AU11",
        "2026-11-10T14:00:00+11:00",
        json!({"complaint_type": "traditional_trustee"}),
    );
    let a = assess(
        "au-asic-rg271",
        c,
        json!([ev("replied", "2026-12-24T12:00:00+11:00")]),
        "2026-12-24T13:00:00+11:00",
    );
    assert_due(&a, "traditional_trustee_response", "met", "2026-12-26T00:00:00+11:00");
    assert_not_applicable(&a, "idr_response");
}

// ---------------------------------------------------------------- sg-mas
//
// Singapore public holidays 2026: 01-01, 02-17 and 02-18 Chinese New Year,
// 03-21, 04-03, 05-01, 05-27, 06-01 (Vesak observed), 08-10 (National Day
// observed), 11-09 (Deepavali observed), 12-25. Asia/Singapore is +08:00.

/// Reg. 5(3)(a): 2 business days after Fri 02-13: Mon 02-16 (1), Chinese
/// New Year 02-17 and 02-18, Thu 02-19 (2).
#[test]
fn mas_acknowledgement_over_chinese_new_year() {
    let c = complaint("SG1", "2026-02-13T17:00:00+08:00", json!({}));
    let a = assess("sg-mas", c, json!([]), "2026-02-20T09:00:00+08:00");
    assert_due(&a, "acknowledgement", "breached", "2026-02-20T00:00:00+08:00");
}

/// Reg. 5(3)(a): after Fri 05-29: Vesak observed Mon 06-01, Tue 06-02 (1),
/// Wed 06-03 (2).
#[test]
fn mas_acknowledgement_over_vesak_observed() {
    let c = complaint("SG2", "2026-05-29T10:00:00+08:00", json!({}));
    let a = assess(
        "sg-mas",
        c,
        json!([ev("acknowledged", "2026-06-03T15:00:00+08:00")]),
        "2026-06-04T09:00:00+08:00",
    );
    assert_due(&a, "acknowledgement", "met", "2026-06-04T00:00:00+08:00");
}

/// Reg. 5(3)(e): 20 business days after Mon 07-27: Jul 28-31 (4), Aug 3-7
/// (9), National Day observed Mon 08-10, Aug 11-14 (13), Aug 17-21 (18), Mon
/// 08-24, Tue 08-25 (20).
#[test]
fn mas_final_response_over_national_day() {
    let c = complaint("SG3", "2026-07-27T10:00:00+08:00", json!({}));
    let a = assess("sg-mas", c, json!([]), "2026-08-20T09:00:00+08:00");
    assert_due(&a, "final_response", "pending", "2026-08-26T00:00:00+08:00");
}

/// Reg. 5(3)(e) over Deepavali observed (Mon 11-09): after Fri 10-30: Nov
/// 2-6 (5), Nov 10-13 (9), 16-20 (14), 23-27 (19), Mon 11-30 (20); a reply
/// on 12-01 is late.
#[test]
fn mas_final_response_over_deepavali_met_late() {
    let c = complaint("SG4", "2026-10-30T12:00:00+08:00", json!({}));
    let a = assess(
        "sg-mas",
        c,
        json!([ev("replied", "2026-12-01T09:00:00+08:00")]),
        "2026-12-01T12:00:00+08:00",
    );
    assert_due(&a, "final_response", "met_late", "2026-12-01T00:00:00+08:00");
}

/// FIDReC: 6 months after a final reply on Fri 05-29 → Sun 11-29, 24:00.
/// The final response (reg. 5(3)(e)) was due 20 business days after Mon
/// 05-04: May 5-8 (4), 11-15 (9), 18-22 (14), 25-26 (16), Hari Raya Haji
/// Wed 05-27, 28-29 (18), Vesak observed Mon 06-01, Tue 06-02 (19), Wed
/// 06-03 (20).
#[test]
fn mas_fidrec_six_months_after_the_final_reply() {
    let c = complaint("SG5", "2026-05-04T10:00:00+08:00", json!({}));
    let a = assess(
        "sg-mas",
        c,
        json!([ev("replied", "2026-05-29T10:00:00+08:00")]),
        "2026-06-01T09:00:00+08:00",
    );
    assert_due(&a, "fidrec_referral", "pending", "2026-11-30T00:00:00+08:00");
    assert_due(&a, "final_response", "met", "2026-06-04T00:00:00+08:00");
}

// ---------------------------------------------------------------- in-rbi
//
// The Scheme's days are calendar days, so holidays move no deadline here;
// calendar `in` is +05:30 all year. The working-day behaviour of `in` is
// checked against numpy in time_reference.rs.

/// Cl. 10(2)(a)(i): 30 days after Mon 08-03 → Wed 09-02, 24:00.
#[test]
fn rbi_reply_thirty_days() {
    let c = complaint("IN1", "2026-08-03T11:00:00+05:30", json!({}));
    let a = assess(
        "in-rbi",
        c,
        json!([ev("replied", "2026-09-02T18:00:00+05:30")]),
        "2026-09-03T09:00:00+05:30",
    );
    assert_due(&a, "reply", "met", "2026-09-03T00:00:00+05:30");
}

/// 30 days after Thu 10-01 is Sat 10-31 (no roll); unanswered on 11-02.
#[test]
fn rbi_reply_breached_on_a_weekend_day() {
    let c = complaint("IN2", "2026-10-01T11:00:00+05:30", json!({}));
    let a = assess("in-rbi", c, json!([]), "2026-11-02T09:00:00+05:30");
    assert_due(&a, "reply", "breached", "2026-11-01T00:00:00+05:30");
}

/// 30 days after Fri 01-30 cross February: Sun 03-01; a reply on 03-02 is late.
#[test]
fn rbi_reply_across_february_met_late() {
    let c = complaint("IN3", "2026-01-30T11:00:00+05:30", json!({}));
    let a = assess(
        "in-rbi",
        c,
        json!([ev("replied", "2026-03-02T10:00:00+05:30")]),
        "2026-03-03T09:00:00+05:30",
    );
    assert_due(&a, "reply", "met_late", "2026-03-02T00:00:00+05:30");
}

/// Cl. 10(2)(a)(ii): one year after a reply on Sat 2026-02-28 → Sun
/// 2027-02-28, 24:00.
#[test]
fn rbi_ombudsman_window_one_year_after_the_reply() {
    let c = complaint("IN4", "2026-02-02T11:00:00+05:30", json!({}));
    let a = assess(
        "in-rbi",
        c,
        json!([ev("replied", "2026-02-28T12:00:00+05:30")]),
        "2026-03-01T09:00:00+05:30",
    );
    assert_due(&a, "ombudsman_window", "pending", "2027-03-01T00:00:00+05:30");
}

/// The referral within the year meets the window.
#[test]
fn rbi_ombudsman_referral_within_the_year() {
    let c = complaint("IN5", "2026-03-20T11:00:00+05:30", json!({}));
    let events = json!([
        ev("replied", "2026-04-10T12:00:00+05:30"),
        ev("referred", "2026-12-01T10:00:00+05:30")
    ]);
    let a = assess("in-rbi", c, events, "2026-12-02T09:00:00+05:30");
    assert_due(&a, "ombudsman_window", "met", "2027-04-11T00:00:00+05:30");
    assert_due(&a, "reply", "met", "2026-04-20T00:00:00+05:30");
}

/// Cl. 10(2)(a)(i) counts calendar days and names no roll: 30 days after
/// Wed 09-02 is Fri 10-02, Gandhi Jayanti (a national holiday of calendar
/// `in`), and the limit still ends at its 24:00.
#[test]
fn rbi_reply_limit_on_gandhi_jayanti_is_not_rolled() {
    let c = complaint("IN6", "2026-09-02T10:00:00+05:30", json!({}));
    let a = assess("in-rbi", c, json!([]), "2026-10-05T09:00:00+05:30");
    assert_due(&a, "reply", "breached", "2026-10-03T00:00:00+05:30");
}
