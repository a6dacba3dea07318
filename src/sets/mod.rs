//! Teachers' own quiz sets: questions a teacher (or a student, for themselves) brings as a
//! spreadsheet (`.xlsx`, `.csv`) or pastes as text, read tolerantly and validated row by row.
//! Pure: the adapters download the file and hand its bytes here; the driver writes the sets to
//! disk in the format of [`file`].
//!
//! - [`sheet`] — a spreadsheet as rows of sparse cells, bounded; [`xlsx`] and [`csv`] read one.
//! - [`table`] — finds the header row (Kahoot's, Quizizz's or the bot's own template, in
//!   English or Indonesian) and turns the rows under it into questions.
//! - [`paste`] — the common document layout ("1. …", "a. …", "Kunci: b").
//! - [`check`] — the rules every question meets, wherever it came from.
//! - [`file`] — a set's file on disk, versioned.

pub mod check;
pub mod csv;
pub mod file;
pub mod paste;
pub mod sheet;
pub mod table;
pub mod xlsx;

use std::sync::Arc;

use crate::content::{Content, Difficulty, Lexicon, Pack, QuizItem, TopicDef};
pub use check::{Note, RowProblem, Skipped};
pub use sheet::SheetError;

/// Largest file read, in bytes (checked while it downloads).
pub const MAX_FILE_BYTES: u64 = 1 << 20;
/// Questions a set holds at most; rows after them are not taken.
pub const MAX_QUESTIONS: usize = 200;
/// Sets one person keeps at most.
pub const MAX_SETS: usize = 50;
/// Bytes one person's set files take on disk at most.
pub const QUOTA_BYTES: u64 = 4 << 20;
/// Bytes everyone's sets take together at most (they are all kept in memory).
pub const TOTAL_BYTES: u64 = 256 << 20;
/// Longest set name, in characters.
pub const MAX_NAME_CHARS: usize = 32;
/// A question's own time is kept within this many seconds.
pub const SECONDS_RANGE: (u32, u32) = (10, 120);
/// Words the commands give a meaning to: no set is named so.
pub const RESERVED_NAMES: &[&str] = &["ulang", "semua", "acak", "topik", "set"];
/// Pack ids of sets begin with this, so a set never shares a chat's memory with a subject.
const SET_PACK_PREFIX: &str = "set:";

/// The kinds of file read as a set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Xlsx,
    Csv,
}

impl FileKind {
    /// The kind a file name says, by its extension (any case).
    pub fn of(file_name: &str) -> Option<FileKind> {
        let lower = file_name.trim().to_lowercase();
        if lower.ends_with(".xlsx") {
            Some(FileKind::Xlsx)
        } else if lower.ends_with(".csv") {
            Some(FileKind::Csv)
        } else {
            None
        }
    }
}

/// One question of a set, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetQuestion {
    pub question: String,
    /// Two to four options.
    pub options: Vec<String>,
    /// Index into `options` of the correct one.
    pub answer: usize,
    /// Its own time, within [`SECONDS_RANGE`]; `None` uses the round's.
    pub seconds: Option<u32>,
    pub explanation: Option<String>,
}

/// A set of questions and whose it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizSet {
    pub name: String,
    /// The Telegram user who sent it; only they run it.
    pub owner: i64,
    /// Their first name, credited under each answer ("Soal dari …").
    pub author: String,
    pub questions: Vec<SetQuestion>,
}

impl QuizSet {
    /// The set as a subject of its own, for rounds and practices: one topic, its questions as
    /// quiz items (ids from their text, so recently asked questions stay known when the set is
    /// sent again), the author credited instead of an article.
    pub fn content(&self) -> Arc<Content> {
        let topic = "set".to_string();
        let quiz = self
            .questions
            .iter()
            .map(|q| QuizItem {
                id: question_id(&q.question),
                topic: topic.clone(),
                difficulty: Difficulty::Sedang,
                question: q.question.clone(),
                options: q.options.clone(),
                answer: q.answer,
                explanation: q.explanation.clone().unwrap_or_default(),
                source: String::new(),
            })
            .collect();
        Arc::new(Content {
            pack: Pack {
                id: set_key(self.owner, &self.name),
                name: self.name.clone(),
                level: String::new(),
                example: String::new(),
                topics: vec![TopicDef {
                    id: topic,
                    label: self.name.clone(),
                }],
                author: Some(self.author.clone()),
            },
            lexicon: Lexicon::default(),
            sources: Vec::new(),
            faq: Vec::new(),
            facts: Vec::new(),
            quiz,
        })
    }

    /// Each question's own time, in the order of [`QuizSet::content`]'s items.
    pub fn seconds(&self) -> Vec<Option<u32>> {
        self.questions.iter().map(|q| q.seconds).collect()
    }
}

/// The id a set goes by where subjects are kept by pack id (a chat's recently asked
/// questions): never a pack's, as pack ids hold no `:`.
pub fn set_key(owner: i64, name: &str) -> String {
    format!("{SET_PACK_PREFIX}{owner}:{name}")
}

