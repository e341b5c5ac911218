//! Errors. Every error and every validation problem carries a stable
//! snake_case code: codes are API, never renamed or reused.

use std::fmt;

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $meaning:literal, $example:literal; )*) => {
        /// The stable error codes of plaint.
        /// New codes are added at the end of a release; match with a
        /// wildcard arm.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code { $(
            $(#[$doc])*
            #[doc = concat!("`", $code, "`: ", $meaning)]
            $variant,
        )* }

        impl Code {
            /// Every code, in catalogue order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable snake_case code.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// What the code means, for the error catalogue.
            pub fn meaning(self) -> &'static str {
                match self { $(Code::$variant => $meaning,)* }
            }

            /// A typical message, for the error catalogue.
            pub fn example(self) -> &'static str {
                match self { $(Code::$variant => $example,)* }
            }

            /// The code with this name.
            pub fn from_code(s: &str) -> Option<Code> {
                match s { $($code => Some(Code::$variant),)* _ => None }
            }
        }
    };
}

codes! {
    InvalidJson = "invalid_json", "The text is not well-formed JSON (or nests deeper than 128 levels).",
        "invalid JSON: EOF while parsing an object at line 1 column 12";
    InvalidType = "invalid_type", "A value has the wrong JSON type (a fraction where an integer belongs: docs/input.md).",
        "/amount: expected an integer, found a string";
    MissingField = "missing_field", "A required field is absent.",
        "/received_at: missing field \"received_at\"";
    UnknownField = "unknown_field", "A key the format does not define (a typo must not pass silently).",
        "/deadlines/0/clok: unknown field \"clok\"";
    InvalidValue = "invalid_value", "A value outside the allowed set or range (an unknown enum value, an empty id, ...).",
        "/deadlines/2/clock: unknown clock \"hours\"; expected one of elapsed, business, working_days, calendar_days, weeks, months";
    UnsupportedVersion = "unsupported_version", "The document's format version is not one this library reads.",
        "/plaint_policy: unsupported policy format version 2 (this library reads 1)";
    InstantWithoutOffset = "instant_without_offset", "A timestamp has no UTC offset; plaint never guesses local time.",
        "/received_at: \"2026-09-24T16:00:00\" has no UTC offset";
    InvalidInstant = "invalid_instant", "A timestamp is not RFC 3339 or is out of range.",
        "/received_at: \"2026-13-01T00:00:00Z\" is not an RFC 3339 timestamp";
    InvalidDate = "invalid_date", "A date is not YYYY-MM-DD.",
        "/holidays/3/date: \"2026-02-30\" is not a date (YYYY-MM-DD)";
    UnknownZone = "unknown_zone", "The IANA time zone name is unknown.",
        "/zone: unknown time zone \"Asia/Beijing\"";
    InvalidHours = "invalid_hours", "A business-hours interval is malformed or empty.",
        "/hours/default/0: \"18:00-09:00\" is not an interval HH:MM-HH:MM with start before end";
    OverlappingHours = "overlapping_hours", "Business-hours intervals of one day overlap or are out of order.",
        "/hours/default/1: \"11:00-14:00\" overlaps the previous interval";
    ConflictingDay = "conflicting_day", "A date is both a holiday and an extra working day, or listed twice.",
        "/extra_working_days/0/date: 2026-10-01 is also a holiday";
    InvalidRange = "invalid_range", "valid_from is after valid_to, or a range is otherwise empty or too long.",
        "/valid_to: 2019-12-31 is before valid_from 2020-01-01";
    DuplicateId = "duplicate_id", "Two entries of a list share an id.",
        "/deadlines/3/id: duplicate id \"minor_resolve\"";
    UnknownReference = "unknown_reference", "A reference names something the document does not define (a signal, a level, a deadline).",
        "/classification/tables/0/rows/2/when/signals: unknown signal \"injry\"";
    UnknownPreset = "unknown_preset", "No embedded policy preset has this name.",
        "unknown preset \"cn-proprety\"; presets: au-asic-rg271, cn-banking, cn-consumer-samr, cn-goods, cn-petition, cn-petition-2022, cn-property, cn-telecom, cn-telecom-miit, eu-psd2, in-rbi, sg-mas, uk-fca-disp, us-cfpb";
    UnknownCalendar = "unknown_calendar", "No embedded calendar has this name.",
        "unknown calendar \"cn\"; calendars: always, au, cn-mainland, eu-target, gb-eng, hk, in, sg, us-federal";
    CalendarRangeExceeded = "calendar_range_exceeded", "The computation needs a date outside the calendar's holiday data; plaint never guesses.",
        "2027-01-04 is outside the data of calendar cn-mainland (2020-01-01..2026-12-31)";
    NegativeAmount = "negative_amount", "An amount of time, a count or an amount of money is negative.",
        "/amount: amount -3 is negative";
    AmountOverflow = "amount_overflow", "An amount or a result is too large to represent.",
        "/amount: amount 9223372036854775807 is too large";
    InvalidTransition = "invalid_transition", "An event is not allowed in the complaint's current lifecycle state.",
        "/events/4: event \"closed\" is not allowed in state \"in_progress\"; allowed: resolved, awaiting_customer, ...";
    InvalidEvent = "invalid_event", "An event is inconsistent with the log (a resume without a pause, an extension beyond the policy's limit, ...).",
        "/events/3: extension of 5 days exceeds the maximum of 3 for deadline \"settle\"";
    InputTooLarge = "input_too_large", "An input exceeds a documented size limit.",
        "input of 70000000 bytes exceeds the limit of 67108864";
    DuplicateKey = "duplicate_key", "A JSON object names the same key twice (the path is the second one); plaint never picks one silently.",
        "/deadlines/0/clock: duplicate key \"clock\": an object may name each key once";
    InstantOutOfRange = "instant_out_of_range", "A computed instant (a due time, a warning point) would fall outside the years 1000-9999 that plaint represents.",
        "a deadline 30 minutes after 9999-12-31T23:50:00Z falls outside the years 1000-9999 that plaint represents";
    InvalidFeed = "invalid_feed", "An imported holiday feed (iCalendar or CSV) cannot be used: not readable, no events, an event without an all-day date, no date after the calendar it extends, a year missing.",
        "/events: the feed has no events";
    OverlappingVersions = "overlapping_versions", "Two versions of a policy are in force on the same day, or are not listed oldest first.",
        "/versions/1/effective_from: effective_from 2026-04-15 is not after version \"2026\"'s 2026-04-15: versions are listed oldest first and may not overlap";
    VersionGap = "version_gap", "No version of a policy is in force between two of its versions (a version's effective_to must be the day before the next one's effective_from).",
        "/versions/0/effective_to: no version is in force from the day after effective_to 2026-04-10 until version \"2026\" starts on 2026-04-15; end this version the day before";
    NoVersionInForce = "no_version_in_force", "The policy has no version in force at the instant that chooses one (the complaint's received_at, or now).",
        "/complaint/received_at: policy cn-consumer-samr has no version in force at 2019-12-31T10:00:00+08:00 (the complaint's receipt): its first version, 2022, is in force from 2020-01-01";
    UnknownVersion = "unknown_version", "A policy reference NAME@VERSION names a version the policy does not have.",
        "policy cn-consumer-samr has no version \"2019\"; versions: 2022, 2026";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found while reading input: a code, the JSON path (RFC 6901
/// pointer, "" for the whole document) and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What kind of problem it is.
    pub code: Code,
    /// Where: an RFC 6901 JSON pointer into the input, "" for the whole
    /// document or when the problem has no place in it.
    pub path: String,
    /// A human-readable explanation (English), for logs and people; match
    /// on `code`, not on this text.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// The error type of every fallible plaint function. Its `code` is the
/// stable way to tell errors apart; new variants may be added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input failed validation; every problem found is listed (never empty).
    #[error("{}", join(.0))]
    Invalid(Vec<Problem>),
    /// A computation needed a date outside the calendar's data.
    #[error("{date} is outside the data of calendar {calendar} ({valid_from}..{valid_to})")]
    CalendarRangeExceeded {
        /// The calendar's name.
        calendar: String,
        /// The date that was needed, YYYY-MM-DD.
        date: String,
        /// The first date the calendar has data for, YYYY-MM-DD.
        valid_from: String,
        /// The last date the calendar has data for, YYYY-MM-DD.
        valid_to: String,
    },
    /// A single problem that is not about a document's shape (unknown preset, overflow...).
    #[error("{0}")]
    Other(Problem),
}

fn join(problems: &[Problem]) -> String {
    let mut out = String::new();
    for (i, p) in problems.iter().enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        out.push_str(&p.to_string());
    }
    out
}

