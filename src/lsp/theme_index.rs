//! Each corpus's theme index in the server: built in the background after a
//! load (reported with `$/progress`), kept current as files change on disk,
//! and published to requests as cheap `ThemeView`s inside snapshots.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Weak};
use std::time::Duration;

use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{NumberOrString, ProgressToken};

use crate::ide::theme_cache::{ThemeView, clear_cache};
use crate::lsp::shared::Shared;
use crate::lsp::state::Snapshot;
use crate::workspace::themes::ThemeIndex;

/// How long changes settle before the theme index is updated.
const SETTLE: Duration = Duration::from_millis(50);
/// How long the server waits for the client to accept a progress token.
const PROGRESS_TIMEOUT: Duration = Duration::from_secs(2);
/// How long the folder stays quiet before incremental statistics are
/// rebuilt exactly (reliability, issue 16).
const QUIET: Duration = Duration::from_secs(2);

/// Keeps every corpus's theme index current for the life of the server:
/// a full build after each load, then incremental updates on disk changes.
pub async fn maintain_forever(shared: Weak<Shared>, client: Client) {
    let Some((mut ready, wake)) = shared.upgrade().map(|s| (s.ready.subscribe(), s.themes.wake.clone())) else {
        return;
    };
    loop {
        if ready.wait_for(|r| *r).await.is_err() {
            return;
        }
        let Some(s) = shared.upgrade() else { return };
        let mut indexes = build_all(&s, &client).await;
        drop(s);
        loop {
            // No strong reference is held while waiting: when the server
            // state goes, `ready`'s sender goes with it and the task ends.
            // reliability: after a quiet moment, incremental statistics settle to a rebuild's.
            let unsettled = indexes.values().any(ThemeIndex::is_unsettled);
            let reloaded = tokio::select! {
                changed = ready.changed() => { if changed.is_err() { return } true }
                _ = wake.notified() => false,
                _ = tokio::time::sleep(QUIET), if unsettled => {
                    let Some(s) = shared.upgrade() else { return };
                    indexes = settle(&s, indexes).await;
                    continue;
                }
            };
            let Some(s) = shared.upgrade() else { return };
            if reloaded {
                // A reload started (or already finished: the two changes of
                // `ready` may be seen as one): build again once it is in.
                break;
            }
            tokio::time::sleep(SETTLE).await;
            let changed: Vec<PathBuf> = s.themes.take();
            let snap = s.lock().snapshot();
            let updated = tokio::task::spawn_blocking(move || {
                update_indexes(&mut indexes, &snap, &changed);
                indexes
            })
            .await;
            match updated {
                Ok(back) => {
                    indexes = back;
                    install(&s, &indexes);
                }
                Err(e) => {
                    tracing::error!("updating themes failed: {e}");
                    indexes = HashMap::new();
                }
            }
        }
    }
}

async fn build_all(s: &Arc<Shared>, client: &Client) -> HashMap<PathBuf, ThemeIndex> {
    let snap = s.lock().snapshot();
    let started = std::time::Instant::now();
    // The build starts at once; progress is announced beside it, so a client
    // slow to answer `window/workDoneProgress/create` never delays themes.
    let build = tokio::task::spawn_blocking(move || {
        snap.world.corpora().map(|cv| (cv.root.clone(), ThemeIndex::build(&cv.root, &cv.corpus))).collect()
    });
    let progress = if s.flags().work_done_progress {
        let token = ProgressToken::from(NumberOrString::String("speech-ls/themes".to_string()));
        match tokio::time::timeout(PROGRESS_TIMEOUT, client.create_work_done_progress(token.clone())).await {
            Ok(Ok(())) => {
                Some(client.progress(token, "speech-ls: themes").with_message("counting terms").begin().await)
            }
            _ => None,
        }
    } else {
        None
    };
    let built = build.await.unwrap_or_else(|e| {
        tracing::error!("building themes failed: {e}");
        HashMap::new()
    });
    install(s, &built);
    let speeches: usize = built.values().map(ThemeIndex::len).sum();
    tracing::info!("themes ready for {speeches} speeches in {:?}", started.elapsed());
    if let Some(p) = progress {
        p.finish_with_message(format!("themes ready for {speeches} speeches")).await;
    }
    built
}

/// Settles every index on a blocking thread (see `ThemeIndex::settle`) and
/// installs the result. reliability: added for issue 16.
async fn settle(s: &Arc<Shared>, mut indexes: HashMap<PathBuf, ThemeIndex>) -> HashMap<PathBuf, ThemeIndex> {
    let snap = s.lock().snapshot();
    let settled = tokio::task::spawn_blocking(move || {
        for cv in snap.world.corpora() {
            if let Some(index) = indexes.get_mut(&cv.root) {
                index.settle(&cv.corpus);
            }
        }
        indexes
    })
    .await;
    match settled {
        Ok(indexes) => {
            install(s, &indexes);
            indexes
        }
        Err(e) => {
            tracing::error!("settling themes failed: {e}");
            HashMap::new()
        }
    }
}

fn update_indexes(indexes: &mut HashMap<PathBuf, ThemeIndex>, snap: &Snapshot, changed: &[PathBuf]) {
    for cv in snap.world.corpora() {
        let rels: Vec<String> = changed
            .iter()
            .filter_map(|p| {
                let world = &snap.world;
                world.workspace.locate(p).filter(|(i, _)| world.corpus_view(*i).is_some_and(|c| c.root == cv.root))
            })
            .map(|(_, rel)| rel)
            .collect();
        let touched_index = rels.iter().any(|r| r == "INDEX.md");
        if rels.is_empty() {
            continue;
        }
        let index = indexes.entry(cv.root.clone()).or_default();
        let text_of = |rel: &str| {
            let open = snap.world.open.by_path(&cv.root.join(rel))?;
            Some(open.text.to_string())
        };
        let files: Vec<String> = rels.into_iter().filter(|r| r != "INDEX.md").collect();
        if !files.is_empty() || touched_index {
            index.update(&cv.root, &cv.corpus, &files, &text_of);
        }
    }
}

fn install(s: &Shared, indexes: &HashMap<PathBuf, ThemeIndex>) {
    let views: HashMap<PathBuf, ThemeView> = indexes
        .iter()
        .map(|(root, index)| {
            (
                root.clone(),
                ThemeView {
                    context: index.context.clone(),
                    topics: index.topics.clone(),
                    topics_text: index.topics_text.clone(),
                },
            )
        })
        .collect();
    let mut st = s.lock();
    st.themes = Arc::new(views);
    clear_cache(&st.theme_cache);
}
