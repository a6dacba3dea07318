//! One scripted session, played twice: in the playground, and through the real binary against
//! the fake Bot API. Both adapters run the same app through the same driver, so every chat
//! must receive the same messages with the same buttons, in the same order.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use crate::support::bot::{BotProcess, FAST, content_dir};
use crate::support::fake_api::{self, FakeApi};
use crate::support::noon::{noon_zone, seed_groups};
use crate::support::quiz::{Question, question, reveal, right_and_wrong};
use kelasbot::app::{App, Button, Settings};
use kelasbot::content::load_dir;
use kelasbot::driver::{Clock, store};
use kelasbot::playground::{FIRST_STUDENT_ID, GROUP_ID, Playground, Style, TEACHER_ID};

const SEED: &str = "20261206";
const ANI: i64 = FIRST_STUDENT_ID;
const QUESTION: &str = "apa itu kerja sama bilateral?";

/// A message as a chat received it: its text and its buttons (label, then data or link).
type Received = (String, Vec<Vec<(String, String)>>);

fn by_chat(messages: impl Iterator<Item = (i64, Received)>) -> Vec<(i64, Vec<Received>)> {
    let mut chats: Vec<(i64, Vec<Received>)> = Vec::new();
    for (chat, m) in messages {
        match chats.iter_mut().find(|(c, _)| *c == chat) {
            Some((_, list)) => list.push(m),
            None => chats.push((chat, vec![m])),
        }
    }
    chats.sort_by_key(|(c, _)| *c);
    chats
}

/// The option letter of a wrong answer to the question shown in `html`.
fn wrong_letter(html: &str) -> String {
    let shown = Question {
        chat: GROUP_ID,
        message_id: 0,
        html: html.to_string(),
        data: ["A", "B", "C", "D"]
            .into_iter()
            .filter(|l| html.contains(&format!("<b>{l}.</b>")))
            .map(String::from)
            .collect(),
    };
    right_and_wrong(&shown).1
}

async fn in_the_playground(
    dir: &Path,
    zone: (String, jiff::tz::TimeZone),
) -> Vec<(i64, Vec<Received>)> {
    let content = load_dir(&content_dir().join("kerja-sama-internasional"))
        .expect("content")
        .content;
    let state = store::load(&dir.join("data").join(store::FILE_NAME), 0)
        .expect("seeded snapshot")
        .state;
    let settings = Settings {
        default_tz: zone.1,
        tz_name: zone.0,
        quiz_seconds: 20,
        quiz_seed: SEED.parse().ok(),
        default_subject: None,
        keep_unanswered: false,
    };
    let app = Arc::new(App::with_settings(content, state, "kelasbot", settings));
    let mut pg = Playground::new(
        app,
        std::io::sink(),
        Style { ansi: false },
        false,
        dir.join("data"),
        Clock::wall(),
    );
    pg.start("parity").await;
    for line in [
        ":siswa Ani",
        ":pribadi",
        QUESTION,
        ":grup",
        "/fakta",
        ":guru",
        "/kuis 2 10",
    ] {
        assert!(pg.input(line).await);
    }
    for _ in 0..2 {
        let html = pg
            .shown()
            .iter()
            .rev()
            .find(|s| !s.keyboard.is_empty())
            .map(|s| s.html.clone())
            .expect("a question");
        let letter = wrong_letter(&html);
        for line in [":siswa Ani", ":grup", &letter, ":lanjut", ":lanjut"] {
            assert!(pg.input(line).await);
        }
    }
    assert!(pg.input("/skor").await);
    let shown = pg.shown().to_vec();
    by_chat(shown.into_iter().map(|s| {
        let buttons = s
            .keyboard
            .iter()
            .map(|row| {
                row.iter()
                    .map(|b| match b {
                        Button::Callback { label, data } => (label.clone(), data.clone()),
                        Button::Url { label, url } => (label.clone(), url.clone()),
                    })
                    .collect()
            })
            .collect();
        (s.chat, (s.html, buttons))
    }))
}

fn received(call: &fake_api::Call) -> (i64, Received) {
    let buttons = call.body["reply_markup"]["inline_keyboard"]
        .as_array()
        .map(|rows| {
            rows.iter()
                .map(|row| {
                    row.as_array()
                        .map(|r| {
                            r.iter()
                                .map(|b| {
                                    let label = b["text"].as_str().unwrap_or("").to_string();
                                    let target = b["callback_data"]
                                        .as_str()
                                        .or(b["url"].as_str())
                                        .unwrap_or("")
                                        .to_string();
                                    (label, target)
                                })
                                .collect()
                        })
                        .unwrap_or_default()
                })
                .collect()
        })
        .unwrap_or_default();
    let chat = call.body["chat_id"].as_i64().unwrap_or(0);
    let text = call.body["text"].as_str().unwrap_or("").to_string();
    (chat, (text, buttons))
}

