//! The FAQ index: terms, weights and posting lists built once; ranking of entries per question.

use std::collections::HashMap;

use super::fuzzy::{FuzzyIndex, Skeletons};
use super::normalize::{self, Asks, Normalizer};
use super::words::ENTITIES;
use super::{Match, Scored, Tuning, decide};
use crate::content::{FaqEntry, Topic};

/// One way an entry is asked (its question, a phrasing or a keyword), as term ids.
struct Phrase {
    /// Sorted, deduplicated.
    terms: Vec<u32>,
    /// Adjacent term pairs in reading order ("negara berkembang", "bebas visa"), sorted.
    pairs: Vec<(u32, u32)>,
    total_idf: f32,
}

/// A phrase before idf is known: sorted terms and adjacent pairs.
type RawPhrase = (Vec<u32>, Vec<(u32, u32)>);

struct Entry {
    phrases: Vec<Phrase>,
    /// The question words the entry serves. With terms ("kapan", "berapa" only): those of the
    /// phrasings that ask that way ("berapa kali … tuan rumah Asian Games"), one of which the
    /// question must share besides Indonesia. Without: any question asking that way.
    asks: Vec<(Asks, Option<Vec<u32>>)>,
    /// Terms the answer counts with a spelled-out number ("lima prinsip", "tiga bentuk"): a
    /// "berapa" question about one of them is answered.
    counted: Vec<u32>,
    /// Terms of its canonical question and keywords, sorted: what it is centrally about.
    core: Vec<u32>,
    /// A year is among its keywords: the year of a source it quotes ("Coplin (1971)").
    dated: bool,
}

pub struct FaqIndex {
    tuning: Tuning,
    norm: Normalizer,
    entries: Vec<Entry>,
    /// Stem → term id.
    terms: HashMap<String, u32>,
    idf: Vec<f32>,
    /// Per term: 1.0 if some entry is asked with it, else the weight of an answer-only word.
    /// A word the FAQ only uses in passing is weak evidence either way.
    role: Vec<f32>,
    /// Term id → (entry, weight) for every entry that contains it.
    postings: Vec<Vec<(u32, f32)>>,
    /// Surface word → term id, for words whose stem a query may not reach.
    surface: HashMap<String, u32>,
    fuzzy: FuzzyIndex,
    /// Vowel-dropped chat forms ("pmrnth") → the term they stand for.
    skeletons: Skeletons,
    /// Terms that are names (countries, organisations, people).
    entity: Vec<bool>,
    /// The term for Indonesia, if the FAQ has it.
    home: Option<u32>,
    /// Term id → (entry, log-likelihood boost) for every entry asked with the term: how much
    /// more likely the entry's ways of asking make the term than an unseen one.
    nb_postings: Vec<Vec<(u32, f32)>>,
    /// Per entry: the log-likelihood of a term its ways of asking never use.
    nb_base: Vec<f32>,
    /// The weight of a word the index does not know: it may be off-topic (it counts against
    /// coverage) or chat noise (so it counts less than the rarest known word).
    unknown_idf: f32,
    /// Per entry, sorted: the entries asked in nearly the same words (`Tuning::twin_likeness`).
    twins: Vec<Vec<u32>>,
}

impl FaqIndex {
    pub fn build(faq: &[FaqEntry]) -> FaqIndex {
        FaqIndex::with_tuning(faq, Tuning::default())
    }

