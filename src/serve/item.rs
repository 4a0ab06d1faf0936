//! `/plan/<id>/item/<number>`: one item — its deadline as moc understands it, its state, result,
//! progress log, reason, its history in git (`moc log`), and the forms that edit it.

use chrono::NaiveDate;
use maud::{Markup, html};

use super::forms::{self, FieldKind, Refusal, Verb};
use super::pages::{self, Crumb, item_url, layout, plan_url, state_badge};
use super::store::Loaded;
use crate::deadline::{Deadline, PlanYear};
use crate::evaluate::evaluate;
use crate::i18n::{Lang, short_date};
use crate::model::{Item, Section};
use crate::plandiff;
use crate::render::changes::LogEntry;
use crate::tr;

/// Everything an item's page shows.
pub(crate) struct ItemPage<'a> {
    pub(crate) loaded: &'a Loaded,
    pub(crate) section: usize,
    pub(crate) item: usize,
    /// The item's history, or why it cannot be told.
    pub(crate) history: Result<Vec<LogEntry>, String>,
    /// A form just refused, with what was typed.
    pub(crate) refusal: Option<&'a Refusal>,
    pub(crate) csrf: &'a str,
    pub(crate) as_of: NaiveDate,
    pub(crate) lang: Lang,
}

/// A deadline as understood: its kind, window, due date, and periods.
fn understood(
    d: &Deadline,
    year: PlanYear,
    missed: &[crate::deadline::Occurrence],
    lang: Lang,
) -> Markup {
    html! {
        dl.facts.inner {
            dt { (lang.pick("Вид", "Kind")) } dd { (d.kind.label(lang)) }
            dt { (lang.pick("Окно", "Window")) } dd { (short_date(lang, d.start)) " – " (short_date(lang, d.end)) }
            dt { (lang.pick("Выполнить до", "Due")) }
            dd { @match d.due { Some(x) => (short_date(lang, x)), None => (lang.pick("без срока", "no due date")) } }
            @if let Some(q) = &d.qualifier {
                dt { (lang.pick("Уточнение", "Qualifier")) } dd { (q) }
            }
            dt { (lang.pick("Понято как", "Read as")) } dd { (d.canonical()) }
        }
        @if d.is_multi() {
            details.periods {
                summary { (tr!(lang, "Периоды ({})", "Periods ({})", d.occurrences.len())) }
                ul {
                    @for o in &d.occurrences {
                        li.missed[missed.contains(o)] {
                            (o.label(lang, year)) " — " (lang.pick("до ", "due ")) (short_date(lang, o.due))
                            @if missed.contains(o) { " " span.st.st-overdue { (lang.pick("пропущено", "missed")) } }
                        }
                    }
                }
            }
        }
    }
}

