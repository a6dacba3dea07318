//! `/materi`: which subject a chat is taught. Anyone may see the list; in a group only a
//! teacher's press changes it, in a private chat the student's own.

use super::callback::CallbackData;
use super::{App, Button, Chat, ChatKind, Effect, Outgoing, send};
use crate::texts;

impl App {
    /// The subjects as buttons, the chat's own marked.
    pub(super) fn subjects_menu(&self, chat: Chat) -> Effect {
        let current = self.pack_of(chat.id);
        let keyboard = self
            .library
            .packs()
            .iter()
            .enumerate()
            .map(|(i, c)| {
                vec![Button::Callback {
                    label: texts::subject_button(&c.pack.name, &c.pack.level, i == current),
                    data: CallbackData::Subject { pack: c.pack.key() }.encode(),
                }]
            })
            .collect();
        Effect::Send(Outgoing {
            chat,
            html: texts::subjects(&self.pack(current).pack.name, chat.kind == ChatKind::Group),
            keyboard,
            reply_to: None,
            background: false,
            tag: None,
            asker: None,
        })
    }

    /// A press on a `/materi` button.
    pub(super) fn pick_subject(
        &self,
        query_id: String,
        chat: Option<Chat>,
        teacher: bool,
        key: &str,
    ) -> Vec<Effect> {
        let toast = |text: &str| Effect::AnswerCallback {
            query_id: query_id.clone(),
            text: Some(text.to_string()),
        };
        let (Some(chat), Some(index)) = (chat, self.library.by_key(key)) else {
            return vec![toast(texts::STALE_BUTTON)];
        };
        if chat.kind == ChatKind::Group && !teacher {
            return vec![toast(texts::SUBJECT_TEACHERS_ONLY)];
        }
        let content = self.pack(index);
        let mut state = self.state();
        let cs = state.chat(chat.id);
        if cs.subject.as_deref() == Some(content.pack.id.as_str()) {
            return vec![toast(texts::SUBJECT_ALREADY)];
        }
        cs.subject = Some(content.pack.id.clone());
        drop(state);
        self.changed();
        tracing::info!(chat = chat.id, subject = %content.pack.id, "subject changed");
        vec![
            toast(texts::SUBJECT_CHANGED),
            send(chat, texts::subject_changed(content), None),
        ]
    }
}
