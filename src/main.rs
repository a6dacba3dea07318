//! The `kelasbot` binary: parse the command line, load configuration and content, run a command.

use std::process::ExitCode;

use clap::Parser;
use kelasbot::cli::{self, Cli, Command};
use kelasbot::config::Config;
use kelasbot::content::{self, Library};

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
    let result = match cli.command.unwrap_or(Command::Run) {
        Command::Run => run(config),
        Command::Playground => playground(
            &config,
            "bot kelas di terminal, tanpa Telegram. Untuk menghubungkan bot sungguhan, isi \
             TELOXIDE_TOKEN di .env (lihat .env.example).",
        ),
        Command::Check { json } => cli::check(
            &config.content_dir,
            json,
            &mut std::io::stdout(),
            &mut std::io::stderr(),
        )
        .map_err(anyhow::Error::from),
        Command::Ask {
            question,
            json,
            subject,
        } => load_content(&config).and_then(|library| {
            let subject = match subject.as_deref().or(config.default_subject.as_deref()) {
                Some(id) => match library.get(id) {
                    Some(c) => c,
                    None => {
                        let known: Vec<&str> =
                            library.packs().iter().map(|c| c.pack.id.as_str()).collect();
                        anyhow::bail!(
                            "there is no subject {id:?} in {} (subjects: {})",
                            config.content_dir.display(),
                            known.join(", ")
                        );
                    }
                },
                None => library.first(),
            };
            cli::ask(subject, &question, json, &mut std::io::stdout())?;
            Ok(true)
        }),
        Command::Backup { to } => kelasbot::driver::backup::backup(&config.data_dir, &to)
            .map(|copied| {
                println!(
                    "Copied {} into {}: the snapshot{}, {} set(s), {} other file(s).",
                    config.data_dir.display(),
                    to.display(),
                    if copied.snapshot { "" } else { " (none yet)" },
                    copied.sets,
                    copied.others
                );
                true
            })
            .map_err(anyhow::Error::from),
        Command::Unanswered { subject, days } => unanswered(&config, subject.as_deref(), days),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("kelasbot: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Runs the Telegram bot. Content is validated first: the bot never runs on half of it.
/// Without a token, an interactive terminal gets the playground; anything else an error.
fn run(config: Config) -> anyhow::Result<bool> {
    if config.token.is_none() {
        use std::io::IsTerminal;
        if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
            return playground(
                &config,
                "TELOXIDE_TOKEN belum diisi, jadi bot berjalan di terminal. Untuk menghubungkan \
                 bot Telegram sungguhan, isi TELOXIDE_TOKEN di .env (lihat .env.example).",
            );
        }
        anyhow::bail!(
            "TELOXIDE_TOKEN is not set: put the bot token from @BotFather in .env (see .env.example) \
             or in the environment; or run `kelasbot playground` to try the bot in a terminal"
        );
    }
    init_logging();
    let content = load_content(&config)?;
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(kelasbot::telegram::run(config, content))?;
    Ok(true)
}

fn playground(config: &Config, banner: &str) -> anyhow::Result<bool> {
    let content = load_content(config)?;
    kelasbot::playground::run_in_terminal(config, content, banner)?;
    Ok(true)
}

fn load_content(config: &Config) -> anyhow::Result<Library> {
    match content::load_library(&config.content_dir) {
        Ok((library, _warnings)) => {
            if let Some(id) = &config.default_subject
                && library.get(id).is_none()
            {
                let known: Vec<&str> = library.packs().iter().map(|c| c.pack.id.as_str()).collect();
                anyhow::bail!(
                    "KELASBOT_DEFAULT_SUBJECT={id:?} is not a subject in {} (subjects: {})",
                    config.content_dir.display(),
                    known.join(", ")
                );
            }
            Ok(library)
        }
        Err(problems) => {
            for p in &problems {
                eprintln!("error: {p}");
            }
            anyhow::bail!(
                "the content in {} is invalid ({} problem(s)); run `kelasbot check` for details",
                config.content_dir.display(),
                problems.len()
            )
        }
    }
}

/// Logs go to stderr, filtered by RUST_LOG (default `info`).
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .init();
}

/// Loads `.env` from the working directory if there is one; a malformed file is an error that
/// names the line, never silently half-read.
fn load_dotenv() -> Result<(), String> {
    match dotenvy::dotenv() {
        Ok(_) => Ok(()),
        Err(e) if e.not_found() => Ok(()),
        // Only the start of the line is shown: the rest may be a secret.
        Err(dotenvy::Error::LineParse(line, index)) => {
            let name: String = line
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            Err(format!(
                ".env: cannot parse the line starting with {name:?} (at character {index}); expected NAME=value"
            ))
        }
        Err(e) => Err(format!(".env: {e}")),
    }
}

/// `kelasbot unanswered`: reads the snapshot without changing it (a damaged one is reported,
/// never moved aside: that is the bot's to do).
fn unanswered(config: &Config, subject: Option<&str>, days: i64) -> anyhow::Result<bool> {
    use kelasbot::state::snapshot::{self, Decoded};
    let path = config.data_dir.join(snapshot::FILE_NAME);
    let state = match std::fs::read(&path) {
        Ok(bytes) => match snapshot::decode(&bytes) {
            Decoded::State(state) => state,
            Decoded::Newer(v) => {
                anyhow::bail!("{} is of a newer format ({v})", path.display())
            }
            Decoded::Corrupt(why) => anyhow::bail!("{} is unusable: {why}", path.display()),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Default::default(),
        Err(e) => anyhow::bail!("cannot read {}: {e}", path.display()),
    };
    cli::unanswered(
        &state,
        subject,
        days,
        jiff::Timestamp::now(),
        &mut std::io::stdout(),
    )?;
    Ok(true)
}
