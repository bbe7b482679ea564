//! What WebVTT and SubRip share: cues (a time and lines of text), the tags
//! inside their text, and how cue lines become the parser's blocks.
//!
//! A cue's tags (`<i>`, `<c.colorE5E5E5>`, `<00:05:04.199>`, `{\an8}`) are
//! noise; `<v Name>` names the voice of the lines after it. Each cue gives
//! one block, or one per dialogue line (`- Ta en kopp`, a new speaker each)
//! and per change of voice. Rolling captions repeat the previous cue's line
//! before adding the next: a line the previous cue already showed is noise,
//! so that no word is counted twice.

use crate::corpus::formats::escapes::entities_in;
use crate::corpus::text::Span;
use crate::corpus::transcript::noise::analysis_text;
use crate::corpus::transcript::time::parse_clock;
use crate::corpus::transcript::{Block, Noise, TimeSpan};

/// One cue: its time (when its timing line could be read) and its text lines.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Cue {
    pub time: Option<TimeSpan>,
    pub lines: Vec<Span>,
}

/// The lines of `text` from `from`, as spans without their line breaks.
pub(super) fn lines(text: &str, from: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = from.min(bytes.len());
    let mut i = start;
    while i < bytes.len() {
        if bytes[i] == b'\n' || bytes[i] == b'\r' {
            out.push(Span::new(start, i));
            i += if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            start = i;
        } else {
            i += 1;
        }
    }
    if start < bytes.len() {
        out.push(Span::new(start, bytes.len()));
    }
    out
}

/// Parses a timing line, `00:00:01.000 --> 00:00:02.500 align:start`.
pub(super) fn timing(line: &str) -> Option<TimeSpan> {
    let (start, rest) = line.split_once("-->")?;
    let end = rest.split_whitespace().next()?;
    let start = parse_clock(start.trim())?;
    let end = parse_clock(end.trim())?;
    Some(TimeSpan::new(start, end))
}

/// The tags of a cue line as noise, and the voice it names (`<v Name>`,
/// `<v.loud Name>`), if any.
pub(super) fn tags(text: &str, line: Span, noise: &mut Vec<Noise>) -> Option<(String, Span)> {
    let slice = line.slice(text);
    let mut voice = None;
    let mut i = 0;
    while let Some(open) = slice[i..].find(['<', '{']) {
        let at = i + open;
        let close = if slice.as_bytes()[at] == b'<' { '>' } else { '}' };
        let Some(len) = slice[at..].find(close) else { break };
        let tag = &slice[at + 1..at + len];
        // `{\an8}` positions a SubRip cue; other braces are text.
        let is_tag = close == '>' || tag.starts_with('\\');
        if is_tag {
            noise.push(Noise::blank(Span::new(line.start + at, line.start + at + len + 1)));
            if voice.is_none()
                && let Some((offset, name)) = voice_name(tag)
            {
                let name_at = line.start + at + 1 + offset;
                voice = Some((name.to_string(), Span::new(name_at, name_at + name.len())));
            }
        }
        i = at + len + 1;
    }
    entities_in(text, line, noise);
    voice
}

/// `v Name` or `v.class Name`: where the name starts in the tag, and the name.
fn voice_name(tag: &str) -> Option<(usize, &str)> {
    let rest = tag.strip_prefix('v')?;
    if !(rest.starts_with(' ') || rest.starts_with('.')) {
        return None;
    }
    let space = tag.find(' ')?;
    let after = &tag[space..];
    let offset = space + (after.len() - after.trim_start().len());
    let name = tag[offset..].trim_end();
    (!name.is_empty()).then_some((offset, name))
}

/// The blocks of `cues`, their tags and repeated lines added to `noise`.
pub(super) fn blocks(text: &str, cues: &[Cue], noise: &mut Vec<Noise>) -> Vec<Block> {
    let mut out = Vec::new();
    let mut previous_lines: Vec<String> = Vec::new();
    for cue in cues {
        let mut shown: Vec<String> = Vec::new();
        let mut open: Option<Block> = None;
        let mut voice: Option<(String, Span)> = None;
        for &line in &cue.lines {
            let mut line_noise = Vec::new();
            let named = tags(text, line, &mut line_noise);
            let masked = analysis_text(line.slice(text), &shift(&line_noise, line.start));
            let visible = masked.split_whitespace().collect::<Vec<_>>().join(" ");
            noise.extend(line_noise);
            if visible.is_empty() {
                continue;
            }
            if previous_lines.contains(&visible) {
                noise.push(Noise::blank(line));
                continue;
            }
            shown.push(visible.clone());
            let dash = visible.starts_with("- ") || visible.starts_with("– ") || visible == "-";
            let changes_voice = named.as_ref().is_some_and(|n| voice.as_ref().is_none_or(|v| v.0 != n.0));
            if let Some(n) = named {
                voice = Some(n);
            }
            if dash {
                let lead = masked.len() - masked.trim_start().len();
                let mark = masked.trim_start().chars().next().map_or(1, char::len_utf8);
                noise.push(Noise::blank(Span::new(line.start + lead, line.start + lead + mark)));
            }
            match open.as_mut() {
                Some(block) if !dash && !changes_voice => block.span.end = line.end,
                _ => {
                    out.extend(open.take());
                    open = Some(Block { span: line, time: cue.time, voice: voice.clone(), dash });
                }
            }
        }
        out.extend(open);
        if !shown.is_empty() {
            previous_lines = shown;
        }
    }
    out
}

/// Noise spans made relative to `base`.
fn shift(noise: &[Noise], base: usize) -> Vec<Noise> {
    noise
        .iter()
        .map(|n| Noise { span: Span::new(n.span.start - base, n.span.end - base), stands_for: n.stands_for })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voices_tags_and_timings_are_read() {
        let text = "<v Sarah>In today's <c.yellow>episode</c>, you'll";
        let mut noise = Vec::new();
        let voice = tags(text, Span::new(0, text.len()), &mut noise);
        assert_eq!(voice, Some(("Sarah".to_string(), Span::new(3, 8))));
        assert_eq!(analysis_text(text, &noise), "         In today's           episode    , you'll");
        assert_eq!(timing("00:02:15.000 --> 00:02:20.000 align:start"), Some(TimeSpan::new(135_000, 140_000)));
        assert_eq!(timing("00:00:00,179 --> 00:00:02,399"), Some(TimeSpan::new(179, 2_399)));
        assert_eq!(timing("00:00:00 -> 00:01"), None);
    }

    #[test]
    fn rolling_captions_count_each_line_once_and_dashes_open_blocks() {
        let text = "yeah yeah\nyeah yeah\nwhat this\n- Ta en kopp.\n- Det är inte.";
        let l = lines(text, 0);
        let cues = vec![
            Cue { time: Some(TimeSpan::new(0, 1000)), lines: vec![l[0]] },
            Cue { time: Some(TimeSpan::new(1000, 2000)), lines: vec![l[1], l[2]] },
            Cue { time: Some(TimeSpan::new(2000, 3000)), lines: vec![l[3], l[4]] },
        ];
        let mut noise = Vec::new();
        let b = blocks(text, &cues, &mut noise);
        let spans: Vec<(&str, bool)> = b.iter().map(|b| (b.span.slice(text), b.dash)).collect();
        assert_eq!(
            spans,
            vec![("yeah yeah", false), ("what this", false), ("- Ta en kopp.", true), ("- Det är inte.", true)]
        );
        assert_eq!(
            b[1].time,
            Some(TimeSpan::new(1000, 2000)),
            "the repeated line is noise; the new one keeps its cue's time"
        );
    }
}
