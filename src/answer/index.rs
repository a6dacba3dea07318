//! The FAQ index: terms, weights and posting lists built once (`build`); ranking of entries
//! per question (`score`); looking a word up, exactly, by stem, with typos or without its
//! vowels (here).

mod build;
mod score;

use super::HashMap;

use super::fuzzy::{FuzzyIndex, Skeletons};
use super::normalize::{self, Asks, CLAUSE_BREAKS, Normalizer};
use super::words::NUMBER_WORDS;
use super::{Match, Outcome, Scored, Tuning, decide};
use crate::content::{FaqEntry, Lexicon};

/// One way an entry is asked (its question, a phrasing or a keyword), as term ids.
struct Phrase {
    /// Sorted, deduplicated.
    terms: Vec<u32>,
    /// Adjacent term pairs in reading order ("tata surya", "gerhana bulan"), sorted.
    pairs: Vec<(u32, u32)>,
    total_idf: f32,
}

/// A phrase before idf is known: sorted terms and adjacent pairs.
type RawPhrase = (Vec<u32>, Vec<(u32, u32)>);

/// What an answer says the meaning of and the names it gives things, as sorted terms.
type Said = (Vec<u32>, Vec<u32>);

struct Entry {
    phrases: Vec<Phrase>,
    /// The question words the entry serves. With terms ("kapan", "berapa" only): those of the
    /// phrasings that ask that way ("berapa kali … menjadi juara"), one of which the question
    /// must share besides the pack's home country. Without: any question asking that way.
    asks: Vec<(Asks, Option<Vec<u32>>)>,
    /// Terms the answer counts with a spelled-out number ("lima prinsip", "tiga bentuk"): a
    /// "berapa" question about one of them is answered.
    counted: Vec<u32>,
    /// Terms its answer states a number of ("162 negara", "delapan kawasan", "10%" as
    /// "persen"), sorted: "ada brp negara" is told only by an answer giving a number of them.
    quantified: Vec<u32>,
    /// Terms of its canonical question and keywords, sorted: what it is centrally about.
    core: Vec<u32>,
    /// A year is among its keywords: the year of a source it quotes ("<author> (1971)").
    dated: bool,
    /// Its answer says a time on the calendar (a year, a month): it can tell "tahun berapa".
    calendar: bool,
    /// Its answer ranks something (`RANKING`: "terbesar", "posisi pertama", "kunci", "lebih
    /// banyak"): it can tell "… yg paling …".
    ranks: bool,
    /// Its answer speaks of the future ("masa depan", "ke depan", "mendatang", "kelak"): it
    /// can tell "tahun depan …" or "10 tahun lagi …".
    future: bool,
    /// Its answer says whether something is only so ("bukan hanya …", "tidak sekadar …",
    /// "… melainkan …"): it can tell "cuma X doang?".
    widens: bool,
    /// The terms its answer says there is more besides ("Selain perjanjian …" → perjanjian),
    /// sorted: it tells "selain perjanjian, apa lagi" though its question names perjanjian.
    besides: Vec<u32>,
    /// Its question and phrasings as whole ways of asking: sorted terms, the question words
    /// asked with them (`asks_mask`), and which text it is (0 the question, then each
    /// phrasing).
    ways: Vec<(Vec<u32>, u8, usize)>,
    /// The question words its answer serves by what it says (a time, a count, a person),
    /// whatever its phrasings ask.
    answered: Vec<Asks>,
    /// The terms it is written to say the meaning of: those of its ways of asking what a
    /// term means ("Apa itu perjanjian bilateral?"), sorted.
    defines: Vec<u32>,
    /// The places in an order it says anywhere (`Normalized::ordinals`), sorted.
    ordinals: Vec<u8>,
    /// The names its answer gives in a short and a long form (`spelled_out`), each form as
    /// its terms: it tells "kepanjangan …" and "… singkatannya apa" of a name it spells so.
    spelled: Vec<(Vec<u32>, Vec<u32>)>,
    /// The kind of place each of its ways asking "di mana" names ("kawasan mana" → kawasan,
    /// "di mana" → none): a way asking for one kind does not make it answer another.
    place_kinds: Vec<Option<String>>,
    /// The names its answer mentions (the lexicon's, not the home country), sorted: a place
    /// it can give for "di mana" when the question does not name it already.
    named: Vec<u32>,
    /// The terms of its answer, sorted.
    said: Vec<u32>,
    /// The terms of each clause of its answer that states a figure (`figure_clauses`), sorted.
    figures: Vec<Vec<u32>>,
    /// The terms of each sentence of its answer, sorted.
    sentences: Vec<Vec<u32>>,
    /// The terms of what its answer says the meaning of (`subjects_in`), sorted.
    subjects: Vec<u32>,
    /// The terms of the names its answer gives things (`named_in`), sorted.
    called: Vec<u32>,
}

