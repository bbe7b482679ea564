//! Property-style test: the transcript parser never panics on arbitrary
//! byte soup (decoded lossily, as the workspace reads files), and every span
//! it returns lies inside the text, on char boundaries, in order.

use speech_ls::corpus::{Span, parse_transcript};

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Pieces that exercise the parser's branches, mixed with random bytes.
const PIECES: &[&str] = &[
    " date ",
    "2021-03-03",
    "2021-02-30",
    "Source:",
    "\n",
    "\r",
    "\r\n",
    "\n\n",
    ": ",
    ":",
    "* * *",
    "***",
    "(",
    ")",
    "(Applause.)",
    "Q",
    "THE PRESIDENT",
    "Vladimir Putin",
    "President of Russia",
    "Question",
    "\u{feff}",
    "\u{2028}",
    "–",
    "“",
    "é",
    "😀",
    "&nbsp;",
    "63. ",
    "Note",
    " ",
    "Beginning of meeting with ",
    "A video is played.",
];

fn check_span(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end && span.end <= text.len(), "{what} {span:?} out of bounds in {text:?}");
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "{what} {span:?} splits a char");
}

#[test]
fn byte_soup_never_panics_and_spans_stay_in_bounds() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..3000 {
        let mut bytes = Vec::new();
        for _ in 0..rng.next() % 40 {
            if rng.next() % 3 == 0 {
                bytes.push(rng.next() as u8);
            } else {
                bytes.extend_from_slice(PIECES[(rng.next() % PIECES.len() as u64) as usize].as_bytes());
            }
        }
        let text = String::from_utf8_lossy(&bytes);
        let t = parse_transcript(&text);
        if let Some(h) = &t.header {
            check_span(&text, h.span, "header");
            for s in [h.date_span, h.source_span].into_iter().flatten() {
                check_span(&text, s, "header part");
            }
        }
        let mut last_end = 0;
        for p in &t.paragraphs {
            check_span(&text, p.span, "paragraph");
            assert!(p.span.start >= last_end, "paragraphs overlap in {text:?}");
            last_end = p.span.end;
        }
        for turn in &t.turns {
            check_span(&text, turn.span, "turn");
            check_span(&text, turn.label_span, "label");
            assert!(turn.paragraphs.end <= t.paragraphs.len());
            assert_eq!(turn.label_span.slice(&text), turn.speaker);
        }
        for part in &t.parts {
            check_span(&text, part.span, "part");
            assert!(part.turns.end <= t.turns.len() && part.paragraphs.end <= t.paragraphs.len());
        }
        for problem in &t.problems {
            check_span(&text, problem.span, "problem");
        }
        for offset in [0, text.len() / 2, text.len(), text.len() + 1] {
            let _ = (t.paragraph_at(offset), t.turn_at(offset));
        }
    }
}
