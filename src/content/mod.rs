//! The bot's content: FAQ, facts and quiz items built from the five articles, and their sources.
//!
//! `parse` turns the four YAML texts into validated [`Content`] (pure, no IO); `load` reads them
//! from a directory. Invalid content is never half-used: any error rejects the whole set.

mod load;
mod summary;
mod validate;

use std::fmt;

use serde::Serialize;

pub use load::load_dir;
pub use summary::{Counts, Summary};
pub use validate::{ContentFiles, parse};

/// Longest entry id, in bytes. Callback data is 64 bytes in all and carries a short prefix
/// (kind, round or message numbers) besides the id.
pub const MAX_ID_BYTES: usize = 40;
pub const MAX_FAQ_QUESTION_CHARS: usize = 120;
pub const MAX_FAQ_ANSWER_CHARS: usize = 800;
pub const MAX_FACT_CHARS: usize = 280;
pub const MAX_QUIZ_QUESTION_CHARS: usize = 300;
pub const MAX_OPTION_CHARS: usize = 100;
pub const MAX_EXPLANATION_CHARS: usize = 300;
/// A topic with fewer quiz questions than this gets a warning: a topic round would be short.
pub const MIN_QUIZ_PER_TOPIC: usize = 3;

/// The fixed list of topics a teacher can pick from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Topic {
    Pengertian,
    Bentuk,
    Prinsip,
    Tujuan,
    Manfaat,
    Tantangan,
    MitraIndonesia,
    Alasan,
    Membangun,
    MasaDepan,
    Contoh,
    Pakar,
}

impl Topic {
    pub const ALL: [Topic; 12] = [
        Topic::Pengertian,
        Topic::Bentuk,
        Topic::Prinsip,
        Topic::Tujuan,
        Topic::Manfaat,
        Topic::Tantangan,
        Topic::MitraIndonesia,
        Topic::Alasan,
        Topic::Membangun,
        Topic::MasaDepan,
        Topic::Contoh,
        Topic::Pakar,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Pengertian => "pengertian",
            Topic::Bentuk => "bentuk",
            Topic::Prinsip => "prinsip",
            Topic::Tujuan => "tujuan",
            Topic::Manfaat => "manfaat",
            Topic::Tantangan => "tantangan",
            Topic::MitraIndonesia => "mitra-indonesia",
            Topic::Alasan => "alasan",
            Topic::Membangun => "membangun",
            Topic::MasaDepan => "masa-depan",
            Topic::Contoh => "contoh",
            Topic::Pakar => "pakar",
        }
    }

    /// Parses a topic name as written in content files and teacher commands.
    pub fn parse(name: &str) -> Option<Topic> {
        let name = name.trim().to_lowercase();
        Topic::ALL.into_iter().find(|t| t.as_str() == name)
    }
}

impl fmt::Display for Topic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How hard a quiz item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    Mudah,
    Sedang,
    Sulit,
}

impl Difficulty {
    pub const ALL: [Difficulty; 3] = [Difficulty::Mudah, Difficulty::Sedang, Difficulty::Sulit];

    pub fn as_str(self) -> &'static str {
        match self {
            Difficulty::Mudah => "mudah",
            Difficulty::Sedang => "sedang",
            Difficulty::Sulit => "sulit",
        }
    }

    pub fn parse(name: &str) -> Option<Difficulty> {
        Difficulty::ALL
            .into_iter()
            .find(|d| d.as_str() == name.trim())
    }
}

/// One article the content cites.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub file: String,
    pub title: String,
    pub publisher: Option<String>,
}

impl Source {
    /// How the bot cites the article: its title, and its publisher where known.
    pub fn citation(&self) -> String {
        match &self.publisher {
            Some(p) => format!("{} ({p})", self.title),
            None => self.title.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaqEntry {
    pub id: String,
    pub topic: Topic,
    pub question: String,
    pub phrasings: Vec<String>,
    pub keywords: Vec<String>,
    pub answer: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub id: String,
    pub topic: Topic,
    pub text: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizItem {
    pub id: String,
    pub topic: Topic,
    pub difficulty: Difficulty,
    pub question: String,
    pub options: Vec<String>,
    /// Index into `options` of the one correct option.
    pub answer: usize,
    pub explanation: String,
    pub source: String,
}

/// All content, validated: ids unique per file, every source known, every limit respected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Content {
    pub sources: Vec<Source>,
    pub faq: Vec<FaqEntry>,
    pub facts: Vec<Fact>,
    pub quiz: Vec<QuizItem>,
}

impl Content {
    pub fn source(&self, file: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.file == file)
    }
}

/// Where a content problem is: the file, and the entry id or the YAML position when known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    pub message: String,
}

impl Problem {
    pub(crate) fn new(file: &str, id: Option<&str>, message: impl Into<String>) -> Problem {
        Problem {
            file: file.to_string(),
            id: id.map(str::to_string),
            line: None,
            column: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, ":{line}:{column}")?;
        }
        if let Some(id) = &self.id {
            write!(f, ": entry `{id}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Content that passed validation, with the warnings it raised.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub content: Content,
    pub warnings: Vec<Problem>,
}
