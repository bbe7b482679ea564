//! `workspace/symbol`: speeches (date and title), speakers, speeches by their
//! themes and key words (once the corpus themes are built), and speaker turns
//! across every corpus, matched case-insensitively: every word of the query
//! must occur in the symbol's name or its container. Results are capped so
//! that an empty query over 17,000 transcripts stays quick to send and show.

use std::collections::{HashMap, HashSet};

use tower_lsp_server::ls_types::{Location, SymbolInformation, SymbolKind};

use crate::corpus::index::IndexEntry;
use crate::corpus::model::FileAnalysis;
use crate::corpus::text::Span;
use crate::lsp::convert::PositionEncoding;
use crate::lsp::handlers::location_in;
use crate::lsp::state::{CorpusView, Snapshot};

/// At most this many symbols are returned.
pub const MAX_RESULTS: usize = 200;

pub fn handle_workspace_symbol(snap: &Snapshot, query: &str) -> Vec<SymbolInformation> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    // Every query word must occur in the (lower-cased) name or container.
    let matches =
        |name: &str, container: &str| words.iter().all(|w| name.contains(w.as_str()) || container.contains(w.as_str()));
    let mut out = Vec::new();
    let corpora: Vec<CorpusView> = snap.corpora().collect();
    // Speeches first, then speakers, then single turns: the broader symbol
    // is the likelier target, and the cap should cut the narrow ones.
    for cv in &corpora {
        let entries = listed_in(cv);
        for (file, _) in cv.corpus.transcripts() {
            let name = speech_name(&entries, file);
            if matches(&name.to_lowercase(), &file.path.to_lowercase()) {
                let span = file.transcript().and_then(|t| t.header.as_ref()).map(|h| h.span).unwrap_or_default();
                push(&mut out, cv, file, name, SymbolKind::FILE, Some(file.path.clone()), span, snap.encoding);
            }
            if out.len() >= MAX_RESULTS {
                return out;
            }
        }
    }
    for cv in &corpora {
        let mut seen: HashSet<&str> = HashSet::new();
        for (file, t) in cv.corpus.transcripts() {
            for turn in &t.turns {
                if seen.insert(turn.speaker.as_str()) && matches(&turn.speaker.to_lowercase(), "") {
                    let name = turn.speaker.clone();
                    let container = Some("speaker".to_string());
                    push(&mut out, cv, file, name, SymbolKind::CLASS, container, turn.label_span, snap.encoding);
                    if out.len() >= MAX_RESULTS {
                        return out;
                    }
                }
            }
        }
    }
    // Themes and key words: a speech whose strongest themes or most
    // distinctive words match, named after the theme or word.
    for cv in &corpora {
        let Some(view) = snap.themes.get(&cv.root) else { continue };
        let entries = listed_in(cv);
        for (file, _) in cv.corpus.transcripts() {
            let Some(topics) = view.topics.get(&file.path) else { continue };
            let span = file.transcript().and_then(|t| t.header.as_ref()).map(|h| h.span).unwrap_or_default();
            let theme = topics.themes.iter().map(|(_, label)| label).find(|l| matches(&l.to_lowercase(), ""));
            let word = topics.words.iter().find(|w| matches(&w.to_lowercase(), ""));
            let (name, kind) = match (theme, word) {
                (Some(label), _) => (format!("{label} (theme)"), SymbolKind::ENUM),
                (None, Some(word)) => (format!("{word} (key term)"), SymbolKind::STRING),
                (None, None) => continue,
            };
            let container = Some(speech_name(&entries, file));
            push(&mut out, cv, file, name, kind, container, span, snap.encoding);
            if out.len() >= MAX_RESULTS {
                return out;
            }
        }
    }
    for cv in &corpora {
        let entries = listed_in(cv);
        for (file, t) in cv.corpus.transcripts() {
            let container = speech_name(&entries, file);
            let container_lower = container.to_lowercase();
            for turn in &t.turns {
                if matches(&turn.speaker.to_lowercase(), &container_lower) {
                    let name = turn.speaker.clone();
                    let c = Some(container.clone());
                    push(&mut out, cv, file, name, SymbolKind::EVENT, c, turn.label_span, snap.encoding);
                    if out.len() >= MAX_RESULTS {
                        return out;
                    }
                }
            }
        }
    }
    out
}

/// For each transcript, the first INDEX.md entry listing it; built once per
/// query so that naming every speech does not rescan the index per file.
type ListedIn<'a> = HashMap<&'a str, &'a IndexEntry>;

fn listed_in(cv: &CorpusView) -> ListedIn<'_> {
    let Some((_, doc)) = cv.corpus.index() else { return HashMap::new() };
    // The corpus resolves every link once per state; reuse that map.
    cv.corpus
        .links_by_target()
        .iter()
        .filter_map(|(rel, links)| {
            let first = links.iter().min_by_key(|l| l.entry)?;
            Some((rel.as_str(), doc.entries.get(first.entry)?))
        })
        .collect()
}

/// "2021-03-03 Expanded meeting of the Interior Ministry Board": the date
/// from the header (or the entry) and the title from INDEX.md, falling back
/// to the file name.
fn speech_name(entries: &ListedIn, file: &FileAnalysis) -> String {
    let entry = entries.get(file.path.as_str()).copied();
    let date = file.transcript().and_then(|t| t.header.as_ref()).and_then(|h| h.date).or(entry.and_then(|e| e.date));
    let title = entry.and_then(|e| e.title.clone()).filter(|t| !t.trim().is_empty()).unwrap_or(file.path.clone());
    match date {
        Some(d) => format!("{d} {title}"),
        None => title,
    }
}

#[allow(clippy::too_many_arguments, deprecated)] // `deprecated` must be named to build the struct.
fn push(
    out: &mut Vec<SymbolInformation>,
    cv: &CorpusView,
    file: &FileAnalysis,
    name: String,
    kind: SymbolKind,
    container_name: Option<String>,
    span: Span,
    enc: PositionEncoding,
) {
    let Some(location): Option<Location> = location_in(cv, &file.path, span, enc) else { return };
    out.push(SymbolInformation { name, kind, tags: None, deprecated: None, location, container_name });
}
