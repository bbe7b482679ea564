//! Fuzz target: the INDEX.md parser on arbitrary (lossily decoded) bytes. It
//! must never panic, spans must lie inside the text on character boundaries,
//! and link resolution must never climb out of the corpus.
#![no_main]

use libfuzzer_sys::fuzz_target;
use speech_ls::corpus::paths::resolve_link;
use speech_ls::corpus::{Span, parse_index};

fn check(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end && span.end <= text.len(), "{what} {span:?} out of bounds");
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "{what} {span:?} splits a char");
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = parse_index(&text);
    for h in &doc.headings {
        check(&text, h.span, "heading");
        assert!(h.entries.end <= doc.entries.len());
    }
    for e in &doc.entries {
        check(&text, e.span, "entry");
        for l in &e.links {
            check(&text, l.span, "link");
            check(&text, l.target_span, "target");
            if let Ok(path) = resolve_link(&l.target) {
                assert!(!path.starts_with('/') && !path.split('/').any(|s| s == ".." || s.is_empty()), "{path}");
            }
        }
        for tag in &e.tags {
            check(&text, tag.span, "tag");
        }
    }
});
