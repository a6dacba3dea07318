//! Long runs, not part of `cargo test` (they are `#[ignore]`d): run them with
//! `cargo test --release --test e2e hardening:: -- --ignored --nocapture`.
//!
//! The crash-consistency loop starts the bot, plays quiz rounds, kills it with SIGKILL at a
//! random moment and starts it again, many times over, checking every time that the snapshot
//! loads cleanly and that the board holds exactly the rounds whose podium the class saw.

use std::time::{Duration, Instant};

use crate::support::bot::BotProcess;
use crate::support::fake_api::{self, Call, FakeApi};
use crate::support::quiz::{press, questions, right_and_wrong};
use kelasbot::driver::store;
use kelasbot::rng::Rng;
use kelasbot::state::snapshot;

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
                    r.reveals.push(crate::support::quiz::points_of(text, "Ani"));
                }
            }
            _ => {}
        }
    }
    rounds
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a long run: cargo test --release --test e2e hardening:: -- --ignored --nocapture"]
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
        let loaded = store::load(&path, restart as u64).expect("the snapshot loads");
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

/// The first successful answer time of every callback query, by id.
fn answered_at(calls: &[Call]) -> std::collections::HashMap<String, Instant> {
    let mut at = std::collections::HashMap::new();
    for c in calls {
        if c.method == "answerCallbackQuery"
            && !c.faulted
            && let Some(id) = c.body["callback_query_id"].as_str()
        {
            at.entry(id.to_string()).or_insert(c.at);
        }
    }
    at
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a long run: cargo test --release --test e2e hardening:: -- --ignored --nocapture"]
async fn soak_two_hundred_groups_under_faults_for_ten_minutes() {
    const GROUPS: i64 = 200;
    const STUDENTS: i64 = 30;
    const FLOODER: i64 = 99_999_999;
    let run = std::env::var("KELASBOT_SOAK_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(Duration::from_secs(600), Duration::from_secs);
    let group = |g: i64| -1_008_000_000 - g;
    let student = |g: i64, s: i64| 10_000_000 + g * 100 + s;
    let api = FakeApi::start().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let teachers = TEACHER.to_string();
    let mut bot = BotProcess::start_ready(
        &api,
        dir.path(),
        &[
            ("KELASBOT_TEACHERS", teachers.as_str()),
            ("RUST_LOG", "warn"),
        ],
    )
    .await;
    api.chaos(0xc0ffee, 0.05);
    api.fail_edits(0.10);
    let mut rng = Rng::new(42);
    for g in 0..GROUPS {
        api.push_update(fake_api::group_text(
            group(g),
            TEACHER,
            "Bu Rina",
            "/kuis 3 10",
        ));
    }
    // Memory is compared with minute 3 (or a third of a shorter run).
    let rss_at = Duration::from_secs(180).min(run / 3);
    let started = Instant::now();
    let mut seen = 0;
    let mut podiums: std::collections::HashMap<i64, u32> = std::collections::HashMap::new();
    let mut pushed: Vec<(String, Instant)> = Vec::new();
    let mut questions_asked = 0usize;
    let mut private_questions = 0usize;
    let mut flood = 0usize;
    let mut rss_early = None;
    let mut tick = tokio::time::interval(Duration::from_millis(250));
    while started.elapsed() < run {
        tick.tick().await;
        assert!(bot.is_running(), "the bot stopped; log:\n{}", bot.log());
        if rss_early.is_none() && started.elapsed() >= rss_at {
            rss_early = bot.rss_kib();
        }
        let calls = api.calls_from(seen);
        for c in &calls {
            if c.method != "sendMessage" || c.faulted || c.limited {
                continue;
            }
            let chat = c.body["chat_id"].as_i64().unwrap_or(0);
            let g = -1_008_000_000 - chat;
            if !(0..GROUPS).contains(&g) {
                continue;
            }
            let text = c.body["text"].as_str().unwrap_or("");
            if text.contains("Kuis selesai") {
                *podiums.entry(chat).or_default() += 1;
                api.push_update(fake_api::group_text(chat, TEACHER, "Bu Rina", "/kuis 3 10"));
            }
            if let Some(q) = questions(std::slice::from_ref(c)).pop() {
                questions_asked += 1;
                let (right, _) = right_and_wrong(&q);
                for s in 0..STUDENTS {
                    // Student 0 always knows; the others press anything.
                    let data = if s == 0 {
                        right.clone()
                    } else {
                        q.data[rng.below(q.data.len())].clone()
                    };
                    let id = press(&api, &q, student(g, s), &format!("Siswa {s}"), &data);
                    pushed.push((id, Instant::now()));
                }
            }
        }
        seen += calls.len();
        // One student floods group 0 with questions, 20 every quarter of a second.
        for n in 0..20 {
            flood += 1;
            api.push_update(fake_api::group_text(
                group(0),
                FLOODER,
                "Iseng",
                &format!("/tanya apa manfaat kerja sama nomor {flood} {n}?"),
            ));
        }
        if rng.below(4) == 0 {
            private_questions += 1;
            let who = student(rng.below(GROUPS as usize) as i64, rng.below(30) as i64);
            api.push_update(fake_api::private_text(
                who,
                "Siswa",
                "apa manfaat kerja sama ekonomi?",
            ));
        }
    }
    let rss_end = bot.rss_kib();
    // Let the last presses be answered, then stop cleanly.
    let last_push = pushed.last().map_or_else(Instant::now, |p| p.1);
    let _ = tokio::time::timeout(
        Duration::from_secs(20),
        api.wait_for(
            Duration::from_secs(60),
            "the last callback answers",
            |calls| {
                let answered = answered_at(calls);
                pushed
                    .iter()
                    .all(|(id, _)| answered.contains_key(id))
                    .then_some(())
            },
        ),
    )
    .await;
    bot.signal(libc::SIGTERM);
    assert_eq!(
        bot.wait_exit(Duration::from_secs(30)).await,
        Some(0),
        "log:\n{}",
        bot.log()
    );

    let calls = api.all_calls();
    let answered = answered_at(&calls);
    let unanswered = pushed
        .iter()
        .filter(|(id, _)| !answered.contains_key(id))
        .count();
    let mut delays: Vec<Duration> = pushed
        .iter()
        .filter_map(|(id, at)| answered.get(id).map(|a| a.duration_since(*at)))
        .collect();
    delays.sort_unstable();
    let slowest = delays.last().copied().unwrap_or_default();
    let p99 = delays
        .get(delays.len().saturating_sub(1) * 99 / 100)
        .copied()
        .unwrap_or_default();
    let over_window = delays
        .iter()
        .filter(|d| **d >= Duration::from_secs(15))
        .count();
    // Where the time went: reaching the bot (getUpdates) and the bot answering.
    let handed = api.handed_callbacks();
    let mut to_bot: Vec<Duration> = pushed
        .iter()
        .filter_map(|(id, at)| handed.get(id).map(|h| h.duration_since(*at)))
        .collect();
    let mut in_bot: Vec<Duration> = pushed
        .iter()
        .filter_map(|(id, _)| Some(answered.get(id)?.duration_since(*handed.get(id)?)))
        .collect();
    to_bot.sort_unstable();
    in_bot.sort_unstable();
    let pct = |v: &[Duration], p: usize| {
        v.get(v.len().saturating_sub(1) * p / 100)
            .copied()
            .unwrap_or_default()
            .as_secs_f64()
    };
    println!(
        "callback answers: push → fetched by the bot p50 {:.2} s p99 {:.2} s; fetched → \
         answered p50 {:.2} s p99 {:.2} s",
        pct(&to_bot, 50),
        pct(&to_bot, 99),
        pct(&in_bot, 50),
        pct(&in_bot, 99)
    );
    let faults = calls.iter().filter(|c| c.faulted).count();
    let state = store::load(&dir.path().join("data").join(snapshot::FILE_NAME), 0)
        .expect("snapshot")
        .state;
    // Every podium the server received, including those that went out while stopping.
    let mut podiums: std::collections::HashMap<i64, u32> = std::collections::HashMap::new();
    for c in &calls {
        if c.method == "sendMessage"
            && !c.faulted
            && !c.limited
            && c.body["text"]
                .as_str()
                .is_some_and(|t| t.contains("Kuis selesai"))
        {
            *podiums
                .entry(c.body["chat_id"].as_i64().unwrap_or(0))
                .or_default() += 1;
        }
    }
    let mut mismatched = Vec::new();
    let mut ended_unseen = 0;
    for g in 0..GROUPS {
        let seen_podiums = podiums.get(&group(g)).copied().unwrap_or(0);
        let rounds = state
            .chats
            .get(&group(g))
            .and_then(|c| c.board.players.get(&student(g, 0)))
            .map_or(0, |p| p.rounds);
        // Exactly once: never fewer rounds than podiums seen; one more only for a round that
        // ended while the bot was stopping, whose podium was still queued when it exited.
        if rounds == seen_podiums + 1 {
            ended_unseen += 1;
        } else if rounds != seen_podiums {
            mismatched.push((g, seen_podiums, rounds));
        }
    }
    let total_podiums: u32 = podiums.values().sum();
    let (early, end) = (rss_early.unwrap_or(0), rss_end.unwrap_or(0));
    println!(
        "soak: {GROUPS} groups × {STUDENTS} students for {} s with {faults} injected faults \
         (5% of calls: 429, 500, slow, dropped; 10% more of edits: 500); {questions_asked} \
         questions, {} presses, {private_questions} private questions, {flood} questions \
         flooding group 0, {total_podiums} podiums; unanswered presses \
         {unanswered}, callback answers p99 {:.2} s, slowest {:.1} s, {over_window} past 15 s; \
         rounds on the board ≠ podiums in {} groups ({ended_unseen} rounds ended while \
         stopping); RSS {} MiB at {} s, {} MiB at the end ({:+.1}%); pushed until {:.0} s",
        run.as_secs(),
        pushed.len(),
        p99.as_secs_f64(),
        slowest.as_secs_f64(),
        mismatched.len(),
        early / 1024,
        rss_at.as_secs(),
        end / 1024,
        (end as f64 - early as f64) * 100.0 / (early.max(1) as f64),
        last_push.duration_since(started).as_secs_f64(),
    );
    assert!(
        mismatched.is_empty(),
        "(group, podiums, rounds): {mismatched:?}"
    );
    assert_eq!(unanswered, 0);
    assert!(slowest < Duration::from_secs(15), "{slowest:?}");
    assert!(
        end as f64 <= early as f64 * 1.10,
        "memory grew from {early} KiB to {end} KiB"
    );
}
