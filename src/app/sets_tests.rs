//! The app's tests of teachers' own sets: files and pasted lists becoming sets, replacing,
//! deleting, a refused write taken back, and rounds and practice from a set.

use super::tests::*;
use super::*;
use crate::quiz;
use crate::sets::{FileKind, Parsed, SetQuestion};

const TEACHER_CHAT: Chat = Chat {
    id: TEACHER,
    kind: ChatKind::Private,
    thread: None,
};

fn teacher() -> User {
    user(TEACHER, "Bu Rina")
}

fn document(chat: Chat, name: &str, size: Option<u64>, caption: Option<&str>) -> Event {
    Event::Document {
        chat,
        from: Some(teacher()),
        file: FileRef {
            id: "file-1".into(),
            name: name.into(),
            size,
        },
        caption: caption.map(str::to_string),
        sent: now(),
    }
}

fn question(n: usize, seconds: Option<u32>) -> SetQuestion {
    SetQuestion {
        question: format!("Soal nomor {n}?"),
        options: vec![format!("benar {n}"), format!("salah {n}")],
        answer: 0,
        seconds,
        explanation: None,
    }
}

fn parsed(n: usize) -> Parsed {
    Parsed {
        questions: (0..n).map(|i| question(i, Some(15))).collect(),
        ..Parsed::default()
    }
}

/// What the app asked to fetch for `event`.
fn fetch_of(effects: &[Effect]) -> Fetch {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Fetch(f) => Some(f.clone()),
            _ => None,
        })
        .expect("a fetch")
}

/// The set change among `effects`, and the messages waiting for it.
fn store_of(effects: Vec<Effect>) -> (SetChange, Vec<Effect>) {
    effects
        .into_iter()
        .find_map(|e| match e {
            Effect::StoreSet { change, then } => Some((change, then)),
            _ => None,
        })
        .expect("a set change")
}

/// As the driver does once a set's file is written: the app learns it.
fn written(app: &App, effects: Vec<Effect>) -> (SetChange, Vec<Effect>) {
    let (change, then) = store_of(effects);
    app.handle_now(Event::SetStored {
        change: change.clone(),
    });
    (change, then)
}

/// Sends a file named `name` and hands back `result` as its reading.
fn upload(app: &App, name: &str, result: Result<Parsed, FetchError>) -> Vec<Effect> {
    let fetch = fetch_of(&app.handle_now(document(TEACHER_CHAT, name, Some(900), None)));
    app.handle_now(Event::Fetched { fetch, result })
}

#[test]
fn a_file_in_a_group_is_never_read() {
    let app = app();
    assert!(
        app.handle_now(document(GROUP, "kunci.xlsx", Some(10), None))
            .is_empty()
    );
}

#[test]
fn a_private_file_is_fetched_under_its_name_or_caption() {
    let app = app();
    let effects = app.handle_now(document(TEACHER_CHAT, "Kuis Bab 3.xlsx", Some(2048), None));
    let fetch = fetch_of(&effects);
    assert_eq!(fetch.name, "kuis-bab-3");
    assert_eq!(fetch.kind, FileKind::Xlsx);
    assert!(sends(&effects)[0].html.contains("Membaca"));
    app.handle_now(Event::Fetched {
        fetch,
        result: Err(FetchError::TimedOut),
    });
    let named = app.handle_now(document(TEACHER_CHAT, "x.csv", None, Some("Ulangan 1")));
    assert_eq!(fetch_of(&named).name, "ulangan-1");
    assert_eq!(fetch_of(&named).kind, FileKind::Csv);
}

#[test]
fn files_refused_before_any_download() {
    let app = app();
    for (event, needle) in [
        (document(TEACHER_CHAT, "soal.docx", Some(10), None), ".xlsx"),
        (
            document(TEACHER_CHAT, "soal.xlsx", Some(2 << 20), None),
            "terlalu besar",
        ),
        (
            document(TEACHER_CHAT, "2024.csv", Some(10), None),
            "hanya angka",
        ),
        (
            document(TEACHER_CHAT, "soal.csv", Some(10), Some("manfaat")),
            "topik",
        ),
        (
            document(TEACHER_CHAT, "ulang.csv", Some(10), None),
            "perintah",
        ),
    ] {
        let effects = app.handle_now(event);
        assert!(!effects.iter().any(|e| matches!(e, Effect::Fetch(_))));
        assert!(sends(&effects)[0].html.contains(needle), "{needle}");
    }
}

