//! The app: the one handle adapters share. It turns an incoming [`Event`] into [`Effect`]s
//! using the content, the FAQ index and the state. It never awaits and does no IO; the
//! Telegram adapter and the playground carry out the effects.

mod ask;
pub mod callback;
mod daily;
mod dispatch;
pub mod event;
mod guard;
mod homework;
mod practice;
mod quiz;
mod report;
mod rounds;
mod scores;
mod sets;
mod subject;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::answer::FaqIndex;
use crate::content::{Content, Library};
use crate::state::State;
use crate::texts;
pub use daily::DailyFact;
use dispatch::{Incoming, Pressed};
pub use dispatch::{Role, TeacherCheck};
pub use event::ANONYMOUS_ADMIN;
pub use event::{
    Button, Chat, ChatKind, Document, Edit, Effect, Event, Fetch, FetchError, FileRef, Outgoing,
    SetChange, Unsent, Unwritten, User,
};
use guard::Guard;
pub use homework::HOMEWORK_START;
pub use quiz::EXPORT_START;
pub use report::REPORT_START;

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
    /// `KELASBOT_DEFAULT_SUBJECT`: the pack id a chat that picked none is taught; the first
    /// pack by id when unset or unknown.
    pub default_subject: Option<String>,
    /// `KELASBOT_KEEP_UNANSWERED`: private chats' unanswered questions are kept.
    pub keep_unanswered: bool,
}

impl Settings {
    pub fn from_config(config: &crate::config::Config) -> Settings {
        Settings {
            default_tz: config.tz.clone(),
            tz_name: config.tz_name.clone(),
            quiz_seconds: config.quiz_seconds,
            quiz_seed: config.quiz_seed,
            default_subject: config.default_subject.clone(),
            keep_unanswered: config.keep_unanswered,
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
            default_subject: None,
            keep_unanswered: false,
        }
    }
}

pub struct App {
    library: Library,
    /// Each pack's FAQ index, in the library's order.
    indexes: Vec<Arc<FaqIndex>>,
    bot_username: String,
    settings: Settings,
    state: Mutex<State>,
    /// Set when the state changed since the last snapshot was taken.
    dirty: AtomicBool,
    /// Short-lived memory of refusals and repeated commands (not snapshotted).
    guard: Mutex<Guard>,
    /// Daily facts wait until then after their snapshot could not be written.
    facts_retry: Mutex<Option<Timestamp>>,
    /// Everyone's own quiz sets (each also in its own file), and what waits on them.
    sets: Mutex<sets::SetBook>,
    /// When expired unanswered questions and stale reviews were last dropped.
    expired: Mutex<Option<Timestamp>>,
}

impl App {
    pub fn new(library: impl Into<Library>, state: State, bot_username: &str) -> App {
        App::with_settings(library, state, bot_username, Settings::default())
    }

    pub fn with_settings(
        library: impl Into<Library>,
        state: State,
        bot_username: &str,
        settings: Settings,
    ) -> App {
        let library = library.into();
        let indexes = App::build_indexes(&library);
        App::with_indexes(library, indexes, state, bot_username, settings)
    }

    /// Each pack's FAQ index, in the library's order (a while per pack: build them off the
    /// async threads).
    pub fn build_indexes(library: &Library) -> Vec<Arc<FaqIndex>> {
        library
            .packs()
            .iter()
            .map(|c| Arc::new(FaqIndex::build(&c.faq, &c.lexicon)))
            .collect()
    }

    /// The same bot over new content (a reload): the state, the refusal memory and a pending
    /// retry move over from this app, which is left empty; rounds and practices under way
    /// keep the questions they began with. Also returns the chats whose subject is no longer
    /// taught: they fall back to the default.
    pub fn reloaded(&self, library: Library, indexes: Vec<Arc<FaqIndex>>) -> (App, Vec<i64>) {
        let state = std::mem::take(&mut *self.state());
        let guard = std::mem::take(&mut *self.guard());
        let book = std::mem::take(&mut *self.sets());
        let orphans = state
            .chats
            .iter()
            .filter(|(_, c)| {
                c.subject
                    .as_deref()
                    .is_some_and(|id| library.get(id).is_none())
            })
            .map(|(id, _)| *id)
            .collect();
        let app = App::with_indexes(
            library,
            indexes,
            state,
            &self.bot_username,
            self.settings.clone(),
        );
        *app.guard() = guard;
        *app.sets() = book;
        *app.facts_retry.lock().unwrap_or_else(|p| p.into_inner()) = self.facts_retry();
        if self.dirty.load(Ordering::Acquire) {
            app.changed();
        }
        (app, orphans)
    }

    /// An app over indexes already built from each pack's FAQ, in the library's order
    /// (building one takes a while; tests share them).
    pub fn with_indexes(
        library: Library,
        indexes: Vec<Arc<FaqIndex>>,
        state: State,
        bot_username: &str,
        settings: Settings,
    ) -> App {
        App {
            library,
            indexes,
            bot_username: bot_username.to_string(),
            settings,
            state: Mutex::new(state),
            dirty: AtomicBool::new(false),
            guard: Mutex::new(Guard::default()),
            facts_retry: Mutex::new(None),
            sets: Mutex::new(sets::SetBook::default()),
            expired: Mutex::new(None),
        }
    }

    pub fn library(&self) -> &Library {
        &self.library
    }

