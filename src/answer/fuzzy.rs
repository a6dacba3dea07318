//! Typo tolerance: finds the index word closest to a misspelt one.
//!
//! Candidates come from a deletion index (every word with up to `Tuning::max_edits` letters
//! removed), so a lookup touches a handful of words instead of the whole vocabulary; each
//! candidate is then confirmed with `strsim`'s optimal-string-alignment distance (a swap of two
//! letters is one edit). Short words get stricter limits than long ones: "ga" must not become
//! "gas".

use super::HashMap;

use super::Tuning;

/// How many edits a word of `chars` characters may be away from its correction (the limits
/// are `Tuning::min_fuzzy_chars`, `two_edit_chars` and `max_edits`).
pub fn allowed_edits(chars: usize, t: &Tuning) -> usize {
    if chars < t.min_fuzzy_chars {
        0
    } else if chars < t.two_edit_chars {
        1
    } else {
        t.max_edits
    }
}

pub struct FuzzyIndex {
    words: Vec<String>,
    /// Deletion variant → indices into `words`.
    deletes: HashMap<String, Vec<u32>>,
    tuning: Tuning,
}

impl FuzzyIndex {
    pub fn build(words: Vec<String>, tuning: Tuning) -> FuzzyIndex {
        let mut deletes: HashMap<String, Vec<u32>> = HashMap::default();
        for (i, w) in words.iter().enumerate() {
            if w.chars().count() < tuning.min_fuzzy_chars {
                continue;
            }
            each_deletion(w, tuning.max_edits, &mut |variant| {
                let list = deletes.entry(variant.to_string()).or_default();
                // A variant the word makes twice is listed once.
                if list.last() != Some(&(i as u32)) {
                    list.push(i as u32);
                }
            });
        }
        FuzzyIndex {
            words,
            deletes,
            tuning,
        }
    }

    pub fn word(&self, i: u32) -> &str {
        &self.words[i as usize]
    }

    /// The closest indexed word within the allowed edits, with its distance. A short word, or
    /// one two edits away, is only corrected to one with the same first letter; ties go to the
    /// candidate sharing the first letter, then to the earlier word.
    pub fn closest(&self, word: &str) -> Option<(u32, usize)> {
        self.closest_within(word, self.tuning.max_edits)
    }

    /// `closest`, with at most `max` edits whatever the word's length.
    pub fn closest_within(&self, word: &str, max: usize) -> Option<(u32, usize)> {
        let chars = word.chars().count();
        let allowed = allowed_edits(chars, &self.tuning).min(max);
        if allowed == 0 {
            return None;
        }
        let first = word.chars().next();
        let mut best: Option<(u32, usize, bool)> = None;
        // The best is the least (distance, other first letter, word) whatever the order the
        // candidates come in, so a variant met twice ("ttp" less either "t") does no harm.
        each_deletion(word, allowed, &mut |variant| {
            let Some(list) = self.deletes.get(variant) else {
                return;
            };
            for &i in list {
                let candidate = &self.words[i as usize];
                if candidate.chars().count().abs_diff(chars) > allowed {
                    continue;
                }
                let d = strsim::osa_distance(word, candidate);
                if d == 0 || d > allowed {
                    continue;
                }
                let same_first = candidate.chars().next() == first;
                // Two typos and one of them the first letter: another word more likely
                // ("urbanisasi" is not "organisasi").
                if !same_first && (chars < self.tuning.free_first_chars || d >= 2) {
                    continue;
                }
                let better = match best {
                    None => true,
                    Some((bi, bd, bf)) => (d, !same_first, i) < (bd, !bf, bi),
                };
                if better {
                    best = Some((i, d, same_first));
                }
            }
        });
        best.map(|(i, d, _)| (i, d))
    }
}

/// Chat shortens words by dropping their vowels: "pmrnth" for "pemerintah", "ttp" for
/// "tetap", "netrl" for "netral". `Skeletons` finds the index word a shortened word stands for
/// by comparing consonant skeletons (the first letter, then the other letters that are not
/// vowels). A word is only read as shortened when it keeps few vowels after its first letter
/// (`Tuning::max_kept_vowels`) and fewer than the word it stands for, and only when its
/// skeleton names one term.
pub struct Skeletons {
    /// Skeleton → the term it stands for, or `None` when words of different terms share it.
    terms: HashMap<String, Option<(u32, usize)>>,
    tuning: Tuning,
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'i' | 'u' | 'e' | 'o')
}

