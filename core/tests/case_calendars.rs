//! One policy, several calendars: the case's calendar chosen by conditions
//! (site, region, department, customer tier), a rule's own calendar, newer
//! data given to the policy, projected data per calendar, warnings per
//! calendar, and policy versions. Through the JSON layer (`run_op`), the
//! path every binding takes.
//!
//! Calendars used (docs/calendars.md):
//! - `cn-mainland` (Asia/Shanghai, Mon–Fri 09:00–12:00 and 13:30–18:00):
//!   2026-10-01..07 National Day off, Sat 2026-10-10 a make-up working day;
//!   official data to 2026-12-31, projected 2027–2030 (2027-01-01 元旦).
//! - `hk` (Asia/Hong_Kong, Mon–Fri 09:00–18:00): in October 2026 only
//!   Thu 10-01 is a general holiday (and Mon 10-19); 2027-01-01 a general
//!   holiday; official data to 2027-12-31.
//! - `back-office-rota`, defined below: extends `cn-mainland`, works Monday
//!   to Saturday, 08:00–17:00 (its holidays are cn-mainland's).
//!
//! Day clocks do not count the start day and end at the close of business
//! of the last counted day (docs/time.md).
//! Days of the week: 2026-09-30 Wed, 10-02 Fri, 10-05 Mon, 10-06 Tue,
//! 10-08 Thu, 10-09 Fri, 10-10 Sat, 10-12 Mon; 11-06 Fri, 11-07 Sat,
//! 11-09 Mon, 11-10 Tue, 11-11 Wed; 2026-12-29 Tue, 12-30 Wed, 12-31 Thu,
//! 2027-01-01 Fri, 01-04 Mon.

use plaint_core::api::run_op;
use plaint_core::{Error, Policy};
use serde_json::{Value, json};
use std::sync::Arc;

fn rota() -> Value {
    json!({"plaint_calendar": 1, "extends": "cn-mainland", "name": "back-office-rota",
           "weekmask": ["mon", "tue", "wed", "thu", "fri", "sat"],
           "hours": {"default": ["08:00-17:00"]}})
}

/// The group's policy: each site on its own calendar, the back office on
/// its rota, VIP customers on Hong Kong's calendar (a contrived choice that
/// shows a tier test), and a statutory reply always on cn-mainland.
fn group() -> Value {
    json!({
        "plaint_policy": 1, "name": "group-property", "version": "1", "calendar": "cn-mainland",
        "calendars": [
            {"id": "back_office", "calendar": rota(), "when": {"department": "back_office"}},
            {"id": "vip", "calendar": "hk", "when": {"customer.tier": "vip"}},
            {"id": "shenzhen", "calendar": "cn-mainland", "when": {"attributes.site": "shenzhen"}},
            {"id": "hong_kong", "calendar": "hk", "when": {"attributes.site": "hong_kong"}},
            {"id": "south", "calendar": "hk", "when": {"attributes.region": "south"}},
            {"id": "statutory", "calendar": "cn-mainland"}
        ],
        "deadlines": [
            {"id": "settle", "clock": "working_days", "amount": 3, "met_by": ["resolved"]},
            {"id": "statutory_reply", "clock": "working_days", "amount": 3, "met_by": ["replied"],
             "calendar": "statutory"}
        ]
    })
}

fn complaint(id: &str, received: &str, extra: Value) -> Value {
    let mut c = json!({"id": id, "received_at": received, "text": "漏水"});
    for (k, v) in extra.as_object().unwrap() {
        c[k] = v.clone();
    }
    c
}

fn assess(input: Value) -> Result<Value, Error> {
    run_op("assess", &input)
}

fn ok(policy: Value, complaint: Value, now: &str) -> Value {
    let input = json!({"policy": policy, "case": {"complaint": complaint, "events": []}, "now": now});
    assess(input).unwrap_or_else(|e| panic!("{} at {}: {e}", e.code(), e.path()))
}

fn deadline<'a>(a: &'a Value, id: &str) -> &'a Value {
    a["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id)
        .unwrap_or_else(|| panic!("no deadline {id}"))
}

