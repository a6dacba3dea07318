//! Counts of the loaded content per file, per topic and per article, as `kelasbot check` shows them.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Content, Difficulty};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub faq: usize,
    pub facts: usize,
    pub quiz: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub sources: usize,
    pub totals: Counts,
    pub topics: BTreeMap<String, Counts>,
    pub articles: BTreeMap<String, Counts>,
    pub difficulty: BTreeMap<&'static str, usize>,
}

impl Content {
    pub fn summary(&self) -> Summary {
        let mut topics: BTreeMap<String, Counts> = self
            .pack
            .topics
            .iter()
            .map(|t| (t.id.clone(), Counts::default()))
            .collect();
        let mut articles: BTreeMap<String, Counts> = self
            .sources
            .iter()
            .map(|s| (s.file.clone(), Counts::default()))
            .collect();
        let mut bump = |topic: &str, source: &str, f: fn(&mut Counts) -> &mut usize| {
            *f(topics.entry(topic.to_string()).or_default()) += 1;
            *f(articles.entry(source.to_string()).or_default()) += 1;
        };
        for e in &self.faq {
            bump(&e.topic, &e.source, |c| &mut c.faq);
        }
        for e in &self.facts {
            bump(&e.topic, &e.source, |c| &mut c.facts);
        }
        for e in &self.quiz {
            bump(&e.topic, &e.source, |c| &mut c.quiz);
        }
        let mut difficulty: BTreeMap<&'static str, usize> =
            Difficulty::ALL.iter().map(|d| (d.as_str(), 0)).collect();
        for q in &self.quiz {
            *difficulty.entry(q.difficulty.as_str()).or_default() += 1;
        }
        Summary {
            sources: self.sources.len(),
            totals: Counts {
                faq: self.faq.len(),
                facts: self.facts.len(),
                quiz: self.quiz.len(),
            },
            topics,
            articles,
            difficulty,
        }
    }
}
