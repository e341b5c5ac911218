//! Business and elapsed deadlines across daylight-saving changes (docs/time.md
//! "Instants, dates, zones": a 09:00-17:00 day is 8 hours on the day the
//! clocks change; a local time that does not exist is skipped forward, an
//! ambiguous one takes the earlier instant).
//!
//! 2026 transitions (IANA tz data):
//! - Europe/London: Sun 2026-03-29 01:00 GMT -> 02:00 BST (+00:00 -> +01:00),
//!   Sun 2026-10-25 02:00 BST -> 01:00 GMT (+01:00 -> +00:00).
//! - America/New_York: Sun 2026-03-08 02:00 EST -> 03:00 EDT (-05:00 -> -04:00),
//!   Sun 2026-11-01 02:00 EDT -> 01:00 EST (-04:00 -> -05:00).
//!
//! None of the working days used below is a holiday in gb-eng (2026: Good
//! Friday 04-03, Easter Monday 04-06) or us-federal (no holiday between
//! Presidents' Day 02-16 and Memorial Day, none between Columbus Day 10-12
//! and Veterans Day 11-11).

use plaint_core::model::parse_instant;
use plaint_core::{Calendar, Clock, End, Instant, Span};

const MINUTE: i64 = 60_000;
const HOUR: i64 = 3_600_000;

