//! Feature tests without a protocol: a fixture (`//- /INDEX.md`, a `$0`
//! cursor, `^^^` ranges) is written to a temporary corpus folder and loaded
//! as the server loads one, the cursor's file is opened as an editor opens
//! it, and each feature's answer is rendered as short text (expect-test;
//! `UPDATE_EXPECT=1 cargo test` rewrites the expectations).

mod definition;
mod editing;
mod hover;
mod navigation;
mod outline;
mod presentation;
mod speakers;

use std::path::PathBuf;
use std::sync::Arc;

use crate::corpus::FileAnalysis;
use crate::corpus::text::{ColumnUnit, Span};
use crate::fixture::Fixture;
use crate::ide::cancel::Edits;
use crate::ide::{FileRef, Location, OpenText, World};
use crate::workspace::Workspace;

/// A loaded fixture: the world, and the cursor's file and offset.
pub(super) struct Fx {
    pub world: World,
    pub root: PathBuf,
    pub fixture: Fixture,
    /// The cursor's file (open in the "editor") and offset; the first file when there is no cursor.
    pub file: FileRef,
    pub offset: usize,
    _dir: tempfile::TempDir,
}

/// Loads `fixture` and opens the cursor's file.
pub(super) fn setup(fixture: &str) -> Fx {
    let fixture = Fixture::parse(fixture);
    let dir = tempfile::tempdir().expect("a temporary folder");
    fixture.write_to(dir.path()).expect("the fixture is written");
    let root = std::fs::canonicalize(dir.path()).expect("the folder exists");
    let mut workspace = Workspace::new();
    workspace.add_root(&root);
    let (path, offset) = match &fixture.cursor {
        Some(c) => (c.path.clone(), c.offset),
        None => (fixture.files[0].path.clone(), 0),
    };
    let text = fixture.text(&path).to_string();
    let file = FileRef::Disk(root.join(&path));
    let analysis = Arc::new(FileAnalysis::analyze(&path, &text));
    // The editor's text is published into its corpus, as the server does.
    Arc::make_mut(&mut workspace.corpora[0].corpus).insert_arc(analysis.clone());
    let mut world = World::of_workspace(workspace);
    world.open.insert(OpenText {
        file: file.clone(),
        version: 1,
        text: Arc::from(text),
        analysis,
        edits: Edits::default(),
    });
    Fx { world, root, fixture, file, offset, _dir: dir }
}

impl Fx {
    /// The corpus-relative path of a file.
    pub fn rel(&self, file: &FileRef) -> String {
        match file {
            FileRef::Disk(p) => p.strip_prefix(&self.root).unwrap_or(p).to_string_lossy().into_owned(),
            FileRef::Buffer(name) => name.clone(),
        }
    }

    /// `path:line «text»` for a span of a fixture file (lines 1-based).
    pub fn show(&self, file: &FileRef, span: Span) -> String {
        let rel = self.rel(file);
        let text = self.fixture.text(&rel);
        let line = self.world.line_index(file).map_or(0, |l| l.position(span.start, ColumnUnit::Utf8).0) + 1;
        format!("{rel}:{line} «{}»", span.slice(text))
    }

    /// Locations, one per line, sorted.
    pub fn show_locations(&self, found: &[Location]) -> String {
        let mut lines: Vec<String> = found.iter().map(|l| self.show(&l.file, l.span)).collect();
        lines.sort();
        if lines.is_empty() {
            return "(none)\n".to_string();
        }
        lines.join("\n") + "\n"
    }

    /// The fixture's `^^^` ranges as locations.
    pub fn marked(&self) -> Vec<Location> {
        let mut out = Vec::new();
        for f in &self.fixture.files {
            for (span, _) in &f.ranges {
                out.push(Location { file: FileRef::Disk(self.root.join(&f.path)), span: *span });
            }
        }
        out
    }
}

/// Asserts that `found` are exactly the fixture's `^^^` ranges (in any order).
pub(super) fn assert_marked(fx: &Fx, found: &[Location]) {
    assert_eq!(fx.show_locations(found), fx.show_locations(&fx.marked()));
}

/// A small corpus most tests share: an index with a duplicate and a dead
/// link, and two transcripts with a recurring speaker.
pub(super) const CORPUS: &str = "
//- /INDEX.md
# Speeches
- 2021-03-03 [Board meeting](a.txt) #police
- [Board again](./a.txt)
- 2020-01-01 [Gone](gone.txt)
//- /a.txt
 date 2021-03-03 Source: Kremlin – English

Vladimir Putin: Good afternoon, colleagues.

Moderator: Thank you.

Vladimir Putin: Let us begin.
//- /b.txt
 date 2021-04-04 Source: Kremlin

Vladimir Putin: Hello again.

Vladimir Putin: And once more.
";

/// `CORPUS` with the cursor placed after `cursor_after` on the line `line_text` of `file`.
pub(super) fn with_cursor(file: &str, line_text: &str, cursor_after: &str) -> String {
    let marked = line_text.replacen(cursor_after, &format!("{cursor_after}$0"), 1);
    let header = format!("//- /{file}\n");
    let start = CORPUS.find(&header).expect("file in corpus");
    let (before, rest) = CORPUS.split_at(start);
    format!("{before}{}", rest.replacen(line_text, &marked, 1))
}

/// A monologue with no speaker labels (as a State of the Union message is):
/// six paragraphs on farming, then six on the navy, about 50 words each,
/// with the cursor (`$0`) on the first word of the navy half.
pub(super) fn two_subject_monologue() -> String {
    let farming = ["wheat", "barley", "harvest", "farmers", "grain", "silos", "orchards", "cattle", "pasture"];
    let navy = ["ships", "frigates", "sailors", "navy", "admirals", "submarines", "fleet", "warships", "torpedoes"];
    let paragraph = |words: &[&str], k: usize| {
        (0..5)
            .map(|i| {
                let w = |j: usize| words[(k * 5 + i * 2 + j) % words.len()];
                format!(
                    "The {} and the {} of this country need the {} that Congress voted for the {} last year.",
                    w(0),
                    w(1),
                    w(2),
                    w(3)
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut text = String::from("//- /message.txt\n date 1862-12-01 Source: State of the Union\n\n");
    for k in 0..6 {
        text.push_str(&paragraph(&farming, k));
        text.push_str("\n\n");
    }
    text.push_str("$0");
    for k in 0..6 {
        text.push_str(&paragraph(&navy, k));
        text.push_str("\n\n");
    }
    text
}
