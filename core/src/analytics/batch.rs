//! Repeat complaints and batch clusters: the same complaint in the same
//! period (001 篇6 2.1.1(4)); a batch on one product model signals a group
//! quality problem (001 篇9, one TV model).

use crate::assess::{Assessment, Case};
use crate::policy::BatchKey;
use serde::Serialize;
use std::collections::BTreeMap;

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
    let mut seen: BTreeMap<(&str, &str), Vec<i64>> = BTreeMap::new();
    for (case, _) in items {
        let c = &case.complaint;
        if let (Some(who), Some(what)) = (c.customer.id.as_deref(), c.subject.as_deref()) {
            seen.entry((who, what)).or_default().push(c.received_at.0);
        }
    }
    let mut n = 0;
    for times in seen.values_mut() {
        times.sort_unstable();
        n += times.windows(2).filter(|w| w[1] - w[0] <= window_days * DAY_MS).count() as u64;
    }
    n
}

/// Maximal runs of at least `count` complaints with the same key where each
/// lies within `window_days` of the first of its run.
pub fn clusters(items: &[&(Case, Assessment)], by: BatchKey, count: u64, window_days: i64) -> Vec<Cluster> {
    let mut groups: BTreeMap<&str, Vec<(i64, &str)>> = BTreeMap::new();
    for (case, a) in items {
        let c = &case.complaint;
        let key = match by {
            BatchKey::Product => c.product.as_deref(),
            BatchKey::Department => c.department.as_deref(),
            BatchKey::Subject => c.subject.as_deref(),
            BatchKey::Category => a.classification.category.map(|v| v.code()),
        };
        if let Some(k) = key {
            groups.entry(k).or_default().push((c.received_at.0, c.id.as_str()));
        }
    }
    let mut out = Vec::new();
    for (value, mut list) in groups {
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
