//! Reading and validating a policy document: every problem at once, each
//! with a code and a JSON path.

use crate::classify::text::{Signal, SignalSet, normalize};
use crate::decode::{Fields, Reader, child, index};
use crate::error::Code;
use crate::model::{Category, ClaimType, EventKind, Nature, Remedy, Severity, Text, Validity};
use crate::policy::condition::{Condition, read_condition};
use crate::policy::read_sla;
use crate::policy::types::*;
use crate::policy::versions::{self, PolicyVersion, SelectedBy};
use crate::time::calendar::read_calendar;
use crate::time::units::{HOUR_MS, MINUTE_MS};
use crate::time::{Calendar, Clock, PartialDays, Roll, Span, presets};
use serde_json::Value;
use std::sync::Arc;

/// Read a whole policy document at the root: a single policy, or a
/// document with `versions` (see `versions`).
pub fn read_policy(r: &mut Reader, v: &Value) -> Option<Policy> {
    let mut f = r.object(v, "")?;
    let format_ok = read_version(r, &mut f);
    let name: Option<Text> = f.req(r, "name").and_then(|(v, p)| r.name(v, &p).map(Text::from));
    let policy = if f.has("versions") {
        read_versioned(r, &mut f, name)
    } else {
        let version = f.req(r, "version").and_then(|(v, p)| r.name(v, &p).map(Text::from));
        let body = read_body(r, &mut f);
        let applied = |name: Text, version: Text| PolicyVersion {
            name,
            version,
            effective_from: None,
            effective_to: None,
            selected_by: SelectedBy::Single,
        };
        body.and_then(|b| Some(b.into_policy(applied(name?, version?))))
    };
    f.done(r);
    policy.filter(|_| format_ok)
}

/// A document with versions: `name`, optional `title`, `source` and
/// `in_force_at`, and `versions`, each a complete body with its dates.
fn read_versioned(r: &mut Reader, f: &mut Fields, name: Option<Text>) -> Option<Policy> {
    let title = f.opt("title").and_then(|(v, p)| read_title(r, v, &p));
    let source: Option<Text> = opt_text(r, f, "source");
    let in_force_at = versions::read_in_force_at(r, f);
    let (items, path) = f.req(r, "versions")?;
    let items = r.array(items, &path)?;
    let mut read = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = versions::version_path(i);
        let Some(mut vf) = r.object(item, &path) else {
            continue;
        };
        let version = vf.req(r, "version").and_then(|(v, p)| r.name(v, &p).map(Text::from));
        let (from, to) = versions::read_dates(r, &mut vf);
        let body = read_body(r, &mut vf);
        vf.done(r);
        let (Some(name), Some(version), Some(from), Some(to), Some(body)) = (name.clone(), version, from, to, body)
        else {
            continue;
        };
        let applied = PolicyVersion {
            name,
            version,
            effective_from: None,
            effective_to: None,
            selected_by: SelectedBy::Single,
        };
        read.push(versions::Read {
            policy: body.into_policy(applied),
            from,
            to,
            path,
        });
    }
    if read.len() < items.len() {
        return None;
    }
    let mut top = versions::assemble(r, read, in_force_at?, &path)?;
    if let Some(title) = title {
        top.title = title;
    }
    if source.is_some() {
        top.source = source;
    }
    Some(top)
}

/// The rules of one policy (or one version): everything but its name,
/// version and dates.
struct Body {
    title: Title,
    source: Option<Text>,
    calendar: Arc<Calendar>,
    calendars: Vec<NamedCalendar>,
    signals: SignalSet,
    tables: Vec<Table>,
    deadlines: Vec<DeadlineRule>,
    escalation: Escalation,
    authority: Vec<AuthorityRow>,
    lifecycle: Vec<crate::lifecycle::Transition>,
    obligations: Vec<Obligation>,
    options: Options,
}

impl Body {
    fn into_policy(self, applied: PolicyVersion) -> Policy {
        Policy {
            name: applied.name.to_string(),
            version: applied.version.to_string(),
            title: self.title,
            source: self.source,
            calendar: self.calendar,
            calendars: self.calendars,
            signals: self.signals,
            tables: self.tables,
            deadlines: self.deadlines,
            escalation: self.escalation,
            authority: self.authority,
            lifecycle: self.lifecycle,
            obligations: self.obligations,
            options: self.options,
            applied,
            effective: None,
            history: None,
        }
    }
}

