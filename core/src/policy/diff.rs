//! What changed between two policies (or two versions of one), rule by rule:
//! limits, clocks, start and met events, applicability, citations,
//! escalation, authority, and any other part of the format. Both documents
//! are validated first; the comparison then reads their JSON, keyed by rule
//! id, with the format's defaults filled in so that a key written out and the
//! same key left to its default are equal.

use crate::error::Error;
use crate::policy::versions::{PolicyVersion, split_label, version_document};
use crate::policy::{Policy, presets};
use serde::Serialize;
use serde_json::{Map, Value, json};

/// The two sides and every change between them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PolicyDiff {
    /// The old side: policy name, version and its days in force.
    pub old: PolicyVersion,
    /// The new side.
    pub new: PolicyVersion,
    /// Every rule added, removed or changed, section by section.
    pub changes: Vec<RuleChange>,
}

/// One rule (or one part of the policy) added, removed or changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleChange {
    /// `policy`, `signals`, `classification`, `deadlines`, `escalation.ladder`,
    /// `escalation.triggers`, `authority`, or another list of the format.
    pub section: String,
    /// The rule's id (`level/remedy` for authority rows; the key for `policy`).
    pub id: String,
    /// Whether the rule was added, removed or changed.
    pub change: Change,
    /// Each field that differs (`rows/<id>/then` inside a table); for an
    /// added or removed rule, every field of it.
    pub fields: Vec<FieldChange>,
}

/// How a rule differs between the two policies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// Only the new policy has it.
    Added,
    /// Only the old policy has it.
    Removed,
    /// Both have it, with different fields.
    Changed,
}

/// One field of a rule with its two values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// The field's name (`amount`, `clock`, `rows/<id>/then`...).
    pub field: String,
    /// The old value (null when the field is absent and has no default).
    pub old: Value,
    /// The new value (null when the field is absent and has no default).
    pub new: Value,
}

/// Compare two policy documents, each reduced to one version by `label`
/// when it has versions (`version_document`). Both must be valid.
pub fn diff_documents(
    old: &Value,
    old_label: Option<&str>,
    new: &Value,
    new_label: Option<&str>,
) -> Result<PolicyDiff, Error> {
    let (old_policy, old_body) = resolve(old, old_label)?;
    let (new_policy, new_body) = resolve(new, new_label)?;
    Ok(PolicyDiff {
        old: old_policy.applied,
        new: new_policy.applied,
        changes: diff_bodies(&old_body, &new_body),
    })
}

/// `diff_documents` for two references `NAME[@VERSION]` to embedded presets.
pub fn diff_presets(old: &str, new: &str) -> Result<PolicyDiff, Error> {
    let doc = |reference: &str| -> Result<(Value, Option<String>), Error> {
        let (name, label) = split_label(reference);
        presets::policy(name)?;
        let text = presets::text(name).unwrap_or_default();
        Ok((crate::decode::parse_json(text)?, label.map(str::to_string)))
    };
    let (o, ol) = doc(old)?;
    let (n, nl) = doc(new)?;
    diff_documents(&o, ol.as_deref(), &n, nl.as_deref())
}

/// The validated version and its JSON body.
fn resolve(doc: &Value, label: Option<&str>) -> Result<(Policy, Value), Error> {
    let policy = Policy::from_value(doc)?;
    let body = version_document(doc, label)?;
    let policy = match label {
        Some(l) => policy.pinned(l)?,
        None => policy,
    };
    Ok((policy, body))
}

/// Keys that name or date a version rather than state a rule.
const IDENTITY: &[&str] = &[
    "plaint_policy",
    "name",
    "version",
    "effective_from",
    "effective_to",
    "versions",
];
/// Policy-level keys compared as wholes, in this order.
const WHOLE: &[&str] = &["title", "source", "calendar", "options", "lifecycle"];

