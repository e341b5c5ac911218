//! Policies in force by date on the command line: `plaint replay`, `plaint
//! policy diff`, pinned versions (`NAME@VERSION`, `PATH@VERSION`) and the
//! version an assessment applied. Expected values are counted by hand from
//! the regulations (see core/tests/policy_versions.rs for the counts) on the
//! 2026 State Council schedule (holidays 04-04..06, 05-01..05, 06-19..21,
//! 09-25..27, 10-01..07; make-up working days Sat 05-09, Sun 09-20, Sat 10-10).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn plaint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plaint"))
        .args(args)
        .output()
        .expect("run plaint")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(path)
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("plaint-cli-versions-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// The SAMR example cases and the property example case, as JSON lines.
fn examples_jsonl() -> PathBuf {
    let mut text = std::fs::read_to_string(repo("examples/cases/consumer-samr.jsonl")).unwrap();
    let leak: Value =
        serde_json::from_str(&std::fs::read_to_string(repo("examples/cases/major-leak.json")).unwrap()).unwrap();
    text.push_str(&leak.to_string());
    text.push('\n');
    let path = scratch("examples.jsonl");
    std::fs::write(&path, text).unwrap();
    path
}

const SAMR: [&str; 4] = ["--policy", "cn-consumer-samr@2022", "--policy", "cn-consumer-samr@2026"];

/// The examples replayed across the Interim Measures and Order 121 at
/// 2026-10-12 09:00. Mediation, 45 working days (old) against 60 natural
/// days rolled past holidays (new), from acceptance:
/// - A, accepted Mon 04-20: old Thu 06-25 (Apr 21-24, 27-30, May 6-8, Sat
///   05-09, May 11-29, Jun 1-12, 15-18, 22-25); new day 60 is Fri 06-19, the
///   Dragon Boat holiday, so Mon 06-22. Breached under both at 10-12.
/// - B, accepted Fri 04-17, resolved 06-17: old Wed 06-24 (met); new day
///   60 is Tue 06-16 (met late).
/// - C, refused 04-20: no mediation under either; unchanged.
/// - D, accepted Fri 05-08: old Fri 07-10 (Sat 05-09, then 44 working days
///   to 07-10); new day 60 is Tue 07-07.
/// - E, accepted 04-20, testing 05-11..17 (5 working days, 7 natural
///   days): old 06-25 + 5 working days = Thu 07-02; new 06-19 + 7 = Fri 06-26.
/// - The property case (received 09-24) has no acceptance: its 7 working
///   days run to Mon 10-12 under both.
#[test]
fn replay_of_the_examples_across_the_samr_versions() {
    let file = examples_jsonl();
    let mut args = vec!["replay", file.to_str().unwrap()];
    args.extend(SAMR);
    args.extend(["--now", "2026-10-12T09:00:00+08:00"]);
    let o = plaint(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let changes: Vec<&str> = out.lines().filter(|l| l.starts_with("line ")).collect();
    assert_eq!(
        changes,
        [
            "line 1  SAMR-0414-A  mediation due_at: 2026-06-25T18:00:00+08:00 -> 2026-06-22T18:00:00+08:00",
            "line 2  SAMR-0415-B  mediation state: met -> met_late",
            "line 2  SAMR-0415-B  mediation due_at: 2026-06-24T18:00:00+08:00 -> 2026-06-16T18:00:00+08:00",
            "line 4  SAMR-0506-D  mediation due_at: 2026-07-10T18:00:00+08:00 -> 2026-07-07T18:00:00+08:00",
            "line 5  SAMR-0414-E  mediation due_at: 2026-07-02T18:00:00+08:00 -> 2026-06-26T18:00:00+08:00",
        ]
    );
    assert!(
        out.contains("  old: cn-consumer-samr 2022 (in force 2020-01-01..2026-04-14, pinned)"),
        "{out}"
    );
    assert!(
        out.contains("  new: cn-consumer-samr 2026 (in force 2026-04-15.., pinned)"),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>()
                == ["deadline", "mediation", "4", "(due", "4,", "state", "1)"]),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["deadline", "acceptance_decision", "0"]),
        "{out}"
    );
    assert!(out.ends_with("cases 6, changed 4, unchanged 2, errors 0\n"), "{out}");
}

