//! `/laporan`: what a group's insight says, read at a glance. [`Report::build`] turns the
//! insight into numbers (pure); [`chart`] draws them as a PNG; `texts::report` words them.

pub mod chart;

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::content::Content;
use crate::quiz::insight::{Insight, RECENT_ROUNDS, Totals};

/// Questions the text lists as the ones the class gets wrong most.
pub const HARDEST: usize = 5;

/// One bar of the chart: a topic of the subject, or a teacher's set.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    /// The share of answers that were right, 0 to 1.
    pub right: f64,
    pub answers: u32,
}

/// A question the class gets wrong often, and the wrong option chosen most.
#[derive(Debug, Clone, PartialEq)]
pub struct Hard {
    pub question: String,
    pub answered: u32,
    pub right: u32,
    /// The wrong option chosen most, and how often.
    pub wrong_option: Option<(String, u32)>,
}

/// What `/laporan` shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The subject's name.
    pub subject: String,
    /// Topics and sets with answers, the weakest first.
    pub bars: Vec<Bar>,
    /// The share of all answers that were right.
    pub overall: Option<f64>,
    pub answers: u32,
    pub hardest: Vec<Hard>,
    /// Topics of the subject no round has asked yet (their labels).
    pub unpractised: Vec<String>,
    /// Students who answered in the group's last rounds (`recent_rounds` of them, at most
    /// three), and how many ever did.
    pub recent_players: usize,
    pub recent_rounds: usize,
    pub players: usize,
    /// Questions the bot could not answer, the ways of asking one thing counted together:
    /// an example as asked, and how often; the most asked first.
    pub unanswered: Vec<(String, usize)>,
}

/// Unanswered questions the report lists.
pub const UNANSWERED_SHOWN: usize = 10;

/// Groups unanswered questions by how the matcher reads them: (the latest wording, count),
/// the most asked first, at most `max`.
pub fn group_unanswered<'a>(
    questions: impl IntoIterator<Item = (&'a str, &'a str)>,
    max: usize,
) -> Vec<(String, usize)> {
    let mut groups: Vec<(String, String, usize)> = Vec::new();
    for (reading, text) in questions {
        match groups.iter_mut().find(|(r, _, _)| r == reading) {
            Some((_, latest, n)) => {
                *latest = text.to_string();
                *n += 1;
            }
            None => groups.push((reading.to_string(), text.to_string(), 1)),
        }
    }
    groups.sort_by(|a, b| b.2.cmp(&a.2).then(a.1.cmp(&b.1)));
    groups
        .into_iter()
        .take(max)
        .map(|(_, text, n)| (text, n))
        .collect()
}

impl Report {
    /// The report on `content` from `insight` (none when the group never played it), with the
    /// group's teacher sets (each with its questions, when the set still exists).
    pub fn build(
        content: &Content,
        insight: Option<&Insight>,
        sets: &[(String, Option<Arc<Content>>, &Insight)],
    ) -> Report {
        let empty = Insight::default();
        let insight = insight.unwrap_or(&empty);
        let mut bars: Vec<Bar> = content
            .pack
            .topics
            .iter()
            .filter_map(|t| {
                let totals = insight.topics.get(&t.id)?;
                bar(t.label.clone(), totals)
            })
            .collect();
        let mut all = Totals::default();
        for t in insight.topics.values() {
            all.add(t);
        }
        for (name, _, i) in sets {
            let mut totals = Totals::default();
            for t in i.topics.values() {
                totals.add(t);
            }
            all.add(&totals);
            bars.extend(bar(format!("set {name}"), &totals));
        }
        bars.sort_by(|a, b| {
            a.right
                .total_cmp(&b.right)
                .then(b.answers.cmp(&a.answers))
                .then(a.label.cmp(&b.label))
        });
        let mut hardest: Vec<Hard> = hard_questions(content, insight);
        for (_, set, i) in sets {
            if let Some(set) = set {
                hardest.extend(hard_questions(set, i));
            }
        }
        hardest.sort_by(|a, b| {
            let wrong = |h: &Hard| h.answered - h.right;
            wrong(b)
                .cmp(&wrong(a))
                .then(a.right.cmp(&b.right))
                .then(a.question.cmp(&b.question))
        });
        hardest.truncate(HARDEST);
        let unpractised = content
            .pack
            .topics
            .iter()
            .filter(|t| insight.topics.get(&t.id).is_none_or(|x| x.asked == 0))
            .map(|t| t.label.clone())
            .collect();
        let insights: Vec<&Insight> = std::iter::once(insight)
            .chain(sets.iter().map(|(_, _, i)| *i))
            .collect();
        let (recent_players, recent_rounds, players) = participation(&insights);
        Report {
            subject: content.pack.name.clone(),
            bars,
            overall: all.share_right(),
            answers: all.answered,
            hardest,
            unpractised,
            recent_players,
            recent_rounds,
            players,
            unanswered: Vec::new(),
        }
    }

    /// Nothing was answered and nothing asked went unanswered: there is nothing to report.
    pub fn is_empty(&self) -> bool {
        self.answers == 0 && self.unanswered.is_empty()
    }
}

fn bar(label: String, totals: &Totals) -> Option<Bar> {
    Some(Bar {
        label,
        right: totals.share_right()?,
        answers: totals.answered,
    })
}

/// The questions of `content` answered wrong at least once, with their texts.
fn hard_questions(content: &Content, insight: &Insight) -> Vec<Hard> {
    content
        .quiz
        .iter()
        .filter_map(|item| {
            let stats = insight.questions.get(&item.id)?;
            let totals = &stats.totals;
            (totals.answered > totals.right).then(|| Hard {
                question: item.question.clone(),
                answered: totals.answered,
                right: totals.right,
                wrong_option: stats
                    .top_wrong()
                    .and_then(|(o, n)| Some((item.options.get(o)?.clone(), n))),
            })
        })
        .collect()
}

/// Who answered in the group's last [`RECENT_ROUNDS`] rounds (whatever they were about), how
/// many rounds that is, and how many students ever answered.
fn participation(insights: &[&Insight]) -> (usize, usize, usize) {
    let mut rounds: Vec<&(u32, Vec<i64>)> = insights
        .iter()
        .flat_map(|i| i.recent_rounds.iter())
        .collect();
    rounds.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
    let counted = rounds.len().min(RECENT_ROUNDS);
    let recent: BTreeSet<i64> = rounds
        .iter()
        .take(RECENT_ROUNDS)
        .flat_map(|(_, p)| p.iter().copied())
        .collect();
    let ever: BTreeSet<i64> = insights
        .iter()
        .flat_map(|i| i.students.keys().copied())
        .collect();
    (recent.len(), counted, ever.len())
}
