//! Speakers as people for the features: the person under a label, every
//! turn of that person, and the person's card (what a hover on a label
//! shows). A file in a corpus reads the corpus's person index; a file in no
//! corpus gets an index of its own labels, so that "Mr. SMITH" and "Mr
//! Smith" are one person there too.

use std::collections::HashMap;

use crate::corpus::speakers::stats::file_stats;
use crate::corpus::speakers::{PersonId, PersonIndex, PersonKind, PersonStats, person_stats};
use crate::corpus::text::{Span, escape_markdown};
use crate::corpus::transcript::Transcript;
use crate::ide::Location;
use crate::ide::names::thousands;
use crate::ide::world::{FileView, World};

/// The persons a file's features read: its corpus's, or its own.
pub enum Persons<'a> {
    Corpus(&'a PersonIndex),
    Alone(PersonIndex),
}

impl Persons<'_> {
    pub fn index(&self) -> &PersonIndex {
        match self {
            Persons::Corpus(index) => index,
            Persons::Alone(index) => index,
        }
    }
}

/// The person index `view` belongs to.
pub fn persons_of<'a>(view: &'a FileView) -> Option<Persons<'a>> {
    let t = view.analysis.transcript()?;
    Some(match &view.corpus {
        Some(cv) => Persons::Corpus(cv.corpus.persons()),
        None => Persons::Alone(PersonIndex::build([(view.analysis.path.as_str(), t)], None)),
    })
}

/// The turn whose label holds `offset`, if any.
pub fn label_at(t: &Transcript, offset: usize) -> Option<usize> {
    t.turns.iter().position(|turn| turn.label_span.contains(offset))
}

/// The person speaking in turn `turn` of `view`.
pub fn person_of_turn(persons: &Persons, view: &FileView, turn: usize) -> Option<PersonId> {
    let t = view.analysis.transcript()?;
    persons.index().person_of(&view.analysis.path, &t.turns.get(turn)?.speaker)
}

/// Every turn of `id`, across the corpus (or the file), at its label.
pub fn turns_of(persons: &Persons, view: &FileView, id: PersonId) -> Vec<Location> {
    match (&view.corpus, persons) {
        (Some(cv), Persons::Corpus(_)) => {
            cv.corpus.turns_of_person(id).into_iter().map(|r| Location::in_corpus(cv, &r.path, r.label_span)).collect()
        }
        _ => {
            let Some(t) = view.analysis.transcript() else { return Vec::new() };
            let labels = persons.index().labels_of(&view.analysis.path);
            t.turns
                .iter()
                .filter(|turn| labels.iter().any(|(l, p)| *p == id && *l == turn.speaker))
                .map(|turn| Location { file: view.file.clone(), span: turn.label_span })
                .collect()
        }
    }
}

/// Each distinct person of a transcript with their words, most first: what
/// the speech's speaker shares count (persons, not labels).
pub fn person_shares(persons: &PersonIndex, path: &str, t: &Transcript) -> Vec<(String, usize)> {
    let labels = persons.labels_of(path);
    let mut shares: Vec<(PersonId, String, usize)> = Vec::new();
    for turn in &t.turns {
        let id = labels.iter().find(|(l, _)| *l == turn.speaker).map(|(_, p)| *p);
        let found = shares.iter_mut().find(|(p, name, _)| match id {
            Some(id) => *p == id,
            None => *name == turn.speaker,
        });
        match found {
            Some((_, _, w)) => *w += turn.words,
            None => {
                let name = id.and_then(|id| persons.person(id)).map_or(turn.speaker.clone(), |p| p.name.clone());
                shares.push((id.unwrap_or(PersonId::MAX), name, turn.words));
            }
        }
    }
    let mut shares: Vec<(String, usize)> = shares.into_iter().map(|(_, n, w)| (n, w)).collect();
    shares.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    shares
}

/// The number of distinct persons speaking in a transcript.
pub fn person_count(view: &FileView) -> usize {
    let Some(t) = view.analysis.transcript() else { return 0 };
    match persons_of(view) {
        Some(p) => person_shares(p.index(), &view.analysis.path, t).len(),
        None => 0,
    }
}