fn t(s: &str) -> Instant {
    parse_instant(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn due(cal: &Calendar, start: &str, span: Span) -> String {
    cal.format(cal.add(t(start), &span).unwrap_or_else(|e| panic!("{start}: {e}")))
}

fn gb() -> std::sync::Arc<Calendar> {
    Calendar::preset("gb-eng").unwrap()
}

fn us() -> std::sync::Arc<Calendar> {
    Calendar::preset("us-federal").unwrap()
}

/// A custom calendar in `zone`, every weekday working, optional hours.
fn custom(name: &str, zone: &str, hours: Option<&str>) -> Calendar {
    let hours = hours.map_or(String::new(), |h| format!(r#""hours": {{"default": [{h}]}},"#));
    let json = format!(
        r#"{{"plaint_calendar": 1, "name": "{name}", "zone": "{zone}",
            "weekmask": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], {hours}
            "valid_from": "2026-01-01", "valid_to": "2026-12-31"}}"#
    );
    Calendar::from_json(&json).unwrap_or_else(|e| panic!("{json}: {e}"))
}

// ---------------------------------------------------------------- gb-eng

#[test]
fn gb_business_within_friday_before_spring_change() {
    // 09:00-17:00 is exactly 8 business hours on Fri 2026-03-27 (GMT).
    let span = Span::new(Clock::Business, 8 * HOUR);
    assert_eq!(
        due(&gb(), "2026-03-27T09:00:00+00:00", span),
        "2026-03-27T17:00:00+00:00"
    );
}

#[test]
fn gb_business_across_spring_change() {
    // 1 h on Fri 16:00-17:00 (GMT), the weekend (with the change) does not
    // count, then 8 h on Mon 2026-03-30 09:00-17:00, now BST.
    let span = Span::new(Clock::Business, 9 * HOUR);
    assert_eq!(
        due(&gb(), "2026-03-27T16:00:00+00:00", span),
        "2026-03-30T17:00:00+01:00"
    );
    // 1 h Fri + 1 h Mon: Mon 10:00 BST.
    let span = Span::new(Clock::Business, 2 * HOUR);
    assert_eq!(
        due(&gb(), "2026-03-27T16:00:00+00:00", span),
        "2026-03-30T10:00:00+01:00"
    );
}

#[test]
fn gb_business_across_autumn_change() {
    // 1 h on Fri 2026-10-23 16:00-17:00 (BST), 8 h on Mon 2026-10-26 (GMT).
    let span = Span::new(Clock::Business, 9 * HOUR);
    assert_eq!(
        due(&gb(), "2026-10-23T16:00:00+01:00", span),
        "2026-10-26T17:00:00+00:00"
    );
}

#[test]
fn gb_business_started_on_the_change_sunday() {
    // Sunday is not a working day: counting starts at Mon 09:00 BST.
    let span = Span::new(Clock::Business, MINUTE);
    assert_eq!(
        due(&gb(), "2026-03-29T01:30:00+00:00", span),
        "2026-03-30T09:01:00+01:00"
    );
    let span = Span::new(Clock::Business, 0);
    assert_eq!(
        due(&gb(), "2026-03-29T12:00:00+01:00", span),
        "2026-03-30T09:00:00+01:00"
    );
}

#[test]
fn gb_elapsed_across_changes() {
    // Sat 12:00 GMT = 12:00Z; + 24 h = Sun 12:00Z = 13:00 BST.
    let span = Span::new(Clock::Elapsed, 24 * HOUR);
    assert_eq!(
        due(&gb(), "2026-03-28T12:00:00+00:00", span),
        "2026-03-29T13:00:00+01:00"
    );
    // Sat 12:00 BST = 11:00Z; + 24 h = Sun 11:00Z = 11:00 GMT.
    assert_eq!(
        due(&gb(), "2026-10-24T12:00:00+01:00", span),
        "2026-10-25T11:00:00+00:00"
    );
    // Noon to noon across the spring change is 23 h of real time.
    let cal = gb();
    let n = cal
        .elapsed(t("2026-03-28T12:00:00+00:00"), t("2026-03-29T12:00:00+01:00"), &span)
        .unwrap();
    assert_eq!(n, 23 * HOUR);
}

#[test]
fn gb_working_day_after_each_change_is_eight_hours() {
    let cal = gb();
    let span = Span::new(Clock::Business, 0);
    for (from, to) in [
        // The first working days on the new offsets.
        ("2026-03-30T09:00:00+01:00", "2026-03-30T17:00:00+01:00"),
        ("2026-10-26T09:00:00+00:00", "2026-10-26T17:00:00+00:00"),
        // The last working days on the old offsets.
        ("2026-03-27T09:00:00+00:00", "2026-03-27T17:00:00+00:00"),
        ("2026-10-23T09:00:00+01:00", "2026-10-23T17:00:00+01:00"),
    ] {
        assert_eq!(cal.elapsed(t(from), t(to), &span).unwrap(), 8 * HOUR, "{from} -> {to}");
    }
    // Fri 09:00 GMT to Mon 17:00 BST: two full working days, 16 business
    // hours, although 79 h of real time pass (3 days + 8 h - the lost hour).
    let (from, to) = (t("2026-03-27T09:00:00+00:00"), t("2026-03-30T17:00:00+01:00"));
    assert_eq!(cal.elapsed(from, to, &span).unwrap(), 16 * HOUR);
    assert_eq!(cal.elapsed(from, to, &Span::new(Clock::Elapsed, 0)).unwrap(), 79 * HOUR);
    // Fri close to Mon opening across the change: nothing counts.
    let (from, to) = (t("2026-03-27T17:00:00+00:00"), t("2026-03-30T09:00:00+01:00"));
    assert_eq!(cal.elapsed(from, to, &span).unwrap(), 0);
}

#[test]
fn gb_day_clocks_across_spring_change() {
    // 1 working day after Fri 27th: Mon 30th, close 17:00 BST.
    let span = Span::new(Clock::WorkingDays, 1);
    assert_eq!(
        due(&gb(), "2026-03-27T10:00:00+00:00", span),
        "2026-03-30T17:00:00+01:00"
    );
    // 1 calendar day after Sat 28th, end of day: 24:00 of Sun 29th, which is
    // 00:00 BST of Mon 30th.
    let span = Span::new(Clock::CalendarDays, 1).with_end(Some(End::EndOfDay));
    assert_eq!(
        due(&gb(), "2026-03-28T10:00:00+00:00", span),
        "2026-03-30T00:00:00+01:00"
    );
}

#[test]
fn gb_extended_with_a_company_holiday_across_the_change() {
    // A host calendar extending gb-eng adds Mon 2026-03-30 as a holiday:
    // 1 h on Fri, then 8 h on Tue 31st.
    let cal = Calendar::from_json(
        r#"{"plaint_calendar": 1, "extends": "gb-eng", "name": "gb-eng-acme",
            "holidays": [{"date": "2026-03-30", "name": "Company day"}]}"#,
    )
    .unwrap();
    let span = Span::new(Clock::Business, 9 * HOUR);
    assert_eq!(
        due(&cal, "2026-03-27T16:00:00+00:00", span),
        "2026-03-31T17:00:00+01:00"
    );
}

