//! The class report at scale: a group of 40 students with 500 rounds of history (5 questions
//! each, every student answering). Run with `cargo bench --bench report`. Target: building
//! the report and rendering its chart each well under a second on one core.

use std::path::Path;

use divan::black_box;
use jiff::SignedDuration;
use kelasbot::content::{Content, load_dir};
use kelasbot::quiz::insight::Insight;
use kelasbot::quiz::{Answer, Student};
use kelasbot::report::{Report, chart};

const STUDENTS: i64 = 40;
const ROUNDS: u32 = 500;
const PER_ROUND: usize = 5;

fn content() -> Content {
    match load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content/kerja-sama-internasional"))
    {
        Ok(l) => l.content,
        Err(p) => panic!("content invalid: {p:?}"),
    }
}

/// 500 rounds of 5 questions, each answered by all 40 students, some right, some wrong.
fn history(content: &Content) -> Insight {
    let mut insight = Insight::default();
    let items = &content.quiz;
    for round in 0..ROUNDS {
        for q in 0..PER_ROUND {
            let item = &items[(round as usize * PER_ROUND + q) % items.len()];
            let answers: Vec<Answer> = (0..STUDENTS)
                .map(|s| {
                    let option = (s as usize + q + round as usize) % item.options.len();
                    Answer {
                        student: Student {
                            id: s,
                            name: format!("Siswa {s}"),
                            username: None,
                        },
                        correct: option == item.answer,
                        points: 0,
                        elapsed: SignedDuration::from_millis(1_000 + s * 100),
                        option: Some(option),
                    }
                })
                .collect();
            insight.record(item, &answers);
        }
        insight.round_ended(round, 0..STUDENTS);
    }
    insight
}

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 20)]
fn build_report(bencher: divan::Bencher) {
    let content = content();
    let insight = history(&content);
    bencher.bench(|| Report::build(black_box(&content), Some(black_box(&insight)), &[]));
}

#[divan::bench(sample_count = 20)]
fn render_chart(bencher: divan::Bencher) {
    let content = content();
    let insight = history(&content);
    let report = Report::build(&content, Some(&insight), &[]);
    bencher.bench(|| chart::render(black_box(&report)));
}
