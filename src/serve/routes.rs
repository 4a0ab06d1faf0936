//! The URLs and their handlers. Each handler runs its blocking work (reading plans, editing,
//! git) on tokio's blocking threads, so one slow request does not hold the others.
//!
//! ```text
//! GET  /                                   the plans (index)
//! GET  /plan/<id>                          a plan: table by section, filters
//! GET  /plan/<id>/item/<number>            an item: details, history, forms
//! POST /plan/<id>/item/<number>/<verb>     an edit: done start partly progress note postpone cancel reopen
//! GET  /plan/<id>/report                   the report page; .html .docx, status.xlsx, calendar.ics
//! GET  /assets/style.css, report-bar.css, favicon.svg (and /favicon.ico)
//! ```

use std::collections::VecDeque;
use std::sync::Mutex;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use tower_http::csrf::CsrfLayer;
use tower_http::limit::RequestBodyLimitLayer;

use super::forms::{self, Fields, Refusal, Verb};
use super::item::{self, ItemPage};
use super::pages::{self, PlanQuery};
use super::report::{self, Download, ReportQuery};
use super::store::{Loaded, Missing};
use super::{App, security};
use crate::app::Ctx;
use crate::commands::edit::{self, Target};
use crate::tr;

/// The largest form accepted (a result or a reason is a few lines).
const BODY_LIMIT: usize = 64 * 1024;

const STYLE: &str = include_str!("assets/style.css");
const REPORT_BAR: &str = include_str!("assets/report-bar.css");
const FAVICON: &str = include_str!("assets/favicon.svg");

/// The server's routes and layers.
pub(crate) fn router(app: App) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/assets/style.css", get(|| async { css(STYLE) }))
        .route("/assets/report-bar.css", get(|| async { css(REPORT_BAR) }))
        .route("/assets/favicon.svg", get(|| async { icon() }))
        .route("/favicon.ico", get(|| async { icon() }))
        .route("/plan/{id}", get(plan))
        .route("/plan/{id}/report", get(report_page))
        .route(
            "/plan/{id}/report.html",
            get(|s, p, q| file(s, p, q, Download::ReportHtml)),
        )
        .route(
            "/plan/{id}/report.docx",
            get(|s, p, q| file(s, p, q, Download::ReportDocx)),
        )
        .route(
            "/plan/{id}/status.xlsx",
            get(|s, p, q| file(s, p, q, Download::StatusXlsx)),
        )
        .route(
            "/plan/{id}/calendar.ics",
            get(|s, p, q| file(s, p, q, Download::Calendar)),
        )
        .route("/plan/{id}/item/{number}", get(item_page))
        .route("/plan/{id}/item/{number}/{verb}", post(edit_item))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        // a POST from another origin (another site, another port of this computer) is refused
        // before any handler: Sec-Fetch-Site / Origin against Host
        .layer(CsrfLayer::new())
        .layer(middleware::from_fn_with_state(app.clone(), csrf_cookie))
        .layer(middleware::from_fn_with_state(app.clone(), security::guard))
        .layer(middleware::from_fn(security::headers))
        .with_state(app)
}

fn css(text: &'static str) -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], text).into_response()
}

fn icon() -> Response {
    ([(header::CONTENT_TYPE, "image/svg+xml")], FAVICON).into_response()
}

/// Every page sets the cookie its forms' token is checked against.
async fn csrf_cookie(State(app): State<App>, req: Request, next: Next) -> Response {
    let get = req.method() == Method::GET;
    let mut resp = next.run(req).await;
    if get {
        let name = security::cookie_name("moc_csrf", app.port);
        resp.headers_mut()
            .append(header::SET_COOKIE, security::set_cookie(&name, &app.csrf));
    }
    resp
}

