//! The server's routes in process: each request through the whole router (its layers included)
//! with `tower::ServiceExt::oneshot`, on plans in a temporary folder, at a fixed as-of date.
//! Here the fixture and the pages; the edits in [`edits`], the guards in [`guards`].

mod edits;
mod guards;

use std::path::{Path, PathBuf};

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use chrono::NaiveDate;
use tower::ServiceExt;

use super::{App, Setup, Shared, router, security};
use crate::app::Ctx;
use crate::i18n::Lang;

const SEED: &str = include_str!("../../../plans/mosalsk-2026.toml");
const SAYANSK: &str = include_str!("../../../plans/sayansk-2026.toml");
const HOST: &str = "127.0.0.1:8080";
const TOKEN: &str = "0123456789abcdef0123456789abcdef";

/// A server over plans in a temporary folder.
struct Fixture {
    dir: tempfile::TempDir,
    app: App,
    router: Router,
    rt: tokio::runtime::Runtime,
}

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Reply {
    fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
}

#[derive(Clone, Copy, Default)]
struct Options {
    lang: Option<Lang>,
    token: Option<&'static str>,
    commit: bool,
    scope: Option<&'static str>,
}

fn fixture(files: &[(&str, &str)]) -> Fixture {
    fixture_with(files, Options::default())
}

fn fixture_with(files: &[(&str, &str)], o: Options) -> Fixture {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for (name, text) in files {
        let p = dir.path().join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(&p, text).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::create_dir_all(dir.path().join("plans")).unwrap_or_else(|e| panic!("{e}"));
    if o.commit {
        init_repo(dir.path());
    }
    let cwd = std::fs::canonicalize(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    // as `moc serve` run in a terminal: colour on, standard output a terminal, the process to end
    let term = crate::app::ctx::Term {
        color: true,
        err_color: true,
        tty: true,
        width: Some(80),
    };
    let mut ctx = Ctx::new(
        o.lang.unwrap_or(Lang::Ru),
        Some(date("2026-10-01")),
        cwd.clone(),
        term,
    );
    ctx.exiting = true;
    let plans_dir = cwd.join("plans");
    let scope = o.scope.map_or_else(|| plans_dir.clone(), |s| cwd.join(s));
    let setup = Setup {
        ctx,
        plans_dir,
        scope,
        bound: std::net::IpAddr::from([127, 0, 0, 1]),
        port: 8080,
        token: o.token.map(str::to_owned),
        commit: o.commit,
    };
    let app = App::new(Shared::new(setup, None).unwrap_or_else(|e| panic!("{e}")));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    Fixture {
        dir,
        router: router(app.clone()),
        app,
        rt,
    }
}

/// git in `dir`, apart from the user's configuration, with an identity of its own.
fn git(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("LC_ALL", "C")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("git: {e}"));
    assert!(out.status.success(), "git {args:?}: {out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn init_repo(dir: &Path) {
    git(dir, &["init", "-q", "-b", "main"]);
    for (k, v) in [
        ("user.name", "Методист"),
        ("user.email", "metodist@example.ru"),
        ("commit.gpgsign", "false"),
        ("core.hooksPath", "/dev/null"),
    ] {
        git(dir, &["config", k, v]);
    }
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "план"]);
}

impl Fixture {
    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    fn send(&self, req: Request<Body>) -> Reply {
        self.rt.block_on(async {
            let resp = self
                .router
                .clone()
                .oneshot(req)
                .await
                .unwrap_or_else(|e| match e {});
            let status = resp.status();
            let headers = resp.headers().clone();
            let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
                .await
                .unwrap_or_default();
            Reply {
                status,
                headers,
                body: String::from_utf8_lossy(&bytes).into_owned(),
            }
        })
    }

    fn get(&self, uri: &str) -> Reply {
        self.get_as(uri, HOST, None)
    }

    fn get_as(&self, uri: &str, host: &str, cookie: Option<&str>) -> Reply {
        let mut b = Request::get(uri).header(header::HOST, host);
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        self.send(b.body(Body::empty()).unwrap_or_default())
    }

    fn csrf_cookie(&self) -> String {
        format!("moc_csrf_8080={}", self.app.csrf)
    }

