//! Reading the parts of a policy that say how time is kept per case: its
//! several calendars (`calendars`, a rule's `calendar`), recurring rules
//! (`repeat`) and internal targets (`kind: "internal"`, `departments`).

use crate::classify::text::SignalSet;
use crate::decode::{Fields, Reader, child};
use crate::error::Code;
use crate::model::{EventKind, Text};
use crate::policy::condition::read_condition;
use crate::policy::types::{NamedCalendar, OnReclassify, Repeat, RuleKind};
use serde_json::Value;

/// `calendars`: `[{"id", "calendar": NAME|{...}, "when"?: {...}}]`. A
/// condition reads the complaint and its classification, never the case's
/// progress (a case keeps its calendar).
pub(super) fn read_calendars(r: &mut Reader, v: &Value, path: &str, signals: &SignalSet) -> Vec<NamedCalendar> {
    super::read::read_list(r, v, path, |r, v, p| {
        let mut f = r.object(v, p)?;
        let id: Option<Text> = f.req(r, "id").and_then(|(v, p)| r.name(v, &p).map(Text::from));
        let calendar = f
            .req(r, "calendar")
            .and_then(|(v, p)| super::read::read_policy_calendar(r, v, &p));
        let when = match f.opt("when") {
            None => Some(None),
            Some((v, p)) => read_condition(r, v, &p, signals)
                .filter(|c| no_progress_fields(r, c, &p))
                .map(Some),
        };
        f.done(r);
        let when = when?;
        let conditions = when
            .iter()
            .flat_map(|c| &c.tests)
            .map(|t| Text::from(t.describe(signals)))
            .collect();
        Some(NamedCalendar {
            id: id?,
            calendar: calendar?,
            when,
            conditions,
        })
    })
}

/// A calendar is chosen once per case, from the complaint and its
/// classification: its condition cannot read `state`, `events.*` or
/// `deadlines.*`.
fn no_progress_fields(r: &mut Reader, when: &crate::policy::condition::Condition, path: &str) -> bool {
    super::read::no_case_fields(
        r,
        when,
        path,
        "reads the case's progress; a case's calendar is chosen from the complaint and its classification",
    )
}

/// A rule's `calendar`: the id of an entry of `calendars`.
pub(super) fn read_rule_calendar(r: &mut Reader, f: &mut Fields, calendars: &[NamedCalendar]) -> Option<Option<usize>> {
    let Some((v, p)) = f.opt("calendar") else {
        return Some(None);
    };
    let name = r.name(v, &p)?;
    let found = calendars.iter().position(|c| &*c.id == name);
    if found.is_none() {
        r.push(
            Code::UnknownReference,
            &p,
            format!("unknown calendar {name:?}: a rule names the id of an entry of /calendars"),
        );
        return None;
    }
    Some(found)
}

/// `repeat`: `{"on"?: [events], "after_met"?: bool, "until"?: [events]}`,
/// with `on` or `after_met` (else nothing would start a second cycle).
pub(super) fn read_repeat(r: &mut Reader, v: &Value, path: &str) -> Option<Repeat> {
    let mut f = r.object(v, path)?;
    let on = f.opt("on").map_or(Some(Vec::new()), |(v, p)| r.codes(v, &p));
    let after_met = f.opt("after_met").map_or(Some(false), |(v, p)| r.boolean(v, &p));
    let until = f.opt("until").map_or(Some(Vec::new()), |(v, p)| r.codes(v, &p));
    f.done(r);
    let repeat = Repeat {
        on: on?,
        after_met: after_met?,
        until: until?,
    };
    if repeat.on.is_empty() && !repeat.after_met {
        r.push(
            Code::InvalidValue,
            path,
            "a repeat needs \"on\" (events that start a cycle) or \"after_met\": true",
        );
        return None;
    }
    Some(repeat)
}

/// `departments` of an internal rule: the departments whose hand-offs it covers.
pub(super) fn read_departments(r: &mut Reader, f: &mut Fields) -> Option<Vec<Text>> {
    let Some((v, p)) = f.opt("departments") else {
        return Some(Vec::new());
    };
    let items = r.array(v, &p)?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        out.push(Text::from(r.name(item, &crate::decode::index(&p, i))?));
    }
    Some(out)
}

/// What a rule that runs in cycles (recurring or internal) cannot have, each
/// problem at its key: one time limit per cycle, no extension, no customer's
/// own time, no restart but its cycles, no reopening rule but the series'.
pub(super) struct CycleRule {
    pub kind: Option<RuleKind>,
    pub start: Option<EventKind>,
    pub has_repeat: bool,
    pub on_reclassify: Option<OnReclassify>,
    pub customer_time: Option<bool>,
}

pub(super) fn check_cycle_rule(r: &mut Reader, path: &str, c: &CycleRule, fields: &Fields) {
    let internal = c.kind == Some(RuleKind::Internal);
    let has = |k: &str| fields.has(k);
    if c.has_repeat && c.kind == Some(RuleKind::Window) {
        r.push(
            Code::InvalidValue,
            &child(path, "repeat"),
            "a window does not recur: repeat is for deadlines",
        );
    }
    if c.has_repeat && internal {
        r.push(
            Code::InvalidValue,
            &child(path, "repeat"),
            "an internal target already runs one cycle per hand-off: it takes no repeat",
        );
    }
    if has("departments") && !internal {
        r.push(
            Code::InvalidValue,
            &child(path, "departments"),
            "departments belong to an internal target (kind \"internal\")",
        );
    }
    if internal && !matches!(c.start, Some(EventKind::Forwarded | EventKind::Assigned) | None) {
        r.push(
            Code::InvalidValue,
            &child(path, "start"),
            "an internal target starts at a hand-off: forwarded (default) or assigned, whose \"to\" names the department",
        );
    }
    if internal && has("start_nth") {
        r.push(
            Code::InvalidValue,
            &child(path, "start_nth"),
            "an internal target starts at every hand-off: it takes no start_nth",
        );
    }
    if !(c.has_repeat || internal) {
        return;
    }
    for key in ["extension", "restart_on", "on_reopen"] {
        if has(key) {
            r.push(
                Code::InvalidValue,
                &child(path, key),
                format!("a rule that runs in cycles (repeat, or an internal target) takes no {key}"),
            );
        }
    }
    if c.customer_time == Some(true) {
        r.push(
            Code::InvalidValue,
            &child(path, "customer_time"),
            "a rule that runs in cycles cannot take the customer's own time",
        );
    }
    if c.on_reclassify == Some(OnReclassify::Restart) {
        r.push(
            Code::InvalidValue,
            &child(path, "on_reclassify"),
            "a rule that runs in cycles is retroactive or kept on reclassification, not restarted",
        );
    }
}
