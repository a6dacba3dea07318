use super::*;

const PACK: &str = "
id: contoh-pelajaran
name: Contoh Pelajaran
level: IPS kelas IX
example: apa itu kerja sama internasional?
topics:
  - id: pengertian
    label: pengertian kerja sama
  - id: bentuk
    label: bentuk kerja sama
  - id: pakar
    label: pendapat para ahli
sources:
  - file: a.txt
    title: Artikel A
    publisher: Penerbit A
  - file: b.txt
    title: Artikel B
";

const FAQ: &str = "
- id: pengertian-ki
  topic: pengertian
  question: Apa itu kerja sama internasional?
  phrasings: [Pengertian kerja sama internasional]
  keywords: [pengertian]
  answer: Kerja sama antara dua negara atau lebih. Tujuannya memenuhi kebutuhan.
  source: a.txt
- id: bentuk-ki
  topic: bentuk
  question: Apa saja bentuk kerja sama internasional?
  answer: Bilateral, regional, dan multilateral. Ketiganya berbeda jumlah negaranya.
  source: b.txt
";

const FACTS: &str = "
- id: fakta-1
  topic: bentuk
  text: Kerja sama bilateral dilakukan oleh dua negara.
  source: a.txt
- id: fakta-2
  topic: pengertian
  text: Kerja sama internasional melibatkan dua negara atau lebih.
  source: b.txt
";

const QUIZ: &str = "
- id: soal-1
  topic: bentuk
  difficulty: mudah
  question: Kerja sama bilateral dilakukan oleh berapa negara?
  options: [Dua, Tiga, Empat]
  answer: 0
  explanation: Bilateral berarti dua negara.
  source: a.txt
- id: soal-2
  topic: pengertian
  difficulty: sulit
  question: Siapa saja yang bisa menjadi aktor hubungan internasional sekarang?
  options: [Negara dan organisasi, Hanya negara, Hanya perusahaan, Hanya sekolah]
  answer: 0
  explanation: Selain negara, kini ada aktor bukan negara seperti organisasi.
  source: b.txt
";

fn check(faq: &str, facts: &str, quiz: &str) -> Result<Loaded, Vec<String>> {
    check_pack(PACK, faq, facts, quiz)
}

fn check_pack(pack: &str, faq: &str, facts: &str, quiz: &str) -> Result<Loaded, Vec<String>> {
    let files = ContentFiles {
        pack,
        lexicon: None,
        faq,
        facts,
        quiz,
    };
    parse(&files).map_err(|ps| ps.iter().map(|p| p.to_string()).collect())
}

fn errors(faq: &str, facts: &str, quiz: &str) -> Vec<String> {
    match check(faq, facts, quiz) {
        Ok(_) => panic!("expected the content to be rejected"),
        Err(e) => e,
    }
}

#[test]
fn valid_fixture_loads_with_sources_and_citation() {
    let loaded = check(FAQ, FACTS, QUIZ).expect("fixture is valid");
    let c = &loaded.content;
    assert_eq!((c.faq.len(), c.facts.len(), c.quiz.len()), (2, 2, 2));
    assert_eq!(c.faq[0].topic, "pengertian");
    assert_eq!(c.pack.id, "contoh-pelajaran");
    assert_eq!(c.topic_label("bentuk"), "bentuk kerja sama");
    assert_eq!(c.topic("  BENTUK ").map(|t| t.id.as_str()), Some("bentuk"));
    assert_eq!(c.quiz[1].difficulty, Difficulty::Sulit);
    let a = c.source("a.txt").expect("a.txt is a source");
    assert_eq!(a.citation(), "Artikel A (Penerbit A)");
    assert_eq!(
        c.source("b.txt").map(|s| s.citation()).as_deref(),
        Some("Artikel B")
    );
}

#[test]
fn duplicate_id_is_reported_with_file_and_id() {
    let quiz = QUIZ.replace("id: soal-2", "id: soal-1");
    assert_eq!(
        errors(FAQ, FACTS, &quiz),
        ["quiz.yaml: entry `soal-1`: duplicate id"]
    );
}

