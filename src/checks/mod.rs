//! Named checks of a plan: [`Check`] lists them, with a stable kebab-case id, a fixed severity
//! and a description in both languages (`moc check --list` prints them). Some are found while the
//! file is read ([`crate::load`]: syntax, keys, types); the rest run here over the [`Plan`]
//! ([`run`]). Checks return findings as data and never fail; their messages are in both
//! languages and chosen when shown.

mod rules;

use chrono::NaiveDate;

use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Lang;
use crate::model::Plan;
use crate::source::Source;

/// Every check moc runs, in the order `moc check --list` shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Check {
    /// файл не читается как TOML (кавычки, скобки, знаки =, повторы ключей)
    TomlSyntax,
    /// в файле остались метки неразрешённого конфликта слияния git
    MergeConflict,
    /// ключ, которого нет в формате плана (часто опечатка)
    UnknownKey,
    /// нет обязательного ключа (год плана, номер, название, срок)
    MissingKey,
    /// значение не того типа (число вместо строки, таблица вместо массива таблиц)
    WrongType,
    /// значение не понято (дата, год плана, вид ответственного)
    BadValue,
    /// два раздела с одним номером
    DuplicateSection,
    /// два мероприятия с одним номером
    DuplicateItem,
    /// номер мероприятия не из его раздела (2.3 в разделе 1)
    ItemNumberSection,
    /// пропуск или непорядок в нумерации мероприятий
    NumberingGap,
    /// мероприятие без названия
    EmptyItem,
    /// срок не понят; показываются ближайшие понятные формы
    DeadlineFormat,
    /// срок вне периода плана или с годом, который не совпадает с годом плана
    DeadlinePeriod,
    /// рядом с датой в графе срока — место или событие: срок — дата, остальное — заметка
    DeadlinePlace,
    /// перенесённое мероприятие без нового срока (postponed_to) или причины (reason)
    PostponedIncomplete,
    /// отменённое мероприятие без причины (reason)
    CancelledReason,
    /// ответственный, которого нет в списке [[responsible]]
    ResponsibleKnown,
    /// ответственный из списка не назначен ни на одно мероприятие
    ResponsibleUnused,
    /// у мероприятия нет ответственного
    ResponsibleMissing,
    /// одно имя или псевдоним у двух записей списка ответственных
    DuplicateResponsible,
    /// неизвестное состояние мероприятия
    StatusUnknown,
    /// выполненное мероприятие без результата исполнения (result)
    DoneResult,
    /// дата выполнения позже сегодняшней (--as-of) или вне периода плана
    DoneDate,
    /// указанный процент показателя расходится с его же числителем и знаменателем
    IndicatorPercent,
    /// значение показателя не число или знаменатель доли не больше нуля
    IndicatorValue,
    /// An indicator's id that neither the catalogue nor `moc.toml` knows.
    IndicatorId,
    /// An indicator without an id whose name reads like one of the catalogue's.
    IndicatorName,
}

impl Check {
    /// Every check, in the order of `moc check --list`.
    pub(crate) const ALL: [Check; 27] = [
        Check::TomlSyntax,
        Check::MergeConflict,
        Check::UnknownKey,
        Check::MissingKey,
        Check::WrongType,
        Check::BadValue,
        Check::DuplicateSection,
        Check::DuplicateItem,
        Check::ItemNumberSection,
        Check::NumberingGap,
        Check::EmptyItem,
        Check::DeadlineFormat,
        Check::DeadlinePeriod,
        Check::DeadlinePlace,
        Check::PostponedIncomplete,
        Check::CancelledReason,
        Check::ResponsibleKnown,
        Check::ResponsibleUnused,
        Check::ResponsibleMissing,
        Check::DuplicateResponsible,
        Check::StatusUnknown,
        Check::DoneResult,
        Check::DoneDate,
        Check::IndicatorPercent,
        Check::IndicatorValue,
        Check::IndicatorId,
        Check::IndicatorName,
    ];

