//! Escalation: triggers over a complaint's classification, deadlines and
//! log, the ladder, the authority matrix and quiet hours.

use crate::calendars::CaseCalendars;
use crate::error::Error;
use crate::model::Text;
use crate::model::{Channel, Event, EventKind, Instant, Logged, Remedy, Stamp, Tier};
use crate::policy::condition::Subject;
use crate::policy::{Policy, Trigger, TriggerOn};
use crate::sla::{DeadlineStatus, SlaState};
use crate::time::{Calendar, local};
use serde::Serialize;

/// An escalation that is due.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EscalationDue {
    /// The id of the trigger that fired.
    pub trigger: Text,
    /// What set it off.
    pub on: TriggerOn,
    /// The id of the ladder level that must act.
    pub level: Text,
    /// The level's index in the ladder (0 = first line).
    pub level_index: usize,
    /// Why it fired, for people (English).
    pub reason: String,
    /// When it became due.
    pub since: Stamp,
    /// When the people of that level are to be notified (quiet hours applied).
    pub notify_at: Stamp,
    /// By when the level must act, where the trigger says.
    pub act_by: Option<Stamp>,
    /// The trigger's citation, if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
    /// When this escalation moves up a level by itself (`every`).
    pub next_change_at: Option<Stamp>,
}

/// Another complaint, for repeat and batch detection.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Related {
    /// The other complaint's id.
    pub id: String,
    /// When it was received.
    pub received_at: Instant,
    /// Its customer's id; repeats are matched on it.
    pub customer_id: Option<String>,
    /// Its subject.
    pub subject: Option<String>,
    /// Its product.
    pub product: Option<String>,
    /// Its department.
    pub department: Option<String>,
    /// Its category code, as classified.
    pub category: Option<String>,
}

/// What triggers are evaluated against.
pub struct EscalationContext<'a> {
    /// The policy whose triggers are evaluated.
    pub policy: &'a Policy,
    /// The case's calendars (with projected days when the call opts in).
    pub calendars: &'a CaseCalendars,
    /// The complaint with its current classification.
    pub subject: &'a Subject<'a>,
    /// The deadlines of the same assessment (for `at_risk` and `breached`).
    pub deadlines: &'a [DeadlineStatus],
    /// The events up to `now`, in order of time, each with its index in the case's log.
    pub events: &'a [Logged<'a>],
    /// Other complaints, for `repeat` and `batch`.
    pub related: &'a [Related],
    /// The instant of the assessment.
    pub now: Instant,
}

/// The reasons a skip-level complaint is accepted at the higher level (000-D, 000-I).
pub const SKIP_LEVEL_EXCEPTIONS: &[&str] = &["grave_case", "handler_involved", "special_relationship"];

impl EscalationContext<'_> {
    /// The calendar a trigger counts and notifies on: its deadline's (a
    /// hand-off counted on a department's rota), else the case's.
    fn calendar(&self, t: &Trigger) -> &Calendar {
        match t.deadline.and_then(|i| self.policy.deadlines.get(i)) {
            Some(rule) => self.calendars.for_rule(rule),
            None => &self.calendars.case,
        }
    }
}

/// Every escalation due at `now`, in trigger order.
pub fn escalations(cx: &EscalationContext) -> Result<Vec<EscalationDue>, Error> {
    let mut out = Vec::new();
    for t in &cx.policy.escalation.triggers {
        if !t.when.holds(cx.subject) {
            continue;
        }
        if let Some(e) = fire(t, cx)? {
            out.push(e);
        }
    }
    Ok(out)
}

/// Whether a trigger fires, and the escalation it gives: one step per kind.
fn fire(t: &Trigger, cx: &EscalationContext) -> Result<Option<EscalationDue>, Error> {
    let received = cx.subject.complaint.received_at;
    Ok(match t.on {
        TriggerOn::Classified => Some(build(t, cx, received, "classification".into(), 0, None)),
        TriggerOn::Vip => vip(t, cx),
        TriggerOn::AtRisk | TriggerOn::Breached => on_deadline(t, cx)?,
        TriggerOn::Unsatisfied => unsatisfied(t, cx),
        TriggerOn::Authority => authority(t, cx),
        TriggerOn::SkipLevel => skip_level(t, cx),
        TriggerOn::Repeat => repeat(t, cx),
        TriggerOn::Batch => batch(t, cx),
    })
}

/// The VIP green channel: at receipt, for a VIP customer.
fn vip(t: &Trigger, cx: &EscalationContext) -> Option<EscalationDue> {
    let c = cx.subject.complaint;
    (c.customer.tier == Some(Tier::Vip)).then(|| build(t, cx, c.received_at, "VIP green channel".into(), 0, None))
}

