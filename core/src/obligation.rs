//! Required actions: the policy's obligations (docs/policy.md "Obligations")
//! that are open at `now`. An obligation is open while its conditions hold,
//! it has arisen (at its `after` event, else at the receipt) and no
//! `done_by` event has happened since it arose. Its due time counts from
//! the instant it arose, or from the receipt (`due_from`).

use crate::error::Error;
use crate::model::{EventKind, Instant, Logged, Stamp, Text};
use crate::policy::condition::Subject;
use crate::policy::{DueFrom, Obligation, Policy, Title};
use crate::time::Calendar;
use serde::Serialize;
use std::sync::Arc;

/// An obligation not yet discharged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequiredAction {
    /// The obligation's id.
    pub action: Text,
    /// What to do, in English (else the first text the policy gives).
    pub reason: Text,
    /// What to do, in each language the policy gives.
    pub text: Arc<Title>,
    /// Where the obligation comes from.
    pub source: Text,
    /// When it must be done, for an obligation with a `due`.
    pub due_at: Option<Stamp>,
    /// Whether `now` is at or after `due_at`.
    pub overdue: bool,
    /// Why `due_at` could not be computed (e.g. past the calendar's data);
    /// the action is still listed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ActionError>,
}

/// A problem with one action's due time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionError {
    /// The error's stable code (`calendar_range_exceeded`...).
    pub code: &'static str,
    /// The error's message, for people.
    pub message: String,
}

/// The open obligations of `policy`, in policy order, due on `cal` (the
/// case's calendar). `subject` carries the case's progress; `events` are
/// those up to `now`, in order.
pub fn required_actions(
    policy: &Policy,
    cal: &Calendar,
    subject: &Subject,
    events: &[Logged],
    received: Instant,
    now: Instant,
) -> Vec<RequiredAction> {
    policy
        .obligations
        .iter()
        .filter(|o| o.when.holds(subject))
        .filter_map(|o| {
            let arose = arose_at(o, events, received)?;
            let from = match o.due_from {
                DueFrom::Arisen => arose,
                DueFrom::Received => received,
            };
            (!discharged(o, events, arose)).then(|| action(o, cal, from, now))
        })
        .collect()
}

/// When the obligation arose: the last occurrence of its `after` event
/// (None if it has not happened), else the receipt.
fn arose_at(o: &Obligation, events: &[Logged], received: Instant) -> Option<Instant> {
    match o.after {
        None => Some(received),
        Some(kind) => last_of(events, kind),
    }
}

fn last_of(events: &[Logged], kind: EventKind) -> Option<Instant> {
    events.iter().rev().find(|(_, e)| e.kind == kind).map(|(_, e)| e.at)
}

/// Whether a `done_by` event happened at or after the obligation arose.
fn discharged(o: &Obligation, events: &[Logged], arose: Instant) -> bool {
    events.iter().any(|(_, e)| e.at >= arose && o.done_by.contains(&e.kind))
}

/// The action of an open obligation whose due (if any) counts from `from`.
fn action(o: &Obligation, cal: &Calendar, from: Instant, now: Instant) -> RequiredAction {
    let due = o.due.as_ref().map(|span| cal.add(from, span));
    let (due_at, error) = match due {
        None => (None, None),
        Some(Ok(t)) => (Some(t), None),
        Some(Err(e)) => (None, Some(action_error(&e))),
    };
    RequiredAction {
        action: o.id.clone(),
        reason: o.reason.clone(),
        text: o.text.clone(),
        source: o.source.clone(),
        due_at: due_at.map(|t| cal.stamp(t)),
        overdue: due_at.is_some_and(|t| now >= t),
        error,
    }
}

fn action_error(e: &Error) -> ActionError {
    ActionError {
        code: e.code().as_str(),
        message: e.to_string(),
    }
}
