//! `plaint stats CASES.jsonl --policy ... [--from --to --units-shipped N]`.

use crate::args::{Format, StatsArgs};
use crate::{Failure, load_policy_with, print_out, read_input, with_input};
use plaint_core::Case;
use plaint_core::analytics::{assess_and_count, at_case};
use plaint_core::api::read_stats_options;
use serde_json::{Value, json};
use std::fmt::Write;

pub fn run(a: &StatsArgs) -> Result<(), Failure> {
    let (policy, beyond_data) = load_policy_with(&a.policy, &a.data)?;
    let now = match &a.now {
        Some(now) => now.clone(),
        None => policy.calendar.format(crate::assess::system_now()?),
    };
    let opts = json!({"now": now, "from": a.from, "to": a.to, "units_shipped": a.units_shipped, "clock": a.clock,
        "beyond_data": beyond_data.map(|b| b.code())});
    let (now, opts) = read_stats_options(&opts)?;
    let text = read_input(&a.file)?;
    let mut cases = Vec::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let case =
            Case::from_json(line).map_err(|e| with_input(at_case(e, i), &format!("{} line {}", a.file, i + 1)))?;
        cases.push(case);
    }
    let stats = assess_and_count(&policy, cases, now, &opts).map_err(|e| with_input(e, &a.file))?;
    if a.format == Format::Json {
        let json = serde_json::to_string_pretty(&stats).map_err(|e| Failure::Io(e.to_string()))?;
        return print_out(&(json + "\n"));
    }
    let v = serde_json::to_value(&stats).map_err(|e| Failure::Io(e.to_string()))?;
    print_out(&render(&v))
}

fn pct(v: &Value) -> String {
    v.as_f64().map_or("-".into(), |x| format!("{:.2} %", x * 100.0))
}

/// A rate with its counts: "66.67 %  (met 2, late 0, breached 1, open 0, undetermined 0)".
fn counts(r: &Value) -> String {
    format!(
        "{:>9}  (met {}, late {}, breached {}, open {}, undetermined {})",
        pct(&r["rate"]),
        r["met"],
        r["met_late"],
        r["breached"],
        r["open"],
        r["undetermined"]
    )
}

fn render(v: &Value) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "complaints: {}  valid: {}", v["total"], v["valid"]);
    for key in [
        "by_category",
        "by_severity",
        "by_channel",
        "by_validity",
        "by_department",
    ] {
        let items: Vec<String> = v[key]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        let _ = writeln!(s, "{}: {}", key.trim_start_matches("by_"), items.join(", "));
    }
    let _ = writeln!(s, "on time:");
    for (rule, r) in v["on_time"].as_object().into_iter().flatten() {
        let _ = writeln!(s, "  {rule:<24} {}", counts(r));
    }
    let cycles = v["cycles"].as_object().into_iter().flatten().collect::<Vec<_>>();
    if !cycles.is_empty() {
        let _ = writeln!(s, "recurring rules, by cycle:");
        for (rule, r) in cycles {
            let _ = writeln!(s, "  {rule:<24} {}", counts(r));
        }
    }
    let internal = v["internal"].as_object().into_iter().flatten().collect::<Vec<_>>();
    if !internal.is_empty() {
        let _ = writeln!(
            s,
            "internal targets, by department and hand-off (not in the on-time rates):"
        );
        for (dept, rules) in internal {
            for (rule, r) in rules.as_object().into_iter().flatten() {
                let _ = writeln!(s, "  {:<24} {}", format!("{dept} {rule}"), counts(r));
            }
        }
    }
    let windows = v["windows"].as_object().into_iter().flatten().collect::<Vec<_>>();
    if !windows.is_empty() {
        let _ = writeln!(s, "windows (not the firm's deadlines, no on-time rate):");
        for (rule, w) in windows {
            let _ = writeln!(
                s,
                "  {rule:<24} met {}, lapsed {}, open {}",
                w["met"], w["lapsed"], w["open"]
            );
        }
    }
    let x = &v["crossing_data_end"];
    let _ = writeln!(
        s,
        "open complaints whose deadlines cross the end of calendar {}'s data ({}): {}",
        x["calendar"].as_str().unwrap_or(""),
        x["data_end"].as_str().unwrap_or(""),
        x["open_complaints"]
    );
    let t = &v["time_to_resolve"];
    let _ = writeln!(
        s,
        "time to resolve: median {} / p90 {} {} over {}",
        t["median"],
        t["p90"],
        t["unit"].as_str().unwrap_or(""),
        t["count"]
    );
    let _ = writeln!(
        s,
        "repeat rate {}  reopen rate {}  satisfaction {}",
        pct(&v["repeat_rate"]),
        pct(&v["reopen_rate"]),
        pct(&v["satisfaction_rate"])
    );
    if let Some(ppm) = v["ppm"].as_f64() {
        let _ = writeln!(s, "complaint rate: {ppm:.1} PPM");
    }
    if let Some(g) = v["growth_percent"].as_f64() {
        let _ = writeln!(
            s,
            "growth on valid complaints against a year before ({}): {g:+.2} %",
            v["valid_year_before"]
        );
    }
    for b in v["batches"].as_array().into_iter().flatten() {
        let _ = writeln!(
            s,
            "batch: {} {} complaints on {} {}",
            b["count"],
            b["by"].as_str().unwrap_or(""),
            b["value"],
            b["complaints"]
        );
    }
    s
}
