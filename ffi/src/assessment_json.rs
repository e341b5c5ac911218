//! The JSON text of an assessment written field by field, keys in byte order
//! (the order of the JSON layer, whose objects are sorted maps), each key
//! and its punctuation a literal. This is the C ABI's hot path (every
//! assess call and batch line): going through serde cost a call per field
//! and a reordering of every object. Rare parts (the classification trace,
//! the cycles of a recurring rule) go through the generic writer
//! (`json_text`). `tests/json_text.rs` checks the text equals the JSON layer's
//! byte for byte on every conformance vector; a field added to a result
//! type must be added here too, or that test fails.

use crate::json_out::*;
use crate::json_text::{self, Error};
use plaint_core::Assessment;
use plaint_core::classify::Classification;
use plaint_core::escalation::EscalationDue;
use plaint_core::obligation::RequiredAction;
use plaint_core::policy::{PolicyVersion, Title};
use plaint_core::sla::DeadlineStatus;
use plaint_core::warnings::Warning;

/// The key of an object's first member: `{"key":`.
macro_rules! first {
    ($out:expr, $key:literal) => {
        $out.extend_from_slice(concat!("{\"", $key, "\":").as_bytes())
    };
}

/// The key of a later member: `,"key":`.
macro_rules! next {
    ($out:expr, $key:literal) => {
        $out.extend_from_slice(concat!(",\"", $key, "\":").as_bytes())
    };
}

/// Append the JSON text of `a` to `out`.
pub(crate) fn assessment(out: &mut Vec<u8>, a: &Assessment) -> Result<(), Error> {
    first!(out, "allowed_events");
    array(out, &a.allowed_events, |out, &e| code(out, e));
    next!(out, "calendar");
    str(out, &a.calendar);
    next!(out, "classification");
    classification(out, &a.classification)?;
    next!(out, "complaint_id");
    str(out, &a.complaint_id);
    next!(out, "deadlines");
    try_array(out, &a.deadlines, deadline)?;
    next!(out, "escalations");
    array(out, &a.escalations, escalation);
    next!(out, "next_check_at");
    opt_stamp(out, a.next_check_at.as_ref());
    next!(out, "now");
    stamp(out, &a.now);
    next!(out, "owner");
    opt_str(out, a.owner.as_deref());
    next!(out, "policy");
    str(out, &a.policy);
    next!(out, "policy_version");
    policy_version(out, &a.policy_version);
    next!(out, "required_actions");
    array(out, &a.required_actions, required_action);
    next!(out, "state");
    code(out, a.state);
    next!(out, "warnings");
    array(out, &a.warnings, warning);
    out.push(b'}');
    Ok(())
}

/// `[item,item,...]`.
fn array<T>(out: &mut Vec<u8>, items: &[T], mut item: impl FnMut(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        item(out, x);
    }
    out.push(b']');
}

/// [`array`] of items whose writer can fail.
fn try_array<T>(
    out: &mut Vec<u8>,
    items: &[T],
    item: impl Fn(&mut Vec<u8>, &T) -> Result<(), Error>,
) -> Result<(), Error> {
    out.push(b'[');
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        item(out, x)?;
    }
    out.push(b']');
    Ok(())
}

fn classification(out: &mut Vec<u8>, c: &Classification) -> Result<(), Error> {
    first!(out, "category");
    opt_code(out, c.category);
    next!(out, "claim_type");
    opt_code(out, c.claim_type);
    next!(out, "classified_by");
    opt_str(out, c.classified_by.as_deref());
    next!(out, "nature");
    opt_code(out, c.nature);
    next!(out, "route");
    opt_str(out, c.route.as_deref());
    next!(out, "severity");
    opt_code(out, c.severity);
    next!(out, "signals");
    array(out, &c.signals, |out, s| {
        first!(out, "keyword");
        str(out, &s.keyword);
        next!(out, "signal");
        str(out, &s.signal);
        out.push(b'}');
    });
    next!(out, "trace");
    json_text::write(&c.trace, out)?;
    next!(out, "validity");
    opt_code(out, c.validity);
    next!(out, "validity_suggestion");
    opt_code(out, c.validity_suggestion);
    out.push(b'}');
    Ok(())
}

fn deadline(out: &mut Vec<u8>, d: &DeadlineStatus) -> Result<(), Error> {
    first!(out, "amount");
    int(out, d.amount);
    next!(out, "calendar");
    str(out, &d.calendar);
    next!(out, "clock");
    code(out, d.clock);
    next!(out, "counted_until");
    opt_stamp(out, d.counted_until.as_ref());
    if let Some(cycles) = &d.cycles {
        next!(out, "cycles");
        json_text::write(cycles, out)?;
    }
    if let Some(department) = &d.department {
        next!(out, "department");
        str(out, department);
    }
    next!(out, "due_at");
    opt_stamp(out, d.due_at.as_ref());
    next!(out, "elapsed");
    opt_int(out, d.elapsed);
    next!(out, "error");
    match &d.error {
        Some(e) => code_and_message(out, e.code, &e.message),
        None => null(out),
    }
    deadline_rest(out, d);
    Ok(())
}

