//! End to end: the real binary against a fake Bot API server on 127.0.0.1.

use std::time::Duration;

use crate::support::bot::BotProcess;
use crate::support::fake_api::{self, FakeApi, Scripted, TOKEN};
use kelasbot::commands::Menu;
use kelasbot::texts;
use serde_json::Value;

const STUDENT: i64 = 4242;
const GROUP: i64 = -1_001_234;

async fn started(api: &FakeApi, dir: &std::path::Path) -> BotProcess {
    BotProcess::start_ready(api, dir, &[]).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_in_private_and_in_groups_with_buttons_and_menus() {
    let api = FakeApi::start().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let bot = started(&api, dir.path()).await;

    let menus = api.calls("setMyCommands");
    for (scope, menu) in [
        ("all_private_chats", Menu::Private),
        ("all_group_chats", Menu::Group),
        ("all_chat_administrators", Menu::Admins),
    ] {
        let call = menus.iter().find(|c| c.body["scope"]["type"] == scope);
        let call = call.unwrap_or_else(|| panic!("no {scope} menu: {menus:?}"));
        let sent: Vec<(&str, &str)> = call.body["commands"]
            .as_array()
            .map(|a| a.as_slice())
            .unwrap_or_default()
            .iter()
            .map(|c| {
                let text = |key: &str| c[key].as_str().unwrap_or("");
                (text("command"), text("description"))
            })
            .collect();
        assert_eq!(sent, texts::menu(menu), "{scope}");
    }
    assert!(menus.iter().all(|c| c.body["language_code"] == "id"));

    api.push_update(fake_api::private_text(
        STUDENT,
        "Siti",
        "bedanya bilatral sama multilatral apa",
    ));
    let reply = api.wait_message(STUDENT, "Sumber:").await;
    assert_eq!(reply.body["parse_mode"], "HTML");
    assert!(
        reply.body["text"]
            .as_str()
            .unwrap_or("")
            .contains("dua negara"),
        "{}",
        reply.body
    );

    api.push_update(fake_api::group_text(
        GROUP,
        STUDENT,
        "Siti",
        "/tanya@kelasbot apa itu kerja sama regional?",
    ));
    let reply = api.wait_message(GROUP, "kawasan").await;
    assert!(
        reply.body["reply_parameters"]["message_id"].is_i64(),
        "{}",
        reply.body
    );

    // Plain chatter in the group is not a question.
    api.push_update(fake_api::group_text(
        GROUP,
        STUDENT,
        "Siti",
        "besok ulangan ya",
    ));
    // Unsure: buttons, and a press answers the callback and the question.
    api.push_update(fake_api::private_text(STUDENT, "Siti", "kerja sama"));
    let unsure = api.wait_message(STUDENT, "Maksud kamu").await;
    let data = unsure.body["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        .as_str()
        .expect("a callback button")
        .to_string();
    let before = api.calls("sendMessage").len();
    api.push_update(fake_api::callback(STUDENT, STUDENT, 1001, &data));
    api.wait_for(Duration::from_secs(10), "answerCallbackQuery", |calls| {
        calls
            .iter()
            .any(|c| c.method == "answerCallbackQuery")
            .then_some(())
    })
    .await;
    api.wait_for(
        Duration::from_secs(10),
        "the answer after the press",
        |calls| (calls.iter().filter(|c| c.method == "sendMessage").count() > before).then_some(()),
    )
    .await;
    let group_replies = api
        .calls("sendMessage")
        .into_iter()
        .filter(|c| c.body["chat_id"] == GROUP)
        .count();
    assert_eq!(group_replies, 1, "only /tanya was answered in the group");
    assert!(!bot.log().contains(TOKEN), "the token leaked into the log");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_then_a_500_still_delivers_the_reply_and_the_bot_keeps_running() {
    let api = FakeApi::start().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bot = started(&api, dir.path()).await;
    api.script("sendMessage", Scripted::RetryAfter(1));
    api.script("sendMessage", Scripted::ServerError);
    api.push_update(fake_api::private_text(
        STUDENT,
        "Budi",
        "apa itu kerja sama bilateral?",
    ));
    // teloxide pauses 10 s after a 5xx before it reports the error.
    let deliveries = api
        .wait_for(
            Duration::from_secs(40),
            "three sendMessage attempts",
            |calls| {
                let sends: Vec<_> = calls
                    .iter()
                    .filter(|c| c.method == "sendMessage")
                    .cloned()
                    .collect();
                (sends.len() >= 3).then_some(sends)
            },
        )
        .await;
    assert!(deliveries[1].at.duration_since(deliveries[0].at) >= Duration::from_millis(950));
    assert_eq!(deliveries[0].body["text"], deliveries[2].body["text"]);
    assert!(bot.is_running());
    api.push_update(fake_api::private_text(STUDENT, "Budi", "/fakta"));
    api.wait_message(STUDENT, "Fakta").await;
    assert!(bot.is_running());
}

/// The snapshot file the bot wrote under `dir`, parsed.
fn saved_snapshot(dir: &std::path::Path) -> Value {
    let path = dir.join("data").join("kelasbot-state.json");
    serde_json::from_slice(&std::fs::read(&path).expect("snapshot written")).expect("JSON")
}

fn fact_texts(calls: &[crate::support::fake_api::Call]) -> Vec<String> {
    calls
        .iter()
        .filter(|c| c.method == "sendMessage")
        .filter_map(|c| c.body["text"].as_str())
        .filter(|t| t.contains("Fakta Kerja Sama"))
        .map(str::to_string)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_writes_the_snapshot_and_the_rotation_continues_after_restart() {
    let api = FakeApi::start().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bot = started(&api, dir.path()).await;
    api.push_update(fake_api::private_text(STUDENT, "Siti", "/fakta"));
    api.wait_message(STUDENT, "Fakta").await;
    bot.signal(libc::SIGTERM);
    assert_eq!(
        bot.wait_exit(Duration::from_secs(5)).await,
        Some(0),
        "log:\n{}",
        bot.log()
    );
    let saved = saved_snapshot(dir.path());
    assert_eq!(saved["version"], kelasbot::state::snapshot::VERSION);
    assert!(saved["chats"][STUDENT.to_string()].is_object(), "{saved}");
    // The handled update was confirmed, so the restart does not handle it again.
    assert!(
        api.confirmed_offset() >= 2,
        "offset {}",
        api.confirmed_offset()
    );

    let _bot = started(&api, dir.path()).await;
    api.push_update(fake_api::private_text(STUDENT, "Siti", "/fakta"));
    let facts = api
        .wait_for(Duration::from_secs(20), "a second fact", |calls| {
            let facts = fact_texts(calls);
            (facts.len() >= 2).then_some(facts)
        })
        .await;
    assert_eq!(
        facts.len(),
        2,
        "the first /fakta was handled once: {facts:?}"
    );
    assert_ne!(
        facts[0], facts[1],
        "the rotation started over instead of continuing"
    );
}

/// A data directory whose snapshot file holds `bytes`; the directory and the `data` path.
fn with_snapshot(bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).expect("data dir");
    std::fs::write(data.join("kelasbot-state.json"), bytes).expect("seed the snapshot");
    (dir, data)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_corrupt_snapshot_is_moved_aside_and_the_bot_still_answers() {
    let api = FakeApi::start().await;
    let (dir, data) = with_snapshot(b"{\"version\": 1, \"chats\": ");
    let bot = started(&api, dir.path()).await;
    api.push_update(fake_api::private_text(
        STUDENT,
        "Siti",
        "apa itu kerja sama multilateral?",
    ));
    api.wait_message(STUDENT, "Sumber:").await;
    let aside: Vec<String> = std::fs::read_dir(&data)
        .expect("read data dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("kelasbot-state.json.corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(
        std::fs::read(data.join(&aside[0])).expect("kept"),
        b"{\"version\": 1, \"chats\": "
    );
    assert!(bot.log().contains("UNUSABLE"), "{}", bot.log());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn names_and_messages_stay_out_of_the_log_when_answers_or_the_snapshot_do_not_decode() {
    let api = FakeApi::start().await;
    let (dir, _) =
        with_snapshot(br#"{"version":3,"chats":{"-1":{"board":[{"id":"Siti Rahmawati"}]}}}"#);
    let mut bot = started(&api, dir.path()).await;
    // An answer that does not decode, carrying a student's name, username and words: the
    // first check whether a student who sends /kuis teaches the group.
    api.script(
        "getChatMember",
        Scripted::Raw(
            200,
            r#"{"ok":true,"result":{"status":"member","user":{"id":"Siti Rahmawati","is_bot":false,"first_name":"Siti Rahmawati","username":"siti_rahma"},"text":"jawaban rahasia kelas"}}"#
                .into(),
        ),
    );
    api.push_update(fake_api::group_text(GROUP, STUDENT, "Budi", "/kuis"));
    api.wait_for(Duration::from_secs(20), "a second getChatMember", |calls| {
        (calls.iter().filter(|c| c.method == "getChatMember").count() >= 2).then_some(())
    })
    .await;
    bot.signal(libc::SIGTERM);
    assert_eq!(bot.wait_exit(Duration::from_secs(10)).await, Some(0));
    let log = bot.log();
    assert!(log.contains("UNUSABLE"), "{log}");
    assert!(log.contains("getChatMember failed"), "{log}");
    for secret in ["Rahmawati", "siti_rahma", "rahasia"] {
        assert!(!log.contains(secret), "{secret:?} in the log:\n{log}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_data_directory_that_cannot_be_written_stops_the_start_with_its_name() {
    let api = FakeApi::start().await;
    let dir = tempfile::tempdir().expect("tempdir");
    // Tests run as root, whom permission bits do not stop: a directory under a regular file
    // cannot be made by anyone, and nothing can be created in /proc.
    std::fs::write(dir.path().join("afile"), b"not a directory").expect("file");
    let mut unwritable = vec![dir.path().join("afile").join("data")];
    if std::path::Path::new("/proc/self").exists() {
        unwritable.push(std::path::PathBuf::from("/proc/kelasbot-data"));
    }
    for data in unwritable {
        let shown = data.display().to_string();
        let mut bot = BotProcess::start_env(
            &api,
            dir.path(),
            TOKEN,
            &[("KELASBOT_DATA_DIR", shown.as_str())],
        );
        assert_eq!(
            bot.wait_exit(Duration::from_secs(20)).await,
            Some(1),
            "{shown}: {}",
            bot.log()
        );
        let log = bot.log();
        assert!(
            log.contains("KELASBOT_DATA_DIR") && log.contains(&shown),
            "{shown}: {log}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_token_is_one_clear_line_and_a_failure_exit() {
    let api = FakeApi::start().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bot = BotProcess::start_with(&api, dir.path(), "111:wrong-token");
    assert_eq!(bot.wait_exit(Duration::from_secs(20)).await, Some(1));
    let log = bot.log();
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 1, "{log}");
    assert!(lines[0].contains("rejected TELOXIDE_TOKEN"), "{log}");
    assert!(
        !log.contains("wrong-token") && !log.contains("panicked"),
        "{log}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_revoked_while_running_writes_the_snapshot_and_exits_non_zero() {
    let api = FakeApi::start().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bot = started(&api, dir.path()).await;
    api.push_update(fake_api::private_text(STUDENT, "Siti", "/fakta"));
    api.wait_message(STUDENT, "Fakta").await;
    api.revoke();
    assert_eq!(
        bot.wait_exit(Duration::from_secs(30)).await,
        Some(1),
        "log:\n{}",
        bot.log()
    );
    let saved = saved_snapshot(dir.path());
    assert!(saved["chats"][STUDENT.to_string()].is_object(), "{saved}");
    assert!(
        bot.log().contains("rejected TELOXIDE_TOKEN"),
        "{}",
        bot.log()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_upgraded_to_a_supergroup_gets_the_message_at_its_new_id_and_keeps_its_state() {
    const OLD: i64 = -4_000;
    const NEW: i64 = -1_009_000;
    let api = FakeApi::start().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bot = started(&api, dir.path()).await;
    api.script("sendMessage", Scripted::Migrate(NEW));
    api.push_update(fake_api::group_text(OLD, STUDENT, "Siti", "/fakta"));
    let first = api.wait_message(NEW, "Fakta").await;
    let attempts = api.calls("sendMessage");
    assert_eq!(attempts[0].body["chat_id"], OLD);
    assert_eq!(attempts[0].body["text"], first.body["text"]);
    // The rotation moved with the group: the next fact there is a different one.
    api.push_update(fake_api::group_text(NEW, STUDENT, "Siti", "/fakta"));
    let facts = api
        .wait_for(
            Duration::from_secs(20),
            "a second fact in the supergroup",
            |calls| {
                let facts = fact_texts(calls);
                (facts.len() >= 3).then_some(facts)
            },
        )
        .await;
    assert_ne!(facts[1], facts[2], "{facts:?}");
    bot.signal(libc::SIGTERM);
    assert_eq!(bot.wait_exit(Duration::from_secs(5)).await, Some(0));
    let saved = saved_snapshot(dir.path());
    let chats = saved["chats"].as_object().expect("chats");
    assert!(!chats.contains_key(&OLD.to_string()), "{saved}");
    // Two facts of one rotation were given in the group, across the upgrade.
    let pending =
        chats[&NEW.to_string()]["subjects"]["kerja-sama-internasional"]["facts"]["pending"]
            .as_array()
            .expect("pending")
            .len();
    let total = kelasbot::content::load_dir(&crate::support::bot::first_pack_dir())
        .map(|l| l.content.facts.len())
        .unwrap_or(0);
    assert_eq!(pending + 2, total, "{saved}");
}

/// Telegram HTML the bot may send: only `b`, `i`, `code` and `a`, balanced, and no `<` or
/// `&` that is not markup or an entity.
fn well_formed(html: &str) -> Result<(), String> {
    let mut open: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(['<', '&']) {
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix('&') {
            let ok = ["lt;", "gt;", "amp;", "quot;"]
                .iter()
                .any(|e| after.starts_with(e));
            if !ok {
                return Err(format!(
                    "a bare & before {:?}",
                    after.chars().take(20).collect::<String>()
                ));
            }
            rest = after;
            continue;
        }
        let end = tail.find('>').ok_or("an unclosed <")?;
        let tag = &tail[1..end];
        if let Some(name) = tag.strip_prefix('/') {
            if open.pop().as_deref() != Some(name) {
                return Err(format!("</{name}> closes nothing open"));
            }
        } else {
            let name = tag.split_whitespace().next().unwrap_or("");
            if !["b", "i", "code", "a"].contains(&name) {
                return Err(format!("tag <{tag}>"));
            }
            open.push(name.to_string());
        }
        rest = &tail[end + 1..];
    }
    if open.is_empty() {
        Ok(())
    } else {
        Err(format!("unclosed {open:?}"))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_input_gets_calm_answers_and_well_formed_html() {
    const TEACHER: i64 = 6_006;
    let api = FakeApi::start().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let nasty = "<b>Budi</a> & \u{202e}نص\u{202c} 😀";
    // A board that already holds a student with a hostile name.
    let mut state = kelasbot::state::State::default();
    state
        .chat(GROUP)
        .board
        .record(STUDENT, nasty, None, true, 700);
    kelasbot::driver::store::write_atomic(
        &dir.path().join("data").join("kelasbot-state.json"),
        &kelasbot::state::snapshot::encode(&state),
    )
    .expect("seed");
    let mut bot = BotProcess::start_ready(&api, dir.path(), &[("KELASBOT_TEACHERS", "6006")]).await;

    let long = "kenapa negara kerja sama ".repeat(200);
    let long: String = long.chars().take(4096).collect();
    let texts = [
        long.as_str(),
        "😀😀😀",
        "ما هو التعاون الدولي؟",
        "<script>alert(1)</script> &amp; kerja sama?",
        "/tanya",
        "/latihan 999 apa",
        "/skor",
        "/tanya\u{0}\u{7}bilateral",
    ];
    for text in texts {
        api.push_update(fake_api::private_text(STUDENT, nasty, text));
    }
    for text in [
        "/skor",
        "/kuis abc def",
        "/langganan 99:99 EST",
        "/kuis 5 20 <b>",
    ] {
        let from = if text.starts_with("/skor") {
            STUDENT
        } else {
            TEACHER
        };
        api.push_update(fake_api::group_text(GROUP, from, nasty, text));
    }
    // Forged and stale buttons.
    let forged = [
        "k:999:0:0",
        "l:1:2:3",
        "r:5",
        "faq:../../etc/passwd",
        "k:1:2",
        "",
        "x".repeat(64).leak(),
    ];
    for data in forged {
        api.push_update(fake_api::callback(GROUP, STUDENT, 77, data));
    }
    // Edits of old messages and messages without text.
    api.push_update(serde_json::json!({"edited_message": {
        "message_id": 5, "date": 1_800_000_000, "edit_date": 1_800_000_100,
        "chat": {"id": STUDENT, "type": "private", "first_name": "Siti"},
        "from": {"id": STUDENT, "is_bot": false, "first_name": "Siti"},
        "text": "/kuis",
    }}));
    api.push_update(serde_json::json!({"message": {
        "message_id": 6, "date": 1_800_000_000,
        "chat": {"id": STUDENT, "type": "private", "first_name": "Siti"},
        "from": {"id": STUDENT, "is_bot": false, "first_name": "Siti"},
        "sticker": {"file_id": "s", "file_unique_id": "s", "type": "regular", "width": 512,
                    "height": 512, "is_animated": false, "is_video": false},
    }}));
    api.push_update(serde_json::json!({"message": {
        "message_id": 7, "date": 1_800_000_000,
        "chat": {"id": GROUP, "type": "supergroup", "title": "Kelas 9A"},
        "from": {"id": STUDENT, "is_bot": false, "first_name": "Siti"},
        "photo": [{"file_id": "p", "file_unique_id": "p", "width": 90, "height": 90}],
    }}));
    // A last, ordinary question: once it is answered, everything before it was handled.
    api.push_update(fake_api::private_text(
        STUDENT,
        "Siti",
        "apa itu kerja sama bilateral?",
    ));
    let calls = api
        .wait_for(Duration::from_secs(30), "all answers", |calls| {
            let toasts = calls
                .iter()
                .filter(|c| c.method == "answerCallbackQuery")
                .count();
            let last = calls.iter().any(|c| {
                c.method == "sendMessage"
                    && c.body["chat_id"].as_i64() == Some(STUDENT)
                    && c.body["text"]
                        .as_str()
                        .is_some_and(|t| t.contains("dua negara") && t.contains("Sumber:"))
            });
            (toasts >= forged.len() && last).then(|| calls.to_vec())
        })
        .await;
    assert!(bot.is_running(), "log:\n{}", bot.log());
    let sent: Vec<&str> = calls
        .iter()
        .filter(|c| c.method == "sendMessage")
        .filter_map(|c| c.body["text"].as_str())
        .collect();
    for text in &sent {
        assert!(
            text.chars().count() <= 4096,
            "too long: {}",
            text.chars().count()
        );
        if let Err(why) = well_formed(text) {
            panic!("broken HTML ({why}) in:\n{text}");
        }
    }
    // Every private message got an answer; the group's junk arguments got the accepted forms.
    let to_student = sent.len()
        - calls
            .iter()
            .filter(|c| c.method == "sendMessage" && c.body["chat_id"].as_i64() != Some(STUDENT))
            .count();
    assert!(to_student >= texts.len(), "{sent:#?}");
    assert!(
        sent.iter()
            .any(|t| t.contains("1–20") && t.contains("10–120")),
        "{sent:#?}"
    );
    assert!(sent.iter().any(|t| t.contains("senin-jumat")), "{sent:#?}");
    assert!(
        sent.iter()
            .any(|t| t.contains("&lt;b&gt;Budi&lt;/a&gt; &amp;")),
        "{sent:#?}"
    );
    // The edit, the sticker and the photo were not answered.
    assert!(!sent.iter().any(|t| t.contains("Kuis dimulai")));
    assert!(
        calls
            .iter()
            .filter(|c| c.method == "answerCallbackQuery")
            .all(|c| c.body["text"].is_string()),
        "every button press gets a toast"
    );
    bot.signal(libc::SIGTERM);
    assert_eq!(bot.wait_exit(Duration::from_secs(10)).await, Some(0));
}

/// SIGHUP re-reads the content: an edited fact is given without a restart; a broken edit is
/// logged and the bot goes on with what it had.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sighup_reloads_the_content_and_a_broken_edit_changes_nothing() {
    let api = FakeApi::start().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let content = dir.path().join("content");
    crate::support::bot::copy_content(&content);
    let content_env = content.display().to_string();
    let bot = BotProcess::start_ready(
        &api,
        dir.path(),
        &[("KELASBOT_CONTENT_DIR", content_env.as_str())],
    )
    .await;
    let facts = content.join("kerja-sama-internasional/facts.yaml");
    std::fs::write(
        &facts,
        "- id: fakta-baru\n  topic: pengertian\n  text: Fakta yang baru saja ditulis guru.\n  \
         source: 000_e5500bf1be683296.txt\n",
    )
    .expect("edit");
    bot.signal(libc::SIGHUP);
    bot.wait_log("content reloaded", Duration::from_secs(30))
        .await;
    api.push_update(fake_api::private_text(STUDENT, "Siti", "/fakta"));
    api.wait_message(STUDENT, "Fakta yang baru saja ditulis guru.")
        .await;

    std::fs::write(&facts, "- id: [rusak\n").expect("break");
    bot.signal(libc::SIGHUP);
    bot.wait_log(
        "still teaching the content loaded before",
        Duration::from_secs(30),
    )
    .await;
    assert!(bot.log().contains("facts.yaml"), "{}", bot.log());
    api.push_update(fake_api::private_text(STUDENT, "Siti", "/fakta"));
    api.wait_for(Duration::from_secs(20), "a second fact", |calls| {
        (calls
            .iter()
            .filter(|c| {
                c.method == "sendMessage"
                    && c.body["text"]
                        .as_str()
                        .is_some_and(|t| t.contains("Fakta yang baru saja ditulis guru."))
            })
            .count()
            >= 2)
            .then_some(())
    })
    .await;
}
