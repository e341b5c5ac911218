//! A driver for counting the instructions of the JSON-lines batch call
//! under callgrind (docs/performance.md): the sample of tools/ffi/bench.sh
//! (`tools/ffi/cases_jsonl.py`), repeated COPIES times, assessed once
//! through `plaint_engine_assess_batch` without the trace, as tests/c/bench.c
//! does. Prints the number of lines, of error lines and of output bytes (and the
//! output itself when BATCH_PROFILE_PRINT is set).
//! Run: cargo build --release -p plaint-ffi --example batch_profile, then
//! `valgrind --tool=callgrind target/release/examples/batch_profile CASES.jsonl [COPIES]`.

use plaint::*;
use std::ptr;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: batch_profile CASES.jsonl [COPIES]");
    let copies: usize = args.next().map_or(10, |c| c.parse().expect("COPIES"));
    let sample = std::fs::read(&path).expect("the cases file");
    let batch = sample.repeat(copies);
    let mut engine = ptr::null_mut();
    let mut out = ptr::null_mut();
    let mut failed = 0usize;
    // SAFETY: every pointer is valid for the call; strings are passed with their lengths.
    unsafe {
        let preset = "cn-property";
        assert_eq!(
            plaint_engine_from_preset(preset.as_ptr().cast(), preset.len(), &mut engine, ptr::null_mut()),
            plaint_status::Ok
        );
        let mut now = 0i64;
        let at = "2026-11-01T09:00:00+08:00";
        assert_eq!(
            plaint_instant_parse(at.as_ptr().cast(), at.len(), &mut now),
            plaint_status::Ok
        );
        let status = plaint_engine_assess_batch(
            engine,
            batch.as_ptr().cast(),
            batch.len(),
            now,
            PLAINT_ASSESS_NO_TRACE,
            &mut out,
            &mut failed,
            ptr::null_mut(),
        );
        assert_eq!(status, plaint_status::Ok);
        let text = std::ffi::CStr::from_ptr(out).to_bytes();
        let lines = text.iter().filter(|&&b| b == b'\n').count();
        println!("lines {lines} failed {failed} bytes {}", text.len());
        if std::env::var_os("BATCH_PROFILE_PRINT").is_some() {
            println!("{}", String::from_utf8_lossy(text));
        }
        plaint_string_free(out);
        plaint_engine_free(engine);
    }
}
