//! Prints the tags evaluation table: `cargo run --release --example eval_tags -- /work/data`.

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "/work/data".to_string());
    let rows = speech_ls::eval::tags::rows(std::path::Path::new(&dir));
    print!("{}", speech_ls::eval::render(&rows));
}
