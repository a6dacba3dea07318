//! Turns text as students type it into comparable terms: case and punctuation folded, chat
//! abbreviations expanded, stopwords dropped, affixes stripped, and the question word noted.

use super::{HashMap, HashSet};

use snowball_stemmers_rs::{Algorithm, Stemmer};

use super::Tuning;
use super::fuzzy::{self, FuzzyIndex};
use super::index::is_year;
use super::words::{ABBREVIATIONS, CHAT_STOPWORDS, IDIOMS, KEEP, NEGATED, NUMBER_WORDS, SYNONYMS};
use crate::content::Lexicon;

/// Roots the stemmer would cut into another word, left whole with any affixes around them
/// dropped: ending in what it takes for the particle "-lah" ("permasalahan" → "masalah", not
/// "masa" as in "masa depan"), or opening with what it takes for the prefix "ke-" ("keluar",
/// to leave, is not "luar", outside: "pernah keluar dari …" is not "luar negeri"). The first
/// listed that a word contains is its root: "kekeluargaan" is "keluarga", not "keluar".
/// "termasuk" (belongs to a kind) is not "masuk" (to enter, to come to school).
const WHOLE_ROOTS: &[&str] = &[
    "masalah", "sekolah", "istilah", "jumlah", "keluarga", "keluar", "termasuk",
];

/// Filler words that chat often writes with "-nya" ("samanya", "namanya"); dropped like
/// the filler itself.
const FILLER_WITH_NYA: &[&str] = &["sama", "itu", "ini", "apa", "nama", "bot", "gitu", "gimana"];

/// Requests after "boleh" that make it a courtesy ("boleh tanya", "boleh dijelaskan"): asking
/// leave to ask, not whether something is allowed ("semua negara boleh ikut?").
const REQUESTS: &[&str] = &[
    "tanya",
    "nanya",
    "bertanya",
    "minta",
    "jelaskan",
    "dijelaskan",
    "jelasin",
    "bantu",
    "dibantu",
];

/// Words that ask leave ("izin ga masuk"): a message asking leave and nothing else is class
/// chat.
const LEAVE: &[&str] = &["izin", "ijin"];

/// Words that ask for a list ("sebutkan 3 …").
const LISTING: &[&str] = &["sebutkan", "sebutin", "tuliskan", "jelaskan", "berikan"];

/// Words before "apa" that make it ask what something is done with, for or through
/// ("dibantu pake apa", "lewat apa"), not which of a kind.
const BY_MEANS: &[&str] = &[
    "pakai", "pake", "dengan", "lewat", "melalui", "untuk", "buat", "oleh", "tentang", "soal",
    "dalam", "ke", "dari", "di", "sama",
];

/// The word that asks for someone's view: "menurut X".
const CITING: &str = "menurut";
/// Words for the one asked ("menurut kamu"): a view asked of the bot.
const YOU: &[&str] = &["kamu", "anda", "kau", "mu", "bot"];
/// What the one asked thinks or likes ("kamu setuju …?", "kamu suka …?"): a view too.
const VIEWS: &[&str] = &["setuju", "suka", "pikir", "rasa", "kira", "pilih", "senang"];

/// Words that ask what a term means: "artinya", "pengertian", "yang dimaksud".
const DEFINING: &[&str] = &[
    "arti",
    "artinya",
    "maksud",
    "maksudnya",
    "dimaksud",
    "pengertian",
    "pengertiannya",
    "definisi",
    "definisinya",
    "makna",
    "maknanya",
];

/// A word of the lists that say what a question asks at least this long is read through one
/// typo.
const MIN_ASKING_TYPO_CHARS: usize = 8;

/// Words that ask what something is called.
const NAMING: &[&str] = &["singkatan", "singkatannya", "kepanjangan", "kepanjangannya"];

/// Words that with "apa" next to them ask what something is called ("disebut apa", "apa
/// istilahnya").
const CALLED: &[&str] = &[
    "namanya",
    "disebut",
    "dinamakan",
    "dinamai",
    "istilahnya",
    "sebutannya",
    "julukannya",
];

/// Words of thanks: a message with one and no question is not asking.
const THANKS: &[&str] = &[
    "makasih",
    "makasi",
    "terimakasih",
    "thanks",
    "thx",
    "trims",
    "tengkyu",
];

/// Words that answer the teacher ("ok", "siap", "hadir") or ask leave ("izin"): a message
/// opening with one and asking nothing is class chat, not a question ("oke siap laksanakan",
/// "hadir bu").
const ACKNOWLEDGING: &[&str] = &[
    "ok", "oke", "okee", "okey", "okay", "oce", "siap", "sip", "noted", "hadir", "izin", "ijin",
];

/// Words that ask how something is meant or works: with them, "maksudnya" asks for an
/// explanation, not a term's meaning.
const EXPLAINING: &[&str] = &["bagaimana", "gimana"];

/// What ends a clause: a question or a sentence may ask in several.
pub(super) const CLAUSE_BREAKS: &[char] = &[',', '.', '?', '!', ';', '\n'];

/// Words after "apa itu" that make it ask whether something is so ("apa itu bisa …", "apa itu
/// termasuk …"), not what a term means.
const MODALS: &[&str] = &[
    "bisa", "boleh", "harus", "akan", "bakal", "termasuk", "berarti",
];

/// Chat particles that may close a question after "… itu apa": "sih", "ya", "kak".
const CLOSING: &[&str] = &["sih", "ya", "kak", "dong", "deh", "nih", "bu", "pak", "kah"];

/// Words that set what follows aside: "selain ekonomi, apa lagi?" asks for the others.
const BESIDES: &[&str] = &["selain", "kecuali"];

/// Nouns for a kind of detail that, asked with "apa", only an entry mentioning them gives:
/// requirements, a title, a brand, a sanction or punishment, an event or a case.
const DETAIL_KINDS: &[&str] = &[
    "syarat",
    "persyaratan",
    "judul",
    "merek",
    "merk",
    "sanksi",
    "hukuman",
    "kejadian",
    "peristiwa",
    "kasus",
];

/// Words before "mana" that make it ask for a place, besides the kinds of place
/// (`PLACE_KINDS`: "negara mana"): "di mana", "dari mana".
const PLACE_BEFORE_MANA: &[&str] = &["di", "dari"];

/// The kinds of place a question asks for by name before "mana" or "apa" ("negara mana",
/// "kota apa"), as a lexicon's `kinds` names them.
pub const PLACE_KINDS: &[&str] = &[
    "negara",
    "kota",
    "daerah",
    "wilayah",
    "kawasan",
    "benua",
    "tempat",
    "provinsi",
    "pulau",
    "pelabuhan",
    "bandara",
    "kabupaten",
    "desa",
];

/// Words before "apa" that make it ask for a place: "kota apa", "provinsi apa". Not the
/// words of a subject's own lists: "kerja sama antar negara apa aja" asks what, not where.
const PLACE_BEFORE_APA: &[&str] = &["kota", "benua", "provinsi", "pulau"];

/// Words before "apa" that make it ask for a time: "tahun apa", "bulan apa", "hari apa".
const TIME_BEFORE_APA: &[&str] = &["tahun", "bulan", "tanggal", "abad", "hari"];

/// Words for being able to: "tidak bisa menyesuaikan diri" is "ketidakmampuan …".
const ABLE: &[&str] = &["bisa", "dapat", "sanggup", "mampu"];

/// Words that make a clause a question.
/// The fewest different words (stopwords included) a message of one content word that asks
/// nothing has to be chat rather than a keyword typed alone ("visa", "bebas visa dong").
const CHATTER_TOKENS: usize = 4;

/// Days of the class's week: a short message about one that asks nothing is class chat.
const CLASS_DAYS: &[&str] = &[
    "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu", "besok", "kemarin", "lusa",
];

/// At most this many words, a message about a day of the class's week that asks nothing is
/// class chat (`CLASS_DAYS`); a longer one may ask in a request ("tolong rangkumin …").
const CLASS_DAY_TOKENS: usize = 8;

const QUESTION_WORDS: &[&str] = &[
    "apa",
    "apakah",
    "apaan",
    "kenapa",
    "mengapa",
    "bagaimana",
    "gimana",
    "siapa",
    "kapan",
    "berapa",
    "mana",
    "dimana",
    "manakah",
    "maksudnya",
    "ngapain",
    "kok",
];

/// Words after "berapa" that ask how much or how long ("berapa banyak", "berapa lama"), or
/// how many kinds ("berapa macam"), not a number of a thing.
const MEASURES: &[&str] = &[
    "banyak", "jumlah", "besar", "lama", "luas", "nilai", "total", "kali", "jauh", "tinggi",
    "macam", "jenis", "tipe",
];

/// Words that ask whether something is only so ("cuma", "doang", "sebatas").
const ONLY: &[&str] = &["cuma", "hanya", "doang", "sebatas", "sekadar", "semata"];

/// Words saying what the one asking already has: "aku cuma tau …", "aku baru nemu …".
const KNOWING: &[&str] = &["tau", "tahu", "nemu", "inget", "ingat", "ketemu"];

/// Words asking for the rest of a list ("sisanya apa", "yg lainnya"); "apa lagi" and "satu
/// lagi" ask it too.
const REST: &[&str] = &["sisanya", "lainnya"];

/// Words joining the items of a list: "mempererat hubungan sm perdamaian dunia".
const AND: &[&str] = &["dan", "sama", "serta"];

/// Words between the one asking and what they know: "aku cuma tau", "aku baru nemu".
const SO_FAR: &[&str] = &["cuma", "hanya", "baru", "sudah", "udah", "masih"];

/// The most words a clause listing one item has: "ideologi, politik, trs apa lg".
const LIST_ITEM: usize = 3;