    /// The subject a chat that picked none is taught.
    pub fn content(&self) -> &Content {
        self.pack(self.default_pack())
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn bot_username(&self) -> &str {
        &self.bot_username
    }

    fn pack(&self, index: usize) -> &Arc<Content> {
        self.library
            .packs()
            .get(index)
            .unwrap_or_else(|| self.library.first())
    }

    /// The position of the default subject in the library.
    fn default_pack(&self) -> usize {
        self.settings
            .default_subject
            .as_deref()
            .and_then(|id| self.library.position(id))
            .unwrap_or(0)
    }

    /// The position of chat `chat_id`'s subject (the caller holds the state lock): the one it
    /// picked if the library still has it, else the default.
    fn pack_in(&self, state: &State, chat_id: i64) -> usize {
        state
            .get(chat_id)
            .and_then(|c| c.subject.as_deref())
            .and_then(|id| self.library.position(id))
            .unwrap_or_else(|| self.default_pack())
    }

    /// The position of chat `chat_id`'s subject.
    fn pack_of(&self, chat_id: i64) -> usize {
        self.pack_in(&self.state(), chat_id)
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
        self.forget_expired(now);
        let mut effects = self.quiz_tick(now);
        effects.extend(self.homework_tick(now));
        effects.extend(self.facts_tick(now));
        effects
    }

    /// Drops, at most once an hour, the unanswered questions past their 30 days and the
    /// questions to review that nobody practised for 30 days after they fell due, so nothing
    /// is kept longer than the README says, whether or not anyone asks for a report.
    fn forget_expired(&self, now: Timestamp) {
        {
            let mut last = self.expired.lock().unwrap_or_else(|p| p.into_inner());
            if last.is_some_and(|t| now.duration_since(t) < jiff::SignedDuration::from_hours(1)) {
                return;
            }
            *last = Some(now);
        }
        let days = jiff::SignedDuration::from_hours(24 * crate::state::UNANSWERED_DAYS);
        let stale = jiff::SignedDuration::from_hours(24 * crate::quiz::review::STALE_DAYS);
        let mut state = self.state();
        let mut changed = false;
        if !self.settings.keep_unanswered && !state.unanswered.is_empty() {
            // Turned off: nothing from private chats is kept any longer.
            state.unanswered.clear();
            changed = true;
        }
        for list in state.unanswered.values_mut() {
            let before = list.len();
            crate::state::forget_old(list, now);
            changed |= list.len() != before;
        }
        let old: Vec<i64> = state
            .chats
            .iter()
            .filter(|(_, c)| {
                c.unanswered
                    .iter()
                    .any(|q| now.duration_since(q.at) >= days)
                    || c.review
                        .values()
                        .flatten()
                        .any(|(_, r)| now.duration_since(r.due) >= stale)
            })
            .map(|(id, _)| *id)
            .collect();
        for id in old {
            let cs = state.chat(id);
            crate::state::forget_old(&mut cs.unanswered, now);
            for reviews in cs.review.values_mut() {
                crate::quiz::review::forget_stale(reviews, now);
            }
            cs.review.retain(|_, r| !r.is_empty());
            changed = true;
        }
        drop(state);
        if changed {
            self.changed();
        }
    }

    /// The next instant [`App::tick`] has something to do, after `now`: a round's next
    /// moment or the next daily fact. Anything handled since may move it, so it is asked
    /// again after every call.
    pub fn next_wake(&self, now: Timestamp) -> Option<Timestamp> {
        [
            self.next_quiz_wake(),
            self.next_homework_wake(now),
            self.next_fact_at(now),
        ]
        .into_iter()
        .flatten()
        .min()
    }

    /// The next moment a person waits for, after `now`: a question's deadline, the end of a
    /// pause, the next daily fact (live answer counts aside). The playground skips to it.
    pub fn next_milestone(&self, now: Timestamp) -> Option<Timestamp> {
        [
            self.next_quiz_milestone(),
            self.next_homework_milestone(),
            self.next_fact_at(now),
        ]
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
                match homework::is_homework_tag(tag) {
                    Some(id) => self.homework_delivered(chat, id, message_id),
                    None => self.delivered(chat, message_id, tag, at),
                }
                Vec::new()
            }
            Event::AddedToGroup { chat } => {
                vec![send(chat, texts::group_intro(self.content()), None)]
            }
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
            Event::Document {
                chat,
                from,
                file,
                caption,
                sent: _,
            } => self.on_document(chat, from.as_ref(), file, caption.as_deref(), now),
            Event::Fetched { fetch, result } => self.on_fetched(fetch, result),
            Event::SetStored { change } => {
                self.set_stored(change);
                Vec::new()
            }
            Event::SetUnsaved { change } => self.set_unsaved(change),
            Event::ClassSize {
                chat,
                homework,
                students,
            } => {
                self.class_size(chat, homework, students);
                Vec::new()
            }
        }
    }

    fn guard(&self) -> MutexGuard<'_, Guard> {
        self.guard.lock().unwrap_or_else(|p| p.into_inner())
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
}

fn send(chat: Chat, html: String, reply_to: Option<i32>) -> Effect {
    Effect::Send(Outgoing {
        reply_to,
        ..outgoing(chat, html)
    })
}

/// A plain message to `chat`: no buttons, no reply, nothing waiting on it.
fn outgoing(chat: Chat, html: String) -> Outgoing {
    Outgoing {
        chat,
        html,
        keyboard: Vec::new(),
        reply_to: None,
        background: false,
        tag: None,
        asker: None,
    }
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
pub(crate) mod tests;

#[cfg(test)]
#[path = "quiz_tests.rs"]
mod quiz_tests;

#[cfg(test)]
#[path = "subject_tests.rs"]
mod subject_tests;

#[cfg(test)]
#[path = "sets_tests.rs"]
mod sets_tests;

#[cfg(test)]
#[path = "report_tests.rs"]
mod report_tests;

#[cfg(test)]
#[path = "homework_tests.rs"]
mod homework_tests;
