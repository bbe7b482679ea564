//! Speakers as people: references, hover, definition, rename, diagnostics,
//! the merge fix, completion and workspace symbols on labels, with and
//! without a registry (`speakers.toml`).

use std::collections::BTreeSet;

use expect_test::expect;

use super::{Fx, setup};
use crate::ide::code_actions::code_actions;
use crate::ide::completion::completion;
use crate::ide::definition::definition;
use crate::ide::diagnostics::diagnostics;
use crate::ide::edits::Change;
use crate::ide::hover::hover;
use crate::ide::references::references;
use crate::ide::rename::rename;
use crate::ide::workspace_symbols::{SymbolKind, workspace_symbols};
use crate::ide::{FileRef, SourceChange};

/// Two speeches where one person speaks under a long and a short label, a
/// misspelling of them, and two people who share a surname.
const PEOPLE: &str = "
//- /a.txt
 date 2021-03-03 Source: Kremlin

President of Russia Vladimir Putin: Good afternoon, colleagues.

Anna Kuzmenko: Thank you.

President of Russia Vladimir Putin: Let us begin.
//- /b.txt
 date 2021-04-04 Source: Kremlin

Vladimir Putin: Hello again.

Sergei Kuzmenko: A question.

Vladimir Putin: And once more.

Vladimir Putin (retranslated): Yes.
//- /c.txt
 date 2021-05-05 Source: Kremlin

Vladmir Putin: A misspelt label.

Sergei Kuzmenko: Another question.

Vladmir Putin: Misspelt again.

Sergei Kuzmenko: Thank you.
";

fn at(fixture: &str, file: &str, line_text: &str, cursor_after: &str) -> Fx {
    let header = format!("//- /{file}\n");
    let start = fixture.find(&header).expect("file in fixture");
    let (before, rest) = fixture.split_at(start);
    let marked = line_text.replacen(cursor_after, &format!("{cursor_after}$0"), 1);
    setup(&format!("{before}{}", rest.replacen(line_text, &marked, 1)))
}

fn show_change(fx: &Fx, change: &SourceChange) -> String {
    let mut out = Vec::new();
    for c in &change.changes {
        if let Change::Edit(edit) = c {
            for e in &edit.edits {
                out.push(format!("{} → {:?}", fx.show(&edit.file, e.span), e.new_text));
            }
        }
    }
    out.sort();
    out.join("\n") + "\n"
}

