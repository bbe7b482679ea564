//! Fuzz target: a random sequence of incremental edits applied through the
//! server's open documents (LSP positions in either encoding, ranges past
//! the end, reversed ranges, full replacements, several changes in one
//! notification) must leave the same text as the same edits applied to a
//! plain `String` by a naive, independent reading of the protocol's
//! position rules, and the analysis of both must be equal.
#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use speech_ls::corpus::FileAnalysis;
use speech_ls::ide::FileRef;
use speech_ls::lsp::documents::Documents;
use speech_ls::lsp::from_proto::PositionEncoding;
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
    let enc = if input.utf16 { PositionEncoding::Utf16 } else { PositionEncoding::Utf8 };
    let Ok(uri) = "file:///corpus/a.txt".parse::<Uri>() else { return };
    let mut docs = Documents::default();
    docs.open(uri.clone(), FileRef::Disk("/corpus/a.txt".into()), 1, &input.initial, "a.txt");
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
            let a = naive_offset(&plain, edit.start, input.utf16);
            let b = naive_offset(&plain, edit.end, input.utf16);
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
        let Some(doc) = docs.change(&uri, version as i32 + 2, &events, enc) else { panic!("the document is open") };
        assert_eq!(&*doc.text, plain.as_str(), "text differs after change {version}: {batch:?}");
    }
    let Some(doc) = docs.get(&uri) else { panic!("the document is open") };
    assert_eq!(*doc.analysis, FileAnalysis::analyze("a.txt", &plain), "analysis differs for the same text");
});

/// The byte offset of an LSP position, read the slow, obvious way: lines end
/// at `\n`, `\r\n` or a lone `\r`; a line past the end is the end of the
/// text; a column past the line's end is the line's end; a column inside a
/// character is that character's start.
fn naive_offset(text: &str, (line, column): (u16, u16), utf16: bool) -> usize {
    let mut starts = vec![0];
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                starts.push(i + 2);
                i += 2;
            }
            b'\r' | b'\n' => {
                starts.push(i + 1);
                i += 1;
            }
            _ => i += 1,
        }
    }
    let Some(&start) = starts.get(line as usize) else { return text.len() };
    let mut units = 0;
    for (at, c) in text[start..].char_indices() {
        if c == '\n' || c == '\r' {
            return start + at;
        }
        let width = if utf16 { c.len_utf16() } else { c.len_utf8() };
        if units + width > column as usize {
            return start + at;
        }
        units += width;
    }
    text.len()
}
