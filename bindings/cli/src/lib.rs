//! The `plaint` command line: a thin translation layer over plaint-core.
//!
//! Every rule lives in the core (its JSON layer, `plaint_core::api`, and the
//! typed functions behind it); this crate only parses arguments, reads files,
//! and prints. Bindings translate, never decide.

pub mod args;
mod assess;
mod calendar_cmd;
mod calendar_show;
mod output;
mod policy_diff;
mod replay;
mod stats;
mod stream;
mod triage;

pub use replay::replay_stream;
pub use stream::{Stats, deadline_stream};

use args::{Cli, Command, DeadlineArgs, Format, PolicyCommand, SchemaKind};
use output::{Paint, tr};
use plaint_core::model::{Labelled, Lang};
use plaint_core::{Calendar, Code, Error, Policy};
use std::io::{self, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::Path;
use std::sync::Arc;

/// The JSON Schemas of the formats, written by hand (see bindings/cli/schema).
pub const POLICY_SCHEMA: &str = include_str!("../schema/policy.json");
pub const COMPLAINT_SCHEMA: &str = include_str!("../schema/complaint.json");
pub const ASSESSMENT_SCHEMA: &str = include_str!("../schema/assessment.json");

/// What to do when a computation reaches past a calendar's official
/// holiday data (each year's schedule is published late in the year before):
/// printed under that error, and under an assessment that has a deadline it
/// could not compute for that reason.
pub(crate) const PAST_THE_DATA: &str = "hint: past the calendar's official holiday data: \
import the next schedule with `plaint calendar import` and pass it with --calendar; \
assess, stats and deadline can also count on projected holidays (--beyond-data projected)";

/// Why a command failed; every variant exits with status 1.
#[derive(Debug)]
pub enum Failure {
    /// An error from the core, optionally about a named input.
    Core { error: Error, input: Option<String> },
    /// A file could not be read or written.
    Io(String),
    /// The problems were already printed (policy check); exit 1 quietly.
    Reported,
    /// The arguments do not fit the command (exit status 2).
    Usage(String),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        Failure::Core { error, input: None }
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::Io(e.to_string())
    }
}

impl Failure {
    /// Print the failure on stderr: `error: CODE: MESSAGE`, then `  at PATH`
    /// when the path is not empty, for every problem.
    pub fn report(&self, err: &mut impl Write) {
        match self {
            Failure::Core { error, input } => {
                for p in error.problems() {
                    let _ = writeln!(err, "error: {}: {}", p.code, p.message);
                    if !p.path.is_empty() {
                        let _ = writeln!(err, "  at {}", p.path);
                    }
                }
                if let Some(input) = input {
                    let _ = writeln!(err, "  in {input}");
                }
                if error.problems().iter().any(|p| p.code == Code::CalendarRangeExceeded) {
                    let _ = writeln!(err, "{PAST_THE_DATA}");
                }
            }
            Failure::Io(msg) => {
                let _ = writeln!(err, "error: io: {msg}");
            }
            Failure::Reported => {}
            Failure::Usage(msg) => {
                let _ = writeln!(err, "error: {msg}");
            }
        }
    }
}

/// Run a parsed command line; the process exit status is 0 on success, 1 on
/// a failure (already reported on stderr).
pub fn run(cli: Cli) -> i32 {
    let stdout = io::stdout();
    let colour = stdout.is_terminal();
    let result = match cli.command {
        Command::Triage(a) => triage_cmd(&a, Paint { on: colour }),
        Command::Assess(a) => assess::run(&a),
        Command::Stats(a) => stats::run(&a),
        Command::Presets(a) => presets_cmd(a.lang.0),
        Command::Policy {
            command: PolicyCommand::Check { file },
        } => policy_check(&file),
        Command::Policy {
            command: PolicyCommand::Diff(a),
        } => policy_diff::run(&a),
        Command::Replay(a) => replay::run(&a),
        Command::Schema { kind } => {
            let text = match kind {
                SchemaKind::Policy => POLICY_SCHEMA,
                SchemaKind::Complaint => COMPLAINT_SCHEMA,
                SchemaKind::Assessment => ASSESSMENT_SCHEMA,
            };
            print_out(text)
        }
        Command::Deadline(a) => deadline_cmd(&a),
        Command::Calendar {
            command: args::CalendarCommand::Show(a),
        } => load_calendar(&a.calendar).and_then(|cal| {
            let text = calendar_show::render(&cal, a.year, a.lang.0, Paint { on: colour })?;
            print_out(&text)
        }),
        Command::Calendar {
            command: args::CalendarCommand::Status(a),
        } => calendar_cmd::status(&a),
        Command::Calendar {
            command: args::CalendarCommand::Import(a),
        } => calendar_cmd::import(&a),
    };
    match result {
        Ok(()) => 0,
        Err(f) => {
            f.report(&mut io::stderr().lock());
            if matches!(f, Failure::Usage(_)) { 2 } else { 1 }
        }
    }
}

