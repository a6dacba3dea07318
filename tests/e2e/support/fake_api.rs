//! A fake Telegram Bot API server on 127.0.0.1 for black-box tests: it serves getMe,
//! getUpdates (long polling with offsets), sendMessage and the rest, records every call,
//! and can be told to fail the next calls of a method (429, 500, …). Files registered with
//! [`FakeApi::add_file`] are answered by getFile and served at `/file/bot<token>/<path>`;
//! each download is recorded as a call of method [`DOWNLOAD`].

#![allow(dead_code)]

use std::collections::{HashSet, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};
use tokio::sync::Notify;

pub const TOKEN: &str = "123456:TEST-token_for-fake";
pub const BOT_ID: i64 = 999_000;
pub const BOT_USERNAME: &str = "kelasbot";
/// The method name under which file downloads (`GET /file/bot<token>/<path>`) are recorded;
/// the call's body holds the `path` asked for and the request's raw `uri` path.
pub const DOWNLOAD: &str = "download";

/// A file getFile knows of.
#[derive(Debug, Clone)]
struct FakeFile {
    /// `file_path` in getFile's answer: relative (served over HTTP) or absolute (a local Bot
    /// API server's own disk; never served).
    path: String,
    bytes: Vec<u8>,
    /// `file_size` in getFile's answer; `None` leaves it out, as Telegram now and then does.
    size: Option<u64>,
}

#[derive(Debug, Clone)]
pub struct Call {
    pub method: String,
    pub body: Value,
    pub at: Instant,
    /// Answered 429 because it broke Telegram's limits (see [`FakeApi::enforce_limits`]).
    pub limited: bool,
    /// The id of the message a send created.
    pub message_id: Option<i64>,
    /// Answered with an injected fault (429, 500, or a dropped connection): nothing happened.
    pub faulted: bool,
    /// An uploaded file's bytes (sendDocument).
    pub file: Option<Vec<u8>>,
    /// The answer left the fake (after any delay).
    pub answered: bool,
}

/// A scripted answer for the next call of a method.
#[derive(Debug, Clone)]
pub enum Scripted {
    RetryAfter(u32),
    ServerError,
    Error(u16, String),
    /// 400 with `migrate_to_chat_id`: the group became this supergroup.
    Migrate(i64),
    /// This status and this body, as they stand (for bodies that do not decode).
    Raw(u16, String),
}

#[derive(Default)]
struct Inner {
    updates: Vec<Value>,
    next_update_id: i64,
    calls: Vec<Call>,
    script: VecDeque<(String, Scripted)>,
    next_message_id: i64,
    /// The highest offset any getUpdates asked for: what Telegram considers confirmed.
    confirmed_offset: i64,
    /// The token was revoked: every call is answered 401.
    revoked: bool,
    /// (chat, user) pairs that getChatMember reports as the group's creator.
    teachers: HashSet<(i64, i64)>,
    /// (chat, user) pairs that getChatMember reports as not in the group ("left").
    strangers: HashSet<(i64, i64)>,
    /// Members per group, as getChatMemberCount says (the bot and its teachers included).
    members: std::collections::HashMap<i64, u32>,
    /// Answer 429 as Telegram would to messages above its limits.
    limits: bool,
    /// Requests reach the server up to this much after they were sent (network jitter).
    jitter: Option<(u64, Duration)>,
    /// Methods whose answers are held back this long.
    delays: Vec<(String, Duration)>,
    /// The highest update id any getUpdates answer carried.
    handed_out: i64,
    /// Random faults: generator state and the share of calls that get one.
    chaos: Option<(u64, f64)>,
    /// Beyond `chaos`, this share of editMessageText calls is answered 500.
    edit_errors: f64,
    /// When each callback query was first handed to the bot by getUpdates.
    handed_callbacks: std::collections::HashMap<String, Instant>,
    /// Files getFile answers for, by file_id.
    files: std::collections::HashMap<String, FakeFile>,
}

