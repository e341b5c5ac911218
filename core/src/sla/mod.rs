//! Deadlines over an event log (docs/time.md, "Deadlines over an event
//! log"): start, pauses, extensions, reclassification, reopening, and the
//! state at `now`.

mod beyond;

pub use beyond::{DeadlineError, is_computation};

use crate::error::{Code, Error};
use crate::lifecycle::State;
use crate::model::Text;
use crate::model::labels::labelled_enum;
use crate::model::{Complaint, Event, EventKind, Instant, Stamp};
use crate::policy::condition::Subject;
use crate::policy::{DeadlineRule, Extension, OnReclassify, OnReopen, Ratio, RuleKind, Warn};
use crate::time::{Calendar, Clock, Span};
use serde::Serialize;

labelled_enum! {
    /// A deadline's state at `now`.
    pub enum SlaState ("deadline state") {
        /// Running, before its warning point (before due when it has none).
        Pending = "pending", "进行中", "進行中", "pending";
        /// Running, at or after its warning point, before due.
        AtRisk = "at_risk", "即将超时", "即將超時", "at risk";
        /// Not met, and `now` is at or after the due instant.
        Breached = "breached", "已超时", "已超時", "breached";
        /// Met at or before the due instant.
        Met = "met", "按时完成", "按時完成", "met";
        /// Met after the due instant.
        MetLate = "met_late", "超时完成", "超時完成", "met late";
        /// Not met, and its clock is stopped at `now` (a state in `pause_when`).
        Paused = "paused", "已暂停", "已暫停", "paused";
        /// The rule does not apply to this complaint (any more).
        NotApplicable = "not_applicable", "不适用", "不適用", "not applicable";
        /// The start event has not happened yet.
        NotStarted = "not_started", "未开始", "未開始", "not started";
        /// A window (rule kind `window`) ran out before its event: not a
        /// breach by the firm.
        Lapsed = "lapsed", "已失效", "已失效", "lapsed";
        /// The due time cannot be computed (e.g. it lies past the calendar's
        /// data); `error` says why.
        Undetermined = "undetermined", "无法确定", "無法確定", "undetermined";
    }
}

/// One deadline of an assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeadlineStatus {
    /// The rule's id.
    pub id: Text,
    /// A deadline of the firm's, or a window (which lapses, never breaches).
    pub kind: RuleKind,
    /// The state at `now`.
    pub state: SlaState,
    /// The rule's clock.
    pub clock: crate::time::Clock,
    /// The target with extensions, in `unit`.
    pub amount: i64,
    /// The unit of `amount`, `elapsed`, `remaining`, `extended` and (but for
    /// weeks and months) `paused`: `minutes` for `elapsed` and `business`,
    /// else `working days`, `days`, `weeks` or `months`.
    pub unit: &'static str,
    /// When the clock started (after restarts); None when it has not started
    /// or does not apply.
    pub started_at: Option<Stamp>,
    /// The due instant, pauses and extensions included; None when the
    /// deadline has not started, does not apply or is undetermined.
    pub due_at: Option<Stamp>,
    /// When the deadline turns `at_risk`; None without a warning point.
    pub warn_at: Option<Stamp>,
    /// When a `met_by` event met it, if one did.
    pub met_at: Option<Stamp>,
    /// Time counted so far on the rule's clock, in `unit` (pauses excluded).
    pub elapsed: Option<i64>,
    /// Target minus elapsed, in `unit`; negative when overdue.
    pub remaining: Option<i64>,
    /// Time the clock was stopped, in `unit`; for `weeks` and `months`,
    /// in calendar days (their pauses are counted in days).
    pub paused: i64,
    /// Time added by extensions, in `unit`.
    pub extended: i64,
    /// The instant the state changes by the mere passing of time (to `at_risk`
    /// or past due); None when no such change is ahead.
    pub next_change_at: Option<Stamp>,
    /// Why the deadline is as it is, for people (restarts, pauses, extensions
    /// refused...), in English.
    pub notes: Vec<String>,
    /// The rule's citation, if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
    /// The calendar the deadline was counted on.
    pub calendar: Text,
    /// Counted on projected holiday data (the notes name the projected dates).
    pub provisional: bool,
    /// When `elapsed` and `remaining` could only be counted up to the end of
    /// the calendar's data, that instant (the true elapsed time is longer).
    pub counted_until: Option<Stamp>,
    /// Why the deadline is `undetermined`.
    pub error: Option<DeadlineError>,
}

