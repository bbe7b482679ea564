//! The registry the user owns: `speakers.toml` in the corpus folder, read
//! with the same toml parser and the same care as `themes.toml` (a problem
//! with a span and a line for whatever is wrong, never a panic).
//!
//! ```toml
//! [[person]]
//! name = "Vladimir Putin"                    # the canonical name
//! aliases = ["V. Putin", "PUTIN"]            # labels that are this person too
//! roles = [{ title = "President", from = "2012-05-07", country = "Russia" }]
//!
//! [files."briefings/2021-02-09.vtt"]         # diarisation ids of one file
//! SPEAKER_00 = "Jen Psaki"
//! ```
//!
//! A role lets a generic label ("THE PRESIDENT", "The Chairman") of a
//! speech dated inside the role's `from`..`to` resolve to that person, when
//! exactly one registered person held that title then.

use crate::corpus::text::{Date, Problem, Severity, Span};

/// The file name of a corpus's speaker registry.
pub const SPEAKERS_FILE: &str = "speakers.toml";

/// What a `speakers.toml` says, plus what was wrong with it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Registry {
    pub persons: Vec<RegistryPerson>,
    /// Diarisation ids named per file.
    pub files: Vec<FileNames>,
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct RegistryPerson {
    pub name: String,
    pub aliases: Vec<String>,
    pub roles: Vec<Role>,
    /// The entry's `name = ...` line (where go-to-definition lands).
    pub span: Span,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Role {
    pub title: String,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub party: Option<String>,
    pub country: Option<String>,
}

impl Role {
    /// True when the role was held on `date` (an open end holds forever).
    pub fn held_on(&self, date: Date) -> bool {
        self.from.is_none_or(|from| from <= date) && self.to.is_none_or(|to| date <= to)
    }
}

/// `[files."path"]`: the names of one file's diarisation ids.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileNames {
    /// Corpus-relative, as written (with `/`).
    pub path: String,
    /// `(id, name, span of the line)`.
    pub ids: Vec<(String, String, Span)>,
}

impl Registry {
    /// The name given to diarisation id `id` of the file `path`, if any.
    pub fn name_of_id(&self, path: &str, id: &str) -> Option<(&str, Span)> {
        let file = self.files.iter().find(|f| f.path == path)?;
        file.ids.iter().find(|(i, _, _)| i.eq_ignore_ascii_case(id)).map(|(_, name, span)| (name.as_str(), *span))
    }
}

/// Parses the text of a `speakers.toml`. A syntax error yields an empty
/// registry and one problem; a bad entry is skipped with a problem.
pub fn parse_registry(text: &str) -> Registry {
    let mut out = Registry::default();
    let table: toml::Table = match text.parse() {
        Ok(table) => table,
        Err(error) => {
            let span = error.span().map(|r| Span::new(r.start, r.end)).unwrap_or_default();
            let message = error.message().trim().lines().collect::<Vec<_>>().join("; ");
            out.problems.push(problem(text, span, Severity::Error, "speakers-toml-syntax", &message));
            return out;
        }
    };
    // Each [[person]] entry finds its lines after the previous one's.
    let mut cursor = 0usize;
    for (key, value) in &table {
        match (key.as_str(), value) {
            ("person", toml::Value::Array(items)) => {
                for item in items {
                    read_person(text, item, &mut cursor, &mut out);
                }
            }
            ("files", toml::Value::Table(files)) => {
                for (path, ids) in files {
                    read_file(text, path, ids, &mut out);
                }
            }
            ("person" | "files", _) => {
                let span = locate_from(text, 0, &[key]);
                let message = format!("`{key}` must be [[person]] entries or [files.\"path\"] tables");
                out.problems.push(problem(text, span, Severity::Error, "speakers-toml-invalid", &message));
            }
            (other, _) => {
                let span = locate_from(text, 0, &[other]);
                let message = format!("unknown key `{other}` (expected [[person]] or [files.\"path\"])");
                out.problems.push(problem(text, span, Severity::Warning, "speakers-toml-unknown-key", &message));
            }
        }
    }
    out.problems.sort_by_key(|p| p.span.start);
    out
}

