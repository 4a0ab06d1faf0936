//! The evaluated items of loaded plans, filtered: what `status`, `overdue` and `report` show.
//!
//! [`build`] evaluates every item of every plan at the as-of date and keeps those that pass the
//! filters (section, responsible, state, period). Renderers then read [`Row`]s; [`item_json`] is
//! the one JSON shape of an item, shared by every command that prints items.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::deadline::{Kind, PlanYear, month_end};
use crate::evaluate::{Eval, State, evaluate};
use crate::i18n::{self, Lang};
use crate::load::Checked;
use crate::model::{Item, Number, Plan, Section};
use crate::roster::RosterIndex;
use crate::tr;

/// What to keep.
#[derive(Clone, Debug, Default)]
pub(crate) struct Filter {
    /// Section numbers as given («1», «IV», «2.»).
    pub(crate) sections: Vec<String>,
    /// Responsible names or aliases.
    pub(crate) responsibles: Vec<String>,
    pub(crate) states: Vec<State>,
    pub(crate) from: Option<NaiveDate>,
    pub(crate) to: Option<NaiveDate>,
    /// A month: 1–12 in the plan's year, or a given year and month.
    pub(crate) month: Option<(Option<i32>, u32)>,
    /// With a period (`from`/`to`, `month`): keep year-round and on-demand work too.
    pub(crate) with_ongoing: bool,
}

/// `9`, `09`, `сентябрь`, `September`, `2026-09`.
pub(crate) fn parse_month(s: &str) -> Option<(Option<i32>, u32)> {
    let s = s.trim();
    if let Some((y, m)) = s.split_once('-')
        && let (Ok(y), Ok(m)) = (y.parse::<i32>(), m.parse::<u32>())
        && (1..=12).contains(&m)
        && (1900..=2200).contains(&y)
    {
        return Some((Some(y), m));
    }
    if let Ok(m) = s.parse::<u32>() {
        return (1..=12).contains(&m).then_some((None, m));
    }
    // a month name, any case, or its start as the plans abbreviate it («сент.», «янв»), with a
    // year after it or not («сентябрь 2026»)
    let f = i18n::fold(s);
    let (word, year) = match f.rsplit_once(' ') {
        Some((w, y)) if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) => {
            (w.trim().to_owned(), y.parse::<i32>().ok())
        }
        _ => (f.clone(), None),
    };
    let word = word.trim_end_matches('.');
    (0..12)
        .find(|&i| {
            let en = i18n::MONTHS_EN[i].to_lowercase();
            i18n::MONTHS_NOM[i] == word
                || i18n::MONTHS_GEN[i] == word
                || i18n::MONTHS_PREP[i] == word
                || en == word
                || (word.chars().count() >= 3
                    && (i18n::MONTHS_NOM[i].starts_with(word) || en.starts_with(word)))
        })
        .map(|i| (year, i as u32 + 1))
}

/// One item of one plan, with its evaluation.
pub(crate) struct Row<'a> {
    /// Index of the plan in the workspace.
    pub(crate) plan: usize,
    pub(crate) section: &'a Section,
    pub(crate) item: &'a Item,
    pub(crate) eval: Eval,
}

/// A filter that names something no plan has — a responsible («--responsible методис») or a
/// section («--section 7») — and what it may have meant.
#[derive(Debug)]
pub(crate) enum FilterError {
    Responsible { name: String, near: Vec<String> },
    Section { name: String, have: Vec<String> },
}

impl FilterError {
    /// What is wrong, in `lang`.
    pub(crate) fn message(&self, lang: Lang) -> String {
        match self {
            FilterError::Responsible { name, near } => {
                let hint = if near.is_empty() {
                    String::new()
                } else {
                    tr!(
                        lang,
                        "; возможно, имелось в виду «{}»",
                        "; did you mean «{}»?",
                        near.join("», «")
                    )
                };
                tr!(
                    lang,
                    "ответственного «{name}» нет ни в одном плане{hint}",
                    "«{name}» is in no plan's roster{hint}"
                )
            }
            FilterError::Section { name, have } => {
                let near = crate::suggest::nearest(name, have.iter().map(String::as_str));
                let hint = match near {
                    Some(n) => tr!(
                        lang,
                        "; возможно, имелся в виду раздел {n}",
                        "; did you mean section {n}?"
                    ),
                    None => String::new(),
                };
                tr!(
                    lang,
                    "раздела {name} нет ни в одном плане{hint}; разделы: {}",
                    "there is no section {name} in any plan{hint}; the sections: {}",
                    have.join(", ")
                )
            }
        }
    }
}

