//! Workspace symbols: speeches (date and title), speakers (persons, found by
//! any alias and named by their canonical name), speeches by their
//! themes and key words (once the corpus themes are built), and speaker turns
//! across every corpus, matched case-insensitively: every word of the query
//! must occur in the symbol's name or its container. Results are capped so
//! that an empty query over 17,000 transcripts stays quick to send and show.

use std::collections::HashSet;
use std::sync::Arc;

use crate::corpus::model::{FileAnalysis, Listing};
use crate::corpus::search::{Query, WordMask};
use crate::corpus::speakers::PersonId;
use crate::corpus::text::Span;
use crate::corpus::transcript::Transcript;
use crate::ide::Location;
use crate::ide::world::{CorpusView, World};

/// What a symbol is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolKind {
    /// A speech, at its header line.
    Speech,
    /// A speaker, at the label of their first turn found.
    Speaker,
    /// A speech found by one of its themes.
    Theme,
    /// A speech found by one of its key terms.
    KeyTerm,
    /// One speaker turn.
    Turn,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub kind: SymbolKind,
    /// What holds the symbol: the speech's name, "speaker", or the file.
    pub container: Option<String>,
    pub location: Location,
}

/// At most this many symbols are returned.
pub const MAX_RESULTS: usize = 200;

pub fn workspace_symbols(world: &World, query: &str) -> Vec<Symbol> {
    let query = Query::new(query);
    let mut out = Vec::new();
    // Each speech's name is tested once and the answer reused by every
    // section below (its turns take the speech's name as their container).
    let views: Vec<CorpusView> = world.corpora().collect();
    let corpora: Vec<(&CorpusView, Vec<Speech>)> = views
        .iter()
        .map(|cv| {
            let speeches = cv
                .corpus
                .transcripts_listed()
                .map(|(file, t, listing)| (file, t, speech_mask(&query, file, listing)))
                .collect();
            (cv, speeches)
        })
        .collect();
    // Speeches first, then speakers, then single turns: the broader symbol
    // is the likelier target, and the cap should cut the narrow ones.
    for (cv, speeches) in &corpora {
        for &(file, _, name_mask) in speeches {
            if query.complete(name_mask | query.mask_lower(&file.names.path_lower)) {
                let name = speech_name(cv, file);
                push(&mut out, cv, file, name, SymbolKind::Speech, Some(file.path.clone()), header_span(file));
                if out.len() >= MAX_RESULTS {
                    return out;
                }
            }
        }
    }
    // Each distinct speaker of each speech is tested once, here; the masks
    // are kept (in one list per corpus) for the single turns below.
    // A speaker is a person (`corpus::speakers`): found by any alias, named
    // by its canonical name, listed once.
    let mut speaker_masks: Vec<SpeakerMasks> = Vec::with_capacity(corpora.len());
    for (cv, speeches) in &corpora {
        let persons = cv.corpus.persons();
        let mut seen: HashSet<PersonId> = HashSet::new();
        let mut seen_labels: HashSet<&str> = HashSet::new();
        let mut kept = SpeakerMasks { masks: Vec::new(), ends: Vec::with_capacity(speeches.len()) };
        for &(file, t, _) in speeches {
            let start = kept.masks.len();
            kept.masks.extend(file.names.speakers_lower.iter().map(|s| query.mask_lower(s)));
            kept.ends.push(kept.masks.len());
            for (&mask, &first) in kept.masks[start..].iter().zip(&file.names.first_turn) {
                let Some(turn) = t.turns.get(first as usize) else { continue };
                if !query.complete(mask) {
                    continue;
                }
                let person = persons.person_of(&file.path, &turn.speaker);
                let new = match person {
                    Some(id) => seen.insert(id),
                    None => seen_labels.insert(turn.speaker.as_str()),
                };
                if new {
                    let name =
                        person.and_then(|id| persons.person(id)).map_or(turn.speaker.clone(), |p| p.name.clone());
                    let container = Some("speaker".to_string());
                    push(&mut out, cv, file, name, SymbolKind::Speaker, container, turn.label_span);
                    if out.len() >= MAX_RESULTS {
                        return out;
                    }
                }
            }
        }
        // Registered persons are found by their name too, which may be no
        // label (a diarisation id named in speakers.toml).
        for (id, person) in persons.persons.iter().enumerate() {
            let id = id as PersonId;
            if person.registry.is_none() || seen.contains(&id) || !query.complete(query.mask(&person.name)) {
                continue;
            }
            let Some(path) = persons.files_of(id).next() else { continue };
            let Some(file) = cv.corpus.get(path) else { continue };
            let Some(turn) = file
                .transcript()
                .and_then(|t| t.turns.iter().find(|turn| persons.person_of(path, &turn.speaker) == Some(id)))
            else {
                continue;
            };
            seen.insert(id);
            push(
                &mut out,
                cv,
                file,
                person.name.clone(),
                SymbolKind::Speaker,
                Some("speaker".to_string()),
                turn.label_span,
            );
            if out.len() >= MAX_RESULTS {
                return out;
            }
        }
        speaker_masks.push(kept);
    }
    // Themes and key words: a speech whose strongest themes or most
    // distinctive words match, named after the theme or word.
    for (cv, _) in &corpora {
        let Some(view) = world.themes.get(&cv.root) else { continue };
        // In path order, like every other section. One pass over all the
        // speeches' names together picks the few that may match; only those
        // are looked at name by name.
        let found = view.topics_text.iter().filter(|(_, names)| query.complete(query.mask_lower(names))).filter_map(
            |(path, _)| {
                let topics = view.topics.get(path)?;
                let matching = |names: &[String]| names.iter().position(|n| query.complete(query.mask_lower(n)));
                if let Some(i) = matching(&topics.themes_lower) {
                    let (_, label) = topics.themes.get(i)?;
                    return Some((path, format!("{label} (theme)"), SymbolKind::Theme));
                }
                let word = topics.words.get(matching(&topics.words_lower)?)?;
                Some((path, format!("{word} (key term)"), SymbolKind::KeyTerm))
            },
        );
        for (path, name, kind) in found {
            let Some(file) = cv.corpus.get(path) else { continue };
            let container = Some(speech_name(cv, file));
            push(&mut out, cv, file, name, kind, container, header_span(file));
            if out.len() >= MAX_RESULTS {
                return out;
            }
        }
    }
    for ((cv, speeches), kept) in corpora.iter().zip(&speaker_masks) {
        for (i, &(file, t, container)) in speeches.iter().enumerate() {
            if t.turns.is_empty() {
                continue;
            }
            let speakers = kept.of_speech(i);
            if !speakers.iter().any(|&m| query.complete(m | container)) {
                continue;
            }
            let container_name = speech_name(cv, file);
            for (turn, &speaker) in t.turns.iter().zip(&file.names.turn_speaker) {
                if speakers.get(speaker as usize).is_some_and(|&m| query.complete(m | container)) {
                    let c = Some(container_name.clone());
                    push(&mut out, cv, file, turn.speaker.clone(), SymbolKind::Turn, c, turn.label_span);
                    if out.len() >= MAX_RESULTS {
                        return out;
                    }
                }
            }
        }
    }
    out
}

