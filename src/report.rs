//! The activity report (Отчёт о деятельности МОЦ) as data: which items belong to the period,
//! how each one ended, the counts by section and in total, what was not done and why, the
//! indicators and the work of each responsible.
//!
//! # Categories
//!
//! Every item of the period falls in exactly one category, so the counts add up:
//! *done*; *partly done* (recorded so, or recurring work with some periods covered and some
//! missed); *not done* (its due date passed); *postponed*; *cancelled*; *ongoing* (its due date
//! has not come yet, or on-demand work not reported). The share done is the one of
//! [`crate::evaluate`]: done 1, partly ½, recurring work the share of its periods covered,
//! over the items due at the report's date; cancelled and ongoing items do not count.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::deadline::{PlanYear, month_end};
use crate::evaluate::State;
use crate::i18n::{self, Lang, plural};
use crate::load::Checked;
use crate::model::{Item, Plan, Section, Status};
use crate::tr;
use crate::view::{self, Row};

/// What period a report covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PeriodKind {
    /// The plan's whole year.
    Year,
    Quarter(u32),
    Half(u32),
    Month(u32),
    Custom,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Period {
    pub(crate) from: NaiveDate,
    pub(crate) to: NaiveDate,
    pub(crate) kind: PeriodKind,
}

impl Period {
    /// The period of a plan of `year` asked for by the options (none: the plan's year).
    pub(crate) fn resolve(
        year: PlanYear,
        quarter: Option<u32>,
        half: Option<u32>,
        month: Option<(Option<i32>, u32)>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Period {
        let (ps, pe) = year.period();
        let first_year = ps.year();
        let cal = |m: u32| match year {
            PlanYear::Calendar(y) => y,
            PlanYear::Academic(_) => {
                if m >= 9 {
                    first_year
                } else {
                    first_year + 1
                }
            }
        };
        let ymd = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d).unwrap_or(ps);
        if let Some(q) = quarter {
            let sm = (q.clamp(1, 4) - 1) * 3 + 1;
            let y = cal(sm);
            return Period {
                from: ymd(y, sm, 1),
                to: month_end(y, sm + 2),
                kind: PeriodKind::Quarter(q.clamp(1, 4)),
            };
        }
        if let Some(h) = half {
            let sm = (h.clamp(1, 2) - 1) * 6 + 1;
            let y = match year {
                PlanYear::Calendar(y) => y,
                PlanYear::Academic(y) => y + 1,
            };
            return Period {
                from: ymd(y, sm, 1),
                to: month_end(y, sm + 5),
                kind: PeriodKind::Half(h.clamp(1, 2)),
            };
        }
        if let Some((y, m)) = month {
            let y = y.unwrap_or_else(|| cal(m));
            return Period {
                from: ymd(y, m, 1),
                to: month_end(y, m),
                kind: PeriodKind::Month(m),
            };
        }
        if from.is_some() || to.is_some() {
            return Period {
                from: from.unwrap_or(ps),
                to: to.unwrap_or(pe),
                kind: PeriodKind::Custom,
            };
        }
        Period {
            from: ps,
            to: pe,
            kind: PeriodKind::Year,
        }
    }

    /// «1 января — 31 декабря 2026 г.»
    pub(crate) fn span_text(&self, lang: Lang) -> String {
        let (a, b) = (self.from, self.to);
        match lang {
            Lang::Ru => {
                if a.year() == b.year() {
                    format!(
                        "{} {} — {}",
                        a.day(),
                        i18n::MONTHS_GEN[a.month0() as usize],
                        i18n::long_date(lang, b)
                    )
                } else {
                    format!(
                        "{} — {}",
                        i18n::long_date(lang, a),
                        i18n::long_date(lang, b)
                    )
                }
            }
            Lang::En => format!(
                "{} — {}",
                i18n::long_date(lang, a),
                i18n::long_date(lang, b)
            ),
        }
    }

