//! Time to answer one question: on the shipped FAQ, and on a synthetic FAQ ten times larger.
//!
//! Run with `cargo bench --bench answer`. Targets: median under 50 µs on the shipped FAQ and
//! under 500 µs at ten times the size, on one core.

use std::path::Path;

use divan::{Bencher, black_box};
use kelasbot::answer::FaqIndex;
use kelasbot::content::{FaqEntry, load_dir};

/// Questions as students type them: typos, abbreviations, keywords, long ones, off-topic.
const QUESTIONS: &[&str] = &[
    "bedanya bilatral sama multilatral apa",
    "apa itu kerjasama internasional",
    "prinsip2 kerja sama internasional apa aja sih",
    "knp negara hrs kerja sama dgn negara lain",
    "asean",
    "manfaat kerja sama di bidang pendidikan gmn",
    "siapa presiden pertama amerika",
    "contoh kerjasama regional",
    "indonesia kerja sama bilateral dgn brp negara",
    "tantangan kerja sama internasional apa aja",
    "menurut coplin kerjasama internasional itu apa",
    "gimana cara membangun kerja sama internasional yang efektif dan berhasil untuk semua negara yang terlibat di dalamnya",
    "resep nasi goreng",
    "jepang",
    "masa depan kerjasama internasional bakal gimana",
    "apa tujuan kerja sama internasional",
];

fn shipped() -> Vec<FaqEntry> {
    pack().faq
}

fn pack() -> kelasbot::content::Content {
    match load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content/kerja-sama-internasional"))
    {
        Ok(l) => l.content,
        Err(p) => panic!("content invalid: {p:?}"),
    }
}

/// Ten times the shipped FAQ: nine copies of every entry in which about half of the words are
/// swapped for pseudo-words, so the vocabulary and the posting lists grow as a real FAQ would.
fn tenfold(faq: &[FaqEntry]) -> Vec<FaqEntry> {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let syllables = [
        "ka", "ri", "mo", "tu", "len", "sa", "pur", "di", "ng", "ba", "ko", "ma",
    ];
    let mut mutate = |text: &str| -> String {
        text.split(' ')
            .map(|w| {
                if next() % 2 == 0 {
                    w.to_string()
                } else {
                    let n = 2 + (next() % 3) as usize;
                    (0..n)
                        .map(|_| syllables[(next() % syllables.len() as u64) as usize])
                        .collect()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut out = faq.to_vec();
    for copy in 1..10 {
        for e in faq {
            out.push(FaqEntry {
                id: format!("{}-{copy}", e.id),
                question: mutate(&e.question),
                phrasings: e.phrasings.iter().map(|p| mutate(p)).collect(),
                keywords: e.keywords.iter().map(|k| mutate(k)).collect(),
                answer: mutate(&e.answer),
                ..e.clone()
            });
        }
    }
    out
}

fn run(bencher: Bencher, index: &FaqIndex) {
    let mut i = 0;
    bencher.bench_local(|| {
        i = (i + 1) % QUESTIONS.len();
        black_box(index.ask(black_box(QUESTIONS[i])))
    });
}

#[divan::bench]
fn ask_shipped_faq(bencher: Bencher) {
    let index = FaqIndex::build(&shipped(), &pack().lexicon);
    run(bencher, &index);
}

#[divan::bench]
fn ask_tenfold_faq(bencher: Bencher) {
    let index = FaqIndex::build(&tenfold(&shipped()), &pack().lexicon);
    run(bencher, &index);
}

#[divan::bench(sample_count = 20)]
fn build_shipped_index(bencher: Bencher) {
    let pack = pack();
    bencher.bench_local(|| black_box(FaqIndex::build(black_box(&pack.faq), &pack.lexicon)));
}

fn main() {
    divan::main();
}
