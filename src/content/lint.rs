//! Quiz lint: items whose right option gives itself away by its length or shape, and options
//! that cannot stand shuffled. Pure; `kelasbot check` reports it and the content test holds
//! a pack's bank to its limits.

use serde::Serialize;

use super::QuizItem;

/// The share of a bank's items whose right option may be strictly the longest (or strictly
/// the shortest): with four options of like length, chance is about a quarter.
pub const MAX_EXTREME_SHARE: f64 = 0.30;
/// The right option is this many times the mean wrong option's length, or longer …
pub const LONG_RATIO: f64 = 1.4;
/// … or this many times, or shorter.
pub const SHORT_RATIO: f64 = 0.6;

/// What gives an item away, or makes it unfit to shuffle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Giveaway {
    /// The right option is strictly the longest (a giveaway only when too many items do it).
    Longest,
    /// The right option is strictly the shortest (likewise).
    Shortest,
    /// The right option is far longer than the wrong ones on average.
    MuchLonger,
    /// The right option is far shorter than the wrong ones on average.
    MuchShorter,
    /// Only the right option is a list ("X, Y, dan Z").
    OnlyList,
    /// Two options are the same once case, spaces and punctuation are set aside.
    SameOptions,
    /// An option points at other options ("semua benar", "A dan B"), which shuffling breaks.
    RefersToOthers,
}

impl Giveaway {
    /// Whether one item alone is a problem (the first two are only in aggregate).
    pub fn alone(self) -> bool {
        !matches!(self, Giveaway::Longest | Giveaway::Shortest)
    }

    pub fn describe(self) -> &'static str {
        match self {
            Giveaway::Longest => "the right option is the longest",
            Giveaway::Shortest => "the right option is the shortest",
            Giveaway::MuchLonger => {
                "the right option is 1.4 times the wrong ones' mean length or more"
            }
            Giveaway::MuchShorter => {
                "the right option is 0.6 times the wrong ones' mean length or less"
            }
            Giveaway::OnlyList => "only the right option is a list (\"X, Y, dan Z\")",
            Giveaway::SameOptions => "two options are the same",
            Giveaway::RefersToOthers => {
                "an option refers to other options, which are shuffled (\"semua benar\", \"A dan B\")"
            }
        }
    }
}

/// What the lint found in one item.
pub fn item(q: &QuizItem) -> Vec<Giveaway> {
    // The right option against the others: longest or shortest, far from their mean length,
    // the only list; then what breaks shuffling.
    let mut out = Vec::new();
    let Some(right) = q.options.get(q.answer) else {
        return out;
    };
    let len = |s: &str| s.trim().chars().count();
    let wrong: Vec<&String> = q
        .options
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != q.answer)
        .map(|(_, o)| o)
        .collect();
    if wrong.is_empty() {
        return out;
    }
    let r = len(right);
    if wrong.iter().all(|w| len(w) < r) {
        out.push(Giveaway::Longest);
    }
    if wrong.iter().all(|w| len(w) > r) {
        out.push(Giveaway::Shortest);
    }
    let mean = wrong.iter().map(|w| len(w) as f64).sum::<f64>() / wrong.len() as f64;
    if mean > 0.0 {
        let ratio = r as f64 / mean;
        if ratio >= LONG_RATIO {
            out.push(Giveaway::MuchLonger);
        } else if ratio <= SHORT_RATIO {
            out.push(Giveaway::MuchShorter);
        }
    }
    if is_list(right) && !wrong.iter().any(|w| is_list(w)) {
        out.push(Giveaway::OnlyList);
    }
    let keys: Vec<String> = q.options.iter().map(|o| normalised(o)).collect();
    if keys
        .iter()
        .enumerate()
        .any(|(i, k)| keys[i + 1..].contains(k))
    {
        out.push(Giveaway::SameOptions);
    }
    if q.options.iter().any(|o| refers_to_others(o)) {
        out.push(Giveaway::RefersToOthers);
    }
    out
}

/// What gives item `q` away on its own (not counting the bank-wide longest/shortest shares),
/// described for a content writer.
pub fn item_problems(q: &QuizItem) -> Vec<&'static str> {
    item(q)
        .into_iter()
        .filter(|g| g.alone())
        .map(Giveaway::describe)
        .collect()
}