/// A deadline at risk (or already breached, for an at-risk trigger) or
/// breached: due since its warning or due point, one more level per `every`.
fn on_deadline(t: &Trigger, cx: &EscalationContext) -> Result<Option<EscalationDue>, Error> {
    let Some(d) = t.deadline.and_then(|i| cx.deadlines.get(i)) else {
        return Ok(None);
    };
    let (state, at) = match t.on {
        TriggerOn::AtRisk => (SlaState::AtRisk, d.warn_at.map(|s| s.at)),
        _ => (SlaState::Breached, d.due_at.map(|s| s.at)),
    };
    let fired = d.state == state || (t.on == TriggerOn::AtRisk && d.state == SlaState::Breached);
    let Some(at) = at.filter(|_| fired) else {
        return Ok(None);
    };
    let (steps, next) = repeats(t, cx, at)?;
    // Joined rather than formatted: most escalations of a batch are these.
    let reason = match &d.department {
        Some(dept) => ["deadline ", &d.id, " ", state.code(), " (department ", dept, ")"].concat(),
        None => ["deadline ", &d.id, " ", state.code()].concat(),
    };
    Ok(Some(build(t, cx, at, reason, steps, next)))
}

/// The customer still unsatisfied after rework, the `times`-th time.
fn unsatisfied(t: &Trigger, cx: &EscalationContext) -> Option<EscalationDue> {
    let times = t.times.unwrap_or(1) as usize;
    let uns: Vec<&Event> = cx
        .events
        .iter()
        .map(|(_, e)| *e)
        .filter(|e| e.kind == EventKind::Unsatisfied)
        .collect();
    let e = uns.get(times.saturating_sub(1))?;
    let reason = format!("customer unsatisfied {} time(s) after rework", uns.len());
    Some(build(t, cx, e.at, reason, 0, None))
}

/// A repeat complaint: the same customer on the same subject within
/// `window_days` (default 30) before this one.
fn repeat(t: &Trigger, cx: &EscalationContext) -> Option<EscalationDue> {
    let c = cx.subject.complaint;
    let received = c.received_at;
    let window = t.window_days.unwrap_or(30) * 86_400_000;
    let repeated = cx.related.iter().any(|r| {
        r.received_at < received
            && received.0 - r.received_at.0 <= window
            && r.customer_id.is_some()
            && r.customer_id == c.customer.id
            && r.subject == c.subject
    });
    let reason = "repeat complaint by the same customer on the same subject";
    repeated.then(|| build(t, cx, received, reason.into(), 0, None))
}

/// A batch: at least `count` complaints (this one included) with the same
/// `by` value within `window_days`.
fn batch(t: &Trigger, cx: &EscalationContext) -> Option<EscalationDue> {
    let c = cx.subject.complaint;
    let received = c.received_at;
    let (Some(key), Some(count), Some(days)) = (t.by, t.count, t.window_days) else {
        return None;
    };
    let mine = batch_value(
        key,
        c.product.as_deref(),
        c.department.as_deref(),
        c.subject.as_deref(),
        cx.subject.outputs.category.map(|c| c.code()),
    )?;
    let window = days * 86_400_000;
    let n = 1 + cx
        .related
        .iter()
        .filter(|r| r.received_at <= received && received.0 - r.received_at.0 <= window)
        .filter(|r| {
            batch_value(
                key,
                r.product.as_deref(),
                r.department.as_deref(),
                r.subject.as_deref(),
                r.category.as_deref(),
            ) == Some(mine)
        })
        .count() as i64;
    if n < count {
        return None;
    }
    let reason = format!("{n} complaints with {} {mine:?} within {days} days", key.code());
    Some(build(t, cx, received, reason, 0, None))
}

fn batch_value<'a>(
    key: crate::policy::BatchKey,
    product: Option<&'a str>,
    department: Option<&'a str>,
    subject: Option<&'a str>,
    category: Option<&'a str>,
) -> Option<&'a str> {
    use crate::policy::BatchKey::*;
    match key {
        Product => product,
        Department => department,
        Subject => subject,
        Category => category,
    }
}

/// `every`: one more level per interval since `since`; the next step's instant.
fn repeats(t: &Trigger, cx: &EscalationContext, since: Instant) -> Result<(usize, Option<Instant>), Error> {
    let Some(every) = t.every.filter(|e| e.amount > 0) else {
        return Ok((0, None));
    };
    let cal = cx.calendar(t);
    // Counted as far as the calendar's data reaches: at least this many steps.
    let to = match every.clock {
        crate::time::Clock::Elapsed => cx.now,
        _ => cx.now.min(cal.end_instant()),
    };
    let n = (cal.elapsed(since, to, &every).unwrap_or(0) / every.amount) as usize;
    let mut span = every;
    span.amount = every.amount.saturating_mul(n as i64 + 1);
    Ok((n, cal.add(since, &span).ok()))
}

