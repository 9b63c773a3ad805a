//! The perfect-hash search behind the generated `from_name` lookups, and the tables it emits.
//!
//! The lookups are those of `Subprotocol` and `Extension`.
//!
//! Given a registry's identifiers, [`build`] chooses how to read a name (a few byte positions,
//! or the whole name), a seed, and a table layout, such that every identifier lands in a slot
//! of its own. The runtime half, the hash functions themselves, is `src/name_hash.rs`, which
//! this module compiles in with `#[path]`: one implementation for planning and for lookups.
//!
//! Every choice is deterministic (candidates and seeds are tried in a fixed order), so the
//! same identifiers always produce the same tables.

#[path = "../../../src/name_hash.rs"]
#[allow(dead_code)]
mod name_hash;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;

use name_hash::{FROM_END, MAX_SAMPLES};

/// Registries larger than this skip the position search and hash whole names: the greedy
/// search costs `candidates x positions x n log n`, and large sets rarely separate on seven
/// bytes anyway.
const MAX_KEYS_FOR_SAMPLING: usize = 1024;

/// How far from each end the position search looks.
const MAX_FORWARD_POSITION: usize = 64;
const MAX_BACKWARD_POSITION: usize = 16;

/// A direct table may have at most this many slots per name (and at most
/// [`MAX_DIRECT_SLOTS`] in all); beyond that the displaced layout is smaller.
const MAX_DIRECT_SLOTS_PER_KEY: usize = 16;
const MAX_DIRECT_SLOTS: usize = 4096;
/// Seeds tried per direct table size.
const DIRECT_SEED_ATTEMPTS: u64 = 2_000;

/// Displaced layout: names per bucket and slots per name.
const KEYS_PER_BUCKET: usize = 3;
const LOAD_FACTOR_PERCENT: usize = 85;
/// Pilot values tried per bucket before the search gives up on a seed.
const MAX_PILOT: u64 = u16::MAX as u64;
const DISPLACED_SEED_ATTEMPTS: u64 = 64;

/// How the generated code reads a name before hashing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyReader {
    /// `name_hash::sampled` with these positions.
    Sampled(Vec<u8>),
    /// `name_hash::words`: the length and the words the slot comparison reads.
    Words,
    /// `name_hash::whole`.
    Whole,
}

impl KeyReader {
    /// The hash of `key` with `seed`, exactly as the generated code computes it.
    fn hash(&self, key: &[u8], seed: u64) -> u64 {
        match self {
            KeyReader::Sampled(positions) => name_hash::sampled(key, positions, seed),
            KeyReader::Words => name_hash::words(key.len(), name_hash::key_words(key), seed),
            KeyReader::Whole => name_hash::whole(key, seed),
        }
    }
}

/// Where each hash goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// `slots[direct_slot(hash, bits)]`; `slots.len() == 1 << bits`.
    Direct {
        bits: u32,
        slots: Vec<Option<usize>>,
    },
    /// `slots[displaced_slot(hash, pilots[bucket(hash, pilots.len())], slots.len())]`.
    Displaced {
        pilots: Vec<u64>,
        slots: Vec<Option<usize>>,
    },
}

impl Layout {
    /// The table of key indexes: the key that hashes to each slot, `None` for a free slot.
    pub fn slots(&self) -> &[Option<usize>] {
        match self {
            Layout::Direct { slots, .. } | Layout::Displaced { slots, .. } => slots,
        }
    }
}

/// A perfect hash over one registry's identifiers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameIndex {
    pub reader: KeyReader,
    pub seed: u64,
    pub layout: Layout,
}

impl NameIndex {
    /// The hash of `key`, exactly as the generated code computes it.
    pub fn hash(&self, key: &[u8]) -> u64 {
        self.reader.hash(key, self.seed)
    }

    /// The slot `key` lands in, exactly as the generated code computes it.
    pub fn slot(&self, key: &[u8]) -> usize {
        let hash = self.hash(key);
        match &self.layout {
            Layout::Direct { bits, .. } => name_hash::direct_slot(hash, *bits),
            Layout::Displaced { pilots, slots } => {
                let pilot = pilots[name_hash::bucket(hash, pilots.len())];
                name_hash::displaced_slot(hash, pilot, slots.len())
            }
        }
    }

