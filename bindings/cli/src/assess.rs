//! `plaint assess CASE.json --policy NAME|PATH [--now RFC3339]`.

use crate::args::{AssessArgs, Format};
use crate::output::tr;
use crate::{Failure, labelled, load_policy_with, print_out, read_input, with_input};
use plaint_core::model::{Instant, Labelled, Lang, parse_instant};
use plaint_core::sla::{Cycle, DeadlineStatus, SlaState};
use plaint_core::{AssessOptions, Case, Error, assess_with_options};
use std::fmt::Write;

pub fn run(a: &AssessArgs) -> Result<(), Failure> {
    let (policy, beyond_data) = load_policy_with(&a.policy, &a.data)?;
    let now = match &a.now {
        Some(s) => parse_instant(s).map_err(|e| with_input(e, "--now"))?,
        None => system_now()?,
    };
    let text = read_input(&a.file)?;
    let case = Case::from_json(&text).map_err(|e| with_input(e, &a.file))?;
    let opts = AssessOptions {
        beyond_data,
        ..AssessOptions::default()
    };
    let out = assess_with_options(&policy, &case, now, &opts).map_err(|e| with_input(e, &a.file))?;
    if a.format == Format::Json {
        let json = serde_json::to_string_pretty(&out).map_err(|e| Failure::Io(e.to_string()))?;
        return print_out(&(json + "\n"));
    }
    let lang = a.lang.0;
    let mut s = String::new();
    let c = &out.classification;
    let sev = c.severity.map_or("-".into(), |v| labelled(v, v.code(), lang));
    let _ = writeln!(
        s,
        "{}  severity {}  state {}  owner {}",
        out.complaint_id,
        sev,
        labelled(out.state, out.state.code(), lang),
        out.owner.as_deref().unwrap_or("-")
    );
    let _ = writeln!(s, "  at {}", out.now);
    let v = &out.policy_version;
    let _ = match &v.effective_from {
        Some(from) => writeln!(
            s,
            "  policy {} {} (in force {from}..{}, {})",
            v.name,
            v.version,
            v.effective_to.as_deref().unwrap_or(""),
            v.selected_by.label(lang)
        ),
        None => writeln!(s, "  policy {} {}", v.name, v.version),
    };
    let _ = writeln!(s, "  {} {}", tr("calendar", lang), out.calendar);
    let _ = writeln!(s, "deadlines:");
    for d in &out.deadlines {
        deadline(&mut s, d, &out.calendar, a.explain, lang);
    }
    if !out.escalations.is_empty() {
        let _ = writeln!(s, "escalations:");
        for e in &out.escalations {
            let _ = writeln!(
                s,
                "  {} -> {} ({}), notify at {}",
                e.trigger, e.level, e.reason, e.notify_at
            );
        }
    }
    if !out.required_actions.is_empty() {
        let _ = writeln!(s, "required actions:");
        for r in &out.required_actions {
            let due = match (r.due_at, r.overdue) {
                (Some(t), true) => format!(" (overdue since {t})"),
                (Some(t), false) => format!(" (by {t})"),
                (None, _) => String::new(),
            };
            let _ = writeln!(s, "  {}: {}{due} [{}]", r.action, r.text.get(lang), r.source);
        }
    }
    let _ = writeln!(
        s,
        "next check at: {}",
        out.next_check_at.map_or("-".into(), |t| t.to_string())
    );
    if !out.warnings.is_empty() {
        let _ = writeln!(s, "{}:", tr("warnings", lang));
        for w in &out.warnings {
            let _ = writeln!(s, "  {}: {}", w.code.code(), w.message);
        }
    }
    if out.deadlines.iter().any(DeadlineStatus::undetermined_past_data) {
        let _ = writeln!(s, "{}", tr(crate::PAST_THE_DATA, lang));
    }
    print_out(&s)
}

