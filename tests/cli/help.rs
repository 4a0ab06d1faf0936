//! Every command's help, in Russian and in English, is a snapshot: a clap upgrade cannot bring
//! its English words back into the Russian help unnoticed. The Russian help and manual page hold
//! none of clap's English.

use crate::Moc;

/// The commands `moc --help` lists (with `hook install` for `hook`, `ci init` for `ci`).
fn commands() -> Vec<Vec<String>> {
    let help = Moc::in_repo().args(["--help"]).run().stdout;
    help.lines()
        .skip_while(|l| !l.starts_with("Команды"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter(|l| l.as_bytes().get(2).is_some_and(u8::is_ascii_lowercase))
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .map(|c| {
            if c == "hook" {
                vec![c, "install".to_owned()]
            } else if c == "ci" {
                vec![c, "init".to_owned()]
            } else {
                vec![c]
            }
        })
        .collect()
}

const CLAP_ENGLISH: [&str; 9] = [
    "Usage:",
    "Options:",
    "Arguments:",
    "Commands:",
    "Possible values",
    "possible values",
    "[default:",
    "Print help",
    "[OPTIONS]",
];

fn all_helps(lang: &str) -> String {
    let mut all = String::new();
    let mut every = vec![vec![]];
    every.extend(commands());
    assert!(every.len() > 25, "{every:?}");
    for c in every {
        let out = Moc::in_repo()
            .args(["--lang", lang])
            .args(&c)
            .args(["--help"])
            .run();
        assert_eq!(out.code, 0, "{c:?}: {out}");
        all.push_str(&format!(
            "===== moc {} --help\n{}\n",
            c.join(" "),
            out.stdout
        ));
    }
    all
}

#[test]
fn every_help_in_russian() {
    let all = all_helps("ru");
    for english in CLAP_ENGLISH {
        assert!(!all.contains(english), "«{english}» in the Russian help");
    }
    insta::assert_snapshot!("help_ru", all);
}

#[test]
fn every_help_in_english() {
    insta::assert_snapshot!("help_en", all_helps("en"));
}

#[test]
fn the_russian_manual_has_no_english_headings() {
    let page = Moc::in_repo()
        .args(["man", "--lang", "ru", "--as-of", "2026-11-23"])
        .run()
        .stdout;
    for english in
        CLAP_ENGLISH
            .iter()
            .chain(&[".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS"])
    {
        assert!(!page.contains(english), "«{english}» in the Russian manual");
    }
    assert!(page.contains(".SH ИМЯ") && page.contains("moc \\- план работы МОЦ"));
    for heading in page.lines().filter_map(|l| l.strip_prefix(".SH ")) {
        assert_eq!(heading, heading.to_uppercase(), "a heading not in capitals");
    }
    assert!(page.contains(".SH КОМАНДЫ"), "{page}");
    let m = Moc::in_temp().args(["man", "--lang", "ru", "-o", "man1"]);
    assert_eq!(m.run().code, 0);
    for entry in std::fs::read_dir(m.dir().join("man1"))
        .into_iter()
        .flatten()
        .flatten()
    {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        for english in CLAP_ENGLISH {
            assert!(
                !text.contains(english),
                "«{english}» in {}",
                entry.path().display()
            );
        }
    }
}

#[test]
fn a_folder_without_plans_says_how_to_begin() {
    for args in [
        vec!["status"],
        vec!["report"],
        vec!["done", "1.1"],
        vec!["overdue", "--lang", "en"],
    ] {
        let out = Moc::in_temp()
            .args(&args)
            .args(["--as-of", "2026-10-01"])
            .run();
        assert_eq!(out.code, 2, "{out}");
        assert!(
            out.stderr.contains("moc init") && out.stderr.contains("moc import"),
            "{args:?}: {out}"
        );
        if args.contains(&"en") {
            assert!(
                out.stderr
                    .starts_with("error: there is no folder of plans here")
            );
        } else {
            insta::assert_snapshot!(format!("no-plans-{}", args[0]), out);
        }
    }
}
