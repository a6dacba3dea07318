//! The answer matcher's normalisation and matching on any text.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "shared.rs"]
mod shared;

fuzz_target!(|text: &str| {
    let _ = shared::app().handle(
        kelasbot::app::Event::Message {
            chat: kelasbot::app::Chat {
                id: 5,
                kind: kelasbot::app::ChatKind::Private,
                thread: None,
            },
            from: None,
            text: text.to_string(),
            message_id: 1,
            reply_to_bot: false,
            teacher: false,
            sent: shared::now(),
            chat_title: None,
        },
        shared::now(),
    );
    let normalizer = kelasbot::answer::Normalizer::new();
    let _ = normalizer.normalize(text);
    for word in text.split_whitespace().take(8) {
        let _ = normalizer.stem(word);
    }
    let _ = kelasbot::html::truncate(text, 40);
    let escaped = kelasbot::html::escape(text);
    assert_eq!(kelasbot::html::to_plain(&escaped), text);
});