/// A speech of a corpus, and which query words its name holds.
type Speech<'a> = (&'a Arc<FileAnalysis>, &'a Transcript, WordMask);

/// Which query words each distinct speaker of each speech of a corpus
/// holds, in one list (no allocation per speech).
struct SpeakerMasks {
    masks: Vec<WordMask>,
    /// Where each speech's masks end in `masks`, in speech order.
    ends: Vec<usize>,
}

impl SpeakerMasks {
    fn of_speech(&self, i: usize) -> &[WordMask] {
        let start = if i == 0 { 0 } else { self.ends.get(i - 1).copied().unwrap_or(0) };
        let end = self.ends.get(i).copied().unwrap_or(start);
        self.masks.get(start..end).unwrap_or_default()
    }
}

fn header_span(file: &FileAnalysis) -> Span {
    file.transcript().and_then(|t| t.header.as_ref()).map(|h| h.span).unwrap_or_default()
}

/// Which query words a speech's name holds: its date, and its INDEX.md
/// title (the file name when it has none).
fn speech_mask(query: &Query, file: &FileAnalysis, listing: Option<&Listing>) -> WordMask {
    let title = match listing.and_then(|l| l.title_lower.as_deref()) {
        Some(title) => query.mask_lower(title),
        None => query.mask_lower(&file.names.path_lower),
    };
    let date = if !query.may_name_a_date() {
        0
    } else {
        // The header's date, else the entry's: both written out once, ahead.
        let date = file.names.date.as_deref().or(listing.and_then(|l| l.date.as_deref()));
        date.map_or(0, |d| query.mask_lower(d))
    };
    title | date
}

fn speech_date(cv: &CorpusView, file: &FileAnalysis, entry: Option<usize>) -> Option<crate::corpus::Date> {
    let header = file.transcript().and_then(|t| t.header.as_ref()).and_then(|h| h.date);
    header.or_else(|| {
        let (_, doc) = cv.corpus.index()?;
        doc.entries.get(entry?)?.date
    })
}

/// "2021-03-03 Expanded meeting of the Interior Ministry Board": the date
/// from the header (or the entry) and the title from INDEX.md, falling back
/// to the file name. Only for the symbols returned, so a lookup is fine.
fn speech_name(cv: &CorpusView, file: &FileAnalysis) -> String {
    let first = cv.corpus.first_entry(&file.path);
    let entry = first.and_then(|e| cv.corpus.index()?.1.entries.get(e));
    let title = entry.and_then(|e| e.title.clone()).filter(|t| !t.trim().is_empty()).unwrap_or(file.path.clone());
    match speech_date(cv, file, first) {
        Some(d) => format!("{d} {title}"),
        None => title,
    }
}

fn push(
    out: &mut Vec<Symbol>,
    cv: &CorpusView,
    file: &FileAnalysis,
    name: String,
    kind: SymbolKind,
    container: Option<String>,
    span: Span,
) {
    out.push(Symbol { name, kind, container, location: Location::in_corpus(cv, &file.path, span) });
}
