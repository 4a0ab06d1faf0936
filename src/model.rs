//! The plan as moc understands it: plain data, no I/O and no clock.
//!
//! The loader ([`crate::load`]) builds it from a TOML file and keeps, beside each value a check
//! may point at, its byte span in that file. Evaluation and rendering read the values and ignore
//! the spans.

use chrono::NaiveDate;
use serde::Serialize;

use crate::deadline::{Deadline, DeadlineError, PlanYear};
use crate::i18n::Lang;
pub(crate) use crate::number::Number;
use crate::source::Span;

/// One plan file.
#[derive(Clone, Debug)]
pub(crate) struct Plan {
    pub(crate) meta: Meta,
    /// The plan's year: as the file says, else the year the loader was given («today's»).
    /// Resolved once, here; `meta.year` keeps what the file says.
    pub(crate) year: PlanYear,
    pub(crate) roster: Vec<Responsible>,
    pub(crate) sections: Vec<Section>,
    pub(crate) indicators: Vec<Indicator>,
}

/// The heading of a plan: what it is, whose, for which year, approved by whom.
#[derive(Clone, Debug, Default)]
pub(crate) struct Meta {
    pub(crate) title: String,
    pub(crate) organisation: Option<String>,
    pub(crate) municipality: Option<String>,
    pub(crate) region: Option<String>,
    pub(crate) year: Option<PlanYear>,
    pub(crate) goal: Option<String>,
    pub(crate) tasks: Vec<String>,
    pub(crate) approval: Option<Approval>,
    /// Who signs the report and who prepared it (`[plan.signature]`).
    pub(crate) signature: Option<Signature>,
    /// What the plan's report shows (`[report]` of the plan file).
    pub(crate) report: ReportOptions,
}

/// The first calendar year of a plan year (2026 for «2026/2027»).
pub(crate) fn first_year(y: PlanYear) -> i32 {
    match y {
        PlanYear::Calendar(y) | PlanYear::Academic(y) => y,
    }
}

/// The approval block printed above the title («Утверждено: Директор … Е.Н. Петухова»).
#[derive(Clone, Debug, Default, Serialize)]
pub(crate) struct Approval {
    pub(crate) heading: Option<String>,
    pub(crate) position: Option<String>,
    pub(crate) name: Option<String>,
    pub(crate) date: Option<NaiveDate>,
    pub(crate) order: Option<String>,
}

/// The signature under the report: «Директор … ____ Е.Н. Петухова», and «Исполнитель: …, тел. …»
/// below it. Every part may be missing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Signature {
    pub(crate) position: Option<String>,
    pub(crate) name: Option<String>,
    /// Who prepared the report («Исполнитель»).
    pub(crate) executor: Option<String>,
    /// The executor's phone.
    pub(crate) phone: Option<String>,
}

/// What a report shows, as `[report]` of a plan or of `moc.toml` (or the command line) says it;
/// `None` leaves the choice to the next in line, and in the end a part is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct ReportOptions {
    /// The line «Сформировано программой moc по плану … коммит …» at the end.
    pub(crate) footer: Option<bool>,
    /// The approval block («Утверждено») above the title.
    pub(crate) approval: Option<bool>,
}

impl ReportOptions {
    /// These options, with what they leave open taken from `lower`.
    pub(crate) fn over(self, lower: ReportOptions) -> ReportOptions {
        ReportOptions {
            footer: self.footer.or(lower.footer),
            approval: self.approval.or(lower.approval),
        }
    }

    /// Whether the footer line is shown.
    pub(crate) fn footer(self) -> bool {
        self.footer.unwrap_or(true)
    }

    /// Whether the approval block is shown.
    pub(crate) fn approval(self) -> bool {
        self.approval.unwrap_or(true)
    }
}

/// What sort of responsible an entry of the roster is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ResponsibleKind {
    #[default]
    Role,
    Organisation,
    Person,
}

