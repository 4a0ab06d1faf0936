//! Editing commands: golden cases in the cargo style (`tests/fixtures/edit/<case>/{in.toml, args,
//! out.toml}`), a `git diff` that shows only the item's lines, refusals that leave the file
//! byte-for-byte as it was, `fmt` idempotence, `init`, `rollover`, and a property test.

use std::path::Path;

use proptest::prelude::*;

use crate::{Moc, read_repo, repo};

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
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for dir in [
        "plans",
        "examples",
        "tests/fixtures/invalid",
        "tests/fixtures/edit",
    ] {
        let (found, _) = moc::discover::plan_files(&[repo().join(dir)], moc::i18n::Lang::Ru);
        files.extend(found);
    }
    assert!(files.len() > 40);
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        let Ok(once) = moc::fmt::format(&text) else {
            continue;
        };
        let twice = moc::fmt::format(&once).unwrap_or_default();
        assert_eq!(once, twice, "{} is not formatted stably", f.display());
    }
    let messy = Moc::in_temp()
        .copy("tests/fixtures/edit/fmt-messy/in.toml", "plans/p.toml")
        .args(["fmt", "--check"])
        .run();
    assert_eq!(messy.code, 1, "{messy}");
    assert!(messy.stdout.contains("plans/p.toml"), "{messy}");
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

// ---------------------------------------------------------------------------------------------
// Property: any sequence of edits keeps the plan valid and keeps every comment.

#[derive(Clone, Debug)]
enum Step {
    Done(usize, u32),
    Start(usize),
    Partly(usize),
    Reopen(usize),
    Postpone(usize),
    Cancel(usize),
    Progress(usize, u32),
    Add(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..29usize, 0..200u32).prop_map(|(i, d)| Step::Done(i, d)),
        (0..29usize).prop_map(Step::Start),
        (0..29usize).prop_map(Step::Partly),
        (0..29usize).prop_map(Step::Reopen),
        (0..29usize).prop_map(Step::Postpone),
        (0..29usize).prop_map(Step::Cancel),
        (0..29usize, 0..250u32).prop_map(|(i, d)| Step::Progress(i, d)),
        (0..6usize).prop_map(Step::Add),
    ]
}

fn comments(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.find('#').map(|i| l[i..].trim().to_owned()))
        .filter(|c| c.starts_with("# "))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn edits_keep_the_plan_valid_and_every_comment(steps in proptest::collection::vec(step(), 1..12)) {
        use moc::edit::{Doc, Op, apply, add_item, next_number};
        let lang = moc::i18n::Lang::Ru;
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 12, 20).unwrap_or_default();
        let original = read_repo("examples/mosalsk-2026-midyear.toml");
        let mut text = original.clone();
        for s in steps {
            let loaded = moc::load::load_source(moc::source::Source::new(Path::new("p.toml"), text.clone()), lang, 2026);
            let plan = loaded.plan.unwrap_or_else(|| panic!("plan"));
            let positions: Vec<(usize, usize)> = plan.sections.iter().enumerate().flat_map(|(si, s)| (0..s.items.len()).map(move |ii| (si, ii))).collect();
            let pick = |i: usize| positions[i % positions.len()];
            let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default() + chrono::Duration::days(i64::from(d));
            let mut doc = Doc::parse(&text).unwrap_or_else(|e| panic!("{e}"));
            let r = match s {
                Step::Done(i, d) => { let (a, b) = pick(i); apply(&mut doc.doc, a, b, &Op::Done { result: Some("Сделано".into()), date: day(d) }) }
                Step::Start(i) => { let (a, b) = pick(i); apply(&mut doc.doc, a, b, &Op::Start) }
                Step::Partly(i) => { let (a, b) = pick(i); apply(&mut doc.doc, a, b, &Op::Partly { result: "Частично".into(), date: day(10) }) }
                Step::Reopen(i) => { let (a, b) = pick(i); apply(&mut doc.doc, a, b, &Op::Reopen) }
                Step::Postpone(i) => { let (a, b) = pick(i); apply(&mut doc.doc, a, b, &Op::Postpone { to: "Январь 2027г.".into(), reason: "ждём".into() }) }
                Step::Cancel(i) => { let (a, b) = pick(i); apply(&mut doc.doc, a, b, &Op::Cancel { reason: "не нужно".into() }) }
                Step::Progress(i, d) => { let (a, b) = pick(i); apply(&mut doc.doc, a, b, &Op::Progress { date: day(d), text: "шаг | с <текстом>".into() }) }
                Step::Add(si) => { let n = next_number(&plan, si); add_item(&mut doc.doc, si, &n, "Новое", "Ноябрь 2026г.", "методист") }
            };
            prop_assert!(r.is_ok());
            text = doc.render();
            let after = moc::load::load_source(moc::source::Source::new(Path::new("p.toml"), text.clone()), lang, 2026);
            let plan = after.plan.as_ref().unwrap_or_else(|| panic!("edited text does not parse:\n{text}"));
            let mut diags = after.diagnostics.clone();
            diags.extend(moc::checks::run(plan, &after.source, as_of, lang));
            let errors: Vec<_> = diags.iter().filter(|d| d.severity == moc::diagnostic::Severity::Error).map(|d| d.message.clone()).collect();
            prop_assert!(errors.is_empty(), "{:?}\n{}", errors, text);
        }
        let kept = comments(&text);
        for c in comments(&original) {
            prop_assert!(kept.contains(&c), "comment lost: {}", c);
        }
    }
}
