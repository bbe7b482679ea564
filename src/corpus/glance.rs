//! A speech at a glance: date, source, title, speakers with their share of
//! the words, word count and number of turns. The language server shows it on
//! hover (over an INDEX.md entry or a transcript's header line) and the
//! command line can print it; both render the same markdown from here.

use crate::corpus::index::IndexEntry;
use crate::corpus::text::{Date, escape_markdown};
use crate::corpus::transcript::Transcript;

/// The facts shown about one speech.
#[derive(Debug, Clone, PartialEq)]
pub struct Glance {
    /// The path the speech is known by (corpus-relative or a file name).
    pub path: String,
    pub title: Option<String>,
    pub date: Option<Date>,
    pub source: Option<String>,
    /// Speakers, most words first, with their words and share in percent of
    /// all the words spoken in turns.
    pub speakers: Vec<SpeakerShare>,
    pub words: usize,
    pub turns: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerShare {
    pub speaker: String,
    pub words: usize,
    pub percent: f64,
}

/// How many speakers the rendering lists before summing up the rest.
const MAX_LISTED_SPEAKERS: usize = 8;

/// Builds the glance of a transcript; `entry` is the INDEX.md entry listing
/// it, which gives the title (and the date when the header has none).
/// Speakers are the labels as written (see `glance_of_persons`).
pub fn glance(path: &str, transcript: &Transcript, entry: Option<&IndexEntry>) -> Glance {
    glance_of_persons(path, transcript, entry, transcript.speaker_shares())
}

/// The glance with the speakers' shares given: each person's words, when
/// the caller has resolved labels to persons (`corpus::speakers`).
pub fn glance_of_persons(
    path: &str,
    transcript: &Transcript,
    entry: Option<&IndexEntry>,
    shares: Vec<(String, usize)>,
) -> Glance {
    let spoken: usize = shares.iter().map(|(_, w)| w).sum();
    let speakers = shares
        .into_iter()
        .map(|(speaker, words)| SpeakerShare {
            speaker,
            words,
            percent: if spoken == 0 { 0.0 } else { words as f64 * 100.0 / spoken as f64 },
        })
        .collect();
    let header = transcript.header.as_ref();
    Glance {
        path: path.to_string(),
        title: entry
            .and_then(|e| e.title.clone())
            .or_else(|| transcript.meta.title.clone())
            .filter(|t| !t.trim().is_empty()),
        date: transcript.date().or_else(|| entry.and_then(|e| e.date)),
        source: header
            .and_then(|h| h.source.clone())
            .or_else(|| transcript.meta.source.clone())
            .filter(|s| !s.is_empty()),
        speakers,
        words: transcript.words,
        turns: transcript.turns.len(),
    }
}

impl Glance {
    /// Markdown for a hover: a title line, then one line per fact.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let title = self.title.as_deref().unwrap_or(&self.path);
        out.push_str(&format!("**{}**\n\n", escape_markdown(title)));
        let mut facts: Vec<String> = Vec::new();
        if let Some(d) = self.date {
            facts.push(format!("Date: {d}"));
        }
        if let Some(s) = &self.source {
            facts.push(format!("Source: {}", escape_markdown(s)));
        }
        facts.push(format!("Words: {}", self.words));
        facts.push(format!("Turns: {}", self.turns));
        if self.title.is_some() {
            facts.push(format!("File: `{}`", self.path.replace('`', "'")));
        }
        for fact in facts {
            out.push_str(&format!("- {fact}\n"));
        }
        if !self.speakers.is_empty() {
            out.push_str("\nSpeakers:\n");
            for s in self.speakers.iter().take(MAX_LISTED_SPEAKERS) {
                out.push_str(&format!("- {} — {:.0}% ({} words)\n", escape_markdown(&s.speaker), s.percent, s.words));
            }
            let rest = self.speakers.len().saturating_sub(MAX_LISTED_SPEAKERS);
            if rest > 0 {
                out.push_str(&format!("- and {rest} more\n"));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::index::parse_index;
    use crate::corpus::transcript::parse_transcript;

    #[test]
    fn glance_shows_title_date_source_and_shares() {
        let text = " date 2021-03-03 Source: The Kremlin\n\nPutin: One two three.\n\nKolokoltsev: Four.\n";
        let t = parse_transcript(text);
        let index = parse_index("- 2021-03-03 [Interior Ministry Board](a.txt) #police\n");
        let g = glance("a.txt", &t, index.entries.first());
        let md = g.to_markdown();
        assert!(md.starts_with("**Interior Ministry Board**"), "{md}");
        assert!(md.contains("Date: 2021-03-03"), "{md}");
        assert!(md.contains("Source: The Kremlin"), "{md}");
        let total: f64 = g.speakers.iter().map(|s| s.percent).sum();
        if !g.speakers.is_empty() {
            assert!((total - 100.0).abs() < 0.01, "shares add up to 100%: {total}");
        }
    }

    #[test]
    fn empty_transcript_has_a_glance_too() {
        let g = glance("empty.txt", &parse_transcript(""), None);
        assert_eq!(g.words, 0);
        assert!(g.to_markdown().starts_with("**empty.txt**"));
    }
}