/// Words for the one asking: "aku cuma tau …" says what they know.
const FIRST_PERSON: &[&str] = &["aku", "saya", "gue", "gw", "ku"];

/// Nouns that turn "berapa" into a question about time.
const TIME_NOUNS: &[&str] = &["tanggal", "tahun", "bulan", "abad"];

/// Spans of the calendar a time ahead is counted in ("tahun depan", "minggu depan").
const CALENDAR_SPANS: &[&str] = &["tahun", "bulan", "minggu", "pekan", "periode"];

/// Words after a time noun that say which time it is ("tahun ini", "bulan lalu").
const TIME_POINTERS: &[&str] = &["ini", "itu", "lalu", "kemarin", "depan", "tersebut"];

/// Ordinals as words, from the first ("pertama", also "kesatu") to the tenth.
const ORDINALS: &[&str] = &[
    "pertama",
    "kedua",
    "ketiga",
    "keempat",
    "kelima",
    "keenam",
    "ketujuh",
    "kedelapan",
    "kesembilan",
    "kesepuluh",
];

/// Words that make a number or ordinal after them a rank ("posisi kedua", "peringkat 1").
const RANKS: &[&str] = &[
    "posisi",
    "peringkat",
    "urutan",
    "ranking",
    "rangking",
    "juara",
];

/// Words before a number that make it a rank when a superlative comes just before them
/// ("terbesar nomor 1"); alone they number a task ("soal no 5").
const NUMBERING: &[&str] = &["nomor", "nomer", "no", "nmr"];

/// Words for a person by the office or part they hold ("presiden", "menteri"): a "siapa" with
/// nothing after it ("… ditandatangani presiden siapa", "menteri luar negeri sekarang
/// siapa") asks for the holder of the one the question names.
const PERSON_ROLES: &[&str] = &[
    "presiden", "menteri", "ketua", "sekjen", "raja", "ratu", "perdana", "gubernur", "wali",
    "bupati", "pemimpin", "pimpinan", "kepala", "direktur", "duta", "wakil", "pendiri", "penemu",
    "pencetus",
];

/// Roles among `PERSON_ROLES` that a country or an organisation may hold too: the founders
/// of an organisation may be countries, a "ketua" may be a country chairing.
const NOT_ONLY_PEOPLE: &[&str] = &["pendiri", "penemu", "pencetus", "ketua", "pemimpin"];

/// What kind of fact a question asks for. Only the specific kinds constrain matching: a
/// "kapan" question is not answered by an entry that never says when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Asks {
    When,
    HowMany,
    Who,
    Where,
    /// "namanya apa", "singkatannya", "kepanjangan …": what something is called.
    Name,
    /// "kenapa", "mengapa": a reason. Most entries are asked this way; the others explain
    /// what something is, not why.
    Why,
}

impl Normalized {
    /// The message asks nothing of the FAQ: the bot's own view, thanks, class chat or a sum.
    pub fn asks_nothing(&self) -> bool {
        self.asks_opinion || self.thanks || self.chatter || self.arithmetic
    }
}

/// The normaliser: built once, shared by the index and every query.
pub struct Normalizer {
    stopwords: HashSet<String>,
    stemmer: Stemmer,
    /// Chat spelling (the engine's and the pack's aliases) → standard words.
    abbreviations: HashMap<String, String>,
    /// The pack's two-word aliases: a phrase read as other words ("para ahli" → "pakar").
    phrases: Vec<([String; 2], Vec<String>)>,
    /// Stem of a synonym → stem of the word the FAQ uses.
    synonyms: HashMap<String, String>,
    /// Chat compounds that expand to two words ("kerjasama"), for typo correction.
    compounds: FuzzyIndex,
    /// Their first letters.
    compound_initials: HashSet<char>,
    /// The long words of the lists that say what a question asks ("kepanjangan",
    /// "pengertian", "sebutkan"), for typo correction: "kepanjangn lpk apa" asks what LPK
    /// stands for.
    asking_words: FuzzyIndex,
    /// The same compounds, to find inside an affixed word ("dikerjasamakan").
    compound_words: HashSet<String>,
    /// Consonant skeleton of each stopword → the fewest vowels a stopword with it has: "lwt"
    /// is "lewat", "ttp" is "tetap".
    stopword_skeletons: HashMap<String, usize>,
    tuning: Tuning,
}

/// A query or text after normalisation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Normalized {
    /// Content words as written (after abbreviation expansion), before stemming.
    pub words: Vec<String>,
    /// The specific question words found.
    pub asks: Vec<Asks>,
    /// The first content word after "menurut" ("menurut Selo Soemardjan"): whose view the
    /// question asks for.
    pub cited: Option<String>,
    /// The question asks the bot's own view ("menurut kamu", "menurutmu"): no article holds it.
    pub asks_opinion: bool,
    /// The message thanks and asks nothing ("makasih kak udh dibantu"): no question word, no
    /// question mark.
    pub thanks: bool,
    /// The message is a sentence of several words that asks nothing (no question word, no
    /// question mark) and has at most one content word: class chat ("nilai ulangan kemarin
    /// udh keluar blm"), not a question about that word; or it opens with an acknowledgement
    /// ("oke siap laksanakan", "hadir bu") and asks nothing.
    pub chatter: bool,
    /// The message is a sum to work out ("3/4 + 2/5 hasilnya brp", "25 x 16"): another
    /// lesson's homework, whatever words of the FAQ it carries ("hasil").
    pub arithmetic: bool,
    /// What the question sets aside, so an entry about it is not what is asked: the first
    /// content word after "selain" or "kecuali" ("selain ekonomi, apa lagi?"), and the words of
    /// the items of a list it says it has already (`known_items`).
    pub besides: Vec<String>,
    /// How many items of a list the question says it has already (`known_items`), their
    /// words among `besides`: an answer naming them all is the list they come from.
    pub known_items: usize,
    /// The question asks what something means ("artinya", "pengertian …", "apa itu …", "…
    /// itu apa"), not how or why.
    pub defines: bool,
    /// The word right after "siapa" or "berapa" ("siapa presiden …", "berapa negara …"), or
    /// before "mana"/"apa" asking a place ("kota mana"), or the office a "siapa" with nothing
    /// after it is asked of ("… presiden siapa", `PERSON_ROLES`): the kind of person, thing
    /// or place asked for, which an entry that never mentions it cannot give.
    pub asked_for: Option<String>,
    /// The kind of place a "mana" or "apa" asks for by its word ("negara mana", "ngr mana",
    /// "kawasan apa" → "negara", "kawasan"): told only by a name of that kind, where the
    /// subject's lexicon says which names are of it.
    pub place: Option<String>,
    /// The places in an order the question names ("ketiga", "ke-3", "terbesar nomor 1",
    /// "posisi kedua"), as numbers: an entry that never says one is about another place.
    pub ordinals: Vec<u8>,
    /// A kind of detail the question asks for by name ("syarat", "judul"): an entry that
    /// never mentions it cannot give it.
    pub detail: Option<String>,
    /// It asks for a name's short or long form ("kepanjangan", "singkatannya"): only an entry
    /// that gives both forms (`spelled_out`) tells it.
    pub spelled: bool,
    /// The question asks a time on the calendar ("tahun berapa", "tanggal berapa", "tahun
    /// apa"): a time told only relative to something ("setelah …") does not give it.
    pub calendar: bool,
    /// Which of a kind the question asks for ("perusahaan … apa aja", "contoh koperasi …",
    /// "sebutin negara …"): told only by an entry naming one of that kind the question does
    /// not, where the subject's lexicon says which names are of it.
    pub instances: Option<Instances>,
    /// It asks for the first of a ranking ("yg paling banyak", "plg penting"): only an answer
    /// that ranks something tells it.
    pub superlative: bool,
    /// It asks about a time ahead on the calendar ("tahun depan", "bulan dpn", "10 thn lg"):
    /// only an answer that speaks of the future ("masa depan", "mendatang") tells it.
    pub future: bool,
    /// It asks who holds an office ("siapa menteri …", "menteri … skrg siapa"): the office
    /// named just after "siapa" or before it, and "siapa" not asking for several ("siapa
    /// aja yg terlibat, presiden doang?" asks which kinds of people take part).
    pub office: bool,
    /// The word right after "berapa" when it names what is counted ("ada brp negara",
    /// "berapa perusahaan"): only an answer stating a number of it tells the count.
    pub count_of: Option<String>,
    /// It asks whether something is only so ("cuma negara doang?", "hanya perjanjian?"): an
    /// answer that says it is not only so, or is, tells it.
    pub only: bool,
}

/// Which of a kind a question asks for: "perusahaan x apa aja", "contoh koperasi …".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instances {
    /// The kind, as the question's word ("perusahaan").
    pub kind: String,
    /// The content words between the kind and the asking ("perusahaan x apa aja": "x"). They
    /// should say which of the kind is meant (names): another word may be what is asked about.
    pub between: Vec<String>,
    /// The question is led by "contoh", "sebutin" or "apa aja", or asks "… contohnya" or
    /// "… sebutin" after the kind: it asks for the kind, whatever words stand between.
    pub led: bool,
    /// How many of the kind a number before it asks for ("sebutin 3 negara …", "162 negara …
    /// sebutin semua").
    pub count: Option<u32>,
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer::new()
    }
}

impl Normalizer {
    /// A normaliser knowing no subject's words, with the default tuning.
    pub fn new() -> Normalizer {
        Normalizer::with_lexicon(&Lexicon::default(), Tuning::default())
    }

