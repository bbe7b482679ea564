//! The code lens on a transcript's header line: "listed in INDEX.md:12 · 3
//! speakers · 2,310 words". It shows the INDEX.md entry when clicked; an
//! unlisted transcript's lens adds it to INDEX.md instead.

use crate::corpus::text::{ColumnUnit, Span};
use crate::ide::Location;
use crate::ide::definition::index_links_to;
use crate::ide::names::thousands;
use crate::ide::speakers::person_count;
use crate::ide::world::{FileRef, World};

/// What clicking a lens does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LensAction {
    /// Show this place (the transcript's INDEX.md entry).
    Show(Location),
    /// Add the transcript to INDEX.md.
    UpdateIndex(FileRef),
    /// Nothing: the lens only informs.
    None,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lens {
    pub span: Span,
    pub title: String,
    pub action: LensAction,
}

pub fn code_lenses(world: &World, file: &FileRef) -> Vec<Lens> {
    let Some(view) = world.file(file) else { return Vec::new() };
    let Some(t) = view.analysis.transcript() else { return Vec::new() };
    let lines = &view.analysis.line_index;
    let span = t.header.as_ref().map_or(Span::new(0, lines.line_end(0)), |h| h.span);
    // Persons, not labels: "Vladimir Putin" under two labels is one speaker.
    let speakers = person_count(&view);
    let facts = format!(
        "{speakers} speaker{} · {} word{}",
        if speakers == 1 { "" } else { "s" },
        thousands(t.words),
        if t.words == 1 { "" } else { "s" }
    );
    let listed = view.corpus.as_ref().map(|cv| index_links_to(cv, &view.analysis.path));
    let has_index = view.corpus.as_ref().is_some_and(|cv| cv.corpus.index().is_some());
    let (title, action) = match listed.as_deref() {
        Some([first, ..]) => {
            let line = world.line_index(&first.file).map_or(0, |l| l.position(first.span.start, ColumnUnit::Utf8).0);
            (format!("listed in INDEX.md:{} · {facts}", line + 1), LensAction::Show(first.clone()))
        }
        Some([]) if has_index => {
            (format!("not listed in INDEX.md (add it) · {facts}"), LensAction::UpdateIndex(file.clone()))
        }
        _ => (facts, LensAction::None),
    };
    vec![Lens { span, title, action }]
}
