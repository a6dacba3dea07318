//! The FAQ matcher: an index built once from `faq.yaml`, and the decision for each question —
//! a confident answer, "maksud kamu…?" with the closest questions, or nothing.
//!
//! Scoring, in short: every term has an inverse-document-frequency weight, so rare topical
//! words ("bilateral", "asean", "prinsip") count more than common ones ("negara"). A question's
//! score against an entry blends how much of the question the entry covers with how much of
//! the entry's closest phrasing the question covers. Misspelt words are corrected to the
//! nearest index word first; words the index does not know still count against coverage, so
//! an off-topic question cannot ride on one shared word. A specific question word ("kapan",
//! "berapa", "siapa", "dimana") that the entry never answers halves its score.

mod fuzzy;
mod normalize;

use std::collections::HashMap;

use crate::content::FaqEntry;
use fuzzy::FuzzyIndex;
pub use normalize::{Asks, Normalizer};

/// At or above this score, with a clear lead, the answer is given outright.
pub const CONFIDENT: f32 = 0.62;
/// The lead over the next entry a confident answer needs.
pub const MARGIN: f32 = 0.06;
/// At or above this score the entry is offered as a suggestion.
pub const UNSURE: f32 = 0.36;
/// Suggestions shown with "Maksud kamu…?".
pub const MAX_SUGGESTIONS: usize = 3;

/// Share of the score from covering the question (the rest: covering the entry's phrasing).
const QUERY_SHARE: f32 = 0.65;
/// Weight of a term found only in an entry's answer text, not its questions or keywords.
const ANSWER_ONLY_WEIGHT: f32 = 0.4;
/// Score factor for an entry that never answers the question word asked.
const WRONG_QUESTION_WORD: f32 = 0.3;
/// A confident answer must explain at least this share of the question's weight: one shared
/// rare word in an otherwise unknown question is not enough.
pub const MIN_COVER: f32 = 0.6;
/// Score factor for a term reached through a typo correction, per edit.
const PER_EDIT: f32 = 0.12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Answer,
    Unsure,
    None,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Answer => "answer",
            Outcome::Unsure => "unsure",
            Outcome::None => "none",
        }
    }
}

/// An entry (index into the FAQ), its score in `0.0..=1.0`, and the share of the question's
/// weight it covers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    pub entry: usize,
    pub score: f32,
    pub cover: f32,
}

/// The decision for one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub outcome: Outcome,
    /// The best-scoring entry, if any entry shares anything with the question.
    pub best: Option<Scored>,
    /// Up to three entries to offer; empty unless the outcome is `Unsure`.
    pub suggestions: Vec<Scored>,
}

/// One way an entry is asked (its question, a phrasing or a keyword), as term ids.
struct Phrase {
    terms: Vec<u32>,
    total_idf: f32,
}

struct Entry {
    phrases: Vec<Phrase>,
    asks: Vec<Asks>,
}

pub struct FaqIndex {
    norm: Normalizer,
    entries: Vec<Entry>,
    /// Stem → term id.
    terms: HashMap<String, u32>,
    idf: Vec<f32>,
    /// Term id → (entry, weight) for every entry that contains it.
    postings: Vec<Vec<(u32, f32)>>,
    /// Surface word → term id, for words whose stem a query may not reach.
    surface: HashMap<String, u32>,
    fuzzy: FuzzyIndex,
    /// The weight of a word the index does not know: as rare as the rarest known word.
    unknown_idf: f32,
}