/// A fault injected into one call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    TooMany,
    ServerError,
    Slow(u64),
    Dropped,
}

impl Inner {
    /// The next fault, if this call gets one (xorshift; reproducible from the seed).
    fn fault(&mut self, method: &str) -> Option<Fault> {
        let edit_errors = if method == "editMessageText" {
            self.edit_errors
        } else {
            0.0
        };
        let (state, rate) = self.chaos.as_mut()?;
        let mut next = || {
            *state ^= *state << 13;
            *state ^= *state >> 7;
            *state ^= *state << 17;
            *state
        };
        let roll = (next() % 1_000_000) as f64 / 1_000_000.0;
        if roll < edit_errors {
            return Some(Fault::ServerError);
        }
        let roll = (next() % 1_000_000) as f64 / 1_000_000.0;
        if roll >= *rate {
            return None;
        }
        Some(match next() % 4 {
            0 => Fault::TooMany,
            1 => Fault::ServerError,
            2 => Fault::Slow(500 + next() % 2500),
            _ => Fault::Dropped,
        })
    }
}

/// Telegram's limits as the fake enforces them: messages in any sliding second overall, one
/// message a second to any one chat, and sends or edits per group in any minute.
pub const GLOBAL_PER_SECOND: usize = 30;
pub const GROUP_PER_MINUTE: usize = 20;

fn counts_against_limits(method: &str) -> bool {
    matches!(
        method,
        "sendMessage" | "editMessageText" | "sendDocument" | "sendPhoto"
    )
}

impl Inner {
    /// Whether a message to `chat` now would break a limit, counting the accepted ones.
    fn over_limit(&self, method: &str, chat: i64, now: Instant) -> bool {
        if !self.limits || !counts_against_limits(method) {
            return false;
        }
        let accepted = || {
            self.calls
                .iter()
                .filter(|c| !c.limited && counts_against_limits(&c.method))
        };
        let last_second = accepted()
            .filter(|c| c.method != "editMessageText")
            .filter(|c| now.duration_since(c.at) < Duration::from_millis(1000))
            .count();
        let chat_second = accepted()
            .filter(|c| c.body["chat_id"].as_i64() == Some(chat))
            .filter(|c| now.duration_since(c.at) < Duration::from_millis(1000))
            .count();
        let group_minute = accepted()
            .filter(|c| c.body["chat_id"].as_i64() == Some(chat))
            .filter(|c| now.duration_since(c.at) < Duration::from_secs(60))
            .count();
        (method != "editMessageText" && last_second >= GLOBAL_PER_SECOND)
            || chat_second >= 1
            || (chat < 0 && group_minute >= GROUP_PER_MINUTE)
    }
}

#[derive(Clone)]
pub struct FakeApi {
    inner: Arc<Mutex<Inner>>,
    changed: Arc<Notify>,
    pub url: String,
}

