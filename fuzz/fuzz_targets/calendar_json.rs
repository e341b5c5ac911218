//! Any text as a calendar; a loaded calendar answers every clock without
//! panicking, and a deadline is never before its start.
#![no_main]
use libfuzzer_sys::fuzz_target;
use plaint_core::{Calendar, Clock, Instant, Span};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(cal) = Calendar::from_json(text) else { return };
    // A 2026 instant plus at most the input's length in hours: inside the range.
    let start = Instant::from_ms(1_790_000_000_000 + (data.len() as i64) * 3_600_000)
        .expect("a 2026 instant plus the input's length in hours");
    for clock in Clock::ALL {
        if let Ok(due) = cal.add(start, &Span::new(*clock, 3)) {
            assert!(due >= start, "{clock:?} due before start");
        }
    }
});
