//! Any text as a case ({"complaint", "events"}), assessed with every preset.
#![no_main]
use libfuzzer_sys::fuzz_target;
use plaint_core::{Case, Instant, Policy, assess};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(case) = Case::from_json(text) else { return };
    for name in plaint_core::policy::presets::names() {
        let policy = Policy::preset(name).unwrap();
        let _ = assess(&policy, &case, Instant(case.complaint.received_at.0.saturating_add(86_400_000)));
    }
});
