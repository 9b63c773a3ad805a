//! What a browser page's `CloseEvent` reports when the server closes the connection.
//!
//! The WHATWG WebSocket standard hands the page the close code and reason of the Close frame
//! the browser received, with `wasClean` true, once the closing handshake completes. A Close
//! frame the browser finds broken makes it *fail the WebSocket connection* (RFC 6455 section
//! 7.1.7): the page then sees 1006, `wasClean` false and no reason, whatever was sent.
//!
//! Which frames count as broken is up to the browser, and browsers are more lenient than
//! [`CloseFrame::parse`]. `tests/browser.rs` measures headless Chromium against every case
//! here, over every assigned code and samples of the rest.

use crate::close_frame::CodeRule;
use crate::{CloseCode, CloseFrame};

/// The `code`, `wasClean` and `reason` of the `CloseEvent` a page receives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BrowserCloseEvent<'a> {
    code: CloseCode,
    was_clean: bool,
    reason: &'a str,
}

impl<'a> BrowserCloseEvent<'a> {
    /// What a page sees after the server sends a Close frame carrying `payload` and the
    /// closing handshake completes, as Chromium does it:
    ///
    /// - an empty payload: 1005 No Status Received, empty reason, `wasClean` true;
    /// - a code and a UTF-8 reason: that code and reason, `wasClean` true, for **any** code
    ///   except the three RFC 6455 section 7.4.1 says an endpoint MUST NOT set in a Close
    ///   frame (1005, 1006, 1015). Codes that are not [valid on the
    ///   wire](CloseCode::is_valid_on_wire) but not forbidden in those words (0-999, 1004,
    ///   unassigned 1016-2999, 5000 and up) reach the page as sent, where a strict endpoint
    ///   such as [`CloseFrame::parse`], python-websockets or node's `ws` fails the connection;
    /// - anything else (1005, 1006 or 1015; one byte; over 125 bytes; a reason that is not
    ///   UTF-8): the connection fails, and the page sees 1006 Abnormal Closure, empty reason,
    ///   `wasClean` false.
    ///
    /// So a server that wants a page to see its code sends one
    /// [valid on the wire](CloseCode::is_valid_on_wire), for every client to accept it.
    ///
    /// ```
    /// use iana_websocket::{BrowserCloseEvent, CloseCode};
    ///
    /// let event = BrowserCloseEvent::after_close_payload(b"\x03\xf6Bad Gateway");
    /// assert_eq!(event.code(), CloseCode::BAD_GATEWAY);
    /// assert_eq!((event.was_clean(), event.reason()), (true, "Bad Gateway"));
    ///
    /// // 1015 may never be sent: the browser fails the connection instead.
    /// let event = BrowserCloseEvent::after_close_payload(b"\x03\xf7");
    /// assert_eq!(event.code(), CloseCode::ABNORMAL_CLOSURE);
    /// assert!(!event.was_clean());
    ///
    /// // 1016 is unassigned and invalid on the wire, yet a page sees it.
    /// let event = BrowserCloseEvent::after_close_payload(b"\x03\xf8");
    /// assert_eq!(event.code(), CloseCode::from_u16(1016));
    /// ```
    pub const fn after_close_payload(payload: &'a [u8]) -> BrowserCloseEvent<'a> {
        match CloseFrame::parse_with(payload, CodeRule::Browser) {
            Ok(frame) => BrowserCloseEvent {
                code: frame.reported_code(),
                was_clean: true,
                reason: frame.reason(),
            },
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
