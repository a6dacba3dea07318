//! Reads the four content files from a directory and hands their text to the validator.

use std::path::Path;

use super::validate::{FACTS_FILE, FAQ_FILE, QUIZ_FILE, SOURCES_FILE};
use super::{ContentFiles, Loaded, Problem, parse};

/// Loads and validates `sources.yaml`, `faq.yaml`, `facts.yaml` and `quiz.yaml` from `dir`.
/// Problems name the file as a path under `dir`, so an operator can open it straight away.
pub fn load_dir(dir: &Path) -> Result<Loaded, Vec<Problem>> {
    let mut errors = Vec::new();
    let mut read = |name: &str| match std::fs::read_to_string(dir.join(name)) {
        Ok(text) => text,
        Err(e) => {
            errors.push(Problem::new(name, None, format!("cannot be read: {e}")));
            String::new()
        }
    };
    let sources = read(SOURCES_FILE);
    let faq = read(FAQ_FILE);
    let facts = read(FACTS_FILE);
    let quiz = read(QUIZ_FILE);
    let with_dir = |mut p: Problem| {
        p.file = dir.join(&p.file).display().to_string();
        p
    };
    if !errors.is_empty() {
        return Err(errors.into_iter().map(with_dir).collect());
    }
    let files = ContentFiles {
        sources: &sources,
        faq: &faq,
        facts: &facts,
        quiz: &quiz,
    };
    match parse(&files) {
        Ok(mut loaded) => {
            loaded.warnings = loaded.warnings.into_iter().map(with_dir).collect();
            Ok(loaded)
        }
        Err(problems) => Err(problems.into_iter().map(with_dir).collect()),
    }
}
