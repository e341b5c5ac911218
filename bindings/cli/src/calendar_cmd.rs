//! `plaint calendar status` and `plaint calendar import`.
//!
//! The iCalendar text is parsed here with the `icalendar` crate (the core
//! reads no files and parses no iCalendar); the events go to the core's
//! feed import, which checks them and builds the calendar.

use crate::args::{FeedFormat, Format, ImportArgs, StatusArgs};
use crate::{Failure, load_calendar, print_out, read_input, with_input};
use chrono::NaiveDate;
use icalendar::{CalendarComponent, Component, DatePerhapsTime};
use plaint_core::time::feed::{self, FeedEvent, ImportOptions};
use plaint_core::{Code, Error};
use std::fmt::Write;

pub fn status(a: &StatusArgs) -> Result<(), Failure> {
    let at = match &a.at {
        Some(s) => parse_date(s, "--at")?,
        // Only the command line reads the clock, never the core.
        None => chrono::DateTime::from_timestamp_millis(crate::assess::system_now()?.ms())
            .map_or(NaiveDate::MIN, |t| t.date_naive()),
    };
    let names: Vec<String> = if a.calendars.is_empty() {
        plaint_core::time::presets::names()
            .into_iter()
            .map(String::from)
            .collect()
    } else {
        a.calendars.clone()
    };
    let mut all = Vec::new();
    for n in &names {
        all.push(load_calendar(n)?.status(at));
    }
    if a.format == Format::Json {
        let json = serde_json::to_string_pretty(&all).map_err(|e| Failure::Io(e.to_string()))?;
        return print_out(&(json + "\n"));
    }
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{:<12} {:<22} {:>9}  {:<10} {:>9}  source",
        "calendar", "official data", "days left", "projected", "days left"
    );
    for c in &all {
        let _ = writeln!(
            s,
            "{:<12} {:<22} {:>9}  {:<10} {:>9}  {}",
            c.name,
            format!("{}..{}", c.data_from, c.data_to),
            c.days_left,
            c.projected_to.as_deref().unwrap_or("-"),
            c.projected_days_left.map_or("-".to_string(), |d| d.to_string()),
            c.source
        );
        if let Some(p) = &c.projection_source {
            let _ = writeln!(s, "{:<12} projection: {p}", "");
        }
    }
    let _ = writeln!(s, "days left counted from {at}");
    print_out(&s)
}

pub fn import(a: &ImportArgs) -> Result<(), Failure> {
    let text = read_input(&a.file)?;
    let format = match a.feed {
        Some(f) => f,
        None if a.file.to_lowercase().ends_with(".csv") => FeedFormat::Csv,
        None if a.file.to_lowercase().ends_with(".ics") => FeedFormat::Ics,
        None => {
            return Err(with_input(
                Error::new(
                    Code::InvalidValue,
                    "",
                    "cannot tell the feed's format from its name: give --feed ics or --feed csv",
                ),
                &a.file,
            ));
        }
    };
    let days = match format {
        FeedFormat::Csv => feed::days_of_csv(&text),
        FeedFormat::Ics => ics_events(&text).and_then(|events| feed::days_of_events(&events)),
    }
    .map_err(|e| with_input(e, &a.file))?;
    let opts = ImportOptions {
        base: a.extends.clone(),
        name: a.name.clone(),
        valid_to: a.valid_to.as_deref().map(|s| parse_date(s, "--valid-to")).transpose()?,
        source: format!("the feed {}", a.file),
    };
    let done = feed::import(&days, &opts).map_err(|e| with_input(e, &a.file))?;
    let json = serde_json::to_string_pretty(&done.calendar).map_err(|e| Failure::Io(e.to_string()))? + "\n";
    let summary = format!(
        "imported {} days after the data of {} ({} earlier days left out: the embedded data covers them)",
        done.kept, a.extends, done.skipped
    );
    match &a.output {
        Some(path) => {
            std::fs::write(path, json).map_err(|e| Failure::Io(format!("cannot write {path}: {e}")))?;
            eprintln!("{summary}; wrote {path}");
            Ok(())
        }
        None => {
            eprintln!("{summary}");
            print_out(&json)
        }
    }
}

/// The all-day events of an iCalendar feed, with their index as path.
pub fn ics_events(text: &str) -> Result<Vec<FeedEvent>, Error> {
    let cal: icalendar::Calendar = text
        .parse()
        .map_err(|e: String| Error::new(Code::InvalidFeed, "", format!("not an iCalendar feed: {e}")))?;
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let events = cal.components.iter().filter_map(|c| match c {
        CalendarComponent::Event(e) => Some(e),
        _ => None,
    });
    for (i, e) in events.enumerate() {
        let path = format!("/events/{i}");
        let summary = e.get_summary().unwrap_or_default().to_string();
        let bad = |why: &str| plaint_core::Problem {
            code: Code::InvalidFeed,
            path: path.clone(),
            message: format!("event {summary:?}: {why}"),
        };
        if e.properties().contains_key("RRULE") || e.multi_properties().contains_key("RRULE") {
            problems.push(bad("a recurring event (RRULE); list each year's date"));
            continue;
        }
        let start = match e.get_start() {
            Some(DatePerhapsTime::Date(d)) => d,
            Some(DatePerhapsTime::DateTime(_)) => {
                problems.push(bad("not an all-day event (DTSTART;VALUE=DATE)"));
                continue;
            }
            None => {
                problems.push(bad("no DTSTART date"));
                continue;
            }
        };
        let end = match e.get_end() {
            Some(DatePerhapsTime::Date(d)) => Some(d),
            None => None,
            Some(DatePerhapsTime::DateTime(_)) => {
                problems.push(bad("DTEND is not a date"));
                continue;
            }
        };
        let categories = e
            .property_value("CATEGORIES")
            .map(|c| c.split(',').map(str::to_string).collect())
            .unwrap_or_default();
        out.push(FeedEvent {
            start,
            end,
            summary,
            categories,
            path,
        });
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    Ok(out)
}

fn parse_date(s: &str, flag: &str) -> Result<NaiveDate, Failure> {
    plaint_core::decode::parse_date(s).ok_or_else(|| {
        with_input(
            Error::new(Code::InvalidDate, "", format!("{s:?} is not a date (YYYY-MM-DD)")),
            flag,
        )
    })
}
