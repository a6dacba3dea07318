//! When a group's daily fact is due: the schedule a teacher sets with
//! `/langganan [waktu] [zona] [hari]`, and the clock arithmetic around it (clock passed in).
//!
//! A daily fact is at most once a day: it is due when today's time has passed, today is a
//! posting day, and nothing was posted today. So after a restart the same day's fact is sent
//! late (once), while a day missed entirely is never sent late.

use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

/// The time zone a group chose, or the bot's default (`KELASBOT_TZ`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    Default,
    Wib,
    Wita,
    Wit,
}

impl Zone {
    pub fn time_zone(self, default: &TimeZone) -> TimeZone {
        let name = match self {
            Zone::Default => return default.clone(),
            Zone::Wib => "Asia/Jakarta",
            Zone::Wita => "Asia/Makassar",
            Zone::Wit => "Asia/Jayapura",
        };
        // The bundled time zone database always has these three.
        TimeZone::get(name).unwrap_or_else(|_| default.clone())
    }

    pub fn label(self) -> Option<&'static str> {
        match self {
            Zone::Default => None,
            Zone::Wib => Some("WIB"),
            Zone::Wita => Some("WITA"),
            Zone::Wit => Some("WIT"),
        }
    }
}

/// A group's daily-fact schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub hour: i8,
    pub minute: i8,
    pub zone: Zone,
    /// Monday to Friday only ("senin-jumat").
    pub school_days: bool,
}

impl Default for Schedule {
    fn default() -> Self {
        Schedule {
            hour: 7,
            minute: 0,
            zone: Zone::Default,
            school_days: false,
        }
    }
}

/// What was wrong with `/langganan` arguments; the app answers with the accepted forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadSchedule(pub String);

/// Parses `[waktu] [zona] [hari]` in any order: `7:00`, `07:00`, `7.00`, `07.00`; `WIB`, `WITA`,
/// `WIT`; `senin-jumat`. Everything is optional; each may appear once.
pub fn parse(args: &str) -> Result<Schedule, BadSchedule> {
    let mut s = Schedule::default();
    let (mut time_seen, mut zone_seen, mut days_seen) = (false, false, false);
    for word in args.split_whitespace() {
        let lower = word.to_lowercase();
        let zone = match lower.as_str() {
            "wib" => Some(Zone::Wib),
            "wita" => Some(Zone::Wita),
            "wit" => Some(Zone::Wit),
            _ => None,
        };
        if let Some(z) = zone {
            if zone_seen {
                return Err(BadSchedule(word.to_string()));
            }
            zone_seen = true;
            s.zone = z;
        } else if lower == "senin-jumat" {
            if days_seen {
                return Err(BadSchedule(word.to_string()));
            }
            days_seen = true;
            s.school_days = true;
        } else if let Some((h, m)) = parse_time(&lower).filter(|_| !time_seen) {
            time_seen = true;
            s.hour = h;
            s.minute = m;
        } else {
            return Err(BadSchedule(word.to_string()));
        }
    }
    Ok(s)
}

/// A time of day as teachers write it: `7:00`, `07:00`, `7.00`, `07.00`.
pub(crate) fn parse_time(word: &str) -> Option<(i8, i8)> {
    let (h, m) = word.split_once([':', '.'])?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    if !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m) = (h.parse::<i8>().ok()?, m.parse::<i8>().ok()?);
    (h < 24 && m < 60).then_some((h, m))
}

impl Schedule {
    fn posts_on(&self, date: Date) -> bool {
        !self.school_days || !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
    }

    fn at(&self, date: Date, tz: &TimeZone) -> Option<Zoned> {
        let time = Time::new(self.hour, self.minute, 0, 0).ok()?;
        date.to_datetime(time).to_zoned(tz.clone()).ok()
    }

    /// The local date a post is due for at `now`, if one is: today's time has passed, today
    /// is a posting day, and `last_sent` is not today.
    pub fn due(
        &self,
        default_tz: &TimeZone,
        last_sent: Option<Date>,
        now: Timestamp,
    ) -> Option<Date> {
        let tz = self.zone.time_zone(default_tz);
        let today = now.to_zoned(tz.clone()).date();
        let slot = self.at(today, &tz)?;
        let due = self.posts_on(today) && slot.timestamp() <= now && last_sent != Some(today);
        due.then_some(today)
    }

