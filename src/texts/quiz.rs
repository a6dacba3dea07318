//! What the bot says around quizzes, scores and practice. Telegram HTML; names and content
//! are escaped here.

use super::citation;
use crate::content::{Content, QuizItem};
use crate::html::escape;
use crate::quiz::board::{Board, Player};
use crate::quiz::{Answer, Asked, COUNT_RANGE, Earned};

const LETTERS: [&str; 4] = ["A", "B", "C", "D"];
/// Longest name shown; longer ones are cut (a name is chosen by the student).
const NAME_CHARS: usize = 32;
/// Rows shown on a board.
pub const TOP: usize = 10;

pub fn letter(choice: usize) -> &'static str {
    LETTERS.get(choice).copied().unwrap_or("?")
}

/// A student's name, escaped and cut to a sensible length.
pub fn name(raw: &str) -> String {
    let cut: String = raw.chars().take(NAME_CHARS).collect();
    let cut = if cut.trim().is_empty() {
        "Tanpa nama".to_string()
    } else {
        cut
    };
    if raw.chars().count() > NAME_CHARS {
        format!("{}…", escape(&cut))
    } else {
        escape(&cut)
    }
}

/// "1.234" — thousands with a dot, as Indonesians write them.
pub fn number(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// "2,4" seconds, with a decimal comma.
fn seconds(ms: i64) -> String {
    let tenths = (ms.max(0) + 50) / 100;
    format!("{},{}", tenths / 10, tenths % 10)
}

/// The topics a teacher may name, as they are typed.
pub fn topics_list(content: &Content) -> String {
    content
        .pack
        .topics
        .iter()
        .map(|t| format!("<code>{}</code>", escape(&t.id)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `/kuis` with arguments out of range or unknown.
pub fn bad_quiz_args(min_s: u32, max_s: u32, content: &Content) -> String {
    let example = content.pack.topics.first().map_or("", |t| t.id.as_str());
    format!(
        "Format: <code>/kuis [jumlah] [detik] [topik]</code>\n\
         • jumlah soal: {}–{} (bawaan {})\n\
         • detik per soal: {min_s}–{max_s}\n\
         • topik (boleh tidak diisi): {}\n\
         Contoh: <code>/kuis 5 20</code> atau <code>/kuis 10 30 {}</code>",
        COUNT_RANGE.0,
        COUNT_RANGE.1,
        crate::quiz::DEFAULT_COUNT,
        topics_list(content),
        escape(example),
    )
}

pub const ALREADY_RUNNING: &str =
    "Masih ada kuis yang berjalan di grup ini. Guru bisa menghentikannya dengan /stopkuis.";
pub const NONE_RUNNING: &str = "Tidak ada kuis yang sedang berjalan.";
pub const NO_QUESTIONS: &str = "Maaf, belum ada soal untuk topik itu.";

pub fn started(
    count: usize,
    asked_for: usize,
    secs: u32,
    topic: Option<&str>,
    content: &Content,
) -> String {
    let about = topic.map_or_else(String::new, |t| {
        format!(" tentang {}", escape(content.topic_label(t)))
    });
    let fewer = if count < asked_for {
        format!(" (hanya ada {count} soal untuk topik ini)")
    } else {
        String::new()
    };
    format!(
        "🎯 <b>Kuis dimulai!</b> {count} soal{about}{fewer}, {secs} detik per soal.\n\
         Pilih jawaban dengan tombol di bawah soal. Jawaban pertama yang dihitung; makin cepat \
         benar, makin besar poinnya. Jawaban benar berturut-turut dapat bonus!"
    )
}

/// A question message; `answers` is the live count (shown once someone answered).
pub fn question(
    number: usize,
    total: usize,
    secs: Option<u32>,
    item: &QuizItem,
    asked: &Asked,
    answers: usize,
) -> String {
    let mut out = match secs {
        Some(s) => format!("❓ <b>Soal {number}/{total}</b> · ⏱ {s} detik\n\n"),
        None => format!("❓ <b>Soal {number}/{total}</b>\n\n"),
    };
    out.push_str(&escape(&item.question));
    out.push_str("\n\n");
    for (shown, &option) in asked.order.iter().enumerate() {
        let text = item.options.get(option).map_or("", String::as_str);
        out.push_str(&format!("<b>{}.</b> {}\n", letter(shown), escape(text)));
    }
    if answers > 0 {
        out.push_str(&format!("\n✋ {answers} jawaban masuk"));
    }
    out.trim_end().to_string()
}

/// The final edit of a question: the correct answer, why, and who was right, fastest first.
pub fn reveal(
    number: usize,
    total: usize,
    item: &QuizItem,
    asked: &Asked,
    answers: &[Answer],
    credit: &str,
) -> String {
    let correct = asked.correct_choice(item);
    let text = item.options.get(item.answer).map_or("", String::as_str);
    let mut out = format!(
        "❓ <b>Soal {number}/{total}</b>\n{}\n\n✅ Jawaban: <b>{}. {}</b>\n{}\n",
        escape(&item.question),
        letter(correct),
        escape(text),
        explanation(item)
    );
    let right: Vec<&Answer> = answers.iter().filter(|a| a.correct).collect();
    if right.is_empty() {
        out.push_str("Belum ada yang menjawab benar.");
    } else {
        out.push_str("Yang benar, tercepat dulu:\n");
        for (i, a) in right.iter().take(TOP).enumerate() {
            out.push_str(&format!(
                "{}. {} — +{} ({} dtk)\n",
                i + 1,
                name(&a.student.name),
                number_u32(a.points),
                seconds(a.elapsed.as_millis() as i64)
            ));
        }
        if right.len() > TOP {
            out.push_str(&format!("…dan {} lainnya\n", right.len() - TOP));
        }
    }
    let wrong = answers.len() - right.len();
    out.push_str(&format!(
        "\n{} menjawab, {} benar, {wrong} salah.\n{}",
        answers.len(),
        right.len(),
        credit
    ));
    out
}

/// An item's explanation in italics, then a line break; nothing when it has none (a teacher's
/// set may not give one).
fn explanation(item: &QuizItem) -> String {
    if item.explanation.trim().is_empty() {
        String::new()
    } else {
        format!("<i>{}</i>\n", escape(&item.explanation))
    }
}

/// Who a question comes from, under its answer: the article it was written from, or for a
/// teacher's own set the teacher ("Soal dari Bu Sari").
pub fn credit(content: &Content, item: &QuizItem) -> String {
    match &content.pack.author {
        Some(author) => format!("<i>Soal dari {}</i>", escape(author)),
        None => citation(content.source(&item.source), &item.source),
    }
}

fn number_u32(n: u32) -> String {
    number(u64::from(n))
}

fn medal(place: usize) -> String {
    match place {
        1 => "🥇".into(),
        2 => "🥈".into(),
        3 => "🥉".into(),
        n => format!("{n}."),
    }
}

/// End of round: the podium and the round's top 10.
pub fn podium(standings: &[(i64, &Earned)], silent: bool, stopped: bool) -> String {
    let mut out = String::from(if silent {
        "⏹ <b>Kuis berhenti</b> karena dua soal berturut-turut tidak ada yang menjawab.\n\n"
    } else if stopped {
        "⏹ <b>Kuis dihentikan guru.</b> Poin yang sudah didapat tetap dihitung.\n\n"
    } else {
        "🏁 <b>Kuis selesai!</b>\n\n"
    });
    let scored: Vec<&(i64, &Earned)> = standings.iter().filter(|(_, e)| e.points > 0).collect();
    if scored.is_empty() {
        out.push_str("Belum ada yang mendapat poin di ronde ini.");
        return out;
    }
    out.push_str("<b>Ronde ini:</b>\n");
    for (i, (_, e)) in scored.iter().take(TOP).enumerate() {
        out.push_str(&format!(
            "{} {} — {} poin ({} benar)\n",
            medal(i + 1),
            name(&e.name),
            number(e.points),
            e.correct
        ));
    }
    out.trim_end().to_string()
}

/// The group's cumulative top 10; with `me`, the caller's own place under it.
pub fn standing(board: &Board, me: Option<(i64, &str)>) -> String {
    if board.is_empty() {
        return "📊 Papan skor grup ini masih kosong. Guru bisa memulai kuis dengan /kuis."
            .to_string();
    }
    let ranking = board.ranking();
    let mut out = String::from("📊 <b>Papan skor kelas</b>\n");
    for (i, (_, p)) in ranking.iter().take(TOP).enumerate() {
        out.push_str(&format!("{} {}\n", medal(i + 1), player_line(p)));
    }
    if let Some((id, who)) = me {
        match ranking.iter().position(|(pid, _)| *pid == id) {
            Some(i) if i >= TOP => out.push_str(&format!(
                "…\n{}. {} (kamu)\n",
                i + 1,
                player_line(ranking[i].1)
            )),
            Some(_) => {}
            None => out.push_str(&format!(
                "\n{}, kamu belum punya skor di grup ini. Ikut kuis berikutnya, ya!",
                name(who)
            )),
        }
    }
    out.trim_end().to_string()
}

fn player_line(p: &Player) -> String {
    format!(
        "{} — {} poin ({} benar dari {}){}",
        name(&p.name),
        number(p.points),
        p.correct,
        p.answered,
        homework_part(p)
    )
}

/// " · tugas 7/10" when the student answered homework here.
fn homework_part(p: &Player) -> String {
    if p.homework_answered == 0 {
        String::new()
    } else {
        format!(" · tugas {}/{}", p.homework_right, p.homework_answered)
    }
}

/// `/skor` in a private chat: the student's place in each group.
pub fn my_scores(rows: &[(Option<String>, usize, usize, &Player)]) -> String {
    if rows.is_empty() {
        return "Kamu belum punya skor kuis. Ikuti kuis di grup kelasmu, atau berlatih sendiri \
                dengan /latihan."
            .to_string();
    }
    let mut out = String::from("📊 <b>Skor kuismu</b>\n");
    for (title, rank, of, p) in rows {
        let group = title.as_deref().map_or_else(|| "Grup".to_string(), escape);
        out.push_str(&format!(
            "• {group}: {} poin, peringkat {rank} dari {of} ({} benar dari {}){}\n",
            number(p.points),
            p.correct,
            p.answered,
            homework_part(p)
        ));
    }
    out.trim_end().to_string()
}

pub const TOAST_RECORDED: &str = "Jawaban tercatat ✅";
pub const TOAST_ALREADY: &str = "Kamu sudah menjawab";
pub const TOAST_CLOSED: &str = "Soal ini sudah ditutup";
pub const TOAST_NOT_SHOWN: &str = "Soal belum tampil";

/// The toast after a practice answer.
pub fn practice_toast(correct: bool) -> &'static str {
    if correct {
        "Benar! ✅"
    } else {
        "Kurang tepat ❌"
    }
}

pub const INTERRUPTED: &str = "⚠️ Kuis tadi terhenti karena bot dimulai ulang. Poin dari soal \
     yang sudah dibahas tetap tersimpan. Guru bisa memulai kuis baru dengan /kuis.";

pub const RESET_ASK: &str = "Yakin ingin menghapus <b>semua skor</b> grup ini? Tekan tombol di \
     bawah dalam 60 detik untuk mengonfirmasi.";
pub const RESET_BUTTON: &str = "Ya, hapus semua skor";
pub const RESET_DONE: &str = "🧹 Papan skor grup ini sudah dikosongkan.";
pub const RESET_NOT_YOURS: &str = "Hanya guru yang meminta yang bisa mengonfirmasi.";
pub const RESET_EXPIRED: &str = "Waktu konfirmasi sudah habis. Ketik /resetskor lagi.";

pub const EXPORT_EMPTY: &str = "Papan skor grup ini masih kosong, belum ada yang bisa diekspor.";
pub const EXPORT_SENT: &str = "📄 Papan skor sudah kukirim lewat chat pribadi.";
pub const EXPORT_NOT_TEACHER: &str =
    "Maaf, hanya guru (admin) grup itu yang bisa mengunduh papan skornya.";
pub const EXPORT_BUTTON: &str = "Buka chat dengan bot";

pub fn export_caption(title: Option<&str>) -> String {
    match title {
        Some(t) => format!("Papan skor {}", escape(t)),
        None => "Papan skor grup".to_string(),
    }
}

/// When the file cannot go to the teacher's private chat yet.
pub const EXPORT_START_FIRST: &str = "Untuk menerima file papan skor, buka chat pribadi dengan \
     bot lewat tombol di bawah dan tekan <b>Mulai</b>; file langsung dikirim ke sana.";

pub fn practice_bad_args(content: &Content) -> String {
    format!(
        "Format: <code>/latihan [jumlah] [topik]</code> — jumlah soal {}–{} (bawaan {}). \
         Topik (boleh tidak diisi): {}",
        COUNT_RANGE.0,
        COUNT_RANGE.1,
        crate::quiz::DEFAULT_COUNT,
        topics_list(content)
    )
}

pub const PRACTICE_IN_PRIVATE: &str =
    "Latihan dilakukan di chat pribadi denganku. Buka chat denganku lalu ketik /latihan.";

/// A practice began; `due` of its questions are ones the student got wrong before.
pub fn practice_start(count: usize, due: usize) -> String {
    let again = if due > 0 {
        format!(" {due} di antaranya soal yang dulu kamu jawab salah — coba lagi!")
    } else {
        String::new()
    };
    format!(
        "📝 <b>Latihan dimulai:</b> {count} soal, tanpa batas waktu.{again} Setelah tiap jawaban \
         kamu langsung tahu benar atau salah, beserta penjelasannya."
    )
}

pub const NOTHING_DUE: &str = "👍 Belum ada soal yang perlu diulang. Ini latihan biasa.";

/// A student's own `/skor` adds how many questions wait to be practised again.
pub fn due_line(due: usize) -> String {
    format!("🔁 {due} soal yang pernah kamu jawab salah menunggu diulang: ketik /latihan ulang.")
}

pub const REVIEW_BUTTON: &str = "🔁 Ulangi soal yang salah";

pub fn practice_feedback(item: &QuizItem, asked: &Asked, correct: bool) -> String {
    let text = item.options.get(item.answer).map_or("", String::as_str);
    let verdict = if correct {
        "✅ <b>Benar!</b>".to_string()
    } else {
        format!(
            "❌ <b>Kurang tepat.</b> Jawabannya <b>{}. {}</b>",
            letter(asked.correct_choice(item)),
            escape(text)
        )
    };
    format!("{verdict}\n{}", explanation(item))
        .trim_end()
        .to_string()
}

pub fn practice_summary(correct: u32, total: usize, best: u32, new_best: bool) -> String {
    let record = if new_best {
        "🎉 Rekor baru untuk latihan sepanjang ini!".to_string()
    } else {
        format!("Rekormu untuk {total} soal: {best}/{total}.")
    };
    format!(
        "🏁 <b>Latihan selesai:</b> {correct} dari {total} benar.\n{record}\n\
         Ketik /latihan untuk berlatih lagi."
    )
}