impl FaqIndex {
    pub fn build(faq: &[FaqEntry]) -> FaqIndex {
        let norm = Normalizer::new();
        let mut terms: HashMap<String, u32> = HashMap::new();
        let mut surface: HashMap<String, u32> = HashMap::new();
        let mut weights: Vec<HashMap<u32, f32>> = Vec::new();
        let mut raw_phrases: Vec<Vec<Vec<u32>>> = Vec::new();
        let mut entries_asks = Vec::new();

        let mut term_of = |word: &str, terms: &mut HashMap<String, u32>| -> u32 {
            let stem = norm.stem(word);
            let next = terms.len() as u32;
            let id = *terms.entry(stem).or_insert(next);
            surface.entry(word.to_string()).or_insert(id);
            id
        };

        for e in faq {
            let mut w: HashMap<u32, f32> = HashMap::new();
            let mut phrases = Vec::new();
            let mut asks = Vec::new();
            // Questions and phrasings are whole ways of asking; keywords only add terms.
            for text in std::iter::once(&e.question).chain(&e.phrasings) {
                let n = norm.normalize(text);
                for a in n.asks {
                    if !asks.contains(&a) {
                        asks.push(a);
                    }
                }
                let mut ids: Vec<u32> = n.words.iter().map(|x| term_of(x, &mut terms)).collect();
                ids.sort_unstable();
                ids.dedup();
                for &t in &ids {
                    w.insert(t, 1.0);
                }
                if !ids.is_empty() {
                    phrases.push(ids);
                }
            }
            for k in &e.keywords {
                for word in norm.normalize(k).words {
                    w.insert(term_of(&word, &mut terms), 1.0);
                }
            }
            for word in norm.normalize(&e.answer).words {
                let t = term_of(&word, &mut terms);
                w.entry(t).or_insert(ANSWER_ONLY_WEIGHT);
            }
            for a in answer_asks(e) {
                if !asks.contains(&a) {
                    asks.push(a);
                }
            }
            weights.push(w);
            raw_phrases.push(phrases);
            entries_asks.push(asks);
        }

        let n = faq.len().max(1) as f32;
        let mut df = vec![0u32; terms.len()];
        for w in &weights {
            for &t in w.keys() {
                df[t as usize] += 1;
            }
        }
        let idf: Vec<f32> = df
            .iter()
            .map(|&d| (1.0 + n / d.max(1) as f32).ln())
            .collect();
        let unknown_idf = (1.0 + n).ln();
        let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); terms.len()];
        for (e, w) in weights.iter().enumerate() {
            for (&t, &weight) in w {
                postings[t as usize].push((e as u32, weight));
            }
        }
        let entries = raw_phrases
            .into_iter()
            .zip(entries_asks)
            .map(|(phrases, asks)| Entry {
                phrases: phrases
                    .into_iter()
                    .map(|terms| Phrase {
                        total_idf: terms.iter().map(|&t| idf[t as usize]).sum(),
                        terms,
                    })
                    .collect(),
                asks,
            })
            .collect();
        let mut words: Vec<(String, u32)> = surface.iter().map(|(w, &t)| (w.clone(), t)).collect();
        words.sort();
        let fuzzy = FuzzyIndex::build(words.into_iter().map(|(w, _)| w).collect());
        FaqIndex {
            norm,
            entries,
            terms,
            idf,
            postings,
            surface,
            fuzzy,
            unknown_idf,
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Scores every entry against `question` and decides what to say.
    pub fn ask(&self, question: &str) -> Match {
        let ranked = self.rank(question);
        decide(&ranked)
    }

    /// Every entry that shares a term with the question, best first.
    pub fn rank(&self, question: &str) -> Vec<Scored> {
        let n = self.norm.normalize(question);
        // (term, quality) for every word the index knows, best quality per term.
        let mut query: Vec<(u32, f32)> = Vec::new();
        let mut total = 0.0;
        for word in &n.words {
            match self.lookup(word) {
                Some((t, q)) => match query.iter_mut().find(|(qt, _)| *qt == t) {
                    Some(existing) => existing.1 = existing.1.max(q),
                    None => {
                        total += self.idf[t as usize];
                        query.push((t, q));
                    }
                },
                None => total += self.unknown_idf,
            }
        }
        if query.is_empty() || total <= 0.0 {
            return Vec::new();
        }
        let mut acc: HashMap<u32, f32> = HashMap::new();
        for &(t, q) in &query {
            let idf = self.idf[t as usize];
            for &(e, w) in &self.postings[t as usize] {
                *acc.entry(e).or_default() += q * idf * w;
            }
        }
        let mut ranked: Vec<Scored> = acc
            .into_iter()
            .map(|(e, covered)| {
                let entry = &self.entries[e as usize];
                let phrase_cover = entry
                    .phrases
                    .iter()
                    .map(|p| {
                        let hit: f32 = query
                            .iter()
                            .filter(|(t, _)| p.terms.binary_search(t).is_ok())
                            .map(|&(t, q)| q * self.idf[t as usize])
                            .sum();
                        if p.total_idf > 0.0 {
                            hit / p.total_idf
                        } else {
                            0.0
                        }
                    })
                    .fold(0.0_f32, f32::max);
                let cover = (covered / total).clamp(0.0, 1.0);
                let mut score = QUERY_SHARE * cover + (1.0 - QUERY_SHARE) * phrase_cover;
                if n.asks.iter().any(|a| !entry.asks.contains(a)) {
                    score *= WRONG_QUESTION_WORD;
                }
                Scored {
                    entry: e as usize,
                    score: score.clamp(0.0, 1.0),
                    cover,
                }
            })
            .collect();
        ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entry.cmp(&b.entry)));
        ranked
    }

    /// Whether `word` (already normalised) is in the index vocabulary as written or as a stem,
    /// that is, whether it needs no typo correction.
    pub fn knows(&self, word: &str) -> bool {
        self.surface.contains_key(word) || self.terms.contains_key(&self.norm.stem(word))
    }

    /// The normaliser the index uses, for callers that compare texts the way the index does.
    pub fn normalizer(&self) -> &Normalizer {
        &self.norm
    }

    /// The term a query word stands for, and how sure the match is (1.0 exact).
    fn lookup(&self, word: &str) -> Option<(u32, f32)> {
        if let Some(&t) = self.terms.get(&self.norm.stem(word)) {
            return Some((t, 1.0));
        }
        if let Some(&t) = self.surface.get(word) {
            return Some((t, 1.0));
        }
        let (i, edits) = self.fuzzy.closest(word)?;
        let t = *self.surface.get(self.fuzzy.word(i))?;
        Some((t, 1.0 - PER_EDIT * edits as f32))
    }
}

