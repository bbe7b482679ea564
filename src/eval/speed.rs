//! Speed of the analysis: files and megabytes per second over all of
//! `kremlin-bulk`, on one thread, for the whole per-file pipeline a hover or
//! `speech-ls themes` runs (parse, then themes: sections, labels, key terms,
//! summaries, nearest speeches). The corpus statistics the themes contrast
//! with are built first and not timed. Run it on a release build.

use std::path::Path;
use std::time::Instant;

use crate::corpus::themes::analysis::analyze_file;
use crate::corpus::transcript::parse_transcript;
use crate::eval::EvalRow;
use crate::workspace::load_corpus;
use crate::workspace::themes::ThemeIndex;

pub fn rows(data_dir: &Path) -> Vec<EvalRow> {
    let dir = data_dir.join("kremlin-bulk");
    let row = |metric: &str, value: Option<f64>, note: String| EvalRow {
        task: "analysis speed".into(),
        set: "kremlin-bulk".into(),
        metric: metric.into(),
        value,
        baseline: None,
        target: None,
        note,
    };
    if !dir.is_dir() {
        let note = format!("{} not found", dir.display());
        return vec![row("files/s (1 thread)", None, note.clone()), row("MB/s (1 thread)", None, note)];
    }
    eprintln!("speed: building the statistics of {}", dir.display());
    let corpus = load_corpus(&dir);
    let themes = ThemeIndex::build(&dir, &corpus);
    let mut texts = Vec::new();
    for (file, _) in corpus.transcripts() {
        if let Ok(text) = std::fs::read_to_string(dir.join(&file.path)) {
            texts.push((file.path.clone(), text));
        }
    }
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    let started = Instant::now();
    let mut sections = 0usize;
    for (path, text) in &texts {
        let transcript = parse_transcript(text);
        sections += analyze_file(path, text, &transcript, &themes.context).sections.len();
    }
    let seconds = started.elapsed().as_secs_f64().max(1e-9);
    let note = format!(
        "{} files, {:.1} MB in {seconds:.2} s: parse + sections, labels, key terms, summaries, nearest ({sections} sections)",
        texts.len(),
        bytes as f64 / 1e6
    );
    vec![
        row("files/s (1 thread)", Some(texts.len() as f64 / seconds), note.clone()),
        row("MB/s (1 thread)", Some(bytes as f64 / 1e6 / seconds), note),
    ]
}
