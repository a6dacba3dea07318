//! The app's homework tests: giving it in a group, doing it in private, the count, the
//! reminder, the deadline and its summary, cancelling.

use jiff::{SignedDuration, Timestamp};

use super::tests::*;
use super::*;
use crate::quiz::homework::Homework;

fn mins(n: i64) -> SignedDuration {
    SignedDuration::from_mins(n)
}

fn teacher() -> User {
    user(TEACHER, "Bu Rina")
}

fn private(id: i64) -> Chat {
    Chat {
        id,
        kind: ChatKind::Private,
        thread: None,
    }
}

fn homework_of(app: &App) -> Homework {
    app.state_copy()
        .get(GROUP.id)
        .and_then(|c| c.homework.clone())
        .expect("an open homework")
}

/// Every message's text among `effects`, what waits for the snapshot included.
fn texts_of(effects: &[Effect]) -> Vec<String> {
    let mut out = Vec::new();
    for e in effects {
        match e {
            Effect::Send(o) => out.push(o.html.clone()),
            Effect::Edit(e) => out.push(e.html.clone()),
            Effect::AfterSnapshot { then, .. } => out.extend(texts_of(then)),
            _ => {}
        }
    }
    out
}

/// Every message to `chat` among `effects`, what waits for the snapshot included.
fn sent_to(effects: &[Effect], chat: i64) -> Vec<Outgoing> {
    let mut out = Vec::new();
    for e in effects {
        match e {
            Effect::Send(o) if o.chat.id == chat => out.push(o.clone()),
            Effect::AfterSnapshot { then, .. } => out.extend(sent_to(then, chat)),
            _ => {}
        }
    }
    out
}

/// `/tugas <args>` from the teacher at `t`; the group message (its text, link and tag).
fn assign(app: &App, args: &str, t: Timestamp) -> (String, String, u64) {
    let effects = app.handle(
        says(GROUP, teacher(), &format!("/tugas {args}"), true, t),
        t,
    );
    let o = sends(&effects)
        .into_iter()
        .find(|o| o.tag.is_some())
        .unwrap_or_else(|| panic!("no homework message: {:?}", texts_of(&effects)))
        .clone();
    let link = o
        .keyboard
        .iter()
        .flatten()
        .find_map(|b| match b {
            Button::Url { url, .. } => Some(url.clone()),
            Button::Callback { .. } => None,
        })
        .expect("a Kerjakan button");
    (o.html, link, o.tag.unwrap_or_default())
}

/// The data of the confirmation button under `o`.
fn confirmation(o: &Outgoing) -> String {
    o.keyboard
        .iter()
        .flatten()
        .find_map(|b| match b {
            Button::Callback { data, .. } => Some(data.clone()),
            Button::Url { .. } => None,
        })
        .expect("a confirmation button")
}

/// Telegram confirms the group message (tagged `tag`) as message 55 at `t`.
fn delivered(app: &App, tag: u64, t: Timestamp) {
    let confirmed = Event::Delivered {
        chat: GROUP.id,
        message_id: 55,
        tag,
        at: t,
    };
    app.handle(confirmed, t);
}

/// What the start link sends: `/start <payload>`.
fn start_text(link: &str) -> String {
    let payload = link.split_once("?start=").map_or("", |(_, p)| p);
    format!("/start {payload}")
}

/// `who` opens the homework from the link (`member`: Telegram says they are in the group).
fn open(app: &App, who: &User, link: &str, member: bool, t: Timestamp) -> Vec<Effect> {
    app.handle(
        says(private(who.id), who.clone(), &start_text(link), member, t),
        t,
    )
}

/// The homework question among `effects`: its buttons' data.
fn buttons_of(effects: &[Effect]) -> Vec<String> {
    sends(effects)
        .iter()
        .rev()
        .find_map(|o| {
            let data: Vec<String> = o
                .keyboard
                .iter()
                .flatten()
                .filter_map(|b| match b {
                    Button::Callback { data, .. } if data.starts_with("t:") => Some(data.clone()),
                    _ => None,
                })
                .collect();
            (!data.is_empty()).then_some(data)
        })
        .unwrap_or_default()
}

