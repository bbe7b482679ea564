//! A small JSON scanner that keeps positions: it walks a document once,
//! without building it, and tells a visitor each value with its path (keys
//! and indexes) and its span in the file. Readers of JSON transcripts keep
//! only what they need, so a 50 MB file with a timestamp per word costs one
//! pass and little memory. It never fails: a syntax error stops the walk
//! and is reported with its offset; what was visited before stays.

use crate::corpus::text::Span;

/// One step of a value's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Step {
    /// A key of an object, as written (escapes not decoded; keys seldom have any).
    Key(Span),
    Index(usize),
}

/// A scalar value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Scalar {
    /// A string: the span of its content, without the quotes.
    Str(Span),
    Num(f64),
    Other,
}

pub(super) trait Visitor {
    /// A scalar at `path` (the last step names it).
    fn scalar(&mut self, text: &str, path: &[Step], value: Scalar);
    /// An object or array starts at `path`.
    fn open(&mut self, _text: &str, _path: &[Step], _is_array: bool) {}
    /// The object or array at `path` ends.
    fn close(&mut self, _text: &str, _path: &[Step]) {}
}

/// Where and why the scan stopped early.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SyntaxError {
    pub at: usize,
    pub message: &'static str,
}

/// Deeper documents are not read further (no transcript nests this deep).
const MAX_DEPTH: usize = 256;

enum Frame {
    Object { expect_key: bool },
    Array { next: usize },
}

/// Walks `text` as JSON, telling `visitor` every value.
pub(super) fn scan(text: &str, visitor: &mut impl Visitor) -> Result<(), SyntaxError> {
    let bytes = text.as_bytes();
    let mut i = skip_ws(bytes, 0);
    let mut path: Vec<Step> = Vec::new();
    let mut frames: Vec<Frame> = Vec::new();
    let err = |at, message| Err(SyntaxError { at, message });
    loop {
        // Inside an object, a key comes first (or the end).
        if let Some(Frame::Object { expect_key: true }) = frames.last() {
            match bytes.get(i) {
                Some(b'}') => {
                    i = close(text, visitor, &mut frames, &mut path, i);
                    if frames.is_empty() {
                        return trailing(bytes, i);
                    }
                    i = after_value(bytes, &mut frames, &mut path, i)?;
                    continue;
                }
                Some(b'"') => {
                    let end = string_end(bytes, i)?;
                    path.push(Step::Key(Span::new(i + 1, end - 1)));
                    i = skip_ws(bytes, end);
                    if bytes.get(i) != Some(&b':') {
                        return err(i, "expected `:` after a key");
                    }
                    i = skip_ws(bytes, i + 1);
                    if let Some(Frame::Object { expect_key }) = frames.last_mut() {
                        *expect_key = false;
                    }
                }
                _ => return err(i, "expected a key or `}`"),
            }
        }
        // Inside an array, before an element (its index not yet on the path) or at its end.
        if let Some(Frame::Array { next }) = frames.last()
            && path.len() < frames.len()
        {
            if bytes.get(i) == Some(&b']') {
                i = close(text, visitor, &mut frames, &mut path, i);
                if frames.is_empty() {
                    return trailing(bytes, i);
                }
                i = after_value(bytes, &mut frames, &mut path, i)?;
                continue;
            }
            path.push(Step::Index(*next));
        }
        // A value.
        match bytes.get(i) {
            Some(b'{') | Some(b'[') => {
                if frames.len() >= MAX_DEPTH {
                    return err(i, "nested too deep");
                }
                let is_array = bytes[i] == b'[';
                visitor.open(text, &path, is_array);
                frames.push(if is_array { Frame::Array { next: 0 } } else { Frame::Object { expect_key: true } });
                i = skip_ws(bytes, i + 1);
                continue;
            }
            Some(b'"') => {
                let end = string_end(bytes, i)?;
                visitor.scalar(text, &path, Scalar::Str(Span::new(i + 1, end - 1)));
                i = end;
            }
            Some(b) if b.is_ascii_digit() || *b == b'-' => {
                let len = bytes[i..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'))
                    .count();
                let n = text[i..i + len].parse::<f64>().ok();
                visitor.scalar(text, &path, n.map_or(Scalar::Other, Scalar::Num));
                i += len;
            }
            Some(b't' | b'f' | b'n') => {
                let word = ["true", "false", "null"].into_iter().find(|w| text[i..].starts_with(w));
                let Some(word) = word else { return err(i, "expected a value") };
                visitor.scalar(text, &path, Scalar::Other);
                i += word.len();
            }
            _ => return err(i, "expected a value"),
        }
        if frames.is_empty() {
            return trailing(bytes, i);
        }
        i = after_value(bytes, &mut frames, &mut path, i)?;
    }
}

/// After a value inside a container: a comma (the next key or element) or
/// the container's end, which the loop handles.
fn after_value(bytes: &[u8], frames: &mut [Frame], path: &mut Vec<Step>, i: usize) -> Result<usize, SyntaxError> {
    let i = skip_ws(bytes, i);
    let last = path.pop();
    match (frames.last_mut(), bytes.get(i)) {
        (Some(Frame::Object { expect_key }), Some(b',')) => {
            *expect_key = true;
            Ok(skip_ws(bytes, i + 1))
        }
        (Some(Frame::Array { next }), Some(b',')) => {
            *next += 1;
            Ok(skip_ws(bytes, i + 1))
        }
        (Some(Frame::Object { expect_key }), Some(b'}')) => {
            *expect_key = true;
            Ok(i)
        }
        (Some(Frame::Array { .. }), Some(b']')) => Ok(i),
        _ => {
            path.extend(last);
            Err(SyntaxError { at: i, message: "expected `,` or the end of the object or array" })
        }
    }
}

/// Closes the innermost container at `i`; returns the offset after it.
fn close(text: &str, visitor: &mut impl Visitor, frames: &mut Vec<Frame>, path: &mut [Step], i: usize) -> usize {
    frames.pop();
    visitor.close(text, path);
    skip_ws(text.as_bytes(), i + 1)
}

fn trailing(bytes: &[u8], i: usize) -> Result<(), SyntaxError> {
    let i = skip_ws(bytes, i);
    if i < bytes.len() { Err(SyntaxError { at: i, message: "text after the end of the document" }) } else { Ok(()) }
}

/// The offset after the string starting at the quote `at`.
fn string_end(bytes: &[u8], at: usize) -> Result<usize, SyntaxError> {
    let mut i = at + 1;
    while let Some(k) = memchr::memchr2(b'"', b'\\', &bytes[i..]) {
        i += k;
        if bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        return Ok(i + 1);
    }
    Err(SyntaxError { at, message: "a string is not closed" })
}

fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    // A byte order mark before the document.
    if i == 0 && bytes.starts_with(b"\xEF\xBB\xBF") {
        return skip_ws(bytes, 3);
    }
    i
}