fn assert_due(a: &Value, id: &str, due: &str, calendar: &str) {
    let d = deadline(a, id);
    assert_eq!(d["due_at"], due, "{id}: {d:#}");
    assert_eq!(d["calendar"], calendar, "{id}: {d:#}");
}

fn has_note(a: &Value, id: &str, note: &str) -> bool {
    deadline(a, id)["notes"].as_array().unwrap().iter().any(|n| n == note)
}

#[test]
fn each_site_counts_three_working_days_on_its_own_calendar() {
    let received = "2026-09-30T10:00:00+08:00";
    // Shenzhen, cn-mainland: 10-01..07 off; Thu 10-08 (1), Fri 10-09 (2),
    // Sat 10-10 a make-up working day (3): due 10-10 18:00.
    let sz = ok(
        group(),
        complaint("SZ-1", received, json!({"attributes": {"site": "shenzhen"}})),
        "2026-10-05T12:00:00+08:00",
    );
    assert_eq!(sz["calendar"], "cn-mainland");
    assert_due(&sz, "settle", "2026-10-10T18:00:00+08:00", "cn-mainland");
    assert_eq!(deadline(&sz, "settle")["state"], "pending");
    assert!(has_note(
        &sz,
        "settle",
        "counted on calendar cn-mainland, the case's calendar: calendars entry shenzhen (attributes.site = shenzhen)"
    ));
    // Hong Kong, hk: only Thu 10-01 off; Fri 10-02 (1), Mon 10-05 (2),
    // Tue 10-06 (3): due 10-06 18:00.
    let hk = ok(
        group(),
        complaint("HK-1", received, json!({"attributes": {"site": "hong_kong"}})),
        "2026-10-05T12:00:00+08:00",
    );
    assert_eq!(hk["calendar"], "hk");
    assert_due(&hk, "settle", "2026-10-06T18:00:00+08:00", "hk");
    assert_eq!(deadline(&hk, "settle")["state"], "pending");
    assert!(has_note(
        &hk,
        "settle",
        "counted on calendar hk, the case's calendar: calendars entry hong_kong (attributes.site = hong_kong)"
    ));
}

#[test]
fn a_rule_that_names_a_calendar_counts_on_it_whatever_the_case() {
    // The Hong Kong case's statutory reply is counted on cn-mainland: due
    // Sat 10-10 18:00 as in Shenzhen, while its settlement is due 10-06.
    let hk = ok(
        group(),
        complaint(
            "HK-2",
            "2026-09-30T10:00:00+08:00",
            json!({"attributes": {"site": "hong_kong"}}),
        ),
        "2026-10-05T12:00:00+08:00",
    );
    assert_due(&hk, "statutory_reply", "2026-10-10T18:00:00+08:00", "cn-mainland");
    assert!(has_note(
        &hk,
        "statutory_reply",
        "counted on calendar cn-mainland, named by the rule (calendars entry statutory)"
    ));
}

#[test]
fn no_entry_matching_leaves_the_default_calendar() {
    let a = ok(
        group(),
        complaint("X-1", "2026-09-30T10:00:00+08:00", json!({})),
        "2026-10-05T12:00:00+08:00",
    );
    assert_eq!(a["calendar"], "cn-mainland");
    assert_due(&a, "settle", "2026-10-10T18:00:00+08:00", "cn-mainland");
    assert!(has_note(
        &a,
        "settle",
        "counted on calendar cn-mainland, the policy's default calendar: no calendars entry matched the case"
    ));
}