/// `who` answers their question `q` rightly or not, at `t`.
fn answer(app: &App, who: &User, q: usize, right: bool, t: Timestamp) -> Vec<Effect> {
    let h = homework_of(app);
    let asked = &h.attempts[&who.id].order[q];
    let correct = asked.correct_choice(&h.tasks[asked.item].item);
    let choice = if right {
        correct
    } else {
        (correct + 1) % asked.order.len()
    };
    let data = format!("t:{}:{}:{q}:{choice}", GROUP.id, h.id);
    app.handle(
        press(private(who.id), 70 + q as i32, who.clone(), &data, t),
        t,
    )
}

#[test]
fn a_teacher_gives_homework_and_a_student_does_it_in_private() {
    let app = app();
    let t = now();
    // A student cannot give one.
    let refused = app.handle(says(GROUP, student(), "/tugas 3", false, t), t);
    assert_eq!(sends(&refused)[0].html, texts::TEACHERS_ONLY);
    let (html, link, tag) = assign(&app, "3 sampai 3 jam", t);
    assert!(html.contains("3 soal"), "{html}");
    assert!(
        html.contains("Senin, 23 November 2026 pukul 11.00 WIB"),
        "{html}"
    );
    assert!(html.contains("Belum ada yang selesai"), "{html}");
    assert_eq!(
        link,
        format!("https://t.me/kelasbot?start=tugas_{}_1", GROUP.id)
    );
    assert!(link.len() - "https://t.me/kelasbot?start=".len() <= 64);
    let h = homework_of(&app);
    assert_eq!(
        (h.tasks.len(), h.deadline),
        (3, t + SignedDuration::from_hours(3))
    );

    // A second one is refused, with the open one shown again; `/tugas` alone shows it too.
    let again = app.handle(says(GROUP, teacher(), "/tugas 5", true, t), t);
    let again = texts_of(&again);
    assert!(again[0].contains("Masih ada tugas"), "{again:?}");
    assert!(again[1].contains("Tugas dari Bu Rina"), "{again:?}");
    let shown = app.handle(says(GROUP, student(), "/tugas", false, t), t);
    assert!(texts_of(&shown)[0].contains("3 soal"));
    assert_eq!(homework_of(&app).id, 1);

    // Telegram confirms the group message: its count is edited from now on.
    delivered(&app, tag, t);
    assert_eq!(homework_of(&app).message_id, Some(55));

    // Not in the group: refused.
    let outsider = user(777, "Tamu");
    let no = open(&app, &outsider, &link, false, t);
    assert!(
        texts_of(&no)[0].contains("anggota grup Kelas 9A"),
        "{:?}",
        texts_of(&no)
    );
    assert!(!homework_of(&app).attempts.contains_key(&777));

    // Siti starts: the intro, then her first question with buttons; no timer.
    let siti = student();
    let started = open(&app, &siti, &link, true, t);
    let said = texts_of(&started);
    assert!(said[0].contains("3 soal"), "{said:?}");
    assert!(
        said[1].contains("Soal 1/3") && !said[1].contains("detik"),
        "{said:?}"
    );
    assert_eq!(buttons_of(&started).len(), 4);
    // Right, then wrong: no verdict on the way (feedback at the end by default).
    let first = answer(&app, &siti, 0, true, t + mins(1));
    assert_eq!(
        toast(&first).as_deref(),
        Some(texts::homework::TOAST_RECORDED)
    );
    assert!(
        texts_of(&first)
            .iter()
            .all(|h| !h.contains("Benar") && !h.contains("Kurang tepat"))
    );
    assert!(
        texts_of(&first)[0].contains("Jawabanmu:"),
        "{:?}",
        texts_of(&first)
    );
    // Her first question's buttons again: already answered.
    let twice = answer(&app, &siti, 0, false, t + mins(1));
    assert_eq!(toast(&twice).as_deref(), Some(texts::homework::TOAST_DONE));
    answer(&app, &siti, 1, false, t + mins(2));
    let done = answer(&app, &siti, 2, true, t + mins(3));
    assert!(
        texts_of(&done).iter().any(|h| h.contains("Tugas selesai")),
        "{:?}",
        texts_of(&done)
    );
    // Once done, the button says so; the result waits for the deadline.
    let back = open(&app, &siti, &link, true, t + mins(4));
    assert!(texts_of(&back)[0].contains("sudah mengerjakan"));

    // A minute after the last edit, the count.
    let ticked = app.tick(t + mins(5));
    let edit = ticked
        .iter()
        .find_map(|e| match e {
            Effect::Edit(e) if e.message_id == 55 => Some(e.clone()),
            _ => None,
        })
        .expect("the count edit");
    assert!(
        edit.html.contains("<b>1</b> siswa sudah mengerjakan"),
        "{}",
        edit.html
    );
    assert!(!edit.keyboard.is_empty());
    // Nothing changed since: no edit.
    assert!(app.tick(t + mins(7)).is_empty());

    // The deadline: the summary after the snapshot, Siti's result in private, the board.
    let closed = app.tick(t + SignedDuration::from_hours(3));
    let group_said = sent_to(&closed, GROUP.id);
    let summary = &group_said[0].html;
    assert!(summary.contains("Tugas ditutup"), "{summary}");
    assert!(summary.contains("Yang mengerjakan: <b>1</b>"), "{summary}");
    assert!(summary.contains("67%"), "{summary}");
    assert!(summary.contains("1. Siti — 2 dari 3 benar"), "{summary}");
    assert!(summary.contains("Paling sering salah"), "{summary}");
    let result = sent_to(&closed, siti.id);
    assert!(
        result[0].html.contains("2 dari 3 benar"),
        "{}",
        result[0].html
    );
    assert!(result[0].html.contains("Jawaban benar:"));
    assert!(
        texts_of(&closed)
            .iter()
            .any(|h| h.contains("sudah ditutup"))
    );
    let state = app.state_copy();
    let cs = state.get(GROUP.id).expect("group");
    assert!(cs.homework.is_none());
    let p = &cs.board.players[&siti.id];
    assert_eq!((p.homework_answered, p.homework_right, p.points), (3, 2, 0));
    assert_eq!(cs.homework_done.len(), 1);
    let insight = &cs.insight[FIRST_PACK];
    assert_eq!(
        insight.students[&siti.id]
            .topics
            .values()
            .map(|t| t.0)
            .sum::<u32>(),
        3
    );
    // Her wrong answer comes back in her next practice.
    assert_eq!(
        state.get(siti.id).map(|c| c.review[FIRST_PACK].len()),
        Some(1)
    );
    // `/skor` and `/ekspor` show it in their own column.
    let later = t + SignedDuration::from_hours(4);
    let board = app.handle(says(GROUP, student(), "/skor", false, later), later);
    assert!(
        texts_of(&board)[0].contains("Siti — 0 poin (0 benar dari 0) · tugas 2/3"),
        "{:?}",
        texts_of(&board)
    );
    let export = app.handle(says(GROUP, teacher(), "/ekspor", true, later), later);
    let csv = export
        .iter()
        .find_map(|e| match e {
            Effect::Document(d) => Some(String::from_utf8_lossy(&d.bytes).into_owned()),
            _ => None,
        })
        .expect("the CSV");
    let head = csv.lines().next().unwrap_or_default();
    assert!(head.contains("\"tugas benar\",\"tugas dijawab\""), "{head}");
    assert!(
        csv.contains(&format!(
            "\"tugas 1 ({}) dijawab\",\"tugas 1 ({}) benar\"",
            h.title, h.title
        )),
        "{head}"
    );
    let row = csv
        .lines()
        .find(|l| l.starts_with("\"Siti\""))
        .unwrap_or_default();
    assert!(
        row.starts_with("\"Siti\",\"\",\"0\",\"0\",\"0\",\"0\",\"2\",\"3\""),
        "{row}"
    );
    assert!(row.ends_with("\"3\",\"2\""), "{row}");
    // `/laporan` counts its answers with the class's.
    let report = app.handle(says(GROUP, teacher(), "/laporan", true, later), later);
    let words = report
        .iter()
        .find_map(|e| match e {
            Effect::Document(d) if d.photo => {
                Some(texts_of(&[Effect::Send(d.on_success[0].clone())]))
            }
            _ => None,
        })
        .expect("the report");
    assert!(words[0].contains("dari 3 jawaban"), "{words:?}");
    // The closed homework's link and buttons say it is over.
    assert!(
        texts_of(&open(
            &app,
            &siti,
            &link,
            true,
            t + SignedDuration::from_hours(4)
        ))[0]
            .contains("sudah ditutup")
    );
}