/// The owner and name in a set's key ([`set_key`]).
pub fn parse_set_key(key: &str) -> Option<(i64, &str)> {
    let rest = key.strip_prefix(SET_PACK_PREFIX)?;
    let (owner, name) = rest.split_once(':')?;
    Some((owner.parse().ok()?, name))
}

/// Whether a pack id is a set's ([`set_key`]).
pub fn is_set_key(id: &str) -> bool {
    id.starts_with(SET_PACK_PREFIX)
}

/// A short stable id for a question: FNV-1a of its text.
fn question_id(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("q{hash:016x}")
}

/// What reading a file or a pasted list found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// The valid questions, at most [`MAX_QUESTIONS`].
    pub questions: Vec<SetQuestion>,
    /// Rows (or pasted questions) not taken, and why, in order.
    pub skipped: Vec<Skipped>,
    /// What was changed in rows that were taken (a time brought into range).
    pub notes: Vec<Note>,
    /// Valid rows past [`MAX_QUESTIONS`], not taken.
    pub over_limit: usize,
    /// The file had more rows than are read; those after were not.
    pub truncated: bool,
}

/// Why a file gave no questions at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    Sheet(SheetError),
    /// No row in the first [`table::HEADER_SEARCH_ROWS`] names a question, two options and the
    /// right answer.
    NoHeader,
}

/// Reads a downloaded file as a set's questions.
pub fn read(kind: FileKind, bytes: &[u8]) -> Result<Parsed, ReadError> {
    match kind {
        FileKind::Xlsx => {
            let sheet = xlsx::read_xlsx(bytes).map_err(ReadError::Sheet)?;
            table::read_sheet(&sheet)
        }
        FileKind::Csv => csv::read_csv(bytes),
    }
}

/// The bot's own template: its header row and one example row.
pub fn template_rows() -> Vec<Vec<String>> {
    [
        [
            "Pertanyaan",
            "Pilihan A",
            "Pilihan B",
            "Pilihan C",
            "Pilihan D",
            "Jawaban",
            "Waktu",
            "Penjelasan",
        ],
        [
            "Berapa hasil 7 × 8?",
            "54",
            "56",
            "58",
            "64",
            "B",
            "20",
            "7 × 8 = 56, sama dengan 7 + 7 + 7 + 7 + 7 + 7 + 7 + 7.",
        ],
    ]
    .iter()
    .map(|row| row.iter().map(|c| (*c).to_string()).collect())
    .collect()
}

/// Rows as a `;`-separated CSV with a byte-order mark, as Indonesian Excel opens it in
/// columns (a comma CSV opens in one column there).
pub fn template_csv(rows: &[Vec<String>]) -> String {
    let mut out = String::from('\u{feff}');
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                if c.contains([';', '"', '\n', '\r']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c.clone()
                }
            })
            .collect();
        out.push_str(&cells.join(";"));
        out.push_str("\r\n");
    }
    out
}

/// Why a name cannot name a set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameProblem {
    Empty,
    OnlyDigits,
    TooLong,
    /// A topic id of some subject: `/kuis <topik>` means the topic.
    Topic,
    /// A word the commands use.
    Reserved,
}

/// A set name from what a teacher typed or a file's name: lower case, spaces and `_` as `-`,
/// only letters `a`–`z`, digits and `-` kept, an extension dropped.
pub fn slug(raw: &str) -> String {
    let raw = raw.trim();
    let stem = FileKind::of(raw)
        .and_then(|_| raw.rsplit_once('.'))
        .map_or(raw, |(stem, _)| stem);
    let mut out = String::new();
    for c in stem.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'a'..='z' | '0'..='9' => c,
            ' ' | '_' | '-' | '.' | '–' | '—' => '-',
            _ => continue,
        };
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(c);
    }
    out.trim_end_matches('-').to_string()
}

