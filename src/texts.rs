//! Every sentence the bot says to students and teachers, in Bahasa Indonesia, in one place.
//!
//! Functions return Telegram HTML; anything a user wrote or a content file holds is escaped
//! here, so callers never build markup themselves. `html::to_plain` turns it back into text
//! for the terminal.

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

/// `/start` and `/bantuan` in a private chat.
pub fn help_private() -> String {
    "Halo! Aku <b>kelasbot</b> 👋, teman belajar <b>Kerja Sama Internasional</b> (IPS kelas IX).\n\n\
     • Tulis saja pertanyaanmu di sini, misalnya <i>apa itu kerja sama bilateral?</i> \
     Aku menjawab dari materi kelas dan menyebutkan sumbernya.\n\
     • /fakta — satu fakta menarik\n\
     • /tanya &lt;pertanyaan&gt; — bertanya (juga bisa di grup kelas)\n\
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
         • /bantuan — pesan ini\n\n\
         Kalau di grup ada beberapa bot, tambahkan namaku: <code>/fakta@{}</code>",
        escape(bot_username)
    )
}

/// The two or three lines the bot says when it is added to a group.
pub fn group_intro() -> String {
    "Halo semuanya! 👋 Aku <b>kelasbot</b>, teman belajar <b>Kerja Sama Internasional</b>.\n\
     Tanya apa saja dengan /tanya &lt;pertanyaan&gt;, atau minta /fakta untuk satu fakta menarik. \
     Ketik /bantuan untuk melihat semuanya."
        .to_string()
}

/// Command menus, as (command, description) pairs, for setMyCommands.
pub const MENU_PRIVATE: &[(&str, &str)] = &[
    ("tanya", "Tanya tentang Kerja Sama Internasional"),
    ("fakta", "Satu fakta menarik"),
    ("bantuan", "Apa saja yang bisa aku lakukan"),
];
pub const MENU_GROUP: &[(&str, &str)] = &[
    ("tanya", "Tanya tentang Kerja Sama Internasional"),
    ("fakta", "Satu fakta menarik"),
    ("bantuan", "Apa saja yang bisa aku lakukan"),
];
pub const MENU_GROUP_ADMINS: &[(&str, &str)] = &[
    ("tanya", "Tanya tentang Kerja Sama Internasional"),
    ("fakta", "Satu fakta menarik"),
    (
        "bantuan",
        "Apa saja yang bisa aku lakukan (juga untuk guru)",
    ),
];
