//! Consistency between INDEX.md and the transcripts (issue 5): dead links,
//! transcripts listed twice, dates that disagree with the header, entries
//! with nothing to follow, unlisted transcripts, and each transcript's own
//! problems (missing or malformed header, empty file, unreadable bytes).
//!
//! Pure: it reads a `Corpus` and returns findings, each tied to the file it
//! belongs to, with a stable `code` (settings turn kinds off by code) and the
//! data a quick fix needs. `speech-ls check` prints these; the server
//! publishes them.

use crate::corpus::index::{IndexDoc, IndexLink, LinkKind};
use crate::corpus::model::{Corpus, FileAnalysis};
use crate::corpus::paths::{
    NameMatcher, RelPath, Unresolvable, is_transcript_name, is_transcript_only_name, link_destination,
};
use crate::corpus::text::{Date, Problem, Severity, Span};

/// Codes of the findings computed here (transcript and parser problems keep
/// their own codes, e.g. `header-missing`).
pub mod codes {
    pub use crate::corpus::index::{ENTRY_DATE_INVALID, REF_UNDEFINED};

    pub const DEAD_LINK: &str = "dead-link";
    pub const LINK_OUTSIDE_CORPUS: &str = "link-outside-corpus";
    pub const DUPLICATE_ENTRY: &str = "duplicate-entry";
    pub const DATE_MISMATCH: &str = "date-mismatch";
    pub const ENTRY_NO_LINK: &str = "entry-no-link";
    pub const UNLISTED: &str = "unlisted";
    pub const UNLISTED_SUMMARY: &str = "unlisted-summary";
    pub const EMPTY_FILE: &str = "empty-file";

    /// Every code this module can emit with a one-line description, for
    /// settings and documentation (transcript problems add their own, such
    /// as `header-missing` and `header-date-invalid`).
    pub const ALL: &[(&str, &str)] = &[
        (DEAD_LINK, "INDEX.md links to a transcript that does not exist"),
        (LINK_OUTSIDE_CORPUS, "INDEX.md links to a path outside the corpus"),
        (DUPLICATE_ENTRY, "a transcript is listed more than once"),
        (DATE_MISMATCH, "an entry's date differs from its transcript's header"),
        (ENTRY_NO_LINK, "an entry has no link a reader can follow"),
        (ENTRY_DATE_INVALID, "an entry's date is not a real calendar date"),
        (REF_UNDEFINED, "a reference-style link has no definition"),
        (UNLISTED, "a transcript is not listed in INDEX.md"),
        (UNLISTED_SUMMARY, "INDEX.md does not list every transcript (summary)"),
        (EMPTY_FILE, "a transcript file is empty"),
    ];
}

/// One finding: the file it belongs to, the problem (span in that file),
/// and what a quick fix needs to know.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub path: RelPath,
    pub problem: Problem,
    pub fix: FixData,
}

/// Data for quick fixes; entry and link indexes point into INDEX.md's `IndexDoc`.
#[derive(Debug, Clone, PartialEq)]
pub enum FixData {
    None,
    /// "Point to <nearest>" and "Remove entry".
    DeadLink {
        entry: usize,
        link: usize,
        nearest: Option<RelPath>,
    },
    /// "Remove entry" for the second listing.
    Duplicate {
        entry: usize,
        first_entry: usize,
    },
    /// "Fix date".
    DateMismatch {
        entry: usize,
        header_date: Date,
    },
    /// "Remove entry".
    NoLink {
        entry: usize,
    },
    /// "Add to INDEX.md" for the transcript at `path`.
    Unlisted,
}

/// Every finding in the corpus, ordered by file and position.
pub fn check_corpus(corpus: &Corpus) -> Vec<Finding> {
    let mut out = check_index(corpus);
    for file in corpus.files() {
        if file.transcript().is_some() {
            out.extend(check_transcript(corpus, &file.path));
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path).then(a.problem.span.start.cmp(&b.problem.span.start)));
    out
}

/// Findings that belong to INDEX.md (none when the corpus has no index).
pub fn check_index(corpus: &Corpus) -> Vec<Finding> {
    let Some((file, doc)) = corpus.index() else { return Vec::new() };
    let path = &file.path;
    let mut out: Vec<Finding> = Vec::new();
    let plain = |problem: Problem| Finding { path: path.clone(), problem, fix: FixData::None };
    out.extend(file.read_problems.iter().cloned().map(plain));
    for problem in &doc.problems {
        // An impossible entry date gets the same "Fix date" as a wrong one.
        let fix = (problem.code == codes::ENTRY_DATE_INVALID)
            .then(|| doc.entries.iter().position(|e| e.date_span == Some(problem.span)))
            .flatten()
            .and_then(|entry| {
                Some(FixData::DateMismatch { entry, header_date: linked_header_date(corpus, doc, entry)? })
            })
            .unwrap_or(FixData::None);
        out.push(Finding { path: path.clone(), problem: problem.clone(), fix });
    }
    check_links(corpus, path, doc, &mut out);
    check_duplicates(corpus, path, doc, &mut out);
    if let Some(summary) = unlisted_summary(corpus, file) {
        out.push(summary);
    }
    out
}

