//! Parsing and validation of a pack's four content files, from their text (no IO here).
//!
//! The YAML is read into raw serde types first, then every rule of the content schema is checked
//! and all problems are collected, so an editor sees every mistake in one run.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;

use super::*;

pub const PACK_FILE: &str = "pack.yaml";
pub const FAQ_FILE: &str = "faq.yaml";
pub const FACTS_FILE: &str = "facts.yaml";
pub const QUIZ_FILE: &str = "quiz.yaml";
pub const LEXICON_FILE: &str = "lexicon.yaml";

/// The text of a pack's content files (`lexicon.yaml` is optional).
pub struct ContentFiles<'a> {
    pub pack: &'a str,
    pub lexicon: Option<&'a str>,
    pub faq: &'a str,
    pub facts: &'a str,
    pub quiz: &'a str,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    id: String,
    name: String,
    level: String,
    example: String,
    topics: Vec<RawTopic>,
    sources: Vec<RawSource>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawLexicon {
    #[serde(default)]
    home: Option<String>,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    aliases: BTreeMap<String, String>,
    #[serde(default)]
    synonyms: BTreeMap<String, String>,
    #[serde(default)]
    keep: Vec<String>,
    #[serde(default)]
    kinds: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    people: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    id: String,
    label: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    file: String,
    title: String,
    #[serde(default)]
    publisher: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFaq {
    id: String,
    topic: String,
    question: String,
    #[serde(default)]
    phrasings: Vec<String>,
    #[serde(default)]
    keywords: Vec<String>,
    answer: String,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFact {
    id: String,
    topic: String,
    text: String,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuiz {
    id: String,
    topic: String,
    difficulty: String,
    question: String,
    options: Vec<String>,
    answer: i64,
    explanation: String,
    source: String,
}

/// Parses and validates a pack. Errors reject the whole set; warnings do not.
pub fn parse(files: &ContentFiles) -> Result<Loaded, Vec<Problem>> {
    let mut errors = Vec::new();
    let raw_pack: Option<RawPack> = yaml_one(PACK_FILE, files.pack, &mut errors);
    let raw_faq: Vec<RawFaq> = yaml(FAQ_FILE, files.faq, &mut errors);
    let raw_facts: Vec<RawFact> = yaml(FACTS_FILE, files.facts, &mut errors);
    let raw_quiz: Vec<RawQuiz> = yaml(QUIZ_FILE, files.quiz, &mut errors);
    let raw_lexicon: Option<RawLexicon> = match files.lexicon {
        Some(text) => yaml_one(LEXICON_FILE, text, &mut errors),
        None => Some(RawLexicon::default()),
    };

    let mut c = Checker {
        errors,
        known_sources: HashSet::new(),
        topics: Vec::new(),
    };
    let (pack, sources) = match raw_pack {
        Some(raw) => {
            let (pack, sources) = c.pack(raw);
            (Some(pack), sources)
        }
        None => (None, Vec::new()),
    };
    let faq = c.faq(raw_faq);
    let facts = c.facts(raw_facts);
    let quiz = c.quiz(raw_quiz);
    let lexicon = c.lexicon(raw_lexicon.unwrap_or_default());
    let Some(pack) = pack.filter(|_| c.errors.is_empty()) else {
        return Err(c.errors);
    };
    let content = Content {
        pack,
        lexicon,
        sources,
        faq,
        facts,
        quiz,
    };
    let warnings = warnings(&content);
    Ok(Loaded { content, warnings })
}

/// Reads a YAML document that is one mapping (`pack.yaml`).
fn yaml_one<T: for<'de> Deserialize<'de>>(
    file: &str,
    text: &str,
    errors: &mut Vec<Problem>,
) -> Option<T> {
    if text.trim().is_empty() {
        errors.push(Problem::new(file, None, "the file is empty"));
        return None;
    }
    serde_yaml::from_str::<T>(text)
        .map_err(|e| errors.push(yaml_problem(file, &e)))
        .ok()
}

/// Reads a YAML document that is a list of entries.
fn yaml<T: for<'de> Deserialize<'de>>(file: &str, text: &str, errors: &mut Vec<Problem>) -> Vec<T> {
    yaml_one::<Vec<T>>(file, text, errors).unwrap_or_default()
}

/// A YAML error as a problem of `file`, at its line and column when known.
fn yaml_problem(file: &str, e: &serde_yaml::Error) -> Problem {
    let mut p = Problem::new(file, None, yaml_message(e));
    if let Some(loc) = e.location() {
        p.line = Some(loc.line());
        p.column = Some(loc.column());
    }
    p
}

/// serde_yaml appends " at line L column C" to its messages (the position is reported apart)
/// and starts with a path such as `.[3].options`, which becomes "entry #4, options".
fn yaml_message(e: &serde_yaml::Error) -> String {
    let mut text = e.to_string();
    if let Some(i) = text.find(" at line ") {
        text.truncate(i);
    }
    if let Some(rest) = text.strip_prefix(".[")
        && let Some((index, tail)) = rest.split_once(']')
        && let Ok(index) = index.parse::<usize>()
    {
        let (field, message) = tail.split_once(": ").unwrap_or(("", tail));
        let field = field.trim_start_matches('.');
        let place = if field.is_empty() {
            format!("entry #{}", index + 1)
        } else {
            format!("entry #{}, `{field}`", index + 1)
        };
        return format!("{place}: {message}");
    }
    text
}

struct Checker {
    errors: Vec<Problem>,
    known_sources: HashSet<String>,
    /// The pack's topic ids.
    topics: Vec<String>,
}

impl Checker {
    fn err(&mut self, file: &str, id: Option<&str>, message: impl Into<String>) {
        self.errors.push(Problem::new(file, id, message));
    }

    /// Checks `lexicon.yaml`: no empty word; words are kept as the matcher reads them
    /// (lowercase, letters and digits, single spaces); a name, a kept word and a synonym are
    /// one word, an alias is one or two, and what it stands for is at least one.
    fn lexicon(&mut self, raw: RawLexicon) -> Lexicon {
        let mut words = |w: &str, what: &str, most: usize| {
            let w = w.trim().to_lowercase();
            let n = w.split_whitespace().count();
            if n == 0 {
                self.err(LEXICON_FILE, None, format!("an empty word in `{what}`"));
            } else if n > most {
                let limit = if most == 1 {
                    "one word".to_string()
                } else {
                    format!("at most {most} words")
                };
                self.err(
                    LEXICON_FILE,
                    None,
                    format!("`{w}` in `{what}` must be {limit}"),
                );
            } else if !w.chars().all(|c| c.is_alphanumeric() || c == ' ') {
                self.err(
                    LEXICON_FILE,
                    None,
                    format!(
                        "`{w}` in `{what}`: only letters and digits (the matcher reads \
                         punctuation as a space)"
                    ),
                );
            }
            w.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let home = raw.home.map(|h| words(&h, "home", 1));
        let names: Vec<String> = raw.names.iter().map(|n| words(n, "names", 1)).collect();
        let aliases = raw
            .aliases
            .iter()
            .map(|(k, v)| (words(k, "aliases", 2), words(v, "aliases", usize::MAX)))
            .collect();
        let synonyms = raw
            .synonyms
            .iter()
            .map(|(k, v)| (words(k, "synonyms", 1), words(v, "synonyms", 1)))
            .collect();
        let keep = raw.keep.iter().map(|w| words(w, "keep", 1)).collect();
        let kinds: Vec<(String, Vec<String>)> = raw
            .kinds
            .iter()
            .map(|(kind, of_kind)| {
                let what = format!("kinds.{kind}");
                let listed = of_kind.iter().map(|n| words(n, &what, 1)).collect();
                (words(kind, "kinds", 1), listed)
            })
            .collect();
        let people: Vec<String> = raw.people.iter().map(|p| words(p, "people", 1)).collect();
        for (kind, of_kind) in &kinds {
            for name in of_kind.iter().filter(|n| !names.contains(n)) {
                self.err(
                    LEXICON_FILE,
                    None,
                    format!("`{name}` in `kinds.{kind}` is not among `names`"),
                );
            }
        }
        for person in people.iter().filter(|p| !names.contains(p)) {
            self.err(
                LEXICON_FILE,
                None,
                format!("`{person}` in `people` is not among `names`"),
            );
        }
        Lexicon {
            home,
            names,
            aliases,
            synonyms,
            keep,
            kinds,
            people,
        }
    }

    /// Checks `pack.yaml`: its id, names, topics and sources.
    fn pack(&mut self, raw: RawPack) -> (Pack, Vec<Source>) {
        let id = raw.id.trim().to_string();
        if id.is_empty() || id.len() > MAX_PACK_ID_BYTES || !is_kebab(&id) {
            self.err(
                PACK_FILE,
                None,
                format!(
                    "`id` {id:?} must be 1 to {MAX_PACK_ID_BYTES} bytes of lowercase letters \
                     a-z, digits and '-'"
                ),
            );
        }
        for (field, value) in [
            ("name", &raw.name),
            ("level", &raw.level),
            ("example", &raw.example),
        ] {
            if value.trim().is_empty() {
                self.err(PACK_FILE, None, format!("`{field}` is empty"));
            }
        }
        if raw.topics.is_empty() {
            self.err(
                PACK_FILE,
                None,
                "`topics` is empty: a pack needs at least one",
            );
        }
        let mut topics = Vec::new();
        for t in raw.topics {
            let topic_id = t.id.trim().to_lowercase();
            if topic_id.is_empty() || !is_kebab(&topic_id) {
                self.err(
                    PACK_FILE,
                    Some(&topic_id),
                    "a topic id may only use lowercase letters a-z, digits and '-'",
                );
            } else if self.topics.contains(&topic_id) {
                self.err(PACK_FILE, Some(&topic_id), "duplicate topic");
            }
            if t.label.trim().is_empty() {
                self.err(PACK_FILE, Some(&topic_id), "the topic's `label` is empty");
            }
            self.topics.push(topic_id.clone());
            topics.push(TopicDef {
                id: topic_id,
                label: t.label.trim().to_string(),
            });
        }
        let sources = self.sources(raw.sources);
        let pack = Pack {
            id,
            name: raw.name.trim().to_string(),
            level: raw.level.trim().to_string(),
            example: raw.example.trim().to_string(),
            topics,
            author: None,
        };
        (pack, sources)
    }

    fn sources(&mut self, raw: Vec<RawSource>) -> Vec<Source> {
        let mut out = Vec::new();
        for s in raw {
            let file = s.file.trim().to_string();
            if file.is_empty() {
                self.err(PACK_FILE, None, "a source has an empty `file`");
                continue;
            }
            if !self.known_sources.insert(file.clone()) {
                self.err(PACK_FILE, Some(&file), "duplicate source file");
            }
            if s.title.trim().is_empty() {
                self.err(PACK_FILE, Some(&file), "`title` is empty");
            }
            out.push(Source {
                file,
                title: s.title.trim().to_string(),
                publisher: s
                    .publisher
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty()),
            });
        }
        out
    }

    /// Checks what every entry has: an id, a topic, a source. Returns the topic if valid.
    fn common(
        &mut self,
        file: &str,
        ids: &mut HashSet<String>,
        id: &str,
        topic: &str,
        source: &str,
    ) -> Option<String> {
        if id.is_empty() {
            self.err(file, None, "an entry has an empty `id`");
        } else if !ids.insert(id.to_string()) {
            self.err(file, Some(id), "duplicate id");
        }
        if id.len() > MAX_ID_BYTES {
            self.err(
                file,
                Some(id),
                format!(
                    "id is {} bytes, at most {MAX_ID_BYTES} fit in callback data (64 bytes in all)",
                    id.len()
                ),
            );
        } else if !is_kebab(id) {
            self.err(
                file,
                Some(id),
                "id may only use lowercase letters a-z, digits and '-'",
            );
        }
        if !self.known_sources.contains(source.trim()) {
            self.err(
                file,
                Some(id),
                format!("source {source:?} is not listed under `sources` in {PACK_FILE}"),
            );
        }
        let topic = topic.trim().to_lowercase();
        if self.topics.contains(&topic) {
            return Some(topic);
        }
        let all = self.topics.join(", ");
        self.err(
            file,
            Some(id),
            format!("unknown topic {topic:?} (the topics in {PACK_FILE}: {all})"),
        );
        None
    }

    /// Checks one text field: not empty, not over its limit. Returns it trimmed.
    fn text(&mut self, file: &str, id: &str, field: &str, value: &str, max: usize) -> String {
        let value = value.trim();
        let chars = value.chars().count();
        if chars == 0 {
            self.err(file, Some(id), format!("`{field}` is empty"));
        } else if chars > max {
            self.err(
                file,
                Some(id),
                format!("`{field}` is {chars} characters, at most {max} allowed"),
            );
        }
        value.to_string()
    }

    fn faq(&mut self, raw: Vec<RawFaq>) -> Vec<FaqEntry> {
        let mut ids = HashSet::new();
        // Who asked each phrasing first: the same question in two entries makes matching a coin toss.
        let mut owners: HashMap<String, String> = HashMap::new();
        let mut out = Vec::new();
        for e in raw {
            let id = e.id.trim().to_string();
            let topic = self.common(FAQ_FILE, &mut ids, &id, &e.topic, &e.source);
            let question = self.text(
                FAQ_FILE,
                &id,
                "question",
                &e.question,
                MAX_FAQ_QUESTION_CHARS,
            );
            let answer = self.text(FAQ_FILE, &id, "answer", &e.answer, MAX_FAQ_ANSWER_CHARS);
            let mut phrasings = Vec::new();
            for p in &e.phrasings {
                phrasings.push(self.text(FAQ_FILE, &id, "phrasings", p, MAX_FAQ_QUESTION_CHARS));
            }
            let mut keywords = Vec::new();
            for k in &e.keywords {
                keywords.push(self.text(FAQ_FILE, &id, "keywords", k, MAX_FAQ_QUESTION_CHARS));
            }
            for q in std::iter::once(&question).chain(&phrasings) {
                let key = q.to_lowercase();
                match owners.get(&key) {
                    Some(owner) if owner != &id => {
                        let msg = format!("question {q:?} is also asked by entry `{owner}`");
                        self.err(FAQ_FILE, Some(&id), msg);
                    }
                    _ => {
                        owners.insert(key, id.clone());
                    }
                }
            }
            if let Some(topic) = topic {
                out.push(FaqEntry {
                    id,
                    topic,
                    question,
                    phrasings,
                    keywords,
                    answer,
                    source: e.source.trim().to_string(),
                });
            }
        }
        out
    }

    fn facts(&mut self, raw: Vec<RawFact>) -> Vec<Fact> {
        let mut ids = HashSet::new();
        let mut out = Vec::new();
        for f in raw {
            let id = f.id.trim().to_string();
            let topic = self.common(FACTS_FILE, &mut ids, &id, &f.topic, &f.source);
            let text = self.text(FACTS_FILE, &id, "text", &f.text, MAX_FACT_CHARS);
            if let Some(topic) = topic {
                out.push(Fact {
                    id,
                    topic,
                    text,
                    source: f.source.trim().to_string(),
                });
            }
        }
        out
    }

    fn quiz(&mut self, raw: Vec<RawQuiz>) -> Vec<QuizItem> {
        let mut ids = HashSet::new();
        let mut out = Vec::new();
        for q in raw {
            let id = q.id.trim().to_string();
            let topic = self.common(QUIZ_FILE, &mut ids, &id, &q.topic, &q.source);
            let difficulty = Difficulty::parse(&q.difficulty);
            if difficulty.is_none() {
                let msg = format!(
                    "unknown difficulty {:?} (mudah, sedang or sulit)",
                    q.difficulty
                );
                self.err(QUIZ_FILE, Some(&id), msg);
            }
            let question = self.text(
                QUIZ_FILE,
                &id,
                "question",
                &q.question,
                MAX_QUIZ_QUESTION_CHARS,
            );
            let explanation = self.text(
                QUIZ_FILE,
                &id,
                "explanation",
                &q.explanation,
                MAX_EXPLANATION_CHARS,
            );
            let mut options = Vec::new();
            for o in &q.options {
                options.push(self.text(QUIZ_FILE, &id, "options", o, MAX_OPTION_CHARS));
            }
            if !(3..=4).contains(&options.len()) {
                let msg = format!("has {} options, 3 or 4 needed", options.len());
                self.err(QUIZ_FILE, Some(&id), msg);
            }
            let mut seen = HashSet::new();
            for o in &options {
                if !seen.insert(o.to_lowercase()) {
                    self.err(QUIZ_FILE, Some(&id), format!("option {o:?} is repeated"));
                }
            }
            let answer = usize::try_from(q.answer)
                .ok()
                .filter(|&a| a < options.len());
            if answer.is_none() {
                let msg = format!(
                    "answer index {} is out of range (options are numbered 0 to {})",
                    q.answer,
                    options.len().saturating_sub(1)
                );
                self.err(QUIZ_FILE, Some(&id), msg);
            }
            if let (Some(topic), Some(difficulty), Some(answer)) = (topic, difficulty, answer) {
                out.push(QuizItem {
                    id,
                    topic,
                    difficulty,
                    question,
                    options,
                    answer,
                    explanation,
                    source: q.source.trim().to_string(),
                });
            }
        }
        out
    }
}

/// Lowercase letters a-z, digits and '-' only.
fn is_kebab(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Problems worth knowing that do not stop the bot: thin topics and unused articles.
fn warnings(c: &Content) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut per_topic: BTreeMap<&str, usize> =
        c.pack.topics.iter().map(|t| (t.id.as_str(), 0)).collect();
    for q in &c.quiz {
        *per_topic.entry(q.topic.as_str()).or_default() += 1;
    }
    for (topic, n) in per_topic {
        if n < MIN_QUIZ_PER_TOPIC {
            let msg = format!(
                "topic `{topic}` has {n} quiz question(s); at least {MIN_QUIZ_PER_TOPIC} make a round"
            );
            out.push(Problem::new(QUIZ_FILE, None, msg));
        }
    }
    let uses: [(&str, Vec<&str>); 3] = [
        (FAQ_FILE, c.faq.iter().map(|e| e.source.as_str()).collect()),
        (
            FACTS_FILE,
            c.facts.iter().map(|e| e.source.as_str()).collect(),
        ),
        (
            QUIZ_FILE,
            c.quiz.iter().map(|e| e.source.as_str()).collect(),
        ),
    ];
    for source in &c.sources {
        for (file, used) in &uses {
            if !used.contains(&source.file.as_str()) {
                let msg = format!("article {} is not used by any entry", source.file);
                out.push(Problem::new(file, None, msg));
            }
        }
    }
    // A kind is read from questions by the FAQ's own word for it: one the FAQ never writes
    // (a misspelt `negra`) types nothing.
    let faq_words: HashSet<String> = c
        .faq
        .iter()
        .flat_map(|e| {
            [&e.question, &e.answer]
                .into_iter()
                .chain(&e.phrasings)
                .chain(&e.keywords)
        })
        .flat_map(|text| text.split(|ch: char| !ch.is_alphanumeric()))
        .map(str::to_lowercase)
        .collect();
    for (kind, _) in &c.lexicon.kinds {
        if !faq_words.contains(kind) {
            let msg = format!(
                "`kinds.{kind}`: no FAQ entry writes the word, so no question is read by it"
            );
            out.push(Problem::new(LEXICON_FILE, None, msg));
        }
    }
    out
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
