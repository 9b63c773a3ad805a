//! `Sec-WebSocket-Extensions` by RFC 6455 section 9.1 and the permessage-deflate rules of
//! RFC 7692 section 7, against expectations written out here, the known ways other stacks
//! went wrong, and a round trip through a writer that is independent of the parser.

use proptest::prelude::*;
use websocket_registry::{
    ClientMaxWindowBits, DeflateOffer, DeflateParam, DeflatePolicy, DeflateResponse,
    DeflateResponseError, Extension, ExtensionHeaderError, ExtensionHeaderExpected, ExtensionOffer,
    PerMessageDeflate, PerMessageDeflateError, WindowBits,
};

/// A parameter: its name and unescaped value.
type Param = (String, Option<String>);
/// An offer: its token and parameters.
type Offer = (String, Vec<Param>);
/// An offer as a test case writes it.
type ExpectedOffer = (&'static str, Vec<Param>);
/// Every offer of a header value, or the first error.
type Parsed = Result<Vec<Offer>, ExtensionHeaderError>;

fn parse(header: &str) -> Parsed {
    Extension::offers(header)
        .map(|offer| {
            offer.map(|offer| {
                let params = offer
                    .params()
                    .map(|(name, value)| (name.to_owned(), value.map(|v| v.to_string())))
                    .collect();
                (offer.token().to_owned(), params)
            })
        })
        .collect()
}

fn offer(header: &str) -> ExtensionOffer<'_> {
    Extension::offers(header)
        .next()
        .expect("one offer")
        .expect("valid")
}

#[test]
fn valid_values_parse_into_their_extensions_and_parameters() {
    let p = |name: &str, value: Option<&str>| (name.to_owned(), value.map(str::to_owned));
    let cases: Vec<(&str, Vec<ExpectedOffer>)> = vec![
        ("permessage-deflate", vec![("permessage-deflate", vec![])]),
        (
            "permessage-deflate; client_max_window_bits",
            vec![(
                "permessage-deflate",
                vec![p("client_max_window_bits", None)],
            )],
        ),
        (
            "permessage-deflate;server_max_window_bits=10;client_no_context_takeover",
            vec![(
                "permessage-deflate",
                vec![
                    p("server_max_window_bits", Some("10")),
                    p("client_no_context_takeover", None),
                ],
            )],
        ),
        // Optional whitespace around every separator, and around "=".
        (
            " \tpermessage-deflate \t; server_max_window_bits = \"1\\2\" ,foo ",
            vec![
                (
                    "permessage-deflate",
                    vec![p("server_max_window_bits", Some("12"))],
                ),
                ("foo", vec![]),
            ],
        ),
        // Empty list elements are skipped (RFC 9110 section 5.6.1).
        (
            ",, a ,, b;x ,",
            vec![("a", vec![]), ("b", vec![p("x", None)])],
        ),
        // What Chromium, Firefox and WebKitGTK send (recorded by tests/browser.rs).
        (
            "permessage-deflate; client_max_window_bits",
            vec![(
                "permessage-deflate",
                vec![p("client_max_window_bits", None)],
            )],
        ),
    ];
    for (header, expected) in cases {
        let expected: Vec<Offer> = expected
            .into_iter()
            .map(|(token, params)| (token.to_owned(), params))
            .collect();
        assert_eq!(parse(header), Ok(expected), "{header:?}");
    }
}

