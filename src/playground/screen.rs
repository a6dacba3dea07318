//! The playground's port: what the bot says, printed; buttons remembered so a typed key can
//! press them; documents saved to the data directory. "Telegram" confirms every message at
//! once, so a question's timer starts when it is shown.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::PathBuf;

use jiff::Timestamp;

use super::render::{self, Style};
use crate::app::{Button, Effect, Event, FetchError, Outgoing};
use crate::driver::Port;
use crate::sets;

/// The buttons under the latest message that has some, per chat: key → callback data.
#[derive(Debug, Clone, Default)]
struct Buttons {
    message_id: i32,
    keys: Vec<(String, String)>,
}

/// A message as the bot sent it: for comparing a session with the same one on Telegram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub chat: i64,
    pub html: String,
    pub keyboard: Vec<Vec<Button>>,
}

pub struct Screen<W: Write> {
    out: W,
    pub(super) style: Style,
    buttons: HashMap<i64, Buttons>,
    data_dir: PathBuf,
    next_message: i32,
    /// What each chat is called in headers ("grup …", "chat pribadi Ani").
    pub(super) places: BTreeMap<i64, String>,
    /// Every message sent, in order.
    pub(super) shown: Vec<Shown>,
    /// The students of the class group (those `:siswa` made), as "Telegram" counts them.
    pub(super) class: u32,
}

impl<W: Write> Screen<W> {
    pub(super) fn new(out: W, style: Style, data_dir: PathBuf) -> Self {
        Screen {
            out,
            style,
            buttons: HashMap::new(),
            data_dir,
            next_message: 1,
            places: BTreeMap::new(),
            shown: Vec::new(),
            class: 0,
        }
    }

    pub(super) fn say(&mut self, text: &str) {
        // A closed terminal is the end of the session anyway.
        let _ = writeln!(self.out, "{text}");
        let _ = self.out.flush();
    }

    /// Writes without a line end (the prompt).
    pub(super) fn prompt(&mut self, text: &str) {
        let _ = write!(self.out, "{text}");
        let _ = self.out.flush();
    }

    pub(super) fn next_id(&mut self) -> i32 {
        self.next_message += 1;
        self.next_message
    }

    fn place(&self, chat: i64) -> String {
        self.places
            .get(&chat)
            .cloned()
            .unwrap_or_else(|| format!("chat {chat}"))
    }

    /// The message and callback data of the button `typed` names in `chat`, if any.
    pub(super) fn button(&self, chat: i64, typed: &str) -> Option<(i32, String)> {
        let typed = typed.trim_start_matches('[').trim_end_matches(']');
        self.buttons.get(&chat).and_then(|b| {
            b.keys
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(typed))
                .map(|(_, data)| (b.message_id, data.clone()))
        })
    }

    fn send(&mut self, o: Outgoing, now: Timestamp) -> Vec<Event> {
        let id = self.next_id();
        let header = format!("🤖 kelasbot → {}", self.place(o.chat.id));
        let header = self.style.bold(&header);
        let body = render::message(&o.html, &self.style);
        self.say(&format!("{header}  #{id}\n{body}"));
        if !o.keyboard.is_empty() {
            let keys = keys(&o.keyboard);
            self.say(&render::buttons(&o.keyboard, &keys, &self.style));
            let callbacks = keys
                .into_iter()
                .filter_map(|(key, data)| data.map(|d| (key, d)))
                .collect();
            self.buttons.insert(
                o.chat.id,
                Buttons {
                    message_id: id,
                    keys: callbacks,
                },
            );
        }
        self.shown.push(Shown {
            chat: o.chat.id,
            html: o.html,
            keyboard: o.keyboard,
        });
        // "Telegram" confirms at once: a question's timer starts now.
        o.tag
            .map(|tag| Event::Delivered {
                chat: o.chat.id,
                message_id: id,
                tag,
                at: now,
            })
            .into_iter()
            .collect()
    }
}

/// A file on this disk, read up to the size a sent file may have.
fn read_local(path: &str) -> Result<Vec<u8>, FetchError> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(sets::MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|_| FetchError::Download)?;
    if bytes.len() as u64 > sets::MAX_FILE_BYTES {
        return Err(FetchError::TooLarge);
    }
    Ok(bytes)
}