impl ResponsibleKind {
    pub(crate) const IDS: [&'static str; 3] = ["role", "organisation", "person"];

    pub(crate) fn parse(s: &str) -> Option<ResponsibleKind> {
        match s {
            "role" => Some(ResponsibleKind::Role),
            "organisation" | "organization" => Some(ResponsibleKind::Organisation),
            "person" => Some(ResponsibleKind::Person),
            _ => None,
        }
    }
}

/// An entry of the roster of responsibles.
#[derive(Clone, Debug)]
pub(crate) struct Responsible {
    /// The name as printed in the plan: «Руководитель МОЦ», «РМЦ».
    pub(crate) name: String,
    pub(crate) kind: ResponsibleKind,
    /// Other ways the plan writes the same responsible.
    pub(crate) aliases: Vec<String>,
    /// What an abbreviation stands for: «РМЦ» → «Региональный модельный центр».
    pub(crate) full_name: Option<String>,
    /// The person behind a role.
    pub(crate) person: Option<String>,
    pub(crate) name_span: Span,
    /// An entry of the region's `moc.toml`, not of the plan itself.
    pub(crate) shared: bool,
}

/// A numbered section of the plan.
#[derive(Clone, Debug)]
pub(crate) struct Section {
    /// As printed: «1», «IV».
    pub(crate) number: Number,
    pub(crate) title: String,
    pub(crate) items: Vec<Item>,
    pub(crate) number_span: Option<Span>,
}

/// Where an item stands, as the methodist records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Default, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Status {
    #[default]
    Planned,
    InProgress,
    Done,
    PartlyDone,
    Postponed,
    Cancelled,
}

impl Status {
    pub(crate) const ALL: [Status; 6] = [
        Status::Planned,
        Status::InProgress,
        Status::Done,
        Status::PartlyDone,
        Status::Postponed,
        Status::Cancelled,
    ];

    /// The id written in plan files and JSON.
    pub(crate) fn id(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::InProgress => "in_progress",
            Status::Done => "done",
            Status::PartlyDone => "partly_done",
            Status::Postponed => "postponed",
            Status::Cancelled => "cancelled",
        }
    }

    /// Russian words a methodist may write instead of the id.
    fn russian(self) -> &'static [&'static str] {
        match self {
            Status::Planned => &["запланировано", "планируется", "не начато"],
            Status::InProgress => &["в работе", "выполняется", "в процессе"],
            Status::Done => &["выполнено", "сделано"],
            Status::PartlyDone => &["выполнено частично", "частично выполнено", "частично"],
            Status::Postponed => &["перенесено", "отложено"],
            Status::Cancelled => &["отменено", "снято"],
        }
    }

    /// An id (`in_progress`, `in-progress`) or a Russian word («выполнено»), any case.
    pub(crate) fn parse(s: &str) -> Option<Status> {
        // as written by moc and in the format's documentation: the English id
        if let Some(st) = Status::ALL.into_iter().find(|st| st.id() == s) {
            return Some(st);
        }
        let norm = crate::i18n::fold(s.trim()).replace('-', "_");
        Status::ALL
            .into_iter()
            .find(|st| st.id() == norm || st.russian().iter().any(|r| *r == norm.replace('_', " ")))
    }

    /// Every spelling [`Status::parse`] accepts, for "did you mean".
    pub(crate) fn spellings() -> Vec<&'static str> {
        Status::ALL
            .iter()
            .flat_map(|s| std::iter::once(s.id()).chain(s.russian().iter().copied()))
            .collect()
    }

    /// The status in words: «выполнено» / «done».
    pub(crate) fn label(self, lang: Lang) -> &'static str {
        match self {
            Status::Planned => lang.pick("запланировано", "planned"),
            Status::InProgress => lang.pick("в работе", "in progress"),
            Status::Done => lang.pick("выполнено", "done"),
            Status::PartlyDone => lang.pick("выполнено частично", "partly done"),
            Status::Postponed => lang.pick("перенесено", "postponed"),
            Status::Cancelled => lang.pick("отменено", "cancelled"),
        }
    }
}

