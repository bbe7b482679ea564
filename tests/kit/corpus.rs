//! Corpora on disk for tests: a `speech_ls::fixture::Fixture` written into a
//! temporary folder, and the protocol tests' shared corpus, a `seeds/` folder
//! with the seed transcript, a second transcript with an emoji and en dashes
//! on its header line, and an INDEX.md.

use std::path::{Path, PathBuf};

use speech_ls::fixture::Fixture;

/// The seed transcript's file name in `seeds/`.
pub const SEED: &str = "000_dfd047e8c9417aac.txt";
/// The speaker of the seed's long turn.
pub const PUTIN: &str = "President of Russia Vladimir Putin";

/// The protocol corpus's INDEX.md: two dated entries, a dead link, and the
/// seed listed twice.
pub const INDEX: &str = "\
# Speeches

## 2021
- 2021-03-03 [Expanded meeting of the Interior Ministry Board](000_dfd047e8c9417aac.txt) #public-safety #cybercrime
- 2021-03-04 [Studio talk](emoji.txt) #studio
- 2022-01-01 [Not written yet](missing.txt)

## Again
- [Interior Ministry, listed twice](./000_dfd047e8c9417aac.txt)
";

/// The protocol corpus's `emoji.txt`. Its header line starts with a space, as
/// in the Kremlin transcripts.
pub const EMOJI: &str = " date 2021-03-04 Source: Test – 😀 Studio – English

The meeting opened with greetings.

Moderator: Welcome 😀 everyone to the studio.

President of Russia Vladimir Putin: Thank you, good afternoon.
";

/// The repository's `seeds/` folder.
pub fn seeds_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"))
}

/// The seed transcript's text.
pub fn seed_text() -> String {
    std::fs::read_to_string(seeds_dir().join(SEED)).expect("the seed transcript is in seeds/")
}

/// A fresh temporary folder and its canonical path (the server reports
/// canonical paths, so tests compare against those).
pub fn temp_dir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().canonicalize().expect("canonical temp dir");
    (dir, root)
}

/// Writes `fixture` into a fresh temporary folder.
pub fn write(fixture: &Fixture) -> (tempfile::TempDir, PathBuf) {
    let (dir, root) = temp_dir();
    fixture.write_to(&root).expect("write the fixture corpus");
    (dir, root)
}

/// The protocol corpus as a fixture (without the seed, which is copied).
pub fn protocol_fixture() -> Fixture {
    Fixture::parse(&format!("//- /seeds/INDEX.md\n{INDEX}//- /seeds/emoji.txt\n{EMOJI}"))
}

/// A workspace folder with `seeds/` holding the protocol corpus.
pub fn protocol_corpus() -> (tempfile::TempDir, PathBuf) {
    let (dir, root) = write(&protocol_fixture());
    copy_seed(&root.join("seeds"));
    (dir, root)
}

/// Copies the seed transcript into `folder`.
pub fn copy_seed(folder: &Path) {
    std::fs::copy(seeds_dir().join(SEED), folder.join(SEED)).expect("copy the seed transcript");
}
