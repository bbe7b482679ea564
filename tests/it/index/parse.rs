//! Fixture tests of the INDEX.md parser: every link form, dates, titles,
//! tags, headings, and the parts of the file that must not be read (code
//! blocks, comments). Each fixture renders what the parser found as text.

use expect_test::{Expect, expect};
use speech_ls::corpus::index::parse_index;

/// Renders headings, entries (with links, date, title, tags) and problems,
/// and checks on the way that every span lies on char boundaries.
fn render(text: &str) -> String {
    let doc = parse_index(text);
    let slice = |s: speech_ls::corpus::Span| {
        assert!(s.start <= s.end && s.end <= text.len(), "span {s:?} out of bounds");
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "span {s:?} splits a char");
        &text[s.start..s.end]
    };
    let mut out = String::new();
    for h in &doc.headings {
        slice(h.span);
        slice(h.section);
        out.push_str(&format!("heading {} {:?} entries {:?}\n", h.level, h.title, h.entries));
    }
    for e in &doc.entries {
        let date = e.date.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
        let date_text = e.date_span.map(slice).unwrap_or("");
        let tags: Vec<&str> = e.tags.iter().map(|t| slice(t.span)).collect();
        assert!(e.tags.iter().all(|t| slice(t.span)[1..] == t.name), "tag name differs from its span");
        slice(e.span);
        out.push_str(&format!(
            "entry line {} date {date} ({date_text:?}) title {:?} tags {tags:?} heading {:?}\n",
            e.line, e.title, e.heading
        ));
        for l in &e.links {
            out.push_str(&format!(
                "  {:?} {:?} target {:?} as written {:?}\n",
                l.kind,
                slice(l.span),
                l.target,
                slice(l.target_span)
            ));
        }
    }
    for p in &doc.problems {
        out.push_str(&format!("problem {} at {:?}: {}\n", p.code, slice(p.span), p.message));
    }
    out
}

fn check(text: &str, expect: Expect) {
    expect.assert_eq(&render(text));
}

