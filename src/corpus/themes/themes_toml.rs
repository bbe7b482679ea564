//! `themes.toml` in a corpus folder: the user's own themes, added to the
//! built-in taxonomy or replacing it. Pure: the workspace reads the file and
//! hands its text here; problems come back with spans, never panics.
//!
//! ```toml
//! replace = false            # true: drop every built-in theme
//!
//! [themes.cybercrime]        # an id equal to a built-in id replaces that theme
//! label = "Cybercrime"       # optional, defaults to the id
//! terms = ["cybercrime", "IT crime", "hacker"]
//!
//! [themes.sport]
//! enabled = false            # drops one built-in theme
//! ```

use super::taxonomy::{LabelSource, ThemeDef};
use crate::corpus::text::{Problem, Severity, Span};

/// What a `themes.toml` says, plus what was wrong with it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ThemesToml {
    /// `replace = true`: the built-in taxonomy is not used at all.
    pub replace_built_in: bool,
    /// Themes defined by the file, in the file's order of ids (sorted).
    pub themes: Vec<ThemeDef>,
    /// Ids of themes switched off with `enabled = false`.
    pub disabled: Vec<String>,
    pub problems: Vec<Problem>,
}

/// Parses the text of a `themes.toml`. A syntax error yields no themes and
/// one problem; a bad theme is skipped with a problem and the others kept.
pub fn parse_themes_toml(text: &str) -> ThemesToml {
    let mut out = ThemesToml::default();
    let table: toml::Table = match text.parse() {
        Ok(table) => table,
        Err(error) => {
            let span = error.span().map(|r| Span::new(r.start, r.end)).unwrap_or_default();
            let message = error.message().trim().lines().collect::<Vec<_>>().join("; ");
            out.problems.push(problem(text, span, Severity::Error, "themes-toml-syntax", &message));
            return out;
        }
    };
    for (key, value) in &table {
        match (key.as_str(), value) {
            ("replace", toml::Value::Boolean(replace)) => out.replace_built_in = *replace,
            ("replace", _) => {
                let span = locate(text, &["replace"]);
                out.problems.push(problem(
                    text,
                    span,
                    Severity::Error,
                    "themes-toml-invalid",
                    "`replace` must be true or false",
                ));
            }
            ("themes", toml::Value::Table(themes)) => {
                for (id, theme) in themes {
                    read_theme(text, id, theme, &mut out);
                }
            }
            ("themes", _) => {
                let span = locate(text, &["themes"]);
                out.problems.push(problem(
                    text,
                    span,
                    Severity::Error,
                    "themes-toml-invalid",
                    "`themes` must be a table of themes, e.g. [themes.cybercrime]",
                ));
            }
            (other, _) => {
                let span = locate(text, &[other]);
                let message = format!("unknown key `{other}` (expected `replace` or [themes.ID] tables)");
                out.problems.push(problem(text, span, Severity::Warning, "themes-toml-unknown-key", &message));
            }
        }
    }
    out.problems.sort_by_key(|p| p.span.start);
    out
}

/// The themes in force: built-ins (unless replaced), minus those switched
/// off or redefined, plus the file's themes.
pub fn merge_themes(built_in: Vec<ThemeDef>, file: &ThemesToml) -> Vec<ThemeDef> {
    let mut themes: Vec<ThemeDef> = if file.replace_built_in { Vec::new() } else { built_in };
    themes.retain(|t| !file.disabled.contains(&t.id) && !file.themes.iter().any(|own| own.id == t.id));
    themes.extend(file.themes.iter().cloned());
    themes
}

fn read_theme(text: &str, id: &str, value: &toml::Value, out: &mut ThemesToml) {
    let mut problems = Vec::new();
    match theme_of(text, id, value, &mut problems) {
        Some(ThemeEntry::Disabled) => out.disabled.push(id.to_string()),
        Some(ThemeEntry::Defined(theme)) => out.themes.push(theme),
        None => {}
    }
    out.problems.extend(problems);
}

enum ThemeEntry {
    Disabled,
    Defined(ThemeDef),
}

