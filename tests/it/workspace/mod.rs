//! The workspace on disk: discovering corpora, reading files (and the ones
//! it refuses), following changes, and the file watcher.

mod changes;
mod discover;
mod read;
mod watch;