    /// «за 2026 год», «за III квартал 2026 г.», «за период с 1 января по 30 июня 2026 г.»
    pub(crate) fn for_text(&self, year: PlanYear, lang: Lang) -> String {
        const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];
        let y = self.to.year();
        match (self.kind, lang) {
            (PeriodKind::Year, Lang::Ru) => match year {
                PlanYear::Calendar(y) => format!("за {y} год"),
                PlanYear::Academic(_) => format!("за {year} учебный год"),
            },
            (PeriodKind::Year, Lang::En) => format!("for {year}"),
            (PeriodKind::Quarter(q), Lang::Ru) => {
                format!("за {} квартал {y} г.", ROMAN[(q - 1) as usize])
            }
            (PeriodKind::Quarter(q), Lang::En) => format!("for Q{q} {y}"),
            (PeriodKind::Half(h), Lang::Ru) => {
                format!("за {} полугодие {y} г.", ROMAN[(h - 1) as usize])
            }
            (PeriodKind::Half(h), Lang::En) => format!("for H{h} {y}"),
            (PeriodKind::Month(m), Lang::Ru) => {
                format!("за {} {y} г.", i18n::MONTHS_NOM[(m - 1) as usize])
            }
            (PeriodKind::Month(m), Lang::En) => {
                format!("for {} {y}", i18n::MONTHS_EN[(m - 1) as usize])
            }
            (PeriodKind::Custom, Lang::Ru) => format!(
                "за период с {} по {}",
                short_long(self.from, self.to, lang),
                i18n::long_date(lang, self.to)
            ),
            (PeriodKind::Custom, Lang::En) => format!("for {}", self.span_text(lang)),
        }
    }

    /// Whether the report is interim (its period ends before the plan's): «Промежуточные итоги».
    pub(crate) fn is_interim(&self, year: PlanYear) -> bool {
        self.to < year.period().1
    }
}

/// «1 января» when both dates are in one year, the full date otherwise.
fn short_long(a: NaiveDate, b: NaiveDate, lang: Lang) -> String {
    if a.year() == b.year() {
        format!("{} {}", a.day(), i18n::MONTHS_GEN[a.month0() as usize])
    } else {
        i18n::long_date(lang, a)
    }
}

/// How an item of the period ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Category {
    Done,
    PartlyDone,
    NotDone,
    Postponed,
    Cancelled,
    /// Shown, not counted: work on demand, or due after the period.
    Outside,
}

impl Category {
    pub(crate) fn label(self, lang: Lang) -> &'static str {
        match self {
            Category::Done => lang.pick("выполнено", "done"),
            Category::PartlyDone => lang.pick("выполнено частично", "partly done"),
            Category::NotDone => lang.pick("не выполнено", "not done"),
            Category::Postponed => lang.pick("перенесено", "postponed"),
            Category::Cancelled => lang.pick("отменено", "cancelled"),
            Category::Outside => lang.pick("вне подсчёта", "not counted"),
        }
    }
}

/// How one item ended in the period: its category, its part in the share (`None`: not
/// counted) and, for recurring work, its occurrences in the period (covered, all).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Judgement {
    pub(crate) category: Category,
    pub(crate) credit: Option<f64>,
    pub(crate) periods: Option<(usize, usize)>,
    /// Marked done (or partly) after the period's end or after the report's date: not counted
    /// as done in it.
    pub(crate) done_late: bool,
}

