//! The Telegram adapter: long polling in, the outbox out, and the engine loop between them.
//!
//! The engine handles updates one at a time, in order. Handling never waits on the network:
//! the app returns effects, the outbox sends them. So a slow request delays nothing behind it,
//! and the order of updates within a chat is the order they are handled in.

mod class;
mod convert;
mod deliver;
mod engine;
mod fetch;
mod limits;
mod outbox;
mod persist;
mod poll;
mod signals;
mod teachers;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, bail};

use teloxide::prelude::*;
use teloxide::types::{BotCommand, BotCommandScope, Me};
use teloxide::{ApiError, RequestError};
use tokio::sync::{mpsc, watch};

use crate::app::{App, Settings};
use crate::config::Config;
use crate::content::Library;
use crate::driver::{Clock, Driver, set_store, store};
use crate::texts;
pub use deliver::Request;
use engine::{Engine, Outgoing};
pub use limits::Limits;
pub use outbox::{Outbox, Priority, Report};
use persist::load_state;
use signals::shutdown_signal;
use teachers::Teachers;

/// How long queued sends may still go out after a shutdown signal.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);
/// How long a shutdown waits for teacher checks still with Telegram; a command whose check
/// takes longer is left unconfirmed, so the next start handles it.
const CHECK_GRACE: Duration = Duration::from_secs(5);

