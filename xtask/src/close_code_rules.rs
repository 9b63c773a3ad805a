//! The runtime crate's close-code rules, compiled in: the range bounds and the on-wire and
//! `close()` predicates have one home, `src/close_code_rules.rs`.

#[path = "../../src/close_code_rules.rs"]
mod shared;

pub use shared::CloseCodeRange;
pub(crate) use shared::{is_valid_for_close_method, is_valid_on_wire};