#[test]
fn an_attempt_resumes_after_a_restart_and_the_deadline_missed_while_down_is_handled() {
    let app = app();
    let t = now();
    let (_, link, _) = assign(&app, "2 sampai 3 jam", t);
    let siti = student();
    open(&app, &siti, &link, true, t);
    answer(&app, &siti, 0, true, t + mins(1));
    let app = restart(&app);
    // The same question she was at, from her button or from the link.
    let resumed = open(&app, &siti, &link, true, t + mins(2));
    assert!(
        texts_of(&resumed)[0].contains("dari soal 2/2"),
        "{:?}",
        texts_of(&resumed)
    );
    let done = answer(&app, &siti, 1, true, t + mins(3));
    assert!(texts_of(&done).iter().any(|h| h.contains("Tugas selesai")));
    // The bot was down at the deadline: it is handled at the first tick after, and says so.
    let app = restart(&app);
    let late = t + SignedDuration::from_hours(5);
    assert!(app.next_wake(late).is_some_and(|w| w <= late));
    let closed = app.tick(late);
    let summary = &sent_to(&closed, GROUP.id)[0].html;
    assert!(
        summary.contains("terlambat") && summary.contains("100%"),
        "{summary}"
    );
}

#[test]
fn the_whole_class_finishing_closes_it_early_and_the_reminder_counts_the_class() {
    let app = app();
    let t = now();
    let (html, link, _) = assign(&app, "1 sampai 3 jam", t);
    assert!(html.contains("Belum ada"), "{html}");
    // Telegram says the group has three students.
    let class = |students| Event::ClassSize {
        chat: GROUP.id,
        homework: 1,
        students,
    };
    app.handle(class(Some(3)), t);
    assert_eq!(homework_of(&app).class, Some(3));
    // The teacher trying it out is no student: not counted, not ranked.
    open(&app, &teacher(), &link, true, t);
    answer(&app, &teacher(), 0, false, t);
    let ani = user(11, "Ani");
    open(&app, &ani, &link, true, t);
    answer(&app, &ani, 0, true, t + mins(1));
    // Two hours in, fewer than half of three finished: one reminder, with the button.
    let reminded = app.tick(t + SignedDuration::from_hours(2));
    let reminder = sent_to(&reminded, GROUP.id);
    assert!(
        reminder[0].html.contains("1 jam lagi"),
        "{}",
        reminder[0].html
    );
    assert!(
        reminder[0].html.contains("1 dari 3"),
        "{}",
        reminder[0].html
    );
    assert!(!reminder[0].keyboard.is_empty());
    let later = t + SignedDuration::from_hours(2) + mins(1);
    assert!(sent_to(&app.tick(later), GROUP.id).is_empty());
    for who in [user(12, "Budi"), user(13, "Cici")] {
        open(&app, &who, &link, true, t + mins(130));
        let last = answer(&app, &who, 0, who.id == 12, t + mins(131));
        if who.id == 13 {
            let summary = &sent_to(&last, GROUP.id)[0].html;
            assert!(summary.contains("Semua siswa"), "{summary}");
            assert!(
                summary.contains("1. Ani — 1 dari 1 benar\n2. Budi"),
                "{summary}"
            );
            assert!(!summary.contains("Bu Rina"), "{summary}");
        }
    }
    let state = app.state_copy();
    let cs = state.get(GROUP.id).expect("group");
    assert!(cs.homework.is_none());
    assert!(!cs.board.players.contains_key(&TEACHER));
    // Nor does the teacher's wrong answer come back in their practice.
    assert!(state.get(TEACHER).is_none_or(|c| c.review.is_empty()));
}

