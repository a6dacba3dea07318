use kelasbot::answer::FaqIndex;
#[test]
#[ignore]
fn dbg() {
    let (lib, _) = kelasbot::content::load_library(std::path::Path::new("content")).unwrap();
    let pack = std::env::var("P").unwrap_or("perubahan-sosial-budaya".into());
    let c = lib.get(&pack).unwrap();
    let index = FaqIndex::build(&c.faq, &c.lexicon);
    for q in std::env::var("Q").unwrap().split('|') {
        let n = index.normalizer().normalize(q);
        println!("Q {q:?}\n  words {:?} asks {:?}", n.words, n.asks);
        let m = index.ask(q);
        println!("  outcome {:?}", m.outcome);
        for s in index.rank(q).iter().take(4) {
            println!("  {:.3} f{:.2} {}", s.score, s.focus, c.faq[s.entry].id);
        }
    }
}
