//! `/latihan`: practice alone in a private chat, one question at a time, no timer.

use std::sync::Arc;

use jiff::Timestamp;

use super::callback::CallbackData;
use super::quiz::{buttons, parse_round_args, parse_set_args, pick, remember_asked};
use super::{App, Chat, ChatKind, Effect, Outgoing, send};
use crate::config::QUIZ_SECONDS_RANGE;
use crate::content::Content;
use crate::quiz::Asked;
use crate::quiz::practice::{Answered, Practice};
use crate::quiz::review;
use crate::rng::Rng;
use crate::texts::quiz as qt;

/// `/latihan ulang`: only the questions due again.
pub const REVIEW_WORD: &str = "ulang";

impl App {
    pub(super) fn start_practice(&self, chat: Chat, args: &str, now: Timestamp) -> Vec<Effect> {
        if chat.kind != ChatKind::Private {
            return vec![send(chat, qt::PRACTICE_IN_PRIVATE.into(), None)];
        }
        let pack = self.pack(self.pack_of(chat.id)).clone();
        // `/latihan ulang`: only what is due again, from the subject (or set) with most due.
        let mut notes = Vec::new();
        let (args, only_due) = match args.trim().strip_prefix(REVIEW_WORD) {
            Some(rest) if rest.is_empty() || rest.starts_with(' ') => (rest.trim(), true),
            _ => (args, false),
        };
        let due_elsewhere = if only_due {
            self.most_due(chat.id, &pack, now)
        } else {
            None
        };
        if only_due && due_elsewhere.is_none() {
            notes.push(send(chat, qt::NOTHING_DUE.into(), None));
        }
        let parsed = parse_round_args(args, QUIZ_SECONDS_RANGE.0, false, &pack.pack.topics);
        let (content, count, topic) = match parsed {
            // A topic names the chat's own subject's; what is due elsewhere is practised whole.
            Some((count, _, topic)) => match due_elsewhere {
                Some(c) if c.pack.id != pack.pack.id => (c, count, None),
                _ => (pack, count, topic),
            },
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
        // What the student got wrong comes back first, then the usual choice.
        let due: Vec<usize> = cs
            .review
            .get(subject)
            .map(|r| review::due(r, now))
            .unwrap_or_default()
            .iter()
            .filter_map(|id| items.iter().position(|i| i.id == *id))
            .filter(|&i| topic.as_deref().is_none_or(|t| items[i].topic == t))
            .take(count as usize)
            .collect();
        let mut chosen = due.clone();
        if !only_due || due.is_empty() {
            let fill = pick(cs, content, topic.as_deref(), count, &mut rng)
                .into_iter()
                .filter(|i| !due.contains(i));
            chosen.extend(fill.take((count as usize).saturating_sub(due.len())));
        }
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
        notes.push(send(chat, qt::practice_start(total, due.len()), None));
        if !only_due && due.is_empty() {
            let elsewhere: usize = self
                .due_by_subject(chat.id, now)
                .iter()
                .map(|(_, n)| n)
                .sum();
            if elsewhere > 0 {
                notes.push(send(chat, qt::due_line(elsewhere), None));
            }
        }
        notes.push(first);
        notes
    }

    /// For `/latihan ulang`: the subject (the chat's own first) or set with questions due,
    /// the one with most; `None` when nothing is due.
    fn most_due(&self, chat_id: i64, own: &Arc<Content>, now: Timestamp) -> Option<Arc<Content>> {
        let due = self.due_by_subject(chat_id, now);
        if let Some((c, _)) = due.iter().find(|(c, _)| c.pack.id == own.pack.id) {
            return Some(c.clone());
        }
        due.into_iter().max_by_key(|(_, n)| *n).map(|(c, _)| c)
    }

    /// Per subject (or set) still taught, how many of the student's questions are due: only
    /// those the subject still has (a set sent again with other questions has lost some).
    pub(super) fn due_by_subject(
        &self,
        chat_id: i64,
        now: Timestamp,
    ) -> Vec<(Arc<Content>, usize)> {
        let due: Vec<(String, Vec<String>)> = {
            let state = self.state();
            let Some(cs) = state.get(chat_id) else {
                return Vec::new();
            };
            cs.review
                .iter()
                .map(|(k, r)| (k.clone(), review::due(r, now)))
                .filter(|(_, ids)| !ids.is_empty())
                .collect()
        };
        due.into_iter()
            .filter_map(|(key, ids)| {
                let content = match crate::sets::parse_set_key(&key) {
                    Some((owner, name)) => self.set_of(owner, name).map(|s| s.content()),
                    None => self.library.get(&key).cloned(),
                }?;
                let n = ids
                    .iter()
                    .filter(|id| content.quiz.iter().any(|i| i.id == **id))
                    .count();
                (n > 0).then_some((content, n))
            })
            .collect()
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
        now: Timestamp,
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
        let item_id = items[asked.item].id.clone();
        let pack_id = subject.pack.id.clone();
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
        let next_question = next.map(|q| self.practice_question(chat, p, q));
        let (total, score) = (p.len(), p.correct);
        let reviews = state.chat(chat.id).review.entry(pack_id).or_default();
        if correct {
            review::right(reviews, &item_id, now);
        } else {
            review::wrong(reviews, &item_id, now);
        }
        match next_question {
            Some(q) => effects.push(q),
            None => {
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
