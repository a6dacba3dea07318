//! The app's quiz tests: rounds, scoreboards with reset and export, and practice.

use jiff::Timestamp;

use super::tests::*;
use super::*;

/// The quiz question sent among `effects`: its tag and its buttons' data.
fn question_of(effects: &[Effect]) -> (u64, Vec<String>, String) {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Send(o) if o.tag.is_some() => Some((
                o.tag.unwrap_or_default(),
                o.keyboard
                    .iter()
                    .flatten()
                    .filter_map(|b| match b {
                        Button::Callback { data, .. } => Some(data.clone()),
                        Button::Url { .. } => None,
                    })
                    .collect(),
                o.html.clone(),
            )),
            _ => None,
        })
        .expect("a question message")
}

/// The button data of the correct and of a wrong option of the question shown in `html`.
fn right_and_wrong(app: &App, html: &str, data: &[String]) -> (String, String) {
    let item = app
        .content()
        .quiz
        .iter()
        .find(|q| html.contains(&crate::html::escape(&q.question)))
        .expect("the question is from quiz.yaml");
    let correct_text = crate::html::escape(&item.options[item.answer]);
    let shown = (0..data.len())
        .find(|&i| {
            html.contains(&format!(
                "<b>{}.</b> {correct_text}",
                texts::quiz::letter(i)
            ))
        })
        .expect("the correct option is shown");
    (data[shown].clone(), data[(shown + 1) % data.len()].clone())
}

fn secs(n: i64) -> jiff::SignedDuration {
    jiff::SignedDuration::from_secs(n)
}

