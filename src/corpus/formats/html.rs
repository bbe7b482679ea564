//! HTML transcripts (`.html`, `.htm`): Congressional Record pages (`<pre>`
//! text), UK Hansard (`<b>Name (Seat) (Party):</b>`), Podcasting 2.0 HTML
//! (`<cite>Name:</cite> <time>0:00</time> <p>...</p>`).
//!
//! Tags, comments, scripts, styles and the `<head>` are noise; entities
//! stand for their characters; a block tag (`<p>`, `<br>`, `<div>`, ...)
//! stands for a line break. The text left is read as plain text. Where a
//! label is an element of its own (`<b>Name:</b>` or `<cite>Name:</cite>`)
//! and its words follow on the next line, the line breaks between them stand
//! for spaces, so that label and words share a line as in any transcript.

use crate::corpus::formats::escapes::entities_in;
use crate::corpus::text::Span;
use crate::corpus::transcript::{Format, Metadata, Noise, Reading};

/// Tags that end a line of text.
const BLOCK_TAGS: [&str; 24] = [
    "p",
    "br",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "pre",
    "blockquote",
    "section",
    "article",
    "dt",
    "dd",
    "hr",
    "table",
    "ul",
    "ol",
    "header",
    "footer",
    "body",
];

/// Inline elements that hold a label in the layouts seen.
const LABEL_TAGS: [&str; 6] = ["b", "strong", "cite", "em", "i", "span"];

/// Elements whose content is never text.
const HIDDEN: [&str; 4] = ["script", "style", "head", "noscript"];

pub(super) fn read(text: &str) -> Reading {
    let mut noise = Vec::new();
    let mut meta = Metadata::default();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(found) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + found;
        let Some(tag) = tag_at(text, at) else {
            i = at + 1;
            continue;
        };
        i = tag.end;
        if tag.comment {
            noise.push(Noise::blank(Span::new(at, tag.end)));
            continue;
        }
        if !tag.closing && (HIDDEN.contains(&tag.name.as_str()) || tag.name == "title") {
            let end = closing_end(text, tag.end, &tag.name).unwrap_or(tag.end);
            if let Some(title) = title_in(text, at, end) {
                meta.offer_title(&title, None);
            }
            noise.push(Noise::blank(Span::new(at, end)));
            i = end;
            continue;
        }
        let span = Span::new(at, tag.end);
        if BLOCK_TAGS.contains(&tag.name.as_str()) {
            noise.push(Noise::escape(span, '\n'));
        } else {
            noise.push(Noise::blank(span));
        }
        if tag.closing && LABEL_TAGS.contains(&tag.name.as_str()) && text[..at].trim_end().ends_with(':') {
            i = join_label_line(text, tag.end, &mut noise);
        }
    }
    entities_in(text, Span::new(0, text.len()), &mut noise);
    Reading { format: Format::Html, meta, noise, body_start: 0, header_line: false, blocks: None, problems: Vec::new() }
}

struct Tag {
    end: usize,
    /// Lower-cased, without `/`.
    name: String,
    closing: bool,
    comment: bool,
}

/// The tag starting at `at` (`<p class="x">`, `</b>`, `<!-- ... -->`), if one does.
fn tag_at(text: &str, at: usize) -> Option<Tag> {
    let rest = &text[at..];
    if rest.starts_with("<!--") {
        let end = rest.find("-->").map_or(text.len(), |e| at + e + 3);
        return Some(Tag { end, name: String::new(), closing: false, comment: true });
    }
    let after = rest.as_bytes().get(1)?;
    if !(after.is_ascii_alphabetic() || matches!(after, b'/' | b'!' | b'?')) {
        return None;
    }
    // A tag ends at the first `>` outside quotes, within a line or two.
    let mut quote: Option<u8> = None;
    let end = rest.bytes().take(2000).enumerate().skip(1).find_map(|(k, b)| {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => return Some(k),
            _ => {}
        }
        None
    })?;
    let inner = &rest[1..end];
    let closing = inner.starts_with('/');
    let name: String = inner
        .trim_start_matches(['/', '!', '?'])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    Some(Tag { end: at + end + 1, name, closing, comment: false })
}