#[test]
fn seed_style_entry() {
    check(
        "Speeches in this folder.\n\n## 2021\n- 2021-03-03 [Expanded meeting of the Interior Ministry Board](000_dfd047e8c9417aac.txt) #public-safety #cybercrime\n",
        expect![[r##"
            heading 2 "2021" entries 0..1
            entry line 3 date 2021-03-03 ("2021-03-03") title Some("Expanded meeting of the Interior Ministry Board") tags ["#public-safety", "#cybercrime"] heading Some(0)
              Inline "[Expanded meeting of the Interior Ministry Board](000_dfd047e8c9417aac.txt)" target "000_dfd047e8c9417aac.txt" as written "000_dfd047e8c9417aac.txt"
        "##]],
    );
}

#[test]
fn inline_links_with_spaces_subfolders_and_percent_encoding() {
    check(
        "- [A b](<a b.txt>)\n- [Sub](./sub/a.txt)\n- [Enc](a%20b.txt \"title\")\n- ![img](pic.txt) [Real](r.txt)\n",
        expect![[r#"
            entry line 0 date - ("") title Some("A b") tags [] heading None
              Inline "[A b](<a b.txt>)" target "a b.txt" as written "a b.txt"
            entry line 1 date - ("") title Some("Sub") tags [] heading None
              Inline "[Sub](./sub/a.txt)" target "./sub/a.txt" as written "./sub/a.txt"
            entry line 2 date - ("") title Some("Enc") tags [] heading None
              Inline "[Enc](a%20b.txt \"title\")" target "a b.txt" as written "a%20b.txt"
            entry line 3 date - ("") title Some("Real") tags [] heading None
              Inline "[Real](r.txt)" target "r.txt" as written "r.txt"
        "#]],
    );
}

#[test]
fn reference_links_with_definitions_anywhere() {
    check(
        "[early]: early.txt\n- [Full][one]\n- [Collapsed][]\n- [one]\n- [Missing][nope]\n- [Applause] is text\n\n[one]: <one b.txt> \"Title\"\n[collapsed]: c.txt\n",
        expect![[r#"
            entry line 1 date - ("") title Some("Full") tags [] heading None
              Reference "[Full][one]" target "one b.txt" as written "one b.txt"
            entry line 2 date - ("") title Some("Collapsed") tags [] heading None
              Reference "[Collapsed][]" target "c.txt" as written "c.txt"
            entry line 3 date - ("") title Some("one") tags [] heading None
              Reference "[one]" target "one b.txt" as written "one b.txt"
            problem ref-undefined at "[Missing][nope]": no definition for the link reference `[nope]`: add a line `[nope]: file.txt`
        "#]],
    );
}

#[test]
fn wiki_autolink_and_bare_links() {
    check(
        "- [[000_dfd047e8c9417aac]]\n- [[wiki.txt]]\n- [[sub/w|The alias]] #tag\n- <auto.txt> Auto title\n- 2021-01-02 sub/x.txt and y.txt, z.TXT\n- <br> not a link, http://example.com/a.txt is a URL\n",
        expect![[r##"
            entry line 0 date - ("") title None tags [] heading None
              Wiki "[[000_dfd047e8c9417aac]]" target "000_dfd047e8c9417aac" as written "000_dfd047e8c9417aac"
            entry line 1 date - ("") title None tags [] heading None
              Wiki "[[wiki.txt]]" target "wiki.txt" as written "wiki.txt"
            entry line 2 date - ("") title Some("The alias") tags ["#tag"] heading None
              Wiki "[[sub/w|The alias]]" target "sub/w" as written "sub/w"
            entry line 3 date - ("") title Some("Auto title") tags [] heading None
              Autolink "<auto.txt>" target "auto.txt" as written "auto.txt"
            entry line 4 date 2021-01-02 ("2021-01-02") title Some("and") tags [] heading None
              Bare "sub/x.txt" target "sub/x.txt" as written "sub/x.txt"
              Bare "y.txt" target "y.txt" as written "y.txt"
              Bare "z.TXT" target "z.TXT" as written "z.TXT"
        "##]],
    );
}

#[test]
fn dates_titles_and_tags() {
    check(
        "- Meeting on 2021-03-03 [T](2010-04-20_7506.txt) #a/b #cyber_crime #1 issue#2 [x](y.txt#frag)\n- 2021-02-30 [Bad date](b.txt)\n- 2021-05-05 an entry without a link #draft\n- a plain bullet\n2022-01-01 plain line with a date\n",
        expect![[r##"
            entry line 0 date 2021-03-03 ("2021-03-03") title Some("T") tags ["#a/b", "#cyber_crime"] heading None
              Inline "[T](2010-04-20_7506.txt)" target "2010-04-20_7506.txt" as written "2010-04-20_7506.txt"
              Inline "[x](y.txt#frag)" target "y.txt#frag" as written "y.txt#frag"
            entry line 1 date - ("2021-02-30") title Some("Bad date") tags [] heading None
              Inline "[Bad date](b.txt)" target "b.txt" as written "b.txt"
            entry line 2 date 2021-05-05 ("2021-05-05") title Some("an entry without a link") tags ["#draft"] heading None
            entry line 4 date 2022-01-01 ("2022-01-01") title Some("plain line with a date") tags [] heading None
            problem entry-date-invalid at "2021-02-30": `2021-02-30` is not a real calendar date
        "##]],
    );
}

#[test]
fn headings_group_entries() {
    check(
        "# Index\n## 2020\n- [a](a.txt)\n### March\n- [b](b.txt)\n## 2021 ##\n- [c](c.txt)\n#notaheading [d](d.txt)\n",
        expect![[r##"
            heading 1 "Index" entries 0..4
            heading 2 "2020" entries 0..2
            heading 3 "March" entries 1..2
            heading 2 "2021" entries 2..4
            entry line 2 date - ("") title Some("a") tags [] heading Some(1)
              Inline "[a](a.txt)" target "a.txt" as written "a.txt"
            entry line 4 date - ("") title Some("b") tags [] heading Some(2)
              Inline "[b](b.txt)" target "b.txt" as written "b.txt"
            entry line 6 date - ("") title Some("c") tags [] heading Some(3)
              Inline "[c](c.txt)" target "c.txt" as written "c.txt"
            entry line 7 date - ("") title Some("d") tags ["#notaheading"] heading Some(3)
              Inline "[d](d.txt)" target "d.txt" as written "d.txt"
        "##]],
    );
}

#[test]
fn code_blocks_comments_and_inline_code_are_skipped() {
    check(
        "```\n- [no](no.txt)\n```\n<!-- [hidden](h.txt)\n- [also](h2.txt) -->\n- `code.txt` [yes](yes.txt) <!-- c.txt -->\n~~~~\n[x]: x.txt\n~~~~\n- [x]\n",
        expect![[r#"
            entry line 5 date - ("") title Some("yes") tags [] heading None
              Inline "[yes](yes.txt)" target "yes.txt" as written "yes.txt"
        "#]],
    );
}

#[test]
fn external_links_are_not_transcript_links() {
    check(
        "- [Kremlin](https://kremlin.ru) and [mail](mailto:a@b.c)\n- [Local](file:///etc/passwd.txt) [abs](/etc/a.txt) [drive](C:/a.txt)\n",
        expect![[r#"
            entry line 1 date - ("") title Some("Local") tags [] heading None
              Inline "[Local](file:///etc/passwd.txt)" target "file:///etc/passwd.txt" as written "file:///etc/passwd.txt"
              Inline "[abs](/etc/a.txt)" target "/etc/a.txt" as written "/etc/a.txt"
              Inline "[drive](C:/a.txt)" target "C:/a.txt" as written "C:/a.txt"
        "#]],
    );
}

#[test]
fn continuation_lines_and_crlf() {
    check(
        "- 2021-03-03\r\n  [Continued](c.txt) #t\r\n- [Next](n.txt)\r\n",
        expect![[r##"
        entry line 0 date 2021-03-03 ("2021-03-03") title Some("Continued") tags ["#t"] heading None
          Inline "[Continued](c.txt)" target "c.txt" as written "c.txt"
        entry line 2 date - ("") title Some("Next") tags [] heading None
          Inline "[Next](n.txt)" target "n.txt" as written "n.txt"
    "##]],
    );
}

#[test]
fn odd_input_never_panics_and_spans_stay_on_char_boundaries() {
    let inputs = [
        "",
        "[",
        "[[",
        "]]",
        "[](",
        "<",
        "- [é](é.txt) #é ü.txt",
        "\u{feff}- [a](a.txt)",
        "[x]: \n- [x]",
        "- 2021-13-45 [[|]] [[a|]] <>",
        "```\nunclosed fence [a](a.txt)",
        "<!-- unclosed comment",
        "– 😀.txt [😀](😀.txt) #😀tag",
        "\r\r\n\n- [a](a.txt)\r",
    ];
    for input in inputs {
        render(input);
    }
}

/// Fragments that stress the parser when glued together at random.
const FRAGMENTS: &[&str] = &[
    "- ",
    "* ",
    "1. ",
    "  ",
    "\n",
    "\r\n",
    "\r",
    "#",
    "## ",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "[[",
    "]]",
    "|",
    "`",
    "```",
    "~~~",
    "<!--",
    "-->",
    "a.txt",
    "é.txt",
    "😀",
    "–",
    "2021-03-03",
    "2021-02-30",
    "#tag",
    "%20",
    "%",
    ":",
    "[r]: ",
    "./",
    "../",
    "file://",
    "https://x/",
    " ",
    "\t",
    "\u{feff}",
    "x",
    "é",
];

/// Random INDEX.md-like texts (a fixed-seed generator, so failures
/// reproduce) never panic the parser and yield spans on char boundaries.
#[test]
fn random_fragment_soup_never_panics() {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3000 {
        let len = (next() % 40) as usize;
        let text: String = (0..len).map(|_| FRAGMENTS[(next() % FRAGMENTS.len() as u64) as usize]).collect();
        render(&text);
    }
}