fn build(
    t: &Trigger,
    cx: &EscalationContext,
    since: Instant,
    reason: String,
    extra: usize,
    next: Option<Instant>,
) -> EscalationDue {
    let ladder = &cx.policy.escalation.ladder;
    let top = ladder.len().saturating_sub(1);
    let index = match (t.to, t.step) {
        (Some(level), _) => level,
        (None, step) => (step.unwrap_or(1) as usize).saturating_add(extra).min(top),
    };
    let capped = t.to.is_none() && index == top;
    let cal = cx.calendar(t);
    EscalationDue {
        trigger: t.id.clone(),
        on: t.on,
        level: ladder.get(index).map_or_else(|| Text::from(""), |l| l.id.clone()),
        level_index: index,
        reason,
        since: cal.stamp(since),
        notify_at: cal.stamp(notify_at(cx, cal, since)),
        act_by: t.act_within.and_then(|s| cal.add(since, &s).ok()).map(|a| cal.stamp(a)),
        source: t.source.clone(),
        next_change_at: next.filter(|_| !capped).map(|t| cal.stamp(t)),
    }
}

/// Quiet hours hold a notification to the next opening, unless the case
/// matches the policy's `unless` condition (e.g. major).
fn notify_at(cx: &EscalationContext, cal: &Calendar, t: Instant) -> Instant {
    let Some(q) = &cx.policy.escalation.quiet_hours else {
        return t;
    };
    if !q.unless.tests.is_empty() && q.unless.holds(cx.subject) {
        return t;
    }
    let zone = cal.zone();
    let local_minute = {
        let day = local::local_date(zone, t.0);
        ((t.0 - local::local_to_ms(zone, day, 0)) / 60_000) as u32
    };
    let quiet = if q.from <= q.to {
        (q.from..q.to).contains(&local_minute)
    } else {
        local_minute >= q.from || local_minute < q.to
    };
    if !quiet {
        return t;
    }
    // The end of the quiet window, then the next opening from there.
    let day = local::local_date(zone, t.0);
    let end_day = if q.from > q.to && local_minute >= q.from {
        day.succ_opt().unwrap_or(day)
    } else {
        day
    };
    let end = Instant(local::local_to_ms(zone, end_day, q.to));
    cal.next_opening(end).unwrap_or(end)
}

/// A remedy proposed beyond the proposer's authority goes to the lowest
/// level that may grant it, unless such a level has approved it.
fn authority(t: &Trigger, cx: &EscalationContext) -> Option<EscalationDue> {
    let ladder = &cx.policy.escalation.ladder;
    let level_of = |id: &Option<String>| id.as_ref().and_then(|id| ladder.iter().position(|l| *l.id == **id));
    let may = |level: usize, remedy: Remedy, amount: f64| {
        cx.policy
            .authority
            .iter()
            .any(|a| a.level == level && a.remedy == remedy && amount <= a.max_amount)
    };
    let mut last: Option<EscalationDue> = None;
    for (_, e) in cx.events.iter().filter(|(_, e)| e.kind == EventKind::RemedyProposed) {
        let (Some(remedy), amount) = (e.remedy, e.remedy_amount.unwrap_or(0.0)) else {
            continue;
        };
        let proposer = level_of(&e.level).unwrap_or(0);
        if may(proposer, remedy, amount) {
            continue;
        }
        let needed = (proposer..ladder.len())
            .find(|&l| may(l, remedy, amount))
            .unwrap_or(ladder.len().saturating_sub(1));
        let approved = cx.events.iter().any(|(_, a)| {
            a.kind == EventKind::RemedyApproved && a.at >= e.at && level_of(&a.level).is_some_and(|l| l >= needed)
        });
        if approved {
            continue;
        }
        let mut due = build(
            t,
            cx,
            e.at,
            format!(
                "{} of {amount} is beyond the authority of {}",
                remedy.code(),
                ladder.get(proposer).map_or("", |l| &*l.id)
            ),
            0,
            None,
        );
        due.level_index = needed;
        due.level = ladder.get(needed).map_or_else(|| Text::from(""), |l| l.id.clone());
        last = Some(due);
    }
    last
}

/// Skip-level: a complaint addressed above the competent level
/// is redirected there (and that level informed), unless it came through an
/// online channel or one of the three exceptions is asserted. A letter or a
/// visit gets no exemption.
fn skip_level(t: &Trigger, cx: &EscalationContext) -> Option<EscalationDue> {
    let c = cx.subject.complaint;
    let ladder = &cx.policy.escalation.ladder;
    let attr = |k: &str| c.attributes.get(k).and_then(|v| v.as_str());
    let pos = |k: &str| attr(k).and_then(|id| ladder.iter().position(|l| &*l.id == id));
    let (addressed, competent) = (pos("addressed_level")?, pos("competent_level")?);
    if addressed <= competent {
        return None;
    }
    if matches!(c.channel, Some(Channel::Web | Channel::App)) {
        return None;
    }
    if attr("skip_level_exception").is_some_and(|x| SKIP_LEVEL_EXCEPTIONS.contains(&x)) {
        return None;
    }
    let mut due = build(
        t,
        cx,
        c.received_at,
        format!(
            "skip-level: redirected to the competent level {} and that level informed",
            ladder[competent].id
        ),
        0,
        None,
    );
    due.level_index = competent;
    due.level = ladder[competent].id.clone();
    Some(due)
}
