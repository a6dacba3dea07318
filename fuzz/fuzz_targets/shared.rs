//! One app over the shipped content, built once per fuzzing process.

use std::path::Path;
use std::sync::OnceLock;

use kelasbot::app::App;
use kelasbot::state::State;

pub fn app() -> &'static App {
    static APP: OnceLock<App> = OnceLock::new();
    APP.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        match kelasbot::content::load_dir(&dir) {
            Ok(l) => App::new(l.content, State::default(), "kelasbot"),
            Err(p) => panic!("content invalid: {p:?}"),
        }
    })
}

pub fn now() -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_800_000_000).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}
