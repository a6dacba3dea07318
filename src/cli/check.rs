//! `kelasbot check`: validate the content directory and report counts, warnings and errors.

use std::io::Write;
use std::path::Path;

use serde_json::json;

use crate::content::{self, Problem, Summary};

/// Validates the content in `dir`, writes the report to `out` (errors to `err`), and returns
/// whether the content is valid.
pub fn check(
    dir: &Path,
    as_json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<bool> {
    let result = content::load_dir(dir);
    if as_json {
        let value = match &result {
            Ok(loaded) => json!({
                "ok": true,
                "dir": dir.display().to_string(),
                "summary": loaded.content.summary(),
                "warnings": loaded.warnings,
                "errors": [],
            }),
            Err(errors) => json!({
                "ok": false,
                "dir": dir.display().to_string(),
                "summary": null,
                "warnings": [],
                "errors": errors,
            }),
        };
        writeln!(out, "{value}")?;
        return Ok(result.is_ok());
    }
    match result {
        Ok(loaded) => {
            write_summary(out, dir, &loaded.content.summary())?;
            write_problems(out, "warning", &loaded.warnings)?;
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

fn write_summary(out: &mut dyn Write, dir: &Path, s: &Summary) -> std::io::Result<()> {
    writeln!(out, "Content in {} is valid.", dir.display())?;
    let d = &s.difficulty;
    writeln!(
        out,
        "sources.yaml: {} articles · faq.yaml: {} entries · facts.yaml: {} facts · quiz.yaml: {} questions (mudah {}, sedang {}, sulit {})",
        s.sources,
        s.totals.faq,
        s.totals.facts,
        s.totals.quiz,
        d.get("mudah").unwrap_or(&0),
        d.get("sedang").unwrap_or(&0),
        d.get("sulit").unwrap_or(&0),
    )?;
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

fn write_problems(out: &mut dyn Write, kind: &str, problems: &[Problem]) -> std::io::Result<()> {
    for p in problems {
        writeln!(out, "{kind}: {p}")?;
    }
    Ok(())
}
