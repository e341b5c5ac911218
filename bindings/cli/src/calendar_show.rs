//! `plaint calendar show`: a year as twelve month grids.

use crate::Failure;
use crate::output::{Paint, tr};
use chrono::{Datelike, NaiveDate};
use plaint_core::model::Lang;
use plaint_core::{Calendar, Code, Error};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Working,
    Weekend,
    Holiday,
    MakeUp,
    Unknown,
}

fn weekday_heads(lang: Lang) -> [&'static str; 7] {
    match lang {
        Lang::En => ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"],
        _ => ["一", "二", "三", "四", "五", "六", "日"],
    }
}

pub fn render(cal: &Calendar, year: i32, lang: Lang, p: Paint) -> Result<String, Failure> {
    let first = NaiveDate::from_ymd_opt(year, 1, 1)
        .ok_or_else(|| Error::new(Code::InvalidValue, "", format!("{year} is not a supported year")))?;
    let spec = cal.spec();
    let mut days = Vec::with_capacity(366);
    let mut first_error = None;
    let mut d = first;
    while d.year() == year {
        let kind = match cal.is_working_day(d) {
            Err(e) => {
                first_error.get_or_insert(e);
                Kind::Unknown
            }
            Ok(_) if spec.holidays.contains_key(&d) => Kind::Holiday,
            Ok(true) if spec.extra_working_days.contains_key(&d) => Kind::MakeUp,
            Ok(true) => Kind::Working,
            Ok(false) => Kind::Weekend,
        };
        days.push((d, kind));
        match d.succ_opt() {
            Some(n) => d = n,
            None => break,
        }
    }
    if days.iter().all(|(_, k)| *k == Kind::Unknown) {
        if let Some(e) = first_error {
            return Err(e.into());
        }
    }
    let mut out = format!("{} {} ({}, {})\n", p.bold(cal.name()), year, spec.title, spec.zone);
    out.push_str(&format!(
        "{}  * {}  + {}  [ ] {}{}\n",
        p.dim("key:"),
        tr("holidays", lang),
        tr("make-up working days", lang),
        match lang {
            Lang::En => "weekend",
            Lang::ZhHans => "周末",
            Lang::ZhHant => "週末",
        },
        if first_error.is_some() {
            format!("  ? {}", tr("outside the calendar's data", lang))
        } else {
            String::new()
        }
    ));
    for month in 1..=12u32 {
        out.push('\n');
        let title = match lang {
            Lang::En => format!("{} {year}", MONTHS[month as usize - 1]),
            _ => format!("{year}年{month}月"),
        };
        out.push_str(&p.bold(&title));
        out.push('\n');
        // A header cell is as wide as a day cell (CJK weekday names are double width).
        let heads: Vec<String> = weekday_heads(lang).iter().map(|h| format!(" {h} ")).collect();
        out.push_str(heads.join(" ").trim_end());
        out.push('\n');
        let month_days: Vec<&(NaiveDate, Kind)> = days.iter().filter(|(d, _)| d.month() == month).collect();
        let lead = month_days[0].0.weekday().num_days_from_monday() as usize;
        let mut cells: Vec<String> = vec!["    ".to_string(); lead];
        for (d, kind) in &month_days {
            let n = d.day();
            cells.push(match kind {
                Kind::Working => format!(" {n:>2} "),
                Kind::Weekend => p.dim(&format!("[{n:>2}]")),
                Kind::Holiday => p.red(&format!(" {n:>2}*")),
                Kind::MakeUp => p.green(&format!(" {n:>2}+")),
                Kind::Unknown => format!(" {n:>2}?"),
            });
        }
        for week in cells.chunks(7) {
            out.push_str(week.join(" ").trim_end());
            out.push('\n');
        }
        // Legend: runs of days with the same mark and name.
        let mut i = 0;
        while i < month_days.len() {
            let (d, kind) = *month_days[i];
            let (mark, names) = match kind {
                Kind::Holiday => ("*", &spec.holidays),
                Kind::MakeUp => ("+", &spec.extra_working_days),
                _ => {
                    i += 1;
                    continue;
                }
            };
            let name = names.get(&d).cloned().unwrap_or_default();
            let mut j = i;
            while j + 1 < month_days.len()
                && month_days[j + 1].1 == kind
                && names.get(&month_days[j + 1].0).cloned().unwrap_or_default() == name
            {
                j += 1;
            }
            let last = month_days[j].0;
            let range = if j == i {
                d.format("%m-%d").to_string()
            } else {
                format!("{}..{}", d.format("%m-%d"), last.format("%m-%d"))
            };
            out.push_str(&format!("  {mark} {range}  {name}\n"));
            i = j + 1;
        }
    }
    Ok(out)
}
