//! Labels to persons, across a corpus: the person index.
//!
//! Every distinct label of every transcript is folded (`fold.rs`) and then
//! resolved, conservatively, in this order:
//!
//! 1. The registry (`speakers.toml`) first: a label equal (folded) to a
//!    registered name or alias is that person; a diarisation id named for
//!    its file is the person named; a generic role ("THE PRESIDENT") of a
//!    speech dated while exactly one registered person held that title is
//!    that person.
//! 2. A title before a name ("President of Russia Vladimir Putin", "Deputy
//!    Prime Minister Arkady Dvorkovich") is the name alone, when the name
//!    (at least two words) is itself a label somewhere in the corpus and
//!    what comes before it reads as a title: a role word, a small word such
//!    as "of", or two words or more. "John Paul Smith" never becomes "Paul
//!    Smith".
//! 3. A surname alone ("Mr. SMITH", "PUTIN") joins the one full name of the
//!    same file with that surname; when the file has none, the one such
//!    person of the whole corpus; when two people share it (in the file, or
//!    in the corpus), it stays a person of its own, so two Smiths are never
//!    merged.
//! 4. Generic roles (no name in them: "Question", "The Chairman") stay roles;
//!    diarisation ids with no name stay someone of their file only.
//!
//! The index keeps who is who (labels per file, files per person), not
//! counts: those change with every keystroke, identities do not, so the
//! corpus keeps the index across edits that leave a file's labels alone.

use std::collections::HashMap;

use crate::corpus::paths::RelPath;
use crate::corpus::speakers::fold::{Folded, LabelClass, fold_label, honorific, is_connector, is_role_word};
use crate::corpus::speakers::registry::Registry;
use crate::corpus::text::Date;
use crate::corpus::transcript::Transcript;

/// A person's place in `PersonIndex::persons`.
pub type PersonId = u32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PersonKind {
    /// Someone with a name.
    Named,
    /// A generic role no one could be found for ("Question", "THE PRESIDENT").
    Role,
    /// A diarisation id with no name (someone of one file).
    Unnamed,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// The canonical name: the registry's, else the bare name as most often
    /// written, else the label most often written.
    pub name: String,
    pub kind: PersonKind,
    /// The labels that are this person, as written, most turns first.
    pub aliases: Vec<String>,
    /// Turns when the index was built (a threshold for suggestions; the
    /// figures shown are counted afresh, see `stats.rs`).
    pub turns: usize,
    /// The files the person speaks in, as indexes into the index's paths.
    files: Vec<u32>,
    /// The registry entry, when there is one.
    pub registry: Option<usize>,
}

/// Who is who in one corpus.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PersonIndex {
    pub persons: Vec<Person>,
    paths: Vec<RelPath>,
    by_path: HashMap<RelPath, u32>,
    /// Per file (as `paths`), each distinct label with its person.
    labels: Vec<Vec<(String, PersonId)>>,
    /// Persons that look like a misspelt known one (`near.rs`), found once.
    near: std::sync::OnceLock<HashMap<PersonId, PersonId>>,
}

impl PersonIndex {
    /// Resolves every label of `files` (path, transcript), with the registry if any.
    pub fn build<'a>(files: impl IntoIterator<Item = (&'a str, &'a Transcript)>, registry: Option<&Registry>) -> Self {
        Builder::new(registry).build(files)
    }

    /// The person speaking as `label` in the file `path`.
    pub fn person_of(&self, path: &str, label: &str) -> Option<PersonId> {
        self.labels_of(path).iter().find(|(l, _)| l == label).map(|(_, p)| *p)
    }

    /// The distinct labels of `path` with their persons, in order of first turn.
    pub fn labels_of(&self, path: &str) -> &[(String, PersonId)] {
        self.by_path.get(path).and_then(|&i| self.labels.get(i as usize)).map_or(&[], Vec::as_slice)
    }

    pub fn person(&self, id: PersonId) -> Option<&Person> {
        self.persons.get(id as usize)
    }

    /// The files `id` speaks in, in path order.
    pub fn files_of(&self, id: PersonId) -> impl Iterator<Item = &str> {
        self.person(id).into_iter().flat_map(|p| p.files.iter().map(|&f| self.paths[f as usize].as_str()))
    }

    /// The known person `id` probably misspells ("Vladmir Putin"), if any.
    pub fn near_duplicate_of(&self, id: PersonId) -> Option<PersonId> {
        self.near.get_or_init(|| crate::corpus::speakers::near::near_duplicates(self)).get(&id).copied()
    }

    /// The people whose canonical name or an alias matches `key` when folded.
    pub fn find_by_name(&self, name: &str) -> Option<PersonId> {
        let key = fold_label(name).key;
        let id = self
            .persons
            .iter()
            .position(|p| fold_label(&p.name).key == key || p.aliases.iter().any(|a| fold_label(a).key == key))?;
        Some(id as PersonId)
    }
}

