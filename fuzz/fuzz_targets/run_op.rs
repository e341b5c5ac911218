//! The JSON layer every binding calls: {"op", "input"} as in tests/vectors.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(v) = plaint_core::decode::parse_json(text) else {
        return;
    };
    let op = v.get("op").and_then(|o| o.as_str()).unwrap_or("");
    let _ = plaint_core::api::run_op(op, v.get("input").unwrap_or(&serde_json::Value::Null));
});
