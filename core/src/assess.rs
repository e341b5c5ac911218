//! `assess(policy, case, now)`: the main job. Classification with its trace,
//! lifecycle state, every deadline, escalations due, required actions,
//! ownership, and `next_check_at` — the one instant the host should ask again.

use crate::classify::text::normalize;
use crate::classify::{Classification, Explain, classify_scanned};
use crate::decode::{Reader, parse_json};
use crate::error::{Code, Error, Problem};
use crate::escalation::{EscalationContext, EscalationDue, Related, escalations};
use crate::lifecycle::{State, allowed, state_at, timeline};
use crate::model::complaint::read_complaint;
use crate::model::event::read_events;
use crate::model::{Complaint, Event, EventKind, Instant, Severity, Stamp};
use crate::policy::condition::{Outputs, Subject};
use crate::policy::{Policy, PolicyVersion};
use crate::sla::{DeadlineStatus, SlaContext, evaluate};
use serde::Serialize;
use serde_json::Value;

/// A complaint with its event log and, optionally, related complaints (for
/// repeat and batch detection).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Case {
    pub complaint: Complaint,
    pub events: Vec<Event>,
    pub related: Vec<Related>,
}

impl Case {
    pub fn from_json(text: &str) -> Result<Case, Error> {
        Case::from_value(&parse_json(text)?)
    }

    pub fn from_value(v: &Value) -> Result<Case, Error> {
        let mut r = Reader::new();
        let case = read_case(&mut r, v);
        r.finish(case)
    }
}

fn read_case(r: &mut Reader, v: &Value) -> Option<Case> {
    let mut f = r.object(v, "")?;
    let complaint = f.must(r, "complaint", read_complaint);
    let events = f
        .get(r, "events", |r, v, p| Some(read_events(r, v, p)))
        .unwrap_or(Some(Vec::new()));
    let related = f
        .opt("related")
        .map(|(v, p)| read_related(r, v, &p))
        .unwrap_or_default();
    f.done(r);
    Some(Case {
        complaint: complaint?,
        events: events?,
        related,
    })
}

fn read_related(r: &mut Reader, v: &Value, path: &str) -> Vec<Related> {
    let Some(items) = r.array(v, path) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(mut f) = r.object(item, &crate::decode::index(path, i)) else {
            continue;
        };
        let mut text = |key| f.opt(key).and_then(|(v, p)| r.string(v, &p).map(str::to_string));
        let id = text("id").unwrap_or_default();
        let (customer_id, subject, product, department, category) = (
            text("customer_id"),
            text("subject"),
            text("product"),
            text("department"),
            text("category"),
        );
        let at = f.req(r, "received_at").and_then(|(v, p)| r.instant(v, &p));
        f.done(r);
        if let Some(received_at) = at {
            out.push(Related {
                id,
                received_at,
                customer_id,
                subject,
                product,
                department,
                category,
            });
        }
    }
    out
}

/// A required action (HANDBOOK §6, §9, §11) not yet done.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequiredAction {
    pub action: &'static str,
    pub reason: String,
    pub source: &'static str,
}

/// Where a complaint stands and what must happen next.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub complaint_id: String,
    pub policy: String,
    /// The version of the policy applied: name, version, the days it is in
    /// force and how it was chosen.
    pub policy_version: PolicyVersion,
    pub now: Stamp,
    pub classification: Classification,
    pub state: State,
    /// The events allowed next in this state.
    pub allowed_events: Vec<EventKind>,
    /// First-contact ownership: who owns it, after recorded hand-offs.
    pub owner: Option<String>,
    pub deadlines: Vec<DeadlineStatus>,
    pub escalations: Vec<EscalationDue>,
    pub required_actions: Vec<RequiredAction>,
    pub next_check_at: Option<Stamp>,
}

/// Assess a case at `now`, with the full classification trace. A policy
/// with versions applies the version in force at the complaint's receipt
/// (or at `now`, as the document says); none in force is the error
/// `no_version_in_force`.
pub fn assess(policy: &Policy, case: &Case, now: Instant) -> Result<Assessment, Error> {
    assess_with(policy, case, now, Explain::Full)
}

