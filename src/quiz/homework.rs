//! Homework: questions a teacher assigns in a group with a deadline, which each student does
//! alone in their private chat, at their own pace, once. Every student gets the same
//! questions in their own order, with the options in their own order. Pure: time is passed in.

use std::collections::BTreeMap;

use jiff::{SignedDuration, Timestamp};

use super::{Answer, Asked, Student};
use crate::content::QuizItem;
use crate::rng::Rng;

/// `/tugas [jumlah]`: allowed and default number of questions.
pub const COUNT_RANGE: (u32, u32) = (1, 30);
pub const DEFAULT_COUNT: u32 = 10;
/// The group message's count is edited at most this often.
pub const EDIT_EVERY: SignedDuration = SignedDuration::from_secs(60);
/// The reminder goes out this long before the deadline…
pub const REMIND_BEFORE: SignedDuration = SignedDuration::from_hours(1);
/// …unless the homework was given less than this long before the reminder would be due.
pub const REMIND_MIN_LEAD: SignedDuration = SignedDuration::from_mins(10);
/// Students one homework takes; past that, a new one is told it is full.
pub const MAX_STUDENTS: usize = 1_000;
/// Closed homework whose results a group keeps (for `/ekspor`), newest kept.
pub const HISTORY_KEEP: usize = 20;
/// How many the summary ranks.
pub const TOP: usize = 5;

/// One question of a homework, copied when it was given: a set deleted or a subject reloaded
/// meanwhile changes nothing for the students doing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    pub item: QuizItem,
    /// Where it comes from, as a reveal says it ("Sumber: …", "Soal dari …").
    pub credit: String,
}

/// One student's attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    pub name: String,
    pub username: Option<String>,
    /// Their questions in their order: `item` indexes the homework's tasks.
    pub order: Vec<Asked>,
    /// The option chosen for each question answered so far (its index among the item's
    /// options), in their order.
    pub answers: Vec<usize>,
    pub started: Timestamp,
    /// When they last answered (their finish, once every question is answered).
    pub last: Timestamp,
}

impl Attempt {
    pub fn finished(&self) -> bool {
        self.answers.len() >= self.order.len()
    }

    /// The next question to answer (its number in their order), if any.
    pub fn current(&self) -> Option<usize> {
        (!self.finished()).then_some(self.answers.len())
    }

    /// Whether their `n`th answer was right.
    pub fn was_right(&self, n: usize, tasks: &[Task]) -> bool {
        match (self.order.get(n), self.answers.get(n)) {
            (Some(asked), Some(&chosen)) => tasks
                .get(asked.item)
                .is_some_and(|t| t.item.answer == chosen),
            _ => false,
        }
    }

    /// Right answers so far.
    pub fn right(&self, tasks: &[Task]) -> u32 {
        (0..self.answers.len())
            .filter(|&n| self.was_right(n, tasks))
            .count() as u32
    }
}

/// A homework as it runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Homework {
    /// The group's homework number: links and buttons of another one are refused.
    pub id: u32,
    /// The subject's key (a pack id, or a teacher's set's key): where the class insight and
    /// the students' reviews record it.
    pub key: String,
    /// What it is about, as the group message says it.
    pub title: String,
    /// Who gave it (user id and name).
    pub teacher: (i64, String),
    pub tasks: Vec<Task>,
    pub given: Timestamp,
    pub deadline: Timestamp,
    /// Each answer is told right or wrong at once (`umpan-balik`); otherwise only at the end.
    pub feedback: bool,
    /// The forum topic it was given in.
    pub thread: Option<i32>,
    /// The group message with the button, once Telegram confirmed it.
    pub message_id: Option<i32>,
    /// The count of finished attempts the group message shows, and when it was last edited.
    pub shown: usize,
    pub edited: Option<Timestamp>,
    pub reminded: bool,
    /// How many students the group has, as Telegram said when it was given (its members
    /// less its administrators and the bot); `None` until then, or when it could not say.
    pub class: Option<u32>,
    pub attempts: BTreeMap<i64, Attempt>,
}

