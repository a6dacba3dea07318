//! The playground driven through its standard input, as a newcomer would use it.

use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::support::bot::content_dir;
use kelasbot::content::load_dir;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::process::{ChildStdin, Command};
use tokio::sync::Notify;

struct Session {
    stdin: ChildStdin,
    out: Arc<Mutex<String>>,
    changed: Arc<Notify>,
    /// Where the next `expect` starts looking.
    seen: usize,
}

impl Session {
    fn output(&self) -> String {
        self.out.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    async fn send(&mut self, line: &str) {
        self.stdin
            .write_all(format!("{line}\n").as_bytes())
            .await
            .expect("write to the playground");
        self.stdin.flush().await.expect("flush");
    }

    /// Waits until `needle` appears after what was already seen; returns the text up to and
    /// including it.
    async fn expect(&mut self, needle: &str) -> String {
        let end = tokio::time::Instant::now() + Duration::from_secs(20);
        loop {
            let notified = self.changed.notified();
            let out = self.output();
            if let Some(i) = out[self.seen..].find(needle) {
                let upto = self.seen + i + needle.len();
                let text = out[self.seen..upto].to_string();
                self.seen = upto;
                return text;
            }
            if tokio::time::timeout_at(end, notified).await.is_err() {
                panic!(
                    "no {needle:?} in the playground's output:\n{}",
                    &out[self.seen..]
                );
            }
        }
    }
}

async fn start(data: &std::path::Path) -> (tokio::process::Child, Session) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kelasbot"))
        .arg("playground")
        .current_dir(data)
        .env_clear()
        .env("KELASBOT_CONTENT_DIR", content_dir())
        .env("KELASBOT_DATA_DIR", data.join("data"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .expect("start the playground");
    let stdin = child.stdin.take().expect("stdin");
    let mut stdout = child.stdout.take().expect("stdout");
    let out = Arc::new(Mutex::new(String::new()));
    let changed = Arc::new(Notify::new());
    {
        let (out, changed) = (out.clone(), changed.clone());
        tokio::spawn(async move {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut buf).await {
                if n == 0 {
                    break;
                }
                out.lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
                changed.notify_waiters();
            }
        });
    }
    let session = Session {
        stdin,
        out,
        changed,
        seen: 0,
    };
    (child, session)
}

/// The letter of the correct option in the question block `text`.
fn correct_letter(text: &str) -> String {
    let items = match load_dir(&crate::support::bot::first_pack_dir()) {
        Ok(l) => l.content.quiz,
        Err(p) => panic!("content invalid: {p:?}"),
    };
    let item = items
        .iter()
        .find(|i| text.contains(&i.question))
        .unwrap_or_else(|| panic!("no quiz question in:\n{text}"));
    let answer = &item.options[item.answer];
    ["A", "B", "C", "D"]
        .into_iter()
        .find(|l| text.contains(&format!("{l}. {answer}\n")))
        .unwrap_or_else(|| panic!("the answer is not shown:\n{text}"))
        .to_string()
}

fn wrong_letter(right: &str) -> &'static str {
    if right == "A" { "B" } else { "A" }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_a_fact_and_a_whole_quiz_in_the_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut child, mut s) = start(dir.path()).await;
    s.expect("kelasbot playground").await;
    s.expect("TELOXIDE_TOKEN").await;

    s.send(":pribadi").await;
    s.send("bedanya bilatral sama multilatral apa").await;
    let answer = s.expect("Sumber:").await;
    assert!(
        answer.contains("🤖 kelasbot → chat pribadi Bu Guru"),
        "{answer}"
    );
    assert!(answer.contains("dua negara"), "{answer}");
    assert!(
        !answer.contains("<b>") && !answer.contains("&amp;"),
        "{answer}"
    );

    s.send("/fakta").await;
    s.expect("Fakta Kerja Sama Internasional").await;
    s.expect("Sumber:").await;

    s.send(":grup").await;
    s.send(":siswa Budi").await;
    s.send("/kuis 2 10").await;
    s.expect("hanya untuk guru").await;

    s.send(":guru").await;
    s.send("/kuis 2 10").await;
    s.expect("Kuis dimulai!").await;
    for n in 1..=2 {
        let question = s.expect("[A]").await;
        assert!(question.contains(&format!("Soal {n}/2")), "{question}");
        let right = correct_letter(&question);
        s.send(":siswa Ani").await;
        s.send(&right).await;
        s.expect("Jawaban tercatat").await;
        s.send(&right).await;
        s.expect("Kamu sudah menjawab").await;
        s.send(":siswa Budi").await;
        s.send(wrong_letter(&right)).await;
        s.expect("Jawaban tercatat").await;
        // End the question now instead of waiting ten seconds.
        s.send(":lanjut").await;
        let reveal = s.expect("2 menjawab, 1 benar, 1 salah.").await;
        assert!(reveal.contains("⏩"), "{reveal}");
        assert!(reveal.contains(&format!("Jawaban: {right}.")), "{reveal}");
        assert!(reveal.contains("1. Ani — +"), "{reveal}");
        // Skip the pause before the next question (or the end).
        s.send(":lanjut").await;
    }
    let podium = s.expect("Papan skor kelas").await;
    assert!(podium.contains("Kuis selesai!"), "{podium}");
    assert!(podium.contains("🥇 Ani"), "{podium}");

    s.send("/skor").await;
    let board = s.expect("Budi — 0 poin (0 benar dari 2)").await;
    assert!(board.contains("🥇 Ani —"), "{board}");
    // A daily fact, shown firing by moving the playground's clock.
    s.send(":guru").await;
    s.send("/langganan 07:00").await;
    s.expect("setiap hari pukul 07.00").await;
    s.send(":lanjut").await;
    let fired = s.expect("Sumber:").await;
    assert!(
        fired.contains("07:00:00") && fired.contains("Fakta Kerja Sama Internasional"),
        "{fired}"
    );

    quit(&mut child, &mut s).await;

    // The state went to the bot's snapshot file.
    let state = kelasbot::driver::store::load(
        &dir.path()
            .join("data")
            .join(kelasbot::state::snapshot::FILE_NAME),
        0,
    )
    .expect("snapshot")
    .state;
    let board = &state.chats[&kelasbot::playground::GROUP_ID].board;
    assert_eq!(board.players.len(), 2);
    assert!(board.ranking()[0].1.points >= 1_900, "{board:?}");
}

