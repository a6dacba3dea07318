//! `/laporan`: the group's insight as a chart and a text in the teacher's private chat,
//! delivered like `/ekspor` (a start link when the bot cannot write to the teacher yet, and
//! Telegram asked again who teaches when that link is used).

use std::sync::Arc;

use jiff::Timestamp;

use super::quiz::group;
use super::{
    ANONYMOUS_ADMIN, App, Button, Chat, ChatKind, Document, Effect, Outgoing, User, outgoing, send,
};
use crate::content::Content;
use crate::quiz::insight::Insight;
use crate::report::{Report, chart, group_unanswered};
use crate::sets;
use crate::state::forget_old;
use crate::texts::report as rt;

/// `/start` payload that asks for a group's report.
pub const REPORT_START: &str = "laporan_";

impl App {
    /// `/laporan` in a group: the chart and the text to the teacher's private chat, or a
    /// start link.
    pub(super) fn report(&self, chat: Chat, from: Option<&User>, now: Timestamp) -> Effect {
        let start_link = Outgoing {
            keyboard: vec![vec![Button::Url {
                label: crate::texts::quiz::EXPORT_BUTTON.into(),
                url: format!(
                    "https://t.me/{}?start={REPORT_START}{}",
                    self.bot_username, chat.id
                ),
            }]],
            ..outgoing(chat, rt::START_FIRST.into())
        };
        let teacher = from.filter(|u| u.id != ANONYMOUS_ADMIN && u.id > 0);
        match (self.report_document(chat.id, now), teacher) {
            (None, _) => send(chat, rt::EMPTY.into(), None),
            (Some(_), None) => Effect::Send(start_link),
            (Some(mut doc), Some(t)) => {
                let private = Chat {
                    id: t.id,
                    kind: ChatKind::Private,
                    thread: None,
                };
                doc.chat = private;
                for o in &mut doc.on_success {
                    o.chat = private;
                }
                doc.on_success.push(outgoing(chat, rt::SENT.into()));
                doc.on_failure = vec![start_link];
                Effect::Document(doc)
            }
        }
    }

    /// `/start laporan_<group>` in a private chat, after the adapter checked who teaches there.
    pub(super) fn report_on_start(
        &self,
        chat: Chat,
        group: i64,
        teacher: bool,
        now: Timestamp,
    ) -> Effect {
        if !teacher {
            return send(chat, rt::NOT_TEACHER.into(), None);
        }
        match self.report_document(group, now) {
            Some(mut doc) => {
                doc.chat = chat;
                for o in &mut doc.on_success {
                    o.chat = chat;
                }
                Effect::Document(doc)
            }
            None => send(chat, rt::EMPTY.into(), None),
        }
    }

    /// The group's report on its subject and the sets it played; `None` when nothing was
    /// answered yet.
    pub fn group_report(&self, group_id: i64, now: Timestamp) -> Option<(Report, Option<String>)> {
        let (content, insight, played, title, unanswered) = {
            let mut state = self.state();
            if let Some(cs) = state.get_mut(group_id) {
                forget_old(&mut cs.unanswered, now);
            }
            let cs = state.get(group_id)?;
            let content: Arc<Content> = self.pack(self.pack_in(&state, group_id)).clone();
            let insight = cs.insight.get(&content.pack.id).cloned();
            let played: Vec<(String, Insight)> = cs
                .insight
                .iter()
                .filter(|(k, _)| sets::is_set_key(k))
                .map(|(k, i)| (k.clone(), i.clone()))
                .collect();
            let unanswered = group_unanswered(
                cs.unanswered
                    .iter()
                    .filter(|q| q.subject == content.pack.id)
                    .map(|q| (q.reading.as_str(), q.text.as_str())),
                crate::report::UNANSWERED_SHOWN,
            );
            (content, insight, played, cs.title.clone(), unanswered)
        };
        let sets: Vec<(String, Option<Arc<Content>>, &Insight)> = played
            .iter()
            .map(|(key, i)| {
                let set = sets::parse_set_key(key)
                    .and_then(|(owner, name)| self.set_of(owner, name).map(|s| (name, s)));
                let name = sets::parse_set_key(key).map_or(key.as_str(), |(_, n)| n);
                (name.to_string(), set.map(|(_, s)| s.content()), i)
            })
            .collect();
        let mut report = Report::build(&content, insight.as_ref(), &sets);
        report.unanswered = unanswered;
        (!report.is_empty()).then_some((report, title))
    }

    fn report_document(&self, group_id: i64, now: Timestamp) -> Option<Document> {
        let (report, title) = self.group_report(group_id, now)?;
        let text = outgoing(group(group_id, None), rt::text(title.as_deref(), &report));
        let doc = match chart::render(&report) {
            Some(png) => Document {
                chat: group(group_id, None),
                file_name: format!("laporan-kelas{group_id}.png"),
                bytes: png,
                caption: rt::caption(title.as_deref(), &report),
                photo: true,
                on_success: vec![text],
                on_failure: Vec::new(),
            },
            // No picture: the text goes alone, as a file of it would help nobody.
            None => Document {
                chat: group(group_id, None),
                file_name: format!("laporan-kelas{group_id}.txt"),
                bytes: crate::html::to_plain(&text.html).into_bytes(),
                caption: rt::PICTURE_FAILED.into(),
                photo: false,
                on_success: vec![text],
                on_failure: Vec::new(),
            },
        };
        Some(doc)
    }
}
