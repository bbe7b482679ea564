//! Folding: a transcript folds by its lead, parts, speaker turns and the
//! topical sections of long turns (cut by `themes::segment`, about 10 ms for
//! a 40,000-word transcript in a release build; only for open buffers, and
//! given up between turns when the buffer changes or the request is
//! cancelled); INDEX.md folds by its headings' sections.

use crate::corpus::text::{ColumnUnit, LineIndex, Span};
use crate::corpus::themes::analysis::VOCABULARY;
use crate::corpus::themes::segment::{SectionOptions, sections_of_stretch};
use crate::corpus::{FileKind, Transcript};
use crate::ide::cancel::Watch;
use crate::ide::world::{FileRef, World};

/// A fold from one line to another (0-based, both included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Fold {
    pub start_line: usize,
    pub end_line: usize,
}

pub fn folding_ranges(world: &World, file: &FileRef) -> Vec<Fold> {
    let Some(view) = world.file(file) else { return Vec::new() };
    let lines = &view.analysis.line_index;
    let spans: Vec<Span> = match &view.analysis.kind {
        FileKind::Transcript(t) => {
            let lead = t.lead.as_ref().and_then(|r| {
                let first = t.paragraphs.get(r.start)?;
                let last = t.paragraphs.get(r.end.checked_sub(1)?)?;
                Some(Span::new(first.span.start, last.span.end))
            });
            let sections = world
                .open
                .get(file)
                .map(|d| topical_sections(t, &d.text, &Watch::current(Some(d.edits.clone()))))
                .unwrap_or_default();
            lead.into_iter()
                .chain(t.parts.iter().map(|p| p.span))
                .chain(t.turns.iter().map(|t| t.span))
                .chain(sections)
                .collect()
        }
        FileKind::Index(doc) => doc.headings.iter().map(|h| h.section).collect(),
        FileKind::Registry(_) => Vec::new(),
    };
    let mut out: Vec<Fold> = spans.into_iter().filter_map(|s| fold(lines, s)).collect();
    out.sort_by_key(|f| (f.start_line, std::cmp::Reverse(f.end_line)));
    // A part made of one turn folds the same lines twice: once is enough.
    out.dedup();
    out
}

/// The spans of the topical sections of every turn cut into more than one.
/// Stops between turns when `watch` says so, with the reason recorded on
/// the request (which then answers with an error, not with these spans).
fn topical_sections(t: &Transcript, text: &str, watch: &Watch) -> Vec<Span> {
    let mut out = Vec::new();
    for turn in &t.turns {
        if watch.record_stop().is_some() {
            return out;
        }
        let Some(paragraphs) = t.paragraphs.get(turn.paragraphs.clone()) else { continue };
        let spans: Vec<Span> = paragraphs.iter().map(|p| p.span).collect();
        let sections = sections_of_stretch(text, &spans, &VOCABULARY, &SectionOptions::default());
        if sections.len() < 2 {
            continue;
        }
        for range in sections {
            if let (Some(first), Some(last)) =
                (spans.get(range.start), range.end.checked_sub(1).and_then(|i| spans.get(i)))
            {
                out.push(Span::new(first.start, last.end));
            }
        }
    }
    out
}

/// The lines of `span`, ignoring a trailing line break; `None` for one line.
fn fold(lines: &LineIndex, span: Span) -> Option<Fold> {
    let start = lines.position(span.start, ColumnUnit::Utf8).0;
    let (mut end, col) = lines.position(span.end, ColumnUnit::Utf8);
    if col == 0 && end > start {
        end -= 1;
    }
    (end > start).then_some(Fold { start_line: start, end_line: end })
}