/// Checks a set name (already a [`slug`]); `is_topic` says whether a subject has a topic of
/// that id.
pub fn check_name(name: &str, is_topic: impl Fn(&str) -> bool) -> Result<(), NameProblem> {
    if name.is_empty() {
        Err(NameProblem::Empty)
    } else if name.chars().count() > MAX_NAME_CHARS {
        Err(NameProblem::TooLong)
    } else if name.chars().all(|c| c.is_ascii_digit() || c == '-') {
        Err(NameProblem::OnlyDigits)
    } else if RESERVED_NAMES.contains(&name) {
        Err(NameProblem::Reserved)
    } else if is_topic(name) {
        Err(NameProblem::Topic)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_slugs_and_some_are_refused() {
        assert_eq!(slug("Kuis Bab 3.xlsx"), "kuis-bab-3");
        assert_eq!(slug("  IPS_kelas 9 — Ulangan  "), "ips-kelas-9-ulangan");
        assert_eq!(slug("Soal (akhir).CSV"), "soal-akhir");
        assert_eq!(slug("📚"), "");
        let topic = |n: &str| n == "manfaat";
        assert_eq!(check_name("kuis-bab-3", topic), Ok(()));
        assert_eq!(check_name("", topic), Err(NameProblem::Empty));
        assert_eq!(check_name("2024", topic), Err(NameProblem::OnlyDigits));
        assert_eq!(check_name("ulang", topic), Err(NameProblem::Reserved));
        assert_eq!(check_name("manfaat", topic), Err(NameProblem::Topic));
        let long = "a".repeat(MAX_NAME_CHARS + 1);
        assert_eq!(check_name(&long, topic), Err(NameProblem::TooLong));
    }

    #[test]
    fn the_template_reads_back_as_one_question() {
        let rows = template_rows();
        let parsed = read(FileKind::Csv, template_csv(&rows).as_bytes()).unwrap();
        assert_eq!(parsed.questions.len(), 1);
        assert!(parsed.skipped.is_empty());
        assert_eq!(parsed.questions[0].seconds, Some(20));
        assert!(template_csv(&rows).starts_with('\u{feff}'));
    }

    fn cells(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| (*c).to_string()).collect())
            .collect()
    }

    #[test]
    fn the_three_templates_as_xlsx() {
        let kahoot = cells(&[
            &["Quiz template"],
            &[
                "Add questions, at least two answer alternatives, time limit and choose correct answers",
            ],
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
            &["1", "Dua kali tiga?", "5", "6", "8", "9", "20", "2"],
            &["2", "Bilangan prima?", "2", "3", "4", "", "240", "1,2"],
        ]);
        let quizizz = cells(&[
            &[
                "Question Text",
                "Question Type",
                "Option 1",
                "Option 2",
                "Option 3",
                "Option 4",
                "Option 5",
                "Correct Answer",
                "Time in seconds",
                "Image Link",
                "Answer explanation",
            ],
            &[
                "Warna daun?",
                "Multiple Choice",
                "hijau",
                "ungu",
                "",
                "",
                "",
                "1",
                "30",
                "",
                "Klorofil.",
            ],
            &[
                "Pilih dua",
                "Checkbox",
                "a",
                "b",
                "c",
                "",
                "",
                "1,2",
                "30",
                "",
                "",
            ],
            &[
                "Ini gambar apa?",
                "Multiple Choice",
                "a",
                "b",
                "",
                "",
                "",
                "1",
                "30",
                "https://x/y.png",
                "",
            ],
        ]);
        let own = template_rows();
        let read_back = |rows: &[Vec<String>]| {
            read(FileKind::Xlsx, &xlsx::write_xlsx("Soal", rows)).expect("questions")
        };
        let k = read_back(&kahoot);
        assert_eq!(k.questions.len(), 1);
        assert_eq!(k.questions[0].answer, 1);
        assert_eq!(k.skipped[0].at, 5);
        assert_eq!(k.skipped[0].why, RowProblem::SeveralAnswers("1,2".into()));
        let q = read_back(&quizizz);
        assert_eq!(q.questions.len(), 1);
        assert_eq!(q.questions[0].explanation.as_deref(), Some("Klorofil."));
        assert_eq!(q.questions[0].seconds, Some(30));
        assert!(q.skipped.iter().all(|s| s.why.is_skip()));
        assert_eq!(q.skipped.len(), 2);
        let o = read_back(&own);
        assert_eq!(o.questions.len(), 1);
        assert_eq!(o.questions[0].options.len(), 4);
        // An empty sheet, and one with text but no header, name no columns.
        let empty = read(FileKind::Xlsx, &xlsx::write_xlsx("Kosong", &[]));
        assert_eq!(empty, Err(ReadError::NoHeader));
        let notes = cells(&[&["Catatan guru"], &["Soal menyusul"]]);
        let no_header = read(FileKind::Xlsx, &xlsx::write_xlsx("Soal", &notes));
        assert_eq!(no_header, Err(ReadError::NoHeader));
    }

    #[test]
    fn file_kinds_by_extension() {
        assert_eq!(FileKind::of("Kuis.XLSX"), Some(FileKind::Xlsx));
        assert_eq!(FileKind::of("soal.csv"), Some(FileKind::Csv));
        assert_eq!(FileKind::of("soal.xls"), None);
        assert_eq!(FileKind::of("soal.docx"), None);
    }

    #[test]
    fn a_set_becomes_a_subject_crediting_its_author() {
        let set = QuizSet {
            name: "bab-3".into(),
            owner: 7,
            author: "Sari".into(),
            questions: vec![SetQuestion {
                question: "Planet terdekat ke Matahari?".into(),
                options: vec!["Merkurius".into(), "Bumi".into()],
                answer: 0,
                seconds: Some(30),
                explanation: None,
            }],
        };
        let content = set.content();
        assert_eq!(content.pack.author.as_deref(), Some("Sari"));
        assert_eq!(content.quiz.len(), 1);
        assert_eq!(content.quiz[0].options[content.quiz[0].answer], "Merkurius");
        assert_eq!(content.quiz[0].id, set.content().quiz[0].id);
        assert_ne!(content.pack.id, "bab-3");
        assert_eq!(set.seconds(), vec![Some(30)]);
    }
}
