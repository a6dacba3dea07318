//! The driver on tokio's paused clock: whole rounds in no real time, with a port that records
//! what went out and what the snapshot file held at that moment.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};

use super::*;
use crate::app::{Button, Chat, ChatKind, User};

const GROUP: i64 = -100_123;
const TEACHER: i64 = 7;

fn app() -> Arc<App> {
    Arc::new(crate::app::tests::app_with(
        State::default(),
        crate::app::Settings::default(),
    ))
}

/// Monday 2026-11-23 08:00 WIB.
fn base() -> Timestamp {
    "2026-11-23T01:00:00Z".parse().expect("timestamp")
}

/// One thing the port was asked to do.
#[derive(Debug, Clone)]
struct Record {
    at: Timestamp,
    chat: i64,
    html: String,
    keyboard: Vec<Vec<Button>>,
    message_id: i32,
    edit: bool,
    /// Rounds the snapshot file counted for the group when this went out.
    rounds_on_disk: Option<u32>,
}

/// A port that confirms every tagged message at once, like the playground, and remembers.
struct Recorder {
    path: PathBuf,
    records: Vec<Record>,
    next_id: i32,
    unsaved: usize,
}

impl Recorder {
    fn new(path: PathBuf) -> Recorder {
        Recorder {
            path,
            records: Vec::new(),
            next_id: 100,
            unsaved: 0,
        }
    }

    fn rounds_on_disk(&self) -> Option<u32> {
        let state = store::load(&self.path, 0).ok()?.state;
        state.chats.get(&GROUP).map(|c| c.rounds)
    }
}

