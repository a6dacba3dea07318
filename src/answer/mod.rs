//! The FAQ matcher: an index built once from `faq.yaml`, and the decision for each question —
//! a confident answer, "maksud kamu…?" with the closest questions, or nothing.
//!
//! Scoring, in short: every term has an inverse-document-frequency weight, so rare topical
//! words ("bilateral", "akulturasi", "prinsip") count more than common ones ("negara"). A question's
//! score against an entry blends how much of the question the entry covers with how much of
//! the entry's closest phrasing the question covers. Misspelt words are corrected to the
//! nearest index word first; words the index does not know still count against coverage, so
//! an off-topic question cannot ride on one shared word. A specific question word ("kapan",
//! "berapa", "siapa", "dimana") that the entry never answers cuts its score; "kenapa" cuts
//! it a little for an entry never asked why; "… artinya apa" cuts it for an entry not written
//! to say what the term means. Entries asked in nearly the same words are
//! "twins" (found once, when the index is built): between twins a confident answer needs a
//! wider lead, and short of it both are offered.
//!
//! Files: `normalize.rs` (text → words and stems), `words.rs` (its word lists), `fuzzy.rs` (typo correction and words typed without vowels), `index.rs`
//! (the index and ranking), this file (outcomes and the decision).

mod fuzzy;
mod index;
mod normalize;
mod words;

/// FNV-1a, for the matcher's maps: they are keyed by short words from the FAQ and the word
/// lists, built once, and a question only looks words up in them, so a fast hash without
/// SipHash's resistance to crafted keys serves (every word of a question is looked up in
/// several maps; SipHash took a third of the time to answer).
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

type HashMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;
type HashSet<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<Fnv>>;

pub use index::FaqIndex;
pub use normalize::{Asks, Instances, Normalizer, PLACE_KINDS};

/// Suggestions shown with "Maksud kamu…?".
pub const MAX_SUGGESTIONS: usize = 3;

