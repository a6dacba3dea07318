//! What the app's quiz parts share: round arguments, recently asked questions, answer buttons
//! and the tags that tie a question's message to its round. The parts: `rounds` (group quiz
//! rounds), `scores` (scoreboards, reset and export) and `practice` (`/latihan`).

use super::callback::CallbackData;
use super::{Button, Chat, ChatKind, User};
use crate::config::QUIZ_SECONDS_RANGE;
use crate::content::{Content, TopicDef};
use crate::quiz::insight::Insight;
use crate::quiz::{self, Student};
use crate::sets;
use crate::state::ChatState;
use crate::texts::quiz as qt;

/// `/start` payload that asks for a group's scoreboard file.
pub const EXPORT_START: &str = "ekspor_";

/// `[jumlah] [detik] [topik]`, any of them optional; numbers in that order.
pub(super) fn parse_round_args(
    args: &str,
    default_seconds: u32,
    with_seconds: bool,
    topics: &[TopicDef],
) -> Option<(u32, u32, Option<String>)> {
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
        } else if let Some(t) = topics
            .iter()
            .find(|t| t.id.eq_ignore_ascii_case(word))
            .filter(|_| topic.is_none())
        {
            topic = Some(t.id.clone());
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

/// `[jumlah] [detik]` after a set's name (`[jumlah]` alone for a practice): the count, all
/// of the set's questions up to a round's most when not given, and the seconds if given.
pub(super) fn parse_set_args(
    args: &str,
    with_seconds: bool,
    questions: usize,
) -> Option<(u32, Option<u32>)> {
    let numbers: Vec<u32> = args
        .split_whitespace()
        .map(|w| w.parse().ok())
        .collect::<Option<_>>()?;
    let most = if with_seconds { 2 } else { 1 };
    if numbers.len() > most {
        return None;
    }
    let all = u32::try_from(questions).unwrap_or(u32::MAX);
    let count = numbers
        .first()
        .copied()
        .unwrap_or_else(|| all.clamp(quiz::COUNT_RANGE.0, quiz::COUNT_RANGE.1));
    let seconds = numbers.get(1).copied();
    let count_ok = (quiz::COUNT_RANGE.0..=quiz::COUNT_RANGE.1).contains(&count);
    let seconds_ok =
        seconds.is_none_or(|s| (QUIZ_SECONDS_RANGE.0..=QUIZ_SECONDS_RANGE.1).contains(&s));
    (count_ok && seconds_ok).then_some((count, seconds))
}

/// Picks the questions of a round or a practice from `content`: `count` of them, of `topic`
/// if given, those the chat has not seen lately first.
pub(super) fn pick(
    cs: &mut ChatState,
    content: &Content,
    topic: Option<&str>,
    count: u32,
    rng: &mut crate::rng::Rng,
) -> Vec<usize> {
    let recent = &cs.subject_state(&content.pack.id).recent;
    quiz::choose(&content.quiz, topic, count as usize, recent, rng)
}

/// Notes question `id` as asked just now in the chat; the oldest fall out past
/// [`quiz::RECENT_KEEP`].
pub(super) fn remember_asked(cs: &mut ChatState, subject: &str, id: &str) {
    forget_other_sets(cs, subject);
    let recent = &mut cs.subject_state(subject).recent;
    recent.retain(|r| r != id);
    recent.push(id.to_string());
    if recent.len() > quiz::RECENT_KEEP {
        let extra = recent.len() - quiz::RECENT_KEEP;
        recent.drain(..extra);
    }
}

/// Sets whose recent questions a chat keeps at most: a chat that plays many sets forgets the
/// others' (kept in the snapshot, they must stay bounded).
pub(super) const SETS_REMEMBERED: usize = 20;

/// Keeps a chat's memory of sets other than `keep` within [`SETS_REMEMBERED`].
fn forget_other_sets(cs: &mut ChatState, keep: &str) {
    let others: Vec<String> = cs
        .subjects
        .keys()
        .filter(|k| sets::is_set_key(k) && *k != keep)
        .cloned()
        .collect();
    let extra = (others.len() + 1).saturating_sub(SETS_REMEMBERED);
    for key in others.into_iter().take(extra) {
        cs.subjects.remove(&key);
    }
}

/// The group's insight into `subject`, made if new. Sets' insight is bounded like their recent
/// questions: past [`SETS_REMEMBERED`] sets, the one answered least is forgotten.
pub(super) fn insight_of<'a>(cs: &'a mut ChatState, subject: &str) -> &'a mut Insight {
    if sets::is_set_key(subject) && !cs.insight.contains_key(subject) {
        let set_keys = cs.insight.keys().filter(|k| sets::is_set_key(k)).count();
        if set_keys >= SETS_REMEMBERED {
            let least = cs
                .insight
                .iter()
                .filter(|(k, _)| sets::is_set_key(k))
                .min_by_key(|(_, i)| i.topics.values().map(|t| t.answered).sum::<u32>())
                .map(|(k, _)| k.clone());
            if let Some(k) = least {
                cs.insight.remove(&k);
            }
        }
    }
    cs.insight.entry(subject.to_string()).or_default()
}

