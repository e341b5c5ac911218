//! The `plaint` binary, run for real.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn plaint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plaint"))
        .args(args)
        .output()
        .expect("run plaint")
}

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

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A scratch directory of this test binary's own.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("plaint-cli-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn due(extra: &[&str]) -> String {
    let mut args = vec!["deadline", "--calendar", "cn-mainland"];
    args.extend_from_slice(extra);
    let o = plaint(&args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    stdout(&o)
}

#[test]
fn time_md_worked_examples() {
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "--start",
                "2026-09-24T16:00:00+08:00",
                "--clock",
                "working_days",
                "--amount",
                "3",
            ],
            "2026-09-30T18:00:00+08:00",
        ),
        (
            &[
                "--start",
                "2026-09-29T10:00:00+08:00",
                "--clock",
                "working_days",
                "--amount",
                "3",
            ],
            "2026-10-09T18:00:00+08:00",
        ),
        (
            &[
                "--start",
                "2026-09-30T17:30:00+08:00",
                "--clock",
                "business",
                "--amount",
                "120",
            ],
            "2026-10-08T10:30:00+08:00",
        ),
        (
            &[
                "--start",
                "2026-10-09T11:00:00+08:00",
                "--clock",
                "working_days",
                "--amount",
                "1",
            ],
            "2026-10-10T18:00:00+08:00",
        ),
        (
            &[
                "--start",
                "2026-09-21T12:00:00+08:00",
                "--clock",
                "calendar_days",
                "--amount",
                "15",
                "--roll",
                "next_working_day",
            ],
            "2026-10-08T18:00:00+08:00",
        ),
        (
            &[
                "--start",
                "2026-09-21T12:00:00+08:00",
                "--clock",
                "calendar_days",
                "--amount",
                "15",
                "--roll",
                "next_working_day",
                "--end",
                "close_of_business",
            ],
            "2026-10-08T18:00:00+08:00",
        ),
        (
            &[
                "--start",
                "2026-09-21T12:00:00+08:00",
                "--clock",
                "calendar_days",
                "--amount",
                "15",
                "--roll",
                "next_working_day",
                "--end",
                "end_of_day",
            ],
            "2026-10-09T00:00:00+08:00",
        ),
        (
            &[
                "--start",
                "2026-09-19T10:00:00+08:00",
                "--clock",
                "working_days",
                "--amount",
                "1",
            ],
            "2026-09-20T18:00:00+08:00",
        ),
    ];
    for (args, expected) in cases {
        assert_eq!(due(args), format!("{expected}\n"), "{args:?}");
    }
}

#[test]
fn deadline_explain_lists_the_days() {
    let out = due(&[
        "--start",
        "2026-09-29T10:00:00+08:00",
        "--clock",
        "working_days",
        "--amount",
        "3",
        "--explain",
    ]);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("2026-10-09T18:00:00+08:00"));
    assert!(out.contains("2026-09-29 Tue  start day, not counted"), "{out}");
    assert!(
        out.contains("2026-10-01 Thu  holiday, skipped  国庆节 National Day"),
        "{out}"
    );
    assert!(out.contains("2026-10-08 Thu  counted"), "{out}");
}

#[test]
fn deadline_jsonl_keeps_order_and_survives_bad_lines() {
    let input = concat!(
        r#"{"start": "2026-09-24T16:00:00+08:00", "clock": "working_days", "amount": 3}"#,
        "\n{not json\n",
        r#"{"start": "2026-09-24T16:00:00", "clock": "working_days", "amount": 3}"#,
        "\n\n",
        r#"{"start": "2026-09-30T17:30:00+08:00", "clock": "business", "amount": 120}"#,
        "\n",
    );
    let o = plaint_stdin(&["deadline", "--calendar", "cn-mainland", "--jsonl"], input);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 5, "{out}");
    assert_eq!(lines[0]["due_at"], "2026-09-30T18:00:00+08:00");
    assert_eq!(lines[1]["error"]["code"], "invalid_json");
    assert!(lines[1]["error"]["message"].is_string());
    assert_eq!(lines[2]["error"]["code"], "instant_without_offset");
    assert_eq!(lines[3]["error"]["code"], "invalid_json");
    assert_eq!(lines[4]["due_at"], "2026-10-08T10:30:00+08:00");
}

