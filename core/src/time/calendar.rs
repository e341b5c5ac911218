//! Working calendars as data (docs/time.md "Working calendars"): the JSON format,
//! its validation, and extension of a preset by a host.

use crate::decode::{Fields, FromCode, Reader, child, index, parse_json};
use crate::error::{Code, Error};
use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;
use serde_json::Value;
use std::collections::BTreeMap;

/// The calendar format version this library reads.
pub const CALENDAR_FORMAT: i64 = 1;

/// Longest data range a calendar may declare, in days (about 200 years):
/// bounds the memory of its index.
pub const MAX_RANGE_DAYS: i64 = 200 * 366;

/// A weekday, Monday first (the JSON codes mon..sun).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Weekday(pub u8);

const WEEKDAYS: [Weekday; 7] = [
    Weekday(0),
    Weekday(1),
    Weekday(2),
    Weekday(3),
    Weekday(4),
    Weekday(5),
    Weekday(6),
];
const WEEKDAY_CODES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl FromCode for Weekday {
    const WHAT: &'static str = "weekday";
    fn all() -> &'static [Self] {
        &WEEKDAYS
    }
    fn code(self) -> &'static str {
        WEEKDAY_CODES[self.0 as usize]
    }
}

impl Weekday {
    /// The weekday of `date`.
    pub fn of(date: NaiveDate) -> Weekday {
        Weekday(date.weekday().num_days_from_monday() as u8)
    }
}

/// A half-open local interval in minutes of the day, 0..=1440.
pub type Interval = (u32, u32);

/// A calendar as declared: the data a host or a preset supplies.
#[derive(Debug, Clone, PartialEq)]
pub struct CalendarSpec {
    /// The calendar's name (`cn-mainland`, or a host's).
    pub name: String,
    /// A title for people.
    pub title: String,
    /// The IANA zone its days and hours are in.
    pub zone: Tz,
    /// Working weekdays, Monday first.
    pub weekmask: [bool; 7],
    /// Business hours per weekday; `None` when the calendar declares none
    /// (the whole day counts, and the default end is end_of_day).
    pub hours: Option<[Vec<Interval>; 7]>,
    /// Whose hours a make-up working day keeps (default Monday).
    pub extra_working_day_hours: Weekday,
    /// The first date of its official data.
    pub valid_from: NaiveDate,
    /// The last date of its official data (inclusive).
    pub valid_to: NaiveDate,
    /// The holidays in the data range, each with its name.
    pub holidays: BTreeMap<NaiveDate, String>,
    /// Make-up working days (weekend days worked instead of a holiday), each with its name.
    pub extra_working_days: BTreeMap<NaiveDate, String>,
    /// Where the data comes from (an official notice), for people.
    pub source: String,
    /// The embedded calendar this one extends, if it extends one.
    pub extends: Option<String>,
    /// Holidays projected by rule for the dates after `valid_to`: used only
    /// when a host opts in, and every result counted on them is provisional.
    pub projection: Option<Projection>,
}

/// Holidays dated by rule for the years after a calendar's official data
/// (no make-up working days: those are decided year by year).
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    /// The last projected date; the projection starts the day after `valid_to`.
    pub valid_to: NaiveDate,
    /// The projected holidays, each with its name.
    pub holidays: BTreeMap<NaiveDate, String>,
    /// The rule the dates were projected by, for people.
    pub source: String,
}

