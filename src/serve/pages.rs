//! The pages, as HTML made by maud (which escapes every value it is given): the frame every page
//! shares, the index of plans, and a plan's page — its table by section with filters as links.

use std::collections::HashSet;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use maud::{DOCTYPE, Markup, html};
use serde::Deserialize;

use super::store::{Index, Loaded};
use crate::evaluate::{State, Summary};
use crate::i18n::{self, Lang, plural};
use crate::model::Plan;
use crate::render::status::summary_line;
use crate::tr;
use crate::view::{self, Filter, NamesSeen, Row};

/// A value as one segment of a URL path: everything but `A-Z a-z 0-9 - . _ ~` percent-encoded
/// (a `/` in a plan's id too, and a space as `%20`).
pub(crate) fn seg(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The address of a plan's page.
pub(crate) fn plan_url(id: &str) -> String {
    format!("/plan/{}", seg(id))
}

/// The address of an item's page (with its section when its number repeats in the plan).
pub(crate) fn item_url(id: &str, number: &str, section: Option<&str>) -> String {
    let mut u = format!("/plan/{}/item/{}", seg(id), seg(number));
    if let Some(s) = section {
        u.push_str("?section=");
        u.push_str(&seg(s));
    }
    u
}

/// A link in the trail at the top of a page.
pub(crate) struct Crumb {
    pub(crate) href: String,
    pub(crate) label: String,
}

/// The frame of every page: the trail of links, the date the states are computed at, the body.
pub(crate) fn layout(
    lang: Lang,
    title: &str,
    crumbs: &[Crumb],
    as_of: Option<NaiveDate>,
    body: &Markup,
) -> Markup {
    let lang_code = match lang {
        Lang::Ru => "ru",
        Lang::En => "en",
    };
    html! {
        (DOCTYPE)
        html lang=(lang_code) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light";
                title { (title) " · moc" }
                link rel="stylesheet" href="/assets/style.css";
                link rel="icon" href="/assets/favicon.svg" type="image/svg+xml";
            }
            body {
                header.top {
                    nav.crumbs aria-label=(lang.pick("Навигация", "Navigation")) {
                        a.home href="/" { "moc" }
                        @for c in crumbs {
                            span.sep aria-hidden="true" { "/" }
                            a href=(c.href) { (c.label) }
                        }
                    }
                    @if let Some(d) = as_of {
                        span.asof title=(lang.pick("Состояния посчитаны на эту дату", "States are computed at this date")) {
                            (lang.pick("на ", "as of ")) (i18n::long_date(lang, d))
                        }
                    }
                }
                main { (body) }
                footer {
                    (lang.pick(
                        "moc serve · страница показывает файлы плана такими, какие они сейчас на диске",
                        "moc serve · the page shows the plan files as they are on disk now"
                    ))
                }
            }
        }
    }
}

/// A page with one message (a refusal, a plan not found).
pub(crate) fn message_page(title: &str, message: &str, lang: Lang) -> Markup {
    let body = html! {
        h1 { (title) }
        p.message { (message) }
        p { a href="/" { (lang.pick("← к списку планов", "← to the list of plans")) } }
    };
    layout(lang, title, &[], None, &body)
}

/// The state of an item as a badge: its words always, its colour besides.
pub(crate) fn state_badge(state: State, detail: Option<&str>, lang: Lang) -> Markup {
    html! {
        span class={ "st st-" (state.id()) } { (state.label(lang)) }
        @if let Some(d) = detail {
            " " span.detail { (d) }
        }
    }
}

/// The share done in words, or a dash.
fn share(lang: Lang, s: &Summary) -> String {
    s.share_done
        .map_or_else(|| "—".to_owned(), |x| i18n::percent(lang, x))
}

