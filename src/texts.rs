//! Every sentence the bot says to students and teachers, in Bahasa Indonesia, in one place.
//!
//! Functions return Telegram HTML; anything a user wrote or a content file holds is escaped
//! here, so callers never build markup themselves. `html::to_plain` turns it back into text
//! for the terminal.

pub mod quiz;

use jiff::civil::{Date, Weekday};

use crate::content::{Fact, FaqEntry, Source, Topic};
use crate::html::escape;

/// How a topic is named to a student ("tentang …").
pub fn topic_label(topic: Topic) -> &'static str {
    match topic {
        Topic::Pengertian => "pengertian kerja sama internasional",
        Topic::Bentuk => "bentuk kerja sama (bilateral, regional, multilateral)",
        Topic::Prinsip => "prinsip kerja sama",
        Topic::Tujuan => "tujuan kerja sama",
        Topic::Manfaat => "manfaat kerja sama",
        Topic::Tantangan => "tantangan kerja sama",
        Topic::MitraIndonesia => "mitra kerja sama Indonesia",
        Topic::Alasan => "alasan negara bekerja sama",
        Topic::Membangun => "cara membangun kerja sama yang efektif",
        Topic::MasaDepan => "masa depan kerja sama internasional",
        Topic::Contoh => "contoh-contoh kerja sama",
        Topic::Pakar => "pendapat para ahli",
    }
}

fn citation(source: Option<&Source>, file: &str) -> String {
    let cited = source.map_or_else(|| file.to_string(), Source::citation);
    format!("<i>Sumber: {}</i>", escape(&cited))
}

/// A confident answer, then the article it comes from.
pub fn faq_answer(entry: &FaqEntry, source: Option<&Source>) -> String {
    format!(
        "{}\n\n{}",
        escape(&entry.answer),
        citation(source, &entry.source)
    )
}

/// Heading above the closest questions (as buttons) when the bot is not sure what was asked.
/// Said once to a member whose earlier questions are still being answered; the question that
/// brought it is not answered.
pub const WAIT_FOR_ANSWERS: &str = "⏳ Tunggu sebentar ya, aku masih menjawab pertanyaanmu yang sebelumnya. \
Pertanyaan yang barusan tidak kujawab; kirim lagi setelah jawabanku muncul.";

pub const UNSURE: &str = "Hmm, aku belum yakin. Maksud kamu yang mana? 🤔";

/// Label of a suggestion button: the canonical question.
pub fn suggestion_label(entry: &FaqEntry) -> String {
    entry.question.clone()
}

/// What the bot says when nothing in the FAQ fits: honest, and pointing at what it can answer.
pub fn no_answer() -> String {
    let topics: Vec<&str> = Topic::ALL.iter().map(|t| topic_label(*t)).collect();
    format!(
        "Maaf, aku belum tahu jawabannya. 🙏 Aku hanya bisa menjawab soal Kerja Sama \
         Internasional, misalnya: {}. Coba tanyakan dengan kata lain, ya!",
        topics.join(", ")
    )
}

/// `/tanya` with nothing after it.
pub const ASK_HOW: &str = "Tulis pertanyaanmu setelah /tanya, misalnya:\n\
     <code>/tanya apa bedanya kerja sama bilateral dan multilateral?</code>";

/// A fact, from `/fakta` or the daily post.
pub fn fact(fact: &Fact, source: Option<&Source>) -> String {
    format!(
        "💡 <b>Fakta Kerja Sama Internasional</b>\n\n{}\n\n{}",
        escape(&fact.text),
        citation(source, &fact.source)
    )
}

/// When the content has no facts at all (an operator's mistake `check` would have caught).
pub const NO_FACTS: &str = "Maaf, belum ada fakta yang bisa kubagikan.";

/// A suggestion button that no longer leads anywhere (content changed, or forged data).
pub const STALE_BUTTON: &str = "Tombol ini sudah tidak berlaku.";

/// A command this bot does not have, in a private chat.
pub const UNKNOWN_COMMAND: &str =
    "Perintah itu belum aku kenal. Ketik /bantuan untuk melihat yang bisa aku lakukan.";

