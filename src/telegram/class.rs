//! How many students a group has, for a homework's count: its members (getChatMemberCount)
//! less its administrators (getChatAdministrators, the teachers) and this bot, when it is
//! not one of them. Asked once per homework, off the update loop.

use teloxide::RequestError;
use teloxide::prelude::*;

use super::deliver;

/// Attempts through network trouble before giving up.
const ATTEMPTS: u32 = 3;

/// The number of students of `chat`, or `None` when Telegram could not say.
pub(super) async fn students(bot: &Bot, token: &str, me: UserId, chat: i64) -> Option<u32> {
    let members = ask(token, chat, || bot.get_chat_member_count(ChatId(chat))).await?;
    let admins = ask(token, chat, || bot.get_chat_administrators(ChatId(chat))).await?;
    let bot_counted_apart = admins.iter().all(|a| a.user.id != me);
    let admins = u32::try_from(admins.len()).unwrap_or(u32::MAX);
    Some(
        members
            .saturating_sub(admins)
            .saturating_sub(u32::from(bot_counted_apart)),
    )
}

/// One request, tried again through network trouble and "retry after"; `None` when Telegram
/// refused it or never answered.
async fn ask<T, F>(token: &str, chat: i64, request: impl Fn() -> F) -> Option<T>
where
    F: std::future::IntoFuture<Output = Result<T, RequestError>>,
{
    for attempt in 1..=ATTEMPTS {
        let wait = match request().into_future().await {
            Ok(answer) => return Some(answer),
            Err(RequestError::RetryAfter(s)) => s.duration(),
            Err(e @ RequestError::Api(_)) => {
                tracing::warn!(chat, error = %deliver::describe(&e, token), "class size refused");
                return None;
            }
            Err(e) => {
                tracing::warn!(chat, attempt, error = %deliver::describe(&e, token), "class size failed");
                deliver::backoff(attempt)
            }
        };
        tokio::time::sleep(wait).await;
    }
    None
}
