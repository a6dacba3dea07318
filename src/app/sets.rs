//! Teachers' own sets in the app: a file or a pasted list sent in a private chat becomes a
//! set (asked before it replaces one of the same name); `/kuisku` lists them with a delete
//! button; `/templat` sends the template. Running a set is in `rounds` and `practice`.
//!
//! The sets live in memory here and each in its own file on disk: every change goes out as
//! [`Effect::StoreSet`], and one the disk refused comes back as [`Event::SetUnsaved`] and is
//! taken back. Files sent in groups are never read.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};

use super::callback::{CallbackData, DeleteStep};
use super::event::{Fetch, FetchError, FileRef, SetChange};
use super::{App, Button, Chat, ChatKind, Document, Effect, Outgoing, User, outgoing, send};
use crate::sets::{self, FileKind, Parsed, QuizSet, ReadError};
use crate::texts::sets as st;
use crate::texts::sets::Unit;

/// How long after `/buatkuis` (or the last pasted part) pasted messages go to the set.
const PASTE_WINDOW: SignedDuration = SignedDuration::from_mins(15);
/// Files read at once, for everyone together: reading is work for the processor, and the
/// machine has few.
const MAX_FETCHES: usize = 4;
/// A file whose reading has not come back by then no longer holds its sender's turn.
const FETCH_TIMEOUT: SignedDuration = SignedDuration::from_mins(3);

/// A set as the app keeps it: shared, and the size of its file.
#[derive(Debug, Clone)]
struct Stored {
    set: Arc<QuizSet>,
    bytes: u64,
}

/// A private chat pasting questions into a set.
#[derive(Debug, Clone)]
struct Pasting {
    name: String,
    until: Timestamp,
    /// Parts pasted so far were saved: the next part adds to the set without asking.
    saved: bool,
}

/// Every person's sets, and what waits for an answer. Only the sets are kept on disk.
#[derive(Debug, Default)]
pub(super) struct SetBook {
    sets: BTreeMap<i64, BTreeMap<String, Stored>>,
    /// A set read for its owner that would replace one of the same name, until they say.
    replacing: BTreeMap<i64, (QuizSet, String)>,
    pasting: BTreeMap<i64, Pasting>,
    /// People whose file is being fetched and read, since when: one file at a time each.
    fetching: BTreeMap<i64, Timestamp>,
    /// What each set's file holds, as far as the disk confirmed: what a refused change goes
    /// back to.
    disk: BTreeMap<(i64, String), Arc<QuizSet>>,
    /// Bytes of every set's file together.
    total: u64,
}

impl SetBook {
    fn get(&self, owner: i64, name: &str) -> Option<&Stored> {
        self.sets.get(&owner)?.get(name)
    }

    fn owned(&self, owner: i64) -> impl Iterator<Item = &Stored> {
        self.sets.get(&owner).into_iter().flat_map(|m| m.values())
    }

    fn put(&mut self, set: Arc<QuizSet>, bytes: u64) {
        let old = self
            .sets
            .entry(set.owner)
            .or_default()
            .insert(set.name.clone(), Stored { set, bytes });
        self.total = (self.total + bytes).saturating_sub(old.map_or(0, |o| o.bytes));
    }

    fn remove(&mut self, owner: i64, name: &str) -> Option<Stored> {
        let mine = self.sets.get_mut(&owner)?;
        let gone = mine.remove(name);
        if mine.is_empty() {
            self.sets.remove(&owner);
        }
        if let Some(g) = &gone {
            self.total = self.total.saturating_sub(g.bytes);
        }
        gone
    }
}

/// Adds `more` to `questions` up to a set's limit; returns how many did not fit.
fn append(questions: &mut Vec<sets::SetQuestion>, more: Vec<sets::SetQuestion>) -> usize {
    let room = sets::MAX_QUESTIONS.saturating_sub(questions.len());
    let cut = more.len().saturating_sub(room);
    questions.extend(more.into_iter().take(room));
    cut
}

fn private(id: i64) -> Chat {
    Chat {
        id,
        kind: ChatKind::Private,
        thread: None,
    }
}

impl App {
    /// Sets read from disk at start, each with its file's size.
    pub fn load_sets(&self, sets: Vec<(QuizSet, u64)>) {
        let mut book = self.sets();
        for (set, bytes) in sets {
            let set = Arc::new(set);
            book.disk.insert((set.owner, set.name.clone()), set.clone());
            book.put(set, bytes);
        }
    }

