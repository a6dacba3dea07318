//! Reads packs from disk: one pack's four files from its folder, and the library of every
//! pack in the content folder. The text goes to the validator; nothing else here checks it.

use std::path::Path;
use std::sync::Arc;

use super::validate::{FACTS_FILE, FAQ_FILE, LEXICON_FILE, PACK_FILE, QUIZ_FILE};
use super::{Content, ContentFiles, Loaded, Problem, parse};

/// Loads and validates the pack in `dir`: `pack.yaml`, `faq.yaml`, `facts.yaml` and
/// `quiz.yaml`. Problems name the file as a path under `dir`, so an operator can open it
/// straight away.
pub fn load_dir(dir: &Path) -> Result<Loaded, Vec<Problem>> {
    let mut errors = Vec::new();
    let mut read = |name: &str| match std::fs::read_to_string(dir.join(name)) {
        Ok(text) => text,
        Err(e) => {
            errors.push(Problem::new(name, None, format!("cannot be read: {e}")));
            String::new()
        }
    };
    let pack = read(PACK_FILE);
    let faq = read(FAQ_FILE);
    let facts = read(FACTS_FILE);
    let quiz = read(QUIZ_FILE);
    let lexicon = match std::fs::read_to_string(dir.join(LEXICON_FILE)) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            errors.push(Problem::new(
                LEXICON_FILE,
                None,
                format!("cannot be read: {e}"),
            ));
            None
        }
    };
    let with_dir = |mut p: Problem| {
        p.file = dir.join(&p.file).display().to_string();
        p
    };
    if !errors.is_empty() {
        return Err(errors.into_iter().map(with_dir).collect());
    }
    let files = ContentFiles {
        pack: &pack,
        lexicon: lexicon.as_deref(),
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

/// Every subject the bot teaches, sorted by pack id; never empty.
#[derive(Debug, Clone)]
pub struct Library {
    packs: Vec<Arc<Content>>,
}

impl Library {
    /// A library of `packs` (at least one; their ids differ).
    pub fn new(mut packs: Vec<Content>) -> Option<Library> {
        packs.sort_by(|a, b| a.pack.id.cmp(&b.pack.id));
        packs.dedup_by(|a, b| a.pack.id == b.pack.id);
        let packs = packs.into_iter().map(Arc::new).collect::<Vec<_>>();
        (!packs.is_empty()).then_some(Library { packs })
    }

    pub fn packs(&self) -> &[Arc<Content>] {
        &self.packs
    }

    pub fn get(&self, id: &str) -> Option<&Arc<Content>> {
        self.packs.iter().find(|c| c.pack.id == id)
    }

    /// Where pack `id` stands in [`Library::packs`].
    pub fn position(&self, id: &str) -> Option<usize> {
        self.packs.iter().position(|c| c.pack.id == id)
    }

    /// The pack whose [`crate::content::Pack::key`] is `key`.
    pub fn by_key(&self, key: &str) -> Option<usize> {
        self.packs.iter().position(|c| c.pack.key() == key)
    }

    /// The pack with the first id.
    pub fn first(&self) -> &Arc<Content> {
        // `new` refuses an empty library.
        &self.packs[0]
    }
}

impl From<Content> for Library {
    /// A library of one pack.
    fn from(content: Content) -> Library {
        Library {
            packs: vec![Arc::new(content)],
        }
    }
}

/// Loads every pack in `dir`: each folder in it that holds a `pack.yaml`. All of them are
/// validated; any problem in any pack rejects the whole library, so a half-edited subject is
/// never taught. Returns the warnings with it.
pub fn load_library(dir: &Path) -> Result<(Library, Vec<Problem>), Vec<Problem>> {
    if dir.join(FAQ_FILE).exists() {
        return Err(vec![Problem::new(
            &dir.join(FAQ_FILE).display().to_string(),
            None,
            format!(
                "{} holds one folder per subject now: move faq.yaml, facts.yaml and quiz.yaml \
                 into a folder such as {}, and turn sources.yaml into that folder's pack.yaml \
                 (id, name, level, example, topics, sources; see the README, \"Adding a subject\")",
                dir.display(),
                dir.join("kerja-sama-internasional").display()
            ),
        )]);
    }
    let entries = std::fs::read_dir(dir).map_err(|e| {
        vec![Problem::new(
            &dir.display().to_string(),
            None,
            format!("cannot be read: {e}"),
        )]
    })?;
    let mut folders: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join(PACK_FILE).is_file())
        .collect();
    folders.sort();
    let mut packs = Vec::new();
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    for folder in folders {
        match load_dir(&folder) {
            Ok(loaded) => {
                if let Some(other) = packs
                    .iter()
                    .find(|c: &&Content| c.pack.id == loaded.content.pack.id)
                {
                    errors.push(Problem::new(
                        &folder.join(PACK_FILE).display().to_string(),
                        None,
                        format!("pack id `{}` is used by another folder too", other.pack.id),
                    ));
                } else if let Some(other) = packs
                    .iter()
                    .find(|c: &&Content| c.pack.key() == loaded.content.pack.key())
                {
                    // Buttons carry the key, not the id: two packs must not share one.
                    errors.push(Problem::new(
                        &folder.join(PACK_FILE).display().to_string(),
                        None,
                        format!(
                            "pack id `{}` has the same button key as `{}`; rename one of them",
                            loaded.content.pack.id, other.pack.id
                        ),
                    ));
                }
                warnings.extend(loaded.warnings);
                packs.push(loaded.content);
            }
            Err(problems) => errors.extend(problems),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    match Library::new(packs) {
        Some(library) => Ok((library, warnings)),
        None => Err(vec![Problem::new(
            &dir.display().to_string(),
            None,
            "holds no subject: each subject is a folder with a pack.yaml, faq.yaml, facts.yaml \
             and quiz.yaml",
        )]),
    }
}
