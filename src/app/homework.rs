//! Homework in the app: `/tugas` and `/batalkantugas` in a group; the private chat where a
//! student does it (`/start tugas_…` from the group message's button, its answer buttons,
//! `/tugas` there); and its clock (`homework_tick`): the count in the group message, the
//! reminder an hour before, and the deadline with its summary. Time is always passed in.

use std::collections::BTreeSet;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::callback::CallbackData;
use super::quiz::{buttons, group, insight_of, pick, remember_asked, student};
use super::rounds::note_mistake;
use super::{
    ANONYMOUS_ADMIN, App, Button, Chat, ChatKind, Edit, Effect, Outgoing, Unwritten, User,
    background, outgoing, send,
};
use crate::quiz::homework::{
    self, Answered, COUNT_RANGE, DEFAULT_COUNT, EDIT_EVERY, Homework, Started, Task,
};
use crate::quiz::{BUDGET_RESERVE, deadline};
use crate::rng::Rng;
use crate::sets;
use crate::state::{ChatState, State};
use crate::texts;
use crate::texts::homework as ht;
use crate::texts::quiz as qt;

/// `/start` payload of a homework's button: `tugas_<group>_<homework number>`.
pub const HOMEWORK_START: &str = "tugas_";
/// The word before a deadline, and the one that asks for feedback after each answer.
const UNTIL: &str = "sampai";
const FEEDBACK: [&str; 3] = ["umpan-balik", "umpanbalik", "umpan_balik"];
/// Tags of homework group messages: this bit, then the group's homework number (a round's
/// tags never reach it).
const TAG_BIT: u64 = 1 << 63;
/// A deadline passed longer ago than this when it is handled was missed while the bot was
/// down: the summary says so.
const LATE_AFTER: jiff::SignedDuration = jiff::SignedDuration::from_mins(2);

pub(super) fn is_homework_tag(tag: u64) -> Option<u32> {
    (tag & TAG_BIT != 0).then_some((tag & u64::from(u32::MAX)) as u32)
}

/// `/tugas`'s arguments as written.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Assign {
    count: Option<u32>,
    /// A topic id or a set's name.
    name: Option<String>,
    /// What follows `sampai` (empty: the default deadline).
    until: String,
    feedback: bool,
}

/// `[jumlah] [topik | nama-set] [sampai <waktu>] [umpan-balik]`; `None` when the part before
/// `sampai` is not one number and one name at most.
fn parse_assign(args: &str) -> Option<Assign> {
    let mut words: Vec<String> = args.split_whitespace().map(str::to_lowercase).collect();
    let mut feedback = false;
    // "umpan balik" written as two words, too.
    let mut i = 0;
    while i < words.len() {
        if FEEDBACK.contains(&words[i].as_str()) {
            words.remove(i);
            feedback = true;
        } else if words[i] == "umpan" && words.get(i + 1).is_some_and(|w| w == "balik") {
            words.drain(i..i + 2);
            feedback = true;
        } else {
            i += 1;
        }
    }
    let (head, until) = match words.iter().position(|w| w == UNTIL) {
        Some(at) => (&words[..at], words[at + 1..].join(" ")),
        None => (&words[..], String::new()),
    };
    let (mut count, mut name) = (None, None);
    for word in head {
        if let Ok(n) = word.parse::<u32>() {
            if count.replace(n).is_some() {
                return None;
            }
        } else if name.replace(word.clone()).is_some() {
            return None;
        }
    }
    Some(Assign {
        count,
        name,
        until,
        feedback,
    })
}

/// How many students the group has, for the count: as Telegram said when the homework was
/// given (never fewer than have opened it); else those the bot knows there — on its board
/// (the teacher who gave it aside) or having opened this homework; `None` when it knows
/// none, so the count says only how many finished.
fn known(cs: &ChatState, h: &Homework) -> Option<usize> {
    if let Some(c) = h.class.filter(|&c| c > 0) {
        return Some((c as usize).max(h.started()));
    }
    let mut ids: BTreeSet<i64> = cs
        .board
        .players
        .keys()
        .copied()
        .filter(|&id| id > 0 && id != ANONYMOUS_ADMIN && id != h.teacher.0)
        .collect();
    if ids.is_empty() {
        return None;
    }
    ids.extend(h.attempts.keys().copied().filter(|&id| id != h.teacher.0));
    Some(ids.len())
}

