//! `speech-ls index DIR [--write]`: brings DIR/INDEX.md up to date (adds an
//! entry for every transcript it does not list, touching no line the user
//! wrote), or writes a fresh one when there is none.
//!
//! By default it only prints a unified diff of what would change. With
//! `--write` it replaces INDEX.md atomically: the new text goes to a
//! temporary file in the same folder, is synced, then renamed over the old
//! one, so that a crash never leaves half an index. Nothing but DIR/INDEX.md
//! is ever written.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};

use super::line_diff::unified_diff;
use super::world::corpus_world;
use crate::corpus::index_edit::apply_edits;
use crate::ide::Change;
use crate::ide::index_update::index_updates;

const BOM: &str = "\u{feff}";

/// Runs the subcommand; returns what `--write` did or what the diff shows.
pub fn run(dir: &Path, write: bool) -> anyhow::Result<()> {
    anyhow::ensure!(dir.is_dir(), "{} is not a folder", dir.display());
    let index_path = dir.join("INDEX.md");
    let (old, bom) = match std::fs::symlink_metadata(&index_path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            bail!("{} is a symlink; not touching it (index the folder it points into)", index_path.display())
        }
        Ok(_) => {
            let bytes = std::fs::read(&index_path).with_context(|| format!("cannot read {}", index_path.display()))?;
            // A lossy read would replace bytes the user wrote: refuse instead.
            let text = String::from_utf8(bytes).map_err(|e| {
                anyhow::anyhow!(
                    "{}: not valid UTF-8 (byte {}); not updating it",
                    index_path.display(),
                    e.utf8_error().valid_up_to()
                )
            })?;
            match text.strip_prefix(BOM) {
                Some(rest) => (Some(rest.to_string()), true),
                None => (Some(text), false),
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (None, false),
        Err(e) => bail!("cannot read {}: {e}", index_path.display()),
    };
    // The same update the editor's "Add every unlisted transcript" applies.
    let world = corpus_world(dir);
    let old_text = old.as_deref().unwrap_or("");
    let update = index_updates(&world, None, true).into_iter().next();
    let added = update.as_ref().map_or(0, |u| u.added);
    let mut new = old_text.to_string();
    for change in update.iter().flat_map(|u| &u.change.changes) {
        match change {
            Change::Edit(edit) => new = apply_edits(&new, &edit.edits),
            Change::Create { text, .. } => new.clone_from(text),
            Change::Rename { .. } => {}
        }
    }
    if write {
        if old.as_deref() == Some(new.as_str()) {
            eprintln!("speech-ls index: {} is up to date", index_path.display());
            return Ok(());
        }
        let bytes = if bom { format!("{BOM}{new}") } else { new };
        replace_atomically(&index_path, bytes.as_bytes())?;
        eprintln!("speech-ls index: wrote {} ({added} entr{} added)", index_path.display(), plural(added));
    } else {
        let label = index_path.display().to_string();
        let old_label = if old.is_some() { label.clone() } else { "/dev/null".to_string() };
        print!("{}", unified_diff(old_text, &new, &old_label, &label));
        eprintln!("speech-ls index: {added} entr{} to add; run with --write to apply", plural(added));
    }
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "y" } else { "ies" }
}

/// Writes `bytes` to a temporary file beside `target`, syncs it, and renames
/// it over `target`; the temporary file is removed if anything fails.
fn replace_atomically(target: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let folder = target.parent().context("INDEX.md has no folder")?;
    let tmp = folder.join(format!(".INDEX.md.speech-ls-{}.tmp", std::process::id()));
    let written = (|| -> std::io::Result<()> {
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        if let Ok(meta) = std::fs::metadata(target) {
            file.set_permissions(meta.permissions())?;
        }
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, target)?;
        // Make the rename itself durable (best effort: not every system can
        // open a folder for syncing).
        if let Ok(dir) = std::fs::File::open(folder) {
            let _ = dir.sync_all();
        }
        Ok(())
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        bail!("cannot write {}: {e}", target.display());
    }
    Ok(())
}
