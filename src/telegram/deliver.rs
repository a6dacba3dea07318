//! One Bot API request: building it from an app effect, sending it, and deciding what a
//! failure means (wait and retry, follow a migration, forget the chat, or give up).

use std::time::Duration;

use serde_json::Value;
use teloxide::payloads::{
    AnswerCallbackQuerySetters, EditMessageTextSetters, SendDocumentSetters, SendMessageSetters,
    SendPhotoSetters,
};
use teloxide::prelude::*;
use teloxide::requests::{HasPayload, Payload};
use teloxide::types::Seconds;
use teloxide::types::{
    CallbackQueryId, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, MessageId, ParseMode,
    ReplyParameters, ThreadId,
};
use teloxide::{ApiError, RequestError};

use crate::app::{Button, Document, Edit, Outgoing};

/// What the outbox can be asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    Send(Outgoing),
    Edit(Edit),
    Document(Document),
    AnswerCallback {
        query_id: String,
        text: Option<String>,
    },
}

impl Request {
    /// The chat whose limits and order the request is subject to (none for callback answers,
    /// which are not messages).
    pub fn chat(&self) -> Option<i64> {
        match self {
            Request::Send(o) => Some(o.chat.id),
            Request::Edit(e) => Some(e.chat.id),
            Request::Document(d) => Some(d.chat.id),
            Request::AnswerCallback { .. } => None,
        }
    }

    /// Points the request at a group's new id after a migration.
    pub fn move_to(&mut self, to: i64) {
        match self {
            Request::Send(o) => o.chat.id = to,
            Request::Edit(e) => e.chat.id = to,
            Request::Document(d) => d.chat.id = to,
            Request::AnswerCallback { .. } => {}
        }
    }

    /// A live-count edit: dropped rather than queued when it cannot go at once.
    pub fn droppable(&self) -> bool {
        matches!(self, Request::Edit(e) if e.droppable)
    }
}

/// How a failed request should be handled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Telegram carried it out, though its answer did not decode: nothing to send again.
    Delivered,
    /// Telegram or the network had a bad moment: try again after this long.
    Retry(Duration),
    /// The group became a supergroup: send again to the new id.
    Migrated(i64),
    /// The bot was removed or blocked, or the chat is gone.
    ChatGone,
    /// The token was rejected.
    InvalidToken,
    /// A request Telegram will never accept (bad request, no rights): log and move on.
    Skip,
}

/// Longest one attempt at a callback answer may take.
pub const CALLBACK_ATTEMPT: Duration = Duration::from_secs(4);

/// Most attempts for one request before it is dropped (and logged).
pub const MAX_ATTEMPTS: u32 = 8;

/// Waiting time before attempt `attempt + 1` after a network or server error.
pub fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(500u64.saturating_mul(1 << attempt.min(6))).min(Duration::from_secs(30))
}

pub fn classify(err: &RequestError, attempt: u32) -> Failure {
    match err {
        RequestError::RetryAfter(s) => Failure::Retry(s.duration()),
        RequestError::MigrateToChatId(id) => Failure::Migrated(id.0),
        // Telegram said "ok" but the result did not decode: the request was carried out, and
        // sending it again would repeat it.
        RequestError::InvalidJson { raw, .. } if says_ok(raw) => Failure::Delivered,
        RequestError::Network(_) | RequestError::InvalidJson { .. } | RequestError::Io(_) => {
            Failure::Retry(backoff(attempt))
        }
        RequestError::Api(api) => match api {
            ApiError::InvalidToken => Failure::InvalidToken,
            ApiError::BotBlocked
            | ApiError::BotKicked
            | ApiError::BotKickedFromSupergroup
            | ApiError::ChatNotFound
            | ApiError::UserDeactivated
            | ApiError::GroupDeactivated => Failure::ChatGone,
            ApiError::Unknown(text) if is_server_error(text) => Failure::Retry(backoff(attempt)),
            _ => Failure::Skip,
        },
    }
}

/// Whether an answer body is Telegram's `"ok": true`.
fn says_ok(raw: &str) -> bool {
    serde_json::from_str::<Value>(raw)
        .ok()
        .and_then(|v| v.get("ok").and_then(Value::as_bool))
        == Some(true)
}

/// teloxide keeps only the description of an error, not its code: Telegram's 5xx answers
/// read like these.
fn is_server_error(description: &str) -> bool {
    let d = description.to_ascii_lowercase();
    [
        "internal server error",
        "bad gateway",
        "service unavailable",
        "gateway timeout",
        "too many requests",
    ]
    .iter()
    .any(|s| d.contains(s))
        || d.starts_with("5")
}