    /// The index of the registered name `key` would be, if any (what `from_name` answers).
    pub fn lookup(&self, keys: &[&str], key: &str) -> Option<usize> {
        let index = (*self.layout.slots().get(self.slot(key.as_bytes()))?)?;
        (keys.get(index) == Some(&key)).then_some(index)
    }
}

/// Builds a perfect hash over `keys` (which must be distinct), and checks it before returning
/// it. `Err` says why not; with distinct keys that would take a pathological set (every seed
/// and pilot failing) or a bug.
pub fn build(keys: &[&str]) -> Result<NameIndex, String> {
    if let Some(duplicate) = first_duplicate(keys) {
        return Err(format!("identifier {duplicate:?} appears twice"));
    }
    let reader = if words_tell_apart(keys) {
        KeyReader::Words
    } else {
        match choose_positions(keys) {
            Some(positions) => KeyReader::Sampled(positions),
            None => KeyReader::Whole,
        }
    };
    let index = match build_direct(keys, &reader) {
        Some(index) => index,
        None => build_displaced(keys, &reader).ok_or_else(|| {
            format!(
                "no perfect hash found for {} identifiers after {DISPLACED_SEED_ATTEMPTS} seeds",
                keys.len()
            )
        })?,
    };
    verify(&index, keys)?;
    Ok(index)
}

/// Checks that every key finds itself: the generator's own proof that the tables it is about
/// to emit are perfect, so a bug here fails `regen` instead of a downstream lookup.
fn verify(index: &NameIndex, keys: &[&str]) -> Result<(), String> {
    match (0..keys.len()).find(|&i| index.lookup(keys, keys[i]) != Some(i)) {
        Some(i) => Err(format!(
            "internal error: the perfect hash does not find identifier {:?}",
            keys[i]
        )),
        None => Ok(()),
    }
}

fn first_duplicate<'a>(keys: &[&'a str]) -> Option<&'a str> {
    let mut sorted = keys.to_vec();
    sorted.sort_unstable();
    sorted.windows(2).find(|w| w[0] == w[1]).map(|w| w[0])
}

/// The `n`th seed: 0 first, then well-spread values.
fn seed(n: u64) -> u64 {
    n.wrapping_mul(0x2545_F491_4F6C_DD1D)
}

/// gperf's idea: pick the fewest byte positions whose values, with the length, tell every
/// name apart. Greedy: add the position that separates the most names, until all are
/// separated (`Some`) or [`MAX_SAMPLES`] positions do not suffice (`None`).
fn choose_positions(keys: &[&str]) -> Option<Vec<u8>> {
    if keys.len() > MAX_KEYS_FOR_SAMPLING {
        return None;
    }
    let longest = keys.iter().map(|k| k.len()).max().unwrap_or(0);
    let candidates: Vec<u8> = (0..longest.min(MAX_FORWARD_POSITION))
        .map(|i| i as u8)
        .chain((0..longest.min(MAX_BACKWARD_POSITION)).map(|i| FROM_END | i as u8))
        .collect();
    let mut chosen = Vec::new();
    let mut separated = distinct_words(keys, &chosen);
    while separated < keys.len() {
        if chosen.len() == MAX_SAMPLES {
            return None;
        }
        // Ties go to the earliest candidate, so the choice is deterministic.
        let mut best: Option<(usize, u8)> = None;
        for &candidate in &candidates {
            if chosen.contains(&candidate) {
                continue;
            }
            chosen.push(candidate);
            let count = distinct_words(keys, &chosen);
            chosen.pop();
            if best.is_none_or(|(best_count, _)| count > best_count) {
                best = Some((count, candidate));
            }
        }
        match best {
            Some((count, candidate)) if count > separated => {
                chosen.push(candidate);
                separated = count;
            }
            _ => return None,
        }
    }
    Some(chosen)
}

/// Whether [`name_hash::words_input`], the length and [`name_hash::key_words`] folded into
/// one word, differs for every pair of keys: then the hash can read only what the slot
/// comparison reads (`KeyReader::Words`), which is the fastest lookup. Large sets skip it, as
/// they skip position sampling.
fn words_tell_apart(keys: &[&str]) -> bool {
    if keys.len() > MAX_KEYS_FOR_SAMPLING {
        return false;
    }
    // Distinct inputs of the multiply imply distinct lengths and words.
    let mut inputs: Vec<u64> = keys
        .iter()
        .map(|k| name_hash::words_input(k.len(), name_hash::key_words(k.as_bytes())))
        .collect();
    inputs.sort_unstable();
    inputs.dedup();
    inputs.len() == keys.len()
}

