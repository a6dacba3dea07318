//! The driver's clock: the wall clock; the wall clock running several times faster (end-to-end
//! tests against a local Bot API, `KELASBOT_TIME_SCALE`); or tokio's, which a paused runtime
//! moves only when everything waits. Any can be moved forward by hand (the playground's
//! `:maju`).

use std::time::Duration;

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
    /// `base` at `start`, then `scale` seconds for every real one.
    Scaled {
        base: Timestamp,
        start: std::time::Instant,
        scale: u32,
    },
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

    /// The system's clock, `scale` times as fast from now on (1: the wall clock itself).
    pub fn scaled(scale: u32) -> Clock {
        if scale <= 1 {
            return Clock::wall();
        }
        Clock {
            source: Source::Scaled {
                base: Timestamp::now(),
                start: std::time::Instant::now(),
                scale,
            },
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
            Source::Scaled { base, start, scale } => {
                let gone = start.elapsed().saturating_mul(*scale);
                let gone = SignedDuration::try_from(gone).unwrap_or(SignedDuration::MAX);
                base.saturating_add(gone).unwrap_or(*base)
            }
            Source::Tokio { base, start } => {
                let gone = SignedDuration::try_from(start.elapsed()).unwrap_or(SignedDuration::MAX);
                base.saturating_add(gone).unwrap_or(*base)
            }
        };
        source.saturating_add(self.offset).unwrap_or(source)
    }

    /// A moment on the wall clock (a Telegram date, when an update arrived) in this clock's
    /// time.
    pub fn from_wall(&self, at: Timestamp) -> Timestamp {
        let mapped = match &self.source {
            Source::Scaled { base, scale, .. } => {
                let since = at.duration_since(*base);
                let since = since
                    .checked_mul(i32::try_from(*scale).unwrap_or(1))
                    .unwrap_or(since);
                base.saturating_add(since).unwrap_or(at)
            }
            Source::Wall | Source::Tokio { .. } => at,
        };
        mapped.saturating_add(self.offset).unwrap_or(mapped)
    }

    /// How long to really wait for `span` of this clock's time to pass.
    pub fn real(&self, span: SignedDuration) -> Duration {
        let span = Duration::try_from(span).unwrap_or_default();
        match &self.source {
            Source::Scaled { scale, .. } => span / (*scale).max(1),
            Source::Wall | Source::Tokio { .. } => span,
        }
    }

    pub fn advance(&mut self, by: SignedDuration) {
        self.offset = self.offset.saturating_add(by);
    }

    /// Whether the time can be set under it (so long sleeps look again now and then).
    pub fn follows_wall(&self) -> bool {
        matches!(self.source, Source::Wall | Source::Scaled { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scaled_clock_maps_wall_moments_and_waits_shorter() {
        let clock = Clock::scaled(5);
        let Source::Scaled { base, .. } = clock.source else {
            panic!("scaled")
        };
        let later = base + SignedDuration::from_secs(2);
        assert_eq!(clock.from_wall(later), base + SignedDuration::from_secs(10));
        let earlier = base - SignedDuration::from_secs(1);
        assert_eq!(
            clock.from_wall(earlier),
            base - SignedDuration::from_secs(5)
        );
        assert_eq!(
            clock.real(SignedDuration::from_secs(10)),
            Duration::from_secs(2)
        );
        assert!(clock.now() >= base);
        assert!(matches!(Clock::scaled(1).source, Source::Wall));
    }

    #[test]
    fn a_moved_clock_maps_wall_moments_with_it() {
        let mut clock = Clock::wall();
        clock.advance(SignedDuration::from_hours(1));
        let at: Timestamp = "2026-12-06T01:00:00Z".parse().expect("timestamp");
        assert_eq!(clock.from_wall(at), at + SignedDuration::from_hours(1));
        assert_eq!(
            clock.real(SignedDuration::from_secs(3)),
            Duration::from_secs(3)
        );
    }
}
