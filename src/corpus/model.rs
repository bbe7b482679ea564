//! The corpus model: every file's analysis, keyed by corpus-relative path,
//! and the cross-file questions the server asks (who links to this file,
//! where else does this speaker speak, which symbols match a query).
//!
//! A `Corpus` is cheap to clone (files are behind `Arc`), so the server can
//! hand out immutable snapshots to queries while changes build the next one.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};

use crate::corpus::formats::{self, EXTENSIONS, Verdict};
use crate::corpus::index::{IndexDoc, IndexLink, LinkKind, parse_index};
use crate::corpus::paths::{RelPath, is_index_name, without_transcript_extension};
use crate::corpus::search::FileNames;
use crate::corpus::speakers::{PersonId, PersonIndex, Registry, SPEAKERS_FILE, parse_registry};
use crate::corpus::text::{LineIndex, Problem, Span};
use crate::corpus::transcript::{Format, Transcript};

#[derive(Debug, Clone, PartialEq)]
pub enum FileKind {
    Transcript(Transcript),
    Index(IndexDoc),
    /// The speaker registry, `speakers.toml` at the corpus root.
    Registry(Registry),
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
    /// The path and speakers lower-cased once, for `workspace/symbol`.
    pub names: FileNames,
    /// Why a file whose name could hold a transcript does not (a Markdown
    /// note). It stays in the corpus, so that a link to it resolves, but it
    /// is no transcript: `transcript()` is `None` and no feature reads it.
    pub note: Option<&'static str>,
}

impl FileAnalysis {
    /// Analyses one file's text; INDEX.md is parsed as the index, anything
    /// else by the reader of its container (see `corpus::formats`).
    pub fn analyze(path: &str, text: &str) -> FileAnalysis {
        let mut note = None;
        let kind = if is_index_name(path) {
            FileKind::Index(parse_index(text))
        } else if path == SPEAKERS_FILE {
            FileKind::Registry(parse_registry(text))
        } else {
            match formats::read(path, text) {
                Verdict::Transcript(t) => FileKind::Transcript(*t),
                Verdict::Note(why) => {
                    note = Some(why);
                    FileKind::Transcript(Transcript { format: Format::Markdown, ..Transcript::default() })
                }
            }
        };
        let names = match &kind {
            FileKind::Transcript(t) => FileNames::new(path, Some(t)),
            FileKind::Index(_) | FileKind::Registry(_) => FileNames::new(path, None),
        };
        FileAnalysis {
            path: path.to_string(),
            kind,
            line_index: LineIndex::new(text),
            read_problems: Vec::new(),
            names,
            note,
        }
    }

    /// The transcript, unless the file is INDEX.md or a note.
    pub fn transcript(&self) -> Option<&Transcript> {
        match &self.kind {
            FileKind::Transcript(t) if self.note.is_none() => Some(t),
            _ => None,
        }
    }

    pub fn index(&self) -> Option<&IndexDoc> {
        match &self.kind {
            FileKind::Index(d) => Some(d),
            _ => None,
        }
    }

