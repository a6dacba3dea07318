//! Telegram's sending limits as sliding windows, with time passed in: about 30 messages a
//! second overall, about one a second per chat, and 20 a minute per group.
//!
//! A request reaches Telegram some tens of milliseconds after it leaves, and not always as
//! late as the one before; so each window is counted over a span longer than Telegram's by
//! that jitter (up to 100 ms), and holds one message fewer than it allows overall. Whatever
//! second Telegram counts over, it then sees no more than its limit.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

/// At most `max` events in any `window`.
#[derive(Debug, Clone)]
pub struct Window {
    max: usize,
    window: Duration,
    times: VecDeque<Instant>,
}

impl Window {
    pub fn new(max: usize, window: Duration) -> Window {
        Window {
            max,
            window,
            times: VecDeque::with_capacity(max),
        }
    }

    fn forget_before(&mut self, now: Instant) {
        while let Some(&t) = self.times.front() {
            if now.duration_since(t) >= self.window {
                self.times.pop_front();
            } else {
                break;
            }
        }
    }

    /// When the next event may happen (`now` if it may happen now).
    pub fn next_free(&mut self, now: Instant) -> Instant {
        self.forget_before(now);
        if self.times.len() < self.max {
            now
        } else {
            self.times[self.times.len() - self.max] + self.window
        }
    }

    pub fn record(&mut self, now: Instant) {
        self.times.push_back(now);
    }
}

/// Limits in force, configurable for tests.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub global: (usize, Duration),
    pub per_chat: (usize, Duration),
    pub per_group: (usize, Duration),
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            global: (29, Duration::from_millis(1100)),
            per_chat: (1, Duration::from_millis(1100)),
            per_group: (crate::quiz::GROUP_BUDGET, Duration::from_secs(61)),
        }
    }
}

/// All windows: the global one and one or two per chat.
pub struct Limiter {
    limits: Limits,
    global: Window,
    chats: HashMap<i64, (Window, Option<Window>)>,
}

impl Limiter {
    pub fn new(limits: Limits) -> Limiter {
        Limiter {
            limits,
            global: Window::new(limits.global.0, limits.global.1),
            chats: HashMap::new(),
        }
    }

    fn chat(&mut self, chat: i64) -> &mut (Window, Option<Window>) {
        let l = self.limits;
        self.chats.entry(chat).or_insert_with(|| {
            // Group and supergroup ids are negative; private chats are users' (positive) ids.
            let group = (chat < 0).then(|| Window::new(l.per_group.0, l.per_group.1));
            (Window::new(l.per_chat.0, l.per_chat.1), group)
        })
    }

    /// When a message to `chat` may go out, given every window.
    pub fn next_free(&mut self, chat: i64, now: Instant) -> Instant {
        let global = self.global.next_free(now);
        let (short, group) = self.chat(chat);
        let mut at = global.max(short.next_free(now));
        if let Some(g) = group {
            at = at.max(g.next_free(now));
        }
        at
    }

    pub fn record(&mut self, chat: i64, now: Instant) {
        self.global.record(now);
        let (short, group) = self.chat(chat);
        short.record(now);
        if let Some(g) = group {
            g.record(now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_allows_max_then_waits_for_the_oldest_to_expire() {
        let t0 = Instant::now();
        let mut w = Window::new(3, Duration::from_secs(1));
        for i in 0..3 {
            let t = t0 + Duration::from_millis(i * 100);
            assert_eq!(w.next_free(t), t);
            w.record(t);
        }
        let t = t0 + Duration::from_millis(300);
        assert_eq!(w.next_free(t), t0 + Duration::from_secs(1));
        let later = t0 + Duration::from_millis(1000);
        assert_eq!(w.next_free(later), later);
    }

    #[test]
    fn groups_get_twenty_a_minute_private_chats_do_not() {
        let l = Limits {
            global: (1000, Duration::from_secs(1)),
            per_chat: (1000, Duration::from_secs(1)),
            per_group: (20, Duration::from_secs(60)),
        };
        let mut lim = Limiter::new(l);
        let t0 = Instant::now();
        for i in 0..20 {
            let t = t0 + Duration::from_secs(i);
            assert_eq!(lim.next_free(-5, t), t);
            lim.record(-5, t);
            lim.record(7, t);
        }
        let t = t0 + Duration::from_secs(20);
        assert_eq!(lim.next_free(-5, t), t0 + Duration::from_secs(60));
        assert_eq!(lim.next_free(7, t), t);
    }

    #[test]
    fn the_global_window_spans_chats() {
        let l = Limits {
            global: (30, Duration::from_secs(1)),
            ..Limits::default()
        };
        let mut lim = Limiter::new(l);
        let t0 = Instant::now();
        for chat in 0..30 {
            assert_eq!(lim.next_free(-chat - 1, t0), t0);
            lim.record(-chat - 1, t0);
        }
        assert_eq!(lim.next_free(-99, t0), t0 + Duration::from_secs(1));
    }
}
