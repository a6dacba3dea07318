//! Quiz throughput and snapshot cost at scale.
//!
//! Run with `cargo bench --bench quiz`. Targets: at least 200,000 quiz answers a second on one
//! core (1,000 groups of 40 students answering one question); a snapshot of 10,000 groups ×
//! 40 students never makes a concurrent handler wait 5 ms or more.
//!
//! Before divan's timings, the bench prints the snapshot figures it measures itself: encoding
//! and writing time, file size, and the longest wait of a handler running alongside.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use divan::counter::ItemsCount;
use divan::{Bencher, black_box};
use jiff::Timestamp;
use kelasbot::app::{App, Button, Chat, ChatKind, Effect, Event, User};
use kelasbot::content::{Content, load_dir};
use kelasbot::driver::store;
use kelasbot::state::{State, snapshot};

const GROUPS: i64 = 1_000;
const STUDENTS: i64 = 40;
const SNAPSHOT_GROUPS: i64 = 10_000;

fn content() -> Content {
    match load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content/kerja-sama-internasional"))
    {
        Ok(l) => l.content,
        Err(p) => panic!("content invalid: {p:?}"),
    }
}

fn now() -> Timestamp {
    Timestamp::from_second(1_800_000_000).unwrap_or(Timestamp::UNIX_EPOCH)
}

fn group(i: i64) -> Chat {
    Chat {
        id: -1_000_000_000 - i,
        kind: ChatKind::Group,
        thread: None,
    }
}

fn student(id: i64) -> User {
    User {
        id,
        first_name: format!("Siswa {id}"),
        username: None,
    }
}

/// A teacher's `command` starts a round in `chat`; Telegram confirms the question at once.
/// Returns the question's button data.
fn start_round(app: &App, chat: Chat, command: &str) -> Vec<String> {
    let effects = app.handle(
        Event::Message {
            chat,
            from: Some(student(1)),
            text: command.into(),
            message_id: 1,
            reply_to_bot: false,
            teacher: true,
            sent: now(),
            chat_title: None,
        },
        now(),
    );
    let Some((tag, keyboard)) = effects.iter().find_map(|e| match e {
        Effect::Send(o) => o.tag.map(|t| (t, o.keyboard.clone())),
        _ => None,
    }) else {
        panic!("no question was sent")
    };
    app.handle(
        Event::Delivered {
            chat: chat.id,
            message_id: 7,
            tag,
            at: now(),
        },
        now(),
    );
    keyboard
        .iter()
        .flatten()
        .filter_map(|b| match b {
            Button::Callback { data, .. } => Some(data.clone()),
            Button::Url { .. } => None,
        })
        .collect()
}

/// An app with a round open in each of `GROUPS` groups, and every student's press on it.
fn open_rounds(content: &Content) -> (App, Vec<Event>) {
    let app = App::new(content.clone(), State::default(), "kelasbot");
    let mut presses = Vec::with_capacity((GROUPS * STUDENTS) as usize);
    for g in 0..GROUPS {
        let chat = group(g);
        let buttons = start_round(&app, chat, "/kuis 5 20");
        for s in 0..STUDENTS {
            presses.push(Event::Callback {
                query_id: format!("{g}-{s}"),
                chat: Some(chat),
                message_id: Some(7),
                from: student(10_000 + s),
                data: buttons[(s as usize) % buttons.len()].clone(),
                at: now(),
                teacher: false,
            });
        }
    }
    (app, presses)
}

/// 1,000 groups × 40 students answering one question: each press handled and toasted.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn quiz_answers(bencher: Bencher) {
    let content = content();
    bencher
        .counter(ItemsCount::new((GROUPS * STUDENTS) as usize))
        .with_inputs(|| open_rounds(&content))
        .bench_local_refs(|(app, presses)| {
            for press in presses.drain(..) {
                black_box(app.handle(press, now()));
            }
        });
}

/// 10,000 groups, each with a board of 40 students.
fn big_state() -> State {
    let mut state = State::default();
    for g in 0..SNAPSHOT_GROUPS {
        let chat = state.chat(group(g).id);
        chat.title = Some(format!("Kelas {g}"));
        for s in 0..STUDENTS {
            chat.board.record(
                10_000 + s,
                &format!("Siswa Nomor {s}"),
                Some(&format!("siswa{s}")),
                s % 3 != 0,
                (s * 37 % 1000) as u32,
            );
        }
        chat.board
            .finish_round(&(10_000..10_000 + STUDENTS).collect::<Vec<_>>());
    }
    state
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn snapshot_encode(bencher: Bencher) {
    let state = big_state();
    bencher.bench_local(|| black_box(snapshot::encode(&state)));
}

/// Encoding straight into the file, with fsync: what the bot does.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn snapshot_write(bencher: Bencher) {
    let state = big_state();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let path = dir.path().join(snapshot::FILE_NAME);
    bencher.bench_local(|| store::write_state(&path, &state));
}

