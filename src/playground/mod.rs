//! The local playground: the whole bot in a terminal, without Telegram. A second adapter over
//! the same [`App`]: lines typed become events, effects are printed. You act as the teacher or
//! as named students, in a private chat or in a class group; buttons are pressed by typing
//! their key; quizzes run on real timers, and the playground's clock can be moved forward so
//! a preview need not wait for a deadline or for tomorrow's 07:00.

mod render;

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::PathBuf;

use jiff::{SignedDuration, Timestamp};
use tokio::io::{AsyncBufRead, AsyncBufReadExt};

use crate::app::{App, Button, Chat, ChatKind, Effect, Event, User};
use crate::driver::store;
use crate::state::snapshot;
pub use render::Style;

/// The class group of the playground.
pub const GROUP_ID: i64 = -1_000_000_000_001;
pub const GROUP_TITLE: &str = "Kelas 9A (playground)";
const TEACHER_ID: i64 = 1_001;
const TEACHER_NAME: &str = "Bu Guru";
const FIRST_STUDENT_ID: i64 = 2_001;

/// Who is typing.
#[derive(Debug, Clone)]
struct Persona {
    id: i64,
    name: String,
    teacher: bool,
}

/// The buttons under the latest message that has some, per chat: key → callback data.
#[derive(Debug, Clone, Default)]
struct Buttons {
    message_id: i32,
    keys: Vec<(String, String)>,
}

pub struct Playground<W: Write> {
    app: App,
    out: W,
    style: Style,
    /// Echo typed lines (when the input is not a terminal, so a transcript reads as a chat).
    echo: bool,
    /// How far the playground's clock is ahead of the real one.
    offset: SignedDuration,
    persona: Persona,
    students: BTreeMap<String, i64>,
    in_group: bool,
    next_message: i32,
    next_query: u64,
    buttons: HashMap<i64, Buttons>,
    data_dir: PathBuf,
}

/// What a line asked for.
enum Line {
    Quit,
    Handled,
}

impl<W: Write> Playground<W> {
    pub fn new(app: App, out: W, style: Style, echo: bool, data_dir: PathBuf) -> Self {
        Playground {
            app,
            out,
            style,
            echo,
            offset: SignedDuration::ZERO,
            persona: Persona {
                id: TEACHER_ID,
                name: TEACHER_NAME.into(),
                teacher: true,
            },
            students: BTreeMap::new(),
            in_group: true,
            next_message: 1,
            next_query: 1,
            buttons: HashMap::new(),
            data_dir,
        }
    }

    fn now(&self) -> Timestamp {
        Timestamp::now() + self.offset
    }

    fn say(&mut self, text: &str) {
        // A closed terminal is the end of the session anyway.
        let _ = writeln!(self.out, "{text}");
        let _ = self.out.flush();
    }

    fn here(&self) -> Chat {
        if self.in_group {
            Chat {
                id: GROUP_ID,
                kind: ChatKind::Group,
                thread: None,
            }
        } else {
            Chat {
                id: self.persona.id,
                kind: ChatKind::Private,
                thread: None,
            }
        }
    }

    fn place_name(&self, chat: i64) -> String {
        if chat == GROUP_ID {
            format!("grup {GROUP_TITLE}")
        } else if chat == TEACHER_ID {
            format!("chat pribadi {TEACHER_NAME}")
        } else {
            let name = self
                .students
                .iter()
                .find(|(_, id)| **id == chat)
                .map_or("?", |(n, _)| n.as_str());
            format!("chat pribadi {name}")
        }
    }

    fn prompt(&self) -> String {
        let place = if self.in_group { "grup" } else { "pribadi" };
        format!("[{} @ {place}] › ", self.persona.name)
    }

    /// The banner, the help and the first prompt.
    pub fn start(&mut self, banner: &str) {
        let intro = self.style.bold("kelasbot playground");
        self.say(&format!("{intro} — {banner}"));
        self.say(HELP_SHORT);
        for effect in self.app.startup() {
            self.show(effect);
        }
        self.persist();
    }

