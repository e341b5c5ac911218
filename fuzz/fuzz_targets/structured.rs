//! Random VALID cases built from the bytes: a complaint with random facts
//! and a log that the lifecycle accepts. Invariants: assess succeeds; every
//! due instant is at or after its start; states agree with `now`.
#![no_main]
use libfuzzer_sys::fuzz_target;
use plaint_core::lifecycle::{allowed, state_at, timeline};
use plaint_core::model::{Event, EventKind};
use plaint_core::sla::SlaState;
use plaint_core::{Case, Complaint, Instant, Policy, assess};

// 2026-01-05T10:00:00+08:00; cn-mainland data runs to the end of 2026.
const BASE: i64 = 1_767_578_400_000;

/// An instant from BASE plus what the bytes add: at most 255 days, 255
/// minutes and 16 steps of 255 half-hours and 255 hours, all within 2027.
fn instant(ms: i64) -> Instant {
    Instant::from_ms(ms).expect("the generated instants stay within 2026-2027")
}

fuzz_target!(|data: &[u8]| {
    let mut bytes = data.iter().copied();
    let mut next = move || bytes.next().unwrap_or(0);
    let presets = plaint_core::policy::presets::names();
    let policy = Policy::preset(presets[next() as usize % presets.len()]).unwrap();
    let texts = [
        "漏水受伤",
        "多次投诉没解决",
        "噪音",
        "索赔 包装破损",
        "信号差",
        "法院",
        "the lift is broken again",
    ];
    let received = BASE + i64::from(next()) * 86_400_000 + i64::from(next()) * 60_000;
    let channel = ["phone", "letter", "web", "visit"][next() as usize % 4];
    let text = texts[next() as usize % texts.len()];
    let (injury, times, other, harm) = (next() % 2 == 0, next() % 3, next() % 2 == 0, next() % 2 == 0);
    let bureau = ["city", "county"][next() as usize % 2];
    let complaint = serde_json::json!({
        "id": "s", "received_at": instant(received).to_utc_string(), "channel": channel, "text": text,
        "facts": {"personal_injury": injury, "times_raised_before": times,
                  "involves_other_department": other, "harm_ongoing": harm},
        "attributes": {"bureau_level": bureau},
    });
    let complaint = Complaint::from_value(&complaint).unwrap();
    let mut events: Vec<Event> = Vec::new();
    let mut t = received;
    for _ in 0..(next() % 16) {
        let refs: Vec<(usize, &Event)> = events.iter().enumerate().collect();
        let tl = timeline(&policy.lifecycle, complaint.received_at, &refs).unwrap();
        let options: Vec<EventKind> = allowed(&policy.lifecycle, state_at(&tl, instant(t)))
            .into_iter()
            .filter(|k| *k != EventKind::ExtensionGranted)
            .collect();
        if options.is_empty() {
            break;
        }
        t += i64::from(next()) * 1_800_000 + 1;
        events.push(Event::new(options[next() as usize % options.len()], instant(t)));
    }
    let now = instant(t + i64::from(next()) * 3_600_000);
    let case = Case {
        complaint,
        events,
        related: vec![],
    };
    // Past the calendar's data a deadline is undetermined: the call never fails.
    let a = match assess(&policy, &case, now) {
        Ok(a) => a,
        Err(e) => panic!("a valid case failed: {e}"),
    };
    for d in &a.deadlines {
        assert_eq!(
            d.state == SlaState::Undetermined,
            d.error.is_some(),
            "{}: an undetermined deadline carries its error, and only it",
            d.id
        );
        if d.state == SlaState::Undetermined {
            assert!(d.due_at.is_none(), "{}: undetermined with a due time", d.id);
        }
        let (Some(due), Some(started)) = (d.due_at, d.started_at) else {
            continue;
        };
        // The text a result is serialised as reads back as the same instant.
        let text = due.to_string();
        assert_eq!(
            plaint_core::model::parse_instant(&text).unwrap(),
            due.at,
            "{}: {text}",
            d.id
        );
        let (due, started) = (due.at, started.at);
        assert!(due >= started, "{}: due before start", d.id);
        match d.state {
            SlaState::Breached | SlaState::Lapsed => assert!(now >= due, "{}: {:?} before due", d.id, d.state),
            SlaState::Pending | SlaState::AtRisk => assert!(now < due, "{}: running after due", d.id),
            _ => {}
        }
    }
});
