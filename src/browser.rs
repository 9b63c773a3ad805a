//! What a browser page's `CloseEvent` shows after a server's Close frame, per engine.
//!
//! Each engine's model was measured in the engine itself (`tests/browser.rs`).
//!
//! The WHATWG WebSocket standard hands the page the close code and reason of the Close frame
//! the browser received, with `wasClean` true, once the closing handshake completes. A Close
//! frame the browser finds broken makes it *fail the WebSocket connection* (RFC 6455 section
//! 7.1.7): the page then sees 1006, `wasClean` false and no reason, whatever was sent.
//!
//! Which frames count as broken is left to each engine, and the three engines measured here
//! answer differently; none is as strict as [`ClosePayload::parse`]. The rules below are
//! measurements, not readings of a standard: `tests/browser.rs` runs every engine headless
//! (`cargo xtask test`), sends every close code 0-65535 to WebKitGTK and the codes 0-5100,
//! every 61st code above and 65534-65535 to Chromium and Firefox (a full sweep of those two
//! does not fit the test's time budget), plus the payload edge cases, and compares each
//! page's `CloseEvent` with
//! [`BrowserCloseEvent::after_close_payload`].
//!
//! The measured rules are on [`BrowserEngine`], as a table.

use crate::close_payload::{ClosePayloadError, CodeRule};
use crate::{CloseCode, ClosePayload};
#[cfg(doc)]
use crate::{DeflateResponse, PerMessageDeflate};

/// A browser engine whose WebSocket behaviour this crate has measured.
///
/// What a page's `CloseEvent` shows when the server closes the connection, per engine
/// (1006 with `wasClean` false where the engine fails the connection):
///
/// | Close payload the server sends | Chromium | Firefox | WebKitGTK |
/// |---|---|---|---|
/// | empty | 1005, clean | 1005, clean | 1005, clean |
/// | one byte | fails (1006) | 1005, clean | fails (1006) |
/// | code 1000-1003, 1007-1011, 3000-4999 | as sent | as sent | as sent |
/// | code 1012-1014 (registered, valid on the wire) | as sent | as sent | **fails** (1006) |
/// | code 1005, 1006, 1015 (never to be sent) | fails (1006) | as sent | fails (1006) |
/// | any other code (0-999, 1004, 1016-2999, 5000-65535) | as sent | as sent | fails (1006) |
/// | a reason that is not UTF-8 | fails (1006) | fails (1006) | fails (1006) |
/// | over 125 bytes | fails (1006) | fails (1006) | fails (1006) |
///
/// So the codes every engine shows a page as sent are 1000-1003, 1007-1011 and 3000-4999
/// ([`CloseCode::is_shown_by_every_browser_engine`]): WebKitGTK fails the connection on
/// 1012 Service Restart, 1013 Try Again Later and 1014 Bad Gateway although RFC 6455's
/// registry allows them on the wire.
///
/// Negotiating permessage-deflate: what each engine offers in `Sec-WebSocket-Extensions`,
/// and the server responses where it disagrees with [`DeflateResponse::check`] (the
/// crate's client-side check by RFC 7692). `tests/browser.rs` answers each engine with the
/// responses the crate builds from its offer (every one opens, in every engine) and with
/// broken ones, and asserts exactly these differences:
///
/// | | Chromium | Firefox | WebKitGTK |
/// |---|---|---|---|
/// | offers | `permessage-deflate; client_max_window_bits` | `permessage-deflate` | `permessage-deflate; client_max_window_bits` |
/// | `server_max_window_bits=08` (leading zero) | fails | **opens** | **opens** |
/// | `client_max_window_bits=10` when not offered | (offered) | **opens** | (offered) |
/// | `client_max_window_bits` without a value | fails | fails | **opens** |
/// | `permessage-deflate` accepted twice | fails | fails | **opens** |
/// | window bits 7 or 16, a parameter twice, an unknown parameter, an extension not offered | fails | fails | fails |
///
/// A server that answers with what [`PerMessageDeflate::negotiate`] builds is accepted by
/// all three; the differences only show how lenient each engine is with other servers.
///
/// Each engine's model was measured on the version [`BrowserEngine::measured_version`]
/// names, by `tests/browser.rs`, which fails when an engine update changes the behaviour.
/// Safari on Apple platforms runs WebKit over Apple's own network stack, not libsoup, and is
/// not covered by [`BrowserEngine::WebKitGtk`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum BrowserEngine {
    /// Chromium's Blink and network service, the engine of Chrome and the other
    /// Chromium-based browsers (measured on Debian's Chromium build).
    Chromium,
    /// Firefox's Gecko and Necko.
    Firefox,
    /// WebKitGTK and WPE WebKit, whose WebSocket is libsoup's (GNOME Web, embedded browsers).
    WebKitGtk,
}

