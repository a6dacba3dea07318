use super::*;
use crate::content::{FaqEntry, Lexicon};

/// The lexicon of the small subject these tests' FAQs are written in (not a shipped pack):
/// a home country, the names of its organisations and writers, its short forms and the
/// words its questions turn on.
fn lex() -> Lexicon {
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    Lexicon {
        home: Some("nusantara".into()),
        names: ["nusantara", "apsa", "hartono", "budi", "wirawan", "lpk"]
            .map(String::from)
            .to_vec(),
        aliases: vec![
            pair("kerjasama", "kerja sama"),
            pair("antarnegara", "antar negara"),
            pair("intl", "internasional"),
        ],
        synonyms: vec![pair("hambatan", "tantangan")],
        keep: ["kerja", "negara", "saling", "hubungan", "bersama"]
            .map(String::from)
            .to_vec(),
        kinds: Vec::new(),
        people: Vec::new(),
    }
}

fn entry(
    id: &str,
    question: &str,
    phrasings: &[&str],
    keywords: &[&str],
    answer: &str,
) -> FaqEntry {
    FaqEntry {
        id: id.into(),
        topic: "bentuk".into(),
        question: question.into(),
        phrasings: phrasings.iter().map(|s| s.to_string()).collect(),
        keywords: keywords.iter().map(|s| s.to_string()).collect(),
        answer: answer.into(),
        source: "a.txt".into(),
    }
}

fn faq() -> Vec<FaqEntry> {
    vec![
        entry(
            "beda-bentuk",
            "Apa bedanya kerja sama bilateral, regional, dan multilateral?",
            &["Perbedaan bilateral dan multilateral"],
            &["perbedaan", "bilateral", "multilateral"],
            "Bilateral dilakukan dua negara. Regional dilakukan negara dalam satu kawasan. Multilateral melibatkan banyak negara di berbagai kawasan.",
        ),
        entry(
            "pengertian-bilateral",
            "Apa itu kerja sama bilateral?",
            &["Kerja sama bilateral artinya apa?"],
            &["bilateral"],
            "Kerja sama bilateral adalah kerja sama yang dilakukan oleh dua negara.",
        ),
        entry(
            "mitra-162",
            "Berapa negara yang menjalin kerja sama bilateral dengan Nusantara?",
            &["Nusantara punya berapa mitra bilateral?"],
            &["162 negara"],
            "Nusantara sudah menjalin kerja sama bilateral dengan 162 negara.",
        ),
        entry(
            "apsa-pendiri",
            "Apa peran Nusantara di APSA?",
            &["Nusantara termasuk pendiri APSA?"],
            &["apsa"],
            "Nusantara adalah salah satu pendiri APSA di kawasannya.",
        ),
        entry(
            "prinsip",
            "Apa saja prinsip kerja sama internasional?",
            &["Prinsip-prinsip kerja sama antarnegara"],
            &["prinsip"],
            "Saling menghormati kedaulatan, tidak mencampuri urusan dalam negeri, dan saling menguntungkan.",
        ),
    ]
}

fn outcome(question: &str) -> (Outcome, Option<String>) {
    outcome_with(Vec::new(), question)
}

/// The outcome and best entry for `question` with `extra` entries added to the small FAQ.
fn outcome_with(extra: Vec<FaqEntry>, question: &str) -> (Outcome, Option<String>) {
    let mut faq = faq();
    faq.extend(extra);
    let index = FaqIndex::build(&faq, &lex());
    let m = index.ask(question);
    (m.outcome, m.best.map(|b| faq[b.entry].id.clone()))
}

#[test]
fn typos_and_chat_spelling_find_the_difference_entry() {
    assert_eq!(
        outcome("bedanya bilatral sama multilatral apa"),
        (Outcome::Answer, Some("beda-bentuk".into()))
    );
    assert_eq!(
        outcome("PRINSIP2 kerjasama internasional apa aja sih??"),
        (Outcome::Answer, Some("prinsip".into()))
    );
}

#[test]
fn a_lone_word_no_entry_is_about_offers_nothing() {
    let faq = overlapping();
    let index = FaqIndex::build(&faq, &lex());
    // "terpancing" is in one phrasing, not in any canonical question or keyword: alone, it
    // is not a question the FAQ is written for, and nothing is offered.
    let passing = index.ask("terpancing apa sih");
    assert_eq!(passing.outcome, Outcome::None);
    assert!(passing.suggestions.is_empty());
    // A lone word an entry is about still finds it.
    assert_ne!(index.ask("keamanan").outcome, Outcome::None);
}

#[test]
fn words_typed_without_their_vowels_are_read() {
    // "prbdn", "bltrl", "mltltrl": the consonants of perbedaan, bilateral, multilateral.
    assert_eq!(
        outcome("prbdn bltrl sm mltltrl"),
        (Outcome::Answer, Some("beda-bentuk".into()))
    );
    // "ttp" and "sllu" are stopwords (tetap, selalu) typed short: filler, not unknown words
    // that would weigh against the question's match.
    let faq = faq();
    let index = FaqIndex::build(&faq, &lex());
    let plain = index.rank("apa itu kerja sama bilateral");
    let short = index.rank("apa itu kerja sama bilateral ttp sllu");
    assert_eq!(
        plain.first().map(|s| s.score),
        short.first().map(|s| s.score)
    );
    // A word with its vowels kept is not read as shortened.
    let unknown = index.rank("apa itu kerja sama bilateral tiupan");
    assert!(unknown.first().map_or(0.0, |s| s.score) < plain[0].score);
}

#[test]
fn a_negated_word_is_the_noun_for_its_lack() {
    let extra = vec![
        entry(
            "kesetaraan",
            "Apa arti kesetaraan dalam kerja sama internasional?",
            &["Semua negara setara dalam kerja sama?"],
            &["kesetaraan"],
            "Setiap negara setara dan berhak ikut tanpa diskriminasi.",
        ),
        entry(
            "ketidaksetaraan",
            "Mengapa ketidaksetaraan ekonomi menjadi tantangan?",
            &["Apa itu ketidaksetaraan ekonomi antarnegara?"],
            &["ketidaksetaraan ekonomi"],
            "Negara yang kurang berkembang sulit ikut kerja sama internasional.",
        ),
    ];
    // "ga setara" is the lack of equality, not equality.
    assert_eq!(
        outcome_with(
            extra.clone(),
            "ekonomi tiap negara ga setara, ngaruh ke kerja sama?"
        )
        .1,
        Some("ketidaksetaraan".into())
    );
    assert_eq!(
        outcome_with(extra, "semua negara setara ya dalam kerja sama?").1,
        Some("kesetaraan".into())
    );
    let n = Normalizer::new();
    assert_eq!(n.normalize("tdk mampu").words, ["ketidakmampuan"]);
    // Not being able to is the lack of ability too.
    assert_eq!(n.normalize("gak bisa").words, ["ketidakmampuan"]);
    assert_eq!(n.normalize("tidak dapat").words, ["ketidakmampuan"]);
    assert_eq!(n.normalize("setara").words, ["setara"]);
}

#[test]
fn a_why_question_prefers_an_entry_that_gives_reasons() {
    let faq = vec![
        entry(
            "contoh-dagang",
            "Apa contoh kerja sama perdagangan?",
            &[],
            &["perdagangan"],
            "Contohnya perdagangan bebas di kawasan.",
        ),
        entry(
            "alasan-dagang",
            "Mengapa kerja sama perdagangan penting?",
            &[],
            &["perdagangan"],
            "Karena tidak ada negara yang bisa memenuhi semua kebutuhannya sendiri.",
        ),
    ];
    let ranked = FaqIndex::build(&faq, &lex()).rank("knp kerja sama perdagangan");
    let ids: Vec<&str> = ranked.iter().map(|s| faq[s.entry].id.as_str()).collect();
    assert_eq!(ids, ["alasan-dagang", "contoh-dagang"]);
    let neutral = Tuning {
        wrong_why: 1.0,
        ..Tuning::default()
    };
    let unweighted =
        FaqIndex::with_tuning(&faq, &lex(), neutral).rank("knp kerja sama perdagangan");
    let lead = |r: &[Scored]| r[0].score - r[1].score;
    assert!(lead(&ranked) > lead(&unweighted));
}

#[test]
fn an_answer_that_lists_its_points_answers_how_many() {
    let mut faq = faq();
    faq.extend([
        entry(
            "syarat-efektif",
            "Apa saja syarat kerja sama yang efektif?",
            &[],
            &["syarat"],
            "Pertama, komitmen yang kuat. Kedua, transparansi. Ketiga, fokus pada hasil.",
        ),
        entry(
            "hambatan",
            "Apa saja hambatan kerja sama antarnegara?",
            &[],
            &["hambatan"],
            "Hambatannya antara lain perbedaan politik dan kesenjangan ekonomi.",
        ),
    ]);
    let index = FaqIndex::build(&faq, &lex());
    let top = |q: &str| index.rank(q).first().map_or(0.0, |s| s.score);
    // The listed points are counted; the other answer never says how many.
    assert_eq!(
        index.ask("ada berapa syarat kerja sama efektif").outcome,
        Outcome::Answer
    );
    assert!(top("ada berapa hambatan kerja sama") < 0.5 * top("apa saja hambatan kerja sama"));
}

#[test]
fn the_question_word_must_fit_the_entry() {
    let (o, _) = outcome("kapan APSA didirikan?");
    assert_ne!(o, Outcome::Answer);
    assert_eq!(
        outcome("brp negara mitra bilateral nusantara"),
        (Outcome::Answer, Some("mitra-162".into()))
    );
}

#[test]
fn a_dated_source_answers_when_it_was_written_and_nothing_else() {
    let dated = || {
        vec![
            entry(
                "pendapat-hartono",
                "Apa pendapat Budi Hartono tentang kerja sama internasional?",
                &["Kerja sama internasional menurut Hartono itu apa?"],
                &["Hartono", "1971"],
                "Hartono (1971) menulis bahwa kerja sama internasional terbentuk karena negara ingin berinteraksi secara rutin.",
            ),
            entry(
                "teori-lpk",
                "Apa teori kerja sama internasional menurut Wirawan?",
                &["Peran LPK menurut Wirawan"],
                &["Wirawan", "1971", "LPK"],
                "Wirawan (1971) menyebut LPK sebagai wadah perundingan negara-negara.",
            ),
        ]
    };
    assert_eq!(
        outcome_with(
            dated(),
            "hartono nulis ttg kerja sama internasional thn brp"
        ),
        (Outcome::Answer, Some("pendapat-hartono".into()))
    );
    // The year dates Wirawan's writing, not the organisation the entry mentions.
    assert_ne!(
        outcome_with(dated(), "tahun brp LPK berdiri?").0,
        Outcome::Answer
    );
}

#[test]
fn a_count_is_answered_only_about_what_the_entry_counts() {
    let counting = || {
        vec![entry(
            "peran-kawasan",
            "Apa peran Nusantara di kawasannya?",
            &["Berapa kali Nusantara jadi tuan rumah Pekan Olahraga?"],
            &["APSA", "Pekan Olahraga", "tuan rumah"],
            "Nusantara ikut mendirikan APSA dan sudah dua kali menjadi tuan rumah Pekan Olahraga.",
        )]
    };
    assert_eq!(
        outcome_with(
            counting(),
            "brp kali nusantara jd tuan rumah pekan olahraga"
        ),
        (Outcome::Answer, Some("peran-kawasan".into()))
    );
    // The entry counts the games hosted, not APSA members or terms as its chair.
    for q in [
        "berapa negara di kawasannya yg ikut apsa?",
        "nusantara udah berapa kali jd ketua apsa?",
    ] {
        assert_ne!(outcome_with(counting(), q).0, Outcome::Answer, "{q}");
    }
}

#[test]
fn off_topic_and_empty_questions_get_no_answer() {
    for q in [
        "",
        "   ",
        "😀😀",
        "cara membuat nasi goreng",
        "yang dan atau",
        "/tanya",
        "Привет",
    ] {
        assert_eq!(outcome(q).0, Outcome::None, "{q:?}");
    }
}

#[test]
fn an_ambiguous_single_word_is_unsure_with_suggestions() {
    let faq = faq();
    let index = FaqIndex::build(&faq, &lex());
    // Two entries are about Nusantara's partners and role; the word alone cannot choose.
    let m = index.ask("nusantara");
    assert_eq!(m.outcome, Outcome::Unsure);
    assert!(m.suggestions.len() >= 2 && m.suggestions.len() <= MAX_SUGGESTIONS);
    let ids: Vec<&str> = m
        .suggestions
        .iter()
        .map(|s| faq[s.entry].id.as_str())
        .collect();
    assert!(
        ids.contains(&"mitra-162") && ids.contains(&"apsa-pendiri"),
        "{ids:?}"
    );
}

/// Content words in a short question, for decisions that do not depend on length.
const SHORT: usize = 3;

/// A ranked entry that explains the whole question.
fn s(entry: usize, score: f32) -> Scored {
    Scored {
        entry,
        score,
        focus: 1.0,
        holds_asked: true,
    }
}

