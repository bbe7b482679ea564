//! speech-ls: a language server for folders of speech transcripts.
//!
//! The crate is layered so that each layer knows only the one below it:
//! `corpus` is the pure analysis core (text in, plain data out, byte offsets);
//! `workspace` finds corpora on disk and keeps the current state; `watch` turns
//! file-system and client events into workspace changes; `lsp` is the only
//! place that speaks the protocol; `cli` prints what the core computed.

pub mod cli;
pub mod corpus;
pub mod eval;
#[doc(hidden)]
pub mod fixture;
pub mod ide;
pub mod lsp;
pub mod watch;
pub mod workspace;