#[test]
fn answer_index_out_of_range() {
    let quiz = QUIZ.replacen("answer: 0", "answer: 3", 1);
    assert_eq!(
        errors(FAQ, FACTS, &quiz),
        ["quiz.yaml: entry `soal-1`: answer index 3 is out of range (options are numbered 0 to 2)"]
    );
    let quiz = QUIZ.replacen("answer: 0", "answer: -1", 1);
    assert_eq!(
        errors(FAQ, FACTS, &quiz),
        [
            "quiz.yaml: entry `soal-1`: answer index -1 is out of range (options are numbered 0 to 2)"
        ]
    );
}

#[test]
fn repeated_option() {
    let quiz = QUIZ.replace("[Dua, Tiga, Empat]", "[Dua, Tiga, dua]");
    assert_eq!(
        errors(FAQ, FACTS, &quiz),
        ["quiz.yaml: entry `soal-1`: option \"dua\" is repeated"]
    );
}

#[test]
fn too_few_options() {
    let quiz = QUIZ.replace("[Dua, Tiga, Empat]", "[Dua, Tiga]");
    assert_eq!(
        errors(FAQ, FACTS, &quiz),
        ["quiz.yaml: entry `soal-1`: has 2 options, 3 or 4 needed"]
    );
}

#[test]
fn unknown_source() {
    let facts = FACTS.replacen("source: a.txt", "source: c.txt", 1);
    assert_eq!(
        errors(FAQ, &facts, QUIZ),
        [
            "facts.yaml: entry `fakta-1`: source \"c.txt\" is not listed under `sources` in pack.yaml"
        ]
    );
}

#[test]
fn unknown_topic() {
    let faq = FAQ.replace("topic: bentuk", "topic: sejarah");
    let errs = errors(&faq, FACTS, QUIZ);
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0].starts_with(
            "faq.yaml: entry `bentuk-ki`: unknown topic \"sejarah\" (the topics in pack.yaml: pengertian, bentuk,"
        ),
        "{errs:?}"
    );
}

#[test]
fn unknown_difficulty() {
    let quiz = QUIZ.replace("difficulty: sulit", "difficulty: susah");
    assert_eq!(
        errors(FAQ, FACTS, &quiz),
        ["quiz.yaml: entry `soal-2`: unknown difficulty \"susah\" (mudah, sedang or sulit)"]
    );
}

#[test]
fn over_long_text() {
    let long = "a".repeat(MAX_FACT_CHARS + 1);
    let facts = FACTS.replace("Kerja sama bilateral dilakukan oleh dua negara.", &long);
    assert_eq!(
        errors(FAQ, &facts, QUIZ),
        ["facts.yaml: entry `fakta-1`: `text` is 281 characters, at most 280 allowed"]
    );
    // Characters, not bytes: 280 accented letters are within the limit.
    let accented = "é".repeat(MAX_FACT_CHARS);
    let facts = FACTS.replace("Kerja sama bilateral dilakukan oleh dua negara.", &accented);
    assert!(check(FAQ, &facts, QUIZ).is_ok());
    let option = "x".repeat(MAX_OPTION_CHARS + 1);
    let quiz = QUIZ.replace("[Dua, Tiga, Empat]", &format!("[Dua, Tiga, {option}]"));
    assert_eq!(
        errors(FAQ, FACTS, &quiz),
        ["quiz.yaml: entry `soal-1`: `options` is 101 characters, at most 100 allowed"]
    );
}

#[test]
fn over_long_or_malformed_id() {
    let long = "x".repeat(MAX_ID_BYTES + 1);
    let facts = FACTS.replace("id: fakta-1", &format!("id: {long}"));
    assert_eq!(
        errors(FAQ, &facts, QUIZ),
        [format!(
            "facts.yaml: entry `{long}`: id is 41 bytes, at most 40 fit in callback data (64 bytes in all)"
        )]
    );
    let facts = FACTS.replace("id: fakta-1", "id: Fakta_1");
    assert_eq!(
        errors(FAQ, &facts, QUIZ),
        ["facts.yaml: entry `Fakta_1`: id may only use lowercase letters a-z, digits and '-'"]
    );
}

#[test]
fn empty_text() {
    let faq = FAQ.replace(
        "answer: Bilateral, regional, dan multilateral. Ketiganya berbeda jumlah negaranya.",
        "answer: \"  \"",
    );
    assert_eq!(
        errors(&faq, FACTS, QUIZ),
        ["faq.yaml: entry `bentuk-ki`: `answer` is empty"]
    );
}