#[test]
fn a_read_file_is_saved_then_confirmed_and_listed() {
    let app = app();
    let mut read = parsed(3);
    read.skipped.push(crate::sets::Skipped {
        at: 7,
        why: crate::sets::RowProblem::BadAnswer("5".into()),
    });
    let (change, then) = store_of(upload(&app, "bab1.xlsx", Ok(read)));
    assert_eq!((change.owner, change.name.as_str()), (TEACHER, "bab1"));
    let file = crate::sets::file::decode(change.bytes.as_deref().expect("bytes")).expect("file");
    assert_eq!(file.questions.len(), 3);
    let said = &sends(&then)[0].html;
    assert!(
        said.contains("3 soal diterima</b>, 1 baris dilewati"),
        "{said}"
    );
    assert!(
        said.contains("baris 7: jawaban benar harus A–D atau 1–4, tertulis 5"),
        "{said}"
    );
    assert!(said.contains("/kuis bab1"), "{said}");
    let list = app.handle_now(says(TEACHER_CHAT, teacher(), "/kuisku", false, now()));
    let out = sends(&list);
    assert!(
        out[0].html.contains("bab1</code> — 3 soal"),
        "{}",
        out[0].html
    );
    assert_eq!(out[0].keyboard.len(), 1);
}

#[test]
fn nothing_is_saved_when_no_row_is_valid_and_read_errors_are_explained() {
    let app = app();
    let effects = upload(&app, "kosong.csv", Ok(Parsed::default()));
    assert!(!effects.iter().any(|e| matches!(e, Effect::StoreSet { .. })));
    assert!(sends(&effects)[0].html.contains("Tidak ada yang disimpan"));
    assert!(app.set_of(TEACHER, "kosong").is_none());
    for (error, needle) in [
        (FetchError::TooLarge, "terlalu besar"),
        (FetchError::TimedOut, "terlalu lama"),
        (
            FetchError::Read(crate::sets::ReadError::NoHeader),
            "baris judul kolom",
        ),
        (
            FetchError::Read(crate::sets::ReadError::Sheet(
                crate::sets::SheetError::NotUtf8,
            )),
            "CSV UTF-8",
        ),
    ] {
        let effects = upload(&app, "x.csv", Err(error));
        assert!(sends(&effects)[0].html.contains(needle), "{needle}");
    }
}

#[test]
fn the_same_name_asks_before_replacing() {
    let app = app();
    written(&app, upload(&app, "bab1.xlsx", Ok(parsed(2))));
    let asked = upload(&app, "bab1.xlsx", Ok(parsed(4)));
    assert!(!asked.iter().any(|e| matches!(e, Effect::StoreSet { .. })));
    let ask = sends(&asked)[0];
    assert!(ask.html.contains("sudah punya set"), "{}", ask.html);
    assert_eq!(
        app.set_of(TEACHER, "bab1").map(|s| s.questions.len()),
        Some(2)
    );
    let data = |i: usize| match &ask.keyboard[0][i] {
        Button::Callback { data, .. } => data.clone(),
        Button::Url { .. } => panic!("a callback button"),
    };
    // "Batal" keeps the old one; a second press finds nothing waiting.
    let kept = app.handle_now(press(TEACHER_CHAT, 1, teacher(), &data(1), now()));
    assert!(sends(&kept)[0].html.contains("tetap"));
    let again = app.handle_now(press(TEACHER_CHAT, 1, teacher(), &data(0), now()));
    assert_eq!(toast(&again).as_deref(), Some(texts::sets::NOTHING_PENDING));
    // Asked again, "Ganti" replaces it.
    let asked = upload(&app, "bab1.xlsx", Ok(parsed(4)));
    let ask = sends(&asked)[0];
    let Button::Callback { data, .. } = &ask.keyboard[0][0] else {
        panic!("a callback button");
    };
    // A button naming another set does nothing.
    let other = data.replace("bab1", "bab2");
    let stale = app.handle_now(press(TEACHER_CHAT, 1, teacher(), &other, now()));
    assert_eq!(toast(&stale).as_deref(), Some(texts::sets::NOTHING_PENDING));
    let (change, _) = store_of(app.handle_now(press(TEACHER_CHAT, 1, teacher(), data, now())));
    assert_eq!(change.set.map(|p| p.questions.len()), Some(4));
    assert_eq!(
        app.set_of(TEACHER, "bab1").map(|s| s.questions.len()),
        Some(4)
    );
}

