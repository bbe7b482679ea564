//! Readers, one per container, each producing the one transcript model
//! (`corpus::transcript::Transcript`) with spans into the file as it is on disk.
//!
//! **How a file is recognised.** By its extension first: `.txt` plain text,
//! `.md`/`.markdown` Markdown, `.vtt` WebVTT, `.srt` SubRip, `.json` JSON
//! segments (Whisper, WhisperX, whisper.cpp, Podcasting 2.0), `.tsv`/`.csv`
//! one utterance a row, `.html`/`.htm` HTML; `INDEX.md` is always the index,
//! never a transcript. Then by its content, which wins when it is
//! unmistakable: a `WEBVTT` first line, a SubRip cue (`1` then `00:00:01,000
//! --> ...`), a JSON document (`{"` or `[{`), an HTML document (`<!DOCTYPE
//! html`, `<html`). A `.txt` that is really WebVTT is read as WebVTT, with an
//! information diagnostic saying so. A reader never refuses a file: a `.json`
//! that is not a transcript, or not JSON, a `.vtt` with broken cues, a table
//! with no text column each get a diagnostic and the best reading (the
//! longer strings, the file as plain text, the cues that parse, the longest
//! cell of each row). A file in which nothing can be read gets a diagnostic
//! too (`nothing-read`), never silence.
//!
//! **Markdown: transcript or note.** A `.md` file other than INDEX.md is a
//! transcript when its front matter says so (a key such as `speakers`,
//! `transcript`, `interviewer`, `episode`, `recorded`, or a `type`,
//! `layout`, `category` or `tags` naming a transcript, interview, podcast,
//! briefing or minutes), or when the parser finds at least two speaker
//! turns in it (`**Name:**`, `Name:`, `### Name` recurring). Otherwise it is
//! the user's own note: it is not part of the corpus, gets no diagnostics
//! and is left alone (`Verdict::Note`), and the command line says it skipped it.
//!
//! **Noise.** Every reader records the bytes that are not spoken words
//! (timestamps, cue numbers and settings, `WEBVTT` and `NOTE` blocks, tags,
//! JSON syntax, front matter); word counts and the theme analysis read the
//! file with those bytes blanked (`Transcript::analysis_text`).

mod cues;
mod dates;
mod escapes;
mod html;
mod json;
mod markdown;
mod metadata;
mod segments;
mod srt;
mod table;
mod webvtt;

use crate::corpus::text::{Problem, Severity, Span};
use crate::corpus::transcript::{Format, Reading, Transcript, parse_reading};

pub use dates::{date_in_file_name, date_in_text};

/// The extensions of transcript files, lower case, without the dot.
pub const EXTENSIONS: [&str; 10] = ["txt", "md", "markdown", "vtt", "srt", "json", "tsv", "csv", "html", "htm"];

/// The glob of each transcript extension (`**/*.txt`, `**/*.vtt`, ...),
/// for clients that watch files or filter renames for the server; INDEX.md
/// is among `**/*.md`.
pub fn transcript_globs() -> Vec<String> {
    EXTENSIONS.iter().map(|ext| format!("**/*.{ext}")).collect()
}

/// What a file is, once read.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Transcript(Box<Transcript>),
    /// A Markdown file that is the user's note, not a transcript; why.
    Note(&'static str),
}

/// The container a file name says, if it names a transcript.
pub fn format_of_name(path: &str) -> Option<Format> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let (_, ext) = name.rsplit_once('.')?;
    let format = match ext.to_ascii_lowercase().as_str() {
        "txt" => Format::Plain,
        "md" | "markdown" => Format::Markdown,
        "vtt" => Format::WebVtt,
        "srt" => Format::SubRip,
        "json" => Format::Json,
        "tsv" | "csv" => Format::Table,
        "html" | "htm" => Format::Html,
        _ => return None,
    };
    Some(format)
}

/// Reads a transcript file: recognises its container (see the module
/// note), reads it and completes its metadata from the text and the name.
pub fn read(path: &str, text: &str) -> Verdict {
    let by_name = format_of_name(path).unwrap_or(Format::Plain);
    let sniffed = sniff(text).filter(|f| *f != by_name);
    let format = sniffed.unwrap_or(by_name);
    let mut declared = false;
    let mut reading = match format {
        Format::Plain => Reading::plain(),
        Format::Markdown => {
            let md = markdown::read(text);
            declared = md.declared;
            md.reading
        }
        Format::Html => html::read(text),
        Format::WebVtt => webvtt::read(text),
        Format::SubRip => srt::read(text),
        Format::Json => segments::read(text),
        Format::Table => table::read(text, !path.to_ascii_lowercase().ends_with(".csv")),
    };
    if let Some(found) = sniffed {
        reading.problems.push(Problem {
            span: Span::new(0, 0),
            severity: Severity::Info,
            code: "format-mismatch",
            message: format!(
                "this file's name says {}, but it holds {}: read as {}",
                by_name.name(),
                found.name(),
                found.name()
            ),
        });
    }
    let mut t = parse_reading(text, reading);
    if format == Format::Markdown && !markdown::is_transcript(declared, &t) {
        return Verdict::Note(
            "a Markdown note: no front matter says it is a transcript, and it has fewer than two speaker turns",
        );
    }
    metadata::complete(path, text, &mut t);
    if t.paragraphs.is_empty() && !text.trim().is_empty() && t.problems.iter().all(|p| p.severity == Severity::Info) {
        t.problems.push(Problem {
            span: Span::new(0, 0),
            severity: Severity::Warning,
            code: "nothing-read",
            message: format!("no text could be read from this file as {}", t.format.name()),
        });
    }
    Verdict::Transcript(Box::new(t))
}

