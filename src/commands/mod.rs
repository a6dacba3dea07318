//! The bot's slash commands: the one table of them ([`COMMANDS`], in `table.rs`) and parsing
//! of commands as Telegram delivers them: `/fakta`, `/fakta@kelasbot`,
//! `/tanya apa itu globalisasi?`. Pure; the app decides what each command does.
//!
//! Every reader of command names works from the table: the app (who may use a command, where,
//! whether a late one is ignored, whether a teacher check must be fresh), the command menus
//! and `/bantuan` (both rendered by `texts`).

mod table;

pub use table::COMMANDS;

/// Longest command name Telegram allows.
const MAX_NAME: usize = 32;

/// The alias that opens a private chat from a `t.me/<bot>?start=…` link; with an export
/// payload it asks for a group's scoreboard file.
pub const START: &str = "start";

/// A command addressed to this bot: its lowercase name and the rest of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed<'a> {
    pub name: String,
    pub args: &'a str,
}

/// What the app does for a command; each entry of the table has its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Id {
    Tanya,
    Fakta,
    Latihan,
    Skor,
    Jadwal,
    Materi,
    Bantuan,
    Kuis,
    StopKuis,
    ResetSkor,
    Ekspor,
    Langganan,
    Berhenti,
    BuatKuis,
    KuisKu,
    Templat,
    Laporan,
    ResetLaporan,
    Tugas,
    BatalkanTugas,
}

/// Who may use a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Everyone,
    /// A group's teachers (its admins, or the ones the operator named), checked with Telegram.
    Teachers,
}

/// Where a command is offered: the menus and the `/bantuan` of those chats list it. Used
/// elsewhere, a teachers' command is refused with a pointer to the class group; anyone's
/// command explains itself (`/jadwal` in a private chat, `/latihan` in a group).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Private,
    Group,
    Both,
}

impl Place {
    pub fn in_private(self) -> bool {
        matches!(self, Place::Private | Place::Both)
    }

    pub fn in_groups(self) -> bool {
        matches!(self, Place::Group | Place::Both)
    }
}

/// One of Telegram's command menus (the "/" button), each set for a scope of chats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Menu {
    Private,
    Group,
    /// Groups, as their administrators (the teachers) see them.
    Admins,
}

impl Menu {
    pub const ALL: [Menu; 3] = [Menu::Private, Menu::Group, Menu::Admins];
}

/// A command's line in one menu: its place there (a menu lists its lines by `at`, so the
/// teachers' menu can lead with the quiz while students' menus lead with `/tanya`) and the
/// description Telegram shows beside the name (plain text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MenuLine {
    pub at: u8,
    pub text: &'static str,
}

/// A command's line in each menu; `None` where it is not listed.
#[derive(Debug, Clone, Copy)]
pub struct Menus {
    pub private: Option<MenuLine>,
    pub group: Option<MenuLine>,
    pub admins: Option<MenuLine>,
}

/// What `/bantuan` says of a command after its name and arguments (Telegram HTML), in a
/// private chat and in a group; `None` where it is not listed. Commands are listed in the
/// table's order, teachers' commands in a part of their own.
#[derive(Debug, Clone, Copy)]
pub struct Help {
    pub private: Option<&'static str>,
    pub group: Option<&'static str>,
}

/// Everything the bot knows about one command.
#[derive(Debug, Clone, Copy)]
pub struct Command {
    pub id: Id,
    /// What users type after `/`, lowercase; the name menus and help show.
    pub name: &'static str,
    /// Other names that do the same (`/help`, `/start`), shown nowhere.
    pub aliases: &'static [&'static str],
    pub who: Who,
    pub place: Place,
    /// Ignored when it arrives more than two minutes late (as after an outage), so a backlog
    /// never starts a quiz nobody is waiting for.
    pub changes_state: bool,
    /// Destroys or reveals the class's data: a remembered "yes, a teacher" will not do, the
    /// adapter asks Telegram about the sender every time.
    pub fresh_check: bool,
    /// The arguments as `/bantuan` shows them, plain text: `<pertanyaan>`, `[jumlah] [topik]`.
    pub args: &'static str,
    pub menus: Menus,
    pub help: Help,
}

impl Command {
    /// This command's line in `menu`, if it is listed there.
    pub fn menu_line(&self, menu: Menu) -> Option<MenuLine> {
        match menu {
            Menu::Private => self.menus.private,
            Menu::Group => self.menus.group,
            Menu::Admins => self.menus.admins,
        }
    }
}

/// The command called `name` (lowercase), by its name or an alias.
pub fn find(name: &str) -> Option<&'static Command> {
    COMMANDS
        .iter()
        .find(|c| c.name == name || c.aliases.contains(&name))
}

/// Parses `text` as a command for the bot named `bot_username` (without `@`).
///
/// Returns `None` for text that is not a command, and for a command addressed to another bot
/// (`/fakta@otherbot`), which in a group with several bots is not ours to answer.
pub fn parse<'a>(text: &'a str, bot_username: &str) -> Option<Parsed<'a>> {
    let rest = text.strip_prefix('/')?;
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let (head, args) = rest.split_at(end);
    let (name, target) = match head.split_once('@') {
        Some((name, target)) => (name, Some(target)),
        None => (head, None),
    };
    if name.is_empty()
        || name.len() > MAX_NAME
        || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    {
        return None;
    }
    if let Some(target) = target
        && !target.eq_ignore_ascii_case(bot_username)
    {
        return None;
    }
    Some(Parsed {
        name: name.to_ascii_lowercase(),
        args: args.trim(),
    })
}

#[cfg(test)]
mod tests;
