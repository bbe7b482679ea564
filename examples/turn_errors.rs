//! Lists every missed and false turn start of a labelled corpus
//! (`DIR/labels.jsonl`, see `src/eval/turns.rs`), one line each, so a change
//! to the turn detector can be judged by what it gains and what it breaks:
//! `cargo run --release --example turn_errors -- /work/data/kremlin-dev > a.txt`, change, run again, `diff`.

use std::path::PathBuf;

use speech_ls::eval::turns::score_labelled;

fn main() {
    let Some(dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: turn_errors DIR (a folder with labels.jsonl)");
        std::process::exit(2);
    };
    let Some(score) = score_labelled(&dir) else {
        eprintln!("{}: no labels.jsonl", dir.display());
        std::process::exit(1);
    };
    let mut files: Vec<_> = score.per_file.iter().collect();
    files.sort_by(|a, b| a.file.cmp(&b.file));
    for f in files {
        for (p, label) in &f.missed {
            println!("missed\t{}\t{p}\t{label}", f.file);
        }
        for (p, label) in &f.false_starts {
            println!("false\t{}\t{p}\t{label}", f.file);
        }
    }
    eprintln!(
        "{} files: {} gold / {} predicted / {} matched; precision {:.4} recall {:.4}",
        score.files,
        score.gold,
        score.predicted,
        score.matched,
        score.precision(),
        score.recall()
    );
}
