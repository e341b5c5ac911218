//! Bad input and the edges of the calendar data: exact error codes and paths
//! (error catalogue in core/src/error.rs, docs/time.md "Edge cases, decided").

use plaint_core::model::parse_instant;
use plaint_core::time::PartialDays;
use plaint_core::{Calendar, Clock, Code, End, Error, Instant, Span};

fn t(s: &str) -> Instant {
    parse_instant(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn cn() -> std::sync::Arc<Calendar> {
    Calendar::preset("cn-mainland").unwrap()
}

fn assert_code<T: std::fmt::Debug>(r: Result<T, Error>, code: Code, path: &str, what: &str) {
    match r {
        Ok(v) => panic!("{what}: expected {} at {path:?}, got Ok({v:?})", code.as_str()),
        Err(e) => {
            assert_eq!(e.code(), code, "{what}: {e}");
            assert_eq!(e.path(), path, "{what}: {e}");
            assert_eq!(e.to_json()["code"], code.as_str(), "{what}");
        }
    }
}

/// A calendar of its own with the given "zone" and "hours" JSON fragments.
fn calendar_json(zone: &str, hours: &str) -> String {
    format!(
        r#"{{"plaint_calendar": 1, "name": "test", "zone": "{zone}", {hours}
            "valid_from": "2026-01-01", "valid_to": "2026-12-31"}}"#
    )
}

// ---------------------------------------------------------------- instants

#[test]
fn instant_without_offset() {
    for s in [
        "2026-09-24T16:00:00",
        "2026-09-24T16:00:00.250",
        "2026-09-24 16:00:00",
        "2026-09-24T16:00",
        "2026-09-24",
    ] {
        assert_code(parse_instant(s), Code::InstantWithoutOffset, "", s);
    }
    assert_eq!(Code::InstantWithoutOffset.as_str(), "instant_without_offset");
}

#[test]
fn garbage_instants() {
    for s in [
        "",
        "yesterday",
        "2026-13-01T00:00:00Z",
        "2026-02-30T00:00:00+08:00",
        "2026-09-24T25:00:00+08:00",
        "2026-09-24T16:00:00+25:00",
        "16:00:00+08:00",
        "0999-12-31T23:59:59Z", // before the supported range (years 1000-9999)
    ] {
        assert_code(parse_instant(s), Code::InvalidInstant, "", s);
    }
    assert_eq!(Code::InvalidInstant.as_str(), "invalid_instant");
}

#[test]
fn valid_instants_with_offsets_parse() {
    // Sanity for the two tests above: the same text with an offset is fine.
    assert_eq!(t("2026-09-24T16:00:00+08:00"), t("2026-09-24T08:00:00Z"));
}

// ---------------------------------------------------------------- calendar JSON

#[test]
fn unknown_zone() {
    let json = calendar_json("Asia/Beijing", "");
    assert_code(Calendar::from_json(&json), Code::UnknownZone, "/zone", "Asia/Beijing");
}

#[test]
fn overlapping_hours() {
    let json = calendar_json(
        "Asia/Shanghai",
        r#""hours": {"default": ["09:00-12:00", "11:00-14:00"]},"#,
    );
    assert_code(
        Calendar::from_json(&json),
        Code::OverlappingHours,
        "/hours/default/1",
        "11:00-14:00",
    );
    // Out of order counts as overlapping too.
    let json = calendar_json(
        "Asia/Shanghai",
        r#""hours": {"default": ["13:30-18:00", "09:00-12:00"]},"#,
    );
    assert_code(
        Calendar::from_json(&json),
        Code::OverlappingHours,
        "/hours/default/1",
        "out of order",
    );
}

