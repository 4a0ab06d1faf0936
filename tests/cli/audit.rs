//! The hostile-input audit's cases, one test per class: output written where it must be and
//! nowhere else, files outside the repository never read, edits that all land whatever the
//! temporary folder, exit codes that survive a closed pipe, exports that cannot inject formulas
//! or escapes, Cyrillic file names through git, size limits on what git holds — and every
//! Russian message they produce free of English prose.

use crate::{Moc, Output, git, read_repo};

/// Words that may stand in a Russian message: names of formats and programs, keys of the plan
/// format, commands (`moc done`, `moc note` in a hint) and options (paths, numbers and `code`
/// are skipped before).
const NAMES: [&str; 22] = [
    "toml", "git", "utf", "moc", "word", "excel", "csv", "json", "cp", "windows", "import",
    "encoding", "check", "plans", "head", "hint", "done", "note", "progress", "report", "init",
    "status",
];

/// The run, after making sure its Russian messages carry no English prose.
fn seen(out: &Output) -> &Output {
    for line in out.stderr.lines() {
        for token in line.split_whitespace() {
            if token.contains(['/', '.', '_', '-', '[', ']', '`', '=', '\\'])
                || token.chars().any(|c| c.is_ascii_digit())
            {
                continue;
            }
            for word in token.split(|c: char| !c.is_ascii_alphabetic()) {
                if word.len() < 2 {
                    continue;
                }
                assert!(
                    NAMES.contains(&word.to_ascii_lowercase().as_str()),
                    "English «{word}» in a Russian message: {line}"
                );
            }
        }
    }
    out
}

const PLAN: &str = "plans/sayansk-2026.toml";

#[cfg(unix)]
#[test]
fn output_goes_where_it_must_and_nowhere_else() {
    use std::os::unix::fs::FileTypeExt;
    // a character device: written to, left a device
    let out = Moc::in_repo()
        .args(["report", PLAN, "--as-of", "2026-12-20", "-o", "/dev/null"])
        .run();
    assert_eq!(seen(&out).code, 0, "{out}");
    let meta = std::fs::metadata("/dev/null").unwrap_or_else(|e| panic!("{e}"));
    assert!(meta.file_type().is_char_device(), "/dev/null was replaced");

    // a FIFO: the report flows through it, and it stays a FIFO
    let m = Moc::in_temp().copy(PLAN, "plans/s.toml");
    let fifo = m.dir().join("out.fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(&fifo).unwrap_or_default())
    };
    let m = m.args(["report", "--as-of", "2026-12-20", "-o", "out.fifo"]);
    let out = m.run();
    assert_eq!(seen(&out).code, 0, "{out}");
    let got = reader.join().unwrap_or_default();
    assert!(
        String::from_utf8_lossy(&got).contains("# Отчёт"),
        "the FIFO got no report"
    );
    let meta = std::fs::symlink_metadata(&fifo).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        meta.file_type().is_fifo(),
        "the FIFO was replaced by a file"
    );

    // a symlink: the file it names is written, the link stays a link (and keeps its target)
    let m = Moc::in_temp()
        .copy(PLAN, "plans/s.toml")
        .file("reports/real.md", "old");
    std::os::unix::fs::symlink("reports/real.md", m.dir().join("link.md"))
        .unwrap_or_else(|e| panic!("{e}"));
    let m = m.args(["report", "--as-of", "2026-12-20", "-o", "link.md"]);
    let out = m.run();
    assert_eq!(seen(&out).code, 0, "{out}");
    let link = std::fs::symlink_metadata(m.dir().join("link.md")).unwrap_or_else(|e| panic!("{e}"));
    assert!(link.file_type().is_symlink(), "the link was replaced");
    let real = std::fs::read_to_string(m.dir().join("reports/real.md")).unwrap_or_default();
    assert!(real.starts_with("# Отчёт"), "{real}");

    // the plan that is read: refused, exit 2, the plan byte for byte as it was
    let m = Moc::in_temp().copy(PLAN, "plans/s.toml");
    let before = std::fs::read(m.dir().join("plans/s.toml")).unwrap_or_default();
    for args in [
        vec!["report", "plans/s.toml", "-o", "plans/s.toml"],
        vec!["report", "-o", "plans/s.toml"],
        vec!["status", "--format", "csv", "-o", "plans/s.toml"],
    ] {
        let out = Moc::in_temp_at(m.dir())
            .args(&args)
            .args(["--as-of", "2026-12-20"])
            .run();
        assert_eq!(seen(&out).code, 2, "{args:?}: {out}");
        // refused as the file read, or (with no --format) as a .toml the report cannot be
        assert!(
            out.stderr.contains("файл, который команда читает")
                || out.stderr.contains("не пишет файлы .toml"),
            "{out}"
        );
    }
    assert_eq!(
        std::fs::read(m.dir().join("plans/s.toml")).unwrap_or_default(),
        before
    );
}