impl App {
    /// The group's zone (as its daily facts use), and its name as people say it.
    fn zone_of(&self, cs: Option<&ChatState>) -> (TimeZone, String) {
        match cs.and_then(|c| c.subscription.as_ref()) {
            Some(s) => (
                s.schedule.zone.time_zone(&self.settings.default_tz),
                s.schedule
                    .zone
                    .label()
                    .map_or_else(|| texts::zone_name(&self.settings.tz_name), str::to_string),
            ),
            None => (
                self.settings.default_tz.clone(),
                texts::zone_name(&self.settings.tz_name),
            ),
        }
    }

    /// "Senin, 7 Desember 2026 pukul 07.00 WIB".
    fn deadline_label(&self, cs: Option<&ChatState>, at: Timestamp) -> String {
        let (tz, zone) = self.zone_of(cs);
        let local = at.to_zoned(tz);
        format!(
            "{} pukul {:02}.{:02} {}",
            texts::date_label(local.date()),
            local.hour(),
            local.minute(),
            zone
        )
    }

    fn homework_button(&self, group_id: i64, id: u32) -> Vec<Vec<Button>> {
        vec![vec![Button::Url {
            label: ht::BUTTON.into(),
            url: format!(
                "https://t.me/{}?start={HOMEWORK_START}{group_id}_{id}",
                self.bot_username
            ),
        }]]
    }

    /// The group message's text as things stand.
    fn posted(&self, cs: &ChatState, h: &Homework) -> String {
        let count = ht::count_line(h.finished(), known(cs, h));
        ht::posted(h, &self.deadline_label(Some(cs), h.deadline), &count)
    }

    /// `/tugas` in a group: with nothing after it, the open homework (anyone may ask);
    /// otherwise a teacher gives one.
    pub(super) fn homework_command(
        &self,
        chat: Chat,
        from: Option<&User>,
        args: &str,
        teacher: bool,
        now: Timestamp,
    ) -> Vec<Effect> {
        if chat.kind == ChatKind::Private {
            return vec![self.my_homework(chat, from)];
        }
        if args.trim().is_empty() {
            return vec![self.show_homework(chat)];
        }
        if !teacher {
            let user = from.map_or(chat.id, |u| u.id);
            return if self.guard().may_refuse(chat.id, user, now) {
                vec![background(send(chat, texts::TEACHERS_ONLY.into(), None))]
            } else {
                Vec::new()
            };
        }
        self.assign(chat, from, args, now)
    }

    /// The open homework again, with its button; or how to give one.
    fn show_homework(&self, chat: Chat) -> Effect {
        let state = self.state();
        match state
            .get(chat.id)
            .and_then(|cs| cs.homework.as_ref().map(|h| (cs, h)))
        {
            Some((cs, h)) => Effect::Send(Outgoing {
                keyboard: self.homework_button(chat.id, h.id),
                ..outgoing(chat, self.posted(cs, h))
            }),
            None => send(chat, ht::NONE_OPEN.into(), None),
        }
    }

