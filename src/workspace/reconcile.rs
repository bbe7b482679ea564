//! Bringing a corpus back in line with the disk when events were lost.
//!
//! The file watcher's events are not complete: a burst of moves into a new
//! folder followed by that folder's removal was seen to produce no event at
//! all (the debouncer cancels what it believes cancels out), leaving files
//! in the corpus that no longer exist. So once the folder has been quiet for
//! a moment after changes, each corpus is compared with a listing of its
//! folder (names and sizes, no reads): files on disk the corpus lacks, files
//! the corpus has that are gone, and files whose size no longer matches
//! their text are each applied as a disk change. The listing takes no lock
//! (`scan` runs apart from the state); only the differences are applied
//! under it (`apply_scan`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::corpus::paths::RelPath;
use crate::workspace::FsChange;
use crate::workspace::load::list_corpus_files;
use crate::workspace::{Limits, Workspace};

/// What one corpus folder holds on disk: each corpus file and its size.
#[derive(Debug, Clone)]
pub struct DiskListing {
    pub root: PathBuf,
    pub files: HashMap<RelPath, u64>,
}

impl Workspace {
    /// The corpus roots and limits to list (cheap: no file system access).
    pub fn scan_plan(&self) -> (Vec<PathBuf>, Limits) {
        (self.roots(), self.limits)
    }

    /// Applies what a listing shows the corpus got wrong; returns the paths
    /// applied (for the theme index). Open documents are left alone.
    pub fn apply_scan(&mut self, listings: &[DiskListing], is_open: &dyn Fn(&Path) -> bool) -> Vec<FsChange> {
        let mut differ: Vec<PathBuf> = Vec::new();
        for listing in listings {
            let Some(state) = self.corpora.iter().find(|c| c.root == listing.root) else { continue };
            let known = state.corpus.files().map(|f| {
                let size = listing.files.get(&f.path);
                // A file read with a problem has no text to compare sizes with.
                let stale = size.is_none_or(|&s| f.read_problems.is_empty() && s != f.line_index.len() as u64);
                (f.path.clone(), stale)
            });
            differ.extend(known.filter(|(_, stale)| *stale).map(|(p, _)| listing.root.join(p)));
            let missing = listing.files.keys().filter(|p| !state.corpus.contains(p));
            differ.extend(missing.map(|p| listing.root.join(p)));
        }
        differ.retain(|p| !is_open(p));
        differ.sort();
        differ.dedup();
        if !differ.is_empty() {
            tracing::debug!(
                "{} files differed from the disk without a file event (e.g. {}); applied",
                differ.len(),
                differ[0].display()
            );
        }
        let changes: Vec<FsChange> = differ.into_iter().map(FsChange::Changed).collect();
        self.apply_changes(&changes, is_open);
        changes
    }
}

/// Lists every root (outside any lock: this walks the folders).
pub fn scan(roots: &[PathBuf], limits: Limits) -> Vec<DiskListing> {
    roots
        .iter()
        .map(|root| DiskListing { root: root.clone(), files: list_corpus_files(root, limits).into_iter().collect() })
        .collect()
}