    /// A form posted as a browser posts it, with the server's token and cookie.
    fn post(&self, uri: &str, fields: &[(&str, &str)]) -> Reply {
        let mut all = vec![("csrf", self.app.csrf.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(uri, &encode(&all), Some(&self.csrf_cookie()), &[])
    }

    fn post_raw(
        &self,
        uri: &str,
        body: &str,
        cookie: Option<&str>,
        extra: &[(&str, &str)],
    ) -> Reply {
        let mut b = Request::post(uri)
            .header(header::HOST, HOST)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        for (k, v) in extra {
            b = b.header(*k, *v);
        }
        self.send(b.body(Body::from(body.to_owned())).unwrap_or_default())
    }

    /// The version an item's page puts in its forms.
    fn version(&self, item_uri: &str) -> String {
        let page = self.get(item_uri).body;
        let at = page
            .find("name=\"version\" value=\"")
            .unwrap_or_else(|| panic!("no version in {page}"));
        page[at + 22..at + 38].to_owned()
    }
}

fn encode(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{k}={}", super::pages::seg(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn seed() -> Fixture {
    fixture(&[
        ("plans/mosalsk-2026.toml", SEED),
        ("plans/sayansk-2026.toml", SAYANSK),
    ])
}

const ITEM: &str = "/plan/mosalsk-2026/item/1.4";

#[test]
fn the_index_lists_the_plans_with_the_regions_summary() {
    let f = seed();
    let r = f.get("/");
    assert_eq!(r.status, StatusCode::OK);
    for text in [
        "<html lang=\"ru\">",
        "Мосальский муниципальный округ",
        "href=\"/plan/mosalsk-2026\"",
        "город Саянск",
        "Итог: 2 плана",
        "45 мероприятий",
        "на 1 октября 2026 г.",
    ] {
        assert!(r.body.contains(text), "{text} not in {}", r.body);
    }
    let csp = r.headers.get(header::CONTENT_SECURITY_POLICY);
    assert_eq!(csp.and_then(|v| v.to_str().ok()), Some(security::CSP));
    assert_eq!(
        r.headers
            .get(header::X_CONTENT_TYPE_OPTIONS)
            .and_then(|v| v.to_str().ok()),
        Some("nosniff")
    );
    let cookie = r
        .headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(cookie.starts_with("moc_csrf_8080=") && cookie.contains("HttpOnly"));
    // the stylesheet is the server's own
    let css = f.get("/assets/style.css");
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.body.contains(".st-overdue"));
}

#[test]
fn one_plan_has_no_regions_summary_and_english_is_english() {
    let f = fixture_with(
        &[("plans/mosalsk-2026.toml", SEED)],
        Options {
            lang: Some(Lang::En),
            ..Options::default()
        },
    );
    let r = f.get("/");
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("<html lang=\"en\">") && r.body.contains("Municipality"));
    assert!(!r.body.contains("Together"));
    let p = f.get("/plan/mosalsk-2026");
    assert!(p.body.contains("overdue") && p.body.contains("Responsible"));
}