    fn assign(&self, chat: Chat, from: Option<&User>, args: &str, now: Timestamp) -> Vec<Effect> {
        let pack = self.pack(self.pack_of(chat.id)).clone();
        let topics = pack
            .pack
            .topics
            .iter()
            .map(|t| format!("<code>{}</code>", t.id))
            .collect::<Vec<_>>()
            .join(", ");
        let usage = || vec![send(chat, ht::usage(&topics), None)];
        if self
            .state()
            .get(chat.id)
            .is_some_and(|c| c.homework.is_some())
        {
            let mut effects = vec![send(chat, ht::ALREADY_OPEN.into(), None)];
            effects.push(self.show_homework(chat));
            return effects;
        }
        let Some(assign) = parse_assign(args) else {
            return usage();
        };
        let owner = from.filter(|u| u.id != ANONYMOUS_ADMIN && u.id > 0);
        // A topic of the group's subject, or the teacher's own set.
        let (content, topic, all) = match assign.name.as_deref() {
            None => (pack.clone(), None, None),
            Some(word) => match pack.pack.topics.iter().find(|t| t.id == word) {
                Some(t) => (pack.clone(), Some(t.clone()), None),
                None => {
                    let name = sets::slug(word);
                    let Some(set) = owner.and_then(|o| self.set_of(o.id, &name)) else {
                        let html = match owner {
                            None => texts::sets::ANONYMOUS.to_string(),
                            Some(_) => format!(
                                "{}\n\n{}",
                                texts::sets::not_found(&name),
                                ht::usage(&topics)
                            ),
                        };
                        return vec![send(chat, html, None)];
                    };
                    let n = u32::try_from(set.questions.len()).unwrap_or(u32::MAX);
                    (set.content(), None, Some(n))
                }
            },
        };
        let count = assign.count.unwrap_or_else(|| {
            all.unwrap_or(DEFAULT_COUNT)
                .clamp(COUNT_RANGE.0, COUNT_RANGE.1)
        });
        if !(COUNT_RANGE.0..=COUNT_RANGE.1).contains(&count) {
            return usage();
        }
        let mut state = self.state();
        let (tz, _) = self.zone_of(state.get(chat.id));
        let deadline = match deadline::parse(&assign.until, now, &tz) {
            Ok(at) => at,
            Err(why) => return vec![send(chat, ht::bad_deadline(why, &assign.until), None)],
        };
        let cs = state.chat(chat.id);
        let mut rng = Rng::from_parts(&[chat.id as u64, u64::from(cs.homeworks), self.seed(now)]);
        let chosen = pick(
            cs,
            &content,
            topic.as_ref().map(|t| t.id.as_str()),
            count,
            &mut rng,
        );
        if chosen.is_empty() {
            return vec![send(chat, ht::NO_QUESTIONS.into(), None)];
        }
        let subject = content.pack.id.clone();
        let tasks: Vec<Task> = chosen
            .iter()
            .map(|&i| {
                let item = content.quiz[i].clone();
                let credit = qt::credit(&content, &item);
                Task { item, credit }
            })
            .collect();
        // A round right after must not give the homework's answers away.
        for t in &tasks {
            remember_asked(cs, &subject, &t.item.id);
        }
        let title = match (&topic, all) {
            (Some(t), _) => format!("{} — {}", content.pack.name, t.label),
            (None, Some(_)) => format!("set {}", content.pack.name),
            (None, None) => content.pack.name.clone(),
        };
        // An anonymous admin posts as the group: the homework is simply the teacher's.
        let teacher = match from {
            Some(u) if u.id != ANONYMOUS_ADMIN => (u.id, u.first_name.clone()),
            _ => (0, "guru".to_string()),
        };
        cs.homeworks += 1;
        let h = Homework {
            id: cs.homeworks,
            key: subject,
            title,
            teacher,
            tasks,
            given: now,
            deadline,
            feedback: assign.feedback,
            thread: chat.thread,
            message_id: None,
            shown: 0,
            edited: None,
            reminded: false,
            class: None,
            attempts: Default::default(),
        };
        let message = Outgoing {
            keyboard: self.homework_button(chat.id, h.id),
            tag: Some(TAG_BIT | u64::from(h.id)),
            ..outgoing(chat, self.posted(cs, &h))
        };
        let count = Effect::CountClass {
            chat: chat.id,
            homework: h.id,
        };
        cs.homework = Some(h);
        drop(state);
        self.changed();
        vec![Effect::Send(message), count]
    }

    /// Telegram said how many students the group has: the count says "of how many", and the
    /// homework closes early once all of them finished.
    pub(super) fn class_size(&self, chat_id: i64, id: u32, students: Option<u32>) {
        let mut state = self.state();
        let chat_id = state.moved.get(&chat_id).copied().unwrap_or(chat_id);
        if let Some(h) = state
            .get_mut(chat_id)
            .and_then(|c| c.homework.as_mut())
            .filter(|h| h.id == id)
        {
            h.class = students;
            drop(state);
            self.changed();
        }
    }

    /// Telegram confirmed the group message of homework `id`: its count is edited from now on.
    pub(super) fn homework_delivered(&self, chat_id: i64, id: u32, message_id: i32) {
        let mut state = self.state();
        // Confirmed in a group that has since become a supergroup: that message cannot be
        // edited in the new one.
        if state.moved.contains_key(&chat_id) {
            return;
        }
        if let Some(h) = state
            .get_mut(chat_id)
            .and_then(|c| c.homework.as_mut())
            .filter(|h| h.id == id)
        {
            h.message_id = Some(message_id);
            drop(state);
            self.changed();
        }
    }

