//! Importing a holiday feed: the days of an iCalendar feed (events read by
//! the host's parser) or of a CSV file (`date,name,kind`) become a calendar
//! document that `extends` an embedded calendar with the years after its
//! data. Every problem is reported with a path (`/events/N` for the N-th
//! event, `/lines/N` for the N-th line, both counted from 1 for lines and
//! from 0 for events); nothing is produced unless the whole feed is good.

use super::{Calendar, presets};
use crate::error::{Code, Error, Problem};
use crate::model::labels::labelled_enum;
use chrono::{Datelike, NaiveDate};
use serde_json::{Value, json};
use std::collections::BTreeMap;

labelled_enum! {
    /// What a day of a feed is.
    pub enum FeedKind ("kind") {
        /// A day off.
        Holiday = "holiday", "节假日", "節假日", "holiday";
        /// A make-up working day (调休, 补班) on a day that is otherwise off.
        WorkingDay = "working_day", "调休工作日", "調休工作日", "make-up working day";
    }
}

/// Words in an event's summary that make it a working day (Chinese feeds
/// mark 补班 / 上班 days so); a `CATEGORIES` value `working_day` does too.
pub const WORKING_DAY_MARKERS: &[&str] = &["补班", "上班", "補班", "調班", "working day", "workday"];

/// An all-day event of an iCalendar feed, as the host's parser read it.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedEvent {
    /// The first day (RFC 5545 DTSTART of a DATE event).
    pub start: NaiveDate,
    /// The day after the last (RFC 5545 DTEND of a DATE event); None: one day.
    pub end: Option<NaiveDate>,
    /// The event's SUMMARY: the holiday's name.
    pub summary: String,
    /// The event's CATEGORIES values.
    pub categories: Vec<String>,
    /// Where the event is: `/events/N`.
    pub path: String,
}

impl FeedEvent {
    /// Holiday, or working day by its category or a marker in its summary.
    pub fn kind(&self) -> FeedKind {
        let summary = self.summary.to_lowercase();
        let by_category = self
            .categories
            .iter()
            .any(|c| c.trim().eq_ignore_ascii_case("working_day"));
        if by_category || WORKING_DAY_MARKERS.iter().any(|m| summary.contains(m)) {
            FeedKind::WorkingDay
        } else {
            FeedKind::Holiday
        }
    }
}

/// One dated day of a feed.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedDay {
    /// The day.
    pub date: NaiveDate,
    /// The holiday's or working day's name.
    pub name: String,
    /// Whether it is a holiday or a make-up working day.
    pub kind: FeedKind,
    /// Where the day came from in the feed (`/events/N`, `/lines/N`).
    pub path: String,
}

/// Longest event a feed may hold, in days (a holiday block is at most a few weeks).
pub const MAX_EVENT_DAYS: i64 = 31;

/// The days of iCalendar events, one per date of each event.
pub fn days_of_events(events: &[FeedEvent]) -> Result<Vec<FeedDay>, Error> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for e in events {
        let end = e.end.unwrap_or(e.start + chrono::Days::new(1));
        let days = (end - e.start).num_days();
        if !(1..=MAX_EVENT_DAYS).contains(&days) {
            problems.push(problem(
                Code::InvalidFeed,
                &e.path,
                format!(
                    "event {:?} runs {days} days ({}..{end}); expected 1 to {MAX_EVENT_DAYS}",
                    e.summary, e.start
                ),
            ));
            continue;
        }
        let kind = e.kind();
        for date in e.start.iter_days().take(days as usize) {
            out.push(FeedDay {
                date,
                name: e.summary.clone(),
                kind,
                path: e.path.clone(),
            });
        }
    }
    finish(problems, out)
}

/// The days of a CSV feed: `date,name,kind` per line (kind `holiday` or
/// `working_day`), an optional header line `date,name,kind`, blank lines
/// and lines starting with `#` ignored. A name holding a comma is quoted.
pub fn days_of_csv(text: &str) -> Result<Vec<FeedDay>, Error> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let path = format!("/lines/{}", i + 1);
        let line = line.trim_start_matches('\u{feff}').trim();
        if line.is_empty() || line.starts_with('#') || (i == 0 && line.eq_ignore_ascii_case("date,name,kind")) {
            continue;
        }
        match csv_fields(line).as_deref() {
            Some([date, name, kind]) => {
                let date = crate::decode::parse_date(date.trim());
                let kind = FeedKind::ALL.iter().copied().find(|k| k.code() == kind.trim());
                match (date, kind) {
                    (Some(date), Some(kind)) => out.push(FeedDay {
                        date,
                        name: name.trim().to_string(),
                        kind,
                        path,
                    }),
                    (None, _) => problems.push(problem(
                        Code::InvalidDate,
                        &path,
                        format!("{line:?}: the first field is not a date (YYYY-MM-DD)"),
                    )),
                    (_, None) => problems.push(problem(
                        Code::InvalidValue,
                        &path,
                        format!("{line:?}: the kind is neither holiday nor working_day"),
                    )),
                }
            }
            _ => problems.push(problem(
                Code::InvalidFeed,
                &path,
                format!("{line:?} is not three fields date,name,kind"),
            )),
        }
    }
    finish(problems, out)
}

