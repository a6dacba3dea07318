//! What the bot says about homework (`/tugas`): the group message and its count, the
//! reminder, the summary at the deadline, and the private chat where a student does it.

use super::cut;
use super::quiz::{letter, name};
use crate::html::escape;
use crate::quiz::deadline::{BadDeadline, MAX_DAYS};
use crate::quiz::homework::{COUNT_RANGE, Homework, Summary};

pub const BUTTON: &str = "📝 Kerjakan";
pub const CANCEL_BUTTON: &str = "Ya, batalkan tugas";

/// How the group message counts who finished: of the students the bot knows in the group,
/// when it knows any.
pub fn count_line(finished: usize, known: Option<usize>) -> String {
    match known {
        _ if finished == 0 => "✍️ Belum ada yang selesai mengerjakan.".to_string(),
        Some(of) => format!("✍️ <b>{finished} dari {of}</b> siswa sudah mengerjakan."),
        None => format!("✍️ <b>{finished}</b> siswa sudah mengerjakan."),
    }
}

fn feedback_line(feedback: bool) -> &'static str {
    if feedback {
        "Benar atau salahnya terlihat setelah tiap jawaban."
    } else {
        "Nilai dan pembahasannya kukirim saat tugas ditutup, supaya jawaban tidak beredar \
         sebelum semua selesai."
    }
}

/// The group message: what, how many questions, until when, and the count.
pub fn posted(h: &Homework, deadline: &str, count: &str) -> String {
    format!(
        "📝 <b>Tugas dari {}</b>\n{}: {} soal pilihan ganda\n⏰ Tenggat: <b>{deadline}</b>\n\n\
         Kerjakan sendiri di chat pribadi dengan bot: tekan <b>Kerjakan</b>. Tidak ada batas \
         waktu per soal, dan setiap siswa punya satu kesempatan. {}\n\n{count}",
        name(&h.teacher.1),
        escape(&h.title),
        h.tasks.len(),
        feedback_line(h.feedback),
    )
}

/// The group message once the homework closed (its button removed).
pub fn posted_closed(h: &Homework, deadline: &str, cancelled: bool) -> String {
    let end = if cancelled {
        "❌ <b>Tugas ini dibatalkan guru.</b>"
    } else {
        "🔒 <b>Tugas ini sudah ditutup.</b> Hasilnya ada di pesan ringkasan."
    };
    format!(
        "📝 <b>Tugas dari {}</b>\n{}: {} soal pilihan ganda\n⏰ Tenggat: {deadline}\n\n{end}",
        name(&h.teacher.1),
        escape(&h.title),
        h.tasks.len(),
    )
}

/// `/tugas` with nothing after it where no homework is open.
pub const NONE_OPEN: &str = "Belum ada tugas terbuka di grup ini.\n\nGuru bisa memberi tugas \
     dengan <code>/tugas [jumlah] [topik atau nama-set] [sampai waktu]</code>, misalnya \
     <code>/tugas 10 sampai besok 07:00</code>.";

/// A second `/tugas` while one is open.
pub const ALREADY_OPEN: &str = "Masih ada tugas yang terbuka (di bawah). Satu grup hanya punya \
     satu tugas terbuka: tunggu tenggatnya, atau batalkan dengan /batalkantugas.";

pub const NO_QUESTIONS: &str = "Tidak ada soal yang bisa dijadikan tugas dari pilihan itu.";

/// How `/tugas` is written, after arguments it could not read.
pub fn usage(topics: &str) -> String {
    format!(
        "Cara memberi tugas:\n<code>/tugas [jumlah] [topik atau nama-set] [sampai waktu] \
         [umpan-balik]</code>\n\n• jumlah: {}–{} soal (tanpa angka: 10, atau semua soal set)\n\
         • topik: {topics}; atau nama set soalmu dari /kuisku\n\
         • waktu: <code>20:00</code>, <code>besok 07:00</code>, <code>senin 07:00</code>, \
         <code>3 jam</code> (tanpa <code>sampai</code>: besok 07:00)\n\
         • <code>umpan-balik</code>: siswa langsung tahu benar/salah tiap jawaban\n\n\
         Contoh: <code>/tugas 10 sampai besok 07:00</code>",
        COUNT_RANGE.0, COUNT_RANGE.1
    )
}

pub fn bad_deadline(why: BadDeadline, written: &str) -> String {
    let what = escape(&cut(written, 40));
    match why {
        BadDeadline::Unreadable => format!(
            "Aku belum paham tenggat \"{what}\". Tulis misalnya <code>sampai 20:00</code>, \
             <code>sampai besok 07:00</code>, <code>sampai senin 07:00</code> atau \
             <code>sampai 3 jam</code>."
        ),
        BadDeadline::Past => format!(
            "Tenggat \"{what}\" sudah lewat. Pilih waktu yang belum lewat, misalnya \
             <code>sampai besok 07:00</code>."
        ),
        BadDeadline::TooFar => format!(
            "Tenggat paling lama {MAX_DAYS} hari dari sekarang; \"{what}\" lebih jauh dari itu."
        ),
    }
}

