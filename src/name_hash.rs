//! The hash behind the generated `from_name` lookups.
//!
//! [`Subprotocol::from_name`](crate::Subprotocol::from_name) and
//! [`Extension::from_name`](crate::Extension::from_name) call it.
//!
//! `cargo xtask regen` builds a perfect hash over each registry's identifiers: every
//! registered name lands in its own slot of a generated table, so a lookup is one hash, one
//! or two table loads and one string comparison, whatever the number of names. The generator
//! includes this very file (`#[path]`), so the hash it plans with and the hash the runtime
//! computes cannot disagree.
//!
//! Three ways of reading the key, chosen per registry at generation time:
//!
//! - [`words`]: the length and the two words of [`key_words`], which the lookup compares
//!   with its slot anyway; used when those tell every registered name apart (the
//!   subprotocol registry today).
//! - [`sampled`]: the length and up to [`MAX_SAMPLES`] bytes at fixed positions, counted from
//!   the start or from the end (as gperf does). The generator picks the fewest positions that
//!   tell every registered name apart, so the hash input of two registered names always
//!   differs. Reading three bytes is cheaper than hashing a 40-byte identifier.
//! - [`whole`]: every byte, for sets that a few positions cannot tell apart.
//!
//! And two table layouts, also chosen by the generator:
//!
//! - [`direct_slot`]: one table indexed by the top bits of the hash (small registries, where a
//!   seed that spreads every name to its own slot is quick to find);
//! - [`bucket`] and [`displaced_slot`]: the hash picks a bucket, the bucket's generated
//!   "pilot" value moves its names to free slots (hash-and-displace, for large registries).
//!
//! A name that is not registered still hashes to some slot; the string comparison that
//! follows rejects it. Nothing here can panic: positions past the end are clamped.

/// Position flag: a sample position with this bit set counts from the end of the key
/// (`FROM_END | 0` is the last byte).
pub(crate) const FROM_END: u8 = 0x80;

/// The most positions [`sampled`] reads: the length and seven bytes fill one `u64`.
pub(crate) const MAX_SAMPLES: usize = 7;

/// An odd 64-bit constant (the golden ratio): multiplying by it is a bijection that pushes
/// every input bit towards the high bits, which is where the slot and bucket come from.
const MIX: u64 = 0x9E37_79B9_7F4A_7C15;

/// A second odd constant, so that a bucket's pilot perturbs the hash independently of `MIX`.
const PILOT_MIX: u64 = 0xC2B2_AE3D_27D4_EB4F;

/// The byte of `key` at an encoded sample position. A position past the end reads the
/// byte nearest to it (the last byte, or the first when counting from the end), and an empty
/// key reads 0: clamping instead of branching keeps the read branch-free, and the generator
/// plans with this same function, so any deterministic answer is as good as another.
const fn sample(key: &[u8], position: u8) -> u8 {
    let len = key.len();
    if len == 0 {
        return 0;
    }
    let last = len - 1;
    let index = if position & FROM_END == 0 {
        let forward = position as usize;
        if forward < last {
            forward
        } else {
            last
        }
    } else {
        last.saturating_sub((position & !FROM_END) as usize)
    };
    key[index]
}

/// The hash input of [`sampled`]: the length in the low byte(s), each sampled byte in its own
/// byte lane above it. The generator checks that this word differs for every registered name.
pub(crate) const fn sample_word(key: &[u8], positions: &[u8]) -> u64 {
    let mut word = key.len() as u64;
    let mut i = 0;
    while i < positions.len() && i < MAX_SAMPLES {
        word ^= (sample(key, positions[i]) as u64) << (8 * (i + 1));
        i += 1;
    }
    word
}

/// Hashes the length and the bytes at `positions` (at most [`MAX_SAMPLES`] are read).
#[inline(always)]
pub(crate) const fn sampled(key: &[u8], positions: &[u8], seed: u64) -> u64 {
    (sample_word(key, positions) ^ seed).wrapping_mul(MIX)
}

/// Hashes every byte of `key`, eight at a time.
pub(crate) const fn whole(key: &[u8], seed: u64) -> u64 {
    let mut hash = seed ^ (key.len() as u64).wrapping_mul(PILOT_MIX);
    let mut i = 0;
    while i < key.len() {
        let mut word = 0u64;
        let mut lane = 0;
        while lane < 8 && i + lane < key.len() {
            word |= (key[i + lane] as u64) << (8 * lane);
            lane += 1;
        }
        hash = (hash ^ word).wrapping_mul(MIX).rotate_left(29);
        i += 8;
    }
    // Fold the high half down so that the top bits depend on every byte.
    (hash ^ (hash >> 32)).wrapping_mul(MIX)
}