#[test]
fn without_the_class_size_it_waits_for_the_deadline_however_few_the_bot_knows() {
    let app = app();
    let t = now();
    // Only Ani ever played a round here.
    let mut state = app.state_copy();
    state
        .chat(GROUP.id)
        .board
        .record(11, "Ani", None, true, 500);
    let app = app_with(state, Settings::default());
    let (_, link, _) = assign(&app, "1 sampai besok 07:00", t);
    app.handle(
        Event::ClassSize {
            chat: GROUP.id,
            homework: 1,
            students: None,
        },
        t,
    );
    let ani = user(11, "Ani");
    open(&app, &ani, &link, true, t);
    let done = answer(&app, &ani, 0, true, t + mins(1));
    assert!(sent_to(&done, GROUP.id).is_empty());
    // Budi can still take it.
    let budi = user(12, "Budi");
    let opened = open(&app, &budi, &link, true, t + mins(2));
    assert!(
        texts_of(&opened)[1].contains("Soal 1/1"),
        "{:?}",
        texts_of(&opened)
    );
    // The count names the students the bot knows: Ani from the board, Budi who opened it.
    let ticked = app.tick(t + mins(3));
    assert!(
        texts_of(&ticked).is_empty(),
        "no message was confirmed to edit"
    );
    assert_eq!(super::homework::tests_known(&app, GROUP.id), Some(2));
}

