//! Edits to INDEX.md, computed but never applied here: each is a byte range
//! of the index text and its replacement, which the server sends as a
//! `WorkspaceEdit` and the command line applies to a copy.
//!
//! Every edit is an insertion or a change confined to one entry, so whatever
//! the user wrote by hand (lines, order, headings, tags) survives: adding
//! unlisted transcripts never rewrites an existing line.

mod insert;
mod title;

use std::collections::HashSet;

pub use title::{EntryStyle, NewEntry, entry_for_transcript, title_from_text};

use crate::corpus::index::{IndexDoc, IndexLink, LinkKind, parse_index};
use crate::corpus::model::Corpus;
use crate::corpus::paths::{RelPath, encode_for_link, is_plain_path, is_wiki_safe, link_destination};
use crate::corpus::text::{Date, Span};

/// Replace the bytes of `span` in INDEX.md with `new_text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    pub span: Span,
    pub new_text: String,
}

/// Applies non-overlapping edits to `text` (in any order; inserts at the
/// same offset keep their order). Edits that do not fit the text are skipped.
pub fn apply_edits(text: &str, edits: &[TextEdit]) -> String {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len() + edits.iter().map(|e| e.new_text.len()).sum::<usize>());
    let mut copied = 0;
    for e in sorted {
        if e.span.start < copied || text.get(e.span.start..e.span.end).is_none() {
            continue;
        }
        out.push_str(&text[copied..e.span.start]);
        out.push_str(&e.new_text);
        copied = e.span.end;
    }
    out.push_str(&text[copied..]);
    out
}

/// Inserts entries for the given transcripts, in date order, in the style of
/// their neighbours.
pub fn add_entries(index_text: &str, doc: &IndexDoc, entries: &[NewEntry]) -> Vec<TextEdit> {
    insert::insertion_edits(index_text, doc, entries)
}

/// Brings INDEX.md up to date: one entry for every transcript it does not
/// list. `text_of` returns a transcript's text (for its title) when known.
/// Running it again on the result adds nothing.
pub fn update_index(corpus: &Corpus, index_text: &str, text_of: &dyn Fn(&str) -> Option<String>) -> Vec<TextEdit> {
    let doc = parse_index(index_text);
    let listed: HashSet<RelPath> =
        doc.entries.iter().flat_map(|e| e.links.iter()).filter_map(|l| corpus.resolve(l)).collect();
    let entries: Vec<NewEntry> = corpus
        .transcripts()
        .filter(|(f, _)| !listed.contains(&f.path))
        .map(|(f, t)| entry_for_transcript(&f.path, t, text_of(&f.path).as_deref()))
        .collect();
    add_entries(index_text, &doc, &entries)
}

/// A fresh INDEX.md for a corpus that has none: an intro line, then one
/// `## YYYY` heading per year, entries oldest first, undated ones last.
pub fn build_index(corpus: &Corpus, text_of: &dyn Fn(&str) -> Option<String>) -> String {
    let mut entries: Vec<NewEntry> =
        corpus.transcripts().map(|(f, t)| entry_for_transcript(&f.path, t, text_of(&f.path).as_deref())).collect();
    entries.sort_by(|a, b| (a.date.is_none(), a.date, &a.path).cmp(&(b.date.is_none(), b.date, &b.path)));
    let style = EntryStyle::default();
    let mut out = String::from("# Index\n\nThe transcripts in this folder, by date.\n");
    let mut year: Option<Option<u16>> = None;
    for e in &entries {
        let this_year = e.date.map(|d| d.year);
        if year != Some(this_year) {
            match this_year {
                Some(y) => out.push_str(&format!("\n## {y}\n\n")),
                None => out.push_str("\n## Undated\n\n"),
            }
            year = Some(this_year);
        }
        out.push_str(&style.render(e));
        out.push('\n');
    }
    out
}

