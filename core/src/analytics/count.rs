//! The per-complaint counting behind `Tally::add`, on keys borrowed from
//! the cases: enum-valued counts in arrays indexed by the value, string
//! keys (departments, rule ids) hashed to a slot. Over many complaints this
//! allocates nothing per complaint; the ordered maps of `Tally` are built
//! once, when the counts are folded into one.

use super::{OnTime, Tally, WindowCounts, crosses_data_end, is_valid};
use crate::assess::{Assessment, Case};
use crate::model::{Category, Channel, EventKind, Severity, Validity};
use crate::policy::RuleKind;
use crate::sla::{Cycle, DeadlineStatus, SlaState};
use crate::time::{Calendar, Clock, Span};
use foldhash::HashMap;
use std::collections::BTreeMap;
use std::hash::Hash;

/// Counts per value of a code list, with a last slot for "no value"
/// (`unknown`, `undecided`). A value's index is its place in the enum's
/// declaration, which is also its place in `codes`.
struct EnumCounts {
    codes: &'static [&'static str],
    none: &'static str,
    counts: Vec<u64>,
}

impl EnumCounts {
    fn new(codes: &'static [&'static str], none: &'static str) -> EnumCounts {
        EnumCounts {
            codes,
            none,
            counts: vec![0; codes.len() + 1],
        }
    }

    fn bump(&mut self, index: Option<usize>) {
        self.counts[index.unwrap_or(self.codes.len())] += 1;
    }

    fn fold_into(&self, into: &mut BTreeMap<String, u64>) {
        let names = self.codes.iter().chain(std::iter::once(&self.none));
        for (name, &n) in names.zip(&self.counts).filter(|(_, n)| **n > 0) {
            *into.entry((*name).to_string()).or_insert(0) += n;
        }
    }
}

/// Values by key, in slots: the key's first use makes its slot. The few
/// keys of most counts (rule ids, departments) are found by a scan, which
/// for rule ids mostly compares pointers (an assessment's rule ids share the
/// policy's text); more keys are hashed.
struct Keyed<K, T> {
    slot: HashMap<K, usize>,
    values: Vec<(K, T)>,
}

/// Keys up to this many are scanned rather than hashed.
const SCAN: usize = 8;

/// A key that compares cheaply when it is the very same text.
trait Key: Hash + Eq + Copy {
    /// The very same text (a pointer comparison): a sufficient test, not a necessary one.
    fn same(&self, other: &Self) -> bool;
}

impl Key for &str {
    fn same(&self, other: &Self) -> bool {
        std::ptr::eq(*self, *other)
    }
}

impl Key for (&str, &str) {
    fn same(&self, other: &Self) -> bool {
        self.0.same(&other.0) && self.1.same(&other.1)
    }
}

impl<K: Key, T: Default> Keyed<K, T> {
    fn new() -> Self {
        Keyed {
            slot: HashMap::default(),
            values: Vec::new(),
        }
    }

    fn get(&mut self, key: K) -> &mut T {
        let i = if self.values.len() <= SCAN {
            // The very same text first: rule ids, shared with the policy,
            // are then found without comparing a byte.
            let by_pointer = self.values.iter().position(|(k, _)| k.same(&key));
            match by_pointer.or_else(|| self.values.iter().position(|(k, _)| *k == key)) {
                Some(i) => i,
                None => self.insert(key),
            }
        } else {
            match self.slot.get(&key) {
                Some(&i) => i,
                None => self.insert(key),
            }
        };
        &mut self.values[i].1
    }

    /// A new key's slot; past `SCAN` keys, every key is also hashed.
    fn insert(&mut self, key: K) -> usize {
        self.values.push((key, T::default()));
        let n = self.values.len();
        if n == SCAN + 1 {
            self.slot
                .extend(self.values.iter().enumerate().map(|(i, (k, _))| (*k, i)));
        } else if n > SCAN + 1 {
            self.slot.insert(key, n - 1);
        }
        n - 1
    }
}

/// The counts of `Tally`, keyed by borrowed strings.
pub(super) struct Counter<'a> {
    total: u64,
    valid: u64,
    defective_units: u64,
    category: EnumCounts,
    severity: EnumCounts,
    channel: EnumCounts,
    validity: EnumCounts,
    department: Keyed<&'a str, u64>,
    on_time: Keyed<&'a str, OnTime>,
    windows: Keyed<&'a str, WindowCounts>,
    cycles: Keyed<&'a str, OnTime>,
    /// By (department, rule id).
    internal: Keyed<(&'a str, &'a str), OnTime>,
    resolve_times: Vec<i64>,
    reopened: u64,
    satisfied: u64,
    with_outcome: u64,
    crossing_data_end: u64,
}

