//! Policies in force by date: a document may hold several versions of one
//! policy, each a complete body with the dates it is in force. `assess`
//! applies the version in force at the complaint's receipt (or, when the
//! document says `"in_force_at": "now"`, at `now`), and the assessment names
//! the version it applied. A version can also be pinned by its label
//! (`name@version`) to apply it to any complaint: a what-if.

use crate::decode::{Fields, Reader, child, index};
use crate::error::{Code, Error};
use crate::model::labels::labelled_enum;
use crate::model::{Instant, Text};
use crate::policy::Policy;
use crate::time::local::{local_date, local_to_ms};
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;
use std::sync::Arc;

labelled_enum! {
    /// Which instant chooses the version of a document with versions.
    pub enum InForceAt ("in_force_at") {
        /// The version in force when the complaint was received (the default).
        ReceivedAt = "received_at", "受理时施行的版本", "受理時施行的版本", "in force at receipt";
        /// The version in force at the instant of the assessment.
        Now = "now", "评估时施行的版本", "評估時施行的版本", "in force now";
    }
}

labelled_enum! {
    /// How the version an assessment applied was chosen.
    pub enum SelectedBy ("selection") {
        /// In force when the complaint was received.
        ReceivedAt = "received_at", "按受理时间", "按受理時間", "in force at receipt";
        /// In force at `now`.
        Now = "now", "按评估时间", "按評估時間", "in force now";
        /// Named by the caller (`name@version`), whatever the dates.
        Pinned = "pinned", "指定版本", "指定版本", "pinned";
        /// The policy has one version only.
        Single = "single", "唯一版本", "唯一版本", "single version";
    }
}

/// The version of a policy that an assessment applied: its name, its label,
/// the days it is in force (inclusive, in its calendar's zone) and how it was
/// chosen. Shared (`Text`) between the policy and every assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PolicyVersion {
    /// The policy's name.
    pub name: Text,
    /// The version's label.
    pub version: Text,
    /// The first day in force, YYYY-MM-DD (none for a policy without versions).
    pub effective_from: Option<Text>,
    /// The last day in force, YYYY-MM-DD: given, or the day before the next
    /// version's first day; none while no later version exists.
    pub effective_to: Option<Text>,
    /// How this version was chosen.
    pub selected_by: SelectedBy,
}

/// What a policy is, as hosts list it: its name and version, the days of a
/// pinned version, and for a document with versions each version's days and
/// how one is chosen (`validate_policy`, the sides of a replay).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PolicySummary {
    /// The policy's name.
    pub name: String,
    /// The version (the newest one, for a document with versions).
    pub version: String,
    /// The first day of a pinned version, YYYY-MM-DD (none otherwise).
    pub effective_from: Option<Text>,
    /// The last day of a pinned version, YYYY-MM-DD (none otherwise, or when it runs with no end).
    pub effective_to: Option<Text>,
    /// For a document with versions: the instant that chooses one.
    pub in_force_at: Option<InForceAt>,
    /// For a document with versions: each one, oldest first.
    pub versions: Vec<VersionDates>,
}

/// One version of a document and the days it is in force.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VersionDates {
    /// The version's label.
    pub version: String,
    /// Its first day in force, YYYY-MM-DD.
    pub effective_from: Option<Text>,
    /// Its last day in force, YYYY-MM-DD: given, or the day before the next
    /// version's first day; none for the last version without an end.
    pub effective_to: Option<Text>,
}

/// The instants a version is in force: from 00:00 of its first day to 00:00
/// after its last day (exclusive), in its calendar's zone.
#[derive(Debug, Clone, PartialEq)]
pub struct Effective {
    /// The first day in force.
    pub from: NaiveDate,
    /// The last day in force (inclusive); None: no end.
    pub to: Option<NaiveDate>,
    /// 00:00 of `from` in the calendar's zone: the first instant in force.
    pub start: Instant,
    /// 00:00 of the day after `to`: the first instant no longer in force; None: no end.
    pub end: Option<Instant>,
}