/// A newcomer's first line is a plain question in the class group, where the bot (as on
/// Telegram) answers only commands and replies: the playground says how to ask instead of
/// staying silent, and the welcome says it too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_question_in_the_group_gets_a_hint_on_how_to_ask() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut child, mut s) = start(dir.path()).await;
    let welcome = s.expect("TELOXIDE_TOKEN").await + &s.expect(":keluar").await;
    assert!(
        welcome.contains("/tanya"),
        "the welcome says how to ask: {welcome}"
    );
    s.send("apa itu kerja sama bilateral?").await;
    s.send(":waktu").await;
    let after = s.expect("🕒").await;
    assert!(
        after.contains("/tanya") && after.contains(":pribadi"),
        "no hint after a plain question in the group:\n{after}"
    );
    s.send("/tanya apa itu kerja sama bilateral?").await;
    s.send(":waktu").await;
    let answer = s.expect("🕒").await;
    assert!(answer.contains("Sumber:"), "{answer}");
    assert!(
        !answer.contains(":pribadi"),
        "no hint once the bot answers: {answer}"
    );
    s.send(":keluar").await;
    let _ = tokio::time::timeout(Duration::from_secs(10), child.wait()).await;
}

/// `:kirim` sends a file as if attached in Telegram: a CSV becomes a set, a `.txt` is a
/// pasted list, and the set runs in the group; the sets are there after a restart.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sent_file_and_a_pasted_list_become_sets_that_run_in_the_group() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("Bab 5.csv");
    std::fs::write(
        &csv,
        "Pertanyaan;Pilihan A;Pilihan B;Jawaban;Waktu\n\
         Tiga kali tiga?;6;9;B;30\n\
         Empat kali dua?;8;6;A;30\n\
         Rusak?;x;y;E;30\n",
    )
    .expect("write");
    let list = dir.path().join("tempel.txt");
    std::fs::write(&list, "1. Lima tambah lima?\na. 10\nb. 11\nKunci: a\n").expect("write");
    let (mut child, mut s) = start(dir.path()).await;
    s.expect("TELOXIDE_TOKEN").await;
    s.send(":pribadi").await;
    s.send(&format!(":kirim {}", csv.display())).await;
    let saved = s.expect("Berlatih sendiri").await;
    assert!(
        saved.contains("2 soal diterima, 1 baris dilewati"),
        "{saved}"
    );
    assert!(
        saved.contains("baris 4: jawaban benar harus A–D atau 1–4, tertulis E"),
        "{saved}"
    );
    assert!(saved.contains("set bab-5 (2 soal)"), "{saved}");
    s.send("/buatkuis tempel").await;
    s.expect("Tempelkan soal").await;
    s.send(&format!(":kirim {}", list.display())).await;
    let pasted = s.expect("Berlatih sendiri").await;
    assert!(pasted.contains("set tempel (1 soal)"), "{pasted}");
    s.send(":grup").await;
    s.send("/kuis bab-5 1").await;
    let asked = s.expect("⏱ 30 detik").await;
    assert!(
        asked.contains("1 soal dari set bab-5 buatan Bu Guru"),
        "{asked}"
    );
    s.send(":siswa Ani").await;
    s.send("A").await;
    s.send(":lanjut").await;
    let reveal = s.expect("Soal dari Bu Guru").await;
    assert!(reveal.contains("✅ Jawaban:"), "{reveal}");
    // The report: the chart saved beside the snapshot, and its text.
    s.send(":lanjut").await;
    s.expect("Kuis selesai").await;
    s.send(":guru").await;
    s.send("/laporan").await;
    let saved = s.expect(".png").await;
    assert!(saved.contains("laporan-kelas"), "{saved}");
    s.expect("Laporan kuis").await;
    s.send(":keluar").await;
    let _ = tokio::time::timeout(Duration::from_secs(10), child.wait()).await;

    let (mut child, mut s) = start(dir.path()).await;
    s.expect("TELOXIDE_TOKEN").await;
    s.send(":pribadi").await;
    s.send("/kuisku").await;
    let list = s.expect("/latihan nama-set").await;
    assert!(
        list.contains("/kuis bab-5 — 2 soal") && list.contains("/kuis tempel — 1 soal"),
        "{list}"
    );
    s.send(":keluar").await;
    let _ = tokio::time::timeout(Duration::from_secs(10), child.wait()).await;
}

