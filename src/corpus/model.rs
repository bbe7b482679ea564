//! The corpus model: every file's analysis, keyed by corpus-relative path,
//! and the cross-file questions the server asks (who links to this file,
//! where else does this speaker speak, which symbols match a query).
//!
//! A `Corpus` is cheap to clone (files are behind `Arc`), so the server can
//! hand out immutable snapshots to queries while changes build the next one.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};

use crate::corpus::index::{IndexDoc, IndexLink, LinkKind, parse_index};
use crate::corpus::paths::{RelPath, is_index_name, resolve_link};
use crate::corpus::text::{LineIndex, Problem, Span};
use crate::corpus::transcript::{Transcript, parse_transcript};

#[derive(Debug, Clone, PartialEq)]
pub enum FileKind {
    Transcript(Transcript),
    Index(IndexDoc),
}

/// One file's analysis. It keeps no text: spans point into the file as it
/// was analysed, and `line_index` maps them to lines and columns.
#[derive(Debug, Clone, PartialEq)]
pub struct FileAnalysis {
    pub path: RelPath,
    pub kind: FileKind,
    pub line_index: LineIndex,
    /// Problems found while reading the file (not valid UTF-8, too large),
    /// reported beside the parser's own.
    pub read_problems: Vec<Problem>,
}

impl FileAnalysis {
    /// Analyses one file's text; INDEX.md is parsed as the index, anything
    /// else as a transcript.
    pub fn analyze(path: &str, text: &str) -> FileAnalysis {
        let kind = if is_index_name(path) {
            FileKind::Index(parse_index(text))
        } else {
            FileKind::Transcript(parse_transcript(text))
        };
        FileAnalysis { path: path.to_string(), kind, line_index: LineIndex::new(text), read_problems: Vec::new() }
    }

    pub fn transcript(&self) -> Option<&Transcript> {
        match &self.kind {
            FileKind::Transcript(t) => Some(t),
            FileKind::Index(_) => None,
        }
    }

    pub fn index(&self) -> Option<&IndexDoc> {
        match &self.kind {
            FileKind::Index(d) => Some(d),
            FileKind::Transcript(_) => None,
        }
    }
}

/// Where a speaker turn is: file and the label's span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TurnRef {
    pub path: RelPath,
    pub turn: usize,
    pub label_span: Span,
}

/// Where an INDEX.md link is: entry and link indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkRef {
    pub entry: usize,
    pub link: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Corpus {
    files: BTreeMap<RelPath, Arc<FileAnalysis>>,
    /// Resolved INDEX.md link target -> links, built on first use and dropped
    /// on every change (a new file can turn a dead link into a live one).
    links_by_target: OnceLock<Arc<HashMap<RelPath, Vec<LinkRef>>>>,
    /// File name -> the one transcript with that name in any folder (`None`
    /// when several share it), so that `[[name]]` finds `sub/name.txt` as in
    /// Obsidian. Built on first use, dropped on every change.
    paths_by_file_name: OnceLock<Arc<HashMap<String, Option<RelPath>>>>,
}

impl Corpus {
    pub fn new() -> Corpus {
        Corpus::default()
    }

    pub fn insert(&mut self, analysis: FileAnalysis) {
        self.insert_arc(Arc::new(analysis));
    }

    /// Adds or replaces a file. The link maps depend only on INDEX.md and on
    /// which files exist, so a new version of a known transcript (every
    /// keystroke in an open one) keeps them.
    pub fn insert_arc(&mut self, analysis: Arc<FileAnalysis>) {
        if is_index_name(&analysis.path) || !self.files.contains_key(&analysis.path) {
            self.links_by_target = OnceLock::new();
            self.paths_by_file_name = OnceLock::new();
        }
        self.files.insert(analysis.path.clone(), analysis);
    }

    pub fn remove(&mut self, path: &str) -> Option<Arc<FileAnalysis>> {
        self.links_by_target = OnceLock::new();
        self.paths_by_file_name = OnceLock::new();
        self.files.remove(path)
    }

    pub fn get(&self, path: &str) -> Option<&Arc<FileAnalysis>> {
        self.files.get(path)
    }

    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn files(&self) -> impl Iterator<Item = &Arc<FileAnalysis>> {
        self.files.values()
    }

    pub fn transcripts(&self) -> impl Iterator<Item = (&Arc<FileAnalysis>, &Transcript)> {
        self.files.values().filter_map(|f| f.transcript().map(|t| (f, t)))
    }

    /// The corpus index (INDEX.md at the root), if there is one.
    pub fn index(&self) -> Option<(&Arc<FileAnalysis>, &IndexDoc)> {
        let f = self.files.get("INDEX.md")?;
        f.index().map(|d| (f, d))
    }

    /// The transcript a link points at, if it resolves inside the corpus and
    /// the file exists. Wiki links may omit `.txt`.
    pub fn resolve(&self, link: &IndexLink) -> Option<RelPath> {
        let path = resolve_link(&link.target).ok()?;
        if self.files.contains_key(&path) {
            return Some(path);
        }
        if link.kind == LinkKind::Wiki {
            let with_ext = format!("{path}.txt");
            if self.files.contains_key(&with_ext) {
                return Some(with_ext);
            }
            // A bare wiki name may live in a subfolder, when the name is unique.
            if !path.contains('/') {
                let names = self.paths_by_file_name();
                let found = names.get(&path).or_else(|| names.get(&with_ext));
                return found.cloned().flatten();
            }
        }
        None
    }

    fn paths_by_file_name(&self) -> &HashMap<String, Option<RelPath>> {
        self.paths_by_file_name.get_or_init(|| {
            let mut map: HashMap<String, Option<RelPath>> = HashMap::new();
            for (f, _) in self.transcripts() {
                let name = f.path.rsplit('/').next().unwrap_or(&f.path).to_string();
                map.entry(name).and_modify(|seen| *seen = None).or_insert_with(|| Some(f.path.clone()));
            }
            Arc::new(map)
        })
    }

    /// Every INDEX.md link that resolves to `path`, in entry order.
    pub fn links_to(&self, path: &str) -> Vec<LinkRef> {
        self.links_by_target().get(path).cloned().unwrap_or_default()
    }

    /// Every resolved INDEX.md link target with the links that reach it,
    /// built once per corpus state so that per-file questions (is this
    /// transcript listed? listed twice?) cost a hash lookup, not a scan.
    pub fn links_by_target(&self) -> &HashMap<RelPath, Vec<LinkRef>> {
        self.links_by_target.get_or_init(|| {
            let mut map: HashMap<RelPath, Vec<LinkRef>> = HashMap::new();
            if let Some((_, doc)) = self.index() {
                for (ei, e) in doc.entries.iter().enumerate() {
                    for (li, l) in e.links.iter().enumerate() {
                        if let Some(path) = self.resolve(l) {
                            map.entry(path).or_default().push(LinkRef { entry: ei, link: li });
                        }
                    }
                }
            }
            Arc::new(map)
        })
    }

    /// Every turn of `speaker` across the corpus, in path order.
    pub fn turns_of(&self, speaker: &str) -> Vec<TurnRef> {
        let mut out = Vec::new();
        for (f, t) in self.transcripts() {
            for (i, turn) in t.turns.iter().enumerate() {
                if turn.speaker == speaker {
                    out.push(TurnRef { path: f.path.clone(), turn: i, label_span: turn.label_span });
                }
            }
        }
        out
    }
}
