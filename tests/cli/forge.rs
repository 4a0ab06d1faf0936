//! A regional repository on a git forge: `moc check --format gitlab` (GitLab's Code Quality
//! report), `moc check --format github` (GitHub Actions workflow commands) and `moc ci init`
//! (the CI files), checked against the formats' documentation: the keys and types GitLab reads,
//! the runner's grammar and escaping, YAML that parses and runs the commands the README shows.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::{Moc, Output, read_repo};

/// The Mosalsk seed plan with item 1.4's responsible misspelt («методис»), and `extra` put in
/// front of the item's `number` line.
fn typo_plan(extra: &str) -> String {
    let plan = read_repo("plans/mosalsk-2026.toml");
    let item = plan
        .find("number = \"1.4\"")
        .unwrap_or_else(|| panic!("no item 1.4"));
    let at = item
        + plan[item..]
            .find("responsible = \"методист\"")
            .unwrap_or_else(|| panic!("no responsible"));
    format!(
        "{}{extra}number = \"1.4\"{}responsible = \"методис\"{}",
        &plan[..item],
        &plan[item + "number = \"1.4\"".len()..at],
        &plan[at + "responsible = \"методист\"".len()..]
    )
}

/// `moc check` with `args` in a folder whose `plans/mosalsk-2026.toml` is `plan`, run from `sub`
/// (a folder inside it, or "").
fn check(plan: &str, sub: &str, args: &[&str]) -> Output {
    let (moc, _dir) = Moc::in_temp().file("plans/mosalsk-2026.toml", plan).keep();
    let at = moc.dir().join(sub);
    Moc::in_temp_at(&at)
        .args(["check", "--as-of", "2026-10-01"])
        .args(args)
        .run()
}

/// The Sayansk seed plan with a warning (a responsible named by no item) and a note (a place
/// beside the date in a deadline).
fn warning_and_note_plan() -> String {
    read_repo("plans/sayansk-2026.toml")
        .replace(
            "[[responsible]]\nname = \"ИРО\"",
            "[[responsible]]\nname = \"Управление культуры\"\n\n[[responsible]]\nname = \"ИРО\"",
        )
        .replacen(
            "deadline = \"Февраль 2026\"",
            "deadline = \"Февраль 2026, Дом культуры\"",
            1,
        )
}

fn fingerprints(report: &Value) -> Vec<String> {
    report
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {report}"))
        .iter()
        .filter_map(|f| f["fingerprint"].as_str().map(str::to_owned))
        .collect()
}

/// Every key GitLab's documentation names, with its type; the severity one of the allowed five.
fn assert_code_quality_shape(report: &Value) {
    let findings = report
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {report}"));
    for f in findings {
        assert!(
            f["description"].as_str().is_some_and(|s| !s.is_empty()),
            "{f}"
        );
        assert!(
            f["check_name"].as_str().is_some_and(|s| !s.is_empty()),
            "{f}"
        );
        let fp = f["fingerprint"].as_str().unwrap_or_default();
        assert!(
            fp.len() == 32 && fp.bytes().all(|b| b.is_ascii_hexdigit()),
            "{f}"
        );
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&f["severity"].as_str().unwrap_or_default()),
            "{f}"
        );
        let path = f["location"]["path"].as_str().unwrap_or_default();
        assert!(
            !path.is_empty() && !path.starts_with('/') && !path.contains('\\'),
            "{f}"
        );
        let line = f["location"]["lines"]["begin"].as_u64().unwrap_or(0);
        assert!(line >= 1, "{f}");
        assert_eq!(
            f["location"]["positions"]["begin"]["line"].as_u64(),
            Some(line),
            "{f}"
        );
        assert!(
            f["location"]["positions"]["begin"]["column"]
                .as_u64()
                .is_some_and(|c| c >= 1),
            "{f}"
        );
    }
}