impl CalendarSpec {
    /// Whether `date` is a working day by this data (no range check).
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if self.extra_working_days.contains_key(&date) {
            return true;
        }
        self.weekmask[Weekday::of(date).0 as usize] && !self.holidays.contains_key(&date)
    }

    /// The business-hours intervals of a working `date`.
    pub fn intervals(&self, date: NaiveDate) -> &[Interval] {
        const WHOLE_DAY: &[Interval] = &[(0, 1440)];
        let Some(hours) = &self.hours else {
            return WHOLE_DAY;
        };
        let weekday = if self.extra_working_days.contains_key(&date) {
            self.extra_working_day_hours
        } else {
            Weekday::of(date)
        };
        &hours[weekday.0 as usize]
    }

    /// Read a calendar from JSON text. `base` resolves `"extends"`.
    pub fn from_json(text: &str, base: &dyn Fn(&str) -> Option<CalendarSpec>) -> Result<CalendarSpec, Error> {
        CalendarSpec::from_value(&parse_json(text)?, base)
    }

    /// Read a calendar from a JSON value, reporting every problem.
    pub fn from_value(v: &Value, base: &dyn Fn(&str) -> Option<CalendarSpec>) -> Result<CalendarSpec, Error> {
        let mut r = Reader::new();
        let spec = read_calendar(&mut r, v, "", base);
        r.finish(spec)
    }
}

/// Read a calendar document at `path` (alone, or inline in a policy).
pub fn read_calendar(
    r: &mut Reader,
    v: &Value,
    path: &str,
    base: &dyn Fn(&str) -> Option<CalendarSpec>,
) -> Option<CalendarSpec> {
    let mut f = r.object(v, path)?;
    let version_ok = read_format_version(r, &mut f);
    let parent = read_parent(r, &mut f, base).ok()?;
    let own = read_own(r, &mut f, parent.is_some());
    f.done(r);
    let spec = merge(r, parent, own, path);
    version_ok.then_some(spec)
}

/// What a calendar document gives itself; `None` or empty where absent.
struct Own {
    name: Option<String>,
    title: Option<String>,
    source: Option<String>,
    zone: Option<Tz>,
    weekmask: Option<[bool; 7]>,
    /// `Some` when `hours` is given (its value `None` when it is invalid).
    hours: Option<Option<[Vec<Interval>; 7]>>,
    extra_hours: Option<Weekday>,
    valid_from: Option<NaiveDate>,
    valid_to: Option<NaiveDate>,
    holidays: BTreeMap<NaiveDate, String>,
    extra: BTreeMap<NaiveDate, String>,
    /// The projection with its path, and the index of each projected date.
    projection: Option<(Option<Projection>, String)>,
    projected_at: BTreeMap<NaiveDate, usize>,
}

/// `plaint_calendar`: whether it is the format version this library reads.
fn read_format_version(r: &mut Reader, f: &mut Fields) -> bool {
    let Some((v, p)) = f.req(r, "plaint_calendar") else {
        return false;
    };
    match r.integer(v, &p) {
        Some(CALENDAR_FORMAT) => true,
        Some(other) => {
            r.push(
                Code::UnsupportedVersion,
                &p,
                format!("unsupported calendar format version {other} (this library reads {CALENDAR_FORMAT})"),
            );
            false
        }
        None => false,
    }
}

/// `extends`: the base calendar, `Ok(None)` for a calendar of its own,
/// `Err` when the name is unreadable or unknown (reported).
fn read_parent(
    r: &mut Reader,
    f: &mut Fields,
    base: &dyn Fn(&str) -> Option<CalendarSpec>,
) -> Result<Option<CalendarSpec>, ()> {
    let Some((v, p)) = f.opt("extends") else {
        return Ok(None);
    };
    let name = r.string(v, &p).ok_or(())?;
    match base(name) {
        Some(spec) => Ok(Some(spec)),
        None => {
            r.push(
                Code::UnknownCalendar,
                &p,
                format!("unknown calendar {name:?} to extend"),
            );
            Err(())
        }
    }
}