/// The person's card for a hover on one of their labels.
pub fn person_card(world: &World, view: &FileView, offset: usize) -> Option<(String, Span)> {
    let t = view.analysis.transcript()?;
    let turn = label_at(t, offset)?;
    let persons = persons_of(view)?;
    let index = persons.index();
    let id = person_of_turn(&persons, view, turn)?;
    let person = index.person(id)?;
    let here = file_stats(index, id, &view.analysis.path, t);
    let corpus =
        view.corpus.as_ref().map(|cv| person_stats(index, id, |path| cv.corpus.get(path).and_then(|f| f.transcript())));
    let mut out = format!("**{}**", escape_markdown(&person.name));
    out.push_str(match person.kind {
        PersonKind::Named => "\n\n",
        PersonKind::Role => " (a role: no one is named for it)\n\n",
        PersonKind::Unnamed => " (a diarisation id with no name: name it in speakers.toml)\n\n",
    });
    let registry = view.corpus.as_ref().and_then(|cv| cv.corpus.registry()).map(|(_, r)| r);
    if let Some(entry) = person.registry.and_then(|i| registry?.persons.get(i)) {
        for role in &entry.roles {
            let mut line = format!("- Role: {}", escape_markdown(&role.title));
            let place: Vec<&str> = [role.country.as_deref(), role.party.as_deref()].into_iter().flatten().collect();
            if !place.is_empty() {
                line.push_str(&format!(" ({})", escape_markdown(&place.join(", "))));
            }
            match (role.from, role.to) {
                (Some(f), Some(t)) => line.push_str(&format!(", {f} – {t}")),
                (Some(f), None) => line.push_str(&format!(", from {f}")),
                (None, Some(t)) => line.push_str(&format!(", until {t}")),
                (None, None) => {}
            }
            out.push_str(&line);
            out.push('\n');
        }
    }
    out.push_str(&format!("- In this speech: {}\n", figures(&here)));
    if let Some(all) = &corpus {
        out.push_str(&format!(
            "- In the corpus: {} in {} speech{}\n",
            figures(all),
            thousands(all.speeches),
            if all.speeches == 1 { "" } else { "es" }
        ));
        match (all.first, all.last) {
            (Some(f), Some(l)) if f != l => out.push_str(&format!("- First and last: {f} – {l}\n")),
            (Some(f), _) => out.push_str(&format!("- Date: {f}\n")),
            _ => {}
        }
    }
    let aliases = corpus.as_ref().map_or(&here.aliases, |c| &c.aliases);
    if aliases.len() > 1 || aliases.first().is_some_and(|(a, _)| *a != person.name) {
        out.push_str("\nAliases seen:\n");
        for (alias, turns) in aliases.iter().take(MAX_ALIASES) {
            out.push_str(&format!("- {} — {} turn{}\n", escape_markdown(alias), thousands(*turns), plural(*turns)));
        }
        if aliases.len() > MAX_ALIASES {
            out.push_str(&format!("- and {} more\n", aliases.len() - MAX_ALIASES));
        }
    }
    if let Some(themes) = top_themes(world, view, index, id) {
        out.push_str(&format!("\nSpeaks most about: {themes}\n"));
    }
    Some((out, t.turns[turn].label_span))
}

/// How many aliases a card lists.
const MAX_ALIASES: usize = 8;

/// The themes most often among the strongest of the person's speeches,
/// when the corpus's themes are built: "Economy (12), Defence (5)".
fn top_themes(world: &World, view: &FileView, index: &PersonIndex, id: PersonId) -> Option<String> {
    let cv = view.corpus.as_ref()?;
    let themes = world.themes.get(&cv.root)?;
    let mut counts: HashMap<&str, (usize, &str)> = HashMap::new();
    for path in index.files_of(id) {
        let Some(topics) = themes.topics.get(path) else { continue };
        for (theme, label) in topics.themes.iter().take(3) {
            counts.entry(theme).or_insert((0, label)).0 += 1;
        }
    }
    let mut counts: Vec<(&str, usize)> = counts.into_values().map(|(n, label)| (label, n)).collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let shown: Vec<String> =
        counts.iter().take(3).map(|(label, n)| format!("{} ({n})", escape_markdown(label))).collect();
    (!shown.is_empty()).then(|| shown.join(", "))
}

fn figures(s: &PersonStats) -> String {
    format!("{} turn{}, {} word{}", thousands(s.turns), plural(s.turns), thousands(s.words), plural(s.words))
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// One person of a corpus with their figures (`speech-ls speakers`).
#[derive(Debug, Clone, PartialEq)]
pub struct PersonSummary {
    pub name: String,
    pub kind: PersonKind,
    pub stats: PersonStats,
}

/// Every person of a corpus, most turns first.
pub fn corpus_persons(cv: &crate::ide::CorpusView) -> Vec<PersonSummary> {
    let index = cv.corpus.persons();
    let files = cv.corpus.transcripts().map(|(f, t)| (f.path.as_str(), t));
    let stats = crate::corpus::speakers::stats::all_stats(index, files);
    let mut out: Vec<PersonSummary> = index
        .persons
        .iter()
        .zip(stats)
        .filter(|(_, s)| s.turns > 0)
        .map(|(p, stats)| PersonSummary { name: p.name.clone(), kind: p.kind, stats })
        .collect();
    out.sort_by(|a, b| b.stats.turns.cmp(&a.stats.turns).then_with(|| a.name.cmp(&b.name)));
    out
}
