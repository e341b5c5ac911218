//! `plaint policy diff OLD NEW`: what changed between two policies (or two
//! versions of one, `NAME@VERSION`), rule by rule.

use crate::args::{DiffArgs, Format};
use crate::{Failure, print_out, read_file, with_input};
use plaint_core::policy::diff::{Change, PolicyDiff, diff_documents};
use plaint_core::policy::versions::split_label;
use plaint_core::policy::{PolicyVersion, presets};
use serde_json::Value;
use std::fmt::Write;
use std::path::Path;

pub fn run(a: &DiffArgs) -> Result<(), Failure> {
    let (old, old_label) = document(&a.old)?;
    let (new, new_label) = document(&a.new)?;
    let diff = diff_documents(&old, old_label.as_deref(), &new, new_label.as_deref())
        .map_err(|e| with_input(e, &format!("{} / {}", a.old, a.new)))?;
    if a.format == Format::Json {
        let json = serde_json::to_string_pretty(&diff).map_err(|e| Failure::Io(e.to_string()))?;
        return print_out(&(json + "\n"));
    }
    print_out(&render(&diff))
}

/// The JSON of a policy file or preset, and the version label after `@`.
fn document(arg: &str) -> Result<(Value, Option<String>), Failure> {
    let parse = |text: &str, input: &str| plaint_core::decode::parse_json(text).map_err(|e| with_input(e, input));
    if Path::new(arg).is_file() {
        return Ok((parse(&read_file(arg)?, arg)?, None));
    }
    let (name, label) = split_label(arg);
    let label = label.map(str::to_string);
    if Path::new(name).is_file() {
        return Ok((parse(&read_file(name)?, name)?, label));
    }
    plaint_core::Policy::preset(name)?;
    Ok((parse(presets::text(name).unwrap_or_default(), name)?, label))
}

fn side(v: &PolicyVersion) -> String {
    match (&v.effective_from, &v.effective_to) {
        (Some(from), to) => format!(
            "{} {} (in force {from}..{})",
            v.name,
            v.version,
            to.as_deref().unwrap_or("")
        ),
        _ => format!("{} {}", v.name, v.version),
    }
}

fn value(v: &Value) -> String {
    match v {
        Value::Null => "-".into(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub fn render(d: &PolicyDiff) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}\n  -> {}", side(&d.old), side(&d.new));
    if d.changes.is_empty() {
        s.push_str("no change\n");
        return s;
    }
    for c in &d.changes {
        let what = match c.change {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
        };
        let name = if c.id.is_empty() {
            c.section.clone()
        } else {
            format!("{} {}", c.section, c.id)
        };
        let _ = writeln!(s, "{name}: {what}");
        for f in &c.fields {
            let _ = writeln!(s, "  {}: {}\n    -> {}", f.field, value(&f.old), value(&f.new));
        }
    }
    s
}
