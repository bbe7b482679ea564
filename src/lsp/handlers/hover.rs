//! `textDocument/hover`. Over an INDEX.md entry or a transcript's header
//! line: the speech at a glance (date, source, title, speakers' shares,
//! words, turns) and what the speech is about (themes, key terms, a summary,
//! the closest speeches, tags). Anywhere else in a transcript: the themes of
//! the topical section under the cursor, and, on a word that is one of its
//! key terms or theme words, how often it occurs here and in the corpus.

use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position, Uri};

use crate::corpus::glance::glance;
use crate::corpus::text::Span;
use crate::corpus::themes::analysis::VOCABULARY;
use crate::corpus::themes::render::{is_notable_term, region_markdown, tags_markdown, term_markdown};
use crate::corpus::themes::tokens::word_spans;
use crate::lsp::convert::{range_to_proto, uri_from_path};
use crate::lsp::handlers::{entry_link_at, offset_in, on_header};
use crate::lsp::state::{FileView, Snapshot};
use crate::lsp::themes::{context_for, file_themes, speech_link, text_of};

pub fn handle_hover(snap: &Snapshot, uri: &Uri, pos: Position) -> Option<Hover> {
    let file = snap.file(uri)?;
    let offset = offset_in(&file, pos, snap.encoding);
    let (markdown, span): (String, Span) = if let Some(doc) = file.analysis.index() {
        let (entry, link) = entry_link_at(doc, offset)?;
        let link = link?;
        let target = file.corpus.as_ref().and_then(|cv| cv.corpus.resolve(link).map(|rel| (cv, rel)));
        let markdown = match target {
            Some((cv, rel)) => {
                let target_file = cv.corpus.get(&rel)?;
                let at_glance = glance(&rel, target_file.transcript()?, Some(entry)).to_markdown();
                let target_uri = uri_from_path(&cv.root.join(&rel))?;
                let themes = snap.file(&target_uri).and_then(|f| speech_themes(snap, &target_uri, &f));
                join(at_glance, themes)
            }
            None => format!("`{}` is not a transcript in this corpus", link.target.replace('`', "'")),
        };
        (markdown, entry.span)
    } else if on_header(&file, offset) {
        let t = file.analysis.transcript()?;
        let rel = &file.analysis.path;
        let entry = file.corpus.as_ref().and_then(|cv| {
            let (_, doc) = cv.corpus.index()?;
            let first = cv.corpus.links_to(rel).into_iter().next()?;
            doc.entries.get(first.entry).cloned()
        });
        let at_glance = glance(rel, t, entry.as_ref()).to_markdown();
        (join(at_glance, speech_themes(snap, uri, &file)), t.header.as_ref()?.span)
    } else {
        section_hover(snap, uri, &file, offset)?
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: markdown }),
        range: Some(range_to_proto(&file.analysis.line_index, span, snap.encoding)),
    })
}

fn join(glance: String, themes: Option<String>) -> String {
    match themes {
        Some(t) if !t.is_empty() => format!("{glance}\n\n---\n\n{t}"),
        _ => glance,
    }
}

/// The themes of a whole speech, for hovers on its header or INDEX.md entry.
fn speech_themes(snap: &Snapshot, uri: &Uri, file: &FileView) -> Option<String> {
    let text = text_of(snap, uri, file)?;
    let themes = file_themes(snap, file, &text, false)?;
    let link = |rel: &str| match &file.corpus {
        Some(cv) => speech_link(cv, rel),
        None => (rel.to_string(), rel.to_string()),
    };
    let mut out = region_markdown("What the speech is about", &themes.speech, &text, &link);
    let tags = tags_markdown(&themes);
    if !tags.is_empty() {
        out.push_str("\n\n");
        out.push_str(&tags);
    }
    Some(out)
}

/// The themes of the section under `offset` (or of the whole speech outside
/// any turn), led by a word's figures when the cursor is on a notable word.
fn section_hover(snap: &Snapshot, uri: &Uri, file: &FileView, offset: usize) -> Option<(String, Span)> {
    let t = file.analysis.transcript()?;
    let paragraph = t.paragraphs.get(t.paragraph_at(offset)?)?;
    let text = text_of(snap, uri, file)?;
    let themes = file_themes(snap, file, &text, true)?;
    let (title, region) = match themes.section_at(offset) {
        Some(section) => (section.themes.name_against(Some(&themes.speech)), &section.themes),
        None => ("The speech".to_string(), &themes.speech),
    };
    let link = |rel: &str| match &file.corpus {
        Some(cv) => speech_link(cv, rel),
        None => (rel.to_string(), rel.to_string()),
    };
    let mut markdown = region_markdown(&title, region, &text, &link);
    let para_text = paragraph.span.slice(&text);
    let word = word_spans(para_text)
        .map(|w| Span::new(w.start + paragraph.span.start, w.end + paragraph.span.start))
        .find(|w| w.start <= offset && offset < w.end);
    if let Some(word) = word
        && let Some(term) = VOCABULARY.lookup(word.slice(&text))
        && is_notable_term(term, region)
    {
        let ctx = context_for(snap, file);
        markdown = format!("{}\n\n---\n\n{markdown}", term_markdown(word.slice(&text), term, region, &ctx));
        return Some((markdown, word));
    }
    let span = if region.span.is_empty() { paragraph.span } else { region.span };
    Some((markdown, span))
}
