//! The seed's themes as `speech-ls themes` prints them, snapshot-tested: its
//! labels, key terms, summary, user tags and the topical sections of its one
//! long turn. A change in any theme algorithm shows up here as a diff to read
//! (update with `UPDATE_EXPECT=1 cargo test --test it cli::themes`).

use std::process::Command;

#[test]
fn the_seed_transcripts_themes_and_sections() {
    let out = Command::new(env!("CARGO_BIN_EXE_speech-ls"))
        .args(["themes", "seeds/000_dfd047e8c9417aac.txt"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run speech-ls themes");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("utf-8 output");
    // What a reader must recognise in the seed, whatever the exact weights.
    for theme in ["Crime and policing", "Cybercrime and IT crime", "Technology and the internet"] {
        assert!(text.contains(theme), "missing theme {theme}:\n{text}");
    }
    // The seeds are Kremlin pages: the Russian pack's themes join the built-in ones.
    assert!(text.contains("Internet content and media law"), "{text}");
    assert!(text.matches("  section (turn 1) ").count() >= 2, "the long turn is cut into sections:\n{text}");
    expect_test::expect_file!["snapshots/seed_themes.txt"].assert_eq(&text);
}

#[test]
fn german_spanish_and_russian_transcripts_get_content_words_as_key_terms() {
    let cases = [
        (
            "tests/data/formats/txt/bundestag-plenarprotokoll-2016-06-28-18181-de.txt",
            "German",
            "der die und den des ich",
        ),
        ("tests/data/formats/md/gobmx-2022-11-25-conferencia-matutina-es.md", "Spanish", "de la los las el que por"),
        ("tests/data/formats/txt/spacelog-vostok-1-radio-ru.txt", "Russian", "что вы как я мы не на"),
    ];
    for (file, language, function_words) in cases {
        let out = Command::new(env!("CARGO_BIN_EXE_speech-ls"))
            .args(["themes", file])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("run speech-ls themes");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(&format!("language: {language}")), "{file}:\n{text}");
        let key_terms = text.lines().find(|l| l.trim_start().starts_with("key terms:")).unwrap_or_default();
        let first: Vec<&str> = key_terms.trim_start().trim_start_matches("key terms:").split(", ").take(8).collect();
        for term in &first {
            let words: Vec<String> = term.split_whitespace().map(|w| w.trim().to_lowercase()).collect();
            assert!(
                !words.iter().any(|w| function_words.split(' ').any(|f| f == w)),
                "{file}: a function word in the first key terms: {first:?}"
            );
        }
        assert!(first.len() >= 5, "{file}: {key_terms}");
    }
}