/// The slot of a hash in a table of `1 << bits` slots (`1 <= bits <= 63`): its top bits.
#[inline(always)]
pub(crate) const fn direct_slot(hash: u64, bits: u32) -> usize {
    (hash >> (64 - bits)) as usize
}

/// The bucket of a hash among `buckets` buckets (fewer than 2^32): a multiply-shift range
/// reduction of its high half, which is always below `buckets`.
#[inline(always)]
pub(crate) const fn bucket(hash: u64, buckets: usize) -> usize {
    (((hash >> 32) * buckets as u64) >> 32) as usize
}

/// The slot of a hash displaced by its bucket's pilot, among `slots` slots (fewer than
/// 2^32): always below `slots`.
#[inline(always)]
pub(crate) const fn displaced_slot(hash: u64, pilot: u64, slots: usize) -> usize {
    let mixed = (hash ^ pilot.wrapping_mul(PILOT_MIX)).wrapping_mul(MIX);
    (((mixed >> 32) * slots as u64) >> 32) as usize
}

/// How many bytes of a name [`key_words`] cover whole: a name up to this long is told apart
/// by its words and its length.
pub(crate) const WORD_KEY_BYTES: usize = 16;

/// How many bytes of a name a [`NameSlot`] holds: a name up to this long is compared with
/// its slot alone ([`key_words`] and [`middle_words`]), a longer one also with its
/// identifier.
pub(crate) const INLINE_KEY_BYTES: usize = 32;

/// A name as a slot keeps it, for comparing without following a pointer: for up to
/// [`WORD_KEY_BYTES`] bytes, two words that, together with the length, differ for any
/// two different names (the first, middle and last byte of a 1- to 3-byte name; the first
/// and last four bytes of a 4- to 7-byte one; the first and last eight of an 8- to 16-byte
/// one). A longer name gives its first and last eight bytes; [`middle_words`] covers the
/// rest of a name up to [`INLINE_KEY_BYTES`], and the caller compares a longer one whole.
///
/// The generator computes the words of every registered name with this very function, and
/// `from_name` computes the words of the name it is asked for, so both sides always agree.
#[inline(always)]
pub(crate) fn key_words(key: &[u8]) -> [u64; 2] {
    let len = key.len();
    // Longest class first: most registered names have eight bytes or more. The order is
    // measured, not cosmetic: the `match` on the same classes (shortest first) ran the
    // shuffled hits 1.6x slower on this project's benchmark (`benches/BENCHMARKS.md`).
    if len >= 8 {
        [word(key, 0), word(key, len - 8)]
    } else if len >= 4 {
        [
            half_word(key, 0) as u64 | (half_word(key, len - 4) as u64) << 32,
            0,
        ]
    } else if len > 0 {
        let (mid, last) = (len / 2, len - 1);
        let packed =
            byte(key, 0) as u64 | (byte(key, mid) as u64) << 8 | (byte(key, last) as u64) << 16;
        [packed, 0]
    } else {
        [0, 0]
    }
}

/// The rest of a 17- to 32-byte name, which [`key_words`] does not cover: the eight bytes
/// after the first eight, and the eight before the last eight (the two overlap for a name
/// under 32 bytes). With [`key_words`] and the length they tell any two such names apart;
/// for any other length they are zero, so that a slot compares them whatever the name.
#[inline(always)]
pub(crate) fn middle_words(key: &[u8]) -> [u64; 2] {
    let len = key.len();
    if len > WORD_KEY_BYTES && len <= INLINE_KEY_BYTES {
        [word(key, 8), word(key, len - 16)]
    } else {
        [0, 0]
    }
}

/// What [`words`] multiplies: a name's length and its [`key_words`] folded into one word.
/// Two names with the same input share every hash, whatever the seed, so the generator uses
/// [`words`] only for a set whose inputs all differ. The two words are added, not XORed: an
/// 8-byte name's two words are the same, and their sum keeps all but the top bit (which no
/// ASCII name sets) where their XOR would be zero.
#[inline(always)]
pub(crate) const fn words_input(len: usize, words: [u64; 2]) -> u64 {
    let [first, last] = words;
    first.wrapping_add(last) ^ len as u64
}

