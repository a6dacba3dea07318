//! The in-memory state of every chat, and (in `snapshot`) its versioned file on disk.
//!
//! State is plain data changed by the app under one lock; the snapshot writer copies it out
//! under the same lock and writes the file elsewhere, so a write never stalls answering.

pub mod snapshot;

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::Date;

use crate::facts::Rotation;
use crate::facts::schedule::Schedule;
use crate::quiz::Round;
use crate::quiz::board::Board;
use crate::quiz::homework::{Homework, Record};
use crate::quiz::insight::Insight;
use crate::quiz::practice::Practice;
use crate::quiz::review::Reviews;

/// What a chat keeps for each subject it has used.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SubjectState {
    /// The chat's way through this subject's facts.
    pub facts: Rotation,
    /// This subject's quiz question ids asked here recently, oldest first.
    pub recent: Vec<String>,
}

/// Everything kelasbot remembers about one chat.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChatState {
    /// The subject (pack id) the chat picked with `/materi`; `None` follows the bot's default.
    pub subject: Option<String>,
    /// Per subject (pack id): fact rotation and recent questions.
    pub subjects: BTreeMap<String, SubjectState>,
    /// The group's daily fact, when a teacher subscribed it.
    pub subscription: Option<Subscription>,
    /// The group's name as Telegram last gave it (for a student's own `/skor` in private).
    pub title: Option<String>,
    /// The group's cumulative scoreboard.
    pub board: Board,
    /// How many quiz rounds were started here (numbers the next one).
    pub rounds: u32,
    /// A quiz round runs here (the round itself is in [`State::rounds`]). Found set after a
    /// restart, it means the round was cut off, which is announced.
    pub round_running: bool,
    /// How many practices were started (numbers the next one).
    pub practices: u32,
    /// Best practice score per round length.
    pub practice_best: BTreeMap<u32, u32>,
    /// What the group's rounds showed, per subject (pack id, or a teacher's set's key).
    pub insight: BTreeMap<String, Insight>,
    /// Questions asked in the group that the bot could not answer, oldest first.
    pub unanswered: Vec<Unanswered>,
    /// A student's (in their private chat's state) questions to review, per subject.
    pub review: BTreeMap<String, Reviews>,
    /// The group's open homework, with every student's attempt.
    pub homework: Option<Homework>,
    /// How many homework were given here (numbers the next one).
    pub homeworks: u32,
    /// The results of the group's last closed homework, oldest first.
    pub homework_done: Vec<Record>,
}

/// A question the bot could not answer, kept as text only: no name, no user id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unanswered {
    pub text: String,
    /// How the matcher reads it: the ways of asking one thing share it.
    pub reading: String,
    /// The pack id of the subject it was asked in.
    pub subject: String,
    pub at: jiff::Timestamp,
    /// "Maksud kamu…?" was offered and nothing picked yet.
    pub unsure: bool,
    /// The FAQ entries offered then (their ids): picking one takes the question off the list.
    pub suggested: Vec<String>,
}

/// How long an unanswered question is kept.
pub const UNANSWERED_DAYS: i64 = 30;
/// Unanswered questions a group keeps, and a subject of private chats (newest kept).
pub const UNANSWERED_PER_GROUP: usize = 200;
pub const UNANSWERED_PER_SUBJECT: usize = 500;

/// Adds `q` to `list`, dropping what is older than [`UNANSWERED_DAYS`] and the oldest past
/// `max`.
pub fn keep_unanswered(list: &mut Vec<Unanswered>, q: Unanswered, max: usize) {
    forget_old(list, q.at);
    list.push(q);
    let extra = list.len().saturating_sub(max);
    list.drain(..extra);
}

/// Drops the questions older than [`UNANSWERED_DAYS`] at `now`.
pub fn forget_old(list: &mut Vec<Unanswered>, now: jiff::Timestamp) {
    let days = jiff::SignedDuration::from_hours(24 * UNANSWERED_DAYS);
    list.retain(|q| now.duration_since(q.at) < days);
}

/// A group's daily-fact subscription.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub schedule: Schedule,
    /// The forum topic the teacher subscribed in; the daily fact goes there.
    pub thread: Option<i32>,
    /// The last local date whose fact was sent (or deliberately skipped, as on the day of
    /// subscribing after the hour had passed). Recorded before the send.
    pub last_date: Option<Date>,
}

impl ChatState {
    fn is_empty(&self) -> bool {
        *self == ChatState::default()
    }

    /// What the chat keeps for subject `pack`, created empty if new.
    pub fn subject_state(&mut self, pack: &str) -> &mut SubjectState {
        self.subjects.entry(pack.to_string()).or_default()
    }
}

