//! The transcript parser: fixtures with snapshots, robustness on odd input,
//! and figures against the gold labels of the shared corpora.

mod eval;
mod fixtures;
mod long_labels;
mod robustness;
mod speakers_real;
