//! Deadlines at the end of the calendar's data: undetermined deadlines that
//! do not sink the assessment, projected (provisional) holidays, horizon
//! warnings, a replacement calendar for a preset. Expected values are
//! computed by hand in the comments (2026-12-01 is a Tuesday; cn-mainland's
//! official data ends 2026-12-31; its projected 2027 holidays are 01-01
//! 元旦, 02-05 除夕, 02-06..08 春节, 02-09..10 补假, ...).

use plaint_core::analytics::{StatsOptions, assess_and_count};
use plaint_core::model::parse_instant;
use plaint_core::sla::SlaState;
use plaint_core::{AssessOptions, Assessment, BeyondData, Calendar, Case, Code, Policy, WarningCode};
use serde_json::{Value, json};
use std::sync::Arc;

fn at(s: &str) -> plaint_core::Instant {
    parse_instant(s).unwrap()
}

/// A petition received on `received` and acknowledged (accepted) on `ack`.
fn petition(id: &str, received: &str, ack: Option<&str>, more: Value) -> Case {
    let mut events = vec![json!({"type": "received", "at": received})];
    if let Some(a) = ack {
        events.push(json!({"type": "acknowledged", "at": a}));
    }
    events.extend(more.as_array().cloned().unwrap_or_default());
    Case::from_value(&json!({"complaint": {"id": id, "received_at": received, "text": "信访事项"}, "events": events}))
        .unwrap()
}

fn assess(policy: &Policy, case: &Case, now: &str, beyond: Option<BeyondData>) -> Assessment {
    let opts = AssessOptions {
        beyond_data: beyond,
        ..AssessOptions::default()
    };
    plaint_core::assess_with_options(policy, case, at(now), &opts).unwrap()
}

fn deadline<'a>(a: &'a Assessment, id: &str) -> &'a plaint_core::sla::DeadlineStatus {
    a.deadlines.iter().find(|d| &*d.id == id).unwrap()
}

fn codes(a: &Assessment) -> Vec<&'static str> {
    a.warnings.iter().map(|w| w.code.code()).collect()
}

fn stamp(s: Option<plaint_core::Stamp>) -> Option<String> {
    s.map(|s| s.to_string())
}

#[test]
fn a_petition_whose_handling_limit_passes_the_data_is_undetermined_not_an_error() {
    let policy = Policy::preset("cn-petition-2022").unwrap();
    let case = petition(
        "PET-1",
        "2026-12-01T10:00:00+08:00",
        Some("2026-12-03T10:00:00+08:00"),
        json!([]),
    );
    let a = assess(&policy, &case, "2026-12-06T10:00:00+08:00", None);
    // Written notice: 15 days from 12-01 (day 15 = Wed 12-16, 18:00), acknowledged 12-03.
    let notice = deadline(&a, "written_notice");
    assert_eq!(notice.state, SlaState::Met);
    assert_eq!(stamp(notice.due_at).as_deref(), Some("2026-12-16T18:00:00+08:00"));
    // Handling: 60 days from 12-03 reach 2027, past the data.
    let handling = deadline(&a, "handling");
    assert_eq!(handling.state, SlaState::Undetermined);
    let err = handling.error.as_ref().unwrap();
    assert_eq!(err.code, "calendar_range_exceeded");
    assert!(err.message.contains("2027-01-01"), "{}", err.message);
    assert_eq!(handling.due_at, None);
    // Elapsed still counts: 12-04 and 12-05 have ended, 12-06 has not (18:00).
    assert_eq!((handling.elapsed, handling.remaining), (Some(2), Some(58)));
    assert!(!handling.provisional);
    assert_eq!(deadline(&a, "review").state, SlaState::NotStarted);
    // Nothing left to change by itself: the host asks again with more data.
    assert_eq!(a.next_check_at, None);
    // 25 days from 12-06 to 12-31, within the default 60.
    assert_eq!(codes(&a), ["calendar_data_ending", "deadline_undetermined"]);
    assert_eq!(a.warnings[0].days_left, 25);
    assert_eq!(a.warnings[1].deadline.as_deref(), Some("handling"));
}