#[test]
fn a_refused_write_is_taken_back_and_said() {
    let app = app();
    written(&app, upload(&app, "bab1.xlsx", Ok(parsed(2))));
    let (change, _) = store_of(upload(&app, "baru.xlsx", Ok(parsed(3))));
    let said = app.handle_now(Event::SetUnsaved { change });
    assert!(sends(&said)[0].html.contains("gagal disimpan"));
    assert!(app.set_of(TEACHER, "baru").is_none());
    assert!(app.set_of(TEACHER, "bab1").is_some());
}

#[test]
fn deleting_asks_first_and_a_refused_delete_puts_it_back() {
    let app = app();
    written(&app, upload(&app, "bab1.xlsx", Ok(parsed(2))));
    let ask = app.handle_now(press(TEACHER_CHAT, 1, teacher(), "sh:a:bab1", now()));
    assert!(sends(&ask)[0].html.contains("Hapus set"));
    assert!(app.set_of(TEACHER, "bab1").is_some());
    // Another person's press cannot delete it.
    let other = user(77, "Ani");
    let chat77 = Chat {
        id: 77,
        kind: ChatKind::Private,
        thread: None,
    };
    let refused = app.handle_now(press(chat77, 1, other, "sh:y:bab1", now()));
    assert_eq!(toast(&refused).as_deref(), Some(texts::sets::GONE));
    let (change, then) =
        store_of(app.handle_now(press(TEACHER_CHAT, 1, teacher(), "sh:y:bab1", now())));
    assert_eq!(change.bytes, None);
    assert!(sends(&then)[0].html.contains("dihapus"));
    assert!(app.set_of(TEACHER, "bab1").is_none());
    let said = app.handle_now(Event::SetUnsaved { change });
    assert!(sends(&said)[0].html.contains("gagal dihapus"));
    assert!(app.set_of(TEACHER, "bab1").is_some());
}

#[test]
fn a_pasted_list_becomes_a_set_and_later_parts_are_added() {
    let app = app();
    let t = now();
    let how = app.handle(
        says(TEACHER_CHAT, teacher(), "/buatkuis Bab 4", false, t),
        t,
    );
    assert!(sends(&how)[0].html.contains("bab-4"));
    let part1 = "1. Satu?\na. ya\nb. tidak\nKunci: a\n2. Dua?\na. ya\nb. tidak\nKunci: c";
    let (change, then) = store_of(app.handle(says(TEACHER_CHAT, teacher(), part1, false, t), t));
    assert_eq!(change.name, "bab-4");
    let said = &sends(&then)[0].html;
    assert!(
        said.contains("1 soal diterima</b>, 1 soal dilewati"),
        "{said}"
    );
    assert!(
        said.contains("soal 2: jawaban benar C, tetapi pilihan C kosong"),
        "{said}"
    );
    let part2 = "3. Tiga?\na. ya\nb. tidak\nJawaban: b";
    store_of(app.handle(says(TEACHER_CHAT, teacher(), part2, false, t), t));
    assert_eq!(
        app.set_of(TEACHER, "bab-4").map(|s| s.questions.len()),
        Some(2)
    );
    // A command ends pasting: the next text is a question for the FAQ again.
    app.handle(says(TEACHER_CHAT, teacher(), "/bantuan", false, t), t);
    let answer = app.handle(says(TEACHER_CHAT, teacher(), part2, false, t), t);
    assert!(!answer.iter().any(|e| matches!(e, Effect::StoreSet { .. })));
}