/// Runs the bot until Ctrl-C or SIGTERM (Ok) or until Telegram rejects the token (Err).
pub async fn run(config: Config, content: Library) -> anyhow::Result<()> {
    let token = config.token.clone().context("TELOXIDE_TOKEN is not set")?;
    // A data directory that cannot take the snapshot is found now, not at the first write.
    store::prove_writable(&config.data_dir).with_context(|| {
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

    // SIGHUP is taken over first: from now on it reloads the content, never ends the bot.
    let mut hangups = signals::hangups();
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

    let path = config.data_dir.join(store::FILE_NAME);
    let state = load_state(&path)?;
    let settings = Settings::from_config(&config);
    let app = App::with_settings(content, state, &username, settings);
    let (sets, problems) = set_store::load_sets(&set_store::sets_dir(&path));
    for problem in &problems {
        tracing::warn!("teacher set not loaded: {problem}");
    }
    tracing::info!(sets = sets.len(), "teachers' sets loaded");
    app.load_sets(sets);

    set_menus(&bot, &token).await;

    let (report_tx, mut reports) = mpsc::unbounded_channel();
    let (outbox, outbox_task) =
        Outbox::spawn(bot.clone(), token.clone(), Limits::default(), report_tx);
    let outbox = Arc::new(outbox);
    let (checked_tx, mut checked) = mpsc::unbounded_channel();
    let mut driver = Driver::new(
        Arc::new(app),
        Outgoing {
            outbox: outbox.clone(),
            bot: bot.clone(),
            fetched: checked_tx.clone(),
            fetches: tokio::task::JoinSet::new(),
            token: token.clone(),
            me: me.id,
        },
        Clock::scaled(config.time_scale),
        path,
        Duration::from_secs(config.snapshot_secs),
    );
    let engine = Engine {
        bot: bot.clone(),
        token: token.clone(),
        teachers: Arc::new(Teachers::new(config.teachers.clone())),
        checked: checked_tx,
        waiting: Arc::new(std::sync::Mutex::new(HashMap::new())),
    };
    // Rounds cut off by the last stop are announced.
    driver.start().await;
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
            Some(report) = reports.recv() => match Engine::on_report(report, driver.now()) {
                Ok(Some(event)) => { driver.handle(event); }
                Ok(None) => {}
                Err(_) => {
                    invalid_token = true;
                    break;
                }
            },
            Some(event) = checked.recv() => { driver.handle(event); }
            Some((update, received)) = updates.recv() => {
                next_offset = Some(update.id.as_offset());
                for event in convert::events(&update, me.id, received, driver.clock()) {
                    let offset = update.id.as_offset() - 1;
                    if let Some(event) = engine.dispatch(driver.app(), event, offset) {
                        driver.handle(event);
                    }
                }
            }
            Some(()) = hangups.recv() => reload(&mut driver, &config.content_dir).await,
            end = &mut poller => {
                poller_done = true;
                if matches!(end, Ok(poll::PollEnd::InvalidToken)) {
                    invalid_token = true;
                }
                break;
            }
            _ = stop.changed() => break,
            () = driver.sleep() => driver.wake().await,
        }
    }

    // Shutdown: stop taking updates, handle those already fetched, confirm them, write the
    // snapshot, then give queued sends a short grace period.
    if !poller_done {
        let _ = poller.await;
    }
    while let Ok((update, received)) = updates.try_recv() {
        next_offset = Some(update.id.as_offset());
        for event in convert::events(&update, me.id, received, driver.clock()) {
            let offset = update.id.as_offset() - 1;
            if let Some(event) = engine.dispatch(driver.app(), event, offset) {
                driver.handle(event);
            }
        }
    }
    // Commands whose teacher check is still with Telegram: carried out if the answer comes
    // soon; otherwise their updates are not confirmed, and the next start handles them.
    let until = tokio::time::Instant::now() + CHECK_GRACE;
    while engine.checks_waiting() {
        tokio::select! {
            Some(event) = checked.recv() => { driver.handle(event); }
            _ = tokio::time::sleep_until(until) => break,
        }
    }
    // Files being read: their senders hear what came of them if it comes soon.
    driver.port().finish_fetches(CHECK_GRACE).await;
    while let Ok(event) = checked.try_recv() {
        driver.handle(event);
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
    if driver.save_now().await {
        tracing::info!("final snapshot written");
    }
    outbox.close(SHUTDOWN_GRACE);
    let _ = tokio::time::timeout(SHUTDOWN_GRACE + Duration::from_millis(500), outbox_task).await;
    // What the last sends taught (a group that removed the bot, a migration) is kept too.
    while let Ok(report) = reports.try_recv() {
        if let Ok(Some(event)) = Engine::on_report(report, driver.now()) {
            driver.handle(event);
        }
    }
    driver.save_if_changed().await;
    signals.abort();
    if invalid_token {
        bail!(
            "Telegram rejected TELOXIDE_TOKEN (401 Unauthorized) while running; the snapshot was written. Check the token with @BotFather."
        );
    }
    tracing::info!("stopped");
    Ok(())
}

/// SIGHUP: reads `content/` again. Every pack is validated first and swapped in whole; on
/// any problem the bot keeps teaching what it had and logs each problem.
async fn reload(driver: &mut Driver<Outgoing>, dir: &std::path::Path) {
    match driver.reload(dir).await {
        Ok(done) => {
            for w in &done.warnings {
                tracing::warn!(problem = %w, "content warning");
            }
            if !done.orphans.is_empty() {
                tracing::warn!(
                    chats = ?done.orphans,
                    "these chats' subject is gone; they are taught the default subject"
                );
            }
            tracing::info!(subjects = done.subjects, "content reloaded");
        }
        Err(problems) => {
            for p in &problems {
                tracing::error!(problem = %p, "content not reloaded");
            }
            tracing::error!(
                problems = problems.len(),
                "the new content is invalid; still teaching the content loaded before"
            );
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

/// Registers the command menus for private chats, groups and group administrators, as the
/// command table lists them.
async fn set_menus(bot: &Bot, token: &str) {
    use crate::commands::Menu;
    let scopes = [
        (BotCommandScope::AllPrivateChats, Menu::Private),
        (BotCommandScope::AllGroupChats, Menu::Group),
        (BotCommandScope::AllChatAdministrators, Menu::Admins),
    ];
    for (scope, menu) in scopes {
        let commands: Vec<BotCommand> = texts::menu(menu)
            .into_iter()
            .map(|(c, d)| BotCommand::new(c, d))
            .collect();
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
