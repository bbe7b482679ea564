//! Markdown transcripts (`.md` other than INDEX.md): YAML front matter,
//! `**Name:**` and `### Name` labels, escaped timestamps `\[00:31\]`.
//!
//! The front matter is noise and gives the metadata (`title`, `date`,
//! `source`, `speakers`, `language`). In the body, backslash escapes and
//! entities stand for their characters, and HTML comments, images and link
//! destinations (`](https://...)`) are noise; the rest is read as plain
//! text, emphasis around labels included.
//!
//! Whether the file is a transcript at all is decided here with the
//! parser's help (`is_transcript`): front matter that says so (a key such as
//! `speakers`, `transcript`, `interviewer`, `episode`, or a `type`, `layout`
//! or `tags` naming a transcript, interview, podcast, briefing or minutes),
//! or a body in which the parser finds two turns or more. Anything else is
//! the user's note, and is left alone.

use crate::corpus::formats::dates::date_in_text;
use crate::corpus::formats::escapes::{backslash_escapes_in, entities_in};
use crate::corpus::text::Span;
use crate::corpus::transcript::{DateFrom, Format, Metadata, Noise, Reading, Transcript};

/// Keys whose presence says the file is a transcript.
const TRANSCRIPT_KEYS: [&str; 12] = [
    "speakers",
    "participants",
    "transcript",
    "interviewer",
    "interviewee",
    "guests",
    "guest",
    "hosts",
    "host",
    "episode",
    "recorded",
    "duration",
];

/// Words in `type`, `layout`, `category` or `tags` that say so.
const TRANSCRIPT_KINDS: [&str; 8] =
    ["transcript", "interview", "podcast", "briefing", "minutes", "press", "hearing", "debate"];

/// A Markdown file read: the reading, and whether its front matter says it is a transcript.
pub(super) struct MarkdownReading {
    pub reading: Reading,
    pub declared: bool,
}

pub(super) fn read(text: &str) -> MarkdownReading {
    let mut noise = Vec::new();
    let mut meta = Metadata::default();
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let (body_start, declared) = match front_matter(text, start) {
        Some((end, fields)) => {
            noise.push(Noise::blank(Span::new(start, end)));
            let declared = apply_front_matter(&fields, &mut meta);
            (end, declared)
        }
        None => (start, false),
    };
    let body = Span::new(body_start, text.len());
    backslash_escapes_in(text, body, &mut noise);
    entities_in(text, body, &mut noise);
    markup_noise(text, body, &mut noise);
    if meta.title.is_none()
        && let Some((title, span)) = first_heading(text, body_start)
    {
        meta.offer_title(&title, Some(span));
    }
    let reading = Reading {
        format: Format::Markdown,
        meta,
        noise,
        body_start,
        header_line: false,
        blocks: None,
        problems: Vec::new(),
    };
    MarkdownReading { reading, declared }
}

/// True when a parsed Markdown file is a transcript (see the module note).
pub(super) fn is_transcript(declared: bool, t: &Transcript) -> bool {
    declared || t.turns.len() >= 2
}

/// A field of front matter: key (lower case), value (joined, unquoted), the value's span.
struct Field {
    key: String,
    value: String,
    items: Vec<String>,
    span: Span,
}

/// The front matter at `start` (`---` ... `---` or `...`): where the body
/// starts and its fields. Only the flat `key: value` and list subset of YAML
/// that front matter uses is read.
fn front_matter(text: &str, start: usize) -> Option<(usize, Vec<Field>)> {
    let rest = &text[start..];
    let first_end = rest.find('\n')?;
    if rest[..first_end].trim_end() != "---" {
        return None;
    }
    let mut fields: Vec<Field> = Vec::new();
    let mut at = start + first_end + 1;
    while at < text.len() {
        let line_end = text[at..].find('\n').map_or(text.len(), |e| at + e);
        let line = text[at..line_end].trim_end_matches('\r');
        let next = (line_end + 1).min(text.len());
        if line.trim_end() == "---" || line.trim_end() == "..." {
            return Some((next, fields));
        }
        let indented = line.starts_with([' ', '\t']);
        let trimmed = line.trim();
        if let Some(item) = trimmed.strip_prefix("- ").filter(|_| !fields.is_empty()) {
            if let Some(f) = fields.last_mut() {
                f.items.push(unquote(item));
            }
        } else if indented && !trimmed.is_empty() {
            // A folded value goes on.
            if let Some(f) = fields.last_mut() {
                // In a double-quoted scalar a backslash at the end of a line
                // joins the next line without a space.
                f.value = match f.value.strip_suffix('\\') {
                    Some(joined) if f.value.starts_with('"') => format!("{joined}{trimmed}"),
                    _ => format!("{} {}", f.value, trimmed),
                };
                f.span.end = at + line.len();
            }
        } else if let Some((key, value)) = trimmed.split_once(':') {
            let value_at = at + (line.len() - line.trim_start().len()) + key.len() + 1;
            let raw = value.trim();
            let lead = value.len() - value.trim_start().len();
            fields.push(Field {
                key: key.trim().to_lowercase(),
                value: raw.to_string(),
                items: Vec::new(),
                span: Span::new(value_at + lead, value_at + lead + raw.len()),
            });
        }
        at = next;
    }
    None
}

