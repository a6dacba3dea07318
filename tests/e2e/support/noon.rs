//! Daily facts without waiting for 07:00: a zone where it is noon now, and groups whose fact
//! for today is due the moment the bot starts.

#![allow(dead_code)]

use kelasbot::driver::store;
use kelasbot::facts::schedule::Schedule;
use kelasbot::state::{State, Subscription, snapshot};

/// A zone where it is about noon now (Etc/GMT-N is N hours ahead of UTC), so that no test
/// sees the local date change while it runs.
pub fn noon_zone() -> (String, jiff::tz::TimeZone) {
    let hour = i32::from(
        jiff::Timestamp::now()
            .to_zoned(jiff::tz::TimeZone::UTC)
            .hour(),
    );
    let ahead = 12 - hour;
    let name = match ahead {
        0 => "Etc/GMT".to_string(),
        a if a > 0 => format!("Etc/GMT-{a}"),
        a => format!("Etc/GMT+{}", -a),
    };
    let zone = jiff::tz::TimeZone::get(&name).expect("a bundled zone");
    (name, zone)
}

/// Today's date where it is noon now.
pub fn today() -> jiff::civil::Date {
    jiff::Timestamp::now().to_zoned(noon_zone().1).date()
}

/// Writes a snapshot in `data_dir/data` where `groups` are subscribed at 00:00 (in the noon
/// zone) and their last fact was yesterday: today's is due the moment the bot starts (the
/// same-day catch-up), which is what a 07:00 minute looks like.
pub fn seed_groups(data_dir: &std::path::Path, groups: &[i64]) {
    let yesterday = today().yesterday().expect("a date");
    let mut state = State::default();
    for &group in groups {
        state.chat(group).subscription = Some(Subscription {
            schedule: Schedule {
                hour: 0,
                minute: 0,
                ..Schedule::default()
            },
            thread: None,
            last_date: Some(yesterday),
        });
    }
    store::write_atomic(
        &data_dir.join("data").join(snapshot::FILE_NAME),
        &snapshot::encode(&state),
    )
    .expect("seed snapshot");
}
