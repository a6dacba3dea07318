//! The rules every question of a set meets, whether it came from a spreadsheet row or a
//! pasted list: what is wrong with a row is said in terms the teacher can fix.

use super::{SECONDS_RANGE, SetQuestion};
use crate::content::{MAX_EXPLANATION_CHARS, MAX_OPTION_CHARS, MAX_QUIZ_QUESTION_CHARS};

/// Options a question may have.
pub const MAX_OPTIONS: usize = 4;

/// One question as found, before validation: texts trimmed, `None` where nothing was given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawQuestion {
    pub question: Option<String>,
    /// `(slot, text)`: slot 1 is option A (or "Answer 1"), in the order found.
    pub options: Vec<(usize, String)>,
    pub answer: Option<String>,
    pub time: Option<String>,
    /// A question type ("Multiple Choice", "Checkbox", …); `None` means multiple choice.
    pub kind: Option<String>,
    pub image: Option<String>,
    pub explanation: Option<String>,
    /// A cell used here holds a formula whose value the file does not keep.
    pub uncached: bool,
}

impl RawQuestion {
    /// Nothing that makes a question: a row left empty, or holding only a number.
    pub fn is_blank(&self) -> bool {
        self.question.is_none() && self.options.is_empty() && self.answer.is_none()
    }
}

/// Why a row (or pasted question) was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    /// A type other than multiple choice (skipped, not wrong).
    NotMultipleChoice(String),
    /// The question needs a picture the bot cannot show (skipped, not wrong).
    Image,
    /// A cell holds a formula without a kept value.
    Formula,
    NoQuestion,
    QuestionTooLong(usize),
    TooFewOptions(usize),
    /// Option `slot` (1 = A) is longer than allowed: its length.
    OptionTooLong(usize, usize),
    /// A fifth option is filled.
    FifthOption,
    /// Two options read the same: their slots.
    SameOptions(usize, usize),
    NoAnswer,
    /// The answer is neither A–D, 1–4 nor an option's text: what was written.
    BadAnswer(String),
    /// More than one answer given: what was written.
    SeveralAnswers(String),
    /// The answer names an option left empty: its slot.
    EmptyAnswer(usize),
    ExplanationTooLong(usize),
}

impl RowProblem {
    /// Skipped on purpose (a kind the bot does not ask), rather than wrongly filled.
    pub fn is_skip(&self) -> bool {
        matches!(self, RowProblem::NotMultipleChoice(_) | RowProblem::Image)
    }
}

/// A row or pasted question not taken: where (its row, or its number in the list), and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub at: u32,
    pub why: RowProblem,
}

/// A change made to a row that was taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteKind {
    /// A time out of range, brought to the nearest bound: (written, used).
    TimeClamped(u32, u32),
    /// A time that is not a number: what was written (the round's time is used).
    TimeUnread(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub at: u32,
    pub kind: NoteKind,
}

/// Validates one question; on success, the question and what was changed in it.
pub fn check(raw: RawQuestion) -> Result<(SetQuestion, Option<NoteKind>), RowProblem> {
    if let Some(kind) = raw.kind.as_deref().filter(|k| !is_multiple_choice(k)) {
        return Err(RowProblem::NotMultipleChoice(kind.to_string()));
    }
    if raw.image.is_some() {
        return Err(RowProblem::Image);
    }
    if raw.uncached {
        return Err(RowProblem::Formula);
    }
    let question = raw.question.ok_or(RowProblem::NoQuestion)?;
    let len = question.chars().count();
    if len > MAX_QUIZ_QUESTION_CHARS {
        return Err(RowProblem::QuestionTooLong(len));
    }
    let mut slots = raw.options;
    slots.sort_by_key(|(slot, _)| *slot);
    if slots.iter().any(|(slot, _)| *slot > MAX_OPTIONS) {
        return Err(RowProblem::FifthOption);
    }
    if slots.len() < 2 {
        return Err(RowProblem::TooFewOptions(slots.len()));
    }
    for (slot, text) in &slots {
        let len = text.chars().count();
        if len > MAX_OPTION_CHARS {
            return Err(RowProblem::OptionTooLong(*slot, len));
        }
    }
    for (i, (a, text_a)) in slots.iter().enumerate() {
        if let Some((b, _)) = slots[i + 1..]
            .iter()
            .find(|(_, text_b)| same(text_a, text_b))
        {
            return Err(RowProblem::SameOptions(*a, *b));
        }
    }
    let written = raw.answer.ok_or(RowProblem::NoAnswer)?;
    let slot = answer_slot(&written, &slots)?;
    let answer = slots
        .iter()
        .position(|(s, _)| *s == slot)
        .ok_or(RowProblem::EmptyAnswer(slot))?;
    if let Some(e) = &raw.explanation {
        let len = e.chars().count();
        if len > MAX_EXPLANATION_CHARS {
            return Err(RowProblem::ExplanationTooLong(len));
        }
    }
    let (seconds, note) = match raw.time.as_deref() {
        None => (None, None),
        Some(t) => match leading_number(t) {
            Some(n) => {
                let used = n.clamp(SECONDS_RANGE.0, SECONDS_RANGE.1);
                let note = (used != n).then_some(NoteKind::TimeClamped(n, used));
                (Some(used), note)
            }
            None => (None, Some(NoteKind::TimeUnread(t.to_string()))),
        },
    };
    Ok((
        SetQuestion {
            question,
            options: slots.into_iter().map(|(_, t)| t).collect(),
            answer,
            seconds,
            explanation: raw.explanation,
        },
        note,
    ))
}

