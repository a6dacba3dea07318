//! When homework is due, as a teacher writes it after `sampai`: `20:00` or `20.00` (today),
//! `besok 07:00`, `lusa 07:00`, a weekday (`senin 07:00`, the next one to come), or a span
//! (`3 jam`, `30 menit`, `2 hari`); a day without a time means 07:00. Read in the group's time
//! zone, as daily facts are. Nothing said means tomorrow 07:00. At most [`MAX_DAYS`] ahead,
//! and never in the past. Time is passed in.

use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use crate::facts::schedule::parse_time;

/// How far ahead a deadline may be.
pub const MAX_DAYS: i64 = 7;
/// The time of a day named without one, and of the default deadline.
pub const DEFAULT_TIME: (i8, i8) = (7, 0);

/// Why a deadline was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadDeadline {
    /// Not one of the forms.
    Unreadable,
    /// Already past (a time of today that has gone by).
    Past,
    /// More than [`MAX_DAYS`] ahead.
    TooFar,
}

const WEEKDAYS: [(&str, Weekday); 9] = [
    ("senin", Weekday::Monday),
    ("selasa", Weekday::Tuesday),
    ("rabu", Weekday::Wednesday),
    ("kamis", Weekday::Thursday),
    ("jumat", Weekday::Friday),
    ("jum'at", Weekday::Friday),
    ("sabtu", Weekday::Saturday),
    ("minggu", Weekday::Sunday),
    ("ahad", Weekday::Sunday),
];

/// The deadline `text` means at `now` in `tz`.
pub fn parse(text: &str, now: Timestamp, tz: &TimeZone) -> Result<Timestamp, BadDeadline> {
    let lower = text.trim().to_lowercase();
    // "pukul" and "jam" before a time say nothing more ("besok jam 7.00").
    let words: Vec<&str> = lower
        .split_whitespace()
        .enumerate()
        .filter(|(i, w)| !(matches!(*w, "pukul" | "jam") && is_time_next(&lower, *i)))
        .map(|(_, w)| w)
        .collect();
    let today = now.to_zoned(tz.clone()).date();
    let at = match words.as_slice() {
        [] => on(today.tomorrow().ok(), DEFAULT_TIME, tz)?,
        [n, unit] if n.parse::<i64>().is_ok() => span(n, unit, now)?,
        [time] if parse_time(time).is_some() => on(Some(today), time_of(time)?, tz)?,
        [day] => on(day_of(day, today, None)?, DEFAULT_TIME, tz)?,
        [day, time] if parse_time(time).is_some() => {
            let time = time_of(time)?;
            on(day_of(day, today, Some((time, now, tz)))?, time, tz)?
        }
        _ => return Err(BadDeadline::Unreadable),
    };
    if at <= now {
        Err(BadDeadline::Past)
    } else if at.duration_since(now) > SignedDuration::from_hours(24 * MAX_DAYS) {
        Err(BadDeadline::TooFar)
    } else {
        Ok(at)
    }
}

/// Whether the word after the `i`-th of `text` is a time ("jam 7.00", not "3 jam").
fn is_time_next(text: &str, i: usize) -> bool {
    text.split_whitespace()
        .nth(i + 1)
        .is_some_and(|w| parse_time(w).is_some())
}

fn time_of(word: &str) -> Result<(i8, i8), BadDeadline> {
    parse_time(word).ok_or(BadDeadline::Unreadable)
}

/// `3 jam`, `30 menit`, `2 hari` from now.
fn span(n: &str, unit: &str, now: Timestamp) -> Result<Timestamp, BadDeadline> {
    let n: i64 = n.parse().map_err(|_| BadDeadline::Unreadable)?;
    let minutes = match unit {
        "menit" => 1,
        "jam" => 60,
        "hari" => 24 * 60,
        _ => return Err(BadDeadline::Unreadable),
    };
    // Past the cap anyway: refused without overflowing.
    let minutes = n
        .checked_mul(minutes)
        .filter(|m| *m <= (MAX_DAYS + 1) * 24 * 60)
        .ok_or(BadDeadline::TooFar)?;
    now.checked_add(SignedDuration::from_mins(minutes))
        .map_err(|_| BadDeadline::TooFar)
}

