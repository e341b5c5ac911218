//! Instants at the boundary: the core counts integer milliseconds since the
//! epoch; Kotlin sees `java.time.Instant`, Swift `Date` (uniffi timestamps,
//! `std::time::SystemTime` here). Sub-millisecond parts are dropped (floored),
//! as the core drops them from RFC 3339 text.

use plaint_core::{Code, Error, Instant, Stamp};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A core instant as a timestamp.
pub fn system(t: Instant) -> SystemTime {
    let ms = t.ms();
    if ms >= 0 {
        UNIX_EPOCH + Duration::from_millis(ms.unsigned_abs())
    } else {
        UNIX_EPOCH - Duration::from_millis(ms.unsigned_abs())
    }
}

/// A result's instant (an instant with the zone it is shown in) as a timestamp.
pub fn stamp(s: Stamp) -> SystemTime {
    system(s.at)
}

/// Epoch milliseconds of a timestamp, floored; None beyond i64.
fn millis(t: SystemTime) -> Option<i64> {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_millis()).ok(),
        Err(before) => {
            let d = before.duration();
            let ms = i64::try_from(d.as_millis()).ok()?;
            let partial = d.as_nanos() % 1_000_000 != 0;
            Some(-ms - i64::from(partial))
        }
    }
}

/// A host's timestamp as a core instant; `invalid_instant` at `path` outside
/// the years 1000-9999 the core supports.
pub fn instant(t: SystemTime, path: &str) -> Result<Instant, Error> {
    millis(t).and_then(|ms| Instant::from_ms(ms).ok()).ok_or_else(|| {
        Error::new(
            Code::InvalidInstant,
            path,
            "the instant is outside the supported range (years 1000-9999)",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn milliseconds_round_trip_and_floor() {
        // 2026-09-24T08:00:00Z = 1_790_236_800_000 ms.
        let t = instant(system(Instant::from_ms(1_790_236_800_000).unwrap()), "/t").unwrap();
        assert_eq!(t.ms(), 1_790_236_800_000);
        // 1 ns before the epoch floors to -1 ms.
        let t = instant(UNIX_EPOCH - Duration::from_nanos(1), "/t").unwrap();
        assert_eq!(t.ms(), -1);
        // 1.5 ms after the epoch floors to 1 ms.
        let t = instant(UNIX_EPOCH + Duration::from_micros(1_500), "/t").unwrap();
        assert_eq!(t.ms(), 1);
        // Year 10000 is outside the range: invalid_instant at the path.
        let e = instant(UNIX_EPOCH + Duration::from_secs(253_402_300_800), "/now").unwrap_err();
        assert_eq!((e.code(), e.path()), (Code::InvalidInstant, "/now"));
    }
}
