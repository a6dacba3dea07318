//! The outbox: every request to Telegram goes through here, within Telegram's limits.
//!
//! Messages to one chat leave in order, one at a time; different chats go in parallel within
//! the global window; interactive traffic goes before broadcasts. A 429 is waited out and the
//! request sent again, whatever the method; network errors and 5xx answers are retried with
//! backoff; a migrated group gets the request at its new id. Callback answers skip the queues:
//! they are not messages, and a toast must never wait behind a slow send.

use std::collections::{HashMap, HashSet, VecDeque};
use std::time::Duration;

use teloxide::{Bot, RequestError};
use tokio::sync::mpsc;
use tokio::task::{JoinHandle, JoinSet};
use tokio::time::Instant;

use super::deliver::{self, Failure, MAX_ATTEMPTS, Request};
use super::limits::{Limiter, Limits};
use crate::texts;

/// What carries a request to Telegram: the Bot API in the bot, a scripted fake in tests.
pub trait Transport: Clone + Send + Sync + 'static {
    /// Sends the request; for a message, returns its id.
    fn execute(
        &self,
        req: &Request,
    ) -> impl std::future::Future<Output = Result<Option<i32>, RequestError>> + Send;
}

impl Transport for Bot {
    async fn execute(&self, req: &Request) -> Result<Option<i32>, RequestError> {
        deliver::execute(self, req).await
    }
}

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
    /// A request was given up (the log says why); `tag` is what the submitter attached.
    Dropped { tag: Option<u64> },
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

impl Job {
    /// Which goes first within a chat: the class's quiz and teacher messages (0), then
    /// answers to members' questions (1), then broadcasts (2).
    fn rank(&self) -> u8 {
        match self.priority {
            Priority::Broadcast => 2,
            Priority::Interactive if self.asker().is_some() => 1,
            Priority::Interactive => 0,
        }
    }

    /// The member whose question this answers.
    fn asker(&self) -> Option<i64> {
        match &self.req {
            Request::Send(o) => o.asker,
            _ => None,
        }
    }
}

/// The job in `queue` to go next: the first of the best rank.
fn next_index(queue: &VecDeque<Job>) -> Option<usize> {
    let best = queue.iter().map(Job::rank).min()?;
    queue.iter().position(|j| j.rank() == best)
}

/// Answers one member may have waiting or on their way in a group; past that their questions
/// are dropped, and they are told once. In a private chat only the student waits for their
/// own answers, so more may queue there (but never without bound).
const PENDING_ANSWERS: usize = 2;
const PENDING_ANSWERS_PRIVATE: usize = 10;

