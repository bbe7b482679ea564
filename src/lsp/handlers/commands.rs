//! `workspace/executeCommand`: the commands the server advertises.
//!
//! - `speech-ls.updateIndex [uri]`: brings INDEX.md up to date (adds every
//!   transcript it does not list, in date order, touching no existing line)
//!   by sending `workspace/applyEdit`; with a URI, only the corpus holding
//!   it. A corpus without INDEX.md gets a fresh one when the client can
//!   create files.
//! - `speech-ls.showEntry uri range`: the code lens's target; the server asks
//!   the client to show that place (`window/showDocument`), so clients need
//!   no command of their own.

use serde_json::Value;
use tower_lsp_server::ls_types::{Location, Uri, WorkspaceEdit};

use crate::corpus::consistency::unlisted_transcripts;
use crate::corpus::index_edit::{build_index, update_index};
use crate::lsp::convert::path_from_uri;
use crate::lsp::handlers::workspace_edit::{EditCaps, IndexSource, create_with_text, transcript_text};
use crate::lsp::state::{CorpusView, Snapshot};

pub const UPDATE_INDEX: &str = "speech-ls.updateIndex";
pub const SHOW_ENTRY: &str = "speech-ls.showEntry";

/// Every command the server executes (for `executeCommandProvider`).
pub fn all() -> Vec<String> {
    vec![UPDATE_INDEX.to_string(), SHOW_ENTRY.to_string()]
}

/// One corpus's update: the edit to apply and how many entries it adds.
#[derive(Debug, Clone)]
pub struct IndexUpdate {
    pub root: String,
    pub edit: WorkspaceEdit,
    pub added: usize,
}

/// The edits bringing each INDEX.md up to date (only the corpus holding
/// `scope` when given). Corpora already up to date give nothing.
pub fn update_index_edits(snap: &Snapshot, caps: EditCaps, scope: Option<&Uri>) -> Vec<IndexUpdate> {
    let scope_path = scope.and_then(path_from_uri);
    let corpora: Vec<CorpusView> = match &scope_path {
        Some(p) => snap.workspace.locate(p).and_then(|(i, _)| snap.corpus_view(i)).into_iter().collect(),
        None => snap.corpora().collect(),
    };
    let mut out = Vec::new();
    for cv in corpora {
        let text_of = |rel: &str| transcript_text(snap, &cv, rel);
        let root = cv.root.display().to_string();
        match IndexSource::of(snap, &cv) {
            Some(index) => {
                let edits = update_index(&cv.corpus, &index.text, &text_of);
                if edits.is_empty() {
                    continue;
                }
                let added = unlisted_transcripts(&cv.corpus).len();
                out.push(IndexUpdate { root, edit: index.workspace_edit(&edits, snap.encoding, caps), added });
            }
            None if caps.create_files && cv.corpus.index().is_none() => {
                let Some(uri) = cv.uri_of("INDEX.md") else { continue };
                let added = cv.corpus.transcripts().count();
                out.push(IndexUpdate { root, edit: create_with_text(&uri, build_index(&cv.corpus, &text_of)), added });
            }
            None => {}
        }
    }
    out
}

/// The optional URI argument of `updateIndex`.
pub fn scope_argument(args: &[Value]) -> Option<Uri> {
    args.first()?.as_str()?.parse().ok()
}

/// The location argument of `showEntry`: `[uri, range]` or `[location]`.
pub fn location_argument(args: &[Value]) -> Option<Location> {
    match args {
        [one] => serde_json::from_value(one.clone()).ok(),
        [uri, range, ..] => {
            Some(Location { uri: uri.as_str()?.parse().ok()?, range: serde_json::from_value(range.clone()).ok()? })
        }
        _ => None,
    }
}
