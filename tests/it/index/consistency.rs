//! Fixture tests of the consistency check between INDEX.md and the
//! transcripts: one fixture per diagnostic kind, rendered the way
//! `speech-ls check` prints them (`file:line:column: severity code: message`).

use expect_test::{Expect, expect};
use speech_ls::corpus::consistency::{FixData, check_corpus};
use speech_ls::corpus::text::ColumnUnit;
use speech_ls::corpus::{Corpus, FileAnalysis};
use speech_ls::fixture::Fixture;

/// Builds a corpus from a fixture's `//- /path` sections.
fn corpus(fixture: &str) -> Corpus {
    let mut corpus = Corpus::new();
    for file in Fixture::parse(fixture).files {
        corpus.insert(FileAnalysis::analyze(&file.path, &file.text));
    }
    corpus
}

fn check(fixture: &str, expect: Expect) {
    let corpus = corpus(fixture);
    let mut out = String::new();
    for f in check_corpus(&corpus) {
        let file = corpus.get(&f.path).expect("finding names a file of the corpus");
        let (line, col) = file.line_index.position(f.problem.span.start, ColumnUnit::Utf8);
        let fix = match &f.fix {
            FixData::None => String::new(),
            other => format!(" [{other:?}]"),
        };
        out.push_str(&format!(
            "{}:{}:{}: {:?} {}: {}{fix}\n",
            f.path,
            line + 1,
            col + 1,
            f.problem.severity,
            f.problem.code,
            f.problem.message
        ));
    }
    expect.assert_eq(&out);
}

const HEADER: &str = " date 2021-03-03 Source: President of Russia – The Kremlin – English\n\nLead.\n";

