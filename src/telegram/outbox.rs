//! The outbox: every request to Telegram goes through here, within Telegram's limits.
//!
//! Messages to one chat leave in order, one at a time; different chats go in parallel within
//! the global window; interactive traffic goes before broadcasts. A 429 is waited out and the
//! request sent again, whatever the method; network errors and 5xx answers are retried with
//! backoff; a migrated group gets the request at its new id. Callback answers skip the queues:
//! they are not messages, and a toast must never wait behind a slow send.

use std::collections::{HashMap, HashSet, VecDeque};
use std::time::Duration;

use teloxide::Bot;
use tokio::sync::mpsc;
use tokio::task::{JoinHandle, JoinSet};
use tokio::time::Instant;

use super::deliver::{self, Failure, MAX_ATTEMPTS, Request};
use super::limits::{Limiter, Limits};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Priority {
    /// Answers to someone waiting: replies, quiz messages.
    Interactive,
    /// Daily facts to many groups.
    Broadcast,
}

/// What the outbox tells the rest of the bot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    /// A message was delivered; `tag` is what the submitter attached.
    Sent {
        chat: i64,
        message_id: i32,
        tag: Option<u64>,
    },
    /// The bot can no longer post in this chat.
    ChatGone { chat: i64 },
    /// The group now lives at a new id (queued requests have moved there).
    Migrated { from: i64, to: i64 },
    /// Telegram rejected the token.
    InvalidToken,
}

struct Job {
    req: Request,
    priority: Priority,
    tag: Option<u64>,
    attempt: u32,
    not_before: Instant,
    seq: u64,
    /// When it was submitted: a callback answer is useless after Telegram's 15 s window.
    created: Instant,
}

/// Telegram accepts a callback answer within this long of the press.
const CALLBACK_WINDOW: Duration = Duration::from_secs(15);
/// Longest wait between attempts at a callback answer (unless Telegram says otherwise with
/// retry_after): a toast is small and the student is watching.
const CALLBACK_RETRY_CAP: Duration = Duration::from_millis(750);
/// Callback answers in flight at once. A class pressing together would otherwise open
/// thousands of connections in the same instant; this many keep-alive connections carry them
/// without a connection storm.
const CALLBACKS_IN_FLIGHT: usize = 64;

enum Command {
    Submit(Box<Job>),
    Close(Duration),
}

/// The handle to submit requests; cheap to clone.
#[derive(Clone)]
pub struct Outbox {
    tx: mpsc::UnboundedSender<Command>,
}

impl Outbox {
    pub fn spawn(
        bot: Bot,
        token: String,
        limits: Limits,
        reports: mpsc::UnboundedSender<Report>,
    ) -> (Outbox, JoinHandle<()>) {
        let (tx, rx) = mpsc::unbounded_channel();
        let scheduler = Scheduler {
            bot,
            token,
            limiter: Limiter::new(limits),
            queues: HashMap::new(),
            busy: HashSet::new(),
            callbacks: VecDeque::new(),
            callbacks_in_flight: 0,
            reports,
            seq: 0,
        };
        (Outbox { tx }, tokio::spawn(scheduler.run(rx)))
    }

    pub fn submit(&self, req: Request, priority: Priority, tag: Option<u64>) {
        let job = Job {
            req,
            priority,
            tag,
            attempt: 0,
            not_before: Instant::now(),
            seq: 0,
            created: Instant::now(),
        };
        // Only fails once the scheduler has stopped, at shutdown, when dropping is the rule.
        let _ = self.tx.send(Command::Submit(Box::new(job)));
    }

    /// Stops taking requests; what is queued may still go out within `grace`, the rest is
    /// dropped and logged.
    pub fn close(&self, grace: Duration) {
        let _ = self.tx.send(Command::Close(grace));
    }
}

type Done = (Job, Result<Option<i32>, teloxide::RequestError>);

struct Scheduler {
    bot: Bot,
    token: String,
    limiter: Limiter,
    queues: HashMap<i64, VecDeque<Job>>,
    busy: HashSet<i64>,
    /// Callback answers waiting for a free slot, in arrival order.
    callbacks: VecDeque<Job>,
    callbacks_in_flight: usize,
    reports: mpsc::UnboundedSender<Report>,
    seq: u64,
}

