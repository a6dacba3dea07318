//! Turns text as students type it into comparable terms: case and punctuation folded, chat
//! abbreviations expanded, stopwords dropped, affixes stripped, and the question word noted.

use std::collections::HashSet;

use snowball_stemmers_rs::{Algorithm, Stemmer};

/// What kind of fact a question asks for. Only the specific kinds constrain matching: a
/// "kapan" question is not answered by an entry that never says when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Asks {
    When,
    HowMany,
    Who,
    Where,
}

/// Chat spellings and abbreviations, mapped to the standard words (one or more).
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("yg", "yang"),
    ("yng", "yang"),
    ("dgn", "dengan"),
    ("dg", "dengan"),
    ("dng", "dengan"),
    ("gmn", "bagaimana"),
    ("gmna", "bagaimana"),
    ("gimana", "bagaimana"),
    ("bgmn", "bagaimana"),
    ("bgmna", "bagaimana"),
    ("gmana", "bagaimana"),
    ("knp", "kenapa"),
    ("knapa", "kenapa"),
    ("napa", "kenapa"),
    ("ngapa", "kenapa"),
    ("mengapa", "kenapa"),
    ("bgt", "banget"),
    ("tdk", "tidak"),
    ("gak", "tidak"),
    ("ga", "tidak"),
    ("gk", "tidak"),
    ("nggak", "tidak"),
    ("ngga", "tidak"),
    ("enggak", "tidak"),
    ("engga", "tidak"),
    ("sm", "sama"),
    ("ama", "sama"),
    ("utk", "untuk"),
    ("untk", "untuk"),
    ("buat", "untuk"),
    ("dll", "dan lain lain"),
    ("dsb", "dan sebagainya"),
    ("krn", "karena"),
    ("karna", "karena"),
    ("jd", "jadi"),
    ("tp", "tapi"),
    ("bs", "bisa"),
    ("brp", "berapa"),
    ("brapa", "berapa"),
    ("kpn", "kapan"),
    ("sp", "siapa"),
    ("sapa", "siapa"),
    ("dmn", "dimana"),
    ("dr", "dari"),
    ("kyk", "seperti"),
    ("kayak", "seperti"),
    ("kaya", "seperti"),
    ("udh", "sudah"),
    ("udah", "sudah"),
    ("dah", "sudah"),
    ("blm", "belum"),
    ("lg", "lagi"),
    ("jg", "juga"),
    ("aja", "saja"),
    ("aj", "saja"),
    ("sj", "saja"),
    ("ap", "apa"),
    ("apaan", "apa"),
    ("apasih", "apa"),
    ("mksd", "maksud"),
    ("maksudnya", "maksud"),
    ("pengen", "ingin"),
    ("pgn", "ingin"),
    ("org", "orang"),
    ("negri", "negeri"),
    ("indo", "indonesia"),
    ("ri", "indonesia"),
    ("intl", "internasional"),
    ("internasinal", "internasional"),
    ("kerjasama", "kerja sama"),
    ("kerjsama", "kerja sama"),
    ("kerjasamanya", "kerja sama"),
    ("antarnegara", "antar negara"),
    ("antarbangsa", "antar bangsa"),
    ("hubinter", "hubungan internasional"),
    ("hrs", "harus"),
    ("tuk", "untuk"),
    ("bbrp", "beberapa"),
    ("ngerti", "mengerti"),
    ("pengertiannya", "pengertian"),
    ("bilateralnya", "bilateral"),
    ("multilateralnya", "multilateral"),
    ("regionalnya", "regional"),
];