fn distinct_words(keys: &[&str], positions: &[u8]) -> usize {
    let mut words: Vec<u64> = keys
        .iter()
        .map(|k| name_hash::sample_word(k.as_bytes(), positions))
        .collect();
    words.sort_unstable();
    words.dedup();
    words.len()
}

fn hashes(keys: &[&str], reader: &KeyReader, seed: u64) -> Vec<u64> {
    keys.iter()
        .map(|k| reader.hash(k.as_bytes(), seed))
        .collect()
}

/// The slot table from the search's owners (`usize::MAX` = free, see [`Layout::slots`]).
fn slot_table(owner: &[usize]) -> Vec<Option<usize>> {
    owner
        .iter()
        .map(|&i| (i != usize::MAX).then_some(i))
        .collect()
}

/// One table indexed by the hash's top bits: the fastest lookup, when a seed that puts every
/// name in its own slot exists at a table size worth the memory.
fn build_direct(keys: &[&str], reader: &KeyReader) -> Option<NameIndex> {
    let max_slots = (keys.len() * MAX_DIRECT_SLOTS_PER_KEY).clamp(2, MAX_DIRECT_SLOTS);
    let mut bits = (keys.len() * 2).max(2).next_power_of_two().trailing_zeros();
    while 1usize << bits <= max_slots {
        let size = 1usize << bits;
        let mut owner = vec![usize::MAX; size];
        for attempt in 0..DIRECT_SEED_ATTEMPTS {
            let seed = seed(attempt);
            owner.fill(usize::MAX);
            let placed = hashes(keys, reader, seed)
                .iter()
                .enumerate()
                .all(|(i, &h)| {
                    let slot = &mut owner[name_hash::direct_slot(h, bits)];
                    let free = *slot == usize::MAX;
                    *slot = i;
                    free
                });
            if placed {
                return Some(NameIndex {
                    reader: reader.clone(),
                    seed,
                    layout: Layout::Direct {
                        bits,
                        slots: slot_table(&owner),
                    },
                });
            }
        }
        bits += 1;
    }
    None
}

/// Hash and displace: names are grouped into buckets by hash; each bucket, largest first,
/// gets the smallest pilot that moves all its names to free slots.
fn build_displaced(keys: &[&str], reader: &KeyReader) -> Option<NameIndex> {
    let n = keys.len().max(1);
    let bucket_count = n.div_ceil(KEYS_PER_BUCKET);
    // More slots than names (at least one free) follows from the load factor below 100%.
    let slot_count = (n * 100).div_ceil(LOAD_FACTOR_PERCENT);
    'seeds: for attempt in 0..DISPLACED_SEED_ATTEMPTS {
        let seed = seed(attempt);
        let hashes = hashes(keys, reader, seed);
        let mut buckets: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, &h) in hashes.iter().enumerate() {
            buckets
                .entry(name_hash::bucket(h, bucket_count))
                .or_default()
                .push(i);
        }
        // Two names of one bucket with equal hashes would move together forever.
        for members in buckets.values() {
            let mut seen: Vec<u64> = members.iter().map(|&i| hashes[i]).collect();
            seen.sort_unstable();
            if seen.windows(2).any(|w| w[0] == w[1]) {
                continue 'seeds;
            }
        }
        let mut order: Vec<(usize, Vec<usize>)> = buckets.into_iter().collect();
        order.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));

        let mut owner = vec![usize::MAX; slot_count];
        let mut pilots = vec![0u64; bucket_count];
        let mut targets = Vec::with_capacity(KEYS_PER_BUCKET * 4);
        for (bucket, members) in &order {
            let found = (0..=MAX_PILOT).find(|&pilot| {
                targets.clear();
                members.iter().all(|&i| {
                    let slot = name_hash::displaced_slot(hashes[i], pilot, slot_count);
                    let free = owner[slot] == usize::MAX && !targets.contains(&slot);
                    targets.push(slot);
                    free
                })
            });
            let Some(pilot) = found else {
                continue 'seeds;
            };
            pilots[*bucket] = pilot;
            for (&i, &slot) in members.iter().zip(&targets) {
                owner[slot] = i;
            }
        }
        return Some(NameIndex {
            reader: reader.clone(),
            seed,
            layout: Layout::Displaced {
                pilots,
                slots: slot_table(&owner),
            },
        });
    }
    None
}

