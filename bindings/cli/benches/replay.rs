//! Throughput of `plaint replay` (the library's stream function): 100,000
//! cn-consumer-samr cases, each read from a JSON line, assessed under the
//! Interim Measures and under Order 121, compared, and its changes written.
//! The goal is at least 100,000 cases a second on one core: measured both in
//! wall-clock time and in this thread's CPU time (the machine is shared).

use criterion::measurement::{Measurement, ValueFormatter};
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

/// On-CPU time of this thread (/proc/thread-self/schedstat, nanoseconds):
/// the time one core spent, whatever else the machine runs meanwhile.
struct ThreadCpu;

fn on_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}

impl Measurement for ThreadCpu {
    type Intermediate = u64;
    type Value = u64;
    fn start(&self) -> u64 {
        on_cpu_ns()
    }
    fn end(&self, start: u64) -> u64 {
        on_cpu_ns().saturating_sub(start)
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, v: &u64) -> f64 {
        *v as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        &CpuFormatter
    }
}

/// Formats like wall-clock time (nanoseconds), labelled as CPU time.
struct CpuFormatter;

impl ValueFormatter for CpuFormatter {
    fn scale_values(&self, typical: f64, values: &mut [f64]) -> &'static str {
        let (factor, unit) = match typical {
            t if t >= 1e9 => (1e-9, "s cpu"),
            t if t >= 1e6 => (1e-6, "ms cpu"),
            t if t >= 1e3 => (1e-3, "µs cpu"),
            _ => (1.0, "ns cpu"),
        };
        values.iter_mut().for_each(|v| *v *= factor);
        unit
    }
    fn scale_throughputs(&self, typical: f64, throughput: &Throughput, values: &mut [f64]) -> &'static str {
        let Throughput::Elements(n) = throughput else {
            return "";
        };
        let per_second = *n as f64 * 1e9 / typical;
        values.iter_mut().for_each(|v| *v = *n as f64 * 1e9 / *v);
        if per_second >= 1e3 {
            values.iter_mut().for_each(|v| *v /= 1e3);
            "Kelem/s cpu"
        } else {
            "elem/s cpu"
        }
    }
    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns cpu"
    }
}

fn run<M: Measurement>(c: &mut Criterion<M>, name: &str) {
    let old = Policy::preset("cn-consumer-samr@2022").unwrap();
    let new = Policy::preset("cn-consumer-samr@2026").unwrap();
    let now = parse_instant("2026-10-12T09:00:00+08:00").unwrap();
    let input = input();
    let mut output = Vec::with_capacity(CASES * 200);
    let mut group = c.benchmark_group(name);
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

/// Wall-clock time: the throughput a user sees on this machine now.
fn wall(c: &mut Criterion) {
    run(c, "replay");
}

/// This thread's CPU time: the throughput of one core, even while other
/// work shares the machine (the wall-clock figure then counts their time too).
fn cpu(c: &mut Criterion<ThreadCpu>) {
    run(c, "replay_cpu");
}

criterion_group!(benches, wall);
criterion_group! {
    name = on_cpu;
    config = Criterion::default().with_measurement(ThreadCpu);
    targets = cpu
}
criterion_main!(benches, on_cpu);