    /// `/batalkantugas`: asks for the confirmation only the asker may give.
    pub(super) fn cancel_homework_ask(
        &self,
        chat: Chat,
        from: Option<&User>,
        now: Timestamp,
    ) -> Effect {
        let open = self
            .state()
            .get(chat.id)
            .and_then(|c| c.homework.as_ref().map(|h| h.id));
        match open {
            Some(id) => self.reset_ask(chat, from, now, super::scores::Clears::Homework(id)),
            None => send(chat, ht::NOTHING_TO_CANCEL.into(), None),
        }
    }

    /// The confirmed cancel of homework `id`: dropped, nothing of it counted. `None` when it
    /// is no longer open (closed meanwhile, or another one given since).
    pub(super) fn cancel_homework(&self, chat: Chat, id: u32) -> Option<Vec<Effect>> {
        let mut state = self.state();
        let cs = state.get_mut(chat.id)?;
        if cs.homework.as_ref().is_none_or(|h| h.id != id) {
            return None;
        }
        let h = cs.homework.take()?;
        let closed = self.closed_edit(chat.id, cs, &h, true);
        drop(state);
        self.changed();
        Some(
            closed
                .into_iter()
                .chain([send(chat, ht::CANCEL_DONE.into(), None)])
                .collect(),
        )
    }

    /// The group message with its button removed.
    fn closed_edit(
        &self,
        chat_id: i64,
        cs: &ChatState,
        h: &Homework,
        cancelled: bool,
    ) -> Option<Effect> {
        let label = self.deadline_label(Some(cs), h.deadline);
        h.message_id.map(|message_id| {
            Effect::Edit(Edit {
                chat: group(chat_id, h.thread),
                message_id,
                html: ht::posted_closed(h, &label, cancelled),
                keyboard: Vec::new(),
                droppable: false,
            })
        })
    }

    /// `/start tugas_<group>_<n>` in a private chat, once the adapter asked Telegram whether
    /// the student is in that group (`member`).
    pub(super) fn homework_start(
        &self,
        chat: Chat,
        from: Option<&User>,
        payload: &str,
        member: bool,
        now: Timestamp,
    ) -> Vec<Effect> {
        let Some((group_id, id)) = parse_start(payload) else {
            return vec![send(chat, self.help(chat), None)];
        };
        let Some(user) = from else {
            return vec![send(chat, ht::GONE.into(), None)];
        };
        let mut state = self.state();
        let group_id = state.moved.get(&group_id).copied().unwrap_or(group_id);
        let seed = self.seed(now);
        let Some(cs) = state.get_mut(group_id) else {
            return vec![send(chat, ht::GONE.into(), None)];
        };
        let title = cs.title.clone().unwrap_or_else(|| "kelas".into());
        // Past its deadline it is closed, even in the moment before the clock's tick.
        if cs
            .homework
            .as_ref()
            .is_none_or(|h| h.id != id || now >= h.deadline)
        {
            return vec![send(chat, ht::GONE.into(), None)];
        }
        if !member {
            return vec![send(chat, ht::not_member(&title), None)];
        }
        let label = {
            let deadline = cs.homework.as_ref().map_or(now, |h| h.deadline);
            self.deadline_label(Some(cs), deadline)
        };
        let Some(h) = cs.homework.as_mut() else {
            return vec![send(chat, ht::GONE.into(), None)];
        };
        let mut rng = Rng::from_parts(&[group_id as u64, u64::from(id), user.id as u64, seed]);
        let started = h.start(&student(user), &mut rng, now);
        let effects = match started {
            Started::New => vec![
                send(chat, ht::intro(h, &title, &label), None),
                homework_question(chat, group_id, h, user.id, 0),
            ],
            Started::Resumed(q) => vec![
                send(chat, ht::resumed(q, h.tasks.len()), None),
                homework_question(chat, group_id, h, user.id, q),
            ],
            Started::Done { right, total } => {
                vec![send(chat, ht::done_already(h, right, total, &label), None)]
            }
            Started::Full => vec![send(chat, ht::FULL.into(), None)],
        };
        drop(state);
        self.changed();
        effects
    }

