use std::collections::HashSet;
use std::path::Path;

use super::*;
use crate::content::load_dir;
use crate::state::snapshot;

fn app() -> App {
    let content = match load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content")) {
        Ok(l) => l.content,
        Err(p) => panic!("content invalid: {p:?}"),
    };
    App::new(content, State::default(), "kelasbot")
}

const PRIVATE: Chat = Chat {
    id: 501,
    kind: ChatKind::Private,
    thread: None,
};
const GROUP: Chat = Chat {
    id: -100777,
    kind: ChatKind::Group,
    thread: Some(9),
};

fn student() -> User {
    User {
        id: 501,
        first_name: "Siti".into(),
        username: None,
    }
}

/// A fixed "now" for the tests: Monday 2026-11-23 08:00 WIB.
fn now() -> Timestamp {
    "2026-11-23T01:00:00Z".parse().expect("timestamp")
}

trait HandleNow {
    fn handle_now(&self, event: Event) -> Vec<Effect>;
}

impl HandleNow for App {
    fn handle_now(&self, event: Event) -> Vec<Effect> {
        self.handle(event, now())
    }
}

fn message(chat: Chat, text: &str, reply_to_bot: bool) -> Event {
    Event::Message {
        chat,
        from: Some(student()),
        text: text.into(),
        message_id: 33,
        reply_to_bot,
        teacher: false,
        sent: now(),
        chat_title: Some("Kelas 9A".into()),
    }
}

fn sends(effects: &[Effect]) -> Vec<&Outgoing> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Send(o) => Some(o),
            _ => None,
        })
        .collect()
}

#[test]
fn a_private_question_gets_the_answer_with_its_source() {
    let app = app();
    let effects = app.handle_now(message(PRIVATE, "apa itu kerja sama bilateral?", false));
    let out = sends(&effects);
    assert_eq!(out.len(), 1);
    assert!(out[0].html.contains("dua negara"), "{}", out[0].html);
    assert!(out[0].html.contains("<i>Sumber: "), "{}", out[0].html);
    assert_eq!(out[0].reply_to, None);
    assert_eq!(out[0].chat, PRIVATE);
}

#[test]
fn group_answers_reply_in_the_same_topic() {
    let app = app();
    let effects = app.handle_now(message(
        GROUP,
        "/tanya@kelasbot apa itu kerja sama bilateral?",
        false,
    ));
    let out = sends(&effects);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].chat.thread, Some(9));
    assert_eq!(out[0].reply_to, Some(33));
}

#[test]
fn group_chatter_and_other_bots_commands_are_ignored() {
    let app = app();
    assert!(
        app.handle_now(message(GROUP, "apa itu kerja sama bilateral?", false))
            .is_empty()
    );
    assert!(
        app.handle_now(message(GROUP, "/fakta@otherbot", false))
            .is_empty()
    );
    assert!(app.handle_now(message(GROUP, "/kuisku", false)).is_empty());
    // A reply to the bot that matches nothing ("wkwk" under a fact) gets no answer…
    assert!(app.handle_now(message(GROUP, "wkwk", true)).is_empty());
    // …but a real question in a reply does.
    let effects = app.handle_now(message(
        GROUP,
        "kalau kerja sama multilateral itu apa?",
        true,
    ));
    assert_eq!(sends(&effects).len(), 1);
}

#[test]
fn empty_tanya_explains_itself_and_private_unknown_commands_point_to_help() {
    let app = app();
    let effects = app.handle_now(message(PRIVATE, "/tanya", false));
    assert!(sends(&effects)[0].html.contains("/tanya"));
    let effects = app.handle_now(message(PRIVATE, "/apaini", false));
    assert!(sends(&effects)[0].html.contains("/bantuan"));
}

#[test]
fn off_topic_in_private_says_what_the_bot_knows() {
    let app = app();
    let effects = app.handle_now(message(PRIVATE, "resep nasi goreng <b>enak</b>", false));
    let html = &sends(&effects)[0].html;
    assert!(html.starts_with("Maaf, aku belum tahu"));
    assert!(!html.contains("<b>enak"));
}

