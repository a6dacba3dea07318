//! The app with both shipped subjects: `/materi`, and everything that follows a chat's subject.

use std::path::Path;

use super::callback::CallbackData;
use super::tests::*;
use super::*;
use crate::content::load_library;

const PSB: &str = "perubahan-sosial-budaya";

/// Both shipped packs and their indexes, loaded once.
fn both() -> (Library, Vec<Arc<FaqIndex>>) {
    static BOTH: std::sync::OnceLock<(Library, Vec<Arc<FaqIndex>>)> = std::sync::OnceLock::new();
    BOTH.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let library = match load_library(&dir) {
            Ok((library, _)) => library,
            Err(p) => panic!("content invalid: {p:?}"),
        };
        let indexes = App::build_indexes(&library);
        (library, indexes)
    })
    .clone()
}

fn app_of_both(settings: Settings) -> App {
    let (library, indexes) = both();
    App::with_indexes(library, indexes, State::default(), "kelasbot", settings)
}

/// The `/materi` button for pack `id`.
fn subject_button(effects: &[Effect], id: &str) -> String {
    let key = both().0.get(id).map(|c| c.pack.key()).expect("a pack");
    let data = CallbackData::Subject { pack: key }.encode();
    let shown = sends(effects)
        .iter()
        .flat_map(|o| o.keyboard.iter().flatten())
        .any(|b| matches!(b, Button::Callback { data: d, .. } if *d == data));
    assert!(shown, "no button for {id} in {effects:?}");
    data
}

fn quiz_questions_of(app: &App, id: &str) -> Vec<String> {
    let c = app.library().get(id).expect("a pack");
    c.quiz
        .iter()
        .map(|q| crate::html::escape(&q.question))
        .collect()
}

#[test]
fn a_student_picks_a_subject_in_private_and_facts_and_practice_follow_it() {
    let app = app_of_both(Settings::default());
    let menu = app.handle_now(message(PRIVATE, "/materi", false));
    let listed = &sends(&menu)[0];
    assert!(
        listed.html.contains("Kerja Sama Internasional"),
        "{}",
        listed.html
    );
    let labels: Vec<&str> = listed
        .keyboard
        .iter()
        .flatten()
        .map(|b| match b {
            Button::Callback { label, .. } | Button::Url { label, .. } => label.as_str(),
        })
        .collect();
    assert_eq!(labels.len(), 2, "{labels:?}");
    assert!(
        labels[0].starts_with("✅ Kerja Sama Internasional"),
        "{labels:?}"
    );
    assert!(
        labels[1].starts_with("Perubahan Sosial Budaya"),
        "{labels:?}"
    );

    let data = subject_button(&menu, PSB);
    let picked = app.handle_now(press(PRIVATE, 3, student(), &data, now()));
    assert_eq!(toast(&picked).as_deref(), Some(texts::SUBJECT_CHANGED));
    assert!(sends(&picked)[0].html.contains("Perubahan Sosial Budaya"));
    assert_eq!(
        app.state_copy().chats[&PRIVATE.id].subject.as_deref(),
        Some(PSB)
    );

    let fact = app.handle_now(message(PRIVATE, "/fakta", false));
    assert!(
        sends(&fact)[0]
            .html
            .contains("Fakta Perubahan Sosial Budaya dan Globalisasi"),
        "{}",
        sends(&fact)[0].html
    );
    let practice = app.handle_now(message(PRIVATE, "/latihan 3", false));
    let question = &sends(&practice)[1].html;
    assert!(
        quiz_questions_of(&app, PSB)
            .iter()
            .any(|q| question.contains(q.as_str())),
        "{question}"
    );
    // The chat's rotation of the first subject is untouched, the second's has begun.
    let chat = &app.state_copy().chats[&PRIVATE.id];
    assert!(chat.subjects[PSB].facts.cycle >= 1);
    assert!(!chat.subjects.contains_key(FIRST_PACK));
}

#[test]
fn in_a_group_only_a_teacher_changes_the_subject_and_the_quiz_follows() {
    let app = app_of_both(Settings::default());
    let menu = app.handle_now(says(GROUP, user(5, "Ani"), "/materi", false, now()));
    let data = subject_button(&menu, PSB);

    let by_student = press(GROUP, 9, user(5, "Ani"), &data, now());
    let check = app
        .teacher_check(&by_student)
        .expect("the press needs a teacher check");
    assert_eq!((check.group, check.user, check.fresh), (GROUP.id, 5, false));
    let refused = app.handle_now(by_student);
    assert_eq!(
        toast(&refused).as_deref(),
        Some(texts::SUBJECT_TEACHERS_ONLY)
    );
    assert_eq!(app.state_copy().chats[&GROUP.id].subject, None);

    let by_teacher = app.handle_now(press(GROUP, 9, user(TEACHER, "Bu Rina"), &data, now()));
    assert_eq!(toast(&by_teacher).as_deref(), Some(texts::SUBJECT_CHANGED));

    let started = app.handle_now(says(
        GROUP,
        user(TEACHER, "Bu Rina"),
        "/kuis 2 10",
        true,
        now(),
    ));
    let question = sends(&started)
        .iter()
        .find(|o| o.tag.is_some())
        .map(|o| o.html.clone())
        .expect("a question");
    assert!(
        quiz_questions_of(&app, PSB)
            .iter()
            .any(|q| question.contains(q.as_str())),
        "{question}"
    );
    // A topic of the new subject is accepted; one of the old is not.
    let t = now() + jiff::SignedDuration::from_secs(600);
    app.handle(
        says(GROUP, user(TEACHER, "Bu Rina"), "/stopkuis", true, t),
        t,
    );
    let topic = app.handle(
        says(
            GROUP,
            user(TEACHER, "Bu Rina"),
            "/kuis 2 10 globalisasi",
            true,
            t,
        ),
        t,
    );
    assert!(
        sends(&topic)[0]
            .html
            .contains("globalisasi dan pendorongnya")
    );
}

#[test]
fn a_question_is_answered_from_the_chats_subject_first_and_else_from_the_other_named() {
    let app = app_of_both(Settings::default());
    // The first subject's own question: answered, nothing named.
    let own = app.handle_now(message(PRIVATE, "apa itu kerja sama bilateral?", false));
    let html = &sends(&own)[0].html;
    assert!(html.contains("dua negara"), "{html}");
    assert!(!html.contains("Dari materi"), "{html}");
    // Only the other subject is sure: answered from it, with its name.
    let other = app.handle_now(message(
        PRIVATE,
        "apa saja faktor penghambat perubahan sosial?",
        false,
    ));
    let html = &sends(&other)[0].html;
    assert!(html.contains("masyarakat yang terisolasi"), "{html}");
    assert!(
        html.contains("Dari materi Perubahan Sosial Budaya dan Globalisasi"),
        "{html}"
    );
}

#[test]
fn the_default_subject_is_the_operators_choice() {
    let settings = Settings {
        default_subject: Some(PSB.into()),
        ..Settings::default()
    };
    let app = app_of_both(settings);
    let fact = app.handle_now(message(PRIVATE, "/fakta", false));
    assert!(
        sends(&fact)[0]
            .html
            .contains("Fakta Perubahan Sosial Budaya")
    );
    let help = app.handle_now(message(PRIVATE, "/bantuan", false));
    assert!(sends(&help)[0].html.contains("Perubahan Sosial Budaya"));
}