/// The figures of a summary as a row of cards, then the summary line.
fn summary_cards(s: &Summary, lang: Lang) -> Markup {
    html! {
        dl.cards {
            div { dt { (lang.pick("Мероприятий", "Items")) } dd { (s.items) } }
            div.c-done { dt { (lang.pick("Выполнено", "Done")) } dd { (s.done) } }
            div.c-partly { dt { (lang.pick("Частично", "Partly")) } dd { (s.partly_done) } }
            div.c-overdue { dt { (lang.pick("Просрочено", "Overdue")) } dd { (s.overdue) } }
            div.c-soon { dt { (lang.pick("Скоро срок", "Due soon")) } dd { (s.due_soon) } }
            div { dt { (lang.pick("Выполнение", "Share done")) } dd { (share(lang, s)) } }
        }
        p.summary { (summary_line(s, lang)) }
    }
}

/// `/`: a row per plan, and the region's summary when there are several.
pub(crate) fn index(index: &Index, region: Option<&str>, as_of: NaiveDate, lang: Lang) -> Markup {
    let title = region.unwrap_or(lang.pick("Планы", "Plans"));
    let mut total = Summary::default();
    for r in &index.rows {
        total.add(&r.row.summary);
    }
    let body = html! {
        h1 { (title) }
        @if index.rows.len() > 1 {
            section.region aria-label=(lang.pick("Итог по всем планам", "All plans together")) {
                h2 {
                    (lang.pick("Итог: ", "Together: "))
                    (plural(lang, index.rows.len() as u64, ["план", "плана", "планов"], ["plan", "plans"]))
                }
                (summary_cards(&total, lang))
            }
        }
        @if index.rows.is_empty() && index.failures.is_empty() {
            p.message {
                (lang.pick(
                    "Планов не найдено. Новый план: moc init plans/план-2026.toml",
                    "No plans found. A new plan: moc init plans/plan-2026.toml"
                ))
            }
        }
        @if !index.rows.is_empty() {
            div.scroll {
                table.plans {
                    thead { tr {
                        th { (lang.pick("Муниципалитет", "Municipality")) }
                        th { (lang.pick("Год", "Year")) }
                        th.num { (lang.pick("Всего", "Items")) }
                        th.num { (lang.pick("Выполнено", "Done")) }
                        th.num { (lang.pick("Просрочено", "Overdue")) }
                        th.num { (lang.pick("Выполнение", "Share done")) }
                        th { (lang.pick("Файл", "File")) }
                    } }
                    tbody {
                        @for r in &index.rows {
                            @let p = &r.row;
                            tr {
                                td data-label=(lang.pick("Муниципалитет", "Municipality")) {
                                    a href=(plan_url(&r.id)) {
                                        @if p.name.is_empty() { (r.id) } @else { (p.name) }
                                    }
                                    @if !r.readable {
                                        " " span.warn { (lang.pick("файл не разбирается", "the file does not parse")) }
                                    } @else if p.errors > 0 {
                                        " " span.warn {
                                            (plural(lang, p.errors as u64, ["ошибка", "ошибки", "ошибок"], ["error", "errors"]))
                                        }
                                    }
                                }
                                td data-label=(lang.pick("Год", "Year")) { (p.year) }
                                td.num data-label=(lang.pick("Всего", "Items")) { (p.summary.items) }
                                td.num data-label=(lang.pick("Выполнено", "Done")) { (p.summary.done) }
                                td.num.overdue[p.summary.overdue > 0] data-label=(lang.pick("Просрочено", "Overdue")) { (p.summary.overdue) }
                                td.num data-label=(lang.pick("Выполнение", "Share done")) { (share(lang, &p.summary)) }
                                td.file data-label=(lang.pick("Файл", "File")) { (p.file) }
                            }
                        }
                    }
                }
            }
        }
        (failures(&index.failures, lang))
    };
    layout(lang, title, &[], Some(as_of), &body)
}

/// Files that could not be read.
fn failures(list: &[String], lang: Lang) -> Markup {
    html! {
        @if !list.is_empty() {
            section.problems {
                h2 { (lang.pick("Не удалось прочитать", "Could not be read")) }
                ul { @for f in list { li { (f) } } }
            }
        }
    }
}

/// What a plan's page is asked for: its filters and order, and the edit just made.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct PlanQuery {
    pub(crate) responsible: Option<String>,
    pub(crate) state: Option<String>,
    pub(crate) month: Option<String>,
    /// `overdue`: overdue items first.
    pub(crate) order: Option<String>,
    /// The number of an edit just made (its line is shown once).
    pub(crate) saved: Option<String>,
}

