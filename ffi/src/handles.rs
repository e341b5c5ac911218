//! The opaque handles: engines, calendars and assessments.
//!
//! In C (and in the library's debug info, which the ABI check reads) each
//! handle is an opaque struct with no fields; the pointer C holds is a
//! `Box` of the handle's `Inner` value, cast (as rustls-ffi does). What the
//! library keeps inside can change without changing the ABI.

use plaint_core::{Assessment, Calendar, Policy};
use std::sync::Arc;

/// A validated policy, ready to classify and assess. Opaque. Immutable after
/// creation and safe to share between threads (Send + Sync): any number of
/// threads may call functions on the same engine at once without locks.
/// Create with `plaint_engine_from_preset` or `plaint_engine_from_json`,
/// release with `plaint_engine_free`.
pub struct plaint_engine {
    _opaque: [u8; 0],
}

/// A working calendar with its precomputed index. Opaque. Immutable after
/// creation and safe to share between threads (Send + Sync). Create with
/// `plaint_calendar_from_preset`, `plaint_calendar_from_json` or
/// `plaint_engine_calendar`; release with `plaint_calendar_free`.
pub struct plaint_calendar {
    _opaque: [u8; 0],
}

/// One assessed case, kept as values (see `plaint_assessment_new`). Opaque,
/// immutable, safe to read from many threads at once. Release with
/// `plaint_assessment_free`.
pub struct plaint_assessment {
    _opaque: [u8; 0],
}

/// What an engine handle holds.
pub(crate) struct Engine {
    pub(crate) policy: Arc<Policy>,
}

/// What a calendar handle holds.
pub(crate) struct CalendarHandle {
    pub(crate) calendar: Arc<Calendar>,
}

/// What an assessment handle holds.
pub(crate) struct AssessmentHandle {
    pub(crate) assessment: Assessment,
}

/// A C handle type and the value its pointer holds.
pub(crate) trait Opaque {
    type Inner;
}

impl Opaque for plaint_engine {
    type Inner = Engine;
}

impl Opaque for plaint_calendar {
    type Inner = CalendarHandle;
}

impl Opaque for plaint_assessment {
    type Inner = AssessmentHandle;
}

const _: () = {
    const fn shareable<T: Send + Sync>() {}
    shareable::<Engine>();
    shareable::<CalendarHandle>();
    shareable::<AssessmentHandle>();
};
