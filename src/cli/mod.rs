//! The command line: subcommands, and the operator-facing output of each.

mod check;

use clap::{Parser, Subcommand};

pub use check::check;

/// kelasbot — a Telegram bot for Indonesian classroom groups (Kerja Sama Internasional).
#[derive(Debug, Parser)]
#[command(name = "kelasbot", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the content files, print counts per file, topic and article; exit non-zero on any error.
    Check {
        /// Print one JSON object instead of the table.
        #[arg(long)]
        json: bool,
    },
}
