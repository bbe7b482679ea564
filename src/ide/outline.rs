//! The outline of a file (what `documentSymbol` shows and `speech-ls
//! outline` prints): the structure from `corpus::outline` with the topical
//! sections of long turns added as the turns' children.
//!
//! Sections need the theme analysis. For a file up to `SECTIONS_INLINE_WORDS`
//! words they are computed with the outline; a longer one's editor outline
//! has none (they cost more than an outline request may take), unless the
//! caller asks for them in full. Never "once a hover has computed them": the
//! same text reopened would then show a different outline (issue 16).
//!
//! A turn keeps its label as written; when the label is not the person's
//! canonical name ("President of Russia Vladimir Putin"), its detail starts
//! with that name ("Vladimir Putin · 120 words").

use std::sync::Arc;

use crate::corpus::FileKind;
use crate::corpus::outline::{OutlineKind, OutlineNode, index_outline, transcript_outline};
use crate::corpus::text::Span;
use crate::corpus::themes::analysis::{FileThemes, Section};
use crate::corpus::themes::stretches::Owner;
use crate::corpus::transcript::Transcript;
use crate::ide::speakers::persons_of;
use crate::ide::themes::{cached_sections, file_themes};
use crate::ide::world::{FileRef, FileView, World};

/// Above this many words, an editor's outline shows no sections.
pub const SECTIONS_INLINE_WORDS: usize = 20_000;

/// How much work an outline may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sections {
    /// Compute sections for files up to `SECTIONS_INLINE_WORDS` words, else
    /// none (the editor's outline).
    Editor,
    /// Compute sections whatever the file's length (the command line).
    Always,
}

/// The outline of `file`; `None` when the world does not know it.
pub fn outline(world: &World, file: &FileRef, sections: Sections) -> Option<Vec<OutlineNode>> {
    let view = world.file(file)?;
    // The text is needed only to quote the lead; an outline whose text is
    // not at hand (the file changed on disk since) is made from spans alone.
    let text = world.text(&view).unwrap_or_else(|| Arc::from(""));
    let nodes = match &view.analysis.kind {
        FileKind::Transcript(t) => {
            let mut nodes = transcript_outline(t, &text);
            name_persons(&mut nodes, &view, t);
            if let Some(themes) = sections_for(world, &view, t, &text, sections) {
                attach_sections(&mut nodes, t, &themes);
            }
            nodes
        }
        FileKind::Index(d) => index_outline(d, &text),
        FileKind::Registry(_) => Vec::new(),
    };
    Some(nodes)
}

/// Puts each turn's person's canonical name in front of its detail when
/// the label says something else.
fn name_persons(nodes: &mut [OutlineNode], view: &FileView, t: &Transcript) {
    let Some(persons) = persons_of(view) else { return };
    let index = persons.index();
    let path = view.analysis.path.as_str();
    let mut stack: Vec<&mut OutlineNode> = nodes.iter_mut().collect();
    while let Some(node) = stack.pop() {
        if node.kind == OutlineKind::Turn
            && let Ok(at) = t.turns.binary_search_by_key(&node.span.start, |turn| turn.span.start)
            && let Some(turn) = t.turns.get(at)
            && let Some(person) = index.person_of(path, &turn.speaker).and_then(|id| index.person(id))
            && person.name != turn.speaker
        {
            node.detail = Some(match node.detail.take() {
                Some(detail) => format!("{} · {detail}", person.name),
                None => person.name.clone(),
            });
        }
        stack.extend(node.children.iter_mut());
    }
}

/// True when the outline of `file` needs neither the disk nor a theme
/// analysis nor a build of its corpus's person index (an open INDEX.md, an
/// open transcript whose sections are cached or not computed inline): it
/// then costs well under a millisecond, and the server answers it without a
/// hop to a blocking thread.
pub fn is_light(world: &World, file: &FileRef) -> bool {
    let Some(view) = world.file(file) else { return true };
    if world.open.get(file).is_none() {
        return false;
    }
    if view.analysis.transcript().is_some() && view.corpus.as_ref().is_some_and(|cv| !cv.corpus.persons_ready()) {
        return false;
    }
    match view.analysis.transcript() {
        None => true,
        Some(t) => t.words > SECTIONS_INLINE_WORDS || cached_sections(world, &view).is_some(),
    }
}

/// The file's topical sections: cached for this version, or computed now
/// when allowed and the text is at hand.
fn sections_for(
    world: &World,
    view: &FileView,
    t: &Transcript,
    text: &str,
    sections: Sections,
) -> Option<Arc<FileThemes>> {
    // reliability: the length test comes first, so that a long file's outline never depends on
    // whether a hover happened to cache its sections (the same text reopened showed none).
    if sections == Sections::Editor && t.words > SECTIONS_INLINE_WORDS {
        return None;
    }
    if let Some(cached) = cached_sections(world, view) {
        return Some(cached);
    }
    if text.len() != view.analysis.line_index.len() {
        return None;
    }
    file_themes(world, view, text, true)
}

/// Adds each cut stretch's topical sections to an outline as the children
/// of its node: a turn's to the turn, a monologue's to the lead, a part
/// without turns' to the part.
pub fn attach_sections(nodes: &mut Vec<OutlineNode>, transcript: &Transcript, themes: &FileThemes) {
    let mut parts = 0;
    attach_in(nodes, transcript, themes, &mut parts);
    // A single untitled part is not shown (its turns are at the top level):
    // when it has no turns, its sections go at the top level too.
    if transcript.parts.len() == 1 && transcript.parts[0].title.is_none() && transcript.parts[0].turns.is_empty() {
        nodes.extend(themes.sections_of(Owner::Part(0)).map(|s| section_node(s, transcript, themes)));
    }
}

fn attach_in(nodes: &mut [OutlineNode], transcript: &Transcript, themes: &FileThemes, parts: &mut usize) {
    for node in nodes.iter_mut() {
        let owner = match node.kind {
            OutlineKind::Turn => transcript.turns.iter().position(|t| t.span == node.span).map(Owner::Turn),
            OutlineKind::Lead => Some(Owner::Lead),
            OutlineKind::Part => {
                *parts += 1;
                Some(Owner::Part(*parts - 1))
            }
            _ => None,
        };
        if let Some(owner) = owner {
            node.children.extend(themes.sections_of(owner).map(|s| section_node(s, transcript, themes)));
        }
        if node.kind != OutlineKind::Section {
            attach_in(&mut node.children, transcript, themes, parts);
        }
    }
}

fn section_node(section: &Section, transcript: &Transcript, themes: &FileThemes) -> OutlineNode {
    let region = &section.themes;
    let terms: Vec<&str> = region.key_terms.iter().take(3).map(|k| k.text.as_str()).collect();
    let first = transcript.paragraphs.get(region.paragraphs.start).map(|p| p.span).unwrap_or(region.span);
    OutlineNode {
        kind: OutlineKind::Section,
        name: region.name_against(Some(&themes.speech)),
        detail: Some(terms.join(", ")),
        span: region.span,
        selection: Span::new(first.start, first.end.min(region.span.end)),
        children: Vec::new(),
    }
}
