//! Times in a transcript: a turn's span in the recording (milliseconds from
//! its start), how such a time is written in the sources (`00:01:02.500`,
//! `01:02,5`, `1:02`, `[0:03]`, `(00:01)`), and how it is shown (`12:34`,
//! `1:02:03`). Times are positions, never words: wherever one is read, its
//! bytes are noise (see `noise.rs`).

/// When a turn is spoken: from `start_ms` to `end_ms`, when the source says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TimeSpan {
    pub start_ms: u64,
    pub end_ms: Option<u64>,
}

impl TimeSpan {
    pub fn at(start_ms: u64) -> TimeSpan {
        TimeSpan { start_ms, end_ms: None }
    }

    pub fn new(start_ms: u64, end_ms: u64) -> TimeSpan {
        TimeSpan { start_ms, end_ms: Some(end_ms.max(start_ms)) }
    }

    /// The start as a clock, e.g. `12:34` (what the outline shows).
    pub fn start_label(&self) -> String {
        clock_label(self.start_ms)
    }

    /// `12:34–13:10`, or `12:34` when the end is not known (what a hover shows).
    pub fn range_label(&self) -> String {
        match self.end_ms {
            Some(end) if end > self.start_ms => format!("{}–{}", clock_label(self.start_ms), clock_label(end)),
            _ => clock_label(self.start_ms),
        }
    }
}

/// `m:ss` under an hour, `h:mm:ss` from an hour on; seconds rounded down.
pub fn clock_label(ms: u64) -> String {
    let s = ms / 1000;
    let (h, m, s) = (s / 3600, (s / 60) % 60, s % 60);
    if h > 0 { format!("{h}:{m:02}:{s:02}") } else { format!("{m}:{s:02}") }
}

/// A time written in the text: where it is (brackets included) and what it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub start: usize,
    pub end: usize,
    pub ms: u64,
    /// A countdown before the start (`[-00:01:57:00]`): a time to skip as
    /// noise, with no place on the recording's clock (`ms` is 0).
    pub before_start: bool,
}

impl Clock {
    /// The time on the recording's clock, if the clock gives one.
    pub fn time(&self) -> Option<u64> {
        (!self.before_start).then_some(self.ms)
    }
}

