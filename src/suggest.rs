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
}
