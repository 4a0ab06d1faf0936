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
    let f = i18n::fold(s);
    (0..12)
        .find(|&i| {
            i18n::MONTHS_NOM[i] == f
                || i18n::MONTHS_GEN[i] == f
                || i18n::MONTHS_PREP[i] == f
                || i18n::MONTHS_EN[i].to_lowercase() == f
        })
        .map(|i| (None, i as u32 + 1))
}

/// One item of one plan, with its evaluation.
pub(crate) struct Row<'a> {
    /// Index of the plan in the workspace.
    pub(crate) plan: usize,
    pub(crate) section: &'a Section,
    pub(crate) item: &'a Item,
    pub(crate) eval: Eval,
}

/// A filter that names someone no plan knows («--responsible методис»), and the names it may
/// have meant.
#[derive(Debug)]
pub(crate) struct FilterError {
    name: String,
    near: Vec<String>,
}

impl FilterError {
    /// What is wrong, in `lang`.
    pub(crate) fn message(&self, lang: Lang) -> String {
        let name = &self.name;
        let hint = if self.near.is_empty() {
            String::new()
        } else {
            tr!(
                lang,
                "; возможно, имелось в виду «{}»",
                "; did you mean «{}»?",
                self.near.join("», «")
            )
        };
        tr!(
            lang,
            "ответственного «{name}» нет ни в одном плане{hint}",
            "«{name}» is in no plan's roster{hint}"
        )
    }
}

/// Which of a filter's responsibles the plans seen so far know, and the names they suggest for
/// the others: a filter must name someone in at least one plan («--responsible методис» is an
/// error with a suggestion). Plans can be seen one at a time and the results merged in order.
#[derive(Clone, Debug, Default)]
pub(crate) struct NamesSeen {
    known: Vec<bool>,
    near: Vec<Vec<String>>,
}

impl NamesSeen {
    /// What `plan` knows of the filter's names.
    pub(crate) fn of(plan: &Plan, filter: &Filter) -> NamesSeen {
        let mut seen = NamesSeen {
            known: vec![false; filter.responsibles.len()],
            near: vec![Vec::new(); filter.responsibles.len()],
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
        let i = (0..filter.responsibles.len())
            .find(|&i| !self.known.get(i).copied().unwrap_or(false))?;
        Some(FilterError {
            name: filter.responsibles[i].clone(),
            near: self.near.get(i).cloned().unwrap_or_default(),
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
                if let Some((from, to)) = period {
                    match item.effective_deadline() {
                        Some(d) if d.start <= to && d.end >= from => {}
                        _ => continue,
                    }
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

/// The detail shown under a state: days late or left, missed periods.
pub(crate) fn state_detail(eval: &Eval, year: PlanYear, lang: Lang) -> Option<String> {
    let mut parts = Vec::new();
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
    (!parts.is_empty()).then(|| parts.join("; "))
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
    }
}
