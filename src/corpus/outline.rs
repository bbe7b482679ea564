//! The outline of a file as a plain tree: what `documentSymbol` shows and
//! what `speech-ls outline` prints. Built from a parsed transcript or index.

use crate::corpus::index::IndexDoc;
use crate::corpus::text::Span;
use crate::corpus::transcript::{ParagraphKind, Transcript};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutlineKind {
    Header,
    Lead,
    Part,
    Turn,
    /// A topical section inside a long turn.
    Section,
    StageNote,
    /// A markdown heading in INDEX.md.
    Heading,
    /// An INDEX.md entry.
    Entry,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutlineNode {
    pub kind: OutlineKind,
    pub name: String,
    pub detail: Option<String>,
    /// The whole extent of the node.
    pub span: Span,
    /// The part to highlight when the node is picked (a label, a title).
    pub selection: Span,
    pub children: Vec<OutlineNode>,
}

/// The outline of a transcript: header, lead, then parts with their turns.
/// A transcript with a single untitled part shows its turns at the top level.
pub fn transcript_outline(t: &Transcript, text: &str) -> Vec<OutlineNode> {
    // The lead is quoted from the spoken words, never a timing line or a tag.
    let spoken = t.analysis_text(text);
    let text: &str = &spoken;
    let mut out = Vec::new();
    if let Some(h) = &t.header {
        let name = match (&h.date, h.date_span) {
            (Some(d), _) => d.to_string(),
            (None, Some(s)) if !s.is_empty() => s.slice(text).to_string(),
            _ => "header".to_string(),
        };
        out.push(OutlineNode {
            kind: OutlineKind::Header,
            name,
            detail: h.source.clone(),
            span: h.span,
            selection: h.date_span.filter(|s| !s.is_empty()).unwrap_or(h.span),
            children: Vec::new(),
        });
    }
    if let Some(lead) = &t.lead
        && !lead.is_empty()
    {
        let span = Span::new(t.paragraphs[lead.start].span.start, t.paragraphs[lead.end - 1].span.end);
        out.push(OutlineNode {
            kind: OutlineKind::Lead,
            name: "Lead".to_string(),
            detail: Some(first_words(span.slice(text), 8)),
            span,
            selection: t.paragraphs[lead.start].span,
            children: Vec::new(),
        });
    }
    let single_untitled = t.parts.len() == 1 && t.parts[0].title.is_none();
    for part in &t.parts {
        let turns: Vec<OutlineNode> = t.turns[part.turns.clone()]
            .iter()
            .map(|turn| OutlineNode {
                kind: OutlineKind::Turn,
                name: turn.speaker.clone(),
                // A timed turn shows when it starts: "12:34 · 85 words".
                detail: Some(match turn.time {
                    Some(time) => format!("{} · {} words", time.start_label(), turn.words),
                    None => format!("{} words", turn.words),
                }),
                span: turn.span,
                selection: turn.label_span,
                children: Vec::new(),
            })
            .collect();
        if single_untitled {
            out.extend(turns);
        } else {
            let opener_span = part.opener.map(|i| t.paragraphs[i].span);
            let name = match (&part.title, part.opener.map(|i| t.paragraphs[i].kind)) {
                (Some(title), Some(ParagraphKind::Heading)) => title.clone(),
                (Some(_), _) | (None, _) => format!("Part {}", t.parts.iter().position(|p| p == part).unwrap_or(0) + 1),
            };
            out.push(OutlineNode {
                kind: OutlineKind::Part,
                name,
                detail: Some(format!("{} turns", part.turns.len())),
                span: part.span,
                selection: opener_span.unwrap_or(Span::new(part.span.start, part.span.start)),
                children: turns,
            });
        }
    }
    out
}

/// The outline of INDEX.md: headings (nested by level) with their entries.
pub fn index_outline(doc: &IndexDoc, text: &str) -> Vec<OutlineNode> {
    let _ = text;
    let entry_node = |i: usize| {
        let e = &doc.entries[i];
        let mut name = String::new();
        if let Some(d) = e.date {
            name.push_str(&d.to_string());
            name.push(' ');
        }
        name.push_str(e.title.as_deref().unwrap_or("(untitled)"));
        OutlineNode {
            kind: OutlineKind::Entry,
            name: name.trim().to_string(),
            detail: e.links.first().map(|l| l.target.clone()),
            span: e.span,
            selection: e.links.first().map(|l| l.span).unwrap_or(e.span),
            children: Vec::new(),
        }
    };
    // Build nested headings with a stack keyed by level.
    let mut roots: Vec<OutlineNode> = Vec::new();
    let mut stack: Vec<(u8, OutlineNode)> = Vec::new();
    let first_heading_entry = doc.entries.iter().position(|e| e.heading.is_some()).unwrap_or(doc.entries.len());
    roots.extend((0..first_heading_entry).map(entry_node));
    for (hi, h) in doc.headings.iter().enumerate() {
        while stack.last().is_some_and(|(lvl, _)| *lvl >= h.level) {
            let (_, node) = stack.pop().unwrap();
            attach(&mut stack, &mut roots, node);
        }
        let children =
            doc.entries.iter().enumerate().filter(|(_, e)| e.heading == Some(hi)).map(|(i, _)| entry_node(i)).collect();
        stack.push((
            h.level,
            OutlineNode {
                kind: OutlineKind::Heading,
                name: h.title.clone(),
                detail: None,
                span: h.section,
                selection: h.span,
                children,
            },
        ));
    }
    while let Some((_, node)) = stack.pop() {
        attach(&mut stack, &mut roots, node);
    }
    roots
}

fn attach(stack: &mut [(u8, OutlineNode)], roots: &mut Vec<OutlineNode>, node: OutlineNode) {
    match stack.last_mut() {
        Some((_, parent)) => {
            parent.span.end = parent.span.end.max(node.span.end);
            parent.children.push(node)
        }
        None => roots.push(node),
    }
}

fn first_words(s: &str, n: usize) -> String {
    let words: Vec<&str> = s.split_whitespace().take(n + 1).collect();
    if words.len() > n { format!("{}…", words[..n].join(" ")) } else { words.join(" ") }
}
