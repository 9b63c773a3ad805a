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
            assert_eq!(yes(row[5]), code.is_valid_for_close_method(), "{row:?}");
            if first == last {
                assert_eq!(row[2], code.label(), "{row:?}");
            }
        }
    }
}

/// The rows of a Markdown table: the cells of every line that starts with `| ` and a digit.
fn rows(table: &str) -> Vec<Vec<&str>> {
    table
        .lines()
        .filter(|line| {
            line.starts_with("| ") && line[2..].starts_with(|c: char| c.is_ascii_digit())
        })
        .map(|line| line.trim_matches('|').split('|').map(str::trim).collect())
        .collect()
}

/// `1000` -> (1000, 1000); `0-999` -> (0, 999).
fn bounds(cell: &str) -> (u16, u16) {
    match cell.split_once('-') {
        Some((a, b)) => (a.parse().expect("a code"), b.parse().expect("a code")),
        None => {
            let code = cell.parse().expect("a code");
            (code, code)
        }
    }
}

/// The localized reference tables (`close_codes.{en,de,ja}.md`, linked from the README): every
/// row, code by code, says what `is_valid_on_wire` and `is_valid_for_close_method` say, in
/// that language's words (written here, not taken from the generator).
#[test]
fn every_row_of_every_localized_close_code_table_matches_the_predicates() {
    let tables = [
        (
            "en",
            include_str!("../generated/close_codes.en.md"),
            ["yes", "no"],
        ),
        (
            "de",
            include_str!("../generated/close_codes.de.md"),
            ["ja", "nein"],
        ),
        (
            "ja",
            include_str!("../generated/close_codes.ja.md"),
            ["はい", "いいえ"],
        ),
    ];
    for (language, table, [yes, no]) in tables {
        let rows = rows(table);
        assert_eq!(
            rows.len(),
            CloseCode::ALL.len() + websocket_registry::CloseCodeRange::ALL.len(),
            "{language}: one row per assigned code and per range of RFC 6455"
        );
        // A range row speaks for the codes of its range that have no row of their own.
        let own_rows: Vec<u16> = rows
            .iter()
            .map(|row| bounds(row[0]))
            .filter(|(first, last)| first == last)
            .map(|(code, _)| code)
            .collect();
        let mut covered = vec![false; 1 << 16];
        for row in &rows {
            let (first, last) = bounds(row[0]);
            let range_row = first != last;
            let word = |cell: &str| match cell {
                cell if cell == yes => true,
                cell if cell == no => false,
                other => panic!("{language}: {other:?} is neither {yes:?} nor {no:?} in {row:?}"),
            };
            for code in first..=last {
                if range_row && own_rows.contains(&code) {
                    continue;
                }
                covered[usize::from(code)] = true;
                let code = CloseCode::from_u16(code);
                assert_eq!(
                    word(row[3]),
                    code.is_valid_on_wire(),
                    "{language}: {code} in {row:?}"
                );
                assert_eq!(
                    word(row[4]),
                    code.is_valid_for_close_method(),
                    "{language}: {code} in {row:?}"
                );
            }
        }
        // The range rows cover every code: nothing is left out of the table.
        assert!(
            covered.iter().all(|&c| c),
            "{language}: a code is in no row"
        );
    }
}
