//! Keeping a group calm: a student who tries a teacher command is refused at most once per
//! 30 seconds, and the same command with the same arguments from one user within 30 seconds is
//! answered once. Short-lived memory, never snapshotted.

use std::collections::HashMap;

use jiff::{SignedDuration, Timestamp};

use super::event::ANONYMOUS_ADMIN;

/// How long a `/resetskor` confirmation button works.
pub const RESET_WINDOW: SignedDuration = SignedDuration::from_secs(60);

/// How long a refusal or a command is remembered.
pub const WINDOW_SECS: i64 = 30;
/// State-changing teacher commands older than this when they arrive are ignored.
pub const STALE_SECS: i64 = 120;
/// Past this many remembered entries, forgotten ones are swept out.
const SWEEP_AT: usize = 4096;

#[derive(Debug, Default)]
pub struct Guard {
    refused: HashMap<(i64, i64), Timestamp>,
    commands: HashMap<(i64, i64, String), Timestamp>,
    /// `/resetskor` waiting for its button: nonce → (chat, teacher, asked at).
    resets: HashMap<u32, (i64, i64, Timestamp)>,
    next_nonce: u32,
    /// Sizes at which the maps are next swept: doubled past what a sweep keeps, so a burst
    /// of distinct commands costs amortised constant time each.
    sweep_commands: usize,
    sweep_refused: usize,
}

/// Why a `/resetskor` button press did nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResetRefused {
    /// Someone other than the teacher who asked pressed it.
    NotYours,
    /// Too late, already used, or unknown.
    Expired,
}

fn fresh(at: Timestamp, now: Timestamp) -> bool {
    now.duration_since(at).as_secs() < WINDOW_SECS
}

impl Guard {
    /// Whether `user` already sent this exact command in `chat` within the window; remembers
    /// it otherwise.
    pub fn repeated(&mut self, chat: i64, user: i64, text: &str, now: Timestamp) -> bool {
        let key = (
            chat,
            user,
            text.split_whitespace().collect::<Vec<_>>().join(" "),
        );
        if self.commands.get(&key).is_some_and(|&at| fresh(at, now)) {
            return true;
        }
        if self.commands.len() >= self.sweep_commands.max(SWEEP_AT) {
            self.commands.retain(|_, at| fresh(*at, now));
            self.sweep_commands = self.commands.len() * 2;
        }
        self.commands.insert(key, now);
        false
    }

    /// Remembers a `/resetskor` by `user` in `chat`; returns the nonce its button carries.
    pub fn ask_reset(&mut self, chat: i64, user: i64, now: Timestamp) -> u32 {
        self.resets
            .retain(|_, (_, _, at)| now.duration_since(*at) < RESET_WINDOW);
        // Unguessable enough for a button only the group sees; unique among pending ones.
        self.next_nonce = self
            .next_nonce
            .wrapping_mul(2_654_435_761)
            .wrapping_add((now.as_millisecond() as u32) | 1);
        while self.resets.contains_key(&self.next_nonce) {
            self.next_nonce = self.next_nonce.wrapping_add(1);
        }
        self.resets.insert(self.next_nonce, (chat, user, now));
        self.next_nonce
    }

    /// The reset button `nonce` pressed by `user` in `chat` at `now`; `teacher` is whether
    /// Telegram says the presser teaches the group now. Only the teacher who asked may
    /// confirm, or, when an anonymous admin asked, any of the group's admins. A press that is
    /// refused leaves the reset pending for the right one.
    pub fn confirm_reset(
        &mut self,
        nonce: u32,
        chat: i64,
        (user, teacher): (i64, bool),
        now: Timestamp,
    ) -> Result<(), ResetRefused> {
        let Some(&(c, asker, at)) = self.resets.get(&nonce) else {
            return Err(ResetRefused::Expired);
        };
        if now.duration_since(at) > RESET_WINDOW {
            self.resets.remove(&nonce);
            return Err(ResetRefused::Expired);
        }
        if c != chat {
            return Err(ResetRefused::Expired);
        }
        let may = asker == user || asker == ANONYMOUS_ADMIN;
        if !(teacher && may) {
            return Err(ResetRefused::NotYours);
        }
        self.resets.remove(&nonce);
        Ok(())
    }