#[test]
fn invalid_hours() {
    let json = calendar_json("Asia/Shanghai", r#""hours": {"default": ["18:00-09:00"]},"#);
    assert_code(
        Calendar::from_json(&json),
        Code::InvalidHours,
        "/hours/default/0",
        "18:00-09:00",
    );
    let json = calendar_json("Asia/Shanghai", r#""hours": {"mon": ["09:00-25:00"]},"#);
    assert_code(Calendar::from_json(&json), Code::InvalidHours, "/hours/mon/0", "25:00");
    let json = calendar_json("Asia/Shanghai", r#""hours": {"default": []},"#);
    assert_code(
        Calendar::from_json(&json),
        Code::InvalidHours,
        "/hours/default",
        "empty",
    );
}

#[test]
fn touching_intervals_are_not_overlapping() {
    // Half-open intervals: 09:00-12:00 then 12:00-18:00 is allowed.
    let json = calendar_json(
        "Asia/Shanghai",
        r#""hours": {"default": ["09:00-12:00", "12:00-18:00"]},"#,
    );
    assert!(Calendar::from_json(&json).is_ok());
}

#[test]
fn unknown_calendar() {
    assert_code(Calendar::preset("cn"), Code::UnknownCalendar, "", "preset cn");
    assert_eq!(Code::UnknownCalendar.as_str(), "unknown_calendar");
    // Extending an unknown preset: reported at /extends.
    let r = Calendar::from_json(r#"{"plaint_calendar": 1, "extends": "cn", "name": "x"}"#);
    assert_code(r, Code::UnknownCalendar, "/extends", "extends cn");
}

// ---------------------------------------------------------------- amounts

#[test]
fn negative_amount_on_every_clock() {
    let cal = cn();
    let start = t("2026-09-24T16:00:00+08:00");
    for clock in [
        Clock::Elapsed,
        Clock::Business,
        Clock::WorkingDays,
        Clock::CalendarDays,
        Clock::Weeks,
        Clock::Months,
    ] {
        assert_code(
            cal.add(start, &Span::new(clock, -1)),
            Code::NegativeAmount,
            "",
            &format!("{clock:?}"),
        );
    }
    assert_eq!(Code::NegativeAmount.as_str(), "negative_amount");
}

#[test]
fn amount_overflow() {
    let cal = cn();
    let start = t("2026-09-24T16:00:00+08:00");
    assert_code(
        cal.add(start, &Span::new(Clock::Elapsed, i64::MAX)),
        Code::AmountOverflow,
        "",
        "elapsed i64::MAX",
    );
    // A delay that overflows the amount.
    assert_code(
        cal.add_delayed(start, &Span::new(Clock::Elapsed, i64::MAX - 1), 2),
        Code::AmountOverflow,
        "",
        "elapsed i64::MAX - 1 + 2",
    );
    // No overflow of i64, but the result is past year 9999: the amount is
    // representable, the answer is not (instant_out_of_range).
    assert_code(
        cal.add(start, &Span::new(Clock::Elapsed, i64::MAX / 2)),
        Code::InstantOutOfRange,
        "",
        "elapsed i64::MAX / 2",
    );
    assert_code(
        cal.add(start, &Span::new(Clock::Weeks, i64::MAX / 2)),
        Code::AmountOverflow,
        "",
        "weeks i64::MAX / 2",
    );
    assert_eq!(Code::AmountOverflow.as_str(), "amount_overflow");
}

#[test]
fn results_past_year_9999() {
    // 9999-12-31T23:50Z + 30 minutes = 10000-01-01T00:20Z, one past the last
    // instant plaint represents (9999-12-31T23:59:59.999Z).
    let always = Calendar::preset("always").unwrap();
    let start = t("9999-12-31T23:50:00Z");
    assert_code(
        always.add(start, &Span::new(Clock::Elapsed, 30 * 60_000)),
        Code::InstantOutOfRange,
        "",
        "30 minutes after 9999-12-31T23:50Z",
    );
    // 9 minutes still fit: 23:59Z.
    assert_eq!(
        always.add(start, &Span::new(Clock::Elapsed, 9 * 60_000)).unwrap(),
        t("9999-12-31T23:59:00Z")
    );
    assert_eq!(Code::InstantOutOfRange.as_str(), "instant_out_of_range");
}

// ---------------------------------------------------------------- data range

#[test]
fn beyond_the_end_of_the_data() {
    let cal = cn();
    // cn-mainland's data ends 2026-12-31 (a Thursday). From Wed 2026-12-30,
    // the 1st working day after is Thu 31st; the 2nd would be in 2027.
    let start = t("2026-12-30T10:00:00+08:00");
    assert_code(
        cal.add(start, &Span::new(Clock::WorkingDays, 5)),
        Code::CalendarRangeExceeded,
        "",
        "working days + 5",
    );
    assert_code(
        cal.add(start, &Span::new(Clock::WorkingDays, 2)),
        Code::CalendarRangeExceeded,
        "",
        "working days + 2",
    );
    // Business time: Wed 30th 10:00-18:00 minus lunch is 6.5 h, Thu 31st
    // 7.5 h; 14 h would end exactly at Thu 18:00, 14 h + 1 min needs 2027.
    let r = cal.add(start, &Span::new(Clock::Business, 14 * 3_600_000)).unwrap();
    assert_eq!(cal.format(r), "2026-12-31T18:00:00+08:00");
    assert_code(
        cal.add(start, &Span::new(Clock::Business, 14 * 3_600_000 + 60_000)),
        Code::CalendarRangeExceeded,
        "",
        "business 14 h + 1 min",
    );
    // Calendar days: 2 days after the 30th is 2027-01-01.
    assert_code(
        cal.add(start, &Span::new(Clock::CalendarDays, 2)),
        Code::CalendarRangeExceeded,
        "",
        "calendar days + 2",
    );
    assert_code(
        cal.add(start, &Span::new(Clock::Months, 1)),
        Code::CalendarRangeExceeded,
        "",
        "months + 1",
    );
    let e = cal.add(start, &Span::new(Clock::WorkingDays, 5)).unwrap_err();
    assert_eq!(e.code().as_str(), "calendar_range_exceeded");
}

#[test]
fn before_the_start_of_the_data() {
    // cn-mainland's data starts 2020-01-01.
    let cal = cn();
    let start = t("2019-06-03T10:00:00+08:00");
    for clock in [Clock::Business, Clock::WorkingDays, Clock::CalendarDays, Clock::Months] {
        assert_code(
            cal.add(start, &Span::new(clock, 1)),
            Code::CalendarRangeExceeded,
            "",
            &format!("{clock:?}"),
        );
    }
    assert_code(
        cal.is_working_time(start),
        Code::CalendarRangeExceeded,
        "",
        "is_working_time",
    );
    assert_code(cal.next_opening(start), Code::CalendarRangeExceeded, "", "next_opening");
    // 2019-12-31T23:59:59+08:00 is the last instant before the data.
    assert_code(
        cal.add(t("2019-12-31T23:59:59+08:00"), &Span::new(Clock::WorkingDays, 1)),
        Code::CalendarRangeExceeded,
        "",
        "last second of 2019",
    );
    // An elapsed deadline needs no calendar data at all.
    let r = cal.add(start, &Span::new(Clock::Elapsed, 60_000)).unwrap();
    assert_eq!(cal.format(r), "2019-06-03T10:01:00+08:00");
}

#[test]
fn end_of_day_at_the_last_midnight_of_the_data_succeeds() {
    // docs/time.md: "a deadline ending at 24:00 on 2026-12-31 is within a calendar
    // whose data ends on 2026-12-31". Thu 2026-12-31 is the 1st working day
    // after Wed 30th; 24:00 is printed as 00:00 of the next day.
    let cal = cn();
    let start = t("2026-12-30T10:00:00+08:00");
    let span = Span::new(Clock::WorkingDays, 1).with_end(Some(End::EndOfDay));
    assert_eq!(cal.format(cal.add(start, &span).unwrap()), "2027-01-01T00:00:00+08:00");
    let span = Span::new(Clock::CalendarDays, 1).with_end(Some(End::EndOfDay));
    assert_eq!(cal.format(cal.add(start, &span).unwrap()), "2027-01-01T00:00:00+08:00");
    // Close of business on the same day is 18:00.
    let span = Span::new(Clock::WorkingDays, 1);
    assert_eq!(cal.format(cal.add(start, &span).unwrap()), "2026-12-31T18:00:00+08:00");
}

// The inverse of the edge case above: a deadline due at 24:00 on 2026-12-31
// must be measurable at its due instant (a deadline's state reports `elapsed`
// and `remaining` on its own clock; docs/time.md says such a deadline needs holiday
// data only for the days actually counted, and `add` accepts it).
const LAST_START: &str = "2026-12-30T10:00:00+08:00";
const DATA_END: &str = "2027-01-01T00:00:00+08:00"; // 24:00 of 2026-12-31

#[test]
fn measuring_working_days_up_to_the_last_midnight_of_the_data() {
    // One working day (Thu 31st) has completed by its 24:00.
    let span = Span::new(Clock::WorkingDays, 1).with_end(Some(End::EndOfDay));
    assert_eq!(cn().elapsed(t(LAST_START), t(DATA_END), &span).unwrap(), 1);
}

#[test]
fn measuring_calendar_days_up_to_the_last_midnight_of_the_data() {
    let span = Span::new(Clock::CalendarDays, 1).with_end(Some(End::EndOfDay));
    assert_eq!(cn().elapsed(t(LAST_START), t(DATA_END), &span).unwrap(), 1);
}

#[test]
fn measuring_business_time_up_to_the_last_midnight_of_the_data() {
    // Wed 10:00-12:00 + 13:30-18:00 = 6.5 h, Thu 31st 7.5 h: 14 h.
    let span = Span::new(Clock::Business, 0);
    assert_eq!(cn().elapsed(t(LAST_START), t(DATA_END), &span).unwrap(), 14 * 3_600_000);
}

#[test]
fn pausing_up_to_the_last_midnight_of_the_data() {
    // paused() already clamps its end to the data: Thu 31st was touched.
    let span = Span::new(Clock::WorkingDays, 1).with_end(Some(End::EndOfDay));
    let r = cn().paused(t(LAST_START), t(LAST_START), t(DATA_END), &span, PartialDays::Count);
    assert_eq!(r.unwrap(), 1);
}

#[test]
fn pausing_business_time_up_to_the_last_midnight_of_the_data() {
    // A business-clock pause from Wed 10:00 to the end of the data stops
    // 6.5 h + 7.5 h = 14 h (paused() delegates to elapsed() here).
    let span = Span::new(Clock::Business, 3_600_000);
    let r = cn().paused(t(LAST_START), t(LAST_START), t(DATA_END), &span, PartialDays::Count);
    assert_eq!(r.unwrap(), 14 * 3_600_000);
}
