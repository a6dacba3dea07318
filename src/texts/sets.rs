//! What the bot says about teachers' own sets: reading a file or a pasted list, the summary
//! with the first problems by row, `/kuisku`, `/templat`, replacing and deleting.

use super::cut;
use super::quiz::{letter, number};
use crate::html::escape;
use crate::sets::check::NoteKind;
use crate::sets::{
    MAX_FILE_BYTES, MAX_NAME_CHARS, MAX_QUESTIONS, MAX_SETS, NameProblem, Parsed, QuizSet,
    RowProblem, SECONDS_RANGE, SheetError,
};

/// What a cell or a file name held, escaped and cut short: a reply echoes it, and a cell may
/// hold pages.
fn quote(text: &str) -> String {
    escape(&cut(text, 40))
}

/// Problems listed by row in a summary; the rest are counted.
const SHOWN_PROBLEMS: usize = 5;
const SHOWN_NOTES: usize = 3;

/// Whether problems are placed by spreadsheet row or by the number of a pasted question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Row,
    Question,
}

impl Unit {
    fn word(self) -> &'static str {
        match self {
            Unit::Row => "baris",
            Unit::Question => "soal",
        }
    }
}

pub const PRIVATE_ONLY: &str = "Set soal dibuat dan diatur di chat pribadi denganku, supaya \
     kunci jawabannya tidak terlihat siswa. Buka chat pribadi dengan bot, lalu ketik perintahnya \
     di sana.";

pub const NOT_A_SET_FILE: &str = "Aku hanya bisa membaca soal dari berkas <b>.xlsx</b> atau \
     <b>.csv</b> (dari Excel, Google Sheets, Kahoot, atau Quizizz). Ketik /templat untuk contoh \
     formatnya, atau /buatkuis untuk menempelkan soal sebagai teks.";

pub fn too_large() -> String {
    format!(
        "Berkasnya terlalu besar: paling besar {} MB. Hapus kolom atau lembar yang tidak \
         dipakai, lalu kirim lagi.",
        MAX_FILE_BYTES >> 20
    )
}

pub fn reading(file_name: &str, name: &str) -> String {
    format!(
        "⏳ Membaca <b>{}</b> sebagai set <code>{}</code>…",
        quote(file_name),
        escape(name)
    )
}

pub fn bad_name(problem: NameProblem, name: &str, from_caption: bool) -> String {
    let why = match problem {
        NameProblem::Empty => "nama set harus berisi huruf atau angka".to_string(),
        NameProblem::OnlyDigits => format!("nama <code>{}</code> hanya angka", escape(name)),
        NameProblem::TooLong => format!("nama set paling panjang {MAX_NAME_CHARS} karakter"),
        NameProblem::Topic => format!(
            "<code>{}</code> sudah dipakai sebagai topik materi",
            escape(name)
        ),
        NameProblem::Reserved => format!("<code>{}</code> dipakai oleh perintah bot", escape(name)),
    };
    let how = if from_caption {
        "Kirim lagi berkasnya dengan keterangan (caption) berisi nama set, misalnya \
         <code>bab3-kerjasama</code>: huruf, angka, dan tanda hubung."
    } else {
        "Pakai huruf, angka, dan tanda hubung, misalnya <code>/buatkuis bab3-kerjasama</code>."
    };
    format!("Maaf, {why}. {how}")
}

pub fn too_many_sets() -> String {
    format!(
        "Kamu sudah punya {MAX_SETS} set, batas terbanyak. Hapus set yang tidak dipakai lewat \
         /kuisku, lalu kirim lagi."
    )
}

pub fn over_quota() -> String {
    "Ruang penyimpanan set-mu penuh. Hapus set yang tidak dipakai lewat /kuisku, lalu kirim \
     lagi."
        .to_string()
}

pub const STILL_READING: &str =
    "Berkasmu yang sebelumnya masih dibaca. Tunggu balasannya dulu, lalu kirim yang berikutnya.";