#[test]
fn start_without_offset_exits_1_with_the_code() {
    let o = plaint(&[
        "deadline",
        "--calendar",
        "cn-mainland",
        "--start",
        "2026-09-24T16:00:00",
        "--clock",
        "working_days",
        "--amount",
        "3",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    assert!(err.starts_with("error: instant_without_offset: "), "{err}");
    assert!(err.contains("\n  at /start\n"), "{err}");
}

#[test]
fn unknown_flag_exits_2() {
    let o = plaint(&["deadline", "--calendar", "cn-mainland", "--bogus"]);
    assert_eq!(o.status.code(), Some(2));
    let o = plaint(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn calendar_beyond_its_data_is_an_error() {
    let o = plaint(&[
        "deadline",
        "--calendar",
        "cn-mainland",
        "--start",
        "2026-12-30T10:00:00+08:00",
        "--clock",
        "working_days",
        "--amount",
        "10",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("error: calendar_range_exceeded: "),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("\nhint: past the calendar's official holiday data: import"),
        "{}",
        stderr(&o)
    );
    let o = plaint(&["calendar", "show", "cn-mainland", "--year", "2031"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("error: calendar_range_exceeded: "),
        "{}",
        stderr(&o)
    );
}

#[test]
fn unknown_calendar_name() {
    let o = plaint(&[
        "deadline",
        "--calendar",
        "cn",
        "--start",
        "2026-09-24T16:00:00+08:00",
        "--clock",
        "working_days",
        "--amount",
        "3",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("error: unknown_calendar: "), "{}", stderr(&o));
}

#[test]
fn policy_check_lists_every_problem_with_paths() {
    let path = scratch("bad-policy.json");
    std::fs::write(
        &path,
        r#"{"plaint_policy": 1, "name": "t", "calendar": "cn-mainland", "colour": "red",
            "deadlines": [{"id": "d", "clock": "hours", "amount": 3, "met_by": ["resolved"]},
                          {"id": "e", "clok": "working_days", "amount": -2, "met_by": ["resolved"]}]}"#,
    )
    .unwrap();
    let o = plaint(&["policy", "check", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() >= 4, "{out}");
    for want in [
        "/version: missing_field: ",
        "/colour: unknown_field: ",
        "/deadlines/0/clock: invalid_value: ",
        "/deadlines/1/clok: unknown_field: ",
        "/deadlines/1/amount: negative_amount: ",
    ] {
        assert!(lines.iter().any(|l| l.starts_with(want)), "no {want:?} in\n{out}");
    }
}

#[test]
fn policy_check_ok() {
    let path = scratch("good-policy.json");
    std::fs::write(&path, tiny_policy()).unwrap();
    let o = plaint(&["policy", "check", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "ok: tiny 1\n");
}

#[test]
fn presets_lists_policies_and_calendars() {
    let o = plaint(&["presets"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.contains("cn-property"), "{out}");
    assert!(out.contains("cn-mainland"), "{out}");
    assert!(out.contains("Asia/Shanghai"), "{out}");
}

#[test]
fn calendar_show_marks_holidays_and_make_up_days() {
    let o = plaint(&["calendar", "show", "cn-mainland", "--year", "2026"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let october = &out[out.find("October 2026").expect("October")..];
    let october = &october[..october.find("November 2026").unwrap()];
    assert!(october.contains(" Mo   Tu   We   Th   Fr   Sa   Su"), "{october}");
    assert!(october.contains("  1*   2*   3*   4*"), "{october}");
    assert!(october.contains(" 10+"), "{october}");
    assert!(october.contains("[11]"), "{october}");
    assert!(october.contains("* 10-01..10-07  国庆节 National Day"), "{october}");
    assert!(october.contains("+ 10-10  "), "{october}");
}

#[test]
fn schemas_are_json_with_schema_keyword() {
    for kind in ["policy", "complaint", "assessment"] {
        let o = plaint(&["schema", kind]);
        assert!(o.status.success());
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema", "{kind}");
    }
}

fn tiny_policy() -> &'static str {
    r#"{
      "plaint_policy": 1, "name": "tiny", "version": "1", "calendar": "cn-mainland",
      "title": {"en": "tiny test policy"},
      "signals": [{"id": "injury", "keywords": {"zh-Hans": ["受伤"], "en": ["injured"]}}],
      "classification": [
        {"id": "severity", "output": "severity", "hit": "first", "default": "minor", "source": "test",
         "rows": [{"id": "injury", "when": {"facts.personal_injury": true}, "then": "major", "source": "001 篇5 4.2.1c"}]}
      ]
    }"#
}

const INJURY: &str = r#"{"id": "C-1", "received_at": "2026-09-24T09:12:00+08:00", "channel": "phone",
  "text": "天花板掉下来, 我母亲受伤了", "facts": {"personal_injury": true}}"#;
const NOISE: &str = r#"{"id": "C-2", "received_at": "2026-09-24T09:12:00+08:00", "text": "noise at night"}"#;

#[test]
fn triage_json_with_an_inline_policy() {
    let policy = scratch("tiny-policy.json");
    std::fs::write(&policy, tiny_policy()).unwrap();
    let complaint = scratch("injury.json");
    std::fs::write(&complaint, INJURY).unwrap();
    let o = plaint(&[
        "triage",
        complaint.to_str().unwrap(),
        "--policy",
        policy.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains(r#""severity":"major""#), "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["trace"][0]["rows"][0]["row"], "injury");
    assert_eq!(v["signals"][0]["signal"], "injury");

    // Several inputs (one from stdin): a JSON array, in order.
    let o = plaint_stdin(
        &[
            "triage",
            complaint.to_str().unwrap(),
            "-",
            "--policy",
            policy.to_str().unwrap(),
            "--format",
            "json",
        ],
        NOISE,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v[0]["severity"], "major");
    assert_eq!(v[1]["severity"], "minor");
    assert_eq!(v[1]["trace"][0]["decision"], "default");
}

#[test]
fn triage_text_explains_in_the_chosen_language() {
    let policy = scratch("tiny-policy-text.json");
    std::fs::write(&policy, tiny_policy()).unwrap();
    let o = plaint_stdin(&["triage", "--policy", policy.to_str().unwrap()], INJURY);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(!out.contains('\x1b'), "no colour when not a terminal");
    assert!(out.contains("severity: major"), "{out}");
    assert!(out.contains("facts.personal_injury = true"), "{out}");
    assert!(out.contains("001 篇5 4.2.1c"), "{out}");
    assert!(out.contains("injury (\"受伤\")"), "{out}");

    let o = plaint_stdin(
        &["triage", "-", "--policy", policy.to_str().unwrap(), "--lang", "zh-Hans"],
        INJURY,
    );
    let out = stdout(&o);
    assert!(out.contains("严重程度: 重大 [major]"), "{out}");

    // A person's classification overrides the table and says so.
    let manual = r#"{"id": "C-3", "received_at": "2026-09-24T09:12:00+08:00",
      "facts": {"personal_injury": true}, "classification": {"by": "alice", "severity": "important"}}"#;
    let o = plaint_stdin(&["triage", "-", "--policy", policy.to_str().unwrap()], manual);
    let out = stdout(&o);
    assert!(out.contains("severity: important"), "{out}");
    assert!(out.contains("set by a person"), "{out}");
    assert!(out.contains("the table said: major"), "{out}");
}

#[test]
fn triage_bad_complaint_exits_1_with_every_problem() {
    let o = plaint_stdin(
        &["triage", "-", "--policy", "cn-property", "--format", "json"],
        r#"{"id": "", "received_at": "2026-09-24T09:12:00", "facts": {"personal_injury": "yes"}}"#,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    assert!(
        err.contains("error: invalid_value: ") && err.contains("  at /id\n"),
        "{err}"
    );
    assert!(
        err.contains("error: instant_without_offset: ") && err.contains("  at /received_at\n"),
        "{err}"
    );
    assert!(err.contains("  at /facts/personal_injury\n"), "{err}");
}

/// The demo case (examples/cases/major-leak.json), assessed at Tue 2026-09-29
/// 10:00: the definite reply (2 working days after Thu 09-24, the 25th–27th
/// being the Mid-Autumn holiday) is due Tue 09-29 18:00; settling (7 working
/// days: 28, 29, 30, 10-08, 10-09, the make-up Saturday 10-10, 10-12) is due
/// 2026-10-12T18:00:00+08:00.
#[test]
fn assess_prints_deadlines_and_json() {
    let case = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/cases/major-leak.json");
    let args = [
        "assess",
        case,
        "--policy",
        "cn-property",
        "--now",
        "2026-09-29T10:00:00+08:00",
    ];
    let o = plaint(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("major_reply") && text.contains("2026-09-29T18:00:00+08:00"),
        "{text}"
    );
    assert!(text.contains("2026-10-12T18:00:00+08:00"), "{text}");
    let mut json_args = args.to_vec();
    json_args.extend_from_slice(&["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&plaint(&json_args))).unwrap();
    // major_reply warns at 75 % of its 17 working hours: 09-29 13:45.
    assert_eq!(v["next_check_at"], "2026-09-29T13:45:00+08:00");
    assert_eq!(v["state"], "in_progress");
    let zh = [&args[..], &["--lang", "zh-Hans"]].concat();
    assert!(stdout(&plaint(&zh)).contains("重要投诉和重大投诉直接上报总经理"));
}

/// RG 271.71: the early-closure window after Wed 2026-01-21 closes with Thu
/// 01-29 (Australia Day Mon 01-26 skipped); unclosed on 02-02 it has lapsed:
/// printed apart from the on-time rates.
#[test]
fn stats_print_windows_apart() {
    let input = r#"{"complaint": {"id": "w", "received_at": "2026-01-21T10:00:00+11:00", "text": "x"}, "events": []}"#;
    let args = [
        "stats",
        "-",
        "--policy",
        "au-asic-rg271",
        "--now",
        "2026-02-02T09:00:00+11:00",
    ];
    let o = plaint_stdin(&args, input);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("windows (not the firm's deadlines, no on-time rate):")
            && text.contains("early_closure            met 0, lapsed 1, open 0"),
        "{text}"
    );
}

#[test]
fn stats_over_json_lines() {
    // Two minor complaints received Mon 2026-11-02 10:00 (24 elapsed hours
    // to reply): one replied after 2 hours (met), one never (breached by Wed).
    let line = |id: &str, events: &str| {
        format!(
            r#"{{"complaint": {{"id": "{id}", "received_at": "2026-11-02T10:00:00+08:00", "department": "客服部", "text": "噪音"}}, "events": [{events}]}}"#
        )
    };
    let input = format!(
        "{}\n\n{}\n",
        line("a", r#"{"type": "replied", "at": "2026-11-02T12:00:00+08:00"}"#),
        line("b", "")
    );
    let o = plaint_stdin(
        &[
            "stats",
            "-",
            "--policy",
            "cn-property",
            "--now",
            "2026-11-04T12:00:00+08:00",
            "--format",
            "json",
        ],
        &input,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["total"], 2);
    assert_eq!(v["on_time"]["minor_reply"]["rate"], 0.5);
    let text = stdout(&plaint_stdin(
        &[
            "stats",
            "-",
            "--policy",
            "cn-property",
            "--now",
            "2026-11-04T12:00:00+08:00",
        ],
        &input,
    ));
    assert!(text.contains("minor_reply") && text.contains("50.00 %"), "{text}");
    // A bad line names its line number and exits 1.
    let o = plaint_stdin(
        &[
            "stats",
            "-",
            "--policy",
            "cn-property",
            "--now",
            "2026-11-04T12:00:00+08:00",
        ],
        "{\"complaint\": 1}\n",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("invalid_type") && stderr(&o).contains("line 1"),
        "{}",
        stderr(&o)
    );
}
