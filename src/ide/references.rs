//! Find references: on a transcript's header line, every INDEX.md entry
//! linking to it; on an INDEX.md entry, every entry linking to the same
//! transcript; on a speaker label, every turn of that person across the
//! corpus under every alias (or across the file, for a transcript outside
//! any corpus; see `ide::speakers`); inside
//! a topical section, every section and speech that carries its theme.

use crate::ide::definition::{index_links_to, transcript_target};
use crate::ide::speakers::{label_at, person_of_turn, persons_of, turns_of};
use crate::ide::themes::{file_themes, themes_text};
use crate::ide::world::{FileRef, FileView, World};
use crate::ide::{Location, entry_link_at, on_header};

pub fn references(world: &World, file: &FileRef, offset: usize, include_declaration: bool) -> Vec<Location> {
    let Some(view) = world.file(file) else { return Vec::new() };
    let cv = view.corpus.as_ref();
    let listed = |rel: &str| {
        let Some(cv) = cv else { return Vec::new() };
        let declaration = include_declaration.then(|| transcript_target(cv, rel)).flatten();
        declaration.into_iter().chain(index_links_to(cv, rel)).collect()
    };
    if let Some(doc) = view.analysis.index() {
        let target = entry_link_at(doc, offset).and_then(|(_, link)| cv?.corpus.resolve(link?));
        return target.map(|t| listed(&t)).unwrap_or_default();
    }
    let Some(transcript) = view.analysis.transcript() else { return Vec::new() };
    if on_header(&view, offset) {
        return listed(&view.analysis.path);
    }
    let Some(turn) = label_at(transcript, offset) else {
        return theme_references(world, &view, offset);
    };
    let Some(persons) = persons_of(&view) else { return Vec::new() };
    match person_of_turn(&persons, &view, turn) {
        Some(id) => turns_of(&persons, &view, id),
        None => Vec::new(),
    }
}

/// On a section's text: the places that carry the section's theme, i.e. the
/// sections of this file named by it and the speeches of the corpus whose
/// strongest themes include it (at their header lines).
fn theme_references(world: &World, view: &FileView, offset: usize) -> Vec<Location> {
    let Some(text) = themes_text(world, view) else { return Vec::new() };
    let Some(themes) = file_themes(world, view, &text, true) else { return Vec::new() };
    let Some(section) = themes.section_at(offset) else { return Vec::new() };
    let Some(theme) = section.themes.distinctive_label(Some(&themes.speech)).map(|l| l.id.clone()) else {
        return Vec::new();
    };
    let mut out: Vec<Location> = themes
        .sections
        .iter()
        .filter(|s| s.themes.distinctive_label(Some(&themes.speech)).is_some_and(|l| l.id == theme))
        .map(|s| Location { file: view.file.clone(), span: s.themes.span })
        .collect();
    if let Some(cv) = &view.corpus
        && let Some(theme_view) = world.themes.get(&cv.root)
    {
        let mut paths: Vec<&str> = theme_view
            .topics
            .iter()
            .filter(|(path, topics)| ***path != *view.analysis.path && topics.themes.iter().any(|(id, _)| *id == theme))
            .map(|(path, _)| &**path)
            .collect();
        paths.sort();
        out.extend(paths.into_iter().filter_map(|path| {
            let header = cv.corpus.get(path)?.transcript()?.header.as_ref()?.span;
            Some(Location::in_corpus(cv, path, header))
        }));
    }
    out
}