#[test]
fn same_question_in_two_faq_entries() {
    let faq = FAQ.replace(
        "Apa saja bentuk kerja sama internasional?",
        "apa itu kerja sama internasional?",
    );
    assert_eq!(
        errors(&faq, FACTS, QUIZ),
        [
            "faq.yaml: entry `bentuk-ki`: question \"apa itu kerja sama internasional?\" is also asked by entry `pengertian-ki`"
        ]
    );
}

#[test]
fn yaml_syntax_error_has_line_and_column() {
    let quiz = "- id: soal-1\n  options: [Dua, Tiga\n  answer: 0\n";
    let errs = errors(FAQ, FACTS, quiz);
    assert_eq!(errs.len(), 1);
    assert!(errs[0].starts_with("quiz.yaml:3:9: "), "{errs:?}");
}

#[test]
fn missing_or_misspelt_field_is_a_located_error() {
    let facts = FACTS.replacen("text:", "teks:", 1);
    let errs = errors(FAQ, &facts, QUIZ);
    assert_eq!(errs.len(), 1);
    assert_eq!(
        errs,
        [
            "facts.yaml:4:3: entry #1: unknown field `teks`, expected one of `id`, `topic`, `text`, `source`"
        ]
    );
    let quiz = QUIZ.replacen("answer: 0", "answer: nol", 1);
    let errs = errors(FAQ, FACTS, &quiz);
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0].starts_with("quiz.yaml:7:11: entry #1, `answer`: invalid type"),
        "{errs:?}"
    );
}

#[test]
fn empty_file_is_an_error() {
    assert_eq!(errors(FAQ, "  \n", QUIZ), ["facts.yaml: the file is empty"]);
}

#[test]
fn all_problems_are_reported_at_once() {
    let quiz = QUIZ
        .replace("id: soal-2", "id: soal-1")
        .replace("source: b.txt", "source: z.txt");
    let facts = FACTS.replace("topic: bentuk", "topic: x");
    assert_eq!(errors(FAQ, &facts, &quiz).len(), 3);
}

#[test]
fn thin_topics_and_unused_articles_are_warnings() {
    let loaded = check(FAQ, FACTS, QUIZ).expect("valid");
    let w: Vec<String> = loaded.warnings.iter().map(|p| p.to_string()).collect();
    assert!(w.contains(
        &"quiz.yaml: topic `bentuk` has 1 quiz question(s); at least 3 make a round".to_string()
    ));
    assert!(w.contains(
        &"quiz.yaml: topic `pakar` has 0 quiz question(s); at least 3 make a round".to_string()
    ));
    let faq = FAQ.replace("source: b.txt", "source: a.txt");
    let loaded = check(&faq, FACTS, QUIZ).expect("valid");
    let w: Vec<String> = loaded.warnings.iter().map(|p| p.to_string()).collect();
    assert!(w.contains(&"faq.yaml: article b.txt is not used by any entry".to_string()));
}

#[test]
fn a_pack_names_its_subject_and_topics_within_limits() {
    let long = PACK.replace(
        "id: contoh-pelajaran",
        "id: nama-pelajaran-yang-terlalu-panjang",
    );
    let errs = check_pack(&long, FAQ, FACTS, QUIZ).expect_err("refused");
    assert_eq!(
        errs,
        [
            "pack.yaml: `id` \"nama-pelajaran-yang-terlalu-panjang\" must be 1 to 24 bytes of \
          lowercase letters a-z, digits and '-'"
        ]
    );
    let twice = PACK.replace("id: pakar", "id: bentuk");
    let errs = check_pack(&twice, FAQ, FACTS, QUIZ).expect_err("refused");
    assert_eq!(errs, ["pack.yaml: entry `bentuk`: duplicate topic"]);
    let no_name = PACK.replace("name: Contoh Pelajaran", "name: ''");
    let errs = check_pack(&no_name, FAQ, FACTS, QUIZ).expect_err("refused");
    assert_eq!(errs, ["pack.yaml: `name` is empty"]);
    let errs = check_pack("id: x\n", FAQ, FACTS, QUIZ).expect_err("refused");
    assert!(errs[0].starts_with("pack.yaml"), "{errs:?}");
}

