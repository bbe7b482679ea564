//! How features name things for a reader: a speech by its INDEX.md title
//! (or its date and file name), a file as a link target in markdown, a
//! count with thousands separators.

use std::path::Path;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

pub use crate::corpus::text::thousands;
use crate::ide::world::CorpusView;

/// Characters a `file:` URL's path must escape (RFC 3986's path characters are kept).
const PATH_ESCAPES: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// The `file:` URL of an absolute path, for links inside hover markdown.
pub fn file_url(path: &Path) -> String {
    format!("file://{}", utf8_percent_encode(&path.to_string_lossy(), PATH_ESCAPES))
}

/// How a hover names and links another speech of the corpus: its INDEX.md
/// title (with the entry's date) or its date and file name, and its URL.
pub fn speech_link(cv: &CorpusView, rel: &str) -> (String, String) {
    (speech_title(cv, rel), file_url(&cv.root.join(rel)))
}

/// A speech's name for a reader: "2021-03-03 Meeting of the Board" from
/// INDEX.md, else "2021-03-03 file.txt", else the path.
pub fn speech_title(cv: &CorpusView, rel: &str) -> String {
    let title = cv.corpus.index().and_then(|(_, doc)| {
        let link = cv.corpus.links_to(rel).into_iter().next()?;
        let entry = doc.entries.get(link.entry)?;
        let title = entry.title.clone()?;
        Some(match entry.date {
            Some(d) => format!("{d} {title}"),
            None => title,
        })
    });
    title.unwrap_or_else(|| {
        let date = cv.corpus.get(rel).and_then(|f| f.transcript()?.header.as_ref()?.date);
        match date {
            Some(d) => format!("{d} {rel}"),
            None => rel.to_string(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_escape_what_a_path_may_not_carry() {
        assert_eq!(file_url(Path::new("/tmp/a corpus/x#1.txt")), "file:///tmp/a%20corpus/x%231.txt");
        assert_eq!(file_url(Path::new("/c/речь.txt")), "file:///c/%D1%80%D0%B5%D1%87%D1%8C.txt");
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(2310), "2,310");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
