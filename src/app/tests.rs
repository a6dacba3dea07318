use std::collections::HashSet;
use std::path::Path;

use super::*;
use crate::commands;
use crate::commands::Who;
use crate::content::load_dir;
use crate::driver::store;
use crate::state::snapshot;

/// The shipped content and its index, loaded and built once for all the tests.
pub(crate) fn shipped() -> (Content, Arc<FaqIndex>) {
    static SHIPPED: std::sync::OnceLock<(Content, Arc<FaqIndex>)> = std::sync::OnceLock::new();
    SHIPPED
        .get_or_init(|| {
            let dir =
                Path::new(env!("CARGO_MANIFEST_DIR")).join("content/kerja-sama-internasional");
            let content = match load_dir(&dir) {
                Ok(l) => l.content,
                Err(p) => panic!("content invalid: {p:?}"),
            };
            let index = Arc::new(FaqIndex::build(&content.faq, &content.lexicon));
            (content, index)
        })
        .clone()
}

/// An app over the shipped content with `state` and `settings`.
pub(crate) fn app_with(state: State, settings: Settings) -> App {
    let (content, index) = shipped();
    App::with_indexes(content.into(), vec![index], state, "kelasbot", settings)
}

/// The shipped first subject's pack id.
pub(crate) const FIRST_PACK: &str = "kerja-sama-internasional";

pub(super) fn app() -> App {
    app_with(State::default(), Settings::default())
}

pub(super) const PRIVATE: Chat = Chat {
    id: 501,
    kind: ChatKind::Private,
    thread: None,
};
pub(super) const GROUP: Chat = Chat {
    id: -100777,
    kind: ChatKind::Group,
    thread: Some(9),
};

pub(super) fn student() -> User {
    User {
        id: 501,
        first_name: "Siti".into(),
        username: None,
    }
}

/// A fixed "now" for the tests: Monday 2026-11-23 08:00 WIB.
pub(super) fn now() -> Timestamp {
    "2026-11-23T01:00:00Z".parse().expect("timestamp")
}

pub(super) trait HandleNow {
    fn handle_now(&self, event: Event) -> Vec<Effect>;
}

impl HandleNow for App {
    fn handle_now(&self, event: Event) -> Vec<Effect> {
        self.handle(event, now())
    }
}