fn theme_of(text: &str, id: &str, value: &toml::Value, problems: &mut Vec<Problem>) -> Option<ThemeEntry> {
    let header = [format!("[themes.{id}]"), format!("[themes.\"{id}\"]"), format!("themes.{id}")];
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let span = locate(text, &header);
    // Problems about one key point at that key's line inside the theme's table.
    let key_span = |key: &str| {
        let body = text.get(span.end..).unwrap_or("");
        let body = &body[..body.find("\n[").unwrap_or(body.len())];
        let found = locate(body, &[key]);
        if found.is_empty() { span } else { Span::new(found.start + span.end, found.end + span.end) }
    };
    let mut report = |key: Option<&str>, severity, code, message: String| {
        let span = key.map(&key_span).unwrap_or(span);
        problems.push(problem(text, span, severity, code, &message))
    };
    let Some(table) = value.as_table() else {
        report(None, Severity::Error, "themes-toml-invalid", format!("theme `{id}` must be a table with `terms`"));
        return None;
    };
    let mut label = id.to_string();
    let mut terms: Vec<String> = Vec::new();
    let mut has_terms = false;
    let mut enabled = true;
    for (key, value) in table {
        match (key.as_str(), value) {
            ("label", toml::Value::String(s)) if !s.trim().is_empty() => label = s.trim().to_string(),
            ("terms", toml::Value::Array(items)) => {
                has_terms = true;
                for item in items {
                    match item.as_str().map(str::trim) {
                        Some(term) if !term.is_empty() => terms.push(term.to_string()),
                        _ => report(
                            Some("terms"),
                            Severity::Warning,
                            "themes-toml-invalid",
                            format!(
                                "theme `{id}`: every term must be a non-empty string; a value of type {} was ignored",
                                item.type_str()
                            ),
                        ),
                    }
                }
            }
            ("enabled", toml::Value::Boolean(b)) => enabled = *b,
            ("label" | "terms" | "enabled", _) => {
                let expected = match key.as_str() {
                    "label" => "a non-empty string",
                    "terms" => "a list of strings",
                    _ => "true or false",
                };
                report(
                    Some(key),
                    Severity::Error,
                    "themes-toml-invalid",
                    format!("theme `{id}`: `{key}` must be {expected}"),
                );
                if key == "terms" {
                    return None;
                }
            }
            (other, _) => report(
                Some(other),
                Severity::Warning,
                "themes-toml-unknown-key",
                format!("theme `{id}`: unknown key `{other}` (expected `label`, `terms` or `enabled`)"),
            ),
        }
    }
    if !enabled {
        return Some(ThemeEntry::Disabled);
    }
    if !has_terms || terms.is_empty() {
        report(
            None,
            Severity::Error,
            "themes-toml-invalid",
            format!("theme `{id}` has no terms: add terms = [\"word\", \"two words\"]"),
        );
        return None;
    }
    Some(ThemeEntry::Defined(ThemeDef { id: id.to_string(), label, terms, source: LabelSource::ThemesToml }))
}

/// Where the first of `needles` occurs at the start of a line (after spaces),
/// or the start of the file: semantic errors have no span from the parser.
fn locate(text: &str, needles: &[&str]) -> Span {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if needles.iter().any(|n| trimmed.starts_with(n)) {
            return Span::new(offset + indent, offset + line.trim_end().len());
        }
        offset += line.len();
    }
    Span::new(0, 0)
}

