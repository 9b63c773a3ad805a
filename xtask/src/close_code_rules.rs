//! The runtime crate's close-code rules, compiled in from `src/close_code_rules.rs`.
//!
//! The range bounds and the on-wire and `close()` predicates have that one home.

#[path = "../../src/close_code_rules.rs"]
mod shared;

pub use shared::CloseCodeRange;
pub(crate) use shared::{is_valid_for_close_method, is_valid_on_wire};
