//! Scoreboards in the app: `/skor`, `/resetskor` with its confirmation, and `/ekspor`.

use jiff::Timestamp;

use super::callback::CallbackData;
use super::quiz::{EXPORT_START, group};
use super::{ANONYMOUS_ADMIN, App, Button, Chat, ChatKind, Document, Effect, Outgoing, User, send};
use crate::texts::quiz as qt;

impl App {
    pub(super) fn scores(&self, chat: Chat, from: Option<&User>) -> Effect {
        let state = self.state();
        match chat.kind {
            ChatKind::Group => {
                let me = from.map(|u| (u.id, u.first_name.as_str()));
                let html = match state.get(chat.id) {
                    Some(cs) => qt::standing(&cs.board, me),
                    None => qt::standing(&Default::default(), me),
                };
                send(chat, html, None)
            }
            ChatKind::Private => {
                let user = from.map_or(chat.id, |u| u.id);
                let rows: Vec<_> = state
                    .chats
                    .iter()
                    .filter(|(id, _)| **id < 0)
                    .filter_map(|(_, cs)| {
                        let (rank, p) = cs.board.rank_of(user)?;
                        Some((cs.title.clone(), rank, cs.board.players.len(), p))
                    })
                    .collect();
                send(chat, qt::my_scores(&rows), None)
            }
        }
    }

    pub(super) fn reset_ask(&self, chat: Chat, from: Option<&User>, now: Timestamp) -> Effect {
        let user = from.map_or(chat.id, |u| u.id);
        let nonce = self.guard().ask_reset(chat.id, user, now);
        Effect::Send(Outgoing {
            chat,
            html: qt::RESET_ASK.into(),
            keyboard: vec![vec![Button::Callback {
                label: qt::RESET_BUTTON.into(),
                data: CallbackData::Reset { nonce }.encode(),
            }]],
            reply_to: None,
            background: false,
            tag: None,
            asker: None,
        })
    }

    pub(super) fn reset_confirm(
        &self,
        query_id: String,
        chat: Option<Chat>,
        (from, teacher): (&User, bool),
        nonce: u32,
        now: Timestamp,
    ) -> Vec<Effect> {
        let answer = |text: &str| Effect::AnswerCallback {
            query_id: query_id.clone(),
            text: Some(text.to_string()),
        };
        let Some(chat) = chat else {
            return vec![answer(qt::RESET_EXPIRED)];
        };
        match self
            .guard()
            .confirm_reset(nonce, chat.id, (from.id, teacher), now)
        {
            Err(super::guard::ResetRefused::NotYours) => vec![answer(qt::RESET_NOT_YOURS)],
            Err(super::guard::ResetRefused::Expired) => vec![answer(qt::RESET_EXPIRED)],
            Ok(()) => {
                if let Some(cs) = self.state().get_mut(chat.id) {
                    cs.board = Default::default();
                }
                self.changed();
                vec![
                    answer(qt::RESET_DONE),
                    send(chat, qt::RESET_DONE.into(), None),
                ]
            }
        }
    }

    /// `/ekspor` in a group: the file to the teacher's private chat, or a start link.
    pub(super) fn export(&self, chat: Chat, from: Option<&User>) -> Effect {
        let start_link = Outgoing {
            chat,
            html: qt::EXPORT_START_FIRST.into(),
            keyboard: vec![vec![Button::Url {
                label: qt::EXPORT_BUTTON.into(),
                url: format!(
                    "https://t.me/{}?start={EXPORT_START}{}",
                    self.bot_username, chat.id
                ),
            }]],
            reply_to: None,
            background: false,
            tag: None,
            asker: None,
        };
        let teacher = from.filter(|u| u.id != ANONYMOUS_ADMIN && u.id > 0);
        match (self.export_document(chat.id), teacher) {
            (None, _) => send(chat, qt::EXPORT_EMPTY.into(), None),
            (Some(_), None) => Effect::Send(start_link),
            (Some(mut doc), Some(t)) => {
                doc.chat = Chat {
                    id: t.id,
                    kind: ChatKind::Private,
                    thread: None,
                };
                doc.on_success = vec![Outgoing {
                    chat,
                    html: qt::EXPORT_SENT.into(),
                    keyboard: Vec::new(),
                    reply_to: None,
                    background: false,
                    tag: None,
                    asker: None,
                }];
                doc.on_failure = vec![start_link];
                Effect::Document(doc)
            }
        }
    }

    /// `/start ekspor_<group>` in a private chat, after the adapter checked who teaches there.
    pub(super) fn export_on_start(&self, chat: Chat, payload: &str, teacher: bool) -> Effect {
        let group_id = payload
            .strip_prefix(EXPORT_START)
            .and_then(|g| g.parse::<i64>().ok());
        match group_id {
            Some(_) if !teacher => send(chat, qt::EXPORT_NOT_TEACHER.into(), None),
            Some(g) => match self.export_document(g) {
                Some(mut doc) => {
                    doc.chat = chat;
                    Effect::Document(doc)
                }
                None => send(chat, qt::EXPORT_EMPTY.into(), None),
            },
            None => send(chat, self.help(chat), None),
        }
    }

    fn export_document(&self, group_id: i64) -> Option<Document> {
        let state = self.state();
        let cs = state.get(group_id).filter(|c| !c.board.is_empty())?;
        Some(Document {
            chat: group(group_id, None),
            file_name: format!("skor-kelas{group_id}.csv"),
            bytes: cs.board.csv(),
            caption: qt::export_caption(cs.title.as_deref()),
            photo: false,
            on_success: Vec::new(),
            on_failure: Vec::new(),
        })
    }
}