impl<'a> Counter<'a> {
    pub(super) fn new() -> Counter<'a> {
        Counter {
            total: 0,
            valid: 0,
            defective_units: 0,
            category: EnumCounts::new(Category::CODES, "unknown"),
            severity: EnumCounts::new(Severity::CODES, "unknown"),
            channel: EnumCounts::new(Channel::CODES, "unknown"),
            validity: EnumCounts::new(Validity::CODES, "undecided"),
            department: Keyed::new(),
            on_time: Keyed::new(),
            windows: Keyed::new(),
            cycles: Keyed::new(),
            internal: Keyed::new(),
            resolve_times: Vec::new(),
            reopened: 0,
            satisfied: 0,
            with_outcome: 0,
            crossing_data_end: 0,
        }
    }

    /// Count one assessed case. `cal` measures time to resolve.
    pub(super) fn add(&mut self, case: &'a Case, a: &'a Assessment, cal: &Calendar, clock: Clock) {
        let c = &case.complaint;
        let cl = &a.classification;
        self.total += 1;
        if is_valid(a) {
            self.valid += 1;
            let units = c.attributes.get("defective_units").and_then(|v| v.as_u64());
            self.defective_units += units.unwrap_or(1);
        }
        // The enums' declaration order is their CODES order.
        self.category.bump(cl.category.map(|v| v as usize));
        self.severity.bump(cl.severity.map(|v| v as usize));
        self.channel.bump(c.channel.map(|v| v as usize));
        self.validity
            .bump(cl.validity.or(cl.validity_suggestion).map(|v| v as usize));
        *self.department.get(c.department.as_deref().unwrap_or("unknown")) += 1;
        for d in a.deadlines.iter().filter(|d| d.state != SlaState::NotApplicable) {
            match (&d.cycles, d.kind) {
                (Some(cycles), RuleKind::Internal) => self.count_internal(d, cycles),
                (Some(cycles), _) => self.count_cycles(d, cycles),
                (None, RuleKind::Window) => self.count_window(d),
                (None, _) => self.on_time.get(&d.id).count(d.state),
            }
        }
        if crosses_data_end(a) {
            self.crossing_data_end += 1;
        }
        self.count_events(case, cal, clock);
    }

    /// Time to resolve (from the first `resolved`), reopening, and the last
    /// satisfied / unsatisfied answer (the later in the log on a tie).
    fn count_events(&mut self, case: &Case, cal: &Calendar, clock: Clock) {
        let mut resolved: Option<crate::model::Instant> = None;
        let mut reopened = false;
        let mut outcome: Option<&crate::model::Event> = None;
        for e in &case.events {
            match e.kind {
                EventKind::Resolved => resolved = Some(resolved.map_or(e.at, |r| r.min(e.at))),
                EventKind::Reopened => reopened = true,
                EventKind::Satisfied | EventKind::Unsatisfied if outcome.is_none_or(|o| e.at >= o.at) => {
                    outcome = Some(e)
                }
                _ => {}
            }
        }
        if let Some(resolved) = resolved {
            let span = Span::new(clock, 0);
            if let Ok(t) = cal.elapsed(case.complaint.received_at, resolved, &span) {
                self.resolve_times.push(clock.to_edge(t));
            }
        }
        if reopened {
            self.reopened += 1;
        }
        if let Some(e) = outcome {
            self.with_outcome += 1;
            if e.kind == EventKind::Satisfied {
                self.satisfied += 1;
            }
        }
    }

    /// A recurring rule: each cycle counts, the running one as open.
    fn count_cycles(&mut self, d: &'a DeadlineStatus, cycles: &[Cycle]) {
        let slot = self.cycles.get(&d.id);
        for c in cycles {
            slot.count(c.state);
        }
    }

    /// An internal target: each hand-off's cycle, under its department.
    fn count_internal(&mut self, d: &'a DeadlineStatus, cycles: &'a [Cycle]) {
        for c in cycles {
            let dept = c.department.as_deref().unwrap_or("unknown");
            self.internal.get((dept, &d.id)).count(c.state);
        }
    }

    fn count_window(&mut self, d: &'a DeadlineStatus) {
        let slot = self.windows.get(&d.id);
        match d.state {
            SlaState::Met => slot.met += 1,
            SlaState::Lapsed => slot.lapsed += 1,
            _ => slot.open += 1,
        }
    }

    /// Add these counts to `t`.
    pub(super) fn fold_into(self, t: &mut Tally) {
        t.total += self.total;
        t.valid += self.valid;
        t.defective_units += self.defective_units;
        self.category.fold_into(&mut t.by_category);
        self.severity.fold_into(&mut t.by_severity);
        self.channel.fold_into(&mut t.by_channel);
        self.validity.fold_into(&mut t.by_validity);
        for (k, n) in self.department.values {
            *t.by_department.entry(k.to_string()).or_insert(0) += n;
        }
        for (k, v) in self.on_time.values {
            t.on_time.entry(k.to_string()).or_default().merge(&v);
        }
        for (k, v) in self.windows.values {
            t.windows.entry(k.to_string()).or_default().merge(&v);
        }
        for (k, v) in self.cycles.values {
            t.cycles.entry(k.to_string()).or_default().merge(&v);
        }
        for ((dept, rule), v) in self.internal.values {
            let rules = t.internal.entry(dept.to_string()).or_default();
            rules.entry(rule.to_string()).or_default().merge(&v);
        }
        if t.resolve_times.is_empty() {
            t.resolve_times = self.resolve_times;
        } else {
            t.resolve_times.extend_from_slice(&self.resolve_times);
        }
        t.reopened += self.reopened;
        t.satisfied += self.satisfied;
        t.with_outcome += self.with_outcome;
        t.crossing_data_end += self.crossing_data_end;
    }
}