    pub fn with_tuning(faq: &[FaqEntry], tuning: Tuning) -> FaqIndex {
        let norm = Normalizer::new();
        let mut terms: HashMap<String, u32> = HashMap::new();
        let mut surface: HashMap<String, u32> = HashMap::new();
        let mut weights: Vec<HashMap<u32, f32>> = Vec::new();
        let mut raw_phrases: Vec<Vec<RawPhrase>> = Vec::new();
        let mut entries_asks = Vec::new();
        let mut entries_counted: Vec<Vec<u32>> = Vec::new();
        let mut nb_counts: Vec<HashMap<u32, f32>> = Vec::new();
        let mut entries_core: Vec<Vec<u32>> = Vec::new();

        let mut term_of = |word: &str, terms: &mut HashMap<String, u32>| -> u32 {
            let stem = norm.stem(word);
            let next = terms.len() as u32;
            let id = *terms.entry(stem).or_insert(next);
            surface.entry(word.to_string()).or_insert(id);
            id
        };

        for e in faq {
            let mut w: HashMap<u32, f32> = HashMap::new();
            let mut counts: HashMap<u32, f32> = HashMap::new();
            let mut core: Vec<u32> = Vec::new();
            let mut phrases = Vec::new();
            let mut asks: Vec<(Asks, Option<Vec<u32>>)> = Vec::new();
            // Questions and phrasings are whole ways of asking; keywords only add terms.
            for (i, text) in std::iter::once(&e.question).chain(&e.phrasings).enumerate() {
                let n = norm.normalize(text);
                let seq: Vec<u32> = n.words.iter().map(|x| term_of(x, &mut terms)).collect();
                for a in n.asks {
                    // A time or a count is a fact about one thing; a person, a place or a
                    // reason is served by the entry as a whole.
                    let specific = matches!(a, Asks::When | Asks::HowMany);
                    let about = match asks.iter_mut().find(|(k, _)| *k == a) {
                        Some((_, about)) => about,
                        None => {
                            asks.push((a, specific.then(Vec::new)));
                            &mut asks.last_mut().expect("just pushed").1
                        }
                    };
                    if let Some(about) = about {
                        about.extend(seq.iter().copied());
                    }
                }
                if i == 0 {
                    // The canonical question.
                    core.extend(seq.iter().copied());
                }
                let pairs = pairs_of(&seq);
                let mut ids = seq;
                ids.sort_unstable();
                ids.dedup();
                for &t in &ids {
                    w.insert(t, 1.0);
                    *counts.entry(t).or_insert(0.0) += 1.0;
                }
                if !ids.is_empty() {
                    phrases.push((ids, pairs));
                }
            }
            for k in &e.keywords {
                for word in norm.normalize(k).words {
                    let t = term_of(&word, &mut terms);
                    w.insert(t, 1.0);
                    core.push(t);
                    *counts.entry(t).or_insert(0.0) += NB_KEYWORD;
                }
            }
            for word in norm.normalize(&e.answer).words {
                let t = term_of(&word, &mut terms);
                w.entry(t).or_insert(tuning.answer_credit);
            }
            for (_, about) in &mut asks {
                if let Some(about) = about {
                    about.sort_unstable();
                    about.dedup();
                }
            }
            for a in answer_asks(e) {
                match asks.iter_mut().find(|(k, _)| *k == a) {
                    Some((_, about)) => *about = None,
                    None => asks.push((a, None)),
                }
            }
            let mut counted: Vec<u32> = counted_words(&e.answer)
                .iter()
                .filter_map(|w| terms.get(&norm.stem(w)).copied())
                .collect();
            // An answer that lists its points ("Pertama, … Kedua, …") tells how many of what
            // its question asks about there are.
            if enumerates(&e.answer) {
                counted.extend(core.iter().copied());
            }
            entries_counted.push(counted);
            nb_counts.push(counts);
            core.sort_unstable();
            core.dedup();
            entries_core.push(core);
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
        let unknown_idf = tuning.unknown_weight * (1.0 + n).ln();
        let home = terms.get(&norm.stem("indonesia")).copied();
        let mut entity = vec![false; terms.len()];
        for name in ENTITIES {
            if let Some(&t) = terms.get(&norm.stem(name)) {
                entity[t as usize] = true;
            }
        }
        let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); terms.len()];
        let mut role = vec![tuning.answer_only_weight; terms.len()];
        for (e, w) in weights.iter().enumerate() {
            for (&t, &weight) in w {
                postings[t as usize].push((e as u32, weight));
                if weight >= 1.0 {
                    role[t as usize] = 1.0;
                }
            }
        }
        let vocabulary = terms.len().max(1) as f32;
        let mut nb_postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); terms.len()];
        let nb_base: Vec<f32> = nb_counts
            .iter()
            .enumerate()
            .map(|(e, counts)| {
                for (&t, &c) in counts {
                    nb_postings[t as usize].push((e as u32, ((c + NB_ALPHA) / NB_ALPHA).ln()));
                }
                let total: f32 = counts.values().sum();
                (NB_ALPHA / (total + NB_ALPHA * vocabulary)).ln()
            })
            .collect();
        let entries = raw_phrases
            .into_iter()
            .zip(entries_asks)
            .zip(entries_counted)
            .zip(entries_core)
            .zip(faq)
            .map(|((((phrases, asks), counted), core), e)| Entry {
                phrases: phrases
                    .into_iter()
                    .map(|(terms, pairs)| Phrase {
                        total_idf: terms.iter().map(|&t| idf[t as usize]).sum(),
                        terms,
                        pairs,
                    })
                    .collect(),
                asks,
                counted,
                core,
                dated: e.keywords.iter().any(|k| is_year(k.trim())),
            })
            .collect();
        let mut words: Vec<(String, u32)> = surface.iter().map(|(w, &t)| (w.clone(), t)).collect();
        words.sort();
        let skeletons = Skeletons::build(words.iter().map(|(w, t)| (w.as_str(), *t)));
        let fuzzy = FuzzyIndex::build(words.into_iter().map(|(w, _)| w).collect());
        let mut index = FaqIndex {
            tuning,
            norm,
            entries,
            terms,
            idf,
            role,
            postings,
            surface,
            fuzzy,
            skeletons,
            entity,
            home,
            nb_postings,
            nb_base,
            unknown_idf,
            twins: Vec::new(),
        };
        index.twins = index.find_twins(faq);
        index
    }

    /// Pairs of entries asked in nearly the same words: for each entry, how the others score
    /// against its own ways of asking, relative to its own score, averaged over them. Measured
    /// with the finished ranking, so it sees the question as a student's question would be.
    fn find_twins(&self, faq: &[FaqEntry]) -> Vec<Vec<u32>> {
        let n = faq.len();
        let mut likeness = vec![vec![0.0_f32; n]; n];
        for (a, e) in faq.iter().enumerate() {
            let asked: Vec<&String> = std::iter::once(&e.question).chain(&e.phrasings).collect();
            for text in &asked {
                let ranked = self.rank(text);
                // An entry its own phrasing hardly reaches is outscored by any other.
                let own = ranked
                    .iter()
                    .find(|s| s.entry == a)
                    .map_or(0.0, |s| s.score)
                    .max(0.01);
                for s in ranked.iter().filter(|s| s.entry != a) {
                    likeness[a][s.entry] += (s.score / own).min(1.0);
                }
            }
            let count = asked.len() as f32;
            likeness[a].iter_mut().for_each(|l| *l /= count);
        }
        (0..n)
            .map(|a| {
                (0..n)
                    .filter(|&b| {
                        b != a && likeness[a][b].max(likeness[b][a]) >= self.tuning.twin_likeness
                    })
                    .map(|b| b as u32)
                    .collect()
            })
            .collect()
    }

    /// Whether entries `a` and `b` are twins.
    pub(super) fn twins(&self, a: usize, b: usize) -> bool {
        self.twins
            .get(a)
            .is_some_and(|t| t.binary_search(&(b as u32)).is_ok())
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Scores every entry against `question` and decides what to say.
    pub fn ask(&self, question: &str) -> Match {
        let (ranked, words) = self.rank_counting(question);
        let twins = matches!(ranked.as_slice(), [a, b, ..] if self.twins(a.entry, b.entry));
        decide(&ranked, words, twins, &self.tuning)
    }

    /// The entries that can be among the best three for the question, best first; entries
    /// that share a term but cannot reach the best three are left out.
    pub fn rank(&self, question: &str) -> Vec<Scored> {
        self.rank_counting(question).0
    }

    /// The ranking, and the number of content words in the question.
    fn rank_counting(&self, question: &str) -> (Vec<Scored>, usize) {
        let n = self.norm.normalize(question);
        let words = n.words.len();
        // (term, quality) for every word the index knows, best quality per term.
        let mut query: Vec<(u32, f32)> = Vec::new();
        let mut seq: Vec<u32> = Vec::new();
        let mut total = 0.0;
        // The weight of the question's words that are not names: what it asks about them.
        let mut focus_total = 0.0;
        for word in &n.words {
            let found = self.lookup(word);
            if let Some((t, _)) = found {
                seq.push(t);
            }
            match found {
                Some((t, q)) => match query.iter_mut().find(|(qt, _)| *qt == t) {
                    Some(existing) => existing.1 = existing.1.max(q),
                    None => {
                        let weight = self.idf[t as usize] * self.role[t as usize];
                        total += weight;
                        if !self.entity[t as usize] {
                            focus_total += weight;
                        }
                        query.push((t, q));
                    }
                },
                None if self.norm.is_shortened_stopword(word) => {}
                None => {
                    total += self.unknown_idf;
                    focus_total += self.unknown_idf;
                }
            }
        }
        if query.is_empty() || total <= 0.0 {
            return (Vec::new(), words);
        }
        let query_pairs = pairs_of(&seq);
        // Names in the question other than Indonesia (the home country, context in almost any
        // question): an entry that never mentions one of them is about something else.
        let names: Vec<u32> = query
            .iter()
            .map(|&(t, _)| t)
            .filter(|&t| self.entity[t as usize] && Some(t) != self.home)
            .collect();
        let b = self.tuning.bigram_share;
        // Per entry: what the question's terms hit (see `Hits`). An entry hit only through its
        // answer text was never asked about these words and is not a candidate.
        let mut acc: Vec<Hits> = vec![Hits::default(); self.entries.len()];
        for &(t, q) in &query {
            let idf = self.idf[t as usize];
            for &(e, w) in &self.postings[t as usize] {
                let a = &mut acc[e as usize];
                a.covered += q * idf * w;
                if !self.entity[t as usize] {
                    a.focused += q * idf * w;
                }
                if w >= 1.0 {
                    a.asked += q * idf;
                }
            }
        }
        // Exact scoring (phrasings, word pairs) is the costly part, so entries are scored in
        // order of an upper bound on their score, and scoring stops once no remaining entry can
        // reach the best three: only those matter to the decision.
        let t = &self.tuning;
        let (qs, d) = (t.query_share, t.phrase_dice);
        let upper = |h: &Hits| {
            let dice = (2.0 * h.asked / total).min(1.0);
            qs * (h.covered / total).min(1.0)
                + (1.0 - qs) * ((1.0 - b) * ((1.0 - d) + d * dice) + b)
        };
        // How likely each entry's ways of asking make the question's words, relative to the
        // likeliest entry, per word: near-ties between entries go to the one asked that way.
        let weight_sum: f32 = query.iter().map(|&(_, q)| q).sum();
        let mut likelihood: Vec<f32> = self.nb_base.iter().map(|b| b * weight_sum).collect();
        for &(t, q) in &query {
            for &(e, boost) in &self.nb_postings[t as usize] {
                likelihood[e as usize] += q * boost;
            }
        }
        let best_likelihood = acc
            .iter()
            .zip(&likelihood)
            .filter(|(h, _)| h.asked > 0.0)
            .map(|(_, &l)| l)
            .fold(f32::NEG_INFINITY, f32::max);
        // A question of names only ("pbb") is asked of every entry that names them alike: the
        // likelihoods would pick one by how often its phrasings repeat the name.
        let lambda = if focus_total > 0.0 {
            t.likelihood_share
        } else {
            0.0
        };
        let factor = |e: usize| {
            (1.0 - lambda)
                + lambda * ((likelihood[e] - best_likelihood) / weight_sum.max(1.0)).exp()
        };
        let mut candidates: Vec<(f32, u32)> = acc
            .iter()
            .enumerate()
            .filter(|(_, h)| h.asked > 0.0)
            .map(|(e, h)| (upper(h) * factor(e), e as u32))
            .collect();
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut ranked: Vec<Scored> = Vec::new();
        let mut best = [f32::NEG_INFINITY; KEEP_EXACT];
        for (bound, e) in candidates {
            if bound < best[KEEP_EXACT - 1] {
                break;
            }
            let Hits {
                covered, focused, ..
            } = acc[e as usize];
            let scored = {
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
                        let recall = if p.total_idf > 0.0 {
                            hit / p.total_idf
                        } else {
                            0.0
                        };
                        // Dice: shared weight against both sides, so neither a long question
                        // nor a long phrasing wins by size alone.
                        let dice = 2.0 * hit / (total + p.total_idf);
                        let unigrams = (1.0 - d) * recall + d * dice;
                        if p.pairs.is_empty() {
                            return unigrams;
                        }
                        let shared = query_pairs
                            .iter()
                            .filter(|qp| p.pairs.binary_search(qp).is_ok())
                            .count();
                        (1.0 - b) * unigrams + b * shared as f32 / p.pairs.len() as f32
                    })
                    .fold(0.0_f32, f32::max);
                let cover = (covered / total).clamp(0.0, 1.0);
                let focus = if focus_total > 0.0 {
                    (focused / focus_total).clamp(0.0, 1.0)
                } else {
                    1.0
                };
                let mut score = self.tuning.query_share * cover
                    + (1.0 - self.tuning.query_share) * phrase_cover;
                score *= factor(e as usize);
                // A question of one word that only the entry's rarer phrasings use ("makan" in
                // "termakan isu") is weak evidence of what is asked.
                if let [(t, _)] = query.as_slice()
                    && entry.core.binary_search(t).is_err()
                {
                    score *= self.tuning.lone_word;
                }
                let mentions = |t: u32| self.postings[t as usize].iter().any(|&(pe, _)| pe == e);
                if names.iter().any(|&t| !mentions(t)) {
                    score *= self.tuning.missing_name;
                }
                // A count of something the answer counts, and that is not asked of every entry.
                let counts_it = query.iter().any(|(t, _)| {
                    entry.counted.contains(t) && self.idf[*t as usize] >= RARE_ENOUGH_TO_COUNT
                });
                // The year of a quoted source, asked of that source by a name only this entry
                // uses ("Coplin nulis tahun berapa"), not of anything else it mentions.
                let dates_it = || {
                    entry.dated
                        && query.iter().any(|(t, _)| {
                            matches!(self.postings[*t as usize].as_slice(), [(pe, _)] if *pe == e)
                        })
                };
                let serves = |a: Asks| {
                    entry.asks.iter().any(|(k, about)| {
                        *k == a
                            && about.as_ref().is_none_or(|about| {
                                query.iter().any(|&(t, _)| {
                                    Some(t) != self.home && about.binary_search(&t).is_ok()
                                })
                            })
                    })
                };
                for a in n.asks.iter().filter(|&&a| {
                    !(serves(a)
                        || (a == Asks::HowMany && counts_it)
                        || (a == Asks::When && dates_it()))
                }) {
                    score *= match a {
                        Asks::When | Asks::HowMany => self.tuning.wrong_question_word,
                        Asks::Who | Asks::Where => self.tuning.wrong_question_word_mild,
                        Asks::Why => self.tuning.wrong_why,
                    };
                }
                Scored {
                    entry: e as usize,
                    score: score.clamp(0.0, 1.0),
                    focus,
                }
            };
            if let Some(slot) = best.iter().position(|&s| scored.score > s) {
                best[slot..].rotate_right(1);
                best[slot] = scored.score;
            }
            ranked.push(scored);
        }
        ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entry.cmp(&b.entry)));
        (ranked, words)
    }

    /// Whether `word` (already normalised) is a word of the index vocabulary, exactly as the
    /// FAQ writes it.
    pub fn has_word(&self, word: &str) -> bool {
        self.surface.contains_key(word)
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
        for variant in normalize::colloquial_variants(word) {
            if let Some(&t) = self.terms.get(&self.norm.stem(&variant)) {
                return Some((t, 1.0));
            }
        }
        if let Some((i, edits)) = self.fuzzy.closest(word) {
            let t = *self.surface.get(self.fuzzy.word(i))?;
            return Some((t, 1.0 - self.tuning.per_edit * edits as f32));
        }
        let t = self.skeletons.term(word)?;
        Some((t, 1.0 - self.tuning.per_edit))
    }
}

