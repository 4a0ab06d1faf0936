//! Responsibles as plans write them: people («Ежова Н.М.», «Н.Е. Байрачный», «Ю.Б.Крутая»), roles
//! («методист», «классные руководители»), organisations («РМЦ», «Управление образования»), in a
//! cell separated by commas — or not separated at all.

use crate::i18n::fold;
use crate::model::ResponsibleKind;

/// «Н.М.», «Н.», «Т.С», «О. Г.» (one letter and a dot at least once).
pub(crate) fn is_initials(w: &str) -> bool {
    let parts: Vec<&str> = w.split('.').filter(|p| !p.is_empty()).collect();
    w.contains('.')
        && !parts.is_empty()
        && parts.len() <= 3
        && parts
            .iter()
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
}

/// «Ежова», «Дадар-оол», «Семеняко».
pub(crate) fn is_surname(w: &str) -> bool {
    let w = w.trim_end_matches([',', ';']);
    w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().count() >= 2
        && w.chars().skip(1).all(|c| c.is_lowercase() || c == '-')
}

/// «Ю.Б.Крутая»: initials glued to the surname.
fn glued(w: &str) -> bool {
    let Some(dot) = w.rfind('.') else {
        return false;
    };
    let (ini, sur) = w.split_at(dot + 1);
    is_initials(ini) && is_surname(sur)
}

/// A person's name: surname and initials in either order.
pub(crate) fn is_person(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    match words.as_slice() {
        [a] => glued(a),
        [a, b] => is_initials(a) && is_surname(b) || is_surname(a) && is_initials(b),
        [a, b, c] => {
            is_surname(a) && is_initials(&format!("{b}{c}"))
                || is_initials(&format!("{a}{b}")) && is_surname(c)
        }
        _ => false,
    }
}

/// The people in a piece of text, as word ranges: `Some` only when every word belongs to a
/// person («Глазунова Н.С. Каплак О.М.»).
pub(crate) fn people(words: &[&str]) -> Option<Vec<(usize, usize)>> {
    let runs = person_runs(words);
    let covered: usize = runs.iter().map(|(a, b)| b - a).sum();
    (covered == words.len() && !runs.is_empty()).then_some(runs)
}

