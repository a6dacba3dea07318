//! A `.csv` file as a sheet: UTF-8 with or without a byte-order mark, separated by `;` (what
//! Indonesian Excel writes), `,` or a tab; the separator is the one under which a header row
//! is found. Another encoding is refused with a clear reason rather than read as garbage.

use super::sheet::{Cell, MAX_COLUMNS, MAX_ROWS, Row, Sheet, SheetError};
use super::{Parsed, ReadError, table};

/// The questions in a CSV file.
pub fn read_csv(bytes: &[u8]) -> Result<Parsed, ReadError> {
    let text = decode(bytes).map_err(ReadError::Sheet)?;
    for separator in [';', ',', '\t'] {
        match table::read_sheet(&sheet(text, separator)) {
            Err(ReadError::NoHeader) => continue,
            found => return found,
        }
    }
    Err(ReadError::NoHeader)
}

/// The text of a UTF-8 file, its byte-order mark dropped. UTF-16 (what "Unicode text" saves)
/// and other encodings are refused.
fn decode(bytes: &[u8]) -> Result<&str, SheetError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(SheetError::NotUtf8);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|_| SheetError::NotUtf8)
}

/// Ends a field: kept as column `column` when within the columns read.
fn end_field(field: &mut String, cells: &mut Vec<Option<Cell>>, column: &mut usize) {
    if *column < MAX_COLUMNS {
        let cell = (!field.trim().is_empty()).then(|| Cell::Text(std::mem::take(field)));
        cells.push(cell);
    }
    field.clear();
    *column += 1;
}

/// The rows of `text` split by `separator`, bounded like any sheet, numbered as a
/// spreadsheet shows the file: one row per line, a blank line too, but a line break inside a
/// quoted field (`"…"`, with `""` for a quote) stays in its field.
fn sheet(text: &str, separator: char) -> Sheet {
    let mut out = Sheet::default();
    let mut cells: Vec<Option<Cell>> = Vec::new();
    let mut field = String::new();
    let mut column = 0usize;
    let mut row = 1u32;
    // The row the record being read began on.
    let mut start = 1u32;
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    loop {
        let c = chars.next();
        match c {
            Some('"') if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            Some('"') if quoted => quoted = false,
            Some('"') if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            Some('\n') if quoted => {
                field.push('\n');
                row = row.saturating_add(1);
            }
            Some(c) if quoted => field.push(c),
            Some(c) if c == separator => end_field(&mut field, &mut cells, &mut column),
            Some('\r') if chars.peek() == Some(&'\n') => {}
            Some('\n') | None => {
                end_field(&mut field, &mut cells, &mut column);
                if let Some(last) = cells.iter().rposition(Option::is_some) {
                    if out.rows.len() == MAX_ROWS {
                        out.truncated = true;
                        return out;
                    }
                    cells.truncate(last + 1);
                    out.rows.push(Row {
                        number: start,
                        cells: std::mem::take(&mut cells),
                    });
                }
                cells.clear();
                column = 0;
                if c.is_none() {
                    return out;
                }
                row = row.saturating_add(1);
                start = row;
            }
            Some(c) => field.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sets::RowProblem;

    const OWN: &str = "Pertanyaan;Pilihan A;Pilihan B;Pilihan C;Pilihan D;Jawaban;Waktu;Penjelasan\n\
        Planet terdekat ke Matahari?;Merkurius;Venus;Surabaya;Bumi;A;30;Merkurius paling dekat.\n\
        \"Pilih; yang benar\";satu;dua;;;B;;\n";

    #[test]
    fn semicolon_csv_with_quotes_and_a_byte_order_mark() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(OWN.as_bytes());
        let parsed = read_csv(&bytes).unwrap();
        assert_eq!(parsed.questions.len(), 2);
        assert_eq!(parsed.questions[0].seconds, Some(30));
        assert_eq!(
            parsed.questions[0].explanation.as_deref(),
            Some("Merkurius paling dekat.")
        );
        assert_eq!(parsed.questions[1].question, "Pilih; yang benar");
        assert_eq!(parsed.questions[1].answer, 1);
    }

    #[test]
    fn comma_csv_in_quizizz_columns() {
        let text = "Question Text,Question Type,Option 1,Option 2,Option 3,Option 4,Option 5,\
                    Correct Answer,Time in seconds,Image Link,Answer explanation\r\n\
                    \"Kota, di Jawa?\",Multiple Choice,Merkurius,Medan,,,,1,20,,\r\n\
                    Pilih dua,Checkbox,a,b,c,,,\"1,2\",20,,\r\n\
                    Lima pilihan,Multiple Choice,a,b,c,d,e,5,20,,\r\n\
                    Bergambar,Multiple Choice,a,b,,,,1,20,https://example.org/x.png,\r\n";
        let parsed = read_csv(text.as_bytes()).unwrap();
        assert_eq!(parsed.questions.len(), 1);
        assert_eq!(parsed.questions[0].question, "Kota, di Jawa?");
        let why: Vec<&RowProblem> = parsed.skipped.iter().map(|s| &s.why).collect();
        assert_eq!(
            why,
            [
                &RowProblem::NotMultipleChoice("Checkbox".into()),
                &RowProblem::FifthOption,
                &RowProblem::Image
            ]
        );
        assert_eq!(
            parsed.skipped.iter().map(|s| s.at).collect::<Vec<_>>(),
            [3, 4, 5]
        );
    }

    #[test]
    fn other_encodings_are_refused() {
        let latin1 = b"Pertanyaan;Pilihan A;Pilihan B;Jawaban\nCaf\xe9?;ya;tidak;A\n";
        assert_eq!(read_csv(latin1), Err(ReadError::Sheet(SheetError::NotUtf8)));
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "Pertanyaan;Jawaban".encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(read_csv(&utf16), Err(ReadError::Sheet(SheetError::NotUtf8)));
        assert_eq!(read_csv(b""), Err(ReadError::NoHeader));
    }

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        let text = "Soal;Opsi A;Opsi B;Kunci\n\n;;;\r\n\"Dua\nbaris\";a;b;E\nApa?;a;b;Z\n";
        let parsed = read_csv(text.as_bytes()).unwrap();
        let rows: Vec<u32> = parsed.skipped.iter().map(|s| s.at).collect();
        assert_eq!(rows, [4, 6]);
        let sheet = sheet("a;\"b \"\"kutip\"\"\";c\n", ';');
        assert_eq!(
            sheet.rows[0].cells,
            [
                Some(Cell::Text("a".into())),
                Some(Cell::Text("b \"kutip\"".into())),
                Some(Cell::Text("c".into()))
            ]
        );
    }

    #[test]
    fn ten_thousand_rows_are_read_up_to_the_cap() {
        let mut text = String::from("Soal,Opsi A,Opsi B,Kunci\n");
        for n in 0..10_000 {
            text.push_str(&format!("Soal nomor {n}?,ya,tidak,a\n"));
        }
        let parsed = read_csv(text.as_bytes()).unwrap();
        assert!(parsed.truncated);
        assert_eq!(parsed.questions.len(), crate::sets::MAX_QUESTIONS);
        assert_eq!(parsed.over_limit, MAX_ROWS - 1 - crate::sets::MAX_QUESTIONS);
    }
}