/// Deletes an entry with its line break.
pub fn remove_entry(index_text: &str, doc: &IndexDoc, entry: usize) -> Option<TextEdit> {
    let e = doc.entries.get(entry)?;
    let rest = index_text.get(e.span.end..)?;
    let brk = if rest.starts_with("\r\n") { 2 } else { usize::from(rest.starts_with(['\n', '\r'])) };
    let mut span = Span::new(e.span.start, e.span.end + brk);
    // The last line of a file without a final line break takes the previous break instead.
    if brk == 0 && e.span.start > 0 {
        let before = index_text.get(..e.span.start)?;
        let prev = if before.ends_with("\r\n") { 2 } else { usize::from(before.ends_with(['\n', '\r'])) };
        span.start -= prev;
    }
    Some(TextEdit { span, new_text: String::new() })
}

/// Points one link at `new_path`, keeping the link's form.
pub fn repoint_link(index_text: &str, doc: &IndexDoc, entry: usize, link: usize, new_path: &str) -> Option<TextEdit> {
    let l = doc.entries.get(entry)?.links.get(link)?;
    Some(link_edit(index_text, l, new_path))
}

/// Sets an entry's date: replaces the written date, or writes one after the
/// list marker when the entry has none.
pub fn fix_entry_date(index_text: &str, doc: &IndexDoc, entry: usize, date: Date) -> Option<TextEdit> {
    let e = doc.entries.get(entry)?;
    Some(match e.date_span {
        Some(span) => TextEdit { span, new_text: date.to_string() },
        None => {
            let at = title::marker_span(e, index_text).end;
            TextEdit { span: Span::new(at, at), new_text: format!("{date} ") }
        }
    })
}

/// Rewrites every link to `old` (a corpus path) so that it names `new`,
/// when a transcript is renamed or moved. `corpus` is the state before the
/// rename: it tells which `[[name]]` links found `old` in a subfolder. A
/// reference definition shared by several links is edited once.
pub fn rename_links(corpus: &Corpus, index_text: &str, old: &str, new: &str) -> Vec<TextEdit> {
    let doc = parse_index(index_text);
    let mut seen = HashSet::new();
    let mut edits = Vec::new();
    for l in doc.entries.iter().flat_map(|e| e.links.iter()) {
        let names_old = link_path(l).as_deref() == Some(old) || corpus.resolve(l).as_deref() == Some(old);
        if names_old && seen.insert(l.target_span) {
            edits.push(link_edit(index_text, l, new));
        }
    }
    edits
}

/// The corpus path a link names, without checking that the file exists
/// (wiki links without `.txt` get it).
pub fn link_path(link: &IndexLink) -> Option<RelPath> {
    let path = link.path().ok()?;
    if link.kind == LinkKind::Wiki && !path.to_ascii_lowercase().ends_with(".txt") {
        return Some(format!("{path}.txt"));
    }
    Some(path)
}

/// The edit that makes a link name `path`: its target replaced, in the form
/// it was written in (`./` kept, `<...>` kept, wiki `.txt` omitted when it
/// was); a wiki link that cannot carry the name becomes an inline link.
fn link_edit(index_text: &str, link: &IndexLink, path: &str) -> TextEdit {
    if link.kind == LinkKind::Wiki && !is_wiki_safe(path) {
        let title = title::title_from_path(path);
        return TextEdit { span: link.span, new_text: format!("[{title}]({})", link_destination(path)) };
    }
    TextEdit { span: link.target_span, new_text: target_text(index_text, link, path) }
}

fn target_text(index_text: &str, link: &IndexLink, path: &str) -> String {
    let written = link.target_span.slice(index_text);
    let in_angles = link.target_span.start > 0 && index_text.as_bytes().get(link.target_span.start - 1) == Some(&b'<');
    let dot = if written.starts_with("./") { "./" } else { "" };
    match link.kind {
        LinkKind::Wiki if !written.to_ascii_lowercase().ends_with(".txt") => {
            format!("{dot}{}", title::strip_txt(path))
        }
        LinkKind::Wiki => format!("{dot}{path}"),
        _ if in_angles => format!("{dot}{}", encode_for_link(path)),
        LinkKind::Bare if !is_plain_path(path) => format!("<{}>", encode_for_link(path)),
        LinkKind::Bare => format!("{dot}{path}"),
        _ => {
            let dest = link_destination(path);
            if dest.starts_with('<') { dest } else { format!("{dot}{dest}") }
        }
    }
}
