//! The documents the editor has open: their text as a rope, their version,
//! and their analysis, kept current on every incremental change.
//!
//! Open buffers win over disk: while a document is open, the server answers
//! from this text, and disk events for its path are ignored until it closes.
//! Each document counts its edits (`cancel::Edits`), so that work on an
//! older copy (in a snapshot) can tell that it has been superseded.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use ropey::Rope;
use tower_lsp_server::ls_types::{Position, TextDocumentContentChangeEvent, Uri};

use crate::corpus::FileAnalysis;
use crate::lsp::cancel::Edits;
use crate::lsp::convert::PositionEncoding;

/// One open document.
#[derive(Debug, Clone)]
pub struct OpenDocument {
    pub uri: Uri,
    /// The file it shows, for `file:` URIs.
    pub path: Option<PathBuf>,
    pub version: i32,
    pub rope: Rope,
    /// The current text as one string, made once per change (the analysis
    /// needs it anyway) and shared by every query that reads the text.
    text: Arc<str>,
    /// The analysis of the current text; its `path` is corpus-relative when
    /// the document lies in a corpus, else the file name.
    pub analysis: Arc<FileAnalysis>,
    /// Shared by every copy of this document: moves on with each new text.
    edits: Edits,
}

impl OpenDocument {
    /// Opens a document and analyses it under `rel_path`.
    pub fn new(uri: Uri, path: Option<PathBuf>, version: i32, text: &str, rel_path: &str) -> OpenDocument {
        let analysis = Arc::new(FileAnalysis::analyze(rel_path, text));
        let (rope, text) = (Rope::from_str(text), Arc::from(text));
        OpenDocument { uri, path, version, rope, text, analysis, edits: Edits::default() }
    }

    /// Applies the changes of one `didChange` in order (each change's range
    /// refers to the text left by the previous one), then re-analyses.
    /// Ranges past the end clamp; a change without a range replaces the text.
    pub fn apply_changes(&mut self, version: i32, changes: &[TextDocumentContentChangeEvent], enc: PositionEncoding) {
        // First of all, so that work on the older text stops while this
        // one is being analysed.
        self.edits.advance();
        for change in changes {
            match change.range {
                Some(range) => {
                    let start = char_index(&self.rope, range.start, enc);
                    let end = char_index(&self.rope, range.end, enc);
                    let (start, end) = (start.min(end), start.max(end));
                    self.rope.remove(start..end);
                    self.rope.insert(start, &change.text);
                }
                None => self.rope = Rope::from_str(&change.text),
            }
        }
        self.version = version;
        self.text = Arc::from(self.rope.to_string());
        self.reanalyze();
    }

    /// Re-analyses the current text under the same (or a new) relative path.
    pub fn reanalyze_as(&mut self, rel_path: &str) {
        self.edits.advance();
        self.analysis = Arc::new(FileAnalysis::analyze(rel_path, &self.text));
    }

    /// What tells work on this copy that a newer text has arrived.
    pub fn edits(&self) -> Edits {
        self.edits.clone()
    }

    /// The current text (shared, not copied).
    pub fn text(&self) -> Arc<str> {
        self.text.clone()
    }

    fn reanalyze(&mut self) {
        let rel = self.analysis.path.clone();
        self.reanalyze_as(&rel);
    }
}

/// The open documents, keyed by URI.
#[derive(Debug, Clone, Default)]
pub struct Documents {
    docs: HashMap<Uri, OpenDocument>,
}

impl Documents {
    /// Opens a document; one open under the same URI is replaced (work on
    /// it is superseded).
    pub fn insert(&mut self, doc: OpenDocument) {
        if let Some(old) = self.docs.insert(doc.uri.clone(), doc) {
            old.edits.retire();
        }
    }

    pub fn get(&self, uri: &Uri) -> Option<&OpenDocument> {
        self.docs.get(uri)
    }

    pub fn get_mut(&mut self, uri: &Uri) -> Option<&mut OpenDocument> {
        self.docs.get_mut(uri)
    }

    /// Closes a document: work on any copy of it is superseded.
    pub fn remove(&mut self, uri: &Uri) -> Option<OpenDocument> {
        let doc = self.docs.remove(uri)?;
        doc.edits.retire();
        Some(doc)
    }

