//! `speech-ls outline FILE [--json]`: the outline the editor shows
//! (`ide::outline`, with every topical section), as an indented tree or JSON.

use std::path::Path;

use anyhow::Context;

use crate::cli::world::file_world;
use crate::corpus::outline::{OutlineKind, OutlineNode};
use crate::corpus::text::{ColumnUnit, LineIndex};
use crate::ide::outline::{Sections, outline};

pub fn run(file: &Path, json: bool) -> anyhow::Result<()> {
    let (world, file_ref) = file_world(file)?;
    let nodes = outline(&world, &file_ref, Sections::Always)
        .with_context(|| format!("{} is neither a transcript nor INDEX.md", file.display()))?;
    let lines = world.line_index(&file_ref).context("the file has no line index")?;
    if json {
        let tree: Vec<serde_json::Value> = nodes.iter().map(|n| node_json(n, lines)).collect();
        println!("{}", serde_json::to_string_pretty(&tree)?);
    } else {
        let mut out = String::new();
        for node in &nodes {
            render_node(node, 0, lines, &mut out);
        }
        print!("{out}");
    }
    Ok(())
}

/// One outline node per line: `name [kind] lines A-B · detail`, children
/// indented by two spaces. Lines are 1-based.
fn render_node(node: &OutlineNode, depth: usize, lines: &LineIndex, out: &mut String) {
    let (first, last) = line_range(node, lines);
    let where_ = if first == last { format!("line {first}") } else { format!("lines {first}-{last}") };
    out.push_str(&format!("{}{} [{}] {where_}", "  ".repeat(depth), node.name, kind_name(node.kind)));
    if let Some(detail) = node.detail.as_deref().filter(|d| !d.is_empty()) {
        out.push_str(&format!(" · {detail}"));
    }
    out.push('\n');
    for child in &node.children {
        render_node(child, depth + 1, lines, out);
    }
}

fn node_json(node: &OutlineNode, lines: &LineIndex) -> serde_json::Value {
    let (first, last) = line_range(node, lines);
    serde_json::json!({
        "kind": kind_name(node.kind),
        "name": node.name,
        "detail": node.detail,
        "line": first,
        "end_line": last,
        "start": node.span.start,
        "end": node.span.end,
        "selection": { "start": node.selection.start, "end": node.selection.end },
        "children": node.children.iter().map(|c| node_json(c, lines)).collect::<Vec<_>>(),
    })
}

fn line_range(node: &OutlineNode, lines: &LineIndex) -> (usize, usize) {
    let first = lines.position(node.span.start, ColumnUnit::Utf8).0 + 1;
    let last = lines.position(node.span.end, ColumnUnit::Utf8).0 + 1;
    (first, last.max(first))
}

fn kind_name(kind: OutlineKind) -> &'static str {
    match kind {
        OutlineKind::Header => "header",
        OutlineKind::Lead => "lead",
        OutlineKind::Part => "part",
        OutlineKind::Turn => "turn",
        OutlineKind::Section => "section",
        OutlineKind::StageNote => "stage note",
        OutlineKind::Heading => "heading",
        OutlineKind::Entry => "entry",
    }
}
