//! What the snapshot's bytes mean: the formats read (versions 1 to 6, one reader with
//! defaults) and the one written, and their conversion to and from [`State`].

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::VERSION;
use super::homework::{HomeworkV6, RecordV6};
use super::insight::{
    InsightV5, ReviewsV5, UnansweredV5, reviews_in, reviews_out, unanswered_in, unanswered_out,
};
use crate::facts::Rotation;
use crate::facts::schedule::{Schedule, Zone};
use crate::quiz::board::{Board, Player};
use crate::state::{ChatState, State, SubjectState, Subscription};

#[derive(Serialize, Deserialize)]
struct FileV3 {
    version: u32,
    chats: BTreeMap<String, ChatV3>,
    /// Version 5: private chats' unanswered questions per subject (when kept at all).
    #[serde(default)]
    unanswered: BTreeMap<String, Vec<UnansweredV5>>,
}

/// The one subject versions 1 to 3 were written for: their fact rotation and recent
/// questions belong to it.
pub(super) const LEGACY_SUBJECT: &str = "kerja-sama-internasional";

#[derive(Serialize, Deserialize, Default)]
struct ChatV3 {
    /// Versions 1 to 3: the rotation of the one subject there was.
    #[serde(default)]
    facts: RotationV1,
    /// Version 4: the subject the chat picked.
    #[serde(default)]
    subject: Option<String>,
    /// Version 4: per subject, its rotation and recent questions.
    #[serde(default)]
    subjects: BTreeMap<String, SubjectV4>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    subscription: Option<SubscriptionV2>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    board: Vec<PlayerV3>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    recent: Vec<String>,
    #[serde(default, skip_serializing_if = "is_zero")]
    rounds: u32,
    /// A round was running when this was written.
    #[serde(default, skip_serializing_if = "is_false")]
    quiz_running: bool,
    #[serde(default, skip_serializing_if = "is_zero")]
    practices: u32,
    /// Best practice score per round length ("5": 4).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    practice_best: BTreeMap<String, u32>,
    /// Version 5: what the group's rounds showed, per subject.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    insight: BTreeMap<String, InsightV5>,
    /// Version 5: questions asked in the group that the bot could not answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    unanswered: Vec<UnansweredV5>,
    /// Version 5: a student's questions to review, per subject.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    review: ReviewsV5,
    /// Version 6: the group's open homework.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    homework: Option<HomeworkV6>,
    #[serde(default, skip_serializing_if = "is_zero")]
    homeworks: u32,
    /// Version 6: the results of the last closed homework.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    homework_done: Vec<RecordV6>,
}

#[derive(Serialize, Deserialize, Default)]
struct SubjectV4 {
    #[serde(default)]
    facts: RotationV1,
    #[serde(default)]
    recent: Vec<String>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Serialize, Deserialize)]
struct PlayerV3 {
    id: i64,
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    username: Option<String>,
    #[serde(default)]
    points: u64,
    #[serde(default)]
    correct: u32,
    #[serde(default)]
    answered: u32,
    #[serde(default)]
    rounds: u32,
    /// Version 6: homework questions answered and right.
    #[serde(default, skip_serializing_if = "is_zero")]
    homework_answered: u32,
    #[serde(default, skip_serializing_if = "is_zero")]
    homework_right: u32,
}

impl ChatV3 {
    fn into_state(self) -> Result<ChatState, String> {
        let subscription = self
            .subscription
            .map(SubscriptionV2::into_state)
            .transpose()?;
        let mut practice_best = BTreeMap::new();
        for (len, best) in self.practice_best {
            let len: u32 = len
                .parse()
                .map_err(|_| "a practice length is not a number".to_string())?;
            practice_best.insert(len, best);
        }
        let players = self
            .board
            .into_iter()
            .map(|p| {
                (
                    p.id,
                    Player {
                        name: p.name,
                        username: p.username,
                        points: p.points,
                        correct: p.correct,
                        answered: p.answered,
                        rounds: p.rounds,
                        homework_answered: p.homework_answered,
                        homework_right: p.homework_right,
                    },
                )
            })
            .collect();
        let mut subjects: BTreeMap<String, SubjectState> = self
            .subjects
            .into_iter()
            .map(|(pack, s)| {
                let kept = SubjectState {
                    facts: s.facts.into_state(),
                    recent: s.recent,
                };
                (pack, kept)
            })
            .collect();
        let legacy = SubjectState {
            facts: self.facts.into_state(),
            recent: self.recent,
        };
        if legacy != SubjectState::default() {
            subjects.entry(LEGACY_SUBJECT.to_string()).or_insert(legacy);
        }
        let mut insight = BTreeMap::new();
        for (subject, i) in self.insight {
            insight.insert(subject, i.into_state()?);
        }
        let homework = self.homework.map(HomeworkV6::into_state).transpose()?;
        let homework_done = self
            .homework_done
            .into_iter()
            .map(RecordV6::into_state)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ChatState {
            homework,
            homeworks: self.homeworks,
            homework_done,
            insight,
            unanswered: unanswered_in(self.unanswered)?,
            review: reviews_in(self.review)?,
            subject: self.subject,
            subjects,
            subscription,
            title: self.title,
            board: Board { players },
            rounds: self.rounds,
            round_running: self.quiz_running,
            practices: self.practices,
            practice_best,
        })
    }
}