pub(super) fn tag(round: u32, question: usize) -> u64 {
    (u64::from(round) << 8) | (question as u64 & 0xff)
}

pub(super) fn group(id: i64, thread: Option<i32>) -> Chat {
    Chat {
        id,
        kind: ChatKind::Group,
        thread,
    }
}

pub(super) fn student(u: &User) -> Student {
    Student {
        id: u.id,
        name: u.first_name.clone(),
        username: u.username.clone(),
    }
}

pub(super) fn buttons(count: usize, data: impl Fn(u8) -> CallbackData) -> Vec<Vec<Button>> {
    vec![
        (0..count)
            .map(|choice| Button::Callback {
                label: qt::letter(choice).to_string(),
                data: data(choice as u8).encode(),
            })
            .collect(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topics() -> Vec<TopicDef> {
        ["manfaat", "bentuk", "mitra-kita"]
            .map(|id| TopicDef {
                id: id.into(),
                label: format!("tentang {id}"),
            })
            .to_vec()
    }

    fn parse(args: &str, with_seconds: bool) -> Option<(u32, u32, Option<String>)> {
        parse_round_args(args, 20, with_seconds, &topics())
    }

    #[test]
    fn round_arguments_in_range_or_refused() {
        assert_eq!(parse("", true), Some((5, 20, None)));
        assert_eq!(parse("10 30", true), Some((10, 30, None)));
        assert_eq!(
            parse("3 manfaat", true),
            Some((3, 20, Some("manfaat".into())))
        );
        assert_eq!(
            parse("MITRA-KITA 2 15", true),
            Some((2, 15, Some("mitra-kita".into())))
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
            assert_eq!(parse(bad, true), None, "{bad}");
        }
        // Practice takes no seconds.
        assert_eq!(parse("5 20", false), None);
    }

    #[test]
    fn a_chat_remembers_a_bounded_number_of_sets() {
        let mut cs = ChatState::default();
        remember_asked(&mut cs, "kerja-sama", "a");
        for n in 0..SETS_REMEMBERED + 5 {
            remember_asked(&mut cs, &sets::set_key(7, &format!("bab-{n}")), "q");
        }
        let kept = cs.subjects.keys().filter(|k| sets::is_set_key(k)).count();
        assert_eq!(kept, SETS_REMEMBERED);
        let last = sets::set_key(7, &format!("bab-{}", SETS_REMEMBERED + 4));
        assert!(cs.subjects.contains_key(&last));
        assert!(cs.subjects.contains_key("kerja-sama"));
    }

    #[test]
    fn set_arguments() {
        assert_eq!(parse_set_args("", true, 12), Some((12, None)));
        assert_eq!(parse_set_args("", true, 150), Some((20, None)));
        assert_eq!(parse_set_args("2 10", true, 12), Some((2, Some(10))));
        assert_eq!(parse_set_args("3", false, 12), Some((3, None)));
        for bad in ["0", "21", "2 5", "2 10 1", "dua"] {
            assert_eq!(parse_set_args(bad, true, 12), None, "{bad}");
        }
        assert_eq!(parse_set_args("2 10", false, 12), None);
    }
}
