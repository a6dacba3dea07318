//! The snapshot on disk: loading it at start, writing it atomically (temporary file, fsync,
//! rename, fsync of the directory), and proving at start-up that it can be written. The
//! format is `state::snapshot`'s; this is the only code that touches the file.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::state::State;
use crate::state::snapshot::{self, Decoded, VERSION};

pub use crate::state::snapshot::FILE_NAME;

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(
        "{path} was written by a newer kelasbot (format version {found}, this one knows up to {VERSION}); \
         refusing to start so it is not overwritten. Upgrade kelasbot or move the file away."
    )]
    Newer {
        path: String,
        /// The version number as the file writes it (it may not fit a u64).
        found: String,
    },
    #[error("{path} is unusable and could not be moved aside: {error}")]
    CannotSetAside { path: String, error: String },
}

/// What loading found.
#[derive(Debug)]
pub struct Loaded {
    pub state: State,
    /// Where a corrupt or unreadable file was moved, if it was.
    pub set_aside: Option<(PathBuf, String)>,
    /// The temporary file of an interrupted write, removed.
    pub removed_leftover: Option<PathBuf>,
}

/// Writes `state` to `path` atomically, encoding it straight into the file.
pub fn write_state(path: &Path, state: &State) -> std::io::Result<()> {
    write_atomic_with(path, |w| snapshot::encode_into(w, state))
}

/// Loads the snapshot at `path`. A missing file is an empty state; a corrupt or unreadable one
/// is moved aside to `<name>.corrupt-<unix_secs>` and the state starts empty; a file from a
/// newer version is an error. The temporary file of a write that was interrupted (the snapshot
/// itself is then the previous one, whole) is removed.
pub fn load(path: &Path, unix_secs: u64) -> Result<Loaded, LoadError> {
    let leftover = temporary_path(path);
    let removed_leftover = std::fs::remove_file(&leftover).is_ok().then_some(leftover);
    let loaded = |state, set_aside| Loaded {
        state,
        set_aside,
        removed_leftover: removed_leftover.clone(),
    };
    let problem = match std::fs::read(path) {
        Ok(bytes) => match snapshot::decode(&bytes) {
            Decoded::State(state) => return Ok(loaded(state, None)),
            Decoded::Newer(found) => {
                return Err(LoadError::Newer {
                    path: path.display().to_string(),
                    found,
                });
            }
            Decoded::Corrupt(why) => why,
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(loaded(State::default(), None));
        }
        Err(e) => format!("unreadable: {e}"),
    };
    let aside = aside_path(path, unix_secs);
    std::fs::rename(path, &aside).map_err(|e| LoadError::CannotSetAside {
        path: path.display().to_string(),
        error: e.to_string(),
    })?;
    Ok(loaded(State::default(), Some((aside, problem))))
}

/// Where a snapshot is written before it is renamed over `path`.
fn temporary_path(path: &Path) -> PathBuf {
    path.with_extension("json.tmp")
}