impl Entry {
    /// Whether the entry is written to give a reason: its canonical question asks "kenapa".
    fn gives_reasons(&self) -> bool {
        self.ways
            .iter()
            .any(|(_, asks, text)| *text == 0 && asks & asks_mask(&[Asks::Why]) != 0)
    }

    fn canonical(&self) -> &[u32] {
        self.ways
            .iter()
            .find(|(_, _, text)| *text == 0)
            .map_or(&[][..], |(way, _, _)| way.as_slice())
    }
}

/// A confident answer with `best`.
fn answered(best: Scored) -> Match {
    Match {
        outcome: Outcome::Answer,
        best: Some(best),
        suggestions: Vec::new(),
    }
}

/// One question's ranking and what the decision needs besides.
pub(super) struct Ranking {
    /// The entries that can be among the best three, best first.
    ranked: Vec<Scored>,
    /// The content words in the question.
    words: usize,
    /// It asks nothing specific, in words found in most entries (see `Tuning::vague_idf`).
    vague: bool,
    /// It is one word, spelled as the FAQ spells it, that no entry is about: nothing is
    /// offered for it.
    passing: bool,
    /// The one entry that lists the question among its ways of asking, if only one does.
    listed_by: Option<usize>,
    /// The index terms the question's words stand for.
    terms: Vec<u32>,
    /// The question words it asks with.
    asks: Vec<Asks>,
    /// It asks the bot's own view ("menurut kamu"), or asks nothing (a thank-you).
    unasked: bool,
}

/// The question words of a text as a set.
fn asks_mask(asks: &[Asks]) -> u8 {
    asks.iter().fold(0, |m, &a| m | (1 << a as u8))
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
    /// A kind of name a question asks for by its word ("negara mana") → the names of that
    /// kind (the lexicon's `kinds`), as terms, sorted.
    kinds: Vec<(u32, Vec<u32>)>,
    /// The kinds of place ("negara", "kawasan"), as terms: a "siapa" about one asks for names
    /// of it, where a "siapa" about an organisation asks for its members or founders.
    place_kinds: Vec<u32>,
    /// The people the articles name (the lexicon's `people`), as terms, sorted; `None` when
    /// the lexicon names none, and any entry may tell who holds an office.
    people: Option<Vec<u32>>,
    /// The term for the country the pack is about (its lexicon's `home`), if the FAQ has it.
    home: Option<u32>,
    /// Term id → (entry, log-likelihood boost) for every entry asked with the term: how much
    /// more likely the entry's ways of asking make the term than an unseen one.
    nb_postings: Vec<Vec<(u32, f32)>>,
    /// Per entry: the log-likelihood of a term its ways of asking never use.
    nb_base: Vec<f32>,
    /// The weight of a word the index does not know: it may be off-topic (it counts against
    /// coverage) or chat noise (so it counts less than the rarest known word).
    unknown_idf: f32,
    /// Per term: found in most entries of a FAQ (see `Tuning::vague_idf`).
    common: Vec<bool>,
    /// Per entry, sorted: the entries asked in nearly the same words (`Tuning::twin_likeness`).
    twins: Vec<Vec<u32>>,
    /// Every way of asking by its question words and its sorted terms without the home
    /// country → the one entry asked so, or `None` where more than one is.
    listed: HashMap<(u8, Vec<u32>), Option<u32>>,
}

impl FaqIndex {
    /// The index of a pack's FAQ, with the pack's own words (`lexicon`; empty for a pack
    /// without one).
    pub fn build(faq: &[FaqEntry], lexicon: &Lexicon) -> FaqIndex {
        FaqIndex::with_tuning(faq, lexicon, Tuning::default())
    }

    /// Whether entries `a` and `b` are twins.
    pub(super) fn twins(&self, a: usize, b: usize) -> bool {
        self.twins
            .get(a)
            .is_some_and(|t| t.binary_search(&(b as u32)).is_ok())
    }

