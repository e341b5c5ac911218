//! Instants: integer milliseconds since the Unix epoch (UTC). Text form is
//! RFC 3339 with an explicit offset; an input without one is an error, never
//! "local time" (docs/time.md).

use super::rfc3339::Rfc3339;
use crate::error::{Code, Error};
use chrono::{DateTime, NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;
use std::fmt;

/// A point in time, in milliseconds since 1970-01-01T00:00:00Z, always
/// within [`MIN_MS`]..=[`MAX_MS`]: build one with [`Instant::parse`],
/// [`Instant::from_ms`] (checked) or [`Instant::saturating_add_ms`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Instant(pub(crate) i64);

/// The range of instants plaint accepts: years 1000 to 9999, so that every
/// instant has an RFC 3339 form and sums of instants and amounts stay far
/// from i64 overflow.
pub const MIN_MS: i64 = -30_610_224_000_000; // 1000-01-01T00:00:00Z
/// The last instant plaint accepts, 9999-12-31T23:59:59.999Z (see [`MIN_MS`]).
pub const MAX_MS: i64 = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

impl Instant {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    #[inline]
    pub fn ms(self) -> i64 {
        self.0
    }

    /// The instant from epoch milliseconds, if within the supported range
    /// ([`MIN_MS`]..=[`MAX_MS`]); otherwise an `invalid_instant` error.
    ///
    /// ```
    /// use plaint_core::Instant;
    /// assert_eq!(Instant::from_ms(1_790_236_800_000).unwrap().ms(), 1_790_236_800_000);
    /// assert_eq!(Instant::from_ms(i64::MAX).unwrap_err().code().as_str(), "invalid_instant");
    /// ```
    pub fn from_ms(ms: i64) -> Result<Instant, Error> {
        Instant::from_ms_at(ms, "")
    }

    /// [`Instant::from_ms`] for a value read from host data at `path` (a
    /// JSON path or a column name): the error names where the value was.
    pub fn from_ms_at(ms: i64, path: &str) -> Result<Instant, Error> {
        if (MIN_MS..=MAX_MS).contains(&ms) {
            Ok(Instant(ms))
        } else {
            Err(Error::new(
                Code::InvalidInstant,
                path,
                format!("{ms} ms is outside the supported range (years 1000-9999)"),
            ))
        }
    }

    /// The instant `ms` milliseconds later (earlier when negative), held to
    /// the supported range: for hosts and tests that derive an instant from
    /// one they already have and want a valid instant rather than an error.
    ///
    /// ```
    /// use plaint_core::Instant;
    /// use plaint_core::model::instant::MAX_MS;
    /// let t = Instant::from_ms(MAX_MS - 10).unwrap();
    /// assert_eq!(t.saturating_add_ms(86_400_000).ms(), MAX_MS);
    /// ```
    pub fn saturating_add_ms(self, ms: i64) -> Instant {
        Instant(self.0.saturating_add(ms).clamp(MIN_MS, MAX_MS))
    }

    /// RFC 3339 in `zone`, milliseconds shown only when not zero.
    pub fn format_in(self, zone: Tz) -> String {
        self.rfc3339_in(zone).as_str().to_owned()
    }

    /// [`Instant::format_in`] without an allocation: the text on the stack.
    pub fn rfc3339_in(self, zone: Tz) -> Rfc3339 {
        // Every instant in range has a UTC date; `Default` (the epoch) stands
        // in for the impossible other case.
        super::rfc3339::text_of(self.0, zone, || {
            let utc = DateTime::from_timestamp_millis(self.0).unwrap_or_default().naive_utc();
            let offset = zone.offset_from_utc_datetime(&utc).fix().local_minus_utc();
            Rfc3339::new(self.0, offset)
        })
    }

    /// RFC 3339 in UTC.
    pub fn to_utc_string(self) -> String {
        self.format_in(Tz::UTC)
    }

    /// Parse an RFC 3339 timestamp with an explicit offset ("Z" or
    /// "+08:00"); the same reading as every JSON input.
    ///
    /// ```
    /// use plaint_core::Instant;
    /// let t = Instant::parse("2026-09-30T10:00:00+08:00").unwrap();
    /// assert_eq!(t.to_utc_string(), "2026-09-30T02:00:00+00:00");
    /// assert_eq!(Instant::parse("2026-09-30T10:00:00").unwrap_err().code().as_str(), "instant_without_offset");
    /// ```
    pub fn parse(s: &str) -> Result<Instant, Error> {
        parse_instant(s)
    }
}

/// An instant with the zone it is shown in (the calendar's). Results keep
/// instants as `Stamp`s rather than text: serialising one writes its RFC 3339
/// form in that zone, and hosts that need no text (Arrow columns, Python
/// datetimes) read `at` and never format it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// The instant.
    pub at: Instant,
    /// The IANA zone it is shown in.
    pub zone: Tz,
}

impl Stamp {
    /// `at`, shown in `zone`.
    pub fn new(at: Instant, zone: Tz) -> Stamp {
        Stamp { at, zone }
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.rfc3339().as_str())
    }
}

impl Stamp {
    /// The RFC 3339 text in `zone` (its `Display` and JSON form), on the stack.
    pub fn rfc3339(&self) -> Rfc3339 {
        self.at.rfc3339_in(self.zone)
    }
}

impl serde::Serialize for Stamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.rfc3339().as_str())
    }
}

impl fmt::Display for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_utc_string())
    }
}

/// Parse an RFC 3339 timestamp with an explicit offset ("Z" or "+08:00").
/// Sub-millisecond digits are truncated.
pub fn parse_instant(s: &str) -> Result<Instant, Error> {
    if let Some(at) = super::rfc3339::epoch_ms(s).and_then(|ms| Instant::from_ms(ms).ok()) {
        return Ok(at);
    }
    match DateTime::parse_from_rfc3339(s) {
        Ok(dt) => Instant::from_ms(dt.timestamp_millis()).map_err(|_| {
            Error::new(
                Code::InvalidInstant,
                "",
                format!("{s:?} is outside the supported range"),
            )
        }),
        Err(_) if looks_local(s) => Err(Error::new(
            Code::InstantWithoutOffset,
            "",
            format!("{s:?} has no UTC offset; write it as RFC 3339 with Z or +HH:MM"),
        )),
        Err(_) => Err(Error::new(
            Code::InvalidInstant,
            "",
            format!("{s:?} is not an RFC 3339 timestamp (e.g. 2026-09-24T16:00:00+08:00)"),
        )),
    }
}

fn looks_local(s: &str) -> bool {
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M"]
        .iter()
        .any(|f| NaiveDateTime::parse_from_str(s, f).is_ok())
        || crate::decode::parse_date(s).is_some()
}
