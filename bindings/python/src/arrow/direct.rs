//! Cases read straight from typed columns: the fast path of `plaint.arrow`.
//!
//! `Rows` turns each row into the JSON layer's document and reads it back,
//! which costs more than assessing it. `Direct` fills `Case` from the
//! columns instead, but only where the result is certainly the one the JSON
//! layer would give:
//! - a batch is taken only when every column has a place this reader knows,
//!   with the type that place reads (a string column for a code, a timestamp
//!   or a string for an instant, ...), and no two columns share a place;
//! - a row is taken only when each of its values is accepted as it is (a
//!   known code, a non-empty id, an instant in range, a count that is not
//!   negative, a present event type and time).
//!
//! Anything else — an unknown column, a wrong type, a bad value — goes
//! through `Rows`, so that every error keeps the JSON layer's code and path.
//! The test `test_arrow_direct_reader_equals_json_layer` compares both.

use super::rows::{Column, Rows};
use arrow_array::{Array, StructArray};
use plaint_core::assess::Case;
use plaint_core::decode::FromCode;
use plaint_core::model::{Event, EventKind, Facts, parse_instant};
use plaint_core::{Complaint, Instant};

/// Where a complaint column goes.
enum Place {
    Id,
    ReceivedAt,
    Channel,
    CustomerId,
    CustomerTier,
    Subject,
    Product,
    Department,
    Text,
    Flag(fn(&mut Facts) -> &mut Option<bool>),
    LossAmount,
    TimesRaisedBefore,
    Cause,
    Claim,
    RequestedDueAt,
    Attribute(String),
}

/// Where a field of the `events` structs goes.
enum EventPlace {
    Type,
    At,
    Text(fn(&mut Event) -> &mut Option<String>),
    Handoff,
    Severity,
    Category,
    Nature,
    Amount,
    Remedy,
    RemedyAmount,
    Channel,
    Written,
    Validity,
    Extent,
    /// Free text for people; read and ignored, as by the JSON layer.
    Note,
}

/// A column with its place and the structs it sits in (a null struct makes
/// every field in it absent).
struct Slot<'a, P> {
    place: P,
    column: &'a Column,
    parents: Vec<&'a StructArray>,
}

impl<P> Slot<'_, P> {
    fn is_null(&self, i: usize) -> bool {
        self.column.is_null(i) || self.parents.iter().any(|p| p.is_null(i))
    }
}

/// The fast reader of one batch.
pub struct Direct<'a> {
    complaint: Vec<Slot<'a, Place>>,
    events: Option<Events<'a>>,
}

struct Events<'a> {
    list: &'a arrow_array::ListArray,
    /// The list items are structs; null items are not taken.
    items: &'a StructArray,
    fields: Vec<Slot<'a, EventPlace>>,
}

impl<'a> Direct<'a> {
    /// The fast reader, when every column of `rows` is one it reads exactly.
    pub fn new(rows: &'a Rows) -> Option<Direct<'a>> {
        let paths: Vec<&[String]> = rows.columns.iter().map(|(p, _)| p.as_slice()).collect();
        let overlap = paths
            .iter()
            .enumerate()
            .any(|(i, a)| paths[i + 1..].iter().any(|b| a.starts_with(b) || b.starts_with(a)));
        if overlap {
            return None;
        }
        let mut complaint = Vec::new();
        for (path, column) in &rows.columns {
            flatten(path.clone(), column, Vec::new(), &mut complaint)?;
        }
        let has = |want: fn(&Place) -> bool| complaint.iter().any(|s| want(&s.place));
        if !has(|p| matches!(p, Place::Id)) || !has(|p| matches!(p, Place::ReceivedAt)) {
            return None;
        }
        let events = match &rows.events {
            None => None,
            Some(column) => Some(Events::new(column)?),
        };
        Some(Direct { complaint, events })
    }

    /// Row `i` as a case, or None when it must go through the JSON layer.
    pub fn case(&self, i: usize) -> Option<Case> {
        let complaint = self.complaint(i)?;
        let events = match &self.events {
            Some(e) => e.row(i)?,
            None => Vec::new(),
        };
        Some(Case {
            complaint,
            events,
            related: Vec::new(),
        })
    }

    /// Row `i` as a complaint, or None when it must go through the JSON layer.
    pub fn complaint(&self, i: usize) -> Option<Complaint> {
        let mut c = Complaint::default();
        let (mut id, mut received) = (None, None);
        for slot in &self.complaint {
            if slot.is_null(i) {
                continue;
            }
            let col = slot.column;
            let f = &mut c.facts;
            match &slot.place {
                Place::Id => id = Some(name(col, i)?),
                Place::ReceivedAt => received = Some(instant(col, i)?),
                Place::Channel => c.channel = Some(code(col, i)?),
                Place::CustomerId => c.customer.id = Some(text(col, i)?.to_string()),
                Place::CustomerTier => c.customer.tier = Some(code(col, i)?),
                Place::Subject => c.subject = Some(text(col, i)?.to_string()),
                Place::Product => c.product = Some(text(col, i)?.to_string()),
                Place::Department => c.department = Some(text(col, i)?.to_string()),
                Place::Text => c.text = text(col, i)?.to_string(),
                Place::Flag(field) => *field(f) = Some(flag(col, i)?),
                Place::LossAmount => f.loss_amount = Some(amount(col, i)?),
                Place::TimesRaisedBefore => f.times_raised_before = Some(count(col, i)?),
                Place::Cause => f.cause = Some(code(col, i)?),
                Place::Claim => f.claim = Some(code(col, i)?),
                Place::RequestedDueAt => f.requested_due_at = Some(instant(col, i)?),
                Place::Attribute(key) => {
                    let v = col.value(i)?;
                    c.attributes.insert(key.clone(), v);
                }
            }
        }
        c.id = id?;
        c.received_at = received?;
        Some(c)
    }
}

/// The places of a column (a struct: of each of its fields), or None when
/// this reader does not read it.
fn flatten<'a>(
    path: Vec<String>,
    column: &'a Column,
    parents: Vec<&'a StructArray>,
    out: &mut Vec<Slot<'a, Place>>,
) -> Option<()> {
    if let Column::Struct(fields, array) = column {
        // Attributes one level down only: deeper ones are nested JSON objects.
        if path.len() > 1 {
            return None;
        }
        for (name, child) in fields {
            let mut p = path.clone();
            p.push(name.clone());
            let mut ps = parents.clone();
            ps.push(array);
            flatten(p, child, ps, out)?;
        }
        return Some(());
    }
    let keys: Vec<&str> = path.iter().map(String::as_str).collect();
    let place = place_of(&keys, column)?;
    out.push(Slot { place, column, parents });
    Some(())
}