/// `assess`, explaining the classification as much as `explain` asks
/// (`Explain::Outcome`: the same assessment with an empty trace).
pub fn assess_with(policy: &Policy, case: &Case, now: Instant, explain: Explain) -> Result<Assessment, Error> {
    let complaint = &case.complaint;
    check_times(case, now, &policy.calendar)?;
    let policy = policy.in_force(complaint.received_at, now)?;
    let mut ordered: Vec<(usize, &Event)> = case.events.iter().enumerate().collect();
    // By instant; ties keep log order (a stable sort).
    ordered.sort_by_key(|(_, e)| e.at);
    let known: Vec<(usize, &Event)> = ordered.iter().copied().filter(|(_, e)| e.at <= now).collect();
    let timeline = timeline(&policy.lifecycle, complaint.received_at, &known)?;
    let state = state_at(&timeline, now);

    let normalized = normalize(&complaint.text);
    let hits = policy.signals.scan(&normalized);
    let mut classification = classify_scanned(policy, complaint, &normalized, &hits, explain);
    let initial = outputs_of(&classification);
    let mut current = initial.clone();
    for (_, e) in known.iter().filter(|(_, e)| e.kind == EventKind::Reclassified) {
        current.severity = e.severity.or(current.severity);
        current.category = e.category.or(current.category);
        current.nature = e.nature.or(current.nature);
    }
    if let Some((_, e)) = known
        .iter()
        .rev()
        .find(|(_, e)| e.kind == EventKind::ValidityDecided && e.validity.is_some())
    {
        current.validity = e.validity;
        classification.validity = e.validity;
    }
    classification.severity = current.severity;
    classification.category = current.category;
    classification.nature = current.nature;

    let subject = |outputs| Subject {
        complaint,
        outputs,
        hits: &hits,
        normalized_text: &normalized,
    };
    let (initial_s, current_s) = (subject(&initial), subject(&current));
    let cx = SlaContext {
        calendar: &policy.calendar,
        complaint,
        events: &known,
        timeline: &timeline,
        initial: &initial_s,
        current: &current_s,
        now,
    };
    let deadlines = policy
        .deadlines
        .iter()
        .map(|rule| evaluate(rule, &cx))
        .collect::<Result<Vec<_>, _>>()?;
    let escalations = escalations(&EscalationContext {
        policy,
        subject: &current_s,
        deadlines: &deadlines,
        events: &known,
        related: &case.related,
        now,
    })?;
    let next = deadlines
        .iter()
        .filter_map(|d| d.next_change_at)
        .chain(escalations.iter().filter_map(|e| e.next_change_at))
        .map(|s| s.at)
        .min();
    Ok(Assessment {
        complaint_id: complaint.id.clone(),
        policy: policy.name.clone(),
        policy_version: policy.applied.clone(),
        now: policy.calendar.stamp(now),
        required_actions: required_actions(complaint, &current, state, &known),
        classification,
        state,
        allowed_events: allowed(&policy.lifecycle, state),
        owner: owner(&known),
        deadlines,
        escalations,
        next_check_at: next.map(|t| policy.calendar.stamp(t)),
    })
}

/// Nothing happens to a complaint before it is received, and it cannot be
/// assessed before it exists: either would give states with no meaning
/// (a deadline met before it started, a negative elapsed time).
fn check_times(case: &Case, now: Instant, cal: &crate::time::Calendar) -> Result<(), Error> {
    let received = case.complaint.received_at;
    let mut problems = Vec::new();
    for (i, e) in case.events.iter().enumerate() {
        if e.at < received {
            problems.push(Problem {
                code: Code::InvalidEvent,
                path: format!("/events/{i}/at"),
                message: format!(
                    "event {:?} at {} is before the complaint was received ({})",
                    e.kind.code(),
                    cal.format(e.at),
                    cal.format(received)
                ),
            });
        }
    }
    if now < received {
        problems.push(Problem {
            code: Code::InvalidValue,
            path: "/now".into(),
            message: format!(
                "now ({}) is before the complaint was received ({})",
                cal.format(now),
                cal.format(received)
            ),
        });
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(problems))
    }
}

