//! Prints the speaker-turn figures against the gold labels of the shared
//! corpora (`SPEECH_LS_DATA`):
//! `cargo test --release --test it transcript::eval -- --ignored --nocapture`.
//! Ignored by default because it reads tens of megabytes; it asserts nothing
//! about the figures (they are measurements), only that the data was found.

use speech_ls::eval::turns::{count_turns, score_labelled};

use crate::kit::data::data;

#[test]
#[ignore = "needs the shared corpora (see CONTRIBUTING.md)"]
fn print_turn_figures() {
    assert!(data("kremlin-dev").join("labels.jsonl").is_file(), "the shared kremlin-dev has its labels.jsonl");
    let verbose = std::env::var("TURNS_VERBOSE").is_ok();
    for set in ["kremlin-dev", "kremlin-bulk"] {
        let Some(s) = score_labelled(&data(set)) else { panic!("{set} has no labelled transcripts") };
        println!(
            "{set}: files {} gold {} predicted {} matched {} precision {:.4} recall {:.4} name-exact {:.4}",
            s.files,
            s.gold,
            s.predicted,
            s.matched,
            s.precision(),
            s.recall(),
            s.name_accuracy()
        );
        for f in s.worst_files(5) {
            println!("  worst {} gold {} predicted {} errors {}", f.file, f.gold, f.predicted, f.error_count());
        }
        if verbose {
            for f in &s.per_file {
                for (at, l) in &f.false_starts {
                    println!("  FALSE {} {at} {l:?}", f.file);
                }
                for (at, l) in &f.missed {
                    println!("  MISSED {} {at} {l:?}", f.file);
                }
                for (at, ours, gold) in &f.wrong_names {
                    println!("  NAME {} {at} {ours:?} vs {gold:?}", f.file);
                }
            }
        }
    }
    for set in ["sotu", "ungdc", "miller-center"] {
        let Some(c) = count_turns(&data(set), &[]) else { panic!("{set} has no transcripts") };
        println!(
            "{set}: files {} with turns {} turns {} (labels: {:?})",
            c.files, c.files_with_turns, c.turns, c.labelled_turns
        );
        for (file, label) in &c.examples {
            println!("  e.g. {file}: {label:?}");
        }
    }
}

/// Parser throughput over kremlin-bulk (files read first, then parsed on one
/// thread), and the time for the largest file, which is what a keystroke in
/// it costs: `cargo test --release --test it transcript::eval::print_parse_speed -- --ignored --nocapture`.
#[test]
#[ignore = "needs the shared corpora (see CONTRIBUTING.md)"]
fn print_parse_speed() {
    for set in ["kremlin-bulk", "kremlin-dev", "ungdc"] {
        let entries = std::fs::read_dir(data(set)).unwrap_or_else(|e| panic!("cannot list {set}: {e}"));
        let texts: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
            .filter_map(|e| std::fs::read(e.path()).ok())
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .collect();
        let bytes: usize = texts.iter().map(String::len).sum();
        let start = std::time::Instant::now();
        let mut turns = 0;
        for text in &texts {
            turns += speech_ls::corpus::parse_transcript(text).turns.len();
        }
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{set}: {} files, {:.1} MB, {turns} turns, {:.3} s, {:.1} MB/s (one thread)",
            texts.len(),
            bytes as f64 / 1e6,
            secs,
            bytes as f64 / 1e6 / secs
        );
        if let Some(largest) = texts.iter().max_by_key(|t| t.len()) {
            let runs = 20;
            let start = std::time::Instant::now();
            for _ in 0..runs {
                std::hint::black_box(speech_ls::corpus::parse_transcript(largest));
            }
            let per_parse = start.elapsed().as_secs_f64() / runs as f64;
            println!(
                "  largest file: {} words, {:.2} ms a parse",
                speech_ls::corpus::text::count_words(largest),
                per_parse * 1e3
            );
        }
    }
}