/// What a student's start link does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Started {
    /// A new attempt: question 0 comes first.
    New,
    /// Their attempt goes on at this question.
    Resumed(usize),
    /// They did it already: right answers of how many.
    Done { right: u32, total: usize },
    /// [`MAX_STUDENTS`] are doing it already.
    Full,
}

/// What an answer did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answered {
    /// Recorded: the task answered and whether rightly; `next` is the next question to send,
    /// `None` when the attempt is complete.
    Recorded {
        task: usize,
        chosen: usize,
        right: bool,
        next: Option<usize>,
    },
    /// Not the question they are at (answered already, or not theirs).
    Closed,
}

/// One student's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Result {
    pub id: i64,
    pub name: String,
    pub username: Option<String>,
    pub right: u32,
    pub answered: u32,
    pub finished: bool,
    pub last: Timestamp,
}

/// What the deadline's summary says.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Students who answered at least one question, and those who answered all.
    pub took_part: usize,
    pub finished: usize,
    /// The class's share of right answers, when there were answers.
    pub share_right: Option<f64>,
    /// Best first: most right, then an earlier finish.
    pub top: Vec<Result>,
    /// The task most often answered wrong: its index, and wrong of answered.
    pub most_missed: Option<(usize, u32, u32)>,
}

impl Homework {
    /// The attempts that count: every student's, not the teacher's who gave it (a teacher
    /// trying it out is no student).
    fn counted(&self) -> impl Iterator<Item = (&i64, &Attempt)> {
        self.attempts
            .iter()
            .filter(move |(id, _)| **id != self.teacher.0)
    }

    /// Students who answered every question.
    pub fn finished(&self) -> usize {
        self.counted().filter(|(_, a)| a.finished()).count()
    }

    /// Students who opened it.
    pub fn started(&self) -> usize {
        self.counted().count()
    }

    /// Every student of the class finished (known only when Telegram said how many there are).
    pub fn all_finished(&self) -> bool {
        self.class
            .is_some_and(|c| c > 0 && self.finished() >= c as usize)
    }

    /// When the reminder is due, if this homework gets one.
    pub fn remind_at(&self) -> Option<Timestamp> {
        let at = self.deadline - REMIND_BEFORE;
        (!self.reminded && at >= self.given + REMIND_MIN_LEAD).then_some(at)
    }

    /// Starts `student`'s attempt (their own order of questions and options from `rng`), or
    /// says where it stands.
    pub fn start(&mut self, student: &Student, rng: &mut Rng, now: Timestamp) -> Started {
        if let Some(a) = self.attempts.get_mut(&student.id) {
            // A student renamed since is shown by their new name.
            a.name.clone_from(&student.name);
            return match a.current() {
                Some(q) => Started::Resumed(q),
                None => Started::Done {
                    right: a.right(&self.tasks),
                    total: a.order.len(),
                },
            };
        }
        if self.attempts.len() >= MAX_STUDENTS {
            return Started::Full;
        }
        let mut items: Vec<usize> = (0..self.tasks.len()).collect();
        rng.shuffle(&mut items);
        let order = items
            .into_iter()
            .map(|i| Asked::new(i, self.tasks[i].item.options.len(), rng))
            .collect();
        self.attempts.insert(
            student.id,
            Attempt {
                name: student.name.clone(),
                username: student.username.clone(),
                order,
                answers: Vec::new(),
                started: now,
                last: now,
            },
        );
        Started::New
    }

    /// `user` chose the option shown at `choice` for their question `question`.
    pub fn answer(
        &mut self,
        user: i64,
        question: usize,
        choice: usize,
        now: Timestamp,
    ) -> Answered {
        let Some(a) = self.attempts.get_mut(&user) else {
            return Answered::Closed;
        };
        if a.current() != Some(question) {
            return Answered::Closed;
        }
        let asked = &a.order[question];
        let Some(&chosen) = asked.order.get(choice) else {
            return Answered::Closed;
        };
        let task = asked.item;
        a.answers.push(chosen);
        a.last = now;
        let right = a.was_right(question, &self.tasks);
        Answered::Recorded {
            task,
            chosen,
            right,
            next: a.current(),
        }
    }

