//! Who teaches a group: listed in `KELASBOT_TEACHERS`, or the group's creator or an
//! administrator as getChatMember says. A "yes" is cached for a few minutes; a "no" is never
//! cached, so a teacher promoted a minute ago is not refused from memory.

use std::collections::{BTreeSet, HashMap};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use teloxide::RequestError;
use teloxide::prelude::*;

use super::deliver;

/// How long a confirmed teacher is remembered.
pub const CACHE_FOR: Duration = Duration::from_secs(5 * 60);
/// Attempts at getChatMember through network trouble before giving up (as "not a teacher").
const ATTEMPTS: u32 = 4;

pub struct Teachers {
    listed: BTreeSet<i64>,
    confirmed: Mutex<HashMap<(i64, i64), Instant>>,
}

impl Teachers {
    pub fn new(listed: BTreeSet<i64>) -> Teachers {
        Teachers {
            listed,
            confirmed: Mutex::new(HashMap::new()),
        }
    }

    /// Known to teach `chat` without asking Telegram.
    pub fn known(&self, chat: i64, user: i64) -> bool {
        if self.listed.contains(&user) {
            return true;
        }
        let mut confirmed = self.confirmed.lock().unwrap_or_else(|p| p.into_inner());
        match confirmed.get(&(chat, user)) {
            Some(at) if at.elapsed() < CACHE_FOR => true,
            Some(_) => {
                confirmed.remove(&(chat, user));
                false
            }
            None => false,
        }
    }

    /// Asks Telegram whether `user` is the creator or an administrator of `chat`.
    pub async fn ask(&self, bot: &Bot, token: &str, chat: i64, user: i64) -> bool {
        let Ok(user_id) = u64::try_from(user) else {
            return false;
        };
        for attempt in 1..=ATTEMPTS {
            let wait = match bot.get_chat_member(ChatId(chat), UserId(user_id)).await {
                Ok(member) => {
                    let teaches = member.is_privileged();
                    if teaches {
                        let mut confirmed =
                            self.confirmed.lock().unwrap_or_else(|p| p.into_inner());
                        if confirmed.len() > 10_000 {
                            confirmed.retain(|_, at| at.elapsed() < CACHE_FOR);
                        }
                        confirmed.insert((chat, user), Instant::now());
                    }
                    return teaches;
                }
                Err(RequestError::RetryAfter(s)) => s.duration(),
                Err(e @ RequestError::Api(_)) => {
                    tracing::warn!(chat, error = %deliver::describe(&e, token), "getChatMember refused");
                    return false;
                }
                Err(e) => {
                    tracing::warn!(chat, attempt, error = %deliver::describe(&e, token), "getChatMember failed");
                    deliver::backoff(attempt)
                }
            };
            tokio::time::sleep(wait).await;
        }
        false
    }
}
