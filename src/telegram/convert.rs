//! Telegram updates → app events. Only what the app needs crosses: ids, names, text, where
//! to reply. Anything the bot does not handle (stickers, photos, edits, channel posts)
//! becomes no event at all.

use teloxide::types::{Chat as TgChat, Message, Update, UpdateKind, UserId};

use crate::app::{Chat, ChatKind, Event, FileRef, User};
use crate::driver::Clock;

fn chat_of(chat: &TgChat, message: Option<&Message>) -> Option<Chat> {
    let kind = if chat.is_private() {
        ChatKind::Private
    } else if chat.is_group() || chat.is_supergroup() {
        ChatKind::Group
    } else {
        return None;
    };
    // In forum supergroups a topic message carries its topic; replies must stay there.
    let thread = message
        .filter(|m| m.is_topic_message)
        .and_then(|m| m.thread_id)
        .map(|t| t.0.0);
    Some(Chat {
        id: chat.id.0,
        kind,
        thread,
    })
}

fn user_of(u: &teloxide::types::User) -> User {
    User {
        id: u.id.0 as i64,
        first_name: u.first_name.clone(),
        username: u.username.clone(),
    }
}

/// The events one update means for the app (usually one, often none), their moments read on
/// the driver's `clock`.
pub fn events(
    update: &Update,
    bot_id: UserId,
    received: jiff::Timestamp,
    clock: &Clock,
) -> Vec<Event> {
    match &update.kind {
        UpdateKind::Message(m) => message_events(m, bot_id, clock),
        UpdateKind::CallbackQuery(q) => {
            let message = q.message.as_ref();
            let chat = message.and_then(|mm| chat_of(mm.chat(), mm.regular_message()));
            vec![Event::Callback {
                query_id: q.id.0.clone(),
                chat,
                message_id: message.map(|m| m.id().0),
                from: user_of(&q.from),
                data: q.data.clone().unwrap_or_default(),
                at: clock.from_wall(received),
                teacher: false,
            }]
        }
        UpdateKind::MyChatMember(u) if u.chat.is_group() || u.chat.is_supergroup() => {
            let was = u.old_chat_member.is_present();
            let is = u.new_chat_member.is_present();
            match (was, is, chat_of(&u.chat, None)) {
                (false, true, Some(chat)) => vec![Event::AddedToGroup { chat }],
                (true, false, _) => vec![Event::RemovedFromGroup {
                    chat_id: u.chat.id.0,
                }],
                _ => Vec::new(),
            }
        }
        _ => Vec::new(),
    }
}

fn message_events(m: &Message, bot_id: UserId, clock: &Clock) -> Vec<Event> {
    if let Some(to) = m.migrate_to_chat_id() {
        return vec![Event::Migrated {
            from: m.chat.id.0,
            to: to.0,
        }];
    }
    if let (Some(doc), Some(chat)) = (m.document(), chat_of(&m.chat, Some(m))) {
        let sent =
            jiff::Timestamp::from_second(m.date.timestamp()).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        // Telegram leaves the size out now and then; teloxide then reads u32::MAX.
        let size = (doc.file.size != u32::MAX).then_some(u64::from(doc.file.size));
        return vec![Event::Document {
            chat,
            from: m.from.as_ref().map(user_of),
            file: FileRef {
                id: doc.file.id.0.clone(),
                name: doc.file_name.clone().unwrap_or_default(),
                size,
            },
            caption: m.caption().map(str::to_string),
            sent: clock.from_wall(sent),
        }];
    }
    let (Some(text), Some(chat)) = (m.text(), chat_of(&m.chat, Some(m))) else {
        return Vec::new();
    };
    let reply_to_bot = m
        .reply_to_message()
        .and_then(|r| r.from.as_ref())
        .is_some_and(|u| u.id == bot_id);
    // An anonymous admin posts as the group itself; a student posting as their own channel
    // has a different sender chat and is no teacher.
    let anonymous_admin = m.sender_chat.as_ref().is_some_and(|c| c.id == m.chat.id);
    let sent =
        jiff::Timestamp::from_second(m.date.timestamp()).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    vec![Event::Message {
        chat,
        from: m.from.as_ref().map(user_of),
        text: text.to_string(),
        message_id: m.id.0,
        reply_to_bot,
        teacher: anonymous_admin,
        sent: clock.from_wall(sent),
        chat_title: m.chat.title().map(str::to_string),
    }]
}
