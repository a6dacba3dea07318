//! Questions pasted as a message, in the layout teachers type in a document:
//!
//! ```text
//! 1. Planet apa yang terdekat ke Matahari?
//! a. Merkurius
//! b. Venus
//! Kunci: a
//! Penjelasan: …
//! ```
//!
//! A question begins at a number (`1.`, `1)`, `Soal 1:`); options are `a.` to `d.` (or `A)`,
//! `(a)`); the answer is `Kunci:`, `Kunci jawaban:`, `Jawaban:` or `Jawab:`; `Penjelasan:` or
//! `Pembahasan:` and `Waktu:` are optional. A line that begins none of these continues the
//! line before it. Problems are reported by the question's number.

use super::check::RawQuestion;
use super::{Parsed, table};

/// What one line is.
#[derive(Debug, PartialEq, Eq)]
enum Line<'a> {
    Question(u32, &'a str),
    Option(usize, &'a str),
    Answer(&'a str),
    Explanation(&'a str),
    Time(&'a str),
    More(&'a str),
}

/// Where a continuation line goes.
#[derive(Clone, Copy)]
enum Last {
    Question,
    Option,
    Explanation,
    Nothing,
}

/// The questions in a pasted text.
pub fn read_text(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let mut current: Option<(u32, RawQuestion)> = None;
    let mut last = Last::Nothing;
    let mut count = 0u32;
    for line in text.lines() {
        let line = table::clean(line);
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match classify(line) {
            Line::Question(number, rest) => {
                if let Some((at, raw)) = current.take() {
                    take(&mut parsed, at, raw);
                }
                count += 1;
                let at = if number > 0 { number } else { count };
                current = Some((
                    at,
                    RawQuestion {
                        question: non_empty(rest),
                        ..RawQuestion::default()
                    },
                ));
                last = Last::Question;
            }
            other => {
                let Some((_, raw)) = current.as_mut() else {
                    // Text before the first number (a title, a greeting) is passed over.
                    continue;
                };
                last = fill(raw, other, last);
            }
        }
    }
    if let Some((at, raw)) = current {
        take(&mut parsed, at, raw);
    }
    parsed
}

/// Whether a line begins a question (`1. …`): a list pasted where a name was expected.
pub fn is_question_line(line: &str) -> bool {
    numbered(line.trim()).is_some()
}

/// A pasted question, its options left empty (`c.` alone on its line) dropped.
fn take(parsed: &mut Parsed, at: u32, mut raw: RawQuestion) {
    raw.options.retain(|(_, text)| !text.trim().is_empty());
    table::take(parsed, at, raw);
}

/// Puts a line into the question being read; returns where the next continuation goes.
fn fill(raw: &mut RawQuestion, line: Line<'_>, last: Last) -> Last {
    match line {
        Line::Option(slot, text) => {
            raw.options.push((slot, text.to_string()));
            Last::Option
        }
        Line::Answer(text) => {
            raw.answer = non_empty(text);
            Last::Nothing
        }
        Line::Explanation(text) => {
            raw.explanation = non_empty(text);
            Last::Explanation
        }
        Line::Time(text) => {
            raw.time = non_empty(text);
            Last::Nothing
        }
        Line::More(text) => {
            let target = match last {
                Last::Question => raw.question.get_or_insert_with(String::new),
                Last::Option => match raw.options.last_mut() {
                    Some((_, t)) => t,
                    None => return last,
                },
                Last::Explanation => raw.explanation.get_or_insert_with(String::new),
                Last::Nothing => return last,
            };
            if !target.is_empty() {
                target.push(' ');
            }
            target.push_str(text);
            last
        }
        Line::Question(..) => last,
    }
}

fn non_empty(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn classify(line: &str) -> Line<'_> {
    if let Some(rest) = labelled(
        line,
        &[
            "kunci jawaban",
            "kunci",
            "jawaban benar",
            "jawaban",
            "jawab",
        ],
    ) {
        return Line::Answer(rest);
    }
    if let Some(rest) = labelled(line, &["penjelasan", "pembahasan"]) {
        return Line::Explanation(rest);
    }
    if let Some(rest) = labelled(line, &["waktu", "durasi"]) {
        return Line::Time(rest);
    }
    if let Some((number, rest)) = numbered(line) {
        return Line::Question(number, rest);
    }
    if let Some((slot, rest)) = lettered(line) {
        return Line::Option(slot, rest);
    }
    Line::More(line)
}

/// `Kunci: b`, `JAWABAN = b`: the text after a label and `:` or `=`.
fn labelled<'a>(line: &'a str, labels: &[&str]) -> Option<&'a str> {
    labels.iter().find_map(|label| {
        let rest = strip_prefix_ignore_case(line, label)?.trim_start();
        rest.strip_prefix(':')
            .or_else(|| rest.strip_prefix('='))
            .map(str::trim)
    })
}

/// `line` without `prefix` (ASCII, any case).
fn strip_prefix_ignore_case<'a>(line: &'a str, prefix: &str) -> Option<&'a str> {
    let head = line.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &line[prefix.len()..])
}

