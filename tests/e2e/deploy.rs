//! The systemd units in `deploy/`: their paths and variables are the ones the binary reads,
//! their stop timeout outlasts the bot's own shutdown, and `systemd-analyze verify` finds
//! nothing to say about them (where the machine has it).

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The unit's `[Service]` settings, as (key, value) in order.
fn settings(unit: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(root().join("deploy").join(unit)).expect("the unit");
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with('['))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

fn one<'a>(s: &'a [(String, String)], key: &str) -> &'a str {
    let found: Vec<&str> = s
        .iter()
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(found.len(), 1, "{key}: {found:?}");
    found[0]
}

/// The variables the binary reads: those `.env.example` documents.
fn known_variables() -> BTreeSet<String> {
    std::fs::read_to_string(root().join(".env.example"))
        .expect(".env.example")
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .map(|(k, _)| k.trim().to_string())
        .collect()
}

#[test]
fn the_units_match_what_the_binary_reads_and_stop_after_its_grace() {
    let known = known_variables();
    for (unit, data_dir, env_file) in [
        (
            "kelasbot.service",
            "/var/lib/kelasbot",
            "/etc/kelasbot/kelasbot.env",
        ),
        (
            "kelasbot@.service",
            "/var/lib/kelasbot/%i",
            "/etc/kelasbot/%i.env",
        ),
    ] {
        let s = settings(unit);
        assert!(one(&s, "ExecStart").ends_with("/kelasbot run"), "{unit}");
        assert_eq!(one(&s, "ExecReload"), "/bin/kill -HUP $MAINPID", "{unit}");
        assert_eq!(one(&s, "Restart"), "on-failure", "{unit}");
        assert_eq!(one(&s, "KillSignal"), "SIGTERM", "{unit}");
        // The bot waits up to 5 s for teacher checks and 2 s for queued messages on SIGTERM.
        let stop: u64 = one(&s, "TimeoutStopSec").parse().expect("seconds");
        assert!(stop > 5 + 2 + 10, "{unit}: {stop}");
        assert_eq!(one(&s, "EnvironmentFile"), env_file, "{unit}");
        assert_eq!(
            format!("/var/lib/{}", one(&s, "StateDirectory")),
            data_dir,
            "{unit}"
        );
        assert_eq!(one(&s, "WorkingDirectory"), data_dir, "{unit}");
        for (k, v) in s.iter().filter(|(k, _)| k == "Environment") {
            let (var, value) = v.split_once('=').expect("VAR=value");
            assert!(known.contains(var), "{unit}: {var} ({k}) is not a setting");
            if var == "KELASBOT_DATA_DIR" {
                assert_eq!(value, data_dir, "{unit}");
            }
        }
        for hardening in [
            "NoNewPrivileges=yes",
            "ProtectSystem=strict",
            "PrivateTmp=yes",
        ] {
            let (k, v) = hardening.split_once('=').expect("k=v");
            assert_eq!(one(&s, k), v, "{unit}");
        }
    }
}

#[test]
fn systemd_analyze_verify_finds_nothing() {
    let Ok(probe) = Command::new("systemd-analyze").arg("--version").output() else {
        eprintln!("systemd-analyze is not on this machine: the units are checked above only");
        return;
    };
    assert!(probe.status.success());
    let dir = tempfile::tempdir().expect("temp dir");
    // The binary at its place in the unit, and one instance of the template.
    for (from, to) in [
        ("kelasbot.service", "kelasbot.service"),
        ("kelasbot@.service", "kelasbot@smpn1.service"),
    ] {
        let text = std::fs::read_to_string(root().join("deploy").join(from)).expect("unit");
        let text = text.replace("/usr/local/bin/kelasbot", env!("CARGO_BIN_EXE_kelasbot"));
        std::fs::write(dir.path().join(to), text).expect("write");
        let o = Command::new("systemd-analyze")
            .arg("verify")
            .arg(dir.path().join(to))
            .output()
            .expect("systemd-analyze runs");
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        let about_unit: Vec<&str> = said.lines().filter(|l| l.contains(to)).collect();
        assert!(about_unit.is_empty(), "{to}: {said}");
    }
}