    /// Whether the two best entries of a ranking are twins.
    fn leading_twins(&self, ranked: &[Scored]) -> bool {
        matches!(ranked, [a, b, ..] if self.twins(a.entry, b.entry))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Scores every entry against `question` and decides what to say.
    pub fn ask(&self, question: &str) -> Match {
        let (whole, asks, _) = self.ask_whole(question);
        if whole.outcome == Outcome::Answer {
            return whole;
        }
        self.ask_by_clause(question, &whole, &asks).unwrap_or(whole)
    }

    /// A long message wraps its question in greetings and context ("Selamat siang Bu, izin
    /// bertanya. Apa …? Terima kasih."), which spread its score thin. When the whole is not
    /// clear, one of its clauses that is answered with confidence by the entry the whole ranks
    /// first answers it: both readings agree. A clause that leaves out a kind of fact the
    /// whole asks for (when, how many, who, where) does not count.
    fn ask_by_clause(&self, question: &str, whole: &Match, asks: &[Asks]) -> Option<Match> {
        let best = whole.best?;
        let clauses: Vec<&str> = question
            .split_inclusive(CLAUSE_BREAKS)
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        if clauses.len() < 2 {
            return None;
        }
        // Only a message with one question in it: the clause that asks.
        let asking: Vec<&str> = clauses
            .into_iter()
            .filter(|c| self.norm.clause_asks(c))
            .collect();
        let [clause] = asking.as_slice() else {
            return None;
        };
        let agrees = |clause: &str| {
            let (m, clause_asks, words) = self.ask_whole(clause);
            let keeps_asks = asks
                .iter()
                .filter(|a| **a != Asks::Why)
                .all(|a| clause_asks.contains(a));
            words > 0
                && keeps_asks
                && m.outcome == Outcome::Answer
                && m.best.is_some_and(|b| b.entry == best.entry)
        };
        agrees(clause).then(|| answered(best))
    }

    /// `ask` for the question read whole, with the question words it asks with and its number
    /// of content words.
    pub(super) fn ask_whole(&self, question: &str) -> (Match, Vec<Asks>, usize) {
        let Ranking {
            ranked,
            words,
            vague,
            passing,
            listed_by,
            terms,
            asks,
            unasked,
        } = self.rank_counting(question);
        let m = if passing {
            Match {
                outcome: Outcome::None,
                best: None,
                suggestions: Vec::new(),
            }
        } else if vague && !unasked {
            // Offered, never answered: no entry is told apart, however it scores.
            decide(
                &ranked,
                words,
                self.leading_twins(&ranked),
                &self.tuning.offering_only(),
            )
        } else {
            self.decide_ranking(ranked, words, listed_by, &terms, &asks, unasked)
        };
        (m, asks, words)
    }

    /// The decision on a ranking and what the question says besides (see `Ranking`).
    fn decide_ranking(
        &self,
        ranked: Vec<Scored>,
        words: usize,
        listed_by: Option<usize>,
        terms: &[u32],
        asks: &[Asks],
        unasked: bool,
    ) -> Match {
        // The bot's own view is in no article, and a thank-you asks nothing: it says what it
        // can answer instead.
        if unasked {
            return Match {
                outcome: Outcome::None,
                best: None,
                suggestions: Vec::new(),
            };
        }
        let asks_why = asks.contains(&Asks::Why);
        // The question is, typos and chat spelling aside, a way of asking that only one entry
        // lists: that entry's author wrote this question for it.
        if let Some(e) = listed_by
            && let Some(best) = ranked.iter().find(|s| s.entry == e)
        {
            return answered(*best);
        }
        let m = decide(&ranked, words, self.leading_twins(&ranked), &self.tuning);
        // Between the two best entries, neither clearly ahead, the question's own words may
        // still tell them apart, toward the leader.
        // None of the ways below settles a tie for an entry that lacks a kind of fact the
        // question asks for: a "siapa" about what it never says who did stays unsure.
        if m.outcome == Outcome::Unsure && !ranked.first().is_some_and(|a| a.holds_asked) {
            return m;
        }
        if m.outcome == Outcome::Unsure
            && let [a, b, ..] = ranked.as_slice()
            && (self.covered_canonical(terms, a, b)
                || self.only_one_asked(terms, a, b)
                || self.closer_canonical(terms, a, b))
        {
            return answered(*a);
        }
        // A "kenapa" question between the two best entries, only one of them written to give
        // a reason (its canonical question asks "kenapa"): that one.
        if m.outcome == Outcome::Unsure
            && asks_why
            && let Some(only) = self.sole_fair(&m.suggestions[..m.suggestions.len().min(2)], |s| {
                self.entries[s.entry].gives_reasons()
            })
        {
            return answered(only);
        }
        // Of the entries offered, the one whose canonical question the question says whole,
        // when every other one asks the same and something more that the question does not
        // mention ("dampak positif hujan" against "… di bidang pertanian" and "… di bidang
        // kesehatan").
        if m.outcome == Outcome::Unsure
            && let Some(only) =
                self.sole_fair(&m.suggestions, |s| self.says_canonical(terms, s.entry))
            && m.suggestions
                .iter()
                .filter(|s| s.entry != only.entry)
                .all(|s| self.narrows_unasked(terms, only.entry, s.entry))
        {
            return answered(only);
        }
        m
    }

    /// The one entry of `offered` that `fits`, when exactly one does, its score and focus are
    /// fair enough to answer with and it holds what the question asks for.
    fn sole_fair(&self, offered: &[Scored], fits: impl Fn(&Scored) -> bool) -> Option<Scored> {
        let mut fitting = offered.iter().filter(|s| fits(s));
        match (fitting.next(), fitting.next()) {
            (Some(only), None)
                if only.score >= self.tuning.unsure
                    && only.focus >= self.tuning.min_focus
                    && only.holds_asked =>
            {
                Some(*only)
            }
            _ => None,
        }
    }

    /// Whether entry `narrow`'s canonical question asks all that `general`'s does and more,
    /// and the question (its index `terms`) says none of the more.
    fn narrows_unasked(&self, terms: &[u32], general: usize, narrow: usize) -> bool {
        let general = self.entries[general].canonical();
        let narrow = self.entries[narrow].canonical();
        let extra: Vec<&u32> = narrow.iter().filter(|t| !general.contains(t)).collect();
        general.iter().all(|t| narrow.contains(t))
            && !extra.is_empty()
            && extra.iter().all(|t| !terms.contains(t))
    }

    /// Whether the question (its index `terms`) says every word of the entry's canonical
    /// question.
    fn says_canonical(&self, terms: &[u32], e: usize) -> bool {
        let way = self.entries[e].canonical();
        !way.is_empty()
            && way
                .iter()
                .all(|t| Some(*t) == self.home || terms.contains(t))
    }

    /// The question says most of the leader's canonical question (by weight) and clearly more
    /// of it than of the other's: it reads as the leader's own question, reworded.
    fn closer_canonical(&self, terms: &[u32], a: &Scored, b: &Scored) -> bool {
        let share = |e: usize| {
            let (mut said, mut all) = (0.0, 0.0);
            for &t in self.entries[e]
                .canonical()
                .iter()
                .filter(|&&t| Some(t) != self.home)
            {
                let w = self.idf[t as usize];
                all += w;
                if terms.contains(&t) {
                    said += w;
                }
            }
            if all > 0.0 { said / all } else { 0.0 }
        };
        let (sa, sb) = (share(a.entry), share(b.entry));
        a.score >= self.tuning.unsure
            && a.focus >= self.tuning.min_focus
            && sa >= self.tuning.canonical_share
            && sa - sb >= self.tuning.canonical_lead
    }

    /// The question uses words the leader is asked with and the other never is, and none the
    /// other is asked with and the leader never is.
    fn only_one_asked(&self, terms: &[u32], a: &Scored, b: &Scored) -> bool {
        if a.score < self.tuning.unsure || a.focus < self.tuning.min_focus {
            return false;
        }
        let asked = |e: usize, t: u32| {
            self.entries[e]
                .ways
                .iter()
                .any(|(way, _, _)| way.binary_search(&t).is_ok())
        };
        let own = |x: usize, y: usize| {
            terms
                .iter()
                .filter(|&&t| Some(t) != self.home && asked(x, t) && !asked(y, t))
                .count()
        };
        own(a.entry, b.entry) > 0 && own(b.entry, a.entry) == 0
    }

    /// The question (its index `terms`) covers the leader's canonical question whole and not
    /// the other's, which asks about something the question does not mention ("dampak
    /// positif hujan" is not "… di bidang pertanian").
    fn covered_canonical(&self, terms: &[u32], a: &Scored, b: &Scored) -> bool {
        a.score >= self.tuning.unsure
            && a.focus >= self.tuning.min_focus
            && self.says_canonical(terms, a.entry)
            && !self.says_canonical(terms, b.entry)
    }

    /// The entry this index answers `question` with when the chat's own subject has no sure
    /// answer: only a confident answer that also clears `Tuning::elsewhere_confident`, since a
    /// question asked in a chat is most likely about the chat's subject.
    pub fn ask_from_elsewhere(&self, question: &str) -> Option<Scored> {
        let m = self.ask(question);
        m.best
            .filter(|b| m.outcome == Outcome::Answer && b.score >= self.tuning.elsewhere_confident)
    }

    /// Ways of asking that two entries share once read as the index reads them: (entry,
    /// its text, other entry, its text), texts numbered 0 for the question, then each
    /// phrasing. A question asked that way has no one entry that lists it, so the FAQ's
    /// author should reword one of them.
    pub fn shared_ways(&self) -> Vec<(usize, usize, usize, usize)> {
        let mut seen: HashMap<(&[u32], u8), (usize, usize)> = HashMap::default();
        let mut out = Vec::new();
        for (e, entry) in self.entries.iter().enumerate() {
            for (terms, asks, text) in &entry.ways {
                match seen.get(&(terms.as_slice(), *asks)) {
                    Some(&(other, other_text)) if other != e => {
                        out.push((other, other_text, e, *text));
                    }
                    Some(_) => {}
                    None => {
                        seen.insert((terms.as_slice(), *asks), (e, *text));
                    }
                }
            }
        }
        out
    }

    /// The entries that can be among the best three for the question, best first; entries
    /// that share a term but cannot reach the best three are left out.
    pub fn rank(&self, question: &str) -> Vec<Scored> {
        self.rank_counting(question).ranked
    }

    /// Whether `word` (already normalised) is a word of the index vocabulary, exactly as the
    /// FAQ writes it.
    pub fn has_word(&self, word: &str) -> bool {
        self.surface.contains_key(word)
    }

    /// The question as the matcher reads it, to count the ways of asking one thing together
    /// ("knp" and "kenapa", "kerjasama" and "kerja sama"): its question words, then the stems
    /// of its content words, sorted.
    pub fn reading(&self, question: &str) -> String {
        let n = self.norm.normalize(question);
        let mut asks: Vec<&str> = n
            .asks
            .iter()
            .map(|a| match a {
                Asks::When => "kapan",
                Asks::HowMany => "berapa",
                Asks::Who => "siapa",
                Asks::Name => "nama",
                Asks::Where => "di mana",
                Asks::Why => "kenapa",
            })
            .collect();
        asks.sort_unstable();
        asks.dedup();
        let mut stems: Vec<String> = n.words.iter().map(|w| self.norm.stem(w)).collect();
        stems.sort_unstable();
        stems.dedup();
        let words = stems.join(" ");
        if asks.is_empty() {
            words
        } else {
            format!("{}: {words}", asks.join(", "))
        }
    }

    /// Whether some entry is centrally about `term`: its canonical question or keywords have it.
    pub(super) fn is_topic(&self, term: u32) -> bool {
        self.entries
            .iter()
            .any(|e| e.core.binary_search(&term).is_ok())
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
        // Another number is another number, never a typo of one ("2018" is not "2014").
        if word.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if let Some((i, edits)) = self.fuzzy.closest(word) {
            let t = *self.surface.get(self.fuzzy.word(i))?;
            return Some((t, 1.0 - self.tuning.per_edit * edits as f32));
        }
        let t = self.skeletons.term(word)?;
        Some((t, 1.0 - self.tuning.per_edit))
    }
}

/// Whether `answer` numbers its points in words: "Pertama, … Kedua, …".
fn enumerates(answer: &str) -> bool {
    let lower = answer.to_lowercase();
    let mut words = lower.split(|c: char| !c.is_alphanumeric());
    words.any(|w| w == "pertama") && words.any(|w| w == "kedua")
}

/// What `answer` says the meaning of (`subjects_in`) and the names it gives things
/// (`named_in`).
fn defined_in(answer: &str) -> Vec<String> {
    let mut defined = subjects_in(answer);
    defined.extend(names_given_in(answer));
    defined
}

/// The names every sentence of `answer` gives things (`named_in`).
fn names_given_in(answer: &str) -> Vec<String> {
    answer
        .split(['.', '!', '?', ';', ':'])
        .flat_map(named_in)
        .collect()
}

/// Words that, opening a sentence before "adalah", say what something else's example, aim,
/// use, reason, effect or way is ("Contohnya adalah …", "Tujuan LPK adalah …", "Salah satu
/// … adalah …"): the sentence gives that, not the meaning of its opening words.
const OF_ANOTHER: &[&str] = &[
    "contoh", "tujuan", "manfaat", "fungsi", "peran", "alasan", "sebab", "penyebab", "dampak",
    "akibat", "cara", "syarat", "ciri", "kunci", "hasil", "salah",
];

/// What `answer` says the meaning of: the few words opening a sentence before "adalah",
/// "berarti", "merupakan" ("Kerja sama regional adalah …", "LPK (Lembaga Pangan Kawasan)
/// adalah …"), unless they open with what it is of another thing (`OF_ANOTHER`).
fn subjects_in(answer: &str) -> Vec<String> {
    const COPULAS: &[&str] = &["adalah", "berarti", "merupakan", "ialah", "yaitu", "yakni"];
    const MAX_SUBJECT_WORDS: usize = 5;
    let words_of = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let mut defined = Vec::new();
    for sentence in answer.split(['.', '!', '?', ';', ':']) {
        let words = words_of(sentence);
        if let Some(at) = words
            .iter()
            .take(MAX_SUBJECT_WORDS + 1)
            .position(|w| COPULAS.contains(&w.as_str()))
            && at > 0
            && !OF_ANOTHER.contains(&words[0].strip_suffix("nya").unwrap_or(&words[0]))
        {
            defined.push(words[..at].join(" "));
        }
    }
    defined
}

/// The names `answer` gives in two forms, as (short, long): a word in capitals with the
/// name it stands for in brackets, or the other way round ("LPK (Lembaga Pangan Kawasan)",
/// "Aliansi Pelabuhan Kawasan Nusantara (APKN)"), or joined by "adalah", "atau", "yaitu" to a
/// name written in capitals ("FKN adalah Forum Kebudayaan Nusantara", "GPN atau Gabungan
/// Pelajar Nusantara"). "F7 adalah salah satu forum …" spells nothing out, nor does a name
/// that cannot be what the short form stands for (see `stands_for`).
pub(super) fn spelled_out(answer: &str) -> Vec<(String, String)> {
    const LINKS: &[&str] = &["adalah", "atau", "yaitu", "yakni", "merupakan"];
    let mut pairs = Vec::new();
    for sentence in answer.split(['.', '!', '?', ';', ':']) {
        let mut rest = sentence;
        while let Some(open) = rest.find('(') {
            let Some(close) = rest[open..].find(')').map(|c| open + c) else {
                break;
            };
            let before: Vec<&str> = rest[..open].split_whitespace().collect();
            let inner = rest[open + 1..close].trim();
            if let Some(short) = inner.split('/').map(str::trim).find(|w| is_short_form(w)) {
                let long = name_before(&before);
                // A name in lower case ("lembaga nirlaba (LN)"): as many
                // words as the short form has letters.
                let long = if long.is_empty() {
                    let n = short.len().min(before.len());
                    before[before.len() - n..].join(" ")
                } else {
                    long
                };
                pairs.push((short.to_string(), long));
            } else if let Some(short) = before.last().map(|w| bare(w))
                && is_short_form(short)
            {
                pairs.push((short.to_string(), inner.to_string()));
            }
            rest = &rest[close + 1..];
        }
        let words: Vec<&str> = sentence.split_whitespace().collect();
        for (i, link) in words.iter().enumerate() {
            if i == 0 || !LINKS.contains(&bare(link).to_lowercase().as_str()) {
                continue;
            }
            let prev = bare(words[i - 1]);
            let next = words.get(i + 1).map_or("", |w| bare(w));
            let (short, long) = if is_short_form(prev) && !words[i - 1].ends_with(',') {
                (prev, name_after(&words[i + 1..]))
            } else if is_short_form(next) {
                (next, name_before(&words[..i]))
            } else {
                continue;
            };
            if !long.is_empty() {
                pairs.push((short.to_string(), long));
            }
        }
    }
    pairs.retain(|(short, long)| stands_for(short, long));
    pairs
}

/// Whether `long` may be what `short` stands for: a word of it, joining words aside, starts
/// with a letter of the short form. A name translated from another language keeps one
/// ("Organisasi Pangan Dunia" for "WFO"); a description put beside a short form
/// ("MKT adalah Program Beasiswa dari Pemerintah Nusantara") shares none.
fn stands_for(short: &str, long: &str) -> bool {
    let letters = short.to_lowercase();
    long.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !NAME_JOINS.contains(&w.to_lowercase().as_str()))
        .filter_map(|w| w.chars().next())
        .any(|c| c.to_lowercase().any(|c| letters.contains(c)))
}

