//! The transcript parsing pass: header, units (paragraphs, or a container's
//! blocks), what each unit is, which open speaker turns, then grouping into
//! paragraphs, lead, parts and turns. One pass over the text to find lines,
//! then work proportional to the number of units.
//!
//! Everything is judged on the analysis text (the file with its noise
//! blanked, same length), so a cue's timing line or a JSON key never reads
//! as a word, and every span found is a span into the file.

use crate::corpus::text::{Problem, Severity, Span, count_words};
use crate::corpus::transcript::classify::editorial_kind;
use crate::corpus::transcript::group::{Label, group, join_blocks};
use crate::corpus::transcript::header::{bom_len, parse_header};
use crate::corpus::transcript::noise::{analysis_text, normalise};
use crate::corpus::transcript::paragraphs::split_paragraphs;
use crate::corpus::transcript::shape::{Ending, LineShape, shape};
use crate::corpus::transcript::speaker::{Candidate, Context, accept, candidate, cut_mid_sentence};
use crate::corpus::transcript::special::Special;
use crate::corpus::transcript::{Block, Noise, Paragraph, ParagraphKind, Reading, TimeSpan, Transcript};

/// The speaker of a turn opened by a dialogue dash, which names nobody.
pub const UNNAMED_SPEAKER: &str = "—";

pub(super) fn parse(text: &str) -> Transcript {
    parse_reading(text, Reading::plain())
}

pub(super) fn parse_reading(text: &str, mut reading: Reading) -> Transcript {
    let mut t = Transcript {
        format: reading.format,
        meta: Box::new(std::mem::take(&mut reading.meta)),
        problems: std::mem::take(&mut reading.problems),
        ..Transcript::default()
    };
    normalise(&mut reading.noise);
    let mut body_start = reading.body_start.min(text.len());
    if !text.is_char_boundary(body_start) {
        body_start = 0;
    }
    if reading.header_line {
        body_start = read_header(text, body_start, &mut t);
    }
    let masked = analysis_text(text, &reading.noise);
    let a: &str = &masked;
    let from_blocks = reading.blocks.is_some();
    let units: Vec<Block> = match reading.blocks.take() {
        Some(blocks) => {
            blocks.into_iter().filter_map(|b| trimmed(a, b)).filter(|b| b.span.start >= body_start).collect()
        }
        None => split_paragraphs(a, body_start).into_iter().map(|span| Block::new(span, None)).collect(),
    };
    let mut noise = reading.noise;
    let from_reader = noise.len();
    let (units, shapes) = shape_units(a, units, &mut noise);
    let kinds: Vec<Option<ParagraphKind>> = units.iter().map(|u| editorial_kind(u.span.slice(a))).collect();
    let candidates: Vec<Option<Candidate>> = units
        .iter()
        .zip(&kinds)
        .zip(&shapes)
        .map(|((u, k), s)| match (k, &s.label) {
            (None, Some(shape)) if u.voice.is_none() && !u.dash => candidate(u.span.slice(a), shape, s.emphasised),
            _ => None,
        })
        .collect();
    let context = contexts(a, &units, &kinds, &candidates, from_blocks);
    let accepted = accept(&candidates, &context, a);
    let mut labels = labels_of(a, &units, &candidates, &accepted, &mut noise);
    merge_repeated_speakers(&mut labels, &candidates, from_blocks);
    let added_noise = noise.len() != from_reader;
    normalise(&mut noise);
    t.noise = noise;
    // Labels read as noise (ids, names alone on their line) and their times
    // change the analysis text: count words on the final one.
    let masked = if added_noise { analysis_text(text, &t.noise) } else { masked };
    let a: &str = &masked;
    t.words = count_words(a.get(body_start..).unwrap_or(""));
    let kinds: Vec<ParagraphKind> = kinds
        .iter()
        .zip(&labels)
        .map(|(k, l)| match (k, l) {
            (Some(kind), _) => *kind,
            (None, Some(_)) => ParagraphKind::TurnStart,
            (None, None) => ParagraphKind::Text,
        })
        .collect();
    let (paragraphs, labels, times) = if from_blocks {
        join_blocks(a, &units, &kinds, labels)
    } else {
        let times = units.iter().map(|u| u.time).collect();
        let paragraphs = units.iter().zip(&kinds).map(|(u, &kind)| Paragraph { span: u.span, kind }).collect();
        (paragraphs, labels, times)
    };
    t.paragraphs = paragraphs;
    group(&mut t, text, a, &labels, &times);
    t
}

/// Reads the ` date ` header line at `at`; returns where the body starts.
fn read_header(text: &str, at: usize, t: &mut Transcript) -> usize {
    let rest = &text[at..];
    let mut problems = Vec::new();
    match parse_header(rest, &mut problems) {
        Some(mut h) => {
            let shift = |s: Span| Span::new(s.start + at, s.end + at);
            h.span = shift(h.span);
            h.date_span = h.date_span.map(shift);
            h.source_span = h.source_span.map(shift);
            for p in &mut problems {
                p.span = shift(p.span);
            }
            let end = h.span.end;
            t.header = Some(h);
            t.problems.extend(problems);
            end
        }
        None => {
            if !rest.trim().is_empty() {
                t.problems.push(Problem {
                    span: Span::new(at, at),
                    severity: Severity::Warning,
                    code: "header-missing",
                    message: "no header line: expected ` date YYYY-MM-DD Source: ...` on the first line".into(),
                });
            }
            at + bom_len(rest).min(rest.len())
        }
    }
}

