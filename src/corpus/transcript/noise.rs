//! Noise: the bytes of a file that are not spoken words. Timestamps, cue
//! numbers and settings, `WEBVTT` and `NOTE` blocks, caption tags, JSON
//! syntax around the text, HTML tags, front matter, diarisation ids.
//!
//! A reader records where the noise is; `analysis_text` gives a copy of the
//! file in which every noise byte is an ASCII space (line breaks are kept, so
//! lines stay lines), of exactly the same length, so that every span into
//! the file is a span into the copy. Word counts, themes, key terms and
//! summaries read the copy and never see a timestamp.
//!
//! An escape (`\n`, `\"`, `\u00e9` in JSON, `&amp;` in HTML) is noise that
//! stands for a character: the copy holds that character at the escape's
//! start and spaces after it. A decoded character is never longer than its
//! escape (`\uXXXX` is six bytes, a UTF-8 character at most four), so the
//! copy keeps its length. Spans always fall on character boundaries of the
//! file: a span that does not is dropped when the copy is made.

use std::borrow::Cow;

use crate::corpus::text::Span;

/// Bytes of the file that are not spoken words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Noise {
    pub span: Span,
    /// The character the span stands for (an escape), placed at its start.
    pub stands_for: Option<char>,
}

impl Noise {
    pub fn blank(span: Span) -> Noise {
        Noise { span, stands_for: None }
    }

    pub fn escape(span: Span, c: char) -> Noise {
        Noise { span, stands_for: Some(c) }
    }
}

/// `text` with every noise span blanked (see the module note); borrowed
/// when there is no noise. `noise` need not be sorted; overlaps are harmless.
pub fn analysis_text<'t>(text: &'t str, noise: &[Noise]) -> Cow<'t, str> {
    if noise.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    // Where an escape's padding is: moved to the end of its word below.
    let mut padding: Vec<Span> = Vec::new();
    for n in noise {
        let Span { start, end } = n.span;
        if start >= end || end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        for b in &mut bytes[start..end] {
            if !matches!(*b, b'\n' | b'\r') {
                *b = b' ';
            }
        }
        if let Some(c) = n.stands_for {
            let mut buf = [0u8; 4];
            let encoded = c.encode_utf8(&mut buf).as_bytes();
            if encoded.len() <= end - start {
                bytes[start..start + encoded.len()].copy_from_slice(encoded);
                if start + encoded.len() < end && !c.is_whitespace() {
                    padding.push(Span::new(start + encoded.len(), end));
                }
            }
        }
    }
    close_up_words(&mut bytes, &mut padding);
    // Whole characters were replaced by ASCII, and whole characters written
    // at boundaries: the bytes are UTF-8. The check costs one pass and keeps
    // a mistake from ever becoming undefined behaviour.
    match String::from_utf8(bytes) {
        Ok(s) => Cow::Owned(s),
        Err(_) => Cow::Borrowed(text),
    }
}

/// An escape inside a word ("prov\\u00edncia") leaves spaces after its
/// character, which would cut the word in two: within each word, the
/// padding moves to the word's end ("província" and then spaces). Offsets
/// inside such a word shift by a few bytes; every word, paragraph and turn
/// boundary stays where it is.
fn close_up_words(bytes: &mut [u8], padding: &mut [Span]) {
    if padding.is_empty() {
        return;
    }
    padding.sort_unstable();
    let is_pad = |i: usize, padding: &[Span]| {
        let k = padding.partition_point(|p| p.end <= i);
        padding.get(k).is_some_and(|p| p.start <= i)
    };
    let mut k = 0;
    while k < padding.len() {
        // The word around this padding: back to the last whitespace that is
        // not padding, on to the next.
        let pad = padding[k];
        let mut start = pad.start;
        let word_byte = |i: usize| !bytes[i].is_ascii_whitespace() || is_pad(i, padding);
        while start > 0 && word_byte(start - 1) {
            start -= 1;
        }
        let mut end = pad.end;
        while end < bytes.len() && word_byte(end) {
            end += 1;
        }
        let kept: Vec<u8> = (start..end).filter(|&i| !is_pad(i, padding)).map(|i| bytes[i]).collect();
        bytes[start..start + kept.len()].copy_from_slice(&kept);
        bytes[start + kept.len()..end].fill(b' ');
        k = padding.partition_point(|p| p.start < end);
    }
}

/// Sorts noise spans, merges the blank ones that touch or overlap, and
/// drops escapes that a blank span covers (a time blanked after its
/// brackets were decoded: the blank wins).
pub fn normalise(noise: &mut Vec<Noise>) {
    noise.retain(|n| n.span.start < n.span.end);
    noise.sort_unstable();
    let mut blanks: Vec<Span> = Vec::new();
    for n in noise.iter().filter(|n| n.stands_for.is_none()) {
        match blanks.last_mut() {
            Some(last) if n.span.start <= last.end => last.end = last.end.max(n.span.end),
            _ => blanks.push(n.span),
        }
    }
    let covered = |span: Span| {
        let k = blanks.partition_point(|b| b.end <= span.start);
        blanks.get(k).is_some_and(|b| b.start < span.end)
    };
    let mut escapes: Vec<Noise> = Vec::new();
    for n in noise.iter().filter(|n| n.stands_for.is_some()) {
        if !covered(n.span) && escapes.last().is_none_or(|last| last.span.end <= n.span.start) {
            escapes.push(*n);
        }
    }
    noise.clear();
    noise.extend(blanks.into_iter().map(Noise::blank));
    noise.extend(escapes);
    noise.sort_unstable();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noise_is_blanked_in_place_and_escapes_decode_without_moving_anything() {
        let text = "00:01 --> 00:02\n\"caf\\u00e9 \\\"ok\\\"\"";
        let noise = vec![
            Noise::blank(Span::new(0, 15)),
            Noise::blank(Span::new(16, 17)),
            Noise::escape(Span::new(20, 26), 'é'),
            Noise::escape(Span::new(27, 29), '"'),
            Noise::escape(Span::new(31, 33), '"'),
            Noise::blank(Span::new(33, 34)),
        ];
        let masked = analysis_text(text, &noise);
        assert_eq!(masked.len(), text.len(), "same length: every span stays valid");
        assert_eq!(masked, "               \n café     \"ok\"   ", "the padding of `\\\"` moves to the word's end");
        assert_eq!(&masked[17..22], "café", "the word reads whole where it was written");
    }

    #[test]
    fn an_escape_inside_a_word_keeps_the_word_whole() {
        let text = r"prov\u00edncia de Tarragona";
        let masked = analysis_text(text, &[Noise::escape(Span::new(4, 10), 'í')]);
        assert_eq!(masked, "província     de Tarragona");
        assert_eq!(masked.len(), text.len());
    }

    #[test]
    fn no_noise_borrows_and_a_span_off_a_char_boundary_is_ignored() {
        assert!(matches!(analysis_text("plain", &[]), Cow::Borrowed(_)));
        let text = "é:x";
        let masked = analysis_text(text, &[Noise::blank(Span::new(1, 3))]);
        assert_eq!(masked, text, "a span starting inside `é` is dropped, never breaks the text");
    }

    #[test]
    fn overlapping_blank_spans_merge() {
        let mut noise =
            vec![Noise::blank(Span::new(5, 9)), Noise::blank(Span::new(0, 3)), Noise::blank(Span::new(2, 6))];
        normalise(&mut noise);
        assert_eq!(noise, vec![Noise::blank(Span::new(0, 9))]);
    }
}
