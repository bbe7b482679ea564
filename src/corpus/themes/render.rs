//! Themes as text a person reads: the markdown of hovers and the plain lines
//! of `speech-ls themes`. Links to other speeches are made by the caller
//! (only it knows where files live), through a `SpeechLinker`.

use crate::corpus::text::thousands;
use crate::corpus::themes::analysis::{FileThemes, RegionThemes, ThemeContext};
use crate::corpus::themes::labels::ThemeLabel;
use crate::corpus::themes::stretches::Owner;
use crate::corpus::themes::taxonomy::LabelSource;
use crate::corpus::themes::tokens::TermId;

/// How many theme words a label shows as evidence.
const EVIDENCE_WORDS: usize = 3;

/// Turns a corpus-relative path into a link label and a target (a URI for
/// hovers, the path itself for the command line).
pub type SpeechLinker<'a> = &'a dyn Fn(&str) -> (String, String);

/// How many themes the first lines of a hover name.
const GLANCE_THEMES: usize = 4;
/// How many key terms the first lines of a hover list.
const GLANCE_KEY_TERMS: usize = 6;

/// Markdown for a hover on a region (a section, or the whole speech), made
/// for an editor's popup: the first lines say what the region is about in
/// words (its themes with a weight bar, its key terms, its summary), and
/// the details (each theme's words found here, the scores, the closest
/// speeches) come below a rule. `words` is shown beside the title when
/// given (a speech hover leaves it to the glance above it, so that one word
/// count is shown).
pub fn region_markdown(title: &str, region: &RegionThemes, text: &str, link: SpeechLinker) -> String {
    region_markdown_counted(title, Some(region.words), region, text, link)
}

/// `region_markdown`, with the word count beside the title only when given.
pub fn region_markdown_counted(
    title: &str,
    words: Option<usize>,
    region: &RegionThemes,
    text: &str,
    link: SpeechLinker,
) -> String {
    let mut out = match words {
        Some(w) => format!("**{title}** · {} words\n\n", thousands(w)),
        None => format!("**{title}**\n\n"),
    };
    let shown = glance_labels(&region.labels);
    if !shown.is_empty() {
        let themes: Vec<String> = shown.iter().map(|(l, bar)| format!("{} {bar}", l.label)).collect();
        out.push_str(&format!("**About:** {}\n\n", themes.join(" · ")));
    }
    if !region.key_terms.is_empty() {
        let terms: Vec<&str> = region.key_terms.iter().take(GLANCE_KEY_TERMS).map(|k| k.text.as_str()).collect();
        out.push_str(&format!("**Key terms:** {}\n\n", terms.join(", ")));
    }
    let summary = summary_text(region, text);
    if !summary.is_empty() {
        out.push_str(&format!("> {summary}\n\n"));
    }
    let mut details = String::new();
    if !region.labels.is_empty() {
        details.push_str(&format!("**Theme words here:** {}\n\n", labels_line(&region.labels).replace('`', "")));
    }
    if !region.nearest.is_empty() {
        let links: Vec<String> = region
            .nearest
            .iter()
            .map(|(path, score)| {
                let (label, target) = link(path);
                format!("[{}]({}) ({score:.2})", escape_link_text(&label), target.replace(' ', "%20"))
            })
            .collect();
        details.push_str(&format!("**Closest speeches:** {}\n\n", links.join(" · ")));
    }
    if !details.is_empty() {
        out.push_str("---\n\n");
        out.push_str(&details);
    }
    out.trim_end().to_string()
}

/// The labels a hover's first lines name, each with a bar of one to three
/// marks for its weight relative to the strongest: "▮▮▮", "▮▮▯", "▮▯▯".
pub fn glance_labels(labels: &[ThemeLabel]) -> Vec<(&ThemeLabel, &'static str)> {
    let Some(top) = labels.first().map(|l| l.weight).filter(|&w| w > 0.0) else { return Vec::new() };
    labels
        .iter()
        .take(GLANCE_THEMES)
        .filter(|l| l.weight >= top * 0.25)
        .map(|l| {
            let bar = match l.weight / top {
                r if r > 0.66 => "▮▮▮",
                r if r > 0.4 => "▮▮▯",
                _ => "▮▯▯",
            };
            (l, bar)
        })
        .collect()
}

