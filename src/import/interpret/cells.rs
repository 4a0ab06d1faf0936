//! What a cell or a line reads as: a row's text, dashes, column numbers, a date, an item's
//! number, a period, a time, a deadline at the start of a text or inside a «date and place»
//! cell, the end of a sentence, a footer under the table.

use crate::deadline::{Deadline, PlanYear};
use crate::i18n::fold;
use crate::import::{is_item_number, names};

pub(super) fn row_text(row: &[String]) -> String {
    let mut out: Vec<&str> = Vec::new();
    for c in row {
        let c = c.trim();
        if !c.is_empty() && out.last() != Some(&c) {
            out.push(c);
        }
    }
    out.join(" ")
}

pub(super) fn is_dashes(row: &[String]) -> bool {
    row.iter().all(|c| {
        c.chars()
            .all(|ch| matches!(ch, '-' | '–' | '—' | '_' | ' ' | '=' | '*'))
    })
}

/// «1 2 3 4 5» under a header.
pub(super) fn is_column_numbers(row: &[String]) -> bool {
    let nums: Vec<&String> = row.iter().filter(|c| !c.is_empty()).collect();
    nums.len() >= 2
        && nums
            .iter()
            .enumerate()
            .all(|(k, c)| c.trim_end_matches('.') == (k + 1).to_string())
}

/// A date «19.10.20», «01.03.2024»: not an item number though it looks like one.
pub(super) fn looks_like_date(s: &str) -> bool {
    let t = s.trim().trim_end_matches(['г', '.', ' ']);
    let parts: Vec<&str> = t.split('.').collect();
    parts.len() == 3
        && parts[0].parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
        && parts[1].parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
        && matches!(parts[2].len(), 2 | 4)
}

pub(super) fn is_number(s: &str) -> bool {
    is_item_number(s) && !looks_like_date(s)
}

/// Words that make a row a period rather than a section.
pub(super) fn is_period(text: &str, year: PlanYear) -> bool {
    let t = text.trim().trim_end_matches([':', '.']);
    let f = fold(t);
    if t.is_empty() || t.split_whitespace().count() > 6 || t.chars().any(|c| c == '«') {
        return false;
    }
    if [
        "ежедневно",
        "еженедельно",
        "ежемесячно",
        "ежеквартально",
        "ежегодно",
        "постоянно",
        "в течение года",
        "в течение учебного года",
    ]
    .iter()
    .any(|w| f == *w)
    {
        return true;
    }
    let has_period_word = crate::i18n::MONTHS_NOM.iter().any(|m| f.contains(m))
        || crate::i18n::MONTHS_GEN.iter().any(|m| f.contains(m))
        || f.contains("квартал")
        || f.contains("полугоди")
        || f.contains("год")
        || f.contains("четверт")
        || f.contains("триместр")
        || t.chars().any(|c| c.is_ascii_digit());
    has_period_word && understood(t, year)
}

/// Whether moc's deadline parser understands a phrase as a deadline and nothing else (a phrase
/// read as a date with a place or an event beside it — `Deadline::rest` — is not one: the
/// importer splits those itself).
pub(super) fn understood(phrase: &str, year: PlanYear) -> bool {
    let p = phrase
        .trim()
        .trim_end_matches([',', ';', ':', '–', '-', '—'])
        .trim();
    !p.is_empty() && p.len() < 80 && Deadline::parse(p, year).is_ok_and(|d| d.rest.is_none())
}

/// A time «11.00», «9.00 - 9.30», «15:00», «14-00», «10 часов».
pub(super) fn is_time(s: &str) -> bool {
    let t = s.trim().trim_end_matches([',', '.', ';', ':']).trim();
    let one = |p: &str| {
        let p = p.trim();
        let p = p.strip_prefix("в ").unwrap_or(p);
        let parts: Vec<&str> = p.split(['.', ':', '-']).map(str::trim).collect();
        parts.len() == 2
            && parts[0].len() <= 2
            && parts[0].parse::<u32>().is_ok_and(|h| h < 24)
            && parts[1].len() == 2
            && parts[1].parse::<u32>().is_ok_and(|m| m < 60)
    };
    if one(t) {
        return true;
    }
    if let Some((a, b)) = t.split_once(['–', '—']).or_else(|| t.split_once(" - ")) {
        return one(a) && (one(b) || b.trim().is_empty());
    }
    // «19.00-20.00»
    let dashes: Vec<usize> = t.match_indices('-').map(|(i, _)| i).collect();
    dashes.iter().any(|&d| one(&t[..d]) && one(&t[d + 1..]))
}