#[test]
fn invalid_values_fail_at_their_byte_with_what_was_expected() {
    use ExtensionHeaderExpected as E;
    let cases = [
        ("", 0, E::AtLeastOneExtension),
        (" , ,\t", 5, E::AtLeastOneExtension),
        (";x", 0, E::ExtensionToken),
        ("a; ", 3, E::ParamName),
        ("a; =1", 3, E::ParamName),
        ("a; b=", 5, E::ParamValue),
        ("a; b=,", 5, E::ParamValue),
        ("a b", 2, E::SeparatorOrEnd),
        ("a; b c", 5, E::SeparatorOrEnd),
        ("a; b=\"1", 7, E::ClosingQuote),
        ("a; b=\"\"", 6, E::TokenInQuotes),
        // ws once read this as two extensions: a quoted value may not hide a list.
        ("a; b=\"x, c\"", 7, E::TokenInQuotes),
        ("a; b=\"x\\ c\"", 8, E::TokenInQuotes),
        // An escaped byte must be a token character itself (RFC 6455 section 9.1: the value
        // is a token once unescaped). An escaped backslash or quote would otherwise be read
        // as an escape of the next byte, or as the closing quote.
        ("a; b=\"x\\\\\"", 8, E::TokenInQuotes),
        ("a; b=\"\\\"\"", 7, E::TokenInQuotes),
        ("permessage-deflate; x=\"a\\\\\"", 25, E::TokenInQuotes),
        ("a; b=\"x\\", 8, E::ClosingQuote),
        ("a; b=1=2", 6, E::SeparatorOrEnd),
        // A byte no rule allows (not visible ASCII, space or tab) is named as such,
        // whatever the grammar expected there.
        ("é", 0, E::VisibleAscii),
        ("a; b=é", 5, E::VisibleAscii),
        ("a;\r\n b", 2, E::VisibleAscii),
        ("a; b=\"\u{7f}\"", 6, E::VisibleAscii),
        ("a\0", 1, E::VisibleAscii),
    ];
    for (header, offset, expected) in cases {
        let error = parse(header).expect_err(header);
        assert_eq!(
            (error.offset(), error.expected()),
            (offset, expected),
            "{header:?}"
        );
        assert!(
            error.to_string().contains(&format!("at byte {offset}")),
            "{error}"
        );
    }
    // An error ends the iteration: valid offers before it are still yielded.
    let mut offers = Extension::offers("a, b c, d");
    assert_eq!(offers.next().map(|o| o.map(|o| o.token())), Some(Ok("a")));
    assert!(matches!(offers.next(), Some(Err(_))));
    assert!(offers.next().is_none());
}

#[test]
fn permessage_deflate_offers_follow_rfc_7692() {
    let ok = |header: &str| verdict(header).valid().ok_or(());
    let d = ok("permessage-deflate").unwrap();
    assert!(!d.server_no_context_takeover() && !d.client_no_context_takeover());
    assert_eq!(d.server_max_window_bits(), None);
    assert_eq!(d.client_max_window_bits(), ClientMaxWindowBits::Absent);

    let d = ok(
        "permessage-deflate; server_no_context_takeover; client_no_context_takeover; \
                server_max_window_bits=8; client_max_window_bits=\"15\"",
    )
    .unwrap();
    assert!(d.server_no_context_takeover() && d.client_no_context_takeover());
    assert_eq!(d.server_max_window_bits(), Some(bits(8)));
    assert_eq!(
        d.client_max_window_bits(),
        ClientMaxWindowBits::Bits(bits(15))
    );
    assert_eq!(
        ok("permessage-deflate; client_max_window_bits")
            .unwrap()
            .client_max_window_bits(),
        ClientMaxWindowBits::Unspecified
    );
    for bits in 8..=15u8 {
        let header = format!("permessage-deflate; server_max_window_bits={bits}");
        assert_eq!(
            ok(&header).unwrap().server_max_window_bits(),
            Some(self::bits(bits))
        );
    }

    use DeflateParam as P;
    use PerMessageDeflateError as Error;
    // Each error points at the token or the parameter's name (its second one, when
    // repeated): byte 20 is the first parameter after `permessage-deflate; `.
    let cases: [(&str, Error); 12] = [
        (
            "x-webkit-deflate-frame",
            Error::NotPerMessageDeflate { offset: 0 },
        ),
        (
            "permessage-deflate; foo",
            Error::UnknownParam { offset: 20 },
        ),
        (
            "permessage-deflate; Server_No_Context_Takeover",
            Error::UnknownParam { offset: 20 },
        ),
        (
            "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
            Error::Repeated {
                param: P::ServerNoContextTakeover,
                offset: 48,
            },
        ),
        (
            "permessage-deflate; client_max_window_bits; client_max_window_bits=10",
            Error::Repeated {
                param: P::ClientMaxWindowBits,
                offset: 44,
            },
        ),
        (
            "permessage-deflate; client_no_context_takeover=1",
            Error::UnexpectedValue {
                param: P::ClientNoContextTakeover,
                offset: 20,
            },
        ),
        (
            "permessage-deflate; server_max_window_bits",
            Error::MissingValue {
                param: P::ServerMaxWindowBits,
                offset: 20,
            },
        ),
        (
            "permessage-deflate; server_max_window_bits=7",
            Error::InvalidWindowBits {
                param: P::ServerMaxWindowBits,
                offset: 20,
            },
        ),
        (
            "permessage-deflate; server_max_window_bits=16",
            Error::InvalidWindowBits {
                param: P::ServerMaxWindowBits,
                offset: 20,
            },
        ),
        // ws still took 08 once: a leading zero is not 1*DIGIT without leading zeros.
        (
            "permessage-deflate; client_max_window_bits=08",
            Error::InvalidWindowBits {
                param: P::ClientMaxWindowBits,
                offset: 20,
            },
        ),
        (
            "permessage-deflate; client_max_window_bits=+9",
            Error::InvalidWindowBits {
                param: P::ClientMaxWindowBits,
                offset: 20,
            },
        ),
        (
            "permessage-deflate;  client_max_window_bits=\"150\"",
            Error::InvalidWindowBits {
                param: P::ClientMaxWindowBits,
                offset: 21,
            },
        ),
    ];
    for (header, error) in cases {
        assert_eq!(verdict(header), DeflateOffer::Declined(error), "{header}");
        assert!(
            error.to_string().starts_with(&format!(
                "Sec-WebSocket-Extensions at byte {}: ",
                error.offset()
            )),
            "{error}"
        );
    }
    // Behind a comma, in a second line, the offsets count in the whole value.
    let lines = ["x-foo", "permessage-deflate; foo"];
    assert_eq!(
        PerMessageDeflate::offers_lines(&lines).collect::<Vec<_>>(),
        [
            DeflateOffer::Declined(Error::NotPerMessageDeflate { offset: 0 }),
            DeflateOffer::Declined(Error::UnknownParam { offset: 27 }),
        ]
    );
    assert!(Error::InvalidWindowBits {
        param: P::ServerMaxWindowBits,
        offset: 3
    }
    .to_string()
    .contains("server_max_window_bits must be 8-15"));
}