#[test]
fn unsure_offers_buttons_that_answer_when_pressed() {
    let app = app();
    let effects = app.handle_now(message(PRIVATE, "pbb", false));
    let out = sends(&effects);
    assert_eq!(out[0].html, texts::UNSURE);
    assert!(!out[0].keyboard.is_empty() && out[0].keyboard.len() <= 3);
    let Button::Callback { data, .. } = &out[0].keyboard[0][0] else {
        panic!("a callback button");
    };
    assert!(data.len() <= callback::MAX_BYTES);
    let pressed = app.handle_now(Event::Callback {
        query_id: "q1".into(),
        chat: Some(PRIVATE),
        message_id: Some(33),
        from: student(),
        data: data.clone(),
        at: now(),
        teacher: false,
    });
    assert_eq!(
        pressed[0],
        Effect::AnswerCallback {
            query_id: "q1".into(),
            text: None
        }
    );
    assert!(sends(&pressed)[0].html.contains("<i>Sumber: "));
}

#[test]
fn forged_or_stale_buttons_are_answered_and_do_nothing_else() {
    let app = app();
    for data in ["faq:tidak-ada", "quiz:1:2", "", "<b>"] {
        let effects = app.handle_now(Event::Callback {
            query_id: "q9".into(),
            chat: Some(GROUP),
            message_id: Some(33),
            from: student(),
            data: data.into(),
            at: now(),
            teacher: false,
        });
        assert_eq!(
            effects,
            vec![Effect::AnswerCallback {
                query_id: "q9".into(),
                text: Some(texts::STALE_BUTTON.into())
            }]
        );
    }
}

#[test]
fn facts_rotate_through_all_before_repeating_and_mark_state_dirty() {
    let app = app();
    let n = app.content().facts.len();
    let mut seen = HashSet::new();
    for i in 0..n {
        // The same command from one student within 30 s is answered once: space them out.
        let at = now() + jiff::SignedDuration::from_secs(31 * i as i64);
        let effects = app.handle(message(GROUP, "/fakta", false), at);
        assert!(seen.insert(sends(&effects)[0].html.clone()));
    }
    assert!(app.take_snapshot().is_some());
    assert!(app.take_snapshot().is_none());
    assert_eq!(app.state_copy().chats[&GROUP.id].facts.cycle, 1);
}

#[test]
fn joining_a_group_introduces_the_bot_and_migration_moves_state() {
    let app = app();
    let effects = app.handle_now(Event::AddedToGroup { chat: GROUP });
    assert!(sends(&effects)[0].html.contains("/tanya"));
    app.handle_now(message(GROUP, "/fakta", false));
    app.handle_now(Event::Migrated {
        from: GROUP.id,
        to: -100999,
    });
    let state = app.state_copy();
    assert!(!state.chats.contains_key(&GROUP.id));
    assert_eq!(state.chats[&-100999].facts.cycle, 1);
}

#[test]
fn help_differs_between_private_and_group_and_fits_a_message() {
    let app = app();
    let private = sends(&app.handle_now(message(PRIVATE, "/start", false)))[0]
        .html
        .clone();
    let group = sends(&app.handle_now(message(GROUP, "/bantuan@kelasbot", false)))[0]
        .html
        .clone();
    assert_ne!(private, group);
    assert!(group.contains("/fakta@kelasbot"));
    for html in [private, group, texts::no_answer(), texts::group_intro()] {
        assert!(html.chars().count() <= 4096);
    }
}

#[test]
fn every_answer_and_fact_fits_in_one_telegram_message() {
    let app = app();
    let c = app.content();
    for e in &c.faq {
        let html = texts::faq_answer(e, c.source(&e.source));
        assert!(html.chars().count() <= 4096, "{}", e.id);
        assert!(
            texts::suggestion_label(e).chars().count() <= 120,
            "{}",
            e.id
        );
        assert!(callback::CallbackData::Faq(e.id.clone()).encode().len() <= callback::MAX_BYTES);
    }
    for f in &c.facts {
        assert!(
            texts::fact(f, c.source(&f.source)).chars().count() <= 4096,
            "{}",
            f.id
        );
    }
}

fn teacher_says(chat: Chat, text: &str, at: Timestamp) -> Event {
    Event::Message {
        chat,
        from: Some(User {
            id: 900,
            first_name: "Bu Rina".into(),
            username: None,
        }),
        text: text.into(),
        message_id: 34,
        reply_to_bot: false,
        teacher: true,
        sent: at,
        chat_title: Some("Kelas 9A".into()),
    }
}

fn at(s: &str) -> Timestamp {
    s.parse().expect("timestamp")
}

fn subscription(app: &App, chat: i64) -> Option<crate::state::Subscription> {
    app.state_copy()
        .chats
        .get(&chat)
        .and_then(|c| c.subscription.clone())
}