/// What every rule of one assessment is evaluated against.
pub struct SlaContext<'a> {
    /// The calendar deadlines are counted on.
    pub calendar: &'a Calendar,
    /// The complaint.
    pub complaint: &'a Complaint,
    /// Events in order, with their index in the caller's log.
    pub events: &'a [(usize, &'a Event)],
    /// The lifecycle states in order, each with the instant it began.
    pub timeline: &'a [(Instant, State)],
    /// The complaint as classified at receipt (before any reclassification).
    pub initial: &'a Subject<'a>,
    /// The complaint with its reclassifications up to `now`.
    pub current: &'a Subject<'a>,
    /// The instant the states are taken at.
    pub now: Instant,
}

impl SlaContext<'_> {
    fn first_after(&self, kinds: &[EventKind], from: Instant) -> Option<&Event> {
        self.events
            .iter()
            .map(|(_, e)| *e)
            .find(|e| kinds.contains(&e.kind) && e.at >= from)
    }

    /// The last event of one of `kinds` strictly after `from`.
    fn last_after(&self, kinds: &[EventKind], from: Instant) -> Option<&Event> {
        self.events
            .iter()
            .rev()
            .map(|(_, e)| *e)
            .find(|e| kinds.contains(&e.kind) && e.at > from)
    }

    fn last_of(&self, kind: EventKind) -> Option<Instant> {
        self.events
            .iter()
            .rev()
            .find(|(_, e)| e.kind == kind)
            .map(|(_, e)| e.at)
    }
}

/// Evaluate one rule.
pub fn evaluate(rule: &DeadlineRule, cx: &SlaContext) -> Result<DeadlineStatus, Error> {
    let cal = cx.calendar;
    let mut st = blank(rule, cal.label());
    let applies_now = rule.applies_when.holds(cx.current);
    let applied_first = rule.applies_when.holds(cx.initial);
    let keep = rule.on_reclassify == OnReclassify::Keep && applied_first;
    if !applies_now && !keep {
        st.state = SlaState::NotApplicable;
        st.notes.extend(case_reasons(rule, cx));
        return Ok(st);
    }
    let Some(mut start) = start_of(rule, cx) else {
        st.state = SlaState::NotStarted;
        st.notes.push(match rule.start_nth {
            1 => format!("waits for the event {:?}", rule.start.code()),
            n => format!("waits for occurrence {n} of the event {:?}", rule.start.code()),
        });
        return Ok(st);
    };
    if let Some(e) = cx.last_after(&rule.restart_on, start) {
        start = e.at;
        st.notes.push(format!("restarted at the event {:?}", e.kind.code()));
    }
    let reclass = cx.last_of(EventKind::Reclassified).filter(|t| *t > start);
    if let Some(t) = reclass {
        match rule.on_reclassify {
            OnReclassify::Retroactive => st
                .notes
                .push("recomputed from the original start after reclassification (retroactive)".into()),
            OnReclassify::Restart => {
                start = t;
                st.notes.push("restarted at the reclassification".into());
            }
            OnReclassify::Keep if !applied_first => start = t,
            OnReclassify::Keep => st.notes.push("kept as computed before the reclassification".into()),
        }
    }
    let mut pauses: Vec<(Instant, Instant)> = Vec::new();
    let mut met_from = start;
    if let Some(reopen) = cx.last_of(EventKind::Reopened).filter(|t| *t > start) {
        met_from = reopen;
        match rule.on_reopen {
            OnReopen::Restart => {
                start = reopen;
                st.notes.push("restarted at the reopening".into());
            }
            OnReopen::Continue => {
                if let Some(closed) = cx
                    .events
                    .iter()
                    .rev()
                    .map(|(_, e)| *e)
                    .find(|e| e.kind == EventKind::Closed && e.at <= reopen)
                {
                    pauses.push((closed.at, reopen));
                }
                st.notes
                    .push("continues after the reopening; the closed period does not count".into());
            }
        }
    }
    let met = cx.first_after(&rule.met_by, met_from).map(|e| e.at);
    let until = met.unwrap_or(cx.now).max(start);
    pauses.extend(state_pauses(rule, cx, start, until));
    pauses.sort();
    let (ext, span) = extend(rule, cx, start, &pauses, &mut st.notes)?;
    st.started_at = Some(cal.stamp(start));
    st.extended = to_edge(rule, ext);
    st.amount = to_edge(rule, span.amount);
    let customer_due = cx.complaint.facts.requested_due_at.filter(|_| rule.customer_time);
    let (due, delay) = match customer_due {
        Some(t) => {
            st.notes.push("due at the time the customer asked for".into());
            (t, 0)
        }
        _ => match due_with_pauses(cal, start, &span, rule, &pauses) {
            Ok(found) => found,
            Err(e) => return beyond::undetermined(st, rule, cx, (start, met, until), &span, &pauses, e),
        },
    };
    st.paused = to_edge(rule, delay);
    // The customer's own time replaces the target: warn on the time to it.
    let warn = match customer_due {
        Some(_) => warn_point(
            cal,
            start,
            &Span::new(crate::time::Clock::Elapsed, due.0 - start.0),
            rule.warn,
            due,
            0,
        ),
        None => warn_point(cal, start, &span, rule.warn, due, delay),
    }
    .map(|w| w.min(due));
    let paused_now = met.is_none()
        && rule
            .pause_when
            .contains(&crate::lifecycle::state_at(cx.timeline, cx.now));
    st.state = state_at_now(rule.kind, met, due, warn, paused_now, cx.now);
    if st.state == SlaState::Lapsed && met.is_some() {
        st.notes.push("the event came after the window had closed".into());
    }
    let next_change = match st.state {
        SlaState::Pending => Some(warn.unwrap_or(due)),
        SlaState::AtRisk => Some(due),
        _ => None,
    };
    st.met_at = met.map(|m| cal.stamp(m));
    st.due_at = Some(cal.stamp(due));
    st.warn_at = warn.map(|w| cal.stamp(w));
    st.next_change_at = next_change.map(|t| cal.stamp(t));
    let until = beyond::count_until(&mut st, cal, &span, until);
    if let Ok(done) = cal.active_elapsed(start, until, &span, delay) {
        st.elapsed = Some(to_edge(rule, done));
        st.remaining = match customer_due {
            // Counted to the customer's time on the rule's clock.
            Some(_) if until <= due => cal.elapsed(until, due, &span).ok().map(|r| to_edge(rule, r)),
            Some(_) => cal.elapsed(due, until, &span).ok().map(|r| -to_edge(rule, r)),
            None => Some(to_edge(rule, span.amount - done)),
        };
    }
    beyond::finish(&mut st, cal, &span, start, Some(due), until);
    Ok(st)
}