/// Chat particles, fillers and task words that carry no topic ("jelasin dong kak").
const CHAT_STOPWORDS: &[&str] = &[
    "sih",
    "dong",
    "deh",
    "nih",
    "tuh",
    "kak",
    "kakak",
    "min",
    "mimin",
    "bang",
    "gan",
    "bro",
    "sis",
    "ya",
    "yah",
    "yaa",
    "kah",
    "lah",
    "pun",
    "loh",
    "lho",
    "wkwk",
    "wkwkwk",
    "haha",
    "hehe",
    "hihi",
    "pls",
    "please",
    "tolong",
    "jelasin",
    "jelaskan",
    "sebutkan",
    "sebutin",
    "terangkan",
    "tau",
    "tahu",
    "mau",
    "nanya",
    "tanya",
    "bot",
    "kelasbot",
    "banget",
    "dan",
    "lain",
    "sebagainya",
    "tuliskan",
    "coba",
    "bantu",
    "gitu",
    "gini",
    "itu",
    "ini",
    "ajar",
    "materi",
    "pelajaran",
    "soal",
    "halo",
    "hai",
    "hi",
    "p",
    "permisi",
    "makasih",
    "terima",
    "kasih",
    "dunk",
    "donk",
    "plis",
    "yuk",
    "saya",
    "aku",
    "gue",
    "gw",
    "kamu",
];

/// Words in the general Indonesian stopword list that are topical here and must be kept:
/// "antar negara", "saling menguntungkan", "masa depan", "dua negara", "cara membangun".
const KEEP: &[&str] = &[
    "antar",
    "antara",
    "saling",
    "bersama",
    "bekerja",
    "kerja",
    "dua",
    "tiga",
    "empat",
    "lima",
    "delapan",
    "pertama",
    "kedua",
    "keempat",
    "masa",
    "depan",
    "cara",
    "besar",
    "terbesar",
    "penting",
    "pentingnya",
    "jumlah",
    "bagian",
    "negara",
    "umum",
    "baik",
    "beda",
    "berbeda",
    "dunia",
    "hubungan",
    "kepentingan",
    "kebutuhan",
    "tujuan",
    "bantuan",
    "perlu",
    "luar",
    "mendatang",
    "berbagai",
    "besar",
    "tahun",
    "mulai",
    "awal",
    "pihak",
    "sekarang",
    "kini",
];

/// The normaliser: built once, shared by the index and every query.
pub struct Normalizer {
    stopwords: HashSet<&'static str>,
    stemmer: Stemmer,
}

/// A query or text after normalisation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Normalized {
    /// Content words as written (after abbreviation expansion), before stemming.
    pub words: Vec<String>,
    /// The specific question words found.
    pub asks: Vec<Asks>,
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer::new()
    }
}

impl Normalizer {
    pub fn new() -> Normalizer {
        let keep: HashSet<&str> = KEEP.iter().copied().collect();
        let mut stopwords: HashSet<&'static str> = stop_words::lookup("id")
            .unwrap_or_default()
            .iter()
            .copied()
            .filter(|w| !keep.contains(w))
            .collect();
        stopwords.extend(CHAT_STOPWORDS.iter().copied());
        Normalizer {
            stopwords,
            stemmer: Stemmer::create(Algorithm::Indonesian),
        }
    }

    /// Splits and cleans `text` into content words, noting the question words it contains.
    pub fn normalize(&self, text: &str) -> Normalized {
        let mut out = Normalized::default();
        for raw in raw_tokens(text) {
            let expanded = ABBREVIATIONS
                .iter()
                .find(|(abbr, _)| *abbr == raw)
                .map(|(_, full)| *full);
            match expanded {
                Some(full) => {
                    for word in full.split(' ') {
                        self.push(word, &mut out);
                    }
                }
                None => self.push(&raw, &mut out),
            }
        }
        out
    }

    fn push(&self, word: &str, out: &mut Normalized) {
        let asks = match word {
            "kapan" | "kapankah" => Some(Asks::When),
            "berapa" | "berapakah" => Some(Asks::HowMany),
            "siapa" | "siapakah" => Some(Asks::Who),
            "dimana" | "dimanakah" => Some(Asks::Where),
            _ => None,
        };
        if let Some(a) = asks {
            if !out.asks.contains(&a) {
                out.asks.push(a);
            }
            return;
        }
        if word.is_empty() || self.stopwords.contains(word) {
            return;
        }
        // Reduplication ("negara negara") says nothing new.
        if out.words.last().is_some_and(|w| w == word) {
            return;
        }
        out.words.push(word.to_string());
    }

