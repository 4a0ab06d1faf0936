//! The columns of a plan's table, found by the meaning of their headers: «№», «Мероприятие»,
//! «Срок», «Ответственные», … in the many ways plans write them.

use crate::i18n::fold;

/// The meaning of a header cell. The number in a variant ranks candidates for the same role:
/// 1 is the surest («Мероприятие»), larger is weaker («Тема»).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Meaning {
    Number,
    Activity(u8),
    Deadline(u8),
    /// a date and a place in one column: «Место и дата проведения»
    DatePlace,
    Responsible(u8),
    Result,
    Place,
    Participants,
    /// a column with a header moc has no use for: kept as the item's notes
    Other,
}

/// The header text reduced to lower-case letters, digits, `№` and single spaces; hyphenation
/// at a line end joined («Ответствен- ный» → «ответственный»).
pub(crate) fn norm(cell: &str) -> String {
    let joined = super::join_hyphenation(&cell.replace('\n', " "));
    let c: String = fold(&joined)
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '№' {
                c
            } else {
                ' '
            }
        })
        .collect();
    c.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn has(c: &str, words: &[&str]) -> bool {
    words.iter().any(|w| c.contains(w))
}

fn starts(c: &str, words: &[&str]) -> bool {
    words.iter().any(|w| c.starts_with(w))
}

/// What a header cell means; `None` for an empty cell.
pub(crate) fn meaning(cell: &str) -> Option<Meaning> {
    let c = norm(cell);
    if c.is_empty() {
        return None;
    }
    let compact: String = c.chars().filter(|c| !c.is_whitespace()).collect();
    if matches!(
        compact.as_str(),
        "№" | "n"
            | "no"
            | "nп"
            | "nпп"
            | "№пп"
            | "пп"
            | "№п"
            | "номер"
            | "nппп"
            | "№n"
            | "nn"
    ) || compact.starts_with("№п")
        || compact.starts_with("nп")
        || compact.starts_with("номерп")
        || (compact.starts_with('№') && compact.chars().count() <= 4)
    {
        return Some(Meaning::Number);
    }
    let datey = has(
        &c,
        &[
            "срок",
            "дата",
            "дат ",
            "время",
            "период",
            "когда",
            "месяц",
            "день недели",
        ],
    ) || c.starts_with("дни")
        || c == "дат";
    if datey && has(&c, &["место", "мест "]) {
        return Some(Meaning::DatePlace);
    }
    if has(&c, &["ответствен", "отв ный", "ответств"]) || c.starts_with("отв") && c.len() <= 8
    {
        return Some(Meaning::Responsible(1));
    }
    if has(&c, &["исполнител"]) && !has(&c, &["отметка", "информация"]) {
        return Some(Meaning::Responsible(1));
    }
    if has(
        &c,
        &[
            "отметка о",
            "отметка об",
            "результат исполнения",
            "результат выполнения",
            "результаты выполнения",
            "информация о выполнении",
            "информация об исполнении",
            "отчет о выполнении",
        ],
    ) || matches!(
        c.as_str(),
        "выполнение" | "исполнение" | "отметка" | "выполнено"
    ) {
        return Some(Meaning::Result);
    }
    if starts(
        &c,
        &[
            "кто проводит",
            "организатор",
            "руководител",
            "куратор",
            "кто отвечает",
        ],
    ) {
        return Some(Meaning::Responsible(2));
    }
    if has(&c, &["направленност"]) {
        return Some(Meaning::Other);
    }
    if starts(&c, &["срок", "дата", "даты", "период", "когда", "месяц"])
    {
        return Some(Meaning::Deadline(1));
    }
    if starts(&c, &["время", "день", "дни"]) {
        return Some(Meaning::Deadline(2));
    }
    if starts(&c, &["место", "адрес", "площадк"]) {
        return Some(Meaning::Place);
    }
    if starts(
        &c,
        &[
            "класс",
            "участник",
            "кому адресуется",
            "целевая аудитория",
            "аудитория",
            "категори",
            "возраст",
            "группы пользователей",
            "группа пользователей",
            "контингент",
            "для кого",
        ],
    ) {
        return Some(Meaning::Participants);
    }
    if has(
        &c,
        &["мероприят", "направления деятельности", "дела события"],
    ) {
        return Some(Meaning::Activity(1));
    }
    if has(&c, &[" срок", "сроки"]) {
        return Some(Meaning::Deadline(1));
    }
    if datey {
        return Some(Meaning::Deadline(2));
    }
    if starts(&c, &["наименование", "название"]) {
        return Some(Meaning::Activity(2));
    }
    if starts(
        &c,
        &[
            "содержание",
            "вид деятельности",
            "виды деятельности",
            "тема",
            "темы",
            "форма проведения",
            "формы проведения",
            "форма работы",
            "формы работы",
            "дела",
            "действия",
            "работа",
            "вопросы",
            "проводимые",
        ],
    ) {
        return Some(Meaning::Activity(3));
    }
    Some(Meaning::Other)
}