impl Effective {
    /// Whether the version is in force at `t`.
    pub fn contains(&self, t: Instant) -> bool {
        self.start <= t && self.end.is_none_or(|end| t < end)
    }
}

/// Every version of a document, oldest first, and how one is chosen.
#[derive(Debug, Clone)]
pub struct History {
    /// Which instant chooses the version.
    pub in_force_at: InForceAt,
    /// Every version, oldest first, each a complete policy.
    pub versions: Vec<Arc<Policy>>,
}

impl Policy {
    /// The version that applies to a complaint received at `received_at` and
    /// assessed at `now`: itself for a policy without versions, else the one
    /// in force at the instant the document's `in_force_at` names.
    pub fn in_force(&self, received_at: Instant, now: Instant) -> Result<&Policy, Error> {
        let Some(h) = &self.history else {
            return Ok(self);
        };
        let (at, path, what) = match h.in_force_at {
            InForceAt::ReceivedAt => (received_at, "/complaint/received_at", "the complaint's receipt"),
            InForceAt::Now => (now, "/now", "now"),
        };
        self.version_at(at)
            .ok_or_else(|| Error::new(Code::NoVersionInForce, path, no_version_message(self, h, at, what)))
    }

    /// The version in force at `at`, if any (itself without versions).
    pub fn version_at(&self, at: Instant) -> Option<&Policy> {
        match &self.history {
            None => Some(self),
            Some(h) => h
                .versions
                .iter()
                .find(|v| v.effective.as_ref().is_some_and(|e| e.contains(at)))
                .map(|v| &**v),
        }
    }

    /// Its name, version and versions (`PolicySummary`).
    pub fn summary(&self) -> PolicySummary {
        let pinned = self.history.is_none();
        PolicySummary {
            name: self.name.clone(),
            version: self.version.clone(),
            effective_from: self.applied.effective_from.clone().filter(|_| pinned),
            effective_to: self.applied.effective_to.clone().filter(|_| pinned),
            in_force_at: self.history.as_ref().map(|h| h.in_force_at),
            versions: self
                .versions()
                .iter()
                .map(|v| VersionDates {
                    version: v.version.clone(),
                    effective_from: v.applied.effective_from.clone(),
                    effective_to: v.applied.effective_to.clone(),
                })
                .collect(),
        }
    }

    /// The versions of a document, oldest first (empty without versions).
    pub fn versions(&self) -> &[Arc<Policy>] {
        self.history.as_ref().map_or(&[], |h| h.versions.as_slice())
    }

    /// The version labelled `label`, applied to every complaint whatever its
    /// dates (`name@version`). A policy without versions answers to its own
    /// `version`.
    pub fn pinned(&self, label: &str) -> Result<Policy, Error> {
        let found = match &self.history {
            Some(h) => h.versions.iter().find(|v| v.version == label).map(|v| (**v).clone()),
            None => (self.version == label).then(|| self.clone()),
        };
        let Some(mut p) = found else {
            let labels: Vec<&str> = match &self.history {
                Some(h) => h.versions.iter().map(|v| v.version.as_str()).collect(),
                None => vec![self.version.as_str()],
            };
            return Err(Error::new(
                Code::UnknownVersion,
                "",
                format!(
                    "policy {} has no version {label:?}; versions: {}",
                    self.name,
                    labels.join(", ")
                ),
            ));
        };
        p.applied.selected_by = SelectedBy::Pinned;
        Ok(p)
    }

    /// Every deadline rule id of every version, in first-seen order: the
    /// columns a tabular host needs for any assessment of this policy.
    pub fn deadline_ids(&self) -> Vec<Text> {
        let mut ids: Vec<Text> = Vec::new();
        let versions: Vec<&Policy> = match &self.history {
            Some(h) => h.versions.iter().map(|v| &**v).collect(),
            None => vec![self],
        };
        for v in versions {
            for d in &v.deadlines {
                if !ids.contains(&d.id) {
                    ids.push(d.id.clone());
                }
            }
        }
        ids
    }
}

