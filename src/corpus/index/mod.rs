//! The INDEX.md parser: finds the entries that list transcripts, with their
//! links, dates, titles and `#tags`, grouped under markdown headings.
//!
//! An entry is a list item (with its indented continuation lines) or a plain
//! line that carries at least one link to a file; a list item or line with a
//! date (or, for list items, a `#tag`) but no followable link is an entry
//! with zero links, so that the consistency check can report it. Fenced code
//! blocks, HTML comments and inline code are never read. The parse is one
//! linear pass with precompiled regexes: an index of 17,000 entries is fine.

mod blocks;
mod links;

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::corpus::text::{Date, Problem, Severity, Span};

/// Code of the problem for a `[text][label]` whose label has no definition.
pub const REF_UNDEFINED: &str = "ref-undefined";
/// Code of the problem for an entry date that is not a real calendar date.
pub const ENTRY_DATE_INVALID: &str = "entry-date-invalid";

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
    /// `.txt`, the name as written). For reference links this is the target
    /// in the `[ref]: a.txt` definition, which may be on another line.
    pub target_span: Span,
    /// The target decoded (percent-decoding, `<...>` removed) but not yet
    /// resolved against the corpus, for messages; see `IndexLink::path`.
    pub target: String,
    /// The target as written (`<...>` removed, nothing decoded): what the
    /// path is resolved from, because a `%23` names a `#` in a file name
    /// while a `#` starts a fragment.
    pub written: String,
}

impl IndexLink {
    /// The corpus path the link names (not checked against the corpus; a
    /// wiki link's `.txt` is not added): percent-decoded except in wiki
    /// links, which are written as plain names.
    pub fn path(&self) -> Result<crate::corpus::paths::RelPath, crate::corpus::paths::Unresolvable> {
        crate::corpus::paths::resolve_written(&self.written, self.kind != LinkKind::Wiki)
    }
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
        // Entries are in text order and do not overlap: a binary search
        // keeps this fast on an index of 17,000 entries.
        let i = self.entries.partition_point(|e| e.span.end < offset);
        (i < self.entries.len() && self.entries[i].span.contains(offset)).then_some(i)
    }
}

/// Parses INDEX.md. Never fails.
pub fn parse_index(text: &str) -> IndexDoc {
    let masked = blocks::mask_non_content(text);
    let defs = blocks::reference_definitions(&masked);
    let mut doc = IndexDoc::default();
    let mut item: Option<Item> = None;
    let mut pos = 0;
    for (line_no, raw) in masked.split_inclusive('\n').enumerate() {
        let line = raw.trim_end_matches(['\n', '\r']);
        let span = Span::new(pos, pos + line.len());
        pos += raw.len();
        let blank_line = line.trim().is_empty();
        let continues = !blank_line
            && item.as_ref().is_some_and(|it| it.is_list)
            && (line.starts_with("  ") || line.starts_with('\t'))
            && !LIST_MARKER.is_match(line)
            && !blocks::is_reference_definition(line);
        if continues {
            if let Some(it) = item.as_mut() {
                it.lines.push(span);
            }
            continue;
        }
        if let Some(done) = item.take() {
            finish_item(done, text, &masked, &defs, &mut doc);
        }
        if blank_line || blocks::is_reference_definition(line) {
            continue;
        }
        if let Some(c) = HEADING.captures(line) {
            let level = c.get(1).map_or(1, |m| m.len()) as u8;
            let title = c.get(2).map_or("", |m| m.as_str()).trim();
            let title = title.trim_end_matches('#').trim_end();
            doc.headings.push(IndexHeading { level, title: title.to_string(), span, section: span, entries: 0..0 });
            continue;
        }
        let is_list = LIST_MARKER.is_match(line);
        item = Some(Item { line: line_no, is_list, lines: vec![span] });
    }
    if let Some(done) = item.take() {
        finish_item(done, text, &masked, &defs, &mut doc);
    }
    close_sections(&mut doc, text);
    doc
}

/// Lines gathered into one list item or plain line.
struct Item {
    line: usize,
    is_list: bool,
    lines: Vec<Span>,
}

