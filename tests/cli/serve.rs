//! `moc serve` as a user runs it: the real binary on a real socket, its refusals to start, and a
//! real browser (Chromium through chromedriver) marking an item done. The routes one by one are
//! tested in process (`src/serve/tests.rs`).

mod webdriver;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::{Moc, git, read_repo};

const SEED: &str = "plans/mosalsk-2026.toml";
const AS_OF: &str = "2026-10-01";

/// A temporary repository with the seed plan, committed.
fn repo_with_seed() -> (tempfile::TempDir, PathBuf) {
    let (m, dir) = Moc::in_temp().copy(SEED, SEED).keep();
    let path = m.dir().to_path_buf();
    git(&path, &["init", "-q"]);
    git(&path, &["add", "-A"]);
    git(&path, &["commit", "-q", "-m", "план"]);
    (dir.unwrap_or_else(|| panic!("no temporary folder")), path)
}

/// `moc serve` running in the background.
struct Server {
    child: Child,
    /// The address it printed.
    url: String,
    /// `127.0.0.1:PORT`.
    addr: String,
    /// What it printed after the address.
    lines: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_moc"))
            .current_dir(dir)
            .env_clear()
            .envs(env.iter().copied())
            .arg("serve")
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run moc: {e}"));
        let out = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
        let mut out = BufReader::new(out);
        let mut first = String::new();
        out.read_line(&mut first)
            .unwrap_or_else(|e| panic!("moc serve printed nothing: {e}"));
        assert!(first.starts_with("moc serve: http://127.0.0.1:"), "{first}");
        let url = first
            .split_whitespace()
            .nth(2)
            .unwrap_or_default()
            .to_owned();
        let addr = url
            .trim_start_matches("http://")
            .split('/')
            .next()
            .unwrap_or_default()
            .to_owned();
        let lines = Arc::new(Mutex::new(Vec::new()));
        let keep = Arc::clone(&lines);
        std::thread::spawn(move || {
            for line in out.lines().map_while(Result::ok) {
                keep.lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .push(line);
            }
        });
        Server {
            child,
            url,
            addr,
            lines,
        }
    }

    fn printed(&self) -> String {
        self.lines
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .join("\n")
    }

    /// Ctrl-C, as a user stops it: how it ended.
    #[cfg(unix)]
    fn interrupt(mut self) -> Option<i32> {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-INT", &pid]).status();
        assert!(sent.is_ok_and(|s| s.success()));
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "moc serve did not stop on Ctrl-C"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP reply.
struct Reply {
    status: u16,
    head: String,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then_some(v.trim())
        })
    }
}

/// One request over a new connection, as a browser sends it.
fn request(addr: &str, method: &str, path: &str, extra: &[(&str, &str)], body: &str) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap_or_else(|e| panic!("{addr}: {e}"));
    s.set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    if !extra.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("Host: {addr}\r\n"));
    }
    for (k, v) in extra {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if method == "POST" {
        head.push_str(&format!(
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes())
        .and_then(|()| s.write_all(body.as_bytes()))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap_or_else(|e| panic!("{e}"));
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Reply {
        status,
        head: head.to_owned(),
        body: body.to_owned(),
    }
}

/// A value percent-encoded for a form.
fn form(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| {
            let enc: String = v
                .bytes()
                .map(|b| {
                    if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                        char::from(b).to_string()
                    } else {
                        format!("%{b:02X}")
                    }
                })
                .collect();
            format!("{k}={enc}")
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// A value between `before` and the next `"`.
fn between<'a>(s: &'a str, before: &str) -> &'a str {
    let at = s.find(before).map_or(s.len(), |i| i + before.len());
    let rest = &s[at..];
    &rest[..rest.find(['"', ';']).unwrap_or(rest.len())]
}

#[test]
fn listening_beyond_this_computer_needs_a_token() {
    let m = Moc::in_temp()
        .copy(SEED, SEED)
        .args(["serve", "--bind", "0.0.0.0"]);
    let out = m.run();
    assert_eq!(out.code, 2, "{out}");
    assert!(
        out.stderr
            .contains("ошибка: адрес 0.0.0.0 открыт для других компьютеров сети — нужен --token"),
        "{out}"
    );
    assert!(
        out.stderr
            .contains("подсказка: moc serve --bind 0.0.0.0 --token")
    );
    assert!(out.stdout.is_empty());

    let short = Moc::in_temp()
        .copy(SEED, SEED)
        .args(["serve", "--bind", "0.0.0.0", "--token", "123"])
        .run();
    assert_eq!(short.code, 2, "{short}");
    assert!(
        short.stderr.contains("нужно не меньше 16 знаков"),
        "{short}"
    );
}

#[test]
fn only_plans_under_plans_are_served() {
    let outside = Moc::in_temp()
        .copy(SEED, SEED)
        .copy(SEED, "other/plan.toml")
        .args(["serve", "other"])
        .run();
    assert_eq!(outside.code, 2, "{outside}");
    assert!(
        outside.stderr.contains(
            "other лежит вне папки plans: moc serve показывает и правит только планы из неё"
        ),
        "{outside}"
    );
    let none = Moc::in_temp().args(["serve"]).run();
    assert_eq!(none.code, 2, "{none}");
    assert!(none.stderr.contains("нет папки plans"), "{none}");
}

#[test]
fn a_busy_port_asked_for_is_an_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let port = taken
        .local_addr()
        .map(|a| a.port().to_string())
        .unwrap_or_default();
    let out = Moc::in_temp()
        .copy(SEED, SEED)
        .args(["serve", "--port", &port])
        .run();
    assert_eq!(out.code, 2, "{out}");
    assert!(out.stderr.contains(&format!("порт {port} занят")), "{out}");
}