    /// Handles one typed line.
    fn line(&mut self, raw: &str) -> Line {
        let line = raw.trim();
        if line.is_empty() {
            return Line::Handled;
        }
        if self.echo {
            let who = format!(
                "{} @ {}",
                self.persona.name,
                if self.in_group { "grup" } else { "pribadi" }
            );
            let who = self.style.dim(&who);
            self.say(&format!("{who}: {line}"));
        }
        if let Some(command) = line.strip_prefix(':') {
            return self.command(command);
        }
        let here = self.here();
        if let Some((message_id, data)) = self.button(here.id, line) {
            let query_id = format!("p{}", self.next_query);
            self.next_query += 1;
            let event = Event::Callback {
                query_id,
                chat: Some(here),
                message_id: Some(message_id),
                from: self.user(),
                data,
                at: self.now(),
                teacher: self.in_group && self.persona.teacher,
            };
            self.handle(event);
            return Line::Handled;
        }
        if looks_like_a_button(line) {
            self.say(&format!(
                "(Tidak ada tombol {line} di sini sekarang. Tombol yang bisa ditekan ditampilkan \
                 seperti [A] di bawah pesan terakhir.)"
            ));
            return Line::Handled;
        }
        let message_id = self.next_id();
        let event = Event::Message {
            chat: here,
            from: Some(self.user()),
            text: line.to_string(),
            message_id,
            reply_to_bot: false,
            teacher: self.in_group && self.persona.teacher,
            sent: self.now(),
            chat_title: self.in_group.then(|| GROUP_TITLE.to_string()),
        };
        if self.handle(event) == 0 && self.in_group && !line.starts_with('/') {
            self.say(&self.style.dim(GROUP_HINT));
        }
        Line::Handled
    }

    fn user(&self) -> User {
        User {
            id: self.persona.id,
            first_name: self.persona.name.clone(),
            username: None,
        }
    }

    fn next_id(&mut self) -> i32 {
        self.next_message += 1;
        self.next_message
    }