impl BrowserEngine {
    /// Every engine the crate has a model for, in this order.
    pub const ALL: [BrowserEngine; 3] = [
        BrowserEngine::Chromium,
        BrowserEngine::Firefox,
        BrowserEngine::WebKitGtk,
    ];

    /// The engine's name for people: `Chromium`, `Firefox`, `WebKitGTK`.
    pub const fn display_name(self) -> &'static str {
        match self {
            BrowserEngine::Chromium => "Chromium",
            BrowserEngine::Firefox => "Firefox",
            BrowserEngine::WebKitGtk => "WebKitGTK",
        }
    }

    /// The engine's name for people: the old name of [`display_name`](Self::display_name).
    #[deprecated(
        note = "renamed to `display_name`: `name()` is IANA's text on every other type, and no registry lists engines"
    )]
    pub const fn name(self) -> &'static str {
        self.display_name()
    }

    /// The engine version the model was measured on (Debian 12's packages).
    pub const fn measured_version(self) -> &'static str {
        match self {
            BrowserEngine::Chromium => "Chromium 156.0.8078.108",
            BrowserEngine::Firefox => "Firefox 153.8.0esr",
            BrowserEngine::WebKitGtk => "WebKitGTK 2.50.6 with libsoup 3.2.3",
        }
    }

    /// Whether the engine shows a page a received Close frame carrying `code` (with a valid
    /// reason), rather than failing the connection.
    pub const fn accepts_received_code(self, code: CloseCode) -> bool {
        match self {
            // The three codes RFC 6455 section 7.4.1 says "MUST NOT be set as a status code
            // in a Close control frame by an endpoint"; everything else passes.
            BrowserEngine::Chromium => !matches!(code.as_u16(), 1005 | 1006 | 1015),
            BrowserEngine::Firefox => true,
            // libsoup's own list: the codes RFC 6455 defined in 2011 that may be sent, and
            // the registered and private ranges. It predates 1012-1014.
            BrowserEngine::WebKitGtk => {
                matches!(code.as_u16(), 1000..=1003 | 1007..=1011 | 3000..=4999)
            }
        }
    }
}

impl core::fmt::Display for BrowserEngine {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.display_name())
    }
}

impl CloseCode {
    /// Whether every engine in [`BrowserEngine::ALL`] shows a page this code, as sent with
    /// any valid reason, when a server closes with it: 1000-1003, 1007-1011 and 3000-4999.
    ///
    /// A server that wants every page to learn why it closed picks one of these. 1012-1014
    /// are valid on the wire but WebKitGTK fails the connection on them (the page sees
    /// 1006); see [`BrowserCloseEvent::after_close_payload`].
    ///
    /// ```
    /// use websocket_registry::CloseCode;
    ///
    /// assert!(CloseCode::NORMAL_CLOSURE.is_shown_by_every_browser_engine());
    /// assert!(CloseCode::from_u16(4000).is_shown_by_every_browser_engine());
    /// assert!(!CloseCode::TRY_AGAIN_LATER.is_shown_by_every_browser_engine()); // WebKitGTK
    /// ```
    pub const fn is_shown_by_every_browser_engine(self) -> bool {
        let mut i = 0;
        while i < BrowserEngine::ALL.len() {
            if !BrowserEngine::ALL[i].accepts_received_code(self) {
                return false;
            }
            i += 1;
        }
        true
    }
}

/// The `code`, `wasClean` and `reason` of the `CloseEvent` a page receives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BrowserCloseEvent<'a> {
    code: CloseCode,
    was_clean: bool,
    reason: &'a str,
}

