//! A real browser for the tests: Chromium driven by chromedriver through the W3C WebDriver
//! protocol — JSON over a plain socket, no client crate.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};

/// The W3C key of an element reference.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A program on PATH (or in /usr/bin, /usr/lib/chromium).
fn find(names: &[&str]) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    dirs.push(PathBuf::from("/usr/bin"));
    dirs.push(PathBuf::from("/usr/lib/chromium"));
    dirs.iter()
        .flat_map(|d| names.iter().map(move |n| d.join(n)))
        .find(|p| p.is_file())
}

/// Chromium and chromedriver, or a failure that says how to get them: the browser test is never
/// skipped in silence.
pub(super) fn browser() -> (PathBuf, PathBuf) {
    let chromium = find(&["chromium", "chromium-browser", "google-chrome"]);
    let driver = find(&["chromedriver"]);
    match (chromium, driver) {
        (Some(c), Some(d)) => (c, d),
        (c, d) => panic!(
            "the browser test needs Chromium and chromedriver (found: chromium {c:?}, chromedriver {d:?}): \
             run .ci/run, which installs them (apt-get install chromium chromium-driver)"
        ),
    }
}

/// A child process killed when dropped.
struct Kill(Child);

impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A browser session: chromedriver, and the Chromium it started.
pub(super) struct Session {
    port: u16,
    path: String,
    profile: tempfile::TempDir,
    _driver: Kill,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_or_else(|e| panic!("no free port: {e}"), |a| a.port())
}

/// One WebDriver command: the reply's `value`, and whether it succeeded.
fn command(port: u16, method: &str, path: &str, body: Option<&Value>) -> (bool, Value) {
    let body = body.map(Value::to_string).unwrap_or_default();
    let mut s =
        TcpStream::connect(("127.0.0.1", port)).unwrap_or_else(|e| panic!("chromedriver: {e}"));
    s.set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap_or_else(|e| panic!("{e}"));
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // chromedriver keeps the connection open whatever is asked: read by Content-Length
    let mut r = BufReader::new(s);
    let mut status = String::new();
    r.read_line(&mut status).unwrap_or_else(|e| panic!("{e}"));
    let mut len = 0usize;
    loop {
        let mut line = String::new();
        r.read_line(&mut line).unwrap_or_else(|e| panic!("{e}"));
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':')
            && k.eq_ignore_ascii_case("content-length")
        {
            len = v.trim().parse().unwrap_or(0);
        }
    }
    let mut json = vec![0; len];
    r.read_exact(&mut json).unwrap_or_else(|e| panic!("{e}"));
    let v: Value = serde_json::from_slice(&json).unwrap_or(Value::Null);
    (status.starts_with("HTTP/1.1 200"), v["value"].clone())
}

impl Session {
    /// Start chromedriver and a headless Chromium of `width` × `height`.
    pub(super) fn start(width: u32, height: u32) -> Session {
        let (chromium, driver) = browser();
        let port = free_port();
        let child = Command::new(&driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{}: {e}", driver.display()));
        let driver = Kill(child);
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:loggingPrefs": {"browser": "ALL"},
            "goog:chromeOptions": {
                "binary": chromium.to_string_lossy(),
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    "--lang=ru-RU", "--hide-scrollbars",
                    format!("--window-size={width},{height}"),
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }
        }}});
        let (ok, v) = command(port, "POST", "/session", Some(&caps));
        assert!(ok, "no browser session: {v}");
        let id = v["sessionId"].as_str().unwrap_or_default().to_owned();
        Session {
            port,
            path: format!("/session/{id}"),
            profile,
            _driver: driver,
        }
    }

    fn call(&self, method: &str, tail: &str, body: Option<&Value>) -> Value {
        let (ok, v) = command(self.port, method, &format!("{}{tail}", self.path), body);
        assert!(ok, "{method} {tail}: {v}");
        v
    }

    pub(super) fn goto(&self, url: &str) {
        self.call("POST", "/url", Some(&json!({ "url": url })));
    }

    pub(super) fn url(&self) -> String {
        self.call("GET", "/url", None)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// The page's address once it satisfies `arrived`: a click on a link or a form's button
    /// returns before the browser has loaded the next page, so the address is asked again for a
    /// while (at most ten seconds) before the last one is returned for the test to judge.
    pub(super) fn url_when(&self, arrived: impl Fn(&str) -> bool) -> String {
        let mut url = self.url();
        for _ in 0..100 {
            if arrived(&url) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
            url = self.url();
        }
        url
    }

    pub(super) fn title(&self) -> String {
        self.call("GET", "/title", None)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// An element by CSS selector.
    pub(super) fn find(&self, css: &str) -> String {
        let v = self.call(
            "POST",
            "/element",
            Some(&json!({"using": "css selector", "value": css})),
        );
        v[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no element {css}: {v}"))
            .to_owned()
    }

    /// An element by the text of its link.
    pub(super) fn link(&self, text: &str) -> String {
        let v = self.call(
            "POST",
            "/element",
            Some(&json!({"using": "link text", "value": text})),
        );
        v[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no link «{text}»: {v}"))
            .to_owned()
    }

    pub(super) fn click(&self, element: &str) {
        self.call(
            "POST",
            &format!("/element/{element}/click"),
            Some(&json!({})),
        );
    }

    pub(super) fn type_in(&self, element: &str, text: &str) {
        self.call(
            "POST",
            &format!("/element/{element}/value"),
            Some(&json!({ "text": text })),
        );
    }

    pub(super) fn text(&self, element: &str) -> String {
        self.call("GET", &format!("/element/{element}/text"), None)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// The page's source as the browser holds it.
    pub(super) fn source(&self) -> String {
        self.call("GET", "/source", None)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// The browser console's messages since the last call (chromedriver's log).
    pub(super) fn console(&self) -> Vec<String> {
        let (ok, v) = command(
            self.port,
            "POST",
            &format!("{}/se/log", self.path),
            Some(&json!({"type": "browser"})),
        );
        if !ok {
            return Vec::new();
        }
        v.as_array()
            .map(|a| {
                a.iter()
                    .map(|e| e["message"].as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A PNG of the window, written to `to`.
    pub(super) fn screenshot(&self, to: &Path) {
        let v = self.call("GET", "/screenshot", None);
        let png = base64::engine::general_purpose::STANDARD
            .decode(v.as_str().unwrap_or_default())
            .unwrap_or_else(|e| panic!("screenshot: {e}"));
        assert!(png.starts_with(b"\x89PNG"), "not a PNG");
        if let Some(d) = to.parent() {
            std::fs::create_dir_all(d).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(to, png).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
    }

    /// Resize the window.
    pub(super) fn resize(&self, width: u32, height: u32) {
        self.call(
            "POST",
            "/window/rect",
            Some(&json!({"width": width, "height": height})),
        );
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // ends Chromium; chromedriver is killed after
        let _ = command(self.port, "DELETE", &self.path, None);
        let _ = self.profile.path();
    }
}