/// The date a day word names: `besok`, `lusa`, or a weekday, the next one to come (today's
/// only when its time, given as `time`, is still ahead).
fn day_of(
    word: &str,
    today: Date,
    time: Option<((i8, i8), Timestamp, &TimeZone)>,
) -> Result<Option<Date>, BadDeadline> {
    match word {
        "besok" => return Ok(today.tomorrow().ok()),
        "lusa" => return Ok(today.tomorrow().ok().and_then(|d| d.tomorrow().ok())),
        _ => {}
    }
    let (_, weekday) = WEEKDAYS
        .iter()
        .find(|(name, _)| *name == word)
        .ok_or(BadDeadline::Unreadable)?;
    let mut date = today;
    for _ in 0..7 {
        if date.weekday() == *weekday {
            let ahead_today = date != today
                || time.is_some_and(|(t, now, tz)| on(Some(date), t, tz).is_ok_and(|at| at > now));
            if ahead_today {
                return Ok(Some(date));
            }
        }
        date = date.tomorrow().map_err(|_| BadDeadline::TooFar)?;
    }
    Ok(Some(date))
}

/// `date` at `time` in `tz`.
fn on(date: Option<Date>, (h, m): (i8, i8), tz: &TimeZone) -> Result<Timestamp, BadDeadline> {
    let date = date.ok_or(BadDeadline::TooFar)?;
    let time = Time::new(h, m, 0, 0).map_err(|_| BadDeadline::Unreadable)?;
    date.to_datetime(time)
        .to_zoned(tz.clone())
        .map(|z| z.timestamp())
        .map_err(|_| BadDeadline::Unreadable)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wib() -> TimeZone {
        TimeZone::get("Asia/Jakarta").expect("zone")
    }

    /// Monday 2026-11-23 10:00 WIB.
    fn now() -> Timestamp {
        "2026-11-23T03:00:00Z".parse().expect("time")
    }

    fn at(local: &str, tz: &TimeZone) -> Timestamp {
        let dt: jiff::civil::DateTime = local.parse().expect("datetime");
        dt.to_zoned(tz.clone()).expect("zoned").timestamp()
    }

    #[test]
    fn every_form_in_the_groups_zone() {
        let tz = wib();
        for (text, want) in [
            ("", "2026-11-24T07:00"),
            ("20:00", "2026-11-23T20:00"),
            ("20.00", "2026-11-23T20:00"),
            ("besok 07:00", "2026-11-24T07:00"),
            ("besok jam 7.30", "2026-11-24T07:30"),
            ("pukul 20:00", "2026-11-23T20:00"),
            ("besok", "2026-11-24T07:00"),
            ("lusa 06.00", "2026-11-25T06:00"),
            ("Rabu 07:00", "2026-11-25T07:00"),
            ("jumat", "2026-11-27T07:00"),
            // Today is Monday: its 11:00 is still ahead, its 09:00 is next week's.
            ("senin 11:00", "2026-11-23T11:00"),
            ("senin 09:00", "2026-11-30T09:00"),
        ] {
            assert_eq!(parse(text, now(), &tz), Ok(at(want, &tz)), "{text}");
        }
        assert_eq!(
            parse("3 jam", now(), &tz),
            Ok(now() + SignedDuration::from_hours(3))
        );
        assert_eq!(
            parse("30 menit", now(), &tz),
            Ok(now() + SignedDuration::from_mins(30))
        );
        // The same words in another zone are another instant.
        let wita = TimeZone::get("Asia/Makassar").expect("zone");
        assert_eq!(
            parse("20:00", now(), &wita),
            Ok(at("2026-11-23T20:00", &wita))
        );
        assert_ne!(at("2026-11-23T20:00", &wita), at("2026-11-23T20:00", &tz));
    }

    #[test]
    fn past_too_far_and_unreadable() {
        let tz = wib();
        assert_eq!(parse("09:00", now(), &tz), Err(BadDeadline::Past));
        assert_eq!(parse("0 jam", now(), &tz), Err(BadDeadline::Past));
        assert_eq!(parse("8 hari", now(), &tz), Err(BadDeadline::TooFar));
        assert_eq!(
            parse("7 hari", now(), &tz),
            Ok(now() + SignedDuration::from_hours(24 * 7))
        );
        assert_eq!(
            parse("99999999999999 jam", now(), &tz),
            Err(BadDeadline::TooFar)
        );
        for bad in ["nanti", "25:00", "besok 7", "3 minggu", "senin depan pagi"] {
            assert_eq!(
                parse(bad, now(), &tz),
                Err(BadDeadline::Unreadable),
                "{bad}"
            );
        }
    }
}