impl<W: Write> Port for Screen<W> {
    fn carry_out(&mut self, effect: Effect, now: Timestamp) -> Vec<Event> {
        match effect {
            Effect::Send(o) => return self.send(o, now),
            Effect::Edit(e) => {
                let text = render::message(&e.html, &self.style);
                if e.droppable {
                    let last = text.lines().last().unwrap_or("").trim().to_string();
                    self.say(&self.style.dim(&format!("   ✏️ #{}: {last}", e.message_id)));
                } else {
                    let header = self
                        .style
                        .bold(&format!("✏️ kelasbot mengubah #{}", e.message_id));
                    self.say(&format!("{header}\n{text}"));
                }
                if e.keyboard.is_empty()
                    && self
                        .buttons
                        .get(&e.chat.id)
                        .is_some_and(|b| b.message_id == e.message_id)
                {
                    self.buttons.remove(&e.chat.id);
                }
            }
            Effect::Document(d) => {
                let path = self.data_dir.join(&d.file_name);
                let saved = std::fs::create_dir_all(&self.data_dir)
                    .and_then(|()| std::fs::write(&path, &d.bytes));
                let to = self.place(d.chat.id);
                let follow = match saved {
                    Ok(()) => {
                        self.say(&format!(
                            "📄 kelasbot → {to}: {} ({} byte), disimpan di {}",
                            d.file_name,
                            d.bytes.len(),
                            path.display()
                        ));
                        d.on_success
                    }
                    Err(e) => {
                        self.say(&format!("📄 {} tidak bisa disimpan: {e}", path.display()));
                        d.on_failure
                    }
                };
                let mut learned = Vec::new();
                for o in follow {
                    learned.extend(self.send(o, now));
                }
                return learned;
            }
            Effect::AnswerCallback { text, .. } => {
                if let Some(t) = text {
                    self.say(&self.style.dim(&format!("   💬 {t}")));
                }
            }
            // A file named by `:kirim`: read from this disk, up to the same cap.
            Effect::Fetch(fetch) => {
                self.say(&self.style.dim(&format!("   📥 membaca {}", fetch.file.id)));
                let result = read_local(&fetch.file.id)
                    .and_then(|bytes| sets::read(fetch.kind, &bytes).map_err(FetchError::Read));
                return vec![Event::Fetched { fetch, result }];
            }
            // The driver writes sets' files itself.
            Effect::StoreSet { .. } => {}
            // Every student `:siswa` made is in the class group.
            Effect::CountClass { chat, homework } => {
                return vec![Event::ClassSize {
                    chat,
                    homework,
                    students: Some(self.class),
                }];
            }
            // The driver writes the snapshot first and hands over what waited for it.
            Effect::AfterSnapshot { then, .. } => {
                let mut learned = Vec::new();
                for effect in then {
                    learned.extend(self.carry_out(effect, now));
                }
                return learned;
            }
        }
        Vec::new()
    }

    fn unsaved(&mut self, error: &std::io::Error) {
        let path = self.data_dir.join(crate::driver::store::FILE_NAME);
        self.say(&format!(
            "⚠️ {} tidak bisa ditulis: {error}",
            path.display()
        ));
    }
}

/// A short key for every button: its label when that is a letter (quiz options), otherwise
/// its number; with the callback data, or for a link that opens the bot's private chat
/// (`t.me/<bot>?start=…`) the `/start …` it sends there (none for other links).
fn keys(rows: &[Vec<Button>]) -> Vec<(String, Option<String>)> {
    rows.iter()
        .flatten()
        .enumerate()
        .map(|(i, b)| match b {
            Button::Callback { label, data } if label.chars().count() == 1 => {
                (label.clone(), Some(data.clone()))
            }
            Button::Callback { data, .. } => ((i + 1).to_string(), Some(data.clone())),
            Button::Url { url, .. } => ((i + 1).to_string(), start_link(url)),
        })
        .collect()
}

/// What a `t.me/<bot>?start=<payload>` link sends in the bot's private chat: `/start
/// <payload>` (callback data never starts with `/`, so the two cannot be confused).
fn start_link(url: &str) -> Option<String> {
    let payload = url.strip_prefix("https://t.me/")?.split_once("?start=")?.1;
    (!payload.is_empty()).then(|| format!("{START_PREFIX}{payload}"))
}

/// How a start link's key is told from a callback button's.
pub(super) const START_PREFIX: &str = "/start ";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_letters_for_options_and_numbers_otherwise() {
        let rows = vec![
            vec![Button::Callback {
                label: "A".into(),
                data: "k:1:0:0".into(),
            }],
            vec![Button::Callback {
                label: "Apa itu globalisasi?".into(),
                data: "faq:globalisasi".into(),
            }],
            vec![Button::Url {
                label: "Buka".into(),
                url: "https://t.me/x".into(),
            }],
            vec![Button::Url {
                label: "Kerjakan".into(),
                url: "https://t.me/kelasbot?start=tugas_-5_1".into(),
            }],
        ];
        assert_eq!(
            keys(&rows),
            vec![
                ("A".into(), Some("k:1:0:0".into())),
                ("2".into(), Some("faq:globalisasi".into())),
                ("3".into(), None),
                ("4".into(), Some("/start tugas_-5_1".into())),
            ]
        );
    }
}
