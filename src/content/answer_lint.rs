//! FAQ lint: answers that hide their answer. An answer leads with what its canonical question
//! asks, keeps to four sentences, gives a reason first when the question asks why, and never
//! speaks of "the article", which a student never sees (the source is cited under every
//! answer). Pure; `kelasbot check` reports it and the content test holds every pack to it.

use serde::Serialize;

use super::FaqEntry;

/// The most sentences an answer should take.
pub const MAX_SENTENCES: usize = 4;

/// Words that open or carry a reason in Indonesian.
const REASON_WORDS: &[&str] = &[
    "karena",
    "sebab",
    "disebabkan",
    "agar",
    "supaya",
    "untuk",
    "demi",
    "sehingga",
    "akibat",
];

/// Words that ask why.
const WHY_WORDS: &[&str] = &["kenapa", "mengapa"];

/// What is wrong with one answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flaw {
    /// More than [`MAX_SENTENCES`] sentences.
    TooLong,
    /// The question asks why and the first sentence gives no reason.
    WhyWithoutReason,
    /// The answer speaks of the article.
    SpeaksOfArticle,
}

impl Flaw {
    pub fn describe(self) -> &'static str {
        match self {
            Flaw::TooLong => "the answer takes more than four sentences",
            Flaw::WhyWithoutReason => {
                "the question asks why and the answer's first sentence gives no reason"
            }
            Flaw::SpeaksOfArticle => {
                "the answer speaks of \"the article\", which a student never sees; its source is \
                 cited under it"
            }
        }
    }
}

/// The words of `text`, lowercased, split at anything that is not a letter or digit.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// The sentences of `text`: it breaks after `.`, `!` or `?` followed by a space and a capital
/// letter or digit, unless the full stop ends a single capital (an initial, as in "Wilbert E.
/// Moore") or a common abbreviation.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let next_is_space = chars.get(k + 1).is_some_and(|&(_, n)| n.is_whitespace());
        let then_capital = chars
            .iter()
            .skip(k + 1)
            .find(|(_, n)| !n.is_whitespace())
            .is_some_and(|&(_, n)| n.is_uppercase() || n.is_ascii_digit() || n == '"');
        if !next_is_space || !then_capital {
            continue;
        }
        let before = &text[start..i];
        let last = before
            .rsplit(|ch: char| ch.is_whitespace() || ch == '(')
            .next()
            .unwrap_or("");
        let initial = c == '.' && last.chars().count() == 1 && last.chars().all(char::is_uppercase);
        let abbreviation =
            c == '.' && ["dll", "dsb", "dst", "dkk", "misal", "mis", "no", "hlm"].contains(&last);
        if initial || abbreviation {
            continue;
        }
        let end = i + c.len_utf8();
        out.push(text[start..end].trim());
        start = end;
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// The flaws of one entry's answer.
pub fn entry(e: &FaqEntry) -> Vec<Flaw> {
    let mut out = Vec::new();
    let answer = sentences(&e.answer);
    if answer.len() > MAX_SENTENCES {
        out.push(Flaw::TooLong);
    }
    let asks_why = words(&e.question).any(|w| WHY_WORDS.contains(&w.as_str()));
    let first = answer.first().copied().unwrap_or("");
    if asks_why && !words(first).any(|w| REASON_WORDS.contains(&w.as_str())) {
        out.push(Flaw::WhyWithoutReason);
    }
    if words(&e.answer).any(|w| w == "artikel") {
        out.push(Flaw::SpeaksOfArticle);
    }
    out
}

/// A FAQ's figures: how many answers have each flaw.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FaqFigures {
    pub entries: usize,
    pub too_long: usize,
    pub why_without_reason: usize,
    pub speaks_of_article: usize,
}

impl FaqFigures {
    pub fn of(faq: &[FaqEntry]) -> FaqFigures {
        let mut f = FaqFigures {
            entries: faq.len(),
            ..FaqFigures::default()
        };
        for e in faq {
            for flaw in entry(e) {
                *match flaw {
                    Flaw::TooLong => &mut f.too_long,
                    Flaw::WhyWithoutReason => &mut f.why_without_reason,
                    Flaw::SpeaksOfArticle => &mut f.speaks_of_article,
                } += 1;
            }
        }
        f
    }

    /// Whether no answer has a flaw.
    pub fn clean(&self) -> bool {
        self.too_long + self.why_without_reason + self.speaks_of_article == 0
    }

    /// One line for `kelasbot check`.
    pub fn line(&self) -> String {
        format!(
            "faq lint: {} answers · over four sentences {} · \"kenapa\" without a reason first {} \
             · speaking of the article {}",
            self.entries, self.too_long, self.why_without_reason, self.speaks_of_article
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(question: &str, answer: &str) -> FaqEntry {
        FaqEntry {
            id: "entri".into(),
            topic: "t".into(),
            question: question.into(),
            phrasings: Vec::new(),
            keywords: Vec::new(),
            answer: answer.into(),
            source: "a.txt".into(),
        }
    }

    #[test]
    fn sentences_break_at_full_stops_but_not_at_initials_or_abbreviations() {
        let text = "Menurut Wilbert E. Moore, ini benar. Contohnya buku, pensil, dll. Lalu? Ya! \
                    Angka 3.5 tetap satu.";
        assert_eq!(
            sentences(text),
            vec![
                "Menurut Wilbert E. Moore, ini benar.",
                "Contohnya buku, pensil, dll. Lalu?",
                "Ya!",
                "Angka 3.5 tetap satu."
            ]
        );
    }

    #[test]
    fn a_short_answer_that_leads_with_the_reason_is_clean() {
        let ok = e(
            "Kenapa negara bekerja sama?",
            "Karena tidak ada negara yang bisa memenuhi semua kebutuhannya sendiri. Itu saja.",
        );
        assert!(entry(&ok).is_empty());
    }

    #[test]
    fn each_flaw_is_found() {
        let long = e("Apa itu X?", "Satu. Dua. Tiga. Empat. Lima.");
        assert_eq!(entry(&long), vec![Flaw::TooLong]);
        let why = e(
            "Mengapa X penting?",
            "X adalah hal yang besar. Karena itu X penting.",
        );
        assert_eq!(entry(&why), vec![Flaw::WhyWithoutReason]);
        let article = e("Apa itu X?", "Artikel menyebut X sebagai contoh.");
        assert_eq!(entry(&article), vec![Flaw::SpeaksOfArticle]);
        let f = FaqFigures::of(&[long, why, article]);
        assert_eq!(
            (
                f.entries,
                f.too_long,
                f.why_without_reason,
                f.speaks_of_article
            ),
            (3, 1, 1, 1)
        );
        assert!(!f.clean());
    }
}