/// The idf of a term found in a third of the entries: commoner terms ("negara") are counted
/// in too many answers to say what a "berapa" asks about.
const RARE_ENOUGH_TO_COUNT: f32 = 1.386;

/// Whether `answer` numbers its points in words: "Pertama, … Kedua, …".
fn enumerates(answer: &str) -> bool {
    let lower = answer.to_lowercase();
    let mut words = lower.split(|c: char| !c.is_alphanumeric());
    words.any(|w| w == "pertama") && words.any(|w| w == "kedua")
}

/// Words right after a spelled-out number in `answer` ("lima prinsip" → "prinsip").
fn counted_words(answer: &str) -> Vec<String> {
    const NUMBERS: &[&str] = &[
        "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh",
    ];
    let lower = answer.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(2)
        .filter(|w| NUMBERS.contains(&w[0]))
        .map(|w| w[1].to_string())
        .collect()
}

/// Additive smoothing of the entries' word likelihoods.
const NB_ALPHA: f32 = 0.5;
/// A keyword counts as this many ways of asking with its word.
const NB_KEYWORD: f32 = 0.5;

/// How many of the best entries are always scored exactly: the decision looks at the best
/// one, its lead over the second, and up to three suggestions.
const KEEP_EXACT: usize = 3;

/// What a question's terms hit in one entry: weight covered, of it the weight of non-names,
/// and the weight found in its questions and keywords (zero: never asked about these words).
#[derive(Debug, Clone, Copy, Default)]
struct Hits {
    covered: f32,
    focused: f32,
    asked: f32,
}

