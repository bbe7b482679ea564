//! Fuzz target: position conversion on random text and random positions, in
//! both encodings. A (line, column) always maps to an offset inside the text
//! on a character boundary, and an offset maps back to the same offset.
#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use speech_ls::corpus::text::{ColumnUnit, LineIndex};

#[derive(Arbitrary, Debug)]
struct Input {
    text: String,
    probes: Vec<(u16, u16, bool)>,
}

fuzz_target!(|input: Input| {
    let text = input.text.as_str();
    let index = LineIndex::new(text);
    let rope = ropey::Rope::from_str(text);
    assert_eq!(index.line_count(), rope.len_lines(), "line counts differ from ropey's");
    for (line, col, utf16) in input.probes {
        let unit = if utf16 { ColumnUnit::Utf16 } else { ColumnUnit::Utf8 };
        let offset = index.offset(line as usize, col as usize, unit);
        assert!(offset <= text.len() && text.is_char_boundary(offset));
        let (l, c) = index.position(offset, unit);
        assert_eq!(index.offset(l, c, unit), offset, "round trip at {offset}");
        let any = (col as usize).min(text.len());
        // Inside a "\r\n" break no editor position exists: skip it.
        let inside_crlf = any > 0 && text.as_bytes()[any - 1] == b'\r' && text.as_bytes().get(any) == Some(&b'\n');
        if text.is_char_boundary(any) && !inside_crlf {
            let (l, c) = index.position(any, unit);
            assert_eq!(index.offset(l, c, unit), any);
        }
    }
});
