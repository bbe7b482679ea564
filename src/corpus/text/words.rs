//! Counting words, the figure shown in outlines and hovers. The count walks
//! every byte of every transcript, so plain ASCII runs are counted 64 bytes
//! at a time with bit masks; other text one character at a time. Both give
//! exactly the count of the character-by-character rule.

/// Counts words the way the hover and outline do: runs of letters or digits,
/// with inner apostrophes and hyphens kept inside the word.
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut counter = Counter::default();
    let mut i = 0;
    while i < bytes.len() {
        match bytes.get(i..i + BLOCK).filter(|block| block.is_ascii()) {
            Some(block) => {
                counter.ascii_block(block);
                i += BLOCK;
            }
            None if bytes.len() - i < BLOCK && bytes[i..].is_ascii() => {
                // An ASCII tail shorter than a block: pad it with spaces, which
                // end a word but never start one.
                let mut padded = [b' '; BLOCK];
                padded[..bytes.len() - i].copy_from_slice(&bytes[i..]);
                counter.ascii_block(&padded);
                break;
            }
            None => {
                // Step character by character past this block, then try blocks again.
                let stop = (i + BLOCK).min(bytes.len());
                let Some(rest) = text.get(i..) else { break };
                for c in rest.chars() {
                    if i >= stop {
                        break;
                    }
                    counter.char(c);
                    i += c.len_utf8();
                }
            }
        }
    }
    counter.words
}

const BLOCK: usize = 64;

#[derive(Default)]
struct Counter {
    words: usize,
    /// The last character read belongs to a word (a joiner after a letter counts).
    in_word: bool,
}

impl Counter {
    fn char(&mut self, c: char) {
        let class = if c.is_ascii() {
            ASCII_WORD_CLASS[c as usize]
        } else if c.is_alphanumeric() {
            WORD_CHAR
        } else if c == '’' {
            WORD_JOINER
        } else {
            NOT_WORD
        };
        self.words += usize::from(class == WORD_CHAR && !self.in_word);
        self.in_word = class == WORD_CHAR || (self.in_word && class == WORD_JOINER);
    }

    /// Counts 64 ASCII bytes at once. Bit `k` of each mask stands for byte `k`.
    fn ascii_block(&mut self, block: &[u8]) {
        let mut word_chars = 0u64;
        let mut joiners = 0u64;
        for (k, eight) in block.chunks_exact(8).enumerate() {
            let mut word = [0u8; 8];
            word.copy_from_slice(eight);
            let x = u64::from_le_bytes(word);
            let letters = in_range(x | u64::from_le_bytes([0x20; 8]), b'a', b'z');
            let digits = in_range(x, b'0', b'9');
            let joins = in_range(x, b'\'', b'\'') | in_range(x, b'-', b'-');
            word_chars |= gather(letters | digits) << (8 * k);
            joiners |= gather(joins) << (8 * k);
        }
        let carry = u64::from(self.in_word);
        // Joiners right after a word character (or after a word running in
        // from the previous block) keep the word going; adding those seeds to
        // the joiner mask clears every joiner run they reach.
        let seeds = ((word_chars << 1) | carry) & joiners;
        let joined = joiners & !joiners.wrapping_add(seeds);
        let in_word = word_chars | joined;
        let starts = word_chars & !((in_word << 1) | carry);
        self.words += starts.count_ones() as usize;
        self.in_word = in_word >> 63 == 1;
    }
}

/// For eight ASCII bytes (each below 0x80), the high bit of each byte is set
/// where the byte lies in `lo..=hi`. No sum crosses into the next byte.
fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    let at_least_lo = x + u64::from_le_bytes([0x80 - lo; 8]);
    let above_hi = x + u64::from_le_bytes([0x7f - hi; 8]);
    at_least_lo & !above_hi & u64::from_le_bytes([0x80; 8])
}

/// Packs the high bits of eight bytes into eight bits, byte `k` to bit `k`.
fn gather(high_bits: u64) -> u64 {
    ((high_bits >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

const NOT_WORD: u8 = 0;
const WORD_CHAR: u8 = 1;
/// An apostrophe or hyphen: inside a word it keeps the word going ("don't", "well-known").
const WORD_JOINER: u8 = 2;

const ASCII_WORD_CLASS: [u8; 128] = {
    let mut table = [NOT_WORD; 128];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() {
            table[b] = WORD_CHAR;
        } else if byte == b'\'' || byte == b'-' {
            table[b] = WORD_JOINER;
        }
        b += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule as first written, one character at a time.
    fn reference(text: &str) -> usize {
        let mut words = 0;
        let mut in_word = false;
        for c in text.chars() {
            if c.is_alphanumeric() {
                if !in_word {
                    words += 1;
                    in_word = true;
                }
            } else if !(in_word && matches!(c, '\'' | '’' | '-')) {
                in_word = false;
            }
        }
        words
    }

    #[test]
    fn counts_like_the_character_rule_on_mixed_text() {
        // Pieces that stress block edges: joiner runs, words and non-ASCII
        // characters that straddle the 64-byte boundaries.
        let pieces =
            ["don't ", "well--known", " -x ", "'quoted' ", "Путин ", "a’b ", "–", "42", " ", "\n\n", "x", "-", "'"];
        let mut state = 12345u64;
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..(state % 90) {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                text.push_str(pieces[(state >> 33) as usize % pieces.len()]);
            }
            assert_eq!(count_words(&text), reference(&text), "{text:?}");
        }
    }

    #[test]
    fn keeps_inner_apostrophes_and_hyphens() {
        assert_eq!(count_words("It's a well-known fact - isn't it?"), 6);
        assert_eq!(count_words(""), 0);
    }
}
