//! When a rule's clock starts: the start event (its n-th occurrence), then
//! what moves the start — a restart event, a reclassification, a reopening.

use super::SlaContext;
use crate::model::{EventKind, Instant};
use crate::policy::{DeadlineRule, OnReclassify, OnReopen};

/// Where the clock starts, after restarts, reclassification and reopening.
pub(super) struct Begin {
    pub start: Instant,
    /// Events that meet the rule count from here (the reopening, if any).
    pub met_from: Instant,
    /// With `on_reopen: continue`, the closed period, which does not count.
    pub closed: Option<(Instant, Instant)>,
}

/// The instant of the start event (its `start_nth` occurrence); the receipt
/// for rules that start at it.
pub(super) fn first_start(rule: &DeadlineRule, cx: &SlaContext) -> Option<Instant> {
    if rule.start == EventKind::Received {
        return Some(cx.complaint.received_at);
    }
    cx.events
        .iter()
        .filter(|(_, e)| e.kind == rule.start && e.at >= cx.complaint.received_at)
        .nth(rule.start_nth - 1)
        .map(|(_, e)| e.at)
}

/// The note of a rule whose start event has not happened yet.
pub(super) fn waiting_note(rule: &DeadlineRule) -> String {
    match rule.start_nth {
        1 => format!("waits for the event {:?}", rule.start.code()),
        n => format!("waits for occurrence {n} of the event {:?}", rule.start.code()),
    }
}

/// The start after `restart_on` events, reclassification and reopening;
/// each move is noted.
pub(super) fn begin(
    rule: &DeadlineRule,
    cx: &SlaContext,
    first: Instant,
    applied_first: bool,
    notes: &mut Vec<String>,
) -> Begin {
    let start = restarted(rule, cx, first, notes);
    let start = reclassified(rule, cx, start, applied_first, notes);
    reopened(rule, cx, start, notes)
}

/// The last `restart_on` event after the start starts the count again.
fn restarted(rule: &DeadlineRule, cx: &SlaContext, start: Instant, notes: &mut Vec<String>) -> Instant {
    match cx.last_after(&rule.restart_on, start) {
        Some(e) => {
            notes.push(format!("restarted at the event {:?}", e.kind.code()));
            e.at
        }
        None => start,
    }
}

/// A reclassification after the start, as `on_reclassify` says. A rule kept
/// (`keep`) that did not apply to the first classification starts at it.
fn reclassified(
    rule: &DeadlineRule,
    cx: &SlaContext,
    start: Instant,
    applied_first: bool,
    notes: &mut Vec<String>,
) -> Instant {
    let Some(t) = cx.last_of(EventKind::Reclassified).filter(|t| *t > start) else {
        return start;
    };
    match rule.on_reclassify {
        OnReclassify::Retroactive => {
            notes.push("recomputed from the original start after reclassification (retroactive)".into());
            start
        }
        OnReclassify::Restart => {
            notes.push("restarted at the reclassification".into());
            t
        }
        OnReclassify::Keep if !applied_first => t,
        OnReclassify::Keep => {
            notes.push("kept as computed before the reclassification".into());
            start
        }
    }
}

/// A reopening after the start: the count starts again (`restart`) or goes
/// on without the closed period (`continue`); only events after the
/// reopening meet the rule.
fn reopened(rule: &DeadlineRule, cx: &SlaContext, start: Instant, notes: &mut Vec<String>) -> Begin {
    let Some(reopen) = cx.last_of(EventKind::Reopened).filter(|t| *t > start) else {
        return Begin {
            start,
            met_from: start,
            closed: None,
        };
    };
    match rule.on_reopen {
        OnReopen::Restart => {
            notes.push("restarted at the reopening".into());
            Begin {
                start: reopen,
                met_from: reopen,
                closed: None,
            }
        }
        OnReopen::Continue => {
            let closed = cx
                .events
                .iter()
                .rev()
                .map(|(_, e)| *e)
                .find(|e| e.kind == EventKind::Closed && e.at <= reopen)
                .map(|c| (c.at, reopen));
            notes.push("continues after the reopening; the closed period does not count".into());
            Begin {
                start,
                met_from: reopen,
                closed,
            }
        }
    }
}
