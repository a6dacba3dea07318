//! The driver: the one loop that carries out what the app asks, for both adapters. The app
//! says what to do as effects; the driver writes the snapshot when an effect must wait for
//! it, hands everything else to the adapter's [`Port`], feeds back what the port learned at
//! once (a delivery confirmed on the spot), calls the app again at the instant it asked for
//! (`App::next_wake`), and keeps the snapshot current. The Telegram adapter and the
//! playground differ only in their port and in where their events come from.

pub mod backup;
pub mod clock;
pub mod set_store;
pub mod store;

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use tokio::sync::Notify;

use crate::app::{App, Effect, Event, SetChange, Unwritten};
use crate::content::{Problem, load_library};
use crate::state::State;
pub use clock::Clock;

/// Where the effects that need no disk go: Telegram's outbox, or the playground's screen.
pub trait Port {
    /// Carries out one effect. [`Effect::AfterSnapshot`] never comes here: the driver writes
    /// the snapshot first and hands over what waited for it, one effect at a time.
    /// Returns what was learned at once, to hand back to the app: the playground confirms a
    /// question the moment it shows it; the Telegram adapter reports later, as events.
    fn carry_out(&mut self, effect: Effect, now: Timestamp) -> Vec<Event>;

    /// A snapshot write failed (the driver retries; the state stays marked as changed).
    fn unsaved(&mut self, error: &std::io::Error);
}

/// What a reload found.
#[derive(Debug)]
pub struct Reloaded {
    /// How many subjects are taught now.
    pub subjects: usize,
    pub warnings: Vec<Problem>,
    /// Chats whose subject is gone; they are taught the default.
    pub orphans: Vec<i64>,
}

/// Attempts at an end-of-round snapshot before its podium goes out regardless.
const DURABLE_ATTEMPTS: u32 = 3;
/// Longest sleep on the wall clock: it may be set while the driver sleeps.
const MAX_SLEEP: Duration = Duration::from_secs(15 * 60);

/// Effects waiting for a written snapshot, with the failed attempts so far.
struct Waiting {
    then: Vec<Effect>,
    unwritten: Unwritten,
    attempts: u32,
}

/// Writes ended on their blocking threads, counted, with a way to wait for the next.
#[derive(Default)]
struct Wrote {
    ended: AtomicU64,
    notify: Notify,
}

/// A set's file being written on a blocking thread, and what waits for it.
struct SetWriting {
    task: tokio::task::JoinHandle<std::io::Result<()>>,
    change: SetChange,
    then: Vec<Effect>,
}

/// A snapshot write under way on a blocking thread, and what waits for it.
struct Writing {
    task: tokio::task::JoinHandle<std::io::Result<()>>,
    waiting: Vec<Waiting>,
}

pub struct Driver<P: Port> {
    app: Arc<App>,
    port: P,
    clock: Clock,
    path: PathBuf,
    /// How often a changed state is written even when nothing waits for it; zero writes it
    /// after every step.
    save_every: SignedDuration,
    next_save: Timestamp,
    /// Effects waiting for the next write (one under way holds its own).
    waiting: Vec<Waiting>,
    /// The write under way: at most one at a time, so they never overlap, and whatever
    /// waits meanwhile shares the next one.
    writing: Option<Writing>,
    /// Told when a write ends, so the loop wakes to carry out what waited for it.
    wrote: Arc<Wrote>,
    /// How many writes have been finished here (their results taken).
    collected: u64,
    /// When the effects waiting for a snapshot are tried again, after a failed write.
    retry_at: Option<Timestamp>,
    /// Where sets' files are kept.
    sets_dir: PathBuf,
    /// Set files to write, in order, one at a time (a save then a delete of the same set
    /// must reach the disk in that order).
    set_queue: VecDeque<(SetChange, Vec<Effect>)>,
    set_writing: Option<SetWriting>,
}

