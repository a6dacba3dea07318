//! Daily facts end to end: the real binary against a fake Bot API that enforces Telegram's
//! limits, with 300 groups due at the same minute.

use std::time::{Duration, Instant};

use crate::support::bot::BotProcess;
use crate::support::fake_api::{self, FakeApi, Scripted, TOKEN};
use crate::support::noon::{noon_zone, seed_groups, today};
use kelasbot::driver::store;
use kelasbot::state::snapshot;

const GROUPS: i64 = 300;
const STUDENT: i64 = 5151;

fn group_id(i: i64) -> i64 {
    -1_002_000_000 - i
}

/// The bot started with the noon zone as its default.
fn start_in_noon_zone(api: &FakeApi, dir: &std::path::Path) -> BotProcess {
    let (zone, _) = noon_zone();
    BotProcess::start_env(api, dir, TOKEN, &[("KELASBOT_TZ", zone.as_str())])
}

/// 300 groups subscribed at 00:00 (in the noon zone) whose last fact was yesterday: all are
/// due the moment the bot starts (the same-day catch-up), which is what a 07:00 minute looks
/// like.
fn seed(data_dir: &std::path::Path) {
    seed_groups(data_dir, &(0..GROUPS).map(group_id).collect::<Vec<_>>());
}

fn facts_sent(calls: &[fake_api::Call]) -> Vec<&fake_api::Call> {
    calls
        .iter()
        .filter(|c| c.method == "sendMessage" && !c.limited && c.body["chat_id"].as_i64() < Some(0))
        .collect()
}

/// What a broadcast to the 300 seeded groups looked like at the fake Bot API.
struct Broadcast {
    /// From the first fact's arrival to the last's.
    took: Duration,
    /// A student's private question asked once 100 facts were out: until its answer.
    reply_delay: Duration,
}

/// Starts the bot on the seeded groups against a server that enforces Telegram's limits and
/// sees requests arrive with up to 40 ms of jitter; a student asks mid-broadcast. Checks that
/// every group got its fact once and that the server answered no 429.
async fn broadcast(api: &FakeApi, dir: &std::path::Path) -> (BotProcess, Broadcast) {
    api.enforce_limits();
    api.jitter(11, Duration::from_millis(40));
    seed(dir);
    let bot = start_in_noon_zone(api, dir);

    // A student asks in private while the broadcast is under way.
    api.wait_for(Duration::from_secs(30), "100 facts", |calls| {
        (facts_sent(calls).len() >= 100).then_some(())
    })
    .await;
    let asked = Instant::now();
    api.push_update(fake_api::private_text(
        STUDENT,
        "Siti",
        "apa itu kerja sama bilateral?",
    ));
    let reply = api.wait_message(STUDENT, "Sumber:").await;
    let reply_delay = reply.at.duration_since(asked);

    let calls = api
        .wait_for(Duration::from_secs(40), "300 facts", |calls| {
            (facts_sent(calls).len() >= GROUPS as usize).then(|| calls.to_vec())
        })
        .await;
    let facts = facts_sent(&calls);
    let mut chats: Vec<i64> = facts
        .iter()
        .filter_map(|c| c.body["chat_id"].as_i64())
        .collect();
    chats.sort_unstable();
    chats.dedup();
    assert_eq!(chats.len(), GROUPS as usize, "every group once");
    assert!(facts.iter().all(|c| {
        c.body["text"]
            .as_str()
            .is_some_and(|t| t.contains("Sumber:"))
    }));
    assert_eq!(api.limited(), 0, "Telegram would have answered 429");
    let first = facts.first().map(|c| c.at).expect("facts");
    let last = facts.last().map(|c| c.at).expect("facts");
    let took = last.duration_since(first);
    (bot, Broadcast { took, reply_delay })
}

