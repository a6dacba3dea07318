//! `/latihan`: a solo round in a private chat. No timer; each answer gets its feedback at once;
//! the score is the number of correct answers, and the best score per round length is kept.

use std::sync::Arc;

use super::Asked;
use crate::content::{Content, QuizItem};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Practice {
    /// The student's practice number: buttons of older ones are refused.
    pub id: u32,
    /// The subject its questions come from, as it was when the practice began.
    pub subject: Arc<Content>,
    pub questions: Vec<Asked>,
    pub current: usize,
    pub correct: u32,
}

/// What an answer did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answered {
    /// Scored; `next` is the next question to send, `None` when the practice is over.
    Scored {
        question: usize,
        correct: bool,
        next: Option<usize>,
    },
    /// A button of a question already answered, or of another practice.
    Closed,
}

impl Practice {
    pub fn new(id: u32, subject: Arc<Content>, questions: Vec<Asked>) -> Practice {
        Practice {
            id,
            subject,
            questions,
            current: 0,
            correct: 0,
        }
    }

    pub fn answer(
        &mut self,
        id: u32,
        question: usize,
        choice: usize,
        items: &[QuizItem],
    ) -> Answered {
        if id != self.id || question != self.current || question >= self.questions.len() {
            return Answered::Closed;
        }
        let asked = &self.questions[question];
        let correct = items
            .get(asked.item)
            .is_some_and(|item| asked.correct_choice(item) == choice);
        self.correct += u32::from(correct);
        self.current += 1;
        let next = (self.current < self.questions.len()).then_some(self.current);
        Answered::Scored {
            question,
            correct,
            next,
        }
    }

    pub fn len(&self) -> usize {
        self.questions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.questions.is_empty()
    }
}