/// The container the content says, when it is unmistakable.
fn sniff(text: &str) -> Option<Format> {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with("WEBVTT") {
        return Some(Format::WebVtt);
    }
    let mut lines = head.lines();
    if let (Some(first), Some(second)) = (lines.next(), lines.next())
        && !first.trim().is_empty()
        && first.trim().bytes().all(|b| b.is_ascii_digit())
        && second.contains("-->")
        && second.contains(',')
    {
        return Some(Format::SubRip);
    }
    let json_start =
        head.starts_with("{\"") || head.starts_with("{ ") || head.starts_with("{\n") || head.starts_with("{\r");
    let json_array = head.starts_with("[{") || head.starts_with("[\n") || head.starts_with("[ {");
    if (json_start || json_array) && head.trim_end().ends_with(['}', ']']) {
        return Some(Format::Json);
    }
    let lower: String = head.chars().take(200).collect::<String>().to_ascii_lowercase();
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || (lower.starts_with("<?xml") && lower.contains("<html"))
    {
        return Some(Format::Html);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn transcript(path: &str, text: &str) -> Transcript {
        match read(path, text) {
            Verdict::Transcript(t) => *t,
            Verdict::Note(why) => panic!("{path} read as a note: {why}"),
        }
    }

    #[test]
    fn the_extension_chooses_the_reader_and_unmistakable_content_wins() {
        assert_eq!(transcript("a.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\nHi.\n").format, Format::WebVtt);
        let t = transcript("a.txt", "WEBVTT\n\n00:00.000 --> 00:01.000\nHi.\n");
        assert_eq!(t.format, Format::WebVtt);
        assert_eq!(t.problems.iter().map(|p| p.code).collect::<Vec<_>>(), vec!["format-mismatch"]);
        assert_eq!(transcript("a.txt", "1\n00:00:00,000 --> 00:00:01,000\nHi.\n").format, Format::SubRip);
        assert_eq!(transcript("a.txt", "[00:00:01] Anna: Hi.\n[00:00:02] Ben: Hello.\n").format, Format::Plain);
        assert_eq!(transcript("a.txt", " date 2021-03-03 Source: x\n\nText.\n").format, Format::Plain);
        assert_eq!(format_of_name("Sub/Talk.HTM"), Some(Format::Html));
        assert_eq!(format_of_name("notes.docx"), None);
    }

    #[test]
    fn a_markdown_note_is_left_alone_and_a_markdown_transcript_is_read() {
        assert!(matches!(read("notes.md", "# Ideas\n\nRead the speech again.\n"), Verdict::Note(_)));
        let t = transcript(
            "talk.md",
            "**Anna:** Hello.\n\n**Ben:** Hi, Anna.\n\n**Anna:** How are you?\n\n**Ben:** Fine.\n",
        );
        assert_eq!(t.turns.len(), 4);
        let t = transcript("talk.md", "---\ntitle: An interview\nspeakers: [Anna, Ben]\n---\n\nOnly prose here.\n");
        assert_eq!(t.meta.speakers, vec!["Anna".to_string(), "Ben".to_string()]);
        assert_eq!(t.meta.title.as_deref(), Some("An interview"));
    }

    #[test]
    fn a_setext_heading_is_the_title_without_its_underline() {
        let text = "Meeting Minutes of 22 September 2022\n===\n\n**Ege Korkan:** what next?\n\n**Philipp Blum:** a demo\n\n**Ege Korkan:** good\n";
        let t = transcript("minutes.md", text);
        assert_eq!(t.meta.title.as_deref(), Some("Meeting Minutes of 22 September 2022"));
    }

    #[test]
    fn a_file_with_nothing_to_read_says_so() {
        let t = transcript("a.html", "<html><head><title></title></head><body><img src=x></body></html>");
        assert!(t.problems.iter().any(|p| p.code == "nothing-read"), "{:?}", t.problems);
    }
}