    /// The stable id: `responsible-known`.
    pub(crate) fn id(self) -> &'static str {
        match self {
            Check::TomlSyntax => "toml-syntax",
            Check::MergeConflict => "merge-conflict",
            Check::UnknownKey => "unknown-key",
            Check::MissingKey => "missing-key",
            Check::WrongType => "wrong-type",
            Check::BadValue => "bad-value",
            Check::DuplicateSection => "duplicate-section",
            Check::DuplicateItem => "duplicate-item",
            Check::ItemNumberSection => "item-number-section",
            Check::NumberingGap => "numbering-gap",
            Check::EmptyItem => "empty-item",
            Check::DeadlineFormat => "deadline-format",
            Check::DeadlinePeriod => "deadline-period",
            Check::DeadlinePlace => "deadline-place",
            Check::PostponedIncomplete => "postponed-incomplete",
            Check::CancelledReason => "cancelled-reason",
            Check::ResponsibleKnown => "responsible-known",
            Check::ResponsibleUnused => "responsible-unused",
            Check::ResponsibleMissing => "responsible-missing",
            Check::DuplicateResponsible => "duplicate-responsible",
            Check::StatusUnknown => "status-unknown",
            Check::DoneResult => "done-result",
            Check::DoneDate => "done-date",
            Check::IndicatorPercent => "indicator-percent",
            Check::IndicatorValue => "indicator-value",
            Check::IndicatorId => "indicator-id",
            Check::IndicatorName => "indicator-name",
        }
    }

    /// How bad its findings are.
    pub(crate) fn severity(self) -> Severity {
        match self {
            Check::DeadlinePlace | Check::IndicatorName => Severity::Note,
            Check::NumberingGap
            | Check::DeadlinePeriod
            | Check::ResponsibleUnused
            | Check::ResponsibleMissing
            | Check::DoneResult
            | Check::IndicatorPercent => Severity::Warning,
            Check::TomlSyntax
            | Check::MergeConflict
            | Check::UnknownKey
            | Check::MissingKey
            | Check::WrongType
            | Check::BadValue
            | Check::DuplicateSection
            | Check::DuplicateItem
            | Check::ItemNumberSection
            | Check::EmptyItem
            | Check::DeadlineFormat
            | Check::PostponedIncomplete
            | Check::CancelledReason
            | Check::ResponsibleKnown
            | Check::DuplicateResponsible
            | Check::StatusUnknown
            | Check::DoneDate
            | Check::IndicatorValue
            | Check::IndicatorId => Severity::Error,
        }
    }

    /// What the check is for, in `lang`.
    pub(crate) fn doc(self, lang: Lang) -> &'static str {
        let (ru, en) = match self {
            Check::TomlSyntax => (
                "файл не читается как TOML (кавычки, скобки, знаки =, повторы ключей)",
                "the file does not parse as TOML (quotes, brackets, = signs, repeated keys)",
            ),
            Check::MergeConflict => (
                "в файле остались метки неразрешённого конфликта слияния git",
                "the file holds the markers of an unresolved git merge conflict",
            ),
            Check::UnknownKey => (
                "ключ, которого нет в формате плана (часто опечатка)",
                "a key the plan format does not have (often a typo)",
            ),
            Check::MissingKey => (
                "нет обязательного ключа (год плана, номер, название, срок)",
                "a required key is missing (the plan's year, a number, a title, a deadline)",
            ),
            Check::WrongType => (
                "значение не того типа (число вместо строки, таблица вместо массива таблиц)",
                "a value of the wrong type (a number for a string, a table for an array of tables)",
            ),
            Check::BadValue => (
                "значение не понято (дата, год плана, вид ответственного)",
                "a value is not understood (a date, the plan's year, a kind of responsible)",
            ),
            Check::DuplicateSection => (
                "два раздела с одним номером",
                "two sections with the same number",
            ),
            Check::DuplicateItem => (
                "два мероприятия с одним номером",
                "two items with the same number",
            ),
            Check::ItemNumberSection => (
                "номер мероприятия не из его раздела (2.3 в разделе 1)",
                "an item number that does not belong to its section (2.3 in section 1)",
            ),
            Check::NumberingGap => (
                "пропуск или непорядок в нумерации мероприятий",
                "a gap or disorder in the numbering of items",
            ),
            Check::EmptyItem => ("мероприятие без названия", "an item without a title"),
            Check::DeadlineFormat => (
                "срок не понят; показываются ближайшие понятные формы",
                "a deadline is not understood; the nearest understood forms are shown",
            ),
            Check::DeadlinePlace => (
                "рядом с датой в графе срока — место или событие: срок — дата, остальное — заметка",
                "a place or an event beside the date in a deadline: the date is the deadline, the rest a note",
            ),
            Check::DeadlinePeriod => (
                "срок вне периода плана или с годом, который не совпадает с годом плана",
                "a deadline outside the plan's period, or with a year other than the plan's",
            ),
            Check::PostponedIncomplete => (
                "перенесённое мероприятие без нового срока (postponed_to) или причины (reason)",
                "a postponed item without a new deadline (postponed_to) or a reason (reason)",
            ),
            Check::CancelledReason => (
                "отменённое мероприятие без причины (reason)",
                "a cancelled item without a reason (reason)",
            ),
            Check::ResponsibleKnown => (
                "ответственный, которого нет в списке [[responsible]]",
                "a responsible who is not in the [[responsible]] roster",
            ),
            Check::ResponsibleUnused => (
                "ответственный из списка не назначен ни на одно мероприятие",
                "a roster entry no item names",
            ),
            Check::ResponsibleMissing => (
                "у мероприятия нет ответственного",
                "an item with no responsible",
            ),
            Check::DuplicateResponsible => (
                "одно имя или псевдоним у двух записей списка ответственных",
                "one name or alias on two roster entries",
            ),
            Check::StatusUnknown => ("неизвестное состояние мероприятия", "an unknown status"),
            Check::DoneResult => (
                "выполненное мероприятие без результата исполнения (result)",
                "a done item without a result (result)",
            ),
            Check::DoneDate => (
                "дата выполнения позже сегодняшней (--as-of) или вне периода плана",
                "a done date after today (--as-of) or outside the plan's period",
            ),
            Check::IndicatorPercent => (
                "указанный процент показателя расходится с его же числителем и знаменателем",
                "an indicator's stated percentage disagrees with its own numerator and denominator",
            ),
            Check::IndicatorValue => (
                "значение показателя не число (nan, inf) или знаменатель доли не больше нуля",
                "an indicator's value is not a number (nan, inf) or a share's denominator is not above zero",
            ),
            Check::IndicatorId => (
                "код показателя (id), которого нет ни в каталоге moc, ни в moc.toml: регион его не сложит",
                "an indicator id that neither moc's catalogue nor moc.toml knows: the region cannot add it up",
            ),
            Check::IndicatorName => (
                "показатель без кода (id), название которого похоже на показатель каталога: впишите id, и регион сложит его с другими",
                "an indicator without an id whose name reads like one of the catalogue: write the id, and the region adds it up",
            ),
        };
        lang.pick(ru, en)
    }

    /// The check with this id.
    #[cfg(test)]
    fn from_id(id: &str) -> Option<Check> {
        Check::ALL.into_iter().find(|c| c.id() == id)
    }
}

/// Run every check on a loaded plan.
pub(crate) fn run(
    plan: &Plan,
    src: &Source,
    as_of: NaiveDate,
    indicators: &crate::indicators::Catalogue,
) -> Vec<Diagnostic> {
    rules::run(plan, src, as_of, indicators)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_check_has_one_id() {
        let mut ids: Vec<_> = Check::ALL.iter().map(|c| c.id()).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n);
        for c in Check::ALL {
            assert_eq!(Check::from_id(c.id()), Some(c));
            assert!(!c.doc(Lang::Ru).is_empty() && !c.doc(Lang::En).is_empty());
        }
    }
}
