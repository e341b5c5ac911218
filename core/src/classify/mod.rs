//! Classification: decision tables over complaint fields, attributes and
//! text signals, with a trace of every decision.

mod evaluate;
pub mod index;
pub mod text;

pub use evaluate::{
    Classification, Decision, Explain, RowTrace, TableTrace, classify, classify_scanned, classify_values,
    classify_values_indexed, classify_with,
};