/// Write to stdout; a closed pipe is not an error worth reporting.
pub(crate) fn print_out(text: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(Failure::from),
    }
}

pub(crate) fn read_file(path: &str) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|e| Failure::Io(format!("cannot read {path}: {e}")))
}

pub(crate) fn read_input(path: &str) -> Result<String, Failure> {
    if path == "-" {
        let mut s = String::new();
        io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| Failure::Io(format!("cannot read stdin: {e}")))?;
        Ok(s)
    } else {
        read_file(path)
    }
}

pub(crate) fn with_input(error: Error, input: &str) -> Failure {
    Failure::Core {
        error,
        input: Some(input.to_string()),
    }
}

/// A policy: the file when `arg` names one, else the embedded preset;
/// `PATH@VERSION` or `NAME@VERSION` pins one version of a policy with versions.
pub fn load_policy(arg: &str) -> Result<Arc<Policy>, Failure> {
    if Path::new(arg).is_file() {
        let text = read_file(arg)?;
        return Policy::from_json(&text).map(Arc::new).map_err(|e| with_input(e, arg));
    }
    if let (path, Some(label)) = plaint_core::policy::versions::split_label(arg)
        && Path::new(path).is_file()
    {
        let policy = Policy::from_json(&read_file(path)?).map_err(|e| with_input(e, path))?;
        return policy.pinned(label).map(Arc::new).map_err(|e| with_input(e, arg));
    }
    Ok(Policy::preset(arg)?)
}

/// The policy with the calendar of `--calendar` when given, and the
/// `--beyond-data` choice.
pub fn load_policy_with(
    arg: &str,
    data: &args::DataArgs,
) -> Result<(Arc<Policy>, Option<plaint_core::BeyondData>), Failure> {
    let mut policy = load_policy(arg)?;
    if let Some(c) = &data.calendar {
        let cal = load_calendar(c)?;
        policy = Arc::new(policy.with_calendar(cal).map_err(|e| with_input(e, "--calendar"))?);
    }
    let beyond = data
        .beyond_data
        .as_deref()
        .map(|b| plaint_core::api::read_beyond_data(&serde_json::json!({ "beyond_data": b })))
        .transpose()?
        .flatten();
    Ok((policy, beyond))
}

/// A calendar: the file when `arg` names one, else the embedded calendar.
pub fn load_calendar(arg: &str) -> Result<Arc<Calendar>, Failure> {
    if Path::new(arg).is_file() {
        let text = read_file(arg)?;
        Calendar::from_json(&text).map(Arc::new).map_err(|e| with_input(e, arg))
    } else {
        Ok(Calendar::preset(arg)?)
    }
}

fn triage_cmd(a: &args::TriageArgs, paint: Paint) -> Result<(), Failure> {
    let policy = load_policy(&a.policy)?;
    let files: Vec<String> = if a.files.is_empty() {
        vec!["-".into()]
    } else {
        a.files.clone()
    };
    // Classify everything first: a failure prints nothing on stdout.
    let mut done = Vec::with_capacity(files.len());
    for file in &files {
        let text = read_input(file)?;
        let value = plaint_core::decode::parse_json(&text).map_err(|e| with_input(e, file))?;
        done.push(match a.format {
            Format::Json => {
                let v = plaint_core::api::classify_value(&policy, &value).map_err(|e| with_input(e, file))?;
                triage::Done::Json(v)
            }
            Format::Text => {
                let c = plaint_core::Complaint::from_value(&value).map_err(|e| with_input(e, file))?;
                let cl = plaint_core::classify(&policy, &c);
                triage::Done::Text(triage::render(&policy, &c, &cl, a.lang.0, paint))
            }
        });
    }
    let mut out = String::new();
    match a.format {
        Format::Json => {
            let values: Vec<serde_json::Value> = done
                .into_iter()
                .filter_map(|d| if let triage::Done::Json(v) = d { Some(v) } else { None })
                .collect();
            let doc = if values.len() == 1 && files.len() == 1 {
                values.into_iter().next().unwrap_or_default()
            } else {
                serde_json::Value::Array(values)
            };
            out = serde_json::to_string(&doc).map_err(|e| Failure::Io(e.to_string()))?;
            out.push('\n');
        }
        Format::Text => {
            for (i, d) in done.into_iter().enumerate() {
                if let triage::Done::Text(t) = d {
                    if i > 0 {
                        out.push('\n');
                    }
                    out.push_str(&t);
                }
            }
        }
    }
    print_out(&out)
}

