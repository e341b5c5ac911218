//! Any text as a policy: an error or a policy, never a panic; a loaded
//! policy classifies a fixed complaint.
#![no_main]
use libfuzzer_sys::fuzz_target;
use plaint_core::{Complaint, Policy, classify};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(policy) = Policy::from_json(text) {
        let c = Complaint::from_json(r#"{"id": "f", "received_at": "2026-09-24T16:00:00+08:00", "text": "漏水受伤"}"#)
            .unwrap();
        let _ = classify(&policy, &c);
    }
});