#[test]
fn decide_needs_score_margin_and_focus() {
    let t = Tuning::default();
    assert_eq!(
        decide(&[s(0, 0.9), s(1, 0.2)], SHORT, false, &t).outcome,
        Outcome::Answer
    );
    assert!(
        decide(&[s(0, 0.9), s(1, 0.2)], SHORT, false, &t)
            .suggestions
            .is_empty()
    );
    // No clear lead: ask which.
    assert_eq!(
        decide(&[s(0, 0.9), s(1, 0.88)], SHORT, false, &t).outcome,
        Outcome::Unsure
    );
    assert_eq!(
        decide(&[s(0, t.unsure), s(1, t.unsure - 0.02)], SHORT, false, &t).outcome,
        Outcome::Unsure
    );
    let below = Scored {
        entry: 0,
        score: t.unsure - 0.01,
        focus: t.lean_unsure_focus - 0.1,
        holds_asked: true,
    };
    assert_eq!(decide(&[below], SHORT, false, &t).outcome, Outcome::None);
    // A fair score with a wide lead is enough when the entry explains most of the question,
    // not when it explains little of it.
    let lean = |focus| Scored {
        entry: 0,
        score: t.lean_confident,
        focus,
        holds_asked: true,
    };
    let behind = s(1, t.lean_confident - t.lean_margin - 0.01);
    assert!(t.lean_confident < t.confident);
    let long = t.long_words;
    assert_eq!(
        decide(&[lean(1.0), behind], long, false, &t).outcome,
        Outcome::Answer
    );
    assert_eq!(
        decide(&[lean(t.lean_focus - 0.1), behind], long, false, &t).outcome,
        Outcome::Unsure
    );
    // That way is for questions whose many words spread the score thin: a short question
    // with a fair score ("fotosintesis prosesnya gmn" sharing one word) has no such excuse.
    assert!(SHORT < long);
    assert_eq!(
        decide(&[lean(1.0), behind], SHORT, false, &t).outcome,
        Outcome::Unsure
    );
    assert_eq!(decide(&[], SHORT, false, &t).outcome, Outcome::None);
    // One word needs the wider lead: a lone common word is asked of several entries.
    let near_tie = [s(0, 0.8), s(1, 0.8 - (t.margin + t.lone_margin) / 2.0)];
    assert!(t.lone_margin > t.margin);
    assert_eq!(decide(&near_tie, SHORT, false, &t).outcome, Outcome::Answer);
    assert_eq!(decide(&near_tie, 1, false, &t).outcome, Outcome::Unsure);
    assert_eq!(
        decide(&[s(0, 0.8), s(1, 0.8 - t.lone_margin - 0.01)], 1, false, &t).outcome,
        Outcome::Answer
    );
    // A low score still earns suggestions when the entry explains most of the question.
    let thin = |focus| Scored {
        entry: 0,
        score: t.lean_unsure,
        focus,
        holds_asked: true,
    };
    let m = decide(
        &[thin(t.lean_unsure_focus), s(1, t.lean_unsure - 0.02)],
        SHORT,
        false,
        &t,
    );
    assert_eq!(m.outcome, Outcome::Unsure);
    assert_eq!(m.suggestions.len(), 2);
    assert_eq!(
        decide(&[thin(t.lean_unsure_focus - 0.1)], SHORT, false, &t).outcome,
        Outcome::None
    );
    // A question that shares only names with the entry ("ibu kota negara lain") is not it.
    let names_only = Scored {
        entry: 0,
        score: 0.9,
        focus: 0.0,
        holds_asked: true,
    };
    assert_eq!(
        decide(&[names_only], SHORT, false, &t).outcome,
        Outcome::None
    );
}

#[test]
fn a_twin_close_behind_turns_an_answer_into_a_choice() {
    let t = Tuning::default();
    // A lead that is clear between unrelated entries is not between twins.
    let lead = (t.margin + t.twin_margin) / 2.0;
    let ranked = [s(0, 0.5), s(1, 0.5 - lead), s(2, 0.1)];
    assert!(t.twin_margin > t.margin);
    assert_eq!(decide(&ranked, SHORT, false, &t).outcome, Outcome::Answer);
    let m = decide(&ranked, SHORT, true, &t);
    assert_eq!(m.outcome, Outcome::Unsure);
    let offered: Vec<usize> = m.suggestions.iter().map(|s| s.entry).collect();
    assert_eq!(offered, [0, 1]);
    // Even when the twin scores below the usual floor for suggestions, it is offered.
    let low = [
        s(0, t.lean_confident),
        s(1, t.lean_confident - t.twin_margin + 0.005),
    ];
    assert!(low[1].score < t.unsure * 0.75);
    assert_eq!(decide(&low, SHORT, true, &t).suggestions.len(), 2);
    // A wide lead is an answer, twin or not.
    let wide = [s(0, 0.8), s(1, 0.8 - t.twin_margin - 0.01)];
    assert_eq!(decide(&wide, SHORT, true, &t).outcome, Outcome::Answer);
}

#[test]
fn entries_asked_in_the_same_words_are_twins() {
    let mut faq = faq();
    faq.push(entry(
        "syarat-bilateral",
        "Apa syarat kerja sama bilateral?",
        &["Kerja sama bilateral syaratnya apa?"],
        &["syarat", "bilateral"],
        "Kerja sama bilateral dilandasi hubungan baik kedua negara.",
    ));
    let index = FaqIndex::build(&faq, &lex());
    let at = |id: &str| faq.iter().position(|e| e.id == id).expect("entry");
    let (syarat, bilateral) = (at("syarat-bilateral"), at("pengertian-bilateral"));
    assert!(index.twins(syarat, bilateral) && index.twins(bilateral, syarat));
    // Entries that share a word or two are not twins.
    assert!(!index.twins(at("beda-bentuk"), bilateral));
    assert!(!index.twins(at("prinsip"), at("apsa-pendiri")));
    assert!(!index.twins(syarat, syarat));
}

#[test]
fn a_long_question_needs_a_lower_score_for_suggestions() {
    let t = Tuning::default();
    // Many words spread the score thin: a long question that shares several of them with one
    // entry is still worth "Maksud kamu…?"; a short one with the same score is not.
    let thin = Scored {
        entry: 0,
        score: t.long_unsure,
        focus: t.long_unsure_focus,
        holds_asked: true,
    };
    assert!(t.long_unsure < t.unsure);
    let long = decide(&[thin], t.long_words, false, &t);
    assert_eq!(long.outcome, Outcome::Unsure);
    assert_eq!(long.suggestions.len(), 1);
    assert_eq!(
        decide(&[thin], t.long_words - 1, false, &t).outcome,
        Outcome::None
    );
    let unfocused = Scored {
        focus: t.long_unsure_focus - 0.1,
        holds_asked: true,
        ..thin
    };
    assert_eq!(
        decide(&[unfocused], t.long_words, false, &t).outcome,
        Outcome::None
    );
}

/// The lower scores that earn suggestions (a long question's, or one the entry explains most
/// of) are not enough for an entry that lacks the kind of fact asked for: "tahun berapa"
/// about an entry that gives no year is not offered it on a low score. A usual one is.
#[test]
fn a_low_score_offers_no_entry_that_lacks_what_is_asked() {
    let t = Tuning::default();
    let lacking = |score, focus| Scored {
        entry: 0,
        score,
        focus,
        holds_asked: false,
    };
    for (thin, words) in [
        (lacking(t.long_unsure, t.long_unsure_focus), t.long_words),
        (lacking(t.lean_unsure, t.lean_unsure_focus), SHORT),
    ] {
        assert_eq!(decide(&[thin], words, false, &t).outcome, Outcome::None);
        let holding = Scored {
            holds_asked: true,
            ..thin
        };
        assert_eq!(
            decide(&[holding], words, false, &t).outcome,
            Outcome::Unsure
        );
    }
    assert_eq!(
        decide(&[lacking(t.unsure, 0.5)], SHORT, false, &t).outcome,
        Outcome::Unsure
    );
}

#[test]
fn very_long_and_odd_input_is_handled() {
    let faq = faq();
    let index = FaqIndex::build(&faq, &lex());
    let long = "bilateral ".repeat(410);
    assert!(long.len() >= 4096);
    let m = index.ask(&long);
    assert_ne!(m.outcome, Outcome::None);
    for q in [
        "🤔",
        "？？？",
        "مرحبا",
        "你好",
        "/tanya",
        "a",
        "\u{202e}bilateral",
        "yang yang yang",
    ] {
        let m = index.ask(q);
        assert!(
            m.outcome != Outcome::Answer || q.contains("bilateral"),
            "{q:?}"
        );
    }
}

proptest::proptest! {
    #[test]
    fn any_string_gets_a_well_formed_decision(q in "\\PC{0,200}") {
        let index = FaqIndex::build(&faq(), &lex());
        let m = index.ask(&q);
        if let Some(b) = m.best {
            proptest::prop_assert!((0.0..=1.0).contains(&b.score));
        }
        proptest::prop_assert!(m.suggestions.len() <= MAX_SUGGESTIONS);
        if m.outcome != Outcome::Unsure {
            proptest::prop_assert!(m.suggestions.is_empty());
        }
        if m.outcome == Outcome::Answer {
            proptest::prop_assert!(m.best.is_some());
        }
    }

    #[test]
    fn chat_noise_around_a_question_keeps_its_answer(noise in "[ .,!?]{0,5}", upper in proptest::bool::ANY) {
        let index = FaqIndex::build(&faq(), &lex());
        let q = format!("{noise}prinsip kerjasama internasional apa aja{noise}");
        let q = if upper { q.to_uppercase() } else { q };
        let m = index.ask(&q);
        proptest::prop_assert_eq!(m.outcome, Outcome::Answer);
        proptest::prop_assert_eq!(m.best.map(|b| b.entry), Some(4));
    }
}

/// Two entries that share their words, one asked about visas in most of its phrasings, the
/// other once in passing; and one whose rarer phrasing happens to contain "terpancing".
fn overlapping() -> Vec<FaqEntry> {
    vec![
        entry(
            "bebas-visa",
            "Apa keuntungan bebas visa bagi masyarakat?",
            &[
                "Bebas visa bikin masyarakat gampang ke luar negeri?",
                "Kenapa akses bebas visa penting?",
                "Masyarakat bisa ke negara sahabat tanpa visa?",
            ],
            &["bebas visa"],
            "Hubungan baik membuat masyarakat bisa bebas visa ke negara sahabat.",
        ),
        entry(
            "hubungan-baik",
            "Apa manfaat hubungan baik antarnegara bagi masyarakat?",
            &[
                "Hubungan baik antarnegara bikin masyarakat untung apa?",
                "Masyarakat dapat apa dari hubungan baik, misalnya visa?",
                "Kenapa hubungan baik dengan negara sahabat penting?",
            ],
            &["hubungan baik"],
            "Hubungan baik membuat masyarakat lebih mudah bekerja, berdagang dan belajar.",
        ),
        entry(
            "keamanan-tetangga",
            "Apa manfaat kerja sama keamanan dengan negara tetangga?",
            &["Kenapa negara tetangga tidak mudah terpancing kabar bohong?"],
            &["keamanan", "tetangga"],
            "Negara tetangga yang bekerja sama tidak mudah terpancing kabar bohong.",
        ),
    ]
}

#[test]
fn entries_asked_that_way_win_near_ties() {
    let faq = overlapping();
    let lead = |tuning: Tuning| {
        let ranked = FaqIndex::with_tuning(&faq, &lex(), tuning).rank("visa buat masyarakat");
        assert_eq!(faq[ranked[0].entry].id, "bebas-visa");
        ranked[0].score - ranked.get(1).map_or(0.0, |s| s.score)
    };
    let without = Tuning {
        likelihood_share: 0.0,
        ..Tuning::default()
    };
    assert!(Tuning::default().likelihood_share > 0.0);
    assert!(lead(Tuning::default()) > lead(without));
}

#[test]
fn a_lone_word_from_a_rare_phrasing_is_weak_evidence() {
    let faq = overlapping();
    let index = FaqIndex::build(&faq, &lex());
    let core = index.rank("keamanan");
    let rare = index.rank("terpancing");
    assert_eq!(faq[core[0].entry].id, "keamanan-tetangga");
    assert_eq!(faq[rare[0].entry].id, "keamanan-tetangga");
    let plain = FaqIndex::with_tuning(
        &faq,
        &lex(),
        Tuning {
            lone_word: 1.0,
            ..Tuning::default()
        },
    )
    .rank("terpancing");
    assert!(rare[0].score < plain[0].score * 0.8, "{rare:?} {plain:?}");
    assert!((core[0].score - plain_core(&faq)).abs() < 1e-6);
}

/// The score of "keamanan" (a keyword) with the lone-word factor switched off.
fn plain_core(faq: &[FaqEntry]) -> f32 {
    let tuning = Tuning {
        lone_word: 1.0,
        ..Tuning::default()
    };
    FaqIndex::with_tuning(faq, &lex(), tuning).rank("keamanan")[0].score
}

#[test]
fn another_subject_answers_only_when_it_is_clearly_sure() {
    let faq = faq();
    let index = FaqIndex::build(&faq, &lex());
    let q = "bedanya kerja sama bilateral regional multilateral apa";
    let m = index.ask(q);
    assert_eq!(m.outcome, Outcome::Answer);
    let sure = index
        .ask_from_elsewhere(q)
        .map(|b| faq[b.entry].id.as_str());
    assert_eq!(sure, Some("beda-bentuk"));
    // The same answer, held to a bar above its score, is not given from elsewhere.
    let strict = Tuning {
        elsewhere_confident: m.best.map_or(0.0, |b| b.score) + 0.01,
        ..Tuning::default()
    };
    let strict = FaqIndex::with_tuning(&faq, &lex(), strict);
    assert_eq!(strict.ask(q).outcome, Outcome::Answer);
    assert_eq!(strict.ask_from_elsewhere(q), None);
    // A question the index is unsure of is never answered from elsewhere.
    assert_eq!(index.ask("nusantara").outcome, Outcome::Unsure);
    assert_eq!(index.ask_from_elsewhere("nusantara"), None);
}

/// Two entries on eclipses: what one is, asked in many words, and their kinds, asked in
/// few words that repeat "gerhana".
fn eclipses() -> Vec<FaqEntry> {
    vec![
        entry(
            "pengertian-gerhana",
            "Apa yang dimaksud dengan peristiwa gerhana di langit?",
            &[
                "Gerhana itu apa?",
                "Peristiwa langit saat cahaya matahari terhalang disebut apa?",
            ],
            &["peristiwa langit"],
            "Gerhana adalah peristiwa saat cahaya sebuah benda langit terhalang benda langit lain.",
        ),
        entry(
            "jenis-gerhana",
            "Apa saja jenis gerhana?",
            &[
                "Gerhana matahari",
                "Gerhana parsial",
                "Gerhana total",
                "Gerhana cincin",
            ],
            &["gerhana matahari", "gerhana total"],
            "Gerhana matahari ada yang total, parsial, dan berbentuk cincin.",
        ),
    ]
}

#[test]
fn a_question_one_entry_lists_as_a_way_of_asking_is_answered_by_it() {
    let faq = eclipses();
    let index = FaqIndex::build(&faq, &Lexicon::default());
    let id = |m: &Match| m.best.map(|b| faq[b.entry].id.clone());
    for q in ["gerhana tuh apa", "gerhanaa itu apa sih kak", "gerhana"] {
        let m = index.ask(q);
        assert_eq!(m.outcome, Outcome::Answer, "{q}");
        assert_eq!(id(&m).as_deref(), Some("pengertian-gerhana"), "{q}");
        // The scores alone would not have chosen it (nor without weighing that only it
        // says what the word means).
        let plain = FaqIndex::with_tuning(
            &faq,
            &Lexicon::default(),
            Tuning {
                undefined: 1.0,
                ..Tuning::default()
            },
        );
        let alone = decide(&plain.rank(q), 1, false, &Tuning::default());
        assert!(
            alone.outcome != Outcome::Answer || id(&alone).as_deref() != Some("pengertian-gerhana"),
            "{q}: {alone:?}"
        );
    }
    // A way of asking that two entries list chooses neither: the scores decide.
    let mut shared = faq.clone();
    shared[1].phrasings.push("gerhana itu apa sih".into());
    let index = FaqIndex::build(&shared, &Lexicon::default());
    assert_eq!(id(&index.ask("gerhana")).as_deref(), Some("jenis-gerhana"));
    // Nor does a question asked with another question word.
    let index = FaqIndex::build(&faq, &Lexicon::default());
    assert_ne!(index.ask("kapan gerhana").outcome, Outcome::Answer);
}