#[derive(Serialize, Deserialize, Default)]
struct RotationV1 {
    #[serde(default)]
    pending: Vec<String>,
    #[serde(default)]
    cycle: u32,
    #[serde(default)]
    last: Option<String>,
}

impl RotationV1 {
    fn into_state(self) -> Rotation {
        Rotation {
            pending: self.pending,
            cycle: self.cycle,
            last: self.last,
        }
    }
}

#[derive(Serialize, Deserialize)]
struct SubscriptionV2 {
    /// "HH:MM", local to `zone`.
    time: String,
    /// "WIB", "WITA", "WIT", or absent for the bot's default zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    zone: Option<String>,
    #[serde(default)]
    school_days: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    thread: Option<i32>,
    /// "YYYY-MM-DD".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last_date: Option<String>,
}

impl SubscriptionV2 {
    fn from_state(s: &Subscription) -> SubscriptionV2 {
        SubscriptionV2 {
            time: format!("{:02}:{:02}", s.schedule.hour, s.schedule.minute),
            zone: s.schedule.zone.label().map(str::to_string),
            school_days: s.schedule.school_days,
            thread: s.thread,
            last_date: s.last_date.map(|d| d.to_string()),
        }
    }

    fn into_state(self) -> Result<Subscription, String> {
        let (h, m) = self
            .time
            .split_once(':')
            .and_then(|(h, m)| Some((h.parse::<i8>().ok()?, m.parse::<i8>().ok()?)))
            .filter(|&(h, m)| (0..24).contains(&h) && (0..60).contains(&m))
            .ok_or("the subscription time is not HH:MM")?;
        let zone = match self.zone.as_deref() {
            None => Zone::Default,
            Some("WIB") => Zone::Wib,
            Some("WITA") => Zone::Wita,
            Some("WIT") => Zone::Wit,
            Some(_) => return Err("the subscription zone is not WIB, WITA or WIT".into()),
        };
        let last_date = match self.last_date {
            None => None,
            Some(d) => Some(
                d.parse()
                    .map_err(|_| "the subscription's last date is not YYYY-MM-DD")?,
            ),
        };
        Ok(Subscription {
            schedule: Schedule {
                hour: h,
                minute: m,
                zone,
                school_days: self.school_days,
            },
            thread: self.thread,
            last_date,
        })
    }
}

/// The file written from borrowed state: the same JSON as [`FileV3`], produced chat by chat
/// straight into the writer, so a snapshot of thousands of boards never builds a second copy
/// of them (nor one huge buffer) on the way to disk.
pub(super) struct FileOut<'a>(pub(super) &'a State);

impl Serialize for FileOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeStruct};
        struct Chats<'a>(&'a State);
        impl Serialize for Chats<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut map = s.serialize_map(None)?;
                for (id, chat) in self.0.chats.iter().filter(|(_, c)| !c.is_empty()) {
                    map.serialize_entry(&id.to_string(), &ChatOut::from_state(chat))?;
                }
                map.end()
            }
        }
        let unanswered: BTreeMap<&str, Vec<UnansweredV5>> = self
            .0
            .unanswered
            .iter()
            .filter(|(_, l)| !l.is_empty())
            .map(|(subject, l)| (subject.as_str(), unanswered_out(l)))
            .collect();
        let mut file = s.serialize_struct("File", 3)?;
        file.serialize_field("version", &VERSION)?;
        file.serialize_field("chats", &Chats(self.0))?;
        if !unanswered.is_empty() {
            file.serialize_field("unanswered", &unanswered)?;
        }
        file.end()
    }
}

#[derive(Serialize)]
struct ChatOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    subject: Option<&'a str>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    subjects: BTreeMap<&'a str, SubjectOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subscription: Option<SubscriptionV2>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "BoardOut::is_empty")]
    board: BoardOut<'a>,
    #[serde(skip_serializing_if = "is_zero")]
    rounds: u32,
    #[serde(skip_serializing_if = "is_false")]
    quiz_running: bool,
    #[serde(skip_serializing_if = "is_zero")]
    practices: u32,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    practice_best: BTreeMap<String, u32>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    insight: BTreeMap<&'a str, InsightV5>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    unanswered: Vec<UnansweredV5>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    review: ReviewsV5,
    #[serde(skip_serializing_if = "Option::is_none")]
    homework: Option<HomeworkV6>,
    #[serde(skip_serializing_if = "is_zero")]
    homeworks: u32,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    homework_done: Vec<RecordV6>,
}

#[derive(Serialize)]
struct SubjectOut<'a> {
    facts: RotationOut<'a>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    recent: &'a [String],
}

#[derive(Serialize)]
struct RotationOut<'a> {
    pending: &'a [String],
    cycle: u32,
    last: Option<&'a str>,
}

struct BoardOut<'a>(&'a Board);

