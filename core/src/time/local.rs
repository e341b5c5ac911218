//! Local wall-clock times to instants, with the DST rules of docs/time.md: a local
//! time that does not exist is skipped forward (to the first instant after
//! the gap), an ambiguous one takes the earlier instant.

use chrono::{Duration, LocalResult, NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Tz;

/// The instant of `minute` (0..=1440) of local `date` in `zone`; minute 1440
/// is 00:00 of the next day.
pub fn local_to_ms(zone: Tz, date: NaiveDate, minute: u32) -> i64 {
    let (date, minute) = if minute >= 1440 {
        (date.succ_opt().unwrap_or(date), minute - 1440)
    } else {
        (date, minute)
    };
    let time = NaiveTime::from_hms_opt(minute / 60, minute % 60, 0).unwrap_or(NaiveTime::MIN);
    let mut local = date.and_time(time);
    // Gaps are at most a day long (Samoa skipped 2011-12-30); step minute by
    // minute to the first local time that exists: that is the gap's end.
    for _ in 0..=2 * 1440 {
        match zone.from_local_datetime(&local) {
            LocalResult::Single(t) => return t.timestamp_millis(),
            LocalResult::Ambiguous(earlier, _) => return earlier.timestamp_millis(),
            LocalResult::None => local += Duration::minutes(1),
        }
    }
    // Unreachable with real zone data; fall back to reading the time as UTC.
    local.and_utc().timestamp_millis()
}

/// The local date of an instant in `zone`.
pub fn local_date(zone: Tz, ms: i64) -> NaiveDate {
    match zone.timestamp_millis_opt(ms) {
        LocalResult::Single(t) => t.date_naive(),
        _ => chrono::DateTime::from_timestamp_millis(ms).map_or(NaiveDate::MIN, |t| t.date_naive()),
    }
}