    /// Every student who answered something, best first: most right, finished before not,
    /// then the earlier finish.
    pub fn results(&self) -> Vec<Result> {
        let mut all: Vec<Result> = self
            .counted()
            .filter(|(_, a)| !a.answers.is_empty())
            .map(|(id, a)| Result {
                id: *id,
                name: a.name.clone(),
                username: a.username.clone(),
                right: a.right(&self.tasks),
                answered: a.answers.len() as u32,
                finished: a.finished(),
                last: a.last,
            })
            .collect();
        all.sort_by(|x, y| {
            y.right
                .cmp(&x.right)
                .then(y.finished.cmp(&x.finished))
                .then(x.last.cmp(&y.last))
                .then(x.id.cmp(&y.id))
        });
        all
    }

    /// Per task, every answer given to it (untimed: no timer runs in a homework).
    pub fn answers_per_task(&self) -> Vec<Vec<Answer>> {
        let mut per: Vec<Vec<Answer>> = vec![Vec::new(); self.tasks.len()];
        for (id, a) in self.counted() {
            for (n, &chosen) in a.answers.iter().enumerate() {
                let Some(task) = a.order.get(n).map(|q| q.item) else {
                    continue;
                };
                let Some(list) = per.get_mut(task) else {
                    continue;
                };
                list.push(Answer {
                    student: Student {
                        id: *id,
                        name: a.name.clone(),
                        username: a.username.clone(),
                    },
                    correct: a.was_right(n, &self.tasks),
                    points: 0,
                    elapsed: SignedDuration::ZERO,
                    option: Some(chosen),
                });
            }
        }
        per
    }

    pub fn summary(&self) -> Summary {
        let results = self.results();
        let answered: u32 = results.iter().map(|r| r.answered).sum();
        let right: u32 = results.iter().map(|r| r.right).sum();
        let most_missed = self
            .answers_per_task()
            .iter()
            .enumerate()
            .map(|(i, list)| {
                let wrong = list.iter().filter(|a| !a.correct).count() as u32;
                (i, wrong, list.len() as u32)
            })
            .filter(|(_, wrong, _)| *wrong > 0)
            // Most wrong; then the lower share right; then the earlier task.
            .max_by(|a, b| {
                a.1.cmp(&b.1)
                    .then((u64::from(a.1) * u64::from(b.2)).cmp(&(u64::from(b.1) * u64::from(a.2))))
                    .then(b.0.cmp(&a.0))
            });
        Summary {
            took_part: results.len(),
            finished: results.iter().filter(|r| r.finished).count(),
            share_right: (answered > 0).then(|| f64::from(right) / f64::from(answered)),
            top: results.into_iter().take(TOP).collect(),
            most_missed,
        }
    }

    /// What a closed homework leaves for `/ekspor`.
    pub fn record(&self, closed: Timestamp) -> Record {
        Record {
            id: self.id,
            title: self.title.clone(),
            closed,
            questions: self.tasks.len() as u32,
            students: self
                .results()
                .into_iter()
                .map(|r| (r.id, (r.answered, r.right)))
                .collect(),
        }
    }
}

/// A closed homework's results, kept for `/ekspor`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub id: u32,
    pub title: String,
    pub closed: Timestamp,
    pub questions: u32,
    /// Per student: answered, right.
    pub students: BTreeMap<i64, (u32, u32)>,
}

