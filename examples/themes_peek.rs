//! Scratch: prints a transcript's themes against a corpus's statistics (development aid).
use speech_ls::corpus::themes::analysis::*;
use std::time::Instant;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = std::path::Path::new(&args[1]);
    let t0 = Instant::now();
    let corpus = speech_ls::workspace::load_corpus(root);
    let t1 = Instant::now();
    let (ctx, _) = speech_ls::workspace::themes::build_theme_context(root, &corpus);
    let t2 = Instant::now();
    eprintln!("load {:?} ({} files), themes {:?}", t1 - t0, corpus.len(), t2 - t1);
    let path = &args[2];
    let text = std::fs::read_to_string(path).unwrap();
    let t = speech_ls::corpus::parse_transcript(&text);
    let t3 = Instant::now();
    let th = analyze_file("x", &text, &t, &ctx);
    eprintln!("analyze {:?}", t3.elapsed());
    let th2 = th.clone();
    let show = |r: &RegionThemes| {
        println!("  {} words={}", r.name_against(Some(&th2.speech)), r.words);
        for l in &r.labels {
            println!("    label {} {:.3} {:?}", l.label, l.weight, l.source);
        }
        println!("    terms {:?}", r.key_terms.iter().map(|k| k.text.clone()).collect::<Vec<_>>());
        for s in &r.summary {
            println!("    summary: {}", s.slice(&text));
        }
        println!("    nearest {:?}", r.nearest);
    };
    println!("speech:");
    show(&th.speech);
    for s in th.sections.iter().take(args.get(3).map(|s| s.parse().unwrap()).unwrap_or(5)) {
        println!("section of turn {}:", s.turn);
        show(&s.themes);
    }
}
