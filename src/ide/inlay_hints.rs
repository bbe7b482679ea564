//! Inlay hints (off by default; the setting `inlayHints: true` turns them
//! on): each speaker turn's word count at the end of its label, and in an
//! open buffer, each topical section's theme at its start: the same themes a
//! hover shows, from the per-version cache that hovers and outlines share,
//! so scrolling does not analyse the file again.
//!
//! VS Code gives the hints of one line a shared budget of 43 characters
//! (`editor.inlayHints.maximumLength`) and cuts what comes after it to "…".
//! So a turn's label line carries only its word count (its first section
//! starts there too, and the outline names it), and a section's hint is its
//! theme alone, shortened to fit.

use crate::corpus::text::Span;
use crate::ide::names::thousands;
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
    let mut hints: Vec<Hint> = t
        .turns
        .iter()
        .filter(|turn| turn.label_span.end >= wanted.start && turn.label_span.end <= wanted.end)
        .map(|turn| Hint {
            offset: turn.label_span.end,
            label: format!("{} words", thousands(turn.words)),
            padding_left: true,
            padding_right: true,
        })
        .collect();
    if let Some(open) = world.open.get(file) {
        hints.extend(section_hints(world, &view, &open.text, wanted));
    }
    hints.sort_by_key(|h| h.offset);
    hints
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
