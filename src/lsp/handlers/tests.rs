//! Data-driven tests of the handlers, without a client or a file system: a
//! fixture is a few files (`//- /INDEX.md`, `//- /a.txt`) with one `$0`
//! cursor; the corpus is built in memory under `/fx`, the cursor's file is
//! opened as the editor would, and each answer is rendered as short text.

use std::path::PathBuf;
use std::sync::Arc;

use expect_test::{Expect, expect};
use tower_lsp_server::ls_types::{Location, Position, Uri};

use crate::corpus::{Corpus, FileAnalysis, LineIndex};
use crate::lsp::convert::{PositionEncoding, position_to_proto, uri_from_path};
use crate::lsp::documents::{Documents, OpenDocument};
use crate::lsp::handlers::{definition, hover, links, references, workspace_symbol};
use crate::lsp::state::{Snapshot, State};
use crate::workspace::{CorpusState, Workspace};

const ROOT: &str = "/fx";

/// The snapshot of a fixture, the cursor's document URI and position.
fn setup(fixture: &str) -> (Snapshot, Uri, Position) {
    let mut corpus = Corpus::new();
    let mut cursor = None;
    for chunk in fixture.split("//- /").filter(|c| !c.trim().is_empty()) {
        let (path, text) = chunk.split_once('\n').unwrap_or((chunk, ""));
        let path = path.trim().to_string();
        let text = match text.find("$0") {
            Some(at) => {
                let text = text.replacen("$0", "", 1);
                cursor = Some((path.clone(), at, text.clone()));
                text
            }
            None => text.to_string(),
        };
        corpus.insert(FileAnalysis::analyze(&path, &text));
    }
    let (path, at, text) = cursor.expect("the fixture has a $0 cursor");
    let uri = uri_from_path(&PathBuf::from(ROOT).join(&path)).expect("fixture uri");
    let mut documents = Documents::default();
    let doc = OpenDocument::new(uri.clone(), Some(PathBuf::from(ROOT).join(&path)), 1, &text, &path);
    documents.insert(doc);
    let workspace = Workspace {
        corpora: vec![CorpusState {
            root: PathBuf::from(ROOT),
            given_root: PathBuf::from(ROOT),
            corpus: Arc::new(corpus),
        }],
        ..Workspace::default() // reliability: limits and limit hits keep their defaults
    };
    let pos = position_to_proto(&LineIndex::new(&text), at, PositionEncoding::Utf16);
    // Built through `State` so that fields other features add keep their defaults.
    let state = State { encoding: PositionEncoding::Utf16, workspace, documents, ..State::default() };
    (state.snapshot(), uri, pos)
}

fn render(locations: &[Location]) -> String {
    let mut lines: Vec<String> = locations
        .iter()
        .map(|l| {
            let path = l.uri.as_str().trim_start_matches("file:///fx/");
            let r = l.range;
            format!("{path} {}:{}-{}:{}", r.start.line, r.start.character, r.end.line, r.end.character)
        })
        .collect();
    lines.sort();
    if lines.is_empty() {
        return "(none)\n".to_string();
    }
    lines.join("\n") + "\n"
}

fn check_definition(fixture: &str, expect: Expect) {
    let (snap, uri, pos) = setup(fixture);
    let found = match definition::handle_definition(&snap, &uri, pos) {
        None => Vec::new(),
        Some(tower_lsp_server::ls_types::GotoDefinitionResponse::Scalar(l)) => vec![l],
        Some(tower_lsp_server::ls_types::GotoDefinitionResponse::Array(ls)) => ls,
        Some(other) => panic!("unexpected {other:?}"),
    };
    expect.assert_eq(&render(&found));
}

fn check_references(fixture: &str, expect: Expect) {
    let (snap, uri, pos) = setup(fixture);
    expect.assert_eq(&render(&references::handle_references(&snap, &uri, pos, false)));
}

fn check_hover(fixture: &str, expect: Expect) {
    let (snap, uri, pos) = setup(fixture);
    let text = match hover::handle_hover(&snap, &uri, pos) {
        Some(h) => match h.contents {
            tower_lsp_server::ls_types::HoverContents::Markup(m) => m.value,
            other => format!("{other:?}"),
        },
        None => "(none)\n".to_string(),
    };
    expect.assert_eq(&text);
}

