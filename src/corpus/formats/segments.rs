//! JSON transcripts: an array of segments, each with its text and, where
//! the tool gives them, its times and speaker. The layouts read:
//!
//! - Whisper, WhisperX, whisper-ctranslate2: `{"segments": [{"start": 0.0,
//!   "end": 2.0, "text": " Hola", "speaker": "SPEAKER_01", "words": [...]}]}`;
//! - whisper.cpp: `{"transcription": [{"offsets": {"from": 0, "to": 2000},
//!   "timestamps": {"from": "00:00:00,000", ...}, "text": "..."}]}`;
//! - Podcasting 2.0: `{"segments": [{"speaker": "Luke", "startTime": 2.75,
//!   "body": "Nooooo"}]}`; AssemblyAI-style `utterances` (times in ms);
//! - any array of objects with a `text` (or `body`, `transcript`, ...) key.
//!
//! The segments' text strings (their content, inside the quotes) are the
//! text; everything else is noise. Escapes inside them stand for their
//! characters: `\n` for a line break, `\"` for a quote (the backslash is
//! blanked), `\u00e9` for `é` followed by spaces. Times in seconds unless the
//! layout says milliseconds. JSON that is not a transcript, or not JSON,
//! gets a diagnostic and the best reading: its longer strings, or the file
//! as plain text.

use crate::corpus::formats::json::{Scalar, Step, Visitor, decode, scan};
use crate::corpus::text::{LineIndex, Problem, Severity, Span};
use crate::corpus::transcript::time::{parse_clock, seconds_to_ms};
use crate::corpus::transcript::{Block, Format, Metadata, Noise, Reading, TimeSpan};

const TEXT_KEYS: [&str; 6] = ["text", "body", "transcript", "utterance", "content", "sentence"];
const START_KEYS: [&str; 5] = ["start", "startTime", "start_time", "begin", "start_ms"];
const END_KEYS: [&str; 4] = ["end", "endTime", "end_time", "end_ms"];
const SPEAKER_KEYS: [&str; 5] = ["speaker", "speaker_label", "speakerName", "speaker_name", "spk"];
/// Arrays of words or tokens inside a segment: never the segments themselves.
const WORD_ARRAYS: [&str; 6] = ["words", "tokens", "word_segments", "chars", "alternatives", "timestamps"];
/// Names of segment arrays, most likely first.
const SEGMENT_ARRAYS: [&str; 5] = ["segments", "transcription", "utterances", "results", "monologues"];

#[derive(Debug, Clone, Default)]
struct Segment {
    text: Option<Span>,
    start: Option<u64>,
    end: Option<u64>,
    speaker: Option<Span>,
}

#[derive(Debug, Default)]
struct SegmentArray {
    name: String,
    /// The layout counts its times in milliseconds.
    millis: bool,
    segments: Vec<Segment>,
    ignored: bool,
}

#[derive(Default)]
struct Collect {
    arrays: Vec<SegmentArray>,
    /// Open arrays: (depth of their path, index into `arrays`).
    open: Vec<(usize, usize)>,
    top_text: Option<Span>,
    language: Option<String>,
    /// Strings of a few words anywhere, for a document that is no transcript.
    long_strings: Vec<Span>,
}

impl Visitor for Collect {
    fn open(&mut self, text: &str, path: &[Step], is_array: bool) {
        if !is_array {
            return;
        }
        let name = match path.last() {
            Some(Step::Key(k)) => k.slice(text).to_string(),
            _ => String::new(),
        };
        let ignored = WORD_ARRAYS.contains(&name.as_str());
        let millis = name == "utterances";
        self.open.push((path.len(), self.arrays.len()));
        self.arrays.push(SegmentArray { name, millis, segments: Vec::new(), ignored });
    }

    fn close(&mut self, _text: &str, path: &[Step]) {
        if self.open.last().is_some_and(|(depth, _)| *depth == path.len()) {
            self.open.pop();
        }
    }

