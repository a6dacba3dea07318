//! `kelasbot backup <dir>`: a consistent copy of the data directory, taken while the bot runs.
//! Every file the bot keeps there is replaced whole by a rename (the snapshot, each set), so
//! each is read either as it was or as it became, never half-written; the copy checks that
//! each file reads back before it counts it. Temporary files of a write under way, files set
//! aside as unusable and the write probe are left out.

use std::path::{Path, PathBuf};

use super::store::write_atomic;
use crate::sets;
use crate::state::snapshot::{self, Decoded};

/// What a backup copied.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Copied {
    /// Whether the snapshot was there (a bot that never saved has none).
    pub snapshot: bool,
    pub sets: usize,
    /// Other files kept in the data directory (exports the playground saved, reports).
    pub others: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} is not empty: back up into a new or empty folder")]
    NotEmpty(String),
    #[error("{path}: {error}")]
    Io { path: String, error: std::io::Error },
    #[error("{0} does not read back as a snapshot ({1}); nothing was copied over it")]
    BadSnapshot(String, String),
    #[error("{0} does not read back as a set ({1})")]
    BadSet(String, String),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |error| BackupError::Io {
        path: path.display().to_string(),
        error,
    }
}

/// Copies the data directory `from` into `to` (created if missing; it must be empty).
pub fn backup(from: &Path, to: &Path) -> Result<Copied, BackupError> {
    if to.exists() && std::fs::read_dir(to).map_err(io(to))?.next().is_some() {
        return Err(BackupError::NotEmpty(to.display().to_string()));
    }
    std::fs::create_dir_all(to).map_err(io(to))?;
    let mut copied = Copied::default();
    for (path, relative) in files(from)? {
        let bytes = std::fs::read(&path).map_err(io(&path))?;
        let shown = path.display().to_string();
        if relative == Path::new(snapshot::FILE_NAME) {
            match snapshot::decode(&bytes) {
                Decoded::State(_) => copied.snapshot = true,
                Decoded::Newer(v) => {
                    return Err(BackupError::BadSnapshot(shown, format!("newer format {v}")));
                }
                Decoded::Corrupt(why) => return Err(BackupError::BadSnapshot(shown, why)),
            }
        } else if relative.starts_with("sets") {
            sets::file::decode(&bytes).map_err(|why| BackupError::BadSet(shown, why))?;
            copied.sets += 1;
        } else {
            copied.others += 1;
        }
        let target = to.join(&relative);
        write_atomic(&target, &bytes).map_err(io(&target))?;
    }
    Ok(copied)
}

/// Every file under `dir` worth keeping, with its path relative to `dir`, in order.
fn files(dir: &Path) -> Result<Vec<(PathBuf, PathBuf)>, BackupError> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let entries = std::fs::read_dir(&d).map_err(io(&d))?;
        for entry in entries {
            let entry = entry.map_err(io(&d))?;
            let path = entry.path();
            let kind = entry.file_type().map_err(io(&path))?;
            if kind.is_dir() {
                pending.push(path);
            } else if kind.is_file() && worth_keeping(&path) {
                let relative = path.strip_prefix(dir).unwrap_or(&path).to_path_buf();
                out.push((path, relative));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Not a write under way, a file set aside as unusable, or the write probe.
fn worth_keeping(path: &Path) -> bool {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    !(name.ends_with(".tmp") || name.contains(".corrupt-") || name.starts_with(".kelasbot-"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::State;

    #[test]
    fn copies_what_reads_back_and_refuses_a_full_folder_or_a_broken_file() {
        let data = tempfile::tempdir().expect("tempdir");
        let mut state = State::default();
        state.chat(-1).board.record(7, "Siti", None, true, 900);
        super::super::store::write_state(&data.path().join(snapshot::FILE_NAME), &state)
            .expect("snapshot");
        let set = sets::QuizSet {
            name: "bab-1".into(),
            owner: 7,
            author: "Sari".into(),
            questions: vec![sets::SetQuestion {
                question: "Apa?".into(),
                options: vec!["a".into(), "b".into()],
                answer: 0,
                seconds: None,
                explanation: None,
            }],
        };
        let sets_dir = super::super::set_store::sets_dir(&data.path().join(snapshot::FILE_NAME));
        super::super::set_store::write_set(&sets_dir, 7, "bab-1", Some(&sets::file::encode(&set)))
            .expect("set");
        std::fs::write(data.path().join("kelasbot-state.json.tmp"), b"{half").expect("tmp");
        std::fs::write(data.path().join("skor-kelas-1.csv"), b"nama").expect("csv");

        let to = tempfile::tempdir().expect("tempdir");
        let copied = backup(data.path(), &to.path().join("b")).expect("backup");
        assert_eq!(
            copied,
            Copied {
                snapshot: true,
                sets: 1,
                others: 1
            }
        );
        let restored = std::fs::read(to.path().join("b").join(snapshot::FILE_NAME)).expect("read");
        assert!(matches!(snapshot::decode(&restored), Decoded::State(s) if s == state));
        assert!(to.path().join("b/sets/7/bab-1.json").exists());
        assert!(!to.path().join("b/kelasbot-state.json.tmp").exists());

        // Not over an earlier backup.
        assert!(matches!(
            backup(data.path(), &to.path().join("b")),
            Err(BackupError::NotEmpty(_))
        ));
        // A broken set is named, not copied as if whole.
        std::fs::write(sets_dir.join("7").join("rusak.json"), b"{").expect("write");
        let err = backup(data.path(), &to.path().join("c")).expect_err("refused");
        assert!(err.to_string().contains("rusak.json"), "{err}");
    }
}