    /// A normaliser that also reads the pack's `lexicon` (its aliases, synonyms and kept
    /// words), whose typo limits (and `Tuning::min_compound_chars`) are `tuning`'s.
    pub fn with_lexicon(lexicon: &Lexicon, tuning: Tuning) -> Normalizer {
        let keep: HashSet<&str> = KEEP
            .iter()
            .copied()
            .chain(lexicon.keep.iter().map(String::as_str))
            .collect();
        let mut stopwords: HashSet<String> = stop_words::lookup("id")
            .unwrap_or_default()
            .iter()
            .filter(|w| !keep.contains(*w))
            .map(|w| w.to_string())
            .collect();
        stopwords.extend(CHAT_STOPWORDS.iter().map(|w| w.to_string()));
        let mut abbreviations: HashMap<String, String> = ABBREVIATIONS
            .iter()
            .map(|(short, full)| (short.to_string(), full.to_string()))
            .collect();
        // A name of the pack is that name, whatever the engine reads the word as elsewhere
        // (an organisation called "WHO" is not the question word "who").
        for name in &lexicon.names {
            abbreviations.remove(name.as_str());
        }
        let mut phrases = Vec::new();
        for (short, full) in &lexicon.aliases {
            match short.split_once(' ') {
                Some((a, b)) => phrases.push((
                    [a.to_string(), b.to_string()],
                    full.split(' ').map(str::to_string).collect(),
                )),
                None => {
                    abbreviations.insert(short.clone(), full.clone());
                }
            }
        }
        let compounds: Vec<String> = abbreviations
            .iter()
            .filter(|(short, full)| {
                full.contains(' ') && short.chars().count() >= tuning.min_compound_chars
            })
            .map(|(short, _)| short.clone())
            .collect();
        let mut stopword_skeletons: HashMap<String, usize> = HashMap::default();
        for w in &stopwords {
            let (skel, vowels) = fuzzy::skeleton(w);
            let slot = stopword_skeletons.entry(skel).or_insert(vowels);
            *slot = (*slot).min(vowels);
        }
        let mut n = Normalizer {
            stopwords,
            stopword_skeletons,
            stemmer: Stemmer::create(Algorithm::Indonesian),
            abbreviations,
            phrases,
            synonyms: HashMap::default(),
            compounds: FuzzyIndex::build(compounds.clone(), tuning),
            asking_words: FuzzyIndex::build(
                [
                    LISTING,
                    DEFINING,
                    NAMING,
                    CALLED,
                    QUESTION_WORDS,
                    EXPLAINING,
                    BESIDES,
                    REQUESTS,
                ]
                .concat()
                .into_iter()
                .filter(|w| w.chars().count() >= MIN_ASKING_TYPO_CHARS)
                .map(str::to_string)
                .collect(),
                tuning,
            ),
            compound_initials: compounds.iter().filter_map(|c| c.chars().next()).collect(),
            compound_words: compounds.iter().cloned().collect(),
            tuning,
        };
        n.synonyms = SYNONYMS
            .iter()
            .copied()
            .chain(
                lexicon
                    .synonyms
                    .iter()
                    .map(|(from, to)| (from.as_str(), to.as_str())),
            )
            .map(|(from, to)| (n.raw_stem(from), n.raw_stem(to)))
            .filter(|(from, to)| from != to)
            .collect();
        n
    }

