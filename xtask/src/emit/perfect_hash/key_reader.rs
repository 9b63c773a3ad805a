//! Chooses how the generated code reads a name before hashing it.
//!
//! The few byte positions that tell every name apart (gperf's idea), the name's first
//! words, or the whole name.

use super::name_hash::{self, FROM_END, MAX_SAMPLES};

/// Registries larger than this skip the position search and hash whole names: the greedy
/// search costs `candidates x positions x n log n`, and large sets rarely separate on seven
/// bytes anyway.
pub(super) const MAX_KEYS_FOR_SAMPLING: usize = 1024;

/// How far from each end the position search looks.
const MAX_FORWARD_POSITION: usize = 64;
const MAX_BACKWARD_POSITION: usize = 16;

/// gperf's idea: pick the fewest byte positions whose values, with the length, tell every
/// name apart. Greedy: add the position that separates the most names, until all are
/// separated (`Some`) or [`MAX_SAMPLES`] positions do not suffice (`None`).
pub(super) fn choose_positions(keys: &[&str]) -> Option<Vec<u8>> {
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
pub(super) fn words_tell_apart(keys: &[&str]) -> bool {
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
