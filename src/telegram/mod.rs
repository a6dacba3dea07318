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

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, bail};
use jiff::Timestamp;
use teloxide::prelude::*;
use teloxide::types::{BotCommand, BotCommandScope, Me};
use teloxide::{ApiError, RequestError};
use tokio::sync::{Notify, mpsc, watch};

use crate::app::{App, ChatKind, Effect, Event, Settings};
use crate::commands;
use crate::config::Config;
use crate::content::Content;
use crate::state::snapshot;
use crate::texts;
pub use deliver::Request;
pub use limits::Limits;
pub use outbox::{Outbox, Priority, Report};
use teachers::Teachers;

/// How long queued sends may still go out after a shutdown signal.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

/// Runs the bot until Ctrl-C or SIGTERM (Ok) or until Telegram rejects the token (Err).
pub async fn run(config: Config, content: Content) -> anyhow::Result<()> {
    let token = config.token.clone().context("TELOXIDE_TOKEN is not set")?;
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
    let wake_facts = Arc::new(Notify::new());
    let facts = tokio::spawn(fact_loop(
        persist.clone(),
        outbox.clone(),
        wake_facts.clone(),
        tasks_stop_rx,
    ));
    let (checked_tx, mut checked) = mpsc::unbounded_channel();
    let engine = Engine {
        app: app.clone(),
        outbox: outbox.clone(),
        bot: bot.clone(),
        token: token.clone(),
        teachers: Arc::new(Teachers::new(config.teachers.clone())),
        checked: checked_tx,
        wake_facts,
    };
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
            Some(update) = updates.recv() => {
                next_offset = Some(update.id.as_offset());
                for event in convert::events(&update, me.id) {
                    engine.dispatch(event);
                }
            }
            Some(event) = checked.recv() => engine.handle(event),
            Some(report) = reports.recv() => if engine.on_report(report) {
                invalid_token = true;
                break;
            },
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
    while let Ok(update) = updates.try_recv() {
        next_offset = Some(update.id.as_offset());
        for event in convert::events(&update, me.id) {
            engine.dispatch(event);
        }
    }
    if let Some(offset) = next_offset
        && !invalid_token
    {
        poll::confirm(&bot, &token, offset).await;
    }
    let _ = tasks_stop.send(true);
    let _ = snapshots.await;
    let _ = facts.await;
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

/// The engine: hands events to the app in order and its effects to the outbox. A teacher
/// command from someone not yet known to teach waits for getChatMember in its own task, then
/// comes back through `checked`; nothing else waits for it.
struct Engine {
    app: Arc<App>,
    outbox: Arc<Outbox>,
    bot: Bot,
    token: String,
    teachers: Arc<Teachers>,
    checked: mpsc::UnboundedSender<Event>,
    wake_facts: Arc<Notify>,
}

impl Engine {
    fn dispatch(&self, mut event: Event) {
        if let Event::Message {
            chat,
            from: Some(user),
            text,
            teacher,
            ..
        } = &mut event
            && chat.kind == ChatKind::Group
            && !*teacher
            && commands::needs_teacher(text, self.app.bot_username())
        {
            if self.teachers.known(chat.id, user.id) {
                *teacher = true;
            } else {
                let (chat_id, user_id) = (chat.id, user.id);
                let (bot, token) = (self.bot.clone(), self.token.clone());
                let (teachers, checked) = (self.teachers.clone(), self.checked.clone());
                tokio::spawn(async move {
                    let teaches = teachers.ask(&bot, &token, chat_id, user_id).await;
                    if let Event::Message { teacher, .. } = &mut event {
                        *teacher = teaches;
                    }
                    let _ = checked.send(event);
                });
                return;
            }
        }
        self.handle(event);
    }

    /// Applies what the outbox learned; true when Telegram rejected the token.
    fn on_report(&self, report: Report) -> bool {
        match report {
            Report::ChatGone { chat } => self.handle(Event::RemovedFromGroup { chat_id: chat }),
            Report::Migrated { from, to } => self.handle(Event::Migrated { from, to }),
            Report::InvalidToken => return true,
            Report::Sent { .. } => {}
        }
        false
    }

    fn handle(&self, event: Event) {
        let generation = self.app.schedule_generation();
        let effects = self.app.handle(event, Timestamp::now());
        submit(&self.outbox, effects);
        if self.app.schedule_generation() != generation {
            self.wake_facts.notify_one();
        }
    }
}

fn submit(outbox: &Outbox, effects: Vec<Effect>) {
    for effect in effects {
        let (req, priority) = match effect {
            Effect::Send(o) if o.background => (Request::Send(o), Priority::Broadcast),
            Effect::Send(o) => (Request::Send(o), Priority::Interactive),
            Effect::AnswerCallback { query_id, text } => (
                Request::AnswerCallback { query_id, text },
                Priority::Interactive,
            ),
        };
        outbox.submit(req, priority, None);
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
    async fn write(&self, bytes: Vec<u8>) -> std::io::Result<()> {
        let _writing = self.writing.lock().await;
        let path = self.path.clone();
        match tokio::task::spawn_blocking(move || snapshot::write_atomic(&path, &bytes)).await {
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
        let Some(bytes) = self.app.take_snapshot() else {
            return Ok(());
        };
        let result = self.write(bytes).await;
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
async fn fact_loop(
    persist: Arc<Persist>,
    outbox: Arc<Outbox>,
    wake: Arc<Notify>,
    mut stop: watch::Receiver<bool>,
) {
    let app = persist.app.clone();
    loop {
        let now = Timestamp::now();
        let due = app.due_facts(now);
        let mut wait = None;
        if !due.is_empty() {
            match persist.write_now().await {
                Ok(()) => {
                    tracing::info!(groups = due.len(), "daily facts recorded; sending");
                    submit(&outbox, due.into_iter().map(|f| f.effect).collect());
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