pub(super) fn message(chat: Chat, text: &str, reply_to_bot: bool) -> Event {
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

pub(super) fn sends(effects: &[Effect]) -> Vec<&Outgoing> {
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
    assert!(app.handle_now(message(GROUP, "/kuisgue", false)).is_empty());
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
    let effects = app.handle_now(message(PRIVATE, "manfaat", false));
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
    assert_eq!(
        app.state_copy().chats[&GROUP.id].subjects[FIRST_PACK]
            .facts
            .cycle,
        1
    );
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
    assert_eq!(state.chats[&-100999].subjects[FIRST_PACK].facts.cycle, 1);
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
    let c = app.content();
    for html in [private, group, texts::no_answer(c), texts::group_intro(c)] {
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
        let data = callback::CallbackData::Faq {
            pack: Some(c.pack.key()),
            id: e.id.clone(),
        };
        assert!(data.encode().len() <= callback::MAX_BYTES);
    }
    for f in &c.facts {
        assert!(texts::fact(f, c).chars().count() <= 4096, "{}", f.id);
    }
}

pub(super) fn teacher_says(chat: Chat, text: &str, at: Timestamp) -> Event {
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

pub(super) fn restart(app: &App) -> App {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(snapshot::FILE_NAME);
    store::write_state(&path, &app.snapshot_now()).expect("write");
    let state = store::load(&path, 0).expect("load").state;
    app_with(state, Settings::default())
}

#[test]
fn a_failed_write_gives_the_fact_back_and_it_is_due_again_after_a_pause() {
    let app = app();
    app.handle_now(teacher_says(GROUP, "/langganan 07:00", now()));
    let t = at("2026-11-24T00:01:00Z");
    let mut ticked = app.tick(t);
    let Some(Effect::AfterSnapshot {
        then,
        unwritten: Unwritten::HandBack(unsent),
    }) = ticked.pop()
    else {
        panic!("the daily fact waits for the snapshot and can be handed back")
    };
    assert_eq!(then.len(), 1);
    assert!(app.tick(t).is_empty(), "recorded: not due twice");
    app.handle(Event::Unsaved { unsent, at: t }, t);
    let retry = t + super::daily::FACT_RETRY;
    assert_eq!(app.next_wake(t), Some(retry));
    assert!(
        app.tick(retry - jiff::SignedDuration::from_secs(1))
            .is_empty()
    );
    let again = app.tick(retry);
    assert!(
        matches!(&again[..], [Effect::AfterSnapshot { then, .. }] if then.len() == 1),
        "{again:?}"
    );
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
    assert!(app.next_wake(now()).is_some());
    // A 403 or "chat not found" reaches the app as this event.
    app.handle_now(Event::RemovedFromGroup { chat_id: -100888 });
    assert_eq!(subscription(&app, -100888), None);
    assert_eq!(app.next_wake(now()), None, "nothing left to wake for");
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

// ---- event builders shared with the quiz tests ----

pub(super) const TEACHER: i64 = 900;

pub(super) fn user(id: i64, name: &str) -> User {
    User {
        id,
        first_name: name.into(),
        username: None,
    }
}

pub(super) fn says(chat: Chat, who: User, text: &str, teacher: bool, at: Timestamp) -> Event {
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
pub(super) fn press(chat: Chat, message_id: i32, who: User, data: &str, at: Timestamp) -> Event {
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

pub(super) fn toast(effects: &[Effect]) -> Option<String> {
    effects.iter().find_map(|e| match e {
        Effect::AnswerCallback { text, .. } => text.clone(),
        _ => None,
    })
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
            role: Role::Teacher,
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
        in_group(user(5, "Ani"), "/tanya apa itu kerja sama bilateral", false),
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
    // `/tugas` alone shows the open homework to anyone; giving one is a teacher's.
    assert_eq!(in_group(user(5, "Ani"), "/tugas", false), None);
    assert_eq!(
        in_group(user(5, "Ani"), "/tugas 5 sampai 3 jam", false),
        check(5, false)
    );
    // A homework's start link asks whether the student is in its group, every time.
    let homework = says(
        PRIVATE,
        student(),
        &format!("/start tugas_{}_3", GROUP.id),
        false,
        t,
    );
    assert_eq!(
        app.teacher_check(&homework),
        Some(TeacherCheck {
            group: GROUP.id,
            user: student().id,
            fresh: true,
            role: Role::Member,
        })
    );
    let cancel = press(GROUP, 3, user(5, "Ani"), "bt:9:1", t);
    assert_eq!(app.teacher_check(&cancel), check(5, true));
}

#[test]
fn every_teachers_command_is_checked_refused_to_students_and_kept_to_groups() {
    let app = app();
    let teachers = commands::COMMANDS.iter().filter(|c| c.who == Who::Teachers);
    for (i, command) in teachers.enumerate() {
        // A student of their own each: refusals are said once per half minute per student.
        let ani = user(700 + i as i64, "Ani");
        let text = format!("/{}@kelasbot", command.name);
        let asked = says(GROUP, ani.clone(), &text, false, now());
        let check = app
            .teacher_check(&asked)
            .map(|c| (c.group, c.user, c.fresh));
        assert_eq!(
            check,
            Some((GROUP.id, ani.id, command.fresh_check)),
            "{text}"
        );
        let refused = app.handle_now(asked);
        let refused: Vec<&str> = sends(&refused).iter().map(|o| o.html.as_str()).collect();
        assert_eq!(refused, [texts::TEACHERS_ONLY], "{text}");
        let private = app.handle_now(says(PRIVATE, ani, &text, false, now()));
        let private: Vec<&str> = sends(&private).iter().map(|o| o.html.as_str()).collect();
        assert_eq!(private, [texts::GROUP_ONLY], "{text}");
    }
    let state = app.state_copy();
    assert!(state.rounds.is_empty());
    assert_eq!(subscription(&app, GROUP.id), None);
}

#[test]
fn every_command_is_answered_where_it_is_offered_and_late_changes_are_ignored() {
    let app = app();
    let late = now() - jiff::SignedDuration::from_secs(180);
    let (on_time_teacher, late_teacher) = (user(TEACHER, "Bu Rina"), user(901, "Pak Budi"));
    for command in commands::COMMANDS {
        for name in std::iter::once(&command.name).chain(command.aliases) {
            let text = format!("/{name}");
            let by_student = |chat| app.teacher_check(&says(chat, student(), &text, false, now()));
            let teachers_only = command.who == Who::Teachers;
            assert_eq!(by_student(GROUP).is_some(), teachers_only, "{text}");
            assert_eq!(by_student(PRIVATE), None, "{text}");
            let places = [
                (PRIVATE, command.place.in_private()),
                (GROUP, command.place.in_groups()),
            ];
            for (chat, _) in places.into_iter().filter(|(_, offered)| *offered) {
                let said = |who: &User, at| {
                    let effects = app.handle_now(says(chat, who.clone(), &text, true, at));
                    let html: Vec<String> =
                        sends(&effects).iter().map(|o| o.html.clone()).collect();
                    (effects.is_empty(), html)
                };
                let (ignored, _) = said(&late_teacher, late);
                assert_eq!(ignored, command.changes_state, "{text} late in {chat:?}");
                let (ignored, html) = said(&on_time_teacher, now());
                assert!(!ignored, "{text} in {chat:?}");
                for refusal in [
                    texts::UNKNOWN_COMMAND,
                    texts::GROUP_ONLY,
                    texts::TEACHERS_ONLY,
                ] {
                    assert!(
                        !html.iter().any(|h| h == refusal),
                        "{text} in {chat:?}: {html:?}"
                    );
                }
            }
        }
    }
}
