//! Getting the corpora loaded and keeping them current: reading the client's
//! settings and folders, discovering and loading corpora on blocking threads,
//! starting the server-side watcher, and the one change path that both the
//! watcher and the client's `didChangeWatchedFiles` feed.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use tokio::sync::mpsc;
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{
    ConfigurationItem, DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, InitializeParams,
    Registration,
};

use crate::lsp::capabilities::ClientFlags;
use crate::lsp::config::{SECTION, Settings};
use crate::lsp::from_proto;
use crate::lsp::notices::LoadNotices;
use crate::lsp::shared::Shared;
use crate::lsp::state::State;
use crate::workspace::{FsChange, Workspace};

/// How long the server waits for the client to answer a request of its own
/// (configuration, registration) before going on with what it has.
const CONFIG_TIMEOUT: Duration = Duration::from_secs(3);

/// The folders of the session: the workspace folders, else the root URI.
#[allow(deprecated)] // `root_uri` is deprecated but still the only folder some clients send.
pub fn folders_from(params: &InitializeParams) -> Vec<PathBuf> {
    if let Some(folders) = &params.workspace_folders
        && !folders.is_empty()
    {
        return folders.iter().filter_map(|f| from_proto::path(&f.uri)).collect();
    }
    params.root_uri.as_ref().and_then(from_proto::path).into_iter().collect()
}

/// Asks the client for the `speech-ls` section; `None` when it cannot or
/// does not answer in time, or says nothing about our settings.
pub async fn fetch_settings(client: &Client, flags: ClientFlags) -> Option<Settings> {
    if !flags.configuration {
        return None;
    }
    let item = ConfigurationItem { scope_uri: None, section: Some(SECTION.to_string()) };
    match tokio::time::timeout(CONFIG_TIMEOUT, client.configuration(vec![item])).await {
        Ok(Ok(values)) => values.first().and_then(Settings::from_json),
        Ok(Err(e)) => {
            tracing::warn!("workspace/configuration failed: {e}");
            None
        }
        Err(_) => {
            tracing::warn!("workspace/configuration got no answer in {CONFIG_TIMEOUT:?}");
            None
        }
    }
}

/// Asks the client to report changes to transcripts (every container
/// `corpus::formats` reads) and INDEX.md files, which `**/*.md` covers.
/// Plain glob strings, one an extension: Helix does not support relative
/// patterns, and not every client expands `{txt,vtt}`.
pub async fn register_client_watching(client: &Client) {
    let options = DidChangeWatchedFilesRegistrationOptions {
        watchers: crate::corpus::formats::transcript_globs()
            .into_iter()
            .map(|g| FileSystemWatcher { glob_pattern: GlobPattern::String(g), kind: None })
            .collect(),
    };
    let registration = Registration {
        id: "speech-ls-watched-files".to_string(),
        method: "workspace/didChangeWatchedFiles".to_string(),
        register_options: serde_json::to_value(options).ok(),
    };
    match tokio::time::timeout(CONFIG_TIMEOUT, client.register_capability(vec![registration])).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => tracing::warn!("client refused to watch files for us: {e}"),
        Err(_) => tracing::warn!("client did not answer the file-watch registration in {CONFIG_TIMEOUT:?}"),
    }
}

/// Discovers the corpora of the current folders and settings, starts
/// watching them, loads them on a blocking thread and installs the result.
/// Open documents are laid over the fresh corpora.
///
/// The watcher starts before the load, and `ready` is false while loading:
/// queries wait, and disk events queue up and are applied to the new corpora
/// once installed, so a file written during the load is never missed.
pub async fn reload(shared: &Arc<Shared>) -> LoadNotices {
    let generation = shared.generation.fetch_add(1, Ordering::SeqCst) + 1;
    shared.ready.send_replace(false);
    // reliability: the limits come with the settings (see `config::Settings::limits`).
    let (folders, setting, limits) = {
        let st = shared.lock();
        (st.folders.clone(), st.settings.corpus.clone(), st.settings.limits())
    };
    let started = std::time::Instant::now();
    // reliability: `discover` keeps the `corpus` setting inside the folders and says what it refused.
    let discovered = tokio::task::spawn_blocking(move || {
        let mut found = crate::workspace::discover::discover(&folders, setting.as_deref());
        found.roots.retain(|r| r.is_dir());
        found
    })
    .await;
    let discovered = discovered.unwrap_or_else(|e| {
        tracing::error!("discovering the corpora failed: {e}");
        Default::default()
    });
    let (roots, mut notices) = (discovered.roots, LoadNotices { refused: discovered.refused, ..Default::default() });
    if shared.generation.load(Ordering::SeqCst) != generation {
        return LoadNotices::default(); // a newer reload is on its way
    }
    start_watcher(shared, &roots);
    let loaded = tokio::task::spawn_blocking(move || {
        let mut workspace = Workspace::with_limits(limits);
        for root in &roots {
            workspace.add_root(root);
        }
        workspace
    })
    .await;
    let workspace = loaded.unwrap_or_else(|e| {
        tracing::error!("loading the corpora failed: {e}");
        Workspace::new()
    });
    if shared.generation.load(Ordering::SeqCst) != generation {
        return LoadNotices::default();
    }
    notices.limit_hits = workspace.limit_hits.clone(); // reliability
    tracing::info!(
        "loaded {} corpora ({} files) in {:?}",
        workspace.corpora.len(),
        workspace.corpora.iter().map(|c| c.corpus.len()).sum::<usize>(),
        started.elapsed()
    );
    shared.lock().install_workspace(workspace);
    shared.ready.send_replace(true);
    shared.mark_stale();
    notices
}

