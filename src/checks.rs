//! Named checks of a loaded plan.
//!
//! Each check has a stable kebab-case id, a fixed severity and a description ([`CHECKS`]), which
//! `moc check --list` prints. Some are found while the file is read ([`crate::load`]: syntax, keys,
//! types); the rest run here over the [`Plan`]. Checks return findings as data and never fail.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::deadline::PlanYear;
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Lang;
use crate::load::inner_span;
use crate::model::{Plan, Status};
use crate::roster::{RosterIndex, normalize};
use crate::source::Source;
use crate::tr;

/// A check: its id, its severity and what it is for.
#[derive(Clone, Copy, Debug)]
pub struct CheckInfo {
    pub id: &'static str,
    pub severity: Severity,
    pub ru: &'static str,
    pub en: &'static str,
}

use Severity::{Error, Warning};

/// Every check moc runs, in the order `moc check --list` shows them.
pub const CHECKS: &[CheckInfo] = &[
    CheckInfo {
        id: "toml-syntax",
        severity: Error,
        ru: "файл не читается как TOML (кавычки, скобки, знаки =, повторы ключей)",
        en: "the file does not parse as TOML (quotes, brackets, = signs, repeated keys)",
    },
    CheckInfo {
        id: "merge-conflict",
        severity: Error,
        ru: "в файле остались метки неразрешённого конфликта слияния git",
        en: "the file holds the markers of an unresolved git merge conflict",
    },
    CheckInfo {
        id: "unknown-key",
        severity: Error,
        ru: "ключ, которого нет в формате плана (часто опечатка)",
        en: "a key the plan format does not have (often a typo)",
    },
    CheckInfo {
        id: "missing-key",
        severity: Error,
        ru: "нет обязательного ключа (год плана, номер, название, срок)",
        en: "a required key is missing (the plan's year, a number, a title, a deadline)",
    },
    CheckInfo {
        id: "wrong-type",
        severity: Error,
        ru: "значение не того типа (число вместо строки, таблица вместо массива таблиц)",
        en: "a value of the wrong type (a number for a string, a table for an array of tables)",
    },
    CheckInfo {
        id: "bad-value",
        severity: Error,
        ru: "значение не понято (дата, год плана, вид ответственного)",
        en: "a value is not understood (a date, the plan's year, a kind of responsible)",
    },
    CheckInfo {
        id: "duplicate-section",
        severity: Error,
        ru: "два раздела с одним номером",
        en: "two sections with the same number",
    },
    CheckInfo {
        id: "duplicate-item",
        severity: Error,
        ru: "два мероприятия с одним номером",
        en: "two items with the same number",
    },
    CheckInfo {
        id: "item-number-section",
        severity: Error,
        ru: "номер мероприятия не из его раздела (2.3 в разделе 1)",
        en: "an item number that does not belong to its section (2.3 in section 1)",
    },
    CheckInfo {
        id: "numbering-gap",
        severity: Warning,
        ru: "пропуск или непорядок в нумерации мероприятий",
        en: "a gap or disorder in the numbering of items",
    },
    CheckInfo {
        id: "empty-item",
        severity: Error,
        ru: "мероприятие без названия",
        en: "an item without a title",
    },
    CheckInfo {
        id: "deadline-format",
        severity: Error,
        ru: "срок не понят; показываются ближайшие понятные формы",
        en: "a deadline is not understood; the nearest understood forms are shown",
    },
    CheckInfo {
        id: "deadline-period",
        severity: Warning,
        ru: "срок вне периода плана или с годом, который не совпадает с годом плана",
        en: "a deadline outside the plan's period, or with a year other than the plan's",
    },
    CheckInfo {
        id: "postponed-incomplete",
        severity: Error,
        ru: "перенесённое мероприятие без нового срока (postponed_to) или причины (reason)",
        en: "a postponed item without a new deadline (postponed_to) or a reason (reason)",
    },
    CheckInfo {
        id: "cancelled-reason",
        severity: Error,
        ru: "отменённое мероприятие без причины (reason)",
        en: "a cancelled item without a reason (reason)",
    },
    CheckInfo {
        id: "responsible-known",
        severity: Error,
        ru: "ответственный, которого нет в списке [[responsible]]",
        en: "a responsible who is not in the [[responsible]] roster",
    },
    CheckInfo {
        id: "responsible-unused",
        severity: Warning,
        ru: "ответственный из списка не назначен ни на одно мероприятие",
        en: "a roster entry no item names",
    },
    CheckInfo {
        id: "responsible-missing",
        severity: Warning,
        ru: "у мероприятия нет ответственного",
        en: "an item with no responsible",
    },
    CheckInfo {
        id: "duplicate-responsible",
        severity: Error,
        ru: "одно имя или псевдоним у двух записей списка ответственных",
        en: "one name or alias on two roster entries",
    },
    CheckInfo {
        id: "status-unknown",
        severity: Error,
        ru: "неизвестное состояние мероприятия",
        en: "an unknown status",
    },
    CheckInfo {
        id: "done-result",
        severity: Warning,
        ru: "выполненное мероприятие без результата исполнения (result)",
        en: "a done item without a result (result)",
    },
    CheckInfo {
        id: "done-date",
        severity: Error,
        ru: "дата выполнения позже сегодняшней (--as-of) или вне периода плана",
        en: "a done date after today (--as-of) or outside the plan's period",
    },
    CheckInfo {
        id: "indicator-percent",
        severity: Warning,
        ru: "указанный процент показателя расходится с его же числителем и знаменателем",
        en: "an indicator's stated percentage disagrees with its own numerator and denominator",
    },
];

