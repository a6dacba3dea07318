//! Long runs, not part of `cargo test` (they are `#[ignore]`d): run them with
//! `cargo test --release --test hardening -- --ignored --nocapture`.
//!
//! The crash-consistency loop starts the bot, plays quiz rounds, kills it with SIGKILL at a
//! random moment and starts it again, many times over, checking every time that the snapshot
//! loads cleanly and that the board holds exactly the rounds whose podium the class saw.

mod support;

use std::time::{Duration, Instant};

use kelasbot::rng::Rng;
use kelasbot::state::snapshot;
use support::bot::BotProcess;
use support::fake_api::{self, Call, FakeApi};
use support::quiz::{press, questions, right_and_wrong};

const GROUP: i64 = -1_007_000_001;
const TEACHER: i64 = 9_001;
const STUDENT: i64 = 9_101;

/// One round as the fake server saw it: the points its reveals gave the student, and whether
/// its podium arrived.
#[derive(Debug, Default, Clone)]
struct Seen {
    reveals: Vec<u64>,
    podium: bool,
}

/// Replays the calls in order: a "Kuis dimulai" starts a round; reveals and the podium belong
/// to the round started last.
fn rounds(calls: &[Call]) -> Vec<Seen> {
    let mut rounds: Vec<Seen> = Vec::new();
    for c in calls {
        let text = c.body["text"].as_str().unwrap_or("");
        match c.method.as_str() {
            "sendMessage" if text.contains("Kuis dimulai") => rounds.push(Seen::default()),
            "sendMessage" if text.contains("Kuis selesai") => {
                if let Some(r) = rounds.last_mut() {
                    r.podium = true;
                }
            }
            "editMessageText" if text.contains("Jawaban:") => {
                if let Some(r) = rounds.last_mut() {
                    r.reveals.push(support::quiz::points_of(text, "Ani"));
                }
            }
            _ => {}
        }
    }
    rounds
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a long run: cargo test --release --test hardening -- --ignored --nocapture"]
async fn sigkill_at_random_moments_never_loses_or_doubles_a_round() {
    const RESTARTS: usize = 50;
    let api = FakeApi::start().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("data").join(snapshot::FILE_NAME);
    let teachers = TEACHER.to_string();
    let env = [("KELASBOT_TEACHERS", teachers.as_str())];
    let mut rng = Rng::new(0x5eed);
    let started = Instant::now();
    let mut kills_mid_round = 0;
    for restart in 0..RESTARTS {
        let mut bot = BotProcess::start_ready(&api, dir.path(), &env).await;
        let asked_before = questions(&api.calls("sendMessage")).len();
        api.push_update(fake_api::group_text(
            GROUP,
            TEACHER,
            "Bu Rina",
            "/kuis 1 10",
        ));
        // Answer every question of this run as soon as it appears, until the kill.
        let kill_at = Instant::now() + Duration::from_millis(500 + rng.below(21_500) as u64);
        let mut answered = asked_before;
        while Instant::now() < kill_at {
            let asked = questions(&api.calls("sendMessage"));
            for q in asked.iter().skip(answered) {
                let (right, _) = right_and_wrong(q);
                press(&api, q, STUDENT, "Ani", &right);
            }
            answered = asked.len();
            let wait = kill_at.saturating_duration_since(Instant::now());
            let _ = tokio::time::timeout(
                wait.min(Duration::from_millis(200)),
                api.wait_for(Duration::from_secs(60), "a new question", |calls| {
                    (questions(calls).len() > answered).then_some(())
                }),
            )
            .await;
        }
        bot.signal(libc::SIGKILL);
        bot.wait_exit(Duration::from_secs(10)).await;

        let seen = rounds(&api.all_calls());
        if seen.last().is_some_and(|r| !r.podium) {
            kills_mid_round += 1;
        }
        if !path.exists() {
            assert!(
                seen.iter().all(|r| !r.podium),
                "a podium went out before any snapshot"
            );
            continue;
        }
        let loaded = snapshot::load(&path, restart as u64).expect("the snapshot loads");
        assert!(
            loaded.set_aside.is_none(),
            "restart {restart}: the snapshot was unusable"
        );
        let player = loaded
            .state
            .chats
            .get(&GROUP)
            .and_then(|c| c.board.players.get(&STUDENT).cloned())
            .unwrap_or_default();
        let complete: Vec<&Seen> = seen.iter().filter(|r| r.podium).collect();
        let complete_points: u64 = complete.iter().flat_map(|r| r.reveals.iter()).sum();
        let cut_points: u64 = seen
            .iter()
            .filter(|r| !r.podium)
            .flat_map(|r| r.reveals.iter())
            .sum();
        assert_eq!(
            player.rounds as usize,
            complete.len(),
            "restart {restart}: every round whose podium arrived, exactly once"
        );
        assert!(
            player.points >= complete_points && player.points <= complete_points + cut_points,
            "restart {restart}: {} points, rounds with a podium {complete_points}, revealed in \
             cut rounds {cut_points}",
            player.points
        );
    }
    let seen = rounds(&api.all_calls());
    println!(
        "crash loop: {RESTARTS} SIGKILLs in {:.0} s, {} rounds started, {} podiums, {kills_mid_round} \
         kills mid-round; every restart loaded its snapshot cleanly and the board held each \
         podium's round exactly once",
        started.elapsed().as_secs_f64(),
        seen.len(),
        seen.iter().filter(|r| r.podium).count()
    );
}
