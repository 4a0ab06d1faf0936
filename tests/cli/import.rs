//! `moc import`: the seeds (text and .docx) become plans equivalent to `plans/`, further shapes
//! of real plans are read right, the result renders back to the source table, and no input
//! makes the importer panic.

use std::path::Path;

use crate::{Moc, read_repo, repo};

/// What an importer must keep: sections and items with their phrases, and the roster.
type Shape = (
    Vec<(String, String)>,
    Vec<(String, String, String, String)>,
    Vec<String>,
);

fn shape(text: &str) -> Shape {
    let plan: toml::Table = text
        .parse()
        .unwrap_or_else(|e| panic!("does not load: {e}"));
    let s = |v: &toml::Value, k: &str| {
        v.get(k)
            .and_then(toml::Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let list = |v: &toml::Value, k: &str| -> Vec<toml::Value> {
        v.get(k)
            .and_then(toml::Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let root = toml::Value::Table(plan);
    let sections = list(&root, "section")
        .iter()
        .map(|sec| (s(sec, "number"), s(sec, "title")))
        .collect();
    let items = list(&root, "section")
        .iter()
        .flat_map(|sec| list(sec, "item"))
        .map(|i| {
            let responsible = match i.get("responsible") {
                Some(toml::Value::Array(a)) => a
                    .iter()
                    .filter_map(toml::Value::as_str)
                    .collect::<Vec<_>>()
                    .join(", "),
                _ => s(&i, "responsible"),
            };
            (
                s(&i, "number").trim().to_owned(),
                s(&i, "title"),
                s(&i, "deadline"),
                responsible,
            )
        })
        .collect();
    let mut roster: Vec<String> = list(&root, "responsible")
        .iter()
        .map(|r| s(r, "name"))
        .collect();
    roster.sort();
    (sections, items, roster)
}

fn import(from_repo: &str) -> (crate::Output, String) {
    let name = Path::new(from_repo)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let m = Moc::in_temp().copy(from_repo, &name).args([
        "import",
        &name,
        "-o",
        "plan.toml",
        "--as-of",
        "2026-10-01",
    ]);
    let out = m.run();
    let text = std::fs::read_to_string(m.dir().join("plan.toml")).unwrap_or_default();
    (out, text)
}

#[test]
fn seeds_import_to_the_bundled_plans() {
    for (seed, plan) in [
        ("mosalsk-2026", "plans/mosalsk-2026.toml"),
        ("sayansk-2026", "plans/sayansk-2026.toml"),
    ] {
        for source in [
            format!("tests/fixtures/seeds/{seed}.txt"),
            format!("tests/fixtures/import/{seed}.docx"),
        ] {
            let (out, text) = import(&source);
            assert_eq!(out.code, 0, "{source}: {out}");
            assert!(
                out.stderr.contains("0 ошибок, 0 предупреждений"),
                "{source}: {out}"
            );
            assert_eq!(
                shape(&text),
                shape(&read_repo(plan)),
                "{source} differs from {plan}"
            );
        }
    }
}

#[test]
fn seed_import_snapshot() {
    let (out, text) = import("tests/fixtures/seeds/mosalsk-2026.txt");
    insta::assert_snapshot!("import_mosalsk_toml", text);
    insta::assert_snapshot!("import_mosalsk_summary", out.stderr);
    let (_, docx) = import("tests/fixtures/import/mosalsk-2026.docx");
    assert_eq!(
        text.lines().skip(1).collect::<Vec<_>>(),
        docx.lines().skip(1).collect::<Vec<_>>(),
        "the .docx gives the same plan"
    );
}

#[test]
fn further_shapes() {
    for f in [
        "roman-column-numbers.txt",
        "restart-approval.txt",
        "names-together.txt",
        "cp1251.txt",
        "excel.csv",
        "excel-1251.csv",
    ] {
        let (out, text) = import(&format!("tests/fixtures/import/{f}"));
        assert_eq!(out.code, 0, "{f}: {out}");
        let check = Moc::in_temp()
            .file("p.toml", &text)
            .args(["check", "p.toml", "--as-of", "2026-10-01"])
            .run();
        assert_eq!(check.code, 0, "{f}: {check}");
        insta::with_settings!({ snapshot_suffix => f.replace('.', "-"), prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("import", format!("{text}\n----- summary -----\n{}", out.stderr));
        });
    }
}

#[test]
fn the_details_of_each_shape() {
    let (_, t) = import("tests/fixtures/import/roman-column-numbers.txt");
    assert!(
        !t.contains("number = \"1\"\ntitle = \"2\""),
        "the column-number row is not an item"
    );
    assert!(t.contains("result = \"Утверждён приказом № 3\""));
    assert!(t.contains("municipality = \"Тулунский муниципальный район\""));
    let (_, t) = import("tests/fixtures/import/restart-approval.txt");
    assert!(
        t.contains("дополнительного образования\"") && t.contains("организационно-методических"),
        "hyphenation joined"
    );
    assert!(t.contains("date = 2026-01-15") && t.contains("name = \"Иванова А.А.\""));
    let (_, t) = import("tests/fixtures/import/names-together.txt");
    assert!(t.contains("name = \"Ежова Н.М.\"") && t.contains("name = \"Лапшакова Н.Д.\""));
    assert!(
        t.contains("responsible = \"Ежова Н.М. Лапшакова Н.Д.\""),
        "the phrase stays verbatim"
    );
    let (out, t) = import("tests/fixtures/import/cp1251.txt");
    assert!(out.stderr.contains("Windows-1251"), "{out}");
    assert!(t.contains("year = \"2026/2027\"") && t.contains("title = \"ОРГАНИЗАЦИОННАЯ РАБОТА\""));
    let (_, t) = import("tests/fixtures/import/excel.csv");
    assert!(
        t.contains("Совещание \\\"МОЦ: итоги года\\\" с руководителями")
            || t.contains("'Совещание \"МОЦ: итоги года\" с руководителями"),
        "{t}"
    );
}

#[test]
fn render_of_an_import_reproduces_the_source_table() {
    let (_, text) = import("tests/fixtures/seeds/sayansk-2026.txt");
    let out = Moc::in_temp()
        .file("p.toml", &text)
        .args(["render", "p.toml"])
        .run();
    let seed = read_repo("tests/fixtures/seeds/sayansk-2026.txt");
    let source_rows: Vec<Vec<String>> = seed
        .lines()
        .skip_while(|l| !l.starts_with("№"))
        .skip(1)
        .map(|l| {
            l.split('\t')
                .map(|c| c.trim().to_owned())
                .collect::<Vec<_>>()
        })
        .filter(|r: &Vec<String>| r.iter().any(|c| !c.is_empty()) && !r[0].starts_with("--"))
        .collect();
    let rendered: Vec<Vec<String>> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| № п/п"))
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().replace("\\.", ".").replace("**", ""))
                .collect()
        })
        .collect();
    assert_eq!(rendered.len(), source_rows.len());
    for (r, s) in rendered.iter().zip(&source_rows) {
        if s[1..].iter().all(String::is_empty) {
            assert_eq!(r[1], s[0], "section row");
        } else {
            assert_eq!(r[..4], s[..4], "item row");
        }
    }
}

#[test]
fn never_overwrites_and_never_panics() {
    let m = Moc::in_temp()
        .copy("tests/fixtures/seeds/sayansk-2026.txt", "s.txt")
        .file("s.toml", "# мой план\n")
        .args(["import", "s.txt"]);
    let out = m.run();
    assert_eq!(out.code, 2, "{out}");
    assert_eq!(
        std::fs::read_to_string(m.dir().join("s.toml")).unwrap_or_default(),
        "# мой план\n"
    );
    let docx =
        std::fs::read(repo().join("tests/fixtures/import/mosalsk-2026.docx")).unwrap_or_default();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty.txt", Vec::new()),
        ("spaces.txt", b"  \n\t\n".to_vec()),
        (
            "binary.txt",
            (0..4000u32).map(|i| (i * 7919 % 251) as u8).collect(),
        ),
        ("truncated.docx", docx[..docx.len() / 2].to_vec()),
        ("not-zip.docx", b"PK\x03\x04 but nothing more".to_vec()),
        (
            "no-table.docx",
            std::fs::read(repo().join("tests/fixtures/import/no-table.docx")).unwrap_or_default(),
        ),
        (
            "header-only.txt",
            "№\tМероприятие\tСрок\tОтветственные\n".as_bytes().to_vec(),
        ),
        (
            "garbage.csv",
            "\"unterminated;;;\n;;\"\"\n".as_bytes().to_vec(),
        ),
    ];
    let mut all = String::new();
    for (name, bytes) in cases {
        let out = Moc::in_temp()
            .file(name, bytes)
            .args(["import", name, "-o", "-"])
            .run();
        assert_eq!(out.code, 2, "{name}: {out}");
        assert!(
            !out.stderr.contains("panicked") && !out.stderr.contains("внутренняя ошибка"),
            "{name}: {out}"
        );
        all.push_str(&format!("{name}: {}", out.stderr));
    }
    insta::assert_snapshot!("import_errors", all);
}