const CORPUS: &str = "
//- /INDEX.md
# Speeches
- 2021-03-03 [Board meeting](a.txt) #police
- [Board again](./a.txt)
- 2020-01-01 [Gone](gone.txt)
//- /a.txt
 date 2021-03-03 Source: Kremlin – English

Vladimir Putin: Good afternoon, colleagues.

Moderator: Thank you.

Vladimir Putin: Let us begin.
//- /b.txt
 date 2021-04-04 Source: Kremlin

Vladimir Putin: Hello again.

Vladimir Putin: And once more.
";

fn with_cursor(file: &str, line_text: &str, cursor_after: &str) -> String {
    let marked = line_text.replacen(cursor_after, &format!("{cursor_after}$0"), 1);
    let header = format!("//- /{file}\n");
    let start = CORPUS.find(&header).expect("file in corpus");
    let (before, rest) = CORPUS.split_at(start);
    format!("{before}{}", rest.replacen(line_text, &marked, 1))
}

#[test]
fn definition_from_entry_to_transcript_header() {
    let fixture = with_cursor("INDEX.md", "- 2021-03-03 [Board meeting](a.txt)", "[Board");
    check_definition(
        &fixture,
        expect![[r#"
            a.txt 0:0-0:42
        "#]],
    );
}

#[test]
fn definition_from_header_to_every_listing_entry() {
    let fixture = with_cursor("a.txt", " date 2021-03-03 Source: Kremlin – English", "Kremlin –");
    check_definition(
        &fixture,
        expect![[r#"
        INDEX.md 1:13-1:35
        INDEX.md 2:2-2:24
    "#]],
    );
}

#[test]
fn dead_link_has_no_definition() {
    let fixture = with_cursor("INDEX.md", "- 2020-01-01 [Gone](gone.txt)", "(gone");
    check_definition(&fixture, expect!["(none)\n"]);
}

#[test]
fn references_of_a_speaker_span_the_corpus() {
    let fixture = with_cursor("b.txt", "Vladimir Putin: Hello again.", "Vlad");
    check_references(
        &fixture,
        expect![[r#"
            a.txt 2:0-2:14
            a.txt 6:0-6:14
            b.txt 2:0-2:14
            b.txt 4:0-4:14
        "#]],
    );
}

#[test]
fn hover_on_entry_shows_the_glance() {
    let fixture = with_cursor("INDEX.md", "- 2021-03-03 [Board meeting](a.txt)", "- 2021");
    check_hover(
        &fixture,
        expect![[r#"
            **Board meeting**

            - Date: 2021-03-03
            - Source: Kremlin – English
            - Words: 13
            - Turns: 3
            - File: `a.txt`

            Speakers:
            - Vladimir Putin — 75% (6 words)
            - Moderator — 25% (2 words)
        "#]],
    );
}

#[test]
fn hover_on_dead_link_says_so() {
    let fixture = with_cursor("INDEX.md", "- 2020-01-01 [Gone](gone.txt)", "[Go");
    check_hover(
        &fixture,
        expect![[r#"
        `gone.txt` is not a transcript in this corpus"#]],
    );
}

#[test]
fn document_links_only_for_files_that_exist() {
    let fixture = with_cursor("INDEX.md", "# Speeches", "# ");
    let (snap, uri, _) = setup(&fixture);
    let targets: Vec<String> = links::handle_document_link(&snap, &uri)
        .iter()
        .map(|l| format!("{} {}", l.range.start.line, l.target.as_ref().map_or("none", |t| t.as_str())))
        .collect();
    assert_eq!(targets, ["1 file:///fx/a.txt", "2 file:///fx/a.txt"]);
}

#[test]
fn workspace_symbols_match_case_insensitively_on_every_word() {
    let fixture = with_cursor("INDEX.md", "# Speeches", "# ");
    let (snap, _, _) = setup(&fixture);
    let names = |q: &str| -> Vec<String> {
        workspace_symbol::handle_workspace_symbol(&snap, q)
            .into_iter()
            .map(|s| format!("{} ({})", s.name, s.container_name.unwrap_or_default()))
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