#[test]
fn a_view_from_someone_the_faq_never_names_is_not_answered() {
    let faq = vec![entry(
        "pengertian-gerhana",
        "Apa pengertian gerhana?",
        &["Gerhana itu apa?", "Pengertian gerhana menurut para ahli"],
        &["gerhana"],
        "Gerhana adalah peristiwa saat cahaya sebuah benda langit terhalang benda langit lain.",
    )];
    let index = FaqIndex::build(&faq, &Lexicon::default());
    assert_eq!(index.ask("pengertian gerhana").outcome, Outcome::Answer);
    assert_eq!(
        index.ask("pengertian gerhana menurut para ahli").outcome,
        Outcome::Answer
    );
    assert_ne!(
        index.ask("pengertian gerhana menurut soemardjan").outcome,
        Outcome::Answer
    );
    let n = Normalizer::new();
    assert_eq!(
        n.normalize("menurut para ahli").cited.as_deref(),
        Some("ahli")
    );
    assert_eq!(
        n.normalize("mnurut selo itu").cited.as_deref(),
        Some("selo")
    );
    assert_eq!(n.normalize("gerhana itu apa").cited, None);
}

#[test]
fn a_time_the_answer_states_answers_when_of_what_the_entry_is_about_only() {
    let faq = vec![
        entry(
            "sejarah-teleskop",
            "Bagaimana sejarah teleskop?",
            &[
                "Sejak kapan teleskop dipakai?",
                "Apa hubungan Galileo dengan teleskop?",
                "Galileo mengamati apa dengan teleskop?",
            ],
            &["teleskop", "galileo"],
            "Teleskop dipakai untuk mengamati langit sejak abad ke-17, setelah Galileo \
             mengarahkannya ke Jupiter.",
        ),
        entry(
            "fungsi-teleskop",
            "Apa fungsi teleskop?",
            &["Teleskop gunanya apa?"],
            &["fungsi"],
            "Teleskop membuat benda langit yang jauh tampak lebih dekat dan jelas.",
        ),
    ];
    let index = FaqIndex::build(&faq, &Lexicon::default());
    let answered = |q: &str| {
        let m = index.ask(q);
        (m.outcome == Outcome::Answer).then(|| faq[m.best.map_or(0, |b| b.entry)].id.clone())
    };
    assert_eq!(
        answered("sejak kapan teleskop dipakai").as_deref(),
        Some("sejarah-teleskop")
    );
    assert_eq!(
        answered("teleskop mulai dipakai kapan").as_deref(),
        Some("sejarah-teleskop")
    );
    // Galileo is a detail of the entry, not what it is about: when he lived is not in it.
    assert_eq!(answered("kapan galileo lahir"), None);
    assert_eq!(answered("galileo tahun brp"), None);
}

#[test]
fn between_close_entries_the_one_whose_question_is_asked_whole_answers() {
    let faq = vec![
        entry(
            "dampak-hujan",
            "Apa saja dampak hujan deras?",
            &[
                "Banjir dan longsor termasuk akibat hujan deras?",
                "Kenapa jalan jadi licin kalau hujan deras turun?",
            ],
            &["banjir", "longsor"],
            "Hujan deras bisa menimbulkan banjir, longsor, dan jalan licin bagi warga.",
        ),
        entry(
            "dampak-hujan-sawah",
            "Apa dampak hujan deras bagi sawah petani?",
            &[
                "Dampak hujan deras bagi petani",
                "Dampak hujan deras untuk sawah",
                "Dampak hujan deras saat panen",
                "Hujan deras dampaknya ke sawah",
            ],
            &["sawah", "petani"],
            "Hujan deras bisa merendam sawah sehingga petani gagal panen.",
        ),
    ];
    let index = FaqIndex::build(&faq, &Lexicon::default());
    let q = "sebutkan dampak hujan deras dong";
    let ranked = index.rank(q);
    let twins = index.twins(ranked[0].entry, ranked[1].entry);
    // The scores alone cannot choose: the first entry leads by little.
    let alone = decide(&ranked, 3, twins, &Tuning::default());
    assert_eq!(alone.outcome, Outcome::Unsure, "{ranked:?}");
    let m = index.ask(q);
    assert_eq!(m.outcome, Outcome::Answer);
    assert_eq!(
        m.best.map(|b| faq[b.entry].id.as_str()),
        Some("dampak-hujan")
    );
    // Asked about the fields, the general entry does not take it.
    let m = index.ask("dampak hujan deras buat sawah");
    assert_ne!(
        m.best.map(|b| faq[b.entry].id.as_str()),
        Some("dampak-hujan")
    );
}

/// Entries on working together in a region and on one organisation of it, for questions that set
/// the organisation aside or name it.
fn regional_entries() -> Vec<FaqEntry> {
    vec![
        entry(
            "regional",
            "Apa itu kerja sama regional?",
            &[
                "Contoh kerja sama regional apa saja?",
                "Kerja sama negara satu kawasan disebut apa?",
            ],
            &["regional", "kawasan"],
            "Kerja sama regional adalah kerja sama negara-negara dalam satu kawasan, misalnya APSA dan LPK.",
        ),
        entry(
            "apsa",
            "Apa itu APSA?",
            &[
                "APSA itu contoh kerja sama regional?",
                "APSA termasuk kerja sama apa?",
            ],
            &["apsa"],
            "APSA adalah contoh kerja sama regional di kawasan Nusantara.",
        ),
    ]
}

#[test]
fn a_question_that_sets_something_aside_is_not_about_it() {
    let n = Normalizer::new().normalize("contoh kerja sama regional selain APSA apa lagi?");
    assert_eq!(n.besides, ["apsa"]);
    assert!(!n.words.iter().any(|w| w == "selain"), "{:?}", n.words);
    let faq: Vec<FaqEntry> = faq().into_iter().chain(regional_entries()).collect();
    let ask = |tuning: Tuning| {
        let index = FaqIndex::with_tuning(&faq, &lex(), tuning);
        let m = index.ask("contoh kerja sama regional selain APSA apa lagi?");
        (m.outcome, m.best.map(|b| faq[b.entry].id.clone()))
    };
    let without = ask(Tuning {
        set_aside: 1.0,
        ..Tuning::default()
    });
    assert_ne!(without, (Outcome::Answer, Some("regional".into())));
    assert_eq!(
        ask(Tuning::default()),
        (Outcome::Answer, Some("regional".into()))
    );
}

fn benefit_entries() -> Vec<FaqEntry> {
    vec![
        entry(
            "manfaat-bidang",
            "Kerja sama internasional memberi manfaat di bidang apa saja?",
            &[
                "Manfaat kerja sama ada di bidang apa aja?",
                "Bidang yang dapat manfaat dari kerja sama",
            ],
            &["manfaat", "bidang"],
            "Manfaatnya ada di bidang ideologi dan politik, ekonomi, sosial budaya, serta pertahanan dan keamanan.",
        ),
        entry(
            "manfaat-ideologi",
            "Apa manfaat kerja sama internasional di bidang ideologi dan politik?",
            &[
                "Manfaat kerja sama untuk politik",
                "Kerja sama membantu ideologi negara?",
            ],
            &["ideologi", "politik"],
            "Di bidang ideologi dan politik, kerja sama membuat negara saling memahami dan menjaga kedaulatan.",
        ),
        entry(
            "manfaat-ekonomi",
            "Apa manfaat kerja sama internasional di bidang ekonomi?",
            &[
                "Manfaat kerja sama untuk ekonomi",
                "Kerja sama bikin ekonomi tumbuh?",
            ],
            &["ekonomi"],
            "Di bidang ekonomi, kerja sama membuka pasar dan menambah investasi.",
        ),
    ]
}

/// Between a list entry and a focused one close behind each other, a word that only the
/// focused one is asked with decides: "ideologi" is asked of the entry on ideology alone.
#[test]
fn a_word_only_one_close_entry_is_asked_with_decides_between_them() {
    let faq: Vec<FaqEntry> = faq().into_iter().chain(benefit_entries()).collect();
    let index = FaqIndex::build(&faq, &lex());
    let q = "manfaat kerjasama bidang ideologi";
    let ranked = index.rank(q);
    let id = |s: &Scored| faq[s.entry].id.as_str();
    assert_eq!(
        ranked.iter().take(2).map(id).collect::<Vec<_>>(),
        ["manfaat-ideologi", "manfaat-bidang"]
    );
    // On scores alone the two are too close to choose …
    assert_eq!(
        decide(&ranked, 4, false, &Tuning::default()).outcome,
        Outcome::Unsure
    );
    // … and the word only one of them is asked with settles it.
    let m = index.ask(q);
    assert_eq!(m.outcome, Outcome::Answer);
    assert_eq!(
        m.best.map(|b| faq[b.entry].id.as_str()),
        Some("manfaat-ideologi")
    );
}

/// A general entry and two that ask the same about one field each.
fn rain_entries() -> Vec<FaqEntry> {
    vec![
        entry(
            "dampak-positif",
            "Apa saja dampak positif hujan?",
            &["Hujan membawa kebaikan apa saja?"],
            &["dampak positif"],
            "Hujan mengisi sumur, menyuburkan tanah, dan menyejukkan udara.",
        ),
        entry(
            "dampak-positif-sawah",
            "Apa dampak positif hujan di bidang pertanian?",
            &[
                "Hujan bagus buat kehidupan masyarakat desa?",
                "Hujan bantu masyarakat petani?",
            ],
            &["sawah", "pertanian"],
            "Hujan mengairi sawah sehingga panen petani dan kehidupan desa membaik.",
        ),
        entry(
            "dampak-positif-kota",
            "Apa dampak positif hujan di bidang kesehatan?",
            &[
                "Hujan bagus buat kehidupan masyarakat kota?",
                "Hujan bikin masyarakat sehat?",
            ],
            &["kesehatan"],
            "Hujan membersihkan udara kota sehingga kehidupan masyarakat lebih sehat.",
        ),
    ]
}

/// Of the entries offered, the one whose question is asked whole answers when every other
/// asks the same about a field the question never names.
#[test]
fn the_entry_asked_whole_answers_when_the_others_narrow_it_unasked() {
    let faq = rain_entries();
    let index = FaqIndex::build(&faq, &Lexicon::default());
    let id = |s: &Scored| faq[s.entry].id.as_str();
    let q = "sebutkan dampak positif hujan bagi kehidupan masyarakat";
    let ranked = index.rank(q);
    // On scores the narrower entries lead, too close to choose between …
    assert_ne!(ranked.first().map(id), Some("dampak-positif"));
    assert_eq!(
        decide(&ranked, 4, false, &Tuning::default()).outcome,
        Outcome::Unsure
    );
    // … but the question asks the general one whole and no field.
    let m = index.ask(q);
    assert_eq!(
        (m.outcome, m.best.as_ref().map(id)),
        (Outcome::Answer, Some("dampak-positif"))
    );
    // Naming a field is asking about it.
    let m = index.ask("dampak positif hujan bagi kesehatan masyarakat");
    assert_ne!(m.best.as_ref().map(id), Some("dampak-positif"));
}

/// A message that wraps one question in greetings is answered from that question, when the
/// entry the whole message ranks first is the one the question clause is sure of.
#[test]
fn a_message_is_answered_from_its_one_question() {
    let faq: Vec<FaqEntry> = faq().into_iter().chain(benefit_entries()).collect();
    let index = FaqIndex::build(&faq, &lex());
    let id = |m: &Match| m.best.map(|b| faq[b.entry].id.clone());
    let polite = "Selamat siang Bu, semoga sehat selalu dan lancar mengajarnya. Saya mau \
                  bertanya, kerja sama bilateral itu yang seperti apa? Terima kasih banyak Bu.";
    let (whole, _, _) = index.ask_whole(polite);
    assert_ne!(whole.outcome, Outcome::Answer);
    assert_eq!(id(&whole).as_deref(), Some("pengertian-bilateral"));
    let m = index.ask(polite);
    assert_eq!(m.outcome, Outcome::Answer);
    assert_eq!(id(&m).as_deref(), Some("pengertian-bilateral"));
    // Two questions in one message: neither clause speaks for the whole.
    let two = "Selamat siang Bu, maaf mengganggu waktunya sebentar. Apa itu kerja sama \
               bilateral? Dan kapan pertama kali kerja sama itu dimulai?";
    assert_eq!(index.ask(two), index.ask_whole(two).0);
}

#[test]
fn initials_are_not_words() {
    let n = Normalizer::new().normalize("pendapat Budi S. Hartono, W. apa?");
    assert_eq!(n.words, ["pendapat", "budi", "hartono"]);
}

/// A "kenapa" question that the scores cannot settle between its two best entries goes to
/// the one written to give a reason.
#[test]
fn a_why_question_between_two_entries_goes_to_the_one_that_gives_reasons() {
    let faq = vec![
        entry(
            "alasan-selektif",
            "Mengapa kita harus selektif terhadap budaya asing?",
            &["Alasan menyaring budaya luar"],
            &["selektif", "alasan"],
            "Karena budaya asing bisa tidak sesuai dengan kepribadian bangsa.",
        ),
        entry(
            "pengertian-selektif",
            "Apa yang dimaksud dengan sikap selektif terhadap budaya asing?",
            &["Sikap selektif itu apa?", "Kenapa disebut sikap selektif?"],
            &["sikap selektif"],
            "Sikap selektif berarti menyaring budaya asing yang masuk dengan teliti.",
        ),
    ];
    // Leads so wide that no answer is clear on scores alone: only the rules decide.
    let tuning = Tuning {
        margin: 1.0,
        lean_margin: 1.0,
        ..Tuning::default()
    };
    let index = FaqIndex::with_tuning(&faq, &Lexicon::default(), tuning);
    let id = |m: &Match| m.best.map(|b| faq[b.entry].id.as_str());
    let q = "kenapa harus selektif";
    assert_eq!(
        index.rank(q).first().map(|s| faq[s.entry].id.as_str()),
        Some("pengertian-selektif")
    );
    let m = index.ask(q);
    assert_eq!(
        (m.outcome, id(&m)),
        (Outcome::Answer, Some("alasan-selektif"))
    );
    // Not asked why, the rule stays out of it.
    let m = index.ask("selektif itu harus");
    assert_ne!(
        (m.outcome, id(&m)),
        (Outcome::Answer, Some("alasan-selektif"))
    );
}

