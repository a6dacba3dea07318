//! Shared test support: a fake Bot API server and the bot binary as a child process.

pub mod bot;
pub mod fake_api;
pub mod noon;
pub mod quiz;