/// A problem whose message names the file and line, as DESIGN.md asks.
fn problem(text: &str, span: Span, severity: Severity, code: &'static str, message: &str) -> Problem {
    let line = text.get(..span.start.min(text.len())).map(|s| s.matches('\n').count() + 1).unwrap_or(1);
    let message = format!("themes.toml line {line}: {}", message.trim_end_matches('\n'));
    Problem { span, severity, code, message }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::themes::taxonomy::built_in_themes;

    fn render(file: &ThemesToml) -> String {
        let mut out = format!("replace: {}\n", file.replace_built_in);
        for theme in &file.themes {
            out += &format!("theme {} = {:?} {:?}\n", theme.id, theme.label, theme.terms);
        }
        for id in &file.disabled {
            out += &format!("disabled {id}\n");
        }
        for p in &file.problems {
            out += &format!("{:?} {} {}..{}: {}\n", p.severity, p.code, p.span.start, p.span.end, p.message);
        }
        out
    }

    #[test]
    fn added_themes_join_the_built_ins_and_redefine_by_id() {
        let text = "[themes.crime]\nlabel = \"Cybercrime\"\nterms = [\"cybercrime\", \"IT crime\", \"hacker\"]\n\n[themes.drones]\nterms = [\"drone\", \"UAV\"]\n\n[themes.sport]\nenabled = false\n";
        let file = parse_themes_toml(text);
        expect_test::expect![[r#"
            replace: false
            theme crime = "Cybercrime" ["cybercrime", "IT crime", "hacker"]
            theme drones = "drones" ["drone", "UAV"]
            disabled sport
        "#]]
        .assert_eq(&render(&file));

        let merged = merge_themes(built_in_themes(), &file);
        let built_in = built_in_themes().len();
        // crime redefined (same count), drones added, sport dropped.
        assert_eq!(merged.len(), built_in);
        let cyber: Vec<_> = merged.iter().filter(|t| t.id == "crime").collect();
        assert_eq!(cyber.len(), 1);
        assert_eq!(cyber[0].source, LabelSource::ThemesToml);
        assert!(merged.iter().any(|t| t.id == "drones"));
        assert!(!merged.iter().any(|t| t.id == "sport"));
    }

    #[test]
    fn replace_drops_every_built_in_theme() {
        let file = parse_themes_toml("replace = true\n[themes.war]\nterms = [\"war\", \"front\"]\n");
        let merged = merge_themes(built_in_themes(), &file);
        let ids: Vec<&str> = merged.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["war"]);
        assert!(file.problems.is_empty());
    }

    #[test]
    fn bad_input_becomes_problems_with_lines() {
        let syntax = parse_themes_toml("[themes.a]\nterms = [\"x\"\n");
        let wrong = parse_themes_toml(
            "replace = \"yes\"\ncolour = 1\n[themes.empty]\nterms = []\n[themes.typed]\nterms = \"war\"\n[themes.ok]\nterms = [\"peace\", 3]\nweight = 2\n",
        );
        expect_test::expect![[r#"
            replace: false
            Error themes-toml-syntax 24..24: themes.toml line 3: invalid array; expected `]`
            --
            replace: false
            theme ok = "ok" ["peace"]
            Error themes-toml-invalid 0..15: themes.toml line 1: `replace` must be true or false
            Warning themes-toml-unknown-key 16..26: themes.toml line 2: unknown key `colour` (expected `replace` or [themes.ID] tables)
            Error themes-toml-invalid 27..41: themes.toml line 3: theme `empty` has no terms: add terms = ["word", "two words"]
            Error themes-toml-invalid 68..81: themes.toml line 6: theme `typed`: `terms` must be a list of strings
            Warning themes-toml-invalid 94..114: themes.toml line 8: theme `ok`: every term must be a non-empty string; a value of type integer was ignored
            Warning themes-toml-unknown-key 115..125: themes.toml line 9: theme `ok`: unknown key `weight` (expected `label`, `terms` or `enabled`)
        "#]].assert_eq(&(render(&syntax) + "--\n" + &render(&wrong)));
    }

    #[test]
    fn odd_input_never_panics_and_spans_stay_inside_the_text() {
        let inputs = [
            "",
            "\u{feff}[themes.a]\r\nterms = [\"x\"]\r\n",
            "themes = 3",
            "[themes]\n",
            "[themes.\"ключ\"]\nterms = [\"слово\", \"\"]\nlabel = \"\"\n",
            "[themes.a]\nterms = [[\"nested\"]]\nenabled = \"no\"\n",
            "[[themes]]\nterms = []\n",
            "replace = true\nreplace = false\n",
            "[themes.a]\nterms = [\"é\"]\n[themes.a]\n",
            "\u{0}\u{7f}[",
        ];
        for text in inputs {
            let file = parse_themes_toml(text);
            for p in &file.problems {
                assert!(p.span.start <= p.span.end && p.span.end <= text.len(), "{text:?}: {p:?}");
                assert!(text.get(p.span.start..p.span.end).is_some(), "span not on a char boundary in {text:?}");
                assert!(p.message.starts_with("themes.toml line "), "{}", p.message);
            }
            let _ = merge_themes(built_in_themes(), &file);
        }
    }
}