/// An error as it may be logged. Nothing a user wrote may reach the log: an answer that did
/// not decode is described by its size and where decoding stopped, never by its text (a message
/// or a batch of updates holds names, usernames and what students typed; serde_json's own
/// message can quote it too). Telegram's descriptions are its own fixed sentences and are kept;
/// the token, which reqwest puts in every URL, is cut out.
pub fn describe(err: &RequestError, token: &str) -> String {
    let text = match err {
        RequestError::Network(e) => format!("network error: {}", e.as_ref()),
        RequestError::InvalidJson { source, raw } => {
            let kind = match source.classify() {
                serde_json::error::Category::Syntax => "not valid JSON",
                serde_json::error::Category::Eof => "cut off",
                serde_json::error::Category::Data => "not the expected shape",
                serde_json::error::Category::Io => "unreadable",
            };
            let at = if source.line() > 0 {
                format!(" at line {} column {}", source.line(), source.column())
            } else {
                String::new()
            };
            format!(
                "an answer that did not decode ({} bytes): {kind}{at}",
                raw.len()
            )
        }
        RequestError::Api(e) => format!("Telegram refused: {e}"),
        RequestError::MigrateToChatId(id) => format!("the group moved to supergroup {}", id.0),
        RequestError::RetryAfter(s) => format!("too many requests: retry after {} s", s.seconds()),
        RequestError::Io(e) => format!("I/O error: {}", e.as_ref()),
    };
    redact(&text, token)
}

pub fn redact(text: &str, token: &str) -> String {
    if token.is_empty() {
        text.to_string()
    } else {
        text.replace(token, "<token>")
    }
}

fn keyboard(rows: &[Vec<Button>]) -> Option<InlineKeyboardMarkup> {
    if rows.is_empty() {
        return None;
    }
    let rows: Vec<Vec<InlineKeyboardButton>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .filter_map(|b| match b {
                    Button::Callback { label, data } => {
                        Some(InlineKeyboardButton::callback(label.clone(), data.clone()))
                    }
                    Button::Url { label, url } => url::Url::parse(url)
                        .ok()
                        .map(|u| InlineKeyboardButton::url(label.clone(), u)),
                })
                .collect()
        })
        .collect();
    Some(InlineKeyboardMarkup::new(rows))
}

/// Sends the request; for a message, returns its id.
pub async fn execute(bot: &Bot, req: &Request) -> Result<Option<i32>, RequestError> {
    match req {
        Request::Send(o) => {
            let mut call = bot
                .send_message(ChatId(o.chat.id), o.html.clone())
                .parse_mode(ParseMode::Html);
            if let Some(thread) = o.chat.thread {
                call = call.message_thread_id(ThreadId(MessageId(thread)));
            }
            if let Some(to) = o.reply_to {
                call = call.reply_parameters(
                    ReplyParameters::new(MessageId(to)).allow_sending_without_reply(),
                );
            }
            if let Some(markup) = keyboard(&o.keyboard) {
                call = call.reply_markup(markup);
            }
            let result = post(bot, call.payload_ref()).await?;
            Ok(message_id(&result))
        }
        Request::Edit(e) => {
            let call = bot
                .edit_message_text(ChatId(e.chat.id), MessageId(e.message_id), e.html.clone())
                .parse_mode(ParseMode::Html)
                // Without reply_markup an edit removes the buttons: an empty keyboard is meant.
                .reply_markup(keyboard(&e.keyboard).unwrap_or_default());
            match post(bot, call.payload_ref()).await {
                Ok(_) | Err(RequestError::Api(ApiError::MessageNotModified)) => Ok(None),
                Err(err) => Err(err),
            }
        }
        Request::Document(d) => {
            let file = InputFile::memory(d.bytes.clone()).file_name(d.file_name.clone());
            let sent = if d.photo {
                bot.send_photo(ChatId(d.chat.id), file)
                    .caption(d.caption.clone())
                    .parse_mode(ParseMode::Html)
                    .await?
            } else {
                bot.send_document(ChatId(d.chat.id), file)
                    .caption(d.caption.clone())
                    .parse_mode(ParseMode::Html)
                    .await?
            };
            Ok(Some(sent.id.0))
        }
        Request::AnswerCallback { query_id, text } => {
            let mut call = bot.answer_callback_query(CallbackQueryId(query_id.clone()));
            if let Some(t) = text {
                call = call.text(t.clone());
            }
            // teloxide holds a 5xx answer back for 10 s before returning it; a toast cannot
            // wait that long (Telegram's window is 15 s), so an attempt is cut short and tried
            // again. A second answer to the same press is harmless.
            match tokio::time::timeout(CALLBACK_ATTEMPT, call.into_future()).await {
                Ok(result) => result.map(|_| None),
                Err(_) => Err(RequestError::Io(std::sync::Arc::new(std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    "callback answer took too long",
                )))),
            }
        }
    }
}

