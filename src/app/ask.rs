//! Questions and facts: answering from the FAQ (outright, with suggestions, or "belum
//! tahu"), and each chat's next fact in its rotation.

use jiff::Timestamp;

use super::callback::CallbackData;
use super::{App, Button, Chat, ChatKind, Effect, Outgoing, send};
use crate::answer::Outcome;
use crate::content::{Content, FaqEntry};
use crate::state::{
    State, UNANSWERED_PER_GROUP, UNANSWERED_PER_SUBJECT, Unanswered, keep_unanswered,
};
use crate::texts;

/// Characters of an unanswered question kept.
const MAX_KEPT_CHARS: usize = 300;

impl App {
    /// Answers a question from the chat's subject; when that subject has no sure answer but
    /// another one has, from that one, named. `speak_when_lost` decides whether "belum tahu"
    /// is said at all.
    pub(super) fn answer(
        &self,
        chat: Chat,
        question: &str,
        reply_to: Option<i32>,
        speak_when_lost: bool,
        now: Timestamp,
    ) -> Vec<Effect> {
        let own = self.pack_of(chat.id);
        let content = self.pack(own);
        let m = self.indexes[own].ask(question);
        let answered = m.outcome == Outcome::Answer && m.best.is_some();
        // A reply to the bot that asks nothing ("wkwk" under a fact) is no question to keep.
        let asks = speak_when_lost
            || question.contains('?')
            || self.indexes[own].normalizer().has_question_word(question);
        if !answered && asks && self.sure_elsewhere(own, question).is_none() {
            let suggested: Vec<String> = match m.outcome {
                Outcome::Unsure => m
                    .suggestions
                    .iter()
                    .map(|s| content.faq[s.entry].id.clone())
                    .collect(),
                _ => Vec::new(),
            };
            self.keep_unanswered(chat, own, question, suggested, now);
        }
        if let (Outcome::Answer, Some(best)) = (m.outcome, m.best) {
            let entry = &content.faq[best.entry];
            let html = texts::faq_answer(entry, content.source(&entry.source));
            return vec![send(chat, html, reply_to)];
        }
        if let Some((other, entry)) = self.sure_elsewhere(own, question) {
            let c = self.pack(other);
            let html = texts::faq_answer_from(entry, c.source(&entry.source), &c.pack.name);
            return vec![send(chat, html, reply_to)];
        }
        match m.outcome {
            Outcome::Unsure if !m.suggestions.is_empty() => {
                let keyboard = m
                    .suggestions
                    .iter()
                    .map(|s| {
                        let entry = &content.faq[s.entry];
                        vec![Button::Callback {
                            label: texts::suggestion_label(entry),
                            data: CallbackData::Faq {
                                pack: Some(content.pack.key()),
                                id: entry.id.clone(),
                            }
                            .encode(),
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
            _ if speak_when_lost => vec![send(chat, texts::no_answer(content), reply_to)],
            _ => Vec::new(),
        }
    }

    /// Keeps a question the bot could not answer, as text only: in a group always (for
    /// `/laporan`), from a private chat only when the operator turned it on.
    fn keep_unanswered(
        &self,
        chat: Chat,
        pack: usize,
        question: &str,
        suggested: Vec<String>,
        now: Timestamp,
    ) {
        let private = chat.kind == ChatKind::Private;
        if private && !self.settings.keep_unanswered {
            return;
        }
        let text: String = question.trim().chars().take(MAX_KEPT_CHARS).collect();
        if text.is_empty() {
            return;
        }
        let q = Unanswered {
            reading: self.indexes[pack].reading(&text),
            text,
            subject: self.pack(pack).pack.id.clone(),
            at: now,
            unsure: !suggested.is_empty(),
            suggested,
        };
        let mut state = self.state();
        if private {
            let list = state.unanswered.entry(q.subject.clone()).or_default();
            keep_unanswered(list, q, UNANSWERED_PER_SUBJECT);
        } else {
            keep_unanswered(&mut state.chat(chat.id).unanswered, q, UNANSWERED_PER_GROUP);
        }
        drop(state);
        self.changed();
    }

    /// Suggestion `id` was picked in a group: the question it was offered for had an answer
    /// after all (the latest offered it, within a few minutes).
    pub(super) fn suggestion_picked(&self, chat: Chat, id: &str, now: Timestamp) {
        if chat.kind != ChatKind::Group {
            return;
        }
        let mut state = self.state();
        let Some(cs) = state.get_mut(chat.id) else {
            return;
        };
        let recent = jiff::SignedDuration::from_mins(10);
        if let Some(i) = cs.unanswered.iter().rposition(|q| {
            q.unsure && now.duration_since(q.at) < recent && q.suggested.iter().any(|s| s == id)
        }) {
            cs.unanswered.remove(i);
            drop(state);
            self.changed();
        }
    }

    /// The surest answer another subject than pack `own` gives with confidence, if any.
    fn sure_elsewhere(&self, own: usize, question: &str) -> Option<(usize, &FaqEntry)> {
        let mut best: Option<(usize, usize, f32)> = None;
        for (i, index) in self.indexes.iter().enumerate() {
            if i == own {
                continue;
            }
            if let Some(b) = index.ask_from_elsewhere(question)
                && best.is_none_or(|(_, _, score)| b.score > score)
            {
                best = Some((i, b.entry, b.score));
            }
        }
        best.map(|(pack, entry, _)| (pack, &self.pack(pack).faq[entry]))
    }

    /// The entry a suggestion button names: in the pack its key names, else (buttons from
    /// before there were packs) in the chat's subject.
    pub(super) fn suggested(
        &self,
        chat_id: i64,
        pack: Option<&str>,
        id: &str,
    ) -> Option<(&Content, &FaqEntry)> {
        let index = match pack {
            Some(key) => self.library.by_key(key)?,
            None => self.pack_of(chat_id),
        };
        let content = self.pack(index);
        content
            .faq
            .iter()
            .find(|e| e.id == id)
            .map(|e| (&**content, e))
    }

    pub(super) fn fact(&self, chat: Chat) -> Effect {
        let html = self.next_fact_html(&mut self.state(), chat.id);
        self.changed();
        send(chat, html, None)
    }

    /// The chat's next fact of its subject, as a message (the caller holds the state lock).
    pub(super) fn next_fact_html(&self, state: &mut State, chat_id: i64) -> String {
        let content = self.pack(self.pack_in(state, chat_id));
        let ids: Vec<&str> = content.facts.iter().map(|f| f.id.as_str()).collect();
        let next = state
            .chat(chat_id)
            .subject_state(&content.pack.id)
            .facts
            .next(chat_id, &ids);
        let fact = next.and_then(|id| content.facts.iter().find(|f| f.id == id));
        match fact {
            Some(f) => texts::fact(f, content),
            None => texts::NO_FACTS.into(),
        }
    }
}
