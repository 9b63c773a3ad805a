//! Conversions with [tungstenite](https://docs.rs/tungstenite)'s close code (feature `tungstenite`).
//!
//! Both directions keep the number, so nothing is lost either way.
//!
//! tungstenite names its variants itself and they differ from the registry. 1014 is
//! `Bad` there and `CloseCode::BAD_GATEWAY` here. tungstenite's `is_allowed()` rejects 1014,
//! which RFC 6455 and the registry allow, and accepts the unassigned codes 1016-2999. Ask
//! [`CloseCode::is_valid_on_wire`] instead.

use tungstenite::protocol::frame::coding::CloseCode as TungsteniteCloseCode;

use crate::CloseCode;

/// `websocket_registry::CloseCode` into `tungstenite::protocol::frame::coding::CloseCode`,
/// the number kept. tungstenite sends any code it is given; a tungstenite peer that receives
/// 1014 hands its application 1002 instead (see `CloseCode::BAD_GATEWAY`).
#[cfg_attr(docsrs, doc(cfg(feature = "tungstenite")))]
impl From<CloseCode> for TungsteniteCloseCode {
    fn from(code: CloseCode) -> Self {
        TungsteniteCloseCode::from(code.as_u16())
    }
}

/// `tungstenite::protocol::frame::coding::CloseCode` into `websocket_registry::CloseCode`,
/// the number kept. A code tungstenite received and refused arrives here already replaced
/// by 1002 (`Protocol`): 1014 is one of them, and the code the peer sent cannot be
/// recovered (see `CloseCode::BAD_GATEWAY`).
#[cfg_attr(docsrs, doc(cfg(feature = "tungstenite")))]
impl From<TungsteniteCloseCode> for CloseCode {
    fn from(code: TungsteniteCloseCode) -> Self {
        CloseCode::from_u16(u16::from(code))
    }
}

use tungstenite::protocol::CloseFrame as TungsteniteCloseFrame;

#[cfg(doc)]
use crate::MAX_CLOSE_REASON;
use crate::{ClosePayload, ClosePayloadError, EncodeCloseError};

/// `websocket_registry::ClosePayload` into `Option<tungstenite::protocol::CloseFrame>`:
/// `None` for [`ClosePayload::NO_STATUS`], which is how tungstenite sends an empty Close.
#[cfg_attr(docsrs, doc(cfg(feature = "tungstenite")))]
impl From<ClosePayload<'_>> for Option<TungsteniteCloseFrame> {
    fn from(payload: ClosePayload<'_>) -> Self {
        payload.status_code().map(|code| TungsteniteCloseFrame {
            code: code.into(),
            reason: payload.reason().into(),
        })
    }
}

/// `&tungstenite::protocol::CloseFrame` into `websocket_registry::ClosePayload`, checked by
/// the rules of [`ClosePayload::parse`]: a code that
/// is [valid on the wire](crate::CloseCode::is_valid_on_wire) and a reason of at most
/// [`MAX_CLOSE_REASON`] bytes (tungstenite's reason is UTF-8 already). A frame tungstenite
/// received may hold a code this refuses (it lets 1016-2999 through).
#[cfg_attr(docsrs, doc(cfg(feature = "tungstenite")))]
impl<'a> TryFrom<&'a TungsteniteCloseFrame> for ClosePayload<'a> {
    type Error = ClosePayloadError;

    fn try_from(frame: &'a TungsteniteCloseFrame) -> Result<Self, Self::Error> {
        let code = CloseCode::from(frame.code);
        let reason = frame.reason.as_str();
        ClosePayload::new(code, reason).map_err(|err| match err {
            EncodeCloseError::InvalidCode(code) => ClosePayloadError::InvalidCode(code),
            _ => ClosePayloadError::TooLong {
                len: reason.len() + 2,
            },
        })
    }
}