/// One file's distinct labels, with their turns (to choose canonical names).
struct FileLabels<'a> {
    path: &'a str,
    date: Option<Date>,
    labels: Vec<(&'a str, usize)>,
}

/// An identity while building: what makes two labels one person.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Ident {
    Registry(usize),
    Name(String),
    Role(String),
    Unnamed(u32, String),
}

struct Builder<'r> {
    registry: Option<&'r Registry>,
    /// Folded registry names and aliases → entry.
    registry_keys: HashMap<String, usize>,
    folds: HashMap<String, Folded>,
    /// Names the registry gives diarisation ids, by their key: the name a
    /// person known only that way is shown by.
    given: HashMap<String, String>,
}

impl<'r> Builder<'r> {
    fn new(registry: Option<&'r Registry>) -> Self {
        let mut registry_keys = HashMap::new();
        for (i, p) in registry.iter().flat_map(|r| r.persons.iter().enumerate()) {
            for name in std::iter::once(&p.name).chain(&p.aliases) {
                registry_keys.entry(fold_label(name).key).or_insert(i);
            }
        }
        Builder { registry, registry_keys, folds: HashMap::new(), given: HashMap::new() }
    }

    fn fold(&mut self, label: &str) -> Folded {
        if let Some(f) = self.folds.get(label) {
            return f.clone();
        }
        let f = fold_label(label);
        self.folds.insert(label.to_string(), f.clone());
        f
    }