/// Hashes a name's length and its [`key_words`]: the words a lookup compares with its slot
/// anyway, so that the hash reads nothing the comparison does not (the caller computes them
/// once, for both). One 64-bit multiply by the seed; the slot is the product's top bits, the
/// ones every input bit reaches. The seed is a constant of the generated code, so `seed | 1`
/// costs nothing. A full 128-bit product with its halves folded mixed better, but cost a
/// wider multiply and a fold on every lookup, where the generator can simply try more seeds
/// (`benches/BENCHMARKS.md`).
#[inline(always)]
pub(crate) const fn words(len: usize, words: [u64; 2], seed: u64) -> u64 {
    words_input(len, words).wrapping_mul(seed | 1)
}

/// One slot of a generated perfect-hash table: the registered name that hashes there, kept
/// as [`key_words`], [`middle_words`] and its length, and its value; `value` is `None` in a
/// free slot. Comparing a name with its slot reads this one record: the slot's words, length
/// and value sit side by side, so a lookup follows no pointer for names up to
/// [`INLINE_KEY_BYTES`] bytes (today 66 of the 69 registered subprotocols).
pub(crate) struct NameSlot<T: 'static> {
    /// [`key_words`] of the name.
    pub(crate) words: [u64; 2],
    /// [`middle_words`] of the name.
    pub(crate) middle: [u64; 2],
    /// The name's length in bytes.
    pub(crate) len: u16,
    /// What `from_name` answers for the name, or `None` for a free slot.
    pub(crate) value: Option<T>,
}

impl<T: 'static> NameSlot<T> {
    /// A slot no registered name hashes to. It [`holds`](Self::holds) only the empty name
    /// (length 0, both words 0), and its `value` answers `None` for it: so `from_name` can
    /// return the value of any slot that holds a short name, without asking whether the slot
    /// is free.
    pub(crate) const FREE: Self = NameSlot {
        words: [0, 0],
        middle: [0, 0],
        len: 0,
        value: None,
    };

    /// Whether `key`, whose [`key_words`] are `words`, is this slot's name, as far as the
    /// slot can tell. For names up to [`INLINE_KEY_BYTES`] bytes that is the whole answer;
    /// for longer ones the caller also compares the whole name. A name of up to
    /// [`WORD_KEY_BYTES`] has no middle to compare.
    #[inline(always)]
    pub(crate) fn holds(&self, key: &[u8], words: [u64; 2]) -> bool {
        let len = key.len();
        self.len as usize == len
            && self.words[0] == words[0]
            && self.words[1] == words[1]
            && (len <= WORD_KEY_BYTES || self.middle == middle_words(key))
    }
}

/// `a == b` for byte strings, written so that the compiler inlines it: one or two
/// overlapping loads per side for names up to 16 bytes, and whole words beyond, never a call
/// to `memcmp` (whose call costs more than the whole lookup for names this short).
#[inline(always)]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let len = a.len();
    if len != b.len() {
        return false;
    }
    match len {
        0 => true,
        // The first, middle and last byte cover every byte of a 1- to 3-byte name.
        1..=3 => {
            let (mid, last) = (len / 2, len - 1);
            byte(a, 0) == byte(b, 0)
                && byte(a, mid) == byte(b, mid)
                && byte(a, last) == byte(b, last)
        }
        4..=7 => {
            half_word(a, 0) == half_word(b, 0) && half_word(a, len - 4) == half_word(b, len - 4)
        }
        8..=16 => word(a, 0) == word(b, 0) && word(a, len - 8) == word(b, len - 8),
        _ => {
            a.chunks_exact(8)
                .zip(b.chunks_exact(8))
                .all(|(x, y)| word(x, 0) == word(y, 0))
                && word(a, len - 8) == word(b, len - 8)
        }
    }
}

/// The byte at `index` (0 if there is none, which `same_bytes` never asks for).
#[inline(always)]
fn byte(bytes: &[u8], index: usize) -> u8 {
    match bytes.get(index) {
        Some(&byte) => byte,
        None => 0,
    }
}

/// The eight bytes at `start` as a word (0 if they are not all there, which `same_bytes`
/// never asks for).
#[inline(always)]
fn word(bytes: &[u8], start: usize) -> u64 {
    // `get` and `try_from`, not `first_chunk`: the crate builds with Rust 1.63.
    match bytes.get(start..).and_then(|rest| rest.get(..8)) {
        Some(chunk) => match <[u8; 8]>::try_from(chunk) {
            Ok(chunk) => u64::from_le_bytes(chunk),
            Err(_) => 0,
        },
        None => 0,
    }
}