/// A word without the punctuation around it.
fn bare(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

/// A short form: two to eight capitals or digits, at least one a letter ("LPK", "F7").
fn is_short_form(word: &str) -> bool {
    (2..=8).contains(&word.len())
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && word.chars().any(|c| c.is_ascii_uppercase())
}

/// Words that join the capitalised words of a name ("Program Beasiswa dari Pemerintah Nusantara").
const NAME_JOINS: &[&str] = &["dari", "untuk", "dan", "bagi", "of", "and", "for"];

/// The most words a long form has.
const MAX_NAME_WORDS: usize = 6;

/// Whether `word` may be part of a name written in capitals.
fn in_a_name(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase) || NAME_JOINS.contains(&word)
}

/// A name written in capitals ending the words `before` (at most `MAX_NAME_WORDS`), or "".
fn name_before(before: &[&str]) -> String {
    let run: Vec<&str> = before
        .iter()
        .rev()
        .map(|w| bare(w))
        .take_while(|w| in_a_name(w))
        .take(MAX_NAME_WORDS)
        .collect();
    let mut run: Vec<&str> = run.into_iter().rev().collect();
    while run.first().is_some_and(|w| NAME_JOINS.contains(w)) {
        run.remove(0);
    }
    run.join(" ")
}

/// A name written in capitals opening the words `after`, up to a bracket or comma, or "".
fn name_after(after: &[&str]) -> String {
    let mut run = Vec::new();
    for w in after.iter().take(MAX_NAME_WORDS) {
        if w.starts_with('(') || !in_a_name(bare(w)) {
            break;
        }
        run.push(bare(w));
        if w.ends_with(',') {
            break;
        }
    }
    while run.last().is_some_and(|w| NAME_JOINS.contains(w)) {
        run.pop();
    }
    run.join(" ")
}

