//! The in-memory state of every chat, and (in `snapshot`) its versioned file on disk.
//!
//! State is plain data changed by the app under one lock; the snapshot writer copies it out
//! under the same lock and writes the file elsewhere, so a write never stalls answering.

pub mod snapshot;

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::facts::Rotation;
use crate::facts::schedule::Schedule;

/// Everything kelasbot remembers about one chat.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChatState {
    pub facts: Rotation,
    /// The group's daily fact, when a teacher subscribed it.
    pub subscription: Option<Subscription>,
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
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    pub chats: BTreeMap<i64, ChatState>,
}

impl State {
    pub fn chat(&mut self, id: i64) -> &mut ChatState {
        self.chats.entry(id).or_default()
    }

    /// A group became a supergroup: everything it had moves to the new id. If the new id
    /// already has state (an update raced the migration), the old chat's state wins where the
    /// new one is still empty.
    pub fn migrate(&mut self, from: i64, to: i64) {
        let Some(old) = self.chats.remove(&from) else {
            return;
        };
        let new = self.chats.entry(to).or_default();
        if new.is_empty() {
            *new = old;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migration_moves_a_chat() {
        let mut s = State::default();
        s.chat(-1).facts.cycle = 3;
        s.migrate(-1, -1001);
        assert!(!s.chats.contains_key(&-1));
        assert_eq!(s.chats[&-1001].facts.cycle, 3);
        s.migrate(-5, -1005);
        assert!(!s.chats.contains_key(&-1005));
    }
}
