//! WebVTT (`.vtt`): the `WEBVTT` signature and header, `NOTE`, `STYLE` and
//! `REGION` blocks, cues with an optional identifier, a timing line with
//! settings (`align:start position:0%`) and text with tags and voices.
//!
//! Everything but the cue text is noise. Broken input is read as far as it
//! goes: a missing signature, a cue with no timing line and a timing line
//! that does not parse each get a diagnostic, and their text is kept.

use crate::corpus::formats::cues::{Cue, blocks, lines, timing};
use crate::corpus::text::{Problem, Severity, Span};
use crate::corpus::transcript::{Format, Metadata, Noise, Reading};

pub(super) fn read(text: &str) -> Reading {
    let mut noise = Vec::new();
    let mut problems = Vec::new();
    let mut meta = Metadata::default();
    let all = lines(text, 0);
    let mut k = 0;
    let signed = all.first().is_some_and(|l| l.slice(text).trim_start_matches('\u{feff}').starts_with("WEBVTT"));
    if signed {
        // The header runs to the first blank line: `WEBVTT - Title`, `Kind:`, `Language:`, `Style:`.
        let first = all[0].slice(text).trim_start_matches('\u{feff}');
        let title = first["WEBVTT".len()..].trim_start_matches([' ', '\t', '-']).trim();
        if !title.is_empty() {
            let at = all[0].end - title.len() - (first.len() - first.trim_end().len());
            meta.offer_title(title, Some(Span::new(at, at + title.len())));
        }
        while k < all.len() && !all[k].slice(text).trim().is_empty() {
            if let Some(lang) = all[k].slice(text).strip_prefix("Language:") {
                meta.language = Some(lang.trim().to_string()).filter(|l| !l.is_empty());
            }
            noise.push(Noise::blank(all[k]));
            k += 1;
        }
    } else {
        problems.push(Problem {
            span: all.first().copied().unwrap_or_default(),
            severity: Severity::Warning,
            code: "webvtt-no-signature",
            message: "a WebVTT file starts with a `WEBVTT` line; this one does not: its cues are read anyway".into(),
        });
    }
    let cues = read_cues(text, &all[k..], &mut noise, &mut problems);
    if cues.is_empty() && !text.trim().is_empty() {
        problems.push(Problem {
            span: Span::new(0, all.first().map_or(0, |l| l.end)),
            severity: Severity::Warning,
            code: "captions-no-cues",
            message: "no cue with a timing line (`00:00:01.000 --> 00:00:02.000`) was found".into(),
        });
    }
    let blocks = blocks(text, &cues, &mut noise);
    Reading { format: Format::WebVtt, meta, noise, body_start: 0, header_line: false, blocks: Some(blocks), problems }
}

/// Reads the blocks after the header: notes, styles and regions are noise,
/// every other block is a cue.
fn read_cues(text: &str, lines: &[Span], noise: &mut Vec<Noise>, problems: &mut Vec<Problem>) -> Vec<Cue> {
    let mut cues = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        let line = lines[k].slice(text);
        if line.trim().is_empty() {
            k += 1;
            continue;
        }
        let end = (k..lines.len()).find(|&j| lines[j].slice(text).trim().is_empty()).unwrap_or(lines.len());
        let block = &lines[k..end];
        let keyword = line.split_whitespace().next().unwrap_or("");
        if matches!(keyword, "NOTE" | "STYLE" | "REGION") {
            noise.extend(block.iter().map(|&l| Noise::blank(l)));
        } else {
            cues_of_block(text, block, noise, problems, &mut cues);
        }
        k = end;
    }
    cues
}