/// The four bytes at `start` (0 if they are not all there).
#[inline(always)]
fn half_word(bytes: &[u8], start: usize) -> u32 {
    // `get` and `try_from`, not `first_chunk`: the crate builds with Rust 1.63.
    match bytes.get(start..).and_then(|rest| rest.get(..4)) {
        Some(chunk) => match <[u8; 4]>::try_from(chunk) {
            Ok(chunk) => u32::from_le_bytes(chunk),
            Err(_) => 0,
        },
        None => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_past_either_end_read_the_nearest_byte() {
        assert_eq!(sample(b"abc", 0), b'a');
        assert_eq!(sample(b"abc", 2), b'c');
        assert_eq!(sample(b"abc", 3), b'c');
        assert_eq!(sample(b"abc", 0x7F), b'c');
        assert_eq!(sample(b"abc", FROM_END), b'c');
        assert_eq!(sample(b"abc", FROM_END | 2), b'a');
        assert_eq!(sample(b"abc", FROM_END | 3), b'a');
        assert_eq!(sample(b"abc", 0xFF), b'a');
        assert_eq!(sample(b"", 0), 0);
        assert_eq!(sample(b"", FROM_END), 0);
    }

    #[test]
    fn the_sample_word_keeps_each_byte_in_its_lane() {
        assert_eq!(
            sample_word(b"ab", &[0, FROM_END]),
            2 | (0x61 << 8) | (0x62 << 16)
        );
        // Positions beyond MAX_SAMPLES are ignored, not read into a shifted-out lane.
        let many = [0u8; 12];
        assert_eq!(sample_word(b"\x01", &many), 1 | 0x0101_0101_0101_0100);
    }

    #[test]
    fn reductions_stay_in_range() {
        for hash in [0, 1, u64::MAX, MIX, PILOT_MIX, 1 << 63] {
            assert!(direct_slot(hash, 1) < 2);
            assert!(direct_slot(hash, 8) < 256);
            assert!(bucket(hash, 7) < 7);
            for pilot in [0, 1, 65_535] {
                assert!(displaced_slot(hash, pilot, 13) < 13);
            }
        }
    }

    /// The words are part of the generated tables (each slot holds its name's), so their
    /// layout is pinned here as documented: the generated code and this function must not
    /// drift apart without a `cargo xtask regen`.
    #[test]
    fn key_words_are_the_documented_bytes() {
        assert_eq!(key_words(b""), [0, 0]);
        // First, middle and last byte, in the low three byte lanes.
        assert_eq!(key_words(b"a"), [0x61_6161, 0]);
        assert_eq!(key_words(b"ab"), [0x62_6261, 0]);
        assert_eq!(key_words(b"abc"), [0x63_6261, 0]);
        // The first and last four bytes, in the low and high halves.
        assert_eq!(key_words(b"abcd"), [0x6463_6261_6463_6261, 0]);
        assert_eq!(key_words(b"abcdefg"), [0x6766_6564_6463_6261, 0]);
        // The first and last eight bytes.
        assert_eq!(
            key_words(b"abcdefghi"),
            [0x6867_6665_6463_6261, 0x6968_6766_6564_6362]
        );
    }

    #[test]
    fn key_words_and_length_tell_every_short_name_apart() {
        // Every name of up to 3 bytes over a small alphabet, and 4- to 16-byte names that
        // differ in one byte anywhere: equal words and length mean equal bytes.
        const ALPHABET: [u8; 4] = [b'a', b'b', b'.', 0xFF];
        // Name number `n`: its length, then its bytes as base-4 digits.
        fn short_name(n: usize, buffer: &mut [u8; 3]) -> &[u8] {
            let (len, mut digits) = match n {
                0 => (0, 0),
                1..=4 => (1, n - 1),
                5..=20 => (2, n - 5),
                _ => (3, n - 21),
            };
            for byte in buffer.iter_mut().take(len) {
                *byte = ALPHABET[digits % 4];
                digits /= 4;
            }
            &buffer[..len]
        }
        for i in 0..85 {
            for j in 0..85 {
                let (mut x, mut y) = ([0u8; 3], [0u8; 3]);
                let (a, b) = (short_name(i, &mut x), short_name(j, &mut y));
                let same = a.len() == b.len() && key_words(a) == key_words(b);
                assert_eq!(same, a == b, "{a:?} {b:?}");
            }
        }
        let letters = *b"abcdefghijklmnop";
        for len in 4..=WORD_KEY_BYTES {
            let name = &letters[..len];
            for i in 0..len {
                let mut edited = letters;
                edited[i] ^= 0x20;
                assert_ne!(
                    key_words(name),
                    key_words(&edited[..len]),
                    "{len} bytes, byte {i}"
                );
            }
        }
        // Past 16 bytes the words are the first and last eight bytes, whatever is between.
        assert_eq!(
            key_words(b"01234567-X-abcdefgh"),
            key_words(b"01234567-x-abcdefgh")
        );
        assert_ne!(
            key_words(b"01234567-X-abcdefgh"),
            key_words(b"01234567-X-abcdefgH")
        );
    }

    #[test]
    fn a_free_slot_holds_no_name_and_a_slot_holds_its_own() {
        let free: NameSlot<u8> = NameSlot::FREE;
        assert!(free.value.is_none());
        let slot_of = |name: &[u8]| NameSlot {
            words: key_words(name),
            middle: middle_words(name),
            len: name.len() as u16,
            value: Some(7u8),
        };
        let short = slot_of(b"MBWS.huawei.com");
        let holds = |slot: &NameSlot<u8>, key: &[u8]| slot.holds(key, key_words(key));
        assert!(holds(&short, b"MBWS.huawei.com"));
        assert!(!holds(&short, b"MBWS.huawei.co"));
        assert!(!holds(&short, b"MBWS.huawei.con"));
        assert!(!holds(&short, b""));
        // A 17- to 32-byte name is held whole: a change between its first and last eight
        // bytes is a different name.
        let long = b"v3.penguin-stats.live+proto";
        let middle = slot_of(long);
        assert!(holds(&middle, long));
        for i in 0..long.len() {
            let mut edited = *long;
            edited[i] ^= 0x20;
            assert!(!holds(&middle, &edited), "byte {i}");
        }
        // A free slot's words and length are the empty name's: its `None` value is what
        // makes `from_name("")` answer `None` there.
        assert!(free.holds(b"", key_words(b"")));
    }

    #[test]
    fn middle_words_cover_the_bytes_key_words_leave_out() {
        // Zero outside 17 to 32 bytes.
        assert_eq!(middle_words(b""), [0, 0]);
        assert_eq!(middle_words(b"0123456789abcdef"), [0, 0]);
        assert_eq!(middle_words(&[b'x'; 33]), [0, 0]);
        // 17 bytes: bytes 8-15 and 1-8.
        assert_eq!(
            middle_words(b"0123456789abcdefg"),
            [
                u64::from_le_bytes(*b"89abcdef"),
                u64::from_le_bytes(*b"12345678")
            ]
        );
        // 32 bytes: the two middle words are bytes 8-15 and 16-23, side by side.
        let name = b"0123456789abcdefghijklmnopqrstuv";
        assert_eq!(
            middle_words(name),
            [
                u64::from_le_bytes(*b"89abcdef"),
                u64::from_le_bytes(*b"ghijklmn")
            ]
        );
        // Together with key_words and the length, every byte of a 17- to 32-byte name counts.
        let letters = *b"abcdefghijklmnopqrstuvwxyzABCDEF";
        for len in WORD_KEY_BYTES + 1..=INLINE_KEY_BYTES {
            let name = &letters[..len];
            for i in 0..len {
                let mut edited = letters;
                edited[i] ^= 0x20;
                let edited = &edited[..len];
                assert_ne!(
                    (key_words(name), middle_words(name)),
                    (key_words(edited), middle_words(edited)),
                    "{len} bytes, byte {i}"
                );
            }
        }
    }

    #[test]
    fn same_bytes_is_equality() {
        let samples: [&[u8]; 12] = [
            b"",
            b"a",
            b"ab",
            b"abc",
            b"abcd",
            b"abce",
            b"abcdefg",
            b"abcdefgh",
            b"abcdefgi",
            b"0123456789abcdef",
            b"0123456789abcdeF",
            b"0123456789abcdef0123456789abcdef!",
        ];
        for a in samples {
            for b in samples {
                assert_eq!(same_bytes(a, b), a == b, "{a:?} {b:?}");
            }
            let mut buffer = [0u8; 64];
            let flipped = &mut buffer[..a.len()];
            flipped.copy_from_slice(a);
            for i in 0..a.len() {
                flipped[i] ^= 0x20;
                assert!(!same_bytes(a, flipped));
                flipped[i] ^= 0x20;
            }
        }
    }

    #[test]
    fn whole_reads_every_byte() {
        let a = whole(b"0123456789abcdefX", 0);
        let b = whole(b"0123456789abcdefY", 0);
        let c = whole(b"1123456789abcdefX", 0);
        assert!(a != b && a != c && b != c);
        assert_ne!(whole(b"", 0), whole(b"\0", 0));
    }

    /// The hash functions written again from their specification, the plain way (u128
    /// arithmetic, `chunks`, `from_le_bytes`), as an oracle for the `const fn` versions.
    mod reference {
        use super::super::{FROM_END, MAX_SAMPLES, MIX, PILOT_MIX};

        pub fn whole(key: &[u8], seed: u64) -> u64 {
            let mut hash = seed ^ (key.len() as u64).wrapping_mul(PILOT_MIX);
            for chunk in key.chunks(8) {
                let mut bytes = [0u8; 8];
                bytes[..chunk.len()].copy_from_slice(chunk);
                hash = (hash ^ u64::from_le_bytes(bytes))
                    .wrapping_mul(MIX)
                    .rotate_left(29);
            }
            (hash ^ (hash >> 32)).wrapping_mul(MIX)
        }

        pub fn sample_word(key: &[u8], positions: &[u8]) -> u64 {
            let byte = |position: u8| -> u64 {
                let Some(last) = key.len().checked_sub(1) else {
                    return 0;
                };
                let index = if position & FROM_END == 0 {
                    usize::from(position).min(last)
                } else {
                    last.saturating_sub(usize::from(position & !FROM_END))
                };
                u64::from(key[index])
            };
            positions
                .iter()
                .take(MAX_SAMPLES)
                .enumerate()
                .fold(key.len() as u64, |word, (lane, &position)| {
                    word ^ (byte(position) << (8 * (lane + 1)))
                })
        }

        /// `floor(high half of hash / 2^32 * n)`.
        pub fn reduce(hash: u64, n: usize) -> usize {
            ((u128::from(hash >> 32) * n as u128) >> 32) as usize
        }

        pub fn displaced_slot(hash: u64, pilot: u64, slots: usize) -> usize {
            reduce(
                (hash ^ pilot.wrapping_mul(PILOT_MIX)).wrapping_mul(MIX),
                slots,
            )
        }
    }

    extern crate std;
    use std::vec::Vec;

    /// Keys of every length from 0 to 300 (past 255, where the length reaches the first
    /// sample lane), with varied bytes.
    fn keys() -> impl Iterator<Item = Vec<u8>> {
        (0..=300usize).map(|len| (0..len).map(|i| (i * 37 + len) as u8).collect())
    }

    #[test]
    fn hashes_match_their_reference_implementation() {
        let positions = [0, 3, FROM_END, FROM_END | 5, 200, 1, 2, 9];
        for key in keys() {
            for seed in [0, 1, MIX, u64::MAX] {
                assert_eq!(whole(&key, seed), reference::whole(&key, seed), "{key:?}");
            }
            for n in 0..=positions.len() {
                assert_eq!(
                    sample_word(&key, &positions[..n]),
                    reference::sample_word(&key, &positions[..n]),
                    "{key:?} {n}"
                );
            }
        }
    }

    #[test]
    fn reductions_match_their_reference_implementation() {
        let hashes = keys().map(|key| whole(&key, 7));
        for hash in hashes.chain([0, 1, u64::MAX, 1 << 63, 1 << 32]) {
            for n in [1, 2, 7, 13, 1000, u32::MAX as usize] {
                assert_eq!(bucket(hash, n), reference::reduce(hash, n), "{hash} {n}");
                for pilot in [0, 1, 2, 65_535] {
                    assert_eq!(
                        displaced_slot(hash, pilot, n),
                        reference::displaced_slot(hash, pilot, n),
                        "{hash} {pilot} {n}"
                    );
                }
            }
        }
        // The ends of the range: the top hash lands in the last bucket, half in the middle.
        assert_eq!(bucket(u64::MAX, 10), 9);
        assert_eq!(bucket(1 << 63, 10), 5);
        assert_eq!(bucket(0, 10), 0);
    }
}