fn read_body(r: &mut Reader, f: &mut Fields) -> Option<Body> {
    let title = f
        .opt("title")
        .and_then(|(v, p)| read_title(r, v, &p))
        .unwrap_or_default();
    let source = opt_text(r, f, "source");
    let calendar = f.req(r, "calendar").and_then(|(v, p)| read_policy_calendar(r, v, &p));
    let signals = f
        .opt("signals")
        .and_then(|(v, p)| read_signals(r, v, &p))
        .unwrap_or_else(SignalSet::empty);
    let calendars = f
        .opt("calendars")
        .map(|(v, p)| read_sla::read_calendars(r, v, &p, &signals))
        .unwrap_or_default();
    check_ids(r, calendars.iter().map(|c| c.id.as_ref()), &child(&f.path, "calendars"));
    let tables = f
        .opt("classification")
        .map(|(v, p)| read_list(r, v, &p, |r, v, p| read_table(r, v, p, &signals)))
        .unwrap_or_default();
    let deadlines = f
        .opt("deadlines")
        .map(|(v, p)| read_list(r, v, &p, |r, v, p| read_deadline(r, v, p, &signals, &calendars)))
        .unwrap_or_default();
    let deadlines_path = child(&f.path, "deadlines");
    check_ids(r, deadlines.iter().map(|d| d.id.as_ref()), &deadlines_path);
    for (i, d) in deadlines.iter().enumerate() {
        let path = child(&index(&deadlines_path, i), "applies_when");
        check_deadline_refs(r, &d.applies_when, &path, &deadlines[..i], "listed before this rule");
    }
    check_ids(
        r,
        tables.iter().map(|t| t.id.as_ref()),
        &child(&f.path, "classification"),
    );
    let escalation = f
        .opt("escalation")
        .and_then(|(v, p)| read_escalation(r, v, &p, &signals, &deadlines))
        .unwrap_or_default();
    let authority = f
        .opt("authority")
        .map(|(v, p)| read_list(r, v, &p, |r, v, p| read_authority(r, v, p, &escalation)))
        .unwrap_or_default();
    let obligations = f
        .opt("obligations")
        .map(|(v, p)| read_list(r, v, &p, |r, v, p| read_obligation(r, v, p, &signals, &deadlines)))
        .unwrap_or_default();
    check_ids(
        r,
        obligations.iter().map(|o| o.id.as_ref()),
        &child(&f.path, "obligations"),
    );
    let lifecycle = f
        .opt("lifecycle")
        .map(|(v, p)| read_lifecycle(r, v, &p))
        .unwrap_or_else(crate::lifecycle::default_transitions);
    let options = f
        .opt("options")
        .map(|(v, p)| read_options(r, v, &p))
        .unwrap_or_default();
    Some(Body {
        title,
        source,
        calendar: calendar?,
        calendars,
        signals,
        tables,
        deadlines,
        escalation,
        authority,
        lifecycle,
        obligations,
        options,
    })
}

fn read_version(r: &mut Reader, f: &mut Fields) -> bool {
    let Some((v, p)) = f.req(r, "plaint_policy") else {
        return false;
    };
    match r.integer(v, &p) {
        Some(POLICY_FORMAT) => true,
        Some(other) => {
            r.push(
                Code::UnsupportedVersion,
                &p,
                format!("unsupported policy format version {other} (this library reads {POLICY_FORMAT})"),
            );
            false
        }
        None => false,
    }
}

fn opt_text<T: for<'a> From<&'a str>>(r: &mut Reader, f: &mut Fields, key: &'static str) -> Option<T> {
    f.opt(key).and_then(|(v, p)| r.string(v, &p).map(T::from))
}

/// Read a list, keeping the items that are valid (problems are recorded).
pub(super) fn read_list<T>(
    r: &mut Reader,
    v: &Value,
    path: &str,
    mut item: impl FnMut(&mut Reader, &Value, &str) -> Option<T>,
) -> Vec<T> {
    let Some(items) = r.array(v, path) else {
        return Vec::new();
    };
    items
        .iter()
        .enumerate()
        .filter_map(|(i, v)| item(r, v, &index(path, i)))
        .collect()
}

fn check_ids<'a>(r: &mut Reader, ids: impl Iterator<Item = &'a str>, path: &str) {
    let mut seen: Vec<&str> = Vec::new();
    for (i, id) in ids.enumerate() {
        if seen.contains(&id) {
            r.push(
                Code::DuplicateId,
                &child(&index(path, i), "id"),
                format!("duplicate id {id:?}"),
            );
        }
        seen.push(id);
    }
}