/// Whether a row is a table's header: at least two recognised columns, one of them the
/// activity, no cell that reads like data (an item number, a long sentence).
pub(crate) fn is_header(row: &[String]) -> bool {
    let filled: Vec<&String> = row.iter().filter(|c| !c.trim().is_empty()).collect();
    if filled.len() < 2 || filled.iter().any(|c| c.chars().count() > 250) {
        return false;
    }
    if filled.iter().any(|c| {
        super::is_item_number(c) || c.trim().chars().all(|c| c.is_ascii_digit() || c == '.')
    }) {
        return false;
    }
    let meanings: Vec<Meaning> = filled.iter().filter_map(|c| meaning(c)).collect();
    let activity = meanings.iter().any(|m| matches!(m, Meaning::Activity(_)));
    let others = meanings
        .iter()
        .filter(|m| {
            matches!(
                m,
                Meaning::Number
                    | Meaning::Deadline(_)
                    | Meaning::DatePlace
                    | Meaning::Responsible(_)
                    | Meaning::Result
                    | Meaning::Place
                    | Meaning::Participants
            )
        })
        .count();
    let known = meanings.iter().filter(|m| **m != Meaning::Other).count();
    activity && others >= 1 && known * 2 >= filled.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meanings() {
        for (cell, m) in [
            ("№ п\\п", Meaning::Number),
            ("N п/п", Meaning::Number),
            ("п/п", Meaning::Number),
            ("N п.п.", Meaning::Number),
            ("No", Meaning::Number),
            ("Мероприятия", Meaning::Activity(1)),
            ("Наименование мероприятия", Meaning::Activity(1)),
            ("Дела, события, мероприятия", Meaning::Activity(1)),
            ("Наименование", Meaning::Activity(2)),
            ("Вид деятельности", Meaning::Activity(3)),
            ("Содержание", Meaning::Activity(3)),
            ("Тема", Meaning::Activity(3)),
            ("Форма проведения", Meaning::Activity(3)),
            ("Сроки", Meaning::Deadline(1)),
            ("Срок реализа-", Meaning::Deadline(1)),
            ("Дата проведения", Meaning::Deadline(1)),
            ("Ориентировочное время проведения", Meaning::Deadline(2)),
            ("Место и дата проведения", Meaning::DatePlace),
            ("Дата (срок), место проведения", Meaning::DatePlace),
            ("Время и место проведения", Meaning::DatePlace),
            ("Ответственные", Meaning::Responsible(1)),
            ("Ответствен-ный", Meaning::Responsible(1)),
            (
                "Ответственный за мероприятие (Фамилия И.О.)",
                Meaning::Responsible(1),
            ),
            ("Отв-ный", Meaning::Responsible(1)),
            ("Исполнитель", Meaning::Responsible(1)),
            ("Кто проводит", Meaning::Responsible(2)),
            ("Отметка о выполнении", Meaning::Result),
            ("Результат исполнения", Meaning::Result),
            ("Результат", Meaning::Other),
            ("Место проведения", Meaning::Place),
            ("Классы", Meaning::Participants),
            ("Кому адресуется", Meaning::Participants),
            ("Направленность мероприятия", Meaning::Other),
            ("Примечание", Meaning::Other),
        ] {
            assert_eq!(meaning(cell), Some(m), "{cell}");
        }
    }
}
