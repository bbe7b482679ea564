//! Hovers: the glance on an INDEX.md entry or a header, the section's
//! themes inside a speech.

use expect_test::expect;

use super::{setup, with_cursor};
use crate::ide::hover::hover;

fn hover_text(fixture: &str) -> String {
    let fx = setup(fixture);
    hover(&fx.world, &fx.file, fx.offset).map_or("(none)\n".to_string(), |h| h.markdown)
}

#[test]
fn an_entry_shows_the_speech_at_a_glance_and_its_themes() {
    let text = hover_text(&with_cursor("INDEX.md", "- 2021-03-03 [Board meeting](a.txt)", "- 2021"));
    let glance = text.split("\n\n---\n\n").next().unwrap_or_default();
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
    "#]]
    .assert_eq(glance);
    assert!(text.contains("What the speech is about"), "the themes follow the glance:\n{text}");
}

#[test]
fn a_dead_link_says_so() {
    let text = hover_text(&with_cursor("INDEX.md", "- 2020-01-01 [Gone](gone.txt)", "[Go"));
    expect!["`gone.txt` is not a transcript in this corpus"].assert_eq(&text);
}

#[test]
fn inside_a_turn_the_hover_covers_the_section_under_the_cursor() {
    let fx = setup(&with_cursor("a.txt", "Moderator: Thank you.", "Thank"));
    let found = hover(&fx.world, &fx.file, fx.offset).expect("a hover inside the speech");
    // Too short for themes: the hover names the section and counts its words.
    expect!["**Section · ¶2** · 2 words"].assert_eq(found.markdown.trim());
    assert_eq!(fx.show(&fx.file, found.span), "a.txt:5 «Moderator: Thank you.»");
}

#[test]
fn nothing_outside_the_corpus_files() {
    let fx = setup("//- /notes.md\n# My $0notes\n");
    assert_eq!(hover(&fx.world, &fx.file, fx.offset), None);
}

#[test]
fn inside_a_long_monologue_the_hover_covers_its_section() {
    let fx = setup(&super::two_subject_monologue());
    let found = hover(&fx.world, &fx.file, fx.offset).expect("a hover inside the speech");
    let first_line = found.markdown.lines().next().unwrap_or_default();
    assert!(first_line.contains("¶7-12"), "the navy section, not the whole speech: {first_line}");
    assert!(
        fx.show(&fx.file, found.span).starts_with("message.txt:15 «The ships"),
        "{}",
        fx.show(&fx.file, found.span)
    );
}

#[test]
fn a_section_hover_says_what_it_is_about_before_any_score() {
    let fx = setup(&super::two_subject_monologue());
    let found = hover(&fx.world, &fx.file, fx.offset).expect("a hover inside the speech");
    let first_screen = found.markdown.split("\n---\n").next().unwrap_or_default();
    assert!(first_screen.contains("**About:** Defence and war ▮▮▮"), "{first_screen}");
    assert!(first_screen.contains("**Key terms:**") && first_screen.contains("\n> "), "{first_screen}");
    assert!(!first_screen.contains("0."), "no raw score before the rule: {first_screen}");
    assert!(first_screen.lines().count() <= 10, "{first_screen}");
    assert!(found.markdown.contains("**Theme words here:** Defence and war 0."), "details below the rule");
}

#[test]
fn the_header_hover_names_the_language() {
    let fx = setup(
        "//- /rede.txt\n date$0 2016-06-28 Source: Bundestag\n\nDie Bundesregierung hat heute beschlossen, dass die \
         Schulen und die Kindergärten im ganzen Land wieder geöffnet werden. Wir haben lange darüber gesprochen, und \
         es war keine leichte Entscheidung für uns alle.\n",
    );
    let found = hover(&fx.world, &fx.file, fx.offset).expect("a hover on the header");
    assert!(found.markdown.contains("What the speech is about · German"), "{}", found.markdown);
}
