//! Group quiz rounds as a state machine with time passed in: no sleeping, no Telegram types.
//!
//! A round asks its questions one at a time. A question is *sending* until Telegram confirms
//! its message (the timer starts then), *open* until its deadline, then revealed; after a
//! short pause the next one is sent. Presses carry the time they were received; the first
//! press of each student counts. The app turns the [`Step`]s into messages.

pub mod board;
pub mod deadline;
pub mod homework;
pub mod insight;
pub mod practice;
pub mod review;

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};

use crate::content::{Content, QuizItem};
use crate::rng::Rng;

/// `/kuis [jumlah]`: allowed and default number of questions.
pub const COUNT_RANGE: (u32, u32) = (1, 20);
pub const DEFAULT_COUNT: u32 = 5;
/// At most one live-count edit per this many seconds.
pub const EDIT_EVERY: SignedDuration = SignedDuration::from_secs(5);
/// The pause between a reveal and the next question.
pub const PAUSE: SignedDuration = SignedDuration::from_secs(4);
/// A question whose message Telegram has not confirmed by then opens anyway, so a lost
/// confirmation cannot stall the round.
pub const CONFIRM_WAIT: SignedDuration = SignedDuration::from_secs(30);
/// Questions in a row without a single answer that end a round.
pub const SILENT_LIMIT: u32 = 2;
/// Sends and edits a group may get in any minute (Telegram's limit, which the outbox keeps
/// too), and how many of those a live-count edit must leave free for the reveal, the next
/// question and the podium.
pub const GROUP_BUDGET: usize = 20;
pub const BUDGET_RESERVE: usize = 4;
/// How many recently asked question ids a group remembers.
pub const RECENT_KEEP: usize = 60;
pub const STREAK_STEP: u32 = 100;
pub const STREAK_CAP: u32 = 500;

/// Points for a correct answer after `elapsed` of a `limit`-long question, with `streak`
/// previous consecutive correct answers in the round:
/// `round(1000 × (1 − (t / T) / 2))` plus 100 per streak step, the bonus capped at 500.
pub fn points(elapsed: SignedDuration, limit: SignedDuration, streak: u32) -> u32 {
    let limit_ms = limit.as_millis().max(1) as f64;
    let t = (elapsed.as_millis() as f64).clamp(0.0, limit_ms);
    let base = (1000.0 * (1.0 - (t / limit_ms) / 2.0)).round() as u32;
    base + streak.saturating_mul(STREAK_STEP).min(STREAK_CAP)
}

/// Picks `count` question indices for a round: never one twice, from `topic` if given,
/// questions the group has not seen recently first (then the longest ago seen), shuffled.
pub fn choose(
    items: &[QuizItem],
    topic: Option<&str>,
    count: usize,
    recent: &[String],
    rng: &mut Rng,
) -> Vec<usize> {
    let mut candidates: Vec<usize> = (0..items.len())
        .filter(|&i| topic.is_none_or(|t| items[i].topic == t))
        .collect();
    rng.shuffle(&mut candidates);
    // Unseen rank 0; seen ones rank by how recently (later in `recent` = more recent).
    let rank = |i: usize| {
        recent
            .iter()
            .rposition(|id| *id == items[i].id)
            .map_or(0, |p| p + 1)
    };
    candidates.sort_by_key(|&i| rank(i));
    // Two items where one shows the other's answer (among its options, or in its question)
    // are not asked in the same round while others can be.
    let mut picked: Vec<usize> = Vec::with_capacity(count);
    let mut held = Vec::new();
    for i in candidates {
        if picked.len() == count {
            break;
        }
        if picked
            .iter()
            .any(|&p| reveals(&items[p], &items[i]) || reveals(&items[i], &items[p]))
        {
            held.push(i);
        } else {
            picked.push(i);
        }
    }
    let missing = count.saturating_sub(picked.len());
    picked.extend(held.into_iter().take(missing));
    picked
}