/// Applies front matter to the metadata; true when it declares a transcript.
fn apply_front_matter(fields: &[Field], meta: &mut Metadata) -> bool {
    let mut declared = false;
    for f in fields {
        let value = unquote(&f.value);
        let list = || -> Vec<String> {
            let inline = value.trim_start_matches('[').trim_end_matches(']');
            let mut items: Vec<String> = inline.split(',').map(unquote).filter(|s| !s.is_empty()).collect();
            items.extend(f.items.iter().cloned());
            items
        };
        match f.key.as_str() {
            "title" => meta.offer_title(&value, None),
            "date" | "published" | "published_time" | "recorded" if meta.date_from != Some(DateFrom::Declared) => {
                if let Some((d, r)) = date_in_text(&f.value) {
                    meta.offer_date(
                        d,
                        Some(Span::new(f.span.start + r.start, f.span.start + r.end)),
                        DateFrom::Declared,
                    );
                }
            }
            "source" | "source_url" | "url" | "link" | "publisher" | "podcast" | "show" if meta.source.is_none() => {
                meta.source = Some(value.clone()).filter(|s| !s.is_empty());
            }
            "language" | "lang" => meta.language = Some(value.clone()).filter(|s| !s.is_empty()),
            _ => {}
        }
        if ["speakers", "participants"].contains(&f.key.as_str()) {
            meta.speakers.extend(list());
        }
        if TRANSCRIPT_KEYS.contains(&f.key.as_str()) {
            declared = true;
        }
        if ["type", "layout", "category", "categories", "tags", "kind"].contains(&f.key.as_str()) {
            let words = list().join(" ").to_lowercase();
            declared |= TRANSCRIPT_KINDS.iter().any(|k| words.contains(k));
        }
    }
    declared
}

/// A YAML scalar without its quotes, with the escapes front matter uses.
fn unquote(s: &str) -> String {
    let s = s.trim();
    let inner = s
        .strip_prefix('"')
        .and_then(|x| x.strip_suffix('"'))
        .or_else(|| s.strip_prefix('\'').and_then(|x| x.strip_suffix('\'')));
    match inner {
        Some(inner) if s.starts_with('"') => double_quoted(inner),
        Some(inner) => inner.replace("''", "'"),
        None => s.to_string(),
    }
    .split_whitespace()
    .collect::<Vec<_>>()
    .join(" ")
}

/// The escapes of a YAML double-quoted scalar: `\u2019`, `\x41`, `\_` (a
/// no-break space, read as a space), `\"`, `\\`, `\n`, `\t`; an unknown one
/// keeps its character.
fn double_quoted(inner: &str) -> String {
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else { break };
        let hex = |chars: &mut std::str::Chars, n: usize| {
            let digits: String = chars.by_ref().take(n).collect();
            u32::from_str_radix(&digits, 16).ok().and_then(char::from_u32)
        };
        match e {
            // Invisible format characters (word joiner, zero-width space) are dropped.
            'u' => {
                out.extend(hex(&mut chars, 4).filter(|c| !matches!(c, '\u{2060}' | '\u{200b}' | '\u{feff}' | '\u{ad}')))
            }
            'U' => out.extend(hex(&mut chars, 8)),
            'x' => out.extend(hex(&mut chars, 2)),
            'n' | 't' | '_' | ' ' | 'N' | 'L' | 'P' => out.push(' '),
            other => out.push(other),
        }
    }
    out
}