/// Every other field. A calendar of its own must say everything that has
/// no default; an extending one inherits it.
fn read_own(r: &mut Reader, f: &mut Fields, extending: bool) -> Own {
    let mut projected_at = BTreeMap::new();
    Own {
        name: need(extending, f, r, "name").and_then(|(v, p)| r.name(v, &p).map(str::to_string)),
        title: f.opt("title").and_then(|(v, p)| r.string(v, &p).map(str::to_string)),
        source: f.opt("source").and_then(|(v, p)| r.string(v, &p).map(str::to_string)),
        zone: need(extending, f, r, "zone").and_then(|(v, p)| read_zone(r, v, &p)),
        weekmask: f.opt("weekmask").and_then(|(v, p)| read_weekmask(r, v, &p)),
        hours: f.opt("hours").map(|(v, p)| read_hours(r, v, &p)),
        extra_hours: f
            .opt("extra_working_day_hours")
            .and_then(|(v, p)| r.code::<Weekday>(v, &p)),
        valid_from: need(extending, f, r, "valid_from").and_then(|(v, p)| r.date(v, &p)),
        valid_to: need(extending, f, r, "valid_to").and_then(|(v, p)| r.date(v, &p)),
        holidays: f.opt("holidays").map(|(v, p)| read_days(r, v, &p)).unwrap_or_default(),
        extra: f
            .opt("extra_working_days")
            .map(|(v, p)| read_days(r, v, &p))
            .unwrap_or_default(),
        projection: f
            .opt("projection")
            .map(|(v, p)| (read_projection(r, v, &p, &mut projected_at), p)),
        projected_at,
    }
}

/// The document's fields laid over its base (or over nothing), then the
/// range and the projection checked.
fn merge(r: &mut Reader, parent: Option<CalendarSpec>, own: Own, path: &str) -> CalendarSpec {
    let extending = parent.is_some();
    let mut spec = parent.unwrap_or_else(empty_spec);
    if extending {
        spec.extends = Some(spec.extends.take().unwrap_or_else(|| spec.name.clone()));
    }
    if let Some(n) = own.name {
        if extending && own.title.is_none() {
            spec.title = format!("{} (extends {})", n, spec.name);
        }
        spec.name = n;
    }
    set(&mut spec.title, own.title);
    set(&mut spec.source, own.source);
    set(&mut spec.zone, own.zone);
    set(&mut spec.weekmask, own.weekmask);
    set(&mut spec.hours, own.hours);
    set(&mut spec.extra_working_day_hours, own.extra_hours);
    set(&mut spec.valid_from, own.valid_from);
    set(&mut spec.valid_to, own.valid_to);
    merge_days(r, &mut spec, &own.holidays, &own.extra, path);
    check_range(r, &spec, &child(path, "valid_to"));
    match own.projection {
        Some((projection, p)) => {
            spec.projection = projection;
            check_projection(r, &spec, &p, &own.projected_at);
        }
        // A base's projection gives way to the official data added over it.
        None => trim_projection(&mut spec),
    }
    spec
}

fn set<T>(field: &mut T, value: Option<T>) {
    if let Some(v) = value {
        *field = v;
    }
}

/// A calendar of its own before its fields are laid over it (the `MIN`
/// dates mark a range not given, already reported as missing).
fn empty_spec() -> CalendarSpec {
    CalendarSpec {
        name: String::new(),
        title: String::new(),
        zone: Tz::UTC,
        weekmask: [true, true, true, true, true, false, false],
        hours: None,
        extra_working_day_hours: Weekday(0),
        valid_from: NaiveDate::MIN,
        valid_to: NaiveDate::MIN,
        holidays: BTreeMap::new(),
        extra_working_days: BTreeMap::new(),
        source: String::new(),
        extends: None,
        projection: None,
    }
}

/// A host's own holidays win over the base's make-up days and vice versa;
/// one date in both of the document's own lists is a conflict.
fn merge_days(
    r: &mut Reader,
    spec: &mut CalendarSpec,
    holidays: &BTreeMap<NaiveDate, String>,
    extra: &BTreeMap<NaiveDate, String>,
    path: &str,
) {
    for (d, n) in holidays {
        spec.extra_working_days.remove(d);
        spec.holidays.insert(*d, n.clone());
    }
    for (d, n) in extra {
        if holidays.contains_key(d) {
            r.push(
                Code::ConflictingDay,
                &child(path, "extra_working_days"),
                format!("{d} is both a holiday and an extra working day"),
            );
        }
        spec.holidays.remove(d);
        spec.extra_working_days.insert(*d, n.clone());
    }
}