fn finish_item(
    item: Item,
    text: &str,
    masked: &str,
    defs: &std::collections::HashMap<String, blocks::RefDefinition>,
    doc: &mut IndexDoc,
) {
    let (Some(first), Some(last)) = (item.lines.first(), item.lines.last()) else { return };
    let span = Span::new(first.start, last.end);
    let mut found = Vec::new();
    for line in &item.lines {
        let scanned = links::scan_line(line.slice(masked), line.start, defs);
        for (at, label) in scanned.undefined_refs {
            doc.problems.push(Problem {
                span: at,
                severity: Severity::Warning,
                code: REF_UNDEFINED,
                message: format!("no definition for the link reference `[{label}]`: add a line `[{label}]: file.txt`"),
            });
        }
        found.extend(scanned.links);
    }
    // Working copies of the item relative to `span.start`: `no_targets`
    // keeps link text (a date may be written there), `no_links` hides links
    // entirely (tags and the leftover title are read from it).
    let mut no_targets = span.slice(masked).to_string();
    let mut no_links = no_targets.clone();
    for l in &found {
        let rel = |s: Span| s.start.saturating_sub(span.start)..s.end.saturating_sub(span.start);
        blocks::blank(&mut no_links, rel(l.span));
        match l.text_span {
            Some(t) if span.contains(l.span.start) => {
                blocks::blank(&mut no_targets, rel(Span::new(l.span.start, t.start)));
                blocks::blank(&mut no_targets, rel(Span::new(t.end, l.span.end)));
            }
            _ => blocks::blank(&mut no_targets, rel(l.span)),
        }
    }
    let date_at = find_date(&no_targets);
    let date_span = date_at.clone().map(|r| Span::new(span.start + r.start, span.start + r.end));
    let date = date_span.and_then(|s| Date::parse_iso(s.slice(text)));
    let tags = find_tags(&no_links, span.start);
    let starts_with_date = date_at.clone().is_some_and(|r| no_targets[..r.start].trim().is_empty());
    let is_entry = !found.is_empty() || (item.is_list && (date_span.is_some() || !tags.is_empty())) || starts_with_date;
    if !is_entry {
        return;
    }
    if let (Some(s), None) = (date_span, date) {
        doc.problems.push(Problem {
            span: s,
            severity: Severity::Warning,
            code: ENTRY_DATE_INVALID,
            message: format!("`{}` is not a real calendar date", s.slice(text)),
        });
    }
    let title = found
        .iter()
        .find_map(|l| l.text.clone().filter(|t| !t.is_empty()))
        .or_else(|| leftover_title(&no_links, date_at, &tags, span.start));
    doc.entries.push(IndexEntry {
        span,
        line: item.line,
        links: found
            .into_iter()
            .map(|l| IndexLink {
                kind: l.kind,
                span: l.span,
                target_span: l.target_span,
                target: l.target,
                written: l.written,
            })
            .collect(),
        date,
        date_span,
        title,
        tags,
        heading: doc.headings.len().checked_sub(1),
    });
}

/// The first `YYYY-MM-DD` that stands alone (not part of a longer token).
fn find_date(s: &str) -> Option<Range<usize>> {
    DATE.find_iter(s).map(|m| m.range()).find(|r| {
        let before = s[..r.start].chars().next_back();
        let after = s[r.end..].chars().next();
        let joins = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '/' | '.'));
        !joins(before) && !joins(after)
    })
}

fn find_tags(s: &str, offset: usize) -> Vec<Tag> {
    let mut tags = Vec::new();
    for c in TAG.captures_iter(s) {
        let Some(m) = c.get(1) else { continue };
        let name = m.as_str().trim_end_matches(['/', '-']);
        if !name.chars().any(char::is_alphabetic) {
            continue;
        }
        // Include the `#`, which sits one byte before the name.
        let start = offset + m.start() - 1;
        tags.push(Tag { name: name.to_string(), span: Span::new(start, start + 1 + name.len()) });
    }
    tags
}

/// The text left when list marker, date, links and tags are removed.
fn leftover_title(no_links: &str, date: Option<Range<usize>>, tags: &[Tag], offset: usize) -> Option<String> {
    let mut rest = no_links.to_string();
    if let Some(r) = date {
        blocks::blank(&mut rest, r);
    }
    for t in tags {
        blocks::blank(&mut rest, t.span.start - offset..t.span.end - offset);
    }
    if let Some(m) = LIST_MARKER.find(&rest) {
        let r = m.range();
        blocks::blank(&mut rest, r);
    }
    let words = rest.split_whitespace().collect::<Vec<_>>().join(" ");
    let title =
        words.trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | '|' | ',' | ';' | '*'));
    (!title.is_empty()).then(|| title.to_string())
}

/// Sets each heading's section (to the next heading of the same or a higher
/// level) and the range of entries inside it.
fn close_sections(doc: &mut IndexDoc, text: &str) {
    let count = doc.headings.len();
    for h in 0..count {
        let level = doc.headings[h].level;
        let start = doc.headings[h].span.start;
        let next = doc.headings[h + 1..].iter().find(|n| n.level <= level).map_or(text.len(), |n| n.span.start);
        let end = text.get(..next).map_or(next, |s| s.trim_end().len()).max(doc.headings[h].span.end);
        doc.headings[h].section = Span::new(start, end);
        let first = doc.entries.partition_point(|e| e.span.start < start);
        let last = doc.entries.partition_point(|e| e.span.start < end);
        doc.headings[h].entries = first..last.max(first);
    }
}

static HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^ {0,3}(#{1,6})(?:[ \t]+(.*))?$").expect("valid regex"));

static LIST_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+\[[ xX]\])?(?:[ \t]+|$)").expect("valid regex"));

static DATE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d{4}-\d{2}-\d{2}").expect("valid regex"));

static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[\s(,;])#([\p{L}\p{N}_][\p{L}\p{N}_/\-]*)").expect("valid regex"));
