//! Where new entries go: in date order, under the right `## YYYY` heading
//! when the index is grouped by years (creating the heading when it is
//! missing), otherwise among all entries; after everything when there is no
//! order to follow. Only insertions are produced: no existing byte moves.

use std::collections::BTreeMap;

use super::TextEdit;
use super::title::{EntryStyle, NewEntry};
use crate::corpus::index::IndexDoc;
use crate::corpus::text::{Date, Span};

/// Where a group of new entries is inserted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Slot {
    /// At the start of an existing entry's line.
    Before(usize),
    /// Right after an existing line (its line break included, if any).
    After(usize),
    /// Under a heading that has no entries yet; the offset is the heading's end.
    UnderHeading(usize),
    /// A `## YYYY` heading that does not exist yet.
    NewYear(u16),
    /// The index has no entries at all: at the end of the file.
    End,
}

/// Edits that insert `entries` into the index.
pub(super) fn insertion_edits(text: &str, doc: &IndexDoc, entries: &[NewEntry]) -> Vec<TextEdit> {
    let layout = Layout::of(doc, text);
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut slots: BTreeMap<Slot, Vec<&NewEntry>> = BTreeMap::new();
    for entry in entries {
        slots.entry(layout.slot(doc, text, entry.date)).or_default().push(entry);
    }
    let mut edits = Vec::new();
    for (slot, mut group) in slots {
        group.sort_by(|a, b| {
            let order = a.date.cmp(&b.date).then_with(|| a.path.cmp(&b.path));
            if layout.descending { order.reverse() } else { order }
        });
        let at = match slot {
            Slot::Before(o) | Slot::After(o) | Slot::UnderHeading(o) => o,
            Slot::NewYear(year) => layout.new_year_offset(doc, text, year),
            Slot::End => text.len(),
        };
        let style = EntryStyle::near(doc, text, at);
        let lines: Vec<String> = group.iter().map(|e| style.render(e)).collect();
        let body: String = lines.iter().map(|l| format!("{l}{eol}")).collect();
        let needs_break = at == text.len() && !text.is_empty() && !text.ends_with('\n');
        let lead = if needs_break { eol } else { "" };
        let new_text = match slot {
            Slot::Before(_) => body,
            Slot::After(_) => format!("{lead}{body}"),
            Slot::UnderHeading(_) => {
                let blank = if layout.blank_after_heading { eol } else { "" };
                format!("{lead}{blank}{body}")
            }
            Slot::NewYear(year) => {
                let hashes = "#".repeat(usize::from(layout.year_level));
                let blank = if layout.blank_after_heading { eol } else { "" };
                if at < text.len() {
                    format!("{hashes} {year}{eol}{blank}{body}{eol}")
                } else {
                    let gap =
                        if text.is_empty() || text.ends_with("\n\n") || text.ends_with("\r\n\r\n") { "" } else { eol };
                    format!("{lead}{gap}{hashes} {year}{eol}{blank}{body}")
                }
            }
            Slot::End => {
                let gap =
                    if text.is_empty() || text.ends_with("\n\n") || text.ends_with("\r\n\r\n") { "" } else { eol };
                format!("{lead}{gap}{body}")
            }
        };
        edits.push(TextEdit { span: Span::new(at, at), new_text });
    }
    merge_same_offset(edits)
}

/// Several inserts at one offset become one edit, in the order planned, so
/// that every client applies them the same way.
fn merge_same_offset(mut edits: Vec<TextEdit>) -> Vec<TextEdit> {
    edits.sort_by_key(|e| e.span.start);
    let mut out: Vec<TextEdit> = Vec::new();
    for e in edits {
        match out.last_mut() {
            Some(last) if last.span == e.span && e.span.is_empty() => last.new_text.push_str(&e.new_text),
            _ => out.push(e),
        }
    }
    out
}

/// How the index is organised.
struct Layout {
    /// `## YYYY` headings: (heading index, year), in document order.
    years: Vec<(usize, u16)>,
    year_level: u8,
    /// Entries (and year headings) run newest first.
    descending: bool,
    /// Year headings are followed by a blank line (the default when there
    /// is no year heading to copy).
    blank_after_heading: bool,
}

impl Layout {
    fn of(doc: &IndexDoc, text: &str) -> Layout {
        let years: Vec<(usize, u16)> = doc
            .headings
            .iter()
            .enumerate()
            .filter_map(|(i, h)| {
                let t = h.title.trim();
                (t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse().ok().map(|y| (i, y)))?
            })
            .collect();
        let year_level = years.first().and_then(|&(i, _)| doc.headings.get(i)).map_or(2, |h| h.level);
        let dates: Vec<Date> = doc.entries.iter().filter_map(|e| e.date).collect();
        let mut up = dates.windows(2).filter(|w| w[0] < w[1]).count();
        let mut down = dates.windows(2).filter(|w| w[0] > w[1]).count();
        up += years.windows(2).filter(|w| w[0].1 < w[1].1).count();
        down += years.windows(2).filter(|w| w[0].1 > w[1].1).count();
        let blank_after_heading = years.first().and_then(|&(i, _)| doc.headings.get(i)).is_none_or(|h| {
            let next = text.get(line_after(text, h.span)..).unwrap_or("");
            next.lines().next().is_none_or(|l| l.trim().is_empty())
        });
        Layout { years, year_level, descending: down > up, blank_after_heading }
    }

    fn slot(&self, doc: &IndexDoc, text: &str, date: Option<Date>) -> Slot {
        let range = match (date, self.years.is_empty()) {
            (Some(d), false) => match self.years.iter().find(|&&(_, y)| y == d.year) {
                Some(&(h, _)) => match doc.headings.get(h) {
                    Some(heading) if heading.entries.is_empty() => {
                        return Slot::UnderHeading(line_after(text, heading.span));
                    }
                    Some(heading) => heading.entries.clone(),
                    None => 0..doc.entries.len(),
                },
                None => return Slot::NewYear(d.year),
            },
            _ => 0..doc.entries.len(),
        };
        let Some(last) = range.end.checked_sub(1).and_then(|i| doc.entries.get(i)) else { return Slot::End };
        if let Some(d) = date {
            let beyond = |e: Date| if self.descending { e < d } else { e > d };
            let first_beyond =
                doc.entries.get(range.clone()).and_then(|es| es.iter().find(|e| e.date.is_some_and(beyond)));
            if let Some(e) = first_beyond {
                return Slot::Before(e.span.start);
            }
        }
        Slot::After(line_after(text, last.span))
    }

    /// Where a missing year heading goes: before the first year heading that
    /// should follow it, else at the end of the file.
    fn new_year_offset(&self, doc: &IndexDoc, text: &str, year: u16) -> usize {
        let follows = |y: u16| if self.descending { y < year } else { y > year };
        self.years
            .iter()
            .find(|&&(_, y)| follows(y))
            .and_then(|&(h, _)| doc.headings.get(h))
            .map_or(text.len(), |h| h.span.start)
    }
}

/// The offset just after the line break that ends `span`'s line, or the end
/// of the text when the line has none.
fn line_after(text: &str, span: Span) -> usize {
    let rest = text.get(span.end..).unwrap_or("");
    if rest.starts_with("\r\n") {
        span.end + 2
    } else if rest.starts_with('\n') || rest.starts_with('\r') {
        span.end + 1
    } else {
        text.len()
    }
}