pub const BUSY: &str = "Sedang banyak berkas yang dibaca. Coba kirim lagi sebentar lagi, ya.";

pub const BOT_FULL: &str = "Maaf, penyimpanan set soal di bot ini sedang penuh. Beri tahu \
     pengelola bot, atau coba lagi nanti.";

pub const DOWNLOAD_FAILED: &str =
    "Maaf, berkasnya tidak bisa diunduh dari Telegram. Coba kirim sekali lagi.";
pub const TIMED_OUT: &str = "Maaf, berkas ini terlalu lama dibaca. Coba simpan ulang hanya \
     lembar soalnya, atau kirim sebagai .csv.";

pub fn sheet_error(error: &SheetError) -> String {
    match error {
        SheetError::NotSpreadsheet => "Berkas ini tidak bisa dibuka sebagai lembar kerja Excel \
             (.xlsx). Mungkin rusak, atau formatnya lain (.xls lama belum didukung): simpan \
             ulang sebagai .xlsx atau .csv."
            .to_string(),
        SheetError::TooLarge => "Isi berkas ini terlalu besar untuk dibaca. Simpan ulang \
             hanya lembar soalnya, lalu kirim lagi."
            .to_string(),
        SheetError::NoSheet => "Berkas Excel ini tidak berisi lembar kerja.".to_string(),
        SheetError::Malformed => "Isi berkas Excel ini rusak. Buka di Excel atau Google \
             Sheets, simpan ulang sebagai .xlsx, lalu kirim lagi."
            .to_string(),
        SheetError::NotUtf8 => "Huruf di berkas CSV ini tidak terbaca: simpan ulang sebagai \
             <b>CSV UTF-8</b> (di Excel: Simpan Sebagai → \"CSV UTF-8 (Comma delimited)\"), \
             atau kirim berkas .xlsx-nya saja."
            .to_string(),
    }
}

pub const NO_HEADER: &str = "Aku tidak menemukan baris judul kolom di 20 baris pertama. \
     Perlu kolom pertanyaan, minimal dua pilihan, dan jawaban benar, misalnya \
     <code>Pertanyaan | Pilihan A | Pilihan B | Pilihan C | Pilihan D | Jawaban</code> \
     (templat Kahoot dan Quizizz juga bisa). Ketik /templat untuk contohnya.";

/// Why a row was not taken, in the teacher's words.
pub fn problem(why: &RowProblem) -> String {
    let max_q = crate::content::MAX_QUIZ_QUESTION_CHARS;
    let max_o = crate::content::MAX_OPTION_CHARS;
    let max_e = crate::content::MAX_EXPLANATION_CHARS;
    match why {
        RowProblem::NotMultipleChoice(kind) => format!(
            "jenis soal \"{}\" dilewati; hanya pilihan ganda yang bisa dipakai",
            quote(kind)
        ),
        RowProblem::Image => "soal bergambar dilewati; gambar belum bisa ditampilkan".into(),
        RowProblem::Formula => "ada sel berisi rumus tanpa nilai tersimpan; buka berkasnya \
             di Excel, simpan ulang, lalu kirim lagi"
            .into(),
        RowProblem::NoQuestion => "pertanyaannya kosong".into(),
        RowProblem::QuestionTooLong(n) => {
            format!("pertanyaan terlalu panjang ({n} karakter, paling banyak {max_q})")
        }
        RowProblem::TooFewOptions(n) => {
            format!("perlu minimal 2 pilihan jawaban, yang terisi {n}")
        }
        RowProblem::OptionTooLong(slot, n) => format!(
            "pilihan {} terlalu panjang ({n} karakter, paling banyak {max_o})",
            slot_letter(*slot)
        ),
        RowProblem::FifthOption => {
            "pilihan ke-5 terisi; soal di sini paling banyak 4 pilihan (A–D)".into()
        }
        RowProblem::SameOptions(a, b) => {
            format!("pilihan {} dan {} sama", slot_letter(*a), slot_letter(*b))
        }
        RowProblem::NoAnswer => "jawaban benar belum diisi".into(),
        RowProblem::BadAnswer(written) => format!(
            "jawaban benar harus A–D atau 1–4, tertulis {}",
            quote(written)
        ),
        RowProblem::SeveralAnswers(written) => format!(
            "hanya boleh satu jawaban benar per soal, tertulis {}",
            quote(written)
        ),
        RowProblem::EmptyAnswer(slot) => format!(
            "jawaban benar {0}, tetapi pilihan {0} kosong",
            slot_letter(*slot)
        ),
        RowProblem::ExplanationTooLong(n) => {
            format!("penjelasan terlalu panjang ({n} karakter, paling banyak {max_e})")
        }
    }
}

