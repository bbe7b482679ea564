//! Completion, renames, quick fixes, INDEX.md updates and diagnostics.

use std::collections::BTreeSet;

use expect_test::expect;

use super::{Fx, setup, with_cursor};
use crate::ide::FileRef;
use crate::ide::code_actions::code_actions;
use crate::ide::completion::completion;
use crate::ide::diagnostics::diagnostics;
use crate::ide::edits::{Change, SourceChange};
use crate::ide::index_update::index_updates;
use crate::ide::rename::{prepare_rename, rename, will_rename};

/// A change applied to the fixture's texts, shown as the files it touches.
fn apply(fx: &Fx, change: &SourceChange) -> String {
    let mut out = String::new();
    for step in &change.changes {
        match step {
            Change::Edit(edit) => {
                let mut text = fx.fixture.text(&fx.rel(&edit.file)).to_string();
                let mut edits = edit.edits.clone();
                edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
                for e in edits {
                    text.replace_range(e.span.range(), &e.new_text);
                }
                out.push_str(&format!("--- {}\n{text}", fx.rel(&edit.file)));
            }
            Change::Create { file, text } => out.push_str(&format!("+++ {}\n{text}", fx.rel(file))),
            Change::Rename { from, to } => out.push_str(&format!("mv {} {}\n", fx.rel(from), fx.rel(to))),
        }
    }
    out
}

