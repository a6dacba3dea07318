//! Group quiz rounds in the app: `/kuis`, `/stopkuis`, presses, and the rounds' clock
//! (`quiz_tick`). Time is always passed in.

use std::sync::Arc;

use jiff::Timestamp;

use super::callback::CallbackData;
use super::quiz::{
    buttons, group, insight_of, parse_round_args, parse_set_args, pick, remember_asked, student,
    tag,
};
use super::{ANONYMOUS_ADMIN, App, Button, Chat, Edit, Effect, Outgoing, Unwritten, User, send};
use crate::config::QUIZ_SECONDS_RANGE;
use crate::content::Content;
use crate::quiz::review;
use crate::quiz::{Asked, PressOutcome, Reveal, Round, Step};
use crate::rng::Rng;
use crate::sets;

/// `/start` payload of the podium's button: practice of what the student got wrong.
pub const PRACTICE_START: &str = "latihan";
use crate::state::{ChatState, State};
use crate::texts::quiz as qt;
use crate::texts::sets as st;

impl App {
    /// `/kuis [jumlah] [detik] [topik]` from the chat's subject, or `/kuis <nama-set> [jumlah]
    /// [detik]` from the sender's own set.
    pub(super) fn start_quiz(
        &self,
        chat: Chat,
        from: Option<&User>,
        args: &str,
        now: Timestamp,
    ) -> Vec<Effect> {
        let content = self.pack(self.pack_of(chat.id)).clone();
        let default = self.settings.quiz_seconds;
        if let Some((count, seconds, topic)) =
            parse_round_args(args, default, true, &content.pack.topics)
        {
            let topic = topic.as_deref();
            let announce = |total| qt::started(total, count as usize, seconds, topic, &content);
            return self.run_round(chat, &content, (topic, count, seconds), None, announce, now);
        }
        let bad_args = || qt::bad_quiz_args(QUIZ_SECONDS_RANGE.0, QUIZ_SECONDS_RANGE.1, &content);
        let (word, rest) = args.trim().split_once(' ').unwrap_or((args.trim(), ""));
        let name = sets::slug(word);
        if name.is_empty() {
            return vec![send(chat, bad_args(), None)];
        }
        let owner = from.filter(|u| u.id != ANONYMOUS_ADMIN && u.id > 0);
        let set = owner.and_then(|o| self.set_of(o.id, &name));
        let Some(set) = set else {
            // A count, a time or a topic mistyped; a set of an anonymous admin; or a set the
            // sender does not have.
            let html = if word.starts_with(|c: char| c.is_ascii_digit()) {
                bad_args()
            } else if owner.is_none() {
                st::ANONYMOUS.into()
            } else {
                format!("{}\n\n{}", st::not_found(&name), bad_args())
            };
            return vec![send(chat, html, None)];
        };
        let Some((count, seconds)) = parse_set_args(rest, true, set.questions.len()) else {
            return vec![send(chat, st::bad_set_args(&set.name), None)];
        };
        let times = seconds.is_none().then(|| set.seconds());
        let plan = (None, count, seconds.unwrap_or(default));
        let announce = |total| st::started(total, &set, seconds, default);
        self.run_round(chat, &set.content(), plan, times, announce, now)
    }