#[test]
fn references_on_a_long_label_reach_the_short_ones_and_back() {
    let long = at(PEOPLE, "a.txt", "President of Russia Vladimir Putin: Good afternoon", "President");
    expect![[r#"
        a.txt:3 «President of Russia Vladimir Putin»
        a.txt:7 «President of Russia Vladimir Putin»
        b.txt:3 «Vladimir Putin»
        b.txt:7 «Vladimir Putin»
        b.txt:9 «Vladimir Putin (retranslated)»
    "#]]
    .assert_eq(&long.show_locations(&references(&long.world, &long.file, long.offset, false)));
    let short = at(PEOPLE, "b.txt", "Vladimir Putin: Hello again.", "Vlad");
    let found = references(&short.world, &short.file, short.offset, false);
    assert_eq!(found.len(), 5, "{}", short.show_locations(&found));
    // Two Kuzmenkos stay two people.
    let sergei = at(PEOPLE, "c.txt", "Sergei Kuzmenko: Thank you.", "Serg");
    expect![[r#"
        b.txt:5 «Sergei Kuzmenko»
        c.txt:5 «Sergei Kuzmenko»
        c.txt:9 «Sergei Kuzmenko»
    "#]]
    .assert_eq(&sergei.show_locations(&references(&sergei.world, &sergei.file, sergei.offset, false)));
}

#[test]
fn hover_on_a_label_shows_the_persons_card() {
    let fx = at(PEOPLE, "b.txt", "Vladimir Putin: Hello again.", "Vlad");
    let card = hover(&fx.world, &fx.file, fx.offset).expect("a card").markdown;
    expect![[r#"
        **Vladimir Putin**

        - In this speech: 3 turns, 6 words
        - In the corpus: 5 turns, 16 words in 2 speeches
        - First and last: 2021-03-03 – 2021-04-04

        Aliases seen:
        - President of Russia Vladimir Putin — 2 turns
        - Vladimir Putin — 2 turns
        - Vladimir Putin (retranslated) — 1 turn
    "#]]
    .assert_eq(&card);
}

#[test]
fn the_speech_glance_counts_persons_not_labels() {
    let fx = at(PEOPLE, "b.txt", " date 2021-04-04 Source: Kremlin", "date");
    let md = hover(&fx.world, &fx.file, fx.offset).expect("a glance").markdown;
    let speakers: Vec<&str> =
        md.lines().skip_while(|l| *l != "Speakers:").skip(1).take_while(|l| l.starts_with("- ")).collect();
    expect![[r#"
        - Vladimir Putin — 75% (6 words)
        - Sergei Kuzmenko — 25% (2 words)"#]]
    .assert_eq(&speakers.join("\n"));
}

#[test]
fn a_misspelt_label_is_flagged_and_merged_into_the_known_person() {
    let fx = at(PEOPLE, "c.txt", "Vladmir Putin: A misspelt label.", "Vlad");
    let problems: Vec<String> = diagnostics(&fx.world, &fx.file, &BTreeSet::new())
        .into_iter()
        .filter(|p| p.code.starts_with("speaker-"))
        .map(|p| format!("{} {}", fx.show(&fx.file, p.span), p.message))
        .collect();
    expect![[r#"
        c.txt:3 «Vladmir Putin» `Vladmir Putin` looks like a misspelling of Vladimir Putin (5 turns in the corpus)
        c.txt:7 «Vladmir Putin» `Vladmir Putin` looks like a misspelling of Vladimir Putin (5 turns in the corpus)"#]]
    .assert_eq(&problems.join("\n"));
    let fixes = code_actions(&fx.world, &fx.file, crate::corpus::text::Span::new(fx.offset, fx.offset));
    let merge = fixes.iter().find(|f| f.title.starts_with("Merge")).expect("a merge fix");
    assert_eq!(merge.title, "Merge into Vladimir Putin");
    expect![[r#"
        c.txt:3 «Vladmir Putin» → "Vladimir Putin"
    "#]]
    .assert_eq(&show_change(&fx, &merge.change));
}

#[test]
fn rename_on_a_label_renames_the_person_everywhere_keeping_titles() {
    let fx = at(PEOPLE, "b.txt", "Vladimir Putin: Hello again.", "Vlad");
    let change =
        rename(&fx.world, &fx.file, fx.offset, "Vladimir V. Putin", false).expect("a valid name").expect("a change");
    expect![[r#"
        a.txt:3 «President of Russia Vladimir Putin» → "President of Russia Vladimir V. Putin"
        a.txt:7 «President of Russia Vladimir Putin» → "President of Russia Vladimir V. Putin"
        b.txt:3 «Vladimir Putin» → "Vladimir V. Putin"
        b.txt:7 «Vladimir Putin» → "Vladimir V. Putin"
        b.txt:9 «Vladimir Putin (retranslated)» → "Vladimir V. Putin (retranslated)"
    "#]]
    .assert_eq(&show_change(&fx, &change));
    assert!(rename(&fx.world, &fx.file, fx.offset, "A: B", false).is_err(), "a colon cannot be in a label");
}

#[test]
fn completion_at_the_start_of_a_line_offers_known_names() {
    let fixture = PEOPLE.replace("Sergei Kuzmenko: Thank you.\n", "Sergei Kuzmenko: Thank you.\n\nSerg$0");
    let fx = setup(&fixture);
    let found = completion(&fx.world, &fx.file, fx.offset).expect("completions");
    let items: Vec<String> = found.items.iter().map(|i| format!("{} {:?}", i.label, i.insert)).collect();
    expect![[r#"
        Sergei Kuzmenko "Sergei Kuzmenko: ""#]]
    .assert_eq(&items.join("\n"));
}

#[test]
fn workspace_symbols_find_a_person_by_any_alias_once() {
    let fx = setup(PEOPLE);
    let found: Vec<String> = workspace_symbols(&fx.world, "president of russia")
        .into_iter()
        .filter(|s| s.kind == SymbolKind::Speaker)
        .map(|s| s.name)
        .collect();
    assert_eq!(found, ["Vladimir Putin"]);
}

/// `PEOPLE` with a registry: a diarised caption file, a role with dates.
fn with_registry() -> String {
    format!(
        "{PEOPLE}//- /speakers.toml
[[person]]
name = \"Vladimir Putin\"
aliases = [\"V. Putin\"]
roles = [{{ title = \"President\", from = \"2012-05-07\", country = \"Russia\" }}]

[files.\"d.txt\"]
SPEAKER_00 = \"Jen Psaki\"
//- /d.txt
 date 2021-06-06 Source: White House

THE PRESIDENT: Thank you all.

SPEAKER_00: Good morning.

SPEAKER_01: A question.
"
    )
}

#[test]
fn with_a_registry_roles_and_diarised_ids_resolve_and_definition_opens_the_entry() {
    let fixture = with_registry();
    let fx = at(&fixture, "d.txt", "THE PRESIDENT: Thank you all.", "THE");
    // "THE PRESIDENT" on 2021-06-06 is the registered president.
    let found = references(&fx.world, &fx.file, fx.offset, false);
    assert_eq!(found.len(), 6, "{}", fx.show_locations(&found));
    let def = definition(&fx.world, &fx.file, fx.offset);
    let shown: Vec<String> = def.iter().map(|l| show_registry(&fx, &l.file, l.span)).collect();
    assert_eq!(shown, ["speakers.toml:2 «name = \"Vladimir Putin\"»"]);
    let card = hover(&fx.world, &fx.file, fx.offset).expect("a card").markdown;
    assert!(card.starts_with("**Vladimir Putin**\n\n- Role: President (Russia), from 2012-05-07\n"), "{card}");

    let psaki = at(&fixture, "d.txt", "SPEAKER_00: Good morning.", "SPEAKER");
    let card = hover(&psaki.world, &psaki.file, psaki.offset).expect("a card").markdown;
    assert!(card.starts_with("**Jen Psaki**"), "{card}");
    let def = definition(&psaki.world, &psaki.file, psaki.offset);
    let shown: Vec<String> = def.iter().map(|l| show_registry(&psaki, &l.file, l.span)).collect();
    assert_eq!(shown, ["speakers.toml:7 «SPEAKER_00 = \"Jen Psaki\"»"]);

    // The id no entry names is a diagnostic of its file.
    let unnamed = at(&fixture, "d.txt", "SPEAKER_01: A question.", "SPEAKER");
    let problems: Vec<String> = diagnostics(&unnamed.world, &unnamed.file, &BTreeSet::new())
        .into_iter()
        .filter(|p| p.code == "speaker-unnamed")
        .map(|p| p.message)
        .collect();
    expect![[r#"
        `SPEAKER_01` has no name: name it in speakers.toml ([files."d.txt"] SPEAKER_01 = "Full Name")"#]]
    .assert_eq(&problems.join("\n"));
}

#[test]
fn without_a_registry_roles_stay_roles_and_ids_stay_unnamed() {
    let fixture = with_registry().replace("//- /speakers.toml", "//- /notes.toml");
    let fx = at(&fixture, "d.txt", "THE PRESIDENT: Thank you all.", "THE");
    let found = references(&fx.world, &fx.file, fx.offset, false);
    assert_eq!(found.len(), 1, "{}", fx.show_locations(&found));
    assert!(definition(&fx.world, &fx.file, fx.offset).is_empty());
    let card = hover(&fx.world, &fx.file, fx.offset).expect("a card").markdown;
    assert!(card.starts_with("**THE PRESIDENT** (a role"), "{card}");
}

#[test]
fn registry_errors_are_diagnostics_of_speakers_toml_with_positions() {
    let fx = setup(
        "//- /speakers.toml\n[[person]]\naliases = [\"X\"]\n//- /a.txt\n date 2021-01-01 Source: x\n\nAnna Smith: Hi.\n",
    );
    let problems = diagnostics(&fx.world, &fx.file, &BTreeSet::new());
    let shown: Vec<String> =
        problems.iter().map(|p| format!("{} {}", show_registry(&fx, &fx.file, p.span), p.message)).collect();
    expect![[r#"
        speakers.toml:1 «[[person]]» speakers.toml line 1: a [[person]] needs a `name`"#]]
    .assert_eq(&shown.join("\n"));
}

/// `speakers.toml:line «text»` for a span of the registry (or any fixture file).
fn show_registry(fx: &Fx, file: &FileRef, span: crate::corpus::text::Span) -> String {
    fx.show(file, span)
}

#[test]
fn inlay_hints_give_each_persons_share_at_their_first_turn_whatever_the_label() {
    let fx = at(PEOPLE, "b.txt", "Vladimir Putin: Hello again.", "Vlad");
    let everything = crate::corpus::text::Span::new(0, usize::MAX);
    let hints = crate::ide::inlay_hints::inlay_hints(&fx.world, &fx.file, everything);
    let labels: Vec<String> = hints.into_iter().map(|h| h.label).collect();
    // "Vladimir Putin (retranslated)" is Putin: his share has its word, and no share of its own.
    assert_eq!(labels, ["2 words · 75% of the speech", "2 words · 25% of the speech", "3 words", "1 words"]);
}

#[test]
fn outline_turns_keep_the_label_and_name_the_person_when_it_differs() {
    let fx = at(PEOPLE, "a.txt", "Anna Kuzmenko: Thank you.", "Anna");
    let nodes = crate::ide::outline::outline(&fx.world, &fx.file, crate::ide::outline::Sections::Always)
        .expect("the file is known");
    let turns: Vec<String> = nodes
        .iter()
        .filter(|n| n.kind == crate::corpus::outline::OutlineKind::Turn)
        .map(|n| format!("{} — {}", n.name, n.detail.as_deref().unwrap_or("")))
        .collect();
    expect![[r#"
        [
            "President of Russia Vladimir Putin — Vladimir Putin · 7 words",
            "President of Russia Vladimir Putin — Vladimir Putin · 3 words",
        ]
    "#]]
    .assert_debug_eq(&turns);
}
