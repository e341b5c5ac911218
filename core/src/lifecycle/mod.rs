//! The complaint state machine (HANDBOOK §6).

pub mod machine;
pub mod state;

pub use machine::{Transition, allowed, default_transitions, state_at, timeline};
pub use state::State;
