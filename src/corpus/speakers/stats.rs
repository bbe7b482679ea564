//! A person's figures, counted when asked from the transcripts themselves
//! (the person index says only who is who): turns and words, in one speech
//! and in the corpus, the speeches, the first and last date, and each
//! alias's turns. Only the files the person speaks in are read.

use crate::corpus::speakers::resolve::{PersonId, PersonIndex};
use crate::corpus::text::Date;
use crate::corpus::transcript::Transcript;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PersonStats {
    pub turns: usize,
    pub words: usize,
    pub speeches: usize,
    pub first: Option<Date>,
    pub last: Option<Date>,
    /// Each label the person speaks under, with its turns, most first.
    pub aliases: Vec<(String, usize)>,
}

/// `id`'s figures across the files of the index; `transcript_of` finds a file's transcript.
pub fn person_stats<'a>(
    index: &PersonIndex,
    id: PersonId,
    transcript_of: impl Fn(&str) -> Option<&'a Transcript>,
) -> PersonStats {
    let mut stats = PersonStats::default();
    for path in index.files_of(id) {
        let Some(t) = transcript_of(path) else { continue };
        if add_file(&mut stats, index, id, path, t) {
            stats.speeches += 1;
            if let Some(d) = t.date() {
                stats.first = Some(stats.first.map_or(d, |f| f.min(d)));
                stats.last = Some(stats.last.map_or(d, |l| l.max(d)));
            }
        }
    }
    stats.aliases.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    stats
}

/// `id`'s turns and words in one transcript.
pub fn file_stats(index: &PersonIndex, id: PersonId, path: &str, t: &Transcript) -> PersonStats {
    let mut stats = PersonStats::default();
    if add_file(&mut stats, index, id, path, t) {
        stats.speeches = 1;
        stats.first = t.date();
        stats.last = t.date();
    }
    stats
}

/// Adds `path`'s turns of `id`; true when it has any.
fn add_file(stats: &mut PersonStats, index: &PersonIndex, id: PersonId, path: &str, t: &Transcript) -> bool {
    let labels = index.labels_of(path);
    let mut any = false;
    for turn in &t.turns {
        if labels.iter().any(|(l, p)| *p == id && *l == turn.speaker) {
            any = true;
            stats.turns += 1;
            stats.words += turn.words;
            match stats.aliases.iter_mut().find(|(a, _)| *a == turn.speaker) {
                Some((_, n)) => *n += 1,
                None => stats.aliases.push((turn.speaker.clone(), 1)),
            }
        }
    }
    any
}

/// Every person's figures in one pass over the transcripts (the listing of
/// `speech-ls speakers`), indexed by person.
pub fn all_stats<'a>(
    index: &PersonIndex,
    files: impl IntoIterator<Item = (&'a str, &'a Transcript)>,
) -> Vec<PersonStats> {
    let mut out = vec![PersonStats::default(); index.persons.len()];
    for (path, t) in files {
        let labels = index.labels_of(path);
        let mut seen: Vec<PersonId> = Vec::new();
        for turn in &t.turns {
            let Some(&(_, id)) = labels.iter().find(|(l, _)| *l == turn.speaker) else { continue };
            let Some(stats) = out.get_mut(id as usize) else { continue };
            stats.turns += 1;
            stats.words += turn.words;
            match stats.aliases.iter_mut().find(|(a, _)| *a == turn.speaker) {
                Some((_, n)) => *n += 1,
                None => stats.aliases.push((turn.speaker.clone(), 1)),
            }
            if !seen.contains(&id) {
                seen.push(id);
                stats.speeches += 1;
                if let Some(d) = t.date() {
                    stats.first = Some(stats.first.map_or(d, |f| f.min(d)));
                    stats.last = Some(stats.last.map_or(d, |l| l.max(d)));
                }
            }
        }
    }
    for stats in &mut out {
        stats.aliases.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    }
    out
}
