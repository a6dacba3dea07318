//! The engine knows no subject: no word that only a pack should know appears anywhere in
//! `src/`. The words are read from the first pack: its lexicon's names and home country, its
//! short forms ("korsel" for Korea Selatan, "bilateralnya"), and the FAQ keywords written as
//! proper names or abbreviations ("PBB", "William D. Coplin", "Perjanjian Paris").

use std::path::{Path, PathBuf};

use kelasbot::content::{Content, load_library};

/// Words a pack names that are also ordinary words of the engine, with the reason.
const ALSO_ENGINE_WORDS: &[(&str, &str)] = &[(
    "who",
    "the English question word the chat lexicon reads as \"siapa\"",
)];

fn first_pack() -> Content {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    match load_library(&dir) {
        Ok((library, _)) => (**library.first()).clone(),
        Err(problems) => {
            let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            panic!("shipped content is invalid:\n{}", lines.join("\n"));
        }
    }
}

/// The words only the pack should know, lowercase.
fn pack_words(c: &Content) -> Vec<String> {
    let lex = &c.lexicon;
    let mut words: Vec<String> = lex.names.iter().chain(&lex.home).cloned().collect();
    // The subject's short forms and spellings (a two-word key is a phrase of ordinary
    // words, such as "para ahli").
    for (short, _) in &lex.aliases {
        if !short.contains(' ') {
            words.push(short.clone());
        }
    }
    for e in &c.faq {
        for k in &e.keywords {
            if k.chars().any(char::is_uppercase) {
                words.push(k.to_lowercase());
            }
        }
    }
    words.sort();
    words.dedup();
    words.retain(|w| !ALSO_ENGINE_WORDS.iter().any(|(x, _)| x == w));
    words
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Lowercased text with the uses of a pack word that are not about any subject taken out:
/// the language's name and the IANA time zones ("Asia/Jakarta").
fn searchable(text: &str) -> String {
    let mut s = text.to_lowercase().replace("bahasa indonesia", " ");
    while let Some(at) = s.find("asia/") {
        let end = s[at + 5..]
            .find(|c: char| !c.is_alphanumeric() && c != '_')
            .map_or(s.len(), |i| at + 5 + i);
        s.replace_range(at..end, " ");
    }
    s
}

/// Whether `word` occurs in `text` as a whole word (or phrase).
fn contains_word(text: &str, word: &str) -> bool {
    let is_word_char = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
    })
}

#[test]
fn no_word_of_the_first_pack_is_in_the_engine() {
    let pack = first_pack();
    let words = pack_words(&pack);
    // The check means something only if the pack has such words.
    assert!(
        words.len() >= 20,
        "only {} pack words: {words:?}",
        words.len()
    );
    let mut files = Vec::new();
    files_under(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    files.sort();
    let mut found = Vec::new();
    for file in &files {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        let text = searchable(&text);
        for w in &words {
            if contains_word(&text, w) {
                found.push(format!("{}: {w}", file.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "src/ names what only the pack `{}` should know:\n{}",
        pack.pack.id,
        found.join("\n")
    );
}

#[test]
fn the_search_finds_a_word_and_skips_what_is_not_about_a_subject() {
    assert!(contains_word("kata coplin di sini", "coplin"));
    assert!(contains_word("(\"pbb\", \"x\")", "pbb"));
    assert!(!contains_word("copling", "coplin"));
    assert!(contains_word(
        &searchable("Kerja sama Indonesia"),
        "indonesia"
    ));
    assert!(!contains_word(
        &searchable("// dalam Bahasa Indonesia, zona Asia/Jakarta"),
        "indonesia"
    ));
    assert!(!contains_word(&searchable("Asia/Jakarta"), "asia"));
    assert!(contains_word(&searchable("kawasan Asia"), "asia"));
}
