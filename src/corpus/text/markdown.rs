//! Writing user text and figures into Markdown: the escapes that keep a
//! title from turning into markup, and numbers with thousands separators.

/// Escapes the characters that would turn user text into Markdown markup.
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `2310` -> `2,310`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_stay_text_and_numbers_get_separators() {
        assert_eq!(escape_markdown("A *bold* [claim]"), "A \\*bold\\* \\[claim\\]");
        assert_eq!(thousands(2310), "2,310");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
