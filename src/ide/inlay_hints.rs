//! Inlay hints (off by default; the setting `inlayHints: true` turns them
//! on): each speaker turn's word count at the end of its label, and in an
//! open buffer, each topical section's theme at its start: the same themes a
//! hover shows, from the per-version cache that hovers and outlines share,
//! so scrolling does not analyse the file again.

use crate::corpus::Transcript;
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
        hints.extend(section_hints(world, &view, t, &open.text, wanted));
    }
    hints.sort_by_key(|h| h.offset);
    hints
}

/// `§ theme · ¶a-b` at the start of every topical section of a turn cut
/// into more than one.
fn section_hints(world: &World, view: &FileView, t: &Transcript, text: &str, wanted: Span) -> Vec<Hint> {
    let Some(themes) = file_themes(world, view, text, true) else { return Vec::new() };
    let mut out = Vec::new();
    for turn in 0..t.turns.len() {
        for section in themes.sections_of(turn) {
            let start = section.themes.span.start;
            if start < wanted.start || start > wanted.end {
                continue;
            }
            out.push(Hint {
                offset: start,
                label: format!("§ {}", section.themes.name_against(Some(&themes.speech))),
                padding_left: false,
                padding_right: true,
            });
        }
    }
    out
}
