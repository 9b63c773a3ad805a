//! Conversions to and from [tungstenite](https://docs.rs/tungstenite)'s close code (feature
//! `tungstenite`). Both directions keep the number, so nothing is lost either way.
//!
//! tungstenite names its variants itself and they differ from the registry. 1014 is
//! `Bad` there and [`CloseCode::BAD_GATEWAY`] here. tungstenite's `is_allowed()` rejects 1014,
//! which RFC 6455 and the registry allow, and accepts the unassigned codes 1016-2999. Ask
//! [`CloseCode::is_valid_on_wire`] instead.

use tungstenite::protocol::frame::coding::CloseCode as TungsteniteCloseCode;

use crate::CloseCode;

impl From<CloseCode> for TungsteniteCloseCode {
    fn from(code: CloseCode) -> Self {
        TungsteniteCloseCode::from(code.as_u16())
    }
}

impl From<TungsteniteCloseCode> for CloseCode {
    fn from(code: TungsteniteCloseCode) -> Self {
        CloseCode::from_u16(u16::from(code))
    }
}