#[test]
fn the_first_entry_whose_condition_holds_chooses() {
    let received = "2026-11-06T10:00:00+08:00";
    // A Shenzhen complaint handled by the back office: its entry comes first.
    // The rota works Saturdays: Sat 11-07 (1), Mon 11-09 (2), Tue 11-10 (3),
    // closing at 17:00. cn-mainland would give Wed 11-11 18:00.
    let extra = json!({"department": "back_office", "attributes": {"site": "shenzhen"}});
    let a = ok(group(), complaint("BO-1", received, extra), "2026-11-06T12:00:00+08:00");
    assert_eq!(a["calendar"], "back-office-rota");
    assert_due(&a, "settle", "2026-11-10T17:00:00+08:00", "back-office-rota");
    // A VIP customer of the Shenzhen site: the tier entry comes before the
    // site's. hk in November 2026 has no holiday: Mon 11-09 (1), Tue 11-10
    // (2), Wed 11-11 (3), 18:00.
    let extra = json!({"customer": {"tier": "vip"}, "attributes": {"site": "shenzhen"}});
    let a = ok(
        group(),
        complaint("VIP-1", received, extra),
        "2026-11-06T12:00:00+08:00",
    );
    assert_due(&a, "settle", "2026-11-11T18:00:00+08:00", "hk");
    // A region: attributes.region = south chooses hk.
    let a = ok(
        group(),
        complaint("R-1", received, json!({"attributes": {"region": "south"}})),
        "2026-11-06T12:00:00+08:00",
    );
    assert_due(&a, "settle", "2026-11-11T18:00:00+08:00", "hk");
    assert!(has_note(
        &a,
        "settle",
        "counted on calendar hk, the case's calendar: calendars entry south (attributes.region = south)"
    ));
}

/// cn-mainland with an extra closure on Thu 2026-10-08.
fn cn_extra() -> Value {
    json!({"plaint_calendar": 1, "extends": "cn-mainland", "name": "cn-mainland-extra",
           "holidays": [{"date": "2026-10-08", "name": "closure"}]})
}

#[test]
fn newer_data_replaces_each_calendar_it_may_replace() {
    let received = "2026-09-30T10:00:00+08:00";
    let run = |site: Value, calendar: Value| {
        let c = complaint("R", received, site);
        let input = json!({"policy": group(), "calendar": calendar,
                           "case": {"complaint": c, "events": []}, "now": "2026-10-05T12:00:00+08:00"});
        assess(input).unwrap_or_else(|e| panic!("{} at {}: {e}", e.code(), e.path()))
    };
    // cn-mainland-extra takes the place of the default, `shenzhen` and
    // `statutory`: with 10-08 closed, Fri 10-09 (1), Sat 10-10 (2), Mon 10-12
    // (3). Hong Kong keeps hk (10-06), and the rota, which extends
    // cn-mainland with data of its own, keeps its data: Thu 10-08 (1),
    // Fri 10-09 (2), Sat 10-10 (3), 17:00.
    let sz = run(json!({"attributes": {"site": "shenzhen"}}), cn_extra());
    assert_due(&sz, "settle", "2026-10-12T18:00:00+08:00", "cn-mainland-extra");
    let hk = run(json!({"attributes": {"site": "hong_kong"}}), cn_extra());
    assert_due(&hk, "settle", "2026-10-06T18:00:00+08:00", "hk");
    assert_due(&hk, "statutory_reply", "2026-10-12T18:00:00+08:00", "cn-mainland-extra");
    let bo = run(json!({"department": "back_office"}), cn_extra());
    assert_due(&bo, "settle", "2026-10-10T17:00:00+08:00", "back-office-rota");
    // Newer hk data (Mon 10-05 closed) reaches the Hong Kong entries only:
    // Fri 10-02 (1), Tue 10-06 (2), Wed 10-07 (3).
    let hk_extra = json!({"plaint_calendar": 1, "extends": "hk", "name": "hk-extra",
                          "holidays": [{"date": "2026-10-05", "name": "typhoon closure"}]});
    let hk = run(json!({"attributes": {"site": "hong_kong"}}), hk_extra.clone());
    assert_due(&hk, "settle", "2026-10-07T18:00:00+08:00", "hk-extra");
    let sz = run(json!({"attributes": {"site": "shenzhen"}}), hk_extra);
    assert_due(&sz, "settle", "2026-10-10T18:00:00+08:00", "cn-mainland");
    // A calendar that is none of the policy's: invalid_value at /calendar.
    let input = json!({"policy": group(), "calendar": "us-federal",
                       "case": {"complaint": complaint("R", received, json!({})), "events": []},
                       "now": "2026-10-05T12:00:00+08:00"});
    let e = assess(input).unwrap_err();
    assert_eq!((e.code().as_str(), e.path()), ("invalid_value", "/calendar"));
}