/// A group's teacher command used in a private chat.
pub const GROUP_ONLY: &str = "Perintah itu untuk guru di grup kelas. Tambahkan aku ke grup \
     kelasmu, lalu guru bisa memakainya di sana.";

/// A student tried a teacher command.
pub const TEACHERS_ONLY: &str = "Maaf, perintah itu hanya untuk guru (admin grup) 🙏. Kamu tetap bisa memakai /tanya dan /fakta.";

/// The zone a group without WIB/WITA/WIT follows, as people say it.
pub fn zone_name(iana: &str) -> String {
    match iana {
        "Asia/Jakarta" | "Asia/Pontianak" => "WIB".into(),
        "Asia/Makassar" => "WITA".into(),
        "Asia/Jayapura" => "WIT".into(),
        other => other.into(),
    }
}

/// "setiap hari pukul 07.00 WIB", "setiap Senin–Jumat pukul 06.30 WITA".
pub fn schedule_label(hour: i8, minute: i8, zone: &str, school_days: bool) -> String {
    let days = if school_days {
        "setiap Senin–Jumat"
    } else {
        "setiap hari"
    };
    format!("{days} pukul {hour:02}.{minute:02} {}", escape(zone))
}

const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// "Senin, 30 November 2026".
pub fn date_label(date: Date) -> String {
    let day = match date.weekday() {
        Weekday::Monday => "Senin",
        Weekday::Tuesday => "Selasa",
        Weekday::Wednesday => "Rabu",
        Weekday::Thursday => "Kamis",
        Weekday::Friday => "Jumat",
        Weekday::Saturday => "Sabtu",
        Weekday::Sunday => "Minggu",
    };
    let month = MONTHS[usize::from(date.month().unsigned_abs()).clamp(1, 12) - 1];
    format!("{day}, {} {month} {}", date.day(), date.year())
}

fn next_line(next: Option<String>) -> String {
    next.map(|d| format!("\nFakta berikutnya: <b>{d}</b>."))
        .unwrap_or_default()
}

/// `/langganan` accepted.
pub fn subscribed(schedule: &str, next: Option<String>) -> String {
    format!(
        "✅ Siap! Grup ini akan mendapat satu fakta Kerja Sama Internasional {schedule}.{}\n\
         Lihat jadwalnya dengan /jadwal, hentikan dengan /berhenti.",
        next_line(next)
    )
}

/// `/jadwal` in a subscribed group.
pub fn schedule(schedule: &str, next: Option<String>) -> String {
    format!("📅 Fakta harian grup ini: {schedule}.{}", next_line(next))
}

/// `/langganan` with arguments it cannot read.
pub fn bad_schedule(word: &str) -> String {
    format!(
        "Maaf, aku tidak mengerti <code>{}</code>. Contoh yang bisa dipakai:\n\
         • <code>/langganan</code> — setiap hari pukul 07.00\n\
         • <code>/langganan 6:30</code> (juga <code>06:30</code>, <code>6.30</code>, <code>06.30</code>)\n\
         • <code>/langganan 07.00 WITA</code> — zona WIB, WITA atau WIT\n\
         • <code>/langganan 07.00 WIB senin-jumat</code> — hanya hari sekolah",
        escape(word)
    )
}

pub const UNSUBSCRIBED: &str =
    "Fakta harian untuk grup ini dihentikan. Guru bisa menyalakannya lagi dengan /langganan.";

pub const NOT_SUBSCRIBED: &str = "Grup ini belum berlangganan fakta harian. Guru bisa \
     menyalakannya dengan <code>/langganan 07:00</code>.";

/// `/jadwal` in a private chat.
pub const SCHEDULE_IN_GROUPS: &str = "Fakta harian dijadwalkan untuk grup kelas. Di sini kamu \
     bisa minta /fakta kapan saja.";

/// `/start` and `/bantuan` in a private chat.
pub fn help_private() -> String {
    "Halo! Aku <b>kelasbot</b> 👋, teman belajar <b>Kerja Sama Internasional</b> (IPS kelas IX).\n\n\
     • Tulis saja pertanyaanmu di sini, misalnya <i>apa itu kerja sama bilateral?</i> \
     Aku menjawab dari materi kelas dan menyebutkan sumbernya.\n\
     • /fakta — satu fakta menarik\n\
     • /tanya &lt;pertanyaan&gt; — bertanya (juga bisa di grup kelas)\n\
     • /latihan [jumlah] [topik] — latihan soal sendiri, tanpa batas waktu\n\
     • /skor — skor kuismu di setiap grup\n\
     • /bantuan — pesan ini"
        .to_string()
}

