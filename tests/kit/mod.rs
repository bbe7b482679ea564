//! The test kit: what the integration tests, the benchmark
//! (`examples/bench`) and the fuzz session target share, so that each exists
//! once. `client` is the one LSP client (async, over any streams; it stands
//! alone so the fuzz crate can include just that file), `blocking` the same
//! client for callers without async, `process` the built binary as a child;
//! `corpus` writes `speech_ls::fixture::Fixture`s to disk, `proto` builds
//! params and renders answers, `edits` applies the edits the server sends,
//! `data` finds the shared corpora through environment variables, and `log`
//! is the one tracing sink of the test binary.

// Each user (the test binary, the benchmark, the fuzz target) takes a part.
#![allow(dead_code)]

pub mod blocking;
pub mod client;
pub mod corpus;
pub mod data;
pub mod edits;
pub mod log;
pub mod process;
pub mod proto;
