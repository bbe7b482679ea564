//! What a file says about itself: its date, title, source, language and
//! speakers, wherever it says it (the ` date ` header line, front matter, a
//! WebVTT or JSON header, a title line, a date near the top, the file name).
//! The readers fill it in; `index --write`, the "Add to INDEX.md" fix, the
//! consistency checks and the glance read it.

use crate::corpus::text::{Date, Span};

/// Where a file's date was read, most explicit first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DateFrom {
    /// The ` date YYYY-MM-DD Source: ...` line.
    Header,
    /// A `date:` key of front matter or of a caption or JSON header.
    Declared,
    /// A date stated in the first lines of the text ("March 3, 2021").
    Text,
    /// A date in the file name (`2021-03-03_interview.vtt`).
    FileName,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    /// Where the title is written, when it is in the file.
    pub title_span: Option<Span>,
    pub date: Option<Date>,
    /// Where the date is written, when it is in the file.
    pub date_span: Option<Span>,
    pub date_from: Option<DateFrom>,
    pub source: Option<String>,
    pub language: Option<String>,
    /// Speakers as the file lists them (front matter, a JSON header), in order.
    pub speakers: Vec<String>,
}

impl Metadata {
    /// Sets the date unless one from a more explicit place is already known.
    pub fn offer_date(&mut self, date: Date, span: Option<Span>, from: DateFrom) {
        if self.date_from.is_none_or(|known| from < known) {
            self.date = Some(date);
            self.date_span = span;
            self.date_from = Some(from);
        }
    }

    /// Sets the title unless one is known; blank titles are ignored.
    pub fn offer_title(&mut self, title: &str, span: Option<Span>) {
        let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        if self.title.is_none() && !title.is_empty() {
            self.title = Some(title);
            self.title_span = span;
        }
    }
}
