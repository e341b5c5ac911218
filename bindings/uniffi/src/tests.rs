//! Rust-side tests of the translation; the Kotlin tests (tests/kotlin) run
//! the generated bindings over every conformance vector.

use super::*;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// An RFC 3339 instant as a timestamp (test inputs only).
fn at(s: &str) -> SystemTime {
    time::system(plaint_core::model::parse_instant(s).unwrap())
}

fn major_leak() -> Case {
    Case {
        complaint: Complaint {
            id: "PM-2026-0917".into(),
            received_at: at("2026-09-24T16:00:00+08:00"),
            channel: Some(Channel::Letter),
            customer: Some(Customer {
                id: Some("owner-1201".into()),
                tier: Some(CustomerTier::Regular),
            }),
            subject: Some("漏水".into()),
            product: None,
            department: Some("工程部".into()),
            text: Some("楼上漏水,天花板掉落砸伤了我母亲,水还在往下滴。已写信至集团总部。".into()),
            facts: Some(Facts {
                personal_injury: Some(true),
                harm_ongoing: Some(true),
                involves_other_department: Some(true),
                cause: Some(Cause::Hardware),
                ..Facts::default()
            }),
            classification: None,
            attributes: Default::default(),
        },
        events: vec![
            event(EventKind::Registered, "2026-09-24T16:05:00+08:00", |e| {
                e.by = Some("front-desk-li".into())
            }),
            event(EventKind::Forwarded, "2026-09-24T16:20:00+08:00", |e| {
                e.by = Some("front-desk-li".into());
                e.to = Some("engineering".into());
            }),
            event(EventKind::RemedyProposed, "2026-09-28T11:00:00+08:00", |e| {
                e.by = Some("front-desk-li".into());
                e.level = Some("front_desk".into());
                e.remedy = Some(Remedy::Compensation);
                e.remedy_amount = Some(2000.0);
            }),
        ],
        related: vec![],
    }
}

fn event(kind: EventKind, when: &str, set: impl FnOnce(&mut Event)) -> Event {
    let mut e = Event {
        kind,
        at: at(when),
        by: None,
        to: None,
        handoff: None,
        severity: None,
        category: None,
        nature: None,
        deadline: None,
        amount: None,
        reason: None,
        remedy: None,
        remedy_amount: None,
        level: None,
        channel: None,
        written: None,
        validity: None,
        extent: None,
        note: None,
    };
    set(&mut e);
    e
}

const MAJOR_LEAK: &str = include_str!("../../../examples/cases/major-leak.json");

#[test]
fn the_worked_example_of_the_docs() {
    // 3 working days from Thu 2026-09-24 16:00 in Beijing: the Mid-Autumn
    // holiday (25-27) is skipped; Mon 28, Tue 29, Wed 30 count; close of business 18:00.
    let cal = WorkCalendar::preset("cn-mainland".into()).unwrap();
    let due = cal
        .add(
            at("2026-09-24T16:00:00+08:00"),
            DeadlineClock::WorkingDays,
            3,
            None,
            None,
        )
        .unwrap();
    assert_eq!(due, at("2026-09-30T18:00:00+08:00"));
    assert_eq!(cal.format(due).unwrap(), "2026-09-30T18:00:00+08:00");
}

#[test]
fn typed_case_and_json_case_give_the_same_assessment() {
    let p = Policy::preset("cn-property".into()).unwrap();
    let now = at("2026-09-29T10:00:00+08:00");
    let typed = p.assess(major_leak(), now, AssessOptions::default()).unwrap();
    let json = p.assess_json(MAJOR_LEAK.into(), now, AssessOptions::default()).unwrap();
    assert_eq!(typed, json);
    assert_eq!(typed.complaint_id, "PM-2026-0917");
    assert_eq!(typed.state, ComplaintState::InProgress);
    assert_eq!(typed.classification.severity, Some(Severity::Major));
    // The README's demo: major_reply due 2026-09-29 18:00 with 1 working day
    // left, pending until its warning at 75 % of its 17 working hours, 13:45.
    let reply = typed.deadlines.iter().find(|d| d.id == "major_reply").unwrap();
    assert_eq!(reply.state, DeadlineState::Pending);
    assert_eq!(reply.warn_at, Some(at("2026-09-29T13:45:00+08:00")));
    assert_eq!(reply.due_at, Some(at("2026-09-29T18:00:00+08:00")));
    assert_eq!((reply.remaining, reply.unit), (Some(1), AmountUnit::WorkingDays));
    assert_eq!(typed.next_check_at, Some(at("2026-09-29T13:45:00+08:00")));
}