/// HTML comments, images and link destinations in the body.
fn markup_noise(text: &str, body: Span, noise: &mut Vec<Noise>) {
    let slice = body.slice(text);
    let mut from = 0;
    while let Some(k) = slice[from..].find("<!--") {
        let at = from + k;
        let end = slice[at..].find("-->").map_or(slice.len(), |e| at + e + 3);
        noise.push(Noise::blank(Span::new(body.start + at, body.start + end)));
        from = end;
    }
    // `](destination)`: the destination and its brackets; `![alt](src)` whole.
    for (k, _) in slice.match_indices("](") {
        let Some(close) = slice[k..].find(')') else { continue };
        let end = k + close + 1;
        if slice[k..end].contains(char::is_whitespace) && !slice[k + 2..end - 1].starts_with('<') {
            continue;
        }
        let open = slice[..k].rfind('[').unwrap_or(k);
        let image = open > 0 && slice.as_bytes()[open - 1] == b'!';
        let from = if image { open - 1 } else { k };
        noise.push(Noise::blank(Span::new(body.start + from, body.start + end)));
        if !image {
            noise.push(Noise::blank(Span::new(body.start + open, body.start + open + 1)));
        }
    }
}

/// The first `# Title` heading of the body, if it comes before any other text.
fn first_heading(text: &str, from: usize) -> Option<(String, Span)> {
    let mut at = from;
    for line in text[from..].split('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let title = trimmed.strip_prefix("# ")?.trim();
            let lead = line.len() - line.trim_start().len() + 2;
            return Some((title.to_string(), Span::new(at + lead, at + lead + title.len())));
        }
        at += line.len() + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::transcript::parse_reading;

    #[test]
    fn front_matter_titles_decode_yaml_escapes() {
        // whitehouse.gov's exports: `\_` no-break spaces, `\u2019` apostrophes,
        // a `\u2060` word joiner, and a line broken inside a word with `\`.
        let text = "---\ntitle: \"Remarks on President\\_Biden\\u2019\\\n  s COVID-\\u206019 Plan\"\ntype: transcript\n---\n\nTHE PRESIDENT: Hello.\n";
        let r = read(text);
        assert_eq!(r.reading.meta.title.as_deref(), Some("Remarks on President Biden’s COVID-19 Plan"));
    }

    #[test]
    fn front_matter_gives_metadata_and_is_noise() {
        let text = "---\ntags: press-briefings\ndate: '2021-07-28'\ntitle: \"Press Gaggle by Karine Jean-Pierre Aboard\\\n  \\ Air Force One\"\n---\n\nMS. JEAN-PIERRE:  Hey, everybody.\n\nQ    Thank you.\n\nMS. JEAN-PIERRE:  Sure.\n\nQ    And then?\n\nMS. JEAN-PIERRE:  Yes.\n";
        let r = read(text);
        assert!(r.declared, "a press briefing says it is a transcript");
        assert_eq!(r.reading.meta.title.as_deref(), Some("Press Gaggle by Karine Jean-Pierre Aboard Air Force One"));
        assert_eq!(r.reading.meta.date.map(|d| d.to_string()).as_deref(), Some("2021-07-28"));
        let t = parse_reading(text, r.reading);
        assert_eq!(
            t.turns.iter().map(|t| t.speaker.as_str()).collect::<Vec<_>>(),
            vec!["MS. JEAN-PIERRE", "Q", "MS. JEAN-PIERRE", "Q", "MS. JEAN-PIERRE"]
        );
        assert!(!t.analysis_text(text).contains("press-briefings"));
    }

    #[test]
    fn bold_labels_and_escaped_times() {
        let text = "**Adam Stacoviak:** \\[00:31\\] Welcome to the series.\n\n**Arunesh Chandra:** You know, Node grows.\n\n\
                    **Adam Stacoviak:** \\[04:10\\] Right.\n\n**Gaurav Seth:** High-level bit.\n\n**Arunesh Chandra:** Yes.\n";
        let r = read(text);
        assert!(!r.declared);
        let t = parse_reading(text, r.reading);
        assert!(is_transcript(false, &t));
        let turns: Vec<(&str, Option<u64>)> =
            t.turns.iter().map(|x| (x.speaker.as_str(), x.time.map(|t| t.start_ms))).collect();
        assert_eq!(
            turns,
            vec![
                ("Adam Stacoviak", Some(31_000)),
                ("Arunesh Chandra", None),
                ("Adam Stacoviak", Some(250_000)),
                ("Gaurav Seth", None),
                ("Arunesh Chandra", None)
            ]
        );
        assert_eq!(t.turns[0].words, 4, "the time is no word: {}", t.analysis_text(text));
    }

    #[test]
    fn a_note_is_not_a_transcript() {
        let text = "# Reading list\n\nSee [the speech](https://example.org/speech) and note: it matters.\n";
        let r = read(text);
        assert_eq!(r.reading.meta.title.as_deref(), Some("Reading list"));
        let t = parse_reading(text, r.reading);
        assert!(!is_transcript(r.declared, &t));
        assert!(!t.analysis_text(text).contains("https"));
    }
}