/// A block with its span trimmed to its text in the analysis text; `None` when it has none.
fn trimmed(a: &str, mut b: Block) -> Option<Block> {
    let s = a.get(b.span.start..b.span.end)?;
    let lead = s.len() - s.trim_start().len();
    let body = s.trim();
    if body.is_empty() && b.voice.is_none() {
        return None;
    }
    b.span = Span::new(b.span.start + lead, b.span.start + lead + body.len());
    Some(b)
}

/// The first-line shape of every unit. A unit that is only a time (`0:53`
/// on its own line) is dropped: its time goes to the next unit and its
/// bytes to the noise; leading markup and times are noise too.
fn shape_units(a: &str, units: Vec<Block>, noise: &mut Vec<Noise>) -> (Vec<Block>, Vec<LineShape>) {
    let mut kept = Vec::with_capacity(units.len());
    let mut shapes = Vec::with_capacity(units.len());
    let mut pending: Option<u64> = None;
    for mut u in units {
        let s = if u.voice.is_some() || u.dash { LineShape::default() } else { shape(u.span.slice(a)) };
        let at = u.span.start;
        noise.extend(s.noise.iter().map(|r| Noise::blank(Span::new(at + r.start, at + r.end))));
        if s.only_time {
            pending = s.time;
            continue;
        }
        let time = s.time.or(pending.take());
        if u.time.is_none() {
            u.time = time.map(TimeSpan::at);
        }
        kept.push(u);
        shapes.push(s);
    }
    (kept, shapes)
}

fn contexts(
    a: &str,
    units: &[Block],
    kinds: &[Option<ParagraphKind>],
    candidates: &[Option<Candidate>],
    from_blocks: bool,
) -> Vec<Context> {
    (0..units.len())
        .map(|i| {
            let previous = i.checked_sub(1).map(|j| (kinds[j], units[j].span.slice(a)));
            Context {
                // Cues are cut mid-sentence by design: no sign of a bad line break.
                previous_cut: !from_blocks && previous.is_some_and(|(kind, p)| kind.is_none() && cut_mid_sentence(p)),
                opens_part: previous.is_some_and(|(kind, _)| {
                    matches!(kind, Some(ParagraphKind::PartSeparator | ParagraphKind::Heading))
                }),
                prose_follows: i + 1 < units.len() && kinds[i + 1].is_none() && candidates[i + 1].is_none(),
            }
        })
        .collect()
}

/// The label of every unit that opens a turn: a voice or dash the container
/// gave, or an accepted candidate (whose markup, time and, for ids and
/// names alone on a line, words become noise).
fn labels_of(
    a: &str,
    units: &[Block],
    candidates: &[Option<Candidate>],
    accepted: &[bool],
    noise: &mut Vec<Noise>,
) -> Vec<Option<Label>> {
    units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            if let Some((name, span)) = &u.voice {
                return Some(Label { span: *span, speaker: name.clone(), time: u.time.map(|t| t.start_ms) });
            }
            if u.dash {
                let span = Span::new(u.span.start, u.span.start);
                return Some(Label { span, speaker: UNNAMED_SPEAKER.to_string(), time: u.time.map(|t| t.start_ms) });
            }
            let c = candidates[i].as_ref().filter(|_| accepted[i])?;
            let at = u.span.start;
            let span = Span::new(at + c.start, at + c.end);
            noise.extend(c.noise.iter().map(|r| Noise::blank(Span::new(at + r.start, at + r.end))));
            if c.label_is_noise {
                noise.push(Noise::blank(span));
            }
            let time = c.time.or(u.time.map(|t| t.start_ms));
            Some(Label { span, speaker: span.slice(a).to_string(), time })
        })
        .collect()
}

/// Where every segment repeats its speaker (captions, diarised lines, timed
/// labels, blocks that each open with their time), the lines of one speaker
/// in a row are one turn. In the home
/// layout a label written twice in a row is two turns, as its gold counts.
fn merge_repeated_speakers(labels: &mut [Option<Label>], candidates: &[Option<Candidate>], from_blocks: bool) {
    let mut previous: Option<String> = None;
    for (i, label) in labels.iter_mut().enumerate() {
        let Some(l) = label else { continue };
        let c = candidates.get(i).and_then(Option::as_ref);
        let repeats_per_segment = from_blocks
            || l.time.is_some()
            || c.is_some_and(|c| c.special == Special::Diarised || c.ending == Ending::Timed);
        let same = previous.as_deref() == Some(l.speaker.as_str()) && l.speaker != UNNAMED_SPEAKER;
        previous = Some(l.speaker.clone());
        if same && repeats_per_segment {
            *label = None;
        }
    }
}
