//! Prints the segmentation rows of the evaluation table:
//! `cargo run --release --example eval_segmentation -- /work/data [--dump FILE]`.
//! `--dump FILE` also writes every document's hypothesised boundaries as JSON
//! (path → boundaries), to cross-check the scorer with
//! `../shared/eval/reference_segeval.py`.

use std::path::PathBuf;

use speech_ls::corpus::themes::tokens::Vocabulary;
use speech_ls::eval::{render, segmentation};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let data_dir = PathBuf::from(args.first().map(String::as_str).unwrap_or("/work/data"));
    let started = std::time::Instant::now();
    let rows = segmentation::rows(&data_dir);
    print!("{}", render(&rows));
    eprintln!("segmentation evaluation took {:.2} s", started.elapsed().as_secs_f64());
    if let Some(i) = args.iter().position(|a| a == "--dump") {
        let Some(out) = args.get(i + 1) else { return };
        let vocab = Vocabulary::new();
        let mut map = serde_json::Map::new();
        // Our scorer's means per folder, to print beside the reference's.
        let mut by_dir: std::collections::BTreeMap<String, (usize, f64, f64)> = Default::default();
        for file in args.iter().skip(i + 2) {
            let text = std::fs::read_to_string(file).unwrap_or_default();
            let doc = segmentation::parse_choi(&text);
            let hyp = segmentation::hypothesise(&doc, &vocab);
            let n = doc.sentences.len();
            if n >= 3 {
                let k = segmentation::window(&doc.boundaries, n);
                let dir = PathBuf::from(file).parent().map(|p| p.display().to_string()).unwrap_or_default();
                let e = by_dir.entry(dir).or_default();
                e.0 += 1;
                e.1 += segmentation::pk(&doc.boundaries, &hyp, n, k);
                e.2 += segmentation::window_diff(&doc.boundaries, &hyp, n, k);
            }
            map.insert(file.clone(), serde_json::json!(hyp));
        }
        for (dir, (docs, pk, wd)) in by_dir {
            let d = docs as f64;
            eprintln!("{dir}\tPk={:.4}\tWD={:.4}\tdocs={docs}", pk / d, wd / d);
        }
        let _ = std::fs::write(out, serde_json::Value::Object(map).to_string());
    }
}
