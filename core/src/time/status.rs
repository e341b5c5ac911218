//! How long a calendar's data lasts, seen from a date the host gives (the
//! core reads no clock): what `plaint calendar status` prints.

use super::Calendar;
use chrono::NaiveDate;
use serde::Serialize;

/// A calendar's data range and projection, and the days left at a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalendarStatus {
    /// The calendar's name.
    pub name: String,
    /// Its title.
    pub title: String,
    /// Its IANA zone.
    pub zone: String,
    /// The embedded calendar it extends, if any.
    pub extends: Option<String>,
    /// The first date of the official data, YYYY-MM-DD (the data is
    /// `data_from..=data_to`).
    pub data_from: String,
    /// The last date of the official data, YYYY-MM-DD.
    pub data_to: String,
    /// The last projected date, when the calendar has a projection.
    pub projected_to: Option<String>,
    /// The date the status is seen from, YYYY-MM-DD.
    pub at: String,
    /// Days from `at` to the last official date (negative once it has passed).
    pub days_left: i64,
    /// Days from `at` to the last projected date.
    pub projected_days_left: Option<i64>,
    /// Where the official data came from.
    pub source: String,
    /// Where the projection came from.
    pub projection_source: Option<String>,
}

impl Calendar {
    /// The data range of this calendar seen from `at`.
    pub fn status(&self, at: NaiveDate) -> CalendarStatus {
        let s = self.spec();
        let end = self.data_end();
        let projection = s.projection.as_ref();
        CalendarStatus {
            name: s.name.clone(),
            title: s.title.clone(),
            zone: s.zone.name().to_string(),
            extends: s.extends.clone(),
            data_from: s.valid_from.to_string(),
            data_to: end.to_string(),
            projected_to: projection.map(|p| p.valid_to.to_string()),
            at: at.to_string(),
            days_left: (end - at).num_days(),
            projected_days_left: projection.map(|p| (p.valid_to - at).num_days()),
            source: s.source.clone(),
            projection_source: projection.map(|p| p.source.clone()),
        }
    }
}