#[test]
fn the_plans_page_is_a_table_by_section_with_filters_as_links() {
    let f = seed();
    let r = f.get("/plan/mosalsk-2026");
    assert_eq!(r.status, StatusCode::OK);
    for text in [
        "<h1>Мосальский муниципальный округ</h1>",
        "Мероприятия по обеспечению деятельности",
        "href=\"/plan/mosalsk-2026/item/1.4\"",
        "Формирование банка данных программ.",
        "сентябрь 2026г",
        "class=\"st st-overdue\">просрочено</span>",
        "href=\"/plan/mosalsk-2026?responsible=%D0%BC%D0%B5%D1%82%D0%BE%D0%B4%D0%B8%D1%81%D1%82\"",
        "href=\"/plan/mosalsk-2026?state=overdue\"",
        "href=\"/plan/mosalsk-2026?month=2026-09\"",
        "href=\"/plan/mosalsk-2026?order=overdue\"",
        "href=\"/plan/mosalsk-2026/report\"",
        // «2.2.» in the plan, «2.2» in its address
        "href=\"/plan/mosalsk-2026/item/2.2\"",
    ] {
        assert!(r.body.contains(text), "{text} not on the page");
    }

    let only =
        f.get("/plan/mosalsk-2026?responsible=%D0%BC%D0%B5%D1%82%D0%BE%D0%B4%D0%B8%D1%81%D1%82");
    assert!(only.body.contains("Формирование банка данных программ."));
    // 1.3 is the head's alone
    assert!(!only.body.contains("Промежуточные итоги"));
    assert!(only.body.contains("aria-current=\"true\">методист</a>"));

    let overdue = f.get("/plan/mosalsk-2026?state=overdue");
    assert!(overdue.body.contains("Промежуточные итоги"));
    assert!(!overdue.body.contains("class=\"st st-year_round\""));

    let september = f.get("/plan/mosalsk-2026?month=2026-09");
    assert!(
        september
            .body
            .contains("Формирование банка данных программ.")
    );
    assert!(!september.body.contains("Промежуточные итоги"));

    let first = f.get("/plan/mosalsk-2026?order=overdue").body;
    let late = first.find("<h2>Просрочено</h2>").unwrap_or(usize::MAX);
    let rest = first.find("Остальное по разделам").unwrap_or(0);
    assert!(late < rest, "overdue first");

    let wrong = f.get("/plan/mosalsk-2026?responsible=%D0%BC%D0%B5%D1%82%D0%BE%D0%B4%D0%B8%D1%81");
    assert!(
        wrong
            .body
            .contains("ответственного «методис» нет ни в одном плане"),
        "{}",
        wrong.body
    );
}

#[test]
fn the_items_page_shows_the_deadline_as_understood_and_the_forms() {
    let f = seed();
    let r = f.get(ITEM);
    assert_eq!(r.status, StatusCode::OK);
    for text in [
        "1.4 Формирование банка данных программ.",
        "Срок, как его понимает moc",
        "01.09.2026 – 30.09.2026",
        "30.09.2026",
        "просрочено",
        "Ход работы",
        "История (git)",
        &format!("name=\"csrf\" value=\"{}\"", f.app.csrf),
        "action=\"/plan/mosalsk-2026/item/1.4/done\"",
        "action=\"/plan/mosalsk-2026/item/1.4/start\"",
        "action=\"/plan/mosalsk-2026/item/1.4/partly\"",
        "action=\"/plan/mosalsk-2026/item/1.4/progress\"",
        "action=\"/plan/mosalsk-2026/item/1.4/postpone\"",
        "action=\"/plan/mosalsk-2026/item/1.4/cancel\"",
        "name=\"result\"",
        "name=\"date\"",
        "name=\"text\"",
        "name=\"deadline\"",
        "name=\"reason\"",
        "value=\"2026-10-01\"",
    ] {
        assert!(r.body.contains(text), "{text} not on the page");
    }
    // not in a repository: said, not failed
    assert!(r.body.contains("нет репозитория git"));
    assert_eq!(
        f.get("/plan/mosalsk-2026/item/9.9").status,
        StatusCode::NOT_FOUND
    );
    // a monthly item lists its periods, the missed ones marked
    let monthly = f.get("/plan/mosalsk-2026/item/1.8").body;
    assert!(monthly.contains("Периоды (12)") && monthly.contains("пропущено"));
}

#[test]
fn the_report_page_and_the_downloads() {
    let f = seed();
    let r = f.get("/plan/mosalsk-2026/report");
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Отчёт о деятельности"));
    assert!(r.body.contains("href=\"/plan/mosalsk-2026/report.docx\""));
    assert!(r.body.contains("href=\"/plan/mosalsk-2026/status.xlsx\""));
    assert!(r.body.contains("href=\"/plan/mosalsk-2026/calendar.ics\""));
    let csp = r
        .headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        csp.starts_with("default-src 'none'; style-src 'self' 'unsafe-hashes' 'sha256-"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe-inline") && !csp.contains("script"));
    // the page is the report's HTML with the bar added
    let html = f.get("/plan/mosalsk-2026/report.html");
    assert_eq!(html.status, StatusCode::OK);
    assert!(
        html.headers
            .get(header::CONTENT_DISPOSITION)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|d| d.starts_with("attachment; filename=\""))
    );
    let body_of = |s: &str| s[s.find("<main>").unwrap_or(0)..].to_owned();
    assert_eq!(body_of(&r.body), body_of(&html.body));
    let half = f.get("/plan/mosalsk-2026/report?half=1");
    assert!(half.body.contains("aria-current=\"true\">I полугодие</a>"));

    #[cfg(feature = "docx")]
    assert!(
        f.get("/plan/mosalsk-2026/report.docx")
            .body
            .starts_with("PK")
    );
    #[cfg(feature = "xlsx")]
    assert!(
        f.get("/plan/mosalsk-2026/status.xlsx")
            .body
            .starts_with("PK")
    );
    #[cfg(feature = "ics")]
    assert!(
        f.get("/plan/mosalsk-2026/calendar.ics")
            .body
            .starts_with("BEGIN:VCALENDAR")
    );
    assert_eq!(f.get("/plan/nope/report").status, StatusCode::NOT_FOUND);
}