/// Which of a filter's responsibles the plans seen so far know, and the names they suggest for
/// the others: a filter must name someone in at least one plan («--responsible методис» is an
/// error with a suggestion). Plans can be seen one at a time and the results merged in order.
#[derive(Clone, Debug, Default)]
pub(crate) struct NamesSeen {
    known: Vec<bool>,
    near: Vec<Vec<String>>,
    /// The filter's sections some plan has, and the sections the plans have.
    sections_known: Vec<bool>,
    sections: Vec<String>,
}

impl NamesSeen {
    /// What `plan` knows of the filter's names and sections.
    pub(crate) fn of(plan: &Plan, filter: &Filter) -> NamesSeen {
        let mut seen = NamesSeen {
            known: vec![false; filter.responsibles.len()],
            near: vec![Vec::new(); filter.responsibles.len()],
            sections_known: filter
                .sections
                .iter()
                .map(|want| plan.sections.iter().any(|s| section_is(want, &s.number)))
                .collect(),
            sections: if filter.sections.is_empty() {
                Vec::new()
            } else {
                plan.sections
                    .iter()
                    .map(|s| s.number.id().to_owned())
                    .collect()
            },
        };
        if filter.responsibles.is_empty() {
            return seen;
        }
        let index = RosterIndex::new(&plan.roster);
        for (i, name) in filter.responsibles.iter().enumerate() {
            if index.find(name).is_some() {
                seen.known[i] = true;
            } else {
                seen.near[i] = index.suggest(name);
            }
        }
        seen
    }

    /// [`NamesSeen::of`] a checked file (nothing known when it holds no plan).
    pub(crate) fn of_checked(l: &Checked, filter: &Filter) -> NamesSeen {
        l.plan
            .as_ref()
            .map(|p| NamesSeen::of(p, filter))
            .unwrap_or_default()
    }

    /// Add what a later plan knows.
    pub(crate) fn merge(&mut self, later: NamesSeen) {
        if self.sections_known.len() < later.sections_known.len() {
            self.sections_known
                .resize(later.sections_known.len(), false);
        }
        for (i, k) in later.sections_known.iter().enumerate() {
            self.sections_known[i] |= *k;
        }
        for s in later.sections {
            if !self.sections.contains(&s) {
                self.sections.push(s);
            }
        }
        if self.known.len() < later.known.len() {
            self.known.resize(later.known.len(), false);
            self.near.resize(later.known.len(), Vec::new());
        }
        for (i, (k, near)) in later.known.into_iter().zip(later.near).enumerate() {
            self.known[i] |= k;
            for s in near {
                if !self.near[i].contains(&s) {
                    self.near[i].push(s);
                }
            }
        }
    }

    /// The error for the first name that no plan knows.
    pub(crate) fn error(&self, filter: &Filter) -> Option<FilterError> {
        if let Some(i) =
            (0..filter.responsibles.len()).find(|&i| !self.known.get(i).copied().unwrap_or(false))
        {
            return Some(FilterError::Responsible {
                name: filter.responsibles[i].clone(),
                near: self.near.get(i).cloned().unwrap_or_default(),
            });
        }
        let i = (0..filter.sections.len())
            .find(|&i| !self.sections_known.get(i).copied().unwrap_or(false))?;
        Some(FilterError::Section {
            name: filter.sections[i].clone(),
            have: self.sections.clone(),
        })
    }
}

/// Evaluate and filter every item of the loaded plans; a responsible that no plan knows is an
/// error.
pub(crate) fn build<'a>(
    plans: &'a [Checked],
    filter: &Filter,
    as_of: NaiveDate,
    soon: i64,
) -> Result<Vec<Row<'a>>, FilterError> {
    let mut seen = NamesSeen::default();
    for p in plans.iter().filter_map(|l| l.plan.as_ref()) {
        seen.merge(NamesSeen::of(p, filter));
    }
    if let Some(e) = seen.error(filter) {
        return Err(e);
    }
    Ok(rows(plans, filter, as_of, soon))
}