/// One deadline: its line (with its calendar when it is not the case's, its
/// department, its cycles), then what `--explain` adds or, without it, the
/// notes a reader must not miss.
fn deadline(s: &mut String, d: &DeadlineStatus, case_calendar: &str, explain: bool, lang: Lang) {
    let due = d.due_at.map_or("-".into(), |t| t.to_string());
    let rem = d
        .remaining
        .map_or(String::new(), |r| format!("  remaining {r} {}", d.unit));
    let mut tail = String::new();
    if d.provisional {
        let _ = write!(tail, "  ({})", tr("provisional", lang));
    }
    if &*d.calendar != case_calendar && d.state != SlaState::NotApplicable {
        let _ = write!(tail, "  [{} {}]", tr("calendar", lang), d.calendar);
    }
    if let Some(dept) = &d.department {
        let _ = write!(tail, "  {} {dept}", tr("department", lang));
    }
    let _ = writeln!(
        s,
        "  {:<24} {:<15} due {}{}{}",
        d.id,
        labelled(d.state, d.state.code(), lang),
        due,
        rem,
        tail
    );
    if let Some(e) = &d.error {
        let _ = writeln!(s, "    {}: {}: {}", tr("undetermined", lang), e.code, e.message);
    }
    if let Some(t) = d.counted_until {
        let _ = writeln!(s, "    {} {t}", tr("counted until", lang));
    }
    if explain {
        explain_deadline(s, d, lang);
        return;
    }
    if let Some(cycles) = d.cycles.as_ref().filter(|c| !c.is_empty()) {
        let _ = writeln!(s, "    {}: {}", tr("cycles", lang), cycle_counts(cycles, lang));
    }
    for n in d
        .notes
        .iter()
        .filter(|n| n.starts_with("provisional") || n.starts_with("escalation"))
    {
        let _ = writeln!(s, "    {n}");
    }
}

/// `--explain`: the calendar and why, the start and target, the warning
/// point, every cycle, every note.
fn explain_deadline(s: &mut String, d: &DeadlineStatus, lang: Lang) {
    if d.state == SlaState::NotApplicable {
        for n in &d.notes {
            let _ = writeln!(s, "    {n}");
        }
        return;
    }
    let _ = writeln!(s, "    {} {}", tr("calendar", lang), d.calendar);
    let started = d.started_at.map_or("-".into(), |t| t.to_string());
    let _ = writeln!(
        s,
        "    {} {started}, {} {} {} ({})",
        tr("started", lang),
        tr("target", lang),
        d.amount,
        d.unit,
        d.clock.code()
    );
    if let Some(w) = d.warn_at {
        let _ = writeln!(s, "    {} {w}", tr("warning at", lang));
    }
    for (i, c) in d.cycles.iter().flatten().enumerate() {
        let due = c.due_at.map_or("-".into(), |t| t.to_string());
        let met = c.met_at.map_or(String::new(), |t| format!(", {} {t}", tr("met", lang)));
        let dept = c
            .department
            .as_ref()
            .map_or(String::new(), |d| format!(", {} {d}", tr("department", lang)));
        let _ = writeln!(
            s,
            "    {} {}: {} {}, due {due}{met}{dept}: {}",
            tr("cycle", lang),
            i + 1,
            tr("started", lang),
            c.started_at,
            labelled(c.state, c.state.code(), lang)
        );
    }
    for n in &d.notes {
        let _ = writeln!(s, "    {n}");
    }
}

/// "3 (met 1, met late 1, pending 1)": the cycles by state.
fn cycle_counts(cycles: &[Cycle], lang: Lang) -> String {
    let mut by: Vec<(SlaState, usize)> = Vec::new();
    for c in cycles {
        match by.iter_mut().find(|(s, _)| *s == c.state) {
            Some((_, n)) => *n += 1,
            None => by.push((c.state, 1)),
        }
    }
    let parts: Vec<String> = by.iter().map(|(st, n)| format!("{} {n}", st.label(lang))).collect();
    format!("{} ({})", cycles.len(), parts.join(", "))
}

/// The host's clock: only the command line reads it, never the core. A
/// clock set outside the years 1000-9999 is an error naming `--now`, the
/// option that overrides it.
pub(crate) fn system_now() -> Result<Instant, Failure> {
    let ms = match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_millis()).map_or(i64::MIN, |b| -b),
    };
    Instant::from_ms_at(ms, "--now").map_err(|e| {
        Failure::from(Error::new(
            e.code(),
            e.path(),
            format!("the system clock reads {ms} ms, outside the years 1000-9999; pass --now"),
        ))
    })
}