/// The first element of `header`, as `PerMessageDeflate::offers` judges it.
fn verdict(header: &str) -> DeflateOffer {
    PerMessageDeflate::offers(header)
        .next()
        .expect("an element")
}

fn bits(bits: u8) -> WindowBits {
    WindowBits::new(bits).expect("8 to 15")
}

/// A parameter value as a writer independent of the parser would send it.
fn render_value(value: &str, quoted: bool) -> String {
    if quoted {
        // Escaping every other character is allowed and must not change the value.
        let escaped: String = value
            .chars()
            .enumerate()
            .map(|(i, ch)| {
                if i % 2 == 0 {
                    format!("\\{ch}")
                } else {
                    ch.to_string()
                }
            })
            .collect();
        format!("\"{escaped}\"")
    } else {
        value.to_owned()
    }
}

fn token() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9!#$%&'*+.^_`|~-]{1,12}"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn parsing_never_panics(header in any::<String>()) {
        for offer in Extension::offers(&header).flatten() {
            for value in offer.params().filter_map(|(_, value)| value) {
                let _ = (value.to_string(), value.len(), value.to_str());
            }
        }
    }

    #[test]
    fn written_offers_parse_back(
        offers in proptest::collection::vec(
            (token(), proptest::collection::vec((token(), proptest::option::of((token(), any::<bool>()))), 0..4)),
            1..4,
        ),
        space in "[ \t]{0,2}",
    ) {
        let header = offers
            .iter()
            .map(|(token, params)| {
                let mut element = token.clone();
                for (name, value) in params {
                    element.push_str(&format!("{space};{space}{name}"));
                    if let Some((value, quoted)) = value {
                        element.push_str(&format!("={}", render_value(value, *quoted)));
                    }
                }
                element
            })
            .collect::<Vec<_>>()
            .join(&format!("{space},{space}"));
        let expected: Vec<Offer> = offers
            .iter()
            .map(|(token, params)| {
                (
                    token.clone(),
                    params.iter().map(|(name, value)| (name.clone(), value.as_ref().map(|(v, _)| v.clone()))).collect(),
                )
            })
            .collect();
        prop_assert_eq!(parse(&header), Ok(expected), "{}", header);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Every accessor of a parameter value agrees with the text the independent writer
    /// escaped (or not): the value as written before escaping is the oracle.
    #[test]
    fn param_values_behave_as_their_unescaped_text(
        value in token(),
        other in token(),
        quoted in any::<bool>(),
        registered in any::<bool>(),
    ) {
        let token = if registered { "permessage-deflate" } else { "x-unknown" };
        let header = format!("{token}; p={}; q={other}", render_value(&value, quoted));
        let offer = offer(&header);
        prop_assert_eq!(offer.extension(), Extension::from_name(token));
        prop_assert_eq!(offer.extension().is_some(), registered);
        let mut params = offer.params();
        let (name, parsed) = params.next().expect("p");
        prop_assert_eq!(name, "p");
        let parsed = parsed.expect("a value");
        let (_, plain) = params.next().expect("q");
        let plain = plain.expect("a value");
        prop_assert!(params.next().is_none());
        prop_assert!(params.next().is_none(), "fused");

        prop_assert_eq!(parsed.was_quoted(), quoted);
        prop_assert!(!plain.was_quoted());
        // The writer escapes the first character of every quoted value.
        let expected_str = if quoted { None } else { Some(value.as_str()) };
        prop_assert_eq!(parsed.to_str(), expected_str);
        prop_assert_eq!(plain.to_str(), Some(other.as_str()));
        prop_assert_eq!(parsed.len(), value.len());
        prop_assert!(!parsed.is_empty());
        prop_assert_eq!(parsed.chars().collect::<String>(), value.clone());
        prop_assert_eq!(parsed.to_string(), value.clone());
        prop_assert!(parsed == *value.as_str());
        prop_assert!(parsed == value.as_str());
        prop_assert_eq!(parsed == *other.as_str(), value == other);
        prop_assert_eq!(parsed == other.as_str(), value == other);
        prop_assert_eq!(parsed == plain, value == other);
        prop_assert!(parsed == parsed);

        let mut buf = [0u8; 16];
        prop_assert_eq!(parsed.write(&mut buf), Ok(value.len()));
        prop_assert_eq!(&buf[..value.len()], value.as_bytes());
        let err = parsed.write(&mut buf[..value.len() - 1]).expect_err("one byte short");
        prop_assert_eq!((err.needed(), err.available()), (value.len(), value.len() - 1));
    }
}

