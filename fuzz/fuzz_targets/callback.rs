//! Callback data decoding, and any button data pressed in a group and in private.
#![no_main]

use kelasbot::app::callback::CallbackData;
use kelasbot::app::{Chat, ChatKind, Effect, Event, User};
use libfuzzer_sys::fuzz_target;

#[path = "shared.rs"]
mod shared;

fuzz_target!(|data: &str| {
    if let Some(decoded) = CallbackData::decode(data) {
        assert_eq!(CallbackData::decode(&decoded.encode()), Some(decoded));
    }
    let app = shared::app();
    for (kind, id) in [(ChatKind::Group, -100_123), (ChatKind::Private, 77)] {
        let effects = app.handle(
            Event::Callback {
                query_id: "q".into(),
                chat: Some(Chat { id, kind, thread: None }),
                from: User { id: 77, first_name: "Siswa".into(), username: None },
                data: data.to_string(),
                at: shared::now(),
            },
            shared::now(),
        );
        let answers = effects.iter().filter(|e| matches!(e, Effect::AnswerCallback { .. })).count();
        assert_eq!(answers, 1, "every press is answered exactly once");
    }
});