#[test]
fn a_consistent_corpus_has_no_findings() {
    check(&format!("//- /INDEX.md\n## 2021\n- 2021-03-03 [A](a.txt) #t\n//- /a.txt\n{HEADER}"), expect![[r#""#]]);
}

#[test]
fn dead_links_with_the_nearest_file_as_hint() {
    check(
        &format!(
            "//- /INDEX.md\n- [A](2021-03-03_7506.txt)\n- [[2021-03-03_750]]\n- [Gone](zzz-nothing-like-it.txt)\n- [Notes](notes.md)\n- [Esc](../../etc/passwd)\n- [Abs](file:///etc/passwd)\n//- /2021-03-03_7560.txt\n{HEADER}"
        ),
        expect![[r#"
            2021-03-03_7560.txt:1:1: Warning unlisted: 2021-03-03_7560.txt is not listed in INDEX.md [Unlisted]
            INDEX.md:1:1: Info unlisted-summary: 1 transcript is not listed in INDEX.md: 2021-03-03_7560.txt
            INDEX.md:1:3: Error dead-link: `2021-03-03_7506.txt` does not exist in the corpus; did you mean `2021-03-03_7560.txt`? [DeadLink { entry: 0, link: 0, nearest: Some("2021-03-03_7560.txt") }]
            INDEX.md:2:3: Error dead-link: `2021-03-03_750` does not exist in the corpus; did you mean `2021-03-03_7560.txt`? [DeadLink { entry: 1, link: 0, nearest: Some("2021-03-03_7560.txt") }]
            INDEX.md:3:3: Error dead-link: `zzz-nothing-like-it.txt` does not exist in the corpus [DeadLink { entry: 2, link: 0, nearest: None }]
            INDEX.md:5:3: Error link-outside-corpus: `../../etc/passwd` points outside the corpus: links must name a file inside this folder [DeadLink { entry: 4, link: 0, nearest: None }]
            INDEX.md:6:3: Error link-outside-corpus: `file:///etc/passwd` points outside the corpus: links must name a file inside this folder [DeadLink { entry: 5, link: 0, nearest: None }]
        "#]],
    );
}

#[test]
fn transcripts_listed_twice() {
    check(
        &format!(
            "//- /INDEX.md\n- [A](a.txt)\n- [A again](./a.txt)\n- [[a]] and a.txt in one entry\n//- /a.txt\n{HEADER}"
        ),
        expect![[r#"
            INDEX.md:2:3: Warning duplicate-entry: a.txt is already listed at INDEX.md:1 [Duplicate { entry: 1, first_entry: 0 }]
            INDEX.md:3:3: Warning duplicate-entry: a.txt is already listed at INDEX.md:1 [Duplicate { entry: 2, first_entry: 0 }]
        "#]],
    );
}

#[test]
fn entry_dates_that_disagree_with_the_header() {
    check(
        &format!(
            "//- /INDEX.md\n- 2021-03-04 [A](a.txt)\n- 2021-02-30 [B](b.txt)\n- 2021-03-03 [C](c.txt)\n//- /a.txt\n{HEADER}//- /b.txt\n{HEADER}//- /c.txt\n{HEADER}"
        ),
        expect![[r#"
            INDEX.md:1:3: Warning date-mismatch: entry date 2021-03-04 differs from the header of a.txt (2021-03-03) [DateMismatch { entry: 0, header_date: Date { year: 2021, month: 3, day: 3 } }]
            INDEX.md:2:3: Warning entry-date-invalid: `2021-02-30` is not a real calendar date [DateMismatch { entry: 1, header_date: Date { year: 2021, month: 3, day: 3 } }]
        "#]],
    );
}

#[test]
fn entries_without_a_followable_link() {
    check(
        &format!(
            "//- /INDEX.md\n- 2021-03-03 Meeting, link still to come #draft\n- [Kremlin](https://kremlin.ru) 2021-01-01\n- [A](a.txt)\n//- /a.txt\n{HEADER}"
        ),
        expect![[r#"
            INDEX.md:1:1: Warning entry-no-link: this entry has no link to a transcript: add `[title](file.txt)` [NoLink { entry: 0 }]
            INDEX.md:2:1: Warning entry-no-link: this entry has no link to a transcript: add `[title](file.txt)` [NoLink { entry: 1 }]
        "#]],
    );
}

#[test]
fn unlisted_transcripts_warn_on_the_file_and_summarise_on_the_index() {
    check(
        &format!(
            "//- /INDEX.md\nIntro.\n- [A](a.txt)\n//- /a.txt\n{HEADER}//- /b.txt\n{HEADER}//- /c.txt\nno header here\n//- /d.txt\n{HEADER}//- /sub/e.txt\n{HEADER}"
        ),
        expect![[r#"
            INDEX.md:1:1: Info unlisted-summary: 4 transcripts are not listed in INDEX.md: b.txt, c.txt, d.txt and 1 more
            b.txt:1:1: Warning unlisted: b.txt is not listed in INDEX.md [Unlisted]
            c.txt:1:1: Warning header-missing: no header line: expected ` date YYYY-MM-DD Source: ...` on the first line
            c.txt:1:1: Warning unlisted: c.txt is not listed in INDEX.md [Unlisted]
            d.txt:1:1: Warning unlisted: d.txt is not listed in INDEX.md [Unlisted]
            sub/e.txt:1:1: Warning unlisted: sub/e.txt is not listed in INDEX.md [Unlisted]
        "#]],
    );
}

#[test]
fn no_index_means_no_unlisted_warnings() {
    check(&format!("//- /a.txt\n{HEADER}"), expect![[r#""#]]);
}

#[test]
fn header_problems_and_empty_files() {
    check(
        "//- /INDEX.md\n- [Empty](empty.txt)\n- [Blank](blank.txt)\n- [Bad](bad.txt)\n- [None](none.txt)\n//- /empty.txt\n//- /blank.txt\n\n   \n//- /bad.txt\n date 2021-02-30 Source: X\n\nText.\n//- /none.txt\nJust text, no header.\n",
        expect![[r#"
            bad.txt:1:7: Warning header-date-invalid: `2021-02-30` is not a real calendar date
            blank.txt:1:1: Warning empty-file: blank.txt is empty: a transcript starts with ` date YYYY-MM-DD Source: ...`
            empty.txt:1:1: Warning empty-file: empty.txt is empty: a transcript starts with ` date YYYY-MM-DD Source: ...`
            none.txt:1:1: Warning header-missing: no header line: expected ` date YYYY-MM-DD Source: ...` on the first line
        "#]],
    );
}

#[test]
fn parser_problems_reach_the_check() {
    check(
        &format!("//- /INDEX.md\n- [A][missing]\n- [A](a.txt)\n//- /a.txt\n{HEADER}"),
        expect![[r#"
            INDEX.md:1:3: Warning ref-undefined: no definition for the link reference `[missing]`: add a line `[missing]: file.txt`
        "#]],
    );
}

#[test]
fn read_problems_such_as_invalid_utf8_are_reported_on_their_file() {
    let mut corpus = corpus(&format!("//- /INDEX.md\n- [A](a.txt)\n//- /a.txt\n{HEADER}"));
    let mut analysis = FileAnalysis::analyze("a.txt", HEADER);
    analysis.read_problems.push(speech_ls::corpus::Problem {
        span: speech_ls::corpus::Span::new(0, 0),
        severity: speech_ls::corpus::Severity::Warning,
        code: "invalid-utf8",
        message: "a.txt is not valid UTF-8; read with replacement characters".into(),
    });
    corpus.insert(analysis);
    let codes: Vec<(String, &str)> = check_corpus(&corpus).into_iter().map(|f| (f.path, f.problem.code)).collect();
    assert_eq!(codes, [("a.txt".to_string(), "invalid-utf8")]);
}

/// The maps the corpus derives from INDEX.md are kept across changes that
/// cannot affect them and rebuilt after those that can: findings must follow
/// files coming and going and INDEX.md being edited, whatever was cached.
#[test]
fn findings_follow_every_change_to_the_files_and_the_index() {
    let codes = |corpus: &Corpus| -> Vec<&'static str> {
        let mut codes: Vec<_> = check_corpus(corpus).iter().map(|f| f.problem.code).collect();
        codes.sort_unstable();
        codes
    };
    let index = "- 2020-01-01 [A](a.txt)\n";
    let a = " date 2020-01-01 Source: x\n\nHello.\n";
    let mut corpus = Corpus::new();
    corpus.insert(FileAnalysis::analyze("INDEX.md", index));
    assert_eq!(codes(&corpus), ["dead-link"]);
    corpus.insert(FileAnalysis::analyze("a.txt", a));
    assert_eq!(codes(&corpus), Vec::<&str>::new(), "a new file turns the dead link live");
    // The same index again (opened in the editor as on disk): still clean.
    corpus.insert(FileAnalysis::analyze("INDEX.md", index));
    assert_eq!(codes(&corpus), Vec::<&str>::new());
    // An edited transcript header, then an edited index.
    corpus.insert(FileAnalysis::analyze("a.txt", " date 2020-01-02 Source: x\n\nHello.\n"));
    assert_eq!(codes(&corpus), ["date-mismatch"]);
    corpus.insert(FileAnalysis::analyze("INDEX.md", "- 2020-01-02 [A](a.txt)\n- [A again](a.txt)\n"));
    assert_eq!(codes(&corpus), ["duplicate-entry"]);
    let (_, doc) = corpus.index().expect("INDEX.md is the index");
    for (e, entry) in doc.entries.iter().enumerate() {
        for (l, link) in entry.links.iter().enumerate() {
            assert_eq!(corpus.resolved_link(e, l).cloned(), corpus.resolve(link), "entry {e} link {l}");
        }
    }
    corpus.remove("a.txt");
    assert_eq!(codes(&corpus), ["dead-link", "dead-link"]);
}