pub const CANCEL_ASK: &str = "Batalkan tugas yang terbuka? Jawaban yang sudah masuk tidak \
     dihitung di papan skor. Hanya guru yang meminta yang bisa menekan tombolnya.";
pub const CANCEL_DONE: &str = "Tugas dibatalkan.";
pub const CANCEL_GONE: &str = "Tugas itu sudah tidak terbuka.";
pub const CANCEL_EXPIRED: &str = "Waktu konfirmasi sudah habis. Ketik /batalkantugas lagi.";
pub const NOTHING_TO_CANCEL: &str = "Tidak ada tugas terbuka yang bisa dibatalkan.";

/// An hour before the deadline (`minutes` left), when fewer than half finished.
pub fn reminder(h: &Homework, deadline: &str, minutes: i64, count: &str) -> String {
    let left = if minutes >= 55 {
        "sekitar 1 jam lagi".to_string()
    } else {
        format!("{minutes} menit lagi")
    };
    format!(
        "⏰ Tugas <b>{}</b> ditutup {left} ({deadline}).\n{count}\n\
         Yang belum, tekan <b>Kerjakan</b> di bawah.",
        escape(&h.title)
    )
}

/// The summary at the deadline.
pub fn summary(h: &Homework, s: &Summary, late: bool, early: bool) -> String {
    let mut out = format!("🏁 <b>Tugas ditutup: {}</b>\n", escape(&h.title));
    if early {
        out.push_str("Semua siswa grup ini sudah mengerjakan.\n");
    }
    if late {
        out.push_str("(Bot sempat tidak aktif saat tenggat, jadi ringkasan ini terlambat.)\n");
    }
    if s.took_part == 0 {
        out.push_str("\nTidak ada yang mengerjakan tugas ini.");
        return out;
    }
    out.push_str(&format!(
        "\n👥 Yang mengerjakan: <b>{}</b> ({} menjawab semua soal)\n",
        s.took_part, s.finished
    ));
    if let Some(share) = s.share_right {
        out.push_str(&format!(
            "✅ Jawaban benar sekelas: <b>{}%</b>\n",
            (share * 100.0).round() as u32
        ));
    }
    out.push_str("\n<b>Terbanyak benar</b> (sama banyak: yang lebih dulu selesai):\n");
    for (i, r) in s.top.iter().enumerate() {
        out.push_str(&format!(
            "{}. {} — {} dari {} benar\n",
            i + 1,
            name(&r.name),
            r.right,
            h.tasks.len()
        ));
    }
    if let Some((task, wrong, answered)) = s.most_missed
        && let Some(t) = h.tasks.get(task)
    {
        let item = &t.item;
        let right = item.options.get(item.answer).map_or("", String::as_str);
        out.push_str(&format!(
            "\n❌ <b>Paling sering salah</b> ({wrong} dari {answered} salah):\n{}\n\
             Jawaban benar: <b>{}</b>\n",
            escape(&item.question),
            escape(right)
        ));
        if !item.explanation.trim().is_empty() {
            out.push_str(&format!("<i>{}</i>\n", escape(&item.explanation)));
        }
        out.push_str(&t.credit);
    }
    out.trim_end().to_string()
}

/// A private `/start` from a homework's button: Telegram did not say the student is in its
/// group (they are not, or it could not be asked just now).
pub fn not_member(group: &str) -> String {
    format!(
        "Tugas ini hanya untuk anggota grup {}, dan aku belum bisa memastikan kamu anggotanya. \
         Kalau kamu memang anggota grup itu, coba tekan <b>Kerjakan</b> lagi sebentar lagi.",
        escape(group)
    )
}

pub const GONE: &str = "Tugas ini sudah ditutup atau dibatalkan, jadi tidak bisa dikerjakan \
     lagi. Hasilnya diumumkan di grup.";
pub const FULL: &str = "Maaf, tugas ini sudah dikerjakan terlalu banyak siswa, jadi tidak bisa \
     menerima yang baru.";
pub const TOAST_RECORDED: &str = "Jawaban tercatat ✅";
pub const TOAST_CLOSED: &str = "Tugas ini sudah ditutup";
pub const TOAST_DONE: &str = "Soal ini sudah kamu jawab";

/// A student starting: what, how many, until when, how it goes.
pub fn intro(h: &Homework, group: &str, deadline: &str) -> String {
    format!(
        "📝 <b>Tugas {}</b> dari grup {}\n{} soal, tenggat <b>{deadline}</b>.\n\n\
         Jawab dengan menekan tombol di bawah soal; tidak ada batas waktu per soal. Kamu boleh \
         berhenti dan melanjutkan kapan saja sebelum tenggat: tekan lagi <b>Kerjakan</b> di grup \
         atau ketik /tugas di sini. {}",
        escape(&h.title),
        escape(group),
        h.tasks.len(),
        feedback_line(h.feedback)
    )
}

