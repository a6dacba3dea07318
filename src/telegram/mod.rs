//! The Telegram adapter: long polling in, the outbox out, and the engine loop between them.
//!
//! The engine handles updates one at a time, in order. Handling never waits on the network:
//! the app returns effects, the outbox sends them. So a slow request delays nothing behind it,
//! and the order of updates within a chat is the order they are handled in.

mod convert;
mod deliver;
mod limits;
mod outbox;
mod poll;
mod teachers;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, bail};
use jiff::Timestamp;
use teloxide::prelude::*;
use teloxide::types::{BotCommand, BotCommandScope, Me};
use teloxide::{ApiError, RequestError};
use tokio::sync::{Notify, mpsc, watch};

use crate::app::{App, Effect, Event, Settings};
use crate::config::Config;
use crate::content::Content;
use crate::state::snapshot;
use crate::texts;
pub use deliver::Request;
pub use limits::Limits;
pub use outbox::{Outbox, Priority, Report};
use teachers::{Known, Teachers};

/// How long queued sends may still go out after a shutdown signal.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);
/// How long a shutdown waits for teacher checks still with Telegram; a command whose check
/// takes longer is left unconfirmed, so the next start handles it.
const CHECK_GRACE: Duration = Duration::from_secs(5);

/// Runs the bot until Ctrl-C or SIGTERM (Ok) or until Telegram rejects the token (Err).
pub async fn run(config: Config, content: Content) -> anyhow::Result<()> {
    let token = config.token.clone().context("TELOXIDE_TOKEN is not set")?;
    // A data directory that cannot take the snapshot is found now, not at the first write.
    snapshot::prove_writable(&config.data_dir).with_context(|| {
        format!(
            "KELASBOT_DATA_DIR={} cannot be written, so the state could not be saved; \
             point KELASBOT_DATA_DIR at a writable directory",
            config.data_dir.display()
        )
    })?;
    let client = teloxide::net::default_reqwest_settings()
        .timeout(Duration::from_secs(u64::from(poll::POLL_TIMEOUT_SECS) + 15))
        .build()
        .context("cannot build the HTTP client")?;
    let mut bot = Bot::with_client(token.clone(), client);
    if let Some(url) = &config.api_url {
        let url = url::Url::parse(url)
            .with_context(|| format!("TELOXIDE_API_URL={url:?} is not a valid URL"))?;
        bot = bot.set_api_url(url);
    }

    let (stop_tx, stop_rx) = watch::channel(false);
    let signals = tokio::spawn(async move {
        shutdown_signal().await;
        let _ = stop_tx.send(true);
    });

    let Some(me) = get_me(&bot, &token, stop_rx.clone()).await? else {
        return Ok(());
    };
    let username = me.username().to_string();
    tracing::info!(bot_id = me.id.0, username = %username, "connected to the Bot API");

    let path = config.data_dir.join(snapshot::FILE_NAME);
    let state = load_state(&path)?;
    let settings = Settings {
        default_tz: config.tz.clone(),
        tz_name: config.tz_name.clone(),
        quiz_seconds: config.quiz_seconds,
    };
    let app = Arc::new(App::with_settings(content, state, &username, settings));
    let persist = Arc::new(Persist {
        app: app.clone(),
        path,
        writing: tokio::sync::Mutex::new(()),
    });

    set_menus(&bot, &token).await;

    let (report_tx, mut reports) = mpsc::unbounded_channel();
    let (outbox, outbox_task) =
        Outbox::spawn(bot.clone(), token.clone(), Limits::default(), report_tx);
    let outbox = Arc::new(outbox);
    // The background tasks stop when the engine does, whatever made it stop.
    let (tasks_stop, tasks_stop_rx) = watch::channel(false);
    let snapshots = tokio::spawn(snapshot_loop(
        persist.clone(),
        Duration::from_secs(config.snapshot_secs),
        tasks_stop_rx.clone(),
    ));
    let sink = Sink {
        outbox: outbox.clone(),
        persist: persist.clone(),
    };
    let wake_facts = Arc::new(Notify::new());
    let facts = tokio::spawn(fact_loop(
        sink.clone(),
        wake_facts.clone(),
        tasks_stop_rx.clone(),
    ));
    let wake_quiz = Arc::new(Notify::new());
    let quizzes = tokio::spawn(quiz_loop(sink.clone(), wake_quiz.clone(), tasks_stop_rx));
    let (checked_tx, mut checked) = mpsc::unbounded_channel();
    let engine = Engine {
        app: app.clone(),
        sink,
        bot: bot.clone(),
        token: token.clone(),
        teachers: Arc::new(Teachers::new(config.teachers.clone())),
        checked: checked_tx,
        waiting: Arc::new(std::sync::Mutex::new(HashMap::new())),
        wake_facts,
        wake_quiz,
    };
    // Rounds cut off by the last stop are announced.
    engine.sink.submit(app.startup());
    let (update_tx, mut updates) = mpsc::channel(256);
    let mut poller = tokio::spawn(poll::poll(
        bot.clone(),
        token.clone(),
        update_tx,
        stop_rx.clone(),
    ));
    let mut poller_done = false;

    let mut stop = stop_rx.clone();
    let mut next_offset: Option<i32> = None;
    let mut invalid_token = false;
    loop {
        tokio::select! {
            // What the outbox learned comes first: a question Telegram confirmed is open
            // before a press that arrived with it is judged.
            biased;
            Some(report) = reports.recv() => if engine.on_report(report) {
                invalid_token = true;
                break;
            },
            Some(event) = checked.recv() => engine.handle(event),
            Some((update, received)) = updates.recv() => {
                next_offset = Some(update.id.as_offset());
                for event in convert::events(&update, me.id, received) {
                    engine.dispatch(event, update.id.as_offset() - 1);
                }
            }
            end = &mut poller => {
                poller_done = true;
                if matches!(end, Ok(poll::PollEnd::InvalidToken)) {
                    invalid_token = true;
                }
                break;
            }
            _ = stop.changed() => break,
        }
    }

    // Shutdown: stop taking updates, handle those already fetched, confirm them, write the
    // snapshot, then give queued sends a short grace period.
    if !poller_done {
        let _ = poller.await;
    }
    while let Ok((update, received)) = updates.try_recv() {
        next_offset = Some(update.id.as_offset());
        for event in convert::events(&update, me.id, received) {
            engine.dispatch(event, update.id.as_offset() - 1);
        }
    }
    // Commands whose teacher check is still with Telegram: carried out if the answer comes
    // soon; otherwise their updates are not confirmed, and the next start handles them.
    let until = tokio::time::Instant::now() + CHECK_GRACE;
    while engine.checks_waiting() {
        tokio::select! {
            Some(event) = checked.recv() => engine.handle(event),
            _ = tokio::time::sleep_until(until) => break,
        }
    }
    while let Ok(event) = checked.try_recv() {
        engine.handle(event);
    }
    if let Some(first) = engine.first_waiting() {
        tracing::warn!(
            update_offset = first,
            "teacher checks unanswered at shutdown; their updates come again at the next start"
        );
        next_offset = Some(next_offset.map_or(first, |n| n.min(first)));
    }
    if let Some(offset) = next_offset
        && !invalid_token
    {
        poll::confirm(&bot, &token, offset).await;
    }
    let _ = tasks_stop.send(true);
    let _ = snapshots.await;
    let _ = facts.await;
    let _ = quizzes.await;
    match persist.write_now().await {
        Ok(()) => tracing::info!("final snapshot written"),
        Err(e) => tracing::error!(error = %e, "final snapshot could not be written"),
    }
    outbox.close(SHUTDOWN_GRACE);
    let _ = tokio::time::timeout(SHUTDOWN_GRACE + Duration::from_millis(500), outbox_task).await;
    // What the last sends taught (a group that removed the bot, a migration) is kept too.
    while let Ok(report) = reports.try_recv() {
        engine.on_report(report);
    }
    if let Err(e) = persist.write_if_dirty().await {
        tracing::error!(error = %e, "last snapshot could not be written");
    }
    signals.abort();
    if invalid_token {
        bail!(
            "Telegram rejected TELOXIDE_TOKEN (401 Unauthorized) while running; the snapshot was written. Check the token with @BotFather."
        );
    }
    tracing::info!("stopped");
    Ok(())
}

