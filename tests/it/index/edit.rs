//! Fixture tests of INDEX.md edits: adding unlisted transcripts in date
//! order under the right heading, removing entries, repointing dead links,
//! fixing dates, renaming, building a fresh index, and the promise that
//! updating twice changes nothing and loses no hand-written line.

use expect_test::{Expect, expect};
use speech_ls::corpus::consistency::{FixData, check_corpus};
use speech_ls::corpus::index_edit::{
    apply_edits, build_index, fix_entry_date, remove_entry, rename_links, repoint_link, update_index,
};
use speech_ls::corpus::{Corpus, FileAnalysis, parse_index};
use speech_ls::fixture::Fixture;

/// A corpus and the texts of its files, from a fixture's `//- /path` sections.
fn corpus(fixture: &str) -> (Corpus, Vec<(String, String)>) {
    corpus_of(&Fixture::parse(fixture))
}

fn corpus_of(fixture: &Fixture) -> (Corpus, Vec<(String, String)>) {
    let mut corpus = Corpus::new();
    let mut texts = Vec::new();
    for file in &fixture.files {
        corpus.insert(FileAnalysis::analyze(&file.path, &file.text));
        texts.push((file.path.clone(), file.text.clone()));
    }
    (corpus, texts)
}

/// The fixture with the final line break of the file at `path` taken off
/// (every file of a fixture ends with one).
fn without_final_break(mut fixture: Fixture, path: &str) -> Fixture {
    let file = fixture.files.iter_mut().find(|f| f.path == path).expect("the fixture has the file");
    assert_eq!(file.text.pop(), Some('\n'), "{path} ends with a line break");
    fixture
}

fn text_of<'a>(texts: &'a [(String, String)]) -> impl Fn(&str) -> Option<String> + 'a {
    move |p: &str| texts.iter().find(|(q, _)| q == p).map(|(_, t)| t.clone())
}

/// Applies `update_index` to the fixture's INDEX.md and checks the result;
/// then checks that a second update adds nothing and every original line survives.
fn check_update(fixture: &str, expect: Expect) {
    check_update_of(&Fixture::parse(fixture), expect);
}

fn check_update_of(fixture: &Fixture, expect: Expect) {
    let (mut corpus, texts) = corpus_of(fixture);
    let index = text_of(&texts)("INDEX.md").unwrap_or_default();
    let updated = apply_edits(&index, &update_index(&corpus, &index, &text_of(&texts)));
    expect.assert_eq(&updated);
    corpus.insert(FileAnalysis::analyze("INDEX.md", &updated));
    assert!(update_index(&corpus, &updated, &text_of(&texts)).is_empty(), "a second update changed the index");
    let mut remaining = updated.lines();
    for line in index.lines() {
        assert!(remaining.any(|l| l == line), "hand-written line lost or reordered: {line:?}");
    }
}

fn transcript(date: &str, lead: &str) -> String {
    format!(
        " date {date} Source: President of Russia – The Kremlin – English\n\n{lead}\n\nVladimir Putin: Good afternoon.\n"
    )
}