impl PlanQuery {
    /// This query with one key set (or cleared), as a query string.
    fn with(&self, key: &str, value: Option<&str>) -> String {
        let mut pairs: Vec<(&str, &str)> = [
            ("responsible", &self.responsible),
            ("state", &self.state),
            ("month", &self.month),
            ("order", &self.order),
        ]
        .into_iter()
        .filter(|(k, _)| *k != key)
        .filter_map(|(k, v)| v.as_deref().map(|v| (k, v)))
        .collect();
        if let Some(v) = value {
            pairs.push((key, v));
        }
        if pairs.is_empty() {
            return String::new();
        }
        let q: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", seg(v)))
            .collect();
        format!("?{}", q.join("&"))
    }
}

/// The filter a query asks for, and what is wrong with it.
fn filter_of(q: &PlanQuery, plan: &Plan, lang: Lang) -> (Filter, Vec<String>) {
    let mut f = Filter::default();
    let mut wrong = Vec::new();
    if let Some(r) = q.responsible.as_deref().filter(|s| !s.is_empty()) {
        f.responsibles.push(r.to_owned());
        if let Some(e) = NamesSeen::of(plan, &f).error(&f) {
            wrong.push(e.message(lang));
        }
    }
    if let Some(s) = q.state.as_deref().filter(|s| !s.is_empty()) {
        match State::parse(s) {
            Some(st) => f.states.push(st),
            None => wrong.push(tr!(
                lang,
                "состояние «{s}» не понято",
                "the state «{s}» is not understood"
            )),
        }
    }
    if let Some(m) = q.month.as_deref().filter(|s| !s.is_empty()) {
        match view::parse_month(m) {
            Some(m) => f.month = Some(m),
            None => wrong.push(tr!(
                lang,
                "месяц «{m}» не понят",
                "the month «{m}» is not understood"
            )),
        }
    }
    (f, wrong)
}

/// The months of a plan's year, as `2026-09` and their names.
fn months_of(plan: &Plan, lang: Lang) -> Vec<(String, String)> {
    let (start, end) = plan.year.period();
    let mut out = Vec::new();
    let (mut y, mut m) = (start.year(), start.month());
    while (y, m) <= (end.year(), end.month()) && out.len() < 24 {
        out.push((format!("{y}-{m:02}"), i18n::month_name(lang, m).to_owned()));
        if m == 12 {
            y += 1;
            m = 1;
        } else {
            m += 1;
        }
    }
    out
}

/// One line of filter links.
fn filter_links(
    label: &str,
    q: &PlanQuery,
    key: &str,
    current: Option<&str>,
    options: &[(String, String)],
    base: &str,
    lang: Lang,
) -> Markup {
    html! {
        div.filter {
            span.flabel { (label) }
            ul {
                li { a href={ (base) (q.with(key, None)) } aria-current=[current.is_none().then_some("true")] {
                    (lang.pick("все", "all"))
                } }
                @for (value, text) in options {
                    li { a href={ (base) (q.with(key, Some(value))) }
                        aria-current=[(current == Some(value.as_str())).then_some("true")] { (text) } }
                }
            }
        }
    }
}

