//! Faults and hostile users, end to end: the real binary against the fake Bot API.

mod support;

use std::time::Duration;

use support::bot::BotProcess;
use support::fake_api::{self, FakeApi, Scripted};
use support::quiz::{press, question, reveal, right_and_wrong};

const GROUP: i64 = -1_009_000_001;
const TEACHER: i64 = 9_501;

/// A 500 on the live-count edit must not hold back what the group is owed after it: the
/// reveal comes at the question's deadline (10 s), not when something unrelated wakes the bot.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_error_on_a_live_count_edit_does_not_stall_the_group() {
    let api = FakeApi::start().await;
    api.make_teacher(GROUP, TEACHER);
    api.script("editMessageText", Scripted::ServerError);
    let dir = tempfile::tempdir().expect("tempdir");
    let _bot = BotProcess::start_ready(&api, dir.path(), &[]).await;
    api.push_update(fake_api::group_text(
        GROUP,
        TEACHER,
        "Bu Rina",
        "/kuis 1 10",
    ));
    let q = question(&api, 1).await;
    let (right, wrong) = right_and_wrong(&q);
    press(&api, &q, 11, "Ani", &right);
    press(&api, &q, 12, "Budi", &wrong);
    // The live count goes out about 5 s in and is answered 500; the reveal is due at 10 s.
    // Before, the outbox dropped the failed count and then slept with the reveal queued.
    let text = tokio::time::timeout(Duration::from_secs(25), reveal(&api, q.message_id))
        .await
        .unwrap_or_else(|_| {
            panic!(
                "no reveal within 25 s of the question; calls:\n{}",
                api.all_calls()
                    .iter()
                    .map(|c| format!("{} {}", c.method, c.body["text"]))
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
    assert!(text.contains("2 menjawab, 1 benar, 1 salah"), "{text}");
    api.wait_message(GROUP, "Kuis selesai").await;
}