fn read_id<T: for<'a> From<&'a str>>(r: &mut Reader, f: &mut Fields) -> Option<T> {
    f.req(r, "id").and_then(|(v, p)| r.name(v, &p).map(T::from))
}

pub(crate) fn read_title(r: &mut Reader, v: &Value, path: &str) -> Option<Title> {
    let mut f = r.object(v, path)?;
    let t = Title {
        zh_hans: opt_text(r, &mut f, "zh-Hans"),
        zh_hant: opt_text(r, &mut f, "zh-Hant"),
        en: opt_text(r, &mut f, "en"),
    };
    f.done(r);
    if t == Title::default() {
        r.push(
            Code::MissingField,
            path,
            "a title needs at least one of zh-Hans, zh-Hant, en",
        );
    }
    Some(t)
}

pub(super) fn read_policy_calendar(r: &mut Reader, v: &Value, path: &str) -> Option<Arc<Calendar>> {
    match v {
        Value::String(name) => match presets::calendar(name) {
            Ok(c) => Some(c),
            Err(e) => {
                r.push(Code::UnknownCalendar, path, e.to_string());
                None
            }
        },
        Value::Object(_) => read_calendar(r, v, path, &presets::spec).map(|s| Arc::new(Calendar::new(s))),
        _ => {
            r.push(Code::InvalidType, path, "expected a calendar name or a calendar object");
            None
        }
    }
}

fn read_signals(r: &mut Reader, v: &Value, path: &str) -> Option<SignalSet> {
    let signals = read_list(r, v, path, |r, v, p| {
        let mut f = r.object(v, p)?;
        let id: Option<Text> = read_id(r, &mut f);
        f.opt("title").and_then(|(v, p)| read_title(r, v, &p));
        let keywords = f.req(r, "keywords").and_then(|(v, p)| read_keywords(r, v, &p));
        f.done(r);
        Some(Signal {
            id: id?,
            keywords: keywords?.into_iter().map(Text::from).collect(),
        })
    });
    check_ids(r, signals.iter().map(|s| s.id.as_ref()), path);
    match SignalSet::new(signals) {
        Ok(set) => Some(set),
        Err(e) => {
            r.push(Code::InvalidValue, path, format!("keywords cannot be compiled: {e}"));
            None
        }
    }
}

fn read_keywords(r: &mut Reader, v: &Value, path: &str) -> Option<Vec<String>> {
    let mut f = r.object(v, path)?;
    let mut out = Vec::new();
    for lang in ["zh-Hans", "zh-Hant", "en"] {
        if let Some((v, p)) = f.opt(lang) {
            for (i, kw) in r.array(v, &p).map(Vec::as_slice).unwrap_or_default().iter().enumerate() {
                if let Some(s) = r.name(kw, &index(&p, i)) {
                    out.push(normalize(s));
                }
            }
        }
    }
    f.done(r);
    if out.is_empty() {
        r.push(Code::MissingField, path, "a signal needs at least one keyword");
        return None;
    }
    Some(out)
}

fn read_table(r: &mut Reader, v: &Value, path: &str, signals: &SignalSet) -> Option<Table> {
    let mut f = r.object(v, path)?;
    let id = read_id(r, &mut f);
    let output: Option<OutputKind> = f.req(r, "output").and_then(|(v, p)| r.code(v, &p));
    let hit = f.opt("hit").map_or(Some(Hit::First), |(v, p)| r.code(v, &p));
    let source = opt_text(r, &mut f, "source");
    let out = |r: &mut Reader, v: &Value, p: &str| output.and_then(|o| read_out_value(r, v, p, o));
    let default = f.opt("default").and_then(|(v, p)| out(r, v, &p));
    let rank = f
        .opt("rank")
        .map(|(v, p)| read_list(r, v, &p, |r, v, p| out(r, v, p)))
        .unwrap_or_default();
    let rows = f
        .req(r, "rows")
        .map(|(v, p)| {
            read_list(r, v, &p, |r, v, p| {
                let mut f = r.object(v, p)?;
                let id = read_id(r, &mut f);
                let when = f.req(r, "when").and_then(|(v, p)| {
                    let when = read_condition(r, v, &p, signals)?;
                    classification_fields_only(r, &when, &p).then_some(when)
                });
                let then = f.req(r, "then").and_then(|(v, p)| out(r, v, &p));
                let source = opt_text(r, &mut f, "source");
                f.opt("note");
                f.done(r);
                let when = when?;
                let conditions = when.tests.iter().map(|t| Text::from(t.describe(signals))).collect();
                Some(Row {
                    id: id?,
                    when,
                    then: then?,
                    source,
                    conditions,
                })
            })
        })
        .unwrap_or_default();
    f.done(r);
    check_ids(r, rows.iter().map(|row| row.id.as_ref()), &child(path, "rows"));
    Some(Table {
        id: id?,
        output: output?,
        hit: hit?,
        default,
        rank,
        rows,
        source,
    })
}

