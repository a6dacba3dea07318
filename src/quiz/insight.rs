//! What a group's rounds showed about one subject (or one teacher's set): for every question
//! asked, how often it was asked, answered and answered right, which wrong option was chosen
//! how often and how long answers took; the same totals per topic; per student and topic,
//! answered and right; who answered in the last rounds. Bounded, kept with the board.

use std::collections::BTreeMap;

use super::Answer;
use crate::content::QuizItem;

/// Questions one subject's insight keeps; past that, the least asked is forgotten.
pub const MAX_QUESTIONS: usize = 1_000;
/// Students one subject's insight keeps; past that, the one who answered least is forgotten.
pub const MAX_STUDENTS: usize = 300;
/// Rounds whose players are remembered (for "answered in the last three rounds").
pub const RECENT_ROUNDS: usize = 3;

/// How often something was asked, answered and answered right, and the answers' time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    pub asked: u32,
    pub answered: u32,
    pub right: u32,
    /// The answers' times added up, in milliseconds.
    pub time_ms: u64,
}

impl Totals {
    /// The share of answers that were right, when there were any.
    pub fn share_right(&self) -> Option<f64> {
        (self.answered > 0).then(|| f64::from(self.right) / f64::from(self.answered))
    }

    /// The mean answer time in milliseconds, when there were answers.
    pub fn mean_ms(&self) -> Option<u64> {
        (self.answered > 0).then(|| self.time_ms / u64::from(self.answered))
    }

    /// Adds `other`'s counts to these.
    pub fn add(&mut self, other: &Totals) {
        self.asked = self.asked.saturating_add(other.asked);
        self.answered = self.answered.saturating_add(other.answered);
        self.right = self.right.saturating_add(other.right);
        self.time_ms = self.time_ms.saturating_add(other.time_ms);
    }
}

/// One question's record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuestionStats {
    pub topic: String,
    pub totals: Totals,
    /// Wrong answers by the option chosen (its index among the item's options).
    pub wrong: BTreeMap<usize, u32>,
}

impl QuestionStats {
    /// The wrong option chosen most often, and how often (the lower index on a tie).
    pub fn top_wrong(&self) -> Option<(usize, u32)> {
        self.wrong
            .iter()
            .max_by_key(|(option, n)| (**n, std::cmp::Reverse(**option)))
            .map(|(o, n)| (*o, *n))
    }
}

/// One student's answers per topic.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StudentStats {
    pub name: String,
    /// Per topic: answered, right.
    pub topics: BTreeMap<String, (u32, u32)>,
}

impl StudentStats {
    fn answered(&self) -> u32 {
        self.topics.values().map(|(a, _)| *a).sum()
    }
}

/// What one group's rounds of one subject (or set) showed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Insight {
    /// By quiz item id.
    pub questions: BTreeMap<String, QuestionStats>,
    pub topics: BTreeMap<String, Totals>,
    pub students: BTreeMap<i64, StudentStats>,
    /// Who answered in each of the last rounds, by the group's round number, oldest first.
    pub recent_rounds: Vec<(u32, Vec<i64>)>,
}

impl Insight {
    pub fn is_empty(&self) -> bool {
        self.questions.is_empty() && self.recent_rounds.is_empty()
    }

    /// Records one revealed question: `answers` as the reveal scored them.
    pub fn record(&mut self, item: &QuizItem, answers: &[Answer]) {
        let mut seen = Totals {
            asked: 1,
            ..Totals::default()
        };
        let stats = self.question(item);
        for a in answers {
            seen.answered += 1;
            seen.right += u32::from(a.correct);
            seen.time_ms = seen
                .time_ms
                .saturating_add(u64::try_from(a.elapsed.as_millis()).unwrap_or(0));
            if !a.correct
                && let Some(option) = a.option
            {
                *stats.wrong.entry(option).or_default() += 1;
            }
        }
        stats.totals.add(&seen);
        self.topics
            .entry(item.topic.clone())
            .or_default()
            .add(&seen);
        for a in answers {
            let student = self.students.entry(a.student.id).or_default();
            student.name = a.student.name.clone();
            let tally = student.topics.entry(item.topic.clone()).or_default();
            tally.0 = tally.0.saturating_add(1);
            tally.1 = tally.1.saturating_add(u32::from(a.correct));
        }
        self.bound_students();
    }