/// Quiz presses in the big state's groups, each round open, for a handler to run.
fn big_app(content: Content) -> (App, Vec<Vec<String>>) {
    let app = App::new(content, big_state(), "kelasbot");
    let mut buttons = Vec::new();
    for g in 0..SNAPSHOT_GROUPS {
        let chat = group(g);
        let data = start_round(&app, chat, "/kuis 5 120");
        buttons.push(data);
    }
    (app, buttons)
}

/// The longest single press handling while `work` runs alongside (or, with `None`, alone).
fn longest_press(
    app: &Arc<App>,
    buttons: &Arc<Vec<Vec<String>>>,
    first_student: i64,
    work: Option<&dyn Fn()>,
) -> (Duration, u64) {
    let running = Arc::new(AtomicBool::new(true));
    let handler = {
        let (app, buttons, running) = (app.clone(), buttons.clone(), running.clone());
        std::thread::spawn(move || {
            let mut longest = Duration::ZERO;
            let mut n = 0i64;
            while running.load(Ordering::Acquire) && n < 2_000_000 {
                let g = n % SNAPSHOT_GROUPS;
                let data = &buttons[g as usize];
                let press = Event::Callback {
                    query_id: String::new(),
                    chat: Some(group(g)),
                    message_id: Some(7),
                    from: student(first_student + n / SNAPSHOT_GROUPS),
                    data: data[(n as usize) % data.len().max(1)].clone(),
                    at: now(),
                    teacher: false,
                };
                let started = Instant::now();
                black_box(app.handle(press, now()));
                longest = longest.max(started.elapsed());
                n += 1;
            }
            (longest, n as u64)
        })
    };
    match work {
        Some(work) => work(),
        None => std::thread::sleep(Duration::from_millis(500)),
    }
    running.store(false, Ordering::Release);
    handler
        .join()
        .unwrap_or_else(|_| panic!("the handler thread panicked"))
}

/// Takes and writes snapshots of the big state while another thread handles quiz presses in
/// those groups; prints the snapshot's cost and the longest any one press took, with and
/// without snapshots running.
fn snapshot_figures() {
    let (app, buttons) = big_app(content());
    let (app, buttons) = (Arc::new(app), Arc::new(buttons));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let path = dir.path().join(snapshot::FILE_NAME);
    const ROUNDS: u32 = 5;
    let timings = std::sync::Mutex::new((Duration::ZERO, Duration::ZERO));
    let snapshots = || {
        for _ in 0..ROUNDS {
            // What the bot does: copy under the lock, then encode and write elsewhere.
            let started = Instant::now();
            let state = app.snapshot_now();
            let copied = started.elapsed();
            let started = Instant::now();
            if let Err(e) = store::write_state(&path, &state) {
                panic!("write: {e}");
            }
            drop(state);
            let mut t = timings.lock().unwrap_or_else(|p| p.into_inner());
            t.0 = t.0.max(copied);
            t.1 += started.elapsed();
        }
    };
    let (alone, _) = longest_press(&app, &buttons, 100_000, None);
    let (during, presses) = longest_press(&app, &buttons, 200_000, Some(&snapshots));
    let (copy, write) = *timings.lock().unwrap_or_else(|p| p.into_inner());
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    println!(
        "snapshot of {SNAPSHOT_GROUPS} groups × {STUDENTS} students: {:.1} MB; copy under the \
         lock at most {:.2} ms; encode+write+fsync {:.0} ms; longest quiz press while snapshots \
         ran: {:.2} ms ({presses} presses; {:.2} ms with no snapshot running; target < 5 ms)",
        size as f64 / 1_000_000.0,
        copy.as_secs_f64() * 1000.0,
        write.as_secs_f64() * 1000.0 / f64::from(ROUNDS),
        during.as_secs_f64() * 1000.0,
        alone.as_secs_f64() * 1000.0,
    );
}

fn main() {
    snapshot_figures();
    divan::main();
}
