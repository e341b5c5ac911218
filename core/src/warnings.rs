//! Warnings of an assessment: the calendar's official data ending soon (or
//! ended), deadlines counted on projected data, deadlines that cannot be
//! computed. Each has a stable code; hosts act on the code, people read the
//! message.

use crate::calendars::CaseCalendars;
use crate::model::labels::labelled_enum;
use crate::model::{Instant, Rfc3339, Text};
use crate::policy::Policy;
use crate::policy::TriggerOn;
use crate::sla::{DeadlineStatus, SlaState};
use crate::time::{Calendar, Clock};
use serde::Serialize;

labelled_enum! {
    /// What a warning is about. Codes are API: never renamed or reused.
    pub enum WarningCode ("warning") {
        /// The calendar's official data ends within the policy's
        /// `data_end_warning_days` of `now` or of a running deadline's due time.
        CalendarDataEnding = "calendar_data_ending", "日历数据即将到期", "日曆數據即將到期", "calendar data ending";
        /// `now` is past the end of the calendar's official data.
        CalendarDataEnded = "calendar_data_ended", "日历数据已到期", "日曆數據已到期", "calendar data ended";
        /// A deadline was counted on projected holiday data (it is provisional).
        ProjectedData = "projected_data", "按推定假日数据计算", "按推定假日數據計算", "counted on projected data";
        /// A deadline's due time cannot be computed (it is undetermined).
        DeadlineUndetermined = "deadline_undetermined", "期限无法确定", "期限無法確定", "deadline undetermined";
    }
}

/// One warning of an assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    /// What the warning is about.
    pub code: WarningCode,
    /// The warning for people (English).
    pub message: String,
    /// The calendar concerned.
    pub calendar: Text,
    /// The last date of the calendar's official data.
    pub data_end: String,
    /// The deadline concerned, if one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Text>,
    /// Days from `now` to `data_end` (negative once it has passed).
    pub days_left: i64,
    /// The projected holidays a provisional deadline was counted across.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<String>,
}

/// The warnings of an assessment at `now`: the data of each calendar used
/// (the case's, then each other one a deadline was counted on), then each
/// deadline's, on the calendar it was counted on.
pub fn warnings(
    policy: &Policy,
    calendars: &CaseCalendars,
    deadlines: &[DeadlineStatus],
    now: Instant,
) -> Vec<Warning> {
    let horizon = policy.options.data_end_warning_days;
    let cal_of = |i: usize| {
        policy
            .deadlines
            .get(i)
            .map_or(&*calendars.case, |r| calendars.for_rule(r))
    };
    let used = |i: usize| deadlines[i].state != SlaState::NotApplicable;
    let mut out = Vec::new();
    let case = Data::of(&calendars.case, now, horizon);
    case.ending(&mut out);
    if !policy.calendars.is_empty() {
        for i in 0..deadlines.len() {
            let name = cal_of(i).name();
            let seen = name == calendars.case.name() || (0..i).any(|j| used(j) && cal_of(j).name() == name);
            if used(i) && !seen {
                Data::of(cal_of(i), now, horizon).ending(&mut out);
            }
        }
    }
    for (i, d) in deadlines.iter().enumerate() {
        match cal_of(i) {
            c if std::ptr::eq(c, case.cal) => case.deadline(d, &mut out),
            c => Data::of(c, now, horizon).deadline(d, &mut out),
        }
    }
    out
}

/// A calendar's data as seen from `now`.
struct Data<'a> {
    cal: &'a Calendar,
    end: chrono::NaiveDate,
    /// `end` as text (`YYYY-MM-DD`), written once: most assessments near
    /// the end of the data carry a warning that shows it twice.
    end_text: String,
    /// Days from `now` to the end of the data (negative once it has passed).
    days_left: i64,
    horizon: i64,
}