#[test]
fn errors_carry_code_path_and_a_readable_message() {
    let cal = WorkCalendar::preset("cn-mainland".into()).unwrap();
    let e = cal
        .add(
            at("2026-09-24T16:00:00+08:00"),
            DeadlineClock::WorkingDays,
            -3,
            None,
            None,
        )
        .unwrap_err();
    assert_eq!((e.code(), e.path()), ("negative_amount", "/amount"));
    // "<code>: <detail>", the detail naming the path.
    let message = e.to_string();
    assert!(
        message.starts_with("negative_amount: /amount: ") && message.ends_with("is negative"),
        "{message}"
    );
    assert!(matches!(e, PlaintError::Amount { .. }));

    let e = Policy::preset("cn-proprety".into()).unwrap_err();
    assert!(matches!(e, PlaintError::UnknownPreset { .. }));
    assert_eq!(e.code(), "unknown_preset");

    // A typed complaint's paths are those of its JSON form.
    let mut case = major_leak();
    case.complaint.id = String::new();
    case.events[1].at = at("2026-09-23T16:20:00+08:00");
    let e = Policy::preset("cn-property".into())
        .unwrap()
        .assess(case, at("2026-09-29T10:00:00+08:00"), AssessOptions::default())
        .unwrap_err();
    assert_eq!((e.code(), e.path()), ("invalid_value", "/complaint/id"));

    // What JSON cannot carry is refused at its path, never dropped.
    let mut case = major_leak();
    case.events[2].remedy_amount = Some(f64::NAN);
    let e = Policy::preset("cn-property".into())
        .unwrap()
        .assess(case, at("2026-09-29T10:00:00+08:00"), AssessOptions::default())
        .unwrap_err();
    assert_eq!((e.code(), e.path()), ("invalid_value", "/events/2/remedy_amount"));
    let year_10000 = UNIX_EPOCH + Duration::from_secs(253_402_300_800);
    let e = cal.add(year_10000, DeadlineClock::Elapsed, 1, None, None).unwrap_err();
    assert_eq!((e.code(), e.path()), ("invalid_instant", "/start"));
}

#[test]
fn an_event_before_the_receipt_is_an_event_log_error() {
    let mut case = major_leak();
    case.events[1].at = at("2026-09-23T16:20:00+08:00");
    let e = Policy::preset("cn-property".into())
        .unwrap()
        .assess(case, at("2026-09-29T10:00:00+08:00"), AssessOptions::default())
        .unwrap_err();
    assert!(matches!(e, PlaintError::EventLog { .. }), "{e:?}");
    assert_eq!((e.code(), e.path()), ("invalid_event", "/events/1/at"));
}

#[test]
fn assess_many_keeps_order_and_reports_each_failure_alone() {
    let p = Policy::preset("cn-property".into()).unwrap();
    let now = at("2026-09-29T10:00:00+08:00");
    let mut bad = major_leak();
    bad.complaint.id = String::new();
    let out = p
        .assess_many(vec![major_leak(), bad, major_leak()], now, AssessOptions::default())
        .unwrap();
    assert_eq!(out.len(), 3);
    let single = p.assess(major_leak(), now, AssessOptions::default()).unwrap();
    assert_eq!(
        out[0],
        CaseOutcome::Assessed {
            assessment: single.clone()
        }
    );
    assert_eq!(out[2], CaseOutcome::Assessed { assessment: single });
    let CaseOutcome::Failed { error } = &out[1] else {
        panic!("{:?}", out[1])
    };
    assert_eq!(
        (error.code.as_str(), error.path.as_str()),
        ("invalid_value", "/complaint/id")
    );
}