#[test]
fn gitlab_code_quality_report() {
    let plan = typo_plan("");
    let out = check(&plan, "", &["--format", "gitlab"]);
    assert_eq!(out.code, 1, "{out}");
    assert!(!out.stdout.starts_with('\u{feff}'), "a BOM GitLab refuses");
    assert!(out.stderr.is_empty(), "{out}");
    let report: Value = serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_code_quality_shape(&report);
    let findings = report.as_array().cloned().unwrap_or_default();
    assert!(!findings.is_empty());
    for f in &findings {
        assert_eq!(f["check_name"], "responsible-known", "{f}");
        assert_eq!(f["severity"], "major", "{f}");
        assert_eq!(f["location"]["path"], "plans/mosalsk-2026.toml", "{f}");
    }
    // unique, and the same in the next run
    let first = fingerprints(&report);
    assert_eq!(
        first.iter().collect::<BTreeSet<_>>().len(),
        first.len(),
        "{first:?}"
    );
    let again = check(&plan, "", &["--format", "gitlab"]);
    assert_eq!(again.stdout, out.stdout);
    // the same paths and fingerprints from a folder inside the repository
    let inside = check(&plan, "plans", &["--format", "gitlab"]);
    assert_eq!(inside.stdout, out.stdout, "{inside}");
    // a line inserted above: the lines move, the fingerprints stay
    let moved = check(&plan.replacen('\n', "\n\n", 1), "", &["--format", "gitlab"]);
    let moved: Value = serde_json::from_str(&moved.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(fingerprints(&moved), first);
    let lines = |r: &Value| -> Vec<u64> {
        r.as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| f["location"]["lines"]["begin"].as_u64())
            .collect()
    };
    assert_eq!(
        lines(&moved),
        lines(&report).iter().map(|l| l + 1).collect::<Vec<_>>()
    );
    // a finding on the misspelt item's own lines keeps its fingerprint when a key is added to it
    let with_key = check(&typo_plan("# заметка\n"), "", &["--format", "gitlab"]);
    let with_key: Value = serde_json::from_str(&with_key.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(fingerprints(&with_key), first);
    insta::assert_json_snapshot!(findings[0]);
}

#[test]
fn gitlab_report_is_an_empty_array_when_clean() {
    let out = Moc::in_repo()
        .args(["check", "--format", "gitlab", "--as-of", "2026-10-01"])
        .run();
    assert_eq!(out.code, 0, "{out}");
    assert_eq!(out.stdout, "[]\n");
}

#[test]
fn gitlab_severities_for_warnings_and_broken_files() {
    let (moc, _dir) = Moc::in_temp()
        .file("a.toml", "[plan\n")
        .file("b.toml", warning_and_note_plan())
        .keep();
    let out = Moc::in_temp_at(moc.dir())
        .args([
            "check",
            "a.toml",
            "b.toml",
            "--format",
            "gitlab",
            "--as-of",
            "2026-10-01",
        ])
        .run();
    let report: Value = serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_code_quality_shape(&report);
    let severities: BTreeSet<(String, String)> = report
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            (
                f["check_name"].as_str().unwrap_or_default().to_owned(),
                f["severity"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert!(
        severities.contains(&("toml-syntax".into(), "critical".into())),
        "{severities:?}"
    );
    assert!(
        severities.contains(&("responsible-unused".into(), "minor".into())),
        "{severities:?}"
    );
    assert!(
        severities.contains(&("deadline-place".into(), "info".into())),
        "{severities:?}"
    );
}

/// The runner's unescaping (actions/runner, ActionCommand.cs): `%0D`, `%0A`, then for
/// properties `%3A`, `%2C`, and `%25` last.
fn unescape(s: &str, property: bool) -> String {
    let mut s = s.replace("%0D", "\r").replace("%0A", "\n");
    if property {
        s = s.replace("%3A", ":").replace("%2C", ",");
    }
    s.replace("%25", "%")
}

/// A workflow command read back: the command, its properties and its message, unescaped.
type Command = (String, Vec<(String, String)>, String);

/// One workflow command: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`,
/// each value escaped as the runner reads it. The properties and the message, unescaped.
fn parse_command(line: &str) -> Option<Command> {
    let grammar = regex::Regex::new(
        r"^::(error|warning|notice) ((?:[A-Za-z]+=(?:[^%,:\r\n]|%25|%0D|%0A|%3A|%2C)*)(?:,[A-Za-z]+=(?:[^%,:\r\n]|%25|%0D|%0A|%3A|%2C)*)*)::((?:[^%\r\n]|%25|%0D|%0A)*)$",
    )
    .ok()?;
    let caps = grammar.captures(line)?;
    let props = caps[2]
        .split(',')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_owned(), unescape(v, true)))
        .collect();
    Some((caps[1].to_owned(), props, unescape(&caps[3], false)))
}

#[test]
fn github_workflow_commands() {
    let out = check(&typo_plan(""), "", &["--format", "github"]);
    assert_eq!(out.code, 1, "{out}");
    let lines: Vec<&str> = out.stdout.lines().collect();
    let (summary, commands) = lines.split_last().unwrap_or_else(|| panic!("{out}"));
    assert!(summary.starts_with("проверено: 1 файл;"), "{out}");
    assert!(!commands.is_empty());
    for line in commands {
        let (kind, props, message) =
            parse_command(line).unwrap_or_else(|| panic!("not a workflow command: {line}"));
        assert_eq!(kind, "error");
        let keys: Vec<&str> = props.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            ["file", "line", "col", "endLine", "endColumn", "title"],
            "{line}"
        );
        assert_eq!(props[0].1, "plans/mosalsk-2026.toml");
        assert_eq!(
            props[5].1,
            "responsible-known — ответственный, которого нет в списке [[responsible]]"
        );
        assert_eq!(
            message,
            "ответственного «методис» нет в списке\nподсказка: возможно, имелось в виду «методист»"
        );
    }
    insta::assert_snapshot!(out.stdout.replace(|c: char| c.is_ascii_digit(), "N").lines().next().unwrap_or_default(), @"::error file=plans/mosalsk-NNNN.toml,line=NN,col=NN,endLine=NN,endColumn=NN,title=responsible-known — ответственный%NC которого нет в списке [[responsible]]::ответственного «методис» нет в списке%NAподсказка: возможно, имелось в виду «методист»");
    let en = check(&typo_plan(""), "", &["--format", "github", "--lang", "en"]);
    let (_, props, message) = parse_command(en.stdout.lines().next().unwrap_or_default())
        .unwrap_or_else(|| panic!("{en}"));
    assert_eq!(
        props[5].1,
        "responsible-known — a responsible who is not in the [[responsible]] roster"
    );
    assert!(
        message.starts_with("no responsible «методис» in the roster\nhelp: ")
            || message.contains("\nhelp: "),
        "{message}"
    );
}

