//! `plaint calendar import`, `plaint calendar status`, and assess / stats
//! with an imported calendar or projected data, run for real. The fixtures
//! in tests/fixtures were written for these tests: cn-2027.ics is a 2027
//! schedule in the shape of a State Council notice (元旦 01-01..03, 春节
//! 02-05..12 with 02-20 worked, 清明 04-03..05, 劳动节 05-01..05 with 04-25
//! worked, 端午 06-09, 中秋 09-15, 国庆 10-01..07 with 10-09 worked: 28
//! holidays and 3 make-up working days), not the official one; it also holds
//! 2026-01-01, which the embedded data already covers.

use serde_json::{Value, json};
use std::path::PathBuf;
use std::process::{Command, Output};

fn plaint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plaint"))
        .args(args)
        .output()
        .expect("run plaint")
}

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("plaint-cli-calendar-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

/// The petition of the scenario: received 12-01, accepted (acknowledged) on `ack`.
fn petition_file(name: &str, ack: &str) -> String {
    let case = json!({"complaint": {"id": name, "received_at": "2026-12-01T10:00:00+08:00", "text": "信访事项"},
        "events": [{"type": "received", "at": "2026-12-01T10:00:00+08:00"}, {"type": "acknowledged", "at": ack}]});
    let path = scratch(&format!("{name}.json"));
    std::fs::write(&path, case.to_string()).unwrap();
    path.display().to_string()
}

fn assess_json(args: &[&str]) -> Value {
    let o = plaint(args);
    assert!(o.status.success(), "{}", text(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn handling(a: &Value) -> &Value {
    a["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "handling")
        .unwrap()
}

fn import_fixture() -> String {
    let out = scratch("cn-2027.json").display().to_string();
    let o = plaint(&[
        "calendar",
        "import",
        &fixture("cn-2027.ics"),
        "--extends",
        "cn-mainland",
        "-o",
        &out,
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    // 28 holidays and 3 working days after 2026; 2026-01-01 left out.
    assert!(
        text(&o.stderr).contains("imported 31 days after the data of cn-mainland (1 earlier days left out"),
        "{}",
        text(&o.stderr)
    );
    out
}

#[test]
fn an_imported_ics_extends_cn_mainland_through_2027() {
    let path = import_fixture();
    let cal: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(cal["extends"], "cn-mainland");
    assert_eq!(cal["name"], "cn-mainland-2027");
    assert_eq!(cal["valid_to"], "2027-12-31");
    assert_eq!(cal["holidays"].as_array().unwrap().len(), 28);
    let worked: Vec<&str> = cal["extra_working_days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert_eq!(worked, ["2027-02-20", "2027-04-25", "2027-10-09"]);
}

#[test]
fn the_petition_with_the_imported_calendar_gets_an_official_due_date() {
    let cal = import_fixture();
    let case = petition_file("pet-ics", "2026-12-03T10:00:00+08:00");
    let now = "2026-12-06T10:00:00+08:00";
    let base = [
        "assess",
        &case,
        "--policy",
        "cn-petition-2022",
        "--now",
        now,
        "--format",
        "json",
    ];
    // Without: undetermined.
    let a = assess_json(&base);
    assert_eq!(handling(&a)["state"], "undetermined");
    assert_eq!(handling(&a)["error"]["code"], "calendar_range_exceeded");
    // Projected: 60 days from 12-03 = Mon 2027-02-01, provisional.
    let a = assess_json(&[&base[..], &["--beyond-data", "projected"]].concat());
    assert_eq!(handling(&a)["due_at"], "2027-02-01T18:00:00+08:00");
    assert_eq!(handling(&a)["provisional"], true);
    // With the imported 2027 data: the same date, official.
    let a = assess_json(&[&base[..], &["--calendar", &cal]].concat());
    assert_eq!(handling(&a)["state"], "pending");
    assert_eq!(handling(&a)["due_at"], "2027-02-01T18:00:00+08:00");
    assert_eq!(handling(&a)["provisional"], false);
    assert_eq!(handling(&a)["calendar"], "cn-mainland-2027");
    // Accepted 12-10: day 60 = Mon 02-08, within 春节 02-05..12 of the
    // fixture, then the weekend: Mon 02-15 (the projection said Thu 02-11).
    let case = petition_file("pet-ics-2", "2026-12-10T10:00:00+08:00");
    let args = [
        "assess",
        &case,
        "--policy",
        "cn-petition-2022",
        "--now",
        "2026-12-11T10:00:00+08:00",
    ];
    let a = assess_json(&[&args[..], &["--format", "json", "--calendar", &cal]].concat());
    assert_eq!(handling(&a)["due_at"], "2027-02-15T18:00:00+08:00");
    let a = assess_json(&[&args[..], &["--format", "json", "--beyond-data", "projected"]].concat());
    assert_eq!(handling(&a)["due_at"], "2027-02-11T18:00:00+08:00");
}

#[test]
fn the_text_output_shows_undetermined_and_provisional_deadlines() {
    let case = petition_file("pet-text", "2026-12-03T10:00:00+08:00");
    let args = [
        "assess",
        &case,
        "--policy",
        "cn-petition-2022",
        "--now",
        "2026-12-06T10:00:00+08:00",
    ];
    let o = plaint(&args);
    let out = text(&o.stdout);
    assert!(
        out.contains("handling                 undetermined    due -  remaining 58 days"),
        "{out}"
    );
    assert!(
        out.contains("undetermined: calendar_range_exceeded: 2027-01-01 is outside the data"),
        "{out}"
    );
    assert!(
        out.contains("deadline_undetermined: deadline handling cannot be computed"),
        "{out}"
    );
    // What to do about it, once, after the warnings.
    let hint = "hint: past the calendar's official holiday data: import the next schedule \
                with `plaint calendar import`";
    assert_eq!(out.matches(hint).count(), 1, "{out}");
    assert!(out.trim_end().ends_with("(--beyond-data projected)"), "{out}");
    let o = plaint(&[&args[..], &["--lang", "zh-Hans"]].concat());
    let out = text(&o.stdout);
    assert!(
        out.trim_end()
            .ends_with("assess、stats 和 deadline 也可按推定假日计算（--beyond-data projected）"),
        "{out}"
    );
    assert!(
        out.contains("\n建议：超出日历的官方节假日数据：用 `plaint calendar import`"),
        "{out}"
    );
    let o = plaint(&[&args[..], &["--beyond-data", "projected"]].concat());
    let out = text(&o.stdout);
    assert!(!out.contains("hint:"), "nothing left undetermined: {out}");
    assert!(
        out.contains("due 2027-02-01T18:00:00+08:00  remaining 58 days  (provisional)"),
        "{out}"
    );
    assert!(
        out.contains("projected holidays 2027-01-01 元旦 New Year's Day"),
        "{out}"
    );
}

#[test]
fn bad_feeds_are_refused_with_a_path_and_nothing_is_written() {
    for (file, code, path, words) in [
        ("no-events.ics", "invalid_feed", "/events", "the feed has no events"),
        (
            "overlapping.ics",
            "conflicting_day",
            "/events/1",
            "2027-02-10 is listed twice (also at /events/0)",
        ),
        (
            "holiday-and-working-day.ics",
            "conflicting_day",
            "/events/1",
            "2027-02-12 is both a holiday (at /events/0) and a working_day",
        ),
        (
            "duplicate.csv",
            "conflicting_day",
            "/lines/3",
            "2027-01-01 is listed twice (also at /lines/2)",
        ),
    ] {
        let out = scratch(&format!("bad-{file}.json"));
        let o = plaint(&[
            "calendar",
            "import",
            &fixture(file),
            "--extends",
            "cn-mainland",
            "-o",
            &out.display().to_string(),
        ]);
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{file}: {err}");
        assert!(err.contains(&format!("error: {code}: {words}")), "{file}: {err}");
        assert!(err.contains(&format!("  at {path}\n")), "{file}: {err}");
        assert!(!out.exists(), "{file}: a calendar was written");
    }
    // Both CSV conflicts are reported at once.
    let err = text(
        &plaint(&[
            "calendar",
            "import",
            &fixture("duplicate.csv"),
            "--extends",
            "cn-mainland",
        ])
        .stderr,
    );
    assert!(
        err.contains(
            "error: conflicting_day: 2027-02-20 is both a working_day (at /lines/4) and a holiday\n  at /lines/5"
        ),
        "{err}"
    );
}

#[test]
fn a_csv_feed_is_imported_with_quoted_names() {
    let o = plaint(&[
        "calendar",
        "import",
        &fixture("cn-2027.csv"),
        "--extends",
        "cn-mainland",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let cal: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(cal["holidays"].as_array().unwrap().len(), 4);
    assert_eq!(
        cal["extra_working_days"],
        json!([{"date": "2027-02-20", "name": "春节 补班, make-up"}])
    );
}

#[test]
fn calendar_status_lists_every_embedded_calendar_at_a_date() {
    let o = plaint(&["calendar", "status", "--at", "2026-12-06", "--format", "json"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let all: Value = serde_json::from_slice(&o.stdout).unwrap();
    let names: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "always",
            "au",
            "cn-mainland",
            "eu-target",
            "gb-eng",
            "hk",
            "in",
            "sg",
            "us-federal"
        ]
    );
    let cn = &all[2];
    // 2026-12-06 to 12-31: 25 days; to 2030-12-31: 25 + 1461.
    assert_eq!(
        (
            cn["data_to"].as_str(),
            cn["days_left"].as_i64(),
            cn["projected_days_left"].as_i64()
        ),
        (Some("2026-12-31"), Some(25), Some(1486))
    );
    assert!(cn["source"].as_str().unwrap().contains("chinese-calendar"));
    assert!(
        cn["projection_source"]
            .as_str()
            .unwrap()
            .contains("全国年节及纪念日放假办法")
    );
    let o = plaint(&["calendar", "status", "--at", "2026-12-06"]);
    let out = text(&o.stdout);
    assert!(
        out.contains("cn-mainland  2020-01-01..2026-12-31        25  2030-12-31      1486"),
        "{out}"
    );
}

#[test]
fn stats_over_1000_cases_with_10_past_the_data_counts_all_1000() {
    let mut lines = String::new();
    for i in 0..1000 {
        // 990 accepted 2026-09-01..28 (handling due by late November, within
        // the data, never answered: breached); 10 accepted 2026-12-03.
        let (r, ack) = if i < 990 {
            let day = 1 + i % 28;
            (
                format!("2026-09-{day:02}T09:00:00+08:00"),
                format!("2026-09-{day:02}T15:00:00+08:00"),
            )
        } else {
            (
                "2026-12-01T10:00:00+08:00".to_string(),
                "2026-12-03T10:00:00+08:00".to_string(),
            )
        };
        let case = json!({"complaint": {"id": format!("p{i}"), "received_at": r, "text": "信访"},
            "events": [{"type": "received", "at": r}, {"type": "acknowledged", "at": ack}]});
        lines.push_str(&case.to_string());
        lines.push('\n');
    }
    let path = scratch("batch.jsonl");
    std::fs::write(&path, lines).unwrap();
    let p = path.display().to_string();
    let args = [
        "stats",
        &p,
        "--policy",
        "cn-petition-2022",
        "--now",
        "2026-12-06T10:00:00+08:00",
    ];
    let o = plaint(&[&args[..], &["--format", "json"]].concat());
    assert!(o.status.success(), "{}", text(&o.stderr));
    let s: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(s["total"], 1000);
    assert_eq!(
        (
            &s["on_time"]["handling"]["breached"],
            &s["on_time"]["handling"]["undetermined"]
        ),
        (&json!(990), &json!(10))
    );
    assert_eq!(
        s["crossing_data_end"],
        json!({"calendar": "cn-mainland", "data_end": "2026-12-31", "open_complaints": 10})
    );
    let out = text(&plaint(&args).stdout);
    assert!(
        out.contains("open complaints whose deadlines cross the end of calendar cn-mainland's data (2026-12-31): 10"),
        "{out}"
    );
}
