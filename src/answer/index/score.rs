//! Ranking the entries for one question: a cheap pass over the posting lists bounds every
//! entry's score, and only those that can still reach the best few are scored exactly.

use super::*;

impl FaqIndex {
    /// The ranking of the entries for `question`, with what the decision needs besides.
    pub(super) fn rank_counting(&self, question: &str) -> Ranking {
        self.rank_reading(question, true)
    }

    /// The ranking, with or without weighing whether each entry says what a term means when
    /// the question asks it (`meaning`): twins are entries asked in the same words, whatever
    /// either is written to say.
    pub(super) fn rank_reading(&self, question: &str, meaning: bool) -> Ranking {
        let n = self.norm.normalize(question);
        let words = n.words.len();
        // (term, quality) for every word the index knows, best quality per term.
        let mut query: Vec<(u32, f32)> = Vec::new();
        let mut seq: Vec<u32> = Vec::new();
        let mut total = 0.0;
        // The weight of the question's words that are not names: what it asks about them.
        let mut focus_total = 0.0;
        let mut unknown = false;
        for word in &n.words {
            let found = self.lookup(word);
            if let Some((t, _)) = found {
                seq.push(t);
            }
            match found {
                Some((t, q)) => match query.iter_mut().find(|(qt, _)| *qt == t) {
                    Some(existing) => existing.1 = existing.1.max(q),
                    None => {
                        let weight = self.idf[t as usize] * self.role[t as usize];
                        total += weight;
                        if !self.entity[t as usize] {
                            focus_total += weight;
                        }
                        query.push((t, q));
                    }
                },
                None if self.norm.is_shortened_stopword(word) => {}
                None => {
                    unknown = true;
                    total += self.unknown_idf;
                    focus_total += self.unknown_idf;
                }
            }
        }
        if query.is_empty() || total <= 0.0 {
            return Ranking {
                ranked: Vec::new(),
                words,
                vague: false,
                passing: false,
                listed_by: None,
                terms: Vec::new(),
                unasked: n.asks_nothing(),
                asks: n.asks,
            };
        }
        let kind_of = |k: u32| {
            self.kinds
                .iter()
                .find(|(t, _)| *t == k)
                .map(|(_, names)| names.as_slice())
        };
        // The names of the kind whose instances are asked for ("perusahaan x apa aja"), if the
        // lexicon types that kind; the words between the kind and the asking must be names
        // (or unknown) unless the question is led by "contoh"/"sebutin": "negara berkembang
        // dapet manfaat apa aja" asks for benefits. "perusahaan itu apa" asks what it means.
        let listed_count = n.instances.as_ref().and_then(|i| i.count);
        let asks_instances: Option<&[u32]> =
            n.instances.as_ref().filter(|_| !n.defines).and_then(|i| {
                let name =
                    |w: &String| self.lookup(w).is_some_and(|(t, _)| self.entity[t as usize]);
                // "negara pendiri lpk apa aja": a name last says which of the kind.
                let plain = i.led
                    || i.between.last().is_some_and(name)
                    || i.between
                        .iter()
                        .all(|w| self.lookup(w).is_none_or(|(t, _)| self.entity[t as usize]));
                plain
                    .then(|| self.lookup(&i.kind))
                    .flatten()
                    .and_then(|(k, _)| kind_of(k))
            });
        // A question that sets something aside ("selain …") is not the way of asking it reads as,
        // nor is one asking which of a kind ("perusahaan x apa aja yg buka pabrik" is not "apakah
        // perusahaan x buka pabrik").
        let asked_so = if unknown || !n.besides.is_empty() || asks_instances.is_some() {
            None
        } else {
            // The home country says nothing about which entry is meant, on either side.
            let mut terms: Vec<u32> = query
                .iter()
                .map(|&(t, _)| t)
                .filter(|&t| Some(t) != self.home)
                .collect();
            terms.sort_unstable();
            self.listed
                .get(&(asks_mask(&n.asks), terms))
                .copied()
                .flatten()
                .map(|e| e as usize)
        };
        let query_pairs = pairs_of(&seq);
        // Each term's weight in the question (0 for a term it lacks), looked up by term: every
        // phrasing of every entry scored is summed over it.
        let mut weight_of = vec![0.0_f32; self.idf.len()];
        for &(t, q) in &query {
            weight_of[t as usize] = q * self.idf[t as usize];
        }
        // Names in the question other than the home country (the lexicon's; context in almost any
        // question): an entry that never mentions one of them is about something else.
        let names: Vec<u32> = query
            .iter()
            .map(|&(t, _)| t)
            .filter(|&t| self.entity[t as usize] && Some(t) != self.home)
            .collect();
        // The word "siapa"/"berapa" asks for, and its index term (none: no entry has it).
        let asked_for: Option<Option<u32>> =
            n.asked_for.as_ref().map(|w| self.lookup(w).map(|(t, _)| t));
        // The names of the kind asked for ("negara mana": the countries), if the lexicon
        // types that kind.
        // A "siapa" about a kind of place ("siapa aja negara pendiri …", "negara … siapa
        // aja") asks for names of that kind too; about an organisation, for its members.
        // "siapa menteri …" asks for the person holding an office: an answer telling who takes
        // part in something ("presiden, menteri luar negeri, …") names none.
        let asks_office = n.asks.contains(&Asks::Who) && n.office;
        let asked_kind: Option<&[u32]> = match &n.place {
            Some(w) => self.lookup(w).and_then(|(k, _)| kind_of(k)),
            // "siapa menteri …": a person, where the lexicon says who the articles name.
            None if asks_office => self.people.as_deref(),
            // "pendiri x selain y siapa aja": others of the kind the name set aside is of.
            None if n.asks.contains(&Asks::Who) => query
                .iter()
                .find(|&&(t, _)| self.place_kinds.contains(&t))
                .and_then(|&(t, _)| kind_of(t))
                .or_else(|| {
                    n.besides.iter().find_map(|w| {
                        let (t, _) = self.lookup(w)?;
                        self.kinds
                            .iter()
                            .find(|(_, names)| names.binary_search(&t).is_ok())
                            .map(|(_, names)| names.as_slice())
                    })
                }),
            None => None,
        };
        // What "berapa" asks a number of, as an index term (none: no entry has it).
        let count_of: Option<Option<u32>> = n
            .count_of
            .as_ref()
            .filter(|_| n.asks.contains(&Asks::HowMany))
            .map(|w| self.lookup(w).map(|(t, _)| t));
        // The kind of detail asked for, as an index term (none: no entry mentions it).
        let detail: Option<Option<u32>> = n.detail.as_ref().map(|w| self.lookup(w).map(|(t, _)| t));
        // "menurut <a name no entry mentions>": the view asked for is not in the FAQ; nor is
        // anything about a year no entry mentions ("pameran 2018").
        let cites_unknown = n.cited.as_ref().is_some_and(|w| self.lookup(w).is_none())
            || n.words
                .iter()
                .any(|w| is_year(w) && self.lookup(w).is_none());
        // A question about what a term means, and the terms it asks the meaning of. A term is
        // a few words ("pelabuhan", "perjanjian bilateral"); more, and the question asks what
        // a statement means.
        let term_words = n.words.iter().filter(|w| !self.norm.is_defining(w)).count();
        // Each of its words as an index term and its weight; a word the index does not know
        // (`None`) is part of the term too, and no entry says what it means.
        let defined: Vec<(Option<u32>, f32)> =
            if meaning && n.defines && term_words <= MAX_TERM_WORDS {
                n.words
                    .iter()
                    .filter(|w| !self.norm.is_defining(w) && !self.norm.is_shortened_stopword(w))
                    .map(|w| match self.lookup(w) {
                        Some((t, _)) => (Some(t), self.idf[t as usize]),
                        None => (None, self.unknown_idf),
                    })
                    .filter(|(t, _)| self.home.is_none() || *t != self.home)
                    .collect()
            } else {
                Vec::new()
            };
        let defined_weight: f32 = defined.iter().map(|(_, w)| w).sum();
        let set_aside: Vec<u32> = n
            .besides
            .iter()
            .filter_map(|w| self.lookup(w))
            .map(|(t, _)| t)
            .collect();
        let about_names = |entry: &Entry| {
            names.is_empty() || names.iter().any(|t| entry.core.binary_search(t).is_ok())
        };
        let b = self.tuning.bigram_share;
        // Per entry: what the question's terms hit (see `Hits`). An entry hit only through its
        // answer text was never asked about these words and is not a candidate.
        let mut acc: Vec<Hits> = vec![Hits::default(); self.entries.len()];
        for &(t, q) in &query {
            let idf = self.idf[t as usize];
            for &(e, w) in &self.postings[t as usize] {
                let a = &mut acc[e as usize];
                a.covered += q * idf * w;
                if !self.entity[t as usize] {
                    a.focused += q * idf * w;
                }
                if w >= 1.0 {
                    a.asked += q * idf;
                }
            }
        }
        // Exact scoring (phrasings, word pairs) is the costly part, so entries are scored in
        // order of an upper bound on their score, and scoring stops once no remaining entry can
        // reach the best three: only those matter to the decision.
        let t = &self.tuning;
        let (qs, d) = (t.query_share, t.phrase_dice);
        let upper = |h: &Hits| {
            let dice = (2.0 * h.asked / total).min(1.0);
            qs * (h.covered / total).min(1.0)
                + (1.0 - qs) * ((1.0 - b) * ((1.0 - d) + d * dice) + b)
        };
        // How likely each entry's ways of asking make the question's words, relative to the
        // likeliest entry, per word: near-ties between entries go to the one asked that way.
        let weight_sum: f32 = query.iter().map(|&(_, q)| q).sum();
        let mut likelihood: Vec<f32> = self.nb_base.iter().map(|b| b * weight_sum).collect();
        for &(t, q) in &query {
            for &(e, boost) in &self.nb_postings[t as usize] {
                likelihood[e as usize] += q * boost;
            }
        }
        let best_likelihood = acc
            .iter()
            .zip(&likelihood)
            .filter(|(h, _)| h.asked > 0.0)
            .map(|(_, &l)| l)
            .fold(f32::NEG_INFINITY, f32::max);
        // A question of names only ("unesco") is asked of every entry that names them alike: the
        // likelihoods would pick one by how often its phrasings repeat the name.
        let lambda = if focus_total > 0.0 {
            t.likelihood_share
        } else {
            0.0
        };
        let factor = |e: usize| {
            (1.0 - lambda)
                + lambda * ((likelihood[e] - best_likelihood) / weight_sum.max(1.0)).exp()
        };
        let mut candidates: Vec<(f32, u32)> = acc
            .iter()
            .enumerate()
            .filter(|(_, h)| h.asked > 0.0)
            .map(|(e, h)| (upper(h) * factor(e), e as u32))
            .collect();
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut ranked: Vec<Scored> = Vec::new();
        let keep = t.keep_exact.max(1);
        let mut best = vec![f32::NEG_INFINITY; keep];
        for (bound, e) in candidates {
            if bound < best[keep - 1] {
                break;
            }
            let Hits {
                covered, focused, ..
            } = acc[e as usize];
            let scored = {
                let entry = &self.entries[e as usize];
                let phrase_cover = entry
                    .phrases
                    .iter()
                    .map(|p| {
                        let hit: f32 = p.terms.iter().map(|&t| weight_of[t as usize]).sum();
                        let recall = if p.total_idf > 0.0 {
                            hit / p.total_idf
                        } else {
                            0.0
                        };
                        // Dice: shared weight against both sides, so neither a long question
                        // nor a long phrasing wins by size alone.
                        let dice = 2.0 * hit / (total + p.total_idf);
                        let unigrams = (1.0 - d) * recall + d * dice;
                        if p.pairs.is_empty() {
                            return unigrams;
                        }
                        let shared = query_pairs
                            .iter()
                            .filter(|qp| p.pairs.binary_search(qp).is_ok())
                            .count();
                        (1.0 - b) * unigrams + b * shared as f32 / p.pairs.len() as f32
                    })
                    .fold(0.0_f32, f32::max);
                let cover = (covered / total).clamp(0.0, 1.0);
                let focus = if focus_total > 0.0 {
                    (focused / focus_total).clamp(0.0, 1.0)
                } else {
                    1.0
                };
                let mut score = self.tuning.query_share * cover
                    + (1.0 - self.tuning.query_share) * phrase_cover;
                score *= factor(e as usize);
                // A question of one word that only the entry's rarer phrasings use (a word a
                // phrasing says in passing) is weak evidence of what is asked.
                if let [(t, _)] = query.as_slice()
                    && entry.core.binary_search(t).is_err()
                {
                    score *= self.tuning.lone_word;
                }
                let mentions = |t: u32| self.postings[t as usize].iter().any(|&(pe, _)| pe == e);
                // A place in an order ("ketiga", "terbesar nomor 1") is like a name: an entry
                // that never says it is about another place, and does not hold what is asked.
                let says_the_order = n
                    .ordinals
                    .iter()
                    .all(|o| entry.ordinals.binary_search(o).is_ok());
                if cites_unknown || names.iter().any(|&t| !mentions(t)) || !says_the_order {
                    score *= self.tuning.missing_name;
                }
                // A kind of detail asked for by name ("setelah kejadian apa", "syaratnya apa aja")
                // is what the question asks: an entry that never mentions it cannot hold it.
                let lacks_detail = detail.is_some_and(|d| !d.is_some_and(mentions));
                if lacks_detail {
                    score *= self.tuning.wrong_question_word;
                }
                // Only an entry written to say what the term means answers what it means: one
                // that names it in passing ("perjanjian pelabuhan …") does not.
                let said: f32 = defined
                    .iter()
                    .filter(|(t, _)| t.is_some_and(|t| entry.defines.binary_search(&t).is_ok()))
                    .map(|(_, w)| w)
                    .sum();
                if !defined.is_empty() && said < 0.5 * defined_weight {
                    score *= self.tuning.undefined;
                }
                // A question naming an organisation or a country is about it: an entry that
                // names it only in passing (its answer, a phrasing) is less likely meant than
                // one whose own question or keywords do.
                if !about_names(entry) {
                    score *= self.tuning.names_in_passing;
                }
                // None of the question's words is in the entry's canonical question or keywords:
                // what it shares is in a phrasing or the answer, not what the entry is about.
                if !query
                    .iter()
                    .any(|&(t, _)| Some(t) != self.home && entry.core.binary_search(&t).is_ok())
                {
                    score *= self.tuning.off_core;
                }
                // What the question has already ("selain perjanjian", "aku cuma tau X sm Y") is
                // not what it asks, unless the answer says what there is besides it ("Selain
                // perjanjian, …") or names all of several such items (the list they are from).
                let set_aside_here = set_aside.iter().any(|t| {
                    entry.canonical().binary_search(t).is_ok()
                        && entry.besides.binary_search(t).is_err()
                }) && !(n.known_items > 1
                    && set_aside
                        .iter()
                        .all(|t| entry.said.binary_search(t).is_ok()));
                if set_aside_here {
                    score *= self.tuning.set_aside;
                }
                // A count of something the answer counts, and that is not asked of every entry.
                let counts_it = query.iter().any(|(t, _)| {
                    entry.counted.contains(t)
                        && self.idf[*t as usize] >= self.tuning.rare_enough_to_count
                });
                // The year of a quoted source, asked of that source by a name only this entry
                // uses ("<author> nulis tahun berapa"), not of anything else it mentions.
                let dates_it = || {
                    entry.dated
                        && query.iter().any(|(t, _)| {
                            matches!(self.postings[*t as usize].as_slice(), [(pe, _)] if *pe == e)
                        })
                };
                // What the answer says serves a when, who or how many about what the entry is
                // asked about: a question sharing a word with its canonical question.
                let on_its_subject = || {
                    entry.ways.iter().any(|(terms, _, text)| {
                        *text == 0
                            && query.iter().any(|&(t, _)| {
                                Some(t) != self.home && terms.binary_search(&t).is_ok()
                            })
                    })
                };
                // A question that names something ("siapa yang mendirikan klub itu") asks about that
                // thing: only an entry about it (its canonical question or keywords name it) can
                // hold the time, count, person or place asked for.
                // "siapa presiden …": an entry that never mentions a president names none.
                // A country named answers "negara mana" without the word "negara".
                let mentions_asked_for = asked_for.is_none_or(|t| t.is_some_and(mentions))
                    || asked_kind.is_some_and(|names| {
                        entry.named.iter().any(|t| names.binary_search(t).is_ok())
                    });
                // A figure the answer states tells a count of what its own clause is about:
                // every word of the question the answer says is in that clause ("impor … 2020
                // nilainya brp" is not told by "ekspor … 2020 … meningkat lebih dari 11%,
                // sementara impor … menurun").
                // Every word of the question the answer says is among `within`.
                let said_within = |within: &dyn Fn(u32) -> bool| {
                    query.iter().all(|&(t, _)| {
                        Some(t) == self.home || entry.said.binary_search(&t).is_err() || within(t)
                    })
                };
                let figure_of_it = || {
                    entry
                        .figures
                        .iter()
                        .any(|clause| said_within(&|t| clause.binary_search(&t).is_ok()))
                };
                let about_its_names = about_names(entry);
                // Whether the answer names one of these names that the question does not.
                let another_of_kind = |names: &[u32]| {
                    entry.named.iter().any(|t| {
                        !query.iter().any(|&(q, _)| q == *t) && names.binary_search(t).is_ok()
                    })
                };
                let serves = |a: Asks| {
                    (a == Asks::Why || about_its_names)
                        && (a != Asks::Who || !asks_office || asked_kind.is_none_or(another_of_kind))
                        && (!matches!(a, Asks::Who | Asks::HowMany | Asks::Where)
                            || mentions_asked_for)
                        // "tahun berapa" is not told by "setelah …" alone.
                        && (a != Asks::When || !n.calendar || entry.calendar)
                        && ((entry.answered.contains(&a)
                            && on_its_subject()
                            && (a != Asks::HowMany || figure_of_it()))
                            || entry.asks.iter().any(|(k, about)| {
                                *k == a
                                    // Its figures, if it gives any, must be of what is asked,
                                    // or the question asks only of what this way asks about.
                                    && (a != Asks::HowMany
                                        || entry.figures.is_empty()
                                        || figure_of_it()
                                        || said_within(&|t| {
                                            entry.core.binary_search(&t).is_ok()
                                                || about
                                                    .as_ref()
                                                    .is_some_and(|ab| ab.binary_search(&t).is_ok())
                                        }))
                                    // Asked "kawasan mana", it does not tell "negara mana".
                                    // Asked "di mana", a way asking for a kind of place the
                                    // lexicon types ("… dibantu negara mana?") tells it only by
                                    // naming one of that kind the question does not: "tol laut
                                    // yg dibantu X ada dimana" is not told by an answer whose
                                    // only country is X.
                                    && (a != Asks::Where
                                        || (n.place.is_none()
                                            && entry.place_kinds.iter().any(|k| {
                                                k.as_deref()
                                                    .and_then(|w| self.lookup(w))
                                                    .and_then(|(t, _)| kind_of(t))
                                                    .is_none_or(another_of_kind)
                                            }))
                                        || entry
                                            .place_kinds
                                            .iter()
                                            .any(|k| k.is_none() || *k == n.place))
                                    && about.as_ref().is_none_or(|about| {
                                        // The word shared must be one the entry is about (its
                                        // canonical question and keywords), not the verb of one
                                        // phrasing ("terjadi" in "sejak kapan … terjadi").
                                        query.iter().any(|&(t, _)| {
                                            Some(t) != self.home
                                                && about.binary_search(&t).is_ok()
                                                && entry.core.binary_search(&t).is_ok()
                                        })
                                    })
                            }))
                };
                // Whether a sentence of the answer saying most of the question (by the idf of
                // its words, the home country aside) has a word `wanted`, or none of the
                // question is in the answer (no sentence to read).
                let in_focus = |wanted: &dyn Fn(&u32) -> bool| {
                    let weight = |sentence: &Vec<u32>| -> f32 {
                        query
                            .iter()
                            .filter(|&&(t, _)| {
                                Some(t) != self.home && sentence.binary_search(&t).is_ok()
                            })
                            .map(|&(t, q)| q * self.idf[t as usize])
                            .sum()
                    };
                    let most = entry.sentences.iter().map(weight).fold(0.0_f32, f32::max);
                    most <= 0.0
                        || entry.sentences.iter().any(|sentence| {
                            weight(sentence) >= most - f32::EPSILON && sentence.iter().any(wanted)
                        })
                };
                // A name the answer gives that the question does not: where, or with whom; of
                // the kind asked for, when the lexicon says which names are of it ("negara
                // mana" is not told by naming a region or an organisation), and then in the
                // sentence saying most of the question: "negara pendiri x selain y siapa aja"
                // is not told by "y juga salah satu pendiri x" beside a sentence naming the
                // countries x spans.
                let names_another = || match asked_kind {
                    Some(names) => {
                        another_of_kind(names)
                            && in_focus(&|t: &u32| {
                                !query.iter().any(|&(q, _)| q == *t)
                                    && entry.named.binary_search(t).is_ok()
                                    && names.binary_search(t).is_ok()
                            })
                    }
                    None => entry
                        .named
                        .iter()
                        .any(|t| !query.iter().any(|&(q, _)| q == *t)),
                };
                // A name's short or long form is told by an entry giving both, one of which
                // the question names ("kepanjangan lpk", "lembaga pangan kawasan
                // singkatannya"); its phrasings asking so do not make up for an answer that
                // never says it.
                let spells_it = || {
                    entry.spelled.iter().any(|(short, long)| {
                        [short, long]
                            .iter()
                            .any(|form| form.iter().all(|t| query.iter().any(|&(q, _)| q == *t)))
                    })
                };
                // A name asked for ("… itu namanya apa") is given by an answer that says one the
                // question does not: what it says the meaning of ("Kerja sama regional adalah
                // …"), or, in the sentence saying most of the question, a name of the lexicon's
                // or one it gives a thing ("dijuluki …"). "pasukan penjaga … lpk namanya apa" is
                // not told by an answer mentioning them beside "LPK (Lembaga Pangan Kawasan)":
                // the long form of a name the question uses is no other name.
                let gives_a_name = || {
                    let another = |t: &u32| {
                        Some(*t) != self.home
                            && !query.iter().any(|&(q, _)| q == *t)
                            && !entry.spelled.iter().any(|(short, long)| {
                                long.contains(t)
                                    && short.iter().all(|f| query.iter().any(|&(q, _)| q == *f))
                            })
                    };
                    entry.subjects.iter().any(another)
                        || in_focus(&|t: &u32| {
                            another(t)
                                && (entry.called.binary_search(t).is_ok()
                                    || entry.named.binary_search(t).is_ok())
                        })
                };
                let mut holds_asked = says_the_order && !lacks_detail;
                // "perusahaan x apa aja", "contoh koperasi …": told only by an entry naming one
                // of the kind the question does not, where the lexicon says which names are of
                // it (a kind it lists none of is one the subject names no instance of).
                // "… yg paling banyak": an answer that ranks nothing does not say which is first.
                // "… tahun depan": one that never speaks of the future does not say what comes.
                // Asked for a number of them, it names at least as many: "162 negara …
                // sebutin semua" is not told by two examples. (Names are words: "Teluk Samudra"
                // is two, so a list of regions may count more than it has.)
                let names_enough = |names: &[u32]| {
                    listed_count.is_none_or(|count| {
                        let named = entry.said.iter().filter(|t| names.binary_search(t).is_ok());
                        named.count() >= count as usize
                    })
                };
                if asks_instances
                    .is_some_and(|names| !another_of_kind(names) || !names_enough(names))
                    || (n.superlative && !entry.ranks)
                    || (n.future && !entry.future)
                {
                    holds_asked = false;
                    score *= self.tuning.wrong_question_word;
                }
                // "cuma negara doang?": an answer saying whether it is only so is likelier meant.
                if n.only && !entry.widens {
                    score *= self.tuning.not_only;
                }
                for a in n.asks.iter().filter(|&&a| {
                    !(if a == Asks::Name && n.spelled {
                        spells_it()
                    } else if a == Asks::Name {
                        (serves(a) || !entry.defines.is_empty()) && gives_a_name()
                    } else if a == Asks::HowMany {
                        // "ada brp negara" is told only by a number of them.
                        count_of.is_none_or(|t| {
                            t.is_some_and(|t| entry.quantified.binary_search(&t).is_ok())
                        }) && (serves(a) || counts_it)
                    } else {
                        serves(a)
                            || (a == Asks::Where
                                && about_its_names
                                && mentions_asked_for
                                && names_another())
                            || (a == Asks::When && dates_it())
                    })
                }) {
                    holds_asked &= *a == Asks::Why;
                    score *= match a {
                        Asks::When | Asks::HowMany | Asks::Where => self.tuning.wrong_question_word,
                        // A person the entry may name without being asked, unless it is
                        // not about what the question names or never mentions who is asked,
                        // or, asked for a kind of place, names none the question does not.
                        Asks::Who
                            if about_its_names
                                && mentions_asked_for
                                && (asked_kind.is_none() || names_another()) =>
                        {
                            self.tuning.wrong_question_word_mild
                        }
                        Asks::Who => self.tuning.wrong_question_word,
                        // A name is given by an entry asked for it ("… itu namanya apa?") or
                        // written to say what something is, whose answer says one the
                        // question lacks (`gives_a_name`).
                        Asks::Name => self.tuning.wrong_question_word,
                        // Why something is first of a ranking ("kenapa … paling banyak") is
                        // not told by an answer that only ranks it.
                        Asks::Why if n.superlative => self.tuning.wrong_question_word,
                        Asks::Why => self.tuning.wrong_why,
                    };
                }
                Scored {
                    entry: e as usize,
                    score: score.clamp(0.0, 1.0),
                    focus,
                    holds_asked,
                }
            };
            if let Some(slot) = best.iter().position(|&s| scored.score > s) {
                best[slot..].rotate_right(1);
                best[slot] = scored.score;
            }
            ranked.push(scored);
        }
        ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entry.cmp(&b.entry)));
        // Without a question word or a term whose meaning is asked, a question whose every
        // word is found in most entries ("semua negara boleh ikut kerja sama internasional
        // ga": what tells it apart are chat words the index does not keep) says too little
        // to pick one entry.
        let vague = !n.defines
            && n.asks.is_empty()
            && query
                .iter()
                .all(|&(t, _)| Some(t) == self.home || self.common[t as usize]);
        // One word, spelled as the FAQ spells it, that no entry is about (no canonical
        // question or keyword has it): a word the answers use in passing ("orang", "bawa") is
        // class chat or another lesson's. A word read through a typo may be a misspelling a
        // phrasing keeps on purpose, and is left to the scores.
        let passing = words == 1
            && matches!(query.as_slice(), [(t, q)] if *q >= 1.0 && Some(*t) != self.home && !self.is_topic(*t));
        Ranking {
            ranked,
            words,
            vague,
            passing,
            listed_by: asked_so,
            terms: query.iter().map(|&(t, _)| t).collect(),
            unasked: n.asks_nothing(),
            asks: n.asks,
        }
    }
}

/// The most words a term whose meaning is asked has ("organisasi internasional").
const MAX_TERM_WORDS: usize = 3;