impl<'a> BrowserCloseEvent<'a> {
    /// What a page in `engine` sees after the server sends a Close frame carrying `payload`
    /// and the closing handshake completes (the table on [`BrowserEngine`]):
    ///
    /// - an empty payload: 1005 No Status Received, empty reason, `wasClean` true;
    /// - a code and a UTF-8 reason, at most 125 bytes in all, with a code the engine
    ///   [accepts](BrowserEngine::accepts_received_code): that code and reason, `wasClean`
    ///   true;
    /// - one byte: Firefox reports 1005 with `wasClean` true, as if the payload were empty;
    ///   the others fail the connection;
    /// - anything else: the connection fails, and the page sees 1006 Abnormal Closure, empty
    ///   reason, `wasClean` false.
    ///
    /// ```
    /// use websocket_registry::{BrowserCloseEvent, BrowserEngine, CloseCode};
    ///
    /// let event = BrowserCloseEvent::after_close_payload(BrowserEngine::Chromium, b"\x03\xf6Bad Gateway");
    /// assert_eq!(event.code(), CloseCode::BAD_GATEWAY);
    /// assert_eq!((event.was_clean(), event.reason()), (true, "Bad Gateway"));
    ///
    /// // WebKitGTK (libsoup) fails the connection on 1014.
    /// let event = BrowserCloseEvent::after_close_payload(BrowserEngine::WebKitGtk, b"\x03\xf6Bad Gateway");
    /// assert_eq!((event.code().as_u16(), event.was_clean()), (1006, false));
    ///
    /// // 1015 may never be sent: Chromium fails the connection, Firefox shows it.
    /// let chromium = BrowserCloseEvent::after_close_payload(BrowserEngine::Chromium, b"\x03\xf7");
    /// let firefox = BrowserCloseEvent::after_close_payload(BrowserEngine::Firefox, b"\x03\xf7");
    /// assert_eq!(chromium.code(), CloseCode::from_u16(1006));
    /// assert_eq!(firefox.code(), CloseCode::from_u16(1015));
    /// ```
    pub const fn after_close_payload(
        engine: BrowserEngine,
        payload: &'a [u8],
    ) -> BrowserCloseEvent<'a> {
        match ClosePayload::parse_with(payload, CodeRule::ReceivedBy(engine)) {
            Ok(frame) => BrowserCloseEvent {
                code: frame.reported_code(),
                was_clean: true,
                reason: frame.reason(),
            },
            Err(ClosePayloadError::OneByte) if matches!(engine, BrowserEngine::Firefox) => {
                BrowserCloseEvent {
                    code: CloseCode(1005),
                    was_clean: true,
                    reason: "",
                }
            }
            // RFC 6455 section 7.1.5: a failed connection is reported as 1006. The number,
            // not the generated constant: its name follows the registry's wording, which has
            // changed over the years (tests/history.rs builds every version).
            Err(_) => BrowserCloseEvent {
                code: CloseCode(1006),
                was_clean: false,
                reason: "",
            },
        }
    }

    /// Whether every engine in [`BrowserEngine::ALL`] shows a page exactly what `payload`
    /// says: its code and reason with `wasClean` true, or for an empty payload 1005 and no
    /// reason (which is how the WebSocket standard reports a Close frame without a code).
    ///
    /// ```
    /// use websocket_registry::BrowserCloseEvent;
    ///
    /// assert!(BrowserCloseEvent::every_engine_shows_as_sent(b"\x0f\xa0maintenance")); // 4000
    /// assert!(BrowserCloseEvent::every_engine_shows_as_sent(b""));
    /// assert!(!BrowserCloseEvent::every_engine_shows_as_sent(b"\x03\xf5")); // 1013: WebKitGTK fails
    /// assert!(!BrowserCloseEvent::every_engine_shows_as_sent(b"\x03")); // one byte
    /// ```
    pub const fn every_engine_shows_as_sent(payload: &[u8]) -> bool {
        let sent = match payload {
            [] => CloseCode(1005),
            [high, low, ..] => CloseCode::from_u16(u16::from_be_bytes([*high, *low])),
            [_] => return false,
        };
        // A clean event carries the payload's own reason (the parse that made it clean
        // borrowed it from `payload`), so code and cleanness are all there is to compare.
        let mut i = 0;
        while i < BrowserEngine::ALL.len() {
            let seen = BrowserCloseEvent::after_close_payload(BrowserEngine::ALL[i], payload);
            if !seen.was_clean || seen.code.as_u16() != sent.as_u16() {
                return false;
            }
            i += 1;
        }
        true
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
