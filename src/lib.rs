//! kelasbot: a Telegram bot for Indonesian classroom groups, teaching *Kerja Sama Internasional*.
//!
//! # Codemap
//!
//! The crate is a pure core wrapped by thin adapters. The core never awaits, never reads the
//! clock and does no IO: it takes input (and `now` where time matters) and returns what should
//! be said or done.
//!
//! - [`config`] — `Config` from the environment and `.env`, validated once; errors name the variable.
//! - [`content`] — the YAML schema (`FaqEntry`, `Fact`, `QuizItem`, `Source`), parsing and every
//!   validation rule; `load_dir` is the only part that touches the disk.
//! - [`cli`] — the subcommands and their operator-facing output.
//!
//! Invariants: invalid content is never half-used (any error rejects the whole set); every entry
//! cites a source listed in `sources.yaml`; ids fit in callback data.

pub mod answer;
pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
pub mod content;
pub mod facts;
pub mod html;
pub mod rng;
pub mod state;
pub mod telegram;
pub mod texts;
