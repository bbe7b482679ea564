//! Fixture tests of the transcript parser: each renders the parsed structure
//! of a short text (header, problems, paragraphs with their kinds, lead,
//! parts, turns) and compares it with a snapshot. Update snapshots with
//! `UPDATE_EXPECT=1 cargo test --test it transcript::fixtures`.

use expect_test::{Expect, expect};
use speech_ls::corpus::{ParagraphKind, parse_transcript};

/// Renders what a user would see of the structure: kinds and first words,
/// turns with speakers and paragraph ranges, problems with their codes.
fn render(text: &str) -> String {
    let t = parse_transcript(text);
    let mut out = String::new();
    let clip = |s: &str| {
        let short: String = s.chars().take(40).collect();
        if short.len() < s.len() { format!("{short}…") } else { short }
    };
    match &t.header {
        Some(h) => out.push_str(&format!(
            "header date={} source={:?}\n",
            h.date.map(|d| d.to_string()).unwrap_or_else(|| "none".into()),
            h.source.as_deref().unwrap_or("none")
        )),
        None => out.push_str("no header\n"),
    }
    for p in &t.problems {
        out.push_str(&format!(
            "problem {} {:?} at {}..{}: {}\n",
            p.code, p.severity, p.span.start, p.span.end, p.message
        ));
    }
    for (i, p) in t.paragraphs.iter().enumerate() {
        let kind = match p.kind {
            ParagraphKind::Text => "text",
            ParagraphKind::TurnStart => "turn",
            ParagraphKind::PartSeparator => "separator",
            ParagraphKind::Heading => "heading",
            ParagraphKind::StageNote => "note",
        };
        out.push_str(&format!("{i:>2} {kind:<9} {:?}\n", clip(p.span.slice(text))));
    }
    if let Some(lead) = &t.lead {
        out.push_str(&format!("lead {lead:?}\n"));
    }
    for part in &t.parts {
        out.push_str(&format!(
            "part {:?} paragraphs {:?} turns {:?}\n",
            part.title.as_deref().unwrap_or("(untitled)"),
            part.paragraphs,
            part.turns
        ));
    }
    for turn in &t.turns {
        out.push_str(&format!(
            "turn {:?} label={:?} paragraphs {:?} words {}\n",
            turn.speaker,
            turn.label_span.slice(text),
            turn.paragraphs,
            turn.words
        ));
    }
    out
}

fn check(text: &str, expect: Expect) {
    expect.assert_eq(&render(text));
}