/// Longest one attempt at a message send or edit may take.
const MESSAGE_ATTEMPT: Duration = Duration::from_secs(15);

/// The message id in a send's result, when Telegram gave one.
fn message_id(result: &Value) -> Option<i32> {
    result
        .get("message_id")
        .and_then(Value::as_i64)
        .and_then(|id| i32::try_from(id).ok())
}

/// Sends one JSON request to the Bot API and returns its `result`.
///
/// Messages and edits go this way rather than through teloxide's request, which holds every
/// 5xx answer back for 10 s before returning it: a quiz question or reveal 10 s late spoils a
/// round, and the outbox has its own backoff. Only a 2xx answer with `"ok": true` counts as
/// done; its result is read as loosely as possible, so an answer that proves delivery but
/// cannot be decoded never causes a second send.
async fn post<P: Payload + serde::Serialize>(
    bot: &Bot,
    payload: &P,
) -> Result<Value, RequestError> {
    let body = serde_json::to_vec(payload).map_err(|e| RequestError::InvalidJson {
        source: std::sync::Arc::new(e),
        raw: "".into(),
    })?;
    let mut url = bot.api_url();
    match url.path_segments_mut() {
        Ok(mut segments) => {
            segments.push(&format!("bot{}", bot.token()));
            segments.push(P::NAME);
        }
        Err(()) => {
            return Err(RequestError::Io(std::sync::Arc::new(
                std::io::Error::other("the Bot API URL cannot take a path"),
            )));
        }
    }
    let response = bot
        .client()
        .post(url)
        .header("content-type", "application/json")
        .timeout(MESSAGE_ATTEMPT)
        .body(body)
        .send()
        .await?;
    let status = response.status().as_u16();
    let text = response.text().await?;
    answer(status, &text)
}

