//! The command line through the built binary: `outline`, `check`, `themes`,
//! `index` and the basics (help, version, errors).

mod basics;
mod check;
mod index;
mod outline;
mod themes;