impl FakeApi {
    pub async fn start() -> FakeApi {
        let inner = Arc::new(Mutex::new(Inner {
            next_update_id: 1,
            next_message_id: 1000,
            ..Inner::default()
        }));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local addr");
        let api = FakeApi {
            inner,
            changed: Arc::new(Notify::new()),
            url: format!("http://{addr}/"),
        };
        let app = Router::new()
            .route("/{token}/{method}", post(handle))
            .route("/file/{token}/{*path}", get(download))
            .with_state(api.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        api
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Queues an update (its `update_id` is assigned here).
    pub fn push_update(&self, mut update: Value) {
        {
            let mut inner = self.lock();
            update["update_id"] = json!(inner.next_update_id);
            inner.next_update_id += 1;
            inner.updates.push(update);
        }
        self.changed.notify_waiters();
    }

    pub fn script(&self, method: &str, answer: Scripted) {
        self.lock().script.push_back((method.to_string(), answer));
    }

    /// Every call so far, in the order received.
    pub fn all_calls(&self) -> Vec<Call> {
        self.lock().calls.clone()
    }

    /// When each callback query was first handed to the bot, by id.
    pub fn handed_callbacks(&self) -> std::collections::HashMap<String, Instant> {
        self.lock().handed_callbacks.clone()
    }

    /// The calls from the `from`-th on (cheap to ask often during a long run).
    pub fn calls_from(&self, from: usize) -> Vec<Call> {
        let inner = self.lock();
        inner
            .calls
            .get(from..)
            .map(<[Call]>::to_vec)
            .unwrap_or_default()
    }

    pub fn calls(&self, method: &str) -> Vec<Call> {
        self.lock()
            .calls
            .iter()
            .filter(|c| c.method == method)
            .cloned()
            .collect()
    }

    /// Registers a file: getFile answers `file_id` with `path` (relative) and the size of
    /// `bytes`, and `GET /file/bot<token>/<path>` serves `bytes`.
    pub fn add_file(&self, file_id: &str, path: &str, bytes: Vec<u8>) {
        let size = Some(bytes.len() as u64);
        self.add_file_sized(file_id, path, bytes, size);
    }

    /// Like [`FakeApi::add_file`], with the `file_size` getFile reports (`None`: left out).
    pub fn add_file_sized(&self, file_id: &str, path: &str, bytes: Vec<u8>, size: Option<u64>) {
        assert!(!path.starts_with('/'), "served files have relative paths");
        let file = FakeFile {
            path: path.to_string(),
            bytes,
            size,
        };
        self.lock().files.insert(file_id.to_string(), file);
    }

    /// A file as a local Bot API server hands it out: getFile answers with `absolute`, its
    /// path on this machine's disk, and its size there; nothing is served over HTTP.
    pub fn add_local_file(&self, file_id: &str, absolute: &std::path::Path) {
        assert!(absolute.is_absolute(), "{absolute:?} is not absolute");
        let size = std::fs::metadata(absolute).map(|m| m.len()).ok();
        let file = FakeFile {
            path: absolute.to_string_lossy().into_owned(),
            bytes: Vec::new(),
            size,
        };
        self.lock().files.insert(file_id.to_string(), file);
    }

    /// Revokes the token, as @BotFather's /revoke does: every later call gets 401.
    pub fn revoke(&self) {
        self.lock().revoked = true;
        self.changed.notify_waiters();
    }

    /// Makes `user` the creator of `chat`, as getChatMember will say.
    pub fn make_teacher(&self, chat: i64, user: i64) {
        self.lock().teachers.insert((chat, user));
    }

    /// Makes `user` someone who is not in `chat`, as getChatMember will say.
    pub fn make_stranger(&self, chat: i64, user: i64) {
        self.lock().strangers.insert((chat, user));
    }

    /// `chat` has `n` members, the bot and its teachers included, as getChatMemberCount says.
    pub fn set_members(&self, chat: i64, n: u32) {
        self.lock().members.insert(chat, n);
    }

    /// `user` is no longer an administrator of `chat`.
    pub fn remove_teacher(&self, chat: i64, user: i64) {
        self.lock().teachers.remove(&(chat, user));
    }

    /// Holds every answer to `method` back by `delay` (a slow Telegram).
    pub fn delay(&self, method: &str, delay: Duration) {
        self.lock().delays.push((method.to_string(), delay));
    }

    /// From now on, a `rate` share of calls (getUpdates aside) get a random fault: 429 with
    /// retry_after 1, 500, an answer held back 0.5–3 s, or a connection dropped mid-answer.
    pub fn chaos(&self, seed: u64, rate: f64) {
        self.lock().chaos = Some((seed | 1, rate));
    }

    /// With [`FakeApi::chaos`]: besides its faults, a `rate` share of editMessageText calls
    /// (live counts and reveals) is answered 500.
    pub fn fail_edits(&self, rate: f64) {
        self.lock().edit_errors = rate;
    }

    /// From now on, messages above Telegram's limits are answered 429.
    /// From now on, each request reaches the server a random 0 to `max` after it was sent,
    /// as over a real network (reproducible from the seed).
    pub fn jitter(&self, seed: u64, max: Duration) {
        self.lock().jitter = Some((seed | 1, max));
    }

    pub fn enforce_limits(&self) {
        self.lock().limits = true;
    }

    /// How many calls were answered 429 for breaking the limits.
    pub fn limited(&self) -> usize {
        self.lock().calls.iter().filter(|c| c.limited).count()
    }

    /// Waits until every update pushed so far was carried by a getUpdates answer.
    pub async fn wait_fetched(&self, deadline: Duration) {
        let end = tokio::time::Instant::now() + deadline;
        loop {
            let notified = self.changed.notified();
            {
                let inner = self.lock();
                if inner.next_update_id - 1 <= inner.handed_out {
                    return;
                }
            }
            if tokio::time::timeout_at(end, notified).await.is_err() {
                panic!("the bot did not fetch its updates within {deadline:?}");
            }
        }
    }

    pub fn confirmed_offset(&self) -> i64 {
        self.lock().confirmed_offset
    }

    /// Waits until `check` holds for the calls so far, or panics after `deadline`.
    pub async fn wait_for<T>(
        &self,
        deadline: Duration,
        what: &str,
        check: impl Fn(&[Call]) -> Option<T>,
    ) -> T {
        let end = tokio::time::Instant::now() + deadline;
        loop {
            let notified = self.changed.notified();
            if let Some(v) = check(&self.lock().calls) {
                return v;
            }
            if tokio::time::timeout_at(end, notified).await.is_err() {
                let calls: Vec<String> = self
                    .lock()
                    .calls
                    .iter()
                    .map(|c| format!("{} {}", c.method, c.body))
                    .collect();
                panic!(
                    "timed out waiting for {what}; calls so far:\n{}",
                    calls.join("\n")
                );
            }
        }
    }

    /// Waits for a sendMessage to `chat` whose text contains `needle`.
    pub async fn wait_message(&self, chat: i64, needle: &str) -> Call {
        let needle = needle.to_string();
        self.wait_for(
            Duration::from_secs(20),
            &format!("a message to {chat} with {needle:?}"),
            |calls| {
                calls
                    .iter()
                    .find(|c| {
                        c.method == "sendMessage"
                            && c.body["chat_id"].as_i64() == Some(chat)
                            && c.body["text"].as_str().is_some_and(|t| t.contains(&needle))
                    })
                    .cloned()
            },
        )
        .await
    }
}

fn ok(result: Value) -> Response {
    (
        StatusCode::OK,
        axum::Json(json!({"ok": true, "result": result})),
    )
        .into_response()
}

fn err(code: u16, description: &str, parameters: Option<Value>) -> Response {
    let mut body = json!({"ok": false, "error_code": code, "description": description});
    if let Some(p) = parameters {
        body["parameters"] = p;
    }
    let status = StatusCode::from_u16(code).unwrap_or(StatusCode::BAD_REQUEST);
    (status, axum::Json(body)).into_response()
}

fn bot_user() -> Value {
    json!({"id": BOT_ID, "is_bot": true, "first_name": "Kelas", "username": BOT_USERNAME})
}

/// A multipart/form-data body (sendDocument) as JSON fields plus the file's bytes.
fn multipart(headers: &HeaderMap, raw: &[u8]) -> Option<(Value, Vec<u8>)> {
    let ct = headers.get("content-type")?.to_str().ok()?;
    let boundary = ct.split("boundary=").nth(1)?.trim_matches('"');
    let delimiter = format!("--{boundary}");
    let mut fields = serde_json::Map::new();
    let mut file = Vec::new();
    let mut rest = raw;
    while let Some(start) = find(rest, delimiter.as_bytes()) {
        rest = &rest[start + delimiter.len()..];
        let Some(head_end) = find(rest, b"\r\n\r\n") else {
            break;
        };
        let head = String::from_utf8_lossy(&rest[..head_end]).to_string();
        let body_start = head_end + 4;
        let body_end =
            find(&rest[body_start..], delimiter.as_bytes()).map_or(rest.len(), |e| body_start + e);
        let mut content = &rest[body_start..body_end];
        if content.ends_with(b"\r\n") {
            content = &content[..content.len() - 2];
        }
        let name = head
            .split("name=\"")
            .nth(1)
            .and_then(|n| n.split('"').next());
        if let Some(name) = name {
            if head.contains("filename=") {
                file = content.to_vec();
            } else {
                let text = String::from_utf8_lossy(content).to_string();
                let value = text.parse::<i64>().map_or(json!(text), |n| json!(n));
                fields.insert(name.to_string(), value);
            }
        }
        rest = &rest[body_end..];
    }
    Some((Value::Object(fields), file))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

async fn handle(
    State(api): State<FakeApi>,
    Path((token, method)): Path<(String, String)>,
    headers: HeaderMap,
    raw: Bytes,
) -> Response {
    let (body, file) = match serde_json::from_slice::<Value>(&raw) {
        Ok(v) => (v, None),
        Err(_) => match multipart(&headers, &raw) {
            Some((fields, file)) => (fields, Some(file)),
            None => (Value::Null, None),
        },
    };
    // Telegram's method names are case-insensitive; teloxide writes them capitalised.
    let method = match method.chars().next() {
        Some(first) => first
            .to_lowercase()
            .chain(method.chars().skip(1))
            .collect::<String>(),
        None => method,
    };
    if token != format!("bot{TOKEN}") || api.lock().revoked {
        return err(401, "Unauthorized", None);
    }
    if method == "getUpdates" {
        return get_updates(&api, &body).await;
    }
    let late = {
        let mut inner = api.lock();
        inner.jitter.as_mut().map(|(state, max)| {
            *state ^= *state << 13;
            *state ^= *state >> 7;
            *state ^= *state << 17;
            let max_ms = max.as_millis().max(1) as u64;
            Duration::from_millis(*state % (max_ms + 1))
        })
    };
    if let Some(late) = late {
        tokio::time::sleep(late).await;
    }
    let (scripted, limited, delay, message_id, fault, index) = {
        let mut inner = api.lock();
        let now = Instant::now();
        let limited = inner.over_limit(&method, body["chat_id"].as_i64().unwrap_or(0), now);
        let message_id = match method.as_str() {
            "sendMessage" | "sendDocument" | "sendPhoto" => {
                inner.next_message_id += 1;
                Some(inner.next_message_id)
            }
            "editMessageText" => body["message_id"].as_i64(),
            _ => None,
        };
        let fault = inner.fault(&method);
        let delay = inner
            .delays
            .iter()
            .find(|(m, _)| *m == method)
            .map(|(_, d)| *d)
            .or(match fault {
                Some(Fault::Slow(ms)) => Some(Duration::from_millis(ms)),
                _ => None,
            });
        let faulted = matches!(
            fault,
            Some(Fault::TooMany | Fault::ServerError | Fault::Dropped)
        );
        inner.calls.push(Call {
            method: method.clone(),
            body: body.clone(),
            at: now,
            limited,
            message_id,
            faulted,
            file,
            answered: false,
        });
        let index = inner.calls.len() - 1;
        let pos = inner.script.iter().position(|(m, _)| *m == method);
        let scripted = pos.and_then(|p| inner.script.remove(p)).map(|(_, s)| s);
        (scripted, limited, delay, message_id, fault, index)
    };
    api.changed.notify_waiters();
    let response = answer_call(
        &api,
        &method,
        &body,
        (scripted, limited, delay, message_id, fault),
    )
    .await;
    if let Some(call) = api.lock().calls.get_mut(index) {
        call.answered = true;
    }
    api.changed.notify_waiters();
    response
}

type Planned = (
    Option<Scripted>,
    bool,
    Option<Duration>,
    Option<i64>,
    Option<Fault>,
);

/// The answer to one call, after any delay or fault.
async fn answer_call(
    api: &FakeApi,
    method: &str,
    body: &Value,
    (scripted, limited, delay, message_id, fault): Planned,
) -> Response {
    if let Some(d) = delay {
        tokio::time::sleep(d).await;
    }
    match fault {
        Some(Fault::TooMany) => {
            return err(
                429,
                "Too Many Requests: retry after 1",
                Some(json!({"retry_after": 1})),
            );
        }
        Some(Fault::ServerError) => return err(500, "Internal Server Error", None),
        // Unwinding out of the handler makes the server drop the connection mid-answer; without
        // the panic hook, so nothing is printed.
        Some(Fault::Dropped) => std::panic::resume_unwind(Box::new("dropped connection")),
        Some(Fault::Slow(_)) | None => {}
    }
    if limited {
        return err(
            429,
            "Too Many Requests: retry after 1",
            Some(json!({"retry_after": 1})),
        );
    }
    match scripted {
        Some(Scripted::RetryAfter(s)) => {
            return err(
                429,
                &format!("Too Many Requests: retry after {s}"),
                Some(json!({"retry_after": s})),
            );
        }
        Some(Scripted::ServerError) => return err(500, "Internal Server Error", None),
        Some(Scripted::Error(code, d)) => return err(code, &d, None),
        Some(Scripted::Raw(code, body)) => {
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::OK);
            return (
                status,
                [(axum::http::header::CONTENT_TYPE, "application/json")],
                body,
            )
                .into_response();
        }
        Some(Scripted::Migrate(to)) => {
            return err(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                Some(json!({"migrate_to_chat_id": to})),
            );
        }
        None => {}
    }
    match method {
        "getMe" => {
            let mut me = bot_user();
            me["can_join_groups"] = json!(true);
            me["can_read_all_group_messages"] = json!(false);
            me["supports_inline_queries"] = json!(false);
            me["has_main_web_app"] = json!(false);
            ok(me)
        }
        "sendMessage" | "sendDocument" | "sendPhoto" | "editMessageText" => {
            let chat_id = body["chat_id"].as_i64().unwrap_or(0);
            let chat = if chat_id < 0 {
                json!({"id": chat_id, "type": "supergroup", "title": "Kelas 9A"})
            } else {
                json!({"id": chat_id, "type": "private", "first_name": "Siswa"})
            };
            ok(json!({
                "message_id": message_id.unwrap_or(1),
                "date": 1_700_000_000,
                "chat": chat,
                "from": bot_user(),
                "text": body["text"].as_str().or(body["caption"].as_str()).unwrap_or("file"),
            }))
        }
        "getFile" => {
            let id = body["file_id"].as_str().unwrap_or("");
            let Some(file) = api.lock().files.get(id).cloned() else {
                return err(400, "Bad Request: invalid file_id", None);
            };
            let mut answer = json!({
                "file_id": id,
                "file_unique_id": unique_id(id),
                "file_path": file.path,
            });
            if let Some(size) = file.size {
                answer["file_size"] = json!(size);
            }
            ok(answer)
        }
        "getChatMemberCount" => {
            let chat = body["chat_id"].as_i64().unwrap_or(0);
            let n = api.lock().members.get(&chat).copied();
            match n {
                Some(n) => ok(json!(n)),
                None => err(400, "Bad Request: chat not found", None),
            }
        }
        "getChatAdministrators" => {
            let chat = body["chat_id"].as_i64().unwrap_or(0);
            let admins: Vec<Value> = api
                .lock()
                .teachers
                .iter()
                .filter(|(c, _)| *c == chat)
                .map(|(_, user)| {
                    json!({
                        "status": "creator",
                        "user": {"id": user, "is_bot": false, "first_name": "Guru"},
                        "is_anonymous": false,
                    })
                })
                .collect();
            ok(json!(admins))
        }
        "getChatMember" => {
            let chat = body["chat_id"].as_i64().unwrap_or(0);
            let user = body["user_id"].as_i64().unwrap_or(0);
            let (teaches, stranger) = {
                let inner = api.lock();
                (
                    inner.teachers.contains(&(chat, user)),
                    inner.strangers.contains(&(chat, user)),
                )
            };
            let user = json!({"id": user, "is_bot": false, "first_name": "Anggota"});
            if teaches {
                ok(json!({"status": "creator", "user": user, "is_anonymous": false}))
            } else if stranger {
                ok(json!({"status": "left", "user": user}))
            } else {
                ok(json!({"status": "member", "user": user}))
            }
        }
        _ => ok(json!(true)),
    }
}

/// `GET /file/bot<token>/<path>`: a registered file's bytes, recorded as a [`DOWNLOAD`] call.
async fn download(
    State(api): State<FakeApi>,
    Path((token, path)): Path<(String, String)>,
    uri: Uri,
) -> Response {
    if token != format!("bot{TOKEN}") {
        return StatusCode::NOT_FOUND.into_response();
    }
    let (bytes, index) = {
        let mut inner = api.lock();
        let bytes = inner
            .files
            .values()
            .find(|f| f.path == path)
            .map(|f| (f.bytes.clone(), f.size.is_some()));
        inner.calls.push(Call {
            method: DOWNLOAD.to_string(),
            body: json!({"path": path, "uri": uri.path(), "found": bytes.is_some()}),
            at: Instant::now(),
            limited: false,
            message_id: None,
            faulted: false,
            file: None,
            answered: false,
        });
        (bytes, inner.calls.len() - 1)
    };
    api.changed.notify_waiters();
    let response = match bytes {
        Some((bytes, true)) => (StatusCode::OK, bytes).into_response(),
        // A file whose size nobody said is streamed in chunks with no length, so only a
        // count kept while it downloads can stop it.
        Some((bytes, false)) => {
            let chunks: Vec<Result<Vec<u8>, std::convert::Infallible>> =
                bytes.chunks(64 * 1024).map(|c| Ok(c.to_vec())).collect();
            let body = axum::body::Body::from_stream(futures_util::stream::iter(chunks));
            (StatusCode::OK, body).into_response()
        }
        None => StatusCode::NOT_FOUND.into_response(),
    };
    if let Some(call) = api.lock().calls.get_mut(index) {
        call.answered = true;
    }
    api.changed.notify_waiters();
    response
}

fn unique_id(file_id: &str) -> String {
    format!("u-{file_id}")
}

/// `message.date` for a message sent just now.
fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

async fn get_updates(api: &FakeApi, body: &Value) -> Response {
    let offset = body["offset"].as_i64().unwrap_or(0);
    let timeout = body["timeout"].as_u64().unwrap_or(0);
    let end = tokio::time::Instant::now() + Duration::from_secs(timeout);
    loop {
        let notified = api.changed.notified();
        {
            let mut inner = api.lock();
            if inner.revoked {
                return err(401, "Unauthorized", None);
            }
            inner.confirmed_offset = inner.confirmed_offset.max(offset);
            inner
                .updates
                .retain(|u| u["update_id"].as_i64().unwrap_or(0) >= offset);
            if !inner.updates.is_empty() || timeout == 0 {
                let limit = body["limit"].as_u64().unwrap_or(100) as usize;
                let batch: Vec<Value> = inner.updates.iter().take(limit).cloned().collect();
                let now = Instant::now();
                for u in &batch {
                    if let Some(id) = u["callback_query"]["id"].as_str() {
                        inner.handed_callbacks.entry(id.to_string()).or_insert(now);
                    }
                }
                let last = batch.iter().filter_map(|u| u["update_id"].as_i64()).max();
                inner.handed_out = inner.handed_out.max(last.unwrap_or(0));
                drop(inner);
                api.changed.notify_waiters();
                return ok(Value::Array(batch));
            }
        }
        if tokio::time::timeout_at(end, notified).await.is_err() {
            return ok(json!([]));
        }
    }
}

/// A private text message from a student.
pub fn private_text(user: i64, name: &str, text: &str) -> Value {
    json!({"message": {
        "message_id": next_id(),
        "date": now_unix(),
        "chat": {"id": user, "type": "private", "first_name": name},
        "from": {"id": user, "is_bot": false, "first_name": name},
        "text": text,
    }})
}

/// A text message in a group (a supergroup id is negative).
pub fn group_text(chat: i64, user: i64, name: &str, text: &str) -> Value {
    json!({"message": {
        "message_id": next_id(),
        "date": now_unix(),
        "chat": {"id": chat, "type": "supergroup", "title": "Kelas 9A"},
        "from": {"id": user, "is_bot": false, "first_name": name},
        "text": text,
    }})
}

/// The `document` of a message: `size` `None` leaves `file_size` out, as Telegram now and
/// then does.
fn document(file_id: &str, file_name: &str, size: Option<u64>) -> Value {
    let mut doc = json!({
        "file_id": file_id,
        "file_unique_id": unique_id(file_id),
        "file_name": file_name,
    });
    if let Some(size) = size {
        doc["file_size"] = json!(size);
    }
    doc
}

/// A file sent in a private chat, with an optional caption.
pub fn private_document(
    user: i64,
    name: &str,
    file_id: &str,
    file_name: &str,
    size: Option<u64>,
    caption: Option<&str>,
) -> Value {
    let chat = json!({"id": user, "type": "private", "first_name": name});
    document_update(
        chat,
        user,
        name,
        document(file_id, file_name, size),
        caption,
    )
}

/// A file sent in a group, with an optional caption.
pub fn group_document(
    chat: i64,
    user: i64,
    name: &str,
    file_id: &str,
    file_name: &str,
    size: Option<u64>,
    caption: Option<&str>,
) -> Value {
    let chat = json!({"id": chat, "type": "supergroup", "title": "Kelas 9A"});
    document_update(
        chat,
        user,
        name,
        document(file_id, file_name, size),
        caption,
    )
}

/// A message in `chat` from `user` carrying `doc`, with an optional caption.
fn document_update(chat: Value, user: i64, name: &str, doc: Value, caption: Option<&str>) -> Value {
    let mut update = json!({"message": {
        "message_id": next_id(),
        "date": now_unix(),
        "chat": chat,
        "from": {"id": user, "is_bot": false, "first_name": name},
        "document": doc,
    }});
    if let Some(caption) = caption {
        update["message"]["caption"] = json!(caption);
    }
    update
}

/// A message an anonymous administrator posts: Telegram shows it as sent by the group itself,
/// from the "GroupAnonymousBot" user.
pub fn anonymous_admin_text(chat: i64, text: &str) -> Value {
    json!({"message": {
        "message_id": next_id(),
        "date": now_unix(),
        "chat": {"id": chat, "type": "supergroup", "title": "Kelas 9A"},
        "from": {"id": 1_087_968_824_i64, "is_bot": true, "first_name": "Group", "username": "GroupAnonymousBot"},
        "sender_chat": {"id": chat, "type": "supergroup", "title": "Kelas 9A"},
        "text": text,
    }})
}

/// A button press on a message the bot sent.
pub fn callback(chat: i64, user: i64, message_id: i64, data: &str) -> Value {
    callback_from(chat, user, "Siswa", message_id, data)
}

/// A button press by a named student.
pub fn callback_from(chat: i64, user: i64, name: &str, message_id: i64, data: &str) -> Value {
    json!({"callback_query": {
        "id": format!("cb{}", next_id()),
        "from": {"id": user, "is_bot": false, "first_name": name},
        "chat_instance": "ci",
        "data": data,
        "message": {
            "message_id": message_id,
            "date": 1_700_000_000,
            "chat": if chat < 0 { json!({"id": chat, "type": "supergroup", "title": "Kelas 9A"}) }
                    else { json!({"id": chat, "type": "private", "first_name": "Siswa"}) },
            "from": bot_user(),
            "text": "Hmm",
        },
    }})
}

fn next_id() -> i64 {
    use std::sync::atomic::{AtomicI64, Ordering};
    static NEXT: AtomicI64 = AtomicI64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}