/// "X, Y, dan Z", "X, Y dan Z", "X, Y, serta Z", "X, Y, atau Z": three or more things listed.
fn is_list(option: &str) -> bool {
    let lower = option.to_lowercase();
    let Some((_, last)) = lower.rsplit_once(',') else {
        return false;
    };
    let last = format!(" {}", last.trim_start());
    [" dan ", " serta ", " atau "]
        .iter()
        .any(|c| last.contains(c))
}

/// Lowercase letters and digits only.
fn normalised(option: &str) -> String {
    option
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// "Semua benar", "semua jawaban benar", "jawaban di atas", "A dan B", "A, B, dan C",
/// "tidak ada yang benar".
fn refers_to_others(option: &str) -> bool {
    let lower = option.trim().to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let phrase = |p: &str| format!(" {} ", words.join(" ")).contains(&format!(" {p} "));
    if [
        "semua benar",
        "benar semua",
        "semua jawaban",
        "semua pilihan",
        "jawaban di atas",
        "pilihan di atas",
        "di atas benar",
        "tidak ada yang benar",
        "semua salah",
    ]
    .iter()
    .any(|p| phrase(p))
    {
        return true;
    }
    // Options named by their letters: "A dan B", "B, C, dan D".
    let letters = words
        .iter()
        .filter(|w| matches!(**w, "a" | "b" | "c" | "d"))
        .count();
    letters >= 2
        && words.iter().all(|w| {
            matches!(
                *w,
                "a" | "b" | "c" | "d" | "dan" | "atau" | "serta" | "saja"
            )
        })
}

/// A bank's figures: how often each giveaway occurs.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BankFigures {
    pub items: usize,
    pub longest: usize,
    pub shortest: usize,
    pub much_longer: usize,
    pub much_shorter: usize,
    pub only_list: usize,
    pub same_options: usize,
    pub refers_to_others: usize,
}

impl BankFigures {
    pub fn of(quiz: &[QuizItem]) -> BankFigures {
        let mut f = BankFigures {
            items: quiz.len(),
            ..BankFigures::default()
        };
        for q in quiz {
            for g in item(q) {
                *match g {
                    Giveaway::Longest => &mut f.longest,
                    Giveaway::Shortest => &mut f.shortest,
                    Giveaway::MuchLonger => &mut f.much_longer,
                    Giveaway::MuchShorter => &mut f.much_shorter,
                    Giveaway::OnlyList => &mut f.only_list,
                    Giveaway::SameOptions => &mut f.same_options,
                    Giveaway::RefersToOthers => &mut f.refers_to_others,
                } += 1;
            }
        }
        f
    }

    fn share(&self, n: usize) -> f64 {
        if self.items == 0 {
            0.0
        } else {
            n as f64 / self.items as f64
        }
    }

    /// The bank-wide shares this bank breaks (the right option the longest or the shortest
    /// too often), as sentences.
    pub fn share_limits(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (n, what) in [(self.longest, "longest"), (self.shortest, "shortest")] {
            if self.share(n) > MAX_EXTREME_SHARE {
                out.push(format!(
                    "the right option is the {what} in {:.0}% of the items (at most {:.0}%)",
                    100.0 * self.share(n),
                    100.0 * MAX_EXTREME_SHARE
                ));
            }
        }
        out
    }

    /// Every limit this bank breaks, as sentences; empty when it keeps them all.
    pub fn over_limits(&self) -> Vec<String> {
        let mut out = self.share_limits();
        for (n, what) in [
            (self.much_longer, Giveaway::MuchLonger),
            (self.much_shorter, Giveaway::MuchShorter),
            (self.only_list, Giveaway::OnlyList),
            (self.same_options, Giveaway::SameOptions),
            (self.refers_to_others, Giveaway::RefersToOthers),
        ] {
            if n > 0 {
                out.push(format!("{n} item(s): {}", what.describe()));
            }
        }
        out
    }