    /// Splits and cleans `text` into content words, noting the question words it contains.
    pub fn normalize(&self, text: &str) -> Normalized {
        let mut out = Normalized::default();
        let mut tokens = raw_tokens(text, &|w| self.is_listed(w));
        // "kepanjangn", "pengertin": a long word that asks, one typo away.
        for t in tokens.iter_mut() {
            if t.chars().count() >= MIN_ASKING_TYPO_CHARS
                && !self.abbreviations.contains_key(t.as_str())
                && let Some((i, _)) = self.asking_words.closest_within(t, 1)
            {
                *t = self.asking_words.word(i).to_string();
            }
        }
        self.read_phrases(&mut tokens);
        // "ga setara" is "ketidaksetaraan", a topic of its own, not "kesetaraan".
        let mut i = 1;
        while i < tokens.len() {
            let negated = self.expands_to(&tokens[i - 1], "tidak");
            if negated && self.expands_to_any(&tokens[i], ABLE) {
                tokens[i] = "ketidakmampuan".to_string();
                tokens.remove(i - 1);
            } else if negated && NEGATED.contains(&tokens[i].as_str()) {
                tokens[i] = format!("ketidak{}an", tokens[i]);
                tokens.remove(i - 1);
            } else if self.expands_to(&tokens[i - 1], "boleh")
                && self.expands_to_any(&tokens[i], REQUESTS)
            {
                // "boleh tanya", "boleh dijelaskan": a courtesy, not what is allowed.
                tokens.remove(i - 1);
            } else {
                i += 1;
            }
        }
        // "di mana", "negara mana": a question about a place; but "bedanya di mana" asks for
        // the difference.
        let comparing = tokens.iter().any(|t| t.contains("beda"));
        // The kind of place asked for ("kota mana", "provinsi apa"): an entry that never
        // mentions one cannot give it.
        let mut place_kind = None;
        let mut i = 1;
        while !comparing && i < tokens.len() {
            let after = |words: &[&str]| self.expands_to_any(&tokens[i - 1], words);
            let kind = after(PLACE_BEFORE_APA).then(|| tokens[i - 1].clone());
            // The place word at `at`, as the list spells it ("ngr mana" asks for a "negara").
            let kind_at = |at: usize| {
                self.expansion_in(&tokens[at], PLACE_KINDS)
                    .map(|k| PLACE_KINDS[k].to_string())
            };
            let place = || kind_at(i - 1);
            // "negara tetangga mana", "negara berkembang mana": a kind of place with one word
            // between it and "mana" that says which of them.
            let kind_two_back = (i >= 2 && !self.stopwords.contains(&tokens[i - 1]))
                .then(|| kind_at(i - 2))
                .flatten();
            if self.expands_to(&tokens[i], "mana")
                && (after(PLACE_BEFORE_MANA) || after(PLACE_KINDS))
            {
                out.place = out.place.take().or_else(place);
                tokens[i] = "dimana".to_string();
                place_kind = place_kind.or(kind);
            } else if self.expands_to(&tokens[i], "mana") && kind_two_back.is_some() {
                out.place = out.place.take().or(kind_two_back);
                tokens[i] = "dimana".to_string();
            } else if self.expands_to(&tokens[i], "apa") {
                if after(PLACE_BEFORE_APA) {
                    out.place = out.place.take().or_else(place);
                    tokens[i] = "dimana".to_string();
                    place_kind = place_kind.or(kind);
                } else if after(TIME_BEFORE_APA) {
                    tokens[i] = "kapan".to_string();
                }
            }
            i += 1;
        }
        // "Sebutkan 3 dampak …": the number is how many items to list, not what is asked.
        let mut to_list = None;
        let mut i = 1;
        while i < tokens.len() {
            let listing = self.expands_to_any(&tokens[i - 1], LISTING);
            if listing && tokens[i].chars().all(|c| c.is_ascii_digit()) {
                to_list = to_list.or(tokens[i].parse::<u32>().ok());
                tokens.remove(i);
            } else {
                i += 1;
            }
        }
        // Read by clause: "… tuh siapa, presiden doang?" offers an office as a guess.
        out.office = text.split(CLAUSE_BREAKS).any(|clause| {
            let tokens = raw_tokens(clause, &|w| self.is_listed(w));
            tokens.iter().enumerate().any(|(i, t)| {
                let next = tokens.get(i + 1);
                self.expands_to(t, "siapa")
                    && !next
                        .is_some_and(|n| self.expands_to(n, "aja") || self.expands_to(n, "saja"))
                    && (next.is_some_and(|n| self.is_office(n))
                        || tokens[..i].iter().any(|b| self.is_office(b)))
            })
        });
        // "tahun depan", "bulan dpn": a time ahead on the calendar.
        out.future = tokens
            .windows(2)
            .any(|w| self.expands_to_any(&w[0], CALENDAR_SPANS) && self.expands_to(&w[1], "depan"));
        // "10 tahun lagi", "bbrp thn lg": a time ahead, the future.
        let mut i = 0;
        while i + 1 < tokens.len() {
            if self.expands_to(&tokens[i], "tahun") && self.expands_to(&tokens[i + 1], "lagi") {
                out.future = true;
                tokens[i] = "masa".to_string();
                tokens[i + 1] = "depan".to_string();
                if i > 0 && tokens[i - 1].chars().all(|c| c.is_ascii_digit()) {
                    tokens.remove(i - 1);
                }
            }
            i += 1;
        }
        let mut i = 0;
        while i + 1 < tokens.len() {
            if IDIOMS.contains(&(tokens[i].as_str(), tokens[i + 1].as_str())) {
                let second = tokens.remove(i + 1);
                tokens[i].push_str(&second);
            }
            i += 1;
        }
        let mut citing = false;
        let mut setting_aside = false;
        // "bulan" is a stopword, "tgl" a short form: look for time nouns as written.
        // "tahun 2020 nilainya brp", "naik brp persen tahun ini" name the time and ask a count:
        // a time noun followed by a number or by a word pointing to a time does not ask when.
        let names_a_time = tokens.iter().enumerate().any(|(i, t)| {
            self.expands_to_any(t, TIME_NOUNS)
                && !tokens.get(i + 1).is_some_and(|n| {
                    n.chars().all(|c| c.is_ascii_digit()) || self.expands_to_any(n, TIME_POINTERS)
                })
        });
        let is_you = |t: &str| self.expands_to_any(t, YOU);
        out.asks_opinion = tokens.iter().enumerate().any(|(i, t)| {
            let next = tokens.get(i + 1).map(String::as_str);
            matches!(t.as_str(), "menurutmu" | "pendapatmu")
                || ((self.expands_to(t, CITING) || self.expands_to(t, "pendapat"))
                    && next.is_some_and(is_you))
                || (is_you(t) && next.is_some_and(|n| self.expands_to_any(n, VIEWS)))
        });
        let mut defines = self.asks_meaning(&tokens);
        // "X itu apa sih kak, aku blm paham bgt": one clause asks what a term means, and the
        // clauses around it that ask nothing are the student talking, not the term.
        let clauses: Vec<&str> = text
            .split_inclusive(CLAUSE_BREAKS)
            .filter(|c| c.chars().any(char::is_alphanumeric))
            .collect();
        if !defines && clauses.len() > 1 {
            // The clause must name its term: "tujuannya tuh apa" points back at the clause
            // before it.
            let meaning_at = clauses.iter().position(|clause| {
                let mut clause = raw_tokens(clause, &|w| self.is_listed(w));
                self.read_phrases(&mut clause);
                let mut term = clause.iter().filter(|t| {
                    !self.stopwords.contains(t.as_str())
                        && !self.is_defining(t)
                        && !self.expands_to(t, "sebenarnya")
                });
                // "yg paling penting tuh apa" describes what it asks for, and names no term.
                self.asks_meaning(&clause)
                    && !clause.iter().any(|t| self.expands_to(t, "yang"))
                    && term.clone().next().is_some()
                    && term.all(|t| !t.ends_with("nya"))
            });
            if let Some(at) = meaning_at {
                defines = true;
                let kept: Vec<&str> = clauses
                    .iter()
                    .enumerate()
                    .filter(|&(i, c)| i == at || self.clause_asks(c))
                    .map(|(_, c)| *c)
                    .collect();
                if kept.len() < clauses.len() {
                    return self.normalize(&kept.concat());
                }
            }
        }
        out.ordinals = self.ordinals(&tokens, false);
        let thanking = tokens.iter().any(|t| self.expands_to_any(t, THANKS))
            || tokens
                .windows(2)
                .any(|w| self.expands_to(&w[0], "terima") && self.expands_to(&w[1], "kasih"));
        let asking = text.contains('?')
            || tokens
                .iter()
                .any(|t| self.expands_to_any(t, QUESTION_WORDS));
        out.thanks = !asking && thanking;
        let distinct_tokens = tokens.iter().collect::<HashSet<_>>().len();
        // "kerja kelompoknya jadi sabtu ga", "hasil ulangan kemarin udh keluar blm": a short
        // message about a day of the class's week that asks nothing is class chat too.
        let class_day = tokens.len() <= CLASS_DAY_TOKENS
            && !tokens
                .iter()
                .any(|t| self.expands_to_any(t, LISTING) || self.expands_to_any(t, REQUESTS))
            && (tokens.iter().any(|t| self.expands_to_any(t, CLASS_DAYS))
                || tokens
                    .windows(2)
                    .any(|w| self.expands_to(&w[0], "hari") && self.expands_to(&w[1], "ini")));
        let acknowledging = tokens
            .first()
            .is_some_and(|t| self.expands_to_any(t, ACKNOWLEDGING))
            // "bu saya izin ga masuk hari ini, sakit": leave asked anywhere in the message, not
            // leave to ask ("izin bertanya").
            || tokens.iter().enumerate().any(|(i, t)| {
                self.expands_to_any(t, LEAVE)
                    && !tokens
                        .get(i + 1)
                        .is_some_and(|next| self.expands_to_any(next, REQUESTS))
            });
        // "maksudnya gimana": how a statement is meant, not what a term means.
        // "namanya apa", "nama … apa", "kepanjangan …", "singkatannya": what it is called.
        let naming = self.asks_name(&tokens);
        out.spelled = tokens.iter().any(|t| self.expands_to_any(t, NAMING));
        let explaining = tokens.iter().any(|t| self.expands_to_any(t, EXPLAINING));
        // "syarat daftar beasiswa apa aja", "judul bukunya apa": a kind of detail asked for,
        // which an entry that never mentions it does not give.
        if tokens.iter().any(|t| self.expands_to(t, "apa")) {
            out.detail = tokens.iter().find_map(|t| {
                let t = t.strip_suffix("nya").unwrap_or(t);
                self.expansion_in(t, DETAIL_KINDS)
                    .map(|k| DETAIL_KINDS[k].to_string())
            });
        }
        out.instances = self.instances_asked(&tokens, to_list);
        out.superlative = tokens.iter().any(|t| self.expands_to(t, "paling"));
        // "aku cuma inget komitmen doang": what the asker knows, not what is asked; "perjanjian
        // yg hanya ditandatangani dua negara": which one is meant.
        out.only = tokens.iter().enumerate().any(|(i, t)| {
            self.expands_to_any(t, ONLY)
                && !tokens[..i]
                    .iter()
                    .any(|b| self.expands_to_any(b, FIRST_PERSON))
                && !(i > 0 && self.expands_to(&tokens[i - 1], "yang"))
        });
        // Read again by clause only when a word of knowing or of the rest is there.
        let marked = tokens.iter().any(|t| {
            self.expands_to_any(t, REST)
                || self.expands_to_any(t, &["lagi", "satunya"])
                || self.expands_to_any(t, KNOWING)
        });
        let mut asking_of = false;
        let mut counting = false;
        let mut ranking = false;
        for raw in tokens {
            let raw = if self.abbreviations.contains_key(&raw) {
                raw
            } else {
                self.affixed_compound(&raw)
                    .or_else(|| self.compound_typo(&raw))
                    .unwrap_or(raw)
            };
            let before = out.words.len();
            let after_asking = asking_of;
            asking_of = self.expands_to_any(&raw, &["siapa", "berapa"]);
            let after_counting = counting;
            // "urutan berapa", "ke berapa", "no brp": a place in an order, not a number of things.
            counting = self.expands_to(&raw, "berapa") && !ranking;
            ranking = self.expands_to_any(&raw, RANKS)
                || self.expands_to_any(&raw, NUMBERING)
                || self.expands_to(&raw, "ke");
            let after_citation = citing;
            citing = self.expands_to(&raw, CITING);
            let after_besides = setting_aside;
            setting_aside = self.expands_to_any(&raw, BESIDES);
            if setting_aside {
                continue;
            }
            match self.abbreviations.get(raw.as_str()) {
                Some(full) => {
                    for word in full.split(' ') {
                        self.push(word, &mut out);
                    }
                }
                None => self.push(&raw, &mut out),
            }
            if after_besides {
                match out.words.get(before) {
                    Some(word) if out.besides.is_empty() => out.besides.push(word.clone()),
                    None => setting_aside = true,
                    _ => {}
                }
            }
            if after_asking && out.asked_for.is_none() {
                out.asked_for = out.words.get(before).cloned();
            }
            if after_counting && out.count_of.is_none() {
                // Read alone: a word said just before ("banyak negara. ada berapa negara")
                // is not pushed again.
                let full = self.abbreviations.get(raw.as_str()).unwrap_or(&raw);
                out.count_of = full
                    .split(' ')
                    .find_map(|w| self.content_word(w))
                    .filter(|w| !MEASURES.contains(&w.as_str()));
            }
            if after_citation {
                match out.words.get(before) {
                    Some(word) if out.cited.is_none() => out.cited = Some(word.clone()),
                    // A stopword after "menurut" ("menurut para ahli"): the next word is cited.
                    None => citing = true,
                    _ => {}
                }
            }
        }
        // "dari 87 negara mitra itu yg di samudra ada brp": nothing after "berapa" says what is
        // counted, so it is a number of what the question gave a number of.
        if out.asks.contains(&Asks::HowMany) && out.count_of.is_none() {
            out.count_of = out.words.windows(2).find_map(|w| {
                (w[0].chars().all(|c| c.is_ascii_digit()) && !is_year(&w[0]))
                    .then(|| w[1].clone())
                    .filter(|w| !MEASURES.contains(&w.as_str()))
            });
        }
        let known = if marked {
            self.known_items(text)
        } else {
            Vec::new()
        };
        out.known_items = known.len();
        for word in known.into_iter().flatten() {
            if !out.besides.contains(&word) {
                out.besides.push(word);
            }
        }
        out.defines = defines && !explaining && !out.asks.contains(&Asks::Why);
        // "nilai ulangan kemarin udh keluar blm": a sentence of several words, one of them a
        // content word, that asks nothing is class chat, not a question about that word.
        out.chatter = !asking
            && (acknowledging
                || (distinct_tokens >= CHATTER_TOKENS && out.words.len() <= 1)
                || class_day);
        out.arithmetic = is_arithmetic(text);
        if out.asked_for.is_none() {
            out.asked_for = place_kind;
        }
        // "… ditandatangani presiden siapa": a "siapa" with nothing after it asks for the
        // holder of the office the question names.
        if out.asked_for.is_none() && out.asks.contains(&Asks::Who) {
            out.asked_for = out
                .words
                .iter()
                .find(|w| self.expands_to_any(w, PERSON_ROLES))
                .cloned();
        }
        if naming && !out.asks.contains(&Asks::Who) {
            out.asks.push(Asks::Name);
        }
        // "tanggal berapa", "tahun berapa": a count word asking for a time.
        if out.asks.contains(&Asks::HowMany) && names_a_time {
            out.asks.retain(|a| *a != Asks::HowMany);
            if !out.asks.contains(&Asks::When) {
                out.asks.push(Asks::When);
            }
            out.words.retain(|w| !TIME_NOUNS.contains(&w.as_str()));
        }
        out.calendar = names_a_time && out.asks.contains(&Asks::When);
        // "berapa kali": "kali" is part of the question word, not what it asks about.
        if out.asks.contains(&Asks::HowMany) {
            out.words.retain(|w| w != "kali");
        }
        out
    }

