//! Teachers' own quiz sets end to end: spreadsheets (Kahoot's and Quizizz's templates as
//! `.xlsx`, the bot's own columns as a `;` CSV) and a pasted list sent in private become sets
//! on disk; a file sent in a group is never fetched; a file too large is cut off while it
//! downloads; a local Bot API server's absolute path is read from disk; the teacher runs a set
//! in the class group and the answers are credited to them.

use std::io::{Cursor, Read, Write};
use std::path::Path;
use std::time::Duration;

use crate::support::bot::{BotProcess, FAST};
use crate::support::fake_api::{self, Call, DOWNLOAD, FakeApi};
use crate::support::quiz::{Question, press, question, reveal, toast};
use kelasbot::html::escape;
use kelasbot::sets::{MAX_FILE_BYTES, QuizSet, file, xlsx};

const CLASS: i64 = -1_005_000_031;
/// Another group, where the teacher posts a file by mistake.
const OTHER_CLASS: i64 = -1_005_000_032;
const TEACHER: i64 = 8_011;
const TEACHER_NAME: &str = "Bu Rina";
/// A second teacher, for the files that go wrong and the local Bot API server.
const JOKO: i64 = 8_012;
const ANI: i64 = 11;
const DODI: i64 = 12;

/// One question of a fixture: its text, its options and the index of the right one.
struct Item {
    question: &'static str,
    options: &'static [&'static str],
    answer: usize,
}

/// The two questions of the Kahoot file that are taken (rows 9 and 11).
const KAHOOT_TAKEN: [Item; 2] = [
    Item {
        question: "Negara ASEAN yang tidak pernah dijajah bangsa Eropa?",
        options: &["Indonesia", "Thailand", "Vietnam", "Filipina"],
        answer: 1,
    },
    Item {
        question: "Tahun berdirinya ASEAN?",
        options: &["1945", "1967", "1976", "1999"],
        answer: 1,
    },
];

fn strings(row: &[&str]) -> Vec<String> {
    row.iter().map(|c| (*c).to_string()).collect()
}

/// Kahoot's template as Kahoot hands it out: instruction rows, the header on row 8, numbers
/// stored as numbers. Row 10 marks two answers right (which a round cannot ask); row 11 asks
/// for 240 seconds.
fn kahoot_xlsx() -> Vec<u8> {
    let mut rows = vec![
        strings(&["", "Quiz template"]),
        strings(&[
            "",
            "Add questions, at least two answer alternatives, time limit and choose correct \
             answers (at least one). Have fun creating your awesome quiz!",
        ]),
        strings(&[
            "",
            "Remember: questions have a limit of 120 characters and answers can have 75 \
             characters max. If several answers are correct, separate them with a comma.",
        ]),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        strings(&[
            "",
            "Question - max 120 characters",
            "Answer 1 - max 75 characters",
            "Answer 2 - max 75 characters",
            "Answer 3 - max 75 characters",
            "Answer 4 - max 75 characters",
            "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
            "Correct answer(s) - choose at least one",
        ]),
    ];
    let [first, second] = &KAHOOT_TAKEN;
    rows.push(strings(&[
        "1",
        first.question,
        first.options[0],
        first.options[1],
        first.options[2],
        first.options[3],
        "20",
        "2",
    ]));
    rows.push(strings(&[
        "2",
        "Kota tempat Deklarasi ASEAN ditandatangani?",
        "Bangkok",
        "Jakarta",
        "Manila",
        "Kuala Lumpur",
        "30",
        "1,3",
    ]));
    rows.push(strings(&[
        "3",
        second.question,
        second.options[0],
        second.options[1],
        second.options[2],
        second.options[3],
        "240",
        "2",
    ]));
    numbers_as_numbers(&xlsx::write_xlsx("Sheet1", &rows))
}

