//! Questions and facts: answering from the FAQ (outright, with suggestions, or "belum
//! tahu"), and each chat's next fact in its rotation.

use super::callback::CallbackData;
use super::{App, Button, Chat, Effect, Outgoing, send};
use crate::answer::Outcome;
use crate::state::State;
use crate::texts;

impl App {
    /// Answers a question. `speak_when_lost` decides whether "belum tahu" is said at all.
    pub(super) fn answer(
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
                    background: false,
                    tag: None,
                    asker: None,
                })]
            }
            _ if speak_when_lost => vec![send(chat, texts::no_answer(&self.content), reply_to)],
            _ => Vec::new(),
        }
    }

    pub(super) fn fact(&self, chat: Chat) -> Effect {
        let html = self.next_fact_html(&mut self.state(), chat.id);
        self.changed();
        send(chat, html, None)
    }

    /// The chat's next fact in its rotation, as a message (the caller holds the state lock).
    pub(super) fn next_fact_html(&self, state: &mut State, chat_id: i64) -> String {
        let ids: Vec<&str> = self.content.facts.iter().map(|f| f.id.as_str()).collect();
        let next = state.chat(chat_id).facts.next(chat_id, &ids);
        let fact = next.and_then(|id| self.content.facts.iter().find(|f| f.id == id));
        match fact {
            Some(f) => texts::fact(f, &self.content),
            None => texts::NO_FACTS.into(),
        }
    }
}
