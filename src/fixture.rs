//! Multi-file test fixtures, the one parser every test uses: the feature
//! tests of `ide`, the protocol tests, the fuzz session target and the
//! benchmark all describe small corpora the same way.
//!
//! ```text
//! //- /INDEX.md
//! - 2021-03-03 [Meeting]($0a.txt)
//! //- /a.txt
//!  date 2021-03-03 Source: Kremlin
//!
//! Putin: Hello.
//! ^^^^^ the speaker
//! ```
//!
//! `//- /path` opens a file; `$0` marks the one cursor (removed from the
//! text); a line made only of `^` marks (after optional spaces, with an
//! optional label) marks a range in the line above it and is removed. When
//! every line of the fixture is indented, the common indentation is removed
//! first, so fixtures can sit indented in a test's source.
//!
//! It lives in the library (hidden from the docs) rather than in a test
//! folder because unit tests, integration tests, examples and fuzz targets
//! cannot share a test-only module otherwise.

use crate::corpus::text::Span;

/// A parsed fixture: its files in order and where the cursor is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fixture {
    pub files: Vec<FixtureFile>,
    /// The `$0` cursor, if the fixture has one.
    pub cursor: Option<Cursor>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixtureFile {
    /// Relative to the corpus root, without the leading `/` (`INDEX.md`, `sub/a.txt`).
    pub path: String,
    pub text: String,
    /// The `^^^` ranges marked in this file, with their labels ("" when none).
    pub ranges: Vec<(Span, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub path: String,
    /// A byte offset into that file's text.
    pub offset: usize,
}

impl Fixture {
    /// Parses a fixture. A text without any `//- /` line is one file, `a.txt`.
    pub fn parse(fixture: &str) -> Fixture {
        let fixture = dedent(fixture);
        let mut out = Fixture::default();
        let mut current: Option<(String, Vec<&str>)> = None;
        let mut chunks: Vec<(String, Vec<&str>)> = Vec::new();
        for line in fixture.split_inclusive('\n') {
            if let Some(path) = line.trim_end().strip_prefix("//- /") {
                chunks.extend(current.take());
                current = Some((path.trim().to_string(), Vec::new()));
                continue;
            }
            match current.as_mut() {
                Some((_, lines)) => lines.push(line),
                None if line.trim().is_empty() => {}
                None => current = Some(("a.txt".to_string(), vec![line])),
            }
        }
        chunks.extend(current);
        for (path, lines) in chunks {
            let (file, cursor) = build_file(path, &lines);
            if let Some(offset) = cursor {
                out.cursor = Some(Cursor { path: file.path.clone(), offset });
            }
            out.files.push(file);
        }
        out
    }

    /// The file at `path`, if the fixture has one.
    pub fn file(&self, path: &str) -> Option<&FixtureFile> {
        self.files.iter().find(|f| f.path == path)
    }

    /// The text of the file at `path`; panics when there is none (a broken test).
    pub fn text(&self, path: &str) -> &str {
        match self.file(path) {
            Some(f) => &f.text,
            None => panic!("the fixture has no file {path}"),
        }
    }

    /// Writes every file under `root` (creating folders), for tests that need a disk.
    pub fn write_to(&self, root: &std::path::Path) -> std::io::Result<()> {
        for f in &self.files {
            let path = root.join(&f.path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(path, &f.text)?;
        }
        Ok(())
    }
}

/// One file's text with the cursor and range marks taken out.
fn build_file(path: String, lines: &[&str]) -> (FixtureFile, Option<usize>) {
    let mut text = String::new();
    let mut ranges = Vec::new();
    let mut cursor = None;
    // Where the previous kept line starts in `text`, and its length without the break.
    let mut previous: Option<(usize, usize)> = None;
    for line in lines {
        if let Some(marks) = range_marks(line) {
            if let Some((start, len)) = previous {
                let line_text = &text[start..start + len];
                for (from, to, label) in marks {
                    let a = start + byte_of_column(line_text, from);
                    let b = start + byte_of_column(line_text, to);
                    ranges.push((Span::new(a, b), label));
                }
            }
            continue;
        }
        let start = text.len();
        match line.find("$0") {
            Some(at) if cursor.is_none() => {
                cursor = Some(start + at);
                text.push_str(&line[..at]);
                text.push_str(&line[at + 2..]);
            }
            _ => text.push_str(line),
        }
        let len = text[start..].trim_end_matches(['\n', '\r']).len();
        previous = Some((start, len));
    }
    (FixtureFile { path, text, ranges }, cursor)
}

/// The `^` runs of a marker line as (first column, end column, label), in
/// characters; `None` when the line is not a marker line.
fn range_marks(line: &str) -> Option<Vec<(usize, usize, String)>> {
    let body = line.trim_end_matches(['\n', '\r']);
    let first = body.find(|c: char| c != ' ')?;
    if !body[first..].starts_with('^') {
        return None;
    }
    let marks_end = body.rfind('^')? + 1;
    let (marks, label) = body.split_at(marks_end);
    if !marks.chars().all(|c| c == '^' || c == ' ') {
        return None;
    }
    let mut out = Vec::new();
    let mut run: Option<usize> = None;
    for (col, c) in marks.chars().chain(std::iter::once(' ')).enumerate() {
        match (c, run) {
            ('^', None) => run = Some(col),
            (' ', Some(from)) => {
                out.push((from, col, String::new()));
                run = None;
            }
            _ => {}
        }
    }
    if let Some(last) = out.last_mut() {
        last.2 = label.trim().to_string();
    }
    Some(out)
}

/// The byte offset of character column `col` in `line` (clamped to its end).
fn byte_of_column(line: &str, col: usize) -> usize {
    line.char_indices().nth(col).map_or(line.len(), |(i, _)| i)
}

/// Removes the indentation every non-blank line shares.
fn dedent(text: &str) -> String {
    let indent = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    if indent == 0 {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let cut = (line.len() - line.trim_start_matches(' ').len()).min(indent);
        out.push_str(&line[cut..]);
    }
    // A fixture written as an indented raw string starts with a line break.
    out.trim_start_matches('\n').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_cursor_and_ranges() {
        let f = Fixture::parse(
            "
            //- /INDEX.md
            - [M]($0a.txt)
            //- /a.txt
             date 2021-03-03 Source: K

            Putin: Hello.
            ^^^^^ speaker
            ",
        );
        assert_eq!(f.files.len(), 2);
        assert_eq!(f.text("INDEX.md"), "- [M](a.txt)\n");
        let cursor = f.cursor.clone().expect("a cursor");
        assert_eq!((cursor.path.as_str(), cursor.offset), ("INDEX.md", 6));
        let a = f.file("a.txt").expect("a.txt");
        assert_eq!(a.text, " date 2021-03-03 Source: K\n\nPutin: Hello.\n");
        let (span, label) = &a.ranges[0];
        assert_eq!((span.slice(&a.text), label.as_str()), ("Putin", "speaker"));
    }

    #[test]
    fn a_plain_text_is_one_file_and_two_runs_are_two_ranges() {
        let f = Fixture::parse("Putin: Hi. Medvedev: Yes.\n^^^^^      ^^^^^^^^\n");
        let a = &f.files[0];
        assert_eq!(a.path, "a.txt");
        let found: Vec<&str> = a.ranges.iter().map(|(s, _)| s.slice(&a.text)).collect();
        assert_eq!(found, ["Putin", "Medvedev"]);
        assert_eq!(f.cursor, None);
    }
}