/// Every change between two version bodies, section by section.
pub fn diff_bodies(old: &Value, new: &Value) -> Vec<RuleChange> {
    let empty = Map::new();
    let (o, n) = (old.as_object().unwrap_or(&empty), new.as_object().unwrap_or(&empty));
    let mut out = Vec::new();
    let policy_fields: Vec<FieldChange> = WHOLE
        .iter()
        .filter_map(|k| field_change(k, o.get(*k), n.get(*k)))
        .collect();
    if !policy_fields.is_empty() {
        out.push(RuleChange {
            section: "policy".into(),
            id: String::new(),
            change: Change::Changed,
            fields: policy_fields,
        });
    }
    for section in ["signals", "classification", "deadlines"] {
        keyed(&mut out, section, o.get(section), n.get(section));
    }
    let esc = |m: &Map<String, Value>, k: &str| m.get("escalation").and_then(|e| e.get(k)).cloned();
    keyed(
        &mut out,
        "escalation.ladder",
        esc(o, "ladder").as_ref(),
        esc(n, "ladder").as_ref(),
    );
    keyed(
        &mut out,
        "escalation.triggers",
        esc(o, "triggers").as_ref(),
        esc(n, "triggers").as_ref(),
    );
    if let Some(f) = field_change(
        "quiet_hours",
        esc(o, "quiet_hours").as_ref(),
        esc(n, "quiet_hours").as_ref(),
    ) {
        out.push(RuleChange {
            section: "escalation".into(),
            id: "quiet_hours".into(),
            change: Change::Changed,
            fields: vec![f],
        });
    }
    keyed(&mut out, "authority", o.get("authority"), n.get("authority"));
    let known = |k: &str| {
        IDENTITY.contains(&k)
            || WHOLE.contains(&k)
            || ["signals", "classification", "deadlines", "escalation", "authority"].contains(&k)
    };
    let mut others: Vec<&String> = o.keys().chain(n.keys()).filter(|k| !known(k)).collect();
    others.sort();
    others.dedup();
    for k in others {
        keyed(&mut out, k, o.get(k), n.get(k));
    }
    out
}

/// A list of rules compared by key; anything else compared as a whole.
fn keyed(out: &mut Vec<RuleChange>, section: &str, old: Option<&Value>, new: Option<&Value>) {
    let (Some(o), Some(n)) = (items(section, old), items(section, new)) else {
        if let Some(f) = field_change(section, old, new) {
            out.push(RuleChange {
                section: "policy".into(),
                id: section.into(),
                change: Change::Changed,
                fields: vec![f],
            });
        }
        return;
    };
    for (id, nv, raw) in &n {
        let change = match o.iter().find(|(k, _, _)| k == id) {
            None => RuleChange {
                section: section.into(),
                id: id.clone(),
                change: Change::Added,
                fields: object_fields("", &Value::Null, raw),
            },
            Some((_, ov, _)) => {
                let fields = object_fields("", ov, nv);
                if fields.is_empty() {
                    continue;
                }
                RuleChange {
                    section: section.into(),
                    id: id.clone(),
                    change: Change::Changed,
                    fields,
                }
            }
        };
        out.push(change);
    }
    for (id, _, raw) in o.iter().filter(|(k, _, _)| !n.iter().any(|(m, _, _)| m == k)) {
        out.push(RuleChange {
            section: section.into(),
            id: id.clone(),
            change: Change::Removed,
            fields: object_fields("", raw, &Value::Null),
        });
    }
}

/// The rules of a list: key, the rule with its defaults filled in (to
/// compare), the rule as written (to show when added or removed); none when
/// the value is not a list of objects that all have a key.
fn items<'v>(section: &str, v: Option<&'v Value>) -> Option<Vec<(String, Value, &'v Value)>> {
    let list = match v {
        None => return Some(Vec::new()),
        Some(Value::Array(a)) => a,
        Some(_) => return None,
    };
    list.iter()
        .map(|item| {
            let key = key_of(section, item)?;
            Some((key, with_defaults(section, item), item))
        })
        .collect()
}

fn key_of(section: &str, item: &Value) -> Option<String> {
    if section == "authority" {
        let level = item.get("level")?.as_str()?;
        let remedy = item.get("remedy")?.as_str()?;
        return Some(format!("{level}/{remedy}"));
    }
    item.get("id")?.as_str().map(str::to_string)
}

