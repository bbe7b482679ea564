//! Completion in INDEX.md: transcript file names after `](`, `[[` and `<`
//! (with the transcript's date and first words as detail), and the `#tags`
//! already used in the index after `#`. In a transcript, at the start of a
//! line: the names of the corpus's persons, most turns first, each with a
//! colon, so that a new turn starts with a known name.
//!
//! What is being completed is read from the open buffer's line up to the
//! cursor; the item replaces what was typed since the opener, so clients
//! that filter on the word under the cursor (or on the whole path) agree.

use std::collections::BTreeMap;

use crate::corpus::index_edit::title_from_text;
use crate::corpus::paths::link_destination;
use crate::corpus::text::Span;
use crate::corpus::transcript::Transcript;
use crate::ide::world::{CorpusView, FileRef, World};

/// Candidates whose first words are read from disk; past this, items show
/// only the date (reading thousands of files per keystroke is too slow).
const MAX_DETAILED: usize = 200;
/// Most items in one answer; past this the list is marked incomplete.
const MAX_ITEMS: usize = 500;
/// Words of the transcript shown as detail.
const DETAIL_WORDS: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    File,
    Tag,
    /// A known person's name, at the start of a turn line in a transcript.
    Speaker,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    /// The date and first words of a transcript; a tag's use count.
    pub detail: Option<String>,
    /// A short note beside the label (a transcript's date).
    pub description: Option<String>,
    pub sort_text: Option<String>,
    pub filter_text: String,
    /// What the item replaces (what was typed since the opener) and the text it puts there.
    pub replace: Span,
    pub insert: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Completions {
    pub items: Vec<CompletionItem>,
    /// More items match than are given: the client should ask again as the user types.
    pub incomplete: bool,
}

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

pub fn completion(world: &World, file: &FileRef, offset: usize) -> Option<Completions> {
    let open = world.open.get(file)?;
    if open.analysis.transcript().is_some() {
        return speaker_completion(world, file, offset);
    }
    open.analysis.index()?;
    let view = world.file(file)?;
    let cv = view.corpus.as_ref()?;
    let text = &open.text;
    let line_start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let prefix = text.get(line_start..offset)?;
    let (context, typed_from) = context_of(prefix)?;
    let typed = &prefix[typed_from..];
    let replace = Span::new(line_start + typed_from, offset);
    let mut items = match context {
        Context::Tag => tag_items(cv, replace),
        _ => file_items(world, cv, context, typed, replace),
    };
    if items.len() <= MAX_ITEMS {
        return Some(Completions { items, incomplete: false });
    }
    // A corpus of thousands: the newest first, and the client asks again
    // as the user types more.
    items.sort_by(|a, b| a.sort_text.cmp(&b.sort_text));
    items.truncate(MAX_ITEMS);
    Some(Completions { items, incomplete: true })
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

fn file_items(world: &World, cv: &CorpusView, context: Context, typed: &str, replace: Span) -> Vec<CompletionItem> {
    let typed_lower = typed.trim_start_matches("./").to_lowercase();
    let mut candidates: Vec<_> =
        cv.corpus.transcripts().filter(|(f, _)| f.path.to_lowercase().contains(&typed_lower)).collect();
    // Newest first, so that the transcripts whose first words are read are
    // the ones shown at the top.
    let date = |t: &Transcript| t.header.as_ref().and_then(|h| h.date);
    candidates.sort_by(|(fa, ta), (fb, tb)| date(tb).cmp(&date(ta)).then_with(|| fa.path.cmp(&fb.path)));
    let mut detailed = 0;
    candidates
        .into_iter()
        .map(|(f, t)| {
            let date = date(t).map(|d| d.to_string());
            let words = (detailed < MAX_DETAILED).then(|| {
                detailed += 1;
                world.corpus_text(cv, &f.path).and_then(|text| title_from_text(t, &text)).map(|s| first_words(&s))
            });
            let detail = [date.clone(), words.flatten()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
            let insert = match context {
                Context::Wiki => f.path.strip_suffix(".txt").unwrap_or(&f.path).to_string(),
                Context::Angle => f.path.clone(),
                _ => link_destination(&f.path),
            };
            CompletionItem {
                label: f.path.clone(),
                kind: CompletionKind::File,
                detail: (!detail.is_empty()).then_some(detail),
                // Newest first, like most indexes are read.
                sort_text: Some(format!("{}|{}", date.as_deref().map_or("0".to_string(), invert_digits), f.path)),
                description: date,
                filter_text: insert.clone(),
                replace,
                insert,
            }
        })
        .collect()
}

fn tag_items(cv: &CorpusView, replace: Span) -> Vec<CompletionItem> {
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
            kind: CompletionKind::Tag,
            detail: Some(format!("used by {n} entr{}", if n == 1 { "y" } else { "ies" })),
            description: None,
            sort_text: None,
            filter_text: format!("#{name}"),
            replace,
            insert: format!("#{name}"),
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

/// Known persons' names at the start of a line of a transcript: what was
/// typed there (no colon yet) is replaced by `Name: `.
fn speaker_completion(world: &World, file: &FileRef, offset: usize) -> Option<Completions> {
    let open = world.open.get(file)?;
    let view = world.file(file)?;
    let text = &open.text;
    let line_start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let typed = text.get(line_start..offset)?;
    if typed.contains(':') || typed.chars().count() > 60 || typed.starts_with(char::is_whitespace) {
        return None;
    }
    let persons = crate::ide::speakers::persons_of(&view)?;
    let index = persons.index();
    let lower = typed.to_lowercase();
    let mut named: Vec<&crate::corpus::speakers::Person> = index
        .persons
        .iter()
        .filter(|p| p.kind == crate::corpus::speakers::PersonKind::Named)
        .filter(|p| {
            lower.is_empty()
                || p.name.to_lowercase().contains(&lower)
                || p.aliases.iter().any(|a| a.to_lowercase().starts_with(&lower))
        })
        .collect();
    named.sort_by(|a, b| b.turns.cmp(&a.turns).then_with(|| a.name.cmp(&b.name)));
    let incomplete = named.len() > MAX_ITEMS;
    let replace = Span::new(line_start, offset);
    let items = named
        .into_iter()
        .take(MAX_ITEMS)
        .enumerate()
        .map(|(i, p)| CompletionItem {
            label: p.name.clone(),
            kind: CompletionKind::Speaker,
            detail: Some(format!("{} turns", p.turns)),
            description: None,
            sort_text: Some(format!("{i:05}")),
            filter_text: p.name.clone(),
            replace,
            insert: format!("{}: ", p.name),
        })
        .collect();
    Some(Completions { items, incomplete })
}
