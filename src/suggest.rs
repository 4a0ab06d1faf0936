//! Did you mean …? One measure of nearness for every suggestion moc makes — keys, statuses,
//! responsibles, item numbers: the closer of normalized Damerau–Levenshtein and Jaro–Winkler
//! (less a tenth, so that a shared start alone does not win), over lower-case text with «ё» as
//! «е». Candidates scoring under [`THRESHOLD`] are not offered.

use crate::i18n::fold;

/// The least nearness worth offering.
pub(crate) const THRESHOLD: f64 = 0.7;

#[cfg(test)]
thread_local! {
    /// How many times [`nearness`] ran on this thread: the work a test counts.
    pub(crate) static MEASURED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// How near `a` is to `b`, from 0 (nothing alike) to 1 (the same), both already folded.
pub(crate) fn nearness(a: &str, b: &str) -> f64 {
    #[cfg(test)]
    MEASURED.with(|m| m.set(m.get() + 1));
    let lev = strsim::normalized_damerau_levenshtein(a, b);
    let jw = strsim::jaro_winkler(a, b);
    lev.max(jw - 0.1)
}

/// The candidates near `word`, nearest first, at most `max`, each once.
pub(crate) fn near<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
    max: usize,
) -> Vec<&'c str> {
    let w = fold(word.trim());
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .map(|c| (nearness(&w, &fold(c)), c))
        .filter(|(s, _)| *s >= THRESHOLD)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut out: Vec<&str> = Vec::new();
    for (_, c) in scored {
        if !out.contains(&c) {
            out.push(c);
        }
        if out.len() == max {
            break;
        }
    }
    out
}

/// The one candidate nearest to `word`, if any is near enough.
pub(crate) fn nearest<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    near(word, candidates, 1).into_iter().next()
}

/// The words of a phrase as compared by [`phrase_nearness`]: folded, abbreviations of the field
/// spelled out («ДО», «ДООП», «ОВЗ», «ПФДО», «КПК»), short words and prepositions dropped, each
/// word cut to its first five letters (a crude stem: «охваченных», «охвачено» → «охвач»).
pub(crate) fn phrase_words(phrase: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for raw in phrase.split(|c: char| !c.is_alphanumeric()) {
        if raw.is_empty() {
            continue;
        }
        // an abbreviation is known by its capitals (so that the preposition «до» stays one)
        let spelled: &[&str] = match raw {
            "ДО" => &["дополнительн", "образован"],
            "ДОД" => &["дополнительн", "образован", "детей"],
            "ДООП" | "ДОП" => &["дополнительн", "общеобразовательн", "программ"],
            "ОВЗ" => &["ограниченн", "возможност", "здоровь"],
            "ПФДО" => &["персонифицированн", "финансирован"],
            "КПК" | "ПК" => &["повышен", "квалификац"],
            _ => &[],
        };
        if !spelled.is_empty() {
            out.extend(spelled.iter().map(|w| stem(w)));
            continue;
        }
        let w = fold(raw);
        const STOP: [&str; 14] = [
            "в", "и", "по", "от", "до", "на", "с", "к", "о", "об", "для", "из", "за", "не",
        ];
        if STOP.contains(&w.as_str()) {
            continue;
        }
        out.push(stem(&w));
    }
    out.sort();
    out.dedup();
    out
}

/// The first five letters of a word; «охват» and «охвач…» are one stem.
fn stem(w: &str) -> String {
    let s: String = w.chars().take(5).collect();
    if s == "охват" {
        "охвач".to_owned()
    } else {
        s
    }
}

/// How near two phrases are, from 0 to 1: the share of their words ([`phrase_words`]) that they
/// have in common (Jaccard), each word matched when the same or a one-letter typo away.
pub(crate) fn phrase_nearness(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let common = a
        .iter()
        .filter(|w| {
            b.iter().any(|v| {
                v == *w
                    || (w.chars().count() >= 4
                        && strsim::damerau_levenshtein(w, v) <= 1
                        && !w.chars().all(|c| c.is_ascii_digit()))
            })
        })
        .count();
    common as f64 / (a.len() + b.len() - common) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_word() {
        let keys = ["number", "title", "deadline", "responsible"];
        assert_eq!(nearest("dedline", keys), Some("deadline"));
        assert_eq!(nearest("titel", keys), Some("title"));
        assert_eq!(nearest("zzz", keys), None);
        assert_eq!(nearest("Методис", ["методист", "РМЦ"]), Some("методист"));
        assert_eq!(nearest("donе", ["done", "planned"]), Some("done"));
    }

    #[test]
    fn phrases_of_one_indicator_are_near() {
        let canon = phrase_words(
            "Доля детей в возрасте от 5 до 18 лет, охваченных дополнительным образованием",
        );
        let short = phrase_words("Доля детей 5–18 лет, охваченных ДО");
        let other = phrase_words("Охват детей 5-18 лет дополнительным образованием");
        let count = phrase_words("Программ в Навигаторе");
        assert!(phrase_nearness(&short, &canon) > 0.8, "{short:?} {canon:?}");
        assert!(phrase_nearness(&other, &canon) >= 0.6, "{other:?}");
        assert!(phrase_nearness(&count, &canon) < 0.1);
        // «до» the preposition is dropped, «ДО» the abbreviation is spelled out
        assert!(!phrase_words("от 5 до 18").contains(&"допол".to_owned()));
    }
}
