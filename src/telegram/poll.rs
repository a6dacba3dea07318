//! Long polling: fetches updates in order and hands them to the engine; remembers the offset
//! so that, at shutdown, the updates already handled can be confirmed to Telegram.

use std::time::Duration;

use teloxide::prelude::*;
use teloxide::types::{AllowedUpdate, Update};
use teloxide::{ApiError, RequestError};
use tokio::sync::{mpsc, watch};

use super::deliver;

/// Seconds Telegram may hold a getUpdates call open.
pub const POLL_TIMEOUT_SECS: u32 = 20;

/// Why polling stopped on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PollEnd {
    Stopped,
    InvalidToken,
}

pub async fn poll(
    bot: Bot,
    token: String,
    updates: mpsc::Sender<(Update, jiff::Timestamp)>,
    mut stop: watch::Receiver<bool>,
) -> PollEnd {
    let mut offset: i32 = 0;
    let mut failures: u32 = 0;
    loop {
        let call = bot
            .get_updates()
            .offset(offset)
            .timeout(POLL_TIMEOUT_SECS)
            .allowed_updates(vec![
                AllowedUpdate::Message,
                AllowedUpdate::CallbackQuery,
                AllowedUpdate::MyChatMember,
            ]);
        let result = tokio::select! {
            r = call => r,
            _ = stop.changed() => return PollEnd::Stopped,
        };
        let wait = match result {
            Ok(batch) => {
                failures = 0;
                // Received now: quiz presses are timed from here, before anything waits.
                let received = jiff::Timestamp::now();
                for u in batch {
                    offset = offset.max(u.id.as_offset());
                    if updates.send((u, received)).await.is_err() {
                        return PollEnd::Stopped;
                    }
                }
                continue;
            }
            Err(RequestError::Api(ApiError::InvalidToken)) => return PollEnd::InvalidToken,
            Err(RequestError::Api(ApiError::TerminatedByOtherGetUpdates)) => {
                tracing::error!(
                    "Telegram answered 409 Conflict to getUpdates: another kelasbot instance is polling with \
                     this token, or a webhook is set. Stop the other instance (or call deleteWebhook); \
                     retrying in 5 s"
                );
                Duration::from_secs(5)
            }
            Err(RequestError::RetryAfter(s)) => s.duration(),
            Err(e) => {
                failures += 1;
                let wait = deliver::backoff(failures);
                tracing::warn!(error = %deliver::describe(&e, &token), wait_ms = wait.as_millis() as u64, "getUpdates failed");
                wait
            }
        };
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = stop.changed() => return PollEnd::Stopped,
        }
    }
}

/// Tells Telegram that every update before `next_offset` is handled, so a restart does not
/// see them again. Best effort: a failure only means a few updates come back.
pub async fn confirm(bot: &Bot, token: &str, next_offset: i32) {
    let call = bot.get_updates().offset(next_offset).timeout(0).limit(1);
    match tokio::time::timeout(Duration::from_secs(2), call).await {
        Ok(Ok(_)) => tracing::info!(next_offset, "confirmed handled updates"),
        Ok(Err(e)) => {
            tracing::warn!(error = %deliver::describe(&e, token), "could not confirm handled updates")
        }
        Err(_) => tracing::warn!("confirming handled updates timed out"),
    }
}