fn read_out_value(r: &mut Reader, v: &Value, path: &str, kind: OutputKind) -> Option<OutValue> {
    Some(match kind {
        OutputKind::Severity => OutValue::Severity(r.code::<Severity>(v, path)?),
        OutputKind::Category => OutValue::Category(r.code::<Category>(v, path)?),
        OutputKind::Nature => OutValue::Nature(r.code::<Nature>(v, path)?),
        OutputKind::Validity => OutValue::Validity(r.code::<Validity>(v, path)?),
        OutputKind::ClaimType => OutValue::ClaimType(r.code::<ClaimType>(v, path)?),
        OutputKind::Route => OutValue::Route(r.name(v, path)?.to_string()),
    })
}

/// `clock`, `amount`, `unit`, `end`, `roll` of a deadline or an interval.
fn read_span(r: &mut Reader, f: &mut Fields) -> Option<Span> {
    let clock: Option<Clock> = f.req(r, "clock").and_then(|(v, p)| r.code(v, &p));
    let amount = f.req(r, "amount").and_then(|(v, p)| r.count(v, &p));
    let unit = f.opt("unit");
    let end = f.opt("end").map(|(v, p)| r.code(v, &p));
    let roll = f.opt("roll").map_or(Some(Roll::None), |(v, p)| r.code(v, &p));
    let clock = clock?;
    let factor = match (clock.is_duration(), unit) {
        (true, None) => MINUTE_MS,
        (true, Some((v, p))) => match r.string(v, &p)? {
            "minutes" => MINUTE_MS,
            "hours" => HOUR_MS,
            other => {
                r.push(
                    Code::InvalidValue,
                    &p,
                    format!("unknown unit {other:?}; expected minutes or hours"),
                );
                return None;
            }
        },
        (false, Some((_, p))) => {
            r.push(
                Code::InvalidValue,
                &p,
                format!("a {} rule counts {}; it takes no unit", clock.code(), clock.unit()),
            );
            return None;
        }
        (false, None) => 1,
    };
    let amount = amount?;
    let Some(amount) = amount.checked_mul(factor) else {
        r.push(
            Code::AmountOverflow,
            &child(&f.path, "amount"),
            format!("amount {amount} is too large"),
        );
        return None;
    };
    Some(Span::new(clock, amount).with_end(end.flatten()).with_roll(roll?))
}

fn read_span_object(r: &mut Reader, v: &Value, path: &str) -> Option<Span> {
    let mut f = r.object(v, path)?;
    let span = read_span(r, &mut f);
    f.done(r);
    span
}