    /// Round `round` (the group's number) ended; `players` answered at least once in it.
    pub fn round_ended(&mut self, round: u32, players: impl IntoIterator<Item = i64>) {
        let players: Vec<i64> = players.into_iter().collect();
        if players.is_empty() {
            return;
        }
        self.recent_rounds.push((round, players));
        let extra = self.recent_rounds.len().saturating_sub(RECENT_ROUNDS);
        self.recent_rounds.drain(..extra);
    }

    /// The record of `item`, made if new; the least asked question makes room past the bound.
    fn question(&mut self, item: &QuizItem) -> &mut QuestionStats {
        if !self.questions.contains_key(&item.id) && self.questions.len() >= MAX_QUESTIONS {
            let least = self
                .questions
                .iter()
                .min_by_key(|(_, q)| q.totals.asked)
                .map(|(id, _)| id.clone());
            if let Some(id) = least {
                self.questions.remove(&id);
            }
        }
        let stats = self.questions.entry(item.id.clone()).or_default();
        stats.topic.clone_from(&item.topic);
        stats
    }

    fn bound_students(&mut self) {
        while self.students.len() > MAX_STUDENTS {
            let least = self
                .students
                .iter()
                .min_by_key(|(_, s)| s.answered())
                .map(|(id, _)| *id);
            match least {
                Some(id) => self.students.remove(&id),
                None => break,
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Difficulty;
    use crate::quiz::Student;
    use jiff::SignedDuration;

    fn item(id: &str, topic: &str) -> QuizItem {
        QuizItem {
            id: id.into(),
            topic: topic.into(),
            difficulty: Difficulty::Mudah,
            question: format!("{id}?"),
            options: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            answer: 0,
            explanation: String::new(),
            source: "x.txt".into(),
        }
    }

    fn answer(id: i64, option: usize, ms: i64) -> Answer {
        Answer {
            student: Student {
                id,
                name: format!("S{id}"),
                username: None,
            },
            correct: option == 0,
            points: 0,
            elapsed: SignedDuration::from_millis(ms),
            option: Some(option),
        }
    }

    #[test]
    fn a_question_topic_and_students_are_counted() {
        let mut i = Insight::default();
        let q1 = item("q1", "manfaat");
        i.record(
            &q1,
            &[
                answer(1, 0, 2_000),
                answer(2, 2, 4_000),
                answer(3, 2, 6_000),
            ],
        );
        i.record(&q1, &[answer(1, 1, 1_000)]);
        i.record(&item("q2", "bentuk"), &[]);
        let s = &i.questions["q1"];
        assert_eq!(
            s.totals,
            Totals {
                asked: 2,
                answered: 4,
                right: 1,
                time_ms: 13_000
            }
        );
        assert_eq!(s.top_wrong(), Some((2, 2)));
        assert_eq!(s.totals.mean_ms(), Some(3_250));
        assert_eq!(i.topics["manfaat"].share_right(), Some(0.25));
        assert_eq!(i.topics["bentuk"].asked, 1);
        assert_eq!(i.topics["bentuk"].share_right(), None);
        assert_eq!(i.students[&1].topics["manfaat"], (2, 1));
        assert_eq!(i.students[&2].topics["manfaat"], (1, 0));
    }

    #[test]
    fn the_last_rounds_and_the_bounds() {
        let mut i = Insight::default();
        for r in 0..5 {
            i.round_ended(r as u32, [r, 100]);
        }
        i.round_ended(9, []);
        assert_eq!(
            i.recent_rounds,
            vec![(2, vec![2, 100]), (3, vec![3, 100]), (4, vec![4, 100])]
        );
        for n in 0..(MAX_QUESTIONS + 10) {
            i.record(&item(&format!("q{n}"), "t"), &[answer(n as i64, 0, 1)]);
        }
        assert_eq!(i.questions.len(), MAX_QUESTIONS);
        assert_eq!(i.students.len(), MAX_STUDENTS);
    }
}
