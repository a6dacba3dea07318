//! Scoreboards in the app: `/skor`, `/resetskor` with its confirmation, and `/ekspor`.

use jiff::Timestamp;

use super::callback::CallbackData;
use super::quiz::{EXPORT_START, group};
use super::{ANONYMOUS_ADMIN, App, Button, Chat, ChatKind, Document, Effect, Outgoing, User, send};
use crate::texts::homework as ht;
use crate::texts::quiz as qt;
use crate::texts::report as rt;

/// What a confirmed reset clears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Clears {
    /// `/resetskor`: the scoreboard.
    Board,
    /// `/resetlaporan`: what `/laporan` reads.
    Insight,
    /// `/batalkantugas`: the homework of this number, if still open.
    Homework(u32),
}

impl Clears {
    /// What a confirmation pressed too late says: type the command again.
    fn expired(self) -> &'static str {
        match self {
            Clears::Board => qt::RESET_EXPIRED,
            Clears::Insight => rt::RESET_EXPIRED,
            Clears::Homework(_) => ht::CANCEL_EXPIRED,
        }
    }
}

impl App {
    pub(super) fn scores(&self, chat: Chat, from: Option<&User>, now: Timestamp) -> Effect {
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
                let mut html = qt::my_scores(&rows);
                drop(state);
                let due: usize = self.due_by_subject(user, now).iter().map(|(_, n)| n).sum();
                if due > 0 {
                    html = format!("{html}\n\n{}", qt::due_line(due));
                }
                send(chat, html, None)
            }
        }
    }

    /// `/resetskor` or `/resetlaporan`: asks for the confirmation only the asker may give.
    pub(super) fn reset_ask(
        &self,
        chat: Chat,
        from: Option<&User>,
        now: Timestamp,
        clears: Clears,
    ) -> Effect {
        let user = from.map_or(chat.id, |u| u.id);
        let nonce = self.guard().ask_reset(chat.id, user, now);
        let (html, label, data) = match clears {
            Clears::Board => (
                qt::RESET_ASK,
                qt::RESET_BUTTON,
                CallbackData::Reset { nonce },
            ),
            Clears::Insight => (
                rt::RESET_ASK,
                rt::RESET_BUTTON,
                CallbackData::ResetReport { nonce },
            ),
            Clears::Homework(id) => (
                ht::CANCEL_ASK,
                ht::CANCEL_BUTTON,
                CallbackData::CancelHomework { nonce, id },
            ),
        };
        Effect::Send(Outgoing {
            chat,
            html: html.into(),
            keyboard: vec![vec![Button::Callback {
                label: label.into(),
                data: data.encode(),
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
        (nonce, clears): (u32, Clears),
        now: Timestamp,
    ) -> Vec<Effect> {
        let answer = |text: &str| Effect::AnswerCallback {
            query_id: query_id.clone(),
            text: Some(text.to_string()),
        };
        let Some(chat) = chat else {
            return vec![answer(clears.expired())];
        };
        match self
            .guard()
            .confirm_reset(nonce, chat.id, (from.id, teacher), now)
        {
            Err(super::guard::ResetRefused::NotYours) => vec![answer(qt::RESET_NOT_YOURS)],
            Err(super::guard::ResetRefused::Expired) => vec![answer(clears.expired())],
            Ok(()) if let Clears::Homework(id) = clears => match self.cancel_homework(chat, id) {
                Some(done) => std::iter::once(answer(ht::CANCEL_DONE))
                    .chain(done)
                    .collect(),
                None => vec![answer(ht::CANCEL_GONE)],
            },
            Ok(()) => {
                if let Some(cs) = self.state().get_mut(chat.id) {
                    match clears {
                        // The insight is kept for the semester: a new board leaves it.
                        Clears::Board => cs.board = Default::default(),
                        Clears::Insight => {
                            cs.insight.clear();
                            cs.unanswered.clear();
                        }
                        // Cancelled above.
                        Clears::Homework(_) => {}
                    }
                }
                self.changed();
                let done = match clears {
                    Clears::Board | Clears::Homework(_) => qt::RESET_DONE,
                    Clears::Insight => rt::RESET_DONE,
                };
                vec![answer(done), send(chat, done.into(), None)]
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
        // Per topic of the group's subject, what each student answered and got right.
        let content = self.pack(self.pack_in(&state, group_id));
        let topics: Vec<String> = content.pack.topics.iter().map(|t| t.id.clone()).collect();
        let insight = cs.insight.get(&content.pack.id);
        // Then per homework the group keeps, what each student answered and got right.
        let homework = &cs.homework_done;
        let headings: Vec<String> = topics
            .iter()
            .cloned()
            .chain(
                homework
                    .iter()
                    .map(|r| format!("tugas {} ({})", r.id, r.title)),
            )
            .collect();
        let tally = |student: i64, column: usize| match topics.get(column) {
            Some(topic) => insight
                .and_then(|i| i.students.get(&student))
                .and_then(|s| s.topics.get(topic))
                .copied()
                .unwrap_or((0, 0)),
            None => homework
                .get(column - topics.len())
                .and_then(|r| r.students.get(&student))
                .copied()
                .unwrap_or((0, 0)),
        };
        Some(Document {
            chat: group(group_id, None),
            file_name: format!("skor-kelas{group_id}.csv"),
            bytes: cs.board.csv_with(&headings, tally),
            caption: qt::export_caption(cs.title.as_deref()),
            photo: false,
            on_success: Vec::new(),
            on_failure: Vec::new(),
        })
    }
}
