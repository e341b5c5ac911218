//! Statistics (docs/domain.md: statistics) with numbers from the seeds and hand-counted cases.

use plaint_core::analytics::{StatsOptions, Tally, assess_and_count, growth_percent, nearest_rank};
use plaint_core::model::parse_instant;
use plaint_core::{Case, Policy, assess};
use serde_json::json;

fn case(id: &str, received: &str, events: serde_json::Value, extra: serde_json::Value) -> Case {
    let mut complaint = json!({"id": id, "received_at": received, "channel": "phone",
        "customer": {"id": format!("c-{id}")}, "subject": "噪音", "department": "客服部", "text": "楼下装修噪音"});
    if let (Some(c), Some(x)) = (complaint.as_object_mut(), extra.as_object()) {
        for (k, v) in x {
            c.insert(k.clone(), v.clone());
        }
    }
    Case::from_value(&json!({"complaint": complaint, "events": events})).unwrap()
}

#[test]
fn growth_on_valid_complaints_matches_the_seed() {
    // 001 篇8: 4,850 valid complaints against 3,096 a year before: +56.65 %.
    let g = growth_percent(4850, 3096).unwrap();
    assert_eq!(format!("{g:.2}"), "56.65");
    assert_eq!(growth_percent(10, 0), None);
}

#[test]
fn nearest_rank_percentiles() {
    let v: Vec<i64> = (1..=10).collect();
    assert_eq!(nearest_rank(&v, 50), Some(5));
    assert_eq!(nearest_rank(&v, 90), Some(9));
    assert_eq!(nearest_rank(&[7], 90), Some(7));
    assert_eq!(nearest_rank(&[], 50), None);
}

/// Four minor complaints received Mon 2026-11-02 10:00+08:00, assessed at
/// Wed 11-04 12:00 (50 h later). minor_reply is 24 elapsed hours (due Tue
/// 11-03 10:00): replied at +2 h → met; at +30 h → met_late; never → breached;
/// the fourth, received Wed 11-04 09:00, is still open (due Thu 09:00).
fn minor_cases() -> Vec<Case> {
    let r = "2026-11-02T10:00:00+08:00";
    vec![
        case(
            "m1",
            r,
            json!([{"type": "replied", "at": "2026-11-02T12:00:00+08:00"},
            {"type": "resolved", "at": "2026-11-04T11:00:00+08:00"}]),
            json!({}),
        ),
        case(
            "m2",
            r,
            json!([{"type": "replied", "at": "2026-11-03T16:00:00+08:00"},
            {"type": "resolved", "at": "2026-11-09T10:00:00+08:00"}]),
            json!({}),
        ),
        case("m3", r, json!([]), json!({})),
        case("m4", "2026-11-04T09:00:00+08:00", json!([]), json!({})),
    ]
}

#[test]
fn on_time_rate_and_time_to_resolve() {
    let policy = Policy::preset("cn-property").unwrap();
    let now = parse_instant("2026-11-09T12:00:00+08:00").unwrap();
    let stats = assess_and_count(&policy, minor_cases(), now, &StatsOptions::default()).unwrap();
    assert_eq!(stats.total, 4);
    let minor = &stats.on_time["minor_reply"];
    // m4 was received Wed 09:00 and is breached by Mon 11-09 12:00 too: 1 met, 1 late, 2 breached.
    assert_eq!(
        (
            minor.counts.met,
            minor.counts.met_late,
            minor.counts.breached,
            minor.counts.open
        ),
        (1, 1, 2, 0)
    );
    assert_eq!(minor.rate, Some(0.25));
    // Time to resolve in working days (the receipt day not counted; a day
    // counts once its close has passed): m1 resolved Wed 11:00 → Tue only = 1;
    // m2 resolved Mon 11-09 10:00 → Tue, Wed, Thu, Fri = 4. Nearest rank of
    // [1, 4]: median 1, p90 4.
    assert_eq!(stats.time_to_resolve.count, 2);
    assert_eq!(stats.time_to_resolve.median, Some(1));
    assert_eq!(stats.time_to_resolve.p90, Some(4));
    assert_eq!(stats.by_severity["minor"], 4);
    assert_eq!(stats.by_department["客服部"], 4);
}