/// Run blocking work off the server's thread.
async fn blocking(f: impl FnOnce() -> Response + Send + 'static) -> Response {
    tokio::task::spawn_blocking(f)
        .await
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

async fn not_found(State(app): State<App>) -> Response {
    let lang = app.lang();
    missing(&Missing::NoSuchPlan, lang, StatusCode::NOT_FOUND)
}

/// A page for what is not there.
fn missing(m: &Missing, lang: crate::i18n::Lang, status: StatusCode) -> Response {
    let (title, text) = match m {
        Missing::NoSuchPlan => (
            lang.pick("Не найдено", "Not found"),
            lang.pick(
                "Такой страницы нет: план или мероприятие не найдены в папке plans/.",
                "There is no such page: the plan or item is not in plans/.",
            )
            .to_owned(),
        ),
        Missing::Unreadable(m) => (
            lang.pick("План не читается", "The plan cannot be read"),
            m.clone(),
        ),
    };
    let status = match m {
        Missing::NoSuchPlan => status,
        Missing::Unreadable(_) => StatusCode::UNPROCESSABLE_ENTITY,
    };
    (status, pages::message_page(title, &text, lang)).into_response()
}

async fn index(State(app): State<App>) -> Response {
    blocking(move || {
        let ctx = app.ctx();
        let index = app.store.index(&ctx);
        pages::index(&index, ctx.settings.name.as_deref(), ctx.as_of, ctx.lang).into_response()
    })
    .await
}

async fn plan(
    State(app): State<App>,
    Path(id): Path<String>,
    Query(q): Query<PlanQuery>,
) -> Response {
    blocking(move || {
        let ctx = app.ctx();
        match app.store.plan(&id, &ctx) {
            Ok(l) => {
                let saved = q
                    .saved
                    .as_deref()
                    .and_then(|n| n.parse().ok())
                    .and_then(|n| app.flash(n));
                pages::plan(&l, &q, saved.as_deref(), ctx.as_of, ctx.lang).into_response()
            }
            Err(m) => missing(&m, ctx.lang, StatusCode::NOT_FOUND),
        }
    })
    .await
}

async fn report_page(
    State(app): State<App>,
    Path(id): Path<String>,
    Query(q): Query<ReportQuery>,
) -> Response {
    blocking(move || {
        let ctx = app.ctx();
        match app.store.path_of(&id, &ctx) {
            Some(path) => report::page(&id, &path, &q, &ctx),
            None => missing(&Missing::NoSuchPlan, ctx.lang, StatusCode::NOT_FOUND),
        }
    })
    .await
}

async fn file(
    State(app): State<App>,
    Path(id): Path<String>,
    Query(q): Query<ReportQuery>,
    what: Download,
) -> Response {
    blocking(move || {
        let ctx = app.ctx();
        let Some(path) = app.store.path_of(&id, &ctx) else {
            return missing(&Missing::NoSuchPlan, ctx.lang, StatusCode::NOT_FOUND);
        };
        match report::download(what, &path, &q, &ctx) {
            Ok(bytes) => report::file_response(what, &id, bytes, ctx.lang),
            Err(e) => {
                let title = ctx
                    .lang
                    .pick("Файл не построен", "The file could not be made");
                (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    pages::message_page(title, &e, ctx.lang),
                )
                    .into_response()
            }
        }
    })
    .await
}

/// Which item: `?section=` when its number repeats in the plan.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct ItemQuery {
    pub(crate) section: Option<String>,
}

fn target(number: &str, q: &ItemQuery) -> Target {
    Target {
        id: number.to_owned(),
        plan: None,
        in_section: q.section.clone().filter(|s| !s.is_empty()),
        // the plan is known: its year does not choose among files
        year: None,
        dry_run: false,
    }
}

/// The item's page for a plan read: 404 when the item is not in it.
fn render_item(
    app: &App,
    ctx: &Ctx,
    l: &Loaded,
    target: &Target,
    refusal: Option<&Refusal>,
    status: StatusCode,
) -> Response {
    let Some(plan) = &l.checked.plan else {
        return missing(&Missing::NoSuchPlan, ctx.lang, StatusCode::NOT_FOUND);
    };
    let Ok((si, ii)) = edit::position(plan, target, ctx.lang) else {
        return missing(&Missing::NoSuchPlan, ctx.lang, StatusCode::NOT_FOUND);
    };
    let number = plan.sections[si].items[ii].number.clone();
    let page = ItemPage {
        loaded: l,
        section: si,
        item: ii,
        history: history(&l.path, &number, ctx),
        refusal,
        csrf: &app.csrf,
        as_of: ctx.as_of,
        lang: ctx.lang,
    };
    (status, item::page(&page)).into_response()
}

/// An item's history in git, as `moc log` tells it.
fn history(
    path: &std::path::Path,
    number: &crate::model::Number,
    ctx: &Ctx,
) -> Result<Vec<crate::render::changes::LogEntry>, String> {
    let repo = crate::git::Repo::discover(&ctx.cwd).map_err(|e| e.message(ctx.lang))?;
    let rel = repo
        .relative(path, &ctx.cwd)
        .ok_or_else(|| crate::git::GitError::NotARepo.message(ctx.lang))?;
    let loader = crate::commands::loader(ctx);
    crate::commands::log::history(&repo, &rel, number, &loader, &ctx.shown(path))
        .map_err(|e| e.message(ctx.lang))
}

async fn item_page(
    State(app): State<App>,
    Path((id, number)): Path<(String, String)>,
    Query(q): Query<ItemQuery>,
) -> Response {
    blocking(move || {
        let ctx = app.ctx();
        match app.store.plan(&id, &ctx) {
            Ok(l) => render_item(&app, &ctx, &l, &target(&number, &q), None, StatusCode::OK),
            Err(m) => missing(&m, ctx.lang, StatusCode::NOT_FOUND),
        }
    })
    .await
}