impl Error {
    /// A one-problem error.
    pub fn new(code: Code, path: impl Into<String>, message: impl Into<String>) -> Error {
        let problem = Problem {
            code,
            path: path.into(),
            message: message.into(),
        };
        match code {
            Code::UnknownPreset
            | Code::UnknownCalendar
            | Code::AmountOverflow
            | Code::NegativeAmount
            | Code::InputTooLarge
            | Code::InstantOutOfRange
            | Code::UnknownVersion => Error::Other(problem),
            _ => Error::Invalid(vec![problem]),
        }
    }

    /// The stable code (the first problem's code for a validation error).
    pub fn code(&self) -> Code {
        match self {
            Error::Invalid(problems) => problems.first().map_or(Code::InvalidValue, |p| p.code),
            Error::CalendarRangeExceeded { .. } => Code::CalendarRangeExceeded,
            Error::Other(p) => p.code,
        }
    }

    /// The JSON path of the (first) problem, "" when it concerns no one field.
    pub fn path(&self) -> &str {
        match self {
            Error::Invalid(problems) => problems.first().map_or("", |p| p.path.as_str()),
            Error::CalendarRangeExceeded { .. } => "",
            Error::Other(p) => &p.path,
        }
    }

    /// Every problem, as a list (one element unless validation found several).
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            Error::Invalid(problems) => problems.clone(),
            Error::Other(p) => vec![p.clone()],
            other => vec![Problem {
                code: other.code(),
                path: String::new(),
                message: other.to_string(),
            }],
        }
    }

    /// The error as JSON: `{"code", "message", "path", "problems": [...]}`.
    pub fn to_json(&self) -> serde_json::Value {
        let problems: Vec<serde_json::Value> = self
            .problems()
            .iter()
            .map(|p| serde_json::json!({"code": p.code.as_str(), "path": p.path, "message": p.message}))
            .collect();
        serde_json::json!({
            "code": self.code().as_str(),
            "path": self.path(),
            "message": self.to_string(),
            "problems": problems,
        })
    }
}

/// Result alias.
pub type Result<T, E = Error> = std::result::Result<T, E>;