    /// Starts a round of `count` questions from `content` (of `topic` if given), `seconds`
    /// each unless `times` gives an item its own; `announce` says it began, given how many
    /// questions it has.
    fn run_round(
        &self,
        chat: Chat,
        content: &Arc<Content>,
        (topic, count, seconds): (Option<&str>, u32, u32),
        times: Option<Vec<Option<u32>>>,
        announce: impl FnOnce(usize) -> String,
        now: Timestamp,
    ) -> Vec<Effect> {
        let mut state = self.state();
        if state.rounds.contains_key(&chat.id) {
            return vec![send(chat, qt::ALREADY_RUNNING.into(), None)];
        }
        let cs = state.chat(chat.id);
        let mut rng = Rng::from_parts(&[chat.id as u64, u64::from(cs.rounds), self.seed(now)]);
        let items = &content.quiz;
        let chosen = pick(cs, content, topic, count, &mut rng);
        if chosen.is_empty() {
            return vec![send(chat, qt::NO_QUESTIONS.into(), None)];
        }
        cs.rounds += 1;
        cs.round_running = true;
        let questions: Vec<Asked> = chosen
            .iter()
            .map(|&i| Asked {
                seconds: times.as_ref().and_then(|t| t.get(i).copied().flatten()),
                ..Asked::new(i, items[i].options.len(), &mut rng)
            })
            .collect();
        let total = questions.len();
        let mut round = Round::new(
            cs.rounds,
            seconds,
            chat.thread,
            content.clone(),
            questions,
            now,
        );
        round.count_message(now);
        round.count_message(now);
        let first = self.question_send(chat.id, &round, 0);
        state.rounds.insert(chat.id, round);
        drop(state);
        self.changed();
        vec![send(chat, announce(total), None), first]
    }

    /// The message asking question `q` of `round`, tagged so its delivery starts the timer.
    fn question_send(&self, chat_id: i64, round: &Round, q: usize) -> Effect {
        let asked = &round.questions[q];
        let item = &round.subject.quiz[asked.item];
        Effect::Send(Outgoing {
            chat: group(chat_id, round.thread),
            html: qt::question(
                q + 1,
                round.questions.len(),
                Some(round.seconds_of(q)),
                item,
                asked,
                0,
            ),
            keyboard: self.quiz_buttons(round, q),
            reply_to: None,
            background: false,
            tag: Some(tag(round.id, q)),
            asker: None,
        })
    }

    fn quiz_buttons(&self, round: &Round, q: usize) -> Vec<Vec<Button>> {
        buttons(round.questions[q].order.len(), |choice| {
            CallbackData::Quiz {
                round: round.id,
                question: q as u8,
                choice,
            }
        })
    }

    pub(super) fn stop_quiz(&self, chat: Chat, now: Timestamp) -> Vec<Effect> {
        let mut state = self.state();
        let Some(mut round) = state.rounds.remove(&chat.id) else {
            return vec![send(chat, qt::NONE_RUNNING.into(), None)];
        };
        let mut effects = Vec::new();
        if round.is_open() {
            let subject = round.subject.clone();
            let reveal = round.reveal(now, &subject.quiz);
            let cs = state.chat(chat.id);
            effects.push(self.apply_reveal(chat.id, cs, &round, &reveal));
            remember_mistakes(&mut state, &round, &reveal, now);
        }
        let cs = state.chat(chat.id);
        effects.extend(self.end_round(chat.id, cs, &round, false, true));
        drop(state);
        self.changed();
        effects
    }

    /// Adds a revealed question to the board and returns the reveal edit.
    fn apply_reveal(
        &self,
        chat_id: i64,
        cs: &mut ChatState,
        round: &Round,
        reveal: &Reveal,
    ) -> Effect {
        for a in &reveal.answers {
            cs.board.record(
                a.student.id,
                &a.student.name,
                a.student.username.as_deref(),
                a.correct,
                a.points,
            );
        }
        let asked = &round.questions[reveal.question];
        let content = &round.subject;
        let item = &content.quiz[asked.item];
        remember_asked(cs, &round.subject.pack.id, &item.id);
        insight_of(cs, &content.pack.id).record(item, &reveal.answers);
        let html = qt::reveal(
            reveal.question + 1,
            round.questions.len(),
            item,
            asked,
            &reveal.answers,
            &qt::credit(content, item),
        );
        let chat = group(chat_id, round.thread);
        match reveal.message_id {
            Some(message_id) => Effect::Edit(Edit {
                chat,
                message_id,
                html,
                keyboard: Vec::new(),
                droppable: false,
            }),
            None => send(chat, html, None),
        }
    }