/// The names `sentence` gives things: the words after "bernama", "disebut", "dinamakan", up to
/// a comma or bracket, at most three ("tonjolan kecil bernama vili (jonjot usus)" → "vili").
fn named_in(sentence: &str) -> Vec<String> {
    const NAMING: &[&str] = &["bernama", "disebut", "dinamakan", "dijuluki"];
    const MAX_NAME_WORDS: usize = 3;
    sentence
        .split([',', '(', ')'])
        .filter_map(|clause| {
            let words: Vec<String> = clause
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            let at = words.iter().position(|w| NAMING.contains(&w.as_str()))?;
            let name = words[at + 1..].iter().take(MAX_NAME_WORDS);
            Some(name.cloned().collect::<Vec<_>>().join(" "))
        })
        .filter(|name| !name.is_empty())
        .collect()
}

/// The words of `answer`, lowercased.
fn lower_words(answer: &str) -> Vec<String> {
    answer
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The word right after each word of `answer` that `first` accepts, lowercased.
fn words_after(answer: &str, first: impl Fn(&str) -> bool) -> Vec<String> {
    lower_words(answer)
        .windows(2)
        .filter(|w| first(&w[0]))
        .map(|w| w[1].clone())
        .collect()
}

/// Words right after a spelled-out number in `answer` ("lima prinsip" → "prinsip").
fn counted_words(answer: &str) -> Vec<String> {
    words_after(answer, |w| NUMBER_WORDS.contains(&w))
}

/// Words `answer` states a number of: the word right after a figure that is not a year or
/// a number in words ("162 negara", "delapan kawasan", "puluhan ribu pekerja"), a magnitude
/// ("ribu", "juta") skipped, a figure with "%" being one of "persen"; or, where nothing
/// follows the number in its clause ("Bentuk-bentuknya ada tiga, yaitu …"), the words
/// before it in its sentence.
fn quantified_words(answer: &str) -> Vec<String> {
    const NUMBERS: &[&str] = &[
        "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh",
        "sebelas", "seratus", "seribu", "belasan", "puluhan", "ratusan", "ribuan", "jutaan",
    ];
    const MAGNITUDES: &[&str] = &["puluh", "ratus", "ribu", "juta", "miliar", "triliun"];
    const LISTING: &[&str] = &["yaitu", "yakni", "antara", "di"];
    let lower = answer.to_lowercase();
    let mut out = Vec::new();
    for sentence in lower.split(['.', '!', '?', ';']) {
        // Words, and `None` where a clause ends.
        let mut words: Vec<Option<&str>> = Vec::new();
        for piece in sentence.split_inclusive(',') {
            for word in piece.split(|c: char| !c.is_alphanumeric() && c != '%') {
                match word.strip_suffix('%') {
                    Some(figure) if !figure.is_empty() => {
                        words.extend([Some(figure), Some("persen")])
                    }
                    _ => words.extend(word.split('%').filter(|w| !w.is_empty()).map(Some)),
                }
            }
            words.push(None);
        }
        for (i, w) in words.iter().enumerate() {
            let Some(w) = *w else { continue };
            if !(is_figure(w) || NUMBERS.contains(&w)) {
                continue;
            }
            let mut rest = words[i + 1..]
                .iter()
                .skip_while(|w| w.is_some_and(|w| MAGNITUDES.contains(&w)));
            match rest.next() {
                Some(Some(next)) if !LISTING.contains(next) => out.push(next.to_string()),
                _ => out.extend(words[..i].iter().flatten().map(|w| w.to_string())),
            }
        }
    }
    out
}

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
pub(super) fn is_year(w: &str) -> bool {
    w.len() == 4
        && (w.starts_with("19") || w.starts_with("20"))
        && w.bytes().all(|b| b.is_ascii_digit())
}

/// Months as written in Indonesian, for answers that say a date.
const MONTHS: &[&str] = &[
    "januari",
    "februari",
    "maret",
    "april",
    "mei",
    "juni",
    "juli",
    "agustus",
    "september",
    "oktober",
    "november",
    "desember",
];

/// Whether a word is a figure: digits that are not a year ("11", "17", "162").
fn is_figure(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()) && !is_year(w)
}