fn read_deadline(
    r: &mut Reader,
    v: &Value,
    path: &str,
    signals: &SignalSet,
    calendars: &[NamedCalendar],
) -> Option<DeadlineRule> {
    let mut f = r.object(v, path)?;
    let id = read_id(r, &mut f);
    let title = f
        .opt("title")
        .and_then(|(v, p)| read_title(r, v, &p))
        .unwrap_or_default();
    let source = opt_text(r, &mut f, "source");
    let kind = f.opt("kind").map_or(Some(RuleKind::Deadline), |(v, p)| r.code(v, &p));
    let applies_when = f
        .opt("applies_when")
        .map(|(v, p)| read_condition(r, v, &p, signals))
        .unwrap_or(Some(Condition::default()));
    let span = read_span(r, &mut f);
    // An internal target starts at each hand-off.
    let default_start = match kind {
        Some(RuleKind::Internal) => EventKind::Forwarded,
        _ => EventKind::Received,
    };
    let given_start: Option<Option<EventKind>> = f.opt("start").map(|(v, p)| r.code(v, &p));
    let start = given_start.unwrap_or(Some(default_start));
    let start_nth = read_start_nth(r, &mut f, start);
    let restart_on = f.opt("restart_on").map_or(Some(Vec::new()), |(v, p)| r.codes(v, &p));
    let met_by: Option<Vec<EventKind>> = f.req(r, "met_by").and_then(|(v, p)| {
        let list = r.codes(v, &p)?;
        if list.is_empty() {
            r.push(Code::InvalidValue, &p, "at least one event must meet the deadline");
            return None;
        }
        Some(list)
    });
    let pause_when = f.opt("pause_when").map_or(Some(Vec::new()), |(v, p)| r.codes(v, &p));
    let partial_days = f
        .opt("partial_days")
        .map_or(Some(PartialDays::Count), |(v, p)| r.code(v, &p));
    let warn = f.opt("warn").map(|(v, p)| read_warn(r, v, &p));
    let on_reclassify = f
        .opt("on_reclassify")
        .map_or(Some(OnReclassify::Retroactive), |(v, p)| r.code(v, &p));
    let on_reopen = f
        .opt("on_reopen")
        .map_or(Some(OnReopen::Restart), |(v, p)| r.code(v, &p));
    let extension = f.opt("extension").map(|(v, p)| read_extension(r, v, &p));
    let customer_time = f.opt("customer_time").map_or(Some(false), |(v, p)| r.boolean(v, &p));
    let calendar = read_sla::read_rule_calendar(r, &mut f, calendars);
    let repeat = f.opt("repeat").map(|(v, p)| read_sla::read_repeat(r, v, &p));
    let departments = read_sla::read_departments(r, &mut f);
    let cycle = read_sla::CycleRule {
        kind,
        start: given_start.flatten(),
        has_repeat: repeat.is_some(),
        on_reclassify,
        customer_time,
    };
    read_sla::check_cycle_rule(r, path, &cycle, &f);
    f.done(r);
    Some(DeadlineRule {
        id: id?,
        title,
        source,
        kind: kind?,
        applies_when: applies_when?,
        span: span?,
        start: start?,
        start_nth: start_nth?,
        restart_on: restart_on?,
        met_by: met_by?,
        pause_when: pause_when?,
        partial_days: partial_days?,
        warn: warn.flatten(),
        on_reclassify: on_reclassify?,
        on_reopen: on_reopen?,
        extension_before_due: extension.as_ref().is_some_and(|e| e.as_ref().is_some_and(|e| e.1)),
        extension: extension.flatten().map(|e| e.0),
        customer_time: customer_time?,
        calendar: calendar?,
        repeat: match repeat {
            Some(r) => Some(r?),
            None => None,
        },
        departments: departments?,
    })
}

fn read_warn(r: &mut Reader, v: &Value, path: &str) -> Option<Warn> {
    let mut f = r.object(v, path)?;
    let fraction = f.opt("fraction");
    let before = f.opt("before_minutes");
    f.done(r);
    match (fraction, before) {
        (Some((v, p)), None) => {
            let x = r.number(v, &p)?;
            let ratio = Ratio::from_decimal(x);
            if ratio.is_none() {
                r.push(
                    Code::InvalidValue,
                    &p,
                    format!(
                        "fraction {x} must lie strictly between 0 and 1, with at most {} decimal places",
                        Ratio::MAX_PLACES
                    ),
                );
            }
            ratio.map(Warn::Fraction)
        }
        (None, Some((v, p))) => r.count(v, &p)?.checked_mul(MINUTE_MS).map(Warn::Before),
        _ => {
            r.push(Code::InvalidValue, path, "give exactly one of fraction, before_minutes");
            None
        }
    }
}

/// `start_nth`: which occurrence of the start event starts the clock. The
/// receipt happens once, so only 1 goes with it.
fn read_start_nth(r: &mut Reader, f: &mut Fields, start: Option<EventKind>) -> Option<usize> {
    let Some((v, p)) = f.opt("start_nth") else {
        return Some(1);
    };
    let n = r.count(v, &p)?;
    if n < 1 || (n > 1 && start == Some(EventKind::Received)) {
        r.push(
            Code::InvalidValue,
            &p,
            format!("start_nth {n} must be at least 1, and 1 when the start is the receipt"),
        );
        return None;
    }
    usize::try_from(n).ok()
}

/// `{"max_amount", "max_count"}` or `{"steps": [...]}`, not both, and
/// `before_due` (whether an extension must come before the due time).
fn read_extension(r: &mut Reader, v: &Value, path: &str) -> Option<(Extension, bool)> {
    let mut f = r.object(v, path)?;
    let steps = f.opt("steps");
    let max = f.opt("max_amount");
    let count = f.opt("max_count");
    let before_due = f.opt("before_due").map_or(Some(false), |(v, p)| r.boolean(v, &p));
    f.done(r);
    let limit = read_extension_limit(r, path, steps, max, count);
    Some((limit?, before_due?))
}

