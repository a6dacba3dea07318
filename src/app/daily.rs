//! Daily facts: `/langganan`, `/berhenti`, `/jadwal`, and the scheduler's two questions —
//! what is due now, and when is the next one due. The clock is always passed in.

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};

use super::event::{UnsentFact, Unwritten};
use super::{App, Chat, ChatKind, Effect, Outgoing, Unsent, send};
use crate::facts::schedule::{self, Schedule};
use crate::state::Subscription;
use crate::texts;

/// After a snapshot write failed, daily facts wait this long before they are due again.
pub const FACT_RETRY: SignedDuration = SignedDuration::from_secs(30);

/// A daily fact due now. Its date is already recorded in the state; it goes out only once
/// the snapshot holding that is written (at most once), and comes back as
/// [`super::Event::Unsaved`] if the write failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailyFact {
    pub chat_id: i64,
    pub date: Date,
    previous: Option<Date>,
    pub effect: Effect,
}

impl App {
    pub(super) fn subscribe(&self, chat: Chat, args: &str, now: Timestamp) -> Effect {
        let schedule = match schedule::parse(args) {
            Ok(s) => s,
            Err(bad) => return send(chat, texts::bad_schedule(&bad.0), None),
        };
        let tz = &self.settings.default_tz;
        let mut state = self.state();
        let previous = state
            .chats
            .get(&chat.id)
            .and_then(|c| c.subscription.as_ref())
            .and_then(|s| s.last_date);
        // Subscribing after today's hour starts tomorrow: a fact right away would surprise.
        let last_date = schedule.due(tz, None, now).or(previous);
        state.chat(chat.id).subscription = Some(Subscription {
            schedule,
            thread: chat.thread,
            last_date,
        });
        drop(state);
        self.changed();
        let next = schedule.next_due(tz, last_date, now);
        send(
            chat,
            texts::subscribed(
                &self.describe(&schedule),
                next.map(|t| self.when(&schedule, t)),
                self.pack(self.pack_of(chat.id)),
            ),
            None,
        )
    }

    pub(super) fn unsubscribe(&self, chat: Chat) -> Effect {
        let removed = self
            .state()
            .get_mut(chat.id)
            .and_then(|c| c.subscription.take());
        match removed {
            Some(_) => {
                self.changed();
                send(chat, texts::UNSUBSCRIBED.into(), None)
            }
            None => send(chat, texts::NOT_SUBSCRIBED.into(), None),
        }
    }

    pub(super) fn schedule_of(&self, chat: Chat, now: Timestamp) -> Effect {
        if chat.kind == ChatKind::Private {
            return send(chat, texts::SCHEDULE_IN_GROUPS.into(), None);
        }
        let sub = self
            .state()
            .chats
            .get(&chat.id)
            .and_then(|c| c.subscription.clone());
        match sub {
            Some(sub) => {
                let next = sub
                    .schedule
                    .next_due(&self.settings.default_tz, sub.last_date, now);
                send(
                    chat,
                    texts::schedule(
                        &self.describe(&sub.schedule),
                        next.map(|t| self.when(&sub.schedule, t)),
                    ),
                    None,
                )
            }
            None => send(chat, texts::NOT_SUBSCRIBED.into(), None),
        }
    }

    /// "setiap hari pukul 07.00 WIB".
    fn describe(&self, s: &Schedule) -> String {
        let zone = s
            .zone
            .label()
            .map_or_else(|| texts::zone_name(&self.settings.tz_name), str::to_string);
        texts::schedule_label(s.hour, s.minute, &zone, s.school_days)
    }

    /// "Senin, 30 November 2026" for the moment `at`, in the schedule's zone.
    fn when(&self, s: &Schedule, at: Timestamp) -> String {
        let local = at.to_zoned(s.zone.time_zone(&self.settings.default_tz));
        texts::date_label(local.date())
    }