/// One activity of the plan.
#[derive(Clone, Debug)]
pub(crate) struct Item {
    /// As printed: «1.1», «2.2.», «4».
    pub(crate) number: Number,
    pub(crate) title: String,
    /// The deadline as written.
    pub(crate) deadline_phrase: String,
    /// The deadline as understood (shared between the items that write it alike).
    pub(crate) deadline: Understood,
    /// The responsibles as written.
    pub(crate) responsible_phrase: String,
    pub(crate) responsibles: Vec<ResponsibleRef>,
    pub(crate) status: Status,
    /// «Результат исполнения».
    pub(crate) result: Option<String>,
    pub(crate) done_on: Option<NaiveDate>,
    /// For a postponed item: the new deadline phrase and what it means.
    pub(crate) postponed_to: Option<String>,
    pub(crate) new_deadline: Option<Understood>,
    /// Why an item was postponed or cancelled.
    pub(crate) reason: Option<String>,
    pub(crate) progress: Vec<Progress>,
    /// Reasons for missed periods.
    pub(crate) missed: Vec<Missed>,
    pub(crate) links: Vec<String>,
    pub(crate) notes: Option<String>,
    pub(crate) spans: ItemSpans,
}

impl Item {
    /// The deadline the item is judged against: the new one when postponed, else its own.
    pub(crate) fn effective_deadline(&self) -> Option<&Deadline> {
        if self.status == Status::Postponed
            && let Some(Ok(d)) = &self.new_deadline
        {
            return Some(d);
        }
        self.deadline.as_ref().ok().map(|d| &**d)
    }

    /// The names of the responsibles as the roster prints them (or as written, when unknown).
    pub(crate) fn responsible_names<'a>(&'a self, roster: &'a [Responsible]) -> Vec<&'a str> {
        self.responsibles
            .iter()
            .map(|r| {
                r.index
                    .and_then(|i| roster.get(i))
                    .map_or(r.text.as_str(), |e| e.name.as_str())
            })
            .collect()
    }
}

/// A deadline phrase as understood, or why not. Items that write the same phrase share one
/// [`Deadline`].
pub(crate) type Understood = Result<std::sync::Arc<Deadline>, Box<DeadlineError>>;

/// Where the values of an item stand in the file. Kept compact (eight bytes a value): a region
/// holds a hundred thousand items.
#[derive(Clone, Debug, Default)]
pub(crate) struct ItemSpans {
    /// The `[[section.item]]` header or the inline table.
    pub(crate) header: Span,
    pub(crate) number: At,
    pub(crate) title: At,
    pub(crate) deadline: At,
    pub(crate) responsible: At,
    pub(crate) status: At,
    pub(crate) done_on: At,
    pub(crate) postponed_to: At,
}

/// A byte range in a file, or none, in eight bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct At(u32, u32);

impl Default for At {
    fn default() -> At {
        At::NONE
    }
}

impl At {
    pub(crate) const NONE: At = At(u32::MAX, u32::MAX);

    pub(crate) fn get(self) -> Option<Span> {
        (self != At::NONE).then_some(self.0 as usize..self.1 as usize)
    }

    pub(crate) fn is_some(self) -> bool {
        self != At::NONE
    }
}

impl From<Option<Span>> for At {
    fn from(s: Option<Span>) -> At {
        match s {
            Some(r) => At(
                u32::try_from(r.start).unwrap_or(u32::MAX - 1),
                u32::try_from(r.end).unwrap_or(u32::MAX - 1),
            ),
            None => At::NONE,
        }
    }
}

/// A responsible named by an item.
#[derive(Clone, Debug)]
pub(crate) struct ResponsibleRef {
    /// The name as the item writes it.
    pub(crate) text: String,
    /// The roster entry it names, if any.
    pub(crate) index: Option<usize>,
    pub(crate) span: Span,
}

/// An entry of an item's progress log: what was done when (monthly and year-round work).
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Progress {
    pub(crate) date: NaiveDate,
    pub(crate) text: String,
    /// The period the entry is for, when written later (`period = "2026-05"`: a day inside it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) period: Option<NaiveDate>,
}

