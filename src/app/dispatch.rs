//! Routing: which handler an incoming message or button press goes to, who may use it, and
//! which events need Telegram to say who teaches first.

use jiff::Timestamp;

use super::callback::CallbackData;
use super::guard;
use super::homework::HOMEWORK_START;
use super::practice::REVIEW_WORD;
use super::quiz::EXPORT_START;
use super::report::REPORT_START;
use super::rounds::PRACTICE_START;
use super::scores::Clears;
use super::{App, Chat, ChatKind, Effect, Event, User, asked_by, background, send};
use crate::commands::{self, Id, Who};
use crate::texts;

impl App {
    /// Whether Telegram must be asked who teaches before `event` is handled: a teacher
    /// command in a group, a private `/start` for a group's export, or a press on a reset
    /// button; or whether the sender is in a group: a private `/start` from a homework's
    /// button. The adapter asks, sets the event's `teacher` to the answer, then hands it over.
    pub fn teacher_check(&self, event: &Event) -> Option<TeacherCheck> {
        match event {
            Event::Message {
                chat,
                from: Some(user),
                text,
                teacher: false,
                ..
            } => {
                let cmd = commands::parse(text, &self.bot_username)?;
                let command = commands::find(&cmd.name)?;
                match chat.kind {
                    ChatKind::Group
                        if command.who == Who::Teachers && command.place.in_groups() =>
                    {
                        Some(TeacherCheck {
                            group: chat.id,
                            user: user.id,
                            fresh: command.fresh_check,
                            role: Role::Teacher,
                        })
                    }
                    // `/tugas` alone shows the open homework to anyone; with more, a teacher
                    // gives one.
                    ChatKind::Group if command.id == Id::Tugas && !cmd.args.trim().is_empty() => {
                        Some(TeacherCheck {
                            group: chat.id,
                            user: user.id,
                            fresh: false,
                            role: Role::Teacher,
                        })
                    }
                    ChatKind::Private
                        if cmd.name == commands::START
                            && let Some(rest) = cmd.args.trim().strip_prefix(HOMEWORK_START) =>
                    {
                        let (group, _) = rest.rsplit_once('_')?;
                        let g = group.parse::<i64>().ok()?;
                        // A button of a group that has since become a supergroup: Telegram
                        // knows its members under the new id.
                        let g = self.state().moved.get(&g).copied().unwrap_or(g);
                        Some(TeacherCheck {
                            group: g,
                            user: user.id,
                            fresh: true,
                            role: Role::Member,
                        })
                    }
                    ChatKind::Private if cmd.name == commands::START => {
                        let group = cmd
                            .args
                            .strip_prefix(EXPORT_START)
                            .or_else(|| cmd.args.strip_prefix(REPORT_START))?;
                        group.parse::<i64>().ok().map(|g| TeacherCheck {
                            group: g,
                            user: user.id,
                            fresh: true,
                            role: Role::Teacher,
                        })
                    }
                    _ => None,
                }
            }
            Event::Callback {
                chat: Some(chat),
                from,
                data,
                ..
            } if chat.kind == ChatKind::Group => match CallbackData::decode(data) {
                // Resetting destroys the board or the insight, cancelling the homework: asked
                // afresh every time.
                Some(
                    CallbackData::Reset { .. }
                    | CallbackData::ResetReport { .. }
                    | CallbackData::CancelHomework { .. },
                ) => Some(TeacherCheck {
                    group: chat.id,
                    user: from.id,
                    fresh: true,
                    role: Role::Teacher,
                }),
                Some(CallbackData::Subject { .. }) => Some(TeacherCheck {
                    group: chat.id,
                    user: from.id,
                    fresh: false,
                    role: Role::Teacher,
                }),
                _ => None,
            },
            _ => None,
        }
    }