/// Entries on organisations in general, on a product sold abroad and on a writer.
fn named_facts() -> Vec<FaqEntry> {
    let mut faq = faq();
    faq.push(entry(
        "organisasi",
        "Apa itu organisasi internasional?",
        &[
            "Organisasi internasional beranggotakan berapa negara?",
            "Contoh organisasi internasional apa saja?",
        ],
        &["organisasi internasional"],
        "Organisasi internasional beranggotakan lebih dari dua negara, misalnya APSA dan LPK.",
    ));
    faq.push(entry(
        "produk",
        "Produk Nusantara apa saja yang laku di luar negeri?",
        &["Ekspor kopi Nusantara"],
        &["produk", "kopi"],
        "Kopi dan kayu Nusantara laku di pasar Wirawan.",
    ));
    faq.push(entry(
        "hartono",
        "Apa pendapat Budi Hartono tentang kerja sama?",
        &["Kerja sama menurut Budi Hartono"],
        &["budi hartono"],
        "Menurut Budi Hartono, kerja sama adalah interaksi rutin antarnegara.",
    ));
    faq
}

/// "berapa", "kapan", "siapa", "di mana" about something the question names: only an entry
/// about that thing can hold the fact, however well another is asked that way in general.
#[test]
fn a_fact_about_something_named_needs_an_entry_about_it() {
    let faq = named_facts();
    let index = FaqIndex::build(&faq, &lex());
    let id = |m: &Match| m.best.map(|b| faq[b.entry].id.as_str());
    let m = index.ask("organisasi internasional beranggotakan berapa negara");
    assert_eq!((m.outcome, id(&m)), (Outcome::Answer, Some("organisasi")));
    // The count of LPK's members is not in the entry on organisations in general.
    let m = index.ask("organisasi LPK beranggotakan berapa negara?");
    assert_eq!(m.outcome, Outcome::None, "{:?}", id(&m));
}

#[test]
fn where_asks_for_a_place_the_answer_gives() {
    let n = Normalizer::new();
    for q in [
        "markas apsa di mana",
        "dia orang negara mana",
        "asalnya dari mana",
    ] {
        assert_eq!(n.normalize(q).asks, [Asks::Where], "{q}");
    }
    // "bedanya … di mana" asks for the difference; "yang mana" for a choice.
    for q in [
        "bedanya bilateral sama multilateral di mana",
        "yang mana contohnya",
    ] {
        assert!(n.normalize(q).asks.is_empty(), "{q}");
    }
    let faq = named_facts();
    let index = FaqIndex::build(&faq, &lex());
    let id = |m: &Match| m.best.map(|b| faq[b.entry].id.as_str());
    // The answer names the market: it says where.
    let m = index.ask("kopi nusantara laku di negara mana");
    assert_eq!((m.outcome, id(&m)), (Outcome::Answer, Some("produk")));
    // The answer names only the writer the question names: it does not say where he is from.
    let m = index.ask("budi hartono itu orang negara mana");
    assert_ne!(m.outcome, Outcome::Answer, "{:?}", id(&m));
    // A city is a kind of place the answer never mentions: naming a country does not say it.
    assert_eq!(
        n.normalize("kopi nusantara laku di kota mana")
            .asked_for
            .as_deref(),
        Some("kota")
    );
    let m = index.ask("kopi nusantara laku di kota mana");
    assert_ne!(m.outcome, Outcome::Answer, "{:?}", id(&m));
    // So is a port: "pelabuhan mana" asks where, for that kind of place.
    let port = n.normalize("kopi nusantara dikirim dari pelabuhan mana");
    assert_eq!(port.asks, [Asks::Where]);
    assert_eq!(port.place.as_deref(), Some("pelabuhan"));
}

/// The fixture lexicon with its names typed: Wirawan a country, Lazuardi a region.
fn typed_places() -> Lexicon {
    let mut lexicon = lex();
    lexicon.names.push("lazuardi".into());
    lexicon.kinds = vec![
        ("negara".into(), vec!["wirawan".into()]),
        ("kawasan".into(), vec!["lazuardi".into()]),
    ];
    lexicon
}

/// "negara mana" asks for a country: where the lexicon says which names are countries, an
/// answer naming only a region or an organisation does not tell it, and one naming a country
/// does, without the word "negara".
#[test]
fn a_kind_of_place_is_told_only_by_a_name_of_that_kind() {
    let mut faq = named_facts();
    faq.push(entry(
        "visa",
        "Apa hubungan kerja sama dengan bebas visa?",
        &["Bebas visa ada hubungannya dengan kerja sama?"],
        &["bebas visa"],
        "Hubungan yang baik membuka peluang bebas visa, dengan harapan ke negara-negara besar di Lazuardi, sedangkan APSA mengurus paspornya.",
    ));
    let lexicon = typed_places();
    let index = FaqIndex::build(&faq, &lexicon);
    let id = |m: &Match| m.best.map(|b| faq[b.entry].id.as_str());
    let n = Normalizer::with_lexicon(&lexicon, Tuning::default());
    assert_eq!(
        n.normalize("ngr mana aja yg bebas visa").place.as_deref(),
        Some("negara")
    );
    // A region and an organisation are named, but no country.
    let m = index.ask("negara mana aja yg bebas visa buat nusantara");
    assert_ne!(m.outcome, Outcome::Answer, "{:?}", id(&m));
    // A word saying which countries may stand between the kind and "mana".
    assert_eq!(
        n.normalize("ngr lazuardi mana aja yg bebas visa")
            .place
            .as_deref(),
        Some("negara")
    );
    let m = index.ask("negara lazuardi mana aja yg udh bebas visa");
    assert_ne!(m.outcome, Outcome::Answer, "{:?}", id(&m));
    // The region is what "kawasan mana" asks.
    let m = index.ask("bebas visa ke kawasan mana");
    assert_eq!((m.outcome, id(&m)), (Outcome::Answer, Some("visa")));
    // The market is a country the answer names.
    let m = index.ask("kopi nusantara laku di negara mana");
    assert_eq!((m.outcome, id(&m)), (Outcome::Answer, Some("produk")));
    // Without kinds, any name the question does not give tells where.
    let untyped = FaqIndex::build(&faq, &lex());
    let m = untyped.ask("negara mana aja yg bebas visa buat nusantara");
    assert_eq!((m.outcome, id(&m)), (Outcome::Answer, Some("visa")));
}

/// "siapa aja negara pendiri …" asks for countries: where the lexicon says which names are
/// countries, an answer naming none but the one the question gives does not tell it.
#[test]
fn who_of_a_kind_of_place_is_told_only_by_a_name_of_that_kind() {
    let faq = vec![
        entry(
            "lpk",
            "Apa itu LPK?",
            &["Apakah Nusantara pendiri LPK?", "LPK itu kerja sama apa?"],
            &["lpk", "pendiri"],
            "LPK adalah lembaga kerja sama pangan di kawasan Lazuardi. Nusantara adalah salah \
             satu negara pendiri LPK.",
        ),
        entry(
            "apsa",
            "Apa itu APSA?",
            &["APSA itu kerja sama apa?"],
            &["apsa", "pendiri"],
            "APSA adalah kerja sama pelabuhan yang didirikan oleh Nusantara dan Wirawan.",
        ),
    ];
    let typed = FaqIndex::build(&faq, &typed_places());
    let id = |m: &Match| m.best.map(|b| faq[b.entry].id.as_str());
    for q in [
        "siapa aja negara pendiri lpk selain nusantara",
        "negara pendiri lpk selain nusantara siapa aja",
        // A name last before the asking says which of the kind: it is the kind that is asked.
        "negara pendiri lpk apa aja",
        // A count before the kind, and the request after it.
        "5 negara pendiri lpk sebutin dong",
    ] {
        let m = typed.ask(q);
        assert_ne!(m.outcome, Outcome::Answer, "{q}: {:?}", id(&m));
        // Without kinds, the entry on it may name the founders without being asked.
        let m = FaqIndex::build(&faq, &lex()).ask(q);
        assert_eq!((m.outcome, id(&m)), (Outcome::Answer, Some("lpk")), "{q}");
    }
    // The answer names another country: Wirawan.
    let m = typed.ask("siapa aja negara pendiri apsa");
    assert_eq!((m.outcome, id(&m)), (Outcome::Answer, Some("apsa")));
}

/// A "siapa" asking for names of a kind is told by one in the sentence saying most of the
/// question, not by a country the answer names about something else.
#[test]
fn who_of_a_kind_is_told_in_the_sentence_saying_most_of_the_question() {
    let faq = vec![entry(
        "lpk",
        "Apa itu LPK?",
        &["Apakah Nusantara pendiri LPK?", "LPK itu kerja sama apa?"],
        &["lpk", "pendiri"],
        "LPK adalah lembaga kerja sama pangan yang menjangkau Wirawan dan kawasan Lazuardi. \
         Nusantara adalah salah satu negara pendiri LPK.",
    )];
    let typed = FaqIndex::build(&faq, &typed_places());
    let id = |m: &Match| m.best.map(|b| faq[b.entry].id.as_str());
    let m = typed.ask("negara pendiri lpk selain nusantara siapa aja");
    assert_ne!(m.outcome, Outcome::Answer, "{:?}", id(&m));
    // Wirawan, in the sentence saying most of it, tells who else reaches it.
    let m = typed.ask("negara yg dijangkau lpk siapa aja");
    assert_eq!((m.outcome, id(&m)), (Outcome::Answer, Some("lpk")));
}

/// "pendiri x selain y siapa aja" asks for others of the kind y is of: a country set aside asks
/// for countries, which a region the answer names does not tell.
#[test]
fn who_besides_a_name_asks_for_others_of_its_kind() {
    let faq = vec![entry(
        "apsa",
        "Apa itu APSA?",
        &["APSA itu kerja sama apa?", "Wirawan ikut mendirikan APSA?"],
        &["apsa", "pendiri"],
        "APSA adalah kerja sama pelabuhan di kawasan Lazuardi. Wirawan adalah salah satu \
         negara pendiri APSA.",
    )];
    let id = |m: &Match| m.best.map(|b| faq[b.entry].id.as_str());
    let typed = FaqIndex::build(&faq, &typed_places());
    let m = typed.ask("pendiri apsa selain wirawan siapa aja");
    assert_ne!(m.outcome, Outcome::Answer, "{:?}", id(&m));
    // Asked without setting Wirawan aside, the answer names a founder.
    let m = typed.ask("pendiri apsa siapa aja");
    assert_eq!((m.outcome, id(&m)), (Outcome::Answer, Some("apsa")));
}

/// "tahun depan …" asks about a time ahead: an answer that never speaks of the future does not
/// tell it, and one that does ("masa depan …") still answers "10 tahun lagi".
#[test]
fn a_time_ahead_is_told_only_by_an_answer_about_the_future() {
    let faq = vec![
        entry(
            "investasi",
            "Berapa investasi Wirawan di Nusantara?",
            &["Investasi Wirawan di Nusantara naik?"],
            &["investasi", "wirawan"],
            "Investasi Wirawan di Nusantara naik 9% tahun ini.",
        ),
        entry(
            "masa-depan",
            "Bagaimana masa depan kerja sama pangan?",
            &["Kerja sama pangan nanti bakal gimana?"],
            &["masa depan", "kerja sama pangan"],
            "Masa depan kerja sama pangan akan semakin kompleks dan menantang.",
        ),
    ];
    let index = FaqIndex::build(&faq, &lex());
    let id = |m: &Match| m.best.map(|b| faq[b.entry].id.as_str());
    let n = Normalizer::with_lexicon(&lex(), Tuning::default());
    assert!(
        n.normalize("tahun depan investasi wirawan naik lg gk")
            .future
    );
    assert!(n.normalize("kerja sama pangan 10 thn lg bakal gmn").future);
    assert!(!n.normalize("investasi wirawan tahun ini naik brp").future);
    let m = index.ask("investasi wirawan naik gk");
    assert_eq!((m.outcome, id(&m)), (Outcome::Answer, Some("investasi")));
    let m = index.ask("tahun depan investasi wirawan naik lg gk");
    assert_ne!(m.outcome, Outcome::Answer, "{:?}", id(&m));
    let m = index.ask("kerja sama pangan 10 thn lg bakal gmn");
    assert_eq!((m.outcome, id(&m)), (Outcome::Answer, Some("masa-depan")));
}

/// "siapa menteri …" asks for the person holding an office: where the lexicon says who the
/// articles name, an answer naming only the office ("melibatkan presiden, menteri …") does
/// not tell it; "siapa aja yg terlibat, menteri doang?" asks which kinds of people take part.
#[test]
fn who_holds_an_office_is_told_only_by_an_answer_naming_a_person() {
    let n = Normalizer::new();
    assert!(n.normalize("menteri pangan nusantara skrg siapa").office);
    assert!(n.normalize("siapa menteri pangan sekarang").office);
    assert!(!n.normalize("siapa aja yg terlibat, menteri doang?").office);
    assert!(
        !n.normalize("yg ngurus kerja sama pangan tuh siapa, menteri?")
            .office
    );
    let faq = vec![entry(
        "aktor",
        "Siapa saja yang terlibat dalam kerja sama pangan?",
        &[
            "Siapa yang mengurus kerja sama pangan?",
            "Menteri ikut kerja sama pangan?",
        ],
        &["aktor", "tokoh"],
        "Kerja sama pangan melibatkan tokoh utama negara, misalnya presiden dan menteri \
         pangan, serta para diplomat.",
    )];
    let mut lexicon = lex();
    lexicon.names.push("hartono".into());
    lexicon.people = vec!["hartono".into()];
    let index = FaqIndex::build(&faq, &lexicon);
    let id = |m: &Match| m.best.map(|b| faq[b.entry].id.as_str());
    let m = index.ask("siapa menteri pangan sekarang");
    assert_eq!(m.outcome, Outcome::None, "{:?}", id(&m));
    let m = index.ask("siapa aja yg terlibat dlm kerja sama pangan, menteri doang?");
    assert_eq!((m.outcome, id(&m)), (Outcome::Answer, Some("aktor")));
    // Without the people of the articles listed, the office named is all there is to go on.
    let m = FaqIndex::build(&faq, &lex()).ask("siapa menteri pangan sekarang");
    assert_ne!(m.outcome, Outcome::None);
}

/// "kenapa … paling banyak" asks why something is first of a ranking: an answer that only
/// ranks it, and is not asked why, does not tell it; asked whether it is first, it does.
#[test]
fn why_something_is_first_is_not_told_by_the_ranking_alone() {
    let faq = vec![entry(
        "bantuan-pangan",
        "Apa bantuan pangan yang diterima Nusantara dari Wirawan?",
        &["Nusantara penerima bantuan pangan terbesar, ya?"],
        &["bantuan pangan", "wirawan"],
        "Nusantara tercatat sebagai penerima bantuan pangan terbesar dari Wirawan, sekitar 17% \
         dari seluruh bantuannya.",
    )];
    let index = FaqIndex::build(&faq, &lex());
    let id = |m: &Match| m.best.map(|b| faq[b.entry].id.as_str());
    let m = index.ask("kenapa wirawan ngasih bantuan pangan paling banyak ke nusantara");
    assert_ne!(m.outcome, Outcome::Answer, "{:?}", id(&m));
    let m = index.ask("wirawan ngasih bantuan pangan paling banyak ke nusantara ya?");
    assert_eq!(
        (m.outcome, id(&m)),
        (Outcome::Answer, Some("bantuan-pangan"))
    );
}