    /// `owner`'s set `name`, if they have one.
    pub fn set_of(&self, owner: i64, name: &str) -> Option<Arc<QuizSet>> {
        self.sets().get(owner, name).map(|s| s.set.clone())
    }

    /// Whether a name is some subject's topic id (no set may be named so).
    fn is_topic(&self, name: &str) -> bool {
        self.library.packs().iter().any(|p| {
            p.pack
                .topics
                .iter()
                .any(|t| t.id.eq_ignore_ascii_case(name))
        })
    }

    /// A file sent to the bot. In a group it is never read: students would see the key.
    pub(super) fn on_document(
        &self,
        chat: Chat,
        from: Option<&User>,
        file: FileRef,
        caption: Option<&str>,
        now: Timestamp,
    ) -> Vec<Effect> {
        let Some(from) = from.filter(|_| chat.kind == ChatKind::Private) else {
            return Vec::new();
        };
        self.sets().pasting.remove(&chat.id);
        let Some(kind) = FileKind::of(&file.name) else {
            return vec![send(chat, st::NOT_A_SET_FILE.into(), None)];
        };
        if file.size.is_some_and(|s| s > sets::MAX_FILE_BYTES) {
            return vec![send(chat, st::too_large(), None)];
        }
        let named = caption.map(str::trim).filter(|c| !c.is_empty());
        let name = sets::slug(named.unwrap_or(&file.name));
        if let Err(problem) = sets::check_name(&name, |n| self.is_topic(n)) {
            return vec![send(chat, st::bad_name(problem, &name, true), None)];
        }
        if let Some(refused) = self.room_for(chat, from.id, &name) {
            return vec![refused];
        }
        {
            let mut book = self.sets();
            book.fetching
                .retain(|_, since| now.duration_since(*since) < FETCH_TIMEOUT);
            if book.fetching.contains_key(&from.id) {
                return vec![send(chat, st::STILL_READING.into(), None)];
            }
            if book.fetching.len() >= MAX_FETCHES {
                return vec![send(chat, st::BUSY.into(), None)];
            }
            book.fetching.insert(from.id, now);
        }
        let reading = send(chat, st::reading(&file.name, &name), None);
        vec![
            reading,
            Effect::Fetch(Fetch {
                chat,
                from: from.clone(),
                file,
                kind,
                name,
            }),
        ]
    }

    /// A refusal when `owner` may not add set `name`: they have as many as they may keep.
    fn room_for(&self, chat: Chat, owner: i64, name: &str) -> Option<Effect> {
        let book = self.sets();
        let count = book.owned(owner).count();
        (count >= sets::MAX_SETS && book.get(owner, name).is_none())
            .then(|| send(chat, st::too_many_sets(), None))
    }

    /// What a downloaded file held.
    pub(super) fn on_fetched(
        &self,
        fetch: Fetch,
        result: Result<Parsed, FetchError>,
    ) -> Vec<Effect> {
        let chat = fetch.chat;
        self.sets().fetching.remove(&fetch.from.id);
        let parsed = match result {
            Ok(parsed) => parsed,
            Err(e) => {
                let html = match e {
                    FetchError::TooLarge => st::too_large(),
                    FetchError::Download => st::DOWNLOAD_FAILED.into(),
                    FetchError::TimedOut => st::TIMED_OUT.into(),
                    FetchError::Read(ReadError::NoHeader) => st::NO_HEADER.into(),
                    FetchError::Read(ReadError::Sheet(s)) => st::sheet_error(&s),
                };
                return vec![send(chat, html, None)];
            }
        };
        self.offer(chat, &fetch.from, &fetch.name, parsed, Unit::Row, false)
    }