/// The JSON form is one document, the same as the JSON layer's `replay`.
#[test]
fn replay_json_is_the_json_layer_document() {
    let file = examples_jsonl();
    let mut args = vec!["replay", file.to_str().unwrap(), "--format", "json"];
    args.extend(SAMR);
    args.extend(["--now", "2026-10-12T09:00:00+08:00"]);
    let o = plaint(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let cli: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let ids: Vec<&str> = cli["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["SAMR-0414-A", "SAMR-0415-B", "SAMR-0506-D", "SAMR-0414-E"]);
    assert_eq!(cli["summary"]["changed"], 4);
    assert_eq!(cli["summary"]["unchanged"], 2);
    let cases: Vec<Value> = std::fs::read_to_string(&file)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let input = serde_json::json!({"old": "cn-consumer-samr@2022", "new": "cn-consumer-samr@2026",
        "now": "2026-10-12T09:00:00+08:00", "cases": cases});
    let api = plaint_core::api::run_op("replay", &input).unwrap();
    assert_eq!(cli, api);
}

/// The RBI fixture across RB-IOS 2021 and 2026 at 2026-10-12 09:00 IST.
/// Line 1, replied Fri 07-10: one year → 2027-07-10 24:00 (pending) against
/// 90 days → Thu 10-08 24:00 (lapsed at 10-12). Line 2 has no reply: the
/// 30 days are the same. Line 3 is cut short (invalid JSON), line 4 blank.
/// Line 5, replied Mon 07-20 and referred 10-05: 2027-07-20 24:00 against 90
/// days (Jul 21-31, Aug, Sep, Oct 1-18) → 10-18 24:00, met under both.
#[test]
fn replay_of_a_fixture_reports_bad_lines_and_goes_on() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/replay-rbi.jsonl");
    let o = plaint(&[
        "replay",
        fixture.to_str().unwrap(),
        "--policy",
        "in-rbi@2021",
        "--policy",
        "in-rbi@2026",
        "--now",
        "2026-10-12T09:00:00+05:30",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().filter(|l| l.starts_with("line ")).collect();
    assert_eq!(lines.len(), 4, "{out}");
    // A window that runs out is lapsed, not breached: the complainant's time.
    assert_eq!(lines[0], "line 1  RBI-1  ombudsman_window state: pending -> lapsed");
    assert_eq!(
        lines[1],
        "line 1  RBI-1  ombudsman_window due_at: 2027-07-11T00:00:00+05:30 -> 2026-10-09T00:00:00+05:30"
    );
    assert!(lines[2].starts_with("line 3  -  error invalid_json: "), "{}", lines[2]);
    assert_eq!(
        lines[3],
        "line 5  RBI-4  ombudsman_window due_at: 2027-07-21T00:00:00+05:30 -> 2026-10-19T00:00:00+05:30"
    );
    assert!(out.ends_with("cases 4, changed 2, unchanged 1, errors 1\n"), "{out}");
}

/// Without a pin, a policy with versions applies to each case the version
/// in force at its receipt: against Order 121 pinned, only the case
/// received before 2026-04-15 with a mediation differs (A and E).
#[test]
fn replay_of_the_history_against_one_version() {
    let file = repo("examples/cases/consumer-samr.jsonl");
    let o = plaint(&[
        "replay",
        file.to_str().unwrap(),
        "--policy",
        "cn-consumer-samr",
        "--policy",
        "cn-consumer-samr@2026",
        "--now",
        "2026-10-12T09:00:00+08:00",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let ids: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("line "))
        .map(|l| l.split("  ").nth(1).unwrap())
        .collect();
    assert_eq!(ids, ["SAMR-0414-A", "SAMR-0414-E"]);
    assert!(
        out.contains("  old: cn-consumer-samr 2026 (versions 2022, 2026, each for the complaints of its dates)"),
        "{out}"
    );
}

#[test]
fn replay_needs_two_policies() {
    let file = repo("examples/cases/consumer-samr.jsonl");
    let o = plaint(&["replay", file.to_str().unwrap(), "--policy", "cn-consumer-samr"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--policy OLD --policy NEW"), "{}", stderr(&o));
    let o = plaint(&[
        "replay",
        file.to_str().unwrap(),
        "--policy",
        "cn-consumer-samr@2019",
        "--policy",
        "cn-consumer-samr",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o)
            .contains("error: unknown_version: policy cn-consumer-samr has no version \"2019\"; versions: 2022, 2026"),
        "{}",
        stderr(&o)
    );
}

/// Order 121 against the Interim Measures: the mediation limit, its clock
/// and roll and the citations change; the acceptance limit only its citation.
#[test]
fn policy_diff_of_the_samr_versions() {
    let o = plaint(&["policy", "diff", "cn-consumer-samr@2022", "cn-consumer-samr@2026"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with(
        "cn-consumer-samr 2022 (in force 2020-01-01..2026-04-14)\n  -> cn-consumer-samr 2026 (in force 2026-04-15..)\n"
    ), "{out}");
    for want in [
        "deadlines mediation: changed\n  clock: working_days\n    -> calendar_days\n  amount: 45\n    -> 60\n  roll: none\n    -> next_working_day\n",
        "deadlines acceptance_decision: changed\n  source: 市场监督管理投诉举报处理暂行办法 第十四条",
        "    -> 市场监督管理投诉举报处理办法 第十五条",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    let o = plaint(&["policy", "diff", "in-rbi@2021", "in-rbi@2026", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let d: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let window = d["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "ombudsman_window")
        .unwrap();
    let fields: Vec<(&str, &Value, &Value)> = window["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["field"].as_str().unwrap(), &f["old"], &f["new"]))
        .filter(|(f, _, _)| *f != "source")
        .collect();
    assert_eq!(
        fields,
        [
            ("clock", &Value::from("months"), &Value::from("calendar_days")),
            ("amount", &Value::from(12), &Value::from(90)),
        ]
    );
}

/// A file with versions pinned as PATH@VERSION, in assess and in diff; an
/// implicit default equals the same value written out.
#[test]
fn files_are_pinned_with_at_version() {
    let doc = serde_json::json!({"plaint_policy": 1, "name": "shop", "versions": [
        {"version": "A", "effective_from": "2026-01-01", "calendar": "cn-mainland",
         "deadlines": [{"id": "reply", "clock": "working_days", "amount": 3, "met_by": ["replied"]}]},
        {"version": "B", "effective_from": "2026-06-01", "calendar": "cn-mainland",
         "deadlines": [{"id": "reply", "clock": "working_days", "amount": 2, "met_by": ["replied"], "roll": "none"},
                       {"id": "close", "clock": "calendar_days", "amount": 30, "met_by": ["closed"]}]}]});
    let path = scratch("shop.json");
    std::fs::write(&path, doc.to_string()).unwrap();
    let p = path.to_str().unwrap();
    let o = plaint(&["policy", "diff", &format!("{p}@A"), &format!("{p}@B")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("deadlines reply: changed\n  amount: 3\n    -> 2\n"),
        "{out}"
    );
    assert!(!out.contains("roll"), "{out}");
    assert!(
        out.contains("deadlines close: added\n  clock: -\n    -> calendar_days\n  amount: -\n    -> 30\n"),
        "{out}"
    );
    let o = plaint(&["policy", "diff", p, &format!("{p}@B")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("error: unknown_version: the policy has versions (A, B); name one as NAME@VERSION"),
        "{}",
        stderr(&o)
    );
    // Received Fri 05-29: version A's 3 working days (Jun 1-3); pinned B: 2 (Jun 1-2).
    let case = scratch("case.json");
    std::fs::write(
        &case,
        r#"{"complaint": {"id": "S-1", "received_at": "2026-05-29T10:00:00+08:00", "channel": "web", "text": "x"}}"#,
    )
    .unwrap();
    let assess = |policy: &str| {
        let o = plaint(&[
            "assess",
            case.to_str().unwrap(),
            "--policy",
            policy,
            "--now",
            "2026-06-01T09:00:00+08:00",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    };
    let a = assess(p);
    assert!(
        a.contains("  policy shop A (in force 2026-01-01..2026-05-31, in force at receipt)\n"),
        "{a}"
    );
    assert!(a.contains("due 2026-06-03T18:00:00+08:00"), "{a}");
    let b = assess(&format!("{p}@B"));
    assert!(b.contains("  policy shop B (in force 2026-06-01.., pinned)\n"), "{b}");
    assert!(b.contains("due 2026-06-02T18:00:00+08:00"), "{b}");
}

#[test]
fn policy_check_lists_the_versions() {
    let o = plaint(&["policy", "check", "in-rbi"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "ok: in-rbi 2026\n  version 2021: in force 2021-11-12..2026-06-30\n  version 2026: in force 2026-07-01..\n"
    );
    let doc = r#"{"plaint_policy": 1, "name": "t", "versions": [
        {"version": "A", "effective_from": "2026-06-01", "calendar": "cn-mainland"},
        {"version": "B", "effective_from": "2026-01-01", "calendar": "cn-mainland"}]}"#;
    let path = scratch("unordered.json");
    std::fs::write(&path, doc).unwrap();
    let o = plaint(&["policy", "check", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).starts_with("/versions/1/effective_from: overlapping_versions: "),
        "{}",
        stdout(&o)
    );
}