#[test]
fn with_calendar_in_rust_keeps_the_rota() {
    let policy = Policy::from_value(&group()).unwrap();
    let extra = Arc::new(plaint_core::Calendar::from_value(&cn_extra()).unwrap());
    let replaced = policy.with_calendar(extra).unwrap();
    assert_eq!(replaced.calendar.name(), "cn-mainland-extra");
    let names: Vec<&str> = replaced.calendars.iter().map(|c| c.calendar.name()).collect();
    assert_eq!(
        names,
        [
            "back-office-rota",
            "hk",
            "cn-mainland-extra",
            "hk",
            "hk",
            "cn-mainland-extra"
        ]
    );
}

#[test]
fn each_calendar_goes_past_its_own_data() {
    let received = "2026-12-29T10:00:00+08:00";
    let now = "2026-12-29T12:00:00+08:00";
    let run = |site: &str, beyond: Option<&str>| {
        let c = complaint("P", received, json!({"attributes": {"site": site}}));
        let mut input = json!({"policy": group(), "case": {"complaint": c, "events": []}, "now": now});
        if let Some(b) = beyond {
            input["beyond_data"] = json!(b);
        }
        assess(input).unwrap()
    };
    // Shenzhen: cn-mainland's official data ends 2026-12-31: Wed 12-30 (1),
    // Thu 12-31 (2), then 2027 is past the data: undetermined.
    let sz = run("shenzhen", None);
    assert_eq!(deadline(&sz, "settle")["state"], "undetermined");
    assert_eq!(deadline(&sz, "settle")["error"]["code"], "calendar_range_exceeded");
    // With the projection: Fri 2027-01-01 元旦 is a projected holiday, the
    // weekend, Mon 01-04 (3): due 01-04 18:00, provisional.
    let sz = run("shenzhen", Some("projected"));
    assert_due(&sz, "settle", "2027-01-04T18:00:00+08:00", "cn-mainland");
    assert_eq!(deadline(&sz, "settle")["provisional"], true);
    // Hong Kong: hk's official data reaches 2027-12-31, and 2027-01-01 is a
    // general holiday in it: the same 01-04 18:00, not provisional, with or
    // without the projection. Its statutory reply, on cn-mainland, is
    // projected.
    for beyond in [None, Some("projected")] {
        let hk = run("hong_kong", beyond);
        assert_due(&hk, "settle", "2027-01-04T18:00:00+08:00", "hk");
        assert_eq!(deadline(&hk, "settle")["provisional"], false);
    }
    let hk = run("hong_kong", Some("projected"));
    assert_due(&hk, "statutory_reply", "2027-01-04T18:00:00+08:00", "cn-mainland");
    assert_eq!(deadline(&hk, "statutory_reply")["provisional"], true);
    // Warnings name each calendar used: hk's data ends 2027-12-31 (367 days
    // after 12-29: no warning); cn-mainland's ends in 2 days (12-31 − 12-29),
    // used by the statutory reply, which is provisional, across 2027-01-01.
    let w = &hk["warnings"];
    assert_eq!(
        *w,
        json!([
            {"code": "calendar_data_ending", "calendar": "cn-mainland", "data_end": "2026-12-31", "days_left": 2,
             "message": "calendar cn-mainland's official holiday data ends on 2026-12-31, in 2 days"},
            {"code": "projected_data", "calendar": "cn-mainland", "data_end": "2026-12-31", "days_left": 2,
             "deadline": "statutory_reply", "dates": ["2027-01-01"],
             "message": "deadline statutory_reply was counted on projected holiday data after 2026-12-31: it is provisional"}
        ])
    );
}

