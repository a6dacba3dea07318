//! Facts: each chat walks through every fact in its own shuffled order before any repeats.
//! The same rotation serves `/fakta` and the daily fact.

pub mod schedule;

use crate::rng::Rng;

/// Where a chat is in its walk through the facts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rotation {
    /// Fact ids still to come in this cycle, next one last.
    pub pending: Vec<String>,
    /// How many shuffles this chat has had; seeds the next one.
    pub cycle: u32,
    /// The fact given most recently, so a new cycle does not start with it.
    pub last: Option<String>,
}

impl Rotation {
    /// The next fact id for `chat` among `facts` (the ids in the content now). Ids that left
    /// the content are skipped; facts added since the cycle began come in the next cycle.
    pub fn next(&mut self, chat: i64, facts: &[&str]) -> Option<String> {
        if facts.is_empty() {
            return None;
        }
        while let Some(id) = self.pending.pop() {
            if facts.contains(&id.as_str()) {
                self.last = Some(id.clone());
                return Some(id);
            }
        }
        self.cycle += 1;
        let mut order: Vec<String> = facts.iter().map(|s| s.to_string()).collect();
        Rng::from_parts(&[chat as u64, u64::from(self.cycle)]).shuffle(&mut order);
        // `pending` is consumed from the end: the fact at the end comes first.
        let n = order.len();
        if n > 1 && order.last() == self.last.as_ref() {
            order.swap(0, n - 1);
        }
        self.pending = order;
        let id = self.pending.pop()?;
        self.last = Some(id.clone());
        Some(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_fact_before_any_repeat_and_no_repeat_across_cycles() {
        let facts: Vec<String> = (0..30).map(|i| format!("f{i}")).collect();
        let ids: Vec<&str> = facts.iter().map(String::as_str).collect();
        let mut r = Rotation::default();
        let mut previous: Option<String> = None;
        for _cycle in 0..5 {
            let mut seen = HashSet::new();
            for _ in 0..30 {
                let id = r.next(-100123, &ids).expect("a fact");
                assert_ne!(Some(&id), previous.as_ref(), "same fact twice in a row");
                assert!(seen.insert(id.clone()), "{id} repeated within a cycle");
                previous = Some(id);
            }
            assert_eq!(seen.len(), 30);
        }
    }

    #[test]
    fn chats_get_different_orders() {
        let ids = ["a", "b", "c", "d", "e", "f", "g", "h"];
        let take = |chat| {
            let mut r = Rotation::default();
            (0..8)
                .map(|_| r.next(chat, &ids).unwrap_or_default())
                .collect::<Vec<_>>()
        };
        assert_ne!(take(1), take(2));
        assert_eq!(take(1), take(1));
    }

    #[test]
    fn removed_facts_are_skipped() {
        let mut r = Rotation::default();
        let first = r.next(7, &["a", "b", "c"]).expect("fact");
        let remaining: Vec<&str> = ["a", "b", "c"]
            .into_iter()
            .filter(|f| *f != first)
            .collect();
        let gone = remaining[0];
        let now: Vec<&str> = ["a", "b", "c"].into_iter().filter(|f| *f != gone).collect();
        let second = r.next(7, &now).expect("fact");
        assert_ne!(second, gone);
        assert_eq!(r.next(7, &[]), None);
    }
}