fn slot_letter(slot: usize) -> &'static str {
    letter(slot.saturating_sub(1))
}

fn note(kind: &NoteKind) -> String {
    match kind {
        NoteKind::TimeClamped(written, used) => format!(
            "waktu {written} detik diubah menjadi {used} detik (boleh {}–{})",
            SECONDS_RANGE.0, SECONDS_RANGE.1
        ),
        NoteKind::TimeUnread(written) => format!(
            "waktu \"{}\" tidak terbaca; dipakai waktu kuis",
            quote(written)
        ),
    }
}

/// "24 soal diterima, 2 baris dilewati", then the first problems by row and what was
/// changed. `saved` ends it: what became of the set.
pub fn summary(parsed: &Parsed, unit: Unit) -> String {
    let word = unit.word();
    let skipped = parsed.skipped.len();
    let mut out = if parsed.questions.is_empty() {
        format!("❌ <b>0 soal diterima</b>, {skipped} {word} dilewati.")
    } else {
        format!(
            "✅ <b>{} soal diterima</b>, {skipped} {word} dilewati.",
            parsed.questions.len()
        )
    };
    for s in parsed.skipped.iter().take(SHOWN_PROBLEMS) {
        out.push_str(&format!("\n• {word} {}: {}", s.at, problem(&s.why)));
    }
    if skipped > SHOWN_PROBLEMS {
        out.push_str(&format!("\n…dan {} lainnya.", skipped - SHOWN_PROBLEMS));
    }
    if !parsed.notes.is_empty() {
        out.push_str("\n\nCatatan:");
        for n in parsed.notes.iter().take(SHOWN_NOTES) {
            out.push_str(&format!("\n• {word} {}: {}", n.at, note(&n.kind)));
        }
        if parsed.notes.len() > SHOWN_NOTES {
            out.push_str(&format!(
                "\n…dan {} catatan lainnya.",
                parsed.notes.len() - SHOWN_NOTES
            ));
        }
    }
    if parsed.over_limit > 0 {
        out.push_str(&format!(
            "\n\nSatu set paling banyak {MAX_QUESTIONS} soal: {} soal berikutnya tidak diambil.",
            parsed.over_limit
        ));
    }
    if parsed.truncated {
        out.push_str(&format!(
            "\n\nBerkasnya sangat panjang: hanya {} baris pertama yang dibaca.",
            number(crate::sets::sheet::MAX_ROWS as u64)
        ));
    }
    out
}

pub fn nothing_saved(summary: &str) -> String {
    format!("{summary}\n\nTidak ada yang disimpan. Perbaiki lalu kirim lagi, atau lihat /templat.")
}

/// The set is saved: how to run it.
pub fn saved(summary: &str, set: &QuizSet, added: bool) -> String {
    let what = if added {
        format!(
            "Ditambahkan ke set <code>{}</code>: sekarang {} soal.",
            escape(&set.name),
            set.questions.len()
        )
    } else {
        format!(
            "Tersimpan sebagai set <code>{}</code> ({} soal).",
            escape(&set.name),
            set.questions.len()
        )
    };
    format!(
        "{summary}\n\n{what}\nDi grup kelas (sebagai guru): <code>/kuis {0}</code> atau \
         <code>/kuis {0} 10 30</code> (jumlah soal, detik).\nBerlatih sendiri: \
         <code>/latihan {0}</code>",
        escape(&set.name)
    )
}

