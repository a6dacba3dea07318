//! Practice that remembers: a small Leitner schedule per student. A question answered wrong
//! (in a group round or in practice) is due at the next practice; answered right there, it
//! comes back after 3 days, then after 7 days, then it is retired. Answered wrong again at any
//! step, it starts over. Time is passed in.

use std::collections::BTreeMap;

use jiff::{SignedDuration, Timestamp};

/// Teachers' sets a student keeps questions to review from; past that, the set with fewest
/// makes room.
pub const MAX_SETS: usize = 5;
/// Days until a question comes back after each right answer; past the last, it is retired.
pub const STEPS_DAYS: [i64; 2] = [3, 7];
/// Questions one student keeps to review per subject; past that, the one nearest retirement
/// goes (the oldest mistake among them).
pub const MAX_PER_SUBJECT: usize = 60;

/// Where one question stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Review {
    /// Right answers since it was last answered wrong.
    pub step: u8,
    pub due: Timestamp,
}

/// One student's questions to review in one subject, by quiz item id.
pub type Reviews = BTreeMap<String, Review>;

/// Question `id` was answered wrong at `now`: due at once.
pub fn wrong(reviews: &mut Reviews, id: &str, now: Timestamp) {
    reviews.insert(id.to_string(), Review { step: 0, due: now });
    while reviews.len() > MAX_PER_SUBJECT {
        let latest = reviews
            .iter()
            .max_by_key(|(_, r)| (r.step, std::cmp::Reverse(r.due)))
            .map(|(id, _)| id.clone());
        match latest {
            Some(id) => reviews.remove(&id),
            None => break,
        };
    }
}

/// Question `id` was answered right in practice at `now`: it comes back later, or retires.
/// A question not under review is left alone.
pub fn right(reviews: &mut Reviews, id: &str, now: Timestamp) {
    // Only a question that was due moves on: answering it again the same day skips nothing.
    let Some(r) = reviews.get_mut(id).filter(|r| r.due <= now) else {
        return;
    };
    match STEPS_DAYS.get(usize::from(r.step)) {
        Some(days) => {
            r.step += 1;
            r.due = now + SignedDuration::from_hours(24 * days);
        }
        None => {
            reviews.remove(id);
        }
    }
}

/// Days a question may stay due without being practised before it is dropped.
pub const STALE_DAYS: i64 = 30;

/// Drops the questions due for more than [`STALE_DAYS`] at `now` (a student who stopped
/// practising does not keep them forever).
pub fn forget_stale(reviews: &mut Reviews, now: Timestamp) {
    let stale = SignedDuration::from_hours(24 * STALE_DAYS);
    reviews.retain(|_, r| now.duration_since(r.due) < stale);
}

/// The ids due at `now`, the longest due first.
pub fn due(reviews: &Reviews, now: Timestamp) -> Vec<String> {
    let mut ids: Vec<(&String, &Review)> = reviews.iter().filter(|(_, r)| r.due <= now).collect();
    ids.sort_by_key(|(id, r)| (r.due, (*id).clone()));
    ids.into_iter().map(|(id, _)| id.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_answer_comes_back_after_three_then_seven_days_then_retires() {
        let day = SignedDuration::from_hours(24);
        let t0: Timestamp = "2026-12-01T01:00:00Z".parse().expect("time");
        let mut r = Reviews::new();
        wrong(&mut r, "q1", t0);
        assert_eq!(due(&r, t0), ["q1"]);
        // Right at the next practice: back in 3 days, not before.
        right(&mut r, "q1", t0 + day);
        assert!(due(&r, t0 + day * 3).is_empty());
        assert_eq!(due(&r, t0 + day * 4), ["q1"]);
        // Right again: back in 7 days.
        right(&mut r, "q1", t0 + day * 4);
        assert!(due(&r, t0 + day * 10).is_empty());
        assert_eq!(due(&r, t0 + day * 11), ["q1"]);
        // Right a third time: retired.
        right(&mut r, "q1", t0 + day * 11);
        assert!(r.is_empty());
        // Wrong at any step starts over.
        wrong(&mut r, "q2", t0);
        right(&mut r, "q2", t0);
        wrong(&mut r, "q2", t0 + day);
        assert_eq!(
            r["q2"],
            Review {
                step: 0,
                due: t0 + day
            }
        );
        // Answered right again before it is due: nothing moves.
        wrong(&mut r, "q4", t0);
        right(&mut r, "q4", t0);
        right(&mut r, "q4", t0 + day);
        right(&mut r, "q4", t0 + day * 2);
        assert_eq!(
            r["q4"],
            Review {
                step: 1,
                due: t0 + day * 3
            }
        );
        // A question never answered wrong is not put under review by a right answer.
        right(&mut r, "q3", t0);
        assert!(!r.contains_key("q3"));
    }

    #[test]
    fn a_question_never_practised_is_dropped_after_thirty_days() {
        let t0: Timestamp = "2026-12-01T01:00:00Z".parse().expect("time");
        let day = SignedDuration::from_hours(24);
        let mut r = Reviews::new();
        wrong(&mut r, "old", t0);
        wrong(&mut r, "new", t0 + day * 10);
        forget_stale(&mut r, t0 + day * 29);
        assert_eq!(r.len(), 2);
        forget_stale(&mut r, t0 + day * 30);
        assert_eq!(r.keys().collect::<Vec<_>>(), ["new"]);
    }

    #[test]
    fn due_oldest_first_and_bounded() {
        let t0: Timestamp = "2026-12-01T01:00:00Z".parse().expect("time");
        let mut r = Reviews::new();
        for n in 0..(MAX_PER_SUBJECT + 5) {
            wrong(
                &mut r,
                &format!("q{n:03}"),
                t0 + SignedDuration::from_secs(n as i64),
            );
        }
        assert_eq!(r.len(), MAX_PER_SUBJECT);
        let later = t0 + SignedDuration::from_hours(1);
        assert_eq!(due(&r, later)[0], "q005");
        assert!(r.contains_key(&format!("q{:03}", MAX_PER_SUBJECT + 4)));
    }
}