/// "Multiple Choice", "multiple-choice", "Pilihan ganda", "PG", "Quiz" (Kahoot's own).
fn is_multiple_choice(kind: &str) -> bool {
    let k: String = kind
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    matches!(
        k.as_str(),
        "multiplechoice" | "mc" | "mcq" | "pilihanganda" | "pg" | "quiz" | "kuis" | ""
    )
}

fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The option slot an answer names: a number (1–4), a letter (A–D, perhaps followed by `.`
/// or `)`), or the text of one of the options. More than one is refused: a round has one
/// right answer.
fn answer_slot(written: &str, slots: &[(usize, String)]) -> Result<usize, RowProblem> {
    let text = written.trim();
    // "a. Jakarta", as a key is often written: the letter, when its option says the same.
    if let Some((letter, rest)) = text.split_once(['.', ')'])
        && letter.trim().chars().all(|c| c.is_ascii_alphabetic())
        && let Some(slot) = one_slot(letter)
        && !rest.trim().is_empty()
    {
        return slots
            .iter()
            .find(|(s, t)| *s == slot && same(t, rest))
            .map(|(s, _)| *s)
            .ok_or_else(|| RowProblem::BadAnswer(text.to_string()));
    }
    let parts: Vec<&str> = text
        .split(|c: char| matches!(c, ',' | ';' | '/' | '&') || c.is_whitespace())
        .filter(|p| !p.is_empty() && !["dan", "and"].contains(&p.to_lowercase().as_str()))
        .collect();
    let named: Vec<Option<usize>> = parts.iter().map(|p| one_slot(p)).collect();
    match named.as_slice() {
        [Some(slot)] if (1..=MAX_OPTIONS).contains(slot) => return Ok(*slot),
        [_, _, ..] if named.iter().all(Option::is_some) => {
            return Err(RowProblem::SeveralAnswers(text.to_string()));
        }
        _ => {}
    }
    // The option's own text, as some teachers write the key.
    slots
        .iter()
        .find(|(_, t)| same(t, text))
        .map(|(slot, _)| *slot)
        .ok_or_else(|| RowProblem::BadAnswer(text.to_string()))
}

/// `2`, `2.0` (a number cell), `B`, `b.`, `(b)`, `B)`.
fn one_slot(part: &str) -> Option<usize> {
    let p = part.trim_matches(|c: char| matches!(c, '(' | ')' | '.' | ':'));
    let p = p.strip_suffix(".0").unwrap_or(p);
    if let Ok(n) = p.parse::<usize>() {
        return Some(n);
    }
    let mut chars = p.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_alphabetic() => {
            Some(usize::from(c.to_ascii_lowercase() as u8 - b'a') + 1)
        }
        _ => None,
    }
}