/// Findings that belong to one transcript: its own problems, emptiness, and
/// whether INDEX.md lists it.
pub fn check_transcript(corpus: &Corpus, path: &str) -> Vec<Finding> {
    let Some(file) = corpus.get(path) else { return Vec::new() };
    let Some(transcript) = file.transcript() else { return Vec::new() };
    let mut out: Vec<Finding> = Vec::new();
    let finding = |problem: Problem, fix: FixData| Finding { path: file.path.clone(), problem, fix };
    out.extend(file.read_problems.iter().cloned().map(|p| finding(p, FixData::None)));
    let empty = transcript.header.is_none() && transcript.paragraphs.is_empty();
    if empty {
        out.push(finding(
            Problem {
                span: Span::new(0, 0),
                severity: Severity::Warning,
                code: codes::EMPTY_FILE,
                message: format!("{} is empty: a transcript starts with ` date YYYY-MM-DD Source: ...`", file.path),
            },
            FixData::None,
        ));
    }
    for p in &transcript.problems {
        // An empty file has no header either; one finding says it better.
        if !(empty && p.code == "header-missing") {
            out.push(finding(p.clone(), FixData::None));
        }
    }
    if corpus.index().is_some() && corpus.links_to(path).is_empty() {
        let span = transcript.header.as_ref().map_or_else(|| first_line(file), |h| h.span);
        out.push(finding(
            Problem {
                span,
                severity: Severity::Warning,
                code: codes::UNLISTED,
                message: format!("{} is not listed in INDEX.md", file.path),
            },
            FixData::Unlisted,
        ));
    }
    out
}

/// Transcripts that INDEX.md does not list, in path order.
pub fn unlisted_transcripts(corpus: &Corpus) -> Vec<RelPath> {
    let listed = corpus.links_by_target();
    corpus.transcripts().filter(|(f, _)| !listed.contains_key(&f.path)).map(|(f, _)| f.path.clone()).collect()
}

/// Dead links that get a "did you mean" hint; each hint scans every
/// transcript name, so an index pointing at another folder entirely must
/// not cost thousands of scans.
const MAX_HINTS: usize = 200;

fn check_links(corpus: &Corpus, path: &RelPath, doc: &IndexDoc, out: &mut Vec<Finding>) {
    // Hints are rare; the matcher over every name is built when one is needed.
    let mut names: Option<NameMatcher> = None;
    let mut hints = 0;
    for (ei, entry) in doc.entries.iter().enumerate() {
        if entry.links.is_empty() {
            out.push(Finding {
                path: path.clone(),
                problem: Problem {
                    span: entry.span,
                    severity: Severity::Warning,
                    code: codes::ENTRY_NO_LINK,
                    message: "this entry has no link to a transcript: add `[title](file.txt)`".into(),
                },
                fix: FixData::NoLink { entry: ei },
            });
        }
        let mut date_matches = false;
        let mut first_mismatch: Option<(RelPath, Date)> = None;
        for (li, link) in entry.links.iter().enumerate() {
            if let Some(target) = corpus.resolved_link(ei, li) {
                // The date the file states: its header, front matter, a date near the top, its name.
                let stated = corpus.get(target).and_then(|f| f.transcript()).and_then(|t| t.date());
                if let (Some(entry_date), Some(header_date)) = (entry.date, stated) {
                    if entry_date == header_date {
                        date_matches = true;
                    } else if first_mismatch.is_none() {
                        first_mismatch = Some((target.clone(), header_date));
                    }
                }
                continue;
            }
            let nearest = if hints < MAX_HINTS {
                let names =
                    names.get_or_insert_with(|| NameMatcher::new(corpus.transcripts().map(|(f, _)| f.path.as_str())));
                nearest_for(names, link)
            } else {
                None
            };
            if let Some(problem) = dead_link_problem(link, nearest.as_deref()) {
                hints += 1;
                out.push(Finding {
                    path: path.clone(),
                    problem,
                    fix: FixData::DeadLink { entry: ei, link: li, nearest },
                });
            }
        }
        if let (false, Some((target, header_date)), Some(date), Some(span)) =
            (date_matches, first_mismatch, entry.date, entry.date_span)
        {
            out.push(Finding {
                path: path.clone(),
                problem: Problem {
                    span,
                    severity: Severity::Warning,
                    code: codes::DATE_MISMATCH,
                    message: {
                        let stated_in = match corpus.get(&target).and_then(|f| f.transcript()) {
                            Some(t) if t.header.as_ref().is_some_and(|h| h.date.is_some()) => "the header of",
                            _ => "the date stated in",
                        };
                        format!("entry date {date} differs from {stated_in} {target} ({header_date})")
                    },
                },
                fix: FixData::DateMismatch { entry: ei, header_date },
            });
        }
    }
}