#[test]
fn students_cannot_subscribe_and_are_refused_once_per_half_minute() {
    let app = app();
    let first = app.handle_now(message(GROUP, "/langganan 07:00", false));
    assert!(sends(&first)[0].html.contains("hanya untuk guru"));
    assert!(
        sends(&first)[0].background,
        "refusals never go ahead of quizzes"
    );
    // Another teacher command from the same student soon after: nothing said.
    let second = app.handle(
        message(GROUP, "/berhenti", false),
        now() + jiff::SignedDuration::from_secs(5),
    );
    assert!(second.is_empty());
    assert_eq!(subscription(&app, GROUP.id), None);
    // In a private chat the command says where it belongs.
    let private = app.handle_now(message(PRIVATE, "/langganan", false));
    assert!(sends(&private)[0].html.contains("grup kelas"));
}

#[test]
fn a_teacher_subscribes_and_the_fact_is_due_once_a_day_in_the_topic() {
    let app = app();
    // 08:00 WIB: today's 07:00 has passed, so the first fact comes tomorrow.
    let reply = app.handle_now(teacher_says(GROUP, "/langganan 07:00", now()));
    let html = &sends(&reply)[0].html;
    assert!(html.contains("setiap hari pukul 07.00 WIB"), "{html}");
    assert!(html.contains("Selasa, 24 November 2026"), "{html}");
    assert!(app.due_facts(now()).is_empty());
    assert_eq!(
        app.next_fact_at(now()),
        Some(at("2026-11-24T00:00:00Z")),
        "07:00 WIB is 00:00 UTC"
    );
    assert!(app.due_facts(at("2026-11-23T23:59:59Z")).is_empty());
    let due = app.due_facts(at("2026-11-24T00:00:01Z"));
    assert_eq!(due.len(), 1);
    let Effect::Send(o) = &due[0].effect else {
        panic!("a daily fact is a message")
    };
    assert_eq!(o.chat, GROUP, "the fact goes to the topic it was asked in");
    assert!(o.background && o.html.contains("Sumber:"));
    assert!(app.due_facts(at("2026-11-24T05:00:00Z")).is_empty());
    // /jadwal shows it to anyone.
    let shown = app.handle_now(message(GROUP, "/jadwal", false));
    assert!(sends(&shown)[0].html.contains("07.00 WIB"));
}

#[test]
fn zones_and_school_days_change_the_due_time() {
    let app = app();
    app.handle_now(teacher_says(
        GROUP,
        "/langganan 06.30 WIT senin-jumat",
        now(),
    ));
    // Friday 27 November after 06:30 WIT (21:30 UTC on Thursday): next is Monday 30.
    let friday = at("2026-11-26T21:31:00Z");
    assert_eq!(app.due_facts(friday).len(), 1);
    assert_eq!(app.next_fact_at(friday), Some(at("2026-11-29T21:30:00Z")));
    let shown = app.handle(message(GROUP, "/jadwal", false), friday);
    let html = &sends(&shown)[0].html;
    assert!(html.contains("Senin–Jumat pukul 06.30 WIT"), "{html}");
    assert!(html.contains("Senin, 30 November 2026"), "{html}");
}

#[test]
fn bad_times_show_the_accepted_forms_and_change_nothing() {
    let app = app();
    for args in ["25:00", "jam tujuh"] {
        let reply = app.handle_now(teacher_says(GROUP, &format!("/langganan {args}"), now()));
        let html = &sends(&reply)[0].html;
        assert!(
            html.contains("07.00 WIB senin-jumat") && html.contains("6.30"),
            "{html}"
        );
    }
    assert_eq!(subscription(&app, GROUP.id), None);
}

#[test]
fn stale_teacher_commands_are_ignored_but_old_questions_answered() {
    let app = app();
    let three_minutes_ago = now() - jiff::SignedDuration::from_secs(180);
    assert!(
        app.handle_now(teacher_says(GROUP, "/langganan", three_minutes_ago))
            .is_empty()
    );
    assert_eq!(subscription(&app, GROUP.id), None);
    let mut question = message(PRIVATE, "apa itu kerja sama bilateral?", false);
    if let Event::Message { sent, .. } = &mut question {
        *sent = now() - jiff::SignedDuration::from_hours(20);
    }
    assert!(sends(&app.handle_now(question))[0].html.contains("Sumber:"));
}

