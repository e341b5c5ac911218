//! Measuring on a clock: next opening, working time, pauses (docs/time.md
//! "Stopping the clock"), the amount-0 edge cases and explanations.
//! Calendar cn-mainland: Asia/Shanghai (+08:00, no DST), Mon-Fri,
//! 09:00-12:00 and 13:30-18:00; 2026 schedule as listed in docs/time.md
//! (Mid-Autumn 09-25..09-27, National Day 10-01..10-07, make-up working days
//! Sun 09-20 and Sat 10-10). September 2026: Thu 10, Fri 11, Sat 12, Sun 13,
//! Mon 14.

use plaint_core::model::parse_instant;
use plaint_core::time::{DayKind, PartialDays};
use plaint_core::{Calendar, Clock, End, Instant, Roll, Span};

const HOUR: i64 = 3_600_000;

fn t(s: &str) -> Instant {
    parse_instant(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn cn() -> std::sync::Arc<Calendar> {
    Calendar::preset("cn-mainland").unwrap()
}

fn gb() -> std::sync::Arc<Calendar> {
    Calendar::preset("gb-eng").unwrap()
}

fn opening(cal: &Calendar, s: &str) -> String {
    cal.format(cal.next_opening(t(s)).unwrap())
}

fn due(cal: &Calendar, start: &str, span: Span) -> String {
    cal.format(cal.add(t(start), &span).unwrap())
}

// ---------------------------------------------------------------- next_opening

#[test]
fn next_opening_cn_mainland() {
    let cal = cn();
    for (at, expected) in [
        // Inside hours: the instant itself.
        ("2026-09-11T10:00:00+08:00", "2026-09-11T10:00:00+08:00"),
        ("2026-09-11T09:00:00+08:00", "2026-09-11T09:00:00+08:00"),
        // Before 09:00: the same morning.
        ("2026-09-11T08:00:00+08:00", "2026-09-11T09:00:00+08:00"),
        ("2026-09-11T00:00:00+08:00", "2026-09-11T09:00:00+08:00"),
        // Lunch break (12:00 is already outside: intervals are half-open).
        ("2026-09-11T12:00:00+08:00", "2026-09-11T13:30:00+08:00"),
        ("2026-09-11T12:45:00+08:00", "2026-09-11T13:30:00+08:00"),
        // After (and exactly at) Friday's close: Monday 09:00.
        ("2026-09-11T18:00:00+08:00", "2026-09-14T09:00:00+08:00"),
        ("2026-09-11T19:00:00+08:00", "2026-09-14T09:00:00+08:00"),
        ("2026-09-12T10:00:00+08:00", "2026-09-14T09:00:00+08:00"),
        // Before the Mid-Autumn holiday (Fri 25th - Sun 27th): Mon 28th.
        ("2026-09-24T18:30:00+08:00", "2026-09-28T09:00:00+08:00"),
        // Before National Day (10-01..10-07): Thu 10-08.
        ("2026-09-30T18:00:00+08:00", "2026-10-08T09:00:00+08:00"),
        // Before a make-up working day: Sun 09-20 and Sat 10-10 open at 09:00
        // (they keep Monday's hours).
        ("2026-09-19T10:00:00+08:00", "2026-09-20T09:00:00+08:00"),
        ("2026-10-09T18:00:00+08:00", "2026-10-10T09:00:00+08:00"),
    ] {
        assert_eq!(opening(&cal, at), expected, "next_opening({at})");
    }
}

#[test]
fn is_working_time_cn_mainland() {
    let cal = cn();
    for (at, expected) in [
        ("2026-09-11T08:59:59.999+08:00", false),
        ("2026-09-11T09:00:00+08:00", true),
        ("2026-09-11T11:59:59+08:00", true),
        ("2026-09-11T12:00:00+08:00", false),
        ("2026-09-11T13:29:59+08:00", false),
        ("2026-09-11T13:30:00+08:00", true),
        ("2026-09-11T17:59:59+08:00", true),
        ("2026-09-11T18:00:00+08:00", false),
        ("2026-09-12T10:00:00+08:00", false), // Saturday
        ("2026-09-25T10:00:00+08:00", false), // Mid-Autumn
        ("2026-10-01T10:00:00+08:00", false), // National Day
        ("2026-09-20T10:00:00+08:00", true),  // make-up Sunday
        ("2026-10-10T13:30:00+08:00", true),  // make-up Saturday, Monday's hours
        ("2026-10-10T12:30:00+08:00", false), // ...with Monday's lunch break
        // The same instant written in UTC: 02:00Z = 10:00 +08:00.
        ("2026-09-11T02:00:00Z", true),
    ] {
        assert_eq!(cal.is_working_time(t(at)).unwrap(), expected, "is_working_time({at})");
    }
}

// ---------------------------------------------------------------- pauses

const PAUSE_FROM: &str = "2026-09-11T17:00:00+08:00"; // Friday 17:00
const PAUSE_TO: &str = "2026-09-14T10:00:00+08:00"; // Monday 10:00
const STARTED: &str = "2026-09-10T10:00:00+08:00"; // Thursday 10:00

#[test]
fn pause_friday_to_monday_business_cn_mainland() {
    // docs/time.md's example assumes a 17:00 close, where only Mon 09:00-10:00
    // counts. cn-mainland closes at 18:00, so Fri 17:00-18:00 is business
    // time too: 1 h + 1 h = 2 business hours paused.
    let cal = cn();
    let span = Span::new(Clock::Business, 16 * HOUR);
    let paused = cal
        .paused(t(STARTED), t(PAUSE_FROM), t(PAUSE_TO), &span, PartialDays::Count)
        .unwrap();
    assert_eq!(paused, 2 * HOUR);
    // 16 business hours from Thu 10:00: Thu 2 h + 4.5 h, Fri 7.5 h (14 h),
    // Mon 09:00-11:00 -> Mon 11:00 without the pause.
    assert_eq!(due(&cal, STARTED, span), "2026-09-14T11:00:00+08:00");
    // 18 h: ... Mon 09:00-12:00 (17 h), 13:30 + 1 h -> Mon 14:30.
    let delayed = cal.add_delayed(t(STARTED), &span, paused).unwrap();
    assert_eq!(cal.format(delayed), "2026-09-14T14:30:00+08:00");
}

#[test]
fn pause_friday_to_monday_business_gb_eng_is_one_hour() {
    // The docs/time.md example as written (a 17:00 close): gb-eng, 09:00-17:00,
    // BST (+01:00) in September. Only Mon 09:00-10:00 is paused business time.
    let cal = gb();
    let span = Span::new(Clock::Business, 16 * HOUR);
    let started = t("2026-09-10T10:00:00+01:00");
    let paused = cal
        .paused(
            started,
            t("2026-09-11T17:00:00+01:00"),
            t("2026-09-14T10:00:00+01:00"),
            &span,
            PartialDays::Count,
        )
        .unwrap();
    assert_eq!(paused, HOUR);
    // 16 h from Thu 10:00: Thu 7 h, Fri 8 h, Mon 09:00 + 1 h = 10:00;
    // delayed by the paused hour: Mon 11:00.
    assert_eq!(
        cal.format(cal.add(started, &span).unwrap()),
        "2026-09-14T10:00:00+01:00"
    );
    let delayed = cal.add_delayed(started, &span, paused).unwrap();
    assert_eq!(cal.format(delayed), "2026-09-14T11:00:00+01:00");
}

#[test]
fn pause_friday_to_monday_elapsed_is_65_hours() {
    // Fri 17:00 -> Mon 10:00: 7 h + 48 h + 10 h.
    for cal in [cn(), gb()] {
        let (from, to, started) = if cal.name() == "gb-eng" {
            (
                "2026-09-11T17:00:00+01:00",
                "2026-09-14T10:00:00+01:00",
                "2026-09-10T10:00:00+01:00",
            )
        } else {
            (PAUSE_FROM, PAUSE_TO, STARTED)
        };
        let span = Span::new(Clock::Elapsed, 24 * HOUR);
        let p = cal
            .paused(t(started), t(from), t(to), &span, PartialDays::Count)
            .unwrap();
        assert_eq!(p, 65 * HOUR, "{}", cal.name());
    }
}

#[test]
fn pause_before_the_start_counts_from_the_start() {
    // A pause cannot stop a clock that has not started: from Thu 10:00 on.
    let cal = cn();
    let span = Span::new(Clock::Elapsed, HOUR);
    let p = cal
        .paused(
            t(STARTED),
            t("2026-09-10T08:00:00+08:00"),
            t("2026-09-10T11:00:00+08:00"),
            &span,
            PartialDays::Count,
        )
        .unwrap();
    assert_eq!(p, HOUR);
    // Entirely before the start: nothing.
    let p = cal
        .paused(
            t(STARTED),
            t("2026-09-09T08:00:00+08:00"),
            t("2026-09-09T11:00:00+08:00"),
            &span,
            PartialDays::Count,
        )
        .unwrap();
    assert_eq!(p, 0);
}

#[test]
fn pause_working_days_partial_days() {
    let cal = cn();
    let span = Span::new(Clock::WorkingDays, 3);
    let paused = |from: &str, to: &str, partial| cal.paused(t(STARTED), t(from), t(to), &span, partial).unwrap();
    // Fri 17:00 -> Mon 10:00 touches the business hours of Fri (17-18) and
    // Mon (09-10), the weekend is not working: 2 with Count, and neither day
    // is wholly covered: 0 with Ignore.
    assert_eq!(paused(PAUSE_FROM, PAUSE_TO, PartialDays::Count), 2);
    assert_eq!(paused(PAUSE_FROM, PAUSE_TO, PartialDays::Ignore), 0);
    // Fri 08:00 -> Mon 08:00 covers all of Friday and none of Monday's hours.
    let (a, b) = ("2026-09-11T08:00:00+08:00", "2026-09-14T08:00:00+08:00");
    assert_eq!(paused(a, b, PartialDays::Count), 1);
    assert_eq!(paused(a, b, PartialDays::Ignore), 1);
    // Fri 12:00 -> 13:30 is the lunch break: no business time is touched.
    let (a, b) = ("2026-09-11T12:00:00+08:00", "2026-09-11T13:30:00+08:00");
    assert_eq!(paused(a, b, PartialDays::Count), 0);
    // Fri 18:00 -> Mon 09:00: closed all along.
    let (a, b) = ("2026-09-11T18:00:00+08:00", "2026-09-14T09:00:00+08:00");
    assert_eq!(paused(a, b, PartialDays::Count), 0);
    // Starting on the start day (Thu) and ending Fri 12:00: the start day is
    // never counted; Friday is touched (Count) but not covered (Ignore).
    let (a, b) = ("2026-09-10T11:00:00+08:00", "2026-09-11T12:00:00+08:00");
    assert_eq!(paused(a, b, PartialDays::Count), 1);
    assert_eq!(paused(a, b, PartialDays::Ignore), 0);
    // Thu 10:00 -> Tue 15th 00:00: Fri and Mon wholly covered, the pause ends
    // at midnight so it does not touch Tuesday.
    let (a, b) = (STARTED, "2026-09-15T00:00:00+08:00");
    assert_eq!(paused(a, b, PartialDays::Count), 2);
    assert_eq!(paused(a, b, PartialDays::Ignore), 2);
    // 3 working days from Thu 10th: Fri 11, Mon 14, Tue 15 -> Tue 18:00;
    // delayed by 2: Wed 16, Thu 17 -> Thu 18:00.
    assert_eq!(due(&cal, STARTED, span), "2026-09-15T18:00:00+08:00");
    let delayed = cal.add_delayed(t(STARTED), &span, 2).unwrap();
    assert_eq!(cal.format(delayed), "2026-09-17T18:00:00+08:00");
}

#[test]
fn pause_calendar_days_partial_days() {
    let cal = cn();
    let span = Span::new(Clock::CalendarDays, 15);
    // Fri 17:00 -> Mon 10:00 touches Fri, Sat, Sun, Mon (4) and covers Sat
    // and Sun entirely (2).
    let p = |partial| {
        cal.paused(t(STARTED), t(PAUSE_FROM), t(PAUSE_TO), &span, partial)
            .unwrap()
    };
    assert_eq!(p(PartialDays::Count), 4);
    assert_eq!(p(PartialDays::Ignore), 2);
}

// ---------------------------------------------------------------- amount 0

#[test]
fn working_days_zero() {
    let cal = cn();
    let span = Span::new(Clock::WorkingDays, 0);
    for (start, expected) in [
        // Before the close of a working day: that day's close.
        ("2026-09-10T10:00:00+08:00", "2026-09-10T18:00:00+08:00"),
        // "Started exactly at the close, it is due at that instant."
        ("2026-09-10T18:00:00+08:00", "2026-09-10T18:00:00+08:00"),
        // "Amount 0 after close": the close of the next working day.
        ("2026-09-10T19:00:00+08:00", "2026-09-11T18:00:00+08:00"),
        // After Friday's close: Monday.
        ("2026-09-11T18:00:01+08:00", "2026-09-14T18:00:00+08:00"),
        // Not a working day: the next working day.
        ("2026-09-12T10:00:00+08:00", "2026-09-14T18:00:00+08:00"),
        // After close before the Mid-Autumn holiday: Mon 28th.
        ("2026-09-24T19:00:00+08:00", "2026-09-28T18:00:00+08:00"),
        // On a make-up Sunday: that day.
        ("2026-09-20T10:00:00+08:00", "2026-09-20T18:00:00+08:00"),
    ] {
        assert_eq!(due(&cal, start, span), expected, "working_days 0 from {start}");
    }
    // With end_of_day, 19:00 is still within the start day: its 24:00.
    let span = span.with_end(Some(End::EndOfDay));
    assert_eq!(
        due(&cal, "2026-09-10T19:00:00+08:00", span),
        "2026-09-11T00:00:00+08:00"
    );
}

#[test]
fn business_zero_starts_at_the_next_opening() {
    let cal = cn();
    let span = Span::new(Clock::Business, 0);
    assert_eq!(
        due(&cal, "2026-09-10T10:00:00+08:00", span),
        "2026-09-10T10:00:00+08:00"
    );
    assert_eq!(
        due(&cal, "2026-09-10T12:10:00+08:00", span),
        "2026-09-10T13:30:00+08:00"
    );
    assert_eq!(
        due(&cal, "2026-09-11T18:00:00+08:00", span),
        "2026-09-14T09:00:00+08:00"
    );
}

#[test]
fn business_target_on_a_close_is_that_instant() {
    // "A target that lands exactly on the end of an interval is that instant
    // (18:00), not the next opening": 7.5 h from Fri 09:00 is Fri 18:00, and
    // 3 h from 09:00 is 12:00 (not 13:30).
    let cal = cn();
    assert_eq!(
        due(
            &cal,
            "2026-09-11T09:00:00+08:00",
            Span::new(Clock::Business, 7 * HOUR + HOUR / 2)
        ),
        "2026-09-11T18:00:00+08:00"
    );
    assert_eq!(
        due(&cal, "2026-09-11T09:00:00+08:00", Span::new(Clock::Business, 3 * HOUR)),
        "2026-09-11T12:00:00+08:00"
    );
}

// ---------------------------------------------------------------- elapsed

#[test]
fn elapsed_is_the_inverse_of_the_worked_examples() {
    let cal = cn();
    // Example 3: 2 business hours from Wed 09-30 17:30 to Thu 10-08 10:30.
    let span = Span::new(Clock::Business, 0);
    let n = cal
        .elapsed(t("2026-09-30T17:30:00+08:00"), t("2026-10-08T10:30:00+08:00"), &span)
        .unwrap();
    assert_eq!(n, 2 * HOUR);
    // Example 2: 3 working days from Tue 09-29 10:00 are complete at Fri
    // 10-09 18:00, 2 at 17:59.
    let span = Span::new(Clock::WorkingDays, 0);
    let from = t("2026-09-29T10:00:00+08:00");
    assert_eq!(cal.elapsed(from, t("2026-10-09T18:00:00+08:00"), &span).unwrap(), 3);
    assert_eq!(cal.elapsed(from, t("2026-10-09T17:59:00+08:00"), &span).unwrap(), 2);
    // Backwards or equal: 0.
    assert_eq!(cal.elapsed(from, from, &span).unwrap(), 0);
    assert_eq!(cal.elapsed(t("2026-10-09T18:00:00+08:00"), from, &span).unwrap(), 0);
}

// ---------------------------------------------------------------- explain

#[test]
fn explain_example_1_lists_the_holiday_and_the_start_day() {
    let cal = cn();
    let span = Span::new(Clock::WorkingDays, 3).with_end(Some(End::CloseOfBusiness));
    let ex = cal.explain(t("2026-09-24T16:00:00+08:00"), &span).unwrap();
    assert_eq!(ex.due_at, "2026-09-30T18:00:00+08:00");
    assert_eq!(ex.calendar, "cn-mainland");
    let days: Vec<(&str, DayKind)> = ex.days.iter().map(|d| (d.date.as_str(), d.kind)).collect();
    assert_eq!(
        days,
        vec![
            ("2026-09-24", DayKind::StartDay),
            ("2026-09-25", DayKind::Holiday),
            ("2026-09-26", DayKind::Holiday),
            ("2026-09-27", DayKind::Holiday),
            ("2026-09-28", DayKind::Counted),
            ("2026-09-29", DayKind::Counted),
            ("2026-09-30", DayKind::Counted),
        ]
    );
    // docs/time.md: "Fri 2026-09-25 is the Mid-Autumn holiday".
    let name = ex.days[1].name.as_deref().expect("the holiday has a name");
    assert!(
        name.contains("中秋") || name.to_lowercase().contains("mid-autumn"),
        "{name}"
    );
    assert_eq!(ex.days[0].weekday, "Thu");
    assert_eq!(ex.days[1].weekday, "Fri");
    // The JSON form carries the same.
    let json = serde_json::to_value(&ex).unwrap();
    assert_eq!(json["days"][0]["kind"], "start_day");
    assert_eq!(json["days"][1]["kind"], "holiday");
}

#[test]
fn explain_example_6_make_up_sunday() {
    let cal = cn();
    let ex = cal
        .explain(t("2026-09-19T10:00:00+08:00"), &Span::new(Clock::WorkingDays, 1))
        .unwrap();
    assert_eq!(ex.due_at, "2026-09-20T18:00:00+08:00");
    let days: Vec<(&str, DayKind)> = ex.days.iter().map(|d| (d.date.as_str(), d.kind)).collect();
    assert_eq!(
        days,
        vec![("2026-09-19", DayKind::StartDay), ("2026-09-20", DayKind::MakeUpDay)]
    );
}

#[test]
fn explain_example_5_rolled_days() {
    // 15 calendar days from Mon 09-21: day 15 is 10-06 (holiday), rolled over
    // 10-06 and 10-07 to Thu 10-08.
    let cal = cn();
    let span = Span::new(Clock::CalendarDays, 15).with_roll(Roll::NextWorkingDay);
    let ex = cal.explain(t("2026-09-21T12:00:00+08:00"), &span).unwrap();
    assert_eq!(ex.due_at, "2026-10-08T18:00:00+08:00");
    let kind = |date: &str| ex.days.iter().find(|d| d.date == date).map(|d| d.kind);
    assert_eq!(kind("2026-09-21"), Some(DayKind::StartDay));
    assert_eq!(kind("2026-09-22"), Some(DayKind::Counted));
    assert_eq!(kind("2026-09-25"), Some(DayKind::CountedNonWorking));
    assert_eq!(kind("2026-10-05"), Some(DayKind::CountedNonWorking));
    assert_eq!(kind("2026-10-06"), Some(DayKind::Rolled));
    assert_eq!(kind("2026-10-07"), Some(DayKind::Rolled));
    assert_eq!(kind("2026-10-08"), Some(DayKind::Counted));
    assert_eq!(ex.days.len(), 18); // 09-21 .. 10-08 inclusive
}