impl Port for Recorder {
    fn carry_out(&mut self, effect: Effect, now: Timestamp) -> Vec<Event> {
        let rounds_on_disk = self.rounds_on_disk();
        match effect {
            Effect::Send(o) => {
                self.next_id += 1;
                self.records.push(Record {
                    at: now,
                    chat: o.chat.id,
                    html: o.html,
                    keyboard: o.keyboard,
                    message_id: self.next_id,
                    edit: false,
                    rounds_on_disk,
                });
                o.tag
                    .map(|tag| Event::Delivered {
                        chat: o.chat.id,
                        message_id: self.next_id,
                        tag,
                        at: now,
                    })
                    .into_iter()
                    .collect()
            }
            Effect::Edit(e) => {
                self.records.push(Record {
                    at: now,
                    chat: e.chat.id,
                    html: e.html,
                    keyboard: e.keyboard,
                    message_id: e.message_id,
                    edit: true,
                    rounds_on_disk,
                });
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn unsaved(&mut self, _error: &std::io::Error) {
        self.unsaved += 1;
    }
}

fn group() -> Chat {
    Chat {
        id: GROUP,
        kind: ChatKind::Group,
        thread: None,
    }
}

fn person(id: i64) -> User {
    User {
        id,
        first_name: format!("P{id}"),
        username: None,
    }
}

fn says(text: &str, now: Timestamp) -> Event {
    Event::Message {
        chat: group(),
        from: Some(person(TEACHER)),
        text: text.into(),
        message_id: 1,
        reply_to_bot: false,
        teacher: true,
        sent: now,
        chat_title: None,
    }
}

fn driver(dir: &Path) -> Driver<Recorder> {
    let path = dir.join(store::FILE_NAME);
    Driver::new(
        app(),
        Recorder::new(path.clone()),
        Clock::tokio(base()),
        path,
        Duration::from_secs(30),
    )
}

/// Lets the driver's clock run, waking it when it asks and letting each write end before
/// time moves on, until `done` holds (at most `limit` wakes).
async fn run_until(
    driver: &mut Driver<Recorder>,
    limit: usize,
    mut done: impl FnMut(&[Record]) -> bool,
) {
    for _ in 0..limit {
        if done(&driver.port().records) {
            return;
        }
        driver.sleep().await;
        driver.wake().await;
        // The write the wake started ends before the clock moves on.
        driver.settle().await;
    }
    panic!("not done after {limit} wakes: {:#?}", driver.port().records);
}

fn is_podium(r: &Record) -> bool {
    r.html.contains("Kuis selesai") || r.html.contains("Kuis berhenti")
}

/// The question messages (with buttons) sent so far.
fn questions(records: &[Record]) -> Vec<Record> {
    records
        .iter()
        .filter(|r| !r.edit && !r.keyboard.is_empty())
        .cloned()
        .collect()
}

fn press_first(driver: &Driver<Recorder>, q: &Record, who: i64, n: u64) -> Event {
    let Some(Button::Callback { data, .. }) = q.keyboard.iter().flatten().next() else {
        panic!("a question has buttons")
    };
    Event::Callback {
        query_id: format!("q{n}"),
        chat: Some(group()),
        message_id: Some(q.message_id),
        from: person(who),
        data: data.clone(),
        at: driver.now(),
        teacher: false,
    }
}

#[tokio::test(start_paused = true)]
async fn a_ten_question_round_runs_on_its_own_clock_within_the_group_budget() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut driver = driver(dir.path());
    let now = driver.now();
    driver.handle(says("/kuis 10 10", now));
    let mut pressed = 0;
    for _ in 0..400 {
        if driver.port().records.iter().any(is_podium) {
            break;
        }
        let asked = questions(&driver.port().records);
        if asked.len() > pressed {
            let q = asked[asked.len() - 1].clone();
            pressed = asked.len();
            for (i, who) in [21, 22].into_iter().enumerate() {
                let press = press_first(&driver, &q, who, (pressed * 2 + i) as u64);
                driver.handle(press);
            }
        }
        driver.sleep().await;
        driver.wake().await;
        // The write the wake started ends before the clock moves on.
        driver.settle().await;
    }
    let records = &driver.port().records;
    assert!(records.iter().any(is_podium), "the round ended");
    assert_eq!(pressed, 10, "ten questions were asked");
    let to_group: Vec<Timestamp> = records
        .iter()
        .filter(|r| r.chat == GROUP)
        .map(|r| r.at)
        .collect();
    for (i, start) in to_group.iter().enumerate() {
        let within = to_group[i..]
            .iter()
            .take_while(|t| **t < *start + SignedDuration::from_secs(60))
            .count();
        assert!(
            within <= crate::quiz::GROUP_BUDGET,
            "{within} messages to the group in the minute from {start}"
        );
    }
    let took = records.last().map(|r| r.at.duration_since(base()));
    println!(
        "10 × 10 s round: {} sends and edits to the group over {took:?} of the round's clock",
        to_group.len()
    );
}

/// A one-question round started, and its question answered.
fn one_question_answered(dir: &Path) -> Driver<Recorder> {
    let mut driver = driver(dir);
    let now = driver.now();
    driver.handle(says("/kuis 1 10", now));
    let q = questions(&driver.port().records)[0].clone();
    let press = press_first(&driver, &q, 21, 1);
    driver.handle(press);
    driver
}

#[tokio::test(start_paused = true)]
async fn a_podium_goes_out_only_once_its_round_is_on_disk() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut driver = one_question_answered(dir.path());
    run_until(&mut driver, 50, |r| r.iter().any(is_podium)).await;
    let podium = driver
        .port()
        .records
        .iter()
        .find(|r| is_podium(r))
        .cloned()
        .expect("a podium");
    assert_eq!(
        podium.rounds_on_disk,
        Some(1),
        "the round was on disk first"
    );
}

#[tokio::test(start_paused = true)]
async fn daily_facts_are_held_back_while_the_snapshot_cannot_be_written_then_sent_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    // The data directory's place is taken by a file: nothing can be written there.
    let blocked = dir.path().join("data");
    std::fs::write(&blocked, b"not a directory").expect("write");
    let path = blocked.join(store::FILE_NAME);
    let mut driver = Driver::new(
        app(),
        Recorder::new(path.clone()),
        Clock::tokio(base()),
        path,
        Duration::from_secs(30),
    );
    let now = driver.now();
    driver.handle(says("/langganan 08:05", now));
    let subscribed = driver.port().records.len();
    // 08:05 comes; the write fails; nothing goes out, and the driver tries again later.
    for _ in 0..20 {
        driver.sleep().await;
        driver.wake().await;
        // The write the wake started ends before the clock moves on.
        driver.settle().await;
        if driver.now() > base() + SignedDuration::from_mins(8) {
            break;
        }
    }
    assert!(driver.port().unsaved > 0, "the failed writes were reported");
    assert_eq!(
        driver.port().records.len(),
        subscribed,
        "no fact went out without its snapshot: {:#?}",
        driver.port().records
    );
    // The disk is fixed: the fact goes out once, at the next try.
    std::fs::remove_file(&blocked).expect("remove");
    run_until(&mut driver, 20, |r| r.len() > subscribed).await;
    for _ in 0..5 {
        driver.sleep().await;
        driver.wake().await;
        // The write the wake started ends before the clock moves on.
        driver.settle().await;
    }
    let facts: Vec<&Record> = driver.port().records[subscribed..].iter().collect();
    assert_eq!(facts.len(), 1, "{facts:#?}");
    assert!(facts[0].at < base() + SignedDuration::from_mins(10));
    let on_disk = store::load(&blocked.join(store::FILE_NAME), 0).expect("load");
    let sub = on_disk.state.chats[&GROUP].subscription.clone();
    assert_eq!(
        sub.and_then(|s| s.last_date).map(|d| d.to_string()),
        Some("2026-11-23".into()),
        "the sent fact is recorded on disk"
    );
}