/// `12. …`, `12) …`, `Soal 12: …`, `No. 12 …`: the number and the rest.
fn numbered(line: &str) -> Option<(u32, &str)> {
    let (start, body) = ["soal", "no.", "nomor"]
        .iter()
        .find_map(|p| strip_prefix_ignore_case(line, p).map(|rest| (p.len(), rest)))
        .unwrap_or((0, line));
    let body = body.trim_start();
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let number: u32 = body[..digits].parse().ok()?;
    let rest = &body[digits..];
    let rest = match rest.chars().next() {
        Some('.' | ')' | ':') => &rest[1..],
        // "Soal 3 Apa …" needs its word; a bare "3 apel" is not a question's number.
        Some(' ') if start > 0 => rest,
        _ => return None,
    };
    // "1.5 juta" is a number, not a question's.
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((number, rest.trim()))
}

/// `a. …`, `A) …`, `(c) …`, `d … ` (with a space): the slot and the text.
fn lettered(line: &str) -> Option<(usize, &str)> {
    let body = line.strip_prefix('(').unwrap_or(line);
    let mut chars = body.char_indices();
    let (_, letter) = chars.next()?;
    let (at, mark) = chars.next()?;
    if !letter.is_ascii_alphabetic() || !matches!(mark, '.' | ')') {
        return None;
    }
    let slot = usize::from(letter.to_ascii_lowercase() as u8 - b'a') + 1;
    if slot > 5 {
        return None;
    }
    let rest = body.get(at + 1..)?.trim();
    Some((slot, rest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sets::RowProblem;

    const LIST: &str = "Ulangan harian IPS\n\
        \n\
        1. Planet apa yang\n\
        terdekat ke Matahari?\n\
        a. Merkurius\n\
        b. Venus\n\
        c. Surabaya\n\
        d. Bumi\n\
        Kunci: a\n\
        Penjelasan: Merkurius paling dekat.\n\
        \n\
        2) Planet terbesar di tata surya?\n\
        A) Bumi\n\
        B) Yupiter\n\
        Jawaban: B\n\
        Waktu: 45\n\
        Soal 3: Tanpa kunci?\n\
        (a) ya\n\
        (b) tidak\n\
        4. Lima pilihan?\n\
        a. 1\n\
        b. 2\n\
        c. 3\n\
        d. 4\n\
        e. 5\n\
        KUNCI JAWABAN: e\n";

    #[test]
    fn the_document_layout() {
        let parsed = read_text(LIST);
        assert_eq!(parsed.questions.len(), 2);
        let first = &parsed.questions[0];
        assert_eq!(first.question, "Planet apa yang terdekat ke Matahari?");
        assert_eq!(first.options.len(), 4);
        assert_eq!(first.answer, 0);
        assert_eq!(
            first.explanation.as_deref(),
            Some("Merkurius paling dekat.")
        );
        let second = &parsed.questions[1];
        assert_eq!(second.options, ["Bumi", "Yupiter"]);
        assert_eq!(second.answer, 1);
        assert_eq!(second.seconds, Some(45));
        let why: Vec<(u32, &RowProblem)> = parsed.skipped.iter().map(|s| (s.at, &s.why)).collect();
        assert_eq!(
            why,
            [(3, &RowProblem::NoAnswer), (4, &RowProblem::FifthOption)]
        );
    }

    #[test]
    fn lines_classified() {
        assert_eq!(classify("12. Apa?"), Line::Question(12, "Apa?"));
        assert_eq!(classify("Soal 3 Apa?"), Line::Question(3, "Apa?"));
        assert_eq!(classify("1.5 juta orang"), Line::More("1.5 juta orang"));
        assert_eq!(classify("b. Merkurius"), Line::Option(2, "Merkurius"));
        assert_eq!(classify("Kunci Jawaban : C"), Line::Answer("C"));
        assert_eq!(classify("jawaban=b"), Line::Answer("b"));
        assert_eq!(
            classify("Jawaban tidak ada di sini"),
            Line::More("Jawaban tidak ada di sini")
        );
        assert_eq!(classify("Merkurius adalah"), Line::More("Merkurius adalah"));
    }

    #[test]
    fn an_empty_option_line_is_no_option_unless_the_next_line_fills_it() {
        let parsed = read_text(
            "1. Apa?\na. ya\nb. tidak\nc.\nd.\nKunci: a\n2. Dua?\na.\nsatu\nb. dua\nKunci: a",
        );
        assert_eq!(parsed.questions[0].options, ["ya", "tidak"]);
        assert_eq!(parsed.questions[1].options, ["satu", "dua"]);
        assert!(is_question_line(" 3) Apa?"));
        assert!(!is_question_line("bab-3"));
    }

    #[test]
    fn text_without_numbers_gives_nothing() {
        let parsed = read_text("halo bu, ini soalnya besok ya");
        assert!(parsed.questions.is_empty());
        assert!(parsed.skipped.is_empty());
    }
}