#[test]
fn nothing_counts_after_the_deadline_and_a_late_reminder_says_how_long_is_left() {
    let app = app();
    let t = now();
    let (_, link, _) = assign(&app, "2 sampai 3 jam", t);
    let siti = student();
    open(&app, &siti, &link, true, t);
    // The bot was down until five minutes before the deadline: the reminder says so.
    let late = t + SignedDuration::from_hours(3) - mins(5);
    let reminder = sent_to(&app.tick(late), GROUP.id);
    assert!(
        reminder[0].html.contains("5 menit lagi"),
        "{}",
        reminder[0].html
    );
    // An answer pressed at the deadline, before the clock's tick closed it, is not taken.
    let deadline = t + SignedDuration::from_hours(3);
    let pressed = answer(&app, &siti, 0, true, deadline);
    assert_eq!(
        toast(&pressed).as_deref(),
        Some(texts::homework::TOAST_CLOSED)
    );
    assert!(homework_of(&app).attempts[&siti.id].answers.is_empty());
    let budi = user(12, "Budi");
    assert!(texts_of(&open(&app, &budi, &link, true, deadline))[0].contains("sudah ditutup"));
}

#[test]
fn feedback_after_each_answer_when_the_teacher_asks_and_a_set_can_be_homework() {
    let app = app();
    let t = now();
    let (html, link, _) = assign(&app, "2 bentuk umpan-balik", t);
    assert!(html.contains("setelah tiap jawaban"), "{html}");
    // No deadline given: tomorrow 07:00.
    assert!(
        html.contains("Selasa, 24 November 2026 pukul 07.00 WIB"),
        "{html}"
    );
    assert!(
        homework_of(&app)
            .tasks
            .iter()
            .all(|t| t.item.topic == "bentuk")
    );
    let siti = student();
    open(&app, &siti, &link, true, t);
    let right = answer(&app, &siti, 0, true, t);
    assert!(
        texts_of(&right).iter().any(|h| h.contains("Benar!")),
        "{:?}",
        texts_of(&right)
    );
    let wrong = answer(&app, &siti, 1, false, t);
    assert!(texts_of(&wrong).iter().any(|h| h.contains("Kurang tepat")));
    assert!(
        texts_of(&wrong)
            .iter()
            .any(|h| h.contains("1 dari 2 benar"))
    );
    // With feedback already given, the deadline sends no private results.
    let closed = app.tick(t + SignedDuration::from_hours(24));
    assert!(sent_to(&closed, siti.id).is_empty());
    assert!(!sent_to(&closed, GROUP.id).is_empty());
}