#[tokio::test(start_paused = true)]
async fn a_podium_goes_out_after_three_failed_writes_rather_than_never() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut driver = one_question_answered(dir.path());
    // The disk fails before the round ends.
    let data = dir.path();
    std::fs::remove_dir_all(data).expect("remove");
    std::fs::write(data, b"in the way").expect("block");
    run_until(&mut driver, 50, |r| r.iter().any(is_podium)).await;
    assert_eq!(driver.port().unsaved, 3, "three attempts, then the podium");
    std::fs::remove_file(data).expect("unblock");
}

/// Copies the shipped packs into `to`, so a test may edit them.
fn copy_content(to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for pack in std::fs::read_dir(&from).expect("content").flatten() {
        let dest = to.join(pack.file_name());
        std::fs::create_dir_all(&dest).expect("pack folder");
        for file in std::fs::read_dir(pack.path()).expect("pack").flatten() {
            std::fs::copy(file.path(), dest.join(file.file_name())).expect("copy");
        }
    }
}

/// A private chat's `/fakta`, and the text the port showed for it.
fn fact_in_private(driver: &mut Driver<Recorder>) -> String {
    let student = Chat {
        id: 77,
        kind: ChatKind::Private,
        thread: None,
    };
    let now = driver.now();
    driver.handle(Event::Message {
        chat: student,
        from: Some(person(77)),
        text: "/fakta".into(),
        message_id: 2,
        reply_to_bot: false,
        teacher: false,
        sent: now,
        chat_title: None,
    });
    driver
        .port()
        .records
        .last()
        .map(|r| r.html.clone())
        .expect("a fact")
}

#[tokio::test(start_paused = true)]
async fn a_reload_teaches_edited_content_and_a_broken_one_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let content = dir.path().join("content");
    copy_content(&content);
    let mut driver = driver(dir.path());
    assert!(fact_in_private(&mut driver).contains("Fakta Kerja Sama Internasional"));

    // One fact left, rewritten: the next /fakta can only be it.
    let facts = content.join("kerja-sama-internasional/facts.yaml");
    std::fs::write(
        &facts,
        "- id: fakta-baru\n  topic: pengertian\n  text: Fakta yang baru saja ditulis guru.\n  \
         source: 000_e5500bf1be683296.txt\n",
    )
    .expect("edit");
    let done = driver.reload(&content).await.expect("valid content");
    assert_eq!(done.subjects, 2);
    assert!(fact_in_private(&mut driver).contains("Fakta yang baru saja ditulis guru."));

    // A broken edit: refused with the file named, and the edited content stays.
    std::fs::write(&facts, "- id: [rusak\n").expect("break");
    let problems = driver.reload(&content).await.expect_err("invalid content");
    assert!(problems[0].file.ends_with("facts.yaml"), "{problems:?}");
    assert!(fact_in_private(&mut driver).contains("Fakta yang baru saja ditulis guru."));
}

