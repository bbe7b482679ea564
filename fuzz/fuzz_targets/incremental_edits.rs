//! Fuzz target: a random sequence of incremental edits applied through the
//! server's open-document type (rope, LSP positions in either encoding,
//! ranges past the end, reversed ranges, full replacements) must leave the
//! same text as the same edits applied to a plain `String` with the core's
//! `LineIndex` position rules, and the analysis of both must be equal.
#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use speech_ls::corpus::FileAnalysis;
use speech_ls::corpus::text::{ColumnUnit, LineIndex};
use speech_ls::lsp::convert::PositionEncoding;
use speech_ls::lsp::documents::OpenDocument;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent, Uri};

#[derive(Arbitrary, Debug)]
struct Edit {
    /// Replace the whole text instead of a range.
    full: bool,
    start: (u16, u16),
    end: (u16, u16),
    text: String,
}

#[derive(Arbitrary, Debug)]
struct Input {
    initial: String,
    utf16: bool,
    /// Each inner list is one `didChange` (its edits apply in order).
    changes: Vec<Vec<Edit>>,
}

fuzz_target!(|input: Input| {
    let (enc, unit) = if input.utf16 {
        (PositionEncoding::Utf16, ColumnUnit::Utf16)
    } else {
        (PositionEncoding::Utf8, ColumnUnit::Utf8)
    };
    let Ok(uri) = "file:///corpus/a.txt".parse::<Uri>() else { return };
    let mut doc = OpenDocument::new(uri, None, 1, &input.initial, "a.txt");
    let mut plain = input.initial.clone();
    for (version, batch) in input.changes.iter().enumerate() {
        let mut events = Vec::new();
        for edit in batch {
            if edit.full {
                plain = edit.text.clone();
                events.push(TextDocumentContentChangeEvent {
                    range: None,
                    range_length: None,
                    text: edit.text.clone(),
                });
                continue;
            }
            let index = LineIndex::new(&plain);
            let a = index.offset(edit.start.0 as usize, edit.start.1 as usize, unit);
            let b = index.offset(edit.end.0 as usize, edit.end.1 as usize, unit);
            plain.replace_range(a.min(b)..a.max(b), &edit.text);
            let range = Range::new(
                Position::new(edit.start.0 as u32, edit.start.1 as u32),
                Position::new(edit.end.0 as u32, edit.end.1 as u32),
            );
            events.push(TextDocumentContentChangeEvent {
                range: Some(range),
                range_length: None,
                text: edit.text.clone(),
            });
        }
        doc.apply_changes(version as i32 + 2, &events, enc);
        assert_eq!(&*doc.text(), plain.as_str(), "text differs after change {version}: {batch:?}");
    }
    assert_eq!(*doc.analysis, FileAnalysis::analyze("a.txt", &plain), "analysis differs for the same text");
});
