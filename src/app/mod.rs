//! The app: the one handle adapters share. It turns an incoming [`Event`] into [`Effect`]s
//! using the content, the FAQ index and the state. It never awaits and does no IO; the
//! Telegram adapter and the playground carry out the effects.

pub mod callback;
mod daily;
pub mod event;
mod guard;
mod practice;
mod quiz;
mod rounds;
mod scores;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::answer::{FaqIndex, Outcome};
use crate::commands::{self, Id, Who};
use crate::content::Content;
use crate::state::State;
use crate::texts;
use callback::CallbackData;
pub use daily::DailyFact;
pub use event::ANONYMOUS_ADMIN;
pub use event::{
    Button, Chat, ChatKind, Document, Edit, Effect, Event, Outgoing, Unsent, Unwritten, User,
};
use guard::Guard;
pub use quiz::EXPORT_START;

/// What the operator configured that the app needs.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `KELASBOT_TZ`: the zone of groups that did not choose WIB, WITA or WIT.
    pub default_tz: TimeZone,
    /// Its IANA name, for messages.
    pub tz_name: String,
    /// `KELASBOT_QUIZ_SECONDS`: seconds per question when `/kuis` does not say.
    pub quiz_seconds: u32,
    /// `KELASBOT_QUIZ_SEED`: when set, a round's questions depend on it instead of the time.
    pub quiz_seed: Option<u64>,
}

impl Settings {
    pub fn from_config(config: &crate::config::Config) -> Settings {
        Settings {
            default_tz: config.tz.clone(),
            tz_name: config.tz_name.clone(),
            quiz_seconds: config.quiz_seconds,
            quiz_seed: config.quiz_seed,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        let tz_name = "Asia/Jakarta".to_string();
        Settings {
            default_tz: TimeZone::get(&tz_name).unwrap_or(TimeZone::UTC),
            tz_name,
            quiz_seconds: 20,
            quiz_seed: None,
        }
    }
}

pub struct App {
    content: Content,
    index: FaqIndex,
    bot_username: String,
    settings: Settings,
    state: Mutex<State>,
    /// Set when the state changed since the last snapshot was taken.
    dirty: AtomicBool,
    /// Short-lived memory of refusals and repeated commands (not snapshotted).
    guard: Mutex<Guard>,
    /// Daily facts wait until then after their snapshot could not be written.
    facts_retry: Mutex<Option<Timestamp>>,
}

impl App {
    pub fn new(content: Content, state: State, bot_username: &str) -> App {
        App::with_settings(content, state, bot_username, Settings::default())
    }

    pub fn with_settings(
        content: Content,
        state: State,
        bot_username: &str,
        settings: Settings,
    ) -> App {
        let index = FaqIndex::build(&content.faq);
        App {
            content,
            index,
            bot_username: bot_username.to_string(),
            settings,
            state: Mutex::new(state),
            dirty: AtomicBool::new(false),
            guard: Mutex::new(Guard::default()),
            facts_retry: Mutex::new(None),
        }
    }

