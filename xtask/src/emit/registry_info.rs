//! `generated/registry_info.rs`: facts about the registry file as a whole.

use proc_macro2::TokenStream;
use quote::quote;

use super::Source;
use crate::model::Registry;

pub fn emit(registry: &Registry, source: &Source) -> TokenStream {
    let updated = &registry.updated;
    let title = &registry.title;
    let sha = &source.xml_sha256;
    let created = super::opt_str(registry.created.as_deref());
    quote! {
        #![doc = "Facts about the vendored copy of IANA's `websocket.xml` that this crate was generated from."]

        /// The registry file's `<updated>` date: the version of the IANA registry this crate
        /// reflects.
        pub const UPDATED: &str = #updated;
        /// The registry file's `<created>` date.
        pub const CREATED: Option<&str> = #created;
        /// The registry file's `<title>`.
        pub const TITLE: &str = #title;
        /// The sha256 of IANA's file the crate was generated from, in hex.
        pub const SHA256: &str = #sha;
        /// Where IANA publishes the registry.
        pub const URL: &str = "https://www.iana.org/assignments/websocket/websocket.xml";
    }
}
