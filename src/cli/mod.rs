//! The command line: subcommands, and the operator-facing output of each.

mod ask;
mod check;
mod unanswered;

use clap::{Parser, Subcommand};

pub use ask::ask;
pub use check::check;
pub use unanswered::unanswered;

/// kelasbot — a Telegram bot for Indonesian classroom groups (Kerja Sama Internasional).
#[derive(Debug, Parser)]
#[command(name = "kelasbot", version, about, propagate_version = true)]
pub struct Cli {
    /// What to do; `run` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the Telegram bot with long polling (needs TELOXIDE_TOKEN). The default; without a
    /// token in an interactive terminal it starts the playground instead.
    Run,
    /// The whole bot in the terminal, without Telegram: a private chat and a class group where
    /// you act as the teacher or as students. `:help` inside explains it.
    Playground,
    /// Validate the content files, print counts per file, topic and article; exit non-zero on any error.
    Check {
        /// Print one JSON object instead of the table.
        #[arg(long)]
        json: bool,
    },
    /// Answer one question from the FAQ, as the bot would.
    Ask {
        /// The question, as a student would type it.
        question: String,
        /// Print one JSON object: subject, outcome, matched, id, score, answer, suggestions.
        #[arg(long)]
        json: bool,
        /// The subject (pack id) to answer from; the default subject when not given.
        #[arg(long)]
        subject: Option<String>,
    },
    /// Copy the data directory (snapshot, teachers' sets) into a new or empty folder, consistently,
    /// even while the bot runs.
    Backup {
        /// The folder to copy into.
        to: std::path::PathBuf,
    },
    /// List the questions from private chats the bot could not answer (kept only with
    /// KELASBOT_KEEP_UNANSWERED=1), read from the snapshot in KELASBOT_DATA_DIR.
    Unanswered {
        /// Only this subject (pack id).
        #[arg(long)]
        subject: Option<String>,
        /// Only the last this many days (at most 30 are kept).
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(i64).range(0..=30))]
        days: i64,
    },
}
