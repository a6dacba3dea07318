//! Quizzes in the app: `/kuis`, `/stopkuis`, presses, the rounds' clock (`quiz_tick`),
//! scoreboards (`/skor`, `/resetskor`, `/ekspor`) and `/latihan`. Time is always passed in.

use jiff::Timestamp;

use super::callback::CallbackData;
use super::{
    ANONYMOUS_ADMIN, App, Button, Chat, ChatKind, Document, Edit, Effect, Outgoing, User, send,
};
use crate::config::QUIZ_SECONDS_RANGE;
use crate::content::Topic;
use crate::quiz::practice::{Answered, Practice};
use crate::quiz::{self, Asked, PressOutcome, Reveal, Round, Step, Student};
use crate::rng::Rng;
use crate::state::ChatState;
use crate::texts::quiz as qt;

/// `/start` payload that asks for a group's scoreboard file.
pub const EXPORT_START: &str = "ekspor_";

/// `[jumlah] [detik] [topik]`, any of them optional; numbers in that order.
fn parse_round_args(
    args: &str,
    default_seconds: u32,
    with_seconds: bool,
) -> Option<(u32, u32, Option<Topic>)> {
    let (mut count, mut seconds, mut topic) = (None, None, None);
    for word in args.split_whitespace() {
        if let Ok(n) = word.parse::<u32>() {
            if count.is_none() {
                count = Some(n);
            } else if seconds.is_none() && with_seconds {
                seconds = Some(n);
            } else {
                return None;
            }
        } else if let Some(t) = Topic::ALL
            .iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(word))
            .filter(|_| topic.is_none())
        {
            topic = Some(*t);
        } else {
            return None;
        }
    }
    let count = count.unwrap_or(quiz::DEFAULT_COUNT);
    let seconds = seconds.unwrap_or(default_seconds);
    let count_ok = (quiz::COUNT_RANGE.0..=quiz::COUNT_RANGE.1).contains(&count);
    let seconds_ok = (QUIZ_SECONDS_RANGE.0..=QUIZ_SECONDS_RANGE.1).contains(&seconds);
    (count_ok && seconds_ok).then_some((count, seconds, topic))
}

/// Notes question `id` as asked just now in the chat; the oldest fall out past
/// [`quiz::RECENT_KEEP`].
fn remember_asked(cs: &mut ChatState, id: &str) {
    cs.recent.retain(|r| r != id);
    cs.recent.push(id.to_string());
    if cs.recent.len() > quiz::RECENT_KEEP {
        let extra = cs.recent.len() - quiz::RECENT_KEEP;
        cs.recent.drain(..extra);
    }
}

fn tag(round: u32, question: usize) -> u64 {
    (u64::from(round) << 8) | (question as u64 & 0xff)
}

fn group(id: i64, thread: Option<i32>) -> Chat {
    Chat {
        id,
        kind: ChatKind::Group,
        thread,
    }
}

fn student(u: &User) -> Student {
    Student {
        id: u.id,
        name: u.first_name.clone(),
        username: u.username.clone(),
    }
}

fn buttons(count: usize, data: impl Fn(u8) -> CallbackData) -> Vec<Vec<Button>> {
    vec![
        (0..count)
            .map(|choice| Button::Callback {
                label: qt::letter(choice).to_string(),
                data: data(choice as u8).encode(),
            })
            .collect(),
    ]
}

impl App {
    pub(super) fn start_quiz(&self, chat: Chat, args: &str, now: Timestamp) -> Vec<Effect> {
        let Some((count, seconds, topic)) =
            parse_round_args(args, self.settings.quiz_seconds, true)
        else {
            let html = qt::bad_quiz_args(QUIZ_SECONDS_RANGE.0, QUIZ_SECONDS_RANGE.1);
            return vec![send(chat, html, None)];
        };
        let mut state = self.state();
        if state.rounds.contains_key(&chat.id) {
            return vec![send(chat, qt::ALREADY_RUNNING.into(), None)];
        }
        let cs = state.chat(chat.id);
        let mut rng =
            Rng::from_parts(&[chat.id as u64, u64::from(cs.rounds), now.as_second() as u64]);
        let items = &self.content.quiz;
        let chosen = quiz::choose(items, topic, count as usize, &cs.recent, &mut rng);
        if chosen.is_empty() {
            return vec![send(chat, qt::NO_QUESTIONS.into(), None)];
        }
        cs.rounds += 1;
        cs.round_running = true;
        let questions: Vec<Asked> = chosen
            .iter()
            .map(|&i| Asked::new(i, items[i].options.len(), &mut rng))
            .collect();
        let total = questions.len();
        let mut round = Round::new(cs.rounds, seconds, chat.thread, questions, now);
        round.count_message(now);
        round.count_message(now);
        let first = self.question_send(chat.id, &round, 0);
        state.rounds.insert(chat.id, round);
        drop(state);
        self.changed();
        vec![
            send(
                chat,
                qt::started(total, count as usize, seconds, topic),
                None,
            ),
            first,
        ]
    }