#[test]
fn file_names_complete_after_a_link_opener_newest_first() {
    let fx = setup(
        "
        //- /INDEX.md
        - [New one](b$0
        //- /a-b.txt
         date 2020-01-01 Source: K

        Old words here.
        //- /b.txt
         date 2021-01-01 Source: K

        Newer words here.
        ",
    );
    let found = completion(&fx.world, &fx.file, fx.offset).expect("completing a link");
    let items: Vec<String> = found
        .items
        .iter()
        .map(|i| format!("{} -> {} ({})", i.label, i.insert, i.detail.clone().unwrap_or_default()))
        .collect();
    assert_eq!(items[0], "b.txt -> b.txt (2021-01-01 · Newer words here)");
    assert_eq!(found.items.iter().map(|i| fx.show(&fx.file, i.replace)).next().as_deref(), Some("INDEX.md:1 «b»"));
    assert_eq!(items.len(), 2);
}

#[test]
fn tags_complete_after_a_hash_with_their_use_count() {
    let fx = setup(
        &with_cursor("INDEX.md", "- [Board again](./a.txt)", "(./a.txt) #").replace("(./a.txt)", "(./a.txt) #$0"),
    );
    let found = completion(&fx.world, &fx.file, fx.offset).expect("completing a tag");
    let tags: Vec<(String, Option<String>)> = found.items.into_iter().map(|i| (i.label, i.detail)).collect();
    assert_eq!(tags, [("#police".to_string(), Some("used by 1 entry".to_string()))]);
}

#[test]
fn renaming_a_link_renames_the_file_and_every_link_to_it() {
    let fx = setup(&with_cursor("INDEX.md", "- [Board again](./a.txt)", "(./a"));
    let (span, placeholder) = prepare_rename(&fx.world, &fx.file, fx.offset, true).expect("a link under the cursor");
    assert_eq!((fx.show(&fx.file, span), placeholder.as_str()), ("INDEX.md:3 «./a.txt»".to_string(), "./a.txt"));
    assert_eq!(prepare_rename(&fx.world, &fx.file, fx.offset, false), None, "an editor that cannot rename files");
    let change = rename(&fx.world, &fx.file, fx.offset, "board", true).expect("a valid name").expect("a change");
    expect![[r#"
        mv a.txt board.txt
        --- INDEX.md
        # Speeches
        - 2021-03-03 [Board meeting](board.txt) #police
        - [Board again](./board.txt)
        - 2020-01-01 [Gone](gone.txt)
    "#]]
    .assert_eq(&apply(&fx, &change));
    assert_eq!(rename(&fx.world, &fx.file, fx.offset, "b.txt", true), Err("b.txt already exists".to_string()));
}

#[test]
fn moving_a_folder_rewrites_the_links_into_it() {
    let fx = setup(
        "
        //- /INDEX.md
        - [A](old/a.txt)
        - [B](<old/b c.txt>)
        //- /old/a.txt
         date 2021-01-01 Source: K$0
        //- /old/b c.txt
         date 2021-01-02 Source: K
        ",
    );
    let change = will_rename(&fx.world, &[(fx.root.join("old"), fx.root.join("new"))]);
    expect![[r#"
        --- INDEX.md
        - [A](new/a.txt)
        - [B](<new/b c.txt>)
    "#]]
    .assert_eq(&apply(&fx, &change));
}

#[test]
fn quick_fixes_repoint_a_dead_link_and_list_an_unlisted_file() {
    let fx = setup(
        "
        //- /INDEX.md
        - 2021-01-01 [A](aa.tx$0t)
        //- /a.txt
         date 2021-01-01 Source: K

        Putin: Hello.
        //- /b.txt
         date 2021-01-02 Source: K

        Putin: Again.
        ",
    );
    let fixes = code_actions(&fx.world, &fx.file, crate::corpus::text::Span::new(fx.offset, fx.offset));
    let titles: Vec<&str> = fixes.iter().map(|f| f.title.as_str()).collect();
    assert_eq!(titles, ["Point to a.txt", "Remove entry (INDEX.md:1)", "Add every unlisted transcript to INDEX.md"]);
    expect![[r#"
        --- INDEX.md
        - 2021-01-01 [A](a.txt)
    "#]]
    .assert_eq(&apply(&fx, &fixes[0].change));
    let b = FileRef::Disk(fx.root.join("b.txt"));
    let header = fx.world.file(&b).and_then(|v| v.analysis.transcript()?.header.clone()).expect("a header");
    let fixes = code_actions(&fx.world, &b, header.span);
    assert_eq!(fixes.iter().map(|f| f.title.as_str()).collect::<Vec<_>>(), ["Add b.txt to INDEX.md"]);
}

#[test]
fn an_index_update_adds_every_unlisted_transcript_and_a_new_corpus_gets_an_index() {
    let fx = setup(&with_cursor("a.txt", "Moderator: Thank you.", "Thank"));
    let updates = index_updates(&fx.world, None, false);
    assert_eq!(updates.len(), 1);
    assert_eq!(updates[0].added, 1);
    expect![[r#"
        --- INDEX.md
        # Speeches
        - 2021-04-04 [Vladimir Putin: Hello again](b.txt)
        - 2021-03-03 [Board meeting](a.txt) #police
        - [Board again](./a.txt)
        - 2020-01-01 [Gone](gone.txt)
    "#]]
    .assert_eq(&apply(&fx, &updates[0].change));
    let fresh = setup("//- /a.txt\n date 2021-01-01 Source: K\n\nPutin: Hi.\n");
    assert!(index_updates(&fresh.world, None, false).is_empty(), "no INDEX.md and no way to create one");
    let created = index_updates(&fresh.world, None, true);
    assert!(matches!(&created[0].change.changes[..], [Change::Create { text, .. }] if text.contains("a.txt")));
}

#[test]
fn diagnostics_leave_out_the_kinds_turned_off() {
    let fx = setup(&with_cursor("INDEX.md", "# Speeches", "# "));
    let codes = |off: &BTreeSet<String>| -> Vec<&'static str> {
        diagnostics(&fx.world, &fx.file, off).into_iter().map(|p| p.code).collect()
    };
    let all = codes(&BTreeSet::new());
    assert!(all.contains(&"dead-link") && all.contains(&"duplicate-entry"), "{all:?}");
    let without_dead = codes(&BTreeSet::from(["dead-link".to_string()]));
    assert!(!without_dead.contains(&"dead-link") && without_dead.contains(&"duplicate-entry"));
}