#[test]
fn a_whole_round_scores_reveals_and_ends_with_a_podium_after_the_snapshot() {
    let app = app();
    let t = now();
    // A student cannot start one.
    let refused = app.handle(says(GROUP, student(), "/kuis", false, t), t);
    assert!(sends(&refused)[0].html.contains("hanya untuk guru"));
    assert!(!app.state_copy().rounds.contains_key(&GROUP.id));

    let started = app.handle(
        says(GROUP, user(TEACHER, "Bu Rina"), "/kuis 2 10", true, t),
        t,
    );
    assert!(
        sends(&started)[0].html.contains("2 soal"),
        "{}",
        sends(&started)[0].html
    );
    let (tag, data, html) = question_of(&started);
    assert!(html.contains("Soal 1/2") && data.len() >= 3);
    let (right, wrong) = right_and_wrong(&app, &html, &data);

    // Telegram confirms the question one second later: the timer starts then.
    let opened = t + secs(1);
    app.handle(
        Event::Delivered {
            chat: GROUP.id,
            message_id: 500,
            tag,
            at: opened,
        },
        opened,
    );
    let (ani, budi, cici) = (user(1, "Ani"), user(2, "Budi <b>"), user(3, "Cici"));
    let p = app.handle(
        press(GROUP, 500, ani.clone(), &right, opened + secs(2)),
        opened + secs(2),
    );
    assert_eq!(toast(&p).as_deref(), Some(texts::quiz::TOAST_RECORDED));
    let p = app.handle(
        press(GROUP, 500, ani.clone(), &wrong, opened + secs(3)),
        opened + secs(3),
    );
    assert_eq!(toast(&p).as_deref(), Some(texts::quiz::TOAST_ALREADY));
    app.handle(
        press(GROUP, 500, budi.clone(), &wrong, opened + secs(4)),
        opened + secs(4),
    );
    let late = app.handle(
        press(GROUP, 500, cici.clone(), &right, opened + secs(11)),
        opened + secs(11),
    );
    assert_eq!(toast(&late).as_deref(), Some(texts::quiz::TOAST_CLOSED));

    // A live count at 5 s keeps the buttons.
    let counted = app.quiz_tick(opened + secs(5));
    let Some(Effect::Edit(count)) = counted.first() else {
        panic!("a live count edit: {counted:?}")
    };
    assert!(count.droppable && !count.keyboard.is_empty() && count.html.contains("2 jawaban"));

    let revealed = app.quiz_tick(opened + secs(10));
    let Some(Effect::Edit(reveal)) = revealed.first() else {
        panic!("the reveal: {revealed:?}")
    };
    assert_eq!(reveal.message_id, 500);
    assert!(
        reveal.keyboard.is_empty(),
        "the reveal replaces the buttons"
    );
    // 2 s of 10: round(1000 × (1 − 0.2 / 2)) = 900.
    assert!(reveal.html.contains("Ani — +900"), "{}", reveal.html);
    assert!(
        !reveal.html.contains("Budi &lt;b&gt; — +"),
        "{}",
        reveal.html
    );
    assert!(reveal.html.contains("Sumber:"));
    assert_eq!(
        app.state_copy().chats[&GROUP.id].board.players[&1].points,
        900
    );
    assert!(
        app.take_snapshot().is_some(),
        "points are state to snapshot"
    );

    let next = app.quiz_tick(opened + secs(10) + crate::quiz::PAUSE);
    let (tag2, data2, html2) = question_of(&next);
    assert!(html2.contains("Soal 2/2"));
    let opened2 = opened + secs(20);
    app.handle(
        Event::Delivered {
            chat: GROUP.id,
            message_id: 501,
            tag: tag2,
            at: opened2,
        },
        opened2,
    );
    let (right2, _) = right_and_wrong(&app, &html2, &data2);
    app.handle(press(GROUP, 501, cici.clone(), &right2, opened2), opened2);
    app.quiz_tick(opened2 + secs(10));
    let end = app.quiz_tick(opened2 + secs(10) + crate::quiz::PAUSE);
    let Some(Effect::AfterSnapshot { then: after, .. }) = end.first() else {
        panic!("the podium waits for the snapshot: {end:?}")
    };
    let podium = &sends(after)[0].html;
    assert!(podium.contains("🥇 Cici — 1.000 poin"), "{podium}");
    assert!(podium.contains("🥈 Ani — 900 poin"), "{podium}");
    let standing = &sends(after)[1].html;
    assert!(standing.contains("Papan skor kelas"), "{standing}");
    let state = app.state_copy();
    let board = &state.chats[&GROUP.id].board;
    assert_eq!(board.players[&2].answered, 1);
    assert_eq!(board.players[&2].rounds, 1);
    assert!(!state.rounds.contains_key(&GROUP.id));
    assert!(!state.chats[&GROUP.id].round_running);
    assert_eq!(state.chats[&GROUP.id].subjects[FIRST_PACK].recent.len(), 2);

    // /skor in the group and in private.
    let later = opened2 + secs(60);
    let skor = app.handle(says(GROUP, budi.clone(), "/skor", false, later), later);
    let html = &sends(&skor)[0].html;
    assert!(
        html.contains("Cici — 1.000 poin") && html.contains("Budi &lt;b&gt;"),
        "{html}"
    );
    let private = Chat {
        id: 1,
        kind: ChatKind::Private,
        thread: None,
    };
    let mine = app.handle(says(private, ani, "/skor", false, later), later);
    let html = &sends(&mine)[0].html;
    assert!(
        html.contains("Kelas 9A: 900 poin, peringkat 2 dari 3"),
        "{html}"
    );
}

