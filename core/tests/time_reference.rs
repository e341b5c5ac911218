//! Differential tests against the committed independent references in
//! `tests/reference/*.json` (tools/reference/README.md): numpy busday_offset,
//! chinese-calendar and holidays, computed without reading plaint's code or
//! calendar data.
//!
//! Each case: the start is START at `start_time` local in the calendar's zone;
//! each DUE is a local date, and the expected due instant is the close of
//! business of that date (the last interval's end in the calendar data:
//! 18:00 for cn-mainland and hk, 17:00 for gb-eng and us-federal).

use chrono::{NaiveDate, NaiveTime, SecondsFormat, TimeZone};
use chrono_tz::Tz;
use plaint_core::model::parse_instant;
use plaint_core::{Calendar, Clock, End, Roll, Span};
use serde_json::Value;

/// Zone and close of business of the calendars the references cover
/// (core/data/calendars/*.json: "zone" and the end of the last "hours" interval).
fn zone_and_close(calendar: &str) -> (Tz, NaiveTime) {
    let h = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
    match calendar {
        "cn-mainland" => (chrono_tz::Asia::Shanghai, h(18)),
        "hk" => (chrono_tz::Asia::Hong_Kong, h(18)),
        "gb-eng" => (chrono_tz::Europe::London, h(17)),
        "us-federal" => (chrono_tz::America::New_York, h(17)),
        "au" => (chrono_tz::Australia::Sydney, h(17)),
        "sg" => (chrono_tz::Asia::Singapore, h(18)),
        "in" => (chrono_tz::Asia::Kolkata, h(17)),
        "eu-target" => (chrono_tz::Europe::Berlin, h(17)),
        other => panic!("no zone known for reference calendar {other}"),
    }
}

/// RFC 3339 of a local date and time in `zone` (never in a DST gap here:
/// 10:00, 17:00 and 18:00 exist on every day in these zones).
fn local_rfc3339(zone: Tz, date: NaiveDate, time: NaiveTime) -> String {
    zone.from_local_datetime(&date.and_time(time))
        .single()
        .unwrap_or_else(|| panic!("{date} {time} is not a single instant in {zone}"))
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("bad date {s:?}: {e}"))
}

/// Run one reference file; returns (start cases, amount checks).
fn check_file(file: &str) -> (usize, usize) {
    let path = format!("{}/../tests/reference/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));

    let name = doc["calendar"].as_str().expect("calendar");
    let clock = match doc["clock"].as_str().expect("clock") {
        "working_days" => Clock::WorkingDays,
        "calendar_days" => Clock::CalendarDays,
        other => panic!("unexpected clock {other}"),
    };
    assert_eq!(
        doc["end"], "close_of_business",
        "{file}: the test assumes close_of_business"
    );
    let roll = match doc.get("roll").and_then(Value::as_str) {
        None | Some("none") => Roll::None,
        Some("next_working_day") => Roll::NextWorkingDay,
        Some(other) => panic!("unexpected roll {other}"),
    };
    let start_time = NaiveTime::parse_from_str(doc["start_time"].as_str().expect("start_time"), "%H:%M").unwrap();
    let amounts: Vec<i64> = doc["amounts"]
        .as_array()
        .expect("amounts")
        .iter()
        .map(|a| a.as_i64().expect("integer amount"))
        .collect();
    let cases = doc["cases"].as_array().expect("cases");

    let cal = Calendar::preset(name).unwrap();
    let (zone, close) = zone_and_close(name);
    assert_eq!(
        cal.zone(),
        zone,
        "{file}: the preset's zone differs from the test's table"
    );

    let mut checks = 0usize;
    let mut mismatches: Vec<String> = Vec::new();
    let mut total_mismatches = 0usize;
    for case in cases {
        let start_date = date(case[0].as_str().expect("start date"));
        let dues = case[1].as_array().expect("dues");
        assert_eq!(dues.len(), amounts.len(), "{file}: {start_date}: one due per amount");
        let start_text = local_rfc3339(zone, start_date, start_time);
        let start = parse_instant(&start_text).unwrap();
        for (&amount, due) in amounts.iter().zip(dues) {
            checks += 1;
            let expected = local_rfc3339(zone, date(due.as_str().expect("due date")), close);
            let span = Span::new(clock, amount)
                .with_end(Some(End::CloseOfBusiness))
                .with_roll(roll);
            let got = match cal.add(start, &span) {
                Ok(t) => cal.format(t),
                Err(e) => format!("error {}: {e}", e.code()),
            };
            if got != expected {
                total_mismatches += 1;
                if mismatches.len() < 10 {
                    mismatches.push(format!(
                        "  start {start_text} + {amount}: expected {expected}, got {got}"
                    ));
                }
            }
        }
    }
    assert!(
        total_mismatches == 0,
        "{file}: {total_mismatches} of {checks} results differ from the reference; first {}:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
    (cases.len(), checks)
}

/// More than 2000 start dates per file, so the test can never pass vacuously
/// (each file has one case per day over roughly 7 years).
fn run(file: &str) {
    let (cases, checks) = check_file(file);
    assert!(cases > 2000, "{file}: only {cases} cases read");
    assert!(checks > cases, "{file}: only {checks} checks for {cases} cases");
    eprintln!("{file}: {cases} cases, {checks} checks, all equal");
}

#[test]
fn cn_mainland_working_days() {
    run("cn-mainland-working-days.json");
}

#[test]
fn cn_mainland_calendar_days_rolled() {
    run("cn-mainland-calendar-days.json");
}

#[test]
fn gb_eng_working_days() {
    run("gb-eng-working-days.json");
}

#[test]
fn us_federal_working_days() {
    run("us-federal-working-days.json");
}

#[test]
fn hk_working_days() {
    run("hk-working-days.json");
}

#[test]
fn au_working_days() {
    run("au-working-days.json");
}

#[test]
fn sg_working_days() {
    run("sg-working-days.json");
}

#[test]
fn in_working_days() {
    run("in-working-days.json");
}

#[test]
fn eu_target_working_days() {
    run("eu-target-working-days.json");
}

/// `tests/reference/observed-days.json`: the substitute days the holidays
/// package gives (a holiday on a weekend moved to a weekday; for `au`, the
/// weekdays all eight states and territories keep). Each must be a
/// non-working day of plaint's calendar of that name. `in` and `eu-target`
/// move no holiday, so their lists are empty.
#[test]
fn observed_days_are_not_working_days() {
    let path = format!("{}/../tests/reference/observed-days.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let calendars = doc["calendars"].as_object().expect("calendars");
    let mut checked = 0usize;
    let mut wrong = Vec::new();
    for (name, days) in calendars {
        let cal = Calendar::preset(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        for day in days.as_array().expect("days") {
            let d = date(day[0].as_str().expect("date"));
            checked += 1;
            if cal.is_working_day(d).unwrap_or_else(|e| panic!("{name} {d}: {e}")) {
                wrong.push(format!("{name} {d} ({})", day[1]));
            }
        }
    }
    assert!(wrong.is_empty(), "substitute days counted as working days: {wrong:?}");
    // Counts of the committed file, so that the test cannot pass on an
    // empty list: au 11, gb-eng 9, hk 24, sg 15, us-federal 14.
    assert_eq!(checked, 73);
    let au: Vec<&str> = calendars["au"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d[0].as_str().unwrap())
        .collect();
    assert!(au.contains(&"2026-12-28") && au.contains(&"2027-12-27") && au.contains(&"2027-12-28"));
    assert_eq!(calendars["in"], serde_json::json!([]));
    assert_eq!(calendars["eu-target"], serde_json::json!([]));
}
