//! Loading the snapshot at start, with what the operator must hear about it. The driver
//! writes it from then on.

use std::path::Path;

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
