//! Every sentence the bot says to students and teachers, in Bahasa Indonesia, in one place.
//!
//! Functions here return plain text; an adapter that uses Telegram's HTML mode escapes what it
//! inserts. Nothing here knows about Telegram.

use crate::content::Topic;

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

/// A confident answer, then the article it comes from.
pub fn faq_answer(answer: &str, citation: &str) -> String {
    format!("{answer}\n\nSumber: {citation}")
}

/// Heading above the closest questions when the bot is not sure what was asked.
pub const UNSURE: &str = "Hmm, aku belum yakin. Maksud kamu…?";

/// What the bot says when nothing in the FAQ fits: honest, and pointing at what it can answer.
pub fn no_answer() -> String {
    let topics: Vec<&str> = Topic::ALL.iter().map(|t| topic_label(*t)).collect();
    format!(
        "Maaf, aku belum tahu jawabannya. 🙏 Aku hanya bisa menjawab soal Kerja Sama Internasional, \
         misalnya: {}. Coba tanyakan dengan kata lain, ya!",
        topics.join(", ")
    )
}
