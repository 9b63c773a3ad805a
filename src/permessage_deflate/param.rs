//! The four parameters of permessage-deflate and its token, as the wire spells them.

/// A parameter of permessage-deflate (RFC 7692 section 7.1).
///
/// ```
/// use websocket_registry::DeflateParam;
///
/// assert_eq!(DeflateParam::ServerMaxWindowBits.as_str(), "server_max_window_bits");
/// assert_eq!(DeflateParam::ALL.len(), 4);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DeflateParam {
    /// `server_no_context_takeover`.
    ServerNoContextTakeover,
    /// `client_no_context_takeover`.
    ClientNoContextTakeover,
    /// `server_max_window_bits`.
    ServerMaxWindowBits,
    /// `client_max_window_bits`.
    ClientMaxWindowBits,
}

impl DeflateParam {
    /// Every parameter, in RFC 7692's order.
    pub const ALL: &'static [DeflateParam] = &[
        DeflateParam::ServerNoContextTakeover,
        DeflateParam::ClientNoContextTakeover,
        DeflateParam::ServerMaxWindowBits,
        DeflateParam::ClientMaxWindowBits,
    ];

    /// The parameter as it is written on the wire (`server_max_window_bits`).
    pub const fn as_str(self) -> &'static str {
        match self {
            DeflateParam::ServerNoContextTakeover => "server_no_context_takeover",
            DeflateParam::ClientNoContextTakeover => "client_no_context_takeover",
            DeflateParam::ServerMaxWindowBits => "server_max_window_bits",
            DeflateParam::ClientMaxWindowBits => "client_max_window_bits",
        }
    }

    /// The parameter `name` spells exactly (case-sensitive, as RFC 7692's names are tokens
    /// compared as sent). Bytes, as the parser reads them: no conversion on the way.
    pub(super) fn from_bytes(name: &[u8]) -> Option<DeflateParam> {
        // The length first, then a comparison of a fixed-size array, which compiles to a few
        // word compares (a `match` on byte-string literals compared the bytes one by one).
        // The spellings are those of `as_str`; a unit test checks every one round-trips.
        if let Ok(name) = <&[u8; 26]>::try_from(name) {
            if name == b"client_no_context_takeover" {
                return Some(DeflateParam::ClientNoContextTakeover);
            }
            if name == b"server_no_context_takeover" {
                return Some(DeflateParam::ServerNoContextTakeover);
            }
        } else if let Ok(name) = <&[u8; 22]>::try_from(name) {
            if name == b"client_max_window_bits" {
                return Some(DeflateParam::ClientMaxWindowBits);
            }
            if name == b"server_max_window_bits" {
                return Some(DeflateParam::ServerMaxWindowBits);
            }
        }
        None
    }
}

/// True for the token `permessage-deflate`, compared as a fixed-size array (see
/// [`DeflateParam::from_bytes`]).
#[inline]
pub(super) fn is_permessage_deflate(token: &[u8]) -> bool {
    <&[u8; 18]>::try_from(token).map_or(false, |token| token == b"permessage-deflate")
}

#[cfg(test)]
mod tests {
    use super::DeflateParam;

    #[test]
    fn every_parameter_is_found_by_its_wire_spelling_and_nothing_else() {
        for &param in DeflateParam::ALL {
            let name = param.as_str().as_bytes();
            assert_eq!(DeflateParam::from_bytes(name), Some(param));
            assert_eq!(DeflateParam::from_bytes(&name.to_ascii_uppercase()), None);
            assert_eq!(DeflateParam::from_bytes(&name[1..]), None);
        }
        assert_eq!(DeflateParam::from_bytes(b""), None);
    }
}
