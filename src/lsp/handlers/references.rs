//! `textDocument/references`: on a transcript's header line, every INDEX.md
//! entry linking to it; on an INDEX.md entry, every entry linking to the same
//! transcript; on a speaker label, every turn of that speaker across the
//! corpus (or across the file, for a transcript outside any corpus); inside
//! a topical section, every section and speech that carries its theme.

use tower_lsp_server::ls_types::{Location, Position, Uri};

use crate::lsp::convert::range_to_proto;
use crate::lsp::handlers::definition::{index_links_to, transcript_target};
use crate::lsp::handlers::{entry_link_at, location_in, offset_in, on_header};
use crate::lsp::state::{FileView, Snapshot};
use crate::lsp::themes::{file_themes, text_of};

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

    let Some(turn) = transcript.turns.iter().find(|t| t.label_span.contains(offset)) else {
        return theme_references(snap, uri, &file, offset);
    };
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

/// On a section's text: the places that carry the section's theme, i.e. the
/// sections of this file named by it and the speeches of the corpus whose
/// strongest themes include it (at their header lines).
fn theme_references(snap: &Snapshot, uri: &Uri, file: &FileView, offset: usize) -> Vec<Location> {
    let enc = snap.encoding;
    let Some(text) = text_of(snap, uri, file) else { return Vec::new() };
    let Some(themes) = file_themes(snap, file, &text, true) else { return Vec::new() };
    let Some(section) = themes.section_at(offset) else { return Vec::new() };
    let Some(theme) = section.themes.distinctive_label(Some(&themes.speech)).map(|l| l.id.clone()) else {
        return Vec::new();
    };
    let index = &file.analysis.line_index;
    let mut out: Vec<Location> = themes
        .sections
        .iter()
        .filter(|s| s.themes.distinctive_label(Some(&themes.speech)).is_some_and(|l| l.id == theme))
        .map(|s| Location::new(uri.clone(), range_to_proto(index, s.themes.span, enc)))
        .collect();
    if let Some(cv) = &file.corpus
        && let Some(view) = snap.themes.get(&cv.root)
    {
        let mut paths: Vec<&str> = view
            .topics
            .iter()
            .filter(|(path, topics)| ***path != *file.analysis.path && topics.themes.iter().any(|(id, _)| *id == theme))
            .map(|(path, _)| &**path)
            .collect();
        paths.sort();
        out.extend(paths.into_iter().filter_map(|path| {
            let header = cv.corpus.get(path)?.transcript()?.header.as_ref()?.span;
            location_in(cv, path, header, enc)
        }));
    }
    out
}
