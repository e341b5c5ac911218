//! Rules that run in cycles, each cycle a run of the clock with its own
//! outcome: recurring rules (`repeat`: the next reply after each customer
//! message, an update every 5 working days) and internal targets (one cycle
//! per hand-off to a department, met by that department's answer).
//!
//! The deadline itself shows one cycle — the running one, else the last —
//! so that a host reading one state per rule still reads the right one;
//! `cycles` lists them all.

use super::{DeadlineStatus, SlaContext, SlaState, run, start};
use crate::error::{Code, Error};
use crate::model::{EventKind, Instant, Stamp, Text};
use crate::policy::{DeadlineRule, Repeat};
use serde::Serialize;

/// One cycle of a rule that runs in cycles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cycle {
    /// When the cycle began (the event that started it, or the previous
    /// cycle's end), in the calendar's zone.
    pub started_at: Stamp,
    /// None when it cannot be computed (the state says `undetermined`).
    pub due_at: Option<Stamp>,
    /// When the cycle's `met_by` event came, if it has.
    pub met_at: Option<Stamp>,
    /// met, met_late, breached; for the running cycle pending, at_risk,
    /// paused; undetermined.
    pub state: SlaState,
    /// An internal target: the department the hand-off went to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<Text>,
}

/// A cycle found in the log: when it started, when it was met (if it was),
/// and for an internal target the department that owns it.
struct Span {
    start: Instant,
    met: Option<Instant>,
    department: Option<Text>,
}

/// Evaluate a rule that runs in cycles into `st`, its blank status.
pub(super) fn evaluate(st: &mut DeadlineStatus, rule: &DeadlineRule, cx: &SlaContext) -> Result<(), Error> {
    let mut notes = Vec::new();
    let spans = match &rule.repeat {
        Some(repeat) => recurring(rule, repeat, cx, &mut notes),
        None => handoffs(rule, cx, &mut notes)?,
    };
    if spans.is_empty() {
        st.state = SlaState::NotStarted;
        st.notes.push(waiting_note(rule));
        st.notes.extend(notes);
        st.cycles = Some(Vec::new());
        return Ok(());
    }
    let mut runs = Vec::with_capacity(spans.len());
    for s in &spans {
        let mut one = st.clone();
        run(&mut one, rule, cx, (s.start, s.met), None)?;
        one.department = s.department.clone();
        runs.push(one);
    }
    let shown = shown(&spans);
    let cycles: Vec<Cycle> = spans.iter().zip(&runs).map(|(s, d)| cycle(cx, s, d)).collect();
    let mut out = runs.swap_remove(shown);
    out.notes.push(summary(&cycles, shown));
    out.notes.extend(notes);
    out.cycles = Some(cycles);
    *st = out;
    Ok(())
}

fn cycle(cx: &SlaContext, s: &Span, d: &DeadlineStatus) -> Cycle {
    Cycle {
        started_at: cx.calendar.stamp(s.start),
        due_at: d.due_at,
        met_at: d.met_at,
        state: d.state,
        department: d.department.clone(),
    }
}

/// The cycle the deadline shows: the running one (the oldest, when
/// several departments' run at once), else the last one.
fn shown(spans: &[Span]) -> usize {
    let running = spans
        .iter()
        .enumerate()
        .filter(|(_, s)| s.met.is_none())
        .min_by_key(|(i, s)| (s.start, *i))
        .map(|(i, _)| i);
    running.unwrap_or(spans.len() - 1)
}

fn waiting_note(rule: &DeadlineRule) -> String {
    match rule.departments.as_slice() {
        [] => start::waiting_note(rule),
        ds => {
            let names: Vec<&str> = ds.iter().map(|d| &**d).collect();
            format!("waits for the event {:?} to {}", rule.start.code(), names.join(" or "))
        }
    }
}

/// "3 cycles: 1 met, 1 met late, 1 running; this is cycle 3".
fn summary(cycles: &[Cycle], shown: usize) -> String {
    let count = |f: &dyn Fn(SlaState) -> bool| cycles.iter().filter(|c| f(c.state)).count();
    let parts = [
        (count(&|s| s == SlaState::Met), "met"),
        (count(&|s| s == SlaState::MetLate), "met late"),
        (count(&|s| s == SlaState::Breached), "breached"),
        (
            count(&|s| matches!(s, SlaState::Pending | SlaState::AtRisk | SlaState::Paused)),
            "running",
        ),
        (count(&|s| s == SlaState::Undetermined), "undetermined"),
    ];
    let said: Vec<String> = parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
    format!(
        "{} cycle{}: {}; this is cycle {}",
        cycles.len(),
        if cycles.len() == 1 { "" } else { "s" },
        said.join(", "),
        shown + 1
    )
}