/// The members of a deadline from `extended` on.
fn deadline_rest(out: &mut Vec<u8>, d: &DeadlineStatus) {
    next!(out, "extended");
    int(out, d.extended);
    next!(out, "id");
    str(out, &d.id);
    next!(out, "kind");
    code(out, d.kind);
    next!(out, "met_at");
    opt_stamp(out, d.met_at.as_ref());
    next!(out, "next_change_at");
    opt_stamp(out, d.next_change_at.as_ref());
    next!(out, "notes");
    array(out, &d.notes, |out, n| str(out, n));
    next!(out, "paused");
    int(out, d.paused);
    next!(out, "provisional");
    bool(out, d.provisional);
    next!(out, "remaining");
    opt_int(out, d.remaining);
    if let Some(source) = &d.source {
        next!(out, "source");
        str(out, source);
    }
    next!(out, "started_at");
    opt_stamp(out, d.started_at.as_ref());
    next!(out, "state");
    code(out, d.state);
    next!(out, "unit");
    str(out, d.unit);
    next!(out, "warn_at");
    opt_stamp(out, d.warn_at.as_ref());
    out.push(b'}');
}

/// `{"code":...,"message":...}`: the error of a deadline or an action.
fn code_and_message(out: &mut Vec<u8>, code: &str, message: &str) {
    first!(out, "code");
    str(out, code);
    next!(out, "message");
    str(out, message);
    out.push(b'}');
}

fn escalation(out: &mut Vec<u8>, e: &EscalationDue) {
    first!(out, "act_by");
    opt_stamp(out, e.act_by.as_ref());
    next!(out, "level");
    str(out, &e.level);
    next!(out, "level_index");
    uint(out, e.level_index as u64);
    next!(out, "next_change_at");
    opt_stamp(out, e.next_change_at.as_ref());
    next!(out, "notify_at");
    stamp(out, &e.notify_at);
    next!(out, "on");
    code(out, e.on);
    next!(out, "reason");
    str(out, &e.reason);
    next!(out, "since");
    stamp(out, &e.since);
    if let Some(source) = &e.source {
        next!(out, "source");
        str(out, source);
    }
    next!(out, "trigger");
    str(out, &e.trigger);
    out.push(b'}');
}

fn required_action(out: &mut Vec<u8>, r: &RequiredAction) {
    first!(out, "action");
    str(out, &r.action);
    next!(out, "due_at");
    opt_stamp(out, r.due_at.as_ref());
    if let Some(e) = &r.error {
        next!(out, "error");
        code_and_message(out, e.code, &e.message);
    }
    next!(out, "overdue");
    bool(out, r.overdue);
    next!(out, "reason");
    str(out, &r.reason);
    next!(out, "source");
    str(out, &r.source);
    next!(out, "text");
    title(out, &r.text);
    out.push(b'}');
}

/// A text in three languages: only the languages given, keys in byte order.
fn title(out: &mut Vec<u8>, t: &Title) {
    out.push(b'{');
    let texts = [("en", &t.en), ("zh-Hans", &t.zh_hans), ("zh-Hant", &t.zh_hant)];
    let mut first = true;
    for (key, text) in texts {
        if let Some(text) = text {
            if !first {
                out.push(b',');
            }
            first = false;
            str(out, key);
            out.push(b':');
            str(out, text);
        }
    }
    out.push(b'}');
}

fn policy_version(out: &mut Vec<u8>, v: &PolicyVersion) {
    first!(out, "effective_from");
    opt_str(out, v.effective_from.as_deref());
    next!(out, "effective_to");
    opt_str(out, v.effective_to.as_deref());
    next!(out, "name");
    str(out, &v.name);
    next!(out, "selected_by");
    code(out, v.selected_by);
    next!(out, "version");
    str(out, &v.version);
    out.push(b'}');
}

fn warning(out: &mut Vec<u8>, w: &Warning) {
    first!(out, "calendar");
    str(out, &w.calendar);
    next!(out, "code");
    code(out, w.code);
    next!(out, "data_end");
    str(out, &w.data_end);
    if !w.dates.is_empty() {
        next!(out, "dates");
        array(out, &w.dates, |out, d| str(out, d));
    }
    next!(out, "days_left");
    int(out, w.days_left);
    if let Some(deadline) = &w.deadline {
        next!(out, "deadline");
        str(out, deadline);
    }
    next!(out, "message");
    str(out, &w.message);
    out.push(b'}');
}
