//! Policies in force by date: the presets' history and the format's rules
//! (docs/policy.md, "Versions"). Every expected instant is counted by hand
//! from the regulation's words and the published holidays:
//!
//! - Mainland China 2026 (State Council notice): holidays 04-04..06,
//!   05-01..05, 06-19..21; make-up working day Sat 05-09.
//! - 市场监督管理投诉举报处理暂行办法 第十四条 (7 working days to decide on
//!   acceptance), 第二十一条第一款第(五)项 (45 working days of mediation from
//!   acceptance); 市场监督管理投诉举报处理办法 (Order 121, from 2026-04-15)
//!   第十五条 (7 working days), 第二十三条第一款第（五）项 (60 days of mediation
//!   from acceptance), 第四十五条 (the first day is not counted; a last day on
//!   a statutory holiday moves to the first day after it).
//! - RB-IOS 2021 cl. 10(2)(a): the entity's 30 days; one year after its
//!   reply. RB-IOS 2026 (from 2026-07-01): 30 days; 90 days after the reply.
//!   Days are calendar days, ending at 24:00 (shown as 00:00 of the next day).

use plaint_core::api::run_op;
use plaint_core::model::parse_instant;
use plaint_core::policy::SelectedBy;
use plaint_core::{Case, Code, Complaint, Policy, classify};
use serde_json::{Value, json};

fn assess(policy: &str, received: &str, events: Value, now: &str) -> Value {
    let complaint = json!({"id": "C", "received_at": received, "channel": "letter", "text": "complaint"});
    let input = json!({"policy": policy, "case": {"complaint": complaint, "events": events}, "now": now});
    run_op("assess", &input).unwrap_or_else(|e| panic!("{policy}: {} at {:?}: {e}", e.code(), e.path()))
}

fn ev(kind: &str, at: &str) -> Value {
    json!({"type": kind, "at": at})
}

fn due(a: &Value, id: &str) -> (String, String) {
    let d = a["deadlines"]
        .as_array()
        .and_then(|ds| ds.iter().find(|d| d["id"] == id))
        .unwrap_or_else(|| panic!("no deadline {id} in {a}"));
    (
        d["state"].as_str().unwrap_or_default().to_string(),
        d["due_at"].as_str().unwrap_or_default().to_string(),
    )
}

fn version(a: &Value) -> (&str, &str, &str) {
    let v = &a["policy_version"];
    (
        v["version"].as_str().unwrap_or_default(),
        v["effective_from"].as_str().unwrap_or_default(),
        v["selected_by"].as_str().unwrap_or_default(),
    )
}

/// The must-show pair: received on the Interim Measures' last day and on
/// Order 121's first day, both accepted Mon 04-20.
#[test]
fn samr_complaints_either_side_of_order_121_get_their_own_version() {
    let accepted = json!([ev("acknowledged", "2026-04-20T10:00:00+08:00")]);
    let old = assess(
        "cn-consumer-samr",
        "2026-04-14T10:00:00+08:00",
        accepted.clone(),
        "2026-04-21T09:00:00+08:00",
    );
    assert_eq!(version(&old), ("2022", "2020-01-01", "received_at"));
    assert_eq!(old["policy_version"]["effective_to"], "2026-04-14");
    assert_eq!(old["policy_version"]["name"], "cn-consumer-samr");
    // 第十四条: Apr 15, 16, 17, 20 (acknowledged, met), 21, 22, 23.
    assert_eq!(
        due(&old, "acceptance_decision"),
        ("met".into(), "2026-04-23T18:00:00+08:00".into())
    );
    // 第二十一条(五): 45 working days after 04-20: Apr 21-24 (4), 27-30 (8),
    // May 6-8 (11), Sat 05-09 (12), May 11-29 (27), Jun 1-12 (37),
    // Jun 15-18 (41), Jun 22-25 (45).
    assert_eq!(
        due(&old, "mediation"),
        ("pending".into(), "2026-06-25T18:00:00+08:00".into())
    );

    let new = assess(
        "cn-consumer-samr",
        "2026-04-15T10:00:00+08:00",
        accepted,
        "2026-04-21T09:00:00+08:00",
    );
    assert_eq!(version(&new), ("2026", "2026-04-15", "received_at"));
    assert_eq!(new["policy_version"]["effective_to"], Value::Null);
    // 第十五条: Apr 16, 17, 20 (met), 21, 22, 23, 24.
    assert_eq!(
        due(&new, "acceptance_decision"),
        ("met".into(), "2026-04-24T18:00:00+08:00".into())
    );
    // 第二十三条(五), 第四十五条: day 60 after 04-20 is Fri 06-19, the Dragon
    // Boat holiday (06-19..21): the first working day after it, Mon 06-22.
    assert_eq!(
        due(&new, "mediation"),
        ("pending".into(), "2026-06-22T18:00:00+08:00".into())
    );
}