/// The cycles of a recurring rule, in one pass over the log: the first
/// starts at the rule's start; a `repeat.on` event starts one when none is
/// running; a `met_by` event meets the running one (and with `after_met`
/// starts the next); an `until` event meets the running one and ends the
/// series, which a reopening resumes.
fn recurring(rule: &DeadlineRule, repeat: &Repeat, cx: &SlaContext, notes: &mut Vec<String>) -> Vec<Span> {
    let Some((first, from)) = first_start(rule, cx) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut open = Some(first);
    let mut ended = false;
    let close = |out: &mut Vec<Span>, start: Instant, met: Instant| {
        out.push(Span {
            start,
            met: Some(met),
            department: None,
        })
    };
    for (_, e) in &cx.events[from..] {
        if ended {
            if e.kind == EventKind::Reopened {
                notes.push(format!(
                    "the series resumed at the reopening, {}",
                    cx.calendar.format(e.at)
                ));
                (open, ended) = (Some(e.at), false);
            }
            continue;
        }
        if repeat.until.contains(&e.kind) {
            if let Some(start) = open.take() {
                close(&mut out, start, e.at);
            }
            notes.push(format!(
                "the series ended at the event {:?}, {}",
                e.kind.code(),
                cx.calendar.format(e.at)
            ));
            ended = true;
        } else if let Some(start) = open.filter(|_| rule.met_by.contains(&e.kind)) {
            close(&mut out, start, e.at);
            open = repeat.after_met.then_some(e.at);
        } else if open.is_none() && repeat.on.contains(&e.kind) {
            open = Some(e.at);
        }
    }
    if let Some(start) = open {
        out.push(Span {
            start,
            met: None,
            department: None,
        });
    }
    out
}

/// The first cycle's start and the position in the log after the event
/// that started it (the receipt is no event of the log: from the start).
fn first_start(rule: &DeadlineRule, cx: &SlaContext) -> Option<(Instant, usize)> {
    let received = cx.complaint.received_at;
    if rule.start == EventKind::Received {
        return Some((received, 0));
    }
    cx.events
        .iter()
        .enumerate()
        .filter(|(_, (_, e))| e.kind == rule.start && e.at >= received)
        .nth(rule.start_nth - 1)
        .map(|(pos, (_, e))| (e.at, pos + 1))
}

/// The cycles of an internal target: each hand-off (the rule's start event,
/// to one of its departments) opens one for the department it went to,
/// unless one is already open for it; a `met_by` event meets the open cycle
/// of the department in its `by`. A `met_by` event without `by` is an
/// error: it cannot be told which department answered.
fn handoffs(rule: &DeadlineRule, cx: &SlaContext, notes: &mut Vec<String>) -> Result<Vec<Span>, Error> {
    let received = cx.complaint.received_at;
    let covers = |to: &str| rule.departments.is_empty() || rule.departments.iter().any(|d| &**d == to);
    let mut open: Vec<(Instant, Text)> = Vec::new();
    let mut out = Vec::new();
    for &(i, e) in cx.events {
        if e.at < received {
            continue;
        }
        if e.kind == rule.start {
            match e.to.as_deref() {
                None => notes.push(format!(
                    "the event {:?} at {} names no department (\"to\"): no internal target",
                    e.kind.code(),
                    cx.calendar.format(e.at)
                )),
                Some(to) if covers(to) && !open.iter().any(|(_, d)| &**d == to) => {
                    open.push((e.at, Text::from(to)));
                }
                Some(_) => {}
            }
        } else if rule.met_by.contains(&e.kind) {
            let Some(by) = e.by.as_deref() else {
                return Err(Error::new(
                    Code::MissingField,
                    format!("/events/{i}/by"),
                    format!(
                        "event {:?} meets internal target {:?} for the department that answers: name it in \"by\"",
                        e.kind.code(),
                        rule.id
                    ),
                ));
            };
            if let Some(pos) = open.iter().position(|(_, d)| &**d == by) {
                let (start, department) = open.remove(pos);
                out.push(Span {
                    start,
                    met: Some(e.at),
                    department: Some(department),
                });
            }
        }
    }
    out.extend(open.into_iter().map(|(start, department)| Span {
        start,
        met: None,
        department: Some(department),
    }));
    out.sort_by_key(|s| s.start);
    Ok(out)
}