/// Judge an item for `period`, on the report's date `as_of`. The whole period is judged: an item
/// due in it counts whether or not its due date has come; what is not done is not done. Nothing
/// dated after the period's end or after `as_of` counts. See `docs/format.md`, «Отчёт».
pub(crate) fn judge(item: &Item, period: &Period, as_of: NaiveDate) -> Judgement {
    let cutoff = period.to.min(as_of);
    let j = |category, credit| Judgement {
        category,
        credit,
        periods: None,
        done_late: false,
    };
    if item.status == Status::Cancelled {
        return j(Category::Cancelled, None);
    }
    let deadline = item.effective_deadline();
    if item.status == Status::Postponed {
        // postponed beyond the period: shown, not counted; within it: judged by the new deadline
        match deadline.and_then(|d| d.due) {
            Some(due) if due <= period.to => {}
            _ => return j(Category::Postponed, None),
        }
    }
    let Some(d) = deadline else {
        return j(Category::Outside, None);
    };
    let Some(due) = d.due else {
        // work on demand has no due date: shown, not counted
        return j(Category::Outside, None);
    };
    let in_time = item.done_on.is_none_or(|on| on <= cutoff);
    let done_late = matches!(item.status, Status::Done | Status::PartlyDone) && !in_time;
    if in_time {
        match item.status {
            Status::Done => return j(Category::Done, Some(1.0)),
            Status::PartlyDone => return j(Category::PartlyDone, Some(0.5)),
            _ => {}
        }
    }
    if d.is_multi() {
        let due_in: Vec<&crate::deadline::Occurrence> = d
            .occurrences
            .iter()
            .filter(|o| o.due >= period.from && o.due <= period.to)
            .collect();
        if due_in.is_empty() {
            return j(Category::Outside, None);
        }
        let covered = due_in
            .iter()
            .filter(|o| crate::evaluate::covered(item, o, cutoff))
            .count();
        let total = due_in.len();
        let category = if covered == total {
            Category::Done
        } else if covered == 0 {
            Category::NotDone
        } else {
            Category::PartlyDone
        };
        return Judgement {
            category,
            credit: Some(covered as f64 / total as f64),
            periods: Some((covered, total)),
            done_late,
        };
    }
    if due < period.from || due > period.to {
        return Judgement {
            done_late,
            ..j(Category::Outside, None)
        };
    }
    Judgement {
        done_late,
        ..j(Category::NotDone, Some(0.0))
    }
}

/// Counts of a set of items.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub(crate) struct Counts {
    pub(crate) items: usize,
    pub(crate) done: usize,
    pub(crate) partly_done: usize,
    pub(crate) not_done: usize,
    pub(crate) postponed: usize,
    pub(crate) cancelled: usize,
    /// Shown, not counted: work on demand, or due after the period.
    pub(crate) outside: usize,
    /// Overdue at the report's date (for the work of each responsible).
    pub(crate) overdue: usize,
    /// Items counted in the share: the items due in the period, less those cancelled, on
    /// demand or postponed beyond it.
    pub(crate) counted: usize,
    /// Share done, percent.
    pub(crate) share_done: Option<f64>,
    /// The sum of the credits (the share's numerator), to add counts up.
    #[serde(skip)]
    pub(crate) credit: f64,
}

impl Counts {
    pub(crate) fn of<'r, 'a: 'r>(items: impl IntoIterator<Item = &'r ReportItem<'a>>) -> Counts {
        let mut c = Counts::default();
        for i in items {
            c.items += 1;
            match i.judgement.category {
                Category::Done => c.done += 1,
                Category::PartlyDone => c.partly_done += 1,
                Category::NotDone => c.not_done += 1,
                Category::Postponed => c.postponed += 1,
                Category::Cancelled => c.cancelled += 1,
                Category::Outside => c.outside += 1,
            }
            if i.row.eval.state == State::Overdue {
                c.overdue += 1;
            }
            if let Some(x) = i.judgement.credit {
                c.counted += 1;
                c.credit += x;
            }
        }
        c.share_done = (c.counted > 0).then(|| c.credit / c.counted as f64 * 100.0);
        c
    }

    /// Add the counts of other items (another plan's).
    pub(crate) fn add(&mut self, o: &Counts) {
        self.items += o.items;
        self.done += o.done;
        self.partly_done += o.partly_done;
        self.not_done += o.not_done;
        self.postponed += o.postponed;
        self.cancelled += o.cancelled;
        self.outside += o.outside;
        self.overdue += o.overdue;
        self.counted += o.counted;
        self.credit += o.credit;
        self.share_done = (self.counted > 0).then(|| self.credit / self.counted as f64 * 100.0);
    }
}

