//! How a deadline was reached, day by day: the answer to "why is this due on
//! the 9th?" (docs/time.md). Not on the hot path.

use super::Calendar;
use crate::error::Error;
use crate::model::labels::labelled_enum;
use crate::model::{Instant, Labelled, Lang};
use crate::time::clock::{Clock, End, Roll, Span};
use chrono::Datelike;
use serde::Serialize;

labelled_enum! {
    /// What a day was for a deadline.
    pub enum DayKind ("day kind") {
        /// The start day is not counted (PRC Civil Code art. 201).
        StartDay = "start_day", "开始当日不计入", "開始當日不計入", "start day, not counted";
        /// A working day, counted.
        Counted = "counted", "计入", "計入", "counted";
        /// A make-up working day (调休), counted.
        MakeUpDay = "make_up_day", "调休工作日,计入", "調休工作日,計入", "make-up working day, counted";
        /// A weekend day, skipped.
        Weekend = "weekend", "周末,跳过", "週末,跳過", "weekend, skipped";
        /// A holiday, skipped.
        Holiday = "holiday", "节假日,跳过", "節假日,跳過", "holiday, skipped";
        /// The last day fell on a non-working day and was rolled forward.
        Rolled = "rolled", "期末遇休息日,顺延", "期末遇休息日,順延", "last day not a working day, rolled";
        /// A non-working day counted by a calendar-day clock.
        CountedNonWorking = "counted_non_working", "非工作日,自然日计入", "非工作日,自然日計入", "non-working day, counted as a calendar day";
    }
}

/// One day in an explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayNote {
    /// The local date, YYYY-MM-DD.
    pub date: String,
    /// Its weekday in English, abbreviated: `Mon` … `Sun`.
    pub weekday: &'static str,
    /// What the day was for the deadline.
    pub kind: DayKind,
    /// The holiday's or make-up day's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// For the business clock: business minutes counted on this day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub business_minutes: Option<i64>,
    /// The day lies past the calendar's official data: what it is comes
    /// from the projection.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub projected: bool,
}

/// A deadline with the days that led to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// The calendar's name.
    pub calendar: String,
    /// The start instant, RFC 3339 in the calendar's zone.
    pub start: String,
    /// The clock counted on.
    pub clock: Clock,
    /// The amount: minutes for `elapsed` and `business`, else a count of days, weeks or months.
    pub amount: i64,
    /// Where the last day ends, as set or by the calendar's default; None
    /// for `elapsed` and `business`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<End>,
    /// Whether a due date on a non-working day rolls to the next working day.
    pub roll: Roll,
    /// The due instant, RFC 3339 in the calendar's zone.
    pub due_at: String,
    /// Counted on projected holiday data (the projected days are marked).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub provisional: bool,
    /// The days from the start day to the due date, in order; empty for the
    /// `elapsed` clock, cut 800 days after the start day.
    pub days: Vec<DayNote>,
}

/// Explanations list the days up to this many days after the start day.
pub const MAX_EXPLAINED_DAYS: usize = 800;

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

impl Calendar {
    /// The due instant of `span` from `start`, with every day between.
    pub fn explain(&self, start: Instant, span: &Span) -> Result<Explanation, Error> {
        let due = self.add(start, span)?;
        let amount = span.clock.to_edge(span.amount);
        let mut out = Explanation {
            calendar: self.name().to_string(),
            start: self.format(start),
            clock: span.clock,
            amount,
            end: (!span.clock.is_duration()).then(|| span.end.unwrap_or_else(|| self.default_end())),
            roll: span.roll,
            due_at: self.format(due),
            provisional: span.clock != Clock::Elapsed && self.is_projected(self.date_of(Instant(due.0 - 1))),
            days: Vec::new(),
        };
        if span.clock == Clock::Elapsed {
            return Ok(out);
        }
        let (k, last) = (
            self.day_of(start.0)?,
            self.day_of(due.0 - 1)?.max(self.day_of(start.0)?),
        );
        let rolled_from = self.rolled_from(k, span);
        for j in k..=last.min(k + MAX_EXPLAINED_DAYS) {
            out.days.push(self.note(j, k, span, rolled_from, start, due));
        }
        Ok(out)
    }

