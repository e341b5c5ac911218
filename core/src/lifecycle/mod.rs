//! The complaint state machine (docs/domain.md: the process).

pub mod machine;
pub mod state;

pub use machine::{Transition, allowed, default_transitions, state_at, timeline};
pub use state::{State, StateSet};
