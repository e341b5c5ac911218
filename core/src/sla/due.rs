//! A rule's due and warning points: pauses, extensions within the
//! policy's limit, the customer's own time, and the warning point.

use super::SlaContext;
use crate::error::{Code, Error};
use crate::model::{EventKind, Instant};
use crate::policy::{DeadlineRule, Extension, Ratio, Warn};
use crate::time::{Calendar, Clock, Span};

/// The due point of a rule and what it took into account.
pub(super) struct Target {
    pub due: Instant,
    /// The time pauses added, on the rule's clock (milliseconds or days).
    pub delay: i64,
    pub warn: Option<Instant>,
    /// Due at the time the customer asked for (`customer_time`).
    pub customer: bool,
}

/// Every pause of the clock within [start, until), in order: the closed
/// period of a reopened case (`continue`) and the time spent in the rule's
/// pausing states.
pub(super) fn pauses(
    rule: &DeadlineRule,
    cx: &SlaContext,
    start: Instant,
    until: Instant,
    closed: Option<(Instant, Instant)>,
) -> Vec<(Instant, Instant)> {
    let mut out: Vec<(Instant, Instant)> = closed.into_iter().collect();
    out.extend(state_pauses(rule, cx, start, until));
    out.sort();
    out
}

/// The due point: the customer's own time when the rule takes it, else the
/// target counted from `start` with pauses; and the warning point.
pub(super) fn target(
    rule: &DeadlineRule,
    cx: &SlaContext,
    start: Instant,
    span: &Span,
    pauses: &[(Instant, Instant)],
    notes: &mut Vec<String>,
) -> Result<Target, Error> {
    let cal = cx.calendar;
    if let Some(due) = cx.complaint.facts.requested_due_at.filter(|_| rule.customer_time) {
        notes.push("due at the time the customer asked for".into());
        // The customer's own time replaces the target: warn on the time to it.
        let to_due = Span::new(Clock::Elapsed, due.0 - start.0);
        let warn = warn_point(cal, start, &to_due, rule.warn, due, 0).map(|w| w.min(due));
        return Ok(Target {
            due,
            delay: 0,
            warn,
            customer: true,
        });
    }
    let (due, delay) = due_with_pauses(cal, start, span, rule, pauses)?;
    let warn = warn_point(cal, start, span, rule.warn, due, delay).map(|w| w.min(due));
    Ok(Target {
        due,
        delay,
        warn,
        customer: false,
    })
}

/// The intervals in which the complaint sat in a pausing state, within [start, until).
fn state_pauses(rule: &DeadlineRule, cx: &SlaContext, start: Instant, until: Instant) -> Vec<(Instant, Instant)> {
    let mut out = Vec::new();
    for (i, (at, state)) in cx.timeline.iter().enumerate() {
        if !rule.pause_when.contains(state) {
            continue;
        }
        let end = cx.timeline.get(i + 1).map_or(until, |(t, _)| *t).min(until);
        let begin = (*at).max(start);
        if end > begin {
            out.push((begin, end));
        }
    }
    out
}