/// `"projection": {"valid_to", "source"?, "holidays": [...]}`.
fn read_projection(r: &mut Reader, v: &Value, path: &str, at: &mut BTreeMap<NaiveDate, usize>) -> Option<Projection> {
    let mut f = r.object(v, path)?;
    let valid_to = f.req(r, "valid_to").and_then(|(v, p)| r.date(v, &p));
    let source = f.opt("source").and_then(|(v, p)| r.string(v, &p).map(str::to_string));
    let holidays = f
        .opt("holidays")
        .map(|(v, p)| read_days_at(r, v, &p, at))
        .unwrap_or_default();
    f.done(r);
    Some(Projection {
        valid_to: valid_to?,
        holidays,
        source: source.unwrap_or_default(),
    })
}

/// A projection starts after the official data and holds only its own dates.
fn check_projection(r: &mut Reader, spec: &CalendarSpec, path: &str, at: &BTreeMap<NaiveDate, usize>) {
    let Some(p) = &spec.projection else { return };
    if spec.valid_to == NaiveDate::MIN {
        return; // the official range is already reported
    }
    if p.valid_to <= spec.valid_to {
        r.push(
            Code::InvalidRange,
            &child(path, "valid_to"),
            format!(
                "the projection ends on {}, not after the official data ({})",
                p.valid_to, spec.valid_to
            ),
        );
    } else if (p.valid_to - spec.valid_from).num_days() > MAX_RANGE_DAYS || p.valid_to.year() > 9998 {
        r.push(
            Code::InvalidRange,
            &child(path, "valid_to"),
            "the official and projected data together span more than 200 years",
        );
    }
    for d in p.holidays.keys() {
        if *d <= spec.valid_to || *d > p.valid_to {
            let i = at.get(d).copied().unwrap_or(0);
            r.push(
                Code::InvalidRange,
                &child(&index(&child(path, "holidays"), i), "date"),
                format!(
                    "{d} is outside the projection ({}..{})",
                    spec.valid_to + chrono::Days::new(1),
                    p.valid_to
                ),
            );
        }
    }
}

/// Keep only the projected dates after the official data; none left: no projection.
fn trim_projection(spec: &mut CalendarSpec) {
    let end = spec.valid_to;
    if let Some(p) = &mut spec.projection {
        p.holidays.retain(|d, _| *d > end);
        if p.valid_to <= end {
            spec.projection = None;
        }
    }
}

/// A key a calendar of its own must give, and an extension may omit.
fn need<'v>(extending: bool, f: &mut Fields<'v>, r: &mut Reader, key: &'static str) -> Option<(&'v Value, String)> {
    if extending { f.opt(key) } else { f.req(r, key) }
}

fn check_range(r: &mut Reader, spec: &CalendarSpec, path: &str) {
    if spec.valid_from == NaiveDate::MIN || spec.valid_to == NaiveDate::MIN {
        return; // already reported as missing or invalid
    }
    let days = (spec.valid_to - spec.valid_from).num_days();
    if days < 0 {
        r.push(
            Code::InvalidRange,
            path,
            format!("{} is before valid_from {}", spec.valid_to, spec.valid_from),
        );
    } else if days > MAX_RANGE_DAYS {
        r.push(
            Code::InvalidRange,
            path,
            format!("a range of {days} days is longer than 200 years"),
        );
    } else if spec.valid_from.year() < 1000 || spec.valid_to.year() > 9998 {
        r.push(
            Code::InvalidRange,
            path,
            "the range must lie within the years 1000-9998",
        );
    }
}

fn read_zone(r: &mut Reader, v: &Value, path: &str) -> Option<Tz> {
    let s = r.string(v, path)?;
    match s.parse::<Tz>() {
        Ok(z) => Some(z),
        Err(_) => {
            r.push(
                Code::UnknownZone,
                path,
                format!("unknown time zone {s:?} (an IANA name such as Asia/Shanghai)"),
            );
            None
        }
    }
}