#[test]
fn explain_deadline_is_the_text_of_the_cli() {
    let cal = WorkCalendar::preset("cn-mainland".into()).unwrap();
    let text = cal
        .explain_deadline(
            at("2026-09-24T16:00:00+08:00"),
            DeadlineClock::WorkingDays,
            3,
            None,
            None,
            None,
            None,
        )
        .unwrap();
    // The README's `plaint deadline ... --explain` output, line for line.
    let want = "2026-09-30T18:00:00+08:00
calendar cn-mainland, start 2026-09-24T16:00:00+08:00, 3 working days, close of business, no roll
  2026-09-24 Thu  start day, not counted
  2026-09-25 Fri  holiday, skipped  中秋节 Mid-autumn Festival
  2026-09-26 Sat  holiday, skipped  中秋节 Mid-autumn Festival
  2026-09-27 Sun  holiday, skipped  中秋节 Mid-autumn Festival
  2026-09-28 Mon  counted
  2026-09-29 Tue  counted
  2026-09-30 Wed  counted
due 2026-09-30T18:00:00+08:00
";
    assert_eq!(text, want);
    let ex = cal
        .explain(
            at("2026-09-24T16:00:00+08:00"),
            DeadlineClock::WorkingDays,
            3,
            None,
            None,
            None,
        )
        .unwrap();
    assert_eq!(ex.days.len(), 7);
    assert_eq!(ex.days[1].kind, DayKind::Holiday);
    assert_eq!(ex.end, Some(DeadlineEnd::CloseOfBusiness));
}

#[test]
fn labels_in_three_languages() {
    assert_eq!(Severity::Major.label(Lang::ZhHans), "重大");
    assert_eq!(Category::Quality.label(Lang::ZhHant), "質量");
    assert_eq!(DeadlineState::AtRisk.label(Lang::En), "at risk");
    assert_eq!(DeadlineState::MetLate.code(), "met_late");
    assert_eq!(AmountUnit::WorkingDays.code(), "working days");
    assert_eq!(Lang::ZhHant.tag(), "zh-Hant");
}

/// A cn-petition-2022 petition received Tue 2026-12-01 10:00 and accepted
/// (acknowledged) Thu 2026-12-03 10:00 in Beijing.
fn petition() -> Case {
    let mut c = major_leak();
    c.complaint = Complaint {
        id: "PET-1".into(),
        received_at: at("2026-12-01T10:00:00+08:00"),
        channel: None,
        customer: None,
        subject: None,
        product: None,
        department: None,
        text: Some("信访事项".into()),
        facts: None,
        classification: None,
        attributes: Default::default(),
    };
    c.events = vec![
        event(EventKind::Received, "2026-12-01T10:00:00+08:00", |_| {}),
        event(EventKind::Acknowledged, "2026-12-03T10:00:00+08:00", |_| {}),
    ];
    c
}

#[test]
fn a_deadline_past_the_data_is_undetermined_and_the_rest_is_computed() {
    // Handling is 60 days from acceptance: 2027-02-01, past cn-mainland's
    // data (to 2026-12-31). At 2026-12-06 the data ends in 25 days
    // (Dec 7..31), inside the default 60-day horizon.
    let p = Policy::preset("cn-petition-2022".into()).unwrap();
    let a = p
        .assess(petition(), at("2026-12-06T10:00:00+08:00"), AssessOptions::default())
        .unwrap();
    let by = |id: &str| a.deadlines.iter().find(|d| d.id == id).unwrap().clone();
    assert_eq!(by("written_notice").state, DeadlineState::Met);
    let h = by("handling");
    assert_eq!(h.state, DeadlineState::Undetermined);
    assert_eq!(h.due_at, None);
    assert_eq!(
        h.error.as_ref().map(|e| e.code.as_str()),
        Some("calendar_range_exceeded")
    );
    assert_eq!((h.calendar.as_str(), h.provisional), ("cn-mainland", false));
    let codes: Vec<_> = a.warnings.iter().map(|w| (w.code, w.deadline.clone())).collect();
    assert_eq!(
        codes,
        vec![
            (WarningCode::CalendarDataEnding, None),
            (WarningCode::DeadlineUndetermined, Some("handling".into()))
        ]
    );
    assert_eq!(
        (a.warnings[0].data_end.as_str(), a.warnings[0].days_left),
        ("2026-12-31", 25)
    );

    // Projected: day 60 after Thu 12-03 is Mon 2027-02-01 (28 days of
    // December, 31 of January, 1), a working day; the projected holiday on
    // the way is 2027-01-01.
    let projected = AssessOptions {
        beyond_data: Some(BeyondData::Projected),
    };
    let a = p
        .assess(petition(), at("2026-12-06T10:00:00+08:00"), projected)
        .unwrap();
    let h = a.deadlines.iter().find(|d| d.id == "handling").unwrap();
    assert_eq!(h.state, DeadlineState::Pending);
    assert_eq!(h.due_at, Some(at("2027-02-01T18:00:00+08:00")));
    assert!(h.provisional);
    let w = a
        .warnings
        .iter()
        .find(|w| w.code == WarningCode::ProjectedData)
        .unwrap();
    assert_eq!(w.dates, vec!["2027-01-01".to_string()]);
}