    fn scalar(&mut self, text: &str, path: &[Step], value: Scalar) {
        if let Scalar::Str(s) = value
            && self.long_strings.len() < 100_000
            && s.len() >= 12
            && s.slice(text).contains(' ')
        {
            self.long_strings.push(s);
        }
        let key = |step: &Step| match step {
            Step::Key(k) => k.slice(text),
            Step::Index(_) => "",
        };
        if path.len() == 1 {
            match (key(&path[0]), value) {
                ("text", Scalar::Str(s)) => self.top_text = Some(s),
                ("language", Scalar::Str(s)) => self.language = Some(s.slice(text).to_string()),
                _ => {}
            }
            return;
        }
        let Some(&(depth, array)) = self.open.last() else { return };
        let n = path.len();
        // A field of an element (`segments[i].text`), or of an object inside
        // one (`transcription[i].offsets.from`).
        let (index, field, within) = match (n.checked_sub(depth + 2), path.get(depth)) {
            (Some(0), Some(Step::Index(i))) => (*i, key(&path[n - 1]), ""),
            (Some(1), Some(Step::Index(i))) => (*i, key(&path[n - 1]), key(&path[n - 2])),
            _ => return,
        };
        let a = &mut self.arrays[array];
        if a.ignored {
            return;
        }
        if a.segments.len() <= index {
            a.segments.resize_with(index + 1, Segment::default);
        }
        let millis = a.millis || field.ends_with("_ms") || within == "offsets";
        let seg = &mut a.segments[index];
        let time = |v: Scalar| match v {
            Scalar::Num(x) if millis => (x.is_finite() && x >= 0.0).then_some(x as u64),
            Scalar::Num(x) => seconds_to_ms(x),
            Scalar::Str(s) => parse_clock(s.slice(text).trim()),
            Scalar::Other => None,
        };
        match (within, field) {
            ("", f) if TEXT_KEYS.contains(&f) => {
                seg.text = match value {
                    Scalar::Str(s) => Some(s),
                    _ => seg.text,
                }
            }
            ("", f) if SPEAKER_KEYS.contains(&f) => {
                if let Scalar::Str(s) = value {
                    seg.speaker = Some(s);
                }
            }
            ("" | "offsets" | "timestamps", f) if START_KEYS.contains(&f) || (!within.is_empty() && f == "from") => {
                seg.start = seg.start.or(time(value));
            }
            ("" | "offsets" | "timestamps", f) if END_KEYS.contains(&f) || (!within.is_empty() && f == "to") => {
                seg.end = seg.end.or(time(value));
            }
            _ => {}
        }
    }
}

pub(super) fn read(text: &str) -> Reading {
    let mut c = Collect::default();
    let outcome = scan(text, &mut c);
    let mut problems = Vec::new();
    if let Err(e) = &outcome {
        let (line, col) = LineIndex::new(text).position(e.at, crate::corpus::text::ColumnUnit::Utf8);
        let at = floor(text, e.at);
        problems.push(Problem {
            span: Span::new(at, at),
            severity: Severity::Warning,
            code: "json-invalid",
            message: format!(
                "not valid JSON at line {}, column {}: {}; read as far as it goes",
                line + 1,
                col + 1,
                e.message
            ),
        });
    }
    let meta = Metadata { language: c.language.clone(), ..Metadata::default() };
    let chosen = choose(&c.arrays);
    let mut noise = Vec::new();
    let blocks: Vec<Block> = match chosen {
        Some(a) => a
            .segments
            .iter()
            .filter_map(|s| {
                let span = s.text?;
                let time = match (s.start, s.end) {
                    (Some(start), Some(end)) => Some(TimeSpan::new(start, end)),
                    (Some(start), None) => Some(TimeSpan::at(start)),
                    _ => None,
                };
                let voice = s.speaker.map(|sp| (decode(text, sp).0.trim().to_string(), sp)).filter(|v| !v.0.is_empty());
                Some(Block { span, time, voice, dash: false })
            })
            .collect(),
        None => {
            let spans = match c.top_text {
                Some(t) => vec![t],
                None => c.long_strings.clone(),
            };
            if outcome.is_ok() || !spans.is_empty() {
                problems.push(Problem {
                    span: Span::new(0, 0),
                    severity: Severity::Warning,
                    code: "json-not-transcript",
                    message:
                        "this JSON has no transcript segments (an array of objects with `text`, as Whisper writes); \
                              its longer strings are read as the text"
                            .into(),
                });
            }
            spans.into_iter().map(|s| Block::new(s, None)).collect()
        }
    };
    if blocks.is_empty() && outcome.is_err() {
        // Not JSON at all: the best reading is the file as plain text.
        return Reading { format: Format::Json, meta, problems, ..Reading::default() };
    }
    mask_outside(text, &blocks, &mut noise);
    Reading { format: Format::Json, meta, noise, body_start: 0, header_line: false, blocks: Some(blocks), problems }
}

/// The array of segments: a known name first, else the one with most texts.
fn choose(arrays: &[SegmentArray]) -> Option<&SegmentArray> {
    let texts = |a: &SegmentArray| a.segments.iter().filter(|s| s.text.is_some()).count();
    let usable = arrays.iter().filter(|a| !a.ignored && texts(a) > 0);
    let rank = |a: &SegmentArray| SEGMENT_ARRAYS.iter().position(|n| *n == a.name).unwrap_or(SEGMENT_ARRAYS.len());
    usable.min_by(|a, b| rank(a).cmp(&rank(b)).then(texts(b).cmp(&texts(a))))
}

