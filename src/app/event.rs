//! What adapters hand the app (events) and what the app asks of them (effects). No Telegram
//! types: the Telegram adapter and the playground translate to and from these.

use std::sync::Arc;

use jiff::Timestamp;

use crate::sets::{FileKind, Parsed, QuizSet, ReadError};

/// Telegram's "GroupAnonymousBot": the sender of an anonymous admin's messages.
pub const ANONYMOUS_ADMIN: i64 = 1_087_968_824;

/// Private chat with one student, or a class group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatKind {
    Private,
    Group,
}

/// Where a message was said, and where replies go: the chat and, in forum supergroups, the
/// topic (`message_thread_id`), so replies stay in the topic they were asked in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chat {
    pub id: i64,
    pub kind: ChatKind,
    pub thread: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub first_name: String,
    pub username: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A text message (commands included).
    Message {
        chat: Chat,
        from: Option<User>,
        text: String,
        message_id: i32,
        /// The message replies to one of the bot's own messages.
        reply_to_bot: bool,
        /// The sender teaches this group: its creator or an administrator (as Telegram says),
        /// an anonymous admin posting as the group, or listed in `KELASBOT_TEACHERS`. The
        /// adapter finds out before handing over a teacher command.
        teacher: bool,
        /// When Telegram says the message was sent (`message.date`).
        sent: Timestamp,
        /// The group's name, when Telegram gives one.
        chat_title: Option<String>,
    },
    /// A button under one of the bot's messages was pressed.
    Callback {
        query_id: String,
        chat: Option<Chat>,
        /// The message the button is under (absent when Telegram no longer has it).
        message_id: Option<i32>,
        from: User,
        data: String,
        /// When the update was received, before anything waited: quiz answers are timed by it.
        at: Timestamp,
        /// The presser teaches this group, as Telegram said at the press. Asked only for
        /// buttons that need it (a reset confirmation); false otherwise.
        teacher: bool,
    },
    /// Telegram confirmed a message the app tagged (a quiz question: its timer starts now).
    Delivered {
        chat: i64,
        message_id: i32,
        tag: u64,
        at: Timestamp,
    },
    /// The bot was added to a group.
    AddedToGroup { chat: Chat },
    /// The bot was removed from a group (or can no longer post there).
    RemovedFromGroup { chat_id: i64 },
    /// A group became a supergroup with a new id.
    Migrated { from: i64, to: i64 },
    /// The snapshot that [`Effect::AfterSnapshot`] waited for could not be written, so its
    /// effects were not carried out; what they used up is handed back.
    Unsaved { unsent: Unsent, at: Timestamp },
    /// Someone sent a file (a document). Only its description: the app decides whether it is
    /// read, and asks with [`Effect::Fetch`].
    Document {
        chat: Chat,
        from: Option<User>,
        file: FileRef,
        caption: Option<String>,
        /// When Telegram says the message was sent.
        sent: Timestamp,
    },
    /// What came of an [`Effect::Fetch`]: the file's questions, or why there are none.
    Fetched {
        fetch: Fetch,
        result: Result<Parsed, FetchError>,
    },
    /// A set's file was written (or removed): the disk now holds this version.
    SetStored { change: SetChange },
    /// A set's file could not be written (or removed): the app takes the change back, unless
    /// a newer one for the same set is already on its way.
    SetUnsaved { change: SetChange },
    /// What came of an [`Effect::CountClass`]: how many students group `chat` has, `None`
    /// when Telegram could not say.
    ClassSize {
        chat: i64,
        homework: u32,
        students: Option<u32>,
    },
}

/// A file someone sent, as Telegram describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRef {
    /// What `getFile` takes (the playground: a path).
    pub id: String,
    pub name: String,
    /// Its size, when Telegram says it.
    pub size: Option<u64>,
}

/// Download a file (at most [`crate::sets::MAX_FILE_BYTES`], counted while it streams) and
/// read its questions off the update loop, within a time limit; hand back
/// [`Event::Fetched`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetch {
    pub chat: Chat,
    pub from: User,
    pub file: FileRef,
    pub kind: FileKind,
    /// The set it becomes.
    pub name: String,
}