/// Events waiting for one getChatMember answer, by (group, user), each with the offset that
/// would fetch its update again.
type Waiting = Arc<std::sync::Mutex<HashMap<(i64, i64), Vec<(Event, i32)>>>>;

/// The engine: hands events to the app in order and its effects to the outbox. A teacher
/// command from someone not yet known to teach waits for getChatMember in its own task, then
/// comes back through `checked`; nothing else waits for it. One lookup serves every event of
/// the same person in the same group that arrives while it is under way.
struct Engine {
    app: Arc<App>,
    sink: Sink,
    bot: Bot,
    token: String,
    teachers: Arc<Teachers>,
    checked: mpsc::UnboundedSender<Event>,
    waiting: Waiting,
    wake_facts: Arc<Notify>,
    wake_quiz: Arc<Notify>,
}

impl Engine {
    /// Hands `event` (from the update that `offset` fetches again) to the app, once who
    /// teaches is known.
    fn dispatch(&self, mut event: Event, offset: i32) {
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
    fn checks_waiting(&self) -> bool {
        !self
            .waiting
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_empty()
    }

    /// The offset that fetches the first update still waiting for a teacher check.
    fn first_waiting(&self) -> Option<i32> {
        self.waiting
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .values()
            .flatten()
            .map(|(_, offset)| *offset)
            .min()
    }

    /// Applies what the outbox learned; true when Telegram rejected the token.
    fn on_report(&self, report: Report) -> bool {
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

    fn handle(&self, event: Event) {
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

fn set_teacher(event: &mut Event, teaches: bool) {
    if let Event::Message { teacher, .. } | Event::Callback { teacher, .. } = event {
        *teacher = teaches;
    }
}

/// Where effects go: the outbox, and for those that must wait for the disk, the snapshot
/// writer first.
#[derive(Clone)]
struct Sink {
    outbox: Arc<Outbox>,
    persist: Arc<Persist>,
}

/// Attempts at the end-of-round snapshot before the podium goes out regardless.
const DURABLE_ATTEMPTS: u32 = 3;

impl Sink {
    fn submit(&self, effects: Vec<Effect>) {
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

/// Asks Telegram who the bot is, retrying through network trouble. `None` if a shutdown
/// signal came first; an error if the token is refused.
async fn get_me(
    bot: &Bot,
    token: &str,
    mut stop: watch::Receiver<bool>,
) -> anyhow::Result<Option<Me>> {
    let mut attempt = 0;
    loop {
        let result = tokio::select! {
            r = bot.get_me() => r,
            _ = stop.changed() => return Ok(None),
        };
        let wait = match result {
            Ok(me) => return Ok(Some(me)),
            Err(RequestError::Api(ApiError::InvalidToken)) => bail!(
                "Telegram rejected TELOXIDE_TOKEN (401 Unauthorized). Get a valid token from @BotFather \
                 and put it in .env or the environment."
            ),
            Err(RequestError::RetryAfter(s)) => s.duration(),
            Err(e) => {
                attempt += 1;
                let wait = deliver::backoff(attempt);
                tracing::warn!(error = %deliver::describe(&e, token), wait_ms = wait.as_millis() as u64, "cannot reach the Bot API yet");
                wait
            }
        };
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = stop.changed() => return Ok(None),
        }
    }
}

fn load_state(path: &Path) -> anyhow::Result<crate::state::State> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let loaded = snapshot::load(path, now)?;
    if let Some(leftover) = &loaded.removed_leftover {
        tracing::info!(file = %leftover.display(), "removed the temporary file of an interrupted snapshot write");
    }
    if let Some((aside, why)) = &loaded.set_aside {
        tracing::error!(
            snapshot = %path.display(),
            moved_to = %aside.display(),
            problem = %why,
            "THE STATE SNAPSHOT WAS UNUSABLE: it was moved aside and the bot starts with empty state"
        );
    } else {
        tracing::info!(snapshot = %path.display(), chats = loaded.state.chats.len(), "state loaded");
    }
    Ok(loaded.state)
}

/// Registers the command menus for private chats, groups and group administrators.
async fn set_menus(bot: &Bot, token: &str) {
    let scopes = [
        (BotCommandScope::AllPrivateChats, texts::MENU_PRIVATE),
        (BotCommandScope::AllGroupChats, texts::MENU_GROUP),
        (
            BotCommandScope::AllChatAdministrators,
            texts::MENU_GROUP_ADMINS,
        ),
    ];
    for (scope, menu) in scopes {
        let commands: Vec<BotCommand> = menu.iter().map(|(c, d)| BotCommand::new(*c, *d)).collect();
        for attempt in 0..3 {
            match bot
                .set_my_commands(commands.clone())
                .scope(scope.clone())
                .language_code("id")
                .await
            {
                Ok(_) => break,
                Err(RequestError::RetryAfter(s)) => tokio::time::sleep(s.duration()).await,
                Err(e) => {
                    tracing::warn!(error = %deliver::describe(&e, token), "setMyCommands failed");
                    tokio::time::sleep(deliver::backoff(attempt)).await;
                }
            }
        }
    }
}

/// The one writer of the snapshot file: periodic writes, the daily facts' writes and the
/// final one never overlap. Encoding copies the state under its lock; the disk work happens
/// on a blocking thread, so handlers never wait for it.
struct Persist {
    app: Arc<App>,
    path: PathBuf,
    writing: tokio::sync::Mutex<()>,
}

impl Persist {
    async fn write(&self, state: crate::state::State) -> std::io::Result<()> {
        let _writing = self.writing.lock().await;
        let path = self.path.clone();
        match tokio::task::spawn_blocking(move || snapshot::write_state(&path, &state)).await {
            Ok(result) => result,
            Err(e) => Err(std::io::Error::other(e)),
        }
    }

    /// Writes the state now, changed or not; on failure it stays marked as changed.
    async fn write_now(&self) -> std::io::Result<()> {
        let result = self.write(self.app.snapshot_now()).await;
        if result.is_err() {
            self.app.mark_dirty();
        }
        result
    }

    /// Writes the state if it changed since the last write.
    async fn write_if_dirty(&self) -> std::io::Result<()> {
        let Some(state) = self.app.take_snapshot() else {
            return Ok(());
        };
        let result = self.write(state).await;
        if result.is_err() {
            self.app.mark_dirty();
        }
        result
    }
}

/// Writes the snapshot whenever the state changed, every `every`, off the handlers' path.
async fn snapshot_loop(persist: Arc<Persist>, every: Duration, mut stop: watch::Receiver<bool>) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = stop.changed() => return,
        }
        if let Err(e) = persist.write_if_dirty().await {
            tracing::error!(error = %e, "snapshot write failed; will retry");
        }
    }
}

/// Longest sleep of the daily-fact scheduler: it also wakes when a subscription changes, and
/// looks again at least this often in case the wall clock was set.
const FACT_LOOP_MAX_SLEEP: Duration = Duration::from_secs(15 * 60);
/// After a failed snapshot write, daily facts wait this long before trying again.
const FACT_RETRY: Duration = Duration::from_secs(30);

/// Sends the daily facts: sleeps until the next one is due, records the due ones in a written
/// snapshot, then hands them to the outbox behind interactive traffic (at-most-once).
async fn fact_loop(sink: Sink, wake: Arc<Notify>, mut stop: watch::Receiver<bool>) {
    let persist = sink.persist.clone();
    let app = persist.app.clone();
    loop {
        let now = Timestamp::now();
        let due = app.due_facts(now);
        let mut wait = None;
        if !due.is_empty() {
            match persist.write_now().await {
                Ok(()) => {
                    tracing::info!(groups = due.len(), "daily facts recorded; sending");
                    sink.submit(due.into_iter().map(|f| f.effect).collect());
                }
                Err(e) => {
                    tracing::error!(error = %e, groups = due.len(), "snapshot write failed; daily facts held back");
                    app.unsend(&due);
                    wait = Some(FACT_RETRY);
                }
            }
        }
        let wait = wait.unwrap_or_else(|| {
            let now = Timestamp::now();
            app.next_fact_at(now)
                .and_then(|t| Duration::try_from(t.duration_since(now)).ok())
                .map_or(FACT_LOOP_MAX_SLEEP, |d| d.min(FACT_LOOP_MAX_SLEEP))
        });
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = wake.notified() => {}
            _ = stop.changed() => return,
        }
    }
}

/// Longest sleep of the quiz clock when no round runs; a command or a press wakes it.
const QUIZ_LOOP_MAX_SLEEP: Duration = Duration::from_secs(60 * 60);

/// Moves quiz rounds on: sleeps until a round's next moment (a deadline, a live-count edit,
/// the next question) or until an event wakes it, then lets the app step every due round.
async fn quiz_loop(sink: Sink, wake: Arc<Notify>, mut stop: watch::Receiver<bool>) {
    let app = sink.persist.app.clone();
    loop {
        sink.submit(app.quiz_tick(Timestamp::now()));
        let wait = app.next_quiz_wake().map_or(QUIZ_LOOP_MAX_SLEEP, |t| {
            Duration::try_from(t.duration_since(Timestamp::now()))
                .unwrap_or(Duration::ZERO)
                .min(QUIZ_LOOP_MAX_SLEEP)
        });
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = wake.notified() => {}
            _ = stop.changed() => return,
        }
    }
}

/// Completes on Ctrl-C (SIGINT) or SIGTERM, which systemd and container runtimes send.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => tracing::info!("Ctrl-C received, shutting down"),
        _ = term => tracing::info!("SIGTERM received, shutting down"),
    }
}
