//! The local playground: the whole bot in a terminal, without Telegram. A second adapter over
//! the same [`App`], run by the same driver: lines typed become events, effects are printed
//! (`screen`). You act as the teacher or as named students, in a private chat or in a class
//! group; buttons are pressed by typing their key; quizzes run on real timers, and the
//! playground's clock can be moved forward so a preview need not wait for a deadline or for
//! tomorrow's 07:00.

mod help;
mod render;
mod screen;
mod terminal;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use jiff::SignedDuration;

use crate::app::{App, Chat, ChatKind, Event, FileRef, Role, User};
use crate::driver::{Clock, Driver, set_store, store};
use help::{GROUP_HINT, HELP, HELP_SHORT};
pub use render::Style;
use screen::Screen;
pub use screen::Shown;
pub use terminal::run_in_terminal;

/// The class group of the playground.
pub const GROUP_ID: i64 = -1_000_000_000_001;
pub const GROUP_TITLE: &str = "Kelas 9A (playground)";
/// The teacher, and the first student `:siswa` makes (the next ones count up).
pub const TEACHER_ID: i64 = 1_001;
const TEACHER_NAME: &str = "Bu Guru";
pub const FIRST_STUDENT_ID: i64 = 2_001;

/// Who is typing.
#[derive(Debug, Clone)]
struct Persona {
    id: i64,
    name: String,
    teacher: bool,
}

pub struct Playground<W: Write> {
    driver: Driver<Screen<W>>,
    /// Echo typed lines (when the input is not a terminal, so a transcript reads as a chat).
    echo: bool,
    persona: Persona,
    students: BTreeMap<String, i64>,
    in_group: bool,
    next_query: u64,
    /// Where `:muat` reads the packs again.
    content_dir: Option<PathBuf>,
}

/// What a line asked for.
enum Line {
    Quit,
    Handled,
}

impl<W: Write> Playground<W> {
    /// A playground over `app` on `clock`, keeping its snapshot and files in `data_dir`.
    pub fn new(
        app: Arc<App>,
        out: W,
        style: Style,
        echo: bool,
        data_dir: PathBuf,
        clock: Clock,
    ) -> Self {
        let mut screen = Screen::new(out, style, data_dir.clone());
        screen
            .places
            .insert(GROUP_ID, format!("grup {GROUP_TITLE}"));
        screen
            .places
            .insert(TEACHER_ID, format!("chat pribadi {TEACHER_NAME}"));
        // Written after every step: a playground session may end any moment.
        let path = data_dir.join(store::FILE_NAME);
        let (sets, problems) = set_store::load_sets(&set_store::sets_dir(&path));
        for problem in &problems {
            screen.say(&format!("⚠️ set tidak dimuat: {problem}"));
        }
        app.load_sets(sets);
        let driver = Driver::new(app, screen, clock, path, std::time::Duration::ZERO);
        Playground {
            driver,
            echo,
            persona: Persona {
                id: TEACHER_ID,
                name: TEACHER_NAME.into(),
                teacher: true,
            },
            students: BTreeMap::new(),
            in_group: true,
            next_query: 1,
            content_dir: None,
        }
    }

    /// Lets `:muat` read the packs in `dir` again.
    pub fn reload_from(&mut self, dir: PathBuf) {
        self.content_dir = Some(dir);
    }

    /// `:muat`: the packs read again and, if all are valid, taught from now on.
    async fn reload(&mut self) {
        let Some(dir) = self.content_dir.clone() else {
            self.say("Playground ini tidak tahu folder materinya, jadi tidak bisa memuat ulang.");
            return;
        };
        match self.driver.reload(&dir).await {
            Ok(done) => {
                self.say(&format!(
                    "📚 Materi dimuat ulang dari {}: {} materi.",
                    dir.display(),
                    done.subjects
                ));
                for w in &done.warnings {
                    self.dim(&format!("peringatan: {w}"));
                }
                if !done.orphans.is_empty() {
                    self.say("Materi yang dipilih sebagian chat sudah tidak ada; chat itu kembali ke materi bawaan.");
                }
            }
            Err(problems) => {
                self.say(&format!(
                    "⚠️ Materi baru tidak valid ({} masalah), jadi materi lama tetap dipakai:",
                    problems.len()
                ));
                for p in &problems {
                    self.say(&format!("  {p}"));
                }
            }
        }
    }