impl Data<'_> {
    fn of(cal: &Calendar, now: Instant, horizon: i64) -> Data<'_> {
        let end = cal.data_end();
        Data {
            cal,
            end,
            end_text: date_text(end),
            days_left: (end - cal.date_of(now)).num_days(),
            horizon,
        }
    }

    fn warn(&self, code: WarningCode, message: String, deadline: Option<&Text>, dates: Vec<String>) -> Warning {
        Warning {
            code,
            message,
            calendar: self.cal.label().clone(),
            data_end: self.end_text.clone(),
            deadline: deadline.cloned(),
            days_left: self.days_left,
            dates,
        }
    }

    /// The calendar's data ended, or ends within the horizon of `now`. The
    /// message is joined from its parts rather than formatted: near the end
    /// of the data every assessment carries it.
    fn ending(&self, out: &mut Vec<Warning>) {
        let (name, end, days_left) = (self.cal.name(), self.end_text.as_str(), self.days_left);
        if days_left < 0 {
            let days = (-days_left).to_string();
            let message = [
                "calendar ",
                name,
                "'s official holiday data ended on ",
                end,
                ", ",
                &days,
                " days before now",
            ]
            .concat();
            out.push(self.warn(WarningCode::CalendarDataEnded, message, None, Vec::new()));
        } else if days_left <= self.horizon {
            let days = days_left.to_string();
            let message = [
                "calendar ",
                name,
                "'s official holiday data ends on ",
                end,
                ", in ",
                &days,
                " days",
            ]
            .concat();
            out.push(self.warn(WarningCode::CalendarDataEnding, message, None, Vec::new()));
        }
    }

    /// A deadline undetermined, counted on projected data, or running with
    /// its due date within the horizon of the data's end.
    fn deadline(&self, d: &DeadlineStatus, out: &mut Vec<Warning>) {
        let (cal, end, horizon) = (self.cal, self.end, self.horizon);
        let end_text = &self.end_text;
        // The local date a due instant falls on (24:00 belongs to the day before).
        let due_date = |d: &DeadlineStatus| d.due_at.map(|s| cal.date_of(Instant(s.at.0 - 1)));
        if d.state == SlaState::Undetermined {
            let why = d.error.as_ref().map_or("", |e| e.code);
            out.push(self.warn(
                WarningCode::DeadlineUndetermined,
                format!("deadline {} cannot be computed ({why})", d.id),
                Some(&d.id),
                Vec::new(),
            ));
        } else if d.provisional {
            let from = d.started_at.map_or(end, |s| cal.date_of(s.at));
            let dates = cal
                .projected_holidays(from, due_date(d).unwrap_or(end))
                .iter()
                .map(|(d, _)| d.to_string())
                .collect();
            out.push(self.warn(
                WarningCode::ProjectedData,
                format!(
                    "deadline {} was counted on projected holiday data after {end_text}: it is provisional",
                    d.id
                ),
                Some(&d.id),
                dates,
            ));
        } else if self.days_left > horizon
            && running(d)
            && d.clock != Clock::Elapsed
            && let Some(due) = due_date(d)
            && (end - due).num_days() <= horizon
        {
            out.push(self.warn(
                WarningCode::CalendarDataEnding,
                format!(
                    "calendar {}'s official holiday data ends on {end_text}, {} days after deadline {}'s due date",
                    cal.name(),
                    (end - due).num_days(),
                    d.id
                ),
                Some(&d.id),
                Vec::new(),
            ));
        }
    }
}

/// A date as `YYYY-MM-DD`, as chrono shows it, without going through the
/// formatting machinery (which writes a date character by character): the
/// date part of the RFC 3339 text of its midnight in UTC, which results'
/// instants already use.
fn date_text(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    if !(0..=9999).contains(&d.year()) {
        return d.to_string();
    }
    let midnight = d.and_time(chrono::NaiveTime::MIN).and_utc().timestamp_millis();
    Rfc3339::new(midnight, 0).as_str()[..10].to_string()
}

fn running(d: &DeadlineStatus) -> bool {
    matches!(d.state, SlaState::Pending | SlaState::AtRisk | SlaState::Paused)
}

/// Escalation triggers on an undetermined deadline cannot fire: say so on the deadline.
pub fn note_silent_triggers(policy: &Policy, deadlines: &mut [DeadlineStatus]) {
    for t in &policy.escalation.triggers {
        if !matches!(t.on, TriggerOn::AtRisk | TriggerOn::Breached) {
            continue;
        }
        if let Some(d) = t.deadline.and_then(|i| deadlines.get_mut(i))
            && d.state == SlaState::Undetermined
        {
            d.notes.push(format!(
                "escalation trigger {} ({}) does not fire while the deadline is undetermined",
                t.id,
                t.on.code()
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::date_text;
    use chrono::NaiveDate;

    /// The same text as chrono's own `Display` (the reference), across
    /// padding edges and the years where the fast path hands over.
    #[test]
    fn date_text_is_chronos_text() {
        let dates = [
            (2026, 12, 31),
            (2027, 1, 1),
            (999, 9, 9),
            (1, 1, 1),
            (9999, 12, 31),
            (10000, 1, 1),
            (-1, 6, 15),
            (2000, 2, 29),
        ];
        for (y, m, d) in dates {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(date_text(date), date.to_string(), "{y}-{m}-{d}");
        }
        assert_eq!(date_text(NaiveDate::from_ymd_opt(2026, 3, 7).unwrap()), "2026-03-07");
    }
}