impl Progress {
    /// The day that places the entry in a period: its `period`, else its date.
    pub(crate) fn day(&self) -> NaiveDate {
        self.period.unwrap_or(self.date)
    }
}

/// Why a period of recurring work was missed (`[[section.item.missed]]`).
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Missed {
    /// A day inside the missed period.
    pub(crate) period: NaiveDate,
    pub(crate) reason: String,
}

/// A measured indicator (показатель) of the report.
#[derive(Clone, Debug)]
pub(crate) struct Indicator {
    /// The indicator's id in the catalogue ([`crate::indicators`]): what the region adds up by.
    pub(crate) id: Option<String>,
    pub(crate) id_span: Option<Span>,
    pub(crate) name: String,
    pub(crate) name_span: Span,
    pub(crate) unit: Option<String>,
    pub(crate) target: Option<f64>,
    pub(crate) actual: Option<f64>,
    pub(crate) last_year: Option<f64>,
    pub(crate) numerator: Option<f64>,
    pub(crate) denominator: Option<f64>,
    pub(crate) span: Span,
    pub(crate) actual_span: Option<Span>,
}

impl Indicator {
    /// The share computed from numerator and denominator, in percent.
    pub(crate) fn computed_percent(&self) -> Option<f64> {
        match (self.numerator, self.denominator) {
            (Some(n), Some(d)) if d > 0.0 => Some(n / d * 100.0),
            _ => None,
        }
    }

    /// The value to report: the computed share where there are counts, else the stated actual.
    pub(crate) fn value(&self) -> Option<f64> {
        self.computed_percent().or(self.actual)
    }

    /// Whether the stated actual disagrees with its own counts (by more than rounding).
    pub(crate) fn mismatch(&self) -> Option<(f64, f64)> {
        let computed = self.computed_percent()?;
        let stated = self.actual?;
        ((computed - stated).abs() >= 0.1).then_some((stated, computed))
    }
}

impl Plan {
    /// Every item with its section, in the order of the file.
    pub(crate) fn items(&self) -> impl Iterator<Item = (&Section, &Item)> {
        self.sections
            .iter()
            .flat_map(|s| s.items.iter().map(move |i| (s, i)))
    }

    /// How many items the plan has.
    pub(crate) fn item_count(&self) -> usize {
        self.sections.iter().map(|s| s.items.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_spellings() {
        assert_eq!(Status::parse("done"), Some(Status::Done));
        assert_eq!(Status::parse("in-progress"), Some(Status::InProgress));
        assert_eq!(
            Status::parse("Выполнено частично"),
            Some(Status::PartlyDone)
        );
        assert_eq!(Status::parse("в работе"), Some(Status::InProgress));
        assert_eq!(Status::parse("donе"), None); // Cyrillic е
    }

    #[test]
    fn report_options_in_order() {
        let off = |f: Option<bool>| ReportOptions {
            footer: f,
            approval: None,
        };
        // the command line over the plan over moc.toml; nothing said — shown
        assert!(!off(Some(false)).over(off(Some(true))).footer());
        assert!(off(None).over(off(Some(true))).footer());
        assert!(!off(None).over(off(None)).over(off(Some(false))).footer());
        assert!(ReportOptions::default().footer() && ReportOptions::default().approval());
    }

    #[test]
    fn indicator_share() {
        let ind = Indicator {
            id: None,
            id_span: None,
            name_span: 0..0,
            name: "охват".into(),
            unit: Some("%".into()),
            target: Some(80.0),
            actual: Some(80.5),
            last_year: None,
            numerator: Some(1212.0),
            denominator: Some(1530.0),
            span: 0..0,
            actual_span: None,
        };
        let (stated, computed) = ind.mismatch().unwrap_or_default();
        assert!((stated - 80.5).abs() < 1e-9);
        assert!((computed - 79.215).abs() < 0.01);
    }
}