/// Whether item `b` shows item `a`'s right answer: as one of its options, or in its question.
/// Short answers ("Merkurius", "Delapan") are common to many items and say nothing alone.
fn reveals(a: &QuizItem, b: &QuizItem) -> bool {
    /// Answers shorter than this, in letters and digits, are not compared.
    const MIN_CHARS: usize = 12;
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let Some(answer) = a.options.get(a.answer).map(|o| key(o)) else {
        return false;
    };
    answer.chars().count() >= MIN_CHARS
        && (key(&b.question).contains(&answer) || b.options.iter().any(|o| key(o) == answer))
}

/// A question as asked: which item, and the order its options are shown in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    pub item: usize,
    /// `order[shown position] = index into the item's options`.
    pub order: Vec<usize>,
    /// The question's own time (a teacher's set may give one); `None` uses the round's.
    pub seconds: Option<u32>,
}

impl Asked {
    pub fn new(item: usize, options: usize, rng: &mut Rng) -> Asked {
        let mut order: Vec<usize> = (0..options).collect();
        rng.shuffle(&mut order);
        Asked {
            item,
            order,
            seconds: None,
        }
    }

    /// The shown position of the correct option.
    pub fn correct_choice(&self, item: &QuizItem) -> usize {
        self.order
            .iter()
            .position(|&o| o == item.answer)
            .unwrap_or(0)
    }
}

/// Who pressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Student {
    pub id: i64,
    pub name: String,
    pub username: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Press {
    pub student: Student,
    /// Shown position pressed.
    pub choice: usize,
    pub at: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The question message is queued; its timer has not started.
    Sending { since: Timestamp },
    Open {
        message_id: Option<i32>,
        opened: Timestamp,
        deadline: Timestamp,
        /// The answer count the message shows.
        shown: usize,
        last_edit: Timestamp,
    },
    /// Revealed; the next question (or the end) comes at `until`.
    Pause { until: Timestamp },
}

/// What happened to a press.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PressOutcome {
    Recorded,
    AlreadyAnswered,
    /// The question's message is not confirmed yet: nobody can have seen it.
    NotShown,
    /// Another question, another message, or past the deadline.
    Closed,
}

/// One student's result on a revealed question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub student: Student,
    pub correct: bool,
    pub points: u32,
    pub elapsed: SignedDuration,
    /// The option chosen, as an index among the item's options.
    pub option: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reveal {
    pub question: usize,
    pub message_id: Option<i32>,
    /// Correct answers fastest first, then the wrong ones in press order.
    pub answers: Vec<Answer>,
}

/// What the round needs done now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Edit the open question to show `count` answers (keeping its buttons).
    Count {
        question: usize,
        message_id: i32,
        count: usize,
    },
    /// The question's time is up.
    Reveal(Reveal),
    /// Send question `question` (its timer starts when Telegram confirms it).
    Ask { question: usize },
    /// The round is over; `silent` when it stopped because nobody answered.
    End { silent: bool },
}

/// This round's total for one student, for the podium.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Earned {
    pub name: String,
    pub points: u64,
    pub correct: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    /// The group's round number: buttons of older rounds are refused.
    pub id: u32,
    pub seconds: u32,
    /// Forum topic the round runs in.
    pub thread: Option<i32>,
    /// The subject its questions come from, as it was when the round began (a reload of the
    /// content does not change a round under way).
    pub subject: Arc<Content>,
    pub questions: Vec<Asked>,
    pub current: usize,
    pub phase: Phase,
    /// Presses on the current question, in the order received.
    pub presses: Vec<Press>,
    streaks: BTreeMap<i64, u32>,
    pub earned: BTreeMap<i64, Earned>,
    silent: u32,
    /// When recent sends and edits to the group went out (the group's minute budget).
    sent: Vec<Timestamp>,
}

impl Round {
    /// A round about to send its first question at `now`.
    pub fn new(
        id: u32,
        seconds: u32,
        thread: Option<i32>,
        subject: Arc<Content>,
        questions: Vec<Asked>,
        now: Timestamp,
    ) -> Round {
        Round {
            id,
            seconds,
            thread,
            subject,
            questions,
            current: 0,
            phase: Phase::Sending { since: now },
            presses: Vec::new(),
            streaks: BTreeMap::new(),
            earned: BTreeMap::new(),
            silent: 0,
            sent: Vec::new(),
        }
    }