    /// Closes a round: counts it on the board; the podium and the standing go out once the
    /// snapshot holding them is on disk.
    fn end_round(
        &self,
        chat_id: i64,
        cs: &mut ChatState,
        round: &Round,
        silent: bool,
        stopped: bool,
    ) -> Vec<Effect> {
        cs.board.finish_round(round.earned.keys());
        insight_of(cs, &round.subject.pack.id).round_ended(round.id, round.earned.keys().copied());
        cs.round_running = false;
        let chat = group(chat_id, round.thread);
        let mut podium = send(chat, qt::podium(&round.standings(), silent, stopped), None);
        // Many students never open a private chat: the podium offers the practice of what
        // each got wrong, one tap away.
        if !round.earned.is_empty()
            && let Effect::Send(o) = &mut podium
        {
            o.keyboard = vec![vec![Button::Url {
                label: qt::REVIEW_BUTTON.into(),
                url: format!("https://t.me/{}?start={PRACTICE_START}", self.bot_username),
            }]];
        }
        vec![Effect::AfterSnapshot {
            then: vec![podium, send(chat, qt::standing(&cs.board, None), None)],
            unwritten: Unwritten::CarryOut,
        }]
    }

    pub(super) fn quiz_press(
        &self,
        query_id: String,
        chat: Option<Chat>,
        message_id: Option<i32>,
        from: &User,
        (round_id, question, choice): (u32, u8, u8),
        at: Timestamp,
    ) -> Vec<Effect> {
        let toast = match chat {
            Some(chat) => {
                let mut state = self.state();
                let id = state.moved.get(&chat.id).copied().unwrap_or(chat.id);
                match state.rounds.get_mut(&id) {
                    Some(r) if r.id == round_id => {
                        let on = (question.into(), message_id);
                        match r.press(on, student(from), choice.into(), at) {
                            PressOutcome::Recorded => qt::TOAST_RECORDED,
                            PressOutcome::AlreadyAnswered => qt::TOAST_ALREADY,
                            PressOutcome::NotShown => qt::TOAST_NOT_SHOWN,
                            PressOutcome::Closed => qt::TOAST_CLOSED,
                        }
                    }
                    _ => qt::TOAST_CLOSED,
                }
            }
            None => qt::TOAST_CLOSED,
        };
        vec![Effect::AnswerCallback {
            query_id,
            text: Some(toast.to_string()),
        }]
    }

    /// Telegram confirmed a tagged message: a question's timer starts.
    pub(super) fn delivered(&self, chat_id: i64, message_id: i32, tag: u64, at: Timestamp) {
        let (round_id, question) = ((tag >> 8) as u32, (tag & 0xff) as usize);
        let mut state = self.state();
        if let Some(r) = state.rounds.get_mut(&chat_id).filter(|r| r.id == round_id) {
            r.confirmed(question, message_id, at);
        }
    }

    /// When the rounds next need [`App::quiz_tick`].
    pub(super) fn next_quiz_wake(&self) -> Option<Timestamp> {
        self.state().rounds.values().map(Round::next_wake).min()
    }

    /// The rounds' next milestone (a deadline or the end of a pause), live counts aside.
    pub(super) fn next_quiz_milestone(&self) -> Option<Timestamp> {
        self.state()
            .rounds
            .values()
            .map(Round::next_milestone)
            .min()
    }

