//! Units of time in milliseconds, the core's internal unit: one definition
//! each, used by every module that converts.

/// A minute: the unit of duration amounts at the edges (policies, CLI, bindings).
pub const MINUTE_MS: i64 = 60_000;
/// An hour.
pub const HOUR_MS: i64 = 60 * MINUTE_MS;
/// A day of 24 hours (elapsed time; a calendar day in a zone with a
/// daylight-saving change is not this long).
pub const DAY_MS: i64 = 24 * HOUR_MS;
