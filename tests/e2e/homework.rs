//! Homework end to end through the fake Bot API: a teacher gives it in the group, its button's
//! start link opens the private chat, two students do it there (one interrupted and resumed
//! across a restart), the group message's count is edited, someone outside the group is
//! refused, a second homework is refused while one is open, and the deadline, passed while
//! the bot was down, brings the summary, each student's result and the board's column.

use std::path::Path;
use std::time::Duration;

use serde_json::Value;

use crate::support::bot::{BotProcess, FAST};
use crate::support::fake_api::{self, Call, FakeApi};
use crate::support::quiz::{Question, right_and_wrong};

const CLASS: i64 = -1_005_000_041;
const TEACHER: i64 = 8_021;
const ANI: i64 = 21;
const BUDI: i64 = 22;
const EKO: i64 = 23;

/// A private homework question: its message and its buttons' data.
struct Asked {
    message_id: i64,
    text: String,
    data: Vec<String>,
}

/// Question `n` of `user`'s homework, as sent to their private chat.
async fn question(api: &FakeApi, user: i64, n: usize, of: usize) -> Asked {
    let needle = format!("Soal {n}/{of}");
    api.wait_for(
        Duration::from_secs(20),
        &format!("{user}'s question {n}"),
        |calls| {
            calls
                .iter()
                .filter(|c| c.method == "sendMessage" && c.answered)
                .filter(|c| c.body["chat_id"].as_i64() == Some(user))
                .rfind(|c| c.body["text"].as_str().is_some_and(|t| t.contains(&needle)))
                .map(|c| Asked {
                    message_id: c.message_id.unwrap_or(0),
                    text: c.body["text"].as_str().unwrap_or("").to_string(),
                    data: buttons(c),
                })
        },
    )
    .await
}

fn buttons(c: &Call) -> Vec<String> {
    c.body["reply_markup"]["inline_keyboard"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row.as_array().cloned().unwrap_or_default())
        .filter_map(|b| b["callback_data"].as_str().map(str::to_string))
        .collect()
}

/// `user` presses the right option of `q`, or a wrong one.
fn answer(api: &FakeApi, user: i64, name: &str, q: &Asked, right: bool) {
    assert!(q.data.iter().all(|d| d.starts_with("t:")), "{:?}", q.data);
    let (good, bad) = right_and_wrong(&Question {
        chat: user,
        message_id: q.message_id,
        html: q.text.clone(),
        data: q.data.clone(),
    });
    let data = if right { good } else { bad };
    api.push_update(fake_api::callback_from(
        user,
        user,
        name,
        q.message_id,
        &data,
    ));
}