/// `/plan/<id>`: the plan's table by section, its summary, filters as links.
pub(crate) fn plan(
    l: &Loaded,
    q: &PlanQuery,
    saved: Option<&str>,
    as_of: NaiveDate,
    lang: Lang,
) -> Markup {
    let c = &l.checked;
    let name = c
        .plan
        .as_ref()
        .map_or_else(|| l.id.clone(), view::plan_name);
    let base = plan_url(&l.id);
    let findings = findings_text(l, lang);
    let Some(plan) = &c.plan else {
        let body = html! {
            h1 { (name) }
            p.message.refusal { (lang.pick(
                "Файл плана не разбирается — показать его нельзя. Что не так:",
                "The plan file does not parse and cannot be shown. What is wrong:"
            )) }
            pre.findings { (findings) }
        };
        return layout(lang, &name, &crumbs_plan(&l.id, &name), Some(as_of), &body);
    };
    let (filter, wrong) = filter_of(q, plan, lang);
    let all = view::rows(std::slice::from_ref(c), &Filter::default(), as_of, 14);
    let rows = if wrong.is_empty() {
        view::rows(std::slice::from_ref(c), &filter, as_of, 14)
    } else {
        Vec::new()
    };
    let summary = Summary::of(rows.iter().map(|r| &r.eval));
    let errors = crate::workspace::error_count(c);
    let mut states: Vec<(String, String)> = Vec::new();
    for st in State::ALL {
        let n = all.iter().filter(|r| r.eval.state == st).count();
        if n > 0 {
            states.push((st.id().to_owned(), format!("{} ({n})", st.label(lang))));
        }
    }
    let named: HashSet<usize> = plan
        .items()
        .flat_map(|(_, i)| i.responsibles.iter().filter_map(|r| r.index))
        .collect();
    let people: Vec<(String, String)> = plan
        .roster
        .iter()
        .enumerate()
        .filter(|(i, _)| named.contains(i))
        .map(|(_, r)| (r.name.clone(), r.name.clone()))
        .collect();
    let months = months_of(plan, lang);
    let overdue_first = q.order.as_deref() == Some("overdue");
    let (late, rest): (Vec<&Row<'_>>, Vec<&Row<'_>>) = if overdue_first {
        rows.iter().partition(|r| r.eval.state == State::Overdue)
    } else {
        (Vec::new(), rows.iter().collect())
    };
    let repeated = repeated_numbers(plan);
    let mut head = Vec::new();
    if let Some(o) = &plan.meta.organisation {
        head.push(o.clone());
    }
    if let Some(y) = plan.meta.year {
        head.push(y.to_string());
    }
    head.push(c.source.name.clone());
    let body = html! {
        @if let Some(line) = saved {
            p.saved role="status" { (lang.pick("Записано: ", "Saved: ")) (line) }
        }
        h1 { (name) }
        p.sub { (head.join(" · ")) }
        p.actions {
            a.button href={ (base) "/report" } { (lang.pick("Отчёт", "Report")) }
            " "
            a href={ (base) "/status.xlsx" } download { (lang.pick("Таблица Excel", "Excel table")) }
            " · "
            a href={ (base) "/calendar.ics" } download { (lang.pick("Календарь (.ics)", "Calendar (.ics)")) }
        }
        @if errors > 0 {
            details.problems {
                summary {
                    (tr!(lang, "В плане есть ошибки ({}) — показано то, что удалось понять", "The plan has errors ({}) — what could be understood is shown",
                        plural(lang, errors as u64, ["ошибка", "ошибки", "ошибок"], ["error", "errors"])))
                }
                pre.findings { (findings) }
            }
        }
        (summary_cards(&summary, lang))
        nav.filters aria-label=(lang.pick("Отбор", "Filters")) {
            (filter_links(lang.pick("Ответственный", "Responsible"), q, "responsible", q.responsible.as_deref(), &people, &base, lang))
            (filter_links(lang.pick("Состояние", "State"), q, "state", q.state.as_deref(), &states, &base, lang))
            (filter_links(lang.pick("Месяц", "Month"), q, "month", q.month.as_deref(), &months, &base, lang))
            div.filter {
                span.flabel { (lang.pick("Порядок", "Order")) }
                ul {
                    li { a href={ (base) (q.with("order", None)) } aria-current=[(!overdue_first).then_some("true")] {
                        (lang.pick("по разделам", "by section")) } }
                    li { a href={ (base) (q.with("order", Some("overdue"))) } aria-current=[overdue_first.then_some("true")] {
                        (lang.pick("сначала просроченные", "overdue first")) } }
                }
            }
        }
        @for w in &wrong {
            p.message.refusal role="alert" { (w) }
        }
        @if wrong.is_empty() && rows.is_empty() {
            p.message { (lang.pick("Нет мероприятий, подходящих под условия.", "No items match.")) }
        }
        @if !late.is_empty() {
            h2 { (lang.pick("Просрочено", "Overdue")) }
            (rows_table(&late, plan, &l.id, &repeated, false, lang))
            h2 { (lang.pick("Остальное по разделам", "The rest by section")) }
        }
        @if !rest.is_empty() {
            (rows_table(&rest, plan, &l.id, &repeated, true, lang))
        }
    };
    layout(lang, &name, &crumbs_plan(&l.id, &name), Some(as_of), &body)
}