    /// The message and callback data of the button `typed` names in `chat`, if any.
    fn button(&self, chat: i64, typed: &str) -> Option<(i32, String)> {
        let typed = typed.trim_start_matches('[').trim_end_matches(']');
        self.buttons.get(&chat).and_then(|b| {
            b.keys
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(typed))
                .map(|(_, data)| (b.message_id, data.clone()))
        })
    }

    fn command(&mut self, command: &str) -> Line {
        let (name, arg) = command
            .split_once(char::is_whitespace)
            .map_or((command, ""), |(n, a)| (n, a.trim()));
        match name.to_lowercase().as_str() {
            "help" | "bantuan" | "h" => self.say(HELP),
            "guru" => {
                self.persona = Persona {
                    id: TEACHER_ID,
                    name: TEACHER_NAME.into(),
                    teacher: true,
                };
                self.say(&format!("Sekarang kamu {TEACHER_NAME} (guru, admin grup)."));
            }
            "siswa" => {
                let name = if arg.is_empty() { "Siswa" } else { arg };
                let next = FIRST_STUDENT_ID + self.students.len() as i64;
                let id = *self.students.entry(name.to_string()).or_insert(next);
                self.persona = Persona {
                    id,
                    name: name.to_string(),
                    teacher: false,
                };
                self.say(&format!("Sekarang kamu {name} (siswa)."));
            }
            "grup" => {
                self.in_group = true;
                self.say(&format!("Sekarang di grup {GROUP_TITLE}."));
            }
            "pribadi" => {
                self.in_group = false;
                self.say(&format!(
                    "Sekarang di chat pribadi {} dengan bot.",
                    self.persona.name
                ));
            }
            "lanjut" => self.skip(),
            "maju" => match parse_span(arg) {
                Some(span) => {
                    self.offset += span;
                    self.say(&format!("⏩ Jam playground maju {arg}: {}.", self.clock()));
                    self.tick();
                }
                None => {
                    self.say("Tulis lamanya, misalnya :maju 30m, :maju 2j atau :maju 1h (hari).")
                }
            },
            "waktu" => {
                let clock = self.clock();
                self.say(&format!("🕒 {clock}"));
            }
            "keluar" | "quit" | "exit" | "q" => return Line::Quit,
            other => self.say(&format!(
                "Perintah playground :{other} tidak ada. Ketik :help."
            )),
        }
        Line::Handled
    }

    fn clock(&self) -> String {
        let zoned = self.now().to_zoned(self.app_tz());
        zoned.strftime("%Y-%m-%d %H:%M:%S %Z").to_string()
    }

    fn app_tz(&self) -> jiff::tz::TimeZone {
        self.app.settings().default_tz.clone()
    }

    /// Moves the clock to the next timed moment (a deadline, the next question, the next
    /// daily fact) and lets it happen.
    fn skip(&mut self) {
        let now = self.now();
        let next = [self.app.next_quiz_milestone(), self.app.next_fact_at(now)]
            .into_iter()
            .flatten()
            .min();
        match next {
            Some(at) => {
                if at > now {
                    self.offset += at.duration_since(now);
                }
                self.say(&self.style.dim(&format!("⏩ {}", self.clock())));
                self.tick();
            }
            None => self.say("Tidak ada yang sedang ditunggu: tidak ada kuis berjalan dan tidak ada fakta harian terjadwal."),
        }
    }

    /// Runs whatever is due at the playground's clock.
    fn tick(&mut self) {
        let now = self.now();
        for effect in self.app.quiz_tick(now) {
            self.show(effect);
        }
        let due = self.app.due_facts(now);
        if !due.is_empty() {
            // At most once: recorded on disk before it is shown.
            self.persist_now();
            for fact in due {
                self.show(fact.effect);
            }
        }
        self.persist();
    }

    /// When the next timed moment comes, on the real clock.
    fn next_wake(&self) -> Option<Timestamp> {
        let now = self.now();
        [self.app.next_quiz_wake(), self.app.next_fact_at(now)]
            .into_iter()
            .flatten()
            .min()
            .map(|t| t - self.offset)
    }

    /// Handles one event; returns how many effects it had.
    fn handle(&mut self, event: Event) -> usize {
        let effects = self.app.handle(event, self.now());
        let count = effects.len();
        for effect in effects {
            self.show(effect);
        }
        self.persist();
        count
    }

    fn show(&mut self, effect: Effect) {
        match effect {
            Effect::Send(o) => {
                let id = self.next_id();
                let header = format!("🤖 kelasbot → {}", self.place_name(o.chat.id));
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
                if let Some(tag) = o.tag {
                    // "Telegram" confirms at once: a question's timer starts now.
                    let delivered = Event::Delivered {
                        chat: o.chat.id,
                        message_id: id,
                        tag,
                        at: self.now(),
                    };
                    for effect in self.app.handle(delivered, self.now()) {
                        self.show(effect);
                    }
                }
            }
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
                let to = self.place_name(d.chat.id);
                match saved {
                    Ok(()) => {
                        self.say(&format!(
                            "📄 kelasbot → {to}: {} ({} byte), disimpan di {}",
                            d.file_name,
                            d.bytes.len(),
                            path.display()
                        ));
                        if let Some(o) = d.on_success {
                            self.show(Effect::Send(*o));
                        }
                    }
                    Err(e) => {
                        self.say(&format!("📄 {} tidak bisa disimpan: {e}", path.display()));
                        if let Some(o) = d.on_failure {
                            self.show(Effect::Send(*o));
                        }
                    }
                }
            }
            Effect::AnswerCallback { text, .. } => {
                if let Some(t) = text {
                    self.say(&self.style.dim(&format!("   💬 {t}")));
                }
            }
            Effect::AfterSnapshot(later) => {
                self.persist_now();
                for effect in later {
                    self.show(effect);
                }
            }
        }
    }

    fn snapshot_path(&self) -> PathBuf {
        self.data_dir.join(snapshot::FILE_NAME)
    }

    fn persist(&mut self) {
        if let Some(state) = self.app.take_snapshot() {
            self.write(&state);
        }
    }

    fn persist_now(&mut self) {
        let state = self.app.snapshot_now();
        self.write(&state);
    }

    fn write(&mut self, state: &crate::state::State) {
        if let Err(e) = store::write_state(&self.snapshot_path(), state) {
            self.app.mark_dirty();
            let path = self.snapshot_path();
            self.say(&format!("⚠️ {} tidak bisa ditulis: {e}", path.display()));
        }
    }

    /// Reads lines until `:keluar` or the end of input, running timers in between.
    pub async fn run(mut self, input: impl AsyncBufRead + Unpin) -> std::io::Result<()> {
        let mut lines = input.lines();
        loop {
            if !self.echo {
                let prompt = self.prompt();
                let _ = write!(self.out, "{prompt}");
                let _ = self.out.flush();
            }
            let wake = self.next_wake();
            let sleep = async {
                match wake {
                    Some(at) => {
                        let wait = at.duration_since(Timestamp::now());
                        let wait = std::time::Duration::try_from(wait).unwrap_or_default();
                        tokio::time::sleep(wait).await;
                    }
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                line = lines.next_line() => match line? {
                    Some(l) => {
                        if let Line::Quit = self.line(&l) {
                            break;
                        }
                    }
                    None => break,
                },
                _ = sleep => {
                    if !self.echo {
                        let _ = writeln!(self.out);
                    }
                    self.tick();
                }
                // Ctrl-C ends the session like :keluar: the state is written first.
                _ = tokio::signal::ctrl_c() => {
                    let _ = writeln!(self.out);
                    break;
                }
            }
        }
        self.persist_now();
        self.say("Sampai jumpa! Data playground tersimpan.");
        Ok(())
    }
}

