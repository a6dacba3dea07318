use std::collections::HashSet;

use super::*;
use crate::content::Difficulty;

fn item(id: &str, topic: &str) -> QuizItem {
    QuizItem {
        id: id.into(),
        topic: topic.into(),
        difficulty: Difficulty::Mudah,
        question: format!("Soal {id}?"),
        options: vec![
            "benar".into(),
            "salah 1".into(),
            "salah 2".into(),
            "salah 3".into(),
        ],
        answer: 0,
        explanation: "Karena begitu.".into(),
        source: "000.txt".into(),
    }
}

/// A subject with nothing in it: the round tests pass their items themselves.
fn subject() -> std::sync::Arc<crate::content::Content> {
    std::sync::Arc::new(crate::content::Content {
        pack: crate::content::Pack {
            id: "ips".into(),
            name: "IPS".into(),
            level: "IPS kelas IX".into(),
            example: "apa itu?".into(),
            topics: Vec::new(),
            author: None,
        },
        lexicon: crate::content::Lexicon::default(),
        sources: Vec::new(),
        faq: Vec::new(),
        facts: Vec::new(),
        quiz: Vec::new(),
    })
}

fn items(n: usize) -> Vec<QuizItem> {
    (0..n)
        .map(|i| {
            let topic = if i % 2 == 0 { "bentuk" } else { "manfaat" };
            item(&format!("q{i}"), topic)
        })
        .collect()
}

fn t0() -> Timestamp {
    "2026-11-23T03:00:00Z".parse().expect("timestamp")
}

fn ms(n: i64) -> SignedDuration {
    SignedDuration::from_millis(n)
}

fn student(id: i64) -> Student {
    Student {
        id,
        name: format!("Siswa {id}"),
        username: None,
    }
}

/// A round over `n` questions whose correct choice is shown first (identity order).
fn round(n: usize, seconds: u32) -> Round {
    let questions = (0..n)
        .map(|i| Asked {
            item: i,
            order: vec![0, 1, 2, 3],
            seconds: None,
        })
        .collect();
    Round::new(1, seconds, None, subject(), questions, t0())
}

/// Confirms the current question at `at`, lets `presses` happen, then reveals it.
fn play(r: &mut Round, at: Timestamp, presses: &[(i64, usize, i64)], its: &[QuizItem]) -> Reveal {
    let q = r.current;
    r.confirmed(q, 100 + q as i32, at);
    for &(user, choice, after_ms) in presses {
        r.press(
            (q, Some(100 + q as i32)),
            student(user),
            choice,
            at + ms(after_ms),
        );
    }
    let deadline = at + SignedDuration::from_secs(i64::from(r.seconds));
    loop {
        match r.step(deadline, its) {
            Some(Step::Reveal(rev)) => return rev,
            Some(_) => continue,
            None => panic!("no reveal at the deadline"),
        }
    }
}

/// After a reveal, moves on to the next question's sending.
fn next(r: &mut Round, now: Timestamp, its: &[QuizItem]) -> Option<Step> {
    r.step(now + PAUSE, its)
}

#[test]
fn points_follow_answer_time() {
    let t = SignedDuration::from_secs(20);
    assert_eq!(points(ms(0), t, 0), 1000);
    assert_eq!(points(ms(5_000), t, 0), 875);
    assert_eq!(points(ms(10_000), t, 0), 750);
    assert_eq!(points(ms(19_999), t, 0), 500);
    assert_eq!(points(ms(20_000), t, 0), 500);
    assert_eq!(points(ms(1_234), t, 0), 969);
    // Clock skew never gives more than 1000 or less than 500.
    assert_eq!(points(ms(-50), t, 0), 1000);
    assert_eq!(points(ms(25_000), t, 0), 500);
}

#[test]
fn streak_bonus_grows_by_100_and_caps_at_500() {
    let t = SignedDuration::from_secs(10);
    assert_eq!(points(ms(0), t, 1), 1100);
    assert_eq!(points(ms(0), t, 4), 1400);
    assert_eq!(points(ms(0), t, 5), 1500);
    assert_eq!(points(ms(0), t, 9), 1500);

    let its = items(8);
    let mut r = round(8, 10);
    let mut now = t0();
    let mut got = Vec::new();
    for _ in 0..7 {
        let rev = play(&mut r, now, &[(1, 0, 0)], &its);
        got.push(rev.answers[0].points);
        now += SignedDuration::from_secs(20);
        next(&mut r, now, &its);
    }
    assert_eq!(got, vec![1000, 1100, 1200, 1300, 1400, 1500, 1500]);
}

#[test]
fn a_wrong_or_missing_answer_resets_the_streak() {
    let its = items(5);
    let mut r = round(5, 10);
    let mut now = t0();
    let mut play_next = |r: &mut Round, presses: &[(i64, usize, i64)]| {
        let rev = play(r, now, presses, &its);
        now += SignedDuration::from_secs(20);
        next(r, now, &its);
        rev
    };
    play_next(&mut r, &[(1, 0, 0), (2, 0, 0)]);
    play_next(&mut r, &[(1, 0, 0), (2, 0, 0)]);
    // Student 1 is wrong, student 2 does not answer.
    let rev = play_next(&mut r, &[(1, 2, 0), (3, 0, 0)]);
    assert_eq!(rev.answers.iter().map(|a| a.points).sum::<u32>(), 1000);
    let rev = play_next(&mut r, &[(1, 0, 0), (2, 0, 0)]);
    assert!(rev.answers.iter().all(|a| a.points == 1000), "{rev:?}");
}

