//! The checks that run over a loaded [`Plan`]: numbering, deadlines, statuses, responsibles,
//! indicators (the checks of reading are in [`crate::load`]).

use rustc_hash::FxHashMap as HashMap;

use chrono::NaiveDate;

use super::Check;
use crate::deadline::PlanYear;
use crate::diagnostic::Diagnostic;
use crate::i18n::{Lang, Text};
use crate::load::inner_span;
use crate::model::{Plan, Status};
use crate::roster::{RosterIndex, normalize};
use crate::source::Source;
use crate::text;

/// How many distinct unknown names of a plan get a did-you-mean (each costs a pass over the
/// roster; a plan has a handful, a broken file may have thousands).
const SUGGEST_AT_MOST: usize = 64;

/// Run every check on a loaded plan.
pub(super) fn run(
    plan: &Plan,
    src: &Source,
    as_of: NaiveDate,
    indicators: &crate::indicators::Catalogue,
) -> Vec<Diagnostic> {
    let mut c = Checker {
        plan,
        src,
        indicators,
        out: Vec::new(),
    };
    c.numbering();
    c.items(as_of);
    c.roster();
    c.indicators();
    c.out
}

struct Checker<'a> {
    plan: &'a Plan,
    src: &'a Source,
    indicators: &'a crate::indicators::Catalogue,
    out: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn push(
        &mut self,
        check: Check,
        span: Option<crate::source::Span>,
        message: Text,
        help: Option<Text>,
    ) {
        self.out
            .push(Diagnostic::new(check, span, message).with_help(help));
    }

    fn numbering(&mut self) {
        // sections
        let mut seen_sections: HashMap<&[u32], &str> = HashMap::default();
        for s in &self.plan.sections {
            let Some(parts) = s.number.parts() else {
                continue;
            };
            if let Some(first) = seen_sections.get(&parts) {
                let first = *first;
                self.push(
                    Check::DuplicateSection,
                    s.number_span.clone(),
                    text!(
                        "раздел {} уже есть (номер {first})",
                        "section {} already exists (number {first})",
                        s.number
                    ),
                    Some(text!(
                        "исправьте номер раздела",
                        "correct the section number"
                    )),
                );
            } else {
                seen_sections.insert(parts, &s.number);
            }
        }

        // items: one hierarchical scheme (2.3 under section 2) or one flat sequence
        let parsed: Vec<Option<&[u32]>> =
            self.plan.items().map(|(_, i)| i.number.parts()).collect();
        let known = parsed.iter().flatten().count();
        let deep = parsed.iter().flatten().filter(|p| p.len() >= 2).count();
        let hierarchical = known > 0 && deep * 2 >= known;
        let restarts = !hierarchical
            && self
                .plan
                .sections
                .iter()
                .skip(1)
                .any(|s| s.items.first().and_then(|i| i.number.parts()) == Some(&[1][..]));

        let mut seen: HashMap<(usize, &[u32]), &str> = HashMap::default();
        let mut prev_flat: Option<u32> = None;
        // the numbers parsed above, in the same order (sections, then their items)
        let mut parsed = parsed.into_iter();
        for (si, s) in self.plan.sections.iter().enumerate() {
            let section_parts = s.number.parts();
            let mut prev_in_section: Option<u32> = None;
            for item in &s.items {
                let Some(parts) = parsed.next().flatten() else {
                    continue;
                };
                let span = item.spans.number.get();
                let scope = if hierarchical || !restarts { 0 } else { si + 1 };
                let key = (scope, parts);
                if let Some(first) = seen.get(&key) {
                    let first = *first;
                    self.push(
                        Check::DuplicateItem,
                        span.clone(),
                        text!(
                            "мероприятие с номером {} уже есть ({first})",
                            "an item numbered {} already exists ({first})",
                            item.number
                        ),
                        Some(text!(
                            "у каждого мероприятия свой номер; исправьте этот",
                            "every item has its own number; correct this one"
                        )),
                    );
                    continue;
                }
                seen.insert(key, &item.number);
                let last = *parts.last().unwrap_or(&0);
                if hierarchical {
                    if parts.len() >= 2 {
                        let prefix = &parts[..parts.len() - 1];
                        if let Some(sp) = &section_parts
                            && prefix != *sp
                        {
                            let expected = format!("{}.{}", join(sp), last);
                            self.push(
                                Check::ItemNumberSection,
                                span.clone(),
                                text!("мероприятие {} стоит в разделе {}",
                                    "item {} stands in section {}",
                                    item.number,
                                    s.number
                                ),
                                Some(text!("перенесите его в раздел {} или исправьте номер (например, на {expected})",
                                    "move it to section {} or correct the number (for example, to {expected})",
                                    join(prefix)
                                )),
                            );
                            prev_in_section = Some(last);
                            continue;
                        }
                    }
                    self.gap(prev_in_section, last, &item.number, span, section_parts);
                    prev_in_section = Some(last);
                } else {
                    let expected_prev = if prev_in_section.is_none() && restarts {
                        None
                    } else {
                        prev_flat.or(prev_in_section)
                    };
                    let expected_prev = if prev_in_section.is_some() {
                        prev_in_section
                    } else {
                        expected_prev
                    };
                    self.gap(expected_prev, last, &item.number, span, None);
                    prev_in_section = Some(last);
                    prev_flat = Some(last);
                }
            }
        }
    }

    fn gap(
        &mut self,
        prev: Option<u32>,
        n: u32,
        number: &str,
        span: Option<crate::source::Span>,
        prefix: Option<&[u32]>,
    ) {
        let expected = prev.map_or(1, |p| p + 1);
        if n == expected {
            return;
        }
        let name = |k: u32| match prefix {
            Some(p) => format!("{}.{k}", join(p)),
            None => k.to_string(),
        };
        if n > expected {
            let missing = if n - expected == 1 {
                name(expected)
            } else {
                format!("{}–{}", name(expected), name(n - 1))
            };
            self.push(
                Check::NumberingGap,
                span,
                text!(
                    "пропущен номер {missing} перед {number}",
                    "number {missing} is skipped before {number}"
                ),
                Some(text!(
                    "перенумеруйте мероприятия или добавьте пропущенное",
                    "renumber the items or add the missing one"
                )),
            );
        } else {
            self.push(
                Check::NumberingGap,
                span,
                text!(
                    "номер {number} идёт не по порядку (ожидался {})",
                    "number {number} is out of order ({} expected)",
                    name(expected)
                ),
                Some(text!(
                    "мероприятия нумеруются по порядку",
                    "items are numbered in order"
                )),
            );
        }
    }

    fn items(&mut self, as_of: NaiveDate) {
        let year = self.plan.meta.year;
        let index = RosterIndex::new(&self.plan.roster);
        let mut suggested: HashMap<String, Vec<String>> = HashMap::default();
        for (_, item) in self.plan.items() {
            let n = &item.number;
            if item.title.trim().is_empty() && item.spans.title.is_some() {
                self.push(
                    Check::EmptyItem,
                    item.spans.title.get().or(Some(item.spans.header.clone())),
                    text!("у мероприятия {n} нет названия", "item {n} has no title"),
                    Some(text!(
                        "впишите название или удалите пустое мероприятие",
                        "write the title or delete the empty item"
                    )),
                );
            }
            // deadlines
            if let Some(span) = &item.spans.deadline.get() {
                self.deadline(&item.deadline, &item.deadline_phrase, span, n, year);
            }
            if let (Some(res), Some(phrase), Some(span)) = (
                &item.new_deadline,
                &item.postponed_to,
                &item.spans.postponed_to.get(),
            ) && res.is_err()
            {
                self.deadline(res, phrase, span, n, year);
            }
            // statuses
            match item.status {
                Status::Postponed => {
                    let mut missing = Vec::new();
                    if item
                        .postponed_to
                        .as_deref()
                        .is_none_or(|s| s.trim().is_empty())
                    {
                        missing.push("postponed_to = \"Январь 2027 г.\"");
                    }
                    if item.reason.is_none() {
                        missing.push("reason = \"…\"");
                    }
                    if !missing.is_empty() {
                        self.push(
                            Check::PostponedIncomplete,
                            item.spans.status.get(),
                            text!(
                                "мероприятие {n} перенесено, но не указано, на когда или почему",
                                "item {n} is postponed without a new deadline or a reason"
                            ),
                            Some(text!("добавьте: {}", "add: {}", missing.join(", "))),
                        );
                    }
                }
                Status::Cancelled if item.reason.is_none() => {
                    self.push(
                        Check::CancelledReason,
                        item.spans.status.get(),
                        text!(
                            "мероприятие {n} отменено без причины",
                            "item {n} is cancelled without a reason"
                        ),
                        Some(text!(
                            "добавьте reason = \"…\" — причина попадёт в отчёт",
                            "add reason = \"…\" — the reason goes into the report"
                        )),
                    );
                }
                Status::Done | Status::PartlyDone if item.result.is_none() => {
                    self.push(
                        Check::DoneResult,
                        item.spans.status.get(),
                        text!(
                            "мероприятие {n} выполнено, но результат не записан",
                            "item {n} is done but has no result"
                        ),
                        Some(text!(
                            "добавьте result = \"…\" — это графа «Результат исполнения» отчёта",
                            "add result = \"…\" — the report's result column"
                        )),
                    );
                }
                _ => {}
            }
            if let Some(done) = item.done_on {
                let span = item.spans.done_on.get();
                if done > as_of {
                    self.push(
                        Check::DoneDate,
                        span,
                        text!(
                            "дата выполнения {done} ещё не наступила (сегодня {as_of})",
                            "the done date {done} is after today ({as_of})"
                        ),
                        Some(text!(
                            "проверьте дату: выполнить мероприятие в будущем нельзя",
                            "check the date: work cannot be done in the future"
                        )),
                    );
                } else if let Some(y) = year {
                    let (s, e) = y.period();
                    // work of the plan is done within it, or shortly before (preparation in December)
                    let early = s - chrono::Duration::days(92);
                    let late = e + chrono::Duration::days(92);
                    if done < early || done > late {
                        self.push(
                            Check::DoneDate,
                            span,
                            text!(
                                "дата выполнения {done} вне периода плана ({y})",
                                "the done date {done} lies outside the plan's period ({y})"
                            ),
                            Some(text!("проверьте год в дате", "check the year of the date")),
                        );
                    }
                }
            }
            // responsibles
            if item.responsibles.is_empty() {
                self.push(
                    Check::ResponsibleMissing,
                    item.spans.responsible.get().or(item.spans.number.get()),
                    text!(
                        "у мероприятия {n} нет ответственного",
                        "item {n} has no responsible"
                    ),
                    Some(text!(
                        "добавьте responsible = \"…\" из списка ответственных",
                        "add responsible = \"…\" from the roster"
                    )),
                );
            }
            for r in &item.responsibles {
                if r.index.is_some() {
                    continue;
                }
                // each unknown name is measured against the roster once, and only the first
                // SUGGEST_AT_MOST of them: a file of thousands of unknown names stays linear
                let key = normalize(&r.text);
                let near = match suggested.get(&key) {
                    Some(near) => near.clone(),
                    None if suggested.len() < SUGGEST_AT_MOST => {
                        let near = index.suggest(&r.text);
                        suggested.insert(key, near.clone());
                        near
                    }
                    None => Vec::new(),
                };
                let help = if near.is_empty() {
                    text!(
                        "добавьте «{}» в список [[responsible]] или выберите имя из списка",
                        "add «{}» to the [[responsible]] roster or pick a name from it",
                        r.text
                    )
                } else {
                    let list = near
                        .iter()
                        .map(|s| format!("«{s}»"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    text!("возможно, имелось в виду {list}", "did you mean {list}?")
                };
                self.push(
                    Check::ResponsibleKnown,
                    Some(r.span.clone()),
                    text!(
                        "ответственного «{}» нет в списке",
                        "«{}» is not in the roster",
                        r.text
                    ),
                    Some(help),
                );
            }
        }
    }

    fn deadline(
        &mut self,
        parsed: &crate::model::Understood,
        phrase: &str,
        span: &crate::source::Span,
        n: &str,
        year: Option<PlanYear>,
    ) {
        match parsed {
            Err(e) => {
                let at = inner_span(&self.src.text, span, phrase, e.span.clone());
                let help = if e.suggestions.is_empty() {
                    None
                } else {
                    let list = e
                        .suggestions
                        .iter()
                        .map(|s| format!("«{s}»"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    Some(text!(
                        "понятные формы: {list}",
                        "forms moc understands: {list}"
                    ))
                };
                self.push(
                    Check::DeadlineFormat,
                    Some(at),
                    Text {
                        ru: format!("срок мероприятия {n} не понят: {}", e.message(Lang::Ru)),
                        en: format!(
                            "the deadline of item {n} is not understood: {}",
                            e.message(Lang::En)
                        ),
                    },
                    help,
                );
            }
            Ok(d) => {
                if let Some(rest) = &d.rest {
                    let rest = crate::text::shorten(rest, 60);
                    self.push(
                        Check::DeadlinePlace,
                        Some(span.clone()),
                        text!(
                            "в сроке мероприятия {n} кроме даты записано «{rest}»: срок — дата, это — место или заметка",
                            "the deadline of item {n} holds «{rest}» beside the date: the date is the deadline, this a place or a note"
                        ),
                        Some(text!(
                            "место проведения можно перенести в notes",
                            "a venue may go to notes"
                        )),
                    );
                }
                let Some(y) = year else { return };
                let (ps, pe) = y.period();
                let plan_years = y.years();
                let outside = d.end < ps || d.start > pe;
                let odd_year = d.years.iter().copied().find(|yy| !plan_years.contains(yy));
                // a window that starts inside the plan and runs on («сентябрь 2026 – май 2027»)
                let runs_on = d.start >= ps && d.start <= pe;
                let msg = if outside {
                    text!(
                        "срок мероприятия {n} вне периода плана ({y})",
                        "the deadline of item {n} lies outside the plan's period ({y})"
                    )
                } else if d.clamped {
                    text!(
                        "срок мероприятия {n} уходит далеко за период плана ({y}): moc учитывает его в пределах года до и после плана",
                        "the deadline of item {n} runs far beyond the plan's period ({y}): moc takes it within a year either side of the plan"
                    )
                } else if let Some(yy) = odd_year.filter(|_| !runs_on) {
                    text!(
                        "в сроке мероприятия {n} указан {yy} год, а план на {y}",
                        "the deadline of item {n} names {yy}, but the plan is for {y}"
                    )
                } else {
                    return;
                };
                self.push(
                    Check::DeadlinePeriod,
                    Some(span.clone()),
                    msg,
                    Some(text!(
                        "проверьте год в сроке",
                        "check the year in the deadline"
                    )),
                );
            }
        }
    }

    fn roster(&mut self) {
        let mut owner: HashMap<String, usize> = HashMap::default();
        for (i, r) in self
            .plan
            .roster
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.shared)
        {
            for name in std::iter::once(&r.name).chain(r.aliases.iter()) {
                let key = normalize(name);
                match owner.get(&key) {
                    Some(&j) if j != i => {
                        let other = &self.plan.roster[j].name;
                        self.push(
                            Check::DuplicateResponsible,
                            Some(r.name_span.clone()),
                            text!(
                                "имя «{name}» уже есть у ответственного «{other}»",
                                "the name «{name}» already belongs to «{other}»"
                            ),
                            Some(text!(
                                "объедините записи или уберите повторяющийся псевдоним",
                                "merge the entries or remove the repeated alias"
                            )),
                        );
                    }
                    _ => {
                        owner.insert(key, i);
                    }
                }
            }
        }
        let mut used = vec![false; self.plan.roster.len()];
        for (_, item) in self.plan.items() {
            for r in &item.responsibles {
                if let Some(i) = r.index {
                    used[i] = true;
                }
            }
        }
        for (i, r) in self.plan.roster.iter().enumerate() {
            // the region's shared entries are for every plan; not every plan names them
            if !used[i] && !r.shared {
                self.push(
                    Check::ResponsibleUnused,
                    Some(r.name_span.clone()),
                    text!(
                        "ответственный «{}» не назначен ни на одно мероприятие",
                        "«{}» is named by no item",
                        r.name
                    ),
                    Some(text!(
                        "назначьте его на мероприятие или удалите из списка",
                        "name it in an item or remove it from the roster"
                    )),
                );
            }
        }
    }

    fn indicators(&mut self) {
        for ind in &self.plan.indicators {
            self.indicator_id(ind);
            if let Some(d) = ind.denominator
                && d <= 0.0
            {
                let name = &ind.name;
                self.push(
                    Check::IndicatorValue,
                    Some(ind.span.clone()),
                    text!(
                        "показатель «{name}»: знаменатель доли {d} — доля из нуля не считается",
                        "indicator «{name}»: the denominator is {d} — no share of nothing"
                    ),
                    Some(text!(
                        "впишите в denominator, из скольких (больше нуля), или уберите numerator и denominator",
                        "write in denominator how many of (above zero), or remove numerator and denominator"
                    )),
                );
            }
            if let Some((stated, computed)) = ind.mismatch() {
                let ru = |x| crate::i18n::decimal(Lang::Ru, x, 1);
                let en = |x| crate::i18n::decimal(Lang::En, x, 1);
                let name = &ind.name;
                self.push(
                    Check::IndicatorPercent,
                    ind.actual_span.clone().or(Some(ind.span.clone())),
                    Text {
                        ru: format!(
                            "показатель «{name}»: указано {} %, а по числителю и знаменателю выходит {} %",
                            ru(stated),
                            ru(computed)
                        ),
                        en: format!(
                            "indicator «{name}»: {}% is stated, but the numerator and denominator give {}%",
                            en(stated),
                            en(computed)
                        ),
                    },
                    Some(text!("исправьте actual или уберите его: moc посчитает процент сам", "correct actual or remove it: moc computes the share itself")),
                );
            }
        }
    }
}

impl Checker<'_> {
    /// An indicator's id: one the catalogue or `moc.toml` knows (else a did-you-mean); without
    /// an id, the catalogue's id its name reads like, offered as a note.
    fn indicator_id(&mut self, ind: &crate::model::Indicator) {
        let name = &ind.name;
        match &ind.id {
            Some(id) if self.indicators.get(id).is_none() => {
                let near = crate::suggest::nearest(id, self.indicators.ids())
                    .map(str::to_owned)
                    .or_else(|| {
                        self.indicators
                            .by_name(name, ind.unit.as_deref())
                            .map(|e| e.id.clone())
                    });
                let help = match near {
                    Some(n) => text!(
                        "возможно, имелось в виду id = \"{n}\"; коды каталога: moc indicator list",
                        "did you mean id = \"{n}\"? The catalogue's ids: moc indicator list"
                    ),
                    None => text!(
                        "возьмите код из каталога (moc indicator list) или объявите показатель в moc.toml: [[indicator]] id = \"{id}\"",
                        "take an id from the catalogue (moc indicator list) or declare it in moc.toml: [[indicator]] id = \"{id}\""
                    ),
                };
                self.push(
                    Check::IndicatorId,
                    ind.id_span.clone().or(Some(ind.span.clone())),
                    text!(
                        "показатель «{name}»: кода «{id}» нет ни в каталоге, ни в moc.toml",
                        "indicator «{name}»: the id «{id}» is neither in the catalogue nor in moc.toml"
                    ),
                    Some(help),
                );
            }
            Some(_) => {}
            None => {
                if let Some(e) = self.indicators.by_name(name, ind.unit.as_deref()) {
                    let (id, canon) = (&e.id, &e.name);
                    self.push(
                        Check::IndicatorName,
                        Some(ind.name_span.clone()),
                        text!(
                            "показатель «{name}» похож на «{canon}» из каталога",
                            "indicator «{name}» reads like «{canon}» of the catalogue"
                        ),
                        Some(text!(
                            "впишите id = \"{id}\", и регион сложит его с показателями других муниципалитетов",
                            "write id = \"{id}\", and the region adds it up with the other municipalities'"
                        )),
                    );
                }
            }
        }
    }
}

/// `[2, 3]` → `2.3`.
fn join(parts: &[u32]) -> String {
    parts
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(".")
}