/// "perusahaan x apa aja", "contoh koperasi …", "negara apa aja yg …" ask which of a kind: told only
/// by an entry naming one the question does not, where the lexicon says which names are of it;
/// a kind listing none is one the subject names none of.
#[test]
fn which_of_a_kind_is_told_only_by_a_name_of_that_kind() {
    let n = Normalizer::with_lexicon(&lex(), Tuning::default());
    let asked = |q: &str| n.normalize(q).instances.map(|i| (i.kind, i.between, i.led));
    assert_eq!(
        asked("perusahaan wirawan apa aja yg buka pabrik di nusantara"),
        Some(("perusahaan".into(), vec!["wirawan".into()], false))
    );
    assert_eq!(
        asked("perusahaan wirawan yg ada di nusantara apa aja"),
        Some(("perusahaan".into(), vec!["wirawan".into()], false))
    );
    assert_eq!(
        asked("contoh koperasi internasional apa aja"),
        Some(("koperasi".into(), vec!["internasional".into()], true))
    );
    assert_eq!(
        asked("koperasi internasional contohnya apa aja"),
        Some(("koperasi".into(), vec!["internasional".into()], true))
    );
    assert_eq!(
        asked("sebutin negara pendiri lpk dong"),
        Some(("negara".into(), vec!["pendiri".into(), "lpk".into()], true))
    );
    // "apa aja" leading, "aja" written short.
    assert_eq!(
        asked("apa aja negara pendiri lpk"),
        Some(("negara".into(), vec!["pendiri".into(), "lpk".into()], true))
    );
    // A count before the kind says how many there are; a request after it asks as one before.
    assert_eq!(
        asked("5 negara pendiri lpk sebutin dong"),
        Some(("negara".into(), vec!["pendiri".into(), "lpk".into()], true))
    );
    assert_eq!(
        asked("lima negara pendiri lpk itu apa aja"),
        Some(("negara".into(), vec!["pendiri".into(), "lpk".into()], false))
    );
    // The number, in figures or words.
    let count = |q: &str| n.normalize(q).instances.and_then(|i| i.count);
    assert_eq!(count("5 negara pendiri lpk sebutin dong"), Some(5));
    assert_eq!(count("lima negara pendiri lpk itu apa aja"), Some(5));
    assert_eq!(count("sebutin dua negara pendiri lpk"), Some(2));
    assert_eq!(count("sebutin 3 negara pendiri lpk"), Some(3));
    assert_eq!(count("sebutin negara pendiri lpk dong"), None);
    // The kind again just before the asking asks for it, whatever stands between.
    assert_eq!(
        asked("negara mitra lpk itu negara apa aja"),
        Some((
            "negara".into(),
            vec!["mitra".into(), "lpk".into(), "negara".into()],
            true
        ))
    );
    // What is asked about is another word: the aims, what the help is given with.
    assert_eq!(asked("negara2 yg gabung lpk tujuannya apa aja"), None);
    assert_eq!(
        asked("negara yg dilanda perang dibantu lpk pake apa aja"),
        None
    );
    assert_eq!(asked("negara berkembang kenapa butuh bantuan"), None);

    let faq = vec![
        entry(
            "pabrik",
            "Apa manfaat perusahaan Wirawan bagi Nusantara?",
            &["Perusahaan Wirawan membuka pabrik di Nusantara?"],
            &["perusahaan", "pabrik"],
            "Perusahaan Wirawan membuka pabrik di Nusantara dan menyerap banyak tenaga kerja.",
        ),
        entry(
            "mitra",
            "Negara mana saja mitra kerja sama Nusantara?",
            &["Nusantara kerja sama dengan negara apa?"],
            &["mitra"],
            "Contohnya Wirawan, yang menjadi mitra dagang Nusantara.",
        ),
    ];
    let mut lexicon = lex();
    lexicon.kinds = vec![
        ("perusahaan".into(), Vec::new()),
        ("negara".into(), vec!["wirawan".into()]),
    ];
    let typed = FaqIndex::build(&faq, &lexicon);
    let untyped = FaqIndex::build(&faq, &lex());
    let id = |m: &Match| m.best.map(|b| faq[b.entry].id.as_str());
    for q in [
        "perusahaan wirawan apa aja yg buka pabrik di nusantara",
        "perusahaan wirawan yg buka pabrik di nusantara apa aja",
    ] {
        let m = typed.ask(q);
        assert_ne!(m.outcome, Outcome::Answer, "{q}: {:?}", id(&m));
        // Without kinds, the entry on them is taken to tell it.
        let m = untyped.ask(q);
        assert_eq!(
            (m.outcome, id(&m)),
            (Outcome::Answer, Some("pabrik")),
            "{q}"
        );
    }
    // Asked what the companies bring, the entry on them answers.
    let m = typed.ask("perusahaan wirawan buka pabrik di nusantara manfaatnya apa");
    assert_eq!((m.outcome, id(&m)), (Outcome::Answer, Some("pabrik")));
    // An entry naming a country the question does not tells which countries.
    let m = typed.ask("negara apa aja yg jadi mitra kerja sama nusantara");
    assert_eq!((m.outcome, id(&m)), (Outcome::Answer, Some("mitra")));
    // Asked for as many as it names, it tells them; asked for more, it does not list them.
    let m = typed.ask("sebutin 1 negara mitra kerja sama nusantara");
    assert_eq!((m.outcome, id(&m)), (Outcome::Answer, Some("mitra")));
    for q in [
        "sebutin 5 negara mitra kerja sama nusantara",
        "5 negara mitra kerja sama nusantara itu negara apa aja",
    ] {
        let m = typed.ask(q);
        assert_ne!(m.outcome, Outcome::Answer, "{q}: {:?}", id(&m));
    }
}

/// Asked "di mana", a way of asking for a country ("… dibantu negara mana?") tells it only by
/// naming a country the question does not: the place of a thing the answer never locates is
/// not the country that helped build it.
#[test]
fn where_a_thing_is_is_not_the_country_a_way_asks_for() {
    let faq = vec![entry(
        "jembatan",
        "Proyek apa saja di Nusantara yang dibantu Wirawan?",
        &["Jembatan laut dibantu negara mana?"],
        &["jembatan laut", "proyek"],
        "Proyek di Nusantara yang dibantu Wirawan antara lain jembatan laut dan pelabuhan.",
    )];
    let id = |m: &Match| m.best.map(|b| faq[b.entry].id.as_str());
    let typed = FaqIndex::build(&faq, &typed_places());
    let q = "jembatan laut yg dibantu wirawan ada dimana aja";
    let m = typed.ask(q);
    assert_ne!(m.outcome, Outcome::Answer, "{q}: {:?}", id(&m));
    // Without kinds, the way asking "negara mana" is taken to tell any place.
    let m = FaqIndex::build(&faq, &lex()).ask(q);
    assert_eq!(
        (m.outcome, id(&m)),
        (Outcome::Answer, Some("jembatan")),
        "{q}"
    );
    // Asked where the help comes from, the answer names the country.
    let m = typed.ask("jembatan laut dibantu dari mana");
    assert_eq!((m.outcome, id(&m)), (Outcome::Answer, Some("jembatan")));
}

/// "… yg paling banyak" asks for the first of a ranking: an answer that ranks nothing (one
/// listing the regions) does not say which is first.
#[test]
fn the_first_of_a_ranking_is_told_only_by_an_answer_that_ranks() {
    let faq = vec![
        entry(
            "kawasan",
            "Mitra Nusantara terbagi ke dalam kawasan apa saja?",
            &["Mitra Nusantara ada di kawasan mana saja?"],
            &["kawasan mitra"],
            "Negara-negara mitra Nusantara terbagi ke dalam tiga kawasan, yaitu Lazuardi, \
             Samudra Raya, dan Teluk Kencana.",
        ),
        entry(
            "lapangan-kerja",
            "Negara mana yang membuka lapangan kerja di Nusantara?",
            &["Wirawan membuka lapangan kerja di Nusantara?"],
            &["lapangan kerja"],
            "Perusahaan Wirawan membuka lapangan kerja, sehingga Wirawan menempati posisi \
             pertama sebagai negara sahabat yang menyediakan lapangan kerja di Nusantara.",
        ),
    ];
    let ask = |tuning: Tuning, q: &str| answer_with(&faq, tuning, q);
    let without = Tuning {
        wrong_question_word: 1.0,
        ..Tuning::default()
    };
    let q = "kawasan mitra nusantara yg paling banyak negaranya yg mana";
    assert_eq!(ask(without, q), (Outcome::Answer, Some("kawasan".into())));
    assert_ne!(ask(Tuning::default(), q).0, Outcome::Answer, "{q}");
    // "posisi pertama" ranks: the answer says which is first.
    assert_eq!(
        ask(
            Tuning::default(),
            "negara yg paling banyak buka lapangan kerja di nusantara"
        ),
        (Outcome::Answer, Some("lapangan-kerja".into()))
    );
    let n = Normalizer::new();
    assert!(n.normalize("yg plg penting apa").superlative);
    assert!(!n.normalize("soal terakhir lkpd").superlative);
}

/// "siapa presiden …" asks for a president: an entry that never mentions one cannot give
/// it, even if it names who said what.
#[test]
fn who_asks_for_the_kind_of_person_it_names() {
    let n = Normalizer::new();
    assert_eq!(
        n.normalize("siapa presiden yg setuju").asked_for.as_deref(),
        Some("presiden")
    );
    assert_eq!(n.normalize("siapa yang mendirikan").asked_for, None);
    // With nothing after "siapa", the office the question names is what it asks for; a
    // verb before it is not ("dilakukan oleh siapa").
    assert_eq!(
        n.normalize("perjanjian itu ditandatangani presiden siapa")
            .asked_for
            .as_deref(),
        Some("presiden")
    );
    assert_eq!(
        n.normalize("kerja sama itu dilakukan oleh siapa").asked_for,
        None
    );
    assert_eq!(
        n.normalize("berapa negara anggotanya").asked_for.as_deref(),
        Some("negara")
    );
    let faq = named_facts();
    let index = FaqIndex::build(&faq, &lex());
    let id = |m: &Match| m.best.map(|b| faq[b.entry].id.as_str());
    let m = index.ask("siapa yang berpendapat kerja sama adalah interaksi rutin antarnegara");
    assert_eq!((m.outcome, id(&m)), (Outcome::Answer, Some("hartono")));
    let m =
        index.ask("siapa presiden yang berpendapat kerja sama adalah interaksi rutin antarnegara");
    assert_ne!(m.outcome, Outcome::Answer, "{:?}", id(&m));
    let m =
        index.ask("yang berpendapat kerja sama adalah interaksi rutin antarnegara presiden siapa");
    assert_ne!(m.outcome, Outcome::Answer, "{:?}", id(&m));
}

/// The bot's own view is in no article: "menurut kamu …" gets no answer, whatever it shares
/// with an entry; "menurut Budi Hartono" asks the view an entry gives.
#[test]
fn the_bots_own_view_is_not_asked_of_the_faq() {
    let faq = named_facts();
    let index = FaqIndex::build(&faq, &lex());
    let view = "menurut Budi Hartono kerja sama itu apa";
    assert_eq!(index.ask(view).outcome, Outcome::Answer);
    for q in [
        "menurut kamu kerja sama itu apa",
        "menurutmu kerja sama itu apa",
        "kerja sama itu apa menurut lu",
        "kamu setuju gk kalo kerja sama itu penting",
        "pendapat kamu soal kerja sama gmn",
        "kamu suka kerja sama gk",
    ] {
        assert!(Normalizer::new().normalize(q).asks_opinion, "{q}");
        assert_eq!(index.ask(q).outcome, Outcome::None, "{q}");
    }
}

/// A year is a year: "2018" is no typo of the "2014" an entry gives, and a question about a
/// year no entry mentions is about something else.
#[test]
fn a_year_no_entry_mentions_is_not_read_as_another() {
    let mut faq = named_facts();
    faq.push(entry(
        "pendapat-2014",
        "Apa pendapat Wirawan (2014) tentang kerja sama?",
        &[],
        &["wirawan"],
        "Menurut Wirawan (2014), kerja sama dibangun di atas kesepakatan bersama.",
    ));
    let index = FaqIndex::build(&faq, &lex());
    let id = |m: &Match| m.best.map(|b| faq[b.entry].id.as_str());
    let m = index.ask("pendapat wirawan 2014 tentang kerja sama");
    assert_eq!(
        (m.outcome, id(&m)),
        (Outcome::Answer, Some("pendapat-2014"))
    );
    let m = index.ask("pendapat wirawan 2018 tentang kerja sama");
    assert_ne!(m.outcome, Outcome::Answer, "{:?}", id(&m));
}

/// A place in an order is like a name: the entry on the second largest does not answer who is
/// third.
#[test]
fn an_ordinal_the_entry_never_says_is_another_place() {
    let mut faq = named_facts();
    faq.push(entry(
        "penanam-modal-kedua",
        "Di posisi berapa Wirawan sebagai penanam modal di Nusantara?",
        &["Wirawan penanam modal terbesar keberapa?"],
        &["penanam modal"],
        "Wirawan adalah penanam modal terbesar kedua di Nusantara.",
    ));
    let index = FaqIndex::build(&faq, &lex());
    let ask = |q: &str| outcome_of(&index, &faq, q);
    assert_eq!(
        ask("wirawan penanam modal terbesar kedua ya"),
        (Outcome::Answer, Some("penanam-modal-kedua"))
    );
    // The same place written as a number after a superlative, or the first place.
    assert_eq!(
        ask("penanam modal paling besar nomor 2 di nusantara negara apa"),
        (Outcome::Answer, Some("penanam-modal-kedua"))
    );
    for q in [
        "penanam modal terbesar ketiga di nusantara negara mana",
        "penanam modal terbesar nomor 1 di nusantara negara apa",
        "penanam modal pertama di nusantara negara mana",
    ] {
        let got = ask(q);
        assert_ne!(got.0, Outcome::Answer, "{q}: {got:?}");
        // Nor does it hold the place asked for, so a low score does not offer it.
        let at = faq.iter().position(|e| e.id == "penanam-modal-kedua");
        let ranked = index.rank(q);
        let entry = ranked.iter().find(|s| Some(s.entry) == at).expect("ranked");
        assert!(!entry.holds_asked, "{q}");
    }
    let ranked = index.rank("wirawan penanam modal terbesar kedua ya");
    assert!(ranked.first().is_some_and(|s| s.holds_asked));
}