/// Everything outside the blocks' strings is noise; escapes inside them
/// stand for their characters.
fn mask_outside(text: &str, blocks: &[Block], noise: &mut Vec<Noise>) {
    let mut spans: Vec<Span> = blocks.iter().map(|b| b.span).collect();
    spans.sort();
    let mut at = 0;
    for s in spans {
        if s.start > at {
            noise.push(Noise::blank(Span::new(at, s.start)));
        }
        for (span, c) in decode(text, s).1 {
            noise.push(Noise::escape(span, c));
        }
        at = at.max(s.end);
    }
    if at < text.len() {
        noise.push(Noise::blank(Span::new(at, text.len())));
    }
}

fn floor(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0)
}

/// How many segments each array has, by name (for tests and the eval).
#[cfg(test)]
fn arrays_of(text: &str) -> std::collections::HashMap<String, usize> {
    let mut c = Collect::default();
    let _ = scan(text, &mut c);
    c.arrays.iter().map(|a| (a.name.clone(), a.segments.len())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::transcript::parse_reading;

    #[test]
    fn whisper_segments_with_speakers_make_turns_and_json_is_no_word() {
        let text = r#"{"text": " Hola. Hola, em dic Carme.", "segments": [{"id": 1, "start": 0.0, "end": 2.0, "text": " Hola, com et dius?", "tokens": [1, 2], "speaker": "SPEAKER_01"}, {"id": 2, "start": 2.0, "end": 4.0, "text": " Hola, em dic Carme.", "words": [{"word": " Hola", "start": 2.0}], "speaker": "SPEAKER_00"}, {"id": 3, "start": 4.0, "end": 6.0, "text": " D'on ets, \"Carme\"?", "speaker": "SPEAKER_01"}], "language": "ca"}"#;
        let r = read(text);
        assert_eq!(r.meta.language.as_deref(), Some("ca"));
        let t = parse_reading(text, r);
        let turns: Vec<(&str, String)> =
            t.turns.iter().map(|x| (x.speaker.as_str(), x.time.map(|t| t.range_label()).unwrap_or_default())).collect();
        assert_eq!(
            turns,
            vec![
                ("SPEAKER_01", "0:00–0:02".into()),
                ("SPEAKER_00", "0:02–0:04".into()),
                ("SPEAKER_01", "0:04–0:06".into())
            ]
        );
        assert_eq!(t.words, 11, "{}", t.analysis_text(text));
        let masked = t.analysis_text(text);
        assert!(masked.contains("\"Carme\"") && !masked.contains("tokens") && !masked.contains("SPEAKER"));
    }

    #[test]
    fn whisper_cpp_and_podcast_layouts() {
        let cpp = r#"{"result": {"language": "en"}, "transcription": [{"timestamps": {"from": "00:00:00,000", "to": "00:00:03,000"}, "offsets": {"from": 0, "to": 3000}, "text": " And so my fellow Americans"}]}"#;
        let t = parse_reading(cpp, read(cpp));
        assert_eq!(t.words, 5);
        assert!(t.problems.is_empty(), "{:?}", t.problems);
        let podcast = r#"{"version": "1.0.0", "segments": [{"speaker": "Darth Vader", "startTime": 0.5, "endTime": 0.75, "body": "I"}, {"speaker": "Darth Vader", "startTime": 1, "endTime": 1.25, "body": "am"}, {"speaker": "Luke", "startTime": 2.75, "endTime": 3.0, "body": "Nooooo"}]}"#;
        let t = parse_reading(podcast, read(podcast));
        let speakers: Vec<&str> = t.turns.iter().map(|x| x.speaker.as_str()).collect();
        assert_eq!(speakers, vec!["Darth Vader", "Luke"], "one word a segment, one turn a speaker");
        assert_eq!(t.turns[0].time.map(|x| x.range_label()).as_deref(), Some("0:00–0:01"));
    }

    #[test]
    fn json_that_is_no_transcript_or_no_json_gets_a_diagnostic_and_a_reading() {
        let other = r#"{"name": "speech-ls", "description": "A language server for transcripts"}"#;
        let t = parse_reading(other, read(other));
        assert_eq!(t.problems.iter().map(|p| p.code).collect::<Vec<_>>(), vec!["json-not-transcript"]);
        assert_eq!(t.words, 5, "the longer string is read");
        let broken = "Moderator: this is not JSON at all.\n";
        let t = parse_reading(broken, read(broken));
        assert_eq!(t.problems.iter().map(|p| p.code).collect::<Vec<_>>(), vec!["json-invalid"]);
        assert_eq!(t.words, 7);
        assert_eq!(arrays_of(r#"{"segments": [{"text": "a"}, {"text": "b"}]}"#)["segments"], 2);
    }
}