#[test]
fn a_round_nobody_answers_stops_itself_and_stopkuis_keeps_points() {
    let app = app();
    let t = now();
    let started = app.handle(says(GROUP, user(TEACHER, "Bu"), "/kuis 5 10", true, t), t);
    let (tag, _, _) = question_of(&started);
    app.handle(
        Event::Delivered {
            chat: GROUP.id,
            message_id: 1,
            tag,
            at: t,
        },
        t,
    );
    app.quiz_tick(t + secs(10));
    let next = app.quiz_tick(t + secs(14));
    let (tag2, _, _) = question_of(&next);
    app.handle(
        Event::Delivered {
            chat: GROUP.id,
            message_id: 2,
            tag: tag2,
            at: t + secs(15),
        },
        t + secs(15),
    );
    app.quiz_tick(t + secs(25));
    let end = app.quiz_tick(t + secs(29));
    let Some(Effect::AfterSnapshot { then: after, .. }) = end.first() else {
        panic!("ends: {end:?}")
    };
    assert!(sends(after)[0].html.contains("tidak ada yang menjawab"));

    // /stopkuis mid-question reveals it and keeps what was earned.
    let t = t + secs(100);
    let started = app.handle(says(GROUP, user(TEACHER, "Bu"), "/kuis 3 20", true, t), t);
    let (tag, data, html) = question_of(&started);
    app.handle(
        Event::Delivered {
            chat: GROUP.id,
            message_id: 3,
            tag,
            at: t,
        },
        t,
    );
    let (right, _) = right_and_wrong(&app, &html, &data);
    app.handle(press(GROUP, 3, user(5, "Eka"), &right, t), t);
    let stopped = app.handle(
        says(GROUP, user(TEACHER, "Bu"), "/stopkuis", true, t + secs(2)),
        t + secs(2),
    );
    assert!(matches!(stopped.first(), Some(Effect::Edit(e)) if e.html.contains("Eka — +1.000")));
    assert!(matches!(stopped.last(), Some(Effect::AfterSnapshot { .. })));
    assert_eq!(
        app.state_copy().chats[&GROUP.id].board.players[&5].points,
        1000
    );
    let again = app.handle(
        says(GROUP, user(TEACHER, "Bu"), "/stopkuis", true, t + secs(40)),
        t + secs(40),
    );
    assert!(sends(&again)[0].html.contains("Tidak ada kuis"));
}

#[test]
fn out_of_range_arguments_show_the_ranges_and_one_round_at_a_time() {
    let app = app();
    let t = now();
    for args in ["/kuis 25", "/kuis 5 5", "/kuis 5 20 sejarah"] {
        let reply = app.handle(says(GROUP, user(TEACHER, "Bu"), args, true, t), t);
        let html = &sends(&reply)[0].html;
        assert!(
            html.contains("1–20") && html.contains("10–120"),
            "{args}: {html}"
        );
    }
    let topic = app.handle(
        says(GROUP, user(TEACHER, "Bu"), "/kuis 20 10 pakar", true, t),
        t,
    );
    assert!(
        sends(&topic)[0].html.contains("hanya ada"),
        "{}",
        sends(&topic)[0].html
    );
    let second = app.handle(
        says(GROUP, user(TEACHER, "Bu"), "/kuis 3", true, t + secs(1)),
        t + secs(1),
    );
    assert!(sends(&second)[0].html.contains("Masih ada kuis"));
}

#[test]
fn a_running_round_is_announced_as_interrupted_after_a_restart() {
    let app = app();
    let t = now();
    app.handle(says(GROUP, user(TEACHER, "Bu"), "/kuis 3 10", true, t), t);
    let restarted = restart(&app);
    let said = restarted.startup();
    assert_eq!(sends(&said).len(), 1);
    assert_eq!(sends(&said)[0].chat.id, GROUP.id);
    assert!(sends(&said)[0].html.contains("terhenti"));
    assert!(restarted.startup().is_empty(), "announced once");
    assert!(!restarted.state_copy().chats[&GROUP.id].round_running);
}

