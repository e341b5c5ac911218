//! Adding a year of holiday data without a new release: a holiday feed (a
//! CSV file, or the all-day events of an iCalendar feed read by the host's
//! own parser) becomes a calendar document that `extends` an embedded
//! calendar, as `plaint calendar import` makes it. The request is written
//! as the JSON the core's `import_feed` reads, so every check and every
//! error path (`/lines/N`, `/events/N`) is the core's.

use crate::error::Result;
use plaint_core::api;
use serde_json::{Map, Value};

/// An all-day event of an iCalendar feed, as the host's parser read it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FeedEvent {
    /// The first day, YYYY-MM-DD (DTSTART of a DATE event).
    pub start: String,
    /// The day after the last, YYYY-MM-DD (DTEND, exclusive); null: one day.
    #[uniffi(default = None)]
    pub end: Option<String>,
    /// The event's SUMMARY: the holiday's name. A summary with 补班, 上班,
    /// 補班, 調班, "working day" or "workday" makes a make-up working day.
    #[uniffi(default = "")]
    pub summary: String,
    /// The event's CATEGORIES; `working_day` makes a make-up working day.
    #[uniffi(default)]
    pub categories: Vec<String>,
}

/// A holiday feed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum Feed {
    /// The text of a CSV file: `date,name,kind` lines (kind: holiday or
    /// working_day; a header line is allowed).
    Csv { text: String },
    /// The all-day events of an iCalendar feed.
    Events { events: Vec<FeedEvent> },
}

/// A feed imported: the calendar document (JSON text: save it as a file,
/// load it with `WorkCalendar.fromJson`, give it to a policy with
/// `Policy.withCalendar`), the days kept and the days left out because the
/// embedded data already covers them.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FeedImport {
    pub calendar_json: String,
    pub kept: i64,
    pub skipped: i64,
}

/// The import request of the JSON layer for a typed feed.
fn request(base: String, feed: Feed, name: Option<String>, valid_to: Option<String>, source: Option<String>) -> Value {
    let mut m = Map::new();
    m.insert("base".into(), Value::from(base));
    let optional = [("name", name), ("valid_to", valid_to), ("source", source)];
    for (k, v) in optional {
        if let Some(v) = v {
            m.insert(k.into(), Value::from(v));
        }
    }
    match feed {
        Feed::Csv { text } => {
            m.insert("csv".into(), Value::from(text));
        }
        Feed::Events { events } => {
            let items = events.into_iter().map(event).collect::<Vec<_>>();
            m.insert("events".into(), Value::from(items));
        }
    }
    Value::Object(m)
}

fn event(e: FeedEvent) -> Value {
    let FeedEvent {
        start,
        end,
        summary,
        categories,
    } = e;
    let mut m = Map::new();
    m.insert("start".into(), Value::from(start));
    if let Some(end) = end {
        m.insert("end".into(), Value::from(end));
    }
    m.insert("summary".into(), Value::from(summary));
    m.insert("categories".into(), Value::from(categories));
    Value::Object(m)
}

/// Import a holiday feed into a calendar that extends the embedded calendar
/// `base` (e.g. `cn-mainland` with next year's State Council schedule):
/// `plaint calendar import`. `name` defaults to `<base>-<last year>`,
/// `validTo` (YYYY-MM-DD) to the end of the feed's last year. Nothing is
/// produced unless the whole feed is good: an empty feed, a day given
/// twice or both a holiday and a working day, a year left without data are
/// errors with the path of the line (`/lines/N`) or event (`/events/N`).
#[uniffi::export(default(name = None, valid_to = None, source = None))]
pub fn import_feed(
    base: String,
    feed: Feed,
    name: Option<String>,
    valid_to: Option<String>,
    source: Option<String>,
) -> Result<FeedImport> {
    let out = api::import_feed_value(&request(base, feed, name, valid_to, source))?;
    let n = |k: &str| out.get(k).and_then(Value::as_i64).unwrap_or_default();
    let calendar = out.get("calendar").cloned().unwrap_or(Value::Null);
    Ok(FeedImport {
        calendar_json: serde_json::to_string_pretty(&calendar).unwrap_or_default(),
        kept: n("kept"),
        skipped: n("skipped"),
    })
}