/// Adjacent pairs of a term sequence, sorted and deduplicated.
fn pairs_of(seq: &[u32]) -> Vec<(u32, u32)> {
    let mut pairs: Vec<(u32, u32)> = seq.windows(2).map(|w| (w[0], w[1])).collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Whether a word is a year ("1971", "2014").
fn is_year(w: &str) -> bool {
    w.len() == 4
        && (w.starts_with("19") || w.starts_with("20"))
        && w.bytes().all(|b| b.is_ascii_digit())
}

/// The question words an answer can serve by what it says, beyond those its phrasings use:
/// a count ("berapa") when it states a figure in digits (spelled-out small numbers mostly
/// count items of a list: "tiga bentuk", "dua negara"), a time ("kapan") when it states a year or
/// "sejak"/"setelah"/"pasca", and an agent ("siapa") when it reports what an expert said or
/// who does something ("oleh", "menurut").
fn answer_asks(e: &FaqEntry) -> Vec<Asks> {
    // A year alone does not answer "kapan": in these answers years date a quoted source.
    const TIMES: &[&str] = &["sejak", "setelah", "pasca", "sebelum"];
    let lower = e.answer.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut asks = Vec::new();
    if e.topic == Topic::Pakar || words.iter().any(|w| *w == "oleh" || *w == "menurut") {
        asks.push(Asks::Who);
    }
    let count = words
        .iter()
        .any(|w| w.chars().all(|c| c.is_ascii_digit()) && !is_year(w));
    if count {
        asks.push(Asks::HowMany);
    }
    if words.iter().any(|w| TIMES.contains(w)) {
        asks.push(Asks::When);
    }
    asks
}