/// [`build`] without the check of the responsibles' names (see [`NamesSeen`]).
pub(crate) fn rows<'a>(
    plans: &'a [Checked],
    filter: &Filter,
    as_of: NaiveDate,
    soon: i64,
) -> Vec<Row<'a>> {
    let wanted_sections: Vec<Option<Vec<u32>>> = filter
        .sections
        .iter()
        .map(|s| Number::parts_of(s))
        .collect();
    let mut rows = Vec::new();
    for (pi, loaded) in plans.iter().enumerate() {
        let Some(plan) = &loaded.plan else { continue };
        let year = plan.year;
        let index = RosterIndex::new(&plan.roster);
        let wanted_people: Vec<usize> = filter
            .responsibles
            .iter()
            .filter_map(|n| index.find(n))
            .collect();
        let period = period_of(filter, year);
        for section in &plan.sections {
            if !filter.sections.is_empty() {
                let parts = section.number.parts();
                let hit = filter
                    .sections
                    .iter()
                    .zip(&wanted_sections)
                    .any(|(raw, want)| match (want, parts) {
                        (Some(w), Some(p)) => w.as_slice() == p,
                        _ => i18n::fold(raw.trim()) == i18n::fold(section.number.trim()),
                    });
                if !hit {
                    continue;
                }
            }
            for item in &section.items {
                if !filter.responsibles.is_empty()
                    && !item
                        .responsibles
                        .iter()
                        .any(|r| r.index.is_some_and(|i| wanted_people.contains(&i)))
                {
                    continue;
                }
                if let Some((from, to)) = period
                    && !in_period(item, from, to, year, filter.with_ongoing)
                {
                    continue;
                }
                let eval = evaluate(item, as_of, soon, year);
                if !filter.states.is_empty() && !filter.states.contains(&eval.state) {
                    continue;
                }
                rows.push(Row {
                    plan: pi,
                    section,
                    item,
                    eval,
                });
            }
        }
    }
    rows
}

/// Whether a section's number is the one a filter names («2», «2.», «II»).
fn section_is(want: &str, number: &Number) -> bool {
    match (Number::parts_of(want), number.parts()) {
        (Some(w), Some(p)) => w.as_slice() == p,
        _ => i18n::fold(want.trim()) == i18n::fold(number.trim()),
    }
}

/// Whether an item is due or takes place in the period from `from` to `to`: a window that meets
/// it, an occurrence of recurring work that meets it, or — postponed — the original deadline or
/// the new one. Year-round and on-demand work is everywhere and so nowhere in particular: it is
/// kept only `with_ongoing`.
fn in_period(
    item: &Item,
    from: NaiveDate,
    to: NaiveDate,
    year: PlanYear,
    with_ongoing: bool,
) -> bool {
    let (ps, pe) = year.period();
    let meets = |d: &crate::deadline::Deadline| {
        if d.due.is_none() {
            return with_ongoing;
        }
        if d.is_multi() {
            return d
                .occurrences
                .iter()
                .any(|o| o.start <= to && o.due.max(o.end) >= from);
        }
        if d.start <= ps && d.end >= pe {
            return with_ongoing;
        }
        d.start <= to && d.end >= from
    };
    let original = item.deadline.as_ref().ok().map(|d| &**d);
    original.is_some_and(meets) || item.effective_deadline().is_some_and(meets)
}

/// The period a filter asks for, in a plan of `year`.
fn period_of(filter: &Filter, year: PlanYear) -> Option<(NaiveDate, NaiveDate)> {
    let (ps, pe) = year.period();
    let mut range: Option<(NaiveDate, NaiveDate)> = None;
    if filter.from.is_some() || filter.to.is_some() {
        range = Some((
            filter.from.unwrap_or(NaiveDate::MIN),
            filter.to.unwrap_or(NaiveDate::MAX),
        ));
    }
    if let Some((y, m)) = filter.month {
        let y = y.unwrap_or_else(|| match year {
            PlanYear::Calendar(y) => y,
            PlanYear::Academic(y) => {
                if m >= 9 {
                    y
                } else {
                    y + 1
                }
            }
        });
        let start = NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(ps);
        let end = month_end(y, m);
        range = Some(match range {
            Some((a, b)) => (a.max(start), b.min(end)),
            None => (start, end),
        });
    }
    let _ = pe;
    range
}