#[test]
fn a_teachers_set_runs_in_the_group_with_its_own_times_and_credit() {
    let app = app();
    let mut read = parsed(3);
    read.questions[0].seconds = Some(45);
    read.questions[1].seconds = Some(45);
    read.questions[2].seconds = Some(45);
    store_of(upload(&app, "bab1.xlsx", Ok(read)));
    let t = now();
    // A student owns no such set; an anonymous admin has no identity to own one.
    let anon = app.handle(
        says(GROUP, user(ANONYMOUS_ADMIN, "Group"), "/kuis bab1", true, t),
        t,
    );
    assert!(sends(&anon)[0].html.contains("admin anonim"));
    let other = app.handle(says(GROUP, user(901, "Pak Budi"), "/kuis bab1", true, t), t);
    assert!(sends(&other)[0].html.contains("tidak ada di koleksimu"));
    // The set's own times, or the teacher's.
    let started = app.handle(says(GROUP, teacher(), "/kuis bab1 2", true, t), t);
    let out = sends(&started);
    assert!(
        out[0]
            .html
            .contains("2 soal dari set <b>bab1</b> buatan Bu Rina")
    );
    assert!(out[0].html.contains("waktu sesuai set"));
    assert!(out[1].html.contains("⏱ 45 detik"), "{}", out[1].html);
    let tag = out[1].tag.expect("a tagged question");
    app.handle(
        Event::Delivered {
            chat: GROUP.id,
            message_id: 70,
            tag,
            at: t,
        },
        t,
    );
    let revealed = app.tick(t + jiff::SignedDuration::from_secs(45));
    let reveal = revealed
        .iter()
        .find_map(|e| match e {
            Effect::Edit(e) => Some(e.html.clone()),
            _ => None,
        })
        .expect("a reveal at the set's 45 seconds");
    assert!(reveal.contains("Soal dari Bu Rina"), "{reveal}");
    assert!(!reveal.contains("Sumber:"), "{reveal}");
    app.handle(says(GROUP, teacher(), "/stopkuis", true, t), t);
    let timed = app.handle(says(GROUP, teacher(), "/kuis bab1 2 10", true, t), t);
    let out = sends(&timed);
    assert!(out[0].html.contains("10 detik per soal"));
    assert!(out[1].html.contains("⏱ 10 detik"));
}

#[test]
fn a_student_practises_their_own_set_in_private() {
    let app = app();
    let student_chat = PRIVATE;
    let fetch = fetch_of(&app.handle_now(Event::Document {
        chat: student_chat,
        from: Some(student()),
        file: FileRef {
            id: "f".into(),
            name: "hafalan.csv".into(),
            size: Some(100),
        },
        caption: None,
        sent: now(),
    }));
    store_of(app.handle_now(Event::Fetched {
        fetch,
        result: Ok(parsed(2)),
    }));
    let started = app.handle_now(message(student_chat, "/latihan hafalan", false));
    let out = sends(&started);
    assert_eq!(out.len(), 2);
    assert!(out[1].html.contains("Soal nomor"), "{}", out[1].html);
}

#[test]
fn a_sets_text_is_shown_as_text_never_as_markup() {
    let app = app();
    let mut read = parsed(1);
    read.questions[0].question = "Apa arti <b>tebal</b> & <a href=\"x\">?".into();
    read.questions[0].options[0] = "<i>miring</i>".into();
    store_of(upload(&app, "html.xlsx", Ok(read)));
    let t = now();
    let started = app.handle(says(GROUP, teacher(), "/kuis html", true, t), t);
    let html = &sends(&started)[1].html;
    assert!(
        html.contains("Apa arti &lt;b&gt;tebal&lt;/b&gt; &amp; &lt;a href="),
        "{html}"
    );
    assert!(html.contains("&lt;i&gt;miring&lt;/i&gt;"), "{html}");
}

#[test]
fn one_file_at_a_time_each_and_a_few_for_everyone() {
    let app = app();
    let first = app.handle_now(document(TEACHER_CHAT, "a.csv", Some(10), None));
    let fetch = fetch_of(&first);
    let second = app.handle_now(document(TEACHER_CHAT, "b.csv", Some(10), None));
    assert!(sends(&second)[0].html.contains("masih dibaca"));
    assert!(!second.iter().any(|e| matches!(e, Effect::Fetch(_))));
    // Once the first came back, the next is read.
    app.handle_now(Event::Fetched {
        fetch,
        result: Err(FetchError::Download),
    });
    fetch_of(&app.handle_now(document(TEACHER_CHAT, "b.csv", Some(10), None)));
    // Others, up to the limit for everyone (the teacher's file is still being read).
    for id in 1..=4 {
        let chat = Chat {
            id,
            kind: ChatKind::Private,
            thread: None,
        };
        let event = Event::Document {
            chat,
            from: Some(user(id, "Guru")),
            file: FileRef {
                id: "f".into(),
                name: "x.csv".into(),
                size: Some(10),
            },
            caption: None,
            sent: now(),
        };
        let effects = app.handle_now(event);
        let fetched = effects.iter().any(|e| matches!(e, Effect::Fetch(_)));
        assert_eq!(fetched, id <= 3, "{id}");
        if id == 4 {
            assert!(sends(&effects)[0].html.contains("banyak berkas"));
        }
    }
}

