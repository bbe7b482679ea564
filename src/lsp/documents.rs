//! The documents the editor has open, by URI: their text (an `ide::OpenText`
//! each) kept current on every incremental change.
//!
//! Open buffers win over disk: while a document is open, the server answers
//! from this text, and disk events for its path are ignored until it closes.
//! Changes are applied to the text directly: a change's range is turned into
//! a byte span by the text's `LineIndex` (the same conversion every request
//! uses), and the new text is analysed, which rebuilds that index. Every
//! edit costs a pass over the text anyway (the analysis reads it all), so a
//! rope would save nothing.

use std::collections::HashMap;
use std::sync::Arc;

use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use crate::corpus::FileAnalysis;
use crate::corpus::text::LineIndex;
use crate::ide::cancel::Edits;
use crate::ide::{FileRef, OpenText, OpenTexts};
use crate::lsp::from_proto::{self, PositionEncoding};

/// The open documents: their texts for the features, and the URIs the
/// editor knows them by.
#[derive(Debug, Clone, Default)]
pub struct Documents {
    pub texts: OpenTexts,
    files: HashMap<Uri, FileRef>,
    uris: HashMap<FileRef, Uri>,
}

impl Documents {
    /// Opens (or re-opens) a document as `file`, analysed under `rel_path`.
    pub fn open(&mut self, uri: Uri, file: FileRef, version: i32, text: &str, rel_path: &str) -> &OpenText {
        if let Some(old) = self.files.insert(uri.clone(), file.clone())
            && old != file
        {
            self.uris.remove(&old);
            self.texts.remove(&old);
        }
        self.uris.insert(file.clone(), uri);
        let analysis = Arc::new(FileAnalysis::analyze(rel_path, text));
        let edits = Edits::default();
        self.texts.insert(OpenText { file: file.clone(), version, text: Arc::from(text), analysis, edits });
        self.texts.get(&file).expect("just inserted")
    }