/// Order 121's 60 days are natural days: a day that is not a holiday ends
/// it where it falls. Accepted Wed 07-01: Jul 2-31 (30), Aug 1-30 (60) →
/// Sun 08-30, a weekend rest day: the next working day is Mon 08-31.
/// Accepted Thu 07-02: day 60 is Mon 08-31, a working day.
#[test]
fn samr_order_121_mediation_counts_natural_days() {
    let a = assess(
        "cn-consumer-samr",
        "2026-06-29T10:00:00+08:00",
        json!([ev("acknowledged", "2026-07-01T10:00:00+08:00")]),
        "2026-07-02T09:00:00+08:00",
    );
    assert_eq!(due(&a, "mediation").1, "2026-08-31T18:00:00+08:00");
    let a = assess(
        "cn-consumer-samr",
        "2026-06-29T10:00:00+08:00",
        json!([ev("acknowledged", "2026-07-02T10:00:00+08:00")]),
        "2026-07-03T09:00:00+08:00",
    );
    assert_eq!(due(&a, "mediation").1, "2026-08-31T18:00:00+08:00");
}

/// Order 121 第二十二条: testing time does not count. Accepted Mon 04-20,
/// suspended from 05-11 00:00 to 05-18 00:00: the 7 whole days 05-11..17
/// stop the natural-day count: day 67 after 04-20 is Fri 06-26, a working day.
/// A pause from 05-11 09:00 to 05-18 09:00 touches 8 calendar days, and a
/// day-based clock counts a partly paused day as paused (`partial_days:
/// count`, docs/policy.md): day 68 is Sat 06-27, rolled to Mon 06-29.
#[test]
fn samr_order_121_testing_time_does_not_count() {
    let with_pause = |from: &str, to: &str| {
        let events = json!([
            ev("acknowledged", "2026-04-20T10:00:00+08:00"),
            ev("suspended", from),
            ev("resumed", to),
        ]);
        assess(
            "cn-consumer-samr",
            "2026-04-15T10:00:00+08:00",
            events,
            "2026-05-19T09:00:00+08:00",
        )
    };
    let a = with_pause("2026-05-11T00:00:00+08:00", "2026-05-18T00:00:00+08:00");
    assert_eq!(
        due(&a, "mediation"),
        ("pending".into(), "2026-06-26T18:00:00+08:00".into())
    );
    let a = with_pause("2026-05-11T09:00:00+08:00", "2026-05-18T09:00:00+08:00");
    assert_eq!(due(&a, "mediation").1, "2026-06-29T18:00:00+08:00");
}

/// The must-show RBI pair around 2026-07-01, both replied Fri 07-10.
#[test]
fn rbi_complaints_either_side_of_the_2026_scheme_get_their_own_version() {
    let replied = json!([ev("replied", "2026-07-10T12:00:00+05:30")]);
    let old = assess(
        "in-rbi",
        "2026-06-30T11:00:00+05:30",
        replied.clone(),
        "2026-07-11T09:00:00+05:30",
    );
    assert_eq!(version(&old), ("2021", "2021-11-12", "received_at"));
    assert_eq!(old["policy_version"]["effective_to"], "2026-06-30");
    // Cl. 10(2)(a)(i): 30 days after Tue 06-30 → Thu 07-30, 24:00.
    assert_eq!(due(&old, "reply"), ("met".into(), "2026-07-31T00:00:00+05:30".into()));
    // Cl. 10(2)(a)(ii): one year after the reply → Sat 2027-07-10, 24:00.
    assert_eq!(
        due(&old, "ombudsman_window"),
        ("pending".into(), "2027-07-11T00:00:00+05:30".into())
    );

    let new = assess(
        "in-rbi",
        "2026-07-01T11:00:00+05:30",
        replied,
        "2026-07-11T09:00:00+05:30",
    );
    assert_eq!(version(&new), ("2026", "2026-07-01", "received_at"));
    // 30 days after Wed 07-01 → Fri 07-31, 24:00.
    assert_eq!(due(&new, "reply"), ("met".into(), "2026-08-01T00:00:00+05:30".into()));
    // 90 days after Fri 07-10: Jul 11-31 (21), Aug (52), Sep (82), Oct 1-8.
    assert_eq!(
        due(&new, "ombudsman_window"),
        ("pending".into(), "2026-10-09T00:00:00+05:30".into())
    );
}