    pub fn content(&self) -> &Content {
        &self.content
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn bot_username(&self) -> &str {
        &self.bot_username
    }

    /// What varies a round's or a practice's questions: the time, unless a seed is fixed.
    fn seed(&self, now: Timestamp) -> u64 {
        self.settings
            .quiz_seed
            .unwrap_or_else(|| now.as_second() as u64)
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

    /// Moves everything timed on at `now`: quiz rounds (live counts, reveals, next questions,
    /// ends) and the daily facts that are due.
    pub fn tick(&self, now: Timestamp) -> Vec<Effect> {
        let mut effects = self.quiz_tick(now);
        effects.extend(self.facts_tick(now));
        effects
    }

    /// The next instant [`App::tick`] has something to do, after `now`: a round's next
    /// moment or the next daily fact. Anything handled since may move it, so it is asked
    /// again after every call.
    pub fn next_wake(&self, now: Timestamp) -> Option<Timestamp> {
        [self.next_quiz_wake(), self.next_fact_at(now)]
            .into_iter()
            .flatten()
            .min()
    }

    /// The next moment a person waits for, after `now`: a question's deadline, the end of a
    /// pause, the next daily fact (live answer counts aside). The playground skips to it.
    pub fn next_milestone(&self, now: Timestamp) -> Option<Timestamp> {
        [self.next_quiz_milestone(), self.next_fact_at(now)]
            .into_iter()
            .flatten()
            .min()
    }

    /// Marks the state as not yet on disk, after a failed snapshot write.
    pub fn mark_dirty(&self) {
        self.changed();
    }

    /// A copy of the state to write if anything changed since the last call; `None`
    /// otherwise. The copy shares every chat with the live state (`Arc`s), so taking it holds
    /// the lock only for copying the map of chats; a chat changed afterwards is copied then.
    pub fn take_snapshot(&self) -> Option<State> {
        if !self.dirty.swap(false, Ordering::AcqRel) {
            return None;
        }
        Some(self.state().snapshot_copy())
    }

    /// A copy of the state to write, changed or not (for shutdown and the end of a round).
    pub fn snapshot_now(&self) -> State {
        self.dirty.store(false, Ordering::Release);
        self.state().snapshot_copy()
    }

    /// A copy of the state, for tests and tools.
    pub fn state_copy(&self) -> State {
        self.state().clone()
    }

    /// Whether Telegram must be asked who teaches before `event` is handled: a teacher
    /// command in a group, a private `/start` for a group's export, or a press on a reset
    /// button. The adapter asks, sets the event's `teacher`, then hands it over.
    pub fn teacher_check(&self, event: &Event) -> Option<TeacherCheck> {
        match event {
            Event::Message {
                chat,
                from: Some(user),
                text,
                teacher: false,
                ..
            } => {
                let cmd = commands::parse(text, &self.bot_username)?;
                let command = commands::find(&cmd.name)?;
                match chat.kind {
                    ChatKind::Group
                        if command.who == Who::Teachers && command.place.in_groups() =>
                    {
                        Some(TeacherCheck {
                            group: chat.id,
                            user: user.id,
                            fresh: command.fresh_check,
                        })
                    }
                    ChatKind::Private if cmd.name == commands::START => {
                        let group = cmd.args.strip_prefix(EXPORT_START)?;
                        group.parse::<i64>().ok().map(|g| TeacherCheck {
                            group: g,
                            user: user.id,
                            fresh: true,
                        })
                    }
                    _ => None,
                }
            }
            Event::Callback {
                chat: Some(chat),
                from,
                data,
                ..
            } if chat.kind == ChatKind::Group
                && matches!(CallbackData::decode(data), Some(CallbackData::Reset { .. })) =>
            {
                Some(TeacherCheck {
                    group: chat.id,
                    user: from.id,
                    fresh: true,
                })
            }
            _ => None,
        }
    }

    /// Handles one event at `now` (the adapter's clock).
    pub fn handle(&self, event: Event, now: Timestamp) -> Vec<Effect> {
        match event {
            Event::Message {
                chat,
                from,
                text,
                message_id,
                reply_to_bot,
                teacher,
                sent,
                chat_title,
            } => {
                let msg = Incoming {
                    chat,
                    from: from.as_ref(),
                    text: &text,
                    message_id,
                    reply_to_bot,
                    teacher,
                    sent,
                };
                if chat.kind == ChatKind::Group && text.starts_with('/') {
                    self.remember_title(chat.id, chat_title);
                }
                self.on_message(&msg, now)
            }
            Event::Callback {
                query_id,
                chat,
                message_id,
                from,
                data,
                at,
                teacher,
            } => {
                let pressed = Pressed {
                    query_id,
                    chat,
                    message_id,
                    from: &from,
                    teacher,
                };
                self.on_callback(pressed, &data, at)
            }
            Event::Delivered {
                chat,
                message_id,
                tag,
                at,
            } => {
                self.delivered(chat, message_id, tag, at);
                Vec::new()
            }
            Event::AddedToGroup { chat } => vec![send(chat, texts::group_intro(), None)],
            Event::RemovedFromGroup { chat_id } => {
                // The bot can no longer post there: nothing more is sent or scheduled. What
                // the class earned stays, should a teacher add the bot again.
                let removed = self
                    .state()
                    .get_mut(chat_id)
                    .and_then(|c| c.subscription.take());
                if removed.is_some() {
                    self.changed();
                }
                if self.end_quiz_quietly(chat_id) {
                    self.changed();
                }
                Vec::new()
            }
            Event::Migrated { from, to } => {
                self.state().migrate(from, to);
                self.changed();
                Vec::new()
            }
            Event::Unsaved { unsent, at } => {
                self.unsend(&unsent, at);
                Vec::new()
            }
        }
    }

    fn on_message(&self, msg: &Incoming<'_>, now: Timestamp) -> Vec<Effect> {
        let chat = msg.chat;
        let reply_to = (chat.kind == ChatKind::Group).then_some(msg.message_id);
        let asker = msg.from.map_or(chat.id, |u| u.id);
        let Some(cmd) = commands::parse(msg.text, &self.bot_username) else {
            let answer = match chat.kind {
                ChatKind::Private => self.answer(chat, msg.text, None, true),
                // With privacy mode the bot sees only commands and replies in groups; a reply
                // to one of its answers is a question, but only worth a word when something fits.
                ChatKind::Group if msg.reply_to_bot => self.answer(chat, msg.text, reply_to, false),
                ChatKind::Group => Vec::new(),
            };
            return asked_by(answer, asker);
        };
        let Some(command) = commands::find(&cmd.name) else {
            return match chat.kind {
                ChatKind::Private => vec![send(chat, texts::UNKNOWN_COMMAND.into(), None)],
                // In a group an unknown command may belong to another bot: stay quiet.
                ChatKind::Group => Vec::new(),
            };
        };
        let teacher_only = command.who == Who::Teachers;
        let offered_here = match chat.kind {
            ChatKind::Private => command.place.in_private(),
            ChatKind::Group => command.place.in_groups(),
        };
        // A teachers' command belongs to the group they teach (every one is offered in groups
        // only); anyone's command used elsewhere explains itself.
        if teacher_only && !offered_here {
            return vec![send(chat, texts::GROUP_ONLY.into(), None)];
        }
        if command.changes_state && now.duration_since(msg.sent).as_secs() > guard::STALE_SECS {
            tracing::info!(
                chat = chat.id,
                command = command.name,
                "stale teacher command ignored"
            );
            return Vec::new();
        }
        if chat.kind == ChatKind::Group {
            let user = msg.from.map_or(chat.id, |u| u.id);
            let mut guard = self.guard();
            if guard.repeated(chat.id, user, msg.text, now) {
                return Vec::new();
            }
            if teacher_only && !msg.teacher {
                return if guard.may_refuse(chat.id, user, now) {
                    vec![background(send(
                        chat,
                        texts::TEACHERS_ONLY.into(),
                        reply_to,
                    ))]
                } else {
                    Vec::new()
                };
            }
        }
        match command.id {
            Id::Bantuan
                if chat.kind == ChatKind::Private
                    && cmd.name == commands::START
                    && cmd.args.starts_with(EXPORT_START) =>
            {
                vec![self.export_on_start(chat, cmd.args, msg.teacher)]
            }
            Id::Bantuan => vec![send(chat, self.help(chat), None)],
            Id::Kuis => self.start_quiz(chat, cmd.args, now),
            Id::StopKuis => self.stop_quiz(chat, now),
            Id::Skor => vec![self.scores(chat, msg.from)],
            Id::ResetSkor => vec![self.reset_ask(chat, msg.from, now)],
            Id::Ekspor => vec![self.export(chat, msg.from)],
            Id::Latihan => self.start_practice(chat, cmd.args, now),
            Id::Tanya if cmd.args.is_empty() => {
                vec![send(chat, texts::ASK_HOW.into(), reply_to)]
            }
            Id::Tanya => asked_by(self.answer(chat, cmd.args, reply_to, true), asker),
            Id::Fakta => vec![self.fact(chat)],
            Id::Langganan => vec![self.subscribe(chat, cmd.args, now)],
            Id::Berhenti => vec![self.unsubscribe(chat)],
            Id::Jadwal => vec![self.schedule_of(chat, now)],
        }
    }

    fn guard(&self) -> MutexGuard<'_, Guard> {
        self.guard.lock().unwrap_or_else(|p| p.into_inner())
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
                    background: false,
                    tag: None,
                    asker: None,
                })]
            }
            _ if speak_when_lost => vec![send(chat, texts::no_answer(), reply_to)],
            _ => Vec::new(),
        }
    }

    fn fact(&self, chat: Chat) -> Effect {
        let html = self.next_fact_html(&mut self.state(), chat.id);
        self.changed();
        send(chat, html, None)
    }

    /// The chat's next fact in its rotation, as a message (the caller holds the state lock).
    fn next_fact_html(&self, state: &mut State, chat_id: i64) -> String {
        let ids: Vec<&str> = self.content.facts.iter().map(|f| f.id.as_str()).collect();
        let next = state.chat(chat_id).facts.next(chat_id, &ids);
        let fact = next.and_then(|id| self.content.facts.iter().find(|f| f.id == id));
        match fact {
            Some(f) => texts::fact(f, self.content.source(&f.source)),
            None => texts::NO_FACTS.into(),
        }
    }

    fn remember_title(&self, chat_id: i64, title: Option<String>) {
        let Some(title) = title else { return };
        let mut state = self.state();
        if state.get(chat_id).and_then(|c| c.title.as_ref()) != Some(&title) {
            state.chat(chat_id).title = Some(title);
            drop(state);
            self.changed();
        }
    }

    fn on_callback(&self, pressed: Pressed<'_>, data: &str, at: Timestamp) -> Vec<Effect> {
        let Pressed {
            query_id,
            chat,
            message_id,
            from,
            teacher,
        } = pressed;
        let entry = match CallbackData::decode(data) {
            Some(CallbackData::Faq(id)) => self.content.faq.iter().find(|e| e.id == id),
            Some(CallbackData::Quiz {
                round,
                question,
                choice,
            }) => {
                let press = (round, question, choice);
                return self.quiz_press(query_id, chat, message_id, from, press, at);
            }
            Some(CallbackData::Practice {
                id,
                question,
                choice,
            }) => return self.practice_answer(query_id, chat, (id, question, choice)),
            Some(CallbackData::Reset { nonce }) => {
                return self.reset_confirm(query_id, chat, (from, teacher), nonce, at);
            }
            None => None,
        };
        match (entry, chat) {
            // Tapped again within the window: answered once already.
            (Some(_), Some(chat)) if self.guard().repeated(chat.id, from.id, data, at) => {
                vec![Effect::AnswerCallback {
                    query_id,
                    text: None,
                }]
            }
            (Some(entry), Some(chat)) => {
                let html = texts::faq_answer(entry, self.content.source(&entry.source));
                let answer = vec![
                    Effect::AnswerCallback {
                        query_id,
                        text: None,
                    },
                    send(chat, html, None),
                ];
                asked_by(answer, from.id)
            }
            _ => vec![Effect::AnswerCallback {
                query_id,
                text: Some(texts::STALE_BUTTON.into()),
            }],
        }
    }
}