    /// The day a calendar-day deadline landed on before rolling, if it rolled.
    fn rolled_from(&self, k: usize, span: &Span) -> Option<usize> {
        if span.roll != Roll::NextWorkingDay {
            return None;
        }
        let j = match span.clock {
            Clock::CalendarDays => k + span.amount as usize,
            Clock::Weeks => k + 7 * span.amount as usize,
            Clock::Months => {
                let d = self
                    .index
                    .date(k)
                    .checked_add_months(chrono::Months::new(span.amount as u32))?;
                self.index.day_index(d)?
            }
            _ => return None,
        };
        (j < self.index.days && !self.index.is_working(j)).then_some(j)
    }

    fn note(
        &self,
        j: usize,
        k: usize,
        span: &Span,
        rolled_from: Option<usize>,
        start: Instant,
        due: Instant,
    ) -> DayNote {
        let date = self.index.date(j);
        let spec = self.spec();
        let working = self.index.is_working(j);
        let day_based = !span.clock.is_duration();
        let kind = if j == k && day_based {
            DayKind::StartDay
        } else if working && spec.extra_working_days.contains_key(&date) {
            DayKind::MakeUpDay
        } else if working {
            DayKind::Counted
        } else if rolled_from.is_some_and(|r| j >= r) {
            DayKind::Rolled
        } else if matches!(span.clock, Clock::CalendarDays | Clock::Weeks | Clock::Months) {
            DayKind::CountedNonWorking
        } else if spec.holidays.contains_key(&date) {
            DayKind::Holiday
        } else {
            DayKind::Weekend
        };
        let name = spec
            .holidays
            .get(&date)
            .or_else(|| spec.extra_working_days.get(&date))
            .filter(|n| !n.is_empty())
            .cloned();
        let business_minutes = (span.clock == Clock::Business).then(|| {
            let lo = start.0.max(self.index.day_start[j]);
            let hi = due.0.min(self.index.day_start[j + 1]);
            if hi <= lo {
                0
            } else {
                (self.index.business_before(j, hi) - self.index.business_before(j, lo)) / crate::time::units::MINUTE_MS
            }
        });
        DayNote {
            date: date.to_string(),
            weekday: WEEKDAYS[date.weekday().num_days_from_monday() as usize],
            kind,
            name,
            business_minutes,
            projected: self.is_projected(date),
        }
    }
}

/// The few words of the explanation text that are not labels, in zh-Hans,
/// zh-Hant and en.
const WORDS: &[(&str, &str, &str)] = &[
    ("calendar", "日历", "日曆"),
    ("start", "起算", "起算"),
    ("due", "截止", "截止"),
    ("business minutes", "工作分钟", "工作分鐘"),
    ("projected", "推定", "推定"),
    (
        PROVISIONAL,
        "暂定:按推定假日数据计算(调休工作日未知)",
        "暫定:按推定假日數據計算(調休工作日未知)",
    ),
];

/// The last line of an explanation counted on projected holidays.
const PROVISIONAL: &str = "provisional: counted on projected holiday data (no make-up working days are known)";

fn word(en: &'static str, lang: Lang) -> &'static str {
    match (WORDS.iter().find(|w| w.0 == en), lang) {
        (Some(w), Lang::ZhHans) => w.1,
        (Some(w), Lang::ZhHant) => w.2,
        _ => en,
    }
}

impl Explanation {
    /// The explanation as text in `lang`: the due instant, the request, one
    /// line per day, and the due instant again. This is the output of
    /// `plaint deadline --explain`, and every binding's `explain_deadline`.
    pub fn to_text(&self, lang: Lang) -> String {
        let mut out = format!("{}\n", self.due_at);
        out.push_str(&format!(
            "{} {}, {} {}, {} {}",
            word("calendar", lang),
            self.calendar,
            word("start", lang),
            self.start,
            self.amount,
            self.clock.label(lang)
        ));
        if let Some(end) = self.end {
            out.push_str(", ");
            out.push_str(end.label(lang));
        }
        out.push_str(", ");
        out.push_str(self.roll.label(lang));
        out.push('\n');
        for d in &self.days {
            out.push_str(&format!("  {} {}  {}", d.date, d.weekday, d.kind.label(lang)));
            if let Some(m) = d.business_minutes {
                out.push_str(&format!(", {m} {}", word("business minutes", lang)));
            }
            if let Some(n) = &d.name {
                out.push_str("  ");
                out.push_str(n);
            }
            if d.projected {
                out.push_str(&format!("  ({})", word("projected", lang)));
            }
            out.push('\n');
        }
        out.push_str(&format!("{} {}\n", word("due", lang), self.due_at));
        if self.provisional {
            out.push_str(word(PROVISIONAL, lang));
            out.push('\n');
        }
        out
    }
}