    fn build<'a>(mut self, files: impl IntoIterator<Item = (&'a str, &'a Transcript)>) -> PersonIndex {
        let files: Vec<FileLabels<'a>> = files.into_iter().map(|(path, t)| file_labels(path, t)).collect();
        // Every name written anywhere: what a title may stand before.
        let mut names: HashMap<String, ()> = HashMap::new();
        for file in &files {
            for (label, _) in &file.labels {
                let f = self.fold(label);
                if f.class == LabelClass::Name {
                    names.insert(f.key, ());
                }
            }
        }
        let mut canonical: HashMap<String, Ident> = HashMap::new();
        let name_keys: Vec<String> = names.keys().cloned().collect();
        for key in &name_keys {
            let ident = self.name_ident(key, &names);
            canonical.insert(key.clone(), ident);
        }
        // Surnames of the persons with full names, corpus-wide, and when
        // each of them speaks (first and last date).
        let mut surnames: HashMap<String, Vec<Ident>> = HashMap::new();
        for (key, ident) in &canonical {
            let last = key.rsplit(' ').next().unwrap_or(key).to_string();
            let list = surnames.entry(last).or_default();
            if !list.contains(ident) {
                list.push(ident.clone());
            }
        }
        let mut spans: HashMap<Ident, (Date, Date)> = HashMap::new();
        for file in &files {
            let Some(date) = file.date else { continue };
            for (label, _) in &file.labels {
                let Some(ident) = self.folds.get(*label).and_then(|f| canonical.get(&f.key)) else { continue };
                let span = spans.entry(ident.clone()).or_insert((date, date));
                *span = (span.0.min(date), span.1.max(date));
            }
        }
        let surnames = Surnames { by_word: surnames, spans };
        // Each file's labels, resolved.
        let mut idents: HashMap<Ident, PersonId> = HashMap::new();
        let mut persons: Vec<(Ident, HashMap<String, usize>, Vec<u32>)> = Vec::new();
        let mut index = PersonIndex::default();
        for (fi, file) in files.iter().enumerate() {
            let fi = fi as u32;
            let own: Vec<(Folded, Option<Ident>)> = file
                .labels
                .iter()
                .map(|(label, _)| {
                    let f = self.fold(label);
                    let ident = (f.class == LabelClass::Name).then(|| canonical.get(&f.key).cloned()).flatten();
                    (f, ident)
                })
                .collect();
            let mut resolved = Vec::with_capacity(file.labels.len());
            for (i, (label, turns)) in file.labels.iter().enumerate() {
                let (folded, named) = &own[i];
                let ident = match named {
                    Some(ident) => ident.clone(),
                    None => self.other_ident(file, fi, label, folded, &own, &surnames, &canonical),
                };
                let id = *idents.entry(ident.clone()).or_insert_with(|| {
                    persons.push((ident.clone(), HashMap::new(), Vec::new()));
                    (persons.len() - 1) as PersonId
                });
                let entry = &mut persons[id as usize];
                *entry.1.entry(label.to_string()).or_default() += turns;
                if entry.2.last() != Some(&fi) {
                    entry.2.push(fi);
                }
                resolved.push((label.to_string(), id));
            }
            index.by_path.insert(file.path.to_string(), fi);
            index.paths.push(file.path.to_string());
            index.labels.push(resolved);
        }
        index.persons = persons.into_iter().map(|(ident, aliases, files)| self.person(ident, aliases, files)).collect();
        index
    }

    /// The identity of a name: the registry's, else the shortest name
    /// written elsewhere that it ends with after a title, else itself.
    fn name_ident(&self, key: &str, names: &HashMap<String, ()>) -> Ident {
        if let Some(&i) = self.registry_keys.get(key) {
            return Ident::Registry(i);
        }
        let words: Vec<&str> = key.split(' ').collect();
        for n in 2..words.len() {
            let (prefix, suffix) = words.split_at(words.len() - n);
            if !reads_as_title(prefix) || suffix.first().is_some_and(|w| is_connector(w) || is_role_word(w)) {
                continue;
            }
            let suffix = suffix.join(" ");
            if let Some(&i) = self.registry_keys.get(&suffix) {
                return Ident::Registry(i);
            }
            if names.contains_key(&suffix) {
                return Ident::Name(suffix);
            }
        }
        Ident::Name(key.to_string())
    }

    /// The identity of a label that is not a full name.
    #[allow(clippy::too_many_arguments)]
    fn other_ident(
        &mut self,
        file: &FileLabels,
        fi: u32,
        label: &str,
        folded: &Folded,
        own: &[(Folded, Option<Ident>)],
        surnames: &Surnames,
        canonical: &HashMap<String, Ident>,
    ) -> Ident {
        if let Some(&i) = self.registry_keys.get(&folded.key) {
            return Ident::Registry(i);
        }
        match folded.class {
            LabelClass::Diarised => {
                let named = self.registry.and_then(|r| r.name_of_id(file.path, label.trim()));
                match named {
                    Some((name, _)) => {
                        let f = fold_label(name);
                        self.given.entry(f.key.clone()).or_insert_with(|| name.to_string());
                        self.registry_keys
                            .get(&f.key)
                            .map(|&i| Ident::Registry(i))
                            .or_else(|| canonical.get(&f.key).cloned())
                            .unwrap_or(Ident::Name(f.key))
                    }
                    None => Ident::Unnamed(fi, folded.key.clone()),
                }
            }
            LabelClass::Role => match (self.role_holder(&folded.key, file.date), file.date) {
                (Some(i), _) => Ident::Registry(i),
                _ => Ident::Role(folded.key.clone()),
            },
            LabelClass::Surname => {
                let surname = folded.last_word();
                let mut in_file: Vec<&Ident> = Vec::new();
                for (f, ident) in own {
                    if let Some(ident) = ident
                        && f.last_word() == surname
                        && !in_file.contains(&ident)
                    {
                        in_file.push(ident);
                    }
                }
                match in_file.as_slice() {
                    [one] => (*one).clone(),
                    [] => {
                        if let Some(i) = self.surname_holder(folded, file.date) {
                            return Ident::Registry(i);
                        }
                        // The one person of the corpus with that surname,
                        // when they speak around the speech's date.
                        match surnames.by_word.get(surname).map(Vec::as_slice) {
                            Some([one]) if surnames.around(one, file.date) => one.clone(),
                            _ => Ident::Name(folded.key.clone()),
                        }
                    }
                    _ => Ident::Name(folded.key.clone()),
                }
            }
            LabelClass::Name => Ident::Name(folded.key.clone()),
        }
    }

    /// The one registered person with the surname of `folded` who held a
    /// role (the label's title, if it has one) on `date`.
    fn surname_holder(&self, folded: &Folded, date: Option<Date>) -> Option<usize> {
        let (registry, date) = (self.registry?, date?);
        let surname = folded.last_word();
        let title: Vec<&str> = folded.words().filter(|w| *w != surname && honorific(w).is_none()).collect();
        let title = title.join(" ");
        let mut holders = registry.persons.iter().enumerate().filter(|(_, p)| {
            fold_label(&p.name).last_word() == surname
                && p.roles
                    .iter()
                    .any(|r| r.held_on(date) && (title.is_empty() || title_key(&fold_label(&r.title).key) == title))
        });
        let (first, _) = holders.next()?;
        holders.next().is_none().then_some(first)
    }

    /// The one registered person holding the role `key` names on `date`.
    fn role_holder(&self, key: &str, date: Option<Date>) -> Option<usize> {
        let (registry, date) = (self.registry?, date?);
        let title = title_key(key);
        let mut holders =
            registry.persons.iter().enumerate().filter(|(_, p)| {
                p.roles.iter().any(|r| r.held_on(date) && title_key(&fold_label(&r.title).key) == title)
            });
        let (first, _) = holders.next()?;
        holders.next().is_none().then_some(first)
    }

    fn person(&self, ident: Ident, aliases: HashMap<String, usize>, files: Vec<u32>) -> Person {
        let mut aliases: Vec<(String, usize)> = aliases.into_iter().collect();
        let turns = aliases.iter().map(|(_, n)| n).sum();
        aliases.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let most = |pred: &dyn Fn(&str) -> bool| aliases.iter().find(|(a, _)| pred(a)).map(|(a, _)| a.clone());
        let (name, kind, registry) = match &ident {
            Ident::Registry(i) => {
                let name = self.registry.and_then(|r| r.persons.get(*i)).map(|p| p.name.clone()).unwrap_or_default();
                (name, PersonKind::Named, Some(*i))
            }
            Ident::Name(key) => {
                // The bare name as written; mixed case reads better than capitals.
                // The bare name as written, without remarks in brackets.
                let bare = |a: &str| fold_label(a).key == *key;
                let plain = |a: &str| !a.contains(['(', '[']);
                let name = most(&|a| bare(a) && plain(a) && a.chars().any(char::is_lowercase))
                    .or_else(|| most(&|a| bare(a) && a.chars().any(char::is_lowercase)))
                    .or_else(|| most(&bare))
                    .or_else(|| self.given.get(key).cloned());
                (name.or_else(|| most(&|_| true)).unwrap_or_default(), PersonKind::Named, None)
            }
            Ident::Role(_) => {
                let name = most(&|a| a.chars().any(char::is_lowercase)).or_else(|| most(&|_| true));
                (name.unwrap_or_default(), PersonKind::Role, None)
            }
            Ident::Unnamed(..) => (most(&|_| true).unwrap_or_default(), PersonKind::Unnamed, None),
        };
        Person { name, kind, aliases: aliases.into_iter().map(|(a, _)| a).collect(), turns, files, registry }
    }
}

