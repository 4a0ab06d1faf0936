//! Hostile and broken input: every case gets a clear message and the documented exit code, and
//! no file is changed. Edits survive being killed mid-write and running at the same time.

use std::time::Duration;

use crate::{Moc, read_repo};

fn snapshot_of(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_symlink() {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((
                    p.display().to_string(),
                    std::fs::read(&p).unwrap_or_default(),
                ));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn broken_files_get_clear_messages_and_are_left_alone() {
    let plan = read_repo("plans/sayansk-2026.toml");
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(&plan);
    let cases: Vec<(&str, Vec<u8>, i32, &str)> = vec![
        (
            "not-utf8.toml",
            cp1251.into_owned(),
            2,
            "moc import --encoding cp1251",
        ),
        (
            "bom.toml",
            [b"\xef\xbb\xbf".as_slice(), plan.as_bytes()].concat(),
            0,
            "0 ошибок",
        ),
        (
            "crlf.toml",
            plan.replace('\n', "\r\n").into_bytes(),
            0,
            "0 ошибок",
        ),
        (
            "tabs.toml",
            plan.replace("title = ", "title\t=\t").into_bytes(),
            0,
            "0 ошибок",
        ),
        (
            "nul.toml",
            plan.replacen("МОЦ", "М\0ОЦ", 1).into_bytes(),
            1,
            "управляющий символ U+0000",
        ),
        (
            "duplicate.toml",
            plan.replacen("year = 2026", "year = 2026\nyear = 2027", 1)
                .into_bytes(),
            1,
            "ключ повторяется",
        ),
        (
            "deep.toml",
            format!("a = {}{}", "[".repeat(50_000), "]".repeat(50_000)).into_bytes(),
            1,
            "слишком глубокая вложенность",
        ),
        (
            "long-line.toml",
            plan.replacen(
                "Мониторинг деятельности МОЦ",
                &"очень длинное название ".repeat(20_000),
                1,
            )
            .into_bytes(),
            0,
            "0 ошибок",
        ),
        (
            "conflict.toml",
            plan.replacen(
                "[[section]]",
                "<<<<<<< HEAD\n[[section]]\n=======\n>>>>>>> main\n",
                1,
            )
            .into_bytes(),
            1,
            "неразрешённый конфликт слияния в строке",
        ),
        (
            "huge.toml",
            vec![b'#'; 9 * 1024 * 1024],
            2,
            "файл слишком велик",
        ),
    ];
    for (name, bytes, code, expect) in cases {
        let m = Moc::in_temp().file(&format!("plans/{name}"), &bytes);
        let before = snapshot_of(m.dir());
        let m = m.args(["check", &format!("plans/{name}"), "--as-of", "2026-10-01"]);
        let out = m.run();
        assert_eq!(out.code, code, "{name}: {out}");
        assert!(
            out.stdout.contains(expect) || out.stderr.contains(expect),
            "{name}: «{expect}» not said:\n{}",
            &out.to_string().chars().take(3000).collect::<String>()
        );
        assert!(!out.stderr.contains("panicked"), "{name}");
        assert_eq!(snapshot_of(m.dir()), before, "{name}: a file changed");
        // an edit of a broken file changes nothing; of a valid one keeps its BOM and line endings
        let edit = Moc::in_temp().file(&format!("plans/{name}"), &bytes).args([
            "done",
            "1",
            "--result",
            "сделано",
            "--as-of",
            "2026-10-01",
        ]);
        let e = edit.run();
        let after = std::fs::read(edit.dir().join(format!("plans/{name}"))).unwrap_or_default();
        assert!(!e.stderr.contains("panicked"), "{name}");
        if code == 0 {
            assert_eq!(e.code, 0, "{name}: the edit failed");
            assert_eq!(
                after.starts_with(b"\xef\xbb\xbf"),
                bytes.starts_with(b"\xef\xbb\xbf"),
                "{name}: BOM"
            );
            let crlf = |b: &[u8]| b.windows(2).filter(|w| w == b"\r\n").count();
            let lf = |b: &[u8]| b.iter().filter(|c| **c == b'\n').count();
            assert_eq!(
                crlf(&after) == lf(&after),
                crlf(&bytes) == lf(&bytes),
                "{name}: line endings"
            );
        } else {
            assert_ne!(e.code, 0, "{name}");
            assert!(after == bytes, "{name}: the edit changed a broken file");
        }
    }
}

#[test]
fn folders_symlink_loops_pipes_and_many_files() {
    let plan = read_repo("plans/sayansk-2026.toml");
    let mut m = Moc::in_temp();
    for i in 0..10_000 {
        m = m.file(
            &format!("plans/m{:02}/p{i:05}.toml", i % 50),
            if i % 1000 == 7 {
                "year = \n"
            } else {
                "# пусто\n"
            },
        );
    }
    m = m.file("plans/real/2026.toml", &plan);
    let dir = m.dir().to_path_buf();
    std::os::unix::fs::symlink(dir.join("plans"), dir.join("plans/real/loop"))
        .unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink(dir.join("nowhere.toml"), dir.join("plans/dangling.toml"))
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir_all(dir.join("plans/folder.toml")).unwrap_or_else(|e| panic!("{e}"));
    let fifo = std::process::Command::new("mkfifo")
        .arg(dir.join("plans/pipe.toml"))
        .status();
    let out = m.args(["check", "--as-of", "2026-10-01"]).run();
    assert_eq!(
        out.code,
        2,
        "unreadable entries make it exit 2: {}",
        out.stderr.chars().take(2000).collect::<String>()
    );
    assert!(
        out.stdout.contains("проверено: 10\u{a0}001 файл"),
        "{}",
        out.stdout.lines().last().unwrap_or("")
    );
    assert!(out.stderr.contains("plans/dangling.toml"), "{}", out.stderr);
    if fifo.is_ok_and(|s| s.success()) {
        assert!(out.stderr.contains("не обычный файл"), "{}", out.stderr);
    }
    let dir_as_plan = Moc::in_temp()
        .file("plans/a/x.toml", &plan)
        .args(["render", "plans"])
        .run();
    assert_eq!(dir_as_plan.code, 2, "{dir_as_plan}");
    assert!(dir_as_plan.stderr.contains("папка"), "{dir_as_plan}");
}

#[test]
fn killed_edits_leave_the_old_or_the_new_file_never_half() {
    // a plan big enough that writing it takes a while
    let mut plan = String::from(
        "[plan]\ntitle = \"Большой план\"\nyear = 2026\n[[responsible]]\nname = \"методист\"\n[[section]]\nnumber = \"1\"\ntitle = \"Раздел\"\n",
    );
    for i in 1..=6000 {
        plan.push_str(&format!("\n# мероприятие {i}\n[[section.item]]\nnumber = \"1.{i}\"\ntitle = \"Мероприятие {i} с длинным-длинным названием, чтобы файл был побольше\"\ndeadline = \"Сентябрь 2026г.\"\nresponsible = \"методист\"\n"));
    }
    let bin = env!("CARGO_BIN_EXE_moc");
    let mut kept_old = 0;
    let mut saw_new = 0;
    for k in 0..12u64 {
        let m = Moc::in_temp().file("plans/p.toml", &plan);
        let path = m.dir().join("plans/p.toml");
        let mut child = std::process::Command::new(bin)
            .current_dir(m.dir())
            .env_clear()
            .args([
                "done",
                "1.3000",
                "--result",
                "сделано",
                "--as-of",
                "2026-10-01",
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        std::thread::sleep(Duration::from_millis(20 + k * 25));
        let _ = child.kill();
        let _ = child.wait();
        let now = std::fs::read_to_string(&path).unwrap_or_default();
        if now == plan {
            kept_old += 1;
        } else {
            saw_new += 1;
            assert!(
                now.contains("result = \"сделано\"") && now.len() > plan.len(),
                "a half-written file"
            );
            assert_eq!(
                now.lines()
                    .filter(|l| l.starts_with("# мероприятие"))
                    .count(),
                6000
            );
        }
        // no temporary files left behind in the plan's folder after a finished or killed run
        let names: Vec<String> = std::fs::read_dir(m.dir().join("plans"))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().all(|n| n == "p.toml" || n.starts_with('.')),
            "{names:?}"
        );
    }
    assert_eq!(kept_old + saw_new, 12);
}

#[test]
fn concurrent_edits_of_one_file_all_land() {
    let m = Moc::in_temp().copy("plans/sayansk-2026.toml", "plans/s.toml");
    let bin = env!("CARGO_BIN_EXE_moc");
    let children: Vec<_> = (0..8)
        .map(|k| {
            std::process::Command::new(bin)
                .current_dir(m.dir())
                .env_clear()
                .args([
                    "progress",
                    "16",
                    &format!("публикация {k}"),
                    "--date",
                    &format!("2026-0{}-10", k + 1),
                    "--as-of",
                    "2026-10-01",
                ])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap_or_else(|e| panic!("{e}"))
        })
        .collect();
    let mut failures = Vec::new();
    for c in children {
        let out = c.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
        if !out.status.success() {
            failures.push(String::from_utf8_lossy(&out.stderr).into_owned());
        }
    }
    assert!(failures.is_empty(), "{failures:?}");
    let text = std::fs::read_to_string(m.dir().join("plans/s.toml")).unwrap_or_default();
    for k in 0..8 {
        assert!(
            text.contains(&format!("публикация {k}")),
            "entry {k} lost:\n{text}"
        );
    }
    let check = Moc::in_temp()
        .file("p.toml", &text)
        .args(["check", "p.toml", "--as-of", "2026-10-01"])
        .run();
    assert_eq!(check.code, 0, "{check}");
}

/// `cargo fuzz` found a .docx whose member fails its checksum: docx-rs panicked on it. moc now
/// reads the archive whole first and refuses it with a reason.
#[test]
fn damaged_docx_is_refused_not_a_panic() {
    let m = Moc::in_temp()
        .copy(
            "tests/fixtures/fuzz/import_docx-bad-checksum.docx",
            "plan.docx",
        )
        .args(["import", "plan.docx", "-o", "plan.toml"]);
    let out = m.run();
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("архив повреждён"), "{}", out.stderr);
    assert!(!out.stderr.contains("внутренняя ошибка"), "{}", out.stderr);
    assert!(!m.dir().join("plan.toml").exists());
}