pub fn replace_ask(summary: &str, name: &str, old: usize) -> String {
    format!(
        "{summary}\n\nKamu sudah punya set <code>{}</code> ({old} soal). Ganti dengan yang \
         baru?",
        escape(name)
    )
}

/// Another part of a pasted list while the question whether it replaces the set is open.
pub fn replace_ask_more(summary: &str, name: &str, total: usize, old: usize) -> String {
    format!(
        "{summary}\n\nDitambahkan ke set baru <code>{}</code>: sekarang {total} soal. Set \
         lama ({old} soal) diganti?",
        escape(name)
    )
}

/// A summary, and how many questions did not fit into the set.
pub fn with_cut(summary: &str, cut: usize) -> String {
    if cut == 0 {
        summary.to_string()
    } else {
        format!(
            "{summary}\n\nSatu set paling banyak {MAX_QUESTIONS} soal: {cut} soal terakhir tidak \
             ditambahkan."
        )
    }
}

pub const REPLACE: &str = "🔄 Ganti";
pub const KEEP: &str = "Batal";
pub const KEPT: &str = "Dibatalkan: set yang lama tetap dipakai.";

pub fn not_deleted(name: &str) -> String {
    format!("Batal: set <code>{}</code> tidak dihapus.", escape(name))
}
pub const NOTHING_PENDING: &str = "Tidak ada set yang menunggu.";

pub const SAVE_FAILED: &str = "Maaf, set ini gagal disimpan (penyimpanan di server bermasalah). \
     Coba kirim lagi sebentar lagi.";
pub const DELETE_FAILED: &str =
    "Maaf, set ini gagal dihapus (penyimpanan di server bermasalah). Coba lagi nanti.";

pub fn paste_how(name: &str) -> String {
    format!(
        "✍️ Tempelkan soal untuk set <code>{}</code> sebagai pesan berikutnya, dengan format:\n\n\
         <code>1. Planet apa yang terdekat ke Matahari?\n\
         a. Merkurius\n\
         b. Venus\n\
         c. Mars\n\
         d. Bumi\n\
         Kunci: a\n\
         Penjelasan: Merkurius adalah planet terdekat ke Matahari.</code>\n\n\
         <code>Penjelasan:</code> dan <code>Waktu: 30</code> boleh ditambahkan. Daftar yang \
         panjang boleh dikirim dalam beberapa pesan.",
        escape(name)
    )
}

pub const PASTE_NEEDS_NAME: &str = "Beri nama set-nya, misalnya <code>/buatkuis bab3</code>: \
     huruf, angka, dan tanda hubung.";

pub const PASTE_NOTHING: &str = "Aku tidak menemukan soal bernomor di pesan itu. Tulis setiap \
     soal diawali nomor (<code>1.</code>), pilihan diawali huruf (<code>a.</code>), lalu \
     <code>Kunci: b</code>. Ketik perintah apa saja (misalnya /bantuan) untuk berhenti menempel.";

pub fn list(sets: &[(&QuizSet, u64)]) -> String {
    if sets.is_empty() {
        return "Kamu belum punya set soal sendiri.\n\nKirim berkas <b>.xlsx</b> atau \
                <b>.csv</b> (templat Kahoot, Quizizz, atau /templat) ke chat ini, atau ketik \
                <code>/buatkuis nama-set</code> lalu tempelkan soalnya."
            .to_string();
    }
    let mut out = format!("📚 <b>Set soalmu</b> ({} dari {MAX_SETS}):\n", sets.len());
    for (set, _) in sets {
        out.push_str(&format!(
            "\n<code>/kuis {}</code> — {} soal",
            escape(&set.name),
            set.questions.len()
        ));
    }
    out.push_str(
        "\n\nSalin baris <code>/kuis …</code> (ketuk untuk menyalin) ke grup kelas untuk \
         menjalankannya; <code>/latihan nama-set</code> di sini untuk berlatih sendiri.",
    );
    out
}