/// How many answers one member may have outstanding in `chat` (groups have negative ids).
fn answer_cap(chat: i64) -> usize {
    if chat < 0 {
        PENDING_ANSWERS
    } else {
        PENDING_ANSWERS_PRIVATE
    }
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
    pub fn spawn<T: Transport>(
        transport: T,
        token: String,
        limits: Limits,
        reports: mpsc::UnboundedSender<Report>,
    ) -> (Outbox, JoinHandle<()>) {
        let (tx, rx) = mpsc::unbounded_channel();
        let scheduler = Scheduler {
            transport,
            token,
            limiter: Limiter::new(limits),
            queues: HashMap::new(),
            busy: HashSet::new(),
            callbacks: VecDeque::new(),
            callbacks_in_flight: 0,
            told: HashSet::new(),
            flying: HashMap::new(),
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

struct Scheduler<T> {
    transport: T,
    token: String,
    limiter: Limiter,
    queues: HashMap<i64, VecDeque<Job>>,
    busy: HashSet<i64>,
    /// Callback answers waiting for a free slot, in arrival order.
    callbacks: VecDeque<Job>,
    callbacks_in_flight: usize,
    /// Members told to wait, until none of their answers is waiting or on its way.
    told: HashSet<(i64, i64)>,
    /// Answers in flight per (chat, member).
    flying: HashMap<(i64, i64), usize>,
    reports: mpsc::UnboundedSender<Report>,
    seq: u64,
}

impl<T: Transport> Scheduler<T> {
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
            #[cfg(test)]
            if let Some(chat) = self.stalled(wake) {
                panic!("chat {chat} has queued requests, none in flight and no wake-up");
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
            Some(chat) => {
                if let Some(member) = job.asker()
                    && self.outstanding(chat, member) >= answer_cap(chat)
                {
                    self.dropped(&job, "the member has answers waiting already");
                    if self.told.insert((chat, member))
                        && let Request::Send(o) = &mut job.req
                    {
                        // Told once, in place of the answer, in the same lane.
                        o.html = texts::WAIT_FOR_ANSWERS.to_string();
                        o.keyboard.clear();
                        job.tag = None;
                        self.queues.entry(chat).or_default().push_back(job);
                    }
                    return;
                }
                self.queues.entry(chat).or_default().push_back(job);
            }
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
                spawn_request(&self.transport, job, inflight);
            }
        }
        wake
    }

    /// Starts every request whose chat is free and whose limits allow; returns when the next
    /// waiting one may go.
    fn dispatch(&mut self, now: Instant, inflight: &mut JoinSet<Done>) -> Option<Instant> {
        let callbacks_wake = self.start_callbacks(now, inflight);
        let mut ready: Vec<(u8, u64, i64)> = self
            .queues
            .iter()
            .filter(|(chat, q)| !q.is_empty() && !self.busy.contains(chat))
            .filter_map(|(chat, q)| next_index(q).map(|i| (q[i].rank(), q[i].seq, *chat)))
            .collect();
        ready.sort_unstable();
        let mut wake: Option<Instant> = None;
        for (_, _, chat) in ready {
            // A head dropped as stale leaves the next job at the head: it is considered at
            // once, so a queue is never left without a request in flight or a wake-up.
            while let Some((i, head)) = self
                .queues
                .get(&chat)
                .and_then(|q| next_index(q).map(|i| (i, &q[i])))
            {
                let at = self
                    .limiter
                    .next_free(chat, now.into_std())
                    .max(head.not_before.into_std());
                if at > now.into_std() && head.req.droppable() {
                    // A live count that cannot go now is stale by the time it could.
                    if let Some(job) = self.queues.get_mut(&chat).and_then(|q| q.remove(i)) {
                        self.dropped(&job, "live-count edit: no room in the limits");
                    }
                    continue;
                }
                if at > now.into_std() {
                    let at = Instant::from_std(at);
                    wake = Some(wake.map_or(at, |w| w.min(at)));
                    break;
                }
                if let Some(job) = self.queues.get_mut(&chat).and_then(|q| q.remove(i)) {
                    if let Some(member) = job.asker() {
                        *self.flying.entry((chat, member)).or_default() += 1;
                    }
                    self.limiter.record(chat, now.into_std());
                    self.busy.insert(chat);
                    spawn_request(&self.transport, job, inflight);
                }
                break;
            }
        }
        self.queues.retain(|_, q| !q.is_empty());
        match (wake, callbacks_wake) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    fn finish(&mut self, done: Done) {
        let answer = done.0.req.chat().zip(done.0.asker());
        if let Some(key) = answer
            && let Some(n) = self.flying.get_mut(&key)
        {
            *n -= 1;
            if *n == 0 {
                self.flying.remove(&key);
            }
        }
        self.settle(done);
        if let Some((chat, member)) = answer
            && self.outstanding(chat, member) == 0
        {
            self.told.remove(&(chat, member));
        }
    }

    /// Answers of `member` in `chat` waiting or on their way.
    fn outstanding(&self, chat: i64, member: i64) -> usize {
        let queued = self.queues.get(&chat).map_or(0, |q| {
            q.iter().filter(|j| j.asker() == Some(member)).count()
        });
        queued + self.flying.get(&(chat, member)).copied().unwrap_or(0)
    }

    /// What a finished request means: reported, retried, followed or given up.
    fn settle(&mut self, (mut job, result): Done) {
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
            Failure::Delivered => {
                tracing::warn!(chat = ?chat, error = %what, "delivered; the answer did not decode");
                self.follow_up(&mut job, true);
            }
            Failure::Retry(_) if chat.is_none() && job.created.elapsed() >= CALLBACK_WINDOW => {
                tracing::warn!(error = %what, "callback answer failed");
                self.dropped(&job, "callback answer past Telegram's 15 s window");
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
                tracing::error!(chat = ?chat, error = %what, attempts = MAX_ATTEMPTS, "request failed");
                self.dropped(&job, "failed at every attempt");
                self.follow_up(&mut job, false);
            }
            Failure::Migrated(to) => {
                let Some(from) = chat else {
                    self.dropped(&job, "migration answer without a chat");
                    return;
                };
                tracing::info!(from, to, "group migrated to a supergroup; following it");
                self.told.retain(|(c, _)| *c != from);
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
                    self.told.retain(|(chat, _)| *chat != c);
                    for queued in self.queues.remove(&c).unwrap_or_default() {
                        self.dropped(&queued, "the bot can no longer post in this chat");
                    }
                    self.report(Report::ChatGone { chat: c });
                }
                self.dropped(&job, "the bot can no longer post in this chat");
                self.follow_up(&mut job, false);
            }
            Failure::InvalidToken => {
                self.dropped(&job, "Telegram rejected the token");
                self.report(Report::InvalidToken);
            }
            Failure::Skip => {
                tracing::warn!(chat = ?chat, error = %what, "request refused by Telegram");
                self.dropped(&job, "refused by Telegram");
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
            std::mem::take(&mut d.on_success)
        } else {
            std::mem::take(&mut d.on_failure)
        };
        for o in next {
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

    /// A chat whose queue would wait for nothing: requests queued, none in flight, and no
    /// wake-up planned.
    #[cfg(test)]
    fn stalled(&self, wake: Option<Instant>) -> Option<i64> {
        if wake.is_some() {
            return None;
        }
        self.queues
            .iter()
            .find(|(chat, q)| !q.is_empty() && !self.busy.contains(chat))
            .map(|(chat, _)| *chat)
    }

    /// Gives a request up: logged with its reason, and reported.
    fn dropped(&self, job: &Job, reason: &'static str) {
        let chat = job.req.chat();
        if job.req.droppable() {
            tracing::debug!(chat = ?chat, reason, "request dropped");
        } else {
            tracing::warn!(chat = ?chat, reason, "request dropped");
        }
        self.report(Report::Dropped { tag: job.tag });
    }

    fn report(&self, r: Report) {
        let _ = self.reports.send(r);
    }
}

fn spawn_request<T: Transport>(transport: &T, job: Job, inflight: &mut JoinSet<Done>) {
    let transport = transport.clone();
    inflight.spawn(async move {
        tokio::time::sleep_until(job.not_before).await;
        let result = transport.execute(&job.req).await;
        (job, result)
    });
}

async fn sleep_until_opt(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;
    use std::sync::{Arc, Mutex};

    use proptest::prelude::*;
    use teloxide::types::Seconds;
    use teloxide::{ApiError, RequestError};

    use super::*;
    use crate::app::{Chat, ChatKind, Edit, Outgoing};

    /// How the fake Bot API answers one request.
    #[derive(Debug, Clone, Copy)]
    enum Answer {
        Ok,
        ServerError,
        TooMany,
        Network,
        Refused,
    }

    /// A scripted Bot API: answers requests in turn from a list (then always Ok), each after
    /// its delay, and notes which jobs it accepted.
    #[derive(Clone, Default)]
    struct Fake {
        script: Arc<Mutex<VecDeque<(Answer, u64)>>>,
        delivered: Arc<Mutex<Vec<u64>>>,
    }

    fn job_of(req: &Request) -> u64 {
        let text = match req {
            Request::Send(o) => o.html.as_str(),
            Request::Edit(e) => e.html.as_str(),
            Request::Document(d) => d.caption.as_str(),
            Request::AnswerCallback { query_id, .. } => query_id.as_str(),
        };
        text.parse().unwrap_or(u64::MAX)
    }

    impl Transport for Fake {
        async fn execute(&self, req: &Request) -> Result<Option<i32>, RequestError> {
            let (answer, delay) = self
                .script
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .pop_front()
                .unwrap_or((Answer::Ok, 20));
            tokio::time::sleep(Duration::from_millis(delay)).await;
            let server = |d: &str| RequestError::Api(ApiError::Unknown(d.into()));
            match answer {
                Answer::Ok => {
                    let job = job_of(req);
                    self.delivered
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .push(job);
                    Ok(req.chat().map(|_| job as i32))
                }
                Answer::ServerError => Err(server("500 Internal Server Error")),
                Answer::TooMany => Err(RequestError::RetryAfter(Seconds::from_seconds(1))),
                Answer::Network => Err(RequestError::Io(Arc::new(std::io::Error::new(
                    std::io::ErrorKind::ConnectionReset,
                    "reset",
                )))),
                Answer::Refused => Err(RequestError::Api(ApiError::MessageToEditNotFound)),
            }
        }
    }

    /// One request the test submits: when (ms after the start), to which chat, and what.
    #[derive(Debug, Clone)]
    struct Arrival {
        at: u64,
        chat: usize,
        kind: u8,
    }

    const CHATS: [i64; 4] = [-100, -200, 300, 400];

    fn request(n: u64, a: &Arrival) -> (Request, Priority) {
        let id = CHATS[a.chat % CHATS.len()];
        let chat = Chat {
            id,
            kind: if id < 0 {
                ChatKind::Group
            } else {
                ChatKind::Private
            },
            thread: None,
        };
        let send = |background, asker| Outgoing {
            chat,
            html: n.to_string(),
            keyboard: Vec::new(),
            reply_to: None,
            background,
            tag: None,
            asker,
        };
        match a.kind % 6 {
            0 => (Request::Send(send(false, None)), Priority::Interactive),
            1 => (Request::Send(send(true, None)), Priority::Broadcast),
            // An answer to one member's question: capped per member.
            5 => (Request::Send(send(false, Some(7))), Priority::Interactive),
            2 | 3 => (
                Request::Edit(Edit {
                    chat,
                    message_id: 1,
                    html: n.to_string(),
                    keyboard: Vec::new(),
                    droppable: a.kind % 6 == 2,
                }),
                Priority::Interactive,
            ),
            _ => (
                Request::AnswerCallback {
                    query_id: n.to_string(),
                    text: None,
                },
                Priority::Interactive,
            ),
        }
    }

    fn answer() -> impl Strategy<Value = (Answer, u64)> {
        (
            prop_oneof![
                6 => Just(Answer::Ok),
                2 => Just(Answer::ServerError),
                1 => Just(Answer::TooMany),
                1 => Just(Answer::Network),
                1 => Just(Answer::Refused),
            ],
            0u64..3_000,
        )
    }

    /// One member's flood of questions: one answer on its way, one waiting, one note to
    /// wait, the rest dropped; the teacher's message that comes after goes before the
    /// waiting answer.
    #[tokio::test(start_paused = true)]
    async fn a_members_flood_is_capped_and_the_class_goes_first() {
        let fake = Fake::default();
        let (tx, mut reports) = mpsc::unbounded_channel();
        let (outbox, _task) = Outbox::spawn(fake.clone(), String::new(), Limits::default(), tx);
        let group = Chat {
            id: -5,
            kind: ChatKind::Group,
            thread: None,
        };
        let message = |n: u64, asker| Outgoing {
            chat: group,
            html: n.to_string(),
            keyboard: Vec::new(),
            reply_to: Some(1),
            background: false,
            tag: None,
            asker,
        };
        for n in 0..200 {
            let req = Request::Send(message(n, Some(77)));
            outbox.submit(req, Priority::Interactive, Some(n));
        }
        let teacher = Request::Send(message(1000, None));
        outbox.submit(teacher, Priority::Interactive, Some(1000));
        let mut dropped = 0;
        while dropped < 197 {
            if let Some(Report::Dropped { tag: Some(_) }) = reports.recv().await {
                dropped += 1;
            }
        }
        while fake
            .delivered
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .len()
            < 4
        {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        tokio::time::sleep(Duration::from_secs(60)).await;
        let delivered = fake
            .delivered
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        assert_eq!(delivered, vec![0, 1000, 1, u64::MAX]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// The real scheduler over random arrivals, faults and delays: it never leaves a chat
        /// with queued requests and nothing to wake it (it panics if so), and every request is
        /// delivered once or given up with a reason, never both, never neither.
        #[test]
        fn every_request_is_sent_or_dropped_and_no_queue_stalls(
            arrivals in prop::collection::vec(
                (0u64..20_000, 0usize..4, 0u8..6).prop_map(|(at, chat, kind)| Arrival { at, chat, kind }),
                1..60,
            ),
            script in prop::collection::vec(answer(), 0..80),
        ) {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_time()
                .start_paused(true)
                .build()
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            let (delivered, dropped, total) = runtime.block_on(async {
                let fake = Fake::default();
                fake.script.lock().unwrap_or_else(|p| p.into_inner()).extend(script);
                let (tx, mut reports) = mpsc::unbounded_channel();
                let (outbox, task) = Outbox::spawn(fake.clone(), String::new(), Limits::default(), tx);
                let start = Instant::now();
                let mut sorted = arrivals.clone();
                sorted.sort_by_key(|a| a.at);
                for (n, a) in sorted.iter().enumerate() {
                    tokio::time::sleep_until(start + Duration::from_millis(a.at)).await;
                    let (req, priority) = request(n as u64, a);
                    outbox.submit(req, priority, Some(n as u64));
                }
                let total = sorted.len();
                let mut dropped: Vec<u64> = Vec::new();
                let deadline = start + Duration::from_secs(3 * 3600);
                loop {
                    // Messages the outbox made itself (a "wait" note) carry no job number.
                    let done = fake
                        .delivered
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .iter()
                        .filter(|d| **d < total as u64)
                        .count()
                        + dropped.len();
                    if done >= total || Instant::now() >= deadline || task.is_finished() {
                        break;
                    }
                    tokio::select! {
                        Some(r) = reports.recv() => if let Report::Dropped { tag: Some(t) } = r {
                            dropped.push(t);
                        },
                        _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                    }
                }
                assert!(!task.is_finished(), "the scheduler stopped (a stall panics it)");
                let delivered = fake.delivered.lock().unwrap_or_else(|p| p.into_inner()).clone();
                (delivered, dropped, total)
            });
            for n in 0..total as u64 {
                let times = delivered.iter().filter(|d| **d == n).count()
                    + dropped.iter().filter(|d| **d == n).count();
                prop_assert_eq!(times, 1, "request {} sent {:?}, dropped {:?}", n, delivered, dropped);
            }
        }
    }
}
