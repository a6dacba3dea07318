use std::collections::HashSet;
use std::path::Path;

use super::*;
use crate::content::load_dir;

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

fn message(chat: Chat, text: &str, reply_to_bot: bool) -> Event {
    Event::Message {
        chat,
        from: Some(student()),
        text: text.into(),
        message_id: 33,
        reply_to_bot,
    }
}

fn sends(effects: &[Effect]) -> Vec<&Outgoing> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Send(o) => Some(o),
            Effect::AnswerCallback { .. } => None,
        })
        .collect()
}

#[test]
fn a_private_question_gets_the_answer_with_its_source() {
    let app = app();
    let effects = app.handle(message(PRIVATE, "apa itu kerja sama bilateral?", false));
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
    let effects = app.handle(message(
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
        app.handle(message(GROUP, "apa itu kerja sama bilateral?", false))
            .is_empty()
    );
    assert!(
        app.handle(message(GROUP, "/fakta@otherbot", false))
            .is_empty()
    );
    assert!(app.handle(message(GROUP, "/kuisku", false)).is_empty());
    // A reply to the bot that matches nothing ("wkwk" under a fact) gets no answer…
    assert!(app.handle(message(GROUP, "wkwk", true)).is_empty());
    // …but a real question in a reply does.
    let effects = app.handle(message(
        GROUP,
        "kalau kerja sama multilateral itu apa?",
        true,
    ));
    assert_eq!(sends(&effects).len(), 1);
}

#[test]
fn empty_tanya_explains_itself_and_private_unknown_commands_point_to_help() {
    let app = app();
    let effects = app.handle(message(PRIVATE, "/tanya", false));
    assert!(sends(&effects)[0].html.contains("/tanya"));
    let effects = app.handle(message(PRIVATE, "/apaini", false));
    assert!(sends(&effects)[0].html.contains("/bantuan"));
}

#[test]
fn off_topic_in_private_says_what_the_bot_knows() {
    let app = app();
    let effects = app.handle(message(PRIVATE, "resep nasi goreng <b>enak</b>", false));
    let html = &sends(&effects)[0].html;
    assert!(html.starts_with("Maaf, aku belum tahu"));
    assert!(!html.contains("<b>enak"));
}

#[test]
fn unsure_offers_buttons_that_answer_when_pressed() {
    let app = app();
    let effects = app.handle(message(PRIVATE, "pbb", false));
    let out = sends(&effects);
    assert_eq!(out[0].html, texts::UNSURE);
    assert!(!out[0].keyboard.is_empty() && out[0].keyboard.len() <= 3);
    let Button::Callback { data, .. } = &out[0].keyboard[0][0] else {
        panic!("a callback button");
    };
    assert!(data.len() <= callback::MAX_BYTES);
    let pressed = app.handle(Event::Callback {
        query_id: "q1".into(),
        chat: Some(PRIVATE),
        from: student(),
        data: data.clone(),
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
        let effects = app.handle(Event::Callback {
            query_id: "q9".into(),
            chat: Some(GROUP),
            from: student(),
            data: data.into(),
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
    for _ in 0..n {
        let effects = app.handle(message(GROUP, "/fakta", false));
        assert!(seen.insert(sends(&effects)[0].html.clone()));
    }
    assert!(app.take_snapshot().is_some());
    assert!(app.take_snapshot().is_none());
    assert_eq!(app.state_copy().chats[&GROUP.id].facts.cycle, 1);
}

#[test]
fn joining_a_group_introduces_the_bot_and_migration_moves_state() {
    let app = app();
    let effects = app.handle(Event::AddedToGroup { chat: GROUP });
    assert!(sends(&effects)[0].html.contains("/tanya"));
    app.handle(message(GROUP, "/fakta", false));
    app.handle(Event::Migrated {
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
    let private = sends(&app.handle(message(PRIVATE, "/start", false)))[0]
        .html
        .clone();
    let group = sends(&app.handle(message(GROUP, "/bantuan@kelasbot", false)))[0]
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