#[test]
fn github_escaping_of_percent_comma_colon_and_newline() {
    // a key with all four in a file whose name has them too
    let plan = typo_plan("\"ответ%ст,вен:ный\\nдва\" = \"x\"\n")
        .replace("responsible = \"методис\"", "responsible = \"методист\"");
    let (moc, _dir) = Moc::in_temp().file("plans/a,b:c%.toml", &plan).keep();
    let out = Moc::in_temp_at(moc.dir())
        .args(["check", "--format", "github", "--as-of", "2026-10-01"])
        .run();
    assert_eq!(out.code, 1, "{out}");
    let line = out.stdout.lines().next().unwrap_or_default();
    assert!(
        line.starts_with("::error file=plans/a%2Cb%3Ac%25.toml,line="),
        "{line}"
    );
    assert!(
        line.contains("::неизвестный ключ `ответ%25ст,вен:ный%0Aдва`"),
        "{line}"
    );
    let (_, props, message) = parse_command(line).unwrap_or_else(|| panic!("{line}"));
    assert_eq!(props[0].1, "plans/a,b:c%.toml");
    assert!(
        message.starts_with("неизвестный ключ `ответ%ст,вен:ный\nдва` в мероприятии 1.4"),
        "{message}"
    );
}

#[test]
fn github_notices_and_warnings() {
    let out = check(&warning_and_note_plan(), "", &["--format", "github"]);
    assert_eq!(out.code, 0, "warnings pass: {out}");
    for kind in ["::warning", "::notice"] {
        assert!(
            out.stdout
                .lines()
                .any(|l| l.starts_with(&format!("{kind} file=plans/mosalsk-2026.toml,"))),
            "{out}"
        );
    }
    for line in out.stdout.lines().filter(|l| l.starts_with("::")) {
        assert!(parse_command(line).is_some(), "{line}");
    }
}