    /// Questions read for `from`'s set `name`: saved, offered as a replacement, or refused
    /// when none is valid. `adding` (a later part of a pasted list) adds them to the set, or to
    /// the replacement still waiting for an answer.
    fn offer(
        &self,
        chat: Chat,
        from: &User,
        name: &str,
        parsed: Parsed,
        unit: Unit,
        adding: bool,
    ) -> Vec<Effect> {
        let summary = st::summary(&parsed, unit);
        if parsed.questions.is_empty() {
            return vec![send(chat, st::nothing_saved(&summary), None)];
        }
        let mut set = QuizSet {
            name: name.to_string(),
            owner: from.id,
            author: from.first_name.clone(),
            questions: parsed.questions,
        };
        let mut book = self.sets();
        if adding
            && let Some((pending, _)) = book
                .replacing
                .get_mut(&from.id)
                .filter(|(p, _)| p.name == name)
        {
            let cut = append(&mut pending.questions, set.questions);
            let total = pending.questions.len();
            let old = book.get(from.id, name).map_or(0, |s| s.set.questions.len());
            drop(book);
            let summary = st::with_cut(&summary, cut);
            return vec![self.replace_ask(
                chat,
                name,
                st::replace_ask_more(&summary, name, total, old),
            )];
        }
        let existing = book.get(from.id, name).map(|s| s.set.clone());
        drop(book);
        match existing {
            Some(old) if adding => {
                let mut questions = old.questions.clone();
                let cut = append(&mut questions, set.questions);
                set.questions = questions;
                let summary = st::with_cut(&summary, cut);
                self.store(chat, set, |set| st::saved(&summary, set, true))
            }
            Some(old) => {
                let html = st::replace_ask(&summary, name, old.questions.len());
                self.sets()
                    .replacing
                    .insert(from.id, (set, summary.clone()));
                vec![self.replace_ask(chat, name, html)]
            }
            None => self.store(chat, set, |set| st::saved(&summary, set, false)),
        }
    }

    /// The question whether set `name` is replaced, with its two buttons.
    fn replace_ask(&self, chat: Chat, name: &str, html: String) -> Effect {
        let button = |yes: bool, label: &str| Button::Callback {
            label: label.into(),
            data: CallbackData::SetReplace {
                yes,
                name: name.to_string(),
            }
            .encode(),
        };
        Effect::Send(Outgoing {
            keyboard: vec![vec![button(true, st::REPLACE), button(false, st::KEEP)]],
            ..outgoing(chat, html)
        })
    }

    /// Keeps `set` and writes its file; `said` is the message once it is on disk.
    fn store(&self, chat: Chat, set: QuizSet, said: impl Fn(&QuizSet) -> String) -> Vec<Effect> {
        let bytes = sets::file::encode(&set);
        let size = bytes.len() as u64;
        let mut book = self.sets();
        let new = book.get(set.owner, &set.name).is_none();
        if new && book.owned(set.owner).count() >= sets::MAX_SETS {
            return vec![send(chat, st::too_many_sets(), None)];
        }
        let others: u64 = book
            .owned(set.owner)
            .filter(|s| s.set.name != set.name)
            .map(|s| s.bytes)
            .sum();
        if others + size > sets::QUOTA_BYTES {
            return vec![send(chat, st::over_quota(), None)];
        }
        let replaced = book.get(set.owner, &set.name).map_or(0, |s| s.bytes);
        if (book.total + size).saturating_sub(replaced) > sets::TOTAL_BYTES {
            tracing::warn!("the sets of everyone together reached their limit");
            return vec![send(chat, st::BOT_FULL.into(), None)];
        }
        let set = Arc::new(set);
        book.put(set.clone(), size);
        drop(book);
        let html = said(&set);
        vec![Effect::StoreSet {
            change: SetChange {
                owner: set.owner,
                name: set.name.clone(),
                set: Some(set),
                bytes: Some(bytes),
                chat,
            },
            then: vec![send(chat, html, None)],
        }]
    }

    /// A set's file was written or removed: the disk holds that version now.
    pub(super) fn set_stored(&self, change: SetChange) {
        let key = (change.owner, change.name);
        let mut book = self.sets();
        match change.set {
            Some(set) => book.disk.insert(key, set),
            None => book.disk.remove(&key),
        };
    }

    /// The disk refused a set's change. If it is still the set's last change, the set goes
    /// back to what the disk holds, and its owner is told; a newer change on its way writes
    /// the whole set anyway.
    pub(super) fn set_unsaved(&self, change: SetChange) -> Vec<Effect> {
        let mut book = self.sets();
        let now = book.get(change.owner, &change.name).map(|s| s.set.clone());
        let last = match (&now, &change.set) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        if last {
            let key = (change.owner, change.name.clone());
            match book.disk.get(&key).cloned() {
                Some(on_disk) => {
                    let bytes = sets::file::encode(&on_disk).len() as u64;
                    book.put(on_disk, bytes);
                }
                None => {
                    book.remove(change.owner, &change.name);
                }
            }
        }
        // A list being pasted adds to its set only while the set is kept.
        let pasting = book.pasting.get(&change.chat.id).map(|p| p.name.clone());
        if let Some(name) = pasting {
            let kept = book.get(change.owner, &name).is_some();
            if let Some(p) = book.pasting.get_mut(&change.chat.id) {
                p.saved = kept;
            }
        }
        let html = if change.set.is_none() {
            st::DELETE_FAILED
        } else {
            st::SAVE_FAILED
        };
        vec![send(change.chat, html.into(), None)]
    }

