//! Any text as a message, from a teacher and a student, in a group and in private: command
//! parsing and every command's argument parsing (`/kuis`, `/langganan`, `/latihan`, …).
#![no_main]

use kelasbot::app::{Chat, ChatKind, Event, User};
use libfuzzer_sys::fuzz_target;

#[path = "shared.rs"]
mod shared;

fuzz_target!(|text: &str| {
    let _ = kelasbot::commands::parse(text, "kelasbot");
    let _ = kelasbot::facts::schedule::parse(text);
    let app = shared::app();
    for (kind, id, teacher) in [
        (ChatKind::Group, -100_123, true),
        (ChatKind::Group, -100_124, false),
        (ChatKind::Private, 77, false),
    ] {
        let event = Event::Message {
            chat: Chat { id, kind, thread: None },
            from: Some(User { id: 77, first_name: text.chars().take(64).collect(), username: None }),
            text: text.to_string(),
            message_id: 1,
            reply_to_bot: true,
            teacher,
            sent: shared::now(),
            chat_title: Some(text.chars().take(64).collect()),
        };
        for effect in app.handle(event, shared::now()) {
            if let kelasbot::app::Effect::Send(o) = effect {
                assert!(o.html.chars().count() <= 4096);
            }
        }
    }
    let _ = app.quiz_tick(shared::now() + jiff::SignedDuration::from_secs(3600));
});
