//! `textDocument/completion` in INDEX.md: transcript file names after `](`,
//! `[[` and `<` (with the transcript's date and first words as detail), and
//! the `#tags` already used in the index after `#`.
//!
//! What is being completed is read from the open buffer's line up to the
//! cursor; the item replaces what was typed since the opener, so clients
//! that filter on the word under the cursor (or on the whole path) agree.

use std::collections::BTreeMap;

use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionItemLabelDetails, CompletionList, CompletionResponse,
    CompletionTextEdit, Position, Range, TextEdit, Uri,
};

use crate::corpus::index_edit::title_from_text;
use crate::corpus::paths::link_destination;
use crate::corpus::text::Span;
use crate::lsp::convert::{offset_from_proto, range_to_proto};
use crate::lsp::handlers::workspace_edit::{EditCaps, transcript_text};
use crate::lsp::state::{CorpusView, Snapshot};

/// Candidates whose first words are read from disk; past this, items show
/// only the date (reading thousands of files per keystroke is too slow).
const MAX_DETAILED: usize = 200;
/// Most items in one answer; past this the list is marked incomplete.
const MAX_ITEMS: usize = 500;
/// Words of the transcript shown as detail.
const DETAIL_WORDS: usize = 8;

/// What the cursor is completing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    /// `[title](` — a link destination.
    InlineTarget,
    /// `[[` — a wiki link, written without `.txt`.
    Wiki,
    /// `<` — an autolink; spaces are allowed inside.
    Angle,
    /// `#` — a tag.
    Tag,
}

pub fn handle_completion(snap: &Snapshot, caps: EditCaps, uri: &Uri, pos: Position) -> Option<CompletionResponse> {
    let doc = snap.documents.get(uri)?;
    doc.analysis.index()?;
    let file = snap.file(uri)?;
    let cv = file.corpus.as_ref()?;
    let text = doc.text();
    let offset = offset_from_proto(&file.analysis.line_index, pos, snap.encoding);
    let line_start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let prefix = text.get(line_start..offset)?;
    let (context, typed_from) = context_of(prefix)?;
    let typed = &prefix[typed_from..];
    let range = range_to_proto(&file.analysis.line_index, Span::new(line_start + typed_from, offset), snap.encoding);
    let mut items = match context {
        Context::Tag => tag_items(cv, range),
        _ => file_items(snap, cv, context, typed, range, caps),
    };
    if items.len() <= MAX_ITEMS {
        return Some(CompletionResponse::Array(items));
    }
    // A corpus of thousands: the newest first, and the client asks again
    // as the user types more.
    items.sort_by(|a, b| a.sort_text.cmp(&b.sort_text));
    items.truncate(MAX_ITEMS);
    Some(CompletionResponse::List(CompletionList { is_incomplete: true, items }))
}

/// The context at the end of `prefix` and where the typed part starts.
fn context_of(prefix: &str) -> Option<(Context, usize)> {
    let opener = |open: &str, close: &str| -> Option<usize> {
        let at = prefix.rfind(open)?;
        let after = at + open.len();
        (!prefix[after..].contains(close)).then_some(after)
    };
    let candidates = [
        opener("](", ")").map(|i| (Context::InlineTarget, i)),
        opener("[[", "]]").map(|i| (Context::Wiki, i)),
        opener("<", ">").filter(|&i| i < 2 || !prefix[..i - 1].ends_with("<!-")).map(|i| (Context::Angle, i)),
        tag_start(prefix).map(|i| (Context::Tag, i)),
    ];
    // The opener nearest the cursor wins: `[a](x) #t` completes a tag.
    candidates.into_iter().flatten().max_by_key(|&(_, i)| i)
}

/// After `#` at the start of a word, on a line that is not a heading.
fn tag_start(prefix: &str) -> Option<usize> {
    let word_start = prefix.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let word = &prefix[word_start..];
    let before = prefix[..word_start].trim();
    let is_heading = !before.is_empty() && before.chars().all(|c| c == '#');
    (word.starts_with('#') && !word[1..].contains('#') && !is_heading).then_some(word_start)
}

fn file_items(
    snap: &Snapshot,
    cv: &CorpusView,
    context: Context,
    typed: &str,
    range: Range,
    caps: EditCaps,
) -> Vec<CompletionItem> {
    let typed_lower = typed.trim_start_matches("./").to_lowercase();
    let mut candidates: Vec<_> =
        cv.corpus.transcripts().filter(|(f, _)| f.path.to_lowercase().contains(&typed_lower)).collect();
    // Newest first, so that the transcripts whose first words are read are
    // the ones shown at the top.
    candidates.sort_by(|(fa, ta), (fb, tb)| {
        let date = |t: &crate::corpus::Transcript| t.header.as_ref().and_then(|h| h.date);
        date(tb).cmp(&date(ta)).then_with(|| fa.path.cmp(&fb.path))
    });
    let mut detailed = 0;
    candidates
        .into_iter()
        .map(|(f, t)| {
            let date = t.header.as_ref().and_then(|h| h.date).map(|d| d.to_string());
            let words = (detailed < MAX_DETAILED).then(|| {
                detailed += 1;
                transcript_text(snap, cv, &f.path).and_then(|text| title_from_text(t, &text)).map(|s| first_words(&s))
            });
            let detail = [date.clone(), words.flatten()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
            let insert = match context {
                Context::Wiki => f.path.strip_suffix(".txt").unwrap_or(&f.path).to_string(),
                Context::Angle => f.path.clone(),
                _ => link_destination(&f.path),
            };
            CompletionItem {
                label: f.path.clone(),
                kind: Some(CompletionItemKind::FILE),
                label_details: caps
                    .label_details
                    .then(|| CompletionItemLabelDetails { detail: None, description: date.clone() }),
                detail: (!detail.is_empty()).then_some(detail),
                // Newest first, like most indexes are read.
                sort_text: Some(format!("{}|{}", date.map_or("0".to_string(), |d| invert_digits(&d)), f.path)),
                filter_text: Some(insert.clone()),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit { range, new_text: insert })),
                ..Default::default()
            }
        })
        .collect()
}

fn tag_items(cv: &CorpusView, range: Range) -> Vec<CompletionItem> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    if let Some((_, doc)) = cv.corpus.index() {
        for tag in doc.entries.iter().flat_map(|e| e.tags.iter()) {
            *counts.entry(tag.name.clone()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .map(|(name, n)| CompletionItem {
            label: format!("#{name}"),
            kind: Some(CompletionItemKind::KEYWORD),
            detail: Some(format!("used by {n} entr{}", if n == 1 { "y" } else { "ies" })),
            filter_text: Some(format!("#{name}")),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit { range, new_text: format!("#{name}") })),
            ..Default::default()
        })
        .collect()
}

fn first_words(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut out = words.iter().take(DETAIL_WORDS).copied().collect::<Vec<_>>().join(" ");
    if words.len() > DETAIL_WORDS {
        out.push('…');
    }
    out
}

/// `2021-03-03` -> digits subtracted from 9, so that a plain string sort
/// puts later dates first.
fn invert_digits(date: &str) -> String {
    date.chars().map(|c| c.to_digit(10).and_then(|d| char::from_digit(9 - d, 10)).unwrap_or(c)).collect()
}
