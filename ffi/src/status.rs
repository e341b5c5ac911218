//! The numbered outcome of every call and its stable names.

use plaint_core::Code;
use std::ffi::CStr;

/// The outcome of every fallible function. Numbers are API: never renumbered
/// and never reused. 0 is success; 1-99 are problems of the call itself
/// (a NULL pointer, bytes that are not UTF-8, a caught panic); 100 and up
/// are the core's error codes, one each (docs/errors.md), in the order of
/// the core's catalogue. `plaint_status_code_name` gives the stable
/// snake_case name of each (the `code` of the error JSON).
///
/// In C this is a `uint32_t`: a library newer than your header may return a
/// number your header does not name; treat unknown numbers as errors.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum plaint_status {
    /// Success. "ok".
    Ok = 0,
    /// A pointer parameter that must not be NULL was NULL. "null_argument".
    NullArgument = 1,
    /// A string parameter was not valid UTF-8. "invalid_utf8".
    InvalidUtf8 = 2,
    /// A bug inside plaint panicked; the panic was caught at the boundary and
    /// nothing was written to the out-pointers. Please report it. "panic".
    Panic = 3,
    /// "invalid_json": not well-formed JSON, or nested deeper than 128 levels.
    InvalidJson = 100,
    /// "invalid_type": a value has the wrong JSON type (also a fraction
    /// where an integer belongs).
    InvalidType = 101,
    /// "missing_field": a required field is absent.
    MissingField = 102,
    /// "unknown_field": a key the format does not define.
    UnknownField = 103,
    /// "invalid_value": a value outside the allowed set or range (also an
    /// unknown clock/end/roll number or a misaligned pointer in the typed calls).
    InvalidValue = 104,
    /// "unsupported_version": a format version this library does not read.
    UnsupportedVersion = 105,
    /// "instant_without_offset": a timestamp without a UTC offset.
    InstantWithoutOffset = 106,
    /// "invalid_instant": a timestamp that is not RFC 3339 or out of range
    /// (epoch milliseconds outside years 1000-9999).
    InvalidInstant = 107,
    /// "invalid_date": a date that is not YYYY-MM-DD.
    InvalidDate = 108,
    /// "unknown_zone": an unknown IANA time zone.
    UnknownZone = 109,
    /// "invalid_hours": a malformed business-hours interval.
    InvalidHours = 110,
    /// "overlapping_hours": business-hours intervals overlap.
    OverlappingHours = 111,
    /// "conflicting_day": a date is both a holiday and a working day.
    ConflictingDay = 112,
    /// "invalid_range": an empty or inverted range.
    InvalidRange = 113,
    /// "duplicate_id": two entries share an id.
    DuplicateId = 114,
    /// "unknown_reference": a reference to something undefined.
    UnknownReference = 115,
    /// "unknown_preset": no embedded policy preset has this name.
    UnknownPreset = 116,
    /// "unknown_calendar": no embedded calendar has this name.
    UnknownCalendar = 117,
    /// "calendar_range_exceeded": the computation needs a date outside the
    /// calendar's data; plaint never guesses.
    CalendarRangeExceeded = 118,
    /// "negative_amount": an amount of time, a count or an amount of money
    /// is negative.
    NegativeAmount = 119,
    /// "amount_overflow": an amount or a result is too large.
    AmountOverflow = 120,
    /// "invalid_transition": an event not allowed in the lifecycle state.
    InvalidTransition = 121,
    /// "invalid_event": an event inconsistent with the log.
    InvalidEvent = 122,
    /// "input_too_large": an input above a documented limit (64 MiB of JSON).
    InputTooLarge = 123,
    /// "duplicate_key": a JSON object names the same key twice.
    DuplicateKey = 124,
    /// "instant_out_of_range": a computed instant falls outside years 1000-9999.
    InstantOutOfRange = 125,
    /// "invalid_feed": an imported holiday feed (iCalendar or CSV) cannot be
    /// used (no events, not all-day, a year missing, ...).
    InvalidFeed = 126,
    /// "overlapping_versions": two versions of a policy in force on one day,
    /// or not listed oldest first.
    OverlappingVersions = 127,
    /// "version_gap": no version of a policy in force between two of its versions.
    VersionGap = 128,
    /// "no_version_in_force": the policy has no version in force at the
    /// complaint's receipt (or at now).
    NoVersionInForce = 129,
    /// "unknown_version": NAME@VERSION names a version the policy does not have.
    UnknownVersion = 130,
}