async fn sends_to(api: &FakeApi, chat: i64, n: usize) {
    api.wait_for(
        Duration::from_secs(40),
        &format!("{n} messages to {chat}"),
        |calls| {
            let sent = calls
                .iter()
                .filter(|c| {
                    c.method == "sendMessage"
                        && c.answered
                        && c.body["chat_id"].as_i64() == Some(chat)
                })
                .count();
            (sent >= n).then_some(())
        },
    )
    .await;
}

/// Waits until the group has been shown the scoreboard `n` times.
async fn boards(api: &FakeApi, n: usize) {
    api.wait_for(Duration::from_secs(20), "the scoreboard", |calls| {
        let shown = calls
            .iter()
            .filter(|c| {
                c.method == "sendMessage"
                    && c.answered
                    && c.body["text"]
                        .as_str()
                        .is_some_and(|t| t.contains("Papan skor"))
            })
            .count();
        (shown >= n).then_some(())
    })
    .await;
}

async fn on_telegram(dir: &Path, zone: &str) -> Vec<(i64, Vec<Received>)> {
    let api = FakeApi::start().await;
    api.make_teacher(GROUP_ID, TEACHER_ID);
    let _bot = BotProcess::start_ready(
        &api,
        dir,
        &[("KELASBOT_TZ", zone), ("KELASBOT_QUIZ_SEED", SEED), FAST],
    )
    .await;
    sends_to(&api, GROUP_ID, 1).await;
    api.push_update(fake_api::private_text(ANI, "Ani", QUESTION));
    sends_to(&api, ANI, 1).await;
    api.push_update(fake_api::group_text(GROUP_ID, ANI, "Ani", "/fakta"));
    sends_to(&api, GROUP_ID, 2).await;
    api.push_update(fake_api::group_text(
        GROUP_ID,
        TEACHER_ID,
        "Bu Guru",
        "/kuis 2 10",
    ));
    for n in 1..=2 {
        let q = question(&api, n).await;
        let (_, wrong) = right_and_wrong(&q);
        crate::support::quiz::press(&api, &q, ANI, "Ani", &wrong);
        reveal(&api, q.message_id).await;
    }
    api.wait_message(GROUP_ID, "Kuis selesai").await;
    boards(&api, 1).await;
    api.push_update(fake_api::group_text(GROUP_ID, ANI, "Ani", "/skor"));
    boards(&api, 2).await;
    let sends: Vec<fake_api::Call> = api
        .calls("sendMessage")
        .into_iter()
        .filter(|c| !c.limited && !c.faulted)
        .collect();
    by_chat(sends.iter().map(received))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_playground_and_telegram_say_the_same_to_every_chat() {
    let zone = noon_zone();
    let played = tempfile::tempdir().expect("tempdir");
    seed_groups(played.path(), &[GROUP_ID]);
    let playground = in_the_playground(played.path(), zone.clone()).await;
    let telegram_dir = tempfile::tempdir().expect("tempdir");
    seed_groups(telegram_dir.path(), &[GROUP_ID]);
    let telegram = on_telegram(telegram_dir.path(), &zone.0).await;

    let chats = |c: &[(i64, Vec<Received>)]| c.iter().map(|(id, _)| *id).collect::<Vec<_>>();
    assert_eq!(
        chats(&playground),
        chats(&telegram),
        "the same chats were spoken to"
    );
    for ((chat, pg), (_, tg)) in playground.iter().zip(&telegram) {
        for (i, (p, t)) in pg.iter().zip(tg).enumerate() {
            assert_eq!(p, t, "chat {chat}, message {}", i + 1);
        }
        assert_eq!(pg.len(), tg.len(), "chat {chat}: {pg:#?}\n---\n{tg:#?}");
    }
    println!(
        "compared {} messages in {} chats",
        playground.iter().map(|(_, m)| m.len()).sum::<usize>(),
        playground.len()
    );
    let group = &playground
        .iter()
        .find(|(c, _)| *c == GROUP_ID)
        .expect("the group")
        .1;
    let texts: Vec<&str> = group.iter().map(|(t, _)| t.as_str()).collect();
    assert!(
        texts.iter().any(|t| t.contains("Kuis selesai")),
        "{texts:#?}"
    );
    assert!(
        group.iter().filter(|(_, b)| !b.is_empty()).count() >= 2,
        "two questions with buttons"
    );
}
