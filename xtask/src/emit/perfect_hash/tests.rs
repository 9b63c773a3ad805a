//! The perfect-hash search's properties, at its limits.
//!
//! Every set of distinct names gets a perfect hash, the choices are deterministic, and each
//! layout and key reader is exercised at its limits.

use super::key_reader::MAX_KEYS_FOR_SAMPLING;
use super::name_hash::FROM_END;
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
    // Different words, the same input to the multiply: the first and last eight bytes
    // swapped, whose sum is the same.
    let keys = ["aaaaaaaabaaaaaaa", "baaaaaaaaaaaaaaa", "soap"];
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

/// The birthday bound the direct search uses to skip a table size no seed in its budget is
/// likely to fill.
#[test]
fn the_chance_of_a_perfect_placement_is_the_birthday_bound() {
    assert_eq!(layout::perfect_chance(0, 4), 1.0);
    assert_eq!(layout::perfect_chance(1, 4), 1.0);
    assert_eq!(layout::perfect_chance(2, 4), 0.75);
    assert_eq!(layout::perfect_chance(3, 4), 0.75 * 0.5);
    assert_eq!(layout::perfect_chance(5, 4), 0.0);
    let subprotocols = layout::perfect_chance(69, 256);
    assert!((4.0e-5..4.1e-5).contains(&subprotocols), "{subprotocols}");
    // A size is tried when its budget expects at least one success.
    assert!(layout::worth_trying(69, 256, 243_148));
    assert!(!layout::worth_trying(69, 256, 20_000));
    assert!(!layout::worth_trying(400, 4096, 41_943));
    assert!(layout::worth_trying(1, 2, 1)); // a sure placement, one seed: exactly 1.0
    assert!(!layout::worth_trying(2, 2, 1)); // half a chance
}

/// As many names as the subprotocol registry (69) get the smallest direct table, 256
/// slots, although only about one seed in 25,000 places them all: the search tries enough
/// seeds before it doubles the table.
#[test]
fn a_registry_of_69_names_gets_the_smallest_direct_table() {
    let owned: Vec<String> = (0..69).map(|i| format!("v{i}.subprotocol.{i}")).collect();
    let keys: Vec<&str> = owned.iter().map(String::as_str).collect();
    let index = build(&keys).unwrap();
    assert_eq!(index.reader, KeyReader::Words);
    assert!(matches!(index.layout, Layout::Direct { bits: 8, .. }));
    assert_perfect(&keys, &index);
}
