//! Homework's place in the snapshot (format 6): a group's open homework with its questions
//! as they were given and every student's attempt (so an attempt resumes after a restart),
//! and the results of the last closed ones. Read and written apart from the state's types.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::content::{Difficulty, QuizItem};
use crate::quiz::Asked;
use crate::quiz::homework::{Attempt, Homework, Record, Task};

#[derive(Serialize, Deserialize)]
pub(super) struct HomeworkV6 {
    id: u32,
    key: String,
    title: String,
    teacher: i64,
    teacher_name: String,
    tasks: Vec<TaskV6>,
    given: String,
    deadline: String,
    #[serde(default)]
    feedback: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    thread: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    message_id: Option<i32>,
    #[serde(default)]
    shown: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    edited: Option<String>,
    #[serde(default)]
    reminded: bool,
    /// How many students the group has, as Telegram said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    class: Option<u32>,
    /// By student id ("123").
    #[serde(default)]
    attempts: BTreeMap<String, AttemptV6>,
}

#[derive(Serialize, Deserialize)]
struct TaskV6 {
    id: String,
    topic: String,
    difficulty: String,
    question: String,
    options: Vec<String>,
    answer: usize,
    #[serde(default)]
    explanation: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    credit: String,
}

#[derive(Serialize, Deserialize)]
struct AttemptV6 {
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    username: Option<String>,
    /// Their questions in their order: [task, [options in the order shown]].
    order: Vec<(usize, Vec<usize>)>,
    /// The option chosen per question answered.
    #[serde(default)]
    answers: Vec<usize>,
    started: String,
    last: String,
}

#[derive(Serialize, Deserialize)]
pub(super) struct RecordV6 {
    id: u32,
    title: String,
    closed: String,
    questions: u32,
    /// By student id: [answered, right].
    #[serde(default)]
    students: BTreeMap<String, [u32; 2]>,
}

fn time(text: &str, what: &str) -> Result<Timestamp, String> {
    text.parse()
        .map_err(|_| format!("the homework's {what} is not a timestamp"))
}

fn student_id(text: &str) -> Result<i64, String> {
    text.parse()
        .map_err(|_| "a homework student id is not a number".to_string())
}

impl HomeworkV6 {
    pub(super) fn from_state(h: &Homework) -> HomeworkV6 {
        HomeworkV6 {
            id: h.id,
            key: h.key.clone(),
            title: h.title.clone(),
            teacher: h.teacher.0,
            teacher_name: h.teacher.1.clone(),
            tasks: h
                .tasks
                .iter()
                .map(|t| TaskV6 {
                    id: t.item.id.clone(),
                    topic: t.item.topic.clone(),
                    difficulty: t.item.difficulty.as_str().to_string(),
                    question: t.item.question.clone(),
                    options: t.item.options.clone(),
                    answer: t.item.answer,
                    explanation: t.item.explanation.clone(),
                    source: t.item.source.clone(),
                    credit: t.credit.clone(),
                })
                .collect(),
            given: h.given.to_string(),
            deadline: h.deadline.to_string(),
            feedback: h.feedback,
            thread: h.thread,
            message_id: h.message_id,
            shown: h.shown,
            edited: h.edited.map(|t| t.to_string()),
            reminded: h.reminded,
            class: h.class,
            attempts: h
                .attempts
                .iter()
                .map(|(id, a)| {
                    let out = AttemptV6 {
                        name: a.name.clone(),
                        username: a.username.clone(),
                        order: a.order.iter().map(|q| (q.item, q.order.clone())).collect(),
                        answers: a.answers.clone(),
                        started: a.started.to_string(),
                        last: a.last.to_string(),
                    };
                    (id.to_string(), out)
                })
                .collect(),
        }
    }

    /// The homework, checked: every question has its options and its answer among them, and
    /// every attempt shows each question once with its own options only.
    pub(super) fn into_state(self) -> Result<Homework, String> {
        let mut tasks = Vec::with_capacity(self.tasks.len());
        for t in self.tasks {
            let difficulty = Difficulty::ALL
                .into_iter()
                .find(|d| d.as_str() == t.difficulty)
                .ok_or("a homework question's difficulty is unknown")?;
            if t.answer >= t.options.len() {
                return Err("a homework question's answer is not among its options".into());
            }
            tasks.push(Task {
                item: QuizItem {
                    id: t.id,
                    topic: t.topic,
                    difficulty,
                    question: t.question,
                    options: t.options,
                    answer: t.answer,
                    explanation: t.explanation,
                    source: t.source,
                },
                credit: t.credit,
            });
        }
        let mut attempts = BTreeMap::new();
        for (id, a) in self.attempts {
            let id = student_id(&id)?;
            let mut order: Vec<Asked> = Vec::with_capacity(a.order.len());
            for (item, options) in a.order {
                if order.iter().any(|q| q.item == item) {
                    return Err("a homework attempt shows a question twice".into());
                }
                let fits = tasks.get(item).is_some_and(|t| {
                    let mut sorted = options.clone();
                    sorted.sort_unstable();
                    sorted == (0..t.item.options.len()).collect::<Vec<_>>()
                });
                if !fits {
                    return Err("a homework attempt shows a question that is not there".into());
                }
                order.push(Asked {
                    item,
                    order: options,
                    seconds: None,
                });
            }
            if a.answers.len() > order.len() {
                return Err("a homework attempt has more answers than questions".into());
            }
            let fits = a.answers.iter().zip(&order).all(|(&chosen, q)| {
                tasks
                    .get(q.item)
                    .is_some_and(|t| chosen < t.item.options.len())
            });
            if !fits {
                return Err("a homework answer is not one of its question's options".into());
            }
            attempts.insert(
                id,
                Attempt {
                    name: a.name,
                    username: a.username,
                    order,
                    answers: a.answers,
                    started: time(&a.started, "start")?,
                    last: time(&a.last, "last answer")?,
                },
            );
        }
        Ok(Homework {
            id: self.id,
            key: self.key,
            title: self.title,
            teacher: (self.teacher, self.teacher_name),
            tasks,
            given: time(&self.given, "given time")?,
            deadline: time(&self.deadline, "deadline")?,
            feedback: self.feedback,
            thread: self.thread,
            message_id: self.message_id,
            shown: self.shown,
            edited: self
                .edited
                .as_deref()
                .map(|t| time(t, "edit"))
                .transpose()?,
            reminded: self.reminded,
            class: self.class,
            attempts,
        })
    }
}

impl RecordV6 {
    pub(super) fn from_state(r: &Record) -> RecordV6 {
        RecordV6 {
            id: r.id,
            title: r.title.clone(),
            closed: r.closed.to_string(),
            questions: r.questions,
            students: r
                .students
                .iter()
                .map(|(id, (answered, right))| (id.to_string(), [*answered, *right]))
                .collect(),
        }
    }

    pub(super) fn into_state(self) -> Result<Record, String> {
        let mut students = BTreeMap::new();
        for (id, [answered, right]) in self.students {
            students.insert(student_id(&id)?, (answered, right));
        }
        Ok(Record {
            id: self.id,
            title: self.title,
            closed: time(&self.closed, "closing time")?,
            questions: self.questions,
            students,
        })
    }
}