/// The trail to a plan.
pub(crate) fn crumbs_plan(id: &str, name: &str) -> Vec<Crumb> {
    vec![Crumb {
        href: plan_url(id),
        label: name.to_owned(),
    }]
}

/// The item numbers a plan has more than once (their links name the section).
pub(crate) fn repeated_numbers(plan: &Plan) -> HashSet<String> {
    let mut seen = HashSet::new();
    let mut twice = HashSet::new();
    for (_, i) in plan.items() {
        let id = i.number.id().to_owned();
        if !seen.insert(id.clone()) {
            twice.insert(id);
        }
    }
    twice
}

/// A plan's findings as `moc check` prints them (no colour).
pub(crate) fn findings_text(l: &Loaded, lang: Lang) -> String {
    let c = &l.checked;
    c.diagnostics
        .iter()
        .map(|d| crate::diagnostic::render(d, &c.source, lang, false))
        .collect()
}

/// Items as a table, with a heading row for each section when `by_section`.
fn rows_table(
    rows: &[&Row<'_>],
    plan: &Plan,
    id: &str,
    repeated: &HashSet<String>,
    by_section: bool,
    lang: Lang,
) -> Markup {
    let with_result = rows.iter().any(|r| r.item.result.is_some());
    let cols = if with_result { 6 } else { 5 };
    // each row, and whether a section's heading goes before it
    let mut last: Option<*const crate::model::Section> = None;
    let marked: Vec<(bool, &Row<'_>)> = rows
        .iter()
        .map(|r| {
            let sp: *const crate::model::Section = r.section;
            let first = by_section && last != Some(sp);
            last = Some(sp);
            (first, *r)
        })
        .collect();
    let l_no = "№";
    let l_title = lang.pick("Мероприятие", "Activity");
    let l_deadline = lang.pick("Срок", "Deadline");
    let l_who = lang.pick("Ответственные", "Responsible");
    let l_state = lang.pick("Состояние", "State");
    let l_result = lang.pick("Результат", "Result");
    html! {
        div.scroll {
            table.items {
                thead { tr {
                    th.no { (l_no) } th { (l_title) } th { (l_deadline) } th { (l_who) } th { (l_state) }
                    @if with_result { th { (l_result) } }
                } }
                tbody {
                    @for (first, r) in &marked {
                        @if *first {
                            tr.section { td colspan=(cols) {
                                span.sno { (r.section.number.printed()) } " "
                                (crate::text::squash_spaces(&r.section.title))
                            } }
                        }
                        @let number = r.item.number.id();
                        @let section = repeated.contains(number).then(|| r.section.number.id());
                        @let detail = view::state_detail(r.item, &r.eval, plan.year, lang);
                        tr id=(anchor(number, section)) class={ "row-" (r.eval.state.id()) } {
                            td.no data-label=(l_no) { (r.item.number.printed()) }
                            td.title data-label=(l_title) {
                                @if number.is_empty() { (r.item.title) }
                                @else { a href=(item_url(id, number, section)) { (r.item.title) } }
                            }
                            td data-label=(l_deadline) { (r.item.deadline_phrase) }
                            td data-label=(l_who) { (r.item.responsible_names(&plan.roster).join(", ")) }
                            td.state data-label=(l_state) { (state_badge(r.eval.state, detail.as_deref(), lang)) }
                            @if with_result {
                                td.result data-label=(l_result) { (r.item.result.as_deref().unwrap_or("")) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The id of an item's row on the plan's page.
pub(crate) fn anchor(number: &str, section: Option<&str>) -> String {
    match section {
        Some(s) => format!("i-{}-{}", seg(s), seg(number)),
        None => format!("i-{}", seg(number)),
    }
}
