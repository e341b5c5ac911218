//! Deadline arithmetic benchmarks (criterion 0.8): one call per iteration.
//! Run: cargo bench -p plaint-core --bench time -- --quick

use criterion::{Criterion, criterion_group, criterion_main};
use plaint_core::model::parse_instant;
use plaint_core::{Calendar, Clock, Span};
use std::hint::black_box;

const MINUTE: i64 = 60_000;

fn working_days_cn(c: &mut Criterion) {
    let cal = Calendar::preset("cn-mainland").unwrap();
    let start = parse_instant("2026-09-24T16:00:00+08:00").unwrap();
    let spans: Vec<Span> = (1..=20).map(|n| Span::new(Clock::WorkingDays, n)).collect();
    let mut i = 0usize;
    c.bench_function("working_days_cn", |b| {
        b.iter(|| {
            // Cycle through 1..=20 working days: one add per iteration.
            i = (i + 1) % spans.len();
            cal.add(black_box(start), black_box(&spans[i])).unwrap()
        })
    });
}

fn business_gb_dst(c: &mut Criterion) {
    // gb-eng has no lunch break (09:00-17:00); from Fri 2026-03-27 16:00 GMT
    // across the spring change to Mon/Tue BST.
    let gb = Calendar::preset("gb-eng").unwrap();
    let start = parse_instant("2026-03-27T16:00:00+00:00").unwrap();
    let spans: Vec<Span> = [30, 90, 240, 540, 900]
        .iter()
        .map(|m| Span::new(Clock::Business, m * MINUTE))
        .collect();
    let mut i = 0usize;
    c.bench_function("business_gb_dst", |b| {
        b.iter(|| {
            i = (i + 1) % spans.len();
            gb.add(black_box(start), black_box(&spans[i])).unwrap()
        })
    });
    // cn-mainland has a lunch break (two intervals per day): Wed 2026-09-30
    // 17:30 across National Day (docs/time.md example 3 and longer).
    let cn = Calendar::preset("cn-mainland").unwrap();
    let start = parse_instant("2026-09-30T17:30:00+08:00").unwrap();
    let spans: Vec<Span> = [30, 120, 240, 540, 900]
        .iter()
        .map(|m| Span::new(Clock::Business, m * MINUTE))
        .collect();
    let mut j = 0usize;
    c.bench_function("business_cn_lunch", |b| {
        b.iter(|| {
            j = (j + 1) % spans.len();
            cn.add(black_box(start), black_box(&spans[j])).unwrap()
        })
    });
}

fn elapsed_between(c: &mut Criterion) {
    let cal = Calendar::preset("cn-mainland").unwrap();
    let from = parse_instant("2026-09-24T16:00:00+08:00").unwrap();
    let to = parse_instant("2026-10-09T11:00:00+08:00").unwrap();
    let business = Span::new(Clock::Business, 0);
    let days = Span::new(Clock::WorkingDays, 0);
    c.bench_function("elapsed_between", |b| {
        b.iter(|| {
            cal.elapsed(black_box(from), black_box(to), black_box(&business))
                .unwrap()
        })
    });
    c.bench_function("elapsed_between_working_days", |b| {
        b.iter(|| cal.elapsed(black_box(from), black_box(to), black_box(&days)).unwrap())
    });
}

criterion_group!(benches, working_days_cn, business_gb_dst, elapsed_between);
criterion_main!(benches);