#[test]
fn london_whole_day_calendar_counts_real_hours_on_change_days() {
    let cal = custom("london-whole-day", "Europe/London", None);
    let span = Span::new(Clock::Business, 0);
    // Sun 2026-03-29 lasts 23 h (00:00 GMT to 00:00 BST of the 30th).
    let n = cal
        .elapsed(t("2026-03-29T00:00:00+00:00"), t("2026-03-30T00:00:00+01:00"), &span)
        .unwrap();
    assert_eq!(n, 23 * HOUR);
    // Sun 2026-10-25 lasts 25 h (00:00 BST to 00:00 GMT of the 26th).
    let n = cal
        .elapsed(t("2026-10-25T00:00:00+01:00"), t("2026-10-26T00:00:00+00:00"), &span)
        .unwrap();
    assert_eq!(n, 25 * HOUR);
}

#[test]
fn london_ambiguous_opening_takes_the_earlier_instant() {
    // Hours 01:30-03:00 on Sun 2026-10-25: 01:30 happens twice; the earlier
    // (01:30 BST = 00:30Z) opens. 03:00 GMT = 03:00Z closes: 2 h 30 min.
    let cal = custom("london-night", "Europe/London", Some(r#""01:30-03:00""#));
    let span = Span::new(Clock::Business, 0);
    let n = cal
        .elapsed(t("2026-10-25T00:00:00+01:00"), t("2026-10-26T00:00:00+00:00"), &span)
        .unwrap();
    assert_eq!(n, 150 * MINUTE);
    assert_eq!(
        cal.format(cal.next_opening(t("2026-10-25T00:00:00+01:00")).unwrap()),
        "2026-10-25T01:30:00+01:00"
    );
}

// ---------------------------------------------------------------- us-federal

#[test]
fn us_business_across_spring_change() {
    // 1 h Fri 2026-03-06 16:00-17:00 EST, 8 h Mon 2026-03-09 EDT.
    let span = Span::new(Clock::Business, 9 * HOUR);
    assert_eq!(
        due(&us(), "2026-03-06T16:00:00-05:00", span),
        "2026-03-09T17:00:00-04:00"
    );
}

#[test]
fn us_business_across_autumn_change() {
    // 1 h Fri 2026-10-30 16:00-17:00 EDT, 8 h Mon 2026-11-02 EST.
    let span = Span::new(Clock::Business, 9 * HOUR);
    assert_eq!(
        due(&us(), "2026-10-30T16:00:00-04:00", span),
        "2026-11-02T17:00:00-05:00"
    );
}

#[test]
fn us_elapsed_across_changes() {
    let span = Span::new(Clock::Elapsed, 24 * HOUR);
    // Sat 12:00 EST = 17:00Z; + 24 h = Sun 17:00Z = 13:00 EDT.
    assert_eq!(
        due(&us(), "2026-03-07T12:00:00-05:00", span),
        "2026-03-08T13:00:00-04:00"
    );
    // Sat 12:00 EDT = 16:00Z; + 24 h = Sun 16:00Z = 11:00 EST.
    assert_eq!(
        due(&us(), "2026-10-31T12:00:00-04:00", span),
        "2026-11-01T11:00:00-05:00"
    );
}

#[test]
fn us_working_day_after_each_change_is_eight_hours() {
    let cal = us();
    let span = Span::new(Clock::Business, 0);
    for (from, to) in [
        ("2026-03-09T09:00:00-04:00", "2026-03-09T17:00:00-04:00"),
        ("2026-11-02T09:00:00-05:00", "2026-11-02T17:00:00-05:00"),
    ] {
        assert_eq!(cal.elapsed(t(from), t(to), &span).unwrap(), 8 * HOUR, "{from} -> {to}");
    }
}

#[test]
fn new_york_whole_day_calendar_spring_sunday_is_23_hours() {
    // No "hours" key: the whole day counts, and Sunday is in the weekmask.
    let cal = custom("ny-whole-day", "America/New_York", None);
    let span = Span::new(Clock::Business, 0);
    let (from, to) = ("2026-03-08T00:00:00-05:00", "2026-03-09T00:00:00-04:00");
    assert_eq!(cal.elapsed(t(from), t(to), &span).unwrap(), 23 * HOUR);
    // Adding 23 business hours from Sunday 00:00 ends exactly at the end of
    // the day's only interval, 24:00 = Mon 00:00 EDT (docs/time.md: a target on
    // the end of an interval is that instant).
    let span = Span::new(Clock::Business, 23 * HOUR);
    assert_eq!(due(&cal, from, span), to);
    // The explanation counts 23 * 60 business minutes on that Sunday.
    let ex = cal.explain(t(from), &span).unwrap();
    assert_eq!(ex.days.len(), 1, "{ex:?}");
    assert_eq!(ex.days[0].date, "2026-03-08");
    assert_eq!(ex.days[0].business_minutes, Some(23 * 60));
    // And the autumn Sunday lasts 25 h.
    let span = Span::new(Clock::Business, 0);
    let (from, to) = ("2026-11-01T00:00:00-04:00", "2026-11-02T00:00:00-05:00");
    assert_eq!(cal.elapsed(t(from), t(to), &span).unwrap(), 25 * HOUR);
}

#[test]
fn new_york_night_hours_on_spring_sunday() {
    // Hours 01:00-04:00 on Sun 2026-03-08: 01:00 EST = 06:00Z, 04:00 EDT =
    // 08:00Z. Local 02:00-03:00 does not exist, so the interval holds 2 h.
    let cal = custom("ny-night", "America/New_York", Some(r#""01:00-04:00""#));
    let span = Span::new(Clock::Business, 0);
    let n = cal
        .elapsed(t("2026-03-08T00:00:00-05:00"), t("2026-03-09T00:00:00-04:00"), &span)
        .unwrap();
    assert_eq!(n, 2 * HOUR);
    // 90 business minutes from 01:00 EST: the wall clock would read 02:30,
    // which does not exist; the instant 90 real minutes later is 07:30Z,
    // i.e. 03:30 EDT (the gap is skipped forward, nothing is lost or added).
    let span = Span::new(Clock::Business, 90 * MINUTE);
    assert_eq!(
        due(&cal, "2026-03-08T01:00:00-05:00", span),
        "2026-03-08T03:30:00-04:00"
    );
    // 2 h: exactly the close, 04:00 EDT.
    let span = Span::new(Clock::Business, 2 * HOUR);
    assert_eq!(
        due(&cal, "2026-03-08T01:00:00-05:00", span),
        "2026-03-08T04:00:00-04:00"
    );
    // 2 h 1 min: one minute into Monday's 01:00 opening (EDT).
    let span = Span::new(Clock::Business, 2 * HOUR + MINUTE);
    assert_eq!(
        due(&cal, "2026-03-08T01:00:00-05:00", span),
        "2026-03-09T01:01:00-04:00"
    );
}

#[test]
fn new_york_opening_inside_the_gap_is_skipped_forward() {
    // Hours 02:30-04:00: on Sun 2026-03-08 the local 02:30 does not exist and
    // is skipped forward to the end of the gap, 03:00 EDT (07:00Z); the
    // interval then holds 1 h (other days: 1 h 30 min).
    let cal = custom("ny-gap", "America/New_York", Some(r#""02:30-04:00""#));
    assert_eq!(
        cal.format(cal.next_opening(t("2026-03-08T00:00:00-05:00")).unwrap()),
        "2026-03-08T03:00:00-04:00"
    );
    let span = Span::new(Clock::Business, 0);
    let n = cal
        .elapsed(t("2026-03-08T00:00:00-05:00"), t("2026-03-09T00:00:00-04:00"), &span)
        .unwrap();
    assert_eq!(n, HOUR);
    // Sat 7th (90 min) + Sun 8th (60 min).
    let n = cal
        .elapsed(t("2026-03-07T00:00:00-05:00"), t("2026-03-09T00:00:00-04:00"), &span)
        .unwrap();
    assert_eq!(n, 150 * MINUTE);
}
