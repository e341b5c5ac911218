//! The RFC 3339 text of an instant at a UTC offset, written digit by digit
//! into a small buffer. It is the text chrono's
//! `to_rfc3339_opts(SecondsFormat::AutoSi, false)` gives for an instant in
//! whole milliseconds (milliseconds shown only when not zero; the offset as
//! `±HH:MM`, rounded to the nearest minute, `+00:00` for UTC; a year past
//! 9999 with its sign), without chrono's formatting machinery and without
//! an allocation: results carry a dozen instants each, and formatting them
//! through chrono was a large part of writing a result as JSON.

/// Room for any i64 of milliseconds (`+292278994-08-17T07:12:55.807+00:00`
/// is 35 bytes): instants in range need 31 at most
/// (`+10000-01-01T13:59:59.999+14:00`), but an instant computed one step
/// past the range must not panic.
const CAP: usize = 40;

/// The RFC 3339 text of one instant, held on the stack.
#[derive(Clone, Copy)]
pub struct Rfc3339 {
    bytes: [u8; CAP],
    len: u8,
}

impl Rfc3339 {
    /// No text (a place not yet filled).
    pub(crate) const EMPTY: Rfc3339 = Rfc3339 {
        bytes: [0; CAP],
        len: 0,
    };

    /// The text of the instant `ms` (epoch milliseconds) at `offset` seconds
    /// east of UTC.
    pub(crate) fn new(ms: i64, offset: i32) -> Rfc3339 {
        let local = ms.saturating_add(i64::from(offset) * 1000);
        let (days, in_day) = (local.div_euclid(86_400_000), local.rem_euclid(86_400_000));
        let (year, month, day) = civil_from_days(days);
        let mut t = match u32::try_from(year) {
            Ok(y) if y <= 9999 => Rfc3339::four_digit_year(y),
            _ => Rfc3339::signed_year(year),
        };
        let secs = (in_day / 1000) as u32;
        let ms = (in_day % 1000) as u32;
        // After the year: "-MM-DDTHH:MM:SS", then ".mmm" when not zero.
        let mut at = usize::from(t.len);
        for (sep, n) in [
            (b'-', month),
            (b'-', day),
            (b'T', secs / 3600),
            (b':', secs / 60 % 60),
            (b':', secs % 60),
        ] {
            t.bytes[at..at + 3].copy_from_slice(&[sep, b'0' + (n / 10) as u8, b'0' + (n % 10) as u8]);
            at += 3;
        }
        if ms != 0 {
            let digits = [
                b'.',
                b'0' + (ms / 100) as u8,
                b'0' + (ms / 10 % 10) as u8,
                b'0' + (ms % 10) as u8,
            ];
            t.bytes[at..at + 4].copy_from_slice(&digits);
            at += 4;
        }
        t.bytes[at..at + 6].copy_from_slice(&offset_text(offset));
        t.len = (at + 6) as u8;
        t
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        // Only ASCII digits and punctuation are ever written.
        std::str::from_utf8(self.as_bytes()).unwrap_or("")
    }

    /// The text's bytes (ASCII).
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }

    fn four_digit_year(y: u32) -> Rfc3339 {
        let mut bytes = [0; CAP];
        bytes[..4].copy_from_slice(&[
            b'0' + (y / 1000) as u8,
            b'0' + (y / 100 % 10) as u8,
            b'0' + (y / 10 % 10) as u8,
            b'0' + (y % 10) as u8,
        ]);
        Rfc3339 { bytes, len: 4 }
    }

    /// A year outside 0 to 9999 (10000, late on the last day of the range
    /// east of UTC): as ISO 8601 asks and chrono writes, its sign and at
    /// least four digits.
    fn signed_year(year: i64) -> Rfc3339 {
        let text = format!("{year:+05}");
        let mut bytes = [0; CAP];
        bytes[..text.len()].copy_from_slice(text.as_bytes());
        Rfc3339 {
            bytes,
            len: text.len() as u8,
        }
    }
}

/// `±HH:MM`, the seconds of an offset (local mean times before standard
/// time) rounded to the nearest minute, as chrono does.
fn offset_text(offset: i32) -> [u8; 6] {
    let sign = if offset < 0 { b'-' } else { b'+' };
    let minutes = (offset.unsigned_abs() + 30) / 60;
    let (h, m) = (minutes / 60, minutes % 60);
    [
        sign,
        b'0' + (h / 10) as u8,
        b'0' + (h % 10) as u8,
        b':',
        b'0' + (m / 10) as u8,
        b'0' + (m % 10) as u8,
    ]
}

