//! `kelasbot unanswered`: the private chats' questions the bot could not answer, as the
//! snapshot keeps them (only when `KELASBOT_KEEP_UNANSWERED=1`), the ways of asking one thing
//! counted together.

use std::io::Write;

use jiff::{SignedDuration, Timestamp};

use crate::report::group_unanswered;
use crate::state::{State, forget_old};

/// Writes the list for `subject` (every subject when `None`) of the last `days` days at `now`.
/// Returns how many questions it listed.
pub fn unanswered(
    state: &State,
    subject: Option<&str>,
    days: i64,
    now: Timestamp,
    out: &mut impl Write,
) -> std::io::Result<usize> {
    let since = now
        .checked_sub(SignedDuration::from_hours(24 * days.clamp(0, 30)))
        .unwrap_or(now);
    let mut listed = 0;
    for (pack, list) in &state.unanswered {
        if subject.is_some_and(|s| s != pack) {
            continue;
        }
        let mut list = list.clone();
        forget_old(&mut list, now);
        list.retain(|q| q.at >= since);
        if list.is_empty() {
            continue;
        }
        writeln!(
            out,
            "{pack}: {} question(s) in the last {days} day(s)",
            list.len()
        )?;
        let groups = group_unanswered(
            list.iter().map(|q| (q.reading.as_str(), q.text.as_str())),
            usize::MAX,
        );
        for (text, n) in groups {
            writeln!(out, "{n:>5}  {text}")?;
        }
        listed += list.len();
    }
    if listed == 0 {
        writeln!(
            out,
            "No unanswered questions kept{}. Private chats' questions are kept only with \
             KELASBOT_KEEP_UNANSWERED=1 (groups' are in /laporan).",
            subject.map_or_else(String::new, |s| format!(" for {s}"))
        )?;
    }
    Ok(listed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Unanswered;

    #[test]
    fn lists_by_subject_and_days_counting_ways_of_asking_together() {
        let now: Timestamp = "2026-12-06T00:00:00Z".parse().expect("time");
        let day = SignedDuration::from_hours(24);
        let q = |text: &str, reading: &str, ago: i32| Unanswered {
            text: text.into(),
            reading: reading.into(),
            subject: "ips".into(),
            at: now - day * ago,
            unsure: false,
            suggested: Vec::new(),
        };
        let mut state = State::default();
        state.unanswered.insert(
            "ips".into(),
            vec![
                q("kenapa langit biru?", "kenapa: biru langit", 10),
                q("knp langit biru", "kenapa: biru langit", 2),
                q("siapa presiden pertama?", "siapa: pertama presiden", 1),
                q("lama sekali", "lama", 40),
            ],
        );
        state
            .unanswered
            .insert("lain".into(), vec![q("apa?", "", 1)]);
        let mut out = Vec::new();
        let n = unanswered(&state, Some("ips"), 30, now, &mut out).expect("write");
        let text = String::from_utf8(out).expect("UTF-8");
        assert_eq!(n, 3, "{text}");
        assert!(text.contains("    2  knp langit biru"), "{text}");
        assert!(
            !text.contains("lama sekali") && !text.contains("apa?"),
            "{text}"
        );
        let mut out = Vec::new();
        assert_eq!(
            unanswered(&state, Some("ips"), 5, now, &mut out).expect("write"),
            2
        );
        let mut out = Vec::new();
        assert_eq!(
            unanswered(&state, Some("x"), 30, now, &mut out).expect("write"),
            0
        );
        assert!(
            String::from_utf8(out)
                .expect("UTF-8")
                .contains("KELASBOT_KEEP_UNANSWERED")
        );
    }
}
