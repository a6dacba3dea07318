//! `kelasbot check`: validate every pack in the content directory and report counts per pack,
//! warnings and errors.

use std::io::Write;
use std::path::Path;

use serde_json::json;

use crate::answer::FaqIndex;
use crate::app::callback::{self, CallbackData};
use crate::content::{self, Content, Problem, answer_lint, lint};

/// Validates the content in `dir`, writes the report to `out` (errors to `err`), and returns
/// whether the content is valid.
pub fn check(
    dir: &Path,
    as_json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<bool> {
    let result = content::load_library(dir).and_then(|(library, mut warnings)| {
        let too_long = buttons_too_long(&library);
        if too_long.is_empty() {
            warnings.extend(shared_ways(dir, &library));
            warnings.extend(quiz_lint(dir, &library));
            warnings.extend(faq_lint(dir, &library));
            Ok((library, warnings))
        } else {
            Err(too_long)
        }
    });
    if as_json {
        let value = match &result {
            Ok((library, warnings)) => {
                let packs: serde_json::Map<String, serde_json::Value> = library
                    .packs()
                    .iter()
                    .map(|c| {
                        let lex = &c.lexicon;
                        let pack = json!({
                            "name": c.pack.name,
                            "level": c.pack.level,
                            "summary": c.summary(),
                            "quiz_lint": lint::BankFigures::of(&c.quiz),
                            "faq_lint": answer_lint::FaqFigures::of(&c.faq),
                            "lexicon": {
                                "home": lex.home,
                                "names": lex.names.len(),
                                "aliases": lex.aliases.len(),
                                "synonyms": lex.synonyms.len(),
                                "keep": lex.keep.len(),
                                "kinds": lex
                                    .kinds
                                    .iter()
                                    .map(|(kind, names)| (kind.clone(), names.len()))
                                    .collect::<std::collections::BTreeMap<_, _>>(),
                            },
                        });
                        (c.pack.id.clone(), pack)
                    })
                    .collect();
                json!({
                    "ok": true,
                    "dir": dir.display().to_string(),
                    "packs": packs,
                    "warnings": warnings,
                    "errors": [],
                })
            }
            Err(errors) => json!({
                "ok": false,
                "dir": dir.display().to_string(),
                "packs": null,
                "warnings": [],
                "errors": errors,
            }),
        };
        writeln!(out, "{value}")?;
        return Ok(result.is_ok());
    }
    match result {
        Ok((library, warnings)) => {
            writeln!(
                out,
                "Content in {} is valid: {} subject(s).",
                dir.display(),
                library.packs().len()
            )?;
            for c in library.packs() {
                writeln!(out)?;
                write_summary(out, c)?;
            }
            write_problems(out, "warning", &warnings)?;
            Ok(true)
        }
        Err(errors) => {
            write_problems(err, "error", &errors)?;
            writeln!(
                err,
                "{} problem(s) in {}; the bot will not start until they are fixed.",
                errors.len(),
                dir.display()
            )?;
            Ok(false)
        }
    }
}

fn write_summary(out: &mut dyn Write, c: &Content) -> std::io::Result<()> {
    let s = c.summary();
    writeln!(out, "== {} — {} ({})", c.pack.id, c.pack.name, c.pack.level)?;
    let d = &s.difficulty;
    writeln!(
        out,
        "pack.yaml: {} articles, {} topics · faq.yaml: {} entries · facts.yaml: {} facts · quiz.yaml: {} questions (mudah {}, sedang {}, sulit {})",
        s.sources,
        c.pack.topics.len(),
        s.totals.faq,
        s.totals.facts,
        s.totals.quiz,
        d.get("mudah").unwrap_or(&0),
        d.get("sedang").unwrap_or(&0),
        d.get("sulit").unwrap_or(&0),
    )?;
    writeln!(out, "{}", answer_lint::FaqFigures::of(&c.faq).line())?;
    writeln!(out, "{}", lint::BankFigures::of(&c.quiz).line())?;
    let lex = &c.lexicon;
    if lex == &content::Lexicon::default() {
        writeln!(
            out,
            "no lexicon.yaml (the engine's general Indonesian only)"
        )?;
    } else {
        writeln!(
            out,
            "lexicon.yaml: home {}, {} names, {} aliases, {} synonyms, {} kept words{}",
            lex.home.as_deref().unwrap_or("—"),
            lex.names.len(),
            lex.aliases.len(),
            lex.synonyms.len(),
            lex.keep.len(),
            lex.kinds
                .iter()
                .map(|(kind, names)| format!(", {} {kind}", names.len()))
                .collect::<String>(),
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{:<28} {:>5} {:>6} {:>5}",
        "topic", "faq", "facts", "quiz"
    )?;
    for (topic, c) in &s.topics {
        writeln!(out, "{topic:<28} {:>5} {:>6} {:>5}", c.faq, c.facts, c.quiz)?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{:<28} {:>5} {:>6} {:>5}",
        "article", "faq", "facts", "quiz"
    )?;
    for (article, c) in &s.articles {
        writeln!(
            out,
            "{article:<28} {:>5} {:>6} {:>5}",
            c.faq, c.facts, c.quiz
        )?;
    }
    Ok(())
}

/// The file of pack `c`'s `name`, under `dir`.
fn pack_file(dir: &Path, c: &Content, name: &str) -> String {
    let folder = dir.join(&c.pack.id);
    if folder.is_dir() {
        folder
    } else {
        dir.to_path_buf()
    }
    .join(name)
    .display()
    .to_string()
}

/// Warnings for quiz items whose right option gives itself away or that cannot be shuffled,
/// and for a bank over the lint's limits.
fn quiz_lint(dir: &Path, library: &content::Library) -> Vec<Problem> {
    let mut out = Vec::new();
    for c in library.packs() {
        let file = pack_file(dir, c, content::QUIZ_FILE);
        for q in &c.quiz {
            let found = lint::item_problems(q);
            if !found.is_empty() {
                out.push(Problem::new(&file, Some(&q.id), found.join("; ")));
            }
        }
        for over in lint::BankFigures::of(&c.quiz).share_limits() {
            out.push(Problem::new(&file, None, over));
        }
    }
    out
}

/// Warnings for answers that hide their answer: too long, no reason first for a "kenapa"
/// question, or speaking of the article.
fn faq_lint(dir: &Path, library: &content::Library) -> Vec<Problem> {
    let mut out = Vec::new();
    for c in library.packs() {
        let file = pack_file(dir, c, content::FAQ_FILE);
        for e in &c.faq {
            let flaws: Vec<&str> = answer_lint::entry(e)
                .into_iter()
                .map(answer_lint::Flaw::describe)
                .collect();
            if !flaws.is_empty() {
                out.push(Problem::new(&file, Some(&e.id), flaws.join("; ")));
            }
        }
    }
    out
}

/// Warnings for ways of asking (a question or phrasing) that two FAQ entries of a pack share
/// once read as the matcher reads them: a question asked that way is answered by neither
/// outright, so one of them should be reworded.
fn shared_ways(dir: &Path, library: &content::Library) -> Vec<Problem> {
    let mut out = Vec::new();
    for c in library.packs() {
        let file = pack_file(dir, c, content::FAQ_FILE);
        let text = |e: usize, i: usize| {
            let entry = &c.faq[e];
            match i {
                0 => entry.question.clone(),
                i => entry.phrasings.get(i - 1).cloned().unwrap_or_default(),
            }
        };
        let index = FaqIndex::build(&c.faq, &c.lexicon);
        for (a, ai, b, bi) in index.shared_ways() {
            let message = format!(
                "\"{}\" reads the same as \"{}\" of entry `{}`: a question asked that way gets \
                 neither outright; reword one of them",
                text(b, bi),
                text(a, ai),
                c.faq[a].id
            );
            out.push(Problem::new(&file, Some(&c.faq[b].id), message));
        }
    }
    out
}

/// Every button the bot can build from the content whose callback data would not fit in
/// Telegram's 64 bytes: suggestions (pack key and entry id) and `/materi` buttons.
fn buttons_too_long(library: &content::Library) -> Vec<Problem> {
    let mut out = Vec::new();
    for c in library.packs() {
        let key = c.pack.key();
        let mut datas = vec![(None, CallbackData::Subject { pack: key.clone() })];
        for e in &c.faq {
            let faq = CallbackData::Faq {
                pack: Some(key.clone()),
                id: e.id.clone(),
            };
            datas.push((Some(e.id.as_str()), faq));
        }
        for (id, data) in datas {
            let len = data.encode().len();
            if len > callback::MAX_BYTES {
                let file = format!(
                    "{}/{}",
                    c.pack.id,
                    if id.is_some() {
                        "faq.yaml"
                    } else {
                        "pack.yaml"
                    }
                );
                let message = format!(
                    "a button for it carries {len} bytes, more than Telegram's {}; shorten the id",
                    callback::MAX_BYTES
                );
                out.push(Problem {
                    file,
                    id: id.map(str::to_string),
                    line: None,
                    column: None,
                    message,
                });
            }
        }
    }
    out
}

fn write_problems(out: &mut dyn Write, kind: &str, problems: &[Problem]) -> std::io::Result<()> {
    for p in problems {
        writeln!(out, "{kind}: {p}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_button_that_would_not_fit_is_named_and_the_shipped_ones_fit() {
        let (content, _) = crate::app::tests::shipped();
        assert!(buttons_too_long(&content.clone().into()).is_empty());
        let mut long = content;
        long.faq[0].id = "x".repeat(60);
        let problems = buttons_too_long(&long.into());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].file, "kerja-sama-internasional/faq.yaml");
        assert_eq!(problems[0].id.as_deref(), Some("x".repeat(60).as_str()));
        assert!(problems[0].message.contains("more than Telegram's 64"));
    }
}