#[test]
fn with_projection_the_petition_gets_a_provisional_due_date_naming_the_projected_holidays() {
    let policy = Policy::preset("cn-petition-2022").unwrap();
    let case = petition(
        "PET-1",
        "2026-12-01T10:00:00+08:00",
        Some("2026-12-03T10:00:00+08:00"),
        json!([]),
    );
    let a = assess(&policy, &case, "2026-12-06T10:00:00+08:00", Some(BeyondData::Projected));
    // 60 calendar days from Thu 2026-12-03: 28 to 12-31, 31 to 2027-01-31,
    // day 60 = Mon 2027-02-01, a working day by the projection (no roll);
    // close of business 18:00. The one projected holiday on the way is 01-01.
    let h = deadline(&a, "handling");
    assert_eq!(h.state, SlaState::Pending);
    assert_eq!(stamp(h.due_at).as_deref(), Some("2027-02-01T18:00:00+08:00"));
    assert!(h.provisional);
    let note = h.notes.iter().find(|n| n.starts_with("provisional")).unwrap();
    assert!(note.contains("2027-01-01 元旦 New Year's Day"), "{note}");
    assert!(!note.contains("2027-02-05"), "{note}");
    assert!(!deadline(&a, "written_notice").provisional);
    let w = a
        .warnings
        .iter()
        .find(|w| w.code == WarningCode::ProjectedData)
        .unwrap();
    assert_eq!(w.dates, ["2027-01-01"]);
    assert_eq!(
        a.next_check_at.map(|s| s.to_string()).as_deref(),
        Some("2027-02-01T18:00:00+08:00")
    );
}

#[test]
fn the_projected_spring_festival_rolls_a_due_date() {
    let policy = Policy::preset("cn-petition-2022").unwrap();
    let case = petition(
        "PET-2",
        "2026-12-08T10:00:00+08:00",
        Some("2026-12-10T10:00:00+08:00"),
        json!([]),
    );
    let a = assess(&policy, &case, "2026-12-11T10:00:00+08:00", Some(BeyondData::Projected));
    // Day 60 from 12-10 = Mon 2027-02-08 (21 days to 12-31, 31 in January,
    // 8 in February): 春节 by the projection, then 02-09 and 02-10 补假 (the
    // 06/07 weekend days made up): rolled to Thu 02-11.
    let h = deadline(&a, "handling");
    assert_eq!(stamp(h.due_at).as_deref(), Some("2027-02-11T18:00:00+08:00"));
    let note = h.notes.iter().find(|n| n.starts_with("provisional")).unwrap();
    for d in [
        "2027-01-01",
        "2027-02-05",
        "2027-02-06",
        "2027-02-07",
        "2027-02-08",
        "2027-02-09",
        "2027-02-10",
    ] {
        assert!(note.contains(d), "{d} missing from {note}");
    }
}

#[test]
fn a_policy_may_opt_in_to_projected_data_for_every_call() {
    let mut doc: Value = serde_json::from_str(plaint_core::policy::presets::text("cn-petition-2022").unwrap()).unwrap();
    doc["options"] = json!({"beyond_data": "projected"});
    let policy = Policy::from_value(&doc).unwrap();
    let case = petition(
        "PET-1",
        "2026-12-01T10:00:00+08:00",
        Some("2026-12-03T10:00:00+08:00"),
        json!([]),
    );
    let a = assess(&policy, &case, "2026-12-06T10:00:00+08:00", None);
    assert_eq!(
        stamp(deadline(&a, "handling").due_at).as_deref(),
        Some("2027-02-01T18:00:00+08:00")
    );
    // ... and a call may still refuse it.
    let b = assess(
        &policy,
        &case,
        "2026-12-06T10:00:00+08:00",
        Some(BeyondData::Undetermined),
    );
    assert_eq!(deadline(&b, "handling").state, SlaState::Undetermined);
}