#[test]
fn refused_writes_leave_memory_as_the_disk_ends_up() {
    let app = app();
    let t = now();
    let part = |n: usize| format!("{n}. Soal {n}?\na. ya\nb. tidak\nKunci: a");
    written(&app, upload(&app, "bab1.xlsx", Ok(parsed(2))));
    // Two parts pasted into a new set: both writes refused, oldest first. The set was never
    // on disk: it is gone.
    app.handle(says(TEACHER_CHAT, teacher(), "/buatkuis baru", false, t), t);
    let (first, _) = store_of(app.handle(says(TEACHER_CHAT, teacher(), &part(1), false, t), t));
    let (second, _) = store_of(app.handle(says(TEACHER_CHAT, teacher(), &part(2), false, t), t));
    app.handle_now(Event::SetUnsaved { change: first });
    assert_eq!(
        app.set_of(TEACHER, "baru").map(|s| s.questions.len()),
        Some(2)
    );
    app.handle_now(Event::SetUnsaved { change: second });
    assert!(app.set_of(TEACHER, "baru").is_none());
    // The first refused, the second written: memory keeps what the disk holds.
    app.handle(says(TEACHER_CHAT, teacher(), "/buatkuis lagi", false, t), t);
    let (first, _) = store_of(app.handle(says(TEACHER_CHAT, teacher(), &part(1), false, t), t));
    let (second, _) = store_of(app.handle(says(TEACHER_CHAT, teacher(), &part(2), false, t), t));
    app.handle_now(Event::SetUnsaved { change: first });
    app.handle_now(Event::SetStored { change: second });
    assert_eq!(
        app.set_of(TEACHER, "lagi").map(|s| s.questions.len()),
        Some(2)
    );
    // A refused delete after the name was sent again keeps the new set.
    let (deleted, _) =
        store_of(app.handle_now(press(TEACHER_CHAT, 1, teacher(), "sh:y:bab1", now())));
    written(&app, upload(&app, "bab1.xlsx", Ok(parsed(5))));
    app.handle_now(Event::SetUnsaved { change: deleted });
    assert_eq!(
        app.set_of(TEACHER, "bab1").map(|s| s.questions.len()),
        Some(5)
    );
}

#[test]
fn a_long_list_pasted_over_a_set_goes_whole_into_the_replacement() {
    let app = app();
    let t = now();
    written(&app, upload(&app, "bab4.xlsx", Ok(parsed(6))));
    app.handle(says(TEACHER_CHAT, teacher(), "/buatkuis bab4", false, t), t);
    let part1 = "1. Satu?\na. ya\nb. tidak\nKunci: a\n2. Dua?\na. ya\nb. tidak\nKunci: b";
    let asked = app.handle(says(TEACHER_CHAT, teacher(), part1, false, t), t);
    assert!(sends(&asked)[0].html.contains("sudah punya set"));
    let part2 = "3. Tiga?\na. ya\nb. tidak\nKunci: a";
    let asked = app.handle(says(TEACHER_CHAT, teacher(), part2, false, t), t);
    let ask = sends(&asked)[0];
    assert!(ask.html.contains("sekarang 3 soal"), "{}", ask.html);
    let Button::Callback { data, .. } = &ask.keyboard[0][0] else {
        panic!("a callback button");
    };
    let (change, _) = written(
        &app,
        app.handle_now(press(TEACHER_CHAT, 1, teacher(), data, now())),
    );
    assert_eq!(change.set.map(|s| s.questions.len()), Some(3));
    // Replaced, later parts add to it.
    let part3 = "4. Empat?\na. ya\nb. tidak\nKunci: a";
    store_of(app.handle(says(TEACHER_CHAT, teacher(), part3, false, t), t));
    assert_eq!(
        app.set_of(TEACHER, "bab4").map(|s| s.questions.len()),
        Some(4)
    );
}

