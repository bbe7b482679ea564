//! The one integration-test binary: every protocol, command-line, corpus,
//! transcript, workspace and reliability test, as modules, so that the crate
//! is linked into one test binary rather than one per file. The shared kit
//! (the LSP client, corpora, the data lookup, the log sink) is `tests/kit`.
//!
//! Run one group with `cargo test --test it lsp::` (or any part of a test's
//! path). Tests that need the shared corpora or take long are ignored by
//! default; CONTRIBUTING.md says how to run them.

#[path = "../kit/mod.rs"]
mod kit;

mod cli;
mod index;
mod invariants;
mod lsp;
mod reliability;
mod transcript;
mod workspace;
