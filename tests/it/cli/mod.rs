//! The command line through the built binary: `outline`, `check`, `themes`,
//! `index`, `speakers` and the basics (help, version, errors).

mod basics;
mod check;
mod index;
mod outline;
mod speakers;
mod themes;
