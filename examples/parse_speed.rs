//! Measures the transcript parser alone: parses every `.txt` under a directory on one thread and prints MB/s and the
//! total time. With `--fingerprint OUT` it also writes one line per file (path and a hash of the `{:?}` of its
//! `Transcript` and `LineIndex`), so that a faster parser can be checked to give exactly the same results.
//!
//! `cargo run --release --example parse_speed -- DIR [--fingerprint OUT]`

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use speech_ls::corpus::{LineIndex, parse_transcript};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "seeds".into()));
    let fingerprint_out = match args.next().as_deref() {
        Some("--fingerprint") => args.next().map(PathBuf::from),
        _ => None,
    };
    let mut files = Vec::new();
    collect_txt(&dir, &mut files)?;
    files.sort();
    // Read everything first so that the figures are the parser's alone.
    let texts: Vec<(PathBuf, String)> = files
        .into_iter()
        .filter_map(|p| std::fs::read(&p).ok().map(|b| (p, String::from_utf8_lossy(&b).into_owned())))
        .collect();
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();

    let mut parse_time = Duration::ZERO;
    let mut line_index_time = Duration::ZERO;
    let mut lines = Vec::new();
    for (path, text) in &texts {
        let start = Instant::now();
        let transcript = parse_transcript(text);
        parse_time += start.elapsed();
        let start = Instant::now();
        let line_index = LineIndex::new(text);
        line_index_time += start.elapsed();
        if fingerprint_out.is_some() {
            let mut h = DefaultHasher::new();
            format!("{transcript:?}").hash(&mut h);
            format!("{line_index:?}").hash(&mut h);
            let rel = path.strip_prefix(&dir).unwrap_or(path);
            lines.push(format!("{:016x} {}", h.finish(), rel.display()));
        }
        std::hint::black_box(&transcript);
    }
    let mb = bytes as f64 / 1e6;
    println!("{} files, {mb:.1} MB, one thread", texts.len());
    let report = |what: &str, d: Duration| {
        println!("{what:<16} {:>8.1} ms  {:>7.1} MB/s", d.as_secs_f64() * 1e3, mb / d.as_secs_f64());
    };
    report("parse_transcript", parse_time);
    report("LineIndex::new", line_index_time);
    report("both", parse_time + line_index_time);
    if let Some(out) = fingerprint_out {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&out)?);
        for line in lines {
            writeln!(f, "{line}")?;
        }
        println!("fingerprints written to {}", out.display());
    }
    Ok(())
}

fn collect_txt(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_txt(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
    Ok(())
}