/// Parses a whole clock: `h:mm:ss`, `mm:ss`, `m:ss`, each with an optional
/// fraction after `.` or `,` (`00:01:02.500`, `00:00:02,399`). Minutes and
/// seconds after the first field are below 60.
pub fn parse_clock(s: &str) -> Option<u64> {
    let (main, fraction) = match s.find(['.', ',']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let fields: Vec<&str> = main.split(':').collect();
    // `mm:ss`, `hh:mm:ss`, and mission-elapsed `dd:hh:mm:ss` (Spacelog, NASA air-to-ground).
    if !(2..=4).contains(&fields.len()) || fields.iter().any(|f| f.is_empty()) {
        return None;
    }
    if !fields.iter().all(|f| f.bytes().all(|b| b.is_ascii_digit())) || fields[0].len() > 3 {
        return None;
    }
    let nums: Vec<u64> = fields.iter().map(|f| f.parse().unwrap_or(0)).collect();
    if nums[1..].iter().any(|&n| n >= 60) || fields[1..].iter().any(|f| f.len() != 2) {
        return None;
    }
    if nums.len() == 4 && nums[1] >= 24 {
        return None;
    }
    let seconds = match nums.as_slice() {
        [days, hours, minutes, seconds] => ((days * 24 + hours) * 60 + minutes) * 60 + seconds,
        _ => nums.iter().fold(0u64, |acc, &n| acc * 60 + n),
    };
    let ms = match fraction {
        None => 0,
        Some(f) if !f.is_empty() && f.len() <= 3 && f.bytes().all(|b| b.is_ascii_digit()) => {
            f.parse::<u64>().unwrap_or(0) * 10u64.pow(3 - f.len() as u32)
        }
        Some(_) => return None,
    };
    Some(seconds * 1000 + ms)
}

/// The clock starting at byte `at` of `s`, if one does: bare (`0:03`) or in
/// brackets (`[00:01:02]`, `(00:01)`, `[00:00.000 --> 00:05.000]`, whose
/// start is the time). It must end at a word boundary.
pub fn clock_at(s: &str, at: usize) -> Option<Clock> {
    let rest = s.get(at..)?;
    let (open, close) = match rest.as_bytes().first()? {
        b'[' => (1, Some(b']')),
        b'(' => (1, Some(b')')),
        b'0'..=b'9' => (0, None),
        _ => return None,
    };
    let inner = &rest[open..];
    let inner_trimmed = inner.trim_start_matches(' ');
    // A countdown before the start (`[-00:00:00:04]`, bracketed only).
    let minus = usize::from(close.is_some() && inner_trimmed.starts_with('-'));
    let inner_trimmed = &inner_trimmed[minus..];
    let pad = inner.len() - inner_trimmed.len();
    let len = inner_trimmed.bytes().take_while(|b| b.is_ascii_digit() || matches!(b, b':' | b'.' | b',')).count();
    let token = inner_trimmed[..len].trim_end_matches(['.', ',']);
    let ms = if minus == 1 { parse_clock(token).map(|_| 0)? } else { parse_clock(token)? };
    let mut end = open + pad + token.len();
    match close {
        Some(c) => {
            // A range inside the brackets ("00:00.000 --> 00:05.000") ends at the bracket.
            let tail = &rest[end..];
            let close_at = tail.bytes().take(40).position(|b| b == c)?;
            let between = &tail[..close_at];
            if !between.trim().is_empty() && !between.contains("-->") && between.trim() != "-" {
                return None;
            }
            end += close_at + 1;
        }
        None => {
            if rest[end..].chars().next().is_some_and(|c| c.is_alphanumeric()) {
                return None;
            }
        }
    }
    if at > 0 && s[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == ':') {
        return None;
    }
    Some(Clock { start: at, end: at + end, ms, before_start: minus == 1 })
}

/// The first clock in `s` (bare or bracketed), searching at most `limit` bytes.
pub fn find_clock(s: &str, limit: usize) -> Option<Clock> {
    let bytes = s.as_bytes();
    let stop = bytes.len().min(limit);
    (0..stop).filter(|&i| matches!(bytes[i], b'0'..=b'9' | b'[' | b'(') && s.is_char_boundary(i)).find_map(|i| {
        // A digit inside a number is no clock start.
        if bytes[i].is_ascii_digit() && i > 0 && bytes[i - 1].is_ascii_digit() {
            return None;
        }
        clock_at(s, i)
    })
}

/// Seconds as written in JSON or a table (`2.5`, `12`) to milliseconds.
pub fn seconds_to_ms(seconds: f64) -> Option<u64> {
    (0.0..1e9).contains(&seconds).then(|| (seconds * 1000.0).round() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks_in_the_sources_layouts_parse_to_milliseconds() {
        assert_eq!(parse_clock("00:01:02.500"), Some(62_500));
        assert_eq!(parse_clock("00:00:02,399"), Some(2_399));
        assert_eq!(parse_clock("1:02"), Some(62_000));
        assert_eq!(parse_clock("0:03"), Some(3_000));
        assert_eq!(parse_clock("02:20.000"), Some(140_000));
        assert_eq!(parse_clock("1:02:03"), Some(3_723_000));
        assert_eq!(parse_clock("12:75"), None, "seconds below 60");
        assert_eq!(parse_clock("2021"), None);
        assert_eq!(
            parse_clock("01:02:03:04"),
            Some(((24 + 2) * 3600 + 3 * 60 + 4) * 1000),
            "days:hours:minutes:seconds"
        );
        assert_eq!(parse_clock("00:24:00:00"), None, "hours below 24 after days");
        assert_eq!(
            clock_at("[-00:00:00:04] PAO", 0).map(|c| (c.time(), c.end)),
            Some((None, 14)),
            "a countdown is a clock with no time on the recording"
        );
        assert_eq!(clock_at("-00:00:04", 0), None, "a bare minus is no countdown");
        assert_eq!(parse_clock("3:5"), None, "two digits after the first field");
    }

    #[test]
    fn a_clock_is_found_bare_or_bracketed_and_never_inside_a_word_or_number() {
        let c = find_clock("Travis  0:03", 100).expect("bare clock");
        assert_eq!((c.start, c.end, c.ms), (8, 12, 3_000));
        let c = find_clock("Sarah (00:01:05):", 100).expect("parenthesised");
        assert_eq!((c.start, c.end, c.ms), (6, 16, 65_000));
        let c = find_clock("[00:00.000 --> 00:05.000]  Hello", 100).expect("range");
        assert_eq!((c.start, c.end, c.ms), (0, 25, 0));
        assert_eq!(find_clock("In 2020: we met at 10:30am", 100), None);
        assert_eq!(
            find_clock("Psalm 23:4 says", 100).map(|c| c.ms),
            None,
            "3:4 is no clock (one digit after the colon)"
        );
        assert_eq!(find_clock("Article 12:", 100), None);
    }

    #[test]
    fn times_are_shown_as_clocks() {
        assert_eq!(TimeSpan::new(754_000, 790_000).range_label(), "12:34–13:10");
        assert_eq!(TimeSpan::at(3_723_000).start_label(), "1:02:03");
        assert_eq!(TimeSpan::at(5_000).range_label(), "0:05");
    }
}