fn read_person(text: &str, item: &toml::Value, cursor: &mut usize, out: &mut Registry) {
    // The entry's text: from its `[[person]]` header to the next header.
    let header = locate_from(text, *cursor, &["[[person]]"]);
    let start = if header.is_empty() { *cursor } else { header.end };
    let body_end = text.get(start..).and_then(|rest| rest.find("\n[")).map_or(text.len(), |i| start + i);
    *cursor = body_end.min(text.len());
    let key_span = |key: &str| {
        let found = locate_from(&text[..body_end], start, &[key]);
        if found.is_empty() { header } else { found }
    };
    let mut report =
        |span: Span, severity, code, message: String| out.problems.push(problem(text, span, severity, code, &message));
    let Some(table) = item.as_table() else {
        report(header, Severity::Error, "speakers-toml-invalid", "a [[person]] must be a table with `name`".into());
        return;
    };
    let mut person = RegistryPerson { span: key_span("name"), ..RegistryPerson::default() };
    for (key, value) in table {
        match (key.as_str(), value) {
            ("name", toml::Value::String(s)) if !s.trim().is_empty() => person.name = s.trim().to_string(),
            ("aliases", toml::Value::Array(items)) => {
                for alias in items {
                    match alias.as_str().map(str::trim) {
                        Some(a) if !a.is_empty() => person.aliases.push(a.to_string()),
                        _ => report(
                            key_span("aliases"),
                            Severity::Warning,
                            "speakers-toml-invalid",
                            "every alias must be a non-empty string; one was ignored".into(),
                        ),
                    }
                }
            }
            ("roles", toml::Value::Array(items)) => {
                for role in items {
                    match read_role(role) {
                        Ok(role) => person.roles.push(role),
                        Err(why) => report(key_span("roles"), Severity::Warning, "speakers-toml-invalid", why),
                    }
                }
            }
            ("name" | "aliases" | "roles", _) => {
                let expected = match key.as_str() {
                    "name" => "a non-empty string",
                    "aliases" => "a list of strings",
                    _ => "a list of tables like { title = \"President\", from = \"2012-05-07\" }",
                };
                report(key_span(key), Severity::Error, "speakers-toml-invalid", format!("`{key}` must be {expected}"));
            }
            (other, _) => report(
                key_span(other),
                Severity::Warning,
                "speakers-toml-unknown-key",
                format!("unknown key `{other}` in a [[person]] (expected `name`, `aliases` or `roles`)"),
            ),
        }
    }
    if person.name.is_empty() {
        report(header, Severity::Error, "speakers-toml-invalid", "a [[person]] needs a `name`".into());
        return;
    }
    out.persons.push(person);
}

fn read_role(value: &toml::Value) -> Result<Role, String> {
    let table = value.as_table().ok_or("a role must be a table like { title = \"President\" }")?;
    let mut role = Role::default();
    for (key, value) in table {
        let s = value.as_str().map(str::trim).map(str::to_string);
        match (key.as_str(), s) {
            ("title", Some(t)) if !t.is_empty() => role.title = t,
            ("from" | "to", Some(d)) => {
                let date =
                    Date::parse_iso(&d).ok_or(format!("`{key}` must be a date written YYYY-MM-DD, not `{d}`"))?;
                if key == "from" {
                    role.from = Some(date);
                } else {
                    role.to = Some(date);
                }
            }
            ("party", Some(p)) => role.party = Some(p),
            ("country", Some(c)) => role.country = Some(c),
            (key, _) => return Err(format!("role key `{key}` must be a string among title, from, to, party, country")),
        }
    }
    if role.title.is_empty() {
        return Err("a role needs a `title`".into());
    }
    Ok(role)
}

fn read_file(text: &str, path: &str, value: &toml::Value, out: &mut Registry) {
    let headers = [format!("[files.\"{path}\"]"), format!("[files.'{path}']"), format!("[files.{path}]")];
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let header = locate_from(text, 0, &headers);
    let Some(table) = value.as_table() else {
        let message = format!("[files.\"{path}\"] must map ids to names, e.g. SPEAKER_00 = \"Jen Psaki\"");
        out.problems.push(problem(text, header, Severity::Error, "speakers-toml-invalid", &message));
        return;
    };
    let body_end = text.get(header.end..).and_then(|rest| rest.find("\n[")).map_or(text.len(), |i| header.end + i);
    let mut names = FileNames { path: path.trim_start_matches("./").to_string(), ids: Vec::new() };
    for (id, name) in table {
        let span = locate_from(&text[..body_end], header.end, &[id]);
        let span = if span.is_empty() { header } else { span };
        match name.as_str().map(str::trim) {
            Some(n) if !n.is_empty() => names.ids.push((id.clone(), n.to_string(), span)),
            _ => {
                let message = format!("`{id}` in [files.\"{path}\"] must be a name (a non-empty string)");
                out.problems.push(problem(text, span, Severity::Error, "speakers-toml-invalid", &message));
            }
        }
    }
    out.files.push(names);
}