    /// Moves every round on at `now`: live counts, reveals, next questions, ends.
    pub(super) fn quiz_tick(&self, now: Timestamp) -> Vec<Effect> {
        let mut state = self.state();
        let due: Vec<i64> = state
            .rounds
            .iter()
            .filter(|(_, r)| r.next_wake() <= now)
            .map(|(id, _)| *id)
            .collect();
        let mut effects = Vec::new();
        let mut changed = false;
        for chat_id in due {
            let Some(mut round) = state.rounds.remove(&chat_id) else {
                continue;
            };
            let mut ended = false;
            let subject = round.subject.clone();
            let items = &subject.quiz;
            while let Some(step) = round.step(now, items) {
                match step {
                    Step::Count {
                        question,
                        message_id,
                        count,
                    } => {
                        let asked = &round.questions[question];
                        effects.push(Effect::Edit(Edit {
                            chat: group(chat_id, round.thread),
                            message_id,
                            html: qt::question(
                                question + 1,
                                round.questions.len(),
                                Some(round.seconds_of(question)),
                                &items[asked.item],
                                asked,
                                count,
                            ),
                            keyboard: self.quiz_buttons(&round, question),
                            droppable: true,
                        }));
                    }
                    Step::Reveal(reveal) => {
                        round.count_message(now);
                        let cs = state.chat(chat_id);
                        effects.push(self.apply_reveal(chat_id, cs, &round, &reveal));
                        remember_mistakes(&mut state, &round, &reveal, now);
                        changed = true;
                    }
                    Step::Ask { question } => {
                        round.count_message(now);
                        effects.push(self.question_send(chat_id, &round, question));
                    }
                    Step::End { silent } => {
                        let cs = state.chat(chat_id);
                        effects.extend(self.end_round(chat_id, cs, &round, silent, false));
                        ended = true;
                        changed = true;
                        break;
                    }
                }
            }
            if !ended {
                state.rounds.insert(chat_id, round);
            }
        }
        drop(state);
        if changed {
            self.changed();
        }
        effects
    }

    /// What to say right after a restart: rounds that were cut off.
    pub fn startup(&self) -> Vec<Effect> {
        let mut state = self.state();
        let cut: Vec<i64> = state
            .chats
            .iter()
            .filter(|(id, c)| c.round_running && !state.rounds.contains_key(id))
            .map(|(id, _)| *id)
            .collect();
        let mut effects = Vec::new();
        for id in cut {
            state.chat(id).round_running = false;
            effects.push(send(group(id, None), qt::INTERRUPTED.into(), None));
        }
        drop(state);
        if !effects.is_empty() {
            self.changed();
        }
        effects
    }

    /// A group that removed the bot: its round ends quietly (nothing can be posted there).
    pub(super) fn end_quiz_quietly(&self, chat_id: i64) -> bool {
        let mut state = self.state();
        match state.rounds.remove(&chat_id) {
            Some(round) => {
                let cs = state.chat(chat_id);
                cs.board.finish_round(round.earned.keys());
                insight_of(cs, &round.subject.pack.id)
                    .round_ended(round.id, round.earned.keys().copied());
                cs.round_running = false;
                true
            }
            None => false,
        }
    }
}

/// Each student who answered a revealed question wrong will practise it again: it goes into
/// their own review schedule (kept in their private chat's state).
fn remember_mistakes(state: &mut State, round: &Round, reveal: &Reveal, now: Timestamp) {
    let Some(item) = round
        .questions
        .get(reveal.question)
        .and_then(|a| round.subject.quiz.get(a.item))
    else {
        return;
    };
    let key = &round.subject.pack.id;
    for a in reveal.answers.iter().filter(|a| !a.correct) {
        note_mistake(state, key, &item.id, a.student.id, now);
    }
}

/// Student `student` got question `item` of subject (or set) `key` wrong: it goes into their
/// own review schedule (kept in their private chat's state).
pub(super) fn note_mistake(state: &mut State, key: &str, item: &str, student: i64, now: Timestamp) {
    let student = state.chat(student);
    // A student keeps what they got wrong in at most so many sets: the one with fewest
    // questions to review makes room.
    if sets::is_set_key(key) && !student.review.contains_key(key) {
        let held: Vec<(&String, usize)> = student
            .review
            .iter()
            .filter(|(k, _)| sets::is_set_key(k))
            .map(|(k, r)| (k, r.len()))
            .collect();
        if held.len() >= review::MAX_SETS {
            let fewest = held
                .iter()
                .min_by_key(|(_, n)| *n)
                .map(|(k, _)| (*k).clone());
            if let Some(k) = fewest {
                student.review.remove(&k);
            }
        }
    }
    let reviews = student.review.entry(key.to_string()).or_default();
    review::forget_stale(reviews, now);
    review::wrong(reviews, item, now);
}
