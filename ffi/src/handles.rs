//! The opaque handles: engines and calendars.

use plaint_core::{Calendar, Policy};
use std::sync::Arc;

/// A validated policy, ready to classify and assess. Opaque. Immutable after
/// creation and safe to share between threads (Send + Sync): any number of
/// threads may call functions on the same engine at once without locks.
/// Create with `plaint_engine_from_preset` or `plaint_engine_from_json`,
/// release with `plaint_engine_free`.
pub struct plaint_engine {
    pub(crate) policy: Arc<Policy>,
}

/// A working calendar with its precomputed index. Opaque. Immutable after
/// creation and safe to share between threads (Send + Sync). Create with
/// `plaint_calendar_from_preset`, `plaint_calendar_from_json` or
/// `plaint_engine_calendar`; release with `plaint_calendar_free`.
pub struct plaint_calendar {
    pub(crate) calendar: Arc<Calendar>,
}

const _: () = {
    const fn shareable<T: Send + Sync>() {}
    shareable::<plaint_engine>();
    shareable::<plaint_calendar>();
};