    /// `/buatkuis <nama>`: the next messages are pasted questions for that set. Questions on
    /// the command's own lines are read at once.
    pub(super) fn paste_start(
        &self,
        chat: Chat,
        from: Option<&User>,
        args: &str,
        now: Timestamp,
    ) -> Vec<Effect> {
        let Some(from) = from else {
            return Vec::new();
        };
        let (first, rest) = args.split_once('\n').unwrap_or((args, ""));
        // No name, or the list itself right after the command.
        if first.trim().is_empty() || sets::paste::is_question_line(first) {
            return vec![send(chat, st::PASTE_NEEDS_NAME.into(), None)];
        }
        let name = sets::slug(first);
        if let Err(problem) = sets::check_name(&name, |n| self.is_topic(n)) {
            return vec![send(chat, st::bad_name(problem, &name, false), None)];
        }
        if let Some(refused) = self.room_for(chat, from.id, &name) {
            return vec![refused];
        }
        self.sets().pasting.insert(
            chat.id,
            Pasting {
                name: name.clone(),
                until: now + PASTE_WINDOW,
                saved: false,
            },
        );
        if rest.trim().is_empty() {
            vec![send(chat, st::paste_how(&name), None)]
        } else {
            self.pasted(chat, from, rest, now)
                .unwrap_or_else(|| vec![send(chat, st::PASTE_NOTHING.into(), None)])
        }
    }

    /// A private message while the chat is pasting a list: its questions go to the set.
    /// `None` when the chat is not pasting (the message is a question for the FAQ).
    pub(super) fn pasted(
        &self,
        chat: Chat,
        from: &User,
        text: &str,
        now: Timestamp,
    ) -> Option<Vec<Effect>> {
        let (name, adding) = {
            let mut book = self.sets();
            let p = book.pasting.get_mut(&chat.id)?;
            if p.until < now {
                book.pasting.remove(&chat.id);
                return None;
            }
            p.until = now + PASTE_WINDOW;
            let (name, saved) = (p.name.clone(), p.saved);
            // A part after one that asked to replace the set goes to that replacement.
            let waiting = book
                .replacing
                .get(&from.id)
                .is_some_and(|(set, _)| set.name == name);
            (name, saved || waiting)
        };
        let parsed = sets::paste::read_text(text);
        if parsed.questions.is_empty() && parsed.skipped.is_empty() {
            return Some(vec![send(chat, st::PASTE_NOTHING.into(), None)]);
        }
        let effects = self.offer(chat, from, &name, parsed, Unit::Question, adding);
        let stored = effects.iter().any(|e| matches!(e, Effect::StoreSet { .. }));
        if let Some(p) = self.sets().pasting.get_mut(&chat.id) {
            p.saved |= stored;
        }
        Some(effects)
    }

    /// Any command ends pasting.
    pub(super) fn paste_end(&self, chat_id: i64) {
        self.sets().pasting.remove(&chat_id);
    }

    /// The owner's answer to "replace set `name`?".
    pub(super) fn replace_answer(
        &self,
        query_id: String,
        from: &User,
        yes: bool,
        name: &str,
    ) -> Vec<Effect> {
        let pending = {
            let mut book = self.sets();
            let waiting = book
                .replacing
                .get(&from.id)
                .is_some_and(|(set, _)| set.name == name);
            if waiting {
                book.replacing.remove(&from.id)
            } else {
                None
            }
        };
        let Some((set, summary)) = pending else {
            return vec![toast(query_id, st::NOTHING_PENDING)];
        };
        let chat = private(from.id);
        let mut effects = vec![Effect::AnswerCallback {
            query_id,
            text: None,
        }];
        if !yes {
            effects.push(send(chat, st::KEPT.into(), None));
            return effects;
        }
        let stored = self.store(chat, set, |set| st::saved(&summary, set, false));
        if stored.iter().any(|e| matches!(e, Effect::StoreSet { .. }))
            && let Some(p) = self.sets().pasting.get_mut(&chat.id)
            && p.name == name
        {
            p.saved = true;
        }
        effects.extend(stored);
        effects
    }