#[test]
fn an_empty_quoted_value_is_refused_and_a_value_is_never_empty() {
    // The grammar needs a token inside the quotes, so `is_empty` is false for every value a
    // parse returns; `""` is refused at the closing quote.
    assert!(Extension::offers("permessage-deflate; a=\"\"").any(|o| o.is_err()));
}

fn written(response: &DeflateResponse) -> String {
    let mut buf = [0u8; 200];
    let n = response.write(&mut buf).expect("fits");
    String::from_utf8(buf[..n].to_vec()).expect("ASCII")
}

fn deflate(header: &str) -> PerMessageDeflate {
    verdict(header).valid().expect("a valid offer")
}

#[test]
fn a_server_answers_the_first_offer_its_policy_accepts() {
    let default = DeflatePolicy::default();
    let cases: [(&str, DeflatePolicy, Option<&str>); 10] = [
        ("permessage-deflate", default, Some("permessage-deflate")),
        // A server that does not limit the client's window (the default, 15) leaves an
        // offered client_max_window_bits unanswered: the client keeps what it offered.
        (
            "permessage-deflate; client_max_window_bits",
            default,
            Some("permessage-deflate"),
        ),
        (
            "permessage-deflate; client_max_window_bits=10",
            default,
            Some("permessage-deflate"),
        ),
        // An offered server_no_context_takeover is accepted by repeating it (7.1.1.1).
        (
            "permessage-deflate; server_no_context_takeover",
            default,
            Some("permessage-deflate; server_no_context_takeover"),
        ),
        // An offered server window is answered with the same or a smaller one (7.1.2.1).
        (
            "permessage-deflate; server_max_window_bits=12",
            default.with_server_window_limit(bits(10)),
            Some("permessage-deflate; server_max_window_bits=10"),
        ),
        (
            "permessage-deflate; server_max_window_bits=9",
            default.with_server_window_limit(bits(10)),
            Some("permessage-deflate; server_max_window_bits=9"),
        ),
        // The client's window can only be limited when the client offered the parameter.
        (
            "permessage-deflate; client_max_window_bits",
            default.with_client_window_limit(bits(10)).with_client_no_context_takeover(true),
            Some("permessage-deflate; client_no_context_takeover; client_max_window_bits=10"),
        ),
        (
            "permessage-deflate, permessage-deflate; client_max_window_bits=12",
            default.with_client_window_limit(bits(10)),
            Some("permessage-deflate; client_max_window_bits=10"),
        ),
        // Offers RFC 7692 does not allow, and other extensions, are skipped.
        (
            "x-webkit-deflate-frame, permessage-deflate; foo, permessage-deflate; server_max_window_bits=08",
            default,
            None,
        ),
        (
            "permessage-deflate",
            default.with_client_window_limit(bits(9)),
            None,
        ),
    ];
    for (header, policy, expected) in cases {
        let response = PerMessageDeflate::negotiate(header, &policy).expect("parses");
        assert_eq!(
            response.as_ref().map(written).as_deref(),
            expected,
            "{header}"
        );
        // Whatever a server answers, the client's check accepts against the offers sent.
        if let Some(response) = response {
            let offers: Vec<PerMessageDeflate> = PerMessageDeflate::offers(header)
                .filter_map(DeflateOffer::valid)
                .collect();
            let text = written(&response);
            assert_eq!(
                DeflateResponse::check(&text, &offers),
                Ok(Some(response)),
                "{text}"
            );
        }
    }
    assert!(PerMessageDeflate::negotiate("permessage-deflate;", &default).is_err());
    let response = PerMessageDeflate::negotiate(
        "permessage-deflate; server_no_context_takeover; server_max_window_bits=10; client_max_window_bits",
        &default.with_client_no_context_takeover(true).with_client_window_limit(bits(11)),
    )
    .unwrap()
    .unwrap();
    assert!(response.server_no_context_takeover() && response.client_no_context_takeover());
    assert_eq!(response.server_max_window_bits(), Some(bits(10)));
    assert_eq!(
        response.client_max_window_bits(),
        ClientMaxWindowBits::Bits(bits(11))
    );
    let long = "permessage-deflate; server_no_context_takeover; client_no_context_takeover; \
                server_max_window_bits=10; client_max_window_bits=11";
    assert_eq!(written(&response), long);
    let err = response
        .write(&mut [0u8; 20])
        .expect_err("20 bytes are too few");
    assert_eq!((err.needed(), err.available()), (long.len(), 20));
    // The longest response of all fits in MAX_LEN exactly.
    assert!(long.len() <= DeflateResponse::MAX_LEN);
    // A buffer of exactly the length fits; one byte less does not.
    let mut exact = vec![0u8; long.len()];
    assert_eq!(response.write(&mut exact), Ok(long.len()));
    assert_eq!(exact, long.as_bytes());
    let err = response
        .write(&mut exact[..long.len() - 1])
        .expect_err("one byte short");
    assert_eq!(err.needed(), long.len());
    assert_eq!(
        err.to_string(),
        format!(
            "the output needs {} bytes, the buffer has {}",
            long.len(),
            long.len() - 1
        )
    );
}