/// The perfect-hash tables behind `from_name` and the function that finds a name's slot.
///
/// `ids[i]` is the identifier of the variant `idents[i]`, the keys `index` was built over.
/// Each slot holds its name's [`name_hash::key_words`], length and variant, so that
/// `from_name` compares a name of up to [`name_hash::INLINE_KEY_BYTES`] bytes with the slot
/// alone.
pub(super) fn lookup_tables(
    index: &NameIndex,
    type_name: &proc_macro2::Ident,
    ids: &[&str],
    idents: &[proc_macro2::Ident],
) -> Result<TokenStream, String> {
    let seed = hex_literal(index.seed);
    let (hash, reader_items) = match &index.reader {
        KeyReader::Sampled(positions) => {
            let count = positions.len();
            let count_literal = proc_macro2::Literal::usize_unsuffixed(count);
            let doc = docs::attrs(&format!(
                "The positions `from_name` reads: the length and the bytes at these indexes \
                 (bit 7 set: counted from the end, `0x80` is the last byte). {count} position(s) \
                 tell every registered name apart; `cargo xtask regen` chose them."
            ));
            let positions = positions
                .iter()
                .map(|p| proc_macro2::Literal::u8_unsuffixed(*p));
            (
                quote!(crate::name_hash::sampled(
                    name,
                    &NAME_HASH_POSITIONS,
                    NAME_HASH_SEED
                )),
                quote! {
                    #doc
                    const NAME_HASH_POSITIONS: [u8; #count_literal] = [#(#positions),*];
                },
            )
        }
        KeyReader::Words => (
            quote!(crate::name_hash::words(name.len(), words, NAME_HASH_SEED)),
            quote!(),
        ),
        KeyReader::Whole => (
            quote!(crate::name_hash::whole(name, NAME_HASH_SEED)),
            quote!(),
        ),
    };
    if let Some(id) = ids.iter().find(|id| u16::try_from(id.len()).is_err()) {
        return Err(format!(
            "identifier {id:?} is {} bytes long; a name slot holds lengths up to {}",
            id.len(),
            u16::MAX
        ));
    }
    // `build` has verified that every key finds itself through these slots.
    let slots = index.layout.slots().iter().map(|holder| match holder {
        None => quote!(crate::name_hash::NameSlot::FREE),
        Some(i) => {
            let [first, second] = name_hash::key_words(ids[*i].as_bytes());
            let (first, second) = (hex_literal(first), hex_literal(second));
            let len = proc_macro2::Literal::usize_unsuffixed(ids[*i].len());
            let ident = &idents[*i];
            quote! {
                crate::name_hash::NameSlot {
                    words: [#first, #second],
                    len: #len,
                    value: Some(#type_name::#ident),
                }
            }
        }
    });
    let slot_count = proc_macro2::Literal::usize_unsuffixed(index.layout.slots().len());
    let (slot, layout_items) = match &index.layout {
        Layout::Direct { bits, .. } => {
            let bits = proc_macro2::Literal::u32_unsuffixed(*bits);
            (
                quote!(crate::name_hash::direct_slot(hash, NAME_SLOT_BITS)),
                quote! {
                    /// `NAME_SLOTS` has `1 << NAME_SLOT_BITS` slots, indexed by the hash's top bits.
                    const NAME_SLOT_BITS: u32 = #bits;
                },
            )
        }
        Layout::Displaced { pilots, .. } => {
            let pilot_type = int_type(pilots.iter().copied().max().unwrap_or(0) as usize);
            let pilot_count = proc_macro2::Literal::usize_unsuffixed(pilots.len());
            let pilots = pilots
                .iter()
                .map(|&p| proc_macro2::Literal::u64_unsuffixed(p));
            (
                quote! {
                    let bucket = crate::name_hash::bucket(hash, NAME_PILOTS.len());
                    let pilot = if bucket < NAME_PILOTS.len() { NAME_PILOTS[bucket] } else { 0 };
                    crate::name_hash::displaced_slot(hash, pilot as u64, NAME_SLOTS.len())
                },
                quote! {
                    /// Each bucket's pilot: the value that moves the bucket's names to free slots.
                    const NAME_PILOTS: [#pilot_type; #pilot_count] = [#(#pilots),*];
                },
            )
        }
    };
    let slots_doc = docs::attrs(&format!(
        "For each slot, the registered name that hashes there: its words and length, as \
         `from_name` compares them, and its [`{type_name}`]. Free slots hold no value."
    ));
    Ok(quote! {
        /// The seed of `from_name`'s perfect hash, found by `cargo xtask regen` for these
        /// identifiers (see `src/name_hash.rs`).
        const NAME_HASH_SEED: u64 = #seed;
        #reader_items
        #layout_items
        #slots_doc
        const NAME_SLOTS: [crate::name_hash::NameSlot<#type_name>; #slot_count] = [#(#slots),*];

        /// `from_name`'s answer for a name longer than a slot's inline bytes, whose slot
        /// holds `value`: the whole identifier compared. Out of line, and called last, so
        /// that short names pay nothing for it (inlined, its loop gave every lookup a stack
        /// frame).
        #[inline(never)]
        fn from_long_name(value: Option<#type_name>, name: &[u8]) -> Option<#type_name> {
            match value {
                Some(value) if crate::name_hash::same_bytes(value.as_str().as_bytes(), name) => {
                    Some(value)
                }
                _ => None,
            }
        }

        /// The slot of `name` in `NAME_SLOTS`: where it is, if it is registered. `words` are
        /// its `key_words`, which `from_name` computes once for the hash and the comparison.
        #[inline]
        #[allow(unused_variables)]
        const fn name_slot(name: &[u8], words: [u64; 2]) -> usize {
            let hash = #hash;
            #slot
        }
    })
}

/// `0x..`: seeds and positions read better in hex (`0x80` is "the last byte").
fn hex_literal(value: u64) -> syn::LitInt {
    let width = if value <= 0xFF { 2 } else { 16 };
    syn::LitInt::new(
        &format!("0x{value:0width$X}"),
        proc_macro2::Span::call_site(),
    )
}

/// The narrowest unsigned type that holds `max`.
fn int_type(max: usize) -> TokenStream {
    if max <= u8::MAX as usize {
        quote!(u8)
    } else if max <= u16::MAX as usize {
        quote!(u16)
    } else {
        quote!(u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Any set of distinct names gets a perfect hash, and a name outside the set is never
        /// found: the search may pick any layout, but never a wrong one.
        #[test]
        fn any_distinct_names_get_a_perfect_hash(
            names in proptest::collection::btree_set("[a-cA.0-9-]{0,12}|.{0,24}", 0..400),
            probes in proptest::collection::vec("[a-cA.0-9-]{0,12}|.{0,24}", 0..64),
        ) {
            let keys: Vec<&str> = names.iter().map(String::as_str).collect();
            let index = build(&keys).map_err(TestCaseError::fail)?;
            verify(&index, &keys).map_err(TestCaseError::fail)?;
            for probe in &probes {
                prop_assert_eq!(
                    index.lookup(&keys, probe),
                    keys.iter().position(|k| k == probe)
                );
            }
        }
    }

    fn assert_perfect(keys: &[&str], index: &NameIndex) {
        for (i, key) in keys.iter().enumerate() {
            assert_eq!(index.lookup(keys, key), Some(i), "{key:?}");
        }
        for miss in ["", "x", "graphql-transport-ws", "OCPP1.6", "\u{0}"] {
            if !keys.contains(&miss) {
                assert_eq!(index.lookup(keys, miss), None, "{miss:?}");
            }
        }
    }

    #[test]
    fn small_sets_hash_the_compared_words_into_a_direct_table() {
        let keys = ["permessage-deflate", "bbf-usp-protocol", "permessage-bzip2"];
        let index = build(&keys).unwrap();
        assert_eq!(index.reader, KeyReader::Words);
        assert!(matches!(index.layout, Layout::Direct { .. }));
        assert_perfect(&keys, &index);
    }

    #[test]
    fn names_whose_words_collide_get_sampled_positions() {
        // Same length, same first and last eight bytes: only the middle tells them apart.
        let keys = ["abcdefgh-X-12345678", "abcdefgh-Y-12345678", "soap"];
        assert!(!words_tell_apart(&keys));
        let index = build(&keys).unwrap();
        assert!(matches!(index.reader, KeyReader::Sampled(ref p) if p.len() == 1));
        assert_perfect(&keys, &index);
    }

    #[test]
    fn names_whose_hash_inputs_collide_get_sampled_positions() {
        // Different words, the same input to the multiply: byte 4 of the first word differs
        // by 0x08, which the rotation by 29 moves onto bit 0, where byte 8 differs by 0x01.
        let keys = ["aaaaaaaaaaaaaaaa", "aaaaiaaa`aaaaaaa", "soap"];
        let input = |k: &str| name_hash::words_input(k.len(), name_hash::key_words(k.as_bytes()));
        assert_ne!(
            name_hash::key_words(keys[0].as_bytes()),
            name_hash::key_words(keys[1].as_bytes())
        );
        assert_eq!(input(keys[0]), input(keys[1]));
        assert!(!words_tell_apart(&keys));
        let index = build(&keys).unwrap();
        assert!(matches!(index.reader, KeyReader::Sampled(_)));
        assert_perfect(&keys, &index);
    }

    /// The table sizes are the design (and the generated code's footprint): a direct table
    /// starts at the smallest power of two with two slots per name and grows only when no
    /// seed places every name, up to its caps; a displaced one has three names per bucket and
    /// an 85% load.
    #[test]
    fn tables_have_the_sizes_the_layouts_promise() {
        let owned: Vec<String> = (0..3000).map(|i| format!("n{i}")).collect();
        for n in [1usize, 2, 3, 5, 8, 13, 20] {
            let keys: Vec<&str> = owned[..n].iter().map(String::as_str).collect();
            let index = build_direct(&keys, &KeyReader::Whole).expect("a direct table");
            let smallest = (2 * n).max(2).next_power_of_two();
            match &index.layout {
                // So few names fit the smallest table with one of 2,000 seeds.
                Layout::Direct { bits, slots } => {
                    assert_eq!(1usize << bits, smallest, "{n} names");
                    assert_eq!(slots.len(), smallest, "{n} names");
                }
                other => panic!("{n} names: {other:?}"),
            }
        }
        // The caps: 16 slots per name, 4096 in all.
        let keys: Vec<&str> = owned[..2049].iter().map(String::as_str).collect();
        assert_eq!(
            build_direct(&keys, &KeyReader::Whole),
            None,
            "8192 slots > 4096"
        );
        let keys: Vec<&str> = owned[..1].iter().map(String::as_str).collect();
        let one = build_direct(&keys, &KeyReader::Whole).expect("one name");
        assert!(one.layout.slots().len() <= 16);
        for n in [1usize, 2, 3, 4, 100, 1000, 3000] {
            let keys: Vec<&str> = owned[..n].iter().map(String::as_str).collect();
            let index = build_displaced(&keys, &KeyReader::Whole).expect("a displaced table");
            match &index.layout {
                Layout::Displaced { pilots, slots } => {
                    assert_eq!(pilots.len(), n.div_ceil(3), "{n} names");
                    assert_eq!(slots.len(), (n * 100).div_ceil(85), "{n} names");
                    assert!(slots.len() > n, "{n} names: a free slot");
                }
                other => panic!("{n} names: {other:?}"),
            }
            assert_perfect(&keys, &index);
        }
    }

    /// `MAX_KEYS_FOR_SAMPLING + 1` five-byte names, `k0000` on.
    fn one_past_the_sampling_limit() -> Vec<String> {
        (0..=MAX_KEYS_FOR_SAMPLING)
            .map(|i| format!("k{i:04}"))
            .collect()
    }

    #[test]
    fn position_sampling_is_tried_up_to_its_limit_and_not_beyond() {
        // 1024 names that three positions separate: sampled; one more: whole names.
        let owned = one_past_the_sampling_limit();
        let keys: Vec<&str> = owned.iter().map(String::as_str).collect();
        assert!(choose_positions(&keys[..MAX_KEYS_FOR_SAMPLING]).is_some());
        assert_eq!(choose_positions(&keys), None);
    }

    #[test]
    fn the_words_hash_is_tried_up_to_its_limit_and_not_beyond() {
        // 1024 five-byte names whose words differ: the words hash; one more: not tried.
        let owned = one_past_the_sampling_limit();
        let keys: Vec<&str> = owned.iter().map(String::as_str).collect();
        assert!(words_tell_apart(&keys[..MAX_KEYS_FOR_SAMPLING]));
        assert!(!words_tell_apart(&keys));
    }

    #[test]
    fn names_that_differ_only_in_the_middle_still_separate() {
        let keys = [
            "v1.usp", "v1-usp", "v1_usp", "AMQP", "amqp", "Amqp", "a", "",
        ];
        let index = build(&keys).unwrap();
        assert_perfect(&keys, &index);
    }

    #[test]
    fn large_sets_use_whole_names_and_displacement() {
        let owned: Vec<String> = (0..5000).map(|i| format!("proto-{i:05}.example")).collect();
        let keys: Vec<&str> = owned.iter().map(String::as_str).collect();
        let index = build(&keys).unwrap();
        assert_eq!(index.reader, KeyReader::Whole);
        assert!(matches!(index.layout, Layout::Displaced { .. }));
        assert_perfect(&keys, &index);
        assert_eq!(build(&keys).unwrap(), index, "deterministic");
    }

    #[test]
    fn names_no_seven_positions_separate_fall_back_to_whole_names() {
        // 256 names that differ only in two bytes far apart, at positions past the search.
        let owned: Vec<String> = (0..256)
            .map(|i| {
                format!(
                    "{}{}{}",
                    "x".repeat(70),
                    i % 16,
                    "y".repeat(20) + &(i / 16).to_string()
                )
            })
            .collect();
        let keys: Vec<&str> = owned.iter().map(String::as_str).collect();
        let index = build(&keys).unwrap();
        assert_eq!(index.reader, KeyReader::Whole);
        assert_perfect(&keys, &index);
    }

    #[test]
    fn the_fewest_positions_are_chosen_the_earliest_first() {
        // One position from the start separates these.
        assert_eq!(choose_positions(&["ab", "ac", "ad"]), Some(vec![1]));
        // Only the last byte does, beyond every forward candidate: one position counted
        // from the end.
        let long: Vec<String> = (1..=3).map(|d| format!("{}{d}", "x".repeat(200))).collect();
        let long: Vec<&str> = long.iter().map(String::as_str).collect();
        assert_eq!(choose_positions(&long), Some(vec![FROM_END]));
        // The length alone separates these: no position at all.
        assert_eq!(choose_positions(&["a", "bb", "ccc"]), Some(vec![]));
        // Two positions, each separating half: the greedy order is the earliest best first.
        assert_eq!(
            choose_positions(&["aa", "ab", "ba", "bb"]),
            Some(vec![0, 1])
        );
        // Identical words under every position cannot be separated.
        assert_eq!(choose_positions(&["same", "same"]), None);
    }

    #[test]
    fn seeds_are_distinct_and_start_at_zero() {
        assert_eq!(seed(0), 0);
        let seeds: std::collections::BTreeSet<u64> = (0..10_000).map(seed).collect();
        assert_eq!(seeds.len(), 10_000);
    }

    #[test]
    fn verification_refuses_an_index_that_misses_a_key() {
        let keys = ["permessage-deflate", "bbf-usp-protocol", "permessage-bzip2"];
        let mut index = build(&keys).unwrap();
        assert_eq!(verify(&index, &keys), Ok(()));
        // Swap two keys' slots: each now finds the other's index.
        if let Layout::Direct { slots, .. } = &mut index.layout {
            let (a, b) = (index_of(slots, 0), index_of(slots, 1));
            slots.swap(a, b);
        }
        let error = verify(&index, &keys).unwrap_err();
        assert!(
            error.starts_with("internal error: the perfect hash does not find identifier"),
            "{error}"
        );
    }

    fn index_of(slots: &[Option<usize>], key: usize) -> usize {
        slots.iter().position(|&slot| slot == Some(key)).unwrap()
    }

    #[test]
    fn the_empty_set_and_duplicates() {
        let index = build(&[]).unwrap();
        assert_eq!(index.lookup(&[], "x"), None);
        assert_eq!(
            build(&["a", "b", "a"]).unwrap_err(),
            "identifier \"a\" appears twice"
        );
    }
}
