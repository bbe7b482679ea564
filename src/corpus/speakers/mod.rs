//! Speakers as people: the labels of every transcript resolved to persons
//! across the corpus, whatever the label says ("President of Russia
//! Vladimir Putin" and "Vladimir Putin" are one person), with the registry
//! the user owns (`speakers.toml`).
//!
//! - `fold.rs`: one label folded into the key identity compares.
//! - `resolve.rs`: the corpus's person index (who is who), built lazily by
//!   `Corpus::persons` and kept while the files' labels stay the same.
//! - `registry.rs`: `speakers.toml` read into plain data, problems with spans.
//! - `stats.rs`: a person's turns, words and dates, counted when asked.
//! - `near.rs`: labels that look like a misspelt known person.

pub mod fold;
pub mod near;
pub mod registry;
pub mod resolve;
pub mod stats;

pub use fold::{Folded, LabelClass, fold_label};
pub use registry::{Registry, SPEAKERS_FILE, parse_registry};
pub use resolve::{Person, PersonId, PersonIndex, PersonKind};
pub use stats::{PersonStats, person_stats};