/// Where the first of `needles` starts a line (after spaces) at or after
/// `from`, the line's span; an empty span at `from` when none does.
fn locate_from(text: &str, from: usize, needles: &[&str]) -> Span {
    let mut offset = from.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let start = offset;
    for line in text[start..].split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if needles.iter().any(|n| trimmed.starts_with(n)) {
            return Span::new(offset + indent, offset + line.trim_end().len());
        }
        offset += line.len();
    }
    Span::new(start, start)
}

/// A problem whose message names the file and line.
fn problem(text: &str, span: Span, severity: Severity, code: &'static str, message: &str) -> Problem {
    let line = text.get(..span.start.min(text.len())).map(|s| s.matches('\n').count() + 1).unwrap_or(1);
    let message = format!("{SPEAKERS_FILE} line {line}: {}", message.trim_end_matches('\n'));
    Problem { span, severity, code, message }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(r: &Registry) -> String {
        let mut out = String::new();
        for p in &r.persons {
            out += &format!("person {:?} aliases {:?} at {}..{}\n", p.name, p.aliases, p.span.start, p.span.end);
            for role in &p.roles {
                out += &format!(
                    "  role {:?} {:?}..{:?} {:?} {:?}\n",
                    role.title, role.from, role.to, role.party, role.country
                );
            }
        }
        for f in &r.files {
            for (id, name, _) in &f.ids {
                out += &format!("file {} {id} = {name:?}\n", f.path);
            }
        }
        for p in &r.problems {
            out += &format!("{:?} {} {}..{}: {}\n", p.severity, p.code, p.span.start, p.span.end, p.message);
        }
        out
    }

    #[test]
    fn persons_roles_and_file_ids_are_read() {
        let text = "[[person]]\nname = \"Vladimir Putin\"\naliases = [\"V. Putin\"]\nroles = [{ title = \"President\", from = \"2012-05-07\", country = \"Russia\" }]\n\n[[person]]\nname = \"Jen Psaki\"\n\n[files.\"b/2021.vtt\"]\nSPEAKER_00 = \"Jen Psaki\"\n";
        let r = parse_registry(text);
        expect_test::expect![[r#"
            person "Vladimir Putin" aliases ["V. Putin"] at 11..34
              role "President" Some(Date { year: 2012, month: 5, day: 7 })..None None Some("Russia")
            person "Jen Psaki" aliases [] at 145..163
            file b/2021.vtt SPEAKER_00 = "Jen Psaki"
        "#]]
        .assert_eq(&render(&r));
        assert_eq!(&text[r.persons[1].span.start..r.persons[1].span.end], "name = \"Jen Psaki\"");
        assert_eq!(r.name_of_id("b/2021.vtt", "speaker_00").map(|(n, _)| n), Some("Jen Psaki"));
    }

    #[test]
    fn bad_entries_are_problems_with_lines() {
        let text = "colour = 1\n[[person]]\naliases = [\"X\"]\n[[person]]\nname = \"Y\"\nroles = [{ title = \"Chair\", from = \"soon\" }]\nage = 3\n[files.\"a.vtt\"]\nSPEAKER_01 = 3\n";
        expect_test::expect![[r#"
            person "Y" aliases [] at 49..59
            Warning speakers-toml-unknown-key 0..10: speakers.toml line 1: unknown key `colour` (expected [[person]] or [files."path"])
            Error speakers-toml-invalid 11..21: speakers.toml line 2: a [[person]] needs a `name`
            Warning speakers-toml-invalid 60..104: speakers.toml line 6: `from` must be a date written YYYY-MM-DD, not `soon`
            Warning speakers-toml-unknown-key 105..112: speakers.toml line 7: unknown key `age` in a [[person]] (expected `name`, `aliases` or `roles`)
            Error speakers-toml-invalid 129..143: speakers.toml line 9: `SPEAKER_01` in [files."a.vtt"] must be a name (a non-empty string)
        "#]]
        .assert_eq(&render(&parse_registry(text)));
        let syntax = parse_registry("[[person]\nname = 1");
        assert_eq!(syntax.problems.len(), 1);
        assert_eq!(syntax.problems[0].code, "speakers-toml-syntax");
    }

    #[test]
    fn odd_input_never_panics_and_spans_stay_inside_the_text() {
        for text in [
            "",
            "person = 3",
            "files = 1",
            "[[person]]\n",
            "[files]\n",
            "[[person]]\nname = \"é\"\nroles = [3]\n",
            "\u{0}[",
        ] {
            let r = parse_registry(text);
            for p in &r.problems {
                assert!(p.span.end <= text.len() && text.get(p.span.start..p.span.end).is_some(), "{text:?}: {p:?}");
            }
        }
    }
}
