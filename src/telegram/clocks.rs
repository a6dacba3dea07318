//! The clocks: the daily-fact scheduler, the quiz clock, and the shutdown signals.

use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use tokio::sync::{Notify, watch};

use super::engine::Sink;

/// Longest sleep of the daily-fact scheduler: it also wakes when a subscription changes, and
/// looks again at least this often in case the wall clock was set.
const FACT_LOOP_MAX_SLEEP: Duration = Duration::from_secs(15 * 60);
/// After a failed snapshot write, daily facts wait this long before trying again.
const FACT_RETRY: Duration = Duration::from_secs(30);

/// Sends the daily facts: sleeps until the next one is due, records the due ones in a written
/// snapshot, then hands them to the outbox behind interactive traffic (at-most-once).
pub(super) async fn fact_loop(sink: Sink, wake: Arc<Notify>, mut stop: watch::Receiver<bool>) {
    let persist = sink.persist.clone();
    let app = persist.app.clone();
    loop {
        let now = Timestamp::now();
        let due = app.due_facts(now);
        let mut wait = None;
        if !due.is_empty() {
            match persist.write_now().await {
                Ok(()) => {
                    tracing::info!(groups = due.len(), "daily facts recorded; sending");
                    sink.submit(due.into_iter().map(|f| f.effect).collect());
                }
                Err(e) => {
                    tracing::error!(error = %e, groups = due.len(), "snapshot write failed; daily facts held back");
                    app.unsend(&due);
                    wait = Some(FACT_RETRY);
                }
            }
        }
        let wait = wait.unwrap_or_else(|| {
            let now = Timestamp::now();
            app.next_fact_at(now)
                .and_then(|t| Duration::try_from(t.duration_since(now)).ok())
                .map_or(FACT_LOOP_MAX_SLEEP, |d| d.min(FACT_LOOP_MAX_SLEEP))
        });
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = wake.notified() => {}
            _ = stop.changed() => return,
        }
    }
}

/// Longest sleep of the quiz clock when no round runs; a command or a press wakes it.
const QUIZ_LOOP_MAX_SLEEP: Duration = Duration::from_secs(60 * 60);

/// Moves quiz rounds on: sleeps until a round's next moment (a deadline, a live-count edit,
/// the next question) or until an event wakes it, then lets the app step every due round.
pub(super) async fn quiz_loop(sink: Sink, wake: Arc<Notify>, mut stop: watch::Receiver<bool>) {
    let app = sink.persist.app.clone();
    loop {
        sink.submit(app.quiz_tick(Timestamp::now()));
        let wait = app.next_quiz_wake().map_or(QUIZ_LOOP_MAX_SLEEP, |t| {
            Duration::try_from(t.duration_since(Timestamp::now()))
                .unwrap_or(Duration::ZERO)
                .min(QUIZ_LOOP_MAX_SLEEP)
        });
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = wake.notified() => {}
            _ = stop.changed() => return,
        }
    }
}

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