/// Runs the playground on the terminal (or whatever stdin and stdout are): the state from
/// the same snapshot file as the bot, the same settings. `banner` says why it started.
pub fn run_in_terminal(
    config: &crate::config::Config,
    content: crate::content::Content,
    banner: &str,
) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    let path = config.data_dir.join(snapshot::FILE_NAME);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let loaded = store::load(&path, now)?;
    if let Some((aside, why)) = &loaded.set_aside {
        eprintln!(
            "kelasbot: {} was unusable ({why}); it was moved to {} and the playground starts empty",
            path.display(),
            aside.display()
        );
    }
    let settings = crate::app::Settings {
        default_tz: config.tz.clone(),
        tz_name: config.tz_name.clone(),
        quiz_seconds: config.quiz_seconds,
    };
    let app = App::with_settings(content, loaded.state, "kelasbot", settings);
    let style = Style {
        ansi: std::io::stdout().is_terminal(),
    };
    let echo = !std::io::stdin().is_terminal();
    let mut playground =
        Playground::new(app, std::io::stdout(), style, echo, config.data_dir.clone());
    playground.start(banner);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(playground.run(tokio::io::BufReader::new(tokio::io::stdin())))?;
    Ok(())
}

/// A lone letter A–D or a digit: meant as a button press, not as a message.
fn looks_like_a_button(line: &str) -> bool {
    let key = line.trim_start_matches('[').trim_end_matches(']');
    key.len() == 1
        && key
            .chars()
            .all(|c| matches!(c.to_ascii_uppercase(), 'A'..='D' | '1'..='9'))
}

/// A short key for every button: its label when that is a letter (quiz options), otherwise
/// its number; with the callback data (none for links).
fn keys(rows: &[Vec<Button>]) -> Vec<(String, Option<String>)> {
    rows.iter()
        .flatten()
        .enumerate()
        .map(|(i, b)| match b {
            Button::Callback { label, data } if label.chars().count() == 1 => {
                (label.clone(), Some(data.clone()))
            }
            Button::Callback { data, .. } => ((i + 1).to_string(), Some(data.clone())),
            Button::Url { .. } => ((i + 1).to_string(), None),
        })
        .collect()
}

