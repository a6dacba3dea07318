use std::collections::HashSet;

use super::*;
use crate::texts;

fn p(text: &str) -> Option<(String, String)> {
    parse(text, "kelasbot").map(|c| (c.name, c.args.to_string()))
}

#[test]
fn commands_with_and_without_the_bot_name() {
    assert_eq!(p("/fakta"), Some(("fakta".into(), "".into())));
    assert_eq!(p("/Fakta@KelasBot"), Some(("fakta".into(), "".into())));
    assert_eq!(
        p("/tanya   apa itu globalisasi? "),
        Some(("tanya".into(), "apa itu globalisasi?".into()))
    );
    assert_eq!(
        p("/tanya@kelasbot\nbilateral itu apa"),
        Some(("tanya".into(), "bilateral itu apa".into()))
    );
}

#[test]
fn other_bots_and_non_commands_are_not_ours() {
    assert_eq!(p("/fakta@otherbot"), None);
    assert_eq!(p("fakta"), None);
    assert_eq!(p("/"), None);
    assert_eq!(p("/@kelasbot"), None);
    assert_eq!(p("/fak-ta"), None);
    assert_eq!(p("/😀"), None);
    assert_eq!(p(&format!("/{}", "a".repeat(33))), None);
}

#[test]
fn the_parser_finds_every_name_and_alias_in_the_table() {
    for command in COMMANDS {
        for name in std::iter::once(&command.name).chain(command.aliases) {
            let upper = name.to_ascii_uppercase();
            for text in [format!("/{name}"), format!("/{upper}@KelasBot satu dua")] {
                let parsed = parse(&text, "kelasbot").unwrap_or_else(|| panic!("{text}"));
                assert_eq!(find(&parsed.name).map(|c| c.id), Some(command.id), "{text}");
            }
        }
    }
    assert_eq!(find("kuisgue").map(|c| c.id), None);
    assert_eq!(find(START).map(|c| c.id), Some(Id::Bantuan));
    assert_eq!(find("help").map(|c| c.id), Some(Id::Bantuan));
}

#[test]
fn names_are_unique_and_what_telegram_accepts() {
    let mut seen = HashSet::new();
    let mut ids = HashSet::new();
    for command in COMMANDS {
        assert!(ids.insert(command.id), "{:?} twice", command.id);
        for name in std::iter::once(&command.name).chain(command.aliases) {
            assert!(seen.insert(*name), "{name} twice");
            assert!((1..=MAX_NAME).contains(&name.len()), "{name}");
            assert!(
                name.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{name}"
            );
        }
        for menu in Menu::ALL {
            if let Some(line) = command.menu_line(menu) {
                assert!((1..=256).contains(&line.text.chars().count()), "{line:?}");
            }
        }
    }
}

#[test]
fn each_menu_numbers_its_lines_one_to_n() {
    for menu in Menu::ALL {
        let mut at: Vec<u8> = COMMANDS
            .iter()
            .filter_map(|c| c.menu_line(menu).map(|l| l.at))
            .collect();
        at.sort_unstable();
        let expected: Vec<u8> = (1..).take(at.len()).collect();
        assert_eq!(at, expected, "{menu:?}");
    }
}

#[test]
fn who_and_where_decide_which_menus_and_help_list_a_command() {
    for c in COMMANDS {
        let (private, groups) = (c.place.in_private(), c.place.in_groups());
        let everyone = c.who == Who::Everyone;
        assert_eq!(c.menus.private.is_some(), private, "{}", c.name);
        assert_eq!(c.menus.group.is_some(), groups && everyone, "{}", c.name);
        assert_eq!(c.menus.admins.is_some(), groups, "{}", c.name);
        assert_eq!(c.help.private.is_some(), private, "{}", c.name);
        assert_eq!(c.help.group.is_some(), groups, "{}", c.name);
        // Whose teacher someone is can only be asked about a group.
        if !everyone {
            assert_eq!(c.place, Place::Group, "{}", c.name);
        }
        assert!(
            !c.fresh_check || !everyone,
            "{}: only teachers are checked",
            c.name
        );
    }
}

/// The bullets of a help text that name a command: `• /fakta — …` gives `fakta`.
fn bullets(html: &str) -> Vec<&str> {
    html.lines()
        .filter_map(|l| l.strip_prefix("• /"))
        .filter_map(|l| l.split([' ', '@']).next())
        .collect()
}

#[test]
fn help_and_menus_are_the_table_where_it_offers_each_command() {
    let (content, _) = crate::app::tests::shipped();
    let private = texts::help_private(&content);
    let group = texts::help_group("kelasbot", &content);
    let (students, teachers) = group
        .split_once("<b>Untuk guru</b>")
        .unwrap_or_else(|| panic!("{group}"));
    let listed = |pick: &dyn Fn(&Command) -> bool| -> Vec<&str> {
        COMMANDS
            .iter()
            .filter(|c| pick(c))
            .map(|c| c.name)
            .collect()
    };
    assert_eq!(bullets(&private), listed(&|c| c.place.in_private()));
    assert_eq!(
        bullets(students),
        listed(&|c| c.place.in_groups() && c.who == Who::Everyone)
    );
    assert_eq!(
        bullets(teachers),
        listed(&|c| c.place.in_groups() && c.who == Who::Teachers)
    );
    for c in COMMANDS {
        let head = match c.args {
            "" => format!("• /{}", c.name),
            args => format!("• /{} {}", c.name, crate::html::escape(args)),
        };
        let has_line =
            |html: &str, text: &str| html.lines().any(|l| l == format!("{head} — {text}"));
        if let Some(text) = c.help.private {
            assert!(has_line(&private, text), "{}", c.name);
        }
        if let Some(text) = c.help.group {
            assert!(has_line(&group, text), "{}", c.name);
        }
    }
    for menu in Menu::ALL {
        let shown = texts::menu(menu);
        let mut last = 0;
        for (name, text) in &shown {
            let line = find(name).and_then(|c| c.menu_line(menu));
            let line = line.unwrap_or_else(|| panic!("{name} in {menu:?}"));
            assert_eq!(line.text, *text);
            assert!(line.at > last, "{menu:?} out of order at {name}");
            last = line.at;
        }
        let offered = COMMANDS.iter().filter(|c| c.menu_line(menu).is_some());
        assert_eq!(shown.len(), offered.count(), "{menu:?}");
    }
}