/// One item in the report.
pub(crate) struct ReportItem<'a> {
    pub(crate) row: Row<'a>,
    pub(crate) judgement: Judgement,
    /// The «Результат исполнения» cell, lines separated by `\n`: what was done, the recorded
    /// progress, the reasons — never a state; empty when nothing is recorded.
    pub(crate) result: String,
}

/// A section with its items.
pub(crate) struct SectionReport<'a> {
    pub(crate) section: &'a Section,
    pub(crate) items: Vec<ReportItem<'a>>,
    pub(crate) counts: Counts,
}

/// An indicator with the figures to print.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct IndicatorReport {
    pub(crate) name: String,
    pub(crate) unit: Option<String>,
    pub(crate) last_year: Option<f64>,
    pub(crate) target: Option<f64>,
    /// The value reported: computed from numerator/denominator where given, else as stated.
    pub(crate) actual: Option<f64>,
    pub(crate) numerator: Option<f64>,
    pub(crate) denominator: Option<f64>,
    /// Actual against target, percent.
    pub(crate) fulfilment: Option<f64>,
    /// The stated percentage where it disagrees with its own counts.
    pub(crate) stated_mismatch: Option<f64>,
}

/// The work of one responsible.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct ResponsibleReport {
    pub(crate) name: String,
    /// Role, organisation or person.
    pub(crate) kind: crate::model::ResponsibleKind,
    /// What an abbreviation stands for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) full_name: Option<String>,
    /// The person in the role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) person: Option<String>,
    pub(crate) items: usize,
    pub(crate) done: usize,
    pub(crate) overdue: usize,
}

/// The report of one plan.
pub(crate) struct PlanReport<'a> {
    pub(crate) checked: &'a Checked,
    pub(crate) plan: &'a Plan,
    pub(crate) period: Period,
    /// The report's date: before the period's end the report is a draft.
    pub(crate) as_of: NaiveDate,
    pub(crate) sections: Vec<SectionReport<'a>>,
    pub(crate) total: Counts,
    pub(crate) indicators: Vec<IndicatorReport>,
    pub(crate) responsibles: Vec<ResponsibleReport>,
}

impl<'a> PlanReport<'a> {
    /// Whether the period has not ended at the report's date: the figures may still change.
    pub(crate) fn is_draft(&self) -> bool {
        self.as_of < self.period.to
    }

    /// Counted items that have nothing recorded yet: not done, or recurring work with periods
    /// not covered and no reason given.
    pub(crate) fn without_result(&self) -> Vec<&ReportItem<'a>> {
        self.sections
            .iter()
            .flat_map(|s| s.items.iter())
            .filter(|i| match i.judgement.category {
                Category::NotDone => i.row.item.result.is_none() && i.row.item.reason.is_none(),
                Category::PartlyDone => i.judgement.periods.is_some(),
                _ => false,
            })
            .collect()
    }

    /// Items not done, postponed, cancelled or partly done, in plan order.
    pub(crate) fn not_done(&self) -> Vec<&ReportItem<'a>> {
        self.sections
            .iter()
            .flat_map(|s| s.items.iter())
            .filter(|i| {
                matches!(
                    i.judgement.category,
                    Category::NotDone
                        | Category::Postponed
                        | Category::Cancelled
                        | Category::PartlyDone
                )
            })
            .collect()
    }
}

