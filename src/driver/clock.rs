//! The driver's clock: the wall clock, or (in tests) tokio's, which a paused runtime moves
//! only when everything waits; either can be moved forward by hand (the playground's `:maju`).

use jiff::{SignedDuration, Timestamp};
use tokio::time::Instant;

#[derive(Debug, Clone)]
pub struct Clock {
    source: Source,
    /// How far this clock has been moved ahead of its source.
    offset: SignedDuration,
}

#[derive(Debug, Clone)]
enum Source {
    Wall,
    /// `base` at `start`, then as far on as tokio's clock has gone.
    Tokio {
        base: Timestamp,
        start: Instant,
    },
}

impl Clock {
    /// The system's clock.
    pub fn wall() -> Clock {
        Clock {
            source: Source::Wall,
            offset: SignedDuration::ZERO,
        }
    }

    /// Starts at `base` and runs with tokio's clock: with paused time (`start_paused`), a
    /// test's 20-second question passes as soon as nothing else is left to do.
    pub fn tokio(base: Timestamp) -> Clock {
        Clock {
            source: Source::Tokio {
                base,
                start: Instant::now(),
            },
            offset: SignedDuration::ZERO,
        }
    }

    pub fn now(&self) -> Timestamp {
        let source = match &self.source {
            Source::Wall => Timestamp::now(),
            Source::Tokio { base, start } => {
                let gone = SignedDuration::try_from(start.elapsed()).unwrap_or(SignedDuration::MAX);
                base.saturating_add(gone).unwrap_or(*base)
            }
        };
        source.saturating_add(self.offset).unwrap_or(source)
    }

    pub fn advance(&mut self, by: SignedDuration) {
        self.offset = self.offset.saturating_add(by);
    }

    /// Whether the time can be set under it (so long sleeps look again now and then).
    pub fn follows_wall(&self) -> bool {
        matches!(self.source, Source::Wall)
    }
}