    /// Every message the bot sent so far, in order.
    pub fn shown(&mut self) -> &[Shown] {
        &self.driver.port().shown
    }

    fn say(&mut self, text: &str) {
        self.driver.port().say(text);
    }

    fn dim(&mut self, text: &str) {
        let dim = self.driver.port().style.dim(text);
        self.say(&dim);
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

    fn prompt(&self) -> String {
        let place = if self.in_group { "grup" } else { "pribadi" };
        format!("[{} @ {place}] › ", self.persona.name)
    }

    /// The banner, the help and what the last stop left to say.
    pub async fn start(&mut self, banner: &str) {
        let intro = self.driver.port().style.bold("kelasbot playground");
        self.say(&format!("{intro} — {banner}"));
        self.say(HELP_SHORT);
        self.driver.start().await;
        self.driver.settle().await;
    }

    /// Handles one typed line, as if typed at the prompt; false when it ends the session.
    pub async fn input(&mut self, raw: &str) -> bool {
        let line = self.line(raw).await;
        // What waits for the disk (a round's podium) is shown before the next line is read.
        self.driver.settle().await;
        matches!(line, Line::Handled)
    }

    async fn line(&mut self, raw: &str) -> Line {
        let line = raw.trim();
        if line.is_empty() {
            return Line::Handled;
        }
        if self.echo {
            let place = if self.in_group { "grup" } else { "pribadi" };
            let who = format!("{} @ {place}", self.persona.name);
            let who = self.driver.port().style.dim(&who);
            self.say(&format!("{who}: {line}"));
        }
        if let Some(command) = line.strip_prefix(':') {
            return self.command(command).await;
        }
        let here = self.here();
        let now = self.driver.now();
        if let Some((_, text)) = self
            .driver
            .port()
            .button(here.id, line)
            .filter(|(_, data)| data.starts_with(screen::START_PREFIX))
        {
            // A link into the bot's private chat: Telegram opens it and sends `/start …`.
            self.in_group = false;
            self.dim(&format!(
                "(membuka chat pribadi {} dengan bot)",
                self.persona.name
            ));
            self.send_text(&text);
            return Line::Handled;
        }
        if let Some((message_id, data)) = self.driver.port().button(here.id, line) {
            let query_id = format!("p{}", self.next_query);
            self.next_query += 1;
            let event = Event::Callback {
                query_id,
                chat: Some(here),
                message_id: Some(message_id),
                from: self.user(),
                data,
                at: now,
                teacher: self.in_group && self.persona.teacher,
            };
            self.driver.handle(event);
            return Line::Handled;
        }
        if looks_like_a_button(line) {
            self.say(&format!(
                "(Tidak ada tombol {line} di sini sekarang. Tombol yang bisa ditekan ditampilkan \
                 seperti [A] di bawah pesan terakhir.)"
            ));
            return Line::Handled;
        }
        if self.send_text(line) == 0 && self.in_group && !line.starts_with('/') {
            self.dim(GROUP_HINT);
        }
        Line::Handled
    }

    /// Sends `text` as the persona, here; how many effects it had.
    fn send_text(&mut self, text: &str) -> usize {
        let message_id = self.driver.port().next_id();
        let event = Event::Message {
            chat: self.here(),
            from: Some(self.user()),
            text: text.to_string(),
            message_id,
            reply_to_bot: false,
            teacher: self.in_group && self.persona.teacher,
            sent: self.driver.now(),
            chat_title: self.in_group.then(|| GROUP_TITLE.to_string()),
        };
        let event = self.checked(event);
        self.driver.handle(event)
    }

    /// What Telegram would say of who is asking: whoever plays here is in the class group
    /// (so a homework link opens for every student); who teaches is the persona's.
    fn checked(&self, mut event: Event) -> Event {
        let member = self
            .driver
            .app()
            .teacher_check(&event)
            .is_some_and(|c| c.role == Role::Member);
        if member && let Event::Message { teacher, .. } = &mut event {
            *teacher = true;
        }
        event
    }

    fn user(&self) -> User {
        User {
            id: self.persona.id,
            first_name: self.persona.name.clone(),
            username: None,
        }
    }

    async fn command(&mut self, command: &str) -> Line {
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
                let class = u32::try_from(self.students.len()).unwrap_or(u32::MAX);
                let port = self.driver.port();
                port.places.insert(id, format!("chat pribadi {name}"));
                port.class = class;
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
            "lanjut" => {
                if self.driver.skip_ahead() {
                    let clock = self.clock();
                    self.dim(&format!("⏩ {clock}"));
                    self.driver.wake().await;
                } else {
                    self.say(
                        "Tidak ada yang sedang ditunggu: tidak ada kuis berjalan dan tidak ada \
                         fakta harian terjadwal.",
                    );
                }
            }
            "maju" => match parse_span(arg) {
                Some(span) => {
                    self.driver.advance(span);
                    let clock = self.clock();
                    self.say(&format!("⏩ Jam playground maju {arg}: {clock}."));
                    self.driver.wake().await;
                }
                None => {
                    self.say("Tulis lamanya, misalnya :maju 30m, :maju 2j atau :maju 1h (hari).")
                }
            },
            "waktu" => {
                let clock = self.clock();
                self.say(&format!("🕒 {clock}"));
            }
            "muat" => self.reload().await,
            "kirim" => self.send_file(arg),
            "keluar" | "quit" | "exit" | "q" => return Line::Quit,
            other => self.say(&format!(
                "Perintah playground :{other} tidak ada. Ketik :help."
            )),
        }
        Line::Handled
    }