    /// The open document whose current analysis is `analysis`, if any.
    pub fn showing(&self, analysis: &Arc<FileAnalysis>) -> Option<&OpenDocument> {
        self.docs.values().find(|d| Arc::ptr_eq(&d.analysis, analysis))
    }

    /// The open document showing `path`, if any.
    pub fn by_path(&self, path: &std::path::Path) -> Option<&OpenDocument> {
        self.docs.values().find(|d| d.path.as_deref() == Some(path))
    }

    pub fn iter(&self) -> impl Iterator<Item = &OpenDocument> {
        self.docs.values()
    }
}

/// The char index of an LSP position in a rope, clamped: a line past the end
/// gives the end of the text, a column past the line's end gives the line's
/// end (before its break), a column inside a surrogate pair gives the
/// character's start.
fn char_index(rope: &Rope, pos: Position, enc: PositionEncoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let line_start = rope.line_to_char(line);
    let mut units = 0usize;
    let mut chars = 0usize;
    for c in rope.line(line).chars() {
        if c == '\n' || c == '\r' {
            break;
        }
        let width = match enc {
            PositionEncoding::Utf8 => c.len_utf8(),
            PositionEncoding::Utf16 => c.len_utf16(),
        };
        if units + width > pos.character as usize {
            break;
        }
        units += width;
        chars += 1;
    }
    line_start + chars
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::Range;

    fn change(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.to_string(),
        }
    }

    fn doc(text: &str) -> OpenDocument {
        let uri: Uri = "file:///c/a.txt".parse().expect("valid uri");
        OpenDocument::new(uri, None, 1, text, "a.txt")
    }

    #[test]
    fn changes_apply_in_order_in_utf16() {
        let mut d = doc("A – B\r\nsecond 😀 line\n");
        // After the en dash (1 UTF-16 unit), then after the emoji (2 units).
        let changes = [change(0, 3, 0, 3, "x"), change(1, 9, 1, 9, "!"), change(1, 0, 1, 6, "2nd")];
        d.apply_changes(2, &changes, PositionEncoding::Utf16);
        assert_eq!(&*d.text(), "A –x B\r\n2nd 😀! line\n");
        assert_eq!(d.version, 2);
    }

    #[test]
    fn utf8_columns_count_bytes() {
        let mut d = doc("A – B\n");
        d.apply_changes(5, &[change(0, 5, 0, 5, "x")], PositionEncoding::Utf8);
        assert_eq!(&*d.text(), "A –x B\n");
    }

    #[test]
    fn ranges_past_the_end_clamp_and_full_replacement_works() {
        let mut d = doc("one\ntwo");
        d.apply_changes(2, &[change(1, 99, 40, 0, "!")], PositionEncoding::Utf16);
        assert_eq!(&*d.text(), "one\ntwo!");
        let full = TextDocumentContentChangeEvent { range: None, range_length: None, text: "new".into() };
        d.apply_changes(3, &[full], PositionEncoding::Utf16);
        assert_eq!(&*d.text(), "new");
    }

    #[test]
    fn an_edit_or_closing_supersedes_older_copies() {
        let mut docs = Documents::default();
        docs.insert(doc("one"));
        let uri = doc("").uri;
        let first = docs.get(&uri).map(OpenDocument::edits).expect("open");
        let live = docs.get_mut(&uri).expect("open");
        live.apply_changes(2, &[change(0, 3, 0, 3, " two")], PositionEncoding::Utf8);
        assert!(first.is_superseded(), "an edit supersedes the older copy");
        let second = live.edits();
        assert!(!second.is_superseded());
        docs.remove(&uri);
        assert!(second.is_superseded(), "closing supersedes every copy");
    }

    #[test]
    fn analysis_follows_the_text() {
        let mut d = doc("");
        let header = " date 2021-03-03 Source: Kremlin\n\nPutin: Hello.\n";
        d.apply_changes(2, &[change(0, 0, 0, 0, header)], PositionEncoding::Utf8);
        let t = d.analysis.transcript().expect("a .txt is a transcript");
        assert!(t.header.is_some());
    }
}
