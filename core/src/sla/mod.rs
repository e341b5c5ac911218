//! Deadlines over an event log (docs/time.md, "Deadlines over an event
//! log"): start, pauses, extensions, reclassification, reopening, and the
//! state at `now`.

mod beyond;
mod cycles;
mod due;
mod start;

pub use cycles::Cycle;

pub use beyond::{DeadlineError, is_computation};

use crate::error::Error;
use crate::lifecycle::State;
use crate::model::Text;
use crate::model::labels::labelled_enum;
use crate::model::{Complaint, Event, EventKind, Instant, Logged, Stamp};
use crate::policy::condition::Subject;
use crate::policy::{DeadlineRule, OnReclassify, RuleKind};
use crate::time::{Calendar, Span};
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
    /// An internal target: the department that owns it (the one of the
    /// cycle the deadline shows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<Text>,
    /// A rule that runs in cycles (recurring, or internal: one per
    /// hand-off): every cycle in order. The deadline's own fields are those
    /// of the running cycle (of the oldest one, when several departments'
    /// run), else of the last one. Absent for other rules.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cycles: Option<Vec<Cycle>>,
}

/// What every rule of one assessment is evaluated against.
pub struct SlaContext<'a> {
    /// The calendar deadlines are counted on.
    pub calendar: &'a Calendar,
    /// The complaint.
    pub complaint: &'a Complaint,
    /// The events up to `now`, in order of time, each with its index in the case's log.
    pub events: &'a [Logged<'a>],
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

/// Evaluate one rule: does it apply, when did its clock start (restarts,
/// reclassification, reopening), its pauses and extensions, its due and
/// warning points, its state at `now`, and the time elapsed and remaining.
pub fn evaluate(rule: &DeadlineRule, cx: &SlaContext) -> Result<DeadlineStatus, Error> {
    let mut st = blank(rule, cx.calendar.label());
    evaluate_into(&mut st, rule, cx)?;
    Ok(st)
}

/// `evaluate` into `st`, the rule's blank status (`blank`) where the caller
/// keeps it: a status is 328 bytes, and passing it by value from step to
/// step copied it four times per rule.
pub(crate) fn evaluate_into(st: &mut DeadlineStatus, rule: &DeadlineRule, cx: &SlaContext) -> Result<(), Error> {
    let Some(applied_first) = applies(rule, cx) else {
        st.state = SlaState::NotApplicable;
        st.notes.extend(case_reasons(rule, cx));
        return Ok(());
    };
    if rule.has_cycles() {
        return cycles::evaluate(st, rule, cx);
    }
    let Some(first) = start::first_start(rule, cx) else {
        st.state = SlaState::NotStarted;
        st.notes.push(start::waiting_note(rule));
        return Ok(());
    };
    let begin = start::begin(rule, cx, first, applied_first, &mut st.notes);
    let met = cx.first_after(&rule.met_by, begin.met_from).map(|e| e.at);
    run(st, rule, cx, (begin.start, met), begin.closed)
}

/// One run of a rule's clock, from `start` until `met` (or now): pauses,
/// extensions, the due and warning points, the state at `now`, elapsed and
/// remaining. A rule that runs in cycles runs it once per cycle.
fn run(
    st: &mut DeadlineStatus,
    rule: &DeadlineRule,
    cx: &SlaContext,
    (start, met): (Instant, Option<Instant>),
    closed: Option<(Instant, Instant)>,
) -> Result<(), Error> {
    let cal = cx.calendar;
    let until = met.unwrap_or(cx.now).max(start);
    let pauses = due::pauses(rule, cx, start, until, closed);
    let (ext, span) = due::extend(rule, cx, start, &pauses, &mut st.notes)?;
    st.started_at = Some(cal.stamp(start));
    st.extended = to_edge(rule, ext);
    st.amount = to_edge(rule, span.amount);
    let target = match due::target(rule, cx, start, &span, &pauses, &mut st.notes) {
        Ok(t) => t,
        Err(e) => return beyond::undetermined(st, rule, cx, (start, met, until), &span, &pauses, e),
    };
    settle(st, rule, cx, &target, met);
    let until = beyond::count_until(st, cal, &span, until);
    measure(st, rule, cal, &span, (start, until), &target);
    beyond::finish(st, cal, &span, start, Some(target.due), until);
    Ok(())
}

/// Whether the rule applies: on the current classification, or, for a rule
/// kept on reclassification (`keep`), on the first one. Some(whether it
/// applied on the first classification) when it applies.
fn applies(rule: &DeadlineRule, cx: &SlaContext) -> Option<bool> {
    let applied_first = rule.applies_when.holds(cx.initial);
    let keep = rule.on_reclassify == OnReclassify::Keep && applied_first;
    (keep || rule.applies_when.holds(cx.current)).then_some(applied_first)
}

/// The state at `now`, the met, due, warning and next-change instants.
fn settle(st: &mut DeadlineStatus, rule: &DeadlineRule, cx: &SlaContext, target: &due::Target, met: Option<Instant>) {
    let cal = cx.calendar;
    st.paused = to_edge(rule, target.delay);
    let paused_now = met.is_none()
        && rule
            .pause_when
            .contains(&crate::lifecycle::state_at(cx.timeline, cx.now));
    st.state = state_at_now(rule.kind, met, target.due, target.warn, paused_now, cx.now);
    if st.state == SlaState::Lapsed && met.is_some() {
        st.notes.push("the event came after the window had closed".into());
    }
    let next_change = match st.state {
        SlaState::Pending => Some(target.warn.unwrap_or(target.due)),
        SlaState::AtRisk => Some(target.due),
        _ => None,
    };
    st.met_at = met.map(|m| cal.stamp(m));
    st.due_at = Some(cal.stamp(target.due));
    st.warn_at = target.warn.map(|w| cal.stamp(w));
    st.next_change_at = next_change.map(|t| cal.stamp(t));
}

/// Elapsed and remaining time on the rule's clock, from `start` to `until`
/// (pauses excluded); for a customer's own time, remaining is counted to it.
fn measure(
    st: &mut DeadlineStatus,
    rule: &DeadlineRule,
    cal: &Calendar,
    span: &Span,
    (start, until): (Instant, Instant),
    target: &due::Target,
) {
    let Ok(done) = cal.active_elapsed(start, until, span, target.delay) else {
        return;
    };
    let due = target.due;
    st.elapsed = Some(to_edge(rule, done));
    st.remaining = if !target.customer {
        Some(to_edge(rule, span.amount - done))
    } else if until <= due {
        cal.elapsed(until, due, span).ok().map(|r| to_edge(rule, r))
    } else {
        cal.elapsed(due, until, span).ok().map(|r| -to_edge(rule, r))
    };
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

/// The status of `rule` before it is evaluated, counted on `calendar`.
pub(crate) fn blank(rule: &DeadlineRule, calendar: &Text) -> DeadlineStatus {
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
        department: None,
        cycles: None,
    }
}

/// Milliseconds to minutes for duration clocks; counts stay counts.
fn to_edge(rule: &DeadlineRule, amount: i64) -> i64 {
    rule.span.clock.to_edge(amount)
}