#[test]
fn additions_go_in_date_order_under_year_headings() {
    let fixture = format!(
        "//- /INDEX.md\nSpeeches, hand-curated.\n\n## 2020\n- 2020-01-15 [January](a.txt) #economy\n- 2020-06-01 [June](b.txt)\n\n## 2022\n- 2022-05-05 [May](c.txt) #foreign-policy\n\n[ref]: a.txt\n//- /a.txt\n{}//- /b.txt\n{}//- /c.txt\n{}//- /d.txt\n{}//- /e.txt\n{}//- /f.txt\n{}//- /g.txt\n{}",
        transcript("2020-01-15", "A."),
        transcript("2020-06-01", "B."),
        transcript("2022-05-05", "C."),
        transcript("2020-03-03", "The President met the Government members. They discussed the economy."),
        transcript(
            "2021-07-07",
            "Meeting with [Security] Council members on the situation in the world and many other pressing matters of the day."
        ),
        transcript("2023-01-01", "New year."),
        transcript("2019-12-31", "Old year."),
    );
    check_update(
        &fixture,
        expect![[r#"
        Speeches, hand-curated.

        ## 2019
        - 2019-12-31 [Old year](g.txt)

        ## 2020
        - 2020-01-15 [January](a.txt) #economy
        - 2020-03-03 [The President met the Government members](d.txt)
        - 2020-06-01 [June](b.txt)

        ## 2021
        - 2021-07-07 [Meeting with Security Council members on the situation in the world and…](e.txt)

        ## 2022
        - 2022-05-05 [May](c.txt) #foreign-policy

        [ref]: a.txt

        ## 2023
        - 2023-01-01 [New year](f.txt)
    "#]],
    );
}

#[test]
fn additions_follow_a_newest_first_index_and_its_style() {
    let fixture = format!(
        "//- /INDEX.md\n# Talks\n\n## 2022\n* 2022-05-05 [[c|May]]\n* 2022-01-01 [[b|January]]\n//- /b.txt\n{}//- /c.txt\n{}//- /d.txt\n{}//- /e.txt\n{}",
        transcript("2022-01-01", "B."),
        transcript("2022-05-05", "C."),
        transcript("2022-03-03", "March talk."),
        transcript("2021-03-03", "Older talk."),
    );
    check_update(
        &fixture,
        expect![[r#"
        # Talks

        ## 2022
        * 2022-05-05 [[c|May]]
        * 2022-03-03 [[d|March talk]]
        * 2022-01-01 [[b|January]]

        ## 2021
        * 2021-03-03 [[e|Older talk]]
    "#]],
    );
}

#[test]
fn additions_without_year_headings_and_awkward_names() {
    let fixture = format!(
        "//- /INDEX.md\n- 2021-01-01 [A](a.txt)\n- 2021-12-01 [C](c.txt)\n- undated note #todo\n<!-- - [hidden](h.txt) -->\n```\n- [code](x.txt)\n```\n//- /a.txt\n{}//- /c.txt\n{}//- /sub/b b.txt\n{}//- /no header.txt\nJust words here.\n//- /h.txt\n{}",
        transcript("2021-01-01", "A."),
        transcript("2021-12-01", "C."),
        transcript("2021-06-01", "Spaces in the name."),
        transcript("2021-06-02", "Hidden in a comment."),
    );
    check_update(
        &fixture,
        expect![[r#"
        - 2021-01-01 [A](a.txt)
        - 2021-06-01 [Spaces in the name](<sub/b b.txt>)
        - 2021-06-02 [Hidden in a comment](h.txt)
        - 2021-12-01 [C](c.txt)
        - undated note #todo
        - [Just words here](<no header.txt>)
        <!-- - [hidden](h.txt) -->
        ```
        - [code](x.txt)
        ```
    "#]],
    );
}

#[test]
fn adding_to_an_empty_index_without_final_line_break() {
    let fixture = format!("//- /INDEX.md\n# Index\n//- /a.txt\n{}", transcript("2021-01-01", "A."));
    check_update_of(
        &without_final_break(Fixture::parse(&fixture), "INDEX.md"),
        expect![[r#"
            # Index

            - 2021-01-01 [A.](a.txt)
        "#]],
    );
}

#[test]
fn a_fresh_index_groups_by_year_and_is_already_up_to_date() {
    let (mut corpus, texts) = corpus(&format!(
        "//- /b.txt\n{}//- /a.txt\n{}//- /c.txt\nNo header.\n",
        transcript("2021-03-03", "The participants summed up the results of the year."),
        transcript("2020-01-01", "Opening remarks."),
    ));
    let built = build_index(&corpus, &text_of(&texts));
    expect![[r#"
        # Index

        The transcripts in this folder, by date.

        ## 2020

        - 2020-01-01 [Opening remarks](a.txt)

        ## 2021

        - 2021-03-03 [The participants summed up the results of the year](b.txt)

        ## Undated

        - [No header](c.txt)
    "#]]
    .assert_eq(&built);
    corpus.insert(FileAnalysis::analyze("INDEX.md", &built));
    assert!(update_index(&corpus, &built, &text_of(&texts)).is_empty());
    assert!(check_corpus(&corpus).iter().all(|f| f.problem.code != "unlisted"));
}

/// Applies the quick fix of every finding of one kind, one at a time.
fn fix_all(fixture: &Fixture) -> String {
    let (corpus, texts) = corpus_of(fixture);
    let index = text_of(&texts)("INDEX.md").unwrap_or_default();
    let doc = parse_index(&index);
    let mut edits = Vec::new();
    for f in check_corpus(&corpus) {
        match f.fix {
            FixData::DeadLink { entry, link, nearest: Some(near) } => {
                edits.extend(repoint_link(&index, &doc, entry, link, &near))
            }
            FixData::DeadLink { entry, nearest: None, .. }
            | FixData::Duplicate { entry, .. }
            | FixData::NoLink { entry } => edits.extend(remove_entry(&index, &doc, entry)),
            FixData::DateMismatch { entry, header_date } => {
                edits.extend(fix_entry_date(&index, &doc, entry, header_date))
            }
            FixData::None | FixData::Unlisted => {}
        }
    }
    apply_edits(&index, &edits)
}

#[test]
fn quick_fixes_repoint_remove_and_fix_dates() {
    let fixture = format!(
        "//- /INDEX.md\n- 2021-03-04 [Wrong date](a.txt)\n- [Typo](./a_speach.txt)\n- [[a_speach]]\n- <sub/a b speach.txt>\n- [Gone](nothing-like-it.txt)\n- [Twice](a.txt)\n- 2021-01-01 no link yet\n[r]: a_speach.txt \"t\"\n- [ref typo][r]\n- [Last](a.txt)\n//- /a.txt\n{}//- /a_speech.txt\n{}//- /sub/a b speech.txt\n{}",
        transcript("2021-03-03", "A."),
        transcript("2021-03-03", "A."),
        transcript("2021-03-03", "A."),
    );
    let fixed = fix_all(&without_final_break(Fixture::parse(&fixture), "INDEX.md"));
    expect![[r#"
        - 2021-03-03 [Wrong date](a.txt)
        - [Typo](./a_speech.txt)
        - [[a_speech]]
        - <sub/a b speech.txt>
        [r]: a_speech.txt "t"
        - [ref typo][r]"#]]
    .assert_eq(&fixed);
}

#[test]
fn renaming_a_transcript_rewrites_every_form_of_link() {
    let index = "- [A](a.txt)\n- [A](./a.txt#x)\n- [[a]] [[a.txt|alias]]\n- <a.txt> a.txt\n- [ref][r] [r]\n- [Other](b.txt)\n\n[r]: a.txt\n";
    let (corpus, _) = corpus("//- /a.txt\n//- /b.txt\n");
    let renamed = apply_edits(index, &rename_links(&corpus, index, "a.txt", "sub/new name.txt"));
    expect![[r#"
        - [A](<sub/new name.txt>)
        - [A](<sub/new name.txt>)
        - [[sub/new name]] [[sub/new name.txt|alias]]
        - <sub/new name.txt> <sub/new name.txt>
        - [ref][r] [r]
        - [Other](b.txt)

        [r]: <sub/new name.txt>
    "#]]
    .assert_eq(&renamed);
}

#[test]
fn titles_skip_abbreviations_and_fall_back_to_the_file_name() {
    let fixture = format!(
        "//- /INDEX.md\n//- /a.txt\n{}//- /b.txt\n{}//- /c.txt\n date 2021-01-03 Source: X\n//- /d.txt\n{}",
        transcript("2021-01-01", "Mr. Putin and V. V. Putin met Dr. Smith in St. Petersburg. Then lunch."),
        transcript("2021-01-02", "Question: what?"),
        transcript("2021-01-04", "The decree says:"),
    );
    check_update(
        &fixture,
        expect![[r#"
            - 2021-01-01 [Mr. Putin and V. V. Putin met Dr. Smith in St. Petersburg](a.txt)
            - 2021-01-02 [Question: what?](b.txt)
            - 2021-01-03 [c](c.txt)
            - 2021-01-04 [The decree says](d.txt)
        "#]],
    );
}

/// Every edit function on odd index texts: nothing panics, and applying
/// an update keeps every original line.
#[test]
fn edits_on_odd_indexes_never_panic() {
    let indexes = [
        "",
        "\n",
        "- [a](a.txt)",
        "## 2021",
        "## 2021\r\n- 2021-13-01 [[a]]\r\n",
        "- 😀 [x](<a b.txt>)\n[r]: a.txt\n- [r]",
    ];
    let (corpus, texts) = corpus(&format!("//- /a.txt\n{}//- /a b.txt\n\n", transcript("2021-05-05", "É.")));
    for index in indexes {
        let doc = parse_index(index);
        let updated = apply_edits(index, &update_index(&corpus, index, &text_of(&texts)));
        let mut remaining = updated.lines();
        assert!(index.lines().all(|line| remaining.any(|l| l == line)), "{index:?} -> {updated:?}");
        for e in 0..doc.entries.len() + 1 {
            let _ = remove_entry(index, &doc, e).map(|edit| apply_edits(index, &[edit]));
            let _ = fix_entry_date(index, &doc, e, speech_ls::corpus::Date { year: 2020, month: 1, day: 1 });
            let _ = repoint_link(index, &doc, e, 0, "b.txt");
        }
        apply_edits(index, &rename_links(&corpus, index, "a.txt", "b c.txt"));
    }
}

#[test]
fn wiki_names_find_unique_files_in_subfolders_and_follow_their_renames() {
    let (corpus, _) =
        corpus("//- /INDEX.md\n- [[deep]] [[twin]]\n//- /sub/deep.txt\n//- /x/twin.txt\n//- /y/twin.txt\n");
    let (_, doc) = corpus.index().expect("index");
    let resolved: Vec<Option<String>> = doc.entries[0].links.iter().map(|l| corpus.resolve(l)).collect();
    assert_eq!(resolved, [Some("sub/deep.txt".to_string()), None], "a unique name resolves, an ambiguous one does not");
    let index = "- [[deep]] [[twin]]\n";
    let renamed = apply_edits(index, &rename_links(&corpus, index, "sub/deep.txt", "sub/deeper.txt"));
    assert_eq!(renamed, "- [[sub/deeper]] [[twin]]\n");
}