fn outputs_of(c: &Classification) -> Outputs {
    Outputs {
        severity: c.severity,
        category: c.category,
        nature: c.nature,
        validity: c.validity.or(c.validity_suggestion),
        claim_type: c.claim_type,
        route: c.route.clone(),
    }
}

/// The receiver owns the complaint; only a recorded hand-off moves it.
fn owner(events: &[(usize, &Event)]) -> Option<String> {
    let mut owner = None;
    for (_, e) in events {
        match e.kind {
            EventKind::Received | EventKind::Registered if owner.is_none() => owner = e.by.clone(),
            EventKind::Forwarded if e.handoff => owner = e.to.clone().or(owner),
            _ => {}
        }
    }
    owner
}

fn happened(events: &[(usize, &Event)], kind: EventKind) -> bool {
    events.iter().any(|(_, e)| e.kind == kind)
}

/// The obligations of HANDBOOK §6, §9 and §11 that are still open.
fn required_actions(c: &Complaint, o: &Outputs, state: State, events: &[(usize, &Event)]) -> Vec<RequiredAction> {
    let mut out = Vec::new();
    let mut need = |action, reason: &str, source| {
        out.push(RequiredAction {
            action,
            reason: reason.to_string(),
            source,
        })
    };
    let open = !matches!(state, State::Closed | State::Referred);
    let major = o.severity == Some(Severity::Major);
    let important = o.severity == Some(Severity::Important);
    if open && (major || important) && !happened(events, EventKind::Escalated) {
        need(
            "report_to_general_manager",
            "important and major complaints are reported straight to the general manager",
            "001 篇5 4.3.3",
        );
    }
    if open && important {
        need(
            "report_to_service_centre_manager",
            "the CS manager reports an important complaint at once to the service-centre manager",
            "001 篇5 4.4.1b",
        );
    }
    if open && major && c.facts.harm_ongoing == Some(true) && !happened(events, EventKind::Resolved) {
        need(
            "stop_the_harm_first",
            "the harm is still going on: stop it and take remedial measures first",
            "001 篇5 4.4.1c-ii",
        );
    }
    if open && major && c.channel.is_some_and(|ch| ch.is_written()) && !happened(events, EventKind::Replied) {
        need(
            "reply_by_letter",
            "a major complaint made in writing is answered by letter",
            "001 篇5 4.4.1c",
        );
    }
    if open && major && happened(events, EventKind::Resolved) && !happened(events, EventKind::FollowUpDone) {
        need(
            "quality_reinspection",
            "the quality department re-inspects the fix of a major complaint",
            "001 篇5 4.4.1c",
        );
    }
    let proposed = events
        .iter()
        .rev()
        .find(|(_, e)| e.kind == EventKind::RemedyProposed)
        .map(|(_, e)| e.at);
    if open
        && proposed.is_some_and(|p| {
            !events
                .iter()
                .any(|(_, e)| e.kind == EventKind::RemedyApproved && e.at >= p)
        })
    {
        need(
            "approve_handling_plan",
            "a manager approves the handling plan before the reply goes out",
            "001 篇6 5.4, 3.6(1)",
        );
    }
    if matches!(state, State::Resolved | State::Replied) && !happened(events, EventKind::FollowUpDone) {
        need(
            "follow_up",
            "after solving, call back or visit to confirm (in person for a major complaint)",
            "000-E; 001 篇5 4.3.4",
        );
    }
    if matches!(state, State::Resolved | State::Replied | State::FollowedUp) && !happened(events, EventKind::SignedOff)
    {
        need(
            "obtain_signature",
            "the customer signs satisfaction before closing",
            "001 篇5 4.3.4",
        );
    }
    out
}
