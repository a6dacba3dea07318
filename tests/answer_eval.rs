//! The answer matcher against an evaluation set written the way students type.
//!
//! `tests/eval/questions.yaml` holds on-topic questions labelled with the FAQ id they must hit
//! and tagged (`typo`, `abbrev`, `keyword`, `long`); `tests/eval/offtopic.yaml` holds questions
//! the FAQ must not answer. The set is a test, not training data: no evaluation question may
//! equal a phrasing in faq.yaml once normalised, and every `typo` item must contain a word that is
//! not in the index vocabulary. Run with `--nocapture` to see the figures.

use std::collections::HashSet;
use std::path::Path;

use kelasbot::answer::{FaqIndex, Outcome};
use kelasbot::content::{Content, load_dir};
use serde::Deserialize;

/// A question labelled with the entry that answers it, or with several where more than one
/// entry does (`ids`).
#[derive(Deserialize)]
struct Labelled {
    q: String,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    ids: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
}

impl Labelled {
    /// The ids that count as right.
    fn ok(&self) -> Vec<&str> {
        self.id
            .iter()
            .chain(&self.ids)
            .map(String::as_str)
            .collect()
    }
}

#[derive(Deserialize)]
struct OffTopic {
    q: String,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn content() -> Content {
    match load_dir(&root().join("content/kerja-sama-internasional")) {
        Ok(l) => l.content,
        Err(p) => panic!("content invalid: {p:?}"),
    }
}

fn read<T: for<'de> Deserialize<'de>>(name: &str) -> Vec<T> {
    let path = root().join("tests/eval").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A text as the index reads it: its stemmed words and the question words it asks with
/// ("berapa kali … ?" and "… ga?" share their words but not their question).
fn key(index: &FaqIndex, text: &str) -> Vec<String> {
    let n = index.normalizer();
    let normalized = n.normalize(text);
    let mut key: Vec<String> = normalized.words.iter().map(|w| n.stem(w)).collect();
    let mut asks: Vec<String> = normalized.asks.iter().map(|a| format!("{a:?}")).collect();
    asks.sort();
    key.extend(asks);
    key
}

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        100.0 * n as f64 / d as f64
    }
}

