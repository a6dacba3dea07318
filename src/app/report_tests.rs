//! The app's tests of what `/laporan` reads besides rounds: questions the bot could not
//! answer, kept as text only.

use super::tests::*;
use super::*;

/// A question no entry of the first subject answers (a trick that shares no words).
const LOST: &str = "kenapa langit berwarna biru?";
const LOST_CHAT: &str = "knp langit warna biru";

#[test]
fn unanswered_group_questions_are_kept_as_text_only_and_counted_together() {
    let app = app();
    let t = now();
    let asks = |text: &str, reply: bool| Event::Message {
        chat: GROUP,
        from: Some(student()),
        text: text.into(),
        message_id: 90,
        reply_to_bot: reply,
        teacher: false,
        sent: t,
        chat_title: Some("Kelas 9A".into()),
    };
    app.handle(asks(&format!("/tanya {LOST}"), false), t);
    app.handle(asks(LOST_CHAT, true), t);
    // A reply that asks nothing is not kept.
    app.handle(asks("wkwk", true), t);
    // An answered question is not kept.
    app.handle(asks("/tanya apa itu kerja sama bilateral?", false), t);
    let kept = app.state_copy().chats[&GROUP.id].unanswered.clone();
    assert_eq!(kept.len(), 2, "{kept:?}");
    assert_eq!(kept[0].reading, kept[1].reading);
    assert_eq!(kept[0].text, LOST);
    // Only the text, the reading, the subject and the time: nothing that names the asker.
    let snapshot =
        String::from_utf8(crate::state::snapshot::encode(&app.state_copy())).expect("UTF-8");
    assert!(!snapshot.contains(&student().id.to_string()), "{snapshot}");
    assert!(!snapshot.contains(&student().first_name), "{snapshot}");

    let (report, _) = app.group_report(GROUP.id, t).expect("a report");
    assert_eq!(report.unanswered, vec![(LOST_CHAT.to_string(), 2)]);
    let text = texts::report::text(None, &report);
    assert!(text.contains("belum bisa kujawab"), "{text}");
    assert!(text.contains("(2×)"), "{text}");
    // Thirty days on, they are gone from the state (and so from the snapshot), whether or not
    // anyone asks for a report.
    let later = t + jiff::SignedDuration::from_hours(24 * 30);
    app.tick(later);
    assert!(app.state_copy().chats[&GROUP.id].unanswered.is_empty());
    assert!(app.group_report(GROUP.id, later).is_none());
}

#[test]
fn private_questions_are_kept_only_when_the_operator_says_so() {
    let app = app();
    app.handle_now(message(PRIVATE, LOST, false));
    assert!(app.state_copy().unanswered.is_empty());
    let settings = Settings {
        keep_unanswered: true,
        ..Settings::default()
    };
    let app = app_with(State::default(), settings);
    app.handle_now(message(PRIVATE, LOST, false));
    let kept = app.state_copy().unanswered;
    assert_eq!(kept[FIRST_PACK].len(), 1);
    assert_eq!(kept[FIRST_PACK][0].text, LOST);
    let help = app.handle_now(message(PRIVATE, "/start", false));
    assert!(
        sends(&help)[0].html.contains("30 hari"),
        "{}",
        sends(&help)[0].html
    );
}

#[test]
fn a_picked_suggestion_takes_its_own_question_off_the_list() {
    let app = app();
    let t = now();
    // Two questions that each get suggestions, from two students.
    let mut offered = Vec::new();
    for (who, q) in [
        (user(1, "Ani"), "kerja sama itu apa aja"),
        (user(2, "Budi"), "manfaat"),
        (user(3, "Cici"), "bentuk kerjasama"),
    ] {
        let effects = app.handle(says(GROUP, who, &format!("/tanya {q}"), false, t), t);
        if let Some(out) = sends(&effects).first().filter(|o| !o.keyboard.is_empty()) {
            offered.push((q, (*out).clone()));
        }
    }
    assert!(
        offered.len() >= 2,
        "two questions with suggestions: {offered:?}"
    );
    let (first, last) = (&offered[0], &offered[offered.len() - 1]);
    let Button::Callback { data, .. } = &first.1.keyboard[0][0] else {
        panic!("a suggestion button");
    };
    let texts_kept = |app: &App| -> Vec<String> {
        app.state_copy().chats[&GROUP.id]
            .unanswered
            .iter()
            .map(|q| q.text.clone())
            .collect()
    };
    assert!(texts_kept(&app).contains(&first.0.to_string()));
    // The first question's suggestion is picked: the first goes, the last stays.
    app.handle(press(GROUP, 91, user(1, "Ani"), data, t), t);
    let kept = texts_kept(&app);
    assert!(!kept.contains(&first.0.to_string()), "{kept:?}");
    assert!(kept.contains(&last.0.to_string()), "{kept:?}");
}
