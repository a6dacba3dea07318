//! The snapshot's format: one versioned JSON document. This is the only place that knows
//! it; it is converted to and from [`State`] here (`format`), so changing the state never
//! silently changes the file. Reading and writing the file is the driver's (`driver::store`):
//! the state itself does no IO.

mod format;
mod homework;
mod insight;

pub use format::Decoded;
use format::FileOut;

use super::State;

/// The format written now. A file with a higher version is refused, never overwritten.
/// Older versions are still read: version 1 had fact rotations only, version 2 added
/// subscriptions, version 3 scoreboards, recent questions and practice bests, version 4 a
/// chat's subject and, per subject, its rotation and recent questions (those of versions 1
/// to 3 belong to the one subject there was, `kerja-sama-internasional`), version 5 a
/// group's insight per subject (`insight`), version 6 homework (a group's open one with
/// every attempt, the results of the last closed ones, and the board's `tugas` column). Every
/// field added since has a default, so one
/// reader serves them all.
pub const VERSION: u32 = 6;
pub const FILE_NAME: &str = "kelasbot-state.json";

/// The snapshot file's bytes for `state`.
pub fn encode(state: &State) -> Vec<u8> {
    // Serialising plain maps, strings and numbers into memory cannot fail.
    serde_json::to_vec(&FileOut(state)).unwrap_or_default()
}

/// Encodes `state` straight into `w` (a file being written), without a copy in memory.
pub fn encode_into(w: impl std::io::Write, state: &State) -> std::io::Result<()> {
    serde_json::to_writer(w, &FileOut(state)).map_err(std::io::Error::other)
}

/// What the bytes of a snapshot file hold: a state, a newer format, or nothing usable.
pub fn decode(bytes: &[u8]) -> Decoded {
    format::decode(bytes)
}