/// Two versions, each a complete body: the 2025 rules count every case on
/// cn-mainland; from 2026-07-01 the Hong Kong site has its own calendar.
fn versioned() -> Value {
    let settle = json!({"id": "settle", "clock": "working_days", "amount": 3, "met_by": ["resolved"]});
    json!({
        "plaint_policy": 1, "name": "group-versions",
        "versions": [
            {"version": "2025", "effective_from": "2020-01-01", "effective_to": "2026-06-30",
             "calendar": "cn-mainland", "deadlines": [settle.clone()]},
            {"version": "2026", "effective_from": "2026-07-01", "calendar": "cn-mainland",
             "calendars": [{"id": "hong_kong", "calendar": "hk", "when": {"attributes.site": "hong_kong"}}],
             "deadlines": [settle]}
        ]
    })
}

#[test]
fn each_version_has_its_own_calendars() {
    let site = json!({"attributes": {"site": "hong_kong"}});
    // Received Wed 2026-06-24, under 2025: cn-mainland (端午节 was 06-19..21):
    // Thu 06-25 (1), Fri 06-26 (2), Mon 06-29 (3).
    let a = ok(
        versioned(),
        complaint("V1", "2026-06-24T10:00:00+08:00", site.clone()),
        "2026-06-24T12:00:00+08:00",
    );
    assert_eq!(a["policy_version"]["version"], "2025");
    assert_due(&a, "settle", "2026-06-29T18:00:00+08:00", "cn-mainland");
    // Received 2026-09-30, under 2026: hk, due 10-06 18:00.
    let a = ok(
        versioned(),
        complaint("V2", "2026-09-30T10:00:00+08:00", site.clone()),
        "2026-10-05T12:00:00+08:00",
    );
    assert_eq!(a["policy_version"]["version"], "2026");
    assert_due(&a, "settle", "2026-10-06T18:00:00+08:00", "hk");
    // Newer hk data reaches the version that has hk; the 2025 version keeps
    // cn-mainland (no error: one version took it). Mon 10-05 closed: Fri
    // 10-02 (1), Tue 10-06 (2), Wed 10-07 (3).
    let hk_extra = json!({"plaint_calendar": 1, "extends": "hk", "name": "hk-extra",
                          "holidays": [{"date": "2026-10-05", "name": "typhoon closure"}]});
    let input = json!({"policy": versioned(), "calendar": hk_extra,
                       "case": {"complaint": complaint("V3", "2026-09-30T10:00:00+08:00", site.clone()), "events": []},
                       "now": "2026-10-05T12:00:00+08:00"});
    let a = assess(input.clone()).unwrap();
    assert_due(&a, "settle", "2026-10-07T18:00:00+08:00", "hk-extra");
    let mut old = input;
    old["case"]["complaint"] = complaint("V4", "2026-06-24T10:00:00+08:00", site);
    old["now"] = json!("2026-06-24T12:00:00+08:00");
    assert_due(
        &assess(old).unwrap(),
        "settle",
        "2026-06-29T18:00:00+08:00",
        "cn-mainland",
    );
}

fn load_error(policy: Value) -> (String, String) {
    let e = Policy::from_value(&policy).unwrap_err();
    let p = &e.problems()[0];
    (p.code.as_str().to_string(), p.path.clone())
}

#[test]
fn calendars_are_checked_when_the_policy_is_read() {
    let with = |f: &dyn Fn(&mut Value)| {
        let mut p = group();
        f(&mut p);
        load_error(p)
    };
    let e = with(&|p| p["deadlines"][1]["calendar"] = json!("nowhere"));
    assert_eq!(e, ("unknown_reference".into(), "/deadlines/1/calendar".into()));
    let e = with(&|p| p["calendars"][1]["when"] = json!({"state": "closed"}));
    assert_eq!(e, ("invalid_value".into(), "/calendars/1/when/state".into()));
    let e = with(&|p| p["calendars"][2]["id"] = json!("vip"));
    assert_eq!(e, ("duplicate_id".into(), "/calendars/2/id".into()));
    let e = with(&|p| p["calendars"][1]["calendar"] = json!("atlantis"));
    assert_eq!(e, ("unknown_calendar".into(), "/calendars/1/calendar".into()));
    let e = with(&|p| p["calendars"][1]["zone"] = json!("Asia/Hong_Kong"));
    assert_eq!(e, ("unknown_field".into(), "/calendars/1/zone".into()));
}