/// People among the words: (start, end) word ranges, found with the order the first person
/// sets (surname first, or initials first).
pub(crate) fn person_runs(words: &[&str]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let initials_first = words
        .iter()
        .position(|w| is_initials(w) || is_surname(w) || glued(w))
        .is_some_and(|i| is_initials(words[i]));
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        if glued(w.trim_end_matches(',')) {
            out.push((i, i + 1));
            i += 1;
            continue;
        }
        // «Аксенова О. Г.»: initials in two words
        let ini = |k: usize| -> usize {
            if k < words.len() && is_initials(words[k]) {
                if k + 1 < words.len()
                    && is_initials(words[k + 1])
                    && words[k].trim_end_matches('.').chars().count() == 1
                    && words[k + 1].trim_end_matches('.').chars().count() == 1
                {
                    2
                } else {
                    1
                }
            } else {
                0
            }
        };
        if initials_first {
            let n = ini(i);
            if n > 0 && i + n < words.len() && is_surname(words[i + n]) {
                out.push((i, i + n + 1));
                i += n + 1;
                continue;
            }
        } else if is_surname(w) {
            let n = ini(i + 1);
            if n > 0 {
                out.push((i, i + 1 + n));
                i += 1 + n;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Plural role nouns that govern a list of abbreviations: «руководители ОУ, УДО».
const GROUP_HEADS: &[&str] = &[
    "руководител",
    "директор",
    "заместител",
    "представител",
    "педагог",
    "специалист",
    "учител",
    "администрац",
    "главы",
    "заведующ",
    "сотрудник",
    "работник",
];

fn is_abbreviation(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    !s.contains(' ')
        && (2..=6).contains(&letters.len())
        && letters.iter().filter(|c| c.is_uppercase()).count() * 2 > letters.len()
}

/// The names in a responsibles cell, in the pieces the plan loader will look up: the pieces
/// between commas, semicolons and line breaks, and inside a piece each person written one after
/// another («Ежова Н.М. Лапшакова Н.Д.») with the text between them. A list of abbreviations
/// after a plural role («руководители ОУ, УДО») stays one name: «УДО» alone is not a
/// responsible.
pub(crate) fn split_names(cell: &str) -> Vec<String> {
    let mut pieces: Vec<String> = Vec::new();
    for r in crate::roster::split_list(cell) {
        let piece = cell[r].trim().to_owned();
        if piece.trim_end_matches('.').trim().is_empty() {
            continue;
        }
        if let Some(prev) = pieces.last_mut()
            && is_abbreviation(&piece)
            && {
                let f = fold(prev);
                let words: Vec<&str> = prev.split_whitespace().collect();
                GROUP_HEADS.iter().any(|h| f.starts_with(h))
                    && words.len() == 2
                    && is_abbreviation(words[1])
            }
        {
            prev.push_str(", ");
            prev.push_str(&piece);
            continue;
        }
        pieces.push(piece);
    }
    let mut out = Vec::new();
    for piece in pieces {
        let words: Vec<&str> = piece.split_whitespace().collect();
        let runs = person_runs(&words);
        // several people, or a person followed by others («Столярова И.В. Классные
        // руководители …»); a role ending with its holder («Заместитель директора Григорьева
        // К.И.») or a person with a remark («Зобнин С.Н. (по согласованию)») stays one name
        let others_follow = runs.len() == 1
            && runs[0].1 < words.len()
            && words[runs[0].1]
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
        if runs.len() >= 2 || others_follow {
            // people with text between: each person, and each stretch of other words
            let mut at = 0;
            for (a, b) in runs {
                if a > at {
                    out.push(words[at..a].join(" "));
                }
                out.push(words[a..b].join(" "));
                at = b;
            }
            if at < words.len() {
                out.push(words[at..].join(" "));
            }
            continue;
        }
        out.push(words.join(" "));
    }
    out
}

/// Words of roles and bodies that stand in a responsibles column.
const ROLE_WORDS: &[&str] = &[
    "руковод",
    "директор",
    "заместител",
    "зам",
    "методист",
    "педагог",
    "учител",
    "воспитател",
    "специалист",
    "инспектор",
    "начальник",
    "заведующ",
    "председател",
    "секретар",
    "администрац",
    "управлен",
    "отдел",
    "комитет",
    "центр",
    "школ",
    "библиотек",
    "дом культуры",
    "совет",
    "комисси",
    "оргкомитет",
    "служб",
    "министерств",
    "департамент",
    "учрежден",
    "организац",
    "коллектив",
    "работник",
    "член",
    "глав",
    "вожат",
    "психолог",
    "тренер",
    "волонт",
    "куратор",
    "координатор",
    "эксперт",
    "ответствен",
    "клуб",
    "музей",
    "отделени",
    "префектур",
    "правительств",
    "мэри",
    "минпрос",
    "минобр",
    "росстат",
    "президиум",
    "актив",
    "родител",
    "классн",
    "сотрудник",
    "штаб",
    "группа",
    "кафедр",
    "мо ",
    "пс",
];

/// Words of deliverables — what a plan's «Выход» or «Результат» column holds, and what never is
/// a responsible («Протоколы», «Пакет документов»).
const DOCUMENT_WORDS: &[&str] = &[
    "протокол",
    "информаци",
    "приказ",
    "отчет",
    "отчёт",
    "справк",
    "план ",
    "планы",
    "положени",
    "анализ",
    "пакет",
    "документ",
    "материал",
    "сборник",
    "рекомендац",
    "публикац",
    "доклад",
    "акт ",
    "график",
    "список",
    "перечень",
    "сертификат",
    "диплом",
    "грамот",
    "презентац",
    "методическ",
];

/// Whether a responsibles cell reads as a deliverable rather than as anyone responsible.
pub(crate) fn is_document_like(cell: &str) -> bool {
    let f = format!("{} ", fold(cell.trim()));
    let words: Vec<&str> = cell.split_whitespace().collect();
    !f.trim().is_empty()
        && person_runs(&words).is_empty()
        && DOCUMENT_WORDS.iter().any(|w| f.starts_with(w))
        && !ROLE_WORDS.iter().any(|w| f.contains(w))
}

/// Whether a cell names someone: a person, an abbreviation, or a role or body.
pub(crate) fn names_someone(cell: &str) -> bool {
    let f = format!("{} ", fold(cell));
    let words: Vec<&str> = cell.split_whitespace().collect();
    !person_runs(&words).is_empty()
        || words
            .iter()
            .any(|w| is_abbreviation(w.trim_matches([',', '.', ';', '(', ')'])))
        || ROLE_WORDS.iter().any(|w| f.contains(w))
}

/// Whether a cell holds people only: «Лапшакова Н.Д. Глазунова Н.С.».
pub(crate) fn only_people(cell: &str) -> bool {
    let pieces = crate::roster::split_list(cell);
    !pieces.is_empty()
        && pieces.into_iter().all(|r| {
            let words: Vec<&str> = cell[r].split_whitespace().collect();
            people(&words).is_some()
        })
}

pub(crate) fn kind_of(name: &str) -> ResponsibleKind {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    let f = fold(name);
    if is_person(name) {
        ResponsibleKind::Person
    } else if !letters.is_empty()
        && letters.len() <= 6
        && letters.iter().all(|c| c.is_uppercase())
        && !name.contains(' ')
        || [
            "групп",
            "управлен",
            "отдел",
            "центр",
            "школ",
            "учрежден",
            "организац",
            "администрац",
            "комитет",
            "министерств",
            "институт",
            "департамент",
            "префектур",
            "библиотек",
            "дом культуры",
            "музей",
            "комисси",
            "совет",
            "мбоу",
            "мбу",
            "мку",
            "мау",
            "гбу",
        ]
        .iter()
        .any(|k| f.contains(k))
    {
        ResponsibleKind::Organisation
    } else {
        ResponsibleKind::Role
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_a_cell() {
        assert_eq!(
            split_names("Ежова Н.М. Лапшакова Н.Д."),
            vec!["Ежова Н.М.", "Лапшакова Н.Д."]
        );
        assert_eq!(
            split_names("Н.Е. Байрачный К.А. Федоренко"),
            vec!["Н.Е. Байрачный", "К.А. Федоренко"]
        );
        assert_eq!(
            split_names("Руководитель МОЦ ,методист"),
            vec!["Руководитель МОЦ", "методист"]
        );
        assert_eq!(
            split_names("Руководитель МОЦ, методист."),
            vec!["Руководитель МОЦ", "методист"]
        );
        assert_eq!(
            split_names("руководители ОУ, УДО"),
            vec!["руководители ОУ, УДО"]
        );
        assert_eq!(split_names("МОЦ, РМЦ"), vec!["МОЦ", "РМЦ"]);
        assert_eq!(
            split_names("Кулешова Р.В. Звягина М.А. Главы поселений"),
            vec!["Кулешова Р.В.", "Звягина М.А.", "Главы поселений"]
        );
        assert_eq!(split_names("Аксенова О. Г."), vec!["Аксенова О. Г."]);
        assert_eq!(
            split_names("Заместитель директора Григорьева К.И."),
            vec!["Заместитель директора Григорьева К.И."]
        );
        assert_eq!(
            split_names("Столярова И.В. Классные руководители"),
            vec!["Столярова И.В.", "Классные руководители"]
        );
        assert_eq!(
            split_names("Зобнин С.Н. (по согласованию)"),
            vec!["Зобнин С.Н. (по согласованию)"]
        );
        assert!(is_person("Ю.Б.Крутая") && is_person("Зинченко Т.С"));
        assert!(only_people("Лапшакова Н.Д. Глазунова Н.С."));
        assert!(!only_people("ДК, фойе"));
        assert!(is_document_like("Протоколы") && is_document_like("Пакет документов"));
        assert!(!is_document_like("Директор школы") && !is_document_like("Ежова Н.М."));
        assert_eq!(kind_of("РМЦ"), ResponsibleKind::Organisation);
        assert_eq!(kind_of("Ежова Н.М."), ResponsibleKind::Person);
        assert_eq!(kind_of("методист"), ResponsibleKind::Role);
    }
}
