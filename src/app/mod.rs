//! The app: the one handle adapters share. It turns an incoming [`Event`] into [`Effect`]s
//! using the content, the FAQ index and the state. It never awaits and does no IO; the
//! Telegram adapter and the playground carry out the effects.

pub mod callback;
pub mod event;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

use crate::answer::{FaqIndex, Outcome};
use crate::commands;
use crate::content::Content;
use crate::state::{State, snapshot};
use crate::texts;
use callback::CallbackData;
pub use event::{Button, Chat, ChatKind, Effect, Event, Outgoing, User};

pub struct App {
    content: Content,
    index: FaqIndex,
    bot_username: String,
    state: Mutex<State>,
    /// Set when the state changed since the last snapshot was taken.
    dirty: AtomicBool,
}

impl App {
    pub fn new(content: Content, state: State, bot_username: &str) -> App {
        let index = FaqIndex::build(&content.faq);
        App {
            content,
            index,
            bot_username: bot_username.to_string(),
            state: Mutex::new(state),
            dirty: AtomicBool::new(false),
        }
    }

    pub fn content(&self) -> &Content {
        &self.content
    }

    pub fn bot_username(&self) -> &str {
        &self.bot_username
    }

    /// The state, for a short look. A poisoned lock (a panic elsewhere while holding it) still
    /// yields the data: losing every score to a poisoned mutex would be worse.
    fn state(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn changed(&self) {
        self.dirty.store(true, Ordering::Release);
    }

    /// Marks the state as not yet on disk, after a failed snapshot write.
    pub fn mark_dirty(&self) {
        self.changed();
    }

    /// The snapshot file's bytes if anything changed since the last call; `None` otherwise.
    pub fn take_snapshot(&self) -> Option<Vec<u8>> {
        if !self.dirty.swap(false, Ordering::AcqRel) {
            return None;
        }
        let state = self.state().clone();
        Some(snapshot::encode(&state))
    }

    /// The snapshot file's bytes, changed or not (for shutdown).
    pub fn snapshot_now(&self) -> Vec<u8> {
        self.dirty.store(false, Ordering::Release);
        let state = self.state().clone();
        snapshot::encode(&state)
    }

    /// A copy of the state, for tests and tools.
    pub fn state_copy(&self) -> State {
        self.state().clone()
    }

    pub fn handle(&self, event: Event) -> Vec<Effect> {
        match event {
            Event::Message {
                chat,
                text,
                message_id,
                reply_to_bot,
                ..
            } => self.on_message(chat, &text, message_id, reply_to_bot),
            Event::Callback {
                query_id,
                chat,
                data,
                ..
            } => self.on_callback(query_id, chat, &data),
            Event::AddedToGroup { chat } => vec![send(chat, texts::group_intro(), None)],
            Event::RemovedFromGroup { chat_id } => {
                if self.state().chats.remove(&chat_id).is_some() {
                    self.changed();
                }
                Vec::new()
            }
            Event::Migrated { from, to } => {
                self.state().migrate(from, to);
                self.changed();
                Vec::new()
            }
        }
    }

    fn on_message(
        &self,
        chat: Chat,
        text: &str,
        message_id: i32,
        reply_to_bot: bool,
    ) -> Vec<Effect> {
        let reply_to = (chat.kind == ChatKind::Group).then_some(message_id);
        if let Some(cmd) = commands::parse(text, &self.bot_username) {
            return match cmd.name.as_str() {
                "start" | "bantuan" | "help" => vec![send(chat, self.help(chat), None)],
                "tanya" if cmd.args.is_empty() => vec![send(chat, texts::ASK_HOW.into(), reply_to)],
                "tanya" => self.answer(chat, cmd.args, reply_to, true),
                "fakta" => vec![self.fact(chat)],
                _ if chat.kind == ChatKind::Private => {
                    vec![send(chat, texts::UNKNOWN_COMMAND.into(), None)]
                }
                // In a group an unknown command may belong to another bot: stay quiet.
                _ => Vec::new(),
            };
        }
        match chat.kind {
            ChatKind::Private => self.answer(chat, text, None, true),
            // With privacy mode the bot sees only commands and replies in groups; a reply to
            // one of its answers is a question, but only worth a word when something fits.
            ChatKind::Group if reply_to_bot => self.answer(chat, text, reply_to, false),
            ChatKind::Group => Vec::new(),
        }
    }

    fn help(&self, chat: Chat) -> String {
        match chat.kind {
            ChatKind::Private => texts::help_private(),
            ChatKind::Group => texts::help_group(&self.bot_username),
        }
    }

    /// Answers a question. `speak_when_lost` decides whether "belum tahu" is said at all.
    fn answer(
        &self,
        chat: Chat,
        question: &str,
        reply_to: Option<i32>,
        speak_when_lost: bool,
    ) -> Vec<Effect> {
        let m = self.index.ask(question);
        match (m.outcome, m.best) {
            (Outcome::Answer, Some(best)) => {
                let entry = &self.content.faq[best.entry];
                let html = texts::faq_answer(entry, self.content.source(&entry.source));
                vec![send(chat, html, reply_to)]
            }
            (Outcome::Unsure, _) if !m.suggestions.is_empty() => {
                let keyboard = m
                    .suggestions
                    .iter()
                    .map(|s| {
                        let entry = &self.content.faq[s.entry];
                        vec![Button::Callback {
                            label: texts::suggestion_label(entry),
                            data: CallbackData::Faq(entry.id.clone()).encode(),
                        }]
                    })
                    .collect();
                vec![Effect::Send(Outgoing {
                    chat,
                    html: texts::UNSURE.into(),
                    keyboard,
                    reply_to,
                })]
            }
            _ if speak_when_lost => vec![send(chat, texts::no_answer(), reply_to)],
            _ => Vec::new(),
        }
    }

    fn fact(&self, chat: Chat) -> Effect {
        let ids: Vec<&str> = self.content.facts.iter().map(|f| f.id.as_str()).collect();
        let next = self.state().chat(chat.id).facts.next(chat.id, &ids);
        self.changed();
        let fact = next.and_then(|id| self.content.facts.iter().find(|f| f.id == id));
        match fact {
            Some(f) => send(chat, texts::fact(f, self.content.source(&f.source)), None),
            None => send(chat, texts::NO_FACTS.into(), None),
        }
    }

    fn on_callback(&self, query_id: String, chat: Option<Chat>, data: &str) -> Vec<Effect> {
        let entry = match CallbackData::decode(data) {
            Some(CallbackData::Faq(id)) => self.content.faq.iter().find(|e| e.id == id),
            None => None,
        };
        match (entry, chat) {
            (Some(entry), Some(chat)) => vec![
                Effect::AnswerCallback {
                    query_id,
                    text: None,
                },
                send(
                    chat,
                    texts::faq_answer(entry, self.content.source(&entry.source)),
                    None,
                ),
            ],
            _ => vec![Effect::AnswerCallback {
                query_id,
                text: Some(texts::STALE_BUTTON.into()),
            }],
        }
    }
}

fn send(chat: Chat, html: String, reply_to: Option<i32>) -> Effect {
    Effect::Send(Outgoing {
        chat,
        html,
        keyboard: Vec::new(),
        reply_to,
    })
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
