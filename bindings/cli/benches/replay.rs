//! Throughput of `plaint replay` (the library's stream function): 100,000
//! cn-consumer-samr cases, each read from a JSON line, assessed under the
//! Interim Measures and under Order 121, compared, and its changes written.
//! The goal is at least 100,000 cases a second on one core.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use plaint_cli::args::Format;
use plaint_cli::replay_stream;
use plaint_core::Policy;
use plaint_core::model::parse_instant;
use std::hint::black_box;

const CASES: usize = 100_000;

/// Cases received over the first half of 2026, accepted two days later,
/// one in three resolved and one in five with a testing pause.
fn input() -> Vec<u8> {
    let mut out = String::with_capacity(CASES * 330);
    for i in 0..CASES {
        let month = 1 + (i / 28) % 6;
        let day = 1 + i % 28;
        let hour = 9 + i % 8;
        let mut events =
            format!(r#"{{"type": "acknowledged", "at": "2026-{month:02}-{day:02}T{hour:02}:30:00+08:00"}}"#);
        if i % 5 == 0 {
            let m = month + 1;
            events.push_str(&format!(
                r#", {{"type": "suspended", "at": "2026-{m:02}-{day:02}T10:00:00+08:00"}}, {{"type": "resumed", "at": "2026-{m:02}-{day:02}T16:00:00+08:00"}}"#
            ));
        }
        if i % 3 == 0 {
            let m = month + 2;
            events.push_str(&format!(
                r#", {{"type": "resolved", "at": "2026-{m:02}-{day:02}T11:00:00+08:00"}}"#
            ));
        }
        out.push_str(&format!(
            r#"{{"complaint": {{"id": "B-{i}", "received_at": "2026-{month:02}-{day:02}T{:02}:00:00+08:00", "channel": "web", "text": "商品质量问题"}}, "events": [{events}]}}"#,
            hour - 1
        ));
        out.push('\n');
    }
    out.into_bytes()
}

fn replay(c: &mut Criterion) {
    let old = Policy::preset("cn-consumer-samr@2022").unwrap();
    let new = Policy::preset("cn-consumer-samr@2026").unwrap();
    let now = parse_instant("2026-10-12T09:00:00+08:00").unwrap();
    let input = input();
    let mut output = Vec::with_capacity(CASES * 200);
    let mut group = c.benchmark_group("replay");
    group.throughput(Throughput::Elements(CASES as u64));
    group.sample_size(10);
    group.bench_function("cn-consumer-samr-2022-vs-2026/100k", |b| {
        b.iter(|| {
            output.clear();
            let s = replay_stream(&old, &new, now, black_box(&input[..]), &mut output, Format::Text).unwrap();
            assert_eq!((s.cases, s.errors), (CASES as u64, 0));
            black_box(s)
        })
    });
    group.finish();
}

criterion_group!(benches, replay);
criterion_main!(benches);
