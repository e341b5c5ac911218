//! plaint-core: the rules of customer-complaint handling as one pure library.
//!
//! No I/O, no clock, no threads: `now` is always an argument, and the same
//! input gives the same output on every platform. See the repository README
//! for the formats; docs/time.md for the time semantics.
#![forbid(unsafe_code)]

pub mod analytics;
pub mod api;
pub mod assess;
pub mod calendars;
pub mod classify;
pub mod decode;
pub mod error;
pub mod escalation;
pub mod lifecycle;
pub mod model;
pub mod obligation;
pub mod policy;
pub mod replay;
pub mod sla;
mod strict_json;
pub mod time;
pub mod warnings;

pub use assess::{AssessOptions, Assessment, Case, assess, assess_with, assess_with_options};
pub use classify::{Classification, Explain, classify, classify_with};
pub use error::{Code, Error, Problem};
pub use model::{Complaint, Instant, Lang, Stamp, Text};
pub use policy::Policy;
pub use time::{BeyondData, Calendar, Clock, End, Roll, Span};
pub use warnings::{Warning, WarningCode};

/// The library version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
