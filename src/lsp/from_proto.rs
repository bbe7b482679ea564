//! From the protocol to the features: LSP positions to byte offsets, URIs
//! to files, with the position encoding negotiated at `initialize`. With
//! `to_proto`, the only place positions are converted; everything inside
//! the server works in byte offsets (`Span`) and `FileRef`s.
//!
//! Out-of-range positions never fail: a line past the end clamps to the end of
//! the text, a column past the end of its line clamps to the line's end, and a
//! column inside a character snaps back to its start (`LineIndex` does that).

use std::path::PathBuf;

use tower_lsp_server::ls_types::{InitializeParams, Position, PositionEncodingKind, Range, Uri};

use crate::corpus::text::{ColumnUnit, LineIndex, Span};
use crate::ide::FileRef;

/// The unit LSP columns are counted in for this session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PositionEncoding {
    Utf8,
    /// The protocol's default, and the only one VS Code speaks.
    #[default]
    Utf16,
}

impl PositionEncoding {
    /// Picks UTF-8 when the client offers it (Neovim, Helix), else UTF-16,
    /// which every client must support.
    pub fn negotiate(params: &InitializeParams) -> PositionEncoding {
        let offered = params.capabilities.general.as_ref().and_then(|g| g.position_encodings.as_ref());
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => PositionEncoding::Utf8,
            _ => PositionEncoding::Utf16,
        }
    }

    pub fn to_proto(self) -> PositionEncodingKind {
        match self {
            PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
            PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    pub(crate) fn unit(self) -> ColumnUnit {
        match self {
            PositionEncoding::Utf8 => ColumnUnit::Utf8,
            PositionEncoding::Utf16 => ColumnUnit::Utf16,
        }
    }
}

/// The byte offset of an LSP position, clamped into the text.
pub fn offset(index: &LineIndex, pos: Position, enc: PositionEncoding) -> usize {
    index.offset(pos.line as usize, pos.character as usize, enc.unit())
}

/// The byte span of an LSP range; a reversed range is put in order.
pub fn span(index: &LineIndex, range: Range, enc: PositionEncoding) -> Span {
    let a = offset(index, range.start, enc);
    let b = offset(index, range.end, enc);
    Span::new(a.min(b), a.max(b))
}

/// The file path a `file:` URI names; `None` for other schemes (untitled
/// buffers, `git:` views), which the server treats as documents without a
/// place on disk.
pub fn path(uri: &Uri) -> Option<PathBuf> {
    let scheme = uri.scheme().as_str();
    if !scheme.eq_ignore_ascii_case("file") {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

/// How features name the file behind `uri` when it is not open: its path,
/// or the URI itself for a document with no place on disk.
pub fn file_ref(uri: &Uri) -> FileRef {
    match path(uri) {
        Some(p) => FileRef::Disk(p),
        None => FileRef::Buffer(uri.as_str().to_string()),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::lsp::to_proto;

    const HEADER: &str = " date 2021-03-03 Source: President of Russia – The Kremlin – English\n😀 Putin: hi\n";

    #[test]
    fn en_dash_counts_three_bytes_in_utf8_and_one_unit_in_utf16() {
        let index = LineIndex::new(HEADER);
        let after_dash = HEADER.find("– The").map(|i| i + '–'.len_utf8()).unwrap_or(0);
        let utf8 = to_proto::position(&index, after_dash, PositionEncoding::Utf8);
        let utf16 = to_proto::position(&index, after_dash, PositionEncoding::Utf16);
        assert_eq!((utf8.line, utf8.character), (0, after_dash as u32));
        assert_eq!((utf16.line, utf16.character), (0, after_dash as u32 - 2));
        assert_eq!(offset(&index, utf16, PositionEncoding::Utf16), after_dash);
        assert_eq!(offset(&index, utf8, PositionEncoding::Utf8), after_dash);
    }

    #[test]
    fn emoji_is_a_surrogate_pair_in_utf16() {
        let index = LineIndex::new(HEADER);
        let line1 = HEADER.find('😀').unwrap_or(0);
        let p = Position::new(1, 2);
        assert_eq!(offset(&index, p, PositionEncoding::Utf16), line1 + 4);
        // Inside the pair snaps back to the emoji's start.
        assert_eq!(offset(&index, Position::new(1, 1), PositionEncoding::Utf16), line1);
        assert_eq!(offset(&index, Position::new(1, 4), PositionEncoding::Utf8), line1 + 4);
    }

    #[test]
    fn positions_past_the_end_clamp() {
        let index = LineIndex::new(HEADER);
        let end_of_line0 = HEADER.find('\n').unwrap_or(0);
        assert_eq!(offset(&index, Position::new(0, 10_000), PositionEncoding::Utf16), end_of_line0);
        assert_eq!(offset(&index, Position::new(99, 3), PositionEncoding::Utf8), HEADER.len());
    }

    #[test]
    fn uris_round_trip_paths_with_spaces() {
        let file = Path::new("/tmp/a corpus/INDEX.md");
        let uri = to_proto::uri_of_path(file).expect("absolute path gives a uri");
        assert_eq!(uri.as_str(), "file:///tmp/a%20corpus/INDEX.md");
        assert_eq!(path(&uri).as_deref(), Some(file));
        let untitled: Uri = "untitled:Untitled-1".parse().expect("valid uri");
        assert_eq!(path(&untitled), None);
    }
}
