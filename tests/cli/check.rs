//! `moc check`: the bundled plans are clean, every check has a failing fixture, the output
//! shapes (human and JSON) and the exit codes hold.

use crate::{Moc, read_repo, repo};

#[test]
fn bundled_plans_and_examples_check_clean() {
    let out = Moc::in_repo()
        .args(["check", "plans/", "examples/", "--as-of", "2026-12-20"])
        .run();
    assert_eq!(out.code, 0, "{out}");
    insta::assert_snapshot!(out, @r"
    проверено: 3 файла; 0 ошибок, 0 предупреждений
    [exit status: 0]
    ");
}

#[test]
fn default_path_is_plans() {
    let out = Moc::in_repo()
        .args(["check", "--as-of", "2026-10-01"])
        .run();
    assert_eq!(out.code, 0, "{out}");
    assert!(out.stdout.contains("2 файла"), "{out}");
}

#[test]
fn misspelled_responsible_is_pointed_at_with_a_suggestion() {
    // A copy of the Mosalsk seed plan where item 1.4's responsible is misspelled.
    let plan = read_repo("plans/mosalsk-2026.toml");
    let item = plan
        .find("number = \"1.4\"")
        .unwrap_or_else(|| panic!("no item 1.4"));
    let at = item
        + plan[item..]
            .find("responsible = \"методист\"")
            .unwrap_or_else(|| panic!("no responsible"));
    let broken = format!(
        "{}responsible = \"методис\"{}",
        &plan[..at],
        &plan[at + "responsible = \"методист\"".len()..]
    );
    let line = broken[..at].matches('\n').count() + 1;
    let out = Moc::in_temp()
        .file("plans/mosalsk-2026.toml", &broken)
        .args(["check", "--as-of", "2026-10-01"])
        .run();
    assert_eq!(out.code, 1, "{out}");
    assert!(
        out.stdout
            .contains(&format!("--> plans/mosalsk-2026.toml:{line}:16")),
        "{out}"
    );
    assert!(
        out.stdout.contains("возможно, имелось в виду «методист»"),
        "{out}"
    );
    insta::assert_snapshot!(out.stdout.replace(&format!("{line}"), "N"), @r#"
    ошибка[responsible-known]: ответственного «методис» нет в списке
      --> plans/mosalsk-2026.toml:N:16
       |
    N | responsible = "методис"
       |                ^^^^^^^
       |
       = подсказка: возможно, имелось в виду «методист»

    проверено: 1 файл; 1 ошибка, 0 предупреждений
    "#);
}

#[test]
fn json_output_shape() {
    let plan = read_repo("plans/sayansk-2026.toml")
        .replace("deadline = \"Февраль 2026\"", "deadline = \"Февраль 2025\"");
    let out = Moc::in_temp()
        .file(
            "p.toml",
            plan.replace("responsible = \"МОЦ, РМЦ\"", "responsible = \"МОЦ, РМЦЦ\""),
        )
        .args([
            "check",
            "p.toml",
            "--format",
            "json",
            "--as-of",
            "2026-10-01",
        ])
        .run();
    assert_eq!(out.code, 1, "{out}");
    let v: serde_json::Value =
        serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {out}"));
    let arr = v.as_array().unwrap_or_else(|| panic!("not an array"));
    assert!(arr.len() >= 2);
    for d in arr {
        for key in [
            "file", "line", "column", "severity", "code", "message", "help",
        ] {
            assert!(d.get(key).is_some(), "{key} missing in {d}");
        }
        assert_eq!(d["file"], "p.toml");
        assert!(d["line"].as_u64().unwrap_or(0) >= 1);
    }
    let codes: Vec<&str> = arr.iter().filter_map(|d| d["code"].as_str()).collect();
    assert!(codes.contains(&"responsible-known"), "{codes:?}");
    assert!(codes.contains(&"deadline-period"), "{codes:?}");
    insta::assert_json_snapshot!(v);
}

#[test]
fn english_messages() {
    let plan = read_repo("plans/sayansk-2026.toml").replace(
        "deadline = \"Февраль 2026\"",
        "deadline = \"Фервраль 2026\"",
    );
    let run = |lang_arg: Option<&str>, env: Option<&str>| {
        let mut m =
            Moc::in_temp()
                .file("p.toml", &plan)
                .args(["check", "p.toml", "--as-of", "2026-10-01"]);
        if let Some(l) = lang_arg {
            m = m.args(["--lang", l]);
        }
        if let Some(e) = env {
            m = m.env("LANG", e);
        }
        m.run()
    };
    let en = run(Some("en"), None);
    assert!(en.stdout.contains("error[deadline-format]"), "{en}");
    assert!(
        en.stdout.contains("forms moc understands: «Февраль 2026»"),
        "{en}"
    );
    let from_env = run(None, Some("en_US.UTF-8"));
    assert_eq!(from_env.stdout, en.stdout);
    let ru = run(None, Some("ru_RU.UTF-8"));
    assert!(ru.stdout.contains("ошибка[deadline-format]"), "{ru}");
    insta::assert_snapshot!(en);
}

#[test]
fn warnings_pass_unless_denied() {
    let plan = read_repo("plans/sayansk-2026.toml").replace(
        "[[responsible]]\nname = \"ИРО\"",
        "[[responsible]]\nname = \"Управление культуры\"\n\n[[responsible]]\nname = \"ИРО\"",
    );
    let ok = Moc::in_temp()
        .file("p.toml", &plan)
        .args(["check", "p.toml", "--as-of", "2026-10-01"])
        .run();
    assert_eq!(ok.code, 0, "{ok}");
    assert!(
        ok.stdout.contains("предупреждение[responsible-unused]"),
        "{ok}"
    );
    let denied = Moc::in_temp()
        .file("p.toml", &plan)
        .args([
            "check",
            "p.toml",
            "--deny-warnings",
            "--as-of",
            "2026-10-01",
        ])
        .run();
    assert_eq!(denied.code, 1, "{denied}");
}

#[test]
fn could_not_run_exits_2() {
    let missing = Moc::in_temp().args(["check", "nowhere/"]).run();
    assert_eq!(missing.code, 2, "{missing}");
    insta::assert_snapshot!(missing, @r"
    проверено: 0 файлов; 0 ошибок, 0 предупреждений
    ----- stderr -----
    ошибка: nowhere/: нет такого файла или папки
    [exit status: 2]
    ");
    let no_plans = Moc::in_temp().args(["check"]).run();
    assert_eq!(no_plans.code, 2, "{no_plans}");
    let bad_args = Moc::in_temp().args(["check", "--format", "xml"]).run();
    assert_eq!(bad_args.code, 2, "{bad_args}");
    assert!(
        bad_args.stderr.contains("недопустимое значение «xml»"),
        "{bad_args}"
    );
}

#[test]
fn every_check_has_an_invalid_fixture_that_triggers_it() {
    let list = Moc::in_repo()
        .args(["check", "--list", "--format", "json"])
        .run();
    let checks: serde_json::Value =
        serde_json::from_str(&list.stdout).unwrap_or_else(|e| panic!("{e}"));
    let fixtures = repo().join("tests/fixtures/invalid");
    for c in checks.as_array().unwrap_or(&Vec::new()) {
        let code = c["code"].as_str().unwrap_or_default();
        let file = format!("tests/fixtures/invalid/{code}.toml");
        assert!(
            fixtures.join(format!("{code}.toml")).exists(),
            "no fixture for {code}"
        );
        let out = Moc::in_repo()
            .args(["check", &file, "--as-of", "2026-10-01"])
            .run();
        assert!(
            out.stdout.contains(&format!("[{code}]")),
            "{file} does not trigger {code}:\n{out}"
        );
        let expected = i32::from(c["severity"] == "error");
        assert_eq!(out.code, expected, "{out}");
        insta::with_settings!({ snapshot_suffix => code.to_owned(), prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("invalid", out);
        });
    }
}

#[test]
fn list_of_checks() {
    let out = Moc::in_repo().args(["check", "--list"]).run();
    assert_eq!(out.code, 0);
    insta::assert_snapshot!(out);
}

#[test]
fn the_annotated_example_in_docs_checks_clean() {
    let doc = read_repo("docs/format.md");
    let start = doc
        .find("```toml\n")
        .unwrap_or_else(|| panic!("no example"))
        + "```toml\n".len();
    let end = start
        + doc[start..]
            .find("```")
            .unwrap_or_else(|| panic!("unclosed example"));
    let out = Moc::in_temp()
        .file("example.toml", &doc[start..end])
        .args(["check", "example.toml", "--as-of", "2026-12-20"])
        .run();
    assert_eq!(out.code, 0, "{out}");
    assert!(out.stdout.contains("0 ошибок, 0 предупреждений"), "{out}");
}