#[test]
fn a_set_named_from_a_class_runs_and_sets_outlive_a_reload() {
    let app = app();
    let fetch = fetch_of(&app.handle_now(document(TEACHER_CHAT, "9A Bab 2.xlsx", Some(9), None)));
    written(
        &app,
        app.handle_now(Event::Fetched {
            fetch,
            result: Ok(parsed(3)),
        }),
    );
    let t = now();
    let started = app.handle(says(GROUP, teacher(), "/kuis 9A-Bab-2 2 10", true, t), t);
    assert!(
        sends(&started)[0].html.contains("set <b>9a-bab-2</b>"),
        "{}",
        sends(&started)[0].html
    );
    let (reloaded, _) = app.reloaded(app.library().clone(), App::build_indexes(app.library()));
    assert_eq!(
        reloaded
            .set_of(TEACHER, "9a-bab-2")
            .map(|s| s.questions.len()),
        Some(3)
    );
    // A pasted list right after the command, with no name, asks for one.
    let nameless = reloaded.handle(
        says(
            TEACHER_CHAT,
            teacher(),
            "/buatkuis\n1. Apa?\na. x\nb. y\nKunci: a",
            false,
            t,
        ),
        t,
    );
    assert!(sends(&nameless)[0].html.contains("Beri nama"));
}

/// The button under question `html` whose option reads `option`.
fn button_for(html: &str, data: &[String], option: &str) -> String {
    let shown = (0..data.len())
        .find(|&i| {
            html.contains(&format!("<b>{}.</b> {option}\n", texts::quiz::letter(i)))
                || html.ends_with(&format!("<b>{}.</b> {option}", texts::quiz::letter(i)))
        })
        .unwrap_or_else(|| panic!("{option} is not shown in {html}"));
    data[shown].clone()
}