/// Year, month and day of the proleptic Gregorian calendar for a count of
/// days since 1970-01-01 (Howard Hinnant's `civil_from_days`: eras of 400
/// years starting on March 1st, so the leap day is the last of its year).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // day of era, 0..=146096
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // 0..=399
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // 0..=365, from March 1st
    let mp = (5 * doy + 2) / 153; // month from March, 0..=11
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_to_dates_by_hand() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        // 2000 was a leap year: day 11,016 is 2000-02-29 (30 years of
        // 365 days + 7 leap days to 2000-01-01 is 10,957; + 31 + 28).
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(11_017), (2000, 3, 1));
    }

    #[test]
    fn texts_by_hand() {
        let text = |ms, off| Rfc3339::new(ms, off).as_str().to_owned();
        assert_eq!(text(0, 0), "1970-01-01T00:00:00+00:00");
        assert_eq!(text(1, 0), "1970-01-01T00:00:00.001+00:00");
        assert_eq!(text(-1, 0), "1969-12-31T23:59:59.999+00:00");
        assert_eq!(text(0, 8 * 3600), "1970-01-01T08:00:00+08:00");
        assert_eq!(text(0, -(3 * 3600 + 1800)), "1969-12-31T20:30:00-03:30");
        // An offset of 8:05:43 is shown rounded (8:06); the time is exact.
        assert_eq!(text(0, 8 * 3600 + 5 * 60 + 43), "1970-01-01T08:05:43+08:06");
        assert_eq!(text(0, -(7 * 3600 + 52 * 60 + 29)), "1969-12-31T16:07:31-07:52");
        // The ends of i64 milliseconds, as java.time prints them
        // (`Instant.ofEpochMilli(Long.MAX_VALUE)` and `MIN_VALUE`).
        assert_eq!(text(i64::MAX, 0), "+292278994-08-17T07:12:55.807+00:00");
        assert_eq!(text(i64::MIN, 0), "-292275055-05-16T16:47:04.192+00:00");
    }

    /// The same text as chrono's RFC 3339 form (the library's form before
    /// this writer) at both ends of the instant range (years 999 and 10000
    /// in local time), across offsets with seconds (local mean times),
    /// half hours, quarter hours and daylight saving, for instants with and
    /// without milliseconds.
    #[test]
    fn equal_to_chrono_across_zones_and_the_range() {
        use crate::model::Instant;
        use crate::model::instant::{MAX_MS, MIN_MS};
        use chrono::{SecondsFormat, TimeZone};
        use chrono_tz::Tz;
        let zones = [
            "UTC",
            "Asia/Shanghai",
            "America/Los_Angeles",
            "Pacific/Kiritimati",
            "Asia/Kolkata",
            "America/St_Johns",
            "Pacific/Chatham",
            "Europe/Amsterdam",
            "Africa/Monrovia",
            "Pacific/Apia",
        ];
        let mut instants = vec![MIN_MS, MIN_MS + 1, MAX_MS, MAX_MS - 999, 0, -1, 1];
        // Every 9,970,000,037 ms (about 115 days, not a whole second) across
        // the range; and the same instants on the second.
        let mut ms = MIN_MS;
        while ms <= MAX_MS {
            instants.push(ms);
            instants.push(ms - ms.rem_euclid(1000));
            ms += 9_970_000_037;
        }
        for zone in zones {
            let tz: Tz = zone.parse().unwrap();
            for &ms in &instants {
                let want = tz
                    .timestamp_millis_opt(ms)
                    .unwrap()
                    .to_rfc3339_opts(SecondsFormat::AutoSi, false);
                let got = Instant::from_ms(ms).unwrap().rfc3339_in(tz);
                assert_eq!(got.as_str(), want, "{ms} in {zone}");
            }
        }
        let at = |ms, zone: &str| Instant::from_ms(ms).unwrap().format_in(zone.parse().unwrap());
        assert_eq!(at(MAX_MS, "Pacific/Kiritimati"), "+10000-01-01T13:59:59.999+14:00");
        // Los Angeles kept local mean time, -7:52:58, until 1883: the first
        // instant is 16:07:02 the day before, shown as -07:53.
        assert_eq!(at(MIN_MS, "America/Los_Angeles"), "0999-12-31T16:07:02-07:53");
    }
}