fn aside_path(path: &Path, unix_secs: u64) -> PathBuf {
    let name = path.file_name().map_or_else(
        || snapshot::FILE_NAME.into(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut candidate = path.with_file_name(format!("{name}.corrupt-{unix_secs}"));
    let mut n = 1;
    while candidate.exists() {
        candidate = path.with_file_name(format!("{name}.corrupt-{unix_secs}-{n}"));
        n += 1;
    }
    candidate
}

/// The file [`prove_writable`] writes and removes.
const PROBE_NAME: &str = ".kelasbot-write-probe";

/// Proves that snapshots can be written in `dir`: creates it if missing, writes a small file
/// there, syncs it to disk and removes it. Run at start-up, so a read-only or impossible data
/// directory stops the bot at once instead of at its first snapshot.
pub fn prove_writable(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let probe = dir.join(PROBE_NAME);
    let written = std::fs::File::create(&probe).and_then(|mut f| {
        f.write_all(b"kelasbot")?;
        f.sync_all()
    });
    match (written, std::fs::remove_file(&probe)) {
        (Err(e), _) | (Ok(()), Err(e)) => Err(e),
        (Ok(()), Ok(())) => Ok(()),
    }
}

/// Writes `bytes` to `path` atomically: a reader (or a crash) sees the old file or the new
/// one, never a mix. Creates the directory if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = temporary_path(path);
    {
        let mut w = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&tmp)?);
        fill(&mut w)?;
        w.flush()?;
        w.get_ref().sync_all()?;
    }
    std::fs::rename(&tmp, path)?;
    // The rename is durable only once the directory entry is.
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::schedule::Schedule;
    use crate::state::Subscription;
    use crate::state::snapshot::encode;

    fn sample() -> State {
        let mut s = State::default();
        let c = s.chat(-100200);
        c.subject = Some("perubahan-sosial-budaya".into());
        let k = c.subject_state("kerja-sama-internasional");
        k.facts.pending = vec!["a".into(), "b".into()];
        k.facts.cycle = 2;
        k.facts.last = Some("c".into());
        c.subject_state("perubahan-sosial-budaya").facts.cycle = 4;
        s.chat(42)
            .subject_state("kerja-sama-internasional")
            .facts
            .cycle = 1;
        s.chat(-100300).subscription = Some(Subscription {
            schedule: crate::facts::schedule::parse("6.30 WITA senin-jumat").expect("valid"),
            thread: Some(7),
            last_date: Some("2026-11-23".parse().expect("date")),
        });
        s.chat(-100400).subscription = Some(Subscription {
            schedule: Schedule::default(),
            thread: None,
            last_date: None,
        });
        let g = s.chat(-100500);
        g.title = Some("Kelas 9A \"Garuda\"".into());
        g.board.record(7, "Siti", Some("siti_a"), true, 950);
        g.board.record(8, "=Budi", None, false, 0);
        g.board.finish_round(&[7, 8]);
        g.subject_state("kerja-sama-internasional").recent = vec!["q1".into(), "q2".into()];
        g.rounds = 3;
        g.round_running = true;
        let insight = g
            .insight
            .entry("kerja-sama-internasional".into())
            .or_default();
        let stats = insight.questions.entry("q1".into()).or_default();
        stats.topic = "manfaat".into();
        stats.totals.asked = 2;
        stats.totals.answered = 5;
        stats.totals.right = 3;
        stats.totals.time_ms = 12_345;
        stats.wrong.insert(2, 2);
        insight
            .topics
            .insert("manfaat".into(), stats.totals.clone());
        let siti = insight.students.entry(7).or_default();
        siti.name = "Siti".into();
        siti.topics.insert("manfaat".into(), (3, 2));
        insight.recent_rounds = vec![(2, vec![7, 8]), (3, vec![7])];
        let asked: jiff::Timestamp = "2026-11-23T01:00:00Z".parse().expect("time");
        let lost = crate::state::Unanswered {
            text: "kenapa \"langit\" biru?".into(),
            reading: "kenapa: biru langit".into(),
            subject: "kerja-sama-internasional".into(),
            at: asked,
            unsure: true,
            suggested: vec!["bentuk".into()],
        };
        g.unanswered.push(lost.clone());
        s.unanswered
            .insert("kerja-sama-internasional".into(), vec![lost]);
        let p = s.chat(42);
        crate::quiz::review::wrong(
            p.review
                .entry("kerja-sama-internasional".into())
                .or_default(),
            "q7",
            asked,
        );
        p.practices = 2;
        p.practice_best.insert(5, 4);
        p.practice_best.insert(10, 10);
        let g = s.chat(-100500);
        g.board.record_homework(7, "Siti", Some("siti_a"), (3, 2));
        g.homeworks = 2;
        g.homework = Some(homework(asked));
        let mut closed = homework(asked);
        closed.id = 1;
        g.homework_done.push(closed.record(asked));
        s
    }

    /// A homework of two questions under way: Siti answered one, Budi none yet.
    fn homework(given: jiff::Timestamp) -> crate::quiz::homework::Homework {
        use crate::quiz::homework::{Homework, Task};
        let task = |n: usize| Task {
            item: crate::content::QuizItem {
                id: format!("q{n}"),
                topic: "manfaat".into(),
                difficulty: crate::content::Difficulty::Sedang,
                question: format!("Soal \"{n}\"?"),
                options: vec!["satu".into(), "dua".into(), "tiga".into()],
                answer: n,
                explanation: "Karena begitu.".into(),
                source: "a.md".into(),
            },
            credit: "Sumber: Artikel".into(),
        };
        let mut h = Homework {
            id: 2,
            key: "kerja-sama-internasional".into(),
            title: "Manfaat".into(),
            teacher: (9, "Bu Rina".into()),
            tasks: vec![task(0), task(1)],
            given,
            deadline: given + jiff::SignedDuration::from_hours(3),
            feedback: true,
            thread: Some(4),
            message_id: Some(77),
            shown: 1,
            edited: Some(given),
            reminded: false,
            class: Some(28),
            attempts: Default::default(),
        };
        let mut rng = crate::rng::Rng::from_parts(&[5]);
        for (id, name) in [(7, "Siti"), (8, "=Budi")] {
            let student = crate::quiz::Student {
                id,
                name: name.into(),
                username: None,
            };
            h.start(&student, &mut rng, given);
        }
        h.answer(7, 0, 1, given + jiff::SignedDuration::from_mins(2));
        h
    }

    #[test]
    fn version_1_files_are_still_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        let v1 = br#"{"version": 1, "chats": {"-5": {"facts": {"pending": ["a"], "cycle": 1, "last": "b"}}}}"#;
        std::fs::write(&path, v1).expect("write");
        let state = load(&path, 1).expect("load").state;
        let legacy = &state.chats[&-5].subjects["kerja-sama-internasional"];
        assert_eq!(legacy.facts.pending, vec!["a".to_string()]);
        assert_eq!(state.chats[&-5].subscription, None);
    }

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("data").join(FILE_NAME);
        write_atomic(&path, &encode(&sample())).expect("write");
        let loaded = load(&path, 1).expect("load");
        assert_eq!(loaded.state, sample());
        assert!(loaded.set_aside.is_none());
        // Streaming into the file writes the same bytes.
        write_state(&path, &sample()).expect("write");
        assert_eq!(std::fs::read(&path).expect("read"), encode(&sample()));
        assert!(!path.with_extension("json.tmp").exists());
    }

    #[test]
    fn a_homework_attempt_that_does_not_fit_its_questions_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        let bytes = String::from_utf8(encode(&sample())).expect("utf-8");
        // Siti's first question shown with an option the question does not have.
        let broken = bytes.replacen("\"order\":[[", "\"order\":[[9,[0,1,2]],[", 1);
        assert_ne!(broken, bytes);
        std::fs::write(&path, broken).expect("write");
        let loaded = load(&path, 1).expect("load");
        assert_eq!(loaded.state, State::default());
        assert!(loaded.set_aside.is_some());
    }

    #[test]
    fn missing_file_is_empty_state() {
        let dir = tempfile::tempdir().expect("tempdir");
        let loaded = load(&dir.path().join(FILE_NAME), 1).expect("load");
        assert_eq!(loaded.state, State::default());
    }

    #[test]
    fn corrupt_file_is_moved_aside_not_overwritten() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        for junk in [
            &b"{\"version\": 1, \"chats\": {\"x\": {}}}"[..],
            b"\x00\xffgarbage",
            b"{}",
            br#"{"version": 2, "chats": {"-1": {"subscription": {"time": "25:00"}}}}"#,
            br#"{"version": 2, "chats": {"-1": {"subscription": {"time": "07:00", "zone": "EST"}}}}"#,
        ] {
            std::fs::write(&path, junk).expect("write junk");
            let loaded = load(&path, 77).expect("load");
            assert_eq!(loaded.state, State::default());
            let (aside, why) = loaded.set_aside.expect("set aside");
            assert!(!why.is_empty());
            assert_eq!(std::fs::read(&aside).expect("kept"), junk);
            assert!(!path.exists());
        }
    }

    #[test]
    fn a_corrupt_file_is_described_by_position_never_by_its_content() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        // (file, whether the problem can point at a line and column)
        let cases: [(&[u8], bool); 8] = [
            (
                br#"{"version":3,"chats":{"-1":{"board":[{"id":"Siti Rahmawati"}]}}}"#,
                true,
            ),
            (
                b"{\"version\":3,\"chats\":{\"-1\":{\"board\":[{\"id\":7,\n\"name\":[\"Siti Rahmawati\"]}]}}}",
                true,
            ),
            (
                br#"{"version":3,"chats":{"-1":{"title":"Siti Rahmawati" "board":[]}}}"#,
                true,
            ),
            (
                br#"{"version":3,"chats":{"-1":{"title":"Siti Rahmawati"#,
                true,
            ),
            (br#"{"version":3,"chats":{"Siti Rahmawati":{}}}"#, false),
            (
                br#"{"version":3,"chats":{"-1":{"subscription":{"time":"Siti Rahmawati"}}}}"#,
                false,
            ),
            (
                br#"{"version":3,"chats":{"-1":{"subscription":{"time":"07:00","zone":"Siti Rahmawati"}}}}"#,
                false,
            ),
            (
                br#"{"version":3,"chats":{"-1":{"practice_best":{"Siti Rahmawati":3}}}}"#,
                false,
            ),
        ];
        let mut problems = Vec::new();
        for (junk, positioned) in cases {
            std::fs::write(&path, junk).expect("write junk");
            let loaded = load(&path, 77).expect("load");
            let (_, why) = loaded.set_aside.expect("set aside");
            if why.contains("Siti") || why.contains("Rahmawati") {
                problems.push(format!("content repeated: {why}"));
            }
            if positioned && !(why.contains("line ") && why.contains("column ")) {
                problems.push(format!("no line and column: {why}"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn a_writable_directory_is_made_and_left_clean_an_impossible_one_is_an_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("a").join("data");
        prove_writable(&data).expect("writable");
        assert!(data.is_dir());
        assert_eq!(std::fs::read_dir(&data).expect("list").count(), 0);
        prove_writable(&data).expect("still writable");
        std::fs::write(dir.path().join("afile"), b"x").expect("file");
        let err = prove_writable(&dir.path().join("afile").join("data")).expect_err("a file");
        assert_eq!(err.kind(), std::io::ErrorKind::NotADirectory, "{err}");
    }

    #[test]
    fn a_leftover_temporary_file_is_removed_at_load() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        let tmp = path.with_extension("json.tmp");
        write_atomic(&path, &encode(&sample())).expect("write");
        // An interrupted write leaves its temporary file behind.
        std::fs::write(&tmp, b"{\"version\":3,\"ch").expect("tmp");
        let loaded = load(&path, 1).expect("load");
        assert_eq!(loaded.state, sample());
        assert!(!tmp.exists(), "{} is still there", tmp.display());
        assert_eq!(loaded.removed_leftover.as_deref(), Some(tmp.as_path()));
        assert_eq!(load(&path, 1).expect("load").removed_leftover, None);
        // Also when there is no snapshot at all yet.
        std::fs::remove_file(&path).expect("remove");
        std::fs::write(&tmp, b"{").expect("tmp");
        assert_eq!(load(&path, 1).expect("load").state, State::default());
        assert!(!tmp.exists(), "{} is still there", tmp.display());
    }

    #[test]
    fn a_snapshot_saved_with_a_byte_order_mark_loads() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        // Windows editors put one in front when an operator saves the file by hand.
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(encode(&sample()));
        std::fs::write(&path, &bytes).expect("write");
        let loaded = load(&path, 1).expect("load");
        assert_eq!(loaded.set_aside.map(|(_, why)| why), None);
        assert_eq!(loaded.state, sample());
    }

    #[test]
    fn newer_version_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, br#"{"version": 99, "chats": {}, "boards": []}"#).expect("write");
        let err = load(&path, 1).expect_err("refused");
        assert!(err.to_string().contains("format version 99"), "{err}");
        assert!(path.exists());
    }

    #[test]
    fn a_version_too_large_for_a_u64_is_newer_not_corrupt() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        for newer in [
            &br#"{"version": 99999999999999999999999, "chats": {"-1": {"board": "later"}}}"#[..],
            br#"{"version": 6.5, "chats": {}}"#,
            br#"{"version": 1e30, "chats": {}}"#,
        ] {
            std::fs::write(&path, newer).expect("write");
            match load(&path, 1) {
                Err(err) => {
                    assert!(
                        err.to_string().contains("written by a newer kelasbot"),
                        "{err}"
                    )
                }
                Ok(loaded) => panic!(
                    "{}: loaded, set aside as {:?}",
                    String::from_utf8_lossy(newer),
                    loaded.set_aside.map(|(_, why)| why)
                ),
            }
            assert_eq!(std::fs::read(&path).expect("left in place"), newer);
        }
    }

    #[test]
    fn a_crash_before_the_rename_leaves_the_previous_snapshot() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        write_atomic(&path, &encode(&sample())).expect("write");
        // A crash between writing the temporary file and renaming it leaves this behind.
        std::fs::write(path.with_extension("json.tmp"), b"{\"version\":1,\"ch").expect("tmp");
        assert_eq!(load(&path, 1).expect("load").state, sample());
    }
}