/// Quizizz's template: a Checkbox row and a row with an image, both skipped.
fn quizizz_xlsx() -> Vec<u8> {
    let rows = [
        [
            "Question Text",
            "Question Type",
            "Option 1",
            "Option 2",
            "Option 3",
            "Option 4",
            "Option 5",
            "Correct Answer",
            "Time in seconds",
            "Image Link",
            "Answer explanation",
        ],
        [
            "Organisasi kerja sama negara-negara Asia Tenggara adalah …",
            "Multiple Choice",
            "ASEAN",
            "APEC",
            "OPEC",
            "NATO",
            "",
            "1",
            "30",
            "",
            "ASEAN berdiri pada 8 Agustus 1967.",
        ],
        [
            "Pilih semua negara pendiri ASEAN",
            "Checkbox",
            "Indonesia",
            "Malaysia",
            "Vietnam",
            "Myanmar",
            "",
            "1,2",
            "30",
            "",
            "",
        ],
        [
            "Bendera negara manakah ini?",
            "Multiple Choice",
            "Indonesia",
            "Monako",
            "",
            "",
            "",
            "1",
            "20",
            "https://example.org/bendera.png",
            "",
        ],
        [
            "Sekretariat ASEAN berada di kota …",
            "Multiple Choice",
            "Bangkok",
            "Jakarta",
            "Singapura",
            "Manila",
            "",
            "2",
            "20",
            "",
            "",
        ],
    ];
    let rows: Vec<Vec<String>> = rows.iter().map(|r| strings(r)).collect();
    numbers_as_numbers(&xlsx::write_xlsx("Sheet1", &rows))
}

/// The bot's own columns as Indonesian Excel saves a CSV: `;`, a byte-order mark, CRLF; a
/// quoted cell holds the separator.
fn own_csv() -> Vec<u8> {
    let text = "\u{feff}Pertanyaan;Pilihan A;Pilihan B;Pilihan C;Pilihan D;Jawaban;Waktu;Penjelasan\r\n\
                Negara terluas di ASEAN?;Indonesia;Laos;Brunei;Singapura;A;20;Luasnya sekitar 1,9 juta km².\r\n\
                \"KTT ASEAN pertama; diadakan di kota?\";Bali;Manila;;;a;;\r\n";
    text.as_bytes().to_vec()
}

const PASTED: &str = "1. Negara ASEAN yang berbentuk kerajaan?\n\
                      a. Indonesia\n\
                      b. Thailand\n\
                      c. Filipina\n\
                      Kunci: b\n\
                      \n\
                      2. Sekretariat ASEAN berada di?\n\
                      a. Jakarta\n\
                      b. Hanoi\n\
                      Kunci: a";

/// Quizizz's columns separated by commas, without a byte-order mark.
const LOCAL_CSV: &str = "Question Text,Option 1,Option 2,Correct Answer\n\
                         Ibu kota Malaysia?,Kuala Lumpur,Putrajaya,1\n";

/// A valid CSV longer than the cap: the first rows are fine, the file is not.
fn oversized_csv() -> Vec<u8> {
    let mut text = String::from("Pertanyaan;Pilihan A;Pilihan B;Jawaban\n");
    let mut n = 0;
    while (text.len() as u64) <= MAX_FILE_BYTES + 64 * 1024 {
        n += 1;
        text.push_str(&format!("Soal nomor {n}?;ya;tidak;A\n"));
    }
    text.into_bytes()
}

/// The workbook with every cell that holds only digits stored as a number (`<v>2</v>`), as
/// Excel, Kahoot and Quizizz store them; `write_xlsx` writes text cells only.
fn numbers_as_numbers(xlsx: &[u8]) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(xlsx)).expect("an xlsx is a zip");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut converted = 0;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let name = entry.name().expect("a part name").to_string();
        let mut text = String::new();
        entry.read_to_string(&mut text).expect("a UTF-8 part");
        if name.starts_with("xl/worksheets/") {
            let (numeric, count) = numeric_cells(&text);
            text = numeric;
            converted += count;
        }
        out.start_file(name, options).expect("part");
        out.write_all(text.as_bytes()).expect("write part");
    }
    assert!(converted > 0, "the fixture has number cells");
    out.finish().expect("zip").into_inner()
}

