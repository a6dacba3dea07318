//! Group quizzes end to end: the real binary against the fake Bot API.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::support::bot::{BotProcess, FAST};
use crate::support::fake_api::{self, FakeApi, Scripted};
use crate::support::quiz::{points_of, press, question, questions, reveal, right_and_wrong, toast};
use kelasbot::driver::store;
use kelasbot::state::{State, snapshot};

const GROUP: i64 = -1_005_000_001;
const TEACHER: i64 = 8_001;

/// "1.234", as the bot writes thousands.
fn id_number(n: u64) -> String {
    kelasbot::texts::quiz::number(n)
}

fn load_state(dir: &std::path::Path) -> State {
    store::load(&dir.join("data").join(snapshot::FILE_NAME), 0)
        .expect("snapshot")
        .state
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_teachers_round_scores_reveals_and_survives_a_restart_and_sigkill() {
    let api = FakeApi::start().await;
    api.make_teacher(GROUP, TEACHER);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bot = BotProcess::start_ready(&api, dir.path(), &[FAST]).await;

    api.push_update(fake_api::group_text(GROUP, 11, "Ani", "/kuis"));
    api.wait_message(GROUP, "hanya untuk guru").await;
    api.push_update(fake_api::group_text(
        GROUP,
        TEACHER,
        "Bu Rina",
        "/kuis 2 10",
    ));
    api.wait_message(GROUP, "Kuis dimulai").await;

    let q1 = question(&api, 1).await;
    let (right, wrong) = right_and_wrong(&q1);
    let first = press(&api, &q1, 11, "Ani", &right);
    assert_eq!(toast(&api, &first).await, "Jawaban tercatat ✅");
    let twice = press(&api, &q1, 11, "Ani", &wrong);
    assert_eq!(toast(&api, &twice).await, "Kamu sudah menjawab");
    press(&api, &q1, 12, "=1+1", &wrong);
    let text = reveal(&api, q1.message_id).await;
    let late = press(&api, &q1, 13, "Cici", &right);
    assert_eq!(toast(&api, &late).await, "Soal ini sudah ditutup");
    assert!(
        text.contains("Yang benar, tercepat dulu:\n1. Ani — +"),
        "{text}"
    );
    assert!(text.contains("2 menjawab, 1 benar, 1 salah"), "{text}");
    let p1 = points_of(&text, "Ani");
    // The bot's clock runs five times as fast here: a press within a real second is at most
    // five seconds into the 10-second question.
    assert!(
        (750..=1000).contains(&p1),
        "answered in the first half: {p1}"
    );

    let q2 = question(&api, 2).await;
    let (right, _) = right_and_wrong(&q2);
    press(&api, &q2, 11, "Ani", &right);
    let text = reveal(&api, q2.message_id).await;
    let p2 = points_of(&text, "Ani");
    assert!(p2 >= 1000, "a streak bonus of 100: {p2}");
    let total = p1 + p2;
    let podium = api.wait_message(GROUP, "Kuis selesai").await;
    let podium = podium.body["text"].as_str().unwrap_or("");
    assert!(
        podium.contains(&format!("🥇 Ani — {} poin (2 benar)", id_number(total))),
        "{podium}"
    );
    // Killed right after the podium: the round's points were on disk before it went out.
    bot.signal(libc::SIGKILL);
    bot.wait_exit(Duration::from_secs(10)).await;
    let board = &load_state(dir.path()).chats[&GROUP].board;
    assert_eq!(board.players[&11].points, total);

    let mut bot = BotProcess::start_ready(&api, dir.path(), &[FAST]).await;
    api.push_update(fake_api::group_text(GROUP, 12, "=1+1", "/skor"));
    let skor = api.wait_message(GROUP, "Papan skor kelas").await;
    let skor = skor.body["text"].as_str().unwrap_or("").to_string();
    assert!(
        skor.contains(&format!("🥇 Ani — {} poin", id_number(total))),
        "{skor}"
    );
    assert!(skor.contains("=1+1 — 0 poin (0 benar dari 1)"), "{skor}");

    // The teacher exports the board: the file's bytes exactly.
    api.push_update(fake_api::group_text(GROUP, TEACHER, "Bu Rina", "/ekspor"));
    let doc = api
        .wait_for(Duration::from_secs(20), "the CSV", |calls| {
            calls.iter().find(|c| c.method == "sendDocument").cloned()
        })
        .await;
    assert_eq!(doc.body["chat_id"].as_i64(), Some(TEACHER));
    // The board's columns, then answered and right per topic of the subject.
    let csv = String::from_utf8(doc.file.clone().expect("the file")).expect("UTF-8");
    let rows: Vec<Vec<String>> = csv
        .trim_start_matches('\u{feff}')
        .lines()
        .map(|l| {
            l.split(',')
                .map(|c| c.trim_matches('"').to_string())
                .collect()
        })
        .collect();
    assert_eq!(
        rows[0][..6],
        ["nama", "username", "poin", "benar", "dijawab", "ronde"]
    );
    assert_eq!(rows[1][..6], ["Ani", "", &total.to_string(), "2", "2", "1"]);
    assert_eq!(rows[2][..6], ["'=1+1", "", "0", "0", "1", "1"]);
    assert_eq!(rows[0][6..8], ["tugas benar", "tugas dijawab"]);
    let topics = (rows[0].len() - 8) / 2;
    assert!(topics >= 3, "{:?}", rows[0]);
    assert!(rows[0][8].ends_with(" dijawab") && rows[0][9].ends_with(" benar"));
    let per_topic = |row: &[String], offset: usize| -> u32 {
        (0..topics)
            .map(|t| row[8 + 2 * t + offset].parse::<u32>().unwrap_or(0))
            .sum()
    };
    assert_eq!((per_topic(&rows[1], 0), per_topic(&rows[1], 1)), (2, 2));
    assert_eq!((per_topic(&rows[2], 0), per_topic(&rows[2], 1)), (1, 0));
    api.wait_message(GROUP, "kukirim lewat chat pribadi").await;

    // A clean restart keeps the same points.
    bot.signal(libc::SIGTERM);
    assert_eq!(bot.wait_exit(Duration::from_secs(20)).await, Some(0));
    let _bot = BotProcess::start_ready(&api, dir.path(), &[FAST]).await;
    api.push_update(fake_api::group_text(GROUP, 11, "Ani", "/skor"));
    let again = api
        .wait_for(Duration::from_secs(20), "a second /skor", |calls| {
            calls
                .iter()
                .filter(|c| {
                    c.method == "sendMessage"
                        && c.body["text"]
                            .as_str()
                            .is_some_and(|t| t.contains("Papan skor kelas"))
                })
                .nth(1)
                .cloned()
        })
        .await;
    assert!(
        again.body["text"]
            .as_str()
            .is_some_and(|t| t.contains(&format!("🥇 Ani — {} poin", id_number(total))))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forty_presses_in_a_second_are_answered_at_once_and_scored_in_press_order() {
    let api = FakeApi::start().await;
    api.delay("answerCallbackQuery", Duration::from_millis(500));
    let dir = tempfile::tempdir().expect("tempdir");
    let teachers = TEACHER.to_string();
    let mut bot =
        BotProcess::start_ready(&api, dir.path(), &[("KELASBOT_TEACHERS", &teachers), FAST]).await;
    api.push_update(fake_api::group_text(
        GROUP,
        TEACHER,
        "Bu Rina",
        "/kuis 1 10",
    ));
    let q = question(&api, 1).await;
    let (right, _) = right_and_wrong(&q);

    // Four bursts of ten, a quarter of a second apart and each pushed once the bot has fetched
    // the one before: the class presses over most of a second, so the answer times span far
    // more than the 20 ms that one point is worth at 10 s, however fast the machine is.
    let mut pushed: Vec<(String, i64, Instant)> = Vec::new();
    let started = tokio::time::Instant::now();
    for burst in 0..4 {
        tokio::time::sleep_until(started + Duration::from_millis(250) * burst as u32).await;
        for i in 0..10 {
            let user = 100 + burst * 10 + i;
            let id = press(&api, &q, user, &format!("Siswa{user:03}"), &right);
            pushed.push((id, user, Instant::now()));
        }
        api.wait_fetched(Duration::from_secs(5)).await;
    }
    let answered: HashMap<String, Instant> = api
        .wait_for(Duration::from_secs(10), "40 callback answers", |calls| {
            let answers: HashMap<String, Instant> = calls
                .iter()
                .filter(|c| c.method == "answerCallbackQuery")
                .filter_map(|c| Some((c.body["callback_query_id"].as_str()?.to_string(), c.at)))
                .collect();
            pushed
                .iter()
                .all(|(id, _, _)| answers.contains_key(id))
                .then_some(answers)
        })
        .await;
    let slowest = pushed
        .iter()
        .map(|(id, _, at)| answered[id].duration_since(*at))
        .max()
        .unwrap_or_default();
    // A measurement, not a check: the wait above already fails if the answers queue behind
    // one another (40 × 500 ms).
    println!("40 presses: slowest callback answer reached Telegram after {slowest:?}");

    let text = reveal(&api, q.message_id).await;
    let names: Vec<String> = (0..10)
        .map(|i| format!("{}. Siswa{:03}", i + 1, 100 + i))
        .collect();
    for name in &names {
        assert!(
            text.contains(name.as_str()),
            "fastest first, in press order: {text}"
        );
    }
    bot.signal(libc::SIGTERM);
    assert_eq!(bot.wait_exit(Duration::from_secs(20)).await, Some(0));
    let board = &load_state(dir.path()).chats[&GROUP].board;
    let points: Vec<u64> = pushed
        .iter()
        .map(|(_, user, _)| board.players[user].points)
        .collect();
    assert!(
        points.windows(2).all(|w| w[0] >= w[1]),
        "earlier presses never score less: {points:?}"
    );
    assert!(points[0] > points[39], "{points:?}");
}

/// A measurement run (2½ minutes of real quiz timers): `cargo test --test e2e quiz:: -- --ignored`.
/// `cargo test` checks the same budget on the driver's paused clock
/// (`driver::tests::a_ten_question_round_runs_on_its_own_clock_within_the_group_budget`) and
/// the outbox's group limit in `telegram::outbox`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "measurement run: real 10-second questions"]
async fn a_ten_question_round_stays_within_the_group_budget() {
    let api = FakeApi::start().await;
    api.enforce_limits();
    api.make_teacher(GROUP, TEACHER);
    let dir = tempfile::tempdir().expect("tempdir");
    let _bot = BotProcess::start_ready(&api, dir.path(), &[]).await;
    api.push_update(fake_api::group_text(
        GROUP,
        TEACHER,
        "Bu Rina",
        "/kuis 10 10",
    ));
    for n in 1..=10 {
        let q = question(&api, n).await;
        let (right, wrong) = right_and_wrong(&q);
        press(&api, &q, 21, "Ani", &right);
        // A second answer after the first live count makes another count due.
        api.wait_for(Duration::from_secs(20), "a live count", |calls| {
            calls
                .iter()
                .any(|c| c.method == "editMessageText" && c.message_id == Some(q.message_id))
                .then_some(())
        })
        .await;
        press(&api, &q, 22, "Budi", &wrong);
        reveal(&api, q.message_id).await;
    }
    api.wait_message(GROUP, "Kuis selesai").await;
    let to_group = api
        .calls("sendMessage")
        .iter()
        .chain(api.calls("editMessageText").iter())
        .filter(|c| c.body["chat_id"].as_i64() == Some(GROUP))
        .count();
    println!(
        "10 × 10 s round: {to_group} sends and edits to the group, 429s: {}",
        api.limited()
    );
    assert_eq!(api.limited(), 0, "Telegram would have answered 429");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_upgraded_mid_round_finishes_the_round_in_the_supergroup() {
    const OLD: i64 = -5_000_002;
    const NEW: i64 = -1_005_000_002;
    let api = FakeApi::start().await;
    api.make_teacher(OLD, TEACHER);
    let dir = tempfile::tempdir().expect("tempdir");
    let _bot = BotProcess::start_ready(&api, dir.path(), &[FAST]).await;
    api.push_update(fake_api::group_text(OLD, TEACHER, "Bu Rina", "/kuis 2 10"));
    let q1 = question(&api, 1).await;
    let (right, _) = right_and_wrong(&q1);
    press(&api, &q1, 31, "Dewi", &right);
    let t1 = reveal(&api, q1.message_id).await;
    // The next send finds the group upgraded.
    api.script("sendMessage", Scripted::Migrate(NEW));
    let q2 = api
        .wait_for(
            Duration::from_secs(30),
            "question 2 in the supergroup",
            |calls| questions(calls).into_iter().find(|q| q.chat == NEW),
        )
        .await;
    let (right, _) = right_and_wrong(&q2);
    press(&api, &q2, 31, "Dewi", &right);
    let t2 = reveal(&api, q2.message_id).await;
    api.wait_message(NEW, "Kuis selesai").await;
    let total = points_of(&t1, "Dewi") + points_of(&t2, "Dewi");
    api.push_update(fake_api::group_text(NEW, 31, "Dewi", "/skor"));
    let skor = api.wait_message(NEW, "Papan skor kelas").await;
    assert!(
        skor.body["text"]
            .as_str()
            .is_some_and(|t| t.contains(&format!("Dewi — {} poin", id_number(total)))),
        "{}",
        skor.body
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_falls_back_to_a_start_link_and_checks_the_teacher_again() {
    let api = FakeApi::start().await;
    api.make_teacher(GROUP, TEACHER);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut state = State::default();
    state.chat(GROUP).board.record(41, "Eka", None, true, 800);
    store::write_atomic(
        &dir.path().join("data").join(snapshot::FILE_NAME),
        &snapshot::encode(&state),
    )
    .expect("seed");
    let _bot = BotProcess::start_ready(&api, dir.path(), &[]).await;
    // The teacher never started the bot: Telegram refuses the private message.
    api.script(
        "sendDocument",
        Scripted::Error(
            403,
            "Forbidden: bot can't initiate conversation with a user".into(),
        ),
    );
    api.push_update(fake_api::group_text(GROUP, TEACHER, "Bu Rina", "/ekspor"));
    let link = api.wait_message(GROUP, "Mulai").await;
    let url = link.body["reply_markup"]["inline_keyboard"][0][0]["url"]
        .as_str()
        .unwrap_or("")
        .to_string();
    assert_eq!(url, format!("https://t.me/kelasbot?start=ekspor_{GROUP}"));
    // A student following the link gets nothing.
    api.push_update(fake_api::private_text(
        41,
        "Eka",
        &format!("/start ekspor_{GROUP}"),
    ));
    api.wait_message(41, "hanya guru").await;
    api.push_update(fake_api::private_text(
        TEACHER,
        "Bu Rina",
        &format!("/start ekspor_{GROUP}"),
    ));
    let doc = api
        .wait_for(Duration::from_secs(20), "the CSV in private", |calls| {
            calls
                .iter()
                .find(|c| {
                    c.method == "sendDocument"
                        && c.body["chat_id"].as_i64() == Some(TEACHER)
                        && c.file.is_some()
                        && c.at > link.at
                })
                .cloned()
        })
        .await;
    assert!(
        String::from_utf8_lossy(doc.file.as_deref().unwrap_or_default())
            .contains("\"Eka\",\"\",\"800\",\"1\",\"1\",\"0\"")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn materi_switches_a_groups_subject_and_the_next_round_asks_its_questions() {
    const CLASS: i64 = -1_005_000_017;
    let api = FakeApi::start().await;
    api.make_teacher(CLASS, TEACHER);
    let dir = tempfile::tempdir().expect("tempdir");
    let _bot = BotProcess::start_ready(&api, dir.path(), &[FAST]).await;
    let second = match kelasbot::content::load_dir(
        &crate::support::bot::content_dir().join("perubahan-sosial-budaya"),
    ) {
        Ok(l) => l.content,
        Err(p) => panic!("content invalid: {p:?}"),
    };

    api.push_update(fake_api::group_text(CLASS, TEACHER, "Bu Rina", "/materi"));
    let menu = api.wait_message(CLASS, "Guru bisa menggantinya").await;
    let button = menu.body["reply_markup"]["inline_keyboard"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row.as_array().cloned().unwrap_or_default())
        .find(|b| {
            b["text"]
                .as_str()
                .is_some_and(|t| t.contains("Perubahan Sosial Budaya"))
        })
        .and_then(|b| b["callback_data"].as_str().map(str::to_string))
        .expect("a button for the second subject");
    // A student's press changes nothing; the teacher's does.
    api.push_update(fake_api::callback_from(
        CLASS,
        11,
        "Ani",
        menu.message_id.unwrap_or(0),
        &button,
    ));
    api.push_update(fake_api::callback_from(
        CLASS,
        TEACHER,
        "Bu Rina",
        menu.message_id.unwrap_or(0),
        &button,
    ));
    api.wait_message(CLASS, "Materi sekarang: <b>Perubahan Sosial Budaya")
        .await;
    let refused = api
        .calls("answerCallbackQuery")
        .iter()
        .any(|c| c.body["text"].as_str() == Some(kelasbot::texts::SUBJECT_TEACHERS_ONLY));
    assert!(refused, "the student's press was refused");

    api.push_update(fake_api::group_text(
        CLASS,
        TEACHER,
        "Bu Rina",
        "/kuis 2 10",
    ));
    api.wait_message(CLASS, "Kuis dimulai").await;
    let q1 = api
        .wait_for(Duration::from_secs(40), "the first question", |calls| {
            questions(calls).into_iter().find(|q| q.chat == CLASS)
        })
        .await;
    assert!(
        second
            .quiz
            .iter()
            .any(|i| q1.html.contains(&kelasbot::html::escape(&i.question))),
        "not a question of the second subject: {}",
        q1.html
    );
}