/// The question words an answer can serve by what it says, beyond those its phrasings use:
/// a count ("berapa") when it states a number, a time ("kapan") when it states a year or
/// "sejak"/"setelah"/"pasca", and a person ("siapa") when it reports what an expert said.
fn answer_asks(e: &FaqEntry) -> Vec<Asks> {
    const NUMBERS: &[&str] = &[
        "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh",
    ];
    const TIMES: &[&str] = &["sejak", "setelah", "pasca", "sebelum", "tahun"];
    let lower = e.answer.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let is_year = |w: &str| w.len() == 4 && (w.starts_with("19") || w.starts_with("20"));
    let mut asks = Vec::new();
    let count = words
        .iter()
        .any(|w| NUMBERS.contains(w) || (w.chars().all(|c| c.is_ascii_digit()) && !is_year(w)));
    if count {
        asks.push(Asks::HowMany);
    }
    if words.iter().any(|w| TIMES.contains(w) || is_year(w)) {
        asks.push(Asks::When);
    }
    if e.topic == crate::content::Topic::Pakar {
        asks.push(Asks::Who);
    }
    asks
}

/// Turns a ranking into an outcome: confident only with a high score and a clear lead.
pub fn decide(ranked: &[Scored]) -> Match {
    let best = ranked.first().copied();
    let Some(top) = best else {
        return Match {
            outcome: Outcome::None,
            best: None,
            suggestions: Vec::new(),
        };
    };
    let second = ranked.get(1).map_or(0.0, |s| s.score);
    if top.score >= CONFIDENT && top.score - second >= MARGIN && top.cover >= MIN_COVER {
        return Match {
            outcome: Outcome::Answer,
            best,
            suggestions: Vec::new(),
        };
    }
    if top.score >= UNSURE {
        let suggestions = ranked
            .iter()
            .take(MAX_SUGGESTIONS)
            .filter(|s| s.score >= UNSURE * 0.75)
            .copied()
            .collect();
        return Match {
            outcome: Outcome::Unsure,
            best,
            suggestions,
        };
    }
    Match {
        outcome: Outcome::None,
        best,
        suggestions: Vec::new(),
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