    /// `/tugas` in a private chat: the student's open homework, each with its button.
    fn my_homework(&self, chat: Chat, from: Option<&User>) -> Effect {
        let user = from.map_or(chat.id, |u| u.id);
        let state = self.state();
        let mut open = Vec::new();
        let mut keyboard = Vec::new();
        for (group_id, cs) in state.chats.iter().filter(|(id, _)| **id < 0) {
            let Some(h) = &cs.homework else { continue };
            let at = match h.attempts.get(&user) {
                Some(a) if a.finished() => continue,
                Some(a) => a.current(),
                // Not started: offered to the students of the group's board only (the bot
                // knows no other members).
                None if cs.board.players.contains_key(&user) => None,
                None => continue,
            };
            let group = cs.title.clone().unwrap_or_else(|| "Grup".into());
            keyboard.extend(self.homework_button(*group_id, h.id));
            open.push((
                group,
                h.title.clone(),
                self.deadline_label(Some(cs), h.deadline),
                at,
            ));
        }
        Effect::Send(Outgoing {
            keyboard,
            ..outgoing(chat, ht::mine(&open))
        })
    }

    /// A press on a homework question's button, in the student's private chat.
    pub(super) fn homework_answer(
        &self,
        query_id: String,
        chat: Option<Chat>,
        message_id: Option<i32>,
        from: &User,
        (group_id, id, question, choice): (i64, u32, u8, u8),
        at: Timestamp,
    ) -> Vec<Effect> {
        let toast = |text: &str| Effect::AnswerCallback {
            query_id: query_id.clone(),
            text: Some(text.to_string()),
        };
        let Some(chat) = chat.filter(|c| c.kind == ChatKind::Private && c.id == from.id) else {
            return vec![toast(ht::TOAST_CLOSED)];
        };
        let mut state = self.state();
        let group_id = state.moved.get(&group_id).copied().unwrap_or(group_id);
        let Some(cs) = state.get_mut(group_id) else {
            return vec![toast(ht::TOAST_CLOSED)];
        };
        let label = match cs.homework.as_ref() {
            Some(h) if h.id == id && at < h.deadline => self.deadline_label(Some(cs), h.deadline),
            _ => return vec![toast(ht::TOAST_CLOSED)],
        };
        let Some(h) = cs.homework.as_mut() else {
            return vec![toast(ht::TOAST_CLOSED)];
        };
        let (task, next) = match h.answer(from.id, question.into(), choice.into(), at) {
            Answered::Recorded {
                task, right, next, ..
            } => ((task, right), next),
            Answered::Closed => return vec![toast(ht::TOAST_DONE)],
        };
        let mut effects = vec![toast(ht::TOAST_RECORDED)];
        let q = usize::from(question);
        if let (Some(message_id), Some(a)) = (message_id, h.attempts.get(&from.id))
            && let Some(asked) = a.order.get(q)
            && let Some(t) = h.tasks.get(asked.item)
        {
            let shown = qt::question(q + 1, a.order.len(), None, &t.item, asked, 0);
            effects.push(Effect::Edit(Edit {
                chat,
                message_id,
                html: ht::answered(&shown, choice.into()),
                keyboard: Vec::new(),
                droppable: false,
            }));
            if h.feedback {
                effects.push(send(
                    chat,
                    qt::practice_feedback(&t.item, asked, task.1),
                    None,
                ));
            }
        }
        match next {
            Some(n) => effects.push(homework_question(chat, group_id, h, from.id, n)),
            None => {
                let right = h.attempts.get(&from.id).map_or(0, |a| a.right(&h.tasks));
                effects.push(send(chat, ht::finished(h, right, &label), None));
            }
        }
        // The whole class finished: no need to wait for the deadline.
        let all_done = next.is_none() && h.all_finished();
        if all_done {
            effects.extend(self.close_homework(&mut state, group_id, at, true));
        }
        drop(state);
        self.changed();
        effects
    }