#[test]
fn a_breach_stays_a_breach_after_the_data_ends_with_its_overdue_time_as_a_lower_bound() {
    let policy = Policy::preset("cn-petition-2022").unwrap();
    let case = petition("PET-3", "2026-12-01T10:00:00+08:00", None, json!([]));
    let a = assess(&policy, &case, "2027-01-15T10:00:00+08:00", None);
    let n = deadline(&a, "written_notice");
    assert_eq!(n.state, SlaState::Breached);
    assert_eq!(stamp(n.due_at).as_deref(), Some("2026-12-16T18:00:00+08:00"));
    // Counted to 24:00 on 12-31: days 12-02..12-31 have ended (30); the
    // target is 15, so at least 15 days overdue.
    assert_eq!(stamp(n.counted_until).as_deref(), Some("2027-01-01T00:00:00+08:00"));
    assert_eq!((n.elapsed, n.remaining), (Some(30), Some(-15)));
    assert!(
        n.notes.iter().any(|x| x.contains("overdue by at least 15 days")),
        "{:?}",
        n.notes
    );
    // 2027-01-15 is 15 days after the data's last date.
    assert_eq!(codes(&a), ["calendar_data_ended"]);
    assert_eq!(a.warnings[0].days_left, -15);
}

#[test]
fn a_deadline_met_before_the_data_ends_is_met_though_its_due_lies_past_it() {
    let policy = Policy::preset("cn-petition-2022").unwrap();
    let case = petition(
        "PET-4",
        "2026-12-01T10:00:00+08:00",
        Some("2026-12-03T10:00:00+08:00"),
        json!([{"type": "replied", "at": "2026-12-20T10:00:00+08:00"}]),
    );
    let a = assess(&policy, &case, "2026-12-21T10:00:00+08:00", None);
    let h = deadline(&a, "handling");
    assert_eq!(h.state, SlaState::Met);
    assert_eq!(h.due_at, None);
    assert_eq!(h.error, None);
    // 12-04..12-19 ended before the reply on 12-20 10:00: 16 of 60 days.
    assert_eq!((h.elapsed, h.remaining), (Some(16), Some(44)));
    assert!(!codes(&a).contains(&"deadline_undetermined"));
}

#[test]
fn an_escalation_on_an_undetermined_deadline_does_not_fire_and_says_so() {
    let policy = Policy::from_value(&json!({
        "plaint_policy": 1, "name": "t", "version": "1", "calendar": "cn-mainland",
        "deadlines": [
            {"id": "reply", "clock": "working_days", "amount": 30, "met_by": ["replied"]},
            {"id": "contact", "clock": "elapsed", "amount": 60, "met_by": ["contacted"]}
        ],
        "escalation": {"ladder": [{"id": "agent"}, {"id": "manager"}],
            "triggers": [
                {"id": "late_reply", "on": "breached", "deadline": "reply", "to": "manager"},
                {"id": "late_contact", "on": "breached", "deadline": "contact", "to": "manager"}
            ]}
    }))
    .unwrap();
    let case = Case::from_value(
        &json!({"complaint": {"id": "E1", "received_at": "2026-12-20T10:00:00+08:00", "text": "x"}, "events": []}),
    )
    .unwrap();
    let a = assess(&policy, &case, "2026-12-21T10:00:00+08:00", None);
    let reply = deadline(&a, "reply");
    assert_eq!(reply.state, SlaState::Undetermined);
    assert!(
        reply
            .notes
            .iter()
            .any(|n| n.contains("escalation trigger late_reply (breached) does not fire")),
        "{:?}",
        reply.notes
    );
    // The elapsed-time deadline (60 minutes from 12-20 10:00) is breached
    // and its escalation fires as usual.
    assert_eq!(deadline(&a, "contact").state, SlaState::Breached);
    let fired: Vec<&str> = a.escalations.iter().map(|e| &*e.trigger).collect();
    assert_eq!(fired, ["late_contact"]);
}

