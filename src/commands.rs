//! Parsing of slash commands as Telegram delivers them: `/fakta`, `/fakta@kelasbot`,
//! `/tanya apa itu ASEAN?`. Pure; the app decides what each command does.

/// Longest command name Telegram allows.
const MAX_NAME: usize = 32;

/// A command addressed to this bot: its lowercase name and the rest of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed<'a> {
    pub name: String,
    pub args: &'a str,
}

/// Commands only a group's teachers may use.
pub const TEACHER_COMMANDS: &[&str] = &[
    "kuis",
    "stopkuis",
    "resetskor",
    "langganan",
    "berhenti",
    "ekspor",
];

/// Teacher commands that destroy or reveal the class's data: the adapter asks Telegram about
/// the sender every time, never from memory.
pub const RECHECKED: &[&str] = &["resetskor", "ekspor"];

/// Teacher commands that change state: ignored when they arrive more than two minutes late
/// (as after an outage), so a backlog never starts a quiz nobody is waiting for.
pub const STATE_CHANGING: &[&str] = &["kuis", "stopkuis", "resetskor", "langganan", "berhenti"];

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
mod tests {
    use super::*;

    fn p(text: &str) -> Option<(String, String)> {
        parse(text, "kelasbot").map(|c| (c.name, c.args.to_string()))
    }

    #[test]
    fn commands_with_and_without_the_bot_name() {
        assert_eq!(p("/fakta"), Some(("fakta".into(), "".into())));
        assert_eq!(p("/Fakta@KelasBot"), Some(("fakta".into(), "".into())));
        assert_eq!(
            p("/tanya   apa itu ASEAN? "),
            Some(("tanya".into(), "apa itu ASEAN?".into()))
        );
        assert_eq!(
            p("/tanya@kelasbot\nbilateral itu apa"),
            Some(("tanya".into(), "bilateral itu apa".into()))
        );
    }

    #[test]
    fn other_bots_and_non_commands_are_not_ours() {
        assert_eq!(p("/fakta@otherbot"), None);
        assert_eq!(p("fakta"), None);
        assert_eq!(p("/"), None);
        assert_eq!(p("/@kelasbot"), None);
        assert_eq!(p("/fak-ta"), None);
        assert_eq!(p("/😀"), None);
        assert_eq!(p(&format!("/{}", "a".repeat(33))), None);
    }
}
