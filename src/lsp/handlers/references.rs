//! `textDocument/references`: on a transcript's header line, every INDEX.md
//! entry linking to it; on an INDEX.md entry, every entry linking to the same
//! transcript; on a speaker label, every turn of that speaker across the
//! corpus (or across the file, for a transcript outside any corpus).

use tower_lsp_server::ls_types::{Location, Position, Uri};

use crate::lsp::convert::range_to_proto;
use crate::lsp::handlers::definition::{index_links_to, transcript_target};
use crate::lsp::handlers::{entry_link_at, location_in, offset_in, on_header};
use crate::lsp::state::Snapshot;

pub fn handle_references(snap: &Snapshot, uri: &Uri, pos: Position, include_declaration: bool) -> Vec<Location> {
    let enc = snap.encoding;
    let Some(file) = snap.file(uri) else { return Vec::new() };
    let offset = offset_in(&file, pos, enc);
    let cv = file.corpus.as_ref();

    if let Some(doc) = file.analysis.index() {
        let (Some(cv), Some((_, Some(link)))) = (cv, entry_link_at(doc, offset)) else { return Vec::new() };
        let Some(target) = cv.corpus.resolve(link) else { return Vec::new() };
        let mut out = Vec::new();
        if include_declaration {
            out.extend(transcript_target(cv, &target, enc));
        }
        out.extend(index_links_to(cv, &target, enc));
        return out;
    }

    let Some(transcript) = file.analysis.transcript() else { return Vec::new() };
    if on_header(&file, offset) {
        let Some(cv) = cv else { return Vec::new() };
        let mut out = Vec::new();
        if include_declaration {
            out.extend(transcript_target(cv, &file.analysis.path, enc));
        }
        out.extend(index_links_to(cv, &file.analysis.path, enc));
        return out;
    }

    let Some(turn) = transcript.turns.iter().find(|t| t.label_span.contains(offset)) else { return Vec::new() };
    match cv {
        Some(cv) => cv
            .corpus
            .turns_of(&turn.speaker)
            .into_iter()
            .filter_map(|r| location_in(cv, &r.path, r.label_span, enc))
            .collect(),
        None => transcript
            .turns
            .iter()
            .filter(|t| t.speaker == turn.speaker)
            .map(|t| Location::new(uri.clone(), range_to_proto(&file.analysis.line_index, t.label_span, enc)))
            .collect(),
    }
}
