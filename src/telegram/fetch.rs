//! Files teachers send: `getFile`, the download (capped at [`sets::MAX_FILE_BYTES`] while it
//! streams, whatever Telegram said of the size), then reading the questions on a blocking
//! thread within [`READ_LIMIT`]. Each fetch runs in its own task, so no chat waits for it; what
//! came of it goes back to the app as [`Event::Fetched`].

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use teloxide::net::Download;
use teloxide::prelude::*;
use teloxide::types::FileId;
use tokio::io::AsyncWrite;

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
        tracing::info!(user = fetch.from.id, file = %fetch.file.name, error = ?e, "set file not read");
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
    let mut sink = Capped::default();
    match bot.download_file(&file.path, &mut sink).await {
        Ok(()) => Ok(sink.bytes),
        Err(_) if sink.over => Err(FetchError::TooLarge),
        Err(e) => {
            tracing::warn!(error = %e, "file download failed");
            Err(FetchError::Download)
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

/// Collects a download in memory and refuses it once it passes the cap.
#[derive(Default)]
struct Capped {
    bytes: Vec<u8>,
    over: bool,
}

impl AsyncWrite for Capped {
    fn poll_write(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        if (self.bytes.len() + buf.len()) as u64 > sets::MAX_FILE_BYTES {
            self.over = true;
            return Poll::Ready(Err(std::io::Error::other("file larger than allowed")));
        }
        self.bytes.extend_from_slice(buf);
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}
