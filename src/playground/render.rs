//! Bot messages for a terminal: Telegram HTML turned into plain text, with bold and italics
//! as ANSI styles when the output is a terminal that shows them.

use crate::app::Button;
use crate::html;

/// Whether to use ANSI styles.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub ansi: bool,
}

const BOLD: &str = "\x1b[1m";
const ITALIC: &str = "\x1b[3m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

impl Style {
    pub fn bold(&self, text: &str) -> String {
        self.wrap(BOLD, text)
    }

    pub fn dim(&self, text: &str) -> String {
        self.wrap(DIM, text)
    }

    fn wrap(&self, code: &str, text: &str) -> String {
        if self.ansi {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    }
}

/// A message's HTML as terminal text: tags become styles (or vanish), entities are decoded,
/// every line indented under its header.
pub fn message(html_text: &str, style: &Style) -> String {
    let styled = if style.ansi {
        let mut s = html_text.to_string();
        for (tags, code) in [
            (["<b>", "</b>"], BOLD),
            (["<i>", "</i>"], ITALIC),
            (["<code>", "</code>"], BOLD),
        ] {
            s = s.replace(tags[0], code).replace(tags[1], RESET);
        }
        s
    } else {
        html_text.to_string()
    };
    html::to_plain(&styled)
        .lines()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The buttons as `[A] [B]` or `[1] label`, one row per line.
pub fn buttons(rows: &[Vec<Button>], keys: &[(String, Option<String>)], style: &Style) -> String {
    let mut keys = keys.iter();
    rows.iter()
        .map(|row| {
            let cells: Vec<String> = row
                .iter()
                .filter_map(|b| {
                    let (key, data) = keys.next()?;
                    Some(match b {
                        Button::Callback { label, .. } if label == key => {
                            style.bold(&format!("[{key}]"))
                        }
                        Button::Callback { label, .. } => {
                            format!("{} {label}", style.bold(&format!("[{key}]")))
                        }
                        // A link into the bot's private chat can be pressed here too.
                        Button::Url { label, .. } if data.is_some() => {
                            format!("{} {label}", style.bold(&format!("[{key}]")))
                        }
                        Button::Url { label, url } => format!("🔗 {label}: {url}"),
                    })
                })
                .collect();
            format!("  {}", cells.join("  "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_terminal_text() {
        let plain = Style { ansi: false };
        assert_eq!(
            message("<b>Soal 1/2</b>\nA &amp; B &lt;3", &plain),
            "  Soal 1/2\n  A & B <3"
        );
        let ansi = Style { ansi: true };
        assert_eq!(message("<b>x</b>", &ansi), "  \x1b[1mx\x1b[0m");
    }
}
