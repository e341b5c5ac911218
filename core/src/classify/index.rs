//! Row indexes for large classification tables, built once per policy.
//!
//! A table of many rows usually tests one field against a different value
//! in each row (a routing table by channel, by product line). Testing every
//! row in turn costs a field read and a comparison per row; the index maps
//! each value of that field to the rows that can match it, so a call tests
//! only those rows and the rows that do not test the field. A row the index
//! skips is one whose test on the field cannot hold: the rows it yields are
//! then tested in full, in table order, so the result is the same as
//! testing every row.

use crate::policy::condition::{Field, Lit, Op, Subject, Test, key_text};
use crate::policy::{Policy, Table};
use foldhash::HashMap;
use std::sync::Arc;

/// Tables with fewer rows are tested row by row: an index saves nothing.
const MIN_ROWS: usize = 8;

/// A policy with an index for each of its large tables (and for each of its
/// versions'). It holds the policy, which cannot change while it does.
#[derive(Debug, Clone)]
pub struct Indexed {
    policy: Arc<Policy>,
    /// The policy itself and each of its versions.
    versions: Vec<Version>,
}

/// The indexes of one version of a policy.
#[derive(Debug, Clone)]
pub struct Version {
    policy: Arc<Policy>,
    /// An index for each table (in table order) large enough to have one.
    pub tables: Vec<Option<TableIndex>>,
    /// Whether a table reads the normalised text or its signals.
    pub reads_text: bool,
}

impl Version {
    fn new(policy: &Arc<Policy>) -> Version {
        Version {
            policy: policy.clone(),
            tables: policy.tables.iter().map(TableIndex::new).collect(),
            reads_text: reads_text(policy),
        }
    }
}

/// Whether a condition of `policy`'s tables reads the normalised text (a
/// `contains` test on `text`) or its signals.
pub fn reads_text(policy: &Policy) -> bool {
    let reads =
        |t: &Test| matches!(t.op, Op::Signals(..)) || (t.field == Field::Text && matches!(t.op, Op::Contains(_)));
    let rows = policy.tables.iter().flat_map(|table| &table.rows);
    rows.flat_map(|row| &row.when.tests).any(reads)
}

/// The rows of one table that can match each value of one field.
#[derive(Debug, Clone)]
pub struct TableIndex {
    field: Field,
    /// The rows testing `field` against each value, in table order, each
    /// with the place of that test among its row's (it holds for the value).
    by_value: HashMap<String, Vec<Candidate>>,
    /// The rows that do not test `field` for equality: always candidates.
    others: Vec<Candidate>,
}

impl Indexed {
    /// Index `policy`'s tables (each version's, for a policy with versions).
    pub fn new(policy: Arc<Policy>) -> Indexed {
        let mut versions = vec![Version::new(&policy)];
        if let Some(h) = &policy.history {
            versions.extend(h.versions.iter().map(Version::new));
        }
        Indexed { policy, versions }
    }

    /// The policy indexed.
    pub fn policy(&self) -> &Arc<Policy> {
        &self.policy
    }

    /// The indexes of `version` (the policy or one of its versions, as
    /// `version_at` gives it); None for another policy.
    pub fn of(&self, version: &Policy) -> Option<&Version> {
        self.versions.iter().find(|v| std::ptr::eq(&*v.policy, version))
    }
}

/// The values a test requires of its field, when it requires one of a few
/// strings: `field = "x"` or `field in ["x", "y"]`.
fn required(test: &Test) -> Option<Vec<&str>> {
    fn text(l: &Lit) -> Option<&str> {
        match l {
            Lit::Str(s) => Some(s.as_str()),
            _ => None,
        }
    }
    match &test.op {
        Op::Eq(l) => Some(vec![text(l)?]),
        Op::In(ls) => ls.iter().map(text).collect(),
        _ => None,
    }
}

/// Whether `key_text` reads the field as the equality tests compare it.
fn indexable(field: &Field) -> bool {
    !matches!(field, Field::Remedies | Field::Signals) && !field.is_case()
}

impl TableIndex {
    /// The index on the field that leaves the fewest rows to test, when it
    /// leaves fewer than half of them; None for a small table or one no
    /// field divides so.
    fn new(table: &Table) -> Option<TableIndex> {
        if table.rows.len() < MIN_ROWS {
            return None;
        }
        let mut fields: Vec<&Field> = Vec::new();
        for row in &table.rows {
            for t in row
                .when
                .tests
                .iter()
                .filter(|t| indexable(&t.field) && required(t).is_some())
            {
                if !fields.contains(&&t.field) {
                    fields.push(&t.field);
                }
            }
        }
        let best = fields
            .into_iter()
            .map(|f| TableIndex::on(table, f))
            .min_by(|a, b| a.expected().total_cmp(&b.expected()))?;
        (best.expected() * 2.0 < table.rows.len() as f64).then_some(best)
    }

    /// The index of `table` on `field`.
    fn on(table: &Table, field: &Field) -> TableIndex {
        let mut index = TableIndex {
            field: field.clone(),
            by_value: HashMap::default(),
            others: Vec::new(),
        };
        for (i, row) in table.rows.iter().enumerate() {
            let i = i as u32;
            // A row with several such tests on the field is listed under the
            // first one's values: it can match only where all of them hold.
            let keyed = row.when.tests.iter().enumerate().filter(|(_, t)| &t.field == field);
            match keyed.filter_map(|(k, t)| Some((k, required(t)?))).next() {
                Some((k, values)) => {
                    for v in values {
                        let rows = index.by_value.entry(v.to_string()).or_default();
                        if rows.last().map(|c| c.row) != Some(i) {
                            rows.push(Candidate {
                                row: i,
                                known: k as u32,
                            });
                        }
                    }
                }
                None => index.others.push(Candidate {
                    row: i,
                    known: u32::MAX,
                }),
            }
        }
        index
    }

    /// How many rows a call tests, on average over the values indexed.
    fn expected(&self) -> f64 {
        let keyed: usize = self.by_value.values().map(Vec::len).sum();
        self.others.len() as f64 + keyed as f64 / self.by_value.len().max(1) as f64
    }

    /// The rows that can match `s`, in table order: each row's number and
    /// the place of a test known to hold (`usize::MAX` for none).
    pub(crate) fn candidates(&self, s: &Subject) -> impl Iterator<Item = (usize, usize)> {
        let keyed: &[Candidate] = key_text(&self.field, s)
            .and_then(|v| self.by_value.get(v))
            .map_or(&[], Vec::as_slice);
        Merged {
            a: keyed,
            b: &self.others,
        }
    }
}

/// A row a call tests, and the place among its tests of the one the index
/// has already decided (`u32::MAX`: none).
#[derive(Debug, Clone, Copy)]
struct Candidate {
    row: u32,
    known: u32,
}

/// Two lists of candidates in ascending row order, merged in order.
struct Merged<'a> {
    a: &'a [Candidate],
    b: &'a [Candidate],
}

impl Iterator for Merged<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let take_a = match (self.a.first(), self.b.first()) {
            (Some(x), Some(y)) => x.row < y.row,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => return None,
        };
        let list = if take_a { &mut self.a } else { &mut self.b };
        let (first, rest) = list.split_first()?;
        *list = rest;
        let known = if first.known == u32::MAX {
            usize::MAX
        } else {
            first.known as usize
        };
        Some((first.row as usize, known))
    }
}
