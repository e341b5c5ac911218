//! The statistics bench's input at a size callgrind can run, and one call
//! of `stats` over it: for instruction counts of that call alone.
//!
//! Run: cargo build --release -p plaint-core --example stats_profile
//!      valgrind --tool=callgrind --toggle-collect='*analytics*stats_on*' \
//!          target/release/examples/stats_profile [N]
//!
//! The N cases (default 100,000) are shaped as in `benches/core.rs`
//! ("stats/1M_assessed"): 10 events each, received 3 s apart, 500 products
//! and 20,000 customers. With `--time R` it instead times R calls (the
//! median, for a quick comparison outside criterion).

use plaint_core::analytics::{StatsOptions, stats};
use plaint_core::model::{Event, EventKind, Instant, parse_instant};
use plaint_core::{Assessment, Case, Complaint, Explain, Policy, assess_with};
use std::hint::black_box;

fn instant(ms: i64) -> Instant {
    Instant::from_ms(ms).expect("the instants are in 2026")
}

/// As `case_with(10)` of the bench: register, rounds of contact and
/// waiting, resolve and reply.
fn template() -> Case {
    let text = include_str!("../../examples/complaints/01-leak-injury.json");
    let complaint = Complaint::from_json(text).unwrap();
    let start = complaint.received_at.ms();
    let mut events = vec![Event::new(EventKind::Registered, instant(start + 60_000))];
    let cycle = [
        EventKind::Contacted,
        EventKind::AwaitingCustomer,
        EventKind::Resumed,
        EventKind::Assigned,
    ];
    let mut i = 0;
    while events.len() + 2 < 10 {
        events.push(Event::new(cycle[i % 4], instant(start + 120_000 + i as i64 * 60_000)));
        i += 1;
    }
    let t = start + 120_000 + i as i64 * 60_000;
    events.push(Event::new(EventKind::Resolved, instant(t)));
    events.push(Event::new(EventKind::Replied, instant(t + 60_000)));
    Case {
        complaint,
        events,
        related: Vec::new(),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = args.first().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let repeat: Option<usize> = args
        .iter()
        .position(|a| a == "--time")
        .map(|i| args[i + 1].parse().unwrap());
    let policy = Policy::preset("cn-property").unwrap();
    let now = parse_instant("2026-09-29T10:00:00+08:00").unwrap();
    let template = template();
    let items: Vec<(Case, Assessment)> = (0..n)
        .map(|i| {
            let mut case = template.clone();
            let shift = -(i as i64) * 3_000;
            case.complaint.id = format!("PM-{i}");
            case.complaint.product = Some(format!("model-{}", i % 500));
            case.complaint.customer.id = Some(format!("owner-{}", i % 20_000));
            case.complaint.received_at = instant(case.complaint.received_at.ms() + shift);
            for e in &mut case.events {
                e.at = instant(e.at.ms() + shift);
            }
            let a = assess_with(&policy, &case, now, Explain::Outcome).unwrap();
            (case, a)
        })
        .collect();
    let opts = StatsOptions::default();
    match repeat {
        None => {
            let s = stats(&policy.calendar, black_box(&items), &opts);
            println!("{} complaints, {} clusters", s.total, s.batches.len());
        }
        Some(r) => {
            // For a profiler to attach now, after the input is built.
            eprintln!("built {n} assessed complaints (pid {})", std::process::id());
            use std::mem::size_of;
            eprintln!(
                "sizes: Case {} (Complaint {}, Event {}), Assessment {}, DeadlineStatus {}",
                size_of::<Case>(),
                size_of::<Complaint>(),
                size_of::<Event>(),
                size_of::<Assessment>(),
                size_of::<plaint_core::sla::DeadlineStatus>()
            );
            let mut times: Vec<f64> = (0..r)
                .map(|_| {
                    let t = std::time::Instant::now();
                    black_box(stats(&policy.calendar, black_box(&items), &opts));
                    t.elapsed().as_secs_f64()
                })
                .collect();
            eprintln!("each call, in order: {times:.3?}");
            times.sort_by(f64::total_cmp);
            println!("{n} complaints: median {:.3} s (min {:.3})", times[r / 2], times[0]);
        }
    }
}