#[test]
fn the_first_press_counts_and_late_or_old_presses_are_refused() {
    let its = items(3);
    let mut r = round(3, 10);
    r.confirmed(0, 100, t0());
    assert_eq!(
        r.press((0, Some(100)), student(1), 1, t0() + ms(500)),
        PressOutcome::Recorded
    );
    assert_eq!(
        r.press((0, Some(100)), student(1), 0, t0() + ms(600)),
        PressOutcome::AlreadyAnswered
    );
    assert_eq!(
        r.press((0, Some(100)), student(2), 0, t0() + ms(10_001)),
        PressOutcome::Closed,
        "after the deadline"
    );
    assert_eq!(
        r.press((1, Some(100)), student(3), 0, t0() + ms(700)),
        PressOutcome::Closed
    );
    assert_eq!(
        r.press((0, Some(100)), student(3), 7, t0() + ms(700)),
        PressOutcome::Closed
    );
    assert_eq!(
        r.press((0, Some(99)), student(3), 0, t0() + ms(700)),
        PressOutcome::Closed,
        "under another message"
    );
    assert_eq!(
        r.press((0, None), student(3), 0, t0() + ms(700)),
        PressOutcome::Closed,
        "under a message Telegram no longer has"
    );
    let rev = loop {
        if let Some(Step::Reveal(rev)) = r.step(t0() + ms(10_000), &its) {
            break rev;
        }
    };
    assert_eq!(rev.answers.len(), 1);
    assert!(!rev.answers[0].correct, "the changed mind did not count");
    // The old question is closed once revealed.
    assert_eq!(
        r.press((0, Some(100)), student(4), 0, t0() + ms(10_100)),
        PressOutcome::Closed
    );
}

#[test]
fn the_timer_starts_at_confirmation_and_answers_are_ordered_fastest_first() {
    let its = items(1);
    let mut r = round(1, 20);
    // Before the confirmation nobody has seen the question: a press then is a guess.
    assert_eq!(
        r.press((0, Some(55)), student(9), 0, t0()),
        PressOutcome::NotShown
    );
    let opened = t0() + ms(1_500);
    r.confirmed(0, 55, opened);
    r.press((0, Some(55)), student(1), 0, opened + ms(8_000));
    r.press((0, Some(55)), student(2), 1, opened + ms(1_000));
    r.press((0, Some(55)), student(3), 0, opened + ms(2_000));
    assert!(!matches!(
        r.step(opened + ms(19_999), &its),
        Some(Step::Reveal(_))
    ));
    let Some(Step::Reveal(rev)) = r.step(opened + ms(20_000), &its) else {
        panic!("reveal at the deadline")
    };
    let order: Vec<(i64, u32)> = rev
        .answers
        .iter()
        .map(|a| (a.student.id, a.points))
        .collect();
    assert_eq!(order, vec![(3, 950), (1, 800), (2, 0)]);
    assert_eq!(rev.message_id, Some(55));
    assert_eq!(
        r.step(opened + ms(20_000) + PAUSE, &its),
        Some(Step::End { silent: false })
    );
}

#[test]
fn live_counts_at_most_every_five_seconds_and_only_when_changed() {
    let its = items(1);
    let mut r = round(1, 30);
    r.confirmed(0, 7, t0());
    assert_eq!(r.next_wake(), t0() + SignedDuration::from_secs(30));
    r.press((0, Some(7)), student(1), 0, t0() + ms(100));
    assert_eq!(r.next_wake(), t0() + EDIT_EVERY);
    assert_eq!(r.step(t0() + ms(4_999), &its), None);
    assert_eq!(
        r.step(t0() + EDIT_EVERY, &its),
        Some(Step::Count {
            question: 0,
            message_id: 7,
            count: 1
        })
    );
    // Nothing new: no edit.
    assert_eq!(r.step(t0() + ms(11_000), &its), None);
    r.press((0, Some(7)), student(2), 0, t0() + ms(11_000));
    r.press((0, Some(7)), student(3), 0, t0() + ms(11_500));
    assert!(matches!(
        r.step(t0() + ms(11_600), &its),
        Some(Step::Count { count: 3, .. })
    ));
    assert_eq!(r.step(t0() + ms(12_000), &its), None);
}