#[test]
fn seed_transcript() {
    let text = include_str!("../../../seeds/000_dfd047e8c9417aac.txt");
    let t = parse_transcript(text);
    let summary = format!(
        "header {:?}\nlead {:?}\nparts {}\nturns {:?}\nproblems {}\n",
        t.header.as_ref().and_then(|h| h.date).map(|d| d.to_string()),
        t.lead,
        t.parts.len(),
        t.turns.iter().map(|turn| (turn.speaker.as_str(), turn.paragraphs.clone())).collect::<Vec<_>>(),
        t.problems.len()
    );
    expect![[r#"
        header Some("2021-03-03")
        lead Some(0..1)
        parts 1
        turns [("President of Russia Vladimir Putin", 1..22)]
        problems 0
    "#]]
    .assert_eq(&summary);
}

#[test]
fn header_lead_and_turns() {
    check(
        " date 2021-03-03 Source: President of Russia – The Kremlin – English\n\nThe meeting began.\n\nPresident of Russia Vladimir Putin: Good afternoon, colleagues.\n\nLet us begin.\n\nMinister of Finance Anton Siluanov: Thank you.\n",
        expect![[r#"
            header date=2021-03-03 source="President of Russia – The Kremlin – English"
             0 text      "The meeting began."
             1 turn      "President of Russia Vladimir Putin: Good…"
             2 text      "Let us begin."
             3 turn      "Minister of Finance Anton Siluanov: Than…"
            lead 0..1
            part "(untitled)" paragraphs 1..4 turns 0..2
            turn "President of Russia Vladimir Putin" label="President of Russia Vladimir Putin" paragraphs 1..3 words 6
            turn "Minister of Finance Anton Siluanov" label="Minister of Finance Anton Siluanov" paragraphs 3..4 words 2
        "#]],
    );
}

#[test]
fn crlf_line_breaks() {
    check(
        " date 2021-03-03 Source: Kremlin\r\n\r\nLead text.\r\n\r\nPresident of Russia Vladimir Putin: Hello.\r\n\r\nQuestion: Why?\r\n",
        expect![[r#"
            header date=2021-03-03 source="Kremlin"
             0 text      "Lead text."
             1 turn      "President of Russia Vladimir Putin: Hell…"
             2 turn      "Question: Why?"
            lead 0..1
            part "(untitled)" paragraphs 1..3 turns 0..2
            turn "President of Russia Vladimir Putin" label="President of Russia Vladimir Putin" paragraphs 1..2 words 1
            turn "Question" label="Question" paragraphs 2..3 words 1
        "#]],
    );
}

#[test]
fn lone_carriage_returns_break_lines() {
    check(
        " date 2021-03-03 Source: Kremlin\r\rFirst.\r\rQuestion: Second?\r",
        expect![[r#"
        header date=2021-03-03 source="Kremlin"
         0 text      "First."
         1 turn      "Question: Second?"
        lead 0..1
        part "(untitled)" paragraphs 1..2 turns 0..1
        turn "Question" label="Question" paragraphs 1..2 words 1
    "#]],
    );
}

#[test]
fn lone_carriage_return_only() {
    check(
        "\r",
        expect![[r#"
        no header
    "#]],
    );
}

#[test]
fn byte_order_mark() {
    check(
        "\u{feff} date 2021-03-03 Source: Kremlin\n\nText.\n",
        expect![[r#"
        header date=2021-03-03 source="Kremlin"
         0 text      "Text."
        lead 0..1
    "#]],
    );
}

#[test]
fn missing_header() {
    check(
        "Vladimir Putin spoke at the meeting.\n\nQuestion: What next?\n",
        expect![[r#"
        no header
        problem header-missing Warning at 0..0: no header line: expected ` date YYYY-MM-DD Source: ...` on the first line
         0 text      "Vladimir Putin spoke at the meeting."
         1 turn      "Question: What next?"
        lead 0..1
        part "(untitled)" paragraphs 1..2 turns 0..1
        turn "Question" label="Question" paragraphs 1..2 words 2
    "#]],
    );
}

#[test]
fn impossible_and_malformed_dates() {
    check(
        " date 2021-02-30 Source: Kremlin\n\nText.\n",
        expect![[r#"
        header date=none source="Kremlin"
        problem header-date-invalid Warning at 6..16: `2021-02-30` is not a real calendar date
         0 text      "Text."
        lead 0..1
    "#]],
    );
    check(
        " date 3 March 2021 Source: Kremlin\n\nText.\n",
        expect![[r#"
        header date=none source="Kremlin"
        problem header-date-malformed Warning at 6..7: `3` is not a date in the form YYYY-MM-DD
         0 text      "Text."
        lead 0..1
    "#]],
    );
    check(
        "date\n\nText.\n",
        expect![[r#"
        header date=none source="none"
        problem header-date-missing Warning at 4..4: the header line has no date: expected ` date YYYY-MM-DD Source: ...`
        problem header-source-missing Info at 0..4: the header line names no source: expected `Source: ...` after the date
         0 text      "Text."
        lead 0..1
    "#]],
    );
}

#[test]
fn empty_input() {
    check(
        "",
        expect![[r#"
        no header
    "#]],
    );
    check(
        "   \n\n  ",
        expect![[r#"
        no header
    "#]],
    );
}

#[test]
fn wrapped_paragraphs() {
    check(
        " date 2021-03-03 Source: Kremlin\n\nThe first paragraph is wrapped\nacross two lines.\n\nTHE PRESIDENT: A turn that is\nwrapped too.\n\nAnd its second paragraph.\n",
        expect![[r#"
            header date=2021-03-03 source="Kremlin"
             0 text      "The first paragraph is wrapped\nacross tw…"
             1 turn      "THE PRESIDENT: A turn that is\nwrapped to…"
             2 text      "And its second paragraph."
            lead 0..1
            part "(untitled)" paragraphs 1..3 turns 0..1
            turn "THE PRESIDENT" label="THE PRESIDENT" paragraphs 1..3 words 10
        "#]],
    );
}

#[test]
fn no_blank_lines_means_one_paragraph_per_line() {
    check(
        " date 2021-03-03 Source: Kremlin\nThe first paragraph.\nTHE PRESIDENT: Thank you.\nQ: Mr. President, a question.\nTHE PRESIDENT: Go ahead.\n",
        expect![[r#"
            header date=2021-03-03 source="Kremlin"
             0 text      "The first paragraph."
             1 turn      "THE PRESIDENT: Thank you."
             2 turn      "Q: Mr. President, a question."
             3 turn      "THE PRESIDENT: Go ahead."
            lead 0..1
            part "(untitled)" paragraphs 1..4 turns 0..3
            turn "THE PRESIDENT" label="THE PRESIDENT" paragraphs 1..2 words 2
            turn "Q" label="Q" paragraphs 2..3 words 4
            turn "THE PRESIDENT" label="THE PRESIDENT" paragraphs 3..4 words 2
        "#]],
    );
}

#[test]
fn part_separators_and_headings() {
    // A bare name right after a heading or separator speaks what follows.
    check(
        " date 2010-04-20 Source: Kremlin\n\nTalks were held.\n\n* * *\n\nPresident of Russia Dmitry Medvedev: Mr President,\n\n***\n\nBeginning of meeting with President of Sri Lanka Maithripala Sirisena\n\nVladimir Putin: Welcome.\n\nExcerpts from transcript of the meeting\n\nSpeech at the ceremony\n",
        expect![[r#"
            header date=2010-04-20 source="Kremlin"
             0 text      "Talks were held."
             1 separator "* * *"
             2 turn      "President of Russia Dmitry Medvedev: Mr …"
             3 separator "***"
             4 heading   "Beginning of meeting with President of S…"
             5 turn      "Vladimir Putin: Welcome."
             6 heading   "Excerpts from transcript of the meeting"
             7 heading   "Speech at the ceremony"
            lead 0..1
            part "* * *" paragraphs 1..3 turns 0..1
            part "***" paragraphs 3..4 turns 1..1
            part "Beginning of meeting with President of Sri Lanka Maithripala Sirisena" paragraphs 4..6 turns 1..2
            part "Excerpts from transcript of the meeting" paragraphs 6..7 turns 2..2
            part "Speech at the ceremony" paragraphs 7..8 turns 2..2
            turn "President of Russia Dmitry Medvedev" label="President of Russia Dmitry Medvedev" paragraphs 2..3 words 2
            turn "Vladimir Putin" label="Vladimir Putin" paragraphs 5..6 words 1
        "#]],
    );
}

#[test]
fn stage_notes_belong_to_the_turn() {
    check(
        " date 2021-03-03 Source: Kremlin\n\nPresident of Russia Vladimir Putin: Friends,\n\n(Applause.)\n\nA video is played.\n\n(Video plays.)\n\nThank you.\n",
        expect![[r#"
            header date=2021-03-03 source="Kremlin"
             0 turn      "President of Russia Vladimir Putin: Frie…"
             1 note      "(Applause.)"
             2 note      "A video is played."
             3 note      "(Video plays.)"
             4 text      "Thank you."
            part "(untitled)" paragraphs 0..5 turns 0..1
            turn "President of Russia Vladimir Putin" label="President of Russia Vladimir Putin" paragraphs 0..5 words 10
        "#]],
    );
}

#[test]
fn prose_with_colons_is_not_a_turn() {
    check(
        " date 2021-03-03 Source: Kremlin\n\nNote: This transcript was edited.\n\nIn 2020: The economy shrank.\n\n63. I want to say this: peace matters.\n\nLet me be clear: we will act.\n\nThe question is: when?\n\n&nbsp;\n\nMr President: Thank you.\n\nSecurity Council: A body.\n\nFirst: We act.\n\nQuestion: at what cost?\n\nGermany: “A quoted source.”\n",
        expect![[r#"
            header date=2021-03-03 source="Kremlin"
             0 text      "Note: This transcript was edited."
             1 text      "In 2020: The economy shrank."
             2 text      "63. I want to say this: peace matters."
             3 text      "Let me be clear: we will act."
             4 text      "The question is: when?"
             5 text      "Mr President: Thank you."
             6 text      "Security Council: A body."
             7 text      "First: We act."
             8 text      "Question: at what cost?"
             9 text      "Germany: “A quoted source.”"
            lead 0..10
        "#]],
    );
}

#[test]
fn us_press_conference_turns() {
    check(
        " date 1964-02-01 Source: Miller Center\n\nTHE PRESIDENT: Good afternoon.\n\nQ: Mr. President, will you run?\n\nTHE PRESIDENT: I will.\n\nQuestion: And then?\n\nRemark: Thank you.\n",
        expect![[r#"
            header date=1964-02-01 source="Miller Center"
             0 turn      "THE PRESIDENT: Good afternoon."
             1 turn      "Q: Mr. President, will you run?"
             2 turn      "THE PRESIDENT: I will."
             3 turn      "Question: And then?"
             4 turn      "Remark: Thank you."
            part "(untitled)" paragraphs 0..5 turns 0..5
            turn "THE PRESIDENT" label="THE PRESIDENT" paragraphs 0..1 words 2
            turn "Q" label="Q" paragraphs 1..2 words 5
            turn "THE PRESIDENT" label="THE PRESIDENT" paragraphs 2..3 words 2
            turn "Question" label="Question" paragraphs 3..4 words 2
            turn "Remark" label="Remark" paragraphs 4..5 words 2
        "#]],
    );
}

#[test]
fn names_need_support_from_the_file() {
    // "Vladimir Putin" alone is a name, not evidence of a turn; here it is
    // the tail of a strong label, and "Igor Sechin" recurs. A colon followed
    // by lower case continues a sentence.
    check(
        " date 2017-04-03 Source: Kremlin\n\nPresident of Russia Vladimir Putin: Good afternoon.\n\nIgor Sechin: Thank you.\n\nVladimir Putin: Begin.\n\nIgor Sechin: Drilling has begun.\n\nBudget Restraint: a heading.\n",
        expect![[r#"
            header date=2017-04-03 source="Kremlin"
             0 turn      "President of Russia Vladimir Putin: Good…"
             1 turn      "Igor Sechin: Thank you."
             2 turn      "Vladimir Putin: Begin."
             3 turn      "Igor Sechin: Drilling has begun."
             4 text      "Budget Restraint: a heading."
            part "(untitled)" paragraphs 0..5 turns 0..4
            turn "President of Russia Vladimir Putin" label="President of Russia Vladimir Putin" paragraphs 0..1 words 2
            turn "Igor Sechin" label="Igor Sechin" paragraphs 1..2 words 2
            turn "Vladimir Putin" label="Vladimir Putin" paragraphs 2..3 words 1
            turn "Igor Sechin" label="Igor Sechin" paragraphs 3..5 words 7
        "#]],
    );
    check(
        " date 1980-01-21 Source: SOTU\n\nBudget Restraint: We will cut spending.\n\nEnergy: We will save.\n\nMembers of the Congress: We meet again.\n",
        expect![[r#"
            header date=1980-01-21 source="SOTU"
             0 text      "Budget Restraint: We will cut spending."
             1 text      "Energy: We will save."
             2 text      "Members of the Congress: We meet again."
            lead 0..3
        "#]],
    );
}

#[test]
fn line_separator_is_not_a_line_break() {
    check(
        " date 2021-03-03 Source: Kremlin\n\nOne paragraph\u{2028}Question: not a turn here.\n",
        expect![[r#"
        header date=2021-03-03 source="Kremlin"
         0 text      "One paragraph\u{2028}Question: not a turn here."
        lead 0..1
    "#]],
    );
}

#[test]
fn positions_never_panic() {
    let text = " date 2021-03-03 Source: Kremlin – Ё\n\nPresident of Russia Vladimir Putin: Привет.\n\nQuestion: Да?\n";
    let t = parse_transcript(text);
    for offset in 0..text.len() + 10 {
        let _ = t.paragraph_at(offset);
        let _ = t.turn_at(offset);
    }
    assert_eq!(t.turn_at(usize::MAX), None);
    assert_eq!(t.paragraph_at(usize::MAX), None);
    let inside_second_turn = text.find("Да").expect("fixture text");
    assert_eq!(t.turn_at(inside_second_turn), Some(1));
}

#[test]
fn call_signs_under_their_mission_times() {
    // Spacelog's air-to-ground layout: a mission-elapsed time (days, hours,
    // minutes, seconds; negative before lift-off) on its own line, then a
    // call sign; blocks of one speaker in a row are one turn.
    check(
        "[-00:00:00:04]\nLCC: Ignition\n\n[00:00:00:02]\nP: Ahh, Roger; lift-off and the clock is started\n\n[00:00:00:04]\nCC: Roger\n\n[00:00:00:08]\nP: Yes sir, reading you loud and clear\n\n[00:00:00:09]\nP: Fuel is go\n\n[00:00:01:00]\nCV-39: Recovery ship on station\n\n[00:00:01:04]\nCC: Roger, CV-39\n\n[00:00:01:10]\nCV-39: Standing by\n",
        expect![[r#"
            no header
            problem header-missing Warning at 0..0: no header line: expected ` date YYYY-MM-DD Source: ...` on the first line
             0 text      "[-00:00:00:04]\nLCC: Ignition"
             1 turn      "[00:00:00:02]\nP: Ahh, Roger; lift-off an…"
             2 turn      "[00:00:00:04]\nCC: Roger"
             3 turn      "[00:00:00:08]\nP: Yes sir, reading you lo…"
             4 text      "[00:00:00:09]\nP: Fuel is go"
             5 turn      "[00:00:01:00]\nCV-39: Recovery ship on st…"
             6 turn      "[00:00:01:04]\nCC: Roger, CV-39"
             7 turn      "[00:00:01:10]\nCV-39: Standing by"
            lead 0..1
            part "(untitled)" paragraphs 1..8 turns 0..6
            turn "P" label="P" paragraphs 1..2 words 8
            turn "CC" label="CC" paragraphs 2..3 words 1
            turn "P" label="P" paragraphs 3..5 words 11
            turn "CV-39" label="CV-39" paragraphs 5..6 words 4
            turn "CC" label="CC" paragraphs 6..7 words 2
            turn "CV-39" label="CV-39" paragraphs 7..8 words 2
        "#]],
    );
}

#[test]
fn indented_first_lines_open_paragraphs() {
    // The Congressional Record's layout: no blank lines, each paragraph's
    // first line indented two spaces, the rest wrapped flush left.
    check(
        "  Mr. GORTON. Mr. President, this is to express my deep concern over a\ndecision made last year.\n  When the bill was signed into law he made a promise to the American\npeople.\n  Mr. President, I suggest the absence of a quorum.\n  The PRESIDING OFFICER. The clerk will call the roll.\n  Mr. BOND. Mr. President, I ask unanimous consent that the order for\nthe quorum call be rescinded.\n  The PRESIDING OFFICER. Without objection, it is so ordered.\n",
        expect![[r#"
            no header
            problem header-missing Warning at 0..0: no header line: expected ` date YYYY-MM-DD Source: ...` on the first line
             0 turn      "Mr. GORTON. Mr. President, this is to ex…"
             1 text      "When the bill was signed into law he mad…"
             2 text      "Mr. President, I suggest the absence of …"
             3 turn      "The PRESIDING OFFICER. The clerk will ca…"
             4 turn      "Mr. BOND. Mr. President, I ask unanimous…"
             5 turn      "The PRESIDING OFFICER. Without objection…"
            part "(untitled)" paragraphs 0..6 turns 0..4
            turn "Mr. GORTON" label="Mr. GORTON" paragraphs 0..3 words 39
            turn "The PRESIDING OFFICER" label="The PRESIDING OFFICER" paragraphs 3..4 words 6
            turn "Mr. BOND" label="Mr. BOND" paragraphs 4..5 words 15
            turn "The PRESIDING OFFICER" label="The PRESIDING OFFICER" paragraphs 5..6 words 6
        "#]],
    );
}

#[test]
fn bold_labels_open_turns_before_lower_case_chat() {
    // Scribed minutes: speech starts in lower case after a bold label, and
    // `**...**` lines go on with the same speaker. An unmarked label before
    // lower case still continues a sentence ("Question: at what cost?").
    check(
        "**Ege Korkan:** what kind of next event would we like to do?\n**...** we can do one about a specific topic\n\n**Philipp Blum:** I can present what I was supposed to present\n\n**Cristiano Aguzzi:** we can always present node-wot\n\n**Philipp Blum:** focused on new features\n\n**Ege Korkan:** it makes sense\n\nQuestion: at what cost?\n",
        expect![[r#"
            no header
            problem header-missing Warning at 0..0: no header line: expected ` date YYYY-MM-DD Source: ...` on the first line
             0 turn      "**Ege Korkan:** what kind of next event …"
             1 turn      "**Philipp Blum:** I can present what I w…"
             2 turn      "**Cristiano Aguzzi:** we can always pres…"
             3 turn      "**Philipp Blum:** focused on new feature…"
             4 turn      "**Ege Korkan:** it makes sense"
             5 text      "Question: at what cost?"
            part "(untitled)" paragraphs 0..6 turns 0..5
            turn "Ege Korkan" label="Ege Korkan" paragraphs 0..1 words 18
            turn "Philipp Blum" label="Philipp Blum" paragraphs 1..2 words 9
            turn "Cristiano Aguzzi" label="Cristiano Aguzzi" paragraphs 2..3 words 5
            turn "Philipp Blum" label="Philipp Blum" paragraphs 3..4 words 4
            turn "Ege Korkan" label="Ege Korkan" paragraphs 4..6 words 7
        "#]],
    );
}

#[test]
fn call_signs_with_a_number_and_the_person_in_brackets() {
    // Spacelog's Vostok 1 radio log: "Заря 1 (Каманин)" is a call sign with
    // its speaker; "Глава 2:" would be a heading, and "В 1961:" prose.
    check(
        "Кедр: Как слышите меня?\n\nЗаря 1 (Каманин): Слышу хорошо.\n\nКедр: Вас слышу хорошо.\n\nЗаря 1 (Королев): Приступайте к проверке скафандра.\n\nКедр: Вас понял.\n\nЗаря 1 (Каманин): Понял.\n\nВ 1961: полёт.\n",
        expect![[r#"
            no header
            problem header-missing Warning at 0..0: no header line: expected ` date YYYY-MM-DD Source: ...` on the first line
             0 turn      "Кедр: Как слышите меня?"
             1 turn      "Заря 1 (Каманин): Слышу хорошо."
             2 turn      "Кедр: Вас слышу хорошо."
             3 turn      "Заря 1 (Королев): Приступайте к проверке…"
             4 turn      "Кедр: Вас понял."
             5 turn      "Заря 1 (Каманин): Понял."
             6 text      "В 1961: полёт."
            part "(untitled)" paragraphs 0..7 turns 0..6
            turn "Кедр" label="Кедр" paragraphs 0..1 words 3
            turn "Заря 1 (Каманин)" label="Заря 1 (Каманин)" paragraphs 1..2 words 2
            turn "Кедр" label="Кедр" paragraphs 2..3 words 3
            turn "Заря 1 (Королев)" label="Заря 1 (Королев)" paragraphs 3..4 words 4
            turn "Кедр" label="Кедр" paragraphs 4..5 words 2
            turn "Заря 1 (Каманин)" label="Заря 1 (Каманин)" paragraphs 5..7 words 4
        "#]],
    );
}

#[test]
fn a_question_mark_q_before_no_break_spaces() {
    // The White House's 2025 layout: `Q` and three no-break spaces, no stop;
    // the question's words are counted from after the spaces.
    check(
        "THE PRESIDENT:\u{a0} Hello there, all of you.\n\nQ\u{a0}\u{a0}\u{a0} Sir, did you speak to Secretary Rubio today?\n\nTHE PRESIDENT:\u{a0} I did.\n\nQ\u{a0}\u{a0}\u{a0} What is the latest?\n",
        expect![[r#"
            no header
            problem header-missing Warning at 0..0: no header line: expected ` date YYYY-MM-DD Source: ...` on the first line
             0 turn      "THE PRESIDENT:\u{a0} Hello there, all of you."
             1 turn      "Q\u{a0}\u{a0}\u{a0} Sir, did you speak to Secretary Rub…"
             2 turn      "THE PRESIDENT:\u{a0} I did."
             3 turn      "Q\u{a0}\u{a0}\u{a0} What is the latest?"
            part "(untitled)" paragraphs 0..4 turns 0..4
            turn "THE PRESIDENT" label="THE PRESIDENT" paragraphs 0..1 words 5
            turn "Q" label="Q" paragraphs 1..2 words 8
            turn "THE PRESIDENT" label="THE PRESIDENT" paragraphs 2..3 words 2
            turn "Q" label="Q" paragraphs 3..4 words 4
        "#]],
    );
}
