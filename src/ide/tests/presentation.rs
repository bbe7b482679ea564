//! What a file shows of itself: folds, selection ranges, semantic tokens,
//! the code lens and inlay hints.

use super::{setup, with_cursor};
use crate::corpus::text::Span;
use crate::ide::code_lens::{LensAction, code_lenses};
use crate::ide::folding::{Fold, folding_ranges};
use crate::ide::inlay_hints::inlay_hints;
use crate::ide::selection_ranges::selection_ranges;
use crate::ide::semantic_tokens::{TokenKind, semantic_tokens};

#[test]
fn a_transcript_folds_by_its_lead_parts_and_turns() {
    let fx = setup(
        "
        //- /a.txt
         date 2021-03-03 Source: K$0

        First lead paragraph.
        Second lead line.

        Vladimir Putin: Hello.
        More from Putin.

        Moderator: Yes.

        Vladimir Putin: Good.
        ",
    );
    let folds = folding_ranges(&fx.world, &fx.file);
    // The lead, the one untitled part, the first turn (one-line turns do not fold).
    let expected = [(2, 3), (5, 10), (5, 6)].map(|(start_line, end_line)| Fold { start_line, end_line });
    assert_eq!(folds, expected);
}

#[test]
fn the_selection_grows_from_sentence_to_speech() {
    let fx = setup(&with_cursor("a.txt", "Vladimir Putin: Good afternoon, colleagues.", "Good after"));
    let chains = selection_ranges(&fx.world, &fx.file, &[fx.offset]);
    let shown: Vec<String> = chains[0].iter().map(|s| fx.show(&fx.file, *s)).collect();
    assert_eq!(shown[0], "a.txt:3 «Vladimir Putin: Good afternoon, colleagues.»");
    let last = chains[0].last().copied().unwrap_or_default();
    assert!(last.start <= fx.offset && last.end >= fx.offset);
    for pair in chains[0].windows(2) {
        assert!(pair[1].start <= pair[0].start && pair[1].end >= pair[0].end, "each range holds the one before");
    }
}

#[test]
fn tokens_mark_the_header_and_each_speakers_first_turn() {
    let fx = setup(&with_cursor("a.txt", "Moderator: Thank you.", "Thank"));
    let tokens = semantic_tokens(&fx.world, &fx.file).expect("a transcript");
    let shown: Vec<String> = tokens
        .iter()
        .map(|t| format!("{:?}{} {}", t.kind, if t.first_turn { "*" } else { "" }, fx.show(&fx.file, t.span)))
        .collect();
    assert_eq!(
        shown,
        [
            "Date a.txt:1 «2021-03-03»",
            "Source a.txt:1 «Kremlin – English»",
            "Speaker* a.txt:3 «Vladimir Putin»",
            "Speaker* a.txt:5 «Moderator»",
            "Speaker a.txt:7 «Vladimir Putin»",
        ]
    );
    assert!(tokens.iter().all(|t| t.kind != TokenKind::Heading));
}

#[test]
fn the_lens_says_where_the_speech_is_listed_or_offers_to_list_it() {
    let fx = setup(&with_cursor("a.txt", "Moderator: Thank you.", "Thank"));
    let lens = &code_lenses(&fx.world, &fx.file)[0];
    assert_eq!(lens.title, "listed in INDEX.md:2 · 2 speakers · 13 words");
    assert!(matches!(&lens.action, LensAction::Show(place) if fx.rel(&place.file) == "INDEX.md"));
    let fx = setup(&with_cursor("b.txt", "Vladimir Putin: Hello again.", "Hello"));
    let lens = &code_lenses(&fx.world, &fx.file)[0];
    assert_eq!(lens.title, "not listed in INDEX.md (add it) · 1 speaker · 9 words");
    assert!(matches!(lens.action, LensAction::UpdateIndex(_)));
}

#[test]
fn inlay_hints_give_each_turns_words_inside_the_range_asked() {
    let fx = setup(&with_cursor("a.txt", "Moderator: Thank you.", "Thank"));
    let everything = Span::new(0, usize::MAX);
    let labels: Vec<String> = inlay_hints(&fx.world, &fx.file, everything).into_iter().map(|h| h.label).collect();
    assert_eq!(labels, ["3 words · 75% of the speech", "2 words · 25% of the speech", "3 words"]);
    let first_line_only = Span::new(0, 20);
    assert!(inlay_hints(&fx.world, &fx.file, first_line_only).is_empty());
}

#[test]
fn the_hints_of_a_line_fit_vs_codes_budget_and_the_word_count_comes_first() {
    use crate::ide::inlay_hints::LINE_BUDGET;
    let seed = include_str!("../../../seeds/000_dfd047e8c9417aac.txt");
    let fx = setup(&format!("//- /seed.txt\n{seed}"));
    let hints = inlay_hints(&fx.world, &fx.file, Span::new(0, usize::MAX));
    assert!(hints.iter().any(|h| h.label.starts_with("§ ")), "the seed's long turn has section hints: {hints:?}");
    let line_of =
        |offset| fx.world.line_index(&fx.file).map(|l| l.position(offset, crate::corpus::text::ColumnUnit::Utf8).0);
    let mut by_line: std::collections::BTreeMap<Option<usize>, Vec<&str>> = Default::default();
    for h in &hints {
        by_line.entry(line_of(h.offset)).or_default().push(&h.label);
    }
    for (line, labels) in by_line {
        let total: usize = labels.iter().map(|l| l.chars().count()).sum();
        assert!(total <= LINE_BUDGET, "line {line:?} asks for {total} characters: {labels:?}");
        let word_count = |l: &str| l.split(" · ").next().is_some_and(|w| w.ends_with(" words"));
        if labels.iter().any(|l| word_count(l)) {
            assert!(word_count(labels[0]), "the word count leads its line: {labels:?}");
        }
    }
}