/// The date stated by the first transcript an entry links to that states one.
fn linked_header_date(corpus: &Corpus, doc: &IndexDoc, entry: usize) -> Option<Date> {
    let links = doc.entries.get(entry)?.links.len();
    (0..links).find_map(|link| {
        let target = corpus.resolved_link(entry, link)?;
        corpus.get(target)?.transcript()?.date()
    })
}

/// The problem with a link that does not reach a file of the corpus, or
/// `None` when it is not ours to judge (a link to a non-transcript file).
fn dead_link_problem(link: &IndexLink, nearest: Option<&str>) -> Option<Problem> {
    let (kind, target, span) = (link.kind, link.target.as_str(), link.span);
    let (code, message) = match link.path() {
        Err(Unresolvable::External) => return None,
        Err(Unresolvable::OutsideCorpus) => (
            codes::LINK_OUTSIDE_CORPUS,
            format!("`{target}` points outside the corpus: links must name a file inside this folder"),
        ),
        Err(Unresolvable::Empty) => (codes::DEAD_LINK, "this link has no target".to_string()),
        Ok(resolved) => {
            if kind != LinkKind::Wiki && !is_transcript_only_name(&resolved) {
                return None;
            }
            let mut message = format!("`{target}` does not exist in the corpus");
            if let Some(near) = nearest {
                message.push_str(&format!("; did you mean `{near}`?"));
            }
            (codes::DEAD_LINK, message)
        }
    };
    Some(Problem { span, severity: Severity::Error, code, message })
}

/// The transcript a dead link most likely meant, never one that pointing
/// the link to would leave it as it is (the same path, or the same text).
fn nearest_for(names: &NameMatcher, link: &IndexLink) -> Option<RelPath> {
    let resolved = link.path().ok()?;
    let want = if link.kind == LinkKind::Wiki && !is_transcript_name(&resolved) {
        format!("{resolved}.txt")
    } else {
        resolved
    };
    let near = names.nearest(&want)?;
    let same = near == want || link_destination(near) == link.written || near == link.written;
    (!same).then(|| near.to_string())
}

fn check_duplicates(corpus: &Corpus, path: &RelPath, doc: &IndexDoc, out: &mut Vec<Finding>) {
    let mut repeated: Vec<(&RelPath, &Vec<crate::corpus::model::LinkRef>)> =
        corpus.links_by_target().iter().filter(|(_, refs)| refs.len() > 1).collect();
    repeated.sort_by(|a, b| a.0.cmp(b.0));
    for (target, refs) in repeated {
        let Some(first) = refs.first() else { continue };
        let mut seen_entry = first.entry;
        for r in &refs[1..] {
            // Two links in one entry are one listing, not two.
            if r.entry == seen_entry {
                continue;
            }
            seen_entry = r.entry;
            let (Some(entry), Some(first_entry)) = (doc.entries.get(r.entry), doc.entries.get(first.entry)) else {
                continue;
            };
            let Some(link) = entry.links.get(r.link) else { continue };
            out.push(Finding {
                path: path.clone(),
                problem: Problem {
                    span: link.span,
                    severity: Severity::Warning,
                    code: codes::DUPLICATE_ENTRY,
                    message: format!("{target} is already listed at INDEX.md:{}", first_entry.line + 1),
                },
                fix: FixData::Duplicate { entry: r.entry, first_entry: first.entry },
            });
        }
    }
}

fn unlisted_summary(corpus: &Corpus, index: &FileAnalysis) -> Option<Finding> {
    let unlisted = unlisted_transcripts(corpus);
    if unlisted.is_empty() {
        return None;
    }
    const SHOWN: usize = 3;
    let mut names = unlisted.iter().take(SHOWN).map(String::as_str).collect::<Vec<_>>().join(", ");
    if unlisted.len() > SHOWN {
        names.push_str(&format!(" and {} more", unlisted.len() - SHOWN));
    }
    let count = unlisted.len();
    let noun = if count == 1 { "transcript is" } else { "transcripts are" };
    Some(Finding {
        path: index.path.clone(),
        problem: Problem {
            span: first_line(index),
            severity: Severity::Info,
            code: codes::UNLISTED_SUMMARY,
            message: format!("{count} {noun} not listed in INDEX.md: {names}"),
        },
        fix: FixData::None,
    })
}

fn first_line(file: &FileAnalysis) -> Span {
    Span::new(0, file.line_index.line_end(0))
}
