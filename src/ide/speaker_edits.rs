//! Edits and findings about speakers as people: renaming a person (every
//! label of theirs across the corpus, as one change, each label keeping
//! what surrounds the name: "President of Russia Vladimir Putin" stays a
//! title and a name), the merge a near-duplicate label is offered ("Vladmir
//! Putin" → "Vladimir Putin"), and the speaker diagnostics of a transcript.
//! Nothing is written: the change is data the editor applies.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::corpus::index_edit::TextEdit;
use crate::corpus::speakers::{PersonId, PersonKind, SPEAKERS_FILE};
use crate::corpus::text::{Problem, Severity, Span};
use crate::ide::edits::{Change, FileEdit, SourceChange};
use crate::ide::speakers::{label_at, person_of_turn, persons_of};
use crate::ide::world::{FileRef, FileView, World};

/// Codes of the speaker diagnostics.
pub mod codes {
    /// A label that looks like a misspelling of a known person.
    pub const SPEAKER_NEAR_DUPLICATE: &str = "speaker-near-duplicate";
    /// A diarisation id that no registry entry names.
    pub const SPEAKER_UNNAMED: &str = "speaker-unnamed";
}

/// The label under the cursor and its text, when rename can rename its person.
pub fn prepare_rename_speaker(world: &World, file: &FileRef, offset: usize) -> Option<(Span, String)> {
    let view = world.file(file)?;
    let t = view.analysis.transcript()?;
    let turn = &t.turns[label_at(t, offset)?];
    Some((turn.label_span, turn.speaker.clone()))
}

/// Renames the person of the label under the cursor: every label of theirs,
/// in every file, with the person's name in it replaced by `new_name` (the
/// whole label when the name is not in it).
pub fn rename_speaker(
    world: &World,
    file: &FileRef,
    offset: usize,
    new_name: &str,
) -> Result<Option<SourceChange>, String> {
    let Some(view) = world.file(file) else { return Ok(None) };
    let Some(t) = view.analysis.transcript() else { return Ok(None) };
    let Some(turn) = label_at(t, offset) else { return Ok(None) };
    let new_name = new_name.trim();
    if new_name.is_empty() || new_name.contains(['\n', '\r', ':']) {
        return Err(format!("`{new_name}` cannot be a speaker label (no colon or line break, not empty)"));
    }
    let Some(persons) = persons_of(&view) else { return Ok(None) };
    let Some(id) = person_of_turn(&persons, &view, turn) else { return Ok(None) };
    let name = persons.index().person(id).map(|p| p.name.clone()).unwrap_or_default();
    let mut per_file: BTreeMap<FileRef, Vec<TextEdit>> = BTreeMap::new();
    for (file, span, label) in labels_of(world, &view, &persons, id) {
        let new_text = renamed(&label, &name, new_name);
        if new_text != label {
            per_file.entry(file).or_default().push(TextEdit { span, new_text });
        }
    }
    Ok(Some(change(world, per_file)))
}

/// The label `label` with `name` (any case) replaced by `new_name`, or
/// `new_name` alone when the name is not in it.
fn renamed(label: &str, name: &str, new_name: &str) -> String {
    let found = if label.is_ascii() && name.is_ascii() {
        label.to_ascii_lowercase().find(&name.to_ascii_lowercase())
    } else {
        label.find(name)
    };
    match found {
        Some(at) if !name.is_empty() => format!("{}{new_name}{}", &label[..at], &label[at + name.len()..]),
        _ => new_name.to_string(),
    }
}