/// The clauses of `answer` that state a figure: its sentences, cut where a contrast opens
/// ("…, sementara impor …", "…, sedangkan …"), so that a figure is about what its own clause
/// says ("ekspor … meningkat lebih dari 11%") and not about the rest of the sentence.
fn figure_clauses(answer: &str) -> Vec<String> {
    const CONTRASTS: &[&str] = &["sementara", "sedangkan", "namun", "tetapi", "padahal"];
    let mut clauses = Vec::new();
    for sentence in answer.split(['.', '!', '?', ';']) {
        let mut clause: Vec<&str> = Vec::new();
        for word in sentence.split_whitespace() {
            let bare = word
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            if CONTRASTS.contains(&bare.as_str()) && !clause.is_empty() {
                clauses.push(clause.join(" "));
                clause.clear();
            }
            clause.push(word);
        }
        clauses.push(clause.join(" "));
    }
    clauses.retain(|c| {
        c.to_lowercase()
            .split(|ch: char| !ch.is_alphanumeric())
            .any(is_figure)
    });
    clauses
}

/// Words that rank one thing above others: a superlative ("paling", "terbesar"), a first place
/// ("pertama", "nomor satu"), the chief one ("utama", "kunci"), a comparison ("lebih").
const RANKING: &[&str] = &[
    "paling",
    "terbesar",
    "terbanyak",
    "tertinggi",
    "terpenting",
    "terkuat",
    "terbaik",
    "terutama",
    "teratas",
    "terdepan",
    "terluas",
    "terlama",
    "terakhir",
    "terkecil",
    "terendah",
    "pertama",
    "nomor",
    "utama",
    "kunci",
    "lebih",
];