/// The matcher's weights and thresholds, calibrated on the development sets in `tests/eval/`
/// (`dev*.yaml`), never on the test set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tuning {
    /// At or above this score, with a clear lead, the answer is given outright.
    pub confident: f32,
    /// The lead over the next entry a confident answer needs.
    pub margin: f32,
    /// A confident answer must explain at least this share of the question's non-name words.
    pub min_focus: f32,
    /// A second way to a confident answer, for questions asked in many words (at least
    /// `long_words`, which spread the score thin): at least this score, with the wider lead
    /// and the focus below.
    pub lean_confident: f32,
    /// The lead a confident answer on the second way needs.
    pub lean_margin: f32,
    /// The focus a confident answer on the second way needs.
    pub lean_focus: f32,
    /// The lead a confident answer to a one-word question needs: a lone common word
    /// ("politik", "teknologi") is asked of several entries alike.
    pub lone_margin: f32,
    /// The lead a confident answer needs over a twin: an entry asked in so nearly the same
    /// words (see `twin_likeness`) that a small lead says little about which one is meant.
    pub twin_margin: f32,
    /// Two entries are twins when one's own ways of asking score the other, on average, at
    /// least this share of their own score.
    pub twin_likeness: f32,
    /// In measuring twins, an entry's score for one of its own ways of asking counts as at
    /// least this (others' scores are divided by it): an entry its own phrasing hardly
    /// reaches is outscored by any other.
    pub twin_own_floor: f32,
    /// Score factor for an entry whose canonical question is about what the question sets
    /// aside ("selain ekonomi …" is not asking about the economy).
    pub set_aside: f32,
    /// Between two close entries, the leader answers when the question says at least this
    /// share of its canonical question (by weight) …
    pub canonical_share: f32,
    /// … and this much more than of the other's.
    pub canonical_lead: f32,
    /// At or above this score the entry is offered as a suggestion.
    pub unsure: f32,
    /// A lower score that still earns suggestions when the entry explains most of the
    /// question (at least `lean_unsure_focus`) and holds every kind of fact it asks for:
    /// off-topic questions rarely do.
    pub lean_unsure: f32,
    /// The focus `lean_unsure` needs.
    pub lean_unsure_focus: f32,
    /// Suggestions are the best entries scoring at least this share of `unsure` (or of the
    /// best score, if lower); a twin of the best is offered whatever its score.
    pub suggestion_share: f32,
    /// Questions of at least this many content words get the lower suggestion threshold
    /// below: their many words spread the score thin.
    pub long_words: usize,
    /// The score a long question needs for suggestions, from an entry that holds every kind
    /// of fact it asks for (below `unsure`, one that lacks it is not offered).
    pub long_unsure: f32,
    /// The focus a long question needs for suggestions.
    pub long_unsure_focus: f32,
    /// Share of the score from covering the question (the rest: covering a phrasing).
    pub query_share: f32,
    /// Weight in a question of a word the FAQ uses only in answers, never in questions or
    /// keywords: such words are weak evidence of what is asked.
    pub answer_only_weight: f32,
    /// Credit an entry gets for a question word found only in its answer text.
    pub answer_credit: f32,
    /// Weight of a word the index does not know, relative to the rarest known word.
    pub unknown_weight: f32,
    /// Score factor for an entry that never states the time or count asked for.
    pub wrong_question_word: f32,
    /// Score factor for an entry that never names the person or place asked for (milder:
    /// answers often name them without a phrasing asking).
    pub wrong_question_word_mild: f32,
    /// Score factor for an entry never asked "kenapa" when the question is (mild: a reason
    /// can be part of any explanation).
    pub wrong_why: f32,
    /// Score factor for an entry whose answer never says whether something is only so ("bukan
    /// hanya …") when the question asks it ("cuma negara doang?"): mild, as "ya, hanya …"
    /// answers too.
    pub not_only: f32,
    /// The score a subject other than the chat's needs to answer: in a class on one subject,
    /// a question that another subject answers only fairly well is rarely about that subject.
    pub elsewhere_confident: f32,
    /// Score factor for an entry not written to say what a term means, when the question asks
    /// the term's meaning ("pelabuhan artinya apa").
    pub undefined: f32,
    /// Score factor for an entry that never mentions a name the question uses (a country).
    pub missing_name: f32,
    /// Score factor for an entry that mentions the names the question uses only in passing:
    /// none of them is in its canonical question or keywords.
    pub names_in_passing: f32,
    /// Score factor for an entry whose canonical question and keywords share no word with the
    /// question: reached only through a phrasing or its answer ("contoh kalimat pasif bahasa
    /// inggris" meets "Apa nama APSA dalam bahasa Inggris?"), it is not about what is asked.
    pub off_core: f32,
    /// Quality lost by a term reached through a typo correction, per edit.
    pub per_edit: f32,
    /// How much an entry's score depends on how likely its ways of asking make the question's
    /// words, relative to the likeliest entry (0 = not at all).
    pub likelihood_share: f32,
    /// Score factor for a one-word question whose word is not in the entry's canonical
    /// question or keywords.
    pub lone_word: f32,
    /// Share of a phrasing's cover that comes from matching adjacent word pairs.
    pub bigram_share: f32,
    /// How a phrasing's cover is measured: 0 = share of the phrasing the question covers,
    /// 1 = Dice overlap of question and phrasing, in between a blend.
    pub phrase_dice: f32,
    /// Words shorter than this are never corrected as typos: too many real words lie one edit
    /// apart.
    pub min_fuzzy_chars: usize,
    /// Words at least this long may be corrected with up to `max_edits` edits; shorter ones
    /// (from `min_fuzzy_chars`) with one.
    pub two_edit_chars: usize,
    /// The most edits any typo correction allows; the deletion index is built for it.
    pub max_edits: usize,
    /// Words shorter than this keep their first letter when corrected: typos rarely hit it, and
    /// a short word with another first letter is usually another word ("lucu" is not "cucu").
    pub free_first_chars: usize,
    /// Consonant skeletons of words typed without vowels ("pmrnth") shorter than this are too
    /// ambiguous to read ("sm" is "sama" or "semua").
    pub min_skeleton_chars: usize,
    /// A word typed without vowels keeps at most this many vowels after its first letter.
    pub max_kept_vowels: usize,
    /// Chat compounds ("kerjasama") this long are corrected when misspelt; shorter ones
    /// (a country's short form) are not.
    pub min_compound_chars: usize,
    /// Additive smoothing of the entries' word likelihoods (see `likelihood_share`).
    pub likelihood_smoothing: f32,
    /// In an entry's word likelihoods, a keyword counts as this many ways of asking with its
    /// word.
    pub likelihood_keyword: f32,
    /// A "berapa" question is served by an entry whose answer counts one of its words ("lima
    /// prinsip") only if that word's idf is at least this. The default is the idf of a word
    /// found in a third of the entries: commoner words ("negara") are counted in too many
    /// answers to say what a "berapa" asks about.
    pub rare_enough_to_count: f32,
    /// A question with no question word and no term whose meaning it asks, all of whose words
    /// have an idf below this, is offered and never answered. The default is the idf of a
    /// word found in half the entries: such words are the subject's own ("negara", "kerja
    /// sama"), and a question of nothing else leaves what it asks to the chat words the index
    /// does not keep.
    pub vague_idf: f32,
    /// How many of the best entries are always scored exactly (at least one): the decision
    /// looks at the best one, its lead over the second, and up to `MAX_SUGGESTIONS`
    /// suggestions. Entries that cannot reach these are left out of a ranking.
    pub keep_exact: usize,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            confident: 0.45,
            margin: 0.08,
            min_focus: 0.2,
            lean_confident: 0.4,
            lean_margin: 0.08,
            lean_focus: 0.3,
            lone_margin: 0.15,
            twin_margin: 0.12,
            twin_likeness: 0.6,
            twin_own_floor: 0.01,
            set_aside: 0.5,
            canonical_share: 0.6,
            canonical_lead: 0.25,
            unsure: 0.4,
            lean_unsure: 0.3,
            lean_unsure_focus: 0.8,
            suggestion_share: 0.75,
            long_words: 5,
            long_unsure: 0.27,
            long_unsure_focus: 0.25,
            query_share: 0.4,
            answer_only_weight: 0.3,
            answer_credit: 0.4,
            unknown_weight: 1.0,
            wrong_question_word: 0.3,
            wrong_question_word_mild: 0.6,
            missing_name: 0.5,
            names_in_passing: 0.9,
            off_core: 0.8,
            undefined: 0.5,
            wrong_why: 0.7,
            not_only: 0.9,
            elsewhere_confident: 0.7,
            per_edit: 0.12,
            bigram_share: 0.2,
            likelihood_share: 0.4,
            lone_word: 0.7,
            phrase_dice: 1.0,
            min_fuzzy_chars: 4,
            two_edit_chars: 8,
            max_edits: 2,
            free_first_chars: 6,
            min_skeleton_chars: 3,
            max_kept_vowels: 1,
            min_compound_chars: 8,
            likelihood_smoothing: 0.5,
            likelihood_keyword: 0.5,
            rare_enough_to_count: 1.386,
            vague_idf: 1.0986,
            keep_exact: 3,
        }
    }
}