#[test]
fn a_client_refuses_responses_rfc_7692_does_not_allow() {
    use DeflateResponseError as Error;
    let plain = [deflate("permessage-deflate")];
    let asked = [deflate(
        "permessage-deflate; server_no_context_takeover; server_max_window_bits=10; client_max_window_bits=12",
    )];
    let cases: [(&str, &[PerMessageDeflate], Error); 10] = [
        ("foo", &plain, Error::NotOffered { offset: 0 }),
        ("permessage-deflate", &[], Error::NotOffered { offset: 0 }),
        ("permessage-deflate, foo", &plain, Error::NotOffered { offset: 20 }),
        ("permessage-deflate, permessage-deflate", &plain, Error::AcceptedTwice { offset: 20 }),
        (
            "permessage-deflate; server_max_window_bits=16",
            &plain,
            Error::Param(PerMessageDeflateError::InvalidWindowBits {
                param: DeflateParam::ServerMaxWindowBits,
                offset: 20,
            }),
        ),
        (
            "permessage-deflate; client_max_window_bits",
            &asked,
            Error::Param(PerMessageDeflateError::MissingValue {
                param: DeflateParam::ClientMaxWindowBits,
                offset: 20,
            }),
        ),
        (
            "permessage-deflate; client_max_window_bits=10",
            &plain,
            Error::ClientMaxWindowBitsNotOffered,
        ),
        (
            "permessage-deflate; server_max_window_bits=10",
            &asked,
            Error::ServerNoContextTakeoverNotAccepted,
        ),
        (
            "permessage-deflate; server_no_context_takeover; server_max_window_bits=11",
            &asked,
            Error::ServerWindowTooLarge { offered: bits(10), answered: bits(11) },
        ),
        (
            "permessage-deflate; server_no_context_takeover; server_max_window_bits=10; client_max_window_bits=13",
            &asked,
            Error::ClientWindowTooLarge { offered: bits(12), answered: bits(13) },
        ),
    ];
    for (header, offers, error) in cases {
        assert_eq!(
            DeflateResponse::check(header, offers),
            Err(error),
            "{header}"
        );
        assert!(!error.to_string().is_empty());
    }
    assert_eq!(
        DeflateResponse::check("permessage-deflate; server_no_context_takeover", &asked),
        Err(Error::ServerMaxWindowBitsNotAccepted)
    );
    // A declined extension is not an error; a response to the second offer is fine.
    assert_eq!(DeflateResponse::check("", &plain), Ok(None));
    assert!(matches!(
        DeflateResponse::check("permessage-deflate; x=", &plain),
        Err(Error::Header(_))
    ));
    let both = [asked[0], plain[0]];
    assert!(DeflateResponse::check("permessage-deflate", &both)
        .unwrap()
        .is_some());
}

