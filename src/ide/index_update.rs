//! Bringing INDEX.md up to date: every transcript it does not list is added
//! in date order, touching no existing line; a corpus without INDEX.md gets
//! a fresh one when the editor can create files. The server's
//! `speech-ls.updateIndex` command and the code lens use it.

use std::path::Path;

use crate::corpus::consistency::unlisted_transcripts;
use crate::corpus::index_edit::{build_index, update_index};
use crate::ide::edits::{Change, IndexSource, SourceChange};
use crate::ide::world::{CorpusView, World};

/// One corpus's update: the change to apply and how many entries it adds.
#[derive(Debug, Clone)]
pub struct IndexUpdate {
    pub root: String,
    pub change: SourceChange,
    pub added: usize,
}

/// The changes bringing each INDEX.md up to date (only the corpus holding
/// `scope` when given). Corpora already up to date give nothing.
pub fn index_updates(world: &World, scope: Option<&Path>, can_create_files: bool) -> Vec<IndexUpdate> {
    let corpora: Vec<CorpusView> = match scope {
        Some(p) => world.corpus_of(p).into_iter().collect(),
        None => world.corpora().collect(),
    };
    let mut out = Vec::new();
    for cv in corpora {
        let text_of = |rel: &str| world.corpus_text(&cv, rel);
        let root = cv.root.display().to_string();
        match IndexSource::of(world, &cv) {
            Some(index) => {
                let edits = update_index(&cv.corpus, &index.text, &text_of);
                if edits.is_empty() {
                    continue;
                }
                let added = unlisted_transcripts(&cv.corpus).len();
                out.push(IndexUpdate { root, change: index.change(edits), added });
            }
            None if can_create_files && cv.corpus.index().is_none() => {
                let added = cv.corpus.transcripts().count();
                let create = Change::Create { file: cv.file_ref("INDEX.md"), text: build_index(&cv.corpus, &text_of) };
                out.push(IndexUpdate { root, change: SourceChange { changes: vec![create] }, added });
            }
            None => {}
        }
    }
    out
}
