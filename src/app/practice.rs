//! `/latihan`: practice alone in a private chat, one question at a time, no timer.

use jiff::Timestamp;

use super::callback::CallbackData;
use super::quiz::{buttons, parse_round_args, parse_set_args, pick, remember_asked};
use super::{App, Chat, ChatKind, Effect, Outgoing, send};
use crate::config::QUIZ_SECONDS_RANGE;
use crate::quiz::Asked;
use crate::quiz::practice::{Answered, Practice};
use crate::rng::Rng;
use crate::texts::quiz as qt;

impl App {
    pub(super) fn start_practice(&self, chat: Chat, args: &str, now: Timestamp) -> Vec<Effect> {
        if chat.kind != ChatKind::Private {
            return vec![send(chat, qt::PRACTICE_IN_PRIVATE.into(), None)];
        }
        let pack = self.pack(self.pack_of(chat.id)).clone();
        let parsed = parse_round_args(args, QUIZ_SECONDS_RANGE.0, false, &pack.pack.topics);
        let (content, count, topic) = match parsed {
            Some((count, _, topic)) => (pack, count, topic),
            None => {
                // `/latihan <nama-set> [jumlah]`: the student's own set.
                let (word, rest) = args.trim().split_once(' ').unwrap_or((args.trim(), ""));
                let name = crate::sets::slug(word);
                let Some(set) = self.set_of(chat.id, &name) else {
                    let help = qt::practice_bad_args(&pack);
                    let html = if word.starts_with(|c: char| c.is_ascii_digit()) {
                        help
                    } else {
                        format!("{}\n\n{help}", crate::texts::sets::not_found(&name))
                    };
                    return vec![send(chat, html, None)];
                };
                let Some((count, _)) = parse_set_args(rest, false, set.questions.len()) else {
                    return vec![send(chat, qt::practice_bad_args(&pack), None)];
                };
                (set.content(), count, None)
            }
        };
        let content = &content;
        let subject = content.pack.id.as_str();
        let mut state = self.state();
        let cs = state.chat(chat.id);
        let mut rng = Rng::from_parts(&[chat.id as u64, u64::from(cs.practices), self.seed(now)]);
        let items = &content.quiz;
        let chosen = pick(cs, content, topic.as_deref(), count, &mut rng);
        if chosen.is_empty() {
            return vec![send(chat, qt::NO_QUESTIONS.into(), None)];
        }
        cs.practices += 1;
        for &i in &chosen {
            remember_asked(cs, subject, &items[i].id);
        }
        let questions: Vec<Asked> = chosen
            .iter()
            .map(|&i| Asked::new(i, items[i].options.len(), &mut rng))
            .collect();
        let practice = Practice::new(cs.practices, content.clone(), questions);
        let first = self.practice_question(chat, &practice, 0);
        let total = practice.len();
        state.practice.insert(chat.id, practice);
        drop(state);
        self.changed();
        vec![send(chat, qt::practice_start(total), None), first]
    }

    fn practice_question(&self, chat: Chat, p: &Practice, q: usize) -> Effect {
        let asked = &p.questions[q];
        let item = &p.subject.quiz[asked.item];
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
        let subject = p.subject.clone();
        let items = &subject.quiz;
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
}
