//! The JSON layer: any conformance operation by name.

use crate::boundary::*;
use crate::status::*;
use plaint_core::api;
use std::ffi::c_char;

/// Run one operation of the JSON layer, the same entry point the
/// conformance vectors (tests/vectors) use in every binding: "classify",
/// "assess", "stats", "deadline", "explain_deadline", "validate_policy",
/// "validate_calendar", "validate_complaint". The output is byte for byte
/// what the Rust core serializes.
///
/// - `op`, `op_len`: the operation name, UTF-8, borrowed, not NULL.
/// - `input_json`, `input_json_len`: the operation's input (the `input` of a
///   vector case), UTF-8 JSON, borrowed, not NULL.
/// - `out_json`: not NULL; on success receives the output JSON, owned by the
///   caller (`plaint_string_free`); untouched on failure.
/// - `error_out`: NULL, or always written (NULL on success, error JSON on
///   failure, released with `plaint_string_free`).
///
/// Thread safety: any thread.
///
/// # Safety
/// Pointers are NULL or valid for the stated sizes for the whole call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_run_op(
    op: *const c_char,
    op_len: usize,
    input_json: *const c_char,
    input_json_len: usize,
    out_json: *mut *mut c_char,
    error_out: *mut *mut c_char,
) -> plaint_status {
    guard(error_out, || {
        let out = out_arg(out_json, "out_json")?;
        // SAFETY: caller's promise on `op` and `input_json`.
        let op = unsafe { str_arg(op, op_len, "op") }?;
        // SAFETY: as above.
        let input = unsafe { json_arg(input_json, input_json_len, "input_json") }?;
        let result = api::run_op(op, &input)?;
        // SAFETY: `out` checked above.
        unsafe { put_json(out, &result) }
    })
}
