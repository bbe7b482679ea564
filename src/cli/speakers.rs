//! `speech-ls speakers DIR [--json]`: every person of each corpus under
//! DIR, most turns first, with the aliases they speak under, their turns,
//! words and speeches, and the first and last date (`ide::speakers`).

use std::path::Path;

use crate::cli::world::corpus_world;
use crate::corpus::speakers::PersonKind;
use crate::ide::names::thousands;
use crate::ide::speakers::{PersonSummary, corpus_persons};
use crate::workspace::corpus_roots;

pub fn run(dir: &Path, json: bool) -> anyhow::Result<()> {
    anyhow::ensure!(dir.is_dir(), "{} is not a folder", dir.display());
    let roots = if dir.join("INDEX.md").is_file() { vec![dir.to_path_buf()] } else { corpus_roots(dir, None) };
    let roots = if roots.is_empty() { vec![dir.to_path_buf()] } else { roots };
    let mut corpora = Vec::new();
    for root in &roots {
        let world = corpus_world(root);
        for cv in world.corpora() {
            corpora.push((cv.root.clone(), corpus_persons(&cv)));
        }
    }
    if json {
        let out: Vec<serde_json::Value> = corpora
            .iter()
            .map(|(root, persons)| {
                serde_json::json!({
                    "corpus": root.display().to_string(),
                    "persons": persons.iter().map(person_json).collect::<Vec<_>>(),
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    let mut out = String::new();
    for (root, persons) in &corpora {
        if corpora.len() > 1 {
            out.push_str(&format!("# {}\n", root.display()));
        }
        for p in persons {
            out.push_str(&line(p));
        }
    }
    print!("{out}");
    Ok(())
}

/// `Vladimir Putin · 2,416 turns · 812,345 words · 1,520 speeches · 2000-01-01 – 2020-08-23`
/// then one indented line per alias other than the name itself.
fn line(p: &PersonSummary) -> String {
    let s = &p.stats;
    let mut out = format!("{}{}", p.name, kind_note(p.kind));
    out.push_str(&format!(
        " · {} turns · {} words · {} speeches",
        thousands(s.turns),
        thousands(s.words),
        thousands(s.speeches)
    ));
    match (s.first, s.last) {
        (Some(f), Some(l)) if f != l => out.push_str(&format!(" · {f} – {l}")),
        (Some(f), _) => out.push_str(&format!(" · {f}")),
        _ => {}
    }
    out.push('\n');
    if s.aliases.len() > 1 || s.aliases.first().is_some_and(|(a, _)| *a != p.name) {
        for (alias, turns) in &s.aliases {
            out.push_str(&format!("    as {alias} · {} turns\n", thousands(*turns)));
        }
    }
    out
}

fn kind_note(kind: PersonKind) -> &'static str {
    match kind {
        PersonKind::Named => "",
        PersonKind::Role => " (role)",
        PersonKind::Unnamed => " (unnamed)",
    }
}

fn person_json(p: &PersonSummary) -> serde_json::Value {
    let s = &p.stats;
    serde_json::json!({
        "name": p.name,
        "kind": match p.kind { PersonKind::Named => "person", PersonKind::Role => "role", PersonKind::Unnamed => "unnamed" },
        "aliases": s.aliases.iter().map(|(a, n)| serde_json::json!({ "label": a, "turns": n })).collect::<Vec<_>>(),
        "turns": s.turns,
        "words": s.words,
        "speeches": s.speeches,
        "first": s.first.map(|d| d.to_string()),
        "last": s.last.map(|d| d.to_string()),
    })
}