impl BoardOut<'_> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for BoardOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.players.iter().map(|(id, p)| PlayerOut {
            id: *id,
            name: &p.name,
            username: p.username.as_deref(),
            points: p.points,
            correct: p.correct,
            answered: p.answered,
            rounds: p.rounds,
            homework_answered: p.homework_answered,
            homework_right: p.homework_right,
        }))
    }
}

#[derive(Serialize)]
struct PlayerOut<'a> {
    id: i64,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    username: Option<&'a str>,
    points: u64,
    correct: u32,
    answered: u32,
    rounds: u32,
    #[serde(skip_serializing_if = "is_zero")]
    homework_answered: u32,
    #[serde(skip_serializing_if = "is_zero")]
    homework_right: u32,
}

impl<'a> ChatOut<'a> {
    fn from_state(c: &'a ChatState) -> ChatOut<'a> {
        ChatOut {
            subject: c.subject.as_deref(),
            subjects: c
                .subjects
                .iter()
                .map(|(pack, s)| {
                    let out = SubjectOut {
                        facts: RotationOut {
                            pending: &s.facts.pending,
                            cycle: s.facts.cycle,
                            last: s.facts.last.as_deref(),
                        },
                        recent: &s.recent,
                    };
                    (pack.as_str(), out)
                })
                .collect(),
            subscription: c.subscription.as_ref().map(SubscriptionV2::from_state),
            title: c.title.as_deref(),
            board: BoardOut(&c.board),
            rounds: c.rounds,
            quiz_running: c.round_running,
            practices: c.practices,
            practice_best: c
                .practice_best
                .iter()
                .map(|(len, best)| (len.to_string(), *best))
                .collect(),
            insight: c
                .insight
                .iter()
                .filter(|(_, i)| !i.is_empty())
                .map(|(subject, i)| (subject.as_str(), InsightV5::from_state(i)))
                .collect(),
            unanswered: unanswered_out(&c.unanswered),
            review: reviews_out(&c.review),
            homework: c.homework.as_ref().map(HomeworkV6::from_state),
            homeworks: c.homeworks,
            homework_done: c.homework_done.iter().map(RecordV6::from_state).collect(),
        }
    }
}

/// What a snapshot file's bytes hold.
#[derive(Debug)]
pub enum Decoded {
    State(State),
    /// Written by a newer version (the number as the file writes it; it may not fit a u64).
    Newer(String),
    /// Unusable, with the problem described by position, never by content.
    Corrupt(String),
}

/// Just the format version, read before the rest so a newer file is refused whatever its shape.
#[derive(Deserialize)]
struct VersionOnly {
    version: Option<serde_json::Value>,
}

/// A JSON error as it may be logged: its kind and where it stopped. serde_json's message can
/// quote what it read (`invalid type: string "Siti"`), and the file holds names, so the message
/// is never used.
fn json_problem(e: &serde_json::Error) -> String {
    let kind = match e.classify() {
        serde_json::error::Category::Syntax => "not valid JSON",
        serde_json::error::Category::Eof => "cut off",
        serde_json::error::Category::Data => "unexpected content",
        serde_json::error::Category::Io => "unreadable",
    };
    format!("{kind} at line {} column {}", e.line(), e.column())
}

/// Reads a snapshot file's bytes. The problem of a corrupt file never repeats its content: it
/// goes to the log, and the file is full of students' names.
pub(super) fn decode(bytes: &[u8]) -> Decoded {
    // A file saved by hand in a Windows editor may start with a byte-order mark.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let probe: VersionOnly = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => return Decoded::Corrupt(json_problem(&e)),
    };
    let version = match probe.version {
        Some(serde_json::Value::Number(n)) => n,
        _ => return Decoded::Corrupt("no format version".into()),
    };
    match version.as_u64() {
        Some(v) if v <= u64::from(VERSION) => {}
        Some(_) => return Decoded::Newer(version.to_string()),
        // Too large for a u64, or not whole: serde_json reads it as a float. Above ours, it is
        // from a newer kelasbot, whose file must not be set aside and then overwritten.
        None if version.as_f64().is_some_and(|v| v > f64::from(VERSION)) => {
            return Decoded::Newer(version.to_string());
        }
        None => return Decoded::Corrupt("the format version is not a whole number".into()),
    }
    let file: FileV3 = match serde_json::from_slice(bytes) {
        Ok(f) => f,
        Err(e) => return Decoded::Corrupt(json_problem(&e)),
    };
    let mut state = State::default();
    for (subject, list) in file.unanswered {
        match unanswered_in(list) {
            Ok(l) => state.unanswered.insert(subject, l),
            Err(why) => return Decoded::Corrupt(why),
        };
    }
    for (id, chat) in file.chats {
        let Ok(id) = id.parse::<i64>() else {
            return Decoded::Corrupt("a chat id is not a number".into());
        };
        match chat.into_state() {
            Ok(c) => state.chats.insert(id, Arc::new(c)),
            Err(why) => return Decoded::Corrupt(format!("chat {id}: {why}")),
        };
    }
    Decoded::State(state)
}