    /// Closes group `group_id`'s homework at `now`: results onto the board, the insight and
    /// the history; mistakes into each student's reviews; the group message closed; the
    /// summary (and, without feedback after each answer, every student's result in private)
    /// once the snapshot holding them is on disk.
    fn close_homework(
        &self,
        state: &mut State,
        group_id: i64,
        now: Timestamp,
        early: bool,
    ) -> Vec<Effect> {
        let Some(h) = state.chat(group_id).homework.take() else {
            return Vec::new();
        };
        let summary = h.summary();
        let late = !early && now.duration_since(h.deadline) > LATE_AFTER;
        let cs = state.chat(group_id);
        let results = h.results();
        for r in &results {
            cs.board
                .record_homework(r.id, &r.name, r.username.as_deref(), (r.answered, r.right));
        }
        let per_task = h.answers_per_task();
        if summary.took_part > 0 {
            let insight = insight_of(cs, &h.key);
            for (t, answers) in h.tasks.iter().zip(&per_task) {
                insight.record(&t.item, answers);
            }
        }
        homework::keep(&mut cs.homework_done, h.record(now));
        let chat = group(group_id, h.thread);
        let mut effects: Vec<Effect> = self
            .closed_edit(group_id, cs, &h, false)
            .into_iter()
            .collect();
        // What each student got wrong comes back in their practice (the teacher's try-out
        // is in no answer list).
        for (t, answers) in h.tasks.iter().zip(&per_task) {
            for a in answers.iter().filter(|a| !a.correct) {
                note_mistake(state, &h.key, &t.item.id, a.student.id, now);
            }
        }
        let mut then = vec![send(chat, ht::summary(&h, &summary, late, early), None)];
        if !h.feedback {
            for r in &results {
                let to = Chat {
                    id: r.id,
                    kind: ChatKind::Private,
                    thread: None,
                };
                then.extend(
                    ht::result(&h, r.id)
                        .into_iter()
                        .map(|html| background(send(to, html, None))),
                );
            }
        }
        effects.push(Effect::AfterSnapshot {
            then,
            unwritten: Unwritten::CarryOut,
        });
        effects
    }

    /// Moves every open homework on at `now`: the count edit, the reminder, the deadline.
    pub(super) fn homework_tick(&self, now: Timestamp) -> Vec<Effect> {
        let mut state = self.state();
        let open: Vec<i64> = state
            .chats
            .iter()
            .filter(|(_, c)| c.homework.is_some())
            .map(|(id, _)| *id)
            .collect();
        let mut effects = Vec::new();
        let mut changed = false;
        for group_id in open {
            let Some(cs) = state.get(group_id) else {
                continue;
            };
            let Some(h) = cs.homework.as_ref() else {
                continue;
            };
            if now >= h.deadline {
                effects.extend(self.close_homework(&mut state, group_id, now, false));
                changed = true;
                continue;
            }
            // A running round has the group's minute first.
            let budget = state
                .rounds
                .get(&group_id)
                .is_none_or(|r| r.budget_left(now) > BUDGET_RESERVE);
            let reminder = h.remind_at().is_some_and(|at| now >= at).then(|| {
                let of = known(cs, h).unwrap_or(h.started());
                (h.finished() * 2 < of || of == 0).then(|| {
                    let count = ht::count_line(h.finished(), known(cs, h));
                    let label = self.deadline_label(Some(cs), h.deadline);
                    let left = h.deadline.duration_since(now).as_mins().max(1);
                    Effect::Send(Outgoing {
                        keyboard: self.homework_button(group_id, h.id),
                        ..outgoing(
                            group(group_id, h.thread),
                            ht::reminder(h, &label, left, &count),
                        )
                    })
                })
            });
            let edit = (h.shown != h.finished() && h.edited.is_none_or(|t| now >= t + EDIT_EVERY))
                .then_some(h.message_id)
                .flatten()
                .map(|message_id| {
                    Effect::Edit(Edit {
                        chat: group(group_id, h.thread),
                        message_id,
                        html: self.posted(cs, h),
                        keyboard: self.homework_button(group_id, h.id),
                        droppable: false,
                    })
                });
            let finished = h.finished();
            let Some(h) = state.chat(group_id).homework.as_mut() else {
                continue;
            };
            if let Some(reminder) = reminder {
                h.reminded = true;
                changed = true;
                effects.extend(reminder);
            }
            if let Some(edit) = edit {
                // Without room this minute, the edit waits for the next one.
                h.edited = Some(now);
                changed = true;
                if budget {
                    h.shown = finished;
                    effects.push(edit);
                    if let Some(r) = state.rounds.get_mut(&group_id) {
                        r.count_message(now);
                    }
                }
            }
        }
        drop(state);
        if changed {
            self.changed();
        }
        effects
    }

