//! The real `kelasbot` binary as a child process pointed at a fake Bot API.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use super::fake_api::{FakeApi, TOKEN};

/// Runs the bot's clock five times as fast: a 10-second question takes two. Only for tests
/// whose point is not how long something takes in real time.
pub const FAST: (&str, &str) = ("KELASBOT_TIME_SCALE", "5");

pub struct BotProcess {
    child: Child,
    log: Arc<Mutex<String>>,
    /// Copies the child's stderr into `log` until it closes.
    reader: Option<tokio::task::JoinHandle<()>>,
}

pub fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// Copies the shipped packs into `to`, so a test may edit them.
pub fn copy_content(to: &Path) {
    for pack in std::fs::read_dir(content_dir()).expect("content").flatten() {
        let dest = to.join(pack.file_name());
        std::fs::create_dir_all(&dest).expect("pack folder");
        for file in std::fs::read_dir(pack.path()).expect("pack").flatten() {
            std::fs::copy(file.path(), dest.join(file.file_name())).expect("copy");
        }
    }
}

/// The first shipped pack's folder.
pub fn first_pack_dir() -> PathBuf {
    content_dir().join("kerja-sama-internasional")
}

impl BotProcess {
    /// Starts `kelasbot run` against `api` with `data_dir` for its snapshot.
    pub fn start(api: &FakeApi, data_dir: &Path) -> BotProcess {
        BotProcess::start_with(api, data_dir, TOKEN)
    }

    pub fn start_with(api: &FakeApi, data_dir: &Path, token: &str) -> BotProcess {
        BotProcess::start_env(api, data_dir, token, &[])
    }

    /// Like [`BotProcess::start_with`], with more environment variables.
    pub fn start_env(
        api: &FakeApi,
        data_dir: &Path,
        token: &str,
        env: &[(&str, &str)],
    ) -> BotProcess {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kelasbot"))
            .arg("run")
            .current_dir(data_dir)
            .env_clear()
            .env("TELOXIDE_TOKEN", token)
            .env("TELOXIDE_API_URL", &api.url)
            .env("KELASBOT_CONTENT_DIR", content_dir())
            .env("KELASBOT_DATA_DIR", data_dir.join("data"))
            .env("KELASBOT_SNAPSHOT_SECS", "1")
            .env("RUST_LOG", "info")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("start kelasbot");
        let log = Arc::new(Mutex::new(String::new()));
        let reader = child.stderr.take().map(|stderr| {
            let log = log.clone();
            tokio::spawn(async move {
                let mut lines = BufReader::new(stderr).lines();
                while let Ok(Some(line)) = lines.next_line().await {
                    let mut l = log.lock().unwrap_or_else(|p| p.into_inner());
                    l.push_str(&line);
                    l.push('\n');
                }
            })
        });
        BotProcess { child, log, reader }
    }

    /// Starts the bot and waits until it is ready: its menus registered for all three scopes
    /// (counting those of earlier starts against the same fake).
    pub async fn start_ready(api: &FakeApi, data_dir: &Path, env: &[(&str, &str)]) -> BotProcess {
        let before = api.calls("setMyCommands").len();
        let bot = BotProcess::start_env(api, data_dir, TOKEN, env);
        api.wait_for(Duration::from_secs(30), "setMyCommands x3", |calls| {
            (calls.iter().filter(|c| c.method == "setMyCommands").count() >= before + 3)
                .then_some(())
        })
        .await;
        bot
    }

    /// Waits until the bot's log holds `needle`.
    pub async fn wait_log(&self, needle: &str, deadline: Duration) {
        let end = tokio::time::Instant::now() + deadline;
        while !self.log().contains(needle) {
            assert!(
                tokio::time::Instant::now() < end,
                "no {needle:?} in the log within {deadline:?}:\n{}",
                self.log()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Resident memory of the process in KiB (Linux).
    pub fn rss_kib(&self) -> Option<u64> {
        let pid = self.child.id()?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|n| n.parse().ok())
    }

    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    pub fn signal(&self, sig: i32) {
        let pid = self.child.id().expect("running child has a pid") as i32;
        // SAFETY: kill(2) with a valid pid and signal number has no memory effects.
        let rc = unsafe { libc::kill(pid, sig) };
        assert_eq!(rc, 0, "kill({pid}, {sig}) failed");
    }

    /// Waits for the process to exit within `deadline`; returns its exit code. Its last log
    /// lines are in `log()` by then: the exit can be seen before the pipe is read to its end.
    pub async fn wait_exit(&mut self, deadline: Duration) -> Option<i32> {
        match tokio::time::timeout(deadline, self.child.wait()).await {
            Ok(Ok(status)) => {
                if let Some(reader) = self.reader.take() {
                    // The pipe closes with the process; a timeout only guards a hang.
                    let _ = tokio::time::timeout(Duration::from_secs(10), reader).await;
                }
                status.code()
            }
            Ok(Err(e)) => panic!("waiting for kelasbot failed: {e}"),
            Err(_) => panic!(
                "kelasbot did not exit within {deadline:?}; log:\n{}",
                self.log()
            ),
        }
    }
}
