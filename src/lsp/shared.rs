//! The state shared by the protocol handlers and the background tasks: the
//! server state behind its lock, what the client can do, the signals that
//! order the work (ready, stopping, stale diagnostics, pending themes) and
//! the one change path that both the watcher and the client feed.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::{Notify, mpsc, watch};

use crate::lsp::capabilities::ClientFlags;
use crate::lsp::state::State;
use crate::watch::Watcher;
use crate::workspace::FsChange;

/// The longest a query waits for the first load.
const READY_TIMEOUT: Duration = Duration::from_secs(30);

/// Disk paths changed since the theme indexes were last updated, and the
/// signal that wakes the task folding them in (see `lsp::theme_index`).
#[derive(Debug, Default)]
pub struct PendingThemes {
    pub paths: Mutex<HashSet<PathBuf>>,
    /// Shared with the background task, so that it can wait without keeping
    /// the server state alive.
    pub wake: Arc<Notify>,
}

impl PendingThemes {
    /// Notes disk changes; the background task folds them into the index.
    pub fn files_changed(&self, changes: &[FsChange]) {
        let mut paths = self.paths.lock().unwrap_or_else(|e| e.into_inner());
        paths.extend(changes.iter().map(|c| c.path().to_path_buf()));
        drop(paths);
        self.wake.notify_one();
    }

    /// Takes every pending path.
    pub fn take(&self) -> Vec<PathBuf> {
        self.paths.lock().unwrap_or_else(|e| e.into_inner()).drain().collect()
    }
}

/// The state shared by the protocol handlers and the background tasks.
pub struct Shared {
    pub state: Mutex<State>,
    pub flags: Mutex<ClientFlags>,
    /// Becomes true once the first load is installed; queries wait for it so
    /// that the first request after startup does not see an empty corpus.
    pub ready: watch::Sender<bool>,
    /// Becomes true on `shutdown`: long waits (client answers, loads) give up,
    /// so that `exit` right after startup ends the process at once.
    pub stopping: watch::Sender<bool>,
    /// The one change path: watcher batches and client file events.
    pub changes: mpsc::UnboundedSender<Vec<FsChange>>,
    pub watcher: Mutex<Option<Watcher>>,
    /// Signalled after every state change; the diagnostics task waits on it.
    pub diagnostics_stale: Arc<Notify>,
    /// The theme indexes' pending changes (see `lsp::themes`).
    pub themes: PendingThemes,
    /// Bumped by every reload, so that a slow old load never overwrites a newer one.
    pub(crate) generation: AtomicU64,
}

impl Shared {
    /// Creates the shared state, and the receiving end of its change path
    /// (for `reload::apply_changes_forever`).
    pub fn new() -> (Arc<Shared>, mpsc::UnboundedReceiver<Vec<FsChange>>) {
        let (tx, rx) = mpsc::unbounded_channel();
        let (ready, _) = watch::channel(false);
        let (stopping, _) = watch::channel(false);
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            flags: Mutex::new(ClientFlags::default()),
            ready,
            stopping,
            changes: tx,
            watcher: Mutex::new(None),
            diagnostics_stale: Arc::new(Notify::new()),
            themes: PendingThemes::default(),
            generation: AtomicU64::new(0),
        });
        (shared, rx)
    }

    /// Locks the state. A panic in another holder must not take the server
    /// down with it, so a poisoned lock is used as it is.
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs `work` unless the server is shutting down first: `None` then.
    pub async fn until_stopped<T>(&self, work: impl std::future::Future<Output = T>) -> Option<T> {
        let mut stopping = self.stopping.subscribe();
        tokio::select! {
            value = work => Some(value),
            _ = stopping.wait_for(|s| *s) => None,
        }
    }

    /// Says that what the open documents show may be out of date.
    pub fn mark_stale(&self) {
        self.diagnostics_stale.notify_one();
    }

    pub fn flags(&self) -> ClientFlags {
        *self.flags.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits (without holding any lock) until the first load is installed,
    /// or gives up after `READY_TIMEOUT` (a client that never sends
    /// `initialized` still gets answers, from whatever is loaded).
    pub async fn wait_ready(&self) {
        let mut rx = self.ready.subscribe();
        let _ = tokio::time::timeout(READY_TIMEOUT, rx.wait_for(|ready| *ready)).await;
    }
}