/// The number a text begins with ("20", "20 detik", "30s", "20.0").
pub fn leading_number(text: &str) -> Option<u32> {
    let digits: String = text
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let n: u64 = digits.parse().ok()?;
    Some(u32::try_from(n).unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(answer: &str) -> RawQuestion {
        RawQuestion {
            question: Some("Planet terdekat ke Matahari?".into()),
            options: vec![
                (1, "Jakarta".into()),
                (2, "Merkurius".into()),
                (3, "Medan".into()),
                (4, "Surabaya".into()),
            ],
            answer: Some(answer.into()),
            ..RawQuestion::default()
        }
    }

    fn answer_of(answer: &str) -> Result<usize, RowProblem> {
        check(raw(answer)).map(|(q, _)| q.answer)
    }

    #[test]
    fn answers_as_numbers_letters_or_the_option_itself() {
        for (written, index) in [
            ("1", 0),
            ("2.0", 1),
            ("c", 2),
            ("D", 3),
            ("b.", 1),
            ("(c)", 2),
            ("Surabaya", 3),
            ("d. Surabaya", 3),
            ("B) Merkurius", 1),
            (" merkurius ", 1),
        ] {
            assert_eq!(answer_of(written), Ok(index), "{written}");
        }
        assert_eq!(answer_of("5"), Err(RowProblem::BadAnswer("5".into())));
        assert_eq!(answer_of("E"), Err(RowProblem::BadAnswer("E".into())));
        assert_eq!(
            answer_of("Bogor"),
            Err(RowProblem::BadAnswer("Bogor".into()))
        );
        assert_eq!(
            answer_of("1,3"),
            Err(RowProblem::SeveralAnswers("1,3".into()))
        );
        assert_eq!(
            answer_of("a dan c"),
            Err(RowProblem::SeveralAnswers("a dan c".into()))
        );
    }

    #[test]
    fn options_counted_limited_and_compacted() {
        let mut r = raw("4");
        r.options.remove(2);
        let (q, _) = check(r).unwrap();
        assert_eq!(q.options, ["Jakarta", "Merkurius", "Surabaya"]);
        assert_eq!(q.answer, 2);

        let mut r = raw("3");
        r.options.remove(2);
        assert_eq!(check(r), Err(RowProblem::EmptyAnswer(3)));

        let mut r = raw("1");
        r.options.push((5, "Bogor".into()));
        assert_eq!(check(r), Err(RowProblem::FifthOption));

        let mut r = raw("1");
        r.options.truncate(1);
        assert_eq!(check(r), Err(RowProblem::TooFewOptions(1)));

        let mut r = raw("1");
        r.options[1].1 = "x".repeat(101);
        assert_eq!(check(r), Err(RowProblem::OptionTooLong(2, 101)));

        let mut r = raw("1");
        r.options[2].1 = "jakarta".into();
        assert_eq!(check(r), Err(RowProblem::SameOptions(1, 3)));
    }

    #[test]
    fn question_and_kind_rules() {
        let mut r = raw("1");
        r.question = Some("x".repeat(301));
        assert_eq!(check(r), Err(RowProblem::QuestionTooLong(301)));
        let mut r = raw("1");
        r.question = None;
        assert_eq!(check(r), Err(RowProblem::NoQuestion));
        let mut r = raw("1");
        r.kind = Some("Checkbox".into());
        assert_eq!(
            check(r),
            Err(RowProblem::NotMultipleChoice("Checkbox".into()))
        );
        let mut r = raw("1");
        r.kind = Some("Multiple Choice".into());
        assert!(check(r).is_ok());
        let mut r = raw("1");
        r.image = Some("https://example.org/a.png".into());
        assert_eq!(check(r), Err(RowProblem::Image));
        let mut r = raw("1");
        r.uncached = true;
        assert_eq!(check(r), Err(RowProblem::Formula));
        assert_eq!(check(RawQuestion::default()), Err(RowProblem::NoQuestion));
        assert!(RawQuestion::default().is_blank());
    }

    #[test]
    fn times_are_clamped_with_a_note() {
        let timed = |t: &str| {
            let mut r = raw("1");
            r.time = Some(t.into());
            check(r).map(|(q, note)| (q.seconds, note))
        };
        assert_eq!(timed("30"), Ok((Some(30), None)));
        assert_eq!(timed("20 detik"), Ok((Some(20), None)));
        assert_eq!(
            timed("240"),
            Ok((Some(120), Some(NoteKind::TimeClamped(240, 120))))
        );
        assert_eq!(
            timed("5"),
            Ok((Some(10), Some(NoteKind::TimeClamped(5, 10))))
        );
        assert_eq!(
            timed("lama"),
            Ok((None, Some(NoteKind::TimeUnread("lama".into()))))
        );
    }
}