fn read_weekmask(r: &mut Reader, v: &Value, path: &str) -> Option<[bool; 7]> {
    let days: Vec<Weekday> = r.codes(v, path)?;
    let mut mask = [false; 7];
    for d in days {
        mask[d.0 as usize] = true;
    }
    Some(mask)
}

/// `hours`: {"default": [...], "mon": [...], ...}.
fn read_hours(r: &mut Reader, v: &Value, path: &str) -> Option<[Vec<Interval>; 7]> {
    let mut f = r.object(v, path)?;
    let default = f.opt("default").and_then(|(v, p)| read_intervals(r, v, &p));
    let mut out: [Vec<Interval>; 7] = Default::default();
    for (i, code) in WEEKDAY_CODES.iter().enumerate() {
        let own = f.opt(code).and_then(|(v, p)| read_intervals(r, v, &p));
        out[i] = own.or_else(|| default.clone()).unwrap_or_else(|| vec![(0, 1440)]);
    }
    f.done(r);
    Some(out)
}

fn read_intervals(r: &mut Reader, v: &Value, path: &str) -> Option<Vec<Interval>> {
    let items = r.array(v, path)?;
    if items.is_empty() {
        r.push(
            Code::InvalidHours,
            path,
            "an empty list of hours; omit the day to mean the whole day",
        );
        return None;
    }
    let mut out: Vec<Interval> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let p = index(path, i);
        let Some(s) = r.string(item, &p) else { continue };
        match parse_interval(s) {
            Some(iv) => {
                if let Some(prev) = out.last()
                    && iv.0 < prev.1
                {
                    r.push(
                        Code::OverlappingHours,
                        &p,
                        format!("{s:?} overlaps or precedes the previous interval"),
                    );
                    return None;
                }
                out.push(iv);
            }
            None => {
                r.push(
                    Code::InvalidHours,
                    &p,
                    format!("{s:?} is not an interval HH:MM-HH:MM with start before end"),
                );
                return None;
            }
        }
    }
    Some(out)
}

/// "09:00-12:00" as minutes; "24:00" is allowed as an end.
pub fn parse_interval(s: &str) -> Option<Interval> {
    let (a, b) = s.split_once('-')?;
    let (a, b) = (parse_hhmm(a.trim())?, parse_hhmm(b.trim())?);
    (a < b && a < 1440).then_some((a, b))
}

fn parse_hhmm(s: &str) -> Option<u32> {
    let (h, m) = s.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    match (h, m) {
        (24, 0) => Some(1440),
        (0..=23, 0..=59) => Some(h * 60 + m),
        _ => None,
    }
}

/// `[{"date": "2026-10-01", "name": "国庆节 National Day"}, ...]`
fn read_days(r: &mut Reader, v: &Value, path: &str) -> BTreeMap<NaiveDate, String> {
    read_days_at(r, v, path, &mut BTreeMap::new())
}

/// `read_days`, recording the list index of each date (for error paths).
fn read_days_at(
    r: &mut Reader,
    v: &Value,
    path: &str,
    at: &mut BTreeMap<NaiveDate, usize>,
) -> BTreeMap<NaiveDate, String> {
    let mut out = BTreeMap::new();
    let Some(items) = r.array(v, path) else { return out };
    for (i, item) in items.iter().enumerate() {
        let p = index(path, i);
        let Some(mut f) = r.object(item, &p) else { continue };
        let date = f.req(r, "date").and_then(|(v, p)| r.date(v, &p));
        let name = f
            .opt("name")
            .and_then(|(v, p)| r.string(v, &p).map(str::to_string))
            .unwrap_or_default();
        f.done(r);
        if let Some(d) = date {
            at.insert(d, i);
        }
        if let Some(d) = date
            && out.insert(d, name).is_some()
        {
            r.push(Code::ConflictingDay, &child(&p, "date"), format!("{d} is listed twice"));
        }
    }
    out
}