/// Extensions granted for this rule, checked against the policy's limit.
/// With `before_due`, one granted at or after the due time (as extended so
/// far, pauses included) is not applied and a note says so.
pub(super) fn extend(
    rule: &DeadlineRule,
    cx: &SlaContext,
    start: Instant,
    pauses: &[(Instant, Instant)],
    notes: &mut Vec<String>,
) -> Result<(i64, Span), Error> {
    let factor = rule.span.clock.edge_factor();
    let (mut total, mut count) = (0i64, 0i64);
    let mut span = rule.span;
    for (i, e) in cx.events {
        if e.kind != EventKind::ExtensionGranted || e.deadline.as_deref() != Some(&*rule.id) || e.at < start {
            continue;
        }
        let path = format!("/events/{i}");
        let Some(limit) = &rule.extension else {
            return Err(Error::new(
                Code::InvalidEvent,
                path,
                format!("deadline {:?} allows no extension", rule.id),
            ));
        };
        let amount = e.amount.ok_or_else(|| {
            Error::new(
                Code::MissingField,
                format!("{path}/amount"),
                "an extension needs an amount",
            )
        })?;
        if rule.extension_before_due {
            let (due, _) = due_with_pauses(cx.calendar, start, &span, rule, pauses)?;
            if e.at >= due {
                notes.push(format!(
                    "extension_granted at {} came after the deadline ({}) and is not applied: it must be granted before the due time",
                    cx.calendar.format(e.at),
                    cx.calendar.format(due)
                ));
                continue;
            }
        }
        total = total.saturating_add(amount);
        count += 1;
        if let Some(limit) = beyond(limit, count, amount, total) {
            return Err(Error::new(
                Code::InvalidEvent,
                path,
                format!(
                    "extensions of deadline {:?} exceed the policy's limit ({limit})",
                    rule.id
                ),
            ));
        }
        span.amount = rule.span.amount.saturating_add(total.saturating_mul(factor));
    }
    Ok((total.saturating_mul(factor), span))
}

/// The limit that the `count`-th extension (of `amount`, `total` so far)
/// breaks, described; None when within the policy's limit.
fn beyond(limit: &Extension, count: i64, amount: i64, total: i64) -> Option<String> {
    match limit {
        Extension::Total { max_total, max_count } => {
            (total > *max_total || count > *max_count).then(|| format!("{max_total} in at most {max_count} extensions"))
        }
        Extension::Steps(steps) => {
            let step = usize::try_from(count - 1).ok().and_then(|i| steps.get(i));
            match step {
                Some(max) if amount <= *max => None,
                Some(max) => Some(format!("extension {count} may add at most {max}")),
                None => Some(format!("at most {} extensions", steps.len())),
            }
        }
    }
}

/// The due instant with pauses: each pause that begins before the current
/// due pushes it back by the time it stopped the clock (on the rule's clock).
pub(super) fn due_with_pauses(
    cal: &Calendar,
    start: Instant,
    span: &Span,
    rule: &DeadlineRule,
    pauses: &[(Instant, Instant)],
) -> Result<(Instant, i64), Error> {
    let mut delay = 0i64;
    let mut due = cal.add(start, span)?;
    for &(a, b) in pauses {
        if a >= due {
            break;
        }
        delay += cal.paused(start, a, b, span, rule.partial_days)?;
        due = cal.add_delayed(start, span, delay)?;
    }
    Ok((due, delay))
}

/// The warning point: a fraction of the target on the rule's clock (for
/// day clocks, of the working time between start and due), or a lead time.
fn warn_point(
    cal: &Calendar,
    start: Instant,
    span: &Span,
    warn: Option<Warn>,
    due: Instant,
    delay: i64,
) -> Option<Instant> {
    match warn? {
        Warn::Before(ms) => Some(Instant(due.0 - ms).max(start)),
        Warn::Fraction(f) if span.clock.is_duration() => {
            let part = Span {
                amount: f.of(span.amount),
                ..*span
            };
            cal.add_delayed(start, &part, delay).ok()
        }
        Warn::Fraction(f) => working_fraction(cal, start, due, f),
    }
}

/// The instant at which `f` of the working time between `start` and `due`
/// has passed: business hours where the calendar has them, else the whole
/// of its working days. So a warning lands in working time, never in a
/// night or a holiday; without working time before due it is the due time.
fn working_fraction(cal: &Calendar, start: Instant, due: Instant, f: Ratio) -> Option<Instant> {
    let business = Span::new(Clock::Business, 0);
    let total = cal.elapsed(start, due, &business).ok()?;
    if total == 0 {
        return Some(due);
    }
    cal.add(start, &Span::new(Clock::Business, f.of(total))).ok()
}
