//! `kelasbot ask "<question>"`: answer one question from the FAQ, as a person or as JSON.

use std::io::Write;

use serde_json::json;

use crate::answer::{FaqIndex, Outcome};
use crate::content::Content;
use crate::html;
use crate::texts;

/// Answers `question` against `content`, writing either readable text or one JSON object.
pub fn ask(
    content: &Content,
    question: &str,
    as_json: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let index = FaqIndex::build(&content.faq, &content.lexicon);
    let m = index.ask(question);
    let shown = match m.outcome {
        Outcome::None => None,
        Outcome::Answer | Outcome::Unsure => m.best.map(|b| &content.faq[b.entry]),
    };
    let answer = match (m.outcome, shown) {
        (Outcome::Answer, Some(e)) => Some(html::to_plain(&texts::faq_answer(
            e,
            content.source(&e.source),
        ))),
        _ => None,
    };
    let suggestions: Vec<(&str, &str)> = m
        .suggestions
        .iter()
        .map(|s| {
            let e = &content.faq[s.entry];
            (e.id.as_str(), e.question.as_str())
        })
        .collect();
    if as_json {
        let value = json!({
            "subject": content.pack.id,
            "outcome": m.outcome.as_str(),
            "matched": m.outcome == Outcome::Answer,
            "id": shown.map(|e| e.id.as_str()),
            "score": m.best.map_or(0.0, |b| (f64::from(b.score) * 1000.0).round() / 1000.0),
            "answer": answer,
            "suggestions": suggestions
                .iter()
                .map(|(id, question)| json!({"id": id, "question": question}))
                .collect::<Vec<_>>(),
        });
        return writeln!(out, "{value}");
    }
    match m.outcome {
        Outcome::Answer => writeln!(out, "{}", answer.unwrap_or_default()),
        Outcome::Unsure => {
            writeln!(out, "{}", texts::UNSURE)?;
            for (i, (_, question)) in suggestions.iter().enumerate() {
                writeln!(out, "  {}. {question}", i + 1)?;
            }
            Ok(())
        }
        Outcome::None => writeln!(out, "{}", html::to_plain(&texts::no_answer(content))),
    }
}