#[test]
fn an_edit_in_an_editor_shows_on_reload() {
    let f = seed();
    let file = "plans/mosalsk-2026.toml";
    assert!(
        f.get("/plan/mosalsk-2026")
            .body
            .contains("Формирование банка данных программ.")
    );
    assert!(f.get("/").body.contains("Мосальский муниципальный округ"));
    let text = f
        .read(file)
        .replace(
            "Формирование банка данных программ.",
            "Банк программ: обновлён",
        )
        .replace("Мосальский муниципальный округ", "Мосальский округ");
    std::fs::write(f.path(file), text).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        f.get("/plan/mosalsk-2026")
            .body
            .contains("Банк программ: обновлён")
    );
    assert!(f.get("/").body.contains("Мосальский округ</a>"));
    // a new plan shows, a removed one goes
    std::fs::remove_file(f.path("plans/sayansk-2026.toml")).unwrap_or_else(|e| panic!("{e}"));
    assert!(!f.get("/").body.contains("город Саянск"));
    assert_eq!(f.get("/plan/sayansk-2026").status, StatusCode::NOT_FOUND);
}

#[test]
fn plan_text_is_escaped_everywhere() {
    let hostile = SEED
        .replace(
            "Формирование банка данных программ.",
            "<script>alert(1)</script> & \\\"quotes\\\" 'x'",
        )
        .replace(
            "Мосальский муниципальный округ",
            "<img src=x onerror=alert(1)>",
        );
    let f = fixture(&[("plans/mosalsk-2026.toml", &hostile)]);
    for uri in ["/", "/plan/mosalsk-2026", ITEM, "/plan/mosalsk-2026/report"] {
        let r = f.get(uri);
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        assert!(
            !r.body.contains("<script>") && !r.body.contains("<img"),
            "{uri}"
        );
    }
    assert!(
        f.get(ITEM)
            .body
            .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;")
    );
}

#[test]
fn a_plan_that_does_not_parse_is_shown_with_its_findings() {
    let f = fixture(&[("plans/broken.toml", "[plan\ntitle = \"x\"\n")]);
    let index = f.get("/").body;
    assert!(index.contains("файл не разбирается"), "{index}");
    let r = f.get("/plan/broken");
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Файл плана не разбирается"));
}

#[test]
fn unknown_verbs_and_pages_are_not_found() {
    let f = seed();
    let v = f.version(ITEM);
    assert_eq!(
        f.post(&format!("{ITEM}/delete"), &[("version", &v)]).status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(f.get("/nope").status, StatusCode::NOT_FOUND);
    assert_eq!(f.get("/plan/nope").status, StatusCode::NOT_FOUND);
    assert!(f.get("/plan/nope").body.contains("Такой страницы нет"));
    assert_eq!(
        f.get(&format!("{ITEM}/done")).status,
        StatusCode::METHOD_NOT_ALLOWED
    );
}

#[test]
fn a_path_given_serves_that_part_of_plans_only() {
    let f = fixture_with(
        &[
            ("plans/mosalsk-2026.toml", SEED),
            ("plans/sayansk-2026.toml", SAYANSK),
        ],
        Options {
            scope: Some("plans/mosalsk-2026.toml"),
            ..Options::default()
        },
    );
    assert!(!f.get("/").body.contains("город Саянск"));
    assert_eq!(f.get("/plan/sayansk-2026").status, StatusCode::NOT_FOUND);
    assert_eq!(f.get("/plan/mosalsk-2026").status, StatusCode::OK);
}