impl<P: Port> Driver<P> {
    pub fn new(app: Arc<App>, port: P, clock: Clock, path: PathBuf, save_every: Duration) -> Self {
        let save_every = SignedDuration::try_from(save_every).unwrap_or(SignedDuration::MAX);
        let next_save = clock.now() + save_every;
        let sets_dir = set_store::sets_dir(&path);
        Driver {
            app,
            port,
            clock,
            path,
            save_every,
            next_save,
            waiting: Vec::new(),
            writing: None,
            wrote: Arc::new(Wrote::default()),
            collected: 0,
            retry_at: None,
            sets_dir,
            set_queue: VecDeque::new(),
            set_writing: None,
        }
    }

    /// Where sets' files are kept (beside the snapshot).
    pub fn sets_dir(&self) -> &Path {
        &self.sets_dir
    }

    pub fn app(&self) -> &App {
        &self.app
    }

    /// Reads every pack in `dir` again and, if all of them are valid, teaches them from now
    /// on (validation and indexing happen off the async threads). On any problem nothing
    /// changes and the problems are returned. On success, returns the chats whose subject is
    /// gone (they fall back to the default).
    pub async fn reload(&mut self, dir: &Path) -> Result<Reloaded, Vec<Problem>> {
        let dir = dir.to_path_buf();
        let loaded = tokio::task::spawn_blocking(move || {
            let (library, warnings) = load_library(&dir)?;
            let indexes = App::build_indexes(&library);
            Ok((library, indexes, warnings))
        })
        .await
        .unwrap_or_else(|e| {
            Err(vec![Problem::new(
                "content",
                None,
                format!("reading it failed: {e}"),
            )])
        });
        let (library, indexes, warnings) = loaded?;
        let subjects = library.packs().len();
        let (app, orphans) = self.app.reloaded(library, indexes);
        self.app = Arc::new(app);
        Ok(Reloaded {
            subjects,
            warnings,
            orphans,
        })
    }

