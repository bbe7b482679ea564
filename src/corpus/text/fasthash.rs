//! A fast, non-cryptographic hasher for maps keyed by words and term ids,
//! where std's default SipHash would dominate the cost of indexing a corpus.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A small, fast, non-cryptographic hasher (the Fx hash of rustc) for maps
/// keyed by words and term ids; nothing here is exposed to untrusted keys
/// in a way that collisions could hurt beyond speed.
#[derive(Default, Clone, Copy)]
pub struct FastHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut buf = [0u8; 8];
            buf.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(buf));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// A `HashMap` with the fast hasher.
pub type FastHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// Hashes bytes with the fast hasher.
pub fn fast_hash(bytes: &[u8]) -> u64 {
    let mut h = FastHasher::default();
    h.write(bytes);
    h.finish()
}

/// A well-mixed 64-bit hash of bytes, for keys trusted without comparing the
/// bytes themselves (the word memo of `counting`). The Fx hash above is not
/// enough for that: a difference in the high bytes of one 8-byte chunk barely
/// reaches the next chunk, and real words collide ("organised"/"organisms").
/// Here each chunk goes through a folded multiply (the full 128-bit product,
/// high half xor low half, as in foldhash), in which every input bit reaches
/// every output bit, so two distinct words share a hash with probability
/// about 2^-64; it costs one multiply per 8 bytes, which matters at one call
/// per word of the corpus.
pub fn mixed_hash(bytes: &[u8]) -> u64 {
    let mut h = folded_multiply(bytes.len() as u64 ^ 0x243F_6A88_85A3_08D3, 0x9E37_79B9_7F4A_7C15);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut buf = [0u8; 8];
        buf.copy_from_slice(chunk);
        h = folded_multiply(h ^ u64::from_le_bytes(buf), 0xff51_afd7_ed55_8ccd);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        h = folded_multiply(h ^ u64::from_le_bytes(buf), 0xc4ce_b9fe_1a85_ec53);
    }
    h
}

#[inline]
fn folded_multiply(x: u64, k: u64) -> u64 {
    let product = (x as u128).wrapping_mul(k as u128);
    (product as u64) ^ ((product >> 64) as u64)
}

/// The finalizer of MurmurHash3: a bijection on u64 in which every input bit
/// affects every output bit.
#[inline]
pub(crate) fn fmix64(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^= k >> 33;
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixed_hash_tells_apart_words_the_fx_hash_confuses() {
        for (a, b) in [("organised", "organisms"), ("expressed", "expressmy"), ("serviceman", "service-in")] {
            assert_eq!(fast_hash(a.as_bytes()), fast_hash(b.as_bytes()), "the Fx weakness this guards against");
            assert_ne!(mixed_hash(a.as_bytes()), mixed_hash(b.as_bytes()));
        }
        // The length is mixed in: trailing zero bytes are not padding.
        assert_ne!(mixed_hash(b"ab"), mixed_hash(b"ab\0"));
    }
}
