//! Dates written in prose or in file names: `March 3, 2021`, `3 March 2021`,
//! `Tuesday, January 28, 1997`, `3 mars 2021`, `25 de noviembre de 2022`,
//! `23. Mai 1951`, `3 марта 2021`, `2021-03-03`, and `2021-03-03_talk.vtt`,
//! `20210303-briefing.md`.

use std::ops::Range;

use crate::corpus::text::Date;

/// Month names (and their usual abbreviations) in the languages seen, lower case.
const MONTHS: [&[&str]; 12] = [
    &[
        "january",
        "jan",
        "janvier",
        "janv",
        "enero",
        "januar",
        "jänner",
        "января",
        "январь",
        "gennaio",
        "janeiro",
        "gener",
    ],
    &[
        "february",
        "feb",
        "février",
        "fevrier",
        "févr",
        "febrero",
        "februar",
        "февраля",
        "февраль",
        "febbraio",
        "fevereiro",
        "febrer",
    ],
    &["march", "mar", "mars", "marzo", "märz", "marz", "марта", "март", "março", "marc", "març"],
    &["april", "apr", "avril", "abril", "апреля", "апрель", "aprile"],
    &["may", "mai", "mayo", "мая", "май", "maggio", "maio", "maig"],
    &["june", "jun", "juin", "junio", "juni", "июня", "июнь", "giugno", "junho", "juny"],
    &["july", "jul", "juillet", "julio", "juli", "июля", "июль", "luglio", "julho", "juliol"],
    &["august", "aug", "août", "aout", "agosto", "августа", "август", "agost"],
    &[
        "september",
        "sep",
        "sept",
        "septembre",
        "septiembre",
        "setiembre",
        "сентября",
        "сентябрь",
        "settembre",
        "setembro",
        "setembre",
    ],
    &["october", "oct", "octobre", "octubre", "oktober", "октября", "октябрь", "ottobre", "outubro"],
    &["november", "nov", "novembre", "noviembre", "ноября", "ноябрь", "novembro"],
    &[
        "december",
        "dec",
        "décembre",
        "decembre",
        "diciembre",
        "dezember",
        "декабря",
        "декабрь",
        "dicembre",
        "dezembro",
        "desembre",
    ],
];

/// Words allowed between a date's parts ("25 de noviembre de 2022", "the 3rd of March").
const LINKS: [&str; 4] = ["de", "of", "del", "d"];

fn month_of(word: &str) -> Option<u8> {
    let lower = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().position(|names| names.contains(&lower.as_str())).map(|m| m as u8 + 1)
}

fn day_of(word: &str) -> Option<u8> {
    let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
    let rest = &word[digits.len()..];
    let suffix_ok = matches!(rest, "" | "." | "st" | "nd" | "rd" | "th" | "er" | "º" | "-го" | "го");
    let day: u8 = digits.parse().ok()?;
    (suffix_ok && (1..=31).contains(&day) && digits.len() <= 2).then_some(day)
}

fn year_of(word: &str) -> Option<u16> {
    let digits = word.trim_end_matches(['.', ',']).trim_end_matches("г");
    (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|y| (1700..=2200).contains(y))
}

/// The first date written in `text`, and where.
pub fn date_in_text(text: &str) -> Option<(Date, Range<usize>)> {
    let separator = |c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '|' | '[' | ']' | '*' | '_');
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (separator(c), open) {
            (true, Some(s)) => {
                words.push((s, &text[s..i]));
                open = None;
            }
            (false, None) => open = Some(i),
            _ => {}
        }
    }
    if let Some(s) = open {
        words.push((s, &text[s..]));
    }
    for k in 0..words.len() {
        let (at, w) = words[k];
        if let Some(d) = iso(w) {
            let lead = w.len() - w.trim_start_matches(['\'', '"']).len();
            return Some((d, at + lead..at + lead + 10));
        }
        let next = |j: usize| words.get(j).map(|(_, w)| *w);
        let skip_links = |mut j: usize| {
            while next(j).is_some_and(|w| LINKS.contains(&w.to_lowercase().as_str())) {
                j += 1;
            }
            j
        };
        let end_at = |j: usize| words[j].0 + words[j].1.len();
        // 3 March 2021, 25 de noviembre de 2022, 23. Mai 1951
        if let Some(day) = day_of(w) {
            let m = skip_links(k + 1);
            if let Some(month) = next(m).and_then(month_of) {
                let y = skip_links(m + 1);
                if let Some(year) = next(y).and_then(year_of) {
                    let date = Date { year, month, day };
                    if date.is_valid() {
                        return Some((date, at..end_at(y)));
                    }
                }
            }
        }
        // March 3, 2021
        if let Some(month) = month_of(w).filter(|_| w.chars().next().is_some_and(char::is_uppercase))
            && let Some(day) = next(k + 1).and_then(day_of)
            && let Some(year) = next(k + 2).and_then(year_of)
        {
            let date = Date { year, month, day };
            if date.is_valid() {
                return Some((date, at..end_at(k + 2)));
            }
        }
    }
    None
}