/// The YAML of a CI file, parsed.
fn yaml(text: &str) -> serde_norway::Value {
    serde_norway::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// Every `script:`, `before_script:` and `run:` line of a CI file (a `run: |` block line by line).
fn commands(v: &serde_norway::Value, out: &mut Vec<String>) {
    match v {
        serde_norway::Value::Mapping(m) => {
            for (k, v) in m {
                let key = k.as_str().unwrap_or_default();
                match (key, v) {
                    ("script" | "before_script", serde_norway::Value::Sequence(s)) => {
                        for c in s {
                            out.extend(
                                c.as_str()
                                    .unwrap_or_default()
                                    .lines()
                                    .map(|l| l.trim().to_owned()),
                            );
                        }
                    }
                    ("run", serde_norway::Value::String(s)) => {
                        out.extend(s.lines().map(|l| l.trim().to_owned()));
                    }
                    _ => commands(v, out),
                }
            }
        }
        serde_norway::Value::Sequence(s) => s.iter().for_each(|v| commands(v, out)),
        _ => {}
    }
}

/// The commands of the README's block under «Что запускает CI».
fn readme_commands() -> BTreeSet<String> {
    let readme = read_repo("README.md");
    let at = readme
        .find("Что запускает CI")
        .unwrap_or_else(|| panic!("no «Что запускает CI» in the README"));
    let block = readme[at..]
        .split("```sh\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .unwrap_or_default();
    block
        .lines()
        .map(|l| l.split("  #").next().unwrap_or_default().trim().to_owned())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

#[test]
fn ci_templates_are_yaml_and_run_the_readme_commands() {
    let readme = readme_commands();
    assert!(readme.len() >= 5, "{readme:?}");
    let mut used = BTreeSet::new();
    for (forge, path) in [
        ("gitlab", ".gitlab-ci.yml"),
        ("forgejo", ".forgejo/workflows/moc.yml"),
        ("gitea", ".gitea/workflows/moc.yml"),
        ("github", ".github/workflows/moc.yml"),
    ] {
        let out = Moc::in_temp()
            .args([
                "ci",
                "init",
                forge,
                "--print",
                "--moc-git",
                "https://git.example.ru/rmc/moc.git",
            ])
            .run();
        assert_eq!(out.code, 0, "{out}");
        assert!(
            out.stdout.contains(&format!("«moc ci init {forge}»")),
            "{forge}"
        );
        let v = yaml(&out.stdout);
        let mut lines = Vec::new();
        commands(&v, &mut lines);
        let moc_lines: Vec<&String> = lines
            .iter()
            .filter(|l| l.starts_with("moc ") || l.starts_with("cargo install"))
            .collect();
        assert!(moc_lines.len() >= 3, "{forge}: {lines:?}");
        for l in moc_lines {
            assert!(
                readme.contains(l),
                "{path}: «{l}» is not among the README's commands {readme:?}"
            );
            used.insert(l.clone());
        }
        let env = if forge == "gitlab" {
            &v["variables"]
        } else {
            &v["env"]
        };
        assert_eq!(
            env["MOC_GIT"].as_str(),
            Some("https://git.example.ru/rmc/moc.git"),
            "{forge}"
        );
        match forge {
            "gitlab" => {
                let check = &v["moc-check"];
                assert_eq!(check["artifacts"]["when"].as_str(), Some("always"));
                assert_eq!(
                    check["artifacts"]["reports"]["codequality"].as_str(),
                    Some("gl-code-quality-report.json")
                );
                let pages = &v["pages"];
                assert_eq!(pages["artifacts"]["paths"][0].as_str(), Some("public"));
                assert_eq!(
                    pages["rules"][0]["if"].as_str(),
                    Some("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH")
                );
            }
            _ => {
                let on = &v["on"];
                assert!(
                    on.get("push").is_some() && on.get("pull_request").is_some(),
                    "{forge}"
                );
                let uses: Vec<String> = {
                    let mut u = Vec::new();
                    for job in v["jobs"].as_mapping().into_iter().flat_map(|m| m.values()) {
                        for step in job["steps"].as_sequence().into_iter().flatten() {
                            if let Some(s) = step["uses"].as_str() {
                                u.push(s.to_owned());
                            }
                        }
                    }
                    u
                };
                if forge == "github" {
                    assert!(
                        uses.contains(&"actions/upload-pages-artifact@v3".to_owned()),
                        "{uses:?}"
                    );
                    assert!(
                        uses.contains(&"actions/deploy-pages@v5".to_owned()),
                        "{uses:?}"
                    );
                    let deploy = &v["jobs"]["deploy"];
                    assert_eq!(deploy["permissions"]["pages"].as_str(), Some("write"));
                    assert_eq!(deploy["permissions"]["id-token"].as_str(), Some("write"));
                    assert_eq!(deploy["environment"]["name"].as_str(), Some("github-pages"));
                } else {
                    assert!(
                        uses.iter().any(|u| u.contains("upload-artifact")),
                        "{forge}: {uses:?}"
                    );
                }
            }
        }
        // the file in the repository is the template as moc writes it
        let shipped = read_repo(&format!(
            "templates/ci/{}.yml",
            if forge == "gitlab" {
                "gitlab-ci"
            } else {
                forge
            }
        ));
        assert_eq!(
            shipped.replace("__MOC_GIT__", "https://git.example.ru/rmc/moc.git"),
            out.stdout
        );
    }
    assert_eq!(used, readme, "README commands no template runs");
}

#[test]
fn ci_init_writes_and_refuses_to_overwrite() {
    let (moc, _dir) = Moc::in_temp()
        .copy("plans/sayansk-2026.toml", "plans/sayansk-2026.toml")
        .keep();
    let dir = moc.dir().to_path_buf();
    let out = Moc::in_temp_at(&dir).args(["ci", "init", "github"]).run();
    assert_eq!(out.code, 0, "{out}");
    let written = std::fs::read_to_string(dir.join(".github/workflows/moc.yml"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(written.contains("MOC_GIT: \"https://moc-source.invalid/moc.git\""));
    insta::assert_snapshot!(out);

    let mine = b"# my own CI\r\nstages: [x]\n";
    std::fs::write(dir.join(".gitlab-ci.yml"), mine).unwrap_or_else(|e| panic!("{e}"));
    let refused = Moc::in_temp_at(&dir.join("plans"))
        .args(["ci", "init", "gitlab"])
        .run();
    assert_eq!(refused.code, 2, "{refused}");
    assert_eq!(
        std::fs::read(dir.join(".gitlab-ci.yml")).unwrap_or_default(),
        mine
    );
    let refused = refused
        .to_string()
        .replace(&format!("{}/", dir.display()), "[repo]/");
    insta::assert_snapshot!(refused, @r"
    ----- stderr -----
    ошибка: [repo]/.gitlab-ci.yml уже есть — moc его не перезаписывает
      подсказка: заменить его: moc ci init gitlab --force; только показать новый: moc ci init gitlab --print
    [exit status: 2]
    ");
    let forced = Moc::in_temp_at(&dir)
        .args([
            "ci",
            "init",
            "gitlab",
            "--force",
            "--moc-git",
            "https://git.example.ru/rmc/moc.git",
        ])
        .run();
    assert_eq!(forced.code, 0, "{forced}");
    let replaced = std::fs::read_to_string(dir.join(".gitlab-ci.yml")).unwrap_or_default();
    assert!(
        replaced.contains("MOC_GIT: \"https://git.example.ru/rmc/moc.git\""),
        "{replaced}"
    );
    yaml(&replaced);
}

#[test]
fn check_help_lists_the_forge_formats() {
    for (lang, words) in [
        ("ru", "gitlab (отчёт Code Quality) или github"),
        ("en", "gitlab (a Code Quality report) or github"),
    ] {
        let out = Moc::in_repo()
            .args(["check", "--help", "--lang", lang])
            .run();
        let flat = out.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(words), "{lang}: {out}");
    }
}
