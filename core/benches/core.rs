//! Classification and assessment benchmarks (issue 3: classify ≤ 2 µs;
//! issue 5: assess with 20 events ≤ 10 µs, linear in the number of events).
//! Run: cargo bench -p plaint-core --bench core -- --quick

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use plaint_core::model::{Event, EventKind, Instant, parse_instant};
use plaint_core::{Case, Complaint, Policy, assess, classify};
use std::hint::black_box;

fn sample() -> Complaint {
    let text = include_str!("../../examples/complaints/01-leak-injury.json");
    Complaint::from_json(text).unwrap()
}

/// A log of `n` events that the default lifecycle accepts: register, then
/// rounds of contact and waiting for the customer, then resolve and reply.
fn case_with(n: usize) -> Case {
    let complaint = sample();
    let start = complaint.received_at.0;
    let mut events = vec![Event::new(EventKind::Registered, Instant(start + 60_000))];
    let cycle = [
        EventKind::Contacted,
        EventKind::AwaitingCustomer,
        EventKind::Resumed,
        EventKind::Assigned,
    ];
    let mut i = 0;
    while events.len() + 2 < n {
        events.push(Event::new(cycle[i % 4], Instant(start + 120_000 + i as i64 * 60_000)));
        i += 1;
    }
    let t = start + 120_000 + i as i64 * 60_000;
    events.push(Event::new(EventKind::Resolved, Instant(t)));
    events.push(Event::new(EventKind::Replied, Instant(t + 60_000)));
    Case {
        complaint,
        events,
        related: Vec::new(),
    }
}

fn benches(c: &mut Criterion) {
    let policy = Policy::preset("cn-property").unwrap();
    let complaint = sample();
    c.bench_function("classify_cn_property", |b| {
        b.iter(|| classify(black_box(&policy), black_box(&complaint)))
    });
    let now = parse_instant("2026-09-29T10:00:00+08:00").unwrap();
    let mut group = c.benchmark_group("assess_events");
    for n in [10usize, 20, 100, 1000] {
        let case = case_with(n);
        assert!(assess(&policy, &case, now).is_ok());
        group.bench_with_input(BenchmarkId::from_parameter(n), &case, |b, case| {
            b.iter(|| assess(black_box(&policy), black_box(case), black_box(now)))
        });
    }
    group.finish();

    // Statistics over 100,000 assessed complaints (tally, repeats, batch
    // clusters): every step is O(1) per complaint or a sort, so 1,000,000
    // complaints cost ten times this.
    let items: Vec<(Case, plaint_core::Assessment)> = (0..100_000)
        .map(|i| {
            let mut case = case_with(10);
            case.complaint.id = format!("PM-{i}");
            case.complaint.product = Some(format!("model-{}", i % 500));
            case.complaint.customer.id = Some(format!("owner-{}", i % 20_000));
            case.complaint.received_at = Instant(case.complaint.received_at.0 + i as i64 * 60_000);
            let a = assess(&policy, &case, now).unwrap();
            (case, a)
        })
        .collect();
    let opts = plaint_core::analytics::StatsOptions::default();
    let mut group = c.benchmark_group("stats");
    group.sample_size(10);
    group.bench_function("100k_assessed", |b| {
        b.iter(|| plaint_core::analytics::stats(&policy.calendar, black_box(&items), &opts))
    });
    group.finish();
}

criterion_group!(core, benches);
criterion_main!(core);
