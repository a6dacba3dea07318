//! Teachers' sets on disk: one file per set, `<data dir>/sets/<owner id>/<name>.json`, each
//! written atomically like the snapshot and apart from it (a set is written once, the
//! snapshot every few seconds). The format is `sets::file`'s.

use std::path::{Path, PathBuf};

use super::store::write_atomic;
use crate::sets::{self, QuizSet};

/// The folder of sets beside the snapshot file at `snapshot`.
pub fn sets_dir(snapshot: &Path) -> PathBuf {
    snapshot
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("sets")
}

fn set_path(dir: &Path, owner: i64, name: &str) -> PathBuf {
    dir.join(owner.to_string()).join(format!("{name}.json"))
}

/// Writes a set's file, or removes it when `bytes` is `None` (a file already gone is fine).
pub fn write_set(dir: &Path, owner: i64, name: &str, bytes: Option<&[u8]>) -> std::io::Result<()> {
    let path = set_path(dir, owner, name);
    match bytes {
        Some(bytes) => write_atomic(&path, bytes),
        None => match std::fs::remove_file(&path) {
            Ok(()) => {
                if let Some(parent) = path.parent() {
                    std::fs::File::open(parent)?.sync_all()?;
                }
                Ok(())
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        },
    }
}

/// Every set under `dir`, each with its file's size, and a sentence for each file that could
/// not be used (named by its path; it is left where it is). No folder means no sets.
pub fn load_sets(dir: &Path) -> (Vec<(QuizSet, u64)>, Vec<String>) {
    let mut sets = Vec::new();
    let mut problems = Vec::new();
    let Ok(owners) = std::fs::read_dir(dir) else {
        return (sets, problems);
    };
    let mut owners: Vec<PathBuf> = owners.flatten().map(|e| e.path()).collect();
    owners.sort();
    for owner_dir in owners {
        let Some(owner) = owner_dir
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.parse::<i64>().ok())
        else {
            continue;
        };
        let Ok(files) = std::fs::read_dir(&owner_dir) else {
            problems.push(format!("{}: cannot be read", owner_dir.display()));
            continue;
        };
        let mut files: Vec<PathBuf> = files
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        for path in files {
            match load_one(&path, owner) {
                Ok(loaded) => sets.push(loaded),
                Err(why) => problems.push(format!("{}: {why}; left as it is", path.display())),
            }
        }
    }
    (sets, problems)
}

fn load_one(path: &Path, owner: i64) -> Result<(QuizSet, u64), String> {
    let size = std::fs::metadata(path).map_err(|e| e.to_string())?.len();
    if size > sets::QUOTA_BYTES {
        return Err(format!("{size} bytes, more than a set may take"));
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let set = sets::file::decode(&bytes)?;
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if set.owner != owner || set.name != stem {
        return Err(format!(
            "it says it is set {:?} of {}, which is not where it lies",
            set.name, set.owner
        ));
    }
    Ok((set, size))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sets::SetQuestion;

    fn set(owner: i64, name: &str) -> QuizSet {
        QuizSet {
            name: name.into(),
            owner,
            author: "Sari".into(),
            questions: vec![SetQuestion {
                question: "Apa?".into(),
                options: vec!["a".into(), "b".into()],
                answer: 0,
                seconds: None,
                explanation: None,
            }],
        }
    }

    #[test]
    fn written_loaded_removed_and_bad_files_named() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = sets_dir(&tmp.path().join("state.json"));
        let a = set(7, "bab-1");
        let bytes = sets::file::encode(&a);
        write_set(&dir, 7, "bab-1", Some(&bytes)).unwrap();
        write_set(
            &dir,
            8,
            "bab-2",
            Some(&sets::file::encode(&set(8, "bab-2"))),
        )
        .unwrap();
        // A file moved by hand to another owner's folder, and a broken one.
        std::fs::write(dir.join("7").join("lain.json"), &bytes).unwrap();
        std::fs::write(dir.join("8").join("rusak.json"), b"{").unwrap();
        let (sets, problems) = load_sets(&dir);
        assert_eq!(sets.len(), 2);
        assert_eq!(sets[0].0, a);
        assert_eq!(sets[0].1, bytes.len() as u64);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("lain.json")));
        assert!(problems.iter().any(|p| p.contains("rusak.json")));
        write_set(&dir, 7, "bab-1", None).unwrap();
        write_set(&dir, 7, "bab-1", None).unwrap();
        assert_eq!(load_sets(&dir).0.len(), 1);
        assert!(load_sets(&tmp.path().join("nothing")).0.is_empty());
    }
}
