//! The `kelasbot` binary: parse the command line, load configuration and content, run a command.

use std::process::ExitCode;

use clap::Parser;
use kelasbot::cli::{self, Cli, Command};
use kelasbot::config::Config;
use kelasbot::content;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(e) = load_dotenv() {
        eprintln!("kelasbot: {e}");
        return ExitCode::FAILURE;
    }
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("kelasbot: configuration error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = match cli.command {
        Command::Check { json } => cli::check(
            &config.content_dir,
            json,
            &mut std::io::stdout(),
            &mut std::io::stderr(),
        ),
        Command::Ask { question, json } => match content::load_dir(&config.content_dir) {
            Ok(loaded) => {
                cli::ask(&loaded.content, &question, json, &mut std::io::stdout()).map(|()| true)
            }
            Err(problems) => {
                for p in &problems {
                    eprintln!("error: {p}");
                }
                eprintln!("kelasbot: the content is invalid; run `kelasbot check` for details.");
                Ok(false)
            }
        },
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("kelasbot: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Loads `.env` from the working directory if there is one; a malformed file is an error that
/// names the line, never silently half-read.
fn load_dotenv() -> Result<(), String> {
    match dotenvy::dotenv() {
        Ok(_) => Ok(()),
        Err(e) if e.not_found() => Ok(()),
        Err(dotenvy::Error::LineParse(line, index)) => Err(format!(
            ".env: cannot parse {line:?} (at character {index}); expected NAME=value"
        )),
        Err(e) => Err(format!(".env: {e}")),
    }
}