#[test]
fn a_question_of_what_a_term_means_is_asked_in_few_words() {
    let n = Normalizer::new();
    for q in [
        "pelabuhan artinya apa sih",
        "apa itu perjanjian pelabuhan",
        "pelabuhan tuh apa sih kak",
        "pengertian kerja sama regional",
        "yang dimaksud regional apa",
        "kerja sama regional adalah",
        "perjanjian pelabuhan yaitu?",
    ] {
        assert!(n.normalize(q).defines, "{q}");
    }
    for q in [
        "kerja sama pelabuhan maksudnya gimana",
        "kenapa kerja sama regional artinya penting",
        "perjanjian pelabuhan termasuk perjanjian apa",
    ] {
        assert!(!n.normalize(q).defines, "{q}");
    }
}

#[test]
fn one_clause_may_ask_what_a_term_means_and_the_talk_around_it_is_set_aside() {
    let n = Normalizer::new();
    let words = |q: &str| n.normalize(q).words;
    for (q, term) in [
        (
            "pelabuhan tuh apa sih kak, aku blm paham bgt",
            vec!["pelabuhan"],
        ),
        (
            "perjanjian pelabuhan itu apa? td aku gk masuk pas dijelasin",
            vec!["perjanjian", "pelabuhan"],
        ),
        ("regional itu sebenernya apa sih", vec!["regional"]),
        (
            "kak, regional itu sebenernya apa? aku lupa",
            vec!["regional"],
        ),
    ] {
        assert!(n.normalize(q).defines, "{q}");
        assert_eq!(words(q), term, "{q}");
    }
    // A clause that asks too is kept; one that points back ("tujuannya"), describes ("yg
    // paling penting") or asks whether ("apa itu bisa") names no term.
    let q = "pelabuhan itu apa, contohnya?";
    assert!(n.normalize(q).defines, "{q}");
    assert_eq!(words(q), ["pelabuhan", "contohnya"]);
    for q in [
        "program pelabuhan nusantara, tujuannya tuh apa ya? buat negara kecil kan",
        "dalam kerja sama, yg paling penting tuh apa sih? kepercayaan?",
        "kalau ada ancaman bersama, apa itu bisa bikin negara kerja sama?",
    ] {
        assert!(!n.normalize(q).defines, "{q}");
    }
}

/// An entry that names a term in passing (a treaty "about" it) and one written to say what its
/// term means, in its question and its answer.
fn meaning_entries() -> Vec<FaqEntry> {
    let mut faq = regional_entries();
    faq.push(entry(
        "perjanjian-pelabuhan",
        "Perjanjian pelabuhan Nusantara dan APSA termasuk perjanjian apa?",
        &["Perjanjian pelabuhan itu contoh kerja sama apa?"],
        &["pelabuhan", "perjanjian"],
        "Perjanjian pelabuhan antara Nusantara dan negara-negara APSA merupakan contoh kerja sama regional.",
    ));
    faq.push(entry(
        "lpk",
        "Siapa anggota LPK?",
        &["LPK beranggotakan negara mana saja?"],
        &["lpk", "anggota", "lumbung"],
        "LPK adalah lembaga kerja sama pangan di kawasan Nusantara. Anggotanya negara-negara di kawasan itu. Gudang bersamanya bernama lumbung (tempat menyimpan padi).",
    ));
    faq
}

/// The outcome and the best entry's id for `q`, with `tuning`.
fn answer_with(faq: &[FaqEntry], tuning: Tuning, q: &str) -> (Outcome, Option<String>) {
    let index = FaqIndex::with_tuning(faq, &lex(), tuning);
    let m = index.ask(q);
    (m.outcome, m.best.map(|b| faq[b.entry].id.clone()))
}

/// The outcome `index` (built from `faq`) gives `q`, and the id of its best entry.
fn outcome_of<'a>(index: &FaqIndex, faq: &'a [FaqEntry], q: &str) -> (Outcome, Option<&'a str>) {
    let m = index.ask(q);
    (m.outcome, m.best.map(|b| faq[b.entry].id.as_str()))
}

/// Entry `id`'s score for `q`, with `tuning`, if it is ranked at all.
fn score_with(faq: &[FaqEntry], tuning: Tuning, q: &str, id: &str) -> Option<f32> {
    let index = FaqIndex::with_tuning(faq, &lex(), tuning);
    index
        .rank(q)
        .iter()
        .find(|s| faq[s.entry].id == id)
        .map(|s| s.score)
}

#[test]
fn what_a_term_means_is_answered_only_by_an_entry_that_says_it() {
    let faq = meaning_entries();
    let ask = |tuning: Tuning, q: &str| answer_with(&faq, tuning, q);
    let q = "pelabuhan artinya apa sih";
    // Without the rule the treaty that names the term answers what the term means.
    let without = Tuning {
        undefined: 1.0,
        ..Tuning::default()
    };
    assert_eq!(
        ask(without, q),
        (Outcome::Answer, Some("perjanjian-pelabuhan".into()))
    );
    assert_ne!(ask(Tuning::default(), q).0, Outcome::Answer);
    // What the treaty is, it answers.
    assert_eq!(
        ask(Tuning::default(), "perjanjian pelabuhan itu perjanjian apa"),
        (Outcome::Answer, Some("perjanjian-pelabuhan".into()))
    );
    // An entry whose question asks the meaning, or whose answer says it ("LPK adalah …").
    assert_eq!(
        ask(Tuning::default(), "regional artinya apa"),
        (Outcome::Answer, Some("regional".into()))
    );
    assert_eq!(
        ask(Tuning::default(), "lpk itu apa sih"),
        (Outcome::Answer, Some("lpk".into()))
    );
    // … or whose answer gives it as a name ("bernama lumbung"): its score is not cut.
    let lpk_score = |tuning: Tuning| score_with(&faq, tuning, "lumbung itu apa", "lpk");
    assert!(lpk_score(Tuning::default()).is_some());
    assert_eq!(lpk_score(Tuning::default()), lpk_score(without));
    // A word of the term the FAQ does not know at all: no entry says what the term means,
    // though one says what its other word means.
    let regional_score = |tuning: Tuning, q: &str| score_with(&faq, tuning, q, "regional");
    let q = "pengertian regional monopoli";
    assert!(regional_score(Tuning::default(), q) < regional_score(without, q));
    assert_ne!(
        ask(Tuning::default(), q),
        (Outcome::Answer, Some("regional".into()))
    );
    // A sentence's subject many words long before "merupakan" is not a term it defines.
    assert_ne!(
        ask(Tuning::default(), "pelabuhan artinya apa").0,
        Outcome::Answer
    );
}

#[test]
fn what_something_is_called_is_asked_by_name() {
    let n = Normalizer::new();
    for q in [
        "nama pelabuhan yg dibangun apsa apa",
        "pelabuhan itu namanya apa sih",
        "apa kepanjangan APSA",
        "apsa singkatannya apa",
        "kerja sama dua negara itu disebut apa",
        "negara saling bergantung, istilahnya apa",
        "apa istilahnya kalau negara saling bergantung",
        "perjanjian dagang apsa nama resminya apa",
    ] {
        assert!(n.normalize(q).asks.contains(&Asks::Name), "{q}");
    }
    for q in [
        "yang namanya kerja sama regional tuh kenapa penting",
        "kenapa kerja sama disebut penting",
        "apa pengaruh kerja sama ke nama baik negara",
    ] {
        assert!(!n.normalize(q).asks.contains(&Asks::Name), "{q}");
    }
    let faq = meaning_entries();
    let ask = |tuning: Tuning, q: &str| answer_with(&faq, tuning, q);
    // The treaty's entry never says what the port is called.
    let q = "nama pelabuhan di perjanjian apsa apa";
    let without = Tuning {
        wrong_question_word: 1.0,
        ..Tuning::default()
    };
    assert_eq!(
        ask(without, q),
        (Outcome::Answer, Some("perjanjian-pelabuhan".into()))
    );
    assert_ne!(ask(Tuning::default(), q).0, Outcome::Answer);
    // An entry written to say what something is gives its name.
    assert_eq!(
        ask(Tuning::default(), "kerja sama satu kawasan itu namanya apa"),
        (Outcome::Answer, Some("regional".into()))
    );
}

/// "Contoh … adalah …", "Tujuannya adalah …" give an example or an aim, not the meaning of
/// their opening words: asked what something is called, such a sentence gives no other name.
#[test]
fn an_example_is_no_definition_of_the_word_example() {
    let faq = vec![entry(
        "lumbung-kawasan",
        "Apa itu lumbung kawasan dan apa contohnya?",
        &["Lumbung kawasan itu apa?", "Contoh lumbung kawasan apa?"],
        &["lumbung kawasan", "lumbung padi"],
        "Lumbung kawasan adalah gudang pangan bersama negara-negara satu kawasan. Contoh yang \
         sudah berjalan adalah lumbung padi dan lumbung jagung.",
    )];
    let ask = |tuning: Tuning, q: &str| answer_with(&faq, tuning, q);
    let without = Tuning {
        wrong_question_word: 1.0,
        ..Tuning::default()
    };
    // The question already says what the example is: no name is given beyond it.
    let q = "lumbung padi kawasan itu namanya apa";
    assert_eq!(
        ask(without, q),
        (Outcome::Answer, Some("lumbung-kawasan".into()))
    );
    assert_ne!(ask(Tuning::default(), q).0, Outcome::Answer, "{q}");
    // Asked what the shared store is called, the answer says it: "lumbung kawasan".
    assert_eq!(
        ask(
            Tuning::default(),
            "gudang pangan bersama negara2 satu kawasan namanya apa"
        ),
        (Outcome::Answer, Some("lumbung-kawasan".into()))
    );
}

/// "riset" is "penelitian", in any subject.
#[test]
fn research_is_one_word_however_it_is_said() {
    let n = Normalizer::new();
    assert_eq!(n.stem("riset"), n.stem("penelitian"));
}

#[test]
fn a_name_is_given_only_by_an_answer_saying_one_the_question_lacks() {
    let faq = vec![
        entry(
            "apa-itu-lpk",
            "Apa itu LPK dan apa perannya?",
            &["LPK itu apa?", "Apa kepanjangan LPK?"],
            &["lpk", "pasukan penjaga", "lumbung"],
            "LPK (Lembaga Pangan Kawasan) adalah lembaga kawasan yang mengirim pasukan penjaga \
             lumbung ke desa yang dilanda paceklik. Anggotanya negara-negara di kawasan itu.",
        ),
        entry(
            "jembatan-wirawan",
            "Proyek apa saja yang dibantu Wirawan?",
            &["Wirawan membantu membangun apa?"],
            &["wirawan", "jembatan", "pelabuhan"],
            "Proyek yang dibantu Wirawan antara lain jembatan laut dan pelabuhan. Wirawan juga \
             dijuluki negeri seribu menara.",
        ),
    ];
    let ask = |tuning: Tuning, q: &str| answer_with(&faq, tuning, q);
    let without = Tuning {
        wrong_question_word: 1.0,
        ..Tuning::default()
    };
    // The answer mentions the guards and the bridge but names neither: "Lembaga Pangan
    // Kawasan" only spells out the "LPK" the question uses, and the name Wirawan is given in
    // another sentence than the one on the bridge.
    for (q, id) in [
        (
            "pasukan penjaga lumbung yg dikirim lpk namanya apa",
            "apa-itu-lpk",
        ),
        (
            "jembatan laut yg dibantu wirawan itu namanya apa",
            "jembatan-wirawan",
        ),
    ] {
        assert_eq!(ask(without, q), (Outcome::Answer, Some(id.into())), "{q}");
        assert_ne!(ask(Tuning::default(), q).0, Outcome::Answer, "{q}");
    }
    // Asked what the body sending them is called, the answer says it: "LPK".
    assert_eq!(
        ask(
            Tuning::default(),
            "lembaga yg ngirim pasukan penjaga lumbung namanya apa"
        ),
        (Outcome::Answer, Some("apa-itu-lpk".into()))
    );
}

#[test]
fn a_thank_you_is_not_a_question() {
    let faq = faq();
    let index = FaqIndex::build(&faq, &lex());
    // "dibantu" shares its stem with an entry about help between countries.
    let mut helped = faq.clone();
    helped.push(entry(
        "bantuan",
        "Apa itu bantuan antarnegara?",
        &["Negara yang dibantu negara lain dapat apa?"],
        &["bantuan"],
        "Bantuan antarnegara adalah kerja sama ketika negara maju membantu negara berkembang.",
    ));
    let index_helped = FaqIndex::build(&helped, &lex());
    for q in [
        "makasih kak udh dibantu",
        "terima kasih ya, sangat membantu",
    ] {
        assert!(Normalizer::new().normalize(q).thanks, "{q}");
        assert_eq!(index_helped.ask(q).outcome, Outcome::None, "{q}");
    }
    // Thanks with a question in it is a question.
    let q = "makasih kak, trus bedanya bilateral sm multilateral apa?";
    assert!(!Normalizer::new().normalize(q).thanks);
    assert_eq!(index.ask(q).outcome, Outcome::Answer);
}

/// Class chat of several words with one content word and no question in it is not a question
/// about that word; a keyword typed alone, or the same word asked about, is.
#[test]
fn class_chat_is_not_a_question_about_its_one_word() {
    let faq = faq();
    let index = FaqIndex::build(&faq, &lex());
    let n = Normalizer::new();
    let chat = "bilateral kemarin udh dimulai blm";
    assert!(n.normalize(chat).chatter);
    assert_eq!(index.ask(chat).outcome, Outcome::None);
    for q in [
        "bilateral",
        "bilateral itu apa sih kak",
        "bilateral kemarin udh dimulai blm?",
        "kok bilateral kemarin udh dimulai",
    ] {
        assert!(!n.normalize(q).chatter, "{q}");
    }
    assert_ne!(
        index.ask("bilateral itu apa sih kak").outcome,
        Outcome::None
    );
}

/// A short message about a day of the class's week that asks nothing is class chat, whatever
/// words of the FAQ it carries; asked, requested or long, it is a question.
#[test]
fn a_short_message_about_a_class_day_is_chat() {
    let faq = faq();
    let index = FaqIndex::build(&faq, &lex());
    let n = Normalizer::new();
    for chat in [
        "kerja sama kelompoknya jadi sabtu ga",
        "perjanjian bilateral kemarin udh dibahas blm",
        "diskusi kerja sama hari ini jadi gk",
    ] {
        assert!(n.normalize(chat).chatter, "{chat}");
        assert_eq!(index.ask(chat).outcome, Outcome::None, "{chat}");
    }
    for q in [
        "perjanjian bilateral kemarin itu apa sih",
        "sebutin bentuk kerja sama dong, bsk ulangan",
        "bsk ulangan, tolong jelasin bedanya kerja sama bilateral sama multilateral yg ada di buku",
    ] {
        assert!(!n.normalize(q).chatter, "{q}");
    }
}

