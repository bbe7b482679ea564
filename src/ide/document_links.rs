//! Document links: every INDEX.md link that resolves to a transcript in the
//! corpus becomes clickable. Dead links get no target (the consistency
//! diagnostics report them), so clicking never opens a new empty file by
//! mistake.

use crate::corpus::text::Span;
use crate::ide::world::{FileRef, World};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentLink {
    pub span: Span,
    pub target: FileRef,
    /// The corpus-relative path it leads to.
    pub tooltip: String,
}

pub fn document_links(world: &World, file: &FileRef) -> Vec<DocumentLink> {
    let Some(view) = world.file(file) else { return Vec::new() };
    let (Some(doc), Some(cv)) = (view.analysis.index(), view.corpus.as_ref()) else { return Vec::new() };
    let mut out = Vec::new();
    for entry in &doc.entries {
        for link in &entry.links {
            let Some(target) = cv.corpus.resolve(link) else { continue };
            out.push(DocumentLink { span: link.span, target: cv.file_ref(&target), tooltip: target });
        }
    }
    out
}
