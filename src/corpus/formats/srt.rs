//! SubRip (`.srt`): numbered cues, `00:00:00,179 --> 00:00:02,399` timings,
//! text with `<i>`-style tags and `{\an8}` positions. The cue numbers,
//! timings and tags are noise. A block whose timing line is missing or
//! broken gets a diagnostic and its text is kept.

use crate::corpus::formats::cues::{Cue, blocks, lines, timing};
use crate::corpus::text::{Problem, Severity, Span};
use crate::corpus::transcript::{Format, Metadata, Noise, Reading};

pub(super) fn read(text: &str) -> Reading {
    let mut noise = Vec::new();
    let mut problems = Vec::new();
    let all = lines(text, 0);
    let mut cues = Vec::new();
    let mut k = 0;
    while k < all.len() {
        if all[k].slice(text).trim().is_empty() {
            k += 1;
            continue;
        }
        let end = (k..all.len()).find(|&j| all[j].slice(text).trim().is_empty()).unwrap_or(all.len());
        read_block(text, &all[k..end], &mut noise, &mut problems, &mut cues);
        k = end;
    }
    if cues.iter().all(|c: &Cue| c.time.is_none()) && !text.trim().is_empty() {
        problems.push(Problem {
            span: Span::new(0, all.first().map_or(0, |l| l.end)),
            severity: Severity::Warning,
            code: "captions-no-cues",
            message: "no cue with a timing line (`00:00:01,000 --> 00:00:02,000`) was found".into(),
        });
    }
    let blocks = blocks(text, &cues, &mut noise);
    Reading {
        format: Format::SubRip,
        meta: Metadata::default(),
        noise,
        body_start: 0,
        header_line: false,
        blocks: Some(blocks),
        problems,
    }
}

fn read_block(text: &str, block: &[Span], noise: &mut Vec<Noise>, problems: &mut Vec<Problem>, cues: &mut Vec<Cue>) {
    let timing_at = block.iter().position(|l| l.slice(text).contains("-->"));
    let Some(t) = timing_at else {
        problems.push(Problem {
            span: block[0],
            severity: Severity::Warning,
            code: "cue-no-timing",
            message: "this cue has no timing line (`00:00:01,000 --> 00:00:02,000`); its text is read without a time"
                .into(),
        });
        let numbered = block[0].slice(text).trim().bytes().all(|b| b.is_ascii_digit());
        let from = usize::from(numbered && block.len() > 1);
        noise.extend(block[..from].iter().map(|&l| Noise::blank(l)));
        cues.push(Cue { time: None, lines: block[from..].to_vec() });
        return;
    };
    // Before the timing line: the cue number, or text that belongs to no cue.
    for &line in &block[..t] {
        let s = line.slice(text).trim();
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            problems.push(Problem {
                span: line,
                severity: Severity::Warning,
                code: "cue-text-before-timing",
                message: "text before a cue's timing line, where its number should be; it is read as caption text"
                    .into(),
            });
            cues.push(Cue { time: None, lines: vec![line] });
        } else {
            noise.push(Noise::blank(line));
        }
    }
    let line = block[t];
    noise.push(Noise::blank(line));
    let time = timing(line.slice(text));
    if time.is_none() {
        problems.push(Problem {
            span: line,
            severity: Severity::Warning,
            code: "cue-bad-timing",
            message: format!(
                "`{}` is not a SubRip timing line `00:00:01,000 --> 00:00:02,000`; the cue is read without a time",
                line.slice(text).trim()
            ),
        });
    }
    cues.push(Cue { time, lines: block[t + 1..].to_vec() });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::transcript::parse_reading;

    #[test]
    fn a_label_on_the_first_cue_of_a_turn_opens_it_and_the_rest_follow() {
        let text = "1\n00:00:00,179 --> 00:00:02,399\nTravis: When you first get\nstarted in podcasting, it's\n\n\
                    2\n00:00:02,400 --> 00:00:04,799\nalmost guaranteed.\n\n\
                    3\n00:00:04,801 --> 00:00:07,980\nSarah: Creating good audio\n\n\
                    4\n00:00:07,980 --> 00:00:09,000\nis <i>really</i> key.\n\n\
                    5\n00:00:09,000 --> 00:00:10,000\nTravis: Right.\n\n\
                    6\n00:00:10,000 --> 00:00:11,000\nSarah: Yes.\n";
        let t = parse_reading(text, read(text));
        let turns: Vec<(&str, u64)> =
            t.turns.iter().map(|x| (x.speaker.as_str(), x.time.map_or(0, |t| t.start_ms))).collect();
        assert_eq!(turns, vec![("Travis", 179), ("Sarah", 4_801), ("Travis", 9_000), ("Sarah", 10_000)]);
        assert_eq!(t.turns[0].words, 10, "{:?}", t.turns[0]);
        assert_eq!(t.turns[0].time.map(|x| x.range_label()).as_deref(), Some("0:00–0:04"));
    }
}
