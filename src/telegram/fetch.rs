//! Files teachers send: `getFile`, the download (capped at [`sets::MAX_FILE_BYTES`] while it
//! streams, whatever Telegram said of the size), then reading the questions on a blocking
//! thread within [`READ_LIMIT`]. Each fetch runs in its own task, so no chat waits for it; what
//! came of it goes back to the app as [`Event::Fetched`].

use std::time::Duration;

use teloxide::prelude::*;
use teloxide::types::FileId;

use crate::app::{Event, Fetch, FetchError};
use crate::sets::{self, Parsed};

/// Longest a file's reading may take.
pub const READ_LIMIT: Duration = Duration::from_secs(10);
/// Longest `getFile` and the download may take together.
const DOWNLOAD_LIMIT: Duration = Duration::from_secs(60);

/// Downloads and reads `fetch`'s file; the event that reports it.
pub async fn fetch(bot: Bot, fetch: Fetch) -> Event {
    let result = match tokio::time::timeout(DOWNLOAD_LIMIT, download(&bot, &fetch)).await {
        Ok(Ok(bytes)) => read(fetch.kind, bytes).await,
        Ok(Err(e)) => Err(e),
        Err(_) => Err(FetchError::Download),
    };
    if let Err(e) = &result {
        tracing::info!(user = fetch.from.id, error = ?e, "set file not read");
    }
    Event::Fetched { fetch, result }
}

async fn download(bot: &Bot, fetch: &Fetch) -> Result<Vec<u8>, FetchError> {
    let file = bot
        .get_file(FileId(fetch.file.id.clone()))
        .await
        .map_err(|e| {
            tracing::warn!(error = %e, "getFile failed");
            FetchError::Download
        })?;
    // Telegram leaves the size out now and then (teloxide then reads u32::MAX).
    if file.meta.size != u32::MAX && u64::from(file.meta.size) > sets::MAX_FILE_BYTES {
        return Err(FetchError::TooLarge);
    }
    // A local Bot API server hands out the file's absolute path on its own disk.
    if file.path.starts_with('/') {
        return read_local(file.path).await;
    }
    let mut url = bot.api_url();
    // `/file/bot<token>/<path>`, the path's slashes kept as they are.
    let base = url.path().trim_end_matches('/').to_string();
    url.set_path(&format!("{base}/file/bot{}/{}", bot.token(), file.path));
    let response = bot
        .client()
        .get(url)
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(|e| {
            tracing::warn!(error = %e.without_url(), "file download failed");
            FetchError::Download
        })?;
    if response
        .content_length()
        .is_some_and(|n| n > sets::MAX_FILE_BYTES)
    {
        return Err(FetchError::TooLarge);
    }
    let mut response = response;
    let mut bytes = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if (bytes.len() + chunk.len()) as u64 > sets::MAX_FILE_BYTES {
                    return Err(FetchError::TooLarge);
                }
                bytes.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(bytes),
            Err(e) => {
                tracing::warn!(error = %e.without_url(), "file download broke off");
                return Err(FetchError::Download);
            }
        }
    }
}

/// A file on this machine's disk, read up to the cap.
async fn read_local(path: String) -> Result<Vec<u8>, FetchError> {
    let read = tokio::task::spawn_blocking(move || {
        use std::io::Read;
        let mut bytes = Vec::new();
        std::fs::File::open(&path)?
            .take(sets::MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)?;
        Ok::<_, std::io::Error>(bytes)
    });
    match read.await {
        Ok(Ok(bytes)) if bytes.len() as u64 > sets::MAX_FILE_BYTES => Err(FetchError::TooLarge),
        Ok(Ok(bytes)) => Ok(bytes),
        _ => Err(FetchError::Download),
    }
}

/// Reads the questions on a blocking thread, within [`READ_LIMIT`].
async fn read(kind: sets::FileKind, bytes: Vec<u8>) -> Result<Parsed, FetchError> {
    let task = tokio::task::spawn_blocking(move || sets::read(kind, &bytes));
    match tokio::time::timeout(READ_LIMIT, task).await {
        Ok(Ok(read)) => read.map_err(FetchError::Read),
        Ok(Err(e)) => {
            tracing::error!(error = %e, "reading a set file failed");
            Err(FetchError::Read(sets::ReadError::Sheet(
                sets::SheetError::Malformed,
            )))
        }
        Err(_) => Err(FetchError::TimedOut),
    }
}
