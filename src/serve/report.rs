//! The report page and the downloads, made by the commands themselves, in process: the page is
//! the same HTML as `moc report --format html` (with a bar of links added on top), the Word
//! document is `moc report --format docx`, the Excel table `moc status --format xlsx`, the
//! calendar `moc calendar`.

use std::path::{Path, PathBuf};

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::html;
use serde::Deserialize;

use super::pages::{self, plan_url, seg};
use super::security;
use crate::app::{CommandError, Ctx, Exit, Io};
use crate::commands::args::{FilterArgs, ListFormat, PlanArgs};
use crate::i18n::Lang;

/// Which period a report covers: the year, a half or a quarter.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct ReportQuery {
    pub(crate) half: Option<u32>,
    pub(crate) quarter: Option<u32>,
}

/// What can be downloaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Download {
    ReportHtml,
    ReportDocx,
    StatusXlsx,
    Calendar,
}

impl Download {
    fn content_type(self) -> &'static str {
        match self {
            Download::ReportHtml => "text/html; charset=utf-8",
            Download::ReportDocx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Download::StatusXlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            Download::Calendar => "text/calendar; charset=utf-8",
        }
    }

    /// The file's name: the plan's id (its folders joined by «-») and what it is.
    fn file_name(self, id: &str, lang: Lang) -> String {
        let base = id.replace('/', "-");
        match self {
            Download::ReportHtml => format!("{}-{base}.html", lang.pick("отчёт", "report")),
            Download::ReportDocx => format!("{}-{base}.docx", lang.pick("отчёт", "report")),
            Download::StatusXlsx => format!("{}-{base}.xlsx", lang.pick("состояние", "status")),
            Download::Calendar => format!("{base}.ics"),
        }
    }
}

/// Run one command in process on its own buffers: what it wrote, or its error as it would show.
fn run_command(
    ctx: &Ctx,
    f: impl FnOnce(&Ctx, &mut Io<'_>) -> Result<Exit, CommandError>,
) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let result = {
        let mut io = Io {
            out: &mut out,
            err: &mut err,
        };
        f(ctx, &mut io)
    };
    match result {
        Ok(_) if !out.is_empty() => Ok(out),
        Ok(_) => Err(String::from_utf8_lossy(&err).into_owned()),
        Err(e) => {
            e.render(ctx.lang, false, &mut err);
            Err(String::from_utf8_lossy(&err).into_owned())
        }
    }
}

fn report_args(
    path: &Path,
    q: &ReportQuery,
    format: crate::commands::report::Format,
) -> crate::commands::report::Args {
    crate::commands::report::Args {
        paths: vec![path.to_path_buf()],
        output: None,
        quarter: q.quarter.filter(|n| (1..=4).contains(n)),
        half: q
            .half
            .filter(|n| (1..=2).contains(n))
            .filter(|_| q.quarter.is_none()),
        month: None,
        from: None,
        to: None,
        format: Some(format),
        plans: PlanArgs::default(),
        no_footer: false,
        no_approval: false,
    }
}

/// The bytes of a download.
pub(crate) fn download(
    what: Download,
    path: &Path,
    q: &ReportQuery,
    ctx: &Ctx,
) -> Result<Vec<u8>, String> {
    use crate::commands::report::Format;
    let paths: Vec<PathBuf> = vec![path.to_path_buf()];
    match what {
        Download::ReportHtml => run_command(ctx, |c, io| {
            crate::commands::report::run(&report_args(path, q, Format::Html), c, io)
        }),
        Download::ReportDocx => run_command(ctx, |c, io| {
            crate::commands::report::run(&report_args(path, q, Format::Docx), c, io)
        }),
        Download::StatusXlsx => {
            let args = crate::commands::status::Args {
                paths,
                filter: FilterArgs::default(),
                format: Some(ListFormat::Xlsx),
                output: None,
                detail: false,
                soon: 14,
            };
            run_command(ctx, |c, io| crate::commands::status::run(&args, c, io))
        }
        Download::Calendar => {
            let args = crate::commands::calendar::Args {
                paths,
                filter: FilterArgs::default(),
                output: None,
                remind: crate::commands::calendar::REMIND_DAYS,
            };
            run_command(ctx, |c, io| crate::commands::calendar::run(&args, c, io))
        }
    }
}

