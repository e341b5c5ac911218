//! The JSON text of an assessment written field by field, keys in byte order
//! (the order of the JSON layer, whose objects are sorted maps), each key
//! and its punctuation a literal. This is the C ABI's hot path (every
//! assess call and batch line): going through serde cost a call per field
//! and a reordering of every object. Rare parts (the classification trace,
//! the cycles of a recurring rule) go through the generic writer
//! (`json_text`). `tests/json_text.rs` checks the text equals the JSON layer's
//! byte for byte on every conformance vector and with every optional field
//! set. Each writer takes its struct apart with an exhaustive pattern, so a
//! field added to a result type does not compile until it is written here.

use crate::json_out::*;
use crate::json_text::{self, Error};
use plaint_core::Assessment;
use plaint_core::classify::Classification;
use plaint_core::escalation::EscalationDue;
use plaint_core::obligation::{ActionError, RequiredAction};
use plaint_core::policy::{PolicyVersion, Title};
use plaint_core::sla::{DeadlineError, DeadlineStatus};
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
    let Assessment {
        complaint_id,
        policy,
        policy_version: version,
        calendar,
        now,
        classification: class,
        state,
        allowed_events,
        owner,
        deadlines,
        escalations,
        required_actions,
        next_check_at,
        warnings,
    } = a;
    first!(out, "allowed_events");
    array(out, allowed_events, |out, &e| code(out, e));
    next!(out, "calendar");
    str(out, calendar);
    next!(out, "classification");
    classification(out, class)?;
    next!(out, "complaint_id");
    str(out, complaint_id);
    next!(out, "deadlines");
    try_array(out, deadlines, deadline)?;
    next!(out, "escalations");
    array(out, escalations, escalation);
    next!(out, "next_check_at");
    opt_stamp(out, next_check_at.as_ref());
    next!(out, "now");
    stamp(out, now);
    next!(out, "owner");
    opt_str(out, owner.as_deref());
    next!(out, "policy");
    str(out, policy);
    next!(out, "policy_version");
    policy_version(out, version);
    next!(out, "required_actions");
    array(out, required_actions, required_action);
    next!(out, "state");
    code(out, *state);
    next!(out, "warnings");
    array(out, warnings, warning);
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
    let Classification {
        severity,
        category,
        nature,
        validity_suggestion,
        validity,
        claim_type,
        route,
        classified_by,
        signals,
        trace,
    } = c;
    first!(out, "category");
    opt_code(out, *category);
    next!(out, "claim_type");
    opt_code(out, *claim_type);
    next!(out, "classified_by");
    opt_str(out, classified_by.as_deref());
    next!(out, "nature");
    opt_code(out, *nature);
    next!(out, "route");
    opt_str(out, route.as_deref());
    next!(out, "severity");
    opt_code(out, *severity);
    next!(out, "signals");
    // A signal has two fields, `signal` and `keyword` (its type is not
    // exported to take it apart).
    array(out, signals, |out, s| {
        first!(out, "keyword");
        str(out, &s.keyword);
        next!(out, "signal");
        str(out, &s.signal);
        out.push(b'}');
    });
    next!(out, "trace");
    json_text::write(trace, out)?;
    next!(out, "validity");
    opt_code(out, *validity);
    next!(out, "validity_suggestion");
    opt_code(out, *validity_suggestion);
    out.push(b'}');
    Ok(())
}