#[test]
fn migration_mid_round_moves_the_round_and_its_points() {
    let app = app();
    let t = now();
    let old = Chat {
        id: -555,
        kind: ChatKind::Group,
        thread: None,
    };
    let started = app.handle(says(old, user(TEACHER, "Bu"), "/kuis 1 10", true, t), t);
    let (tag, data, html) = question_of(&started);
    app.handle(
        Event::Migrated {
            from: -555,
            to: -100555,
        },
        t,
    );
    // The outbox re-sent the question at the new id.
    app.handle(
        Event::Delivered {
            chat: -100555,
            message_id: 9,
            tag,
            at: t,
        },
        t,
    );
    let (right, _) = right_and_wrong(&app, &html, &data);
    // A press on the old chat's message still counts.
    let p = app.handle(
        press(old, 9, user(6, "Fajar"), &right, t + secs(1)),
        t + secs(1),
    );
    assert_eq!(toast(&p).as_deref(), Some(texts::quiz::TOAST_RECORDED));
    app.quiz_tick(t + secs(10));
    let end = app.quiz_tick(t + secs(14));
    assert!(matches!(end.first(), Some(Effect::AfterSnapshot { .. })));
    let state = app.state_copy();
    assert_eq!(state.chats[&-100555].board.players[&6].points, 950);
    assert!(!state.chats.contains_key(&-555));
}

/// A board with Ani on it and the teacher's `/resetskor` at `t`: the button's data.
fn reset_asked(app: &App, t: Timestamp) -> String {
    app.state
        .lock()
        .expect("lock")
        .chat(GROUP.id)
        .board
        .record(1, "Ani", None, true, 900);
    let asked = app.handle(says(GROUP, user(TEACHER, "Bu"), "/resetskor", true, t), t);
    match &sends(&asked)[0].keyboard[0][0] {
        Button::Callback { data, .. } => data.clone(),
        Button::Url { .. } => panic!("a callback button"),
    }
}

#[test]
fn reset_needs_the_asking_teachers_button_within_a_minute() {
    let (app, t) = (app(), now());
    let data = reset_asked(&app, t);
    let other = app.handle(
        press(GROUP, 1, user(1, "Ani"), &data, t + secs(5)),
        t + secs(5),
    );
    assert_eq!(toast(&other).as_deref(), Some(texts::quiz::RESET_NOT_YOURS));
    assert!(!app.state_copy().chats[&GROUP.id].board.is_empty());
    let ok = app.handle(
        press(GROUP, 1, user(TEACHER, "Bu"), &data, t + secs(59)),
        t + secs(59),
    );
    assert!(sends(&ok)[0].html.contains("dikosongkan"));
    assert!(app.state_copy().chats[&GROUP.id].board.is_empty());
}

#[test]
fn a_forged_reset_press_elsewhere_does_not_spoil_the_teachers_button() {
    let (app, t) = (app(), now());
    let data = reset_asked(&app, t);
    // A student who saw the button presses the same data in their private chat with the bot.
    let forged = app.handle(
        press(PRIVATE, 1, student(), &data, t + secs(3)),
        t + secs(3),
    );
    assert_eq!(toast(&forged).as_deref(), Some(texts::quiz::RESET_EXPIRED));
    assert!(!app.state_copy().chats[&GROUP.id].board.is_empty());
    let ok = app.handle(
        press(GROUP, 1, user(TEACHER, "Bu"), &data, t + secs(10)),
        t + secs(10),
    );
    assert_eq!(toast(&ok).as_deref(), Some(texts::quiz::RESET_DONE));
    assert!(app.state_copy().chats[&GROUP.id].board.is_empty());
}

