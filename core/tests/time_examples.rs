//! The six worked examples of docs/time.md (calendar cn-mainland, 2026 schedule).

use plaint_core::model::parse_instant;
use plaint_core::{Calendar, Clock, End, Roll, Span};

fn due(start: &str, span: Span) -> String {
    let cal = Calendar::preset("cn-mainland").unwrap();
    cal.format(cal.add(parse_instant(start).unwrap(), &span).unwrap())
}

#[test]
fn example_1_mid_autumn_then_weekend() {
    let span = Span::new(Clock::WorkingDays, 3).with_end(Some(End::CloseOfBusiness));
    assert_eq!(due("2026-09-24T16:00:00+08:00", span), "2026-09-30T18:00:00+08:00");
}

#[test]
fn example_2_across_national_day() {
    let span = Span::new(Clock::WorkingDays, 3);
    assert_eq!(due("2026-09-29T10:00:00+08:00", span), "2026-10-09T18:00:00+08:00");
}

#[test]
fn example_3_business_hours_across_the_holiday() {
    let span = Span::new(Clock::Business, 120 * 60_000);
    assert_eq!(due("2026-09-30T17:30:00+08:00", span), "2026-10-08T10:30:00+08:00");
}

#[test]
fn example_4_make_up_saturday() {
    let span = Span::new(Clock::WorkingDays, 1);
    assert_eq!(due("2026-10-09T11:00:00+08:00", span), "2026-10-10T18:00:00+08:00");
}

#[test]
fn example_5_calendar_days_rolled() {
    let span = Span::new(Clock::CalendarDays, 15).with_roll(Roll::NextWorkingDay);
    assert_eq!(due("2026-09-21T12:00:00+08:00", span), "2026-10-08T18:00:00+08:00");
    let span = span.with_end(Some(End::EndOfDay));
    assert_eq!(due("2026-09-21T12:00:00+08:00", span), "2026-10-09T00:00:00+08:00");
}

#[test]
fn example_6_make_up_sunday() {
    let span = Span::new(Clock::WorkingDays, 1);
    assert_eq!(due("2026-09-19T10:00:00+08:00", span), "2026-09-20T18:00:00+08:00");
}
