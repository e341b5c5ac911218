//! The Rust side of tools/ffi/bench.sh: the same JSON assess call the C bench
//! (tests/c/bench.c) makes through the ABI, made directly on the core:
//! parse the case text, assess at `now`, serialize the output.
//! Also the typed deadline loop, for reference. Prints `name ns_per_op`.
//! Run: cargo run --release -p plaint-ffi --example bench_rust -- CASE_FILE

use plaint_core::decode::parse_json;
use plaint_core::model::parse_instant;
use plaint_core::{Calendar, Clock, Instant, Policy, Span, api};
use std::hint::black_box;
use std::time::Instant as Clock_;

fn time<F: FnMut()>(iters: u64, mut f: F) -> f64 {
    for _ in 0..iters / 10 {
        f();
    }
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Clock_::now();
        for _ in 0..iters {
            f();
        }
        best = best.min(t.elapsed().as_nanos() as f64 / iters as f64);
    }
    best
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "examples/cases/major-leak.json".into());
    let text = std::fs::read_to_string(&path).expect("case file");
    let policy = Policy::preset("cn-property").unwrap();
    let now = parse_instant("2026-09-29T10:00:00+08:00").unwrap();
    let ns = time(20_000, || {
        let v = parse_json(black_box(&text)).unwrap();
        let out = api::assess_value(&policy, &v, black_box(now)).unwrap();
        black_box(out.to_string());
    });
    println!("rust_assess_json_ns {ns:.1}");

    let cal = Calendar::preset("cn-mainland").unwrap();
    let base = parse_instant("2026-01-05T09:00:00+08:00").unwrap().ms();
    let starts: Vec<i64> = (0..100_000i64)
        .map(|i| base + (i * 7_919_000) % (300 * 86_400_000))
        .collect();
    let span = Span::from_edge_amount(Clock::WorkingDays, 3).unwrap();
    let mut out = vec![0i64; starts.len()];
    let ns = time(20, || {
        for (o, s) in out.iter_mut().zip(&starts) {
            *o = cal.add(Instant::from_ms(*s).unwrap(), &span).unwrap().ms();
        }
        black_box(&out);
    }) / starts.len() as f64;
    println!("rust_deadline_ns {ns:.2}");
}
