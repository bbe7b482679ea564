//! The transcript parsing pass: splits the text into header and paragraphs,
//! classifies each paragraph, then groups paragraphs into lead, parts and turns.
//!
//! FIRST DRAFT: a simple classifier so the rest of the server can be built;
//! speaker-turn detection is to be replaced by a measured one.

use crate::corpus::text::{Date, Problem, Severity, Span, count_words};
use crate::corpus::transcript::{Header, Paragraph, ParagraphKind, Part, SpeakerTurn, Transcript};

pub(super) fn parse(text: &str) -> Transcript {
    let mut t = Transcript::default();
    let body_start = match parse_header(text) {
        Some(h) => {
            let end = h.span.end;
            t.header = Some(h);
            end
        }
        None => {
            t.problems.push(Problem {
                span: Span::new(0, 0),
                severity: Severity::Warning,
                code: "header-missing",
                message: "no header line: expected ` date YYYY-MM-DD Source: ...` on the first line".into(),
            });
            text.len().min(bom_len(text))
        }
    };
    t.paragraphs = split_paragraphs(text, body_start)
        .into_iter()
        .map(|span| Paragraph { span, kind: classify(span.slice(text)) })
        .collect();
    t.words = count_words(text.get(body_start..).unwrap_or(""));
    group(&mut t, text);
    t
}

fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') { 3 } else { 0 }
}

fn parse_header(text: &str) -> Option<Header> {
    let start = bom_len(text);
    let line_end = text[start..].find(['\n', '\r']).map(|i| start + i).unwrap_or(text.len());
    let line = &text[start..line_end];
    let trimmed = line.trim_start();
    let lead_ws = line.len() - trimmed.len();
    let rest = trimmed.strip_prefix("date ")?;
    let date_start = start + lead_ws + 5;
    let date_text: &str = rest.split_whitespace().next().unwrap_or("");
    let date_span = Span::new(date_start, date_start + date_text.len());
    let (source, source_span) = match line.find("Source:") {
        Some(i) => {
            let raw = &line[i + 7..];
            let s = raw.trim();
            let off = start + i + 7 + (raw.len() - raw.trim_start().len());
            (Some(s.to_string()), Some(Span::new(off, off + s.len())))
        }
        None => (None, None),
    };
    Some(Header {
        span: Span::new(start, line_end),
        date: Date::parse_iso(date_text),
        date_span: Some(date_span),
        source,
        source_span,
    })
}

/// Paragraphs are separated by blank lines; each span is trimmed.
fn split_paragraphs(text: &str, from: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = from;
    let mut pos = from;
    for line in text[from..].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(trim_span(text, Span::new(s, last_end)));
            }
        } else {
            if start.is_none() {
                start = Some(pos);
            }
            last_end = pos + content.len();
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push(trim_span(text, Span::new(s, last_end)));
    }
    out
}

fn trim_span(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    Span::new(span.start + lead, span.end - trail)
}

fn classify(p: &str) -> ParagraphKind {
    let t = p.trim();
    if t.chars().all(|c| c == '*' || c.is_whitespace()) && t.contains('*') {
        return ParagraphKind::PartSeparator;
    }
    if t.starts_with('(') && t.ends_with(')') || t.starts_with('(') && t.ends_with(".)") {
        return ParagraphKind::StageNote;
    }
    if speaker_label(t).is_some() {
        return ParagraphKind::TurnStart;
    }
    ParagraphKind::Text
}

/// The label of a `Label: text` paragraph, if it looks like a speaker.
pub(crate) fn speaker_label(p: &str) -> Option<&str> {
    let colon = p.find(':')?;
    let label = &p[..colon];
    if label.is_empty() || label.len() > 60 || label.contains(['.', ',', ';', '(', ')']) {
        return None;
    }
    let words: Vec<&str> = label.split_whitespace().collect();
    if words.is_empty() || words.len() > 8 {
        return None;
    }
    if !words.iter().all(|w| {
        w.chars().next().is_some_and(|c| c.is_uppercase()) || matches!(*w, "of" | "the" | "and" | "de" | "von")
    }) {
        return None;
    }
    Some(label.trim())
}

fn group(t: &mut Transcript, text: &str) {
    let n = t.paragraphs.len();
    let first_structural = t
        .paragraphs
        .iter()
        .position(|p| {
            matches!(p.kind, ParagraphKind::TurnStart | ParagraphKind::PartSeparator | ParagraphKind::Heading)
        })
        .unwrap_or(n);
    if first_structural > 0 {
        t.lead = Some(0..first_structural);
    }
    // Turns.
    let mut i = first_structural;
    while i < n {
        if t.paragraphs[i].kind == ParagraphKind::TurnStart {
            let start = i;
            let mut end = i + 1;
            while end < n && matches!(t.paragraphs[end].kind, ParagraphKind::Text | ParagraphKind::StageNote) {
                end += 1;
            }
            let p = t.paragraphs[start];
            let label = speaker_label(p.span.slice(text)).unwrap_or("");
            let label_span = Span::new(p.span.start, p.span.start + label.len());
            let span = Span::new(p.span.start, t.paragraphs[end - 1].span.end);
            t.turns.push(SpeakerTurn {
                speaker: label.to_string(),
                label_span,
                span,
                paragraphs: start..end,
                words: count_words(span.slice(text)).saturating_sub(count_words(label)),
            });
            i = end;
        } else {
            i += 1;
        }
    }
    // Parts.
    if first_structural < n {
        let mut openers: Vec<usize> = (first_structural..n)
            .filter(|&i| matches!(t.paragraphs[i].kind, ParagraphKind::PartSeparator | ParagraphKind::Heading))
            .collect();
        if openers.first() != Some(&first_structural) {
            openers.insert(0, usize::MAX);
        }
        for (k, &o) in openers.iter().enumerate() {
            let from = if o == usize::MAX { first_structural } else { o };
            let to = openers.get(k + 1).copied().unwrap_or(n);
            if from >= to {
                continue;
            }
            let turns_from = t.turns.partition_point(|tu| tu.paragraphs.start < from);
            let turns_to = t.turns.partition_point(|tu| tu.paragraphs.start < to);
            t.parts.push(Part {
                title: (o != usize::MAX).then(|| t.paragraphs[o].span.slice(text).trim().to_string()),
                opener: (o != usize::MAX).then_some(o),
                span: Span::new(t.paragraphs[from].span.start, t.paragraphs[to - 1].span.end),
                paragraphs: from..to,
                turns: turns_from..turns_to,
            });
        }
    }
}