    /// The message asking question `q` of `round`, tagged so its delivery starts the timer.
    fn question_send(&self, chat_id: i64, round: &Round, q: usize) -> Effect {
        let asked = &round.questions[q];
        let item = &self.content.quiz[asked.item];
        Effect::Send(Outgoing {
            chat: group(chat_id, round.thread),
            html: qt::question(
                q + 1,
                round.questions.len(),
                Some(round.seconds),
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
        let cs = state.chat(chat.id);
        let mut effects = Vec::new();
        if round.is_open() {
            let reveal = round.reveal(now, &self.content.quiz);
            effects.push(self.apply_reveal(chat.id, cs, &round, &reveal));
        }
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
        let item = &self.content.quiz[asked.item];
        remember_asked(cs, &item.id);
        let html = qt::reveal(
            reveal.question + 1,
            round.questions.len(),
            item,
            asked,
            &reveal.answers,
            self.content.source(&item.source),
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
        cs.round_running = false;
        let chat = group(chat_id, round.thread);
        vec![Effect::AfterSnapshot(vec![
            send(chat, qt::podium(&round.standings(), silent, stopped), None),
            send(chat, qt::standing(&cs.board, None), None),
        ])]
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
    pub fn next_quiz_wake(&self) -> Option<Timestamp> {
        self.state().rounds.values().map(Round::next_wake).min()
    }

    /// The rounds' next milestone (a deadline or the end of a pause), live counts aside.
    pub fn next_quiz_milestone(&self) -> Option<Timestamp> {
        self.state()
            .rounds
            .values()
            .map(Round::next_milestone)
            .min()
    }

    /// Moves every round on at `now`: live counts, reveals, next questions, ends.
    pub fn quiz_tick(&self, now: Timestamp) -> Vec<Effect> {
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
            while let Some(step) = round.step(now, &self.content.quiz) {
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
                                Some(round.seconds),
                                &self.content.quiz[asked.item],
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

    pub(super) fn scores(&self, chat: Chat, from: Option<&User>) -> Effect {
        let state = self.state();
        match chat.kind {
            ChatKind::Group => {
                let me = from.map(|u| (u.id, u.first_name.as_str()));
                let html = match state.get(chat.id) {
                    Some(cs) => qt::standing(&cs.board, me),
                    None => qt::standing(&Default::default(), me),
                };
                send(chat, html, None)
            }
            ChatKind::Private => {
                let user = from.map_or(chat.id, |u| u.id);
                let rows: Vec<_> = state
                    .chats
                    .iter()
                    .filter(|(id, _)| **id < 0)
                    .filter_map(|(_, cs)| {
                        let (rank, p) = cs.board.rank_of(user)?;
                        Some((cs.title.clone(), rank, cs.board.players.len(), p))
                    })
                    .collect();
                send(chat, qt::my_scores(&rows), None)
            }
        }
    }

    pub(super) fn reset_ask(&self, chat: Chat, from: Option<&User>, now: Timestamp) -> Effect {
        let user = from.map_or(chat.id, |u| u.id);
        let nonce = self.guard().ask_reset(chat.id, user, now);
        Effect::Send(Outgoing {
            chat,
            html: qt::RESET_ASK.into(),
            keyboard: vec![vec![Button::Callback {
                label: qt::RESET_BUTTON.into(),
                data: CallbackData::Reset { nonce }.encode(),
            }]],
            reply_to: None,
            background: false,
            tag: None,
            asker: None,
        })
    }

    pub(super) fn reset_confirm(
        &self,
        query_id: String,
        chat: Option<Chat>,
        (from, teacher): (&User, bool),
        nonce: u32,
        now: Timestamp,
    ) -> Vec<Effect> {
        let answer = |text: &str| Effect::AnswerCallback {
            query_id: query_id.clone(),
            text: Some(text.to_string()),
        };
        let Some(chat) = chat else {
            return vec![answer(qt::RESET_EXPIRED)];
        };
        match self
            .guard()
            .confirm_reset(nonce, chat.id, (from.id, teacher), now)
        {
            Err(super::guard::ResetRefused::NotYours) => vec![answer(qt::RESET_NOT_YOURS)],
            Err(super::guard::ResetRefused::Expired) => vec![answer(qt::RESET_EXPIRED)],
            Ok(()) => {
                if let Some(cs) = self.state().get_mut(chat.id) {
                    cs.board = Default::default();
                }
                self.changed();
                vec![
                    answer(qt::RESET_DONE),
                    send(chat, qt::RESET_DONE.into(), None),
                ]
            }
        }
    }

    /// `/ekspor` in a group: the file to the teacher's private chat, or a start link.
    pub(super) fn export(&self, chat: Chat, from: Option<&User>) -> Effect {
        let start_link = Outgoing {
            chat,
            html: qt::EXPORT_START_FIRST.into(),
            keyboard: vec![vec![Button::Url {
                label: qt::EXPORT_BUTTON.into(),
                url: format!(
                    "https://t.me/{}?start={EXPORT_START}{}",
                    self.bot_username, chat.id
                ),
            }]],
            reply_to: None,
            background: false,
            tag: None,
            asker: None,
        };
        let teacher = from.filter(|u| u.id != ANONYMOUS_ADMIN && u.id > 0);
        match (self.export_document(chat.id), teacher) {
            (None, _) => send(chat, qt::EXPORT_EMPTY.into(), None),
            (Some(_), None) => Effect::Send(start_link),
            (Some(mut doc), Some(t)) => {
                doc.chat = Chat {
                    id: t.id,
                    kind: ChatKind::Private,
                    thread: None,
                };
                doc.on_success = Some(Box::new(Outgoing {
                    chat,
                    html: qt::EXPORT_SENT.into(),
                    keyboard: Vec::new(),
                    reply_to: None,
                    background: false,
                    tag: None,
                    asker: None,
                }));
                doc.on_failure = Some(Box::new(start_link));
                Effect::Document(doc)
            }
        }
    }

    /// `/start ekspor_<group>` in a private chat, after the adapter checked who teaches there.
    pub(super) fn export_on_start(&self, chat: Chat, payload: &str, teacher: bool) -> Effect {
        let group_id = payload
            .strip_prefix(EXPORT_START)
            .and_then(|g| g.parse::<i64>().ok());
        match group_id {
            Some(_) if !teacher => send(chat, qt::EXPORT_NOT_TEACHER.into(), None),
            Some(g) => match self.export_document(g) {
                Some(mut doc) => {
                    doc.chat = chat;
                    Effect::Document(doc)
                }
                None => send(chat, qt::EXPORT_EMPTY.into(), None),
            },
            None => send(chat, self.help(chat), None),
        }
    }

    fn export_document(&self, group_id: i64) -> Option<Document> {
        let state = self.state();
        let cs = state.get(group_id).filter(|c| !c.board.is_empty())?;
        Some(Document {
            chat: group(group_id, None),
            file_name: format!("skor-kelas{group_id}.csv"),
            bytes: cs.board.csv(),
            caption: qt::export_caption(cs.title.as_deref()),
            on_success: None,
            on_failure: None,
        })
    }

    pub(super) fn start_practice(&self, chat: Chat, args: &str, now: Timestamp) -> Vec<Effect> {
        if chat.kind != ChatKind::Private {
            return vec![send(chat, qt::PRACTICE_IN_PRIVATE.into(), None)];
        }
        let Some((count, _, topic)) = parse_round_args(args, QUIZ_SECONDS_RANGE.0, false) else {
            return vec![send(chat, qt::practice_bad_args(), None)];
        };
        let mut state = self.state();
        let cs = state.chat(chat.id);
        let mut rng = Rng::from_parts(&[
            chat.id as u64,
            u64::from(cs.practices),
            now.as_second() as u64,
        ]);
        let items = &self.content.quiz;
        let chosen = quiz::choose(items, topic, count as usize, &cs.recent, &mut rng);
        if chosen.is_empty() {
            return vec![send(chat, qt::NO_QUESTIONS.into(), None)];
        }
        cs.practices += 1;
        for &i in &chosen {
            remember_asked(cs, &items[i].id);
        }
        let questions: Vec<Asked> = chosen
            .iter()
            .map(|&i| Asked::new(i, items[i].options.len(), &mut rng))
            .collect();
        let practice = Practice::new(cs.practices, questions);
        let first = self.practice_question(chat, &practice, 0);
        let total = practice.len();
        state.practice.insert(chat.id, practice);
        drop(state);
        self.changed();
        vec![send(chat, qt::practice_start(total), None), first]
    }

    fn practice_question(&self, chat: Chat, p: &Practice, q: usize) -> Effect {
        let asked = &p.questions[q];
        let item = &self.content.quiz[asked.item];
        let id = p.id;
        Effect::Send(Outgoing {
            chat,
            html: qt::question(q + 1, p.len(), None, item, asked, 0),
            keyboard: buttons(asked.order.len(), |choice| CallbackData::Practice {
                id,
                question: q as u8,
                choice,
            }),
            reply_to: None,
            background: false,
            tag: None,
            asker: None,
        })
    }

    pub(super) fn practice_answer(
        &self,
        query_id: String,
        chat: Option<Chat>,
        (id, question, choice): (u32, u8, u8),
    ) -> Vec<Effect> {
        let closed = || {
            vec![Effect::AnswerCallback {
                query_id: query_id.clone(),
                text: Some(qt::TOAST_CLOSED.into()),
            }]
        };
        let Some(chat) = chat.filter(|c| c.kind == ChatKind::Private) else {
            return closed();
        };
        let mut state = self.state();
        let Some(p) = state.practice.get_mut(&chat.id) else {
            return closed();
        };
        let items = &self.content.quiz;
        let Answered::Scored {
            question,
            correct,
            next,
        } = p.answer(id, question.into(), choice.into(), items)
        else {
            return closed();
        };
        let asked = &p.questions[question];
        let mut effects = vec![
            Effect::AnswerCallback {
                query_id,
                text: Some(qt::practice_toast(correct).into()),
            },
            send(
                chat,
                qt::practice_feedback(&items[asked.item], asked, correct),
                None,
            ),
        ];
        match next {
            Some(q) => effects.push(self.practice_question(chat, p, q)),
            None => {
                let (total, score) = (p.len(), p.correct);
                state.practice.remove(&chat.id);
                let cs = state.chat(chat.id);
                let best = cs.practice_best.entry(total as u32).or_insert(0);
                let new_best = score > *best;
                *best = (*best).max(score);
                let best = *best;
                effects.push(send(
                    chat,
                    qt::practice_summary(score, total, best, new_best),
                    None,
                ));
            }
        }
        drop(state);
        self.changed();
        effects
    }

    /// A group that removed the bot: its round ends quietly (nothing can be posted there).
    pub(super) fn end_quiz_quietly(&self, chat_id: i64) -> bool {
        let mut state = self.state();
        match state.rounds.remove(&chat_id) {
            Some(round) => {
                let cs = state.chat(chat_id);
                cs.board.finish_round(round.earned.keys());
                cs.round_running = false;
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_arguments_in_range_or_refused() {
        assert_eq!(parse_round_args("", 20, true), Some((5, 20, None)));
        assert_eq!(parse_round_args("10 30", 20, true), Some((10, 30, None)));
        assert_eq!(
            parse_round_args("3 manfaat", 20, true),
            Some((3, 20, Some(Topic::Manfaat)))
        );
        assert_eq!(
            parse_round_args("MITRA-INDONESIA 2 15", 20, true),
            Some((2, 15, Some(Topic::MitraIndonesia)))
        );
        for bad in [
            "0",
            "21",
            "5 9",
            "5 121",
            "5 20 1",
            "lima",
            "5 manfaat bentuk",
        ] {
            assert_eq!(parse_round_args(bad, 20, true), None, "{bad}");
        }
        // Practice takes no seconds.
        assert_eq!(parse_round_args("5 20", 20, false), None);
    }
}
