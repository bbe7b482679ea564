//! Prints the summary rows of the evaluation table:
//! `cargo run --release --example eval_summaries -- /work/data`.

use std::path::PathBuf;

use speech_ls::eval::{render, summaries};

fn main() {
    let data_dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "/work/data".into()));
    let started = std::time::Instant::now();
    print!("{}", render(&summaries::rows(&data_dir)));
    eprintln!("summary evaluation took {:.2} s", started.elapsed().as_secs_f64());
}
