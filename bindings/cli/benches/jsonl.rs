//! Throughput of `plaint deadline --jsonl` (the library's stream function).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use plaint_cli::deadline_stream;
use plaint_core::Calendar;
use std::hint::black_box;

const LINES: usize = 100_000;

fn input() -> Vec<u8> {
    let clocks = [
        ("working_days", 3),
        ("business", 120),
        ("calendar_days", 15),
        ("elapsed", 1440),
        ("months", 1),
    ];
    let mut out = String::with_capacity(LINES * 90);
    for i in 0..LINES {
        let (clock, amount) = clocks[i % clocks.len()];
        let day = 1 + (i / 24) % 28;
        let month = 1 + (i / (24 * 28)) % 10;
        let hour = i % 24;
        let roll = if i % 3 == 0 {
            r#", "roll": "next_working_day""#
        } else {
            ""
        };
        out.push_str(&format!(
            "{{\"start\": \"2026-{month:02}-{day:02}T{hour:02}:17:00+08:00\", \"clock\": \"{clock}\", \"amount\": {amount}{roll}}}\n"
        ));
    }
    out.into_bytes()
}

fn jsonl(c: &mut Criterion) {
    let cal = Calendar::preset("cn-mainland").unwrap();
    let input = input();
    let mut output = Vec::with_capacity(LINES * 48);
    let mut group = c.benchmark_group("deadline_jsonl");
    group.throughput(Throughput::Elements(LINES as u64));
    group.sample_size(10);
    group.bench_function("cn-mainland/100k", |b| {
        b.iter(|| {
            output.clear();
            let stats = deadline_stream(&cal, black_box(&input[..]), &mut output).unwrap();
            assert_eq!(stats.errors, 0);
            black_box(stats)
        })
    });
    group.finish();
}

criterion_group!(benches, jsonl);
criterion_main!(benches);
