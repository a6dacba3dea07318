//! A group's cumulative scoreboard, its ranking, and its CSV export.

use std::collections::BTreeMap;

/// One student's standing in one group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Player {
    pub name: String,
    pub username: Option<String>,
    pub points: u64,
    pub correct: u32,
    pub answered: u32,
    pub rounds: u32,
    /// Homework questions answered and answered right (the `tugas` column).
    pub homework_answered: u32,
    pub homework_right: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Board {
    pub players: BTreeMap<i64, Player>,
}

impl Board {
    pub fn is_empty(&self) -> bool {
        self.players.is_empty()
    }

    /// Adds one revealed answer. The name is refreshed: students rename themselves.
    pub fn record(
        &mut self,
        user: i64,
        name: &str,
        username: Option<&str>,
        correct: bool,
        points: u32,
    ) {
        let p = self.players.entry(user).or_default();
        p.name = name.to_string();
        p.username = username.map(str::to_string);
        p.answered += 1;
        if correct {
            p.correct += 1;
            p.points += u64::from(points);
        }
    }

    /// Adds a closed homework's result. The name is refreshed, as for a round.
    pub fn record_homework(
        &mut self,
        user: i64,
        name: &str,
        username: Option<&str>,
        (answered, right): (u32, u32),
    ) {
        let p = self.players.entry(user).or_default();
        p.name = name.to_string();
        p.username = username.map(str::to_string);
        p.homework_answered = p.homework_answered.saturating_add(answered);
        p.homework_right = p.homework_right.saturating_add(right);
    }

    /// Counts a finished round for everyone who answered in it.
    pub fn finish_round<'a>(&mut self, users: impl IntoIterator<Item = &'a i64>) {
        for user in users {
            if let Some(p) = self.players.get_mut(user) {
                p.rounds += 1;
            }
        }
    }

    /// Players best first: points, then correct answers, then name.
    pub fn ranking(&self) -> Vec<(i64, &Player)> {
        let mut all: Vec<(i64, &Player)> = self.players.iter().map(|(id, p)| (*id, p)).collect();
        all.sort_by(|a, b| {
            b.1.points
                .cmp(&a.1.points)
                .then(b.1.correct.cmp(&a.1.correct))
                .then_with(|| a.1.name.cmp(&b.1.name))
                .then(a.0.cmp(&b.0))
        });
        all
    }

    /// `user`'s place (from 1) and standing.
    pub fn rank_of(&self, user: i64) -> Option<(usize, &Player)> {
        self.ranking()
            .into_iter()
            .position(|(id, _)| id == user)
            .and_then(|i| self.players.get(&user).map(|p| (i + 1, p)))
    }

    /// The board as CSV for spreadsheet programs: UTF-8 with a byte-order mark, CRLF line ends
    /// and every cell in double quotes (RFC 4180). Quoting every cell keeps a name whole even
    /// where the spreadsheet splits on `;` (Indonesian regional settings do), and a cell that a
    /// spreadsheet could read as a formula is prefixed with `'`: one starting with `=`, `+`,
    /// `-`, `@`, their fullwidth forms, a control character or any whitespace (which a
    /// spreadsheet may skip to find a formula behind it).
    pub fn csv(&self) -> Vec<u8> {
        self.csv_with(&[], |_, _| (0, 0))
    }

    /// The board as CSV with, per topic or homework in `topics` (their headings), two more
    /// columns: answered and right, as `tally(player, index)` says.
    pub fn csv_with(&self, topics: &[String], tally: impl Fn(i64, usize) -> (u32, u32)) -> Vec<u8> {
        let mut out = String::from("\u{feff}");
        let mut head: Vec<String> = [
            "nama",
            "username",
            "poin",
            "benar",
            "dijawab",
            "ronde",
            "tugas benar",
            "tugas dijawab",
        ]
        .map(String::from)
        .to_vec();
        for t in topics {
            head.push(format!("{t} dijawab"));
            head.push(format!("{t} benar"));
        }
        push_row(
            &mut out,
            &head.iter().map(String::as_str).collect::<Vec<_>>(),
        );
        for (id, p) in self.ranking() {
            let mut cells = vec![
                p.name.clone(),
                p.username.clone().unwrap_or_default(),
                p.points.to_string(),
                p.correct.to_string(),
                p.answered.to_string(),
                p.rounds.to_string(),
                p.homework_right.to_string(),
                p.homework_answered.to_string(),
            ];
            for i in 0..topics.len() {
                let (answered, right) = tally(id, i);
                cells.push(answered.to_string());
                cells.push(right.to_string());
            }
            push_row(
                &mut out,
                &cells.iter().map(String::as_str).collect::<Vec<_>>(),
            );
        }
        out.into_bytes()
    }
}

fn push_row(out: &mut String, cells: &[&str]) {
    for (i, text) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_cell(out, text);
    }
    out.push_str("\r\n");
}

/// Whether a cell starting with `c` could be taken for a formula.
fn formula_lead(c: char) -> bool {
    matches!(
        c,
        '=' | '+' | '-' | '@' | '\u{FF1D}' | '\u{FF0B}' | '\u{FF0D}' | '\u{FF20}'
    ) || c.is_whitespace()
        || c.is_control()
}

