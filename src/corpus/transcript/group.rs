//! Grouping classified units into the transcript's structure: a
//! container's blocks into paragraphs (a turn's cues read as prose, not one
//! line a paragraph), then paragraphs into the lead, the turns (with their
//! times) and the parts.

use crate::corpus::text::{Span, count_words};
use crate::corpus::transcript::{Block, Paragraph, ParagraphKind, Part, SpeakerTurn, TimeSpan, Transcript};

/// A unit that opens a turn: where its label is, who speaks, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Label {
    pub span: Span,
    pub speaker: String,
    pub time: Option<u64>,
}

/// A paragraph made of cues closes at a sentence end once it has this many words.
const PARAGRAPH_WORDS: usize = 60;

/// Joins the blocks of each turn into paragraphs: a block that opens a turn
/// or is editorial starts a paragraph, and a paragraph closes at a sentence
/// end once it is long enough. Returns the paragraphs with their labels and times.
pub(super) fn join_blocks(
    a: &str,
    units: &[Block],
    kinds: &[ParagraphKind],
    labels: Vec<Option<Label>>,
) -> (Vec<Paragraph>, Vec<Option<Label>>, Vec<Option<TimeSpan>>) {
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut out_labels: Vec<Option<Label>> = Vec::new();
    let mut times: Vec<Option<TimeSpan>> = Vec::new();
    let mut open_words = 0usize;
    let mut open = false;
    for ((u, &kind), label) in units.iter().zip(kinds).zip(labels) {
        let text = u.span.slice(a);
        let words = count_words(text);
        let prose = matches!(kind, ParagraphKind::Text);
        if prose && open {
            let last = paragraphs.last_mut().expect("an open paragraph exists");
            let ended = last.span.slice(a).trim_end().ends_with(['.', '?', '!', '…', '"', '”']);
            if !(ended && open_words >= PARAGRAPH_WORDS) {
                last.span.end = last.span.end.max(u.span.end);
                open_words += words;
                let time = times.last_mut().expect("times follow paragraphs");
                *time = join_times(*time, u.time);
                continue;
            }
        }
        paragraphs.push(Paragraph { span: u.span, kind });
        out_labels.push(label);
        times.push(u.time);
        open = matches!(kind, ParagraphKind::Text | ParagraphKind::TurnStart);
        open_words = words;
    }
    (paragraphs, out_labels, times)
}

fn join_times(a: Option<TimeSpan>, b: Option<TimeSpan>) -> Option<TimeSpan> {
    match (a, b) {
        (Some(a), Some(b)) => {
            let end = [a.end_ms, b.end_ms, Some(b.start_ms)].into_iter().flatten().max();
            Some(TimeSpan { start_ms: a.start_ms.min(b.start_ms), end_ms: end })
        }
        (a, b) => a.or(b),
    }
}

/// Groups classified paragraphs into the lead, the turns and the parts.
/// `text` is the file as written, `a` its analysis text (noise blanked).
pub(super) fn group(t: &mut Transcript, text: &str, a: &str, labels: &[Option<Label>], times: &[Option<TimeSpan>]) {
    let n = t.paragraphs.len();
    let opens_structure = |k: ParagraphKind| {
        matches!(k, ParagraphKind::TurnStart | ParagraphKind::PartSeparator | ParagraphKind::Heading)
    };
    let first_structural = t.paragraphs.iter().position(|p| opens_structure(p.kind)).unwrap_or(n);
    if first_structural > 0 {
        t.lead = Some(0..first_structural);
    }
    group_turns(t, a, labels, times, first_structural);
    group_parts(t, text, a, first_structural);
}

/// A turn runs from its label to the paragraph before the next turn, part
/// separator or heading; stage notes inside it belong to it. A turn whose
/// source gives only its start time ends where the next timed turn starts.
fn group_turns(t: &mut Transcript, a: &str, labels: &[Option<Label>], times: &[Option<TimeSpan>], from: usize) {
    let n = t.paragraphs.len();
    let mut i = from;
    while i < n {
        let label = labels.get(i).and_then(Option::as_ref).filter(|_| t.paragraphs[i].kind == ParagraphKind::TurnStart);
        let Some(label) = label else {
            i += 1;
            continue;
        };
        let mut end = i + 1;
        while end < n && matches!(t.paragraphs[end].kind, ParagraphKind::Text | ParagraphKind::StageNote) {
            end += 1;
        }
        let first = t.paragraphs[i].span;
        let span = Span::new(label.span.start.min(first.start), t.paragraphs[end - 1].span.end);
        // The words after the label (and its colon), or the whole text when
        // the label stands outside it (a JSON `speaker` key).
        // The character after the label (a colon, or a no-break space) may be several bytes.
        let next_char = a.get(label.span.end..).and_then(|r| r.chars().next()).map_or(1, char::len_utf8);
        let words_from =
            if first.contains(label.span.end) { (label.span.end + next_char).min(span.end) } else { first.start };
        let time = turn_time(label, &times[i..end]);
        t.turns.push(SpeakerTurn {
            speaker: label.speaker.clone(),
            label_span: label.span,
            span,
            paragraphs: i..end,
            words: count_words(Span::new(words_from, span.end).slice(a)),
            time,
        });
        i = end;
    }
    for k in 0..t.turns.len() {
        if t.turns[k].time.is_some_and(|time| time.end_ms.is_none()) {
            let next = t.turns[k + 1..].iter().find_map(|turn| turn.time.map(|time| time.start_ms));
            if let (Some(time), Some(next)) = (t.turns[k].time.as_mut(), next) {
                time.end_ms = Some(next.max(time.start_ms));
            }
        }
    }
}

fn turn_time(label: &Label, times: &[Option<TimeSpan>]) -> Option<TimeSpan> {
    let start = label.time.or_else(|| times.iter().flatten().next().map(|t| t.start_ms))?;
    let end = times.iter().flatten().filter_map(|t| t.end_ms).max();
    Some(TimeSpan { start_ms: start, end_ms: end.map(|e| e.max(start)) })
}

/// Parts start at each separator or heading; the paragraphs between the lead
/// and the first opener form an untitled part.
fn group_parts(t: &mut Transcript, text: &str, a: &str, first_structural: usize) {
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
            // A separator is named as written ("* * *", which the analysis
            // text blanks as emphasis); a heading by its words, without marks.
            title: opener.map(|i| {
                let p = &t.paragraphs[i];
                let source = if p.kind == ParagraphKind::PartSeparator { text } else { a };
                p.span.slice(source).trim().to_string()
            }),
            opener: *opener,
            span: Span::new(t.paragraphs[from].span.start, t.paragraphs[to - 1].span.end),
            paragraphs: from..to,
            turns: turns_from..turns_to,
        });
    }
}