/// A rule with the format's defaults written out (docs/policy.md), so that
/// a default left implicit and the same value written out compare equal.
fn with_defaults(section: &str, item: &Value) -> Value {
    let duration = matches!(item.get("clock").and_then(Value::as_str), Some("elapsed" | "business"));
    let internal = item.get("kind").and_then(Value::as_str) == Some("internal");
    let defaults: Vec<(&str, Value)> = match section {
        "classification" => vec![("hit", json!("first"))],
        "deadlines" => {
            let mut d = vec![
                ("kind", json!("deadline")),
                ("start", json!(if internal { "forwarded" } else { "received" })),
                ("start_nth", json!(1)),
                ("restart_on", json!([])),
                ("pause_when", json!([])),
                ("partial_days", json!("count")),
                ("roll", json!("none")),
                ("on_reclassify", json!("retroactive")),
                ("on_reopen", json!("restart")),
                ("customer_time", json!(false)),
            ];
            if duration {
                d.push(("unit", json!("minutes")));
            }
            d
        }
        _ => Vec::new(),
    };
    let mut v = item.clone();
    if let Some(m) = v.as_object_mut() {
        for (k, d) in defaults {
            m.entry(k.to_string()).or_insert(d);
        }
    }
    v
}

/// The fields of two objects that differ; lists of objects with ids inside
/// them (a table's `rows`) are compared by id as `field/<id>/...`.
fn object_fields(prefix: &str, old: &Value, new: &Value) -> Vec<FieldChange> {
    let empty = Map::new();
    let (o, n) = (old.as_object().unwrap_or(&empty), new.as_object().unwrap_or(&empty));
    let mut keys: Vec<&String> = n.keys().collect();
    keys.extend(o.keys().filter(|k| !n.contains_key(*k)));
    keys.sort_by_key(|k| (rank(k), k.as_str()));
    let mut out = Vec::new();
    for k in keys {
        let name = format!("{prefix}{k}");
        match (o.get(k), n.get(k)) {
            (Some(Value::Array(a)), Some(Value::Array(b))) if has_ids(a) && has_ids(b) => {
                out.extend(rows(&name, a, b));
            }
            (ov, nv) => out.extend(field_change(&name, ov, nv)),
        }
    }
    out
}

/// Fields in reading order: what a rule is and when it applies, its limit
/// and clock, its events, then the rest, then its citation and title.
fn rank(key: &str) -> usize {
    const ORDER: &[&str] = &[
        "kind",
        "applies_when",
        "when",
        "then",
        "output",
        "clock",
        "amount",
        "unit",
        "end",
        "roll",
        "start",
        "start_nth",
        "restart_on",
        "met_by",
        "pause_when",
        "partial_days",
        "extension",
        "warn",
        "customer_time",
        "on_reclassify",
        "on_reopen",
        "calendar",
        "repeat",
        "departments",
    ];
    match key {
        "source" => ORDER.len() + 2,
        "title" => ORDER.len() + 3,
        k => ORDER.iter().position(|o| *o == k).unwrap_or(ORDER.len() + 1),
    }
}

fn has_ids(list: &[Value]) -> bool {
    !list.is_empty() && list.iter().all(|x| x.get("id").and_then(Value::as_str).is_some())
}

fn rows(name: &str, old: &[Value], new: &[Value]) -> Vec<FieldChange> {
    let id = |x: &Value| x.get("id").and_then(Value::as_str).unwrap_or_default().to_string();
    let mut out = Vec::new();
    for nv in new {
        let key = id(nv);
        match old.iter().find(|ov| id(ov) == key) {
            Some(ov) => out.extend(object_fields(&format!("{name}/{key}/"), ov, nv)),
            None => out.push(FieldChange {
                field: format!("{name}/{key}"),
                old: Value::Null,
                new: nv.clone(),
            }),
        }
    }
    for ov in old.iter().filter(|ov| !new.iter().any(|nv| id(nv) == id(ov))) {
        out.push(FieldChange {
            field: format!("{name}/{}", id(ov)),
            old: ov.clone(),
            new: Value::Null,
        });
    }
    out
}

fn field_change(name: &str, old: Option<&Value>, new: Option<&Value>) -> Option<FieldChange> {
    let (o, n) = (old.cloned().unwrap_or(Value::Null), new.cloned().unwrap_or(Value::Null));
    (o != n).then(|| FieldChange {
        field: name.to_string(),
        old: o,
        new: n,
    })
}