/// Reads a Bot API answer: its result, or the error it means.
fn answer(status: u16, text: &str) -> Result<Value, RequestError> {
    let parsed: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        // Not JSON (a proxy's error page, a cut body): nothing proves delivery, so it is
        // retried. Its text is not kept: it may hold what was sent.
        Err(e) => {
            return Err(RequestError::InvalidJson {
                source: std::sync::Arc::new(e),
                raw: "".into(),
            });
        }
    };
    if (200..300).contains(&status) && parsed.get("ok").and_then(Value::as_bool) == Some(true) {
        return Ok(parsed.get("result").cloned().unwrap_or(Value::Null));
    }
    let parameters = parsed.get("parameters");
    if let Some(secs) = parameters
        .and_then(|p| p.get("retry_after"))
        .and_then(Value::as_u64)
    {
        let secs = u32::try_from(secs).unwrap_or(u32::MAX);
        return Err(RequestError::RetryAfter(Seconds::from_seconds(secs)));
    }
    if let Some(to) = parameters
        .and_then(|p| p.get("migrate_to_chat_id"))
        .and_then(Value::as_i64)
    {
        return Err(RequestError::MigrateToChatId(ChatId(to)));
    }
    let description = parsed
        .get("description")
        .and_then(Value::as_str)
        .map_or_else(|| format!("{status} without a description"), str::to_string);
    if status >= 500 {
        // Whatever Telegram calls it, a 5xx is a bad moment on its side: retried.
        return Err(RequestError::Api(ApiError::Unknown(format!(
            "{status} {description}"
        ))));
    }
    let api = serde_json::from_value(Value::String(description.clone()))
        .unwrap_or(ApiError::Unknown(description));
    Err(RequestError::Api(api))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_are_classified() {
        assert_eq!(
            classify(&RequestError::RetryAfter(Seconds::from_seconds(3)), 0),
            Failure::Retry(Duration::from_secs(3))
        );
        assert_eq!(
            classify(
                &RequestError::Api(ApiError::Unknown("Internal Server Error".into())),
                2
            ),
            Failure::Retry(backoff(2))
        );
        assert_eq!(
            classify(&RequestError::Api(ApiError::BotBlocked), 0),
            Failure::ChatGone
        );
        assert_eq!(
            classify(&RequestError::Api(ApiError::ChatNotFound), 0),
            Failure::ChatGone
        );
        assert_eq!(
            classify(&RequestError::Api(ApiError::InvalidToken), 0),
            Failure::InvalidToken
        );
        assert_eq!(
            classify(&RequestError::MigrateToChatId(ChatId(-1009)), 0),
            Failure::Migrated(-1009)
        );
        assert_eq!(
            classify(
                &RequestError::Api(ApiError::NotEnoughRightsToPostMessages),
                0
            ),
            Failure::Skip
        );
    }

    #[test]
    fn answers_are_read_without_trusting_their_shape() {
        // Delivered, whatever the result looks like: never sent a second time.
        let odd = r#"{"ok":true,"result":{"message_id":"not a number","chat":7}}"#;
        assert!(answer(200, odd).is_ok());
        assert_eq!(
            answer(200, r#"{"ok":true,"result":{"message_id":42}}"#)
                .map(|r| message_id(&r))
                .ok(),
            Some(Some(42))
        );
        // A proxy's page or a cut body proves nothing: retried.
        for (status, body) in [(502, "<html>Bad Gateway</html>"), (200, r#"{"ok":tr"#)] {
            let err = answer(status, body).expect_err("not delivered");
            assert!(matches!(classify(&err, 0), Failure::Retry(_)), "{err:?}");
        }
        let err = answer(
            500,
            r#"{"ok":false,"error_code":500,"description":"Internal Server Error"}"#,
        )
        .expect_err("5xx");
        assert_eq!(classify(&err, 1), Failure::Retry(backoff(1)));
        let err = answer(429,
            r#"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3","parameters":{"retry_after":3}}"#,
        )
        .expect_err("429");
        assert_eq!(classify(&err, 0), Failure::Retry(Duration::from_secs(3)));
        let err = answer(400,
            r#"{"ok":false,"error_code":400,"description":"Bad Request: group chat was upgraded to a supergroup chat","parameters":{"migrate_to_chat_id":-1009}}"#,
        )
        .expect_err("migrated");
        assert_eq!(classify(&err, 0), Failure::Migrated(-1009));
        let err = answer(400,
            r#"{"ok":false,"error_code":400,"description":"Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"}"#,
        )
        .expect_err("not modified");
        assert!(
            matches!(err, RequestError::Api(ApiError::MessageNotModified)),
            "{err:?}"
        );
        let err = answer(403, r#"{"ok":false,"error_code":403,"description":"Forbidden: bot was kicked from the supergroup chat"}"#)
            .expect_err("kicked");
        assert_eq!(classify(&err, 0), Failure::ChatGone);
    }

    #[test]
    fn an_ok_answer_that_does_not_decode_is_delivered_anything_else_is_retried() {
        let invalid = |raw: &str| RequestError::InvalidJson {
            source: std::sync::Arc::new(
                serde_json::from_str::<u8>("\"x\"").expect_err("not a number"),
            ),
            raw: raw.into(),
        };
        let ok = r#"{"ok":true,"result":{"message_id":"odd"}}"#;
        assert_eq!(classify(&invalid(ok), 0), Failure::Delivered);
        for other in [
            "<html>502 Bad Gateway</html>",
            r#"{"ok":false}"#,
            r#"{"ok":tr"#,
            "",
        ] {
            assert_eq!(
                classify(&invalid(other), 0),
                Failure::Retry(backoff(0)),
                "{other}"
            );
        }
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        assert!(backoff(0) < backoff(1) && backoff(1) < backoff(3));
        assert_eq!(backoff(30), Duration::from_secs(30));
    }

    /// A body Telegram (or a proxy) sent that does not decode: a student's name, username
    /// and message, with the name where a number belongs.
    const UNDECODABLE: &str = r#"{"ok":true,"result":{"message_id":"Siti Rahmawati","date":1,"chat":{"id":42,"type":"private","first_name":"Siti Rahmawati","username":"siti_rahma"},"text":"jawaban rahasia kelas"}}"#;

    fn invalid_json() -> RequestError {
        let source = serde_json::from_str::<teloxide::types::Message>(UNDECODABLE)
            .expect_err("does not decode");
        RequestError::InvalidJson {
            source: std::sync::Arc::new(source),
            raw: UNDECODABLE.into(),
        }
    }

    #[test]
    fn an_undecodable_answer_is_described_by_its_size_and_position_only() {
        let text = describe(&invalid_json(), "123456:ABC-secret");
        for secret in ["Siti", "Rahmawati", "siti_rahma", "rahasia", "jawaban"] {
            assert!(!text.contains(secret), "{secret:?} in {text:?}");
        }
        assert!(
            text.contains(&format!("{} bytes", UNDECODABLE.len())),
            "{text}"
        );
        assert!(text.contains("line 1") && text.contains("column"), "{text}");
    }

    #[test]
    fn the_token_never_reaches_a_log_line() {
        let t = "123456:ABC-secret";
        assert_eq!(
            redact(
                "error sending request for url (http://x/bot123456:ABC-secret/getMe)",
                t
            ),
            "error sending request for url (http://x/bot<token>/getMe)"
        );
    }
}
