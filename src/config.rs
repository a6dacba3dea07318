//! Configuration from the environment (and `.env`), validated once at start-up.
//!
//! Every variable is optional except the bot token, and only `run` needs that. A bad value is
//! an error that names the variable; the token itself is never printed.

use std::collections::BTreeSet;
use std::path::PathBuf;

use jiff::tz::TimeZone;

/// Allowed seconds per quiz question, inclusive.
pub const QUIZ_SECONDS_RANGE: (u32, u32) = (10, 120);
/// Allowed snapshot interval in seconds, inclusive.
pub const SNAPSHOT_SECS_RANGE: (u64, u64) = (1, 3600);

/// A configuration problem, naming the variable it comes from.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("{var} is not valid Unicode")]
    NotUnicode { var: &'static str },
    #[error("{var}={value:?} is invalid: {reason}")]
    Invalid {
        var: &'static str,
        value: String,
        reason: String,
    },
    /// Used for the token, whose value must never reach a log or a terminal.
    #[error("{var} is invalid: {reason}")]
    InvalidSecret { var: &'static str, reason: String },
}

/// The validated configuration.
#[derive(Clone)]
pub struct Config {
    pub token: Option<String>,
    pub api_url: Option<String>,
    pub content_dir: PathBuf,
    pub data_dir: PathBuf,
    pub teachers: BTreeSet<i64>,
    pub tz_name: String,
    pub tz: TimeZone,
    pub quiz_seconds: u32,
    pub snapshot_secs: u64,
    /// `KELASBOT_QUIZ_SEED`: fixes which questions a round asks and in what order, for a demo
    /// or a test that must repeat; unset, every round differs.
    pub quiz_seed: Option<u64>,
    /// `KELASBOT_DEFAULT_SUBJECT`: the pack id chats are taught until they pick one with
    /// `/materi`; checked against the packs when they are loaded.
    pub default_subject: Option<String>,
    /// `KELASBOT_KEEP_UNANSWERED=1`: questions from private chats the bot could not answer
    /// are kept (text only, per subject, 30 days) for the operator's `kelasbot unanswered`.
    pub keep_unanswered: bool,
    /// `KELASBOT_TIME_SCALE`: how many times faster than real time the bot's clock runs, for
    /// end-to-end tests against a local Bot API; 1 otherwise.
    pub time_scale: u32,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("token", &self.token.as_ref().map(|_| "<set>"))
            .field("api_url", &self.api_url)
            .field("content_dir", &self.content_dir)
            .field("data_dir", &self.data_dir)
            .field("teachers", &self.teachers)
            .field("tz", &self.tz_name)
            .field("quiz_seconds", &self.quiz_seconds)
            .field("snapshot_secs", &self.snapshot_secs)
            .finish()
    }
}

/// What a variable lookup found: absent, a value, or bytes that are not Unicode.
pub enum Lookup {
    Unset,
    Value(String),
    NotUnicode,
}

