//! Renaming transcripts without breaking INDEX.md.
//!
//! - `will_rename`: the editor is about to rename or move transcripts (or a
//!   folder of them); the change rewrites every INDEX.md link to them, each
//!   in the form it was written.
//! - `prepare_rename` + `rename` on an INDEX.md link: the new name is the
//!   link's new target; the change renames the file and rewrites every link
//!   to it. Only for editors that can rename files: renaming the link alone
//!   would break it.
//! - `prepare_rename` + `rename` on a speaker label: the person is renamed,
//!   every label of theirs across the corpus (`ide::speaker_edits`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::corpus::index_edit::{TextEdit, rename_links};
use crate::corpus::paths::{is_transcript_name, resolve_link};
use crate::corpus::text::Span;
use crate::ide::edits::{Change, IndexSource, SourceChange};
use crate::ide::entry_link_at;
use crate::ide::speaker_edits::{prepare_rename_speaker, rename_speaker};
use crate::ide::world::{CorpusView, FileRef, World};

/// The INDEX.md edits for files about to be renamed (`(old, new)` absolute
/// paths); empty when no link changes. Renames out of their corpus, or
/// between corpora, leave the links alone (they will show as dead, which is
/// the truth).
pub fn will_rename(world: &World, files: &[(PathBuf, PathBuf)]) -> SourceChange {
    // Corpus index -> [(old rel, new rel)].
    let mut per_corpus: BTreeMap<usize, Vec<(String, String)>> = BTreeMap::new();
    for (old, new) in files {
        let (Some((i, old_rel)), Some((j, new_rel))) = (world.workspace.locate(old), world.workspace.locate(new))
        else {
            continue;
        };
        if i != j {
            continue;
        }
        let Some(cv) = world.corpus_view(i) else { continue };
        let moves = per_corpus.entry(i).or_default();
        if cv.corpus.get(&old_rel).is_some() {
            moves.push((old_rel, new_rel));
            continue;
        }
        // A folder: every transcript under it moves along.
        let prefix = format!("{old_rel}/");
        for (file, _) in cv.corpus.transcripts() {
            if let Some(rest) = file.path.strip_prefix(&prefix) {
                moves.push((file.path.clone(), format!("{new_rel}/{rest}")));
            }
        }
    }
    let mut out = SourceChange::default();
    for (i, moves) in per_corpus {
        let Some(cv) = world.corpus_view(i) else { continue };
        let Some(index) = IndexSource::of(world, &cv) else { continue };
        let edits: Vec<TextEdit> =
            moves.iter().flat_map(|(old, new)| rename_links(&cv.corpus, &index.text, old, new)).collect();
        out.changes.extend(index.change(edits).changes);
    }
    out
}

/// The link target under the cursor and its text as written, when it names
/// a transcript that exists and the editor can rename files.
pub fn prepare_rename(world: &World, file: &FileRef, offset: usize, can_rename_files: bool) -> Option<(Span, String)> {
    if let Some(label) = prepare_rename_speaker(world, file, offset) {
        return Some(label);
    }
    let link = link_under_cursor(world, file, offset)?;
    can_rename_files.then_some((link.target_span, link.written))
}

/// Renames the transcript a link points to and rewrites every link to it.
/// `Err` carries a message for the user (invalid or taken name).
pub fn rename(
    world: &World,
    file: &FileRef,
    offset: usize,
    new_name: &str,
    can_rename_files: bool,
) -> Result<Option<SourceChange>, String> {
    if prepare_rename_speaker(world, file, offset).is_some() {
        return rename_speaker(world, file, offset, new_name);
    }
    let Some(LinkUnderCursor { cv, target: old_rel, .. }) = link_under_cursor(world, file, offset) else {
        return Ok(None);
    };
    if !can_rename_files {
        return Err("this editor cannot rename files through the language server".to_string());
    }
    let mut new_rel =
        resolve_link(new_name.trim()).map_err(|_| format!("`{new_name}` is not a path in this corpus"))?;
    if !is_transcript_name(&new_rel) {
        new_rel.push_str(".txt");
    }
    if new_rel == old_rel {
        return Ok(None);
    }
    if cv.corpus.contains(&new_rel) || cv.root.join(&new_rel).exists() {
        return Err(format!("{new_rel} already exists"));
    }
    let Some(index) = IndexSource::of(world, &cv) else { return Ok(None) };
    let edits = rename_links(&cv.corpus, &index.text, &old_rel, &new_rel);
    let rename = Change::Rename { from: cv.file_ref(&old_rel), to: cv.file_ref(&new_rel) };
    Ok(Some(SourceChange { changes: vec![rename, Change::Edit(index.edit(edits))] }))
}

struct LinkUnderCursor {
    cv: CorpusView,
    /// The transcript the link resolves to.
    target: String,
    /// The link's target span (on the definition's line for a reference link).
    target_span: Span,
    /// The target as written there.
    written: String,
}

fn link_under_cursor(world: &World, file: &FileRef, offset: usize) -> Option<LinkUnderCursor> {
    let view = world.file(file)?;
    let doc = view.analysis.index()?;
    let cv = view.corpus.clone()?;
    let (_, link) = entry_link_at(doc, offset)?;
    let link = link?;
    // Only a cursor on the link itself renames (not anywhere on the line).
    if !link.span.contains(offset) && !link.target_span.contains(offset) {
        return None;
    }
    let target = cv.corpus.resolve(link)?;
    let written = world.open.get(file).and_then(|d| d.text.get(link.target_span.range()).map(str::to_string));
    Some(LinkUnderCursor {
        cv,
        written: written.unwrap_or_else(|| target.clone()),
        target,
        target_span: link.target_span,
    })
}