/// Adds `record` to a group's `history`, keeping the newest [`HISTORY_KEEP`].
pub fn keep(history: &mut Vec<Record>, record: Record) {
    history.push(record);
    let extra = history.len().saturating_sub(HISTORY_KEEP);
    history.drain(..extra);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Difficulty;

    fn t(s: &str) -> Timestamp {
        s.parse().expect("time")
    }

    fn task(n: usize) -> Task {
        Task {
            item: QuizItem {
                id: format!("q{n}"),
                topic: "bentuk".into(),
                difficulty: Difficulty::Mudah,
                question: format!("Soal {n}?"),
                options: vec!["a".into(), "b".into(), "c".into(), "d".into()],
                answer: n % 4,
                explanation: String::new(),
                source: "x.md".into(),
            },
            credit: String::new(),
        }
    }

    fn homework(tasks: usize) -> Homework {
        let given = t("2026-12-07T01:00:00Z");
        Homework {
            id: 1,
            key: "ips".into(),
            title: "Bentuk".into(),
            teacher: (9, "Bu Rina".into()),
            tasks: (0..tasks).map(task).collect(),
            given,
            deadline: given + SignedDuration::from_hours(3),
            feedback: false,
            thread: None,
            message_id: None,
            shown: 0,
            edited: None,
            reminded: false,
            class: None,
            attempts: BTreeMap::new(),
        }
    }

    fn student(id: i64) -> Student {
        Student {
            id,
            name: format!("S{id}"),
            username: None,
        }
    }

    /// Answers `user`'s current question with the option `right` says.
    fn answer(h: &mut Homework, user: i64, right: bool, now: Timestamp) -> Answered {
        let a = &h.attempts[&user];
        let q = a.current().expect("a question left");
        let asked = &a.order[q];
        let answer = h.tasks[asked.item].item.answer;
        let choice = asked
            .order
            .iter()
            .position(|&o| (o == answer) == right)
            .expect("an option");
        h.answer(user, q, choice, now)
    }

    #[test]
    fn every_student_gets_the_same_questions_in_their_own_order() {
        let mut h = homework(8);
        let now = h.given;
        let mut orders = Vec::new();
        for id in 1..=4 {
            let mut rng = Rng::from_parts(&[id as u64, 7]);
            assert_eq!(h.start(&student(id), &mut rng, now), Started::New);
            let order: Vec<usize> = h.attempts[&id].order.iter().map(|q| q.item).collect();
            let mut sorted = order.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, (0..8).collect::<Vec<_>>());
            orders.push(order);
        }
        orders.dedup();
        assert!(orders.len() > 1, "every student got the same order");
    }

    #[test]
    fn one_attempt_that_resumes_where_it_stopped() {
        let mut h = homework(3);
        let now = h.given;
        let mut rng = Rng::from_parts(&[1]);
        assert_eq!(h.start(&student(1), &mut rng, now), Started::New);
        assert!(matches!(
            answer(&mut h, 1, true, now),
            Answered::Recorded {
                right: true,
                next: Some(1),
                ..
            }
        ));
        // Pressing the first question's buttons again changes nothing.
        assert_eq!(h.answer(1, 0, 0, now), Answered::Closed);
        assert_eq!(h.start(&student(1), &mut rng, now), Started::Resumed(1));
        answer(&mut h, 1, false, now);
        let last = answer(&mut h, 1, true, now + SignedDuration::from_mins(5));
        assert!(matches!(last, Answered::Recorded { next: None, .. }));
        assert_eq!(
            h.start(&student(1), &mut rng, now),
            Started::Done { right: 2, total: 3 }
        );
        assert_eq!(h.answer(2, 0, 0, now), Answered::Closed);
        assert_eq!(h.finished(), 1);
    }

    #[test]
    fn the_summary_ranks_by_right_answers_then_the_earlier_finish() {
        let mut h = homework(2);
        let t0 = h.given;
        let min = SignedDuration::from_mins(1);
        for id in 1..=7 {
            h.start(&student(id), &mut Rng::from_parts(&[id as u64]), t0);
        }
        // 1 and 2: both right, 2 finished first; 3: one right; 4: one right, not finished;
        // 5: none right; 6: both right, last; 7 never answered.
        for (id, rights, at) in [
            (1, vec![true, true], 10),
            (2, vec![true, true], 5),
            (3, vec![true, false], 1),
            (4, vec![true], 2),
            (5, vec![false, false], 3),
            (6, vec![true, true], 20),
        ] {
            for r in rights {
                answer(&mut h, id, r, t0 + min * at);
            }
        }
        let s = h.summary();
        assert_eq!(s.took_part, 6);
        assert_eq!(s.finished, 5);
        let top: Vec<i64> = s.top.iter().map(|r| r.id).collect();
        assert_eq!(top, vec![2, 1, 6, 3, 4]);
        // 8 right of 11 answered.
        assert_eq!(s.share_right, Some(8.0 / 11.0));
        assert!(s.most_missed.is_some_and(|(_, wrong, _)| wrong >= 2));
        let record = h.record(t0);
        assert_eq!(record.students.len(), 6);
        assert_eq!(record.students[&4], (1, 1));
    }

    #[test]
    fn the_most_missed_task_is_the_one_answered_wrong_most() {
        let mut h = homework(3);
        let t0 = h.given;
        for id in 1..=3 {
            h.start(&student(id), &mut Rng::from_parts(&[id as u64]), t0);
            for _ in 0..3 {
                let a = &h.attempts[&id];
                let task = a.order[a.answers.len()].item;
                // Task 2 is missed by everyone, task 0 by student 1 only.
                let right = !(task == 2 || (task == 0 && id == 1));
                answer(&mut h, id, right, t0);
            }
        }
        assert_eq!(h.summary().most_missed, Some((2, 3, 3)));
        let per = h.answers_per_task();
        assert_eq!(per[2].iter().filter(|a| !a.correct).count(), 3);
        assert_eq!(per[0].iter().filter(|a| a.correct).count(), 2);
        // Nothing wrong: nothing most missed.
        let mut easy = homework(1);
        easy.start(&student(1), &mut Rng::from_parts(&[1]), t0);
        answer(&mut easy, 1, true, t0);
        assert_eq!(easy.summary().most_missed, None);
    }

    #[test]
    fn the_teacher_trying_it_out_counts_nowhere_and_the_class_size_says_when_all_finished() {
        let mut h = homework(1);
        let now = h.given;
        let teacher = Student {
            id: 9,
            name: "Bu Rina".into(),
            username: None,
        };
        h.start(&teacher, &mut Rng::from_parts(&[1]), now);
        answer(&mut h, 9, true, now);
        assert_eq!((h.finished(), h.started()), (0, 0));
        assert!(h.results().is_empty() && h.answers_per_task()[0].is_empty());
        assert!(!h.all_finished());
        h.start(&student(1), &mut Rng::from_parts(&[1]), now);
        answer(&mut h, 1, false, now);
        assert!(!h.all_finished(), "the class size is not known");
        h.class = Some(2);
        assert!(!h.all_finished());
        h.class = Some(1);
        assert!(h.all_finished());
    }

    #[test]
    fn the_reminder_is_an_hour_before_unless_given_less_than_that_ahead() {
        let mut h = homework(1);
        assert_eq!(h.remind_at(), Some(h.deadline - REMIND_BEFORE));
        h.reminded = true;
        assert_eq!(h.remind_at(), None);
        let mut short = homework(1);
        short.deadline = short.given + SignedDuration::from_mins(50);
        assert_eq!(short.remind_at(), None);
    }

    #[test]
    fn a_full_homework_takes_no_one_new_and_history_stays_bounded() {
        let mut h = homework(1);
        let now = h.given;
        for id in 0..MAX_STUDENTS as i64 {
            h.start(&student(id), &mut Rng::from_parts(&[1]), now);
        }
        assert_eq!(
            h.start(&student(-5), &mut Rng::from_parts(&[1]), now),
            Started::Full
        );
        let mut history = Vec::new();
        for id in 0..HISTORY_KEEP as u32 + 3 {
            keep(
                &mut history,
                Record {
                    id,
                    title: String::new(),
                    closed: now,
                    questions: 1,
                    students: BTreeMap::new(),
                },
            );
        }
        assert_eq!(history.len(), HISTORY_KEEP);
        assert_eq!(history[0].id, 3);
    }
}