/// The place of a complaint column at `path`, when its type is the one the
/// place reads.
fn place_of(path: &[&str], column: &Column) -> Option<Place> {
    use Column::{Bool, Float, Int, Text, Time};
    let t = matches!(column, Text(_));
    let instant = matches!(column, Text(_) | Time(_));
    let place = match path {
        ["id"] if t => Place::Id,
        ["received_at"] if instant => Place::ReceivedAt,
        ["channel"] if t => Place::Channel,
        ["customer", "id"] if t => Place::CustomerId,
        ["customer", "tier"] if t => Place::CustomerTier,
        ["subject"] if t => Place::Subject,
        ["product"] if t => Place::Product,
        ["department"] if t => Place::Department,
        ["text"] if t => Place::Text,
        ["facts", "loss_amount"] if matches!(column, Float(_) | Int(_)) => Place::LossAmount,
        ["facts", "times_raised_before"] if matches!(column, Int(_)) => Place::TimesRaisedBefore,
        ["facts", "cause"] if t => Place::Cause,
        ["facts", "claim"] if t => Place::Claim,
        ["facts", "requested_due_at"] if instant => Place::RequestedDueAt,
        ["facts", flag] if matches!(column, Bool(_)) => Place::Flag(flag_field(flag)?),
        ["attributes", key] if !matches!(column, Column::List(..)) => Place::Attribute(key.to_string()),
        _ => return None,
    };
    Some(place)
}

fn flag_field(name: &str) -> Option<fn(&mut Facts) -> &mut Option<bool>> {
    Some(match name {
        "harm_ongoing" => |f| &mut f.harm_ongoing,
        "personal_injury" => |f| &mut f.personal_injury,
        "wrote_to_company" => |f| &mut f.wrote_to_company,
        "refuses_fees" => |f| &mut f.refuses_fees,
        "major_inconvenience" => |f| &mut f.major_inconvenience,
        "needs_coordination" => |f| &mut f.needs_coordination,
        "resolvable_on_spot" => |f| &mut f.resolvable_on_spot,
        "involves_other_department" => |f| &mut f.involves_other_department,
        _ => return None,
    })
}