#[cfg(test)]
mod migration {
    use super::*;

    /// A snapshot the bot wrote in format 3 (one subject): a group with a rotation, a
    /// subscription, a board and recent questions; a student with a rotation and practices.
    const VERSION_3: &[u8] = include_bytes!("../../tests/fixtures/snapshot-version-3.json");

    #[test]
    fn a_format_3_file_loads_into_the_first_subject_and_is_written_as_format_4() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, VERSION_3).expect("write");
        let state = load(&path, 1).expect("load").state;
        let group = &state.chats[&-1_000_000_000_001];
        let kept = &group.subjects["kerja-sama-internasional"];
        assert_eq!(kept.facts.cycle, 1);
        assert!(!kept.facts.pending.is_empty());
        assert_eq!(kept.recent.len(), 2);
        assert_eq!(group.subject, None, "the chat follows the default");
        assert_eq!(group.subjects.len(), 1);
        assert_eq!(group.board.players.len(), 1);
        assert!(group.subscription.is_some());
        let student = &state.chats[&2001];
        assert_eq!(student.practices, 1);
        assert_eq!(student.subjects["kerja-sama-internasional"].recent.len(), 3);

        write_state(&path, &state).expect("write");
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.starts_with("{\"version\":6,"), "{text}");
        assert!(text.contains("\"subjects\":{\"kerja-sama-internasional\""));
        assert_eq!(load(&path, 1).expect("load").state, state);
    }
}