/// A message asking leave ("izin ga masuk") and nothing else is class chat, wherever "izin"
/// stands; leave to ask ("izin bertanya") asks.
#[test]
fn asking_leave_is_chat_and_leave_to_ask_is_not() {
    let faq = faq();
    let index = FaqIndex::build(&faq, &lex());
    let n = Normalizer::new();
    for chat in [
        "bu saya izin ga masuk, lagi sakit kena dampak kerja sama kelompok",
        "maaf bu sy izin tdk masuk, sakit",
    ] {
        assert!(n.normalize(chat).chatter, "{chat}");
        assert_eq!(index.ask(chat).outcome, Outcome::None, "{chat}");
    }
    let q = "bu saya izin bertanya, bedanya bilateral sama multilateral";
    assert!(!n.normalize(q).chatter);
    assert_eq!(index.ask(q).outcome, Outcome::Answer);
}

/// A message opening with "ok" or "siap" that asks nothing answers the teacher: it is chat,
/// whatever word of the FAQ it carries; with a question it asks.
#[test]
fn an_acknowledgement_is_chat_and_an_acknowledged_question_is_not() {
    let faq = faq();
    let index = FaqIndex::build(&faq, &lex());
    let n = Normalizer::new();
    for chat in [
        "oke siap laksanakan",
        "ok bilateral",
        "siap kak, kerja sama bilateral",
        "hadir bu",
        "izin pak, kerja sama bilateral kelompok 3 telat",
    ] {
        assert!(n.normalize(chat).chatter, "{chat}");
        assert_eq!(index.ask(chat).outcome, Outcome::None, "{chat}");
    }
    for q in [
        "ok, bilateral itu apa",
        "siap kak. bilateral?",
        "izin bu, bilateral itu apa",
    ] {
        assert!(!n.normalize(q).chatter, "{q}");
        assert_ne!(index.ask(q).outcome, Outcome::None, "{q}");
    }
}

/// A sum to work out is another lesson's homework, whatever FAQ words it carries; a fraction
/// or a date alone, or a name with a number in it, is not a sum.
#[test]
fn a_sum_is_not_a_question_for_the_faq() {
    let faq = faq();
    let index = FaqIndex::build(&faq, &lex());
    let n = Normalizer::new();
    for q in [
        "kerja sama bilateral 3/4 + 2/5",
        "kerja sama bilateral 2x + 5 = 17",
        "kerja sama bilateral 25 x 16",
    ] {
        assert!(n.normalize(q).arithmetic, "{q}");
        assert_eq!(index.ask(q).outcome, Outcome::None, "{q}");
    }
    for q in [
        "kerja sama bilateral 2/3 negara?",
        "apa bedanya F7 sama F20",
        "kerja sama bilateral tahun 2020",
    ] {
        assert!(!n.normalize(q).arithmetic, "{q}");
    }
}

/// "Sejak kapan" is told by "setelah …"; "tahun berapa" only by a year or a month.
#[test]
fn a_year_asked_needs_an_answer_that_gives_one() {
    let mut faq = named_facts();
    faq.push(entry(
        "damai-setelah-perang",
        "Sejak kapan kerja sama dianggap bisa mencegah perang?",
        &["Kenapa kerja sama bisa mencegah perang?"],
        &["perang", "mencegah perang"],
        "Setelah perang besar, kerja sama diyakini mampu mencegah perang berikutnya.",
    ));
    faq.push(entry(
        "pameran-dagang",
        "Kapan pameran dagang Nusantara diadakan?",
        &["Pameran dagang Nusantara tahun berapa?"],
        &["pameran dagang"],
        "Pameran dagang Nusantara diadakan pada bulan Mei.",
    ));
    let index = FaqIndex::build(&faq, &lex());
    let ask = |q: &str| outcome_of(&index, &faq, q);
    assert_eq!(
        ask("sejak kapan kerja sama bisa mencegah perang"),
        (Outcome::Answer, Some("damai-setelah-perang"))
    );
    let got = ask("tahun berapa kerja sama bisa mencegah perang");
    assert_ne!(got.0, Outcome::Answer, "{got:?}");
    assert_eq!(
        ask("pameran dagang nusantara bulan apa"),
        (Outcome::Answer, Some("pameran-dagang"))
    );
}

/// A tie between entries is not settled for one that never says who, when, how many or where
/// when the question asks it: "siapa yang mendirikan …" of an entry that only says what the
/// thing is stays a suggestion.
#[test]
fn a_tie_is_not_settled_for_an_entry_lacking_what_is_asked() {
    let faq = named_facts();
    let index = FaqIndex::build(&faq, &lex());
    let top = |q: &str| {
        index
            .rank(q)
            .first()
            .map(|s| (faq[s.entry].id.as_str(), s.holds_asked))
    };
    let q = "siapa yang mendirikan organisasi internasional";
    assert_eq!(top(q), Some(("organisasi", false)));
    assert_eq!(index.ask(q).outcome, Outcome::Unsure);
    // Asked what it is, the same entry answers.
    let q = "organisasi internasional itu apa";
    assert_eq!(top(q), Some(("organisasi", true)));
    assert_eq!(index.ask(q).outcome, Outcome::Answer);
}

#[test]
fn a_question_in_words_most_entries_share_and_nothing_specific_is_offered_not_answered() {
    // Entries enough for "most of them" to say something, all asking of "negara" and "kerja
    // sama".
    let fields = [
        "pangan",
        "energi",
        "laut",
        "hutan",
        "air",
        "kesehatan",
        "budaya",
        "olahraga",
    ];
    let others = fields.map(|f| {
        entry(
            &format!("bidang-{f}"),
            &format!("Bagaimana kerja sama negara di bidang {f}?"),
            &[],
            &[f],
            &format!("Negara bekerja sama di bidang {f} lewat perjanjian."),
        )
    });
    let mut faq = vec![
        entry(
            "tujuan",
            "Apa tujuan negara menjalin kerja sama?",
            &["Untuk apa negara melakukan kerja sama?"],
            &["tujuan"],
            "Mempererat hubungan dan memenuhi kebutuhan negara.",
        ),
        entry(
            "hak-ikut",
            "Apakah setiap negara berhak ikut kerja sama?",
            &["Negara kecil berhak ikut kerja sama nggak?"],
            &["hak"],
            "Ya, setiap negara berhak ikut tanpa diskriminasi.",
        ),
        entry(
            "pelaku",
            "Apakah pelaku kerja sama hanya negara?",
            &["Selain negara, siapa pelaku kerja sama?"],
            &["pelaku", "yayasan"],
            "Tidak, yayasan juga menjadi pelaku kerja sama.",
        ),
    ];
    faq.extend(others);
    let on = Tuning::default();
    let off = Tuning {
        vague_idf: 0.0,
        ..on
    };
    // Its telling words ("semua", "boleh", "ikut") are chat words the index does not keep:
    // what is left reads as the first entry's "untuk apa" phrasing.
    let q = "semua negara boleh kerja sama ga";
    assert_eq!(answer_with(&faq, off, q).0, Outcome::Answer);
    let (outcome, _) = answer_with(&faq, on, q);
    assert_eq!(outcome, Outcome::Unsure, "{q}");
    // A word only some entries use, or a question word, still tells them apart.
    assert_eq!(
        answer_with(&faq, on, "negara berhak kerja sama ga"),
        (Outcome::Answer, Some("hak-ikut".to_string()))
    );
    assert_eq!(
        answer_with(&faq, on, "siapa pelaku kerja sama negara"),
        (Outcome::Answer, Some("pelaku".to_string()))
    );
}

#[test]
fn an_entry_naming_the_question_s_organisation_only_in_passing_counts_less() {
    let faq = vec![
        entry(
            "beda-bentuk",
            "Apa bedanya kerja sama bilateral dan multilateral?",
            &["Kerja sama multilateral contohnya APSA, ya?"],
            &["bilateral", "multilateral"],
            "Bilateral dilakukan dua negara; multilateral banyak negara, misalnya APSA.",
        ),
        entry(
            "apsa",
            "Apa itu APSA?",
            &["APSA termasuk kerja sama apa?"],
            &["apsa"],
            "APSA adalah kerja sama multilateral negara-negara di kawasannya.",
        ),
    ];
    let on = Tuning::default();
    let off = Tuning {
        names_in_passing: 1.0,
        ..on
    };
    let q = "apsa termasuk kerja sama bilateral atau multilateral";
    let (Some(passing_on), Some(passing_off)) = (
        score_with(&faq, on, q, "beda-bentuk"),
        score_with(&faq, off, q, "beda-bentuk"),
    ) else {
        panic!("both entries are ranked for {q}");
    };
    assert!(passing_on < passing_off, "{passing_on} {passing_off}");
    // The entry about the organisation itself keeps its score.
    assert_eq!(
        score_with(&faq, on, q, "apsa"),
        score_with(&faq, off, q, "apsa")
    );
}

#[test]
fn a_kind_of_detail_asked_by_name_is_given_only_by_an_entry_that_mentions_it() {
    let n = Normalizer::new();
    assert_eq!(
        n.normalize("syarat daftar beasiswa apa aja")
            .detail
            .as_deref(),
        Some("syarat")
    );
    assert_eq!(
        n.normalize("buku hartono judulnya apa").detail.as_deref(),
        Some("judul")
    );
    assert_eq!(
        n.normalize("kalo ngelanggar perjanjian sanksinya apa")
            .detail
            .as_deref(),
        Some("sanksi")
    );
    assert_eq!(
        n.normalize("kerja sama itu dibentuk gara2 peristiwa apa")
            .detail
            .as_deref(),
        Some("peristiwa")
    );
    assert_eq!(
        n.normalize("contoh kasus pelanggaran perjanjian itu apa")
            .detail
            .as_deref(),
        Some("kasus")
    );
    // Without "apa" the word is not what is asked for.
    assert_eq!(n.normalize("syarat beasiswa susah ga").detail, None);
    let scholarship = |answer: &str| {
        vec![
            entry(
                "beasiswa",
                "Apa itu beasiswa pemerintah Nusantara?",
                &["Beasiswa pemerintah Nusantara untuk siapa?"],
                &["beasiswa"],
                answer,
            ),
            entry(
                "pertukaran",
                "Apa manfaat pertukaran pelajar?",
                &[],
                &["pertukaran pelajar"],
                "Pelajar belajar budaya negara lain.",
            ),
        ]
    };
    let q = "syarat daftar beasiswa apa aja";
    let lenient = Tuning {
        wrong_question_word: 1.0,
        ..Tuning::default()
    };
    let score = |faq: &[FaqEntry], t: Tuning| score_with(faq, t, q, "beasiswa");
    // An entry that never mentions requirements is not what is asked for …
    let silent = scholarship("Beasiswa ini diberikan pemerintah Nusantara kepada pelajar asing.");
    assert!(score(&silent, Tuning::default()) < score(&silent, lenient));
    assert_ne!(
        answer_with(&silent, Tuning::default(), q).0,
        Outcome::Answer
    );
    // … one that mentions them keeps its score.
    let telling = scholarship(
        "Beasiswa ini diberikan kepada pelajar asing; syarat utamanya nilai rapor yang baik.",
    );
    assert_eq!(score(&telling, Tuning::default()), score(&telling, lenient));
}

#[test]
fn a_greeting_to_the_class_is_not_a_topic() {
    let n = Normalizer::new();
    assert!(n.normalize("pagi gaes").words.is_empty());
}