/// The binary as a user starts it, over a real socket: the pages, an edit committed to git, the
/// guards, the report as `moc report --format html` makes it, and Ctrl-C.
#[cfg(unix)]
#[test]
fn the_binary_serves_the_plans_over_a_socket() {
    let (_keep, dir) = repo_with_seed();
    let env = [
        ("GIT_CONFIG_GLOBAL", "/dev/null"),
        ("GIT_CONFIG_NOSYSTEM", "1"),
        ("GIT_AUTHOR_NAME", "Методист Иванова"),
        ("GIT_AUTHOR_EMAIL", "ivanova@example.ru"),
        ("GIT_COMMITTER_NAME", "Методист Иванова"),
        ("GIT_COMMITTER_EMAIL", "ivanova@example.ru"),
    ];
    let server = Server::start(&dir, &["--port", "0", "--as-of", AS_OF, "--commit"], &env);
    let addr = server.addr.clone();
    assert_eq!(server.url, format!("http://{addr}/"));

    let index = request(&addr, "GET", "/", &[], "");
    assert_eq!(index.status, 200, "{}", index.head);
    assert!(index.body.contains("Мосальский муниципальный округ"));
    assert!(
        index
            .header("content-security-policy")
            .is_some_and(|c| c.contains("default-src 'none'"))
    );

    let item = request(&addr, "GET", "/plan/mosalsk-2026/item/1.4", &[], "");
    assert_eq!(item.status, 200);
    let cookie = between(&item.head, "set-cookie: ").to_owned();
    assert!(cookie.starts_with("moc_csrf_"), "{}", item.head);
    let csrf = between(&item.body, "name=\"csrf\" value=\"").to_owned();
    let version = between(&item.body, "name=\"version\" value=\"").to_owned();

    // a form without its token changes nothing
    let before = std::fs::read(dir.join(SEED)).unwrap_or_default();
    let forged = request(
        &addr,
        "POST",
        "/plan/mosalsk-2026/item/1.4/done",
        &[("Cookie", &cookie)],
        &form(&[("version", &version), ("result", "подделка")]),
    );
    assert_eq!(forged.status, 403);
    assert_eq!(std::fs::read(dir.join(SEED)).unwrap_or_default(), before);

    let done = request(
        &addr,
        "POST",
        "/plan/mosalsk-2026/item/1.4/done",
        &[("Cookie", &cookie)],
        &form(&[
            ("csrf", &csrf),
            ("version", &version),
            ("result", "Банк данных сформирован: 14 программ"),
            ("date", ""),
        ]),
    );
    assert_eq!(done.status, 303, "{}{}", done.head, done.body);
    let text = std::fs::read_to_string(dir.join(SEED)).unwrap_or_default();
    assert!(text.contains("result = \"Банк данных сформирован: 14 программ\""));
    assert!(text.contains("done_on = 2026-10-01"));
    let log = git(&dir, &["log", "-1", "--format=%s|%an"]);
    assert_eq!(
        String::from_utf8_lossy(&log.stdout).trim(),
        "1.4: выполнено|Методист Иванова"
    );
    let plan = request(
        &addr,
        "GET",
        done.header("location").unwrap_or("/"),
        &[],
        "",
    );
    assert!(plan.body.contains(
        "Записано: 1.4 «Формирование банка данных программ.» — выполнено 01.10.2026 (коммит "
    ));

    // the same version again: the file has changed since
    let stale = request(
        &addr,
        "POST",
        "/plan/mosalsk-2026/item/1.4/cancel",
        &[("Cookie", &cookie)],
        &form(&[
            ("csrf", &csrf),
            ("version", &version),
            ("reason", "не нужно"),
        ]),
    );
    assert_eq!(stale.status, 409);
    assert!(
        stale
            .body
            .contains("план изменился с тех пор, как страница была открыта")
    );

    assert_eq!(
        request(&addr, "GET", "/", &[("Host", "evil.example:80")], "").status,
        403
    );
    assert_eq!(
        request(&addr, "GET", "/plan/..%2F..%2Fetc%2Fpasswd", &[], "").status,
        404
    );

    // the report page is `moc report --format html`
    let html = request(&addr, "GET", "/plan/mosalsk-2026/report.html", &[], "");
    assert_eq!(html.status, 200);
    let cli = Moc::in_temp_at(&dir)
        .args(["report", SEED, "--format", "html", "--as-of", AS_OF])
        .run();
    assert_eq!(cli.code, 0, "{cli}");
    assert_eq!(html.body, cli.stdout);

    std::thread::sleep(Duration::from_millis(100));
    let printed = server.printed();
    assert!(
        printed.contains("plans/mosalsk-2026.toml: 1.4 «Формирование банка данных программ.» — выполнено 01.10.2026"),
        "{printed}"
    );
    assert!(printed.contains(": 1.4: выполнено"), "{printed}");
    assert_eq!(server.interrupt(), Some(0));
}

