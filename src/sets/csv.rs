//! A `.csv` file as a sheet: UTF-8 with or without a byte-order mark, separated by `;` (what
//! Indonesian Excel writes), `,` or a tab; the separator is the one under which a header row
//! is found. Another encoding is refused with a clear reason rather than read as garbage.

use super::sheet::{Cell, MAX_COLUMNS, MAX_ROWS, Row, Sheet, SheetError};
use super::{Parsed, ReadError, table};

/// The questions in a CSV file.
pub fn read_csv(bytes: &[u8]) -> Result<Parsed, ReadError> {
    let text = decode(bytes).map_err(ReadError::Sheet)?;
    for separator in [b';', b',', b'\t'] {
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

/// The rows of `text` split by `separator`, bounded like any sheet. Quoted fields may hold
/// the separator and line breaks.
fn sheet(text: &str, separator: u8) -> Sheet {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(text.as_bytes());
    let mut out = Sheet::default();
    let mut record = csv::StringRecord::new();
    let mut number = 0u32;
    // A record the reader cannot split (a stray quote) ends the file: the rows read so far
    // are kept.
    while let Ok(true) = reader.read_record(&mut record) {
        number += 1;
        let cells: Vec<Option<Cell>> = record
            .iter()
            .take(MAX_COLUMNS)
            .map(|f| (!f.trim().is_empty()).then(|| Cell::Text(f.to_string())))
            .collect();
        let Some(last) = cells.iter().rposition(Option::is_some) else {
            continue;
        };
        if out.rows.len() == MAX_ROWS {
            out.truncated = true;
            break;
        }
        // Numbered as a spreadsheet shows the file: one row per record, even when a quoted
        // field holds line breaks.
        out.rows.push(Row {
            number,
            cells: cells.into_iter().take(last + 1).collect(),
        });
    }
    out
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
