//! The insight's place in the snapshot (format 5): per subject, per question and topic their
//! totals and the wrong options chosen, per student and topic answered and right, the players
//! of the last rounds. Read and written apart from the state's own types, like the rest.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::quiz::insight::{Insight, QuestionStats, StudentStats, Totals};
use crate::quiz::review::{Review, Reviews};
use crate::state::Unanswered;

#[derive(Serialize, Deserialize, Default)]
pub(super) struct InsightV5 {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    questions: BTreeMap<String, QuestionV5>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    topics: BTreeMap<String, TotalsV5>,
    /// By student id ("123").
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    students: BTreeMap<String, StudentV5>,
    /// The last rounds: [round number, [player ids]].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    recent_rounds: Vec<(u32, Vec<i64>)>,
}

#[derive(Serialize, Deserialize, Default)]
struct TotalsV5 {
    #[serde(default)]
    asked: u32,
    #[serde(default)]
    answered: u32,
    #[serde(default)]
    right: u32,
    #[serde(default)]
    time_ms: u64,
}

#[derive(Serialize, Deserialize, Default)]
struct QuestionV5 {
    topic: String,
    #[serde(flatten)]
    totals: TotalsV5,
    /// Wrong answers by option index ("2": 5).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    wrong: BTreeMap<String, u32>,
}

#[derive(Serialize, Deserialize, Default)]
struct StudentV5 {
    name: String,
    /// Per topic: [answered, right].
    #[serde(default)]
    topics: BTreeMap<String, [u32; 2]>,
}

impl TotalsV5 {
    fn from_state(t: &Totals) -> TotalsV5 {
        TotalsV5 {
            asked: t.asked,
            answered: t.answered,
            right: t.right,
            time_ms: t.time_ms,
        }
    }

    fn into_state(self) -> Totals {
        Totals {
            asked: self.asked,
            answered: self.answered,
            right: self.right,
            time_ms: self.time_ms,
        }
    }
}

impl InsightV5 {
    pub(super) fn from_state(i: &Insight) -> InsightV5 {
        InsightV5 {
            questions: i
                .questions
                .iter()
                .map(|(id, q)| {
                    let out = QuestionV5 {
                        topic: q.topic.clone(),
                        totals: TotalsV5::from_state(&q.totals),
                        wrong: q.wrong.iter().map(|(o, n)| (o.to_string(), *n)).collect(),
                    };
                    (id.clone(), out)
                })
                .collect(),
            topics: i
                .topics
                .iter()
                .map(|(t, totals)| (t.clone(), TotalsV5::from_state(totals)))
                .collect(),
            students: i
                .students
                .iter()
                .map(|(id, s)| {
                    let out = StudentV5 {
                        name: s.name.clone(),
                        topics: s
                            .topics
                            .iter()
                            .map(|(t, (a, r))| (t.clone(), [*a, *r]))
                            .collect(),
                    };
                    (id.to_string(), out)
                })
                .collect(),
            recent_rounds: i.recent_rounds.clone(),
        }
    }

    pub(super) fn into_state(self) -> Result<Insight, String> {
        let mut questions = BTreeMap::new();
        for (id, q) in self.questions {
            let mut wrong = BTreeMap::new();
            for (option, n) in q.wrong {
                let option: usize = option
                    .parse()
                    .map_err(|_| "an insight option is not a number".to_string())?;
                wrong.insert(option, n);
            }
            let stats = QuestionStats {
                topic: q.topic,
                totals: q.totals.into_state(),
                wrong,
            };
            questions.insert(id, stats);
        }
        let mut students = BTreeMap::new();
        for (id, s) in self.students {
            let id: i64 = id
                .parse()
                .map_err(|_| "an insight student id is not a number".to_string())?;
            let stats = StudentStats {
                name: s.name,
                topics: s
                    .topics
                    .into_iter()
                    .map(|(t, [a, r])| (t, (a, r)))
                    .collect(),
            };
            students.insert(id, stats);
        }
        Ok(Insight {
            questions,
            topics: self
                .topics
                .into_iter()
                .map(|(t, totals)| (t, totals.into_state()))
                .collect(),
            students,
            recent_rounds: self.recent_rounds,
        })
    }
}

/// An unanswered question (format 5): text, the matcher's reading, subject, time.
#[derive(Serialize, Deserialize)]
pub(super) struct UnansweredV5 {
    text: String,
    #[serde(default)]
    reading: String,
    #[serde(default)]
    subject: String,
    /// RFC 3339.
    at: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    unsure: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    suggested: Vec<String>,
}

impl UnansweredV5 {
    pub(super) fn from_state(q: &Unanswered) -> UnansweredV5 {
        UnansweredV5 {
            text: q.text.clone(),
            reading: q.reading.clone(),
            subject: q.subject.clone(),
            at: q.at.to_string(),
            unsure: q.unsure,
            suggested: q.suggested.clone(),
        }
    }

    pub(super) fn into_state(self) -> Result<Unanswered, String> {
        Ok(Unanswered {
            text: self.text,
            reading: self.reading,
            subject: self.subject,
            at: self
                .at
                .parse()
                .map_err(|_| "an unanswered question's time is not a timestamp".to_string())?,
            unsure: self.unsure,
            suggested: self.suggested,
        })
    }
}

/// Many questions' file form.
pub(super) fn unanswered_out(list: &[Unanswered]) -> Vec<UnansweredV5> {
    list.iter().map(UnansweredV5::from_state).collect()
}

/// Many questions read back.
pub(super) fn unanswered_in(list: Vec<UnansweredV5>) -> Result<Vec<Unanswered>, String> {
    list.into_iter().map(UnansweredV5::into_state).collect()
}

/// A student's questions to review (format 5), per subject and item id: [step, due].
pub(super) type ReviewsV5 = BTreeMap<String, BTreeMap<String, (u8, String)>>;

pub(super) fn reviews_out(r: &BTreeMap<String, Reviews>) -> ReviewsV5 {
    r.iter()
        .filter(|(_, items)| !items.is_empty())
        .map(|(subject, items)| {
            let items = items
                .iter()
                .map(|(id, r)| (id.clone(), (r.step, r.due.to_string())))
                .collect();
            (subject.clone(), items)
        })
        .collect()
}

pub(super) fn reviews_in(r: ReviewsV5) -> Result<BTreeMap<String, Reviews>, String> {
    let mut out = BTreeMap::new();
    for (subject, items) in r {
        let mut reviews = Reviews::new();
        for (id, (step, due)) in items {
            let due = due
                .parse()
                .map_err(|_| "a review's due time is not a timestamp".to_string())?;
            reviews.insert(id, Review { step, due });
        }
        out.insert(subject, reviews);
    }
    Ok(out)
}
