//! The playground on a terminal: the input loop, with the driver's timers running between
//! lines, and the start-up from the bot's own configuration and snapshot.

use std::io::Write;
use std::sync::Arc;

use tokio::io::{AsyncBufRead, AsyncBufReadExt};

use super::{Playground, Style};
use crate::app::App;
use crate::driver::{Clock, store};

impl<W: Write> Playground<W> {
    /// Reads lines until `:keluar` or the end of input, running timers in between.
    pub async fn run(&mut self, input: impl AsyncBufRead + Unpin) -> std::io::Result<()> {
        let mut lines = input.lines();
        loop {
            if !self.echo {
                let prompt = self.prompt();
                self.driver.port().prompt(&prompt);
            }
            tokio::select! {
                // What is due runs before the next line is read.
                biased;
                () = self.driver.sleep() => {
                    if !self.echo {
                        self.say("");
                    }
                    self.driver.wake().await;
                    self.driver.settle().await;
                }
                line = lines.next_line() => match line? {
                    Some(l) => {
                        if !self.input(&l).await {
                            break;
                        }
                    }
                    None => break,
                },
                // Ctrl-C ends the session like :keluar: the state is written first.
                _ = tokio::signal::ctrl_c() => {
                    self.say("");
                    break;
                }
            }
        }
        self.driver.save_now().await;
        self.say("Sampai jumpa! Data playground tersimpan.");
        Ok(())
    }
}

/// Runs the playground on the terminal (or whatever stdin and stdout are): the state from
/// the same snapshot file as the bot, the same settings. `banner` says why it started.
pub fn run_in_terminal(
    config: &crate::config::Config,
    content: crate::content::Library,
    banner: &str,
) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    let path = config.data_dir.join(store::FILE_NAME);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let loaded = store::load(&path, now)?;
    if let Some((aside, why)) = &loaded.set_aside {
        eprintln!(
            "kelasbot: {} was unusable ({why}); it was moved to {} and the playground starts empty",
            path.display(),
            aside.display()
        );
    }
    let settings = crate::app::Settings::from_config(config);
    let app = Arc::new(App::with_settings(
        content,
        loaded.state,
        "kelasbot",
        settings,
    ));
    let style = Style {
        ansi: std::io::stdout().is_terminal(),
    };
    let echo = !std::io::stdin().is_terminal();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let mut playground = Playground::new(
            app,
            std::io::stdout(),
            style,
            echo,
            config.data_dir.clone(),
            Clock::wall(),
        );
        playground.reload_from(config.content_dir.clone());
        playground.start(banner).await;
        playground
            .run(tokio::io::BufReader::new(tokio::io::stdin()))
            .await
    })?;
    Ok(())
}
