//! The IANA WebSocket Protocol Registries as Rust types, with the RFC and WHATWG rules around them.
//!
//! The types are generated from IANA's own `websocket.xml`; the hand-written rules of RFC
//! 6455, RFC 7692 and the WHATWG decide which close codes may be used where, and how the
//! handshake headers read.
//!
//! | Registry | Type |
//! |---|---|
//! | Close codes (`close-code-number`) | [`CloseCode`], a newtype over the wire `u16`, with a constant per assigned code |
//! | Opcodes (`opcode`) | [`Opcode`] |
//! | Subprotocol names (`subprotocol-name`) | [`Subprotocol`] |
//! | Extension names (`extension-name`) | [`Extension`] |
//! | Version numbers (`version-number`) | [`Version`], [`VersionStatus`] |
//! | Framing header bits (`framing-header-bits`) | [`HeaderBit`] |
//! | Any sub-registry IANA adds before a typed API follows | a [`GenericRegistry`] in [`other_registries`] (none today) |
//!
//! Everything registry-derived is generated from IANA's file and stamped with the registry's
//! `updated` date ([`registry::UPDATED`]). The crate is
//! `#![no_std]`, has no dependencies, and never panics.
//!
//! ```
//! use websocket_registry::{CloseCode, Subprotocol};
//!
//! // Negotiate a subprotocol: identifiers are exact and case-sensitive.
//! assert_eq!(Subprotocol::from_name("ocpp1.6"), Some(Subprotocol::Ocpp1_6));
//! assert_eq!(Subprotocol::from_name("OCPP1.6"), None);
//!
//! // Close codes: every u16 is representable; the registry decides what it means.
//! let code = CloseCode::from_u16(1014);
//! assert_eq!(code, CloseCode::BAD_GATEWAY);
//! assert!(code.is_valid_on_wire());
//! assert!(!code.is_valid_for_close_method());
//! assert_eq!(code.to_string(), "1014 Bad Gateway");
//! ```
//!
//! # Which close-code predicate do I need?
//!
//! - **Writing a WebSocket endpoint (client or server library)?** Use
//!   [`CloseCode::is_valid_on_wire`] for every code you send *and* every code you receive (a
//!   received invalid code is a protocol error: answer 1002). [`ClosePayload::parse`] applies it
//!   for you, with the payload-length and UTF-8 rules, and tells you which code to answer with.
//! - **Implementing or wrapping the WHATWG `WebSocket.close(code)` API?** Use
//!   [`CloseCode::is_valid_for_close_method`]: the WHATWG standard accepts only 1000 and
//!   3000-4999 there, and throws `InvalidAccessError` otherwise, even for codes that are valid
//!   on the wire such as 1001 or 1011. What each engine's own `close(code)` does, as
//!   measured, is [`ClientEngine::close_method_accepts`]: Bun also accepts 1001-1003 and
//!   1007-1014.
//! - **Choosing a code every client should see?**
//!   [`CloseCode::is_shown_by_every_client_engine`] says whether all six engines the crate
//!   has measured show it as sent (Chromium, Firefox and WebKitGTK, and undici, Deno and
//!   Bun; 1000-1003, 1007-1011 and 3000-4999 only: WebKitGTK fails the connection on
//!   1012-1014 and Deno on 1014). Each engine's own answers are on [`ClientEngine`]
//!   ([`accepts_received_code`](ClientEngine::accepts_received_code),
//!   [`shows_as_sent`](ClientEngine::shows_as_sent)), and
//!   [`CloseEvent::after_close_payload`] tells what `CloseEvent` each engine gives its page
//!   or program for a Close payload. The engines
//!   differ: Chromium and Firefox pass through codes the wire rule forbids, Chromium fails
//!   the connection on 1005, 1006 and 1015, Firefox shows even those, and Deno reports a
//!   failed connection as code 0 instead of 1006.
//! - **Showing a code to a person?** `Display`, [`CloseCode::label`] and
//!   [`CloseCode::description`] (the project's words, in three languages with `*_in`), and
//!   [`CloseCode::name`] (IANA's).
//! - **Asking whether IANA has assigned a code?** [`CloseCode::is_registered`].
//!
//! # Accessors: one name, one meaning, one type
//!
//! Every accessor name means the same thing and returns the same type on every type that has
//! it (the project's API audit checks this before every release):
//!
//! | Accessor | What it gives | Type | On |
//! |---|---|---|---|
//! | `as_u16()`, `as_u8()` | the value on the wire | `u16`, `u8` | [`CloseCode`]; [`Opcode`], [`FrameOpcode`], [`Version`], [`UnassignedOpcode`] |
//! | `as_str()` | the identifier, exactly as `FromStr` reads it back | `&'static str` | [`Subprotocol`], [`Extension`], [`HeaderBit`], [`VersionStatus`], [`DeflateParam`], [`Language`], [`Reconnect`] |
//! | `label()` | a short readable name, in English | `&'static str` | [`CloseCode`], [`Opcode`], [`Version`], [`Extension`], [`HeaderBit`], [`ClientEngine`], [`Language`] |
//! | `description()` | one line in the project's own words, in English | `&'static str` | [`CloseCode`], [`CloseCodeRange`], [`Opcode`], [`Version`], [`Extension`], [`HeaderBit`], [`Reconnect`] |
//! | `label_in(Language)`, `description_in(Language)` | the same in German or Japanese (English where a text is missing) | `&'static str` | the types above that have `label()` or `description()` and texts in several languages |
//! | `name()` | IANA's own text for the record, verbatim; `None` where IANA gives none (a code it has not assigned) | `Option<&'static str>` | [`CloseCode`], [`Opcode`], [`RangeRecord`], [`GenericRecord`] |
//! | `meaning()`, `common_name()`, `definition()` | IANA's other text columns, verbatim | `&'static str` | [`HeaderBit`]; [`Subprotocol`], [`Extension`] |
//! | `references()` | IANA's references for the record | `&'static [Reference]` | [`CloseCode`], [`Opcode`], [`Version`], [`Subprotocol`], [`Extension`], [`HeaderBit`], [`RangeRecord`], [`GenericRecord`] |
//! | `contact()`, `controller()` | IANA's contact (close codes) or change controller (names) | `&'static [Reference]` | [`CloseCode`]; [`Subprotocol`], [`Extension`] |
//! | `registered()`, `updated()` | IANA's dates (`YYYY-MM-DD` or `YYYY-MM`), if it gives them | `Option<&'static str>` | [`CloseCode`], [`Opcode`], [`Version`], [`Subprotocol`], [`Extension`], [`HeaderBit`], [`GenericRecord`] |
//! | `ALL` | every value (for [`CloseCode`] and [`Version`], every one IANA assigns), in order | `&'static [Self]` | the types above with a fixed set of values, and [`CloseCodeRange`], [`ClientEngine`], [`Language`], [`Reconnect`], [`DeflateParam`] |
//!
//! Words for people never fail: a close code IANA has not assigned reads as its range
//! (`CloseCode::from_u16(4321).label()` is `Private use`), and a version number the project
//! has no notes on as `Other version`. IANA's text stays apart, in `name()` and the other
//! columns, so that a reader can tell the registry's words from the crate's.
//!
//! Public names survive IANA's edits. When IANA renames a record (as it renamed the
//! subprotocol `AMQPWSB10` to `amqp`), the old name stays as a `#[deprecated]` associated
//! constant of the same value, usable in expressions and patterns; a record IANA removes
//! stays as a deprecated item that lookups no longer return. Registry updates therefore only
//! ever add to the API.
//!
//! # Every close code and range
//!
//! Generated from the registry; "Valid on the wire" is [`CloseCode::is_valid_on_wire`] and
//! "Valid for `close()`" is [`CloseCode::is_valid_for_close_method`] (a test checks every row
//! against them).
//!
#![doc = include_str!("../generated/close_codes.md")]
#![no_std]
// docs.rs builds with `--cfg docsrs` on nightly: items behind a feature say which one.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

