//! kelasbot: a Telegram bot for Indonesian classroom groups, teaching *Kerja Sama Internasional*.
//!
//! # Codemap
//!
//! The crate is a pure core wrapped by thin adapters. The core never awaits, never reads the
//! clock and does no IO: it takes input (and `now` where time matters) and returns what should
//! be said or done.
//!
//! Core:
//! - [`config`] — `Config` from the environment and `.env`, validated once; errors name the variable.
//! - [`content`] — the YAML schema (`FaqEntry`, `Fact`, `QuizItem`, `Source`), parsing and every
//!   validation rule; `load_dir` is the only part that touches the disk.
//! - [`answer`] — `FaqIndex`: normalise, correct typos, score, decide (`Outcome`, `Tuning`).
//! - [`facts`] — each chat's `Rotation` through the facts; `schedule` for daily-fact times.
//! - [`state`] — `State` of every chat; `state::snapshot` is the versioned file format.
//! - [`quiz`] — rounds as a state machine with time passed in, scoring, question choice, boards,
//!   practice.
//! - [`app`] — `App::handle`: an `Event` in, `Effect`s out; which events need a teacher check
//!   (`teacher_check`); daily-fact due times (`due_facts`); quiz rounds and their clock
//!   (`rounds`, `quiz_tick`), scoreboards, reset and export (`scores`), practice; teacher-command
//!   limits (`guard`); callback data.
//! - [`commands`], [`texts`], [`html`], [`rng`] — the one table of commands (who, where, late
//!   handling, menus, help) and their parsing, every sentence the bot says (help and menus
//!   rendered from the table), escaping, seeded shuffles.
//!
//! Adapters:
//! - [`telegram`] — start-up and shutdown (`mod.rs`), long polling (`poll`), update → event
//!   (`convert`), the engine and teacher checks (`engine`, `teachers`), the outbox with its
//!   limits and requests (`outbox`, `limits`, `deliver`), snapshot writes (`persist`), and the
//!   daily-fact and quiz clocks and signals (`clocks`).
//! - [`playground`] — the same app in a terminal, with a clock that can be moved forward.
//! - [`cli`] — the subcommands and their operator-facing output.
//!
//! Invariants: invalid content is never half-used (any error rejects the whole set); every entry
//! cites a source listed in `sources.yaml`; ids fit in callback data; no lock is held across an
//! await; the snapshot file is written atomically and never overwritten when unreadable; a
//! daily fact is on disk before it is sent, a round's podium only after its points are.

pub mod answer;
pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
pub mod content;
pub mod driver;
pub mod facts;
pub mod html;
pub mod playground;
pub mod quiz;
pub mod rng;
pub mod state;
pub mod telegram;
pub mod texts;
