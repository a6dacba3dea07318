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
use crate::quiz::insight::Insight;
use crate::quiz::practice::Practice;

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
        let Some(old) = self.chats.remove(&from) else {
            return;
        };
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
