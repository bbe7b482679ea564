//! The language server through the protocol, in-process over
//! `tokio::io::duplex` or as the built binary over stdio: negotiation and
//! capabilities, outlines, navigation, hover, themes, editing, settings,
//! files changed on disk, diagnostics (pushed and pulled), code actions,
//! completion and rename, cancellation, and the replay of real clients.

mod binary;
mod cancel;
mod config;
mod diagnostics_debounce;
mod editing;
mod helix_replay;
mod protocol;
mod pull_diagnostics;
mod speakers;
mod surface_actions;
mod surface_links;
mod surface_structure;
mod themes;
mod watch;
