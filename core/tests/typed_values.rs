//! Instants and spans as a Rust host builds and reads them: the checked and
//! saturating constructors of `Instant` hold the years 1000-9999, and a
//! `Span` reports its amount in the unit its clock counts.

use plaint_core::model::instant::{MAX_MS, MIN_MS};
use plaint_core::{Amount, Clock, Code, End, Instant, Roll, Span, api};
use serde_json::json;

#[test]
fn from_ms_accepts_exactly_the_years_1000_to_9999() {
    let first = Instant::from_ms(MIN_MS).unwrap();
    let last = Instant::from_ms(MAX_MS).unwrap();
    assert_eq!(first.to_utc_string(), "1000-01-01T00:00:00+00:00");
    assert_eq!(last.to_utc_string(), "9999-12-31T23:59:59.999+00:00");
    for ms in [MIN_MS - 1, MAX_MS + 1, i64::MIN, i64::MAX] {
        let e = Instant::from_ms(ms).unwrap_err();
        assert_eq!((e.code(), e.path()), (Code::InvalidInstant, ""), "{ms}");
    }
}

#[test]
fn from_ms_at_names_where_the_value_was() {
    let e = Instant::from_ms_at(MAX_MS + 1, "/events/2/at").unwrap_err();
    assert_eq!((e.code(), e.path()), (Code::InvalidInstant, "/events/2/at"));
    // 2026-09-24T08:00:00Z = 1_790_236_800_000 ms.
    assert_eq!(
        Instant::from_ms_at(1_790_236_800_000, "/at").unwrap().to_utc_string(),
        "2026-09-24T08:00:00+00:00"
    );
}

#[test]
fn saturating_add_ms_stops_at_the_range_ends() {
    let day = 86_400_000;
    let t = Instant::from_ms(1_790_236_800_000).unwrap();
    assert_eq!(t.saturating_add_ms(day).ms(), 1_790_236_800_000 + day);
    assert_eq!(t.saturating_add_ms(-day).ms(), 1_790_236_800_000 - day);
    let last = Instant::from_ms(MAX_MS).unwrap();
    assert_eq!(last.saturating_add_ms(day).ms(), MAX_MS);
    assert_eq!(last.saturating_add_ms(i64::MAX).ms(), MAX_MS);
    let first = Instant::from_ms(MIN_MS).unwrap();
    assert_eq!(first.saturating_add_ms(-day).ms(), MIN_MS);
    assert_eq!(first.saturating_add_ms(i64::MIN).ms(), MIN_MS);
}

#[test]
fn span_accessors_give_the_amount_in_its_unit() {
    // 240 business minutes = 240 * 60_000 = 14_400_000 ms.
    let s = Span::business_minutes(240);
    assert_eq!(
        (s.clock(), s.amount(), s.edge_amount()),
        (Clock::Business, Amount::Duration { ms: 14_400_000 }, 240)
    );
    let s = Span::elapsed_minutes(1440);
    assert_eq!(
        (s.clock(), s.amount(), s.edge_amount()),
        (Clock::Elapsed, Amount::Duration { ms: 86_400_000 }, 1440)
    );
    for (s, clock) in [
        (Span::working_days(3), Clock::WorkingDays),
        (Span::calendar_days(3), Clock::CalendarDays),
        (Span::weeks(3), Clock::Weeks),
        (Span::months(3), Clock::Months),
    ] {
        assert_eq!((s.clock(), s.amount(), s.edge_amount()), (clock, Amount::Count(3), 3));
        assert_eq!((s.end(), s.roll()), (None, Roll::None));
    }
    let s = Span::calendar_days(15)
        .with_end(Some(End::EndOfDay))
        .with_roll(Roll::NextWorkingDay);
    assert_eq!((s.end(), s.roll()), (Some(End::EndOfDay), Roll::NextWorkingDay));
    // From the edge unit: 30 minutes = 1_800_000 ms; days are counted as given.
    assert_eq!(
        Span::from_edge_amount(Clock::Elapsed, 30).unwrap().amount(),
        Amount::Duration { ms: 1_800_000 }
    );
    assert_eq!(Span::from_edge_amount(Clock::Months, 2).unwrap(), Span::months(2));
    assert_eq!(Span::from_edge_amount(Clock::Business, i64::MAX), None);
}

#[test]
fn span_from_value_reads_the_fields_of_a_deadline_request() {
    let v = json!({"clock": "calendar_days", "amount": 15, "end": "end_of_day", "roll": "next_working_day"});
    let s = api::span_from_value(&v).unwrap();
    assert_eq!(
        s,
        Span::calendar_days(15)
            .with_end(Some(End::EndOfDay))
            .with_roll(Roll::NextWorkingDay)
    );
    let mut req = v.clone();
    req["start"] = json!("2026-09-30T10:00:00+08:00");
    assert_eq!(api::DeadlineRequest::from_value(&req).unwrap().span, s);
    assert_eq!(
        api::span_from_value(&json!({"clock": "business", "amount": 90})).unwrap(),
        Span::business_minutes(90)
    );
    let cases = [
        (
            json!({"clock": "working_days", "amount": -1}),
            Code::NegativeAmount,
            "/amount",
        ),
        (
            json!({"clock": "fortnights", "amount": 1}),
            Code::InvalidValue,
            "/clock",
        ),
        (json!({"clock": "weeks"}), Code::MissingField, "/amount"),
        (
            json!({"clock": "weeks", "amount": 1, "roll": "later"}),
            Code::InvalidValue,
            "/roll",
        ),
        (
            json!({"clock": "weeks", "amount": 1, "start": "2026-09-30T10:00:00Z"}),
            Code::UnknownField,
            "/start",
        ),
        (
            json!({"clock": "elapsed", "amount": i64::MAX}),
            Code::AmountOverflow,
            "/amount",
        ),
    ];
    for (v, code, path) in cases {
        let e = api::span_from_value(&v).unwrap_err();
        assert_eq!((e.code(), e.path()), (code, path), "{v}");
    }
}