/// The state at `now` from the met instant, the due and warning points. A
/// window that closes before its event lapses instead of being breached.
fn state_at_now(
    kind: RuleKind,
    met: Option<Instant>,
    due: Instant,
    warn: Option<Instant>,
    paused_now: bool,
    now: Instant,
) -> SlaState {
    let window = kind == RuleKind::Window;
    match met {
        Some(m) if m <= due => SlaState::Met,
        Some(_) if window => SlaState::Lapsed,
        Some(_) => SlaState::MetLate,
        None if paused_now => SlaState::Paused,
        None if now >= due && window => SlaState::Lapsed,
        None if now >= due => SlaState::Breached,
        None if warn.is_some_and(|w| now >= w) => SlaState::AtRisk,
        None => SlaState::Pending,
    }
}

/// Why a rule does not apply, when its conditions read the case's progress
/// (`deadlines.<id>`, `state`, `events.<event>`): the tests that fail.
fn case_reasons(rule: &DeadlineRule, cx: &SlaContext) -> Vec<String> {
    rule.applies_when
        .tests
        .iter()
        .filter(|t| t.field.is_case() && !t.holds(cx.current))
        .map(|t| {
            format!(
                "does not apply: {} does not hold",
                t.describe(&crate::classify::text::SignalSet::empty())
            )
        })
        .collect()
}

fn blank(rule: &DeadlineRule, calendar: &Text) -> DeadlineStatus {
    DeadlineStatus {
        id: rule.id.clone(),
        kind: rule.kind,
        state: SlaState::Pending,
        clock: rule.span.clock,
        amount: to_edge(rule, rule.span.amount),
        unit: rule.span.clock.unit(),
        started_at: None,
        due_at: None,
        warn_at: None,
        met_at: None,
        elapsed: None,
        remaining: None,
        paused: 0,
        extended: 0,
        next_change_at: None,
        notes: Vec::new(),
        source: rule.source.clone(),
        calendar: calendar.clone(),
        provisional: false,
        counted_until: None,
        error: None,
    }
}

/// Milliseconds to minutes for duration clocks; counts stay counts.
fn to_edge(rule: &DeadlineRule, amount: i64) -> i64 {
    rule.span.clock.to_edge(amount)
}

fn start_of(rule: &DeadlineRule, cx: &SlaContext) -> Option<Instant> {
    if rule.start == EventKind::Received {
        return Some(cx.complaint.received_at);
    }
    cx.events
        .iter()
        .filter(|(_, e)| e.kind == rule.start && e.at >= cx.complaint.received_at)
        .nth(rule.start_nth - 1)
        .map(|(_, e)| e.at)
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
fn extend(
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
fn due_with_pauses(
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
