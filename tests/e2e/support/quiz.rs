//! Playing quizzes against the fake Bot API: finding the questions the bot sent, the right
//! answer, the reveals and the toasts.

#![allow(dead_code)]

use std::time::Duration;

use kelasbot::content::{QuizItem, load_dir};
use serde_json::Value;

use super::bot::first_pack_dir;
use super::fake_api::{self, Call, FakeApi};

/// The shipped quiz questions, read once per test process.
pub fn quiz_items() -> &'static [QuizItem] {
    static ITEMS: std::sync::OnceLock<Vec<QuizItem>> = std::sync::OnceLock::new();
    ITEMS.get_or_init(|| match load_dir(&first_pack_dir()) {
        Ok(l) => l.content.quiz,
        Err(p) => panic!("content invalid: {p:?}"),
    })
}

/// A quiz question the bot sent: its message, text and button data.
#[derive(Debug, Clone)]
pub struct Question {
    pub chat: i64,
    pub message_id: i64,
    pub html: String,
    pub data: Vec<String>,
}

pub fn questions(calls: &[Call]) -> Vec<Question> {
    calls
        .iter()
        // Answered: Telegram has told the bot the message exists, so presses under it count.
        .filter(|c| c.method == "sendMessage" && !c.limited && c.answered)
        .filter_map(|c| {
            let data: Vec<String> = c.body["reply_markup"]["inline_keyboard"]
                .as_array()?
                .iter()
                .flat_map(|row| row.as_array().cloned().unwrap_or_default())
                .filter_map(|b| b["callback_data"].as_str().map(str::to_string))
                .filter(|d| d.starts_with("k:"))
                .collect();
            (!data.is_empty()).then(|| Question {
                chat: c.body["chat_id"].as_i64().unwrap_or(0),
                message_id: c.message_id.unwrap_or(0),
                html: c.body["text"].as_str().unwrap_or("").to_string(),
                data,
            })
        })
        .collect()
}

/// Question `n` of the round, once the bot knows it is shown: until Telegram's confirmation
/// reaches the bot, presses under it are refused as not yet shown.
pub async fn question(api: &FakeApi, n: usize) -> Question {
    let q = api
        .wait_for(Duration::from_secs(40), &format!("question {n}"), |calls| {
            questions(calls).get(n - 1).cloned()
        })
        .await;
    // A press on an option the question does not have is never recorded; its toast says
    // whether the question is open yet.
    let probe = q.data[0]
        .rsplit_once(':')
        .map_or_else(String::new, |(head, _)| format!("{head}:9"));
    for _ in 0..100 {
        let id = press(api, &q, PROBE, "Probe", &probe);
        if toast(api, &id).await != "Soal belum tampil" {
            return q;
        }
    }
    panic!("question {n} was never shown");
}

/// The user whose presses only probe whether a question is open.
pub const PROBE: i64 = 1;

/// The button data of the correct option and of a wrong one.
pub fn right_and_wrong(q: &Question) -> (String, String) {
    let items = quiz_items();
    let item = items
        .iter()
        .find(|i| q.html.contains(&kelasbot::html::escape(&i.question)))
        .expect("the question comes from quiz.yaml");
    let correct = kelasbot::html::escape(&item.options[item.answer]);
    let shown = (0..q.data.len())
        .find(|&i| {
            q.html
                .contains(&format!("<b>{}.</b> {correct}", ["A", "B", "C", "D"][i]))
        })
        .expect("the correct option is shown");
    (
        q.data[shown].clone(),
        q.data[(shown + 1) % q.data.len()].clone(),
    )
}

/// The final edit of question message `message_id` (the reveal, without buttons).
pub async fn reveal(api: &FakeApi, message_id: i64) -> String {
    api.wait_for(Duration::from_secs(40), "the reveal", |calls| {
        calls
            .iter()
            .find(|c| {
                c.method == "editMessageText"
                    && c.message_id == Some(message_id)
                    && c.body["text"]
                        .as_str()
                        .is_some_and(|t| t.contains("Jawaban:"))
            })
            .map(|c| {
                assert_eq!(
                    c.body["reply_markup"]["inline_keyboard"],
                    Value::Array(Vec::new()),
                    "the reveal replaces the buttons"
                );
                c.body["text"].as_str().unwrap_or("").to_string()
            })
    })
    .await
}

/// The toast the bot answered callback query `id` with.
pub async fn toast(api: &FakeApi, id: &str) -> String {
    let id = id.to_string();
    api.wait_for(Duration::from_secs(10), "the toast", move |calls| {
        calls
            .iter()
            .find(|c| c.method == "answerCallbackQuery" && c.body["callback_query_id"] == id)
            .map(|c| c.body["text"].as_str().unwrap_or("").to_string())
    })
    .await
}

pub fn press(api: &FakeApi, q: &Question, user: i64, name: &str, data: &str) -> String {
    let update = fake_api::callback_from(q.chat, user, name, q.message_id, data);
    let id = update["callback_query"]["id"]
        .as_str()
        .unwrap_or("")
        .to_string();
    api.push_update(update);
    id
}

/// "Ani — +900" in a reveal: the points.
pub fn points_of(reveal: &str, name: &str) -> u64 {
    let marker = format!("{name} — +");
    let start = reveal.find(&marker).map(|i| i + marker.len());
    let digits: String = start
        .map(|s| &reveal[s..])
        .unwrap_or("")
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().unwrap_or(0)
}
