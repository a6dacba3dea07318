//! A sheet's rows as questions: the header row is found wherever it sits in the first rows
//! (instruction rows above it are passed over), its columns recognised by name in English or
//! Indonesian — Kahoot's template ("Question - max 120 characters", "Answer 1 - max 75
//! characters", "Time limit (sec) – …", "Correct answer(s) - choose at least one"),
//! Quizizz's ("Question Text", "Question Type", "Option 1" … "Option 5", "Correct Answer",
//! "Time in seconds", "Image Link", "Answer explanation") and the bot's own ("Pertanyaan",
//! "Pilihan A" … "Pilihan D", "Jawaban", "Waktu", "Penjelasan") — in any order, among other
//! columns, in any case and spacing.

use super::check::{self, Note, RawQuestion, Skipped};
use super::sheet::{Cell, Row, Sheet};
use super::{MAX_QUESTIONS, Parsed, ReadError};

/// The header row is looked for in this many first rows with content.
pub const HEADER_SEARCH_ROWS: usize = 20;

/// Where each field of a question sits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Columns {
    question: usize,
    /// `(slot, column)`: slot 1 is option A.
    options: Vec<(usize, usize)>,
    answer: usize,
    time: Option<usize>,
    kind: Option<usize>,
    image: Option<usize>,
    explanation: Option<usize>,
}

/// What a header cell names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Question,
    Option(usize),
    Answer,
    Time,
    Kind,
    Image,
    Explanation,
}

/// The questions in a sheet, row by row.
pub fn read_sheet(sheet: &Sheet) -> Result<Parsed, ReadError> {
    let (at, columns) = sheet
        .rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .find_map(|(i, row)| header(row).map(|c| (i, c)))
        .ok_or(ReadError::NoHeader)?;
    let mut parsed = Parsed {
        truncated: sheet.truncated,
        ..Parsed::default()
    };
    for row in &sheet.rows[at + 1..] {
        let raw = raw_question(row, &columns);
        take(&mut parsed, row.number, raw);
    }
    Ok(parsed)
}

/// Adds one found question to `parsed`: taken, noted, counted past the limit, or skipped
/// with its reason. Blank ones are passed over.
pub(super) fn take(parsed: &mut Parsed, at: u32, raw: RawQuestion) {
    if raw.is_blank() {
        return;
    }
    match check::check(raw) {
        Ok(_) if parsed.questions.len() >= MAX_QUESTIONS => parsed.over_limit += 1,
        Ok((question, note)) => {
            parsed.questions.push(question);
            if let Some(kind) = note {
                parsed.notes.push(Note { at, kind });
            }
        }
        Err(why) => parsed.skipped.push(Skipped { at, why }),
    }
}

/// The row's columns, when it is a header: a question, at least two options and the answer.
fn header(row: &Row) -> Option<Columns> {
    let mut found: Vec<(Field, usize)> = Vec::new();
    for (column, cell) in row.cells.iter().enumerate() {
        let Some(Cell::Text(text)) = cell else {
            continue;
        };
        if let Some(field) = field(text)
            && !found.iter().any(|(f, _)| *f == field)
        {
            found.push((field, column));
        }
    }
    let find = |want: Field| found.iter().find(|(f, _)| *f == want).map(|(_, c)| *c);
    let options: Vec<(usize, usize)> = found
        .iter()
        .filter_map(|(f, c)| match f {
            Field::Option(slot) => Some((*slot, *c)),
            _ => None,
        })
        .collect();
    if options.len() < 2 {
        return None;
    }
    Some(Columns {
        question: find(Field::Question)?,
        options,
        answer: find(Field::Answer)?,
        time: find(Field::Time),
        kind: find(Field::Kind),
        image: find(Field::Image),
        explanation: find(Field::Explanation),
    })
}

/// A header cell's name without its description: lower case, dashes of any kind, what
/// follows the first dash and anything in brackets dropped ("Time limit (sec) – 5, 10 …" →
/// "time limit"), spaces collapsed, a trailing `:` or `*` dropped.
fn label(text: &str) -> String {
    let lower = text
        .to_lowercase()
        .replace(['–', '—', '‒', '−'], "-")
        .replace('_', " ");
    let head = lower.split('-').next().unwrap_or("");
    let mut out = String::new();
    let mut depth = 0u32;
    for c in head.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches([':', '*', '.'])
        .trim()
        .to_string()
}

