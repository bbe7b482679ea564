//! Times what resolving speakers to persons costs on a real corpus: the
//! corpus load (what start-up pays anyway), the person index built on top
//! of it, the near-duplicate names (the speaker diagnostics' lookup, built
//! once per index), and find-references on a label of the most frequent person (the
//! `ide` function the server's handler calls, median and p99 of 50 runs):
//! `cargo run --release --example persons_speed -- DIR`.
//! Prints figures only; tests assert behaviour, not time.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use speech_ls::corpus::speakers::PersonIndex;
use speech_ls::ide::World;
use speech_ls::ide::references::references;
use speech_ls::workspace::Workspace;

const RUNS: usize = 50;

fn main() {
    let dir = std::env::args().nth(1).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/tmp/full"));
    if !dir.is_dir() {
        eprintln!("{} is not a folder; pass a corpus folder", dir.display());
        std::process::exit(2);
    }
    let started = Instant::now();
    let mut workspace = Workspace::new();
    workspace.add_root(&dir);
    let load = started.elapsed();
    let world = World::of_workspace(workspace);
    let cv = world.corpora().next().expect("the corpus was loaded");
    let corpus = &cv.corpus;
    println!("corpus: {} ({} files)", dir.display(), corpus.len());
    println!("{:<44} {:>9}", "load (read, parse, line index)", ms(load));
    let started = Instant::now();
    let index = corpus.persons();
    let build = started.elapsed();
    println!("{:<44} {:>9}   ({:.1} % of the load)", "person index (first build)", ms(build), pct(build, load));
    let mut again = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let files = corpus.transcripts().map(|(f, t)| (f.path.as_str(), t));
        std::hint::black_box(PersonIndex::build(files, None));
        again.push(started.elapsed());
    }
    again.sort();
    println!("{:<44} {:>9}", "person index (rebuilt, median of 5)", ms(again[2]));
    let started = Instant::now();
    let near = (0..index.persons.len() as u32).filter(|&id| index.near_duplicate_of(id).is_some()).count();
    let took = started.elapsed();
    println!("{:<44} {:>9}   ({near} near-duplicate persons)", "near-duplicates (first, then a lookup)", ms(took));
    // The most frequent person by turns, and one of their labels.
    let Some((id, person)) = index.persons.iter().enumerate().max_by_key(|(_, p)| p.turns) else {
        println!("no speakers");
        return;
    };
    let id = id as u32;
    let path = index.files_of(id).next().expect("a person speaks somewhere").to_string();
    let t = corpus.get(&path).and_then(|f| f.transcript()).expect("a transcript");
    let label = t.turns.iter().find(|turn| index.person_of(&path, &turn.speaker) == Some(id)).expect("a turn");
    let file = cv.file_ref(&path);
    let mut times = Vec::new();
    let mut found = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        found = references(&world, &file, label.label_span.start, false).len();
        times.push(started.elapsed());
    }
    times.sort();
    println!(
        "{:<44} {:>9} median, {:>9} p99   ({} turns of {:?}, {} aliases)",
        "references on the most frequent person",
        ms(times[RUNS / 2]),
        ms(times[RUNS * 99 / 100]),
        found,
        person.name,
        person.aliases.len()
    );
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn pct(part: Duration, whole: Duration) -> f64 {
    part.as_secs_f64() * 100.0 / whole.as_secs_f64().max(1e-9)
}
