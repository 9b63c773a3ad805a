//! Searches for a seed and a table layout that give every name a slot of its own.
//!
//! Direct, or displaced with pilots.

use std::collections::BTreeMap;

use super::name_hash;
use super::{seed, KeyReader, Layout, NameIndex};

/// A direct table may have at most this many slots per name (and at most
/// [`MAX_DIRECT_SLOTS`] in all); beyond that the displaced layout is smaller.
const MAX_DIRECT_SLOTS_PER_KEY: usize = 16;
const MAX_DIRECT_SLOTS: usize = 4096;
/// Names hashed per direct table size, over all the seeds tried there. Placing n names in 2n
/// to 4n slots with no two in one is a rare draw (about 1 in 25,000 for the 69 subprotocols in
/// 256 slots), and a smaller table is a faster lookup, so the search tries many seeds before
/// it doubles the table: for 69 names, about 240,000 seeds, a fraction of a second. A seed is
/// dropped at its first collision, so most cost a few hashes, not one per name.
const DIRECT_HASH_BUDGET: u64 = 1 << 24;
/// Seeds tried per direct table size, however many names.
const MIN_DIRECT_SEED_ATTEMPTS: u64 = 2_000;

/// Displaced layout: names per bucket and slots per name.
const KEYS_PER_BUCKET: usize = 3;
const LOAD_FACTOR_PERCENT: usize = 85;
/// Pilot values tried per bucket before the search gives up on a seed.
const MAX_PILOT: u64 = u16::MAX as u64;
pub(super) const DISPLACED_SEED_ATTEMPTS: u64 = 64;

/// The slot table from the search's owners (`usize::MAX` = free, see [`Layout::slots`]).
fn slot_table(owner: &[usize]) -> Vec<Option<usize>> {
    owner
        .iter()
        .map(|&i| (i != usize::MAX).then_some(i))
        .collect()
}

/// One table indexed by the hash's top bits: the fastest lookup, when a seed that puts every
/// name in its own slot exists at a table size worth the memory.
pub(super) fn build_direct(keys: &[&str], reader: &KeyReader) -> Option<NameIndex> {
    let max_slots = (keys.len() * MAX_DIRECT_SLOTS_PER_KEY).clamp(2, MAX_DIRECT_SLOTS);
    let mut bits = (keys.len() * 2).max(2).next_power_of_two().trailing_zeros();
    let attempts = (DIRECT_HASH_BUDGET / keys.len().max(1) as u64).max(MIN_DIRECT_SEED_ATTEMPTS);
    while 1usize << bits <= max_slots {
        let size = 1usize << bits;
        if !worth_trying(keys.len(), size, attempts) {
            bits += 1;
            continue;
        }
        let mut owner = vec![usize::MAX; size];
        for attempt in 0..attempts {
            let seed = seed(attempt);
            owner.fill(usize::MAX);
            let placed = keys.iter().enumerate().all(|(i, key)| {
                let slot =
                    &mut owner[name_hash::direct_slot(reader.hash(key.as_bytes(), seed), bits)];
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

/// The chance that a random hash puts `keys` names in `slots` slots with no two in one (the
/// birthday problem): the product of `1 - i / slots` over the names before each one.
pub(super) fn perfect_chance(keys: usize, slots: usize) -> f64 {
    (0..keys).map(|i| 1.0 - i as f64 / slots as f64).product()
}

/// Whether `attempts` seeds are worth trying for `keys` names in `slots` slots: a size where
/// the whole budget expects less than one perfect placement is skipped.
pub(super) fn worth_trying(keys: usize, slots: usize, attempts: u64) -> bool {
    perfect_chance(keys, slots) * attempts as f64 >= 1.0
}

/// Hash and displace: names are grouped into buckets by hash; each bucket, largest first,
/// gets the smallest pilot that moves all its names to free slots.
pub(super) fn build_displaced(keys: &[&str], reader: &KeyReader) -> Option<NameIndex> {
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

/// Every key's hash as `reader` reads it under `seed`, in key order.
fn hashes(keys: &[&str], reader: &KeyReader, seed: u64) -> Vec<u64> {
    keys.iter()
        .map(|k| reader.hash(k.as_bytes(), seed))
        .collect()
}