#[test]
fn a_batch_of_1000_with_10_past_the_data_assesses_all_1000() {
    let policy = Policy::preset("cn-petition-2022").unwrap();
    let mut cases = Vec::new();
    // 990 acknowledged on 2026-09-01..: handling due in Oct-Nov, within the data.
    for i in 0..990 {
        let day = 1 + i % 28;
        let r = format!("2026-09-{day:02}T09:00:00+08:00");
        let ack = format!("2026-09-{day:02}T15:00:00+08:00");
        cases.push(petition(&format!("ok-{i}"), &r, Some(&ack), json!([])));
    }
    // 10 acknowledged 2026-12-03: handling needs 2027.
    for i in 0..10 {
        cases.push(petition(
            &format!("late-{i}"),
            "2026-12-01T10:00:00+08:00",
            Some("2026-12-03T10:00:00+08:00"),
            json!([]),
        ));
    }
    let stats = assess_and_count(
        &policy,
        cases,
        at("2026-12-06T10:00:00+08:00"),
        &StatsOptions::default(),
    )
    .unwrap();
    assert_eq!(stats.total, 1000);
    let h = &stats.on_time["handling"];
    // The 990 were never replied to: due at the latest 2026-11-30 (60 days
    // from 09-28, no roll needed... all before now) — breached.
    assert_eq!((h.counts.breached, h.counts.undetermined, h.counts.open), (990, 10, 0));
    assert_eq!(stats.crossing_data_end.open_complaints, 10);
    assert_eq!(stats.crossing_data_end.data_end, "2026-12-31");
}

/// The 2027 schedule used by the replacement-calendar tests: a test fixture
/// in the shape of a State Council notice, not the real one.
fn cn_2027() -> Arc<Calendar> {
    Arc::new(
        Calendar::from_value(&json!({
            "plaint_calendar": 1, "extends": "cn-mainland", "name": "cn-mainland-2027",
            "valid_to": "2027-12-31",
            "holidays": [
                {"date": "2027-01-01", "name": "元旦"},
                {"date": "2027-02-05", "name": "春节"}, {"date": "2027-02-06", "name": "春节"},
                {"date": "2027-02-07", "name": "春节"}, {"date": "2027-02-08", "name": "春节"},
                {"date": "2027-02-09", "name": "春节"}, {"date": "2027-02-10", "name": "春节"},
                {"date": "2027-02-11", "name": "春节"}, {"date": "2027-02-12", "name": "春节"}
            ],
            "extra_working_days": [{"date": "2027-02-20", "name": "春节 调休"}]
        }))
        .unwrap(),
    )
}

#[test]
fn a_replacement_calendar_with_official_2027_data_gives_a_non_provisional_answer() {
    let preset = Policy::preset("cn-petition-2022").unwrap();
    let policy = preset.with_calendar(cn_2027()).unwrap();
    assert_eq!(policy.calendar.name(), "cn-mainland-2027");
    let case = petition(
        "PET-1",
        "2026-12-01T10:00:00+08:00",
        Some("2026-12-03T10:00:00+08:00"),
        json!([]),
    );
    // Even with projection asked for, 2027 is official data now.
    let a = assess(&policy, &case, "2026-12-06T10:00:00+08:00", Some(BeyondData::Projected));
    let h = deadline(&a, "handling");
    assert_eq!(stamp(h.due_at).as_deref(), Some("2027-02-01T18:00:00+08:00"));
    assert!(!h.provisional);
    assert_eq!(&*h.calendar, "cn-mainland-2027");
    // Ack 12-10: day 60 = 02-08, a holiday through 02-12 (Fri) by this
    // schedule, then the weekend: Mon 02-15 (the projection said 02-11).
    let case = petition(
        "PET-2",
        "2026-12-08T10:00:00+08:00",
        Some("2026-12-10T10:00:00+08:00"),
        json!([]),
    );
    let a = assess(&policy, &case, "2026-12-11T10:00:00+08:00", None);
    assert_eq!(
        stamp(deadline(&a, "handling").due_at).as_deref(),
        Some("2027-02-15T18:00:00+08:00")
    );
    // Its projection now starts in 2028.
    let p = policy.calendar.spec().projection.as_ref().unwrap();
    assert_eq!(p.holidays.keys().next().unwrap().to_string(), "2028-01-01");
}

