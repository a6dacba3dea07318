//! The snapshot on disk: loading it at start, and the one writer that keeps it current.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

use crate::app::App;
use crate::driver::store;

pub(super) fn load_state(path: &Path) -> anyhow::Result<crate::state::State> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let loaded = store::load(path, now)?;
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

/// The one writer of the snapshot file: periodic writes, the daily facts' writes and the
/// final one never overlap. Encoding copies the state under its lock; the disk work happens
/// on a blocking thread, so handlers never wait for it.
pub(super) struct Persist {
    pub(super) app: Arc<App>,
    pub(super) path: PathBuf,
    pub(super) writing: tokio::sync::Mutex<()>,
}

impl Persist {
    pub(super) async fn write(&self, state: crate::state::State) -> std::io::Result<()> {
        let _writing = self.writing.lock().await;
        let path = self.path.clone();
        match tokio::task::spawn_blocking(move || store::write_state(&path, &state)).await {
            Ok(result) => result,
            Err(e) => Err(std::io::Error::other(e)),
        }
    }

    /// Writes the state now, changed or not; on failure it stays marked as changed.
    pub(super) async fn write_now(&self) -> std::io::Result<()> {
        let result = self.write(self.app.snapshot_now()).await;
        if result.is_err() {
            self.app.mark_dirty();
        }
        result
    }

    /// Writes the state if it changed since the last write.
    pub(super) async fn write_if_dirty(&self) -> std::io::Result<()> {
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
pub(super) async fn snapshot_loop(
    persist: Arc<Persist>,
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
        if let Err(e) = persist.write_if_dirty().await {
            tracing::error!(error = %e, "snapshot write failed; will retry");
        }
    }
}