/// The end of the element `name` whose start tag ends at `from`: past its closing tag.
fn closing_end(text: &str, from: usize, name: &str) -> Option<usize> {
    let lower = text.get(from..)?.to_ascii_lowercase();
    let close = format!("</{name}");
    let at = lower.find(&close)?;
    let end = lower[at..].find('>')?;
    Some(from + at + end + 1)
}

/// The text of the `<title>` element inside `text[from..to]`, if any.
fn title_in(text: &str, from: usize, to: usize) -> Option<String> {
    let slice = text.get(from..to)?;
    let lower = slice.to_ascii_lowercase();
    let open = lower.find("<title")?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].find("</title")?;
    let mut noise = Vec::new();
    entities_in(slice, Span::new(start, end), &mut noise);
    let title = crate::corpus::transcript::noise::analysis_text(slice, &noise);
    Some(title[start..end].split_whitespace().collect::<Vec<_>>().join(" "))
}

/// After a label element (`<b>Name:</b>`), the line breaks and tags up to
/// the first word stand for spaces; returns where the scan goes on.
fn join_label_line(text: &str, from: usize, noise: &mut Vec<Noise>) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() && i < from + 400 {
        match bytes[i] {
            b'\n' | b'\r' => noise.push(Noise::escape(Span::new(i, i + 1), ' ')),
            b' ' | b'\t' => {}
            b'<' => match tag_at(text, i) {
                // A time element's own text ("0:53") is the turn's time: it stays.
                Some(tag) => {
                    noise.push(Noise::blank(Span::new(i, tag.end)));
                    i = tag.end;
                    continue;
                }
                None => return i,
            },
            b if b.is_ascii_digit() || matches!(b, b':' | b'.' | b',') => {}
            _ => return i,
        }
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::transcript::parse_reading;

    #[test]
    fn podcast_html_turns_carry_their_speaker_and_time() {
        let text = "<cite>Travis:</cite>\n<time>0:00</time>\n<p>When you first get started, it&#39;s hard.</p>\n\
                    <cite>Sarah:</cite>\n<time>0:53</time>\n<p>Creating good audio is key.</p>\n\
                    <cite>Travis:</cite>\n<time>1:20</time>\n<p>Right.</p>\n\
                    <cite>Sarah:</cite>\n<time>1:25</time>\n<p>Yes.</p>\n";
        let t = parse_reading(text, read(text));
        let turns: Vec<(&str, Option<u64>)> =
            t.turns.iter().map(|turn| (turn.speaker.as_str(), turn.time.map(|t| t.start_ms))).collect();
        assert_eq!(
            turns,
            vec![("Travis", Some(0)), ("Sarah", Some(53_000)), ("Travis", Some(80_000)), ("Sarah", Some(85_000))]
        );
        assert_eq!(t.turns[0].words, 7, "tags, the time and the entity are no words: {:?}", t.turns[0]);
        let masked = t.analysis_text(text).split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(masked.contains("it's hard") && !masked.contains("<p>") && !masked.contains("0:53"), "{masked}");
    }

    #[test]
    fn the_title_element_is_the_title_and_the_head_is_noise() {
        let text = "<html><head><title>Congressional Record (Tuesday, January 28, 1997)</title></head>\
                    <body><pre>\n  Mr. GORTON. Mr. President, I rise.\n  The PRESIDING OFFICER. Without objection.\n  Mr. GORTON. Thank you.\n</pre></body></html>";
        let r = read(text);
        assert_eq!(r.meta.title.as_deref(), Some("Congressional Record (Tuesday, January 28, 1997)"));
        let t = parse_reading(text, r);
        let speakers: Vec<&str> = t.turns.iter().map(|t| t.speaker.as_str()).collect();
        assert_eq!(speakers, vec!["Mr. GORTON", "The PRESIDING OFFICER", "Mr. GORTON"]);
    }
}
