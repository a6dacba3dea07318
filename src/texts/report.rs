//! What `/laporan` says: the text beside the chart, and its refusals.

use super::cut;
use super::quiz::number;
use crate::html::escape;
use crate::report::Report;
use crate::report::chart::percent;

pub const EMPTY: &str = "Belum ada jawaban kuis di grup ini, jadi belum ada yang bisa \
     dilaporkan. Jalankan /kuis dulu.";
pub const SENT: &str = "📊 Laporan kelas sudah kukirim lewat chat pribadi.";
pub const NOT_TEACHER: &str = "Maaf, hanya guru (admin) grup itu yang bisa melihat laporannya.";
/// When the report cannot go to the teacher's private chat yet.
pub const START_FIRST: &str = "Untuk menerima laporan kelas, buka chat pribadi dengan bot lewat \
     tombol di bawah dan tekan <b>Mulai</b>; laporannya langsung dikirim ke sana.";
pub const RESET_ASK: &str = "Kosongkan data laporan kelas ini (hasil per soal, per topik, dan \
     per siswa, serta pertanyaan yang belum terjawab)? Papan skor tidak ikut terhapus. Tekan tombol di bawah dalam 60 detik untuk \
     mengonfirmasi.";
pub const RESET_BUTTON: &str = "Ya, kosongkan laporan";
pub const RESET_DONE: &str = "🧹 Data laporan kelas ini sudah dikosongkan.";
pub const RESET_EXPIRED: &str = "Waktu konfirmasi sudah habis. Ketik /resetlaporan lagi.";

/// Said in private help when private chats' unanswered questions are kept.
pub const UNANSWERED_KEPT: &str = "ℹ️ Pertanyaan yang belum bisa kujawab disimpan tanpa nama \
     selama 30 hari, untuk melengkapi materi.";

pub const PICTURE_FAILED: &str =
    "(Gambar grafiknya tidak bisa dibuat kali ini; angkanya ada di bawah.)";

pub fn caption(title: Option<&str>, report: &Report) -> String {
    let group = title.map_or_else(|| "grup".to_string(), escape);
    format!("📊 Laporan kuis {group}: {}", escape(&report.subject))
}

/// The report in words: the overall share, who takes part, the questions to discuss and
/// the topics not yet practised.
pub fn text(title: Option<&str>, report: &Report) -> String {
    let group = title.map_or_else(|| "grup ini".to_string(), escape);
    let mut out = format!(
        "📊 <b>Laporan kuis {group}</b> — {}\n",
        escape(&report.subject)
    );
    if let Some(o) = report.overall {
        out.push_str(&format!(
            "Jawaban benar: <b>{}</b> dari {} jawaban.\n",
            percent(o),
            number(u64::from(report.answers))
        ));
    }
    let rounds = match report.recent_rounds {
        0 => String::new(),
        1 => " di ronde terakhir".to_string(),
        n => format!(" di {n} ronde terakhir"),
    };
    out.push_str(&format!(
        "Yang menjawab{rounds}: {} dari {} siswa yang pernah ikut.\n",
        report.recent_players, report.players
    ));
    if !report.hardest.is_empty() {
        out.push_str("\n<b>Soal yang paling sering salah</b> (bahas di kelas):\n");
        for (i, h) in report.hardest.iter().enumerate() {
            out.push_str(&format!(
                "{}. {} — benar {} dari {}",
                i + 1,
                escape(&cut(&h.question, 120)),
                h.right,
                h.answered
            ));
            if let Some((option, n)) = &h.wrong_option {
                out.push_str(&format!(
                    "; jawaban salah terbanyak: <i>{}</i> ({n}×)",
                    escape(&cut(option, 60))
                ));
            }
            out.push('\n');
        }
    }
    if !report.bars.is_empty() {
        out.push_str("\n<b>Per topik</b> (terlemah dulu):\n");
        for b in report.bars.iter().take(SHOWN_BARS) {
            out.push_str(&format!(
                "• {} — {} benar dari {} jawaban\n",
                escape(&cut(&b.label, 60)),
                percent(b.right),
                b.answers
            ));
        }
        if report.bars.len() > SHOWN_BARS {
            let more = report.bars.len() - SHOWN_BARS;
            out.push_str(&format!("…dan {more} topik atau set lainnya.\n"));
        }
    }
    if !report.unpractised.is_empty() {
        let topics: Vec<String> = report
            .unpractised
            .iter()
            .map(|t| escape(&cut(t, 60)))
            .collect();
        out.push_str(&format!(
            "\n<b>Topik yang belum pernah muncul di kuis:</b> {}.\n",
            topics.join(", ")
        ));
    }
    if !report.unanswered.is_empty() {
        out.push_str(
            "\n<b>Pertanyaan yang belum bisa kujawab</b> (bahan untuk menambah tanya-jawab):\n",
        );
        for (text, n) in &report.unanswered {
            let times = if *n > 1 {
                format!(" ({n}×)")
            } else {
                String::new()
            };
            out.push_str(&format!("• {}{times}\n", escape(&cut(text, 100))));
        }
    }
    out.trim_end().to_string()
}

/// Topics and sets the text lists (the chart shows more): the message stays within Telegram's
/// 4,096 characters.
const SHOWN_BARS: usize = 12;
