//! File watching: turns disk events and client file events into one change type.
//!
//! The server always runs its own watcher (one debounced, recursive watcher per
//! corpus root), because some clients do not watch files (Neovim on Linux) or
//! report only their own writes (Helix). The client's
//! `workspace/didChangeWatchedFiles` notifications are turned into the same
//! `FsChange`s, so the workspace has one change path. A change only says "this
//! path may have changed": the workspace re-reads it and compares.

use std::path::{Path, PathBuf};
use std::time::Duration;

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, DebouncedEvent, RecommendedCache, new_debouncer_opt};

pub use crate::workspace::FsChange;
use crate::workspace::{is_corpus_file, is_ignored_name};

/// How long the debouncer waits for a burst of events to settle. An editor's
/// save (write temp, rename over) takes microseconds and arrives as one
/// batch; a longer burst (a `git checkout`) may come as several, which the
/// change applier folds together when they queue up. Every millisecond here
/// is a millisecond before a file saved outside the editor shows.
pub const DEBOUNCE: Duration = Duration::from_millis(100);

/// Keeps the watcher alive; dropping it stops watching.
pub struct Watcher {
    _debouncer: notify_debouncer_full::Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    roots: Vec<PathBuf>,
}

impl Watcher {
    /// The watched roots, canonicalised.
    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }
}

impl std::fmt::Debug for Watcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watcher").field("roots", &self.roots).finish()
    }
}

/// Watches each root recursively and calls `on_change` with each debounced
/// batch of relevant changes (never with an empty batch). `on_change` runs on
/// the watcher's thread: it should only queue the work (send on a channel).
/// A root that cannot be watched (it does not exist, or the system's limit
/// on watches is reached) is logged and skipped; fails when none can be.
pub fn watch(roots: &[PathBuf], on_change: impl Fn(Vec<FsChange>) + Send + 'static) -> anyhow::Result<Watcher> {
    let roots: Vec<PathBuf> = roots.iter().map(|r| std::fs::canonicalize(r).unwrap_or_else(|_| r.clone())).collect();
    let roots_for_events = roots.clone();
    let handler = move |result: DebounceEventResult| {
        let changes = match result {
            Ok(events) => changes_from_events(&roots_for_events, &events),
            Err(errors) => {
                for e in &errors {
                    tracing::warn!("file watcher error: {e}");
                }
                // Errors may mean lost events; rescanning is the safe answer.
                roots_for_events.iter().cloned().map(FsChange::Rescan).collect()
            }
        };
        if !changes.is_empty() {
            on_change(changes);
        }
    };
    // Symlinks are not followed: a link out of the corpus must not make us
    // watch (or read) files outside it.
    let config = notify::Config::default().with_follow_symlinks(false);
    let mut debouncer = new_debouncer_opt::<_, notify::RecommendedWatcher, RecommendedCache>(
        DEBOUNCE,
        None,
        handler,
        RecommendedCache::new(),
        config,
    )?;
    // One root that cannot be watched (deleted, no permission, out of inotify
    // watches) must not cost the others their watching.
    let mut watched = Vec::new();
    let mut failures = Vec::new();
    for root in roots {
        match debouncer.watch(&root, RecursiveMode::Recursive) {
            Ok(()) => {
                tracing::debug!("watching {}", root.display());
                watched.push(root);
            }
            Err(e) => {
                tracing::warn!("cannot watch {}: {e}", root.display());
                failures.push(format!("cannot watch {}: {e}", root.display()));
            }
        }
    }
    if watched.is_empty() && !failures.is_empty() {
        anyhow::bail!("{}", failures.join("; "));
    }
    let roots = watched;
    Ok(Watcher { _debouncer: debouncer, roots })
}

/// Turns a debounced batch into changes: only corpus files (and directories,
/// which may carry corpus files in or out) matter; temp files are dropped.
pub fn changes_from_events(roots: &[PathBuf], events: &[DebouncedEvent]) -> Vec<FsChange> {
    let mut out: Vec<FsChange> = Vec::new();
    for event in events {
        if event.need_rescan() {
            // The event may name no path; rescan the roots it names, else all.
            let named: Vec<&PathBuf> = roots.iter().filter(|r| event.paths.iter().any(|p| p.starts_with(r))).collect();
            let targets = if named.is_empty() { roots.iter().collect() } else { named };
            out.extend(targets.into_iter().cloned().map(FsChange::Rescan));
            continue;
        }
        let removal = matches!(event.kind, EventKind::Remove(_));
        let rename = matches!(event.kind, EventKind::Modify(notify::event::ModifyKind::Name(_)));
        if !(removal || rename || matches!(event.kind, EventKind::Create(_) | EventKind::Modify(_) | EventKind::Any)) {
            continue; // access events
        }
        for path in &event.paths {
            if let Some(change) = classify(path, removal) {
                out.push(change);
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The change a client's `didChangeWatchedFiles` entry means (`deleted`: the
/// client said the file was deleted), or `None` when the path does not matter.
pub fn change_from_client(path: &Path, deleted: bool) -> Option<FsChange> {
    classify(path, deleted)
}

fn classify(path: &Path, removed: bool) -> Option<FsChange> {
    let name = path.file_name()?.to_str()?;
    if is_ignored_name(name) {
        return None;
    }
    // A path that is now neither a file nor there may be a folder that went
    // away; one that is a folder may have brought files in.
    let relevant = is_corpus_file(name) || path.is_dir() || !path.exists();
    if !relevant {
        return None;
    }
    Some(if removed { FsChange::Removed(path.to_path_buf()) } else { FsChange::Changed(path.to_path_buf()) })
}