/// An item's id: its number without the trailing dot («2.2.» → «2.2»).
pub(crate) fn item_id(item: &Item) -> String {
    item.number.id().to_owned()
}

/// A plan's name for people: «Мосальский муниципальный округ».
pub(crate) fn plan_name(plan: &Plan) -> String {
    plan.meta
        .municipality
        .clone()
        .or_else(|| plan.meta.organisation.clone())
        .unwrap_or_else(|| plan.meta.title.clone())
}

#[derive(Serialize)]
pub(crate) struct DeadlineJson<'a> {
    pub(crate) phrase: &'a str,
    pub(crate) kind: Option<Kind>,
    pub(crate) start: Option<NaiveDate>,
    pub(crate) end: Option<NaiveDate>,
    pub(crate) due: Option<NaiveDate>,
}

#[derive(Serialize)]
pub(crate) struct PeriodJson {
    pub(crate) label: String,
    pub(crate) start: NaiveDate,
    pub(crate) end: NaiveDate,
    pub(crate) due: NaiveDate,
}

/// The JSON shape of an evaluated item.
#[derive(Serialize)]
pub(crate) struct ItemJson<'a> {
    pub(crate) plan: String,
    pub(crate) id: String,
    pub(crate) number: &'a str,
    pub(crate) section: &'a str,
    pub(crate) title: &'a str,
    pub(crate) deadline: DeadlineJson<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) postponed_to: Option<DeadlineJson<'a>>,
    pub(crate) responsibles: Vec<&'a str>,
    pub(crate) status: &'static str,
    pub(crate) state: State,
    pub(crate) days_late: Option<i64>,
    pub(crate) days_left: Option<i64>,
    pub(crate) missed: Vec<PeriodJson>,
    pub(crate) result: Option<&'a str>,
    pub(crate) done_on: Option<NaiveDate>,
    pub(crate) reason: Option<&'a str>,
}

fn deadline_json<'a>(
    phrase: &'a str,
    parsed: Option<&crate::deadline::Deadline>,
) -> DeadlineJson<'a> {
    DeadlineJson {
        phrase,
        kind: parsed.map(|d| d.kind),
        start: parsed.map(|d| d.start),
        end: parsed.map(|d| d.end),
        due: parsed.and_then(|d| d.due),
    }
}

/// The rows of each plan, in one pass (index = the plan's position in the workspace).
pub(crate) fn by_plan<'r, 'a>(rows: &'r [Row<'a>], plans: usize) -> Vec<Vec<&'r Row<'a>>> {
    let mut out: Vec<Vec<&'r Row<'a>>> = (0..plans).map(|_| Vec::new()).collect();
    for r in rows {
        if let Some(v) = out.get_mut(r.plan) {
            v.push(r);
        }
    }
    out
}

pub(crate) fn item_json<'a>(row: &Row<'a>, loaded: &'a Checked, lang: Lang) -> ItemJson<'a> {
    let plan = loaded.plan.as_ref();
    // (rows are made from plans that loaded: the plan is there)
    let year = |o: &crate::deadline::Occurrence| {
        plan.map_or(PlanYear::Calendar(o.start.year()), |p| p.year)
    };
    let roster: &[crate::model::Responsible] = plan.map_or(&[], |p| &p.roster);
    let item = row.item;
    ItemJson {
        plan: loaded.source.name.clone(),
        id: item_id(item),
        number: item.number.printed(),
        section: row.section.number.printed(),
        title: &item.title,
        deadline: deadline_json(
            &item.deadline_phrase,
            item.deadline.as_ref().ok().map(|d| &**d),
        ),
        postponed_to: item.postponed_to.as_deref().map(|p| {
            deadline_json(
                p,
                item.new_deadline
                    .as_ref()
                    .and_then(|r| r.as_ref().ok())
                    .map(|d| &**d),
            )
        }),
        responsibles: item.responsible_names(roster),
        status: item.status.id(),
        state: row.eval.state,
        days_late: row.eval.days_late,
        days_left: row.eval.days_left,
        missed: row
            .eval
            .missed
            .iter()
            .map(|o| PeriodJson {
                label: o.label(lang, year(o)),
                start: o.start,
                end: o.end,
                due: o.due,
            })
            .collect(),
        result: item.result.as_deref(),
        done_on: item.done_on,
        reason: item.reason.as_deref(),
    }
}