/// Every label of `id`: file, span and text as written.
fn labels_of(
    world: &World,
    view: &FileView,
    persons: &crate::ide::speakers::Persons,
    id: PersonId,
) -> Vec<(FileRef, Span, String)> {
    let mut out = Vec::new();
    let index = persons.index();
    let mut add = |file: FileRef, path: &str, t: &crate::corpus::Transcript| {
        let labels = index.labels_of(path);
        for turn in &t.turns {
            if labels.iter().any(|(l, p)| *p == id && *l == turn.speaker) {
                out.push((file.clone(), turn.label_span, turn.speaker.clone()));
            }
        }
    };
    match &view.corpus {
        Some(cv) => {
            for path in index.files_of(id) {
                let analysis = world.open.by_path(&cv.root.join(path)).map(|o| o.analysis.clone());
                let analysis = analysis.or_else(|| cv.corpus.get(path).cloned());
                if let Some(t) = analysis.as_ref().and_then(|a| a.transcript()) {
                    add(cv.file_ref(path), path, t);
                }
            }
        }
        None => {
            if let Some(t) = view.analysis.transcript() {
                add(view.file.clone(), &view.analysis.path, t);
            }
        }
    }
    out
}

/// The edits as one change, each file's against its open buffer or its analysis.
fn change(world: &World, per_file: BTreeMap<FileRef, Vec<TextEdit>>) -> SourceChange {
    let mut out = SourceChange::default();
    for (file, edits) in per_file {
        let (version, line_index) = match world.open.get(&file) {
            Some(open) => (Some(open.version), Arc::new(open.analysis.line_index.clone())),
            None => match world.line_index(&file) {
                Some(lines) => (None, Arc::new(lines.clone())),
                None => continue,
            },
        };
        out.changes.push(Change::Edit(FileEdit { file, version, line_index, edits }));
    }
    out
}

/// A speaker finding of one transcript, with the merge it offers.
#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerFinding {
    pub problem: Problem,
    /// The canonical name to merge the label into, when there is one.
    pub merge_into: Option<String>,
}

/// The speaker findings of a transcript in a corpus: labels that look like
/// a misspelt known person (at each of their turns), and diarisation ids
/// no registry entry names (at their first turn).
pub fn speaker_findings(view: &FileView) -> Vec<SpeakerFinding> {
    let (Some(cv), Some(t)) = (&view.corpus, view.analysis.transcript()) else { return Vec::new() };
    let index = cv.corpus.persons();
    let path = &view.analysis.path;
    let mut out = Vec::new();
    for (label, id) in index.labels_of(path) {
        let Some(person) = index.person(*id) else { continue };
        let mut turns = t.turns.iter().filter(|turn| turn.speaker == *label);
        match person.kind {
            PersonKind::Unnamed => {
                if let Some(turn) = turns.next() {
                    let message = format!(
                        "`{label}` has no name: name it in {SPEAKERS_FILE} ([files.\"{path}\"] {label} = \"Full Name\")"
                    );
                    let problem = Problem {
                        span: turn.label_span,
                        severity: Severity::Info,
                        code: codes::SPEAKER_UNNAMED,
                        message,
                    };
                    out.push(SpeakerFinding { problem, merge_into: None });
                }
            }
            PersonKind::Named => {
                let Some(known) = index.near_duplicate_of(*id).and_then(|k| index.person(k)) else { continue };
                for turn in turns {
                    let message = format!(
                        "`{label}` looks like a misspelling of {} ({} turns in the corpus)",
                        known.name, known.turns
                    );
                    let problem = Problem {
                        span: turn.label_span,
                        severity: Severity::Warning,
                        code: codes::SPEAKER_NEAR_DUPLICATE,
                        message,
                    };
                    out.push(SpeakerFinding { problem, merge_into: Some(known.name.clone()) });
                }
            }
            PersonKind::Role => {}
        }
    }
    out.sort_by_key(|f| f.problem.span.start);
    out
}

/// The merge fixes of the findings touching `wanted`: (title, problem, change).
pub fn merge_fixes(world: &World, view: &FileView, wanted: Span) -> Vec<(String, Problem, SourceChange)> {
    let mut out = Vec::new();
    for finding in speaker_findings(view) {
        let Some(name) = finding.merge_into else { continue };
        let span = finding.problem.span;
        if !(span.start <= wanted.end && wanted.start <= span.end) {
            continue;
        }
        let edits = vec![TextEdit { span, new_text: name.clone() }];
        let change = change(world, BTreeMap::from([(view.file.clone(), edits)]));
        out.push((format!("Merge into {name}"), finding.problem, change));
    }
    out
}