fn window() -> impl Strategy<Value = u8> {
    8u8..=15
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Whatever offer and policy: the response the server writes parses back, with the same
    /// parameters, and the client's check accepts it against that offer.
    #[test]
    fn written_responses_parse_back_and_pass_the_clients_check(
        server_nct in any::<bool>(),
        client_nct in any::<bool>(),
        offered_server_bits in proptest::option::of(window()),
        offered_client_bits in proptest::option::of(proptest::option::of(window())),
        policy_server_nct in any::<bool>(),
        policy_client_nct in any::<bool>(),
        policy_server_bits in window(),
        policy_client_bits in window(),
    ) {
        let mut offer = String::from("permessage-deflate");
        if server_nct { offer.push_str("; server_no_context_takeover"); }
        if client_nct { offer.push_str("; client_no_context_takeover"); }
        if let Some(bits) = offered_server_bits { offer.push_str(&format!("; server_max_window_bits={bits}")); }
        match offered_client_bits {
            Some(Some(bits)) => offer.push_str(&format!("; client_max_window_bits={bits}")),
            Some(None) => offer.push_str("; client_max_window_bits"),
            None => {}
        }
        let policy = DeflatePolicy::new()
            .with_server_no_context_takeover(policy_server_nct)
            .with_server_window_limit(bits(policy_server_bits))
            .with_client_no_context_takeover(policy_client_nct)
            .with_client_window_limit(bits(policy_client_bits));
        let offered = deflate(&offer);
        let Some(response) = offered.accept(&policy) else {
            // Declined only when the server must limit a window the client gave no say over.
            prop_assert!(policy_client_bits < 15 && offered_client_bits.is_none());
            return Ok(());
        };
        let text = written(&response);
        let parsed = deflate(&text);
        prop_assert_eq!(parsed.server_no_context_takeover(), response.server_no_context_takeover());
        prop_assert_eq!(parsed.client_no_context_takeover(), response.client_no_context_takeover());
        prop_assert_eq!(parsed.server_max_window_bits(), response.server_max_window_bits());
        prop_assert_eq!(parsed.client_max_window_bits(), response.client_max_window_bits());
        prop_assert_eq!(DeflateResponse::check(&text, &[offered]), Ok(Some(response)));
        // And the response honours the policy.
        prop_assert!(response.server_no_context_takeover() || !policy_server_nct);
        prop_assert!(response.server_max_window_bits().map_or(15, WindowBits::get) <= policy_server_bits);
        let client = match response.client_max_window_bits() {
            ClientMaxWindowBits::Bits(client) => client.get(),
            _ => 15,
        };
        prop_assert!(client <= policy_client_bits);
    }
}