impl Scheduler {
    async fn run(mut self, mut rx: mpsc::UnboundedReceiver<Command>) {
        let mut inflight: JoinSet<Done> = JoinSet::new();
        let mut deadline: Option<Instant> = None;
        loop {
            let now = Instant::now();
            let wake = self.dispatch(now, &mut inflight);
            if let Some(d) = deadline {
                let queued: usize =
                    self.queues.values().map(VecDeque::len).sum::<usize>() + self.callbacks.len();
                if queued == 0 && inflight.is_empty() {
                    break;
                }
                if now >= d {
                    tracing::warn!(
                        queued,
                        in_flight = inflight.len(),
                        "shutdown: dropping unsent requests"
                    );
                    inflight.abort_all();
                    break;
                }
            }
            let wake = match (wake, deadline) {
                (Some(w), Some(d)) => Some(w.min(d)),
                (w, d) => w.or(d),
            };
            tokio::select! {
                cmd = rx.recv(), if deadline.is_none() => match cmd {
                    Some(Command::Submit(job)) => self.enqueue(*job, &mut inflight),
                    Some(Command::Close(grace)) => deadline = Some(Instant::now() + grace),
                    None => deadline = Some(Instant::now()),
                },
                Some(done) = inflight.join_next(), if !inflight.is_empty() => {
                    if let Ok(done) = done {
                        self.finish(done);
                    }
                }
                _ = sleep_until_opt(wake) => {}
            }
        }
    }

    fn enqueue(&mut self, mut job: Job, inflight: &mut JoinSet<Done>) {
        self.seq += 1;
        job.seq = self.seq;
        match job.req.chat() {
            Some(chat) => self.queues.entry(chat).or_default().push_back(job),
            None => {
                self.callbacks.push_back(job);
                self.start_callbacks(Instant::now(), inflight);
            }
        }
    }

    /// Starts waiting callback answers whose time has come, while slots are free; returns
    /// when the next waiting one may go.
    fn start_callbacks(&mut self, now: Instant, inflight: &mut JoinSet<Done>) -> Option<Instant> {
        let mut wake = None;
        let mut i = 0;
        while i < self.callbacks.len() && self.callbacks_in_flight < CALLBACKS_IN_FLIGHT {
            let not_before = self.callbacks[i].not_before;
            if not_before > now {
                wake = Some(wake.map_or(not_before, |w: Instant| w.min(not_before)));
                i += 1;
                continue;
            }
            if let Some(job) = self.callbacks.remove(i) {
                self.callbacks_in_flight += 1;
                spawn_request(&self.bot, job, inflight);
            }
        }
        wake
    }