/// `/bantuan` (and `/start`) in a group.
pub fn help_group(bot_username: &str) -> String {
    format!(
        "Aku <b>kelasbot</b> 👋, teman belajar <b>Kerja Sama Internasional</b>.\n\n\
         • /tanya &lt;pertanyaan&gt; — tanya apa saja tentang materi ini\n\
         • Balas (reply) jawabanku untuk bertanya lagi\n\
         • /fakta — satu fakta menarik\n\
         • /skor — papan skor kuis kelas\n\
         • /jadwal — jadwal fakta harian grup ini\n\
         • /bantuan — pesan ini\n\n\
         <b>Untuk guru</b> (admin grup):\n\
         • /kuis [jumlah] [detik] [topik] — kuis bersama, misalnya <code>/kuis 5 20</code> \
         (1–20 soal, 10–120 detik per soal)\n\
         • /stopkuis — hentikan kuis; poin yang sudah didapat tetap dihitung\n\
         • /resetskor — kosongkan papan skor (dengan konfirmasi)\n\
         • /ekspor — papan skor sebagai file CSV ke chat pribadi\n\
         • /langganan [jam] [WIB/WITA/WIT] [senin-jumat] — fakta harian, misalnya \
         <code>/langganan 07:00</code>\n\
         • /berhenti — hentikan fakta harian\n\n\
         Kalau di grup ada beberapa bot, tambahkan namaku: <code>/kuis@{name}</code>, \
         <code>/fakta@{name}</code>",
        name = escape(bot_username)
    )
}

/// The two or three lines the bot says when it is added to a group.
pub fn group_intro() -> String {
    "Halo semuanya! 👋 Aku <b>kelasbot</b>, teman belajar <b>Kerja Sama Internasional</b>.\n\
     Tanya apa saja dengan /tanya &lt;pertanyaan&gt;, atau minta /fakta untuk satu fakta menarik.\n\
     Guru: mulai kuis dengan <code>/kuis 5 20</code> dan nyalakan fakta harian dengan \
     <code>/langganan 07:00</code>. Ketik /bantuan untuk semuanya."
        .to_string()
}

/// Command menus, as (command, description) pairs, for setMyCommands.
pub const MENU_PRIVATE: &[(&str, &str)] = &[
    ("tanya", "Tanya tentang Kerja Sama Internasional"),
    ("fakta", "Satu fakta menarik"),
    ("latihan", "Latihan soal sendiri"),
    ("skor", "Skor kuismu"),
    ("bantuan", "Apa saja yang bisa aku lakukan"),
];
pub const MENU_GROUP: &[(&str, &str)] = &[
    ("tanya", "Tanya tentang Kerja Sama Internasional"),
    ("fakta", "Satu fakta menarik"),
    ("skor", "Papan skor kuis kelas"),
    ("jadwal", "Jadwal fakta harian grup ini"),
    ("bantuan", "Apa saja yang bisa aku lakukan"),
];
pub const MENU_GROUP_ADMINS: &[(&str, &str)] = &[
    ("kuis", "Guru: mulai kuis, misalnya 5 soal 20 detik"),
    ("stopkuis", "Guru: hentikan kuis"),
    ("skor", "Papan skor kuis kelas"),
    ("resetskor", "Guru: kosongkan papan skor"),
    ("ekspor", "Guru: papan skor sebagai CSV"),
    ("tanya", "Tanya tentang Kerja Sama Internasional"),
    ("fakta", "Satu fakta menarik"),
    ("langganan", "Guru: fakta harian, misalnya 07:00 WIB"),
    ("berhenti", "Guru: hentikan fakta harian"),
    ("jadwal", "Jadwal fakta harian grup ini"),
    (
        "bantuan",
        "Apa saja yang bisa aku lakukan (juga untuk guru)",
    ),
];