#[test]
fn a_played_set_is_reported_with_exact_numbers() {
    let app = app();
    let mut read = parsed(2);
    for (n, q) in read.questions.iter_mut().enumerate() {
        q.options = vec![
            format!("benar {n}"),
            format!("salah {n}"),
            format!("keliru {n}"),
        ];
        q.seconds = None;
    }
    written(&app, upload(&app, "bab1.xlsx", Ok(read)));
    let t = now();
    let started = app.handle(says(GROUP, teacher(), "/kuis bab1 2 10", true, t), t);
    let mut at = t;
    // Per question: what Ani, Budi and Cici press.
    let plan = |n: usize| {
        [
            (user(1, "Ani"), format!("benar {n}")),
            (user(2, "Budi"), format!("salah {n}")),
            (
                user(3, "Cici"),
                if n == 0 {
                    "salah 0".to_string()
                } else {
                    "keliru 1".to_string()
                },
            ),
        ]
    };
    let mut effects = started;
    for _ in 0..2 {
        let question = sends(&effects)
            .into_iter()
            .find(|o| o.tag.is_some())
            .expect("a question")
            .clone();
        let n = usize::from(question.html.contains("Soal nomor 1?"));
        let data: Vec<String> = question.keyboard[0]
            .iter()
            .filter_map(|b| match b {
                Button::Callback { data, .. } => Some(data.clone()),
                Button::Url { .. } => None,
            })
            .collect();
        app.handle(
            Event::Delivered {
                chat: GROUP.id,
                message_id: 600 + n as i32,
                tag: question.tag.unwrap_or_default(),
                at,
            },
            at,
        );
        for (i, (who, option)) in plan(n).into_iter().enumerate() {
            let when = at + jiff::SignedDuration::from_secs(1 + i as i64);
            let data = button_for(&question.html, &data, &option);
            app.handle(press(GROUP, 600 + n as i32, who, &data, when), when);
        }
        at += jiff::SignedDuration::from_secs(10);
        app.tick(at);
        at += quiz::PAUSE;
        effects = app.tick(at);
    }
    let (report, _) = app.group_report(GROUP.id, at).expect("a report");
    assert_eq!(report.answers, 6);
    assert_eq!(report.bars.len(), 1);
    assert_eq!(report.bars[0].label, "set bab1");
    assert_eq!(report.bars[0].answers, 6);
    assert!((report.bars[0].right - 2.0 / 6.0).abs() < 1e-9);
    assert_eq!((report.recent_players, report.players), (3, 3));
    // The chart draws those numbers: one bar, a third filled, the class's line at a third.
    let layout = crate::report::chart::layout(&report);
    assert_eq!(layout.bars.len(), 1);
    let bar = layout.bars[0];
    assert!((bar.filled - bar.width / 3.0).abs() < 0.5, "{bar:?}");
    let line = layout.average_x.expect("the class's line");
    assert!((line - (bar.x + bar.width / 3.0)).abs() < 0.5, "{line}");
    type Line<'a> = (&'a str, u32, u32, Option<(&'a str, u32)>);
    let hard: Vec<Line> = report
        .hardest
        .iter()
        .map(|h| {
            let wrong = h.wrong_option.as_ref().map(|(o, n)| (o.as_str(), *n));
            (h.question.as_str(), h.answered, h.right, wrong)
        })
        .collect();
    assert_eq!(
        hard,
        [
            ("Soal nomor 0?", 3, 1, Some(("salah 0", 2))),
            ("Soal nomor 1?", 3, 1, Some(("salah 1", 1))),
        ]
    );
    assert_eq!(report.unpractised.len(), app.content().pack.topics.len());

    // A student is refused; the teacher gets the chart and the text in private.
    let refused = app.handle(says(GROUP, student(), "/laporan", false, at), at);
    assert!(sends(&refused)[0].html.contains("hanya untuk guru"));
    let sent = app.handle(says(GROUP, teacher(), "/laporan", true, at), at);
    let Some(Effect::Document(doc)) = sent.first() else {
        panic!("a photo: {sent:?}");
    };
    assert!(doc.photo);
    assert_eq!(doc.chat, TEACHER_CHAT);
    assert!(doc.bytes.starts_with(b"\x89PNG"));
    let text = &doc.on_success[0];
    assert_eq!(text.chat, TEACHER_CHAT);
    assert!(
        text.html
            .contains("benar 1 dari 3; jawaban salah terbanyak: <i>salah 0</i> (2×)"),
        "{}",
        text.html
    );
    assert!(
        text.html.contains("di ronde terakhir: 3 dari 3 siswa"),
        "{}",
        text.html
    );
    assert!(
        text.html.contains("Topik yang belum pernah muncul di kuis"),
        "{}",
        text.html
    );
    assert_eq!(doc.on_success[1].chat.id, GROUP.id);

    // What Budi got wrong comes back in his practice: the podium's button opens it.
    let budi = Chat {
        id: 2,
        kind: ChatKind::Private,
        thread: None,
    };
    let scores = app.handle(says(budi, user(2, "Budi"), "/skor", false, at), at);
    assert!(
        sends(&scores)[0]
            .html
            .contains("2 soal yang pernah kamu jawab salah")
    );
    let started = app.handle(says(budi, user(2, "Budi"), "/start latihan", false, at), at);
    let out = sends(&started);
    assert!(
        out[0]
            .html
            .contains("2 di antaranya soal yang dulu kamu jawab salah"),
        "{}",
        out[0].html
    );
    assert!(out[1].html.contains("Soal nomor"), "{}", out[1].html);
    // Right this time: it comes back only in three days.
    let q = out[1];
    let n = usize::from(q.html.contains("Soal nomor 1?"));
    let data: Vec<String> = q.keyboard[0]
        .iter()
        .filter_map(|b| match b {
            Button::Callback { data, .. } => Some(data.clone()),
            Button::Url { .. } => None,
        })
        .collect();
    let right = button_for(&q.html, &data, &format!("benar {n}"));
    app.handle(
        press(budi, q.tag.map_or(1, |_| 1), user(2, "Budi"), &right, at),
        at,
    );
    let scores = app.handle(says(budi, user(2, "Budi"), "/skor", false, at), at);
    assert!(
        sends(&scores)[0]
            .html
            .contains("1 soal yang pernah kamu jawab salah")
    );
    let later = at + jiff::SignedDuration::from_hours(24 * 3);
    let scores = app.handle(says(budi, user(2, "Budi"), "/skor", false, later), later);
    assert!(
        sends(&scores)[0]
            .html
            .contains("2 soal yang pernah kamu jawab salah")
    );
    // Ani got everything right: nothing due, an ordinary practice.
    let ani = Chat { id: 1, ..budi };
    let ordinary = app.handle(says(ani, user(1, "Ani"), "/latihan ulang", false, at), at);
    assert!(
        sends(&ordinary)[0]
            .html
            .contains("Belum ada soal yang perlu diulang")
    );
}