/// The pace of a broadcast, measured: `cargo test --release --test e2e daily_facts:: -- --ignored
/// --nocapture`. Telegram's 30 a second make N/30 s the least a broadcast can take.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a timing measurement: cargo test --release --test e2e daily_facts:: -- --ignored --nocapture"]
async fn a_broadcast_to_three_hundred_groups_keeps_pace() {
    let api = FakeApi::start().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut bot, b) = broadcast(&api, dir.path()).await;
    let floor = GROUPS as f64 / fake_api::GLOBAL_PER_SECOND as f64;
    let took = b.took.as_secs_f64();
    println!(
        "broadcast: {GROUPS} groups in {took:.2} s ({:.2} × N/30 s), no 429 with arrival \
         jitter up to 40 ms; a private question asked mid-broadcast answered after {} ms",
        took / floor,
        b.reply_delay.as_millis()
    );
    assert!(took <= floor * 1.15, "broadcast took {took:.2} s");
    assert!(
        b.reply_delay < Duration::from_secs(2),
        "{:?}",
        b.reply_delay
    );
    bot.signal(libc::SIGTERM);
    assert_eq!(bot.wait_exit(Duration::from_secs(20)).await, Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_hundred_groups_get_their_fact_within_limits_and_students_still_get_answers() {
    let api = FakeApi::start().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut bot, _) = broadcast(&api, dir.path()).await;

    // Restarted the same day: no group gets a second fact.
    bot.signal(libc::SIGTERM);
    assert_eq!(bot.wait_exit(Duration::from_secs(20)).await, Some(0));
    let before = facts_sent(&api.calls("sendMessage")).len();
    let mut again = start_in_noon_zone(&api, dir.path());
    api.wait_for(Duration::from_secs(30), "the second start", |calls| {
        (calls.iter().filter(|c| c.method == "setMyCommands").count() >= 6).then_some(())
    })
    .await;
    api.push_update(fake_api::private_text(STUDENT, "Siti", "/fakta"));
    api.wait_message(STUDENT, "Fakta Kerja Sama").await;
    assert_eq!(facts_sent(&api.calls("sendMessage")).len(), before);
    again.signal(libc::SIGTERM);
    assert_eq!(again.wait_exit(Duration::from_secs(20)).await, Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_a_groups_teachers_subscribe_and_a_kick_unsubscribes() {
    const GROUP: i64 = -1_003_000_001;
    const TEACHER: i64 = 777;
    let api = FakeApi::start().await;
    api.make_teacher(GROUP, TEACHER);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bot = BotProcess::start(&api, dir.path());

    api.push_update(fake_api::group_text(
        GROUP,
        STUDENT,
        "Siti",
        "/langganan 07:00",
    ));
    api.wait_message(GROUP, "hanya untuk guru").await;
    api.push_update(fake_api::group_text(
        GROUP,
        TEACHER,
        "Bu Rina",
        "/langganan 6.45 WITA",
    ));
    api.wait_message(GROUP, "setiap hari pukul 06.45 WITA")
        .await;
    // An anonymous admin posts as the group itself and is a teacher; a student posting as
    // their own channel is not.
    let mut anonymous = fake_api::group_text(GROUP, 1_087_968_824, "Group", "/berhenti");
    anonymous["message"]["sender_chat"] =
        serde_json::json!({"id": GROUP, "type": "supergroup", "title": "Kelas 9A"});
    api.push_update(anonymous);
    api.wait_message(GROUP, "dihentikan").await;
    let mut channel = fake_api::group_text(GROUP, 136_817_688, "Channel", "/langganan");
    channel["message"]["sender_chat"] =
        serde_json::json!({"id": -1_009_999, "type": "channel", "title": "Kanal Siti"});
    api.push_update(channel);
    api.wait_for(Duration::from_secs(10), "a second refusal", |calls| {
        (calls
            .iter()
            .filter(|c| {
                c.body["text"]
                    .as_str()
                    .is_some_and(|t| t.contains("hanya untuk guru"))
            })
            .count()
            >= 2)
            .then_some(())
    })
    .await;
    api.push_update(fake_api::group_text(
        GROUP,
        TEACHER,
        "Bu Rina",
        "/langganan 6.45 WITA senin-jumat",
    ));
    api.wait_message(GROUP, "Senin–Jumat pukul 06.45 WITA")
        .await;
    api.push_update(fake_api::group_text(GROUP, STUDENT, "Siti", "/jadwal"));
    api.wait_message(GROUP, "Fakta harian grup ini").await;
    assert!(
        api.calls("getChatMember")
            .iter()
            .any(|c| c.body["user_id"].as_i64() == Some(TEACHER)),
        "the teacher was checked with Telegram"
    );

    // The bot is removed from the group: the subscription goes with it.
    api.push_update(serde_json::json!({"my_chat_member": {
        "chat": {"id": GROUP, "type": "supergroup", "title": "Kelas 9A"},
        "from": {"id": TEACHER, "is_bot": false, "first_name": "Bu Rina"},
        "date": 1_800_000_000,
        "old_chat_member": {"status": "member", "user": {"id": fake_api::BOT_ID, "is_bot": true, "first_name": "Kelas"}},
        "new_chat_member": {"status": "left", "user": {"id": fake_api::BOT_ID, "is_bot": true, "first_name": "Kelas"}},
    }}));
    api.push_update(fake_api::private_text(STUDENT, "Siti", "/fakta"));
    api.wait_message(STUDENT, "Fakta Kerja Sama").await;
    bot.signal(libc::SIGTERM);
    assert_eq!(bot.wait_exit(Duration::from_secs(20)).await, Some(0));
    let state = store::load(&dir.path().join("data").join(snapshot::FILE_NAME), 0)
        .expect("load")
        .state;
    assert!(
        state
            .chats
            .get(&GROUP)
            .is_none_or(|c| c.subscription.is_none())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kicked_bot_unsubscribes_and_missing_rights_keep_the_subscription() {
    let (a, b) = (-1_004_000_001, -1_004_000_002);
    let api = FakeApi::start().await;
    api.script(
        "sendMessage",
        Scripted::Error(
            403,
            "Forbidden: bot was kicked from the supergroup chat".into(),
        ),
    );
    api.script(
        "sendMessage",
        Scripted::Error(
            400,
            "Bad Request: not enough rights to send text messages to the chat".into(),
        ),
    );
    let dir = tempfile::tempdir().expect("tempdir");
    seed_groups(dir.path(), &[a, b]);
    let mut bot = start_in_noon_zone(&api, dir.path());
    let calls = api
        .wait_for(Duration::from_secs(30), "both daily facts tried", |calls| {
            let sends: Vec<_> = calls.iter().filter(|c| c.method == "sendMessage").collect();
            (sends.len() >= 2).then(|| {
                sends
                    .iter()
                    .filter_map(|c| c.body["chat_id"].as_i64())
                    .collect::<Vec<_>>()
            })
        })
        .await;
    let (kicked, no_rights) = (calls[0], calls[1]);
    bot.signal(libc::SIGTERM);
    assert_eq!(bot.wait_exit(Duration::from_secs(20)).await, Some(0));
    let state = store::load(&dir.path().join("data").join(snapshot::FILE_NAME), 0)
        .expect("load")
        .state;
    let subscribed = |chat: i64| state.chats.get(&chat).and_then(|c| c.subscription.clone());
    assert_eq!(subscribed(kicked), None, "403 unsubscribes at once");
    let kept = subscribed(no_rights).expect("not enough rights keeps the subscription");
    assert_eq!(
        kept.last_date,
        Some(today()),
        "and today's fact is not tried again"
    );
    assert_eq!(api.calls("sendMessage").len(), 2, "nothing was resent");
}