fn with_lexicon(lexicon: &str) -> Result<Loaded, Vec<String>> {
    let files = ContentFiles {
        pack: PACK,
        lexicon: Some(lexicon),
        faq: FAQ,
        facts: FACTS,
        quiz: QUIZ,
    };
    parse(&files).map_err(|ps| ps.iter().map(|p| p.to_string()).collect())
}

#[test]
fn a_lexicon_is_read_as_the_matcher_reads_words() {
    let loaded = with_lexicon(
        "home: Nusantara\nnames: [Budi]\naliases:\n  tatsur: Tata  Surya\n  org angkasa: astronot\n\
         synonyms:\n  orbit: lintasan\nkeep: [jauh]\n",
    )
    .expect("a valid lexicon");
    let lex = &loaded.content.lexicon;
    assert_eq!(lex.home.as_deref(), Some("nusantara"));
    assert_eq!(lex.names, ["budi"]);
    assert!(
        lex.aliases
            .contains(&("tatsur".into(), "tata surya".into()))
    );
    assert!(
        lex.aliases
            .contains(&("org angkasa".into(), "astronot".into()))
    );
    assert_eq!(
        lex.synonyms,
        [("orbit".to_string(), "lintasan".to_string())]
    );
    assert_eq!(lex.keep, ["jauh"]);
}

#[test]
fn a_kind_lists_only_names_and_says_which_is_not() {
    let loaded = with_lexicon("names: [Budi, Nusantara]\nkinds:\n  negara: [Nusantara]\n")
        .expect("a valid lexicon");
    assert_eq!(
        loaded.content.lexicon.kinds,
        [("negara".to_string(), vec!["nusantara".to_string()])]
    );
    let errors = with_lexicon("names: [budi]\nkinds:\n  negara: [nusantara]\n")
        .expect_err("a kind listing a word that is not a name");
    let all = errors.join("\n");
    assert!(all.contains("lexicon.yaml"), "{all}");
    assert!(
        all.contains("`nusantara` in `kinds.negara` is not among `names`"),
        "{all}"
    );
    // Any kind the FAQ writes may be typed, and one the subject names none of lists no names;
    // one the FAQ never writes is a warning naming it.
    let loaded = with_lexicon("names: [budi]\nkinds:\n  negara: [budi]\n  perusahaan: []\n")
        .expect("any kind may be typed");
    let w: Vec<String> = loaded.warnings.iter().map(|p| p.to_string()).collect();
    let w = w.join("\n");
    assert!(
        w.contains("`kinds.perusahaan`: no FAQ entry writes the word"),
        "{w}"
    );
    assert!(!w.contains("`kinds.negara`"), "{w}");
}

#[test]
fn people_are_names_and_the_file_says_which_is_not() {
    let loaded =
        with_lexicon("names: [Budi, Nusantara]\npeople: [Budi]\n").expect("a valid lexicon");
    assert_eq!(loaded.content.lexicon.people, ["budi"]);
    let errors = with_lexicon("names: [nusantara]\npeople: [budi]\n")
        .expect_err("a person who is not a name");
    let all = errors.join("\n");
    assert!(all.contains("lexicon.yaml"), "{all}");
    assert!(
        all.contains("`budi` in `people` is not among `names`"),
        "{all}"
    );
}

#[test]
fn a_lexicon_word_the_matcher_cannot_read_names_the_file_and_the_word() {
    let errors = with_lexicon(
        "names: [\"tata-surya\"]\naliases:\n  tiga kata lagi: x\n  kosong: \"\"\n\
         synonyms:\n  dua kata: satu\n",
    )
    .expect_err("a bad lexicon");
    let all = errors.join("\n");
    assert!(all.contains("lexicon.yaml"), "{all}");
    assert!(all.contains("`tata-surya` in `names`"), "{all}");
    assert!(
        all.contains("`tiga kata lagi` in `aliases` must be at most 2 words"),
        "{all}"
    );
    assert!(all.contains("an empty word in `aliases`"), "{all}");
    assert!(
        all.contains("`dua kata` in `synonyms` must be one word"),
        "{all}"
    );
    // Not YAML of the right shape: the file is named too.
    let errors = with_lexicon("names: nusantara\n").expect_err("names must be a list");
    assert!(errors.join("\n").contains("lexicon.yaml"), "{errors:?}");
}