#[test]
fn evaluation_set_is_well_formed_and_unseen() {
    let c = content();
    let index = FaqIndex::build(&c.faq, &c.lexicon);
    let labelled: Vec<Labelled> = read("questions.yaml");
    let off: Vec<OffTopic> = read("offtopic.yaml");
    assert!(
        labelled.len() >= 120,
        "{} labelled questions",
        labelled.len()
    );
    assert!(off.len() >= 25, "{} off-topic questions", off.len());
    let ids: HashSet<&str> = c.faq.iter().map(|e| e.id.as_str()).collect();
    let count = |tag: &str| {
        labelled
            .iter()
            .filter(|l| l.tags.iter().any(|t| t == tag))
            .count()
    };
    let n = labelled.len();
    assert!(pct(count("typo"), n) >= 30.0, "typo {}", count("typo"));
    assert!(
        pct(count("abbrev"), n) >= 20.0,
        "abbrev {}",
        count("abbrev")
    );
    assert!(
        pct(count("keyword"), n) >= 10.0,
        "keyword {}",
        count("keyword")
    );
    let phrasings: HashSet<Vec<String>> = c
        .faq
        .iter()
        .flat_map(|e| std::iter::once(&e.question).chain(&e.phrasings))
        .map(|p| key(&index, p))
        .collect();
    let mut problems = Vec::new();
    for l in &labelled {
        assert!(!l.ok().is_empty(), "{:?} names no entry", l.q);
        for id in l.ok() {
            assert!(
                ids.contains(id),
                "{:?} is labelled with unknown id {id}",
                l.q
            );
        }
        for t in &l.tags {
            assert!(
                ["typo", "abbrev", "keyword", "long"].contains(&t.as_str()),
                "tag {t}"
            );
        }
        if phrasings.contains(&key(&index, &l.q)) {
            problems.push(format!("{:?} copies a faq.yaml phrasing", l.q));
        }
        if l.tags.iter().any(|t| t == "typo") {
            let words = index.normalizer().normalize(&l.q).words;
            if !words.iter().any(|w| !index.has_word(w)) {
                problems.push(format!(
                    "typo item {:?} has no word outside the vocabulary",
                    l.q
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    for o in &off {
        assert!(
            !phrasings.contains(&key(&index, &o.q)),
            "{:?} copies a faq.yaml phrasing",
            o.q
        );
    }
}

/// What one evaluation run measured.
struct Figures {
    n: usize,
    off: usize,
    right: usize,
    wrong: usize,
    reachable: usize,
    off_none: usize,
    off_answer: usize,
}

#[test]
fn matcher_is_never_confidently_wrong_and_stays_quiet_off_topic() {
    let f = evaluate(&["questions.yaml"], &["offtopic.yaml"]);
    assert!(
        pct(f.wrong, f.n) <= 1.5,
        "confident and wrong {:.1}% > 1.5%",
        pct(f.wrong, f.n)
    );
    assert!(
        pct(f.off_none, f.off) >= 95.0,
        "off-topic none {:.1}% < 95%",
        pct(f.off_none, f.off)
    );
    assert_eq!(f.off_answer, 0, "off-topic questions answered");
}

/// The matcher answers at least 92% of the test questions outright and correctly: what it
/// has reached, held so that it cannot slip back (the target is 95%).
#[test]
fn matcher_answers_at_least_92_percent_correctly() {
    let f = evaluate(&["questions.yaml"], &["offtopic.yaml"]);
    assert!(
        pct(f.right, f.n) >= 92.0,
        "confident and correct {:.1}% < 92%",
        pct(f.right, f.n)
    );
}

/// The right entry is answered or among the suggestions for 98% of the questions.
#[test]
fn matcher_reaches_the_right_entry_for_nearly_every_question() {
    let f = evaluate(&["questions.yaml"], &["offtopic.yaml"]);
    assert!(
        pct(f.reachable, f.n) >= 98.0,
        "reachable {:.1}% < 98%",
        pct(f.reachable, f.n)
    );
}

/// The development sets the thresholds are tuned on; prints their figures.
/// `cargo test --test answer_eval -- --ignored --nocapture development`
#[test]
#[ignore = "tuning aid: prints figures for the development sets"]
fn development_set_figures() {
    evaluate(DEVELOPMENT, DEVELOPMENT_OFF_TOPIC);
}

/// Each development batch's figures on its own, the first subject alone:
/// `cargo test --release --test answer_eval -- --ignored --nocapture each_batch`; set
/// `KELASBOT_EVAL_BATCH=dev_fresh_k` to measure one batch (a new one before any tuning on it),
/// then again on its questions no earlier set holds (`evaluate_new`).
#[test]
#[ignore = "tuning aid: prints figures for each development batch"]
fn each_batch_figures() {
    let only = std::env::var("KELASBOT_EVAL_BATCH").ok();
    let mut measured = 0;
    let batches = DEVELOPMENT.iter().zip(DEVELOPMENT_OFF_TOPIC);
    // A batch not yet measured is measured only when named: its first figure is the honest one.
    let unmeasured = UNMEASURED
        .iter()
        .map(|b| (b.0, b.1))
        .filter(|_| only.is_some());
    for (on, off) in batches.map(|(a, b)| (*a, *b)).chain(unmeasured) {
        let batch = on.trim_end_matches(".yaml");
        if only.as_deref().is_some_and(|b| b != batch) {
            continue;
        }
        evaluate(&[on], &[off]);
        if only.is_some() {
            evaluate_new(on, off);
        }
        measured += 1;
    }
    assert!(measured > 0, "no development batch is named {only:?}");
}

const DEVELOPMENT: &[&str] = &[
    "dev.yaml",
    "dev_large.yaml",
    "dev_fresh_a.yaml",
    "dev_fresh_b.yaml",
    "dev_fresh_c.yaml",
    "dev_fresh_d.yaml",
    "dev_fresh_e.yaml",
    "dev_fresh_f.yaml",
    "dev_fresh_g.yaml",
    "dev_fresh_h.yaml",
    "dev_fresh_i.yaml",
    "dev_fresh_j.yaml",
    "dev_fresh_k.yaml",
    "dev_fresh_l.yaml",
    "dev_fresh_m.yaml",
    "dev_fresh_n.yaml",
    "dev_fresh_o.yaml",
    "dev_fresh_p.yaml",
    "dev_fresh_q.yaml",
    "dev_fresh_r.yaml",
    "dev_fresh_s.yaml",
    "dev_fresh_t.yaml",
    "dev_fresh_u.yaml",
    "dev_fresh_v.yaml",
    "dev_fresh_w.yaml",
    "dev_fresh_x.yaml",
    "dev_fresh_y.yaml",
    "dev_fresh_z.yaml",
    "dev_fresh_aa.yaml",
    "dev_fresh_ab.yaml",
    "dev_fresh_ac.yaml",
    "dev_fresh_ad.yaml",
    "dev_fresh_ae.yaml",
    "dev_fresh_af.yaml",
    "dev_fresh_ag.yaml",
    "dev_fresh_ah.yaml",
    "dev_fresh_ai.yaml",
    "dev_fresh_aj.yaml",
    "dev_fresh_ak.yaml",
    "dev_fresh_al.yaml",
    "dev_fresh_am.yaml",
    "dev_fresh_an.yaml",
    "dev_fresh_ao.yaml",
    "dev_fresh_ap.yaml",
    "dev_fresh_aq.yaml",
    "dev_fresh_ar.yaml",
    "dev_fresh_as.yaml",
];

/// Batches written and committed but not yet measured: a batch moves to `DEVELOPMENT` once its
/// first figures are taken (`KELASBOT_EVAL_BATCH=<batch> … each_batch`) and reported.
const UNMEASURED: &[(&str, &str)] = &[("dev_fresh_at.yaml", "dev_fresh_at_offtopic.yaml")];

const DEVELOPMENT_OFF_TOPIC: &[&str] = &[
    "dev_offtopic.yaml",
    "dev_large_offtopic.yaml",
    "dev_fresh_a_offtopic.yaml",
    "dev_fresh_b_offtopic.yaml",
    "dev_fresh_c_offtopic.yaml",
    "dev_fresh_d_offtopic.yaml",
    "dev_fresh_e_offtopic.yaml",
    "dev_fresh_f_offtopic.yaml",
    "dev_fresh_g_offtopic.yaml",
    "dev_fresh_h_offtopic.yaml",
    "dev_fresh_i_offtopic.yaml",
    "dev_fresh_j_offtopic.yaml",
    "dev_fresh_k_offtopic.yaml",
    "dev_fresh_l_offtopic.yaml",
    "dev_fresh_m_offtopic.yaml",
    "dev_fresh_n_offtopic.yaml",
    "dev_fresh_o_offtopic.yaml",
    "dev_fresh_p_offtopic.yaml",
    "dev_fresh_q_offtopic.yaml",
    "dev_fresh_r_offtopic.yaml",
    "dev_fresh_s_offtopic.yaml",
    "dev_fresh_t_offtopic.yaml",
    "dev_fresh_u_offtopic.yaml",
    "dev_fresh_v_offtopic.yaml",
    "dev_fresh_w_offtopic.yaml",
    "dev_fresh_x_offtopic.yaml",
    "dev_fresh_y_offtopic.yaml",
    "dev_fresh_z_offtopic.yaml",
    "dev_fresh_aa_offtopic.yaml",
    "dev_fresh_ab_offtopic.yaml",
    "dev_fresh_ac_offtopic.yaml",
    "dev_fresh_ad_offtopic.yaml",
    "dev_fresh_ae_offtopic.yaml",
    "dev_fresh_af_offtopic.yaml",
    "dev_fresh_ag_offtopic.yaml",
    "dev_fresh_ah_offtopic.yaml",
    "dev_fresh_ai_offtopic.yaml",
    "dev_fresh_aj_offtopic.yaml",
    "dev_fresh_ak_offtopic.yaml",
    "dev_fresh_al_offtopic.yaml",
    "dev_fresh_am_offtopic.yaml",
    "dev_fresh_an_offtopic.yaml",
    "dev_fresh_ao_offtopic.yaml",
    "dev_fresh_ap_offtopic.yaml",
    "dev_fresh_aq_offtopic.yaml",
    "dev_fresh_ar_offtopic.yaml",
    "dev_fresh_as_offtopic.yaml",
];

#[test]
fn development_sets_name_real_entries_and_known_tags() {
    let c = content();
    let ids: HashSet<&str> = c.faq.iter().map(|e| e.id.as_str()).collect();
    for file in DEVELOPMENT
        .iter()
        .chain(UNMEASURED.iter().map(|(on, _)| on))
    {
        for l in read::<Labelled>(file) {
            assert!(!l.ok().is_empty(), "{file}: {:?} names no entry", l.q);
            for id in l.ok() {
                assert!(ids.contains(id), "{file}: unknown id {id}");
            }
            for t in &l.tags {
                assert!(
                    ["typo", "abbrev", "keyword", "long"].contains(&t.as_str()),
                    "{file}: tag {t}"
                );
            }
        }
    }
    assert_eq!(DEVELOPMENT.len(), DEVELOPMENT_OFF_TOPIC.len());
    let batches = DEVELOPMENT.iter().zip(DEVELOPMENT_OFF_TOPIC);
    for (on, off) in batches.chain(UNMEASURED.iter().map(|(on, off)| (on, off))) {
        let batch = on.trim_end_matches(".yaml");
        assert_eq!(
            *off,
            format!("{batch}_offtopic.yaml"),
            "batches are listed in pairs"
        );
        assert!(!read::<OffTopic>(off).is_empty(), "{off} is empty");
    }
}

fn evaluate(on_files: &[&str], off_files: &[&str]) -> Figures {
    let labelled: Vec<Labelled> = on_files.iter().flat_map(|f| read::<Labelled>(f)).collect();
    let off: Vec<OffTopic> = off_files.iter().flat_map(|f| read::<OffTopic>(f)).collect();
    evaluate_questions(&on_files.join(", "), &labelled, &off)
}

/// A question as written, whatever its spacing and capitals: two writers who type the same
/// question have asked nothing new of the matcher.
fn written(q: &str) -> String {
    q.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A batch's figures on its questions no earlier set holds as written (`written`): the
/// development sets listed before it and the test set. A fresh batch repeats some questions
/// students type alike ("bilateral vs multilateral"), which the matcher may have been tuned on.
fn evaluate_new(on: &str, off: &str) {
    let earlier: Vec<&str> = DEVELOPMENT
        .iter()
        .zip(DEVELOPMENT_OFF_TOPIC)
        .take_while(|(d, _)| **d != on)
        .flat_map(|(d, o)| [*d, *o])
        .chain(["questions.yaml", "offtopic.yaml"])
        .collect();
    let mut seen: HashSet<String> = HashSet::new();
    for file in earlier {
        if file.ends_with("offtopic.yaml") {
            seen.extend(read::<OffTopic>(file).iter().map(|o| written(&o.q)));
        } else {
            seen.extend(read::<Labelled>(file).iter().map(|l| written(&l.q)));
        }
    }
    let labelled: Vec<Labelled> = read::<Labelled>(on)
        .into_iter()
        .filter(|l| !seen.contains(&written(&l.q)))
        .collect();
    let off: Vec<OffTopic> = read::<OffTopic>(off)
        .into_iter()
        .filter(|o| !seen.contains(&written(&o.q)))
        .collect();
    evaluate_questions(&format!("{on}, new questions only"), &labelled, &off);
}

fn evaluate_questions(name: &str, labelled: &[Labelled], off: &[OffTopic]) -> Figures {
    let c = content();
    let index = FaqIndex::build(&c.faq, &c.lexicon);
    let (mut right, mut wrong, mut reachable, mut unsure, mut none) = (0, 0, 0, 0, 0);
    let mut failures = Vec::new();
    for l in labelled {
        let ok = l.ok();
        let m = index.ask(&l.q);
        let best = m.best.map(|b| c.faq[b.entry].id.as_str());
        let hit = best.is_some_and(|b| ok.contains(&b));
        let suggested = m
            .suggestions
            .iter()
            .any(|s| ok.contains(&c.faq[s.entry].id.as_str()));
        match m.outcome {
            Outcome::Answer if hit => right += 1,
            Outcome::Answer => {
                wrong += 1;
                failures.push(format!("WRONG  {:?} → {best:?} (want {ok:?})", l.q));
            }
            Outcome::Unsure => {
                unsure += 1;
                failures.push(format!(
                    "unsure {:?} (want {ok:?}, suggested: {suggested})",
                    l.q
                ));
            }
            Outcome::None => {
                none += 1;
                failures.push(format!("none   {:?} (want {ok:?})", l.q));
            }
        }
        if (m.outcome == Outcome::Answer && hit) || suggested {
            reachable += 1;
        }
    }
    let (mut off_none, mut off_answer) = (0, 0);
    for o in off {
        let m = index.ask(&o.q);
        match m.outcome {
            Outcome::None => off_none += 1,
            Outcome::Answer => {
                off_answer += 1;
                let id = m.best.map(|b| c.faq[b.entry].id.as_str());
                failures.push(format!("OFF-TOPIC ANSWERED {:?} → {id:?}", o.q));
            }
            Outcome::Unsure => failures.push(format!("off-topic unsure {:?}", o.q)),
        }
    }
    let n = labelled.len();
    println!(
        "evaluation ({name}): {n} on-topic questions, {} off-topic",
        off.len()
    );
    println!("  confident and correct: {right} ({:.1}%)", pct(right, n));
    println!("  confident and wrong:   {wrong} ({:.1}%)", pct(wrong, n));
    println!("  unsure: {unsure}, none: {none}");
    println!(
        "  right id answered or suggested: {reachable} ({:.1}%)",
        pct(reachable, n)
    );
    println!(
        "  off-topic none: {off_none} ({:.1}%), answered: {off_answer}",
        pct(off_none, off.len())
    );
    for f in &failures {
        println!("  {f}");
    }
    Figures {
        n,
        off: off.len(),
        right,
        wrong,
        reachable,
        off_none,
        off_answer,
    }
}

/// A subject's figures with every shipped subject loaded, as a chat taught it sees them.
struct SubjectFigures {
    n: usize,
    off: usize,
    right: usize,
    wrong: usize,
    from_other: usize,
    reached: usize,
    off_none: usize,
    off_answer: usize,
}

impl SubjectFigures {
    fn line(&self) -> String {
        format!(
            "{} questions + {} off-topic: confident and correct {} ({:.1}%), confident and \
             wrong {} ({:.1}%, {} of them from the other subject), reached {} ({:.1}%), \
             off-topic none {} ({:.1}%), answered {}",
            self.n,
            self.off,
            self.right,
            pct(self.right, self.n),
            self.wrong,
            pct(self.wrong, self.n),
            self.from_other,
            self.reached,
            pct(self.reached, self.n),
            self.off_none,
            pct(self.off_none, self.off),
            self.off_answer,
        )
    }

    /// The targets every subject is held to.
    fn assert_targets(&self, what: &str) {
        let line = self.line();
        assert!(pct(self.right, self.n) >= 90.0, "{what}: {line}");
        assert!(pct(self.wrong, self.n) <= 3.0, "{what}: {line}");
        assert!(pct(self.reached, self.n) >= 97.0, "{what}: {line}");
        assert!(pct(self.off_none, self.off) >= 90.0, "{what}: {line}");
        assert_eq!(self.off_answer, 0, "{what}: {line}");
    }
}

/// Pack `own`'s figures on `on_files` and `off_files` with every shipped pack loaded: the
/// chat's subject answers first, and another subject only where it is sure, as the bot does.
/// With `verbose`, prints each miss.
fn subject_figures(
    own: &str,
    on_files: &[&str],
    off_files: &[&str],
    verbose: bool,
) -> SubjectFigures {
    let library = match kelasbot::content::load_library(&root().join("content")) {
        Ok((library, _)) => library,
        Err(p) => panic!("content invalid: {p:?}"),
    };
    let indexes: Vec<(String, FaqIndex)> = library
        .packs()
        .iter()
        .map(|c| (c.pack.id.clone(), FaqIndex::build(&c.faq, &c.lexicon)))
        .collect();
    let own_content = library.get(own).expect("the pack");
    let own_index = &indexes.iter().find(|(id, _)| id == own).expect("indexed").1;
    let decide = |q: &str| -> (Outcome, Option<String>, bool, Vec<String>) {
        let m = own_index.ask(q);
        let suggested: Vec<String> = m
            .suggestions
            .iter()
            .map(|s| own_content.faq[s.entry].id.clone())
            .collect();
        if let (Outcome::Answer, Some(b)) = (m.outcome, m.best) {
            let id = own_content.faq[b.entry].id.clone();
            return (Outcome::Answer, Some(id), false, suggested);
        }
        let mut sure: Option<(f32, String)> = None;
        for (pack, index) in indexes.iter().filter(|(id, _)| id != own) {
            if let Some(b) = index.ask_from_elsewhere(q)
                && sure.as_ref().is_none_or(|(score, _)| b.score > *score)
            {
                let c = library.get(pack).expect("the pack");
                sure = Some((b.score, c.faq[b.entry].id.clone()));
            }
        }
        match sure {
            Some((score, id)) => {
                if verbose {
                    println!("  elsewhere {q:?} -> {id} ({score:.3})");
                }
                (Outcome::Answer, Some(id), true, suggested)
            }
            None => (m.outcome, None, false, suggested),
        }
    };
    let labelled: Vec<Labelled> = on_files.iter().flat_map(|f| read(f)).collect();
    let off: Vec<OffTopic> = off_files.iter().flat_map(|f| read(f)).collect();
    let mut f = SubjectFigures {
        n: labelled.len(),
        off: off.len(),
        right: 0,
        wrong: 0,
        from_other: 0,
        reached: 0,
        off_none: 0,
        off_answer: 0,
    };
    for l in &labelled {
        let ok = l.ok();
        let (outcome, id, elsewhere, suggested) = decide(&l.q);
        let hit = !elsewhere && id.as_deref().is_some_and(|i| ok.contains(&i));
        match outcome {
            Outcome::Answer if hit => f.right += 1,
            Outcome::Answer => {
                f.wrong += 1;
                f.from_other += usize::from(elsewhere);
                if verbose {
                    println!("WRONG {:?} -> {:?} (want {ok:?})", l.q, id);
                }
            }
            _ => {}
        }
        if hit || suggested.iter().any(|s| ok.contains(&s.as_str())) {
            f.reached += 1;
            if verbose && !hit {
                println!("UNSURE {:?} (offered {suggested:?})", l.q);
            }
        } else if verbose {
            println!("MISSED {:?} ({outcome:?}, want {ok:?})", l.q);
        }
    }
    for o in &off {
        let (outcome, id, elsewhere, _) = decide(&o.q);
        match outcome {
            Outcome::None => f.off_none += 1,
            Outcome::Answer => {
                f.off_answer += 1;
                if verbose {
                    let from = if elsewhere { "the other subject" } else { own };
                    println!("ANSWERED off-topic {:?} -> {id:?} from {from}", o.q);
                }
            }
            Outcome::Unsure => {}
        }
    }
    f
}

/// The second subject's development batches, which its lexicon and phrasings are tuned on:
/// A, then B and C (each written after the tuning before it, and first measured before any
/// tuning on it).
/// `cargo test --test answer_eval -- --ignored --nocapture second_subject_development`
#[test]
#[ignore = "tuning aid: prints figures for the second subject's development batches"]
fn second_subject_development_figures() {
    for batch in ["dev", "dev_b", "dev_c"] {
        let f = subject_figures(
            "perubahan-sosial-budaya",
            &[&format!("perubahan-sosial-budaya_{batch}.yaml")],
            &[&format!("perubahan-sosial-budaya_{batch}_offtopic.yaml")],
            true,
        );
        println!("second subject, development {batch}: {}", f.line());
    }
}

/// The second subject's test set, with both subjects loaded, holds the targets every subject
/// is held to. Written 2026-12-06 before any tuning for the subject and never tuned on.
/// `cargo test --test answer_eval -- --nocapture second_subject_meets`
#[test]
fn second_subject_meets_its_targets_with_both_subjects_loaded() {
    let f = subject_figures(
        "perubahan-sosial-budaya",
        &["perubahan-sosial-budaya.yaml"],
        &["perubahan-sosial-budaya_offtopic.yaml"],
        false,
    );
    println!("second subject, test: {}", f.line());
    f.assert_targets("second subject");
}

/// The first subject's test set with both subjects loaded holds its targets: a question its
/// own FAQ cannot answer may be answered, wrongly, from the other.
/// `cargo test --test answer_eval -- --nocapture first_subject`
#[test]
fn first_subject_meets_its_targets_with_both_subjects_loaded() {
    let f = subject_figures(
        "kerja-sama-internasional",
        &["questions.yaml"],
        &["offtopic.yaml"],
        false,
    );
    println!("first subject, test, both loaded: {}", f.line());
    f.assert_targets("first subject");
}

/// The first subject's development sets with both subjects loaded.
#[test]
#[ignore = "tuning aid: the first subject's development sets with both subjects loaded"]
fn first_subject_development_with_both_subjects_loaded() {
    let f = subject_figures(
        "kerja-sama-internasional",
        DEVELOPMENT,
        DEVELOPMENT_OFF_TOPIC,
        true,
    );
    println!("first subject, development, both loaded: {}", f.line());
}

/// Dumps, for every development question of either subject, what each subject's index makes
/// of it, to tune when a subject other than the chat's may answer.
/// `cargo test --release --test answer_eval -- --ignored cross_subject_dump`
#[test]
#[ignore = "tuning aid: writes target/cross-subject.tsv"]
fn cross_subject_dump() {
    use std::fmt::Write as _;
    let library = match kelasbot::content::load_library(&root().join("content")) {
        Ok((library, _)) => library,
        Err(p) => panic!("content invalid: {p:?}"),
    };
    let sets: [(&str, Vec<&str>, Vec<&str>); 2] = [
        (
            "kerja-sama-internasional",
            DEVELOPMENT.to_vec(),
            DEVELOPMENT_OFF_TOPIC.to_vec(),
        ),
        (
            "perubahan-sosial-budaya",
            vec!["perubahan-sosial-budaya_dev.yaml"],
            vec!["perubahan-sosial-budaya_dev_offtopic.yaml"],
        ),
    ];
    let mut out = String::from("set\tq\twant\tpack\toutcome\tid\tscore\tfocus\n");
    for (set, on, off) in &sets {
        let mut items: Vec<(String, Vec<String>)> = Vec::new();
        for f in on {
            for l in read::<Labelled>(f) {
                let ok = l.ok().into_iter().map(str::to_owned).collect();
                items.push((l.q, ok));
            }
        }
        for f in off {
            for o in read::<OffTopic>(f) {
                items.push((o.q, Vec::new()));
            }
        }
        for c in library.packs() {
            let index = FaqIndex::build(&c.faq, &c.lexicon);
            for (q, ok) in &items {
                let m = index.ask(q);
                let (id, score, focus) = m.best.map_or((String::new(), 0.0, 0.0), |b| {
                    (c.faq[b.entry].id.clone(), b.score, b.focus)
                });
                let _ = writeln!(
                    out,
                    "{set}\t{q}\t{}\t{}\t{:?}\t{id}\t{score}\t{focus}",
                    ok.join(","),
                    c.pack.id,
                    m.outcome
                );
            }
        }
    }
    let path = root().join("target/cross-subject.tsv");
    std::fs::write(&path, out).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// The second subject's sets name real entries, and its test set holds at least 60 questions
/// and 15 off-topic ones.
#[test]
fn second_subject_sets_name_real_entries() {
    let library = match kelasbot::content::load_library(&root().join("content")) {
        Ok((library, _)) => library,
        Err(p) => panic!("content invalid: {p:?}"),
    };
    let c = library.get("perubahan-sosial-budaya").expect("the pack");
    let ids: HashSet<&str> = c.faq.iter().map(|e| e.id.as_str()).collect();
    for (on, off, least) in [
        (
            "perubahan-sosial-budaya.yaml",
            "perubahan-sosial-budaya_offtopic.yaml",
            (60, 15),
        ),
        (
            "perubahan-sosial-budaya_dev.yaml",
            "perubahan-sosial-budaya_dev_offtopic.yaml",
            (1, 1),
        ),
        (
            "perubahan-sosial-budaya_dev_b.yaml",
            "perubahan-sosial-budaya_dev_b_offtopic.yaml",
            (1, 1),
        ),
        (
            "perubahan-sosial-budaya_dev_c.yaml",
            "perubahan-sosial-budaya_dev_c_offtopic.yaml",
            (1, 1),
        ),
    ] {
        let labelled: Vec<Labelled> = read(on);
        assert!(labelled.len() >= least.0, "{on}: {}", labelled.len());
        for l in &labelled {
            let named = l.ok();
            assert!(!named.is_empty(), "{on}: {:?} names no entry", l.q);
            for id in named {
                assert!(ids.contains(id), "{on}: unknown id {id}");
            }
        }
        assert!(read::<OffTopic>(off).len() >= least.1, "{off}");
    }
}

/// An entry whose own question a question says whole ("apa itu OKI?") does not answer what
/// it never says about its subject (where its office is, which currency its members use):
/// every way to a confident answer needs the entry to explain a fair share of the question.
#[test]
fn an_entry_named_whole_does_not_answer_what_it_never_says() {
    let c = content();
    let index = FaqIndex::build(&c.faq, &c.lexicon);
    for q in [
        "markas OKI ada di negara mana",
        "mata uang yang dipakai negara2 uni eropa namanya apa",
    ] {
        let m = index.ask(q);
        assert_ne!(m.outcome, Outcome::Answer, "{q}");
    }
    // Its own question, reworded, is still answered.
    let m = index.ask("oki itu apa sih");
    assert_eq!(m.outcome, Outcome::Answer);
    assert_eq!(m.best.map(|b| c.faq[b.entry].id.as_str()), Some("oki"));
}