    /// Starts every request whose chat is free and whose limits allow; returns when the next
    /// waiting one may go.
    fn dispatch(&mut self, now: Instant, inflight: &mut JoinSet<Done>) -> Option<Instant> {
        let callbacks_wake = self.start_callbacks(now, inflight);
        let mut ready: Vec<(Priority, u64, i64)> = self
            .queues
            .iter()
            .filter(|(chat, q)| !q.is_empty() && !self.busy.contains(chat))
            .filter_map(|(chat, q)| q.front().map(|j| (j.priority, j.seq, *chat)))
            .collect();
        ready.sort_unstable();
        let mut wake: Option<Instant> = None;
        for (_, _, chat) in ready {
            let Some(head) = self.queues.get(&chat).and_then(VecDeque::front) else {
                continue;
            };
            let at = self
                .limiter
                .next_free(chat, now.into_std())
                .max(head.not_before.into_std());
            if at > now.into_std() && head.req.droppable() {
                // A live count that cannot go now is stale by the time it could: drop it.
                tracing::debug!(chat, "live-count edit dropped: no room in the limits");
                if let Some(q) = self.queues.get_mut(&chat) {
                    q.pop_front();
                }
                continue;
            }
            if at > now.into_std() {
                let at = Instant::from_std(at);
                wake = Some(wake.map_or(at, |w| w.min(at)));
                continue;
            }
            let Some(job) = self.queues.get_mut(&chat).and_then(VecDeque::pop_front) else {
                continue;
            };
            self.limiter.record(chat, now.into_std());
            self.busy.insert(chat);
            spawn_request(&self.bot, job, inflight);
        }
        self.queues.retain(|_, q| !q.is_empty());
        match (wake, callbacks_wake) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    fn finish(&mut self, (mut job, result): Done) {
        let chat = job.req.chat();
        match chat {
            Some(c) => {
                self.busy.remove(&c);
            }
            None => self.callbacks_in_flight = self.callbacks_in_flight.saturating_sub(1),
        }
        let err = match result {
            Ok(message_id) => {
                if let (Some(chat), Some(message_id)) = (chat, message_id) {
                    self.report(Report::Sent {
                        chat,
                        message_id,
                        tag: job.tag,
                    });
                }
                self.follow_up(&mut job, true);
                return;
            }
            Err(e) => e,
        };
        let failure = deliver::classify(&err, job.attempt);
        let what = deliver::describe(&err, &self.token);
        match failure {
            Failure::Retry(_) if chat.is_none() && job.created.elapsed() >= CALLBACK_WINDOW => {
                tracing::warn!(error = %what, "callback answer dropped: past Telegram's 15 s window");
            }
            Failure::Retry(wait) if job.attempt + 1 < MAX_ATTEMPTS => {
                let wait = match (&err, chat) {
                    // A network error or 5xx on a callback answer: try again soon.
                    (e, None) if !matches!(e, teloxide::RequestError::RetryAfter(_)) => {
                        wait.min(CALLBACK_RETRY_CAP)
                    }
                    _ => wait,
                };
                tracing::warn!(chat = ?chat, attempt = job.attempt + 1, wait_ms = wait.as_millis() as u64, error = %what, "request failed, retrying");
                job.attempt += 1;
                job.not_before = Instant::now() + wait;
                match job.req.chat() {
                    Some(c) => self.queues.entry(c).or_default().push_front(job),
                    // A callback answer retries among the callback answers, at the front.
                    None => self.callbacks.push_front(job),
                }
            }
            Failure::Retry(_) => {
                tracing::error!(chat = ?chat, error = %what, "request dropped after {MAX_ATTEMPTS} attempts");
                self.follow_up(&mut job, false);
            }
            Failure::Migrated(to) => {
                let Some(from) = chat else { return };
                tracing::info!(from, to, "group migrated to a supergroup; following it");
                let mut moved = self.queues.remove(&from).unwrap_or_default();
                moved.push_front(job);
                for j in moved.iter_mut() {
                    j.req.move_to(to);
                }
                self.queues.entry(to).or_default().extend(moved);
                self.report(Report::Migrated { from, to });
            }
            Failure::ChatGone => {
                if let Some(c) = chat {
                    tracing::info!(chat = c, "bot can no longer post in this chat");
                    self.queues.remove(&c);
                    self.report(Report::ChatGone { chat: c });
                }
                self.follow_up(&mut job, false);
            }
            Failure::InvalidToken => self.report(Report::InvalidToken),
            Failure::Skip => {
                tracing::warn!(chat = ?chat, error = %what, "request refused by Telegram, skipped");
                self.follow_up(&mut job, false);
            }
        }
    }

    /// A document's message for after: the confirmation when it arrived, the other way to
    /// get it when it could not be delivered.
    fn follow_up(&mut self, job: &mut Job, delivered: bool) {
        let Request::Document(d) = &mut job.req else {
            return;
        };
        let next = if delivered {
            d.on_success.take()
        } else {
            d.on_failure.take()
        };
        if let Some(o) = next {
            self.seq += 1;
            let follow = Job {
                req: Request::Send(o),
                priority: job.priority,
                tag: None,
                attempt: 0,
                not_before: Instant::now(),
                seq: self.seq,
                created: Instant::now(),
            };
            if let Some(c) = follow.req.chat() {
                self.queues.entry(c).or_default().push_back(follow);
            }
        }
    }

    fn report(&self, r: Report) {
        let _ = self.reports.send(r);
    }
}

fn spawn_request(bot: &Bot, job: Job, inflight: &mut JoinSet<Done>) {
    let bot = bot.clone();
    inflight.spawn(async move {
        tokio::time::sleep_until(job.not_before).await;
        let result = deliver::execute(&bot, &job.req).await;
        (job, result)
    });
}

async fn sleep_until_opt(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}