impl<'a> Events<'a> {
    fn new(column: &'a Column) -> Option<Events<'a>> {
        let Column::List(list, items) = column else {
            return None;
        };
        let Column::Struct(fields, array) = &**items else {
            return None;
        };
        let mut slots = Vec::new();
        for (name, child) in fields {
            let place = event_place(name, child)?;
            slots.push(Slot {
                place,
                column: child,
                parents: Vec::new(),
            });
        }
        Some(Events {
            list,
            items: array,
            fields: slots,
        })
    }

    /// The events of row `i`, or None when one must go through the JSON layer.
    fn row(&self, i: usize) -> Option<Vec<Event>> {
        if self.list.is_null(i) {
            return Some(Vec::new());
        }
        let offsets = self.list.value_offsets();
        let (start, end) = (offsets[i] as usize, offsets[i + 1] as usize);
        // Sized up front: collecting into an Option<Vec> cannot know the
        // length, and growing moves every (large) event already read.
        let mut events = Vec::with_capacity(end - start);
        for j in start..end {
            events.push(self.event(j)?);
        }
        Some(events)
    }

    fn event(&self, j: usize) -> Option<Event> {
        if self.items.is_null(j) {
            return None;
        }
        // A placeholder kind and instant, both replaced below before the event is used.
        let mut e = Event::new(EventKind::Received, Instant::default());
        let (mut kind, mut at) = (None, None);
        for slot in &self.fields {
            if slot.is_null(j) {
                continue;
            }
            let col = slot.column;
            match &slot.place {
                EventPlace::Type => kind = Some(code(col, j)?),
                EventPlace::At => at = Some(instant(col, j)?),
                EventPlace::Text(field) => *field(&mut e) = Some(text(col, j)?.to_string()),
                EventPlace::Handoff => e.handoff = flag(col, j)?,
                EventPlace::Severity => e.severity = Some(code(col, j)?),
                EventPlace::Category => e.category = Some(code(col, j)?),
                EventPlace::Nature => e.nature = Some(code(col, j)?),
                EventPlace::Amount => e.amount = Some(count(col, j)?),
                EventPlace::Remedy => e.remedy = Some(code(col, j)?),
                EventPlace::RemedyAmount => e.remedy_amount = Some(amount(col, j)?),
                EventPlace::Channel => e.channel = Some(code(col, j)?),
                EventPlace::Written => e.written = Some(flag(col, j)?),
                EventPlace::Validity => e.validity = Some(code(col, j)?),
                EventPlace::Extent => e.extent = Some(code(col, j)?),
                EventPlace::Note => {}
            }
        }
        e.kind = kind?;
        e.at = at?;
        // A required field missing is the JSON layer's error to report.
        if e.missing_field().is_some() {
            return None;
        }
        Some(e)
    }
}

/// The place of an event field, when its type is the one the place reads.
fn event_place(name: &str, column: &Column) -> Option<EventPlace> {
    use Column::{Bool, Float, Int, Text, Time};
    let t = matches!(column, Text(_));
    Some(match name {
        "type" if t => EventPlace::Type,
        "at" if matches!(column, Text(_) | Time(_)) => EventPlace::At,
        "by" if t => EventPlace::Text(|e| &mut e.by),
        "to" if t => EventPlace::Text(|e| &mut e.to),
        "deadline" if t => EventPlace::Text(|e| &mut e.deadline),
        "reason" if t => EventPlace::Text(|e| &mut e.reason),
        "level" if t => EventPlace::Text(|e| &mut e.level),
        "handoff" if matches!(column, Bool(_)) => EventPlace::Handoff,
        "severity" if t => EventPlace::Severity,
        "category" if t => EventPlace::Category,
        "nature" if t => EventPlace::Nature,
        "amount" if matches!(column, Int(_)) => EventPlace::Amount,
        "remedy" if t => EventPlace::Remedy,
        "remedy_amount" if matches!(column, Float(_) | Int(_)) => EventPlace::RemedyAmount,
        "channel" if t => EventPlace::Channel,
        "written" if matches!(column, Bool(_)) => EventPlace::Written,
        "validity" if t => EventPlace::Validity,
        "extent" if t => EventPlace::Extent,
        "note" => EventPlace::Note,
        _ => return None,
    })
}

// The cell readers: each accepts exactly what the JSON layer accepts from
// the value `Rows` would write, and gives up (None) on anything else. The
// caller has checked that the cell is not null.

fn text(col: &Column, i: usize) -> Option<&str> {
    match col {
        Column::Text(a) => Some(a.value(i)),
        _ => None,
    }
}

/// A non-empty id (the JSON layer's `name`).
fn name(col: &Column, i: usize) -> Option<String> {
    text(col, i).filter(|s| !s.trim().is_empty()).map(str::to_string)
}

fn code<T: FromCode>(col: &Column, i: usize) -> Option<T> {
    T::from_code(text(col, i)?)
}

fn instant(col: &Column, i: usize) -> Option<Instant> {
    match col {
        Column::Time(a) => Instant::from_ms(a.value(i)).ok(),
        Column::Text(a) => parse_instant(a.value(i)).ok(),
        _ => None,
    }
}

fn flag(col: &Column, i: usize) -> Option<bool> {
    match col {
        Column::Bool(a) => Some(a.value(i)),
        _ => None,
    }
}

/// A finite number (NaN and infinities are written as JSON null by `Rows`).
fn number(col: &Column, i: usize) -> Option<f64> {
    match col {
        Column::Float(a) => Some(a.value(i)).filter(|f| f.is_finite()),
        Column::Int(a) => Some(a.value(i) as f64),
        _ => None,
    }
}

/// An amount of money as the JSON layer reads it (Reader::amount): not
/// negative, -0 as 0; anything else goes to the JSON layer for its error.
fn amount(col: &Column, i: usize) -> Option<f64> {
    number(col, i).filter(|x| *x >= 0.0).map(|x| x + 0.0)
}

/// A count: an integer that is not negative.
fn count(col: &Column, i: usize) -> Option<i64> {
    match col {
        Column::Int(a) => Some(a.value(i)).filter(|n| *n >= 0),
        _ => None,
    }
}