    /// Applies the changes of one `didChange` in order (each change's range
    /// refers to the text left by the previous one), then re-analyses.
    /// Ranges past the end clamp; a change without a range replaces the
    /// text. `None` when the document is not open.
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        enc: PositionEncoding,
    ) -> Option<&OpenText> {
        let file = self.files.get(uri)?.clone();
        let open = self.texts.get_mut(&file)?;
        // First of all, so that work on the older text stops while this
        // one is being analysed.
        open.edits.advance();
        let mut text = open.text.to_string();
        for (i, change) in changes.iter().enumerate() {
            match change.range {
                Some(range) => {
                    // The analysis's index describes the text before the
                    // first change; later changes need the text's own.
                    let fresh;
                    let index = if i == 0 {
                        &open.analysis.line_index
                    } else {
                        fresh = LineIndex::new(&text);
                        &fresh
                    };
                    let span = from_proto::span(index, range, enc);
                    text.replace_range(span.range(), &change.text);
                }
                None => text = change.text.clone(),
            }
        }
        open.version = version;
        open.analysis = Arc::new(FileAnalysis::analyze(&open.analysis.path, &text));
        open.text = Arc::from(text);
        Some(open)
    }

    /// Re-analyses an open document under a new corpus-relative path (the
    /// corpora were loaded again).
    pub fn reanalyze_as(&mut self, file: &FileRef, rel_path: &str) -> Option<&OpenText> {
        let open = self.texts.get_mut(file)?;
        if open.analysis.path != rel_path {
            open.edits.advance();
            open.analysis = Arc::new(FileAnalysis::analyze(rel_path, &open.text));
        }
        Some(open)
    }

    /// Closes a document: work on any copy of it is superseded.
    pub fn close(&mut self, uri: &Uri) -> Option<OpenText> {
        let file = self.files.remove(uri)?;
        self.uris.remove(&file);
        self.texts.remove(&file)
    }

    /// The file an open document's URI stands for.
    pub fn file_of(&self, uri: &Uri) -> Option<&FileRef> {
        self.files.get(uri)
    }

    /// The URI the editor opened `file` under, if it is open.
    pub fn uri_of(&self, file: &FileRef) -> Option<&Uri> {
        self.uris.get(file)
    }

    pub fn get(&self, uri: &Uri) -> Option<&OpenText> {
        self.texts.get(self.files.get(uri)?)
    }

    /// Every open document with its URI.
    pub fn iter(&self) -> impl Iterator<Item = (&Uri, &OpenText)> {
        self.files.iter().filter_map(|(uri, file)| Some((uri, self.texts.get(file)?)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn change(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.to_string(),
        }
    }

    fn open(text: &str) -> (Documents, Uri) {
        let uri: Uri = "file:///c/a.txt".parse().expect("valid uri");
        let mut docs = Documents::default();
        docs.open(uri.clone(), FileRef::Disk("/c/a.txt".into()), 1, text, "a.txt");
        (docs, uri)
    }

    fn text_after(docs: &Documents, uri: &Uri) -> String {
        docs.get(uri).map(|d| d.text.to_string()).unwrap_or_default()
    }

    #[test]
    fn changes_apply_in_order_in_utf16() {
        let (mut docs, uri) = open("A – B\r\nsecond 😀 line\n");
        // After the en dash (1 UTF-16 unit), then after the emoji (2 units).
        let changes = [change(0, 3, 0, 3, "x"), change(1, 9, 1, 9, "!"), change(1, 0, 1, 6, "2nd")];
        docs.change(&uri, 2, &changes, PositionEncoding::Utf16);
        assert_eq!(text_after(&docs, &uri), "A –x B\r\n2nd 😀! line\n");
        assert_eq!(docs.get(&uri).map(|d| d.version), Some(2));
    }

    #[test]
    fn utf8_columns_count_bytes() {
        let (mut docs, uri) = open("A – B\n");
        docs.change(&uri, 5, &[change(0, 5, 0, 5, "x")], PositionEncoding::Utf8);
        assert_eq!(text_after(&docs, &uri), "A –x B\n");
    }

    #[test]
    fn ranges_past_the_end_clamp_and_full_replacement_works() {
        let (mut docs, uri) = open("one\ntwo");
        docs.change(&uri, 2, &[change(1, 99, 40, 0, "!")], PositionEncoding::Utf16);
        assert_eq!(text_after(&docs, &uri), "one\ntwo!");
        let full = TextDocumentContentChangeEvent { range: None, range_length: None, text: "new".into() };
        docs.change(&uri, 3, &[full], PositionEncoding::Utf16);
        assert_eq!(text_after(&docs, &uri), "new");
    }

    #[test]
    fn a_column_past_a_crlf_line_end_stops_before_the_break() {
        let (mut docs, uri) = open("ab\r\ncd\r\n");
        docs.change(&uri, 2, &[change(0, 50, 0, 50, "!")], PositionEncoding::Utf16);
        assert_eq!(text_after(&docs, &uri), "ab!\r\ncd\r\n");
    }

    #[test]
    fn an_edit_or_closing_supersedes_older_copies() {
        let (mut docs, uri) = open("one");
        let first = docs.get(&uri).map(|d| d.edits.clone()).expect("open");
        docs.change(&uri, 2, &[change(0, 3, 0, 3, " two")], PositionEncoding::Utf8);
        assert!(first.is_superseded(), "an edit supersedes the older copy");
        let second = docs.get(&uri).map(|d| d.edits.clone()).expect("open");
        assert!(!second.is_superseded());
        docs.close(&uri);
        assert!(second.is_superseded(), "closing supersedes every copy");
    }

    #[test]
    fn analysis_follows_the_text() {
        let (mut docs, uri) = open("");
        let header = " date 2021-03-03 Source: Kremlin\n\nPutin: Hello.\n";
        docs.change(&uri, 2, &[change(0, 0, 0, 0, header)], PositionEncoding::Utf8);
        let t = docs.get(&uri).and_then(|d| d.analysis.transcript().cloned()).expect("a .txt is a transcript");
        assert!(t.header.is_some());
    }
}