/// Split one CSV line; fields may be quoted with `"` (a doubled `""` is a quote).
fn csv_fields(line: &str) -> Option<Vec<String>> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut()?.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            (c, _) => fields.last_mut()?.push(c),
        }
    }
    (!quoted).then_some(fields)
}

/// How to build the calendar of an import.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportOptions {
    /// The embedded calendar to extend.
    pub base: String,
    /// The new calendar's name (default: base and last year, `cn-mainland-2027`).
    pub name: Option<String>,
    /// The new end of the data (default: 31 December of the feed's last year).
    pub valid_to: Option<NaiveDate>,
    /// Where the feed came from, for the calendar's `source`.
    pub source: String,
}

/// What an import made: the calendar document, and the feed's days that
/// were left out because the base calendar's data already covers them.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The calendar document (JSON), which `extends` the base calendar.
    pub calendar: Value,
    /// How many of the feed's days it holds.
    pub kept: usize,
    /// How many were left out, the base calendar's data already covering them.
    pub skipped: usize,
}

/// The calendar that extends `opts.base` with the feed's days after its data.
pub fn import(days: &[FeedDay], opts: &ImportOptions) -> Result<Imported, Error> {
    let base = presets::calendar(&opts.base)?;
    let end = base.data_end();
    if days.is_empty() {
        return Err(Error::new(Code::InvalidFeed, "/events", "the feed has no events"));
    }
    let mut problems = Vec::new();
    let mut seen: BTreeMap<NaiveDate, &FeedDay> = BTreeMap::new();
    for d in days {
        match seen.get(&d.date) {
            Some(first) if first.kind == d.kind => problems.push(problem(
                Code::ConflictingDay,
                &d.path,
                format!("{} is listed twice (also at {})", d.date, first.path),
            )),
            Some(first) => problems.push(problem(
                Code::ConflictingDay,
                &d.path,
                format!(
                    "{} is both a {} (at {}) and a {}",
                    d.date,
                    first.kind.code(),
                    first.path,
                    d.kind.code()
                ),
            )),
            None => {
                seen.insert(d.date, d);
            }
        }
    }
    let new: Vec<&FeedDay> = seen.values().copied().filter(|d| d.date > end).collect();
    let Some(last) = new.last().map(|d| d.date) else {
        problems.push(problem(
            Code::InvalidFeed,
            "/events",
            format!("no date of the feed is after the end of {}'s data ({end})", opts.base),
        ));
        return Err(Error::Invalid(problems));
    };
    for year in end.year() + 1..=last.year() {
        if !new.iter().any(|d| d.date.year() == year) {
            problems.push(problem(
                Code::InvalidFeed,
                "/events",
                format!(
                    "the feed has no date in {year}: {} ends on {end} and every year up to {} must be covered",
                    opts.base,
                    last.year()
                ),
            ));
        }
    }
    let valid_to = opts.valid_to.unwrap_or_else(|| end_of_year(last));
    if valid_to < last {
        problems.push(problem(
            Code::InvalidRange,
            "/valid_to",
            format!("{valid_to} is before the feed's last date {last}"),
        ));
    }
    finish(problems, ())?;
    let name = opts
        .name
        .clone()
        .unwrap_or_else(|| format!("{}-{}", opts.base, last.year()));
    let list = |kind: FeedKind| -> Vec<Value> {
        new.iter()
            .filter(|d| d.kind == kind)
            .map(|d| json!({"date": d.date.to_string(), "name": d.name}))
            .collect()
    };
    let calendar = json!({
        "plaint_calendar": 1,
        "extends": opts.base,
        "name": name,
        "title": format!("{} with {}..{} imported", base.spec().title, end + chrono::Days::new(1), valid_to),
        "valid_to": valid_to.to_string(),
        "source": format!("{} to {end}; {}..{valid_to} imported from {}", base.spec().source, end + chrono::Days::new(1), opts.source),
        "holidays": list(FeedKind::Holiday),
        "extra_working_days": list(FeedKind::WorkingDay),
    });
    // The document must load as it is: nothing half-made leaves here.
    Calendar::from_value(&calendar)?;
    Ok(Imported {
        calendar,
        kept: new.len(),
        skipped: seen.len() - new.len(),
    })
}

fn end_of_year(d: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year(), 12, 31).unwrap_or(d)
}

fn problem(code: Code, path: &str, message: String) -> Problem {
    Problem {
        code,
        path: path.to_string(),
        message,
    }
}

fn finish<T>(problems: Vec<Problem>, value: T) -> Result<T, Error> {
    if problems.is_empty() {
        Ok(value)
    } else {
        Err(Error::Invalid(problems))
    }
}
