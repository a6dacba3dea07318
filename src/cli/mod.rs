//! The command line: subcommands, and the operator-facing output of each.

mod ask;
mod check;

use clap::{Parser, Subcommand};

pub use ask::ask;
pub use check::check;

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
}