#[test]
fn open_deadlines_are_not_in_the_rate() {
    let policy = Policy::preset("cn-property").unwrap();
    // At Wed 11-04 12:00 m4 (due Thu 11-05 09:00) is still open.
    let now = parse_instant("2026-11-04T12:00:00+08:00").unwrap();
    let stats = assess_and_count(&policy, minor_cases(), now, &StatsOptions::default()).unwrap();
    let minor = &stats.on_time["minor_reply"];
    assert_eq!(
        (
            minor.counts.met,
            minor.counts.met_late,
            minor.counts.breached,
            minor.counts.open
        ),
        (1, 1, 1, 1)
    );
    assert_eq!(minor.rate, Some(1.0 / 3.0));
}

#[test]
fn ppm_repeats_batches_and_period() {
    let policy = Policy::preset("cn-property").unwrap();
    let tv = |id: &str, at: &str| case(id, at, json!([]), json!({"product": "TV-55X"}));
    let mut cases = vec![
        tv("t1", "2026-11-02T10:00:00+08:00"),
        tv("t2", "2026-11-04T10:00:00+08:00"),
        tv("t3", "2026-11-08T10:00:00+08:00"),
        // Same customer and subject as t1 within 30 days: a repeat.
        case(
            "t4",
            "2026-11-20T10:00:00+08:00",
            json!([]),
            json!({"customer": {"id": "c-t1"}}),
        ),
        // A year before (2025-11-05), for growth.
        case("old", "2025-11-05T10:00:00+08:00", json!([]), json!({})),
    ];
    cases[0].complaint.attributes.insert("defective_units".into(), json!(2));
    let opts = StatsOptions {
        from: Some(parse_instant("2026-11-01T00:00:00+08:00").unwrap()),
        to: Some(parse_instant("2026-12-01T00:00:00+08:00").unwrap()),
        units_shipped: Some(1_000_000),
        ..StatsOptions::default()
    };
    let now = parse_instant("2026-11-30T12:00:00+08:00").unwrap();
    let stats = assess_and_count(&policy, cases, now, &opts).unwrap();
    assert_eq!(stats.total, 4, "the 2025 complaint is outside the period");
    // 004-❼: PPM = defective units / units shipped × 1,000,000 = (2 + 1 + 1 + 1) / 1e6 × 1e6.
    assert_eq!(stats.ppm, Some(5.0));
    assert_eq!(stats.repeat_rate, Some(0.25));
    // Three complaints on TV-55X within 7 days (11-02, 11-04, 11-08): one batch.
    assert_eq!(stats.batches.len(), 1);
    assert_eq!(stats.batches[0].complaints, vec!["t1", "t2", "t3"]);
    // 4 valid now against 1 a year before: +300 %.
    assert_eq!(stats.valid_year_before, Some(1));
    assert_eq!(stats.growth_percent, Some(300.0));
}

#[test]
fn tally_of_a_union_is_the_merge_of_the_parts() {
    let policy = Policy::preset("cn-property").unwrap();
    let now = parse_instant("2026-11-09T12:00:00+08:00").unwrap();
    let cases = minor_cases();
    let tally_of = |cs: &[Case]| {
        let mut t = Tally::default();
        for c in cs {
            let a = assess(&policy, c, now).unwrap();
            t.add(c, &a, &policy.calendar, plaint_core::Clock::WorkingDays);
        }
        t
    };
    let whole = tally_of(&cases);
    let mut merged = tally_of(&cases[..1]);
    merged.merge(&tally_of(&cases[1..]));
    merged.resolve_times.sort_unstable();
    let mut whole_sorted = whole.clone();
    whole_sorted.resolve_times.sort_unstable();
    assert_eq!(merged, whole_sorted);
}