// The `std` feature only adds `impl std::error::Error` (src/error.rs).
#[cfg(feature = "std")]
extern crate std;

mod buffer_writer;
mod client_engine;
mod close_code;
mod close_code_range;
mod close_code_rules;
mod close_payload;
mod error;
mod extension_offers;
mod generic_registry;
mod header_lines;
mod interop;
mod language;
// Which hash and layout the generated lookups call depends on the registry (see the module).
#[allow(dead_code)]
mod name_hash;
mod offers;
mod opcode;
mod permessage_deflate;
mod record_texts;
mod reference;
mod version;
mod version_check;

// The generated modules are formatted by the generator (prettyplease), not by rustfmt.
#[rustfmt::skip]
#[path = "../generated/close_codes.rs"]
pub mod close_codes;
#[rustfmt::skip]
#[path = "../generated/extensions.rs"]
pub mod extensions;
#[rustfmt::skip]
#[path = "../generated/header_bits.rs"]
pub mod header_bits;
#[rustfmt::skip]
#[path = "../generated/opcodes.rs"]
pub mod opcodes;
#[rustfmt::skip]
#[path = "../generated/other_registries.rs"]
pub mod other_registries;
#[rustfmt::skip]
#[path = "../generated/registry_info.rs"]
pub mod registry;
#[rustfmt::skip]
#[path = "../generated/subprotocols.rs"]
pub mod subprotocols;
#[rustfmt::skip]
#[path = "../generated/versions.rs"]
pub mod versions;

pub use client_engine::{ClientEngine, CloseEvent};
pub use close_code::{CloseCode, CloseCodeRange, ParseCloseCodeError};
pub use close_payload::{
    ClosePayload, ClosePayloadError, EncodeCloseError, MAX_CLOSE_PAYLOAD, MAX_CLOSE_REASON,
};
pub use error::BufferTooSmall;
pub use extension_offers::{
    ExtensionHeaderError, ExtensionHeaderExpected, ExtensionOffer, ExtensionOffers,
    ExtensionParams, ParamChars, ParamValue,
};
pub use extensions::Extension;
pub use generic_registry::{GenericRecord, GenericRegistry};
pub use header_bits::HeaderBit;
#[cfg(feature = "headers")]
pub use interop::{
    SecWebSocketExtensionsRequest, SecWebSocketExtensionsResponse, SecWebSocketProtocolRequest,
    SecWebSocketProtocolResponse,
};
pub use language::{Language, Reconnect, UnknownName};
pub use offers::{Offer, Offers, SelectedSubprotocolError};
pub use opcode::{FrameOpcode, ParseOpcodeError, UnassignedOpcode};
pub use opcodes::Opcode;
pub use permessage_deflate::{
    ClientMaxWindowBits, DeflateOffer, DeflateOffers, DeflateParam, DeflatePolicy, DeflateResponse,
    DeflateResponseError, PerMessageDeflate, PerMessageDeflateError, WindowBits,
};
pub use reference::{RangeRecord, Reference, ReferenceKind, UnregisteredName};
pub use subprotocols::Subprotocol;
pub use version::{ParseVersionError, Version};
pub use version_check::VersionError;
pub use versions::VersionStatus;

/// The README's examples run as doctests, so the front page cannot go stale.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
