//! `speech-ls themes FILE|DIR`: prints what hovers show about themes, for one
//! transcript or for every transcript of a corpus. Corpus statistics come
//! from the corpus the file lies in (the nearest folder above it with an
//! INDEX.md), so a file's key terms are contrasted with its neighbours.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use crate::corpus::themes::analysis::{ThemeContext, analyze_file};
use crate::corpus::themes::render::file_text;
use crate::corpus::transcript::parse_transcript;
use crate::workspace::read::{ReadOutcome, read_transcript_file};
use crate::workspace::themes::build_theme_context;
use crate::workspace::{corpus_roots, load_corpus};

/// Prints the themes of `target` (a transcript or a corpus folder).
pub fn themes(target: &Path) -> anyhow::Result<String> {
    let target = target.canonicalize().with_context(|| format!("{}: no such file or folder", target.display()))?;
    if target.is_dir() {
        let root = corpus_roots(&target, None).into_iter().next().unwrap_or(target.clone());
        let corpus = load_corpus(&root);
        let (ctx, _) = build_theme_context(&root, &corpus);
        let mut out = String::new();
        for (file, _) in corpus.transcripts() {
            out.push_str(&one_file(&root, &file.path, &ctx)?);
            out.push('\n');
        }
        return Ok(out);
    }
    let (root, rel) = match corpus_root_of(&target) {
        Some(root) => {
            let rel = target.strip_prefix(&root).unwrap_or(&target).to_string_lossy().replace('\\', "/");
            (root, rel)
        }
        None => {
            let parent = target.parent().map(Path::to_path_buf).unwrap_or_default();
            let name = target.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
            (parent, name)
        }
    };
    let ctx = if root.join("INDEX.md").is_file() {
        let corpus = load_corpus(&root);
        build_theme_context(&root, &corpus).0
    } else {
        ThemeContext::standalone()
    };
    one_file(&root, &rel, &ctx)
}

fn one_file(root: &Path, rel: &str, ctx: &ThemeContext) -> anyhow::Result<String> {
    let read = read_transcript_file(root, rel);
    if read.outcome != ReadOutcome::Read {
        let why: Vec<String> = read.problems.iter().map(|p| p.message.clone()).collect();
        bail!("{}: not read: {}", root.join(rel).display(), why.join("; "));
    }
    let transcript = parse_transcript(&read.text);
    let themes = analyze_file(rel, &read.text, &transcript, ctx);
    Ok(file_text(rel, &themes, &read.text))
}

/// The nearest folder at or above the file's own folder that holds an INDEX.md.
fn corpus_root_of(file: &Path) -> Option<PathBuf> {
    file.ancestors().skip(1).find(|dir| dir.join("INDEX.md").is_file()).map(Path::to_path_buf)
}
