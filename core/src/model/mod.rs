//! The complaint domain model: complaints, customers, events and the enums
//! of the complaint domain (docs/domain.md).

pub mod complaint;
pub mod enums;
pub mod event;
pub mod fast_read;
mod json_scan;
pub mod instant;
pub(crate) mod labels;
pub mod rfc3339;

pub use complaint::{Complaint, Customer, Facts, ManualClassification};
pub use enums::{Category, Cause, Channel, ClaimType, Nature, RejectionExtent, Remedy, Severity, Tier, Validity};
pub use event::{Event, EventKind};
pub use instant::{Instant, Stamp, parse_instant};
pub use labels::{Labelled, Lang};
pub use rfc3339::Rfc3339;

/// A policy's immutable text (ids, sources) shared by every result that
/// cites it: a batch of assessments holds one copy, not one per result.
pub type Text = std::sync::Arc<str>;

/// An event of a case's log as the engine reads it: its index in the
/// caller's log (for error paths such as `/events/3`) and the event. The
/// engine keeps these in time order (ties in log order).
pub type Logged<'a> = (usize, &'a Event);
