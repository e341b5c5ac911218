//! Classification, assessment and statistics benchmarks. Their medians are
//! read from target/criterion by tools/bench/criterion.py into
//! benchmarks/results.json, with their goals (`make bench`).
//! Run: cargo bench -p plaint-core --bench core -- --quick

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use plaint_core::model::{Event, EventKind, Instant, parse_instant};
use plaint_core::{Case, Complaint, Explain, Policy, assess, assess_with, classify_with};
use std::hint::black_box;

/// An instant from epoch milliseconds; the benchmark's instants are all in
/// 2026, well inside the supported range.
fn instant(ms: i64) -> Instant {
    Instant::from_ms(ms).expect("benchmark instants are in 2026")
}

fn sample() -> Complaint {
    let text = include_str!("../../examples/complaints/01-leak-injury.json");
    Complaint::from_json(text).unwrap()
}

/// A log of `n` events that the default lifecycle accepts: register, then
/// rounds of contact and waiting for the customer, then resolve and reply.
fn case_with(n: usize) -> Case {
    let complaint = sample();
    let start = complaint.received_at.ms();
    let mut events = vec![Event::new(EventKind::Registered, instant(start + 60_000))];
    let cycle = [
        EventKind::Contacted,
        EventKind::AwaitingCustomer,
        EventKind::Resumed,
        EventKind::Assigned,
    ];
    let mut i = 0;
    while events.len() + 2 < n {
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

fn benches(c: &mut Criterion) {
    let policy = Policy::preset("cn-property").unwrap();
    let complaint = sample();
    // With the trace (what `classify` returns) and without it (values and
    // signals only, what a batch caller that never reads the trace asks for).
    let mut group = c.benchmark_group("classify_cn_property");
    for (name, explain) in [("trace", Explain::Full), ("no_trace", Explain::Outcome)] {
        group.bench_function(name, |b| {
            b.iter(|| classify_with(black_box(&policy), black_box(&complaint), explain))
        });
    }
    group.finish();
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

    // Statistics over 1,000,000 assessed complaints (tally, repeats, batch
    // clusters). Ten samples of one call each keep `make bench` practical
    // (`--quick` takes one); the complaints are built only when this bench
    // is selected (about 40 s and 7 GB resident on a 2-core machine).
    let mut items = None;
    let opts = plaint_core::analytics::StatsOptions::default();
    let mut group = c.benchmark_group("stats");
    group.sample_size(10);
    group.bench_function("1M_assessed", |b| {
        let items = items.get_or_insert_with(|| {
            let items = assessed(&policy, now, 1_000_000);
            // One untimed call first, the warm-up criterion gives every
            // bench: `--quick` skips it for a bench whose first sample
            // (here with the 40 s of building) passes 5 s, and would time
            // only the process's first call, which also faults in the
            // ~140 MB of fresh memory its working lists and clusters take
            // (about 0.3-0.6 s more on this virtual machine;
            // docs/performance.md).
            black_box(plaint_core::analytics::stats(&policy.calendar, &items, &opts));
            items
        });
        b.iter(|| plaint_core::analytics::stats(&policy.calendar, black_box(items), &opts))
    });
    group.finish();
}

/// `n` assessed cases of 10 events each: distinct ids, each received 3 s
/// before the previous one (1,000,000 span 35 days, inside the calendar's
/// data and before `now`), 500 products and 20,000 customers (so repeats and
/// batch clusters occur). Assessed without the classification trace, which
/// statistics never read (as a batch job would): a million traces hold
/// another gigabyte.
fn assessed(policy: &Policy, now: Instant, n: usize) -> Vec<(Case, plaint_core::Assessment)> {
    let template = case_with(10);
    (0..n)
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
            let a = assess_with(policy, &case, now, Explain::Outcome).unwrap();
            (case, a)
        })
        .collect()
}

criterion_group!(core, benches);
criterion_main!(core);
