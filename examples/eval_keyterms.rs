//! Prints the key-term rows of the evaluation table:
//! `cargo run --release --example eval_keyterms -- /work/data`.
//! With `--grid`, also prints F1@10 of both sets for a few weight settings
//! (how the default configuration was chosen).

use std::path::PathBuf;

use speech_ls::corpus::themes::keyterms::KeyTermConfig;
use speech_ls::eval::{self, keyterms};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(args.iter().find(|a| !a.starts_with("--")).map_or("/work/data", |s| s.as_str()));
    if args.iter().any(|a| a == "--grid") {
        grid(&dir);
        return;
    }
    print!("{}", eval::render(&keyterms::rows(&dir)));
}

fn grid(dir: &std::path::Path) {
    let (Ok(inspec), Ok(kpcrowd)) = (keyterms::load_inspec(dir), keyterms::load_kpcrowd(dir)) else {
        eprintln!("evaluation sets not found under {}", dir.display());
        return;
    };
    // One weight at a time around the default.
    let base = KeyTermConfig::default();
    let mut configs = vec![base];
    for v in [0.15, 0.3, 0.6, 1.0] {
        configs.push(KeyTermConfig { length_exponent: v, ..base });
    }
    for v in [0.5, 1.5, 2.0] {
        configs.push(KeyTermConfig { idf_exponent: v, ..base });
    }
    for v in [0.0, 1.0, 3.0] {
        configs.push(KeyTermConfig { phrase_weight: v, ..base });
    }
    for v in [0.0, 0.25, 0.75, 1.0] {
        configs.push(KeyTermConfig { cohesion_weight: v, ..base });
    }
    for v in [0.0, 1.5, 3.0] {
        configs.push(KeyTermConfig { position_weight: v, ..base });
    }
    for v in [0.0, 0.5, 1.0] {
        configs.push(KeyTermConfig { case_weight: v, ..base });
    }
    for v in [0.0, 2.0] {
        configs.push(KeyTermConfig { spread_weight: v, ..base });
    }
    for v in [0.3, 0.7, 1.1] {
        configs.push(KeyTermConfig { duplicate_ratio: v, ..base });
    }
    for config in configs {
        let a = keyterms::evaluate(&inspec, &config, 10);
        let b = keyterms::evaluate(&kpcrowd, &config, 10);
        println!("inspec {:.3}  kpcrowd {:.3}  {config:?}", a.f1, b.f1);
    }
}