#[test]
fn export_goes_to_the_teachers_private_chat_or_offers_a_start_link() {
    let app = app();
    let t = now();
    let empty = app.handle(says(GROUP, user(TEACHER, "Bu"), "/ekspor", true, t), t);
    assert!(sends(&empty)[0].html.contains("kosong"));
    app.state
        .lock()
        .expect("lock")
        .chat(GROUP.id)
        .board
        .record(1, "=1+1", None, true, 900);
    {
        let mut state = app.state.lock().expect("lock");
        let insight = state
            .chat(GROUP.id)
            .insight
            .entry(FIRST_PACK.into())
            .or_default();
        let student = insight.students.entry(1).or_default();
        student.topics.insert("manfaat".into(), (4, 3));
    }
    // The same command from one person within 30 s is answered once: ask again later.
    let effects = app.handle(
        says(GROUP, user(TEACHER, "Bu"), "/ekspor", true, t + secs(31)),
        t + secs(31),
    );
    let Some(Effect::Document(doc)) = effects.first() else {
        panic!("a document: {effects:?}")
    };
    assert_eq!(doc.chat.id, TEACHER);
    assert!(doc.bytes.starts_with("\u{feff}\"nama\",".as_bytes()));
    assert!(String::from_utf8_lossy(&doc.bytes).contains("\"'=1+1\","));
    // Per topic of the subject, answered and right.
    let csv = String::from_utf8_lossy(&doc.bytes).into_owned();
    let header = csv.lines().next().unwrap_or_default().to_string();
    assert!(
        header.contains("\"manfaat dijawab\",\"manfaat benar\""),
        "{header}"
    );
    let row = csv.lines().nth(1).unwrap_or_default().to_string();
    let cells: Vec<&str> = row.split(',').collect();
    let at = header
        .split(',')
        .position(|h| h == "\"manfaat dijawab\"")
        .expect("the column");
    assert_eq!((cells[at], cells[at + 1]), ("\"4\"", "\"3\""), "{row}");
    let fallback = doc.on_failure.first().expect("a start link when it fails");
    let Button::Url { url, .. } = &fallback.keyboard[0][0] else {
        panic!("a link button")
    };
    assert_eq!(
        url,
        &format!("https://t.me/kelasbot?start=ekspor_{}", GROUP.id)
    );
    // An anonymous admin gets the link at once.
    let anon = app.handle(
        says(
            GROUP,
            user(ANONYMOUS_ADMIN, "Group"),
            "/ekspor",
            true,
            t + secs(2),
        ),
        t + secs(2),
    );
    assert!(matches!(
        &sends(&anon)[0].keyboard[0][0],
        Button::Url { .. }
    ));
    // The start link, checked again: a teacher gets the file, anyone else a refusal.
    let private = Chat {
        id: TEACHER,
        kind: ChatKind::Private,
        thread: None,
    };
    let start = format!("/start ekspor_{}", GROUP.id);
    let got = app.handle(says(private, user(TEACHER, "Bu"), &start, true, t), t);
    assert!(matches!(got.first(), Some(Effect::Document(d)) if d.chat == private));
    let refused = app.handle(says(private, user(TEACHER, "Bu"), &start, false, t), t);
    assert!(sends(&refused)[0].html.contains("hanya guru"));
}

#[test]
fn practice_gives_feedback_each_time_and_keeps_the_best() {
    let app = app();
    let t = now();
    let in_group = app.handle(says(GROUP, student(), "/latihan", false, t), t);
    assert!(sends(&in_group)[0].html.contains("chat pribadi"));
    let mut best = Vec::new();
    for run in 0..2 {
        let at = t + secs(100 * run);
        let mut effects = app.handle(message(PRIVATE, "/latihan 3", false), at);
        assert!(sends(&effects)[0].html.contains("3 soal"));
        for q in 0..3 {
            let question = sends(&effects)
                .into_iter()
                .last()
                .cloned()
                .expect("a question");
            assert!(
                question.html.contains(&format!("Soal {}/3", q + 1)),
                "{}",
                question.html
            );
            let data: Vec<String> = question
                .keyboard
                .iter()
                .flatten()
                .filter_map(|b| match b {
                    Button::Callback { data, .. } => Some(data.clone()),
                    Button::Url { .. } => None,
                })
                .collect();
            let (right, wrong) = right_and_wrong(&app, &question.html, &data);
            // The first run gets everything right, the second one wrong.
            let choice = if run == 0 { right } else { wrong };
            effects = app.handle(press(PRIVATE, 1, student(), &choice, at), at);
            let feedback = &sends(&effects)[0].html;
            assert!(
                feedback.contains(if run == 0 { "Benar" } else { "Kurang tepat" }),
                "{feedback}"
            );
            // Pressing the same button again does nothing more.
            let again = app.handle(press(PRIVATE, 1, student(), &choice, at), at);
            assert_eq!(toast(&again).as_deref(), Some(texts::quiz::TOAST_CLOSED));
        }
        let summary = &sends(&effects).last().expect("a summary").html;
        best.push(summary.clone());
    }
    assert!(
        best[0].contains("3 dari 3") && best[0].contains("Rekor baru"),
        "{}",
        best[0]
    );
    assert!(
        best[1].contains("0 dari 3") && best[1].contains("3/3"),
        "{}",
        best[1]
    );
    assert_eq!(app.state_copy().chats[&PRIVATE.id].practice_best[&3], 3);
    assert!(
        app.state_copy()
            .chats
            .get(&GROUP.id)
            .is_none_or(|c| c.board.is_empty())
    );
}

