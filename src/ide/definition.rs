//! Go to definition: from an INDEX.md entry to the transcript it links to
//! (its header line), and from a transcript's header line back to every
//! INDEX.md entry that lists it; from a speaker label to the person's entry
//! in the registry (`speakers.toml`), or to the line naming a diarisation id.

use crate::ide::speakers::label_at;
use crate::ide::world::{CorpusView, FileRef, World};
use crate::ide::{Location, entry_link_at, on_header};

pub fn definition(world: &World, file: &FileRef, offset: usize) -> Vec<Location> {
    let Some(view) = world.file(file) else { return Vec::new() };
    let Some(cv) = view.corpus.as_ref() else { return Vec::new() };
    if let Some(doc) = view.analysis.index() {
        let target = entry_link_at(doc, offset).and_then(|(_, link)| cv.corpus.resolve(link?));
        return target.and_then(|t| transcript_target(cv, &t)).into_iter().collect();
    }
    if on_header(&view, offset) {
        return index_links_to(cv, &view.analysis.path);
    }
    registry_entry(cv, &view.analysis.path, view.analysis.transcript(), offset).into_iter().collect()
}

/// The registry line that defines the speaker of the label under `offset`:
/// the `[files."path"]` line naming its diarisation id, else its person's entry.
fn registry_entry(
    cv: &CorpusView,
    rel: &str,
    t: Option<&crate::corpus::Transcript>,
    offset: usize,
) -> Option<Location> {
    let turn = &t?.turns[label_at(t?, offset)?];
    let (file, registry) = cv.corpus.registry()?;
    if let Some((_, span)) = registry.name_of_id(rel, turn.speaker.trim()) {
        return Some(Location::in_corpus(cv, &file.path, span));
    }
    let persons = cv.corpus.persons();
    let person = persons.person(persons.person_of(rel, &turn.speaker)?)?;
    let entry = registry.persons.get(person.registry?)?;
    Some(Location::in_corpus(cv, &file.path, entry.span))
}

/// Where to land in a transcript: its header line, or its start.
pub fn transcript_target(cv: &CorpusView, rel: &str) -> Option<Location> {
    let file = cv.corpus.get(rel)?;
    let span = file.transcript().and_then(|t| t.header.as_ref()).map(|h| h.span).unwrap_or_default();
    Some(Location::in_corpus(cv, rel, span))
}

/// Every INDEX.md link (as the link's span) that resolves to `rel`.
pub fn index_links_to(cv: &CorpusView, rel: &str) -> Vec<Location> {
    let Some((index_file, doc)) = cv.corpus.index() else { return Vec::new() };
    cv.corpus
        .links_to(rel)
        .into_iter()
        .filter_map(|r| doc.entries.get(r.entry)?.links.get(r.link).map(|l| l.span))
        .map(|span| Location::in_corpus(cv, &index_file.path, span))
        .collect()
}