pub fn resumed(question: usize, total: usize) -> String {
    format!("▶️ Melanjutkan tugas dari soal {}/{total}.", question + 1)
}

/// Pressing the button again after finishing.
pub fn done_already(h: &Homework, right: u32, total: usize, deadline: &str) -> String {
    if h.feedback {
        format!("Kamu sudah mengerjakan tugas ini: {right} dari {total} benar.")
    } else {
        format!(
            "Kamu sudah mengerjakan tugas ini. Nilai dan pembahasannya kukirim saat tugas \
             ditutup ({deadline})."
        )
    }
}

/// The question's message after it was answered (its buttons removed).
pub fn answered(question_html: &str, choice: usize) -> String {
    format!("{question_html}\n\nJawabanmu: <b>{}</b>", letter(choice))
}

/// The last answer went in.
pub fn finished(h: &Homework, right: u32, deadline: &str) -> String {
    if h.feedback {
        format!(
            "🏁 <b>Tugas selesai!</b> {right} dari {} benar. Hasil kelas diumumkan di grup saat \
             tugas ditutup ({deadline}).",
            h.tasks.len()
        )
    } else {
        format!(
            "🏁 <b>Tugas selesai!</b> Semua jawabanmu sudah tercatat. Nilai dan pembahasannya \
             kukirim di sini saat tugas ditutup ({deadline})."
        )
    }
}

/// At the deadline, to each student who took part (homework without feedback after each
/// answer): their result, then each question with the right answer, in their order. Cut into
/// messages Telegram takes.
pub fn result(h: &Homework, user: i64) -> Vec<String> {
    let Some(a) = h.attempts.get(&user) else {
        return Vec::new();
    };
    let mut parts = vec![format!(
        "📝 <b>Hasil tugas {}</b>: {} dari {} benar{}.",
        escape(&h.title),
        a.right(&h.tasks),
        h.tasks.len(),
        if a.finished() {
            String::new()
        } else {
            format!(
                " ({} soal tidak sempat dijawab)",
                a.order.len() - a.answers.len()
            )
        }
    )];
    for (n, asked) in a.order.iter().enumerate() {
        let Some(t) = h.tasks.get(asked.item) else {
            continue;
        };
        let item = &t.item;
        let right = item.options.get(item.answer).map_or("", String::as_str);
        let mark = match a.answers.get(n) {
            None => "➖",
            Some(_) if a.was_right(n, &h.tasks) => "✅",
            Some(_) => "❌",
        };
        let mut block = format!(
            "{mark} <b>{}.</b> {}\nJawaban benar: <b>{}</b>",
            n + 1,
            escape(&cut(&item.question, 300)),
            escape(right)
        );
        if mark != "✅" && !item.explanation.trim().is_empty() {
            block.push_str(&format!(
                "\n<i>{}</i>",
                escape(&cut(&item.explanation, 400))
            ));
        }
        parts.push(block);
    }
    pack(parts, 3_800)
}

/// Joins `parts` with blank lines into messages of at most `max` characters each.
fn pack(parts: Vec<String>, max: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in parts {
        match out.last_mut() {
            Some(last) if last.chars().count() + part.chars().count() + 2 <= max => {
                last.push_str("\n\n");
                last.push_str(&part);
            }
            _ => out.push(part),
        }
    }
    out
}

/// `/tugas` in a private chat: the student's homework still open.
pub fn mine(open: &[(String, String, String, Option<usize>)]) -> String {
    if open.is_empty() {
        return "Tidak ada tugas terbuka untukmu sekarang. Tugas diberikan guru di grup kelas; \
                tekan <b>Kerjakan</b> di pesan tugasnya."
            .to_string();
    }
    let mut out = String::from("📝 <b>Tugas terbuka</b>\n");
    for (group, title, deadline, at) in open {
        let state = match at {
            Some(q) => format!("lanjut dari soal {}", q + 1),
            None => "belum dimulai".to_string(),
        };
        out.push_str(&format!(
            "• {} — {} (tenggat {deadline}): {state}\n",
            escape(group),
            escape(title)
        ));
    }
    out.push_str("\nTekan tombolnya untuk mengerjakan.");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_results_are_cut_into_messages_telegram_takes() {
        let parts: Vec<String> = (0..30)
            .map(|n| format!("{n} {}", "x".repeat(300)))
            .collect();
        let messages = pack(parts, 3_800);
        assert!(messages.len() > 1);
        assert!(messages.iter().all(|m| m.chars().count() <= 3_800));
        assert!(
            messages[0].starts_with("0 ") && messages.last().is_some_and(|m| m.contains("29 "))
        );
    }

    #[test]
    fn the_count_names_the_class_only_when_it_is_known() {
        assert!(count_line(0, Some(30)).contains("Belum ada"));
        assert!(count_line(12, Some(30)).contains("12 dari 30"));
        assert!(!count_line(12, None).contains("dari"));
    }
}