/// The boundary is midnight in the calendar's zone: 2026-06-30T18:40Z is
/// 07-01 00:10 in Kolkata (the 2026 Scheme); 18:20Z is 06-30 23:50 (2021).
#[test]
fn rbi_boundary_is_read_in_the_calendar_zone() {
    let a = assess("in-rbi", "2026-06-30T18:40:00Z", json!([]), "2026-07-02T00:00:00Z");
    assert_eq!(version(&a).0, "2026");
    let a = assess("in-rbi", "2026-06-30T18:20:00Z", json!([]), "2026-07-02T00:00:00Z");
    assert_eq!(version(&a).0, "2021");
}

#[test]
fn complaints_before_the_first_version_are_an_error() {
    for (policy, received, now) in [
        (
            "cn-consumer-samr",
            "2019-12-31T23:59:00+08:00",
            "2020-01-02T09:00:00+08:00",
        ),
        ("in-rbi", "2021-11-11T23:59:00+05:30", "2021-11-13T09:00:00+05:30"),
    ] {
        let complaint = json!({"id": "C", "received_at": received, "channel": "letter", "text": "x"});
        let input = json!({"policy": policy, "case": {"complaint": complaint}, "now": now});
        let e = run_op("assess", &input).unwrap_err();
        assert_eq!((e.code(), e.path()), (Code::NoVersionInForce, "/complaint/received_at"));
    }
}

/// A pinned version applies whatever the dates; the assessment says so.
#[test]
fn pinned_versions_apply_to_any_complaint() {
    let a = assess(
        "cn-consumer-samr@2022",
        "2026-09-01T10:00:00+08:00",
        json!([ev("acknowledged", "2026-09-02T10:00:00+08:00")]),
        "2026-09-03T09:00:00+08:00",
    );
    assert_eq!(version(&a), ("2022", "2020-01-01", "pinned"));
    // 45 working days after Wed 09-02: Sep 3-4 (2), 7-11 (7), 14-18 (12),
    // Sun 09-20 make-up (13), Sep 21-24 (17), 09-25..27 Mid-Autumn, Sep
    // 28-30 (20), 10-01..07 National Day, Oct 8-9 (22), Sat 10-10 make-up
    // (23), Oct 12-16 (28), 19-23 (33), 26-30 (38), Nov 2-6 (43), Nov 9-10 (45).
    assert_eq!(due(&a, "mediation").1, "2026-11-10T18:00:00+08:00");
    let p = Policy::preset("in-rbi@2021").unwrap();
    assert_eq!(
        (p.version.as_str(), p.applied.selected_by),
        ("2021", SelectedBy::Pinned)
    );
    let e = Policy::preset("in-rbi@2020").unwrap_err();
    assert_eq!(e.code(), Code::UnknownVersion);
    assert!(e.to_string().contains("versions: 2021, 2026"), "{e}");
    // A policy without versions answers to its own version only.
    assert_eq!(Policy::preset("cn-property@2026.1").unwrap().version, "2026.1");
    assert_eq!(
        Policy::preset("cn-property@2025").unwrap_err().code(),
        Code::UnknownVersion
    );
}

/// A policy without versions is its own single version.
#[test]
fn single_policies_name_their_version() {
    let a = assess(
        "cn-petition-2022",
        "2026-09-21T10:00:00+08:00",
        json!([]),
        "2026-09-22T09:00:00+08:00",
    );
    let v = &a["policy_version"];
    assert_eq!(v["selected_by"], "single");
    assert_eq!(v["effective_from"], Value::Null);
    assert_eq!(v["name"], "cn-petition-2022");
}

