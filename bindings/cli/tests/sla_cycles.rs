//! `plaint assess --explain` and `plaint stats` on a policy with several
//! calendars, recurring targets and internal targets
//! (examples/policies/two-sites.json), run for real. Expected values are
//! computed by hand below.
//!
//! cn-mainland: Mon–Fri 09:00–12:00 and 13:30–18:00 (7.5 h a day),
//! 2026-10-01..07 off, Sat 10-10 a make-up working day. hk: Mon–Fri
//! 09:00–18:00, only Thu 10-01 off in early October. The engineering rota
//! extends cn-mainland: Mon–Sat 08:00–17:00.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const POLICY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/policies/two-sites.json");

fn plaint_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_plaint"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run plaint");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn run_ok(args: &[&str], input: &str) -> String {
    let o = plaint_stdin(args, input);
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn policy_path() -> String {
    PathBuf::from(POLICY).canonicalize().unwrap().display().to_string()
}

/// The line of `out` that starts (after indentation) with `head`.
fn line<'a>(out: &'a str, head: &str) -> &'a str {
    out.lines()
        .find(|l| l.trim_start().starts_with(head))
        .unwrap_or_else(|| panic!("no line starting with {head:?} in:\n{out}"))
}

#[test]
fn assess_names_the_case_calendar_and_each_rule_calendar() {
    // Received Wed 2026-09-30 10:00 at the Hong Kong site, seen Mon 10-05
    // 12:00. settle (3 working days, the case's calendar hk): Fri 10-02,
    // Mon 10-05, Tue 10-06: due 10-06 18:00. statutory_reply (3 working
    // days on the statutory entry, cn-mainland): Thu 10-08, Fri 10-09, Sat
    // 10-10 (make-up day): due 10-10 18:00.
    let case = r#"{"complaint": {"id": "HK-1", "received_at": "2026-09-30T10:00:00+08:00",
        "text": "漏水", "attributes": {"site": "hong_kong"}}, "events": []}"#;
    let p = policy_path();
    let args = ["assess", "-", "--policy", &p, "--now", "2026-10-05T12:00:00+08:00"];
    let out = run_ok(&args, case);
    assert!(out.lines().any(|l| l.trim() == "calendar hk"), "{out}");
    let settle = line(&out, "settle ");
    assert!(settle.contains("due 2026-10-06T18:00:00+08:00"), "{settle}");
    assert!(
        !settle.contains("[calendar"),
        "the case's own calendar is not repeated: {settle}"
    );
    let statutory = line(&out, "statutory_reply ");
    assert!(statutory.contains("due 2026-10-10T18:00:00+08:00"), "{statutory}");
    assert!(statutory.contains("[calendar cn-mainland]"), "{statutory}");

    let mut explained = args.to_vec();
    explained.push("--explain");
    let out = run_ok(&explained, case);
    assert!(
        out.contains(
            "counted on calendar hk, the case's calendar: calendars entry hong_kong (attributes.site = hong_kong)"
        ),
        "{out}"
    );
    assert!(
        out.contains("started 2026-09-30T10:00:00+08:00, target 3 working days"),
        "{out}"
    );
}

/// One Shenzhen case (cn-mainland), seen Fri 2026-11-06 15:00.
/// - next_reply (8 business hours, a cycle per customer message):
///   cycle 1 from receipt Mon 11-02 10:00, due Tue 10:30 (2 + 4.5 + 1.5 h),
///   met by the contact Mon 15:00; cycle 2 from the message Tue 11-03
///   14:00, due Wed 14:30 (4 + 3 + 1 h), met late by the reply Thu 09:30;
///   cycle 3 from the message Thu 16:00, due Fri 16:30 (2 + 3 + 3 h),
///   running: met 1, late 1, open 1, rate 1 / 2.
/// - progress_update (5 working days, the next cycle from each met one):
///   cycle 1 met by the contact Mon 15:00; cycle 2 from then, due Mon 11-09
///   18:00, met by the reply Thu 09:30; cycle 3 running: met 2, open 1.
/// - department_answer (4 business hours on the case's calendar, every
///   department), from the hand-offs Thu 11-05 17:30: 0.5 h Thu, Fri
///   09:00–12:00 and 13:30–14:00: due Fri 14:00. Engineering answers Fri
///   12:30: met. Billing never answers: breached at 14:00.
/// - engineering_answer (4 hours of the rota, engineering only): 17:30 is
///   after the rota's close, so Fri 08:00–12:00: due Fri 12:00; answered
///   12:30: met late.
const STATS_CASE: &str = r#"{"complaint": {"id": "SZ-9", "received_at": "2026-11-02T10:00:00+08:00", "text": "漏水", "attributes": {"site": "shenzhen"}}, "events": [{"type": "contacted", "at": "2026-11-02T15:00:00+08:00"}, {"type": "customer_message", "at": "2026-11-03T14:00:00+08:00"}, {"type": "replied", "at": "2026-11-05T09:30:00+08:00"}, {"type": "customer_message", "at": "2026-11-05T16:00:00+08:00"}, {"type": "forwarded", "at": "2026-11-05T17:30:00+08:00", "to": "engineering"}, {"type": "forwarded", "at": "2026-11-05T17:30:00+08:00", "to": "billing"}, {"type": "answered_internally", "at": "2026-11-06T12:30:00+08:00", "by": "engineering"}]}"#;

#[test]
fn stats_counts_cycles_and_internal_targets_per_department() {
    let p = policy_path();
    let input = format!("{STATS_CASE}\n");
    let out = run_ok(
        &["stats", "-", "--policy", &p, "--now", "2026-11-06T15:00:00+08:00"],
        &input,
    );
    let section = |title: &str| -> String {
        let start = out.find(title).unwrap_or_else(|| panic!("no {title:?} in:\n{out}"));
        out[start..]
            .lines()
            .skip(1)
            .take_while(|l| l.starts_with("  "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let cycles = section("recurring rules, by cycle:");
    assert!(
        line(&cycles, "next_reply ").ends_with("50.00 %  (met 1, late 1, breached 0, open 1, undetermined 0)"),
        "{cycles}"
    );
    assert!(
        line(&cycles, "progress_update ").ends_with("100.00 %  (met 2, late 0, breached 0, open 1, undetermined 0)"),
        "{cycles}"
    );
    let internal = section("internal targets, by department and hand-off (not in the on-time rates):");
    assert!(
        line(&internal, "billing department_answer ")
            .ends_with("0.00 %  (met 0, late 0, breached 1, open 0, undetermined 0)"),
        "{internal}"
    );
    assert!(
        line(&internal, "engineering department_answer ")
            .ends_with("100.00 %  (met 1, late 0, breached 0, open 0, undetermined 0)"),
        "{internal}"
    );
    assert!(
        line(&internal, "engineering engineering_answer ")
            .ends_with("0.00 %  (met 0, late 1, breached 0, open 0, undetermined 0)"),
        "{internal}"
    );
    // The on-time rates hold the customer-facing rules only.
    let on_time = section("on time:");
    assert!(
        !on_time.contains("department_answer") && !on_time.contains("next_reply"),
        "{on_time}"
    );
}