    /// Whether a refusal may be said to `user` now; remembers it if so.
    pub fn may_refuse(&mut self, chat: i64, user: i64, now: Timestamp) -> bool {
        if self
            .refused
            .get(&(chat, user))
            .is_some_and(|&at| fresh(at, now))
        {
            return false;
        }
        if self.refused.len() >= self.sweep_refused.max(SWEEP_AT) {
            self.refused.retain(|_, at| fresh(*at, now));
            self.sweep_refused = self.refused.len() * 2;
        }
        self.refused.insert((chat, user), now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(secs: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + secs).expect("in range")
    }

    #[test]
    fn a_repeated_command_counts_once_per_window() {
        let mut g = Guard::default();
        assert!(!g.repeated(-1, 7, "/kuis 5", t(0)));
        assert!(g.repeated(-1, 7, "/kuis  5", t(29)));
        assert!(!g.repeated(-1, 7, "/kuis 6", t(29)));
        assert!(!g.repeated(-1, 8, "/kuis 5", t(29)));
        assert!(!g.repeated(-2, 7, "/kuis 5", t(29)));
        assert!(!g.repeated(-1, 7, "/kuis 5", t(30)));
    }

    #[test]
    fn an_anonymous_admins_reset_is_confirmed_by_any_current_admin_only() {
        let mut g = Guard::default();
        let anonymous = ANONYMOUS_ADMIN;
        let n = g.ask_reset(-1, anonymous, t(0));
        assert_eq!(
            g.confirm_reset(n, -1, (8, false), t(1)),
            Err(ResetRefused::NotYours),
            "a member who is no admin"
        );
        assert_eq!(g.confirm_reset(n, -1, (9, true), t(2)), Ok(()));
        // The asking teacher too must still teach when pressing.
        let n = g.ask_reset(-1, 7, t(10));
        assert_eq!(
            g.confirm_reset(n, -1, (7, false), t(11)),
            Err(ResetRefused::NotYours)
        );
        assert_eq!(g.confirm_reset(n, -1, (7, true), t(12)), Ok(()));
    }

    #[test]
    fn refusals_at_most_once_per_user_per_window() {
        let mut g = Guard::default();
        assert!(g.may_refuse(-1, 7, t(0)));
        assert!(!g.may_refuse(-1, 7, t(10)));
        assert!(g.may_refuse(-1, 8, t(10)));
        assert!(g.may_refuse(-1, 7, t(31)));
    }

    #[test]
    fn a_reset_is_confirmed_only_by_its_teacher_within_a_minute() {
        let mut g = Guard::default();
        let n = g.ask_reset(-1, 7, t(0));
        assert_eq!(
            g.confirm_reset(n, -1, (8, true), t(5)),
            Err(ResetRefused::NotYours)
        );
        assert_eq!(
            g.confirm_reset(n, -2, (7, true), t(5)),
            Err(ResetRefused::Expired)
        );
        let n = g.ask_reset(-1, 7, t(10));
        assert_eq!(g.confirm_reset(n, -1, (7, true), t(50)), Ok(()));
        assert_eq!(
            g.confirm_reset(n, -1, (7, true), t(51)),
            Err(ResetRefused::Expired)
        );
        let late = g.ask_reset(-1, 7, t(100));
        assert_eq!(
            g.confirm_reset(late, -1, (7, true), t(161)),
            Err(ResetRefused::Expired)
        );
    }

    #[test]
    fn a_press_from_another_chat_leaves_the_reset_pending() {
        let mut g = Guard::default();
        let n = g.ask_reset(-1, 7, t(0));
        // Forged data pressed in a student's private chat, then by the teacher elsewhere.
        assert_eq!(
            g.confirm_reset(n, 8, (8, true), t(2)),
            Err(ResetRefused::Expired)
        );
        assert_eq!(
            g.confirm_reset(n, -2, (7, true), t(3)),
            Err(ResetRefused::Expired)
        );
        assert_eq!(
            g.confirm_reset(n, 7, (7, true), t(4)),
            Err(ResetRefused::Expired)
        );
        assert_eq!(g.confirm_reset(n, -1, (7, true), t(5)), Ok(()));
        assert_eq!(
            g.confirm_reset(n, -1, (7, true), t(6)),
            Err(ResetRefused::Expired)
        );
    }

    #[test]
    fn old_entries_are_swept_when_many() {
        let mut g = Guard::default();
        for user in 0..SWEEP_AT as i64 {
            g.may_refuse(-1, user, t(0));
        }
        assert!(g.may_refuse(-1, -5, t(100)));
        assert_eq!(g.refused.len(), 1);
    }
}
