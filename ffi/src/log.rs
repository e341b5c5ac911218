//! Diagnostics for the host: an optional logging callback, and what a caught
//! panic said and where.
//!
//! By default the library writes nothing anywhere (a panic's default message
//! goes to stderr, as Rust prints it). Once a host installs a callback with
//! `plaint_set_log_callback`, every panic caught at the boundary and every
//! warning of an assessment (see warnings.rs) goes to it as (level, code,
//! message) instead.

use std::cell::{Cell, RefCell};
use std::ffi::{CString, c_char, c_void};
use std::panic::PanicHookInfo;
use std::sync::{Once, RwLock};

/// How serious a log record is (`level` argument of a `plaint_log_callback`).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum plaint_log_level {
    /// A bug inside plaint: a panic caught at the boundary (the call returned
    /// `PLAINT_STATUS_PANIC`). Please report it.
    Error = 1,
    /// Something the host should know about although the call succeeded:
    /// a warning of an assessment (code "calendar_data_ending",
    /// "calendar_data_ended", "projected_data", "deadline_undetermined", ...).
    Warn = 2,
}

/// A host's logging function. Called with the `user_data` given to
/// `plaint_set_log_callback`, a level, a stable snake_case `code` ("panic",
/// or the code of a warning) and a human-readable `message`; both strings
/// are NUL-terminated UTF-8, borrowed for the duration of the call only.
/// It may be called from any thread that calls plaint, concurrently: it must
/// be thread-safe, must not unwind (C++: must not throw) and should return
/// quickly. It may call plaint, including `plaint_set_log_callback`.
pub type plaint_log_callback = Option<
    unsafe extern "C" fn(user_data: *mut c_void, level: plaint_log_level, code: *const c_char, message: *const c_char),
>;

#[derive(Clone, Copy)]
struct Sink {
    callback: unsafe extern "C" fn(*mut c_void, plaint_log_level, *const c_char, *const c_char),
    user_data: *mut c_void,
}

// SAFETY: the host promises (plaint_set_log_callback's contract) that the
// callback and its user_data may be used from any thread.
unsafe impl Send for Sink {}
unsafe impl Sync for Sink {}

static SINK: RwLock<Option<Sink>> = RwLock::new(None);

/// Install (or, with a NULL `callback`, remove) the process-wide logging
/// callback. Default: none. Thread safety: any thread, at any time. A
/// record being delivered on another thread while the callback is replaced
/// may still reach the previous callback: keep the previous `user_data`
/// valid until those threads have returned from plaint.
///
/// What it receives:
/// - `PLAINT_LOG_LEVEL_ERROR`, code "panic": a panic caught at the boundary,
///   with its message and location;
/// - `PLAINT_LOG_LEVEL_WARN`, the warning's stable code: one record per
///   entry of an assessment's `warnings`, in their order, from
///   `plaint_engine_assess`, `plaint_engine_assess_with`,
///   `plaint_assessment_new` and `plaint_engine_assess_batch` (per line),
///   on the calling thread before the call returns; the message is
///   "complaint ID: " and the warning's message. The results are the same
///   with or without a callback. `plaint_run_op` and `plaint_engine_stats`,
///   the JSON layer as is, log nothing.
///
/// # Safety
/// `callback` is NULL or a function that may be called from any thread with
/// `user_data` until it is replaced.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plaint_set_log_callback(callback: plaint_log_callback, user_data: *mut c_void) {
    let _ = std::panic::catch_unwind(|| {
        let sink = callback.map(|callback| Sink { callback, user_data });
        // A poisoned lock only means a writer panicked; the value is a Copy.
        *SINK.write().unwrap_or_else(|e| e.into_inner()) = sink;
    });
}

/// Whether a host callback is installed (to skip building messages nobody reads).
pub(crate) fn installed() -> bool {
    SINK.read().unwrap_or_else(|e| e.into_inner()).is_some()
}

/// Deliver one record to the host's callback; false when none is installed.
pub(crate) fn emit(level: plaint_log_level, code: &str, message: &str) -> bool {
    let Some(sink) = *SINK.read().unwrap_or_else(|e| e.into_inner()) else {
        return false;
    };
    // The lock is released before the call: the callback may replace itself.
    let code = CString::new(code.replace('\0', " ")).unwrap_or_default();
    let message = CString::new(message.replace('\0', " ")).unwrap_or_default();
    // SAFETY: the host's function, called as plaint_set_log_callback's
    // contract allows; the strings live until it returns.
    unsafe { (sink.callback)(sink.user_data, level, code.as_ptr(), message.as_ptr()) };
    true
}

/// What the last panic on this thread said, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PanicReport {
    pub message: String,
    pub location: String,
}

thread_local! {
    static LAST_PANIC: RefCell<Option<PanicReport>> = const { RefCell::new(None) };
    /// How many plaint calls this thread is inside (a callback may call
    /// plaint again): only their panics are the library's to report.
    static IN_CALL: Cell<u32> = const { Cell::new(0) };
}

/// `body` run as a plaint call, for the panic hook.
pub(crate) fn in_call<T>(body: impl FnOnce() -> T) -> T {
    let _ = IN_CALL.try_with(|n| n.set(n.get() + 1));
    let out = body();
    let _ = IN_CALL.try_with(|n| n.set(n.get().saturating_sub(1)));
    out
}

/// Install, once per process, a panic hook that records the message and
/// location of a panic inside a plaint call for the boundary and sends it to
/// the host's callback (or, without one, to the hook that was there before:
/// Rust's default prints it on stderr). Other panics (a Rust host linking
/// the static library shares its panic hook) go to the previous hook alone.
pub(crate) fn capture_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if IN_CALL.try_with(Cell::get).unwrap_or(0) == 0 {
                return previous(info);
            }
            let report = report_of(info);
            let text = format!("panic at {}: {}", report.location, report.message);
            let _ = LAST_PANIC.try_with(|p| p.replace(Some(report)));
            if !emit(plaint_log_level::Error, "panic", &text) {
                previous(info);
            }
        }));
    });
}

fn report_of(info: &PanicHookInfo<'_>) -> PanicReport {
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string());
    let location = info.location().map_or_else(
        || "an unknown location".to_string(),
        |l| format!("{}:{}:{}", l.file(), l.line(), l.column()),
    );
    PanicReport { message, location }
}

/// The report of the panic just caught on this thread (taken, not copied).
pub(crate) fn take_panic() -> Option<PanicReport> {
    LAST_PANIC.try_with(RefCell::take).ok().flatten()
}
