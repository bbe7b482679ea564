//! Prints how speech-ls reads one file: format, problems, metadata, turns, paragraphs and the analysis text.
//!
//! `cargo run --example read_file -- FILE [--text]`
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a file");
    let show_text = args.next().as_deref() == Some("--text");
    let bytes = std::fs::read(&path).expect("readable");
    let text = String::from_utf8_lossy(&bytes).into_owned();
    match speech_ls::corpus::formats::read(&path, &text) {
        speech_ls::corpus::formats::Verdict::Note(why) => println!("note: {why}"),
        speech_ls::corpus::formats::Verdict::Transcript(t) => {
            let lines = speech_ls::corpus::LineIndex::new(&text);
            let line = |o: usize| lines.position(o, speech_ls::corpus::text::ColumnUnit::Utf8).0 + 1;
            println!(
                "format {:?}, {} words, {} paragraphs, {} turns",
                t.format,
                t.words,
                t.paragraphs.len(),
                t.turns.len()
            );
            println!("meta {:?}", t.meta);
            for p in &t.problems {
                println!("problem {} line {}: {}", p.code, line(p.span.start), p.message);
            }
            for turn in &t.turns {
                let time = turn.time.map(|t| t.range_label()).unwrap_or_default();
                println!(
                    "turn line {:>5} {:<40} {:>12} {} words",
                    line(turn.label_span.start),
                    turn.speaker,
                    time,
                    turn.words
                );
            }
            if show_text {
                let masked = t.analysis_text(&text);
                for p in &t.paragraphs {
                    println!(
                        "[{:?} line {}] {}",
                        p.kind,
                        line(p.span.start),
                        p.span.slice(&masked).split_whitespace().collect::<Vec<_>>().join(" ")
                    );
                }
            }
        }
    }
}