type Entry<'a> = Option<(&'a Value, String)>;

fn read_extension_limit(r: &mut Reader, path: &str, steps: Entry, max: Entry, count: Entry) -> Option<Extension> {
    match (steps, max) {
        (Some((v, p)), None) if count.is_none() => {
            let items = r.array(v, &p)?;
            let steps: Option<Vec<i64>> = items
                .iter()
                .enumerate()
                .map(|(i, x)| r.count(x, &index(&p, i)))
                .collect();
            let steps = steps?;
            if steps.is_empty() {
                r.push(Code::InvalidValue, &p, "give at least one step");
                return None;
            }
            Some(Extension::Steps(steps))
        }
        (None, Some((v, p))) => {
            let max_total = r.count(v, &p);
            let max_count = count.map_or(Some(1), |(v, p)| r.count(v, &p));
            Some(Extension::Total {
                max_total: max_total?,
                max_count: max_count?,
            })
        }
        _ => {
            r.push(
                Code::InvalidValue,
                path,
                "give either steps, or max_amount (with max_count)",
            );
            None
        }
    }
}

fn read_escalation(
    r: &mut Reader,
    v: &Value,
    path: &str,
    signals: &SignalSet,
    deadlines: &[DeadlineRule],
) -> Option<Escalation> {
    let mut f = r.object(v, path)?;
    let ladder = f
        .opt("ladder")
        .map(|(v, p)| {
            read_list(r, v, &p, |r, v, p| {
                let mut f = r.object(v, p)?;
                let id = read_id(r, &mut f);
                let title = f
                    .opt("title")
                    .and_then(|(v, p)| read_title(r, v, &p))
                    .unwrap_or_default();
                f.done(r);
                Some(Level { id: id?, title })
            })
        })
        .unwrap_or_default();
    check_ids(r, ladder.iter().map(|l| l.id.as_ref()), &child(path, "ladder"));
    let triggers = f
        .opt("triggers")
        .map(|(v, p)| read_list(r, v, &p, |r, v, p| read_trigger(r, v, p, signals, deadlines, &ladder)))
        .unwrap_or_default();
    check_ids(r, triggers.iter().map(|t| t.id.as_ref()), &child(path, "triggers"));
    let quiet_hours = f
        .opt("quiet_hours")
        .and_then(|(v, p)| read_quiet(r, v, &p, signals, deadlines));
    f.done(r);
    Some(Escalation {
        ladder,
        triggers,
        quiet_hours,
    })
}

fn level_ref(r: &mut Reader, v: &Value, path: &str, ladder: &[Level]) -> Option<usize> {
    let name = r.name(v, path)?;
    let found = ladder.iter().position(|l| &*l.id == name);
    if found.is_none() {
        r.push(
            Code::UnknownReference,
            path,
            format!("unknown level {name:?}: not in /escalation/ladder"),
        );
    }
    found
}

fn read_trigger(
    r: &mut Reader,
    v: &Value,
    path: &str,
    signals: &SignalSet,
    deadlines: &[DeadlineRule],
    ladder: &[Level],
) -> Option<Trigger> {
    let mut f = r.object(v, path)?;
    let id = read_id(r, &mut f);
    let on: Option<TriggerOn> = f.req(r, "on").and_then(|(v, p)| r.code(v, &p));
    let when = f
        .opt("when")
        .map(|(v, p)| {
            let when = read_condition(r, v, &p, signals)?;
            check_deadline_refs(r, &when, &p, deadlines, "in /deadlines");
            Some(when)
        })
        .unwrap_or(Some(Condition::default()));
    let deadline = f.opt("deadline").and_then(|(v, p)| {
        let name = r.name(v, &p)?;
        let found = deadlines.iter().position(|d| &*d.id == name);
        if found.is_none() {
            r.push(Code::UnknownReference, &p, format!("unknown deadline {name:?}"));
        }
        found
    });
    let to = f.opt("to").and_then(|(v, p)| level_ref(r, v, &p, ladder));
    let step = f.opt("step").and_then(|(v, p)| r.count(v, &p));
    let every = f.opt("every").and_then(|(v, p)| read_span_object(r, v, &p));
    let act_within = f.opt("act_within").and_then(|(v, p)| read_span_object(r, v, &p));
    let window_days = f.opt("window_days").and_then(|(v, p)| r.count(v, &p));
    let count = f.opt("count").and_then(|(v, p)| r.count(v, &p));
    let by = f.opt("by").and_then(|(v, p)| r.code(v, &p));
    let times = f.opt("times").and_then(|(v, p)| r.count(v, &p));
    let source = opt_text(r, &mut f, "source");
    if matches!(on, Some(TriggerOn::AtRisk | TriggerOn::Breached)) && !f.has("deadline") {
        r.push(
            Code::MissingField,
            &child(path, "deadline"),
            "an at_risk or breached trigger names its deadline",
        );
    }
    if on == Some(TriggerOn::Batch) && !(f.has("count") && f.has("window_days") && f.has("by")) {
        r.push(
            Code::MissingField,
            path,
            "a batch trigger needs count, window_days and by",
        );
    }
    if !f.has("to") && !f.has("step") && !ladder.is_empty() {
        r.push(
            Code::MissingField,
            &child(path, "to"),
            "a trigger needs \"to\" (a level) or \"step\"",
        );
    }
    f.done(r);
    Some(Trigger {
        id: id?,
        on: on?,
        when: when?,
        deadline,
        to,
        step,
        every,
        act_within,
        window_days,
        count,
        by,
        times,
        source,
    })
}