fn start_watcher(shared: &Arc<Shared>, roots: &[PathBuf]) {
    let mut slot = shared.watcher.lock().unwrap_or_else(|e| e.into_inner());
    *slot = None; // stop the old watcher before starting the new one
    if roots.is_empty() {
        return;
    }
    let tx = shared.changes.clone();
    match crate::watch::watch(roots, move |batch| {
        let _ = tx.send(batch);
    }) {
        Ok(w) => *slot = Some(w),
        Err(e) => tracing::warn!("cannot watch the corpora, changes made outside the editor will be missed: {e:#}"),
    }
}

/// Applies every batch of changes in arrival order on a blocking thread.
/// Holds only a weak reference, so the task ends with the server.
pub async fn apply_changes_forever(shared: std::sync::Weak<Shared>, mut rx: mpsc::UnboundedReceiver<Vec<FsChange>>) {
    let Some(mut ready) = shared.upgrade().map(|s| s.ready.subscribe()) else { return };
    // reliability: once quiet after changes, the corpora are compared with the disk (lost events).
    let mut unreconciled = false;
    loop {
        let next = if unreconciled {
            match tokio::time::timeout(RECONCILE_AFTER, rx.recv()).await {
                Ok(next) => next,
                Err(_) => {
                    unreconciled = false;
                    let Some(s) = shared.upgrade() else { return };
                    reconcile(&s).await;
                    continue;
                }
            }
        } else {
            rx.recv().await
        };
        let Some(mut batch) = next else { return };
        unreconciled = true;
        // While a load is running its result would overwrite what is applied
        // now; wait for it, then apply everything that queued up meanwhile.
        let _ = ready.wait_for(|r| *r).await;
        while let Ok(more) = rx.try_recv() {
            batch.extend(more);
        }
        let Some(s) = shared.upgrade() else { return };
        let applied = tokio::task::spawn_blocking(move || {
            let mut st = s.lock();
            let State { workspace, documents, .. } = &mut *st;
            let changed = workspace.apply_changes(&batch, &|p| documents.texts.is_open(p));
            workspace.warm_in_background();
            s.themes.files_changed(&batch);
            tracing::debug!("applied {} disk changes, {} corpora changed", batch.len(), changed.len());
            drop(st);
            if !changed.is_empty() {
                s.mark_stale();
            }
        })
        .await;
        if let Err(e) = applied {
            tracing::error!("applying disk changes failed: {e}");
        }
    }
}

/// How long the folder stays quiet before the corpora are compared with it.
const RECONCILE_AFTER: Duration = Duration::from_secs(1);

/// Compares every corpus with a listing of its folder and applies what
/// differs (see `workspace::reconcile`): the listing runs without the lock.
/// reliability: added for issue 16.
async fn reconcile(s: &Arc<Shared>) {
    let (roots, limits) = s.lock().workspace.scan_plan();
    let Ok(listings) = tokio::task::spawn_blocking(move || crate::workspace::reconcile::scan(&roots, limits)).await
    else {
        return;
    };
    let s = s.clone();
    let _ = tokio::task::spawn_blocking(move || {
        let mut st = s.lock();
        let State { workspace, documents, .. } = &mut *st;
        let applied = workspace.apply_scan(&listings, &|p| documents.texts.is_open(p));
        if applied.is_empty() {
            return;
        }
        workspace.warm_in_background();
        drop(st);
        s.themes.files_changed(&applied);
        s.mark_stale();
    })
    .await;
}

/// Set by the stdio entry point only: a server running inside another
/// process (the protocol tests) must never end that process.
pub static WATCH_CLIENT_PROCESS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// How often the server checks that its client process is still alive.
const CLIENT_CHECK: Duration = Duration::from_secs(1);

/// Ends the process when the client that started it (initialize's
/// `processId`) has died without saying `exit`: an editor killed hard must
/// not leave a server running. Checked through `/proc`, so on systems
/// without it the check is skipped.
pub async fn exit_when_client_dies(pid: u32) {
    if !WATCH_CLIENT_PROCESS.load(Ordering::SeqCst) {
        return;
    }
    let proc_entry = PathBuf::from(format!("/proc/{pid}"));
    if !Path::new("/proc/self").exists() || !proc_entry.exists() {
        return;
    }
    loop {
        tokio::time::sleep(CLIENT_CHECK).await;
        if !proc_entry.exists() || is_zombie(&proc_entry) {
            tracing::info!("the client process {pid} is gone; exiting");
            std::process::exit(0);
        }
    }
}

/// A process that has died but not been reaped still has a `/proc` entry.
fn is_zombie(proc_entry: &Path) -> bool {
    std::fs::read_to_string(proc_entry.join("stat"))
        .ok()
        .and_then(|stat| stat.rsplit(')').next().map(|rest| rest.trim_start().starts_with('Z')))
        .unwrap_or(false)
}