#[test]
fn the_one_pass_checks_every_element_and_ends_at_a_grammar_error() {
    let header = "x-foo; a=1, permessage-deflate, \
                  permessage-deflate; client_max_window_bits=16, permessage-deflate; =";
    let mut offers = PerMessageDeflate::offers(header);
    assert_eq!(
        offers.next(),
        Some(DeflateOffer::Declined(
            PerMessageDeflateError::NotPerMessageDeflate { offset: 0 }
        ))
    );
    // No parameters: the element is checked all the same.
    assert_eq!(
        offers.next(),
        Some(DeflateOffer::Valid(PerMessageDeflate::default()))
    );
    assert_eq!(
        offers.next(),
        Some(DeflateOffer::Declined(
            PerMessageDeflateError::InvalidWindowBits {
                param: DeflateParam::ClientMaxWindowBits,
                offset: header.find("client_max_window_bits").unwrap(),
            }
        ))
    );
    let Some(DeflateOffer::Malformed(error)) = offers.next() else {
        panic!("a broken grammar last");
    };
    assert_eq!(error.offset(), header.len() - 1);
    assert_eq!(error.expected(), ExtensionHeaderExpected::ParamName);
    assert_eq!(offers.next(), None);
    assert_eq!(offers.next(), None);
    // A value with no element at all is an error here too, as in `Extension::offers`.
    let empty: Vec<_> = PerMessageDeflate::offers(" , ").collect();
    assert_eq!(empty.len(), 1);
    assert!(matches!(
        empty[0],
        DeflateOffer::Malformed(error) if error.expected() == ExtensionHeaderExpected::AtLeastOneExtension
    ));
}

/// The offers real clients send, as recorded: the browsers' by `tests/browser.rs` (Chromium
/// 156, WebKitGTK 2.50, Firefox 153 ESR; undici and Bun send Chromium's, Deno none), and
/// python-websockets 17.4's default client offer, printed by
/// `build_extension([(f.name, f.get_request_params())])` for
/// `f = enable_client_permessage_deflate(None)[0]`.
const CLIENT_OFFERS: [(&str, &str); 4] = [
    ("Chromium", "permessage-deflate; client_max_window_bits"),
    ("WebKitGTK", "permessage-deflate; client_max_window_bits"),
    ("Firefox", "permessage-deflate"),
    (
        "python-websockets 17.4",
        "permessage-deflate; client_max_window_bits",
    ),
];

#[test]
fn a_client_writes_each_real_offer_and_checks_answers_against_exactly_it() {
    let unspecified = ClientMaxWindowBits::Unspecified;
    for (client, recorded) in CLIENT_OFFERS {
        // The offer built with the writer, as that client builds it.
        let offer = if recorded.contains("client_max_window_bits") {
            PerMessageDeflate::new().with_client_max_window_bits(unspecified)
        } else {
            PerMessageDeflate::new()
        };
        let mut buf = [0u8; PerMessageDeflate::MAX_LEN];
        let len = offer.write(&mut buf).expect("MAX_LEN suffices");
        assert_eq!(&buf[..len], recorded.as_bytes(), "{client}");
        assert_eq!(deflate(recorded), offer, "{client}: reads back");
        let offers = [offer];

        // Every answer a server with any of these policies gives passes the client's check.
        let default = DeflatePolicy::new();
        for policy in [
            default,
            default.with_server_no_context_takeover(true),
            default.with_client_no_context_takeover(true),
            default.with_server_window_limit(bits(9)),
            default.with_client_window_limit(bits(10)),
        ] {
            let Some(response) = PerMessageDeflate::negotiate(recorded, &policy).expect("parses")
            else {
                // Only a server that limits the client's window declines, and only an offer
                // without client_max_window_bits.
                assert!(policy.client_window_limit() < WindowBits::MAX, "{client}");
                assert_eq!(offer.client_max_window_bits(), ClientMaxWindowBits::Absent);
                continue;
            };
            assert_eq!(
                DeflateResponse::check(&written(&response), &offers),
                Ok(Some(response)),
                "{client} {policy:?}"
            );
        }

        // RFC 7692 section 5: a parameter the client did not offer fails the connection.
        let not_offered = DeflateResponse::check(
            "permessage-deflate; client_max_window_bits=10",
            &[PerMessageDeflate::new()],
        );
        assert_eq!(
            not_offered,
            Err(DeflateResponseError::ClientMaxWindowBitsNotOffered)
        );
        let expected = if offer.client_max_window_bits() == unspecified {
            Ok(Some(
                verdict("permessage-deflate; client_max_window_bits=10")
                    .valid()
                    .map(|_| ())
                    .is_some(),
            ))
        } else {
            Ok(Some(false))
        };
        let answer = DeflateResponse::check(
            "permessage-deflate; client_max_window_bits=10",
            &offers,
        )
        .map(|response| {
            response.map(|r| r.client_max_window_bits() == ClientMaxWindowBits::Bits(bits(10)))
        });
        if offer.client_max_window_bits() == unspecified {
            assert_eq!(answer, expected, "{client}");
        } else {
            assert_eq!(
                answer,
                Err(DeflateResponseError::ClientMaxWindowBitsNotOffered),
                "{client}"
            );
        }
        // A window larger than nothing offered, or an extension not offered at all.
        assert_eq!(
            DeflateResponse::check("x-webkit-deflate-frame", &offers),
            Err(DeflateResponseError::NotOffered { offset: 0 }),
            "{client}"
        );
    }
}

