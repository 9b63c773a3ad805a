//! `from_name` is a generated perfect hash: it must agree with the obvious definition (a
//! linear search of the registry) on every input, registered or not, and the negotiation
//! helpers must read header values as RFC 9110 lists.

use proptest::prelude::*;
use websocket_registry::{Extension, Subprotocol};

fn linear_subprotocol(name: &str) -> Option<Subprotocol> {
    Subprotocol::ALL
        .iter()
        .copied()
        .find(|p| p.as_str() == name)
}

fn linear_extension(name: &str) -> Option<Extension> {
    Extension::ALL.iter().copied().find(|e| e.as_str() == name)
}

/// Near misses of every registered name: each one-byte edit the hash might confuse.
fn near_misses(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = name.as_bytes();
    for i in 0..bytes.len() {
        for replacement in [b'a', b'.', b'0', b'Z', 0u8, 0x7F] {
            let mut edited = bytes.to_vec();
            edited[i] = replacement;
            out.extend(String::from_utf8(edited).ok());
        }
        let mut shorter = bytes.to_vec();
        shorter.remove(i);
        out.extend(String::from_utf8(shorter).ok());
    }
    out.push(format!("{name} "));
    out.push(format!("{name}{name}"));
    out.push(name.to_uppercase());
    out.push(name.to_lowercase());
    out
}

#[test]
fn every_near_miss_of_every_name_agrees_with_a_linear_search() {
    let mut checked = 0;
    for name in Subprotocol::ALL.iter().map(|p| p.as_str()) {
        for candidate in near_misses(name) {
            assert_eq!(
                Subprotocol::from_name(&candidate),
                linear_subprotocol(&candidate),
                "{candidate:?}"
            );
            checked += 1;
        }
    }
    for name in Extension::ALL.iter().map(|e| e.as_str()) {
        for candidate in near_misses(name) {
            assert_eq!(
                Extension::from_name(&candidate),
                linear_extension(&candidate),
                "{candidate:?}"
            );
            checked += 1;
        }
    }
    assert!(checked > 1000, "only {checked} near misses");
}

proptest! {
    #[test]
    fn from_name_agrees_with_a_linear_search(name in ".{0,64}") {
        prop_assert_eq!(Subprotocol::from_name(&name), linear_subprotocol(&name));
        prop_assert_eq!(Extension::from_name(&name), linear_extension(&name));
    }

    #[test]
    fn offers_are_the_trimmed_non_empty_list_elements(
        elements in proptest::collection::vec("[ \t]{0,2}[a-zA-Z0-9.\\-]{0,12}[ \t]{0,2}", 0..6),
        registered in proptest::collection::vec(0..Subprotocol::ALL.len(), 0..3),
    ) {
        let mut elements = elements;
        for (k, &index) in registered.iter().enumerate() {
            elements.insert(k.min(elements.len()), format!(" {}", Subprotocol::ALL[index]));
        }
        let value = elements.join(",");
        let expected: Vec<(String, Option<Subprotocol>)> = elements
            .iter()
            .map(|e| e.trim_matches([' ', '\t']).to_owned())
            .filter(|t| !t.is_empty())
            .map(|t| { let p = linear_subprotocol(&t); (t, p) })
            .collect();
        let seen: Vec<(String, Option<Subprotocol>)> = Subprotocol::offers(&value)
            .map(|o| (o.token().to_owned(), o.subprotocol()))
            .collect();
        prop_assert_eq!(seen, expected);
    }
}

#[test]
fn negotiation_follows_the_client_order_and_skips_the_unregistered() {
    let server = [Subprotocol::Wamp, Subprotocol::Ocpp1_6];
    let pick = |value: &str| Subprotocol::negotiate(value, |p| server.contains(&p));
    assert_eq!(pick("ocpp1.6, wamp"), Some(Subprotocol::Ocpp1_6));
    assert_eq!(pick("graphql-ws,\twamp"), Some(Subprotocol::Wamp));
    assert_eq!(pick("OCPP1.6, mqtt"), None);
    assert_eq!(pick(""), None);
    assert_eq!(pick(" , ,"), None);
    assert_eq!(Subprotocol::offers(",,").count(), 0);
}