#[test]
fn a_fixed_seed_asks_the_same_round_whenever_it_starts() {
    let seeded = || {
        let settings = Settings {
            quiz_seed: Some(7),
            ..Settings::default()
        };
        app_with(State::default(), settings)
    };
    let first_question = |app: &App, at: Timestamp| {
        let effects = app.handle(teacher_says(GROUP, "/kuis 5 10", at), at);
        question_of(&effects).2
    };
    let morning = first_question(&seeded(), now());
    let later = now() + jiff::SignedDuration::from_secs(3_601);
    assert_eq!(first_question(&seeded(), later), morning);
    let unseeded: std::collections::HashSet<String> = (0..6)
        .map(|i| first_question(&app(), now() + jiff::SignedDuration::from_secs(i)))
        .collect();
    assert!(unseeded.len() > 1, "without a seed, rounds differ");
}

#[test]
fn resetting_the_board_keeps_the_insight_and_resetting_the_report_keeps_the_board() {
    let (app, t) = (app(), now());
    let data = reset_asked(&app, t);
    app.state
        .lock()
        .expect("lock")
        .chat(GROUP.id)
        .insight
        .entry(FIRST_PACK.into())
        .or_default()
        .round_ended(1, [1]);
    let teacher = user(TEACHER, "Bu");
    app.handle(
        press(GROUP, 1, teacher.clone(), &data, t + secs(1)),
        t + secs(1),
    );
    let cs = app.state_copy().chats[&GROUP.id].clone();
    assert!(cs.board.is_empty());
    assert!(!cs.insight.is_empty());
    app.state
        .lock()
        .expect("lock")
        .chat(GROUP.id)
        .board
        .record(1, "Ani", None, true, 900);
    let later = t + secs(40);
    let asked = app.handle(
        says(GROUP, teacher.clone(), "/resetlaporan", true, later),
        later,
    );
    let ask = sends(&asked)[0];
    assert!(ask.html.contains("Papan skor tidak ikut terhapus"));
    let Button::Callback { data, .. } = &ask.keyboard[0][0] else {
        panic!("a callback button");
    };
    assert!(data.starts_with("rl:"));
    // A student's press does nothing.
    let refused = app.handle(
        press(GROUP, 2, student(), data, later + secs(1)),
        later + secs(1),
    );
    assert_eq!(
        toast(&refused).as_deref(),
        Some(texts::quiz::RESET_NOT_YOURS)
    );
    let done = app.handle(
        press(GROUP, 2, teacher, data, later + secs(2)),
        later + secs(2),
    );
    assert_eq!(toast(&done).as_deref(), Some(texts::report::RESET_DONE));
    let cs = app.state_copy().chats[&GROUP.id].clone();
    assert!(cs.insight.is_empty());
    assert!(!cs.board.is_empty());
}