    /// When open homework next needs [`App::homework_tick`]: a deadline, a reminder, or a
    /// count edit that waits for its minute.
    pub(super) fn next_homework_wake(&self, now: Timestamp) -> Option<Timestamp> {
        let state = self.state();
        state
            .chats
            .values()
            .filter_map(|c| c.homework.as_ref())
            .flat_map(|h| {
                let edit = (h.message_id.is_some() && h.shown != h.finished())
                    .then(|| h.edited.map_or(now, |t| t + EDIT_EVERY));
                [Some(h.deadline), h.remind_at(), edit]
            })
            .flatten()
            .min()
    }

    /// The next moment a person waits for in homework: a deadline or a reminder.
    pub(super) fn next_homework_milestone(&self) -> Option<Timestamp> {
        let state = self.state();
        state
            .chats
            .values()
            .filter_map(|c| c.homework.as_ref())
            .flat_map(|h| [Some(h.deadline), h.remind_at()])
            .flatten()
            .min()
    }
}

/// `tugas_<group>_<n>`'s group and number.
fn parse_start(payload: &str) -> Option<(i64, u32)> {
    let rest = payload.trim().strip_prefix(HOMEWORK_START)?;
    let (group, id) = rest.rsplit_once('_')?;
    Some((group.parse().ok()?, id.parse().ok()?))
}

/// Question `q` of `user`'s attempt, with its buttons.
fn homework_question(chat: Chat, group_id: i64, h: &Homework, user: i64, q: usize) -> Effect {
    let Some((asked, t)) = h
        .attempts
        .get(&user)
        .and_then(|a| a.order.get(q))
        .and_then(|asked| h.tasks.get(asked.item).map(|t| (asked, t)))
    else {
        return send(chat, ht::GONE.into(), None);
    };
    let id = h.id;
    Effect::Send(Outgoing {
        keyboard: buttons(asked.order.len(), |choice| CallbackData::Homework {
            group: group_id,
            id,
            question: q as u8,
            choice,
        }),
        ..outgoing(
            chat,
            qt::question(q + 1, h.tasks.len(), None, &t.item, asked, 0),
        )
    })
}

/// How many students the count of group `group`'s open homework names, for tests.
#[cfg(test)]
pub(super) fn tests_known(app: &App, group: i64) -> Option<usize> {
    let state = app.state();
    let cs = state.get(group)?;
    known(cs, cs.homework.as_ref()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assign_arguments_in_any_order_around_sampai() {
        let a = parse_assign("10 bentuk sampai besok 07:00 umpan-balik").expect("reads");
        assert_eq!(a.count, Some(10));
        assert_eq!(a.name.as_deref(), Some("bentuk"));
        assert_eq!(a.until, "besok 07:00");
        assert!(a.feedback);
        let a = parse_assign("Bab-2 3 umpan balik sampai 3 jam").expect("reads");
        assert_eq!((a.count, a.name.as_deref()), (Some(3), Some("bab-2")));
        assert_eq!(a.until, "3 jam");
        assert!(a.feedback);
        let a = parse_assign("5").expect("reads");
        assert_eq!(
            (a.count, a.name, a.until.as_str(), a.feedback),
            (Some(5), None, "", false)
        );
        assert_eq!(parse_assign("5 6 sampai besok"), None);
        assert_eq!(parse_assign("bentuk manfaat"), None);
    }

    #[test]
    fn start_payloads_and_tags() {
        assert_eq!(parse_start("tugas_-1001234_7"), Some((-1_001_234, 7)));
        assert_eq!(parse_start("tugas_-5_x"), None);
        assert_eq!(parse_start("latihan"), None);
        assert_eq!(is_homework_tag(TAG_BIT | 9), Some(9));
        assert_eq!(is_homework_tag(super::super::quiz::tag(3, 2)), None);
    }
}