    pub(super) fn on_message(&self, msg: &Incoming<'_>, now: Timestamp) -> Vec<Effect> {
        let chat = msg.chat;
        let reply_to = (chat.kind == ChatKind::Group).then_some(msg.message_id);
        let asker = msg.from.map_or(chat.id, |u| u.id);
        let Some(cmd) = commands::parse(msg.text, &self.bot_username) else {
            if chat.kind == ChatKind::Private
                && let Some(from) = msg.from
                && let Some(effects) = self.pasted(chat, from, msg.text, now)
            {
                return effects;
            }
            let answer = match chat.kind {
                ChatKind::Private => self.answer(chat, msg.text, None, true, now),
                // With privacy mode the bot sees only commands and replies in groups; a reply
                // to one of its answers is a question, but only worth a word when something fits.
                ChatKind::Group if msg.reply_to_bot => {
                    self.answer(chat, msg.text, reply_to, false, now)
                }
                ChatKind::Group => Vec::new(),
            };
            return asked_by(answer, asker);
        };
        let Some(command) = commands::find(&cmd.name) else {
            return match chat.kind {
                ChatKind::Private => vec![send(chat, texts::UNKNOWN_COMMAND.into(), None)],
                // In a group an unknown command may belong to another bot: stay quiet.
                ChatKind::Group => Vec::new(),
            };
        };
        let teacher_only = command.who == Who::Teachers;
        let offered_here = match chat.kind {
            ChatKind::Private => command.place.in_private(),
            ChatKind::Group => command.place.in_groups(),
        };
        // A teachers' command belongs to the group they teach (every one is offered in groups
        // only); anyone's command used elsewhere explains itself.
        if teacher_only && !offered_here {
            return vec![send(chat, texts::GROUP_ONLY.into(), None)];
        }
        if command.changes_state && now.duration_since(msg.sent).as_secs() > guard::STALE_SECS {
            tracing::info!(
                chat = chat.id,
                command = command.name,
                "stale teacher command ignored"
            );
            return Vec::new();
        }
        if chat.kind == ChatKind::Group {
            let user = msg.from.map_or(chat.id, |u| u.id);
            let mut guard = self.guard();
            if guard.repeated(chat.id, user, msg.text, now) {
                return Vec::new();
            }
            if teacher_only && !msg.teacher {
                return if guard.may_refuse(chat.id, user, now) {
                    vec![background(send(
                        chat,
                        texts::TEACHERS_ONLY.into(),
                        reply_to,
                    ))]
                } else {
                    Vec::new()
                };
            }
        }
        if chat.kind == ChatKind::Private && command.id != Id::BuatKuis {
            self.paste_end(chat.id);
        }
        match command.id {
            Id::Bantuan
                if chat.kind == ChatKind::Private
                    && cmd.name == commands::START
                    && cmd.args.starts_with(EXPORT_START) =>
            {
                vec![self.export_on_start(chat, cmd.args, msg.teacher)]
            }
            Id::Bantuan
                if chat.kind == ChatKind::Private
                    && cmd.name == commands::START
                    && let Some(group) = cmd
                        .args
                        .strip_prefix(REPORT_START)
                        .and_then(|g| g.parse::<i64>().ok()) =>
            {
                vec![self.report_on_start(chat, group, msg.teacher, now)]
            }
            // The adapter asked Telegram whether the sender is in the homework's group.
            Id::Bantuan
                if chat.kind == ChatKind::Private
                    && cmd.name == commands::START
                    && cmd.args.trim().starts_with(HOMEWORK_START) =>
            {
                self.homework_start(chat, msg.from, cmd.args, msg.teacher, now)
            }
            Id::Bantuan
                if chat.kind == ChatKind::Private
                    && cmd.name == commands::START
                    && cmd.args.trim() == PRACTICE_START =>
            {
                self.start_practice(chat, REVIEW_WORD, now)
            }
            Id::Bantuan => vec![send(chat, self.help(chat), None)],
            Id::Kuis => self.start_quiz(chat, msg.from, cmd.args, now),
            Id::StopKuis => self.stop_quiz(chat, now),
            Id::Skor => vec![self.scores(chat, msg.from, now)],
            Id::ResetSkor => vec![self.reset_ask(chat, msg.from, now, Clears::Board)],
            Id::ResetLaporan => vec![self.reset_ask(chat, msg.from, now, Clears::Insight)],
            Id::Ekspor => vec![self.export(chat, msg.from)],
            Id::Laporan => vec![self.report(chat, msg.from, now)],
            Id::Latihan => self.start_practice(chat, cmd.args, now),
            Id::Tugas => self.homework_command(chat, msg.from, cmd.args, msg.teacher, now),
            Id::BatalkanTugas => vec![self.cancel_homework_ask(chat, msg.from, now)],
            Id::Tanya if cmd.args.is_empty() => {
                vec![send(
                    chat,
                    texts::ask_how(self.pack(self.pack_of(chat.id))),
                    reply_to,
                )]
            }
            Id::Tanya => asked_by(self.answer(chat, cmd.args, reply_to, true, now), asker),
            Id::Fakta => vec![self.fact(chat)],
            Id::Langganan => vec![self.subscribe(chat, cmd.args, now)],
            Id::Berhenti => vec![self.unsubscribe(chat)],
            Id::Jadwal => vec![self.schedule_of(chat, now)],
            Id::Materi => vec![self.subjects_menu(chat)],
            Id::BuatKuis | Id::KuisKu | Id::Templat if chat.kind == ChatKind::Group => {
                vec![send(chat, texts::sets::PRIVATE_ONLY.into(), reply_to)]
            }
            Id::BuatKuis => self.paste_start(chat, msg.from, cmd.args, now),
            Id::KuisKu => vec![self.my_sets(chat, msg.from)],
            Id::Templat => self.template(chat),
        }
    }