    pub fn port(&mut self) -> &mut P {
        &mut self.port
    }

    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Moves the clock forward (the playground's `:maju`); [`Driver::wake`] then runs what
    /// fell due.
    pub fn advance(&mut self, by: SignedDuration) {
        self.clock.advance(by);
    }

    /// Moves the clock to the next moment someone waits for (the playground's `:lanjut`);
    /// false when nothing is waited for.
    pub fn skip_ahead(&mut self) -> bool {
        let now = self.now();
        let Some(at) = self.app.next_milestone(now) else {
            return false;
        };
        if at > now {
            self.clock.advance(at.duration_since(now));
        }
        true
    }

    /// What to do at start: say which rounds the last stop cut off, then whatever fell due
    /// while the bot was away (today's daily facts).
    pub async fn start(&mut self) {
        let effects = self.app.startup();
        self.apply(effects);
        self.wake().await;
    }

    /// Hands `event` to the app at the clock's now and carries out what it says; returns how
    /// many effects it had.
    pub fn handle(&mut self, event: Event) -> usize {
        let effects = self.app.handle(event, self.now());
        let count = effects.len();
        self.apply(effects);
        self.save_if_due();
        count
    }

    /// Runs whatever is due at the clock's now: what waited for a finished write, retries
    /// of a failed one, the app's timed work, the periodic snapshot.
    pub async fn wake(&mut self) {
        self.collect().await;
        let now = self.now();
        if self.retry_at.is_some_and(|t| t <= now) {
            self.retry_at = None;
            self.kick();
        }
        let effects = self.app.tick(now);
        self.apply(effects);
        self.save_if_due();
    }

    /// The next instant [`Driver::wake`] has something to do.
    pub fn deadline(&self) -> Option<Timestamp> {
        let now = self.now();
        let save = (!self.save_every.is_zero()).then_some(self.next_save);
        [self.app.next_wake(now), self.retry_at, save]
            .into_iter()
            .flatten()
            .min()
    }

    /// Sleeps until [`Driver::deadline`] or until a write ends. Borrows the driver only to
    /// read it, so it can sit in a `select!` beside the adapter's inputs.
    pub async fn sleep(&self) {
        let timer = async {
            match self.deadline() {
                Some(at) => {
                    let wait = self.clock.real(at.duration_since(self.now()));
                    let wait = if self.clock.follows_wall() {
                        wait.min(MAX_SLEEP)
                    } else {
                        wait
                    };
                    tokio::time::sleep(wait).await;
                }
                None => std::future::pending().await,
            }
        };
        let ended = self.wrote.notify.notified();
        tokio::pin!(ended);
        // Listening before looking: a write that ends in between still wakes this.
        ended.as_mut().enable();
        if self.wrote.ended.load(Ordering::Acquire) > self.collected {
            return;
        }
        tokio::select! {
            () = timer => {}
            () = ended => {}
        }
    }

    /// Waits for the writes under way and carries out what waited for them (the playground
    /// shows a round's podium before it reads the next line). Returns whether the last write
    /// succeeded.
    pub async fn settle(&mut self) -> bool {
        while let Some(writing) = self.set_writing.take() {
            let result = match writing.task.await {
                Ok(result) => result,
                Err(e) => Err(std::io::Error::other(e)),
            };
            self.collected += 1;
            self.set_written(result, writing.change, writing.then);
        }
        let mut ok = true;
        while let Some(writing) = self.writing.take() {
            let result = match writing.task.await {
                Ok(result) => result,
                Err(e) => Err(std::io::Error::other(e)),
            };
            self.collected += 1;
            ok = self.written(result, writing.waiting);
        }
        ok
    }

    /// Writes the state now, changed or not, and carries out what waits for it (shutdown).
    pub async fn save_now(&mut self) -> bool {
        self.settle().await;
        self.retry_at = None;
        let waiting = std::mem::take(&mut self.waiting);
        self.start_write(self.app.snapshot_now(), waiting);
        self.settle().await
    }

    /// Writes the state if it changed since the last write (shutdown).
    pub async fn save_if_changed(&mut self) -> bool {
        self.settle().await;
        match self.app.take_snapshot() {
            Some(state) => {
                self.start_write(state, Vec::new());
                self.settle().await
            }
            None => true,
        }
    }

    /// Carries out `effects`, and whatever the port learned doing so; those that wait for
    /// the disk wait for the next write.
    fn apply(&mut self, effects: Vec<Effect>) {
        let mut queue: VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            match effect {
                Effect::AfterSnapshot { then, unwritten } => self.waiting.push(Waiting {
                    then,
                    unwritten,
                    attempts: 0,
                }),
                Effect::StoreSet { change, then } => self.set_queue.push_back((change, then)),
                effect => {
                    let now = self.now();
                    for learned in self.port.carry_out(effect, now) {
                        queue.extend(self.app.handle(learned, now));
                    }
                }
            }
        }
        self.kick();
        self.kick_sets();
    }

    /// Starts writing the next set file, unless one is being written.
    fn kick_sets(&mut self) {
        if self.set_writing.is_some() {
            return;
        }
        let Some((change, then)) = self.set_queue.pop_front() else {
            return;
        };
        let dir = self.sets_dir.clone();
        let wrote = self.wrote.clone();
        let (owner, name, bytes) = (change.owner, change.name.clone(), change.bytes.clone());
        let task = tokio::task::spawn_blocking(move || {
            let result = set_store::write_set(&dir, owner, &name, bytes.as_deref());
            wrote.ended.fetch_add(1, Ordering::AcqRel);
            wrote.notify.notify_waiters();
            result
        });
        self.set_writing = Some(SetWriting { task, change, then });
    }

