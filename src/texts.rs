//! Every sentence the bot says to students and teachers, in Bahasa Indonesia, in one place.
//!
//! Functions return Telegram HTML; anything a user wrote or a content file holds is escaped
//! here, so callers never build markup themselves. `html::to_plain` turns it back into text
//! for the terminal.

pub mod homework;
pub mod quiz;
pub mod report;
pub mod sets;

use jiff::civil::{Date, Weekday};

use crate::commands::{COMMANDS, Command, Id, Menu, Who};
use crate::content::{Content, Fact, FaqEntry, Source};
use crate::html::escape;

/// `s` cut to `max` characters, with "…".
pub(crate) fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let kept: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", kept.trim_end())
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

/// A confident answer from another subject than the chat's, named, then its article.
pub fn faq_answer_from(entry: &FaqEntry, source: Option<&Source>, subject: &str) -> String {
    format!(
        "{}\n\n{}\n<i>(Dari materi {}. Materi yang dipakai di sini bisa dilihat dengan /materi.)</i>",
        escape(&entry.answer),
        citation(source, &entry.source),
        escape(subject)
    )
}

/// `/materi`: the chat's subject, above a button per subject.
pub fn subjects(current: &str, group: bool) -> String {
    let who = if group {
        "Guru bisa menggantinya dengan menekan salah satu tombol."
    } else {
        "Tekan salah satu tombol untuk menggantinya."
    };
    format!(
        "📚 Materi sekarang: <b>{}</b>.\n{who} /fakta, /kuis, /latihan, fakta harian dan \
         jawaban pertanyaan mengikuti materi ini.",
        escape(current)
    )
}

/// One `/materi` button: the subject and its class, a check mark on the current one.
pub fn subject_button(name: &str, level: &str, current: bool) -> String {
    let mark = if current { "✅ " } else { "" };
    format!("{mark}{name} ({level})")
}

/// A `/materi` press in a group by someone who does not teach it.
pub const SUBJECT_TEACHERS_ONLY: &str = "Hanya guru (admin grup) yang bisa mengganti materi.";
/// A `/materi` press on the subject already taught.
pub const SUBJECT_ALREADY: &str = "Materi itu sudah dipakai.";
/// The toast of a `/materi` press that changed the subject.
pub const SUBJECT_CHANGED: &str = "Materi diganti ✅";

/// Said in the chat once its subject changed.
pub fn subject_changed(content: &Content) -> String {
    format!(
        "📚 Materi sekarang: <b>{}</b> ({}).\nCoba tanya, misalnya <i>{}</i>",
        escape(&content.pack.name),
        escape(&content.pack.level),
        escape(&content.pack.example)
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
pub fn no_answer(content: &Content) -> String {
    let topics: Vec<String> = content
        .pack
        .topics
        .iter()
        .map(|t| escape(&t.label))
        .collect();
    format!(
        "Maaf, aku belum tahu jawabannya. 🙏 Aku hanya bisa menjawab soal {}, misalnya: {}. \
         Coba tanyakan dengan kata lain, ya!",
        escape(&content.pack.name),
        topics.join(", ")
    )
}

/// `/tanya` with nothing after it.
pub fn ask_how(content: &Content) -> String {
    format!(
        "Tulis pertanyaanmu setelah /tanya, misalnya:\n<code>/tanya {}</code>",
        escape(&content.pack.example)
    )
}

/// A fact, from `/fakta` or the daily post.
pub fn fact(fact: &Fact, content: &Content) -> String {
    format!(
        "💡 <b>Fakta {}</b>\n\n{}\n\n{}",
        escape(&content.pack.name),
        escape(&fact.text),
        citation(content.source(&fact.source), &fact.source)
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
pub fn subscribed(schedule: &str, next: Option<String>, content: &Content) -> String {
    format!(
        "✅ Siap! Grup ini akan mendapat satu fakta {} {schedule}.{}\n\
         Lihat jadwalnya dengan /jadwal, hentikan dengan /berhenti.",
        escape(&content.pack.name),
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

/// One bullet of `/bantuan`: the command, its arguments and what the table says of it.
fn help_line(command: &Command, text: &str) -> String {
    let args = if command.args.is_empty() {
        String::new()
    } else {
        format!(" {}", escape(command.args))
    };
    format!("• /{}{args} — {text}", command.name)
}

/// `/start` and `/bantuan` in a private chat: every command the table offers there.
pub fn help_private(content: &Content) -> String {
    let mut lines = vec![format!(
        "• Tulis saja pertanyaanmu di sini, misalnya <i>{}</i> \
         Aku menjawab dari materi kelas dan menyebutkan sumbernya.",
        escape(&content.pack.example)
    )];
    for command in COMMANDS {
        if let Some(text) = command.help.private {
            lines.push(help_line(command, text));
        }
    }
    format!(
        "Halo! Aku <b>kelasbot</b> 👋, teman belajar <b>{}</b> ({}).\n\n{}",
        escape(&content.pack.name),
        escape(&content.pack.level),
        lines.join("\n")
    )
}

/// `/bantuan` (and `/start`) in a group: every command the table offers there, the teachers'
/// ones in a part of their own.
pub fn help_group(bot_username: &str, content: &Content) -> String {
    let (mut everyone, mut teachers) = (Vec::new(), Vec::new());
    for command in COMMANDS {
        let Some(text) = command.help.group else {
            continue;
        };
        match command.who {
            Who::Everyone => everyone.push(help_line(command, text)),
            Who::Teachers => teachers.push(help_line(command, text)),
        }
        if command.id == Id::Tanya {
            everyone.push("• Balas (reply) jawabanku untuk bertanya lagi".to_string());
        }
    }
    format!(
        "Aku <b>kelasbot</b> 👋, teman belajar <b>{subject}</b>.\n\n\
         {}\n\n\
         <b>Untuk guru</b> (admin grup):\n\
         {}\n\n\
         Kalau di grup ada beberapa bot, tambahkan namaku: <code>/kuis@{name}</code>, \
         <code>/fakta@{name}</code>",
        everyone.join("\n"),
        teachers.join("\n"),
        name = escape(bot_username),
        subject = escape(&content.pack.name),
    )
}

/// The two or three lines the bot says when it is added to a group.
pub fn group_intro(content: &Content) -> String {
    format!(
        "Halo semuanya! 👋 Aku <b>kelasbot</b>, teman belajar <b>{}</b>.\n\
         Tanya apa saja dengan /tanya &lt;pertanyaan&gt;, atau minta /fakta untuk satu fakta \
         menarik.\n\
         Guru: mulai kuis dengan <code>/kuis 5 20</code> dan nyalakan fakta harian dengan \
         <code>/langganan 07:00</code>. Ketik /bantuan untuk semuanya.",
        escape(&content.pack.name)
    )
}

/// A command menu for setMyCommands: (command, description) pairs in the menu's order, from
/// the command table.
pub fn menu(menu: Menu) -> Vec<(&'static str, &'static str)> {
    let mut lines: Vec<(u8, &'static str, &'static str)> = COMMANDS
        .iter()
        .filter_map(|c| c.menu_line(menu).map(|line| (line.at, c.name, line.text)))
        .collect();
    lines.sort_by_key(|&(at, _, _)| at);
    lines
        .into_iter()
        .map(|(_, name, text)| (name, text))
        .collect()
}