/// The reports of every plan that loaded, from all the evaluated rows; `period` gives each plan's
/// period from its year.
pub(crate) fn build_each<'a>(
    plans: &'a [Checked],
    rows: Vec<Row<'a>>,
    period: impl Fn(PlanYear) -> Period,
    as_of: NaiveDate,
    lang: Lang,
) -> Vec<PlanReport<'a>> {
    let mut by_plan: Vec<Vec<Row<'a>>> = (0..plans.len()).map(|_| Vec::new()).collect();
    for r in rows {
        if let Some(v) = by_plan.get_mut(r.plan) {
            v.push(r);
        }
    }
    plans
        .iter()
        .zip(by_plan)
        .enumerate()
        .filter_map(|(pi, (checked, rows))| {
            let plan = checked.plan.as_ref()?;
            let p = period(plan.year);
            Some(build(pi, checked, plan, rows, p, as_of, lang))
        })
        .collect()
}

/// Build the report of one plan from its evaluated rows (those of plan `pi`).
pub(crate) fn build<'a>(
    pi: usize,
    checked: &'a Checked,
    plan: &'a Plan,
    rows: Vec<Row<'a>>,
    period: Period,
    as_of: NaiveDate,
    lang: Lang,
) -> PlanReport<'a> {
    let year = plan.year;
    let mut sections: Vec<SectionReport<'a>> = Vec::new();
    for row in rows.into_iter().filter(|r| r.plan == pi) {
        // items of the period: their (effective) window meets it; on-demand work belongs to all
        // (a postponed item belongs to the period of its original deadline and to that of the new one)
        let meets = |d: &crate::deadline::Deadline| d.start <= period.to && d.end >= period.from;
        let original = row.item.deadline.as_ref().ok().map(|d| &**d);
        let in_period = match (original, row.item.effective_deadline()) {
            (None, None) => true,
            (a, b) => a.is_some_and(meets) || b.is_some_and(meets),
        };
        if !in_period {
            continue;
        }
        let judgement = judge(row.item, &period, as_of);
        let result = result_text(&row, &judgement, &period, year, lang);
        let item = ReportItem {
            row,
            judgement,
            result,
        };
        match sections.last_mut() {
            Some(s) if std::ptr::eq(s.section, item.row.section) => s.items.push(item),
            _ => sections.push(SectionReport {
                section: item.row.section,
                items: vec![item],
                counts: Counts::default(),
            }),
        }
    }
    for s in &mut sections {
        s.counts = Counts::of(&s.items);
    }
    let total = Counts::of(sections.iter().flat_map(|s| s.items.iter()));
    let indicators = plan
        .indicators
        .iter()
        .map(|ind| {
            let actual = ind.value();
            IndicatorReport {
                name: ind.name.clone(),
                unit: ind.unit.clone(),
                last_year: ind.last_year,
                target: ind.target,
                actual,
                numerator: ind.numerator,
                denominator: ind.denominator,
                fulfilment: match (actual, ind.target) {
                    (Some(a), Some(t)) if t != 0.0 => Some(a / t * 100.0),
                    _ => None,
                },
                stated_mismatch: ind.mismatch().map(|(stated, _)| stated),
            }
        })
        .collect();
    let mut responsibles: Vec<ResponsibleReport> = plan
        .roster
        .iter()
        .map(|r| ResponsibleReport {
            name: r.name.clone(),
            kind: r.kind,
            full_name: r.full_name.clone(),
            person: r.person.clone(),
            items: 0,
            done: 0,
            overdue: 0,
        })
        .collect();
    for i in sections.iter().flat_map(|s| s.items.iter()) {
        let mut seen = Vec::new();
        for r in &i.row.item.responsibles {
            let Some(ix) = r.index else { continue };
            if seen.contains(&ix) {
                continue;
            }
            seen.push(ix);
            let rr = &mut responsibles[ix];
            rr.items += 1;
            if i.judgement.category == Category::Done {
                rr.done += 1;
            }
            if i.row.eval.state == State::Overdue {
                rr.overdue += 1;
            }
        }
    }
    responsibles.retain(|r| r.items > 0);
    PlanReport {
        checked,
        plan,
        period,
        as_of,
        sections,
        total,
        indicators,
        responsibles,
    }
}

