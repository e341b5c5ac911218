//! The state machine of docs/domain.md (the process), as data: for each event, the states it
//! may happen in and the state it leads to. A policy may replace the entries
//! of any event (`"lifecycle": {"transitions": [...]}` in docs/policy.md).

use super::{State, StateSet};
use crate::error::{Code, Error};
use crate::model::{EventKind, Instant, Logged};

use State::*;

/// An event's effect: allowed in `from`, leading to `to` (None: no change).
#[derive(Debug, Clone, PartialEq)]
pub struct Transition {
    /// The event the entry is for.
    pub event: EventKind,
    /// The states the event may happen in.
    pub from: StateSet,
    /// The state it leads to; None: the state does not change.
    pub to: Option<State>,
}

/// The default entries, with static lists.
struct Entry {
    event: EventKind,
    from: &'static [State],
    to: Option<State>,
}

const OPEN: &[State] = &[
    Received,
    Registered,
    InProgress,
    AwaitingCustomer,
    Suspended,
    Resolved,
    Replied,
    FollowedUp,
    SignedOff,
    Appealed,
];
const WORKING: &[State] = &[Received, Registered, InProgress, Appealed];
/// Where a reply leaves the state as it is (every open state but `resolved`).
const REPLY_KEEPS: &[State] = &[
    Received,
    Registered,
    InProgress,
    AwaitingCustomer,
    Suspended,
    Replied,
    FollowedUp,
    SignedOff,
    Appealed,
];
const DONE: &[State] = &[Resolved, Replied, FollowedUp];

/// docs/domain.md (the process): register → forward/assign → handle → resolve → reply →
/// follow up → sign → close; unsatisfied → rework; reopen; appeal.
const DEFAULT: &[Entry] = &[
    Entry {
        event: EventKind::Received,
        from: &[Received],
        to: None,
    },
    Entry {
        event: EventKind::Registered,
        from: &[Received],
        to: Some(Registered),
    },
    Entry {
        event: EventKind::Forwarded,
        from: WORKING,
        to: Some(InProgress),
    },
    Entry {
        event: EventKind::Assigned,
        from: WORKING,
        to: Some(InProgress),
    },
    Entry {
        event: EventKind::Contacted,
        from: OPEN,
        to: None,
    },
    Entry {
        event: EventKind::Acknowledged,
        from: OPEN,
        to: None,
    },
    Entry {
        event: EventKind::AwaitingCustomer,
        from: WORKING,
        to: Some(AwaitingCustomer),
    },
    Entry {
        event: EventKind::Suspended,
        from: WORKING,
        to: Some(Suspended),
    },
    Entry {
        event: EventKind::Resumed,
        from: &[AwaitingCustomer, Suspended],
        to: Some(InProgress),
    },
    Entry {
        event: EventKind::NewClaim,
        from: OPEN,
        to: None,
    },
    Entry {
        event: EventKind::Reclassified,
        from: OPEN,
        to: None,
    },
    Entry {
        event: EventKind::ExtensionGranted,
        from: OPEN,
        to: None,
    },
    Entry {
        event: EventKind::RemedyProposed,
        from: WORKING,
        to: Some(InProgress),
    },
    Entry {
        event: EventKind::RemedyApproved,
        from: WORKING,
        to: Some(InProgress),
    },
    Entry {
        event: EventKind::Resolved,
        from: WORKING,
        to: Some(Resolved),
    },
    // A reply to a resolved complaint moves it to `replied`; elsewhere a
    // reply is a message on the way and changes no state.
    Entry {
        event: EventKind::Replied,
        from: &[Resolved],
        to: Some(Replied),
    },
    Entry {
        event: EventKind::Replied,
        from: REPLY_KEEPS,
        to: None,
    },
    Entry {
        event: EventKind::Satisfied,
        from: DONE,
        to: None,
    },
    Entry {
        event: EventKind::Unsatisfied,
        from: DONE,
        to: Some(InProgress),
    },
    Entry {
        event: EventKind::FollowUpDone,
        from: DONE,
        to: Some(FollowedUp),
    },
    Entry {
        event: EventKind::SignedOff,
        from: DONE,
        to: Some(SignedOff),
    },
    Entry {
        event: EventKind::Closed,
        from: OPEN,
        to: Some(Closed),
    },
    Entry {
        event: EventKind::Reopened,
        from: &[Closed],
        to: Some(InProgress),
    },
    Entry {
        event: EventKind::Appealed,
        from: &[Replied, FollowedUp, SignedOff, Closed],
        to: Some(Appealed),
    },
    Entry {
        event: EventKind::Escalated,
        from: OPEN,
        to: None,
    },
    Entry {
        event: EventKind::ValidityDecided,
        from: OPEN,
        to: None,
    },
    Entry {
        event: EventKind::Referred,
        from: OPEN,
        to: Some(Referred),
    },
    Entry {
        event: EventKind::HoldingReply,
        from: OPEN,
        to: None,
    },
    // A rejection is recorded before the answer that tells the complainant
    // (`replied`); ending a mediation is a decision on the way. Neither
    // moves the state.
    Entry {
        event: EventKind::Rejected,
        from: OPEN,
        to: None,
    },
    Entry {
        event: EventKind::MediationEnded,
        from: OPEN,
        to: None,
    },
    Entry {
        event: EventKind::CustomerMessage,
        from: OPEN,
        to: None,
    },
    Entry {
        event: EventKind::AnsweredInternally,
        from: OPEN,
        to: None,
    },
];

/// The default transitions of docs/domain.md (the process).
pub fn default_transitions() -> Vec<Transition> {
    DEFAULT
        .iter()
        .map(|d| Transition {
            event: d.event,
            from: StateSet::of(d.from),
            to: d.to,
        })
        .collect()
}

fn effect(table: &[Transition], event: EventKind, state: State) -> Option<&Transition> {
    table.iter().find(|t| t.event == event && t.from.contains(state))
}

/// The events allowed in `state`, each once (an event may have several
/// entries, the first whose `from` lists the state applies).
pub fn allowed(table: &[Transition], state: State) -> Vec<EventKind> {
    // Event kinds seen so far, one bit each: every assessment lists its
    // allowed events, and a search of the list per entry was a measurable
    // part of an assessment. Room for every entry up front: most states
    // allow most events.
    const _: () = assert!(EventKind::ALL.len() <= 64);
    let mut seen = 0u64;
    let mut out: Vec<EventKind> = Vec::with_capacity(table.len());
    for t in table.iter().filter(|t| t.from.contains(state)) {
        let bit = 1u64 << (t.event as u32);
        if seen & bit == 0 {
            seen |= bit;
            out.push(t.event);
        }
    }
    out
}

/// The state after each event: `(instant, state)` from receipt on. Events
/// must already be in order.
pub fn timeline(table: &[Transition], received: Instant, events: &[Logged]) -> Result<Vec<(Instant, State)>, Error> {
    let mut out = Vec::with_capacity(events.len() + 1);
    out.push((received, Received));
    let mut state = Received;
    for &(i, e) in events {
        let Some(t) = effect(table, e.kind, state) else {
            let list: Vec<&str> = allowed(table, state).iter().map(|k| k.code()).collect();
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
        let next = t.to.unwrap_or(state);
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
