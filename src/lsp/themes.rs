//! Themes in the server: each corpus's theme index is built in the background
//! after a load (reported with `$/progress`), kept current as files change on
//! disk, and published to queries as cheap `ThemeView`s inside snapshots. One
//! file's themes (sections, labels, key terms, summaries) are computed from
//! its text on demand and cached by file version; that analysis stops early
//! when its request is cancelled or a newer version of the file arrives
//! (see `cancel`), and what stopped early is never cached.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use tokio::sync::Notify;
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{NumberOrString, ProgressToken};

use crate::corpus::themes::analysis::{FileThemes, ThemeContext, analyze_until};
use crate::corpus::transcript::Transcript;
use crate::lsp::cancel::Watch;
use crate::lsp::lifecycle::Shared;
use crate::lsp::state::{FileView, Snapshot};
use crate::watch::FsChange;
use crate::workspace::themes::ThemeIndex;
use crate::workspace::topics::{TopicsMap, TopicsText};
use crate::workspace::{ReadOutcome, read_transcript_file};

/// How long changes settle before the theme index is updated.
const SETTLE: Duration = Duration::from_millis(50);
/// How long the folder stays quiet before incremental statistics are
/// rebuilt exactly (reliability, issue 16).
const QUIET: Duration = Duration::from_secs(2);
/// How long the server waits for the client to accept a progress token.
const PROGRESS_TIMEOUT: Duration = Duration::from_secs(2);
/// How many files' themes the cache keeps.
const CACHE_SIZE: usize = 32;

/// What queries read about one corpus's themes.
#[derive(Debug, Clone, Default)]
pub struct ThemeView {
    pub context: Arc<ThemeContext>,
    pub topics: Arc<TopicsMap>,
    pub topics_text: Arc<TopicsText>,
}

/// Theme views by corpus root.
pub type ThemeViews = Arc<HashMap<PathBuf, ThemeView>>;

/// The server's theme machinery, shared by the handlers and the background task.
#[derive(Debug, Default)]
pub struct Themes {
    /// Disk paths changed since the index was last updated.
    pending: Mutex<HashSet<PathBuf>>,
    /// Shared with the background task, so that it can wait without keeping
    /// the server state alive.
    wake: Arc<Notify>,
}

/// Recently computed file themes, shared by every snapshot.
pub type ThemeCache = Arc<Mutex<Vec<CacheEntry>>>;

/// One file's themes and what they were computed from. The entry holds the
/// analysis and the context themselves, so that a hit means the very same
/// file version against the very same corpus themes (a themes rebuild or an
/// edit makes every older entry miss, even one stored a moment later by a
/// request that started before).
#[derive(Debug, Clone)]
pub struct CacheEntry {
    analysis: Arc<crate::corpus::FileAnalysis>,
    context: Arc<ThemeContext>,
    sections: bool,
    themes: Arc<FileThemes>,
}

impl CacheEntry {
    fn is_for(&self, file: &FileView, context: &Arc<ThemeContext>, sections: bool) -> bool {
        Arc::ptr_eq(&self.analysis, &file.analysis)
            && Arc::ptr_eq(&self.context, context)
            && (self.sections || !sections)
    }
}

impl Themes {
    /// Notes disk changes; the background task folds them into the index.
    pub fn files_changed(&self, changes: &[FsChange]) {
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        pending.extend(changes.iter().map(|c| c.path().to_path_buf()));
        drop(pending);
        self.wake.notify_one();
    }
}

/// The theme context for a file: its corpus's, or a standalone one.
pub fn context_for(snap: &Snapshot, file: &FileView) -> Arc<ThemeContext> {
    static STANDALONE: std::sync::LazyLock<Arc<ThemeContext>> =
        std::sync::LazyLock::new(|| Arc::new(ThemeContext::standalone()));
    file.corpus
        .as_ref()
        .and_then(|cv| snap.themes.get(&cv.root))
        .map(|v| v.context.clone())
        .unwrap_or_else(|| STANDALONE.clone())
}

/// The text a file's analysis was made from: the open buffer, or the file on
/// disk when it still matches the analysis.
pub fn text_of(snap: &Snapshot, uri: &tower_lsp_server::ls_types::Uri, file: &FileView) -> Option<Arc<str>> {
    if file.analysis.line_index.len() > MAX_THEMES_BYTES {
        return None;
    }
    if let Some(doc) = snap.documents.get(uri) {
        return Some(doc.text());
    }
    disk_text(file)
}

/// A corpus file's text on disk, when it still matches its analysis.
pub fn disk_text(file: &FileView) -> Option<Arc<str>> {
    let cv = file.corpus.as_ref()?;
    let read = read_transcript_file(&cv.root, &file.analysis.path);
    (read.outcome == ReadOutcome::Read && read.text.len() == file.analysis.line_index.len())
        .then(|| Arc::from(read.text))
}

