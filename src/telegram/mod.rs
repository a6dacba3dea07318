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

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, bail};
use teloxide::prelude::*;
use teloxide::types::{BotCommand, BotCommandScope, Me};
use teloxide::{ApiError, RequestError};
use tokio::sync::{mpsc, watch};

use crate::app::{App, Effect, Event};
use crate::config::Config;
use crate::content::Content;
use crate::state::snapshot;
use crate::texts;
pub use deliver::Request;
pub use limits::Limits;
pub use outbox::{Outbox, Priority, Report};

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
    let app = Arc::new(App::new(content, state, &username));

    set_menus(&bot, &token).await;

    let (report_tx, mut reports) = mpsc::unbounded_channel();
    let (outbox, outbox_task) =
        Outbox::spawn(bot.clone(), token.clone(), Limits::default(), report_tx);
    let snapshots = tokio::spawn(snapshot_loop(
        app.clone(),
        path.clone(),
        Duration::from_secs(config.snapshot_secs),
        stop_rx.clone(),
    ));
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
                    submit(&outbox, app.handle(event));
                }
            }
            Some(report) = reports.recv() => match report {
                Report::ChatGone { chat } => submit(&outbox, app.handle(Event::RemovedFromGroup { chat_id: chat })),
                Report::Migrated { from, to } => submit(&outbox, app.handle(Event::Migrated { from, to })),
                Report::InvalidToken => { invalid_token = true; break; }
                Report::Sent { .. } => {}
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
            submit(&outbox, app.handle(event));
        }
    }
    if let Some(offset) = next_offset
        && !invalid_token
    {
        poll::confirm(&bot, &token, offset).await;
    }
    snapshots.abort();
    let bytes = app.snapshot_now();
    match tokio::task::spawn_blocking(move || snapshot::write_atomic(&path, &bytes)).await {
        Ok(Ok(())) => tracing::info!("final snapshot written"),
        Ok(Err(e)) => tracing::error!(error = %e, "final snapshot could not be written"),
        Err(e) => tracing::error!(error = %e, "final snapshot task failed"),
    }
    outbox.close(SHUTDOWN_GRACE);
    let _ = tokio::time::timeout(SHUTDOWN_GRACE + Duration::from_millis(500), outbox_task).await;
    signals.abort();
    if invalid_token {
        bail!(
            "Telegram rejected TELOXIDE_TOKEN (401 Unauthorized) while running; the snapshot was written. Check the token with @BotFather."
        );
    }
    tracing::info!("stopped");
    Ok(())
}

fn submit(outbox: &Outbox, effects: Vec<Effect>) {
    for effect in effects {
        let req = match effect {
            Effect::Send(o) => Request::Send(o),
            Effect::AnswerCallback { query_id, text } => Request::AnswerCallback { query_id, text },
        };
        outbox.submit(req, Priority::Interactive, None);
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

/// Writes the snapshot whenever the state changed, every `every`, off the handlers' path.
async fn snapshot_loop(
    app: Arc<App>,
    path: PathBuf,
    every: Duration,
    mut stop: watch::Receiver<bool>,
) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = stop.changed() => return,
        }
        let Some(bytes) = app.take_snapshot() else {
            continue;
        };
        let target = path.clone();
        match tokio::task::spawn_blocking(move || snapshot::write_atomic(&target, &bytes)).await {
            Ok(Ok(())) => tracing::debug!("snapshot written"),
            failed => {
                tracing::error!(result = ?failed.map(|r| r.err().map(|e| e.to_string())), "snapshot write failed; will retry");
                app.mark_dirty();
            }
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