/// `2021-03-03` (possibly followed by a time, as in front matter).
fn iso(word: &str) -> Option<Date> {
    let w = word.trim_matches(|c: char| matches!(c, '\'' | '"' | '.' | ';'));
    Date::parse_iso(w.get(..10)?).filter(|_| w.len() == 10 || w.as_bytes()[10] == b'T' || w.as_bytes()[10] == b' ')
}

/// A date in a file name: `2021-03-03_x`, `2021_03_03`, `20210303-x`.
pub fn date_in_file_name(path: &str) -> Option<Date> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let b = name.as_bytes();
    for i in 0..b.len() {
        // A date starts with a digit after no digit (and never inside a
        // multi-byte character, which no digit byte can be).
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
            continue;
        }
        let rest = &name[i..];
        let digits =
            |r: std::ops::Range<usize>| rest.as_bytes().get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
        let candidate = if digits(0..4)
            && matches!(b.get(i + 4), Some(b'-' | b'_' | b'.'))
            && b.get(i + 7) == b.get(i + 4)
            && digits(5..7)
            && digits(8..10)
        {
            Some((format!("{}-{}-{}", &rest[..4], &rest[5..7], &rest[8..10]), 10))
        } else if digits(0..8) {
            Some((format!("{}-{}-{}", &rest[..4], &rest[4..6], &rest[6..8]), 8))
        } else {
            None
        };
        let Some((iso, len)) = candidate else { continue };
        if b.get(i + len).is_some_and(u8::is_ascii_digit) {
            continue;
        }
        if let Some(d) = Date::parse_iso(&iso).filter(|d| (1700..=2200).contains(&d.year)) {
            return Some(d);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_with_other_scripts_around_a_date() {
        assert_eq!(date_in_file_name("emoji 😀.txt"), None);
        assert_eq!(date_in_file_name("😀2021-03-03é.txt").map(|d| d.to_string()).as_deref(), Some("2021-03-03"));
        assert_eq!(date_in_file_name("речь-20210303.txt").map(|d| d.to_string()).as_deref(), Some("2021-03-03"));
        assert_eq!(date_in_file_name("1234-é-.txt"), None);
    }

    fn d(s: &str) -> Option<String> {
        date_in_text(s).map(|(d, _)| d.to_string())
    }

    #[test]
    fn dates_in_prose_in_several_languages() {
        assert_eq!(d("Congressional Record (Tuesday, January 28, 1997)").as_deref(), Some("1997-01-28"));
        assert_eq!(d("Presidencia de la República | 25 de noviembre de 2022").as_deref(), Some("2022-11-25"));
        assert_eq!(d("Bonn, Mittwoch, den 23. Mai 1951").as_deref(), Some("1951-05-23"));
        assert_eq!(d("Le 3 mars 2021, à Paris").as_deref(), Some("2021-03-03"));
        assert_eq!(d("Москва, 3 марта 2021 года").as_deref(), Some("2021-03-03"));
        assert_eq!(d("date: '2021-07-28'").as_deref(), Some("2021-07-28"));
        assert_eq!(d("(February 16, 2025)").as_deref(), Some("2025-02-16"));
        assert_eq!(d("We may meet in 2021 to march on."), None);
        assert_eq!(d("On 31 February 2021"), None, "not a real day");
    }

    #[test]
    fn dates_in_file_names() {
        assert_eq!(
            date_in_file_name("talks/2021-03-03_interview.vtt").map(|d| d.to_string()).as_deref(),
            Some("2021-03-03")
        );
        assert_eq!(date_in_file_name("w3c_2022_09_26.md").map(|d| d.to_string()).as_deref(), Some("2022-09-26"));
        assert_eq!(date_in_file_name("20210303-briefing.md").map(|d| d.to_string()).as_deref(), Some("2021-03-03"));
        assert_eq!(date_in_file_name("000_dfd047e8c9417aac.txt"), None);
        assert_eq!(date_in_file_name("episode-123456789.json"), None);
    }
}
