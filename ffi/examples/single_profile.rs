//! A driver for counting the instructions of one `plaint_engine_assess_with`
//! call under callgrind (docs/performance.md): the case file assessed N
//! times with the cn-property preset at the C bench's instant, with the
//! given flags (1 = `PLAINT_ASSESS_NO_TRACE`, 0 = with the trace); the
//! calls are in `run`, so `--toggle-collect='single_profile::run'` counts
//! them alone (two warm-up calls included: divide by N + 2). Prints the
//! answer's size and the time per call.
//! Run: cargo build --release -p plaint-ffi --example single_profile, then
//! `valgrind --tool=callgrind --toggle-collect='single_profile::run'
//! target/release/examples/single_profile CASE.json [FLAGS] [N]`.

use plaint::*;
use std::ptr;

/// Assess `case` `n` times; the total size of the answers.
#[inline(never)]
fn run(engine: *const plaint_engine, case: &[u8], now: i64, flags: u32, n: usize) -> usize {
    let mut total = 0;
    for _ in 0..n {
        let mut out = ptr::null_mut();
        // SAFETY: the engine is live, the case is passed with its length and
        // the answer is read, then freed, once.
        unsafe {
            let status = plaint_engine_assess_with(
                engine,
                case.as_ptr().cast(),
                case.len(),
                now,
                flags,
                &mut out,
                ptr::null_mut(),
            );
            assert_eq!(status, plaint_status::Ok);
            total += std::ffi::CStr::from_ptr(out).to_bytes().len();
            plaint_string_free(out);
        }
    }
    total
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: single_profile CASE.json [FLAGS] [N]");
    let flags: u32 = args.next().map_or(1, |c| c.parse().expect("FLAGS"));
    let n: usize = args.next().map_or(100, |c| c.parse().expect("N"));
    let case = std::fs::read(&path).expect("the case file");
    let mut engine = ptr::null_mut();
    // SAFETY: every pointer is valid for the call; strings are passed with their lengths.
    unsafe {
        let preset = "cn-property";
        assert_eq!(
            plaint_engine_from_preset(preset.as_ptr().cast(), preset.len(), &mut engine, ptr::null_mut()),
            plaint_status::Ok
        );
        let mut now = 0i64;
        let at = "2026-09-29T10:00:00+08:00";
        assert_eq!(
            plaint_instant_parse(at.as_ptr().cast(), at.len(), &mut now),
            plaint_status::Ok
        );
        run(engine, &case, now, flags, 2);
        let started = std::time::Instant::now();
        let total = run(engine, &case, now, flags, n);
        println!("{} bytes a call, {:?} a call", total / n, started.elapsed() / n as u32);
        plaint_engine_free(engine);
    }
}