fn no_version_message(p: &Policy, h: &History, at: Instant, what: &str) -> String {
    let when = p.calendar.format(at);
    let first = h
        .versions
        .first()
        .and_then(|v| v.effective.as_ref().map(|e| (&v.version, e)));
    let last = h
        .versions
        .last()
        .and_then(|v| v.effective.as_ref().map(|e| (&v.version, e)));
    match (first, last) {
        (Some((label, e)), _) if at < e.start => format!(
            "policy {} has no version in force at {when} ({what}): its first version, {label}, is in force from {}",
            p.name, e.from
        ),
        (_, Some((label, e))) => format!(
            "policy {} has no version in force at {when} ({what}): its last version, {label}, ended {}",
            p.name,
            e.to.map_or_else(|| "-".to_string(), |d| d.to_string())
        ),
        _ => format!("policy {} has no version in force at {when} ({what})", p.name),
    }
}

/// One version of a document as read: the policy and where its dates were.
pub(crate) struct Read {
    pub policy: Policy,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    pub path: String,
}

/// `version`, `effective_from` and `effective_to` of a version entry.
pub(crate) fn read_dates(r: &mut Reader, f: &mut Fields) -> (Option<NaiveDate>, Option<Option<NaiveDate>>) {
    let from = f.req(r, "effective_from").and_then(|(v, p)| r.date(v, &p));
    let to = match f.opt("effective_to") {
        None => Some(None),
        Some((v, p)) => r.date(v, &p).map(Some),
    };
    (from, to)
}

/// `in_force_at` of a document with versions (default: the receipt).
pub(crate) fn read_in_force_at(r: &mut Reader, f: &mut Fields) -> Option<InForceAt> {
    f.opt("in_force_at")
        .map_or(Some(InForceAt::ReceivedAt), |(v, p)| r.code(v, &p))
}

/// Check the versions' dates (oldest first, no overlap, no gap, each range
/// not empty), fix their instants and names, and build the document: the
/// newest version's body with every version in `history`.
pub(crate) fn assemble(r: &mut Reader, read: Vec<Read>, in_force_at: InForceAt, path: &str) -> Option<Policy> {
    if read.is_empty() {
        r.push(
            Code::InvalidValue,
            path,
            "a policy with versions needs at least one version",
        );
        return None;
    }
    let before = r.problems.len();
    check_labels(r, &read);
    check_dates(r, &read);
    if r.problems.len() > before {
        return None;
    }
    let starts: Vec<Instant> = read.iter().map(|v| midnight(&v.policy, v.from)).collect();
    let n = read.len();
    let mut versions = Vec::with_capacity(n);
    for (i, v) in read.into_iter().enumerate() {
        let end = match (starts.get(i + 1), v.to) {
            (Some(next), _) => Some(*next),
            (None, Some(to)) => to.succ_opt().map(|d| midnight(&v.policy, d)),
            (None, None) => None,
        };
        let to =
            v.to.or_else(|| (i + 1 < n).then(|| end.map(|e| day_before(&v.policy, e))).flatten());
        let mut p = v.policy;
        p.applied.effective_from = Some(Text::from(v.from.to_string()));
        p.applied.effective_to = to.map(|d| Text::from(d.to_string()));
        p.applied.selected_by = match in_force_at {
            InForceAt::ReceivedAt => SelectedBy::ReceivedAt,
            InForceAt::Now => SelectedBy::Now,
        };
        p.effective = Some(Effective {
            from: v.from,
            to,
            start: starts[i],
            end,
        });
        versions.push(Arc::new(p));
    }
    let mut top = (**versions.last()?).clone();
    top.history = Some(Arc::new(History { in_force_at, versions }));
    Some(top)
}

fn check_labels(r: &mut Reader, read: &[Read]) {
    for (i, v) in read.iter().enumerate() {
        if read[..i].iter().any(|w| w.policy.version == v.policy.version) {
            r.push(
                Code::DuplicateId,
                &child(&v.path, "version"),
                format!("duplicate version {:?}", v.policy.version),
            );
        }
    }
}

