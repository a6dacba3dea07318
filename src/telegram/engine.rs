//! The engine: events in order to the app, its effects to the outbox, and teacher checks
//! with Telegram on the side.

use std::collections::HashMap;
use std::sync::Arc;

use jiff::Timestamp;
use teloxide::prelude::*;
use tokio::sync::{Notify, mpsc};

use super::Request;
use super::deliver;
use super::outbox::{Outbox, Priority, Report};
use super::persist::Persist;
use super::teachers::{Known, Teachers};
use crate::app::{App, Effect, Event};

/// Events waiting for one getChatMember answer, by (group, user), each with the offset that
/// would fetch its update again.
pub(super) type Waiting = Arc<std::sync::Mutex<HashMap<(i64, i64), Vec<(Event, i32)>>>>;

/// The engine: hands events to the app in order and its effects to the outbox. A teacher
/// command from someone not yet known to teach waits for getChatMember in its own task, then
/// comes back through `checked`; nothing else waits for it. One lookup serves every event of
/// the same person in the same group that arrives while it is under way.
pub(super) struct Engine {
    pub(super) app: Arc<App>,
    pub(super) sink: Sink,
    pub(super) bot: Bot,
    pub(super) token: String,
    pub(super) teachers: Arc<Teachers>,
    pub(super) checked: mpsc::UnboundedSender<Event>,
    pub(super) waiting: Waiting,
    pub(super) wake_facts: Arc<Notify>,
    pub(super) wake_quiz: Arc<Notify>,
}

impl Engine {
    /// Hands `event` (from the update that `offset` fetches again) to the app, once who
    /// teaches is known.
    pub(super) fn dispatch(&self, mut event: Event, offset: i32) {
        let Some(check) = self.app.teacher_check(&event) else {
            self.handle(event);
            return;
        };
        match self.teachers.known(check.group, check.user, check.fresh) {
            Known::Yes => set_teacher(&mut event, true),
            Known::No => set_teacher(&mut event, false),
            Known::Ask => {
                let key = (check.group, check.user);
                let mut waiting = self.waiting.lock().unwrap_or_else(|p| p.into_inner());
                if let Some(queued) = waiting.get_mut(&key) {
                    queued.push((event, offset));
                    return;
                }
                waiting.insert(key, vec![(event, offset)]);
                drop(waiting);
                let (bot, token) = (self.bot.clone(), self.token.clone());
                let (teachers, checked) = (self.teachers.clone(), self.checked.clone());
                let waiting = self.waiting.clone();
                tokio::spawn(async move {
                    let teaches = teachers.ask(&bot, &token, key.0, key.1).await;
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
                return;
            }
        }
        self.handle(event);
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

    /// Applies what the outbox learned; true when Telegram rejected the token.
    pub(super) fn on_report(&self, report: Report) -> bool {
        match report {
            Report::ChatGone { chat } => self.handle(Event::RemovedFromGroup { chat_id: chat }),
            Report::Migrated { from, to } => self.handle(Event::Migrated { from, to }),
            Report::InvalidToken => return true,
            Report::Sent {
                chat,
                message_id,
                tag: Some(tag),
            } => self.handle(Event::Delivered {
                chat,
                message_id,
                tag,
                at: Timestamp::now(),
            }),
            Report::Sent { tag: None, .. } | Report::Dropped { .. } => {}
        }
        false
    }

    pub(super) fn handle(&self, event: Event) {
        let generation = self.app.schedule_generation();
        let effects = self.app.handle(event, Timestamp::now());
        self.sink.submit(effects);
        if self.app.schedule_generation() != generation {
            self.wake_facts.notify_one();
        }
        // A press, a confirmation or a command may move a round's next moment.
        self.wake_quiz.notify_one();
    }
}

pub(super) fn set_teacher(event: &mut Event, teaches: bool) {
    if let Event::Message { teacher, .. } | Event::Callback { teacher, .. } = event {
        *teacher = teaches;
    }
}

/// Where effects go: the outbox, and for those that must wait for the disk, the snapshot
/// writer first.
#[derive(Clone)]
pub(super) struct Sink {
    pub(super) outbox: Arc<Outbox>,
    pub(super) persist: Arc<Persist>,
}

/// Attempts at the end-of-round snapshot before the podium goes out regardless.
const DURABLE_ATTEMPTS: u32 = 3;

impl Sink {
    pub(super) fn submit(&self, effects: Vec<Effect>) {
        for effect in effects {
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
                Effect::AfterSnapshot(later) => {
                    let sink = self.clone();
                    tokio::spawn(async move {
                        for attempt in 1..=DURABLE_ATTEMPTS {
                            match sink.persist.write_now().await {
                                Ok(()) => break,
                                Err(e) => {
                                    tracing::error!(attempt, error = %e, "end-of-round snapshot failed");
                                    tokio::time::sleep(deliver::backoff(attempt)).await;
                                }
                            }
                        }
                        sink.submit(later);
                    });
                    continue;
                }
            };
            self.outbox.submit(req, priority, tag);
        }
    }
}
