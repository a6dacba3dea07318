//! A pack as a teacher writes it: a dozen FAQ entries on another school subject
//! (`tests/fixtures/packs/sistem-pencernaan`, IPA kelas VIII) and no `lexicon.yaml`. The
//! engine's general Indonesian (chat spellings, typos, affixes) must be enough for it:
//! misspelt and abbreviated questions get the right answer, off-topic ones get none.
//!
//! The questions (`sistem-pencernaan-questions.yaml`) were written after the FAQ, as students
//! type, and the matcher was never tuned on them.

use std::path::{Path, PathBuf};

use kelasbot::answer::{FaqIndex, Outcome};
use kelasbot::content::{Content, load_dir};
use serde::Deserialize;

#[derive(Deserialize)]
struct Questions {
    on_topic: Vec<Labelled>,
    off_topic: Vec<OffTopic>,
}

#[derive(Deserialize)]
struct Labelled {
    q: String,
    id: String,
}

#[derive(Deserialize)]
struct OffTopic {
    q: String,
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs")
}

fn pack() -> Content {
    match load_dir(&fixtures().join("sistem-pencernaan")) {
        Ok(loaded) => loaded.content,
        Err(problems) => panic!("the fixture pack is invalid: {problems:?}"),
    }
}

fn questions() -> Questions {
    let path = fixtures().join("sistem-pencernaan-questions.yaml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_fixture_is_a_pack_without_a_lexicon() {
    assert!(!fixtures().join("sistem-pencernaan/lexicon.yaml").exists());
    let c = pack();
    assert_eq!(c.lexicon, Default::default());
    assert_eq!(c.faq.len(), 12);
    let q = questions();
    assert!(q.on_topic.len() >= 30 && q.off_topic.len() >= 10);
    for l in &q.on_topic {
        assert!(c.faq.iter().any(|e| e.id == l.id), "unknown id {}", l.id);
    }
}

#[test]
fn a_pack_without_a_lexicon_answers_misspelt_questions_and_ignores_others() {
    let c = pack();
    let index = FaqIndex::build(&c.faq, &c.lexicon);
    let q = questions();
    let mut correct = 0;
    let mut wrong = Vec::new();
    let mut missed = Vec::new();
    let mut reached = 0;
    for l in &q.on_topic {
        let m = index.ask(&l.q);
        let best = m.best.map(|b| c.faq[b.entry].id.as_str());
        let offered = m.suggestions.iter().any(|s| c.faq[s.entry].id == l.id);
        if best == Some(l.id.as_str()) && m.outcome == Outcome::Answer || offered {
            reached += 1;
        }
        match (m.outcome, best) {
            (Outcome::Answer, Some(id)) if id == l.id => correct += 1,
            (Outcome::Answer, got) => wrong.push(format!("{:?} → {got:?} (want {})", l.q, l.id)),
            (o, got) => missed.push(format!("{:?} → {o:?} {got:?} (want {})", l.q, l.id)),
        }
    }
    let answered: Vec<&str> = q
        .off_topic
        .iter()
        .filter(|o| index.ask(&o.q).outcome == Outcome::Answer)
        .map(|o| o.q.as_str())
        .collect();
    let n = q.on_topic.len();
    println!(
        "teacher's pack: {correct}/{n} on-topic answered correctly, {} wrong, {} not answered, \
         {reached} answered or suggested; off-topic answered: {}/{}",
        wrong.len(),
        missed.len(),
        answered.len(),
        q.off_topic.len()
    );
    for line in wrong.iter().chain(&missed) {
        println!("  {line}");
    }
    // First measured 2026-12-06, before any change made for this pack: 30 of 36 correct,
    // none wrong, 32 reached, no off-topic question answered.
    assert!(
        correct * 10 >= n * 8,
        "only {correct} of {n} answered correctly"
    );
    assert!(
        reached * 20 >= n * 17,
        "only {reached} of {n} answered or suggested"
    );
    assert!(wrong.is_empty(), "confidently wrong:\n{}", wrong.join("\n"));
    assert!(answered.is_empty(), "off-topic answered: {answered:?}");
}