fn two_versions(in_force_at: &str) -> Policy {
    let body = |label: &str, from: &str, severity: &str| {
        json!({"version": label, "effective_from": from, "calendar": "cn-mainland",
               "classification": [{"id": "severity", "output": "severity", "default": severity, "rows": []}],
               "deadlines": [{"id": label, "clock": "working_days", "amount": 1, "met_by": ["resolved"]}]})
    };
    Policy::from_value(&json!({"plaint_policy": 1, "name": "t", "in_force_at": in_force_at,
        "versions": [body("A", "2026-01-01", "minor"), body("B", "2026-06-01", "major")]}))
    .unwrap()
}

/// `classify` has no `now`: it uses the version in force at receipt, or the
/// newest one when none is (assess reports that as an error).
#[test]
fn classify_uses_the_version_at_receipt() {
    let p = two_versions("received_at");
    let complaint = |at: &str| {
        Complaint::from_value(&json!({"id": "C", "received_at": at, "channel": "letter", "text": "x"})).unwrap()
    };
    let severity = |at: &str| classify(&p, &complaint(at)).severity.map(|s| s.code());
    assert_eq!(severity("2026-05-31T23:00:00+08:00"), Some("minor"));
    assert_eq!(severity("2026-06-01T00:00:00+08:00"), Some("major"));
    assert_eq!(severity("2025-06-01T00:00:00+08:00"), Some("major"));
}

/// Each version's deadline rules are its own; `deadline_ids` lists them all.
#[test]
fn versions_do_not_share_rules() {
    let p = two_versions("now");
    assert_eq!(p.versions().len(), 2);
    let ids = p.deadline_ids();
    let ids: Vec<&str> = ids.iter().map(|t| &**t).collect();
    assert_eq!(ids, ["A", "B"]);
    let case = Case::from_value(
        &json!({"complaint": {"id": "C", "received_at": "2026-05-29T10:00:00+08:00",
        "channel": "letter", "text": "x"}}),
    )
    .unwrap();
    let now = parse_instant("2026-06-01T09:00:00+08:00").unwrap();
    let a = plaint_core::assess(&p, &case, now).unwrap();
    let rules: Vec<&str> = a.deadlines.iter().map(|d| &*d.id).collect();
    assert_eq!(rules, ["B"]);
    assert_eq!(a.policy_version.selected_by, SelectedBy::Now);
}

/// Every problem of a document is reported, and nothing is half-loaded:
/// one bad version fails the whole document.
#[test]
fn bad_version_ranges_fail_the_whole_document() {
    let doc = json!({"plaint_policy": 1, "name": "t", "versions": [
        {"version": "A", "effective_from": "2026-01-01", "effective_to": "2026-03-31", "calendar": "cn-mainland"},
        {"version": "B", "effective_from": "2026-05-01", "calendar": "cn-mainland"},
        {"version": "C", "effective_from": "2026-04-01", "calendar": "cn-mainland"}
    ]});
    let e = Policy::from_value(&doc).unwrap_err();
    let problems: Vec<(Code, String)> = e.problems().into_iter().map(|p| (p.code, p.path)).collect();
    assert_eq!(
        problems,
        [
            (Code::VersionGap, "/versions/0/effective_to".to_string()),
            (Code::OverlappingVersions, "/versions/2/effective_from".to_string()),
        ]
    );
}

/// A policy replayed against itself changes nothing, and every case of the
/// examples is assessed (none is an error).
#[test]
fn replay_against_itself_changes_nothing() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/cases/consumer-samr.jsonl"
    ))
    .unwrap();
    let now = parse_instant("2026-10-12T09:00:00+08:00").unwrap();
    for name in ["cn-consumer-samr", "cn-consumer-samr@2022", "cn-consumer-samr@2026"] {
        let p = Policy::preset(name).unwrap();
        let mut r = plaint_core::replay::Replay::new(&p, &p, now);
        for (i, line) in text.lines().enumerate() {
            assert_eq!(
                r.case(i as u64, &Case::from_json(line).unwrap()),
                None,
                "{name} line {}",
                i + 1
            );
        }
        let s = r.summary();
        assert_eq!((s.cases, s.changed, s.unchanged, s.errors), (5, 0, 5, 0), "{name}");
        assert!(s.rules.iter().all(|t| t.changed == 0));
    }
}
