//! RFC 3339 text of instants, read and written without chrono's general
//! machinery: results carry a dozen instants each and inputs several, and
//! chrono's parser and formatter were a large part of reading and writing
//! them. Each side handles the common form and checks itself against chrono
//! in its tests.

mod read;
mod recent;
mod write;

pub(crate) use read::epoch_ms;
pub(crate) use recent::text_of;
pub use write::Rfc3339;
