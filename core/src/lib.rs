//! plaint-core: the rules of customer-complaint handling as one pure library.
//!
//! No I/O, no clock, no threads: `now` is always an argument, and the same
//! input gives the same output on every platform. See the repository README
//! for the formats; docs/time.md for the time semantics.
//!
//! A case built with the typed API (no JSON) and assessed against the
//! embedded `cn-property` policy. A complaint of personal injury is major
//! there: a reply within 2 working days and settlement within 7, counted on
//! the mainland calendar (25–27 September 2026 and 1–7 October are holidays,
//! Saturday 10 October a make-up working day):
//!
//! ```
//! use plaint_core::model::{Event, EventKind, Severity};
//! use plaint_core::sla::SlaState;
//! use plaint_core::{Case, Complaint, Instant, Policy, assess};
//!
//! let at = |s| Instant::parse(s).unwrap();
//! let mut complaint = Complaint::new("PM-2026-0917", at("2026-09-24T16:00:00+08:00"));
//! complaint.text = "ceiling fell after a leak upstairs and hurt my mother".into();
//! complaint.facts.personal_injury = Some(true);
//! let case = Case::new(complaint)
//!     .with_event(Event::new(EventKind::Registered, at("2026-09-24T16:05:00+08:00")));
//!
//! let policy = Policy::preset("cn-property").unwrap();
//! let a = assess(&policy, &case, at("2026-09-29T10:00:00+08:00")).unwrap();
//!
//! assert_eq!(a.classification.severity, Some(Severity::Major));
//! let reply = a.deadline("major_reply").unwrap();
//! // Thu 24th 16:00; 25–27 are the holiday; Mon 28th and Tue 29th count.
//! assert_eq!(reply.due_at.unwrap().to_string(), "2026-09-29T18:00:00+08:00");
//! // Its warning point is 75 % of its 17 working hours: Tue 29th 13:45.
//! assert_eq!(reply.warn_at.unwrap().to_string(), "2026-09-29T13:45:00+08:00");
//! assert_eq!(reply.state, SlaState::Pending);
//! let settle = a.deadline("major_settle").unwrap();
//! // 28, 29, 30 Sep; 8, 9, Sat 10 and Mon 12 Oct.
//! assert_eq!(settle.due_at.unwrap().to_string(), "2026-10-12T18:00:00+08:00");
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

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
pub use time::{Amount, BeyondData, Calendar, Clock, End, Roll, Span};
pub use warnings::{Warning, WarningCode};

/// The library version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
