//! Editing commands: golden cases in the cargo style (`tests/fixtures/edit/<case>/{in.toml, args,
//! out.toml}`), a `git diff` that shows only the item's lines, refusals that leave the file
//! byte-for-byte as it was, `fmt` idempotence, `init`, `rollover` (the property test of edit
//! sequences is in `src/tests/edits.rs`).

use std::path::Path;

use crate::{Moc, repo};

/// Run every case: `in.toml` is copied to `plans/plan.toml`, `args` (one argument a line) run
/// at 2026-10-01; the file must then equal `out.toml` byte for byte — or, without `out.toml`,
/// stay as it was (and the command fail, for the `fail-` cases).
#[test]
fn golden_cases() {
    let root = repo().join("tests/fixtures/edit");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 20);
    for case in cases {
        let name = case
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let input = std::fs::read(case.join("in.toml")).unwrap_or_else(|e| panic!("{name}: {e}"));
        let args = std::fs::read_to_string(case.join("args")).unwrap_or_default();
        let args: Vec<&str> = args.lines().collect();
        let m = Moc::in_temp()
            .file("plans/plan.toml", &input)
            .args(&args)
            .args(["--as-of", "2026-10-01"]);
        let out = m.run();
        let after = std::fs::read(m.dir().join("plans/plan.toml")).unwrap_or_default();
        match std::fs::read(case.join("out.toml")) {
            Ok(expected) => {
                assert_eq!(out.code, 0, "{name}: {out}");
                assert!(
                    after == expected,
                    "{name}: the result differs from out.toml:\n{}",
                    String::from_utf8_lossy(&after)
                );
            }
            Err(_) => {
                assert!(after == input, "{name}: the file changed");
                if name.starts_with("fail-") {
                    assert_ne!(out.code, 0, "{name}: {out}");
                } else {
                    assert_eq!(out.code, 0, "{name}: {out}");
                }
            }
        }
        insta::with_settings!({ snapshot_suffix => name.clone(), prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("edit", out);
        });
    }
}

/// Run git (see [`crate::git`]); it must succeed; its output.
fn git(dir: &Path, args: &[&str]) -> String {
    let out = crate::git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn git_diff_shows_only_the_lines_of_the_item() {
    let m = Moc::in_temp().copy(
        "tests/fixtures/edit/done-commented/in.toml",
        "plans/plan.toml",
    );
    git(m.dir(), &["init", "-q"]);
    git(m.dir(), &["add", "."]);
    git(m.dir(), &["commit", "-q", "-m", "план"]);
    let m = m.args([
        "done",
        "1.2",
        "--result",
        "Итоги представлены",
        "--as-of",
        "2026-06-18",
    ]);
    assert_eq!(m.run().code, 0);
    let diff = git(m.dir(), &["diff", "-U0"]);
    let changed: Vec<&str> = diff
        .lines()
        .filter(|l| {
            (l.starts_with('+') || l.starts_with('-'))
                && !l.starts_with("+++")
                && !l.starts_with("---")
        })
        .collect();
    assert_eq!(
        changed,
        vec![
            "+status = \"done\"",
            "+result = \"Итоги представлены\"",
            "+done_on = 2026-06-18"
        ],
        "{diff}"
    );
    let hunks: Vec<&str> = diff.lines().filter(|l| l.starts_with("@@")).collect();
    assert_eq!(hunks.len(), 1, "{diff}");
    assert!(hunks[0].starts_with("@@ -33,0 +34,3 @@"), "{diff}");
}

#[test]
fn refusals_leave_the_file_unchanged() {
    // a read-only file
    let m = Moc::in_temp().copy(
        "tests/fixtures/edit/done-commented/in.toml",
        "plans/plan.toml",
    );
    let path = m.dir().join("plans/plan.toml");
    let before = std::fs::read(&path).unwrap_or_default();
    let mut perms = std::fs::metadata(&path).map_or_else(|e| panic!("{e}"), |md| md.permissions());
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).unwrap_or_else(|e| panic!("{e}"));
    let m = m.args(["done", "1.2", "--as-of", "2026-10-01"]);
    let out = m.run();
    assert_eq!(out.code, 2, "{out}");
    assert!(out.stderr.contains("только для чтения"), "{out}");
    assert_eq!(std::fs::read(&path).unwrap_or_default(), before);
    // an ambiguous number across plans
    let m = Moc::in_temp()
        .copy("tests/fixtures/edit/done-commented/in.toml", "plans/a.toml")
        .copy("tests/fixtures/edit/done-commented/in.toml", "plans/b.toml")
        .args(["done", "1.2", "--as-of", "2026-10-01"]);
    let out = m.run();
    assert_eq!(out.code, 2, "{out}");
    assert!(
        out.stderr.contains("plans/a.toml")
            && out.stderr.contains("plans/b.toml")
            && out.stderr.contains("--plan"),
        "{out}"
    );
    let out = Moc::in_temp()
        .copy("tests/fixtures/edit/done-commented/in.toml", "plans/a.toml")
        .copy("tests/fixtures/edit/done-commented/in.toml", "plans/b.toml")
        .args([
            "done",
            "1.2",
            "--plan",
            "plans/b.toml",
            "--as-of",
            "2026-10-01",
        ])
        .run();
    assert_eq!(out.code, 0, "{out}");
}