#[test]
fn a_replacement_calendar_must_be_of_the_same_line() {
    let preset = Policy::preset("cn-petition-2022").unwrap();
    let e = preset.with_calendar(Calendar::preset("gb-eng").unwrap()).unwrap_err();
    assert_eq!((e.code(), e.path()), (Code::InvalidValue, "/calendar"));
    // A host's own standalone calendar of the same name is accepted.
    let mut doc: Value = serde_json::from_str(plaint_core::time::presets::CALENDARS[2].1).unwrap();
    doc["valid_to"] = json!("2026-12-31");
    let same = Arc::new(Calendar::from_value(&doc).unwrap());
    assert!(preset.with_calendar(same).is_ok());
}

#[test]
fn a_projection_is_checked_with_paths() {
    let base = json!({"plaint_calendar": 1, "name": "x", "zone": "UTC",
        "valid_from": "2026-01-01", "valid_to": "2026-12-31"});
    let mut bad = base.clone();
    bad["projection"] = json!({"valid_to": "2026-06-30"});
    let e = Calendar::from_value(&bad).unwrap_err();
    assert_eq!((e.code(), e.path()), (Code::InvalidRange, "/projection/valid_to"));
    let mut bad = base.clone();
    bad["projection"] = json!({"valid_to": "2027-12-31", "holidays": [
        {"date": "2027-05-01", "name": "ok"}, {"date": "2026-05-01", "name": "official year"}]});
    let e = Calendar::from_value(&bad).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (Code::InvalidRange, "/projection/holidays/1/date")
    );
}

#[test]
fn calendar_status_counts_the_days_left_from_a_given_date() {
    let s = Calendar::preset("cn-mainland")
        .unwrap()
        .status(chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap());
    assert_eq!((s.data_to.as_str(), s.days_left), ("2026-12-31", 25));
    // 2026-12-31 to 2030-12-31 is 4 years with one 29 February: 1461 days.
    assert_eq!(s.projected_to.as_deref(), Some("2030-12-31"));
    assert_eq!(s.projected_days_left, Some(25 + 1461));
    let sg = Calendar::preset("sg")
        .unwrap()
        .status(chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap());
    assert_eq!((sg.days_left, sg.projected_to), (390, None));
}

#[test]
fn the_data_end_warning_horizon_is_a_policy_option() {
    let mut doc: Value = serde_json::from_str(plaint_core::policy::presets::text("cn-petition-2022").unwrap()).unwrap();
    doc["options"] = json!({"data_end_warning_days": 10});
    let policy = Policy::from_value(&doc).unwrap();
    // Received 12-01, not yet acknowledged, now 12-06: 25 days left (> 10);
    // the written notice is due 12-16, 15 days before the end (> 10).
    let case = petition("PET-5", "2026-12-01T10:00:00+08:00", None, json!([]));
    let a = assess(&policy, &case, "2026-12-06T10:00:00+08:00", None);
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    // Received 12-15: notice due 12-30 (Wed), 1 day before the end.
    let case = petition("PET-6", "2026-12-15T10:00:00+08:00", None, json!([]));
    let a = assess(&policy, &case, "2026-12-16T10:00:00+08:00", None);
    assert_eq!(codes(&a), ["calendar_data_ending"]);
    assert_eq!(a.warnings[0].deadline.as_deref(), Some("written_notice"));
}

#[test]
fn a_single_deadline_may_be_asked_on_projected_data() {
    let cal = Calendar::preset("cn-mainland").unwrap();
    let req = json!({"start": "2026-12-28T10:00:00+08:00", "clock": "working_days", "amount": 5});
    let e = plaint_core::api::deadline_value(&cal, &req).unwrap_err();
    assert_eq!(e.code(), Code::CalendarRangeExceeded);
    // After Mon 12-28: 12-29, 12-30, 12-31, (01-01 projected 元旦), 01-04, 01-05.
    let mut req = req;
    req["beyond_data"] = json!("projected");
    let out = plaint_core::api::deadline_value(&cal, &req).unwrap();
    assert_eq!(out, json!({"due_at": "2027-01-05T18:00:00+08:00", "provisional": true}));
}