#[test]
fn no_second_fact_after_a_restart_same_day_catch_up_and_no_late_days() {
    let app = app();
    app.handle(
        teacher_says(GROUP, "/langganan 07:00", at("2026-11-22T20:00:00Z")),
        at("2026-11-22T20:00:00Z"),
    );
    // Monday 07:05 WIB: sent, then the bot restarts from the snapshot written before it.
    assert_eq!(app.due_facts(at("2026-11-23T00:05:00Z")).len(), 1);
    let restarted = restart(&app);
    assert!(restarted.due_facts(at("2026-11-23T00:06:00Z")).is_empty());
    // Down across Tuesday 07:00, back at 09:00 WIB: Tuesday's fact goes out late, once.
    assert_eq!(restarted.due_facts(at("2026-11-24T02:00:00Z")).len(), 1);
    assert!(restarted.due_facts(at("2026-11-24T02:00:10Z")).is_empty());
    // Down from Tuesday until Thursday 06:00 WIB: Wednesday's is never sent late.
    let thursday_early = at("2026-11-25T23:00:00Z");
    assert!(restarted.due_facts(thursday_early).is_empty());
    assert_eq!(
        restarted.next_fact_at(thursday_early),
        Some(at("2026-11-26T00:00:00Z"))
    );
}

fn restart(app: &App) -> App {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(snapshot::FILE_NAME);
    snapshot::write_state(&path, &app.snapshot_now()).expect("write");
    let state = snapshot::load(&path, 0).expect("load").state;
    App::new(app.content().clone(), state, "kelasbot")
}

#[test]
fn a_failed_write_gives_the_fact_back() {
    let app = app();
    app.handle_now(teacher_says(GROUP, "/langganan 07:00", now()));
    let due = app.due_facts(at("2026-11-24T00:01:00Z"));
    assert_eq!(due.len(), 1);
    app.unsend(&due);
    assert_eq!(app.due_facts(at("2026-11-24T00:02:00Z")).len(), 1);
}

#[test]
fn daily_facts_cover_every_fact_before_a_repeat() {
    let app = app();
    app.handle_now(teacher_says(GROUP, "/langganan 07:00", now()));
    let n = app.content().facts.len();
    let mut seen = HashSet::new();
    let mut day = at("2026-11-24T00:00:30Z");
    for _ in 0..n {
        let due = app.due_facts(day);
        assert_eq!(due.len(), 1);
        let Effect::Send(o) = &due[0].effect else {
            panic!("a message")
        };
        assert!(seen.insert(o.html.clone()), "a fact repeated early");
        day += jiff::SignedDuration::from_hours(24);
    }
    assert_eq!(seen.len(), n);
}

#[test]
fn removal_and_berhenti_unsubscribe_and_migration_moves_the_subscription() {
    let app = app();
    app.handle_now(teacher_says(GROUP, "/langganan 07:00", now()));
    app.handle_now(Event::Migrated {
        from: GROUP.id,
        to: -100888,
    });
    assert!(subscription(&app, -100888).is_some());
    let before = app.schedule_generation();
    // A 403 or "chat not found" reaches the app as this event.
    app.handle_now(Event::RemovedFromGroup { chat_id: -100888 });
    assert_eq!(subscription(&app, -100888), None);
    assert_ne!(app.schedule_generation(), before, "the scheduler is woken");
    assert!(app.due_facts(at("2026-11-24T00:01:00Z")).is_empty());

    app.handle_now(teacher_says(GROUP, "/langganan", now()));
    let stopped = app.handle(
        teacher_says(GROUP, "/berhenti", now()),
        now() + jiff::SignedDuration::from_secs(1),
    );
    assert!(sends(&stopped)[0].html.contains("dihentikan"));
    assert_eq!(subscription(&app, GROUP.id), None);
    let again = app.handle(
        teacher_says(GROUP, "/berhenti", now()),
        now() + jiff::SignedDuration::from_secs(40),
    );
    assert!(sends(&again)[0].html.contains("belum berlangganan"));
}

// ---- quizzes ----

const TEACHER: i64 = 900;

fn user(id: i64, name: &str) -> User {
    User {
        id,
        first_name: name.into(),
        username: None,
    }
}

fn says(chat: Chat, who: User, text: &str, teacher: bool, at: Timestamp) -> Event {
    Event::Message {
        chat,
        from: Some(who),
        text: text.into(),
        message_id: 40,
        reply_to_bot: false,
        teacher,
        sent: at,
        chat_title: Some("Kelas 9A".into()),
    }
}