/// The deadline of the homework in the snapshot at `data`, moved to half an hour ago (the
/// bot is stopped: as if it had been down past the deadline).
fn pass_the_deadline(data: &Path) {
    let path = data.join("data").join(kelasbot::state::snapshot::FILE_NAME);
    let bytes = std::fs::read(&path).expect("the snapshot");
    let mut state: Value = serde_json::from_slice(&bytes).expect("JSON");
    let past = (jiff::Timestamp::now() - jiff::SignedDuration::from_mins(30)).to_string();
    let homework = &mut state["chats"][CLASS.to_string()]["homework"];
    assert!(homework.is_object(), "no open homework in the snapshot");
    homework["deadline"] = Value::String(past);
    std::fs::write(&path, serde_json::to_vec(&state).expect("JSON")).expect("write");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn homework_given_in_the_group_done_in_private_and_summed_up_at_the_deadline() {
    let api = FakeApi::start().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bot = BotProcess::start_ready(&api, dir.path(), &[FAST]).await;
    api.make_teacher(CLASS, TEACHER);
    api.make_stranger(CLASS, EKO);
    // The bot, the teacher and four students.
    api.set_members(CLASS, 6);

    api.push_update(fake_api::group_text(
        CLASS,
        TEACHER,
        "Bu Rina",
        "/tugas 3 sampai 3 jam",
    ));
    let posted = api.wait_message(CLASS, "Tugas dari Bu Rina").await;
    let text = posted.body["text"].as_str().unwrap_or("");
    assert!(
        text.contains("3 soal") && text.contains("Tenggat"),
        "{text}"
    );
    let url = posted.body["reply_markup"]["inline_keyboard"][0][0]["url"]
        .as_str()
        .unwrap_or("")
        .to_string();
    let payload = url
        .strip_prefix(&format!("https://t.me/{}?start=", fake_api::BOT_USERNAME))
        .unwrap_or_else(|| panic!("not a start link: {url}"))
        .to_string();
    assert!(
        payload.starts_with("tugas_") && payload.len() <= 64,
        "{payload}"
    );
    let start = format!("/start {payload}");

    // A second homework while this one is open: refused, the open one shown again.
    api.push_update(fake_api::group_text(CLASS, TEACHER, "Bu Rina", "/tugas 2"));
    api.wait_message(CLASS, "Masih ada tugas").await;

    // Someone outside the group cannot take it.
    api.push_update(fake_api::private_text(EKO, "Eko", &start));
    api.wait_message(EKO, "anggota grup").await;

    // Ani starts from the button's link and answers one question…
    api.push_update(fake_api::private_text(ANI, "Ani", &start));
    api.wait_message(ANI, "soal, tenggat").await;
    let first = question(&api, ANI, 1, 3).await;
    answer(&api, ANI, "Ani", &first, true);
    let second = question(&api, ANI, 2, 3).await;

    // …the bot restarts…
    bot.signal(libc::SIGTERM);
    assert_eq!(bot.wait_exit(Duration::from_secs(20)).await, Some(0));
    let mut bot = BotProcess::start_ready(&api, dir.path(), &[FAST]).await;

    // …and her second question's buttons still count; she finishes.
    answer(&api, ANI, "Ani", &second, true);
    let third = question(&api, ANI, 3, 3).await;
    assert_ne!(third.text, second.text);
    answer(&api, ANI, "Ani", &third, true);
    api.wait_message(ANI, "Tugas selesai").await;

    // Budi does it all in one go.
    api.push_update(fake_api::private_text(BUDI, "Budi", &start));
    for n in 1..=3 {
        let q = question(&api, BUDI, n, 3).await;
        answer(&api, BUDI, "Budi", &q, false);
    }
    api.wait_message(BUDI, "Tugas selesai").await;

    // The group message's count, edited.
    let message_id = posted.message_id;
    api.wait_for(Duration::from_secs(30), "the count edit", |calls| {
        calls
            .iter()
            .find(|c| {
                c.method == "editMessageText"
                    && c.message_id == message_id
                    && c.body["text"]
                        .as_str()
                        .is_some_and(|t| t.contains("<b>2 dari 4</b> siswa sudah mengerjakan"))
            })
            .map(|_| ())
    })
    .await;

    // The deadline passes while the bot is down: it is handled as soon as it is back.
    bot.signal(libc::SIGTERM);
    assert_eq!(bot.wait_exit(Duration::from_secs(20)).await, Some(0));
    pass_the_deadline(dir.path());
    let _bot = BotProcess::start_ready(&api, dir.path(), &[FAST]).await;
    let summary = api.wait_message(CLASS, "Tugas ditutup").await;
    let summary = summary.body["text"].as_str().unwrap_or("");
    assert!(
        summary.contains("Yang mengerjakan: <b>2</b> (2 menjawab semua soal)"),
        "{summary}"
    );
    assert!(
        summary.contains("Jawaban benar sekelas: <b>50%</b>"),
        "{summary}"
    );
    assert!(
        summary.contains("1. Ani — 3 dari 3 benar\n2. Budi — 0 dari 3 benar"),
        "{summary}"
    );
    assert!(summary.contains("Paling sering salah"), "{summary}");
    assert!(summary.contains("terlambat"), "{summary}");
    for student in [ANI, BUDI] {
        let result = api.wait_message(student, "Hasil tugas").await;
        assert!(
            result.body["text"]
                .as_str()
                .is_some_and(|t| t.contains("Jawaban benar:")),
            "{}",
            result.body
        );
    }

    // The board's own column.
    api.push_update(fake_api::group_text(CLASS, ANI, "Ani", "/skor"));
    let board = api.wait_message(CLASS, "Papan skor kelas").await;
    let board = board.body["text"].as_str().unwrap_or("");
    assert!(
        board.contains("Ani — 0 poin") && board.contains(" · tugas "),
        "{board}"
    );
}
