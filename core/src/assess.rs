//! `assess(policy, case, now)`: the main job. Classification with its trace,
//! lifecycle state, every deadline, escalations due, required actions (the
//! policy's obligations, core/src/obligation.rs), ownership, and
//! `next_check_at` — the one instant the host should ask again.

use crate::calendars::CaseCalendars;
use crate::classify::text::normalize;
use crate::classify::{Classification, Explain, classify_scanned};
use crate::decode::{Reader, parse_json};
use crate::error::{Code, Error, Problem};
use crate::escalation::{EscalationContext, EscalationDue, Related, escalations};
use crate::lifecycle::{State, allowed, state_at, timeline};
use crate::model::complaint::read_complaint;
use crate::model::event::read_events;
use crate::model::{Complaint, Event, EventKind, Instant, Logged, Stamp};
use crate::policy::condition::{CaseView, Outputs, Subject};
use crate::policy::{Policy, PolicyVersion};
use crate::sla::{DeadlineStatus, SlaContext, blank, evaluate_into};
use crate::time::BeyondData;
use crate::warnings::{Warning, note_silent_triggers, warnings};

pub use crate::obligation::RequiredAction;
use serde::Serialize;
use serde_json::Value;

/// A complaint with its event log and, optionally, related complaints (for
/// repeat and batch detection).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Case {
    /// The complaint.
    pub complaint: Complaint,
    /// The event log. `assess` takes the events in order of instant (ties keep
    /// log order) and ignores those after `now`.
    pub events: Vec<Event>,
    /// Other complaints, for the `repeat` and `batch` triggers.
    pub related: Vec<Related>,
}

impl Case {
    /// A case of `complaint` with no events yet.
    pub fn new(complaint: Complaint) -> Case {
        Case {
            complaint,
            ..Case::default()
        }
    }

    /// The case with `event` appended to its log. Events are kept in the
    /// order given; `assess` takes them in order of instant, ties in log
    /// order, as it does a JSON log.
    pub fn with_event(mut self, event: Event) -> Case {
        self.events.push(event);
        self
    }

    /// Read a case (`{"complaint", "events", "related"}`) from JSON text,
    /// reporting every problem.
    pub fn from_json(text: &str) -> Result<Case, Error> {
        // Most text is read without a `Value` tree; the rest (every text
        // with a problem) goes through the reader that reports problems.
        if let Some(case) = crate::model::fast_read::case(text) {
            return Ok(case);
        }
        Case::from_value(&parse_json(text)?)
    }

    /// Read a case from a parsed JSON value, reporting every problem.
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

/// Where a complaint stands and what must happen next.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// The complaint's id.
    pub complaint_id: String,
    /// The name of the policy applied.
    pub policy: String,
    /// The version of the policy applied: name, version, the days it is in
    /// force and how it was chosen.
    pub policy_version: PolicyVersion,
    /// The case's calendar: the policy's default, or the one an entry of
    /// its `calendars` chose for this complaint. Each deadline names the
    /// calendar it was counted on (a rule may name another).
    pub calendar: crate::model::Text,
    /// The instant assessed at, in the calendar's zone.
    pub now: Stamp,
    /// The classification, reclassifications and a decided validity included.
    pub classification: Classification,
    /// The lifecycle state at `now`.
    pub state: State,
    /// The events allowed next in this state.
    pub allowed_events: Vec<EventKind>,
    /// First-contact ownership: who owns it, after recorded hand-offs.
    pub owner: Option<String>,
    /// Every deadline rule of the policy, in policy order, with its state at `now`.
    pub deadlines: Vec<DeadlineStatus>,
    /// The escalations due at `now`, in trigger order.
    pub escalations: Vec<EscalationDue>,
    /// The policy's obligations open at `now`, in policy order.
    pub required_actions: Vec<RequiredAction>,
    /// The earliest instant this assessment changes by the mere passing of time
    /// (a deadline's or escalation's next change, an open action's future due
    /// time); None: nothing is scheduled.
    pub next_check_at: Option<Stamp>,
    /// Horizon and data warnings (calendar data ending, projected or
    /// undetermined deadlines), each with a stable code.
    pub warnings: Vec<Warning>,
}

impl Assessment {
    /// The deadline with rule id `id`, if the policy has one.
    pub fn deadline(&self, id: &str) -> Option<&DeadlineStatus> {
        self.deadlines.iter().find(|d| &*d.id == id)
    }
}

/// The per-call choices of an assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AssessOptions {
    /// How much of the classification trace to build (default `Full`).
    pub explain: Explain,
    /// Overrides the policy's `options.beyond_data` for this call.
    pub beyond_data: Option<BeyondData>,
}

impl Default for AssessOptions {
    fn default() -> AssessOptions {
        AssessOptions {
            explain: Explain::Full,
            beyond_data: None,
        }
    }
}

/// Assess a case at `now`, with the full classification trace. A policy
/// with versions applies the version in force at the complaint's receipt
/// (or at `now`, as the document says); none in force is the error
/// `no_version_in_force`.
///
/// ```
/// use plaint_core::model::{Event, EventKind};
/// use plaint_core::sla::SlaState;
/// use plaint_core::{Case, Complaint, Instant, Policy, assess};
///
/// let at = |s| Instant::parse(s).unwrap();
/// let mut complaint = Complaint::new("C-1", at("2026-09-24T16:00:00+08:00"));
/// complaint.facts.involves_other_department = Some(true);
/// // Forwarded 20 minutes after receipt: within the 30 minutes allowed.
/// let mut forward = Event::new(EventKind::Forwarded, at("2026-09-24T16:20:00+08:00"));
/// forward.to = Some("engineering".into());
/// let case = Case::new(complaint).with_event(forward);
///
/// let policy = Policy::preset("cn-property").unwrap();
/// let a = assess(&policy, &case, at("2026-09-24T17:00:00+08:00")).unwrap();
/// let d = a.deadline("forward").unwrap();
/// assert_eq!(d.state, SlaState::Met);
/// assert_eq!(d.due_at.unwrap().to_string(), "2026-09-24T16:30:00+08:00");
/// ```
pub fn assess(policy: &Policy, case: &Case, now: Instant) -> Result<Assessment, Error> {
    assess_with(policy, case, now, Explain::Full)
}

