//! Any text as a case ({"complaint", "events"}), assessed with every preset.
//! The strict JSON reader agrees with serde_json on every text: the same
//! value, or the same refusal, except that a duplicate key is refused at a
//! path where serde_json's (last-wins) value really has an object with that
//! key.
#![no_main]
use libfuzzer_sys::fuzz_target;
use plaint_core::decode::parse_json;
use plaint_core::{Case, Code, Instant, Policy, assess};
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    check_strict_reader(text);
    let Ok(case) = Case::from_json(text) else { return };
    for name in plaint_core::policy::presets::names() {
        let policy = Policy::preset(name).unwrap();
        let _ = assess(&policy, &case, Instant(case.complaint.received_at.0.saturating_add(86_400_000)));
    }
});

fn check_strict_reader(text: &str) {
    let loose = serde_json::from_str::<Value>(text);
    match (parse_json(text), loose) {
        (Ok(strict), Ok(loose)) => assert_eq!(strict, loose),
        (Ok(_), Err(e)) => panic!("accepted what serde_json refuses: {e}"),
        (Err(e), Ok(loose)) => {
            assert_eq!(e.code(), Code::DuplicateKey, "refused valid JSON: {e}");
            let (parent, key) = e.path().rsplit_once('/').expect("a duplicate's path names its key");
            let key = key.replace("~1", "/").replace("~0", "~");
            let object = loose.pointer(parent).and_then(Value::as_object);
            assert!(object.is_some_and(|o| o.contains_key(&key)), "{}", e.path());
        }
        (Err(e), Err(_)) => assert!(matches!(e.code(), Code::InvalidJson | Code::InputTooLarge), "{e}"),
    }
}