/// The «Результат исполнения» of an item: what was done and when, the result as written, the
/// periods covered and the reasons for those missed, the recorded progress — never a state
/// word; empty when nothing is recorded (the report asks for it).
pub(crate) fn result_text(
    row: &Row<'_>,
    j: &Judgement,
    period: &Period,
    year: PlanYear,
    lang: Lang,
) -> String {
    let item = row.item;
    let mut lines: Vec<String> = Vec::new();
    let when = item.done_on.map(|d| i18n::long_date(lang, d));
    match j.category {
        Category::Done if j.periods.is_none() => lines.push(match &when {
            // made a whole report's items over: joined, not formatted
            Some(d) => [lang.pick("Выполнено ", "Done on "), d].concat(),
            None => lang.pick("Выполнено", "Done").to_owned(),
        }),
        Category::PartlyDone if item.status == Status::PartlyDone && j.periods.is_none() => {
            lines.push(match &when {
                Some(d) => [lang.pick("Выполнено частично ", "Partly done on "), d].concat(),
                None => lang.pick("Выполнено частично", "Partly done").to_owned(),
            });
        }
        Category::Postponed => {
            let to = crate::text::lower_first(item.postponed_to.as_deref().unwrap_or("?").trim());
            lines.push(tr!(
                lang,
                "Перенесено: новый срок — {to}",
                "Postponed to {to}"
            ));
        }
        Category::Cancelled => lines.push(lang.pick("Отменено", "Cancelled").to_owned()),
        _ => {}
    }
    if j.done_late
        && let Some(d) = &when
    {
        lines.push(tr!(
            lang,
            "Отмечено выполненным {d} — после окончания периода",
            "Marked done on {d}, after the period's end"
        ));
    }
    if let Some(r) = &item.result {
        lines.push(r.trim().to_owned());
    }
    if let Some(reason) = &item.reason
        && matches!(
            j.category,
            Category::Postponed | Category::Cancelled | Category::NotDone | Category::PartlyDone
        )
    {
        lines.push(tr!(lang, "Причина: {}", "Reason: {}", reason.trim()));
    }
    if let (Some((covered, total)), Some(d)) = (j.periods, item.effective_deadline()) {
        let periods = plural(
            lang,
            total as u64,
            ["периода", "периодов", "периодов"],
            ["period", "periods"],
        );
        let mut line = tr!(lang, "{covered} из {periods}", "{covered} of {periods}");
        let missed: Vec<crate::deadline::Occurrence> = d
            .occurrences
            .iter()
            .filter(|o| o.due >= period.from && o.due <= period.to)
            .filter(|o| !crate::evaluate::covered(item, o, period.to))
            .copied()
            .collect();
        let eval = crate::evaluate::Eval {
            missed: missed.clone(),
            ..row.eval.clone()
        };
        if let Some(m) = view::missed_text(&eval, year, lang) {
            line.push_str("; ");
            line.push_str(&m);
        }
        lines.push(line);
        for r in view::missed_reasons(item, &missed, year, lang) {
            lines.push(tr!(lang, "Причина пропуска — {r}", "Missed — {r}"));
        }
    }
    // the progress recorded in the period (periodic and year-round work, work not yet done)
    if j.periods.is_some() || !matches!(j.category, Category::Done) || item.result.is_none() {
        let entries: Vec<String> = item
            .progress
            .iter()
            .filter(|p| p.date <= period.to && p.day() >= period.from)
            .map(|p| [&i18n::short_date(lang, p.date), " — ", p.text.trim()].concat())
            .collect();
        if !entries.is_empty() {
            lines.push(tr!(
                lang,
                "Ход работы: {}",
                "Progress: {}",
                entries.join("; ")
            ));
        }
    }
    lines.join("\n")
}
