//! Many cases in one call: JSON lines in, JSON lines out.

use crate::assessment::{assess_case, options_of};
use crate::boundary::*;
use crate::c_text::CText;
use crate::handles::*;
use crate::json_text;
use crate::status::*;
use plaint_core::{AssessOptions, Case, Code, Error, Instant, Policy};
use serde_json::json;
use std::ffi::c_char;

/// Assess a batch of cases at one instant (an overnight re-assessment):
/// one case per input line, one output line per input line, in order.
///
/// Each output line is exactly what `plaint_engine_assess_with` returns for
/// that line's case, or, for a line that cannot be assessed,
/// `{"error": {"code", "path", "message", "problems"}}` (the error JSON of
/// that call). A bad line never stops the batch: every other line is
/// assessed. Lines end with "\n" (a "\r" before it is ignored); a last line
/// without "\n" counts; an empty line is a line (an `invalid_json` error), so
/// output line N always answers input line N. Each line is limited to 64 MiB.
/// The warnings of each case go to the log callback, if one is installed,
/// in line order (the message names the complaint).
///
/// - `engine`: borrowed, not NULL.
/// - `cases_jsonl`, `cases_jsonl_len`: the lines, borrowed, not NULL (unless
///   the length is 0). A line that is not UTF-8 is an `invalid_json` line.
/// - `now_ms`: the instant every case is assessed at (epoch ms).
/// - `flags`: as for `plaint_engine_assess_with` (`PLAINT_ASSESS_NO_TRACE`,
///   `PLAINT_ASSESS_BEYOND_DATA_PROJECTED` / `..._UNDETERMINED`).
/// - `out_jsonl`: not NULL; receives the output lines (each ending in "\n"),
///   owned by the caller (`plaint_string_free`). Written whenever the call
///   returns `PLAINT_STATUS_OK`, even if some lines failed.
/// - `failed_out`: NULL, or receives the number of error lines.
/// - `error_out`: NULL, or always written (NULL on success; the error JSON
///   when the call itself fails: NULL engine, an instant out of range, an
///   unknown flag).
///
/// The output of N lines is one string in memory (about 3-5 KB a line
/// without the trace): give a large batch in chunks of about 1,000 lines
/// and, to use several cores, each chunk to its own thread. Chunks whose
/// answers stay under 32 MiB (some 5,000 lines) let glibc's malloc keep a
/// freed answer's memory for the next call; a larger answer comes fresh
/// from the kernel every call, a page fault per 4 KiB (docs/c-abi.md).
/// Thread safety: any thread; many threads may share one engine.
///
/// # Safety
/// Pointers are NULL or valid for the stated sizes for the whole call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_engine_assess_batch(
    engine: *const plaint_engine,
    cases_jsonl: *const c_char,
    cases_jsonl_len: usize,
    now_ms: i64,
    flags: u32,
    out_jsonl: *mut *mut c_char,
    failed_out: *mut usize,
    error_out: *mut *mut c_char,
) -> plaint_status {
    guard(error_out, || {
        // SAFETY: caller's promise on `engine`.
        let engine = unsafe { handle(engine, "engine") }?;
        let out = out_arg(out_jsonl, "out_jsonl")?;
        let failed_out = if failed_out.is_null() {
            None
        } else {
            Some(out_arg(failed_out, "failed_out")?)
        };
        let opts = options_of(flags)?;
        let now = Instant::from_ms(now_ms)?;
        // SAFETY: caller's promise on `cases_jsonl`.
        let input = unsafe { bytes_arg(cases_jsonl, cases_jsonl_len, "cases_jsonl") }?;
        let (text, failed) = assess_lines(&engine.policy, input, now, &opts);
        let text = text.into_raw();
        // SAFETY: `out` and `failed_out` checked above.
        unsafe {
            out.write(text);
            if let Some(f) = failed_out {
                f.write(failed);
            }
        }
        Ok(())
    })
}

/// The output lines (UTF-8: every writer appends whole `str`s and ASCII,
/// so the text is not validated again) and the number of error lines.
fn assess_lines(policy: &Policy, input: &[u8], now: Instant, opts: &AssessOptions) -> (CText, usize) {
    if input.is_empty() {
        return (CText::with_capacity(0), 0);
    }
    let mut out = CText::with_capacity(input.len().saturating_mul(8).clamp(4096, FIRST_ROOM));
    let mut failed = 0;
    let body = input.strip_suffix(b"\n").unwrap_or(input);
    // Line breaks found with SIMD (counting and splitting byte by byte was
    // 8% of a batch line's instructions); each line starts after the last.
    let lines = memchr::memchr_iter(b'\n', body).count() + 1;
    let ends = memchr::memchr_iter(b'\n', body).chain([body.len()]);
    let mut from = 0;
    for (i, end) in ends.enumerate() {
        let line = &body[from..end];
        from = end + 1;
        if i == 1 {
            out.reserve(room_for(out.len(), lines - 1, input.len()));
        }
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let out = out.bytes();
        let start = out.len();
        if let Err(e) = assess_line(policy, line, now, opts, out) {
            failed += 1;
            out.truncate(start);
            let _ = json_text::write(&json!({"error": e.to_json()}), out);
        }
        out.push(b'\n');
    }
    (out, failed)
}

/// The answer's first room, at most: enough for the first line's answer in
/// most batches (an answer is 5 to 25 times its case), and little to copy
/// when the buffer moves to its full size.
const FIRST_ROOM: usize = 64 << 10;

/// Room for the answers of the lines after the first, from the first one's
/// size, an eighth more: one allocation for a batch of similar lines
/// instead of a copy at each doubling (a larger line still grows it). At
/// most 16 bytes per input byte, so that an odd first line cannot ask for
/// far more than the batch needs.
fn room_for(first: usize, rest: usize, input: usize) -> usize {
    first
        .saturating_add(first / 8)
        .saturating_mul(rest)
        .min(input.saturating_mul(16))
}

fn assess_line(
    policy: &Policy,
    line: &[u8],
    now: Instant,
    opts: &AssessOptions,
    out: &mut Vec<u8>,
) -> Result<(), Error> {
    let text = std::str::from_utf8(line).map_err(|e| {
        Error::new(
            Code::InvalidJson,
            "",
            format!("invalid JSON: the line is not UTF-8 ({e})"),
        )
    })?;
    let case = Case::from_json(text)?;
    json_text::assessment(&assess_case(policy, &case, now, opts)?, out)
}