/// The first letter, then the word's other letters that are not vowels; and how many vowels
/// were dropped.
pub fn skeleton(word: &str) -> (String, usize) {
    let mut chars = word.chars();
    let mut out = String::new();
    let mut vowels = 0;
    if let Some(first) = chars.next() {
        out.push(first);
    }
    for c in chars {
        if is_vowel(c) {
            vowels += 1;
        } else {
            out.push(c);
        }
    }
    (out, vowels)
}

impl Skeletons {
    /// From (word, term) pairs; words that are only letters, with a readable skeleton, count.
    pub fn build<'a>(words: impl IntoIterator<Item = (&'a str, u32)>, tuning: Tuning) -> Skeletons {
        let mut terms: HashMap<String, Option<(u32, usize)>> = HashMap::default();
        for (word, term) in words {
            let Some((skel, vowels)) = readable_skeleton(word, &tuning) else {
                continue;
            };
            terms
                .entry(skel)
                .and_modify(|slot| {
                    *slot = match *slot {
                        Some((t, v)) if t == term => Some((t, v.min(vowels))),
                        _ => None,
                    }
                })
                .or_insert(Some((term, vowels)));
        }
        Skeletons { terms, tuning }
    }

    /// The term a shortened word stands for, if it is read as shortened and its skeleton
    /// names exactly one term.
    pub fn term(&self, word: &str) -> Option<u32> {
        let (skel, vowels) = shortened(word, &self.tuning)?;
        let (term, full_vowels) = (*self.terms.get(&skel)?)?;
        (full_vowels > vowels).then_some(term)
    }
}

/// The skeleton of a word that may be a shortened form (only letters, few enough vowels after
/// the first letter, a skeleton long enough to read), with its vowel count.
pub fn shortened(word: &str, t: &Tuning) -> Option<(String, usize)> {
    readable_skeleton(word, t).filter(|&(_, vowels)| vowels <= t.max_kept_vowels)
}

/// The skeleton and vowel count of a word made only of letters whose skeleton is long
/// enough to read.
fn readable_skeleton(word: &str, t: &Tuning) -> Option<(String, usize)> {
    if !word.chars().all(|c| c.is_alphabetic()) {
        return None;
    }
    let (skel, vowels) = skeleton(word);
    (skel.chars().count() >= t.min_skeleton_chars).then_some((skel, vowels))
}

/// Calls `f` with the word itself and every string made by deleting up to `max` of its
/// characters (never all of them), without collecting them: a string that two sets of
/// deletions make alike ("ttp" less either "t") comes once for each.
fn each_deletion(word: &str, max: usize, f: &mut dyn FnMut(&str)) {
    let chars: Vec<char> = word.chars().collect();
    let mut deleted: Vec<usize> = Vec::with_capacity(max);
    let mut variant = String::with_capacity(word.len());
    each_deletion_from(&chars, 0, max, &mut deleted, &mut variant, f);
}

