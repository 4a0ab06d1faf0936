//! Git-aware moc, in temporary repositories (the user's git configuration is never read or
//! touched): the semantic diff, an item's history, reports at a revision, the commit hook.

use std::path::Path;
use std::process::Command;

use crate::{Moc, git, read_repo};

fn ok(dir: &Path, args: &[&str]) {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A repository with the Mosalsk plan and three commits of edits: done, postpone, add.
fn history() -> Moc {
    let m = Moc::in_temp().copy("plans/mosalsk-2026.toml", "plans/mosalsk-2026.toml");
    let d = m.dir().to_path_buf();
    ok(&d, &["init", "-q"]);
    ok(&d, &["add", "."]);
    ok(&d, &["commit", "-q", "-m", "План на 2026 год"]);
    for (args, msg) in [
        (
            vec![
                "done",
                "1.3",
                "--result",
                "Итоги представлены на совещании",
                "--date",
                "2026-06-18",
            ],
            "1.3 выполнено",
        ),
        (
            vec![
                "postpone",
                "3.4",
                "--to",
                "Январь 2027г.",
                "--reason",
                "Договоры не подписаны",
            ],
            "3.4 перенесено",
        ),
        (
            vec![
                "add",
                "--section",
                "2",
                "--title",
                "Семинар для педагогов",
                "--deadline",
                "Ноябрь 2026г.",
                "--responsible",
                "методист",
            ],
            "добавлено 2.5",
        ),
    ] {
        let out = Moc::in_temp().args(["--version"]).run();
        assert_eq!(out.code, 0);
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_moc"))
            .current_dir(&d)
            .env_clear()
            .args(&args)
            .args(["--as-of", "2026-10-01"])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            run.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        ok(&d, &["commit", "-q", "-a", "-m", msg]);
    }
    m
}

#[test]
fn diff_lists_exactly_the_three_changes() {
    let m = history().args(["diff", "HEAD~3..HEAD", "--format", "json"]);
    let out = m.run();
    assert_eq!(out.code, 0, "{out}");
    let v: serde_json::Value =
        serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {out}"));
    let changes = v["changes"].as_array().unwrap_or_else(|| panic!("changes"));
    let got: Vec<(&str, &str)> = changes
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap_or(""),
                c["kind"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![("1.3", "changed"), ("3.4", "changed"), ("2.5", "added")],
        "{}",
        out.stdout
    );
    let fields = |i: usize| {
        changes[i]["fields"]
            .as_array()
            .map(|f| {
                f.iter()
                    .filter_map(|x| x["field"].as_str())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    assert_eq!(fields(0), vec!["status", "result", "done_on"]);
    assert_eq!(fields(1), vec!["status", "postponed_to", "reason"]);
    let table = Moc::in_temp().args(["--version"]).run();
    assert_eq!(table.code, 0);
    let human = std::process::Command::new(env!("CARGO_BIN_EXE_moc"))
        .current_dir(m.dir())
        .env_clear()
        .args(["diff", "HEAD~3..HEAD"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    insta::assert_snapshot!(String::from_utf8_lossy(&human.stdout));
}

#[test]
fn diff_of_the_working_tree_and_textconv() {
    let m = history();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_moc"))
            .current_dir(m.dir())
            .env_clear()
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    assert!(
        run(&[
            "progress",
            "1.8",
            "Пост о конкурсе",
            "--date",
            "2026-10-10",
            "--as-of",
            "2026-10-20"
        ])
        .status
        .success()
    );
    let out = run(&["diff", "--format", "json"]);
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["to"], "рабочая копия");
    assert_eq!(v["changes"][0]["fields"][0]["field"], "progress_added");
    let tc = run(&["textconv", "plans/mosalsk-2026.toml"]);
    let text = String::from_utf8_lossy(&tc.stdout);
    assert!(
        text.lines()
            .any(|l| l.starts_with("1 1.3 | «Промежуточные итоги")
                && l.contains("выполнено | 2026-06-18")),
        "{text}"
    );
}

#[test]
fn log_shows_each_commit_that_touched_the_item() {
    let m = history().args(["log", "1.3", "--json"]);
    let out = m.run();
    assert_eq!(out.code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let empty = Vec::new();
    let subjects: Vec<&str> = v
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .filter_map(|e| e["commit"]["subject"].as_str())
        .collect();
    assert_eq!(subjects, vec!["План на 2026 год", "1.3 выполнено"]);
    let text = Command::new(env!("CARGO_BIN_EXE_moc"))
        .current_dir(m.dir())
        .env_clear()
        .args(["log", "3.4"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Методист") && text.contains("перенесено"),
        "{text}"
    );
}

#[test]
fn report_at_a_revision_equals_the_report_of_its_checkout() {
    let m = history();
    let d = m.dir().to_path_buf();
    let at = Command::new(env!("CARGO_BIN_EXE_moc"))
        .current_dir(&d)
        .env_clear()
        .args(["report", "--at", "HEAD~1", "--as-of", "2026-12-20"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        at.status.success(),
        "{}",
        String::from_utf8_lossy(&at.stderr)
    );
    let wt = d.join("checkout");
    ok(
        &d,
        &[
            "worktree",
            "add",
            "-q",
            "--detach",
            wt.to_str().unwrap_or_default(),
            "HEAD~1",
        ],
    );
    let there = Command::new(env!("CARGO_BIN_EXE_moc"))
        .current_dir(&wt)
        .env_clear()
        .args(["report", "--as-of", "2026-12-20"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        there.status.success(),
        "{}",
        String::from_utf8_lossy(&there.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&at.stdout),
        String::from_utf8_lossy(&there.stdout)
    );
    let head1 = String::from_utf8_lossy(&git(&d, &["rev-parse", "--short", "HEAD~1"]).stdout)
        .trim()
        .to_owned();
    assert!(
        String::from_utf8_lossy(&at.stdout).contains(&format!("коммит {head1}")),
        "the report names its revision"
    );
    // status --at too
    let status = Command::new(env!("CARGO_BIN_EXE_moc"))
        .current_dir(&d)
        .env_clear()
        .args([
            "status",
            "--at",
            "HEAD~3",
            "--as-of",
            "2026-10-01",
            "--format",
            "json",
        ])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let v: serde_json::Value =
        serde_json::from_slice(&status.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        v["items"].as_array().map(Vec::len),
        Some(29),
        "before the item was added"
    );
    // uncommitted changes are said
    std::fs::write(
        d.join("plans/mosalsk-2026.toml"),
        read_repo("plans/mosalsk-2026.toml"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let dirty = Command::new(env!("CARGO_BIN_EXE_moc"))
        .current_dir(&d)
        .env_clear()
        .args(["report", "--as-of", "2026-12-20"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(String::from_utf8_lossy(&dirty.stdout).contains("незакоммиченные изменения"));
}

#[test]
fn the_installed_hook_refuses_a_plan_that_does_not_check() {
    let m = history();
    let d = m.dir().to_path_buf();
    let install = Command::new(env!("CARGO_BIN_EXE_moc"))
        .current_dir(&d)
        .env_clear()
        .args(["hook", "install"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        install.status.success(),
        "{}",
        String::from_utf8_lossy(&install.stderr)
    );
    let again = Command::new(env!("CARGO_BIN_EXE_moc"))
        .current_dir(&d)
        .env_clear()
        .args(["hook", "install"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        again.status.code(),
        Some(2),
        "an existing hook is not overwritten"
    );
    let plan = std::fs::read_to_string(d.join("plans/mosalsk-2026.toml"))
        .unwrap_or_default()
        .replacen("responsible = \"методист\"", "responsible = \"методис\"", 1);
    std::fs::write(d.join("plans/mosalsk-2026.toml"), plan).unwrap_or_else(|e| panic!("{e}"));
    ok(&d, &["add", "."]);
    let commit = git(&d, &["commit", "-q", "-m", "опечатка"]);
    assert!(
        !commit.status.success(),
        "the hook let a broken plan through"
    );
    let said = String::from_utf8_lossy(&commit.stderr).into_owned()
        + &String::from_utf8_lossy(&commit.stdout);
    assert!(
        said.contains("responsible-known") && said.contains("методист"),
        "{said}"
    );
    // fixed: the commit goes through
    let fixed = std::fs::read_to_string(d.join("plans/mosalsk-2026.toml"))
        .unwrap_or_default()
        .replacen("\"методис\"", "\"методист, Руководитель МОЦ\"", 1);
    std::fs::write(d.join("plans/mosalsk-2026.toml"), fixed).unwrap_or_else(|e| panic!("{e}"));
    ok(&d, &["add", "."]);
    ok(&d, &["commit", "-q", "-m", "исправлено"]);
}

#[test]
fn outside_a_repository_the_history_commands_say_so() {
    let out = Moc::in_temp()
        .copy("plans/sayansk-2026.toml", "plans/s.toml")
        .env("GIT_CEILING_DIRECTORIES", "/")
        .args(["diff"])
        .run();
    assert_eq!(out.code, 2, "{out}");
    assert!(out.stderr.contains("здесь нет репозитория git"), "{out}");
    let status = Moc::in_temp()
        .copy("plans/sayansk-2026.toml", "plans/s.toml")
        .args(["status", "--as-of", "2026-10-01"])
        .run();
    assert_eq!(status.code, 0, "everything else works without git");
}

#[test]
fn each_progress_entry_adds_lines_and_changes_none() {
    let m = Moc::in_temp().copy("plans/mosalsk-2026.toml", "plans/mosalsk-2026.toml");
    let dir = m.dir().to_path_buf();
    ok(&dir, &["init", "-q"]);
    ok(&dir, &["add", "."]);
    ok(&dir, &["commit", "-qm", "план"]);
    // three entries for the monthly 1.8, the third dated before the second (kept in date order)
    for (date, text) in [
        ("2026-01-28", "3 публикации о записи в объединения"),
        ("2026-03-30", "Статья в районной газете о сертификатах"),
        ("2026-02-25", "Пост о конкурсе «Образовательный Олимп»"),
    ] {
        let out = Moc::in_temp_at(&dir)
            .args([
                "progress",
                "1.8",
                text,
                "--date",
                date,
                "--as-of",
                "2026-04-01",
            ])
            .run();
        assert_eq!(out.code, 0, "{out}");
        let numstat = git(&dir, &["diff", "--numstat"]);
        let numstat = String::from_utf8_lossy(&numstat.stdout).into_owned();
        let mut cols = numstat.split_whitespace();
        let (added, removed) = (cols.next(), cols.next());
        assert_eq!(removed, Some("0"), "{date}: {numstat}");
        assert!(added.is_some_and(|a| a != "0"), "{date}: {numstat}");
        ok(&dir, &["commit", "-qam", date]);
    }
    let text = std::fs::read_to_string(dir.join("plans/mosalsk-2026.toml")).unwrap_or_default();
    let dates: Vec<usize> = ["2026-01-28", "2026-02-25", "2026-03-30"]
        .iter()
        .map(|d| text.find(&format!("date = {d}")).unwrap_or(usize::MAX))
        .collect();
    assert!(
        dates.windows(2).all(|w| w[0] < w[1]),
        "not in date order:\n{text}"
    );
    let block: String = text
        .lines()
        .skip_while(|l| !l.starts_with("progress = ["))
        .take_while(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!(block);
}