/// `assess`, explaining the classification as much as `explain` asks
/// (`Explain::Outcome`: the same assessment with an empty trace).
pub fn assess_with(policy: &Policy, case: &Case, now: Instant, explain: Explain) -> Result<Assessment, Error> {
    let opts = AssessOptions {
        explain,
        beyond_data: None,
    };
    assess_with_options(policy, case, now, &opts)
}

/// `assess` with per-call options (the explanation, projected data).
pub fn assess_with_options(
    policy: &Policy,
    case: &Case,
    now: Instant,
    opts: &AssessOptions,
) -> Result<Assessment, Error> {
    let explain = opts.explain;
    let complaint = &case.complaint;
    check_times(case, now, &policy.calendar)?;
    let policy = policy.in_force(complaint.received_at, now)?;
    let beyond = opts.beyond_data.unwrap_or(policy.options.beyond_data);
    let mut ordered: Vec<Logged> = case.events.iter().enumerate().collect();
    // By instant; ties keep log order (a stable sort).
    ordered.sort_by_key(|(_, e)| e.at);
    // In order of time, so the events known at `now` are a prefix.
    let known = &ordered[..ordered.partition_point(|(_, e)| e.at <= now)];
    let timeline = timeline(&policy.lifecycle, complaint.received_at, known)?;
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
        case: None,
    };
    let (initial_s, current_s) = (subject(&initial), subject(&current));
    let calendars = CaseCalendars::choose(policy, &initial_s, beyond);
    let cal = &calendars.case;
    let progress = Progress {
        policy,
        calendars: &calendars,
        complaint,
        known,
        timeline: &timeline,
        state,
        now,
    };
    let mut deadlines = progress.deadlines(&initial_s, &current_s)?;
    let view = CaseView {
        state,
        events: known,
        deadlines: &deadlines,
    };
    let current_s = Subject {
        case: Some(&view),
        ..current_s
    };
    let escalations = escalations(&EscalationContext {
        policy,
        calendars: &calendars,
        subject: &current_s,
        deadlines: &deadlines,
        events: known,
        related: &case.related,
        now,
    })?;
    let base = calendars
        .chosen_by
        .map_or(&policy.calendar, |i| &policy.calendars[i].calendar);
    let required_actions =
        crate::obligation::required_actions(policy, base, &current_s, known, complaint.received_at, now);
    let next = deadlines
        .iter()
        .filter_map(|d| d.next_change_at)
        .chain(escalations.iter().filter_map(|e| e.next_change_at))
        .map(|s| s.at)
        .chain(
            required_actions
                .iter()
                .filter_map(|a| a.due_at)
                .map(|s| s.at)
                .filter(|t| *t > now),
        )
        .min();
    note_silent_triggers(policy, &mut deadlines);
    let warnings = warnings(policy, &calendars, &deadlines, now);
    Ok(Assessment {
        complaint_id: complaint.id.clone(),
        policy: policy.name.clone(),
        policy_version: policy.applied.clone(),
        calendar: cal.label().clone(),
        now: cal.stamp(now),
        required_actions,
        classification,
        state,
        allowed_events: allowed(&policy.lifecycle, state),
        owner: owner(known),
        deadlines,
        escalations,
        next_check_at: next.map(|t| cal.stamp(t)),
        warnings,
    })
}

/// What the deadlines of one assessment are evaluated over.
struct Progress<'a> {
    policy: &'a Policy,
    /// The case's calendars, with projected days when the call opts in.
    calendars: &'a CaseCalendars,
    complaint: &'a Complaint,
    known: &'a [Logged<'a>],
    timeline: &'a [(Instant, State)],
    state: State,
    now: Instant,
}

impl Progress<'_> {
    /// Every deadline rule in policy order; each rule's conditions see the
    /// states of the rules before it (`deadlines.<id>`).
    fn deadlines(&self, initial: &Subject, current: &Subject) -> Result<Vec<DeadlineStatus>, Error> {
        let mut done: Vec<DeadlineStatus> = Vec::with_capacity(self.policy.deadlines.len());
        for (i, rule) in self.policy.deadlines.iter().enumerate() {
            let calendar = self.calendars.for_rule(rule);
            // Evaluated where it is kept (a status is 328 bytes); the rules
            // before it are its conditions' view.
            done.push(blank(rule, calendar.label()));
            let (before, this) = done.split_at_mut(i);
            let status = &mut this[0];
            let view = CaseView {
                state: self.state,
                events: self.known,
                deadlines: before,
            };
            let (initial, current) = (
                Subject {
                    case: Some(&view),
                    ..*initial
                },
                Subject {
                    case: Some(&view),
                    ..*current
                },
            );
            let cx = SlaContext {
                calendar,
                complaint: self.complaint,
                events: self.known,
                timeline: self.timeline,
                initial: &initial,
                current: &current,
                now: self.now,
            };
            evaluate_into(status, rule, &cx)?;
            if let Some(note) = self.calendars.note(self.policy, rule) {
                status.notes.push(note);
            }
        }
        Ok(done)
    }
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
fn owner(events: &[Logged]) -> Option<String> {
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
