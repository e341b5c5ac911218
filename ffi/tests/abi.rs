//! The exported functions called exactly as C calls them (raw pointers,
//! lengths, out-pointers), checked against the core: every conformance
//! vector gives, through `plaint_run_op`, byte for byte the text the core's
//! `api::run_op` serializes, and the same error code and path.

use plaint::*;
use plaint_core::Code;
use serde_json::Value;
use std::ffi::{CStr, c_char};
use std::path::Path;
use std::ptr;

fn take(p: *mut c_char) -> Option<String> {
    if p.is_null() {
        return None;
    }
    // SAFETY: a string returned by the library, freed once below.
    let s = unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_owned();
    unsafe { plaint_string_free(p) };
    Some(s)
}

fn run_op(op: &str, input: &str) -> (plaint_status, Option<String>, Option<String>) {
    let (mut out, mut err) = (ptr::null_mut(), ptr::null_mut());
    // SAFETY: valid pointers and lengths, as a C caller passes them.
    let st = unsafe {
        plaint_run_op(
            op.as_ptr().cast(),
            op.len(),
            input.as_ptr().cast(),
            input.len(),
            &mut out,
            &mut err,
        )
    };
    (st, take(out), take(err))
}

#[test]
fn vectors_through_the_abi_equal_the_core_byte_for_byte() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    let mut n = 0;
    for file in &files {
        let suite: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        for case in suite["cases"].as_array().unwrap() {
            let op = case["op"].as_str().unwrap();
            let input = case["input"].to_string();
            let (st, out, err) = run_op(op, &input);
            match plaint_core::api::run_op(op, &case["input"]) {
                Ok(v) => {
                    assert_eq!(st, plaint_status::Ok, "{}#{}: {err:?}", file.display(), case["id"]);
                    assert_eq!(out.as_deref(), Some(v.to_string().as_str()), "{}", case["id"]);
                    assert!(err.is_none());
                }
                Err(e) => {
                    assert_eq!(st, plaint_status::from_code(e.code()), "{}", case["id"]);
                    assert_eq!(err.as_deref(), Some(e.to_json().to_string().as_str()), "{}", case["id"]);
                    assert!(out.is_none());
                }
            }
            n += 1;
        }
    }
    assert!(n > 0);
}

#[test]
fn every_core_code_has_one_status_named_like_it() {
    let mut numbers = std::collections::BTreeSet::new();
    for s in plaint_status::ALL {
        assert!(numbers.insert(*s as u32), "duplicate number {}", *s as u32);
        let name = unsafe { CStr::from_ptr(plaint_status_code_name(*s as u32)) };
        assert_eq!(name, s.name());
    }
    for code in Code::ALL {
        let s = plaint_status::from_code(*code);
        assert!(s as u32 >= 100);
        assert_eq!(s.name().to_str().unwrap(), code.as_str());
    }
    assert_eq!(plaint_status::ALL.len(), 4 + Code::ALL.len());
    assert!(plaint_status_code_name(4).is_null());
}

#[test]
fn typed_enums_follow_the_core_codes() {
    let clocks = [
        plaint_clock::Elapsed,
        plaint_clock::Business,
        plaint_clock::WorkingDays,
        plaint_clock::CalendarDays,
        plaint_clock::Weeks,
        plaint_clock::Months,
    ];
    assert_eq!(clocks.len(), plaint_core::Clock::CODES.len());
    for (i, c) in clocks.iter().enumerate() {
        assert_eq!(*c as usize, i);
    }
}

#[test]
fn version_and_abi() {
    let v = unsafe { CStr::from_ptr(plaint_version()) };
    assert_eq!(v.to_str().unwrap(), plaint_core::VERSION);
    assert_eq!(plaint_abi_version(), PLAINT_ABI_VERSION);
}

#[test]
fn a_panic_becomes_a_status() {
    let mut err = ptr::null_mut();
    assert_eq!(unsafe { plaint_selftest_panic(&mut err) }, plaint_status::Panic);
    assert!(take(err).unwrap().contains("\"code\":\"panic\""));
}