    /// The items of a list the question says it has already, asking the rest: the words of a
    /// clause after "aku (cuma) tau/inget/nemu …", and, when it asks for the rest ("sisanya
    /// apa", "yg lainnya", "apa lagi", "satu lagi"), those after "salah satunya" and the short
    /// clauses right before the one asking ("ideologi, politik, trs apa lg").
    fn known_items(&self, text: &str) -> Vec<Vec<String>> {
        let is = |t: &String, w: &str| self.expands_to(t, w);
        let clauses: Vec<Vec<String>> = text
            .split(CLAUSE_BREAKS)
            .map(|c| raw_tokens(c, &|w| self.is_listed(w)))
            .filter(|c| !c.is_empty())
            .collect();
        let word = |t: &String| self.content_word(t);
        let asks_rest = |clause: &[String]| {
            clause.iter().any(|t| self.expands_to_any(t, REST))
                || clause
                    .windows(2)
                    .any(|w| (is(&w[0], "apa") || is(&w[0], "satu")) && is(&w[1], "lagi"))
        };
        let rest = clauses.iter().any(|c| asks_rest(c));
        let me = |t: &String| self.expands_to_any(t, FIRST_PERSON);
        let mut items = Vec::new();
        for (k, clause) in clauses.iter().enumerate() {
            let start = clause.iter().enumerate().find_map(|(i, t)| {
                // "aku tau …", "aku cuma inget …", "aku baru nemu …"
                let knows = self.expands_to_any(t, KNOWING)
                    && (i >= 1 && me(&clause[i - 1])
                        || i >= 2
                            && me(&clause[i - 2])
                            && self.expands_to_any(&clause[i - 1], SO_FAR));
                let one_of = rest && i > 0 && is(t, "satunya") && is(&clause[i - 1], "salah");
                (knows || one_of).then_some(i + 1)
            });
            if let Some(start) = start {
                // "mempererat hubungan sm perdamaian dunia": two items.
                for item in clause[start..].split(|t| self.expands_to_any(t, AND)) {
                    items.push(item.iter().filter_map(word).collect());
                }
            }
            if asks_rest(clause) {
                // "selain X, apa lagi" sets X aside by its own rule.
                let listed = clauses[..k].iter().rev().take_while(|c| {
                    c.len() <= LIST_ITEM && !c.iter().any(|t| self.expands_to_any(t, BESIDES))
                });
                items.extend(listed.map(|c| c.iter().filter_map(word).collect()));
            }
        }
        items.retain(|item: &Vec<String>| !item.is_empty());
        items
    }

    /// Which of a kind the tokens ask for, if they do: the first content word, when the
    /// question is led by "contoh", "sebutin" or "apa aja" before it ("contoh koperasi …"),
    /// or asks "apa"/"mana"/"siapa" right after it and the words that say which of it
    /// ("perusahaan x apa aja", "negara apa yg …", "perusahaan x namanya apa"), or "apa aja"
    /// after a clause saying which ("perusahaan x yg buka pabrik di sana apa aja"). A word
    /// with "-nya" before the asking is what it asks about ("negara … tujuannya apa aja"), as
    /// is a word "apa" follows as its object ("dibantu pake apa aja").
    fn instances_asked(&self, tokens: &[String], to_list: Option<u32>) -> Option<Instances> {
        let is = |t: &String, w: &str| self.expands_to(t, w);
        let leading = |t: &String| {
            self.expands_to_any(t, LISTING) || self.expands_to_any(t, &["contoh", "nama", "nama2"])
        };
        let naming = |t: &String| is(t, "contohnya") || is(t, "namanya");
        let asking = |t: &String| self.expands_to_any(t, &["apa", "mana", "siapa"]);
        let all = |t: &String| is(t, "aja") || is(t, "saja");
        // "apa aja …": "aja" is "saja", a stopword written short.
        let content = |t: &String| {
            !self.stopwords.contains(t.as_str())
                && !all(t)
                && !leading(t)
                && !naming(t)
                && !self.expands_to_any(t, QUESTION_WORDS)
        };
        // "162 negara … sebutin": a number before the kind says how many there are.
        let number = |t: &String| {
            t.chars().all(|c| c.is_ascii_digit()) || self.expands_to_any(t, NUMBER_WORDS)
        };
        let k = tokens.iter().position(|t| content(t) && !number(t))?;
        // "sebutin 5 negara …": the number after a request, taken out above, counts too.
        let count = k.checked_sub(1).and_then(|at| {
            let t = &tokens[at];
            t.parse::<u32>()
                .ok()
                // "dua" is 2: the list starts there.
                .or_else(|| self.expansion_in(t, NUMBER_WORDS).map(|p| p as u32 + 2))
                .or(to_list.filter(|_| self.expands_to_any(t, LISTING)))
        });
        let before = &tokens[..k];
        let mut led =
            before.iter().any(leading) || before.windows(2).any(|w| asking(&w[0]) && all(&w[1]));
        let word = |t: &String| self.content_word(t);
        let kind = word(&tokens[k])?;
        let mut between = Vec::new();
        let mut relative = false;
        let mut asked = false;
        let rest = &tokens[k + 1..];
        for (j, t) in rest.iter().enumerate() {
            let listing = asking(t) && rest.get(j + 1).is_some_and(all);
            // "negara pendiri … sebutin dong": the request after the kind, as before it.
            if self.expands_to_any(t, LISTING) {
                led = true;
                asked = true;
                break;
            }
            if (!relative && (asking(t) || naming(t))) || listing {
                if j > 0 && asking(t) && self.expands_to_any(&rest[j - 1], BY_MEANS) {
                    return None;
                }
                // "koperasi internasional contohnya apa": examples of the kind, whatever
                // words say which.
                led |= is(t, "contohnya");
                // "… itu negara apa aja": the kind again just before the asking asks for it.
                led |= j > 0 && word(&rest[j - 1]).as_ref() == Some(&kind);
                asked = true;
                break;
            }
            if is(t, "yang") {
                relative = true;
            } else if t.ends_with("nya") && (relative || content(t)) {
                return None;
            } else if !relative && content(t) {
                between.extend(word(t));
            }
        }
        (led || asked).then_some(Instances {
            kind,
            between,
            led,
            count,
        })
    }

    /// Whether the tokens ask what a term means: a word for meaning ("artinya", "pengertian"),
    /// or "apa itu …" opening the question, or "… itu apa" closing it (chat particles aside).
    fn asks_meaning(&self, tokens: &[String]) -> bool {
        let is = |t: &String, w: &str| self.expands_to(t, w);
        let what = |t: &String| is(t, "apa") || is(t, "apaan");
        let that = |t: &String| is(t, "itu") || is(t, "tuh");
        let mut end = tokens.len();
        while end > 0 && self.expands_to_any(&tokens[end - 1], CLOSING) {
            end -= 1;
        }
        // "X itu sebenarnya apa": a hedge between "itu" and "apa" changes nothing asked.
        let hedged: Vec<String>;
        let tokens = if end >= 3 && is(&tokens[end - 2], "sebenarnya") {
            hedged = [&tokens[..end - 2], &tokens[end - 1..end]].concat();
            end -= 1;
            &hedged[..]
        } else {
            tokens
        };
        // "kerja sama internasional adalah": the start of a definition, its rest asked for.
        let opens_definition = |t: &String| self.expands_to_any(t, &["adalah", "yaitu", "ialah"]);
        tokens.iter().any(|t| self.is_defining(t))
            // "apa itu bisa …" asks whether that can be, not what a term means.
            || matches!(tokens, [a, b, c, ..] if what(a) && that(b) && !self.expands_to_any(c, MODALS))
            || matches!(&tokens[..end], [_, .., b, c] if that(b) && what(c))
            || matches!(&tokens[..end], [_, .., last] if opens_definition(last))
    }

