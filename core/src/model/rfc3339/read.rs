//! The common RFC 3339 form read without chrono's general parser.
//!
//! Nearly every instant plaint reads is written `2026-09-24T16:00:00+08:00`
//! or `...Z`, maybe with a fraction: this reads exactly that form; anything else (a
//! lowercase `t` or `z`, a space for `T`, a leap second, an offset of
//! `-00:00` or beyond ±23:59, more than nine fraction digits, ...) gives
//! None, and chrono reads the text as before, with its errors. The
//! property test below checks that whatever this reads, chrono reads the
//! same.

/// Milliseconds since the epoch of `s` (sub-milliseconds truncated, as
/// chrono's `timestamp_millis` does), or None when `s` is not in the
/// common form. The range of plaint's instants is checked by the caller.
pub(crate) fn epoch_ms(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let year = digits(&b[0..4])?;
    let (month, day) = (digits(&b[5..7])?, digits(&b[8..10])?);
    let (hour, minute, second) = (digits(&b[11..13])?, digits(&b[14..16])?, digits(&b[17..19])?);
    let valid_date = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
    if !valid_date || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let (ms, rest) = fraction(&b[19..])?;
    let offset_s = offset_seconds(rest)?;
    let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second - offset_s;
    Some(seconds * 1_000 + ms)
}

/// The value of ASCII digits.
fn digits(b: &[u8]) -> Option<i64> {
    b.iter()
        .try_fold(0, |n, &c| c.is_ascii_digit().then(|| n * 10 + i64::from(c - b'0')))
}

/// The milliseconds of an optional `.digits` fraction, and what follows it.
fn fraction(b: &[u8]) -> Option<(i64, &[u8])> {
    let Some(rest) = b.strip_prefix(b".") else {
        return Some((0, b));
    };
    let n = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    if n == 0 || n > 9 {
        return None;
    }
    // The first three digits are the milliseconds (`.5` is 500).
    let k = n.min(3);
    let ms = digits(&rest[..k])? * [100, 10, 1][k - 1];
    Some((ms, &rest[n..]))
}

/// The offset east of UTC in seconds: `Z`, `+HH:MM` or `-HH:MM`.
fn offset_seconds(b: &[u8]) -> Option<i64> {
    match b {
        [b'Z'] => Some(0),
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (h, m) = (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?);
            if h > 23 || m > 59 || (*sign == b'-' && h == 0 && m == 0) {
                return None;
            }
            let s = h * 3_600 + m * 60;
            Some(if *sign == b'-' { -s } else { s })
        }
        _ => None,
    }
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar
/// (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;
    use proptest::prelude::*;

    #[test]
    fn reads_the_common_form_by_hand() {
        // Values computed with Python's datetime.fromisoformat(...).timestamp().
        assert_eq!(epoch_ms("2026-09-24T16:00:00+08:00"), Some(1_790_236_800_000));
        assert_eq!(epoch_ms("2026-09-24T16:00:00.123456Z"), Some(1_790_265_600_123));
        assert_eq!(epoch_ms("1000-01-01T00:00:00Z"), Some(-30_610_224_000_000));
        assert_eq!(epoch_ms("9999-12-31T23:59:59.999-05:30"), Some(253_402_320_599_999));
        assert_eq!(epoch_ms("2024-02-29T23:59:59.5+14:00"), Some(1_709_200_799_500));
    }

    #[test]
    fn leaves_other_forms_to_chrono() {
        for s in [
            "2026-09-24t16:00:00Z",
            "2026-09-24 16:00:00Z",
            "2026-09-24T16:00:00z",
            "2026-09-24T16:00:60Z",
            "2026-09-24T16:00:00-00:00",
            "2026-09-24T16:00:00+24:00",
            "2026-09-24T16:00:00.1234567890Z",
            "2026-09-24T16:00:00.Z",
            "2026-02-29T16:00:00Z",
            "2026-09-24T16:00:00",
            "2026-09-24T16:00:00+0800",
            "+2026-09-24T16:00:00Z",
        ] {
            assert_eq!(epoch_ms(s), None, "{s}");
        }
    }

    fn chrono_ms(s: &str) -> Option<i64> {
        DateTime::parse_from_rfc3339(s).ok().map(|d| d.timestamp_millis())
    }

    proptest! {
        /// Generated instants in the common form: read as chrono reads them.
        #[test]
        fn agrees_with_chrono_on_the_common_form(
            y in 0i64..10_000, mo in 1i64..=12, d in 1i64..=31, h in 0i64..24, mi in 0i64..60, s in 0i64..60,
            frac in proptest::option::of("[0-9]{1,9}"),
            off in proptest::option::of((any::<bool>(), 0i64..24, 0i64..60)),
        ) {
            let frac = frac.map(|f| format!(".{f}")).unwrap_or_default();
            let off = match off {
                None => "Z".to_string(),
                Some((neg, oh, om)) => format!("{}{oh:02}:{om:02}", if neg { '-' } else { '+' }),
            };
            let text = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{frac}{off}");
            match epoch_ms(&text) {
                Some(ms) => prop_assert_eq!(Some(ms), chrono_ms(&text), "{}", text),
                // Only invalid dates and -00:00 are left to chrono.
                None => prop_assert!(d > days_in_month(y, mo) || off == "-00:00", "{}", text),
            }
        }

        /// Any text: whatever this reads, chrono reads the same.
        #[test]
        fn never_reads_what_chrono_does_not(text in "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,11})?([Zz]|[+-][0-9]{2}:?[0-9]{2})?[ x]?") {
            if let Some(ms) = epoch_ms(&text) {
                prop_assert_eq!(Some(ms), chrono_ms(&text), "{}", text);
            }
        }
    }
}