/// A form posted: the CSRF token first (a form without it changes nothing), then the edit on the
/// version of the file the page was made from; 303 to the plan's page when it is written, the
/// item's page with the message beside the form when it is not.
async fn edit_item(
    State(app): State<App>,
    Path((id, number, verb)): Path<(String, String, String)>,
    Query(q): Query<ItemQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let lang = app.lang();
    let fields = Fields::parse(&body);
    if !security::csrf_ok(&app, &headers, fields.get("csrf")) {
        return security::refuse(
            StatusCode::FORBIDDEN,
            lang.pick(
                "Форма устарела или пришла не с этой страницы (нет верного токена csrf) — ничего не изменено. Обновите страницу и повторите.",
                "The form is stale or did not come from this page (no valid csrf token) — nothing is changed. Reload the page and try again.",
            ),
            &app,
        );
    }
    let Some(verb) = Verb::parse(&verb) else {
        return missing(&Missing::NoSuchPlan, lang, StatusCode::NOT_FOUND);
    };
    blocking(move || post_edit(&app, &id, &number, verb, &q, fields)).await
}

fn post_edit(
    app: &App,
    id: &str,
    number: &str,
    verb: Verb,
    q: &ItemQuery,
    fields: Fields,
) -> Response {
    let ctx = app.ctx();
    let lang = ctx.lang;
    let Some(path) = app.store.path_of(id, &ctx) else {
        return missing(&Missing::NoSuchPlan, lang, StatusCode::NOT_FOUND);
    };
    let target = target(number, q);
    let version = fields.get("version").unwrap_or_default().to_owned();
    let result = if version.is_empty() {
        Err(crate::app::CommandError::user(lang.pick(
            "в форме нет версии файла — обновите страницу и повторите",
            "the form carries no version of the file — reload the page and try again",
        )))
    } else {
        forms::apply(&path, &target, verb, &fields, &version, &ctx)
    };
    match result {
        Ok(edited) => {
            let line = match &edited {
                Some(e) => e.line.clone(),
                None => tr!(
                    lang,
                    "{number}: ничего не изменилось",
                    "{number}: nothing changed"
                ),
            };
            let mut shown = line.clone();
            if edited.is_some() {
                app.say(format!("{}: {line}", ctx.shown(&path)));
                if app.commit {
                    let message = forms::commit_message(number, verb, &fields, lang);
                    match forms::commit(&path, &message, &ctx) {
                        Ok(hash) => {
                            app.say(tr!(
                                lang,
                                "  коммит {hash}: {message}",
                                "  commit {hash}: {message}"
                            ));
                            shown.push_str(&tr!(lang, " (коммит {hash})", " (commit {hash})"));
                        }
                        Err(e) => {
                            app.say(tr!(lang, "  коммит не сделан: {e}", "  no commit: {e}"));
                            shown.push_str(&tr!(
                                lang,
                                " — но коммит git не сделан: {e}",
                                " — but no git commit was made: {e}"
                            ));
                        }
                    }
                }
            }
            let n = app.remember(shown);
            let section = q.section.as_deref().filter(|s| !s.is_empty());
            let to = format!(
                "{}?saved={n}#{}",
                pages::plan_url(id),
                pages::anchor(number, section)
            );
            Redirect::to(&to).into_response()
        }
        Err(e) => {
            let mut message = Vec::new();
            e.render(lang, false, &mut message);
            let message = String::from_utf8_lossy(&message).into_owned();
            let now = std::fs::read(&path)
                .map(|b| edit::version(&b))
                .unwrap_or_default();
            let status = if now != version && !version.is_empty() {
                StatusCode::CONFLICT
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            let mut typed = fields;
            typed.0.remove("csrf");
            typed.0.remove("version");
            let refusal = Refusal {
                verb,
                message,
                typed,
            };
            match app.store.plan(id, &ctx) {
                Ok(l) => render_item(app, &ctx, &l, &target, Some(&refusal), status),
                Err(m) => missing(&m, lang, StatusCode::NOT_FOUND),
            }
        }
    }
}

/// The lines of the edits just made, shown once on the page the browser is sent to.
#[derive(Default)]
pub(crate) struct Flashes {
    next: u64,
    lines: VecDeque<(u64, String)>,
}

impl App {
    /// Keep a line to show; its number.
    fn remember(&self, line: String) -> u64 {
        let mut f = self
            .flashes
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f.next += 1;
        let n = f.next;
        f.lines.push_back((n, line));
        while f.lines.len() > 64 {
            f.lines.pop_front();
        }
        n
    }

    /// A line kept.
    fn flash(&self, n: u64) -> Option<String> {
        let f = self
            .flashes
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f.lines
            .iter()
            .find(|(m, _)| *m == n)
            .map(|(_, l)| l.clone())
    }
}

/// For [`super::Shared`].
pub(crate) fn flashes() -> Mutex<Flashes> {
    Mutex::new(Flashes::default())
}
