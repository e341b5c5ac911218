//! The error of every call: a family (Kotlin `PlaintException.Invalid`, ...;
//! Swift `PlaintError.Invalid`, ...) carrying the stable snake_case `code`
//! (docs/errors.md), the JSON `path` of the first problem, the readable
//! `detail` and every problem found.

use plaint_core::{Code, Error};

/// One problem found in an input: its stable code, its JSON path (RFC 6901,
/// "" for the whole input) and a message.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Problem {
    pub code: String,
    pub path: String,
    pub message: String,
}

/// An error as data (one case of a batch, a deadline that could not be
/// computed): the same fields as `PlaintError`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ErrorInfo {
    pub code: String,
    pub path: String,
    pub message: String,
    pub problems: Vec<Problem>,
}

/// Every error of plaint, by family. Each variant carries the stable
/// snake_case `code` (see docs/errors.md), the JSON `path` of the (first)
/// problem, `detail` (the readable message: every problem, with its path)
/// and every problem found. The message of the exception (Kotlin `message`,
/// Swift `errorDescription`) is `"<code>: <detail>"`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum PlaintError {
    /// The input failed validation: invalid_json, invalid_type,
    /// missing_field, unknown_field, invalid_value, instant_without_offset,
    /// invalid_instant, invalid_date, unknown_zone, ... (every validation code).
    #[error("{code}: {detail}")]
    Invalid {
        code: String,
        path: String,
        detail: String,
        problems: Vec<Problem>,
    },
    /// No embedded policy (unknown_preset) or calendar (unknown_calendar) has this name.
    #[error("{code}: {detail}")]
    UnknownPreset {
        code: String,
        path: String,
        detail: String,
        problems: Vec<Problem>,
    },
    /// The computation needs a date outside the calendar's holiday data
    /// (calendar_range_exceeded); plaint never guesses.
    #[error("{code}: {detail}")]
    CalendarRangeExceeded {
        code: String,
        path: String,
        detail: String,
        problems: Vec<Problem>,
    },
    /// An amount is negative (negative_amount) or too large (amount_overflow).
    #[error("{code}: {detail}")]
    Amount {
        code: String,
        path: String,
        detail: String,
        problems: Vec<Problem>,
    },
    /// An event is not allowed in the complaint's state (invalid_transition).
    #[error("{code}: {detail}")]
    Transition {
        code: String,
        path: String,
        detail: String,
        problems: Vec<Problem>,
    },
    /// An event is inconsistent with the log (invalid_event): before the
    /// receipt, a resume without a pause, an extension beyond the limit, ...
    #[error("{code}: {detail}")]
    EventLog {
        code: String,
        path: String,
        detail: String,
        problems: Vec<Problem>,
    },
    /// An input exceeds a documented size limit (input_too_large).
    #[error("{code}: {detail}")]
    InputTooLarge {
        code: String,
        path: String,
        detail: String,
        problems: Vec<Problem>,
    },
}

fn problems_of(e: &Error) -> Vec<Problem> {
    e.problems()
        .into_iter()
        .map(|p| Problem {
            code: p.code.as_str().to_string(),
            path: p.path,
            message: p.message,
        })
        .collect()
}

impl From<&Error> for ErrorInfo {
    fn from(e: &Error) -> ErrorInfo {
        ErrorInfo {
            code: e.code().as_str().to_string(),
            path: e.path().to_string(),
            message: e.to_string(),
            problems: problems_of(e),
        }
    }
}

impl From<Error> for PlaintError {
    fn from(e: Error) -> PlaintError {
        let (code, path, detail, problems) = (
            e.code().as_str().to_string(),
            e.path().to_string(),
            e.to_string(),
            problems_of(&e),
        );
        macro_rules! family {
            ($variant:ident) => {
                PlaintError::$variant {
                    code,
                    path,
                    detail,
                    problems,
                }
            };
        }
        match e.code() {
            Code::UnknownPreset | Code::UnknownCalendar | Code::UnknownVersion => family!(UnknownPreset),
            Code::CalendarRangeExceeded => family!(CalendarRangeExceeded),
            Code::NegativeAmount | Code::AmountOverflow => family!(Amount),
            Code::InvalidTransition => family!(Transition),
            Code::InvalidEvent => family!(EventLog),
            Code::InputTooLarge => family!(InputTooLarge),
            _ => family!(Invalid),
        }
    }
}

impl PlaintError {
    /// The stable code, whatever the family.
    pub fn code(&self) -> &str {
        let (PlaintError::Invalid { code, .. }
        | PlaintError::UnknownPreset { code, .. }
        | PlaintError::CalendarRangeExceeded { code, .. }
        | PlaintError::Amount { code, .. }
        | PlaintError::Transition { code, .. }
        | PlaintError::EventLog { code, .. }
        | PlaintError::InputTooLarge { code, .. }) = self;
        code
    }

    /// The JSON path of the first problem, whatever the family.
    pub fn path(&self) -> &str {
        let (PlaintError::Invalid { path, .. }
        | PlaintError::UnknownPreset { path, .. }
        | PlaintError::CalendarRangeExceeded { path, .. }
        | PlaintError::Amount { path, .. }
        | PlaintError::Transition { path, .. }
        | PlaintError::EventLog { path, .. }
        | PlaintError::InputTooLarge { path, .. }) = self;
        path
    }
}

pub type Result<T, E = PlaintError> = std::result::Result<T, E>;
