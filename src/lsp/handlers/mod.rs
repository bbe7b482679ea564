//! One function per request, each the same three steps: convert the
//! request's positions to byte offsets (`from_proto`), ask the feature in
//! `ide`, convert the answer back (`to_proto`). Handlers read a `Snapshot`
//! and never fail on user input: an unknown document or a position with
//! nothing under it gives an empty answer. How each runs (the protocol's
//! thread or a blocking one) is decided in `server`, through `dispatch`.

pub mod commands;
pub mod document;
pub mod editing;
pub mod hover;
pub mod navigation;
pub mod pull_diagnostics;
