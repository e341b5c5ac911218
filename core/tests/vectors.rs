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