/// `each_deletion` with the positions in `deleted` taken out and up to `left` more deleted at
/// `from` or after.
fn each_deletion_from(
    chars: &[char],
    from: usize,
    left: usize,
    deleted: &mut Vec<usize>,
    variant: &mut String,
    f: &mut dyn FnMut(&str),
) {
    variant.clear();
    variant.extend(
        chars
            .iter()
            .enumerate()
            .filter(|(i, _)| !deleted.contains(i))
            .map(|(_, &c)| c),
    );
    f(variant);
    if left == 0 || chars.len() - deleted.len() <= 1 {
        return;
    }
    for at in from..chars.len() {
        deleted.push(at);
        each_deletion_from(chars, at + 1, left - 1, deleted, variant, f);
        deleted.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> FuzzyIndex {
        FuzzyIndex::build(
            [
                "bilateral",
                "multilateral",
                "regional",
                "akulturasi",
                "prinsip",
                "gas",
                "negara",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
            Tuning::default(),
        )
    }

    fn closest(word: &str) -> Option<String> {
        let idx = index();
        idx.closest(word).map(|(i, _)| idx.word(i).to_string())
    }

    #[test]
    fn corrects_typos_within_the_length_limit() {
        assert_eq!(closest("bilatral").as_deref(), Some("bilateral"));
        assert_eq!(closest("multilatral").as_deref(), Some("multilateral"));
        assert_eq!(closest("mulitlateral").as_deref(), Some("multilateral"));
        assert_eq!(closest("rgional").as_deref(), Some("regional"));
        assert_eq!(closest("akulturasi").as_deref(), None);
        assert_eq!(closest("akultursi").as_deref(), Some("akulturasi"));
        assert_eq!(closest("prinsp").as_deref(), Some("prinsip"));
    }

    fn variants(word: &str, max: usize) -> Vec<String> {
        let mut out = Vec::new();
        each_deletion(word, max, &mut |v| out.push(v.to_string()));
        out.sort();
        out
    }

    #[test]
    fn every_deletion_up_to_the_limit_is_made_and_never_the_empty_word() {
        let words = |ws: &[&str]| {
            let mut ws: Vec<String> = ws.iter().map(|w| w.to_string()).collect();
            ws.sort();
            ws
        };
        assert_eq!(variants("abc", 0), words(&["abc"]));
        assert_eq!(variants("abc", 1), words(&["abc", "bc", "ac", "ab"]));
        assert_eq!(
            variants("abc", 2),
            words(&["abc", "bc", "ac", "ab", "c", "b", "a"])
        );
        assert_eq!(variants("ab", 2), words(&["ab", "b", "a"]));
        // Alike deletions come once each: the caller may meet a string twice.
        assert_eq!(variants("ttp", 1), words(&["ttp", "tp", "tp", "tt"]));
        assert_eq!(variants("é", 1), words(&["é"]));
    }

    #[test]
    fn short_words_and_far_words_are_left_alone() {
        assert_eq!(closest("ga"), None);
        assert_eq!(closest("gs"), None);
        // Two edits away, but only seven letters long: one edit is the limit.
        assert_eq!(closest("prnsp"), None);
        assert_eq!(closest("nasional"), None);
        // An exact word is not a correction.
        assert_eq!(closest("negara"), None);
        // A short word whose first letter differs is another word, not a typo.
        assert_eq!(closest("sgas"), None);
        assert_eq!(closest("xgara"), None);
        // From six letters on, the first letter may be the typo.
        assert_eq!(closest("ekulturasi"), Some("akulturasi".to_string()));
        assert_eq!(closest("hegara"), Some("negara".to_string()));
        // Two edits, one of them the first letter: another word ("urbanisasi" is not
        // "organisasi"). Two edits elsewhere are still read.
        assert_eq!(closest("ekultursi"), None);
        assert_eq!(closest("akultrsi"), Some("akulturasi".to_string()));
    }

    #[test]
    fn skeletons_read_words_typed_without_vowels() {
        let s = Skeletons::build(
            [
                ("pemerintah", 1),
                ("tetap", 2),
                ("negara", 3),
                ("negeri", 4),
                ("bebas", 5),
                ("bebasnya", 5),
            ],
            Tuning::default(),
        );
        assert_eq!(s.term("pmrnth"), Some(1));
        assert_eq!(s.term("pmrinth"), Some(1));
        assert_eq!(s.term("ttp"), Some(2));
        assert_eq!(s.term("bbs"), Some(5));
        // "ngr" is negara or negeri: not read.
        assert_eq!(s.term("ngr"), None);
        // Two vowels kept is a word, not a shortening; too short a skeleton says nothing.
        assert_eq!(s.term("pemrntah"), None);
        assert_eq!(s.term("tp"), None);
        // Not fewer vowels than the word: not a shortening of it.
        let kpk = Skeletons::build([("kpk", 7)], Tuning::default());
        assert_eq!(kpk.term("kpk"), None);
    }

    #[test]
    fn limits_grow_with_length() {
        let t = Tuning::default();
        assert_eq!(allowed_edits(3, &t), 0);
        assert_eq!(allowed_edits(4, &t), 1);
        assert_eq!(allowed_edits(7, &t), 1);
        assert_eq!(allowed_edits(8, &t), 2);
    }
}