    /// The places in an order the tokens name. "pertama" and "ketiga" … "kesepuluh" always do,
    /// as do "ke3" and "ke 3"; "kedua" only as a rank (after a superlative or a word like
    /// "posisi"), since "kedua negara" means both; a bare number only after a rank word
    /// ("peringkat 1") or after "nomor" following a superlative ("paling gede nomor 2").
    ///
    /// `said` reads a text that states facts (an entry's) rather than asks: there any "kedua"
    /// and any number after a word ("Kongres Pemuda 2", "Kongres Pemuda II") may be a place, so
    /// that a question naming one is not turned away from the entry that says it.
    fn ordinals(&self, tokens: &[String], said: bool) -> Vec<u8> {
        let is = |t: &String, w: &str| self.expands_to(t, w);
        let superlative = |t: &String| {
            (t.starts_with("ter") && t.chars().count() >= 6) || self.expands_to(t, "paling")
        };
        let rank = |t: &String| self.expands_to_any(t, RANKS);
        let number = |t: &str| t.parse::<u8>().ok().filter(|n| (1..=99).contains(n));
        const ROMAN: &[&str] = &["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"];
        let roman = |t: &str| ROMAN.iter().position(|r| *r == t).map(|p| p as u8 + 1);
        let mut out = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            let before = &tokens[i.saturating_sub(3)..i];
            let ranked = before.iter().any(|b| superlative(b) || rank(b));
            let prev = i.checked_sub(1).map(|p| &tokens[p]);
            // "ke3" is a place however it is used.
            let place = t.strip_prefix("ke").and_then(number).or_else(|| {
                match self.expansion_in(t, ORDINALS) {
                    Some(1) if !ranked && !said => None,
                    Some(p) => Some(p as u8 + 1),
                    None if is(t, "kesatu") => Some(1),
                    None => match (number(t), prev) {
                        (Some(n), Some(p)) if is(p, "ke") || rank(p) => Some(n),
                        (Some(n), Some(p)) if self.expands_to_any(p, NUMBERING) && ranked => {
                            Some(n)
                        }
                        (Some(n), Some(_)) if said => Some(n),
                        (None, Some(_)) if said && t.len() > 1 => roman(t),
                        _ => None,
                    },
                }
            });
            if let Some(n) = place
                && !out.contains(&n)
            {
                out.push(n);
            }
        }
        out
    }

    /// The places in an order a text that states facts may name (see `ordinals`), sorted.
    pub fn places_said(&self, text: &str) -> Vec<u8> {
        let mut out = self.ordinals(&raw_tokens(text, &|w| self.is_listed(w)), true);
        out.sort_unstable();
        out
    }

    /// Whether the tokens ask what something is called: "kepanjangan …", "singkatannya",
    /// "namanya apa", "apa namanya", "nama … apa", "… nama resminya apa" (not "yang namanya
    /// X", "nama baik").
    fn asks_name(&self, tokens: &[String]) -> bool {
        let is = |t: &String, w: &str| self.expands_to(t, w);
        let mut end = tokens.len();
        while end > 0 && self.expands_to_any(&tokens[end - 1], CLOSING) {
            end -= 1;
        }
        let tokens = &tokens[..end];
        tokens.iter().any(|t| self.expands_to_any(t, NAMING))
            || tokens.windows(2).any(|w| {
                (self.expands_to_any(&w[0], CALLED) && is(&w[1], "apa"))
                    || (is(&w[0], "apa") && self.expands_to_any(&w[1], CALLED))
            })
            || matches!(tokens, [first, .., last] if is(first, "nama") && is(last, "apa"))
            // "… nama resminya apa", "… nama lengkapnya apa".
            || matches!(tokens, [.., name, _, last] if is(name, "nama") && is(last, "apa"))
    }

    /// Whether `word` names an office a person holds ("presiden", "menteri", "duta"): "siapa
    /// menteri …" asks for a person, which only an answer naming one tells. Founding and
    /// chairing are not offices of people only: countries found and chair organisations.
    fn is_office(&self, word: &str) -> bool {
        self.expands_to_any(word, PERSON_ROLES) && !self.expands_to_any(word, NOT_ONLY_PEOPLE)
    }

    /// Whether `word` is a word for meaning ("artinya", "pengertian").
    pub fn is_defining(&self, word: &str) -> bool {
        self.expands_to_any(word, DEFINING)
    }

    /// Replaces each of the pack's two-word aliases, written as such or in chat spellings
    /// ("org intl" for "org internasional"), with the words it stands for.
    fn read_phrases(&self, tokens: &mut Vec<String>) {
        if self.phrases.is_empty() {
            return;
        }
        let mut i = 0;
        while i + 1 < tokens.len() {
            let (first, second) = (&tokens[i], &tokens[i + 1]);
            let (first_full, second_full) = (
                self.abbreviations.get(first),
                self.abbreviations.get(second),
            );
            let found = self.phrases.iter().find(|([a, b], _)| {
                (first == a || first_full == Some(a)) && (second == b || second_full == Some(b))
            });
            match found {
                Some((_, words)) => {
                    tokens.splice(i..i + 2, words.iter().cloned());
                    i += words.len();
                }
                None => i += 1,
            }
        }
    }

    /// Whether a clause of a message asks something: it ends with a question mark or has a
    /// question word.
    pub fn clause_asks(&self, clause: &str) -> bool {
        clause.trim_end().ends_with('?') || self.has_question_word(clause)
    }

    /// Whether `text` has a question word ("apa", "kenapa", "gimana", "berapa" …), in any
    /// chat spelling the normaliser knows.
    pub fn has_question_word(&self, text: &str) -> bool {
        let tokens = raw_tokens(text, &|w| self.is_listed(w));
        tokens
            .iter()
            .any(|t| self.expands_to_any(t, QUESTION_WORDS))
    }

    /// Whether `word` is written out in the lists the normaliser reads (a short form, or a word
    /// of a two-word alias): such a word keeps its spelling ("free").
    fn is_listed(&self, word: &str) -> bool {
        self.abbreviations.contains_key(word)
            || self
                .phrases
                .iter()
                .any(|(pair, _)| pair.iter().any(|p| p == word))
    }

    /// Whether `token` is `word` or a chat spelling of it.
    fn expands_to(&self, token: &str, word: &str) -> bool {
        token == word || self.abbreviations.get(token).is_some_and(|w| w == word)
    }

    /// Whether `token` is one of `words` or a chat spelling of one: the spelling is looked up
    /// once, not once per word.
    fn expands_to_any(&self, token: &str, words: &[&str]) -> bool {
        self.expansion_in(token, words).is_some()
    }

    /// The place in `words` of the first that `token` is or is a chat spelling of.
    fn expansion_in(&self, token: &str, words: &[&str]) -> Option<usize> {
        let full = self.abbreviations.get(token).map(String::as_str);
        words.iter().position(|&w| token == w || full == Some(w))
    }

    /// Whether `word`, a word no index term stands for, reads as a stopword with its vowels
    /// dropped ("lwt", "ttp"): then it is chat filler, not an unknown word.
    pub fn is_shortened_stopword(&self, word: &str) -> bool {
        fuzzy::shortened(word, &self.tuning).is_some_and(|(skel, vowels)| {
            self.stopword_skeletons
                .get(&skel)
                .is_some_and(|&full| full > vowels)
        })
    }

    /// A misspelt chat compound ("krjasama", "kejrasama", "antarngara"): the index cannot
    /// correct it word by word, because the compound is split before indexing.
    fn compound_typo(&self, raw: &str) -> Option<String> {
        // A word shorter than this is more than one edit from every compound; a typo rarely
        // hits the first letter. Both checks keep the costly search off ordinary words.
        let chars = raw.chars().count();
        let first = raw.chars().next()?;
        if chars + 1 < self.tuning.min_compound_chars
            || !self.compound_initials.contains(&first)
            || self.abbreviations.contains_key(raw)
            || self.stopwords.contains(raw)
        {
            return None;
        }
        let (i, _) = self.compounds.closest(raw)?;
        Some(self.compounds.word(i).to_string())
    }

    /// The compound an affixed word is built on ("bekerjasama", "dikerjasamain" →
    /// "kerjasama"): a chat compound with only affixes around it.
    fn affixed_compound(&self, raw: &str) -> Option<String> {
        const PREFIXES: &[&str] = &["", "ber", "be", "di", "ter", "per", "memper", "diper"];
        const SUFFIXES: &[&str] = &["", "kan", "in", "i", "an", "nya", "kannya", "innya"];
        PREFIXES
            .iter()
            .filter_map(|p| raw.strip_prefix(p))
            .flat_map(|rest| SUFFIXES.iter().filter_map(move |s| rest.strip_suffix(s)))
            .find(|core| core.len() < raw.len() && self.compound_words.contains(*core))
            .map(str::to_string)
    }

    /// The content word `token` stands for alone, if any (not a stopword, filler or
    /// question word).
    fn content_word(&self, token: &str) -> Option<String> {
        let mut one = Normalized::default();
        self.push(token, &mut one);
        one.words.into_iter().next()
    }

    fn push(&self, word: &str, out: &mut Normalized) {
        let asks = match word {
            "kapan" | "kapankah" => Some(Asks::When),
            "berapa" | "berapakah" => Some(Asks::HowMany),
            "siapa" | "siapakah" => Some(Asks::Who),
            "dimana" | "dimanakah" => Some(Asks::Where),
            "kenapa" | "kenapakah" | "mengapakah" => Some(Asks::Why),
            _ => None,
        };
        if let Some(a) = asks {
            if !out.asks.contains(&a) {
                out.asks.push(a);
            }
            return;
        }
        // A lone letter is an initial ("Budi S. Hartono") or a stray key, never a topic.
        let lone_letter = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
        if word.is_empty() || lone_letter || self.stopwords.contains(word) {
            return;
        }
        // "kerja samanya", "itunya", "namanya": filler with "-nya" is still filler.
        if word
            .strip_suffix("nya")
            .is_some_and(|w| FILLER_WITH_NYA.contains(&w))
        {
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
        let stem = self.raw_stem(word);
        match self.synonyms.get(&stem) {
            Some(canonical) => canonical.clone(),
            None => stem,
        }
    }

    fn raw_stem(&self, word: &str) -> String {
        if let Some(root) = WHOLE_ROOTS.iter().find(|r| word.contains(*r)) {
            return root.to_string();
        }
        let mut current = strip_loan_suffix(word).to_string();
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

/// Standard spellings a colloquial word may stand for, most likely first: Jakarta-style "-in"
/// for "-kan"/"-i" ("dilakuin", "ditingkatin"), "nge-" on a short base ("ngecek"), the bare
/// nasal prefix for "meN-" ("ngundang" → "mengundang", "ngirim" → "kirim", "nyari" → "cari",
/// "nyelesain" → "selesaikan", "nentuin" → "tentukan", "milih" → "pilih", "ndiriin" →
/// "mendirikan"), and "e" for "a" in the last syllable ("dapet", "bener").
pub fn colloquial_variants(word: &str) -> Vec<String> {
    // Prefix forms first (the word itself, "nge-" dropped, the bare nasal prefix restored),
    // then each with the suffix forms, so "ngedirin" reaches "mendirikan".
    let mut bases = vec![word.to_string()];
    // "meN-" before d, c and j is "men-": "ngedirikan" and "ndiriin" are "mendirikan", which
    // the stemmer reads whole where "dirikan" would lose "di-" as a prefix.
    let men = |rest: &str| {
        rest.starts_with(['d', 'c', 'j'])
            .then(|| format!("men{rest}"))
    };
    if let Some(rest) = word.strip_prefix("nge")
        && rest.chars().count() >= 3
    {
        bases.extend(men(rest));
        bases.push(rest.to_string());
    }
    let vowel_after = |rest: &str| rest.starts_with(['a', 'i', 'u', 'e', 'o']);
    if let Some(rest) = word.strip_prefix("ng")
        && vowel_after(rest)
    {
        bases.push(format!("meng{rest}"));
        bases.push(format!("k{rest}"));
    } else if let Some(rest) = word.strip_prefix("ny")
        && vowel_after(rest)
    {
        bases.push(format!("s{rest}"));
        bases.push(format!("c{rest}"));
    } else if let Some(rest) = word.strip_prefix('n')
        && vowel_after(rest)
    {
        bases.push(format!("t{rest}"));
    } else if let Some(rest) = word.strip_prefix('n')
        && rest.starts_with('d')
    {
        // Javanese-style "nd-" for "meN-" on a "d" root: "ndiriin" → "mendirikan".
        bases.extend(men(rest));
        bases.push(rest.to_string());
    } else if let Some(rest) = word.strip_prefix('m')
        && vowel_after(rest)
        && !word.starts_with("me")
    {
        bases.push(format!("p{rest}"));
    }
    let mut out = Vec::new();
    for base in &bases {
        if base != word {
            out.push(base.clone());
        }
        if base.chars().count() >= 5
            && let Some(stem) = base.strip_suffix("in")
        {
            out.push(format!("{stem}kan"));
            out.push(format!("{stem}i"));
            // "selesain": the "-in" swallowed the root's last "i" ("selesai" + "-kan").
            if stem.ends_with('a') {
                out.push(format!("{stem}ikan"));
            }
        }
        if let Some(i) = base.rfind('e')
            && i > 0
            && base.len() - i <= 3
        {
            let mut v = base.clone();
            v.replace_range(i..i + 1, "a");
            out.push(v);
        }
    }
    out
}

/// Loanwords take Latin endings the Indonesian stemmer does not know: "diplomasi" and
/// "diplomatik", or "demokrasi" and "demokratis", should meet. Only long words are touched.
fn strip_loan_suffix(word: &str) -> &str {
    if word.chars().count() < 8 {
        return word;
    }
    for suffix in ["tik", "tis", "si"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            return stem;
        }
    }
    word
}

/// Whether `text` holds a sum: two numbers with an operator between them ("3/4 + 2/5",
/// "2x + 5 = 17", "25 x 16"). A slash alone is a date or a fraction ("3/4"), not a sum.
fn is_arithmetic(text: &str) -> bool {
    const OPERATORS: &[char] = &['+', '=', '×', '÷', '*', '^'];
    let numbers = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .count();
    let number = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let words: Vec<&str> = text.split_whitespace().collect();
    let times = words
        .windows(3)
        .any(|w| number(w[0]) && w[1].eq_ignore_ascii_case("x") && number(w[2]));
    numbers >= 2 && (times || text.contains(OPERATORS))
}

/// Lowercases, treats every non-alphanumeric character as a separator, and squeezes letters
/// repeated three or more times ("apaaa" → "apa").
fn raw_tokens(text: &str, listed: &dyn Fn(&str) -> bool) -> Vec<String> {
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
                tokens.push(squeeze_doubles(std::mem::take(&mut current), listed));
            }
            // "9%" says "9 persen".
            if c == '%' {
                tokens.push("persen".to_string());
            }
        }
    }
    if !current.is_empty() {
        tokens.push(squeeze_doubles(current, listed));
    }
    // "F-16", "f 16": a name of one letter and a number, written apart, is one word ("f16").
    let mut i = 1;
    while i < tokens.len() {
        let letter = {
            let mut chars = tokens[i - 1].chars();
            chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
        };
        if letter && tokens[i].chars().all(|c| c.is_ascii_digit()) {
            let number = tokens.remove(i);
            tokens[i - 1].push_str(&number);
        } else {
            i += 1;
        }
    }
    tokens
}