fn read_quiet(
    r: &mut Reader,
    v: &Value,
    path: &str,
    signals: &SignalSet,
    deadlines: &[DeadlineRule],
) -> Option<QuietHours> {
    let mut f = r.object(v, path)?;
    let minute = |r: &mut Reader, key: &'static str, f: &mut Fields| {
        f.req(r, key).and_then(|(v, p)| {
            let s = r.string(v, &p)?;
            let parsed = crate::time::calendar::parse_interval(&format!("{s}-24:00")).map(|iv| iv.0);
            if parsed.is_none() {
                r.push(Code::InvalidValue, &p, format!("{s:?} is not a time HH:MM"));
            }
            parsed
        })
    };
    let from = minute(r, "from", &mut f);
    let to = minute(r, "to", &mut f);
    let unless = f
        .opt("unless")
        .map(|(v, p)| {
            let unless = read_condition(r, v, &p, signals)?;
            check_deadline_refs(r, &unless, &p, deadlines, "in /deadlines");
            Some(unless)
        })
        .unwrap_or(Some(Condition::default()));
    f.done(r);
    Some(QuietHours {
        from: from?,
        to: to?,
        unless: unless?,
    })
}

fn read_authority(r: &mut Reader, v: &Value, path: &str, esc: &Escalation) -> Option<AuthorityRow> {
    let mut f = r.object(v, path)?;
    let level = f.req(r, "level").and_then(|(v, p)| level_ref(r, v, &p, &esc.ladder));
    let remedy: Option<Remedy> = f.req(r, "remedy").and_then(|(v, p)| r.code(v, &p));
    let max_amount = f.req(r, "max_amount").and_then(|(v, p)| {
        let x = r.number(v, &p)?;
        if x < 0.0 {
            r.push(Code::NegativeAmount, &p, format!("{x} is negative"));
            return None;
        }
        Some(x)
    });
    let source = opt_text(r, &mut f, "source");
    f.done(r);
    Some(AuthorityRow {
        level: level?,
        remedy: remedy?,
        max_amount: max_amount?,
        source,
    })
}

fn read_options(r: &mut Reader, v: &Value, path: &str) -> Options {
    let Some(mut f) = r.object(v, path) else {
        return Options::default();
    };
    let d = Options::default();
    let o = Options {
        minor_on_spot_needs_form: f
            .opt("minor_on_spot_needs_form")
            .and_then(|(v, p)| r.boolean(v, &p))
            .unwrap_or(false),
        beyond_data: f
            .opt("beyond_data")
            .and_then(|(v, p)| r.code(v, &p))
            .unwrap_or(d.beyond_data),
        data_end_warning_days: f
            .opt("data_end_warning_days")
            .and_then(|(v, p)| r.count(v, &p))
            .unwrap_or(d.data_end_warning_days),
    };
    f.done(r);
    o
}

