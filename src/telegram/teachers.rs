//! Who teaches a group: listed in `KELASBOT_TEACHERS`, or the group's creator or an
//! administrator as getChatMember says; and who is in a group at all (homework is for its
//! members), asked every time. A "yes" is remembered for a few minutes, except for
//! commands that destroy or reveal the class's data, which ask every time; a "no" is
//! remembered for a few seconds, so a student repeating teacher commands does not make each
//! one a request, while a teacher promoted a moment ago waits no longer than that. At most a
//! few lookups per group are with Telegram at once.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use teloxide::RequestError;
use teloxide::prelude::*;
use teloxide::types::ChatMember;
use tokio::sync::Semaphore;

use super::deliver;

/// How long a confirmed teacher is remembered.
pub const CACHE_FOR: Duration = Duration::from_secs(5 * 60);
/// How long a "not a teacher" is remembered.
pub const NO_FOR: Duration = Duration::from_secs(15);
/// Lookups one group may have with Telegram at once.
const LOOKUPS_PER_CHAT: usize = 2;
/// Attempts at getChatMember through network trouble before giving up (as "not a teacher").
const ATTEMPTS: u32 = 4;
/// Past this many remembered answers, stale ones are swept out.
const SWEEP_AT: usize = 10_000;

/// What is known without asking Telegram.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    Yes,
    No,
    /// Telegram must be asked.
    Ask,
}

pub struct Teachers {
    listed: BTreeSet<i64>,
    confirmed: Mutex<HashMap<(i64, i64), Instant>>,
    refused: Mutex<HashMap<(i64, i64), Instant>>,
    lookups: Mutex<HashMap<i64, Arc<Semaphore>>>,
}

fn remember(map: &Mutex<HashMap<(i64, i64), Instant>>, key: (i64, i64), keep: Duration) {
    let mut map = map.lock().unwrap_or_else(|p| p.into_inner());
    if map.len() >= SWEEP_AT {
        map.retain(|_, at| at.elapsed() < keep);
    }
    map.insert(key, Instant::now());
}

fn recalls(map: &Mutex<HashMap<(i64, i64), Instant>>, key: (i64, i64), keep: Duration) -> bool {
    let mut map = map.lock().unwrap_or_else(|p| p.into_inner());
    match map.get(&key) {
        Some(at) if at.elapsed() < keep => true,
        Some(_) => {
            map.remove(&key);
            false
        }
        None => false,
    }
}

impl Teachers {
    pub fn new(listed: BTreeSet<i64>) -> Teachers {
        Teachers {
            listed,
            confirmed: Mutex::new(HashMap::new()),
            refused: Mutex::new(HashMap::new()),
            lookups: Mutex::new(HashMap::new()),
        }
    }

    /// What is known of `user` in `chat` without asking; `fresh` when a remembered "yes" is
    /// not good enough.
    pub fn known(&self, chat: i64, user: i64, fresh: bool) -> Known {
        if self.listed.contains(&user) {
            Known::Yes
        } else if recalls(&self.refused, (chat, user), NO_FOR) {
            Known::No
        } else if !fresh && recalls(&self.confirmed, (chat, user), CACHE_FOR) {
            Known::Yes
        } else {
            Known::Ask
        }
    }

    /// What is known of `user`'s membership without asking: a listed teacher may try any
    /// group's homework; anyone else is asked about afresh.
    pub fn known_member(&self, user: i64) -> Known {
        if self.listed.contains(&user) {
            Known::Yes
        } else {
            Known::Ask
        }
    }

    /// Asks Telegram whether `user` is in `chat` (a member, restricted but still in it, an
    /// administrator or the creator); not remembered, since a student may leave.
    pub async fn is_member(&self, bot: &Bot, token: &str, chat: i64, user: i64) -> bool {
        self.with_slot(chat, bot, token, user, |m| m.is_present())
            .await
            .unwrap_or(false)
    }

    /// Asks Telegram whether `user` is the creator or an administrator of `chat`, and
    /// remembers the answer.
    pub async fn ask(&self, bot: &Bot, token: &str, chat: i64, user: i64) -> bool {
        let teaches = self
            .with_slot(chat, bot, token, user, |m| m.is_privileged())
            .await;
        match teaches {
            Some(true) => remember(&self.confirmed, (chat, user), CACHE_FOR),
            Some(false) => remember(&self.refused, (chat, user), NO_FOR),
            None => {}
        }
        teaches.unwrap_or(false)
    }

    /// getChatMember's answer about `user` in `chat`, read by `says`, within the group's few
    /// lookups at once: `None` when it could not be had.
    async fn with_slot(
        &self,
        chat: i64,
        bot: &Bot,
        token: &str,
        user: i64,
        says: impl Fn(&ChatMember) -> bool,
    ) -> Option<bool> {
        let Ok(user_id) = u64::try_from(user) else {
            return Some(false);
        };
        let slots = self
            .lookups
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .entry(chat)
            .or_insert_with(|| Arc::new(Semaphore::new(LOOKUPS_PER_CHAT)))
            .clone();
        let answer = match slots.acquire().await {
            Ok(_slot) => self.lookup(bot, token, chat, UserId(user_id), says).await,
            // Never closed; were it, the safe answer is no.
            Err(_) => Some(false),
        };
        drop(slots);
        let mut lookups = self.lookups.lock().unwrap_or_else(|p| p.into_inner());
        if lookups
            .get(&chat)
            .is_some_and(|s| Arc::strong_count(s) == 1)
        {
            lookups.remove(&chat);
        }
        answer
    }

    /// Telegram's answer: `None` when it could not be had.
    async fn lookup(
        &self,
        bot: &Bot,
        token: &str,
        chat: i64,
        user: UserId,
        says: impl Fn(&ChatMember) -> bool,
    ) -> Option<bool> {
        for attempt in 1..=ATTEMPTS {
            let wait = match bot.get_chat_member(ChatId(chat), user).await {
                Ok(member) => return Some(says(&member)),
                Err(RequestError::RetryAfter(s)) => s.duration(),
                Err(e @ RequestError::Api(_)) => {
                    tracing::warn!(chat, error = %deliver::describe(&e, token), "getChatMember refused");
                    return Some(false);
                }
                Err(e) => {
                    tracing::warn!(chat, attempt, error = %deliver::describe(&e, token), "getChatMember failed");
                    deliver::backoff(attempt)
                }
            };
            tokio::time::sleep(wait).await;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_teachers_are_known_and_a_fresh_check_ignores_a_remembered_yes() {
        let t = Teachers::new(BTreeSet::from([7]));
        assert_eq!(t.known(-1, 7, true), Known::Yes);
        assert_eq!(t.known(-1, 8, false), Known::Ask);
        remember(&t.confirmed, (-1, 8), CACHE_FOR);
        assert_eq!(t.known(-1, 8, false), Known::Yes);
        assert_eq!(t.known(-1, 8, true), Known::Ask);
        remember(&t.refused, (-1, 9), NO_FOR);
        assert_eq!(t.known(-1, 9, true), Known::No);
        assert_eq!(t.known(-2, 9, false), Known::Ask);
    }
}