#[test]
fn a_short_budget_drops_count_edits() {
    let its = items(1);
    let mut r = round(1, 120);
    r.confirmed(0, 7, t0());
    for i in 0..(GROUP_BUDGET - BUDGET_RESERVE) as i64 {
        r.count_message(t0() + ms(i));
    }
    r.press((0, Some(7)), student(1), 0, t0() + ms(100));
    assert_eq!(r.step(t0() + EDIT_EVERY, &its), None, "dropped, not queued");
    // A minute later the budget is back.
    r.press((0, Some(7)), student(2), 0, t0() + ms(200));
    assert!(matches!(
        r.step(t0() + SignedDuration::from_secs(61), &its),
        Some(Step::Count { count: 2, .. })
    ));
}

#[test]
fn two_silent_questions_end_the_round() {
    let its = items(5);
    let mut r = round(5, 10);
    let mut now = t0();
    play(&mut r, now, &[], &its);
    now += SignedDuration::from_secs(20);
    assert_eq!(next(&mut r, now, &its), Some(Step::Ask { question: 1 }));
    play(&mut r, now, &[], &its);
    now += SignedDuration::from_secs(20);
    assert_eq!(next(&mut r, now, &its), Some(Step::End { silent: true }));
}

#[test]
fn a_lost_confirmation_does_not_stall_the_round() {
    let its = items(1);
    let mut r = round(1, 10);
    assert_eq!(r.next_wake(), t0() + CONFIRM_WAIT);
    assert_eq!(r.step(t0() + CONFIRM_WAIT, &its), None);
    assert!(matches!(
        r.phase,
        Phase::Open {
            message_id: None,
            ..
        }
    ));
    assert!(matches!(
        r.step(t0() + CONFIRM_WAIT + SignedDuration::from_secs(10), &its),
        Some(Step::Reveal(_))
    ));
}

#[test]
fn stopping_early_reveals_the_open_question_and_keeps_earlier_points() {
    let its = items(3);
    let mut r = round(3, 10);
    play(&mut r, t0(), &[(1, 0, 0)], &its);
    let now = t0() + SignedDuration::from_secs(20);
    next(&mut r, now, &its);
    r.confirmed(1, 9, now);
    r.press((1, Some(9)), student(1), 0, now + ms(5_000));
    let rev = r.reveal(now + ms(6_000), &its);
    assert_eq!(rev.answers[0].points, 1100 - 250);
    assert_eq!(r.standings()[0].1.points, 1000 + 850);
}

#[test]
fn rounds_never_repeat_a_question_and_prefer_unseen_ones() {
    let its = items(30);
    let mut recent: Vec<String> = Vec::new();
    let mut rng = Rng::new(7);
    for _ in 0..10 {
        let chosen = choose(&its, None, 10, &recent, &mut rng);
        assert_eq!(chosen.len(), 10);
        let unique: HashSet<usize> = chosen.iter().copied().collect();
        assert_eq!(unique.len(), 10, "a question repeated inside a round");
        // The 20 questions not in the last two rounds are all unseen or older than these.
        let last_two: HashSet<&String> = recent.iter().rev().take(20).collect();
        assert!(
            chosen.iter().all(|&i| !last_two.contains(&its[i].id)),
            "a recently seen question came back while older ones were left"
        );
        recent.extend(chosen.iter().map(|&i| its[i].id.clone()));
    }
}

#[test]
fn a_topic_round_uses_that_topic_and_shrinks_to_what_it_has() {
    let its = items(10);
    let chosen = choose(&its, Some("manfaat"), 8, &[], &mut Rng::new(1));
    assert_eq!(chosen.len(), 5);
    assert!(chosen.iter().all(|&i| its[i].topic == "manfaat"));
}

#[test]
fn shown_options_map_back_to_the_correct_one() {
    let its = items(1);
    let asked = Asked {
        item: 0,
        order: vec![2, 0, 3, 1],
        seconds: None,
    };
    assert_eq!(asked.correct_choice(&its[0]), 1);
    let shuffled = Asked::new(0, 4, &mut Rng::new(3));
    let mut sorted = shuffled.order.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, vec![0, 1, 2, 3]);
}

#[test]
fn a_round_does_not_pair_an_item_with_one_that_shows_its_answer() {
    let mut its = items(3);
    its[0].options[0] = "saling menghormati kedaulatan".into();
    // Item 1 lists item 0's answer among its options (a "BUKAN" item); item 2 is unrelated.
    its[1].options[2] = "Saling menghormati kedaulatan.".into();
    for seed in 0..40 {
        let chosen = choose(&its, None, 2, &[], &mut Rng::new(seed));
        assert_eq!(chosen.len(), 2);
        assert!(
            !(chosen.contains(&0) && chosen.contains(&1)),
            "seed {seed}: {chosen:?}"
        );
    }
    // When the round needs every item, both are asked.
    let all = choose(&its, None, 3, &[], &mut Rng::new(3));
    assert_eq!(all.len(), 3);
    // A question that states the answer counts too; a short common answer does not.
    let mut its = items(2);
    its[0].options[0] = "kerja sama regional di kawasan".into();
    its[1].question = "Kerja sama regional di kawasan disebut apa?".into();
    assert!(reveals(&its[0], &its[1]));
    its[0].options[0] = "Merkurius".into();
    its[1].options[1] = "Merkurius".into();
    assert!(!reveals(&its[0], &its[1]));
}