/// `"lifecycle": {"transitions": [{"event", "from": [states], "to": state?}]}`:
/// the entries given for an event replace all default entries of that event.
fn read_lifecycle(r: &mut Reader, v: &Value, path: &str) -> Vec<crate::lifecycle::Transition> {
    use crate::lifecycle::{State, Transition, default_transitions};
    let mut table = default_transitions();
    let Some(mut f) = r.object(v, path) else { return table };
    let given = f
        .req(r, "transitions")
        .map(|(v, p)| {
            read_list(r, v, &p, |r, v, p| {
                let mut f = r.object(v, p)?;
                let event: Option<EventKind> = f.req(r, "event").and_then(|(v, p)| r.code(v, &p));
                let from: Option<Vec<State>> = f.req(r, "from").and_then(|(v, p)| r.codes(v, &p));
                let to = f.opt("to").map(|(v, p)| r.code::<State>(v, &p));
                f.done(r);
                Some(Transition {
                    event: event?,
                    from: from?.into_iter().collect(),
                    to: match to {
                        Some(t) => Some(t?),
                        None => None,
                    },
                })
            })
        })
        .unwrap_or_default();
    f.done(r);
    table.retain(|t| !given.iter().any(|g| g.event == t.event));
    table.extend(given);
    table
}

/// A classification table runs before the case's progress is known: its
/// conditions cannot read `state`, `events.*` or `deadlines.*`.
fn classification_fields_only(r: &mut Reader, when: &Condition, path: &str) -> bool {
    no_case_fields(
        r,
        when,
        path,
        "is not known when classifying; it may be used in deadlines, escalation and obligations",
    )
}

/// Refuses (each at its path, saying `why`) the tests of `when` that read
/// the case's progress (`state`, `events.*`, `deadlines.*`); true if none.
pub(super) fn no_case_fields(r: &mut Reader, when: &Condition, path: &str, why: &str) -> bool {
    let mut ok = true;
    for t in when.tests.iter().filter(|t| t.field.is_case()) {
        r.push(
            Code::InvalidValue,
            &child(path, &t.name),
            format!("field {:?} {why}", t.name),
        );
        ok = false;
    }
    ok
}

/// Each `deadlines.<id>` test must name one of `known` (`which` says which
/// deadlines a condition at this place may read).
fn check_deadline_refs(r: &mut Reader, when: &Condition, path: &str, known: &[DeadlineRule], which: &str) {
    for t in &when.tests {
        let crate::policy::condition::Field::DeadlineState(id) = &t.field else {
            continue;
        };
        if !known.iter().any(|d| &*d.id == id.as_str()) {
            r.push(
                Code::UnknownReference,
                &child(path, &t.name),
                format!("unknown deadline {id:?}: a condition here reads only deadlines {which}"),
            );
        }
    }
}

/// An obligation: `{"id", "text", "source", "when"?, "after"?, "done_by"?,
/// "due"?, "due_from"?, "note"?}` (`note`: a reading of the source, for
/// people).
fn read_obligation(
    r: &mut Reader,
    v: &Value,
    path: &str,
    signals: &SignalSet,
    deadlines: &[DeadlineRule],
) -> Option<Obligation> {
    let mut f = r.object(v, path)?;
    let id = read_id(r, &mut f);
    let text = f.req(r, "text").and_then(|(v, p)| read_title(r, v, &p));
    let source = f.req(r, "source").and_then(|(v, p)| r.name(v, &p).map(Text::from));
    let when = f.opt("when").map_or(Some(Condition::default()), |(v, p)| {
        let when = read_condition(r, v, &p, signals)?;
        check_deadline_refs(r, &when, &p, deadlines, "in /deadlines");
        Some(when)
    });
    let after = f.opt("after").map(|(v, p)| r.code::<EventKind>(v, &p));
    let done_by = f.opt("done_by").map_or(Some(Vec::new()), |(v, p)| r.codes(v, &p));
    let due = f.opt("due").map(|(v, p)| read_span_object(r, v, &p));
    let due_from = f.opt("due_from").map(|(v, p)| {
        if due.is_none() {
            r.push(Code::InvalidValue, &p, "due_from needs a due");
            return None;
        }
        r.code::<DueFrom>(v, &p)
    });
    f.opt("note");
    f.done(r);
    let text = text?;
    Some(Obligation {
        id: id?,
        reason: Text::from(text.get(crate::model::Lang::En)),
        text: Arc::new(text),
        source: source?,
        when: when?,
        after: after.map_or(Some(None), |a| a.map(Some))?,
        done_by: done_by?,
        due: due.map_or(Some(None), |d| d.map(Some))?,
        due_from: due_from.unwrap_or(Some(DueFrom::Arisen))?,
    })
}
