//! The conformance runner for Rust: every case of tests/vectors/*.json through
//! plaint_core::api::run_op. The C, Python and Kotlin runners run the same files.
//!
//! A case is `{"id", "op", "input", "expect"}` or `{..., "expect_error":
//! {"code", "path"?}}`. `expect` is matched as a subset: every key it lists
//! must equal the output's value (recursively for objects; arrays exactly).

use serde_json::Value;
use std::path::Path;

fn subset(expect: &Value, actual: &Value, path: &str, diffs: &mut Vec<String>) {
    match (expect, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                let p = format!("{path}/{k}");
                match a.get(k) {
                    Some(av) => subset(ev, av, &p, diffs),
                    None => diffs.push(format!("{p}: missing, expected {ev}")),
                }
            }
        }
        _ if expect == actual => {}
        _ => diffs.push(format!("{path}: expected {expect}, got {actual}")),
    }
}

fn run_case(case: &Value) -> Result<(), String> {
    let op = case["op"].as_str().ok_or("case without op")?;
    let result = plaint_core::api::run_op(op, &case["input"]);
    match (case.get("expect"), case.get("expect_error"), result) {
        (Some(expect), _, Ok(out)) => {
            let mut diffs = Vec::new();
            subset(expect, &out, "", &mut diffs);
            if diffs.is_empty() {
                Ok(())
            } else {
                Err(diffs.join("; "))
            }
        }
        (Some(_), _, Err(e)) => Err(format!("unexpected error {}: {e}", e.code())),
        (None, Some(want), Err(e)) => {
            let code_ok = want["code"].as_str() == Some(e.code().as_str());
            let path_ok = want.get("path").is_none_or(|p| p.as_str() == Some(e.path()));
            if code_ok && path_ok {
                Ok(())
            } else {
                Err(format!(
                    "expected error {want}, got {} at {:?}: {e}",
                    e.code(),
                    e.path()
                ))
            }
        }
        (None, Some(want), Ok(out)) => Err(format!("expected error {want}, got {out}")),
        (None, None, _) => Err("case has neither expect nor expect_error".into()),
    }
}

#[test]
fn conformance_vectors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    let (mut passed, mut failures) = (0, Vec::new());
    for file in &files {
        let suite: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        for case in suite["cases"].as_array().unwrap() {
            match run_case(case) {
                Ok(()) => passed += 1,
                Err(why) => failures.push(format!("{}#{}: {why}", file.display(), case["id"])),
            }
        }
    }
    println!("conformance: {passed} passed, {} failed", failures.len());
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(passed > 0, "no vectors found in {}", dir.display());
}

/// The vectors cover every clock, every embedded calendar, every preset and
/// every error code a JSON value can reach (invalid_json and
/// input_too_large need raw text: the C ABI, Python and CLI tests send it).
#[test]
fn vectors_cover_the_catalogue() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut text = String::new();
    let mut codes = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let body = std::fs::read_to_string(&path).unwrap();
            let suite: Value = serde_json::from_str(&body).unwrap();
            for case in suite["cases"].as_array().unwrap() {
                if let Some(code) = case["expect_error"]["code"].as_str() {
                    codes.insert(code.to_string());
                }
            }
            text.push_str(&body);
        }
    }
    for code in plaint_core::Code::ALL {
        let raw_text_only = matches!(code, plaint_core::Code::InvalidJson | plaint_core::Code::InputTooLarge);
        assert!(
            raw_text_only || codes.contains(code.as_str()),
            "no vector for error code {}",
            code.as_str()
        );
    }
    for clock in plaint_core::Clock::CODES {
        assert!(
            text.contains(&format!("\"clock\": \"{clock}\"")),
            "no vector for clock {clock}"
        );
    }
    for cal in plaint_core::time::presets::names() {
        assert!(
            text.contains(&format!("\"calendar\": \"{cal}\"")),
            "no vector for calendar {cal}"
        );
    }
    for preset in plaint_core::policy::presets::names() {
        assert!(
            text.contains(&format!("\"policy\": \"{preset}\"")),
            "no vector for preset {preset}"
        );
    }
}