#[tokio::test(start_paused = true)]
async fn a_round_under_way_keeps_its_questions_across_a_reload() {
    let dir = tempfile::tempdir().expect("tempdir");
    let content = dir.path().join("content");
    copy_content(&content);
    let mut driver = one_question_answered(dir.path());
    let asked = questions(&driver.port().records)[0].html.clone();
    // The quiz is emptied of all but one other question.
    let quiz = content.join("kerja-sama-internasional/quiz.yaml");
    let text = std::fs::read_to_string(&quiz).expect("read");
    let first_item = text
        .split("\n- id: ")
        .nth(1)
        .map(|item| format!("- id: {item}\n"))
        .expect("an item");
    std::fs::write(&quiz, first_item).expect("edit");
    driver.reload(&content).await.expect("valid content");
    run_until(&mut driver, 50, |r| r.iter().any(is_podium)).await;
    let reveal = driver
        .port()
        .records
        .iter()
        .find(|r| r.edit && r.html.contains("Jawaban:"))
        .map(|r| r.html.clone())
        .expect("the question was revealed");
    let question_line = asked.lines().nth(2).expect("the question's text");
    assert!(reveal.contains(question_line), "{reveal}\n---\n{asked}");
}

/// A file read for the teacher as set `name`, handed to the driver.
fn set_read(name: &str) -> Event {
    let chat = Chat {
        id: TEACHER,
        kind: ChatKind::Private,
        thread: None,
    };
    let question = crate::sets::SetQuestion {
        question: "Satu tambah satu?".into(),
        options: vec!["dua".into(), "tiga".into()],
        answer: 0,
        seconds: None,
        explanation: None,
    };
    Event::Fetched {
        fetch: crate::app::Fetch {
            chat,
            from: person(TEACHER),
            file: crate::app::FileRef {
                id: "f".into(),
                name: format!("{name}.csv"),
                size: Some(10),
            },
            kind: crate::sets::FileKind::Csv,
            name: name.into(),
        },
        result: Ok(crate::sets::Parsed {
            questions: vec![question],
            ..crate::sets::Parsed::default()
        }),
    }
}

#[tokio::test(start_paused = true)]
async fn a_set_is_confirmed_once_its_file_is_written_and_taken_back_when_it_cannot_be() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut driver = driver(dir.path());
    driver.handle(set_read("bab1"));
    driver.settle().await;
    let file = set_store::sets_dir(&dir.path().join(store::FILE_NAME))
        .join(TEACHER.to_string())
        .join("bab1.json");
    assert!(file.exists());
    let said = &driver.port().records.last().expect("a reply").html;
    assert!(said.contains("Tersimpan sebagai set"), "{said}");
    let loaded = set_store::load_sets(driver.sets_dir()).0;
    assert_eq!(loaded.len(), 1);

    // The sets' folder is taken by a file: nothing can be written there.
    let blocked = tempfile::tempdir().expect("tempdir");
    std::fs::write(blocked.path().join("sets"), b"not a directory").expect("write");
    let mut refused = self::driver(blocked.path());
    refused.handle(set_read("bab2"));
    refused.settle().await;
    let said = &refused.port().records.last().expect("a reply").html;
    assert!(said.contains("gagal disimpan"), "{said}");
    assert!(!said.contains("Tersimpan"), "{said}");
    assert!(refused.app().set_of(TEACHER, "bab2").is_none());
}
