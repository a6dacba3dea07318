//! Telegram's HTML parse mode: escaping what users wrote, and turning bot HTML back into plain
//! text for the terminal and the command line.

/// Escapes `<`, `>` and `&` so any user-supplied string is inert inside an HTML message.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Drops tags and decodes the entities `escape` produces: what a reader sees.
pub fn to_plain(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Cuts `text` to at most `max` characters on a character boundary, marking the cut with "…".
/// Used only on plain text before markup is added, so no tag is ever split.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_makes_markup_inert_and_round_trips() {
        let nasty = "<b>Budi</b> & \"</a>\" <script>";
        let escaped = escape(nasty);
        assert!(!escaped.contains('<') && !escaped.contains('>'));
        assert_eq!(to_plain(&escaped), nasty);
        assert_eq!(
            to_plain("<b>Halo</b> &lt;3 &amp; <i>kamu</i>"),
            "Halo <3 & kamu"
        );
    }

    #[test]
    fn truncation_respects_characters() {
        assert_eq!(truncate("abc", 5), "abc");
        assert_eq!(truncate("ééééé", 3), "éé…");
    }
}