/// Whether `answer` ranks something (`RANKING`).
fn ranks_something(answer: &str) -> bool {
    answer
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| RANKING.contains(&w))
}

/// Whether `answer` speaks of the future: "masa depan", "ke depan", "kedepannya",
/// "mendatang" or "kelak" ("akan" alone is too common: "negara akan mendapat …").
fn speaks_of_future(answer: &str) -> bool {
    let words = lower_words(answer);
    words
        .iter()
        .any(|w| ["mendatang", "kelak", "kedepan", "kedepannya"].contains(&w.as_str()))
        || words
            .windows(2)
            .any(|w| ["masa", "ke"].contains(&w[0].as_str()) && w[1].starts_with("depan"))
}

/// Whether `answer` says something is not only so: "bukan"/"tidak" before a word for "only"
/// ("bukan hanya", "tidak sekadar"), "melainkan", or "tidak selalu".
fn says_not_only(answer: &str) -> bool {
    const ONLY: &[&str] = &["hanya", "cuma", "sekadar", "semata", "sebatas", "selalu"];
    let words = lower_words(answer);
    let not = |w: &str| ["bukan", "tidak"].contains(&w);
    let only = |w: &str| ONLY.contains(&w);
    words.iter().any(|w| w == "melainkan")
        || words.windows(2).any(|w| not(&w[0]) && only(&w[1]))
        // "bukan lagi sekadar …"
        || words
            .windows(3)
            .any(|w| not(&w[0]) && w[1] == "lagi" && only(&w[2]))
}

/// The words right after "selain" in `answer` ("Selain perjanjian bilateral …" → perjanjian).
fn besides_in(answer: &str) -> Vec<String> {
    words_after(answer, |w| w == "selain")
}

/// Whether an answer says a time on the calendar: a year or a month.
fn says_a_date(answer: &str) -> bool {
    answer
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| is_year(w) || MONTHS.contains(&w))
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
    if words.iter().any(|w| *w == "oleh" || *w == "menurut") {
        asks.push(Asks::Who);
    }
    let count = words.iter().any(|w| is_figure(w));
    if count {
        asks.push(Asks::HowMany);
    }
    if words.iter().any(|w| TIMES.contains(w)) {
        asks.push(Asks::When);
    }
    asks
}