/// The full names of the corpus by surname, and when each person speaks.
struct Surnames {
    by_word: HashMap<String, Vec<Ident>>,
    spans: HashMap<Ident, (Date, Date)>,
}

/// How far from a person's first and last speech a surname alone may be
/// theirs: "BUSH" in 1988 is not George W. Bush of 2001–2008.
const SURNAME_YEARS: u16 = 2;

impl Surnames {
    fn around(&self, ident: &Ident, date: Option<Date>) -> bool {
        let (Some(date), Some((first, last))) = (date, self.spans.get(ident)) else { return true };
        date.year + SURNAME_YEARS >= first.year && date.year <= last.year + SURNAME_YEARS
    }
}

/// A role's key without "the" and honorifics: "THE PRESIDENT" = "President".
fn title_key(key: &str) -> String {
    key.split(' ').filter(|w| *w != "the" && honorific(w).is_none()).collect::<Vec<_>>().join(" ")
}

/// True when the words before a name read as a title: a role word, a small
/// word ("of"), or two words or more ("Rostec State Corporation CEO").
fn reads_as_title(prefix: &[&str]) -> bool {
    prefix.len() >= 2 || prefix.iter().any(|w| is_role_word(w) || is_connector(w) || honorific(w).is_some())
}

fn file_labels<'a>(path: &'a str, t: &'a Transcript) -> FileLabels<'a> {
    let mut labels: Vec<(&str, usize)> = Vec::new();
    for turn in &t.turns {
        match labels.iter_mut().find(|(l, _)| *l == turn.speaker) {
            Some((_, n)) => *n += 1,
            None => labels.push((&turn.speaker, 1)),
        }
    }
    FileLabels { path, date: t.date(), labels }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::speakers::registry::parse_registry;
    use crate::corpus::text::Span;
    use crate::corpus::transcript::{Header, SpeakerTurn};

    /// A transcript of the given date and turns (labels), each of three words.
    fn speech(date: &str, labels: &[&str]) -> Transcript {
        let header = Header {
            span: Span::default(),
            date: Date::parse_iso(date),
            date_span: None,
            source: None,
            source_span: None,
        };
        let turns = labels
            .iter()
            .map(|l| SpeakerTurn {
                speaker: l.to_string(),
                label_span: Span::default(),
                span: Span::default(),
                paragraphs: 0..0,
                words: 3,
                time: None,
            })
            .collect();
        Transcript { header: Some(header), turns, ..Transcript::default() }
    }

    fn index(files: &[(&str, &Transcript)], registry: Option<&str>) -> PersonIndex {
        let parsed: Vec<(&str, &Transcript)> = files.to_vec();
        let registry = registry.map(parse_registry);
        PersonIndex::build(parsed, registry.as_ref())
    }

    /// Each person as `name [kind]: aliases`, sorted.
    fn render(index: &PersonIndex) -> String {
        let mut lines: Vec<String> =
            index.persons.iter().map(|p| format!("{} [{:?}]: {}", p.name, p.kind, p.aliases.join(" | "))).collect();
        lines.sort();
        lines.join("\n") + "\n"
    }

    #[test]
    fn a_title_before_a_known_name_is_that_name() {
        let a =
            speech("2020-01-01", &["President of Russia Vladimir Putin", "Deputy Prime Minister Arkady Dvorkovich"]);
        let b = speech("2020-02-01", &["Vladimir Putin", "Arkady Dvorkovich", "Vladimir Putin (retranslated)"]);
        let c = speech("2020-03-01", &["VLADIMIR PUTIN", "Patriarch Kirill of Moscow and All Russia"]);
        let index = index(&[("a.txt", &a), ("b.txt", &b), ("c.txt", &c)], None);
        expect_test::expect![[r#"
            Arkady Dvorkovich [Named]: Arkady Dvorkovich | Deputy Prime Minister Arkady Dvorkovich
            Patriarch Kirill of Moscow and All Russia [Named]: Patriarch Kirill of Moscow and All Russia
            Vladimir Putin [Named]: President of Russia Vladimir Putin | VLADIMIR PUTIN | Vladimir Putin | Vladimir Putin (retranslated)
        "#]]
        .assert_eq(&render(&index));
        let putin = index.person_of("a.txt", "President of Russia Vladimir Putin");
        assert_eq!(putin, index.person_of("c.txt", "VLADIMIR PUTIN"));
        assert_eq!(index.files_of(putin.unwrap()).collect::<Vec<_>>(), ["a.txt", "b.txt", "c.txt"]);
    }

    #[test]
    fn people_who_share_a_surname_are_never_merged() {
        let a = speech("2020-01-01", &["Polina Kuzmenko", "Yelena Kuzmenko", "Kuzmenko", "John Paul Smith"]);
        let b = speech("2020-01-02", &["Paul Smith", "MR. SMITH", "Mr. Smith"]);
        let c = speech("2020-01-03", &["MR. BROWN", "Anna Brown"]);
        let index = index(&[("a.txt", &a), ("b.txt", &b), ("c.txt", &c)], None);
        expect_test::expect![[r#"
            Anna Brown [Named]: Anna Brown | MR. BROWN
            John Paul Smith [Named]: John Paul Smith
            Kuzmenko [Named]: Kuzmenko
            Paul Smith [Named]: MR. SMITH | Mr. Smith | Paul Smith
            Polina Kuzmenko [Named]: Polina Kuzmenko
            Yelena Kuzmenko [Named]: Yelena Kuzmenko
        "#]]
        .assert_eq(&render(&index));
    }

    #[test]
    fn roles_stay_roles_and_diarised_ids_stay_in_their_file_unless_registered() {
        let a = speech("2010-05-01", &["THE PRESIDENT", "Question", "Q", "SPEAKER_00"]);
        let b = speech("2018-05-01", &["The President", "SPEAKER_00"]);
        let bare = index(&[("a.txt", &a), ("b.txt", &b)], None);
        expect_test::expect![[r#"
            Q [Role]: Q
            Question [Role]: Question
            SPEAKER_00 [Unnamed]: SPEAKER_00
            SPEAKER_00 [Unnamed]: SPEAKER_00
            The President [Role]: THE PRESIDENT | The President
        "#]]
        .assert_eq(&render(&bare));
        let registry = "[[person]]\nname = \"Barack Obama\"\nroles = [{ title = \"President\", from = \"2009-01-20\", to = \"2017-01-20\" }]\n\n[files.\"b.txt\"]\nSPEAKER_00 = \"Jen Psaki\"\n";
        let registered = index(&[("a.txt", &a), ("b.txt", &b)], Some(registry));
        expect_test::expect![[r#"
            Barack Obama [Named]: THE PRESIDENT
            Jen Psaki [Named]: SPEAKER_00
            Q [Role]: Q
            Question [Role]: Question
            SPEAKER_00 [Unnamed]: SPEAKER_00
            The President [Role]: The President
        "#]]
        .assert_eq(&render(&registered));
    }
}
