//! Prints, for a sample of a corpus's files, each distinct label and the
//! person it resolves to, for checking merges by hand:
//! `cargo run --release --example persons_of_files -- DIR [N]` (N files,
//! every (len/N)-th in path order; default 100). Only labels whose person
//! has another alias are marked `*`, as those are where a wrong merge hides.

use std::path::PathBuf;

use speech_ls::workspace::load_corpus;

fn main() {
    let dir = std::env::args().nth(1).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("."));
    let n: usize = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(100);
    let corpus = load_corpus(&dir);
    let index = corpus.persons();
    let files: Vec<_> =
        corpus.transcripts().filter(|(_, t)| !t.turns.is_empty()).map(|(f, _)| f.path.clone()).collect();
    let step = (files.len() / n.max(1)).max(1);
    for path in files.iter().step_by(step).take(n) {
        println!("{path}");
        for (label, id) in index.labels_of(path) {
            let Some(p) = index.person(*id) else { continue };
            let mark = if p.aliases.len() > 1 { "*" } else { " " };
            println!("  {mark} {label}  =>  {} [{:?}, {} aliases]", p.name, p.kind, p.aliases.len());
        }
    }
}
