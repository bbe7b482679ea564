//! The tags evaluation: `cargo run --release --example eval_tags -- /work/data`
//! prints the table (the hidden split) with the development figure
//! beside it; `-- /work/data --dev` prints only the development figure
//! (5-fold cross-validation inside the teaching pages, hidden pages unused);
//! `-- /work/data --sweep` prints the development figure for a grid of
//! classifier settings, the only figure settings may be chosen by;
//! `-- /work/data --time` times learning (teach + train) on the teaching pages.

use speech_ls::corpus::themes::tags::{TagModel, TagSettings};
use speech_ls::eval::tags::{TagData, TagScores};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args.iter().find(|a| !a.starts_with("--")).cloned().unwrap_or_else(|| "/work/data".to_string());
    let dir = std::path::Path::new(&dir);
    if args.iter().any(|a| a == "--dev") {
        print_dev(dir, &[TagSettings::default()]);
    } else if args.iter().any(|a| a == "--time") {
        print_learning_time(dir);
    } else if args.iter().any(|a| a == "--sweep") {
        print_dev(dir, &sweep());
    } else {
        let rows = speech_ls::eval::tags::rows(dir);
        print!("{}", speech_ls::eval::render(&rows));
    }
}

fn print_dev(dir: &std::path::Path, grid: &[TagSettings]) {
    let data = match TagData::load(&dir.join("kremlin-bulk")) {
        Ok(data) => data,
        Err(why) => {
            eprintln!("{why}");
            std::process::exit(2);
        }
    };
    for settings in grid {
        match data.dev(settings) {
            Ok(s) => println!("dev {} {}", describe(settings), figures(&s)),
            Err(why) => println!("dev {} {why}", describe(settings)),
        }
    }
}

/// Learning as the server does it (teach every tagged page, then train), on
/// the teaching pages of the split; the median of several runs, and the mean
/// time to offer tags to one page.
fn print_learning_time(dir: &std::path::Path) {
    let data = match TagData::load(&dir.join("kremlin-bulk")) {
        Ok(data) => data,
        Err(why) => {
            eprintln!("{why}");
            std::process::exit(2);
        }
    };
    let idf = |t| data.idf(t);
    let pages: Vec<_> = data.teaching_pages().collect();
    let mut runs = Vec::new();
    let mut classifier = None;
    for _ in 0..21 {
        let started = std::time::Instant::now();
        let mut model = TagModel::new();
        for (name, terms, tags) in &pages {
            model.teach(name, terms, tags);
        }
        classifier = Some(model.train(&idf));
        runs.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    runs.sort_by(f64::total_cmp);
    let Some(classifier) = classifier else { return };
    let started = std::time::Instant::now();
    for (_, terms, _) in &pages {
        std::hint::black_box(classifier.offer(terms, &idf, 3));
    }
    let offer_ms = started.elapsed().as_secs_f64() * 1000.0 / pages.len().max(1) as f64;
    println!(
        "learning {} pages: median {:.1} ms (min {:.1}, max {:.1}); offer {:.3} ms/page",
        pages.len(),
        runs[runs.len() / 2],
        runs[0],
        runs[runs.len() - 1],
        offer_ms
    );
}

fn figures(s: &TagScores) -> String {
    format!(
        "hit@1 {:.3} hit@3 {:.3} (sum {:.3}; {} pages; train {:.0} ms, offer {:.3} ms/page)",
        s.hit1,
        s.hit3,
        s.hit1 + s.hit3,
        s.hidden,
        s.train_ms,
        s.offer_ms
    )
}

fn describe(s: &TagSettings) -> String {
    let centroid = if s.centroid_terms == usize::MAX { "all".to_string() } else { s.centroid_terms.to_string() };
    format!(
        "background {:.2} prior^{:.2} idf^{:.1} centroid terms {centroid} vote {:.2} k {} voter terms {}",
        s.background, s.prior_exponent, s.idf_power, s.neighbour_share, s.neighbours, s.neighbour_terms
    )
}

/// The grid last swept around the defaults: each knob moved alone.
fn sweep() -> Vec<TagSettings> {
    let base = TagSettings::default();
    let mut grid = vec![base, TagSettings { neighbour_share: 0.0, ..base }];
    grid.extend([1.0, 1.5, 2.5].map(|idf_power| TagSettings { idf_power, ..base }));
    grid.extend([150, 500, usize::MAX].map(|centroid_terms| TagSettings { centroid_terms, ..base }));
    grid.extend([0.2, 0.4].map(|neighbour_share| TagSettings { neighbour_share, ..base }));
    grid.extend([5, 20].map(|neighbours| TagSettings { neighbours, ..base }));
    grid.extend([50, 200].map(|neighbour_terms| TagSettings { neighbour_terms, ..base }));
    grid.extend([0.1, 0.5].map(|background| TagSettings { background, ..base }));
    grid.extend([0.04, 0.12].map(|prior_exponent| TagSettings { prior_exponent, ..base }));
    grid
}