#[test]
fn bad_deadlines_and_unknown_sets_are_explained() {
    let app = app();
    let t = now();
    let say = |args: &str| {
        let effects = app.handle(
            says(GROUP, teacher(), &format!("/tugas {args}"), true, t),
            t,
        );
        texts_of(&effects).join("\n")
    };
    assert!(say("5 sampai kemarin").contains("belum paham"));
    assert!(say("5 sampai 07:00").contains("sudah lewat"));
    assert!(say("5 sampai 9 hari").contains("paling lama 7 hari"));
    assert!(say("5 bab-9").contains("bab-9"));
    assert!(say("99").contains("Cara memberi tugas"));
    assert!(
        app.state_copy()
            .get(GROUP.id)
            .is_none_or(|c| c.homework.is_none())
    );
}

#[test]
fn a_teacher_cancels_it_with_a_confirmation_only_they_can_press() {
    let app = app();
    let t = now();
    let (_, link, tag) = assign(&app, "3", t);
    delivered(&app, tag, t);
    let asked = app.handle(says(GROUP, teacher(), "/batalkantugas", true, t), t);
    let data = confirmation(sends(&asked)[0]);
    // A student's press does nothing.
    app.handle(press(GROUP, 60, student(), &data, t), t);
    assert!(homework_of(&app).id == 1);
    let done = app.handle(press(GROUP, 60, teacher(), &data, t), t);
    assert!(
        texts_of(&done)
            .iter()
            .any(|h| h.contains("dibatalkan guru"))
    );
    assert!(
        app.state_copy()
            .get(GROUP.id)
            .is_some_and(|c| c.homework.is_none())
    );
    assert!(texts_of(&open(&app, &student(), &link, true, t))[0].contains("sudah ditutup"));
    // Nothing left to cancel (asked a while later: the same command at once is a repeat).
    let later = t + mins(5);
    let none = app.handle(says(GROUP, teacher(), "/batalkantugas", true, later), later);
    assert!(texts_of(&none)[0].contains("Tidak ada tugas"));
}

#[test]
fn a_cancel_button_cancels_only_its_own_homework_and_says_what_to_type_when_late() {
    let app = app();
    let t = now();
    assign(&app, "3", t);
    let confirm = |at: Timestamp| {
        let asked = app.handle(says(GROUP, teacher(), "/batalkantugas", true, at), at);
        confirmation(sends(&asked)[0])
    };
    // Pressed too late: type the command again (not /resetskor).
    let data = confirm(t);
    let late = app.handle(press(GROUP, 60, teacher(), &data, t + mins(5)), t + mins(5));
    assert_eq!(
        toast(&late).as_deref(),
        Some(texts::homework::CANCEL_EXPIRED)
    );
    // Asked for homework 1, which closed; homework 2 given since: the old button leaves it.
    let data = confirm(t + mins(6));
    app.tick(t + SignedDuration::from_hours(24));
    let later = t + SignedDuration::from_hours(24) + mins(1);
    assign(&app, "3", later);
    let old = app.handle(press(GROUP, 60, teacher(), &data, t + mins(6)), t + mins(6));
    assert_eq!(toast(&old).as_deref(), Some(texts::homework::CANCEL_GONE));
    assert_eq!(homework_of(&app).id, 2);
}

#[test]
fn a_group_that_becomes_a_supergroup_keeps_its_homework_and_its_old_button_works() {
    let app = app();
    let t = now();
    let (_, link, tag) = assign(&app, "2", t);
    delivered(&app, tag, t);
    let new_id = -1_009_999;
    app.handle(
        Event::Migrated {
            from: GROUP.id,
            to: new_id,
        },
        t,
    );
    // The old button asks Telegram about the new group.
    let siti = student();
    let started = says(private(siti.id), siti.clone(), &start_text(&link), false, t);
    assert_eq!(app.teacher_check(&started).map(|c| c.group), Some(new_id));
    let opened = open(&app, &siti, &link, true, t);
    assert!(
        texts_of(&opened)[1].contains("Soal 1/2"),
        "{:?}",
        texts_of(&opened)
    );
    // The old group's message cannot be edited in the new one: no edits go there.
    let state = app.state_copy();
    let h = state
        .get(new_id)
        .and_then(|c| c.homework.clone())
        .expect("moved");
    assert_eq!(h.message_id, None);
    let closed = app.tick(t + SignedDuration::from_hours(24));
    assert!(closed.iter().all(|e| !matches!(e, Effect::Edit(_))));
    assert!(!sent_to(&closed, new_id).is_empty());
}