#[test]
fn several_alternatives_are_written_in_order_and_any_of_them_may_be_answered() {
    let first = PerMessageDeflate::new()
        .with_server_no_context_takeover(true)
        .with_client_no_context_takeover(true)
        .with_server_max_window_bits(bits(15))
        .with_client_max_window_bits(ClientMaxWindowBits::Bits(bits(15)));
    let second =
        PerMessageDeflate::new().with_client_max_window_bits(ClientMaxWindowBits::Unspecified);
    let offers = [first, second, PerMessageDeflate::new()];
    let expected = "permessage-deflate; server_no_context_takeover; client_no_context_takeover; \
                    server_max_window_bits=15; client_max_window_bits=15, \
                    permessage-deflate; client_max_window_bits, permessage-deflate";
    // The longest element is MAX_LEN long, and n offers fit in n * (MAX_LEN + 2) - 2.
    let mut one = [0u8; PerMessageDeflate::MAX_LEN];
    assert_eq!(first.write(&mut one), Ok(PerMessageDeflate::MAX_LEN));
    let bound = offers.len() * (PerMessageDeflate::MAX_LEN + 2) - 2;
    let mut buf = vec![0u8; bound];
    let len = PerMessageDeflate::write_offers(&offers, &mut buf).expect("the bound suffices");
    assert_eq!(std::str::from_utf8(&buf[..len]), Ok(expected));
    // Too small: the error says how much room the value needs.
    let err = PerMessageDeflate::write_offers(&offers, &mut buf[..len - 1]).unwrap_err();
    assert_eq!((err.needed(), err.available()), (len, len - 1));
    // What a server reads back is what was offered, in order.
    let read: Vec<_> = PerMessageDeflate::offers(expected)
        .filter_map(DeflateOffer::valid)
        .collect();
    assert_eq!(read, offers);
    // An answer to the third alone passes; one that answers none names the first objection.
    assert!(DeflateResponse::check("permessage-deflate", &offers[1..]).is_ok());
    assert_eq!(
        DeflateResponse::check("permessage-deflate", &offers[..1]),
        Err(DeflateResponseError::ServerNoContextTakeoverNotAccepted)
    );
}

/// `DeflateResponse::MAX_LEN` is what the longest response takes: both context-takeover
/// parameters and both windows at two digits (15 is the default and not written, so 14).
#[test]
fn the_longest_response_fills_max_len_exactly() {
    let offer = "permessage-deflate; server_no_context_takeover; server_max_window_bits=14; \
                 client_max_window_bits";
    let policy = DeflatePolicy::new()
        .with_client_no_context_takeover(true)
        .with_client_window_limit(bits(14));
    let response = PerMessageDeflate::negotiate(offer, &policy)
        .expect("parses")
        .expect("accepted");
    let mut buf = [0u8; DeflateResponse::MAX_LEN];
    let len = response.write(&mut buf).expect("MAX_LEN suffices");
    assert_eq!(
        std::str::from_utf8(&buf[..len]),
        Ok(
            "permessage-deflate; server_no_context_takeover; client_no_context_takeover; \
            server_max_window_bits=14; client_max_window_bits=14"
        )
    );
    assert_eq!(len, DeflateResponse::MAX_LEN);
    let err = response
        .write(&mut buf[..DeflateResponse::MAX_LEN - 1])
        .unwrap_err();
    assert_eq!((err.needed(), err.available()), (len, len - 1));
}