/// One block's cues: usually one; more when a timing line follows text with
/// no blank line between (which some tools write).
fn cues_of_block(text: &str, block: &[Span], noise: &mut Vec<Noise>, problems: &mut Vec<Problem>, out: &mut Vec<Cue>) {
    let Some(first_timing) = block.iter().position(|l| l.slice(text).contains("-->")) else {
        problems.push(Problem {
            span: block[0],
            severity: Severity::Warning,
            code: "cue-no-timing",
            message: "this cue has no timing line (`00:00:01.000 --> 00:00:02.000`); its text is read without a time"
                .into(),
        });
        out.push(Cue { time: None, lines: block.to_vec() });
        return;
    };
    // Lines before the timing line are the cue's identifier.
    noise.extend(block[..first_timing].iter().map(|&l| Noise::blank(l)));
    let mut cue: Option<Cue> = None;
    for &line in &block[first_timing..] {
        let s = line.slice(text);
        if s.contains("-->") {
            out.extend(cue.take());
            noise.push(Noise::blank(line));
            let time = timing(s);
            if time.is_none() {
                problems.push(Problem {
                    span: line,
                    severity: Severity::Warning,
                    code: "cue-bad-timing",
                    message: format!(
                        "`{}` is not a timing line `start --> end`; the cue is read without a time",
                        s.trim()
                    ),
                });
            }
            cue = Some(Cue { time, lines: Vec::new() });
        } else if let Some(c) = cue.as_mut() {
            c.lines.push(line);
        }
    }
    out.extend(cue);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::transcript::parse_reading;

    #[test]
    fn voices_make_turns_with_times_and_nothing_else_is_a_word() {
        let text = "WEBVTT\r\n\r\n00:00:00.000 --> 00:00:02.760\r\n<v Sarah>In today's episode, you'll learn\r\n\r\n\
                    00:00:02.760 --> 00:00:06.090\r\n<v Sarah>whether you need a trailer.\r\n\r\n\
                    00:00:19.080 --> 00:00:21.450 align:start\r\n<v Gillian>Hi Buzzsprout, Gillian here.\r\n";
        let t = parse_reading(text, read(text));
        let turns: Vec<(&str, String)> = t
            .turns
            .iter()
            .map(|turn| (turn.speaker.as_str(), turn.time.map(|t| t.range_label()).unwrap_or_default()))
            .collect();
        assert_eq!(turns, vec![("Sarah", "0:00–0:06".to_string()), ("Gillian", "0:19–0:21".to_string())]);
        assert_eq!(t.words, 14, "no timing, setting or tag is counted: {}", t.analysis_text(text));
        assert!(t.problems.is_empty(), "{:?}", t.problems);
    }

    #[test]
    fn notes_titles_and_dialogue_dashes() {
        let text = "WEBVTT - Translation of that film\n\nNOTE\nThis translation was done by Kyle.\n\n1\n\
                    00:02:15.000 --> 00:02:20.000\n- Ta en kopp varmt te.\n- Det är inte varmt.\n\n\
                    NOTE This last line may not translate well.\n\n2\n00:02:20.000 --> 00:02:25.000\n- Har en kopp te.";
        let r = read(text);
        assert_eq!(r.meta.title.as_deref(), Some("Translation of that film"));
        let t = parse_reading(text, r);
        assert_eq!(t.turns.len(), 3, "each dash is a new speaker: {:?}", t.turns);
        let masked = t.analysis_text(text);
        assert!(!masked.contains("Kyle") && !masked.contains("NOTE") && !masked.contains("-->"), "{masked}");
    }

    #[test]
    fn broken_input_gets_a_diagnostic_and_its_text_is_kept() {
        let text = "00:00:01.000 --> 00:00:02.000\nCaption text #1\n\nCaption text #2\n\n00:00:03.000 --> nonsense\nCaption text #3\n";
        let t = parse_reading(text, read(text));
        let codes: Vec<&str> = t.problems.iter().map(|p| p.code).collect();
        assert_eq!(codes, vec!["webvtt-no-signature", "cue-no-timing", "cue-bad-timing"]);
        assert_eq!(t.words, 9, "all three captions are read");
    }
}