/// Markdown for the tags part of a speech hover: the user's own tags, or the
/// INDEX.md tags offered to an untagged speech, best first.
pub fn tags_markdown(themes: &FileThemes) -> String {
    if !themes.user_tags.is_empty() {
        let tags: Vec<String> = themes.user_tags.iter().map(|t| format!("`#{t}`")).collect();
        return format!("**Tags (INDEX.md):** {}", tags.join(" "));
    }
    if themes.offered_tags.is_empty() {
        return String::new();
    }
    let offers: Vec<String> = themes.offered_tags.iter().map(|o| format!("`#{}` ({:.2})", o.tag, o.score)).collect();
    format!("**Offered tags** (learned from INDEX.md `#tags`, best first): {}", offers.join(" · "))
}

/// Markdown for a hover on a word that is a key term or theme word of its
/// region: how often it occurs here and in how many speeches of the corpus.
pub fn term_markdown(word: &str, term: TermId, region: &RegionThemes, ctx: &ThemeContext) -> String {
    let here = region.count(term);
    let docs = ctx.stats.term_df(term);
    let total = ctx.stats.documents();
    let themes: Vec<&str> = region
        .labels
        .iter()
        .filter(|l| l.evidence.iter().any(|w| w.terms.contains(&term)))
        .map(|l| l.label.as_str())
        .collect();
    let mut out = format!("**{word}**: {here} × in this section · in {docs} of {total} speeches");
    if !themes.is_empty() {
        out.push_str(&format!("\n\ntheme word of: {}", themes.join(", ")));
    }
    out
}

/// True when `term` is one of the region's key-term words or theme words.
pub fn is_notable_term(term: TermId, region: &RegionThemes) -> bool {
    region.key_terms.iter().any(|k| k.terms.contains(&term))
        || region.labels.iter().any(|l| l.evidence.iter().any(|w| w.terms.contains(&term)))
}

/// Plain text for `speech-ls themes`: the speech, then each section.
pub fn file_text(path: &str, themes: &FileThemes, text: &str) -> String {
    let mut out = format!("{path}\n");
    out.push_str(&format!("  language: {}\n", themes.language.name()));
    out.push_str(&region_text("speech", &themes.speech, text, "  "));
    let tags = tags_markdown(themes).replace("**", "").replace('`', "");
    if !tags.is_empty() {
        out.push_str(&format!("  {tags}\n"));
    }
    for section in &themes.sections {
        if themes.sections_of(section.owner).next().is_none() {
            continue;
        }
        let name = section.themes.name_against(Some(&themes.speech));
        let owner = match section.owner {
            Owner::Lead => "lead".to_string(),
            Owner::Part(i) => format!("part {}", i + 1),
            Owner::Turn(i) => format!("turn {}", i + 1),
        };
        out.push_str(&region_text(&format!("section ({owner}) {name}"), &section.themes, text, "  "));
    }
    out
}

fn region_text(title: &str, region: &RegionThemes, text: &str, indent: &str) -> String {
    let mut out = format!("{indent}{title} · {} words\n", region.words);
    if !region.labels.is_empty() {
        out.push_str(&format!("{indent}  themes: {}\n", labels_line(&region.labels).replace('`', "")));
    }
    let terms: Vec<&str> = region.key_terms.iter().map(|k| k.text.as_str()).collect();
    if !terms.is_empty() {
        out.push_str(&format!("{indent}  key terms: {}\n", terms.join(", ")));
    }
    let summary = summary_text(region, text);
    if !summary.is_empty() {
        out.push_str(&format!("{indent}  summary: {summary}\n"));
    }
    if !region.nearest.is_empty() {
        let near: Vec<String> = region.nearest.iter().map(|(p, s)| format!("{p} ({s:.2})")).collect();
        out.push_str(&format!("{indent}  closest: {}\n", near.join(", ")));
    }
    out
}

fn labels_line(labels: &[ThemeLabel]) -> String {
    labels
        .iter()
        .map(|l| {
            let evidence: Vec<String> =
                l.evidence.iter().take(EVIDENCE_WORDS).map(|w| format!("{} ×{}", w.text, w.count)).collect();
            let source = match l.source {
                LabelSource::IndexTag => format!("`#{}`, ", l.id),
                LabelSource::ThemesToml => "themes.toml, ".to_string(),
                LabelSource::BuiltIn => String::new(),
            };
            if evidence.is_empty() {
                format!("{} {:.2} ({})", l.label, l.weight, source.trim_end_matches(", "))
            } else {
                format!("{} {:.2} ({source}{})", l.label, l.weight, evidence.join(", "))
            }
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

fn summary_text(region: &RegionThemes, text: &str) -> String {
    let sentences: Vec<String> =
        region.summary.iter().map(|s| s.slice(text).split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    sentences.join(" ")
}

fn escape_link_text(s: &str) -> String {
    s.replace('[', "\\[").replace(']', "\\]")
}