    /// Seconds question `q` stays open: its own time, else the round's.
    pub fn seconds_of(&self, q: usize) -> u32 {
        self.questions
            .get(q)
            .and_then(|a| a.seconds)
            .unwrap_or(self.seconds)
    }

    fn limit(&self) -> SignedDuration {
        SignedDuration::from_secs(i64::from(self.seconds_of(self.current)))
    }

    /// Notes a send or edit to the group at `now` (for the minute budget).
    pub fn count_message(&mut self, now: Timestamp) {
        self.sent
            .retain(|t| now.duration_since(*t) < SignedDuration::from_secs(60));
        self.sent.push(now);
    }

    /// Sends and edits the group may still get this minute.
    pub fn budget_left(&self, now: Timestamp) -> usize {
        let used = self
            .sent
            .iter()
            .filter(|t| now.duration_since(**t) < SignedDuration::from_secs(60))
            .count();
        GROUP_BUDGET.saturating_sub(used)
    }

    /// Telegram confirmed question `question`'s message at `at`: its timer starts.
    pub fn confirmed(&mut self, question: usize, message_id: i32, at: Timestamp) {
        if question != self.current {
            return;
        }
        match &mut self.phase {
            Phase::Sending { .. } => {
                self.phase = Phase::Open {
                    message_id: Some(message_id),
                    opened: at,
                    deadline: at + self.limit(),
                    shown: 0,
                    last_edit: at,
                };
            }
            // Opened without confirmation after a long wait: now it can be edited.
            Phase::Open { message_id: id, .. } if id.is_none() => *id = Some(message_id),
            _ => {}
        }
    }

    /// A press on question `question`, under message `message_id`, received at `at`.
    ///
    /// A press counts only under the message Telegram confirmed for the current question:
    /// before that confirmation nobody has seen the question (a press then is a guess at
    /// the next question's data), and data replayed onto another message is refused.
    pub fn press(
        &mut self,
        (question, message_id): (usize, Option<i32>),
        student: Student,
        choice: usize,
        at: Timestamp,
    ) -> PressOutcome {
        if question != self.current {
            return PressOutcome::Closed;
        }
        let open = match self.phase {
            Phase::Sending { .. }
            | Phase::Open {
                message_id: None, ..
            } => return PressOutcome::NotShown,
            Phase::Open {
                message_id: Some(shown),
                deadline,
                ..
            } => message_id == Some(shown) && at <= deadline,
            Phase::Pause { .. } => false,
        };
        if !open || choice >= self.questions[self.current].order.len() {
            return PressOutcome::Closed;
        }
        if self.presses.iter().any(|p| p.student.id == student.id) {
            return PressOutcome::AlreadyAnswered;
        }
        self.presses.push(Press {
            student,
            choice,
            at,
        });
        PressOutcome::Recorded
    }

    /// When the round next needs [`Round::step`].
    pub fn next_wake(&self) -> Timestamp {
        match self.phase {
            Phase::Sending { since } => since + CONFIRM_WAIT,
            Phase::Open {
                deadline,
                shown,
                last_edit,
                message_id,
                ..
            } => {
                if shown != self.presses.len() && message_id.is_some() {
                    deadline.min(last_edit + EDIT_EVERY)
                } else {
                    deadline
                }
            }
            Phase::Pause { until } => until,
        }
    }

    /// The round's next milestone, live counts aside: the open question's deadline, or the
    /// end of the pause. (The playground skips to it.)
    pub fn next_milestone(&self) -> Timestamp {
        match self.phase {
            Phase::Sending { since } => since + CONFIRM_WAIT,
            Phase::Open { deadline, .. } => deadline,
            Phase::Pause { until } => until,
        }
    }

