//! Block-level pre-pass over INDEX.md: hides what is not index content
//! (fenced code blocks, HTML comments, inline code) and collects
//! reference-style link definitions, which may sit anywhere in the file.
//!
//! Hiding works by masking: the masked copy has the same length as the text,
//! with every hidden byte turned into a space (line breaks kept), so byte
//! offsets found in the masked copy are offsets into the original text and
//! the masked copy stays valid UTF-8.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::corpus::text::Span;

/// A `[label]: target` definition.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct RefDefinition {
    /// The target as written (without `<...>`), before percent-decoding.
    pub target_span: Span,
    pub target: String,
    /// The whole definition line.
    pub line_span: Span,
}

/// Returns `text` with fenced code blocks, HTML comments and inline code spans
/// replaced by spaces (line breaks kept).
pub(super) fn mask_non_content(text: &str) -> String {
    let mut masked = text.to_string();
    let mut fence: Option<(u8, usize)> = None;
    let mut in_comment = false;
    let mut pos = 0;
    for raw in text.split_inclusive('\n') {
        let content_len = raw.trim_end_matches(['\n', '\r']).len();
        let line = &raw[..content_len];
        let line_span = pos..pos + content_len;
        pos += raw.len();
        if let Some((ch, len)) = fence {
            // Inside a fence: the closing fence is the same character, at least as long.
            let closes = fence_marker(line).is_some_and(|(c2, l2)| {
                c2 == ch && l2 >= len && line.trim_start().trim_start_matches(ch as char).trim().is_empty()
            });
            if closes {
                fence = None;
            }
            blank(&mut masked, line_span);
            continue;
        }
        if let Some(marker) = fence_marker(line).filter(|_| !in_comment) {
            fence = Some(marker);
            blank(&mut masked, line_span);
            continue;
        }
        // HTML comments may open and close anywhere, several per line.
        let mut at = 0;
        while at < line.len() {
            if in_comment {
                match line[at..].find("-->") {
                    Some(i) => {
                        blank(&mut masked, line_span.start + at..line_span.start + at + i + 3);
                        at += i + 3;
                        in_comment = false;
                    }
                    None => {
                        blank(&mut masked, line_span.start + at..line_span.end);
                        at = line.len();
                    }
                }
            } else {
                match line[at..].find("<!--") {
                    Some(i) => {
                        at += i;
                        in_comment = true;
                    }
                    None => break,
                }
            }
        }
        // Inline code spans: `...` on one line.
        let current = masked[line_span.clone()].to_string();
        for m in INLINE_CODE.find_iter(&current) {
            blank(&mut masked, line_span.start + m.start()..line_span.start + m.end());
        }
    }
    masked
}

/// Collects `[label]: target` definitions from the masked text, keyed by the
/// normalised label; the first definition of a label wins, as in CommonMark.
pub(super) fn reference_definitions(masked: &str) -> HashMap<String, RefDefinition> {
    let mut defs = HashMap::new();
    let mut pos = 0;
    for raw in masked.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        if let Some(c) = REF_DEFINITION.captures(line) {
            let label = normalize_label(c.get(1).map_or("", |m| m.as_str()));
            let target = c.get(2).or_else(|| c.get(3));
            if let Some(t) = target.filter(|_| !label.is_empty()) {
                defs.entry(label).or_insert(RefDefinition {
                    target_span: Span::new(pos + t.start(), pos + t.end()),
                    target: t.as_str().to_string(),
                    line_span: Span::new(pos, pos + line.len()),
                });
            }
        }
        pos += raw.len();
    }
    defs
}

/// True when the line is a reference definition (not an entry itself).
pub(super) fn is_reference_definition(line: &str) -> bool {
    REF_DEFINITION.is_match(line)
}

/// CommonMark label matching: case-insensitive, inner whitespace collapsed.
pub(super) fn normalize_label(label: &str) -> String {
    label.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Replaces the bytes of `range` with spaces. Ranges always start and end on
/// ASCII delimiters or line boundaries, so whole characters are replaced and
/// the string stays valid UTF-8; a range that is not on char boundaries is
/// left alone rather than risking a panic.
pub(super) fn blank(s: &mut String, range: std::ops::Range<usize>) {
    if range.start < range.end && s.is_char_boundary(range.start) && s.is_char_boundary(range.end) {
        let spaces = " ".repeat(range.end - range.start);
        s.replace_range(range, &spaces);
    }
}

/// A fence opener: up to three spaces, then three or more backticks or tildes.
fn fence_marker(line: &str) -> Option<(u8, usize)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let ch = *rest.as_bytes().first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let len = rest.bytes().take_while(|&b| b == ch).count();
    (len >= 3).then_some((ch, len))
}

static INLINE_CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"`[^`]+`").expect("valid regex"));

static REF_DEFINITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^ {0,3}\[([^\[\]]+)\]:[ \t]*(?:<([^<>]*)>|(\S+))(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^()]*\)))?[ \t]*$"#)
        .expect("valid regex")
});
