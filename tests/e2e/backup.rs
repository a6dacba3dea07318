//! Backup and restore as the README tells an operator: `kelasbot backup` while the bot runs,
//! the data directory lost, the copy put back, the bot started: the board and the teachers'
//! sets are back.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::support::bot::{BotProcess, FAST};
use crate::support::fake_api::{self, Call, FakeApi};
use kelasbot::driver::{set_store, store};
use kelasbot::sets::{QuizSet, SetQuestion, file};
use kelasbot::state::{State, snapshot};

const GROUP: i64 = -1_005_000_041;
const TEACHER: i64 = 8_041;

/// Copies every file under `from` into `to`, as `cp -a from/. to/` does.
fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_the_bot_runs_restores_the_board_and_the_sets() {
    let api = FakeApi::start().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    // A class with a board, and a teacher's set, as a running bot would have left them.
    let mut state = State::default();
    let g = state.chat(GROUP);
    g.title = Some("Kelas 9B".into());
    g.board.record(11, "Ani", None, true, 950);
    g.board.finish_round(&[11]);
    store::write_state(&data.join(snapshot::FILE_NAME), &state).expect("snapshot");
    let set = QuizSet {
        name: "bab-cadangan".into(),
        owner: TEACHER,
        author: "Bu Rina".into(),
        questions: vec![SetQuestion {
            question: "Satu tambah satu?".into(),
            options: vec!["dua".into(), "tiga".into()],
            answer: 0,
            seconds: None,
            explanation: None,
        }],
    };
    let sets = set_store::sets_dir(&data.join(snapshot::FILE_NAME));
    set_store::write_set(&sets, TEACHER, &set.name, Some(&file::encode(&set))).expect("set");

    let mut bot = BotProcess::start_ready(&api, dir.path(), &[FAST]).await;
    api.push_update(fake_api::group_text(GROUP, 11, "Ani", "/skor"));
    api.wait_message(GROUP, "Ani — 950").await;

    // The backup, while the bot runs.
    let copy = dir.path().join("cadangan");
    let out = Command::new(env!("CARGO_BIN_EXE_kelasbot"))
        .args(["backup", copy.to_str().expect("path")])
        .current_dir(dir.path())
        .env_clear()
        .env("KELASBOT_DATA_DIR", &data)
        .output()
        .expect("the binary runs");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("1 set(s)"), "{said}");

    // The bot stops, its data is lost, the copy is put back, and it starts again.
    bot.signal(libc::SIGTERM);
    assert_eq!(bot.wait_exit(Duration::from_secs(20)).await, Some(0));
    std::fs::remove_dir_all(&data).expect("wipe");
    std::fs::create_dir_all(&data).expect("mkdir");
    copy_tree(&copy, &data);
    let _bot = BotProcess::start_ready(&api, dir.path(), &[FAST]).await;
    let mark = api.all_calls().len();
    api.push_update(fake_api::group_text(GROUP, 11, "Ani", "/skor"));
    // The board as it was, from the restored snapshot (a reply after the restart).
    api.wait_for(
        Duration::from_secs(20),
        "the restored board",
        |calls: &[Call]| {
            calls
                .get(mark..)?
                .iter()
                .find(|c| {
                    c.body["chat_id"].as_i64() == Some(GROUP)
                        && c.body["text"]
                            .as_str()
                            .is_some_and(|t| t.contains("Ani — 950"))
                })
                .cloned()
        },
    )
    .await;
    api.push_update(fake_api::private_text(TEACHER, "Bu Rina", "/kuisku"));
    api.wait_message(TEACHER, "/kuis bab-cadangan</code> — 1 soal")
        .await;
}