fn presets_cmd(lang: Lang) -> Result<(), Failure> {
    let mut out = String::new();
    out.push_str(tr("Policy presets", lang));
    out.push_str(":\n");
    for name in plaint_core::policy::presets::names() {
        match Policy::preset(name) {
            Ok(p) if p.versions().is_empty() => {
                out.push_str(&format!("  {name:<14} {}  ({})\n", p.title.get(lang), p.version))
            }
            Ok(p) => {
                out.push_str(&format!("  {name:<14} {}\n", p.title.get(lang)));
                for v in p.versions() {
                    out.push_str(&format!(
                        "  {:<14}   @{} {}  ({})\n",
                        "",
                        v.version,
                        v.title.get(lang),
                        in_force(v)
                    ));
                }
            }
            Err(e) => out.push_str(&format!("  {name:<14} (does not load: {})\n", e.code())),
        }
    }
    out.push('\n');
    out.push_str(tr("Calendars", lang));
    out.push_str(":\n");
    for name in plaint_core::time::presets::names() {
        match Calendar::preset(name) {
            Ok(c) => {
                let s = c.spec();
                out.push_str(&format!(
                    "  {name:<14} {}  ({}, {}..{})\n",
                    s.title, s.zone, s.valid_from, s.valid_to
                ));
            }
            Err(e) => out.push_str(&format!("  {name:<14} (does not load: {})\n", e.code())),
        }
    }
    print_out(&out)
}

fn policy_check(file: &str) -> Result<(), Failure> {
    let loaded = if Path::new(file).is_file() {
        Policy::from_json(&read_file(file)?).map(Arc::new)
    } else {
        Policy::preset(file)
    };
    match loaded {
        Ok(p) => {
            let mut out = format!("ok: {} {}\n", p.name, p.version);
            for v in p.versions() {
                out.push_str(&format!("  version {}: {}\n", v.version, in_force(v)));
            }
            print_out(&out)
        }
        Err(e) => {
            let mut out = String::new();
            for p in e.problems() {
                out.push_str(&format!("{}: {}: {}\n", p.path, p.code, p.message));
            }
            print_out(&out)?;
            let n = e.problems().len();
            eprintln!(
                "error: {}: {file}: {n} problem{}",
                e.code(),
                if n == 1 { "" } else { "s" }
            );
            Err(Failure::Reported)
        }
    }
}

fn deadline_cmd(a: &DeadlineArgs) -> Result<(), Failure> {
    let cal = load_calendar(&a.calendar)?;
    if a.jsonl {
        let input = BufReader::with_capacity(1 << 16, io::stdin());
        let output = BufWriter::with_capacity(1 << 16, io::stdout());
        return match deadline_stream(&cal, input, output) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            other => other.map(|_| ()).map_err(Failure::from),
        };
    }
    // Translate the flags into the JSON request every binding uses.
    let mut req = serde_json::Map::new();
    let mut put = |k: &str, v: Option<serde_json::Value>| {
        if let Some(v) = v {
            req.insert(k.to_string(), v);
        }
    };
    put("start", a.start.clone().map(Into::into));
    put("clock", a.clock.clone().map(Into::into));
    put("amount", a.amount.map(Into::into));
    put("end", a.end.clone().map(Into::into));
    put("roll", a.roll.clone().map(Into::into));
    put("beyond_data", a.beyond_data.clone().map(Into::into));
    let req = serde_json::Value::Object(req);
    let mut out = String::new();
    if a.explain {
        out.push_str(&plaint_core::api::explain_request(&cal, &req)?.to_text(a.lang.0));
    } else {
        let v = plaint_core::api::deadline_value(&cal, &req)?;
        out.push_str(v["due_at"].as_str().unwrap_or_default());
        if v["provisional"] == serde_json::Value::Bool(true) {
            out.push_str("  (provisional: counted on projected holiday data)");
        }
        out.push('\n');
    }
    print_out(&out)
}

/// The days a version is in force: `in force 2026-04-15..` (to an open end).
pub(crate) fn in_force(p: &Policy) -> String {
    let v = &p.applied;
    format!(
        "in force {}..{}",
        v.effective_from.as_deref().unwrap_or(""),
        v.effective_to.as_deref().unwrap_or("")
    )
}

/// A label in `lang` with its code in brackets when they differ.
pub(crate) fn labelled<T: Labelled + Copy>(v: T, code: &str, lang: Lang) -> String {
    let label = v.label(lang);
    if label == code {
        label.to_string()
    } else {
        format!("{label} [{code}]")
    }
}
