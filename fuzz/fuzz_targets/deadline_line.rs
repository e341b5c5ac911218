//! Any line of `plaint deadline --jsonl`, on every embedded calendar.
#![no_main]
use libfuzzer_sys::fuzz_target;
use plaint_core::Calendar;
use plaint_core::api::DeadlineRequest;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(req) = DeadlineRequest::from_json(text) else {
        return;
    };
    for name in plaint_core::time::presets::names() {
        let cal = Calendar::preset(name).unwrap();
        if let Ok(due) = cal.add(req.start, &req.span) {
            assert!(due >= req.start, "due before start on {name}");
            let _ = cal.explain(req.start, &req.span);
        }
    }
});
