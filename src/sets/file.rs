//! A set's file on disk: JSON, versioned, one file per set. This module knows the format and
//! does no IO; the driver's store reads and writes the files.

use serde::{Deserialize, Serialize};

use super::{QuizSet, SetQuestion};

/// The format written now.
pub const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct SetFile {
    version: u32,
    name: String,
    owner: i64,
    author: String,
    questions: Vec<QuestionFile>,
}

#[derive(Serialize, Deserialize)]
struct QuestionFile {
    question: String,
    options: Vec<String>,
    answer: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    seconds: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    explanation: Option<String>,
}

/// The bytes of a set's file.
pub fn encode(set: &QuizSet) -> Vec<u8> {
    let file = SetFile {
        version: VERSION,
        name: set.name.clone(),
        owner: set.owner,
        author: set.author.clone(),
        questions: set
            .questions
            .iter()
            .map(|q| QuestionFile {
                question: q.question.clone(),
                options: q.options.clone(),
                answer: q.answer,
                seconds: q.seconds,
                explanation: q.explanation.clone(),
            })
            .collect(),
    };
    // Plain strings and numbers always serialise.
    serde_json::to_vec_pretty(&file).unwrap_or_default()
}

/// A set read back from its file; a newer version, broken JSON or a question that breaks the
/// set rules is an error saying what.
pub fn decode(bytes: &[u8]) -> Result<QuizSet, String> {
    let file: SetFile = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    if file.version != VERSION {
        return Err(format!(
            "version {} is not one this build reads ({VERSION})",
            file.version
        ));
    }
    let mut questions = Vec::with_capacity(file.questions.len());
    for (i, q) in file.questions.into_iter().enumerate() {
        if q.options.len() < 2 || q.options.len() > super::check::MAX_OPTIONS {
            return Err(format!(
                "question {} has {} options",
                i + 1,
                q.options.len()
            ));
        }
        if q.answer >= q.options.len() {
            return Err(format!(
                "question {}: answer {} has no option",
                i + 1,
                q.answer
            ));
        }
        questions.push(SetQuestion {
            question: q.question,
            options: q.options,
            answer: q.answer,
            seconds: q.seconds,
            explanation: q.explanation,
        });
    }
    if questions.is_empty() {
        return Err("it holds no question".into());
    }
    Ok(QuizSet {
        name: file.name,
        owner: file.owner,
        author: file.author,
        questions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_refusals() {
        let set = QuizSet {
            name: "bab-1".into(),
            owner: 42,
            author: "Sari".into(),
            questions: vec![SetQuestion {
                question: "Apa?".into(),
                options: vec!["a".into(), "b".into()],
                answer: 1,
                seconds: None,
                explanation: Some("karena".into()),
            }],
        };
        let bytes = encode(&set);
        assert_eq!(decode(&bytes), Ok(set));
        assert!(decode(b"{").is_err());
        let newer = String::from_utf8(bytes)
            .unwrap()
            .replace("\"version\": 1", "\"version\": 9");
        assert!(decode(newer.as_bytes()).unwrap_err().contains("version 9"));
        let bad = r#"{"version":1,"name":"x","owner":1,"author":"a","questions":[{"question":"q","options":["a","b"],"answer":2}]}"#;
        assert!(decode(bad.as_bytes()).unwrap_err().contains("answer 2"));
    }
}
