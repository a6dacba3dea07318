//! The engine: events in order to the driver once who teaches is known, teacher checks with
//! Telegram on the side, and the port that hands the app's effects to the outbox.

use std::collections::HashMap;
use std::sync::Arc;

use jiff::Timestamp;
use teloxide::prelude::*;
use tokio::sync::mpsc;

use super::Request;
use super::outbox::{Outbox, Priority, Report};
use super::teachers::{Known, Teachers};
use crate::app::{App, Effect, Event, Role};
use crate::driver::Port;

/// Events waiting for one getChatMember answer, by (group, user, what is asked), each with the
/// offset that would fetch its update again.
pub(super) type Waiting = Arc<std::sync::Mutex<HashMap<(i64, i64, Role), Vec<(Event, i32)>>>>;

/// Decides when an event may go to the app: at once, or once Telegram said whether its
/// sender teaches. A teacher command from someone not yet known to teach waits for
/// getChatMember in its own task, then comes back through `checked`; nothing else waits for
/// it. One lookup serves every event of the same person in the same group that arrives while
/// it is under way.
pub(super) struct Engine {
    pub(super) bot: Bot,
    pub(super) token: String,
    pub(super) teachers: Arc<Teachers>,
    pub(super) checked: mpsc::UnboundedSender<Event>,
    pub(super) waiting: Waiting,
}

impl Engine {
    /// `event` (from the update that `offset` fetches again) when it may go to the app now;
    /// `None` when it waits for a teacher check (it then comes back through `checked`).
    pub(super) fn dispatch(&self, app: &App, mut event: Event, offset: i32) -> Option<Event> {
        let Some(check) = app.teacher_check(&event) else {
            return Some(event);
        };
        let known = match check.role {
            Role::Teacher => self.teachers.known(check.group, check.user, check.fresh),
            Role::Member => self.teachers.known_member(check.user),
        };
        match known {
            Known::Yes => set_teacher(&mut event, true),
            Known::No => set_teacher(&mut event, false),
            Known::Ask => {
                let key = (check.group, check.user, check.role);
                let mut waiting = self.waiting.lock().unwrap_or_else(|p| p.into_inner());
                if let Some(queued) = waiting.get_mut(&key) {
                    queued.push((event, offset));
                    return None;
                }
                waiting.insert(key, vec![(event, offset)]);
                drop(waiting);
                let (bot, token) = (self.bot.clone(), self.token.clone());
                let (teachers, checked) = (self.teachers.clone(), self.checked.clone());
                let waiting = self.waiting.clone();
                tokio::spawn(async move {
                    let teaches = match key.2 {
                        Role::Teacher => teachers.ask(&bot, &token, key.0, key.1).await,
                        Role::Member => teachers.is_member(&bot, &token, key.0, key.1).await,
                    };
                    let events = waiting
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .remove(&key)
                        .unwrap_or_default();
                    for (mut event, _) in events {
                        set_teacher(&mut event, teaches);
                        let _ = checked.send(event);
                    }
                });
                return None;
            }
        }
        Some(event)
    }

    /// Whether any event still waits for a teacher check.
    pub(super) fn checks_waiting(&self) -> bool {
        !self
            .waiting
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_empty()
    }

    /// The offset that fetches the first update still waiting for a teacher check.
    pub(super) fn first_waiting(&self) -> Option<i32> {
        self.waiting
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .values()
            .flatten()
            .map(|(_, offset)| *offset)
            .min()
    }

    /// What the outbox learned at `now`, as an event for the app; `Err` when Telegram
    /// rejected the token.
    pub(super) fn on_report(report: Report, now: Timestamp) -> Result<Option<Event>, InvalidToken> {
        Ok(match report {
            Report::ChatGone { chat } => Some(Event::RemovedFromGroup { chat_id: chat }),
            Report::Migrated { from, to } => Some(Event::Migrated { from, to }),
            Report::InvalidToken => return Err(InvalidToken),
            Report::Sent {
                chat,
                message_id,
                tag: Some(tag),
            } => Some(Event::Delivered {
                chat,
                message_id,
                tag,
                at: now,
            }),
            Report::Sent { tag: None, .. } | Report::Dropped { .. } => None,
        })
    }
}