/// Why a sent file gave no questions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// Larger than [`crate::sets::MAX_FILE_BYTES`].
    TooLarge,
    /// Telegram could not hand it over.
    Download,
    /// Reading it took longer than allowed.
    TimedOut,
    Read(ReadError),
}

/// A set written to its file, or removed from disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetChange {
    pub owner: i64,
    pub name: String,
    /// The set as written; `None` removes it.
    pub set: Option<Arc<QuizSet>>,
    /// Its file's bytes (`None` with `set`).
    pub bytes: Option<Vec<u8>>,
    /// Where to say so.
    pub chat: Chat,
}

/// A button under a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Button {
    /// Sends `data` (at most 64 bytes) back as a callback when pressed.
    Callback { label: String, data: String },
    /// Opens a link.
    Url { label: String, url: String },
}

/// A message the bot sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub chat: Chat,
    /// Telegram HTML, at most 4096 characters.
    pub html: String,
    /// Rows of buttons; empty for none.
    pub keyboard: Vec<Vec<Button>>,
    /// The message this one answers, shown as a reply in groups.
    pub reply_to: Option<i32>,
    /// Goes out after everything interactive (daily facts, refusals): it never delays a
    /// student's answer or a quiz.
    pub background: bool,
    /// Reported back as [`Event::Delivered`] once Telegram confirms it.
    pub tag: Option<u64>,
    /// The member whose question this answers: answers wait behind the class's quiz and
    /// teacher messages, and only a couple per member may be pending at once.
    pub asker: Option<i64>,
}

/// A change to a message the bot sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub chat: Chat,
    pub message_id: i32,
    pub html: String,
    /// The buttons after the edit; empty removes them.
    pub keyboard: Vec<Vec<Button>>,
    /// Dropped rather than queued when it cannot go out at once (live answer counts).
    pub droppable: bool,
}

/// A file for someone's private chat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub chat: Chat,
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub caption: String,
    /// Sent as a photo (a PNG, shown in the chat) rather than as a file.
    pub photo: bool,
    /// Sent once the document arrived, in order.
    pub on_success: Vec<Outgoing>,
    /// Sent instead when it cannot be delivered (the person never started the bot).
    pub on_failure: Vec<Outgoing>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Send(Outgoing),
    Edit(Edit),
    Document(Document),
    /// Write the state to disk (fsynced), then carry out `then`: the end-of-round podium (a
    /// round the class saw is never lost) and the daily facts (at most once).
    AfterSnapshot {
        then: Vec<Effect>,
        unwritten: Unwritten,
    },
    /// Every callback query gets exactly one answer, with an optional short toast.
    AnswerCallback {
        query_id: String,
        text: Option<String>,
    },
    Fetch(Fetch),
    /// Ask Telegram how many students group `chat` has — its members less its administrators
    /// and this bot — for homework `homework`'s count; hand back [`Event::ClassSize`].
    CountClass {
        chat: i64,
        homework: u32,
    },
    /// Write (or remove) a set's file, hand back [`Event::SetStored`], then carry out `then`;
    /// if the disk refuses, hand back [`Event::SetUnsaved`] instead.
    StoreSet {
        change: SetChange,
        then: Vec<Effect>,
    },
}

/// What becomes of an [`Effect::AfterSnapshot`] whose snapshot cannot be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unwritten {
    /// Carried out anyway after a few failed attempts: the class must see its round end.
    CarryOut,
    /// Not carried out: handed back as [`Event::Unsaved`] at the first failure, so it falls
    /// due again later.
    HandBack(Unsent),
}

/// Daily facts not sent because their snapshot was not written: what each had recorded, so
/// the app can take it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsent(pub(super) Vec<UnsentFact>);

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct UnsentFact {
    pub(super) chat_id: i64,
    pub(super) date: jiff::civil::Date,
    pub(super) previous: Option<jiff::civil::Date>,
}
