//! Hover. Over an INDEX.md entry or a transcript's header line: the speech
//! at a glance (date, source, title, speakers' shares, words, turns) and
//! what the speech is about (themes, key terms, a summary, the closest
//! speeches, tags). On a speaker label: the person's card (`ide::speakers`).
//! Anywhere else in a transcript: the themes of the topical
//! section under the cursor, and, on a word that is one of its key terms or
//! theme words, how often it occurs here and in the corpus.

use crate::corpus::glance::glance_of_persons;
use crate::corpus::text::Span;
use crate::corpus::themes::analysis::VOCABULARY;
use crate::corpus::themes::render::{
    is_notable_term, region_markdown, region_markdown_counted, tags_markdown, term_markdown,
};
use crate::corpus::themes::tokens::word_spans;
use crate::ide::names::speech_link;
use crate::ide::speakers::{person_card, person_shares, persons_of};
use crate::ide::themes::{context_for, file_themes, themes_text};
use crate::ide::world::{FileRef, FileView, World};
use crate::ide::{entry_link_at, on_header};

/// A hover's markdown and the span it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoverResult {
    pub markdown: String,
    pub span: Span,
}

pub fn hover(world: &World, file: &FileRef, offset: usize) -> Option<HoverResult> {
    let view = world.file(file)?;
    let (markdown, span) = if let Some(doc) = view.analysis.index() {
        let (entry, link) = entry_link_at(doc, offset)?;
        let link = link?;
        let target = view.corpus.as_ref().and_then(|cv| cv.corpus.resolve(link).map(|rel| (cv, rel)));
        let markdown = match target {
            Some((cv, rel)) => {
                let target_file = cv.corpus.get(&rel)?;
                let t = target_file.transcript()?;
                let shares = person_shares(cv.corpus.persons(), &rel, t);
                let at_glance = glance_of_persons(&rel, t, Some(entry), shares).to_markdown();
                let themes = world.file(&cv.file_ref(&rel)).and_then(|f| speech_themes(world, &f));
                join(at_glance, themes)
            }
            None => format!("`{}` is not a transcript in this corpus", link.target.replace('`', "'")),
        };
        (markdown, entry.span)
    } else if on_header(&view, offset) {
        let t = view.analysis.transcript()?;
        let rel = &view.analysis.path;
        let entry = view.corpus.as_ref().and_then(|cv| {
            let (_, doc) = cv.corpus.index()?;
            let first = cv.corpus.links_to(rel).into_iter().next()?;
            doc.entries.get(first.entry).cloned()
        });
        let shares = persons_of(&view).map(|p| person_shares(p.index(), rel, t)).unwrap_or_default();
        let at_glance = glance_of_persons(rel, t, entry.as_ref(), shares).to_markdown();
        (join(at_glance, speech_themes(world, &view)), t.header.as_ref()?.span)
    } else if let Some(card) = person_card(world, &view, offset) {
        card
    } else {
        section_hover(world, &view, offset)?
    };
    Some(HoverResult { markdown, span })
}

fn join(glance: String, themes: Option<String>) -> String {
    match themes {
        Some(t) if !t.is_empty() => format!("{glance}\n\n---\n\n{t}"),
        _ => glance,
    }
}

/// How the hover of `view` links another speech: by title, to its file.
fn linker(view: &FileView) -> impl Fn(&str) -> (String, String) + '_ {
    move |rel: &str| match &view.corpus {
        Some(cv) => speech_link(cv, rel),
        None => (rel.to_string(), rel.to_string()),
    }
}

/// The themes of a whole speech, for hovers on its header or INDEX.md entry.
fn speech_themes(world: &World, view: &FileView) -> Option<String> {
    let text = themes_text(world, view)?;
    let themes = file_themes(world, view, &text, false)?;
    // The glance above counts the words; the language its words were read
    // in is named beside the title.
    let title = format!("What the speech is about · {}", themes.language.name());
    let mut out = region_markdown_counted(&title, None, &themes.speech, &text, &linker(view));
    let tags = tags_markdown(&themes);
    if !tags.is_empty() {
        out.push_str("\n\n");
        out.push_str(&tags);
    }
    Some(out)
}

/// The themes of the section under `offset` (or of the whole speech outside
/// any turn), led by a word's figures when the cursor is on a notable word.
fn section_hover(world: &World, view: &FileView, offset: usize) -> Option<(String, Span)> {
    let t = view.analysis.transcript()?;
    let paragraph = t.paragraphs.get(t.paragraph_at(offset)?)?;
    let text = themes_text(world, view)?;
    let themes = file_themes(world, view, &text, true)?;
    let (title, region) = match themes.section_at(offset) {
        Some(section) => (section.themes.name_against(Some(&themes.speech)), &section.themes),
        None => ("The speech".to_string(), &themes.speech),
    };
    let mut markdown = region_markdown(&title, region, &text, &linker(view));
    let para_text = paragraph.span.slice(&text);
    let word = word_spans(para_text)
        .map(|w| Span::new(w.start + paragraph.span.start, w.end + paragraph.span.start))
        .find(|w| w.start <= offset && offset < w.end);
    if let Some(word) = word
        && let Some(term) = VOCABULARY.lookup(word.slice(&text))
        && is_notable_term(term, region)
    {
        let ctx = context_for(world, view);
        markdown = format!("{}\n\n---\n\n{markdown}", term_markdown(word.slice(&text), term, region, &ctx));
        return Some((markdown, word));
    }
    let span = if region.span.is_empty() { paragraph.span } else { region.span };
    Some((markdown, span))
}