    /// A set's file was written (the app learns it, then what waited goes out) or refused
    /// (the app takes the change back); the next one starts.
    fn set_written(&mut self, result: std::io::Result<()>, change: SetChange, then: Vec<Effect>) {
        let effects = match result {
            Ok(()) => {
                let mut effects = self.app.handle(Event::SetStored { change }, self.now());
                effects.extend(then);
                effects
            }
            Err(e) => {
                tracing::error!(owner = change.owner, set = %change.name, error = %e, "set file not written");
                self.app.handle(Event::SetUnsaved { change }, self.now())
            }
        };
        self.apply(effects);
    }

    /// Starts the write that waiting effects need, unless one is under way (they share the
    /// next) or a retry is pending.
    fn kick(&mut self) {
        if self.writing.is_none() && self.retry_at.is_none() && !self.waiting.is_empty() {
            let waiting = std::mem::take(&mut self.waiting);
            self.start_write(self.app.snapshot_now(), waiting);
        }
    }

    /// Writes `state` on a blocking thread; `waiting` goes out once it is on disk.
    fn start_write(&mut self, state: State, waiting: Vec<Waiting>) {
        let path = self.path.clone();
        let wrote = self.wrote.clone();
        let task = tokio::task::spawn_blocking(move || {
            let result = store::write_state(&path, &state);
            wrote.ended.fetch_add(1, Ordering::AcqRel);
            wrote.notify.notify_waiters();
            result
        });
        self.writing = Some(Writing { task, waiting });
    }

    /// Finishes the write under way if it has ended.
    async fn collect(&mut self) {
        if self
            .set_writing
            .as_ref()
            .is_some_and(|w| w.task.is_finished())
            && let Some(writing) = self.set_writing.take()
        {
            let result = match writing.task.await {
                Ok(result) => result,
                Err(e) => Err(std::io::Error::other(e)),
            };
            self.collected += 1;
            self.set_written(result, writing.change, writing.then);
        }
        if self.writing.as_ref().is_some_and(|w| w.task.is_finished()) {
            self.settle().await;
        }
    }

    /// A write ended: on success what waited for it goes out; on failure the state stays
    /// marked as changed, daily facts are handed back to the app, and podiums are tried
    /// again shortly, going out regardless after their last attempt.
    fn written(&mut self, result: std::io::Result<()>, waiting: Vec<Waiting>) -> bool {
        let ok = match result {
            Ok(()) => true,
            Err(e) => {
                self.app.mark_dirty();
                self.port.unsaved(&e);
                false
            }
        };
        let mut release = Vec::new();
        let mut attempts = 0;
        for mut w in waiting {
            w.attempts += 1;
            match (&w.unwritten, ok) {
                (_, true) => release.extend(w.then),
                (Unwritten::HandBack(unsent), false) => {
                    let event = Event::Unsaved {
                        unsent: unsent.clone(),
                        at: self.now(),
                    };
                    release.extend(self.app.handle(event, self.now()));
                }
                (Unwritten::CarryOut, false) if w.attempts >= DURABLE_ATTEMPTS => {
                    tracing::error!("snapshot still not written; the round's end goes out anyway");
                    release.extend(w.then);
                }
                (Unwritten::CarryOut, false) => {
                    attempts = attempts.max(w.attempts);
                    self.waiting.push(w);
                }
            }
        }
        if attempts > 0 {
            // 1 s, then 2 s: a disk that is briefly full or busy gets a moment.
            let wait = SignedDuration::from_secs(1 << attempts.saturating_sub(1).min(4));
            self.retry_at = Some(self.now() + wait);
        }
        self.apply(release);
        ok
    }

    /// Starts the periodic write when it is due and the state changed; a write under way
    /// puts it off to the next period.
    fn save_if_due(&mut self) {
        let now = self.now();
        if now < self.next_save {
            return;
        }
        self.next_save = now + self.save_every;
        if self.writing.is_none()
            && let Some(state) = self.app.take_snapshot()
        {
            self.start_write(state, Vec::new());
        }
    }
}

#[cfg(test)]
mod tests;
