//! A Rust host using plaint-core's typed API: no JSON is written or read.
//!
//! It takes the embedded `cn-property` policy, builds a complaint and its
//! event log, assesses it, and counts a deadline on two calendars.
//! Run: `cargo run -p plaint-core --example typed_case`.

use plaint_core::model::{Event, EventKind};
use plaint_core::sla::SlaState;
use plaint_core::{Calendar, Case, Complaint, Error, Instant, Policy, Span, assess};

fn main() -> Result<(), Error> {
    let policy = Policy::preset("cn-property")?;

    // A leak upstairs injured a resident and is still dripping; the front
    // desk registered it and forwarded it to engineering.
    let mut complaint = Complaint::new("PM-2026-0917", Instant::parse("2026-09-24T16:00:00+08:00")?);
    complaint.text = "The ceiling fell after a leak upstairs and hurt my mother.".into();
    complaint.department = Some("engineering".into());
    complaint.facts.personal_injury = Some(true);
    complaint.facts.harm_ongoing = Some(true);
    complaint.facts.involves_other_department = Some(true);

    let mut forward = Event::new(EventKind::Forwarded, Instant::parse("2026-09-24T16:20:00+08:00")?);
    forward.by = Some("front-desk-li".into());
    forward.to = Some("engineering".into());
    let case = Case::new(complaint)
        .with_event(Event::new(
            EventKind::Registered,
            Instant::parse("2026-09-24T16:05:00+08:00")?,
        ))
        .with_event(forward);

    let a = assess(&policy, &case, Instant::parse("2026-09-29T10:00:00+08:00")?)?;
    let severity = a.classification.severity.map_or("none", |s| s.code());
    println!("{} under {}: severity {severity}", a.complaint_id, a.policy);
    for d in a.deadlines.iter().filter(|d| d.state != SlaState::NotApplicable) {
        let due = d.due_at.map_or_else(|| "-".to_string(), |t| t.to_string());
        println!("  {:<15} {:<15} due {due}", &*d.id, d.state.code());
    }

    // The same 3 working days from the same instant at two sites.
    let start = Instant::parse("2026-09-30T10:00:00+08:00")?;
    for name in ["cn-mainland", "hk"] {
        let calendar = Calendar::preset(name)?;
        let due = calendar.add(start, &Span::working_days(3))?;
        println!(
            "3 working days from {} on {name}: {}",
            calendar.format(start),
            calendar.format(due)
        );
    }
    Ok(())
}