impl Config {
    /// Reads the process environment (after `.env` has been loaded by the caller).
    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_lookup(|name| match std::env::var(name) {
            Ok(v) => Lookup::Value(v),
            Err(std::env::VarError::NotPresent) => Lookup::Unset,
            Err(std::env::VarError::NotUnicode(_)) => Lookup::NotUnicode,
        })
    }

    /// Builds the configuration from any lookup function, so tests need no process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Lookup) -> Result<Config, ConfigError> {
        let get = |var: &'static str| -> Result<Option<String>, ConfigError> {
            match lookup(var) {
                Lookup::Unset => Ok(None),
                Lookup::NotUnicode => Err(ConfigError::NotUnicode { var }),
                Lookup::Value(v) if v.trim().is_empty() => Ok(None),
                Lookup::Value(v) => Ok(Some(v.trim().to_string())),
            }
        };
        let invalid = |var: &'static str, value: &str, reason: &str| ConfigError::Invalid {
            var,
            value: value.to_string(),
            reason: reason.to_string(),
        };

        let token = get("TELOXIDE_TOKEN")?;
        if let Some(t) = &token {
            check_token(t)?;
        }
        let api_url = get("TELOXIDE_API_URL")?;
        if let Some(u) = &api_url
            && !(u.starts_with("http://") || u.starts_with("https://"))
        {
            return Err(invalid(
                "TELOXIDE_API_URL",
                u,
                "expected a URL starting with http:// or https://",
            ));
        }
        let content_dir = PathBuf::from(get("KELASBOT_CONTENT_DIR")?.unwrap_or("content".into()));
        let data_dir = PathBuf::from(get("KELASBOT_DATA_DIR")?.unwrap_or("data".into()));

        let mut teachers = BTreeSet::new();
        if let Some(list) = get("KELASBOT_TEACHERS")? {
            for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                let id = part.parse::<i64>().map_err(|_| {
                    invalid(
                        "KELASBOT_TEACHERS",
                        &list,
                        &format!("{part:?} is not a numeric Telegram user id"),
                    )
                })?;
                teachers.insert(id);
            }
        }

        let tz_name = get("KELASBOT_TZ")?.unwrap_or("Asia/Jakarta".into());
        let tz = TimeZone::get(&tz_name).map_err(|_| {
            invalid(
                "KELASBOT_TZ",
                &tz_name,
                "not a known IANA time zone name (for example Asia/Jakarta, Asia/Makassar, Asia/Jayapura)",
            )
        })?;

        let quiz_seconds = match get("KELASBOT_QUIZ_SECONDS")? {
            None => 20,
            Some(v) => parse_in_range("KELASBOT_QUIZ_SECONDS", &v, QUIZ_SECONDS_RANGE)?,
        };
        let snapshot_secs = match get("KELASBOT_SNAPSHOT_SECS")? {
            None => 30,
            Some(v) => parse_in_range("KELASBOT_SNAPSHOT_SECS", &v, SNAPSHOT_SECS_RANGE)?,
        };
        let quiz_seed = match get("KELASBOT_QUIZ_SEED")? {
            None => None,
            Some(v) => Some(parse_in_range("KELASBOT_QUIZ_SEED", &v, (0, u64::MAX))?),
        };

        let keep_unanswered = match get("KELASBOT_KEEP_UNANSWERED")?.as_deref() {
            None | Some("0") => false,
            Some("1") => true,
            Some(other) => {
                return Err(invalid(
                    "KELASBOT_KEEP_UNANSWERED",
                    other,
                    "expected 1 (keep private chats' unanswered questions) or 0",
                ));
            }
        };

        let default_subject = get("KELASBOT_DEFAULT_SUBJECT")?;
        let time_scale = match get("KELASBOT_TIME_SCALE")? {
            None => 1,
            Some(v) => parse_in_range("KELASBOT_TIME_SCALE", &v, TIME_SCALE_RANGE)?,
        };
        if time_scale != 1 && !api_url.as_deref().is_some_and(is_loopback) {
            return Err(invalid(
                "KELASBOT_TIME_SCALE",
                &time_scale.to_string(),
                "a faster clock is only for tests against a Bot API on this machine: \
                 set TELOXIDE_API_URL to a loopback address (127.0.0.1, ::1 or localhost) \
                 or leave KELASBOT_TIME_SCALE unset",
            ));
        }

        Ok(Config {
            token,
            api_url,
            content_dir,
            data_dir,
            teachers,
            tz_name,
            tz,
            quiz_seconds,
            snapshot_secs,
            quiz_seed,
            default_subject,
            time_scale,
            keep_unanswered,
        })
    }
}

/// `KELASBOT_TIME_SCALE`'s bounds: fast enough to skip a 10-second question in two, slow
/// enough that a Telegram date (whole seconds) still reads as recent.
pub const TIME_SCALE_RANGE: (u32, u32) = (1, 10);