/// `30m`, `2j`, `1h`, `45d` (seconds): how far to move the clock.
fn parse_span(arg: &str) -> Option<SignedDuration> {
    let arg = arg.trim();
    let unit = arg.chars().last()?;
    let n: i64 = arg[..arg.len() - unit.len_utf8()].trim().parse().ok()?;
    if n <= 0 || n > 10_000 {
        return None;
    }
    let secs = match unit.to_ascii_lowercase() {
        'd' => n,
        'm' => n * 60,
        'j' => n * 3600,
        'h' => n * 86_400,
        _ => return None,
    };
    Some(SignedDuration::from_secs(secs))
}

const HELP_SHORT: &str = "Kamu ada di grup kelas: bertanya dengan /tanya <pertanyaan>, atau \
ketik :pribadi lalu pertanyaanmu saja. Perintah bot lain: /kuis, /fakta, … Perintah playground \
diawali titik dua: :guru, :siswa <nama>, :grup, :pribadi, :lanjut, :help, :keluar.";

/// Said when a plain text in the group gets nothing: as on Telegram, the bot there answers
/// only commands and replies to its own messages.
const GROUP_HINT: &str = "(Di grup, bot hanya menjawab perintah dan balasan ke pesannya, sama \
seperti di Telegram. Bertanyalah dengan /tanya <pertanyaan>, atau ketik :pribadi untuk bicara \
langsung dengan bot.)";

const HELP: &str = "\
Playground kelasbot: bot yang sama, tanpa Telegram.

Siapa dan di mana
  :guru            jadi guru (admin grup) — bisa /kuis, /stopkuis, /resetskor, /ekspor, /langganan
  :siswa <nama>    jadi siswa bernama <nama> (dibuat saat pertama dipakai)
  :grup            bicara di grup kelas
  :pribadi         bicara di chat pribadi dengan bot

Tombol
  Tombol ditampilkan seperti [A] [B] atau [1] [2]. Ketik A (atau [A], 1, …) untuk menekannya.

Waktu
  Kuis berjalan dengan timer sungguhan.
  :lanjut          lompat ke saat berikutnya (soal ditutup sekarang, soal berikutnya,
                   atau fakta harian berikutnya)
  :maju <lama>     majukan jam playground: 30m (menit), 2j (jam), 1h (hari), 45d (detik)
  :waktu           jam playground sekarang

Lainnya
  :help            pesan ini
  :keluar          selesai (juga Ctrl-D); semua tersimpan di file snapshot yang sama dengan bot

Coba: /tanya apa itu kerja sama bilateral? · /fakta · :guru lalu /kuis 3 20 ·
:siswa Ani lalu tekan A · :lanjut · /skor · /langganan 07:00 lalu :lanjut";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans() {
        assert_eq!(parse_span("30m"), Some(SignedDuration::from_secs(1800)));
        assert_eq!(parse_span("2j"), Some(SignedDuration::from_secs(7200)));
        assert_eq!(parse_span("1h"), Some(SignedDuration::from_secs(86_400)));
        assert_eq!(parse_span("45d"), Some(SignedDuration::from_secs(45)));
        for bad in ["", "m", "0m", "-5m", "5x", "lama", "99999h"] {
            assert_eq!(parse_span(bad), None, "{bad}");
        }
    }

    #[test]
    fn keys_are_letters_for_options_and_numbers_otherwise() {
        let rows = vec![
            vec![Button::Callback {
                label: "A".into(),
                data: "k:1:0:0".into(),
            }],
            vec![Button::Callback {
                label: "Apa itu ASEAN?".into(),
                data: "faq:asean".into(),
            }],
            vec![Button::Url {
                label: "Buka".into(),
                url: "https://t.me/x".into(),
            }],
        ];
        assert_eq!(
            keys(&rows),
            vec![
                ("A".into(), Some("k:1:0:0".into())),
                ("2".into(), Some("faq:asean".into())),
                ("3".into(), None),
            ]
        );
    }
}
