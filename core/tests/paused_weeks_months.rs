//! Elapsed and remaining time of week and month deadlines that were paused.
//! Their pauses are counted in calendar days (docs/time.md "Stopping the
//! clock"); the time counted is the active time, in weeks or months.
//!
//! Calendar `always` (UTC, every day, whole days, end of day). Received
//! Thu 2026-01-01 00:00Z; the customer is awaited from 01-05 00:00 to
//! 01-08 00:00: the 5th, 6th and 7th are paused, 3 calendar days.

use plaint_core::{Case, Instant, Policy, assess};

const POLICY: &str = r#"{"plaint_policy": 1, "name": "paused-units", "version": "1", "calendar": "always",
 "deadlines": [
  {"id": "days", "clock": "calendar_days", "amount": 28, "start": "received", "met_by": ["replied"], "pause_when": ["awaiting_customer"]},
  {"id": "weeks", "clock": "weeks", "amount": 4, "start": "received", "met_by": ["replied"], "pause_when": ["awaiting_customer"]},
  {"id": "months", "clock": "months", "amount": 2, "start": "received", "met_by": ["replied"], "pause_when": ["awaiting_customer"]}]}"#;

const CASE: &str = r#"{"complaint": {"id": "P-1", "received_at": "2026-01-01T00:00:00Z"},
 "events": [{"type": "awaiting_customer", "at": "2026-01-05T00:00:00Z"},
            {"type": "resumed", "at": "2026-01-08T00:00:00Z"}]}"#;

/// (rule, due, elapsed, remaining) at `now`.
fn counts(now: &str) -> Vec<(String, String, i64, i64)> {
    let policy = Policy::from_json(POLICY).unwrap();
    let a = assess(&policy, &Case::from_json(CASE).unwrap(), Instant::parse(now).unwrap()).unwrap();
    a.deadlines
        .iter()
        .map(|d| {
            let due = d.due_at.unwrap().to_string();
            (d.id.to_string(), due, d.elapsed.unwrap(), d.remaining.unwrap())
        })
        .collect()
}

#[test]
fn on_the_20th_of_january() {
    // Days completed since the 1st: the 2nd to the 19th, 18; active 18 - 3 = 15.
    // Weeks: 15 days are 2 whole weeks of 4, 2 remain. Months: none yet.
    // Dues: 28 days end 01-29 24:00, 3 paused days later 02-02 00:00; the
    // same for 4 weeks; 2 months end 03-01 24:00, then 3 days: 03-05 00:00.
    assert_eq!(
        counts("2026-01-20T00:00:00Z"),
        [
            ("days".into(), "2026-02-02T00:00:00+00:00".into(), 15, 13),
            ("weeks".into(), "2026-02-02T00:00:00+00:00".into(), 2, 2),
            ("months".into(), "2026-03-05T00:00:00+00:00".into(), 0, 2),
        ]
    );
}

#[test]
fn on_the_4th_of_march() {
    // Active days: 01-02..03-03 completed = 61, less 3 = 58: 8 whole weeks
    // (the 4 allowed are long past: remaining -4). Months: 03-04 00:00 moved
    // back 3 days is 03-01 00:00, before the 2nd month ends (03-01 24:00): 1.
    assert_eq!(
        counts("2026-03-04T00:00:00Z"),
        [
            ("days".into(), "2026-02-02T00:00:00+00:00".into(), 58, -30),
            ("weeks".into(), "2026-02-02T00:00:00+00:00".into(), 8, -4),
            ("months".into(), "2026-03-05T00:00:00+00:00".into(), 1, 1),
        ]
    );
}

#[test]
fn on_the_5th_of_march_the_months_are_counted_out() {
    // 03-05 00:00 moved back 3 days is 03-02 00:00, the end of the 2nd month.
    let months = counts("2026-03-05T00:00:00Z").pop().unwrap();
    assert_eq!((months.2, months.3), (2, 0));
}