/// A word that ended with a doubled letter from a squeezed run ("apaa") loses the extra one;
/// real Indonesian words rarely end in a double vowel, but listed chat words may ("free").
fn squeeze_doubles(mut word: String, listed: &dyn Fn(&str) -> bool) -> String {
    if listed(&word) {
        return word;
    }
    // "sebanyak2nya" is chat for "sebanyak-banyaknya".
    if word.len() > 5 && word.ends_with("2nya") {
        word.truncate(word.len() - 4);
    }
    // "curiga2an" is chat for "curiga-curigaan": the word it doubles.
    if word.len() > 5
        && word.ends_with("2an")
        && word[..word.len() - 3].chars().all(char::is_alphabetic)
    {
        word.truncate(word.len() - 3);
    }
    // "negara2" is chat for the reduplicated "negara-negara" ("ke2" is the ordinal).
    if word.len() > 2
        && word != "ke2"
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

    /// A small subject of the tests' own, not a shipped pack: a short form, a two-word
    /// phrase, a synonym and a kept word.
    fn solar_system() -> Lexicon {
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        Lexicon {
            home: None,
            names: vec!["jupiter".into()],
            aliases: vec![
                pair("tatasurya", "tata surya"),
                pair("zoo", "kebun binatang"),
                pair("orang angkasa", "astronot"),
                pair("free fall", "jatuh bebas"),
            ],
            synonyms: vec![pair("orbit", "lintasan")],
            keep: vec!["jauh".into()],
            kinds: Vec::new(),
            people: Vec::new(),
        }
    }

    fn subject_words(text: &str) -> Vec<String> {
        Normalizer::with_lexicon(&solar_system(), Tuning::default())
            .normalize(text)
            .words
    }

    #[test]
    fn case_punctuation_and_abbreviations() {
        assert_eq!(
            words("Bedanya PLANET sm bintang apa sih??"),
            ["bedanya", "planet", "bintang"]
        );
        assert_eq!(
            words("gmn cara membuat laporan yg baik"),
            ["cara", "laporan", "baik"]
        );
        assert_eq!(words("apaaa itu fotosintesis???"), ["fotosintesis"]);
        assert_eq!(words("untung atau buntung?"), ["untung", "rugi"]);
        assert_eq!(words("benefit apa"), ["manfaat"]);
        // Courtesies and the classroom around a question are not what it asks about.
        assert_eq!(
            words("Assalamualaikum Bu, mohon maaf, izin bertanya: di buku paket, planet itu apa?"),
            ["planet"]
        );
        assert_eq!(
            words("minta penjelasannya dong, tadi di artikel ada kata gerhana"),
            ["gerhana"]
        );
    }

    #[test]
    fn belonging_to_a_kind_is_asked_and_is_not_coming_in() {
        // "X termasuk … apa" asks which kind X belongs to: the word is kept, whole.
        assert_eq!(
            words("pluto termasuk planet apa bukan"),
            ["pluto", "termasuk", "planet"]
        );
        assert_eq!(words("trmsk planet gk"), ["termasuk", "planet"]);
        // Coming to school ("masuk") is another word, and another stem.
        assert!(!words("bu guru hari ini masuk gk").contains(&"termasuk".to_string()));
        let n = Normalizer::new();
        assert_eq!(n.stem("termasuk"), "termasuk");
        assert_ne!(n.stem("termasuknya"), n.stem("masuk"));
    }

    #[test]
    fn owning_oneself_and_before_are_what_a_question_asks() {
        // Common words the general stopword list drops, which change what is asked.
        assert_eq!(
            words("planet yg blm punya cincin sendiri apa aja"),
            ["planet", "punya", "cincin", "sendiri"]
        );
        assert_eq!(words("sblm ada teleskop gmn"), ["sebelum", "teleskop"]);
        assert_eq!(
            words("semua planet boleh punya cincin?"),
            ["planet", "boleh", "punya", "cincin"]
        );
        assert_eq!(
            words("cahaya matahari sampai lwt apa"),
            ["cahaya", "matahari", "lewat"]
        );
        // Asking leave to ask is a courtesy, not a question of what is allowed.
        assert_eq!(words("boleh tanya kak, planet itu apa"), ["planet"]);
        assert_eq!(words("boleh dijelasin apa itu orbit"), ["orbit"]);
    }

    #[test]
    fn a_packs_aliases_phrases_and_kept_words_are_read() {
        // Without the pack, its words are ordinary words or dropped.
        assert_eq!(words("tatasurya"), ["tatasurya"]);
        assert_eq!(words("planet jauh"), ["planet"]);
        assert_eq!(subject_words("tatasurya kita"), ["tata", "surya"]);
        // A misspelt compound of the pack is corrected like the engine's own.
        assert_eq!(subject_words("ttasurya"), ["tata", "surya"]);
        // A compound with affixes around it is the compound.
        assert_eq!(subject_words("bertatasurya"), ["tata", "surya"]);
        assert_eq!(subject_words("ditatasuryain"), ["tata", "surya"]);
        // Other letters around it make another word.
        assert_ne!(subject_words("xtatasuryaz"), ["tata", "surya"]);
        // A listed word may end in a double vowel.
        assert_eq!(subject_words("zoo"), ["kebun", "binatang"]);
        // A phrase, written in chat spellings too.
        assert_eq!(subject_words("org angkasa itu apa"), ["astronot"]);
        assert_eq!(subject_words("orang angkasa"), ["astronot"]);
        assert_eq!(subject_words("org2 di angkasa"), ["orang", "angkasa"]);
        // A phrase's words keep their double vowels too.
        assert_eq!(subject_words("free fall itu apa"), ["jatuh", "bebas"]);
        assert_eq!(
            subject_words("benda luar angkasa"),
            ["benda", "luar", "angkasa"]
        );
    }

    #[test]
    fn a_packs_name_is_not_read_as_the_engines_short_form() {
        let n = Normalizer::new().normalize("WHO itu apa");
        assert_eq!(
            (n.words.len(), n.asks.as_slice()),
            (0, [Asks::Who].as_slice())
        );
        let lexicon = Lexicon {
            names: vec!["who".into()],
            ..Lexicon::default()
        };
        let n = Normalizer::with_lexicon(&lexicon, Tuning::default()).normalize("WHO itu apa");
        assert_eq!(n.words, ["who"]);
        assert!(n.asks.is_empty());
    }

    #[test]
    fn every_synonym_meets_its_word_and_is_needed() {
        let n = Normalizer::new();
        for (from, to) in SYNONYMS {
            assert_ne!(
                n.raw_stem(from),
                n.raw_stem(to),
                "{from} already meets {to}"
            );
            assert_eq!(n.stem(from), n.stem(to), "{from} does not meet {to}");
        }
        // Affixed forms meet too.
        assert_eq!(n.stem("keuntungannya"), n.stem("manfaat"));
        // A pack's synonyms join the engine's.
        assert_ne!(n.stem("orbit"), n.stem("lintasannya"));
        let n = Normalizer::with_lexicon(&solar_system(), Tuning::default());
        assert_eq!(n.stem("orbit"), n.stem("lintasannya"));
    }

    #[test]
    fn every_chat_spelling_is_listed_once() {
        let mut seen = HashSet::default();
        for (short, _) in ABBREVIATIONS {
            assert!(seen.insert(short), "{short} is listed twice");
        }
    }

    #[test]
    fn a_letter_and_a_number_written_apart_are_one_name() {
        assert_eq!(words("forum K-7 itu apa"), ["forum", "k7"]);
        assert_eq!(words("k 7 ngapain"), ["k7"]);
        // Only a letter before the number: "kelas 9 b" keeps its number alone.
        assert_eq!(words("kelas 9 b"), ["9"]);
    }

    #[test]
    fn chat_shortenings_read_in_context() {
        assert_eq!(words("org2 di desa lain"), ["orang", "desa"]);
        assert_eq!(words("UKS singkatn dr apa"), ["uks"]);
        assert_eq!(words("msy2 desa"), ["masyarakat", "desa"]);
        // "sma", like "sm", is "sama" typed short.
        assert_eq!(words("koperasi sma desa"), words("koperasi sama desa"));
        // A doubled word with "-an" is read as the word it doubles.
        assert_eq!(words("warga curiga2an"), words("warga curiga"));
        assert_eq!(words("ibu kota provinsi"), ["ibukota", "provinsi"]);
        assert_eq!(words("laporannya itunya apa"), ["laporannya"]);
        assert_eq!(words("jubir"), ["juru", "bicara"]);
        // How many items to list is not what is asked; a number elsewhere is.
        assert_eq!(words("Sebutkan 3 dampak hujan!"), ["dampak", "hujan"]);
        assert_eq!(words("sbtkan 4 ciri planet"), ["ciri", "planet"]);
        assert_eq!(words("hujan 3 hari"), ["hujan", "3"]);
        // A number of years ahead is the future.
        assert_eq!(words("teknologi 10 thn lg"), ["teknologi", "masa", "depan"]);
        assert_eq!(words("tahun lalu"), ["tahun"]);
    }

    #[test]
    fn a_long_asking_word_is_read_through_one_typo() {
        let n = Normalizer::new();
        let spelled = |q: &str| n.normalize(q).spelled;
        assert!(spelled("kepanjangan lpk apa"));
        assert!(spelled("kepanjangn lpk apa"));
        assert!(spelled("lpk kepanjanganya apa"));
        // Two typos are another word.
        assert!(!spelled("kepnjangn lpk apa"));
        assert_eq!(words("pengertin koperasi"), words("pengertian koperasi"));
        assert!(n.normalize("pengertin koperasi").defines);
        assert!(!n.normalize("pngertin koperasi").defines);
    }

    #[test]
    fn places_in_an_order_are_read_as_numbers() {
        let n = Normalizer::new();
        for (q, want) in [
            ("investor terbesar kedua di nusantara", vec![2]),
            ("yg plg gede nomor 1 siapa", vec![1]),
            ("peringkat 3 negara apa", vec![3]),
            ("urutan ke-4 siapa", vec![4]),
            ("kongres ke2 kapan", vec![2]),
            ("organisasi pertama yang diikuti", vec![1]),
            ("siapa yang ketiga", vec![3]),
            // "kedua negara" is both countries; "soal no 5" numbers a task.
            ("kenapa kedua negara sama-sama untung", vec![]),
            ("soal no 5 lks jawabannya apa", vec![]),
            ("sebutkan 3 bentuk kerja sama", vec![]),
        ] {
            assert_eq!(n.normalize(q).ordinals, want, "{q}");
        }
        // A text that states facts may name a place with any "kedua" or a number after a word.
        assert_eq!(
            n.places_said("Setelah Kongres Pemuda II, kedua tokoh berdamai."),
            vec![2]
        );
        assert_eq!(
            n.places_said("Kongres Pemuda 2 dan posisi pertama"),
            vec![1, 2]
        );
    }

    #[test]
    fn a_count_of_a_time_asks_when() {
        for q in [
            "tahun berapa",
            "bulan berapa dimulai",
            "tgl brp",
            "abad ke berapa",
        ] {
            let n = Normalizer::new().normalize(q);
            assert_eq!(n.asks, [Asks::When], "{q}");
            assert!(n.calendar, "{q}");
        }
        for q in ["sejak kapan", "kapan dimulai"] {
            let n = Normalizer::new().normalize(q);
            assert_eq!(
                (n.asks.as_slice(), n.calendar),
                ([Asks::When].as_slice(), false)
            );
        }
        assert_eq!(
            Normalizer::new().normalize("berapa negara").asks,
            [Asks::HowMany]
        );
    }

    #[test]
    fn a_time_or_a_city_asked_with_apa_asks_when_or_where() {
        let asks = |q: &str| Normalizer::new().normalize(q).asks;
        for q in [
            "pendaftarannya dibuka bulan apa",
            "lomba itu tahun apa",
            "hari apa rapatnya",
        ] {
            assert_eq!(asks(q), [Asks::When], "{q}");
        }
        for q in [
            "lomba itu diadakan di kota apa",
            "gunung itu ada di pulau apa",
        ] {
            assert_eq!(asks(q), [Asks::Where], "{q}");
        }
        // What a list holds is asked with "apa" after its own words: no place, no time.
        for q in ["kerja sama antar negara apa aja", "dari apa kue itu dibuat"] {
            assert!(asks(q).is_empty(), "{q}");
        }
    }

    #[test]
    fn question_words_are_noted_not_kept() {
        let n = Normalizer::new().normalize("kpn sekolah ini didirikan? siapa pendirinya");
        assert_eq!(n.asks, [Asks::When, Asks::Who]);
        assert_eq!(n.words, ["sekolah", "didirikan", "pendirinya"]);
        let n = Normalizer::new().normalize("brp planet di tata surya");
        assert_eq!(n.asks, [Asks::HowMany]);
        let n = Normalizer::new().normalize("Mengapa hujan turun? knp coba");
        assert_eq!(n.asks, [Asks::Why]);
    }

    #[test]
    fn stems_meet_across_affixes() {
        let n = Normalizer::new();
        assert_eq!(n.stem("perekonomian"), n.stem("ekonomi"));
        assert_eq!(n.stem("perdamaian"), n.stem("damai"));
        assert_eq!(n.stem("perbedaan"), n.stem("bedanya"));
        assert_eq!(n.stem("keuntungan"), n.stem("menguntungkan"));
        assert_eq!(n.stem("uks"), "uks");
        assert_eq!(n.stem("diplomasi"), n.stem("diplomatik"));
        assert_eq!(n.stem("permasalahan"), n.stem("masalah"));
        assert_ne!(n.stem("masalah"), n.stem("masa"));
        assert_ne!(n.stem("sekolah"), n.stem("seko"));
        assert_eq!(n.stem("sejumlah"), n.stem("jumlah"));
        // Words for a conflict between sides meet the word for it.
        assert_eq!(n.stem("berseteru"), n.stem("konflik"));
        assert_eq!(n.stem("pertikaian"), n.stem("konflik"));
        assert_ne!(n.stem("keluar"), n.stem("luar"));
        assert_eq!(n.stem("dikeluarkan"), n.stem("keluar"));
        assert_eq!(n.stem("kekeluargaan"), n.stem("keluarga"));
        assert_ne!(n.stem("keluarga"), n.stem("keluar"));
        // "keluar" is a word of its own, not a stopword.
        assert_eq!(
            n.normalize("nusantara pernah keluar dari organisasi itu")
                .words,
            ["nusantara", "keluar", "organisasi"]
        );
    }

    #[test]
    fn colloquial_nasal_prefixes_reach_the_standard_word() {
        let reaches =
            |word: &str, standard: &str| colloquial_variants(word).iter().any(|v| v == standard);
        assert!(reaches("ngundang", "mengundang"));
        assert!(reaches("ngirim", "kirim"));
        assert!(reaches("nyari", "cari"));
        assert!(reaches("nyelesain", "selesaikan"));
        assert!(reaches("nentuin", "tentukan"));
        assert!(reaches("milih", "pilih"));
        assert!(reaches("ngedirikan", "mendirikan"));
        assert!(reaches("ndiriin", "mendirikan"));
        assert!(reaches("ngecek", "cek"));
        assert!(!reaches("membantu", "pembantu"));
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