/// The page.
pub(crate) fn page(p: &ItemPage<'_>) -> Markup {
    let lang = p.lang;
    let c = &p.loaded.checked;
    let Some(plan) = &c.plan else {
        return pages::message_page(
            lang.pick("План не читается", "The plan cannot be read"),
            "",
            lang,
        );
    };
    let section: &Section = &plan.sections[p.section];
    let item: &Item = &section.items[p.item];
    let id = &p.loaded.id;
    let number = item.number.id();
    let repeated = pages::repeated_numbers(plan).contains(number);
    let section_q = repeated.then(|| section.number.id());
    let eval = evaluate(item, p.as_of, 14, plan.year);
    let detail = crate::view::state_detail(item, &eval, plan.year, lang);
    let plan_name = crate::view::plan_name(plan);
    let title = format!(
        "{} {}",
        item.number.printed(),
        crate::text::squash_spaces(&item.title)
    );
    let crumbs = vec![
        Crumb {
            href: plan_url(id),
            label: plan_name.clone(),
        },
        Crumb {
            href: item_url(id, number, section_q),
            label: item.number.printed().to_owned(),
        },
    ];
    let body = html! {
        p.sub {
            (lang.pick("Раздел ", "Section ")) (section.number.printed()) " · "
            (crate::text::squash_spaces(&section.title))
        }
        h1 { (title) }
        p.state-line { (state_badge(eval.state, detail.as_deref(), lang)) }
        @if let Some(r) = p.refusal {
            p.message.refusal role="alert" {
                a href={ "#form-" (r.verb.id()) } { (lang.pick("Правка не записана", "The edit is not saved")) }
                ": " (first_line(&r.message))
            }
        }
        div.item-layout {
            div.item-main {
                section.card.c-facts {
                    h2 { (lang.pick("Мероприятие", "The item")) }
                    dl.facts {
                        dt { (lang.pick("Срок", "Deadline")) } dd { (item.deadline_phrase) }
                        dt { (lang.pick("Ответственные", "Responsible")) }
                        dd { (item.responsible_names(&plan.roster).join(", ")) }
                        dt { (lang.pick("Отметка в плане", "Marked in the plan")) } dd { (item.status.label(lang)) }
                        @if let Some(d) = item.done_on {
                            dt { (lang.pick("Дата выполнения", "Done on")) } dd { (short_date(lang, d)) }
                        }
                        @if let Some(r) = &item.result {
                            dt { (lang.pick("Результат", "Result")) } dd.pre { (r) }
                        }
                        @if let Some(t) = &item.postponed_to {
                            dt { (lang.pick("Перенесено на", "Postponed to")) } dd { (t) }
                        }
                        @if let Some(r) = &item.reason {
                            dt { (lang.pick("Причина", "Reason")) } dd.pre { (r) }
                        }
                        @if let Some(n) = &item.notes {
                            dt { (lang.pick("Заметки", "Notes")) } dd.pre { (n) }
                        }
                        @if !item.links.is_empty() {
                            dt { (lang.pick("Ссылки", "Links")) }
                            dd { @for l in &item.links { span.link { (l) } " " } }
                        }
                    }
                }
                section.card.c-deadline {
                    h2 { (lang.pick("Срок, как его понимает moc", "The deadline as moc understands it")) }
                    @match &item.deadline {
                        Ok(d) => (understood(d, plan.year, &eval.missed, lang)),
                        Err(e) => p.message.refusal { (tr!(lang, "срок «{}» не понят: {}", "the deadline «{}» is not understood: {}", item.deadline_phrase, e.message(lang))) },
                    }
                    @if let Some(Ok(d)) = &item.new_deadline {
                        h3 { (lang.pick("Новый срок", "The new deadline")) }
                        (understood(d, plan.year, &eval.missed, lang))
                    }
                }
                section.card.c-progress {
                    h2 { (lang.pick("Ход работы", "Progress")) }
                    @if item.progress.is_empty() {
                        p.muted { (lang.pick("Записей нет.", "No entries.")) }
                    } @else {
                        @let with_period = item.progress.iter().any(|e| e.period.is_some());
                        table.log {
                            thead { tr {
                                th { (lang.pick("Дата", "Date")) }
                                @if with_period { th { (lang.pick("За период", "For")) } }
                                th { (lang.pick("Что сделано", "What was done")) }
                            } }
                            tbody {
                                @for e in &item.progress {
                                    tr {
                                        td.date { (short_date(lang, e.date)) }
                                        @if with_period { td.date { @if let Some(p) = e.period { (month(p, lang)) } } }
                                        td.pre { (e.text) }
                                    }
                                }
                            }
                        }
                    }
                    @if !item.missed.is_empty() {
                        h3 { (lang.pick("Причины пропусков", "Why periods were missed")) }
                        ul.missed {
                            @for m in &item.missed {
                                li { span.date { (month(m.period, lang)) } " — " span.pre { (m.reason) } }
                            }
                        }
                    }
                }
                section.card.c-history {
                    h2 { (lang.pick("История (git)", "History (git)")) }
                    @match &p.history {
                        Err(e) => p.muted { (e) },
                        Ok(list) if list.is_empty() => p.muted { (lang.pick(
                            "Изменений в истории git нет (план не закоммичен?).",
                            "No changes in the git history (the plan is not committed?)."
                        )) },
                        Ok(list) => ol.history {
                            @for e in list.iter().rev() {
                                li {
                                    span.date { (e.commit.date) } " "
                                    code { (e.commit.short) } " "
                                    span.author { (e.commit.author) } " — "
                                    (plandiff::describe(&e.change, lang))
                                }
                            }
                        },
                    }
                }
            }
            section.card.forms-card.item-side {
                h2 { (lang.pick("Отметить", "Record")) }
                p.muted { (lang.pick(
                    "Правка записывается в файл плана так же, как командой moc: план проверяется, комментарии сохраняются. Если файл изменился после открытия страницы, правка не записывается.",
                    "An edit is written to the plan file as the moc commands write it: the plan is checked, comments are kept. If the file changed after this page was opened, the edit is not written."
                )) }
                div.forms {
                    @for v in Verb::ALL {
                        (form(p, v, id, number, section_q))
                    }
                }
            }
        }
    };
    layout(lang, &title, &crumbs, Some(p.as_of), &body)
}

/// «май 2026»: the month a period entry is for.
fn month(d: NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    format!("{} {}", crate::i18n::month_name(lang, d.month()), d.year())
}

/// The first line of a message (the rest is shown beside the form).
fn first_line(s: &str) -> &str {
    s.lines().find(|l| !l.trim().is_empty()).unwrap_or(s)
}

/// One edit form; the refused one open, with its message and what was typed.
fn form(p: &ItemPage<'_>, verb: Verb, id: &str, number: &str, section: Option<&str>) -> Markup {
    let lang = p.lang;
    let refused = p.refusal.filter(|r| r.verb == verb);
    let mut action = format!("{}/{}", item_url(id, number, None), verb.id());
    if let Some(s) = section {
        action.push_str("?section=");
        action.push_str(&pages::seg(s));
    }
    let typed = |name: &str| {
        refused
            .and_then(|r| r.typed.get(name))
            .unwrap_or_default()
            .to_owned()
    };
    let open = refused.is_some() || verb == Verb::Done;
    html! {
        details.form id={ "form-" (verb.id()) } open[open] {
            summary { (verb.title(lang)) }
            form method="post" action=(action) {
                input type="hidden" name="csrf" value=(p.csrf);
                input type="hidden" name="version" value=(p.loaded.version);
                @if let Some(r) = refused {
                    div.message.refusal role="alert" { pre { (r.message) } }
                }
                @for f in verb.fields() {
                    @let fid = format!("{}-{}", verb.id(), f.name);
                    label for=(fid) {
                        (forms::label(f.name, lang))
                        @if !f.required { span.muted { (lang.pick(" (необязательно)", " (optional)")) } }
                    }
                    @match f.kind {
                        FieldKind::Text => textarea id=(fid) name=(f.name) rows="3" required[f.required] { (typed(f.name)) },
                        FieldKind::Line => input id=(fid) type="text" name=(f.name) value=(typed(f.name)) required[f.required];,
                        FieldKind::Date => {
                            @let v = if refused.is_some() { typed(f.name) } else { p.as_of.format("%Y-%m-%d").to_string() };
                            input id=(fid) type="date" name=(f.name) value=(v);
                        }
                    }
                }
                button type="submit" { (verb.button(lang)) }
            }
        }
    }
}