    /// `:kirim <path>`: sends a file as if attached in Telegram (`.xlsx`, `.csv`, …); a `.txt`
    /// is sent as its text, like a pasted list of questions.
    fn send_file(&mut self, path: &str) {
        if path.is_empty() {
            self.say("Tulis path berkasnya, misalnya :kirim soal.xlsx atau :kirim soal.txt.");
            return;
        }
        let size = match std::fs::metadata(path) {
            Ok(m) if m.is_file() => m.len(),
            _ => {
                self.say(&format!("Berkas {path} tidak ada atau tidak bisa dibaca."));
                return;
            }
        };
        let here = self.here();
        let now = self.driver.now();
        let event = if path.to_lowercase().ends_with(".txt") {
            let Ok(text) = std::fs::read_to_string(path) else {
                self.say(&format!("{path} bukan teks UTF-8."));
                return;
            };
            Event::Message {
                chat: here,
                from: Some(self.user()),
                text,
                message_id: self.driver.port().next_id(),
                reply_to_bot: false,
                teacher: self.in_group && self.persona.teacher,
                sent: now,
                chat_title: self.in_group.then(|| GROUP_TITLE.to_string()),
            }
        } else {
            let name = std::path::Path::new(path)
                .file_name()
                .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned());
            Event::Document {
                chat: here,
                from: Some(self.user()),
                file: FileRef {
                    id: path.to_string(),
                    name,
                    size: Some(size),
                },
                caption: None,
                sent: now,
            }
        };
        self.driver.handle(event);
    }

    fn clock(&self) -> String {
        let tz = self.driver.app().settings().default_tz.clone();
        let zoned = self.driver.now().to_zoned(tz);
        zoned.strftime("%Y-%m-%d %H:%M:%S %Z").to_string()
    }
}

/// A lone letter A–D or a digit: meant as a button press, not as a message.
fn looks_like_a_button(line: &str) -> bool {
    let key = line.trim_start_matches('[').trim_end_matches(']');
    key.len() == 1
        && key
            .chars()
            .all(|c| matches!(c.to_ascii_uppercase(), 'A'..='D' | '1'..='9'))
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
}