    /// `/kuisku`: the sender's sets, each with its `/kuis` line and a delete button.
    pub(super) fn my_sets(&self, chat: Chat, from: Option<&User>) -> Effect {
        let owner = from.map_or(chat.id, |u| u.id);
        let book = self.sets();
        let mine: Vec<(&QuizSet, u64)> = book.owned(owner).map(|s| (&*s.set, s.bytes)).collect();
        let keyboard = mine
            .iter()
            .map(|(set, _)| {
                vec![Button::Callback {
                    label: st::delete_label(&set.name),
                    data: CallbackData::SetDelete {
                        name: set.name.clone(),
                        step: DeleteStep::Ask,
                    }
                    .encode(),
                }]
            })
            .collect();
        Effect::Send(Outgoing {
            keyboard,
            ..outgoing(chat, st::list(&mine))
        })
    }

    /// A press on a delete button of `/kuisku`, or on its confirmation.
    pub(super) fn delete_press(
        &self,
        query_id: String,
        from: &User,
        name: &str,
        step: DeleteStep,
    ) -> Vec<Effect> {
        let chat = private(from.id);
        let Some(set) = self.set_of(from.id, name) else {
            return vec![toast(query_id, st::GONE)];
        };
        let answered = Effect::AnswerCallback {
            query_id,
            text: None,
        };
        match step {
            DeleteStep::Ask => {
                let data = |step| CallbackData::SetDelete {
                    name: name.to_string(),
                    step,
                };
                let keyboard = vec![vec![
                    Button::Callback {
                        label: st::DELETE_YES.into(),
                        data: data(DeleteStep::Yes).encode(),
                    },
                    Button::Callback {
                        label: st::KEEP.into(),
                        data: data(DeleteStep::No).encode(),
                    },
                ]];
                let ask = Outgoing {
                    keyboard,
                    ..outgoing(chat, st::delete_ask(name, set.questions.len()))
                };
                vec![answered, Effect::Send(ask)]
            }
            DeleteStep::No => vec![answered, send(chat, st::not_deleted(name), None)],
            DeleteStep::Yes => {
                self.sets().remove(from.id, name);
                self.forget_set(from.id, name);
                vec![
                    answered,
                    Effect::StoreSet {
                        change: SetChange {
                            owner: from.id,
                            name: name.to_string(),
                            set: None,
                            bytes: None,
                            chat,
                        },
                        then: vec![send(chat, st::deleted(name), None)],
                    },
                ]
            }
        }
    }

    /// A deleted set's recently asked questions and questions to review are forgotten in every
    /// chat (what a group's rounds of it showed stays in its report).
    fn forget_set(&self, owner: i64, name: &str) {
        let key = sets::set_key(owner, name);
        let mut state = self.state();
        let holders: Vec<i64> = state
            .chats
            .iter()
            .filter(|(_, c)| c.subjects.contains_key(&key) || c.review.contains_key(&key))
            .map(|(id, _)| *id)
            .collect();
        for &id in &holders {
            let cs = state.chat(id);
            cs.subjects.remove(&key);
            cs.review.remove(&key);
        }
        drop(state);
        if !holders.is_empty() {
            self.changed();
        }
    }

    /// `/templat`: the bot's template as `.xlsx` and as a `;`-separated `.csv`.
    pub(super) fn template(&self, chat: Chat) -> Vec<Effect> {
        let rows = sets::template_rows();
        let doc = |file_name: &str, bytes: Vec<u8>, caption: &str| {
            Effect::Document(Document {
                chat,
                file_name: file_name.into(),
                bytes,
                caption: caption.into(),
                photo: false,
                on_success: Vec::new(),
                on_failure: Vec::new(),
            })
        };
        vec![
            doc(
                "templat-kuis.xlsx",
                sets::xlsx::write_xlsx("Soal", &rows),
                st::TEMPLATE_CAPTION_XLSX,
            ),
            doc(
                "templat-kuis.csv",
                sets::template_csv(&rows).into_bytes(),
                st::TEMPLATE_CAPTION_CSV,
            ),
        ]
    }

    pub(super) fn sets(&self) -> std::sync::MutexGuard<'_, SetBook> {
        self.sets.lock().unwrap_or_else(|p| p.into_inner())
    }
}

fn toast(query_id: String, text: &str) -> Effect {
    Effect::AnswerCallback {
        query_id,
        text: Some(text.into()),
    }
}