    /// Moves the round on at `now`: what to do, if anything. Call until it returns `None`.
    pub fn step(&mut self, now: Timestamp, items: &[QuizItem]) -> Option<Step> {
        match self.phase {
            Phase::Sending { since } if now >= since + CONFIRM_WAIT => {
                self.phase = Phase::Open {
                    message_id: None,
                    opened: now,
                    deadline: now + self.limit(),
                    shown: 0,
                    last_edit: now,
                };
                self.step(now, items)
            }
            Phase::Sending { .. } => None,
            Phase::Open { deadline, .. } if now >= deadline => {
                Some(Step::Reveal(self.reveal(now, items)))
            }
            Phase::Open {
                message_id: Some(message_id),
                shown,
                last_edit,
                opened,
                deadline,
            } if shown != self.presses.len()
                && now >= last_edit + EDIT_EVERY
                && self.budget_left(now) > BUDGET_RESERVE =>
            {
                let count = self.presses.len();
                self.phase = Phase::Open {
                    message_id: Some(message_id),
                    opened,
                    deadline,
                    shown: count,
                    last_edit: now,
                };
                self.count_message(now);
                Some(Step::Count {
                    question: self.current,
                    message_id,
                    count,
                })
            }
            Phase::Open {
                message_id,
                shown,
                opened,
                deadline,
                last_edit,
            } if shown != self.presses.len() && now >= last_edit + EDIT_EVERY => {
                // No budget for this edit: dropped, never queued; try again later.
                self.phase = Phase::Open {
                    message_id,
                    opened,
                    deadline,
                    shown,
                    last_edit: now,
                };
                None
            }
            Phase::Open { .. } => None,
            Phase::Pause { until } if now >= until => {
                if self.silent >= SILENT_LIMIT {
                    Some(Step::End { silent: true })
                } else if self.current + 1 < self.questions.len() {
                    self.current += 1;
                    self.presses.clear();
                    self.phase = Phase::Sending { since: now };
                    Some(Step::Ask {
                        question: self.current,
                    })
                } else {
                    Some(Step::End { silent: false })
                }
            }
            Phase::Pause { .. } => None,
        }
    }

    /// Scores the current question and pauses. Also used by `/stopkuis` on an open question.
    pub fn reveal(&mut self, now: Timestamp, items: &[QuizItem]) -> Reveal {
        let (message_id, opened) = match self.phase {
            Phase::Open {
                message_id, opened, ..
            } => (message_id, opened),
            Phase::Sending { since } => (None, since),
            Phase::Pause { .. } => (None, now),
        };
        let asked = &self.questions[self.current];
        let correct_choice = items.get(asked.item).map(|i| asked.correct_choice(i));
        let limit = self.limit();
        let mut answers = Vec::with_capacity(self.presses.len());
        let mut right_now = std::collections::BTreeSet::new();
        for press in &self.presses {
            let elapsed = press.at.duration_since(opened).max(SignedDuration::ZERO);
            let correct = Some(press.choice) == correct_choice;
            let streak = self.streaks.entry(press.student.id).or_insert(0);
            let pts = if correct {
                let p = points(elapsed, limit, *streak);
                *streak += 1;
                right_now.insert(press.student.id);
                p
            } else {
                *streak = 0;
                0
            };
            let earned = self.earned.entry(press.student.id).or_default();
            earned.name = press.student.name.clone();
            earned.points += u64::from(pts);
            earned.correct += u32::from(correct);
            answers.push(Answer {
                student: press.student.clone(),
                correct,
                points: pts,
                elapsed,
                option: asked.order.get(press.choice).copied(),
            });
        }
        // No answer breaks a streak too.
        for (user, streak) in self.streaks.iter_mut() {
            if !right_now.contains(user) {
                *streak = 0;
            }
        }
        self.silent = if self.presses.is_empty() {
            self.silent + 1
        } else {
            0
        };
        answers.sort_by_key(|a| {
            (
                !a.correct,
                if a.correct {
                    a.elapsed
                } else {
                    SignedDuration::ZERO
                },
            )
        });
        self.phase = Phase::Pause { until: now + PAUSE };
        Reveal {
            question: self.current,
            message_id,
            answers,
        }
    }

    /// Whether the current question is open for answers (or about to be).
    pub fn is_open(&self) -> bool {
        !matches!(self.phase, Phase::Pause { .. })
    }

    /// This round's standings, best first.
    pub fn standings(&self) -> Vec<(i64, &Earned)> {
        let mut all: Vec<(i64, &Earned)> = self.earned.iter().map(|(id, e)| (*id, e)).collect();
        all.sort_by(|a, b| {
            b.1.points
                .cmp(&a.1.points)
                .then(b.1.correct.cmp(&a.1.correct))
                .then_with(|| a.1.name.cmp(&b.1.name))
        });
        all
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