/// The description of a check in the user's language.
pub fn describe(id: &str, lang: Lang) -> Option<&'static str> {
    CHECKS
        .iter()
        .find(|c| c.id == id)
        .map(|c| lang.pick(c.ru, c.en))
}

fn severity(id: &str) -> Severity {
    CHECKS
        .iter()
        .find(|c| c.id == id)
        .map_or(Error, |c| c.severity)
}

/// Run every check on a loaded plan.
pub fn run(plan: &Plan, src: &Source, as_of: NaiveDate, lang: Lang) -> Vec<Diagnostic> {
    let mut c = Checker {
        plan,
        src,
        lang,
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
    lang: Lang,
    out: Vec<Diagnostic>,
}

/// A number as printed («2.2.», «IV») as its parts (`[2, 2]`, `[4]`).
pub fn number_parts(s: &str) -> Option<Vec<u32>> {
    let s = s.trim().trim_end_matches('.').trim();
    if s.is_empty() {
        return None;
    }
    if let Some(r) = roman_value(s) {
        return Some(vec![r]);
    }
    s.split('.')
        .map(|p| {
            let p = p.trim();
            (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        })
        .collect()
}

/// `I`…`XXXIX` as a number.
pub fn roman_value(s: &str) -> Option<u32> {
    // most numbers are «1.2»: no copy unless the text is made of I, V and X
    if s.is_empty()
        || !s
            .bytes()
            .all(|b| matches!(b.to_ascii_uppercase(), b'I' | b'V' | b'X'))
    {
        return None;
    }
    let s = s.to_ascii_uppercase();
    let val = |c| match c {
        b'I' => 1,
        b'V' => 5,
        _ => 10,
    };
    let bytes = s.as_bytes();
    let mut total = 0i32;
    for (i, &b) in bytes.iter().enumerate() {
        let v = val(b);
        if bytes.get(i + 1).is_some_and(|&n| val(n) > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    u32::try_from(total)
        .ok()
        .filter(|&n| n > 0 && to_roman(n) == s)
}

fn to_roman(mut n: u32) -> String {
    let mut s = String::new();
    for (v, r) in [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")] {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

fn join(parts: &[u32]) -> String {
    parts
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

impl Checker<'_> {
    fn push(
        &mut self,
        code: &'static str,
        span: Option<crate::source::Span>,
        message: String,
        help: Option<String>,
    ) {
        self.out
            .push(Diagnostic::new(code, severity(code), span, message).with_help(help));
    }

    fn numbering(&mut self) {
        let lang = self.lang;
        // sections
        let mut seen_sections: HashMap<Vec<u32>, &str> = HashMap::new();
        for s in &self.plan.sections {
            let Some(parts) = number_parts(&s.number) else {
                continue;
            };
            if let Some(first) = seen_sections.get(&parts) {
                let first = *first;
                self.push(
                    "duplicate-section",
                    s.number_span.clone(),
                    tr!(
                        lang,
                        "раздел {} уже есть (номер {first})",
                        "section {} already exists (number {first})",
                        s.number
                    ),
                    Some(tr!(
                        lang,
                        "исправьте номер раздела",
                        "correct the section number"
                    )),
                );
            } else {
                seen_sections.insert(parts, &s.number);
            }
        }

        // items: one hierarchical scheme (2.3 under section 2) or one flat sequence
        let parsed: Vec<Option<Vec<u32>>> = self
            .plan
            .items()
            .map(|(_, i)| number_parts(&i.number))
            .collect();
        let known = parsed.iter().flatten().count();
        let deep = parsed.iter().flatten().filter(|p| p.len() >= 2).count();
        let hierarchical = known > 0 && deep * 2 >= known;
        let restarts =
            !hierarchical
                && self.plan.sections.iter().skip(1).any(|s| {
                    s.items.first().and_then(|i| number_parts(&i.number)) == Some(vec![1])
                });

        let mut seen: HashMap<(usize, Vec<u32>), &str> = HashMap::new();
        let mut prev_flat: Option<u32> = None;
        // the numbers parsed above, in the same order (sections, then their items)
        let mut parsed = parsed.into_iter();
        for (si, s) in self.plan.sections.iter().enumerate() {
            let section_parts = number_parts(&s.number);
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
                        "duplicate-item",
                        span.clone(),
                        tr!(
                            lang,
                            "мероприятие с номером {} уже есть ({first})",
                            "an item numbered {} already exists ({first})",
                            item.number
                        ),
                        Some(tr!(
                            lang,
                            "у каждого мероприятия свой номер; исправьте этот",
                            "every item has its own number; correct this one"
                        )),
                    );
                    continue;
                }
                let (_, parts) = &key;
                let parts = parts.clone();
                seen.insert(key, &item.number);
                let last = *parts.last().unwrap_or(&0);
                if hierarchical {
                    if parts.len() >= 2 {
                        let prefix = &parts[..parts.len() - 1];
                        if let Some(sp) = &section_parts
                            && prefix != sp.as_slice()
                        {
                            let expected = format!("{}.{}", join(sp), last);
                            self.push(
                                "item-number-section",
                                span.clone(),
                                tr!(
                                    lang,
                                    "мероприятие {} стоит в разделе {}",
                                    "item {} stands in section {}",
                                    item.number,
                                    s.number
                                ),
                                Some(tr!(
                                    lang,
                                    "перенесите его в раздел {} или исправьте номер (например, на {expected})",
                                    "move it to section {} or correct the number (for example, to {expected})",
                                    join(prefix)
                                )),
                            );
                            prev_in_section = Some(last);
                            continue;
                        }
                    }
                    self.gap(
                        prev_in_section,
                        last,
                        &item.number,
                        span,
                        section_parts.as_deref(),
                    );
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
        let lang = self.lang;
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
                "numbering-gap",
                span,
                tr!(
                    lang,
                    "пропущен номер {missing} перед {number}",
                    "number {missing} is skipped before {number}"
                ),
                Some(tr!(
                    lang,
                    "перенумеруйте мероприятия или добавьте пропущенное",
                    "renumber the items or add the missing one"
                )),
            );
        } else {
            self.push(
                "numbering-gap",
                span,
                tr!(
                    lang,
                    "номер {number} идёт не по порядку (ожидался {})",
                    "number {number} is out of order ({} expected)",
                    name(expected)
                ),
                Some(tr!(
                    lang,
                    "мероприятия нумеруются по порядку",
                    "items are numbered in order"
                )),
            );
        }
    }

    fn items(&mut self, as_of: NaiveDate) {
        let lang = self.lang;
        let year = self.plan.meta.year;
        let index = RosterIndex::new(&self.plan.roster);
        for (_, item) in self.plan.items() {
            let n = &item.number;
            if item.title.trim().is_empty() && item.spans.title.is_some() {
                self.push(
                    "empty-item",
                    item.spans.title.get().or(Some(item.spans.header.clone())),
                    tr!(
                        lang,
                        "у мероприятия {n} нет названия",
                        "item {n} has no title"
                    ),
                    Some(tr!(
                        lang,
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
                            "postponed-incomplete",
                            item.spans.status.get(),
                            tr!(
                                lang,
                                "мероприятие {n} перенесено, но не указано, на когда или почему",
                                "item {n} is postponed without a new deadline or a reason"
                            ),
                            Some(tr!(lang, "добавьте: {}", "add: {}", missing.join(", "))),
                        );
                    }
                }
                Status::Cancelled if item.reason.is_none() => {
                    self.push(
                        "cancelled-reason",
                        item.spans.status.get(),
                        tr!(
                            lang,
                            "мероприятие {n} отменено без причины",
                            "item {n} is cancelled without a reason"
                        ),
                        Some(tr!(
                            lang,
                            "добавьте reason = \"…\" — причина попадёт в отчёт",
                            "add reason = \"…\" — the reason goes into the report"
                        )),
                    );
                }
                Status::Done | Status::PartlyDone if item.result.is_none() => {
                    self.push(
                        "done-result",
                        item.spans.status.get(),
                        tr!(
                            lang,
                            "мероприятие {n} выполнено, но результат не записан",
                            "item {n} is done but has no result"
                        ),
                        Some(tr!(
                            lang,
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
                        "done-date",
                        span,
                        tr!(
                            lang,
                            "дата выполнения {done} ещё не наступила (сегодня {as_of})",
                            "the done date {done} is after today ({as_of})"
                        ),
                        Some(tr!(
                            lang,
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
                            "done-date",
                            span,
                            tr!(
                                lang,
                                "дата выполнения {done} вне периода плана ({y})",
                                "the done date {done} lies outside the plan's period ({y})"
                            ),
                            Some(tr!(
                                lang,
                                "проверьте год в дате",
                                "check the year of the date"
                            )),
                        );
                    }
                }
            }
            // responsibles
            if item.responsibles.is_empty() {
                self.push(
                    "responsible-missing",
                    item.spans.responsible.get().or(item.spans.number.get()),
                    tr!(
                        lang,
                        "у мероприятия {n} нет ответственного",
                        "item {n} has no responsible"
                    ),
                    Some(tr!(
                        lang,
                        "добавьте responsible = \"…\" из списка ответственных",
                        "add responsible = \"…\" from the roster"
                    )),
                );
            }
            for r in &item.responsibles {
                if r.index.is_some() {
                    continue;
                }
                let near = index.suggest(&r.text);
                let help = if near.is_empty() {
                    tr!(
                        lang,
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
                    tr!(
                        lang,
                        "возможно, имелось в виду {list}",
                        "did you mean {list}?"
                    )
                };
                self.push(
                    "responsible-known",
                    Some(r.span.clone()),
                    tr!(
                        lang,
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
        let lang = self.lang;
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
                    Some(tr!(
                        lang,
                        "понятные формы: {list}",
                        "forms moc understands: {list}"
                    ))
                };
                self.push(
                    "deadline-format",
                    Some(at),
                    tr!(
                        lang,
                        "срок мероприятия {n} не понят: {}",
                        "the deadline of item {n} is not understood: {}",
                        e.message(lang)
                    ),
                    help,
                );
            }
            Ok(d) => {
                let Some(y) = year else { return };
                let (ps, pe) = y.period();
                let plan_years = y.years();
                let outside = d.end < ps || d.start > pe;
                let odd_year = d.years.iter().copied().find(|yy| !plan_years.contains(yy));
                // a window that starts inside the plan and runs on («сентябрь 2026 – май 2027»)
                let runs_on = d.start >= ps && d.start <= pe;
                let msg = if outside {
                    tr!(
                        lang,
                        "срок мероприятия {n} вне периода плана ({y})",
                        "the deadline of item {n} lies outside the plan's period ({y})"
                    )
                } else if let Some(yy) = odd_year.filter(|_| !runs_on) {
                    tr!(
                        lang,
                        "в сроке мероприятия {n} указан {yy} год, а план на {y}",
                        "the deadline of item {n} names {yy}, but the plan is for {y}"
                    )
                } else {
                    return;
                };
                self.push(
                    "deadline-period",
                    Some(span.clone()),
                    msg,
                    Some(tr!(
                        lang,
                        "проверьте год в сроке",
                        "check the year in the deadline"
                    )),
                );
            }
        }
    }

    fn roster(&mut self) {
        let lang = self.lang;
        let mut owner: HashMap<String, usize> = HashMap::new();
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
                            "duplicate-responsible",
                            Some(r.name_span.clone()),
                            tr!(
                                lang,
                                "имя «{name}» уже есть у ответственного «{other}»",
                                "the name «{name}» already belongs to «{other}»"
                            ),
                            Some(tr!(
                                lang,
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
                    "responsible-unused",
                    Some(r.name_span.clone()),
                    tr!(
                        lang,
                        "ответственный «{}» не назначен ни на одно мероприятие",
                        "«{}» is named by no item",
                        r.name
                    ),
                    Some(tr!(
                        lang,
                        "назначьте его на мероприятие или удалите из списка",
                        "name it in an item or remove it from the roster"
                    )),
                );
            }
        }
    }

    fn indicators(&mut self) {
        let lang = self.lang;
        for ind in &self.plan.indicators {
            if let Some((stated, computed)) = ind.mismatch() {
                let (s, c) = (
                    crate::i18n::decimal(lang, stated, 1),
                    crate::i18n::decimal(lang, computed, 1),
                );
                self.push(
                    "indicator-percent",
                    ind.actual_span.clone().or(Some(ind.span.clone())),
                    tr!(
                        lang,
                        "показатель «{}»: указано {s} %, а по числителю и знаменателю выходит {c} %",
                        "indicator «{}»: {s}% is stated, but the numerator and denominator give {c}%",
                        ind.name
                    ),
                    Some(tr!(lang, "исправьте actual или уберите его: moc посчитает процент сам", "correct actual or remove it: moc computes the share itself")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(number_parts("2.2."), Some(vec![2, 2]));
        assert_eq!(number_parts(" 4 "), Some(vec![4]));
        assert_eq!(number_parts("IV"), Some(vec![4]));
        assert_eq!(number_parts("1.1а"), None);
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(roman_value("XIV"), Some(14));
    }

    #[test]
    fn every_check_is_described_once() {
        let mut ids: Vec<_> = CHECKS.iter().map(|c| c.id).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n);
    }
}