/// Files larger than this get no themes in the editor: their analysis would
/// hold up requests for seconds (the command line still analyses them).
const MAX_THEMES_BYTES: usize = 4 * 1024 * 1024;

/// The themes of a transcript (with its sections when `sections` is true),
/// from the cache when this version was analysed before. `None` also when
/// the analysis stopped early (inside a request that was cancelled, or about
/// an open document that has a newer version now); the request then answers
/// with the matching error (see `answer_blocking`).
pub fn file_themes(snap: &Snapshot, file: &FileView, text: &str, sections: bool) -> Option<Arc<FileThemes>> {
    let transcript: &Transcript = file.analysis.transcript()?;
    if text.len() > MAX_THEMES_BYTES {
        return None;
    }
    let ctx = context_for(snap, file);
    {
        let cache = snap.theme_cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(hit) = cache.iter().find(|e| e.is_for(file, &ctx, sections)) {
            return Some(hit.themes.clone());
        }
    }
    let path = &file.analysis.path;
    let document = snap.documents.showing(&file.analysis);
    let which = match document {
        Some(doc) => format!("{path} v{}", doc.version),
        None => path.clone(),
    };
    let watch = Watch::current(document.map(|d| d.edits()));
    tracing::debug!("themes of {which}: analysing");
    let should_stop = || watch.should_stop();
    let Some(themes) = analyze_until(path, text, transcript, &ctx, sections, &should_stop) else {
        if let Some(why) = watch.record_stop() {
            tracing::debug!("themes of {which} cancelled: {why}");
        }
        return None;
    };
    let themes = Arc::new(themes);
    tracing::debug!("themes of {which}: done");
    if watch.is_superseded() {
        // Complete and right for the version asked about, but no later
        // request will ask for it: caching it would only push out the newer
        // version's entry (entries are kept one per path).
        return Some(themes);
    }
    let mut cache = snap.theme_cache.lock().unwrap_or_else(|e| e.into_inner());
    cache.retain(|e| e.analysis.path != *path);
    cache.push(CacheEntry { analysis: file.analysis.clone(), context: ctx, sections, themes: themes.clone() });
    if cache.len() > CACHE_SIZE {
        cache.remove(0);
    }
    Some(themes)
}

/// The cached themes of this exact version of a file, with sections, if any.
pub fn cached_sections(snap: &Snapshot, file: &FileView) -> Option<Arc<FileThemes>> {
    let ctx = context_for(snap, file);
    let cache = snap.theme_cache.lock().unwrap_or_else(|e| e.into_inner());
    cache.iter().find(|e| e.is_for(file, &ctx, true)).map(|e| e.themes.clone())
}

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
            let changed: Vec<PathBuf> = s.themes.pending.lock().unwrap_or_else(|e| e.into_inner()).drain().collect();
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
        snap.corpora().map(|cv| (cv.root.clone(), ThemeIndex::build(&cv.root, &cv.corpus))).collect()
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
        for cv in snap.corpora() {
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
    for cv in snap.corpora() {
        let rels: Vec<String> = changed
            .iter()
            .filter_map(|p| {
                snap.workspace.locate(p).filter(|(i, _)| snap.corpus_view(*i).is_some_and(|c| c.root == cv.root))
            })
            .map(|(_, rel)| rel)
            .collect();
        let touched_index = rels.iter().any(|r| r == "INDEX.md");
        if rels.is_empty() {
            continue;
        }
        let index = indexes.entry(cv.root.clone()).or_default();
        let text_of = |rel: &str| {
            let doc = snap.documents.by_path(&cv.root.join(rel))?;
            Some(doc.text().to_string())
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
    st.theme_cache.lock().unwrap_or_else(|e| e.into_inner()).clear();
}

/// True when `root` has a theme view (its index is built).
pub fn is_ready(snap: &Snapshot, root: &Path) -> bool {
    snap.themes.contains_key(root)
}

/// How a hover names and links another speech of the corpus: its INDEX.md
/// title (or its date and file name) and its URI.
pub fn speech_link(cv: &crate::lsp::state::CorpusView, rel: &str) -> (String, String) {
    let title = cv.corpus.index().and_then(|(_, doc)| {
        let link = cv.corpus.links_to(rel).into_iter().next()?;
        let entry = doc.entries.get(link.entry)?;
        let title = entry.title.clone()?;
        Some(match entry.date {
            Some(d) => format!("{d} {title}"),
            None => title,
        })
    });
    let label = title.unwrap_or_else(|| {
        let date = cv.corpus.get(rel).and_then(|f| f.transcript()?.header.as_ref()?.date);
        match date {
            Some(d) => format!("{d} {rel}"),
            None => rel.to_string(),
        }
    });
    let target = cv.uri_of(rel).map(|u| u.as_str().to_string()).unwrap_or_else(|| rel.to_string());
    (label, target)
}