/// Telegram refused the bot's token.
#[derive(Debug)]
pub(super) struct InvalidToken;

pub(super) fn set_teacher(event: &mut Event, teaches: bool) {
    if let Event::Message { teacher, .. } | Event::Callback { teacher, .. } = event {
        *teacher = teaches;
    }
}

/// The driver's port to Telegram: every effect becomes a request in the outbox, except a
/// file to fetch, which gets a task of its own. What comes of them is reported later, through
/// the outbox's reports and `fetched`.
pub(super) struct Outgoing {
    pub(super) outbox: Arc<Outbox>,
    pub(super) bot: Bot,
    /// Where a fetched file's questions (and a group's class size) go back to the loop.
    pub(super) fetched: mpsc::UnboundedSender<Event>,
    /// Files being downloaded and read, and class sizes being asked.
    pub(super) fetches: tokio::task::JoinSet<()>,
    /// The token, for logging errors without it.
    pub(super) token: String,
    /// The bot's own user id.
    pub(super) me: UserId,
}

impl Port for Outgoing {
    fn carry_out(&mut self, effect: Effect, _now: Timestamp) -> Vec<Event> {
        self.submit(effect);
        Vec::new()
    }

    fn unsaved(&mut self, error: &std::io::Error) {
        tracing::error!(error = %error, "snapshot write failed; will retry");
    }
}

impl Outgoing {
    /// Queues the request an effect stands for.
    fn submit(&mut self, effect: Effect) {
        let (req, priority, tag) = match effect {
            Effect::Send(o) => {
                let priority = if o.background {
                    Priority::Broadcast
                } else {
                    Priority::Interactive
                };
                let tag = o.tag;
                (Request::Send(o), priority, tag)
            }
            Effect::Edit(e) => (Request::Edit(e), Priority::Interactive, None),
            Effect::Document(d) => (Request::Document(d), Priority::Interactive, None),
            Effect::AnswerCallback { query_id, text } => (
                Request::AnswerCallback { query_id, text },
                Priority::Interactive,
                None,
            ),
            Effect::Fetch(f) => {
                while self.fetches.try_join_next().is_some() {}
                let (bot, fetched) = (self.bot.clone(), self.fetched.clone());
                self.fetches.spawn(async move {
                    let _ = fetched.send(super::fetch::fetch(bot, f).await);
                });
                return;
            }
            Effect::CountClass { chat, homework } => {
                while self.fetches.try_join_next().is_some() {}
                let (bot, fetched) = (self.bot.clone(), self.fetched.clone());
                let (token, me) = (self.token.clone(), self.me);
                self.fetches.spawn(async move {
                    let students = super::class::students(&bot, &token, me, chat).await;
                    let _ = fetched.send(Event::ClassSize {
                        chat,
                        homework,
                        students,
                    });
                });
                return;
            }
            // The driver writes the snapshot first and hands over what waited for it.
            Effect::AfterSnapshot { then, .. } => {
                then.into_iter().for_each(|effect| self.submit(effect));
                return;
            }
            // The driver writes sets' files itself; nothing that waited for one goes out
            // without it.
            Effect::StoreSet { change, .. } => {
                tracing::error!(set = %change.name, "a set's file reached the port unwritten");
                return;
            }
        };
        self.outbox.submit(req, priority, tag);
    }

    /// Waits up to `grace` for files still being fetched; the rest are abandoned (their
    /// senders can send them again).
    pub(super) async fn finish_fetches(&mut self, grace: std::time::Duration) {
        let all = async { while self.fetches.join_next().await.is_some() {} };
        if tokio::time::timeout(grace, all).await.is_err() {
            tracing::warn!("files still being read at shutdown were abandoned");
            self.fetches.abort_all();
        }
    }
}