#[test]
fn a_short_or_long_form_is_told_only_by_an_answer_giving_both() {
    let mut faq = faq();
    faq.push(entry(
        "apkn",
        "Apa itu APKN?",
        &["Apa kepanjangan APKN?", "Aliansi Pelabuhan Kawasan Nusantara itu apa?"],
        &["apkn", "Aliansi Pelabuhan Kawasan Nusantara", "pelabuhan"],
        "APKN (Aliansi Pelabuhan Kawasan Nusantara) adalah kerja sama pelabuhan negara-negara di kawasan Nusantara.",
    ));
    faq.push(entry(
        "mkt",
        "Apa itu MKT?",
        &["MKT itu program apa?"],
        &["mkt", "beasiswa"],
        "MKT adalah Program Beasiswa dari Pemerintah Nusantara untuk pelajar asing.",
    ));
    faq.push(entry(
        "fkp",
        "Apa itu FKP?",
        &["FKP itu forum apa?"],
        &["fkp", "forum", "pangan"],
        "FKP adalah salah satu forum kerja sama pangan tempat Nusantara berperan aktif.",
    ));
    let ask = |tuning: Tuning, q: &str| answer_with(&faq, tuning, q);
    let apkn = (Outcome::Answer, Some("apkn".to_string()));
    assert_eq!(ask(Tuning::default(), "apkn kepanjangannya apa"), apkn);
    assert_eq!(
        ask(
            Tuning::default(),
            "aliansi pelabuhan kawasan nusantara singkatannya apa"
        ),
        apkn
    );
    // FKP's entry never gives its long form: only the cut for a question it cannot answer
    // keeps it from answering.
    let q = "fkp tuh singkatan dr apa";
    let without = Tuning {
        wrong_question_word: 1.0,
        ..Tuning::default()
    };
    assert_eq!(ask(without, q), (Outcome::Answer, Some("fkp".to_string())));
    assert_ne!(ask(Tuning::default(), q).0, Outcome::Answer);
    assert_eq!(
        ask(Tuning::default(), "fkp itu apa"),
        (Outcome::Answer, Some("fkp".to_string()))
    );
    // MKT's entry names what MKT is, not what its letters stand for.
    assert_ne!(
        ask(Tuning::default(), "mkt singkatan dari apa").0,
        Outcome::Answer
    );
    assert_eq!(
        ask(Tuning::default(), "mkt itu program apa"),
        (Outcome::Answer, Some("mkt".to_string()))
    );
    // "X adalah …" in small letters, or a short form in a sentence, spells nothing out.
    assert!(index::spelled_out("FKP adalah salah satu forum kerja sama pangan.").is_empty());
    // Nor does a name none of whose words starts with a letter of the short form: it says
    // what the thing is, not what its letters stand for. A translated name keeps one.
    assert!(
        index::spelled_out("MKT adalah Program Beasiswa dari Pemerintah Nusantara.").is_empty()
    );
    assert_eq!(
        index::spelled_out("WFO (Organisasi Pangan Dunia) membantu petani."),
        [("WFO".to_string(), "Organisasi Pangan Dunia".to_string())]
    );
    assert_eq!(
        index::spelled_out(
            "Contohnya ada Lembaga Pangan Kawasan (LPK) dan GPN atau Gabungan Pelajar Nusantara (Nusantara Students Union/NSU)."
        ),
        [
            ("LPK", "Lembaga Pangan Kawasan"),
            ("NSU", "Gabungan Pelajar Nusantara"),
            ("GPN", "Gabungan Pelajar Nusantara"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
}

#[test]
fn an_entry_met_only_through_a_phrasing_is_not_about_the_question() {
    let mut faq = faq();
    faq.push(entry(
        "apkn",
        "Apa itu APKN?",
        &["Apa nama APKN dalam bahasa Inggris?"],
        &["apkn", "pelabuhan"],
        "APKN adalah aliansi pelabuhan kawasan Nusantara.",
    ));
    let plain = Tuning {
        off_core: 1.0,
        ..Tuning::default()
    };
    let ratio = |q: &str| {
        let with = score_with(&faq, Tuning::default(), q, "apkn").unwrap_or(0.0);
        let without = score_with(&faq, plain, q, "apkn").unwrap_or(0.0);
        assert!(without > 0.0, "{q}");
        with / without
    };
    // Only the phrasing's "bahasa Inggris" is shared: a question from another lesson.
    let other_lesson = "contoh kalimat pasif bahasa inggris";
    assert!((ratio(other_lesson) - Tuning::default().off_core).abs() < 1e-4);
    assert_ne!(
        answer_with(&faq, Tuning::default(), other_lesson).0,
        Outcome::Answer
    );
    // Naming what the entry is about, the same words weigh in full.
    assert!((ratio("apkn bahasa inggrisnya apa") - 1.0).abs() < 1e-4);
}

#[test]
fn a_way_of_asking_one_kind_of_place_does_not_answer_another() {
    let mut faq = faq();
    faq.push(entry(
        "pesta",
        "Apa peran Nusantara dalam Pesta Olahraga Lazuardi?",
        &["Pesta Olahraga Lazuardi termasuk kerja sama kawasan mana?"],
        &["pesta olahraga", "tuan rumah"],
        "Nusantara sudah dua kali menjadi tuan rumah Pesta Olahraga Lazuardi, kerja sama di kawasan Lazuardi.",
    ));
    let lexicon = typed_places();
    let index = FaqIndex::build(&faq, &lexicon);
    let id = |m: &Match| m.best.map(|b| faq[b.entry].id.as_str());
    let m = index.ask("pesta olahraga itu kerja sama kawasan mana");
    assert_eq!((m.outcome, id(&m)), (Outcome::Answer, Some("pesta")));
    // Its phrasing asks for a region, and it names no country.
    let m = index.ask("pesta olahraga diadain di negara mana");
    assert_ne!(m.outcome, Outcome::Answer, "{:?}", id(&m));
}

/// A figure is about what its own clause says: the entry whose answer gives the growth of
/// exports does not tell the value of imports, though it mentions imports.
#[test]
fn a_figure_tells_a_count_of_what_its_own_clause_says() {
    let faq = vec![
        entry(
            "dagang-wirawan",
            "Bagaimana perdagangan Nusantara dengan Wirawan?",
            &["Berapa persen ekspor Nusantara ke Wirawan naik?"],
            &["perdagangan", "ekspor", "impor"],
            "Pada tahun 2020, ekspor Nusantara ke Wirawan meningkat lebih dari 11%, sementara \
             impor dari Wirawan menurun.",
        ),
        entry(
            "pelabuhan",
            "Apa itu perjanjian pelabuhan?",
            &[],
            &["pelabuhan"],
            "Perjanjian pelabuhan adalah kesepakatan bongkar muat antarnegara.",
        ),
    ];
    let index = FaqIndex::build(&faq, &lex());
    let id = |m: &Match| m.best.map(|b| faq[b.entry].id.as_str());
    // "tahun 2020 … brp" names the year and asks a count.
    let n = index
        .normalizer()
        .normalize("ekspor nusantara ke wirawan thn 2020 naik brp persen");
    assert_eq!(n.asks, [Asks::HowMany]);
    let m = index.ask("ekspor nusantara ke wirawan thn 2020 naik brp persen");
    assert_eq!(
        (m.outcome, id(&m)),
        (Outcome::Answer, Some("dagang-wirawan"))
    );
    for q in [
        "impor nusantara dari wirawan tahun 2020 nilainya brp",
        "nilai impor nusantara dr wirawan thn 2020 brp",
    ] {
        let m = index.ask(q);
        assert_ne!(m.outcome, Outcome::Answer, "{q}: {:?}", id(&m));
        let ranked = index.rank(q);
        assert!(ranked.first().is_some_and(|s| !s.holds_asked), "{q}");
    }
    // "tahun ini" says which year; "tahun brp" asks it.
    let n = index.normalizer().normalize("naik brp persen tahun ini");
    assert_eq!(n.asks, [Asks::HowMany]);
    let n = index.normalizer().normalize("naik tahun brp");
    assert_eq!(n.asks, [Asks::When]);
    // "11%" is read "11 persen".
    assert!(
        index
            .normalizer()
            .normalize("naik 11%")
            .words
            .contains(&"persen".to_string())
    );
}

/// "ada brp <thing>" asks a number of that thing: only an answer giving a number of it tells
/// it, not one counting something else ("lima wilayah"), though it mentions the thing.
#[test]
fn a_count_is_told_by_a_number_of_what_is_counted() {
    let faq = vec![
        entry(
            "mitra-nusantara",
            "Dengan berapa negara Nusantara bekerja sama?",
            &[],
            &["mitra", "Nusantara"],
            "Nusantara telah bekerja sama dengan 87 negara, dikutip dari situs kementeriannya.",
        ),
        entry(
            "wilayah-mitra",
            "Negara-negara mitra Nusantara terbagi ke dalam wilayah apa saja?",
            &["Berapa wilayah mitra Nusantara?"],
            &["wilayah", "negara mitra", "Nusantara"],
            "Negara-negara mitra Nusantara terbagi ke dalam lima wilayah, yaitu Samudra, Teluk, \
             Lembah, Pesisir, dan Pegunungan.",
        ),
        entry(
            "bentuk-koperasi",
            "Apa saja bentuk koperasi antarnegara?",
            &["Koperasi antarnegara ada berapa macam?"],
            &["bentuk", "koperasi"],
            "Bentuk koperasi antarnegara ada tiga, yaitu koperasi pangan, koperasi nelayan, dan \
             koperasi kerajinan.",
        ),
    ];
    let index = FaqIndex::build(&faq, &lex());
    let id = |m: &Match| m.best.map(|b| faq[b.entry].id.as_str());
    let n = index
        .normalizer()
        .normalize("mitra nusantara ada brp negara");
    assert_eq!(n.count_of.as_deref(), Some("negara"));
    // Whether the entry, if ranked for the question, holds what it asks.
    let holds = |q: &str, id: &str| {
        index
            .rank(q)
            .iter()
            .find(|s| faq[s.entry].id == id)
            .map(|s| s.holds_asked)
    };
    assert_eq!(
        holds("mitra nusantara ada brp negara", "mitra-nusantara"),
        Some(true)
    );
    // Its number is of regions, and its phrasing asks "berapa wilayah".
    assert_ne!(
        holds("mitra nusantara ada brp negara", "wilayah-mitra"),
        Some(true)
    );
    let m = index.ask("mitra nusantara ada brp negara");
    assert_eq!(
        (m.outcome, id(&m)),
        (Outcome::Answer, Some("mitra-nusantara"))
    );
    // "… ada tiga, yaitu …": a number said of the words before it. Its phrasing asks so.
    let m = index.ask("koperasi antarnegara ada brp bentuk");
    assert_eq!(
        (m.outcome, id(&m)),
        (Outcome::Answer, Some("bentuk-koperasi"))
    );
    // "urutan berapa", "berapa banyak": no thing counted.
    for q in [
        "nusantara urutan berapa negara mitra",
        "berapa banyak negara mitra",
    ] {
        assert_eq!(index.normalizer().normalize(q).count_of, None, "{q}");
    }
    // Nothing after "berapa": a number of what the question gave a number of, which the
    // entry on the regions does not give.
    let q = "dari 87 negara mitra nusantara itu yg di samudra ada brp";
    assert_eq!(
        index.normalizer().normalize(q).count_of.as_deref(),
        Some("negara")
    );
    assert_eq!(holds(q, "wilayah-mitra"), Some(false));
    assert_ne!(id(&index.ask(q)), Some("wilayah-mitra"));
    // A year is not a number of things.
    assert_eq!(
        index
            .normalizer()
            .normalize("tahun 2020 negara mitra nusantara ada brp")
            .count_of,
        None
    );
}

/// "cuma … doang?" asks whether something is only so: the entry whose answer says it is not
/// only so ranks above one that only says what the thing is, and loses that lead when the
/// factor is neutral.
#[test]
fn an_only_question_prefers_an_answer_saying_whether_it_is_only_so() {
    let faq = vec![
        entry(
            "pengertian-koperasi",
            "Apa itu koperasi antarnegara?",
            &[],
            &["koperasi", "anggota"],
            "Koperasi antarnegara adalah wadah yang anggotanya negara-negara.",
        ),
        entry(
            "anggota-koperasi",
            "Siapa saja anggota koperasi antarnegara?",
            &[],
            &["anggota", "koperasi"],
            "Anggota koperasi antarnegara bukan hanya negara, tetapi juga lumbung desa dan \
             kelompok nelayan.",
        ),
    ];
    let index = FaqIndex::build(&faq, &lex());
    let q = "anggota koperasi antarnegara cuma negara doang?";
    assert!(index.normalizer().normalize(q).only);
    let ranked = index.rank(q);
    assert_eq!(faq[ranked[0].entry].id, "anggota-koperasi");
    let neutral = Tuning {
        not_only: 1.0,
        ..Tuning::default()
    };
    let unweighted = FaqIndex::with_tuning(&faq, &lex(), neutral).rank(q);
    let lead = |r: &[Scored]| r[0].score - r[1].score;
    assert!(lead(&ranked) > lead(&unweighted));
    // What the asker knows, or which one is meant, asks nothing of the kind.
    for q in [
        "anggota koperasi apa aja, aku cuma tau negara",
        "contoh koperasi yg hanya beranggotakan negara",
    ] {
        assert!(!index.normalizer().normalize(q).only, "{q}");
    }
}

/// A question naming the items of a list it already has asks for the rest: the entries about
/// those items are set aside, not the list they come from, nor an answer saying what there is
/// besides one of them.
#[test]
fn items_the_question_has_already_are_set_aside() {
    let faq = vec![
        entry(
            "tujuan-koperasi",
            "Apa saja tujuan koperasi antarnegara?",
            &[],
            &["tujuan", "koperasi"],
            "Tujuan koperasi antarnegara ada tiga: memperkuat lumbung desa, menjaga harga \
             pangan, dan melatih nelayan.",
        ),
        entry(
            "lumbung",
            "Mengapa koperasi antarnegara memperkuat lumbung desa?",
            &[],
            &["lumbung", "desa"],
            "Karena lumbung desa yang kuat menjaga persediaan pangan saat paceklik.",
        ),
        entry(
            "harga-pangan",
            "Bagaimana koperasi antarnegara menjaga harga pangan?",
            &[],
            &["harga pangan"],
            "Koperasi antarnegara menjaga harga pangan dengan membeli hasil panen bersama.",
        ),
        entry(
            "bentuk-koperasi",
            "Apakah koperasi antarnegara hanya berupa lumbung desa?",
            &[],
            &["bentuk", "lumbung"],
            "Tidak, selain lumbung desa, koperasi antarnegara juga berupa kelompok nelayan dan \
             pasar bersama.",
        ),
    ];
    let index = FaqIndex::build(&faq, &lex());
    let top = |q: &str| faq[index.rank(q)[0].entry].id.as_str();
    let n = index
        .normalizer()
        .normalize("tujuan koperasi apa aja? aku baru nemu memperkuat lumbung sm menjaga harga pangan, sisanya apa");
    assert_eq!(n.known_items, 2);
    assert!(n.besides.iter().any(|w| w == "lumbung"), "{:?}", n.besides);
    assert!(n.besides.iter().any(|w| w == "pangan"), "{:?}", n.besides);
    assert_eq!(
        top(
            "tujuan koperasi apa aja? aku baru nemu memperkuat lumbung sm menjaga harga pangan, sisanya apa"
        ),
        "tujuan-koperasi"
    );
    // Short clauses right before asking for the rest are items too.
    let n = index
        .normalizer()
        .normalize("tujuan koperasi antarnegara apa aja? lumbung desa, harga pangan, trs apa lg");
    assert_eq!(n.known_items, 2);
    // Without setting aside, the entry on one of the items leads.
    let neutral = Tuning {
        set_aside: 1.0,
        ..Tuning::default()
    };
    let unweighted = FaqIndex::with_tuning(&faq, &lex(), neutral);
    let q = "tujuan koperasi apa aja? aku baru nemu memperkuat lumbung sm menjaga harga pangan, sisanya apa";
    assert_eq!(faq[unweighted.rank(q)[0].entry].id, "harga-pangan");
    // "selain lumbung": the entry on it is set aside, not the one whose answer says what
    // there is besides it, though its question names it.
    let q = "selain lumbung desa, koperasi antarnegara bisa berupa apa lagi?";
    let score = |index: &FaqIndex, q: &str, id: &str| {
        index
            .rank(q)
            .iter()
            .find(|s| faq[s.entry].id == id)
            .map(|s| s.score)
    };
    assert_eq!(top(q), "bentuk-koperasi");
    assert_eq!(
        score(&index, q, "bentuk-koperasi"),
        score(&unweighted, q, "bentuk-koperasi")
    );
    assert!(score(&index, q, "lumbung") < score(&unweighted, q, "lumbung"));
    // An answer naming every item of several is the list they come from.
    let q = "lumbung desa, kelompok nelayan, trs apa lagi bentuk koperasi antarnegara";
    assert_eq!(index.normalizer().normalize(q).known_items, 2);
    assert_eq!(
        score(&index, q, "bentuk-koperasi"),
        score(&unweighted, q, "bentuk-koperasi")
    );
    assert!(score(&index, q, "lumbung") < score(&unweighted, q, "lumbung"));
    // "aku dapet tugas …" says nothing the asker has of a list.
    let n = index
        .normalizer()
        .normalize("aku dapet tugas tentang lumbung desa, tujuannya apa");
    assert!(n.besides.is_empty(), "{:?}", n.besides);
}