fn deadline(out: &mut Vec<u8>, d: &DeadlineStatus) -> Result<(), Error> {
    // Every field is named; those after `error` are written by `deadline_rest`.
    let DeadlineStatus {
        amount,
        calendar,
        clock,
        counted_until,
        cycles,
        department,
        due_at,
        elapsed,
        error,
        extended: _,
        id: _,
        kind: _,
        met_at: _,
        next_change_at: _,
        notes: _,
        paused: _,
        provisional: _,
        remaining: _,
        source: _,
        started_at: _,
        state: _,
        unit: _,
        warn_at: _,
    } = d;
    first!(out, "amount");
    int(out, *amount);
    next!(out, "calendar");
    str(out, calendar);
    next!(out, "clock");
    code(out, *clock);
    next!(out, "counted_until");
    opt_stamp(out, counted_until.as_ref());
    if let Some(cycles) = cycles {
        next!(out, "cycles");
        json_text::write(cycles, out)?;
    }
    if let Some(department) = department {
        next!(out, "department");
        str(out, department);
    }
    next!(out, "due_at");
    opt_stamp(out, due_at.as_ref());
    next!(out, "elapsed");
    opt_int(out, *elapsed);
    next!(out, "error");
    match error {
        Some(DeadlineError { code, message }) => code_and_message(out, code, message),
        None => null(out),
    }
    deadline_rest(out, d);
    Ok(())
}

/// The members of a deadline from `extended` on, and its end.
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
    let EscalationDue {
        trigger,
        on,
        level,
        level_index,
        reason,
        since,
        notify_at,
        act_by,
        source,
        next_change_at,
    } = e;
    first!(out, "act_by");
    opt_stamp(out, act_by.as_ref());
    next!(out, "level");
    str(out, level);
    next!(out, "level_index");
    uint(out, *level_index as u64);
    next!(out, "next_change_at");
    opt_stamp(out, next_change_at.as_ref());
    next!(out, "notify_at");
    stamp(out, notify_at);
    next!(out, "on");
    code(out, *on);
    next!(out, "reason");
    str(out, reason);
    next!(out, "since");
    stamp(out, since);
    if let Some(source) = source {
        next!(out, "source");
        str(out, source);
    }
    next!(out, "trigger");
    str(out, trigger);
    out.push(b'}');
}

fn required_action(out: &mut Vec<u8>, r: &RequiredAction) {
    let RequiredAction {
        action,
        reason,
        text,
        source,
        due_at,
        overdue,
        error,
    } = r;
    first!(out, "action");
    str(out, action);
    next!(out, "due_at");
    opt_stamp(out, due_at.as_ref());
    if let Some(ActionError { code, message }) = error {
        next!(out, "error");
        code_and_message(out, code, message);
    }
    next!(out, "overdue");
    bool(out, *overdue);
    next!(out, "reason");
    str(out, reason);
    next!(out, "source");
    str(out, source);
    next!(out, "text");
    title(out, text);
    out.push(b'}');
}

/// A text in three languages: only the languages given, keys in byte order.
fn title(out: &mut Vec<u8>, t: &Title) {
    let Title { zh_hans, zh_hant, en } = t;
    out.push(b'{');
    let texts = [("en", en), ("zh-Hans", zh_hans), ("zh-Hant", zh_hant)];
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
    let PolicyVersion {
        name,
        version,
        effective_from,
        effective_to,
        selected_by,
    } = v;
    first!(out, "effective_from");
    opt_str(out, effective_from.as_deref());
    next!(out, "effective_to");
    opt_str(out, effective_to.as_deref());
    next!(out, "name");
    str(out, name);
    next!(out, "selected_by");
    code(out, *selected_by);
    next!(out, "version");
    str(out, version);
    out.push(b'}');
}

fn warning(out: &mut Vec<u8>, w: &Warning) {
    let Warning {
        code: what,
        message,
        calendar,
        data_end,
        deadline,
        days_left,
        dates,
    } = w;
    first!(out, "calendar");
    str(out, calendar);
    next!(out, "code");
    code(out, *what);
    next!(out, "data_end");
    str(out, data_end);
    if !dates.is_empty() {
        next!(out, "dates");
        array(out, dates, |out, d| str(out, d));
    }
    next!(out, "days_left");
    int(out, *days_left);
    if let Some(deadline) = deadline {
        next!(out, "deadline");
        str(out, deadline);
    }
    next!(out, "message");
    str(out, message);
    out.push(b'}');
}
