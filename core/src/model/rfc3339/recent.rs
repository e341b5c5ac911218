//! The texts of the last instants written on this thread, kept so that an
//! instant written again (a result names the same received time, due time
//! or `now` in several places) skips the zone lookup and the digits: those
//! were a sixth of a single assessment's time. A cache by exact instant and
//! zone, so a text from it is the text computed afresh; a few hundred bytes
//! per thread, with nothing to free when the thread ends.

use super::Rfc3339;
use chrono_tz::Tz;
use std::cell::RefCell;

/// How many texts are kept.
const KEPT: usize = 8;

struct Recent {
    /// The instants (epoch milliseconds) and zones of `texts`; `i64::MIN`,
    /// outside the instant range, marks an empty place.
    keys: [(i64, Tz); KEPT],
    texts: [Rfc3339; KEPT],
    /// The place the next new text goes (the oldest).
    next: usize,
}

thread_local! {
    static RECENT: RefCell<Recent> = const {
        RefCell::new(Recent {
            keys: [(i64::MIN, Tz::UTC); KEPT],
            texts: [Rfc3339::EMPTY; KEPT],
            next: 0,
        })
    };
}

/// The text of instant `ms` in `zone`: a kept one, or `make()`'s, then kept.
pub(crate) fn text_of(ms: i64, zone: Tz, make: impl FnOnce() -> Rfc3339) -> Rfc3339 {
    let kept = RECENT.try_with(|r| {
        let r = r.try_borrow().ok()?;
        let i = r.keys.iter().position(|&k| k == (ms, zone))?;
        Some(r.texts[i])
    });
    if let Ok(Some(text)) = kept {
        return text;
    }
    let text = make();
    // A thread being torn down (or a re-entrant call) just does not keep it.
    let _ = RECENT.try_with(|r| {
        if let Ok(mut r) = r.try_borrow_mut() {
            let at = r.next;
            r.keys[at] = (ms, zone);
            r.texts[at] = text;
            r.next = (at + 1) % KEPT;
        }
    });
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A kept text is returned only for the same instant and zone; the
    /// ninth new instant pushes out the first.
    #[test]
    fn kept_by_instant_and_zone() {
        let shanghai: Tz = "Asia/Shanghai".parse().unwrap();
        let text = |ms, zone| {
            text_of(ms, zone, || {
                Rfc3339::new(ms, if zone == Tz::UTC { 0 } else { 8 * 3600 })
            })
        };
        assert_eq!(text(0, Tz::UTC).as_str(), "1970-01-01T00:00:00+00:00");
        assert_eq!(text(0, shanghai).as_str(), "1970-01-01T08:00:00+08:00");
        assert_eq!(text(0, Tz::UTC).as_str(), "1970-01-01T00:00:00+00:00");
        let mut calls = 0;
        text_of(0, Tz::UTC, || {
            calls += 1;
            Rfc3339::new(0, 0)
        });
        assert_eq!(calls, 0, "kept");
        // Instants no other test writes, so each is new to this thread's
        // texts even when tests share a thread.
        for k in 1..=KEPT as i64 {
            text(-987_654_321_000 - k, Tz::UTC);
        }
        text_of(0, Tz::UTC, || {
            calls += 1;
            Rfc3339::new(0, 0)
        });
        assert_eq!(calls, 1, "pushed out by newer ones");
    }
}