/// `xml` with digit-only inline strings as number cells, and how many there were.
fn numeric_cells(xml: &str) -> (String, usize) {
    const OPEN: &str = r#"" t="inlineStr"><is><t xml:space="preserve">"#;
    const CLOSE: &str = "</t></is></c>";
    let mut out = String::new();
    let mut converted = 0;
    let mut rest = xml;
    while let Some(at) = rest.find(OPEN) {
        let after = &rest[at + OPEN.len()..];
        let end = after.find(CLOSE).expect("a cell's end");
        let text = &after[..end];
        if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
            // Keeps `<c r="A9`, drops the type: a number cell.
            out.push_str(&rest[..at]);
            out.push_str(&format!(r#""><v>{text}</v></c>"#));
            converted += 1;
        } else {
            out.push_str(&rest[..at + OPEN.len() + end + CLOSE.len()]);
        }
        rest = &after[end + CLOSE.len()..];
    }
    out.push_str(rest);
    (out, converted)
}

/// Waits for a message to `chat` holding `needle` among the calls from the `from`-th on.
async fn wait_message_from(api: &FakeApi, from: usize, chat: i64, needle: &str) -> String {
    api.wait_for(
        Duration::from_secs(20),
        &format!("a message to {chat} with {needle:?}"),
        |calls: &[Call]| {
            calls.get(from..)?.iter().find_map(|c| {
                let text = c.body["text"].as_str()?;
                (c.method == "sendMessage"
                    && c.body["chat_id"].as_i64() == Some(chat)
                    && text.contains(needle))
                .then(|| text.to_string())
            })
        },
    )
    .await
}

fn text_of(call: &Call) -> String {
    call.body["text"].as_str().unwrap_or("").to_string()
}

/// The button data of the right option of a question from `items`, and of a wrong one.
fn right_and_wrong(q: &Question, items: &[Item]) -> (String, String) {
    let item = items
        .iter()
        .find(|i| q.html.contains(&escape(i.question)))
        .unwrap_or_else(|| panic!("not a question of the set: {}", q.html));
    let correct = escape(item.options[item.answer]);
    let shown = (0..q.data.len())
        .find(|&i| {
            let line = format!("<b>{}.</b> {correct}", ["A", "B", "C", "D"][i]);
            q.html.lines().any(|l| l == line)
        })
        .unwrap_or_else(|| panic!("the right option is shown: {}", q.html));
    (
        q.data[shown].clone(),
        q.data[(shown + 1) % q.data.len()].clone(),
    )
}

/// The files of a folder of sets, by name.
fn set_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn load_set(dir: &Path, name: &str) -> QuizSet {
    let path = dir.join(format!("{name}.json"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    file::decode(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The teacher's files and pasted list, each answered with what was taken and what not.
async fn teacher_sends_a_quizizz_file_a_csv_and_a_pasted_list(api: &FakeApi) {
    let quizizz = quizizz_xlsx();
    let csv = own_csv();
    api.add_file("quizizz", "documents/file_2.xlsx", quizizz.clone());
    api.add_file("own-csv", "documents/file_3.csv", csv.clone());
    // One file at a time: each is sent once the one before was answered.
    api.push_update(fake_api::private_document(
        TEACHER,
        TEACHER_NAME,
        "quizizz",
        "quizizz_template.xlsx",
        Some(quizizz.len() as u64),
        Some("Bab 2 Quizizz"),
    ));
    // The caption names the set, not the file's name.
    let text = wait_message_from(
        api,
        0,
        TEACHER,
        "Tersimpan sebagai set <code>bab-2-quizizz</code> (2 soal).",
    )
    .await;
    assert!(
        text.starts_with("✅ <b>2 soal diterima</b>, 2 baris dilewati."),
        "{text}"
    );
    assert!(
        text.contains("• baris 3: jenis soal \"Checkbox\" dilewati"),
        "{text}"
    );
    assert!(
        text.contains("• baris 4: soal bergambar dilewati"),
        "{text}"
    );

    api.push_update(fake_api::private_document(
        TEACHER,
        TEACHER_NAME,
        "own-csv",
        "Ulangan Harian 1.csv",
        Some(csv.len() as u64),
        None,
    ));
    let text = wait_message_from(
        api,
        0,
        TEACHER,
        "Tersimpan sebagai set <code>ulangan-harian-1</code> (2 soal).",
    )
    .await;
    assert!(
        text.starts_with("✅ <b>2 soal diterima</b>, 0 baris dilewati."),
        "{text}"
    );

    api.push_update(fake_api::private_text(
        TEACHER,
        TEACHER_NAME,
        "/buatkuis tempel-1",
    ));
    wait_message_from(
        api,
        0,
        TEACHER,
        "Tempelkan soal untuk set <code>tempel-1</code>",
    )
    .await;
    api.push_update(fake_api::private_text(TEACHER, TEACHER_NAME, PASTED));
    let text = wait_message_from(
        api,
        0,
        TEACHER,
        "Tersimpan sebagai set <code>tempel-1</code> (2 soal).",
    )
    .await;
    assert!(
        text.starts_with("✅ <b>2 soal diterima</b>, 0 soal dilewati."),
        "{text}"
    );
}

/// A file whose size nobody said and that is over the cap, a file getFile does not know, and
/// a file on a local Bot API server's disk.
async fn files_too_large_unknown_and_local(api: &FakeApi, local_dir: &Path) {
    let big = oversized_csv();
    api.add_file_sized("besar", "documents/file_4.csv", big, None);
    let local = local_dir.join("documents").join("file_5.csv");
    std::fs::create_dir_all(local.parent().expect("a folder")).expect("local folder");
    std::fs::write(&local, LOCAL_CSV).expect("local file");
    api.add_local_file("lokal", &local);

    api.push_update(fake_api::private_document(
        JOKO,
        "Pak Joko",
        "besar",
        "Soal Besar.csv",
        None,
        None,
    ));
    // Nothing said the size before the download: the cap cut it off while it streamed.
    wait_message_from(api, 0, JOKO, "terlalu besar").await;
    let downloads = api.calls(DOWNLOAD);
    assert!(
        downloads
            .iter()
            .any(|c| c.body["path"] == "documents/file_4.csv"),
        "the large file was being downloaded: {downloads:?}"
    );

    api.push_update(fake_api::private_document(
        JOKO,
        "Pak Joko",
        "tidak-terdaftar",
        "Hilang.csv",
        Some(300),
        None,
    ));
    wait_message_from(api, 0, JOKO, "tidak bisa diunduh").await;

    api.push_update(fake_api::private_document(
        JOKO,
        "Pak Joko",
        "lokal",
        "Lokal Bab 3.csv",
        Some(LOCAL_CSV.len() as u64),
        None,
    ));
    let text = wait_message_from(
        api,
        0,
        JOKO,
        "Tersimpan sebagai set <code>lokal-bab-3</code> (1 soal).",
    )
    .await;
    assert!(
        text.starts_with("✅ <b>1 soal diterima</b>, 0 baris dilewati."),
        "{text}"
    );
    let getfile = api.calls("getFile");
    assert!(
        getfile
            .iter()
            .any(|c| c.body["file_id"] == "tidak-terdaftar"),
        "the unknown file was asked for"
    );
    // The local file was read from disk, not over HTTP.
    let downloads = api.calls(DOWNLOAD);
    assert!(
        downloads.iter().all(|c| !c.body["path"]
            .as_str()
            .is_some_and(|p| p.contains("file_5"))),
        "{downloads:?}"
    );
}

/// A file posted in a group is never fetched, and the group is told nothing about it.
async fn a_file_in_a_group_is_left_alone(api: &FakeApi) {
    api.add_file("grup-kunci", "documents/file_6.xlsx", kahoot_xlsx());
    api.push_update(fake_api::group_document(
        OTHER_CLASS,
        TEACHER,
        TEACHER_NAME,
        "grup-kunci",
        "Kunci Ulangan.xlsx",
        Some(4_000),
        Some("kunci-ulangan"),
    ));
    // Updates are handled in order: once the later /fakta is answered, the file was handled.
    api.push_update(fake_api::group_text(OTHER_CLASS, ANI, "Ani", "/fakta"));
    api.wait_message(OTHER_CLASS, "💡 <b>Fakta").await;
    let fetched = api
        .calls("getFile")
        .iter()
        .any(|c| c.body["file_id"] == "grup-kunci");
    assert!(!fetched, "a file posted in a group was fetched");
    let to_group: Vec<String> = api
        .calls("sendMessage")
        .iter()
        .filter(|c| c.body["chat_id"].as_i64() == Some(OTHER_CLASS))
        .map(text_of)
        .collect();
    assert_eq!(to_group.len(), 1, "only the fact: {to_group:?}");
}

/// The teacher runs the Kahoot set in class: two students answer, the teacher is credited,
/// the board counts the round.
async fn the_kahoot_set_runs_in_class(api: &FakeApi) {
    api.push_update(fake_api::group_text(
        CLASS,
        TEACHER,
        TEACHER_NAME,
        "/kuis kahoot-bab-1 2 10",
    ));
    let started = api.wait_message(CLASS, "Kuis dimulai").await;
    let started = text_of(&started);
    assert!(
        started.contains(&format!(
            "2 soal dari set <b>kahoot-bab-1</b> buatan {TEACHER_NAME}, 10 detik per soal"
        )),
        "{started}"
    );

    let q1 = question(api, 1).await;
    let (right, wrong) = right_and_wrong(&q1, &KAHOOT_TAKEN);
    let first = press(api, &q1, ANI, "Ani", &right);
    assert_eq!(toast(api, &first).await, "Jawaban tercatat ✅");
    press(api, &q1, DODI, "Dodi", &wrong);
    let text = reveal(api, q1.message_id).await;
    assert!(
        text.contains(&format!("Soal dari {TEACHER_NAME}")),
        "the teacher is credited, not an article: {text}"
    );
    assert!(
        text.contains("Yang benar, tercepat dulu:\n1. Ani — +"),
        "{text}"
    );
    assert!(text.contains("2 menjawab, 1 benar, 1 salah"), "{text}");

    let q2 = question(api, 2).await;
    assert_ne!(q1.html, q2.html, "two different questions");
    let (right, _) = right_and_wrong(&q2, &KAHOOT_TAKEN);
    press(api, &q2, ANI, "Ani", &right);
    let text = reveal(api, q2.message_id).await;
    assert!(
        text.contains(&format!("Soal dari {TEACHER_NAME}")),
        "{text}"
    );

    let podium_call = api.wait_message(CLASS, "Kuis selesai").await;
    // Its button opens the practice of what each got wrong.
    let markup = podium_call.body["reply_markup"].to_string();
    assert!(markup.contains("?start=latihan"), "{markup}");
    let podium = text_of(&podium_call);
    assert!(podium.contains("🥇 Ani — "), "{podium}");
    assert!(podium.contains("(2 benar)"), "{podium}");
    let board = text_of(&api.wait_message(CLASS, "Papan skor kelas").await);
    assert!(board.contains("🥇 Ani — "), "{board}");
    assert!(board.contains("(2 benar dari 2)"), "{board}");
    assert!(board.contains("Dodi — 0 poin (0 benar dari 1)"), "{board}");

    // A question the bot cannot answer is kept for the report.
    api.push_update(fake_api::group_text(
        CLASS,
        ANI,
        "Ani",
        "/tanya kenapa langit berwarna biru?",
    ));
    api.wait_message(CLASS, "belum tahu").await;

    // The class report: a chart and its text in the teacher's private chat.
    api.push_update(fake_api::group_text(
        CLASS,
        TEACHER,
        TEACHER_NAME,
        "/laporan",
    ));
    api.wait_message(CLASS, "Laporan kelas sudah kukirim").await;
    let photo = api
        .wait_for(
            Duration::from_secs(20),
            "the report's chart",
            |calls: &[Call]| {
                calls
                    .iter()
                    .find(|c| {
                        c.method == "sendPhoto" && c.body["chat_id"].as_i64() == Some(TEACHER)
                    })
                    .cloned()
            },
        )
        .await;
    let png = photo.file.expect("the chart's bytes");
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    let text = text_of(&api.wait_message(TEACHER, "Laporan kuis").await);
    assert!(text.contains("set kahoot-bab-1"), "{text}");
    assert!(text.contains("benar 1 dari 2"), "{text}");
    assert!(text.contains("kenapa langit berwarna biru?"), "{text}");

    // What Dodi got wrong comes back in his practice (the podium's button opens it).
    api.push_update(fake_api::private_text(DODI, "Dodi", "/start latihan"));
    let started = text_of(&api.wait_message(DODI, "Latihan dimulai").await);
    assert!(
        started.contains("1 di antaranya soal yang dulu kamu jawab salah"),
        "{started}"
    );
    let practice = text_of(&api.wait_message(DODI, "Soal 1/").await);
    assert!(
        KAHOOT_TAKEN.iter().any(|i| practice.contains(i.question)),
        "{practice}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spreadsheets_and_pasted_lists_become_sets_that_run_in_class_and_outlive_a_restart() {
    let api = FakeApi::start().await;
    api.make_teacher(CLASS, TEACHER);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bot = BotProcess::start_ready(&api, dir.path(), &[FAST]).await;

    // Kahoot's template first: the round in class runs it while the rest is sent.
    let kahoot = kahoot_xlsx();
    api.add_file("kahoot", "documents/file_1.xlsx", kahoot.clone());
    api.push_update(fake_api::private_document(
        TEACHER,
        TEACHER_NAME,
        "kahoot",
        "Kahoot Bab 1.xlsx",
        Some(kahoot.len() as u64),
        None,
    ));
    let text = wait_message_from(
        &api,
        0,
        TEACHER,
        "Tersimpan sebagai set <code>kahoot-bab-1</code> (2 soal).",
    )
    .await;
    assert!(
        text.starts_with("✅ <b>2 soal diterima</b>, 1 baris dilewati."),
        "{text}"
    );
    // Downloaded where Telegram serves files, the path's slashes as they are.
    let uris: Vec<String> = api
        .calls(DOWNLOAD)
        .iter()
        .map(|c| c.body["uri"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(
        uris.iter()
            .any(|u| u.ends_with("/documents/file_1.xlsx") && u.starts_with("/file/bot")),
        "{uris:?}"
    );
    assert!(
        text.contains("• baris 10: hanya boleh satu jawaban benar per soal, tertulis 1,3"),
        "{text}"
    );
    assert!(
        text.contains("• baris 11: waktu 240 detik diubah menjadi 120 detik"),
        "{text}"
    );

    let local_dir = tempfile::tempdir().expect("tempdir");
    tokio::join!(
        the_kahoot_set_runs_in_class(&api),
        teacher_sends_a_quizizz_file_a_csv_and_a_pasted_list(&api),
        files_too_large_unknown_and_local(&api, local_dir.path()),
        a_file_in_a_group_is_left_alone(&api),
    );

    bot.signal(libc::SIGTERM);
    assert_eq!(bot.wait_exit(Duration::from_secs(20)).await, Some(0));
    // Each set in its own file, under its owner.
    let sets = dir.path().join("data").join("sets");
    assert_eq!(
        set_files(&sets.join(TEACHER.to_string())),
        [
            "bab-2-quizizz.json",
            "kahoot-bab-1.json",
            "tempel-1.json",
            "ulangan-harian-1.json"
        ]
    );
    assert_eq!(
        set_files(&sets.join(JOKO.to_string())),
        ["lokal-bab-3.json"]
    );
    let kahoot = load_set(&sets.join(TEACHER.to_string()), "kahoot-bab-1");
    assert_eq!(kahoot.owner, TEACHER);
    assert_eq!(kahoot.author, TEACHER_NAME);
    let got: Vec<(&str, usize, Option<u32>)> = kahoot
        .questions
        .iter()
        .map(|q| (q.question.as_str(), q.answer, q.seconds))
        .collect();
    assert_eq!(
        got,
        [
            (KAHOOT_TAKEN[0].question, 1, Some(20)),
            (KAHOOT_TAKEN[1].question, 1, Some(120)),
        ],
        "number cells read as numbers"
    );
    let csv = load_set(&sets.join(TEACHER.to_string()), "ulangan-harian-1");
    assert_eq!(csv.questions[0].question, "Negara terluas di ASEAN?");
    assert_eq!(
        csv.questions[0].explanation.as_deref(),
        Some("Luasnya sekitar 1,9 juta km².")
    );
    assert_eq!(
        csv.questions[1].question,
        "KTT ASEAN pertama; diadakan di kota?"
    );
    assert_eq!(csv.questions[1].options, ["Bali", "Manila"]);
    let quizizz = load_set(&sets.join(TEACHER.to_string()), "bab-2-quizizz");
    assert_eq!(quizizz.questions[1].answer, 1, "Jakarta");
    let local = load_set(&sets.join(JOKO.to_string()), "lokal-bab-3");
    assert_eq!(local.questions[0].options, ["Kuala Lumpur", "Putrajaya"]);

    // A new process knows them all from disk.
    let _bot = BotProcess::start_ready(&api, dir.path(), &[FAST]).await;
    let mark = api.all_calls().len();
    api.push_update(fake_api::private_text(TEACHER, TEACHER_NAME, "/kuisku"));
    let list = wait_message_from(&api, mark, TEACHER, "Set soalmu").await;
    assert!(list.contains("(4 dari "), "{list}");
    for (name, count) in [
        ("bab-2-quizizz", 2),
        ("kahoot-bab-1", 2),
        ("tempel-1", 2),
        ("ulangan-harian-1", 2),
    ] {
        assert!(
            list.contains(&format!("<code>/kuis {name}</code> — {count} soal")),
            "{name}: {list}"
        );
    }
    assert!(
        !list.contains("lokal-bab-3"),
        "another teacher's set: {list}"
    );

    // The file posted in the group was never fetched, even late.
    assert!(
        !api.calls("getFile")
            .iter()
            .any(|c| c.body["file_id"] == "grup-kunci")
    );
    assert!(
        !api.calls(DOWNLOAD)
            .iter()
            .any(|c| c.body["path"] == "documents/file_6.xlsx")
    );
}
