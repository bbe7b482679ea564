//! References, document links and workspace symbols.

use expect_test::expect;

use super::{setup, with_cursor};
use crate::ide::document_links::document_links;
use crate::ide::references::references;
use crate::ide::workspace_symbols::workspace_symbols;

#[test]
fn a_speakers_references_span_the_corpus() {
    let fx = setup(&with_cursor("b.txt", "Vladimir Putin: Hello again.", "Vlad"));
    expect![[r#"
        a.txt:3 «Vladimir Putin»
        a.txt:7 «Vladimir Putin»
        b.txt:3 «Vladimir Putin»
        b.txt:5 «Vladimir Putin»
    "#]]
    .assert_eq(&fx.show_locations(&references(&fx.world, &fx.file, fx.offset, false)));
}

#[test]
fn an_entrys_references_are_every_entry_listing_the_same_file_and_the_file() {
    let fx = setup(&with_cursor("INDEX.md", "- [Board again](./a.txt)", "[Board"));
    expect![[r#"
        INDEX.md:2 «[Board meeting](a.txt)»
        INDEX.md:3 «[Board again](./a.txt)»
        a.txt:1 « date 2021-03-03 Source: Kremlin – English»
    "#]]
    .assert_eq(&fx.show_locations(&references(&fx.world, &fx.file, fx.offset, true)));
}

#[test]
fn document_links_only_for_files_that_exist() {
    let fx = setup(&with_cursor("INDEX.md", "# Speeches", "# "));
    let links: Vec<String> = document_links(&fx.world, &fx.file)
        .iter()
        .map(|l| format!("{} -> {}", fx.show(&fx.file, l.span), fx.rel(&l.target)))
        .collect();
    assert_eq!(links, ["INDEX.md:2 «[Board meeting](a.txt)» -> a.txt", "INDEX.md:3 «[Board again](./a.txt)» -> a.txt"]);
}

#[test]
fn workspace_symbols_match_case_insensitively_on_every_word() {
    let fx = setup(&with_cursor("INDEX.md", "# Speeches", "# "));
    let names = |q: &str| -> Vec<String> {
        workspace_symbols(&fx.world, q)
            .into_iter()
            .map(|s| format!("{} ({})", s.name, s.container.unwrap_or_default()))
            .collect()
    };
    // The speech, then the turns inside it (their container is its name).
    assert_eq!(names("board MEETING").first().map(String::as_str), Some("2021-03-03 Board meeting (a.txt)"));
    assert_eq!(
        names("putin"),
        [
            "Vladimir Putin (speaker)",
            "Vladimir Putin (2021-03-03 Board meeting)",
            "Vladimir Putin (2021-03-03 Board meeting)",
            "Vladimir Putin (2021-04-04 b.txt)",
            "Vladimir Putin (2021-04-04 b.txt)",
        ]
    );
    assert!(names("no such words").is_empty());
}
