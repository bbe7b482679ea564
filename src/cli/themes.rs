//! `speech-ls themes FILE|DIR`: prints what hovers show about themes, for one
//! transcript or for every transcript of a corpus. Corpus statistics come
//! from the corpus the file lies in (the nearest folder above it with an
//! INDEX.md), so a file's key terms are contrasted with its neighbours, as
//! in the editor once the corpus themes are ready.

use std::path::Path;

use anyhow::{Context, bail};

use crate::cli::world::{corpus_world_with_themes, file_world};
use crate::corpus::paths::is_index_name;
use crate::corpus::themes::analysis::analyze_file;
use crate::corpus::themes::render::file_text;
use crate::ide::themes::context_for;
use crate::ide::{FileRef, World};
use crate::workspace::corpus_roots;

/// Prints the themes of `target` (a transcript or a corpus folder).
pub fn run(target: &Path) -> anyhow::Result<()> {
    print!("{}", themes(target)?);
    Ok(())
}

/// The themes of `target` as text.
pub fn themes(target: &Path) -> anyhow::Result<String> {
    let target = target.canonicalize().with_context(|| format!("{}: no such file or folder", target.display()))?;
    if target.is_dir() {
        let root = corpus_roots(&target, None).into_iter().next().unwrap_or(target.clone());
        let world = corpus_world_with_themes(&root);
        let mut out = String::new();
        for cv in world.corpora() {
            for (file, _) in cv.corpus.transcripts() {
                out.push_str(&one_file(&world, &cv.file_ref(&file.path))?);
                out.push('\n');
            }
        }
        return Ok(out);
    }
    if target.file_name().is_some_and(|n| is_index_name(&n.to_string_lossy())) {
        bail!(
            "{} is a catalogue of speeches, not a speech: `speech-ls themes {}` prints the themes of every speech it lists",
            target.display(),
            target.parent().map_or(".".into(), |p| p.display().to_string())
        );
    }
    let (world, file) = file_world(&target)?;
    one_file(&world, &file)
}

/// One transcript's themes, computed in full whatever its length.
fn one_file(world: &World, file: &FileRef) -> anyhow::Result<String> {
    let view = world.file(file).context("not a transcript")?;
    let transcript = view.analysis.transcript().context("not a transcript")?;
    let text = world.text(&view).with_context(|| format!("{}: changed while being read", view.analysis.path))?;
    let themes = analyze_file(&view.analysis.path, &text, transcript, &context_for(world, &view));
    Ok(file_text(&view.analysis.path, &themes, &text))
}
