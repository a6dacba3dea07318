//! The bot's content, one pack per subject: what the subject is and its topics (`pack.yaml`,
//! with the articles it cites), its FAQ, facts and quiz items.
//!
//! `parse` turns a pack's four YAML texts into validated [`Content`] (pure, no IO); `load`
//! reads a pack from its folder and a [`Library`] from the folder of packs. Invalid content is
//! never half-used: any error rejects the whole set.

pub mod answer_lint;
pub mod lint;
mod load;
mod summary;
mod validate;

use std::fmt;

use serde::Serialize;

pub use load::{Library, load_dir, load_library};
pub use summary::{Counts, Summary};
pub use validate::{ContentFiles, FAQ_FILE, QUIZ_FILE, parse};

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

/// A topic of a pack: the id content files and `/kuis` use, and how students see it named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicDef {
    pub id: String,
    /// How the topic is named to a student ("tentang …").
    pub label: String,
}

/// What a pack says about its subject (`pack.yaml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pack {
    /// A short kebab-case id (at most [`MAX_PACK_ID_BYTES`]); chats and snapshots name the
    /// subject by it.
    pub id: String,
    /// The subject as students see it: "Kerja Sama Internasional".
    pub name: String,
    /// The class it is for: "IPS kelas IX".
    pub level: String,
    /// A question the help texts offer as an example.
    pub example: String,
    pub topics: Vec<TopicDef>,
    /// Who wrote the questions, for a teacher's own set: credited instead of an article.
    pub author: Option<String>,
}

/// The subject's own words (`lexicon.yaml`, optional), for the matcher: what the engine must
/// not know itself, since it teaches any subject.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lexicon {
    /// The country the subject is about: the implicit subject of its questions, so naming it
    /// adds nothing (a question on a country's trade is about trade).
    pub home: Option<String>,
    /// Names of countries, regions, organisations and people. A question that shares only
    /// names with an entry asks about something else.
    pub names: Vec<String>,
    /// The subject's short forms and spellings, each with the words it stands for ("sosbud" →
    /// "sosial budaya"). A key of two words is a phrase read as its words ("para ahli" →
    /// "pakar"). They take precedence over the engine's chat spellings.
    pub aliases: Vec<(String, String)>,
    /// Words that ask for what the FAQ says in another word ("hambatan" → "tantangan"),
    /// applied to the FAQ and to questions alike.
    pub synonyms: Vec<(String, String)>,
    /// Words the general stopword list drops that this subject needs ("luar" in "pengaruh
    /// luar").
    pub keep: Vec<String>,
    /// Which of the names are of a kind a question asks for by its word ("negara mana" asks
    /// for a country, "kawasan apa" for a region, "perusahaan apa aja" for companies): such a
    /// question is answered only by an entry naming one of that kind that the question does
    /// not, and a kind listing no names is one the subject names none of. Kinds not listed
    /// are served by any name.
    pub kinds: Vec<(String, Vec<String>)>,
    /// Which of the names are people ("siapa menteri …" asks for a person holding an office):
    /// such a question is answered only by an entry naming one. Empty: any entry may.
    pub people: Vec<String>,
}

/// Longest pack id, in bytes.
pub const MAX_PACK_ID_BYTES: usize = 24;

impl Pack {
    /// A short key for the pack in callback data (64 bytes hold no long pack id beside a long
    /// entry id): six hex digits of a hash of its id. `kelasbot check` makes sure no two
    /// packs share one.
    pub fn key(&self) -> String {
        // FNV-1a, 32 bits, of which the low 24 are kept.
        let mut hash: u32 = 0x811c_9dc5;
        for b in self.id.bytes() {
            hash ^= u32::from(b);
            hash = hash.wrapping_mul(0x0100_0193);
        }
        format!("{:06x}", hash & 0x00ff_ffff)
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
    pub topic: String,
    pub question: String,
    pub phrasings: Vec<String>,
    pub keywords: Vec<String>,
    pub answer: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub id: String,
    pub topic: String,
    pub text: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizItem {
    pub id: String,
    pub topic: String,
    pub difficulty: Difficulty,
    pub question: String,
    pub options: Vec<String>,
    /// Index into `options` of the one correct option.
    pub answer: usize,
    pub explanation: String,
    pub source: String,
}

/// One subject's content, validated: ids unique per file, every source known, every topic the
/// pack's, every limit respected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Content {
    pub pack: Pack,
    pub lexicon: Lexicon,
    pub sources: Vec<Source>,
    pub faq: Vec<FaqEntry>,
    pub facts: Vec<Fact>,
    pub quiz: Vec<QuizItem>,
}

impl Content {
    pub fn source(&self, file: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.file == file)
    }

    /// The pack's topic named `name` (as a teacher types it: any case, spaces trimmed).
    pub fn topic(&self, name: &str) -> Option<&TopicDef> {
        let name = name.trim().to_lowercase();
        self.pack.topics.iter().find(|t| t.id == name)
    }

    /// How topic `id` is named to a student; the id itself if the pack does not know it.
    pub fn topic_label<'a>(&'a self, id: &'a str) -> &'a str {
        self.pack
            .topics
            .iter()
            .find(|t| t.id == id)
            .map_or(id, |t| t.label.as_str())
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