#[test]
fn an_imported_year_gives_the_official_answer() {
    let feed = Feed::Csv {
        text: "date,name,kind\n2027-01-01,元旦,holiday\n2027-02-05,春节,holiday\n".into(),
    };
    let imported = import_feed("cn-mainland".into(), feed, None, None, None).unwrap();
    assert_eq!((imported.kept, imported.skipped), (2, 0));
    let cal = WorkCalendar::from_json(imported.calendar_json).unwrap();
    assert_eq!(
        (cal.name().as_str(), cal.valid_to().as_str()),
        ("cn-mainland-2027", "2027-12-31")
    );
    let p = Policy::preset("cn-petition-2022".into())
        .unwrap()
        .with_calendar(cal)
        .unwrap();
    let a = p
        .assess(petition(), at("2026-12-06T10:00:00+08:00"), AssessOptions::default())
        .unwrap();
    let h = a.deadlines.iter().find(|d| d.id == "handling").unwrap();
    assert_eq!(h.due_at, Some(at("2027-02-01T18:00:00+08:00")));
    assert_eq!((h.calendar.as_str(), h.provisional), ("cn-mainland-2027", false));
    // Data to 2027-12-31: 390 days after 12-06, 333 after the due date, beyond the horizon.
    assert_eq!(a.warnings, vec![]);

    // Another line's calendar cannot replace cn-mainland.
    let e = Policy::preset("cn-petition-2022".into())
        .unwrap()
        .with_calendar(WorkCalendar::preset("gb-eng".into()).unwrap())
        .unwrap_err();
    assert_eq!((e.code(), e.path()), ("invalid_value", "/calendar"));
    // A feed with no events: nothing is made.
    let e = import_feed("cn-mainland".into(), Feed::Events { events: vec![] }, None, None, None).unwrap_err();
    assert_eq!((e.code(), e.path()), ("invalid_feed", "/events"));
}

#[test]
fn calendar_status_and_projected_due_times() {
    let cal = WorkCalendar::preset("cn-mainland".into()).unwrap();
    // 2026-12-06 to 2026-12-31: 25 days; to 2030-12-31: 25 + 365 + 366 + 365 + 365.
    let s = cal.status(at("2026-12-06T10:00:00+08:00")).unwrap();
    assert_eq!(
        (s.at.as_str(), s.data_to.as_str(), s.days_left),
        ("2026-12-06", "2026-12-31", 25)
    );
    assert_eq!(
        (s.projected_to.as_deref(), s.projected_days_left),
        (Some("2030-12-31"), Some(1486))
    );
    // 5 working days from Mon 2026-12-28 10:00: 29, 30, 31, (Fri 01-01 projected holiday), Mon 4, Tue 5.
    let start = at("2026-12-28T10:00:00+08:00");
    let d = cal
        .due(
            start,
            DeadlineClock::WorkingDays,
            5,
            None,
            None,
            Some(BeyondData::Projected),
        )
        .unwrap();
    assert_eq!((d.due_at, d.provisional), (at("2027-01-05T18:00:00+08:00"), true));
    let e = cal
        .due(start, DeadlineClock::WorkingDays, 5, None, None, None)
        .unwrap_err();
    assert_eq!(e.code(), "calendar_range_exceeded");
    let ex = cal
        .explain(
            start,
            DeadlineClock::WorkingDays,
            5,
            None,
            None,
            Some(BeyondData::Projected),
        )
        .unwrap();
    assert!(ex.provisional);
    let jan1 = ex.days.iter().find(|d| d.date == "2027-01-01").unwrap();
    assert_eq!((jan1.kind, jan1.projected), (DayKind::Holiday, true));
}
