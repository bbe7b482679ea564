//! Prints the composite-monologue section score (`speech-ls eval`'s "sections"
//! row) alone, for tuning the section options quickly:
//! `cargo run --release --example eval_composites -- /work/data`.

fn main() {
    let data = std::env::args().nth(1).unwrap_or_else(|| "/work/data".into());
    match speech_ls::eval::composites::score(std::path::Path::new(&data)) {
        Some(s) => println!(
            "composites {}: Pk {:.3} (no boundaries {:.3}, even split {:.3}), {:.1} sections each",
            s.composites, s.pk, s.none_pk, s.even_pk, s.sections
        ),
        None => println!("no sotu/ or ungdc/ under {data}"),
    }
}
