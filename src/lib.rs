//! kelasbot: a Telegram bot for Indonesian classroom groups, teaching the subjects in its content
//! packs (*Kerja Sama Internasional*, *Perubahan Sosial Budaya dan Globalisasi*).
//!
//! # Codemap
//!
//! The crate is a pure core wrapped by thin adapters. The core never awaits, never reads the
//! clock and does no IO: it takes input (and `now` where time matters) and returns what should
//! be said or done.
//!
//! Core:
//! - [`config`] — `Config` from the environment and `.env`, validated once; errors name the variable.
//! - [`content`] — subject packs: the YAML schema (`Pack` with its topics, `FaqEntry`, `Fact`,
//!   `QuizItem`, `Source`), parsing and every validation rule; `load_dir` (one pack) and
//!   `load_library` (every pack) are the only parts that touch the disk.
//! - [`answer`] — `FaqIndex`: normalise, correct typos, score, decide (`Outcome`, `Tuning`).
//! - [`facts`] — each chat's `Rotation` through the facts; `schedule` for daily-fact times.
//! - [`state`] — `State` of every chat; `state::snapshot` is the versioned file format
//!   (encode, decode) and does no IO.
//! - [`sets`] — teachers' own quiz sets: an `.xlsx` or `.csv` (Kahoot's, Quizizz's or the
//!   bot's template) or a pasted list read within bounds and checked row by row; a set's file
//!   format. The adapters download; the driver writes the files (`driver::set_store`).
//! - [`quiz`] — rounds as a state machine with time passed in, scoring, question choice, boards,
//!   practice.
//! - [`app`] — `App::handle`: an `Event` in, `Effect`s out; `App::tick` runs what is due (quiz
//!   rounds, daily facts) and `App::next_wake` says when to call it next; routing and which
//!   events need a teacher check (`dispatch`); answers and facts from the chat's subject
//!   (`ask`), `/materi` (`subject`), a reload of the packs (`App::reloaded`); daily facts (`daily`);
//!   quiz rounds (`rounds`), scoreboards, reset and export (`scores`), practice; teacher-command
//!   limits (`guard`); callback data. Effects that must wait for the disk say so
//!   (`Effect::AfterSnapshot`), and a write that failed comes back as `Event::Unsaved`.
//! - [`commands`], [`texts`], [`html`], [`rng`] — the one table of commands (who, where, late
//!   handling, menus, help) and their parsing, every sentence the bot says (help and menus
//!   rendered from the table), escaping, seeded shuffles.
//!
//! Edge:
//! - [`driver`] — the one loop both adapters run the app through: effects to the adapter's
//!   `Port`, snapshot writes before what waits for them and on a period (`store` holds the
//!   file IO), wake-ups at `App::next_wake` on a `Clock` (the wall's, or tokio's in tests),
//!   what the port learned fed back as events; `Driver::reload` reads the packs again.
//!
//! Adapters (each turns its input into events and implements the driver's port):
//! - [`telegram`] — start-up, the event loop and shutdown (`mod.rs`), long polling (`poll`),
//!   update → event (`convert`), teacher checks before an event goes on and the port to the
//!   outbox (`engine`, `teachers`), the outbox with its limits and requests (`outbox`,
//!   `limits`, `deliver`), loading the snapshot (`persist`), signals.
//! - [`playground`] — the same app in a terminal: lines in, messages printed (`screen`), a
//!   clock that can be moved forward.
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
pub mod report;
pub mod rng;
pub mod sets;
pub mod state;
pub mod telegram;
pub mod texts;
