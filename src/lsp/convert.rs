//! The one place where LSP positions meet byte offsets, and LSP URIs meet file
//! paths. Everything inside the server works in byte offsets (`Span`) and
//! paths; handlers call `to_proto`/`from_proto` functions from here at their
//! edges, with the position encoding negotiated at `initialize`.
//!
//! Out-of-range positions never fail: a line past the end clamps to the end of
//! the text, a column past the end of its line clamps to the line's end, and a
//! column inside a character snaps back to its start (`LineIndex` does that).

use std::path::{Path, PathBuf};

use tower_lsp_server::ls_types::{InitializeParams, Position, PositionEncodingKind, Range, Uri};

use crate::corpus::text::{ColumnUnit, LineIndex, Span};

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

    fn unit(self) -> ColumnUnit {
        match self {
            PositionEncoding::Utf8 => ColumnUnit::Utf8,
            PositionEncoding::Utf16 => ColumnUnit::Utf16,
        }
    }
}

/// The byte offset of an LSP position, clamped into the text.
pub fn offset_from_proto(index: &LineIndex, pos: Position, enc: PositionEncoding) -> usize {
    index.offset(pos.line as usize, pos.character as usize, enc.unit())
}

/// The LSP position of a byte offset (offsets past the end clamp to the end).
pub fn position_to_proto(index: &LineIndex, offset: usize, enc: PositionEncoding) -> Position {
    let (line, col) = index.position(offset, enc.unit());
    Position::new(saturate(line), saturate(col))
}

/// The LSP range of a byte span.
pub fn range_to_proto(index: &LineIndex, span: Span, enc: PositionEncoding) -> Range {
    Range::new(position_to_proto(index, span.start, enc), position_to_proto(index, span.end, enc))
}

/// The byte span of an LSP range; a reversed range is put in order.
pub fn span_from_proto(index: &LineIndex, range: Range, enc: PositionEncoding) -> Span {
    let a = offset_from_proto(index, range.start, enc);
    let b = offset_from_proto(index, range.end, enc);
    Span::new(a.min(b), a.max(b))
}

/// The file path a `file:` URI names; `None` for other schemes (untitled
/// buffers, `git:` views), which the server treats as documents without a
/// place on disk.
pub fn path_from_uri(uri: &Uri) -> Option<PathBuf> {
    let scheme = uri.scheme().as_str();
    if !scheme.eq_ignore_ascii_case("file") {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

/// The `file:` URI of an absolute path.
pub fn uri_from_path(path: &Path) -> Option<Uri> {
    Uri::from_file_path(path)
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = " date 2021-03-03 Source: President of Russia – The Kremlin – English\n😀 Putin: hi\n";

    #[test]
    fn en_dash_counts_three_bytes_in_utf8_and_one_unit_in_utf16() {
        let index = LineIndex::new(HEADER);
        let after_dash = HEADER.find("– The").map(|i| i + '–'.len_utf8()).unwrap_or(0);
        let utf8 = position_to_proto(&index, after_dash, PositionEncoding::Utf8);
        let utf16 = position_to_proto(&index, after_dash, PositionEncoding::Utf16);
        assert_eq!((utf8.line, utf8.character), (0, after_dash as u32));
        assert_eq!((utf16.line, utf16.character), (0, after_dash as u32 - 2));
        assert_eq!(offset_from_proto(&index, utf16, PositionEncoding::Utf16), after_dash);
        assert_eq!(offset_from_proto(&index, utf8, PositionEncoding::Utf8), after_dash);
    }

    #[test]
    fn emoji_is_a_surrogate_pair_in_utf16() {
        let index = LineIndex::new(HEADER);
        let line1 = HEADER.find('😀').unwrap_or(0);
        let p = Position::new(1, 2);
        assert_eq!(offset_from_proto(&index, p, PositionEncoding::Utf16), line1 + 4);
        // Inside the pair snaps back to the emoji's start.
        assert_eq!(offset_from_proto(&index, Position::new(1, 1), PositionEncoding::Utf16), line1);
        assert_eq!(offset_from_proto(&index, Position::new(1, 4), PositionEncoding::Utf8), line1 + 4);
    }

    #[test]
    fn positions_past_the_end_clamp() {
        let index = LineIndex::new(HEADER);
        let end_of_line0 = HEADER.find('\n').unwrap_or(0);
        assert_eq!(offset_from_proto(&index, Position::new(0, 10_000), PositionEncoding::Utf16), end_of_line0);
        assert_eq!(offset_from_proto(&index, Position::new(99, 3), PositionEncoding::Utf8), HEADER.len());
    }

    #[test]
    fn uris_round_trip_paths_with_spaces() {
        let path = Path::new("/tmp/a corpus/INDEX.md");
        let uri = uri_from_path(path).expect("absolute path gives a uri");
        assert_eq!(uri.as_str(), "file:///tmp/a%20corpus/INDEX.md");
        assert_eq!(path_from_uri(&uri).as_deref(), Some(path));
        let untitled: Uri = "untitled:Untitled-1".parse().expect("valid uri");
        assert_eq!(path_from_uri(&untitled), None);
    }
}
