//! Selection ranges: in a transcript, the selection grows sentence →
//! paragraph → turn → part → the whole speech (what follows the header).
//! Sentences need the text, so they come from the open buffer; a transcript
//! that is not open starts at the paragraph.

use crate::corpus::text::Span;
use crate::corpus::themes::sentences::sentences_in;
use crate::ide::world::{FileRef, World};

/// For each offset, the spans that contain it, innermost first, each
/// containing the one before (an offset inside nothing gets the empty span
/// at itself).
pub fn selection_ranges(world: &World, file: &FileRef, offsets: &[usize]) -> Vec<Vec<Span>> {
    let Some(view) = world.file(file) else { return Vec::new() };
    let Some(t) = view.analysis.transcript() else { return Vec::new() };
    let text = world.open.get(file).map(|d| d.text.clone());
    offsets
        .iter()
        .map(|&offset| {
            let mut spans: Vec<Span> = Vec::new();
            if let Some(p) = t.paragraphs.iter().find(|p| p.span.contains(offset)) {
                if let Some(text) = &text {
                    spans.extend(sentences_in(text, p.span).into_iter().find(|s| s.contains(offset)));
                }
                spans.push(p.span);
            }
            spans.extend(t.turns.iter().find(|turn| turn.span.contains(offset)).map(|turn| turn.span));
            spans.extend(t.parts.iter().find(|part| part.span.contains(offset)).map(|part| part.span));
            if let (Some(first), Some(last)) = (t.paragraphs.first(), t.paragraphs.last()) {
                spans.push(Span::new(first.span.start, last.span.end));
            }
            // Each range must contain the one before it; drop repeats.
            let mut chain: Vec<Span> = Vec::new();
            for s in spans {
                let grows = chain.last().is_none_or(|prev| s.start <= prev.start && s.end >= prev.end && s != *prev);
                if grows {
                    chain.push(s);
                }
            }
            if chain.is_empty() {
                chain.push(Span::new(offset, offset));
            }
            chain
        })
        .collect()
}
