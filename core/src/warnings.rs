//! Warnings of an assessment: the calendar's official data ending soon (or
//! ended), deadlines counted on projected data, deadlines that cannot be
//! computed. Each has a stable code; hosts act on the code, people read the
//! message.

use crate::calendars::CaseCalendars;
use crate::model::labels::labelled_enum;
use crate::model::{Instant, Text};
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
            days_left: (end - cal.date_of(now)).num_days(),
            horizon,
        }
    }

    fn warn(&self, code: WarningCode, message: String, deadline: Option<&Text>, dates: Vec<String>) -> Warning {
        Warning {
            code,
            message,
            calendar: self.cal.label().clone(),
            data_end: self.end.to_string(),
            deadline: deadline.cloned(),
            days_left: self.days_left,
            dates,
        }
    }

    /// The calendar's data ended, or ends within the horizon of `now`.
    fn ending(&self, out: &mut Vec<Warning>) {
        let (cal, end, days_left) = (self.cal, self.end, self.days_left);
        if days_left < 0 {
            out.push(self.warn(
                WarningCode::CalendarDataEnded,
                format!(
                    "calendar {}'s official holiday data ended on {end}, {} days before now",
                    cal.name(),
                    -days_left
                ),
                None,
                Vec::new(),
            ));
        } else if days_left <= self.horizon {
            out.push(self.warn(
                WarningCode::CalendarDataEnding,
                format!(
                    "calendar {}'s official holiday data ends on {end}, in {days_left} days",
                    cal.name()
                ),
                None,
                Vec::new(),
            ));
        }
    }

    /// A deadline undetermined, counted on projected data, or running with
    /// its due date within the horizon of the data's end.
    fn deadline(&self, d: &DeadlineStatus, out: &mut Vec<Warning>) {
        let (cal, end, horizon) = (self.cal, self.end, self.horizon);
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
                    "deadline {} was counted on projected holiday data after {end}: it is provisional",
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
                    "calendar {}'s official holiday data ends on {end}, {} days after deadline {}'s due date",
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