impl plaint_status {
    /// Every status, in numeric order.
    pub const ALL: &'static [plaint_status] = &[
        plaint_status::Ok,
        plaint_status::NullArgument,
        plaint_status::InvalidUtf8,
        plaint_status::Panic,
        plaint_status::InvalidJson,
        plaint_status::InvalidType,
        plaint_status::MissingField,
        plaint_status::UnknownField,
        plaint_status::InvalidValue,
        plaint_status::UnsupportedVersion,
        plaint_status::InstantWithoutOffset,
        plaint_status::InvalidInstant,
        plaint_status::InvalidDate,
        plaint_status::UnknownZone,
        plaint_status::InvalidHours,
        plaint_status::OverlappingHours,
        plaint_status::ConflictingDay,
        plaint_status::InvalidRange,
        plaint_status::DuplicateId,
        plaint_status::UnknownReference,
        plaint_status::UnknownPreset,
        plaint_status::UnknownCalendar,
        plaint_status::CalendarRangeExceeded,
        plaint_status::NegativeAmount,
        plaint_status::AmountOverflow,
        plaint_status::InvalidTransition,
        plaint_status::InvalidEvent,
        plaint_status::InputTooLarge,
        plaint_status::DuplicateKey,
        plaint_status::InstantOutOfRange,
        plaint_status::InvalidFeed,
        plaint_status::OverlappingVersions,
        plaint_status::VersionGap,
        plaint_status::NoVersionInForce,
        plaint_status::UnknownVersion,
    ];

    /// The status of a core error code. Exhaustive on purpose: a new core
    /// code does not compile until it has a number here.
    pub fn from_code(code: Code) -> plaint_status {
        match code {
            // The core may add codes before this table does; the test
            // every_core_code_has_one_status_named_like_it catches that.
            Code::InvalidJson => plaint_status::InvalidJson,
            Code::InvalidType => plaint_status::InvalidType,
            Code::MissingField => plaint_status::MissingField,
            Code::UnknownField => plaint_status::UnknownField,
            Code::InvalidValue => plaint_status::InvalidValue,
            Code::UnsupportedVersion => plaint_status::UnsupportedVersion,
            Code::InstantWithoutOffset => plaint_status::InstantWithoutOffset,
            Code::InvalidInstant => plaint_status::InvalidInstant,
            Code::InvalidDate => plaint_status::InvalidDate,
            Code::UnknownZone => plaint_status::UnknownZone,
            Code::InvalidHours => plaint_status::InvalidHours,
            Code::OverlappingHours => plaint_status::OverlappingHours,
            Code::ConflictingDay => plaint_status::ConflictingDay,
            Code::InvalidRange => plaint_status::InvalidRange,
            Code::DuplicateId => plaint_status::DuplicateId,
            Code::UnknownReference => plaint_status::UnknownReference,
            Code::UnknownPreset => plaint_status::UnknownPreset,
            Code::UnknownCalendar => plaint_status::UnknownCalendar,
            Code::CalendarRangeExceeded => plaint_status::CalendarRangeExceeded,
            Code::NegativeAmount => plaint_status::NegativeAmount,
            Code::AmountOverflow => plaint_status::AmountOverflow,
            Code::InvalidTransition => plaint_status::InvalidTransition,
            Code::InvalidEvent => plaint_status::InvalidEvent,
            Code::InputTooLarge => plaint_status::InputTooLarge,
            Code::DuplicateKey => plaint_status::DuplicateKey,
            Code::InstantOutOfRange => plaint_status::InstantOutOfRange,
            Code::InvalidFeed => plaint_status::InvalidFeed,
            Code::OverlappingVersions => plaint_status::OverlappingVersions,
            Code::VersionGap => plaint_status::VersionGap,
            Code::NoVersionInForce => plaint_status::NoVersionInForce,
            Code::UnknownVersion => plaint_status::UnknownVersion,
            _ => plaint_status::InvalidValue,
        }
    }

    /// The stable snake_case name (a core code's `as_str` for 100 and up).
    pub fn name(self) -> &'static CStr {
        match self {
            plaint_status::Ok => c"ok",
            plaint_status::NullArgument => c"null_argument",
            plaint_status::InvalidUtf8 => c"invalid_utf8",
            plaint_status::Panic => c"panic",
            plaint_status::InvalidJson => c"invalid_json",
            plaint_status::InvalidType => c"invalid_type",
            plaint_status::MissingField => c"missing_field",
            plaint_status::UnknownField => c"unknown_field",
            plaint_status::InvalidValue => c"invalid_value",
            plaint_status::UnsupportedVersion => c"unsupported_version",
            plaint_status::InstantWithoutOffset => c"instant_without_offset",
            plaint_status::InvalidInstant => c"invalid_instant",
            plaint_status::InvalidDate => c"invalid_date",
            plaint_status::UnknownZone => c"unknown_zone",
            plaint_status::InvalidHours => c"invalid_hours",
            plaint_status::OverlappingHours => c"overlapping_hours",
            plaint_status::ConflictingDay => c"conflicting_day",
            plaint_status::InvalidRange => c"invalid_range",
            plaint_status::DuplicateId => c"duplicate_id",
            plaint_status::UnknownReference => c"unknown_reference",
            plaint_status::UnknownPreset => c"unknown_preset",
            plaint_status::UnknownCalendar => c"unknown_calendar",
            plaint_status::CalendarRangeExceeded => c"calendar_range_exceeded",
            plaint_status::NegativeAmount => c"negative_amount",
            plaint_status::AmountOverflow => c"amount_overflow",
            plaint_status::InvalidTransition => c"invalid_transition",
            plaint_status::InvalidEvent => c"invalid_event",
            plaint_status::InputTooLarge => c"input_too_large",
            plaint_status::DuplicateKey => c"duplicate_key",
            plaint_status::InstantOutOfRange => c"instant_out_of_range",
            plaint_status::InvalidFeed => c"invalid_feed",
            plaint_status::OverlappingVersions => c"overlapping_versions",
            plaint_status::VersionGap => c"version_gap",
            plaint_status::NoVersionInForce => c"no_version_in_force",
            plaint_status::UnknownVersion => c"unknown_version",
        }
    }

    /// The status with this number, if any.
    pub fn from_u32(n: u32) -> Option<plaint_status> {
        plaint_status::ALL.iter().copied().find(|s| *s as u32 == n)
    }
}