pub fn delete_label(name: &str) -> String {
    format!("🗑 Hapus {name}")
}

pub fn delete_ask(name: &str, count: usize) -> String {
    format!(
        "Hapus set <code>{}</code> ({count} soal)? Ini tidak bisa dibatalkan.",
        escape(name)
    )
}

pub const DELETE_YES: &str = "🗑 Ya, hapus";

pub fn deleted(name: &str) -> String {
    format!("Set <code>{}</code> dihapus.", escape(name))
}

pub const GONE: &str = "Set itu sudah tidak ada.";

pub fn not_found(name: &str) -> String {
    format!(
        "Set <code>{}</code> tidak ada di koleksimu. Lihat daftar set-mu dengan /kuisku di \
         chat pribadi denganku.",
        escape(name)
    )
}

pub const ANONYMOUS: &str = "Set soal milik guru yang mengirimnya, tetapi kamu sedang \
     mengirim sebagai grup (admin anonim). Matikan \"Tetap Anonim\" sementara, lalu kirim \
     <code>/kuis nama-set</code> lagi.";

pub fn bad_set_args(name: &str) -> String {
    format!(
        "Format: <code>/kuis {} [jumlah] [detik]</code>, misalnya <code>/kuis {0} 10 30</code>.",
        escape(name)
    )
}

/// A round from a set began: `seconds` if the teacher gave it, else each question's own
/// time, `default` for those without one.
pub fn started(count: usize, set: &QuizSet, seconds: Option<u32>, default: u32) -> String {
    let untimed = set.questions.iter().filter(|q| q.seconds.is_none()).count();
    let time = match seconds {
        Some(s) => format!("{s} detik per soal"),
        None if untimed == set.questions.len() => format!("{default} detik per soal"),
        None if untimed > 0 => format!("waktu sesuai set (yang tanpa waktu: {default} detik)"),
        None => "waktu sesuai set".to_string(),
    };
    format!(
        "🎯 <b>Kuis dimulai!</b> {count} soal dari set <b>{}</b> buatan {}, {time}.\n\
         Pilih jawaban dengan tombol di bawah soal. Jawaban pertama yang dihitung; makin cepat \
         benar, makin besar poinnya. Jawaban benar berturut-turut dapat bonus!",
        escape(&set.name),
        escape(&set.author)
    )
}

pub const TEMPLATE_CAPTION_XLSX: &str = "Templat soal (Excel). Isi satu soal per baris: \
     Pertanyaan, Pilihan A–D (minimal dua), Jawaban (A–D atau 1–4), Waktu (10–120 detik, boleh \
     kosong), Penjelasan (boleh kosong). Lalu kirim berkasnya ke sini.";
pub const TEMPLATE_CAPTION_CSV: &str = "Templat yang sama sebagai CSV (dipisah titik koma, \
     terbuka rapi per kolom di Excel yang memakai koma desimal).";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sets::Skipped;

    #[test]
    fn a_summary_stays_short_whatever_the_cells_hold() {
        let long = "<x>".repeat(5_000);
        let parsed = Parsed {
            skipped: (1..=500)
                .map(|at| Skipped {
                    at,
                    why: RowProblem::BadAnswer(long.clone()),
                })
                .collect(),
            ..Parsed::default()
        };
        let text = summary(&parsed, Unit::Row);
        assert!(text.chars().count() < 1_000, "{}", text.chars().count());
        assert!(text.contains("…dan 495 lainnya."));
        assert!(!text.contains("<x>"));
    }
}
