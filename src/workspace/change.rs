//! The one change type the workspace takes: "this path may have changed".
//! The server's own watcher and the client's `didChangeWatchedFiles` both
//! produce it (see `watch`); the workspace re-reads the path and compares.

use std::path::{Path, PathBuf};

/// Something that may have changed on disk.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FsChange {
    /// The path was created, written or renamed to; re-read it (it may be a
    /// directory that appeared, or may have vanished again since).
    Changed(PathBuf),
    /// The path was deleted or renamed away.
    Removed(PathBuf),
    /// The watcher lost events (queue overflow): reload this whole corpus root.
    Rescan(PathBuf),
}

impl FsChange {
    pub fn path(&self) -> &Path {
        match self {
            FsChange::Changed(p) | FsChange::Removed(p) | FsChange::Rescan(p) => p,
        }
    }
}