    pub(super) fn help(&self, chat: Chat) -> String {
        let content = self.pack(self.pack_of(chat.id));
        match chat.kind {
            ChatKind::Private if self.settings.keep_unanswered => {
                format!(
                    "{}\n\n{}",
                    texts::help_private(content),
                    texts::report::UNANSWERED_KEPT
                )
            }
            ChatKind::Private => texts::help_private(content),
            ChatKind::Group => texts::help_group(&self.bot_username, content),
        }
    }

    pub(super) fn on_callback(
        &self,
        pressed: Pressed<'_>,
        data: &str,
        at: Timestamp,
    ) -> Vec<Effect> {
        let Pressed {
            query_id,
            chat,
            message_id,
            from,
            teacher,
        } = pressed;
        let entry = match CallbackData::decode(data) {
            Some(CallbackData::Faq { pack, id }) => {
                let chat_id = chat.map_or(from.id, |c| c.id);
                self.suggested(chat_id, pack.as_deref(), &id)
            }
            Some(CallbackData::Subject { pack }) => {
                return self.pick_subject(query_id, chat, teacher, &pack);
            }
            Some(CallbackData::Quiz {
                round,
                question,
                choice,
            }) => {
                let press = (round, question, choice);
                return self.quiz_press(query_id, chat, message_id, from, press, at);
            }
            Some(CallbackData::Practice {
                id,
                question,
                choice,
            }) => return self.practice_answer(query_id, chat, (id, question, choice), at),
            Some(CallbackData::Homework {
                group,
                id,
                question,
                choice,
            }) => {
                let press = (group, id, question, choice);
                return self.homework_answer(query_id, chat, message_id, from, press, at);
            }
            Some(CallbackData::CancelHomework { nonce, id }) => {
                let what = (nonce, Clears::Homework(id));
                return self.reset_confirm(query_id, chat, (from, teacher), what, at);
            }
            Some(CallbackData::Reset { nonce }) => {
                let what = (nonce, Clears::Board);
                return self.reset_confirm(query_id, chat, (from, teacher), what, at);
            }
            Some(CallbackData::ResetReport { nonce }) => {
                let what = (nonce, Clears::Insight);
                return self.reset_confirm(query_id, chat, (from, teacher), what, at);
            }
            Some(CallbackData::SetReplace { yes, name }) if is_private(chat) => {
                return self.replace_answer(query_id, from, yes, &name);
            }
            Some(CallbackData::SetDelete { name, step }) if is_private(chat) => {
                return self.delete_press(query_id, from, &name, step);
            }
            Some(CallbackData::SetReplace { .. } | CallbackData::SetDelete { .. }) => None,
            None => None,
        };
        match (entry, chat) {
            // Tapped again within the window: answered once already.
            (Some(_), Some(chat)) if self.guard().repeated(chat.id, from.id, data, at) => {
                vec![Effect::AnswerCallback {
                    query_id,
                    text: None,
                }]
            }
            (Some((content, entry)), Some(chat)) => {
                self.suggestion_picked(chat, &entry.id, at);
                let html = texts::faq_answer(entry, content.source(&entry.source));
                let answer = vec![
                    Effect::AnswerCallback {
                        query_id,
                        text: None,
                    },
                    send(chat, html, None),
                ];
                asked_by(answer, from.id)
            }
            _ => vec![Effect::AnswerCallback {
                query_id,
                text: Some(texts::STALE_BUTTON.into()),
            }],
        }
    }
}

/// Sets are handled only in their owner's private chat.
fn is_private(chat: Option<Chat>) -> bool {
    chat.is_some_and(|c| c.kind == ChatKind::Private)
}

/// A button press as the app sees it, borrowed from the event.
pub(super) struct Pressed<'a> {
    pub(super) query_id: String,
    pub(super) chat: Option<Chat>,
    pub(super) message_id: Option<i32>,
    pub(super) from: &'a User,
    pub(super) teacher: bool,
}

/// Whose teaching (or membership) an event depends on, and whether a remembered "yes" will
/// do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TeacherCheck {
    /// The group whose teachers (or members) may do it.
    pub group: i64,
    pub user: i64,
    /// A remembered "yes" will not do: the command destroys or reveals the class's data.
    pub fresh: bool,
    pub role: Role,
}

/// What the adapter asks Telegram of the sender.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The group's creator or an administrator (or listed in `KELASBOT_TEACHERS`).
    Teacher,
    /// In the group at all (a homework is for its members only).
    Member,
}

/// A message as the app sees it, borrowed from the event.
pub(super) struct Incoming<'a> {
    pub(super) chat: Chat,
    pub(super) from: Option<&'a User>,
    pub(super) text: &'a str,
    pub(super) message_id: i32,
    pub(super) reply_to_bot: bool,
    pub(super) teacher: bool,
    pub(super) sent: Timestamp,
}
