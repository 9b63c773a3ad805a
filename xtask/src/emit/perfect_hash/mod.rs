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
//!
//! One file per job: `key_reader.rs` chooses how a name is read before hashing,
//! `layout.rs` searches for a seed and a table layout that give every name a slot of its own,
//! and `tokens.rs` emits the tables and the lookup as Rust.

mod key_reader;
mod layout;
mod tokens;

#[path = "../../../../src/name_hash.rs"]
#[allow(dead_code)]
mod name_hash;

use key_reader::{choose_positions, words_tell_apart};
use layout::{build_direct, build_displaced, DISPLACED_SEED_ATTEMPTS};

pub(super) use tokens::lookup_tables;

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

#[cfg(test)]
mod tests;