fn push_cell(out: &mut String, text: &str) {
    out.push('"');
    if text.starts_with(formula_lead) {
        out.push('\'');
    }
    out.push_str(&text.replace('"', "\"\""));
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranking_by_points_then_correct_then_name() {
        let mut b = Board::default();
        b.record(1, "Budi", None, true, 800);
        b.record(2, "Ani", None, true, 800);
        b.record(3, "Cici", None, true, 900);
        b.record(4, "Dodi", None, false, 0);
        let order: Vec<i64> = b.ranking().iter().map(|(id, _)| *id).collect();
        assert_eq!(order, vec![3, 2, 1, 4]);
        assert_eq!(b.rank_of(1).map(|(r, _)| r), Some(3));
        assert_eq!(b.rank_of(9), None);
        assert_eq!(b.players[&4].answered, 1);
        assert_eq!(b.players[&4].correct, 0);
    }

    #[test]
    fn csv_has_a_bom_quotes_and_no_formulas() {
        let mut b = Board::default();
        b.record(1, "=1+1", Some("siti"), true, 1000);
        b.record(2, "Budi, \"si jago\"", None, true, 500);
        b.record(3, "-@x", None, false, 0);
        b.finish_round(&[1, 2, 3]);
        b.record_homework(3, "-@x", None, (3, 2));
        let csv = b.csv();
        assert_eq!(
            String::from_utf8_lossy(&csv),
            "\u{feff}\"nama\",\"username\",\"poin\",\"benar\",\"dijawab\",\"ronde\",\"tugas benar\",\"tugas dijawab\"\r\n\
             \"'=1+1\",\"siti\",\"1000\",\"1\",\"1\",\"1\",\"0\",\"0\"\r\n\
             \"Budi, \"\"si jago\"\"\",\"\",\"500\",\"1\",\"1\",\"1\",\"0\",\"0\"\r\n\
             \"'-@x\",\"\",\"0\",\"0\",\"1\",\"1\",\"2\",\"3\"\r\n"
        );
        assert_eq!(&csv[..3], &[0xEF, 0xBB, 0xBF]);
    }

    /// Rows of cells as a spreadsheet reads `text` with `separator` between cells: a cell that
    /// opens with `"` runs to the closing quote (`""` inside is one quote), and whatever
    /// follows it up to the separator is taken as it stands.
    fn parse(text: &str, separator: char) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        let mut row = Vec::new();
        let mut cell = String::new();
        let mut chars = text.chars().peekable();
        let mut at_start = true;
        while let Some(c) = chars.next() {
            if at_start && c == '"' {
                at_start = false;
                while let Some(q) = chars.next() {
                    if q != '"' {
                        cell.push(q);
                    } else if chars.peek() == Some(&'"') {
                        chars.next();
                        cell.push('"');
                    } else {
                        break;
                    }
                }
                continue;
            }
            at_start = false;
            if c == separator {
                row.push(std::mem::take(&mut cell));
                at_start = true;
            } else if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_start = true;
            } else {
                cell.push(c);
            }
        }
        if !cell.is_empty() || !row.is_empty() {
            row.push(cell);
            rows.push(row);
        }
        rows
    }

    /// What a spreadsheet may take for the start of a formula, or hide one behind.
    fn risky(cell: &str) -> bool {
        cell.starts_with(|c: char| {
            matches!(
                c,
                '=' | '+' | '-' | '@' | '\u{FF1D}' | '\u{FF0B}' | '\u{FF0D}' | '\u{FF20}'
            ) || c.is_whitespace()
                || c.is_control()
        })
    }

    #[test]
    fn no_hostile_name_opens_as_a_formula_with_either_list_separator() {
        let hostile = [
            "=1+1",
            "+62 812",
            "-1",
            "@SUM(A1:A9)",
            "\t=1+1",
            "\r=1+1",
            "\n=1+1",
            " =1+1",
            "\u{a0}=1+1",
            "\u{3000}=1+1",
            "\u{2003}-2",
            "\u{FF1D}1+1",
            "\u{FF0B}1",
            "\u{FF0D}1",
            "\u{FF20}x",
            "x;=cmd|' /C calc'!A0;",
            "Siti;+1;-1;@a; =2;\t=3",
            "a,=1+1",
            "a;\"=1\"",
            "\"=1\"",
            "a\r\n=1+1",
            "Budi, \"si jago\"",
            "'=1",
            "Siti Rahmawati",
            "",
        ];
        let mut problems = Vec::new();
        for name in hostile {
            let mut b = Board::default();
            b.record(1, name, Some("siti_r"), true, 900);
            b.record(2, "Ani", None, false, 0);
            let bytes = b.csv();
            let text = std::str::from_utf8(&bytes).expect("UTF-8");
            let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
            for separator in [',', ';'] {
                for cell in parse(text, separator).into_iter().flatten() {
                    if risky(&cell) {
                        problems.push(format!(
                            "{name:?} split on {separator:?} gives the cell {cell:?}"
                        ));
                    }
                }
            }
            let rows = parse(text, ',');
            let written = rows
                .iter()
                .find(|r| r.get(1).is_some_and(|u| u == "siti_r"))
                .map(|r| r[0].as_str());
            if rows.len() != 3
                || !written.is_some_and(|w| w == name || w.strip_prefix('\'') == Some(name))
            {
                problems.push(format!("{name:?} came back as {written:?} in {rows:?}"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