    /// Strips affixes until the word stops changing, so that "perekonomian" and "ekonomi",
    /// or "perdamaian" and "damai", meet at the same stem.
    pub fn stem(&self, word: &str) -> String {
        let mut current = word.to_string();
        for _ in 0..3 {
            if current.chars().count() <= 3 {
                break;
            }
            let next = self.stemmer.stem(&current).into_owned();
            if next == current || next.chars().count() < 3 {
                break;
            }
            current = next;
        }
        current
    }
}

/// Lowercases, treats every non-alphanumeric character as a separator, and squeezes letters
/// repeated three or more times ("apaaa" → "apa").
fn raw_tokens(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut last: Option<char> = None;
    let mut run = 0;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if Some(c) == last {
                run += 1;
            } else {
                run = 1;
                last = Some(c);
            }
            if run <= 2 || c.is_ascii_digit() {
                current.push(c);
            }
        } else {
            last = None;
            if !current.is_empty() {
                tokens.push(squeeze_doubles(std::mem::take(&mut current)));
            }
        }
    }
    if !current.is_empty() {
        tokens.push(squeeze_doubles(current));
    }
    tokens
}

/// A word that ended with a doubled letter from a squeezed run ("apaa") loses the extra one;
/// real Indonesian words rarely end in a double vowel.
fn squeeze_doubles(mut word: String) -> String {
    // "negara2" is chat for the reduplicated "negara-negara".
    if word.len() > 2
        && word.ends_with('2')
        && word[..word.len() - 1].chars().all(char::is_alphabetic)
    {
        word.pop();
    }
    let chars: Vec<char> = word.chars().collect();
    if chars.len() > 3 {
        let n = chars.len();
        if chars[n - 1] == chars[n - 2] && "aiueo".contains(chars[n - 1]) {
            word.pop();
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        Normalizer::new().normalize(text).words
    }

    #[test]
    fn case_punctuation_and_abbreviations() {
        assert_eq!(
            words("Bedanya BILATERAL sm multilateral apa sih??"),
            ["bedanya", "bilateral", "multilateral"]
        );
        assert_eq!(
            words("knp negara2 hrs kerjasama dgn negara lain"),
            ["negara", "kerja", "negara"]
        );
        assert_eq!(
            words("gmn cara membangun kerja sama yg efektif"),
            ["cara", "membangun", "kerja", "efektif"]
        );
        assert_eq!(words("apaaa itu ASEAN???"), ["asean"]);
    }

    #[test]
    fn question_words_are_noted_not_kept() {
        let n = Normalizer::new().normalize("kpn ASEAN didirikan? siapa pendirinya");
        assert_eq!(n.asks, [Asks::When, Asks::Who]);
        assert_eq!(n.words, ["asean", "didirikan", "pendirinya"]);
        let n = Normalizer::new().normalize("brp negara mitra indonesia");
        assert_eq!(n.asks, [Asks::HowMany]);
    }

    #[test]
    fn stems_meet_across_affixes() {
        let n = Normalizer::new();
        assert_eq!(n.stem("perekonomian"), n.stem("ekonomi"));
        assert_eq!(n.stem("perdamaian"), n.stem("damai"));
        assert_eq!(n.stem("perbedaan"), n.stem("bedanya"));
        assert_eq!(n.stem("keuntungan"), n.stem("menguntungkan"));
        assert_eq!(n.stem("pbb"), "pbb");
    }

    #[test]
    fn empty_emoji_and_other_scripts_yield_nothing_or_letters() {
        assert!(words("").is_empty());
        assert!(words("   \n\t ").is_empty());
        assert!(words("😀🙏🔥").is_empty());
        assert_eq!(words("Привет мир"), ["привет", "мир"]);
        assert!(words("yang dan atau itu").is_empty());
    }
}
