//! How INDEX.md link targets become corpus paths: ordinary relative targets
//! resolve, and nothing that climbs out of the corpus or names another root
//! ever does.

use expect_test::expect;
use speech_ls::corpus::paths::{Unresolvable, edit_distance, link_destination, nearest_path, resolve_link};

fn show(target: &str) -> String {
    match resolve_link(target) {
        Ok(p) => format!("{target:?} -> {p}"),
        Err(e) => format!("{target:?} -> {e:?}"),
    }
}

#[test]
fn relative_targets_resolve_inside_the_corpus() {
    let out: Vec<String> =
        ["a.txt", "./a.txt", "sub/a.txt", "./sub/../a.txt", "sub//b.txt", "a b.txt", "a.txt#part", "sub\\c.txt"]
            .into_iter()
            .map(show)
            .collect();
    expect![[r#"
        "a.txt" -> a.txt
        "./a.txt" -> a.txt
        "sub/a.txt" -> sub/a.txt
        "./sub/../a.txt" -> a.txt
        "sub//b.txt" -> sub/b.txt
        "a b.txt" -> a b.txt
        "a.txt#part" -> a.txt
        "sub\\c.txt" -> sub/c.txt"#]]
    .assert_eq(&out.join("\n"));
}

#[test]
fn escapes_and_other_roots_never_resolve() {
    let out: Vec<String> = [
        "../../etc/passwd",
        "sub/../../a.txt",
        "..",
        "/etc/passwd",
        "\\\\server\\share\\a.txt",
        "file:///etc/passwd",
        "FILE://host/a.txt",
        "C:/Windows/a.txt",
        "c:\\a.txt",
        "D:a.txt",
        "https://example.com/a.txt",
        "mailto:someone@example.com",
        "a\u{0}.txt",
        "",
        "#only-fragment",
        "..\\..\\a.txt",
    ]
    .into_iter()
    .map(show)
    .collect();
    expect![[r##"
        "../../etc/passwd" -> OutsideCorpus
        "sub/../../a.txt" -> OutsideCorpus
        ".." -> OutsideCorpus
        "/etc/passwd" -> OutsideCorpus
        "\\\\server\\share\\a.txt" -> OutsideCorpus
        "file:///etc/passwd" -> OutsideCorpus
        "FILE://host/a.txt" -> OutsideCorpus
        "C:/Windows/a.txt" -> OutsideCorpus
        "c:\\a.txt" -> OutsideCorpus
        "D:a.txt" -> OutsideCorpus
        "https://example.com/a.txt" -> External
        "mailto:someone@example.com" -> External
        "a\0.txt" -> OutsideCorpus
        "" -> Empty
        "#only-fragment" -> Empty
        "..\\..\\a.txt" -> OutsideCorpus"##]]
    .assert_eq(&out.join("\n"));
}

#[test]
fn no_escape_ever_resolves() {
    for target in ["../x.txt", "./../x.txt", "a/../../x.txt", "/x.txt", "file:x.txt", "Z:x.txt"] {
        assert!(resolve_link(target).is_err(), "{target} resolved");
    }
    assert_eq!(resolve_link("https://x/a.txt"), Err(Unresolvable::External));
}

#[test]
fn link_destinations_round_trip_through_the_parser() {
    for path in ["a.txt", "a b.txt", "sub/(x).txt", "100%.txt"] {
        let text = format!("- [t]({})\n", link_destination(path));
        let doc = speech_ls::corpus::parse_index(&text);
        let target = &doc.entries[0].links[0].target;
        assert_eq!(resolve_link(target).as_deref(), Ok(path), "{text}");
    }
}

#[test]
fn nearest_path_finds_plausible_typos_only() {
    let names = ["2010-04-20_7506.txt", "2010-06-05_7970.txt", "sub/Speech.txt"];
    let out = ["2010-04-20_7560.txt", "2010-06-05_797.txt", "speech.txt", "completely-different.txt"]
        .map(|t| format!("{t} -> {:?}", nearest_path(t, names.iter().copied())));
    expect![[r#"
        2010-04-20_7560.txt -> Some("2010-04-20_7506.txt")
        2010-06-05_797.txt -> Some("2010-06-05_7970.txt")
        speech.txt -> Some("sub/Speech.txt")
        completely-different.txt -> None"#]]
    .assert_eq(&out.join("\n"));
    assert_eq!(edit_distance("kitten", "sitting"), 3);
    assert_eq!(edit_distance("", "abc"), 3);
}