/// The escapes of a string's content `span` as (span, character), and its decoded text.
pub(super) fn decode(text: &str, span: Span) -> (String, Vec<(Span, char)>) {
    let raw = span.slice(text);
    if !raw.contains('\\') {
        return (raw.to_string(), Vec::new());
    }
    let mut out = String::with_capacity(raw.len());
    let mut escapes = Vec::new();
    let mut chars = raw.char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, e)) = chars.next() else { break };
        let (len, decoded) = match e {
            'n' | 'r' | 't' => (2, '\n'),
            'b' | 'f' => (2, ' '),
            'u' => {
                let (cp, len) = unicode_escape(raw, k);
                for _ in 0..len - 2 {
                    chars.next();
                }
                (len, cp)
            }
            other => (2, other),
        };
        let decoded = if e == 't' { ' ' } else { decoded };
        out.push(decoded);
        escapes.push((Span::new(span.start + k, span.start + k + len), decoded));
    }
    (out, escapes)
}

/// `\uXXXX` (or a surrogate pair `\uD83D\uDE00`) at byte `k` of `raw`: the
/// character and the escape's length in bytes.
fn unicode_escape(raw: &str, k: usize) -> (char, usize) {
    let hex = |at: usize| raw.get(at..at + 4).and_then(|h| u32::from_str_radix(h, 16).ok());
    let Some(first) = hex(k + 2) else { return ('\u{fffd}', 2) };
    if (0xD800..0xDC00).contains(&first)
        && raw.get(k + 6..k + 8) == Some("\\u")
        && let Some(second) = hex(k + 8).filter(|s| (0xDC00..0xE000).contains(s))
    {
        let cp = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
        return (char::from_u32(cp).unwrap_or('\u{fffd}'), 12);
    }
    (char::from_u32(first).unwrap_or('\u{fffd}'), 6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Collect(Vec<String>);

    impl Visitor for Collect {
        fn scalar(&mut self, text: &str, path: &[Step], value: Scalar) {
            let path: Vec<String> = path
                .iter()
                .map(|s| match s {
                    Step::Key(k) => k.slice(text).to_string(),
                    Step::Index(i) => i.to_string(),
                })
                .collect();
            let v = match value {
                Scalar::Str(s) => format!("{:?}", s.slice(text)),
                Scalar::Num(n) => n.to_string(),
                Scalar::Other => "_".into(),
            };
            self.0.push(format!("{}={v}", path.join(".")));
        }
    }

    #[test]
    fn values_come_with_their_paths_and_spans() {
        let text =
            r#"{"text": " Hi", "segments": [{"start": 0.5, "text": "a \"b\""}, {"x": [true, null]}], "n": -1e2}"#;
        let mut c = Collect::default();
        assert_eq!(scan(text, &mut c), Ok(()));
        assert_eq!(
            c.0,
            vec![
                r#"text=" Hi""#,
                "segments.0.start=0.5",
                r#"segments.0.text="a \\\"b\\\"""#,
                "segments.1.x.0=_",
                "segments.1.x.1=_",
                "n=-100"
            ]
        );
    }

    #[test]
    fn a_syntax_error_stops_the_walk_and_keeps_what_came_before() {
        let mut c = Collect::default();
        let e = scan(r#"{"a": 1, "b": [2, }"#, &mut c).expect_err("broken");
        assert_eq!(c.0, vec!["a=1", "b.0=2"]);
        assert_eq!(e.at, 18);
        assert!(scan("[[[[", &mut Collect::default()).is_err());
        assert!(scan("", &mut Collect::default()).is_err());
        let deep = "[".repeat(10_000);
        assert!(scan(&deep, &mut Collect::default()).is_err(), "deep nesting is refused, never a stack overflow");
    }

    #[test]
    fn escapes_decode_to_characters_no_longer_than_themselves() {
        let text = r#""Francol\u00ed \"ok\"\n\ud83d\ude00""#;
        let (s, escapes) = decode(text, Span::new(1, text.len() - 1));
        assert_eq!(s, "Francolí \"ok\"\n😀");
        assert_eq!(escapes.len(), 5);
        assert!(escapes.iter().all(|(span, c)| c.len_utf8() <= span.len()));
    }
}
