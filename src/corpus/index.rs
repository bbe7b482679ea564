//! The INDEX.md parser: finds the entries that list transcripts, with their
//! links, dates, titles and `#tags`, grouped under markdown headings.
//!
//! FIRST DRAFT: inline links only; the other link forms come next.

use std::ops::Range;

use crate::corpus::text::{Date, Problem, Span};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct IndexDoc {
    pub headings: Vec<IndexHeading>,
    pub entries: Vec<IndexEntry>,
    pub problems: Vec<Problem>,
}

/// A markdown heading (`## 2021`) that groups the entries below it.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexHeading {
    pub level: u8,
    pub title: String,
    /// The whole heading line.
    pub span: Span,
    /// Until the next heading of the same or a higher level.
    pub section: Span,
    /// Indexes into `IndexDoc::entries`.
    pub entries: Range<usize>,
}

/// One list item or line that names at least one transcript, or that looks
/// like an entry (a list item with a date) but has no link a reader can follow.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexEntry {
    /// The entry's line (or list item), without its line break.
    pub span: Span,
    /// 0-based line number of the entry, for messages like `INDEX.md:12`.
    pub line: usize,
    pub links: Vec<IndexLink>,
    pub date: Option<Date>,
    pub date_span: Option<Span>,
    /// The link text of the first link, or the text left when links, date
    /// and tags are removed.
    pub title: Option<String>,
    pub tags: Vec<Tag>,
    /// The innermost heading above the entry, index into `IndexDoc::headings`.
    pub heading: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// `[text](target)`
    Inline,
    /// `[text][ref]` or `[ref]` with a `[ref]: target` definition.
    Reference,
    /// `[[target]]`, `[[target|alias]]`
    Wiki,
    /// `<target>`
    Autolink,
    /// A bare file name such as `000_dfd047e8c9417aac.txt`.
    Bare,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndexLink {
    pub kind: LinkKind,
    /// The whole link as written, e.g. `[Title](a.txt)`.
    pub span: Span,
    /// Just the target as written, e.g. `a.txt` (for wiki links without
    /// `.txt`, the name as written).
    pub target_span: Span,
    /// The target decoded (percent-decoding, `<...>` removed) but not yet
    /// resolved against the corpus; see `paths::resolve_link`.
    pub target: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// Without the `#`, as written.
    pub name: String,
    /// Including the `#`.
    pub span: Span,
}

impl IndexDoc {
    /// The entry whose line contains `offset`.
    pub fn entry_at(&self, offset: usize) -> Option<usize> {
        self.entries.iter().position(|e| e.span.contains(offset))
    }
}

/// Parses INDEX.md. Never fails.
pub fn parse_index(text: &str) -> IndexDoc {
    let mut doc = IndexDoc::default();
    let mut pos = 0;
    let link = regex_inline();
    for (line_no, raw) in text.split_inclusive('\n').enumerate() {
        let content = raw.trim_end_matches(['\n', '\r']);
        let span = Span::new(pos, pos + content.len());
        if let Some(rest) = content.strip_prefix('#') {
            let level = 1 + rest.chars().take_while(|&c| c == '#').count();
            let title = content.trim_start_matches('#').trim();
            if content[level..].starts_with(' ') || title.is_empty() {
                doc.headings.push(IndexHeading {
                    level: level as u8,
                    title: title.to_string(),
                    span,
                    section: span,
                    entries: doc.entries.len()..doc.entries.len(),
                });
            }
        } else {
            let mut links = Vec::new();
            let mut title = None;
            for c in link.captures_iter(content) {
                let whole = c.get(0).unwrap();
                let target = c.get(2).unwrap();
                title.get_or_insert_with(|| c[1].to_string());
                links.push(IndexLink {
                    kind: LinkKind::Inline,
                    span: Span::new(pos + whole.start(), pos + whole.end()),
                    target_span: Span::new(pos + target.start(), pos + target.end()),
                    target: target.as_str().to_string(),
                });
            }
            if !links.is_empty() {
                let tags = tag_regex()
                    .captures_iter(content)
                    .map(|c| {
                        let m = c.get(1).unwrap();
                        Tag { name: m.as_str()[1..].to_string(), span: Span::new(pos + m.start(), pos + m.end()) }
                    })
                    .collect();
                let date_m = date_regex().find(content);
                doc.entries.push(IndexEntry {
                    span,
                    line: line_no,
                    links,
                    date: date_m.and_then(|m| Date::parse_iso(m.as_str())),
                    date_span: date_m.map(|m| Span::new(pos + m.start(), pos + m.end())),
                    title,
                    tags,
                    heading: doc.headings.len().checked_sub(1),
                });
            }
        }
        pos += raw.len();
    }
    let n = doc.entries.len();
    let count = doc.headings.len();
    for h in 0..count {
        let start = doc.entries.iter().position(|e| e.heading.is_some_and(|x| x >= h)).unwrap_or(n);
        let end = doc.entries.iter().rposition(|e| e.heading == Some(h)).map(|i| i + 1).unwrap_or(start);
        doc.headings[h].entries = start..end.max(start);
    }
    doc
}

fn regex_inline() -> regex::Regex {
    regex::Regex::new(r"\[([^\]]*)\]\(([^)\s]+)\)").unwrap()
}

fn tag_regex() -> regex::Regex {
    regex::Regex::new(r"(?:^|\s)(#[\p{L}\p{N}_][\p{L}\p{N}_/-]*)").unwrap()
}

fn date_regex() -> regex::Regex {
    regex::Regex::new(r"\b\d{4}-\d{2}-\d{2}\b").unwrap()
}