/// A methodist's way through the pages in a real browser: the index, the plan, item 1.4, the
/// done form, and «выполнено» on the plan's page — with screenshots of the plan's and the item's
/// pages kept under the target folder.
#[test]
fn a_real_browser_marks_an_item_done() {
    webdriver::browser();
    let (_keep, dir) = repo_with_seed();
    let server = Server::start(&dir, &["--port", "0", "--as-of", AS_OF], &[]);
    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("serve-screenshots");
    let b = webdriver::Session::start(1200, 1000);

    b.goto(&server.url);
    assert_eq!(b.title(), "Планы · moc");
    let plan = b.link("Мосальский муниципальный округ");
    b.click(&plan);
    let url = b.url_when(|u| u.ends_with("/plan/mosalsk-2026"));
    assert!(url.ends_with("/plan/mosalsk-2026"), "{url}");
    let link = b.find("a[href=\"/plan/mosalsk-2026/item/1.4\"]");
    b.click(&link);
    let url = b.url_when(|u| u.ends_with("/plan/mosalsk-2026/item/1.4"));
    assert!(url.ends_with("/plan/mosalsk-2026/item/1.4"), "{url}");
    let h1 = b.find("h1");
    assert_eq!(b.text(&h1), "1.4 Формирование банка данных программ.");

    let result = b.find("#done-result");
    b.type_in(&result, "Банк данных сформирован: 14 программ");
    b.screenshot(&shots.join("item.png"));
    let submit = b.find("#form-done button[type=submit]");
    b.click(&submit);

    // back on the plan's page, the row of 1.4 says «выполнено»
    let url = b.url_when(|u| u.contains("/plan/mosalsk-2026?saved="));
    assert!(url.contains("/plan/mosalsk-2026?saved="), "{url}");
    let row = b.find("tr[id=\"i-1.4\"]");
    let row_text = b.text(&row);
    assert!(row_text.contains("выполнено"), "{row_text}");
    let saved = b.find("p.saved");
    assert!(
        b.text(&saved)
            .contains("1.4 «Формирование банка данных программ.» — выполнено 01.10.2026")
    );
    b.screenshot(&shots.join("plan.png"));
    b.goto(&format!("{}plan/mosalsk-2026", server.url));
    b.screenshot(&shots.join("plan-top.png"));

    let text = std::fs::read_to_string(dir.join(SEED)).unwrap_or_default();
    assert!(
        text.contains("result = \"Банк данных сформирован: 14 программ\""),
        "{text}"
    );
    assert!(text.contains("status = \"done\""));
    // the rest of the file as it was: comments and all
    let original = read_repo(SEED);
    assert!(text.starts_with(&original[..original.find("[[section]]").unwrap_or(0)]));

    // the report page keeps its own look under the server's policy: nothing blocked
    let report = b.link("Отчёт");
    b.click(&report);
    let url = b.url_when(|u| u.ends_with("/plan/mosalsk-2026/report"));
    assert!(url.ends_with("/plan/mosalsk-2026/report"), "{url}");
    assert!(b.source().contains("Отчёт о деятельности"));
    // (chromedriver's log of the console: every page so far, the favicon's request too)
    let console = b.console();
    assert!(console.is_empty(), "console messages: {console:#?}");

    // a phone's width
    b.resize(390, 844);
    b.goto(&format!("{}plan/mosalsk-2026", server.url));
    b.screenshot(&shots.join("plan-phone.png"));
    b.goto(&format!("{}plan/mosalsk-2026/item/1.4", server.url));
    b.screenshot(&shots.join("item-phone.png"));
    drop(b);
    drop(server);
}
