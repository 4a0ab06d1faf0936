//! A plan's own tables, read by the [`Walker`]: the heading, the roster, sections and items,
//! indicators — each key checked against [`crate::format`], each value kept with its span.

use super::tree::{Node, Table};
use toml::Spanned;

use super::inner_span;
use super::walk::{Tbl, Walker, What};
use crate::checks::Check;
use crate::deadline::{DeadlineError, PlanYear};
use crate::diagnostic::Diagnostic;
use crate::format;
use crate::i18n::Text;
use crate::model::{
    Approval, Indicator, Item, ItemSpans, Meta, Missed, Number, Plan, Progress, ReportOptions,
    Responsible, ResponsibleKind, ResponsibleRef, Section, Signature, Status,
};
use crate::roster::RosterIndex;
use crate::source::Span;
use crate::text;

impl Walker<'_> {
    pub(super) fn plan(
        &mut self,
        root: &Spanned<Table<'_>>,
        fallback: PlanYear,
        shared: &[Responsible],
    ) -> Plan {
        let root_t = Tbl {
            t: root.get_ref(),
            span: 0..0,
            what: What::Table(&format::FILE),
        };
        self.unknown_keys(&root_t, &format::FILE);
        let mut meta = if let Some((t, span)) = self.table(&root_t, "plan") {
            self.meta(&Tbl {
                t,
                span,
                what: What::Table(&format::PLAN),
            })
        } else {
            if root_t.get("plan").is_none() {
                self.push(
                    Diagnostic::new(
                        Check::MissingKey,
                        Some(0..0),
                        text!("в файле нет таблицы [plan]", "the file has no [plan] table"),
                    )
                    .with_help(text!(
                        "начните файл с [plan] и ключей title = \"…\" и year = 2026",
                        "start the file with [plan] and the keys title = \"…\" and year = 2026"
                    )),
                );
            }
            Meta { ..Meta::default() }
        };
        let year = meta.year.unwrap_or(fallback);
        meta.report = self.report_options(&root_t);

        let mut roster = Vec::new();
        for (t, span) in self.tables(&root_t, "responsible", "responsible") {
            let tbl = Tbl {
                t,
                span,
                what: What::Table(&format::RESPONSIBLE),
            };
            if let Some(r) = self.responsible(&tbl) {
                roster.push(r);
            }
        }
        // the region's entries that the plan does not list itself
        let own = RosterIndex::new(&roster);
        for r in shared {
            let named = std::iter::once(&r.name)
                .chain(r.aliases.iter())
                .any(|n| own.find(n).is_some());
            if !named {
                roster.push(Responsible {
                    shared: true,
                    ..r.clone()
                });
            }
        }
        let index = RosterIndex::new(&roster);

        let mut sections = Vec::new();
        for (t, span) in self.tables(&root_t, "section", "section") {
            let tbl = Tbl {
                t,
                span,
                what: What::Table(&format::SECTION),
            };
            sections.push(self.section(&tbl, year, &index));
        }

        let mut indicators = Vec::new();
        for (t, span) in self.tables(&root_t, "indicator", "indicator") {
            let tbl = Tbl {
                t,
                span,
                what: What::Table(&format::INDICATOR),
            };
            if let Some(i) = self.indicator(&tbl) {
                indicators.push(i);
            }
        }
        Plan {
            meta,
            year,
            roster,
            sections,
            indicators,
        }
    }

    pub(super) fn meta(&mut self, t: &Tbl<'_, '_>) -> Meta {
        self.unknown_keys(t, &format::PLAN);
        let title = self
            .string(t, "title", true)
            .map(|(s, _)| s)
            .unwrap_or_default();
        let year = match t.get("year") {
            None => {
                self.missing(t, "year");
                None
            }
            Some(v) => {
                let span = v.span();
                let parsed = match v.get_ref() {
                    Node::Integer(i) => PlanYear::parse(i.as_str()),
                    Node::String(s) => PlanYear::parse(s),
                    _ => None,
                };
                if parsed.is_none() {
                    self.bad_value(
                        span.clone(),
                        text!("год плана не понят", "the plan's year is not understood"),
                        Some(text!("пишите календарный год числом (year = 2026) или учебный год строкой (year = \"2026/2027\")",
                            "write a calendar year as a number (year = 2026) or an academic year as a string (year = \"2026/2027\")"
                        )),
                    );
                }
                parsed
            }
        };
        let approval = self.table(t, "approval").map(|(at, span)| {
            let tbl = Tbl {
                t: at,
                span,
                what: What::Table(&format::APPROVAL),
            };
            self.unknown_keys(&tbl, &format::APPROVAL);
            Approval {
                heading: self.opt_string(&tbl, "heading"),
                position: self.opt_string(&tbl, "position"),
                name: self.opt_string(&tbl, "name"),
                date: self.date(&tbl, "date").map(|(d, _)| d),
                order: self.opt_string(&tbl, "order"),
            }
        });
        let signature = self.table(t, "signature").map(|(st, span)| {
            let tbl = Tbl {
                t: st,
                span,
                what: What::Table(&format::SIGNATURE),
            };
            self.unknown_keys(&tbl, &format::SIGNATURE);
            Signature {
                position: self.opt_string(&tbl, "position"),
                name: self.opt_string(&tbl, "name"),
                executor: self.opt_string(&tbl, "executor"),
                phone: self.opt_string(&tbl, "phone"),
            }
        });
        // the language of documents is checked for its type; documents follow --lang
        let _ = self.opt_string(t, "language");
        Meta {
            title,
            organisation: self.opt_string(t, "organisation"),
            municipality: self.opt_string(t, "municipality"),
            region: self.opt_string(t, "region"),
            year,
            goal: self.opt_string(t, "goal"),
            tasks: self
                .string_list(t, "tasks")
                .into_iter()
                .map(|(s, _)| s)
                .collect(),
            approval,
            signature,
            report: ReportOptions::default(),
        }
    }

    /// `[report]` under `parent` (a plan file or `moc.toml`): what the report shows.
    pub(super) fn report_options(&mut self, parent: &Tbl<'_, '_>) -> ReportOptions {
        let Some((t, span)) = self.table(parent, "report") else {
            return ReportOptions::default();
        };
        let tbl = Tbl {
            t,
            span,
            what: What::Table(&format::REPORT),
        };
        self.unknown_keys(&tbl, &format::REPORT);
        ReportOptions {
            footer: self.flag(&tbl, "footer"),
            approval: self.flag(&tbl, "approval"),
        }
    }

    /// `true` or `false`; anything else is reported, with the value as it should be written.
    fn flag(&mut self, t: &Tbl<'_, '_>, key: &str) -> Option<bool> {
        let v = t.get(key)?;
        if let Node::Boolean(b) = v.get_ref() {
            return Some(*b);
        }
        self.wrong_type(key, v, ("true или false", "true or false"));
        let meant = match v.get_ref() {
            Node::String(s) => {
                let s = crate::i18n::fold(s);
                match s.trim() {
                    "да" | "true" | "yes" | "1" => Some(true),
                    "нет" | "false" | "no" | "0" => Some(false),
                    _ => None,
                }
            }
            Node::Integer(i) => match i.as_str() {
                "1" => Some(true),
                "0" => Some(false),
                _ => None,
            },
            _ => None,
        };
        let help = match meant {
            Some(b) => text!(
                "пишите без кавычек: {key} = {b}",
                "write it without quotes: {key} = {b}"
            ),
            None => text!(
                "пишите {key} = true (показывать) или {key} = false (не показывать)",
                "write {key} = true (shown) or {key} = false (left out)"
            ),
        };
        if let Some(last) = self.diags.last_mut() {
            last.help = Some(help);
        }
        None
    }

    pub(super) fn responsible(&mut self, t: &Tbl<'_, '_>) -> Option<Responsible> {
        self.unknown_keys(t, &format::RESPONSIBLE);
        let (name, name_span) = self.string(t, "name", true)?;
        let kind = match self.string(t, "kind", false) {
            None => ResponsibleKind::Role,
            Some((k, span)) => ResponsibleKind::parse(&k).unwrap_or_else(|| {
                self.bad_value(
                    span,
                    text!(
                        "неизвестный вид ответственного «{k}»",
                        "unknown kind of responsible «{k}»"
                    ),
                    Some(text!(
                        "вид бывает: {}",
                        "the kinds are: {}",
                        ResponsibleKind::IDS.join(", ")
                    )),
                );
                ResponsibleKind::Role
            }),
        };
        Some(Responsible {
            name,
            kind,
            aliases: self
                .string_list(t, "aliases")
                .into_iter()
                .map(|(s, _)| s)
                .collect(),
            full_name: self.opt_string(t, "full_name"),
            person: self.opt_string(t, "person"),
            name_span,
            shared: false,
        })
    }

    fn section(&mut self, t: &Tbl<'_, '_>, year: PlanYear, index: &RosterIndex) -> Section {
        self.unknown_keys(t, &format::SECTION);
        let number = self.string(t, "number", true);
        let title = self.string(t, "title", true);
        let section_number = t.get("number").and_then(|v| v.get_ref().as_str());
        let tables = self.tables(t, "item", "section.item");
        let mut items = Vec::with_capacity(tables.len());
        for (it, span) in tables {
            let num = it
                .get("number")
                .and_then(|v| v.get_ref().as_str())
                .unwrap_or("?");
            let tbl = Tbl {
                t: it,
                span,
                what: What::Item {
                    num,
                    section: section_number,
                },
            };
            items.push(self.item(&tbl, year, index));
        }
        Section {
            number: Number::parse(number.as_ref().map_or("", |(n, _)| n.as_str())),
            title: title.map(|(s, _)| s).unwrap_or_default(),
            items,
            number_span: number.map(|(_, s)| s),
        }
    }

    fn item(&mut self, t: &Tbl<'_, '_>, year: PlanYear, index: &RosterIndex) -> Item {
        self.unknown_keys(t, &format::ITEM);
        let number = self.string(t, "number", true);
        let title = self.string(t, "title", true);
        let deadline = self.string(t, "deadline", true);
        let deadline_parsed = match &deadline {
            Some((phrase, _)) => self.deadlines.parse(phrase, year),
            None => Err(Box::new(DeadlineError::empty())),
        };

        // responsibles: one string with commas, or an array of names
        let mut responsible_phrase = String::new();
        let mut responsibles = Vec::new();
        let mut responsible_span = None;
        if let Some(v) = t.get("responsible") {
            responsible_span = Some(v.span());
            let parts: Vec<(String, Span)> = match v.get_ref() {
                Node::String(s) => vec![(s.to_string(), v.span())],
                Node::Array(_) => self.string_list(t, "responsible"),
                _ => {
                    self.wrong_type(
                        "responsible",
                        v,
                        ("строка или список строк", "a string or a list of strings"),
                    );
                    Vec::new()
                }
            };
            let phrases: Vec<&str> = parts.iter().map(|(s, _)| s.as_str()).collect();
            responsible_phrase = phrases.join(", ");
            for (phrase, span) in &parts {
                if !self.splits.contains_key(phrase.as_str()) {
                    self.splits.insert(phrase.clone(), index.split(phrase));
                }
                for (r, idx) in self.splits.get(phrase.as_str()).into_iter().flatten() {
                    responsibles.push(ResponsibleRef {
                        text: phrase[r.clone()].to_owned(),
                        index: *idx,
                        span: inner_span(self.src, span, phrase, r.clone()),
                    });
                }
            }
        }

        let status_span = t.get("status").map(Spanned::span);
        let status = match self.string(t, "status", false) {
            None => Status::Planned,
            Some((s, span)) => Status::parse(&s).unwrap_or_else(|| {
                let near = crate::suggest::nearest(&s, Status::spellings());
                let help = match near {
                    Some(c) => text!("возможно, имелось в виду «{c}»", "did you mean «{c}»?"),
                    None => {
                        let ru: Vec<String> = Status::ALL
                            .iter()
                            .map(|s| format!("{} ({})", s.id(), s.label(crate::i18n::Lang::Ru)))
                            .collect();
                        let en: Vec<&str> = Status::ALL.iter().map(|s| s.id()).collect();
                        Text {
                            ru: format!("состояние бывает: {}", ru.join(", ")),
                            en: format!("the statuses are: {}", en.join(", ")),
                        }
                    }
                };
                self.push(
                    Diagnostic::new(
                        Check::StatusUnknown,
                        Some(span),
                        text!("неизвестное состояние «{s}»", "unknown status «{s}»"),
                    )
                    .with_help(help),
                );
                Status::Planned
            }),
        };
        let result = self.string(t, "result", false);
        let done_on = self.date(t, "done_on");
        let postponed_to = self.string(t, "postponed_to", false);
        let new_deadline = postponed_to
            .as_ref()
            .map(|(p, _)| self.deadlines.parse(p, year));
        let reason = self.string(t, "reason", false);

        let mut progress = Vec::new();
        for (pt, span) in self.tables(t, "progress", "section.item.progress") {
            let what = match t.what {
                What::Item { num, section } => What::Progress { num, section },
                other => other,
            };
            let tbl = Tbl {
                t: pt,
                span: span.clone(),
                what,
            };
            self.unknown_keys(&tbl, &format::PROGRESS);
            let date = self.date(&tbl, "date");
            if date.is_none() && pt.get("date").is_none() {
                self.missing(&tbl, "date");
            }
            let text = self.string(&tbl, "text", true);
            let period = self.period(&tbl, "period");
            if let (Some((date, _)), Some((text, _))) = (date, text) {
                progress.push(Progress { date, text, period });
            }
        }
        let mut missed = Vec::new();
        for (mt, span) in self.tables(t, "missed", "section.item.missed") {
            let tbl = Tbl {
                t: mt,
                span,
                what: t.what,
            };
            self.unknown_keys(&tbl, &format::MISSED);
            let period = self.period(&tbl, "period");
            if period.is_none() && mt.get("period").is_none() {
                self.missing(&tbl, "period");
            }
            let reason = self.string(&tbl, "reason", true);
            if let (Some(period), Some((reason, _))) = (period, reason) {
                missed.push(Missed { period, reason });
            }
        }

        Item {
            number: Number::parse(number.as_ref().map_or("", |(n, _)| n.trim())),
            title: title.as_ref().map(|(s, _)| s.clone()).unwrap_or_default(),
            deadline_phrase: deadline
                .as_ref()
                .map(|(s, _)| s.clone())
                .unwrap_or_default(),
            deadline: deadline_parsed,
            responsible_phrase,
            responsibles,
            status,
            result: result
                .as_ref()
                .map(|(s, _)| s.clone())
                .filter(|s| !s.trim().is_empty()),
            done_on: done_on.as_ref().map(|(d, _)| *d),
            postponed_to: postponed_to.as_ref().map(|(s, _)| s.clone()),
            new_deadline,
            reason: reason
                .as_ref()
                .map(|(s, _)| s.clone())
                .filter(|s| !s.trim().is_empty()),
            progress,
            missed,
            links: self
                .string_list(t, "links")
                .into_iter()
                .map(|(s, _)| s)
                .collect(),
            notes: self.opt_string(t, "notes"),
            spans: ItemSpans {
                header: t.span.clone(),
                number: number.map(|(_, s)| s).into(),
                title: title.map(|(_, s)| s).into(),
                deadline: deadline.map(|(_, s)| s).into(),
                responsible: responsible_span.into(),
                status: status_span.into(),
                done_on: done_on.map(|(_, s)| s).into(),
                postponed_to: postponed_to.map(|(_, s)| s).into(),
            },
        }
    }

    fn indicator(&mut self, t: &Tbl<'_, '_>) -> Option<Indicator> {
        self.unknown_keys(t, &format::INDICATOR);
        let (name, name_span) = self.string(t, "name", true)?;
        let id = self.opt_string(t, "id").map(|s| s.trim().to_owned());
        Some(Indicator {
            id,
            id_span: t.get("id").map(Spanned::span),
            name,
            name_span,
            unit: self.opt_string(t, "unit"),
            target: self.number(t, "target"),
            actual: self.number(t, "actual"),
            last_year: self.number(t, "last_year"),
            numerator: self.number(t, "numerator"),
            denominator: self.number(t, "denominator"),
            span: t.span.clone(),
            actual_span: t.get("actual").map(Spanned::span),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::Check;

    fn load(extra: &str) -> crate::load::Checked {
        let text = format!(
            "[plan]\ntitle = \"План\"\norganisation = \"МДТ\"\nyear = 2026\n{extra}\n\
             [[responsible]]\nname = \"методист\"\n"
        );
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 20).unwrap_or_default();
        crate::workspace::checked_for_test(&text, day)
    }

    fn errors(c: &crate::load::Checked) -> Vec<Check> {
        c.diagnostics
            .iter()
            .filter(|d| d.severity == crate::diagnostic::Severity::Error)
            .map(|d| d.check)
            .collect()
    }

    #[test]
    fn signature_and_report_options_are_read() {
        let c = load(
            "[plan.signature]\nposition = \"Директор\"\nname = \"Е.Н. Петухова\"\n\
             executor = \"Иванова А.А.\"\nphone = \"2-11-11\"\n[report]\nfooter = false\n",
        );
        assert!(errors(&c).is_empty(), "{:?}", c.diagnostics);
        let meta = c.plan.map(|p| p.meta).unwrap_or_default();
        let sig = meta.signature.unwrap_or_default();
        assert_eq!(sig.position.as_deref(), Some("Директор"));
        assert_eq!(sig.executor.as_deref(), Some("Иванова А.А."));
        assert_eq!(sig.phone.as_deref(), Some("2-11-11"));
        assert_eq!(meta.report.footer, Some(false));
        assert_eq!(meta.report.approval, None);
    }

    #[test]
    fn report_options_are_true_or_false() {
        let c = load("[report]\nfooter = \"нет\"\napproval = 1\nfooters = true\n");
        let checks = errors(&c);
        assert_eq!(
            checks,
            [Check::WrongType, Check::WrongType, Check::UnknownKey],
            "{:?}",
            c.diagnostics
        );
        let help = c.diagnostics[0].help.as_ref().map(|h| h.ru.clone());
        assert_eq!(help.as_deref(), Some("пишите без кавычек: footer = false"));
        let meta = c.plan.map(|p| p.meta).unwrap_or_default();
        assert_eq!(meta.report, crate::model::ReportOptions::default());
    }
}
