//! Inlay hints (off by default; the setting `inlayHints: true` turns them
//! on): each speaker turn's word count at the end of its label, with the
//! speaker's share of the speech's words at their first turn when two people
//! or more speak (a person's, whatever their labels: "President of Russia
//! Vladimir Putin" and "Vladimir Putin" are one share), and in an open buffer, each topical section's theme at its start: the same themes a
//! hover shows, from the per-version cache that hovers and outlines share,
//! so scrolling does not analyse the file again.
//!
//! VS Code gives the hints of one line a shared budget of 43 characters
//! (`editor.inlayHints.maximumLength`) and cuts what comes after it to "…".
//! So a turn's label line carries only its word count (its first section
//! starts there too, and the outline names it), and a section's hint is its
//! theme alone, shortened to fit.

use crate::corpus::Transcript;
use crate::corpus::speakers::PersonId;
use crate::corpus::text::Span;
use crate::ide::names::thousands;
use crate::ide::speakers::persons_of;
use crate::ide::themes::file_themes;
use crate::ide::world::{FileRef, FileView, World};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub offset: usize,
    pub label: String,
    pub padding_left: bool,
    pub padding_right: bool,
}

/// The hints whose place lies inside `wanted`, in text order.
pub fn inlay_hints(world: &World, file: &FileRef, wanted: Span) -> Vec<Hint> {
    let Some(view) = world.file(file) else { return Vec::new() };
    let Some(t) = view.analysis.transcript() else { return Vec::new() };
    let shares = first_turn_shares(&view, t);
    let mut hints: Vec<Hint> = t
        .turns
        .iter()
        .enumerate()
        .filter(|(_, turn)| turn.label_span.end >= wanted.start && turn.label_span.end <= wanted.end)
        .map(|(i, turn)| {
            let words = format!("{} words", thousands(turn.words));
            let label = match shares.get(i).copied().flatten() {
                Some(percent) => format!("{words} · {percent}% of the speech"),
                None => words,
            };
            Hint { offset: turn.label_span.end, label, padding_left: true, padding_right: true }
        })
        .collect();
    if let Some(open) = world.open.get(file) {
        hints.extend(section_hints(world, &view, &open.text, wanted));
    }
    hints.sort_by_key(|h| h.offset);
    hints
}

/// Per turn, the share (in per cent of the turns' words) of its person when
/// it is that person's first turn and two persons or more speak. A label
/// no person is known for counts as a person of its own.
fn first_turn_shares(view: &FileView, t: &Transcript) -> Vec<Option<usize>> {
    let Some(persons) = persons_of(view) else { return Vec::new() };
    let labels = persons.index().labels_of(&view.analysis.path);
    let who = |label: &str| labels.iter().find(|(l, _)| l == label).map_or(Err(label.to_string()), |(_, id)| Ok(*id));
    let turns: Vec<Result<PersonId, String>> = t.turns.iter().map(|turn| who(&turn.speaker)).collect();
    let mut words: Vec<(&Result<PersonId, String>, usize)> = Vec::new();
    for (person, turn) in turns.iter().zip(&t.turns) {
        match words.iter_mut().find(|(p, _)| *p == person) {
            Some((_, w)) => *w += turn.words,
            None => words.push((person, turn.words)),
        }
    }
    let total: usize = t.turns.iter().map(|turn| turn.words).sum();
    if words.len() < 2 || total == 0 {
        return Vec::new();
    }
    let mut seen: Vec<&Result<PersonId, String>> = Vec::new();
    turns
        .iter()
        .map(|person| {
            if seen.contains(&person) {
                return None;
            }
            seen.push(person);
            let w = words.iter().find(|(p, _)| *p == person).map_or(0, |(_, w)| *w);
            Some((w * 100 + total / 2) / total)
        })
        .collect()
}

/// The most characters the hints of one line may take (VS Code's default budget).
pub const LINE_BUDGET: usize = 43;

/// `§ theme` at the start of every topical section of a stretch (a turn, a
/// monologue) cut into more than one, but the first (a turn's word count is
/// on that line).
fn section_hints(world: &World, view: &FileView, text: &str, wanted: Span) -> Vec<Hint> {
    let Some(themes) = file_themes(world, view, text, true) else { return Vec::new() };
    let mut out = Vec::new();
    for (i, section) in themes.sections.iter().enumerate() {
        let first_of_stretch = i == 0 || themes.sections[i - 1].owner != section.owner;
        if first_of_stretch || themes.sections_of(section.owner).next().is_none() {
            continue;
        }
        let start = section.themes.span.start;
        if start < wanted.start || start > wanted.end {
            continue;
        }
        let label = shortened(&format!("§ {}", section.themes.topic_against(Some(&themes.speech))), LINE_BUDGET);
        out.push(Hint { offset: start, label, padding_left: false, padding_right: true });
    }
    out
}

/// `label` cut at a word boundary to at most `max` characters, with "…".
fn shortened(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        return label.to_string();
    }
    let mut out = String::new();
    for word in label.split(' ') {
        if out.chars().count() + word.chars().count() + 2 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.trim_end_matches([',', ' ']).to_string() + "…"
}
