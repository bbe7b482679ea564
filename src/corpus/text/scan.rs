//! Byte scanning eight bytes at a time: finding the next line break (or the
//! next non-ASCII byte) without looking at each byte of the long runs of
//! plain ASCII prose in between. The parser and `LineIndex` walk every byte of
//! 200 MB corpora, so this is where their time goes.

const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

/// The index of the first `\n` or `\r` in `bytes` at or after `from`, or
/// `bytes.len()` when there is none.
pub(crate) fn find_line_break(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(chunk) = chunk_at(bytes, i) {
        if has_byte(chunk, b'\n') || has_byte(chunk, b'\r') {
            break;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
        i += 1;
    }
    i.min(bytes.len())
}

/// The index of the first `\n`, `\r` or non-ASCII byte in `bytes` at or after
/// `from`, or `bytes.len()` when there is none.
pub(crate) fn find_break_or_wide(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(chunk) = chunk_at(bytes, i) {
        if chunk & HIGHS != 0 || has_byte(chunk, b'\n') || has_byte(chunk, b'\r') {
            break;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' && bytes[i] < 0x80 {
        i += 1;
    }
    i.min(bytes.len())
}

fn chunk_at(bytes: &[u8], i: usize) -> Option<u64> {
    let eight: [u8; 8] = bytes.get(i..i.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_ne_bytes(eight))
}

/// Whether any byte of `chunk` equals `byte` (the classic "has zero byte"
/// test on `chunk ^ byte…byte`; it has no false positives as a yes/no answer).
fn has_byte(chunk: u64, byte: u8) -> bool {
    let x = chunk ^ (ONES * byte as u64);
    x.wrapping_sub(ONES) & !x & HIGHS != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_same_byte_as_a_plain_loop() {
        let samples =
            ["", "a", "\n", "abcdefgh\n", "abcdefghijklmnop\rq", "long line without any break at all", "ab–cd\n"];
        for s in samples {
            let b = s.as_bytes();
            for from in 0..=b.len() {
                let plain = (from..b.len()).find(|&i| b[i] == b'\n' || b[i] == b'\r').unwrap_or(b.len());
                assert_eq!(find_line_break(b, from), plain, "{s:?} from {from}");
                let plain =
                    (from..b.len()).find(|&i| b[i] == b'\n' || b[i] == b'\r' || b[i] >= 0x80).unwrap_or(b.len());
                assert_eq!(find_break_or_wide(b, from), plain, "{s:?} from {from}");
            }
        }
    }
}