    /// The next moment after `now` at which a post will be due.
    pub fn next_due(
        &self,
        default_tz: &TimeZone,
        last_sent: Option<Date>,
        now: Timestamp,
    ) -> Option<Timestamp> {
        let tz = self.zone.time_zone(default_tz);
        let mut date = now.to_zoned(tz.clone()).date();
        for _ in 0..8 {
            if self.posts_on(date) && last_sent != Some(date) {
                let slot = self.at(date, &tz)?;
                if slot.timestamp() > now {
                    return Some(slot.timestamp());
                }
            }
            date = date.tomorrow().ok()?;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jakarta() -> TimeZone {
        TimeZone::get("Asia/Jakarta").expect("bundled")
    }

    fn at(s: &str) -> Timestamp {
        s.parse().expect("timestamp")
    }

    #[test]
    fn accepted_forms() {
        for form in ["7:00", "07:00", "7.00", "07.00"] {
            assert_eq!(
                parse(form).map(|s| (s.hour, s.minute)),
                Ok((7, 0)),
                "{form}"
            );
        }
        let s = parse("06.45 WITA senin-jumat").expect("valid");
        assert_eq!(
            (s.hour, s.minute, s.zone, s.school_days),
            (6, 45, Zone::Wita, true)
        );
        assert_eq!(
            parse("senin-jumat wit 13:05").map(|s| s.zone),
            Ok(Zone::Wit)
        );
        assert_eq!(parse(""), Ok(Schedule::default()));
    }

    #[test]
    fn rejected_forms_name_the_bad_word() {
        for (args, bad) in [
            ("25:00", "25:00"),
            ("jam tujuh", "jam"),
            ("7", "7"),
            ("7:5", "7:5"),
            ("07:00 08:00", "08:00"),
            ("WIB WIT", "WIT"),
            ("7:00 est", "est"),
        ] {
            assert_eq!(parse(args), Err(BadSchedule(bad.to_string())), "{args}");
        }
    }

    #[test]
    fn due_in_jakarta_and_in_another_zone() {
        let s = parse("07:00").expect("valid");
        // 06:59 WIB is 23:59 UTC the day before.
        assert_eq!(s.due(&jakarta(), None, at("2026-11-23T23:59:00Z")), None);
        let d = s.due(&jakarta(), None, at("2026-11-24T00:00:00Z"));
        assert_eq!(d, Some("2026-11-24".parse().expect("date")));
        // WIT (UTC+9) reaches 07:00 two hours before WIB does.
        let wit = parse("07:00 WIT").expect("valid");
        assert!(
            wit.due(&jakarta(), None, at("2026-11-23T22:00:00Z"))
                .is_some()
        );
        assert_eq!(
            wit.next_due(&jakarta(), None, at("2026-11-23T21:00:00Z")),
            Some(at("2026-11-23T22:00:00Z"))
        );
    }

    #[test]
    fn at_most_once_a_day_same_day_catch_up_and_no_late_earlier_day() {
        let s = parse("07:00").expect("valid");
        let today: Date = "2026-11-24".parse().expect("date");
        // Sent today already (restart at 09:00 WIB): not again.
        assert_eq!(
            s.due(&jakarta(), Some(today), at("2026-11-24T02:00:00Z")),
            None
        );
        // Down at 07:00, back at 09:00 the same day: sent once, late.
        assert_eq!(
            s.due(
                &jakarta(),
                Some(today.yesterday().expect("d")),
                at("2026-11-24T02:00:00Z")
            ),
            Some(today)
        );
        // Last sent on Sunday, down until Wednesday 06:00 WIB: the missed days are not sent
        // late, and Wednesday's is not due yet.
        let tuesday_early = at("2026-11-24T23:00:00Z");
        assert_eq!(
            s.due(
                &jakarta(),
                Some("2026-11-22".parse().expect("d")),
                tuesday_early
            ),
            None
        );
        assert_eq!(
            s.next_due(&jakarta(), Some(today), at("2026-11-24T02:00:00Z")),
            Some(at("2026-11-25T00:00:00Z"))
        );
    }

    #[test]
    fn school_days_skip_the_weekend() {
        let s = parse("07:00 senin-jumat").expect("valid");
        // Friday 2026-11-27 after the slot: next is Monday 2026-11-30 07:00 WIB.
        assert_eq!(
            s.next_due(
                &jakarta(),
                Some("2026-11-27".parse().expect("d")),
                at("2026-11-27T05:00:00Z")
            ),
            Some(at("2026-11-30T00:00:00Z"))
        );
        // Saturday morning: nothing due.
        assert_eq!(s.due(&jakarta(), None, at("2026-11-28T03:00:00Z")), None);
    }
}
