//! Repeat complaints and batch clusters: the same complaint in the same
//! period (001 篇6 2.1.1(4)); a batch on one product model signals a group
//! quality problem (001 篇9, one TV model).

use crate::assess::{Assessment, Case};
use crate::policy::BatchKey;
use foldhash::HashMap;
use serde::Serialize;
use std::hash::Hash;

use crate::time::units::DAY_MS;

/// A group of complaints sharing a key within a window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cluster {
    /// What the complaints share.
    pub by: BatchKey,
    /// The shared value (the product, category code, department or subject).
    pub value: String,
    /// How many complaints are in the cluster.
    pub count: u64,
    /// The complaints' ids, in order of receipt.
    pub complaints: Vec<String>,
}

/// Complaints whose customer raised the same subject within `window_days` before.
pub fn repeats(items: &[&(Case, Assessment)], window_days: i64) -> u64 {
    let mut seen = Groups::with_capacity(items.len());
    for (case, _) in items {
        seen.add_repeat(case);
    }
    seen.repeats(window_days)
}

/// Maximal runs of at least `count` complaints with the same key where each
/// lies within `window_days` of the first of its run.
pub fn clusters(items: &[&(Case, Assessment)], by: BatchKey, count: u64, window_days: i64) -> Vec<Cluster> {
    let mut groups = Groups::with_capacity(items.len());
    for item in items {
        groups.add_batch(item, by);
    }
    groups.clusters(by, count, window_days)
}

/// Values grouped by key, in the order the keys first occur. The keys are
/// hashed: a million complaints over thousands of customers would otherwise
/// cost a string comparison at every level of an ordered map. The values
/// go into one list with their group's index and are laid out group by
/// group at the end (a counting sort), rather than into a growing list per
/// group: tens of thousands of small groups would each grow theirs.
pub(super) struct Groups<K, V> {
    slot: HashMap<K, u32>,
    keys: Vec<K>,
    sizes: Vec<u32>,
    values: Vec<(u32, V)>,
}

impl<K: Hash + Eq + Copy, V: Copy> Groups<K, V> {
    /// Groups for about `n` values.
    pub(super) fn with_capacity(n: usize) -> Self {
        Groups {
            slot: HashMap::default(),
            keys: Vec::new(),
            sizes: Vec::new(),
            values: Vec::with_capacity(n),
        }
    }

    fn add(&mut self, k: K, v: V) {
        let (keys, sizes) = (&mut self.keys, &mut self.sizes);
        let g = *self.slot.entry(k).or_insert_with(|| {
            keys.push(k);
            sizes.push(0);
            (keys.len() - 1) as u32
        });
        self.sizes[g as usize] += 1;
        self.values.push((g, v));
    }

    /// Each key with its values (in the order they were added), keys in
    /// order of first occurrence.
    fn into_groups(self) -> (Vec<K>, Vec<V>, Vec<usize>) {
        let mut starts = Vec::with_capacity(self.sizes.len() + 1);
        let mut at = 0;
        for n in &self.sizes {
            starts.push(at);
            at += *n as usize;
        }
        starts.push(at);
        let mut next = starts.clone();
        let mut out = match self.values.first() {
            Some(&(_, v)) => vec![v; self.values.len()],
            None => Vec::new(),
        };
        for &(g, v) in &self.values {
            out[next[g as usize]] = v;
            next[g as usize] += 1;
        }
        (self.keys, out, starts)
    }
}

impl<'a> Groups<(&'a str, &'a str), i64> {
    /// A complaint's receipt under its customer and subject, when it has both.
    pub(super) fn add_repeat(&mut self, case: &'a Case) {
        let c = &case.complaint;
        if let (Some(who), Some(what)) = (c.customer.id.as_deref(), c.subject.as_deref()) {
            self.add((who, what), c.received_at.0);
        }
    }

    /// Receipts that follow the same customer's same subject within the window.
    pub(super) fn repeats(self, window_days: i64) -> u64 {
        let (_, mut times, starts) = self.into_groups();
        let mut n = 0;
        for g in starts.windows(2) {
            let times = &mut times[g[0]..g[1]];
            times.sort_unstable();
            n += times.windows(2).filter(|w| w[1] - w[0] <= window_days * DAY_MS).count() as u64;
        }
        n
    }
}

impl<'a> Groups<&'a str, (i64, &'a str)> {
    /// A complaint's receipt and id under its batch key, when it has one.
    pub(super) fn add_batch(&mut self, (case, a): &'a (Case, Assessment), by: BatchKey) {
        let c = &case.complaint;
        let key = match by {
            BatchKey::Product => c.product.as_deref(),
            BatchKey::Department => c.department.as_deref(),
            BatchKey::Subject => c.subject.as_deref(),
            BatchKey::Category => a.classification.category.map(|v| v.code()),
        };
        if let Some(k) = key {
            self.add(k, (c.received_at.0, c.id.as_str()));
        }
    }

    /// The clusters, in order of their value, then of receipt.
    pub(super) fn clusters(self, by: BatchKey, count: u64, window_days: i64) -> Vec<Cluster> {
        let (keys, mut values, starts) = self.into_groups();
        let mut order: Vec<usize> = (0..keys.len()).collect();
        order.sort_unstable_by(|&a, &b| keys[a].cmp(keys[b]));
        let mut out = Vec::new();
        for g in order {
            let value = keys[g];
            let list = &mut values[starts[g]..starts[g + 1]];
            list.sort_unstable();
            let mut start = 0;
            while start < list.len() {
                let end = list[start..].partition_point(|(t, _)| *t - list[start].0 <= window_days * DAY_MS) + start;
                if (end - start) as u64 >= count {
                    out.push(Cluster {
                        by,
                        value: value.to_string(),
                        count: (end - start) as u64,
                        complaints: list[start..end].iter().map(|(_, id)| id.to_string()).collect(),
                    });
                    start = end;
                } else {
                    start += 1;
                }
            }
        }
        out
    }
}