/// A download as a reply: the file, named.
pub(crate) fn file_response(what: Download, id: &str, bytes: Vec<u8>, lang: Lang) -> Response {
    let name = what.file_name(id, lang);
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-._".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        seg(&name)
    );
    let mut resp = (StatusCode::OK, bytes).into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(what.content_type()),
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    resp
}

/// `/plan/<id>/report`: the report's page with a bar of links on top, under a policy that allows
/// the page's own styles by their hashes.
pub(crate) fn page(id: &str, path: &Path, q: &ReportQuery, ctx: &Ctx) -> Response {
    let lang = ctx.lang;
    let html = match download(Download::ReportHtml, path, q, ctx) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) => {
            let body = html! {
                h1 { (lang.pick("Отчёт не построен", "The report could not be made")) }
                pre.findings { (e) }
                p { a href=(plan_url(id)) { (lang.pick("← к плану", "← to the plan")) } }
            };
            let page = pages::layout(
                lang,
                lang.pick("Отчёт", "Report"),
                &pages::crumbs_plan(id, id),
                Some(ctx.as_of),
                &body,
            );
            return (StatusCode::UNPROCESSABLE_ENTITY, page).into_response();
        }
    };
    let period = match (q.half, q.quarter) {
        (_, Some(n)) => format!("?quarter={n}"),
        (Some(n), None) => format!("?half={n}"),
        _ => String::new(),
    };
    let base = plan_url(id);
    let periods: Vec<(String, String)> =
        std::iter::once((String::new(), lang.pick("за год", "the year").to_owned()))
            .chain((1..=2).map(|n| {
                (
                    format!("?half={n}"),
                    match (lang, n) {
                        (Lang::Ru, 1) => "I полугодие".to_owned(),
                        (Lang::Ru, _) => "II полугодие".to_owned(),
                        (Lang::En, n) => format!("half {n}"),
                    },
                )
            }))
            .chain((1..=4).map(|n| {
                (
                    format!("?quarter={n}"),
                    match lang {
                        Lang::Ru => format!("{n} квартал"),
                        Lang::En => format!("quarter {n}"),
                    },
                )
            }))
            .collect();
    let bar = html! {
        nav.moc-bar aria-label=(lang.pick("Отчёт", "Report")) {
            a href=(base) { (lang.pick("← к плану", "← to the plan")) }
            span.moc-group {
                (lang.pick("Период: ", "Period: "))
                @for (p, label) in &periods {
                    a href={ (base) "/report" (p) } aria-current=[(p == &period).then_some("true")] { (label) } " "
                }
            }
            span.moc-group {
                (lang.pick("Скачать: ", "Download: "))
                a href={ (base) "/report.docx" (period) } download { "Word" } " · "
                a href={ (base) "/status.xlsx" } download { "Excel" } " · "
                a href={ (base) "/calendar.ics" } download { (lang.pick("календарь", "calendar")) } " · "
                a href={ (base) "/report.html" (period) } download { "HTML" }
            }
        }
    };
    let mut page = html;
    if let Some(i) = page.find("</head>") {
        page.insert_str(
            i,
            "<link rel=\"stylesheet\" href=\"/assets/report-bar.css\">\n",
        );
    }
    if let Some(i) = page.find("<body>") {
        page.insert_str(i + "<body>".len(), &format!("\n{}", bar.into_string()));
    }
    let csp = security::report_csp(&page);
    let mut resp = (StatusCode::OK, maud::PreEscaped(page)).into_response();
    resp.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_str(&csp).unwrap_or_else(|_| HeaderValue::from_static(security::CSP)),
    );
    resp
}
