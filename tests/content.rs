//! The shipped content: loads cleanly, meets the minimum counts, and covers every topic and article.

use std::path::Path;

use kelasbot::content::{Content, load_library};

/// Every shipped pack, validated together.
fn shipped() -> (Vec<Content>, Vec<String>) {
    match load_library(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content")) {
        Ok((library, warnings)) => (
            library.packs().iter().map(|c| (**c).clone()).collect(),
            warnings.iter().map(|p| p.to_string()).collect(),
        ),
        Err(problems) => {
            let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            panic!("shipped content is invalid:\n{}", lines.join("\n"));
        }
    }
}

/// A shipped pack, by id.
fn pack(id: &str) -> Content {
    shipped()
        .0
        .into_iter()
        .find(|c| c.pack.id == id)
        .unwrap_or_else(|| panic!("no pack {id}"))
}

/// Where each shipped pack's articles are kept, beside the project.
fn articles_of(c: &Content) -> std::path::PathBuf {
    let folder = match c.pack.id.as_str() {
        "kerja-sama-internasional" => "articles",
        "perubahan-sosial-budaya" => "articles-perubahan-sosial",
        other => panic!("no article folder known for pack {other}"),
    };
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(folder)
}

#[test]
fn shipped_content_is_valid_without_warnings() {
    let (packs, warnings) = shipped();
    assert!(!packs.is_empty());
    assert!(warnings.is_empty(), "{warnings:#?}");
}

#[test]
fn minimum_counts() {
    let c = pack("kerja-sama-internasional");
    assert_eq!(c.sources.len(), 5);
    assert!(c.faq.len() >= 100, "faq has {}", c.faq.len());
    assert!(c.facts.len() >= 60, "facts has {}", c.facts.len());
    assert!(c.quiz.len() >= 150, "quiz has {}", c.quiz.len());
    let c = pack("perubahan-sosial-budaya");
    assert_eq!(c.sources.len(), 10);
    assert!(c.faq.len() >= 30, "faq has {}", c.faq.len());
    assert!(c.facts.len() >= 30, "facts has {}", c.facts.len());
    assert!(c.quiz.len() >= 40, "quiz has {}", c.quiz.len());
}

#[test]
fn every_source_is_listed_and_every_article_is_used_by_all_three_files() {
    for c in shipped().0 {
        every_article_is_used(&c);
    }
}

fn every_article_is_used(c: &Content) {
    let articles = articles_of(c);
    for s in &c.sources {
        if articles.is_dir() {
            assert!(
                articles.join(&s.file).is_file(),
                "{} is not an article",
                s.file
            );
        }
        assert!(
            c.faq.iter().any(|e| e.source == s.file),
            "faq does not use {}",
            s.file
        );
        assert!(
            c.facts.iter().any(|e| e.source == s.file),
            "facts do not use {}",
            s.file
        );
        assert!(
            c.quiz.iter().any(|e| e.source == s.file),
            "quiz does not use {}",
            s.file
        );
    }
    let sources: Vec<&str> = c.sources.iter().map(|s| s.file.as_str()).collect();
    let used = c
        .faq
        .iter()
        .map(|e| &e.source)
        .chain(c.facts.iter().map(|e| &e.source))
        .chain(c.quiz.iter().map(|e| &e.source));
    for file in used {
        assert!(
            sources.contains(&file.as_str()),
            "{file} is not in pack.yaml"
        );
    }
}

#[test]
fn every_topic_has_three_quiz_questions_and_two_faq_entries() {
    for c in shipped().0 {
        for topic in &c.pack.topics {
            let quiz = c.quiz.iter().filter(|q| q.topic == topic.id).count();
            let faq = c.faq.iter().filter(|e| e.topic == topic.id).count();
            let id = (&c.pack.id, &topic.id);
            assert!(quiz >= 3, "topic {id:?} has {quiz} quiz questions");
            assert!(faq >= 2, "topic {id:?} has {faq} faq entries");
        }
    }
}

#[test]
fn muddled_rupiah_trade_figures_are_left_out() {
    let c = pack("kerja-sama-internasional");
    let texts = c
        .faq
        .iter()
        .flat_map(|e| [&e.answer, &e.question])
        .chain(c.facts.iter().map(|f| &f.text))
        .chain(c.quiz.iter().flat_map(|q| {
            std::iter::once(&q.question)
                .chain(&q.options)
                .chain([&q.explanation])
        }));
    for t in texts {
        for figure in ["318,6", "87,75", "185,9"] {
            assert!(
                !t.contains(figure),
                "content repeats the muddled figure {figure}: {t}"
            );
        }
    }
}

/// Every pack's quiz bank keeps the lint's limits: the right option is not told by its length
/// or shape, and no option breaks when options are shuffled.
#[test]
fn every_quiz_bank_gives_nothing_away() {
    use kelasbot::content::lint::{self, BankFigures};
    for c in shipped().0 {
        let f = BankFigures::of(&c.quiz);
        let over = f.over_limits();
        let items: Vec<String> = c
            .quiz
            .iter()
            .filter_map(|q| {
                let found = lint::item_problems(q);
                (!found.is_empty()).then(|| format!("{}: {}", q.id, found.join("; ")))
            })
            .collect();
        assert!(
            over.is_empty(),
            "{}: {}\n{}\n{}",
            c.pack.id,
            f.line(),
            over.join("\n"),
            items.join("\n")
        );
    }
}

/// The first subject's bank teaches every topic and tests understanding, not only recall: at
/// least eight items per topic, a quarter `sulit`, and a fifth asked in other shapes than
/// "Menurut artikel, …" ("Manakah yang BUKAN …", a case to classify, a term for its meaning).
#[test]
fn the_first_quiz_bank_covers_every_topic_and_asks_in_several_shapes() {
    use kelasbot::content::Difficulty;
    let c = pack("kerja-sama-internasional");
    for topic in &c.pack.topics {
        let n = c.quiz.iter().filter(|q| q.topic == topic.id).count();
        assert!(n >= 8, "topic {} has {n} quiz items", topic.id);
    }
    let hard = c
        .quiz
        .iter()
        .filter(|q| q.difficulty == Difficulty::Sulit)
        .count();
    assert!(hard * 4 >= c.quiz.len(), "{hard} of {} sulit", c.quiz.len());
    let plain = c
        .quiz
        .iter()
        .filter(|q| q.question.to_lowercase().starts_with("menurut artikel"))
        .count();
    assert!(
        (c.quiz.len() - plain) * 5 >= c.quiz.len(),
        "{plain} of {} open with \"Menurut artikel\"",
        c.quiz.len()
    );
}

/// Every pack's answers lead with their answer: four sentences at most, a reason first when
/// the question asks why, and no word of "the article" a student never sees.
#[test]
fn every_faq_answers_first() {
    use kelasbot::content::answer_lint::{self, FaqFigures};
    for c in shipped().0 {
        let f = FaqFigures::of(&c.faq);
        let flawed: Vec<String> = c
            .faq
            .iter()
            .filter_map(|e| {
                let flaws = answer_lint::entry(e);
                (!flaws.is_empty()).then(|| format!("{}: {flaws:?}", e.id))
            })
            .collect();
        assert!(
            f.clean(),
            "{}: {}\n{}",
            c.pack.id,
            f.line(),
            flawed.join("\n")
        );
    }
}
