//! The outline an editor and `speech-ls outline` show.

use expect_test::expect;

use super::{Fx, setup};
use crate::corpus::outline::OutlineNode;
use crate::ide::outline::{Sections, outline};

fn render(fx: &Fx, nodes: &[OutlineNode], depth: usize, out: &mut String) {
    for n in nodes {
        let detail = n.detail.as_deref().map(|d| format!(" — {d}")).unwrap_or_default();
        out.push_str(&format!(
            "{}{:?} {}{detail} @ {}\n",
            "  ".repeat(depth),
            n.kind,
            n.name,
            fx.show(&fx.file, n.selection)
        ));
        render(fx, &n.children, depth + 1, out);
    }
}

fn check(fixture: &str) -> String {
    let fx = setup(fixture);
    let nodes = outline(&fx.world, &fx.file, Sections::Always).expect("the file is known");
    let mut out = String::new();
    render(&fx, &nodes, 0, &mut out);
    out
}

#[test]
fn a_transcript_shows_header_lead_parts_and_turns() {
    expect![[r#"
        Header 2021-03-03 — Kremlin @ a.txt:1 «2021-03-03»
        Lead Lead — The meeting began at noon. @ a.txt:3 «The meeting began at noon.»
        Part Part 1 — 2 turns @ a.txt:5 «»
          Turn Vladimir Putin — 3 words @ a.txt:5 «Vladimir Putin»
          Turn Moderator — 2 words @ a.txt:7 «Moderator»
        Part Part 2 — 1 turns @ a.txt:9 «* * *»
          Turn Vladimir Putin — 3 words @ a.txt:11 «Vladimir Putin»
    "#]]
    .assert_eq(&check(
        "
        //- /a.txt
         date 2021-03-03 Source: Kremlin$0

        The meeting began at noon.

        Vladimir Putin: Good afternoon, colleagues.

        Moderator: Thank you.

        * * *

        Vladimir Putin: Let us begin.
        ",
    ));
}

#[test]
fn index_md_shows_headings_with_their_entries() {
    expect![[r#"
        Heading 2021 @ INDEX.md:1 «## 2021»
          Entry 2021-03-03 Board meeting — a.txt @ INDEX.md:2 «[Board meeting](a.txt)»
          Heading March @ INDEX.md:3 «### March»
            Entry 2021-03-04 (untitled) — b.txt @ INDEX.md:4 «b.txt»
    "#]]
    .assert_eq(&check(
        "
        //- /INDEX.md
        ## 2021$0
        - 2021-03-03 [Board meeting](a.txt)
        ### March
        - 2021-03-04 b.txt
        //- /a.txt
         date 2021-03-03 Source: K
        //- /b.txt
         date 2021-03-04 Source: K
        ",
    ));
}

#[test]
fn a_long_turn_is_cut_into_topical_sections() {
    let seed = include_str!("../../../seeds/000_dfd047e8c9417aac.txt");
    let fixture = format!("//- /seed.txt\n{seed}");
    let text = check(&fixture);
    let sections = text.lines().filter(|l| l.trim_start().starts_with("Section ")).count();
    assert!(sections >= 2, "the seed's long turn has topical sections:\n{text}");
    assert!(text.lines().any(|l| l.trim_start().starts_with("Section ") && l.contains(" · ¶")), "{text}");
}

#[test]
fn a_long_monologue_is_cut_into_sections_like_a_long_turn() {
    let fixture = super::two_subject_monologue();
    let text = check(&fixture);
    let lines: Vec<&str> = text.lines().collect();
    let lead = lines.iter().position(|l| l.starts_with("Lead ")).expect("the monologue is the lead");
    let sections: Vec<&str> = lines[lead + 1..].iter().copied().filter(|l| l.starts_with("  Section ")).collect();
    assert_eq!(sections.len(), 2, "one section per subject, under the lead:\n{text}");
    assert!(sections[0].contains("¶1-6") && sections[1].contains("¶7-12"), "cut where the subject changes:\n{text}");
    assert!(sections[1].contains("@ message.txt:15 «The ships"), "{text}");
}
