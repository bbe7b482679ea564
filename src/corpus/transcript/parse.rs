//! The transcript parsing pass: header, paragraphs, what each paragraph is,
//! then grouping into lead, parts and turns. One pass over the text to find
//! lines, then work proportional to the number of paragraphs.

use crate::corpus::text::{Problem, Severity, Span, count_words};
use crate::corpus::transcript::classify::editorial_kind;
use crate::corpus::transcript::header::{bom_len, parse_header};
use crate::corpus::transcript::paragraphs::split_paragraphs;
use crate::corpus::transcript::speaker::{Candidate, Context, accept, candidate, cut_mid_sentence};
use crate::corpus::transcript::{Paragraph, ParagraphKind, Part, SpeakerTurn, Transcript};

pub(super) fn parse(text: &str) -> Transcript {
    let mut t = Transcript::default();
    let body_start = match parse_header(text, &mut t.problems) {
        Some(h) => {
            let end = h.span.end;
            t.header = Some(h);
            end
        }
        None => {
            if !text.trim().is_empty() {
                t.problems.push(Problem {
                    span: Span::new(0, 0),
                    severity: Severity::Warning,
                    code: "header-missing",
                    message: "no header line: expected ` date YYYY-MM-DD Source: ...` on the first line".into(),
                });
            }
            bom_len(text).min(text.len())
        }
    };
    let spans = split_paragraphs(text, body_start);
    let kinds: Vec<Option<ParagraphKind>> = spans.iter().map(|s| editorial_kind(s.slice(text))).collect();
    let candidates: Vec<Option<Candidate>> =
        spans.iter().zip(&kinds).map(|(s, k)| if k.is_some() { None } else { candidate(s.slice(text)) }).collect();
    let context: Vec<Context> = (0..spans.len())
        .map(|i| {
            let previous = i.checked_sub(1).map(|j| (kinds[j], spans[j].slice(text)));
            Context {
                previous_cut: previous.is_some_and(|(kind, p)| kind.is_none() && cut_mid_sentence(p)),
                opens_part: previous.is_some_and(|(kind, _)| {
                    matches!(kind, Some(ParagraphKind::PartSeparator | ParagraphKind::Heading))
                }),
            }
        })
        .collect();
    let accepted = accept(&candidates, &context, text);
    let mut labels: Vec<Option<Span>> = vec![None; spans.len()];
    t.paragraphs = spans
        .iter()
        .enumerate()
        .map(|(i, &span)| {
            let kind = match (kinds[i], &candidates[i]) {
                (Some(kind), _) => kind,
                (None, Some(c)) if accepted[i] => {
                    labels[i] = Some(Span::new(span.start + c.start, span.start + c.end));
                    ParagraphKind::TurnStart
                }
                _ => ParagraphKind::Text,
            };
            Paragraph { span, kind }
        })
        .collect();
    t.words = count_words(text.get(body_start..).unwrap_or(""));
    group(&mut t, text, &labels);
    t
}

/// Groups classified paragraphs into the lead, the turns and the parts.
fn group(t: &mut Transcript, text: &str, labels: &[Option<Span>]) {
    let n = t.paragraphs.len();
    let opens_structure = |k: ParagraphKind| {
        matches!(k, ParagraphKind::TurnStart | ParagraphKind::PartSeparator | ParagraphKind::Heading)
    };
    let first_structural = t.paragraphs.iter().position(|p| opens_structure(p.kind)).unwrap_or(n);
    if first_structural > 0 {
        t.lead = Some(0..first_structural);
    }
    group_turns(t, text, labels, first_structural);
    group_parts(t, text, first_structural);
}

/// A turn runs from its label to the paragraph before the next turn, part
/// separator or heading; stage notes inside it belong to it.
fn group_turns(t: &mut Transcript, text: &str, labels: &[Option<Span>], from: usize) {
    let n = t.paragraphs.len();
    let mut i = from;
    while i < n {
        let Some(label_span) = labels[i].filter(|_| t.paragraphs[i].kind == ParagraphKind::TurnStart) else {
            i += 1;
            continue;
        };
        let mut end = i + 1;
        while end < n && matches!(t.paragraphs[end].kind, ParagraphKind::Text | ParagraphKind::StageNote) {
            end += 1;
        }
        let span = Span::new(t.paragraphs[i].span.start, t.paragraphs[end - 1].span.end);
        let after_label = Span::new((label_span.end + 1).min(span.end), span.end);
        t.turns.push(SpeakerTurn {
            speaker: label_span.slice(text).to_string(),
            label_span,
            span,
            paragraphs: i..end,
            words: count_words(after_label.slice(text)),
        });
        i = end;
    }
}

/// Parts start at each separator or heading; the paragraphs between the lead
/// and the first opener form an untitled part.
fn group_parts(t: &mut Transcript, text: &str, first_structural: usize) {
    let n = t.paragraphs.len();
    if first_structural >= n {
        return;
    }
    let mut openers: Vec<Option<usize>> = (first_structural..n)
        .filter(|&i| matches!(t.paragraphs[i].kind, ParagraphKind::PartSeparator | ParagraphKind::Heading))
        .map(Some)
        .collect();
    if openers.first() != Some(&Some(first_structural)) {
        openers.insert(0, None);
    }
    for (k, opener) in openers.iter().enumerate() {
        let from = opener.unwrap_or(first_structural);
        let to = openers.get(k + 1).copied().flatten().unwrap_or(n);
        if from >= to {
            continue;
        }
        let turns_from = t.turns.partition_point(|turn| turn.paragraphs.start < from);
        let turns_to = t.turns.partition_point(|turn| turn.paragraphs.start < to);
        t.parts.push(Part {
            title: opener.map(|i| t.paragraphs[i].span.slice(text).to_string()),
            opener: *opener,
            span: Span::new(t.paragraphs[from].span.start, t.paragraphs[to - 1].span.end),
            paragraphs: from..to,
            turns: turns_from..turns_to,
        });
    }
}