/// A deadline at the start of a text: «24 ноября. Общешкольная линейка» → («24 ноября», rest);
/// «11.00 – «Эхо …»» → («11.00», rest). Looks at the first few words only.
pub(super) fn leading_deadline(text: &str, year: PlanYear) -> Option<(String, String)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty()
        || !words[0]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c.is_alphabetic())
    {
        return None;
    }
    let first = fold(words[0]);
    let plausible = words[0].chars().next().is_some_and(|c| c.is_ascii_digit())
        || ["до", "с", "в", "к", "по"].contains(&first.as_str())
        || crate::i18n::MONTHS_NOM
            .iter()
            .any(|m| first.starts_with(&m[..m.len().min(6)]));
    if !plausible {
        return None;
    }
    for n in (1..=words.len().min(7)).rev() {
        let cand = words[..n].join(" ");
        let cand_t = cand
            .trim_end_matches([',', '.', ';', ':', '–', '-', '—'])
            .trim();
        if cand_t.is_empty() {
            continue;
        }
        if is_time(cand_t) || understood(cand_t, year) {
            let rest = words[n..].join(" ");
            let rest = rest
                .trim_start_matches(['–', '-', '—', '.', ',', ':', ';', ' '])
                .trim();
            if rest.is_empty() {
                return None;
            }
            return Some((cand_t.to_owned(), rest.to_owned()));
        }
    }
    None
}

/// Split a «date and place» cell: the stretch that reads as a deadline, and the rest.
pub(super) fn split_date_place(cell: &str, year: PlanYear) -> (String, String) {
    let words: Vec<&str> = cell.split_whitespace().collect();
    let n = words.len().min(14);
    for len in (1..=n.min(8)).rev() {
        for start in 0..=n.saturating_sub(len) {
            let w = &words[start..start + len];
            if !w[0]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit() || c.is_alphabetic())
            {
                continue;
            }
            if !w.iter().any(|x| {
                x.chars().any(|c| c.is_ascii_digit())
                    || fold(x).starts_with("постоян")
                    || fold(x).starts_with("ежемес")
                    || fold(x).starts_with("течени")
            }) {
                continue;
            }
            let cand = w.join(" ");
            let cand_t = cand.trim_end_matches([',', ';', ':']).trim();
            if understood(cand_t, year) {
                let mut rest: Vec<&str> = words[..start].to_vec();
                rest.extend_from_slice(&words[start + len..]);
                rest.extend_from_slice(&words[n..]);
                return (cand_t.to_owned(), rest.join(" "));
            }
        }
    }
    (String::new(), cell.to_owned())
}

/// A date-like cell of a «№» column: «19.10.20», «1 июня».
pub(super) fn understood_loose(c: &str) -> bool {
    c.chars().any(|ch| ch.is_ascii_digit())
        && crate::i18n::MONTHS_GEN.iter().any(|m| fold(c).contains(m))
}

/// Where a plan's cell text ends a sentence (a row after it starts a new one).
pub(super) fn finished(text: &str) -> bool {
    text.trim_end()
        .ends_with(['.', ';', '!', '?', '»', ')', '"', ':'])
}

pub(super) fn starts_lower(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase)
}

/// A line under the table: a signature, a footnote, a remark.
pub(super) fn is_footer(text: &str) -> bool {
    let f = fold(text);
    let words: Vec<&str> = text.split_whitespace().collect();
    f.starts_with("<*>")
        || f.starts_with('*')
        || f.starts_with("примечани")
        || f.starts_with("директор")
        || f.starts_with("заместитель")
        || f.starts_with("начальник")
        || f.starts_with("председател")
        || f.starts_with("заведующ")
        || f.starts_with("исполнитель:")
        || f.starts_with("согласовано")
        || f.starts_with("ответственн")
        || words.len() >= 2 && names::is_person(&words[words.len() - 2..].join(" "))
        || words.len() == 1 && names::person_runs(&words).len() == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces() {
        let y = PlanYear::Calendar(2026);
        assert!(is_time("11.00") && is_time("9.00 - 9.30") && is_time("15:00") && !is_time("2026"));
        assert_eq!(
            leading_deadline("24 ноября. Общешкольная линейка.", y),
            Some(("24 ноября".into(), "Общешкольная линейка.".into()))
        );
        assert_eq!(
            split_date_place("27 ноября ДК \"Строитель\"", y),
            ("27 ноября".into(), "ДК \"Строитель\"".into())
        );
        assert!(is_period("ИЮНЬ", y) && is_period("Ежемесячно", y) && is_period("I полугодие", y));
        assert!(!is_period("Дом Культуры", y) && !is_period("I. Организационная работа", y));
        assert!(looks_like_date("19.10.20") && !looks_like_date("1.1"));
    }
}