/// A press on a button under message `message_id`.
fn press(chat: Chat, message_id: i32, who: User, data: &str, at: Timestamp) -> Event {
    // Telegram says the teacher teaches; the adapter asks only for reset buttons.
    let teacher = who.id == TEACHER;
    Event::Callback {
        query_id: format!("q-{}-{data}", who.id),
        chat: Some(chat),
        message_id: Some(message_id),
        from: who,
        data: data.into(),
        at,
        teacher,
    }
}

fn toast(effects: &[Effect]) -> Option<String> {
    effects.iter().find_map(|e| match e {
        Effect::AnswerCallback { text, .. } => text.clone(),
        _ => None,
    })
}

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
    let Some(Effect::AfterSnapshot(after)) = end.first() else {
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
    assert_eq!(state.chats[&GROUP.id].recent.len(), 2);

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
    let Some(Effect::AfterSnapshot(after)) = end.first() else {
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
    assert!(matches!(stopped.last(), Some(Effect::AfterSnapshot(_))));
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
    assert!(matches!(end.first(), Some(Effect::AfterSnapshot(_))));
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
    let fallback = doc.on_failure.as_ref().expect("a start link when it fails");
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
fn tapping_a_suggestion_again_and_again_answers_once() {
    let app = app();
    for chat in [GROUP, PRIVATE] {
        let mut answers = 0;
        for tap in 0..10 {
            let effects = app.handle_now(Event::Callback {
                query_id: format!("tap{tap}"),
                chat: Some(chat),
                message_id: Some(33),
                from: student(),
                data: "faq:bukan-sekadar-perjanjian".into(),
                at: now(),
                teacher: false,
            });
            assert!(
                matches!(effects.first(), Some(Effect::AnswerCallback { .. })),
                "every tap is answered: {effects:?}"
            );
            answers += sends(&effects).len();
        }
        assert_eq!(answers, 1, "in {chat:?}");
    }
}

#[test]
fn the_app_says_which_events_need_a_teacher_check() {
    let app = app();
    let t = now();
    let in_group = |who: User, text: &str, teacher: bool| {
        app.teacher_check(&says(GROUP, who, text, teacher, t))
    };
    let check = |user, fresh| {
        Some(TeacherCheck {
            group: GROUP.id,
            user,
            fresh,
        })
    };
    assert_eq!(in_group(user(5, "Ani"), "/kuis 3", false), check(5, false));
    assert_eq!(
        in_group(user(5, "Ani"), "/stopkuis", false),
        check(5, false)
    );
    assert_eq!(
        in_group(user(5, "Ani"), "/resetskor", false),
        check(5, true)
    );
    assert_eq!(
        in_group(user(5, "Ani"), "/ekspor@kelasbot", false),
        check(5, true)
    );
    assert_eq!(
        in_group(user(5, "Ani"), "/langganan 7:00", false),
        check(5, false)
    );
    assert_eq!(
        in_group(user(5, "Ani"), "/Berhenti@kelasbot", false),
        check(5, false)
    );
    assert_eq!(in_group(user(5, "Ani"), "/berhenti@botlain", false), None);
    assert_eq!(in_group(user(5, "Ani"), "/jadwal", false), None);
    assert_eq!(in_group(user(5, "Ani"), "langganan", false), None);
    assert_eq!(
        in_group(user(5, "Ani"), "/tanya apa itu ASEAN", false),
        None
    );
    // An anonymous admin is known to teach already.
    assert_eq!(
        in_group(user(ANONYMOUS_ADMIN, "Group"), "/resetskor", true),
        None
    );
    let start = says(
        PRIVATE,
        student(),
        &format!("/start ekspor_{}", GROUP.id),
        false,
        t,
    );
    assert_eq!(
        app.teacher_check(&start).map(|c| (c.group, c.fresh)),
        Some((GROUP.id, true))
    );
    let reset = press(GROUP, 3, user(5, "Ani"), "r:77", t);
    assert_eq!(app.teacher_check(&reset), check(5, true));
    let answer = press(GROUP, 3, user(5, "Ani"), "k:1:0:2", t);
    assert_eq!(app.teacher_check(&answer), None);
    assert_eq!(
        app.teacher_check(&press(PRIVATE, 3, student(), "r:77", t)),
        None
    );
}