/// A button press as the app sees it, borrowed from the event.
struct Pressed<'a> {
    query_id: String,
    chat: Option<Chat>,
    message_id: Option<i32>,
    from: &'a User,
    teacher: bool,
}

/// Whose teaching an event depends on, and whether a remembered "yes" will do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TeacherCheck {
    /// The group whose teachers may do it.
    pub group: i64,
    pub user: i64,
    /// A remembered "yes" will not do: the command destroys or reveals the class's data.
    pub fresh: bool,
}

/// A message as the app sees it, borrowed from the event.
struct Incoming<'a> {
    chat: Chat,
    from: Option<&'a User>,
    text: &'a str,
    message_id: i32,
    reply_to_bot: bool,
    teacher: bool,
    sent: Timestamp,
}

fn send(chat: Chat, html: String, reply_to: Option<i32>) -> Effect {
    Effect::Send(Outgoing {
        chat,
        html,
        keyboard: Vec::new(),
        reply_to,
        background: false,
        tag: None,
        asker: None,
    })
}

/// Marks the messages among `effects` as answers to `asker`'s question.
fn asked_by(effects: Vec<Effect>, asker: i64) -> Vec<Effect> {
    effects
        .into_iter()
        .map(|e| match e {
            Effect::Send(o) => Effect::Send(Outgoing {
                asker: Some(asker),
                ..o
            }),
            other => other,
        })
        .collect()
}

/// The same effect, sent after everything interactive.
fn background(effect: Effect) -> Effect {
    match effect {
        Effect::Send(o) => Effect::Send(Outgoing {
            background: true,
            ..o
        }),
        other => other,
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;

#[cfg(test)]
#[path = "quiz_tests.rs"]
mod quiz_tests;