/// «пропущено: март, апрель» for an item with missed occurrences.
pub(crate) fn missed_text(eval: &Eval, year: PlanYear, lang: Lang) -> Option<String> {
    if eval.missed.is_empty() {
        return None;
    }
    // runs of three or more consecutive periods are written as a range: «январь – сентябрь»
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    let m = &eval.missed;
    while i < m.len() {
        let mut j = i;
        while j + 1 < m.len() && m[j].end.succ_opt() == Some(m[j + 1].start) {
            j += 1;
        }
        if j - i >= 2 {
            let first = m[i].label(lang, year);
            let last = m[j].label(lang, year);
            parts.push(format!("{first} – {last}"));
        } else {
            parts.extend(m[i..=j].iter().map(|o| o.label(lang, year)));
        }
        i = j + 1;
    }
    Some(tr!(lang, "пропущено: {}", "missed: {}", parts.join(", ")))
}

/// The detail shown under a state: days late or left, missed periods (and why, when noted),
/// the due date of work not started, a postponed item's new deadline and reason.
pub(crate) fn state_detail(item: &Item, eval: &Eval, year: PlanYear, lang: Lang) -> Option<String> {
    let mut parts = Vec::new();
    // «30.09» within a calendar-year plan's own year, the full date otherwise
    let day = |d: NaiveDate| match (lang, year) {
        (Lang::Ru, PlanYear::Calendar(y)) if d.year() == y => d.format("%d.%m").to_string(),
        _ => i18n::short_date(lang, d),
    };
    match eval.state {
        State::NotStarted => {
            if let Some(d) = eval.due {
                parts.push(tr!(lang, "срок до {}", "due {}", day(d)));
            }
        }
        State::Postponed => {
            if let Some(to) = &item.postponed_to {
                parts.push(tr!(
                    lang,
                    "на {}",
                    "to {}",
                    crate::text::lower_first(to.trim())
                ));
            }
            if let Some(r) = &item.reason {
                parts.push(tr!(
                    lang,
                    "причина: {}",
                    "reason: {}",
                    crate::text::shorten(&crate::text::squash_spaces(r), 80)
                ));
            }
        }
        _ => {}
    }
    if let Some(n) = eval.days_late {
        parts.push(match lang {
            Lang::Ru => format!(
                "на {}",
                i18n::plural(lang, n.unsigned_abs(), ["день", "дня", "дней"], ["", ""])
            ),
            Lang::En => format!(
                "{} late",
                i18n::plural(lang, n.unsigned_abs(), ["", "", ""], ["day", "days"])
            ),
        });
    }
    if let Some(n) = eval.days_left {
        parts.push(match lang {
            Lang::Ru => format!(
                "через {}",
                i18n::plural(lang, n.unsigned_abs(), ["день", "дня", "дней"], ["", ""])
            ),
            Lang::En => format!(
                "in {}",
                i18n::plural(lang, n.unsigned_abs(), ["", "", ""], ["day", "days"])
            ),
        });
    }
    if let Some(m) = missed_text(eval, year, lang) {
        parts.push(m);
    }
    for r in missed_reasons(item, &eval.missed, year, lang) {
        parts.push(r);
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// «май: отпуск методиста» for each missed period the methodist gave a reason for.
pub(crate) fn missed_reasons(
    item: &Item,
    missed: &[crate::deadline::Occurrence],
    year: PlanYear,
    lang: Lang,
) -> Vec<String> {
    missed
        .iter()
        .filter_map(|o| {
            let note = item
                .missed
                .iter()
                .find(|m| m.period >= o.start && m.period <= o.end.max(o.due))?;
            Some(tr!(
                lang,
                "{}: {}",
                "{}: {}",
                o.label(lang, year),
                note.reason.trim()
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months() {
        assert_eq!(parse_month("9"), Some((None, 9)));
        assert_eq!(parse_month("Сентябрь"), Some((None, 9)));
        assert_eq!(parse_month("2027-03"), Some((Some(2027), 3)));
        assert_eq!(parse_month("13"), None);
        assert_eq!(parse_month("смарт"), None);
        assert_eq!(parse_month("сент."), Some((None, 9)));
        assert_eq!(parse_month("Сент"), Some((None, 9)));
        assert_eq!(parse_month("май 2027"), Some((Some(2027), 5)));
        assert_eq!(parse_month("ма"), None);
    }
}