fn field(text: &str) -> Option<Field> {
    let l = label(text);
    let f = match l.as_str() {
        "question" | "questions" | "question text" | "pertanyaan" | "soal" | "teks soal"
        | "teks pertanyaan" | "butir soal" => Field::Question,
        "correct answer" | "correct answers" | "correct" | "answer" | "right answer" | "key"
        | "jawaban" | "jawaban benar" | "kunci" | "kunci jawaban" | "benar" => Field::Answer,
        "time limit" | "time" | "time in seconds" | "seconds" | "waktu" | "waktu detik"
        | "batas waktu" | "durasi" | "detik" => Field::Time,
        "question type" | "type" | "tipe" | "tipe soal" | "jenis" | "jenis soal" => Field::Kind,
        "image link" | "image" | "image url" | "gambar" | "link gambar" | "url gambar" => {
            Field::Image
        }
        "answer explanation" | "explanation" | "penjelasan" | "pembahasan" => Field::Explanation,
        _ => return option_slot(&l).map(Field::Option),
    };
    Some(f)
}

/// "answer 1", "option 5", "pilihan a", "opsi b", "jawaban c", "choice 2", or a bare "a".
fn option_slot(label: &str) -> Option<usize> {
    let rest = [
        "answer",
        "option",
        "pilihan",
        "opsi",
        "jawaban",
        "choice",
        "pilihan jawaban",
    ]
    .iter()
    .filter_map(|p| label.strip_prefix(p))
    .map(str::trim)
    .min_by_key(|r| r.len())
    .unwrap_or(label);
    if let Ok(n) = rest.parse::<usize>() {
        return (1..=9).contains(&n).then_some(n);
    }
    let mut chars = rest.chars();
    match (chars.next(), chars.next()) {
        (Some(c @ 'a'..='i'), None) => Some(usize::from(c as u8 - b'a') + 1),
        _ => None,
    }
}

fn raw_question(row: &Row, columns: &Columns) -> RawQuestion {
    let mut uncached = false;
    let mut text = |column: usize| -> Option<String> {
        match row.cell(column)? {
            Cell::Uncached => {
                uncached = true;
                None
            }
            cell => cell_text(cell),
        }
    };
    let question = text(columns.question);
    let options = columns
        .options
        .iter()
        .filter_map(|&(slot, column)| text(column).map(|t| (slot, t)))
        .collect();
    let answer = text(columns.answer);
    let time = columns.time.and_then(&mut text);
    let kind = columns.kind.and_then(&mut text);
    let image = columns.image.and_then(&mut text);
    let explanation = columns.explanation.and_then(&mut text);
    RawQuestion {
        question,
        options,
        answer,
        time,
        kind,
        image,
        explanation,
        uncached,
    }
}

/// A cell as text: trimmed, control characters dropped (a line break kept), a number written
/// as Indonesians write it ("2", "0,5"), a truth value as "Benar" or "Salah"; `None` when
/// nothing is left.
pub(super) fn cell_text(cell: &Cell) -> Option<String> {
    let text = match cell {
        Cell::Text(t) => clean(t),
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
        Cell::Number(n) => n.to_string().replace('.', ","),
        // Indonesian Excel stores a typed "Benar" or "Salah" as a truth value.
        Cell::Bool(b) => if *b { "Benar" } else { "Salah" }.to_string(),
        Cell::Uncached => return None,
    };
    let text = text.trim().to_string();
    (!text.is_empty()).then_some(text)
}