/// Whether `url` points at this machine.
fn is_loopback(url: &str) -> bool {
    match url::Url::parse(url)
        .ok()
        .and_then(|u| u.host().map(|h| h.to_owned()))
    {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

fn parse_in_range<T>(var: &'static str, value: &str, (lo, hi): (T, T)) -> Result<T, ConfigError>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display + Copy,
{
    match value.parse::<T>() {
        Ok(n) if n >= lo && n <= hi => Ok(n),
        _ => Err(ConfigError::Invalid {
            var,
            value: value.to_string(),
            reason: format!("expected a whole number from {lo} to {hi}"),
        }),
    }
}

/// A bot token from @BotFather looks like `123456789:AA...`: digits, a colon, a secret.
fn check_token(token: &str) -> Result<(), ConfigError> {
    let ok = match token.split_once(':') {
        Some((id, secret)) => {
            !id.is_empty()
                && id.bytes().all(|b| b.is_ascii_digit())
                && !secret.is_empty()
                && secret
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        }
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(ConfigError::InvalidSecret {
            var: "TELOXIDE_TOKEN",
            reason: "it does not look like a bot token from @BotFather (<digits>:<secret>)".into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|name| match vars.iter().find(|(k, _)| k == name) {
            Some((_, v)) => Lookup::Value(v.clone()),
            None => Lookup::Unset,
        })
    }

    #[test]
    fn defaults_apply_when_nothing_is_set() {
        let c = config(&[]).expect("defaults are valid");
        assert_eq!(c.token, None);
        assert_eq!(c.content_dir, PathBuf::from("content"));
        assert_eq!(c.data_dir, PathBuf::from("data"));
        assert!(c.teachers.is_empty());
        assert_eq!(c.tz_name, "Asia/Jakarta");
        assert_eq!(c.quiz_seconds, 20);
        assert_eq!(c.snapshot_secs, 30);
        assert_eq!(c.quiz_seed, None);
        assert_eq!(c.time_scale, 1);
    }

    #[test]
    fn a_faster_clock_needs_a_bot_api_on_this_machine() {
        for url in [
            "http://localhost:8081",
            "http://[::1]:9000/",
            "http://127.0.0.1",
        ] {
            let c = config(&[("TELOXIDE_API_URL", url), ("KELASBOT_TIME_SCALE", "4")]);
            assert_eq!(c.expect("valid").time_scale, 4, "{url}");
        }
        for url in [
            None,
            Some("https://api.telegram.org"),
            Some("http://10.0.0.5:8081"),
        ] {
            let mut vars = vec![("KELASBOT_TIME_SCALE", "4")];
            vars.extend(url.map(|u| ("TELOXIDE_API_URL", u)));
            let err = config(&vars).expect_err("refused");
            let text = err.to_string();
            assert!(
                text.starts_with("KELASBOT_TIME_SCALE=\"4\" is invalid"),
                "{text}"
            );
            assert!(text.contains("loopback"), "{text}");
        }
        let c = config(&[("KELASBOT_TIME_SCALE", "1")]).expect("real time is always fine");
        assert_eq!(c.time_scale, 1);
    }

    #[test]
    fn values_are_parsed() {
        let c = config(&[
            ("TELOXIDE_TOKEN", "123:abc-DEF_9"),
            ("KELASBOT_TEACHERS", " 12, 34 ,"),
            ("KELASBOT_TZ", "Asia/Makassar"),
            ("KELASBOT_QUIZ_SECONDS", "45"),
            ("KELASBOT_SNAPSHOT_SECS", "5"),
            ("KELASBOT_QUIZ_SEED", "42"),
            ("KELASBOT_KEEP_UNANSWERED", "1"),
            ("TELOXIDE_API_URL", "http://127.0.0.1:8081"),
            ("KELASBOT_TIME_SCALE", "5"),
        ])
        .expect("valid");
        assert_eq!(c.time_scale, 5);
        assert_eq!(c.quiz_seed, Some(42));
        assert!(c.keep_unanswered);
        assert_eq!(c.token.as_deref(), Some("123:abc-DEF_9"));
        assert_eq!(c.teachers.into_iter().collect::<Vec<_>>(), vec![12, 34]);
        assert_eq!(c.tz_name, "Asia/Makassar");
        assert_eq!(c.quiz_seconds, 45);
        assert_eq!(c.snapshot_secs, 5);
    }

    #[test]
    fn bad_values_name_the_variable() {
        let cases = [
            (
                "KELASBOT_QUIZ_SECONDS",
                "5",
                "KELASBOT_QUIZ_SECONDS=\"5\" is invalid: expected a whole number from 10 to 120",
            ),
            (
                "KELASBOT_QUIZ_SECONDS",
                "dua puluh",
                "KELASBOT_QUIZ_SECONDS=\"dua puluh\" is invalid: expected a whole number from 10 to 120",
            ),
            (
                "KELASBOT_SNAPSHOT_SECS",
                "0",
                "KELASBOT_SNAPSHOT_SECS=\"0\" is invalid: expected a whole number from 1 to 3600",
            ),
            (
                "KELASBOT_QUIZ_SEED",
                "-1",
                "KELASBOT_QUIZ_SEED=\"-1\" is invalid: expected a whole number from 0 to 18446744073709551615",
            ),
            (
                "KELASBOT_TEACHERS",
                "12,abc",
                "KELASBOT_TEACHERS=\"12,abc\" is invalid: \"abc\" is not a numeric Telegram user id",
            ),
            (
                "TELOXIDE_API_URL",
                "localhost:8081",
                "TELOXIDE_API_URL=\"localhost:8081\" is invalid: expected a URL starting with http:// or https://",
            ),
        ];
        for (var, value, expected) in cases {
            let err = config(&[(var, value)]).expect_err(var);
            assert_eq!(err.to_string(), expected);
        }
        let err = config(&[("KELASBOT_TZ", "Asia/Bandung")]).expect_err("unknown zone");
        assert!(
            err.to_string()
                .starts_with("KELASBOT_TZ=\"Asia/Bandung\" is invalid")
        );
    }

    #[test]
    fn a_bad_token_is_refused_without_echoing_it() {
        let err = config(&[("TELOXIDE_TOKEN", "secret-without-colon")]).expect_err("bad token");
        let text = err.to_string();
        assert!(text.starts_with("TELOXIDE_TOKEN is invalid"));
        assert!(!text.contains("secret-without-colon"));
        let c = config(&[("TELOXIDE_TOKEN", "1:x")]).expect("valid");
        assert!(!format!("{c:?}").contains("1:x"));
    }
}