#[cfg(unix)]
#[test]
fn files_outside_the_repository_are_not_read() {
    let secret = "Пароль-тест-7f3a91";
    let outside = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let secret_file = outside.path().join("credentials.toml");
    std::fs::write(&secret_file, format!("[plan]\ntitle = \"{secret}\n")).unwrap_or_default();
    let m = Moc::in_temp().copy(PLAN, "plans/s.toml");
    std::os::unix::fs::symlink(&secret_file, m.dir().join("plans/env.toml"))
        .unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink("/proc/self/environ", m.dir().join("plans/proc.toml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let m = m
        .env("CI_TOKEN", "ci-token-d41d8cd9")
        .args(["check", "--as-of", "2026-12-20"]);
    let out = m.run();
    assert_eq!(seen(&out).code, 2, "{out}");
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(!all.contains(secret), "the secret was printed: {all}");
    assert!(
        !all.contains("ci-token-d41d8cd9"),
        "the environment was printed: {all}"
    );
    assert!(all.contains("за пределы репозитория"), "{all}");

    // moc.toml reached the same way
    let m = Moc::in_temp().copy(PLAN, "plans/s.toml");
    std::os::unix::fs::symlink(&secret_file, m.dir().join("moc.toml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let m = m.args(["status", "--as-of", "2026-12-20"]);
    let out = m.run();
    assert_eq!(seen(&out).code, 2, "{out}");
    assert!(
        !out.stderr.contains(secret) && !out.stdout.contains(secret),
        "{out}"
    );

    // a moc.toml that is not UTF-8 is an error, not silently ignored
    let out = Moc::in_temp()
        .copy(PLAN, "plans/s.toml")
        .file("moc.toml", b"[region]\nname = \"\xcf\xf0\xe8\"\n")
        .args(["status", "--as-of", "2026-12-20"])
        .run();
    assert_eq!(seen(&out).code, 2, "{out}");
    assert!(
        out.stderr.contains("moc.toml") && out.stderr.contains("UTF-8"),
        "{out}"
    );
}

#[test]
fn discovery_stops_at_the_repository_root() {
    // a plans/ folder above the repository is not the repository's
    let m = Moc::in_temp()
        .copy(PLAN, "plans/outside.toml")
        .file("repo/.git/HEAD", "ref: refs/heads/main\n");
    let out = Moc::in_temp_at(&m.dir().join("repo"))
        .args(["status", "--as-of", "2026-12-20"])
        .run();
    assert_eq!(seen(&out).code, 2, "{out}");
    assert!(!out.stdout.contains("Саянск"), "{out}");
}

#[test]
fn fifty_concurrent_edits_with_their_own_temporary_folders_all_land() {
    let m = Moc::in_temp().copy(PLAN, "plans/s.toml");
    let dir = m.dir().to_path_buf();
    let handles: Vec<_> = (0..50)
        .map(|k| {
            let dir = dir.clone();
            std::thread::spawn(move || {
                let tmp = dir.join(format!("tmp{k}"));
                std::fs::create_dir_all(&tmp).unwrap_or_default();
                let out = Moc::in_temp_at(&dir)
                    .env("TMPDIR", &tmp.display().to_string())
                    .args([
                        "progress",
                        "16",
                        &format!("запись номер {k:02}"),
                        "--date",
                        "2026-05-05",
                        "--as-of",
                        "2026-12-20",
                    ])
                    .run();
                (k, out)
            })
        })
        .collect();
    let mut ok = Vec::new();
    for h in handles {
        let (k, out) = h.join().unwrap_or_else(|_| panic!("thread"));
        if out.code == 0 {
            ok.push(k);
        } else {
            seen(&out);
        }
    }
    let text = std::fs::read_to_string(dir.join("plans/s.toml")).unwrap_or_default();
    for k in &ok {
        assert!(
            text.contains(&format!("запись номер {k:02}")),
            "edit {k} reported success but is not in the file"
        );
    }
    assert_eq!(ok.len(), 50, "every edit waits its turn and lands: {ok:?}");
}

#[test]
fn a_closed_pipe_keeps_the_exit_code() {
    let m = Moc::in_temp().copy(
        "tests/fixtures/invalid/responsible-known.toml",
        "plans/bad.toml",
    );
    let moc = env!("CARGO_BIN_EXE_moc");
    let out = std::process::Command::new("bash")
        .current_dir(m.dir())
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .args([
            "-c",
            &format!("set -o pipefail; '{moc}' check --as-of 2026-12-20 | head -c 100 >/dev/null"),
        ])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        out.status.code(),
        Some(1),
        "a broken plan passed through a pipe"
    );
}

#[test]
fn exports_cannot_inject_formulas_or_escapes() {
    let plan = read_repo(PLAN).replacen(
        "title = \"Утверждение плана работы МОЦ на 2026 год\"",
        "title = \"=HYPERLINK(\\\"http://x\\\") \\u001b[31mкрасный\"",
        1,
    );
    assert!(plan.contains("HYPERLINK"), "the fixture changed");
    let m = Moc::in_temp().file("plans/s.toml", &plan);
    let csv = Moc::in_temp_at(m.dir())
        .args(["status", "--format", "csv", "--as-of", "2026-12-20"])
        .run();
    assert_eq!(seen(&csv).code, 0, "{csv}");
    assert!(csv.stdout.contains("'=HYPERLINK"), "{}", csv.stdout);
    assert!(!csv.stdout.contains('\u{1b}'), "an escape reached the CSV");
    assert!(csv.stdout.contains("\\x1b[31m"), "{}", csv.stdout);
    let tc = Moc::in_temp_at(m.dir())
        .args(["textconv", "plans/s.toml"])
        .run();
    assert_eq!(seen(&tc).code, 0, "{tc}");
    assert!(!tc.stdout.contains('\u{1b}'), "an escape reached git diff");
    assert!(
        !tc.stdout.contains("Some("),
        "Rust's debug text: {}",
        tc.stdout
    );
}

#[test]
fn cyrillic_file_names_go_through_git() {
    let m = Moc::in_temp().copy(PLAN, "plans/мосальск-2026.toml");
    let d = m.dir().to_path_buf();
    git(&d, &["init", "-q"]);
    git(&d, &["add", "-A"]);
    git(&d, &["commit", "-qm", "план"]);
    let at = Moc::in_temp_at(&d)
        .args(["status", "--at", "HEAD", "--as-of", "2026-12-20"])
        .run();
    assert_eq!(seen(&at).code, 0, "{at}");
    assert!(at.stdout.contains("Саянск"), "--at skipped the plan: {at}");
    let done = Moc::in_temp_at(&d)
        .args([
            "done",
            "1",
            "--result",
            "Утверждён",
            "--as-of",
            "2026-12-20",
        ])
        .run();
    assert_eq!(seen(&done).code, 0, "{done}");
    let diff = Moc::in_temp_at(&d).args(["diff"]).run();
    assert_eq!(seen(&diff).code, 0, "{diff}");
    assert!(diff.stdout.contains("мосальск-2026.toml"), "{diff}");
    assert!(diff.stdout.contains("выполнено"), "{diff}");
}

#[test]
fn a_plan_over_the_limit_is_refused_from_git_too() {
    let m = Moc::in_temp().copy(PLAN, "plans/s.toml");
    let d = m.dir().to_path_buf();
    git(&d, &["init", "-q"]);
    let mut big = read_repo(PLAN);
    while big.len() < 9 * 1024 * 1024 {
        big.push_str("# заполнитель, чтобы файл вырос больше 8 МБ — такого плана не бывает\n");
    }
    std::fs::write(d.join("plans/big.toml"), &big).unwrap_or_default();
    git(&d, &["add", "-A"]);
    let out = Moc::in_temp_at(&d).args(["check", "--staged"]).run();
    assert_eq!(seen(&out).code, 2, "{out}");
    assert!(out.stderr.contains("слишком велик"), "{out}");
}

#[test]
fn a_period_that_ends_before_it_starts_is_refused() {
    let out = Moc::in_repo()
        .args([
            "status",
            PLAN,
            "--from",
            "2026-10-01",
            "--to",
            "2026-09-01",
            "--as-of",
            "2026-12-20",
        ])
        .run();
    assert_eq!(seen(&out).code, 2, "{out}");
    assert!(out.stderr.contains("раньше"), "{out}");
    let out = Moc::in_repo()
        .args([
            "report",
            PLAN,
            "--from",
            "01.10.2026",
            "--to",
            "01.09.2026",
            "--as-of",
            "2026-12-20",
        ])
        .run();
    assert_eq!(seen(&out).code, 2, "{out}");
}
