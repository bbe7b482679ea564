//! Stretches: the runs of one speaker's text that topical sections cut.
//!
//! A speaker turn is one stretch. So is the text that no turn holds: the
//! lead (everything before the first turn or part separator, which for a
//! monologue such as a State of the Union message or a UN statement is the
//! whole speech), and each part that has no turns. Every stretch is cut by
//! the same segmentation (`segment::sections_of_stretch`), so a long turn and
//! a long monologue get the same kind of sections.

use std::ops::Range;

use crate::corpus::transcript::{ParagraphKind, Transcript};

/// What a stretch of text belongs to in the transcript's structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Owner {
    /// The paragraphs before the first turn or part separator
    /// (`Transcript::lead`).
    Lead,
    /// A part without speaker turns (index into `Transcript::parts`).
    Part(usize),
    /// A speaker turn (index into `Transcript::turns`).
    Turn(usize),
}

/// A run of paragraphs of one speaker (or of none named), in text order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stretch {
    pub owner: Owner,
    /// Paragraph indexes (into `Transcript::paragraphs`).
    pub paragraphs: Range<usize>,
}

/// The stretches of a transcript, in text order: the lead, then each part's
/// turns, or the part itself when it has none (without its opening
/// separator or heading).
pub fn stretches(t: &Transcript) -> Vec<Stretch> {
    let mut out = Vec::new();
    if let Some(lead) = t.lead.clone().filter(|l| !l.is_empty()) {
        out.push(Stretch { owner: Owner::Lead, paragraphs: lead });
    }
    let mut turns_seen = 0;
    for (i, part) in t.parts.iter().enumerate() {
        if part.turns.is_empty() {
            let start = match part.opener {
                Some(o) if o == part.paragraphs.start => o + 1,
                _ => part.paragraphs.start,
            };
            let paragraphs = start..part.paragraphs.end.max(start);
            let has_prose =
                t.paragraphs.get(paragraphs.clone()).is_some_and(|ps| ps.iter().any(|p| p.kind == ParagraphKind::Text));
            if has_prose {
                out.push(Stretch { owner: Owner::Part(i), paragraphs });
            }
        }
        for turn in part.turns.clone() {
            if let Some(tr) = t.turns.get(turn) {
                out.push(Stretch { owner: Owner::Turn(turn), paragraphs: tr.paragraphs.clone() });
                turns_seen += 1;
            }
        }
    }
    // Turns outside every part (a transcript should have none): still stretches.
    if turns_seen < t.turns.len() {
        for (i, tr) in t.turns.iter().enumerate() {
            if !out.iter().any(|s| s.owner == Owner::Turn(i)) {
                out.push(Stretch { owner: Owner::Turn(i), paragraphs: tr.paragraphs.clone() });
            }
        }
        out.sort_by_key(|s| s.paragraphs.start);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::transcript::parse_transcript;

    #[test]
    fn a_monologue_is_one_stretch_and_turns_are_each_one() {
        let monologue = parse_transcript(" date 1790-01-08 Source: X\n\nFirst paragraph.\n\nSecond paragraph.\n");
        assert_eq!(stretches(&monologue), vec![Stretch { owner: Owner::Lead, paragraphs: 0..2 }]);
        let seed = parse_transcript(include_str!("../../../seeds/000_dfd047e8c9417aac.txt"));
        assert!(!seed.turns.is_empty(), "the seed has turns");
        let owners: Vec<Owner> = stretches(&seed).iter().map(|s| s.owner).collect();
        let mut expected: Vec<Owner> = seed.lead.iter().map(|_| Owner::Lead).collect();
        expected.extend((0..seed.turns.len()).map(Owner::Turn));
        assert_eq!(owners, expected);
        assert!(stretches(&parse_transcript("")).is_empty());
    }
}
