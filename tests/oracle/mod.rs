//! The tests' own reading of `registry/websocket.xml` and of RFC 6455's close-code rule,
//! written with plain string search so that it shares nothing with the generator or the
//! crate: the oracle the generated tables and the predicates are checked against. It reads
//! whatever registry is vendored, so `cargo xtask fetch` followed by the tests keeps working.

// Only the library keeps to `rust-version` (1.63); this file builds with the workspace's
// own toolchain (see README: Minimum Rust).
#![allow(clippy::incompatible_msrv)]
#![allow(dead_code)] // each test file uses its own subset

/// The vendored registry file.
pub const XML: &str = include_str!("../../registry/websocket.xml");

/// One `<record>` as the file writes it.
#[derive(Debug, Clone, Default)]
pub struct Record {
    /// `<value>`, trimmed.
    pub value: Option<String>,
    /// `<id>`, trimmed.
    pub id: Option<String>,
    /// `<description>`, whitespace collapsed.
    pub description: Option<String>,
    /// `<common>`, whitespace collapsed.
    pub common: Option<String>,
    /// `<incompatible>`, whitespace collapsed.
    pub incompatible: Option<String>,
    /// `<status>`, trimmed (empty when the element is `<status/>`).
    pub status: Option<String>,
    /// The `date` attribute.
    pub date: Option<String>,
    /// The `updated` attribute.
    pub updated: Option<String>,
}

/// The root registry's `<updated>` date: the first `<updated>` element of the file, which
/// comes before any sub-registry.
pub fn updated() -> String {
    let first_sub = XML.find("<registry id=\"").expect("a sub-registry");
    between(&XML[..first_sub], "<updated>", "</updated>")
        .expect("the root <updated>")
        .trim()
        .to_owned()
}

/// The `<title>` of the sub-registry `id`.
pub fn title(id: &str) -> String {
    let open = format!("<registry id=\"{id}\">");
    let section = &XML[XML
        .find(&open)
        .unwrap_or_else(|| panic!("sub-registry {id}"))..];
    between(section, "<title>", "</title>")
        .expect("a <title>")
        .trim()
        .to_owned()
}

/// Every record of the sub-registry `id`, in file order.
pub fn records(id: &str) -> Vec<Record> {
    let open = format!("<registry id=\"{id}\">");
    let start = XML
        .find(&open)
        .unwrap_or_else(|| panic!("sub-registry {id}"));
    let section = &XML[start + open.len()..];
    let section = &section[..section.find("</registry>").expect("end of sub-registry")];
    section
        .split("<record")
        .skip(1)
        .map(|record| {
            let head = &record[..record.find('>').expect("end of <record>")];
            let text = |tag: &str| {
                between(record, &format!("<{tag}>"), &format!("</{tag}>"))
                    .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                    .or_else(|| record.contains(&format!("<{tag}/>")).then(String::new))
            };
            Record {
                value: text("value"),
                id: text("id"),
                description: text("description"),
                common: text("common"),
                incompatible: text("incompatible"),
                status: text("status"),
                date: between(head, "date=\"", "\"").map(str::to_owned),
                updated: between(head, "updated=\"", "\"").map(str::to_owned),
            }
        })
        .collect()
}

/// Every single value of the sub-registry `id` that IANA has assigned: not a range and not
/// described "Unassigned".
pub fn assigned_values(id: &str) -> Vec<u16> {
    records(id)
        .into_iter()
        .filter_map(|record| {
            let value = record.value?;
            let unassigned = record
                .description
                .is_some_and(|d| d.eq_ignore_ascii_case("unassigned"));
            if value.contains('-') || unassigned {
                None
            } else {
                Some(value.parse().expect("a number"))
            }
        })
        .collect()
}

/// The ranges `first-last` of the sub-registry `id`, in file order.
pub fn ranges(id: &str) -> Vec<(u16, u16)> {
    records(id)
        .into_iter()
        .filter_map(|record| {
            let value = record.value?;
            let (first, last) = value.split_once('-')?;
            Some((
                first.parse().expect("a number"),
                last.parse().expect("a number"),
            ))
        })
        .collect()
}

/// The registration rule of the `<range>` row `value` of the sub-registry `id`, whitespace
/// collapsed, if the file has that row.
pub fn range_rule(id: &str, value: &str) -> Option<String> {
    let open = format!("<registry id=\"{id}\">");
    let section = &XML[XML.find(&open)?..];
    let section = &section[..section.find("</registry>")?];
    section.split("<range>").skip(1).find_map(|range| {
        let own = between(range, "<value>", "</value>")?;
        (own.trim() == value).then(|| {
            let rule = between(range, "<registration_rule>", "</registration_rule>")?;
            Some(rule.split_whitespace().collect::<Vec<_>>().join(" "))
        })?
    })
}

/// RFC 6455 section 7.4.1: registered, yet never to be sent in a Close frame.
pub const LOCAL_ONLY: [u16; 4] = [1004, 1005, 1006, 1015];

/// RFC 6455 sections 7.4.1 and 7.4.2, with the registry: may `code` travel in a Close frame?
/// 1000-2999 only when IANA assigned it and RFC 6455 does not keep it local, 3000-4999
/// always, nothing else.
pub fn valid_on_wire(assigned: &[u16], code: u16) -> bool {
    match code {
        1000..=2999 => assigned.contains(&code) && !LOCAL_ONLY.contains(&code),
        3000..=4999 => true,
        _ => false,
    }
}

/// Every code [`valid_on_wire`], in order.
pub fn wire_valid_codes() -> Vec<u16> {
    let assigned = assigned_values("close-code-number");
    (0..=u16::MAX)
        .filter(|&code| valid_on_wire(&assigned, code))
        .collect()
}

fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let end = text[start..].find(close)? + start;
    Some(&text[start..end])
}