/// Drops control characters except line breaks (tabs become spaces).
pub(super) fn clean(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            '\r' => None,
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sets::RowProblem;

    fn row(number: u32, cells: &[&str]) -> Row {
        Row {
            number,
            cells: cells
                .iter()
                .map(|c| (!c.is_empty()).then(|| Cell::Text((*c).to_string())))
                .collect(),
        }
    }

    #[test]
    fn header_labels_in_every_template() {
        for (text, want) in [
            ("Question - max 120 characters", Field::Question),
            ("Answer 1 - max 75 characters", Field::Option(1)),
            ("answer 4 – max 75 characters", Field::Option(4)),
            (
                "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
                Field::Time,
            ),
            ("Correct answer(s) - choose at least one", Field::Answer),
            ("Question Text", Field::Question),
            ("QUESTION TYPE", Field::Kind),
            ("Option 5", Field::Option(5)),
            ("Correct Answer", Field::Answer),
            ("Time in seconds", Field::Time),
            ("Image Link", Field::Image),
            ("Answer explanation", Field::Explanation),
            ("Pertanyaan", Field::Question),
            ("  Pilihan   A ", Field::Option(1)),
            ("pilihan d", Field::Option(4)),
            ("Jawaban:", Field::Answer),
            ("Waktu (detik)", Field::Time),
            ("Penjelasan", Field::Explanation),
            ("Kunci Jawaban", Field::Answer),
        ] {
            assert_eq!(field(text), Some(want), "{text}");
        }
        for other in [
            "Nomor",
            "#",
            "Catatan",
            "Add questions, at least two answers",
        ] {
            assert_eq!(field(other), None, "{other}");
        }
    }

    #[test]
    fn kahoot_sheet_under_instruction_rows() {
        let sheet = Sheet {
            rows: vec![
                row(1, &["Quiz template"]),
                row(2, &["", "Add questions, at least two answer alternatives"]),
                row(
                    4,
                    &[
                        "",
                        "Question - max 120 characters",
                        "Answer 1 - max 75 characters",
                        "Answer 2 - max 75 characters",
                        "Answer 3 - max 75 characters",
                        "Answer 4 - max 75 characters",
                        "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
                        "Correct answer(s) - choose at least one",
                    ],
                ),
                row(
                    5,
                    &["1", "Ibu kota?", "Jakarta", "Bandung", "", "", "20", "1"],
                ),
                row(6, &["2", "Dua jawaban?", "A", "B", "C", "", "240", "1,3"]),
                row(7, &["3"]),
                row(8, &["4", "Yang kedua?", "x", "y", "z", "w", "5", "2"]),
            ],
            truncated: false,
        };
        let parsed = read_sheet(&sheet).unwrap();
        assert_eq!(parsed.questions.len(), 2);
        assert_eq!(parsed.questions[0].options, ["Jakarta", "Bandung"]);
        assert_eq!(parsed.questions[0].seconds, Some(20));
        assert_eq!(parsed.questions[1].answer, 1);
        assert_eq!(parsed.questions[1].seconds, Some(10));
        assert_eq!(
            parsed.skipped,
            [Skipped {
                at: 6,
                why: RowProblem::SeveralAnswers("1,3".into())
            }]
        );
        assert_eq!(parsed.notes.len(), 1);
        assert_eq!(parsed.notes[0].at, 8);
    }

    #[test]
    fn reordered_columns_and_numbers_where_text_is_expected() {
        let mut sheet = Sheet {
            rows: vec![row(
                1,
                &["Jawaban", "Catatan", "Pilihan B", "Pilihan A", "Pertanyaan"],
            )],
            truncated: false,
        };
        sheet.rows.push(Row {
            number: 2,
            cells: vec![
                Some(Cell::Text("A".into())),
                None,
                Some(Cell::Number(1946.0)),
                Some(Cell::Number(1945.0)),
                Some(Cell::Text("Tahun <b>merdeka</b>?".into())),
            ],
        });
        sheet.rows.push(Row {
            number: 3,
            cells: vec![
                Some(Cell::Uncached),
                None,
                Some(Cell::Number(0.5)),
                Some(Cell::Bool(true)),
                Some(Cell::Text("Rumus?".into())),
            ],
        });
        let parsed = read_sheet(&sheet).unwrap();
        assert_eq!(parsed.questions.len(), 1);
        let q = &parsed.questions[0];
        assert_eq!(q.question, "Tahun <b>merdeka</b>?");
        assert_eq!(q.options, ["1945", "1946"]);
        assert_eq!(q.answer, 0);
        assert_eq!(parsed.skipped[0].why, RowProblem::Formula);
        assert_eq!(cell_text(&Cell::Number(0.5)).as_deref(), Some("0,5"));
        assert_eq!(cell_text(&Cell::Bool(false)).as_deref(), Some("Salah"));
    }

    #[test]
    fn no_header_in_the_first_rows() {
        let mut rows: Vec<Row> = (1..=HEADER_SEARCH_ROWS as u32)
            .map(|n| row(n, &["petunjuk"]))
            .collect();
        rows.push(row(
            21,
            &["Pertanyaan", "Pilihan A", "Pilihan B", "Jawaban"],
        ));
        let sheet = Sheet {
            rows,
            truncated: false,
        };
        assert_eq!(read_sheet(&sheet), Err(ReadError::NoHeader));
        assert_eq!(read_sheet(&Sheet::default()), Err(ReadError::NoHeader));
    }

    #[test]
    fn at_most_the_set_limit_is_taken() {
        let mut rows = vec![row(1, &["Soal", "Opsi 1", "Opsi 2", "Kunci"])];
        for n in 0..(MAX_QUESTIONS as u32 + 5) {
            let q = format!("Soal {n}?");
            rows.push(row(n + 2, &[&q, "ya", "tidak", "1"]));
        }
        let parsed = read_sheet(&Sheet {
            rows,
            truncated: true,
        })
        .unwrap();
        assert_eq!(parsed.questions.len(), MAX_QUESTIONS);
        assert_eq!(parsed.over_limit, 5);
        assert!(parsed.truncated);
    }
}
