//! The default state machine of HANDBOOK §6, as data: for each event, the
//! states it may happen in and the state it leads to.

use super::State;
use crate::error::{Code, Error};
use crate::model::{Event, EventKind, Instant};

use State::*;

/// An event's effect: allowed in `from`, leading to `to` (None: no change).
pub struct Transition {
    pub event: EventKind,
    pub from: &'static [State],
    pub to: Option<State>,
}

const OPEN: &[State] = &[
    Received,
    Registered,
    InProgress,
    AwaitingCustomer,
    Resolved,
    Replied,
    FollowedUp,
    SignedOff,
    Appealed,
];
const WORKING: &[State] = &[Received, Registered, InProgress, Appealed];
const DONE: &[State] = &[Resolved, Replied, FollowedUp];

/// HANDBOOK §6: register → forward/assign → handle → resolve → reply →
/// follow up → sign → close; unsatisfied → rework; reopen; appeal.
pub const TRANSITIONS: &[Transition] = &[
    Transition {
        event: EventKind::Received,
        from: &[Received],
        to: None,
    },
    Transition {
        event: EventKind::Registered,
        from: &[Received],
        to: Some(Registered),
    },
    Transition {
        event: EventKind::Forwarded,
        from: WORKING,
        to: Some(InProgress),
    },
    Transition {
        event: EventKind::Assigned,
        from: WORKING,
        to: Some(InProgress),
    },
    Transition {
        event: EventKind::Contacted,
        from: OPEN,
        to: None,
    },
    Transition {
        event: EventKind::Acknowledged,
        from: OPEN,
        to: None,
    },
    Transition {
        event: EventKind::AwaitingCustomer,
        from: WORKING,
        to: Some(AwaitingCustomer),
    },
    Transition {
        event: EventKind::Resumed,
        from: &[AwaitingCustomer],
        to: Some(InProgress),
    },
    Transition {
        event: EventKind::Reclassified,
        from: OPEN,
        to: None,
    },
    Transition {
        event: EventKind::ExtensionGranted,
        from: OPEN,
        to: None,
    },
    Transition {
        event: EventKind::RemedyProposed,
        from: WORKING,
        to: Some(InProgress),
    },
    Transition {
        event: EventKind::RemedyApproved,
        from: WORKING,
        to: Some(InProgress),
    },
    Transition {
        event: EventKind::Resolved,
        from: WORKING,
        to: Some(Resolved),
    },
    Transition {
        event: EventKind::Replied,
        from: OPEN,
        to: None,
    },
    Transition {
        event: EventKind::Satisfied,
        from: DONE,
        to: None,
    },
    Transition {
        event: EventKind::Unsatisfied,
        from: DONE,
        to: Some(InProgress),
    },
    Transition {
        event: EventKind::FollowUpDone,
        from: DONE,
        to: Some(FollowedUp),
    },
    Transition {
        event: EventKind::SignedOff,
        from: DONE,
        to: Some(SignedOff),
    },
    Transition {
        event: EventKind::Closed,
        from: OPEN,
        to: Some(Closed),
    },
    Transition {
        event: EventKind::Reopened,
        from: &[Closed],
        to: Some(InProgress),
    },
    Transition {
        event: EventKind::Appealed,
        from: &[Replied, FollowedUp, SignedOff, Closed],
        to: Some(Appealed),
    },
    Transition {
        event: EventKind::Escalated,
        from: OPEN,
        to: None,
    },
    Transition {
        event: EventKind::ValidityDecided,
        from: OPEN,
        to: None,
    },
    Transition {
        event: EventKind::Referred,
        from: OPEN,
        to: Some(Referred),
    },
];

/// A replied event in a resolved complaint moves it to `replied`.
fn effect(event: EventKind, state: State) -> Option<&'static Transition> {
    TRANSITIONS.iter().find(|t| t.event == event && t.from.contains(&state))
}

/// The events allowed in `state`.
pub fn allowed(state: State) -> Vec<EventKind> {
    TRANSITIONS
        .iter()
        .filter(|t| t.from.contains(&state))
        .map(|t| t.event)
        .collect()
}

/// The state after each event: `(instant, state)` from receipt on. Events
/// must already be in order.
pub fn timeline(received: Instant, events: &[(usize, &Event)]) -> Result<Vec<(Instant, State)>, Error> {
    let mut out = vec![(received, Received)];
    let mut state = Received;
    for &(i, e) in events {
        let Some(t) = effect(e.kind, state) else {
            let list: Vec<&str> = allowed(state).iter().map(|k| k.code()).collect();
            return Err(Error::new(
                Code::InvalidTransition,
                format!("/events/{i}"),
                format!(
                    "event {:?} is not allowed in state {:?}; allowed: {}",
                    e.kind.code(),
                    state.code(),
                    if list.is_empty() {
                        "none".to_string()
                    } else {
                        list.join(", ")
                    }
                ),
            ));
        };
        let next = match (e.kind, state) {
            (EventKind::Replied, Resolved) => Replied,
            _ => t.to.unwrap_or(state),
        };
        if next != state {
            state = next;
            out.push((e.at, state));
        }
    }
    Ok(out)
}

/// The state at instant `t` on a timeline.
pub fn state_at(timeline: &[(Instant, State)], t: Instant) -> State {
    timeline
        .iter()
        .take_while(|(at, _)| *at <= t)
        .last()
        .map_or(Received, |(_, s)| *s)
}