#[test]
fn fmt_is_idempotent_and_the_bundled_plans_are_formatted() {
    let check = Moc::in_repo()
        .args(["fmt", "--check", "plans/", "examples/"])
        .run();
    assert_eq!(check.code, 0, "{check}");
    // every plan-like file of the repository, formatted once, is formatted for good
    let mut m = Moc::in_temp();
    let mut n = 0;
    for dir in [
        "plans",
        "examples",
        "tests/fixtures/invalid",
        "tests/fixtures/edit",
    ] {
        for f in walk(&repo().join(dir)) {
            n += 1;
            m = m.file(
                &format!("plans/f{n:03}.toml"),
                std::fs::read(&f).unwrap_or_default(),
            );
        }
    }
    assert!(n > 40);
    let m = m.args(["fmt"]);
    let _ = m.run();
    let again = m.run();
    assert!(
        !again.stdout.contains("отформатирован"),
        "a second fmt changed files: {again}"
    );
    let messy = Moc::in_temp()
        .copy("tests/fixtures/edit/fmt-messy/in.toml", "plans/p.toml")
        .args(["fmt", "--check"])
        .run();
    assert_eq!(messy.code, 1, "{messy}");
    assert!(messy.stdout.contains("plans/p.toml"), "{messy}");
}

/// The `*.toml` files under a folder, at any depth.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn init_makes_a_plan_that_checks() {
    let m = Moc::in_temp().args([
        "init",
        "--municipality",
        "Мосальский муниципальный округ",
        "--region",
        "Калужская область",
        "--year",
        "2027",
        "--as-of",
        "2026-12-20",
    ]);
    let out = m.run();
    assert_eq!(out.code, 0, "{out}");
    let text =
        std::fs::read_to_string(m.dir().join("plans/mosalskiy-2027.toml")).unwrap_or_default();
    insta::assert_snapshot!("init_plan", text);
    let check = Moc::in_temp()
        .file("plans/p.toml", &text)
        .args(["check", "--deny-warnings", "--as-of", "2026-12-20"])
        .run();
    assert_eq!(check.code, 0, "{check}");
    let again = m.run();
    assert_eq!(again.code, 2, "{again}");
}

#[test]
fn rollover_moves_the_year_on() {
    let m = Moc::in_temp()
        .copy(
            "examples/mosalsk-2026-midyear.toml",
            "plans/mosalsk-2026.toml",
        )
        .args([
            "rollover",
            "plans/mosalsk-2026.toml",
            "--as-of",
            "2026-12-20",
        ]);
    let out = m.run();
    assert_eq!(out.code, 0, "{out}");
    let text = std::fs::read_to_string(m.dir().join("plans/mosalsk-2027.toml")).unwrap_or_default();
    for gone in [
        "status =",
        "result =",
        "done_on =",
        "progress =",
        "[[section.item.progress]]",
        "postponed_to",
        "actual =",
    ] {
        assert!(!text.contains(gone), "{gone} left in the new plan");
    }
    assert!(
        text.contains("year = 2027")
            && text.contains("deadline = \"Июнь 2027\"")
            && text.contains("Апрель – май 2027г.")
    );
    assert!(text.contains("# В Word-копии"), "comments are kept");
    assert!(
        text.contains("last_year = 79.2"),
        "last year's share comes from its counts"
    );
    let status = Moc::in_temp()
        .file("plans/p.toml", &text)
        .args(["check", "--as-of", "2027-01-10"])
        .run();
    assert_eq!(status.code, 0, "{status}");
    assert_eq!(m.run().code, 2, "never overwrites");
}