    /// The daily facts due at `now`, as one effect: write the snapshot, then send them.
    pub(super) fn facts_tick(&self, now: Timestamp) -> Option<Effect> {
        if self.facts_retry().is_some_and(|t| now < t) {
            return None;
        }
        let due = self.due_facts(now);
        if due.is_empty() {
            return None;
        }
        let mut unsent = Vec::with_capacity(due.len());
        let mut then = Vec::with_capacity(due.len());
        for f in due {
            unsent.push(UnsentFact {
                chat_id: f.chat_id,
                date: f.date,
                previous: f.previous,
            });
            then.push(f.effect);
        }
        Some(Effect::AfterSnapshot {
            then,
            unwritten: Unwritten::HandBack(Unsent(unsent)),
        })
    }

    pub(super) fn facts_retry(&self) -> Option<Timestamp> {
        *self.facts_retry.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The daily facts due at `now`, in chat order. Each one's date is recorded before this
    /// returns, so calling again at once yields nothing; the rotation moves on.
    pub(super) fn due_facts(&self, now: Timestamp) -> Vec<DailyFact> {
        let tz = &self.settings.default_tz;
        let mut state = self.state();
        let due: Vec<(i64, Date, Option<Date>, Option<i32>)> = state
            .chats
            .iter()
            .filter_map(|(&id, c)| {
                let sub = c.subscription.as_ref()?;
                let date = sub.schedule.due(tz, sub.last_date, now)?;
                Some((id, date, sub.last_date, sub.thread))
            })
            .collect();
        let mut facts = Vec::with_capacity(due.len());
        for (chat_id, date, previous, thread) in due {
            if let Some(sub) = state.chat(chat_id).subscription.as_mut() {
                sub.last_date = Some(date);
            }
            let html = self.next_fact_html(&mut state, chat_id);
            let chat = Chat {
                id: chat_id,
                kind: ChatKind::Group,
                thread,
            };
            facts.push(DailyFact {
                chat_id,
                date,
                previous,
                effect: Effect::Send(Outgoing {
                    chat,
                    html,
                    keyboard: Vec::new(),
                    reply_to: None,
                    background: true,
                    tag: None,
                    asker: None,
                }),
            });
        }
        drop(state);
        if !facts.is_empty() {
            self.changed();
        }
        facts
    }

    /// Takes back daily facts that were not sent (their snapshot could not be written): they
    /// are due again once [`FACT_RETRY`] has passed.
    pub(super) fn unsend(&self, unsent: &Unsent, at: Timestamp) {
        *self.facts_retry.lock().unwrap_or_else(|p| p.into_inner()) = Some(at + FACT_RETRY);
        let mut state = self.state();
        for f in &unsent.0 {
            if let Some(sub) = state
                .get_mut(f.chat_id)
                .and_then(|c| c.subscription.as_mut())
                && sub.last_date == Some(f.date)
            {
                sub.last_date = f.previous;
            }
        }
        drop(state);
        self.changed();
    }

    /// When the next daily fact falls due after `now`, over every subscription (not before
    /// a retry after a failed write).
    pub(super) fn next_fact_at(&self, now: Timestamp) -> Option<Timestamp> {
        let tz = &self.settings.default_tz;
        let next = self
            .state()
            .chats
            .values()
            .filter_map(|c| {
                let sub = c.subscription.as_ref()?;
                match sub.schedule.due(tz, sub.last_date, now) {
                    // Due and not yet sent (handed back after a failed write).
                    Some(_) => Some(now),
                    None => sub.schedule.next_due(tz, sub.last_date, now),
                }
            })
            .min()?;
        Some(self.facts_retry().map_or(next, |retry| next.max(retry)))
    }

    /// How many groups receive the daily fact.
    pub fn subscriptions(&self) -> usize {
        self.state()
            .chats
            .values()
            .filter(|c| c.subscription.is_some())
            .count()
    }
}