    /// The speaker registry, when the file is `speakers.toml`.
    pub fn registry(&self) -> Option<&Registry> {
        match &self.kind {
            FileKind::Registry(r) => Some(r),
            _ => None,
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
    /// Every INDEX.md link resolved, both ways; built on first use and
    /// dropped when INDEX.md or the set of files changes (a new file can turn
    /// a dead link into a live one).
    links: OnceLock<Arc<LinkMaps>>,
    /// File name -> the one transcript with that name in any folder (`None`
    /// when several share it), so that `[[name]]` finds `sub/name.txt` as in
    /// Obsidian. Built on first use, dropped on every change.
    paths_by_file_name: OnceLock<Arc<HashMap<String, Option<RelPath>>>>,
    /// Each transcript's first INDEX.md entry, with the title lower-cased
    /// for `workspace/symbol`, in the order of `transcripts()` (which holds
    /// while the set of files does). Built on first use, dropped with the
    /// link maps.
    listings: OnceLock<Arc<Vec<Option<Listing>>>>,
    /// Who is who: every label resolved to a person (see
    /// `corpus::speakers`). Built on first use; dropped when the set of
    /// files, a file's labels or date, or the registry changes, and kept
    /// across every other edit.
    persons: OnceLock<Arc<PersonIndex>>,
}

/// INDEX.md's links resolved once: by target, and by entry and link.
#[derive(Debug, Default)]
struct LinkMaps {
    by_target: HashMap<RelPath, Vec<LinkRef>>,
    /// `by_link[entry][link]`: where that link leads, if anywhere.
    by_link: Vec<Vec<Option<RelPath>>>,
}

/// How INDEX.md lists a transcript: its first entry, and that entry's
/// title lower-cased (the name `workspace/symbol` matches).
#[derive(Debug, Clone, PartialEq)]
pub struct Listing {
    pub entry: usize,
    pub title_lower: Option<String>,
    /// The entry's date as names show it (`2021-03-03`), for transcripts
    /// whose header has none.
    pub date: Option<String>,
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
        let keeps_links = match self.files.get(&analysis.path) {
            // The same index again (INDEX.md opened in the editor as it is on disk).
            Some(old) if is_index_name(&analysis.path) => old.kind == analysis.kind,
            Some(_) => true,
            None => false,
        };
        if !keeps_links {
            self.forget_links();
        } else if self.files.get(&analysis.path).is_none_or(|old| !same_speakers(old, &analysis)) {
            self.persons = OnceLock::new();
        }
        self.files.insert(analysis.path.clone(), analysis);
    }

    /// Builds the maps derived from INDEX.md and the person index now, so
    /// that the next query finds them ready (the server calls this off the
    /// request path after a change that dropped them: typing a speaker's
    /// label drops the person index, which would otherwise be rebuilt by
    /// the next outline, hover or inlay-hint request).
    pub fn warm(&self) {
        self.links_by_target();
        let _ = self.transcripts_listed().next();
        let _ = self.persons();
    }

    /// True when the maps derived from INDEX.md and the person index are built.
    pub fn is_warm(&self) -> bool {
        self.links.get().is_some() && self.listings.get().is_some() && self.persons.get().is_some()
    }

    pub fn remove(&mut self, path: &str) -> Option<Arc<FileAnalysis>> {
        self.forget_links();
        self.files.remove(path)
    }

    /// Drops every map derived from INDEX.md and the set of files.
    fn forget_links(&mut self) {
        self.links = OnceLock::new();
        self.paths_by_file_name = OnceLock::new();
        self.listings = OnceLock::new();
        self.persons = OnceLock::new();
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
        let path = link.path().ok()?;
        if self.files.contains_key(&path) {
            return Some(path);
        }
        if link.kind == LinkKind::Wiki {
            // `[[talk]]` is `talk.txt`, else `talk.vtt`, `talk.md`, ... in that order.
            let with_ext = EXTENSIONS
                .iter()
                .map(|ext| format!("{path}.{ext}"))
                .find(|p| self.files.get(p).is_some_and(|f| f.note.is_none()));
            if with_ext.is_some() {
                return with_ext;
            }
            // A bare wiki name may live in a subfolder, when the name is unique.
            if !path.contains('/') {
                return self.paths_by_file_name().get(&path).cloned().flatten();
            }
        }
        None
    }

    fn paths_by_file_name(&self) -> &HashMap<String, Option<RelPath>> {
        self.paths_by_file_name.get_or_init(|| {
            let mut map: HashMap<String, Option<RelPath>> = HashMap::new();
            for (f, _) in self.transcripts() {
                let name = f.path.rsplit('/').next().unwrap_or(&f.path);
                // By its name and, for `[[talk]]`, its name without the extension.
                let stem = without_transcript_extension(name);
                for key in [name, stem].into_iter().take(if stem == name { 1 } else { 2 }) {
                    map.entry(key.to_string()).and_modify(|seen| *seen = None).or_insert_with(|| Some(f.path.clone()));
                }
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
        &self.link_maps().by_target
    }

    /// Where INDEX.md's link `link` of entry `entry` leads, if it resolves;
    /// the same answer as `resolve`, without resolving again.
    pub fn resolved_link(&self, entry: usize, link: usize) -> Option<&RelPath> {
        self.link_maps().by_link.get(entry)?.get(link)?.as_ref()
    }

    fn link_maps(&self) -> &LinkMaps {
        self.links.get_or_init(|| {
            let mut maps = LinkMaps::default();
            if let Some((_, doc)) = self.index() {
                for (ei, e) in doc.entries.iter().enumerate() {
                    let mut resolved = Vec::with_capacity(e.links.len());
                    for (li, l) in e.links.iter().enumerate() {
                        let path = self.resolve(l);
                        if let Some(path) = &path {
                            maps.by_target.entry(path.clone()).or_default().push(LinkRef { entry: ei, link: li });
                        }
                        resolved.push(path);
                    }
                    maps.by_link.push(resolved);
                }
            }
            Arc::new(maps)
        })
    }

    /// Every transcript with its first INDEX.md entry and that entry's
    /// title, if listed, in path order. `workspace/symbol` reads every
    /// transcript's title per query: a walk in step, not a lookup per file.
    pub fn transcripts_listed(&self) -> impl Iterator<Item = (&Arc<FileAnalysis>, &Transcript, Option<&Listing>)> {
        let listings = self.listings.get_or_init(|| {
            let Some((_, doc)) = self.index() else { return Arc::new(Vec::new()) };
            let by_target = self.links_by_target();
            let listing = |rel: &RelPath| {
                let first = by_target.get(rel)?.iter().map(|l| l.entry).min()?;
                let title = doc.entries.get(first)?.title.as_deref().filter(|t| !t.trim().is_empty());
                let date = doc.entries.get(first)?.date.map(|d| d.to_string());
                Some(Listing { entry: first, title_lower: title.map(str::to_lowercase), date })
            };
            Arc::new(self.transcripts().map(|(f, _)| listing(&f.path)).collect())
        });
        self.transcripts().enumerate().map(|(i, (f, t))| (f, t, listings.get(i).and_then(Option::as_ref)))
    }

    /// The first INDEX.md entry listing `path`, if any.
    pub fn first_entry(&self, path: &str) -> Option<usize> {
        self.links_by_target().get(path)?.iter().map(|l| l.entry).min()
    }

    /// Every turn of `speaker` across the corpus, in path order: the
    /// exact label only (see `turns_of_person` for every alias).
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

    /// The registry (`speakers.toml` at the root), if there is one.
    pub fn registry(&self) -> Option<(&Arc<FileAnalysis>, &Registry)> {
        let f = self.files.get(SPEAKERS_FILE)?;
        f.registry().map(|r| (f, r))
    }

    /// Every label of every transcript resolved to a person, built once per
    /// state of the corpus's labels.
    pub fn persons(&self) -> &PersonIndex {
        self.persons.get_or_init(|| {
            let files = self.transcripts().map(|(f, t)| (f.path.as_str(), t));
            Arc::new(PersonIndex::build(files, self.registry().map(|(_, r)| r)))
        })
    }

    /// True when the person index is built (asking for it costs nothing then).
    pub fn persons_ready(&self) -> bool {
        self.persons.get().is_some()
    }

    /// The person speaking in turn `turn` of `path`.
    pub fn person_at(&self, path: &str, turn: usize) -> Option<PersonId> {
        let t = self.get(path)?.transcript()?;
        self.persons().person_of(path, &t.turns.get(turn)?.speaker)
    }

    /// Every turn of person `id` across the corpus, under every alias, in path order.
    pub fn turns_of_person(&self, id: PersonId) -> Vec<TurnRef> {
        let persons = self.persons();
        let mut out = Vec::new();
        for path in persons.files_of(id) {
            let Some(t) = self.get(path).and_then(|f| f.transcript()) else { continue };
            let labels = persons.labels_of(path);
            for (i, turn) in t.turns.iter().enumerate() {
                if labels.iter().any(|(l, p)| *p == id && *l == turn.speaker) {
                    out.push(TurnRef { path: path.to_string(), turn: i, label_span: turn.label_span });
                }
            }
        }
        out
    }
}

/// True when two analyses of one file have the same labels and date (and,
/// for the registry, the same entries): the person index still holds.
fn same_speakers(old: &FileAnalysis, new: &FileAnalysis) -> bool {
    match (&old.kind, &new.kind) {
        (FileKind::Registry(a), FileKind::Registry(b)) => a == b,
        (FileKind::Transcript(a), FileKind::Transcript(b)) => {
            fn labels(t: &Transcript) -> Vec<&str> {
                let mut labels: Vec<&str> = t.turns.iter().map(|turn| turn.speaker.as_str()).collect();
                labels.sort_unstable();
                labels.dedup();
                labels
            }
            old.note == new.note && a.date() == b.date() && labels(a) == labels(b)
        }
        (FileKind::Index(_), FileKind::Index(_)) => true,
        _ => false,
    }
}
