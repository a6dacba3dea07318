//! The signals: shutdown (Ctrl-C, SIGTERM) and reload (SIGHUP).

/// Completes on Ctrl-C (SIGINT) or SIGTERM, which systemd and container runtimes send.
pub(super) async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => tracing::info!("Ctrl-C received, shutting down"),
        _ = term => tracing::info!("SIGTERM received, shutting down"),
    }
}

/// SIGHUP, as a stream of reload requests (never one where there is no such signal).
pub(super) struct Hangups {
    #[cfg(unix)]
    signal: Option<tokio::signal::unix::Signal>,
}

pub(super) fn hangups() -> Hangups {
    Hangups {
        #[cfg(unix)]
        signal: tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup()).ok(),
    }
}

impl Hangups {
    /// The next SIGHUP.
    pub(super) async fn recv(&mut self) -> Option<()> {
        #[cfg(unix)]
        if let Some(signal) = self.signal.as_mut() {
            return signal.recv().await;
        }
        std::future::pending().await
    }
}