#[tokio::test]
async fn without_a_token_or_a_terminal_the_run_command_explains_itself() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = Command::new(env!("CARGO_BIN_EXE_kelasbot"))
        .current_dir(dir.path())
        .env_clear()
        .env("KELASBOT_CONTENT_DIR", content_dir())
        .stdin(Stdio::null())
        .output()
        .await
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("TELOXIDE_TOKEN") && err.contains(".env") && err.contains("playground"),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn homework_is_given_done_through_its_button_and_closed_by_moving_the_clock() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut child, mut s) = start(dir.path()).await;
    s.expect("TELOXIDE_TOKEN").await;
    s.send("/tugas 2 sampai 3 jam").await;
    let posted = s.expect("] 📝 Kerjakan").await;
    assert!(
        posted.contains("Tugas dari Bu Guru") && posted.contains("2 soal"),
        "{posted}"
    );
    let key = posted
        .rsplit_once("] 📝 Kerjakan")
        .and_then(|(before, _)| before.rsplit_once('['))
        .map(|(_, key)| key.to_string())
        .expect("the button's key");

    s.send(":siswa Ani").await;
    s.send(&key).await;
    s.expect("membuka chat pribadi Ani").await;
    for n in 1..=2 {
        let shown = s.expect("[A]").await;
        assert!(shown.contains("chat pribadi Ani"), "{shown}");
        // The answered question's edit may come before: only the new question counts.
        let at = shown.rfind(&format!("Soal {n}/2"));
        let question = at.map_or("", |i| &shown[i..]);
        assert!(!question.is_empty(), "{shown}");
        s.send(&correct_letter(question)).await;
        s.expect("Jawaban tercatat").await;
    }
    s.expect("Tugas selesai!").await;

    // The deadline, reached by moving the clock: the summary in the group, Ani's result.
    s.send(":maju 3j").await;
    let summary = s.expect("Tugas ditutup").await;
    assert!(summary.contains("grup Kelas 9A"), "{summary}");
    s.expect("1. Ani — 2 dari 2 benar").await;
    s.expect("Hasil tugas").await;
    s.send(":grup").await;
    s.send("/skor").await;
    s.expect("tugas 2/2").await;
    quit(&mut child, &mut s).await;
}

/// `:keluar`: the playground says goodbye and ends well.
async fn quit(child: &mut tokio::process::Child, s: &mut Session) {
    s.send(":keluar").await;
    s.expect("Sampai jumpa!").await;
    let status = tokio::time::timeout(Duration::from_secs(10), child.wait())
        .await
        .expect("the playground ends")
        .expect("exit status");
    assert!(status.success());
}