fn check_dates(r: &mut Reader, read: &[Read]) {
    for (i, v) in read.iter().enumerate() {
        if let Some(to) = v.to
            && to < v.from
        {
            r.push(
                Code::InvalidRange,
                &child(&v.path, "effective_to"),
                format!("effective_to {to} is before effective_from {}", v.from),
            );
        }
        let Some(next) = read.get(i + 1) else {
            continue;
        };
        if next.from <= v.from {
            r.push(
                Code::OverlappingVersions,
                &child(&next.path, "effective_from"),
                format!(
                    "effective_from {} is not after version {:?}'s {}: versions are listed oldest first and may not overlap",
                    next.from, v.policy.version, v.from
                ),
            );
        } else if let Some(to) = v.to {
            if to >= next.from {
                r.push(
                    Code::OverlappingVersions,
                    &child(&v.path, "effective_to"),
                    format!(
                        "effective_to {to} overlaps version {:?}, in force from {}",
                        next.policy.version, next.from
                    ),
                );
            } else if to.succ_opt() != Some(next.from) {
                r.push(
                    Code::VersionGap,
                    &child(&v.path, "effective_to"),
                    format!(
                        "no version is in force from the day after effective_to {to} until version {:?} starts on {}; end this version the day before",
                        next.policy.version, next.from
                    ),
                );
            }
        }
    }
}

/// 00:00 of `date` in the version's calendar zone.
fn midnight(p: &Policy, date: NaiveDate) -> Instant {
    Instant(local_to_ms(p.calendar.zone(), date, 0))
}

/// The local day before the instant `end` (00:00 of the next version).
fn day_before(p: &Policy, end: Instant) -> NaiveDate {
    let d = local_date(p.calendar.zone(), end.0);
    d.pred_opt().unwrap_or(d)
}

/// The path of version `i` of a document.
pub(crate) fn version_path(i: usize) -> String {
    index("/versions", i)
}

/// `name@version`: the name and the label, if one is given (split at the
/// last `@`, so that a file path may contain one).
pub fn split_label(reference: &str) -> (&str, Option<&str>) {
    match reference.rsplit_once('@') {
        Some((name, label)) => (name, Some(label)),
        None => (reference, None),
    }
}

/// The JSON of one version of a document as a document of its own (a
/// policy without versions: `plaint_policy`, `name`, and the version's keys
/// but its dates), for tools that read a version's text (`policy diff`). A
/// document without versions is returned as it is when `label` is none or
/// its own version.
pub fn version_document(doc: &Value, label: Option<&str>) -> Result<Value, Error> {
    let Some(Value::Array(versions)) = doc.get("versions") else {
        return match label {
            Some(l) if doc.get("version").and_then(Value::as_str) != Some(l) => Err(Error::new(
                Code::UnknownVersion,
                "",
                format!("the policy has no version {l:?}"),
            )),
            _ => Ok(doc.clone()),
        };
    };
    let labels: Vec<&str> = versions
        .iter()
        .filter_map(|v| v.get("version").and_then(Value::as_str))
        .collect();
    let Some(label) = label else {
        return Err(Error::new(
            Code::UnknownVersion,
            "",
            format!(
                "the policy has versions ({}); name one as NAME@VERSION",
                labels.join(", ")
            ),
        ));
    };
    let Some(Value::Object(v)) = versions
        .iter()
        .find(|v| v.get("version").and_then(Value::as_str) == Some(label))
    else {
        return Err(Error::new(
            Code::UnknownVersion,
            "",
            format!("the policy has no version {label:?}; versions: {}", labels.join(", ")),
        ));
    };
    let mut out = serde_json::Map::new();
    for key in ["plaint_policy", "name"] {
        if let Some(x) = doc.get(key) {
            out.insert(key.to_string(), x.clone());
        }
    }
    for (k, x) in v {
        if k != "effective_from" && k != "effective_to" {
            out.insert(k.clone(), x.clone());
        }
    }
    Ok(Value::Object(out))
}
