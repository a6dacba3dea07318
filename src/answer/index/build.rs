//! Building the index: terms and their weights, posting lists, the likelihoods of each entry's
//! ways of asking, and the twins (entries asked in nearly the same words).

use super::*;

impl FaqIndex {
    pub fn with_tuning(faq: &[FaqEntry], lexicon: &Lexicon, tuning: Tuning) -> FaqIndex {
        let norm = Normalizer::with_lexicon(lexicon, tuning);
        let mut terms: HashMap<String, u32> = HashMap::default();
        let mut surface: HashMap<String, u32> = HashMap::default();
        let mut weights: Vec<HashMap<u32, f32>> = Vec::new();
        let mut raw_phrases: Vec<Vec<RawPhrase>> = Vec::new();
        let mut entries_asks = Vec::new();
        let mut entries_counted: Vec<(Vec<u32>, Vec<u32>, Vec<u32>)> = Vec::new();
        let mut nb_counts: Vec<HashMap<u32, f32>> = Vec::new();
        let mut entries_core: Vec<Vec<u32>> = Vec::new();
        let mut entries_ways: Vec<Vec<(Vec<u32>, u8, usize)>> = Vec::new();
        let mut entries_answered: Vec<Vec<Asks>> = Vec::new();
        let mut entries_answer_terms: Vec<Vec<u32>> = Vec::new();
        let mut entries_defines: Vec<Vec<u32>> = Vec::new();
        let mut entries_ordinals: Vec<Vec<u8>> = Vec::new();
        let mut entries_spelled: Vec<Vec<(Vec<u32>, Vec<u32>)>> = Vec::new();
        let mut entries_place_kinds: Vec<Vec<Option<String>>> = Vec::new();
        let mut entries_figures: Vec<Vec<Vec<u32>>> = Vec::new();
        // Per entry: its answer's sentences, and what it says the meaning of and names.
        let mut entries_sentences: Vec<(Vec<Vec<u32>>, Said)> = Vec::new();

        let mut term_of = |word: &str, terms: &mut HashMap<String, u32>| -> u32 {
            let stem = norm.stem(word);
            let next = terms.len() as u32;
            let id = *terms.entry(stem).or_insert(next);
            surface.entry(word.to_string()).or_insert(id);
            id
        };

        for e in faq {
            let mut w: HashMap<u32, f32> = HashMap::default();
            let mut counts: HashMap<u32, f32> = HashMap::default();
            let mut core: Vec<u32> = Vec::new();
            let mut phrases = Vec::new();
            let mut ways = Vec::new();
            let mut asks: Vec<(Asks, Option<Vec<u32>>)> = Vec::new();
            let mut defines: Vec<u32> = Vec::new();
            // The places in an order it says anywhere ("posisi kedua", "investor keempat").
            let mut ordinals: Vec<u8> = Vec::new();
            let mut place_kinds: Vec<Option<String>> = Vec::new();
            // Questions and phrasings are whole ways of asking; keywords only add terms.
            for (i, text) in std::iter::once(&e.question).chain(&e.phrasings).enumerate() {
                let n = norm.normalize(text);
                ordinals.extend(norm.places_said(text));
                let seq: Vec<u32> = n.words.iter().map(|x| term_of(x, &mut terms)).collect();
                let asked = asks_mask(&n.asks);
                if n.asks.contains(&Asks::Where) {
                    place_kinds.push(n.place.clone());
                }
                if n.defines {
                    defines.extend(seq.iter().copied());
                }
                for a in n.asks {
                    // A time or a count is a fact about one thing; a person, a place or a
                    // reason is served by the entry as a whole.
                    let specific = matches!(a, Asks::When | Asks::HowMany);
                    let about = match asks.iter_mut().find(|(k, _)| *k == a) {
                        Some((_, about)) => about,
                        None => {
                            asks.push((a, specific.then(Vec::new)));
                            &mut asks.last_mut().expect("just pushed").1
                        }
                    };
                    if let Some(about) = about {
                        about.extend(seq.iter().copied());
                    }
                }
                if i == 0 {
                    // The canonical question.
                    core.extend(seq.iter().copied());
                }
                let pairs = pairs_of(&seq);
                let mut ids = seq;
                ids.sort_unstable();
                ids.dedup();
                for &t in &ids {
                    w.insert(t, 1.0);
                    *counts.entry(t).or_insert(0.0) += 1.0;
                }
                if !ids.is_empty() {
                    ways.push((ids.clone(), asked, i));
                    phrases.push((ids, pairs));
                }
            }
            for k in &e.keywords {
                ordinals.extend(norm.places_said(k));
                for word in norm.normalize(k).words {
                    let t = term_of(&word, &mut terms);
                    w.insert(t, 1.0);
                    core.push(t);
                    *counts.entry(t).or_insert(0.0) += tuning.likelihood_keyword;
                }
            }
            for subject in defined_in(&e.answer) {
                for word in norm.normalize(&subject).words {
                    defines.push(term_of(&word, &mut terms));
                }
            }
            // A piece of the answer as its terms, sorted.
            let mut term_set = |text: &str| -> Vec<u32> {
                let mut ids: Vec<u32> = norm
                    .normalize(text)
                    .words
                    .iter()
                    .map(|w| term_of(w, &mut terms))
                    .collect();
                ids.sort_unstable();
                ids.dedup();
                ids
            };
            let mut spelled = Vec::new();
            for (short, long) in spelled_out(&e.answer) {
                let (short, long) = (term_set(&short), term_set(&long));
                if !short.is_empty() && !long.is_empty() {
                    spelled.push((short, long));
                }
            }
            entries_spelled.push(spelled);
            entries_place_kinds.push(place_kinds);
            let figures: Vec<Vec<u32>> = figure_clauses(&e.answer)
                .iter()
                .map(|clause| term_set(clause))
                .collect();
            entries_figures.push(figures);
            let subjects = term_set(&subjects_in(&e.answer).join(" "));
            let called = term_set(&names_given_in(&e.answer).join(" "));
            // The answer's words, read a sentence at a time; a semicolon joins the clauses of
            // one sentence ("…; gudang ini juga dinamakan lumbung").
            let mut answer_terms = Vec::new();
            let mut sentences: Vec<Vec<u32>> = Vec::new();
            for sentence in e.answer.split(['.', '!', '?']) {
                let mut ids: Vec<u32> = Vec::new();
                for word in norm.normalize(sentence).words {
                    let t = term_of(&word, &mut terms);
                    w.entry(t).or_insert(tuning.answer_credit);
                    answer_terms.push(t);
                    ids.push(t);
                }
                ids.sort_unstable();
                ids.dedup();
                if !ids.is_empty() {
                    sentences.push(ids);
                }
            }
            entries_sentences.push((sentences, (subjects, called)));
            ordinals.extend(norm.places_said(&e.answer));
            ordinals.sort_unstable();
            ordinals.dedup();
            entries_ordinals.push(ordinals);
            entries_answer_terms.push(answer_terms);
            for (_, about) in &mut asks {
                if let Some(about) = about {
                    about.sort_unstable();
                    about.dedup();
                }
            }
            entries_answered.push(answer_asks(e));
            let mut counted: Vec<u32> = counted_words(&e.answer)
                .iter()
                .filter_map(|w| terms.get(&norm.stem(w)).copied())
                .collect();
            // An answer that lists its points ("Pertama, … Kedua, …") tells how many of what
            // its question asks about there are.
            if enumerates(&e.answer) {
                counted.extend(core.iter().copied());
            }
            let mut besides: Vec<u32> = besides_in(&e.answer)
                .iter()
                .filter_map(|w| terms.get(&norm.stem(w)).copied())
                .collect();
            besides.sort_unstable();
            besides.dedup();
            let mut quantified: Vec<u32> = quantified_words(&e.answer)
                .iter()
                .filter_map(|w| terms.get(&norm.stem(w)).copied())
                .chain(counted.iter().copied())
                .collect();
            quantified.sort_unstable();
            quantified.dedup();
            entries_counted.push((counted, quantified, besides));
            nb_counts.push(counts);
            core.sort_unstable();
            core.dedup();
            entries_core.push(core);
            defines.sort_unstable();
            defines.dedup();
            entries_defines.push(defines);
            weights.push(w);
            raw_phrases.push(phrases);
            entries_asks.push(asks);
            entries_ways.push(ways);
        }

        let n = faq.len().max(1) as f32;
        let mut df = vec![0u32; terms.len()];
        for w in &weights {
            for &t in w.keys() {
                df[t as usize] += 1;
            }
        }
        let idf: Vec<f32> = df
            .iter()
            .map(|&d| (1.0 + n / d.max(1) as f32).ln())
            .collect();
        let unknown_idf = tuning.unknown_weight * (1.0 + n).ln();
        let common = df
            .iter()
            .zip(&idf)
            .map(|(&d, &i)| d as usize >= MIN_COMMON_ENTRIES && i < tuning.vague_idf)
            .collect();
        let home = lexicon
            .home
            .as_ref()
            .and_then(|h| terms.get(&norm.stem(h)).copied());
        let mut entity = vec![false; terms.len()];
        for name in &lexicon.names {
            if let Some(&t) = terms.get(&norm.stem(name)) {
                entity[t as usize] = true;
            }
        }
        let kinds: Vec<(u32, Vec<u32>)> = lexicon
            .kinds
            .iter()
            .filter_map(|(kind, names)| {
                let k = *terms.get(&norm.stem(kind))?;
                let mut of_kind: Vec<u32> = names
                    .iter()
                    .filter_map(|n| terms.get(&norm.stem(n)).copied())
                    .collect();
                of_kind.sort_unstable();
                of_kind.dedup();
                Some((k, of_kind))
            })
            .collect();
        let people: Option<Vec<u32>> = (!lexicon.people.is_empty()).then(|| {
            let mut people: Vec<u32> = lexicon
                .people
                .iter()
                .filter_map(|n| terms.get(&norm.stem(n)).copied())
                .collect();
            people.sort_unstable();
            people.dedup();
            people
        });
        // The kinds that are kinds of place ("negara", "kawasan"), as index terms.
        let place_kinds: Vec<u32> = crate::answer::PLACE_KINDS
            .iter()
            .filter_map(|kind| terms.get(&norm.stem(kind)).copied())
            .collect();
        let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); terms.len()];
        let mut role = vec![tuning.answer_only_weight; terms.len()];
        for (e, w) in weights.iter().enumerate() {
            for (&t, &weight) in w {
                postings[t as usize].push((e as u32, weight));
                if weight >= 1.0 {
                    role[t as usize] = 1.0;
                }
            }
        }
        let vocabulary = terms.len().max(1) as f32;
        let alpha = tuning.likelihood_smoothing;
        let mut nb_postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); terms.len()];
        let nb_base: Vec<f32> = nb_counts
            .iter()
            .enumerate()
            .map(|(e, counts)| {
                for (&t, &c) in counts {
                    nb_postings[t as usize].push((e as u32, ((c + alpha) / alpha).ln()));
                }
                let total: f32 = counts.values().sum();
                (alpha / (total + alpha * vocabulary)).ln()
            })
            .collect();
        let entries: Vec<Entry> = raw_phrases
            .into_iter()
            .zip(entries_asks)
            .zip(entries_counted)
            .zip(entries_core)
            .zip(entries_ways)
            .zip(entries_answered)
            .zip(entries_answer_terms)
            .zip(entries_defines)
            .zip(entries_ordinals)
            .zip(faq)
            .zip(
                entries_spelled
                    .into_iter()
                    .zip(entries_place_kinds)
                    .zip(entries_figures)
                    .zip(entries_sentences),
            )
            .map(
                |(
                    (
                        (
                            (
                                (
                                    (
                                        (
                                            (
                                                ((phrases, asks), (counted, quantified, besides)),
                                                core,
                                            ),
                                            ways,
                                        ),
                                        answered,
                                    ),
                                    answer_terms,
                                ),
                                defines,
                            ),
                            ordinals,
                        ),
                        e,
                    ),
                    (((spelled, place_kinds), figures), (sentences, (subjects, called))),
                )| {
                    Entry {
                        phrases: phrases
                            .into_iter()
                            .map(|(terms, pairs)| Phrase {
                                total_idf: terms.iter().map(|&t| idf[t as usize]).sum(),
                                terms,
                                pairs,
                            })
                            .collect(),
                        asks,
                        counted,
                        quantified,
                        core,
                        dated: e.keywords.iter().any(|k| is_year(k.trim())),
                        calendar: says_a_date(&e.answer),
                        ranks: ranks_something(&e.answer),
                        future: speaks_of_future(&e.answer),
                        widens: says_not_only(&e.answer),
                        besides,
                        ways,
                        answered,
                        defines,
                        ordinals,
                        spelled,
                        place_kinds,
                        named: {
                            let mut named: Vec<u32> = answer_terms
                                .iter()
                                .copied()
                                .filter(|&t| entity[t as usize] && Some(t) != home)
                                .collect();
                            named.sort_unstable();
                            named.dedup();
                            named
                        },
                        said: {
                            let mut said = answer_terms;
                            said.sort_unstable();
                            said.dedup();
                            said
                        },
                        figures,
                        sentences,
                        subjects,
                        called,
                    }
                },
            )
            .collect();
        let mut listed: HashMap<(u8, Vec<u32>), Option<u32>> = HashMap::default();
        for (e, entry) in entries.iter().enumerate() {
            for (way, asks, _) in &entry.ways {
                let terms: Vec<u32> = way.iter().copied().filter(|&t| Some(t) != home).collect();
                listed
                    .entry((*asks, terms))
                    .and_modify(|one| {
                        if *one != Some(e as u32) {
                            *one = None;
                        }
                    })
                    .or_insert(Some(e as u32));
            }
        }
        let mut words: Vec<(String, u32)> = surface.iter().map(|(w, &t)| (w.clone(), t)).collect();
        words.sort();
        let skeletons = Skeletons::build(words.iter().map(|(w, t)| (w.as_str(), *t)), tuning);
        let fuzzy = FuzzyIndex::build(words.into_iter().map(|(w, _)| w).collect(), tuning);
        let mut index = FaqIndex {
            tuning,
            norm,
            entries,
            terms,
            idf,
            role,
            postings,
            surface,
            fuzzy,
            skeletons,
            entity,
            kinds,
            place_kinds,
            people,
            home,
            nb_postings,
            nb_base,
            unknown_idf,
            common,
            twins: Vec::new(),
            listed,
        };
        index.twins = index.find_twins(faq);
        index
    }

    /// Pairs of entries asked in nearly the same words: for each entry, how the others score
    /// against its own ways of asking, relative to its own score, averaged over them. Measured
    /// with the finished ranking, so it sees the question as a student's question would be.
    pub(super) fn find_twins(&self, faq: &[FaqEntry]) -> Vec<Vec<u32>> {
        let n = faq.len();
        let mut likeness = vec![vec![0.0_f32; n]; n];
        for (a, e) in faq.iter().enumerate() {
            let asked: Vec<&String> = std::iter::once(&e.question).chain(&e.phrasings).collect();
            for text in &asked {
                let ranked = self.rank_reading(text, false).ranked;
                // Floored (`Tuning::twin_own_floor`): a score near zero would make any other
                // entry its twin.
                let own = ranked
                    .iter()
                    .find(|s| s.entry == a)
                    .map_or(0.0, |s| s.score)
                    .max(self.tuning.twin_own_floor);
                for s in ranked.iter().filter(|s| s.entry != a) {
                    likeness[a][s.entry] += (s.score / own).min(1.0);
                }
            }
            let count = asked.len() as f32;
            likeness[a].iter_mut().for_each(|l| *l /= count);
        }
        (0..n)
            .map(|a| {
                (0..n)
                    .filter(|&b| {
                        b != a && likeness[a][b].max(likeness[b][a]) >= self.tuning.twin_likeness
                    })
                    .map(|b| b as u32)
                    .collect()
            })
            .collect()
    }
}

/// A word is one of the subject's common words (see `Tuning::vague_idf`) only when found in at
/// least this many entries: in a FAQ of a few entries every shared word is in half of them.
const MIN_COMMON_ENTRIES: usize = 10;
