//! Fuzz target: the transcript parser on arbitrary (lossily decoded) bytes.
//! It must never panic, and every span it returns must lie inside the text on
//! character boundaries, with paragraphs and turns in order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use speech_ls::corpus::{Span, parse_transcript};

fn check(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end && span.end <= text.len(), "{what} {span:?} out of bounds");
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "{what} {span:?} splits a char");
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let t = parse_transcript(&text);
    if let Some(h) = &t.header {
        check(&text, h.span, "header");
        h.date_span.iter().for_each(|s| check(&text, *s, "date"));
        h.source_span.iter().for_each(|s| check(&text, *s, "source"));
    }
    let mut last_end = 0;
    for p in &t.paragraphs {
        check(&text, p.span, "paragraph");
        assert!(p.span.start >= last_end, "paragraphs overlap");
        last_end = p.span.end;
    }
    for turn in &t.turns {
        check(&text, turn.span, "turn");
        check(&text, turn.label_span, "label");
        assert!(turn.paragraphs.end <= t.paragraphs.len());
    }
    for part in &t.parts {
        check(&text, part.span, "part");
        assert!(part.turns.end <= t.turns.len() && part.paragraphs.end <= t.paragraphs.len());
    }
    for problem in &t.problems {
        check(&text, problem.span, "problem");
    }
});