/// Every chat's state. Each chat sits behind an `Arc`, so a snapshot copies the map of
/// pointers under the lock (not every scoreboard) and a chat is copied only when it changes
/// while a snapshot still holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    pub chats: BTreeMap<i64, Arc<ChatState>>,
    /// Quiz rounds running now, by group. They change with every press, so they live apart
    /// from the chats a snapshot copies; they are not kept across a restart.
    pub rounds: BTreeMap<i64, Round>,
    /// Practices under way, by private chat; not kept across a restart either.
    pub practice: BTreeMap<i64, Practice>,
    /// Groups that became supergroups: old id → new id, for buttons on old messages. Not
    /// snapshotted.
    pub moved: BTreeMap<i64, i64>,
    /// Questions from private chats the bot could not answer, per subject, without any user
    /// or chat id; kept only when the operator turned it on (`KELASBOT_KEEP_UNANSWERED`).
    pub unanswered: BTreeMap<String, Vec<Unanswered>>,
}

impl State {
    /// The chat's state to change, created empty if new.
    pub fn chat(&mut self, id: i64) -> &mut ChatState {
        Arc::make_mut(self.chats.entry(id).or_default())
    }

    /// What a snapshot writes: the chats, sharing every one with the live state, so taking
    /// it under the lock copies a map of pointers and nothing else.
    pub fn snapshot_copy(&self) -> State {
        State {
            chats: self.chats.clone(),
            unanswered: self.unanswered.clone(),
            ..State::default()
        }
    }

    pub fn get(&self, id: i64) -> Option<&ChatState> {
        self.chats.get(&id).map(|c| &**c)
    }

    /// The chat's state to change, if it has any.
    pub fn get_mut(&mut self, id: i64) -> Option<&mut ChatState> {
        self.chats.get_mut(&id).map(Arc::make_mut)
    }

    /// A group became a supergroup: everything it had moves to the new id. If the new id
    /// already has state (an update raced the migration), the old chat's state wins where the
    /// new one is still empty.
    pub fn migrate(&mut self, from: i64, to: i64) {
        self.moved.insert(from, to);
        if let Some(round) = self.rounds.remove(&from) {
            self.rounds.entry(to).or_insert(round);
        }
        let Some(mut old) = self.chats.remove(&from) else {
            return;
        };
        // The homework's group message stays in the old group, where it can no longer be
        // edited: the count and the closing edit stop; its summary goes to the new one.
        if old
            .homework
            .as_ref()
            .is_some_and(|h| h.message_id.is_some())
            && let Some(h) = Arc::make_mut(&mut old).homework.as_mut()
        {
            h.message_id = None;
        }
        let new = self.chats.entry(to).or_default();
        if new.is_empty() {
            *new = old;
        } else {
            // The new chat already has something (an update raced the migration): the board
            // and a running round still follow the class.
            let new = Arc::make_mut(new);
            let mut old = Arc::unwrap_or_clone(old);
            if new.board.is_empty() {
                new.board = std::mem::take(&mut old.board);
            }
            if new.insight.is_empty() {
                new.insight = std::mem::take(&mut old.insight);
            }
            if new.unanswered.is_empty() {
                new.unanswered = std::mem::take(&mut old.unanswered);
            }
            if new.homework.is_none() {
                new.homework = old.homework.take();
            }
            if new.homework_done.is_empty() {
                new.homework_done = std::mem::take(&mut old.homework_done);
            }
            new.homeworks = new.homeworks.max(old.homeworks);
            new.round_running |= old.round_running;
            if new.subscription.is_none() {
                new.subscription = old.subscription.take();
            }
            if new.subject.is_none() {
                new.subject = old.subject.take();
            }
            for (pack, kept) in std::mem::take(&mut old.subjects) {
                new.subjects.entry(pack).or_insert(kept);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unanswered_questions_expire_after_thirty_days_and_stay_bounded() {
        let t0: jiff::Timestamp = "2026-11-01T00:00:00Z".parse().expect("time");
        let q = |text: &str, at: jiff::Timestamp| Unanswered {
            text: text.into(),
            reading: text.into(),
            subject: "ips".into(),
            at,
            unsure: false,
            suggested: Vec::new(),
        };
        let mut list = Vec::new();
        keep_unanswered(&mut list, q("lama", t0), 3);
        let day = jiff::SignedDuration::from_hours(24);
        keep_unanswered(&mut list, q("baru", t0 + day * 29), 3);
        assert_eq!(list.len(), 2);
        keep_unanswered(&mut list, q("lagi", t0 + day * 30), 3);
        let texts: Vec<&str> = list.iter().map(|q| q.text.as_str()).collect();
        assert_eq!(texts, ["baru", "lagi"]);
        for n in 0..5 {
            keep_unanswered(&mut list, q(&n.to_string(), t0 + day * 30), 3);
        }
        let texts: Vec<&str> = list.iter().map(|q| q.text.as_str()).collect();
        assert_eq!(texts, ["2", "3", "4"]);
    }

    #[test]
    fn migration_moves_a_chat() {
        let mut s = State::default();
        s.chat(-1).subject_state("ips").facts.cycle = 3;
        s.migrate(-1, -1001);
        assert!(!s.chats.contains_key(&-1));
        assert_eq!(s.chats[&-1001].subjects["ips"].facts.cycle, 3);
        s.migrate(-5, -1005);
        assert!(!s.chats.contains_key(&-1005));
    }
}
