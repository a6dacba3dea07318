//! The real binary: `kelasbot check` and `kelasbot ask`, as an operator runs them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// Runs the binary in an empty directory (so no developer `.env` leaks in) with `content` as
/// its content directory.
fn kelasbot(content: &Path, args: &[&str]) -> Output {
    let cwd = tempfile::tempdir().expect("temp dir");
    Command::new(env!("CARGO_BIN_EXE_kelasbot"))
        .args(args)
        .current_dir(cwd.path())
        .env_clear()
        .env("KELASBOT_CONTENT_DIR", content)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn check_passes_on_the_shipped_content_and_prints_counts() {
    let o = kelasbot(&content_dir(), &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("is valid"), "{out}");
    assert!(out.contains("== kerja-sama-internasional"), "{out}");
    assert!(out.contains("faq.yaml: "), "{out}");
    assert!(out.contains("lexicon.yaml: home indonesia, "), "{out}");
    for topic in ["pengertian", "mitra-indonesia", "masa-depan", "pakar"] {
        assert!(out.contains(topic), "{topic} missing from {out}");
    }
    assert!(!out.contains("reads the same as"), "{out}");
    assert!(out.contains("quiz lint: right option longest "), "{out}");
}

/// A content folder holding a copy of the first pack without its lexicon, to edit: the folder
/// (kept while it lives) and the pack's own folder.
fn first_pack_without_lexicon() -> (tempfile::TempDir, PathBuf) {
    let root = tempfile::tempdir().expect("temp dir");
    let pack = root.path().join("kerja-sama-internasional");
    std::fs::create_dir(&pack).expect("pack folder");
    for f in ["pack.yaml", "faq.yaml", "facts.yaml", "quiz.yaml"] {
        let from = content_dir().join("kerja-sama-internasional").join(f);
        std::fs::copy(from, pack.join(f)).expect("copy content");
    }
    (root, pack)
}

#[test]
fn check_warns_of_a_way_of_asking_two_entries_share() {
    let (root, pack) = first_pack_without_lexicon();
    // The first entry's question, typed another way, given to the second entry as a phrasing.
    let faq = std::fs::read_to_string(pack.join("faq.yaml")).expect("read faq");
    let question = faq
        .lines()
        .find_map(|l| l.trim().strip_prefix("question: "))
        .expect("a question")
        .trim_matches('"')
        .to_string();
    let mut seen = 0;
    let edited: Vec<String> = faq
        .lines()
        .map(|l| {
            if l.trim() == "phrasings:" {
                seen += 1;
                if seen == 2 {
                    let typed = question.trim_end_matches('?').to_lowercase();
                    return format!("{l}\n    - \"{typed} sih\"");
                }
            }
            l.to_string()
        })
        .collect();
    std::fs::write(pack.join("faq.yaml"), edited.join("\n")).expect("write");
    let o = kelasbot(root.path(), &["check"]);
    assert!(
        o.status.success(),
        "a warning is not an error: {}",
        stderr(&o)
    );
    let out = stdout(&o);
    assert!(out.contains("no lexicon.yaml"), "{out}");
    assert!(
        out.contains("warning: ")
            && out.contains("reads the same as")
            && out.contains(&format!("\"{question}\" of entry")),
        "{out}"
    );
}

#[test]
fn check_json_is_one_object_with_counts() {
    let o = kelasbot(&content_dir(), &["check", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("one JSON object");
    assert_eq!(v["ok"], true);
    let first = &v["packs"]["kerja-sama-internasional"];
    assert_eq!(first["name"], "Kerja Sama Internasional");
    assert!(first["summary"]["totals"]["quiz"].as_u64().unwrap_or(0) >= 80);
    assert!(
        first["summary"]["topics"]["bentuk"]["faq"]
            .as_u64()
            .unwrap_or(0)
            >= 2
    );
    assert_eq!(v["errors"].as_array().map(Vec::len), Some(0));
    assert_eq!(
        first["quiz_lint"]["items"].as_u64(),
        first["summary"]["totals"]["quiz"].as_u64()
    );
}

#[test]
fn check_fails_naming_the_file_and_entry() {
    let (root, pack) = first_pack_without_lexicon();
    let quiz = std::fs::read_to_string(pack.join("quiz.yaml")).expect("read quiz");
    let first_id = quiz
        .lines()
        .find_map(|l| l.trim().strip_prefix("- id: "))
        .expect("an id")
        .trim()
        .to_string();
    let broken = quiz.replacen(
        &format!("- id: {first_id}\n"),
        &format!("- id: {first_id}\n  extra: 1\n"),
        1,
    );
    std::fs::write(pack.join("quiz.yaml"), broken).expect("write");
    let facts = std::fs::read_to_string(pack.join("facts.yaml")).expect("read facts");
    std::fs::write(pack.join("facts.yaml"), format!("{facts}\n- id: [broken\n")).expect("write");

    let o = kelasbot(root.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("quiz.yaml:") && err.contains("unknown field `extra`"),
        "{err}"
    );
    assert!(err.contains("facts.yaml:"), "{err}");
    assert!(
        err.contains("the bot will not start until they are fixed"),
        "{err}"
    );

    let o = kelasbot(root.path(), &["check", "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("one JSON object");
    assert_eq!(v["ok"], false);
    assert_eq!(v["errors"].as_array().map(Vec::len), Some(2));
    assert!(v["errors"][0]["line"].as_u64().is_some(), "{v}");
}

#[test]
fn content_in_the_old_flat_layout_is_refused_with_how_to_move_it() {
    let root = tempfile::tempdir().expect("temp dir");
    for f in ["faq.yaml", "facts.yaml", "quiz.yaml"] {
        let from = content_dir().join("kerja-sama-internasional").join(f);
        std::fs::copy(from, root.path().join(f)).expect("copy content");
    }
    let o = kelasbot(root.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("faq.yaml"), "{err}");
    assert!(err.contains("one folder per subject"), "{err}");
    assert!(err.contains("pack.yaml"), "{err}");
}

#[test]
fn a_bad_variable_is_named() {
    let cwd = tempfile::tempdir().expect("temp dir");
    let o = Command::new(env!("CARGO_BIN_EXE_kelasbot"))
        .args(["check"])
        .current_dir(cwd.path())
        .env_clear()
        .env("KELASBOT_CONTENT_DIR", content_dir())
        .env("KELASBOT_QUIZ_SECONDS", "500")
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("KELASBOT_QUIZ_SECONDS=\"500\" is invalid"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_malformed_dotenv_names_the_file() {
    let cwd = tempfile::tempdir().expect("temp dir");
    std::fs::write(cwd.path().join(".env"), "KELASBOT_TZ Asia/Jakarta\n").expect("write .env");
    let o = Command::new(env!("CARGO_BIN_EXE_kelasbot"))
        .args(["check"])
        .current_dir(cwd.path())
        .env_clear()
        .env("KELASBOT_CONTENT_DIR", content_dir())
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("kelasbot: .env: "), "{}", stderr(&o));
}

fn ask_json(question: &str) -> serde_json::Value {
    let o = kelasbot(&content_dir(), &["ask", "--json", question]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert_eq!(
        text.trim().lines().count(),
        1,
        "exactly one JSON object: {text}"
    );
    serde_json::from_str(&text).expect("JSON")
}

#[test]
fn ask_answers_the_difference_between_forms_despite_typos() {
    let v = ask_json("bedanya bilatral sama multilatral apa");
    assert_eq!(v["outcome"], "answer", "{v}");
    assert_eq!(v["matched"], true);
    assert_eq!(v["id"], "beda-bilateral-multilateral");
    assert!(
        v["answer"].as_str().unwrap_or("").contains("Sumber: "),
        "{v}"
    );
    assert_eq!(v["suggestions"], serde_json::json!([]));
    assert!(v["score"].as_f64().unwrap_or(0.0) > 0.0);
}

#[test]
fn chit_chat_sharing_a_word_by_chance_is_not_answered() {
    // "makan" occurs in the FAQ only inside "termakan isu", in one phrasing of one entry.
    let v = ask_json("bot kamu udah makan blm? hehe");
    assert_ne!(v["outcome"], "answer", "{v}");
}

#[test]
fn ask_says_none_for_off_topic() {
    let v = ask_json("siapa presiden pertama amerika");
    assert_eq!(v["outcome"], "none", "{v}");
    assert_eq!(v["matched"], false);
    assert_eq!(v["id"], serde_json::Value::Null);
    assert_eq!(v["answer"], serde_json::Value::Null);
    assert_eq!(v["suggestions"], serde_json::json!([]));
}

#[test]
fn ask_unsure_offers_suggestions_with_ids_and_questions() {
    // "Bentuk" is asked of several entries (the forms there are, whether they are only
    // agreements, what form an organisation is): the word alone cannot choose, so the bot asks.
    let v = ask_json("bentuk");
    assert_eq!(v["outcome"], "unsure", "{v}");
    assert_eq!(v["matched"], false);
    assert_eq!(v["answer"], serde_json::Value::Null);
    let s = v["suggestions"].as_array().expect("suggestions");
    assert!(!s.is_empty() && s.len() <= 3, "{v}");
    assert!(
        s.iter()
            .all(|x| x["id"].is_string() && x["question"].is_string()),
        "{v}"
    );
    let ids: Vec<&str> = s.iter().filter_map(|x| x["id"].as_str()).collect();
    assert!(ids.contains(&"bentuk-kerja-sama-internasional"), "{v}");
    assert!(ids.contains(&"bentuk-kerja-sama-paling-umum"), "{v}");
    assert_eq!(v["id"], s[0]["id"]);
}

#[test]
fn ask_does_not_answer_a_when_question_the_articles_do_not_hold() {
    let v = ask_json("kapan ASEAN didirikan?");
    assert_eq!(v["outcome"], "none", "{v}");
}

#[test]
fn ask_prints_readable_text() {
    let o = kelasbot(&content_dir(), &["ask", "apa itu kerja sama bilateral?"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("Sumber: "), "{}", stdout(&o));
    let o = kelasbot(&content_dir(), &["ask", "resep nasi goreng enak"]);
    assert!(o.status.success());
    assert!(
        stdout(&o).starts_with("Maaf, aku belum tahu"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn ask_answers_from_the_subject_it_is_given() {
    let o = kelasbot(
        &content_dir(),
        &[
            "ask",
            "--json",
            "--subject",
            "perubahan-sosial-budaya",
            "apa yg dimaksud perubahan sosial budaya",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("one JSON object");
    assert_eq!(v["subject"], "perubahan-sosial-budaya");
    assert_eq!(v["outcome"], "answer", "{v}");
    assert_eq!(v["id"], "pengertian-perubahan-sosial-budaya", "{v}");

    let o = kelasbot(&content_dir(), &["ask", "--subject", "sejarah", "apa itu"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("no subject \"sejarah\""), "{err}");
    assert!(err.contains("perubahan-sosial-budaya"), "{err}");
}

#[test]
fn unanswered_lists_private_questions_from_the_snapshot_without_changing_it() {
    use kelasbot::state::{State, Unanswered, snapshot};
    let data = tempfile::tempdir().expect("temp dir");
    let now = jiff::Timestamp::now();
    let q = |text: &str, reading: &str, days: i64| Unanswered {
        text: text.into(),
        reading: reading.into(),
        subject: "kerja-sama-internasional".into(),
        at: now - jiff::SignedDuration::from_hours(24 * days),
        unsure: false,
        suggested: Vec::new(),
    };
    let mut state = State::default();
    state.unanswered.insert(
        "kerja-sama-internasional".into(),
        vec![
            q("kenapa langit biru?", "kenapa: biru langit", 3),
            q("knp langit biru", "kenapa: biru langit", 1),
            q("sudah lama", "lama", 20),
        ],
    );
    let path = data.path().join(snapshot::FILE_NAME);
    let bytes = snapshot::encode(&state);
    std::fs::write(&path, &bytes).expect("write");
    let run = |args: &[&str]| {
        let cwd = tempfile::tempdir().expect("temp dir");
        Command::new(env!("CARGO_BIN_EXE_kelasbot"))
            .args(args)
            .current_dir(cwd.path())
            .env_clear()
            .env("KELASBOT_CONTENT_DIR", content_dir())
            .env("KELASBOT_DATA_DIR", data.path())
            .output()
            .expect("the binary runs")
    };
    let o = run(&["unanswered"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("kerja-sama-internasional: 3 question(s)"),
        "{out}"
    );
    assert!(out.contains("    2  knp langit biru"), "{out}");
    let o = run(&[
        "unanswered",
        "--days",
        "7",
        "--subject",
        "kerja-sama-internasional",
    ]);
    let out = stdout(&o);
    assert!(
        out.contains(": 2 question(s)") && !out.contains("sudah lama"),
        "{out}"
    );
    // Read, never rewritten.
    assert_eq!(std::fs::read(&path).expect("read"), bytes);
}