    /// One line for `kelasbot check`.
    pub fn line(&self) -> String {
        let pct = |n| 100.0 * self.share(n);
        format!(
            "quiz lint: right option longest {:.0}%, shortest {:.0}% (each at most {:.0}%) · \
             length outliers {} · only list {} · same options {} · referring options {}",
            pct(self.longest),
            pct(self.shortest),
            100.0 * MAX_EXTREME_SHARE,
            self.much_longer + self.much_shorter,
            self.only_list,
            self.same_options,
            self.refers_to_others
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Difficulty;

    fn q(options: &[&str], answer: usize) -> QuizItem {
        QuizItem {
            id: "soal".into(),
            topic: "t".into(),
            difficulty: Difficulty::Mudah,
            question: "Pertanyaan?".into(),
            options: options.iter().map(|o| o.to_string()).collect(),
            answer,
            explanation: "Karena.".into(),
            source: "a.txt".into(),
        }
    }

    #[test]
    fn a_balanced_item_gives_nothing_away() {
        let item = q(
            &[
                "kerja sama dua negara",
                "kerja sama tiga negara",
                "kerja sama satu kawasan",
                "kerja sama banyak negara",
            ],
            1,
        );
        assert_eq!(super::item(&item), []);
    }

    #[test]
    fn length_and_shape_giveaways_are_named() {
        let long = q(
            &["a", "bb", "saling menghormati kedaulatan negara", "cc"],
            2,
        );
        let found = item(&long);
        assert!(found.contains(&Giveaway::Longest) && found.contains(&Giveaway::MuchLonger));
        let short = q(
            &[
                "ya",
                "saling menghormati kedaulatan",
                "tidak mencampuri urusan",
                "saling menguntungkan semua",
            ],
            0,
        );
        assert!(item(&short).contains(&Giveaway::MuchShorter));
        assert!(item(&short).contains(&Giveaway::Shortest));
        let list = q(
            &[
                "ekonomi, politik, dan budaya",
                "hanya ekonomi saja di sini",
                "hanya politik di kawasan",
                "hanya budaya saja dong",
            ],
            0,
        );
        assert!(item(&list).contains(&Giveaway::OnlyList));
        let lists = q(
            &[
                "ekonomi, politik, dan budaya",
                "ekonomi, hukum, dan agama",
                "hanya politik di kawasan",
                "hanya budaya saja dong",
            ],
            0,
        );
        assert!(!item(&lists).contains(&Giveaway::OnlyList));
        let same = q(&["Bilateral.", "bilateral", "regional", "multilateral"], 2);
        assert!(item(&same).contains(&Giveaway::SameOptions));
        for refers in [
            "Semua benar",
            "A dan B",
            "B, C, dan D",
            "jawaban di atas benar semua",
        ] {
            let it = q(&["bilateral", "regional", "multilateral", refers], 0);
            assert!(item(&it).contains(&Giveaway::RefersToOthers), "{refers}");
        }
        let fine = q(
            &["bilateral", "regional", "multilateral", "hutan dan sungai"],
            0,
        );
        assert!(!item(&fine).contains(&Giveaway::RefersToOthers));
    }

    #[test]
    fn a_bank_is_held_to_its_shares_and_to_no_single_giveaway() {
        let balanced = q(
            &["dua negara", "tiga negara", "satu kawasan", "banyak negara"],
            0,
        );
        let longest = q(
            &[
                "kerja sama dua negara",
                "tiga negara",
                "satu kawasan",
                "banyak negara",
            ],
            0,
        );
        // Three in ten items with the longest right option is within the limit; four is not.
        let mut bank: Vec<QuizItem> = vec![balanced.clone(); 7];
        bank.extend(vec![longest.clone(); 3]);
        let f = BankFigures::of(&bank);
        assert_eq!((f.items, f.longest), (10, 3));
        assert!(
            f.over_limits().iter().all(|l| !l.contains("longest")),
            "{:?}",
            f.over_limits()
        );
        bank[0] = longest;
        let f = BankFigures::of(&bank);
        assert!(f.over_limits().iter().any(|l| l.contains("longest in 40%")));
        // The shares alone, without the items that give themselves away one by one.
        let shares = f.share_limits();
        assert!(
            shares
                .iter()
                .all(|l| l.starts_with("the right option is the"))
        );
        assert!(f.over_limits().len() > shares.len());
        assert!(f.line().starts_with("quiz lint: right option longest 40%"));
    }
}
