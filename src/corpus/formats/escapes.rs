//! Character references and escapes that stand for one character: HTML and
//! WebVTT entities (`&amp;`, `&#39;`, `&nbsp;`) and Markdown backslash
//! escapes (`\[`, `\_`). Each becomes noise that stands for its character
//! (see `transcript::noise`), so the analysis text reads `&` where the file
//! says `&amp;`, at the same offsets.

use crate::corpus::text::Span;
use crate::corpus::transcript::Noise;

/// The entities seen in transcripts, by name.
const NAMED: [(&str, char); 22] = [
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", ' '),
    ("lrm", ' '),
    ("rlm", ' '),
    ("ndash", '–'),
    ("mdash", '—'),
    ("hellip", '…'),
    ("rsquo", '’'),
    ("lsquo", '‘'),
    ("rdquo", '”'),
    ("ldquo", '“'),
    ("eacute", 'é'),
    ("egrave", 'è'),
    ("aacute", 'á'),
    ("oacute", 'ó'),
    ("iacute", 'í'),
    ("uacute", 'ú'),
    ("ntilde", 'ñ'),
];

/// The character reference starting at `at` (`&...;`), if it is one: its
/// length and the character it stands for.
pub(super) fn entity_at(text: &str, at: usize) -> Option<(usize, char)> {
    let rest = text.get(at..)?;
    let body = rest.strip_prefix('&')?;
    let end = body.bytes().take(10).position(|b| b == b';')?;
    let name = &body[..end];
    let c = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code).filter(|c| !c.is_control() || c.is_whitespace())?
    } else {
        NAMED.iter().find(|(n, _)| *n == name)?.1
    };
    // A character longer than its reference cannot stand in its place.
    (c.len_utf8() <= end + 2).then_some((end + 2, c))
}

/// Every character reference in `text[span]`, as noise.
pub(super) fn entities_in(text: &str, span: Span, out: &mut Vec<Noise>) {
    let Some(slice) = text.get(span.start..span.end) else { return };
    for (i, _) in slice.match_indices('&') {
        let at = span.start + i;
        if let Some((len, c)) = entity_at(text, at) {
            out.push(Noise::escape(Span::new(at, at + len), c));
        }
    }
}

/// Markdown's backslash escapes (`\[`, `\]`, `\_`, `\*`, `\#`) in `text[span]`, as noise.
pub(super) fn backslash_escapes_in(text: &str, span: Span, out: &mut Vec<Noise>) {
    let Some(slice) = text.get(span.start..span.end) else { return };
    let bytes = slice.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == b'\\' && bytes[i + 1].is_ascii_punctuation() {
            let at = span.start + i;
            out.push(Noise::escape(Span::new(at, at + 2), bytes[i + 1] as char));
            i += 2;
        } else {
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_decode_to_the_character_they_name() {
        assert_eq!(entity_at("a &amp; b", 2), Some((5, '&')));
        assert_eq!(entity_at("it&#39;s", 2), Some((5, '\'')));
        assert_eq!(entity_at("&#x27;", 0), Some((6, '\'')));
        assert_eq!(entity_at("AT&T said", 2), None, "no `;` close enough: not a reference");
        assert_eq!(entity_at("&unknown;", 0), None);
    }

    #[test]
    fn backslash_escapes_stand_for_their_mark() {
        let mut noise = Vec::new();
        backslash_escapes_in(r"\[00:31\] ok", Span::new(0, 12), &mut noise);
        assert_eq!(noise, vec![Noise::escape(Span::new(0, 2), '['), Noise::escape(Span::new(7, 9), ']')]);
    }
}
