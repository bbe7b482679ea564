//! Themes: what a speech or a part of it is about.
//!
//! Words are tokenised and stemmed once per distinct word (`tokens`), corpus
//! statistics count document frequencies (`stats`), key terms fuse in-document
//! features with contrast against the corpus (`keyterms`), long turns are cut
//! into topical sections by lexical cohesion (`segment`), sections are
//! summarised extractively (`sentences`, `summary`), and labels come from a
//! built-in taxonomy, a corpus `themes.toml`, and the user's INDEX.md `#tags`
//! (`taxonomy`, `tags`). What the corpus contributes is gathered in one
//! context (`analysis`), kept up to date as files change (`context_update`).

pub mod analysis;
pub mod clauses;
pub mod context_update;
pub mod counting;
pub mod greetings;
pub mod keyterms;
pub mod labels;
pub mod language;
pub mod neighbours;
pub mod render;
pub mod segment;
pub mod sentences;
pub mod stats;
pub mod stretches;
pub mod summary;
pub mod tags;
pub mod taxonomy;
pub mod themes_toml;
pub mod ties;
pub mod tokens;