impl Tuning {
    /// The same tuning, with no way to a confident answer: only suggestions or nothing.
    fn offering_only(&self) -> Tuning {
        Tuning {
            confident: f32::INFINITY,
            lean_confident: f32::INFINITY,
            ..*self
        }
    }
}

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

/// An entry (index into the FAQ), its score in `0.0..=1.0`, and how much of the question's
/// non-name words it covers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    pub entry: usize,
    pub score: f32,
    /// The share of the question's non-name words the entry covers (1.0 when the question is
    /// only names, like a country's name).
    pub focus: f32,
    /// The entry holds every kind of fact the question asks for (a time, a count, a person, a
    /// place, a name, a place in an order): only then may a tie between entries be settled in
    /// its favour, or a low score offer it.
    pub holds_asked: bool,
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

/// Turns a ranking into an outcome: confident only with a high score and a clear lead, or,
/// for a long question, a fair score, a wider lead and most of the question explained. `words` is the number of
/// content words in the question; `twins` says the best two entries are twins (see
/// `Tuning::twin_likeness`), so the best one needs a wider lead and, short of it, both are
/// offered.
pub fn decide(ranked: &[Scored], words: usize, twins: bool, t: &Tuning) -> Match {
    let best = ranked.first().copied();
    let Some(top) = best else {
        return Match {
            outcome: Outcome::None,
            best: None,
            suggestions: Vec::new(),
        };
    };
    let second = ranked.get(1).map_or(0.0, |s| s.score);
    let lead = top.score - second;
    // A lone common word, or a twin close behind, needs a wider lead than usual.
    let lone = if words == 1 { t.lone_margin } else { 0.0 };
    let wide = if twins { lone.max(t.twin_margin) } else { lone };
    let clear = top.score >= t.confident && lead >= t.margin.max(wide) && top.focus >= t.min_focus;
    let lean = words >= t.long_words
        && top.score >= t.lean_confident
        && lead >= t.lean_margin.max(wide)
        && top.focus >= t.lean_focus;
    if clear || lean {
        return Match {
            outcome: Outcome::Answer,
            best,
            suggestions: Vec::new(),
        };
    }
    let near = top.score >= t.unsure && top.focus > 0.0;
    let lean_near =
        top.score >= t.lean_unsure && top.focus >= t.lean_unsure_focus && top.holds_asked;
    let long_near = words >= t.long_words
        && top.score >= t.long_unsure
        && top.focus >= t.long_unsure_focus
        && top.holds_asked;
    if near || lean_near || long_near {
        let floor = t.unsure.min(top.score) * t.suggestion_share;
        // A twin close behind is always offered: it is the likeliest other reading.
        let floor = if twins { floor.min(second) } else { floor };
        let suggestions = ranked
            .iter()
            .take(MAX_SUGGESTIONS)
            .filter(|s| s.score >= floor)
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
