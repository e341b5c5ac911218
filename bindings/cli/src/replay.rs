//! `plaint replay CASES.jsonl --policy OLD --policy NEW [--now RFC3339]`:
//! every case assessed under both policies, each case that changed printed as
//! soon as it is read, the counts per rule at the end. One line is read,
//! assessed twice, compared and dropped: memory stays flat.

use crate::args::{Format, ReplayArgs};
use crate::{Failure, load_policy, with_input};
use plaint_core::api::policy_summary;
use plaint_core::replay::{CaseReport, Kind, Replay, Summary};
use plaint_core::{Case, Instant, Policy};
use std::fmt::Write as _;
use std::io::{self, BufRead, BufReader, BufWriter, Write};

pub fn run(a: &ReplayArgs) -> Result<(), Failure> {
    let [old, new] = a.policy.as_slice() else {
        return Err(Failure::Usage(format!(
            "replay compares two policies: --policy OLD --policy NEW (got {})",
            a.policy.len()
        )));
    };
    let (old, new) = (load_policy(old)?, load_policy(new)?);
    let now = match &a.now {
        Some(s) => plaint_core::model::parse_instant(s).map_err(|e| with_input(e, "--now"))?,
        None => crate::assess::system_now()?,
    };
    let input: Box<dyn BufRead> = if a.file == "-" {
        Box::new(BufReader::with_capacity(1 << 16, io::stdin()))
    } else {
        let f = std::fs::File::open(&a.file).map_err(|e| Failure::Io(format!("cannot read {}: {e}", a.file)))?;
        Box::new(BufReader::with_capacity(1 << 16, f))
    };
    let output = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    match replay_stream(&old, &new, now, input, output, a.format) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map(|_| ()).map_err(Failure::from),
    }
}

/// Replay every line of `input` (a case per line; blank lines are skipped
/// but counted, so that `index + 1` is the line number) and write the cases
/// that changed, then the counts, as text or as one JSON document.
pub fn replay_stream(
    old: &Policy,
    new: &Policy,
    now: Instant,
    mut input: impl BufRead,
    mut out: impl Write,
    format: Format,
) -> io::Result<Summary> {
    let mut replay = Replay::new(old, new, now);
    let json = format == Format::Json;
    if json {
        let head = serde_json::json!({"old": policy_summary(old), "new": policy_summary(new), "now": old.calendar.format(now)});
        let head = head.to_string();
        // The same document as the JSON layer's replay, written as it goes.
        out.write_all(&head.as_bytes()[..head.len() - 1])?;
        out.write_all(b",\"cases\":[")?;
    } else {
        writeln!(
            out,
            "replay at {}\n  old: {}\n  new: {}",
            old.calendar.format(now),
            describe(old),
            describe(new)
        )?;
    }
    let mut line = String::new();
    let (mut index, mut written) = (0u64, 0u64);
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            break;
        }
        let text = line.trim();
        if !text.is_empty() {
            let report = match Case::from_json(text) {
                Ok(case) => replay.case(index, &case),
                Err(e) => Some(replay.unreadable(index, &e)),
            };
            if let Some(r) = report {
                if json {
                    if written > 0 {
                        out.write_all(b",")?;
                    }
                    serde_json::to_writer(&mut out, &r)?;
                } else {
                    out.write_all(render_case(&r).as_bytes())?;
                }
                written += 1;
            }
        }
        index += 1;
    }
    let summary = replay.summary();
    if json {
        out.write_all(b"],\"summary\":")?;
        serde_json::to_writer(&mut out, &summary)?;
        out.write_all(b"}\n")?;
    } else {
        out.write_all(render_summary(&summary).as_bytes())?;
    }
    out.flush()?;
    Ok(summary)
}

/// `cn-consumer-samr 2026 (in force 2026-04-15.., pinned)`.
fn describe(p: &Policy) -> String {
    let v = &p.applied;
    let mut s = format!("{} {}", v.name, v.version);
    if !p.versions().is_empty() {
        let labels: Vec<&str> = p.versions().iter().map(|v| v.version.as_str()).collect();
        let _ = write!(
            s,
            " (versions {}, each for the complaints of its dates)",
            labels.join(", ")
        );
    } else if let Some(from) = &v.effective_from {
        let to = v.effective_to.as_deref().unwrap_or("");
        let _ = write!(s, " (in force {from}..{to}, {})", v.selected_by.code());
    }
    s
}

/// One line per change: `line N  ID  RULE FIELD OLD -> NEW`.
pub fn render_case(r: &CaseReport) -> String {
    let mut s = String::new();
    let id = r.id.as_deref().unwrap_or("-");
    if let Some(e) = &r.error {
        let _ = writeln!(s, "line {}  {id}  error {}: {e}", r.index + 1, e.code());
    }
    for c in &r.changes {
        let kind = match c.kind {
            Kind::Deadline => "",
            Kind::Classification => "classification ",
            Kind::Lifecycle => "lifecycle ",
            Kind::Outcome => "",
        };
        let _ = writeln!(
            s,
            "line {}  {id}  {kind}{} {}: {} -> {}",
            r.index + 1,
            c.rule,
            c.field,
            c.old.as_deref().unwrap_or("-"),
            c.new.as_deref().unwrap_or("-")
        );
    }
    s
}

fn render_summary(sum: &Summary) -> String {
    let mut s = String::from("cases changed per rule:\n");
    for r in &sum.rules {
        let kind = match r.kind {
            Kind::Classification => "classification",
            Kind::Lifecycle => "lifecycle",
            Kind::Outcome => "outcome",
            Kind::Deadline => "deadline",
        };
        let detail = match r.kind {
            Kind::Deadline if r.changed > 0 => format!("  (due {}, state {})", r.due_at, r.state),
            _ => String::new(),
        };
        let _ = writeln!(s, "  {kind:<15} {:<28} {:>7}{detail}", r.rule, r.changed);
    }
    let _ = writeln!(
        s,
        "cases {}, changed {}, unchanged {}, errors {}",
        sum.cases, sum.changed, sum.unchanged, sum.errors
    );
    s
}
