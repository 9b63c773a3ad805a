//! The generated table in the crate docs (generated/close_codes.md) must say what the code
//! does: every row is checked against the runtime predicates.

use websocket_registry::CloseCode;

#[test]
fn every_row_of_the_close_code_table_matches_the_predicates() {
    let table = include_str!("../generated/close_codes.md");
    let rows: Vec<Vec<&str>> = table
        .lines()
        .filter(|line| line.starts_with("| ") && !line.starts_with("| Code"))
        .map(|line| line.trim_matches('|').split('|').map(str::trim).collect())
        .collect();
    assert_eq!(
        rows.len(),
        websocket_registry::CloseCode::ALL.len() + websocket_registry::close_codes::RANGES.len(),
        "one row per assigned code and per range row"
    );
    for row in rows {
        let (first, last) = match row[0].split_once('-') {
            Some((a, b)) => (a.parse::<u16>().expect("n"), b.parse::<u16>().expect("n")),
            None => {
                let n = row[0].parse::<u16>().expect("n");
                (n, n)
            }
        };
        let yes = |cell: &str| cell == "yes";
        for code in first..=last {
            let code = CloseCode::from_u16(code);
            assert_eq!(yes(row[4]), code.is_valid_on_wire(), "{row:?}");
            assert_eq!(yes(row[5]), code.is_valid_for_browser_close(), "{row:?}");
            if first == last {
                assert_eq!(Some(row[2]), code.label(), "{row:?}");
            }
        }
    }
}
